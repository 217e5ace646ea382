/* counter.h (private to graph/): what kg_counter accumulates, shared by
 * count.c (which fills it), weights.c and analyse.c (which read it).
 *
 * Memory is O(entities + pairs + documents): per entity one kg_ent_stat, per
 * co-occurring pair one kg_pair_stat, per document its id; example sentences
 * live in one growing byte buffer.  Nothing here depends on the order in
 * which documents were added (see count.c for how ties are broken).
 */
#ifndef KG_COUNTER_H
#define KG_COUNTER_H

#include "graph.h"
#include "u64map.h"

#define KG_MAX_DOC_IDS 5     /* document ids kept per edge */
#define KG_EXAMPLE_MAX 300   /* bytes of an example sentence */
#define KG_NONE UINT32_MAX   /* "no document", "no index" */

/* A growing byte buffer; offsets into it stay valid when it grows. */
typedef struct kg_buf {
  char *ptr;
  size_t len, cap;
} kg_buf;

typedef struct kg_ent_stat {
  int64_t mentions;
  int64_t documents;
  int64_t windows;     /* windows that contain the entity (w_i) */
  uint32_t first_date; /* YYYYMMDD as a number, 0 = no dated document */
  uint32_t last_date;
  uint32_t stamp;      /* per-document scratch: 1 + serial of the last */
  uint32_t local;      /* document seen, and the entity's index in it  */
} kg_ent_stat;

typedef struct kg_pair_stat {
  uint32_t a, b;        /* entity indices, a < b */
  int64_t count;        /* windows shared (c_ij) */
  uint32_t documents;   /* documents shared */
  uint32_t first_date, last_date;
  uint32_t ids[KG_MAX_DOC_IDS]; /* document serials, their ids ascending */
  uint32_t n_ids;
  /* The example: the pair's tightest co-occurrence, sentences ex_sent ..
   * ex_sent + ex_span of document ex_doc (KG_NONE = none yet); ex_text[0]
   * is the first sentence's text, ex_text[1] the last's (KG_NONE when the
   * span is one sentence), indices into the counter's texts. */
  uint32_t ex_doc, ex_sent, ex_span;
  uint32_t ex_text[2];
} kg_pair_stat;

/* A normalized sentence (kg_excerpt) in the examples buffer. */
typedef struct kg_text_ref {
  uint64_t off;
  uint32_t len;
} kg_text_ref;

typedef struct kg_count_scratch kg_count_scratch; /* count.c */

struct kg_counter {
  kg_window window;
  bool broken; /* an allocation failed half-way: the counts are incomplete */
  kg_ent_stat *ents; /* indexed by kg_mention.entity */
  size_t n_ents, cap_ents;
  kg_pair_stat *pairs;
  size_t n_pairs, cap_pairs;
  kg_u64map pair_index; /* (a << 32 | b) -> index into pairs */
  int64_t n_windows;    /* W: every window counted, empty ones included */
  uint64_t *doc_ids;    /* serial -> offset of the document id in ids */
  size_t n_docs, cap_docs;
  kg_buf ids;      /* document ids, NUL-terminated */
  kg_buf examples; /* example sentences, not terminated */
  kg_text_ref *texts; /* the sentences in examples, each stored once */
  size_t n_texts, cap_texts;
  kg_count_scratch *scratch;
};

static inline const char *kg_counter_doc_id(const kg_counter *c, uint32_t serial) {
  return c->ids.ptr + c->doc_ids[serial];
}

/* The example text for s[0..len): whitespace and control characters (ASCII,
 * C1, Unicode spaces) collapsed to single spaces and trimmed; if longer than
 * KG_EXAMPLE_MAX bytes, cut on a character boundary and ended with "…" so
 * that the result is at most KG_EXAMPLE_MAX bytes.  s must be valid UTF-8;
 * out needs KG_EXAMPLE_MAX bytes (not NUL-terminated). Returns the length. */
size_t kg_excerpt(const char *s, size_t len, char *out);

/* An edge's example from its sentence texts: the first alone, or "first
 * last" for adjacent sentences, "first … last" otherwise; each part cut (on
 * a character boundary, with "…") so that the whole fits KG_EXAMPLE_MAX
 * bytes.  out needs KG_EXAMPLE_MAX bytes. Returns the length. */
size_t kg_example_join(const char *first, size_t first_len, const char *last, size_t last_len,
                       bool adjacent, char *out);

/* ------------------------------------------------------------ weights.c */

/* Everything a weighting scheme may look at for one pair (i, j). */
typedef struct kg_pair_counts {
  double c;        /* windows shared, c_ij */
  double d;        /* documents shared */
  double w_i, w_j; /* windows containing i, j */
  double n_windows;     /* W */
  double s_i, s_j; /* sum of c over the pairs of i, of j */
  double s_total;  /* sum of s over all entities (= 2 * sum of c) */
} kg_pair_counts;

/* The pair's Weight under the scheme (formulas in weights.c). */
double kg_weight_value(kg_weight_scheme scheme, const kg_pair_counts *pc);
/* The strictly positive weight the metrics use for a Weight value. */
double kg_weight_metric(kg_weight_scheme scheme, double value);

#endif
