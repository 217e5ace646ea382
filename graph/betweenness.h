/* betweenness.h (private to graph/): weighted betweenness centrality of an
 * undirected graph from a list of sources, on two threads.
 *
 * igraph (0.10, Debian's build) is not thread-safe, and its betweenness was
 * half of `kgraph build` on large corpora; this is the same computation
 * (Brandes 2001 with Dijkstra, ties within igraph's relative epsilon 1e-10,
 * each unordered pair counted once), cut in two halves of the source list
 * that run side by side.  The halves are fixed and summed in one order, so
 * the result does not depend on the thread count; tests hold it to igraph's
 * igraph_betweenness and igraph_betweenness_subset. */
#ifndef KG_BETWEENNESS_H
#define KG_BETWEENNESS_H

#include <stddef.h>
#include <stdint.h>

#include "extract.h" /* kg_error */

/* out[v] (n entries) = sum over the k sources s of the dependency of s on v:
 * the share of shortest paths from s to every other node that pass through
 * v, halved (an undirected pair is counted once when every node is a
 * source).  Edge i joins u[i] and v[i] (u[i] != v[i], no two edges join the
 * same pair) and has length len[i] > 0.  threads: 1 or 2. */
int kg_betweenness(size_t n, size_t m, const uint32_t *u, const uint32_t *v, const double *len,
                   const uint32_t *sources, size_t k, unsigned threads, double *out,
                   kg_error *err);

#endif
