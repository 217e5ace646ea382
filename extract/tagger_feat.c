/* tagger_feat.c: the tagger's features, from the words alone (no POS tags).
 *
 * Word features (cached per word type by the tagger): the word, its lower-
 * cased digit-normalized form, long and short shape, prefixes and suffixes,
 * orthographic flags, length, gazetteer classes, at offsets -2..+2 with a
 * smaller set further out.  Pair features (looked up per token): word bigrams,
 * the shape trigram and sentence-start conjunctions.
 *
 * ALL-CAPS headlines get a mode of their own: the case of their words says
 * nothing, so they get no cased-word or case-shape features and lean on the
 * lower-cased word, affixes and gazetteers instead (training sees upper-cased
 * copies of some sentences for this).  Everything here is a pure function of
 * its input: training and tagging compute exactly the same keys.
 */

#include "tagger_impl.h"

/* Template ids: stable numbers, part of the model (bump KG_TG_FEATURES when
 * changing them). */
enum {
  T_BIAS = 1,
  T_PAD,
  T_W,
  T_LW,
  T_SHAPE,
  T_LSHAPE,
  T_PRE,
  T_SUF,
  T_FLAG,
  T_LEN,
  T_GAZ,
  T_GAZALL,
  T_GM,
  T_TM,
  P_BI_L = 40,
  P_BI_R,
  P_SH3,
  P_FIRST_LW,
  P_FIRST_SH,
  P_SH_L,
  P_SH_R,
};

enum {
  F_INITCAP = 1,
  F_ALLCAPS,
  F_HASDIGIT,
  F_ALLDIGIT,
  F_HYPHEN,
  F_PERIOD,
  F_NONASCII,
  F_CAPSMODE,
  F_INNERCAP,
  F_APOS,
};

static inline uint64_t tkey(unsigned tmpl, int o, uint64_t h) {
  return kg_tg_mix(h ^ (((uint64_t)tmpl << 8 | (uint64_t)(o + 8)) * 0xd6e8feb86659fd93ULL));
}

static inline uint64_t skey(unsigned tmpl, int o, const char *s, size_t n) {
  return tkey(tmpl, o, kg_tg_hash(s, n, tmpl));
}

uint64_t kg_tg_pad_hash(void) { return 0x7061642d70616421ULL; }
uint64_t kg_tg_pad_key(int o) { return tkey(T_PAD, o, kg_tg_pad_hash()); }
uint64_t kg_tg_bias_key(void) { return tkey(T_BIAS, 0, 1); }

/* Shape classes of one byte; UTF-8 continuation bytes are skipped. */
static char shape_char(unsigned char c) {
  if (c >= 'A' && c <= 'Z')
    return 'X';
  if (c >= 'a' && c <= 'z')
    return 'x';
  if (c >= '0' && c <= '9')
    return 'd';
  if (c >= 0xC0)
    return 'u';
  if (c >= 0x80)
    return 0;
  return (char)c;
}

unsigned kg_tg_sentence_mode(const kg_str *words, size_t n) {
  size_t cased = 0;
  for (size_t i = 0; i < n; i++) {
    bool upper = false;
    for (size_t j = 0; j < words[i].len; j++) {
      unsigned char c = (unsigned char)words[i].ptr[j];
      if (c >= 'a' && c <= 'z')
        return 0;
      upper = upper || (c >= 'A' && c <= 'Z');
    }
    cased += upper;
  }
  /* A short run of capitals ("NATO", "U.S. ..") is not a headline. */
  return cased >= 3 ? KG_TG_MODE_CAPS : 0;
}

#define LW_MAX 64 /* longer words: features read the first 64 bytes */
#define SHAPE_MAX 16

size_t kg_tg_fold(const char *w, size_t len, char *out, size_t cap) {
  if (len + 1 > cap)
    return 0;
  size_t i = 0;
  for (; i < len; i++) {
    unsigned char c = (unsigned char)w[i];
    if (c >= 0x80)
      break;
    out[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
  }
  if (i == len) {
    out[len] = '\0';
    return len;
  }
  size_t n = kg_text_fold(w, len, out, cap);
  return n + 1 > cap ? 0 : n;
}

/* Word classes that can start or continue a known name. */
#define NAME_BITS                                                                                  \
  (KG_GAZ_COUNTRY | KG_GAZ_COUNTRY_PART | KG_GAZ_DEMONYM | KG_GAZ_ORG | KG_GAZ_ORG_PART |          \
   KG_GAZ_LOCATION | KG_GAZ_LOCATION_PART)

void kg_tg_gaz_sentence(const kg_gazetteer *g, const kg_str *folded, const uint32_t *gbits, size_t n,
                        uint8_t *gm, uint8_t *tm) {
  memset(gm, 0, n);
  memset(tm, 0, n);
  if (!g)
    return;
  for (size_t i = 0; i < n;) {
    kg_gaz_entry e;
    size_t k = (gbits[i] & NAME_BITS) ? kg_gazetteer_match(g, folded, n, i, &e) : 0;
    if (!k) {
      i++;
      continue;
    }
    unsigned base = e.demonym ? 21 : 1 + 2 * (unsigned)e.type + (e.ambiguous ? 10 : 0);
    if (base > 21)
      base = 21;
    for (size_t j = 0; j < k; j++)
      gm[i + j] = (uint8_t)(base + (j > 0));
    i += k;
  }
  for (size_t i = 0; i < n;) {
    kg_title_kind kind = KG_TITLE_ROLE;
    size_t k = (gbits[i] & KG_GAZ_TITLE) ? kg_gazetteer_title(g, folded, n, i, &kind) : 0;
    if (!k) {
      i++;
      continue;
    }
    for (size_t j = 0; j < k; j++)
      tm[i + j] = (uint8_t)(1 + 2 * (unsigned)kind + (j > 0));
    i += k;
  }
}

uint64_t kg_tg_gm_key(int o, unsigned v) { return tkey(T_GM, o, v); }
uint64_t kg_tg_tm_key(int o, unsigned v) { return tkey(T_TM, o, v); }

#define FOLD_MAX 128

void kg_tg_word_features(const char *w, size_t len, unsigned mode, const kg_gazetteer *gaz,
                         kg_tg_word *out) {
  out->gbits = 0;
  if (gaz) {
    char f[FOLD_MAX];
    size_t fl = kg_tg_fold(w, len, f, sizeof f);
    out->gbits = fl ? kg_gazetteer_word(gaz, f, fl) : 0;
  }
  bool caps = mode & KG_TG_MODE_CAPS;
  char lw[LW_MAX], shape[SHAPE_MAX + 1], sshape[SHAPE_MAX + 2];
  size_t n = len < LW_MAX ? len : LW_MAX;
  size_t n_upper = 0, n_lower = 0, n_digit = 0, n_alpha_first = 0;
  bool hyphen = false, period = false, nonascii = false, apos = false, innercap = false;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)w[i];
    if (c >= 'A' && c <= 'Z') {
      n_upper++;
      if (i > 0 && !caps && w[i - 1] >= 'a' && w[i - 1] <= 'z')
        innercap = true;
      lw[i] = (char)(c + 32);
    } else if (c >= '0' && c <= '9') {
      n_digit++;
      lw[i] = '0';
    } else {
      n_lower += c >= 'a' && c <= 'z';
      hyphen = hyphen || c == '-';
      period = period || c == '.';
      apos = apos || c == '\'';
      nonascii = nonascii || c >= 0x80;
      lw[i] = (char)c;
    }
  }
  n_alpha_first = n > 0 && w[0] >= 'A' && w[0] <= 'Z';
  /* Shapes: in caps mode, of the lower-cased word (case is noise there). */
  size_t sl = 0, ssl = 0;
  sshape[ssl++] = caps ? 'C' : ':';
  for (size_t i = 0; i < n && sl < SHAPE_MAX; i++) {
    char c = shape_char((unsigned char)(caps ? lw[i] : w[i]));
    if (!c)
      continue;
    shape[sl++] = c;
    if (ssl == 1 || sshape[ssl - 1] != c)
      sshape[ssl++] = c;
  }
  shape[sl] = '\0';
  sshape[ssl] = '\0';

  out->hlw = kg_tg_hash(lw, n, T_LW);
  out->hshape = kg_tg_hash(sshape, ssl, T_SHAPE);
  for (int o = 0; o < KG_TG_NOFF; o++)
    out->n[o] = 0;
#define ADD(o, k) (out->keys[(o) + KG_TG_WIN][out->n[(o) + KG_TG_WIN]++] = (k))
  for (int o = -KG_TG_WIN; o <= KG_TG_WIN; o++) {
    ADD(o, tkey(T_LW, o, out->hlw));
    ADD(o, tkey(T_SHAPE, o, out->hshape));
    if (o >= -1 && o <= 1 && !caps)
      ADD(o, skey(T_W, o, w, n));
  }
  /* Offset 0: the rich set. */
  ADD(0, skey(T_LSHAPE, 0, shape, sl));
  for (size_t k = 1; k <= 4 && k <= n; k++) {
    ADD(0, skey(T_PRE, (int)k, lw, k));
    ADD(0, skey(T_SUF, (int)k, lw + n - k, k));
  }
  for (int o = -1; o <= 1; o += 2)
    if (n >= 3)
      ADD(o, skey(T_SUF, o * 3, lw + n - 3, 3));
  if (!caps) {
    if (n_alpha_first)
      ADD(0, tkey(T_FLAG, 0, F_INITCAP));
    if (n_upper > 0 && n_lower == 0)
      ADD(0, tkey(T_FLAG, 0, F_ALLCAPS));
    if (innercap)
      ADD(0, tkey(T_FLAG, 0, F_INNERCAP));
    /* Capitalization of neighbours, coarse. */
    for (int o = -1; o <= 1; o += 2)
      if (n_alpha_first)
        ADD(o, tkey(T_FLAG, o, F_INITCAP));
  } else {
    ADD(0, tkey(T_FLAG, 0, F_CAPSMODE));
  }
  if (n_digit)
    ADD(0, tkey(T_FLAG, 0, n_digit == n ? F_ALLDIGIT : F_HASDIGIT));
  if (hyphen)
    ADD(0, tkey(T_FLAG, 0, F_HYPHEN));
  if (period)
    ADD(0, tkey(T_FLAG, 0, F_PERIOD));
  if (apos)
    ADD(0, tkey(T_FLAG, 0, F_APOS));
  if (nonascii)
    ADD(0, tkey(T_FLAG, 0, F_NONASCII));
  if (out->gbits) {
    for (unsigned b = 0; b < 32; b++)
      if (out->gbits & (1u << b))
        for (int o = -1; o <= 1; o++)
          ADD(o, tkey(T_GAZ, o, b));
    /* The classes together, with capitalization: "a common word, capitalized". */
    ADD(0, tkey(T_GAZALL, 0, (uint64_t)out->gbits << 2 | (uint64_t)n_alpha_first << 1 | caps));
  }
  unsigned lb = len <= 3 ? (unsigned)len : len <= 5 ? 4 : len <= 8 ? 5 : 6;
  ADD(0, tkey(T_LEN, 0, lb));
#undef ADD
}

size_t kg_tg_pair_keys(const kg_tg_ctx *c, uint64_t *keys) {
  size_t k = 0;
  keys[k++] = tkey(P_BI_L, 0, kg_tg_mix(c->lw[0] * 31 + c->lw[1]));
  keys[k++] = tkey(P_BI_R, 0, kg_tg_mix(c->lw[1] * 31 + c->lw[2]));
  keys[k++] = tkey(P_SH3, 0, kg_tg_mix((c->sh[0] * 31 + c->sh[1]) * 31 + c->sh[2]));
  keys[k++] = tkey(P_SH_L, 0, kg_tg_mix(c->lw[0] * 31 + c->sh[1]));
  keys[k++] = tkey(P_SH_R, 0, kg_tg_mix(c->sh[1] * 31 + c->lw[2]));
  if (c->first) {
    keys[k++] = tkey(P_FIRST_LW, 0, c->lw[1]);
    keys[k++] = tkey(P_FIRST_SH, 0, c->sh[1]);
  }
  return k;
}
