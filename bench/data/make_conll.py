#!/usr/bin/env python3
"""Build the Wikinews NER evaluation set (CoNLL-2003 style) from the sample
articles and the hand-made annotation file.

Tokenizes each article Penn-Treebank style (CoNLL-2003 conventions), aligns the
annotated entity strings of each sentence to tokens and writes TOKEN<TAB>GOLD
lines in IOB2. It does not annotate anything itself: every entity comes from
the .ann file, and any annotation that cannot be aligned, or aligns
ambiguously, is a hard error (exit 1) naming the article, sentence and entity.

Annotation file (.ann) format, UTF-8, one directive per line:
    # comment                       ignored, as are blank lines
    = PAGEID                        starts an article (samples/wikinews/wikinews_PAGEID.txt);
                                    articles are written in the order they appear
    N ENTITY|TYPE; ENTITY|TYPE ...  entities of sentence N of the current article
                                    (0 = title, 1 = first sentence after the date line)
  ENTITY is the surface string as it appears in the sentence; whitespace in it is
  ignored when matching, so "Wal-Mart" matches the tokens "Wal - Mart".  It must
  match a contiguous run of tokens exactly once in the sentence, otherwise the
  occurrence must be given: "ENTITY|TYPE@2" (2nd occurrence, counted left to
  right) or "ENTITY|TYPE@*" (every occurrence).  Longer strings are aligned
  first and shorter ones only outside their spans, so in "Apple Computer and
  Apple" the line "Apple Computer|ORG; Apple|ORG" is unambiguous (occurrences
  are counted among the runs still free).  TYPE is PER, ORG, LOC or MISC.
  Sentences not listed have no entities.

Usage:
    python3 bench/data/make_conll.py            # writes bench/data/wikinews-ner.conll
    python3 bench/data/make_conll.py --stats    # counts only
    python3 bench/data/make_conll.py --lint     # consistency report for review
Stdlib only, deterministic (same inputs -> byte-identical output).
"""
import argparse
import collections
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
TYPES = ("PER", "ORG", "LOC", "MISC")

# Abbreviations that keep their period inside a sentence (CoNLL-2003: "Mr.", "Inc.").
ABBREV = {
    "mr.", "mrs.", "ms.", "dr.", "prof.", "sen.", "rep.", "gov.", "gen.", "col.",
    "lt.", "sgt.", "capt.", "st.", "mt.", "ft.", "jr.", "sr.", "inc.", "corp.",
    "co.", "ltd.", "bros.", "no.", "vs.", "etc.", "jan.", "feb.", "mar.", "apr.",
    "jun.", "jul.", "aug.", "sep.", "sept.", "oct.", "nov.", "dec.", "u.s.",
    "a.m.", "p.m.", "e.g.", "i.e.", "n.v.", "plc.", "ave.", "dept.", "est.", "asst.",
}
CLITICS = ("n't", "'s", "'re", "'ve", "'ll", "'d", "'m", "'S", "N'T", "'RE", "'VE", "'LL", "'D", "'M")
REJOIN = ("Wal - Mart", "Macintosh - curious", "iTunes - compatible")
LEAD = "\"'`([{"
TRAIL = "\"'`)]},;:?!"


def normalize(line):
    """Repair detokenization artefacts of the source text ("I' m", "Apple ' s",
    "O' Leary", "Wal - Mart") and unify typographic quotes; nothing else is changed."""
    line = line.replace("\u2019", "'").replace("\u2018", "'")
    line = line.replace("\u201c", '"').replace("\u201d", '"')
    line = re.sub(r"(\w) ?' (s|re|ve|ll|m|d)\b", r"\1'\2", line)
    line = re.sub(r"\bO' (?=[A-Z])", "O'", line)
    # Hyphenated words the source split apart ("Wal - Mart"); a spaced hyphen is
    # otherwise a dash ("tankers - more often known as"), so only these are joined.
    for split in REJOIN:
        line = line.replace(split, split.replace(" - ", "-"))
    return line


def is_abbrev(word):
    low = word.lower()
    return low in ABBREV or re.fullmatch(r"(?:[a-z]\.){1,}[a-z]?\.?", low) is not None


def split_word(word, final, nxt=""):
    """Tokens of one whitespace-delimited chunk. `final` marks the last chunk of
    a sentence, whose period is split off even after an abbreviation; `nxt` is
    the following chunk ("No. 1" keeps its period, "said no." does not)."""
    lead, trail = [], []
    # leading punctuation and currency symbols
    while len(word) > 1 and (word[0] in LEAD or word[0] in "$#\u00a3\u20ac\u00a5"):
        lead.append(word[0])
        word = word[1:]
    if word.startswith("US$") and len(word) > 3:
        lead.append("US$")
        word = word[3:]
    # trailing punctuation, innermost last
    while len(word) > 1:
        if word.endswith("...") and len(word) > 3:
            trail.insert(0, "...")
            word = word[:-3]
        elif word[-1] in TRAIL:
            trail.insert(0, word[-1])
            word = word[:-1]
        elif word[-1] == "%" and re.search(r"\d%$", word):
            trail.insert(0, "%")
            word = word[:-1]
        elif word[-1] == ".":
            if re.fullmatch(r".*\.\.", word) and is_abbrev(word[:-1]):
                trail.insert(0, ".")                 # "U.S.." -> "U.S." "."
                word = word[:-1]
                break
            if re.fullmatch(r".*\.\.+", word):      # "do.." -> "do" ".."
                m = re.fullmatch(r"(.*?)(\.+)", word)
                trail.insert(0, m.group(2))
                word = m.group(1)
            elif is_abbrev(word) and (word.lower() != "no." or nxt[:1].isdigit()):
                if final:
                    trail.insert(0, ".")             # "U.S." + sentence-final "."
                break
            else:
                trail.insert(0, ".")
                word = word[:-1]
        else:
            break
    mid = []
    if word:
        low = word.lower()
        # possessive / contraction clitics: "Apple's" -> "Apple" "'s", "don't" -> "do" "n't"
        for c in CLITICS:
            if low.endswith(c.lower()) and len(word) > len(c):
                mid = [word[:-len(c)], word[-len(c):]]
                break
        else:
            if len(word) > 1 and word.endswith("'") and word[-2] in "sS":
                mid = [word[:-1], "'"]               # "players'" -> "players" "'"
            elif word.lower() in ("cannot",):
                mid = [word[:3], word[3:]]
            else:
                mid = [word]
    return lead + [m for m in mid if m] + trail


def tokenize(line, sentence=True):
    chunks = normalize(line).split()
    toks = []
    for i, ch in enumerate(chunks):
        nxt = chunks[i + 1] if i + 1 < len(chunks) else ""
        toks.extend(split_word(ch, sentence and i == len(chunks) - 1, nxt))
    return toks


DATE = re.compile(r"[A-Z][a-z]+ \d{1,2}, \d{4}")


def read_article(path):
    """-> {sentno: line}: 0 is the title, 1.. the sentences after the date line.
    About a quarter of the sample files have no title (line 1 is the date);
    they have no sentence 0."""
    with open(path, encoding="utf-8") as f:
        lines = [l.strip() for l in f.read().split("\n")]
    lines = [l for l in lines if l]
    if DATE.fullmatch(lines[0]):
        title, body = None, lines[1:]
    elif len(lines) > 1 and DATE.fullmatch(lines[1]):
        title, body = lines[0], lines[2:]
    else:
        raise ValueError(f"{path}: no date on line 1 or 2")
    if not body:
        raise ValueError(f"{path}: no sentences after the date line")
    sents = {} if title is None else {0: title}
    sents.update((i + 1, l) for i, l in enumerate(body))
    return sents


class AnnError(Exception):
    pass


def parse_ann(path):
    """-> list of (pageid, {sentno: [(string, type, occ, lineno)]})."""
    arts, cur, seen = [], None, set()
    with open(path, encoding="utf-8") as f:
        for lineno, raw in enumerate(f, 1):
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            where = f"{path}:{lineno}"
            if line.startswith("="):
                pid = line[1:].strip()
                if not pid.isdigit():
                    raise AnnError(f"{where}: bad article header {line!r}")
                if pid in seen:
                    raise AnnError(f"{where}: article {pid} annotated twice")
                seen.add(pid)
                cur = (pid, {})
                arts.append(cur)
                continue
            if cur is None:
                raise AnnError(f"{where}: sentence line before any '= PAGEID' header")
            m = re.fullmatch(r"(\d+)\s+(.*)", line)
            if not m:
                raise AnnError(f"{where}: expected 'N ENTITY|TYPE; ...', got {line!r}")
            sno = int(m.group(1))
            if sno in cur[1]:
                raise AnnError(f"{where}: sentence {sno} of article {cur[0]} listed twice")
            ents = []
            for spec in m.group(2).split(";"):
                spec = spec.strip()
                if not spec:
                    continue
                mm = re.fullmatch(r"(.+?)\|([A-Z]+)(?:@(\*|\d+))?", spec)
                if not mm or mm.group(2) not in TYPES:
                    raise AnnError(f"{where}: bad entity spec {spec!r} (want STRING|TYPE[@N|@*], TYPE in {TYPES})")
                occ = mm.group(3)
                occ = "*" if occ == "*" else (int(occ) if occ else None)
                ents.append((mm.group(1).strip(), mm.group(2), occ, lineno))
            cur[1][sno] = ents
    return arts


def find_runs(toks, target):
    """Start/end of every contiguous token run whose concatenation equals target."""
    runs = []
    for i in range(len(toks)):
        acc = ""
        for j in range(i, len(toks)):
            acc += toks[j]
            if acc == target:
                runs.append((i, j + 1))
                break
            if not target.startswith(acc):
                break
    return runs


def align(pid, sno, toks, ents, annpath):
    tags = ["O"] * len(toks)
    spans = []
    # Longest strings first; a shorter string only matches outside the spans
    # already taken, so "Apple Computer|ORG; Apple|ORG" needs no occurrence index.
    order = sorted(ents, key=lambda e: -len("".join(e[0].split())))
    for string, typ, occ, lineno in order:
        where = f"{annpath}:{lineno}: article {pid} sentence {sno}: {string}|{typ}"
        runs = [(s, e) for s, e in find_runs(toks, "".join(string.split()))
                if all(t == "O" for t in tags[s:e])]
        if not runs:
            raise AnnError(f"{where}: does not match the tokens {' '.join(toks)!r}")
        if occ is None:
            if len(runs) > 1:
                raise AnnError(f"{where}: matches {len(runs)} times, give @N or @*")
            chosen = runs
        elif occ == "*":
            chosen = runs
        else:
            if not 1 <= occ <= len(runs):
                raise AnnError(f"{where}: occurrence @{occ} but only {len(runs)} match(es)")
            chosen = [runs[occ - 1]]
        for s, e in chosen:
            if any(t != "O" for t in tags[s:e]):
                raise AnnError(f"{where}: overlaps another entity at token {s}")
            tags[s] = "B-" + typ
            for k in range(s + 1, e):
                tags[k] = "I-" + typ
            spans.append((s, e, typ))
    return tags, spans


def build(srcdir, annpath):
    """-> list of (pageid, [(sentno, tokens, tags, spans)])."""
    out = []
    for pid, sents in parse_ann(annpath):
        path = os.path.join(srcdir, f"wikinews_{pid}.txt")
        if not os.path.exists(path):
            raise AnnError(f"{annpath}: article {pid}: no file {path}")
        lines = read_article(path)
        for sno in sents:
            if sno not in lines:
                raise AnnError(f"{annpath}: article {pid}: no sentence {sno} (has {min(lines)}..{max(lines)})")
        doc = []
        for sno in sorted(lines):
            toks = tokenize(lines[sno])
            tags, spans = align(pid, sno, toks, sents.get(sno, []), annpath)
            doc.append((sno, toks, tags, spans))
        out.append((pid, doc))
    return out


def write_conll(docs, path):
    parts = []
    for _pid, doc in docs:
        parts.append("-DOCSTART-\tO\n\n")
        for _sno, toks, tags, _ in doc:
            parts.append("".join(f"{t}\t{g}\n" for t, g in zip(toks, tags)) + "\n")
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("".join(parts))


def stats(docs):
    c = collections.Counter()
    for _pid, doc in docs:
        c["articles"] += 1
        for _sno, toks, _tags, spans in doc:
            c["sentences"] += 1
            c["tokens"] += len(toks)
            for _s, _e, typ in spans:
                c[typ] += 1
    return c


def lint(docs, out):
    """Review aids: strings annotated with more than one type, and unannotated
    occurrences of strings annotated elsewhere (possible misses)."""
    types = collections.defaultdict(collections.Counter)
    for pid, doc in docs:
        for _sno, toks, _t, spans in doc:
            for s, e, typ in spans:
                types[" ".join(toks[s:e])][typ] += 1
    for name in sorted(types):
        if len(types[name]) > 1:
            out.write(f"MIXED {name}: {dict(types[name])}\n")
    names = sorted(types, key=lambda n: -len(n.split()))
    for pid, doc in docs:
        for sno, toks, tags, _spans in doc:
            for name in names:
                ntoks = name.split()
                n = len(ntoks)
                for i in range(len(toks) - n + 1):
                    if toks[i:i + n] == ntoks and all(t == "O" for t in tags[i:i + n]):
                        ctx = " ".join(toks[max(0, i - 4):i + n + 4])
                        out.write(f"MISS? {pid} {sno} {name} ({'/'.join(types[name])}): ...{ctx}...\n")
            # capitalised tokens after position 0 left as O (names the lint cannot know)
            for i, (t, g) in enumerate(zip(toks, tags)):
                if i > 0 and g == "O" and t[:1].isupper() and toks[i - 1] not in ('"', "``", ":"):
                    out.write(f"CAP {pid} {sno} {t}\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--src", default=os.path.join(REPO, "samples", "wikinews"))
    ap.add_argument("--ann", default=os.path.join(HERE, "wikinews-ner.ann"))
    ap.add_argument("--out", default=os.path.join(HERE, "wikinews-ner.conll"))
    ap.add_argument("--stats", action="store_true", help="print counts, write nothing")
    ap.add_argument("--lint", action="store_true", help="print a review report, write nothing")
    a = ap.parse_args()
    try:
        docs = build(a.src, a.ann)
    except (AnnError, ValueError, OSError) as e:
        sys.stderr.write(f"make_conll: {e}\n")
        return 1
    if a.lint:
        lint(docs, sys.stdout)
        return 0
    c = stats(docs)
    summary = (f"{c['articles']} articles, {c['sentences']} sentences, {c['tokens']} tokens; entities: "
               + ", ".join(f"{t} {c[t]}" for t in TYPES) + f" (total {sum(c[t] for t in TYPES)})")
    if not a.stats:
        write_conll(docs, a.out)
        summary = f"wrote {os.path.relpath(a.out, REPO)}: " + summary
    print(summary)
    return 0


if __name__ == "__main__":
    sys.exit(main())
