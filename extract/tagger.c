/* tagger.c: the statistical named-entity tagger at run time.
 *
 * Loads a model (the one built into the binary, used in place, or a file
 * read whole), and tags documents.  A document is read as a whole first
 * (kg_tg_doc_analyze: ALL-CAPS headlines truecased from the body, document
 * features); then per sentence, emission scores from cached per-word-type
 * feature sums plus a few pair, gazetteer-match and document features, and
 * Viterbi under IOB2 constraints.  A stacked model then adds what the first
 * pass gave the other occurrences of each word and decodes those sentences
 * again.  Each pass's spans then get the last word of rules about names in
 * any news (finish(): span forms, company names in the document, the
 * gazetteer, the places of datelines; and on the final labels, makers
 * before a model designation, pairs of known names joined by "and", and the
 * known names in ALL-CAPS headlines).
 * Training lives in tagger_train.c, features in tagger_feat.c.
 *
 * Speed: the per-state word cache maps (word hash, sentence mode) to the
 * summed label scores of all features that read that word, at each of the
 * five offsets; a token then costs five vector adds, a handful of model
 * lookups for pair features (batched and prefetched), small table adds and
 * one or two Viterbi steps (vectorized; AVX2 when the CPU has it).  No
 * allocation per token: the state's buffers grow and are reused.  It does
 * not segment text or resolve entities: that is the extractor's job.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mention.h"
#include "text.h"
#include "tagger_impl.h"

const char *const kg_tg_labels[KG_TG_L] = {
    "O",     "B-per", "I-per", "B-org", "I-org", "B-geo", "I-geo", "B-gpe", "I-gpe",
    "B-tim", "I-tim", "B-eve", "I-eve", "B-art", "I-art", "B-nat", "I-nat"};
const char *const kg_tg_types[KG_TG_NTYPES] = {"per", "org", "geo", "gpe", "tim", "eve", "art", "nat"};

int kg_tg_label_parse(const char *s, size_t len) {
  for (int i = 0; i < KG_TG_L; i++)
    if (strlen(kg_tg_labels[i]) == len && !memcmp(kg_tg_labels[i], s, len))
      return i;
  return -1;
}

extern const unsigned char kg_embed_ner_model[], kg_embed_ner_model_end[];

struct kg_tagger {
  const kg_gazetteer *gaz;
  void *owned; /* file bytes we free, NULL for the built-in model */
  const unsigned char *base; /* the model bytes */
  size_t size;
  const uint64_t *slots;
  uint32_t mask;
  const int16_t *weights;
  uint32_t n_feats;
  uint32_t flags;
  int32_t trans[KG_TG_L * KG_TG_L];
  int32_t start[KG_TG_L];
  int32_t bias[KG_TG_LP];
  int32_t pad[KG_TG_NOFF][KG_TG_LP];
  kg_tg_clusters cl;
  int32_t gm[3][KG_TG_GM_N][KG_TG_LP]; /* gazetteer match features at offsets -1..1 */
  int32_t tm[3][KG_TG_TM_N][KG_TG_LP];
  int32_t doc[KG_TG_NDOCV][KG_TG_LP]; /* document features, by bit set */
  int32_t lab[KG_TG_L][KG_TG_NLAB][KG_TG_LP]; /* second-pass label features, by own first label */
  uint64_t stamp; /* identifies the model to a state's word cache */
};

/* ------------------------------------------------------------ model bytes */

static size_t align64(size_t x) { return (x + 63) & ~(size_t)63; }

kg_tg_layout kg_tg_layout_of(uint32_t cap, uint32_t n_feats, uint32_t ccap) {
  kg_tg_layout l;
  l.trans = sizeof(kg_tg_header);
  l.slots = l.trans + align64((KG_TG_L + 1) * KG_TG_L * sizeof(int16_t));
  l.weights = l.slots + (size_t)cap * sizeof(uint64_t);
  l.ckeys = l.weights + align64((size_t)n_feats * KG_TG_L * sizeof(int16_t));
  l.cids = l.ckeys + (size_t)ccap * sizeof(uint64_t);
  l.size = l.cids + align64((size_t)ccap * 4 * sizeof(uint16_t));
  return l;
}

static inline const int16_t *lookup(const kg_tagger *t, uint64_t key) {
  uint64_t fp = key >> 24;
  if (!fp)
    fp = 1;
  for (uint32_t i = (uint32_t)key & t->mask;; i = (i + 1) & t->mask) {
    uint64_t s = t->slots[i];
    if (!s)
      return NULL;
    if ((s >> 24) == fp)
      return t->weights + (size_t)(s & 0xFFFFFF) * KG_TG_L;
  }
}

int kg_tg_model_build(const int16_t *trans, const uint64_t *keys, const int16_t *w, size_t n,
                      const kg_tg_clusters *cl, unsigned flags, void **out, size_t *out_len,
                      kg_error *err) {
  uint32_t ccap = cl ? cl->cap : 0;
  *out = NULL;
  size_t kept = 0;
  for (size_t i = 0; i < n; i++) {
    bool nz = false;
    for (int y = 0; y < KG_TG_L && !nz; y++)
      nz = w[i * KG_TG_L + y] != 0;
    kept += nz;
  }
  if (kept >= (1u << 24))
    return kg_error_set(err, KG_ERR_USAGE, "model: too many features (%zu)", kept);
  uint32_t cap = 1024;
  while (cap < kept + kept / 2 + 1) /* load factor <= 2/3 */
    cap *= 2;
  kg_tg_layout l = kg_tg_layout_of(cap, (uint32_t)kept, ccap);
  unsigned char *buf = calloc(1, l.size);
  if (!buf)
    return kg_error_set(err, KG_ERR_NOMEM, "model: out of memory (%zu bytes)", l.size);
  kg_tg_header h;
  memset(&h, 0, sizeof h);
  memcpy(h.magic, KG_TG_MAGIC, 8);
  h.version = KG_TG_VERSION;
  h.n_labels = KG_TG_L;
  h.features = KG_TG_FEATURES;
  h.n_feats = (uint32_t)kept;
  h.cap = cap;
  h.flags = flags;
  h.size = l.size;
  h.ccap = ccap;
  memcpy(buf, &h, sizeof h);
  if (ccap) {
    memcpy(buf + l.ckeys, cl->keys, (size_t)ccap * sizeof(uint64_t));
    memcpy(buf + l.cids, cl->ids, (size_t)ccap * 4 * sizeof(uint16_t));
  }
  memcpy(buf + l.trans, trans, (KG_TG_L + 1) * KG_TG_L * sizeof(int16_t));
  uint64_t *slots = (uint64_t *)(buf + l.slots);
  int16_t *rows = (int16_t *)(buf + l.weights);
  uint32_t row = 0;
  for (size_t i = 0; i < n; i++) {
    const int16_t *wi = w + i * KG_TG_L;
    bool nz = false;
    for (int y = 0; y < KG_TG_L && !nz; y++)
      nz = wi[y] != 0;
    if (!nz)
      continue;
    uint64_t fp = keys[i] >> 24;
    if (!fp)
      fp = 1;
    uint32_t s = (uint32_t)keys[i] & (cap - 1);
    bool dup = false;
    while (slots[s] && !dup) {
      dup = (slots[s] >> 24) == fp; /* same key twice: keep the first */
      if (!dup)
        s = (s + 1) & (cap - 1);
    }
    if (dup)
      continue;
    slots[s] = fp << 24 | row;
    memcpy(rows + (size_t)row * KG_TG_L, wi, KG_TG_L * sizeof(int16_t));
    row++;
  }
  if (row != kept) { /* duplicates were dropped: fix the count, keep the layout */
    h.n_feats = row;
    memcpy(buf, &h, sizeof h);
  }
  *out = buf;
  *out_len = l.size;
  return 0;
}

int kg_tg_open(const void *bytes, size_t len, bool owned, const kg_gazetteer *gaz,
               const char *name, kg_tagger **out, kg_error *err) {
  *out = NULL;
  int rc = 0;
  kg_tagger *t = NULL;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
  rc = kg_error_set(err, KG_ERR_FORMAT, "%s: models are little-endian; this machine is not", name);
  goto fail;
#endif
  kg_tg_header h;
  if (len < sizeof h || ((uintptr_t)bytes & 7)) {
    rc = kg_error_set(err, KG_ERR_FORMAT, "%s: not a tagger model (%zu bytes)", name, len);
    goto fail;
  }
  memcpy(&h, bytes, sizeof h);
  if (memcmp(h.magic, KG_TG_MAGIC, 8)) {
    rc = kg_error_set(err, KG_ERR_FORMAT, "%s: not a tagger model (bad magic at byte 0)", name);
    goto fail;
  }
  if (h.version != KG_TG_VERSION || h.n_labels != KG_TG_L || h.features != KG_TG_FEATURES) {
    rc = kg_error_set(err, KG_ERR_FORMAT,
                      "%s: model version %u, %u labels, features %u; this kgraph reads version %u, "
                      "%u labels, features %u (retrain with kgraph train)",
                      name, h.version, h.n_labels, h.features, KG_TG_VERSION, KG_TG_L, KG_TG_FEATURES);
    goto fail;
  }
  if (h.cap < 2 || (h.cap & (h.cap - 1)) || h.n_feats >= h.cap || h.n_feats >= (1u << 24) ||
      (h.ccap & (h.ccap - 1)) || h.ccap > (1u << 26)) {
    rc = kg_error_set(err, KG_ERR_FORMAT, "%s: corrupt model header (cap %u, features %u)", name,
                      h.cap, h.n_feats);
    goto fail;
  }
  kg_tg_layout l = kg_tg_layout_of(h.cap, h.n_feats, h.ccap);
  if (h.size != l.size || len < l.size) {
    rc = kg_error_set(err, KG_ERR_FORMAT, "%s: truncated or corrupt model (%zu bytes, want %zu)",
                      name, len, l.size);
    goto fail;
  }
  t = calloc(1, sizeof *t);
  if (!t) {
    rc = kg_error_set(err, KG_ERR_NOMEM, "%s: out of memory", name);
    goto fail;
  }
  const unsigned char *b = bytes;
  t->gaz = gaz;
  t->slots = (const uint64_t *)(b + l.slots);
  t->mask = h.cap - 1;
  t->weights = (const int16_t *)(b + l.weights);
  t->n_feats = h.n_feats;
  t->flags = h.flags;
  t->cl.cap = h.ccap;
  t->cl.keys = (const uint64_t *)(b + l.ckeys);
  t->cl.ids = (const uint16_t *)(b + l.cids);
  const int16_t *tr = (const int16_t *)(b + l.trans);
  for (int a = 0; a < KG_TG_L; a++)
    for (int c = 0; c < KG_TG_L; c++)
      t->trans[a * KG_TG_L + c] = kg_tg_allowed(a, c) ? tr[a * KG_TG_L + c] : KG_TG_NEG_INF;
  for (int c = 0; c < KG_TG_L; c++)
    t->start[c] = kg_tg_allowed(-1, c) ? tr[KG_TG_L * KG_TG_L + c] : KG_TG_NEG_INF;
  /* Rows must index inside the weights, and each table must keep an empty
   * slot, or a probe for an absent key never ends: check once, so lookups
   * need not.  A built model fills exactly n_feats (< cap) slots. */
  uint32_t used = 0;
  for (uint32_t i = 0; i < h.cap; i++)
    if (t->slots[i]) {
      used++;
      if ((t->slots[i] & 0xFFFFFF) >= h.n_feats) {
        rc = kg_error_set(err, KG_ERR_FORMAT, "%s: corrupt model (slot %u)", name, i);
        goto fail;
      }
    }
  if (used != h.n_feats) {
    rc = kg_error_set(err, KG_ERR_FORMAT, "%s: corrupt model (%u feature slots used, want %u)",
                      name, used, h.n_feats);
    goto fail;
  }
  uint32_t cfree = 0;
  for (uint32_t i = 0; i < h.ccap && !cfree; i++)
    cfree = !t->cl.keys[i];
  if (h.ccap && !cfree) {
    rc = kg_error_set(err, KG_ERR_FORMAT, "%s: corrupt model (word cluster table full)", name);
    goto fail;
  }
  const int16_t *r = lookup(t, kg_tg_bias_key());
  for (int y = 0; r && y < KG_TG_L; y++)
    t->bias[y] = r[y];
  for (int o = -KG_TG_WIN; o <= KG_TG_WIN; o++) {
    r = o ? lookup(t, kg_tg_pad_key(o)) : NULL;
    for (int y = 0; r && y < KG_TG_L; y++)
      t->pad[o + KG_TG_WIN][y] = r[y];
  }
  /* Tells a state's cache which model filled it: the header, the
   * transitions and the last weights, at this address. */
  if ((h.flags & KG_TG_FLAG_GAZ) && !gaz) {
    rc = kg_error_set(err, KG_ERR_USAGE, "%s: this model uses gazetteer features; load the gazetteer first", name);
    goto fail;
  }
  for (int o = -1; o <= 1; o++) {
    for (unsigned v = 1; v < KG_TG_GM_N; v++)
      if ((r = lookup(t, kg_tg_gm_key(o, v))))
        for (int y = 0; y < KG_TG_L; y++)
          t->gm[o + 1][v][y] = r[y];
    for (unsigned v = 1; v < KG_TG_TM_N; v++)
      if ((r = lookup(t, kg_tg_tm_key(o, v))))
        for (int y = 0; y < KG_TG_L; y++)
          t->tm[o + 1][v][y] = r[y];
  }
  for (unsigned v = 1; v < KG_TG_NDOCV; v++) {
    /* Each bit's row plus the row of the combination: one add per token. */
    if ((r = lookup(t, kg_tg_docall_key(v))))
      for (int y = 0; y < KG_TG_L; y++)
        t->doc[v][y] += r[y];
    for (unsigned bit = 0; bit < KG_TG_NDOC; bit++)
      if ((v >> bit & 1) && (r = lookup(t, kg_tg_doc_key(bit))))
        for (int y = 0; y < KG_TG_L; y++)
          t->doc[v][y] += r[y];
  }
  for (unsigned own = 0; own < KG_TG_L; own++)
    for (unsigned bit = 0; bit < KG_TG_NLAB; bit++) {
      if ((r = lookup(t, kg_tg_lab_key(bit))))
        for (int y = 0; y < KG_TG_L; y++)
          t->lab[own][bit][y] += r[y];
      if ((r = lookup(t, kg_tg_labown_key(own, bit))))
        for (int y = 0; y < KG_TG_L; y++)
          t->lab[own][bit][y] += r[y];
    }
  t->stamp = kg_tg_hash(b, l.slots, (uint64_t)(uintptr_t)b) ^
             kg_tg_hash(b + l.size - 512 * (l.size >= l.slots + 512), 512 * (l.size >= l.slots + 512), 7);
  t->base = b;
  t->size = l.size;
  t->owned = owned ? (void *)bytes : NULL;
  *out = t;
  return 0;
fail:
  free(t);
  if (owned)
    free((void *)bytes);
  return rc;
}

int kg_tagger_load(const char *path, const kg_gazetteer *gaz, kg_tagger **out, kg_error *err) {
  *out = NULL;
  if (!path) {
    size_t len = (size_t)(kg_embed_ner_model_end - kg_embed_ner_model);
    return kg_tg_open(kg_embed_ner_model, len, false, gaz, "built-in model", out, err);
  }
  FILE *f = fopen(path, "rb");
  if (!f)
    return kg_error_set(err, KG_ERR_IO, "%s: cannot open: %s", path, strerror(errno));
  int rc = 0;
  void *buf = NULL;
  long sz = -1;
  if (fseek(f, 0, SEEK_END) == 0)
    sz = ftell(f);
  if (sz < 0 || fseek(f, 0, SEEK_SET) != 0) {
    rc = kg_error_set(err, KG_ERR_IO, "%s: cannot read (not a regular file?)", path);
    goto done;
  }
  /* 64-byte aligned, so the arrays can be used in place. */
  if (posix_memalign(&buf, 64, (size_t)sz + 1)) {
    buf = NULL;
    rc = kg_error_set(err, KG_ERR_NOMEM, "%s: out of memory (%ld bytes)", path, sz);
    goto done;
  }
  if (fread(buf, 1, (size_t)sz, f) != (size_t)sz) {
    rc = kg_error_set(err, KG_ERR_IO, "%s: read error", path);
    goto done;
  }
  rc = kg_tg_open(buf, (size_t)sz, true, gaz, path, out, err);
  buf = NULL; /* kg_tg_open owns it now, on success and failure */
done:
  free(buf);
  fclose(f);
  return rc;
}

int kg_tagger_save(const kg_tagger *t, const char *path, kg_error *err) {
  const unsigned char *b = t->base;
  size_t len = t->size;
  size_t plen = strlen(path);
  char *tmp = malloc(plen + 16);
  if (!tmp)
    return kg_error_set(err, KG_ERR_NOMEM, "%s: out of memory", path);
  snprintf(tmp, plen + 16, "%s.tmp%ld", path, (long)getpid());
  int rc = 0;
  FILE *f = fopen(tmp, "wb");
  if (!f) {
    rc = kg_error_set(err, KG_ERR_IO, "%s: cannot write the model: %s", path, strerror(errno));
    goto done;
  }
  bool ok = fwrite(b, 1, len, f) == len;
  ok = (fclose(f) == 0) && ok;
  if (!ok) {
    remove(tmp);
    rc = kg_error_set(err, KG_ERR_IO, "%s: cannot write the model: %s", path, strerror(errno));
    goto done;
  }
  if (rename(tmp, path)) {
    rc = kg_error_set(err, KG_ERR_IO, "%s: cannot rename into place: %s", path, strerror(errno));
    remove(tmp);
  }
done:
  free(tmp);
  return rc;
}

void kg_tagger_free(kg_tagger *t) {
  if (!t)
    return;
  free(t->owned);
  free(t);
}

size_t kg_tagger_n_labels(const kg_tagger *t) {
  (void)t;
  return KG_TG_L;
}

const char *kg_tagger_label(const kg_tagger *t, size_t label) {
  (void)t;
  return label < KG_TG_L ? kg_tg_labels[label] : NULL;
}

/* ---------------------------------------------------------------- Viterbi */

/* Four int32 lanes (one SSE2 register, baseline x86-64; NEON elsewhere):
 * label vectors are KG_TG_LP = 24 = 6 of them. */
typedef int32_t v8 __attribute__((vector_size(16)));
#define NV (KG_TG_LP / 4)


/* The max-plus step, vectorized over the label b: for every a (in order, so
 * ties keep the lowest a as the scalar loop would), cand = d[a] + trans[a][b]. */
/* x86-64: an AVX2 build of this loop is picked at run time when the CPU has
 * it (same integer results, half the instructions).  GCC only: clang 14 names
 * the dispatcher of an extern target_clones function "kg_tg_viterbi.ifunc",
 * so calls from tagger_train.c do not link (the fuzz build uses clang). */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && !defined(KG_SANITIZE_BUILD)
#define VITERBI_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define VITERBI_CLONES
#endif

typedef int32_t w8 __attribute__((vector_size(32)));

#define W8_LOAD(v, p) memcpy(&(v), (p), sizeof(w8))

VITERBI_CLONES
void kg_tg_viterbi(const int32_t *emit, size_t n, const int32_t *trans, const int32_t *start,
                   uint8_t *bp, uint8_t *out) {
  if (n == 0)
    return;
  int32_t tp[KG_TG_L][KG_TG_LP]; /* transitions, padded rows */
  for (int a = 0; a < KG_TG_L; a++)
    for (int b = 0; b < KG_TG_LP; b++)
      tp[a][b] = b < KG_TG_L ? trans[a * KG_TG_L + b] : KG_TG_NEG_INF;
  int32_t d[KG_TG_LP];
  for (int y = 0; y < KG_TG_LP; y++)
    d[y] = y < KG_TG_L ? start[y] + emit[y] : KG_TG_NEG_INF;
  for (size_t i = 1; i < n; i++) {
    /* Three vectors of 8 labels, kept in registers across the 17 rows. */
    w8 b0, b1, b2, a0 = {0}, a1 = {0}, a2 = {0};
    W8_LOAD(b0, tp[0]);
    W8_LOAD(b1, tp[0] + 8);
    W8_LOAD(b2, tp[0] + 16);
    b0 += d[0];
    b1 += d[0];
    b2 += d[0];
    for (int a = 1; a < KG_TG_L; a++) {
      w8 c0, c1, c2, g0, g1, g2;
      W8_LOAD(c0, tp[a]);
      W8_LOAD(c1, tp[a] + 8);
      W8_LOAD(c2, tp[a] + 16);
      c0 += d[a];
      c1 += d[a];
      c2 += d[a];
      g0 = c0 > b0; /* all ones where strictly better: ties keep the lower a */
      g1 = c1 > b1;
      g2 = c2 > b2;
      b0 = (c0 & g0) | (b0 & ~g0);
      b1 = (c1 & g1) | (b1 & ~g1);
      b2 = (c2 & g2) | (b2 & ~g2);
      a0 = (a & g0) | (a0 & ~g0);
      a1 = (a & g1) | (a1 & ~g1);
      a2 = (a & g2) | (a2 & ~g2);
    }
    const int32_t *e = emit + i * KG_TG_LP;
    int32_t nd[KG_TG_LP], ag[KG_TG_LP];
    w8 e0, e1, e2;
    W8_LOAD(e0, e);
    W8_LOAD(e1, e + 8);
    W8_LOAD(e2, e + 16);
    b0 += e0;
    b1 += e1;
    b2 += e2;
    memcpy(nd, &b0, sizeof b0);
    memcpy(nd + 8, &b1, sizeof b1);
    memcpy(nd + 16, &b2, sizeof b2);
    memcpy(ag, &a0, sizeof a0);
    memcpy(ag + 8, &a1, sizeof a1);
    memcpy(ag + 16, &a2, sizeof a2);
    int32_t top = nd[0];
    for (int y = 1; y < KG_TG_L; y++)
      top = nd[y] > top ? nd[y] : top;
    /* Keep scores near zero: forbidden paths stay far below, nothing overflows. */
    for (int y = 0; y < KG_TG_LP; y++) {
      int32_t v = nd[y] - top;
      d[y] = v < KG_TG_NEG_INF ? KG_TG_NEG_INF : v;
    }
    for (int y = 0; y < KG_TG_L; y++)
      bp[i * KG_TG_L + y] = (uint8_t)ag[y];
  }
  int best = 0;
  for (int y = 1; y < KG_TG_L; y++)
    if (d[y] > d[best])
      best = y;
  for (size_t i = n; i-- > 0;) {
    out[i] = (uint8_t)best;
    if (i)
      best = bp[i * KG_TG_L + best];
  }
}

/* ------------------------------------------------------------ tagger state */

typedef struct wentry {
  uint64_t key; /* word hash ^ mode (a copy of ckeys[slot]) */
  uint64_t hlw, hshape;
  uint32_t gbits;
  int32_t v[KG_TG_NOFF][KG_TG_LP];
} wentry;

#define CACHE_MIN_BITS 12
#define FOLD_WORD_MAX 128 /* longer words get no gazetteer match */
#define CACHE_MAX_BITS 16 /* 64 Ki word types, 32 MiB */

struct kg_tagger_state {
  uint64_t stamp; /* model the cache was filled for */
  wentry *cache;
  uint64_t *ckeys; /* the keys alone, so probing stays in cache; 0 = empty */
  uint32_t cache_bits, cache_n;
  /* Per token of the current sentence: */
  uint64_t *key, *hlw, *hsh;
  uint32_t *slot; /* where its entry was (a hint: the cache may be emptied) */
  const int16_t **rows; /* KG_TG_MAXP per token: pair feature rows (NULL = unknown) */
  uint8_t *n_rows;
  uint64_t *pkeys;
  uint32_t *gbits;
  uint8_t *gm, *tm;  /* gazetteer match values */
  kg_str *folded;
  kg_tg_doc doc;       /* document analysis */
  kg_tg_winfo *info;   /* per document word */
  int32_t *demit;      /* per document word: emission scores, KG_TG_LP each */
  uint64_t *dkey;      /* per document word: its cache key in mode 0 */
  uint32_t *dslot;     /* per document word: where its cache entry was */
  uint16_t *lbits;     /* per document word: second-pass label bits */
  size_t info_cap;
  char *fold_buf;    /* the folded words, back to back */
  size_t fold_cap;
  uint8_t *bp;
  size_t cap; /* tokens the per-sentence buffers hold */
  kg_tg_word scratch;
};

kg_tagger_state *kg_tagger_state_new(void) { return calloc(1, sizeof(kg_tagger_state)); }

void kg_tagger_state_free(kg_tagger_state *st) {
  if (!st)
    return;
  free(st->cache);
  free(st->ckeys);
  free(st->key);
  free(st->hlw);
  free(st->hsh);
  free(st->slot);
  free(st->rows);
  free(st->n_rows);
  free(st->pkeys);
  free(st->gbits);
  free(st->gm);
  free(st->tm);
  free(st->folded);
  kg_tg_doc_destroy(&st->doc);
  free(st->info);
  free(st->demit);
  free(st->dkey);
  free(st->dslot);
  free(st->lbits);
  free(st->fold_buf);
  free(st->bp);
  free(st);
}

static bool grow(void **p, size_t n, size_t sz) {
  void *q = realloc(*p, n * sz);
  if (q)
    *p = q;
  return q != NULL;
}

static int reserve_sentence(kg_tagger_state *st, size_t n) {
  if (n <= st->cap)
    return 0;
  size_t cap = st->cap ? st->cap : 256;
  while (cap < n)
    cap *= 2;
  if (!grow((void **)&st->key, cap, sizeof *st->key) || !grow((void **)&st->hlw, cap, sizeof *st->hlw) ||
      !grow((void **)&st->hsh, cap, sizeof *st->hsh) || !grow((void **)&st->slot, cap, sizeof *st->slot) ||
      !grow((void **)&st->bp, cap, KG_TG_L) ||
      !grow((void **)&st->rows, cap, KG_TG_MAXP * sizeof *st->rows) ||
      !grow((void **)&st->pkeys, cap, KG_TG_MAXP * sizeof *st->pkeys) ||
      !grow((void **)&st->n_rows, cap, 1) || !grow((void **)&st->gbits, cap, sizeof *st->gbits) ||
      !grow((void **)&st->gm, cap, 1) || !grow((void **)&st->tm, cap, 1) ||
      !grow((void **)&st->folded, cap, sizeof *st->folded))
    return KG_ERR_NOMEM;
  st->cap = cap;
  return 0;
}

/* Label-vector adds, explicitly vectorized (GCC -O2 keeps them scalar). */
typedef int16_t v8h __attribute__((vector_size(16)));

static inline void add32(int32_t *e, const int32_t *v) {
  for (int k = 0; k < NV; k++) {
    v8 a, b;
    memcpy(&a, e + 4 * k, sizeof a);
    memcpy(&b, v + 4 * k, sizeof b);
    a += b;
    memcpy(e + 4 * k, &a, sizeof a);
  }
}

/* e[0..17) += r[0..17): a model row of int16, widened (sign-extended). */
static inline void add16(int32_t *e, const int16_t *r) {
  v8h h[2];
  memcpy(h, r, sizeof h);
  for (int k = 0; k < 2; k++) {
    /* Interleave with the sign, i.e. sign-extend halves to int32. */
    v8h sign = h[k] >> 15;
    v8h lo = __builtin_shufflevector(h[k], sign, 0, 8, 1, 9, 2, 10, 3, 11);
    v8h hi = __builtin_shufflevector(h[k], sign, 4, 12, 5, 13, 6, 14, 7, 15);
    v8 a, b, x, y;
    memcpy(&x, &lo, sizeof x);
    memcpy(&y, &hi, sizeof y);
    memcpy(&a, e + 8 * k, sizeof a);
    memcpy(&b, e + 8 * k + 4, sizeof b);
    a += x;
    b += y;
    memcpy(e + 8 * k, &a, sizeof a);
    memcpy(e + 8 * k + 4, &b, sizeof b);
  }
  e[16] += r[16];
}

static void fill_entry(const kg_tagger *t, kg_tg_word *fw, const kg_str *w, unsigned mode, wentry *e) {
  kg_tg_word_features(w->ptr, w->len, mode, t->gaz, &t->cl, fw);
  e->hlw = fw->hlw;
  e->hshape = fw->hshape;
  e->gbits = fw->gbits;
  for (int o = 0; o < KG_TG_NOFF; o++) {
    int32_t *v = e->v[o];
    memset(v, 0, sizeof e->v[o]);
    for (uint32_t k = 0; k < fw->n[o]; k++) {
      const int16_t *r = lookup(t, fw->keys[o][k]);
      if (r)
        add16(v, r);
    }
  }
}

/* The cache entry of word w (hashed to key) in mode, filled on first sight.
 * The pointer is valid until the next call: a full cache grows or is
 * emptied (it is only a cache; results never depend on it). */
static wentry *word_entry(const kg_tagger *t, kg_tagger_state *st, uint64_t key, uint32_t *hint,
                          const kg_str *w, unsigned mode) {
  uint32_t mask = (1u << st->cache_bits) - 1;
  if (st->ckeys[*hint & mask] == key)
    return &st->cache[*hint & mask];
  uint32_t i = (uint32_t)key & mask;
  for (; st->ckeys[i]; i = (i + 1) & mask)
    if (st->ckeys[i] == key) {
      *hint = i;
      return &st->cache[i];
    }
  if (st->cache_n + 1 > (mask + 1) / 2) {
    uint32_t bits = st->cache_bits + (st->cache_bits < CACHE_MAX_BITS);
    wentry *c = malloc(((size_t)1 << bits) * sizeof *c);
    uint64_t *k = calloc((size_t)1 << bits, sizeof *k);
    if (c && k) {
      free(st->cache);
      free(st->ckeys);
      st->cache = c;
      st->ckeys = k;
      st->cache_bits = bits;
    } else { /* no memory to grow: start afresh at this size */
      free(c);
      free(k);
      memset(st->ckeys, 0, ((size_t)mask + 1) * sizeof *st->ckeys);
    }
    st->cache_n = 0;
    mask = (1u << st->cache_bits) - 1;
    for (i = (uint32_t)key & mask; st->ckeys[i]; i = (i + 1) & mask) {
    }
  }
  wentry *e = &st->cache[i];
  st->ckeys[i] = key;
  e->key = key;
  st->cache_n++;
  fill_entry(t, &st->scratch, w, mode, e);
  *hint = i;
  return e;
}

/* Tag one sentence: words are the texts the features read (truecased in
 * headlines), mode its sentence mode, dbits the document feature bits. */
static int ensure_cache(kg_tagger_state *st) {
  if (st->cache)
    return 0;
  st->cache = malloc(((size_t)1 << CACHE_MIN_BITS) * sizeof *st->cache);
  st->ckeys = calloc((size_t)1 << CACHE_MIN_BITS, sizeof *st->ckeys);
  if (!st->cache || !st->ckeys) {
    free(st->cache);
    free(st->ckeys);
    st->cache = NULL;
    st->ckeys = NULL;
    return KG_ERR_NOMEM;
  }
  st->cache_bits = CACHE_MIN_BITS;
  st->cache_n = 0;
  return 0;
}

static uint64_t word_key(const kg_str *w, unsigned mode) {
  uint64_t key = kg_tg_hash(w->ptr, w->len, 0x6b67) ^ mode;
  return key ? key : 1;
}

static int tag_sentence(const kg_tagger *t, kg_tagger_state *st, const kg_str *words, size_t n,
                        unsigned mode, const uint8_t *dbits, const uint64_t *dkey, const uint32_t *dslot,
                        int32_t *emit, uint8_t *out) {
  if (n == 0)
    return 0;
  if (reserve_sentence(st, n))
    return KG_ERR_NOMEM;
  if (ensure_cache(st))
    return KG_ERR_NOMEM;
  for (size_t i = 0; i < n; i++) {
    /* Body words were looked up by the document scan: same key, same slot. */
    st->key[i] = mode ? word_key(&words[i], mode) : dkey[i];
    st->slot[i] = mode ? 0 : dslot[i];
    const wentry *e = word_entry(t, st, st->key[i], &st->slot[i], &words[i], mode);
    st->hlw[i] = e->hlw;
    st->hsh[i] = e->hshape;
    st->gbits[i] = e->gbits;
  }
  if (t->gaz) {
    size_t total = 0;
    for (size_t i = 0; i < n; i++)
      total += words[i].len < FOLD_WORD_MAX ? words[i].len * 3 + 1 : 1;
    if (total > st->fold_cap) {
      size_t cap = total * 2;
      char *fb = realloc(st->fold_buf, cap);
      if (!fb)
        return KG_ERR_NOMEM;
      st->fold_buf = fb;
      st->fold_cap = cap;
    }
    char *p = st->fold_buf;
    for (size_t i = 0; i < n; i++) {
      /* Folding can grow a word (NFKC): room for 3x, else no gazetteer match. */
      size_t fl = words[i].len < FOLD_WORD_MAX ? kg_tg_fold(words[i].ptr, words[i].len, p, words[i].len * 3 + 1) : 0;
      st->folded[i] = (kg_str){p, fl};
      p += fl + 1;
    }
    kg_tg_gaz_sentence(t->gaz, words, st->folded, st->gbits, n, st->gm, st->tm);
  } else {
    memset(st->gm, 0, n);
    memset(st->tm, 0, n);
  }
  /* Pair features: all keys of the sentence first, then their slots, then
   * their rows, prefetching each level, so the cache misses of many lookups
   * overlap instead of queueing one after another. */
  uint64_t pad = kg_tg_pad_hash();
  for (size_t i = 0; i < n; i++) {
    kg_tg_ctx c = {.first = i == 0};
    c.lw[0] = i > 0 ? st->hlw[i - 1] : pad;
    c.sh[0] = i > 0 ? st->hsh[i - 1] : pad;
    c.lw[1] = st->hlw[i];
    c.sh[1] = st->hsh[i];
    c.lw[2] = i + 1 < n ? st->hlw[i + 1] : pad;
    c.sh[2] = i + 1 < n ? st->hsh[i + 1] : pad;
    uint64_t *keys = st->pkeys + i * KG_TG_MAXP;
    size_t nk = kg_tg_pair_keys(&c, keys);
    st->n_rows[i] = (uint8_t)nk;
    for (size_t k = 0; k < nk; k++)
      __builtin_prefetch(&t->slots[(uint32_t)keys[k] & t->mask]);
  }
  for (size_t i = 0; i < n; i++)
    for (size_t k = 0; k < st->n_rows[i]; k++) {
      const int16_t *r = lookup(t, st->pkeys[i * KG_TG_MAXP + k]);
      st->rows[i * KG_TG_MAXP + k] = r;
      if (r)
        __builtin_prefetch(r);
    }
  for (size_t i = 0; i < n; i++) {
    int32_t *e = emit + i * KG_TG_LP;
    memcpy(e, t->bias, sizeof t->bias);
    for (int o = -KG_TG_WIN; o <= KG_TG_WIN; o++) {
      size_t j = i + (size_t)o;
      const int32_t *v;
      if (j < n) {
        uint32_t sl = st->slot[j] & ((1u << st->cache_bits) - 1);
        const wentry *we = &st->cache[sl];
        if (st->ckeys[sl] != st->key[j])
          we = word_entry(t, st, st->key[j], &st->slot[j], &words[j], mode);
        v = we->v[o + KG_TG_WIN];
      } else {
        v = t->pad[o + KG_TG_WIN];
      }
      add32(e, v);
    }
    for (int o = -1; o <= 1; o++) {
      size_t j = i + (size_t)o;
      if (j >= n)
        continue;
      if (st->gm[j])
        add32(e, t->gm[o + 1][st->gm[j]]);
      if (st->tm[j])
        add32(e, t->tm[o + 1][st->tm[j]]);
    }
    if (dbits[i])
      add32(e, t->doc[dbits[i]]);
    for (size_t k = 0; k < st->n_rows[i]; k++) {
      const int16_t *r = st->rows[i * KG_TG_MAXP + k];
      if (r)
        add16(e, r);
    }
  }
  kg_tg_viterbi(emit, n, t->trans, t->start, st->bp, out);
  return 0;
}

/* Label codes of kg_tg_labels that the span rules below rewrite. */
enum { PER_B = 1, PER_I, ORG_B, ORG_I, GEO_B, GEO_I, GPE_B, GPE_I, TIM_B, TIM_I };

/* Company legal forms (the grammar's list): a capitalized name ending in one
 * is a company ("Ford Motor Co", "Toshiba Corp", "Rolls Royce Plc").  So is
 * one ending in a bank holding company's word ("First City Bancorp"), which
 * unlike a legal form is part of the company's name. */
static bool is_legal_form(const kg_str *w) {
  static const char *const banc[] = {"Bancorp", "Bancorporation", "Bancshares", "BANCORP",
                                     "BANCORPORATION", "BANCSHARES"};
  if (w->len < 2 || w->len > 14 || w->ptr[0] < 'A' || w->ptr[0] > 'Z')
    return false;
  for (size_t i = 0; i < sizeof banc / sizeof *banc; i++)
    if (kg_str_is(w, banc[i]))
      return true;
  return kg_grammar_legal_form(w->ptr, w->len);
}

/* A token with ASCII bytes only and no letter or digit: "<", "(", "--", "'". */
static bool is_punct(const kg_str *w) {
  for (size_t i = 0; i < w->len; i++) {
    unsigned char c = (unsigned char)w->ptr[i];
    if (c >= 0x80 || (c >= '0' && c <= '9') || ((c | 32) >= 'a' && (c | 32) <= 'z'))
      return false;
  }
  return true;
}

/* A currency written with its country: "US$", "HK$", "A$", "Can$". */
static bool is_currency(const kg_str *w) {
  if (w->len < 2 || w->len > 5 || w->ptr[w->len - 1] != '$')
    return false;
  for (size_t i = 0; i + 1 < w->len; i++)
    if (((unsigned char)w->ptr[i] | 32) < 'a' || ((unsigned char)w->ptr[i] | 32) > 'z')
      return false;
  return true;
}

/* No word a name starts or ends with: punctuation, a currency. */
static bool is_edge_junk(const kg_str *w) { return is_punct(w) || is_currency(w); }

static bool is_bracket(const kg_str *w) {
  return w->len == 1 && strchr("()<>[]{}", w->ptr[0]) && w->ptr[0];
}

/* A mark between the items of a list: no name goes across it ("... Co Ltd ;
 * Morgan Stanley", "Wayne , Michigan * Louisville Assembly"): a semicolon,
 * a bullet. */
static bool is_list_mark(const kg_str *w) {
  return kg_str_is(w, ";") || kg_str_is(w, "*") || kg_str_is(w, "\xe2\x80\xa2");
}

/* No lower-case letter in the sentence: an ALL-CAPS headline. */
static bool caps_line(const kg_str *words, size_t n) {
  for (size_t k = 0; k < n; k++)
    for (size_t i = 0; i < words[k].len; i++)
      if (words[k].ptr[i] >= 'a' && words[k].ptr[i] <= 'z')
        return false;
  return true;
}

static bool is_inside(uint8_t l) { return l && !(l & 1); } /* an I- label */

static bool caps_word(const kg_str *w) { return kg_all_caps(w->ptr, w->len); }

static bool is_digits(const kg_str *w, size_t lo, size_t hi) {
  if (w->len < lo || w->len > hi)
    return false;
  for (size_t i = 0; i < w->len; i++)
    if (w->ptr[i] < '0' || w->ptr[i] > '9')
      return false;
  return true;
}

static bool is_iso_date(const kg_str *w) { /* 1996-08-30 */
  static const char pat[] = "dddd-dd-dd";
  if (w->len != sizeof pat - 1)
    return false;
  for (size_t i = 0; i < w->len; i++)
    if (pat[i] == 'd' ? w->ptr[i] < '0' || w->ptr[i] > '9' : w->ptr[i] != '-')
      return false;
  return true;
}

/* A month name or its news abbreviation ("March", "Feb."): the gazetteer's month class. */
static bool is_month(const kg_gazetteer *gaz, const kg_str *w) {
  char f[32];
  if (w->len >= sizeof f)
    return false;
  size_t fl = kg_tg_fold(w->ptr, w->len, f, sizeof f);
  return fl < sizeof f && (kg_gazetteer_word(gaz, f, fl) & KG_GAZ_MONTH);
}

static bool is_dash(const kg_str *w) {
  return (w->len == 1 && w->ptr[0] == '-') || (w->len == 2 && memcmp(w->ptr, "--", 2) == 0) ||
         (w->len == 3 && (memcmp(w->ptr, "\xe2\x80\x93", 3) == 0 || memcmp(w->ptr, "\xe2\x80\x94", 3) == 0));
}

/* Whether w starts with a capital letter (ASCII). */
static bool upper_initial(const kg_str *w) {
  return w->len && w->ptr[0] >= 'A' && w->ptr[0] <= 'Z';
}

/* An agency's credit at words[k]: "( Reuters )", "( AP )". */
static bool agency_at(const kg_str *words, size_t n, size_t k) {
  const kg_str *a = &words[k + 1];
  return k + 2 < n && kg_str_is(&words[k], "(") && kg_str_is(&words[k + 2], ")") && a->len <= 12 &&
         upper_initial(a);
}

/* Whether a dateline's date starts at words[k] of a sentence of n words: a
 * date ("March 2", "Feb. 26", "1996-08-22") that ends the sentence or a dash
 * follows, or such a date or none, then an agency's credit and a dash:
 * "LONDON , March 2 -", "BRUSSELS 1996-08-22", "NEW YORK , Jan 5 ( Reuters )
 * -", "MOSCOW ( AP ) --"; not "IRAQ-POVERTY ( Washington )". */
static size_t date_span_end(const kg_gazetteer *gaz, const kg_str *words, size_t n, size_t k) {
  if (is_iso_date(&words[k]))
    return k + 1;
  if (k + 1 < n && is_digits(&words[k + 1], 1, 2) && is_month(gaz, &words[k]))
    return k + 2;
  return k;
}

static bool date_at(const kg_gazetteer *gaz, const kg_str *words, size_t n, size_t k) {
  size_t end = date_span_end(gaz, words, n, k);
  if (end < n && agency_at(words, n, end))
    return end + 3 < n && is_dash(&words[end + 3]); /* "( AP ) --", never "( Washington )" */
  return end > k && (end == n || is_dash(&words[end]));
}

/* The dash that ends the dateline whose date starts at words[k], or n. */
static size_t dateline_dash(const kg_gazetteer *gaz, const kg_str *words, size_t n, size_t k) {
  size_t end = date_span_end(gaz, words, n, k);
  if (end < n && agency_at(words, n, end))
    end += 3;
  return end < n && is_dash(&words[end]) ? end : n;
}

/* The first word of the span that holds word i (labels[i] != 0). */
static size_t span_start(const uint8_t *labels, size_t i) {
  while (i > 0 && is_inside(labels[i]))
    i--;
  return i;
}

static bool is_and(const kg_str *w) { return kg_str_is(w, "and") || kg_str_is(w, "&"); }

/* A word written like a family name: a capital, then two or more lower-case
 * letters ("Sachs", "Fenner"; not "TWA", "USAir"). */
static bool family_word(const kg_str *w) {
  if (w->len < 3 || !upper_initial(w))
    return false;
  for (size_t k = 1; k < w->len; k++)
    if (w->ptr[k] < 'a' || w->ptr[k] > 'z')
      return false;
  return true;
}

/* Initials: capitals each followed by a full stop ("W.I.", "J.P."). */
static bool initials(const kg_str *w) {
  if (w->len < 2 || w->len % 2)
    return false;
  for (size_t k = 0; k < w->len; k += 2)
    if (w->ptr[k] < 'A' || w->ptr[k] > 'Z' || w->ptr[k + 1] != '.')
      return false;
  return true;
}

/* The folded forms of words[0..m), in buf[m * 64] (a longer one is empty). */
static void fold_words(const kg_str *words, size_t m, char *buf, kg_str *f) {
  for (size_t j = 0; j < m; j++)
    f[j] = (kg_str){buf + 64 * j, kg_tg_fold(words[j].ptr, words[j].len, buf + 64 * j, 64)};
}

/* The gazetteer's word classes of word w (none without a gazetteer). */
static uint32_t gaz_word(const kg_gazetteer *gaz, const kg_str *w) {
  char buf[64];
  kg_str f;
  fold_words(w, 1, buf, &f);
  return f.len ? kg_gazetteer_word(gaz, f.ptr, f.len) : 0;
}

/* Whether w may be (part of) a partner's name: capitalized, no legal form,
 * none of the word classes in not ("On Thursday , Bear , Stearns and Co"). */
static bool partner_word(const kg_gazetteer *gaz, const kg_str *w, bool family, uint32_t not) {
  return (family ? family_word(w) : upper_initial(w)) && !is_legal_form(w) &&
         !(gaz_word(gaz, w) & not);
}

size_t kg_tagger_partnership(const kg_gazetteer *gaz, const kg_str *words, size_t n, size_t i,
                             const uint8_t *labels) {
  enum { PARTNERS_MAX = 6, GIVEN_MAX = 2 };
  static const char *const co[] = {"Co", "Co.", "Cos", "Cos.", "Company", "Companies"};
  size_t k; /* the "and" */
  bool family; /* not the "and Co" form: partners spelt as family names */
  if (i >= 1 && is_and(&words[i - 1]) && kg_str_in(&words[i], co, sizeof co / sizeof *co)) {
    k = i - 1;
    family = false;
  } else if (i >= 2 && is_and(&words[i - 2]) && family_word(&words[i - 1])) {
    k = i - 2;
    family = true;
  } else {
    return n;
  }
  /* Back over "P1 , P2 , ... Pm" before the "and", one word each: no date,
   * place or people ("Zurich , Basle and Geneva"), and no company of its own
   * before "and Co" ("AZT , Merck and Co Inc" is a list). */
  const uint32_t no_partner = KG_GAZ_MONTH | KG_GAZ_WEEKDAY | KG_GAZ_COUNTRY | KG_GAZ_DEMONYM |
                              KG_GAZ_LOCATION;
  size_t a = k, commas = 0;
  if (k == 0 || !partner_word(gaz, &words[k - 1], family, no_partner | (family ? 0 : KG_GAZ_ORG)))
    return n; /* ("and Co" opening the sentence) */
  while (a >= 1 && partner_word(gaz, &words[a - 1], family, no_partner)) {
    a--;
    if (a < 2 || !kg_str_is(&words[a - 1], ",") || commas == PARTNERS_MAX ||
        !partner_word(gaz, &words[a - 2], family, no_partner))
      break;
    commas++;
    a--;
  }
  if (a == k || commas == 0)
    return n;
  /* A given name or initials before the first partner ("Merrill Lynch",
   * "W.I. Carr"); the sentence's first word only when it is initials or the
   * model reads it as the same name, not an ordinary word ("Shares").  A
   * name of two words or more, then one partner, is a list or an apposition
   * ("Merrill Lynch , Needham and Co", "Thomas McKiernan , McKiernan and Co"). */
  size_t first = a;
  for (size_t g = 0; g < GIVEN_MAX && a >= 1; g++, a--) {
    bool joined = labels && labels[a - 1] && is_inside(labels[a]);
    if (!partner_word(gaz, &words[a - 1], false, no_partner) ||
        !(a >= 2 || initials(&words[a - 1]) || joined))
      break;
  }
  if (a < first && commas == 1 && !initials(&words[a]))
    return n;
  return a;
}

void kg_tagger_apply_forms(const kg_str *words, size_t n, uint8_t *labels) {
  enum { NAME_MAX = 8 };
  /* A bracket ends a span: "Purolator < PCC >", "Exxon ( XON )" are a name and
   * a ticker or abbreviation (gold spans with a bracket inside: 1 in GMB train);
   * so do a semicolon and a bullet (none inside a GMB span). */
  for (size_t i = 1; i < n; i++)
    if (is_inside(labels[i]) && (is_bracket(&words[i]) || is_list_mark(&words[i]))) {
      uint8_t begin = (uint8_t)(labels[i] - 1);
      labels[i] = 0;
      if (i + 1 < n && is_inside(labels[i + 1]))
        labels[i + 1] = begin;
    }
  /* Spans start and end on words: Reuters' "<Toshiba Corp>", a quote, a
   * bracket, not a currency ("US$"). */
  for (size_t i = 0; i < n; i++) {
    if (!labels[i])
      continue;
    size_t a = i, b = i + 1;
    while (b < n && is_inside(labels[b]))
      b++;
    uint8_t begin = (uint8_t)(labels[a] | 1);
    while (a < b && is_edge_junk(&words[a]))
      labels[a++] = 0;
    while (b > a && is_edge_junk(&words[b - 1]))
      labels[--b] = 0;
    if (a < b)
      labels[a] = begin;
    i = b > i ? b - 1 : i;
  }
  /* An instrument code in brackets names the company just before it
   * ("Rhone-Poulenc < RHON.PA >", "BNP Paribas ( BNPP.PA )"), and so does a
   * ticker in angle brackets ("Purolator < PCC >"): the code is no name, the
   * capitalized words before it are an organization (the model's span there
   * keeps its extent). */
  for (size_t i = 1; i + 2 < n; i++) {
    if (!is_bracket(&words[i]) || !is_bracket(&words[i + 2]) ||
        !(kg_instrument_code(words[i + 1].ptr, words[i + 1].len) ||
          (kg_str_is(&words[i], "<") && kg_str_is(&words[i + 2], ">") &&
           kg_ticker(words[i + 1].ptr, words[i + 1].len))))
      continue;
    labels[i + 1] = 0;
    size_t a = i;
    if (words[i - 1].len < 2) /* "class B < RT.B >", "AT and T < T.N >" */
      continue;
    if (labels[i - 1])
      a = span_start(labels, i - 1);
    else
      while (a > 0 && i - a < NAME_MAX && !labels[a - 1] && upper_initial(&words[a - 1]))
        a--;
    if (a < i) {
      labels[a] = ORG_B;
      for (size_t j = a + 1; j < i; j++)
        labels[j] = ORG_I;
    }
  }
  /* A name ending in a legal form is one organization: the model, trained on
   * GMB's few companies, reads "Ford Motor Co" as a person and "Boeing" + "Co"
   * as two names. */
  int caps = -1; /* caps_line(), computed once when first needed */
  for (size_t i = 1; i < n; i++) {
    if (!is_legal_form(&words[i]))
      continue;
    size_t e = i + 1, a;
    while (e < n && is_legal_form(&words[e])) /* "Co Ltd", "Co Inc" */
      e++;
    if (is_inside(labels[i]))
      a = span_start(labels, i);
    else if (labels[i - 1])
      a = span_start(labels, i - 1);
    else if (i >= 2 && labels[i - 2] && words[i].len <= 3 && (words[i].ptr[1] | 32) == 'o' &&
             ((words[i - 1].len == 3 && strncmp(words[i - 1].ptr, "and", 3) == 0) ||
              (words[i - 1].len == 1 && words[i - 1].ptr[0] == '&')))
      a = span_start(labels, i - 2); /* "Morgan Grenfell and Co" */
    else if (caps < 0 ? (caps = caps_line(words, n)) : caps) { /* all capitalized: no name to find */
      i = e - 1;
      continue;
    } else { /* the model saw no name: the capitalized words before the form */
      a = i;
      while (a > 0 && !labels[a - 1] && i - a < NAME_MAX - 2 && upper_initial(&words[a - 1]))
        a--;
      if (a == i) {
        i = e - 1;
        continue;
      }
    }
    /* A name the model cut in two: "Eastman" + "Kodak Co"; not a demonym before
     * it ("South Korean Hyundai Motor Co"). */
    while (a > 0 && labels[a - 1] && labels[a - 1] != GPE_B && labels[a - 1] != GPE_I &&
           e - span_start(labels, a - 1) <= NAME_MAX)
      a = span_start(labels, a - 1);
    while (e < n && is_inside(labels[e])) /* a span running on past the form keeps its end */
      e++;
    labels[a] = ORG_B;
    for (size_t j = a + 1; j < e; j++)
      labels[j] = ORG_I;
    i = e - 1;
  }
}

/* A span that runs on past a legal form ending at words[e] into "and", "&"
 * or a comma ends at the form: "Goldman , Sachs and Co and Kidder ..." is
 * two companies.  The words after it start a span of their own.  Whether it
 * cut. */
static bool cut_after_form(const kg_str *words, size_t n, size_t e, uint8_t *labels) {
  if (e >= n || !is_inside(labels[e]) || !(is_and(&words[e]) || kg_str_is(&words[e], ",")))
    return false;
  uint8_t begin = (uint8_t)(labels[e] - 1);
  labels[e] = 0;
  if (e + 1 < n && is_inside(labels[e + 1]))
    labels[e + 1] = begin;
  return true;
}

void kg_tagger_apply_partnerships(const kg_tagger *t, const kg_str *words, size_t n,
                                  uint8_t *labels) {
  for (size_t i = 1; i < n; i++) {
    if (!is_legal_form(&words[i]))
      continue;
    size_t e = i + 1;
    while (e < n && is_legal_form(&words[e])) /* "Co Inc" */
      e++;
    size_t a = kg_tagger_partnership(t->gaz, words, n, i, labels);
    if (a < n) {
      /* the words before it that the model joined to it are a name of their
       * own only up to their last capitalized word: "Shares of" goes */
      size_t s0 = labels[a] ? span_start(labels, a) : a, z = a;
      while (z > s0 && !upper_initial(&words[z - 1]))
        labels[--z] = 0;
      if (z < a && z == 1 && s0 == 0) /* "Shares of", "Analysts at" */
        labels[0] = 0;
      if (!cut_after_form(words, n, e, labels))
        while (e < n && is_inside(labels[e])) /* a span running on past the form keeps its end */
          e++;
      labels[a] = ORG_B;
      memset(labels + a + 1, ORG_I, e - a - 1);
    } else if (labels[i]) {
      cut_after_form(words, n, e, labels);
    }
    i = e - 1;
  }
}

/* Whether label l starts a person, organization or place span. */
static bool name_start(unsigned l) { return l == PER_B || l == ORG_B || l == GEO_B; }

/* The end of the span that the B- label labels[i] starts: its I- labels follow. */
static size_t span_end(const uint8_t *labels, size_t n, size_t i) {
  size_t end = i + 1;
  while (end < n && labels[end] == labels[i] + 1)
    end++;
  return end;
}

/* The gazetteers have the last word on names they know, as in the pipeline.
 * Names of no entity (data/non-entities.tsv: market indices, holidays,
 * products) are not people, organizations or places, whatever the model
 * says: GMB itself tags "Dow Jones" as a person, and business news is full
 * of it.  A predicted per/org/geo/gpe span that is exactly such a name
 * becomes O, and so does one that begins such a name and is no known name
 * itself ("S&P" of "S&P 500"); a longer span ("Dow Chemical") or a time
 * expression ("Christmas" as tim) stays.  A
 * person span that is exactly an unambiguous organization name ("Toyota",
 * "Ryanair": GMB has few companies, so the model takes them for surnames)
 * becomes an organization, and so does a place span that is exactly a known
 * company ("Chrysler", "Air France"; not other organizations: GMB calls
 * "U.N." or "African Union" a place often enough that the model is right to
 * follow it there).  An org span that is exactly a country name
 * ("US", "Pakistan") is the country: GMB sometimes tags a country acting as
 * a government an organization, and the model learned it, but no other news
 * annotation does (CoNLL-2003, OntoNotes: a place), nor does the graph, where
 * the gazetteer makes it a country node anyway.  This costs 0.2 points of
 * GMB dev F1 and gains 1 to 2.4 on the other-source proxies (bench/README.md). */
void kg_tagger_apply_gazetteer(const kg_tagger *t, const kg_str *words, size_t n, uint8_t *labels) {
  enum { SPAN_MAX = 8, LAST_TYPE = 3 /* per org geo gpe */ };
  if (!t->gaz)
    return;
  for (size_t i = 0; i < n; i++) {
    unsigned l = labels[i];
    if (l == 0 || !(l & 1) || (l - 1) / 2 > LAST_TYPE)
      continue; /* not the B- of a scored type */
    size_t end = span_end(labels, n, i);
    if (end - i > SPAN_MAX) {
      i = end - 1;
      continue;
    }
    /* The span's words and the few after it (a longer name of no entity). */
    size_t m = end - i + 3;
    m = m < SPAN_MAX ? m : SPAN_MAX;
    m = m < n - i ? m : n - i;
    char buf[SPAN_MAX * 64];
    kg_str f[SPAN_MAX];
    fold_words(words + i, m, buf, f);
    kg_gaz_entry e;
    size_t ne = kg_gazetteer_non_entity(t->gaz, f, m, 0);
    if (ne == end - i || (ne > end - i && (kg_gazetteer_match(t->gaz, f, end - i, 0, &e) != end - i ||
                                           e.ambiguous)))
      memset(labels + i, 0, end - i); /* "S&P" of "S&P 500"; not "Boeing" of "Boeing 787" (a known name) */
    else if ((l == PER_B || l == GEO_B) && kg_gazetteer_match(t->gaz, f, end - i, 0, &e) == end - i &&
             e.type == KG_ORGANIZATION && !e.ambiguous &&
             (l == PER_B || (e.kind && strcmp(e.kind, "company") == 0))) {
      labels[i] = ORG_B;
      for (size_t j = i + 1; j < end; j++)
        labels[j] = ORG_I;
    } else if (l == ORG_B && kg_gazetteer_match(t->gaz, f, end - i, 0, &e) == end - i &&
               e.type == KG_COUNTRY && !e.demonym) {
      labels[i] = GEO_B;
      for (size_t j = i + 1; j < end; j++)
        labels[j] = GEO_I;
    }
    i = end - 1;
  }
}

/* The label of a place or organization the gazetteer knows, 0 for others. */
static unsigned known_label(const kg_gaz_entry *e) {
  if (e->demonym)
    return 0;
  if (e->type == KG_COUNTRY || e->type == KG_LOCATION)
    return GEO_B;
  return e->type == KG_ORGANIZATION ? ORG_B : 0;
}

/* The label a name the gazetteer knows takes when a pair is split (its
 * sides are no demonyms). */
static unsigned pair_label(const kg_gaz_entry *e, unsigned l) {
  unsigned k = known_label(e);
  return k ? k : l;
}

/* A span "A and B" (or "A & B") whose two sides are names the gazetteer
 * knows, and which is no known name as a whole ("Bosnia and Herzegovina"),
 * is two names: "Hamas and Fatah", "Serbia and Kosovo", "Airbus and
 * Boeing".  f: the span's n folded words; labels its labels.  Returns
 * whether it split them. */
static bool split_pair(const kg_gazetteer *g, const kg_str *f, size_t n, uint8_t *labels) {
  kg_gaz_entry a, b;
  if (n < 3 || kg_gazetteer_match(g, f, n, 0, &a) == n)
    return false;
  for (size_t k = 1; k + 1 < n; k++) {
    bool conj = (f[k].len == 3 && !memcmp(f[k].ptr, "and", 3)) || (f[k].len == 1 && f[k].ptr[0] == '&');
    if (!conj)
      continue;
    if (kg_gazetteer_match(g, f, k, 0, &a) != k || kg_gazetteer_match(g, f, n, k + 1, &b) != n - k - 1 ||
        a.demonym || b.demonym || a.type == KG_PERSON || b.type == KG_PERSON)
      return false;
    unsigned la = pair_label(&a, labels[0]), lb = pair_label(&b, labels[0]);
    for (size_t j = 0; j < n; j++)
      labels[j] = j < k ? (uint8_t)(j ? la + 1 : la) : j == k ? 0 : (uint8_t)(j > k + 1 ? lb + 1 : lb);
    return true;
  }
  return false;
}

void kg_tagger_apply_pairs(const kg_tagger *t, const kg_str *words, size_t n, uint8_t *labels) {
  enum { SPAN_MAX = 8 };
  if (!t->gaz)
    return;
  for (size_t i = 0; i < n; i++) {
    if (!name_start(labels[i]))
      continue;
    size_t end = span_end(labels, n, i);
    if (end - i >= 3 && end - i <= SPAN_MAX) {
      char buf[SPAN_MAX * 64];
      kg_str f[SPAN_MAX];
      fold_words(words + i, end - i, buf, f);
      split_pair(t->gaz, f, end - i, labels + i);
    }
    i = end - 1;
  }
}

/* A model designation: up to two capitals and a hyphen, exactly three
 * digits, then perhaps "-" and digits, and up to three letters ("787",
 * "737-800", "747s", "A380", "A400M"); never a year, never "1,500".
 * Stricter than the resolver's model_number(), which drops a whole
 * candidate holding one: here the word before is cleared on its own. */
static bool designation(const kg_str *w) {
  const char *p = w->ptr, *e = w->ptr + w->len;
  int caps = 0;
  while (p < e && *p >= 'A' && *p <= 'Z' && caps < 3)
    p++, caps++;
  if (caps > 2)
    return false;
  if (caps && p < e && *p == '-')
    p++;
  int digits = 0;
  while (p < e && *p >= '0' && *p <= '9')
    p++, digits++;
  if (digits != 3)
    return false;
  if (p < e && *p == '-') {
    const char *d = ++p;
    while (p < e && *p >= '0' && *p <= '9')
      p++;
    if (p == d)
      return false;
  }
  int letters = 0;
  while (p < e && ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z')) && letters < 4)
    p++, letters++;
  return p == e && letters <= 3;
}

/* Whether a word counts things: "Russia 150 million", "150 percent". */
static bool quantity_word(const kg_str *w) {
  static const char *const q[] = {"million", "billion", "trillion", "thousand", "hundred",
                                   "percent", "per",     "%",        "mln",      "bln"};
  return kg_str_in(w, q, sizeof q / sizeof *q);
}

void kg_tagger_apply_products(const kg_tagger *t, const kg_str *words, size_t n, uint8_t *labels) {
  if (!t->gaz)
    return;
  for (size_t i = 0; i + 1 < n; i++) {
    unsigned l = labels[i];
    if (!name_start(l) || labels[i + 1] || !designation(&words[i + 1]) ||
        (i + 2 < n && quantity_word(&words[i + 2])))
      continue;
    char buf[64];
    kg_str f;
    fold_words(words + i, 1, buf, &f);
    kg_gaz_entry e;
    if (kg_gazetteer_match(t->gaz, &f, 1, 0, &e) == 1 && e.type == KG_ORGANIZATION && !e.ambiguous &&
        e.kind && strcmp(e.kind, "company") == 0)
      labels[i] = 0; /* "Boeing 787": the product, not the maker */
  }
}

/* A word of a dateline's place: capitalized ("Alberta", "N.Y."), or the
 * full stop of an abbreviation written apart ("Calif" "."). */
static bool place_word(const kg_str *words, size_t i) {
  const kg_str *w = &words[i];
  if (kg_str_is(w, "."))
    return i > 0 && upper_initial(&words[i - 1]);
  return upper_initial(w);
}

/* Whether a place part written in mixed case at the start of a sentence can
 * be a dateline's: none of its words is a common word, a title, a month or
 * a weekday ("In Washington , March 2 -" is no dateline). */
static bool plain_place(const kg_gazetteer *g, const kg_str *words, size_t b, size_t e) {
  for (size_t i = b; i < e; i++) {
    char f[64];
    size_t fl = kg_tg_fold(words[i].ptr, words[i].len, f, sizeof f);
    if (fl && (kg_gazetteer_word(g, f, fl) &
               (KG_GAZ_COMMON | KG_GAZ_TITLE | KG_GAZ_MONTH | KG_GAZ_WEEKDAY)))
      return false;
  }
  return true;
}

/* Whether words[0..n) are exactly a name the gazetteer knows; *e gets it. */
static bool known_whole(const kg_gazetteer *g, const kg_str *words, size_t n, kg_gaz_entry *e) {
  enum { NAME_MAX = 8 };
  if (n > NAME_MAX)
    return false;
  char buf[NAME_MAX * 64];
  kg_str f[NAME_MAX];
  fold_words(words, n, buf, f);
  return kg_gazetteer_match(g, f, n, 0, e) == n;
}

/* Whether words[0..n) are exactly a place's name the gazetteer knows. */
static bool known_place(const kg_gazetteer *g, const kg_str *words, size_t n) {
  kg_gaz_entry e;
  return known_whole(g, words, n, &e) && (e.type == KG_COUNTRY || e.type == KG_LOCATION);
}

/* A dateline in a sentence: its date at words[k], the place parts before it,
 * right to left, and the city's last word when a headline runs into it. */
typedef struct dateline_at {
  size_t k, np, part[4][2], city;
} dateline_at;

/* Finds the dateline of sentence words[0..n) into *d; false if none. */
static bool find_dateline(const kg_gazetteer *g, const kg_str *words, size_t n, dateline_at *d) {
  enum { SEARCH = 48, PART_MAX = 5, PARTS_MAX = sizeof d->part / sizeof *d->part };
  for (size_t k = 1; k < n && k < SEARCH; k++) {
    if (!date_at(g, words, n, k))
      continue;
    size_t j = kg_str_is(&words[k - 1], ",") ? k - 1 : k;
    *d = (dateline_at){.k = k, .city = n};
    while (d->np < PARTS_MAX) {
      size_t b = j;
      while (b > 0 && j - b < PART_MAX && place_word(words, b - 1))
        b--;
      size_t e = j;
      while (e > b && kg_str_is(&words[e - 1], "."))
        e--;
      if (e == b)
        break;
      if (b >= 2 && kg_str_is(&words[b - 1], ",")) { /* between commas: ", Alberta ," */
        d->part[d->np][0] = b, d->part[d->np][1] = e, d->np++;
        j = b - 1;
        continue;
      }
      bool caps = caps_line(words + b, e - b);
      /* At the start of the sentence, three words or more may be the end of
       * a headline too ("OFFER LOS ANGELES , Feb 26 -"), unless they are a
       * place's name ("SALT LAKE CITY"). */
      bool whole = b == 0 && (e - b == 1 || known_place(g, words + b, e - b));
      if (whole && (caps || plain_place(g, words, b, e))) { /* "THE HAGUE 1996-08-22" */
        d->part[d->np][0] = b, d->part[d->np][1] = e, d->np++;
        return true;
      }
      if (!whole && caps) { /* "... EQUITY OFFER LOS ANGELES , Feb 26 -" */
        d->city = e - 1;
        return true;
      }
      break;
    }
  }
  return false;
}

size_t kg_tagger_dateline(const kg_tagger *t, const kg_str *words, size_t n, const uint8_t *labels,
                          size_t *place) {
  dateline_at d;
  if (!t->gaz || !find_dateline(t->gaz, words, n, &d))
    return 0;
  *place = d.city < n ? span_start(labels, d.city) : d.part[d.np - 1][0];
  return d.k;
}

void kg_tagger_apply_datelines(const kg_tagger *t, const kg_str *words, size_t n, uint8_t *labels) {
  dateline_at d;
  if (!t->gaz || !find_dateline(t->gaz, words, n, &d))
    return;
  /* The city after a headline keeps the extent the model gave it (where
   * the headline ends is unknown), as a place; every part is one place. */
  size_t rb = d.city < n ? d.city + 1 : d.part[d.np - 1][0];
  if (d.city < n && labels[d.city]) {
    size_t sb = span_start(labels, d.city);
    labels[sb] = GEO_B;
    for (size_t i = sb + 1; i <= d.city; i++)
      labels[i] = GEO_I;
  }
  for (size_t i = rb; i < d.k; i++)
    labels[i] = 0;
  for (size_t p = 0; p < d.np; p++) {
    labels[d.part[p][0]] = GEO_B;
    for (size_t i = d.part[p][0] + 1; i < d.part[p][1]; i++)
      labels[i] = GEO_I;
  }
  for (size_t i = d.k; i < n && is_inside(labels[i]); i++)
    labels[i] = 0; /* a span that ran on from the place into the date */
  /* The date is a time or nothing, and the dash ends it: a span that ran on
   * over the dash starts again after it ("March 3 - Pennzoil Co", which the
   * legal form made one organization), unless it is the date's ("March 11
   * - Numac Oil and Gas Ltd": no time). */
  size_t dash = dateline_dash(t->gaz, words, n, d.k), de = date_span_end(t->gaz, words, n, d.k);
  if (dash == n)
    return;
  bool tim = labels[d.k] == TIM_B;
  for (size_t i = d.k + 1; i < de && tim; i++)
    tim = labels[i] == TIM_I;
  if (!tim)
    memset(labels + d.k, 0, de - d.k);
  if (de < dash && is_inside(labels[de])) /* the agency's credit, a span of its own */
    labels[de] = (uint8_t)(labels[de] - 1);
  labels[dash] = 0;
  if (dash + 1 < n && is_inside(labels[dash + 1])) {
    if (labels[dash + 1] == TIM_I)
      for (size_t i = dash + 1; i < n && labels[i] == TIM_I; i++)
        labels[i] = 0;
    else
      labels[dash + 1] = (uint8_t)(labels[dash + 1] - 1);
  }
}

/* Word classes that make a word part of a name. */
#define NAME_CLASSES                                                                               \
  (KG_GAZ_COUNTRY | KG_GAZ_COUNTRY_PART | KG_GAZ_DEMONYM | KG_GAZ_FIRST_NAME | KG_GAZ_SURNAME |    \
   KG_GAZ_ORG_WORD | KG_GAZ_ORG | KG_GAZ_ORG_PART | KG_GAZ_LOCATION | KG_GAZ_LOCATION_PART)

/* Whether the folded words f[0..n) are all ordinary words, none of them a
 * part of a name the gazetteer knows ("SUGGESTION", "SHARES", "RECORD"). */
static bool ordinary_words(const kg_gazetteer *g, const kg_str *f, size_t n) {
  for (size_t j = 0; j < n; j++) {
    uint32_t bits = f[j].len ? kg_gazetteer_word(g, f[j].ptr, f[j].len) : 0;
    if (!(bits & KG_GAZ_COMMON) || (bits & NAME_CLASSES))
      return false;
  }
  return true;
}

void kg_tagger_apply_headlines(const kg_tagger *t, const kg_str *words, size_t n, uint8_t *labels) {
  enum { SPAN_MAX = 8 };
  if (!t->gaz)
    return;
  /* The headline: the words before the first one with a lower-case letter,
   * three or more of them in capitals. */
  size_t h = 0, caps = 0;
  while (h < n && caps_line(words + h, 1))
    caps += caps_word(&words[h++]);
  if (caps < 3)
    return;
  for (size_t i = 0; i < h; i++) {
    if (!name_start(labels[i]))
      continue;
    size_t end = span_end(labels, n, i), m = end - i;
    if (end > h || m > SPAN_MAX) {
      i = end - 1;
      continue;
    }
    char buf[SPAN_MAX * 64];
    kg_str f[SPAN_MAX];
    fold_words(words + i, m, buf, f);
    kg_gaz_entry e;
    size_t k = kg_gazetteer_match(t->gaz, f, m, 0, &e);
    unsigned first = k ? known_label(&e) : 0;
    if (k == 0 || k == m) {
      i = end - 1; /* a known name, or no known name first ("BAKER", "BOND" may be names) */
      continue;
    }
    uint8_t out[SPAN_MAX] = {0};
    if (first && ordinary_words(t->gaz, f + k, m - k)) { /* "UK SUGGESTION" */
      for (size_t j = 0; j < k; j++)
        out[j] = (uint8_t)(j ? first + 1 : first);
    } else { /* "IMF BRAZIL": known names only, each its own */
      size_t a = 0;
      while (a < m) {
        size_t b = kg_gazetteer_match(t->gaz, f, m, a, &e);
        unsigned lb = b ? known_label(&e) : 0;
        if (!lb)
          break;
        for (size_t j = a; j < a + b; j++)
          out[j] = (uint8_t)(j > a ? lb + 1 : lb);
        a += b;
      }
      if (a < m) {
        i = end - 1;
        continue;
      }
    }
    memcpy(labels + i, out, m);
    i = end - 1;
  }
}

/* Whether w may be a word of a written name: in capitals, a number ("Standard
 * & Poor 's 500"), "'s", "&", or a short lower-case joining word ("and", "of",
 * "de"). */
static bool name_word(const kg_str *w) {
  if (!w->len)
    return false;
  if (upper_initial(w) || (w->ptr[0] >= '0' && w->ptr[0] <= '9') || kg_str_is(w, "'s") ||
      kg_str_is(w, "&"))
    return true;
  return w->len <= 3 && w->ptr[0] >= 'a' && w->ptr[0] <= 'z';
}

/* Whether the written words w[0..k), name words all, end as a name does: in
 * capitals or "'s" ("Standard and Poor 's", not "Bank of"). */
static bool ends_name(const kg_str *w, size_t k) {
  return upper_initial(&w[k - 1]) || kg_str_is(&w[k - 1], "'s");
}

/* A name of two or more words that the gazetteer knows as one company (or
 * bank) or one place, and the model cut or mistyped ("Standard and Poor 's"
 * as O O per O, "Best Buy" as nothing, "Wall Street" as O per, "Buenos Aires"
 * as a person), is that company or place.  Not when a longer span of the model
 * holds it ("Canadian Pacific Air Lines Ltd": the model's extent), nor a
 * longer name of no entity ("Standard & Poor 's 500"), nor in ALL-CAPS lines.
 * Two kinds are left to the model, as GMB's own convention differs and the
 * model follows it well (dev F1 -0.4 each; bench/README.md): other
 * organizations ("African Union" is a place in GMB, "Palestinian Authority" a
 * demonym), and a place the model read as one organization or with a demonym
 * ("West Bank" is org in GMB, "Czech Republic" gpe + geo). */
/* "G-7", "G7", "G-20": a group of countries by its number, which no
 * ordinary word spells. */
static bool group_of_n(const kg_str *w) {
  size_t i = 1;
  if (w->len < 2 || w->ptr[0] != 'G')
    return false;
  if (w->ptr[1] == '-')
    i++;
  if (i >= w->len || w->len - i > 2)
    return false;
  for (; i < w->len; i++)
    if (w->ptr[i] < '0' || w->ptr[i] > '9')
      return false;
  return true;
}

void kg_tagger_apply_known(const kg_tagger *t, const kg_str *words, size_t n, uint8_t *labels) {
  enum { SPAN_MAX = 8 };
  if (!t->gaz || caps_line(words, n))
    return;
  for (size_t i = 0; i < n; i++) {
    if (!upper_initial(&words[i]) || is_inside(labels[i]))
      continue; /* a name starts here, and no span of the model before it */
    size_t m = 1; /* the words that may be part of one written name */
    while (m < SPAN_MAX && i + m < n && name_word(&words[i + m]))
      m++;
    if (m < 2 && labels[i])
      continue; /* the common case: a capitalized word alone, tagged */
    char buf[SPAN_MAX * 64];
    kg_str f[SPAN_MAX];
    fold_words(words + i, m, buf, f);
    kg_gaz_entry e;
    size_t k = kg_gazetteer_match(t->gaz, f, m, 0, &e);
    /* a lone word mid-sentence: "from Apple ." (the fruit is in lower case) */
    bool mid = m == 1 && i > 0 && !upper_initial(&words[i - 1]);
    unsigned lb = (k >= 2 || (m == 1 && k == 1)) && (!e.ambiguous || mid) ? known_label(&e) : 0;
    bool firm = lb == ORG_B && ((e.kind && (strcmp(e.kind, "company") == 0 ||
                                             strcmp(e.kind, "bank") == 0)) ||
                                (m == 1 && group_of_n(&words[i])));
    /* A company's name alone that the model left untagged ("Wal-Mart",
     * "products from Apple ."): not a common word opening the sentence, not
     * a ticker ("< IBM >"). */
    bool opens_common =
        i == 0 && (kg_gazetteer_word(t->gaz, f[0].ptr, f[0].len) & KG_GAZ_COMMON);
    bool ticker = i > 0 && i + 1 < n && is_bracket(&words[i - 1]) && is_bracket(&words[i + 1]);
    if (m == 1 && (!firm || opens_common || ticker))
      continue;
    if (!lb || (lb == ORG_B && !firm) ||
        kg_gazetteer_non_entity(t->gaz, f, m, 0) > k || !ends_name(words + i, k) ||
        (i + k < n && is_inside(labels[i + k])))
      continue;
    size_t end = labels[i] ? span_end(labels, n, i) : i;
    if (labels[i] == lb && end == i + k)
      continue; /* already so */
    if (lb == GEO_B) {
      bool demonym = false;
      for (size_t j = i; j < i + k; j++)
        demonym |= labels[j] == GPE_B || labels[j] == GPE_I;
      if (demonym || (labels[i] == ORG_B && end == i + k))
        continue;
    }
    labels[i] = (uint8_t)lb;
    memset(labels + i + 1, lb + 1, k - 1);
    i += k - 1;
  }
}

/* A currency named by its country: "dollars" of "U.S. dollars", "Dlrs" of
 * Reuters' "N.Z. Dlrs". */
static bool currency_word(const kg_str *f) {
  static const char *const units[] = {
      "dlrs",  "dlr",     "dollar", "dollars", "cents",   "yen",    "stg",     "sterling",
      "yuan",  "euro",    "euros",  "rupee",   "rupees",  "peso",   "pesos",   "lira",
      "lire",  "guilder", "guilders", "mark",  "marks",   "franc",  "francs",  "pound",
      "pounds", "riyal",  "riyals", "rand",    "won",     "rouble", "roubles", "ruble",
      "rubles", "shekel", "shekels", "crowns", "kroner",  "krona",  "baht",    "ringgit"};
  return kg_str_in(f, units, sizeof units / sizeof *units);
}

/* A per/org/geo span that ends in a currency after a country, a place or a
 * demonym ("U.S. Dollar", "N.Z. Dlrs", "West German marks") is the country
 * or place alone: the currency is no part of a name (GMB, CoNLL-2003 and
 * OntoNotes agree); what remains takes the label the gazetteer gives it. */
void kg_tagger_apply_currencies(const kg_tagger *t, const kg_str *words, size_t n, uint8_t *labels) {
  enum { SPAN_MAX = 8 };
  if (!t->gaz)
    return;
  for (size_t i = 0; i < n; i++) {
    if (labels[i] != PER_B && labels[i] != ORG_B && labels[i] != GEO_B)
      continue;
    size_t end = span_end(labels, n, i), m = end - i;
    if (m == 1 && end < n && kg_str_is(&words[end], "$") && words[i].len <= 3 &&
        kg_all_caps(words[i].ptr, words[i].len)) {
      labels[i] = 0; /* "US $ 199", as "US$ 199" */
      continue;
    }
    if (m < 2 || m > SPAN_MAX) {
      i = end - 1;
      continue;
    }
    char buf[SPAN_MAX * 64];
    kg_str f[SPAN_MAX];
    fold_words(words + i, m, buf, f);
    uint32_t before = f[m - 2].len ? kg_gazetteer_word(t->gaz, f[m - 2].ptr, f[m - 2].len) : 0;
    if (!currency_word(&f[m - 1]) ||
        !(before & (KG_GAZ_COUNTRY | KG_GAZ_DEMONYM | KG_GAZ_LOCATION | KG_GAZ_COUNTRY_PART))) {
      i = end - 1;
      continue;
    }
    labels[end - 1] = 0;
    kg_gaz_entry e;
    unsigned lb = 0;
    if (kg_gazetteer_match(t->gaz, f, m - 1, 0, &e) == m - 1)
      lb = e.demonym ? GPE_B : known_label(&e);
    if (lb) {
      labels[i] = (uint8_t)lb;
      memset(labels + i + 1, lb + 1, m - 2);
    }
    i = end - 1;
  }
}

/* Whether the person span words[i..end) is a title, or a part of one that
 * starts up to two words before it ("Executive Officer" of "Chief Executive
 * Officer", "Prime" of "Prime Minister"), with no name after the title. */
static bool bare_title(const kg_gazetteer *g, const kg_str *words, size_t n, size_t i, size_t end) {
  enum { SPAN_MAX = 8 };
  for (size_t s = i >= 2 ? i - 2 : 0; s <= i; s++) {
    size_t m = n - s < SPAN_MAX ? n - s : SPAN_MAX;
    char buf[SPAN_MAX * 64];
    kg_str f[SPAN_MAX];
    fold_words(words + s, m, buf, f);
    size_t k = 0, q; /* titles in a row: "Deputy" "Prime Minister" */
    while (s + k < end && (q = kg_gazetteer_title(g, f, m, k, NULL)) > 0)
      k += q;
    /* "Chancellor" of "Chancellor of the Exchequer Kenneth Clarke": the
     * title goes on with "of" (GMB: "Secretary" O before "of" 132 times,
     * a person alone 9) */
    if (s + k > end && s == i && kg_str_is(&words[end], "of"))
      return true;
    if (s + k >= end)
      return s + k == n || !upper_initial(&words[s + k]);
  }
  return false;
}

/* Whether w is a given name written in lower case that is also a common
 * word: the common word ("bill", "will", "mark"; not a typo's "william", nor
 * a particle of a family name, "von Greyerz"). */
static bool lower_given_name(const kg_gazetteer *g, const kg_str *w) {
  static const char *const particles[] = {"von", "van", "de",  "da",  "di",  "du", "del",
                                          "der", "den", "dos", "das", "le",  "la", "bin",
                                          "ibn", "al",  "el",  "ben", "abu", "ter", "zu"};
  if (!w->len || w->ptr[0] < 'a' || w->ptr[0] > 'z' ||
      kg_str_in(w, particles, sizeof particles / sizeof *particles))
    return false;
  char f[64];
  size_t fl = kg_tg_fold(w->ptr, w->len, f, sizeof f);
  uint32_t bits = fl ? kg_gazetteer_word(g, f, fl) : 0;
  return (bits & KG_GAZ_FIRST_NAME) && (bits & KG_GAZ_COMMON);
}

/* The length of a title that starts the person span words[i..end) and that
 * GMB's own training text mostly leaves out of the name (title O, name per:
 * "minister" 511 times against 156, "Foreign Minister" 75 against 15,
 * "chairman" 28 against 2, "governor" 23 against 2, "spokesman" 108 against
 * 0), as CoNLL-2003 and OntoNotes always do; 0 for other titles, which GMB
 * mostly keeps in the name ("President" 1,938 against 60, "Prime Minister",
 * "Senator", "Mr.": kg_tagger_strip_titles takes those too). */
static size_t title_apart(const kg_gazetteer *g, const kg_str *words, size_t i, size_t end) {
  static const char *const apart[] = {
      "chairman",   "chairwoman",     "ambassador",   "governor",    "gov.",
      "director",   "judge",          "prosecutor",   "envoy",       "commander",
      "admiral",    "spokesman",      "spokeswoman",  "leader",      "opposition leader",
      "cleric",     "commissioner",   "representative", "rep.",      "chief executive",
      "chief executive officer", "ceo", "advisor",    "adviser",     "founder",
      "speaker",    "lawmaker",       "home secretary", "foreign secretary", "chief of staff",
      "supreme leader", "secretary of state", "president-elect", "major", "captain",
      "colonel"};
  enum { M = 8 };
  size_t m = end - i < M ? end - i : M;
  char buf[M * 64];
  kg_str f[M];
  fold_words(words + i, m, buf, f);
  size_t k = kg_gazetteer_title(g, f, m, 0, NULL);
  if (k == 0 || i + k >= end)
    return 0;
  if (kg_str_is(&f[k - 1], "minister")) /* "Foreign Minister", not "Prime Minister" */
    return k == 1 || !kg_str_is(&f[k - 2], "prime") ? k : 0;
  char key[96];
  size_t kl = 0;
  for (size_t j = 0; j < k; j++) {
    if (kl + f[j].len + 1 >= sizeof key)
      return 0;
    if (j)
      key[kl++] = ' ';
    memcpy(key + kl, f[j].ptr, f[j].len);
    kl += f[j].len;
  }
  kg_str title = {key, kl};
  return kg_str_in(&title, apart, sizeof apart / sizeof *apart) ? k : 0;
}

/* Whether word w is a title of one word ("CEO", "Chairman", "President"). */
static bool title_word(const kg_tagger *t, const kg_str *w) {
  return (gaz_word(t->gaz, w) & KG_GAZ_TITLE) != 0;
}

/* Whether w is a given name the gazetteer knows, or two joined by a hyphen
 * ("Karl-Heinz", "Jean-Pierre": the first of them known). */
static bool first_name_word(const kg_tagger *t, const kg_str *w) {
  if (gaz_word(t->gaz, w) & KG_GAZ_FIRST_NAME)
    return true;
  const char *h = memchr(w->ptr, '-', w->len);
  if (!h || h == w->ptr || (size_t)(h - w->ptr) + 1 >= w->len || h[1] < 'A' || h[1] > 'Z')
    return false;
  kg_str first = {w->ptr, (size_t)(h - w->ptr)};
  return (gaz_word(t->gaz, &first) & KG_GAZ_FIRST_NAME) != 0;
}

/* An org span [i, end) of words, a title and then a person's name ("New
 * Mexico Governor Garrey Carruthers"): the title and the name become the
 * person, the words before it the place or organization the gazetteer knows
 * them as, or nothing ("Industry Commissioner Karl-Heinz Narjes").  The name
 * is capitalized words with a given name among them and no organization
 * word ("General Motors", "General Electric Co" stay). */
static void titled_person_in_org(const kg_tagger *t, const kg_str *words, size_t i, size_t end,
                                 uint8_t *labels) {
  size_t a = i;
  while (a < end && !title_word(t, &words[a]))
    a++;
  size_t p = a;
  while (p < end && title_word(t, &words[p]))
    p++;
  if (a == i || p >= end)
    return; /* "Prophet Muhammad", "Prince Turki": GMB's org readings, left to the model */
  bool given = false;
  for (size_t j = p; j < end; j++) {
    uint32_t b = gaz_word(t->gaz, &words[j]);
    if (!upper_initial(&words[j]) || is_legal_form(&words[j]) || (b & KG_GAZ_ORG_WORD))
      return;
    given |= first_name_word(t, &words[j]);
  }
  kg_gaz_entry e;
  if (!given || known_whole(t->gaz, words + p, end - p, &e))
    return;
  unsigned lb = a > i && known_whole(t->gaz, words + i, a - i, &e) ? known_label(&e) : 0;
  for (size_t j = i; j < a; j++)
    labels[j] = (uint8_t)(lb ? (j == i ? lb : lb + 1) : 0);
  labels[a] = PER_B;
  memset(labels + a + 1, PER_I, end - a - 1);
}

/* An org or place span [i, end) of two or three capitalized words, a given
 * name first (an ordinary word too: "Mark"), right after a title in lower
 * case ("senator Mark Warner", "representative Norm Dicks"): a person (GMB:
 * 390 of 410 such spans in train). */
static void person_after_lower_title(const kg_tagger *t, const kg_str *words, size_t n, size_t i,
                                     uint8_t *labels) {
  size_t end = span_end(labels, n, i);
  if (i == 0 || end - i < 2 || end - i > 3 || labels[i - 1] || !title_word(t, &words[i - 1]) ||
      words[i - 1].ptr[0] < 'a' || words[i - 1].ptr[0] > 'z' ||
      !first_name_word(t, &words[i]))
    return;
  for (size_t j = i; j < end; j++) {
    uint32_t b = gaz_word(t->gaz, &words[j]);
    if (!upper_initial(&words[j]) || is_legal_form(&words[j]) ||
        (b & (KG_GAZ_ORG_WORD | KG_GAZ_COUNTRY | KG_GAZ_DEMONYM)))
      return;
  }
  labels[i] = PER_B;
  memset(labels + i + 1, PER_I, end - i - 1);
}

/* Whether words[i] is a given name that is also an ordinary word ("Bill",
 * "Mark", "Rose"), after a capitalized ordinary word that is no title, no
 * storm and does not open the sentence: "the Farm Bill", "the Finance
 * Bill"; not "Hurricane John". */
static bool common_given_after_word(const kg_tagger *t, const kg_str *words, size_t i) {
  static const char *const storms[] = {"Storm", "Hurricane", "Typhoon", "Cyclone"};
  uint32_t b = gaz_word(t->gaz, &words[i]), p = gaz_word(t->gaz, &words[i - 1]);
  return i >= 2 && (b & KG_GAZ_FIRST_NAME) && (b & KG_GAZ_COMMON) && upper_initial(&words[i - 1]) &&
         !kg_str_in(&words[i - 1], storms, sizeof storms / sizeof *storms) &&
         (p & KG_GAZ_COMMON) &&
         !(p & (KG_GAZ_TITLE | KG_GAZ_FIRST_NAME | KG_GAZ_SURNAME | KG_GAZ_EVENT_WORD)) &&
         !caps_word(&words[i - 1]);
}

void kg_tagger_apply_people(const kg_tagger *t, const kg_str *words, size_t n, uint8_t *labels) {
  if (!t->gaz)
    return;
  for (size_t i = 0; i < n; i++) {
    if (labels[i] == ORG_B)
      titled_person_in_org(t, words, i, span_end(labels, n, i), labels);
    if (labels[i] == ORG_B || labels[i] == GEO_B)
      person_after_lower_title(t, words, n, i, labels);
    if (labels[i] != PER_B)
      continue;
    size_t end = span_end(labels, n, i), k;
    if (end - i <= 4 && bare_title(t->gaz, words, n, i, end)) {
      memset(labels + i, 0, end - i);
    } else if (end - i >= 2 && (k = title_apart(t->gaz, words, i, end)) > 0) {
      memset(labels + i, 0, k); /* "Chairman" of "Chairman Paul Volcker" */
      labels[i + k] = PER_B;
    } else if (end - i == 1 && i > 0 && !labels[i - 1] && common_given_after_word(t, words, i)) {
      labels[i] = 0; /* "the Farm Bill", "the Finance Bill": a title in capitals */
    } else if (lower_given_name(t->gaz, &words[i])) {
      labels[i] = 0; /* "a bill Reagan would sign", "the bill" */
      if (end - i >= 2)
        labels[i + 1] = PER_B;
    }
    i = end - 1;
  }
}

/* A number, no name word: a token that starts with a digit and has no
 * capital letter ("947,800", "20,000-member", "32-year-old", "140bn"), and
 * is no ordinal ("101st", "20th": "101st Airborne Division"). */
static bool number_word(const kg_str *w) {
  if (!w->len || w->ptr[0] < '0' || w->ptr[0] > '9')
    return false;
  size_t d = 0;
  while (d < w->len && w->ptr[d] >= '0' && w->ptr[d] <= '9')
    d++;
  if (w->len - d == 2 && (memcmp(w->ptr + d, "st", 2) == 0 || memcmp(w->ptr + d, "nd", 2) == 0 ||
                          memcmp(w->ptr + d, "rd", 2) == 0 || memcmp(w->ptr + d, "th", 2) == 0))
    return false;
  for (size_t k = 0; k < w->len; k++)
    if (w->ptr[k] >= 'A' && w->ptr[k] <= 'Z')
      return false;
  return true;
}

void kg_tagger_apply_article(const kg_tagger *t, const kg_str *words, size_t n, uint8_t *labels) {
  enum { SPAN_MAX = 8 };
  /* Quantities first: "bought 947,800 Minstar shares", "the 20,000-member
   * Letter Carriers Union". */
  for (size_t i = 0; i < n; i++) {
    if (!labels[i] || is_inside(labels[i]) || labels[i] > GPE_I || !number_word(&words[i]))
      continue;
    uint8_t begin = labels[i];
    labels[i] = 0;
    if (i + 1 < n && labels[i + 1] == begin + 1)
      labels[i + 1] = begin; /* the rest of the span, if any, is checked next */
  }
  if (!t->gaz)
    return;
  for (size_t i = 0; i + 1 < n; i++) {
    if (!((labels[i] == ORG_B || labels[i] == GEO_B) && labels[i + 1] == labels[i] + 1) ||
        !(kg_str_is(&words[i], "The") || kg_str_is(&words[i], "the") ||
          kg_str_is(&words[i], "A") || kg_str_is(&words[i], "An")))
      continue;
    size_t end = span_end(labels, n, i);
    char buf[SPAN_MAX * 64];
    kg_str f[SPAN_MAX];
    kg_gaz_entry e;
    if (end - i <= SPAN_MAX) {
      fold_words(words + i, end - i, buf, f);
      if (kg_gazetteer_match(t->gaz, f, end - i, 0, &e) == end - i && known_label(&e) == GEO_B)
        continue; /* "The Hague" */
    }
    labels[i + 1] = labels[i];
    labels[i] = 0;
  }
}

/* Whether words[0..n) are exactly a country's name (not a demonym) or an
 * organization's that the gazetteer knows. */
static bool known_party(const kg_gazetteer *g, const kg_str *words, size_t n) {
  enum { NAME_MAX = 8 };
  char buf[NAME_MAX * 64];
  kg_str f[NAME_MAX];
  if (n > NAME_MAX)
    return false;
  fold_words(words, n, buf, f);
  return kg_gazetteer_party(g, f, n);
}

/* Whether word w is a given name the gazetteer knows and no common word. */
static bool given_name_word(const kg_tagger *t, const kg_str *w) {
  uint32_t b = gaz_word(t->gaz, w);
  return (b & KG_GAZ_FIRST_NAME) && !(b & KG_GAZ_COMMON);
}

/* Whether words[0..m) are capitalized ordinary words, of no name: "Gas",
 * "Light". */
static bool ordinary_name(const kg_tagger *t, const kg_str *words, size_t m) {
  for (size_t i = 0; i < m; i++) {
    uint32_t b = gaz_word(t->gaz, &words[i]);
    if (!upper_initial(&words[i]) || !(b & KG_GAZ_COMMON) ||
        (b & (KG_GAZ_FIRST_NAME | KG_GAZ_SURNAME | KG_GAZ_COUNTRY | KG_GAZ_DEMONYM |
              KG_GAZ_LOCATION | KG_GAZ_ORG)))
      return false;
  }
  return m > 0;
}

void kg_tagger_apply_and_companies(const kg_tagger *t, const kg_str *words, size_t n,
                                   uint8_t *labels) {
  enum { LEFT_MAX = 3, NAME_MAX = 8 };
  if (!t->gaz)
    return;
  for (size_t j = 2; j < n; j++) {
    if (labels[j] != ORG_B || !(kg_str_is(&words[j - 1], "and") || kg_str_is(&words[j - 1], "&")))
      continue;
    size_t e = span_end(labels, n, j), f = e;
    while (f > j && is_legal_form(&words[f - 1]))
      f--;
    /* "Alex. Brown and Sons Inc": a family firm is the whole name before */
    static const char *const kin[] = {"Sons", "Son", "Brothers", "Bros", "Bros.", "SONS"};
    if (f == j + 1 && kg_str_in(&words[j], kin, sizeof kin / sizeof *kin) &&
        labels[j - 2] >= PER_B && labels[j - 2] <= ORG_I) {
      size_t a = j - 2;
      while (a > 0 && is_inside(labels[a]))
        a--;
      if (e - a <= NAME_MAX) {
        labels[a] = ORG_B;
        memset(labels + a + 1, ORG_I, e - a - 1);
        j = e - 1;
        continue;
      }
    }
    /* "Orbit Oil" + "Gas Ltd": one ordinary word and a legal form name no
     * company of their own, so the name goes on from the left one ("New York
     * State Electric and Gas Corp", "Delmarva Power and Light Co"), also a
     * place of the model's that ends in an ordinary word ("Carolina Power") */
    bool left_org = (labels[j - 2] >= ORG_B && labels[j - 2] <= ORG_I) ||
                    (labels[j - 2] == GEO_I && ordinary_name(t, words + j - 2, 1));
    if (f == j + 1 && f < e && left_org && !is_legal_form(&words[j - 2]) &&
        ordinary_name(t, words + j, 1)) {
      size_t p = span_start(labels, j - 2);
      while (p > 0 && labels[p - 1] && labels[p - 1] != GPE_B && labels[p - 1] != GPE_I &&
             e - span_start(labels, p - 1) <= NAME_MAX) /* "Florida" + "Power" */
        p = span_start(labels, p - 1);
      if (e - p <= NAME_MAX && !known_party(t->gaz, words + p, j - 1 - p)) {
        labels[p] = ORG_B;
        memset(labels + p + 1, ORG_I, e - p - 1);
        j = e - 1;
        continue;
      }
    }
    size_t a = j - 1; /* the capitalized words before "and" */
    if (labels[j - 2] == PER_I) {
      /* a person of the model that ends in an ordinary word: "Bryson Oil" */
      size_t p = j - 2;
      while (p > 0 && is_inside(labels[p]))
        p--;
      if (j - 1 - p <= LEFT_MAX &&
          (gaz_word(t->gaz, &words[j - 2]) & (KG_GAZ_COMMON | KG_GAZ_ORG_WORD)))
        a = p;
    }
    if (a == j - 1)
      while (a > 0 && j - 1 - a < LEFT_MAX && upper_initial(&words[a - 1]) &&
             !is_legal_form(&words[a - 1]) && !is_inside(labels[a]))
        a--;
    if (f == e || f == j || a == j - 1 || e - a > NAME_MAX || is_inside(labels[a]) ||
        (a > 0 && (upper_initial(&words[a - 1]) || kg_str_is(&words[a - 1], ",") ||
                   kg_str_is(&words[a - 1], "and"))) ||
        (j - 1 - a >= 2 && given_name_word(t, &words[a]) &&
         !(gaz_word(t->gaz, &words[j - 2]) & (KG_GAZ_COMMON | KG_GAZ_ORG_WORD))) ||
        known_party(t->gaz, words + a, j - 1 - a) || known_party(t->gaz, words + j, f - j))
      continue; /* "Airbus and Boeing Co", "Dudley Taft and Narragansett Capital Inc"
                   (not "Bryson Oil and Gas Plc": "Oil" is no family name),
                   "Wagner and Brown and AFG Industries Inc" */
    labels[a] = ORG_B; /* "Procter and Gamble Co", "Florida Power and Light Co" */
    memset(labels + a + 1, ORG_I, e - a - 1);
    j = e - 1;
  }
}


/* Whether the document writes words[i] words[i + 1] before a capitalized
 * word or a legal form anywhere ("U.S. Video Vending Corp"). */
static bool starts_longer_name(const kg_str *words, size_t n, size_t i) {
  for (size_t k = 0; k + 2 < n; k++)
    if (kg_str_eq(&words[k], &words[i]) && kg_str_eq(&words[k + 1], &words[i + 1]) &&
        upper_initial(&words[k + 2]))
      return true;
  return false;
}

void kg_tagger_apply_country_words(const kg_tagger *t, const kg_str *words,
                                   const uint32_t *sent_ends, size_t n_sents, uint8_t *labels) {
  enum {
    NAMEISH = KG_GAZ_ORG | KG_GAZ_ORG_PART | KG_GAZ_ORG_WORD | KG_GAZ_TITLE | KG_GAZ_FIRST_NAME |
              KG_GAZ_SURNAME | KG_GAZ_LOCATION | KG_GAZ_LOCATION_PART | KG_GAZ_COUNTRY |
              KG_GAZ_COUNTRY_PART | KG_GAZ_DEMONYM | KG_GAZ_MONTH | KG_GAZ_WEEKDAY |
              KG_GAZ_EVENT_WORD,
    CHECKS_MAX = 32 /* each scans the document: linear time on any input */
  };
  /* a country's missions, which GMB and the graph keep as organizations */
  static const char *const missions[] = {
      "Embassy", "Embassies", "Consulate", "Consulates", "Mission",  "Marines",
      "Delegation", "Legation", "Mint", "Attorney", "EMBASSY", "CONSULATE", "MINT"};
  if (!t->gaz || n_sents == 0)
    return;
  size_t n = sent_ends[n_sents - 1];
  unsigned checks = 0;
  for (size_t k = 0, b = 0; k < n_sents && checks < CHECKS_MAX; b = sent_ends[k++]) {
    size_t end = sent_ends[k];
    for (size_t i = b; i < end; i++) {
      if (labels[i] != ORG_B)
        continue;
      size_t e = span_end(labels, end, i);
      const kg_str *c = &words[i];
      char buf[64];
      kg_str f;
      kg_gaz_entry g;
      bool ok = e - i >= 2 && c->len >= 3 && c->ptr[c->len - 1] == '.' &&
                upper_initial(&words[i + 1]) && !(e < end && is_legal_form(&words[e]));
      for (size_t j = i + 2; ok && j < e; j++)
        ok = !upper_initial(&words[j]); /* "U.S. Courier division"; not "U.S. Wheat Associates" */
      if (ok) {
        uint32_t cl = gaz_word(t->gaz, &words[i + 1]);
        bool banks = kg_str_is(&words[i + 1], "Banks") || kg_str_is(&words[i + 1], "BANKS");
        ok = (cl & KG_GAZ_COMMON) && (banks || !(cl & NAMEISH)) &&
             !is_legal_form(&words[i + 1]) &&
             !kg_str_in(&words[i + 1], missions, sizeof missions / sizeof *missions);
      }
      if (ok) {
        fold_words(c, 1, buf, &f);
        ok = kg_gazetteer_match(t->gaz, &f, 1, 0, &g) == 1 && g.type == KG_COUNTRY && !g.demonym;
      }
      if (ok && checks++ < CHECKS_MAX && !starts_longer_name(words, n, i)) {
        labels[i] = GEO_B; /* "U.S. Officials", "U.S. Banks", "U.K. Base" */
        memset(labels + i + 1, 0, e - i - 1);
      }
      i = e - 1;
    }
  }
}

/* Whether words[0..n) are exactly a known company's or bank's name. */
static bool known_company(const kg_gazetteer *g, const kg_str *words, size_t n) {
  kg_gaz_entry e;
  return known_whole(g, words, n, &e) && kg_gaz_company(&e);
}

/* Whether words[0..n) are exactly a country's name (no demonym, no
 * ambiguous name) or a place of the given kind ("continent", "state":
 * "New Mexico" and "Ontario" are regions.tsv's states). */
static bool country_or_kind(const kg_gazetteer *g, const kg_str *words, size_t n,
                            const char *kind) {
  kg_gaz_entry e;
  return known_whole(g, words, n, &e) && !e.demonym && !e.ambiguous &&
         (e.type == KG_COUNTRY ||
          (e.type == KG_LOCATION && e.kind && strcmp(e.kind, kind) == 0));
}

/* The end of "of" and a country or state after an org span that ends at e
 * in "Co" or "Corp" ("Public Service Co of New Mexico", "Aluminum Co of
 * Canada Ltd"), with the legal forms after the place; e when there is none. */
static size_t company_of_place(const kg_gazetteer *g, const kg_str *words, size_t n,
                               const uint8_t *labels, size_t e) {
  static const char *const co[] = {"Co", "Co.", "Corp", "Corp.", "Company", "Corporation"};
  if (e + 2 >= n || !kg_str_in(&words[e - 1], co, sizeof co / sizeof *co) ||
      !kg_str_is(&words[e], "of") || labels[e] ||
      (labels[e + 1] != GEO_B && labels[e + 1] != ORG_B))
    return e;
  size_t a = e + 1, z = span_end(labels, n, a), p = z;
  while (p > a + 1 && is_legal_form(&words[p - 1])) /* "Canada Ltd" */
    p--;
  if (!country_or_kind(g, words + a, p - a, "state"))
    return e;
  while (z < n && !labels[z] && is_legal_form(&words[z])) /* "New Mexico" + "Ltd" */
    z++;
  return z < n && upper_initial(&words[z]) && !labels[z] ? e : z;
}

void kg_tagger_apply_branches(const kg_tagger *t, const kg_str *words, size_t n,
                              uint8_t *labels) {
  if (!t->gaz || caps_line(words, n))
    return;
  for (size_t i = 0; i < n; i++) {
    /* (a company the model left untagged, one word before a country: "providing
     * Ford Australia with") */
    if (!labels[i] && i + 1 < n && labels[i + 1] == GEO_B && upper_initial(&words[i]) &&
        (i == 0 || !upper_initial(&words[i - 1])) && known_company(t->gaz, words + i, 1)) {
      size_t g = span_end(labels, n, i + 1);
      if ((g == n || !upper_initial(&words[g])) &&
          country_or_kind(t->gaz, words + i + 1, g - i - 1, "continent")) {
        labels[i] = ORG_B;
        memset(labels + i + 1, ORG_I, g - i - 1);
        i = g - 1;
        continue;
      }
    }
    if (labels[i] != ORG_B)
      continue;
    size_t e = span_end(labels, n, i), z = company_of_place(t->gaz, words, n, labels, e);
    if (z > e) {
      memset(labels + e, ORG_I, z - e); /* "Ford Motor Co of Canada" */
      e = z;
    } else if (e < n && labels[e] == GEO_B) {
      size_t g = span_end(labels, n, e);
      if ((g == n || !upper_initial(&words[g])) && known_company(t->gaz, words + i, e - i) &&
          country_or_kind(t->gaz, words + e, g - e, "continent")) {
        memset(labels + e, ORG_I, g - e); /* "Ford Australia", "GM Europe" */
        e = g;
      }
    }
    i = e - 1;
  }
}

/* A name particle between two names: "do" of "Banco do Brasil", "des" of
 * "Cie des Machines Bull", "de la". */
static size_t particles_at(const kg_str *words, size_t n, size_t i) {
  static const char *const part[] = {"de",  "di",  "da",  "del", "della", "dei", "des",
                                     "du",  "do",  "dos", "das", "der",   "van", "von",
                                     "la",  "las", "los", "le"};
  size_t k = i;
  while (k < n && k < i + 2 && kg_str_in(&words[k], part, sizeof part / sizeof *part))
    k++;
  /* "la", "los", "le" only after another particle ("de la", "van der") */
  if (k > i && (kg_str_is(&words[i], "la") || kg_str_is(&words[i], "las") ||
                kg_str_is(&words[i], "los") || kg_str_is(&words[i], "le")))
    return 0;
  return k - i;
}

static bool name_label(uint8_t l) { return l >= PER_B && l <= GEO_I; }

void kg_tagger_apply_particles(const kg_tagger *t, const kg_str *words, size_t n,
                               uint8_t *labels) {
  enum { NAME_MAX = 12 }; /* words of the joined name: no work beyond it */
  for (size_t i = 1; i + 1 < n; i++) {
    size_t np;
    if (labels[i] || !name_label(labels[i - 1]) || !(np = particles_at(words, n, i)) ||
        i + np >= n || !name_label(labels[i + np]) || is_inside(labels[i + np]))
      continue;
    size_t a = i - 1, e = i + np + 1;
    while (a > 0 && i - a < NAME_MAX && is_inside(labels[a]))
      a--;
    while (e < n && e - a <= NAME_MAX && is_inside(labels[e]))
      e++;
    if (is_inside(labels[a]) || e - a > NAME_MAX || (e < n && is_inside(labels[e])))
      continue;
    uint8_t first = (uint8_t)(labels[a] | 1), second = labels[i + np], b = first;
    /* The type: what the gazetteer knows the first name as ("General
     * Motors de Mexico", "Mato Grosso do Sul"); else a person's when the
     * second is a person's name or the first starts with a given name
     * ("Sebastiao do Rego Barros", "Orlando dos Santos"); an organization
     * on either side makes one, and so does a place after a name of no
     * place ("Banco do Brasil", "Banque Nationale de Paris"). */
    kg_gaz_entry g1, g2;
    unsigned k1 = t->gaz && known_whole(t->gaz, words + a, i - a, &g1) ? known_label(&g1) : 0;
    unsigned k2 = t->gaz && known_whole(t->gaz, words + i + np, e - i - np, &g2)
                      ? known_label(&g2)
                      : 0;
    if (k1)
      b = (uint8_t)k1;
    else if ((second == PER_B && !k2) ||
             (first == PER_B && t->gaz && given_name_word(t, &words[a])))
      b = PER_B;
    else if (first == ORG_B || second == ORG_B || second == GEO_B || k2)
      b = ORG_B;
    labels[a] = b;
    memset(labels + a + 1, b + 1, e - a - 1);
    i = e - 1;
  }
}

/* Whether words[i] is a lower-case noun for a kind of company ("company",
 * "carmaker", "airline").  Not "group", "newspaper", "network", "producer",
 * "bank" or "broker": GMB tags the names after them people and places too
 * (al-Qaida's "network", "producer Ry Cooder", "central bank Ben Bernanke"). */
static bool company_noun(const kg_str *w) {
  static const char *const nouns[] = {
      "company",  "companies",    "firm",     "giant",       "maker",      "carmaker",
      "automaker", "manufacturer", "airline", "carrier",     "retailer",   "insurer",
      "conglomerate", "brokerage", "subsidiary", "unit",     "utility",    "concern",
      "agency",   "chipmaker",    "steelmaker", "drugmaker", "shipbuilder", "refiner"};
  return kg_str_in(w, nouns, sizeof nouns / sizeof *nouns);
}

/* Whether a span that ends at e is followed by an apposition that says it
 * is a company: a comma, "a" or "an", up to four words in lower case or
 * demonyms, a company noun, then punctuation or a word that goes on with
 * the noun phrase ("Hospal, a subsidiary of Sandoz", "Magna, a Canadian
 * automobile parts maker."); not "Chicago, a company spokesman said",
 * "Reid, a company founder". */
static bool company_apposition(const kg_tagger *t, const kg_str *words, size_t n, size_t e) {
  enum { WORDS_MAX = 4 };
  static const char *const after[] = {"of", "in", "which", "that", "with", "for", "based",
                                      "owned", "controlled", "specializing", "whose"};
  static const char *const glue[] = {"of", "the", "in", "at", "for", "to", "and", "with", "from",
                                     "on", "by", "its", "his", "her", "their"};
  if (e + 2 >= n || !kg_str_is(&words[e], ",") ||
      !(kg_str_is(&words[e + 1], "a") || kg_str_is(&words[e + 1], "an")))
    return false;
  for (size_t k = e + 2; k < n && k < e + 3 + WORDS_MAX; k++) {
    if (company_noun(&words[k]))
      return k + 1 == n || is_punct(&words[k + 1]) ||
             kg_str_in(&words[k + 1], after, sizeof after / sizeof *after);
    bool lower = words[k].len && words[k].ptr[0] >= 'a' && words[k].ptr[0] <= 'z';
    if ((!lower && !(t->gaz && (gaz_word(t->gaz, &words[k]) & KG_GAZ_DEMONYM))) ||
        kg_str_in(&words[k], glue, sizeof glue / sizeof *glue))
      return false; /* "Grimes, a director of the company" */
  }
  return false;
}

/* Where "of" is in an org span [i, end) that opens with a person's name: a
 * given name, an optional middle initial and a family name, "of", then a
 * capitalized word ("Stephen Roach of Morgan Stanley", "Bill Sullivan of
 * Dean Witter Reynolds Inc."), as GMB tags them (person, O, name) 88 times
 * in 91; not "Whitney Museum of American Art", "Guy F. Atkinson Co of
 * California", nor a name the gazetteer knows.  0 when it is no such span. */
static size_t person_of(const kg_tagger *t, const kg_str *words, size_t i, size_t end) {
  size_t f = i + 1;
  if (f < end && words[f].len == 2 && upper_initial(&words[f]) && words[f].ptr[1] == '.')
    f++; /* "F." */
  if (!t->gaz || f + 2 >= end || !kg_str_is(&words[f + 1], "of") ||
      !upper_initial(&words[f + 2]) || !first_name_word(t, &words[i]) ||
      !upper_initial(&words[f]) || is_legal_form(&words[f]))
    return 0;
  uint32_t b = gaz_word(t->gaz, &words[f]);
  kg_gaz_entry e;
  if ((b & (KG_GAZ_ORG_WORD | KG_GAZ_TITLE)) || ((b & KG_GAZ_COMMON) && !(b & KG_GAZ_SURNAME)) ||
      known_whole(t->gaz, words + i, f + 1 - i, &e))
    return 0;
  return f + 1;
}

/* Whether words[0..n) are exactly a landmark the gazetteer knows ("Wall
 * Street", "U.S. Capitol", "Kabul International Airport"), which GMB tags an
 * organization now and then (Wall Street 11 times in train, a place never). */
static bool landmark(const kg_tagger *t, const kg_str *words, size_t n) {
  kg_gaz_entry e;
  return t->gaz && known_whole(t->gaz, words, n, &e) && e.type == KG_LOCATION && e.kind &&
         strcmp(e.kind, "landmark") == 0;
}

/* Whether the org span [i, end) is one or two ordinary words and legal
 * forms ("Tire Corp Ltd", "Bay Co"), which name no company of their own. */
static bool ordinary_company(const kg_tagger *t, const kg_str *words, size_t i, size_t end) {
  size_t f = end;
  while (f > i && is_legal_form(&words[f - 1]))
    f--;
  return t->gaz && f < end && f > i && f - i <= 2 && ordinary_name(t, words + i, f - i);
}

/* Whether such an org span follows a demonym: "Canadian" + "Tire Corp Ltd",
 * "British" + "Gas Plc". */
static bool demonym_company(const kg_tagger *t, const kg_str *words, size_t i, size_t end) {
  return ordinary_company(t, words, i, end) &&
         (gaz_word(t->gaz, &words[i - 1]) & KG_GAZ_DEMONYM);
}

/* Whether such an org span goes on a one-word name and "'s" before it:
 * "Hudson 's Bay Co", "People 's Finance Corp", "Oliver 's Stores Inc"
 * (not a country's or a known organization's: "Japan 's Steel Corp",
 * "Exxon 's Chemical Co"). */
static bool possessive_company(const kg_tagger *t, const kg_str *words, const uint8_t *labels,
                               size_t i, size_t end) {
  kg_gaz_entry e;
  return kg_str_is(&words[i - 1], "'s") && !labels[i - 1] && upper_initial(&words[i - 2]) &&
         !is_inside(labels[i - 2]) && (i == 2 || !upper_initial(&words[i - 3])) &&
         ordinary_company(t, words, i, end) && !known_whole(t->gaz, words + i - 2, 1, &e);
}

void kg_tagger_apply_cues(const kg_tagger *t, const kg_str *words, size_t n, uint8_t *labels) {
  static const char *const compass[] = {"North", "South", "East", "West", "NORTH", "SOUTH",
                                        "EAST", "WEST"};
  for (size_t i = 0; i < n; i++) {
    if (labels[i] != PER_B && labels[i] != GEO_B && labels[i] != ORG_B)
      continue;
    size_t end = span_end(labels, n, i), of;
    if (labels[i] == ORG_B && (of = person_of(t, words, i, end)) != 0) {
      labels[i] = PER_B; /* "Stephen Roach of Morgan Stanley" */
      memset(labels + i + 1, PER_I, of - i - 1);
      labels[of] = 0;
      labels[of + 1] = ORG_B;
    } else if (labels[i] == ORG_B && i >= 2 && possessive_company(t, words, labels, i, end)) {
      labels[i - 2] = ORG_B; /* "Hudson" + "'s" + "Bay Co", "People's Finance Corp" */
      labels[i - 1] = ORG_I;
      labels[i] = ORG_I;
    } else if (labels[i] == ORG_B && (end == n || !upper_initial(&words[end])) &&
               landmark(t, words + i, end - i)) {
      labels[i] = GEO_B; /* "Wall Street": a place, as CoNLL-2003 tags facilities */
      memset(labels + i + 1, GEO_I, end - i - 1);
    } else if (labels[i] == ORG_B && i > 0 && labels[i - 1] == GPE_B &&
               (i == 1 || !upper_initial(&words[i - 2])) && demonym_company(t, words, i, end)) {
      labels[i - 1] = ORG_B; /* "Canadian" + "Tire Corp Ltd", "British" + "Gas Plc" */
      labels[i] = ORG_I;
    } else if (end == i + 1 && end < n && labels[end] == GPE_B &&
        kg_str_in(&words[i], compass, sizeof compass / sizeof *compass)) {
      labels[i] = 0; /* "West" of "West German" */
    } else if (labels[i] != ORG_B &&
               ((i > 0 && !labels[i - 1] && company_noun(&words[i - 1])) ||
                ((i == 0 || !kg_str_is(&words[i - 1], "of")) &&
                 company_apposition(t, words, n, end)))) { /* not "Mafina BV of Voorburg, a" */
      kg_gaz_entry e; /* "the Dutch company Billiton"; not "the company Ecuador" */
      if (!t->gaz || !known_whole(t->gaz, words + i, end - i, &e) ||
          (e.type != KG_COUNTRY && e.type != KG_PERSON)) {
        labels[i] = ORG_B;
        memset(labels + i + 1, ORG_I, end - i - 1);
      }
    }
    i = end - 1;
  }
}

void kg_tagger_apply_titles_after(const kg_tagger *t, const kg_str *words, size_t n,
                                  uint8_t *labels) {
  enum { SPAN_MAX = 8 };
  static const char *const govt[] = {"Government", "Administration", "GOVERNMENT"};
  if (!t->gaz)
    return;
  for (size_t i = 0; i < n; i++) {
    if (labels[i] != ORG_B && labels[i] != GEO_B)
      continue;
    size_t end = span_end(labels, n, i), m = end;
    /* "U.K. Government": the country's, which GMB writes in lower case */
    bool gov = end - i >= 2 && kg_str_in(&words[end - 1], govt, sizeof govt / sizeof *govt);
    if (gov)
      m--;
    while (!gov && labels[i] == ORG_B && m > i + 1) { /* "Chairman and CEO" */
      bool glue = m > i + 2 && m < end &&
                  (kg_str_is(&words[m - 1], "and") || kg_str_is(&words[m - 1], "&"));
      if (!title_word(t, &words[glue ? m - 2 : m - 1]))
        break;
      m -= glue ? 2 : 1;
    }
    if (m < end && m - i <= SPAN_MAX) {
      char buf[SPAN_MAX * 64];
      kg_str f[SPAN_MAX];
      kg_gaz_entry e;
      fold_words(words + i, m - i, buf, f);
      bool known = kg_gazetteer_match(t->gaz, f, m - i, 0, &e) == m - i;
      if (known && !gov && known_label(&e) == ORG_B)
        memset(labels + m, 0, end - m); /* "Apple CEO": the company; the title is no part of it */
      else if (known && gov && e.type == KG_COUNTRY && !e.demonym) {
        labels[i] = GEO_B;
        memset(labels + i + 1, GEO_I, m - i - 1);
        memset(labels + m, 0, end - m);
      }
    }
    i = end - 1;
  }
  /* "Apple CEO Steve Jobs" as one person: the company, then the person
   * with the title, as GMB writes it (a known organization before a title:
   * B-org 300 times in train, inside a person's span 6). */
  for (size_t i = 0; i < n; i++) {
    if (labels[i] != PER_B)
      continue;
    size_t end = span_end(labels, n, i), m = end - i < SPAN_MAX ? end - i : SPAN_MAX;
    char buf[SPAN_MAX * 64];
    kg_str f[SPAN_MAX];
    kg_gaz_entry e;
    fold_words(words + i, m, buf, f);
    size_t k = kg_gazetteer_match(t->gaz, f, m, 0, &e);
    if (k && i + k < end && known_label(&e) == ORG_B &&
        title_word(t, &words[i + k])) {
      size_t p = i + k; /* the titles, then the name if any */
      while (p < end && title_word(t, &words[p]))
        p++;
      labels[i] = ORG_B;
      memset(labels + i + 1, ORG_I, k - 1);
      labels[i + k] = p < end ? PER_B : 0; /* "Ryanair CEO": no one */
      memset(labels + i + k + 1, p < end ? PER_I : 0, end - i - k - 1);
    }
    i = end - 1;
  }
}

void kg_tagger_apply_indices(const kg_tagger *t, const kg_str *words, size_t n, uint8_t *labels) {
  enum { SPAN_MAX = 8, AFTER = 4 };
  if (!t->gaz)
    return;
  for (size_t i = 0; i < n; i++) {
    if (!name_start(labels[i]))
      continue;
    size_t end = span_end(labels, n, i), m = end - i + AFTER;
    m = m < SPAN_MAX ? m : SPAN_MAX;
    m = m < n - i ? m : n - i;
    size_t k = 0;
    if (end - i <= SPAN_MAX) {
      char buf[SPAN_MAX * 64];
      kg_str f[SPAN_MAX];
      fold_words(words + i, m, buf, f);
      k = kg_gazetteer_index_use(t->gaz, f, m, 0, end - i);
    }
    size_t stop = i + k < end ? end : i + k; /* "Nikkei stock index" */
    if (k) {
      memset(labels + i, 0, stop - i); /* "Nikkei" of "the Nikkei average" */
      if (stop < n && labels[stop] && !(labels[stop] & 1))
        labels[stop]--; /* a span cut by the index's name starts after it */
    }
    i = stop - 1;
  }
}

static bool same_word(const kg_str *a, const kg_str *b) {
  return a->len == b->len && memcmp(a->ptr, b->ptr, a->len) == 0;
}

/* Whether words[a..b) occur, in order, among the company's name words
 * words[c..e) (its legal forms left out). */
static bool in_company(const kg_str *words, size_t a, size_t b, size_t c, size_t e) {
  for (size_t s = c; s + (b - a) <= e; s++) {
    size_t k = 0;
    while (k < b - a && same_word(&words[s + k], &words[a + k]))
      k++;
    if (k == b - a)
      return true;
  }
  return false;
}

/* Whether a capitalized word is no more than a name word: not a common
 * word, title, month, place or other known name part on its own. */
static bool bare_name_word(const kg_gazetteer *g, const kg_str *w) {
  if (!upper_initial(w))
    return false;
  bool lower = false;
  for (size_t i = 1; i < w->len; i++) {
    char c = w->ptr[i];
    if (c >= 'a' && c <= 'z')
      lower = true;
    if (c == '-' && i + 1 < w->len && w->ptr[i + 1] >= 'a' && w->ptr[i + 1] <= 'z')
      return false; /* "Swiss-based", "State-owned" */
  }
  if (!lower && w->len > 1)
    return false; /* "COMPAQ": a headline word, or an acronym the model reads itself */
  if (!g)
    return true;
  char f[128];
  size_t fl = kg_tg_fold(w->ptr, w->len, f, sizeof f);
  uint32_t bits = fl ? kg_gazetteer_word(g, f, fl) : 0;
  return !(bits & (KG_GAZ_COMMON | KG_GAZ_TITLE | KG_GAZ_MONTH | KG_GAZ_WEEKDAY | KG_GAZ_COUNTRY |
                   KG_GAZ_DEMONYM | KG_GAZ_FIRST_NAME | KG_GAZ_LOCATION | KG_GAZ_ORG_WORD |
                   KG_GAZ_EVENT_WORD));
}

/* The next organization span at or after c whose name ends in a legal form
 * ("Alcan Aluminium Ltd"): its start (n when none), its end in *e and the
 * end of its name without the legal forms in *ne. */
static size_t next_company(const kg_str *words, const uint8_t *labels, size_t n, size_t c,
                           size_t *e, size_t *ne) {
  for (; c < n; c++) {
    if (labels[c] != ORG_B)
      continue;
    *e = span_end(labels, n, c);
    if (*e - c >= 2 && is_legal_form(&words[*e - 1])) {
      *ne = *e;
      while (*ne > c && is_legal_form(&words[*ne - 1]))
        (*ne)--;
      return c;
    }
    c = *e - 1;
  }
  return n;
}

/* In a document that names a company with its legal form ("Spencer Cos Inc",
 * "E.F. Hutton Group Inc"), a person or place span made of its name words
 * ("Spencer", "Hutton") is that company: the model reads a bare company name
 * as a surname or a place; so are untagged occurrences of its first name
 * words ("Alcan" said, after "Alcan Aluminium Ltd"; a single word only when
 * the gazetteer knows it as nothing else).  The first COMPANIES_MAX
 * companies of a document are used, so a huge document costs linear time. */
void kg_tagger_apply_companies(const kg_tagger *t, const kg_str *words, const uint32_t *sent_ends,
                               size_t n_sents, uint8_t *labels) {
  const kg_gazetteer *g = t ? t->gaz : NULL;
  size_t n = n_sents ? sent_ends[n_sents - 1] : 0;
  enum { COMPANIES_MAX = 64 };
  unsigned companies = 0; /* each costs a pass over the document: bounded */
  size_t e, ne; /* a company's span and its name without its legal forms */
  for (size_t c = 0; (c = next_company(words, labels, n, c, &e, &ne)) < n &&
                     companies < COMPANIES_MAX;
       c = e) {
    companies++;
    bool untagged = bare_name_word(NULL, &words[c]);
    for (size_t a = 0, sn = 0; a < n; a++) {
      while (sent_ends[sn] <= a)
        sn++;
      if (labels[a] == PER_B || labels[a] == GEO_B) { /* "Spencer" */
        size_t b = span_end(labels, n, a);
        if (in_company(words, a, b, c, ne)) {
          labels[a] = ORG_B;
          for (size_t j = a + 1; j < b; j++)
            labels[j] = ORG_I;
        }
        a = b - 1;
        continue;
      }
      if (!untagged || labels[a] || !same_word(&words[a], &words[c])) /* "Alcan said" */
        continue;
      size_t k = 1; /* within the sentence: labels stay IOB2 */
      while (a + k < sent_ends[sn] && c + k < ne && !labels[a + k] &&
             same_word(&words[a + k], &words[c + k]))
        k++;
      if (k == 1 && !bare_name_word(g, &words[a]))
        continue;
      labels[a] = ORG_B;
      for (size_t j = a + 1; j < a + k; j++)
        labels[j] = ORG_I;
      a += k - 1;
    }
  }
}

void kg_tagger_apply_short_names(const kg_tagger *t, const kg_str *words,
                                 const uint32_t *sent_ends, size_t n_sents, uint8_t *labels) {
  (void)t;
  size_t n = n_sents ? sent_ends[n_sents - 1] : 0;
  enum { COMPANIES_MAX = 64 };
  unsigned companies = 0; /* each costs a pass over the document: bounded */
  size_t e, ne;
  for (size_t c = 0; (c = next_company(words, labels, n, c, &e, &ne)) < n &&
                     companies < COMPANIES_MAX;
       c = e) {
    if (ne - c < 2)
      continue;
    companies++;
    /* "Harper and Row" of "Harper and Row Publishers Inc" */
    bool pair = ne - c >= 4 && is_and(&words[c + 1]) && upper_initial(&words[c + 2]);
    for (size_t a = 0, sn = 0; a < n; a++) {
      while (sent_ends[sn] <= a)
        sn++;
      if (pair && a != c && a + 3 <= sent_ends[sn] && same_word(&words[a], &words[c]) &&
          is_and(&words[a + 1]) && same_word(&words[a + 2], &words[c + 2]) &&
          (a + 3 == sent_ends[sn] || !upper_initial(&words[a + 3])) &&
          labels[a + 1] != GEO_B && labels[a + 2] != GEO_B &&
          !(labels[a] == ORG_B && labels[a + 1] == ORG_I && labels[a + 2] == ORG_I) &&
          !(a + 3 < n && is_inside(labels[a + 3]))) { /* (a longer span of the model stays) */
        labels[a] = ORG_B;
        labels[a + 1] = labels[a + 2] = ORG_I;
        a += 2;
        continue;
      }
      if (labels[a] != GPE_B || !same_word(&words[a], &words[c]))
        continue;
      size_t k = 1; /* within the sentence: labels stay IOB2 */
      while (a + k < sent_ends[sn] && c + k < ne && !labels[a + k] &&
             upper_initial(&words[a + k]) && same_word(&words[a + k], &words[c + k]))
        k++;
      if (k < 2 || (a + k < sent_ends[sn] && upper_initial(&words[a + k])))
        continue;
      labels[a] = ORG_B; /* "British Printing" of "British Printing and Communication Corp" */
      memset(labels + a + 1, ORG_I, k - 1);
      a += k - 1;
    }
  }
}

void kg_tagger_apply_named_people(const kg_tagger *t, const kg_str *words, const uint32_t *sent_ends,
                                  size_t n_sents, uint8_t *labels) {
  enum { CHECKS_MAX = 32 }; /* each scans the document: linear time on any input */
  if (!t->gaz)
    return;
  unsigned checks = 0;
  for (size_t k = 0, b = 0; k < n_sents && checks < CHECKS_MAX; b = sent_ends[k++]) {
    size_t e = sent_ends[k];
    if (caps_line(words + b, e - b))
      continue;
    for (size_t i = b; i + 1 < e && checks < CHECKS_MAX; i++) {
      /* untagged, or the given name alone a person ("Steve" + "Jobs") */
      if ((labels[i] && labels[i] != PER_B) || labels[i + 1] || !upper_initial(&words[i + 1]) ||
          (i + 2 < e && upper_initial(&words[i + 2])) ||
          (i > b && upper_initial(&words[i - 1]) && !title_word(t, &words[i - 1])) ||
          !given_name_word(t, &words[i]))
        continue;
      /* the family name ends a person span elsewhere in the document */
      checks++;
      bool person = false;
      size_t n = sent_ends[n_sents - 1];
      for (size_t j = 0; j < n && !person; j++)
        person = (labels[j] == PER_B || labels[j] == PER_I) &&
                 (j + 1 == n || labels[j + 1] != PER_I) && kg_str_eq(&words[j], &words[i + 1]);
      if (person) {
        labels[i] = PER_B; /* "company CEO Steve Jobs" beside "Jobs said" */
        labels[i + 1] = PER_I;
      }
    }
  }
}

/* Applies a sentence rule to each sentence of a document. */
static void each_sentence(void (*rule)(const kg_tagger *, const kg_str *, size_t, uint8_t *),
                          const kg_tagger *t, const kg_str *words, const uint32_t *sent_ends,
                          size_t n_sents, uint8_t *out) {
  for (size_t k = 0, begin = 0; k < n_sents; begin = sent_ends[k++])
    rule(t, words + begin, sent_ends[k] - begin, out + begin);
}

/* The last word on the spans of tagged sentences: forms, then the gazetteer,
 * then datelines; on the final labels (last), products, coordinated pairs,
 * headlines, known names of several words, currencies, people (bare titles,
 * given names in lower case), the article before a name, the titles after
 * a known company, market indices and companies named "A and B Co" too.
 * Training's jackknifed first pass sees what the run-time first pass sees:
 * last is false for both. */
static void finish(const kg_tagger *t, const kg_str *words, const uint32_t *sent_ends, size_t n_sents,
                   uint8_t *out, bool last) {
  size_t begin = 0;
  for (size_t k = 0; k < n_sents; k++) {
    kg_tagger_apply_forms(words + begin, sent_ends[k] - begin, out + begin);
    begin = sent_ends[k];
  }
  kg_tagger_apply_companies(t, words, sent_ends, n_sents, out);
  kg_tagger_apply_gazetteer(t, words, begin, out);
  each_sentence(kg_tagger_apply_datelines, t, words, sent_ends, n_sents, out);
  if (last) {
    kg_tagger_apply_products(t, words, begin, out);
    kg_tagger_apply_pairs(t, words, begin, out);
    each_sentence(kg_tagger_apply_headlines, t, words, sent_ends, n_sents, out);
    each_sentence(kg_tagger_apply_known, t, words, sent_ends, n_sents, out);
    kg_tagger_apply_named_people(t, words, sent_ends, n_sents, out);
    each_sentence(kg_tagger_apply_currencies, t, words, sent_ends, n_sents, out);
    each_sentence(kg_tagger_apply_people, t, words, sent_ends, n_sents, out);
    each_sentence(kg_tagger_apply_article, t, words, sent_ends, n_sents, out);
    each_sentence(kg_tagger_apply_titles_after, t, words, sent_ends, n_sents, out);
    kg_tagger_apply_country_words(t, words, sent_ends, n_sents, out);
    each_sentence(kg_tagger_apply_indices, t, words, sent_ends, n_sents, out);
    each_sentence(kg_tagger_apply_and_companies, t, words, sent_ends, n_sents, out);
    each_sentence(kg_tagger_apply_branches, t, words, sent_ends, n_sents, out);
    each_sentence(kg_tagger_apply_particles, t, words, sent_ends, n_sents, out);
    each_sentence(kg_tagger_apply_cues, t, words, sent_ends, n_sents, out);
    each_sentence(kg_tagger_apply_partnerships, t, words, sent_ends, n_sents, out);
    kg_tagger_apply_short_names(t, words, sent_ends, n_sents, out);
  }
}

int kg_tagger_tag(const kg_tagger *t, kg_tagger_state *st, const kg_str *words, size_t n_words,
                  const uint32_t *sent_ends, size_t n_sents, uint8_t *out, kg_error *err) {
  if (st->stamp != t->stamp) { /* another model: its cached sums are wrong */
    free(st->cache);
    free(st->ckeys);
    st->cache = NULL;
    st->ckeys = NULL;
    st->cache_n = 0;
    st->stamp = t->stamp;
  }
  size_t begin = 0;
  for (size_t k = 0; k < n_sents; k++) {
    size_t end = sent_ends[k];
    if (end < begin || end > n_words)
      return kg_error_set(err, KG_ERR_USAGE, "tagger: sentence %zu ends at word %zu (of %zu, after %zu)",
                          k, end, n_words, begin);
    begin = end;
  }
  size_t n = begin; /* words after the last sentence end are O */
  for (size_t i = n; i < n_words; i++)
    out[i] = 0;
  /* The document: each word's folded hash and gazetteer classes (from the
   * word cache), then headline truecasing and the document features. */
  if (n + 1 > st->info_cap) {
    size_t cap = n + 1 > 2 * st->info_cap ? n + 1 : 2 * st->info_cap;
    if (!grow((void **)&st->info, cap, sizeof *st->info) ||
        !grow((void **)&st->demit, cap, KG_TG_LP * sizeof *st->demit) ||
        !grow((void **)&st->lbits, cap, sizeof *st->lbits) ||
        !grow((void **)&st->dkey, cap, sizeof *st->dkey) || !grow((void **)&st->dslot, cap, sizeof *st->dslot))
      goto nomem;
    st->info_cap = cap;
  }
  if (ensure_cache(st))
    goto nomem;
  for (size_t i = 0; i < n; i++) {
    st->dkey[i] = word_key(&words[i], 0);
    st->dslot[i] = 0;
    const wentry *e = word_entry(t, st, st->dkey[i], &st->dslot[i], &words[i], 0);
    st->info[i] = (kg_tg_winfo){e->hlw, e->gbits};
  }
  if (kg_tg_doc_analyze(&st->doc, words, st->info, n, sent_ends, n_sents))
    goto nomem;
  begin = 0;
  for (size_t k = 0; k < n_sents; k++) {
    size_t end = sent_ends[k];
    if (end > begin && tag_sentence(t, st, st->doc.word + begin, end - begin, st->doc.mode[begin],
                                    st->doc.dbits + begin, st->dkey + begin, st->dslot + begin,
                                    st->demit + begin * KG_TG_LP, out + begin))
      goto nomem;
    begin = end;
  }
  if (!(t->flags & KG_TG_FLAG_STACK)) { /* training's first pass */
    finish(t, words, sent_ends, n_sents, out, false);
    return 0;
  }
  /* Second pass: what the first gave the other occurrences of each word, after
   * the last word on its spans (as the jackknifed first pass of training). */
  finish(t, words, sent_ends, n_sents, out, false);
  kg_tg_doc_labels(&st->doc, st->info, out, n, st->lbits);
  begin = 0;
  for (size_t k = 0; k < n_sents; k++) {
    size_t end = sent_ends[k];
    bool any = false;
    for (size_t i = begin; i < end && !any; i++)
      any = st->lbits[i] != 0;
    if (!any) { /* nothing new: the first pass stands */
      begin = end;
      continue;
    }
    for (size_t i = begin; i < end; i++) {
      int32_t *e = st->demit + i * KG_TG_LP;
      for (unsigned bit = 0; bit < KG_TG_NLAB; bit++)
        if (st->lbits[i] >> bit & 1)
          add32(e, t->lab[out[i]][bit]);
    }
    if (end > begin)
      kg_tg_viterbi(st->demit + begin * KG_TG_LP, end - begin, t->trans, t->start, st->bp, out + begin);
    begin = end;
  }
  finish(t, words, sent_ends, n_sents, out, true);
  return 0;
nomem:
  return kg_error_set(err, KG_ERR_NOMEM, "tagger: out of memory (document of %zu words)", n_words);
}

static int tag_docs(const kg_tagger *t, kg_tagger_state *st, const kg_conll *c, size_t s0, size_t s_end,
                    uint8_t *out, kg_error *err);

int kg_tagger_tag_conll(const kg_tagger *t, kg_tagger_state *st, const kg_conll *c, uint8_t *out,
                        kg_error *err) {
  return tag_docs(t, st, c, 0, c->n_sents, out, err);
}

int kg_tagger_score_conll(const kg_conll *c, const uint8_t *pred, const kg_type_map *map,
                          kg_score *out) {
  size_t n = c->n_tokens + c->n_sents;
  kg_str *g = malloc((n + 1) * sizeof *g), *p = malloc((n + 1) * sizeof *p);
  if (!g || !p) {
    free(g);
    free(p);
    return KG_ERR_NOMEM;
  }
  size_t k = 0, s = 0;
  for (size_t i = 0; i < c->n_tokens; i++) {
    g[k] = c->tags[i];
    p[k++] = (kg_str){kg_tg_labels[pred[i]], strlen(kg_tg_labels[pred[i]])};
    if (s < c->n_sents && c->sent_ends[s] == i + 1) {
      g[k] = p[k] = (kg_str){NULL, 0}; /* boundary */
      k++;
      s++;
    }
  }
  kg_score_tags(g, p, k, map, out);
  free(g);
  free(p);
  return 0;
}

void kg_tagger_strip_titles(const kg_tagger *t, const kg_str *words, size_t n, uint8_t *labels) {
  if (!t->gaz)
    return;
  enum { B_PER = 1, SPAN_MAX = 16 };
  for (size_t i = 0; i < n; i++) {
    if (labels[i] != B_PER)
      continue;
    size_t end = span_end(labels, n, i);
    if (end - i < 2 || end - i > SPAN_MAX)
      continue;
    /* Fold the span's words (short) and find the longest title prefix,
     * repeatedly ("Prime Minister" after "Deputy"). */
    char buf[SPAN_MAX * 64];
    kg_str f[SPAN_MAX];
    fold_words(words + i, end - i, buf, f);
    size_t k = 0, m;
    while (k + 1 < end - i && (m = kg_gazetteer_title(t->gaz, f, end - i, k, NULL)) > 0 && k + m < end - i)
      k += m;
    for (size_t j = i; j < i + k; j++)
      labels[j] = 0;
    labels[i + k] = B_PER;
    i = end - 1;
  }
}

/* ------------------------------------------------------- two threads */

typedef struct conll_job {
  const kg_tagger *t;
  kg_tagger_state *st;
  const kg_conll *c;
  size_t s0, s1; /* sentences: whole documents */
  uint8_t *out;
  int rc;
  kg_error err;
} conll_job;

/* A newswire dateline opens sentence s: one to four words in capitals, then
 * only commas and capitalized words ("LOS ANGELES , Calif ."), then a date or
 * an agency's credit (date_at): "LONDON , March 2 -", "BRUSSELS 1996-08-22",
 * "PARIS ( Reuters ) -". */
static bool dateline(const kg_conll *c, const kg_gazetteer *gaz, size_t s) {
  size_t b = s ? c->sent_ends[s - 1] : 0, e = c->sent_ends[s], i = b;
  while (i < e && i - b < 5 && caps_word(&c->words[i]))
    i++;
  if (i == b || i - b > 4)
    return false;
  for (size_t k = i; k < e && k < i + 6; k++) {
    const kg_str *w = &c->words[k];
    if (date_at(gaz, c->words + b, e - b, k - b))
      return true;
    bool cap = upper_initial(w);
    if (!cap && !(w->len == 1 && (w->ptr[0] == ',' || w->ptr[0] == '.')))
      return false;
  }
  return false;
}

/* An ALL-CAPS headline of two or more words in capitals. */
static bool headline(const kg_conll *c, size_t s) {
  size_t b = s ? c->sent_ends[s - 1] : 0, e = c->sent_ends[s], caps = 0;
  for (size_t i = b; i < e && caps < 2; i++)
    caps += caps_word(&c->words[i]);
  return caps >= 2 && caps_line(c->words + b, e - b);
}

/* Sentence s opens a news article: its dateline, or the headline just before one. */
static bool article_start(const kg_conll *c, const kg_gazetteer *gaz, size_t s) {
  if (dateline(c, gaz, s))
    return s == 0 || !headline(c, s - 1);
  return s + 1 < c->n_sents && headline(c, s) && dateline(c, gaz, s + 1);
}

size_t kg_tg_doc_end(const kg_conll *c, const kg_gazetteer *gaz, size_t s0, size_t d) {
  if (c->has_docstart)
    return c->doc_ends[d] > c->n_sents ? c->n_sents : c->doc_ends[d];
  size_t s1 = s0 + 1;
  while (s1 < c->n_sents && s1 < s0 + KG_TG_PSEUDO_DOC && !(gaz && article_start(c, gaz, s1)))
    s1++;
  return s1 > c->n_sents ? c->n_sents : s1;
}

static int tag_docs(const kg_tagger *t, kg_tagger_state *st, const kg_conll *c, size_t s0, size_t s_end,
                    uint8_t *out, kg_error *err) {
  uint32_t *rel = malloc((s_end - s0 + 1) * sizeof *rel);
  if (!rel)
    return kg_error_set(err, KG_ERR_NOMEM, "tagger: out of memory");
  int rc = 0;
  size_t d = 0;
  if (c->has_docstart)
    while (d < c->n_docs && c->doc_ends[d] <= s0)
      d++;
  while (s0 < s_end && !rc) {
    size_t s1 = kg_tg_doc_end(c, t->gaz, s0, d++);
    size_t w0 = s0 ? c->sent_ends[s0 - 1] : 0, w1 = s1 ? c->sent_ends[s1 - 1] : 0;
    for (size_t s = s0; s < s1; s++)
      rel[s - s0] = c->sent_ends[s] - (uint32_t)w0;
    rc = kg_tagger_tag(t, st, c->words + w0, w1 - w0, rel, s1 - s0, out + w0, err);
    s0 = s1;
  }
  free(rel);
  return rc;
}

static void *conll_thread(void *arg) {
  conll_job *j = arg;
  j->rc = tag_docs(j->t, j->st, j->c, j->s0, j->s1, j->out, &j->err);
  return NULL;
}

int kg_tagger_tag_conll_mt(const kg_tagger *t, const kg_conll *c, uint8_t *out, unsigned threads,
                           kg_error *err) {
  kg_tagger_state *st[2] = {kg_tagger_state_new(), threads > 1 ? kg_tagger_state_new() : NULL};
  int rc = 0;
  if (!st[0]) {
    rc = kg_error_set(err, KG_ERR_NOMEM, "tagger: out of memory");
    goto done;
  }
  /* Split at the document boundary nearest half the tokens; small inputs
   * and a failed second state or thread just run on this thread. */
  size_t split = c->n_sents;
  if (st[1] && c->n_tokens >= 20000) {
    size_t s0 = 0, d = 0;
    while (s0 < c->n_sents) {
      size_t s1 = kg_tg_doc_end(c, t->gaz, s0, d++);
      if (c->sent_ends[s1 - 1] >= c->n_tokens / 2) {
        split = s1;
        break;
      }
      s0 = s1;
    }
  }
  conll_job j = {.t = t, .st = st[1], .c = c, .s0 = split, .s1 = c->n_sents, .out = out};
  pthread_t th;
  bool started = split < c->n_sents && pthread_create(&th, NULL, conll_thread, &j) == 0;
  rc = tag_docs(t, st[0], c, 0, started ? split : c->n_sents, out, err);
  if (started) {
    pthread_join(th, NULL);
    if (!rc && j.rc) {
      rc = j.rc;
      if (err)
        *err = j.err;
    }
  }
done:
  kg_tagger_state_free(st[0]);
  kg_tagger_state_free(st[1]);
  return rc;
}
