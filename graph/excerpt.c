/* excerpt.c: the example sentence of an edge, made safe to put in any export
 * cell: whitespace runs and control characters become one space, the ends
 * are trimmed, and the text is cut to KG_EXAMPLE_MAX bytes on a character
 * boundary.  It does not validate UTF-8 (the reader did). */
#include <string.h>

#include "counter.h"

static const char ellipsis[] = "\xe2\x80\xa6"; /* … */

/* Cut buf[0..n) to at most keep bytes on a character boundary, drop the
 * spaces before the cut and append "…"; buf needs keep + 3 bytes. */
static size_t cut_at(char *buf, size_t n, size_t keep) {
  size_t end = keep < n ? keep : n;
  while (end > 0 && end < n && ((unsigned char)buf[end] & 0xc0) == 0x80)
    end--;
  while (end > 0 && buf[end - 1] == ' ')
    end--;
  memcpy(buf + end, ellipsis, sizeof ellipsis - 1);
  return end + sizeof ellipsis - 1;
}

/* Bytes taken by the space or control character at s (0 if none).  Controls
 * go too: XML 1.0 forbids most of them and a CSV cell is better without. */
static size_t space_len(const unsigned char *s, size_t len) {
  if (s[0] <= 0x20 || s[0] == 0x7f)
    return 1;
  if (len >= 2 && s[0] == 0xc2 && (s[1] <= 0x9f || s[1] == 0xa0))
    return 2; /* C1 controls (NEL among them), NO-BREAK SPACE */
  if (len < 3)
    return 0;
  if (s[0] == 0xe1 && s[1] == 0x9a && s[2] == 0x80)
    return 3; /* OGHAM SPACE MARK */
  if (s[0] == 0xe2 && s[1] == 0x80 && (s[2] <= 0x8b || s[2] == 0xa8 || s[2] == 0xa9 ||
                                       s[2] == 0xaf))
    return 3; /* EN QUAD .. ZERO WIDTH SPACE, LINE/PARAGRAPH SEPARATOR, NNBSP */
  if ((s[0] == 0xe2 && s[1] == 0x81 && s[2] == 0x9f) ||
      (s[0] == 0xe3 && s[1] == 0x80 && s[2] == 0x80) ||
      (s[0] == 0xef && s[1] == 0xbb && s[2] == 0xbf))
    return 3; /* MEDIUM MATHEMATICAL SPACE, IDEOGRAPHIC SPACE, BOM */
  return 0;
}

static size_t char_len(unsigned char lead) {
  return lead < 0xc0 ? 1 : lead < 0xe0 ? 2 : lead < 0xf0 ? 3 : 4;
}

size_t kg_excerpt(const char *text, size_t len, char *out) {
  const unsigned char *s = (const unsigned char *)text;
  size_t n = 0, i = 0;
  bool space = false;
  while (i < len) {
    size_t w = space_len(s + i, len - i);
    if (w) {
      space = n > 0;
      i += w;
      continue;
    }
    size_t cl = char_len(s[i]);
    if (cl > len - i)
      cl = len - i;
    if (n + space + cl > KG_EXAMPLE_MAX) /* more to come: make room for "…" */
      return cut_at(out, n, KG_EXAMPLE_MAX - (sizeof ellipsis - 1));
    if (space)
      out[n++] = ' ';
    space = false;
    memcpy(out + n, s + i, cl);
    n += cl;
    i += cl;
  }
  return n;
}

/* Copy s[0..len) to out, cut to max bytes (max >= 3) when longer. */
static size_t put(char *out, const char *s, size_t len, size_t max) {
  if (len <= max) {
    memcpy(out, s, len);
    return len;
  }
  memcpy(out, s, max);
  return cut_at(out, max, max - (sizeof ellipsis - 1));
}

size_t kg_example_join(const char *first, size_t first_len, const char *last, size_t last_len,
                       bool adjacent, char *out) {
  const char *joiner = adjacent ? " " : " \xe2\x80\xa6 ";
  size_t jl = strlen(joiner), room = KG_EXAMPLE_MAX - jl;
  size_t l1 = first_len, l2 = last_len;
  if (l1 + l2 > room) { /* share the room; a short part leaves more to the other */
    size_t half = room / 2;
    if (l1 <= half)
      l2 = room - l1;
    else if (l2 <= half)
      l1 = room - l2;
    else {
      l1 = half;
      l2 = room - half;
    }
  }
  size_t n = put(out, first, first_len, l1);
  memcpy(out + n, joiner, jl);
  n += jl;
  return n + put(out + n, last, last_len, l2);
}
