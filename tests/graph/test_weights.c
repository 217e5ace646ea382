/* test_weights.c: each weighting scheme against values worked out by hand
 * on a four-document corpus, sentence windows.
 *
 *   d1: [A] met [B]. | [A] spoke. | [B] left. | [A], [B] and [C] signed. | Nothing else.
 *   d2: [C] and [D] talked. | [D] again.
 *   d3: [A] with [B].
 *   d4: [E] one. | [E] two. | [E] three. | [A] and [E].
 *
 * W = 12 sentences.  Windows per entity: w_A 5, w_B 4, w_C 2, w_D 2, w_E 4.
 * Pairs: c_AB 3 (2 documents), c_AC 1, c_BC 1, c_CD 1, c_AE 1.
 * Co-occurrence totals: s_A 5, s_B 4, s_C 3, s_D 1, s_E 1, S = 14.
 *
 * npmi = ln(p_ij / (p_i p_j)) / -ln p_ij, p = count / 12:
 *   AB ln(1.8)/ln 4 = 0.4239985, AC ln(1.2)/ln 12 = 0.0733716,
 *   BC ln(1.5)/ln 12 = 0.1631712, CD ln 3/ln 12 = 0.4421141,
 *   AE ln(0.6)/ln 12 = -0.2055714 (E is mostly alone: repelled).
 * association = S c / (s_i s_j):
 *   AB 14*3/20 = 2.1, AC 14/15, BC 14/12, CD 14/3, AE 14/5 = 2.8.
 * jaccard = c / (w_i + w_j - c):
 *   AB 3/6, AC 1/6, BC 1/5, CD 1/3, AE 1/8.
 */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <string.h>

#include "fixture.h"

#define N_DOCS 4
static const char *const markup[N_DOCS] = {
    ("[0 A] met [1 B]. | [0 A] spoke. | [1 B] left. | [0 A], [1 B] and [2 C] signed. | "
     "Nothing else."),
    "[2 C] and [3 D] talked. | [3 D] again.",
    "[0 A] with [1 B].",
    "[4 E] one. | [4 E] two. | [4 E] three. | [0 A] and [4 E].",
};

/* The corpus above as a graph built with o. */
static kg_graph *corpus_graph_with(const kg_graph_opts *o) {
  fx_doc docs[N_DOCS];
  char id[8];
  for (int k = 0; k < N_DOCS; k++) {
    snprintf(id, sizeof id, "d%d", k + 1);
    fx_doc_init(&docs[k], id, "", markup[k]);
  }
  kg_graph *g = fx_build(o, docs, N_DOCS, NULL, fx_entities(5), 5);
  for (int k = 0; k < N_DOCS; k++)
    fx_doc_destroy(&docs[k]);
  return g;
}

static kg_graph *corpus_graph(kg_weight_scheme scheme) {
  kg_graph_opts o;
  kg_graph_opts_init(&o);
  o.weight = scheme;
  kg_graph *g = corpus_graph_with(&o);
  cr_assert_eq(kg_graph_n_edges(g), 5, "five pairs co-occur, got %zu", kg_graph_n_edges(g));
  return g;
}

/* Parameters are copied into a re-executed test process: no pointers. */
typedef struct weight_case {
  kg_weight_scheme scheme;
  char name[16];
  double ab, ac, bc, cd, ae;
} weight_case;

ParameterizedTestParameters(weights, each_scheme_matches_hand_computation) {
  static weight_case cases[] = {
      {KG_WEIGHT_COUNT, "count", 3, 1, 1, 1, 1},
      {KG_WEIGHT_DOCUMENTS, "documents", 2, 1, 1, 1, 1},
      {KG_WEIGHT_NPMI, "npmi", 0.423998453277, 0.073371591971, 0.163171163047, 0.442114108698,
       -0.205571353680},
      {KG_WEIGHT_ASSOCIATION, "association", 2.1, 14.0 / 15, 14.0 / 12, 14.0 / 3, 2.8},
      {KG_WEIGHT_JACCARD, "jaccard", 0.5, 1.0 / 6, 0.2, 1.0 / 3, 0.125},
  };
  return cr_make_param_array(weight_case, cases, sizeof cases / sizeof cases[0]);
}

ParameterizedTest(weight_case *wc, weights, each_scheme_matches_hand_computation) {
  kg_graph *g = corpus_graph(wc->scheme);
  static const char *const pairs[5][2] = {{"person:e00", "person:e01"},
                                          {"person:e00", "person:e02"},
                                          {"person:e01", "person:e02"},
                                          {"person:e02", "person:e03"},
                                          {"person:e00", "person:e04"}};
  const double want[5] = {wc->ab, wc->ac, wc->bc, wc->cd, wc->ae};
  static const int64_t counts[5] = {3, 1, 1, 1, 1}, docs[5] = {2, 1, 1, 1, 1};
  for (int k = 0; k < 5; k++) {
    const kg_edge *e = fx_edge(g, pairs[k][0], pairs[k][1]);
    cr_assert(e, "%s: edge %s - %s missing", wc->name, pairs[k][0], pairs[k][1]);
    cr_assert_float_eq(e->weight, want[k], 1e-9, "%s weight of %s - %s: expected %.9f, got %.9f",
                       wc->name, pairs[k][0], pairs[k][1], want[k], e->weight);
    cr_assert_eq(e->count, counts[k], "%s: Count is always the windows shared", wc->name);
    cr_assert_eq(e->documents, docs[k], "%s: Documents is always the documents shared",
                 wc->name);
  }
  kg_graph_free(g);
}

Test(weights, npmi_metrics_use_the_shifted_weight) {
  kg_graph *g = corpus_graph(KG_WEIGHT_NPMI);
  /* E's only edge has NPMI -0.2055714: the metrics see (1 + NPMI) / 2. */
  const kg_node *e = fx_node(g, "person:e04");
  cr_assert(e);
  cr_assert_float_eq(e->weighted_degree, (1 - 0.205571353680) / 2, 1e-9,
                     "WeightedDegree of E: expected 0.3972143, got %.9f", e->weighted_degree);
  for (size_t v = 0; v < kg_graph_n_nodes(g); v++)
    cr_assert_gt(kg_graph_nodes(g)[v].pagerank, 0, "PageRank stays positive");
  kg_graph_free(g);
}

static double npmi_of_only_edge(const char *text) {
  kg_graph_opts o;
  kg_graph_opts_init(&o);
  o.weight = KG_WEIGHT_NPMI;
  kg_graph *g = fx_build_text(&o, text, 2);
  cr_assert_eq(kg_graph_n_edges(g), 1);
  double w = kg_graph_edges(g)[0].weight;
  kg_graph_free(g);
  return w;
}

Test(weights, npmi_of_complete_cooccurrence_is_one) {
  /* One window holding both: p_ij = p_i = p_j = 1, NPMI's 0/0 case. */
  double w = npmi_of_only_edge("[0 A] and [1 B].");
  cr_assert_float_eq(w, 1.0, 1e-12, "expected NPMI 1, got %f", w);
}

Test(weights, npmi_is_one_when_always_together) {
  /* A and B only ever appear together, in 2 of 4 windows. */
  double w = npmi_of_only_edge("[0 A] [1 B] | x | [0 A] [1 B] | y");
  cr_assert_float_eq(w, 1.0, 1e-12, "expected NPMI 1, got %.17g", w);
  cr_assert_leq(w, 1.0, "NPMI never exceeds 1");
}

Test(weights, npmi_min_weight_zero_drops_the_negative_edges) {
  kg_graph_opts o;
  kg_graph_opts_init(&o);
  o.weight = KG_WEIGHT_NPMI;
  o.min_weight = 0; /* an explicit 0 is a real threshold, not "no filter" */
  kg_graph *g = corpus_graph_with(&o);
  cr_assert_eq(kg_graph_n_edges(g), 4, "A-E (NPMI -0.21) is dropped, got %zu edges",
               kg_graph_n_edges(g));
  cr_assert_null(fx_edge(g, "person:e00", "person:e04"), "A-E must be gone");
  kg_graph_free(g);
}
