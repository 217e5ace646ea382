/* test_pipeline.c: kg_pipeline gives every document to its callback in the
 * order pushed, with the same mentions and entities as kg_extractor_process
 * one document at a time, whatever the number of worker threads; it stops
 * when the callback says so and frees what is left. */
#include <criterion/criterion.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract.h"

#define SAMPLES KG_SOURCE_DIR "/samples/wikinews"

/* Every mention as a line "doc-index start end entity-id", the documents'
 * rcs, in the order the callback saw them. */
typedef struct trace {
  const kg_extractor *x;
  char *text;
  size_t len, cap;
  size_t n_docs, stop_after;
  int stop_with;
} trace;

static void append(trace *t, const char *s) {
  size_t n = strlen(s);
  if (t->len + n + 1 > t->cap) {
    t->cap = (t->len + n + 1) * 2;
    t->text = realloc(t->text, t->cap);
    cr_assert_not_null(t->text);
  }
  memcpy(t->text + t->len, s, n + 1);
  t->len += n;
}

static void note_doc(trace *t, const kg_doc *doc, int rc, const kg_doc_result *res) {
  char line[512];
  snprintf(line, sizeof line, "doc %zu %s rc %d\n", t->n_docs, doc->id, rc);
  append(t, line);
  for (size_t i = 0; !rc && i < res->n_mentions; i++) {
    kg_entity e;
    kg_registry_get(kg_extractor_registry(t->x), res->mentions[i].entity, &e);
    snprintf(line, sizeof line, "%u %u %s\n", res->mentions[i].start, res->mentions[i].end, e.id);
    append(t, line);
  }
  t->n_docs++;
}

static int on_result(kg_doc *doc, int rc, const kg_doc_result *res, kg_error *err, void *ud) {
  (void)err;
  trace *t = ud;
  note_doc(t, doc, rc, res);
  kg_doc_destroy(doc);
  return t->n_docs == t->stop_after ? t->stop_with : 0;
}

/* The documents: every Wikinews sample, in name order. */
static size_t load_docs(kg_doc **out) {
  DIR *d = opendir(SAMPLES);
  cr_assert_not_null(d);
  char **names = NULL;
  size_t n = 0;
  for (struct dirent *e; (e = readdir(d));)
    if (strncmp(e->d_name, "wikinews_", 9) == 0) {
      names = realloc(names, (n + 1) * sizeof *names);
      names[n++] = strdup(e->d_name);
    }
  closedir(d);
  qsort(names, n, sizeof *names, (int (*)(const void *, const void *))strcmp);
  kg_doc *docs = calloc(n + 1, sizeof *docs);
  for (size_t i = 0; i < n; i++) {
    char path[512];
    snprintf(path, sizeof path, "%s/%s", SAMPLES, names[i]);
    FILE *f = fopen(path, "rb");
    cr_assert_not_null(f, "%s", path);
    fseek(f, 0, SEEK_END);
    long len = ftell(f);
    fseek(f, 0, SEEK_SET);
    docs[i].text = malloc((size_t)len + 1);
    cr_assert_eq(fread(docs[i].text, 1, (size_t)len, f), (size_t)len);
    docs[i].text[len] = 0;
    docs[i].len = (size_t)len;
    docs[i].id = names[i];
    fclose(f);
  }
  free(names);
  *out = docs;
  return n;
}

static kg_doc copy_doc(const kg_doc *d) {
  kg_doc c = *d;
  c.id = strdup(d->id);
  if (d->text) {
    c.text = malloc(d->len + 1);
    memcpy(c.text, d->text, d->len + 1);
  }
  return c;
}

static void free_docs(kg_doc *docs, size_t n) {
  for (size_t i = 0; i < n; i++)
    kg_doc_destroy(&docs[i]);
  free(docs);
}

static kg_extractor *new_extractor(void) {
  kg_extractor *x = NULL;
  kg_error err = {0};
  cr_assert_eq(kg_extractor_new(NULL, &x, &err), 0, "%s", err.msg);
  return x;
}

/* The trace of the documents one at a time with kg_extractor_process. */
static char *sequential(const kg_doc *docs, size_t n) {
  kg_extractor *x = new_extractor();
  trace t = {.x = x};
  for (size_t i = 0; i < n; i++) {
    kg_doc_result res;
    kg_error err = {0};
    int rc = kg_extractor_process(x, &docs[i], &res, &err);
    note_doc(&t, &docs[i], rc, &res);
  }
  kg_extractor_free(x);
  return t.text;
}

static char *pipelined(const kg_doc *docs, size_t n, unsigned threads, size_t stop_after,
                       int *status) {
  kg_extractor *x = new_extractor();
  trace t = {.x = x, .stop_after = stop_after, .stop_with = -42};
  kg_pipeline *p = NULL;
  kg_error err = {0};
  cr_assert_eq(kg_pipeline_new(x, threads, on_result, &t, &p, &err), 0, "%s", err.msg);
  int rc = 0;
  for (size_t i = 0; i < n && !rc; i++) {
    kg_doc d = copy_doc(&docs[i]);
    rc = kg_pipeline_push(p, &d);
  }
  if (!rc)
    rc = kg_pipeline_finish(p);
  kg_pipeline_free(p);
  kg_extractor_free(x);
  *status = rc;
  return t.text;
}

Test(pipeline, the_same_mentions_in_the_same_order_on_any_number_of_threads) {
  kg_doc *docs;
  size_t n = load_docs(&docs);
  cr_assert_gt(n, 100);
  char *want = sequential(docs, n);
  for (unsigned threads = 0; threads <= 2; threads++) {
    int status = 1;
    char *got = pipelined(docs, n, threads, 0, &status);
    cr_assert_eq(status, 0, "threads %u", threads);
    cr_assert_str_eq(got, want, "threads %u: the pipeline's trace differs", threads);
    free(got);
  }
  free(want);
  free_docs(docs, n);
}

Test(pipeline, a_bad_document_comes_in_its_place_with_its_error) {
  kg_doc *docs;
  size_t n = load_docs(&docs);
  /* no text for a length: the segmenter refuses it (the front's error) */
  kg_doc_destroy(&docs[5]);
  docs[5].id = strdup("broken");
  docs[5].text = NULL;
  docs[5].len = 5;
  char *want = sequential(docs, 12);
  cr_assert(strstr(want, "doc 5 broken rc -"), "the document fails: %s", want);
  for (unsigned threads = 0; threads <= 2; threads++) {
    int status = 1;
    char *got = pipelined(docs, 12, threads, 0, &status);
    cr_assert_eq(status, 0, "the callback decides; it said go on");
    cr_assert_str_eq(got, want, "threads %u", threads);
    free(got);
  }
  free(want);
  free_docs(docs, n);
}

Test(pipeline, a_callback_that_says_stop_stops_it) {
  kg_doc *docs;
  size_t n = load_docs(&docs);
  for (unsigned threads = 0; threads <= 2; threads++) {
    int status = 0;
    char *got = pipelined(docs, n, threads, 7, &status);
    cr_assert_eq(status, -42, "threads %u: the callback's value comes back", threads);
    size_t seen = 0;
    for (const char *s = got; (s = strstr(s, "doc ")); s++)
      seen += s == got || s[-1] == '\n';
    cr_assert_eq(seen, 7, "threads %u: nothing after the stop, got %zu", threads, seen);
    free(got);
  }
  free_docs(docs, n);
}
