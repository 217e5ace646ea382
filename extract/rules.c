/* rules.c: candidate mentions from rules and the gazetteer.
 *
 * Three producers, all reading the same cues (docview.c):
 *  - the gazetteer pass (always on): known countries, demonyms,
 *    organizations, places; ambiguous aliases ("Chad", "US", "IS") only in
 *    a proper-noun context; listed non-entities ("Dow Jones", "Christmas")
 *    as spans that name nothing;
 *  - the event patterns (always on): "<Name> summit|election|war...",
 *    "G-20 foreign ministers' meeting", "COVID-19 pandemic", "Summit of X";
 *  - the rule-based name source (the fallback when the tagger is absent or
 *    not wanted): people after titles and from known first names,
 *    organizations ending in an organization word, acronyms; its people
 *    rules also run on ALL CAPS lines beside the tagger.
 * Spans only; entities are decided in resolve.c.
 */
#include <stdlib.h>
#include <string.h>

#include "mention.h"
#include "text.h"

static bool has(const kg_docview *dv, size_t i, uint32_t cls) { return dv->wclass[i] & cls; }
static bool flag(const kg_docview *dv, size_t i, uint16_t f) { return dv->tflags[i] & f; }
static bool propn(const kg_docview *dv, size_t i) { return flag(dv, i, KG_TF_PROPN); }

static int push(kg_candbuf *out, uint32_t s, uint32_t e, kg_etype type, kg_src src,
                kg_error *err) {
  kg_cand c;
  memset(&c, 0, sizeof c);
  c.tok_start = c.role_start = c.role_end = s;
  c.tok_end = e;
  c.type = type;
  c.src = (uint8_t)src;
  if (kg_candbuf_push(out, &c) != 0)
    return kg_error_set(err, KG_ERR_NOMEM, "finding mentions: out of memory");
  return 0;
}

#define GEO_CLASSES (KG_GAZ_COUNTRY | KG_GAZ_DEMONYM | KG_GAZ_LOCATION)
/* A known name starts only at a word with one of these classes. */
#define GAZ_NAME_BITS                                                                        \
  (KG_GAZ_COUNTRY | KG_GAZ_COUNTRY_PART | KG_GAZ_DEMONYM | KG_GAZ_ORG | KG_GAZ_ORG_PART |    \
   KG_GAZ_LOCATION | KG_GAZ_LOCATION_PART)

/* ------------------------------------------------------- gazetteer pass */

/* Short ambiguous aliases are acronyms in their entity sense ("US", "IS",
 * "WHO"): only an ALL CAPS token in a mixed-case line is that sense. */
static bool acronym_sense_ok(const kg_docview *dv, uint32_t s, uint32_t e) {
  if (e - s != 1 || dv->folded[s].len > 3)
    return true;
  return flag(dv, s, KG_TF_ALLCAPS) && !flag(dv, s, KG_TF_CAPSLINE);
}

/* Is token s right after another country than organization ent's home, or
 * its demonym ("the Brazilian Congress", "the Japanese Supreme Court")?  An
 * international organization has no home ("" in the gazetteer): any
 * country's is another's ("the Kuwaiti General Assembly"). */
static bool after_other_country(const kg_docview *dv, uint32_t s, const kg_gaz_entry *ent) {
  kg_gaz_entry before;
  const char *code;
  return s > 0 && dv->tok_sent[s - 1] == dv->tok_sent[s] &&
         has(dv, s - 1, KG_GAZ_COUNTRY | KG_GAZ_DEMONYM) &&
         kg_gazetteer_match(dv->gaz, dv->folded, s, s - 1, &before) == 1 &&
         (code = kg_gaz_country_code(&before)) && strcmp(code, ent->country) != 0;
}

/* Organizations whose alias the document also writes after another
 * country: foreign_body's answers, per document. */
typedef struct {
  const char *id[16]; /* the gazetteer's own strings: compared by address */
  bool foreign[16];
  unsigned n;
} body_memo;

/* Does the document name the organization ent, whose ambiguous alias of n
 * words is at token s, after another country than its home ("the
 * Italian Treasury ... the Treasury said")?  Then the alias is that
 * country's body (resolve.c's generic institutions), not ent.  One scan of
 * the document per organization; past 16 of them, no. */
static bool foreign_body(const kg_docview *dv, uint32_t s, size_t n, const kg_gaz_entry *ent,
                         body_memo *memo) {
  for (unsigned i = 0; i < memo->n; i++)
    if (memo->id[i] == ent->id)
      return memo->foreign[i];
  if (memo->n == sizeof memo->id / sizeof *memo->id)
    return false;
  const kg_str *w = &dv->folded[s];
  bool foreign = false;
  for (uint32_t k = 1; k + n <= dv->n_tokens && !foreign; k++) {
    kg_gaz_entry g;
    foreign = dv->folded[k].len == w->len && memcmp(dv->folded[k].ptr, w->ptr, w->len) == 0 &&
              after_other_country(dv, k, ent) &&
              kg_gazetteer_match(dv->gaz, dv->folded, k + n, k, &g) == n &&
              strcmp(g.id, ent->id) == 0;
  }
  memo->id[memo->n] = ent->id;
  memo->foreign[memo->n++] = foreign;
  return foreign;
}

/* An ambiguous alias ("Chad", "Jordan", "Georgia", "Turkey") is trusted
 * only where it cannot be part of a person's name or a common word. */
static bool ambiguous_ok(const kg_docview *dv, uint32_t s, uint32_t e, uint32_t end,
                         const kg_gaz_entry *ent, body_memo *memo) {
  if (flag(dv, s, KG_TF_CAPSLINE))
    return false;
  if (ent->type == KG_ORGANIZATION && foreign_body(dv, s, e - s, ent, memo))
    return false;
  if (!acronym_sense_ok(dv, s, e))
    return false;
  if (!flag(dv, s, KG_TF_CAP))
    return false;
  /* "Chad Smith", "Michael Jordan": a name next to it makes it a name.
   * Not for an acronym ("US Chargé d'Affaires", "IS Terrorists"). */
  if (flag(dv, s, KG_TF_ALLCAPS))
    return true;
  /* "the West" of "the West German economy": its last word starts a longer
   * name, which the next match takes */
  kg_gaz_entry longer;
  if (e - s >= 2 && e < end && kg_gazetteer_match(dv->gaz, dv->folded, end, e - 1, &longer) > 1)
    return false;
  if (e < end && propn(dv, e) && !has(dv, e, GEO_CLASSES | KG_GAZ_ORG | KG_GAZ_TITLE))
    return false;
  if (s > 0 && dv->tok_sent[s - 1] == dv->tok_sent[s] && propn(dv, s - 1) &&
      has(dv, s - 1, KG_GAZ_FIRST_NAME) && !has(dv, s - 1, GEO_CLASSES | KG_GAZ_TITLE))
    return false;
  return true;
}

/* A name behind a prefix inside one token: "anti-Islamic State",
 * "pro-Russian", "ex-Soviet".  Matches on a copy of the folded tokens whose
 * first one starts after the prefix; *lead gets the prefix's bytes (the
 * folded and original prefixes are both ASCII, so the lengths agree). */
static size_t prefixed_match(const kg_docview *dv, uint32_t i, uint32_t end, kg_gaz_entry *out,
                             uint8_t *lead) {
  static const char *const prefixes[] = {"anti-", "pro-", "ex-", "non-", "post-", "pre-",
                                         "neo-",  "pan-", NULL};
  const kg_str *f = &dv->folded[i];
  for (const char *const *p = prefixes; *p; p++) {
    size_t pl = strlen(*p);
    if (f->len <= pl || memcmp(f->ptr, *p, pl) != 0)
      continue;
    if (dv->tokens[i].len <= pl || memcmp(dv->text + dv->tokens[i].start + pl - 1, "-", 1) != 0)
      return 0;
    kg_str win[8];
    size_t n = end - i < 8 ? end - i : 8;
    memcpy(win, f, n * sizeof *win);
    win[0].ptr += pl;
    win[0].len -= pl;
    size_t m = kg_gazetteer_match(dv->gaz, win, n, 0, out);
    if (m && (dv->text[dv->tokens[i].start + pl] & 0x80 ||
              (dv->text[dv->tokens[i].start + pl] >= 'A' &&
               dv->text[dv->tokens[i].start + pl] <= 'Z'))) {
      *lead = (uint8_t)pl;
      return m;
    }
    return 0;
  }
  return 0;
}

int kg_rules_gazetteer(const kg_docview *dv, kg_candbuf *out, kg_error *err) {
  if (!dv->gaz)
    return 0;
  body_memo memo = {.n = 0};
  for (size_t si = 0; si < dv->n_sentences; si++) {
    uint32_t end = dv->sentences[si].tok_end;
    for (uint32_t i = dv->sentences[si].tok_start; i < end;) {
      kg_gaz_entry ent;
      if (!flag(dv, i, KG_TF_WORD) || kg_dv_ticker(dv, i)) {
        i++; /* "<DIA>" is a company's shares, not the Defense Intelligence Agency */
        continue;
      }
      uint8_t lead = 0;
      size_t n = 0;
      bool none = false;
      /* Event names have no word class of their own ("Cold War", "war in
       * Iraq"): try capitals and event words too. */
      if (has(dv, i, GAZ_NAME_BITS | KG_GAZ_EVENT_WORD) ||
          flag(dv, i, KG_TF_CAP | KG_TF_ALLCAPS | KG_TF_DIGIT))
        n = kg_gazetteer_match_any(dv->gaz, dv->folded, end, i, &ent, &none);
      /* A listed non-entity, capitalized ("Dow Jones", "Christmas"): a span
       * that stops the name finders there and names nothing (resolve.c
       * drops it); a longer known name at the same place wins. */
      if (none && flag(dv, i, KG_TF_CAP | KG_TF_ALLCAPS)) {
        kg_cand c;
        memset(&c, 0, sizeof c);
        c.tok_start = c.role_start = c.role_end = i;
        c.tok_end = i + (uint32_t)n;
        c.type = KG_EVENT;
        c.src = KG_SRC_GAZETTEER;
        c.flags = KG_CAND_GAZ | KG_CAND_NONE;
        if (kg_candbuf_push(out, &c) != 0)
          return kg_error_set(err, KG_ERR_NOMEM, "finding mentions: out of memory");
        i += (uint32_t)n;
        continue;
      }
      if (none)
        n = kg_gazetteer_match(dv->gaz, dv->folded, end, i, &ent);
      if (n == 0 && memchr(dv->folded[i].ptr, '-', dv->folded[i].len))
        n = prefixed_match(dv, i, end, &ent, &lead);
      if (n == 0) {
        i++;
        continue;
      }
      uint32_t e = i + (uint32_t)n;
      bool upper = lead != 0;
      for (uint32_t k = i; k < e; k++)
        upper |= flag(dv, k, KG_TF_CAP | KG_TF_ALLCAPS);
      /* Lower case is fine for an unambiguous event or several words ("war
       * in Iraq", "coronavirus pandemic"); a single lower-case word is the
       * ordinary word ("chad", "turkey"). */
      if (!upper && !ent.ambiguous && (ent.type == KG_EVENT || n > 1))
        upper = true;
      bool ok = upper && (ent.ambiguous ? ambiguous_ok(dv, i, e, end, &ent, &memo) : true);
      /* A known name used as a market index names nothing there ("the
       * Nikkei stock index", "the Nasdaq fell"), as in the tagger's
       * kg_tagger_apply_indices. */
      size_t use = ok ? kg_gazetteer_index_use(dv->gaz, dv->folded, end, i, n) : 0;
      if (ok) {
        kg_cand c;
        memset(&c, 0, sizeof c);
        c.tok_start = c.role_start = c.role_end = i;
        c.tok_end = use ? i + (uint32_t)use : e;
        c.type = use ? KG_EVENT : ent.type;
        c.src = KG_SRC_GAZETTEER;
        c.flags = KG_CAND_GAZ | (use ? KG_CAND_NONE : 0);
        c.gaz = ent;
        c.lead = lead;
        if (kg_candbuf_push(out, &c) != 0)
          return kg_error_set(err, KG_ERR_NOMEM, "finding mentions: out of memory");
        i = c.tok_end;
      } else {
        /* In capitals, an ambiguous name of several words ("NEW YORK":
         * the city or the state) is left to the tagger, and none of its
         * words is a name of its own ("YORK", the English city). */
        i = n > 1 && flag(dv, i, KG_TF_CAPSLINE) ? e : i + 1;
      }
    }
  }
  return 0;
}

/* --------------------------------------------------------- event patterns */

/* The head of an event name: proper-name words and tokens such as "G-20",
 * "COVID-19" right before position e, within [lo, e). Returns its start. */
static uint32_t event_head(const kg_docview *dv, uint32_t lo, uint32_t e) {
  uint32_t s = e;
  while (s > lo) {
    uint32_t k = s - 1;
    bool digit_name = flag(dv, k, KG_TF_DIGIT) && flag(dv, k, KG_TF_CAP | KG_TF_ALLCAPS);
    if (!(propn(dv, k) || digit_name))
      break;
    if (kg_name_is_title(dv, k) || has(dv, k, KG_GAZ_MONTH | KG_GAZ_WEEKDAY))
      break; /* "President", "Friday meeting" */
    s = k;
  }
  return s;
}

/* Is token k a compound of words none of which names anything ("full-scale",
 * "end-june", "anti-inflation"; not "u.s.-japan")? */
static bool compound_of_words(const kg_docview *dv, uint32_t k) {
  const kg_str *f = &dv->folded[k];
  const char *p = f->ptr, *end = f->ptr + f->len, *h;
  if (!dv->gaz || !memchr(p, '-', f->len))
    return false;
  for (; p < end; p = h + 1) {
    h = memchr(p, '-', (size_t)(end - p));
    if (!h)
      h = end;
    uint32_t b = h > p ? kg_gazetteer_word(dv->gaz, p, (size_t)(h - p)) : 0;
    if (b & (KG_GAZ_COUNTRY | KG_GAZ_DEMONYM | KG_GAZ_ORG | KG_GAZ_LOCATION | KG_GAZ_SURNAME |
             KG_GAZ_FIRST_NAME))
      return false;
  }
  return true;
}

/* Is the head a real name: a name word other than a country or demonym,
 * or a token like "G-20"?  "Iraq war" and "Syrian conflict" are mentions
 * of the country unless the event word is capitalized ("Iraq War"). */
static bool head_is_named(const kg_docview *dv, uint32_t s, uint32_t e, bool strong,
                          bool modifiers) {
  if (strong) /* "World Cup", "Olympic Games": the capitals say it is a name */
    return s < e;
  for (uint32_t k = s; k < e; k++) {
    /* "G-20", "COVID-19", "APEC": these carry modifiers ("G-20 foreign
     * ministers' meeting").  Not any word of a headline in capitals: there
     * "ITALIAN ELECTION" and "FERRY DISASTER" are read as in running text. */
    bool acronym = flag(dv, k, KG_TF_ALLCAPS) && !flag(dv, k, KG_TF_HEADLINE);
    if (flag(dv, k, KG_TF_CAP | KG_TF_ALLCAPS) && (flag(dv, k, KG_TF_DIGIT) || acronym))
      return true;
    if (!flag(dv, k, KG_TF_NAME))
      continue;
    if (flag(dv, k, KG_TF_HEADLINE) &&
        ((has(dv, k, KG_GAZ_COMMON) && !has(dv, k, KG_GAZ_ORG | KG_GAZ_LOCATION)) ||
         compound_of_words(dv, k)))
      continue; /* "FERRY DISASTER", "PRICE WAR": a family name, but a word first;
                   "FULL-SCALE WAR", "END-JUNE SUMMIT" */
    /* A city is fine right before the event word ("Rome summit", "Paris
     * attacks"), not with words between ("New York press conference"). */
    if (!has(dv, k, KG_GAZ_COUNTRY | KG_GAZ_COUNTRY_PART | KG_GAZ_DEMONYM) &&
        !(modifiers && has(dv, k, KG_GAZ_LOCATION | KG_GAZ_LOCATION_PART)))
      return true;
  }
  return false;
}

static bool weak_event_word(const kg_docview *dv, uint32_t i) {
  return kg_dv_w(dv, i, KG_W_WEAK_EVENT);
}

/* Where a place's name right before a pact word in lower case starts: "the
 * Paris accord", "the Geneva agreement", "the Camp David accords" are named
 * agreements, as "Paris Agreement" is; w when there is none.  Exactly a
 * place the gazetteer knows, no country ("Japan agreement") and no
 * organization ("OPEC accord", "the Contel agreement": a party to it). */
static uint32_t place_pact(const kg_docview *dv, uint32_t lo, uint32_t w) {
  static const char *const pacts[] = {"agreement", "accord", "accords", "treaty", "pact"};
  if (!kg_dv_in(dv, w, pacts, sizeof pacts / sizeof *pacts) || !dv->gaz)
    return w;
  uint32_t s = event_head(dv, lo, w);
  kg_gaz_entry g;
  if (s == w || kg_gazetteer_match(dv->gaz, dv->folded, w, s, &g) != w - s ||
      g.type != KG_LOCATION || g.ambiguous || g.demonym ||
      has(dv, s, KG_GAZ_COUNTRY | KG_GAZ_ORG | KG_GAZ_DEMONYM))
    return w;
  return s;
}

int kg_rules_events(const kg_docview *dv, kg_candbuf *out, kg_error *err) {
  for (size_t si = 0; si < dv->n_sentences; si++) {
    uint32_t lo = dv->sentences[si].tok_start, hi = dv->sentences[si].tok_end;
    for (uint32_t w = lo; w < hi; w++) {
      if (!has(dv, w, KG_GAZ_EVENT_WORD) || !flag(dv, w, KG_TF_WORD))
        continue;
      bool cap = flag(dv, w, KG_TF_CAP) && !flag(dv, w, KG_TF_HEADLINE);
      if (!cap && weak_event_word(dv, w)) {
        uint32_t s = place_pact(dv, lo, w);
        int rc = s < w ? push(out, s, w + 1, KG_EVENT, KG_SRC_PATTERN, err) : 0;
        if (rc)
          return rc;
        continue;
      }
      if (cap && has(dv, w, KG_GAZ_ORG_WORD))
        continue; /* "General Assembly", "Louisville Assembly": organizations */
      if (cap && w + 1 < hi && propn(dv, w + 1) && !has(dv, w + 1, KG_GAZ_MONTH | KG_GAZ_WEEKDAY))
        continue; /* "Joint Strike Fighter", "Conference Board": a longer name */
      /* "<Name> [modifiers] <event word>": up to three lower-case words
       * between ("G-20 foreign ministers' meeting"). */
      uint32_t m = w;
      int mods = 0;
      while (!cap && m > lo && mods < 4) {
        uint32_t k = m - 1;
        bool lower_word = flag(dv, k, KG_TF_LOWER) && !kg_dv_w(dv, k, KG_W_EVENT_STOP);
        bool poss = kg_dv_w(dv, k, KG_W_POSSESSIVE);
        if (!lower_word && !poss)
          break;
        m = k;
        mods++;
      }
      uint32_t s = event_head(dv, lo, m);
      if (s == m && m != w) { /* modifiers but no head: try without them */
        m = w;
        s = event_head(dv, lo, w);
      }
      /* "Angela Merkel attends online dialogue": a person's name and verbs. */
      bool person_head = !cap && m - s >= 2 && has(dv, s, KG_GAZ_FIRST_NAME) && m != w;
      if (s < m && !person_head && head_is_named(dv, s, m, cap, m != w)) {
        int rc = push(out, s, w + 1, KG_EVENT, KG_SRC_PATTERN, err);
        if (rc)
          return rc;
        continue;
      }
      /* "Summit of the Americas", "Battle of Mosul". */
      if (cap && w + 2 < hi && kg_dv_is(dv, w + 1, "of")) {
        uint32_t k = w + 2;
        if (kg_dv_is(dv, k, "the") && k + 1 < hi)
          k++;
        uint32_t e = k;
        while (e < hi && propn(dv, e))
          e++;
        if (e > k) {
          int rc = push(out, w, e, KG_EVENT, KG_SRC_PATTERN, err);
          if (rc)
            return rc;
        }
      }
    }
  }
  return 0;
}

/* ------------------------------------------------------ the rules source */

static bool roman_numeral(const kg_docview *dv, size_t i) {
  const kg_str *f = &dv->folded[i];
  if (f->len > 4)
    return false;
  for (size_t k = 0; k < f->len; k++)
    if (!strchr("ivxlc", f->ptr[k]))
      return false;
  return true;
}

static bool acronym(const kg_docview *dv, size_t i) {
  if (!flag(dv, i, KG_TF_ALLCAPS) || flag(dv, i, KG_TF_CAPSLINE) ||
      kg_instrument_code(dv->text + dv->tokens[i].start, dv->tokens[i].len) || kg_dv_ticker(dv, i))
    return false;
  const kg_str *f = &dv->folded[i];
  unsigned letters = 0;
  for (size_t k = 0; k < f->len; k++) {
    char c = f->ptr[k];
    if (c >= 'a' && c <= 'z')
      letters++;
    else if (c != '.' && c != '&')
      return false; /* digits and hyphens: "G-20", "COVID-19" are not orgs */
  }
  if (letters < 2 || letters > 6 || roman_numeral(dv, i))
    return false;
  /* "FTSE 100", "CAC 40", "S&P 500": a market index. */
  if (i + 1 < dv->n_tokens && flag(dv, i + 1, KG_TF_DIGIT) && dv->tok_sent[i + 1] == dv->tok_sent[i])
    return false;
  /* Known ones are the gazetteer pass's. */
  if (has(dv, i, GEO_CLASSES | KG_GAZ_ORG | KG_GAZ_TITLE | KG_GAZ_MONTH | KG_GAZ_WEEKDAY))
    return false;
  return !kg_dv_w(dv, i, KG_W_NOT_ENTITY);
}

/* A word that may continue a person's name after its first word: a proper
 * noun that is not a place or organization word, an initial ("W."), a
 * particle followed by a proper noun ("di Maio"), a suffix ("Jr."). */
static uint32_t name_run(const kg_docview *dv, uint32_t i, uint32_t hi, uint32_t max) {
  uint32_t e = i;
  while (e < hi && e - i < max) {
    bool word = propn(dv, e) && !has(dv, e, KG_GAZ_ORG_WORD | KG_GAZ_EVENT_WORD);
    if (word && e > i) {
      /* After the first word: no place or nationality ("Paris" in "Hilton
       * Paris" yes, "Jordan" after a name no), no title, no acronym in
       * mixed case ("Mac OS X"). */
      word = !(has(dv, e, KG_GAZ_COUNTRY | KG_GAZ_DEMONYM) &&
               !has(dv, e, KG_GAZ_SURNAME | KG_GAZ_FIRST_NAME)) &&
             !kg_name_is_title(dv, e) &&
             !(flag(dv, e, KG_TF_ALLCAPS) && !flag(dv, e, KG_TF_CAPSLINE));
    }
    if (word) {
      e++;
      /* An ordinary word ends a name ("Joey Hood"), never sits inside one
       * ("Jones Industrial Average"). */
      if (e - 1 > i && !flag(dv, e - 1, KG_TF_NAME)) {
        if (e < hi && propn(dv, e) && !kg_name_is_suffix(dv, e))
          return i + 1;
        break;
      }
      continue;
    }
    if (e > i && e + 1 < hi && kg_name_is_particle(dv, e) && propn(dv, e + 1)) {
      e += 2;
      continue;
    }
    if (e > i && kg_name_is_suffix(dv, e) && flag(dv, e, KG_TF_CAP)) {
      e++;
      continue;
    }
    break;
  }
  return e > i ? kg_name_apostrophe_end(dv, i, e) : e;
}

/* Persons after a title: "Italian Foreign Minister Luigi Di Maio",
 * "Secretary of State Antony Blinken", "Pope Francis". */
static int title_persons(const kg_docview *dv, uint32_t lo, uint32_t hi, uint8_t *taken,
                         kg_candbuf *out, kg_error *err) {
  for (uint32_t t = lo; t < hi; t++) {
    uint32_t n = kg_dv_title_len(dv, t);
    if (!n || taken[t])
      continue;
    /* News capitalize a title before a name; in lower case it is most often
     * the ordinary word ("major", "general", "miss"). */
    if (flag(dv, t, KG_TF_LOWER))
      continue;
    /* Titles may follow each other and take glue: "Deputy Minister of
     * Culture", "Mr. President". */
    uint32_t k = t + n;
    while (k < hi && k - t < 8) {
      if (kg_dv_title_len(dv, k)) {
        k += kg_dv_title_len(dv, k);
        continue;
      }
      bool glue = (kg_dv_is(dv, k, "of") || kg_dv_is(dv, k, "for")) && k + 1 < hi &&
                  flag(dv, k + 1, KG_TF_CAP);
      bool title_word = flag(dv, k, KG_TF_CAP) && has(dv, k, KG_GAZ_COMMON) &&
                        !has(dv, k, KG_GAZ_FIRST_NAME | KG_GAZ_SURNAME) && k + 1 < hi &&
                        propn(dv, k + 1) && !kg_name_is_title(dv, k + 1) && k + 2 < hi &&
                        propn(dv, k + 2);
      if (!glue && !title_word)
        break;
      k++;
    }
    /* Not a place or organization after the title ("CEO of North America",
     * "Director of the United States ..."). */
    const uint32_t known = GEO_CLASSES | KG_GAZ_ORG | KG_GAZ_COUNTRY_PART | KG_GAZ_ORG_PART |
                           KG_GAZ_LOCATION_PART;
    if (k >= hi || !propn(dv, k) || (has(dv, k, known) && !has(dv, k, KG_GAZ_FIRST_NAME)))
      continue;
    uint32_t e = name_run(dv, k, hi, 5);
    if (e == k || (e < hi && has(dv, e, KG_GAZ_ORG_WORD) && propn(dv, e)))
      continue;
    /* Start at the first capitalized word of the title ("Foreign" when the
     * data knows only "Minister"). */
    uint32_t s = t;
    while (s > lo && flag(dv, s - 1, KG_TF_CAP) && has(dv, s - 1, KG_GAZ_COMMON) &&
           !has(dv, s - 1, GEO_CLASSES | KG_GAZ_ORG | KG_GAZ_FIRST_NAME) && !taken[s - 1])
      s--;
    kg_cand c;
    if (!kg_shape_person(dv, s, e, &c))
      continue;
    c.src = KG_SRC_RULES;
    if (kg_candbuf_push(out, &c) != 0)
      return kg_error_set(err, KG_ERR_NOMEM, "finding mentions: out of memory");
    memset(taken + s, 1, e - s);
    t = e - 1;
  }
  return 0;
}

/* Persons from a known first name: "Joey Hood", "Luigi Di Maio". */
static int first_name_persons(const kg_docview *dv, uint32_t lo, uint32_t hi, uint8_t *taken,
                              kg_candbuf *out, kg_error *err) {
  for (uint32_t i = lo; i < hi; i++) {
    if (taken[i] || !propn(dv, i) || !has(dv, i, KG_GAZ_FIRST_NAME) ||
        kg_name_is_title(dv, i))
      continue;
    /* "Paris", "Georgia", "Chad": a place first, unless a surname follows. */
    if (has(dv, i, GEO_CLASSES | KG_GAZ_ORG) &&
        !(i + 1 < hi && has(dv, i + 1, KG_GAZ_SURNAME)))
      continue;
    uint32_t e = name_run(dv, i, hi, 5);
    while (e > i + 1 && taken[e - 1])
      e--;
    if (e - i < 2)
      continue;
    bool clash = false;
    for (uint32_t k = i; k < e; k++)
      clash |= taken[k] != 0;
    if (clash || (e < hi && propn(dv, e) && has(dv, e, KG_GAZ_ORG_WORD)))
      continue;
    int rc = push(out, i, e, KG_PERSON, KG_SRC_RULES, err);
    if (rc)
      return rc;
    memset(taken + i, 1, e - i);
    i = e - 1;
  }
  return 0;
}

/* Organizations ending in (or headed by) an organization word:
 * "Syrian Democratic Forces", "Bureau of Near Eastern Affairs". */
static int org_word_orgs(const kg_docview *dv, uint32_t lo, uint32_t hi, uint8_t *taken,
                         kg_candbuf *out, kg_error *err) {
  for (uint32_t w = lo; w < hi; w++) {
    if (taken[w] || !propn(dv, w) || !has(dv, w, KG_GAZ_ORG_WORD))
      continue;
    uint32_t s = w;
    /* Back over proper nouns; not over a title that heads a person's name
     * ("President Joe Biden Administration"), but "General Motors" is fine. */
    while (s > lo && propn(dv, s - 1) && !taken[s - 1] &&
           !(kg_name_is_title(dv, s - 1) && has(dv, s, KG_GAZ_FIRST_NAME)))
      s--;
    uint32_t e = w + 1;
    for (;;) {
      while (e < hi && propn(dv, e) && !taken[e])
        e++;
      /* "of"/"for" + proper nouns continue it: "Ministry of Foreign Affairs". */
      if (e + 1 < hi && (kg_dv_is(dv, e, "of") || kg_dv_is(dv, e, "for") ||
                         kg_dv_is(dv, e, "on")) &&
          propn(dv, e + 1) && !taken[e + 1] && !has(dv, e + 1, KG_GAZ_COUNTRY)) {
        e += 1;
        continue;
      }
      if (e + 2 < hi && (kg_dv_is(dv, e, "of") || kg_dv_is(dv, e, "for")) &&
          kg_dv_is(dv, e + 1, "the") && propn(dv, e + 2) && !taken[e + 2]) {
        e += 2;
        continue;
      }
      break;
    }
    /* A sentence-initial ordinary word is no part of it ("Officials
     * Ministry"), nor is a leading "The". */
    while (s < w && ((flag(dv, s, KG_TF_START) && !flag(dv, s, KG_TF_NAME)) ||
                     kg_dv_is(dv, s, "the")))
      s++;
    if (e - s < 2)
      continue;
    int rc = push(out, s, e, KG_ORGANIZATION, KG_SRC_RULES, err);
    if (rc)
      return rc;
    memset(taken + s, 1, e - s);
    w = e - 1;
  }
  return 0;
}

typedef struct rules_state {
  uint8_t *taken;
  size_t cap;
} rules_state;

static int rules_find(void *self, const kg_docview *dv, kg_candbuf *out, kg_error *err) {
  rules_state *st = self;
  if (dv->n_tokens > st->cap) {
    uint8_t *t = realloc(st->taken, dv->n_tokens);
    if (!t)
      return kg_error_set(err, KG_ERR_NOMEM, "finding mentions: out of memory");
    st->taken = t;
    st->cap = dv->n_tokens;
  }
  if (dv->n_tokens)
    memset(st->taken, 0, dv->n_tokens);
  for (size_t si = 0; si < dv->n_sentences; si++) {
    uint32_t lo = dv->sentences[si].tok_start, hi = dv->sentences[si].tok_end;
    int rc = org_word_orgs(dv, lo, hi, st->taken, out, err);
    if (!rc)
      rc = title_persons(dv, lo, hi, st->taken, out, err);
    if (!rc)
      rc = first_name_persons(dv, lo, hi, st->taken, out, err);
    if (rc)
      return rc;
    for (uint32_t i = lo; i < hi; i++) {
      if (st->taken[i] || !acronym(dv, i))
        continue;
      rc = push(out, i, i + 1, KG_ORGANIZATION, KG_SRC_RULES, err);
      if (rc)
        return rc;
    }
  }
  return 0;
}

int kg_rules_caps_lines(const kg_docview *dv, kg_candbuf *out, kg_error *err) {
  uint8_t *taken = NULL;
  int rc = 0;
  for (size_t si = 0; si < dv->n_sentences && !rc; si++) {
    uint32_t lo = dv->sentences[si].tok_start, hi = dv->sentences[si].tok_end;
    if (lo == hi || !flag(dv, lo, KG_TF_CAPSLINE))
      continue;
    if (!taken && !(taken = calloc(dv->n_tokens, 1)))
      return kg_error_set(err, KG_ERR_NOMEM, "finding mentions: out of memory");
    rc = title_persons(dv, lo, hi, taken, out, err);
    if (!rc)
      rc = first_name_persons(dv, lo, hi, taken, out, err);
  }
  free(taken);
  return rc;
}

static void rules_free(void *self) {
  rules_state *st = self;
  if (!st)
    return;
  free(st->taken);
  free(st);
}

static int rules_clone(const void *self, kg_msource *out, kg_error *err) {
  (void)self;
  return kg_rules_source(out, err);
}

int kg_rules_source(kg_msource *out, kg_error *err) {
  rules_state *st = calloc(1, sizeof *st);
  if (!st)
    return kg_error_set(err, KG_ERR_NOMEM, "rules: out of memory");
  out->name = "rules";
  out->self = st;
  out->find = rules_find;
  out->free = rules_free;
  out->clone = rules_clone;
  return 0;
}
