/* tagger_feat.c: the tagger's features, from the words alone (no POS tags).
 *
 * Word features (cached per word type by the tagger): the word, its lower-
 * cased digit-normalized form, long and short shape, prefixes and suffixes,
 * orthographic flags, length, gazetteer word classes, word clusters, at
 * offsets -2..+2 (a smaller set away from 0).  Pair features (looked up per
 * token): word bigrams, the shape trigram, word-shape pairs and sentence-start
 * conjunctions.  Sentence features: the longest gazetteer names and titles,
 * as B/I values.  Document features (kg_tg_doc_analyze): what the other
 * occurrences of a word in the document show (capitalized mid-sentence,
 * lower case, after a title or a first name, inside "... Corp"), and for
 * the stacked second pass, what the first pass tagged them.
 *
 * ALL-CAPS headlines: their words are truecased from the document body
 * (else lower case for a common word, else Titlecase) before any feature
 * reads them, and carry a headline flag.  Everything here is a pure function
 * of its input: training and tagging compute exactly the same keys.
 */

#include <stdlib.h>

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
  T_CL,
  T_CLCAP,
  T_DOC,
  T_DOCALL,
  T_LAB,
  T_LABOWN,
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

#define LW_MAX 64 /* longer words: features read the first 64 bytes (clusters too) */

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

void kg_tg_gaz_sentence(const kg_gazetteer *g, const kg_str *words, const kg_str *folded,
                        const uint32_t *gbits, size_t n, uint8_t *gm, uint8_t *tm) {
  memset(gm, 0, n);
  memset(tm, 0, n);
  if (!g)
    return;
  for (size_t i = 0; i < n;) {
    kg_gaz_entry e;
    /* Names start with a capital (or a non-ASCII letter); lower-case runs
     * such as "of the" are not worth a lookup. */
    unsigned char c0 = (unsigned char)(words[i].len ? words[i].ptr[0] : 0);
    bool cap = (c0 >= 'A' && c0 <= 'Z') || c0 >= 0x80;
    size_t k = (cap && (gbits[i] & NAME_BITS)) ? kg_gazetteer_match(g, folded, n, i, &e) : 0;
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

uint64_t kg_tg_lw_hash(const char *lw, size_t n) { return kg_tg_hash(lw, n, T_LW); }

/* The folded form the word features read: ASCII lower case, digits -> 0,
 * at most LW_MAX bytes.  Returns its length. */
static size_t lower_word(const char *w, size_t len, char *lw) {
  size_t n = len < LW_MAX ? len : LW_MAX;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)w[i];
    lw[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c >= '0' && c <= '9' ? '0' : c);
  }
  return n;
}

static uint32_t gaz_bits(const char *w, size_t len, const kg_gazetteer *gaz);

void kg_tg_word_info(const char *w, size_t len, const kg_gazetteer *gaz, kg_tg_winfo *out) {
  char lw[LW_MAX];
  size_t n = lower_word(w, len, lw);
  out->hlw = kg_tg_lw_hash(lw, n);
  out->gbits = gaz_bits(w, len, gaz);
}

int kg_tg_clusters_parse(const char *text, size_t len, const char *name, uint64_t **keys,
                         uint16_t **ids, uint32_t *cap, kg_error *err) {
  *keys = NULL;
  *ids = NULL;
  *cap = 0;
  size_t lines = 0;
  for (size_t i = 0; i < len; i++)
    lines += text[i] == '\n';
  uint32_t c = 1024;
  while (c < 2 * lines + 2)
    c *= 2;
  uint64_t *k = calloc(c, sizeof *k);
  uint16_t *v = calloc((size_t)c * 4, sizeof *v);
  if (!k || !v) {
    free(k);
    free(v);
    return kg_error_set(err, KG_ERR_NOMEM, "%s: out of memory", name);
  }
  size_t line = 0;
  for (size_t pos = 0; pos < len;) {
    const char *s = text + pos, *nl = memchr(s, '\n', len - pos);
    size_t n = nl ? (size_t)(nl - s) : len - pos;
    pos += n + 1;
    line++;
    if (n == 0 || s[0] == '#')
      continue;
    const char *tab = memchr(s, '\t', n);
    unsigned cls[KG_TG_CLEVELS];
    int got = 0;
    if (tab) {
      const char *p = tab, *e = s + n;
      while (got < KG_TG_CLEVELS && p < e && *p == '\t') {
        p++;
        unsigned x = 0;
        const char *d = p;
        while (p < e && *p >= '0' && *p <= '9' && x < 65536)
          x = x * 10 + (unsigned)(*p++ - '0');
        if (p == d || x >= 65535)
          break;
        cls[got++] = x;
      }
    }
    if (!tab || tab == s || got != KG_TG_CLEVELS) {
      free(k);
      free(v);
      return kg_error_set(err, KG_ERR_FORMAT, "%s:%zu: want word TAB %d class numbers", name, line,
                          KG_TG_CLEVELS);
    }
    size_t wl = (size_t)(tab - s) < LW_MAX ? (size_t)(tab - s) : LW_MAX;
    uint64_t h = kg_tg_lw_hash(s, wl);
    h = h ? h : 1;
    uint32_t i = (uint32_t)h & (c - 1);
    while (k[i] && k[i] != h)
      i = (i + 1) & (c - 1);
    k[i] = h;
    for (int l = 0; l < KG_TG_CLEVELS; l++)
      v[4 * (size_t)i + l] = (uint16_t)(cls[l] + 1); /* 0 = none */
  }
  *keys = k;
  *ids = v;
  *cap = c;
  return 0;
}

static uint32_t gaz_bits(const char *w, size_t len, const kg_gazetteer *gaz) {
  if (!gaz)
    return 0;
  char f[FOLD_MAX];
  size_t fl = kg_tg_fold(w, len, f, sizeof f);
  return fl ? kg_gazetteer_word(gaz, f, fl) : 0;
}

void kg_tg_word_features(const char *w, size_t len, unsigned mode, const kg_gazetteer *gaz,
                         const kg_tg_clusters *cl, kg_tg_word *out) {
  out->gbits = gaz_bits(w, len, gaz);
  bool caps = mode & KG_TG_MODE_CAPS;
  char lw[LW_MAX], shape[SHAPE_MAX + 1], sshape[SHAPE_MAX + 2];
  size_t n = len < LW_MAX ? len : LW_MAX;
  size_t n_upper = 0, n_lower = 0, n_digit = 0, n_alpha_first = 0;
  bool hyphen = false, period = false, nonascii = false, apos = false, innercap = false;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)w[i];
    if (c >= 'A' && c <= 'Z') {
      n_upper++;
      if (i > 0 && w[i - 1] >= 'a' && w[i - 1] <= 'z')
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
  size_t sl = 0, ssl = 0;
  sshape[ssl++] = ':';
  for (size_t i = 0; i < n && sl < SHAPE_MAX; i++) {
    char c = shape_char((unsigned char)w[i]);
    if (!c)
      continue;
    shape[sl++] = c;
    if (ssl == 1 || sshape[ssl - 1] != c)
      sshape[ssl++] = c;
  }
  shape[sl] = '\0';
  sshape[ssl] = '\0';

  out->hlw = kg_tg_lw_hash(lw, n);
  out->hshape = kg_tg_hash(sshape, ssl, T_SHAPE);
  for (int o = 0; o < KG_TG_NOFF; o++)
    out->n[o] = 0;
#define ADD(o, k) (out->keys[(o) + KG_TG_WIN][out->n[(o) + KG_TG_WIN]++] = (k))
  for (int o = -KG_TG_WIN; o <= KG_TG_WIN; o++) {
    ADD(o, tkey(T_LW, o, out->hlw));
    ADD(o, tkey(T_SHAPE, o, out->hshape));
    if (o >= -1 && o <= 1)
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
  if (caps)
    ADD(0, tkey(T_FLAG, 0, F_CAPSMODE));
  {
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
  const uint16_t *cid = kg_tg_cluster(cl, out->hlw);
  if (cid) {
    for (int l = 0; l < KG_TG_CLEVELS; l++)
      for (int o = -KG_TG_WIN; o <= KG_TG_WIN; o++)
        ADD(o, tkey(T_CL, o, (uint64_t)l << 16 | cid[l]));
    ADD(0, tkey(T_CLCAP, 0, (uint64_t)cid[1] << 2 | (uint64_t)n_alpha_first << 1 | caps));
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

/* ------------------------------------------------------------ documents */

uint64_t kg_tg_doc_key(unsigned bit) { return tkey(T_DOC, 0, bit); }
uint64_t kg_tg_docall_key(unsigned bits) { return tkey(T_DOCALL, 0, bits); }

struct kg_tg_dmap {
  uint64_t key; /* hlw; 0 = empty */
  int64_t cand; /* token whose casing headline occurrences take; -1 = none */
  bool cand_initial;
  uint32_t cnt[KG_TG_NDOC];
  uint32_t lab[KG_TG_NLAB];
};

void kg_tg_doc_destroy(kg_tg_doc *d) {
  if (!d)
    return;
  free(d->word);
  free(d->mode);
  free(d->dbits);
  free(d->own);
  free(d->arena);
  free(d->map);
  memset(d, 0, sizeof *d);
}

static bool upper_first(const kg_str *w) { return w->len && w->ptr[0] >= 'A' && w->ptr[0] <= 'Z'; }

static kg_tg_dmap *dmap_get(kg_tg_doc *d, uint64_t key) {
  size_t mask = d->map_cap - 1;
  key = key ? key : 1;
  size_t i = key & mask;
  while (d->map[i].key && d->map[i].key != key)
    i = (i + 1) & mask;
  if (!d->map[i].key) {
    d->map[i].key = key;
    d->map[i].cand = -1;
  }
  return &d->map[i];
}

/* A truecased copy of an ALL-CAPS word: lower case, or Titlecase. */
static kg_str recase(const kg_str *w, bool title, char *out) {
  for (size_t i = 0; i < w->len; i++) {
    unsigned char c = (unsigned char)w->ptr[i];
    out[i] = (char)(c >= 'A' && c <= 'Z' && !(title && i == 0) ? c + 32 : c);
  }
  return (kg_str){out, w->len};
}

/* Letters (and inner hyphens or apostrophes) only: "EXCHANGE", "AL-QAIDA";
 * not "U.S." or "G-20", whose case is right as it is. */
static bool plain_word(const kg_str *w) {
  bool letter = false;
  for (size_t i = 0; i < w->len; i++) {
    unsigned char c = (unsigned char)w->ptr[i];
    if (c >= 'A' && c <= 'Z')
      letter = true;
    else if (!((c == '-' || c == '\'') && i > 0))
      return false;
  }
  return letter;
}

int kg_tg_doc_analyze(kg_tg_doc *d, const kg_str *words, const kg_tg_winfo *info, size_t n,
                      const uint32_t *sent_ends, size_t n_sents) {
  if (n + 1 > d->cap) {
    size_t cap = d->cap ? d->cap : 1024;
    while (cap < n + 1)
      cap *= 2;
    kg_str *w = realloc(d->word, cap * sizeof *w);
    if (w)
      d->word = w;
    uint8_t *m = realloc(d->mode, cap), *b = realloc(d->dbits, cap), *o = realloc(d->own, cap);
    if (m)
      d->mode = m;
    if (b)
      d->dbits = b;
    if (o)
      d->own = o;
    if (!w || !m || !b || !o)
      return KG_ERR_NOMEM;
    d->cap = cap;
  }
  size_t mc = 1024;
  while (mc < 2 * n + 2)
    mc *= 2;
  if (mc > d->map_cap) {
    kg_tg_dmap *mp = realloc(d->map, mc * sizeof *mp);
    if (!mp)
      return KG_ERR_NOMEM;
    d->map = mp;
    d->map_cap = mc;
  }
  memset(d->map, 0, d->map_cap * sizeof *d->map);
  /* Sentence modes, and room for the truecased headline words. */
  size_t need = 1, b = 0;
  for (size_t k = 0; k < n_sents; k++) {
    size_t e = sent_ends[k];
    unsigned mode = kg_tg_sentence_mode(words + b, e - b);
    for (size_t i = b; i < e; i++) {
      d->mode[i] = (uint8_t)mode;
      need += mode ? words[i].len : 0;
    }
    b = e;
  }
  if (need > d->arena_cap) {
    char *a = realloc(d->arena, need);
    if (!a)
      return KG_ERR_NOMEM;
    d->arena = a;
    d->arena_cap = need;
  }
  /* Body words: their own properties, counts, and the casing to copy. */
  b = 0;
  for (size_t k = 0; k < n_sents; k++) {
    size_t e = sent_ends[k];
    bool after_title = false;
    size_t run = b; /* start of the current capitalized run */
    for (size_t i = b; i < e; i++) {
      d->word[i] = words[i];
      d->own[i] = 0;
      if (d->mode[i])
        continue;
      bool cap = upper_first(&words[i]);
      uint8_t own = 0;
      if (words[i].len && words[i].ptr[0] >= 'a' && words[i].ptr[0] <= 'z')
        own |= 1u << KG_TG_DOC_LOWER;
      if (cap && i > b)
        own |= 1u << KG_TG_DOC_CAPMID;
      if (cap && i > b && (info[i - 1].gbits & KG_GAZ_TITLE))
        after_title = true;
      else if (!cap)
        after_title = false;
      if (cap && after_title && !(info[i].gbits & KG_GAZ_TITLE))
        own |= 1u << KG_TG_DOC_TITLE;
      if (cap && i > b && upper_first(&words[i - 1]) && (info[i - 1].gbits & KG_GAZ_FIRST_NAME))
        own |= 1u << KG_TG_DOC_FIRST;
      if (!cap)
        run = i + 1;
      else if (info[i].gbits & KG_GAZ_ORG_WORD) /* "Purolator Courier Corp": the run is an org */
        for (size_t j = run; j < i; j++)
          d->own[j] |= 1u << KG_TG_DOC_ORG;
      d->own[i] |= own;
      kg_tg_dmap *m = dmap_get(d, info[i].hlw);
      bool initial = i == b;
      if (m->cand < 0 || (m->cand_initial && !initial)) {
        m->cand = (int64_t)i;
        m->cand_initial = initial;
      }
    }
    b = e;
  }
  for (size_t i = 0; i < n; i++) {
    if (d->mode[i])
      continue;
    kg_tg_dmap *m = dmap_get(d, info[i].hlw);
    for (int p = 0; p < KG_TG_NDOC; p++)
      m->cnt[p] += (d->own[i] >> p) & 1;
  }
  /* Headline words: truecased. */
  char *arena = d->arena;
  for (size_t i = 0; i < n; i++) {
    if (!d->mode[i])
      continue;
    kg_tg_dmap *m = dmap_get(d, info[i].hlw);
    if (m->cand >= 0 && words[m->cand].len == words[i].len)
      d->word[i] = words[m->cand];
    else if (plain_word(&words[i])) {
      d->word[i] = recase(&words[i], !(info[i].gbits & KG_GAZ_COMMON), arena);
      arena += words[i].len;
    }
  }
  /* Each token: what the other occurrences show. */
  for (size_t i = 0; i < n; i++) {
    const kg_tg_dmap *m = dmap_get(d, info[i].hlw);
    uint8_t bits = 0;
    for (int p = 0; p < KG_TG_NDOC; p++)
      if (m->cnt[p] > (uint32_t)((d->own[i] >> p) & 1))
        bits |= (uint8_t)(1u << p);
    d->dbits[i] = bits;
  }
  return 0;
}

uint64_t kg_tg_lab_key(unsigned bit) { return tkey(T_LAB, 0, bit); }
uint64_t kg_tg_labown_key(unsigned own, unsigned bit) { return tkey(T_LABOWN, 0, own << 8 | bit); }

static unsigned label_bit(uint8_t y) { return y ? (unsigned)(y - 1) / 2 : KG_TG_NLAB - 1; }

void kg_tg_doc_labels(kg_tg_doc *d, const kg_tg_winfo *info, const uint8_t *labels, size_t n,
                      uint16_t *out) {
  for (size_t i = 0; i < n; i++)
    memset(dmap_get(d, info[i].hlw)->lab, 0, sizeof d->map[0].lab);
  for (size_t i = 0; i < n; i++)
    dmap_get(d, info[i].hlw)->lab[label_bit(labels[i])]++;
  for (size_t i = 0; i < n; i++) {
    const kg_tg_dmap *m = dmap_get(d, info[i].hlw);
    unsigned own = label_bit(labels[i]);
    uint16_t bits = 0;
    for (unsigned b = 0; b < KG_TG_NLAB; b++)
      if (m->lab[b] > (b == own))
        bits |= (uint16_t)(1u << b);
    /* Only entity evidence counts: a word tagged O whose other occurrences
     * are all O gets nothing (and a sentence of such words skips the
     * second pass). */
    if (labels[i] == 0 && !(bits & ((1u << (KG_TG_NLAB - 1)) - 1)))
      bits = 0;
    out[i] = bits;
  }
}
