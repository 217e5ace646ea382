/* graphml.c: graph.graphml for Gephi, yEd, Cytoscape, networkx and igraph.
 *
 * Valid against the GraphML 1.0 XSD; edgedefault="undirected"; one <key> per
 * schema attribute with for= and attr.name = the schema name, except that
 * Label and Weight are named `label` and `weight`, the names Gephi maps to
 * its node label and edge weight.  Key ids are "label", "weight" and
 * "n<Name>" / "e<Name>": Gephi matches reserved names against the key id
 * before attr.name, and yEd's customary "d3"/"d7" would be read by Gephi as
 * labels.  Types are string, long and double (all Gephi-supported); numbers
 * come from the shared formatter (finite, no exponent).  Empty strings are
 * left out (<data> absent = no value, as every reader treats it).
 *
 * Node ids are the entity ids, which are XML NMTOKENs as the schema demands
 * ("person:antony-blinken"); an id that is not one (hand-made graphs) has
 * each offending character, and '_', written as _XXXX_ (hex code point).
 * libxml2's xmlTextWriter does the escaping; text is cleaned first of what
 * XML 1.0 cannot carry.
 */
#include <string.h>

#include "export.h"
#include "format.h"
#include "xml.h"

/* A node id as an NMTOKEN (see the file comment). Returns NULL when out of
 * memory. */
static const char *nmtoken(kg_buf *b, const char *id) {
  if (*id && xmlValidateNMToken(BAD_CAST id, 0) == 0)
    return id;
  size_t n = strlen(id);
  b->len = 0;
  if (!kg_buf_grow(b, 10 * n + 2))
    return NULL;
  for (size_t i = 0; i < n;) {
    int len = (int)(n - i);
    int cp = xmlGetUTF8Char((const unsigned char *)id + i, &len);
    char one[8] = {0};
    if (cp >= 0 && len > 0)
      memcpy(one, id + i, (size_t)len);
    if (cp < 0 || len <= 0) {
      cp = (unsigned char)id[i]; /* a stray byte: escape the byte itself */
      len = 1;
    }
    if (cp != '_' && one[0] && xmlValidateNMToken(BAD_CAST one, 0) == 0) {
      memcpy(b->ptr + b->len, one, (size_t)len);
      b->len += (size_t)len;
    } else {
      b->len += (size_t)snprintf(b->ptr + b->len, 10, "_%X_", (unsigned)cp);
    }
    i += (size_t)len;
  }
  if (b->len == 0)
    b->ptr[b->len++] = '_'; /* the empty id */
  b->ptr[b->len] = '\0';
  return b->ptr;
}

static const char *xml_type(kg_attr_type t) {
  return t == KG_ATTR_INT ? "long" : t == KG_ATTR_DOUBLE ? "double" : "string";
}

/* The key id and attr.name of schema attribute a (prefix 'n' or 'e'). */
static void key_names(const kg_attr *a, char prefix, char id[64], const char **name) {
  if (strcmp(a->name, "Label") == 0 || strcmp(a->name, "Weight") == 0) {
    *name = prefix == 'n' ? "label" : "weight";
    snprintf(id, 64, "%s", *name);
  } else {
    *name = a->name;
    snprintf(id, 64, "%c%s", prefix, a->name);
  }
}

static int write_keys(kg_xml *x, const kg_attr *attrs, size_t n, char prefix) {
  for (size_t i = 0; i < n; i++) {
    char id[64];
    const char *name;
    key_names(&attrs[i], prefix, id, &name);
    if (kg_xml_start(x, "key") < 0 || kg_xml_attr(x, "id", id) < 0 ||
        kg_xml_attr(x, "for", prefix == 'n' ? "node" : "edge") < 0 ||
        kg_xml_attr(x, "attr.name", name) < 0 ||
        kg_xml_attr(x, "attr.type", xml_type(attrs[i].type)) < 0 ||
        xmlTextWriterWriteElement(x->w, BAD_CAST "desc", BAD_CAST attrs[i].description) < 0 ||
        kg_xml_end(x) < 0)
      return -1;
  }
  return 0;
}

/* <data> for every attribute of one record; the label of a node comes
 * cleaned by the shared label rule so every format shows the same one. */
static int write_data(kg_xml *x, const void *rec, const kg_attr *attrs, size_t n, char prefix,
                      kg_buf *text, kg_buf *label) {
  char num[KG_NUM_MAX], id[64];
  for (size_t i = 0; i < n; i++) {
    const char *name, *value;
    size_t len;
    key_names(&attrs[i], prefix, id, &name);
    if (prefix == 'n' && strcmp(attrs[i].name, "Label") == 0)
      value = kg_label_clean(label, rec, &len);
    else
      value = kg_fmt_attr(rec, &attrs[i], num, text, &len);
    if (!value)
      return -2;
    if (len == 0)
      continue;
    if (kg_xml_start(x, "data") < 0 || kg_xml_attr(x, "key", id) < 0 ||
        kg_xml_text(x, value) < 0 || kg_xml_end(x) < 0)
      return -1;
  }
  return 0;
}

static int write_header(kg_xml *x) {
  if (kg_xml_start(x, "graphml") < 0 ||
      kg_xml_attr(x, "xmlns", "http://graphml.graphdrawing.org/xmlns") < 0 ||
      kg_xml_attr(x, "xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance") < 0 ||
      kg_xml_attr(x, "xsi:schemaLocation",
                  "http://graphml.graphdrawing.org/xmlns "
                  "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd") < 0 ||
      write_keys(x, kg_node_attrs, kg_n_node_attrs, 'n') < 0 ||
      write_keys(x, kg_edge_attrs, kg_n_edge_attrs, 'e') < 0 || kg_xml_start(x, "graph") < 0 ||
      kg_xml_attr(x, "id", "G") < 0 || kg_xml_attr(x, "edgedefault", "undirected") < 0)
    return -1;
  return 0;
}

static int write_node(kg_xml *x, const kg_node *n, kg_buf *ids, kg_buf *text, kg_buf *label) {
  const char *id = nmtoken(ids, n->id ? n->id : "");
  if (!id)
    return -2;
  if (kg_xml_start(x, "node") < 0 || kg_xml_attr(x, "id", id) < 0)
    return -1;
  int rc = write_data(x, n, kg_node_attrs, kg_n_node_attrs, 'n', text, label);
  return rc < 0 ? rc : kg_xml_end(x);
}

static int write_edge(kg_xml *x, const kg_graph *g, const kg_edge *e, kg_buf *ids,
                      kg_buf *text) {
  const kg_node *nodes = kg_graph_nodes(g);
  const char *s = nmtoken(ids, nodes[e->source].id ? nodes[e->source].id : "");
  if (!s)
    return -2;
  if (kg_xml_start(x, "edge") < 0 || kg_xml_attr(x, "source", s) < 0)
    return -1;
  const char *t = nmtoken(ids, nodes[e->target].id ? nodes[e->target].id : "");
  if (!t)
    return -2;
  if (kg_xml_attr(x, "target", t) < 0)
    return -1;
  int rc = write_data(x, e, kg_edge_attrs, kg_n_edge_attrs, 'e', text, NULL);
  return rc < 0 ? rc : kg_xml_end(x);
}

int kg_write_graphml(const kg_graph *g, FILE *f, kg_error *err) {
  size_t n_nodes = kg_graph_n_nodes(g), n_edges = kg_graph_n_edges(g);
  kg_buf text = {0}, label = {0}, ids = {0};
  kg_xml x;
  int rc = kg_xml_open(&x, f, err);
  if (rc)
    return rc;
  int w = write_header(&x);
  for (size_t i = 0; w >= 0 && i < n_nodes && !kg_xml_failed(&x); i++)
    w = write_node(&x, &kg_graph_nodes(g)[i], &ids, &text, &label);
  for (size_t i = 0; w >= 0 && i < n_edges && !kg_xml_failed(&x); i++)
    w = write_edge(&x, g, &kg_graph_edges(g)[i], &ids, &text);
  rc = kg_xml_finish(&x, w, "GraphML", err);
  kg_buf_destroy(&text);
  kg_buf_destroy(&label);
  kg_buf_destroy(&ids);
  return rc;
}
