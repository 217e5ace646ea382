/* analyse.c: from the counts to the final graph: weights (weights.c), then
 * the filters, then the igraph metrics, then the immutable kg_graph records.
 *
 * Filters run in this order: min mentions, types, min weight (on the Weight
 * column; 0 = off, so negative NPMI edges stay unless asked), then top N
 * nodes by weighted degree over the edges left (ties: smaller id first).
 * An edge goes with either endpoint; a node never goes with its edges (it
 * stays, isolated).  Weights come from the unfiltered counts, so a filter
 * never changes the Weight of an edge it keeps.  The metrics are computed on
 * the filtered graph.
 *
 * Determinism: nodes are sorted by id and edges by (source, target) before
 * any floating-point sum, so every number is the same whatever order the
 * documents were counted in; Leiden runs with igraph's RNG seeded from
 * opts.seed; communities and components are numbered by size, largest first,
 * ties by smallest node id.
 *
 * igraph: its error handler would abort the process, so kg_graph_build
 * installs igraph_error_handler_ignore (errors become return codes, checked
 * at every call) and silences warnings, with its own seeded RNG as igraph's
 * default, and restores all three before returning.  That is process-wide
 * igraph state: do not run igraph elsewhere in parallel with a build.
 * Likewise it runs igraph's OpenMP code on one thread: Debian's igraph
 * computes PageRank (PRPACK) with OpenMP, and parallel sums in a varying
 * order changed the last digits of PageRank from run to run.
 */
#include <igraph.h>
#include <math.h>
#ifdef _OPENMP
#include <omp.h>
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "betweenness.h"
#include "counter.h"
#include "graph_impl.h"

/* An edge between two candidate nodes (ranks in id order). */
typedef struct edge_rec {
  uint32_t u, v; /* u < v */
  uint32_t pair; /* index into the counter's pairs */
  double weight, metric;
} edge_rec;

typedef struct id_rank {
  const char *id;
  uint32_t entity;
} id_rank;

typedef struct build {
  const kg_counter *c;
  const kg_entity *ents;
  const kg_graph_opts *opts;
  uint32_t *node_ent; /* node index -> entity index, nodes in id order */
  size_t n_nodes;
  edge_rec *edges; /* sorted by (u, v) */
  size_t n_edges;
  kg_buf join; /* scratch for DocumentIds */
  kg_u64map date_index; /* YYYYMMDD -> index into dates: each date once */
  const char **dates;
  size_t n_dates, cap_dates;
} build;

static int cmp_id(const void *pa, const void *pb) {
  return strcmp(((const id_rank *)pa)->id, ((const id_rank *)pb)->id);
}

static int cmp_edge(const void *pa, const void *pb) {
  const edge_rec *a = pa, *b = pb;
  if (a->u != b->u)
    return a->u < b->u ? -1 : 1;
  return (a->v > b->v) - (a->v < b->v);
}

/* Nodes: every entity mentioned, minus the min-mentions and types filters,
 * sorted by id.  rank[entity] = its node index or KG_NONE. */
static int select_nodes(build *b, size_t n_entities, uint32_t *rank, kg_error *err) {
  const kg_counter *c = b->c;
  id_rank *ids = malloc((c->n_ents ? c->n_ents : 1) * sizeof *ids);
  int rc = 0;
  if (!ids || !(b->node_ent = malloc((c->n_ents ? c->n_ents : 1) * sizeof *b->node_ent))) {
    rc = kg_error_set(err, KG_ERR_NOMEM, "out of memory for %zu entities", c->n_ents);
    goto done;
  }
  size_t n = 0;
  for (size_t e = 0; e < c->n_ents; e++) {
    rank[e] = KG_NONE;
    const kg_ent_stat *st = &c->ents[e];
    if (!st->mentions)
      continue;
    if (e >= n_entities) {
      rc = kg_error_set(err, KG_ERR_USAGE,
                        "entity %zu was counted but only %zu entities were given", e,
                        n_entities);
      goto done;
    }
    const kg_entity *ent = &b->ents[e];
    if (!ent->id || !ent->id[0] || (unsigned)ent->type >= KG_N_ETYPES) {
      rc = kg_error_set(err, KG_ERR_USAGE, "entity %zu ('%s') has no id or an unknown type",
                        e, ent->id ? ent->id : "");
      goto done;
    }
    if (st->mentions < b->opts->min_mentions)
      continue;
    if (b->opts->types && !(b->opts->types & 1u << ent->type))
      continue;
    ids[n++] = (id_rank){ent->id, (uint32_t)e};
  }
  qsort(ids, n, sizeof *ids, cmp_id);
  for (size_t k = 0; k < n; k++) {
    if (k > 0 && !strcmp(ids[k].id, ids[k - 1].id)) {
      rc = kg_error_set(err, KG_ERR_USAGE, "entities %u and %u share the id '%s'",
                        ids[k - 1].entity, ids[k].entity, ids[k].id);
      goto done;
    }
    b->node_ent[k] = ids[k].entity;
    rank[ids[k].entity] = (uint32_t)k;
  }
  b->n_nodes = n;
done:
  free(ids);
  return rc;
}

/* Edges between selected nodes, weighted, min-weight filtered, sorted. */
static int weigh_edges(build *b, const uint32_t *rank, kg_error *err) {
  const kg_counter *c = b->c;
  kg_weight_scheme scheme = b->opts->weight;
  double *s = NULL, s_total = 0;
  int rc = 0;
  if (scheme == KG_WEIGHT_ASSOCIATION) {
    /* s_i = sum of c_ij over all pairs, before any filter (integers: the
     * sums are exact whatever the order). */
    if (!(s = calloc(c->n_ents ? c->n_ents : 1, sizeof *s))) {
      rc = kg_error_set(err, KG_ERR_NOMEM, "out of memory for %zu entities", c->n_ents);
      goto done;
    }
    for (size_t k = 0; k < c->n_pairs; k++) {
      s[c->pairs[k].a] += (double)c->pairs[k].count;
      s[c->pairs[k].b] += (double)c->pairs[k].count;
    }
    for (size_t e = 0; e < c->n_ents; e++)
      s_total += s[e];
  }
  if (!(b->edges = malloc((c->n_pairs ? c->n_pairs : 1) * sizeof *b->edges))) {
    rc = kg_error_set(err, KG_ERR_NOMEM, "out of memory for %zu edges", c->n_pairs);
    goto done;
  }
  size_t m = 0;
  for (size_t k = 0; k < c->n_pairs; k++) {
    const kg_pair_stat *p = &c->pairs[k];
    uint32_t ru = rank[p->a], rv = rank[p->b];
    if (ru == KG_NONE || rv == KG_NONE)
      continue;
    kg_pair_counts pc = {
        .c = (double)p->count,
        .d = (double)p->documents,
        .w_i = (double)c->ents[p->a].windows,
        .w_j = (double)c->ents[p->b].windows,
        .n_windows = (double)c->n_windows,
        .s_i = s ? s[p->a] : 0,
        .s_j = s ? s[p->b] : 0,
        .s_total = s_total,
    };
    double w = kg_weight_value(scheme, &pc);
    if (w < b->opts->min_weight)
      continue;
    b->edges[m++] = (edge_rec){ru < rv ? ru : rv, ru < rv ? rv : ru, (uint32_t)k, w,
                               kg_weight_metric(scheme, w)};
  }
  qsort(b->edges, m, sizeof *b->edges, cmp_edge);
  b->n_edges = m;
done:
  free(s);
  return rc;
}

typedef struct strength_rank {
  double strength;
  uint32_t node;
} strength_rank;

static int cmp_strength(const void *pa, const void *pb) {
  const strength_rank *a = pa, *b = pb;
  if (a->strength != b->strength)
    return a->strength > b->strength ? -1 : 1;
  return (a->node > b->node) - (a->node < b->node); /* node order = id order */
}

/* Keep the top N nodes by weighted degree (metric weights, the same as the
 * WeightedDegree column), then the edges between them. */
static int keep_top(build *b, size_t top, kg_error *err) {
  if (!top || b->n_nodes <= top)
    return 0;
  strength_rank *sr = calloc(b->n_nodes, sizeof *sr);
  uint32_t *renum = malloc(b->n_nodes * sizeof *renum);
  int rc = 0;
  if (!sr || !renum) {
    rc = kg_error_set(err, KG_ERR_NOMEM, "out of memory ranking %zu nodes", b->n_nodes);
    goto done;
  }
  for (size_t v = 0; v < b->n_nodes; v++)
    sr[v].node = (uint32_t)v;
  for (size_t k = 0; k < b->n_edges; k++) { /* in (u, v) order: same sums every run */
    sr[b->edges[k].u].strength += b->edges[k].metric;
    sr[b->edges[k].v].strength += b->edges[k].metric;
  }
  qsort(sr, b->n_nodes, sizeof *sr, cmp_strength);
  for (size_t v = 0; v < b->n_nodes; v++)
    renum[v] = KG_NONE;
  for (size_t k = 0; k < top; k++)
    renum[sr[k].node] = 0;
  size_t n = 0;
  for (size_t v = 0; v < b->n_nodes; v++)
    if (renum[v] != KG_NONE) {
      renum[v] = (uint32_t)n;
      b->node_ent[n++] = b->node_ent[v];
    }
  b->n_nodes = n;
  size_t m = 0;
  for (size_t k = 0; k < b->n_edges; k++) {
    edge_rec e = b->edges[k];
    if (renum[e.u] == KG_NONE || renum[e.v] == KG_NONE)
      continue;
    e.u = renum[e.u]; /* monotone: the (u, v) order is kept */
    e.v = renum[e.v];
    b->edges[m++] = e;
  }
  b->n_edges = m;
done:
  free(sr);
  free(renum);
  return rc;
}

/* ------------------------------------------------------------ metrics */

typedef struct group {
  int64_t size;
  size_t first, id;
} group;

static int cmp_group(const void *pa, const void *pb) {
  const group *a = pa, *b = pb;
  if (a->size != b->size)
    return a->size > b->size ? -1 : 1;
  return (a->first > b->first) - (a->first < b->first);
}

/* Renumber a membership vector: largest group 0, ties by smallest member
 * (nodes are in id order). Writes the new ids at field_off in each node. */
static int renumber(const igraph_vector_int_t *memb, kg_graph *g, size_t field_off,
                    size_t *n_groups, kg_error *err) {
  size_t n = g->n_nodes, k = 0;
  for (size_t v = 0; v < n; v++)
    if ((size_t)VECTOR(*memb)[v] + 1 > k)
      k = (size_t)VECTOR(*memb)[v] + 1;
  group *gr = calloc(k ? k : 1, sizeof *gr);
  size_t *new_id = malloc((k ? k : 1) * sizeof *new_id);
  int rc = 0;
  if (!gr || !new_id) {
    rc = kg_error_set(err, KG_ERR_NOMEM, "out of memory numbering %zu groups", k);
    goto done;
  }
  for (size_t j = 0; j < k; j++)
    gr[j] = (group){0, n, j};
  for (size_t v = 0; v < n; v++) {
    group *x = &gr[VECTOR(*memb)[v]];
    if (!x->size++)
      x->first = v;
  }
  qsort(gr, k, sizeof *gr, cmp_group);
  size_t used = 0;
  for (size_t j = 0; j < k; j++) {
    new_id[gr[j].id] = j;
    used += gr[j].size > 0;
  }
  for (size_t v = 0; v < n; v++)
    *(int64_t *)((char *)&g->nodes[v] + field_off) = (int64_t)new_id[VECTOR(*memb)[v]];
  *n_groups = used;
done:
  free(gr);
  free(new_id);
  return rc;
}

static int igraph_failed(kg_error *err, igraph_error_t code, const char *what) {
  return kg_error_set(err, code == IGRAPH_ENOMEM ? KG_ERR_NOMEM : KG_ERR_INTERNAL,
                      "igraph %s failed: %s", what, igraph_strerror(code));
}

#define IG(call, what)                                                                     \
  do {                                                                                     \
    igraph_error_t ig_rc_ = (call);                                                        \
    if (ig_rc_ != IGRAPH_SUCCESS) {                                                        \
      rc = igraph_failed(err, ig_rc_, what);                                               \
      goto done;                                                                           \
    }                                                                                      \
  } while (0)

/* Random starts of Leiden: 10 (as VOSviewer) while a start is cheap, fewer
 * on big graphs, where one run costs seconds and the partition is less
 * sensitive to the start. A function of the graph's size only. */
static int leiden_starts(size_t n, size_t m) {
  size_t size = n + m;
  return size <= 200000 ? 10 : size <= 2000000 ? 3 : 1;
}

/* Exact betweenness costs one shortest-path search per node, (n + m) *
 * about 15 ns each on one thread (weighted Dijkstra; the more nodes and
 * tied paths, the more), halved on two: 0.4 s for 372 sources on the bench
 * corpus's 28,000 nodes and 106,000 edges (igraph's took 2.8 s).  Above
 * KG_BETWEENNESS_WORK (under half a second) it is estimated instead. */
#define BETWEENNESS_MIN_SOURCES 64

/* Betweenness with distance = 1 / weight, each unordered pair of nodes
 * counted once, not normalized (kg_betweenness, igraph's definition).
 * Exact when n (n + m) <= work; otherwise Brandes & Pich (2007): k sources
 * drawn uniformly without replacement from igraph's seeded RNG, k = work /
 * (n + m) (at least 64), the dependencies they accumulate scaled by n / k,
 * an unbiased estimate of the exact value. */
static int betweenness(kg_graph *g, const edge_rec *edges, const igraph_vector_t *dist,
                       double work_budget, igraph_vector_t *out, kg_error *err) {
  size_t n = g->n_nodes, m = g->n_edges;
  double work = (double)n * (double)(n + m);
  size_t k = (size_t)(work_budget / (double)(n + m));
  if (k < BETWEENNESS_MIN_SOURCES)
    k = BETWEENNESS_MIN_SOURCES;
  if (n == 0)
    return 0;
  bool exact = work <= work_budget || k >= n;
  if (exact)
    k = n;
  int rc = 0;
  uint32_t *src = malloc((n ? n : 1) * sizeof *src);
  uint32_t *eu = malloc((m ? m : 1) * sizeof *eu), *ev = malloc((m ? m : 1) * sizeof *ev);
  if (!src || !eu || !ev) {
    rc = kg_error_set(err, KG_ERR_NOMEM, "betweenness: out of memory for %zu nodes", n);
    goto done;
  }
  for (size_t i = 0; i < n; i++)
    src[i] = (uint32_t)i;
  for (size_t i = 0; !exact && i < k; i++) { /* partial Fisher-Yates */
    size_t j = (size_t)igraph_rng_get_integer(igraph_rng_default(), (igraph_integer_t)i,
                                              (igraph_integer_t)n - 1);
    uint32_t t = src[i];
    src[i] = src[j];
    src[j] = t;
  }
  for (size_t i = 0; i < m; i++) {
    eu[i] = edges[i].u;
    ev[i] = edges[i].v;
  }
  IG(igraph_vector_resize(out, (igraph_integer_t)n), "vector allocation");
  unsigned threads = g->opts.threads == 1 ? 1 : 2;
  if ((rc = kg_betweenness(n, m, eu, ev, &VECTOR(*dist)[0], src, k, threads, &VECTOR(*out)[0],
                           err)))
    goto done;
  if (!exact)
    igraph_vector_scale(out, (double)n / (double)k);
  g->betweenness_sources = exact ? 0 : k;
done:
  free(src);
  free(eu);
  free(ev);
  return rc;
}

/* Degree, strength, PageRank, betweenness, Leiden, components and coreness
 * of the n nodes and m edges, written into g's node records. */
static int compute_metrics(kg_graph *g, const edge_rec *edges, double work_budget,
                           kg_error *err) {
  size_t n = g->n_nodes, m = g->n_edges;
  igraph_vector_int_t el, deg, memb, trial, comp, cores;
  igraph_vector_t w, dist, str, pr, btw;
  igraph_vector_int_t *ints[] = {&el, &deg, &memb, &trial, &comp, &cores};
  igraph_vector_t *reals[] = {&w, &dist, &str, &pr, &btw};
  size_t n_ints = 0, n_reals = 0;
  igraph_t ig;
  bool have_graph = false;
  int rc = 0;
  for (; n_ints < sizeof ints / sizeof ints[0]; n_ints++)
    IG(igraph_vector_int_init(ints[n_ints], 0), "vector allocation");
  for (; n_reals < sizeof reals / sizeof reals[0]; n_reals++)
    IG(igraph_vector_init(reals[n_reals], 0), "vector allocation");

  IG(igraph_vector_int_resize(&el, (igraph_integer_t)(2 * m)), "vector allocation");
  IG(igraph_vector_resize(&w, (igraph_integer_t)m), "vector allocation");
  IG(igraph_vector_resize(&dist, (igraph_integer_t)m), "vector allocation");
  double total = 0;
  for (size_t k = 0; k < m; k++) {
    VECTOR(el)[2 * k] = edges[k].u;
    VECTOR(el)[2 * k + 1] = edges[k].v;
    VECTOR(w)[k] = edges[k].metric;
    /* Shortest-path measures read a weight as closeness: distance 1/w. */
    VECTOR(dist)[k] = 1.0 / edges[k].metric;
    total += edges[k].metric;
  }
  IG(igraph_create(&ig, &el, (igraph_integer_t)n, IGRAPH_UNDIRECTED), "graph creation");
  have_graph = true;

  IG(igraph_degree(&ig, &deg, igraph_vss_all(), IGRAPH_ALL, IGRAPH_LOOPS), "degree");
  IG(igraph_strength(&ig, &str, igraph_vss_all(), IGRAPH_ALL, IGRAPH_LOOPS, &w), "strength");
  /* PageRank, damping 0.85, PRPACK (exact linear solve: no iteration
   * tolerance to depend on). */
  IG(igraph_pagerank(&ig, IGRAPH_PAGERANK_ALGO_PRPACK, &pr, NULL, igraph_vss_all(), false,
                     0.85, &w, NULL),
     "PageRank");
  /* Leiden on modularity: igraph's Leiden optimizes
   *   Q = 1/(2W) sum_ij (A_ij - gamma n_i n_j) delta(c_i, c_j)
   * so node weights n_i = strengths and gamma = 1/(2W), W = total edge
   * weight, give modularity.  beta 0.01 (igraph's default), each run
   * iterated until the partition is stable.  One run is a local optimum
   * that depends on the random order of the nodes (on the karate club 43% of
   * seeds reach the best partition), so like CWTS's and VOSviewer's
   * implementation we do several random starts from the seeded stream and
   * keep the highest modularity (the first on ties).  Without edges every
   * node is its own community. */
  if (m > 0) {
    int starts = leiden_starts(n, m);
    double best_q = -INFINITY;
    for (int s = 0; s < starts; s++) {
      igraph_integer_t nb = 0;
      igraph_real_t q = 0;
      IG(igraph_community_leiden(&ig, &w, &str, 1.0 / (2.0 * total), 0.01, false, -1, &trial,
                                 &nb, &q),
         "Leiden community detection");
      IG(igraph_modularity(&ig, &trial, &w, 1.0, false, &q), "modularity");
      if (q > best_q) {
        best_q = q;
        IG(igraph_vector_int_update(&memb, &trial), "vector allocation");
      }
    }
  } else {
    IG(igraph_vector_int_resize(&memb, (igraph_integer_t)n), "vector allocation");
    for (size_t v = 0; v < n; v++)
      VECTOR(memb)[v] = (igraph_integer_t)v;
  }
  /* After Leiden, so that sampling the sources leaves its random stream
   * as it would be on a small graph. */
  if ((rc = betweenness(g, edges, &dist, work_budget, &btw, err)))
    goto done;
  IG(igraph_connected_components(&ig, &comp, NULL, NULL, IGRAPH_WEAK), "connected components");
  IG(igraph_coreness(&ig, &cores, IGRAPH_ALL), "coreness");

  for (size_t v = 0; v < n; v++) {
    kg_node *nd = &g->nodes[v];
    nd->degree = VECTOR(deg)[v];
    nd->weighted_degree = VECTOR(str)[v];
    nd->pagerank = VECTOR(pr)[v];
    nd->betweenness = VECTOR(btw)[v];
    nd->kcore = VECTOR(cores)[v];
  }
  size_t n_comp = 0;
  if ((rc = renumber(&memb, g, offsetof(kg_node, community), &g->n_communities, err)) ||
      (rc = renumber(&comp, g, offsetof(kg_node, component), &n_comp, err)))
    goto done;
done:
  if (have_graph)
    igraph_destroy(&ig);
  for (size_t k = 0; k < n_ints; k++)
    igraph_vector_int_destroy(ints[k]);
  for (size_t k = 0; k < n_reals; k++)
    igraph_vector_destroy(reals[k]);
  return rc;
}

/* Run compute_metrics with igraph's error handler, warning handler and RNG
 * set for a library (no abort, no printing, seeded), restoring them after. */
static int run_igraph(kg_graph *g, const edge_rec *edges, uint64_t seed, double work_budget,
                      kg_error *err) {
  if (!g->n_nodes)
    return 0;
  igraph_error_handler_t *old_error = igraph_set_error_handler(igraph_error_handler_ignore);
  igraph_warning_handler_t *old_warning = igraph_set_warning_handler(igraph_warning_handler_ignore);
  igraph_rng_t *old_rng = igraph_rng_default();
#ifdef _OPENMP
  int old_threads = omp_get_max_threads();
  omp_set_num_threads(1); /* byte-identical PageRank: see the file comment */
#endif
  igraph_rng_t rng;
  int rc;
  igraph_error_t ig_rc = igraph_rng_init(&rng, &igraph_rngtype_pcg32);
  if (ig_rc == IGRAPH_SUCCESS && (ig_rc = igraph_rng_seed(&rng, (igraph_uint_t)seed)))
    igraph_rng_destroy(&rng);
  if (ig_rc != IGRAPH_SUCCESS) {
    rc = igraph_failed(err, ig_rc, "random number generator");
  } else {
    igraph_rng_set_default(&rng);
    rc = compute_metrics(g, edges, work_budget, err);
    igraph_rng_set_default(old_rng);
    igraph_rng_destroy(&rng);
  }
#ifdef _OPENMP
  omp_set_num_threads(old_threads);
#endif
  igraph_set_warning_handler(old_warning);
  igraph_set_error_handler(old_error);
  return rc;
}

/* ------------------------------------------------------------ records */

/* "YYYY-MM-DD" for a YYYYMMDD date, "" for 0; one copy per distinct date
 * (a million edges share a few thousand dates). NULL when out of memory. */
static const char *date_str(build *b, kg_arena *a, uint32_t d) {
  if (!d)
    return "";
  bool added;
  uint32_t *slot = kg_map_upsert(&b->date_index, d, &added);
  if (!slot)
    return NULL;
  if (added) {
    if (b->n_dates == b->cap_dates) {
      size_t cap = b->cap_dates ? 2 * b->cap_dates : 64;
      const char **q = realloc(b->dates, cap * sizeof *q);
      if (!q)
        return NULL;
      b->dates = q;
      b->cap_dates = cap;
    }
    char s[16];
    snprintf(s, sizeof s, "%04u-%02u-%02u", d / 10000 % 10000, d / 100 % 100, d % 100);
    if (!(b->dates[b->n_dates] = kg_arena_strdup(a, s)))
      return NULL;
    *slot = (uint32_t)b->n_dates++;
  }
  return b->dates[*slot];
}

/* A copy of s in the arena, or the shared "" for an empty or missing one. */
static const char *str_or_empty(kg_arena *a, const char *s) {
  return s && s[0] ? kg_arena_strdup(a, s) : "";
}

static bool fill_node(build *b, kg_graph *g, size_t v) {
  uint32_t e = b->node_ent[v];
  const kg_entity *ent = &b->ents[e];
  const kg_ent_stat *st = &b->c->ents[e];
  kg_node *nd = &g->nodes[v];
  nd->id = kg_arena_strdup(&g->strings, ent->id);
  nd->label = str_or_empty(&g->strings, ent->label && ent->label[0] ? ent->label : ent->id);
  nd->etype = ent->type;
  nd->type = kg_etype_name(ent->type);
  nd->aliases = str_or_empty(&g->strings, ent->aliases);
  nd->role = str_or_empty(&g->strings, ent->role);
  nd->iso = str_or_empty(&g->strings, ent->iso);
  nd->mentions = st->mentions;
  nd->documents = st->documents;
  nd->first_date = date_str(b, &g->strings, st->first_date);
  nd->last_date = date_str(b, &g->strings, st->last_date);
  return nd->id && nd->label && nd->aliases && nd->role && nd->iso && nd->first_date &&
         nd->last_date;
}

static bool fill_edge(build *b, kg_graph *g, size_t k) {
  const kg_counter *c = b->c;
  const edge_rec *er = &b->edges[k];
  const kg_pair_stat *p = &c->pairs[er->pair];
  kg_edge *ed = &g->edges[k];
  ed->source = er->u;
  ed->target = er->v;
  ed->weight = er->weight;
  ed->count = p->count;
  ed->documents = p->documents;
  ed->first_date = date_str(b, &g->strings, p->first_date);
  ed->last_date = date_str(b, &g->strings, p->last_date);
  b->join.len = 0;
  for (uint32_t j = 0; j < p->n_ids; j++) {
    const char *id = kg_counter_doc_id(c, p->ids[j]);
    size_t len = strlen(id);
    if (b->join.cap < b->join.len + len + 1) {
      size_t cap = 2 * (b->join.len + len + 1);
      char *q = realloc(b->join.ptr, cap);
      if (!q)
        return false;
      b->join.ptr = q;
      b->join.cap = cap;
    }
    if (j)
      b->join.ptr[b->join.len++] = '|';
    memcpy(b->join.ptr + b->join.len, id, len);
    b->join.len += len;
  }
  ed->document_ids = b->join.len ? kg_arena_strndup(&g->strings, b->join.ptr, b->join.len) : "";
  ed->example = "";
  if (p->ex_doc != KG_NONE) {
    kg_text_ref first = c->texts[p->ex_text[0]];
    char joined[KG_EXAMPLE_MAX];
    const char *s = c->examples.ptr + first.off;
    size_t len = first.len;
    if (p->ex_text[1] != KG_NONE) {
      kg_text_ref last = c->texts[p->ex_text[1]];
      len = kg_example_join(s, first.len, c->examples.ptr + last.off, last.len, p->ex_span == 1,
                            joined);
      s = joined;
    }
    if (len)
      ed->example = kg_arena_strndup(&g->strings, s, len);
  }
  return ed->first_date && ed->last_date && ed->document_ids && ed->example;
}

/* Every double a format will print must be finite. */
static int check_finite(const kg_graph *g, kg_error *err) {
  for (size_t v = 0; v < g->n_nodes; v++) {
    const kg_node *n = &g->nodes[v];
    if (!isfinite(n->weighted_degree) || !isfinite(n->pagerank) || !isfinite(n->betweenness))
      return kg_error_set(err, KG_ERR_INTERNAL, "node '%s': a metric is not a finite number",
                          n->id);
  }
  for (size_t k = 0; k < g->n_edges; k++)
    if (!isfinite(g->edges[k].weight))
      return kg_error_set(err, KG_ERR_INTERNAL, "edge '%s' - '%s': weight is not finite",
                          g->nodes[g->edges[k].source].id, g->nodes[g->edges[k].target].id);
  return 0;
}

int kg_graph_build(const kg_counter *c, const kg_entity *entities, size_t n_entities,
                   const kg_graph_opts *opts, kg_graph **out, kg_error *err) {
  return kg_graph_build_with(c, entities, n_entities, opts, KG_BETWEENNESS_WORK, out, err);
}

int kg_graph_build_with(const kg_counter *c, const kg_entity *entities, size_t n_entities,
                        const kg_graph_opts *opts, double betweenness_work, kg_graph **out,
                        kg_error *err) {
  build b = {.c = c, .ents = entities, .opts = opts};
  uint32_t *rank = NULL;
  kg_graph *g = NULL;
  int rc = 0;
  if (out)
    *out = NULL;
  if (!c || !opts || !out || (n_entities && !entities)) {
    rc = kg_error_set(err, KG_ERR_USAGE, "kg_graph_build: no counter, options or output");
    goto done;
  }
  if (c->broken) {
    rc = kg_error_set(err, KG_ERR_NOMEM, "the counts are incomplete: counting ran out of memory");
    goto done;
  }
  if (opts->window.kind != c->window.kind || (c->window.kind == KG_WINDOW_TOKENS &&
                                              opts->window.n_tokens != c->window.n_tokens)) {
    rc = kg_error_set(err, KG_ERR_USAGE, "the options ask for another window than was counted");
    goto done;
  }
  if ((unsigned)opts->weight > KG_WEIGHT_JACCARD || isnan(opts->min_weight) ||
      opts->min_weight == INFINITY) {
    rc = kg_error_set(err, KG_ERR_USAGE, "unknown weight scheme or invalid minimum weight");
    goto done;
  }
  if (!(rank = malloc((c->n_ents ? c->n_ents : 1) * sizeof *rank))) {
    rc = kg_error_set(err, KG_ERR_NOMEM, "out of memory for %zu entities", c->n_ents);
    goto done;
  }
  if ((rc = select_nodes(&b, n_entities, rank, err)) || (rc = weigh_edges(&b, rank, err)) ||
      (rc = keep_top(&b, opts->top, err)))
    goto done;
  if (!(g = kg_graph_alloc(b.n_nodes, b.n_edges))) {
    rc = kg_error_set(err, KG_ERR_NOMEM, "out of memory for a graph of %zu nodes, %zu edges",
                      b.n_nodes, b.n_edges);
    goto done;
  }
  g->opts = *opts;
  for (size_t v = 0; v < b.n_nodes; v++)
    if (!fill_node(&b, g, v)) {
      rc = kg_error_set(err, KG_ERR_NOMEM, "out of memory copying node %zu", v);
      goto done;
    }
  for (size_t k = 0; k < b.n_edges; k++)
    if (!fill_edge(&b, g, k)) {
      rc = kg_error_set(err, KG_ERR_NOMEM, "out of memory copying edge %zu", k);
      goto done;
    }
  if ((rc = run_igraph(g, b.edges, opts->seed, betweenness_work, err)) ||
      (rc = check_finite(g, err)))
    goto done;
  *out = g;
  g = NULL;
done:
  kg_graph_free(g);
  free(rank);
  free(b.node_ent);
  free(b.edges);
  free(b.join.ptr);
  kg_map_destroy(&b.date_index);
  free(b.dates);
  return rc;
}
