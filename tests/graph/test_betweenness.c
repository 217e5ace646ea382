/* test_betweenness.c: kg_betweenness against igraph's own betweenness
 * (igraph_betweenness, igraph_betweenness_subset) on random weighted
 * graphs full of tied shortest paths, and its independence of the thread
 * count. */
#include <criterion/criterion.h>
#include <igraph.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "betweenness.h"

typedef struct rgraph {
  size_t n, m;
  uint32_t *u, *v;
  double *len;
} rgraph;

/* A random simple graph of n nodes and about m edges (xorshift, seeded),
 * lengths 1 / w with w in {1, 2, 3, 6}: sums such as 1/2 + 1/3 and 1/3 +
 * 1/2, or 1/6 + 1/3 and 1/2, tie only within rounding, as co-occurrence
 * counts do. */
static rgraph random_graph(size_t n, size_t m, uint64_t seed) {
  static const double w[] = {1, 2, 3, 6};
  rgraph g = {n, 0, malloc(m * sizeof(uint32_t)), malloc(m * sizeof(uint32_t)),
              malloc(m * sizeof(double))};
  char *seen = calloc(n * n, 1);
  uint64_t x = seed * 0x9e3779b97f4a7c15ULL + 1;
  for (size_t t = 0; t < 4 * m && g.m < m; t++) {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    uint32_t a = (uint32_t)(x % n), b = (uint32_t)((x >> 20) % n);
    if (a == b || seen[a * n + b])
      continue;
    seen[a * n + b] = seen[b * n + a] = 1;
    g.u[g.m] = a;
    g.v[g.m] = b;
    g.len[g.m++] = 1.0 / w[(x >> 40) % 4];
  }
  free(seen);
  return g;
}

static void free_graph(rgraph *g) {
  free(g->u);
  free(g->v);
  free(g->len);
}

/* igraph's betweenness of g from the given sources (all when NULL). */
static void igraph_reference(const rgraph *g, const uint32_t *src, size_t k, double *out) {
  igraph_vector_int_t el, sv;
  igraph_vector_t w, res;
  igraph_t ig;
  igraph_vector_int_init(&el, (igraph_integer_t)(2 * g->m));
  igraph_vector_init(&w, (igraph_integer_t)g->m);
  for (size_t i = 0; i < g->m; i++) {
    VECTOR(el)[2 * i] = g->u[i];
    VECTOR(el)[2 * i + 1] = g->v[i];
    VECTOR(w)[i] = g->len[i];
  }
  igraph_create(&ig, &el, (igraph_integer_t)g->n, IGRAPH_UNDIRECTED);
  igraph_vector_init(&res, 0);
  if (!src) {
    cr_assert_eq(igraph_betweenness(&ig, &res, igraph_vss_all(), false, &w), IGRAPH_SUCCESS);
  } else {
    igraph_vector_int_init(&sv, (igraph_integer_t)k);
    for (size_t i = 0; i < k; i++)
      VECTOR(sv)[i] = src[i];
    cr_assert_eq(igraph_betweenness_subset(&ig, &res, igraph_vss_all(), false,
                                           igraph_vss_vector(&sv), igraph_vss_all(), &w),
                 IGRAPH_SUCCESS);
    igraph_vector_int_destroy(&sv);
  }
  for (size_t i = 0; i < g->n; i++)
    out[i] = VECTOR(res)[i];
  igraph_vector_destroy(&res);
  igraph_destroy(&ig);
  igraph_vector_destroy(&w);
  igraph_vector_int_destroy(&el);
}

static void expect_close(const double *ours, const double *ref, size_t n, const char *what) {
  for (size_t i = 0; i < n; i++)
    cr_assert(fabs(ours[i] - ref[i]) <= 1e-9 * (1.0 + fabs(ref[i])),
              "%s: node %zu: %.17g, igraph %.17g", what, i, ours[i], ref[i]);
}

Test(betweenness, every_source_matches_igraph_betweenness) {
  static const size_t sizes[][2] = {{2, 1}, {5, 4}, {30, 60}, {200, 600}, {300, 3000}};
  for (size_t t = 0; t < sizeof sizes / sizeof *sizes; t++) {
    rgraph g = random_graph(sizes[t][0], sizes[t][1], t + 1);
    uint32_t *all = malloc(g.n * sizeof *all);
    double *ours = malloc(g.n * sizeof *ours), *ref = malloc(g.n * sizeof *ref);
    for (size_t i = 0; i < g.n; i++)
      all[i] = (uint32_t)i;
    kg_error err = {0};
    cr_assert_eq(kg_betweenness(g.n, g.m, g.u, g.v, g.len, all, g.n, 2, ours, &err), 0, "%s",
                 err.msg);
    igraph_reference(&g, NULL, 0, ref);
    expect_close(ours, ref, g.n, "exact");
    free(all), free(ours), free(ref);
    free_graph(&g);
  }
}

Test(betweenness, some_sources_match_igraph_betweenness_subset) {
  rgraph g = random_graph(400, 2400, 7);
  uint32_t src[37];
  for (size_t i = 0; i < 37; i++)
    src[i] = (uint32_t)((i * 101 + 13) % g.n);
  double ours[400], ref[400];
  kg_error err = {0};
  cr_assert_eq(kg_betweenness(g.n, g.m, g.u, g.v, g.len, src, 37, 2, ours, &err), 0, "%s",
               err.msg);
  igraph_reference(&g, src, 37, ref);
  expect_close(ours, ref, g.n, "subset");
  free_graph(&g);
}

Test(betweenness, one_thread_or_two_give_the_same_bytes) {
  rgraph g = random_graph(500, 4000, 11);
  uint32_t src[101];
  for (size_t i = 0; i < 101; i++)
    src[i] = (uint32_t)((i * 37) % g.n);
  double one[500], two[500];
  kg_error err = {0};
  cr_assert_eq(kg_betweenness(g.n, g.m, g.u, g.v, g.len, src, 101, 1, one, &err), 0);
  cr_assert_eq(kg_betweenness(g.n, g.m, g.u, g.v, g.len, src, 101, 2, two, &err), 0);
  cr_assert_eq(memcmp(one, two, sizeof one), 0, "the halves and their sum do not move");
  free_graph(&g);
}

Test(betweenness, a_path_and_a_star_by_hand) {
  /* a - b - c: b is between a and c; a star: the hub between every pair */
  uint32_t pu[] = {0, 1}, pv[] = {1, 2}, su[] = {0, 0, 0, 0}, sv[] = {1, 2, 3, 4};
  double pl[] = {1, 1}, sl[] = {1, 2, 3, 4}, out[5];
  uint32_t all[] = {0, 1, 2, 3, 4};
  kg_error err = {0};
  cr_assert_eq(kg_betweenness(3, 2, pu, pv, pl, all, 3, 2, out, &err), 0);
  cr_assert_float_eq(out[1], 1.0, 1e-15);
  cr_assert_float_eq(out[0], 0.0, 1e-15);
  cr_assert_eq(kg_betweenness(5, 4, su, sv, sl, all, 5, 2, out, &err), 0);
  cr_assert_float_eq(out[0], 6.0, 1e-15, "4 leaves, 6 pairs");
  cr_assert_eq(kg_betweenness(1, 0, NULL, NULL, NULL, all, 1, 2, out, &err), 0);
  cr_assert_float_eq(out[0], 0.0, 1e-15, "a lone node");
}
