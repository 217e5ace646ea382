/* weights.c: the edge weighting schemes, and the positive weight the metrics
 * use.  Pure functions of the counts in kg_pair_counts; the counts are global
 * (taken before any filter), so filtering never changes an edge's Weight.
 *
 * Notation, for a pair of entities i and j:
 *   W     number of windows in the corpus, empty ones included (count.c says
 *         what a window is for each --window);
 *   w_i   number of windows containing a mention of i;
 *   c_ij  number of windows containing mentions of both (the Count column);
 *   d_ij  number of documents in which they share a window (Documents);
 *   s_i   sum of c_ij over every j: i's total co-occurrences;
 *   S     sum of s_i over every entity, = 2 * (sum of c_ij over all pairs).
 */
#include <math.h>

#include "counter.h"

double kg_weight_value(kg_weight_scheme scheme, const kg_pair_counts *pc) {
  switch (scheme) {
  case KG_WEIGHT_COUNT:
    /* count: Weight = c_ij. */
    return pc->c;
  case KG_WEIGHT_DOCUMENTS:
    /* documents: Weight = d_ij. */
    return pc->d;
  case KG_WEIGHT_NPMI: {
    /* npmi (Bouma 2009): with p_ij = c_ij / W, p_i = w_i / W, p_j = w_j / W,
     *   NPMI = ln(p_ij / (p_i p_j)) / -ln(p_ij),
     * computed as (ln c_ij + ln W - ln w_i - ln w_j) / (ln W - ln c_ij).
     * It lies in [-1, 1]: 0 for independence, 1 when i and j only ever
     * occur together.  p_ij = 1 (both in every window) makes it 0/0; that is
     * complete co-occurrence, so it is defined as 1.  Rounding is clamped
     * into [-1, 1]. */
    if (pc->c >= pc->n_windows)
      return 1.0;
    double pmi = log(pc->c) + log(pc->n_windows) - log(pc->w_i) - log(pc->w_j);
    double v = pmi / (log(pc->n_windows) - log(pc->c));
    return v > 1.0 ? 1.0 : v < -1.0 ? -1.0 : v;
  }
  case KG_WEIGHT_ASSOCIATION:
    /* association strength (van Eck & Waltman 2009), scaled as VOSviewer
     * does (Waltman, van Eck & Noyons 2010; CWTS networkanalysis,
     * Network.createNormalizedNetworkUsingAssociationStrength):
     *   AS_ij = c_ij / (s_i s_j / S) = S c_ij / (s_i s_j),
     * the ratio of the observed co-occurrences to those expected if i and j
     * co-occurred at random given their totals (configuration model): 1 =
     * as expected, above 1 = attracted.  s_i is i's total co-occurrence
     * count (its weighted degree under `count` in the unfiltered graph), not
     * its number of mentions. */
    return pc->s_total * pc->c / (pc->s_i * pc->s_j);
  case KG_WEIGHT_JACCARD:
    /* jaccard over windows: Weight = c_ij / (w_i + w_j - c_ij), the share of
     * the windows mentioning either that mention both; in (0, 1]. */
    return pc->c / (pc->w_i + pc->w_j - pc->c);
  }
  return pc->c;
}

double kg_weight_metric(kg_weight_scheme scheme, double value) {
  /* PageRank, strength, Leiden and betweenness (distance = 1 / weight) need
   * strictly positive weights.  Every scheme but npmi is positive for an
   * edge that exists (c_ij >= 1).  NPMI lies in (-1, 1] for such an edge, so
   * the metrics use (1 + NPMI) / 2, in (0, 1]: the order of the edges is
   * kept and an independent pair (NPMI 0) weighs half of a perfect one.  The
   * floor only guards against rounding; the Weight column keeps NPMI. */
  if (scheme == KG_WEIGHT_NPMI)
    value = (1.0 + value) / 2.0;
  return value > 1e-12 ? value : 1e-12;
}
