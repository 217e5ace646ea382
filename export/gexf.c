/* gexf.c: graph.gexf, GEXF 1.3, Gephi's own format (also Gephi Lite through
 * graphology-gexf, and networkx).
 *
 * defaultedgetype="undirected".  The node label and edge weight are the
 * GEXF `label` and `weight` XML attributes (Gephi's own Label and Weight
 * columns: an attribute titled "Label" would clash with them); every other
 * schema attribute is an <attribute> with the schema name as title and a
 * numeric id (graphology-gexf only uses the title when the id is numeric).
 * Types: string, long, double.  Visual hints: viz:color by entity type (the
 * DOT colours) and viz:size by PageRank (10 to 50, area ~ PageRank).
 * Time: nodes and edges get start/end from FirstDate/LastDate with
 * timeformat="date" and mode="dynamic", so Gephi's timeline works; records
 * without a valid date (or with start after end) have no interval, i.e.
 * they exist at every time.  No lastmodifieddate: output is deterministic.
 */
#include <string.h>

#include "export.h"
#include "format.h"
#include "xml.h"

/* Namespaces and version string of each GEXF version written. */
static const struct gexf_version {
  const char *ns, *viz, *schema, *version;
} versions[] = {
    [KG_GEXF_1_3] = {"http://gexf.net/1.3", "http://gexf.net/1.3/viz",
                     "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd", "1.3"},
    [KG_GEXF_1_2DRAFT] = {"http://www.gexf.net/1.2draft", "http://www.gexf.net/1.2draft/viz",
                          "http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd",
                          "1.2draft"},
};

/* Is this schema attribute carried by a GEXF XML attribute instead? */
static bool native(const kg_attr *a) {
  return strcmp(a->name, "Label") == 0 || strcmp(a->name, "Weight") == 0;
}

static const char *gexf_type(kg_attr_type t) {
  return t == KG_ATTR_INT ? "long" : t == KG_ATTR_DOUBLE ? "double" : "string";
}

static int write_model(kg_xml *x, const char *cls, const kg_attr *attrs, size_t n) {
  if (kg_xml_start(x, "attributes") < 0 || kg_xml_attr(x, "class", cls) < 0 ||
      kg_xml_attr(x, "mode", "static") < 0)
    return -1;
  for (size_t i = 0; i < n; i++) {
    char id[24];
    if (native(&attrs[i]))
      continue;
    snprintf(id, sizeof id, "%zu", i);
    if (kg_xml_empty(x, "attribute", "id", id, "title", attrs[i].name, "type",
                     gexf_type(attrs[i].type), (const char *)NULL) < 0)
      return -1;
  }
  return kg_xml_end(x);
}

static int write_attvalues(kg_xml *x, const void *rec, const kg_attr *attrs, size_t n,
                           kg_buf *text) {
  char num[KG_NUM_MAX], id[24];
  if (kg_xml_start(x, "attvalues") < 0)
    return -1;
  for (size_t i = 0; i < n; i++) {
    size_t len;
    if (native(&attrs[i]))
      continue;
    const char *value = kg_fmt_attr(rec, &attrs[i], num, text, &len);
    if (!value)
      return -2;
    if (len == 0)
      continue;
    snprintf(id, sizeof id, "%zu", i);
    if (kg_xml_empty(x, "attvalue", "for", id, "value", value, (const char *)NULL) < 0)
      return -1;
  }
  return kg_xml_end(x);
}

/* start/end from the first and last date, when they make an interval. */
static int write_interval(kg_xml *x, const char *first, const char *last) {
  bool has_first = kg_is_iso_date(first), has_last = kg_is_iso_date(last);
  if (has_first && has_last && strcmp(first, last) > 0)
    return 0;
  if (has_first && kg_xml_attr(x, "start", first) < 0)
    return -1;
  if (has_last && kg_xml_attr(x, "end", last) < 0)
    return -1;
  return 0;
}

static bool any_date(const kg_graph *g) {
  const kg_node *nodes = kg_graph_nodes(g);
  const kg_edge *edges = kg_graph_edges(g);
  for (size_t i = 0, n = kg_graph_n_nodes(g); i < n; i++)
    if (kg_is_iso_date(nodes[i].first_date) || kg_is_iso_date(nodes[i].last_date))
      return true;
  for (size_t i = 0, n = kg_graph_n_edges(g); i < n; i++)
    if (kg_is_iso_date(edges[i].first_date) || kg_is_iso_date(edges[i].last_date))
      return true;
  return false;
}

static int write_header(kg_xml *x, const kg_graph *g, const struct gexf_version *v) {
  char count[2][24];
  snprintf(count[0], sizeof count[0], "%zu", kg_graph_n_nodes(g));
  snprintf(count[1], sizeof count[1], "%zu", kg_graph_n_edges(g));
  if (kg_xml_start(x, "gexf") < 0 || kg_xml_attr(x, "xmlns", v->ns) < 0 ||
      kg_xml_attr(x, "xmlns:viz", v->viz) < 0 ||
      kg_xml_attr(x, "xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance") < 0 ||
      kg_xml_attr(x, "xsi:schemaLocation", v->schema) < 0 ||
      kg_xml_attr(x, "version", v->version) < 0 || kg_xml_start(x, "meta") < 0 ||
      xmlTextWriterWriteElement(x->w, BAD_CAST "creator", BAD_CAST "kgraph") < 0 ||
      xmlTextWriterWriteElement(x->w, BAD_CAST "description",
                                BAD_CAST "co-occurrence graph of named entities") < 0 ||
      kg_xml_end(x) < 0 || kg_xml_start(x, "graph") < 0 ||
      kg_xml_attr(x, "defaultedgetype", "undirected") < 0 ||
      kg_xml_attr(x, "mode", any_date(g) ? "dynamic" : "static") < 0 ||
      kg_xml_attr(x, "timeformat", "date") < 0 ||
      write_model(x, "node", kg_node_attrs, kg_n_node_attrs) < 0 ||
      write_model(x, "edge", kg_edge_attrs, kg_n_edge_attrs) < 0 ||
      kg_xml_start(x, "nodes") < 0 || kg_xml_attr(x, "count", count[0]) < 0)
    return -1;
  return 0;
}

static int write_node(kg_xml *x, const kg_node *n, double max_pr, kg_buf *text,
                      kg_buf *label) {
  char num[KG_NUM_MAX], rgb[3][8];
  size_t len;
  const char *id = kg_text_clean(text, n->id, &len);
  if (!id)
    return -2;
  if (kg_xml_start(x, "node") < 0 || kg_xml_attr(x, "id", id) < 0)
    return -1;
  const char *lab = kg_label_clean(label, n, &len);
  if (!lab)
    return -2;
  if (kg_xml_attr(x, "label", lab) < 0 || write_interval(x, n->first_date, n->last_date) < 0)
    return -1;
  int rc = write_attvalues(x, n, kg_node_attrs, kg_n_node_attrs, text);
  if (rc < 0)
    return rc;
  const kg_node_style *st = kg_node_style_of(n);
  snprintf(rgb[0], sizeof rgb[0], "%u", (unsigned)st->r);
  snprintf(rgb[1], sizeof rgb[1], "%u", (unsigned)st->g);
  snprintf(rgb[2], sizeof rgb[2], "%u", (unsigned)st->b);
  kg_fmt_double(kg_round_to(10 + 40 * kg_pagerank_scale(n, max_pr), 2), num);
  if (kg_xml_empty(x, "viz:color", "r", rgb[0], "g", rgb[1], "b", rgb[2], (const char *)NULL) <
          0 ||
      kg_xml_empty(x, "viz:size", "value", num, (const char *)NULL) < 0)
    return -1;
  return kg_xml_end(x);
}

static int write_edge(kg_xml *x, const kg_graph *g, size_t i, kg_buf *text, kg_buf *ids) {
  const kg_edge *e = &kg_graph_edges(g)[i];
  const kg_node *nodes = kg_graph_nodes(g);
  char num[KG_NUM_MAX], eid[24];
  size_t len;
  snprintf(eid, sizeof eid, "%zu", i);
  /* Both endpoint ids must outlive each other: clean into one buffer. */
  ids->len = 0;
  const char *s = kg_text_clean(text, nodes[e->source].id, &len);
  if (!s || !kg_buf_grow(ids, len + 1))
    return -2;
  memcpy(ids->ptr, s, len + 1);
  const char *t = kg_text_clean(text, nodes[e->target].id, &len);
  if (!t)
    return -2;
  kg_fmt_double(e->weight, num);
  if (kg_xml_start(x, "edge") < 0 || kg_xml_attr(x, "id", eid) < 0 ||
      kg_xml_attr(x, "source", ids->ptr) < 0 || kg_xml_attr(x, "target", t) < 0 ||
      kg_xml_attr(x, "weight", num) < 0 || write_interval(x, e->first_date, e->last_date) < 0)
    return -1;
  int rc = write_attvalues(x, e, kg_edge_attrs, kg_n_edge_attrs, text);
  return rc < 0 ? rc : kg_xml_end(x);
}

int kg_write_gexf(const kg_graph *g, FILE *f, kg_error *err) {
  return kg_write_gexf_version(g, f, KG_GEXF_1_3, err);
}

int kg_write_gexf_version(const kg_graph *g, FILE *f, kg_gexf_version v, kg_error *err) {
  if ((unsigned)v >= sizeof versions / sizeof versions[0])
    return kg_error_set(err, KG_ERR_USAGE, "unknown GEXF version %d", (int)v);
  size_t n_nodes = kg_graph_n_nodes(g), n_edges = kg_graph_n_edges(g);
  double max_pr = kg_max_pagerank(g);
  kg_buf text = {0}, label = {0}, ids = {0};
  char count[24];
  kg_xml x;
  int rc = kg_xml_open(&x, f, err);
  if (rc)
    return rc;
  int w = write_header(&x, g, &versions[v]);
  for (size_t i = 0; w >= 0 && i < n_nodes && !kg_xml_failed(&x); i++)
    w = write_node(&x, &kg_graph_nodes(g)[i], max_pr, &text, &label);
  snprintf(count, sizeof count, "%zu", n_edges);
  if (w >= 0 && (kg_xml_end(&x) < 0 || kg_xml_start(&x, "edges") < 0 ||
                 kg_xml_attr(&x, "count", count) < 0))
    w = -1;
  for (size_t i = 0; w >= 0 && i < n_edges && !kg_xml_failed(&x); i++)
    w = write_edge(&x, g, i, &text, &ids);
  rc = kg_xml_finish(&x, w, "GEXF", err);
  kg_buf_destroy(&text);
  kg_buf_destroy(&label);
  kg_buf_destroy(&ids);
  return rc;
}
