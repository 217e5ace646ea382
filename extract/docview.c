/* docview.c: per-token case and position cues for the name finders.
 *
 * Capitalization is the strongest cue for a proper name in English, except
 * where it says nothing: the first word of a sentence, and headlines set in
 * ALL CAPS or Title Case ("Merkel Continues to Urge Summit with Putin").
 * This file marks those places once per document so that every rule asks
 * the same question (KG_TF_PROPN) instead of re-deriving it.  It reads
 * tokens and word classes; it finds no names itself.
 */
#include <string.h>
#include <utf8proc.h>

#include "mention.h"

/* Case of the first letter of s: 1 upper, -1 lower, 0 none; *letters and
 * *lower count letters and lower-case letters in the whole token. */
static int first_case(const char *s, size_t len, unsigned *letters, unsigned *lower) {
  int first = 0;
  bool seen = false;
  *letters = *lower = 0;
  size_t i = 0;
  while (i < len) {
    unsigned char c = (unsigned char)s[i];
    int kind = 0; /* 1 upper, -1 lower, 2 caseless letter, 0 other */
    if (c < 0x80) {
      kind = (c >= 'A' && c <= 'Z') ? 1 : (c >= 'a' && c <= 'z') ? -1 : 0;
      i++;
    } else {
      utf8proc_int32_t cp;
      utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                            (utf8proc_ssize_t)(len - i), &cp);
      if (n <= 0) {
        i++;
        continue;
      }
      i += (size_t)n;
      switch (utf8proc_category(cp)) {
      case UTF8PROC_CATEGORY_LU:
      case UTF8PROC_CATEGORY_LT:
        kind = 1;
        break;
      case UTF8PROC_CATEGORY_LL:
        kind = -1;
        break;
      case UTF8PROC_CATEGORY_LM:
      case UTF8PROC_CATEGORY_LO:
        kind = 2;
        break;
      default:
        kind = 0;
      }
    }
    if (!kind)
      continue;
    (*letters)++;
    if (kind == -1)
      (*lower)++;
    if (!seen) {
      seen = true;
      first = kind == 2 ? 0 : kind; /* caseless scripts give no cue */
    }
  }
  return first;
}

static bool minor(const kg_docview *dv, size_t i) { return kg_dv_w(dv, i, KG_W_MINOR); }

/* Word classes that say "this is a name" whatever the case.  Not the
 * *_PART classes: "State", "United", "Democratic" are ordinary words that
 * also occur inside names. */
#define NAME_CLASSES                                                                        \
  (KG_GAZ_COUNTRY | KG_GAZ_DEMONYM | KG_GAZ_ORG | KG_GAZ_LOCATION | KG_GAZ_FIRST_NAME |      \
   KG_GAZ_SURNAME)

static bool opens_clause(const kg_docview *dv, size_t i) {
  return kg_dv_w(dv, i, KG_W_OPENING);
}

void kg_docview_cues(const kg_docview *dv, uint16_t *tflags, uint32_t *tok_sent) {
  for (size_t i = 0; i < dv->n_tokens; i++) {
    const kg_token *t = &dv->tokens[i];
    unsigned letters, lower;
    int fc = first_case(dv->text + t->start, t->len, &letters, &lower);
    uint16_t f = 0;
    bool digit = false;
    for (uint32_t k = 0; k < t->len; k++) {
      unsigned char c = (unsigned char)dv->text[t->start + k];
      if (c >= '0' && c <= '9')
        digit = true;
    }
    if (fc == 1)
      f |= KG_TF_CAP;
    else if (fc == -1)
      f |= KG_TF_LOWER;
    if (letters >= 2 && lower == 0)
      f |= KG_TF_ALLCAPS;
    if (digit)
      f |= KG_TF_DIGIT;
    if (letters || digit)
      f |= KG_TF_WORD;
    if (letters && (!(dv->wclass[i] & KG_GAZ_COMMON) || (dv->wclass[i] & NAME_CLASSES)))
      f |= KG_TF_NAME;
    tflags[i] = f;
  }
  /* Every token lies in a sentence; should one not, it still gets a valid
   * sentence index. */
  memset(tok_sent, 0, dv->n_tokens * sizeof *tok_sent);
  for (size_t s = 0; s < dv->n_sentences; s++) {
    const kg_sentence *st = &dv->sentences[s];
    unsigned content = 0, capped = 0, common_capped = 0, words = 0, lowers = 0;
    for (uint32_t i = st->tok_start; i < st->tok_end; i++) {
      tok_sent[i] = (uint32_t)s;
      uint16_t f = tflags[i];
      if (!(f & KG_TF_WORD) || !(f & (KG_TF_CAP | KG_TF_LOWER)))
        continue;
      words++;
      if (f & KG_TF_LOWER)
        lowers++;
      if (minor(dv, i))
        continue;
      content++;
      if (f & KG_TF_CAP) {
        capped++;
        if ((dv->wclass[i] & KG_GAZ_COMMON) && i != st->tok_start)
          common_capped++;
      }
    }
    /* ALL CAPS: no lower-case word at all.  Title Case: every content word
     * capitalized, and at least one of them an ordinary word (a line that is
     * only a name, "Jens Stoltenberg", is no headline). */
    bool caps = words >= 2 && lowers == 0 && capped >= 1;
    bool title = content >= 2 && capped == content && common_capped >= 1;
    bool seen_word = false;
    for (uint32_t i = st->tok_start; i < st->tok_end; i++) {
      uint16_t f = tflags[i];
      if (caps || title)
        f |= KG_TF_HEADLINE;
      if (caps)
        f |= KG_TF_CAPSLINE;
      if (f & KG_TF_WORD) {
        if (!seen_word || (i > st->tok_start && opens_clause(dv, i - 1)))
          f |= KG_TF_START;
        seen_word = true;
      }
      if (f & KG_TF_WORD && (f & (KG_TF_CAP | KG_TF_ALLCAPS))) {
        if (f & KG_TF_HEADLINE)
          f |= (f & KG_TF_NAME) ? KG_TF_PROPN : 0;
        else if (!(f & KG_TF_START) || (f & KG_TF_NAME) || (f & KG_TF_ALLCAPS))
          f |= KG_TF_PROPN;
      }
      tflags[i] = f;
    }
  }
}

void kg_docview_titles(const kg_docview *dv, kg_title_fn match, const void *ud,
                       uint8_t *title) {
  memset(title, 0, dv->n_tokens);
  for (size_t si = 0; si < dv->n_sentences; si++) {
    uint32_t end = dv->sentences[si].tok_end;
    for (uint32_t i = dv->sentences[si].tok_start; i < end;) {
      kg_title_kind kind = KG_TITLE_ROLE;
      size_t n = 0;
      /* A title starts with a capital or a known title word. */
      if ((dv->tflags[i] & KG_TF_WORD) &&
          ((dv->tflags[i] & (KG_TF_CAP | KG_TF_ALLCAPS)) || (dv->wclass[i] & KG_GAZ_TITLE)))
        n = dv->gaz ? kg_gazetteer_title(dv->gaz, dv->folded, end, i, &kind)
                    : match ? match(ud, dv->folded, end, i, &kind) : 0;
      if (n == 0 || n > KG_TITLE_LEN) {
        i++;
        continue;
      }
      title[i] = (uint8_t)(n | ((unsigned)kind << 4));
      for (size_t k = i; k < i + n; k++)
        title[k] |= KG_TITLE_IN;
      i += (uint32_t)n;
    }
  }
}
