// graphology_read.js FORMAT FILE: parse a GraphML or GEXF file with the
// graphology parsers that Gephi Lite uses and print what they saw as JSON.
// Modules come from $KG_NODE_MODULES (installed by the export_npm_ci test
// from tests/export/package-lock.json). Non-finite numbers become strings.
'use strict';
const fs = require('fs');
const path = require('path');
const mods = process.env.KG_NODE_MODULES;
const [fmt, file] = process.argv.slice(2);
const Graph = require(path.join(mods, 'graphology'));
const parser = require(path.join(mods, fmt === 'gexf' ? 'graphology-gexf' : 'graphology-graphml'));
const enc = (v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v);
const attrs = (a) => Object.fromEntries(Object.entries(a).map(([k, v]) => [k, enc(v)]));
const g = parser.parse(Graph, fs.readFileSync(file, 'utf8'));
const out = { type: g.type, nodes: [], edges: [] };
g.forEachNode((key, a) => out.nodes.push({ key, attributes: attrs(a) }));
g.forEachEdge((key, a, source, target) => out.edges.push({ source, target, attributes: attrs(a) }));
process.stdout.write(JSON.stringify(out));
