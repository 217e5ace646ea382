/* test_options.c: kg_graph_opts_init, kg_window_parse and kg_weight_parse. */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <math.h>
#include <string.h>

#include "graph.h"

Test(options, defaults) {
  kg_graph_opts o;
  memset(&o, 0xff, sizeof o);
  kg_graph_opts_init(&o);
  cr_assert_eq(o.window.kind, KG_WINDOW_SENTENCE, "default window: sentence");
  cr_assert_eq(o.weight, KG_WEIGHT_COUNT, "default weight: count");
  cr_assert_eq(o.min_mentions, 0);
  cr_assert(isinf(o.min_weight) && o.min_weight < 0, "no minimum weight by default");
  cr_assert_eq(o.top, 0);
  cr_assert_eq(o.types, 0);
  cr_assert_eq(o.seed, 1, "a fixed default seed keeps runs reproducible");
}

/* Parameters are copied into a re-executed test process: no pointers. */
typedef struct window_case {
  char text[32];
  int rc;
  kg_window_kind kind;
  uint32_t n;
} window_case;

ParameterizedTestParameters(options, window_parse) {
  static window_case cases[] = {
      {"sentence", 0, KG_WINDOW_SENTENCE, 0},
      {"paragraph", 0, KG_WINDOW_PARAGRAPH, 0},
      {"document", 0, KG_WINDOW_DOCUMENT, 0},
      {"tokens:1", 0, KG_WINDOW_TOKENS, 1},
      {"tokens:25", 0, KG_WINDOW_TOKENS, 25},
      {"tokens:4294967295", 0, KG_WINDOW_TOKENS, 4294967295u},
      {"", KG_ERR_USAGE, 0, 0},
      {"Sentence", KG_ERR_USAGE, 0, 0},
      {"sentences", KG_ERR_USAGE, 0, 0},
      {"tokens", KG_ERR_USAGE, 0, 0},
      {"tokens:", KG_ERR_USAGE, 0, 0},
      {"tokens:0", KG_ERR_USAGE, 0, 0},
      {"tokens:-3", KG_ERR_USAGE, 0, 0},
      {"tokens: 5", KG_ERR_USAGE, 0, 0},
      {"tokens:5x", KG_ERR_USAGE, 0, 0},
      {"tokens:4294967296", KG_ERR_USAGE, 0, 0},
      {"tokens:99999999999999999999999", KG_ERR_USAGE, 0, 0},
  };
  return cr_make_param_array(window_case, cases, sizeof cases / sizeof cases[0]);
}

ParameterizedTest(window_case *c, options, window_parse) {
  kg_window w = {KG_WINDOW_DOCUMENT, 77};
  kg_error err = {0};
  int rc = kg_window_parse(c->text, &w, &err);
  cr_assert_eq(rc, c->rc, "'%s': expected %d, got %d (%s)", c->text, c->rc, rc, err.msg);
  if (rc) {
    char quoted[40];
    snprintf(quoted, sizeof quoted, "'%s'", c->text);
    cr_assert(strstr(err.msg, quoted), "the message names the value %s: '%s'", quoted, err.msg);
    cr_assert(w.kind == KG_WINDOW_DOCUMENT && w.n_tokens == 77, "output untouched on error");
    return;
  }
  cr_assert_eq(w.kind, c->kind, "'%s': kind", c->text);
  cr_assert_eq(w.n_tokens, c->n, "'%s': expected N = %u, got %u", c->text, c->n, w.n_tokens);
}

typedef struct weight_case {
  char text[16];
  int rc;
  kg_weight_scheme scheme;
} weight_case;

ParameterizedTestParameters(options, weight_parse) {
  static weight_case cases[] = {
      {"count", 0, KG_WEIGHT_COUNT},
      {"documents", 0, KG_WEIGHT_DOCUMENTS},
      {"npmi", 0, KG_WEIGHT_NPMI},
      {"association", 0, KG_WEIGHT_ASSOCIATION},
      {"jaccard", 0, KG_WEIGHT_JACCARD},
      {"", KG_ERR_USAGE, 0},
      {"pmi", KG_ERR_USAGE, 0},
      {"NPMI", KG_ERR_USAGE, 0},
      {"count ", KG_ERR_USAGE, 0},
  };
  return cr_make_param_array(weight_case, cases, sizeof cases / sizeof cases[0]);
}

ParameterizedTest(weight_case *c, options, weight_parse) {
  kg_weight_scheme s = KG_WEIGHT_JACCARD;
  kg_error err = {0};
  int rc = kg_weight_parse(c->text, &s, &err);
  cr_assert_eq(rc, c->rc, "'%s': expected %d, got %d", c->text, c->rc, rc);
  if (rc) {
    char quoted[24];
    snprintf(quoted, sizeof quoted, "'%s'", c->text);
    cr_assert(strstr(err.msg, quoted), "the message names the value: '%s'", err.msg);
    return;
  }
  cr_assert_eq(s, c->scheme, "'%s' parses to scheme %d, got %d", c->text, c->scheme, s);
}

Test(options, parse_accepts_null_error) {
  kg_window w;
  cr_assert_eq(kg_window_parse(NULL, &w, NULL), KG_ERR_USAGE);
  kg_weight_scheme s;
  cr_assert_eq(kg_weight_parse(NULL, &s, NULL), KG_ERR_USAGE);
}
