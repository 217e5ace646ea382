/* count.c: co-occurrence counting.  Turns each processed document into
 * per-entity and per-pair statistics (mentions, documents, windows, dates,
 * provenance); it computes no weight and knows nothing of igraph.
 *
 * Windows.  A window is a stretch of one document; two entities co-occur in
 * a window when both are mentioned in it, and a pair's Count (c_ij) is the
 * number of windows they share.  W counts every window of the corpus, empty
 * ones included, and w_i the windows mentioning i, so that c_ij <= w_i <= W
 * always holds and NPMI and Jaccard (weights.c) are probabilities over the
 * same windows.
 *   sentence   each sentence of kg_doc_result.seg is a window;
 *   paragraph  each paragraph (kg_mention.paragraph; W adds seg.n_paragraphs);
 *   document   the whole document is one window;
 *   tokens:N   a sliding window: every run of N + 1 consecutive token
 *              positions [t, t + N], for t = -N .. T - 1 in a document of T
 *              tokens (clipped at the edges, so each token is in exactly N + 1
 *              windows and W adds T + N).  A mention is in a window when its
 *              first token is.  Two mentions co-occur iff their first tokens
 *              are at most N apart, and then they share N + 1 - d windows (d =
 *              their distance): nearer pairs count more, as in HAL (Lund &
 *              Burgess 1996).
 * Within a window each entity counts once, however often it is mentioned.
 *
 * Order independence.  Sums, minima and maxima do not depend on the order of
 * the documents; the rest is chosen by a total order on the data itself:
 * an edge keeps the KG_MAX_DOC_IDS bytewise-smallest distinct document ids,
 * and its example is the co-occurrence spanning the fewest sentences, then
 * from the smallest document id, then the earliest sentence, then the
 * bytewise-smallest text (for documents that share an id).  The example
 * text is that sentence, or the first and the last of the span joined as
 * "first … last" (kg_example_join); each sentence is normalized and stored
 * once, however many edges use it.
 *
 * Cost.  Per document: one sort of its mentions, a small pair map that is
 * cleared in O(1), then one lookup in the global pair map per distinct pair.
 * All buffers are reused across documents: no allocation per mention.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "counter.h"

/* ------------------------------------------------------------ options */

void kg_graph_opts_init(kg_graph_opts *o) {
  *o = (kg_graph_opts){.window = {KG_WINDOW_SENTENCE, 0}, .weight = KG_WEIGHT_COUNT,
                       .min_weight = -INFINITY, .seed = 1};
}

int kg_window_parse(const char *s, kg_window *out, kg_error *err) {
  static const char *const names[] = {"sentence", "paragraph", "document"};
  for (unsigned k = 0; s && k < sizeof names / sizeof names[0]; k++)
    if (!strcmp(s, names[k])) {
      *out = (kg_window){(kg_window_kind)k, 0};
      return 0;
    }
  if (s && !strncmp(s, "tokens:", 7) && s[7]) {
    uint64_t n = 0;
    const char *p = s + 7;
    while (*p >= '0' && *p <= '9' && n <= UINT32_MAX)
      n = n * 10 + (uint64_t)(*p++ - '0');
    if (!*p && n >= 1 && n <= UINT32_MAX) {
      *out = (kg_window){KG_WINDOW_TOKENS, (uint32_t)n};
      return 0;
    }
  }
  return kg_error_set(err, KG_ERR_USAGE,
                      "window '%s': expected sentence, paragraph, document or tokens:N "
                      "with N a whole number >= 1", s ? s : "");
}

int kg_weight_parse(const char *s, kg_weight_scheme *out, kg_error *err) {
  static const char *const names[] = {"count", "documents", "npmi", "association", "jaccard"};
  for (unsigned k = 0; s && k < sizeof names / sizeof names[0]; k++)
    if (!strcmp(s, names[k])) {
      *out = (kg_weight_scheme)k;
      return 0;
    }
  return kg_error_set(err, KG_ERR_USAGE,
                      "weight '%s': expected count, documents, npmi, association or jaccard",
                      s ? s : "");
}

/* ------------------------------------------------------------ scratch */

/* One mention, as the counter needs it. */
typedef struct ment {
  uint32_t local; /* the entity's index among the document's entities */
  uint32_t tok, sent, par;
} ment;

/* (window key, local entity): sorted to enumerate the windows' entity sets. */
typedef struct wkey {
  uint32_t key, local;
} wkey;

typedef struct local_pair {
  uint64_t key; /* a << 32 | b, global entity indices, a < b */
  int64_t count;
} local_pair;

struct kg_count_scratch {
  ment *ments; /* sorted by (local, tok): one run per entity */
  wkey *keys;
  size_t cap_ments, cap_keys;
  /* per local entity */
  uint32_t *global, *run_begin, *run_end, *active, *active_pos, *active_cnt, *set;
  size_t cap_locals;
  kg_u64map pair_index; /* the document's pairs -> index into pairs */
  local_pair *pairs;
  size_t n_pairs, cap_pairs;
  kg_u64map text_index; /* sentence -> index into the counter's texts */
  char text[KG_EXAMPLE_MAX];
};

/* Make room for need elements of size bytes in *p (capacity *cap). */
static bool reserve(void *p, size_t *cap, size_t need, size_t size) {
  if (need <= *cap)
    return true;
  size_t n = *cap ? *cap : 16;
  while (n < need)
    n = n > SIZE_MAX / 2 ? need : n * 2;
  if (n > SIZE_MAX / size)
    return false;
  void *q = realloc(*(void **)p, n * size);
  if (!q)
    return false;
  *(void **)p = q;
  *cap = n;
  return true;
}

static bool buf_append(kg_buf *b, const char *s, size_t len) {
  if (len && !reserve(&b->ptr, &b->cap, b->len + len, 1))
    return false;
  if (len)
    memcpy(b->ptr + b->len, s, len);
  b->len += len;
  return true;
}

static bool reserve_locals(kg_count_scratch *x, size_t need) {
  if (need <= x->cap_locals)
    return true;
  size_t cap = x->cap_locals ? x->cap_locals : 16;
  while (cap < need)
    cap = cap > SIZE_MAX / 2 ? need : cap * 2;
  if (cap > SIZE_MAX / sizeof(uint32_t))
    return false;
  uint32_t **arrays[] = {&x->global,     &x->run_begin,  &x->run_end, &x->active,
                         &x->active_pos, &x->active_cnt, &x->set};
  for (size_t k = 0; k < sizeof arrays / sizeof arrays[0]; k++) {
    uint32_t *q = realloc(*arrays[k], cap * sizeof *q);
    if (!q)
      return false; /* the ones already grown stay valid */
    *arrays[k] = q;
  }
  x->cap_locals = cap;
  return true;
}

static void scratch_free(kg_count_scratch *x) {
  if (!x)
    return;
  free(x->ments);
  free(x->keys);
  free(x->global);
  free(x->run_begin);
  free(x->run_end);
  free(x->active);
  free(x->active_pos);
  free(x->active_cnt);
  free(x->set);
  kg_map_destroy(&x->pair_index);
  free(x->pairs);
  kg_map_destroy(&x->text_index);
  free(x);
}

/* ------------------------------------------------------------ counter */

kg_counter *kg_counter_new(const kg_graph_opts *opts) {
  kg_graph_opts defaults;
  if (!opts) {
    kg_graph_opts_init(&defaults);
    opts = &defaults;
  }
  if ((unsigned)opts->window.kind > KG_WINDOW_TOKENS ||
      (opts->window.kind == KG_WINDOW_TOKENS && opts->window.n_tokens < 1))
    return NULL;
  kg_counter *c = calloc(1, sizeof *c);
  if (!c)
    return NULL;
  c->window = opts->window;
  if (!(c->scratch = calloc(1, sizeof *c->scratch))) {
    free(c);
    return NULL;
  }
  return c;
}

void kg_counter_free(kg_counter *c) {
  if (!c)
    return;
  free(c->ents);
  free(c->pairs);
  kg_map_destroy(&c->pair_index);
  free(c->doc_ids);
  free(c->ids.ptr);
  free(c->examples.ptr);
  free(c->texts);
  scratch_free(c->scratch);
  free(c);
}

/* "YYYY-MM-DD" -> YYYYMMDD, "" -> 0; false when malformed. */
static bool parse_date(const char *s, uint32_t *out) {
  *out = 0;
  if (!s[0])
    return true;
  uint32_t v = 0;
  for (int k = 0; k < 10; k++) {
    bool dash = k == 4 || k == 7;
    if (dash ? s[k] != '-' : (s[k] < '0' || s[k] > '9'))
      return false;
    if (!dash)
      v = v * 10 + (uint32_t)(s[k] - '0');
  }
  uint32_t month = v / 100 % 100, day = v % 100;
  if (s[10] || month < 1 || month > 12 || day < 1 || day > 31)
    return false;
  *out = v;
  return true;
}

static void merge_date(uint32_t *first, uint32_t *last, uint32_t date) {
  if (!date)
    return;
  if (!*first || date < *first)
    *first = date;
  if (date > *last)
    *last = date;
}

/* Everything kg_counter_add trusts, checked before anything is counted, so
 * that a bad document leaves the counter as it was. */
static int check_input(const kg_counter *c, const kg_doc *doc, const kg_doc_result *res,
                       uint32_t *date, kg_error *err) {
  const char *id = doc->id ? doc->id : "";
  const kg_segments *seg = &res->seg;
  if (!parse_date(doc->date, date))
    return kg_error_set(err, KG_ERR_USAGE, "%s: date '%.10s' is not YYYY-MM-DD", id, doc->date);
  if (c->n_docs >= UINT32_MAX - 1)
    return kg_error_set(err, KG_ERR_USAGE, "%s: more than %u documents", id, UINT32_MAX - 2);
  if ((seg->n_sentences && !seg->sentences) || (res->n_mentions && !res->mentions) ||
      (seg->n_sentences && !doc->text))
    return kg_error_set(err, KG_ERR_USAGE, "%s: result without its sentences or mentions", id);
  for (size_t k = 0; k < seg->n_sentences; k++) {
    const kg_sentence *s = &seg->sentences[k];
    if (s->start > s->end || s->end > doc->len)
      return kg_error_set(err, KG_ERR_USAGE,
                          "%s: sentence %zu spans bytes %u-%u of a %zu-byte text", id, k,
                          s->start, s->end, doc->len);
  }
  for (size_t k = 0; k < res->n_mentions; k++) {
    const kg_mention *m = &res->mentions[k];
    if (m->sentence >= seg->n_sentences)
      return kg_error_set(err, KG_ERR_USAGE,
                          "%s: mention %zu (byte %u) is in sentence %u of %zu", id, k, m->start,
                          m->sentence, seg->n_sentences);
    if (c->window.kind == KG_WINDOW_PARAGRAPH && m->paragraph >= seg->n_paragraphs)
      return kg_error_set(err, KG_ERR_USAGE,
                          "%s: mention %zu (byte %u) is in paragraph %u of %zu", id, k,
                          m->start, m->paragraph, seg->n_paragraphs);
    if (c->window.kind == KG_WINDOW_TOKENS && m->tok_start >= seg->n_tokens)
      return kg_error_set(err, KG_ERR_USAGE,
                          "%s: mention %zu (byte %u) starts at token %u of %zu", id, k, m->start,
                          m->tok_start, seg->n_tokens);
    if (m->entity == KG_NONE)
      return kg_error_set(err, KG_ERR_USAGE, "%s: mention %zu (byte %u) has entity index %u",
                          id, k, m->start, m->entity);
  }
  return 0;
}

static int cmp_ment(const void *pa, const void *pb) {
  const ment *a = pa, *b = pb;
  if (a->local != b->local)
    return a->local < b->local ? -1 : 1;
  if (a->tok != b->tok)
    return a->tok < b->tok ? -1 : 1;
  return (a->sent > b->sent) - (a->sent < b->sent);
}

static int cmp_wkey(const void *pa, const void *pb) {
  const wkey *a = pa, *b = pb;
  if (a->key != b->key)
    return a->key < b->key ? -1 : 1;
  return (a->local > b->local) - (a->local < b->local);
}

static inline uint64_t pair_key(uint32_t a, uint32_t b) {
  return a < b ? (uint64_t)a << 32 | b : (uint64_t)b << 32 | a;
}

/* One window holding the k distinct entities set[0..k), counted mult times
 * (1, or the number of sliding windows with that same set). */
static bool count_window(kg_counter *c, const uint32_t *set, size_t k, int64_t mult) {
  kg_count_scratch *x = c->scratch;
  for (size_t a = 0; a < k; a++) {
    c->ents[set[a]].windows += mult;
    for (size_t b = a + 1; b < k; b++) {
      if (!reserve(&x->pairs, &x->cap_pairs, x->n_pairs + 1, sizeof *x->pairs))
        return false;
      bool added;
      uint64_t key = pair_key(set[a], set[b]);
      uint32_t *slot = kg_map_upsert(&x->pair_index, key, &added);
      if (!slot)
        return false;
      if (added) {
        *slot = (uint32_t)x->n_pairs;
        x->pairs[x->n_pairs++] = (local_pair){key, 0};
      }
      x->pairs[*slot].count += mult;
    }
  }
  return true;
}

/* Sentence, paragraph or document windows: sort (window, entity), then each
 * run of equal windows is one entity set. */
static bool count_fixed_windows(kg_counter *c, size_t nm) {
  kg_count_scratch *x = c->scratch;
  for (size_t i = 0; i < nm; i++) {
    const ment *m = &x->ments[i];
    uint32_t key = c->window.kind == KG_WINDOW_SENTENCE    ? m->sent
                   : c->window.kind == KG_WINDOW_PARAGRAPH ? m->par
                                                           : 0;
    x->keys[i] = (wkey){key, m->local};
  }
  if (nm > 1)
    qsort(x->keys, nm, sizeof *x->keys, cmp_wkey);
  for (size_t i = 0; i < nm;) {
    size_t k = 0, j = i;
    for (; j < nm && x->keys[j].key == x->keys[i].key; j++)
      if (j == i || x->keys[j].local != x->keys[j - 1].local)
        x->set[k++] = x->global[x->keys[j].local];
    if (!count_window(c, x->set, k, 1))
      return false;
    i = j;
  }
  return true;
}

/* tokens:N.  Mention at token s is in the windows starting at t = s - N .. s,
 * so it enters the sweep at s - N and leaves at s + 1.  Between two
 * consecutive events the set of entities in the window is constant: count it
 * once, times the number of window positions it lasts. */
static bool count_token_windows(kg_counter *c, size_t nm, size_t n_local) {
  kg_count_scratch *x = c->scratch;
  const int64_t n = c->window.n_tokens;
  for (size_t i = 0; i < nm; i++)
    x->keys[i] = (wkey){x->ments[i].tok, x->ments[i].local};
  if (nm > 1)
    qsort(x->keys, nm, sizeof *x->keys, cmp_wkey);
  if (n_local)
    memset(x->active_cnt, 0, n_local * sizeof *x->active_cnt);
  size_t in = 0, out = 0, n_active = 0;
  while (out < nm) {
    int64_t p_in = in < nm ? (int64_t)x->keys[in].key - n : INT64_MAX;
    int64_t p_out = (int64_t)x->keys[out].key + 1;
    int64_t p = p_in < p_out ? p_in : p_out;
    for (; in < nm && (int64_t)x->keys[in].key - n == p; in++) {
      uint32_t l = x->keys[in].local;
      if (x->active_cnt[l]++ == 0) {
        x->active_pos[l] = (uint32_t)n_active;
        x->active[n_active++] = l;
      }
    }
    for (; out < nm && (int64_t)x->keys[out].key + 1 == p; out++) {
      uint32_t l = x->keys[out].local;
      if (--x->active_cnt[l] == 0) {
        uint32_t last = x->active[--n_active];
        x->active[x->active_pos[l]] = last;
        x->active_pos[last] = x->active_pos[l];
      }
    }
    if (!n_active || out >= nm)
      continue;
    p_in = in < nm ? (int64_t)x->keys[in].key - n : INT64_MAX;
    p_out = (int64_t)x->keys[out].key + 1;
    int64_t next = p_in < p_out ? p_in : p_out;
    for (size_t k = 0; k < n_active; k++)
      x->set[k] = x->global[x->active[k]];
    if (!count_window(c, x->set, n_active, next - p))
      return false;
  }
  return true;
}

/* Keep the KG_MAX_DOC_IDS bytewise-smallest distinct ids, ascending.  Input
 * in ascending order (the usual case) costs one comparison once full. */
static void add_doc_id(const kg_counter *c, kg_pair_stat *p, uint32_t serial, const char *id) {
  uint32_t n = p->n_ids;
  if (n == KG_MAX_DOC_IDS && strcmp(id, kg_counter_doc_id(c, p->ids[n - 1])) >= 0)
    return;
  uint32_t k = n;
  for (; k > 0; k--) {
    int cmp = strcmp(id, kg_counter_doc_id(c, p->ids[k - 1]));
    if (cmp == 0)
      return;
    if (cmp > 0)
      break;
  }
  if (n == KG_MAX_DOC_IDS)
    n--;
  memmove(&p->ids[k + 1], &p->ids[k], (n - k) * sizeof p->ids[0]);
  p->ids[k] = serial;
  p->n_ids = n + 1;
}

/* The tightest co-occurrence of entities la and lb (local indices) in this
 * document: the fewest sentences spanned, then the earliest.  Only mentions
 * adjacent in token order need checking: any co-occurring pair of mentions
 * encloses such an adjacent pair, which spans no more sentences (sentences
 * and tokens run in the same order) and starts in the same sentence when
 * the spans are equal.  False when they do not co-occur (cannot happen for
 * a counted pair). */
static bool tightest(const kg_counter *c, uint32_t la, uint32_t lb, uint32_t *span,
                     uint32_t *first) {
  const kg_count_scratch *x = c->scratch;
  const ment *ra = x->ments + x->run_begin[la], *ea = x->ments + x->run_end[la];
  const ment *rb = x->ments + x->run_begin[lb], *eb = x->ments + x->run_end[lb];
  const ment *prev = NULL;
  bool prev_a = false, found = false;
  while (ra < ea || rb < eb) {
    bool from_a = rb == eb || (ra < ea && ra->tok <= rb->tok);
    const ment *cur = from_a ? ra++ : rb++;
    if (prev && prev_a != from_a) {
      bool together = c->window.kind == KG_WINDOW_SENTENCE    ? prev->sent == cur->sent
                      : c->window.kind == KG_WINDOW_PARAGRAPH ? prev->par == cur->par
                      : c->window.kind == KG_WINDOW_TOKENS
                          ? cur->tok - prev->tok <= c->window.n_tokens
                          : true;
      uint32_t lo = prev->sent < cur->sent ? prev->sent : cur->sent;
      uint32_t hi = prev->sent < cur->sent ? cur->sent : prev->sent;
      if (together && (!found || hi - lo < *span || (hi - lo == *span && lo < *first))) {
        *span = hi - lo;
        *first = lo;
        found = true;
      }
    }
    prev = cur;
    prev_a = from_a;
  }
  return found;
}

/* The index in c->texts of sentence s of this document, normalized and
 * stored the first time an edge takes it as example: once per document,
 * however many edges share it. */
static bool sentence_text(kg_counter *c, const kg_doc *doc, const kg_segments *seg, uint32_t s,
                          uint32_t *out) {
  kg_count_scratch *x = c->scratch;
  if (c->n_texts >= KG_NONE ||
      !reserve(&c->texts, &c->cap_texts, c->n_texts + 1, sizeof *c->texts))
    return false;
  bool added;
  uint32_t *slot = kg_map_upsert(&x->text_index, s, &added);
  if (!slot)
    return false;
  if (added) {
    const kg_sentence *se = &seg->sentences[s];
    size_t len = kg_excerpt(doc->text + se->start, se->end - se->start, x->text);
    c->texts[c->n_texts] = (kg_text_ref){c->examples.len, (uint32_t)len};
    if (!buf_append(&c->examples, x->text, len))
      return false;
    *slot = (uint32_t)c->n_texts++;
  }
  *out = *slot;
  return true;
}

/* Bytewise order of two examples (first sentence, then last). */
static int cmp_texts(const kg_counter *c, const uint32_t a[2], const uint32_t b[2]) {
  for (int k = 0; k < 2; k++) {
    if (a[k] == b[k])
      continue;
    if (a[k] == KG_NONE || b[k] == KG_NONE)
      return a[k] == KG_NONE ? -1 : 1;
    kg_text_ref x = c->texts[a[k]], y = c->texts[b[k]];
    int cmp = memcmp(c->examples.ptr + x.off, c->examples.ptr + y.off,
                     x.len < y.len ? x.len : y.len);
    if (cmp || x.len != y.len)
      return cmp ? cmp : x.len < y.len ? -1 : 1;
  }
  return 0;
}

/* Replace p's example with this document's when it comes first in the
 * order (span, document id, first sentence, text). */
static bool consider_example(kg_counter *c, kg_pair_stat *p, uint32_t serial, const kg_doc *doc,
                             const kg_segments *seg) {
  const char *id = doc->id ? doc->id : "";
  int id_cmp = p->ex_doc == KG_NONE ? -1 : strcmp(id, kg_counter_doc_id(c, p->ex_doc));
  if (p->ex_span == 0 && id_cmp > 0) /* the usual case: nothing can beat it */
    return true;
  uint32_t span = 0, first = 0;
  if (!tightest(c, c->ents[p->a].local, c->ents[p->b].local, &span, &first))
    return true;
  if (p->ex_doc != KG_NONE &&
      (span > p->ex_span ||
       (span == p->ex_span && (id_cmp > 0 || (id_cmp == 0 && first > p->ex_sent)))))
    return true;
  uint32_t t[2] = {KG_NONE, KG_NONE};
  if (!sentence_text(c, doc, seg, first, &t[0]) ||
      (span && !sentence_text(c, doc, seg, first + span, &t[1])))
    return false;
  if (p->ex_doc != KG_NONE && span == p->ex_span && id_cmp == 0 && first == p->ex_sent &&
      cmp_texts(c, t, p->ex_text) >= 0)
    return true; /* same id, same place: keep the smaller text */
  p->ex_doc = serial;
  p->ex_sent = first;
  p->ex_span = span;
  p->ex_text[0] = t[0];
  p->ex_text[1] = t[1];
  return true;
}

/* Merge one of the document's pairs into the corpus-wide statistics. */
static bool merge_pair(kg_counter *c, const local_pair *lp, uint32_t serial, uint32_t date,
                       const kg_doc *doc, const kg_segments *seg) {
  if (!reserve(&c->pairs, &c->cap_pairs, c->n_pairs + 1, sizeof *c->pairs))
    return false;
  bool added;
  uint32_t *slot = kg_map_upsert(&c->pair_index, lp->key, &added);
  if (!slot || (added && c->n_pairs >= KG_NONE))
    return false;
  if (added) {
    *slot = (uint32_t)c->n_pairs;
    c->pairs[c->n_pairs++] = (kg_pair_stat){.a = (uint32_t)(lp->key >> 32),
                                            .b = (uint32_t)lp->key,
                                            .ex_doc = KG_NONE};
  }
  kg_pair_stat *p = &c->pairs[*slot];
  p->count += lp->count;
  p->documents++;
  merge_date(&p->first_date, &p->last_date, date);
  add_doc_id(c, p, serial, doc->id ? doc->id : "");
  return consider_example(c, p, serial, doc, seg);
}

/* Count a checked document. False when out of memory (counts incomplete). */
static bool count_document(kg_counter *c, const kg_doc *doc, const kg_doc_result *res,
                           uint32_t date) {
  kg_count_scratch *x = c->scratch;
  const kg_segments *seg = &res->seg;
  size_t nm = res->n_mentions;
  size_t n_ents = c->n_ents;
  for (size_t i = 0; i < nm; i++)
    if (res->mentions[i].entity >= n_ents)
      n_ents = (size_t)res->mentions[i].entity + 1;
  if (!reserve(&c->ents, &c->cap_ents, n_ents, sizeof *c->ents) ||
      !reserve(&x->ments, &x->cap_ments, nm, sizeof *x->ments) ||
      !reserve(&x->keys, &x->cap_keys, nm, sizeof *x->keys) || !reserve_locals(x, nm) ||
      !reserve(&c->doc_ids, &c->cap_docs, c->n_docs + 1, sizeof *c->doc_ids))
    return false;
  if (n_ents > c->n_ents) /* a document without mentions may come first: c->ents NULL */
    memset(c->ents + c->n_ents, 0, (n_ents - c->n_ents) * sizeof *c->ents);
  c->n_ents = n_ents;

  uint32_t serial = (uint32_t)c->n_docs;
  c->doc_ids[serial] = c->ids.len;
  const char *id = doc->id ? doc->id : "";
  if (!buf_append(&c->ids, id, strlen(id) + 1))
    return false;
  c->n_docs++;

  /* Per-entity statistics, and each entity's index in this document. */
  size_t n_local = 0;
  for (size_t i = 0; i < nm; i++) {
    const kg_mention *m = &res->mentions[i];
    kg_ent_stat *e = &c->ents[m->entity];
    e->mentions++;
    if (e->stamp != serial + 1) {
      e->stamp = serial + 1;
      e->local = (uint32_t)n_local;
      x->global[n_local++] = m->entity;
      e->documents++;
      merge_date(&e->first_date, &e->last_date, date);
    }
    x->ments[i] = (ment){e->local, m->tok_start, m->sentence, m->paragraph};
  }
  if (nm > 1)
    qsort(x->ments, nm, sizeof *x->ments, cmp_ment);
  for (size_t i = 0; i < nm; i++) {
    uint32_t l = x->ments[i].local;
    if (i == 0 || x->ments[i - 1].local != l)
      x->run_begin[l] = (uint32_t)i;
    x->run_end[l] = (uint32_t)i + 1;
  }

  kg_map_clear(&x->pair_index);
  x->n_pairs = 0;
  bool ok;
  switch (c->window.kind) {
  case KG_WINDOW_SENTENCE: c->n_windows += (int64_t)seg->n_sentences; break;
  case KG_WINDOW_PARAGRAPH: c->n_windows += (int64_t)seg->n_paragraphs; break;
  case KG_WINDOW_DOCUMENT: c->n_windows += 1; break;
  case KG_WINDOW_TOKENS:
    c->n_windows += seg->n_tokens ? (int64_t)seg->n_tokens + c->window.n_tokens : 0;
    break;
  }
  ok = c->window.kind == KG_WINDOW_TOKENS ? count_token_windows(c, nm, n_local)
                                          : count_fixed_windows(c, nm);

  kg_map_clear(&x->text_index);
  /* The corpus-wide pair table is large and probed at random: load the
   * slots a few pairs ahead so that the cache misses overlap instead of
   * queueing (2x faster with document windows). */
  enum { AHEAD = 8 };
  for (size_t k = 0; k < AHEAD && k < x->n_pairs; k++)
    kg_map_prefetch(&c->pair_index, x->pairs[k].key);
  for (size_t k = 0; ok && k < x->n_pairs; k++) {
    if (k + AHEAD < x->n_pairs)
      kg_map_prefetch(&c->pair_index, x->pairs[k + AHEAD].key);
    ok = merge_pair(c, &x->pairs[k], serial, date, doc, seg);
  }
  return ok;
}

int kg_counter_add(kg_counter *c, const kg_doc *doc, const kg_doc_result *res, kg_error *err) {
  if (!c || !doc || !res)
    return kg_error_set(err, KG_ERR_USAGE, "kg_counter_add: no counter, document or result");
  const char *id = doc->id ? doc->id : "";
  if (c->broken)
    return kg_error_set(err, KG_ERR_NOMEM, "%s: not counted, the counter ran out of memory "
                                           "earlier", id);
  uint32_t date;
  int rc = check_input(c, doc, res, &date, err);
  if (rc)
    return rc;
  if (!count_document(c, doc, res, date)) {
    c->broken = true;
    return kg_error_set(err, KG_ERR_NOMEM, "%s: out of memory counting co-occurrences", id);
  }
  return 0;
}

/* ------------------------------------------------------------ merging */

/* Does q's example come before p's in the order consider_example keeps
 * (span, document id, first sentence, text)? */
static bool example_before(const kg_counter *c, const kg_pair_stat *q, const kg_pair_stat *p) {
  if (q->ex_doc == KG_NONE || p->ex_doc == KG_NONE)
    return p->ex_doc == KG_NONE && q->ex_doc != KG_NONE;
  if (q->ex_span != p->ex_span)
    return q->ex_span < p->ex_span;
  int id = strcmp(kg_counter_doc_id(c, q->ex_doc), kg_counter_doc_id(c, p->ex_doc));
  if (id || q->ex_sent != p->ex_sent)
    return id ? id < 0 : q->ex_sent < p->ex_sent;
  return cmp_texts(c, q->ex_text, p->ex_text) < 0;
}

/* Pair q's statistics added to p's (their documents are disjoint). */
static void add_pair(const kg_counter *c, kg_pair_stat *p, const kg_pair_stat *q) {
  p->count += q->count;
  p->documents += q->documents;
  merge_date(&p->first_date, &p->last_date, q->first_date);
  merge_date(&p->first_date, &p->last_date, q->last_date);
  for (uint32_t k = 0; k < q->n_ids; k++)
    add_doc_id(c, p, q->ids[k], kg_counter_doc_id(c, q->ids[k]));
  if (example_before(c, q, p)) {
    p->ex_doc = q->ex_doc;
    p->ex_sent = q->ex_sent;
    p->ex_span = q->ex_span;
    p->ex_text[0] = q->ex_text[0];
    p->ex_text[1] = q->ex_text[1];
  }
}

typedef struct rekey {
  uint64_t key;
  uint32_t index;
} rekey;

static int cmp_rekey(const void *pa, const void *pb) {
  const rekey *a = pa, *b = pb;
  if (a->key != b->key)
    return a->key < b->key ? -1 : 1;
  return (a->index > b->index) - (a->index < b->index);
}

int kg_counter_merge(kg_counter *c, const uint32_t *into, size_t n, kg_error *err) {
  if (c->broken)
    return kg_error_set(err, KG_ERR_NOMEM, "merging entities: the counter ran out of memory "
                                           "earlier");
  size_t ne = n < c->n_ents ? n : c->n_ents;
  bool any = false;
  for (size_t e = 0; e < ne; e++) {
    uint32_t t = into[e];
    if (t != e && (t >= ne || into[t] != t))
      return kg_error_set(err, KG_ERR_USAGE, "merging entity %zu into %u: not a kept entity",
                          e, t);
    any = any || t != e;
  }
  if (!any)
    return 0;
  /* A pair whose entities both merge into one would be a window they share:
   * refused before anything changes. */
  for (size_t k = 0; k < c->n_pairs; k++) {
    const kg_pair_stat *p = &c->pairs[k];
    if ((p->a < ne ? into[p->a] : p->a) == (p->b < ne ? into[p->b] : p->b))
      return kg_error_set(err, KG_ERR_USAGE, "merging entities %u and %u, which share a window",
                          p->a, p->b);
  }
  rekey *rk = malloc((c->n_pairs ? c->n_pairs : 1) * sizeof *rk);
  if (!rk) {
    c->broken = true;
    return kg_error_set(err, KG_ERR_NOMEM, "merging entities: out of memory");
  }
  for (size_t e = 0; e < ne; e++) {
    if (into[e] == e)
      continue;
    kg_ent_stat *s = &c->ents[e], *d = &c->ents[into[e]];
    d->mentions += s->mentions;
    d->documents += s->documents;
    d->windows += s->windows;
    merge_date(&d->first_date, &d->last_date, s->first_date);
    merge_date(&d->first_date, &d->last_date, s->last_date);
    *s = (kg_ent_stat){0};
  }
  for (size_t k = 0; k < c->n_pairs; k++) {
    kg_pair_stat *p = &c->pairs[k];
    uint32_t a = p->a < ne ? into[p->a] : p->a, b = p->b < ne ? into[p->b] : p->b;
    p->a = a < b ? a : b;
    p->b = a < b ? b : a;
    rk[k] = (rekey){pair_key(p->a, p->b), (uint32_t)k};
  }
  /* Pairs that now join the same entities are one: each run of equal keys
   * folds into a new array, in key order (edges are sorted later anyway). */
  qsort(rk, c->n_pairs, sizeof *rk, cmp_rekey);
  size_t cap = c->n_pairs ? c->n_pairs : 1;
  kg_pair_stat *out = malloc(cap * sizeof *out);
  if (!out) {
    free(rk);
    c->broken = true;
    return kg_error_set(err, KG_ERR_NOMEM, "merging entities: out of memory");
  }
  size_t m = 0;
  kg_map_clear(&c->pair_index);
  for (size_t k = 0; k < c->n_pairs; k++) {
    const kg_pair_stat *p = &c->pairs[rk[k].index];
    if (m && rk[k].key == rk[k - 1].key) {
      add_pair(c, &out[m - 1], p);
      continue;
    }
    bool added;
    uint32_t *slot = kg_map_upsert(&c->pair_index, rk[k].key, &added);
    if (!slot) {
      free(rk);
      free(out);
      c->broken = true;
      return kg_error_set(err, KG_ERR_NOMEM, "merging entities: out of memory");
    }
    *slot = (uint32_t)m;
    out[m++] = *p;
  }
  free(rk);
  free(c->pairs);
  c->pairs = out;
  c->n_pairs = m;
  c->cap_pairs = cap;
  return 0;
}
