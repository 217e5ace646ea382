/* test_excerpt.c: kg_excerpt, the normalization of example sentences. */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <string.h>

#include "counter.h"

/* Parameters are copied into a re-executed test process: no pointers. */
typedef struct excerpt_case {
  char in[64];
  char want[64];
} excerpt_case;

ParameterizedTestParameters(excerpt, whitespace_and_controls) {
  static excerpt_case cases[] = {
      {"plain sentence.", "plain sentence."},
      {"  leading and trailing  ", "leading and trailing"},
      {"a \t\n\r\v\f b", "a b"},
      {"line\nbreak", "line break"},
      {"ctl\x01\x1f\x7f" "chars", "ctl chars"},
      {"nbsp\xc2\xa0here", "nbsp here"},
      {"nel\xc2\x85" "c1\xc2\x9f" "end", "nel c1 end"},
      {"em\xe2\x80\x83space, zw\xe2\x80\x8bsp", "em space, zw sp"},
      {"ls\xe2\x80\xa8ps\xe2\x80\xa9" "nn\xe2\x80\xaf" "id\xe3\x80\x80" "bom\xef\xbb\xbf" "x",
       "ls ps nn id bom x"},
      {"caf\xc3\xa9 \xe2\x80\x9cquoted\xe2\x80\x9d", "caf\xc3\xa9 \xe2\x80\x9cquoted\xe2\x80\x9d"},
      {"emoji \xf0\x9f\x98\x80 ok", "emoji \xf0\x9f\x98\x80 ok"},
      {"   ", ""},
      {"", ""},
  };
  return cr_make_param_array(excerpt_case, cases, sizeof cases / sizeof cases[0]);
}

ParameterizedTest(excerpt_case *c, excerpt, whitespace_and_controls) {
  char out[KG_EXAMPLE_MAX];
  size_t n = kg_excerpt(c->in, strlen(c->in), out);
  cr_assert_eq(n, strlen(c->want), "'%s': expected '%s' (%zu bytes), got '%.*s'", c->in, c->want,
               strlen(c->want), (int)n, out);
  cr_assert_eq(memcmp(out, c->want, n), 0, "expected '%s', got '%.*s'", c->want, (int)n, out);
}

/* True when s[0..n) is well-formed UTF-8 (enough for these tests). */
static bool utf8_whole(const char *s, size_t n) {
  for (size_t i = 0; i < n;) {
    unsigned char b = (unsigned char)s[i];
    size_t len = b < 0x80 ? 1 : b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 0;
    if (!len || i + len > n)
      return false;
    for (size_t k = 1; k < len; k++)
      if (((unsigned char)s[i + k] & 0xc0) != 0x80)
        return false;
    i += len;
  }
  return true;
}

/* A text of `len` bytes: `unit` repeated after a prefix of `prefix` 'a's. */
static size_t make_text(char *buf, size_t prefix, const char *unit, size_t len) {
  memset(buf, 'a', prefix);
  size_t n = prefix, u = strlen(unit);
  while (u && n + u <= len) {
    memcpy(buf + n, unit, u);
    n += u;
  }
  return n;
}

Test(excerpt, exactly_300_bytes_is_kept_whole) {
  char in[400], out[KG_EXAMPLE_MAX];
  size_t len = make_text(in, 300, "", 300);
  cr_assert_eq(kg_excerpt(in, len, out), 300, "300 bytes need no cut");
  cr_assert_eq(memcmp(in, out, 300), 0);
}

Test(excerpt, cut_lands_on_character_boundaries) {
  /* For each width of character and each alignment, the cut text is at
   * most 300 bytes, whole UTF-8, a prefix of the input, and ends in "…". */
  static const char *const units[] = {"\xc3\xa9", "\xe2\x82\xac", "\xf0\x9f\x98\x80"};
  for (size_t u = 0; u < 3; u++)
    for (size_t prefix = 0; prefix < 4; prefix++) {
      char in[1200], out[KG_EXAMPLE_MAX];
      size_t len = make_text(in, prefix, units[u], 1000);
      size_t n = kg_excerpt(in, len, out);
      cr_assert_leq(n, KG_EXAMPLE_MAX, "unit %zu prefix %zu: %zu bytes", u, prefix, n);
      cr_assert_geq(n, KG_EXAMPLE_MAX - 3, "unit %zu prefix %zu: cut too short (%zu)", u, prefix,
                    n);
      cr_assert(utf8_whole(out, n), "unit %zu prefix %zu: broken UTF-8", u, prefix);
      cr_assert_eq(memcmp(out + n - 3, "\xe2\x80\xa6", 3), 0, "ends with an ellipsis");
      cr_assert_eq(memcmp(out, in, n - 3), 0, "the rest is a prefix of the input");
    }
}

Test(excerpt, no_space_before_the_ellipsis) {
  char in[400], out[KG_EXAMPLE_MAX];
  size_t len = make_text(in, 296, "", 296);
  memcpy(in + len, " bbbbbbbbbb", 11);
  size_t n = kg_excerpt(in, len + 11, out);
  cr_assert_eq(n, 296 + 3, "296 'a', then the ellipsis; got %zu bytes", n);
  cr_assert_eq(memcmp(out + 296, "\xe2\x80\xa6", 3), 0);
}

Test(excerpt, collapsed_text_that_fits_is_not_cut) {
  /* 500 input bytes, but the whitespace runs collapse to under 300. */
  char in[600], out[KG_EXAMPLE_MAX];
  size_t n = 0;
  for (int k = 0; k < 100; k++) {
    memcpy(in + n, "ab   ", 5);
    n += 5;
  }
  size_t len = kg_excerpt(in, n, out);
  cr_assert_eq(len, 299, "100 'ab' joined by single spaces: 299 bytes, got %zu", len);
  cr_assert_neq(memcmp(out + len - 3, "\xe2\x80\xa6", 3), 0, "no ellipsis when nothing is cut");
}

Test(excerpt, join_adjacent_and_distant_sentences) {
  char out[KG_EXAMPLE_MAX];
  size_t n = kg_example_join("A met B.", 8, "C left.", 7, true, out);
  cr_assert_eq(n, 16);
  cr_assert_eq(memcmp(out, "A met B. C left.", n), 0, "adjacent: one space, got '%.*s'", (int)n,
               out);
  n = kg_example_join("A met B.", 8, "C left.", 7, false, out);
  cr_assert_eq(memcmp(out, "A met B. \xe2\x80\xa6 C left.", n), 0,
               "sentences apart: an ellipsis between, got '%.*s'", (int)n, out);
}

Test(excerpt, join_shares_the_300_bytes) {
  char a[KG_EXAMPLE_MAX], b[KG_EXAMPLE_MAX], out[KG_EXAMPLE_MAX];
  size_t la = make_text(a, 0, "\xc3\xa9", 300), lb = make_text(b, 1, "\xe2\x82\xac", 300);
  size_t n = kg_example_join(a, la, b, lb, false, out);
  cr_assert_leq(n, KG_EXAMPLE_MAX, "joined example fits 300 bytes, got %zu", n);
  cr_assert_geq(n, KG_EXAMPLE_MAX - 6, "and uses most of them, got %zu", n);
  cr_assert(utf8_whole(out, n), "joined example is whole UTF-8");
  cr_assert_eq(memcmp(out + n - 3, "\xe2\x80\xa6", 3), 0, "the cut last part ends with '…'");
  /* A short first part is kept whole, the last gets the rest. */
  n = kg_example_join("Short.", 6, b, lb, true, out);
  cr_assert_leq(n, KG_EXAMPLE_MAX);
  cr_assert_eq(memcmp(out, "Short. a\xe2\x82\xac", 10), 0, "got '%.*s'", (int)n, out);
  cr_assert_geq(n, KG_EXAMPLE_MAX - 4);
}
