/* tagger_impl.h (private to the tagger files): labels, feature keys, model
 * layout and the Viterbi decoder shared by tagging (tagger.c) and training
 * (tagger_train.c).
 *
 * Features are never strings at run time: each is a 64-bit key hashed from a
 * template id and the text it reads.  Most features read one word at a fixed
 * offset (-2..+2) from the token being labelled, so the tagger sums them once
 * per word type and offset and caches the sums; only a few "pair" features
 * (bigrams, shape trigrams, sentence start) are looked up per token, and the
 * features with few possible values (gazetteer matches, document and label
 * bits) have their rows summed into small tables at load.
 *
 * Model file (all little-endian, every section 64-byte aligned, so the bytes
 * built into the binary are used in place):
 *   header   64 B   magic "KGTAGGER", version, n_labels, feature version,
 *                   n_feats, cap, flags, total size
 *   trans    i16[(L+1)*L]        row L = start weights (padded to 64 B)
 *   slots    u64[cap]            open addressing, linear probing on key & (cap-1);
 *                                0 = empty, else (fingerprint40 << 24) | row
 *   weights  i16[n_feats * L]    one row of L label weights per feature
 *   ckeys    u64[ccap]           word clusters: hash of the folded word, 0 = empty
 *   cids     u16[ccap * 4]       its class at each of KG_TG_CLEVELS granularities
 * Weights are the averaged perceptron weights scaled to int16; decoding is
 * an argmax, so the scale does not matter and sums stay exact in int32.
 */
#ifndef KG_TAGGER_IMPL_H
#define KG_TAGGER_IMPL_H

#include <string.h>

#include "tagger.h"

#define KG_TG_L 17   /* labels: O, then B-/I- of each of the 8 types */
#define KG_TG_LP 24  /* label vectors padded for SIMD-friendly loops */
#define KG_TG_NTYPES 8
#define KG_TG_WIN 2  /* word features read offsets -2..+2 */
#define KG_TG_NOFF (2 * KG_TG_WIN + 1)
#define KG_TG_MAXK 64 /* word feature keys per offset, at most */
#define KG_TG_MAXP 16 /* pair feature keys per token, at most */

#define KG_TG_MAGIC "KGTAGGER"
#define KG_TG_VERSION 1u
/* Bump when features change: a model trained with other features is refused. */
#define KG_TG_FEATURES 7u
#define KG_TG_NEG_INF (-(1 << 28)) /* forbidden transition; sums never overflow */

#define KG_TG_FLAG_GAZ 1u   /* model flag: trained with gazetteer features */
#define KG_TG_FLAG_STACK 2u /* model flag: tag twice, the second time with label features */

/* Sentence modes: the features a word gets depend on them. */
enum { KG_TG_MODE_CAPS = 1u };

extern const char *const kg_tg_labels[KG_TG_L];
extern const char *const kg_tg_types[KG_TG_NTYPES];

/* Label index of "B-per" etc.; -1 when not a label of ours. */
int kg_tg_label_parse(const char *s, size_t len);

/* Is moving from label a (or -1 = sentence start) to label b valid IOB2? */
static inline bool kg_tg_allowed(int a, int b) {
  if (b == 0 || (b - 1) % 2 == 0)
    return true; /* O and B-x follow anything */
  return a > 0 && (a - 1) / 2 == (b - 1) / 2;
}

/* ------------------------------------------------------------ features */

static inline uint64_t kg_tg_mix(uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  x ^= x >> 33;
  return x;
}

/* 64-bit hash of bytes (seeded); fast for short words. */
static inline uint64_t kg_tg_hash(const void *p, size_t n, uint64_t seed) {
  const unsigned char *s = p;
  uint64_t h = seed ^ (n * 0x9e3779b97f4a7c15ULL);
  while (n >= 8) {
    uint64_t v;
    memcpy(&v, s, 8);
    h = kg_tg_mix(h ^ v) + 0x9e3779b97f4a7c15ULL;
    s += 8;
    n -= 8;
  }
  uint64_t v = 0;
  for (size_t i = 0; i < n; i++)
    v |= (uint64_t)s[i] << (8 * i);
  return kg_tg_mix(h ^ v ^ 0x5bd1e9955bd1e995ULL);
}

/* What the feature extractor knows of one word type in one sentence mode. */
typedef struct kg_tg_word {
  uint64_t hlw;    /* hash of the lower-cased, digit-normalized word (pairs read it) */
  uint32_t gbits;  /* gazetteer word classes (KG_GAZ_*), 0 without a gazetteer */
  uint64_t hshape; /* hash of its short shape in this mode */
  uint32_t n[KG_TG_NOFF];
  uint64_t keys[KG_TG_NOFF][KG_TG_MAXK]; /* keys[o + 2]: features at offset o */
} kg_tg_word;

/* Word clusters (data/model/clusters.tsv, learned from unlabeled text by
 * data/model/make_clusters.c): folded word -> class at each granularity. */
#define KG_TG_CLEVELS 3
typedef struct kg_tg_clusters {
  const uint64_t *keys; /* kg_tg_lw_hash of the word; 0 = empty slot */
  const uint16_t *ids;  /* 4 per slot: the class at each level, then padding */
  uint32_t cap;         /* slots (a power of two), 0 = no clusters */
} kg_tg_clusters;

/* The hash of a folded word (hlw of kg_tg_word). */
uint64_t kg_tg_lw_hash(const char *lw, size_t n);

static inline const uint16_t *kg_tg_cluster(const kg_tg_clusters *c, uint64_t h) {
  if (!c || !c->cap)
    return NULL;
  uint64_t k = h ? h : 1;
  for (uint32_t i = (uint32_t)k & (c->cap - 1);; i = (i + 1) & (c->cap - 1)) {
    if (c->keys[i] == k)
      return c->ids + 4 * (size_t)i;
    if (!c->keys[i])
      return NULL;
  }
}

/* Parse a clusters file (word TAB class... per line, '#' comments) into a
 * table; keys and ids are malloc'd. */
int kg_tg_clusters_parse(const char *text, size_t len, const char *name, uint64_t **keys,
                         uint16_t **ids, uint32_t *cap, kg_error *err);

/* Word-only features of w (UTF-8 bytes) at each offset. gaz and cl may be NULL. */
void kg_tg_word_features(const char *w, size_t len, unsigned mode, const kg_gazetteer *gaz,
                         const kg_tg_clusters *cl, kg_tg_word *out);

/* The sentence mode: KG_TG_MODE_CAPS when its letters are all upper case
 * (a headline), else 0. */
unsigned kg_tg_sentence_mode(const kg_str *words, size_t n);

/* Keys of the features that stand for "no word" at offset o (o != 0) and
 * the bias feature every token has. */
uint64_t kg_tg_pad_key(int o);
uint64_t kg_tg_bias_key(void);

/* Neighbour hashes for the pair features: hlw/hshape of words i-1, i, i+1
 * (pad values outside the sentence), and whether i starts the sentence. */
typedef struct kg_tg_ctx {
  uint64_t lw[3], sh[3];
  bool first;
} kg_tg_ctx;
uint64_t kg_tg_pad_hash(void);
size_t kg_tg_pair_keys(const kg_tg_ctx *c, uint64_t *keys);

/* Gazetteer matches over a sentence: the longest known name (or title)
 * starting at each position, left to right, marks its tokens with a small
 * value (B or I, entity type, demonym/ambiguous); the features "value v at
 * offset o" (o = -1..1) have few possible keys, so the tagger precomputes
 * their rows at load.  0 = no match. */
#define KG_TG_GM_N 23 /* entity match values 0..22 */
#define KG_TG_TM_N 7  /* title match values 0..6 */
/* Fold a word for gazetteer lookups (ASCII fast path, else kg_text_fold);
 * returns its length, 0 when it does not fit in cap - 1 bytes. */
size_t kg_tg_fold(const char *w, size_t len, char *out, size_t cap);
/* Match values of each token: folded[i] are the folded words, gbits[i] their
 * word classes (a match is only tried where they name something). */
void kg_tg_gaz_sentence(const kg_gazetteer *g, const kg_str *words, const kg_str *folded,
                        const uint32_t *gbits, size_t n, uint8_t *gm, uint8_t *tm);
uint64_t kg_tg_gm_key(int o, unsigned v);
uint64_t kg_tg_tm_key(int o, unsigned v);

/* ------------------------------------------------------------ documents */

/* Document features: what the other occurrences of a word (same folded form)
 * in the document show.  Bit b of a token's value is set when some other
 * occurrence has property b. */
enum {
  KG_TG_DOC_ORG = 0,   /* in a capitalized run ending in an organization word ("... Corp") */
  KG_TG_DOC_TITLE,     /* capitalized, right after a title or inside a run after one */
  KG_TG_DOC_FIRST,     /* capitalized, right after a capitalized first name */
  KG_TG_DOC_LOWER,     /* written lower case */
  KG_TG_DOC_CAPMID,    /* capitalized, not first in its sentence */
  KG_TG_NDOC
};
#define KG_TG_NDOCV (1 << KG_TG_NDOC)
/* A CoNLL file without -DOCSTART- lines is cut into documents of at most this
 * many sentences (GMB keeps articles in order but marks no boundaries). */
#define KG_TG_PSEUDO_DOC 20
/* Documents as tagging and training see a CoNLL file: -DOCSTART- documents;
 * without them, runs of at most KG_TG_PSEUDO_DOC sentences that also end
 * where a news article starts (a dateline, "LONDON , March 2 -", or the
 * headline just before one; months come from gaz, and without it there are
 * no datelines).  The end sentence of document d, which starts at sentence s0. */
size_t kg_tg_doc_end(const kg_conll *c, const kg_gazetteer *gaz, size_t s0, size_t d);

typedef struct kg_tg_winfo {
  uint64_t hlw;   /* as kg_tg_word.hlw */
  uint32_t gbits; /* as kg_tg_word.gbits */
} kg_tg_winfo;
/* hlw and gbits of a word, exactly as kg_tg_word_features computes them. */
void kg_tg_word_info(const char *w, size_t len, const kg_gazetteer *gaz, kg_tg_winfo *out);

typedef struct kg_tg_dmap kg_tg_dmap;
/* Reusable scratch and results of kg_tg_doc_analyze. */
typedef struct kg_tg_doc {
  kg_str *word;   /* per token: the text its features read: the word itself or, in
                     an ALL-CAPS headline, its truecased form */
  uint8_t *mode;  /* per token: its sentence mode */
  uint8_t *dbits; /* per token: document feature bits */
  uint8_t *own;   /* per token: its own properties */
  size_t cap;
  char *arena;    /* truecased words */
  size_t arena_cap;
  kg_tg_dmap *map;
  size_t map_cap;
} kg_tg_doc;
void kg_tg_doc_destroy(kg_tg_doc *d);

/* Analyze a document: words[0..n) in sentences ending at sent_ends[0..n_sents)
 * (as kg_tagger_tag takes them), info[i] for each word.  Headline words are
 * truecased from the document body (the casing of a non-initial occurrence,
 * else of any occurrence), else lower-cased when the gazetteer calls them a
 * common word, else Titlecased.  0 or KG_ERR_NOMEM. */
int kg_tg_doc_analyze(kg_tg_doc *d, const kg_str *words, const kg_tg_winfo *info, size_t n,
                      const uint32_t *sent_ends, size_t n_sents);
uint64_t kg_tg_doc_key(unsigned bit);

/* Second pass (stacking): after kg_tg_doc_analyze of the same document and
 * a first tagging (labels), bit t of out[i] (t < 8) says some other
 * occurrence of word i was tagged inside an entity of type t, bit 8 that one
 * was tagged O. */
#define KG_TG_NLAB 9
void kg_tg_doc_labels(kg_tg_doc *d, const kg_tg_winfo *info, const uint8_t *labels, size_t n,
                      uint16_t *out);
uint64_t kg_tg_lab_key(unsigned bit);
/* The same bits conjoined with the token's own first-pass label. */
uint64_t kg_tg_labown_key(unsigned own, unsigned bit);
uint64_t kg_tg_docall_key(unsigned bits);

/* -------------------------------------------------------------- model */

typedef struct kg_tg_header {
  char magic[8];
  uint32_t version, n_labels, features, n_feats;
  uint32_t cap, flags;
  uint64_t size;
  uint32_t ccap, reserved0;
  uint8_t reserved[64 - 8 - 6 * 4 - 8 - 8];
} kg_tg_header;

/* Byte offsets of the sections of a model with cap slots, n_feats rows and
 * ccap cluster slots. */
typedef struct kg_tg_layout {
  size_t trans, slots, weights, ckeys, cids, size;
} kg_tg_layout;
kg_tg_layout kg_tg_layout_of(uint32_t cap, uint32_t n_feats, uint32_t ccap);

/* Serialize a model: trans (i16[(L+1)*L]), keys[n] with rows w (i16[n*L]),
 * and the cluster table.  Features whose row is all zero are left out.
 * *out is malloc'd. */
int kg_tg_model_build(const int16_t *trans, const uint64_t *keys, const int16_t *w, size_t n,
                      const kg_tg_clusters *cl, unsigned flags, void **out, size_t *out_len,
                      kg_error *err);

/* A tagger over model bytes used in place (bytes must outlive it; when owned
 * is true the tagger frees them). */
int kg_tg_open(const void *bytes, size_t len, bool owned, const kg_gazetteer *gaz,
               const char *name, kg_tagger **out, kg_error *err);

/* Viterbi over emission scores emit[n * KG_TG_LP] with transition scores
 * trans[L*L] (a -> b at a*L+b) and start[L]; forbidden moves are
 * KG_TG_NEG_INF.  bp is scratch of n*L bytes.  Ties go to the lower label. */
void kg_tg_viterbi(const int32_t *emit, size_t n, const int32_t *trans, const int32_t *start,
                   uint8_t *bp, uint8_t *out);

#endif /* KG_TAGGER_IMPL_H */
