#!/usr/bin/env python3
"""Graph quality of `kgraph build` against hand-annotated news (bench/data/).

Scores the nodes of the graph, not only the tagger's spans: is every real
entity of an article one node, of the right type, holding nothing else; and
across articles, is one real entity one node (no "Steve Jobs" person in one
article and location in another)?

Gold: the CoNLL-2003-style Wikinews annotations (bench/data/wikinews-ner.ann,
PER/ORG/LOC/MISC, built by bench/data/make_conll.py).  Their tokens are
aligned back to the article text to get byte offsets, so kgraph's mentions
(mentions.csv: byte offsets into the document) are matched to gold spans
exactly.  Gold ENTITIES (which spans name the same real thing) are made from
the spans:
  - one entity per type and normalized string (case, accents, spacing,
    a trailing possessive ignored; for ORG also trailing legal forms: "Corp",
    "Inc.", "Co", "LLC", "Company");
  - bench/data/wikinews-entities.tsv, a hand-made list of surface forms of the
    same entity ("GM" = "General Motors", "U.S." = "United States");
  - in an article, a one-word PER string that is the first or last word of
    exactly one longer PER string of that article belongs to it ("Jobs" and
    "Steve" -> "Steve Jobs"), and so does one that only one such name
    introduced before it; otherwise it stays its own entity.
Across articles the same (type, canonical string) is the same entity.

Types: PER = person, ORG = organization, LOC = country + location.  kgraph
events are not scored.  A kgraph country or location mention on a gold MISC
span is ignored (the demonyms "American", "European" count as the place by
design); any other kgraph mention on a MISC span ("Mac OS X" as a person) is
a false one.

Figures:
  mentions   P/R/F1 per type, exact byte span and type (conlleval style).
  nodes      per document: a node (entity id with mentions in the article) is
             right when its mentions that hit gold spans point, by plurality,
             to a gold entity of the node's type; precision = right nodes /
             nodes, recall = gold entities that some right node stands for /
             gold entities (micro over the articles, and the macro mean).
             Over the corpus the same with node ids and corpus entities.
  splits     a gold entity whose mentions land in two or more nodes
             (per document; over the corpus, type splits included).
  merges     a node holding mentions of two or more gold entities (a bare
             surname with a full name ending in it is not counted: the gold
             cannot tell).
Then the worst offenders of each kind.

Usage:
  bench/graph_quality.py                      # builds with build/cli/kgraph
  bench/graph_quality.py --rules              # kgraph build --rules
  bench/graph_quality.py --out DIR            # score an existing output folder
  bench/graph_quality.py --kgraph BIN --top 30 --json report.json
Another annotated set in the same format can be scored with --gold-script,
--ann, --src, --pattern (and --aliases).  Python 3, stdlib only.
"""
import argparse
import collections
import csv
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
TMAP = {"person": "PER", "organization": "ORG", "country": "LOC", "location": "LOC"}
TYPES = ("PER", "ORG", "LOC")
QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})


def norm(s):
    """Entity key of a surface string: accents and case folded, spacing
    collapsed, typographic quotes unified, a trailing possessive dropped."""
    s = unicodedata.normalize("NFKD", s.translate(QUOTES))
    s = "".join(ch for ch in s if not unicodedata.combining(ch)).casefold()
    s = " ".join(s.split())
    s = re.sub(r" ?' ?s$| ?'$", "", s)
    return re.sub(r" ?' ?", "'", s)


LEGAL = re.compile(r"(?:[ ,]+(?:&|and))?[ ,]+(?:inc|corp|co|cos|ltd|plc|llc|ag|spa|s\.p\.a|nv|n\.v|sa|s\.a"
                   r"|corporation|company|incorporated|limited)\.?$")


def gold_key(typ, surface):
    """norm(), and for organizations without trailing legal forms: "Chrysler
    Corp", "Chrysler LLC" and "Chrysler" are one company in any news."""
    k = norm(surface)
    while typ == "ORG":
        short = LEGAL.sub("", k)
        if short == k or not short:
            break
        k = short
    return k


# ------------------------------------------------------------------ gold


def load_module(path):
    spec = importlib.util.spec_from_file_location("gold_conll", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def read_text(path):
    raw = open(path, "rb").read()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def token_offsets(text, sentences, where):
    """Byte offsets (into text as UTF-8) of every gold token, in order: the
    tokens are substrings of the text once whitespace is removed (the
    tokenizer only splits and unifies quotes), except the "." it adds after
    a sentence-final abbreviation."""
    flat, bstart, bend = [], [], []
    b = 0
    for ch in text:
        n = len(ch.encode("utf-8"))
        if not ch.isspace():
            flat.append(ch.translate(QUOTES))
            bstart.append(b)
            bend.append(b + n)
        b += n
    flat = "".join(flat)
    pos, out = 0, []
    for sno, toks in sentences:
        offs = []
        for j, tok in enumerate(toks):
            t = tok.translate(QUOTES)
            if t == "." and j and toks[j - 1].endswith(".") and not flat.startswith(t, pos):
                offs.append((offs[-1][1], offs[-1][1]))  # "U.S. ." ends a sentence: no text
                continue
            i = flat.find(t, pos)
            if i < 0:
                raise SystemExit(f"{where}: sentence {sno}: token {tok!r} not found in the text")
            offs.append((bstart[i], bend[i + len(t) - 1]))
            pos = i + len(t)
        out.append(offs)
    return out


def load_aliases(path):
    """(type, key) -> canonical key, from TYPE<TAB>canonical<TAB>alias|alias."""
    amap = {}
    if not path:
        return amap
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) != 3 or cols[0] not in TYPES:
                raise SystemExit(f"{path}:{lineno}: want TYPE<TAB>CANONICAL<TAB>ALIAS|ALIAS")
            canon = gold_key(cols[0], cols[1])
            for a in [cols[1]] + cols[2].split("|"):
                k = (cols[0], gold_key(cols[0], a))
                if k in amap and amap[k] != canon:
                    raise SystemExit(f"{path}:{lineno}: {a!r} already belongs to {amap[k]!r}")
                amap[k] = canon
    return amap


class Gold:
    """Gold mentions with byte spans and entity keys, per document."""

    def __init__(self, args):
        mod = load_module(args.gold_script)
        docs = mod.build(args.src, args.ann)
        amap = load_aliases(args.aliases)
        self.docs = {}   # pid -> {"path", "text", "spans": {(s, e): (type, key)}, "ents": {key: n}}
        for pid, doc in docs:
            path = os.path.join(args.src, args.pattern.format(pid))
            text = read_text(path)
            offs = token_offsets(text, [(sno, toks) for sno, toks, _t, _s in doc], path)
            raw = text.encode("utf-8")
            spans = {}
            for (sno, toks, _tags, sp), off in zip(doc, offs):
                for s, e, typ in sp:
                    bs, be = off[s][0], off[e - 1][1]
                    surface = raw[bs:be].decode("utf-8")
                    k = gold_key(typ, surface)
                    spans[(bs, be)] = (typ, amap.get((typ, k), k), surface)
            self.docs[pid] = {"path": path, "text": text, "spans": self._cluster(spans)}

    @staticmethod
    def _cluster(spans):
        """Link a one-word PER key to the longer PER key of the document that
        starts or ends with it: the only one in the document, or else the
        only one introduced before the mention (news name a person in full
        first: "Steve" after "Steve Jobs", before "Steve Ballmer")."""
        first = {}  # multi-word PER key -> first byte offset
        for (bs, _be), (typ, k, _) in sorted(spans.items()):
            if typ == "PER" and " " in k:
                first.setdefault(k, bs)

        def lends(full, k):
            w = full.split(" ")
            return w[0] == k or w[-1] == k or (
                len(w) > 2 and w[-1] in ("jr.", "jr", "sr.") and w[-2] == k)

        out = {}
        for span, (typ, k, surface) in spans.items():
            if typ == "PER" and " " not in k:
                cands = [f for f in first if lends(f, k)]
                before = [f for f in cands if first[f] < span[0]]
                if len(cands) == 1:
                    k = cands[0]
                elif len(before) == 1:
                    k = before[0]
            out[span] = (typ, k, surface)
        return out


def compatible(a, b):
    """Two gold keys the annotation cannot tell apart: a one-word PER key and
    a PER name starting or ending with that word ("bush", "george w. bush")."""
    if a[0] != "PER" or b[0] != "PER":
        return False
    for x, y in ((a[1], b[1]), (b[1], a[1])):
        if " " not in x and " " in y:
            w = y.split(" ")
            if w[0] == x or w[-1] == x:
                return True
    return False


def incompatible_keys(keys):
    keys = sorted(keys)
    return any(not compatible(keys[i], keys[j])
               for i in range(len(keys)) for j in range(i + 1, len(keys)))


# --------------------------------------------------------------- system


def run_kgraph(args, gold, work):
    """Build the annotated articles alone (UTF-8 copies) into work/out."""
    docdir = os.path.join(work, "docs")
    os.makedirs(docdir)
    for pid, d in gold.docs.items():
        with open(os.path.join(docdir, os.path.basename(d["path"])), "w", encoding="utf-8") as f:
            f.write(d["text"])
    out = os.path.join(work, "out")
    cmd = [args.kgraph, "build", docdir, "-o", out, "-q"] + (["--rules"] if args.rules else [])
    cmd += args.kgraph_arg
    r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if r.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)}: exit {r.returncode}\n{r.stderr}")
    return out


def read_system(outdir, pattern):
    rx = re.compile(re.escape(pattern).replace(re.escape("{}"), "(.+)") + "$")
    nodes = {}
    with open(os.path.join(outdir, "nodes.csv"), newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            nodes[row["Id"]] = row
    ments = collections.defaultdict(list)  # pid -> [(start, end, text, id, mention type)]
    with open(os.path.join(outdir, "mentions.csv"), newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            m = rx.match(os.path.basename(row["Document"]))
            if m:
                ments[m.group(1)].append((int(row["Start"]), int(row["End"]), row["Text"],
                                          row["Entity"], row["Type"]))
    return nodes, ments


# -------------------------------------------------------------- scoring


def prf(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score(gold, nodes, ments):
    mtp, mfp, mfn = collections.Counter(), collections.Counter(), collections.Counter()
    fp_str, fn_str = collections.Counter(), collections.Counter()
    doc_rows = []
    d_nodes = d_right = d_ents = d_found = d_splits = d_merges = 0
    d_mistyped = d_junk = 0
    # corpus: node id -> Counter(gold key) / junk mention texts; key -> Counter(node id)
    node_keys = collections.defaultdict(collections.Counter)
    node_junk = collections.defaultdict(collections.Counter)
    node_seen = set()
    key_nodes = collections.defaultdict(collections.Counter)
    key_docs = collections.defaultdict(set)
    doc_splits, doc_merges = collections.Counter(), collections.Counter()

    def ntype(eid, fallback):
        row = nodes.get(eid)
        return row["Type"] if row else fallback

    for pid in sorted(gold.docs):
        spans = gold.docs[pid]["spans"]
        typed = set()
        d_keys = collections.defaultdict(collections.Counter)   # node -> gold keys
        d_junkn = collections.Counter()
        d_seen = set()
        for s, e, text, eid, mtype in ments.get(pid, []):
            if mtype not in TMAP:
                continue
            g = spans.get((s, e))
            T = TMAP[mtype]
            if g and g[0] == "MISC" and T == "LOC":
                continue
            typed.add((s, e, T))
            # mention level: exact span and type
            if g and g[0] == T:
                mtp[T] += 1
            else:
                mfp[T] += 1
                fp_str[(T, text)] += 1
            # node level
            d_seen.add(eid)
            if g and g[0] in TYPES:
                key = (g[0], g[1])
                d_keys[eid][key] += 1
                node_keys[eid][key] += 1
                key_nodes[key][eid] += 1
            else:
                d_junkn[eid] += 1
                node_junk[eid][text] += 1
        for span, (typ, k, surface) in spans.items():
            if typ == "MISC":
                continue
            key_docs[(typ, k)].add(pid)
            if span + (typ,) not in typed:
                mfn[typ] += 1
                fn_str[(typ, surface)] += 1
        node_seen |= d_seen
        ents = {(typ, k) for typ, k, _ in spans.values() if typ != "MISC"}
        right, found, mistyped, junk = 0, set(), 0, 0
        for eid in d_seen:
            if not d_keys[eid]:
                junk += 1
                continue
            best = max(sorted(d_keys[eid]), key=lambda k: d_keys[eid][k])
            if TMAP.get(ntype(eid, "")) == best[0]:
                right += 1
                found.add(best)
            else:
                mistyped += 1
            if incompatible_keys(d_keys[eid]):
                d_merges += 1
                doc_merges[eid] += 1
        key_n = collections.defaultdict(set)
        for eid, ks in d_keys.items():
            for k in ks:
                key_n[k].add(eid)
        splits = [k for k, v in key_n.items() if len(v) > 1]
        for k in splits:
            doc_splits[k] += 1
        d_nodes += len(d_seen)
        d_right += right
        d_ents += len(ents)
        d_found += len(found)
        d_splits += len(splits)
        d_mistyped += mistyped
        d_junk += junk
        p, r, f = prf(right, len(d_seen) - right, len(ents) - len(found))
        doc_rows.append({"doc": pid, "nodes": len(d_seen), "right": right, "entities": len(ents),
                         "found": len(found), "splits": len(splits), "P": p, "R": r, "F1": f})

    # corpus level
    c_right, c_found, c_mistyped, c_junk = 0, set(), [], []
    for eid in sorted(node_seen):
        ks = node_keys[eid]
        if not ks:
            c_junk.append(eid)
            continue
        best = max(sorted(ks), key=lambda k: ks[k])
        t = ntype(eid, "")
        if TMAP.get(t) == best[0]:
            c_right += 1
            c_found.add(best)
        else:
            c_mistyped.append((eid, best))
    c_splits = {k: v for k, v in key_nodes.items() if len(v) > 1}
    c_merges = {eid: ks for eid, ks in node_keys.items() if incompatible_keys(ks)}
    all_keys = set(key_docs)
    missed = sorted(all_keys - set(key_nodes), key=lambda k: (-len(key_docs[k]), k))

    res = {
        "mentions": {T: dict(zip(("P", "R", "F1"), prf(mtp[T], mfp[T], mfn[T])),
                             tp=mtp[T], fp=mfp[T], fn=mfn[T]) for T in TYPES},
        "documents": {
            "nodes": d_nodes, "right": d_right, "entities": d_ents, "found": d_found,
            "junk": d_junk, "mistyped": d_mistyped, "splits": d_splits, "merges": d_merges,
            "P": d_right / d_nodes if d_nodes else 0.0,
            "R": d_found / d_ents if d_ents else 0.0,
            "macro_P": sum(r["P"] for r in doc_rows) / len(doc_rows),
            "macro_R": sum(r["R"] for r in doc_rows) / len(doc_rows),
        },
        "corpus": {
            "nodes": len(node_seen), "right": c_right, "entities": len(all_keys),
            "found": len(c_found), "junk": len(c_junk), "mistyped": len(c_mistyped),
            "splits": len(c_splits), "merges": len(c_merges),
            "P": c_right / len(node_seen) if node_seen else 0.0,
            "R": len(c_found) / len(all_keys) if all_keys else 0.0,
        },
    }
    a = [sum(mtp.values()), sum(mfp.values()), sum(mfn.values())]
    res["mentions"]["all"] = dict(zip(("P", "R", "F1"), prf(*a)), tp=a[0], fp=a[1], fn=a[2])
    for lvl in ("documents", "corpus"):
        d = res[lvl]
        d["F1"] = 2 * d["P"] * d["R"] / (d["P"] + d["R"]) if d["P"] + d["R"] else 0.0

    def label(eid):
        return nodes[eid]["Label"] if eid in nodes else eid

    res["offenders"] = {
        "junk_nodes": sorted(([eid, label(eid), sum(node_junk[eid].values()),
                               [t for t, _ in node_junk[eid].most_common(3)]] for eid in c_junk),
                             key=lambda x: (-x[2], x[0])),
        "mistyped_nodes": sorted(([eid, label(eid), k[0] + ":" + k[1], sum(node_keys[eid].values())]
                                  for eid, k in c_mistyped), key=lambda x: (-x[3], x[0])),
        "splits": sorted(([k[0] + ":" + k[1], sorted(v.items(), key=lambda x: (-x[1], x[0]))]
                          for k, v in c_splits.items()),
                         key=lambda x: (-sum(n for _, n in x[1]), x[0])),
        "merges": sorted(([eid, label(eid), sorted(((k[0] + ":" + k[1], n) for k, n in ks.items()),
                                                   key=lambda x: (-x[1], x[0]))]
                          for eid, ks in c_merges.items()), key=lambda x: x[0]),
        "missed_entities": [[k[0] + ":" + k[1], len(key_docs[k])] for k in missed],
        "mention_fp": [[t, s, n] for (t, s), n in sorted(fp_str.items(), key=lambda x: (-x[1], x[0]))],
        "mention_fn": [[t, s, n] for (t, s), n in sorted(fn_str.items(), key=lambda x: (-x[1], x[0]))],
        "worst_documents": sorted(doc_rows, key=lambda r: (r["F1"], r["doc"])),
    }
    return res


def report(res, top):
    out = []
    w = out.append
    w("mentions (exact span and type)")
    for T in TYPES + ("all",):
        m = res["mentions"][T]
        w(f"  {T:<4} P {m['P']:.3f}  R {m['R']:.3f}  F1 {m['F1']:.3f}   "
          f"(tp {m['tp']}, fp {m['fp']}, fn {m['fn']})")
    d = res["documents"]
    w("nodes per document (micro over documents)")
    w(f"  P {d['P']:.3f}  R {d['R']:.3f}  F1 {d['F1']:.3f}   macro P {d['macro_P']:.3f}  "
      f"R {d['macro_R']:.3f}")
    w(f"  {d['nodes']} nodes: {d['right']} right, {d['mistyped']} mistyped, {d['junk']} junk; "
      f"{d['entities']} gold entities, {d['found']} found")
    w(f"  split entities {d['splits']}, wrongly merged nodes {d['merges']}")
    c = res["corpus"]
    w("nodes over the corpus")
    w(f"  P {c['P']:.3f}  R {c['R']:.3f}  F1 {c['F1']:.3f}")
    w(f"  {c['nodes']} nodes: {c['right']} right, {c['mistyped']} mistyped, {c['junk']} junk; "
      f"{c['entities']} gold entities, {c['found']} found")
    w(f"  split entities {c['splits']}, wrongly merged nodes {c['merges']}")
    if top <= 0:
        return "\n".join(out) + "\n"
    o = res["offenders"]
    w(f"\nworst offenders (top {top})")
    w("junk nodes (no mention on a gold PER/ORG/LOC span): id, label, mentions, texts")
    for eid, lab, n, texts in o["junk_nodes"][:top]:
        w(f"  {eid:<40} {lab!r:<28} {n:>3}  {' | '.join(texts)}")
    w("mistyped nodes: id, label, gold entity, mentions")
    for eid, lab, k, n in o["mistyped_nodes"][:top]:
        w(f"  {eid:<40} {lab!r:<28} {k}  {n}")
    w("split entities (gold entity -> nodes)")
    for k, v in o["splits"][:top]:
        w(f"  {k:<32} " + ", ".join(f"{eid} ({n})" for eid, n in v))
    w("wrongly merged nodes (node -> gold entities)")
    for eid, lab, ks in o["merges"][:top]:
        w(f"  {eid:<40} " + ", ".join(f"{k} ({n})" for k, n in ks))
    w("missed gold entities (no mention found), by documents")
    w("  " + "; ".join(f"{k} ({n})" for k, n in o["missed_entities"][:top]))
    w("false mentions (type, text, count)")
    w("  " + "; ".join(f"{t} {s!r} {n}" for t, s, n in o["mention_fp"][:top]))
    w("missed mentions (type, text, count)")
    w("  " + "; ".join(f"{t} {s!r} {n}" for t, s, n in o["mention_fn"][:top]))
    w("worst documents (node F1)")
    for r in o["worst_documents"][:min(top, 10)]:
        w(f"  {r['doc']:<10} F1 {r['F1']:.3f}  nodes {r['nodes']} right {r['right']}  "
          f"entities {r['entities']} found {r['found']}  splits {r['splits']}")
    return "\n".join(out) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--kgraph", default=os.path.join(REPO, "build", "cli", "kgraph"))
    ap.add_argument("--out", help="score this kgraph output folder instead of building")
    ap.add_argument("--rules", action="store_true", help="kgraph build --rules")
    ap.add_argument("--kgraph-arg", action="append", default=[],
                    help="extra argument for kgraph build (repeatable)")
    ap.add_argument("--gold-script", default=os.path.join(HERE, "data", "make_conll.py"))
    ap.add_argument("--ann", default=os.path.join(HERE, "data", "wikinews-ner.ann"))
    ap.add_argument("--src", default=os.path.join(REPO, "samples", "wikinews"))
    ap.add_argument("--pattern", default="wikinews_{}.txt", help="article file name, {} = id")
    ap.add_argument("--aliases", default=os.path.join(HERE, "data", "wikinews-entities.tsv"),
                    help="gold surface forms of one entity ('' for none)")
    ap.add_argument("--top", type=int, default=15, help="offenders listed per kind (0: none)")
    ap.add_argument("--json", help="also write the figures and offenders as JSON here")
    args = ap.parse_args()

    gold = Gold(args)
    work = None
    try:
        outdir = args.out
        if not outdir:
            work = tempfile.mkdtemp(prefix="kg-quality-")
            outdir = run_kgraph(args, gold, work)
        nodes, ments = read_system(outdir, args.pattern)
    finally:
        if work:
            shutil.rmtree(work, ignore_errors=True)
    res = score(gold, nodes, ments)
    sys.stdout.write(report(res, args.top))
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(res, f, indent=1, ensure_ascii=False)
            f.write("\n")


if __name__ == "__main__":
    main()
