/* format.c: the number formatter, text cleaning and node styles that every
 * writer shares (see format.h).  Nothing here writes to a file. */
#include "format.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- numbers */

size_t kg_fmt_int(int64_t v, char out[KG_NUM_MAX]) {
  char tmp[24];
  size_t n = 0, len = 0;
  uint64_t u = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
  do {
    tmp[n++] = (char)('0' + u % 10);
    u /= 10;
  } while (u);
  if (v < 0)
    out[len++] = '-';
  while (n)
    out[len++] = tmp[--n];
  out[len] = '\0';
  return len;
}

/* The shortest decimal digits of x > 0 (finite) that read back as x, with
 * the power of ten of the first digit: x ~ d0.d1d2... * 10^exp10.
 *
 * Why 15, then 16, then 17 digits: every decimal of at most 15 significant
 * digits that rounds to x is the 15-digit rounding of x with its trailing
 * zeros dropped (15-digit spacing is wider than a double's ulp), so when the
 * 15-digit rounding reads back, trimming it gives the shortest; otherwise 16
 * digits may do, and 17 always do.  printf's %e is correctly rounded in
 * glibc.  The decimal point printf writes depends on the locale, so digits
 * are picked out around it and the read-back probe is an integer mantissa
 * with an exponent ("123e-5"), which strtod reads the same in every locale. */
static int shortest_digits(double x, char digits[24], int *exp10) {
  char tmp[64], probe[64];
  int n = 0;
  for (int prec = 15; prec <= 17; prec++) {
    snprintf(tmp, sizeof tmp, "%.*e", prec - 1, x);
    const char *p = tmp;
    n = 0;
    for (; *p && *p != 'e'; p++)
      if (*p >= '0' && *p <= '9' && n < 23)
        digits[n++] = *p;
    *exp10 = *p == 'e' ? (int)strtol(p + 1, NULL, 10) : 0;
    memcpy(probe, digits, (size_t)n);
    snprintf(probe + n, sizeof probe - (size_t)n, "e%d", *exp10 - (n - 1));
    if (prec == 17 || strtod(probe, NULL) == x)
      break;
  }
  while (n > 1 && digits[n - 1] == '0')
    n--;
  return n;
}

size_t kg_fmt_double(double v, char out[KG_NUM_MAX]) {
  /* Non-finite values have no portable spelling; -0 reads as 0 everywhere. */
  if (!isfinite(v) || v == 0) {
    out[0] = '0';
    out[1] = '\0';
    return 1;
  }
  /* Whole numbers (counts, degrees) are by far the most common: no printf. */
  if (fabs(v) < 9007199254740992.0 && v == trunc(v))
    return kg_fmt_int((int64_t)v, out);
  char d[24];
  int e, n = shortest_digits(fabs(v), d, &e);
  size_t len = 0;
  if (v < 0)
    out[len++] = '-';
  if (e < 0) { /* 0.000ddd */
    out[len++] = '0';
    out[len++] = '.';
    for (int i = 0; i < -e - 1; i++)
      out[len++] = '0';
    memcpy(out + len, d, (size_t)n);
    len += (size_t)n;
  } else if (e >= n - 1) { /* ddd000 */
    memcpy(out + len, d, (size_t)n);
    len += (size_t)n;
    for (int i = 0; i < e - (n - 1); i++)
      out[len++] = '0';
  } else { /* dd.ddd */
    memcpy(out + len, d, (size_t)e + 1);
    len += (size_t)e + 1;
    out[len++] = '.';
    memcpy(out + len, d + e + 1, (size_t)(n - e - 1));
    len += (size_t)(n - e - 1);
  }
  out[len] = '\0';
  return len;
}

double kg_round_to(double x, int decimals) {
  double scale = pow(10, decimals);
  return round(x * scale) / scale;
}

const char *kg_fmt_attr(const void *rec, const kg_attr *a, char num[KG_NUM_MAX], kg_buf *buf,
                        size_t *len) {
  switch (a->type) {
  case KG_ATTR_INT:
    *len = kg_fmt_int(kg_attr_int(rec, a), num);
    return num;
  case KG_ATTR_DOUBLE:
    *len = kg_fmt_double(kg_attr_double(rec, a), num);
    return num;
  case KG_ATTR_STRING:
  default:
    return kg_text_clean(buf, kg_attr_str(rec, a), len);
  }
}

/* ------------------------------------------------------------------- text */

bool kg_buf_grow(kg_buf *b, size_t n) {
  if (b->cap - b->len > n)
    return true;
  size_t cap = b->cap ? b->cap : 256;
  while (cap - b->len <= n)
    cap *= 2;
  char *p = realloc(b->ptr, cap);
  if (!p)
    return false;
  b->ptr = p;
  b->cap = cap;
  return true;
}

void kg_buf_destroy(kg_buf *b) {
  if (!b)
    return;
  free(b->ptr);
  *b = (kg_buf){0};
}

bool kg_buf_append(kg_buf *b, const char *s, size_t n) {
  if (!kg_buf_grow(b, n))
    return false;
  memcpy(b->ptr + b->len, s, n);
  b->len += n;
  return true;
}

bool kg_buf_drain(kg_buf *b, FILE *f, bool all) {
  if (b->len < 65536 && !all)
    return true;
  bool ok = fwrite(b->ptr, 1, b->len, f) == b->len;
  b->len = 0;
  return ok;
}

/* Decode the code point at s[0..n); *adv gets its length in bytes. Returns
 * -1 for an invalid sequence (overlong, surrogate, beyond U+10FFFF,
 * truncated), with *adv = 1 so that each bad byte is replaced once. */
static int32_t decode_utf8(const unsigned char *s, size_t n, size_t *adv) {
  unsigned char c = s[0];
  *adv = 1;
  if (c < 0x80)
    return c;
  int32_t cp;
  size_t need;
  int32_t min;
  if (c >= 0xC2 && c <= 0xDF) {
    cp = c & 0x1F, need = 1, min = 0x80;
  } else if (c >= 0xE0 && c <= 0xEF) {
    cp = c & 0x0F, need = 2, min = 0x800;
  } else if (c >= 0xF0 && c <= 0xF4) {
    cp = c & 0x07, need = 3, min = 0x10000;
  } else {
    return -1;
  }
  if (n < need + 1)
    return -1;
  for (size_t i = 1; i <= need; i++) {
    if ((s[i] & 0xC0) != 0x80)
      return -1;
    cp = (cp << 6) | (s[i] & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
    return -1;
  *adv = need + 1;
  return cp;
}

/* Characters XML 1.0 cannot carry, even as character references. */
static bool xml_forbidden(int32_t cp) {
  return cp < 0 || (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') || cp == 0xFFFE ||
         cp == 0xFFFF;
}

/* What a label turns into a single space: controls (C0, DEL, C1) and the
 * characters Python's str.isspace() accepts, which is what spreadsheet
 * users and our validator strip. */
static bool label_space(int32_t cp) {
  return cp <= 0x20 || (cp >= 0x7F && cp <= 0xA0) || cp == 0x1680 ||
         (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F ||
         cp == 0x205F || cp == 0x3000;
}

static size_t put_utf8(char *out, int32_t cp) {
  if (cp < 0x80) {
    out[0] = (char)cp;
    return 1;
  }
  if (cp < 0x800) {
    out[0] = (char)(0xC0 | (cp >> 6));
    out[1] = (char)(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    out[0] = (char)(0xE0 | (cp >> 12));
    out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[2] = (char)(0x80 | (cp & 0x3F));
    return 3;
  }
  out[0] = (char)(0xF0 | (cp >> 18));
  out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
  out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
  out[3] = (char)(0x80 | (cp & 0x3F));
  return 4;
}

#define REPLACEMENT 0xFFFD

const char *kg_text_clean(kg_buf *b, const char *s, size_t *len) {
  return s ? kg_text_clean_n(b, s, strlen(s), len) : kg_text_clean_n(b, "", 0, len);
}

const char *kg_text_clean_n(kg_buf *b, const char *s, size_t n, size_t *len) {
  const unsigned char *u = (const unsigned char *)s;
  size_t i = 0, adv;
  /* Fast path: most text is already clean and is returned as is. */
  while (i < n) {
    if (u[i] >= 0x20 && u[i] < 0x80) {
      i++;
      continue;
    }
    if (xml_forbidden(decode_utf8(u + i, n - i, &adv)))
      break;
    i += adv;
  }
  if (i == n) {
    *len = n;
    return s;
  }
  /* Each bad byte becomes 3 bytes of U+FFFD at most. */
  b->len = 0;
  if (!kg_buf_grow(b, i + 3 * (n - i) + 1))
    return NULL;
  memcpy(b->ptr, s, i);
  b->len = i;
  while (i < n) {
    int32_t cp = decode_utf8(u + i, n - i, &adv);
    if (xml_forbidden(cp)) {
      b->len += put_utf8(b->ptr + b->len, REPLACEMENT);
    } else {
      memcpy(b->ptr + b->len, s + i, adv);
      b->len += adv;
    }
    i += adv;
  }
  b->ptr[b->len] = '\0';
  *len = b->len;
  return b->ptr;
}

/* Append s to b as one line: spaces collapsed, none at either end. */
static bool append_one_line(kg_buf *b, const char *s) {
  const unsigned char *u = (const unsigned char *)s;
  size_t n = strlen(s), adv;
  if (!kg_buf_grow(b, 3 * n + 1))
    return false;
  bool space = false;
  for (size_t i = 0; i < n; i += adv) {
    int32_t cp = decode_utf8(u + i, n - i, &adv);
    if (cp >= 0 && label_space(cp)) {
      space = b->len > 0;
      continue;
    }
    if (space)
      b->ptr[b->len++] = ' ';
    space = false;
    if (xml_forbidden(cp)) {
      b->len += put_utf8(b->ptr + b->len, REPLACEMENT);
    } else {
      memcpy(b->ptr + b->len, s + i, adv);
      b->len += adv;
    }
  }
  b->ptr[b->len] = '\0';
  return true;
}

const char *kg_label_clean(kg_buf *b, const kg_node *n, size_t *len) {
  static const char none[] = "(no label)";
  b->len = 0;
  if (!append_one_line(b, n->label ? n->label : "") ||
      (b->len == 0 && !append_one_line(b, n->id ? n->id : "")))
    return NULL;
  if (b->len == 0) {
    *len = sizeof none - 1;
    return none;
  }
  *len = b->len;
  return b->ptr;
}

bool kg_is_iso_date(const char *s) {
  if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
    return false;
  for (int i = 0; i < 10; i++)
    if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
      return false;
  int month = (s[5] - '0') * 10 + (s[6] - '0');
  int day = (s[8] - '0') * 10 + (s[9] - '0');
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

/* ----------------------------------------------------------------- styles */

/* Tableau 10 colours: distinct for the colour-blind, readable under black
 * text.  Shapes differ too, so the type survives a greyscale print. */
static const kg_node_style styles[] = {
    {"person", "#4E79A7", 0x4E, 0x79, 0xA7, "ellipse"},
    {"organization", "#F28E2B", 0xF2, 0x8E, 0x2B, "box"},
    {"country", "#59A14F", 0x59, 0xA1, 0x4F, "hexagon"},
    {"event", "#E15759", 0xE1, 0x57, 0x59, "diamond"},
    {"location", "#B07AA1", 0xB0, 0x7A, 0xA1, "octagon"},
    {"other", "#BAB0AC", 0xBA, 0xB0, 0xAC, "ellipse"},
};
#define N_STYLES (sizeof styles / sizeof styles[0])

const kg_node_style *kg_node_style_of(const kg_node *n) {
  /* The type name wins: records made by hand may set only that. */
  if (n->type) {
    for (size_t i = 0; i + 1 < N_STYLES; i++)
      if (strcmp(n->type, styles[i].name) == 0)
        return &styles[i];
    return &styles[N_STYLES - 1];
  }
  return (unsigned)n->etype < N_STYLES - 1 ? &styles[n->etype] : &styles[N_STYLES - 1];
}

const kg_node_style *kg_node_styles(size_t *n) {
  *n = N_STYLES;
  return styles;
}

double kg_max_pagerank(const kg_graph *g) {
  const kg_node *nodes = kg_graph_nodes(g);
  double max = 0;
  for (size_t i = 0, n = kg_graph_n_nodes(g); i < n; i++)
    if (isfinite(nodes[i].pagerank) && nodes[i].pagerank > max)
      max = nodes[i].pagerank;
  return max;
}

double kg_pagerank_scale(const kg_node *n, double max_pagerank) {
  if (!(max_pagerank > 0) || !isfinite(n->pagerank) || !(n->pagerank > 0))
    return 0;
  double r = n->pagerank / max_pagerank;
  return r >= 1 ? 1 : sqrt(r);
}

int kg_write_error(kg_error *err, const char *what) {
  int e = errno;
  return kg_error_set(err, KG_ERR_IO, "%s: %s", what, e ? strerror(e) : "write error");
}
