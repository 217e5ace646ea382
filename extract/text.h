/* text.h (private to extract/): small UTF-8 helpers shared by the reader,
 * the segmenter, the registry and the tagger.
 *
 * Decoding one code point and telling Unicode white space apart: both are
 * needed in hot loops over text that is already validated (kg_utf8_valid),
 * so they are inline and never allocate.  They still stay inside the given
 * length on bad input: an invalid byte decodes as U+FFFD, one byte long.
 * Normalization and character classes for matching live in utf8.c.
 */
#ifndef KG_TEXT_H
#define KG_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "extract.h"

/* Decode the code point at s[0..len) (len >= 1) into *cp; returns the number
 * of bytes it takes (1 to 4). */
static inline size_t kg_utf8_next(const unsigned char *s, size_t len, int32_t *cp) {
  unsigned c = s[0];
  if (c < 0x80) {
    *cp = (int32_t)c;
    return 1;
  }
  size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 0;
  if (n == 0 || n > len)
    goto bad;
  int32_t v = (int32_t)(c & (0x7Fu >> n));
  for (size_t i = 1; i < n; i++) {
    if ((s[i] & 0xC0) != 0x80)
      goto bad;
    v = (v << 6) | (s[i] & 0x3F);
  }
  *cp = v;
  return n;
bad:
  *cp = 0xFFFD;
  return 1;
}

/* Separators and invisible characters that never belong to a word: ASCII
 * white space and controls, NEL, NBSP and every other Zs, the line and
 * paragraph separators, zero-width space, word joiner, BOM, bidi marks. */
static inline bool kg_cp_space(int32_t cp) {
  if (cp < 0x80)
    return cp <= 0x20 || cp == 0x7F;
  if (cp < 0xA1)
    return cp <= 0xA0; /* C1 controls (NEL among them) and NBSP */
  if (cp < 0x1680)
    return false;
  return cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x200E ||
         cp == 0x200F || cp == 0x2028 || cp == 0x2029 || cp == 0x202F ||
         cp == 0x205F || cp == 0x2060 || cp == 0x3000 || cp == 0xFEFF;
}

/* A word of two or more ASCII capitals and no lower-case ASCII letter
 * ("LONDON", "U.S."): written in capitals, as headlines and datelines are. */
static inline bool kg_all_caps(const char *s, size_t len) {
  size_t upper = 0;
  for (size_t i = 0; i < len; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c >= 'a' && c <= 'z')
      return false;
    upper += c >= 'A' && c <= 'Z';
  }
  return upper >= 2;
}

/* A news agency's instrument code, one token: capitals or digits, a full
 * stop, one or two capitals ("RHON.PA", "AAPL.O", "7203.T").  It names the
 * company's shares; the company is named beside it. */
static inline bool kg_instrument_code(const char *w, size_t n) {
  size_t dot = 0;
  while (dot < n && ((w[dot] >= 'A' && w[dot] <= 'Z') || (w[dot] >= '0' && w[dot] <= '9')))
    dot++;
  if (dot == 0 || dot + 2 > n || w[dot] != '.' || n - dot - 1 > 2)
    return false;
  for (size_t k = dot + 1; k < n; k++)
    if (w[k] < 'A' || w[k] > 'Z')
      return false;
  return true;
}

/* A stock-exchange ticker as Reuters wrote it in angle brackets after the
 * company ("General Motors Corp <GM>", "Purolator <PCC>"): one to five
 * capitals.  Only the brackets make it a ticker: callers check them. */
static inline bool kg_ticker(const char *w, size_t n) {
  if (n == 0 || n > 5)
    return false;
  for (size_t k = 0; k < n; k++)
    if (w[k] < 'A' || w[k] > 'Z')
      return false;
  return true;
}

/* Whether word w is exactly s (bytes, case and all).  The first byte is
 * compared before any strlen: the rules test most words against lists. */
static inline bool kg_str_is(const kg_str *w, const char *s) {
  if (w->len == 0)
    return s[0] == '\0';
  if (w->ptr[0] != s[0])
    return false;
  size_t l = strlen(s);
  return w->len == l && memcmp(w->ptr, s, l) == 0;
}

/* Whether words a and b are the same bytes. */
static inline bool kg_str_eq(const kg_str *a, const kg_str *b) {
  return a->len == b->len && memcmp(a->ptr, b->ptr, a->len) == 0;
}

/* Whether word w is one of the n words of list. */
static inline bool kg_str_in(const kg_str *w, const char *const *list, size_t n) {
  for (size_t k = 0; k < n; k++)
    if (kg_str_is(w, list[k]))
      return true;
  return false;
}

#endif /* KG_TEXT_H */
