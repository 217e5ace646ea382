/* tagger_train.c: training the tagger (averaged structured perceptron).
 *
 * The training file is read once and cut into documents as the tagger cuts
 * it (kg_tg_doc_end), each analyzed as at run time; every word type gets its
 * feature keys once; features seen fewer than MIN_COUNT times are dropped;
 * each token then holds a list of feature indices.  Each epoch visits the sentences in a
 * seeded shuffled order, decodes with Viterbi under IOB2 constraints and, on
 * a mistake, moves the weights toward the gold labels (integer updates, lazy
 * averaging with the w - u/c trick, so training is exact and deterministic).
 * After each epoch the averaged weights are quantized into a model exactly as
 * it will be shipped, the dev file is tagged with it through the run-time
 * tagger, and the model with the best dev F1 over per/org/geo/gpe is kept.
 *
 * Robustness: a seeded fraction of sentences is also trained as an ALL-CAPS
 * headline on its own (truecased without a body), so headlines are not lost.
 * Stacking (jackknife): first-pass labels for the training data come from
 * models trained on the other documents; the features they give are then
 * indexed and the final model trained with them (see jackknife()).
 * Epochs, folds and the pseudo-document size were chosen on dev, nothing on
 * the cross-source proxies.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "conll.h"
#include "tagger_impl.h"

extern const unsigned char kg_embed_ner_clusters[], kg_embed_ner_clusters_end[];

#define MIN_COUNT 2
#define DEFAULT_EPOCHS 15
#ifndef STACK
#define STACK 1
#endif
#define JK_EPOCHS 6
#ifndef JK_FOLDS
#define JK_FOLDS 2
#endif
#define CAPS_COPIES_PER_1000 50
#define FOLD_WORD_MAX 128 /* as in tagger.c */
#define DEV_TYPES "per=per,org=org,geo=geo,gpe=gpe,*=O"

static uint64_t splitmix(uint64_t *s) {
  uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

/* --------------------------------------------------- growable arrays, maps */

typedef struct vec {
  void *v;
  size_t n, cap, sz;
} vec;

static void *vec_push(vec *a) {
  if (a->n == a->cap) {
    size_t cap = a->cap ? a->cap * 2 : 1024;
    void *p = realloc(a->v, cap * a->sz);
    if (!p)
      return NULL;
    a->v = p;
    a->cap = cap;
  }
  return (char *)a->v + a->sz * a->n++;
}

/* u64 key -> (count, index) open-addressing map. */
typedef struct kmap {
  uint64_t *keys;
  uint32_t *count, *idx;
  size_t cap, n;
} kmap;

static int kmap_init(kmap *m, size_t cap) {
  m->cap = cap;
  m->n = 0;
  m->keys = calloc(cap, sizeof *m->keys);
  m->count = calloc(cap, sizeof *m->count);
  m->idx = malloc(cap * sizeof *m->idx);
  return m->keys && m->count && m->idx ? 0 : KG_ERR_NOMEM;
}

static void kmap_destroy(kmap *m) {
  free(m->keys);
  free(m->count);
  free(m->idx);
}

static int kmap_grow(kmap *m) {
  kmap b;
  if (kmap_init(&b, m->cap * 2)) {
    kmap_destroy(&b);
    return KG_ERR_NOMEM;
  }
  for (size_t i = 0; i < m->cap; i++) {
    if (!m->keys[i])
      continue;
    size_t j = m->keys[i] & (b.cap - 1);
    while (b.keys[j])
      j = (j + 1) & (b.cap - 1);
    b.keys[j] = m->keys[i];
    b.count[j] = m->count[i];
    b.idx[j] = m->idx[i];
  }
  b.n = m->n;
  kmap_destroy(m);
  *m = b;
  return 0;
}

/* Slot of key, inserting it (count 0, idx UINT32_MAX) when new; SIZE_MAX on OOM. */
static size_t kmap_slot(kmap *m, uint64_t key) {
  if (!key)
    key = 1;
  if ((m->n + 1) * 2 > m->cap && kmap_grow(m))
    return SIZE_MAX;
  size_t j = key & (m->cap - 1);
  while (m->keys[j] && m->keys[j] != key)
    j = (j + 1) & (m->cap - 1);
  if (!m->keys[j]) {
    m->keys[j] = key;
    m->count[j] = 0;
    m->idx[j] = UINT32_MAX;
    m->n++;
  }
  return j;
}

/* ------------------------------------------------------------- the corpus */

typedef struct inst {
  uint32_t sent;
  uint32_t mode;
  uint32_t doc;  /* document index, as kg_tagger_tag_conll splits the file */
  bool copy;     /* an upper-cased copy of sentence sent */
} inst;

typedef struct corpus {
  kg_conll c;
  uint8_t *gold;      /* per token */
  inst *insts;
  size_t n_insts;
  /* word types: (word, mode) -> keys per offset */
  kmap types;         /* key = word hash ^ mode -> idx = type */
  vec tkeys;          /* u64 keys of all types, back to back */
  vec toff;           /* u32[type * 6 + o]: start of offset o in tkeys; [6] = end */
  vec thash;          /* u64[type * 2]: hlw, hshape */
  vec tgbits;         /* u32[type]: gazetteer word classes */
  uint32_t *tok_type; /* per instance token, in instance order */
  uint8_t *gm, *tm;   /* per instance token: gazetteer match values */
  uint8_t *db;        /* per instance token: document feature bits */
  uint16_t *lb;       /* per instance token: second-pass label bits (stacking) */
  uint8_t *fl;        /* per instance token: its first-pass label (with lb) */
  size_t n_inst_tokens;
  size_t *inst_tok;   /* first instance token of instance k */
} corpus;

static void corpus_destroy(corpus *cp) {
  kg_conll_destroy(&cp->c);
  free(cp->gold);
  free(cp->insts);
  kmap_destroy(&cp->types);
  free(cp->tkeys.v);
  free(cp->toff.v);
  free(cp->thash.v);
  free(cp->tok_type);
  free(cp->tgbits.v);
  free(cp->gm);
  free(cp->tm);
  free(cp->db);
  free(cp->lb);
  free(cp->fl);
  free(cp->inst_tok);
}

/* Gold labels: the last column as IOB2 (I- after a different type or O
 * becomes B-; unknown tags become O). */
static int read_gold(corpus *cp, const char *path, kg_error *err) {
  cp->gold = malloc(cp->c.n_tokens + 1);
  if (!cp->gold)
    return kg_error_set(err, KG_ERR_NOMEM, "%s: out of memory", path);
  size_t s = 0, unknown = 0;
  for (size_t i = 0; i < cp->c.n_tokens; i++) {
    bool first = i == 0 || (s > 0 && cp->c.sent_ends[s - 1] == i);
    int y = kg_tg_label_parse(cp->c.tags[i].ptr, cp->c.tags[i].len);
    if (y < 0) {
      unknown += cp->c.tags[i].len != 1 || cp->c.tags[i].ptr[0] != 'O';
      y = 0;
    }
    if (!kg_tg_allowed(first ? -1 : cp->gold[i - 1], y))
      y -= 1; /* I-x -> B-x */
    cp->gold[i] = (uint8_t)y;
    if (s < cp->c.n_sents && cp->c.sent_ends[s] == i + 1)
      s++;
  }
  if (cp->c.n_tokens > 0 && unknown * 2 > cp->c.n_tokens)
    return kg_error_set(err, KG_ERR_FORMAT, "%s: most last-column tags are not IOB tags of per org geo gpe tim eve art nat (%zu of %zu)",
                        path, unknown, cp->c.n_tokens);
  return 0;
}

static uint32_t type_of(corpus *cp, const kg_str *w, unsigned mode, const kg_gazetteer *gaz,
                        const kg_tg_clusters *cl, kg_tg_word *scratch, int *rc) {
  uint64_t key = kg_tg_hash(w->ptr, w->len, 0x6b67) ^ mode;
  size_t j = kmap_slot(&cp->types, key);
  if (j == SIZE_MAX) {
    *rc = KG_ERR_NOMEM;
    return 0;
  }
  if (cp->types.idx[j] != UINT32_MAX)
    return cp->types.idx[j];
  uint32_t t = (uint32_t)(cp->thash.n / 2);
  cp->types.idx[j] = t;
  kg_tg_word_features(w->ptr, w->len, mode, gaz, cl, scratch);
  for (int o = 0; o < KG_TG_NOFF; o++) {
    uint32_t *off = vec_push(&cp->toff);
    if (!off)
      goto oom;
    *off = (uint32_t)cp->tkeys.n;
    for (uint32_t k = 0; k < scratch->n[o]; k++) {
      uint64_t *p = vec_push(&cp->tkeys);
      if (!p)
        goto oom;
      *p = scratch->keys[o][k];
    }
  }
  uint32_t *end = vec_push(&cp->toff);
  uint32_t *gb = vec_push(&cp->tgbits);
  if (!gb)
    goto oom;
  *gb = scratch->gbits;
  uint64_t *h1 = vec_push(&cp->thash), *h2 = h1 ? vec_push(&cp->thash) : NULL;
  if (!end || !h2)
    goto oom;
  *end = (uint32_t)cp->tkeys.n;
  *h1 = scratch->hlw;
  *h2 = scratch->hshape;
  return t;
oom:
  *rc = KG_ERR_NOMEM;
  return 0;
}

/* Gazetteer match values of one sentence (as the run-time tagger computes them). */
static int gaz_matches(const corpus *cp, const kg_gazetteer *gaz, const kg_str *words, size_t n,
                       const uint32_t *types, uint8_t *gm, uint8_t *tm) {
  if (!gaz) {
    memset(gm, 0, n);
    memset(tm, 0, n);
    return 0;
  }
  kg_str *folded = malloc((n + 1) * sizeof *folded);
  uint32_t *gbits = malloc((n + 1) * sizeof *gbits);
  size_t total = 0;
  for (size_t i = 0; i < n; i++)
    total += words[i].len < FOLD_WORD_MAX ? words[i].len * 3 + 1 : 1;
  char *buf = malloc(total + 1);
  if (!folded || !gbits || !buf) {
    free(folded);
    free(gbits);
    free(buf);
    return KG_ERR_NOMEM;
  }
  char *p = buf;
  for (size_t i = 0; i < n; i++) {
    size_t fl = words[i].len < FOLD_WORD_MAX ? kg_tg_fold(words[i].ptr, words[i].len, p, words[i].len * 3 + 1) : 0;
    folded[i] = (kg_str){p, fl};
    p += fl + 1;
    gbits[i] = ((const uint32_t *)cp->tgbits.v)[types[i]];
  }
  kg_tg_gaz_sentence(gaz, words, folded, gbits, n, gm, tm);
  free(folded);
  free(gbits);
  free(buf);
  return 0;
}

/* Add instance (sentence s, words w[0..n) as the features read them, their
 * modes and document bits) to the corpus. */
static int add_instance(corpus *cp, size_t s, size_t doc, bool copy, const kg_str *w, const uint8_t *mode,
                        const uint8_t *dbits, size_t n, const kg_gazetteer *gaz, const kg_tg_clusters *cl,
                        kg_tg_word *scratch) {
  int rc = 0;
  size_t nt = cp->n_inst_tokens, first = nt;
  cp->insts[cp->n_insts] = (inst){(uint32_t)s, n ? mode[0] : 0, (uint32_t)doc, copy};
  cp->inst_tok[cp->n_insts++] = nt;
  for (size_t i = 0; i < n; i++) {
    cp->db[nt] = dbits[i];
    cp->lb[nt] = 0;
    cp->tok_type[nt++] = type_of(cp, &w[i], mode[i], gaz, cl, scratch, &rc);
    if (rc)
      return rc;
  }
  cp->n_inst_tokens = nt;
  cp->inst_tok[cp->n_insts] = nt;
  return gaz_matches(cp, gaz, w, n, cp->tok_type + first, cp->gm + first, cp->tm + first);
}

static int build_corpus(corpus *cp, const char *path, const kg_gazetteer *gaz,
                        const kg_tg_clusters *cl, uint64_t seed, bool augment, kg_tg_word *scratch,
                        kg_error *err) {
  int rc = kg_conll_read(path, &cp->c, err);
  if (rc)
    return rc;
  if ((rc = read_gold(cp, path, err)))
    return rc;
  if (kmap_init(&cp->types, 1 << 16))
    return kg_error_set(err, KG_ERR_NOMEM, "%s: out of memory", path);
  cp->tkeys.sz = sizeof(uint64_t);
  cp->toff.sz = sizeof(uint32_t);
  cp->thash.sz = sizeof(uint64_t);
  cp->tgbits.sz = sizeof(uint32_t);
  size_t n_s = cp->c.n_sents, n_t = cp->c.n_tokens;
  cp->insts = malloc(2 * n_s * sizeof *cp->insts + 1);
  cp->inst_tok = malloc((2 * n_s + 1) * sizeof *cp->inst_tok);
  cp->tok_type = malloc((2 * n_t + 1) * sizeof *cp->tok_type);
  cp->gm = malloc(2 * n_t + 1);
  cp->tm = malloc(2 * n_t + 1);
  cp->db = malloc(2 * n_t + 1);
  cp->lb = malloc((2 * n_t + 1) * sizeof *cp->lb);
  cp->fl = calloc(2 * n_t + 1, 1);
  kg_tg_winfo *info = malloc((n_t + 1) * sizeof *info);
  uint32_t *rel = malloc((n_s + 1) * sizeof *rel);
  kg_str *up = malloc((n_t + 1) * sizeof *up);
  char *upbuf = malloc(cp->c.len + 1);
  kg_tg_doc doc, one;
  memset(&doc, 0, sizeof doc);
  memset(&one, 0, sizeof one);
  if (!cp->insts || !cp->inst_tok || !cp->tok_type || !cp->gm || !cp->tm || !cp->db || !cp->lb || !cp->fl || !info || !rel ||
      !up || !upbuf) {
    rc = KG_ERR_NOMEM;
    goto done;
  }
  for (size_t i = 0; i < n_t; i++)
    kg_tg_word_info(cp->c.words[i].ptr, cp->c.words[i].len, gaz, &info[i]);
  uint64_t rng = seed ^ 0x63617073;
  /* Documents as the tagger sees them (kg_tagger_tag_conll): -DOCSTART-
   * documents, or runs of sentences (kg_tg_doc_end). */
  size_t s0 = 0, d = 0, d_index = 0;
  while (s0 < n_s) {
    size_t s1 = kg_tg_doc_end(&cp->c, gaz, s0, d++);
    size_t w0 = s0 ? cp->c.sent_ends[s0 - 1] : 0, w1 = s1 ? cp->c.sent_ends[s1 - 1] : 0;
    for (size_t s = s0; s < s1; s++)
      rel[s - s0] = cp->c.sent_ends[s] - (uint32_t)w0;
    if ((rc = kg_tg_doc_analyze(&doc, cp->c.words + w0, info + w0, w1 - w0, rel, s1 - s0)))
      goto done;
    for (size_t s = s0; s < s1; s++) {
      size_t b = (s ? cp->c.sent_ends[s - 1] : 0) - w0, e = cp->c.sent_ends[s] - w0;
      if ((rc = add_instance(cp, s, d_index, false, doc.word + b, doc.mode + b, doc.dbits + b, e - b, gaz,
                             cl, scratch)))
        goto done;
      /* A seeded few sentences again as an ALL-CAPS headline on its own
       * (no body to take the casing from): headlines are not lost. */
      if (!augment || doc.mode[b] || splitmix(&rng) % 1000 >= CAPS_COPIES_PER_1000)
        continue;
      char *p = upbuf;
      for (size_t i = b; i < e; i++) {
        const kg_str *w = &cp->c.words[w0 + i];
        for (size_t j = 0; j < w->len; j++)
          p[j] = (char)(w->ptr[j] >= 'a' && w->ptr[j] <= 'z' ? w->ptr[j] - 32 : w->ptr[j]);
        up[i - b] = (kg_str){p, w->len};
        p += w->len;
      }
      uint32_t end = (uint32_t)(e - b);
      if ((rc = kg_tg_doc_analyze(&one, up, info + w0 + b, e - b, &end, 1)) ||
          (rc = add_instance(cp, s, d_index, true, one.word, one.mode, one.dbits, e - b, gaz, cl, scratch)))
        goto done;
    }
    s0 = s1;
    d_index++;
  }
done:
  kg_tg_doc_destroy(&doc);
  kg_tg_doc_destroy(&one);
  free(info);
  free(rel);
  free(up);
  free(upbuf);
  return rc ? kg_error_set(err, rc, "%s: out of memory", path) : 0;
}

/* Feature keys of token i of instance k (word keys at each offset, padding,
 * bias, pair keys) into keys[]; returns the count. */
static size_t token_keys(const corpus *cp, size_t k, size_t i, uint64_t *keys) {
  size_t b = cp->inst_tok[k], n = cp->inst_tok[k + 1] - b;
  const uint32_t *tt = cp->tok_type + b;
  const uint64_t *tk = cp->tkeys.v, *th = cp->thash.v;
  const uint32_t *to = cp->toff.v;
  size_t m = 0;
  keys[m++] = kg_tg_bias_key();
  for (int o = -KG_TG_WIN; o <= KG_TG_WIN; o++) {
    size_t j = i + (size_t)o;
    if (j >= n) {
      keys[m++] = kg_tg_pad_key(o);
      continue;
    }
    const uint32_t *off = to + (size_t)tt[j] * (KG_TG_NOFF + 1);
    for (uint32_t x = off[o + KG_TG_WIN]; x < off[o + KG_TG_WIN + 1]; x++)
      keys[m++] = tk[x];
  }
  for (unsigned bit = 0; bit < KG_TG_NLAB; bit++)
    if (cp->lb[b + i] >> bit & 1) {
      keys[m++] = kg_tg_lab_key(bit);
      keys[m++] = kg_tg_labown_key(cp->fl[b + i], bit);
    }
  if (cp->db[b + i]) {
    for (unsigned bit = 0; bit < KG_TG_NDOC; bit++)
      if (cp->db[b + i] >> bit & 1)
        keys[m++] = kg_tg_doc_key(bit);
    keys[m++] = kg_tg_docall_key(cp->db[b + i]);
  }
  for (int o = -1; o <= 1; o++) {
    size_t j = i + (size_t)o;
    if (j < n && cp->gm[b + j])
      keys[m++] = kg_tg_gm_key(o, cp->gm[b + j]);
    if (j < n && cp->tm[b + j])
      keys[m++] = kg_tg_tm_key(o, cp->tm[b + j]);
  }
  uint64_t pad = kg_tg_pad_hash();
  kg_tg_ctx c = {.first = i == 0};
  c.lw[0] = i > 0 ? th[2 * tt[i - 1]] : pad;
  c.sh[0] = i > 0 ? th[2 * tt[i - 1] + 1] : pad;
  c.lw[1] = th[2 * tt[i]];
  c.sh[1] = th[2 * tt[i] + 1];
  c.lw[2] = i + 1 < n ? th[2 * tt[i + 1]] : pad;
  c.sh[2] = i + 1 < n ? th[2 * tt[i + 1] + 1] : pad;
  m += kg_tg_pair_keys(&c, keys + m);
  return m;
}

#define MAX_TOKEN_KEYS (1 + KG_TG_NOFF * KG_TG_MAXK + 6 + KG_TG_NDOC + 1 + 2 * KG_TG_NLAB + KG_TG_MAXP)

/* ------------------------------------------------------------- training */

typedef struct trainer {
  size_t n_feats;
  uint64_t *fkeys;  /* key of feature f */
  uint32_t *foff;   /* per instance token: start in fidx */
  uint32_t *fidx;
  int32_t *w;       /* n_feats * L, plus (L+1)*L transitions at the end */
  int64_t *u;
  int64_t c;
} trainer;

static void trainer_destroy(trainer *t) {
  free(t->fkeys);
  free(t->foff);
  free(t->fidx);
  free(t->w);
  free(t->u);
}

static bool grow_array(void **p, size_t *cap, size_t sz) {
  void *q = realloc(*p, *cap * 2 * sz);
  if (!q)
    return false;
  *p = q;
  *cap *= 2;
  return true;
}

static int index_features(trainer *tr, const corpus *cp, kg_error *err) {
  kmap m;
  uint64_t keys[MAX_TOKEN_KEYS];
  int rc = 0;
  if (kmap_init(&m, 1 << 20))
    goto oom;
  /* Pass 1: counts. */
  for (size_t k = 0; k < cp->n_insts; k++) {
    size_t n = cp->inst_tok[k + 1] - cp->inst_tok[k];
    for (size_t i = 0; i < n; i++) {
      size_t nk = token_keys(cp, k, i, keys);
      for (size_t x = 0; x < nk; x++) {
        size_t j = kmap_slot(&m, keys[x]);
        if (j == SIZE_MAX)
          goto oom;
        m.count[j]++;
      }
    }
  }
  /* Pass 2: indices in first-seen order, and each token's list. */
  size_t cap = 1 << 20, used = 0, fcap = 1 << 16;
  tr->foff = malloc((cp->n_inst_tokens + 1) * sizeof *tr->foff);
  tr->fidx = malloc(cap * sizeof *tr->fidx);
  tr->fkeys = malloc(fcap * sizeof *tr->fkeys);
  if (!tr->foff || !tr->fidx || !tr->fkeys)
    goto oom;
  size_t t = 0;
  for (size_t k = 0; k < cp->n_insts; k++) {
    size_t n = cp->inst_tok[k + 1] - cp->inst_tok[k];
    for (size_t i = 0; i < n; i++, t++) {
      tr->foff[t] = (uint32_t)used;
      size_t nk = token_keys(cp, k, i, keys);
      for (size_t x = 0; x < nk; x++) {
        size_t j = kmap_slot(&m, keys[x]);
        if (m.count[j] < MIN_COUNT)
          continue;
        if (m.idx[j] == UINT32_MAX) {
          if (tr->n_feats == fcap && !grow_array((void **)&tr->fkeys, &fcap, sizeof *tr->fkeys))
            goto oom;
          m.idx[j] = (uint32_t)tr->n_feats;
          tr->fkeys[tr->n_feats++] = keys[x];
        }
        if (used == cap && !grow_array((void **)&tr->fidx, &cap, sizeof *tr->fidx))
          goto oom;
        if (used >= UINT32_MAX) {
          rc = kg_error_set(err, KG_ERR_USAGE, "training data too large (over 4G feature occurrences)");
          goto done;
        }
        tr->fidx[used++] = m.idx[j];
      }
    }
  }
  tr->foff[t] = (uint32_t)used;
  size_t nw = tr->n_feats * KG_TG_L + (KG_TG_L + 1) * KG_TG_L;
  tr->w = calloc(nw, sizeof *tr->w);
  tr->u = calloc(nw, sizeof *tr->u);
  if (!tr->w || !tr->u)
    goto oom;
  tr->c = 1;
  goto done;
oom:
  rc = kg_error_set(err, KG_ERR_NOMEM, "training: out of memory");
done:
  kmap_destroy(&m);
  return rc;
}

/* One pass over the instances in a shuffled order. Returns mistakes (tokens). */
static size_t epoch(trainer *tr, const corpus *cp, uint32_t *order, size_t n_insts, uint64_t *rng,
                    int32_t *emit, uint8_t *bp, uint8_t *pred) {
  size_t wrong = 0;
  for (size_t k = n_insts; k > 1; k--) { /* Fisher-Yates */
    size_t j = splitmix(rng) % k;
    uint32_t x = order[k - 1];
    order[k - 1] = order[j];
    order[j] = x;
  }
  int32_t *tw = tr->w + tr->n_feats * KG_TG_L;
  int64_t *tu = tr->u + tr->n_feats * KG_TG_L;
  int32_t trans[KG_TG_L * KG_TG_L], start[KG_TG_L];
  for (size_t q = 0; q < n_insts; q++) {
    size_t k = order[q];
    size_t b = cp->inst_tok[k], n = cp->inst_tok[k + 1] - b;
    const uint8_t *gold = cp->gold + (cp->insts[k].sent ? cp->c.sent_ends[cp->insts[k].sent - 1] : 0);
    for (int a = 0; a < KG_TG_L; a++) {
      for (int y = 0; y < KG_TG_L; y++)
        trans[a * KG_TG_L + y] = kg_tg_allowed(a, y) ? tw[a * KG_TG_L + y] : KG_TG_NEG_INF;
      start[a] = kg_tg_allowed(-1, a) ? tw[KG_TG_L * KG_TG_L + a] : KG_TG_NEG_INF;
    }
    for (size_t i = 0; i < n; i++) {
      int32_t *e = emit + i * KG_TG_LP;
      memset(e, 0, KG_TG_LP * sizeof *e);
      for (uint32_t x = tr->foff[b + i]; x < tr->foff[b + i + 1]; x++) {
        const int32_t *r = tr->w + (size_t)tr->fidx[x] * KG_TG_L;
        for (int y = 0; y < KG_TG_L; y++)
          e[y] += r[y];
      }
    }
    kg_tg_viterbi(emit, n, trans, start, bp, pred);
    int64_t c = tr->c;
    for (size_t i = 0; i < n; i++) {
      int g = gold[i], p = pred[i];
      if (g != p) {
        wrong++;
        for (uint32_t x = tr->foff[b + i]; x < tr->foff[b + i + 1]; x++) {
          size_t f = (size_t)tr->fidx[x] * KG_TG_L;
          tr->w[f + g]++;
          tr->u[f + g] += c;
          tr->w[f + p]--;
          tr->u[f + p] -= c;
        }
      }
      int gp = i ? gold[i - 1] : KG_TG_L, pp = i ? pred[i - 1] : KG_TG_L; /* row L = start */
      if (gp != pp || g != p) {
        tw[gp * KG_TG_L + g]++;
        tu[gp * KG_TG_L + g] += c;
        tw[pp * KG_TG_L + p]--;
        tu[pp * KG_TG_L + p] -= c;
      }
    }
    tr->c++;
  }
  return wrong;
}

static size_t n_weights(const trainer *tr) { return tr->n_feats * KG_TG_L + (KG_TG_L + 1) * KG_TG_L; }

/* The averaged weights (w - u/c). */
static void average(const trainer *tr, double *avg) {
  size_t nw = n_weights(tr);
  for (size_t i = 0; i < nw; i++)
    avg[i] = (double)tr->w[i] - (double)tr->u[i] / (double)tr->c;
}

/* Weights scaled to int16, as model bytes. */
static int quantize(const trainer *tr, const double *avg, const kg_tg_clusters *cl, unsigned flags,
                    void **out, size_t *out_len, kg_error *err) {
  size_t nw = n_weights(tr);
  int16_t *q = malloc(nw * sizeof *q);
  if (!q)
    return kg_error_set(err, KG_ERR_NOMEM, "training: out of memory");
  double top = 1e-9;
  for (size_t i = 0; i < nw; i++)
    if (fabs(avg[i]) > top)
      top = fabs(avg[i]);
  double scale = 32767.0 / top;
  for (size_t i = 0; i < nw; i++)
    q[i] = (int16_t)lrint(avg[i] * scale);
  int rc = kg_tg_model_build(q + tr->n_feats * KG_TG_L, tr->fkeys, q, tr->n_feats, cl, flags, out, out_len, err);
  free(q);
  return rc;
}


/* Stacking: first-pass labels for the training data that no model trained
 * on them produced (two folds by document parity, JK_EPOCHS epochs each),
 * turned into each token's label bits; the bits of a seeded half of the
 * documents stay empty, so the model also learns to tag without them, as
 * its own first pass does. */
static int jackknife(trainer *tr, corpus *cp, const kg_gazetteer *gaz, const kg_tg_clusters *cl,
                     unsigned flags, uint64_t seed, uint32_t *order, int32_t *emit, uint8_t *bp,
                     uint8_t *pred, FILE *log, kg_error *err) {
  size_t n_t = cp->c.n_tokens, nw = n_weights(tr);
  uint8_t *first = malloc(n_t + 1), *lab = malloc(n_t + 1);
  uint16_t *bits = malloc((n_t + 1) * sizeof *bits);
  double *avg = malloc(nw * sizeof *avg);
  kg_tagger_state *st = kg_tagger_state_new();
  kg_tg_winfo *info = malloc((n_t + 1) * sizeof *info);
  uint32_t *rel = malloc((cp->c.n_sents + 1) * sizeof *rel);
  kg_tg_doc doc;
  memset(&doc, 0, sizeof doc);
  int rc = 0;
  if (!first || !lab || !bits || !avg || !st || !info || !rel) {
    rc = kg_error_set(err, KG_ERR_NOMEM, "training: out of memory");
    goto done;
  }
  for (unsigned fold = 0; fold < JK_FOLDS; fold++) {
    size_t n_order = 0;
    for (size_t k = 0; k < cp->n_insts; k++)
      if (cp->insts[k].doc % JK_FOLDS != fold)
        order[n_order++] = (uint32_t)k;
    memset(tr->w, 0, nw * sizeof *tr->w);
    memset(tr->u, 0, nw * sizeof *tr->u);
    tr->c = 1;
    uint64_t rng = seed ^ (0x6a6b00 + fold);
    for (unsigned ep = 0; ep < JK_EPOCHS; ep++)
      epoch(tr, cp, order, n_order, &rng, emit, bp, pred);
    average(tr, avg);
    void *bytes = NULL;
    size_t len = 0;
    kg_tagger *t = NULL;
    if ((rc = quantize(tr, avg, cl, flags & ~KG_TG_FLAG_STACK, &bytes, &len, err)) ||
        (rc = kg_tg_open(bytes, len, true, gaz, "fold model", &t, err)) ||
        (rc = kg_tagger_tag_conll(t, st, &cp->c, lab, err))) {
      kg_tagger_free(t);
      goto done;
    }
    kg_tagger_free(t);
    for (size_t k = 0; k < cp->n_insts; k++) {
      const inst *in = &cp->insts[k];
      if (in->copy || in->doc % JK_FOLDS != fold)
        continue;
      size_t b = in->sent ? cp->c.sent_ends[in->sent - 1] : 0, e = cp->c.sent_ends[in->sent];
      memcpy(first + b, lab + b, e - b);
    }
    if (log) {
      size_t right = 0, all = 0;
      for (size_t k = 0; k < cp->n_insts; k++) {
        const inst *in = &cp->insts[k];
        if (in->copy || in->doc % JK_FOLDS != fold)
          continue;
        size_t b = in->sent ? cp->c.sent_ends[in->sent - 1] : 0, e = cp->c.sent_ends[in->sent];
        for (size_t i = b; i < e; i++)
          right += first[i] == cp->gold[i], all++;
      }
      fprintf(log, "stacking: fold %u first-pass token accuracy %.2f%%\n", fold, 100.0 * (double)right / (double)(all ? all : 1));
    }
  }
  /* Label bits within each document, as kg_tagger_tag computes them. */
  for (size_t i = 0; i < n_t; i++)
    kg_tg_word_info(cp->c.words[i].ptr, cp->c.words[i].len, gaz, &info[i]);
  uint64_t rng = seed ^ 0x64726f70;
  size_t s0 = 0, d = 0;
  while (s0 < cp->c.n_sents) {
    size_t s1 = kg_tg_doc_end(&cp->c, gaz, s0, d++);
    size_t w0 = s0 ? cp->c.sent_ends[s0 - 1] : 0, w1 = s1 ? cp->c.sent_ends[s1 - 1] : 0;
    for (size_t s = s0; s < s1; s++)
      rel[s - s0] = cp->c.sent_ends[s] - (uint32_t)w0;
    if (kg_tg_doc_analyze(&doc, cp->c.words + w0, info + w0, w1 - w0, rel, s1 - s0)) {
      rc = kg_error_set(err, KG_ERR_NOMEM, "training: out of memory");
      goto done;
    }
    kg_tg_doc_labels(&doc, info + w0, first + w0, w1 - w0, bits + w0);
    if (splitmix(&rng) & 1)
      memset(bits + w0, 0, (w1 - w0) * sizeof *bits);
    s0 = s1;
  }
  for (size_t k = 0; k < cp->n_insts; k++) {
    const inst *in = &cp->insts[k];
    if (in->copy)
      continue;
    size_t b = in->sent ? cp->c.sent_ends[in->sent - 1] : 0;
    for (size_t i = cp->inst_tok[k]; i < cp->inst_tok[k + 1]; i++) {
      cp->lb[i] = bits[b + i - cp->inst_tok[k]];
      cp->fl[i] = first[b + i - cp->inst_tok[k]];
    }
  }
done:
  kg_tg_doc_destroy(&doc);
  kg_tagger_state_free(st);
  free(first);
  free(lab);
  free(bits);
  free(avg);
  free(info);
  free(rel);
  return rc;
}

static int dev_score(const void *model, size_t len, const kg_gazetteer *gaz, const kg_conll *dev,
                     const kg_type_map *map, double *f1, kg_error *err) {
  kg_tagger *t = NULL;
  kg_tagger_state *st = kg_tagger_state_new();
  uint8_t *pred = malloc(dev->n_tokens + 1);
  int rc = 0;
  if (!st || !pred) {
    rc = kg_error_set(err, KG_ERR_NOMEM, "training: out of memory");
    goto done;
  }
  /* The run-time tagger on a private copy of the bytes: what ships is what is scored. */
  if ((rc = kg_tg_open(model, len, false, gaz, "model", &t, err)) ||
      (rc = kg_tagger_tag_conll(t, st, dev, pred, err)))
    goto done;
  kg_score s;
  rc = kg_tagger_score_conll(dev, pred, map, &s);
  if (rc) {
    rc = kg_error_set(err, rc, "training: out of memory");
    goto done;
  }
  double p, r;
  kg_score_prf(s.tp, s.fp, s.fn, &p, &r, f1);
done:
  kg_tagger_free(t);
  kg_tagger_state_free(st);
  free(pred);
  return rc;
}

int kg_tagger_train(const char *train_path, const char *dev_path, const kg_gazetteer *gaz,
                    const kg_train_opts *opts, kg_tagger **out, kg_error *err) {
  *out = NULL;
  corpus cp;
  trainer tr;
  kg_conll dev;
  memset(&cp, 0, sizeof cp);
  memset(&tr, 0, sizeof tr);
  memset(&dev, 0, sizeof dev);
  kg_type_map *map = NULL;
  kg_tg_word *scratch = malloc(sizeof *scratch);
  void *best = NULL, *cur = NULL;
  size_t best_len = 0, cur_len = 0;
  uint32_t *order = NULL;
  int32_t *emit = NULL;
  uint8_t *bp = NULL, *pred = NULL;
  double *avg = NULL, *best_avg = NULL;
  uint64_t *ckeys = NULL;
  uint16_t *cids = NULL;
  kg_tg_clusters cl = {0};

  unsigned epochs = opts && opts->epochs ? opts->epochs : DEFAULT_EPOCHS;
  uint64_t seed = opts ? opts->seed : 0;
  FILE *log = opts ? opts->log : NULL;
  unsigned flags = gaz ? KG_TG_FLAG_GAZ : 0u;
  int rc = 0;
  if (!scratch) {
    rc = kg_error_set(err, KG_ERR_NOMEM, "training: out of memory");
    goto done;
  }
  if (opts && opts->clusters) {
    kg_conll cf; /* any file reader will do: read it whole */
    memset(&cf, 0, sizeof cf);
    FILE *f = fopen(opts->clusters, "rb");
    if (!f) {
      rc = kg_error_set(err, KG_ERR_IO, "%s: cannot open", opts->clusters);
      goto done;
    }
    fclose(f);
    if ((rc = kg_conll_read(opts->clusters, &cf, err)))
      goto done;
    rc = kg_tg_clusters_parse(cf.buf, cf.len, opts->clusters, &ckeys, &cids, &cl.cap, err);
    kg_conll_destroy(&cf);
  } else {
    rc = kg_tg_clusters_parse((const char *)kg_embed_ner_clusters,
                              (size_t)(kg_embed_ner_clusters_end - kg_embed_ner_clusters),
                              "built-in clusters", &ckeys, &cids, &cl.cap, err);
  }
  if (rc)
    goto done;
  cl.keys = ckeys;
  cl.ids = cids;
  if ((rc = build_corpus(&cp, train_path, gaz, &cl, seed, true, scratch, err)))
    goto done;
  if (cp.c.n_tokens == 0) {
    rc = kg_error_set(err, KG_ERR_EMPTY, "%s: no tokens to train on", train_path);
    goto done;
  }
  if (dev_path && (rc = kg_conll_read(dev_path, &dev, err)))
    goto done;
  if ((rc = kg_type_map_new(DEV_TYPES, &map, err)))
    goto done;
  if ((rc = index_features(&tr, &cp, err)))
    goto done;
  if (log)
    fprintf(log, "train: %zu sentences (+%zu upper-cased copies), %zu tokens, %zu word types, %zu features\n",
            cp.c.n_sents, cp.n_insts - cp.c.n_sents, cp.c.n_tokens, cp.thash.n / 2, tr.n_feats);
  size_t max_len = 1;
  for (size_t k = 0; k < cp.n_insts; k++)
    if (cp.inst_tok[k + 1] - cp.inst_tok[k] > max_len)
      max_len = cp.inst_tok[k + 1] - cp.inst_tok[k];
  order = malloc(cp.n_insts * sizeof *order);
  emit = malloc(max_len * KG_TG_LP * sizeof *emit);
  bp = malloc(max_len * KG_TG_L);
  pred = malloc(max_len);
  if (!order || !emit || !bp || !pred) {
    rc = kg_error_set(err, KG_ERR_NOMEM, "training: out of memory");
    goto done;
  }
  if (STACK) {
    if ((rc = jackknife(&tr, &cp, gaz, &cl, flags, seed, order, emit, bp, pred, log, err)))
      goto done;
    trainer_destroy(&tr);
    memset(&tr, 0, sizeof tr);
    if ((rc = index_features(&tr, &cp, err)))
      goto done;
    flags |= KG_TG_FLAG_STACK;
    if (log)
      fprintf(log, "stacking: %zu features with the label bits\n", tr.n_feats);
  }
  for (size_t k = 0; k < cp.n_insts; k++)
    order[k] = (uint32_t)k;
  size_t nw = n_weights(&tr);
  avg = malloc(nw * sizeof *avg);
  best_avg = malloc(nw * sizeof *best_avg);
  if (!avg || !best_avg) {
    rc = kg_error_set(err, KG_ERR_NOMEM, "training: out of memory");
    goto done;
  }
  uint64_t rng = seed;
  double best_f1 = -1;
  unsigned best_epoch = 0;
  for (unsigned ep = 1; ep <= epochs; ep++) {
    size_t wrong = epoch(&tr, &cp, order, cp.n_insts, &rng, emit, bp, pred);
    average(&tr, avg);
    double f1 = 0;
    if (dev_path) {
      if ((rc = quantize(&tr, avg, &cl, flags, &cur, &cur_len, err)) ||
          (rc = dev_score(cur, cur_len, gaz, &dev, map, &f1, err)))
        goto done;
      free(cur);
      cur = NULL;
    }
    if (log) {
      fprintf(log, "epoch %2u: %zu training tokens wrong (%.2f%%)", ep, wrong,
              100.0 * (double)wrong / (double)cp.n_inst_tokens);
      if (dev_path)
        fprintf(log, ", dev F1 (per org geo gpe) %.2f", 100 * f1);
      fputc('\n', log);
      fflush(log);
    }
    if (!dev_path || f1 > best_f1) { /* without dev, the last epoch is kept */
      memcpy(best_avg, avg, nw * sizeof *avg);
      best_f1 = f1;
      best_epoch = ep;
    }
  }
  if (log && dev_path)
    fprintf(log, "kept epoch %u (dev F1 %.2f)\n", best_epoch, 100 * best_f1);
  if ((rc = quantize(&tr, best_avg, &cl, flags, &best, &best_len, err)))
    goto done;
  rc = kg_tg_open(best, best_len, true, gaz, "trained model", out, err);
  best = NULL;
done:
  free(ckeys);
  free(cids);
  free(avg);
  free(best_avg);
  free(best);
  free(cur);
  free(order);
  free(emit);
  free(bp);
  free(pred);
  free(scratch);
  kg_type_map_free(map);
  kg_conll_destroy(&dev);
  trainer_destroy(&tr);
  corpus_destroy(&cp);
  return rc;
}
