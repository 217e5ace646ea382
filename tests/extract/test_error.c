/* test_error.c: kg_error_set formats one line and truncates on a UTF-8 boundary. */
#include <criterion/criterion.h>
#include <string.h>

#include "extract.h"

Test(error, returns_code_and_formats_message) {
  kg_error err = {0};
  int rc = kg_error_set(&err, KG_ERR_IO, "%s: cannot open (%d)", "a.txt", 2);
  cr_assert_eq(rc, KG_ERR_IO);
  cr_assert_eq(err.code, KG_ERR_IO);
  cr_assert_str_eq(err.msg, "a.txt: cannot open (2)");
}

Test(error, null_error_is_allowed) {
  cr_assert_eq(kg_error_set(NULL, KG_ERR_FORMAT, "x"), KG_ERR_FORMAT);
}

Test(error, newlines_in_names_are_flattened) {
  kg_error err = {0};
  kg_error_set(&err, KG_ERR_IO, "bad\nname\r.txt");
  cr_assert_str_eq(err.msg, "bad name .txt", "a message stays on one line, got '%s'", err.msg);
}

Test(error, truncation_keeps_utf8_whole) {
  char big[2 * KG_ERROR_MSG_MAX];
  /* 'é' is two bytes: fill so that the cut would fall inside one. */
  size_t n = 0;
  big[n++] = 'x';
  while (n + 2 < sizeof big) {
    big[n++] = (char)0xC3;
    big[n++] = (char)0xA9;
  }
  big[n] = '\0';
  kg_error err = {0};
  kg_error_set(&err, KG_ERR_FORMAT, "%s", big);
  size_t len = strlen(err.msg);
  cr_assert_lt(len, (size_t)KG_ERROR_MSG_MAX);
  cr_assert_eq(len % 2, 1, "the message must end after a whole 'é', length %zu", len);
}
