/* betweenness.c: weighted betweenness from a list of sources (see
 * betweenness.h).
 *
 * Per source, Dijkstra over a CSR adjacency with a 4-ary heap keyed on the
 * distance, counting shortest paths (sigma) and keeping each node's
 * predecessors on them; then Brandes's accumulation of dependencies in the
 * reverse order nodes were settled.  Distances are kept plus one, 0 meaning
 * unreached, and two lengths within a relative 1e-10 of each other are a
 * tie, as igraph does (igraph_i_sspf_weighted, IGRAPH_SHORTEST_PATH_EPSILON),
 * so that paths of 1/2 + 1/3 and 1/3 + 1/2 are both shortest.
 *
 * Each of the two halves of the source list accumulates into its own array;
 * a worker owns all its scratch (about 6 n doubles or words and 2 m words),
 * so the threads share nothing but the read-only graph. */
#include "betweenness.h"

#include <math.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#define EPS 1e-10

/* The graph in compressed rows: the neighbours of x are adj[off[x] ..
 * off[x + 1]), with the lengths of the edges to them. */
typedef struct csr {
  size_t n;
  const size_t *off;
  const uint32_t *adj;
  const double *len;
} csr;

typedef struct worker {
  const csr *g;
  const uint32_t *sources;
  size_t k;
  double *out; /* n, zeroed */
  /* scratch, n entries each unless said */
  double *dist, *sigma, *delta;
  uint32_t *order, *heap, *pos, *npred;
  uint32_t *pred; /* 2 m: the predecessors of x at pred[off[x] ..] */
} worker;

/* -1, 0 or 1 as a is below, within EPS of, or above b (both > 0). */
static int cmp_eps(double a, double b) {
  if (a == b)
    return 0;
  double diff = a - b;
  if (fabs(diff) < EPS * (fabs(a) + fabs(b)))
    return 0;
  return diff < 0 ? -1 : 1;
}

/* The 4-ary min-heap of node ids on dist; pos[x] = its slot + 1, 0 = out. */
static void heap_up(worker *w, size_t i) {
  uint32_t x = w->heap[i];
  double d = w->dist[x];
  while (i > 0) {
    size_t p = (i - 1) / 4;
    uint32_t y = w->heap[p];
    if (w->dist[y] <= d)
      break;
    w->heap[i] = y;
    w->pos[y] = (uint32_t)i + 1;
    i = p;
  }
  w->heap[i] = x;
  w->pos[x] = (uint32_t)i + 1;
}

static uint32_t heap_pop(worker *w, size_t *size) {
  uint32_t top = w->heap[0], x = w->heap[--*size];
  w->pos[top] = 0;
  if (*size == 0)
    return top;
  double d = w->dist[x];
  size_t i = 0;
  for (;;) {
    size_t c = 4 * i + 1, best = i;
    double bd = d;
    for (size_t j = c; j < c + 4 && j < *size; j++)
      if (w->dist[w->heap[j]] < bd) {
        bd = w->dist[w->heap[j]];
        best = j;
      }
    if (best == i)
      break;
    w->heap[i] = w->heap[best];
    w->pos[w->heap[i]] = (uint32_t)i + 1;
    i = best;
  }
  w->heap[i] = x;
  w->pos[x] = (uint32_t)i + 1;
  return top;
}

static void one_source(worker *w, uint32_t s) {
  const csr *g = w->g;
  size_t size = 0, settled = 0;
  w->dist[s] = 1.0;
  w->sigma[s] = 1.0;
  w->heap[size++] = s;
  w->pos[s] = 1;
  while (size) {
    uint32_t x = heap_pop(w, &size);
    w->order[settled++] = x;
    double dx = w->dist[x];
    for (size_t e = g->off[x]; e < g->off[x + 1]; e++) {
      uint32_t y = g->adj[e];
      double alt = dx + g->len[e], cur = w->dist[y];
      int c = cur == 0 ? -1 : cmp_eps(alt, cur);
      if (c < 0 && cur != 0 && !w->pos[y])
        continue; /* settled: no shorter path with lengths > 0 (rounding) */
      if (c < 0) { /* first or shorter path */
        w->pred[g->off[y]] = x;
        w->npred[y] = 1;
        w->sigma[y] = w->sigma[x];
        w->dist[y] = alt;
        if (!w->pos[y])
          w->heap[size++] = y;
        heap_up(w, w->pos[y] ? w->pos[y] - 1 : size - 1);
      } else if (c == 0) { /* another shortest path */
        w->pred[g->off[y] + w->npred[y]++] = x;
        w->sigma[y] += w->sigma[x];
      }
    }
  }
  while (settled) {
    uint32_t x = w->order[--settled];
    double coeff = (1.0 + w->delta[x]) / w->sigma[x];
    for (uint32_t j = 0; j < w->npred[x]; j++) {
      uint32_t p = w->pred[g->off[x] + j];
      w->delta[p] += w->sigma[p] * coeff;
    }
    if (x != s)
      w->out[x] += w->delta[x];
    w->dist[x] = w->sigma[x] = w->delta[x] = 0;
    w->npred[x] = 0;
  }
}

static void *run(void *arg) {
  worker *w = arg;
  for (size_t i = 0; i < w->k; i++)
    one_source(w, w->sources[i]);
  return NULL;
}

static void worker_free(worker *w) {
  free(w->dist);
  free(w->sigma);
  free(w->delta);
  free(w->order);
  free(w->heap);
  free(w->pos);
  free(w->npred);
  free(w->pred);
  free(w->out);
}

static int worker_init(worker *w, const csr *g, size_t m) {
  size_t n = g->n ? g->n : 1;
  w->g = g;
  w->out = calloc(n, sizeof *w->out);
  w->dist = calloc(n, sizeof *w->dist);
  w->sigma = calloc(n, sizeof *w->sigma);
  w->delta = calloc(n, sizeof *w->delta);
  w->order = malloc(n * sizeof *w->order);
  w->heap = malloc(n * sizeof *w->heap);
  w->pos = calloc(n, sizeof *w->pos);
  w->npred = calloc(n, sizeof *w->npred);
  w->pred = malloc((m ? 2 * m : 1) * sizeof *w->pred);
  return w->out && w->dist && w->sigma && w->delta && w->order && w->heap && w->pos &&
                 w->npred && w->pred
             ? 0
             : -1;
}

int kg_betweenness(size_t n, size_t m, const uint32_t *u, const uint32_t *v, const double *len,
                   const uint32_t *sources, size_t k, unsigned threads, double *out,
                   kg_error *err) {
  int rc = 0;
  size_t *off = calloc(n + 1, sizeof *off), *fill = calloc(n + 1, sizeof *fill);
  uint32_t *adj = malloc((m ? 2 * m : 1) * sizeof *adj);
  double *alen = malloc((m ? 2 * m : 1) * sizeof *alen);
  worker w[2];
  memset(w, 0, sizeof w);
  csr g = {n, off, adj, alen};
  if (!off || !fill || !adj || !alen || worker_init(&w[0], &g, m) || worker_init(&w[1], &g, m)) {
    rc = kg_error_set(err, KG_ERR_NOMEM, "betweenness: out of memory for %zu nodes, %zu edges",
                      n, m);
    goto done;
  }
  for (size_t i = 0; i < m; i++) {
    off[u[i] + 1]++;
    off[v[i] + 1]++;
  }
  for (size_t x = 0; x < n; x++)
    off[x + 1] += off[x];
  memcpy(fill, off, (n + 1) * sizeof *fill);
  for (size_t i = 0; i < m; i++) { /* in edge order: rows are deterministic */
    adj[fill[u[i]]] = v[i];
    alen[fill[u[i]]++] = len[i];
    adj[fill[v[i]]] = u[i];
    alen[fill[v[i]]++] = len[i];
  }
  size_t half = k / 2;
  w[0].sources = sources;
  w[0].k = half;
  w[1].sources = sources + half;
  w[1].k = k - half;
  pthread_t th;
  bool two = threads >= 2 && w[0].k && pthread_create(&th, NULL, run, &w[0]) == 0;
  if (!two)
    run(&w[0]);
  run(&w[1]);
  if (two)
    pthread_join(th, NULL);
  for (size_t x = 0; x < n; x++)
    out[x] = (w[0].out[x] + w[1].out[x]) * 0.5;
done:
  worker_free(&w[0]);
  worker_free(&w[1]);
  free(off);
  free(fill);
  free(adj);
  free(alen);
  return rc;
}
