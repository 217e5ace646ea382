/* test_metrics.c: the igraph metrics of kg_graph_build against published
 * results on Zachary's karate club, weighted cases worked by hand, and the
 * determinism of the communities. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "graph_impl.h" /* kg_graph_build_with */

/* Zachary's karate club, 34 members, 78 ties, vertices 0-based as in
 * igraph_famous("Zachary"). */
static const int karate[78][2] = {
    {0, 1},   {0, 2},   {0, 3},   {0, 4},   {0, 5},   {0, 6},   {0, 7},   {0, 8},   {0, 10},
    {0, 11},  {0, 12},  {0, 13},  {0, 17},  {0, 19},  {0, 21},  {0, 31},  {1, 2},   {1, 3},
    {1, 7},   {1, 13},  {1, 17},  {1, 19},  {1, 21},  {1, 30},  {2, 3},   {2, 7},   {2, 27},
    {2, 28},  {2, 32},  {2, 9},   {2, 8},   {2, 13},  {3, 7},   {3, 12},  {3, 13},  {4, 6},
    {4, 10},  {5, 6},   {5, 10},  {5, 16},  {6, 16},  {8, 30},  {8, 32},  {8, 33},  {9, 33},
    {13, 33}, {14, 32}, {14, 33}, {15, 32}, {15, 33}, {18, 32}, {18, 33}, {19, 33}, {20, 32},
    {20, 33}, {22, 32}, {22, 33}, {23, 25}, {23, 27}, {23, 32}, {23, 33}, {23, 29}, {24, 25},
    {24, 27}, {24, 31}, {25, 31}, {26, 29}, {26, 33}, {27, 33}, {28, 31}, {28, 33}, {29, 32},
    {29, 33}, {30, 32}, {30, 33}, {31, 32}, {31, 33}, {32, 33},
};

/* The karate club as one document, one sentence per tie: with count
 * weights every edge weighs 1, so the weighted metrics are the classic
 * unweighted ones. Entity k has id person:eKK, so node index = vertex. */
static kg_graph *karate_graph(const kg_graph_opts *opts) {
  size_t cap = 78 * 24 + 1, n = 0;
  char *markup = malloc(cap);
  cr_assert(markup);
  for (int k = 0; k < 78; k++)
    n += (size_t)snprintf(markup + n, cap - n, "[%d a] [%d b] |", karate[k][0], karate[k][1]);
  fx_doc d;
  fx_doc_init(&d, "karate", "", markup);
  free(markup);
  kg_graph *g = fx_build(opts, &d, 1, NULL, fx_entities(34), 34);
  fx_doc_destroy(&d);
  cr_assert_eq(kg_graph_n_nodes(g), 34, "karate: 34 nodes, got %zu", kg_graph_n_nodes(g));
  cr_assert_eq(kg_graph_n_edges(g), 78, "karate: 78 edges, got %zu", kg_graph_n_edges(g));
  return g;
}

/* Newman's modularity of the Community column, edges of weight w. */
static double modularity(const kg_graph *g) {
  size_t n = kg_graph_n_nodes(g), m = kg_graph_n_edges(g);
  const kg_node *nodes = kg_graph_nodes(g);
  const kg_edge *edges = kg_graph_edges(g);
  double *in = calloc(n, sizeof *in), *tot = calloc(n, sizeof *tot), w2 = 0, q = 0;
  cr_assert(in && tot);
  for (size_t k = 0; k < m; k++) {
    int64_t cs = nodes[edges[k].source].community, ct = nodes[edges[k].target].community;
    if (cs == ct)
      in[cs] += 2 * edges[k].weight;
    tot[cs] += edges[k].weight;
    tot[ct] += edges[k].weight;
    w2 += 2 * edges[k].weight;
  }
  for (size_t c = 0; c < n; c++)
    q += in[c] / w2 - (tot[c] / w2) * (tot[c] / w2);
  free(in);
  free(tot);
  return q;
}

Test(metrics, karate_degree_and_coreness) {
  kg_graph_opts o;
  kg_graph_opts_init(&o);
  kg_graph *g = karate_graph(&o);
  /* igraph_coreness / networkx core_number on the karate club. */
  static const int64_t core[34] = {4, 4, 4, 4, 3, 3, 3, 4, 4, 2, 3, 1, 2, 4, 2, 2, 2,
                                   2, 2, 3, 2, 2, 2, 3, 3, 3, 2, 3, 3, 3, 4, 3, 4, 4};
  const kg_node *nodes = kg_graph_nodes(g);
  cr_assert_eq(nodes[0].degree, 16, "member 1 has 16 ties, got %lld", (long long)nodes[0].degree);
  cr_assert_eq(nodes[33].degree, 17, "member 34 has 17 ties");
  cr_assert_eq(nodes[11].degree, 1, "member 12 has one tie");
  for (int v = 0; v < 34; v++) {
    cr_assert_eq(nodes[v].kcore, core[v], "coreness of vertex %d: expected %lld, got %lld", v,
                 (long long)core[v], (long long)nodes[v].kcore);
    cr_assert_float_eq(nodes[v].weighted_degree, (double)nodes[v].degree, 1e-12,
                       "count weights are all 1: strength = degree");
    cr_assert_eq(nodes[v].component, 0, "the club is connected");
  }
  kg_graph_free(g);
}

typedef struct vertex_value {
  int v;
  double value;
} vertex_value;

/* The node attribute `name` of each listed karate vertex, within tol. */
static void assert_karate(const char *name, const vertex_value *want, size_t n, double tol) {
  kg_graph_opts o;
  kg_graph_opts_init(&o);
  kg_graph *g = karate_graph(&o);
  const kg_attr *at = NULL;
  for (size_t k = 0; k < kg_n_node_attrs; k++)
    if (!strcmp(kg_node_attrs[k].name, name))
      at = &kg_node_attrs[k];
  cr_assert(at && at->type == KG_ATTR_DOUBLE, "%s is a numeric node attribute", name);
  for (size_t k = 0; k < n; k++) {
    double got = kg_attr_double(&kg_graph_nodes(g)[want[k].v], at);
    cr_assert_float_eq(got, want[k].value, tol, "%s of vertex %d: expected %.6f, got %.6f", name,
                       want[k].v, want[k].value, got);
  }
  kg_graph_free(g);
}

Test(metrics, karate_pagerank_matches_igraph) {
  /* igraph_pagerank (PRPACK, damping 0.85) on the karate club, as printed
   * by python-igraph 0.10 Graph.Famous("Zachary").pagerank() and by
   * networkx.pagerank (its documentation example graph). */
  static const vertex_value want[] = {{33, 0.100919}, {0, 0.096997}, {32, 0.071693},
                                      {2, 0.057079},  {1, 0.052877}, {31, 0.037158},
                                      {3, 0.035860},  {11, 0.009565}};
  assert_karate("PageRank", want, sizeof want / sizeof want[0], 1e-6);
}

Test(metrics, karate_pagerank_sums_to_one) {
  kg_graph_opts o;
  kg_graph_opts_init(&o);
  kg_graph *g = karate_graph(&o);
  double sum = 0;
  for (int v = 0; v < 34; v++)
    sum += kg_graph_nodes(g)[v].pagerank;
  cr_assert_float_eq(sum, 1.0, 1e-9, "PageRank sums to 1, got %.12f", sum);
  kg_graph_free(g);
}

Test(metrics, karate_betweenness_matches_igraph) {
  /* Unnormalized betweenness, each pair counted once (igraph_betweenness,
   * networkx betweenness_centrality(normalized=False)): member 1 231.0714,
   * member 34 160.5516, member 33 76.6905, member 3 75.8508, member 32
   * 73.0095; leaves such as member 12 lie on no shortest path. */
  static const vertex_value want[] = {{0, 231.0714}, {33, 160.5516}, {32, 76.6905},
                                      {2, 75.8508},  {31, 73.0095},  {8, 29.5294},
                                      {1, 28.4786},  {11, 0.0}};
  assert_karate("Betweenness", want, sizeof want / sizeof want[0], 1e-4);
}

Test(metrics, karate_leiden_finds_the_four_communities) {
  kg_graph_opts o;
  kg_graph_opts_init(&o);
  kg_graph *g = karate_graph(&o);
  /* The maximum modularity of the karate club is 0.4198 with 4 communities
   * (Brandes et al. 2008, optimal modularity; igraph's docs for
   * igraph_community_leiden quote the same). */
  double q = modularity(g);
  cr_assert_eq(kg_graph_n_communities(g), 4, "expected 4 communities, got %zu",
               kg_graph_n_communities(g));
  cr_assert_float_eq(q, 0.4198, 1e-4, "expected modularity 0.4198, got %.6f", q);
  kg_graph_free(g);
}

Test(metrics, betweenness_reads_weights_as_closeness) {
  /* A-B and B-C co-occur 4 times, A-C once.  With distance = 1/weight the
   * path A-B-C (0.25 + 0.25) is shorter than the direct A-C (1): B is
   * between A and C.  With distance = weight it would not be. */
  fx_doc d;
  fx_doc_init(&d, "w", "",
              "[0 A] [1 B] | [0 A] [1 B] | [0 A] [1 B] | [0 A] [1 B] | "
              "[1 B] [2 C] | [1 B] [2 C] | [1 B] [2 C] | [1 B] [2 C] | [0 A] [2 C]");
  kg_graph_opts o;
  kg_graph_opts_init(&o);
  kg_graph *g = fx_build(&o, &d, 1, NULL, fx_entities(3), 3);
  const kg_node *n = kg_graph_nodes(g);
  cr_assert_float_eq(n[1].betweenness, 1.0, 1e-12, "B lies on the only shortest A-C path, got %f",
                     n[1].betweenness);
  cr_assert_float_eq(n[0].betweenness, 0.0, 1e-12);
  cr_assert_float_eq(n[2].betweenness, 0.0, 1e-12);
  cr_assert_eq(kg_graph_betweenness_sources(g), 0, "a small graph gets exact betweenness");
  kg_graph_free(g);
  fx_doc_destroy(&d);
}

/* A star: entity 0 co-occurs with each of n_leaves others. */
static kg_counter *star(const kg_graph_opts *o, int n_leaves, fx_doc *d) {
  char *markup = malloc((size_t)n_leaves * 24 + 1);
  size_t n = 0;
  for (int k = 1; k <= n_leaves; k++)
    n += (size_t)sprintf(markup + n, "[0 h] [%d l] |", k);
  fx_doc_init(d, "star", "", markup);
  free(markup);
  return fx_count(o, d, 1, NULL);
}

Test(metrics, sampling_every_node_is_the_exact_computation) {
  kg_graph_opts o;
  kg_graph_opts_init(&o);
  fx_doc d;
  kg_counter *c = star(&o, 63, &d); /* 64 nodes: entity ids e00..e63 */
  kg_graph *g[2];
  kg_error err = {0};
  /* A budget of 1: every graph is "too big", 64 sources at least. */
  for (int k = 0; k < 2; k++)
    cr_assert_eq(kg_graph_build_with(c, fx_entities(64), 64, &o, 1, &g[k], &err), 0, "%s",
                 err.msg);
  /* 64 sources of 64 nodes is all of them: exact after all. */
  cr_assert_eq(kg_graph_betweenness_sources(g[0]), 0, "k >= n falls back to exact");
  cr_assert_float_eq(kg_graph_nodes(g[0])[0].betweenness, 63.0 * 62 / 2, 1e-9,
                     "the hub of a 63-leaf star is between every pair of leaves");
  for (int k = 0; k < 2; k++)
    kg_graph_free(g[k]);
  kg_counter_free(c);
  fx_doc_destroy(&d);
}

Test(metrics, sampled_betweenness_estimates_the_exact_value) {
  kg_graph_opts o;
  kg_graph_opts_init(&o);
  fx_doc d;
  /* 1 hub + 199 leaves; ids person:e00.. need the 200 names fx_entities
   * cannot give (64 max): build them here. */
  enum { N = 200 };
  static char ids[N][24];
  static kg_entity ents[N];
  for (int k = 0; k < N; k++) {
    snprintf(ids[k], sizeof ids[k], "person:n%03d", k);
    ents[k] = (kg_entity){ids[k], ids[k], KG_PERSON, "", "", ""};
  }
  kg_counter *c = star(&o, N - 1, &d);
  kg_graph *g[2];
  kg_error err = {0};
  for (int k = 0; k < 2; k++)
    cr_assert_eq(kg_graph_build_with(c, ents, N, &o, 1, &g[k], &err), 0, "%s", err.msg);
  cr_assert_eq(kg_graph_betweenness_sources(g[0]), 64, "64 sampled sources, got %zu",
               kg_graph_betweenness_sources(g[0]));
  /* Exact: C(199, 2) = 19701.  A leaf source adds 198/2 to the hub, the
   * hub as source adds 0: with 63 or 64 leaf sources, scaled by 200/64,
   * the estimate is 19491 or 19800. */
  double hub = kg_graph_nodes(g[0])[0].betweenness;
  cr_assert(fabs(hub - 19491.5625) < 1e-6 || fabs(hub - 19800) < 1e-6,
            "hub estimate %f is one of the two possible values", hub);
  cr_assert_lt(fabs(hub - 19701) / 19701, 0.02, "within 2%% of the exact value");
  for (int v = 1; v < N; v++)
    cr_assert_float_eq(kg_graph_nodes(g[0])[v].betweenness, 0.0, 1e-12, "leaves are between none");
  cr_assert(hub == kg_graph_nodes(g[1])[0].betweenness, "the same seed gives the same estimate");
  for (int k = 0; k < 2; k++)
    kg_graph_free(g[k]);
  kg_counter_free(c);
  fx_doc_destroy(&d);
}

Test(metrics, communities_are_deterministic_and_numbered_by_size) {
  /* The karate club cut into 6 documents, counted in two orders, with a
   * seed other than the default. */
  enum { PARTS = 6 };
  fx_doc d[PARTS];
  for (int p = 0; p < PARTS; p++) {
    char markup[13 * 24 + 1];
    size_t n = 0;
    for (int k = p * 13; k < (p + 1) * 13; k++)
      n += (size_t)sprintf(markup + n, "[%d a] [%d b] |", karate[k][0], karate[k][1]);
    char id[8];
    snprintf(id, sizeof id, "part%d", p);
    fx_doc_init(&d[p], id, "", markup);
  }
  static const size_t order[2][PARTS] = {{0, 1, 2, 3, 4, 5}, {5, 3, 1, 0, 4, 2}};
  kg_graph_opts o;
  kg_graph_opts_init(&o);
  o.seed = 12345;
  kg_graph *g[3];
  for (int k = 0; k < 3; k++)
    g[k] = fx_build(&o, d, PARTS, order[k % 2], fx_entities(34), 34);
  for (int k = 1; k < 3; k++)
    for (int v = 0; v < 34; v++)
      cr_assert_eq(kg_graph_nodes(g[0])[v].community, kg_graph_nodes(g[k])[v].community,
                   "run %d: vertex %d changed community", k, v);
  /* Numbered by size, largest first; ties by smallest member. */
  size_t size[34] = {0}, first[34];
  for (int v = 33; v >= 0; v--) {
    size[kg_graph_nodes(g[0])[v].community]++;
    first[kg_graph_nodes(g[0])[v].community] = (size_t)v;
  }
  for (size_t c = 1; c < kg_graph_n_communities(g[0]); c++)
    cr_assert(size[c - 1] > size[c] || (size[c - 1] == size[c] && first[c - 1] < first[c]),
              "community %zu (%zu members) cannot follow community %zu (%zu)", c, size[c], c - 1,
              size[c - 1]);
  cr_assert_float_eq(modularity(g[0]), 0.4198, 1e-4, "seed 12345 also finds Q = 0.4198");
  for (int k = 0; k < 3; k++)
    kg_graph_free(g[k]);
  for (int p = 0; p < PARTS; p++)
    fx_doc_destroy(&d[p]);
}

Test(metrics, weighted_leiden_separates_two_groups) {
  /* Two triangles, each edge counted 5 times, joined by one single
   * co-occurrence: two communities, one component. */
  fx_doc d;
  char markup[1024];
  size_t n = 0;
  static const int tri[6][2] = {{0, 1}, {1, 2}, {0, 2}, {3, 4}, {4, 5}, {3, 5}};
  for (int e = 0; e < 6; e++)
    for (int r = 0; r < 5; r++)
      n += (size_t)sprintf(markup + n, "[%d a] [%d b] |", tri[e][0], tri[e][1]);
  sprintf(markup + n, "[2 a] [3 b]");
  fx_doc_init(&d, "t", "", markup);
  kg_graph_opts o;
  kg_graph_opts_init(&o);
  kg_graph *g = fx_build(&o, &d, 1, NULL, fx_entities(6), 6);
  const kg_node *v = kg_graph_nodes(g);
  cr_assert_eq(kg_graph_n_communities(g), 2, "two communities, got %zu",
               kg_graph_n_communities(g));
  cr_assert(v[0].community == 0 && v[1].community == 0 && v[2].community == 0,
            "the first triangle (smallest ids) is community 0");
  cr_assert(v[3].community == 1 && v[4].community == 1 && v[5].community == 1);
  for (int k = 0; k < 6; k++)
    cr_assert_eq(v[k].component, 0, "one component");
  cr_assert_eq(v[2].kcore, 2, "triangles are 2-cores");
  kg_graph_free(g);
  fx_doc_destroy(&d);
}

Test(metrics, pagerank_is_bitwise_reproducible) {
  /* A graph big enough for igraph's PRPACK to use its OpenMP threads, whose
   * sums in varying order changed the last digits from run to run. */
  enum { N = 1000, DOCS = 150 };
  static fx_doc d[DOCS];
  static kg_entity ents[N];
  static char ids[N][24];
  for (int k = 0; k < N; k++) {
    snprintf(ids[k], sizeof ids[k], "person:n%04d", k);
    ents[k] = (kg_entity){ids[k], ids[k], KG_PERSON, "", "", ""};
  }
  char markup[2048];
  uint32_t x = 12345;
  for (int k = 0; k < DOCS; k++) {
    size_t n = 0;
    for (int s = 0; s < 12; s++) {
      for (int j = 0; j < 3; j++) {
        x = x * 1103515245u + 12345u;
        n += (size_t)sprintf(markup + n, "[%u e] ", (x >> 16) % N);
      }
      n += (size_t)sprintf(markup + n, "| ");
    }
    char id[8];
    snprintf(id, sizeof id, "d%02d", k);
    fx_doc_init(&d[k], id, "", markup);
  }
  kg_graph_opts o;
  kg_graph_opts_init(&o);
  kg_graph *first = fx_build(&o, d, DOCS, NULL, ents, N);
  for (int run = 0; run < 10; run++) {
    kg_graph *g = fx_build(&o, d, DOCS, NULL, ents, N);
    for (size_t v = 0; v < kg_graph_n_nodes(g); v++)
      cr_assert(kg_graph_nodes(g)[v].pagerank == kg_graph_nodes(first)[v].pagerank,
                "run %d, node %zu: PageRank %.17g then %.17g", run, v,
                kg_graph_nodes(first)[v].pagerank, kg_graph_nodes(g)[v].pagerank);
    kg_graph_free(g);
  }
  kg_graph_free(first);
  for (int k = 0; k < DOCS; k++)
    fx_doc_destroy(&d[k]);
}
