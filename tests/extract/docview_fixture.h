/* docview_fixture.h: hand-made documents for the rules and resolver tests.
 *
 * Tokens are the space-separated words of the text (write "Blinken 's" to
 * get two tokens); a token ".", "?" or "!" or a line break ends a sentence,
 * a blank line a paragraph.  Word classes come from a small lexicon below
 * plus what the test adds, so these tests need neither the segmenter nor
 * the gazetteer data: they pin down the resolver's logic on its own.
 */
#ifndef KG_DOCVIEW_FIXTURE_H
#define KG_DOCVIEW_FIXTURE_H

#include <criterion/criterion.h>
#include <ctype.h>
#include <string.h>

#include "mention.h"
#include "registry.h"
#include "resolve.h"

#define FX_MAX 512

typedef struct fx_word {
  const char *folded;
  uint32_t cls;
} fx_word;

static const fx_word fx_lexicon[] = {
    {"secretary", KG_GAZ_TITLE | KG_GAZ_COMMON},
    {"minister", KG_GAZ_TITLE | KG_GAZ_COMMON},
    {"president", KG_GAZ_TITLE | KG_GAZ_COMMON},
    {"pope", KG_GAZ_TITLE | KG_GAZ_COMMON},
    {"general", KG_GAZ_TITLE | KG_GAZ_COMMON},
    {"mr.", KG_GAZ_TITLE},
    {"state", KG_GAZ_COMMON},
    {"foreign", KG_GAZ_COMMON},
    {"related", KG_GAZ_COMMON},
    {"stories", KG_GAZ_COMMON},
    {"latest", KG_GAZ_COMMON},
    {"news", KG_GAZ_COMMON | KG_GAZ_ORG_WORD},
    {"forces", KG_GAZ_COMMON | KG_GAZ_ORG_WORD},
    {"democratic", KG_GAZ_COMMON},
    {"department", KG_GAZ_COMMON | KG_GAZ_ORG_WORD},
    {"monday", KG_GAZ_WEEKDAY},
    {"june", KG_GAZ_MONTH | KG_GAZ_FIRST_NAME},
    {"meets", KG_GAZ_COMMON},
    {"visits", KG_GAZ_COMMON},
    {"says", KG_GAZ_COMMON},
    {"said", KG_GAZ_COMMON},
    {"met", KG_GAZ_COMMON},
    {"the", KG_GAZ_COMMON},
    {"and", KG_GAZ_COMMON},
    {"with", KG_GAZ_COMMON},
    {"in", KG_GAZ_COMMON},
    {"summit", KG_GAZ_COMMON | KG_GAZ_EVENT_WORD},
    {"pandemic", KG_GAZ_COMMON | KG_GAZ_EVENT_WORD},
    {"meeting", KG_GAZ_COMMON | KG_GAZ_EVENT_WORD},
    {"hood", KG_GAZ_COMMON | KG_GAZ_SURNAME},
    {"bush", KG_GAZ_COMMON | KG_GAZ_SURNAME},
    {"smith", KG_GAZ_SURNAME},
    {"llc", KG_GAZ_ORG_WORD},
    {"antony", KG_GAZ_FIRST_NAME},
    {"george", KG_GAZ_FIRST_NAME},
    {"laura", KG_GAZ_FIRST_NAME},
    {"john", KG_GAZ_FIRST_NAME},
    {"jane", KG_GAZ_FIRST_NAME | KG_GAZ_COMMON},
    {"luigi", KG_GAZ_FIRST_NAME},
    {"joey", KG_GAZ_FIRST_NAME},
    {"di", 0},
    {"italian", KG_GAZ_DEMONYM},
    {"syrian", KG_GAZ_DEMONYM},
    {"rome", KG_GAZ_LOCATION},
    {NULL, 0},
};

/* Titles with their kinds, as in data/titles.tsv. */
static const struct fx_title {
  const char *words[4];
  kg_title_kind kind;
} fx_titles[] = {
    {{"secretary", "of", "state"}, KG_TITLE_ROLE},
    {{"secretary", "general"}, KG_TITLE_ROLE},
    {{"foreign", "minister"}, KG_TITLE_ROLE},
    {{"secretary"}, KG_TITLE_ROLE},
    {{"minister"}, KG_TITLE_ROLE},
    {{"president"}, KG_TITLE_ROLE},
    {{"general"}, KG_TITLE_ROLE},
    {{"pope"}, KG_TITLE_KEEP},
    {{"ceo"}, KG_TITLE_ROLE},
    {{"major"}, KG_TITLE_ROLE},
    {{"mr."}, KG_TITLE_HONORIFIC},
};

static size_t fx_title_match(const void *ud, const kg_str *folded, size_t n, size_t i,
                             kg_title_kind *kind) {
  (void)ud;
  size_t best = 0;
  for (size_t t = 0; t < sizeof fx_titles / sizeof *fx_titles; t++) {
    size_t k = 0;
    while (k < 4 && fx_titles[t].words[k] && i + k < n &&
           strlen(fx_titles[t].words[k]) == folded[i + k].len &&
           !memcmp(fx_titles[t].words[k], folded[i + k].ptr, folded[i + k].len))
      k++;
    if ((k == 4 || !fx_titles[t].words[k]) && k > best) {
      best = k;
      *kind = fx_titles[t].kind;
    }
  }
  return best;
}

typedef struct fx {
  char text[8192];
  kg_token tok[FX_MAX];
  kg_sentence sent[FX_MAX];
  kg_str folded[FX_MAX];
  char fold[16384];
  uint32_t wclass[FX_MAX];
  uint32_t gram[FX_MAX];
  uint16_t tflags[FX_MAX];
  uint32_t tok_sent[FX_MAX];
  uint8_t title[FX_MAX];
  kg_docview dv;
} fx;

static inline uint32_t fx_class(const char *w, size_t n, const fx_word *extra) {
  const fx_word *lists[2] = {fx_lexicon, extra};
  for (int l = 0; l < 2; l++)
    for (const fx_word *x = lists[l]; x && x->folded; x++)
      if (strlen(x->folded) == n && memcmp(x->folded, w, n) == 0)
        return x->cls;
  return 0;
}

/* The grammar words, built once per test process. */
static inline const kg_grammar *fx_grammar(void) {
  static kg_grammar *g;
  if (!g) {
    kg_error err;
    cr_assert_eq(kg_grammar_new(&g, &err), 0, "%s", err.msg);
  }
  return g;
}

/* Build f from text; extra (may be NULL) adds word classes. */
static inline void fx_build(fx *f, const char *text, const fx_word *extra) {
  memset(f, 0, sizeof *f);
  size_t len = strlen(text);
  cr_assert_lt(len, sizeof f->text, "fixture text too long");
  memcpy(f->text, text, len + 1);
  size_t nt = 0, ns = 0, fo = 0;
  uint32_t para = 0, sent_start = 0;
  size_t i = 0;
  while (i < len) {
    if (text[i] == '\n') {
      bool blank = i + 1 < len && text[i + 1] == '\n';
      if (nt > sent_start) {
        f->sent[ns++] = (kg_sentence){sent_start, (uint32_t)nt, f->tok[sent_start].start,
                                      (uint32_t)i, para};
        sent_start = (uint32_t)nt;
      }
      if (blank)
        para++;
      i++;
      continue;
    }
    if (text[i] == ' ') {
      i++;
      continue;
    }
    size_t s = i;
    while (i < len && text[i] != ' ' && text[i] != '\n')
      i++;
    cr_assert_lt(nt, FX_MAX);
    f->tok[nt] = (kg_token){(uint32_t)s, (uint32_t)(i - s)};
    /* ASCII lower case, and the typographic apostrophe as kg_text_fold
     * does it. */
    size_t fl = 0;
    for (size_t k = s; k < i; k++) {
      if (k + 3 <= i && memcmp(text + k, "\xE2\x80\x99", 3) == 0) {
        f->fold[fo + fl++] = '\'';
        k += 2;
        continue;
      }
      f->fold[fo + fl++] = (char)tolower((unsigned char)text[k]);
    }
    f->folded[nt] = (kg_str){f->fold + fo, fl};
    f->fold[fo + fl] = '\0';
    f->wclass[nt] = fx_class(f->fold + fo, fl, extra);
    f->gram[nt] = kg_grammar_word(fx_grammar(), f->fold + fo, fl);
    fo += fl + 1;
    nt++;
    bool end = (i - s == 1) && strchr(".?!", text[s]);
    if (end) {
      f->sent[ns++] = (kg_sentence){sent_start, (uint32_t)nt, f->tok[sent_start].start,
                                    (uint32_t)i, para};
      sent_start = (uint32_t)nt;
    }
  }
  if (nt > sent_start)
    f->sent[ns++] = (kg_sentence){sent_start, (uint32_t)nt, f->tok[sent_start].start,
                                  (uint32_t)len, para};
  f->dv = (kg_docview){.text = f->text,
                       .tokens = f->tok,
                       .n_tokens = nt,
                       .sentences = f->sent,
                       .n_sentences = ns,
                       .folded = f->folded,
                       .wclass = f->wclass,
                       .gram = f->gram,
                       .tflags = f->tflags,
                       .tok_sent = f->tok_sent,
                       .title = f->title,
                       .gaz = NULL};
  kg_docview_cues(&f->dv, f->tflags, f->tok_sent);
  kg_docview_titles(&f->dv, fx_title_match, NULL, f->title);
}

/* Token span of the nth (0-based) occurrence of the space-separated phrase. */
static inline void fx_find(const fx *f, const char *phrase, int nth, uint32_t *s, uint32_t *e) {
  char words[32][64];
  size_t nw = 0;
  for (const char *p = phrase; *p;) {
    while (*p == ' ')
      p++;
    size_t k = 0;
    while (*p && *p != ' ' && k < 63)
      words[nw][k++] = *p++;
    words[nw][k] = '\0';
    if (k)
      nw++;
  }
  for (uint32_t i = 0; i + nw <= f->dv.n_tokens; i++) {
    bool ok = true;
    for (size_t w = 0; w < nw && ok; w++) {
      const kg_token *t = &f->tok[i + w];
      ok = strlen(words[w]) == t->len && memcmp(words[w], f->text + t->start, t->len) == 0;
    }
    if (ok && nth-- == 0) {
      *s = i;
      *e = i + (uint32_t)nw;
      return;
    }
  }
  cr_assert_fail("phrase '%s' not in the fixture text", phrase);
}

/* A candidate for the nth occurrence of phrase; persons are shaped (title
 * -> role) as the name sources do. */
static inline kg_cand fx_cand(const fx *f, const char *phrase, int nth, kg_etype type, kg_src src) {
  uint32_t s, e;
  fx_find(f, phrase, nth, &s, &e);
  kg_cand c;
  memset(&c, 0, sizeof c);
  if (type == KG_PERSON) {
    cr_assert(kg_shape_person(&f->dv, s, e, &c), "'%s' should shape into a person", phrase);
  } else {
    c.tok_start = c.role_start = c.role_end = s;
    c.tok_end = e;
    c.type = type;
  }
  c.src = (uint8_t)src;
  return c;
}

/* A gazetteer candidate with a fixed id and label. */
static inline kg_cand fx_gaz(const fx *f, const char *phrase, int nth, kg_etype type, const char *id,
                      const char *label) {
  kg_cand c = fx_cand(f, phrase, nth, type == KG_PERSON ? KG_ORGANIZATION : type,
                      KG_SRC_GAZETTEER);
  c.type = type;
  c.flags = KG_CAND_GAZ;
  c.gaz.type = type;
  c.gaz.id = id;
  c.gaz.label = label;
  c.gaz.iso = "";
  return c;
}

#endif /* KG_DOCVIEW_FIXTURE_H */
