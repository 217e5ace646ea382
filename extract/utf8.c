/* utf8.c: UTF-8 validation and the one normalization used for matching.
 *
 * kg_utf8_valid is the gate every input passes once (read.c); after it, the
 * other stages trust the text.  kg_text_fold and kg_text_slug turn a surface
 * form into the key that gazetteers, the tagger and the registry compare, so
 * "Côte d’Ivoire", "COTE D'IVOIRE" and "Cote d'Ivoire" meet.  Fold runs on
 * every token in the tagger, hence the ASCII path: no allocation, no utf8proc
 * call.  Nothing here segments text or knows about entities.
 */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "extract.h"

/* ---------------------------------------------------------------- validation */

#define ONES 0x0101010101010101ull
#define HIGHS 0x8080808080808080ull

/* The well-formed byte sequences of Unicode (Table 3-7): lead byte ranges and
 * the allowed range of the second byte; later bytes are always 80..BF. */
static size_t valid_seq(const unsigned char *s, size_t len) {
  unsigned c = s[0];
  size_t n;
  unsigned lo = 0x80, hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF)
    n = 2;
  else if (c >= 0xE0 && c <= 0xEF) {
    n = 3;
    if (c == 0xE0)
      lo = 0xA0; /* overlong */
    else if (c == 0xED)
      hi = 0x9F; /* surrogates */
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 4;
    if (c == 0xF0)
      lo = 0x90; /* overlong */
    else if (c == 0xF4)
      hi = 0x8F; /* above U+10FFFF */
  } else
    return 0; /* continuation byte, C0/C1 overlong lead, F5..FF */
  if (n > len || s[1] < lo || s[1] > hi)
    return 0;
  for (size_t i = 2; i < n; i++)
    if ((s[i] & 0xC0) != 0x80)
      return 0;
  return n;
}

bool kg_utf8_valid(const char *str, size_t len, size_t *bad_offset) {
  const unsigned char *s = (const unsigned char *)str;
  size_t i = 0;
  while (i < len) {
    /* Fast path: 8 ASCII bytes with no NUL among them. */
    while (i + 8 <= len) {
      uint64_t w;
      memcpy(&w, s + i, 8);
      if ((w & HIGHS) || ((w - ONES) & ~w & HIGHS))
        break;
      i += 8;
    }
    if (i >= len)
      break;
    if (s[i] && s[i] < 0x80) {
      i++;
      continue;
    }
    size_t n = s[i] ? valid_seq(s + i, len - i) : 0;
    if (n == 0) {
      if (bad_offset)
        *bad_offset = i;
      return false;
    }
    i += n;
  }
  return true;
}

/* ------------------------------------------------------------------ folding */

/* Typographic marks that utf8proc's LUMP option (which already maps
 * spaces, ‘ ’ and every dash to ASCII) leaves alone but that news text uses
 * interchangeably with ASCII: double and low quotes. */
static utf8proc_int32_t typographic(utf8proc_int32_t cp, void *data) {
  (void)data;
  switch (cp) {
  case 0x91: /* Windows-1252 quotes read as Latin-1 C1 controls */
  case 0x92:
  case 0x201A: /* ‚ */
  case 0x201B: /* ‛ */
    return '\'';
  case 0x93:
  case 0x94:
  case 0x201C: /* “ */
  case 0x201D: /* ” */
  case 0x201E: /* „ */
  case 0x201F: /* ‟ */
    return '"';
  case 0x96:
  case 0x97:
    return '-';
  /* Letters with a stroke or without a dot have no decomposition, so
   * stripping marks leaves them: "Yılmaz", "Wałęsa", "Søren", "Đoković"
   * would not meet their ASCII spellings in news. */
  case 0x0131: /* ı */
    return 'i';
  case 0x0141: /* Ł */
  case 0x0142: /* ł */
    return 'l';
  case 0x00D8: /* Ø */
  case 0x00F8: /* ø */
    return 'o';
  case 0x0110: /* Đ */
  case 0x0111: /* đ */
    return 'd';
  case 0x0126: /* Ħ */
  case 0x0127: /* ħ */
    return 'h';
  default:
    return cp;
  }
}

/* Diacritics are stripped only on scripts where they are optional accents
 * or pointing: Latin and Greek (below U+0400, and the extended blocks at
 * U+1E00..U+1FFF), Hebrew and Arabic.  Elsewhere combining marks make
 * letters of their own (Cyrillic й ї, Indic vowel signs), and stripping
 * them would merge distinct names, so they stay. */
static bool strips_marks(utf8proc_int32_t base) {
  return base < 0x0400 || (base >= 0x0590 && base < 0x0700) ||
         (base >= 0x1E00 && base < 0x2000);
}

static bool is_mark(utf8proc_int32_t cp) {
  utf8proc_category_t c = utf8proc_category(cp);
  return c == UTF8PROC_CATEGORY_MN || c == UTF8PROC_CATEGORY_MC ||
         c == UTF8PROC_CATEGORY_ME;
}

/* Invalid input is not expected (text is validated when read), but fold
 * must not fail on it: replace each bad byte with U+FFFD.  Returns a heap
 * copy, or NULL when out of memory. */
static unsigned char *sanitize(const char *s, size_t len, size_t *out_len) {
  unsigned char *buf = malloc(len * 3 + 1);
  if (!buf)
    return NULL;
  size_t n = 0, i = 0;
  while (i < len) {
    size_t k = valid_seq((const unsigned char *)s + i, len - i);
    if ((unsigned char)s[i] < 0x80)
      k = 1;
    if (k) {
      memcpy(buf + n, s + i, k);
      n += k;
      i += k;
    } else {
      memcpy(buf + n, "\xEF\xBF\xBD", 3);
      n += 3;
      i++;
    }
  }
  *out_len = n;
  return buf;
}

/* Write code points as UTF-8 into out (whole characters only, NUL-terminated
 * when cap > 0); return the full length in bytes. */
static size_t encode(const utf8proc_int32_t *cps, size_t n, char *out, size_t cap) {
  size_t total = 0, written = 0;
  bool room = cap > 0;
  for (size_t i = 0; i < n; i++) {
    utf8proc_uint8_t tmp[4];
    size_t k = (size_t)utf8proc_encode_char(cps[i], tmp);
    if (room && written + k < cap) {
      memcpy(out + written, tmp, k);
      written += k;
    } else
      room = false;
    total += k;
  }
  if (cap)
    out[written] = '\0';
  return total;
}

#define STACK_CPS 256

/* The general path: decompose (compatibility, case fold, typographic marks
 * lumped to ASCII, default-ignorables such as soft hyphens dropped), strip
 * accents where strips_marks allows, recompose.  fn (may be NULL) is then
 * given the code points to rewrite in place, for the slug. */
static size_t fold_unicode(const char *s, size_t len, char *out, size_t cap,
                           size_t (*fn)(utf8proc_int32_t *, size_t)) {
  const utf8proc_option_t opts = UTF8PROC_COMPAT | UTF8PROC_CASEFOLD |
                                 UTF8PROC_DECOMPOSE | UTF8PROC_LUMP |
                                 UTF8PROC_IGNORE | UTF8PROC_STABLE;
  utf8proc_int32_t stack[STACK_CPS];
  utf8proc_int32_t *cps = stack;
  unsigned char *clean = NULL;
  size_t total = 0;
  const utf8proc_uint8_t *in = (const utf8proc_uint8_t *)s;
  size_t in_len = len;

  utf8proc_ssize_t n = utf8proc_decompose_custom(in, (utf8proc_ssize_t)in_len, cps,
                                                 STACK_CPS, opts, typographic, NULL);
  if (n == UTF8PROC_ERROR_INVALIDUTF8) {
    clean = sanitize(s, len, &in_len);
    if (!clean)
      goto fail;
    in = clean;
    n = utf8proc_decompose_custom(in, (utf8proc_ssize_t)in_len, cps, STACK_CPS, opts,
                                  typographic, NULL);
  }
  if (n < 0)
    goto fail;
  if (n > STACK_CPS) {
    cps = malloc((size_t)n * sizeof *cps);
    if (!cps)
      goto fail;
    utf8proc_ssize_t m = utf8proc_decompose_custom(in, (utf8proc_ssize_t)in_len, cps, n,
                                                   opts, typographic, NULL);
    if (m != n)
      goto fail;
  }

  /* Strip marks that follow a base character of a script where they are
   * accents (a mark at the very start has no base and is dropped too). */
  size_t w = 0;
  utf8proc_int32_t base = 0;
  for (size_t i = 0; i < (size_t)n; i++) {
    if (is_mark(cps[i])) {
      if (strips_marks(base))
        continue;
    } else
      base = cps[i];
    cps[w++] = cps[i];
  }
  n = utf8proc_normalize_utf32(cps, (utf8proc_ssize_t)w, UTF8PROC_COMPOSE | UTF8PROC_STABLE);
  if (n < 0)
    goto fail;
  if (fn)
    n = (utf8proc_ssize_t)fn(cps, (size_t)n);
  total = encode(cps, (size_t)n, out, cap);
  goto done;
fail:
  /* Only reachable when out of memory: an empty key, never a crash. */
  total = 0;
  if (cap)
    out[0] = '\0';
done:
  if (cps != stack)
    free(cps);
  free(clean);
  return total;
}

static const unsigned char ascii_lower[128] = {
    0,   1,   2,   3,   4,   5,   6,   7,   8,   9,   10,  11,  12,  13,  14,  15,
    16,  17,  18,  19,  20,  21,  22,  23,  24,  25,  26,  27,  28,  29,  30,  31,
    ' ', '!', '"', '#', '$', '%', '&', '\'', '(', ')', '*', '+', ',', '-', '.', '/',
    '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', ':', ';', '<', '=', '>', '?',
    '@', 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o',
    'p', 'q', 'r', 's', 't', 'u', 'v', 'w', 'x', 'y', 'z', '[', '\\', ']', '^', '_',
    '`', 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o',
    'p', 'q', 'r', 's', 't', 'u', 'v', 'w', 'x', 'y', 'z', '{', '|', '}', '~', 127};

static bool all_ascii(const char *s, size_t len) {
  size_t i = 0;
  for (; i + 8 <= len; i += 8) {
    uint64_t w;
    memcpy(&w, s + i, 8);
    if (w & HIGHS)
      return false;
  }
  for (; i < len; i++)
    if ((unsigned char)s[i] & 0x80)
      return false;
  return true;
}

size_t kg_text_fold(const char *s, size_t len, char *out, size_t cap) {
  if (!all_ascii(s, len))
    return fold_unicode(s, len, out, cap, NULL);
  /* NFKC and case folding are plain lower-casing on ASCII. */
  size_t n = len < cap ? len : (cap ? cap - 1 : 0);
  for (size_t i = 0; i < n; i++)
    out[i] = (char)ascii_lower[(unsigned char)s[i]];
  if (cap)
    out[n] = '\0';
  return len;
}

/* ---------------------------------------------------------------------- slug */

static bool slug_keeps(utf8proc_int32_t cp) {
  if (cp < 0x80)
    return (cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9');
  switch (utf8proc_category(cp)) {
  case UTF8PROC_CATEGORY_LU:
  case UTF8PROC_CATEGORY_LL:
  case UTF8PROC_CATEGORY_LT:
  case UTF8PROC_CATEGORY_LM:
  case UTF8PROC_CATEGORY_LO:
  case UTF8PROC_CATEGORY_MN: /* vowel signs of scripts that keep their marks */
  case UTF8PROC_CATEGORY_MC:
  case UTF8PROC_CATEGORY_ND:
  case UTF8PROC_CATEGORY_NL:
  case UTF8PROC_CATEGORY_NO:
    return true;
  default:
    return false;
  }
}

/* Runs of other characters become one '-'; none at either end. */
static size_t slugify(utf8proc_int32_t *cps, size_t n) {
  size_t w = 0;
  bool dash = false;
  for (size_t i = 0; i < n; i++) {
    if (slug_keeps(cps[i])) {
      if (dash && w > 0)
        cps[w++] = '-';
      dash = false;
      cps[w++] = cps[i];
    } else
      dash = true;
  }
  return w;
}

size_t kg_text_slug(const char *s, size_t len, char *out, size_t cap) {
  if (!all_ascii(s, len))
    return fold_unicode(s, len, out, cap, slugify);
  size_t w = 0; /* full length so far */
  bool dash = false;
  for (size_t i = 0; i < len; i++) {
    char c = (char)ascii_lower[(unsigned char)s[i]];
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      if (dash && w > 0) {
        if (w + 1 < cap)
          out[w] = '-';
        w++;
      }
      dash = false;
      if (w + 1 < cap)
        out[w] = c;
      w++;
    } else
      dash = true;
  }
  if (cap)
    out[w < cap ? w : cap - 1] = '\0';
  return w;
}
