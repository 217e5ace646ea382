/* test_tagger.c: the statistical tagger: IOB2-valid output on any input,
 * model save/load round trip, deterministic training, bad model files,
 * CoNLL reading and entity-level scoring on hand-computed cases. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "conll.h"
#include "tagger.h"
#include "tagger_impl.h"

#define FIXTURE KG_TEST_DATA "/tagger/train.conll"

static void assert_iob2(const kg_tagger *t, const uint8_t *lab, size_t n, const uint32_t *ends,
                        size_t n_sents) {
  size_t s = 0;
  for (size_t i = 0; i < n; i++) {
    cr_assert_lt(lab[i], kg_tagger_n_labels(t), "label %u of word %zu is out of range", lab[i], i);
    const char *cur = kg_tagger_label(t, lab[i]);
    bool first = i == 0 || (s > 0 && ends[s - 1] == i);
    if (cur[0] == 'I') {
      cr_assert(!first, "word %zu starts a sentence with %s", i, cur);
      const char *prev = kg_tagger_label(t, lab[i - 1]);
      cr_assert(prev[0] != 'O' && !strcmp(prev + 2, cur + 2), "word %zu: %s after %s is not IOB2", i,
                cur, prev);
    }
    if (s < n_sents && ends[s] == i + 1)
      s++;
  }
}

static kg_tagger *train_fixture(uint64_t seed, unsigned epochs) {
  kg_tagger *t = NULL;
  kg_error err = {0};
  kg_train_opts o = {.epochs = epochs, .seed = seed};
  int rc = kg_tagger_train(FIXTURE, FIXTURE, NULL, &o, &t, &err);
  cr_assert_eq(rc, 0, "training on the fixture failed: %s", err.msg);
  return t;
}

/* Random tokens drawn from names, punctuation, odd bytes and long words. */
static void random_words(uint64_t *rng, kg_str *w, size_t n, char *pool, size_t pool_len) {
  static const char *const vocab[] = {"President", "Mr.", "Anna", "Berg", "Rome", "the", "of", ".",
                                      "United", "Nations", "ROME", "NATO", "-", "'s", "Monday", "é",
                                      "\xe2\x80\x9c", "1999", "U.S.", "a", "Kenyan", "said", "",
                                      "Co", "Inc.", "LTD", "and", "<", ">", "(", ")", "Ford"};
  for (size_t i = 0; i < n; i++) {
    *rng = *rng * 6364136223846793005ULL + 1442695040888963407ULL;
    uint64_t r = *rng >> 33;
    if (r % 10 == 0) { /* a random slice of the pool: arbitrary bytes, lengths */
      size_t off = (r >> 8) % pool_len, len = (r >> 4) % 300;
      if (off + len > pool_len)
        len = pool_len - off;
      w[i] = (kg_str){pool + off, len};
    } else {
      const char *s = vocab[r % (sizeof vocab / sizeof vocab[0])];
      w[i] = (kg_str){s, strlen(s)};
    }
  }
}

static void check_random_n(const kg_tagger *t, int rounds, size_t max_n) {
  enum { N = 5000 };
  static kg_str w[N];
  static uint8_t lab[N];
  static uint32_t ends[N];
  static char pool[4096];
  for (size_t i = 0; i < sizeof pool; i++)
    pool[i] = (char)(i * 7919 % 251 + 1);
  uint64_t rng = 42;
  kg_tagger_state *st = kg_tagger_state_new();
  cr_assert_not_null(st);
  for (int round = 0; round < rounds; round++) {
    size_t n = 1 + (size_t)(rng >> 40) % (max_n < N ? max_n : N);
    random_words(&rng, w, n, pool, sizeof pool);
    size_t k = 0;
    for (size_t i = 1; i <= n; i++) /* sentences of 1..~60 words, one long one */
      if (i == n || (round % 5 && (rng >> (i % 50)) % 37 == 0))
        ends[k++] = (uint32_t)i;
    kg_error err = {0};
    cr_assert_eq(kg_tagger_tag(t, st, w, n, ends, k, lab, &err), 0, "tagging failed: %s", err.msg);
    assert_iob2(t, lab, n, ends, k);
  }
  kg_tagger_state_free(st);
}

static void check_random(const kg_tagger *t) { check_random_n(t, 20, 5000); }

/* The built-in model reads gazetteer features: load both. */
static kg_tagger *load_builtin(kg_gazetteer **gaz) {
  kg_error err = {0};
  kg_tagger *t = NULL;
  cr_assert_eq(kg_gazetteer_load(gaz, &err), 0, "the gazetteer must load: %s", err.msg);
  cr_assert_eq(kg_tagger_load(NULL, *gaz, &t, &err), 0, "the built-in model must load: %s", err.msg);
  return t;
}

Test(tagger, builtin_model_gives_valid_iob2_on_random_input) {
  kg_gazetteer *gaz = NULL;
  kg_tagger *t = load_builtin(&gaz);
  check_random(t);
  kg_tagger_free(t);
  kg_gazetteer_free(gaz);
}

Test(tagger, builtin_model_needs_the_gazetteer) {
  kg_tagger *t = NULL;
  kg_error err = {0};
  cr_assert_eq(kg_tagger_load(NULL, NULL, &t, &err), KG_ERR_USAGE,
               "a model trained with gazetteer features refuses to run without them");
  cr_assert_null(t);
}

Test(tagger, trained_model_gives_valid_iob2_on_random_input) {
  kg_tagger *t = train_fixture(1, 2);
  check_random(t);
  kg_tagger_free(t);
}

Test(tagger, builtin_model_finds_obvious_entities) {
  kg_gazetteer *gaz = NULL;
  kg_tagger *t = load_builtin(&gaz);
  kg_error err = {0};
  const char *s[] = {"Prime", "Minister", "Tony", "Blair", "visited", "Iraq", "on", "Monday", "."};
  kg_str w[9];
  for (int i = 0; i < 9; i++)
    w[i] = (kg_str){s[i], strlen(s[i])};
  uint32_t end = 9;
  uint8_t lab[9];
  kg_tagger_state *st = kg_tagger_state_new();
  cr_assert_eq(kg_tagger_tag(t, st, w, 9, &end, 1, lab, &err), 0, "%s", err.msg);
  cr_assert_str_eq(kg_tagger_label(t, lab[3]), "I-per", "Blair is inside a person, got %s",
                   kg_tagger_label(t, lab[3]));
  cr_assert_str_eq(kg_tagger_label(t, lab[5]), "B-geo", "Iraq is a place, got %s", kg_tagger_label(t, lab[5]));
  cr_assert_str_eq(kg_tagger_label(t, lab[7]), "B-tim", "Monday is a time, got %s", kg_tagger_label(t, lab[7]));
  kg_tagger_state_free(st);
  kg_tagger_free(t);
  kg_gazetteer_free(gaz);
}

static char *tmp_path(const char *name) {
  char *p = malloc(256);
  snprintf(p, 256, "/tmp/kg_test_tagger_%ld_%s", (long)getpid(), name);
  return p;
}

static unsigned char *slurp(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  cr_assert_not_null(f, "cannot open %s", path);
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  unsigned char *b = malloc((size_t)n + 1);
  cr_assert_eq(fread(b, 1, (size_t)n, f), (size_t)n);
  fclose(f);
  *len = (size_t)n;
  return b;
}

Test(tagger, save_then_load_tags_the_same) {
  kg_tagger *a = train_fixture(3, 3), *b = NULL;
  char *path = tmp_path("roundtrip.model");
  kg_error err = {0};
  cr_assert_eq(kg_tagger_save(a, path, &err), 0, "save failed: %s", err.msg);
  cr_assert_eq(kg_tagger_load(path, NULL, &b, &err), 0, "load failed: %s", err.msg);
  kg_conll c;
  cr_assert_eq(kg_conll_read(FIXTURE, &c, &err), 0, "%s", err.msg);
  uint8_t *la = malloc(c.n_tokens), *lb = malloc(c.n_tokens);
  kg_tagger_state *st = kg_tagger_state_new();
  cr_assert_eq(kg_tagger_tag_conll(a, st, &c, la, &err), 0, "%s", err.msg);
  cr_assert_eq(kg_tagger_tag_conll(b, st, &c, lb, &err), 0, "%s", err.msg);
  cr_assert_eq(memcmp(la, lb, c.n_tokens), 0, "the reloaded model must tag exactly as the saved one");
  kg_score s;
  cr_assert_eq(kg_tagger_score_conll(&c, lb, NULL, &s), 0);
  double p, r, f;
  kg_score_prf(s.tp, s.fp, s.fn, &p, &r, &f);
  cr_assert_gt(f, 0.9, "a model tagging its own training data should score well, F1 %.3f", f);
  kg_tagger_state_free(st);
  free(la);
  free(lb);
  kg_conll_destroy(&c);
  kg_tagger_free(a);
  kg_tagger_free(b);
  remove(path);
  free(path);
}

Test(tagger, training_with_a_fixed_seed_is_byte_identical) {
  char *p1 = tmp_path("det1.model"), *p2 = tmp_path("det2.model");
  kg_error err = {0};
  kg_tagger *a = train_fixture(11, 4), *b = train_fixture(11, 4);
  cr_assert_eq(kg_tagger_save(a, p1, &err), 0, "%s", err.msg);
  cr_assert_eq(kg_tagger_save(b, p2, &err), 0, "%s", err.msg);
  size_t n1, n2;
  unsigned char *b1 = slurp(p1, &n1), *b2 = slurp(p2, &n2);
  cr_assert_eq(n1, n2, "same seed, same data: same model size (%zu vs %zu)", n1, n2);
  cr_assert_eq(memcmp(b1, b2, n1), 0, "same seed, same data: byte-identical model");
  free(b1);
  free(b2);
  kg_tagger_free(a);
  kg_tagger_free(b);
  remove(p1);
  remove(p2);
  free(p1);
  free(p2);
}

Test(tagger, bad_model_files_are_refused) {
  char *path = tmp_path("bad.model");
  kg_error err = {0};
  kg_tagger *t = NULL;
  FILE *f = fopen(path, "wb");
  fputs("not a model at all", f);
  fclose(f);
  cr_assert_eq(kg_tagger_load(path, NULL, &t, &err), KG_ERR_FORMAT, "garbage is not a model");
  cr_assert_null(t);
  cr_assert(strstr(err.msg, path), "the message names the file: %s", err.msg);
  /* A real model cut short. */
  kg_tagger *good = train_fixture(1, 1);
  cr_assert_eq(kg_tagger_save(good, path, &err), 0, "%s", err.msg);
  size_t n;
  unsigned char *b = slurp(path, &n);
  f = fopen(path, "wb");
  fwrite(b, 1, n / 2, f);
  fclose(f);
  cr_assert_eq(kg_tagger_load(path, NULL, &t, &err), KG_ERR_FORMAT, "a truncated model is refused");
  cr_assert_eq(kg_tagger_load("/nonexistent/x.model", NULL, &t, &err), KG_ERR_IO);
  free(b);
  kg_tagger_free(good);
  remove(path);
  free(path);
}

/* The bytes of a model trained on the fixture (saved to path), its header
 * and its layout. */
static unsigned char *fixture_model(const char *path, size_t *n, kg_tg_header *h, kg_tg_layout *l) {
  kg_error err = {0};
  kg_tagger *good = train_fixture(1, 1);
  cr_assert_eq(kg_tagger_save(good, path, &err), 0, "%s", err.msg);
  kg_tagger_free(good);
  unsigned char *b = slurp(path, n);
  memcpy(h, b, sizeof *h);
  *l = kg_tg_layout_of(h->cap, h->n_feats, h->ccap);
  return b;
}

static void spit(const char *path, const void *b, size_t n) {
  FILE *f = fopen(path, "wb");
  cr_assert_not_null(f, "cannot write %s", path);
  cr_assert_eq(fwrite(b, 1, n, f), n);
  fclose(f);
}

/* A model whose hash table has no empty slot would make every probe for an
 * absent key run forever: such a file is refused at load, for the feature
 * table and for the word-cluster table alike. */
Test(tagger, full_hash_tables_are_refused, .timeout = 20) {
  char *path = tmp_path("full.model");
  kg_error err = {0};
  kg_tagger *t = NULL;
  size_t n;
  kg_tg_header h;
  kg_tg_layout l;
  unsigned char *b = fixture_model(path, &n, &h, &l);
  cr_assert_gt(h.ccap, 0, "the fixture model has word clusters");
  for (int table = 0; table < 2; table++) {
    unsigned char *c = malloc(n);
    memcpy(c, b, n);
    size_t off = table ? l.ckeys : l.slots, slots = table ? h.ccap : h.cap;
    size_t filled = 0;
    for (size_t i = 0; i < slots; i++) {
      uint64_t k;
      memcpy(&k, c + off + 8 * i, 8);
      if (!k) { /* a key no lookup asks for, pointing at row 0 */
        k = (uint64_t)0xABCDEF1234 << 24;
        memcpy(c + off + 8 * i, &k, 8);
        filled++;
      }
    }
    cr_assert_gt(filled, 0);
    spit(path, c, n);
    cr_assert_eq(kg_tagger_load(path, NULL, &t, &err), KG_ERR_FORMAT, "table %d full: refused", table);
    cr_assert_null(t);
    cr_assert(strstr(err.msg, path) && strstr(err.msg, "corrupt"), "%s", err.msg);
    free(c);
  }
  free(b);
  remove(path);
  free(path);
}

/* Random damage to a real model (a few bytes, mostly in the header and the
 * hash tables): the loader refuses it with a format error, or the model it
 * accepts tags without reading out of bounds (ASan/UBSan builds check that)
 * and gives IOB2-valid labels. */
Test(tagger, damaged_models_are_refused_or_tag_safely, .timeout = 120) {
  char *path = tmp_path("damaged.model");
  kg_error err = {0};
  size_t n;
  kg_tg_header h;
  kg_tg_layout l;
  unsigned char *b = fixture_model(path, &n, &h, &l);
  uint64_t rng = 7;
  int refused = 0, loaded = 0;
  for (int trial = 0; trial < 150; trial++) {
    void *c = NULL;
    cr_assert_eq(posix_memalign(&c, 64, n), 0);
    memcpy(c, b, n);
    for (int k = 0; k < 1 + trial % 4; k++) {
      rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
      uint64_t r = rng >> 20;
      size_t at;
      switch (r % 4) {
      case 0: at = (r >> 3) % sizeof h; break;                       /* the header */
      case 1: at = l.slots + (r >> 3) % (l.weights - l.slots); break; /* feature slots */
      case 2: at = h.ccap ? l.ckeys + (r >> 3) % ((size_t)h.ccap * 8) : 0; break;
      default: at = (r >> 3) % n;
      }
      ((unsigned char *)c)[at] ^= (unsigned char)(1 + (r >> 40) % 255);
    }
    kg_tagger *t = NULL;
    int rc = kg_tg_open(c, n, true, NULL, "damaged", &t, &err); /* owns c from here */
    if (rc) {
      cr_assert(rc == KG_ERR_FORMAT || rc == KG_ERR_USAGE, "trial %d: rc %d (%s)", trial, rc, err.msg);
      cr_assert(strstr(err.msg, "damaged"), "the message names the model: %s", err.msg);
      refused++;
      continue;
    }
    loaded++;
    check_random_n(t, 2, 300);
    kg_tagger_free(t);
  }
  cr_assert_gt(refused, 0, "some damage is caught");
  cr_assert_gt(loaded, 0, "damage to weights alone still loads");
  free(b);
  remove(path);
  free(path);
}

/* ------------------------------------------------------------ CoNLL files */

static void parse(const char *text, kg_conll *c) {
  size_t n = strlen(text);
  char *buf = malloc(n + 1);
  memcpy(buf, text, n + 1);
  kg_error err = {0};
  cr_assert_eq(kg_conll_parse(buf, n, c, &err), 0, "%s", err.msg);
}

Test(conll, reads_crlf_docstart_extra_columns_and_no_final_newline) {
  kg_conll c;
  parse("-DOCSTART- -X- O\r\n\r\nAnna X B-per\r\nBerg\tY\tI-per\r\n \t\r\nRome NNP B-geo\n-DOCSTART-\nOslo", &c);
  cr_assert_eq(c.n_tokens, 4);
  cr_assert_eq(c.n_sents, 3, "sentences: Anna Berg | Rome | Oslo, got %zu", c.n_sents);
  cr_assert_eq(c.n_docs, 2, "documents split at the second -DOCSTART-, got %zu", c.n_docs);
  cr_assert_eq(c.words[1].len, 4);
  cr_assert_eq(memcmp(c.words[1].ptr, "Berg", 4), 0);
  cr_assert_eq(c.tags[1].len, 5);
  cr_assert_eq(memcmp(c.tags[1].ptr, "I-per", 5), 0, "the tag is the last column, without the CR");
  cr_assert_eq(c.lines[0].kind, KG_CONLL_DOCSTART);
  cr_assert_eq(c.lines[2].eol, 2, "CRLF is remembered");
  cr_assert_eq(c.lines[4].kind, KG_CONLL_BLANK, "a line of spaces is blank");
  cr_assert_eq(c.lines[c.n_lines - 1].eol, 0, "the last line has no newline");
  cr_assert_eq(c.sent_ends[2], 4);
  kg_conll_destroy(&c);
}

/* Sentences (words separated by spaces) as a CoNLL file, one token a line. */
static void parse_sentences(const char *const *sents, size_t n, kg_conll *c) {
  size_t cap = 1;
  for (size_t k = 0; k < n; k++)
    cap += strlen(sents[k]) + 2;
  char *text = malloc(cap), *p = text;
  for (size_t k = 0; k < n; k++) {
    for (const char *q = sents[k]; *q; q++)
      *p++ = *q == ' ' ? '\n' : *q;
    *p++ = '\n';
    *p++ = '\n';
  }
  *p = 0;
  parse(text, c);
  free(text);
}

/* The documents the tagger cuts c into: their end sentences, in ends[]. */
static size_t doc_ends(const kg_conll *c, size_t *ends, size_t max) {
  kg_gazetteer *gaz = NULL;
  kg_error err = {0};
  cr_assert_eq(kg_gazetteer_load(&gaz, &err), 0, "%s", err.msg);
  size_t s0 = 0, d = 0;
  while (s0 < c->n_sents && d < max)
    s0 = ends[d] = kg_tg_doc_end(c, gaz, s0, d), d++;
  kg_gazetteer_free(gaz);
  return d;
}

Test(conll, newswire_without_docstart_is_cut_into_articles_at_their_datelines) {
  static const char *const sents[] = {
      "Brazil said no .",                                     /* 0: no dateline before it */
      "FUNARO REJECTS UK SUGGESTION OF IMF BRAZIL PLAN",      /* 1: headline of ... */
      "LONDON , March 2 -",                                   /* 2: ... this dateline */
      "Brazilian Finance Minister Dilson Funaro said no .",
      "NATO , on March 3 , met .",                            /* 4: lower case: not a dateline */
      "EU REJECTS GERMAN CALL TO BAN BRITISH LAMB .",         /* 5: CoNLL-2003 style */
      "BRUSSELS 1996-08-22",
      "The European Commission said so .",
      "WASHINGTON , Feb. 26 - The chairman said it will .",   /* 8: dateline, no headline */
      "CALGARY , Alberta , March 2 -",                        /* 9: with a region */
      "UN TALKS OPEN IN MARCH",                               /* 10: a headline, no dateline */
      "The talks open March 3 .",
      "GENEVA , March 3 , 1987 , the talks opened .",         /* 12: the date runs on: not one */
      "PARIS ( Reuters ) - The bank said so .",               /* 13: an agency's credit */
      "It rose .",
      "IRAQ-POVERTY ( Washington )",                          /* 15: no dash: not one */
      "Aid rose .",
  };
  kg_conll c;
  parse_sentences(sents, sizeof sents / sizeof *sents, &c);
  cr_assert_eq(c.n_sents, 17);
  size_t ends[16], want[] = {1, 5, 8, 9, 13, 17};
  size_t n = doc_ends(&c, ends, 16);
  cr_assert_eq(n, 6, "documents: want 6, got %zu", n);
  for (size_t k = 0; k < n; k++)
    cr_assert_eq(ends[k], want[k], "document %zu ends at sentence %zu, want %zu", k, ends[k], want[k]);
  cr_assert_eq(kg_tg_doc_end(&c, NULL, 0, 0), 17, "without a gazetteer no month, so no dateline");
  kg_conll_destroy(&c);
}

Test(conll, without_docstart_or_datelines_documents_are_runs_of_sentences) {
  const char *sents[45];
  for (size_t k = 0; k < 45; k++)
    sents[k] = k == 30 ? "LONDON" : "It rained in Oslo .";
  kg_conll c;
  parse_sentences(sents, 45, &c);
  size_t ends[8];
  size_t n = doc_ends(&c, ends, 8);
  cr_assert_eq(n, 3);
  cr_assert(ends[0] == 20 && ends[1] == 40 && ends[2] == 45, "ends %zu %zu %zu", ends[0], ends[1], ends[2]);
  kg_conll_destroy(&c);
}

Test(conll, docstart_lines_decide_alone_when_there_are_any) {
  kg_conll c;
  parse("-DOCSTART-\n\nA\nB\n\nLONDON\n,\nMarch\n2\n-\n\nC\n\n-DOCSTART-\n\nD\n", &c);
  size_t ends[8];
  size_t n = doc_ends(&c, ends, 8);
  cr_assert_eq(n, 2, "the dateline starts no document of its own, got %zu", n);
  cr_assert(ends[0] == 3 && ends[1] == 4);
  kg_conll_destroy(&c);
}

Test(conll, empty_input_has_nothing) {
  kg_conll c;
  parse("", &c);
  cr_assert_eq(c.n_tokens + c.n_sents + c.n_docs + c.n_lines, 0);
  kg_conll_destroy(&c);
  parse("\n\n-DOCSTART-\n\n", &c);
  cr_assert_eq(c.n_tokens + c.n_sents + c.n_docs, 0);
  kg_conll_destroy(&c);
}

/* ---------------------------------------------------------------- scoring */

static kg_str S(const char *s) { return (kg_str){s, s ? strlen(s) : 0}; }

Test(score, hand_computed_case) {
  /* gold:  [Anna Berg]per  visited [Rome]geo .  | [UN]org  [Kenyan]gpe
   * pred:  [Anna]per Berg  visited [Rome]geo .  | [UN]geo  [Kenyan]gpe
   * per: tp 0 fp 1 fn 1; geo: tp 1 fp 1 fn 0; org: fn 1; gpe: tp 1.
   * micro: tp 2 fp 2 fn 2 -> P = R = F = 0.5 */
  kg_str g[] = {S("B-per"), S("I-per"), S("O"), S("B-geo"), S("O"), S(NULL), S("B-org"), S("B-gpe")};
  kg_str p[] = {S("B-per"), S("O"), S("O"), S("B-geo"), S("O"), S(NULL), S("B-geo"), S("I-gpe")};
  kg_score s;
  kg_score_tags(g, p, 8, NULL, &s);
  cr_assert_eq(s.tp, 2);
  cr_assert_eq(s.fp, 2);
  cr_assert_eq(s.fn, 2);
  cr_assert_eq(s.n_types, 4);
  cr_assert_str_eq(s.types[0].name, "geo", "types sorted by name");
  cr_assert_eq(s.types[0].tp, 1);
  cr_assert_eq(s.types[0].fp, 1);
  cr_assert_str_eq(s.types[3].name, "per");
  cr_assert_eq(s.types[3].fp + s.types[3].fn, 2);
  char buf[2048] = {0};
  FILE *f = fmemopen(buf, sizeof buf, "w");
  kg_score_print(&s, f);
  fclose(f);
  cr_assert(strstr(buf, "processed 7 tokens with 4 phrases; found: 4 phrases; correct: 2.\n"), "%s", buf);
  cr_assert(strstr(buf, "micro: precision:  50.00%; recall:  50.00%; FB1:  50.00  (tp 2 fp 2 fn 2)\n"), "%s", buf);
  cr_assert(strstr(buf, "              gpe: precision: 100.00%; recall: 100.00%; FB1: 100.00  1  (gold 1, tp 1 fp 0 fn 0)\n"), "%s", buf);
  cr_assert(strstr(buf, "macro FB1 over 4 gold types:  41.67\n"), "%s", buf);

  /* Mapped: geo and org both LOC-like is not asked; keep per and geo only. */
  kg_type_map *m = NULL;
  kg_error err = {0};
  cr_assert_eq(kg_type_map_new("per=PER,geo=LOC,*=O", &m, &err), 0, "%s", err.msg);
  kg_score_tags(g, p, 8, m, &s);
  cr_assert_eq(s.n_types, 2);
  cr_assert_eq(s.tp, 1, "only Rome is right among PER/LOC");
  cr_assert_eq(s.fp, 2, "Anna and UN-as-LOC are wrong");
  cr_assert_eq(s.fn, 1, "Anna Berg is missed");
  kg_type_map_free(m);
  cr_assert_eq(kg_type_map_new("per", &m, &err), KG_ERR_USAGE, "an item without '=' is refused");
}

Test(score, iob1_and_bioes_read_tolerantly) {
  /* I- after O starts a chunk; E-/S- close one, as in conlleval. */
  kg_str g[] = {S("I-per"), S("I-per"), S("O"), S("S-geo"), S("B-org"), S("E-org")};
  kg_str p[] = {S("B-per"), S("I-per"), S("O"), S("B-geo"), S("B-org"), S("I-org")};
  kg_score s;
  kg_score_tags(g, p, 6, NULL, &s);
  cr_assert_eq(s.tp, 3, "all three chunks match, got tp %zu fp %zu fn %zu", s.tp, s.fp, s.fn);
  cr_assert_eq(s.fp + s.fn, 0);
}

Test(tagger, strip_titles_gives_conll2003_person_spans) {
  kg_gazetteer *gaz = NULL;
  kg_tagger *t = load_builtin(&gaz);
  const char *s[] = {"President", "Barack", "Obama", "met", "Mr.", "Smith", "and", "Mr.", "."};
  uint8_t lab[] = {1, 2, 2, 0, 1, 2, 0, 1, 0}; /* B-per I-per I-per O B-per I-per O B-per O */
  uint8_t want[] = {0, 1, 2, 0, 0, 1, 0, 1, 0};
  kg_str w[9];
  for (int i = 0; i < 9; i++)
    w[i] = (kg_str){s[i], strlen(s[i])};
  kg_tagger_strip_titles(t, w, 9, lab);
  for (int i = 0; i < 9; i++)
    cr_assert_eq(lab[i], want[i], "word %d (%s): want %s, got %s", i, s[i], kg_tagger_label(t, want[i]),
                 kg_tagger_label(t, lab[i]));
  kg_tagger_free(t);
  kg_gazetteer_free(gaz);
}

Test(tagger, gazetteer_clears_names_of_no_entity_and_retypes_companies) {
  kg_gazetteer *gaz = NULL;
  kg_tagger *t = load_builtin(&gaz);
  /* GMB tags "Dow Jones" as a person; an index is no entity. "Dow Chemical"
   * is a company, and "Christmas" as a time expression stays. */
  const char *s[] = {"Dow", "Jones", "fell", "as", "Dow", "Chemical", "rose", "before",
                     "Christmas", ";", "Christmas", ";", "Toyota", "Toyota", "Smith", "."};
  /* B-per I-per .. B-org I-org .. B-tim .. B-org .. B-per, B-per I-per */
  uint8_t lab[] = {1, 2, 0, 0, 3, 4, 0, 0, 9, 0, 3, 0, 1, 1, 2, 0};
  uint8_t want[] = {0, 0, 0, 0, 3, 4, 0, 0, 9, 0, 0, 0, 3, 1, 2, 0};
  kg_str w[16];
  for (int i = 0; i < 16; i++)
    w[i] = (kg_str){s[i], strlen(s[i])};
  kg_tagger_apply_gazetteer(t, w, 16, lab);
  for (int i = 0; i < 16; i++)
    cr_assert_eq(lab[i], want[i], "word %d (%s): want %s, got %s", i, s[i], kg_tagger_label(t, want[i]),
                 kg_tagger_label(t, lab[i]));
  /* A span that begins a longer name of no entity is part of it ("S&P" of the
   * index "S&P 500"), unless it is a known name itself ("Boeing" of "Boeing
   * 787", a product of Boeing). */
  const char *s2[] = {"the", "S&P", "500", "fell", ";", "S&P", "said", ";", "Boeing", "787", "jets"};
  uint8_t lab2[] = {0, 3, 0, 0, 0, 3, 0, 0, 3, 0, 0};
  uint8_t want2[] = {0, 0, 0, 0, 0, 3, 0, 0, 3, 0, 0};
  for (int i = 0; i < 11; i++)
    w[i] = (kg_str){s2[i], strlen(s2[i])};
  kg_tagger_apply_gazetteer(t, w, 11, lab2);
  for (int i = 0; i < 11; i++)
    cr_assert_eq(lab2[i], want2[i], "word %d (%s): want %s, got %s", i, s2[i],
                 kg_tagger_label(t, want2[i]), kg_tagger_label(t, lab2[i]));
  kg_tagger_free(t);
  kg_gazetteer_free(gaz);
}

/* A span rule's cases, one per row: words (space-separated) and labels before
 * and after, as IOB2 strings ("B-per I-per O"). */
typedef struct forms_case {
  const char *words, *before, *after;
} forms_case;

static const forms_case FORMS[] = {
    /* Reuters marks companies with angle brackets; spans end on words. */
    {"< Toshiba Corp > said", "B-org I-org I-org I-org O", "O B-org I-org O O"},
    {"( Reuters ) -", "B-org I-org I-org O", "O B-org O O"},
    /* A semicolon or a bullet ends a span: a list of names. */
    {"Sachs Corp ; Morgan Stanley Co said", "B-org I-org I-org I-org I-org I-org O",
     "B-org I-org O B-org I-org I-org O"},
    {"Wayne , Michigan * Louisville Assembly", "B-org I-org I-org I-org I-org I-org",
     "B-org I-org I-org O B-org I-org"},
    /* A currency with its country is no name, nor part of one. */
    {"worth US$ 5 billion", "O B-org O O", "O O O O"},
    {"paid HK$ 39 billion", "O B-geo O O", "O O O O"},
    {"Boeing A$ 7", "B-org I-org O", "B-org O O"},
    /* A bracket inside a span ends it: a name, then its abbreviation. */
    {"Exxon ( XON ) rose", "B-org I-org I-org I-org O", "B-org O B-org O O"},
    /* A ticker in angle brackets: no name, and the company just before it. */
    {"Purolator < PCC > said", "B-org I-org I-org O O", "B-org O O O O"},
    {"Bangor Hydro < BANG > said", "B-per I-per O B-org O O", "B-org I-org O O O O"},
    {"General Motors Corp < GM > said", "B-org I-org I-org O B-org O O",
     "B-org I-org I-org O O O O"},
    /* not a ticker: a company in angle brackets, six letters, lower case */
    {"said < Sony Corp > rose", "O O B-org I-org O O", "O O B-org I-org O O"},
    {"Acme < ACMEXY > said", "B-org O B-org O O", "B-org O B-org O O"},
    {"Acme < Gm > said", "B-org O B-org O O", "B-org O B-org O O"},
    /* An instrument code in brackets: no name, and the company just before it. */
    {"group Rhone-Poulenc < RHON.PA > said", "O O O B-per O O", "O B-org O O O O"},
    {"BNP Paribas ( BNPP.PA ) rose", "B-per I-per O B-org O O", "B-org I-org O O O O"},
    {"shares of it ( AAPL.O ) rose", "O O O O B-org O O", "O O O O O O O"},
    {"Exxon ( XON.N ) rose", "B-geo O O O O", "B-org O O O O"},
    {"class B < RT.B > stock", "O B-per O B-org O O", "O B-per O O O O"},
    /* A name ending in a legal form is one company, whatever the model said. */
    {"Ford Motor Co rose", "B-per I-per I-per O", "B-org I-org I-org O"},
    {"Boeing Co said", "B-org B-org O", "B-org I-org O"},
    {"Eastman Kodak Co said", "B-per B-org I-org O", "B-org I-org I-org O"},
    {"South Korean Hyundai Motor Company", "O B-gpe B-org I-org O", "O B-gpe B-org I-org I-org"},
    {"Morgan Grenfell and Co said", "B-per I-per O B-org O", "B-org I-org I-org I-org O"},
    {"bought Coca-Cola Co shares", "O O O O", "O B-org I-org O"},
    {"Dow Jones and Co Inc said", "B-per I-per O O O O", "B-org I-org I-org I-org I-org O"},
    {"Bond Corp Holdings Ltd said", "B-org I-org I-org I-org O", "B-org I-org I-org I-org O"},
    /* and so is one ending in a bank holding company's word */
    {"First City Bancorp said", "B-geo I-geo B-per O", "B-org I-org I-org O"},
    {"Rainier Bancorporation rose", "B-geo O O", "B-org I-org O"},
    /* Not a legal form: lower case, or nothing capitalized before it. */
    {"the co said", "O O O", "O O O"},
    {"Co said it", "O O O", "O O O"},
    {"he and Co", "O O O", "O O O"},
    /* In an ALL-CAPS headline every word is capitalized: only the model's names count. */
    {"ECUADOR SAYS WILL RESUME LIMITED OIL OUTPUT", "B-geo O O O O O O", "B-geo O O O O O O"},
    {"FORD MOTOR CO SALES", "B-org I-org O O", "B-org I-org I-org O"},
};

static size_t split_words(const char *s, char *buf, kg_str *w) {
  strcpy(buf, s);
  size_t n = 0;
  for (char *tok = strtok(buf, " "); tok; tok = strtok(NULL, " "))
    w[n++] = (kg_str){tok, strlen(tok)};
  return n;
}

static size_t parse_labels(const kg_tagger *t, const char *s, uint8_t *lab) {
  char buf[256];
  kg_str w[16];
  size_t n = split_words(s, buf, w);
  for (size_t i = 0; i < n; i++) {
    int found = -1;
    for (unsigned l = 0; l < kg_tagger_n_labels(t); l++)
      if (strlen(kg_tagger_label(t, l)) == w[i].len && !memcmp(kg_tagger_label(t, l), w[i].ptr, w[i].len))
        found = (int)l;
    cr_assert_geq(found, 0, "bad label in the test table: %.*s", (int)w[i].len, w[i].ptr);
    lab[i] = (uint8_t)found;
  }
  return n;
}

/* A rule that rewrites labels in place, as the kg_tagger_apply_* do. */
typedef void (*span_rule)(const kg_tagger *t, const kg_str *words, size_t n, uint8_t *labels);

/* One case of a rule's table (case c): its words, the labels before the rule
 * and the labels it must leave, still IOB2. */
static void check_rule(const kg_tagger *t, span_rule rule, size_t c, const char *words, const char *before,
                       const char *after) {
  char buf[256];
  kg_str w[16];
  uint8_t lab[16], want[16];
  size_t n = split_words(words, buf, w);
  uint32_t end = (uint32_t)n;
  cr_assert_eq(parse_labels(t, before, lab), n, "case %zu: label count", c);
  cr_assert_eq(parse_labels(t, after, want), n, "case %zu: label count", c);
  rule(t, w, n, lab);
  for (size_t i = 0; i < n; i++)
    cr_assert_eq(lab[i], want[i], "\"%s\" word %zu: want %s, got %s", words, i, kg_tagger_label(t, want[i]),
                 kg_tagger_label(t, lab[i]));
  assert_iob2(t, lab, n, &end, 1);
}

static void forms_rule(const kg_tagger *t, const kg_str *words, size_t n, uint8_t *labels) {
  (void)t;
  kg_tagger_apply_forms(words, n, labels);
}

/* A rule over a table of cases, with the built-in model and gazetteer. */
static void check_table(span_rule rule, const forms_case *cases, size_t n) {
  kg_gazetteer *gaz = NULL;
  kg_tagger *t = load_builtin(&gaz);
  for (size_t c = 0; c < n; c++)
    check_rule(t, rule, c, cases[c].words, cases[c].before, cases[c].after);
  kg_tagger_free(t);
  kg_gazetteer_free(gaz);
}

Test(tagger, span_forms_trim_punctuation_and_make_companies_whole) {
  check_table(forms_rule, FORMS, sizeof FORMS / sizeof *FORMS);
}

/* A rule over a document's labels, as kg_tagger_apply_named_people. */
typedef void (*doc_rule)(const kg_tagger *t, const kg_str *words, const uint32_t *sent_ends,
                         size_t n_sents, uint8_t *labels);

/* One case of a document rule: two sentences, the first ending at end0. */
typedef struct doc_case {
  const char *words, *before, *after;
  uint32_t end0;
} doc_case;

static void check_doc_table(doc_rule rule, const doc_case *cases, size_t n_cases) {
  kg_gazetteer *gaz = NULL;
  kg_tagger *t = load_builtin(&gaz);
  for (size_t c = 0; c < n_cases; c++) {
    char buf[256];
    kg_str w[32];
    uint8_t lab[32], want[32];
    size_t n = split_words(cases[c].words, buf, w);
    cr_assert_eq(parse_labels(t, cases[c].before, lab), n, "case %zu", c);
    cr_assert_eq(parse_labels(t, cases[c].after, want), n, "case %zu", c);
    uint32_t ends[2] = {cases[c].end0, (uint32_t)n};
    rule(t, w, ends, 2, lab);
    for (size_t i = 0; i < n; i++)
      cr_expect_eq(lab[i], want[i], "case %zu word %zu: want %s, got %s", c, i,
                   kg_tagger_label(t, want[i]), kg_tagger_label(t, lab[i]));
  }
  kg_tagger_free(t);
  kg_gazetteer_free(gaz);
}

/* kg_tagger_apply_named_people: a given name and a family name that the
 * document tags a person elsewhere, on given labels over two sentences. */
Test(tagger, a_given_name_and_a_family_name_of_the_document_s_person_are_a_person) {
  static const doc_case cases[] = {
      {"company CEO Steve Jobs spoke . Jobs said so .", "O O O O O O B-per O O O",
       "O O B-per I-per O O B-per O O O", 6},
      {"company CEO Steve Jobs spoke . Jobs said so .", "O O B-per O O O B-per O O O",
       "O O B-per I-per O O B-per O O O", 6},
      {"company CEO Steve Jobs spoke . They met Jobs", "O O O O O O O O B-per",
       "O O B-per I-per O O O O B-per", 6},
      /* the family name never a person's; another given name's; a longer run */
      {"company CEO Steve Jobs spoke . Jobs said so .", "O O O O O O O O O O",
       "O O O O O O O O O O", 6},
      {"at Apple Steve Jobs spoke . Jobs said so .", "O B-org O O O O B-per O O O",
       "O B-org O O O O B-per O O O", 6},
      {"Steve Jobs Award was given . Jobs said so .", "O O O O O O B-per O O O",
       "O O O O O O B-per O O O", 6},
  };
  check_doc_table(kg_tagger_apply_named_people, cases, sizeof cases / sizeof *cases);
}

/* kg_tagger_apply_short_names on given labels, two sentences each. */
Test(tagger, a_company_s_short_name_is_the_company) {
  static const doc_case cases[] = {
      {"British Printing and Communication Corp sued . British Printing 's shares rose .",
       "B-org I-org I-org I-org I-org O O B-gpe O O O O O",
       "B-org I-org I-org I-org I-org O O B-org I-org O O O O", 7},
      /* the demonym alone; another company's words; a longer capitalized run */
      {"British Printing and Communication Corp sued . British shares rose .",
       "B-org I-org I-org I-org I-org O O B-gpe O O O",
       "B-org I-org I-org I-org I-org O O B-gpe O O O", 7},
      {"British Printing and Communication Corp sued . British Steel rose .",
       "B-org I-org I-org I-org I-org O O B-gpe O O O",
       "B-org I-org I-org I-org I-org O O B-gpe O O O", 7},
      {"British Printing and Communication Corp sued . British Printing Workers rose .",
       "B-org I-org I-org I-org I-org O O B-gpe O O O O",
       "B-org I-org I-org I-org I-org O O B-gpe O O O O", 7},
      /* "A and B" of a company "A and B ...": not before a capitalized word,
       * nor where a longer span of the model goes on */
      {"Harper and Row Publishers Inc sued . Harper and Row said .",
       "B-org I-org I-org I-org I-org O O B-per O B-org O O",
       "B-org I-org I-org I-org I-org O O B-org I-org I-org O O", 7},
      {"Harper and Row Publishers Inc sued . Harper and Row Books said .",
       "B-org I-org I-org I-org I-org O O B-per O B-org I-org O O",
       "B-org I-org I-org I-org I-org O O B-per O B-org I-org O O", 7},
      {"Standard and Poor 's Corp said . Standard and Poor 's rated it .",
       "B-org I-org I-org I-org I-org O O B-org I-org I-org I-org O O O",
       "B-org I-org I-org I-org I-org O O B-org I-org I-org I-org O O O", 7},
  };
  check_doc_table(kg_tagger_apply_short_names, cases, sizeof cases / sizeof *cases);
}

/* kg_tagger_apply_country_words on given labels, two sentences each. */
Test(tagger, a_country_s_abbreviation_and_an_ordinary_word_are_the_country) {
  static const doc_case cases[] = {
      {"Japan may allow U.S. Banks to deal . Rates rose .", "B-geo O O B-org I-org O O O O O O",
       "B-geo O O B-geo O O O O O O O", 8},
      {"U.S. Officials said so . U.K. Base rates fell .", "B-org I-org O O O B-org I-org O O O",
       "B-geo O O O O B-geo O O O O", 5},
      /* an embassy; a word of a longer name in the document; a legal form;
       * two capitalized words; no full stop */
      {"the U.S. Embassy said . It closed .", "O B-org I-org O O O O O",
       "O B-org I-org O O O O O", 5},
      {"U.S. Video said . U.S. Video Vending Corp rose .", "B-org I-org O O B-org I-org I-org I-org O O",
       "B-org I-org O O B-org I-org I-org I-org O O", 4},
      {"U.S. Shoe Corp said . It rose .", "B-org I-org O O O O O O",
       "B-org I-org O O O O O O", 5},
      {"U.S. Wheat Associates said . It rose .", "B-org I-org I-org O O O O O",
       "B-org I-org I-org O O O O O", 5},
      {"US Officials said . It rose .", "B-org I-org O O O O O", "B-org I-org O O O O O", 4},
  };
  check_doc_table(kg_tagger_apply_country_words, cases, sizeof cases / sizeof *cases);
}

Test(tagger, a_company_named_with_its_legal_form_keeps_its_type_in_the_document) {
  kg_gazetteer *gaz = NULL;
  kg_tagger *t = load_builtin(&gaz);
  kg_error err = {0};
  char buf[256];
  kg_str w[32];
  size_t n = split_words("Shares of Spencer Cos Inc rose on Monday . "
                         "Spencer said profits would grow , Spencer 's chairman said .",
                         buf, w);
  uint32_t ends[2] = {8, (uint32_t)n};
  uint8_t lab[32];
  kg_tagger_state *st = kg_tagger_state_new();
  cr_assert_eq(kg_tagger_tag(t, st, w, n, ends, 2, lab, &err), 0, "%s", err.msg);
  cr_assert_str_eq(kg_tagger_label(t, lab[2]), "B-org", "Spencer Cos Inc is a company, got %s",
                   kg_tagger_label(t, lab[2]));
  cr_assert_str_eq(kg_tagger_label(t, lab[4]), "I-org", "the company ends at Inc, got %s",
                   kg_tagger_label(t, lab[4]));
  for (size_t i = 8; i < n; i++)
    if (w[i].len == 7 && !memcmp(w[i].ptr, "Spencer", 7))
      cr_assert_str_eq(kg_tagger_label(t, lab[i]), "B-org", "word %zu: Spencer is the company, got %s", i,
                       kg_tagger_label(t, lab[i]));
  assert_iob2(t, lab, n, ends, 2);
  kg_tagger_state_free(st);
  kg_tagger_free(t);
  kg_gazetteer_free(gaz);
}

/* kg_tagger_apply_companies on given labels: one sentence per case, "|"
 * marks a sentence end inside it. */
static const struct {
  const char *words, *before, *after;
} COMPANIES[] = {
    /* the first name word untagged later, at a sentence start or inside */
    {"Alcan Aluminium Ltd rose | Alcan said it would pay Alcan",
     "B-org I-org I-org O O O O O O O", "B-org I-org I-org O B-org O O O O B-org"},
    /* two first words together; "General" alone is a title, not the company */
    {"General Motors Corp rose | General Motors and General Smith said",
     "B-org I-org I-org O O O O O O O", "B-org I-org I-org O B-org I-org O O O O"},
    /* a person or place span of its name words */
    {"Spencer Cos Inc rose | Spencer said", "B-org I-org I-org O B-per O",
     "B-org I-org I-org O B-org O"},
    /* not a descriptor the model took in, not ALL-CAPS words, not a lower-case word */
    {"Swiss-based Ciba-Geigy AG | Swiss-based firms", "B-org I-org I-org O O",
     "B-org I-org I-org O O"},
    {"COMPAQ COMPUTER CORP | COMPAQ said", "B-org I-org I-org O O", "B-org I-org I-org O O"},
    /* a run stops at the sentence end, so labels stay IOB2 */
    {"Purolator Courier Corp | they bought Purolator | Courier said",
     "B-org I-org I-org O O O O O", "B-org I-org I-org O O B-org O O"},
    /* one word alone that the gazetteer knows as something else */
    {"Pacific Western Airlines Ltd | they flew Pacific", "B-org I-org I-org I-org O O O",
     "B-org I-org I-org I-org O O O"},
    /* no legal form, no company */
    {"Alcan Aluminium rose | Alcan said", "B-org I-org O O O", "B-org I-org O O O"},
};

Test(tagger, a_company_named_with_its_legal_form_names_its_other_mentions) {
  kg_gazetteer *gaz = NULL;
  kg_tagger *t = load_builtin(&gaz);
  for (size_t c = 0; c < sizeof COMPANIES / sizeof *COMPANIES; c++) {
    char buf[256];
    kg_str all[16], w[16];
    uint8_t lab[16], want[16];
    uint32_t ends[8];
    size_t n_all = split_words(COMPANIES[c].words, buf, all), n = 0, n_sents = 0;
    for (size_t i = 0; i < n_all; i++) {
      if (all[i].len == 1 && all[i].ptr[0] == '|')
        ends[n_sents++] = (uint32_t)n;
      else
        w[n++] = all[i];
    }
    ends[n_sents++] = (uint32_t)n;
    cr_assert_eq(parse_labels(t, COMPANIES[c].before, lab), n, "case %zu: label count", c);
    cr_assert_eq(parse_labels(t, COMPANIES[c].after, want), n, "case %zu: label count", c);
    kg_tagger_apply_companies(t, w, ends, n_sents, lab);
    for (size_t i = 0; i < n; i++)
      cr_assert_eq(lab[i], want[i], "\"%s\" word %zu: want %s, got %s", COMPANIES[c].words, i,
                   kg_tagger_label(t, want[i]), kg_tagger_label(t, lab[i]));
    assert_iob2(t, lab, n, ends, n_sents);
  }
  kg_tagger_free(t);
  kg_gazetteer_free(gaz);
}

Test(tagger, gazetteer_makes_a_country_a_place_and_a_known_company_an_org) {
  kg_gazetteer *gaz = NULL;
  kg_tagger *t = load_builtin(&gaz);
  char buf[256];
  kg_str w[16];
  size_t n = split_words("the US manufacturer and Pakistan said ; Pakistan Airlines and Chrysler", buf, w);
  uint8_t lab[16], want[16];
  parse_labels(t, "O B-org O O B-org O O B-org I-org O B-geo", lab);
  parse_labels(t, "O B-geo O O B-geo O O B-org I-org O B-org", want);
  kg_tagger_apply_gazetteer(t, w, n, lab);
  for (size_t i = 0; i < n; i++)
    cr_assert_eq(lab[i], want[i], "word %zu (%.*s): want %s, got %s", i, (int)w[i].len, w[i].ptr,
                 kg_tagger_label(t, want[i]), kg_tagger_label(t, lab[i]));
  kg_tagger_free(t);
  kg_gazetteer_free(gaz);
}

/* kg_tagger_apply_pairs on given labels. */
static const forms_case PAIRS[] = {
    /* two names the gazetteer knows: two spans, each typed by it */
    {"Airbus and Boeing signed", "B-org I-org I-org O", "B-org O B-org O"},
    {"between United Kingdom and Spain", "O B-org I-org I-org I-org", "O B-geo I-geo O B-geo"},
    {"Hamas and Fatah", "B-geo I-geo I-geo", "B-org O B-org"},
    {"Boeing & Rome", "B-per I-per I-per", "B-org O B-geo"},
    /* a name the gazetteer knows as a whole, or with a side it does not know */
    {"Bosnia and Herzegovina", "B-geo I-geo I-geo", "B-geo I-geo I-geo"},
    {"Trinidad and Tobago", "B-org I-org I-org", "B-org I-org I-org"},
    {"Food and Drug Administration", "B-org I-org I-org I-org", "B-org I-org I-org I-org"},
    {"Procter & Gamble", "B-org I-org I-org", "B-org I-org I-org"},
    {"Airbus and Zqxwv", "B-org I-org I-org", "B-org I-org I-org"},
    /* demonyms and gpe spans are left alone */
    {"Iraqi and Syria", "B-geo I-geo I-geo", "B-geo I-geo I-geo"},
    {"French and Germany", "B-gpe I-gpe I-gpe", "B-gpe I-gpe I-gpe"},
    /* "and" at an edge is no pair */
    {"and Airbus Boeing", "B-org I-org I-org", "B-org I-org I-org"},
};

Test(tagger, a_span_of_two_known_names_and_a_conjunction_is_two_names) {
  check_table(kg_tagger_apply_pairs, PAIRS, sizeof PAIRS / sizeof *PAIRS);
}

/* kg_tagger_apply_products on given labels. */
static const forms_case PRODUCTS[] = {
    /* a known company alone before a model designation */
    {"a Boeing 787 landed", "O B-org O O", "O O O O"},
    {"Airbus A380 jets", "B-org O O", "O O O"},
    {"the Boeing 737-800 and Boeing 747s", "O B-per O O B-geo O", "O O O O O O"},
    {"Airbus A400M", "B-org O", "O O"},
    /* a quantity, a year, a figure with a comma, no designation */
    {"paid Boeing 150 million", "O B-org O O", "O B-org O O"},
    {"Boeing 2010 profit", "B-org O O", "B-org O O"},
    {"Boeing 1,500 jobs", "B-org O O", "B-org O O"},
    {"Boeing 78 jets", "B-org O O", "B-org O O"},
    /* not a known company alone: a country, an operator, an unknown name */
    {"sending Russia 150 tons", "O B-geo O O", "O B-geo O O"},
    {"American Airlines 777", "B-org I-org O", "B-org I-org O"},
    {"Zqxwv 787", "B-org O", "B-org O"},
};

Test(tagger, a_maker_before_a_model_designation_is_no_name) {
  check_table(kg_tagger_apply_products, PRODUCTS, sizeof PRODUCTS / sizeof *PRODUCTS);
}

/* kg_tagger_apply_datelines on given labels, one sentence each. */
static const forms_case DATELINES[] = {
    /* CoNLL-2003: the dateline a sentence of its own; every part a place */
    {"ROTTERDAM 1996-08-22", "B-org O", "B-geo O"},
    {"THE HAGUE 1996-08-22", "O B-org O", "B-geo I-geo O"},
    {"MINNEAPOLIS 1996-08-22", "B-tim I-tim", "B-geo O"},
    {"SALT LAKE CITY 1996-08-22", "B-org I-org O O", "B-geo I-geo I-geo O"},
    /* Reuters: "CITY , Region , Month Day -", then the story */
    {"CALGARY , Alberta , March 2 - Nova said", "B-geo O B-per O B-tim I-tim O B-org O",
     "B-geo O B-geo O B-tim I-tim O B-org O"},
    {"CANTON , Mass , March 4 - it", "B-geo O B-eve O O O O O", "B-geo O B-geo O O O O O"},
    {"LOS ANGELES , Calif . , March 2 -", "B-org I-org I-org I-org O O O O O",
     "B-geo I-geo O B-geo O O O O O"},
    {"Calgary , Alberta , March 2 -", "B-geo I-geo I-geo O O O O", "B-geo O B-geo O O O O"},
    /* a span that ran on from the place into the date is no name */
    {"BONN , March 2 -", "B-org I-org I-org I-org O", "B-geo O O O O"},
    /* the dash ends the date: a span that ran on over it starts again, or
     * is no time */
    {"HOUSTON , March 3 - Pennzoil Co said", "B-geo O B-org I-org I-org I-org I-org O",
     "B-geo O O O O B-org I-org O"},
    {"EDMONTON , March 11 - Numac Oil said", "B-geo O B-tim I-tim I-tim I-tim O O",
     "B-geo O B-tim I-tim O O O O"},
    /* an agency's credit, with or without a date, then a dash */
    {"LONDON ( Reuters ) - Shell", "B-org O B-org O O B-org", "B-geo O B-org O O B-org"},
    {"NEW YORK , Jan 5 ( Reuters ) -", "B-org O O O O O O O O", "B-geo I-geo O O O O O O O"},
    /* after an ALL-CAPS headline: the city keeps its extent, the region is whole */
    {"OFFER LOS ANGELES , Feb 26 -", "O B-org I-org O O O O", "O B-geo I-geo O O O O"},
    {"SALE BANGOR , Maine , March 2 -", "O B-org O B-per O O O O", "O B-geo O B-geo O O O O"},
    {"SALE BANGOR , Maine , March 2 -", "O O O O O O O O", "O O O B-geo O O O O"},
    {"SALE BANGOR , Maine , March 2 -", "O B-org I-org I-org O O O O", "O B-geo O B-geo O O O O"},
    {"WHITE PLAINS , N.Y. , March 2 -", "B-org I-org O O O O O O", "B-geo I-geo O B-geo O O O O"},
    /* no dateline: a sentence's words, a mixed-case place that is no name,
     * a bracketed place, a date that runs on, a date after lower-case words,
     * a month with no day */
    {"In Washington , March 2 -", "O B-geo O O O O", "O B-geo O O O O"},
    {"IRAQ-POVERTY ( Washington )", "B-eve O B-geo O", "B-eve O B-geo O"},
    {"GENEVA , March 3 , 1987 , talks", "B-org O O O O O O O", "B-org O O O O O O O"},
    {"Shell said on March 2 -", "B-org O O O O O", "B-org O O O O O"},
    {"BONN , March", "B-org O O", "B-org O O"},
};

Test(tagger, the_place_of_a_dateline_is_a_place) {
  check_table(kg_tagger_apply_datelines, DATELINES, sizeof DATELINES / sizeof *DATELINES);
}

/* Whatever labels the model gave a table's sentences, the rule leaves IOB2. */
static void check_iob2_on_random_labels(span_rule rule, const forms_case *cases, size_t n_cases) {
  kg_gazetteer *gaz = NULL;
  kg_tagger *t = load_builtin(&gaz);
  unsigned n_labels = kg_tagger_n_labels(t);
  uint64_t rng = 11;
  for (size_t c = 0; c < n_cases; c++) {
    char buf[256];
    kg_str w[16];
    size_t n = split_words(cases[c].words, buf, w);
    uint32_t end = (uint32_t)n;
    for (int round = 0; round < 300; round++) {
      uint8_t lab[16];
      for (size_t i = 0; i < n; i++) { /* IOB2: an I- only after its B- or I- */
        rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
        unsigned l = (unsigned)(rng >> 33) % n_labels;
        bool orphan = l && !(l & 1) && (i == 0 || (lab[i - 1] != l && lab[i - 1] != l - 1));
        lab[i] = (uint8_t)(orphan ? l - 1 : l);
      }
      assert_iob2(t, lab, n, &end, 1);
      rule(t, w, n, lab);
      assert_iob2(t, lab, n, &end, 1);
    }
  }
  kg_tagger_free(t);
  kg_gazetteer_free(gaz);
}

/* The two tests of a span rule: its table of cases, and IOB2 kept on
 * random labels over the table's sentences. */
#define SPAN_RULE_TESTS(rule, table, table_test, iob2_test)                                        \
  Test(tagger, table_test) { check_table(rule, table, sizeof table / sizeof *table); }            \
  Test(tagger, iob2_test) {                                                                        \
    check_iob2_on_random_labels(rule, table, sizeof table / sizeof *table);                        \
  }

Test(tagger, the_dateline_rule_keeps_iob2_on_random_labels) {
  check_iob2_on_random_labels(kg_tagger_apply_datelines, DATELINES,
                              sizeof DATELINES / sizeof *DATELINES);
}

/* kg_tagger_dateline: where the place of a dateline starts and its date. */
Test(tagger, a_dateline_is_found_with_its_place) {
  static const struct {
    const char *words, *labels;
    size_t place, date; /* date 0: no dateline */
  } cases[] = {
      {"STAMFORD , Conn , March 2 - Acme", "B-geo O B-geo O O O O B-org", 0, 4},
      {"BRUSSELS 1996-08-22", "B-geo O", 0, 1},
      {"OFFER LOS ANGELES , Feb 26 -", "O B-geo I-geo O O O O", 1, 4},
      {"OFFER LOS ANGELES , Feb 26 -", "O O O O O O O", 2, 4},
      {"In Washington , March 2 -", "O B-geo O O O O", 0, 0},
      {"Prices rose .", "O O O", 0, 0},
  };
  kg_gazetteer *gaz = NULL;
  kg_tagger *t = load_builtin(&gaz);
  for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
    char buf[256];
    kg_str w[16];
    uint8_t lab[16];
    size_t n = split_words(cases[c].words, buf, w);
    cr_assert_eq(parse_labels(t, cases[c].labels, lab), n, "case %zu: label count", c);
    size_t place = 99, date = kg_tagger_dateline(t, w, n, lab, &place);
    cr_assert_eq(date, cases[c].date, "\"%s\": date at %zu, want %zu", cases[c].words, date,
                 cases[c].date);
    if (date)
      cr_assert_eq(place, cases[c].place, "\"%s\": place at %zu, want %zu", cases[c].words, place,
                   cases[c].place);
  }
  cr_assert_eq(kg_tagger_dateline(t, NULL, 0, NULL, NULL), 0, "an empty sentence has none");
  kg_tagger_free(t);
  kg_gazetteer_free(gaz);
}

/* kg_tagger_apply_headlines on given labels, one sentence each. */
static const forms_case HEADLINES[] = {
    /* a known name and ordinary words: the name; known names only: each */
    {"UK SUGGESTION OF IMF BRAZIL PLAN", "B-org I-org O B-org I-org O",
     "B-geo O O B-org B-geo O"},
    {"LONDON SHARES CLOSE LOWER", "B-geo I-geo O O", "B-geo O O O"},
    {"FED APPROVES CHASE MANHATTAN", "B-org I-org I-org I-org", "B-org I-org I-org I-org"},
    /* a known name as a whole; no known name first; a name word after it */
    {"BANK OF ENGLAND CUTS RATES", "B-org I-org I-org O O", "B-org I-org I-org O O"},
    {"BAKER SAYS DOLLAR STABLE", "B-per O O O", "B-per O O O"},
    {"BOND CORP RAISES STAKE", "B-org I-org O O", "B-org I-org O O"},
    {"PACIFIC WESTERN AIRLINES SAYS", "B-org I-org I-org O", "B-org I-org I-org O"},
    /* not a headline: lower case within its first words */
    {"UK suggestion was rejected", "B-org I-org O O", "B-org I-org O O"},
    {"Talks on UK SUGGESTION", "O O B-org I-org", "O O B-org I-org"},
};

SPAN_RULE_TESTS(kg_tagger_apply_headlines, HEADLINES, a_headline_span_is_cut_to_the_names_it_holds,
                the_headline_rule_keeps_iob2_on_random_labels)

/* kg_tagger_apply_known on given labels, one sentence each. */
static const forms_case KNOWN[] = {
    /* a known company or place of two or more words, cut or mistyped */
    {"Standard and Poor 's said", "O O B-per O O", "B-org I-org I-org I-org O"},
    {"at Best Buy stores", "O O O O", "O B-org I-org O"},
    {"on Wall Street today", "O O B-per O", "O B-geo I-geo O"},
    {"in Buenos Aires", "O B-per I-per", "O B-geo I-geo"},
    {"Saint Helena and", "B-per I-per O", "B-geo I-geo O"},
    /* already so; a longer span of the model; a longer name of no entity */
    {"Best Buy said", "B-org I-org O", "B-org I-org O"},
    {"the Canadian Pacific Air Lines Ltd unit", "O B-org I-org I-org I-org I-org O",
     "O B-org I-org I-org I-org I-org O"},
    {"the Standard and Poor 's 500 index", "O O O O O O O", "O O O O O O O"},
    /* organizations other than companies, and GMB's readings of places */
    {"the African Union said", "O B-geo I-geo O", "O B-geo I-geo O"},
    {"the West Bank town", "O B-org I-org O", "O B-org I-org O"},
    {"the Czech Republic", "O B-gpe B-geo", "O B-gpe B-geo"},
    /* not written as one name: lower case, a comma, ALL-CAPS */
    {"on Wall street", "O O B-per", "O O B-per"},
    {"in Washington , D.C. today", "O B-geo O B-geo O", "O B-geo O B-geo O"},
    {"BEST BUY SALES", "O O O", "O O O"},
    /* a company's name alone, untagged; an ambiguous one mid-sentence only */
    {"shares of Wal-Mart rose", "O O O O", "O O B-org O"},
    {"products from Apple .", "O O O O", "O O B-org O"},
    {"Apple pie", "O O", "O O"},
    {"said IBM < IBM >", "O B-org O O O", "O B-org O O O"},
    {"the NATO summit", "O O O", "O O O"},
    /* a group of countries by its number, alone; not one unknown to the gazetteer */
    {"ahead of the G-7 meeting", "O O O O O", "O O O B-org O"},
    {"the G7 nations", "O O O", "O B-org O"},
    {"the G5 chips", "O O O", "O O O"},
};

SPAN_RULE_TESTS(kg_tagger_apply_known, KNOWN, a_known_name_of_several_words_is_that_name,
                the_known_name_rule_keeps_iob2_on_random_labels)

/* kg_tagger_apply_currencies on given labels, one sentence each. */
static const forms_case CURRENCIES[] = {
    /* a currency after a country, a place or a demonym: the country alone */
    {"100 mln U.S. Dlrs by", "O O B-org I-org O", "O O B-geo O O"},
    {"the U.S. Dollar fell", "O B-org I-org O", "O B-geo O O"},
    {"in N.Z. Dlrs", "O B-per I-per", "O B-geo O"},
    {"West German marks rose", "B-org I-org I-org O", "B-gpe I-gpe O O"},
    /* a country's code before a dollar sign is the currency ("US$") */
    {"priced at US $ 199", "O O B-geo O O", "O O O O O"},
    {"sold for HK $ 5", "O O B-org O O", "O O O O O"},
    {"the Vatican $ 5", "O B-geo O O", "O B-geo O O"},
    /* a name that only ends like a currency; a currency alone */
    {"Michel Marks said", "B-per I-per O", "B-per I-per O"},
    {"Dollar General said", "B-org I-org O", "B-org I-org O"},
    {"the Dollar fell", "O B-org O", "O B-org O"},
};

SPAN_RULE_TESTS(kg_tagger_apply_currencies, CURRENCIES, a_currency_is_no_part_of_its_country,
                the_currency_rule_keeps_iob2_on_random_labels)

/* kg_tagger_apply_people on given labels, one sentence each. */
static const forms_case PEOPLE[] = {
    /* a title word that goes on with "of" before the name */
    {"and Chancellor of the Exchequer Kenneth Clarke met", "O B-per O O O B-per I-per O",
     "O O O O O B-per I-per O"},
    {"Secretary of State James Baker", "B-per O O B-per I-per", "O O O B-per I-per"},
    /* a title, or a part of one, with no name after the title */
    {"the President said", "O B-per O", "O O O"},
    {"the Prime Minister of Singapore", "O B-per O O B-geo", "O O O O B-geo"},
    {"Apple Chief Executive Officer , announced", "B-org O B-per I-per O O",
     "B-org O O O O O"},
    {"its Vice President for sales", "O B-per I-per O O", "O O O O O"},
    {"the President", "O B-per", "O O"},
    /* a name after the title; a name in the span; a title of no title */
    {"Prime Minister Lee said", "B-per O B-per O", "B-per O B-per O"},
    {"President Obama said", "B-per I-per O", "B-per I-per O"},
    {"the Smith family", "O B-per O", "O B-per O"},
    {"the President", "O B-org", "O B-org"},
    /* a title GMB mostly leaves out of the name, as CoNLL-2003 always does */
    {"Chairman Paul Volcker said", "B-per I-per I-per O", "O B-per I-per O"},
    {"Foreign Minister Taro Aso", "B-per I-per I-per I-per", "O O B-per I-per"},
    {"Apple CEO Steve Jobs", "B-org B-per I-per I-per", "B-org O B-per I-per"},
    /* one GMB keeps in it */
    {"Prime Minister Tony Blair", "B-per I-per I-per I-per", "B-per I-per I-per I-per"},
    {"President Barack Obama", "B-per I-per I-per", "B-per I-per I-per"},
    /* a given name in lower case is the common word */
    {"a bill Reagan would sign", "O B-per I-per O O", "O O B-per O O"},
    {"the bill passed", "O B-per O", "O O O"},
    {"Bill Clinton said", "B-per I-per O", "B-per I-per O"},
    {"Osama bin Laden", "B-per I-per I-per", "B-per I-per I-per"},
    {"said von Greyerz", "O B-per I-per", "O B-per I-per"},
    /* a given name that is an ordinary word, after a capitalized ordinary
     * word: a title in capitals; not after a title, a storm, a name */
    {"because the Farm Bill allowed cuts", "O O O B-per O O", "O O O O O O"},
    {"the Finance Bill will", "O O B-per O", "O O O O"},
    {"said President Bill", "O O B-per", "O O B-per"},
    {"forecasters say Hurricane John has", "O O O B-per O", "O O O B-per O"},
    {"Farm Bill", "O B-per", "O B-per"},
    /* words, a title and a name as one organization: the place, the person */
    {"Texas Governor John Smith said", "B-org I-org I-org I-org O", "B-geo O B-per I-per O"},
    {"Industry Commissioner Karl Narjes said", "B-org I-org I-org I-org O",
     "O O B-per I-per O"},
    {"Industry Commissioner Karl-Heinz Narjes said", "B-org I-org I-org I-org O",
     "O O B-per I-per O"},
    {"Industry Commissioner Qzxv-Heinz Narjes said", "B-org I-org I-org I-org O",
     "B-org I-org I-org I-org O"},
    /* an organization's word, no given name, a title first: the model's */
    {"General Motors said", "B-org I-org O", "B-org I-org O"},
    {"Texas General Electric", "B-org I-org I-org", "B-org I-org I-org"},
    {"Prince Turki said", "B-org I-org O", "B-org I-org O"},
    /* a given name and a word after a title in lower case: a person; not a
     * company, a title in capitals, no given name, four words */
    {"with senator Mark Warner from", "O O B-org I-org O", "O O B-per I-per O"},
    {"representative Tom DeLay said", "O B-geo I-geo O", "O B-per I-per O"},
    {"senator Mark Warner Inc", "O B-org I-org I-org", "O B-org I-org I-org"},
    {"Senator Mark Warner said", "O B-org I-org O", "O B-org I-org O"},
    {"senator Qzxv Smith said", "O B-org I-org O", "O B-org I-org O"},
    {"senator Mark Warner Smith Jones", "O B-org I-org I-org I-org",
     "O B-org I-org I-org I-org"},
};

SPAN_RULE_TESTS(kg_tagger_apply_people, PEOPLE, a_bare_title_or_a_common_word_starts_no_person,
                the_people_rule_keeps_iob2_on_random_labels)

/* kg_tagger_apply_article on given labels, one sentence each. */
static const forms_case ARTICLES[] = {
    {"The Washington Post said", "B-org I-org I-org O", "O B-org I-org O"},
    {"told the New York Times", "O B-org I-org I-org I-org", "O O B-org I-org I-org"},
    {"in the Netherlands", "O B-geo I-geo", "O O B-geo"},
    {"- A World Bank team", "O B-org I-org I-org O", "O O B-org I-org O"},
    {"An Asian Development Bank loan", "B-org I-org I-org I-org O",
     "O B-org I-org I-org O"},
    /* a place known with its article; one word; not an org; not "the" */
    {"at The Hague court", "O B-org I-org O", "O B-org I-org O"},
    {"The Who played", "B-org O O", "B-org O O"},
    {"The Washington Post", "B-per I-per I-per", "B-per I-per I-per"},
    {"the Netherlands", "B-gpe I-gpe", "B-gpe I-gpe"},
    {"This Washington Post", "B-org I-org I-org", "B-org I-org I-org"},
    {"A Bank", "B-org I-org", "O B-org"},
    {"a Bank", "B-org I-org", "B-org I-org"},
    /* numbers before a name are no part of it; ordinals are; tim spans keep theirs */
    {"bought 947,800 Minstar shares", "O B-org I-org O", "O O B-org O"},
    {"the 20,000-member Letter Carriers Union", "O B-org I-org I-org I-org",
     "O O B-org I-org I-org"},
    {"the 32-year-old Paris native", "O B-per I-per O", "O O B-per O"},
    {"a 140bn deal", "O B-org O", "O O O"},
    {"the 101st Airborne Division", "O B-org I-org I-org", "O B-org I-org I-org"},
    {"the 3M company", "O B-org O", "O B-org O"},
    {"on 12 March", "O B-tim I-tim", "O B-tim I-tim"},
};

SPAN_RULE_TESTS(kg_tagger_apply_article, ARTICLES, a_name_starts_after_its_article,
                the_article_rule_keeps_iob2_on_random_labels)

/* kg_tagger_apply_titles_after on given labels, one sentence each. */
static const forms_case TITLES_AFTER[] = {
    {"Apple CEO Steve Jobs said", "B-org I-org B-per I-per O", "B-org O B-per I-per O"},
    {"said Boeing Chairman and CEO", "O B-org I-org I-org I-org", "O B-org O O O"},
    /* a name the gazetteer does not know keeps the model's span; so does a
     * place (a person is below) */
    {"the Acme Widgets Director said", "O B-org I-org I-org O", "O B-org I-org I-org O"},
    {"Apple CEO", "B-geo I-geo", "B-geo I-geo"},
    {"CEO Apple", "B-org I-org", "B-org I-org"},
    /* a country's Government is the country */
    {"the U.K. Government said", "O B-org I-org O", "O B-geo O O"},
    {"the United States Administration", "O B-geo I-geo I-geo", "O B-geo I-geo O"},
    {"the Apple Government said", "O B-org I-org O", "O B-org I-org O"},
    {"the British Government said", "O B-org I-org O", "O B-org I-org O"},
    /* a company before a title in a person's span is the company */
    {"Apple CEO Steve Jobs said", "B-per I-per I-per I-per O", "B-org B-per I-per I-per O"},
    {"said Ryanair CEO", "O B-per I-per", "O B-org O"},
    {"President Barack Obama", "B-per I-per I-per", "B-per I-per I-per"},
    {"Ford Motor Steve", "B-per I-per I-per", "B-per I-per I-per"},
};

SPAN_RULE_TESTS(kg_tagger_apply_titles_after, TITLES_AFTER,
                a_title_after_a_company_or_government_after_a_country_is_no_part_of_it,
                the_titles_after_rule_keeps_iob2_on_random_labels)

/* kg_tagger_apply_indices on given labels, one sentence each. */
static const forms_case INDICES[] = {
    {"the Nikkei stock index fell", "O B-org O O O", "O O O O O"},
    {"The Nikkei average fell", "O B-geo O O", "O O O O"},
    {"the Hang Seng index closed up", "O B-geo I-geo O O O", "O O O O O O"},
    {"The Nasdaq was up 5 points", "O B-org O O O O", "O O O O O O"},
    {"the Dow Jones industrial average rose", "O B-per I-per O O O", "O O O O O O"},
    /* the index's name cuts a span: the rest starts after it */
    {"the Nikkei 225 Tokyo index", "O B-org B-org I-org O", "O O O B-org O"},
    /* the exchange, the newspaper, a city's index, a man */
    {"Nasdaq said on Monday", "B-org O O O", "B-org O O O"},
    {"the Nikkei newspaper reported", "O B-org O O", "O B-org O O"},
    {"the Shanghai index rose", "O B-geo O O", "O B-geo O O"},
    {"Russell rose to speak", "B-per O O O", "B-per O O O"},
    {"the Nikkei fell", "O B-tim O", "O B-tim O"},
};

SPAN_RULE_TESTS(kg_tagger_apply_indices, INDICES, a_name_used_as_a_market_index_is_no_name,
                the_indices_rule_keeps_iob2_on_random_labels)

/* kg_tagger_apply_and_companies on given labels, one sentence each. */
static const forms_case AND_COMPANIES[] = {
    {"Shares of Bausch and Lomb Inc rose", "O O B-org O B-org I-org O",
     "O O B-org I-org I-org I-org O"},
    {"by Florida Power and Light Co", "O B-geo B-org O B-org I-org",
     "O B-org I-org I-org I-org I-org"},
    /* known names, a person, a list, a legal form before "and", no legal form */
    {"Airbus and Boeing Co said", "B-org O B-org I-org O", "B-org O B-org I-org O"},
    {"chairman Dudley Taft and Narragansett Capital Inc", "O B-per I-per O B-org I-org I-org",
     "O B-per I-per O B-org I-org I-org"},
    {"Wagner and Brown and AFG Industries Inc", "B-org O B-per O B-org I-org I-org",
     "B-org O B-per O B-org I-org I-org"},
    {"Wood Gundy Inc and Gordon Capital Corp", "B-org I-org I-org O B-org I-org I-org",
     "B-org I-org I-org O B-org I-org I-org"},
    {"Hamas and Fatah leaders", "B-org O B-org O", "B-org O B-org O"},
    /* a person of the model that ends in an ordinary word is no person */
    {"< Bryson Oil and Gas Plc >", "O B-per I-per O B-org I-org O",
     "O B-org I-org I-org I-org I-org O"},
    {"Shares of Rohm and Haas Co rose", "O O B-per O B-org I-org O",
     "O O B-org I-org I-org I-org O"},
    /* a family firm: the whole name before "and", a person's included */
    {"managed by Alex. Brown and Sons Inc", "O O B-per I-per O B-org I-org",
     "O O B-org I-org I-org I-org I-org"},
    {"Brown and Sons Inc", "B-per O B-org I-org", "B-org I-org I-org I-org"},
    {"Brown and Sons said", "B-per O B-org O", "B-org I-org I-org O"},
    /* one ordinary word and a legal form after "and": the name goes on */
    {"< Orbit Oil and Gas Ltd >", "O B-org I-org O B-org I-org O",
     "O B-org I-org I-org I-org I-org O"},
    {"New York State Electric and Gas Corp", "B-org I-org I-org I-org O B-org I-org",
     "B-org I-org I-org I-org I-org I-org I-org"},
    /* also after a place of the model's that ends in an ordinary word */
    {"Carolina Power and Light Co said", "B-geo I-geo O B-org I-org O",
     "B-org I-org I-org I-org I-org O"},
    /* not after a legal form, nor without one, nor two names */
    {"Exxon Corp and Gas Co", "B-org I-org O B-org I-org", "B-org I-org O B-org I-org"},
    {"the Army and Air Force", "O B-org O B-org I-org", "O B-org O B-org I-org"},
    {"Ford Motor and General Motors Corp", "B-org I-org O B-org I-org I-org",
     "B-org I-org O B-org I-org I-org"},
};

SPAN_RULE_TESTS(kg_tagger_apply_and_companies, AND_COMPANIES,
                a_company_named_a_and_b_with_its_legal_form_is_one_name,
                the_and_companies_rule_keeps_iob2_on_random_labels)

/* kg_tagger_apply_partnerships on given labels, one sentence each. */
static const forms_case PARTNERSHIPS[] = {
    {"Shares of Sears , Roebuck and Co rose", "B-org I-org I-org I-org I-org I-org I-org O",
     "O O B-org I-org I-org I-org I-org O"},
    {"by Goldman , Sachs and Co and Kidder , Peabody and Co Inc .",
     "O B-per O B-org I-org I-org I-org I-org O B-org I-org I-org I-org O",
     "O B-org I-org I-org I-org I-org O B-org I-org I-org I-org I-org I-org O"},
    {"said Merrill Lynch , Pierce , Fenner and Smith Inc", "O B-org I-org O B-per O B-per O B-org I-org",
     "O B-org I-org I-org I-org I-org I-org I-org I-org I-org"},
    {"W.I. Carr , Sons and Co said", "B-per I-per O B-org I-org I-org O",
     "B-org I-org I-org I-org I-org I-org O"},
    /* a list of names, a date, a place, a company of its own before "and Co",
     * a name of two words and one partner; no comma */
    {"Ford , Chrysler and General Motors Corp rose", "B-org O B-org O B-org I-org I-org O",
     "B-org O B-org O B-org I-org I-org O"},
    {"USAir , Piedmont and TWA Inc said", "B-org O B-org O B-org I-org O",
     "B-org O B-org O B-org I-org O"},
    {"On Thursday , Bear , Stearns and Co said", "O B-tim O B-org I-org I-org I-org I-org O",
     "O B-tim O B-org I-org I-org I-org I-org O"},
    {"in Zurich , Basle and Co", "O B-geo O B-geo O B-org", "O B-geo O B-geo O B-org"},
    {"AZT , Merck and Co Inc said", "B-org O B-org I-org I-org I-org O",
     "B-org O B-org I-org I-org I-org O"},
    {"by Merrill Lynch , Needham and Co", "O B-org I-org O B-org I-org I-org",
     "O B-org I-org O B-org I-org I-org"},
    {"Lazard Freres and Co said", "B-org I-org I-org I-org O", "B-org I-org I-org I-org O"},
    /* "and" opening the sentence: nothing before it to read */
    {"and Co said", "O B-org O", "O B-org O"},
    {"and Sachs Inc said", "O B-org I-org O", "O B-org I-org O"},
    /* a span running on past a legal form into "and" ends at the form */
    {"Smith Co and Jones Ltd", "B-org I-org I-org I-org I-org", "B-org I-org O B-org I-org"},
};

SPAN_RULE_TESTS(kg_tagger_apply_partnerships, PARTNERSHIPS,
                a_partnership_named_with_commas_is_one_name,
                the_partnerships_rule_keeps_iob2_on_random_labels)

/* kg_tagger_apply_branches on given labels, one sentence each. */
static const forms_case BRANCHES[] = {
    {"providing Ford Australia with", "O B-org B-geo O", "O B-org I-org O"},
    {"GM Europe said", "B-org B-geo O", "B-org I-org O"},
    {"by Shell Canada .", "O B-org B-geo O", "O B-org I-org O"},
    /* the company untagged by the model */
    {"providing Ford Australia with", "O O B-geo O", "O B-org I-org O"},
    {"the Acme Australia unit", "O O B-geo O", "O O B-geo O"},
    {"new Ford Australia Chairman", "O O B-geo O", "O O B-geo O"},
    /* no known company; a demonym; a city; a longer name after it */
    {"Acme Australia said", "B-org B-geo O", "B-org B-geo O"},
    {"Ford Australian sales", "B-org B-gpe O", "B-org B-gpe O"},
    {"Ford Sydney plant", "B-org B-geo O", "B-org B-geo O"},
    {"Ford Australia Chairman", "B-org B-geo O", "B-org B-geo O"},
    /* a company's name in "Co" or "Corp", "of" and a country or a state */
    {"Public Service Co of New Mexico said", "B-org I-org I-org O B-geo I-geo O",
     "B-org I-org I-org I-org I-org I-org O"},
    {"Aluminum Co of Canada Ltd unit", "B-org I-org O B-org I-org O",
     "B-org I-org I-org I-org I-org O"},
    {"Acme Corp of Japan Ltd said", "B-org I-org O B-geo O O", "B-org I-org I-org I-org I-org O"},
    /* not a city, nor a bank, nor before another capitalized word */
    {"Acme Co of Dearborn said", "B-org I-org O B-geo O", "B-org I-org O B-geo O"},
    {"Deutsche Bank of Germany said", "B-org I-org O B-geo O", "B-org I-org O B-geo O"},
    {"Acme Co of Canada Chairman", "B-org I-org O B-geo O", "B-org I-org O B-geo O"},
};

SPAN_RULE_TESTS(kg_tagger_apply_branches, BRANCHES,
                a_company_s_branch_named_by_its_country_is_one_name,
                the_branches_rule_keeps_iob2_on_random_labels)

/* kg_tagger_apply_cues on given labels, one sentence each. */
static const forms_case CUES[] = {
    /* a compass point before a demonym */
    {"the West German mark", "O B-geo B-gpe O", "O O B-gpe O"},
    {"North Korean troops", "B-org B-gpe O", "O B-gpe O"},
    {"the West said", "O B-geo O", "O B-geo O"},
    {"West Bank Palestinians", "B-geo I-geo B-gpe", "B-geo I-geo B-gpe"},
    /* a person or place after a noun for a kind of company */
    {"the Dutch company Billiton said", "O B-gpe O B-per O", "O B-gpe O B-org O"},
    {"carmaker Ford Motor said", "O B-per I-per O", "O B-org I-org O"},
    {"the airline Air Berlin", "O O B-geo I-geo", "O O B-org I-org"},
    /* not a known country or person, not after a group or a producer */
    {"the company Ecuador", "O O B-geo", "O O B-geo"},
    {"the rebel group Islamic Jihad", "O O O B-per I-per", "O O O B-per I-per"},
    {"music producer Ry Cooder", "O O B-per I-per", "O O B-per I-per"},
    {"the company Monday", "O O B-tim", "O O B-tim"},
    /* a person or place before an apposition that says it is a company */
    {"Hospal , a subsidiary of Sandoz", "B-geo O O O O B-org", "B-org O O O O B-org"},
    {"Magna , a Canadian automobile parts maker .", "B-geo O O B-gpe O O O O",
     "B-org O O B-gpe O O O O"},
    /* not a company's spokesman or founder, a director of one, a place
     * after "of" */
    {"Chicago , a company spokesman said", "B-geo O O O O O", "B-geo O O O O O"},
    {"Grimes , a director of the company ,", "B-per O O O O O O O",
     "B-per O O O O O O O"},
    {"Mafina BV of Voorburg , a subsidiary of", "B-org I-org O B-geo O O O O",
     "B-org I-org O B-geo O O O O"},
    /* a landmark the gazetteer knows is a place */
    {"analysts on Wall Street said", "O O B-org I-org O", "O O B-geo I-geo O"},
    {"the Wall Street Journal said", "O B-org I-org I-org O", "O B-org I-org I-org O"},
    /* a one-word name and "'s" before ordinary words and a legal form */
    {"< Hudson 's Bay Co > said", "O B-per O B-org I-org O O", "O B-org I-org I-org I-org O O"},
    {"Exxon 's Chemical Co said", "B-org O B-org I-org O", "B-org O B-org I-org O"},
    {"Chrysler 's Dodge unit", "B-org O B-org O", "B-org O B-org O"},
    /* a demonym before ordinary words and a legal form */
    {"Shares of Canadian Tire Corp Ltd rose", "O O B-gpe B-org I-org I-org O",
     "O O B-org I-org I-org I-org O"},
    {"the Japanese Toyota Motor Corp", "O B-gpe B-org I-org I-org",
     "O B-gpe B-org I-org I-org"},
    {"the Japanese Oil said", "O B-gpe B-org O", "O B-gpe B-org O"},
    /* a person's name opening an org span before "of" */
    {"said Kevin Murphy of Morgan Stanley .", "O B-org I-org I-org I-org I-org O",
     "O B-per I-per O B-org I-org O"},
    {"said Ian F. Warhaftig of International Data Corp.",
     "O B-org I-org I-org I-org I-org I-org I-org", "O B-per I-per I-per O B-org I-org I-org"},
    /* not a museum, a company named after a person, a title */
    {"the Whitney Museum of American Art", "O B-org I-org I-org I-org I-org",
     "O B-org I-org I-org I-org I-org"},
    {"Guy F. Atkinson Co of California", "B-org I-org I-org I-org I-org I-org",
     "B-org I-org I-org I-org I-org I-org"},
};

SPAN_RULE_TESTS(kg_tagger_apply_cues, CUES, a_company_noun_or_a_demonym_says_what_a_span_is,
                the_cues_rule_keeps_iob2_on_random_labels)

/* kg_tagger_apply_particles on given labels, one sentence each. */
static const forms_case PARTICLES[] = {
    {"the Banco do Brasil said", "O B-geo O B-geo O", "O B-org I-org I-org O"},
    {"Cie des Machines Bull rose", "B-org O B-org I-org O", "B-org I-org I-org I-org O"},
    {"General Motors de Mexico rose", "B-org I-org O B-geo O", "B-org I-org I-org I-org O"},
    {"Sebastiao do Rego Barros said", "B-org O B-per I-per O", "B-per I-per I-per I-per O"},
    {"Eduardo de los Angeles said", "B-per O O B-geo O", "B-per I-per I-per I-per O"},
    {"Orlando dos Santos said", "B-geo O B-geo O", "B-geo I-geo I-geo O"},
    /* one side untagged; no particle; "los" alone; a third particle */
    {"Ford do Brasil said", "O O B-geo O", "O O B-geo O"},
    {"Ford and Brasil said", "B-org O B-geo O", "B-org O B-geo O"},
    {"Paris los Angeles", "B-geo O B-geo", "B-geo O B-geo"},
    {"Rio de la de Janeiro", "B-geo O O O B-geo", "B-geo O O O B-geo"},
    {"Banco do", "B-org O", "B-org O"},
};

SPAN_RULE_TESTS(kg_tagger_apply_particles, PARTICLES,
                two_names_with_a_name_particle_between_them_are_one_name,
                the_particles_rule_keeps_iob2_on_random_labels)

/* A sentence of 400,000 names and particles ("Banco do Brasil do Brasil do
 * ..."): the joined names stop at 12 words, and the rule takes linear time
 * (walking back to the start of the growing name made it quadratic). */
Test(tagger, the_particles_rule_takes_linear_time, .timeout = 60) {
  kg_gazetteer *gaz = NULL;
  kg_tagger *t = load_builtin(&gaz);
  enum { N = 400000 };
  kg_str *w = malloc(N * sizeof *w);
  uint8_t *lab = malloc(N);
  cr_assert(w && lab);
  for (size_t i = 0; i < N; i++) {
    w[i] = i % 2 ? (kg_str){"do", 2} : (kg_str){"Brasil", 6};
    lab[i] = i % 2 ? 0 : 3; /* B-org, O, B-org, ... */
  }
  clock_t t0 = clock();
  kg_tagger_apply_particles(t, w, N, lab);
  double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
  cr_assert_lt(secs, 5, "%.1f s", secs);
  size_t run = 0, longest = 0;
  for (size_t i = 0; i < N; i++) {
    run = lab[i] && !(lab[i] & 1) ? run + 1 : lab[i] ? 1 : 0;
    longest = run > longest ? run : longest;
  }
  cr_assert_leq(longest, 12, "a joined name of %zu words", longest);
  cr_assert_geq(longest, 3, "names are joined");
  free(w);
  free(lab);
  kg_tagger_free(t);
  kg_gazetteer_free(gaz);
}

/* Tags one sentence (space-separated words) with the built-in model; want:
 * the label of each word, space-separated, "*" for any. */
static void check_tagged(const char *text, const char *want) {
  kg_gazetteer *gaz = NULL;
  kg_tagger *t = load_builtin(&gaz);
  kg_error err = {0};
  char buf[256], wbuf[256];
  kg_str w[32], wl[32];
  size_t n = split_words(text, buf, w);
  cr_assert_eq(split_words(want, wbuf, wl), n, "one label per word");
  uint32_t end = (uint32_t)n;
  uint8_t lab[32];
  kg_tagger_state *st = kg_tagger_state_new();
  cr_assert_eq(kg_tagger_tag(t, st, w, n, &end, 1, lab, &err), 0, "%s", err.msg);
  for (size_t i = 0; i < n; i++) {
    const char *got = kg_tagger_label(t, lab[i]);
    cr_assert(wl[i].ptr[0] == '*' || (strlen(got) == wl[i].len && !memcmp(got, wl[i].ptr, wl[i].len)),
              "\"%s\" word %zu: want %.*s, got %s", text, i, (int)wl[i].len, wl[i].ptr, got);
  }
  kg_tagger_state_free(st);
  kg_tagger_free(t);
  kg_gazetteer_free(gaz);
}

/* The whole tagger applies both rules to its final output. */
Test(tagger, the_tagger_splits_known_pairs_and_leaves_makers_in_products) {
  check_tagged("Talks between Airbus and Boeing ended on Monday .", "O O B-org O B-org O O * O");
  check_tagged("Qantas flies the Boeing 787 to London .", "* O O O O O * O");
}

/* ... and the dateline rule to every pass: the model reads these cities as
 * organizations or times. */
Test(tagger, the_tagger_reads_dateline_cities_as_places) {
  check_tagged("ROTTERDAM 1996-08-22", "B-geo O");
  check_tagged("MINNEAPOLIS 1996-08-22", "B-geo *");
  check_tagged("ZURICH , March 2 - The company said profits rose .", "B-geo O * * * O O O O O O");
}

/* ... and the headline rule to its final labels: the model runs "IMF" into "BRAZIL". */
Test(tagger, the_tagger_splits_known_names_in_a_headline) {
  check_tagged("FUNARO REJECTS UK SUGGESTION OF IMF BRAZIL PLAN", "* * * O O B-org B-geo O");
}

/* ... and the title rule: GMB tags a bare title as a person. */
Test(tagger, the_tagger_tags_no_bare_title) {
  check_tagged("The President said on Monday that taxes will rise .", "O O O O * O O O O O");
}

/* ... and the known-name rule: the model reads "Poor" as a surname. */
Test(tagger, the_tagger_keeps_a_known_company_whole) {
  check_tagged("Standard and Poor 's said it cut the rating .", "B-org I-org I-org I-org O O O O O O");
}

Test(tagger, span_rules_keep_iob2_on_random_labels) {
  kg_gazetteer *gaz = NULL;
  kg_tagger *t = load_builtin(&gaz); /* for the label names */
  enum { N = 400 };
  static kg_str w[N];
  static char pool[1024];
  for (size_t i = 0; i < sizeof pool; i++)
    pool[i] = (char)(i * 7919 % 251 + 1);
  uint8_t lab[N];
  uint32_t ends[N];
  uint64_t rng = 7;
  unsigned n_types = (kg_tagger_n_labels(t) - 1) / 2;
  for (int round = 0; round < 500; round++) {
    random_words(&rng, w, N, pool, sizeof pool);
    size_t n_sents = 0;
    for (size_t i = 0; i < N; i++) { /* random IOB2 in random sentences: O, B-x, or I- continuing */
      rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
      unsigned r = (unsigned)(rng >> 33);
      bool start = i == 0 || (r >> 8) % 12 == 0;
      if (start && i > 0)
        ends[n_sents++] = (uint32_t)i;
      if (!start && lab[i - 1] && r % 3 == 0)
        lab[i] = (uint8_t)(lab[i - 1] & 1 ? lab[i - 1] + 1 : lab[i - 1]); /* B-x -> I-x, I-x -> I-x */
      else
        lab[i] = r % 2 ? 0 : (uint8_t)(2 * (r / 2 % n_types) + 1);
    }
    ends[n_sents++] = N;
    assert_iob2(t, lab, N, ends, n_sents);
    for (size_t k = 0, b = 0; k < n_sents; b = ends[k++])
      kg_tagger_apply_forms(w + b, ends[k] - b, lab + b);
    assert_iob2(t, lab, N, ends, n_sents);
    kg_tagger_apply_companies(t, w, ends, n_sents, lab);
    assert_iob2(t, lab, N, ends, n_sents);
    kg_tagger_apply_gazetteer(t, w, N, lab);
    assert_iob2(t, lab, N, ends, n_sents);
    kg_tagger_apply_products(t, w, N, lab);
    assert_iob2(t, lab, N, ends, n_sents);
    kg_tagger_apply_pairs(t, w, N, lab);
    assert_iob2(t, lab, N, ends, n_sents);
    for (size_t k = 0, b = 0; k < n_sents; b = ends[k++])
      kg_tagger_apply_datelines(t, w + b, ends[k] - b, lab + b);
    assert_iob2(t, lab, N, ends, n_sents);
    for (size_t k = 0, b = 0; k < n_sents; b = ends[k++])
      kg_tagger_apply_headlines(t, w + b, ends[k] - b, lab + b);
    assert_iob2(t, lab, N, ends, n_sents);
  }
  kg_tagger_free(t);
  kg_gazetteer_free(gaz);
}
