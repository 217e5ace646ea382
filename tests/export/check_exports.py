#!/usr/bin/python3
"""check_exports.py: read a kgraph output folder with real third-party readers.

Usage: check_exports.py OUTDIR --schema GRAPHML_XSD --node-modules DIR
                        [--expect FILE] [--render-only]

The readers: xmllint (GraphML 1.0 XSD), networkx (read_graphml, read_gexf),
python-igraph (Read_GraphML), graphology-graphml and graphology-gexf (the
parsers of Gephi Lite, through node), Graphviz (dot and sfdp -Tsvg with an
empty stderr; gv2gxl to read the labels back), Python's csv module (strict).
Then every reader must see the same node labels and the same edges with the
same weights, and the ones in --expect ("N\\t<label>" and
"E\\t<label>\\t<label>\\t<weight>" lines) when given.

--render-only: only the Graphviz rendering (for the 10,000-node graph).

Prints one PASS/FAIL line per check and "N passed, M failed"; exits 1 on any
failure.  Run by the Criterion test tests/export/test_readers.c.
"""
import argparse
import collections
import csv
import io
import json
import math
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
GML = "{http://graphml.graphdrawing.org/xmlns}"
GEXF13 = "http://gexf.net/1.3"
# A finite number as Java's Double.parseDouble (Gephi) and Graphviz read it,
# without exponent (Graphviz rejects 1e-05).
PLAIN_NUM = re.compile(r"^-?(\d+\.?\d*|\.\d+)$")
INT_RE = re.compile(r"^-?\d+$")
# Key ids and attr.names Gephi's GraphML importer maps to its own properties.
GEPHI_NODE_RESERVED = {"label", "d3", "x", "y", "xpos", "ypos", "z", "size", "r", "g", "b"}
GEPHI_EDGE_RESERVED = {"label", "edgelabel", "d7", "weight", "edge weight", "id", "edgeid",
                       "r", "g", "b"}


class Report:
    def __init__(self):
        self.passed = self.failed = 0

    def check(self, name, ok, detail=""):
        if ok:
            self.passed += 1
        else:
            self.failed += 1
        line = ("PASS  " if ok else "FAIL  ") + name
        if detail and not ok:
            line += "  -- " + detail
        print(line, flush=True)
        return ok


def run(cmd, timeout=600):
    try:
        p = subprocess.run(cmd, capture_output=True, timeout=timeout)
        return p.returncode, p.stdout, p.stderr.decode("utf-8", "replace")
    except FileNotFoundError as e:
        return 127, b"", "not installed: %s" % e
    except subprocess.TimeoutExpired:
        return 124, b"", "timed out after %ss" % timeout


def short(items, n=4):
    items = list(items)
    s = ", ".join(repr(x)[:120] for x in items[:n])
    return s + (" ... (+%d more)" % (len(items) - n) if len(items) > n else "")


def nl(s):
    """XML readers turn CR LF into LF unless the CR was escaped: compare as LF."""
    return s.replace("\r\n", "\n").replace("\r", "\n") if isinstance(s, str) else s


def view(labels, edges):
    """What one reader saw: labels, and (sorted label pair, float weight) per edge."""
    def w(x):
        try:
            return float(x)
        except (TypeError, ValueError):
            return None
    return {"labels": [nl(x) for x in labels],
            "edges": [(tuple(sorted((nl(a), nl(b)))), w(x)) for a, b, x in edges]}


# ------------------------------------------------------------------ GraphML
def check_graphml(rep, path, args):
    views = {}
    rc, _, err = run(["xmllint", "--nonet", "--noout", "--schema", args.schema, path])
    rep.check("graphml: valid against the GraphML 1.0 XSD (xmllint)", rc == 0, err.strip()[:300])
    raw = open(path, "rb").read()
    rep.check("graphml: no raw CR (a reader would turn it into LF)", b"\r" not in raw)
    root = ET.fromstring(raw)
    g = root.find(GML + "graph")
    rep.check("graphml: edgedefault=undirected", g is not None and g.get("edgedefault") == "undirected")
    keys = {k.get("id"): k for k in root.iter(GML + "key")}
    bad = [k for k, e in keys.items() if e.get("for") not in ("node", "edge")
           or e.get("attr.type") not in ("string", "long", "double")]
    rep.check("graphml: every key has for=node|edge and a Gephi attr.type", not bad, short(bad))
    by = {(e.get("for"), e.get("attr.name")): (k, e.get("attr.type")) for k, e in keys.items()}
    rep.check("graphml: node key 'label' (string)", by.get(("node", "label"), (0, 0))[1] == "string")
    rep.check("graphml: edge key 'weight' (double)", by.get(("edge", "weight"), (0, 0))[1] == "double")
    clash = []
    for k, e in keys.items():
        reserved = GEPHI_NODE_RESERVED if e.get("for") == "node" else GEPHI_EDGE_RESERVED
        own = {"node": "label", "edge": "weight"}[e.get("for")]
        for name in (k, e.get("attr.name")):
            if name.lower() in reserved and name != own:
                clash.append("%s %s" % (e.get("for"), name))
    rep.check("graphml: no Gephi-reserved key id/name used for other data", not clash, short(clash))
    bad = []
    for d in root.iter(GML + "data"):
        t = keys[d.get("key")].get("attr.type")
        text = d.text or ""
        if (t == "double" and not PLAIN_NUM.match(text)) or (t == "long" and not INT_RE.match(text)):
            bad.append("%s=%r" % (d.get("key"), text))
    rep.check("graphml: every number finite, without exponent", not bad, short(bad))
    ids = [n.get("id") for n in g.iter(GML + "node")]
    rep.check("graphml: node ids unique", len(set(ids)) == len(ids))

    import igraph
    import networkx as nx

    def by_igraph():
        IG = igraph.Graph.Read_GraphML(path)
        lab = IG.vs["label"]
        return view(lab, [(lab[e.source], lab[e.target], e["weight"]) for e in IG.es]), not IG.is_directed()
    read_with(rep, views, "graphml/networkx", "graphml: networkx.read_graphml",
              lambda: nx_view(nx.read_graphml(path)))
    read_with(rep, views, "graphml/igraph", "graphml: igraph.Graph.Read_GraphML", by_igraph)
    read_with(rep, views, "graphml/graphology", "graphml: graphology-graphml (Gephi Lite)",
              lambda: graphology(rep, "graphml", path))
    return views


def read_with(rep, views, key, what, read):
    """Run one reader: read() returns (view, undirected) or raises."""
    try:
        v, undirected = read()
        views[key] = v
        rep.check("%s reads it as an undirected graph" % what, undirected)
    except Exception as e:  # noqa: BLE001
        rep.check("%s reads it" % what, False, "%s: %s" % (type(e).__name__, str(e)[-300:]))


def nx_view(G):
    return view([d.get("label", "") for _, d in G.nodes(data=True)],
                [(G.nodes[u].get("label"), G.nodes[v].get("label"), d.get("weight"))
                 for u, v, d in G.edges(data=True)]), not G.is_directed()


def graphology(rep, fmt, path):
    rc, out, err = run(["node", os.path.join(HERE, "graphology_read.js"), fmt, path])
    if rc != 0:
        raise RuntimeError(err.strip() or "rc=%d" % rc)
    d = json.loads(out)
    lab = {n["key"]: n["attributes"].get("label", "") for n in d["nodes"]}
    if fmt == "gexf":
        nocolor = [n["key"] for n in d["nodes"]
                   if not n["attributes"].get("color") or not n["attributes"].get("size")]
        rep.check("gexf: graphology sees a colour and a size on every node", not nocolor, short(nocolor))
    weights = [e["attributes"].get("weight") for e in d["edges"]]
    bad = [w for w in weights if not isinstance(w, (int, float)) or not math.isfinite(w)]
    rep.check("%s: graphology sees a finite numeric weight on every edge" % fmt, not bad, short(bad))
    return view(lab.values(), [(lab[e["source"]], lab[e["target"]], e["attributes"].get("weight"))
                               for e in d["edges"]]), d["type"] == "undirected"


# --------------------------------------------------------------------- GEXF
def check_gexf(rep, path):
    views = {}
    rc, _, err = run(["xmllint", "--nonet", "--noout", path])
    rep.check("gexf: well-formed XML (xmllint)", rc == 0, err.strip()[:300])
    root = ET.parse(path).getroot()
    ns = "{%s}" % GEXF13
    rep.check("gexf: GEXF 1.3 (namespace and version)",
              root.tag == ns + "gexf" and root.get("version") == "1.3", root.tag)
    g = root.find(ns + "graph")
    rep.check("gexf: defaultedgetype=undirected, timeformat=date",
              g.get("defaultedgetype") == "undirected" and g.get("timeformat") == "date")
    titles = {}
    for a in g.findall(ns + "attributes"):
        for at in a.findall(ns + "attribute"):
            titles[(a.get("class"), at.get("id"))] = at.get("title")
    viz = "{%s/viz}" % GEXF13
    bad_viz, bad_time = [], []
    for n in g.iter(ns + "node"):
        c, s = n.find(viz + "color"), n.find(viz + "size")
        if c is None or s is None or not PLAIN_NUM.match(s.get("value", "")):
            bad_viz.append(n.get("id"))
        av = {titles[("node", v.get("for"))]: v.get("value") for v in n.iter(ns + "attvalue")}
        first, last = av.get("FirstDate", ""), av.get("LastDate", "")
        ok_dates = re.match(r"^\d{4}-\d\d-\d\d$", first) and re.match(r"^\d{4}-\d\d-\d\d$", last)
        if ok_dates and first <= last and (n.get("start"), n.get("end")) != (first, last):
            bad_time.append(n.get("id"))
        if n.get("start") and n.get("end") and n.get("start") > n.get("end"):
            bad_time.append(n.get("id"))
    rep.check("gexf: viz:color and viz:size on every node", not bad_viz, short(bad_viz))
    rep.check("gexf: node start/end = FirstDate/LastDate (Gephi timeline)", not bad_time, short(bad_time))

    import networkx as nx
    from networkx.readwrite import gexf as nxgexf
    # networkx before 3.6 knows GEXF 1.1draft and 1.2draft only; 3.6 added
    # 1.3 by registering exactly this (networkx PR #8196).
    if "1.3" not in nxgexf.GEXF.versions:
        v = dict(nxgexf.GEXF.versions["1.2draft"])
        v.update(NS_GEXF=GEXF13, NS_VIZ=GEXF13 + "/viz", VERSION="1.3",
                 SCHEMALOCATION=" ".join([GEXF13, GEXF13 + "/gexf.xsd"]))
        nxgexf.GEXF.versions["1.3"] = v
    read_with(rep, views, "gexf/networkx", "gexf: networkx.read_gexf",
              lambda: nx_view(nx.read_gexf(path, version="1.3")))
    read_with(rep, views, "gexf/graphology", "gexf: graphology-gexf (Gephi Lite)",
              lambda: graphology(rep, "gexf", path))
    return views


# ---------------------------------------------------------------------- DOT
def decode_escstring(s, node_name, graph_name):
    """Graphviz escString, as labels are read: \\N node name, \\G graph name,
    \\n \\l \\r line breaks, \\\\ a backslash, \\x anything else: x."""
    def one(m):
        c = m.group(1)
        return {"n": "\n", "l": "\n", "r": "\n", "N": node_name, "G": graph_name}.get(c, c)
    return re.sub(r"\\(.)", one, s, flags=re.S)


def render(rep, path):
    for engine in ("dot", "sfdp"):
        rc, _, err = run([engine, "-Tsvg", "-o", os.devnull, path])
        rep.check("dot: `%s -Tsvg` exits 0 with an empty stderr" % engine,
                  rc == 0 and not err.strip(), "rc=%d %s" % (rc, err.strip()[:300]))


def check_dot(rep, path):
    render(rep, path)
    text = open(path, encoding="utf-8").read()
    rep.check("dot: an undirected graph laid out by sfdp with overlap=prism",
              text.startswith("graph ") and "layout=sfdp" in text and "overlap=prism" in text)
    rc, out, err = run(["gv2gxl", path])
    if not rep.check("dot: gv2gxl reads it", rc == 0 and out, err.strip()[:300]):
        return {}
    # gv2gxl declares iso-8859-1 but copies the UTF-8 bytes through.
    out = re.sub(rb"^<\?xml[^>]*\?>", b'<?xml version="1.0" encoding="UTF-8"?>', out, count=1)
    g = ET.fromstring(out).find("graph")

    def attrs(el):
        return {a.get("name"): (a.find("string").text or "") for a in el.findall("attr")
                if a.find("string") is not None}
    nodes = {}
    for n in g.iter("node"):
        a = attrs(n)
        # gv2gxl writes the 2nd.. of consecutive spaces as NBSP.
        label = re.sub("(?<=[ \u00a0])\u00a0", " ", a.get("label", "\\N"))
        nodes[n.get("id")] = decode_escstring(label, n.get("id"), g.get("id", ""))
    edges = [(nodes[e.get("from")], nodes[e.get("to")], attrs(e).get("weight")) for e in g.iter("edge")]
    bad = [w for _, _, w in edges if w is None or not PLAIN_NUM.match(w)]
    rep.check("dot: every edge has a finite weight without exponent", not bad, short(bad))
    return {"dot/gv2gxl": view(nodes.values(), edges)}


# ---------------------------------------------------------------------- CSV
def read_csv(rep, name, path):
    raw = open(path, "rb").read()
    rep.check("csv: %s has no BOM and CRLF line ends" % name,
              not raw.startswith(b"\xef\xbb\xbf") and raw.endswith(b"\r\n")
              and raw.count(b"\n") >= raw.count(b"\r\n"))
    try:
        rows = list(csv.reader(io.StringIO(raw.decode("utf-8"), newline=""), strict=True))
    except (csv.Error, UnicodeDecodeError) as e:
        rep.check("csv: %s parses (Python csv, strict)" % name, False, str(e))
        return None, []
    ragged = [i for i, r in enumerate(rows) if len(r) != len(rows[0])]
    rep.check("csv: %s parses (Python csv, strict), same width on every row" % name, not ragged,
              short(ragged))
    return rows[0], [dict(zip(rows[0], r)) for r in rows[1:]]


def check_csv(rep, outdir):
    nh, nodes = read_csv(rep, "nodes.csv", os.path.join(outdir, "nodes.csv"))
    eh, edges = read_csv(rep, "edges.csv", os.path.join(outdir, "edges.csv"))
    if nh is None or eh is None:
        return {}
    rep.check("csv: nodes.csv header starts Id,Label,Type", nh[:3] == ["Id", "Label", "Type"], str(nh))
    rep.check("csv: edges.csv header starts Source,Target,Type,Weight",
              eh[:4] == ["Source", "Target", "Type", "Weight"], str(eh))
    ids = [r["Id"] for r in nodes]
    rep.check("csv: node Ids unique and non-empty", len(set(ids)) == len(ids) and all(ids))
    dangling = [(r["Source"], r["Target"]) for r in edges if {r["Source"], r["Target"]} - set(ids)]
    rep.check("csv: every Source/Target is a node Id", not dangling, short(dangling))
    rep.check("csv: edge Type is Undirected", all(r["Type"] == "Undirected" for r in edges))
    ctrl = re.compile(r"[\x00-\x1f\x7f-\x9f]")
    bad = [r["Label"] for r in nodes if not r["Label"] or ctrl.search(r["Label"])
           or r["Label"] != r["Label"].strip()]
    rep.check("csv: labels non-empty, no control characters, no leading/trailing space", not bad,
              short(bad))
    numeric = [c for c in nh + eh if c in ("Mentions", "Documents", "Degree", "WeightedDegree",
                                            "PageRank", "Betweenness", "Community", "Component",
                                            "KCore", "Weight", "Count")]
    bad = [(c, r[c]) for r in nodes + edges for c in numeric if c in r and not PLAIN_NUM.match(r[c])]
    rep.check("csv: every number finite, dot decimal separator, no exponent", not bad, short(bad))
    lab = {r["Id"]: r["Label"] for r in nodes}
    res = {"csv": view(lab.values(), [(lab.get(r["Source"]), lab.get(r["Target"]), r["Weight"])
                                      for r in edges])}
    res["header"] = (nh, eh)
    return res


# ------------------------------------------------------------------- across
def same_attributes(rep, outdir, header):
    """Every format carries the schema attributes under the same names."""
    nh, eh = header
    root = ET.parse(os.path.join(outdir, "graph.graphml")).getroot()
    gm = {"node": [], "edge": []}
    for k in root.iter(GML + "key"):
        name = {"label": "Label", "weight": "Weight"}.get(k.get("attr.name"), k.get("attr.name"))
        gm[k.get("for")].append(name)
    ns = "{%s}" % GEXF13
    gx = {"node": ["Label"], "edge": ["Weight"]}
    for a in ET.parse(os.path.join(outdir, "graph.gexf")).getroot().iter(ns + "attributes"):
        gx[a.get("class")] += [t.get("title") for t in a.findall(ns + "attribute")]
    csv_node, csv_edge = nh[1:], [c for c in eh[2:] if c != "Type"]
    rep.check("across: GraphML keys = GEXF attributes = CSV columns (nodes)",
              sorted(gm["node"]) == sorted(gx["node"]) == sorted(csv_node),
              "%s / %s / %s" % (gm["node"], gx["node"], csv_node))
    rep.check("across: GraphML keys = GEXF attributes = CSV columns (edges)",
              sorted(gm["edge"]) == sorted(gx["edge"]) == sorted(csv_edge),
              "%s / %s / %s" % (gm["edge"], gx["edge"], csv_edge))


def read_expect(path):
    labels, edges = [], []
    for line in open(path, encoding="utf-8", newline="\n"):
        f = line.rstrip("\n").split("\t")
        if f[0] == "N":
            labels.append(f[1])
        elif f[0] == "E":
            edges.append((f[1], f[2], f[3]))
    return view(labels, edges)


def agree(rep, views, expect):
    names = sorted(views)
    base_name, base = ("expected", expect) if expect else (names[0], views[names[0]])
    for k in names:
        v = views[k]
        a, b = collections.Counter(base["labels"]), collections.Counter(v["labels"])
        rep.check("across: %s labels = %s labels" % (k, base_name), a == b,
                  "missing %s / extra %s" % (short((a - b).elements()), short((b - a).elements())))
        a, b = collections.Counter(base["edges"]), collections.Counter(v["edges"])
        rep.check("across: %s edges and weights = %s" % (k, base_name), a == b,
                  "missing %s / extra %s" % (short((a - b).elements()), short((b - a).elements())))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("outdir")
    ap.add_argument("--schema", required=True)
    ap.add_argument("--node-modules", required=True)
    ap.add_argument("--expect")
    ap.add_argument("--render-only", action="store_true")
    args = ap.parse_args()
    os.environ["KG_NODE_MODULES"] = os.path.abspath(args.node_modules)
    rep = Report()
    if args.render_only:
        render(rep, os.path.join(args.outdir, "graph.dot"))
    else:
        views = {}
        views.update(check_graphml(rep, os.path.join(args.outdir, "graph.graphml"), args))
        views.update(check_gexf(rep, os.path.join(args.outdir, "graph.gexf")))
        views.update(check_dot(rep, os.path.join(args.outdir, "graph.dot")))
        c = check_csv(rep, args.outdir)
        if "header" in c:
            same_attributes(rep, args.outdir, c.pop("header"))
        views.update(c)
        rep.check("across: all 7 readers produced a view", len(views) == 7, short(views))
        agree(rep, views, read_expect(args.expect) if args.expect else None)
    print("%d passed, %d failed" % (rep.passed, rep.failed))
    return 1 if rep.failed else 0


if __name__ == "__main__":
    sys.exit(main())
