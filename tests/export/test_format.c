/* test_format.c: the number formatter and text cleaning every writer shares
 * (export/format.h): fixed cases, a round-trip property, a comma-decimal
 * locale. */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <locale.h>
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "fixtures.h"
#include "format.h"

/* ---------------------------------------------------------------- numbers */

struct num_case {
  double v;
  const char *want;
};

ParameterizedTestParameters(format, doubles_are_plain_and_shortest) {
  static struct num_case cases[] = {
      {0, "0"},
      {-0.0, "0"},
      {NAN, "0"},
      {INFINITY, "0"},
      {-INFINITY, "0"},
      {1, "1"},
      {-7, "-7"},
      {0.5, "0.5"},
      {-2.5, "-2.5"},
      {0.1, "0.1"},
      {0.1 + 0.2, "0.30000000000000004"},
      {1.0 / 3, "0.3333333333333333"},
      {2.0 / 3, "0.6666666666666666"},
      {1e-5, "0.00001"},
      {1.5e-7, "0.00000015"},
      {123456.789, "123456.789"},
      {123456789.125, "123456789.125"},
      {1e21, "1000000000000000000000"},
      {9007199254740993.0, "9007199254740992"},
      {1.7976931348623157e308, "17976931348623157" /* followed by 292 zeros: checked below */},
      {5e-324, "0.000"},
  };
  static const size_t strs[] = {offsetof(struct num_case, want)};
  size_t n = sizeof cases / sizeof cases[0];
  return cr_make_param_array(struct num_case, shared_cases(cases, n, sizeof cases[0], strs, 1), n);
}

ParameterizedTest(struct num_case *c, format, doubles_are_plain_and_shortest) {
  char out[KG_NUM_MAX];
  size_t len = kg_fmt_double(c->v, out);
  cr_assert_eq(len, strlen(out), "the returned length must match the string");
  cr_assert(strncmp(out, c->want, strlen(c->want)) == 0, "%g must print as %s..., got %s", c->v,
            c->want, out);
  if (strlen(c->want) > 4 && isfinite(c->v) && fabs(c->v) > 1e20)
    cr_assert_eq(len, 22 + (c->v > 1e300 ? 287 : 0), "%g: no exponent, all digits: %s", c->v,
                 out);
  cr_assert_null(strpbrk(out, "eEnNiI,"), "no exponent, nan, inf or comma in %s", out);
  if (isfinite(c->v))
    cr_assert_eq(strtod(out, NULL), c->v == 0 ? 0 : c->v, "%s must read back as %.17g", out,
                 c->v);
}

Test(format, random_doubles_round_trip_without_exponent) {
  uint64_t s = 88172645463325252ULL;
  char out[KG_NUM_MAX];
  for (int i = 0; i < 200000; i++) {
    s ^= s << 13, s ^= s >> 7, s ^= s << 17;
    double mant = (double)(s >> 11) / 9007199254740992.0; /* [0, 1) */
    int exp = (int)(s % 81) - 40;                         /* 1e-40 .. 1e40 */
    double v = (s & 1 ? -1 : 1) * mant * pow(10, exp);
    kg_fmt_double(v, out);
    cr_assert_null(strpbrk(out, "eE"), "no exponent for %.17g: %s", v, out);
    cr_assert_eq(strtod(out, NULL), v, "%s must read back as %.17g", out, v);
  }
}

Test(format, ints_print_in_full) {
  char out[KG_NUM_MAX];
  kg_fmt_int(INT64_MIN, out);
  cr_assert_str_eq(out, "-9223372036854775808");
  kg_fmt_int(INT64_MAX, out);
  cr_assert_str_eq(out, "9223372036854775807");
  kg_fmt_int(0, out);
  cr_assert_str_eq(out, "0");
}

/* Build a German locale (comma decimal separator) with localedef in a
 * temporary folder: the test machine need not have it installed. */
Test(format, numbers_keep_a_dot_in_a_comma_locale, .timeout = 120) {
  char *dir = make_temp_dir();
  char target[512];
  snprintf(target, sizeof target, "%s/de_DE.UTF-8", dir);
  char *argv[] = {"localedef", "-i", "de_DE", "-f", "UTF-8", target, NULL};
  char *errs = NULL;
  int rc = run_capture(argv, NULL, &errs);
  cr_assert_eq(rc, 0, "localedef (Debian package locales) must build de_DE: %s", errs);
  free(errs);
  setenv("LOCPATH", dir, 1);
  cr_assert_not_null(setlocale(LC_ALL, "de_DE.UTF-8"), "the built locale must load");
  cr_assert_str_eq(localeconv()->decimal_point, ",", "the locale must use a decimal comma");
  char out[KG_NUM_MAX];
  kg_fmt_double(1234.5, out);
  cr_assert_str_eq(out, "1234.5");
  kg_fmt_double(0.1 + 0.2, out);
  cr_assert_str_eq(out, "0.30000000000000004");
  kg_fmt_double(-1e-5, out);
  cr_assert_str_eq(out, "-0.00001");

  /* And a whole CSV table written in that locale. */
  const nasty_label *labels;
  size_t n;
  kg_graph *g = nasty_graph(&labels, &n);
  char *buf = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&buf, &len);
  kg_error err = {0};
  cr_assert_eq(kg_write_edges_csv(g, f, &err), 0, "%s", err.msg);
  fclose(f);
  cr_assert_not_null(strstr(buf, ",2.5,"), "weights keep a dot: %s", buf);
  cr_assert_not_null(strstr(buf, ",0.30000000000000004,"), "%s", buf);
  setlocale(LC_ALL, "C");
  free(buf);
  kg_graph_free(g);
  remove_tree(dir);
}

/* ------------------------------------------------------------------- text */

struct text_case {
  const char *in, *want;
};

ParameterizedTestParameters(format, text_is_cleaned_of_what_xml_cannot_carry) {
  static struct text_case cases[] = {
      {"plain", "plain"},
      {"", ""},
      {"tab\tlf\ncr\r kept", "tab\tlf\ncr\r kept"},
      {"nul-less C0 \x01\x08\x0b\x0c\x1f", "nul-less C0 \xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"
                                           "\xef\xbf\xbd\xef\xbf\xbd"},
      {"DEL \x7f and C1 \xc2\x85 stay", "DEL \x7f and C1 \xc2\x85 stay"},
      {"bad \xff byte", "bad \xef\xbf\xbd byte"},
      {"overlong \xc0\xaf", "overlong \xef\xbf\xbd\xef\xbf\xbd"},
      {"surrogate \xed\xa0\x80", "surrogate \xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"},
      {"truncated \xe2\x82", "truncated \xef\xbf\xbd\xef\xbf\xbd"},
      {"nonchar \xef\xbf\xbe\xef\xbf\xbf", "nonchar \xef\xbf\xbd\xef\xbf\xbd"},
      {"emoji \xf0\x9f\x98\x80 ok", "emoji \xf0\x9f\x98\x80 ok"},
      {"beyond \xf4\x90\x80\x80", "beyond \xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"},
  };
  static const size_t strs[] = {offsetof(struct text_case, in), offsetof(struct text_case, want)};
  size_t n = sizeof cases / sizeof cases[0];
  return cr_make_param_array(struct text_case, shared_cases(cases, n, sizeof cases[0], strs, 2), n);
}

ParameterizedTest(struct text_case *c, format, text_is_cleaned_of_what_xml_cannot_carry) {
  kg_buf b = {0};
  size_t len;
  const char *out = kg_text_clean(&b, c->in, &len);
  cr_assert_not_null(out);
  cr_assert_eq(len, strlen(c->want), "length of the cleaned '%s'", c->in);
  cr_assert(memcmp(out, c->want, len) == 0, "'%s' must clean to '%s', got '%.*s'", c->in,
            c->want, (int)len, out);
  if (strcmp(c->in, c->want) == 0)
    cr_assert_eq(out, c->in, "clean text must be returned as is, without a copy");
  kg_buf_destroy(&b);
}

ParameterizedTestParameters(format, labels_are_one_trimmed_line) {
  static struct text_case cases[] = {
      {"Antony Blinken", "Antony Blinken"},
      {"  spaced   out  ", "spaced out"},
      {"line\r\nbreak\ttab", "line break tab"},
      {"\xc2\xa0nbsp\xe3\x80\x80ideographic\xe2\x80\xa8", "nbsp ideographic"},
      {"ctrl\x01\x7f\xc2\x9f" "end", "ctrl end"},
      {"bad\xff", "bad\xef\xbf\xbd"},
      {" \t\r\n", "fallback:id"},
      {"", "fallback:id"},
  };
  static const size_t strs[] = {offsetof(struct text_case, in), offsetof(struct text_case, want)};
  size_t n = sizeof cases / sizeof cases[0];
  return cr_make_param_array(struct text_case, shared_cases(cases, n, sizeof cases[0], strs, 2), n);
}

ParameterizedTest(struct text_case *c, format, labels_are_one_trimmed_line) {
  kg_buf b = {0};
  size_t len;
  kg_node n = {.id = "fallback:id", .label = c->in};
  const char *out = kg_label_clean(&b, &n, &len);
  cr_assert_not_null(out);
  cr_assert(len == strlen(c->want) && memcmp(out, c->want, len) == 0,
            "label '%s' must become '%s', got '%.*s'", c->in, c->want, (int)len, out);
  kg_buf_destroy(&b);
}

Test(format, empty_label_and_id_still_give_a_label) {
  kg_buf b = {0};
  size_t len;
  kg_node n = {.id = " ", .label = ""};
  const char *out = kg_label_clean(&b, &n, &len);
  cr_assert_str_eq(out, "(no label)", "a node must never have an empty label");
  kg_buf_destroy(&b);
}

Test(format, iso_dates) {
  cr_assert(kg_is_iso_date("2021-06-28"));
  cr_assert_not(kg_is_iso_date("2021-13-01"), "month 13");
  cr_assert_not(kg_is_iso_date("2021-6-28"), "one-digit month");
  cr_assert_not(kg_is_iso_date(""), "empty");
  cr_assert_not(kg_is_iso_date(NULL), "NULL");
}
