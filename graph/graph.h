/* graph.h: co-occurrence counting and graph analysis.
 *
 * count:   entities mentioned in the same window (sentence, paragraph,
 *          document, N tokens) -> weighted pairs, with per-node and per-edge
 *          statistics (mentions, documents, dates, provenance).
 * analyse: weights, filters, then igraph metrics (degree, strength, PageRank,
 *          betweenness, Leiden communities, components, k-cores).
 *
 * igraph types never leave this module: callers see kg_graph, a plain table of
 * nodes and edges plus an attribute schema that every exporter walks, so all
 * formats carry the same facts under the same names.
 */
#ifndef KG_GRAPH_H
#define KG_GRAPH_H

#include "extract.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum kg_window_kind {
  KG_WINDOW_SENTENCE = 0,
  KG_WINDOW_PARAGRAPH,
  KG_WINDOW_DOCUMENT,
  KG_WINDOW_TOKENS /* mentions at most n_tokens tokens apart */
} kg_window_kind;

typedef struct kg_window {
  kg_window_kind kind;
  uint32_t n_tokens; /* KG_WINDOW_TOKENS only, >= 1 */
} kg_window;

typedef enum kg_weight_scheme {
  KG_WEIGHT_COUNT = 0,   /* windows shared */
  KG_WEIGHT_DOCUMENTS,   /* documents shared */
  KG_WEIGHT_NPMI,        /* normalized PMI over windows */
  KG_WEIGHT_ASSOCIATION, /* c_ij / (s_i s_j), scaled as VOSviewer does */
  KG_WEIGHT_JACCARD      /* c_ij / (w_i + w_j - c_ij) over windows */
} kg_weight_scheme;

typedef struct kg_graph_opts {
  kg_window window;
  kg_weight_scheme weight;
  int64_t min_mentions; /* drop nodes with fewer mentions; 0 = keep all */
  double min_weight;    /* drop edges with a lower Weight; -INFINITY = keep all */
  size_t top;           /* keep the top N nodes by weighted degree; 0 = all */
  unsigned types;       /* bitmask of 1u << kg_etype; 0 = all types */
  uint64_t seed;        /* community detection seed */
  unsigned threads;     /* betweenness on 1 or 2 threads (0: 2); same output */
} kg_graph_opts;

/* Defaults: sentence window, count weights, no filters, fixed seed. */
void kg_graph_opts_init(kg_graph_opts *o);
/* Parse "sentence", "paragraph", "document", "tokens:N" / scheme names.
 * Return 0 or KG_ERR_USAGE with a message. */
int kg_window_parse(const char *s, kg_window *out, kg_error *err);
int kg_weight_parse(const char *s, kg_weight_scheme *out, kg_error *err);

/* ----------------------------------------------------------------- counting */

typedef struct kg_counter kg_counter;
/* A counter for opts->window (opts NULL = defaults). NULL when out of memory
 * or the window is invalid (tokens:0). */
kg_counter *kg_counter_new(const kg_graph_opts *opts);
void kg_counter_free(kg_counter *c);
/* Count one processed document: mentions per entity, documents, dates, and
 * the pairs sharing each window.  Documents may arrive in any order; the
 * result does not depend on it.  doc and res are only read during the call.
 * A result that contradicts itself (a mention in a sentence, paragraph or
 * token that does not exist, a malformed date) is refused with
 * KG_ERR_USAGE naming the document, and nothing of it is counted; after
 * KG_ERR_NOMEM the counter only accepts kg_counter_free. */
int kg_counter_add(kg_counter *c, const kg_doc *doc, const kg_doc_result *res,
                   kg_error *err);
/* Entity e's counts join entity into[e] (n entries; into[e] == e: none, and
 * a target must keep its own): mentions, documents, windows and dates add
 * up, and pairs that now join the same two entities become one.  Exact
 * only when merged entities share no document, which the caller ensures
 * (kg_extractor_settle); a pair of two entities merged into one is refused
 * with KG_ERR_USAGE before anything changes. */
int kg_counter_merge(kg_counter *c, const uint32_t *into, size_t n, kg_error *err);

/* ----------------------------------------------------------------- the graph */

typedef struct kg_node {
  const char *id;    /* "person:antony-blinken" */
  const char *label; /* "Antony Blinken" */
  kg_etype etype;
  const char *type;  /* kg_etype_name(etype) */
  const char *aliases, *role, *iso; /* as in kg_entity; "" when none */
  int64_t mentions, documents;
  const char *first_date, *last_date; /* ISO 8601 "YYYY-MM-DD", "" undated */
  int64_t degree;
  double weighted_degree, pagerank, betweenness;
  int64_t community, component, kcore;
} kg_node;

typedef struct kg_edge {
  size_t source, target; /* node indices; source's id sorts before target's */
  double weight;         /* the chosen scheme */
  int64_t count, documents;
  const char *first_date, *last_date;
  const char *document_ids; /* up to 5 document ids, '|'-separated, sorted */
  const char *example;      /* one sentence where the pair co-occurs, at most
                               300 bytes, valid UTF-8 */
} kg_edge;

typedef struct kg_graph kg_graph;

/* Build the graph from everything counted: weights, filters (min mentions,
 * types, min weight, top N, in that order), then the metrics. entities[i]
 * describes the entity whose index is i in the kg_mention.entity values
 * counted (the extractor's registry, copied out by the caller). Nodes are
 * sorted by id, edges by (source, target). */
int kg_graph_build(const kg_counter *c, const kg_entity *entities, size_t n_entities,
                   const kg_graph_opts *opts, kg_graph **out, kg_error *err);

/* A graph from ready-made records, copied (strings included); the metrics
 * are taken as given, nothing is computed.  For tests and tools that feed
 * the exporters directly. Edge endpoints must be valid node indices. */
int kg_graph_from_table(const kg_node *nodes, size_t n_nodes, const kg_edge *edges,
                        size_t n_edges, size_t n_communities, kg_graph **out,
                        kg_error *err);
void kg_graph_free(kg_graph *g);

size_t kg_graph_n_nodes(const kg_graph *g);
const kg_node *kg_graph_nodes(const kg_graph *g);
size_t kg_graph_n_edges(const kg_graph *g);
const kg_edge *kg_graph_edges(const kg_graph *g);
size_t kg_graph_n_communities(const kg_graph *g);
/* 0 when Betweenness is exact.  On graphs too big for the exact O(nm)
 * computation it is estimated from this many random source nodes (Brandes &
 * Pich 2007, seeded: still deterministic) and scaled to the whole graph;
 * callers should say so to the user. */
size_t kg_graph_betweenness_sources(const kg_graph *g);
const kg_graph_opts *kg_graph_options(const kg_graph *g);

/* ------------------------------------------------------- attribute schema */

typedef enum kg_attr_type { KG_ATTR_STRING, KG_ATTR_INT, KG_ATTR_DOUBLE } kg_attr_type;

/* One exported attribute: its name in every format (CSV header, GraphML
 * attr.name, GEXF title, DOT attribute where one is written), its type and
 * where it lives in kg_node / kg_edge. */
typedef struct kg_attr {
  const char *name;
  kg_attr_type type;
  size_t offset; /* offsetof(kg_node or kg_edge, field) */
  const char *description;
} kg_attr;

/* Node attributes after Id: Label, Type, Mentions, Documents, Aliases, Role,
 * ISO, FirstDate, LastDate, Degree, WeightedDegree, PageRank, Betweenness,
 * Community, Component, KCore. */
extern const kg_attr kg_node_attrs[];
extern const size_t kg_n_node_attrs;
/* Edge attributes after Source, Target: Weight, Count, Documents, FirstDate,
 * LastDate, DocumentIds, Example. */
extern const kg_attr kg_edge_attrs[];
extern const size_t kg_n_edge_attrs;

static inline const char *kg_attr_str(const void *rec, const kg_attr *a) {
  return *(const char *const *)((const char *)rec + a->offset);
}
static inline int64_t kg_attr_int(const void *rec, const kg_attr *a) {
  return *(const int64_t *)((const char *)rec + a->offset);
}
static inline double kg_attr_double(const void *rec, const kg_attr *a) {
  return *(const double *)((const char *)rec + a->offset);
}

#ifdef __cplusplus
}
#endif
#endif /* KG_GRAPH_H */
