/* test_count.c: kg_counter: what a window is, per-node and per-edge
 * statistics, dates, provenance (document ids, example sentence), order
 * independence and the refusal of inconsistent input. */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <string.h>

#include "counter.h" /* W and w_i are not in the public graph */
#include "fixture.h"

static const char *const A = "person:e00", *const B = "person:e01", *const C = "person:e02";

/* ------------------------------------------------------------ windows */

/* Tokens: A(0) and B(2) met. C(4) spoke. # A(6) left with C(9). Nothing here.
 * Sentences S0 {A, B}, S1 {C} (paragraph 0), S2 {A, C}, S3 {} (paragraph 1). */
static const char window_doc[] =
    "[0 A] and [1 B] met. | [2 C] spoke. # [0 A] left with [2 C]. | Nothing here.";

/* Parameters are copied into a re-executed test process: no pointers. */
typedef struct window_case {
  char window[16];
  int64_t n_windows, w_a, w_b, w_c;
  int64_t ab, ac, bc; /* 0: no edge */
} window_case;

ParameterizedTestParameters(count, windows_are_counted_as_defined) {
  static window_case cases[] = {
      /* 4 sentences; A-B share S0, A-C share S2. */
      {"sentence", 4, 2, 1, 2, 1, 1, 0},
      /* 2 paragraphs: {A, B, C} and {A, C}. */
      {"paragraph", 2, 2, 1, 2, 1, 2, 1},
      /* 1 document holding all three. */
      {"document", 1, 1, 1, 1, 1, 1, 1},
      /* tokens:3, 12 tokens: windows [t, t+3] for t = -3..11, W = 15.  A at
       * 0 and 6 is in t = -3..0 and 3..6 (8); B at 2 in -1..2 (4); C at 4
       * and 9 in 1..4 and 6..9 (8).  A-B distance 2 -> 2 windows; A-C: 6-4
       * -> 2, 6-9 -> 1, 0-4 too far -> 3; B-C 2-4 -> 2. */
      {"tokens:3", 15, 8, 4, 8, 2, 3, 2},
      /* tokens:1: only mentions one token apart; none here. */
      {"tokens:1", 13, 4, 2, 4, 0, 0, 0},
  };
  return cr_make_param_array(window_case, cases, sizeof cases / sizeof cases[0]);
}

ParameterizedTest(window_case *wc, count, windows_are_counted_as_defined) {
  kg_graph_opts o;
  kg_graph_opts_init(&o);
  kg_error err = {0};
  cr_assert_eq(kg_window_parse(wc->window, &o.window, &err), 0, "%s", err.msg);
  fx_doc d;
  fx_doc_init(&d, "doc", "", window_doc);
  kg_counter *c = fx_count(&o, &d, 1, NULL);
  cr_assert_eq(c->n_windows, wc->n_windows, "%s: W expected %lld, got %lld", wc->window,
               (long long)wc->n_windows, (long long)c->n_windows);
  cr_assert_eq(c->ents[0].windows, wc->w_a, "%s: w_A expected %lld, got %lld", wc->window,
               (long long)wc->w_a, (long long)c->ents[0].windows);
  cr_assert_eq(c->ents[1].windows, wc->w_b, "%s: w_B expected %lld, got %lld", wc->window,
               (long long)wc->w_b, (long long)c->ents[1].windows);
  cr_assert_eq(c->ents[2].windows, wc->w_c, "%s: w_C expected %lld, got %lld", wc->window,
               (long long)wc->w_c, (long long)c->ents[2].windows);
  kg_graph *g = NULL;
  cr_assert_eq(kg_graph_build(c, fx_entities(3), 3, &o, &g, &err), 0, "%s", err.msg);
  const char *const pairs[3][2] = {{A, B}, {A, C}, {B, C}};
  const int64_t want[3] = {wc->ab, wc->ac, wc->bc};
  for (int k = 0; k < 3; k++) {
    const kg_edge *e = fx_edge(g, pairs[k][0], pairs[k][1]);
    if (!want[k]) {
      cr_assert_null(e, "%s: %s - %s should not co-occur", wc->window, pairs[k][0], pairs[k][1]);
      continue;
    }
    cr_assert(e, "%s: %s - %s should co-occur", wc->window, pairs[k][0], pairs[k][1]);
    cr_assert_eq(e->count, want[k], "%s: count of %s - %s expected %lld, got %lld", wc->window,
                 pairs[k][0], pairs[k][1], (long long)want[k], (long long)e->count);
    cr_assert_eq(e->documents, 1);
  }
  kg_graph_free(g);
  kg_counter_free(c);
  fx_doc_destroy(&d);
}

Test(count, an_entity_counts_once_per_window) {
  fx_doc d;
  fx_doc_init(&d, "doc", "", "[0 A] saw [0 A] and [1 B]. | [0 A] again.");
  kg_graph_opts o;
  kg_graph_opts_init(&o);
  kg_counter *c = fx_count(&o, &d, 1, NULL);
  cr_assert_eq(c->ents[0].mentions, 3, "A is mentioned 3 times");
  cr_assert_eq(c->ents[0].windows, 2, "A is in 2 sentences, got %lld",
               (long long)c->ents[0].windows);
  cr_assert_eq(c->n_pairs, 1);
  cr_assert_eq(c->pairs[0].count, 1, "A-B share one sentence, got %lld",
               (long long)c->pairs[0].count);
  kg_counter_free(c);
  fx_doc_destroy(&d);
}

Test(count, node_statistics) {
  fx_doc d[2];
  fx_doc_init(&d[0], "d1", "2021-06-28", "[0 A] and [1 B]. | [0 A].");
  fx_doc_init(&d[1], "d2", "2021-06-29", "[0 A] alone.");
  kg_graph_opts o;
  kg_graph_opts_init(&o);
  kg_graph *g = fx_build(&o, d, 2, NULL, fx_entities(2), 2);
  const kg_node *a = fx_node(g, A), *b = fx_node(g, B);
  cr_assert(a && b);
  cr_assert_eq(a->mentions, 3, "A: 3 mentions, got %lld", (long long)a->mentions);
  cr_assert_eq(a->documents, 2, "A: 2 documents");
  cr_assert_eq(b->mentions, 1);
  cr_assert_eq(b->documents, 1);
  cr_assert_str_eq(a->label, "E00");
  cr_assert_str_eq(a->type, "person");
  cr_assert_str_eq(b->first_date, "2021-06-28");
  cr_assert_str_eq(b->last_date, "2021-06-28");
  cr_assert_str_eq(a->last_date, "2021-06-29");
  kg_graph_free(g);
  fx_doc_destroy(&d[0]);
  fx_doc_destroy(&d[1]);
}

/* ------------------------------------------------------------ provenance */

Test(count, dates_and_the_five_smallest_document_ids) {
  static const struct {
    const char *id, *date;
  } in[] = {{"doc-g", "2021-03-01"}, {"doc-c", ""},           {"doc-a", "2020-12-31"},
            {"doc-f", "2021-07-04"}, {"doc-b", ""},           {"doc-e", "2021-01-15"},
            {"doc-d", "2019-05-05"}};
  enum { N = sizeof in / sizeof in[0] };
  fx_doc d[N + 1];
  char markup[128];
  for (int k = 0; k < N; k++) {
    snprintf(markup, sizeof markup, "[0 A] and [1 B] met in %s.", in[k].id);
    fx_doc_init(&d[k], in[k].id, in[k].date, markup);
  }
  fx_doc_init(&d[N], "undated", "", "[2 C] only.");
  kg_graph_opts o;
  kg_graph_opts_init(&o);
  kg_graph *g = fx_build(&o, d, N + 1, NULL, fx_entities(3), 3);
  const kg_edge *e = fx_edge(g, A, B);
  cr_assert(e);
  cr_assert_eq(e->documents, 7);
  cr_assert_str_eq(e->document_ids, "doc-a|doc-b|doc-c|doc-d|doc-e",
                   "the 5 smallest ids, sorted; got '%s'", e->document_ids);
  cr_assert_str_eq(e->first_date, "2019-05-05", "undated documents are ignored");
  cr_assert_str_eq(e->last_date, "2021-07-04");
  cr_assert_str_eq(e->example, "A and B met in doc-a.",
                   "the example comes from the smallest id, got '%s'", e->example);
  const kg_node *a = fx_node(g, A), *c = fx_node(g, C);
  cr_assert_str_eq(a->first_date, "2019-05-05");
  cr_assert_str_eq(a->last_date, "2021-07-04");
  cr_assert_str_eq(c->first_date, "", "only undated documents: no date");
  cr_assert_str_eq(c->last_date, "");
  kg_graph_free(g);
  for (int k = 0; k <= N; k++)
    fx_doc_destroy(&d[k]);
}

Test(count, duplicate_document_ids_are_listed_once) {
  fx_doc d[2];
  fx_doc_init(&d[0], "same", "", "[0 A] and [1 B] two.");
  fx_doc_init(&d[1], "same", "", "[0 A] and [1 B] one.");
  kg_graph_opts o;
  kg_graph_opts_init(&o);
  kg_graph *g = fx_build(&o, d, 2, NULL, fx_entities(2), 2);
  const kg_edge *e = fx_edge(g, A, B);
  cr_assert_eq(e->documents, 2);
  cr_assert_str_eq(e->document_ids, "same");
  cr_assert_str_eq(e->example, "A and B one.", "same id, same sentence: the smaller text wins");
  kg_graph_free(g);
  fx_doc_destroy(&d[0]);
  fx_doc_destroy(&d[1]);
}

Test(count, example_is_the_tightest_then_earliest_cooccurrence) {
  fx_doc d;
  fx_doc_init(&d, "doc", "", window_doc);
  kg_graph_opts o;
  kg_graph_opts_init(&o);
  o.window.kind = KG_WINDOW_PARAGRAPH;
  kg_graph *g = fx_build(&o, &d, 1, NULL, fx_entities(3), 3);
  /* A-C: paragraph 0 holds them in two sentences, paragraph 1 in one. */
  cr_assert_str_eq(fx_edge(g, A, C)->example, "A left with C.", "got '%s'",
                   fx_edge(g, A, C)->example);
  /* B-C never share a sentence: the two sentences that hold them. */
  cr_assert_str_eq(fx_edge(g, B, C)->example, "A and B met. C spoke.", "got '%s'",
                   fx_edge(g, B, C)->example);
  kg_graph_free(g);
  fx_doc_destroy(&d);
}

/* The example of the only edge of a one-document corpus. */
static void assert_example(kg_window_kind window, const char *markup, const char *want) {
  kg_graph_opts o;
  kg_graph_opts_init(&o);
  o.window.kind = window;
  kg_graph *g = fx_build_text(&o, markup, 2);
  cr_assert_eq(kg_graph_n_edges(g), 1);
  cr_assert_str_eq(kg_graph_edges(g)[0].example, want, "expected '%s', got '%s'", want,
                   kg_graph_edges(g)[0].example);
  kg_graph_free(g);
}

Test(count, example_of_distant_sentences_shows_both) {
  /* The sentences of both mentions, the gap elided. */
  assert_example(KG_WINDOW_DOCUMENT, "[0 A] spoke. | Then nothing. | [1 B] answered.",
                 "A spoke. \xe2\x80\xa6 B answered.");
}

Test(count, example_whitespace_is_collapsed) {
  assert_example(KG_WINDOW_SENTENCE, "  [0 A]\n\t and \r\n  [1 B]   met\x01 here.  ",
                 "A and B met here.");
}

Test(count, long_example_is_cut_on_a_character_boundary) {
  char markup[1024] = "[0 A] and [1 B] ";
  size_t n = strlen(markup);
  for (int k = 0; k < 200; k++) { /* 'é' is 2 bytes: the cut falls inside one */
    markup[n++] = (char)0xc3;
    markup[n++] = (char)0xa9;
  }
  markup[n] = '\0';
  kg_graph_opts o;
  kg_graph_opts_init(&o);
  kg_graph *g = fx_build_text(&o, markup, 2);
  const char *ex = kg_graph_edges(g)[0].example;
  size_t len = strlen(ex);
  cr_assert_leq(len, 300, "at most 300 bytes, got %zu", len);
  cr_assert_geq(len, 295, "no more cut than needed, got %zu", len);
  cr_assert_eq(strncmp(ex, "A and B \xc3\xa9", 10), 0);
  cr_assert_str_eq(ex + len - 3, "\xe2\x80\xa6", "a cut example ends with an ellipsis");
  cr_assert_eq((unsigned char)ex[len - 5], 0xc3, "the last 'é' before the ellipsis is whole");
  cr_assert_eq((unsigned char)ex[len - 4], 0xa9);
  kg_graph_free(g);
}

/* ------------------------------------------------------------ order */

#define N_ORDER_DOCS 7
static const struct {
  const char *id, *date, *markup;
} order_docs[N_ORDER_DOCS] = {
    {"b/2.txt", "2021-06-28", "[0 A] met [1 B] in Rome. | [2 C] agreed. # [0 A] and [2 C] left."},
    {"a/1.txt", "2021-06-27", "[1 B] and [2 C]. | [3 D] spoke with [1 B] and [0 A]."},
    {"dup", "", "[3 D] and [4 E] disagreed. | [4 E]"},
    {"dup", "2020-01-01", "[3 D] and [4 E] agreed. | [0 A]"},
    {"c.txt", "2022-02-02", "[4 E] [4 E] [0 A] x x x x [1 B] x [2 C]. # [5 F] alone."},
    {"empty", "", "No entity at all."},
    {"z", "2019-09-09", "[0 A] x [1 B] | [1 B] x [0 A] | [2 C] [3 D] [4 E]"},
};

static void assert_same_graph(const kg_graph *g, const kg_graph *h, const char *what) {
  cr_assert_eq(kg_graph_n_nodes(g), kg_graph_n_nodes(h), "%s: node count", what);
  cr_assert_eq(kg_graph_n_edges(g), kg_graph_n_edges(h), "%s: edge count", what);
  cr_assert_eq(kg_graph_n_communities(g), kg_graph_n_communities(h), "%s: communities", what);
  for (size_t v = 0; v < kg_graph_n_nodes(g); v++) {
    const kg_node *a = &kg_graph_nodes(g)[v], *b = &kg_graph_nodes(h)[v];
    cr_assert_str_eq(a->id, b->id, "%s: node %zu", what, v);
    for (size_t k = 0; k < kg_n_node_attrs; k++) {
      const kg_attr *at = &kg_node_attrs[k];
      if (at->type == KG_ATTR_STRING)
        cr_assert_str_eq(kg_attr_str(a, at), kg_attr_str(b, at), "%s: %s of %s", what, at->name,
                         a->id);
      else if (at->type == KG_ATTR_INT)
        cr_assert_eq(kg_attr_int(a, at), kg_attr_int(b, at), "%s: %s of %s", what, at->name,
                     a->id);
      else
        cr_assert(kg_attr_double(a, at) == kg_attr_double(b, at), "%s: %s of %s: %.17g vs %.17g",
                  what, at->name, a->id, kg_attr_double(a, at), kg_attr_double(b, at));
    }
  }
  for (size_t k = 0; k < kg_graph_n_edges(g); k++) {
    const kg_edge *a = &kg_graph_edges(g)[k], *b = &kg_graph_edges(h)[k];
    cr_assert(a->source == b->source && a->target == b->target, "%s: edge %zu", what, k);
    for (size_t j = 0; j < kg_n_edge_attrs; j++) {
      const kg_attr *at = &kg_edge_attrs[j];
      if (at->type == KG_ATTR_STRING)
        cr_assert_str_eq(kg_attr_str(a, at), kg_attr_str(b, at), "%s: edge %zu %s", what, k,
                         at->name);
      else if (at->type == KG_ATTR_INT)
        cr_assert_eq(kg_attr_int(a, at), kg_attr_int(b, at), "%s: edge %zu %s", what, k,
                     at->name);
      else
        cr_assert(kg_attr_double(a, at) == kg_attr_double(b, at), "%s: edge %zu %s", what, k,
                  at->name);
    }
  }
}

typedef struct window_name {
  char name[16];
} window_name;

/* Options with this window and weighting scheme. */
static kg_graph_opts opts_for(const char *window, int scheme) {
  kg_graph_opts o;
  kg_graph_opts_init(&o);
  kg_error err = {0};
  cr_assert_eq(kg_window_parse(window, &o.window, &err), 0, "%s", err.msg);
  o.weight = (kg_weight_scheme)scheme;
  return o;
}

ParameterizedTestParameters(count, result_does_not_depend_on_document_order) {
  static window_name windows[] = {{"sentence"}, {"paragraph"}, {"document"}, {"tokens:4"}};
  return cr_make_param_array(window_name, windows, sizeof windows / sizeof windows[0]);
}

ParameterizedTest(window_name *window, count, result_does_not_depend_on_document_order) {
  fx_doc d[N_ORDER_DOCS];
  for (int k = 0; k < N_ORDER_DOCS; k++)
    fx_doc_init(&d[k], order_docs[k].id, order_docs[k].date, order_docs[k].markup);
  /* The last order starts with the document without names: nothing of the
   * counter's is allocated yet (undefined behaviour once, found by fuzz_build). */
  static const size_t orders[4][N_ORDER_DOCS] = {{0, 1, 2, 3, 4, 5, 6},
                                                 {6, 5, 4, 3, 2, 1, 0},
                                                 {3, 0, 6, 2, 5, 1, 4},
                                                 {5, 1, 0, 2, 3, 6, 4}};
  for (int scheme = KG_WEIGHT_COUNT; scheme <= KG_WEIGHT_JACCARD; scheme++) {
    kg_graph_opts o = opts_for(window->name, scheme);
    kg_graph *g[4];
    for (int k = 0; k < 4; k++)
      g[k] = fx_build(&o, d, N_ORDER_DOCS, orders[k], fx_entities(6), 6);
    cr_assert_gt(kg_graph_n_edges(g[0]), 3, "the corpus has edges");
    char what[64];
    snprintf(what, sizeof what, "%s, scheme %d", window->name, scheme);
    for (int k = 1; k < 4; k++)
      assert_same_graph(g[0], g[k], what);
    for (int k = 0; k < 4; k++)
      kg_graph_free(g[k]);
  }
  for (int k = 0; k < N_ORDER_DOCS; k++)
    fx_doc_destroy(&d[k]);
}

/* ------------------------------------------------------------ merging */

/* Entity 6 (an acronym) joins entity 0 in documents 0 never appears in: the
 * graph is the one counted had those mentions been entity 0's from the
 * start, every attribute alike (counts, windows, documents, dates, the five
 * smallest document ids, the example). */
#define N_MERGE_DOCS 5
static const struct {
  const char *id, *date, *as6, *as0;
} merge_docs[N_MERGE_DOCS] = {
    {"m1", "2021-01-01", "[0 FCA] met [1 B] in Rome. | [2 C] agreed.",
     "[0 FCA] met [1 B] in Rome. | [2 C] agreed."},
    {"m2", "2021-03-05", "[6 FCA] and [1 B] spoke. | [6 FCA] left with [3 D].",
     "[0 FCA] and [1 B] spoke. | [0 FCA] left with [3 D]."},
    {"m3", "", "[1 B] x [6 FCA] x x [2 C]. # [6 FCA] alone.",
     "[1 B] x [0 FCA] x x [2 C]. # [0 FCA] alone."},
    {"m4", "2020-02-02", "[0 FCA] and [2 C]. | [3 D] [0 FCA]",
     "[0 FCA] and [2 C]. | [3 D] [0 FCA]"},
    {"a0", "2022-01-01", "[1 B] [6 FCA] [3 D]", "[1 B] [0 FCA] [3 D]"},
};

ParameterizedTestParameters(count, merged_entity_counts_as_if_one_from_the_start) {
  static window_name windows[] = {{"sentence"}, {"paragraph"}, {"document"}, {"tokens:3"}};
  return cr_make_param_array(window_name, windows, sizeof windows / sizeof windows[0]);
}

ParameterizedTest(window_name *window, count, merged_entity_counts_as_if_one_from_the_start) {
  fx_doc a[N_MERGE_DOCS], b[N_MERGE_DOCS];
  for (int k = 0; k < N_MERGE_DOCS; k++) {
    fx_doc_init(&a[k], merge_docs[k].id, merge_docs[k].date, merge_docs[k].as6);
    fx_doc_init(&b[k], merge_docs[k].id, merge_docs[k].date, merge_docs[k].as0);
  }
  for (int scheme = KG_WEIGHT_COUNT; scheme <= KG_WEIGHT_JACCARD; scheme++) {
    kg_graph_opts o = opts_for(window->name, scheme);
    kg_error err = {0};
    kg_counter *c = fx_count(&o, a, N_MERGE_DOCS, NULL);
    uint32_t into[7] = {0, 1, 2, 3, 4, 5, 0};
    cr_assert_eq(kg_counter_merge(c, into, 7, &err), 0, "merge: %s", err.msg);
    kg_graph *g = NULL;
    cr_assert_eq(kg_graph_build(c, fx_entities(7), 7, &o, &g, &err), 0, "%s", err.msg);
    kg_graph *h = fx_build(&o, b, N_MERGE_DOCS, NULL, fx_entities(7), 7);
    cr_assert_null(fx_node(g, "person:e06"), "the merged entity is no node");
    cr_assert_eq(fx_node(g, "person:e00")->mentions, 8);
    char what[64];
    snprintf(what, sizeof what, "%s, scheme %d", window->name, scheme);
    assert_same_graph(g, h, what);
    kg_graph_free(g);
    kg_graph_free(h);
    kg_counter_free(c);
  }
  for (int k = 0; k < N_MERGE_DOCS; k++) {
    fx_doc_destroy(&a[k]);
    fx_doc_destroy(&b[k]);
  }
}

/* Two entities that share a window cannot be summed: refused, and the
 * counter is left as it was. */
Test(count, merging_entities_that_share_a_window_is_refused) {
  fx_doc d;
  fx_doc_init(&d, "d", "", "[0 A] met [1 B]. | [2 C] left.");
  kg_graph_opts o;
  kg_graph_opts_init(&o);
  kg_counter *c = fx_count(&o, &d, 1, NULL);
  uint32_t into[3] = {0, 0, 2}, bad[3] = {1, 2, 2};
  kg_error err = {0};
  cr_assert_eq(kg_counter_merge(c, into, 3, &err), KG_ERR_USAGE);
  cr_assert(strstr(err.msg, "share a window"), "message: %s", err.msg);
  cr_assert_eq(kg_counter_merge(c, bad, 3, &err), KG_ERR_USAGE, "a target that merges itself");
  kg_graph *g = NULL;
  cr_assert_eq(kg_graph_build(c, fx_entities(3), 3, &o, &g, &err), 0, "%s", err.msg);
  cr_assert_eq(kg_graph_n_nodes(g), 3);
  cr_assert_eq(kg_graph_n_edges(g), 1);
  kg_graph_free(g);
  kg_counter_free(c);
  fx_doc_destroy(&d);
}

/* ------------------------------------------------------------ bad input */

Test(count, inconsistent_documents_are_refused_and_not_counted) {
  kg_graph_opts o;
  kg_graph_opts_init(&o);
  o.window = (kg_window){KG_WINDOW_TOKENS, 2};
  kg_counter *c = kg_counter_new(&o);
  fx_doc d;
  fx_doc_init(&d, "bad.txt", "", "[0 A] and [1 B].");
  kg_error err = {0};

  d.mentions[1].sentence = 7;
  cr_assert_eq(kg_counter_add(c, &d.doc, &d.res, &err), KG_ERR_USAGE);
  cr_assert(strstr(err.msg, "bad.txt") && strstr(err.msg, "sentence 7"), "got '%s'", err.msg);
  d.mentions[1].sentence = 0;

  d.mentions[1].tok_start = 99;
  cr_assert_eq(kg_counter_add(c, &d.doc, &d.res, &err), KG_ERR_USAGE);
  cr_assert(strstr(err.msg, "token 99"), "got '%s'", err.msg);
  d.mentions[1].tok_start = 2;

  snprintf(d.doc.date, sizeof d.doc.date, "2021-13-01");
  cr_assert_eq(kg_counter_add(c, &d.doc, &d.res, &err), KG_ERR_USAGE);
  cr_assert(strstr(err.msg, "bad.txt") && strstr(err.msg, "2021-13-01"), "got '%s'", err.msg);
  d.doc.date[0] = '\0';

  d.sentences[0].end = 1000;
  cr_assert_eq(kg_counter_add(c, &d.doc, &d.res, &err), KG_ERR_USAGE);
  cr_assert(strstr(err.msg, "bytes"), "got '%s'", err.msg);
  d.sentences[0].end = (uint32_t)d.doc.len;

  cr_assert_eq(c->n_docs, 0, "refused documents leave no trace");
  cr_assert_eq(c->n_windows, 0);
  cr_assert_eq(kg_counter_add(c, &d.doc, &d.res, &err), 0, "%s", err.msg);
  cr_assert_eq(c->n_docs, 1);
  cr_assert_eq(c->n_pairs, 1);
  kg_counter_free(c);
  fx_doc_destroy(&d);
}

Test(count, paragraph_out_of_range_is_refused) {
  kg_graph_opts o;
  kg_graph_opts_init(&o);
  o.window.kind = KG_WINDOW_PARAGRAPH;
  kg_counter *c = kg_counter_new(&o);
  fx_doc d;
  fx_doc_init(&d, "p.txt", "", "[0 A] and [1 B].");
  d.mentions[0].paragraph = 3;
  kg_error err = {0};
  cr_assert_eq(kg_counter_add(c, &d.doc, &d.res, &err), KG_ERR_USAGE);
  cr_assert(strstr(err.msg, "paragraph 3"), "got '%s'", err.msg);
  kg_counter_free(c);
  fx_doc_destroy(&d);
}

Test(count, build_refuses_what_it_cannot_describe) {
  kg_graph_opts o;
  kg_graph_opts_init(&o);
  fx_doc d;
  fx_doc_init(&d, "x", "", "[0 A] and [2 C].");
  kg_counter *c = fx_count(&o, &d, 1, NULL);
  kg_graph *g = NULL;
  kg_error err = {0};
  cr_assert_eq(kg_graph_build(c, fx_entities(2), 2, &o, &g, &err), KG_ERR_USAGE,
               "entity 2 was counted but only 2 are described");
  cr_assert_null(g);
  cr_assert(strstr(err.msg, "entity 2"), "got '%s'", err.msg);

  kg_entity twins[3];
  memcpy(twins, fx_entities(3), sizeof twins);
  twins[2].id = twins[0].id;
  cr_assert_eq(kg_graph_build(c, twins, 3, &o, &g, &err), KG_ERR_USAGE);
  cr_assert(strstr(err.msg, "person:e00"), "the message names the shared id: '%s'", err.msg);

  kg_graph_opts other = o;
  other.window.kind = KG_WINDOW_DOCUMENT;
  cr_assert_eq(kg_graph_build(c, fx_entities(3), 3, &other, &g, &err), KG_ERR_USAGE,
               "the window must be the one counted");
  kg_counter_free(c);
  fx_doc_destroy(&d);
}

Test(count, empty_and_edgeless_corpora_build) {
  kg_graph_opts o;
  kg_graph_opts_init(&o);
  kg_counter *c = kg_counter_new(&o);
  kg_graph *g = NULL;
  kg_error err = {0};
  cr_assert_eq(kg_graph_build(c, NULL, 0, &o, &g, &err), 0, "%s", err.msg);
  cr_assert_eq(kg_graph_n_nodes(g), 0);
  cr_assert_eq(kg_graph_n_communities(g), 0);
  kg_graph_free(g);
  kg_counter_free(c);

  g = fx_build_text(&o, "[0 A] spoke. | [1 B] spoke. | [2 C] spoke.", 3);
  cr_assert_eq(kg_graph_n_nodes(g), 3);
  cr_assert_eq(kg_graph_n_edges(g), 0);
  cr_assert_eq(kg_graph_n_communities(g), 3, "without edges each node is its own community");
  for (size_t v = 0; v < 3; v++) {
    cr_assert_eq(kg_graph_nodes(g)[v].community, (int64_t)v, "ties by smallest id");
    cr_assert_eq(kg_graph_nodes(g)[v].component, (int64_t)v);
    cr_assert_float_eq(kg_graph_nodes(g)[v].pagerank, 1.0 / 3, 1e-12);
  }
  kg_graph_free(g);
}

Test(count, constructors_and_destructors) {
  kg_graph_opts o;
  kg_graph_opts_init(&o);
  o.window = (kg_window){KG_WINDOW_TOKENS, 0};
  cr_assert_null(kg_counter_new(&o), "tokens:0 is not a window");
  kg_counter *c = kg_counter_new(NULL);
  cr_assert(c, "NULL options mean the defaults");
  cr_assert_eq(c->window.kind, KG_WINDOW_SENTENCE);
  kg_counter_free(c);
  kg_counter_free(NULL);
  kg_graph_free(NULL);
}
