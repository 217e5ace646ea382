/* fuzz_read_segment.c: libFuzzer target for the path from raw bytes to
 * segments: UTF-8 validation, fold and slug, the reader (the input as a
 * plain-text file and as a JSON Lines file) and the segmenter, whose output
 * invariants are checked on every document.  Built only with -DKG_FUZZ=ON
 * under clang (see tests/CMakeLists.txt); not part of the library.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "extract.h"

/* Tokens in order, inside the text, never empty; sentences tile them. */
static void check_segments(kg_segmenter *s, const char *text, size_t len) {
  kg_segments seg;
  CHECK(kg_segment(s, text, len, &seg, NULL) == 0);
  size_t pos = 0;
  for (size_t i = 0; i < seg.n_tokens; i++) {
    CHECK(seg.tokens[i].len > 0);
    CHECK(seg.tokens[i].start >= pos);
    pos = (size_t)seg.tokens[i].start + seg.tokens[i].len;
    CHECK(pos <= len);
  }
  uint32_t next = 0, para = 0;
  for (size_t i = 0; i < seg.n_sentences; i++) {
    const kg_sentence *x = &seg.sentences[i];
    CHECK(x->tok_start == next && x->tok_end > x->tok_start);
    CHECK(x->paragraph >= para && x->paragraph < seg.n_paragraphs);
    next = x->tok_end;
    para = x->paragraph;
  }
  CHECK(next == seg.n_tokens);
}

static int take(kg_doc *d, void *ud) {
  CHECK(d->id && d->text && d->text[d->len] == '\0');
  CHECK(kg_utf8_valid(d->text, d->len, NULL));
  check_segments(ud, d->text, d->len);
  kg_doc_destroy(d);
  return 0;
}

static void warned(const char *msg, void *ud) {
  (void)ud;
  CHECK(strchr(msg, '\n') == NULL);
}

static void read_as(kg_segmenter *s, const uint8_t *data, size_t size, const char *suffix) {
  char path[128];
  snprintf(path, sizeof path, "/tmp/kg-fuzz-%ld%s", (long)getpid(), suffix);
  FILE *f = fopen(path, "wb");
  if (!f)
    return;
  fwrite(data, 1, size, f);
  fclose(f);
  const char *in[] = {path};
  kg_error err = {0};
  int rc = kg_read_inputs(in, 1, take, warned, s, NULL, &err);
  CHECK(rc == 0 || rc == KG_ERR_EMPTY);
  unlink(path);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static kg_segmenter *s; /* one per fuzzing process, reused like a worker's */
  if (!s)
    s = kg_segmenter_new();
  const char *text = (const char *)data;

  char out[256];
  size_t n = kg_text_fold(text, size, out, sizeof out);
  CHECK(strlen(out) <= n && kg_utf8_valid(out, strlen(out), NULL));
  n = kg_text_slug(text, size, out, sizeof out);
  CHECK(strlen(out) <= n);

  if (kg_utf8_valid(text, size, NULL))
    check_segments(s, text, size);
  read_as(s, data, size, ".txt");
  read_as(s, data, size, ".jsonl");
  return 0;
}
