/* tagger_nn.c: the tagger's small neural network, whose decisions the
 * perceptron reads as features (stacking).
 *
 * A window MLP in the style of Collobert et al.: each word is the sum of the
 * embeddings of a few of its properties (folded form, short shape, suffixes,
 * word clusters, gazetteer classes, capitalization: kg_tg_word.nnk), the five
 * words -2..+2 go through their own D x H projection, the sum goes through a
 * ReLU layer and a linear layer to the 17 label scores.  It is trained per
 * token with softmax cross-entropy and AdaGrad (dense float maths in a fixed
 * order, so training is reproducible), not jointly with the perceptron: the
 * perceptron sees, at offsets -1..1, its best label with a margin bucket and,
 * at 0, its two best labels (kg_tg_nn_decide), and learns how far to trust
 * them.  Unlike the perceptron's one weight per feature and label, the hidden
 * layer combines properties of different words (a capitalized unknown word
 * after "in" before a comma), which is where it adds something.
 *
 * Speed: a word's projection at each offset depends on the word alone, so
 * the tagger caches it per word type (kg_tg_nn_word) next to the perceptron
 * sums; a token then costs five H-vector adds, the ReLU and an H x 17 layer.
 * Everything here is deterministic; no allocation outside training.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "tagger_impl.h"

static size_t align64(size_t x) { return (x + 63) & ~(size_t)63; }

kg_tg_nn_layout kg_tg_nn_layout_of(uint32_t cap, uint32_t rows) {
  kg_tg_nn_layout l;
  l.slots = 0;
  l.emb = l.slots + (size_t)cap * sizeof(uint64_t);
  l.w = l.emb + align64((size_t)rows * KG_TG_NN_D * sizeof(float));
  l.b = l.w + align64((size_t)KG_TG_NOFF * KG_TG_NN_H * KG_TG_NN_D * sizeof(float));
  l.v = l.b + align64(KG_TG_NN_H * sizeof(float));
  l.c = l.v + align64((size_t)KG_TG_L * KG_TG_NN_H * sizeof(float));
  l.size = l.c + align64(KG_TG_L * sizeof(float));
  return l;
}

void kg_tg_nn_view(const unsigned char *blob, uint32_t cap, uint32_t rows, kg_tg_nn *nn) {
  kg_tg_nn_layout l = kg_tg_nn_layout_of(cap, rows);
  nn->cap = cap;
  nn->rows = rows;
  nn->slots = (const uint64_t *)(blob + l.slots);
  nn->emb = (const float *)(blob + l.emb);
  nn->w = (const float *)(blob + l.w);
  nn->b = (const float *)(blob + l.b);
  nn->v = (const float *)(blob + l.v);
  nn->c = (const float *)(blob + l.c);
}

static const float *nn_row(const kg_tg_nn *nn, uint64_t key) {
  uint64_t fp = key >> 24;
  if (!fp)
    fp = 1;
  uint32_t mask = nn->cap - 1;
  for (uint32_t i = (uint32_t)key & mask;; i = (i + 1) & mask) {
    uint64_t s = nn->slots[i];
    if (!s)
      return NULL;
    if ((s >> 24) == fp)
      return nn->emb + (size_t)(s & 0xFFFFFF) * KG_TG_NN_D;
  }
}

void kg_tg_nn_word(const kg_tg_nn *nn, const uint64_t *keys, size_t n, float out[KG_TG_NOFF][KG_TG_NN_H]) {
  float e[KG_TG_NN_D] = {0};
  for (size_t k = 0; k < n; k++) {
    const float *r = nn_row(nn, keys[k]);
    if (r)
      for (int d = 0; d < KG_TG_NN_D; d++)
        e[d] += r[d];
  }
  for (int o = 0; o < KG_TG_NOFF; o++)
    for (int h = 0; h < KG_TG_NN_H; h++) {
      const float *w = nn->w + ((size_t)o * KG_TG_NN_H + (size_t)h) * KG_TG_NN_D;
      float s = 0;
      for (int d = 0; d < KG_TG_NN_D; d++)
        s += w[d] * e[d];
      out[o][h] = s;
    }
}

/* Margin between the two best scores, in four buckets (log-odds). */
static unsigned margin_bucket(float m) { return m < 1.0f ? 0 : m < 2.5f ? 1 : m < 5.0f ? 2 : 3; }

void kg_tg_nn_scores(const kg_tg_nn *nn, const float *z, float *s) {
  float h[KG_TG_NN_H];
  for (int k = 0; k < KG_TG_NN_H; k++) {
    float x = z[k] + nn->b[k];
    h[k] = x > 0 ? x : 0;
  }
  for (int y = 0; y < KG_TG_L; y++) {
    const float *v = nn->v + (size_t)y * KG_TG_NN_H;
    float a = nn->c[y];
    for (int k = 0; k < KG_TG_NN_H; k++)
      a += v[k] * h[k];
    s[y] = a;
  }
}

void kg_tg_nn_decide(const kg_tg_nn *nn, const float *z, uint8_t *c1, uint16_t *c2) {
  float s[KG_TG_L];
  kg_tg_nn_scores(nn, z, s);
  int top = 0, second = -1;
  for (int y = 0; y < KG_TG_L; y++) {
    float a = s[y];
    if (y && a > s[top]) {
      second = top;
      top = y;
    } else if (y && (second < 0 || a > s[second])) {
      second = y;
    }
  }
  *c1 = (uint8_t)(1 + top * 4 + (int)margin_bucket(s[top] - s[second]));
  *c2 = (uint16_t)(1 + top * KG_TG_L + second);
}

/* ------------------------------------------------------------- training */

static uint64_t splitmix(uint64_t *s) {
  uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

/* Uniform in [-a, a). */
static float uniform(uint64_t *rng, float a) {
  return a * (2.0f * (float)((double)(splitmix(rng) >> 11) * 0x1.0p-53) - 1.0f);
}

#define NN_MIN_COUNT 2
#define NN_LR 0.05f
#define NN_EPS 1e-6f

typedef struct nn_train {
  size_t rows;
  uint64_t *rkeys;          /* key of each row */
  float *emb, *gemb;        /* rows * D, and the AdaGrad sums */
  float w[KG_TG_NOFF][KG_TG_NN_H][KG_TG_NN_D], gw[KG_TG_NOFF][KG_TG_NN_H][KG_TG_NN_D];
  float b[KG_TG_NN_H], gb[KG_TG_NN_H];
  float v[KG_TG_L][KG_TG_NN_H], gv[KG_TG_L][KG_TG_NN_H];
  float c[KG_TG_L], gc[KG_TG_L];
  /* gradients of one sentence */
  float dw[KG_TG_NOFF][KG_TG_NN_H][KG_TG_NN_D], db[KG_TG_NN_H], dv[KG_TG_L][KG_TG_NN_H], dc[KG_TG_L];
} nn_train;

static inline void adagrad(float *p, float *g2, const float *g, size_t n) {
  for (size_t i = 0; i < n; i++) {
    g2[i] += g[i] * g[i];
    p[i] -= NN_LR * g[i] / sqrtf(g2[i] + NN_EPS);
  }
}

/* Key -> row map (open addressing, keys != 0). */
typedef struct rmap {
  uint64_t *keys;
  uint32_t *val;
  size_t cap;
} rmap;

static size_t rmap_find(const rmap *m, uint64_t key) {
  size_t i = key & (m->cap - 1);
  while (m->keys[i] && m->keys[i] != key)
    i = (i + 1) & (m->cap - 1);
  return i;
}

int kg_tg_nn_train(const kg_tg_nn_data *d, const uint32_t *insts, size_t n_use, unsigned epochs, uint64_t seed,
                   void **blob, size_t *blob_len, uint32_t *out_cap, uint32_t *out_rows) {
  *blob = NULL;
  int rc = KG_ERR_NOMEM;
  nn_train *t = calloc(1, sizeof *t);
  rmap m = {0};
  uint32_t *troff = NULL, *trows = NULL, *order = NULL;
  float *e = NULL, *p = NULL, *dp = NULL, *z = NULL;
  size_t maxn = 1;
  if (!t)
    goto done;
  /* Rows: keys seen at least NN_MIN_COUNT times in the tokens used, plus the pad. */
  size_t n_keys = d->type_off[d->n_types];
  m.cap = 1024;
  while (m.cap < 2 * n_keys + 2)
    m.cap *= 2;
  m.keys = calloc(m.cap, sizeof *m.keys);
  m.val = calloc(m.cap, sizeof *m.val);
  uint32_t *tcount = calloc(d->n_types + 1, sizeof *tcount);
  if (!m.keys || !m.val || !tcount) {
    free(tcount);
    goto done;
  }
  for (size_t q = 0; q < n_use; q++) {
    size_t k = insts[q];
    size_t n = d->inst_tok[k + 1] - d->inst_tok[k];
    maxn = n > maxn ? n : maxn;
    for (size_t i = d->inst_tok[k]; i < d->inst_tok[k + 1]; i++)
      tcount[d->tok_type[i]]++;
  }
  for (size_t ty = 0; ty < d->n_types; ty++)
    for (uint32_t x = d->type_off[ty]; x < d->type_off[ty + 1]; x++) {
      size_t j = rmap_find(&m, d->type_keys[x]);
      m.keys[j] = d->type_keys[x];
      m.val[j] += tcount[ty];
    }
  free(tcount);
  {
    size_t j = rmap_find(&m, kg_tg_nn_pad_key());
    m.keys[j] = kg_tg_nn_pad_key();
    m.val[j] = NN_MIN_COUNT;
  }
  /* Row numbers in the order of first appearance (deterministic). */
  t->rkeys = malloc((n_keys + 2) * sizeof *t->rkeys);
  troff = malloc((d->n_types + 1) * sizeof *troff);
  trows = malloc((n_keys + 1) * sizeof *trows);
  if (!t->rkeys || !troff || !trows)
    goto done;
  for (size_t j = 0; j < m.cap; j++)
    if (m.keys[j])
      m.val[j] = m.val[j] >= NN_MIN_COUNT ? 0 : UINT32_MAX; /* 0 = wanted, no row yet */
  size_t pad_row = 0;
  {
    size_t j = rmap_find(&m, kg_tg_nn_pad_key());
    m.val[j] = 1;
    t->rkeys[t->rows++] = kg_tg_nn_pad_key();
  }
  size_t used = 0;
  for (size_t ty = 0; ty < d->n_types; ty++) {
    troff[ty] = (uint32_t)used;
    for (uint32_t x = d->type_off[ty]; x < d->type_off[ty + 1]; x++) {
      size_t j = rmap_find(&m, d->type_keys[x]);
      if (m.val[j] == UINT32_MAX)
        continue;
      if (m.val[j] == 0) {
        t->rkeys[t->rows] = d->type_keys[x];
        m.val[j] = (uint32_t)++t->rows; /* row + 1 */
      }
      trows[used++] = m.val[j] - 1;
    }
  }
  troff[d->n_types] = (uint32_t)used;
  t->emb = malloc(t->rows * KG_TG_NN_D * sizeof *t->emb);
  t->gemb = calloc(t->rows * KG_TG_NN_D, sizeof *t->gemb);
  order = malloc((n_use + 1) * sizeof *order);
  e = malloc(maxn * KG_TG_NN_D * sizeof *e);
  p = malloc((maxn + 1) * KG_TG_NOFF * KG_TG_NN_H * sizeof *p); /* + the pad */
  dp = malloc((maxn + 1) * KG_TG_NOFF * KG_TG_NN_H * sizeof *dp);
  z = malloc(maxn * KG_TG_NN_H * sizeof *z);
  if (!t->emb || !t->gemb || !order || !e || !p || !dp || !z)
    goto done;
  uint64_t rng = seed ^ 0x6e6e;
  for (size_t i = 0; i < t->rows * KG_TG_NN_D; i++)
    t->emb[i] = uniform(&rng, 0.1f);
  float aw = sqrtf(6.0f / (KG_TG_NOFF * KG_TG_NN_D + KG_TG_NN_H)), av = sqrtf(6.0f / (KG_TG_NN_H + KG_TG_L));
  for (int o = 0; o < KG_TG_NOFF; o++)
    for (int h = 0; h < KG_TG_NN_H; h++)
      for (int k = 0; k < KG_TG_NN_D; k++)
        t->w[o][h][k] = uniform(&rng, aw);
  for (int y = 0; y < KG_TG_L; y++)
    for (int h = 0; h < KG_TG_NN_H; h++)
      t->v[y][h] = uniform(&rng, av);
  memcpy(order, insts, n_use * sizeof *order);
  const size_t PH = KG_TG_NOFF * KG_TG_NN_H;
  for (unsigned ep = 0; ep < epochs; ep++) {
    for (size_t k = n_use; k > 1; k--) {
      size_t j = splitmix(&rng) % k;
      uint32_t x = order[k - 1];
      order[k - 1] = order[j];
      order[j] = x;
    }
    for (size_t q = 0; q < n_use; q++) {
      size_t k = order[q], b0 = d->inst_tok[k], n = d->inst_tok[k + 1] - b0;
      /* Forward: word vectors (position n = the pad), their projections. */
      for (size_t j = 0; j <= n; j++) {
        float *ej = j < n ? e + j * KG_TG_NN_D : NULL;
        float pe[KG_TG_NN_D];
        if (!ej)
          ej = pe;
        memset(ej, 0, KG_TG_NN_D * sizeof *ej);
        uint32_t r0 = j < n ? troff[d->tok_type[b0 + j]] : 0, r1 = j < n ? troff[d->tok_type[b0 + j] + 1] : 1;
        for (uint32_t x = r0; x < r1; x++) {
          const float *r = t->emb + (size_t)(j < n ? trows[x] : pad_row) * KG_TG_NN_D;
          for (int a = 0; a < KG_TG_NN_D; a++)
            ej[a] += r[a];
        }
        for (int o = 0; o < KG_TG_NOFF; o++)
          for (int h = 0; h < KG_TG_NN_H; h++) {
            float s = 0;
            for (int a = 0; a < KG_TG_NN_D; a++)
              s += t->w[o][h][a] * ej[a];
            p[j * PH + (size_t)o * KG_TG_NN_H + (size_t)h] = s;
          }
      }
      memset(dp, 0, (n + 1) * PH * sizeof *dp);
      memset(t->db, 0, sizeof t->db);
      memset(t->dv, 0, sizeof t->dv);
      memset(t->dc, 0, sizeof t->dc);
      for (size_t i = 0; i < n; i++) {
        float *zi = z + i * KG_TG_NN_H, h[KG_TG_NN_H], s[KG_TG_L];
        for (int a = 0; a < KG_TG_NN_H; a++)
          zi[a] = t->b[a];
        for (int o = -KG_TG_WIN; o <= KG_TG_WIN; o++) {
          size_t j = i + (size_t)o;
          const float *pj = p + (j < n ? j : n) * PH + (size_t)(o + KG_TG_WIN) * KG_TG_NN_H;
          for (int a = 0; a < KG_TG_NN_H; a++)
            zi[a] += pj[a];
        }
        for (int a = 0; a < KG_TG_NN_H; a++)
          h[a] = zi[a] > 0 ? zi[a] : 0;
        float top = -1e30f;
        for (int y = 0; y < KG_TG_L; y++) {
          float acc = t->c[y];
          for (int a = 0; a < KG_TG_NN_H; a++)
            acc += t->v[y][a] * h[a];
          s[y] = acc;
          top = acc > top ? acc : top;
        }
        float sum = 0;
        for (int y = 0; y < KG_TG_L; y++)
          sum += (s[y] = expf(s[y] - top));
        int g = d->gold[b0 + i];
        float dh[KG_TG_NN_H] = {0};
        for (int y = 0; y < KG_TG_L; y++) {
          float ds = s[y] / sum - (y == g);
          t->dc[y] += ds;
          for (int a = 0; a < KG_TG_NN_H; a++) {
            t->dv[y][a] += ds * h[a];
            dh[a] += ds * t->v[y][a];
          }
        }
        for (int a = 0; a < KG_TG_NN_H; a++) {
          float dz = zi[a] > 0 ? dh[a] : 0;
          t->db[a] += dz;
          for (int o = -KG_TG_WIN; o <= KG_TG_WIN; o++) {
            size_t j = i + (size_t)o;
            dp[(j < n ? j : n) * PH + (size_t)(o + KG_TG_WIN) * KG_TG_NN_H + (size_t)a] += dz;
          }
        }
      }
      /* Backward through the projections into the word vectors. */
      memset(t->dw, 0, sizeof t->dw);
      for (size_t j = 0; j <= n; j++) {
        float pe[KG_TG_NN_D], *ej, dej[KG_TG_NN_D] = {0};
        if (j < n) {
          ej = e + j * KG_TG_NN_D;
        } else {
          ej = pe;
          memcpy(pe, t->emb + pad_row * KG_TG_NN_D, sizeof pe);
        }
        for (int o = 0; o < KG_TG_NOFF; o++)
          for (int h = 0; h < KG_TG_NN_H; h++) {
            float g = dp[j * PH + (size_t)o * KG_TG_NN_H + (size_t)h];
            if (g == 0)
              continue;
            for (int a = 0; a < KG_TG_NN_D; a++) {
              t->dw[o][h][a] += g * ej[a];
              dej[a] += g * t->w[o][h][a];
            }
          }
        if (j == n) { /* the pad row: its gradient now (no other word shares it) */
          adagrad(t->emb + pad_row * KG_TG_NN_D, t->gemb + pad_row * KG_TG_NN_D, dej, KG_TG_NN_D);
          break;
        }
        uint32_t r0 = troff[d->tok_type[b0 + j]], r1 = troff[d->tok_type[b0 + j] + 1];
        for (uint32_t x = r0; x < r1; x++)
          adagrad(t->emb + (size_t)trows[x] * KG_TG_NN_D, t->gemb + (size_t)trows[x] * KG_TG_NN_D, dej,
                  KG_TG_NN_D);
      }
      adagrad(&t->w[0][0][0], &t->gw[0][0][0], &t->dw[0][0][0], sizeof t->w / sizeof(float));
      adagrad(t->b, t->gb, t->db, KG_TG_NN_H);
      adagrad(&t->v[0][0], &t->gv[0][0], &t->dv[0][0], sizeof t->v / sizeof(float));
      adagrad(t->c, t->gc, t->dc, KG_TG_L);
    }
  }
  /* Serialize in the run-time layout. */
  uint32_t cap = 1024;
  while (cap < t->rows + t->rows / 2 + 1)
    cap *= 2;
  kg_tg_nn_layout l = kg_tg_nn_layout_of(cap, (uint32_t)t->rows);
  unsigned char *out = calloc(1, l.size);
  if (!out)
    goto done;
  uint64_t *slots = (uint64_t *)(out + l.slots);
  for (size_t r = 0; r < t->rows; r++) {
    uint64_t key = t->rkeys[r], fp = key >> 24;
    if (!fp)
      fp = 1;
    uint32_t s = (uint32_t)key & (cap - 1);
    while (slots[s])
      s = (s + 1) & (cap - 1);
    slots[s] = fp << 24 | r;
  }
  memcpy(out + l.emb, t->emb, t->rows * KG_TG_NN_D * sizeof(float));
  memcpy(out + l.w, t->w, sizeof t->w);
  memcpy(out + l.b, t->b, sizeof t->b);
  memcpy(out + l.v, t->v, sizeof t->v);
  memcpy(out + l.c, t->c, sizeof t->c);
  *blob = out;
  *blob_len = l.size;
  *out_cap = cap;
  *out_rows = (uint32_t)t->rows;
  rc = 0;
done:
  if (t) {
    free(t->rkeys);
    free(t->emb);
    free(t->gemb);
  }
  free(t);
  free(m.keys);
  free(m.val);
  free(troff);
  free(trows);
  free(order);
  free(e);
  free(p);
  free(dp);
  free(z);
  return rc;
}
