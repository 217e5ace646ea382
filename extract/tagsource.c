/* tagsource.c: the statistical tagger as a mention source.
 *
 * Decodes the tagger's IOB2 labels into candidate spans and maps the GMB
 * types onto ours: per -> person (title shaped into the role), org ->
 * organization, geo -> country when the gazetteer knows it as one, else
 * location, gpe (demonyms) -> country through the gazetteer (unknown:
 * dropped), eve -> event; tim, art, nat are not entities of this graph.
 * Spans are repaired where a GMB-trained model predictably errs on other
 * news: split at coordinations, possessives and punctuation, a title plus a
 * name typed as an organization becomes a person, trailing titles and
 * headline words are cut.  Lines in ALL CAPS are skipped: the model never
 * saw any, and the resolver finds the document's names there
 * case-insensitively.  A place of a dateline is marked as used as a place
 * (the resolver keeps a town it does not know a place), and a state
 * written there without its full stop is the gazetteer's ("Conn", "Pa").
 */
#include <stdlib.h>
#include <string.h>

#include "mention.h"
#include "tagger.h"
#include "text.h"

typedef struct tag_state {
  kg_tagger *tagger;
  bool borrowed; /* a clone's: the tagger is its original's */
  kg_tagger_state *st;
  kg_str *words;
  uint32_t *ends;
  uint8_t *labels;
  size_t cap_words, cap_sents;
  char *key; /* folded span text for gazetteer lookups */
  size_t cap_key;
  int8_t map[64]; /* label index -> kind below, B/I in the sign */
  uint32_t dl_lo, dl_hi; /* the sentence's dateline place: tokens [lo, hi) */
} tag_state;

enum { K_O = 0, K_PER, K_ORG, K_GEO, K_GPE, K_EVE };

/* Tokens per call to the tagger (whole sentences; one longer sentence is
 * tagged alone). */
#define TAG_PIECE 50000

static void tag_free(void *self) {
  tag_state *ts = self;
  if (!ts)
    return;
  if (!ts->borrowed)
    kg_tagger_free(ts->tagger);
  kg_tagger_state_free(ts->st);
  free(ts->words);
  free(ts->ends);
  free(ts->labels);
  free(ts->key);
  free(ts);
}

static int kind_of(const char *label) {
  static const struct {
    const char *name;
    int kind;
  } kinds[] = {{"per", K_PER}, {"org", K_ORG}, {"geo", K_GEO}, {"gpe", K_GPE}, {"eve", K_EVE}};
  if (!label || strlen(label) < 3 || label[1] != '-')
    return K_O;
  for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++)
    if (strcmp(label + 2, kinds[i].name) == 0)
      return label[0] == 'B' ? kinds[i].kind : -kinds[i].kind;
  return K_O;
}

/* Look the span [s, e) up as one gazetteer name. */
static bool lookup(tag_state *ts, const kg_docview *dv, uint32_t s, uint32_t e, bool dot,
                   kg_gaz_entry *out) {
  if (!dv->gaz)
    return false;
  size_t n = dot;
  for (uint32_t i = s; i < e; i++)
    n += dv->folded[i].len + 1;
  if (n > ts->cap_key) {
    char *k = realloc(ts->key, n);
    if (!k)
      return false;
    ts->key = k;
    ts->cap_key = n;
  }
  n = 0;
  for (uint32_t i = s; i < e; i++) {
    if (i > s)
      ts->key[n++] = ' ';
    memcpy(ts->key + n, dv->folded[i].ptr, dv->folded[i].len);
    n += dv->folded[i].len;
  }
  if (dot)
    ts->key[n++] = '.';
  return kg_gazetteer_lookup(dv->gaz, ts->key, n, out);
}

/* A span of another type that holds or continues a title and then a name
 * is a person: "Secretary of State Antony Blinken" tagged as organization
 * "State Antony Blinken".  But "General Motors", "Justice Department" are
 * organizations: the rest must not end in an organization word nor be a
 * known place or organization. */
static bool title_then_name(const kg_docview *dv, uint32_t s, uint32_t e, kg_cand *c) {
  if (kg_dv_w(dv, e - 1, KG_W_LEGAL))
    return false; /* "General Electric Co": a company with its legal form */
  uint32_t t = s;
  while (t < e && !kg_name_is_title(dv, t))
    t++;
  if (t == e)
    return false;
  /* "General Motors do Brasil": the title word is in a known organization's
   * name (not "Bank of Japan Governor Satoshi Sumita") */
  kg_gaz_entry g;
  if (dv->gaz && s + kg_gazetteer_match(dv->gaz, dv->folded, e, s, &g) > t &&
      g.type == KG_ORGANIZATION)
    return false;
  uint32_t b = s; /* back to the title's first word */
  while (b > 0 && kg_name_is_title(dv, b) && !kg_dv_title_len(dv, b) &&
         dv->tok_sent[b - 1] == dv->tok_sent[s])
    b--;
  if (!kg_person_after_title(dv, b, e, c))
    return false;
  return true;
}

/* [s, e) is a role, "of" or "for" what it serves, without its holder:
 * "Director of International Commodities", "U.S. Undersecretary of State
 * for Economic Affairs", "Commissioner of Food and Drugs".  No organization
 * (a title and a person after it are one already); an organization named
 * inside ("Governor of the Bank of Japan") is the gazetteer's.  Not "General
 * Dynamics": only a title that "of" or "for" follows. */
static bool role_of(const kg_docview *dv, uint32_t s, uint32_t e) {
  uint32_t b = s;
  while (b < e && (dv->wclass[b] & (KG_GAZ_COUNTRY | KG_GAZ_DEMONYM | KG_GAZ_LOCATION)) &&
         !kg_dv_title_len(dv, b))
    b++; /* "U.S.", "French" */
  uint32_t len = b < e ? kg_dv_title_len(dv, b) : 0;
  if (!len || kg_dv_title_kind(dv, b) != KG_TITLE_ROLE || b + len >= e)
    return false;
  return kg_dv_is(dv, b + len, "of") || kg_dv_is(dv, b + len, "for");
}

static int emit(tag_state *ts, const kg_docview *dv, int kind, uint32_t s, uint32_t e,
                kg_candbuf *out) {
  if (dv->tflags[s] & KG_TF_CAPSLINE)
    return 0;
  if (e - s == 1 &&
      (kg_instrument_code(dv->text + dv->tokens[s].start, dv->tokens[s].len) || kg_dv_ticker(dv, s)))
    return 0; /* "RHON.PA", "<GM>": the shares, beside their company */
  /* In a headline, case says nothing: ordinary words at the ends are cut
   * ("Blinken Meets"), and a span with one inside ("EU Warns Against
   * COVID-19", "Anti-Islamic State Coalition") is the tagger guessing; the
   * gazetteer and the document's names are found there all the same. */
  if (dv->tflags[s] & KG_TF_HEADLINE) {
    while (e > s && !(dv->tflags[e - 1] & (KG_TF_NAME | KG_TF_DIGIT)) &&
           !kg_name_is_title(dv, e - 1) && !(dv->wclass[e - 1] & KG_GAZ_ORG_WORD))
      e--;
    while (s < e && !(dv->tflags[s] & (KG_TF_NAME | KG_TF_DIGIT)) && !kg_name_is_title(dv, s))
      s++;
    if (s >= e)
      return 0;
  }
  if (dv->tflags[s] & KG_TF_HEADLINE)
    for (uint32_t i = s + 1; i + 1 < e; i++)
      if (!(dv->tflags[i] & (KG_TF_NAME | KG_TF_DIGIT)) &&
          !(dv->wclass[i] & (KG_GAZ_ORG_WORD | KG_GAZ_TITLE)) && !kg_name_is_title(dv, i) &&
          !kg_dv_is(dv, i, "of") && !kg_dv_is(dv, i, "the") && !kg_dv_is(dv, i, "and"))
        return 0;
  kg_cand c;
  memset(&c, 0, sizeof c);
  c.tok_start = c.role_start = c.role_end = s;
  c.tok_end = e;
  c.src = KG_SRC_TAGGER;
  kg_gaz_entry g;
  bool dateline;
  if (kind != K_PER && kind != K_GPE && title_then_name(dv, s, e, &c)) {
    c.src = KG_SRC_TAGGER;
    return kg_candbuf_push(out, &c);
  }
  /* A town's state written without its full stop after the town and a
   * comma, as in datelines: "in Beverly, Mass, and Danvers" (no Mass). */
  if (e == s + 1 && s >= 2 && (dv->tflags[s] & KG_TF_CAP) &&
      !(dv->tflags[s] & KG_TF_ALLCAPS) && kg_dv_is(dv, s - 1, ",") &&
      (dv->tflags[s - 2] & KG_TF_CAP) && dv->tok_sent[s - 2] == dv->tok_sent[s] &&
      lookup(ts, dv, s, e, true, &g) && g.type == KG_LOCATION && g.kind &&
      strcmp(g.kind, "state") == 0) {
    c.type = g.type;
    c.flags = KG_CAND_GAZ;
    c.gaz = g;
    c.src = KG_SRC_GAZETTEER;
    return kg_candbuf_push(out, &c);
  }
  switch (kind) {
  case K_PER:
    if (!kg_shape_person(dv, s, e, &c))
      return 0;
    c.src = KG_SRC_TAGGER;
    /* "General Accident", "General Mills": the rank and one ordinary word
     * that is no given name name a company, not General Mills the man. */
    if (c.role_end == c.role_start + 1 && kg_dv_is(dv, c.role_start, "general") &&
        c.tok_end == c.tok_start + 1 && (dv->wclass[c.tok_start] & KG_GAZ_COMMON) &&
        !(dv->wclass[c.tok_start] & KG_GAZ_FIRST_NAME)) {
      c.tok_start = c.role_start;
      c.role_start = c.role_end = c.tok_start;
      c.type = KG_ORGANIZATION;
      c.flags = 0;
    }
    break;
  case K_ORG:
    if (role_of(dv, s, e))
      return 0;
    c.type = KG_ORGANIZATION;
    /* "International Natural Rubber Agreement", "Louvre Accord": an
     * agreement is an event, as the event patterns make "Paris Accord" (a
     * pact may be an alliance: "Warsaw Pact"; "the General Agreement on
     * Tariffs and Trade" goes on) */
    if (e - s >= 2 && (dv->tflags[e - 1] & KG_TF_CAP) && !(dv->tflags[e - 1] & KG_TF_ALLCAPS) &&
        (kg_dv_is(dv, e - 1, "agreement") || kg_dv_is(dv, e - 1, "accord") ||
         kg_dv_is(dv, e - 1, "accords") || kg_dv_is(dv, e - 1, "treaty")) &&
        !(e < dv->n_tokens && kg_dv_is(dv, e, "on"))) {
      c.type = KG_EVENT;
      break;
    }
    /* What is left of "U.S. Treasury" before the title "Treasury Secretary"
     * is the country, as the tagger makes any org span that is a country. */
    if (lookup(ts, dv, s, e, false, &g) && g.type == KG_COUNTRY && !g.demonym) {
      c.type = g.type;
      c.flags = KG_CAND_GAZ;
      c.gaz = g;
      c.src = KG_SRC_GAZETTEER;
    }
    break;
  case K_EVE:
    c.type = KG_EVENT;
    break;
  case K_GEO:
  case K_GPE:
    /* A dateline writes a state without its full stop: "STAMFORD , Conn",
     * "ALLENTOWN , Pa" (not the Palestinian Authority). */
    dateline = kind == K_GEO && s >= ts->dl_lo && e <= ts->dl_hi;
    if ((lookup(ts, dv, s, e, false, &g) && (g.type == KG_COUNTRY || g.type == KG_LOCATION)) ||
        (dateline && lookup(ts, dv, s, e, true, &g) &&
         (g.type == KG_COUNTRY || g.type == KG_LOCATION))) {
      c.type = g.type;
      c.flags = KG_CAND_GAZ | (dateline ? KG_CAND_DATELINE : 0);
      c.gaz = g;
      c.src = KG_SRC_GAZETTEER;
    } else if (kind == K_GEO) {
      c.type = KG_LOCATION;
      if (dateline)
        c.flags = KG_CAND_DATELINE;
    } else {
      return 0; /* a demonym of no known country */
    }
    break;
  default:
    return 0;
  }
  return kg_candbuf_push(out, &c);
}

/* Whether a company's name [s, f) (its legal forms after f) with "and" at
 * k is one name ("Procter and Gamble", "Florida Power and Light"): not when
 * either side is a known country or organization ("Airbus and Boeing Co"),
 * the left one a person's full name ("Dudley Taft and Narragansett Capital
 * Inc") or the last of a list ("Wagner and Brown and AFG Industries Inc",
 * "Sonora, Goldenbell, United and Inca Resources Inc"). */
static bool one_company(const kg_docview *dv, uint32_t s, uint32_t k, uint32_t f) {
  if (s > 0 && (kg_dv_is(dv, s - 1, ",") || kg_dv_is(dv, s - 1, "and")))
    return false;
  if (k - s >= 2 && (dv->wclass[s] & KG_GAZ_FIRST_NAME) && !(dv->wclass[s] & KG_GAZ_COMMON) &&
      !(dv->wclass[k - 1] & (KG_GAZ_COMMON | KG_GAZ_ORG_WORD)))
    return false; /* (not "Crosby Valve and Gage Co": "Valve" is no family name) */
  return !kg_gazetteer_party(dv->gaz, dv->folded + s, k - s) &&
         !kg_gazetteer_party(dv->gaz, dv->folded + k + 1, f - k - 1);
}

/* A single-letter initial: "M.", "W." */
static bool initial(const kg_docview *dv, uint32_t i) {
  const kg_str *f = &dv->folded[i];
  return f->len == 2 && f->ptr[1] == '.' && f->ptr[0] >= 'a' && f->ptr[0] <= 'z';
}

/* Word classes that no part of a person's name has. */
#define NOT_NAME                                                                                   \
  (KG_GAZ_COMMON | KG_GAZ_ORG_WORD | KG_GAZ_ORG | KG_GAZ_COUNTRY | KG_GAZ_DEMONYM |                \
   KG_GAZ_LOCATION | KG_GAZ_TITLE)

/* Token a is a capitalized given name and nothing else. */
static bool given_name(const kg_docview *dv, uint32_t a) {
  uint32_t g = dv->wclass[a];
  return (g & KG_GAZ_FIRST_NAME) && !(g & NOT_NAME) && (dv->tflags[a] & KG_TF_CAP) &&
         !kg_name_is_title(dv, a);
}

/* [a, b) is a given name then a family name: "Tom Enders". */
static bool person_tail(const kg_docview *dv, uint32_t a, uint32_t b) {
  uint32_t f = dv->wclass[b - 1];
  return b - a == 2 && given_name(dv, a) && !(f & (NOT_NAME | KG_GAZ_FIRST_NAME)) &&
         (dv->tflags[b - 1] & KG_TF_CAP) && !kg_dv_w(dv, b - 1, KG_W_LEGAL); /* "Johnson Co" */
}

/* [a, a + 4) is a given name then a family name written with a detached
 * apostrophe: "Michael O' Leary" (as kg_name_apostrophe_end reads it). */
static bool person_apostrophe_tail(const kg_docview *dv, uint32_t a) {
  return given_name(dv, a) && kg_name_apostrophe_end(dv, a, a + 2) == a + 4;
}

/* The tagger joins coordinated names ("Boeing and Aeroflot") and runs over
 * possessives ("Singapore 's Changi Airport") and dashes ("San Jose -
 * Cisco"): split there, then emit each part.  "and" splits only before a
 * name word, so "Procter and Gamble", "Department of Health and Human
 * Services" stay whole, and in a company's name ending in a legal form only
 * between two names of their own ("Bausch and Lomb Inc" stays whole, not
 * "Wood Gundy Inc and Gordon Capital Corp" or "Airbus and Boeing Co").
 * Trailing titles are no part of an organization ("Apple Inc. CEO"). */
static bool leading_lower(const kg_docview *dv, uint32_t i) {
  if ((dv->tflags[i] & (KG_TF_LOWER | KG_TF_DIGIT)) != KG_TF_LOWER ||
      kg_dv_w(dv, i, KG_W_PARTICLE | KG_W_NAME_GLUE))
    return false;
  const char *w = dv->text + dv->tokens[i].start;
  bool hyphen = false;
  for (uint32_t j = 0; j < dv->tokens[i].len; j++) {
    if (w[j] >= 'A' && w[j] <= 'Z')
      return false;
    hyphen |= w[j] == '-';
  }
  /* A name typed in lower case ("vanzetti Systems Inc", "martin Marietta")
   * stays: only an ordinary word, a compound or a possessive goes. */
  return hyphen || kg_dv_w(dv, i, KG_W_POSSESSIVE) ||
         ((dv->wclass[i] & KG_GAZ_COMMON) &&
          !(dv->wclass[i] & (KG_GAZ_FIRST_NAME | KG_GAZ_SURNAME)));
}

/* Whether the org span [s, e), its legal forms from f on, is one word, a
 * possessive at k, then one or two ordinary words and the legal forms, as
 * the tagger's kg_tagger_apply_cues reads it: "Hudson 's Bay Co",
 * "People 's Finance Corp" are one company (not "Chrysler 's Dodge unit"). */
static bool possessive_company(const kg_docview *dv, uint32_t s, uint32_t k, uint32_t f,
                               uint32_t e) {
  enum { NAMES = KG_GAZ_FIRST_NAME | KG_GAZ_SURNAME | KG_GAZ_COUNTRY | KG_GAZ_DEMONYM |
                 KG_GAZ_LOCATION | KG_GAZ_ORG };
  if (k != s + 1 || f == e || f <= k + 1 || f - k - 1 > 2 ||
      (dv->wclass[s] & (KG_GAZ_COUNTRY | KG_GAZ_DEMONYM | KG_GAZ_LOCATION | KG_GAZ_ORG)))
    return false;
  for (uint32_t i = k + 1; i < f; i++)
    if (!(dv->tflags[i] & (KG_TF_CAP | KG_TF_HEADLINE)) || !(dv->wclass[i] & KG_GAZ_COMMON) ||
        (dv->wclass[i] & NAMES))
      return false;
  return true;
}

/* Whether [s, f) (legal forms after it) is the name of a partnership, as the
 * tagger's span rules read it: "Goldman, Sachs and Co", "Merrill Lynch,
 * Pierce, Fenner and Smith Inc". */
static bool partnership(const tag_state *ts, const kg_docview *dv, uint32_t s, uint32_t f) {
  const kg_sentence *sen = &dv->sentences[dv->tok_sent[s]];
  if (sen->tok_end > dv->n_tokens || f >= sen->tok_end)
    return false;
  /* without the labels, it leaves out a first word of the sentence that the
   * tagger's span took in */
  size_t a = kg_tagger_partnership(dv->gaz, ts->words + sen->tok_start, sen->tok_end - sen->tok_start,
                                   f - sen->tok_start, NULL);
  return a == s - sen->tok_start || (s == sen->tok_start && a == 1);
}

static int emit_split(tag_state *ts, const kg_docview *dv, int kind, uint32_t s, uint32_t e,
                      kg_candbuf *out) {
  /* An organization or place that ends in "Michael O' Leary" holds that
   * person or is one: the apostrophe is no possessive that splits it. */
  if (kind != K_PER && e - s >= 4 && person_apostrophe_tail(dv, e - 4)) {
    int rc = e - s > 4 ? emit_split(ts, dv, kind, s, e - 4, out) : 0;
    return rc ? rc : emit(ts, dv, K_PER, e - 4, e, out);
  }
  /* "General Dynamics Corp F-16": a designation after the legal form is the
   * company's product, no part of its name. */
  if (kind == K_ORG && e - s >= 3 && (dv->tflags[e - 1] & KG_TF_DIGIT) &&
      kg_dv_w(dv, e - 2, KG_W_LEGAL))
    e--;
  /* "Bausch and Lomb Inc": a company's name ending in a legal form; not
   * "Airbus and Boeing Co", a known name before "and". */
  uint32_t f = e; /* the company's name without its legal forms */
  while (kind == K_ORG && f > s && kg_dv_w(dv, f - 1, KG_W_LEGAL))
    f--;
  if (f < e && partnership(ts, dv, s, f)) /* "Goldman, Sachs and Co" */
    return emit(ts, dv, kind, s, e, out);
  for (uint32_t k = s + 1; k + 1 < e; k++) {
    bool poss = kg_dv_w(dv, k, KG_W_POSSESSIVE);
    if (poss && kind == K_ORG && possessive_company(dv, s, k, f, e))
      continue; /* "Hudson 's Bay Co" */
    bool and = kg_dv_is(dv, k, "and") && (dv->tflags[k] & KG_TF_LOWER) &&
               (dv->tflags[k + 1] & (KG_TF_CAP | KG_TF_HEADLINE));
    bool coord = and && (dv->tflags[k + 1] & KG_TF_NAME) &&
                 (f == e || f <= k + 1 || !one_company(dv, s, k, f));
    coord |= and && kg_dv_w(dv, k - 1, KG_W_LEGAL); /* "Smith and Co Inc and Interstate ..." */
    bool punct = !(dv->tflags[k] & KG_TF_WORD) && !kg_dv_is(dv, k, "&") &&
                 !kg_dv_is(dv, k, ".") && !kg_dv_is(dv, k, "'");
    /* "... Marvin Sambur about Boeing": a lower-case word other than name
     * glue ("of", "and") or a particle ("de", "bin") ends a name. */
    bool lower = (dv->tflags[k] & KG_TF_LOWER) &&
                 !kg_dv_w(dv, k, KG_W_NAME_GLUE | KG_W_PARTICLE | KG_W_TITLE_GLUE);
    if (poss || coord || punct || lower) {
      int rc = emit_split(ts, dv, kind, s, k, out);
      return rc ? rc : emit_split(ts, dv, kind, k + 1, e, out);
    }
  }
  /* (not "General" after a word of no title: "Data General", "Supermarkets
   * General"; "Attorney General" is one, and "U.K. General election" no
   * company) */
  if (kind != K_PER)
    while (e > s + 1 && kg_name_is_title(dv, e - 1) &&
           !(kg_dv_is(dv, e - 1, "general") && !kg_name_is_title(dv, e - 2) &&
             !(e < dv->n_tokens && (dv->wclass[e] & KG_GAZ_EVENT_WORD))))
      e--;
  /* "the cabinet-level Economic Policy Council": a leading lower-case word
   * is no part of an organization or place; a particle ("de", "al") or a
   * word with a capital or a digit in it ("al-Qaida",
   * "20th Century Fox") is. */
  if (kind == K_ORG || kind == K_GEO)
    while (e > s + 1 && (leading_lower(dv, s) || kg_dv_is(dv, s, "and") || kg_dv_is(dv, s, "&")))
      s++; /* (and "and": "<Goldman, Sachs and Co> and First Boston Inc") */
  /* "United Auto Workers union": a trailing lower-case word is no part. */
  while (e > s + 1 && (dv->tflags[e - 1] & KG_TF_LOWER))
    e--;
  /* "Michael M." + "Sears": a name does not end in an initial. */
  if (kind == K_PER && e < dv->n_tokens && dv->tok_sent[e] == dv->tok_sent[s] &&
      initial(dv, e - 1) && (dv->tflags[e] & KG_TF_CAP) && (dv->tflags[e] & KG_TF_WORD))
    e++;
  /* An organization or place that ends in a given name and a family name
   * holds a person ("... for Acquisition Darleen Druyun") or is one ("Tom
   * Enders"); "Morgan Stanley" (two given names) stays. */
  if (kind != K_PER && e - s >= 2 && person_tail(dv, e - 2, e)) {
    int rc = e - s > 2 ? emit(ts, dv, kind, s, e - 2, out) : 0;
    return rc ? rc : emit(ts, dv, K_PER, e - 2, e, out);
  }
  return emit(ts, dv, kind, s, e, out);
}

static int tag_find(void *self, const kg_docview *dv, kg_candbuf *out, kg_error *err) {
  tag_state *ts = self;
  if (dv->n_tokens > ts->cap_words) {
    kg_str *w = realloc(ts->words, dv->n_tokens * sizeof *w);
    uint8_t *l = w ? realloc(ts->labels, dv->n_tokens) : NULL;
    if (w)
      ts->words = w;
    if (l)
      ts->labels = l;
    if (!w || !l)
      return kg_error_set(err, KG_ERR_NOMEM, "tagging: out of memory");
    ts->cap_words = dv->n_tokens;
  }
  if (dv->n_sentences > ts->cap_sents) {
    uint32_t *e = realloc(ts->ends, dv->n_sentences * sizeof *e);
    if (!e)
      return kg_error_set(err, KG_ERR_NOMEM, "tagging: out of memory");
    ts->ends = e;
    ts->cap_sents = dv->n_sentences;
  }
  for (size_t i = 0; i < dv->n_tokens; i++)
    ts->words[i] = (kg_str){dv->text + dv->tokens[i].start, dv->tokens[i].len};
  /* Tag in pieces of whole sentences: the tagger's scratch grows with what
   * it is given, and a 100 MB single-line "document" must not take
   * gigabytes.  Ordinary articles are one piece; a sentence longer than a
   * piece (no punctuation in megabytes of text) is cut. */
  size_t next = 0;
  uint32_t base = 0;
  while (base < dv->n_tokens && next < dv->n_sentences) {
    size_t n_ends = 0;
    uint32_t end = base;
    while (next < dv->n_sentences && dv->sentences[next].tok_end - base <= TAG_PIECE) {
      end = dv->sentences[next].tok_end;
      ts->ends[n_ends++] = end - base;
      next++;
    }
    if (n_ends == 0) { /* one sentence too long: a piece of it */
      end = base + TAG_PIECE;
      ts->ends[n_ends++] = TAG_PIECE;
    }
    int rc = kg_tagger_tag(ts->tagger, ts->st, ts->words + base, end - base, ts->ends, n_ends,
                           ts->labels + base, err);
    if (rc)
      return rc;
    base = end;
  }
  for (size_t si = 0; si < dv->n_sentences; si++) {
    uint32_t lo = dv->sentences[si].tok_start, hi = dv->sentences[si].tok_end;
    size_t place = 0;
    size_t date = kg_tagger_dateline(ts->tagger, ts->words + lo, hi - lo, ts->labels + lo, &place);
    ts->dl_lo = lo + (uint32_t)place;
    ts->dl_hi = lo + (uint32_t)date;
    for (uint32_t i = lo; i < hi;) {
      int k = ts->labels[i] < 64 ? ts->map[ts->labels[i]] : K_O;
      if (k <= 0) { /* O, or an I- the decoder should not have left alone */
        i++;
        continue;
      }
      uint32_t e = i + 1;
      while (e < hi && ts->labels[e] < 64 && ts->map[ts->labels[e]] == -k)
        e++;
      if (emit_split(ts, dv, k, i, e, out) != 0)
        return kg_error_set(err, KG_ERR_NOMEM, "tagging: out of memory");
      i = e;
    }
  }
  return 0;
}

static int tag_clone(const void *self, kg_msource *out, kg_error *err);

/* A tag source around tagger (owned unless borrowed). */
static int tag_source(kg_tagger *tagger, bool borrowed, kg_msource *out, kg_error *err) {
  tag_state *ts = calloc(1, sizeof *ts);
  if (!ts) {
    if (!borrowed)
      kg_tagger_free(tagger);
    return kg_error_set(err, KG_ERR_NOMEM, "tagger: out of memory");
  }
  ts->tagger = tagger;
  ts->borrowed = borrowed;
  ts->st = kg_tagger_state_new();
  if (!ts->st) {
    tag_free(ts);
    return kg_error_set(err, KG_ERR_NOMEM, "tagger: out of memory");
  }
  size_t n = kg_tagger_n_labels(ts->tagger);
  for (size_t i = 0; i < n && i < 64; i++)
    ts->map[i] = (int8_t)kind_of(kg_tagger_label(ts->tagger, i));
  out->name = "tagger";
  out->self = ts;
  out->find = tag_find;
  out->free = tag_free;
  out->clone = tag_clone;
  return 0;
}

static int tag_clone(const void *self, kg_msource *out, kg_error *err) {
  const tag_state *ts = self;
  return tag_source(ts->tagger, true, out, err);
}

int kg_tagger_source(const char *model_path, const kg_gazetteer *gaz, kg_msource *out,
                     kg_error *err) {
  kg_tagger *tagger = NULL;
  int rc = kg_tagger_load(model_path, gaz, &tagger, err);
  return rc ? rc : tag_source(tagger, false, out, err);
}
