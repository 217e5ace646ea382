/* test_filters.c: the filters of kg_graph_build and their order: min
 * mentions, types, min weight, then top N by weighted degree (ties by id);
 * metrics on what is left.
 *
 * Corpus, sentence windows, count weights:
 *   [H] [L] | [H] [P] | [H] [Q] | [X] [Y] | [X] [Y]
 * Edges H-L 1, H-P 1, H-Q 1, X-Y 2.  Mentions H 3, X 2, Y 2, L P Q 1.
 * Weighted degree H 3, X 2, Y 2, L P Q 1.  P is an organization.
 */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <string.h>

#include "fixture.h"

enum { H, X, Y, L, P, Q, N_ENTS };

static kg_graph *filtered(const kg_graph_opts *opts) {
  kg_entity ents[N_ENTS];
  memcpy(ents, fx_entities(N_ENTS), sizeof ents);
  ents[P].type = KG_ORGANIZATION;
  fx_doc d;
  fx_doc_init(&d, "doc", "", "[0 H] [3 L] | [0 H] [4 P] | [0 H] [5 Q] | [1 X] [2 Y] | [1 X] [2 Y]");
  kg_graph *g = fx_build(opts, &d, 1, NULL, ents, N_ENTS);
  fx_doc_destroy(&d);
  return g;
}

/* Parameters are copied into a re-executed test process: no pointers. */
typedef struct filter_case {
  char what[48];
  int64_t min_mentions;
  unsigned types;
  double min_weight;
  size_t top;
  char nodes[16]; /* the entities kept, as letters of "HXYLPQ", in id order */
  size_t n_edges;
} filter_case;

ParameterizedTestParameters(filters, keep_what_they_should_in_order) {
  static filter_case cases[] = {
      {"no filter", 0, 0, 0, 0, "HXYLPQ", 4},
      {"min mentions 2", 2, 0, 0, 0, "HXY", 1},
      {"persons only", 0, 1u << KG_PERSON, 0, 0, "HXYLQ", 3},
      {"organizations only", 0, 1u << KG_ORGANIZATION, 0, 0, "P", 0},
      {"min weight 2 keeps every node", 0, 0, 2, 0, "HXYLPQ", 1},
      {"top 2: H, then X before Y on the tie", 0, 0, 0, 2, "HX", 0},
      /* min weight first: H's edges are gone, so H has weighted degree 0. */
      {"min weight 2 then top 2", 0, 0, 2, 2, "XY", 1},
      /* min mentions first: H loses L, P, Q, and X wins. */
      {"min mentions 2 then top 1", 2, 0, 0, 1, "X", 0},
      /* types first: H has 2 (L, Q), tied with X: the smaller id wins. */
      {"persons then top 1", 0, 1u << KG_PERSON, 0, 1, "H", 0},
      {"top larger than the graph", 0, 0, 0, 100, "HXYLPQ", 4},
  };
  return cr_make_param_array(filter_case, cases, sizeof cases / sizeof cases[0]);
}

ParameterizedTest(filter_case *fc, filters, keep_what_they_should_in_order) {
  kg_graph_opts o;
  kg_graph_opts_init(&o);
  o.min_mentions = fc->min_mentions;
  o.types = fc->types;
  o.min_weight = fc->min_weight;
  o.top = fc->top;
  kg_graph *g = filtered(&o);
  char kept[16] = "";
  static const char letters[] = "HXYLPQ";
  for (size_t v = 0; v < kg_graph_n_nodes(g); v++) {
    unsigned e = (unsigned)(kg_graph_nodes(g)[v].id[8] - '0') * 10 +
                 (unsigned)(kg_graph_nodes(g)[v].id[9] - '0');
    kept[v] = letters[e];
  }
  /* ids person:e00 .. e05 sort as H X Y L P Q: compare as sets in that order */
  cr_assert_str_eq(kept, fc->nodes, "%s: expected nodes %s, got %s", fc->what, fc->nodes, kept);
  cr_assert_eq(kg_graph_n_edges(g), fc->n_edges, "%s: expected %zu edges, got %zu", fc->what,
               fc->n_edges, kg_graph_n_edges(g));
  for (size_t k = 0; k < kg_graph_n_edges(g); k++) {
    const kg_edge *e = &kg_graph_edges(g)[k];
    cr_assert_lt(e->source, e->target, "edges run from the smaller id");
    cr_assert(k == 0 || e[-1].source < e->source ||
                  (e[-1].source == e->source && e[-1].target < e->target),
              "edges sorted by (source, target)");
  }
  kg_graph_free(g);
}

Test(filters, metrics_are_computed_on_the_filtered_graph) {
  kg_graph_opts o;
  kg_graph_opts_init(&o);
  o.min_weight = 2;
  o.top = 2;
  kg_graph *g = filtered(&o);
  cr_assert_eq(kg_graph_n_nodes(g), 2);
  for (size_t v = 0; v < 2; v++) {
    const kg_node *n = &kg_graph_nodes(g)[v];
    cr_assert_eq(n->degree, 1, "%s: one neighbour left", n->id);
    cr_assert_float_eq(n->weighted_degree, 2.0, 1e-12, "%s: the X-Y edge weighs 2", n->id);
    cr_assert_float_eq(n->pagerank, 0.5, 1e-9, "%s: two nodes share PageRank", n->id);
    cr_assert_eq(n->community, 0);
    cr_assert_eq(n->component, 0);
    cr_assert_eq(n->kcore, 1);
  }
  cr_assert_eq(kg_graph_n_communities(g), 1);
  kg_graph_free(g);
}

Test(filters, isolated_nodes_keep_their_own_numbers) {
  kg_graph_opts o;
  kg_graph_opts_init(&o);
  o.min_weight = 2;
  kg_graph *g = filtered(&o);
  /* X-Y is the only edge: their component is the largest (0); the four
   * isolated nodes follow by id: H 1, L 2, P 3, Q 4. */
  static const int64_t comp[N_ENTS] = {1, 0, 0, 2, 3, 4};
  for (size_t v = 0; v < N_ENTS; v++) {
    const kg_node *n = &kg_graph_nodes(g)[v];
    cr_assert_eq(n->component, comp[v], "%s: component %lld expected, got %lld", n->id,
                 (long long)comp[v], (long long)n->component);
    cr_assert_eq(n->community, comp[v], "%s: community numbered the same way", n->id);
    cr_assert_eq(n->mentions, v == H ? 3 : v <= Y ? 2 : 1, "%s: mentions survive the filter",
                 n->id);
  }
  cr_assert_eq(kg_graph_n_communities(g), 5);
  kg_graph_free(g);
}

Test(filters, weights_do_not_depend_on_filters) {
  kg_graph_opts o;
  kg_graph_opts_init(&o);
  o.weight = KG_WEIGHT_ASSOCIATION;
  kg_graph *all = filtered(&o);
  o.types = 1u << KG_PERSON;
  o.min_mentions = 2;
  kg_graph *some = filtered(&o);
  const kg_edge *a = fx_edge(all, "person:e01", "person:e02");
  const kg_edge *b = fx_edge(some, "person:e01", "person:e02");
  cr_assert(a && b);
  /* S = 2 * (1 + 1 + 1 + 2) = 10, s_X = s_Y = 2: AS = 10 * 2 / 4 = 5. */
  cr_assert_float_eq(a->weight, 5.0, 1e-12, "association of X-Y: expected 5, got %f", a->weight);
  cr_assert(a->weight == b->weight, "a filter never changes a kept edge's Weight");
  kg_graph_free(all);
  kg_graph_free(some);
}
