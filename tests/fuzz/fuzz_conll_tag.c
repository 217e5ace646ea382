/* fuzz_conll_tag.c: libFuzzer target for what `kgraph tag --conll` and
 * `kgraph eval` do with a file: the CoNLL reader, the tagger with the built-in
 * model and gazetteer (both passes, the span rules, --strip-titles) and the
 * conlleval scorer, with and without a type map.  Checks on every input: the
 * reader's index stays inside the buffer and tiles it, every label is valid
 * IOB2 within its sentence, one and two threads agree, and the score's counts
 * add up.  Built only with -DKG_FUZZ=ON under clang (see tests/CMakeLists.txt);
 * not part of the library.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "conll.h"
#include "gazetteer.h"
#include "tagger.h"

static kg_gazetteer *gaz;
static kg_tagger *tagger;
static kg_tagger_state *state;
static kg_type_map *map;

static void init(void) {
  kg_error err = {0};
  CHECK(kg_gazetteer_load(&gaz, &err) == 0);
  CHECK(kg_tagger_load(NULL, gaz, &tagger, &err) == 0);
  CHECK((state = kg_tagger_state_new()) != NULL);
  CHECK(kg_type_map_new("per=PER,org=ORG,geo=LOC,*=O", &map, &err) == 0);
}

/* Label l is B-x when odd, I-x when even (0 = O): I-x only after B-x or I-x. */
static void check_iob2(const kg_conll *c, const uint8_t *lab) {
  size_t n_labels = kg_tagger_n_labels(tagger);
  for (size_t s = 0, i = 0; s < c->n_sents; s++) {
    size_t begin = i;
    for (; i < c->sent_ends[s]; i++) {
      CHECK(lab[i] < n_labels);
      if (lab[i] && lab[i] % 2 == 0)
        CHECK(i > begin && (lab[i - 1] == lab[i] || lab[i - 1] == lab[i] - 1));
    }
  }
}

static void check_score(const kg_conll *c, const uint8_t *lab, const kg_type_map *m) {
  kg_score sc;
  CHECK(kg_tagger_score_conll(c, lab, m, &sc) == 0);
  size_t tp = 0, fp = 0, fn = 0;
  for (size_t k = 0; k < sc.n_types; k++) {
    tp += sc.types[k].tp;
    fp += sc.types[k].fp;
    fn += sc.types[k].fn;
  }
  CHECK(tp == sc.tp && fp == sc.fp && fn == sc.fn);
  CHECK(sc.tp + sc.fp <= c->n_tokens && sc.tp + sc.fn <= c->n_tokens);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (!tagger)
    init();
  char *buf = malloc(size + 1);
  CHECK(buf);
  memcpy(buf, data, size);
  buf[size] = '\0';
  kg_conll c;
  kg_error err = {0};
  if (kg_conll_parse(buf, size, &c, &err) != 0)
    return 0; /* refused with a message: fine */
  size_t pos = 0;
  for (size_t k = 0; k < c.n_lines; k++) {
    CHECK(c.lines[k].start == pos);
    pos += c.lines[k].len + c.lines[k].eol;
  }
  CHECK(pos == size);
  for (size_t i = 0; i < c.n_tokens; i++)
    CHECK(c.words[i].len > 0 && c.words[i].ptr >= c.buf &&
          c.words[i].ptr + c.words[i].len <= c.buf + size);
  CHECK(c.n_sents == 0 || c.sent_ends[c.n_sents - 1] == c.n_tokens);
  uint8_t *one = malloc(c.n_tokens + 1), *two = malloc(c.n_tokens + 1);
  CHECK(one && two);
  CHECK(kg_tagger_tag_conll(tagger, state, &c, one, &err) == 0);
  check_iob2(&c, one);
  CHECK(kg_tagger_tag_conll_mt(tagger, &c, two, 2, &err) == 0);
  CHECK(memcmp(one, two, c.n_tokens) == 0);
  check_score(&c, one, NULL);
  check_score(&c, one, map);
  kg_tagger_strip_titles(tagger, c.words, c.n_tokens, one);
  check_iob2(&c, one);
  free(one);
  free(two);
  kg_conll_destroy(&c);
  return 0;
}
