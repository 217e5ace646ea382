/* extractor.c: the extract pipeline for one document at a time.
 *
 *   segment -> fold each token once -> word classes and case cues
 *   -> candidates: gazetteer pass + event patterns + ONE name source
 *      (the tagger, or the rules when it is unavailable or not wanted)
 *   -> merge overlaps -> resolve to registry entities -> mentions.
 *
 * Two stages: the front (everything before resolving, kg_front_run), which
 * only reads the extractor's gazetteer, grammar and model, and the
 * resolution into the registry (kg_extractor_resolve), which must see the
 * documents one at a time and in order.  kg_pipeline runs fronts on other
 * threads.  All per-document buffers belong to a front and are reused, so
 * a warm extractor allocates only when a document is bigger than any
 * before or brings new entities.
 */
#include <stdlib.h>
#include <string.h>

#include "extract.h"
#include "gazetteer.h"
#include "mention.h"
#include "registry.h"
#include "resolve.h"

/* The first stage of one document, up to its merged candidates: it reads
 * the extractor's gazetteer, grammar and model and writes only its own
 * buffers, so several fronts may run at once (kg_pipeline). */
struct kg_front {
  kg_segmenter *seg;
  kg_candbuf cands;
  char *fold; /* folded token texts, NUL-separated */
  size_t cap_fold;
  kg_str *folded;
  uint32_t *wclass;
  uint32_t *gramw;
  uint16_t *tflags;
  uint32_t *tok_sent;
  uint8_t *title;
  size_t cap_tok;
  kg_segments segs; /* of the last document run */
  kg_docview dv;
};

/* The name source of one thread (the tagger's scratch and its cache of
 * word features, which grows with the vocabulary: one per thread, not per
 * document in flight). */
struct kg_finder {
  kg_msource source;
  bool caps_pass; /* run kg_rules_caps_lines beside the source */
};

struct kg_extractor {
  kg_gazetteer *gaz;
  kg_grammar *gram;
  kg_registry *reg;
  kg_resolver *rs;
  kg_front *front;   /* kg_extractor_process's own */
  kg_finder *finder; /* the original source; others are its clones */
};

static const char *const etype_names[KG_N_ETYPES] = {"person", "organization", "country",
                                                     "event", "location"};

const char *kg_etype_name(kg_etype t) {
  return (unsigned)t < KG_N_ETYPES ? etype_names[t] : "?";
}

int kg_etype_parse(const char *name, size_t len) {
  if (!name)
    return -1;
  for (int t = 0; t < KG_N_ETYPES; t++)
    if (strlen(etype_names[t]) == len && memcmp(etype_names[t], name, len) == 0)
      return t;
  return -1;
}

void kg_front_free(kg_front *f) {
  if (!f)
    return;
  kg_segmenter_free(f->seg);
  kg_candbuf_destroy(&f->cands);
  free(f->fold);
  free(f->folded);
  free(f->wclass);
  free(f->gramw);
  free(f->tflags);
  free(f->tok_sent);
  free(f->title);
  free(f);
}

int kg_front_new(kg_front **out, kg_error *err) {
  kg_front *f = calloc(1, sizeof *f);
  if (f && !(f->seg = kg_segmenter_new())) {
    free(f);
    f = NULL;
  }
  *out = f;
  return f ? 0 : kg_error_set(err, KG_ERR_NOMEM, "extractor: out of memory");
}

void kg_finder_free(kg_finder *f) {
  if (!f)
    return;
  if (f->source.free)
    f->source.free(f->source.self);
  free(f);
}

/* A finder with the name source `source` (taken over; freed on failure). */
static int finder_with(kg_msource *source, bool caps_pass, kg_finder **out, kg_error *err) {
  kg_finder *f = calloc(1, sizeof *f);
  if (!f) {
    if (source->free)
      source->free(source->self);
    return kg_error_set(err, KG_ERR_NOMEM, "extractor: out of memory");
  }
  f->source = *source;
  f->caps_pass = caps_pass;
  *out = f;
  return 0;
}

int kg_finder_new(const kg_extractor *x, kg_finder **out, kg_error *err) {
  *out = NULL;
  kg_msource src;
  const kg_finder *own = x->finder;
  int rc = own->source.clone(own->source.self, &src, err);
  return rc ? rc : finder_with(&src, own->caps_pass, out, err);
}

int kg_extractor_new(const kg_extract_opts *opts, kg_extractor **out, kg_error *err) {
  *out = NULL;
  kg_extractor *x = calloc(1, sizeof *x);
  int rc = 0;
  if (!x)
    return kg_error_set(err, KG_ERR_NOMEM, "extractor: out of memory");
  x->reg = kg_registry_new();
  x->rs = kg_resolver_new();
  if (!x->reg || !x->rs) {
    rc = kg_error_set(err, KG_ERR_NOMEM, "extractor: out of memory");
    goto fail;
  }
  rc = kg_gazetteer_load(&x->gaz, err);
  if (!rc)
    rc = kg_grammar_new(&x->gram, err);
  if (rc)
    goto fail;
  kg_msource src = {0};
  bool caps_pass = false;
  if (opts && opts->rules_only) {
    rc = kg_rules_source(&src, err);
  } else {
    rc = kg_tagger_source(opts ? opts->model_path : NULL, x->gaz, &src, err);
    /* The built-in model always loads; should it not, the rules stand in.
     * A model the caller named must load. */
    if (rc && !(opts && opts->model_path))
      rc = kg_rules_source(&src, err);
    else
      caps_pass = true;
  }
  if (!rc)
    rc = finder_with(&src, caps_pass, &x->finder, err);
  if (!rc)
    rc = kg_front_new(&x->front, err);
  if (rc)
    goto fail;
  *out = x;
  return 0;
fail:
  kg_extractor_free(x);
  return rc;
}

void kg_extractor_free(kg_extractor *x) {
  if (!x)
    return;
  kg_front_free(x->front);
  kg_finder_free(x->finder);
  kg_gazetteer_free(x->gaz);
  kg_grammar_free(x->gram);
  kg_registry_free(x->reg);
  kg_resolver_free(x->rs);
  free(x);
}

const kg_registry *kg_extractor_registry(const kg_extractor *x) { return x ? x->reg : NULL; }

static int cmp_u64(const void *pa, const void *pb) {
  uint64_t a = *(const uint64_t *)pa, b = *(const uint64_t *)pb;
  return (a > b) - (a < b);
}

void kg_entity_docs_sort(uint64_t *v, size_t n) {
  if (n)
    qsort(v, n, sizeof *v, cmp_u64);
}

/* Index of the first entry of entity e, or of the next one. */
static size_t first_of(const uint64_t *v, size_t n, uint32_t e) {
  size_t lo = 0, hi = n;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (v[mid] >> 32 < e)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}

bool kg_entity_docs_share(const uint64_t *v, size_t n, uint32_t a, uint32_t b) {
  for (size_t i = first_of(v, n, a), j = first_of(v, n, b);
       i < n && j < n && v[i] >> 32 == a && v[j] >> 32 == b;) {
    uint32_t da = (uint32_t)v[i], db = (uint32_t)v[j];
    if (da == db)
      return true;
    if (da < db)
      i++;
    else
      j++;
  }
  return false;
}

int kg_extractor_settle(kg_extractor *x, kg_share_fn share, void *ctx, uint32_t *into,
                        kg_error *err) {
  size_t n = kg_registry_size(x->reg);
  uint32_t *fallback = malloc((n ? n : 1) * sizeof *fallback);
  if (!fallback)
    return kg_error_set(err, KG_ERR_NOMEM, "out of memory for %zu entities", n);
  int rc = kg_registry_plan(x->reg, into, fallback, err);
  for (uint32_t i = 0; !rc && i < n; i++) {
    if (into[i] == i)
      continue;
    /* Counts add up only over disjoint documents. */
    if (share(ctx, i, into[i]))
      into[i] = fallback[i] != into[i] && !share(ctx, i, fallback[i]) ? fallback[i] : i;
    if (into[i] != i)
      rc = kg_registry_merge(x->reg, i, into[i], err);
    else if (fallback[i] != i)
      rc = kg_registry_keep_apart(x->reg, i, err);
  }
  free(fallback);
  return rc;
}

static int reserve_tokens(kg_front *f, size_t n) {
  if (n <= f->cap_tok)
    return 0;
  size_t cap = f->cap_tok ? f->cap_tok : 1024;
  while (cap < n)
    cap *= 2;
  kg_str *fo = realloc(f->folded, cap * sizeof *fo);
  if (fo)
    f->folded = fo;
  uint32_t *w = realloc(f->wclass, cap * sizeof *w);
  if (w)
    f->wclass = w;
  uint32_t *gw = realloc(f->gramw, cap * sizeof *gw);
  if (gw)
    f->gramw = gw;
  uint16_t *t = realloc(f->tflags, cap * sizeof *t);
  if (t)
    f->tflags = t;
  uint32_t *s = realloc(f->tok_sent, cap * sizeof *s);
  if (s)
    f->tok_sent = s;
  uint8_t *ti = realloc(f->title, cap);
  if (ti)
    f->title = ti;
  if (!fo || !w || !gw || !t || !s || !ti)
    return KG_ERR_NOMEM;
  f->cap_tok = cap;
  return 0;
}

/* Fold every token once into one buffer; offsets first, pointers after,
 * because the buffer may move while it grows. */
static int fold_tokens(kg_front *f, const char *text, const kg_segments *seg) {
  size_t used = 0;
  for (size_t i = 0; i < seg->n_tokens; i++) {
    const kg_token *t = &seg->tokens[i];
    for (;;) {
      size_t room = f->cap_fold - used;
      size_t n = room ? kg_text_fold(text + t->start, t->len, f->fold + used, room) : SIZE_MAX;
      if (n != SIZE_MAX && n < room) {
        f->folded[i].ptr = (const char *)(uintptr_t)used;
        f->folded[i].len = n;
        used += n + 1;
        break;
      }
      size_t cap = f->cap_fold ? f->cap_fold * 2 : 65536;
      while (cap - used < (size_t)t->len * 4 + 16)
        cap *= 2;
      char *p = realloc(f->fold, cap);
      if (!p)
        return KG_ERR_NOMEM;
      f->fold = p;
      f->cap_fold = cap;
    }
  }
  for (size_t i = 0; i < seg->n_tokens; i++)
    f->folded[i].ptr = f->fold + (uintptr_t)f->folded[i].ptr;
  return 0;
}

/* Name the document in err: the stages know tokens, not files. */
static int name_doc(int rc, const kg_doc *doc, kg_error *err) {
  if (err && doc->id) {
    char msg[KG_ERROR_MSG_MAX];
    memcpy(msg, err->msg, sizeof msg);
    kg_error_set(err, rc, "%s: %s", doc->id, msg);
  }
  return rc;
}

int kg_front_run(kg_front *f, kg_finder *fd, const kg_extractor *x, const kg_doc *doc,
                 kg_error *err) {
  kg_segments *seg = &f->segs;
  int rc = kg_segment(f->seg, doc->text, doc->len, seg, err);
  if (rc)
    return rc;
  if (reserve_tokens(f, seg->n_tokens + 1) != 0 || fold_tokens(f, doc->text, seg) != 0)
    return kg_error_set(err, KG_ERR_NOMEM, "%s: out of memory", doc->id ? doc->id : "document");
  for (size_t i = 0; i < seg->n_tokens; i++) {
    f->wclass[i] = kg_gazetteer_word(x->gaz, f->folded[i].ptr, f->folded[i].len);
    f->gramw[i] = kg_grammar_word(x->gram, f->folded[i].ptr, f->folded[i].len);
  }
  f->dv = (kg_docview){
      .text = doc->text,
      .tokens = seg->tokens,
      .n_tokens = seg->n_tokens,
      .sentences = seg->sentences,
      .n_sentences = seg->n_sentences,
      .folded = f->folded,
      .wclass = f->wclass,
      .gram = f->gramw,
      .tflags = f->tflags,
      .tok_sent = f->tok_sent,
      .title = f->title,
      .gaz = x->gaz,
  };
  kg_docview *dv = &f->dv;
  kg_docview_cues(dv, f->tflags, f->tok_sent);
  kg_docview_titles(dv, NULL, NULL, f->title);

  f->cands.n = 0;
  rc = kg_rules_gazetteer(dv, &f->cands, err);
  if (!rc)
    rc = kg_rules_events(dv, &f->cands, err);
  if (!rc)
    rc = fd->source.find(fd->source.self, dv, &f->cands, err);
  if (!rc && fd->caps_pass)
    rc = kg_rules_caps_lines(dv, &f->cands, err);
  if (!rc)
    rc = kg_cands_merge(dv, &f->cands, err);
  return rc ? name_doc(rc, doc, err) : 0;
}

int kg_extractor_resolve(kg_extractor *x, kg_front *f, const kg_doc *doc, kg_doc_result *out,
                         kg_error *err) {
  memset(out, 0, sizeof *out);
  const kg_mention *ments = NULL;
  size_t n_ments = 0;
  int rc = kg_resolve(x->rs, x->reg, &f->dv, &f->cands, &ments, &n_ments, err);
  if (rc)
    return name_doc(rc, doc, err);
  out->seg = f->segs;
  out->mentions = ments;
  out->n_mentions = n_ments;
  return 0;
}

int kg_extractor_process(kg_extractor *x, const kg_doc *doc, kg_doc_result *out,
                         kg_error *err) {
  memset(out, 0, sizeof *out);
  int rc = kg_front_run(x->front, x->finder, x, doc, err);
  return rc ? rc : kg_extractor_resolve(x, x->front, doc, out, err);
}
