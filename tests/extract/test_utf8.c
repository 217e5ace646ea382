/* test_utf8.c: strict UTF-8 validation, the shared fold and the slug. */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <string.h>

#include "extract.h"

/* ----------------------------------------------------------- validation */

/* Criterion hands parameters to another process: arrays, not pointers. */
struct bad_case {
  char name[48];
  char bytes[24];
  size_t len;
  size_t offset; /* first bad byte */
};

#define BAD(name, lit, off) {name, lit, sizeof lit - 1, off}

ParameterizedTestParameters(utf8, invalid_sequences_report_their_offset) {
  static struct bad_case cases[] = {
      BAD("overlong 2-byte slash", "ab\xC0\xAF", 2),
      BAD("overlong C1 lead", "\xC1\xBF", 0),
      BAD("overlong 3-byte", "x\xE0\x80\xAF", 1),
      BAD("overlong 4-byte", "\xF0\x80\x80\xAF", 0),
      BAD("high surrogate", "abc\xED\xA0\x80", 3),
      BAD("low surrogate", "\xED\xBF\xBF", 0),
      BAD("above U+10FFFF", "\xF4\x90\x80\x80", 0),
      BAD("F5 lead", "\xF5\x80\x80\x80", 0),
      BAD("FF byte", "abcdefgh\xFF", 8),
      BAD("lone continuation", "a\x80", 1),
      BAD("truncated at end", "caf\xC3", 3),
      BAD("truncated 3-byte at end", "\xE2\x82", 0),
      BAD("truncated before ASCII", "\xE2\x82Z", 0),
      BAD("truncated 4-byte", "\xF0\x9F\x98Z", 0),
      BAD("NUL in a short string", "ab\0c", 2),
      BAD("NUL inside an 8-byte ASCII block", "0123456789\0abcdef", 10),
      BAD("NUL after a multibyte char", "\xC3\xA9\0", 2),
      BAD("bad byte right after a fast block", "01234567\xC3\x28", 8),
  };
  return cr_make_param_array(struct bad_case, cases, sizeof cases / sizeof cases[0]);
}

ParameterizedTest(struct bad_case *c, utf8, invalid_sequences_report_their_offset) {
  size_t off = 999;
  cr_assert_not(kg_utf8_valid(c->bytes, c->len, &off), "%s: must be invalid", c->name);
  cr_assert_eq(off, c->offset, "%s: bad byte expected at %zu, reported at %zu", c->name,
               c->offset, off);
}

Test(utf8, valid_text_of_every_length_class_passes) {
  const char *ok[] = {"",
                      "plain ASCII, long enough for the fast path to run twice",
                      "Côte d’Ivoire",
                      "Москва, 北京, मोदी",
                      "emoji \xF0\x9F\x98\x80 and the last code point \xF4\x8F\xBF\xBF",
                      "edges \xED\x9F\xBF \xEE\x80\x80 \xEF\xBF\xBF \xC2\x80"};
  for (size_t i = 0; i < sizeof ok / sizeof *ok; i++) {
    size_t off = 12345;
    cr_assert(kg_utf8_valid(ok[i], strlen(ok[i]), &off), "'%s' must be valid (bad at %zu)",
              ok[i], off);
  }
  cr_assert(kg_utf8_valid("abc", 3, NULL), "bad_offset may be NULL");
  cr_assert_not(kg_utf8_valid("a\xFF", 2, NULL), "bad_offset may be NULL on failure too");
}

/* ---------------------------------------------------------------- folding */

struct fold_case {
  char in[64];
  char out[64];
};

ParameterizedTestParameters(fold, matches_the_shared_normal_form) {
  static struct fold_case cases[] = {
      {"Antony Blinken", "antony blinken"},
      {"U.S.", "u.s."},
      {"", ""},
      {"Côte d’Ivoire", "cote d'ivoire"},
      {"COTE D'IVOIRE", "cote d'ivoire"},
      {"Cote d\xE2\x80\x98Ivoire", "cote d'ivoire"},   /* ‘ */
      {"it\xE2\x80\x9Bs", "it's"},                      /* ‛ */
      {"\xE2\x80\x9CQuoted\xE2\x80\x9D", "\"quoted\""}, /* “ ” */
      {"\xE2\x80\x9Elow\xE2\x80\x9C", "\"low\""},       /* „ “ */
      {"a\xE2\x80\x93" "b\xE2\x80\x94" "c\xE2\x80\x90" "d\xE2\x80\x91" "e", "a-b-c-d-e"},
      {"non\xC2\xA0" "breaking", "non breaking"},
      {"thin\xE2\x80\x89space", "thin space"},
      {"Straße", "strasse"},
      {"\xEF\xAC\x81" "ne", "fine"}, /* ﬁ ligature */
      {"\xEF\xBC\xA6\xEF\xBD\x95\xEF\xBD\x8C\xEF\xBD\x8C", "full"}, /* fullwidth */
      {"São Paulo", "sao paulo"},
      {"Zürich ÅÄÖ ñ ç", "zurich aao n c"},
      {"e\xCC\x81" "cole", "ecole"}, /* decomposed é */
      {"Ελλάδα", "ελλαδα"},
      {"Москва Київ", "москва київ"}, /* ї is a letter, not i + accent */
      {"北京", "北京"},
      {"मोदी", "मोदी"}, /* Devanagari vowel signs are not accents */
      {"İstanbul", "istanbul"},
      {"Yılmaz Wałęsa ŁÓDŹ", "yilmaz walesa lodz"}, /* dotless i, stroked l */
      {"Søren Đoković Ħal", "soren dokovic hal"},

      {"Ca\xC2\xAD" "nada", "canada"}, /* soft hyphen */
  };
  return cr_make_param_array(struct fold_case, cases, sizeof cases / sizeof cases[0]);
}

ParameterizedTest(struct fold_case *c, fold, matches_the_shared_normal_form) {
  char out[128];
  size_t n = kg_text_fold(c->in, strlen(c->in), out, sizeof out);
  cr_assert_str_eq(out, c->out, "fold('%s'): expected '%s', got '%s'", c->in, c->out, out);
  cr_assert_eq(n, strlen(c->out), "fold('%s') returns the length %zu, got %zu", c->in,
               strlen(c->out), n);
}

Test(fold, ascii_and_unicode_spellings_meet) {
  char a[64], b[64], c[64];
  kg_text_fold("Côte d’Ivoire", strlen("Côte d’Ivoire"), a, sizeof a);
  kg_text_fold("COTE D'IVOIRE", 13, b, sizeof b);
  kg_text_fold("Cote d'Ivoire", 13, c, sizeof c);
  cr_assert_str_eq(a, b, "the typographic and upper-case spellings must fold alike");
  cr_assert_str_eq(b, c);
}

Test(fold, returns_full_length_and_truncates_safely) {
  char out[4];
  size_t n = kg_text_fold("Antony", 6, out, sizeof out);
  cr_assert_eq(n, 6, "the full length is returned even when cut, got %zu", n);
  cr_assert_str_eq(out, "ant", "at most cap-1 bytes and a NUL, got '%s'", out);

  /* "москва" is 12 bytes; with cap 4 only one 2-byte letter fits whole. */
  n = kg_text_fold("Москва", strlen("Москва"), out, sizeof out);
  cr_assert_eq(n, 12, "full folded length expected 12, got %zu", n);
  cr_assert_str_eq(out, "м", "a cut never splits a character, got '%s'", out);

  char guard = 'x';
  cr_assert_eq(kg_text_fold("Abc", 3, &guard, 0), 3, "cap 0 only measures");
  cr_assert_eq(guard, 'x', "cap 0 writes nothing");
  cr_assert_eq(kg_text_fold("Côte", strlen("Côte"), &guard, 0), 4);
  cr_assert_eq(guard, 'x');
}

Test(fold, long_and_invalid_input_does_not_break) {
  /* More code points than the on-stack buffer holds. */
  static char big[5000], out[6000];
  size_t n = 0;
  while (n + 2 < sizeof big) {
    big[n++] = (char)0xC3;
    big[n++] = (char)0x89; /* É */
  }
  size_t len = kg_text_fold(big, n, out, sizeof out);
  cr_assert_eq(len, n / 2, "each É folds to one 'e', expected %zu, got %zu", n / 2, len);
  cr_assert_eq(out[0], 'e');
  cr_assert_eq(out[len - 1], 'e');

  /* Not valid UTF-8 (callers should not, but it must not crash). */
  char o[32];
  size_t k = kg_text_fold("A\xFF" "B", 3, o, sizeof o);
  cr_assert(k > 0, "invalid input still folds to something");
  cr_assert(kg_utf8_valid(o, strlen(o), NULL), "and the result is valid UTF-8: '%s'", o);
}

/* ------------------------------------------------------------------ slugs */

ParameterizedTestParameters(slug, turns_names_into_id_parts) {
  static struct fold_case cases[] = {
      {"Antony Blinken", "antony-blinken"},
      {"Côte d'Ivoire", "cote-d-ivoire"},
      {"Côte d’Ivoire", "cote-d-ivoire"},
      {"  --Hello,  World!-- ", "hello-world"},
      {"G-20", "g-20"},
      {"COVID-19 pandemic", "covid-19-pandemic"},
      {"São Tomé and Príncipe", "sao-tome-and-principe"},
      {"U.S.", "u-s"},
      {"Москва", "москва"},
      {"北京市", "北京市"},
      {"Straße 5", "strasse-5"},
      {"", ""},
      {"!!!", ""},
  };
  return cr_make_param_array(struct fold_case, cases, sizeof cases / sizeof cases[0]);
}

ParameterizedTest(struct fold_case *c, slug, turns_names_into_id_parts) {
  char out[128];
  size_t n = kg_text_slug(c->in, strlen(c->in), out, sizeof out);
  cr_assert_str_eq(out, c->out, "slug('%s'): expected '%s', got '%s'", c->in, c->out, out);
  cr_assert_eq(n, strlen(c->out), "slug('%s') returns %zu, got %zu", c->in, strlen(c->out), n);
}

Test(slug, truncates_like_fold) {
  char out[5];
  size_t n = kg_text_slug("Antony Blinken", 14, out, sizeof out);
  cr_assert_eq(n, 14, "full slug length expected, got %zu", n);
  cr_assert_str_eq(out, "anto", "got '%s'", out);
  n = kg_text_slug("Côte d'Ivoire", strlen("Côte d'Ivoire"), out, sizeof out);
  cr_assert_eq(n, 13, "got %zu", n);
  cr_assert_str_eq(out, "cote", "got '%s'", out);
}
