/* dot.c: graph.dot for Graphviz, ready for `sfdp -Tsvg graph.dot`.
 *
 * An undirected `graph` with layout=sfdp (so `dot -Tsvg` lays it out with
 * sfdp too: the dot engine would take hours on 10,000 nodes) and
 * overlap=prism.  Nodes: fill colour and shape by entity type, width/height
 * and font size growing with PageRank (area ~ PageRank).  Edges: `weight` =
 * the exported Weight (sfdp reads it), penwidth = 1 + 2 ln(weight / smallest
 * positive weight), capped at 12, and 0.5 for weights <= 0 (NPMI can be
 * negative).  Every schema attribute is written too, under its schema name
 * (Label and Weight as Graphviz's `label` and `weight`); empty strings are
 * left out.  The legend is an HTML-like table in the graph label, not a
 * node, so node counts agree with the other formats.
 *
 * Quoting: every id and string is a double-quoted DOT string.  Inside it `"`
 * and `\` are escaped with a backslash, and LF/CR are written \n and \r:
 * Graphviz reads labels as escString, where \\ is a backslash, so \N, \G,
 * \L... in a name come out literally.  `&` is written &amp;: Graphviz decodes
 * HTML entities in labels ("&#945;" shows as an alpha), so a name holding
 * "&amp;" must not lose it.  Other string attributes (and node names) use the
 * same encoding, so the file reads one way throughout.  Non-ASCII stays
 * UTF-8 (charset="UTF-8").  Numbers come from the shared formatter:
 * Graphviz rejects exponents such as 1e-05.
 */
#include <math.h>
#include <string.h>

#include "export.h"
#include "format.h"

/* Append n bytes to b (room already made). */
static void put(kg_buf *b, const char *s, size_t n) {
  memcpy(b->ptr + b->len, s, n);
  b->len += n;
}

/* Append s (cleaned, len bytes) as a quoted DOT string. */
static bool put_quoted(kg_buf *b, const char *s, size_t len) {
  if (!kg_buf_grow(b, 5 * len + 3))
    return false;
  b->ptr[b->len++] = '"';
  for (size_t i = 0; i < len; i++) {
    char c = s[i];
    if (c == '&') {
      put(b, "&amp;", 5);
    } else if (c == '"' || c == '\\') {
      b->ptr[b->len++] = '\\';
      b->ptr[b->len++] = c;
    } else if (c == '\n' || c == '\r') {
      b->ptr[b->len++] = '\\';
      b->ptr[b->len++] = c == '\n' ? 'n' : 'r';
    } else {
      b->ptr[b->len++] = c;
    }
  }
  b->ptr[b->len++] = '"';
  return true;
}

/* Append ", name=". */
static bool put_name(kg_buf *b, const char *name) {
  size_t k = strlen(name);
  if (!kg_buf_grow(b, k + 3))
    return false;
  put(b, ", ", 2);
  put(b, name, k);
  b->ptr[b->len++] = '=';
  return true;
}

/* Append ", name=number" (numbers need no quotes in DOT). */
static bool put_number(kg_buf *b, const char *name, double v) {
  char num[KG_NUM_MAX];
  size_t n = kg_fmt_double(v, num);
  if (!put_name(b, name) || !kg_buf_grow(b, n))
    return false;
  put(b, num, n);
  return true;
}

static bool put_string(kg_buf *b, const char *name, const char *s, size_t len) {
  return put_name(b, name) && put_quoted(b, s, len);
}

/* Every schema attribute of rec, after the ones the caller wrote. */
static bool put_attrs(kg_buf *b, const void *rec, const kg_attr *attrs, size_t n,
                      kg_buf *text) {
  char num[KG_NUM_MAX];
  for (size_t i = 0; i < n; i++) {
    const kg_attr *a = &attrs[i];
    if (strcmp(a->name, "Label") == 0)
      continue; /* written first, cleaned as a label */
    const char *name = strcmp(a->name, "Weight") == 0 ? "weight" : a->name;
    size_t len;
    const char *v = kg_fmt_attr(rec, a, num, text, &len);
    if (!v)
      return false;
    if (a->type != KG_ATTR_STRING) {
      if (!put_name(b, name) || !kg_buf_grow(b, len))
        return false;
      put(b, v, len);
    } else if (len > 0 && !put_string(b, name, v, len)) {
      return false;
    }
  }
  return true;
}

/* The legend: one row per entity type, then what sizes and widths mean. */
static bool put_legend(kg_buf *b, bool other) {
  size_t n;
  const kg_node_style *st = kg_node_styles(&n);
  static const char head[] =
      "<<TABLE BORDER=\"0\" CELLBORDER=\"1\" CELLSPACING=\"0\" CELLPADDING=\"4\">"
      "<TR><TD COLSPAN=\"2\"><B>kgraph</B></TD></TR>";
  static const char tail[] =
      "<TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\">node size: PageRank<BR ALIGN=\"LEFT\"/>"
      "edge width: log of weight<BR ALIGN=\"LEFT\"/></TD></TR></TABLE>>";
  if (!kg_buf_grow(b, sizeof head + sizeof tail + n * 160))
    return false;
  put(b, head, sizeof head - 1);
  for (size_t i = 0; i < n; i++) {
    if (strcmp(st[i].name, "other") == 0 && !other)
      continue;
    b->len += (size_t)snprintf(b->ptr + b->len, 160,
                               "<TR><TD BGCOLOR=\"%s\" WIDTH=\"24\"> </TD>"
                               "<TD ALIGN=\"LEFT\">%s (%s)</TD></TR>",
                               st[i].hex, st[i].name, st[i].shape);
  }
  put(b, tail, sizeof tail - 1);
  return true;
}

static bool put_header(kg_buf *b, const kg_graph *g) {
  static const char open[] =
      "graph \"kgraph\" {\n"
      "  graph [layout=sfdp, overlap=prism, outputorder=edgesfirst, charset=\"UTF-8\",\n"
      "         labelloc=b, labeljust=l, fontsize=12, label=";
  static const char close[] =
      "];\n"
      "  node [style=filled, penwidth=0.5, color=\"#404040\"];\n"
      "  edge [color=\"#80808099\"];\n";
  bool other = false;
  for (size_t i = 0, n = kg_graph_n_nodes(g); i < n; i++)
    other |= strcmp(kg_node_style_of(&kg_graph_nodes(g)[i])->name, "other") == 0;
  if (!kg_buf_grow(b, sizeof open))
    return false;
  put(b, open, sizeof open - 1);
  if (!put_legend(b, other) || !kg_buf_grow(b, sizeof close))
    return false;
  put(b, close, sizeof close - 1);
  return true;
}

static bool put_node(kg_buf *b, const kg_node *n, double max_pr, kg_buf *text) {
  const kg_node_style *st = kg_node_style_of(n);
  double scale = kg_pagerank_scale(n, max_pr);
  size_t len;
  const char *id = kg_text_clean(text, n->id, &len);
  if (!id || !kg_buf_grow(b, 2))
    return false;
  put(b, "  ", 2);
  if (!put_quoted(b, id, len) || !kg_buf_grow(b, 2))
    return false;
  put(b, " [", 2);
  const char *label = kg_label_clean(text, n, &len);
  if (!label || !kg_buf_grow(b, 6))
    return false;
  put(b, "label=", 6);
  if (!put_quoted(b, label, len) || !put_string(b, "shape", st->shape, strlen(st->shape)) ||
      !put_string(b, "fillcolor", st->hex, strlen(st->hex)) ||
      !put_number(b, "width", kg_round_to(0.3 + 1.2 * scale, 2)) ||
      !put_number(b, "height", kg_round_to(0.3 + 1.2 * scale, 2)) ||
      !put_number(b, "fontsize", kg_round_to(8 + 16 * scale, 1)) ||
      !put_attrs(b, n, kg_node_attrs, kg_n_node_attrs, text) || !kg_buf_grow(b, 3))
    return false;
  put(b, "];\n", 3);
  return true;
}

static double penwidth(double w, double w_min) {
  if (!(w > 0) || !isfinite(w) || !(w_min > 0))
    return 0.5;
  double p = 1 + 2 * log(w / w_min);
  return kg_round_to(p > 12 ? 12 : p < 1 ? 1 : p, 2);
}

static bool put_edge(kg_buf *b, const kg_graph *g, const kg_edge *e, double w_min,
                     kg_buf *text) {
  const kg_node *nodes = kg_graph_nodes(g);
  size_t len;
  const char *s = kg_text_clean(text, nodes[e->source].id, &len);
  if (!s || !kg_buf_grow(b, 2))
    return false;
  put(b, "  ", 2);
  if (!put_quoted(b, s, len))
    return false;
  const char *t = kg_text_clean(text, nodes[e->target].id, &len);
  if (!t || !kg_buf_grow(b, 4))
    return false;
  put(b, " -- ", 4);
  if (!put_quoted(b, t, len) || !kg_buf_grow(b, 11))
    return false;
  put(b, " [penwidth=", 11);
  char num[KG_NUM_MAX];
  size_t n = kg_fmt_double(penwidth(e->weight, w_min), num);
  if (!kg_buf_grow(b, n))
    return false;
  put(b, num, n);
  if (!put_attrs(b, e, kg_edge_attrs, kg_n_edge_attrs, text) || !kg_buf_grow(b, 3))
    return false;
  put(b, "];\n", 3);
  return true;
}

int kg_write_dot(const kg_graph *g, FILE *f, kg_error *err) {
  size_t n_nodes = kg_graph_n_nodes(g), n_edges = kg_graph_n_edges(g);
  const kg_edge *edges = kg_graph_edges(g);
  double max_pr = kg_max_pagerank(g), w_min = 0;
  for (size_t i = 0; i < n_edges; i++)
    if (edges[i].weight > 0 && isfinite(edges[i].weight) &&
        (w_min == 0 || edges[i].weight < w_min))
      w_min = edges[i].weight;
  /* Records are built in `out` and written in 64 KiB pieces. */
  kg_buf out = {0}, text = {0};
  bool ok = put_header(&out, g), io = true;
  for (size_t i = 0; ok && io && i < n_nodes; i++)
    if ((ok = put_node(&out, &kg_graph_nodes(g)[i], max_pr, &text)))
      io = kg_buf_drain(&out, f, false);
  for (size_t i = 0; ok && io && i < n_edges; i++)
    if ((ok = put_edge(&out, g, &edges[i], w_min, &text)))
      io = kg_buf_drain(&out, f, false);
  if (ok && io && (ok = kg_buf_grow(&out, 2))) {
    put(&out, "}\n", 2);
    io = kg_buf_drain(&out, f, true);
  }
  int rc = 0;
  if (!io || fflush(f) != 0 || ferror(f))
    rc = kg_write_error(err, "DOT");
  else if (!ok)
    rc = kg_error_set(err, KG_ERR_NOMEM, "DOT: out of memory");
  kg_buf_destroy(&out);
  kg_buf_destroy(&text);
  return rc;
}
