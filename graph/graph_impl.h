/* graph_impl.h (private to graph/): the kg_graph record table and the string
 * arena its records point into. count.c and analyse.c fill it; table.c owns
 * storage, accessors and the attribute schema. */
#ifndef KG_GRAPH_IMPL_H
#define KG_GRAPH_IMPL_H

#include "graph.h"

/* Chunked arena of immutable strings; freed at once with the graph. */
typedef struct kg_arena_chunk kg_arena_chunk;
typedef struct kg_arena {
  kg_arena_chunk *head;
} kg_arena;

/* Copy s[0..len) plus a NUL into the arena; NULL when out of memory. */
const char *kg_arena_strndup(kg_arena *a, const char *s, size_t len);
const char *kg_arena_strdup(kg_arena *a, const char *s);
void kg_arena_free(kg_arena *a);

struct kg_graph {
  kg_node *nodes;
  size_t n_nodes;
  kg_edge *edges;
  size_t n_edges;
  size_t n_communities;
  size_t betweenness_sources; /* 0 = exact */
  kg_graph_opts opts;
  kg_arena strings; /* every string the records point to */
};

/* Above this much work, n (n + m), betweenness is estimated from sampled
 * sources (see analyse.c). */
#define KG_BETWEENNESS_WORK 5e7

/* kg_graph_build with another betweenness work budget (tests use a small
 * one to exercise the sampled estimate on small graphs). */
int kg_graph_build_with(const kg_counter *c, const kg_entity *entities, size_t n_entities,
                        const kg_graph_opts *opts, double betweenness_work, kg_graph **out,
                        kg_error *err);

/* An empty graph with room for the given numbers of records (zeroed). */
kg_graph *kg_graph_alloc(size_t n_nodes, size_t n_edges);

#endif
