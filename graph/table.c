/* table.c: kg_graph storage, accessors and the attribute schema that every
 * exporter walks (one name per attribute, the same in every format). */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "graph_impl.h"

#define NODE_ATTR(name, type, field, desc) {name, type, offsetof(kg_node, field), desc}
#define EDGE_ATTR(name, type, field, desc) {name, type, offsetof(kg_edge, field), desc}

const kg_attr kg_node_attrs[] = {
    NODE_ATTR("Label", KG_ATTR_STRING, label, "canonical display name"),
    NODE_ATTR("Type", KG_ATTR_STRING, type, "person, organization, country, event or location"),
    NODE_ATTR("Mentions", KG_ATTR_INT, mentions, "number of mentions"),
    NODE_ATTR("Documents", KG_ATTR_INT, documents, "number of documents mentioning it"),
    NODE_ATTR("Aliases", KG_ATTR_STRING, aliases, "surface forms seen, |-separated"),
    NODE_ATTR("Role", KG_ATTR_STRING, role, "title or office of a person"),
    NODE_ATTR("ISO", KG_ATTR_STRING, iso, "ISO 3166-1 alpha-2|alpha-3 of a country"),
    NODE_ATTR("FirstDate", KG_ATTR_STRING, first_date, "first document date seen"),
    NODE_ATTR("LastDate", KG_ATTR_STRING, last_date, "last document date seen"),
    NODE_ATTR("Degree", KG_ATTR_INT, degree, "number of neighbours"),
    NODE_ATTR("WeightedDegree", KG_ATTR_DOUBLE, weighted_degree, "sum of edge weights"),
    NODE_ATTR("PageRank", KG_ATTR_DOUBLE, pagerank, "weighted PageRank"),
    NODE_ATTR("Betweenness", KG_ATTR_DOUBLE, betweenness, "betweenness, distance 1/weight"),
    NODE_ATTR("Community", KG_ATTR_INT, community, "Leiden modularity community"),
    NODE_ATTR("Component", KG_ATTR_INT, component, "connected component"),
    NODE_ATTR("KCore", KG_ATTR_INT, kcore, "k-core number"),
};
const size_t kg_n_node_attrs = sizeof kg_node_attrs / sizeof kg_node_attrs[0];

const kg_attr kg_edge_attrs[] = {
    EDGE_ATTR("Weight", KG_ATTR_DOUBLE, weight, "weight under the chosen scheme"),
    EDGE_ATTR("Count", KG_ATTR_INT, count, "windows shared"),
    EDGE_ATTR("Documents", KG_ATTR_INT, documents, "documents shared"),
    EDGE_ATTR("FirstDate", KG_ATTR_STRING, first_date, "first document date seen"),
    EDGE_ATTR("LastDate", KG_ATTR_STRING, last_date, "last document date seen"),
    EDGE_ATTR("DocumentIds", KG_ATTR_STRING, document_ids, "up to 5 documents, |-separated"),
    EDGE_ATTR("Example", KG_ATTR_STRING, example, "a sentence where both are mentioned"),
};
const size_t kg_n_edge_attrs = sizeof kg_edge_attrs / sizeof kg_edge_attrs[0];

/* ------------------------------------------------------------------ arena */

struct kg_arena_chunk {
  kg_arena_chunk *next;
  size_t used, cap;
  char data[];
};

const char *kg_arena_strndup(kg_arena *a, const char *s, size_t len) {
  kg_arena_chunk *c = a->head;
  if (!c || c->cap - c->used < len + 1) {
    size_t cap = len + 1 > 65536 ? len + 1 : 65536;
    c = malloc(sizeof *c + cap);
    if (!c)
      return NULL;
    c->next = a->head;
    c->used = 0;
    c->cap = cap;
    a->head = c;
  }
  char *p = c->data + c->used;
  if (len)
    memcpy(p, s, len);
  p[len] = '\0';
  c->used += len + 1;
  return p;
}

const char *kg_arena_strdup(kg_arena *a, const char *s) {
  return kg_arena_strndup(a, s ? s : "", s ? strlen(s) : 0);
}

void kg_arena_free(kg_arena *a) {
  for (kg_arena_chunk *c = a->head, *next; c; c = next) {
    next = c->next;
    free(c);
  }
  a->head = NULL;
}

/* ------------------------------------------------------------------ graph */

kg_graph *kg_graph_alloc(size_t n_nodes, size_t n_edges) {
  kg_graph *g = calloc(1, sizeof *g);
  if (!g)
    return NULL;
  g->nodes = calloc(n_nodes ? n_nodes : 1, sizeof *g->nodes);
  g->edges = calloc(n_edges ? n_edges : 1, sizeof *g->edges);
  if (!g->nodes || !g->edges) {
    kg_graph_free(g);
    return NULL;
  }
  g->n_nodes = n_nodes;
  g->n_edges = n_edges;
  kg_graph_opts_init(&g->opts);
  return g;
}

void kg_graph_free(kg_graph *g) {
  if (!g)
    return;
  kg_arena_free(&g->strings);
  free(g->nodes);
  free(g->edges);
  free(g);
}

/* Deep-copy every string field named in the schema, plus the ids. */
static bool copy_strings(kg_arena *a, void *rec, const kg_attr *attrs, size_t n) {
  for (size_t i = 0; i < n; i++) {
    if (attrs[i].type != KG_ATTR_STRING)
      continue;
    const char **field = (const char **)((char *)rec + attrs[i].offset);
    if (!(*field = kg_arena_strdup(a, *field)))
      return false;
  }
  return true;
}

int kg_graph_from_table(const kg_node *nodes, size_t n_nodes, const kg_edge *edges,
                        size_t n_edges, size_t n_communities, kg_graph **out,
                        kg_error *err) {
  *out = NULL;
  kg_graph *g = kg_graph_alloc(n_nodes, n_edges);
  if (!g)
    return kg_error_set(err, KG_ERR_NOMEM, "out of memory for a graph of %zu nodes", n_nodes);
  for (size_t i = 0; i < n_nodes; i++) {
    kg_node *n = &g->nodes[i];
    *n = nodes[i];
    if (!copy_strings(&g->strings, n, kg_node_attrs, kg_n_node_attrs) ||
        !(n->id = kg_arena_strdup(&g->strings, nodes[i].id)))
      goto nomem;
    if (!nodes[i].type)
      n->type = kg_etype_name(n->etype);
  }
  for (size_t i = 0; i < n_edges; i++) {
    kg_edge *e = &g->edges[i];
    *e = edges[i];
    if (e->source >= n_nodes || e->target >= n_nodes) {
      int rc = kg_error_set(err, KG_ERR_USAGE, "edge %zu joins node %zu and %zu of %zu", i,
                            e->source, e->target, n_nodes); /* before e is freed with g */
      kg_graph_free(g);
      return rc;
    }
    if (!copy_strings(&g->strings, e, kg_edge_attrs, kg_n_edge_attrs))
      goto nomem;
  }
  g->n_communities = n_communities;
  *out = g;
  return 0;
nomem:
  kg_graph_free(g);
  return kg_error_set(err, KG_ERR_NOMEM, "out of memory copying a graph");
}

size_t kg_graph_n_nodes(const kg_graph *g) { return g ? g->n_nodes : 0; }
const kg_node *kg_graph_nodes(const kg_graph *g) { return g ? g->nodes : NULL; }
size_t kg_graph_n_edges(const kg_graph *g) { return g ? g->n_edges : 0; }
const kg_edge *kg_graph_edges(const kg_graph *g) { return g ? g->edges : NULL; }
size_t kg_graph_n_communities(const kg_graph *g) { return g ? g->n_communities : 0; }
size_t kg_graph_betweenness_sources(const kg_graph *g) { return g ? g->betweenness_sources : 0; }
const kg_graph_opts *kg_graph_options(const kg_graph *g) { return g ? &g->opts : NULL; }
