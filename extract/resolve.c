/* resolve.c: from candidate spans to registry entities, one document at a
 * time (see resolve.h for the rules).
 *
 * Every decision that links two spans is made on exact folded keys inside
 * one document, with ambiguity tracked: a key claimed by two different
 * entities is dead (KG_AMBIG) and links nothing.  That is what keeps the
 * resolver from chaining: a surname links only to the one full name that
 * owns it in this document, never to a name in another document and never
 * through a third mention.
 */
#include "grow.h"
#include "resolve.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "strmap.h"

#define KG_AMBIG (UINT32_MAX - 1)
#define KG_DROP (UINT32_MAX - 2) /* a candidate given up on */
#define MAX_NAME_TOKENS 8

/* A doc-level key table: folded key -> entity (or KG_AMBIG) and type. */
typedef struct keytab {
  kg_strmap map;
  uint32_t *ent;
  uint8_t *type;
  size_t cap;
} keytab;

/* The full names that lend a partial key ("blinken", "antony"), the two
 * earliest distinct ones with their first token: enough to tell whether
 * exactly one was seen before a given mention. */
typedef struct owners {
  uint32_t ent[2], pos[2]; /* ent[1] == KG_NONE: a single owner */
} owners;

struct kg_resolver {
  kg_strmap pkeys;  /* surname / first name / particle surname -> pown */
  owners *pown;
  size_t cap_pown;
  keytab names;    /* whole names used in the document, for finding them again */
  keytab acronyms; /* in-text acronym -> candidate index (in ent) */
  kg_strmap pending; /* acronyms the document neither defines nor spells out */
  const char **inst; /* per candidate: a generic institution's country id, or NULL */
  size_t cap_inst;
  uint32_t *local; /* per candidate: the state a city of another country is in, or KG_NONE */
  size_t cap_local;
  kg_strmap instkeys; /* names of generic institutions -> instlast */
  const char **instlast;
  size_t cap_instlast;
  keytab heads;    /* head of a pattern event ("covid-19") -> the event */
  keytab orgs;     /* organization name without its legal form ("chrysler") */
  keytab orgfirst; /* and its first word ("dome" of "Dome Petroleum Ltd") */
  kg_strmap titled; /* person keys that carry a title somewhere in the document */
  kg_strmap placey; /* place keys used as places somewhere ("in Wixom") */
  kg_strmap thingy; /* one-word person keys after a determiner ("the Mac") */
  kg_strmap tails; /* last words of the document's names of no entity ("Taurus") */
  kg_strmap who;   /* one-word names opening a sentence before ", who" ("Funaro") */
  kg_strmap longer; /* "u.s. shoe" of "U.S. Shoe Corp": a country's abbreviation and a word
                       that the document writes before a capitalized word or legal form */
  int8_t longer_done; /* longer filled for this document (-1: not yet) */
  kg_strmap firsts; /* first words of multi-word names in `names` */
  kg_strmap acronyms_seen; /* one-word names written in capitals: "IT", "AIDS" */
  kg_strmap votes_keys;
  kg_strmap org_firsts; /* first words of any organization names of two words or more
                           (a dateline's town a company is named after); orgfirst
                           holds only the words lent to their company */
  uint32_t (*votes)[KG_N_ETYPES];
  size_t cap_votes;
  uint32_t *cent;  /* entity of each candidate; KG_NONE = drop */
  size_t cap_cent;
  uint32_t *cover; /* per token: candidate index + 1, 0 = free */
  size_t cap_cover;
  uint8_t *unnamed; /* per token: after the first word of a name of no entity ("MacBook Air") */
  size_t cap_unnamed;
  kg_mention *ments;
  size_t cap_ments;
  char *buf; /* key under construction */
  size_t cap_buf;
};

static void keytab_destroy(keytab *t) {
  kg_strmap_destroy(&t->map);
  free(t->ent);
  free(t->type);
}

kg_resolver *kg_resolver_new(void) {
  kg_resolver *rs = calloc(1, sizeof *rs);
  if (!rs)
    return NULL;
  kg_strmap_init(&rs->pkeys);
  kg_strmap_init(&rs->names.map);
  kg_strmap_init(&rs->acronyms.map);
  kg_strmap_init(&rs->pending);
  kg_strmap_init(&rs->instkeys);
  kg_strmap_init(&rs->heads.map);
  kg_strmap_init(&rs->orgs.map);
  kg_strmap_init(&rs->orgfirst.map);
  kg_strmap_init(&rs->titled);
  kg_strmap_init(&rs->placey);
  kg_strmap_init(&rs->thingy);
  kg_strmap_init(&rs->firsts);
  kg_strmap_init(&rs->tails);
  kg_strmap_init(&rs->who);
  kg_strmap_init(&rs->longer);
  kg_strmap_init(&rs->acronyms_seen);
  kg_strmap_init(&rs->votes_keys);
  kg_strmap_init(&rs->org_firsts);
  return rs;
}

void kg_resolver_free(kg_resolver *rs) {
  if (!rs)
    return;
  kg_strmap_destroy(&rs->pkeys);
  free(rs->pown);
  keytab_destroy(&rs->names);
  keytab_destroy(&rs->acronyms);
  kg_strmap_destroy(&rs->pending);
  kg_strmap_destroy(&rs->instkeys);
  free(rs->instlast);
  keytab_destroy(&rs->heads);
  keytab_destroy(&rs->orgs);
  keytab_destroy(&rs->orgfirst);
  kg_strmap_destroy(&rs->titled);
  kg_strmap_destroy(&rs->placey);
  kg_strmap_destroy(&rs->thingy);
  kg_strmap_destroy(&rs->firsts);
  kg_strmap_destroy(&rs->tails);
  kg_strmap_destroy(&rs->who);
  kg_strmap_destroy(&rs->longer);
  kg_strmap_destroy(&rs->acronyms_seen);
  kg_strmap_destroy(&rs->votes_keys);
  kg_strmap_destroy(&rs->org_firsts);
  free(rs->votes);
  free(rs->cent);
  free(rs->inst);
  free(rs->local);
  free(rs->cover);
  free(rs->unnamed);
  free(rs->ments);
  free(rs->buf);
  free(rs);
}

/* The growth step of every buffer here: 64 elements first, then doubling. */
static int grow(void **p, size_t *cap, size_t need, size_t elem) {
  return kg_reserve(p, cap, need, elem, 64);
}

/* Claim key for entity e in t: a second, different entity makes it
 * ambiguous for good. */
static int keytab_claim(keytab *t, const char *key, size_t len, uint32_t e, kg_etype type) {
  uint32_t i;
  bool added;
  if (kg_strmap_intern(&t->map, key, len, &i, &added) != 0)
    return KG_ERR_NOMEM;
  if (added) {
    size_t cap = t->cap;
    if (grow((void **)&t->ent, &cap, i + 1, sizeof *t->ent) != 0 ||
        grow((void **)&t->type, &t->cap, i + 1, sizeof *t->type) != 0)
      return KG_ERR_NOMEM;
    t->ent[i] = e;
    t->type[i] = (uint8_t)type;
  } else if (t->ent[i] != e) {
    t->ent[i] = KG_AMBIG;
  }
  return 0;
}

static uint32_t keytab_get(const keytab *t, const char *key, size_t len, kg_etype *type) {
  uint32_t i = kg_strmap_find(&t->map, key, len);
  if (i == KG_NONE)
    return KG_NONE;
  if (type)
    *type = (kg_etype)t->type[i];
  return t->ent[i];
}

/* The folded words [s, e) joined by single spaces, in rs->buf; a
 * possessive glued to the last word is left out ("blinken's"). */
static size_t make_key_of(kg_resolver *rs, const kg_docview *dv, uint32_t s, uint32_t e,
                          bool commas) {
  size_t n = 0;
  for (uint32_t i = s; i < e; i++)
    n += dv->folded[i].len + 1;
  if (grow((void **)&rs->buf, &rs->cap_buf, n + 1, 1) != 0)
    return SIZE_MAX;
  n = 0;
  for (uint32_t i = s; i < e; i++) {
    if (!commas && kg_dv_is(dv, i, ","))
      continue;
    if (n > 0)
      rs->buf[n++] = ' ';
    memcpy(rs->buf + n, dv->folded[i].ptr, dv->folded[i].len);
    n += dv->folded[i].len;
  }
  if (n > 2 && e - 1 >= s && dv->folded[e - 1].len > 2 && rs->buf[n - 2] == '\'' &&
      rs->buf[n - 1] == 's')
    n -= 2;
  rs->buf[n] = '\0';
  return n;
}

static size_t make_key(kg_resolver *rs, const kg_docview *dv, uint32_t s, uint32_t e) {
  return make_key_of(rs, dv, s, e, true);
}

static bool flag(const kg_docview *dv, size_t i, uint16_t f) { return dv->tflags[i] & f; }
static bool has(const kg_docview *dv, size_t i, uint32_t cls) { return dv->wclass[i] & cls; }

static bool same_sentence(const kg_docview *dv, uint32_t a, uint32_t b) {
  return dv->tok_sent[a] == dv->tok_sent[b];
}

/* Byte range of the surface text of [s, e): a possessive glued to the last
 * token ("Blinken’s" when the tokenizer kept it) is cut off; a possessive
 * token of its own that the span kept is the name's ("McDonald 's"). */
static void surface(const kg_docview *dv, uint32_t s, uint32_t e, uint32_t lead, uint32_t *bs,
                    uint32_t *be) {
  *bs = dv->tokens[s].start + (lead < dv->tokens[s].len ? lead : 0);
  *be = dv->tokens[e - 1].start + dv->tokens[e - 1].len;
  const char *t = dv->text;
  if (*be - *bs > 3 && !kg_dv_w(dv, e - 1, KG_W_POSSESSIVE)) {
    if (t[*be - 2] == '\'' && (t[*be - 1] == 's' || t[*be - 1] == 'S'))
      *be -= 2;
    else if (*be - *bs > 5 && (unsigned char)t[*be - 4] == 0xE2 &&
             (unsigned char)t[*be - 3] == 0x80 && (unsigned char)t[*be - 2] == 0x99 &&
             (t[*be - 1] == 's' || t[*be - 1] == 'S'))
      *be -= 4;
  }
}

/* --------------------------------------------------------------- cleaning */

static bool is_possessive(const kg_docview *dv, uint32_t i) {
  return kg_dv_w(dv, i, KG_W_POSSESSIVE);
}

/* A word that can carry a name in a headline (case says nothing there). */
static bool headline_namey(const kg_docview *dv, uint32_t i) {
  return flag(dv, i, KG_TF_NAME) || flag(dv, i, KG_TF_DIGIT);
}

/* A model designation: a token with three digits or more and a letter
 * ("A380", "A400M"), or, after a name word, three digits or more ("Boeing
 * 787").  Companies, agencies and places are not numbered that way;
 * products, flights and indices are ("FTSE 100" has three digits too). */
static bool model_number(const kg_docview *dv, uint32_t i, bool after_name) {
  const kg_str *f = &dv->folded[i];
  unsigned digits = 0, letters = 0;
  for (size_t k = 0; k < f->len; k++) {
    char ch = f->ptr[k];
    digits += ch >= '0' && ch <= '9';
    letters += ch >= 'a' && ch <= 'z';
  }
  return digits >= 3 && (letters || after_name) && digits + letters + 1 >= f->len;
}

/* "London-based", "U.S.-led", "German-born": a capitalized word joined by a
 * hyphen to one of these participles says where a name is from; it is no
 * part of the name ("London-based Reed International Plc"). */
static bool origin_word(const kg_docview *dv, uint32_t i) {
  static const char *const tails[] = {"based",  "owned",      "born", "led",
                                      "backed", "controlled", "run"};
  const kg_str *f = &dv->folded[i];
  if (!flag(dv, i, KG_TF_CAP | KG_TF_ALLCAPS))
    return false;
  for (size_t k = 0; k < sizeof tails / sizeof *tails; k++) {
    size_t n = strlen(tails[k]);
    if (f->len > n + 1 && f->ptr[f->len - n - 1] == '-' &&
        memcmp(f->ptr + f->len - n, tails[k], n) == 0)
      return true;
  }
  return false;
}

/* The last word of a building's or a square's name. */
static bool landmark_word(const kg_docview *dv, uint32_t i) {
  static const char *const words[] = {"airport", "palace", "castle", "cathedral", "stadium",
                                      "square"};
  return kg_dv_in(dv, i, words, sizeof words / sizeof *words);
}

/* "Government", "Administration" after a country's name: the country acting
 * ("the U.K. Government"). */
static bool government_word(const kg_docview *dv, uint32_t i) {
  static const char *const words[] = {"government", "administration", "govt"};
  return kg_dv_in(dv, i, words, sizeof words / sizeof *words);
}

/* Members of a party or movement, in the plural: never a family name. */
static bool party_members(const kg_docview *dv, uint32_t i) {
  static const char *const words[] = {"democrats",  "republicans", "socialists",   "liberals",
                                      "conservatives", "communists", "nationalists", "unionists",
                                      "greens",     "social-democrats"};
  return kg_dv_in(dv, i, words, sizeof words / sizeof *words);
}

/* Candidate c, its name starting at token s, is of another type than the
 * source said: no title is part of it or its role. */
static void retype(kg_cand *c, kg_etype type, uint32_t s) {
  c->type = type;
  c->role_start = c->role_end = s;
  c->flags &= (uint8_t)~KG_CAND_KEEP_TITLE;
}

/* A credit rating grade of S&P or Moody's in capitals: "AA", "BBB-",
 * "Baa2", "AA-minus", "B-plus", "Ba-3"; one letter only with its notch
 * ("B-plus", "A-1") ("CCC" aside: the Commodity Credit Corp). */
static bool rating_grade(const kg_docview *dv, uint32_t i) {
  static const char *const grades[] = {"aaa", "aa", "bbb", "bb", "cc", "baa", "ba", "caa", "ca",
                                       "a", "b", "c"};
  const kg_str *f = &dv->folded[i];
  size_t n = f->len;
  if (!flag(dv, i, KG_TF_CAP))
    return false;
  if (n > 6 && memcmp(f->ptr + n - 6, "-minus", 6) == 0)
    n -= 6;
  else if (n > 5 && memcmp(f->ptr + n - 5, "-plus", 5) == 0)
    n -= 5;
  else if (n > 1 && f->ptr[n - 1] >= '1' && f->ptr[n - 1] <= '3')
    n -= f->ptr[n - 2] == '-' ? 2 : 1;
  else if (n > 1 && (f->ptr[n - 1] == '+' || f->ptr[n - 1] == '-'))
    n--;
  if (n == 1 && n == f->len)
    return false; /* "A" alone */
  for (size_t k = 0; k < sizeof grades / sizeof *grades; k++)
    if (strlen(grades[k]) == n && memcmp(grades[k], f->ptr, n) == 0)
      return true;
  return false;
}

/* Whether the document speaks of credit ratings ("rated", "downgrade"). */
static bool speaks_of_ratings(const kg_docview *dv) {
  static const char *const words[] = {"rating",     "ratings",     "rated",    "downgrade",
                                      "downgraded", "upgrade",     "upgraded", "creditwatch"};
  for (uint32_t i = 0; i < dv->n_tokens; i++)
    if (kg_dv_in(dv, i, words, sizeof words / sizeof *words))
      return true;
  return false;
}

/* Trim a non-gazetteer candidate and decide whether it is junk: spans made
 * only of titles, months, weekdays or ordinary words in a headline
 * ("Secretary", "Monday", "Related Stories", "Latest News").  *ratings is
 * speaks_of_ratings(dv), computed at most once per document (-1: not yet). */
static bool clean(const kg_docview *dv, kg_cand *c, int8_t *ratings) {
  /* "US$ 40 billion", "HK$", "US $199": a currency sign glued after it, or
   * after a short code in capitals. */
  uint32_t after = c->tok_end;
  if (after < dv->n_tokens && kg_dv_is(dv, after, "$") &&
      (dv->tokens[after].start == dv->tokens[after - 1].start + dv->tokens[after - 1].len ||
       (c->tok_end - c->tok_start == 1 && dv->tokens[after - 1].len <= 3 &&
        flag(dv, after - 1, KG_TF_ALLCAPS))))
    return false;
  if (c->flags & KG_CAND_NONE)
    return false; /* "Dow Jones", "Christmas": no entity */
  if (c->flags & KG_CAND_GAZ) {
    /* "the Sahel": the article is no part of the surface form; nor is a
     * capitalized one before an organization's name when the name without
     * it is the same entity's ("The New York Times" = "New York Times");
     * places keep theirs ("The Hague"). */
    if (c->tok_end - c->tok_start > 1 && kg_dv_is(dv, c->tok_start, "the") && !c->lead) {
      kg_gaz_entry g;
      if ((dv->tflags[c->tok_start] & KG_TF_LOWER) ||
          (dv->gaz && c->type == KG_ORGANIZATION &&
           kg_gazetteer_match(dv->gaz, dv->folded, c->tok_end, c->tok_start + 1, &g) ==
               c->tok_end - c->tok_start - 1 &&
           strcmp(g.id, c->gaz.id) == 0))
        c->tok_start++;
    }
    return true;
  }
  uint32_t s = c->tok_start, e = c->tok_end;
  bool keep_title = c->flags & KG_CAND_KEEP_TITLE;
  kg_gaz_entry g; /* "Standard and Poor 's", "McDonald 's": the name's own */
  bool named = e - s > 1 && is_possessive(dv, e - 1) && dv->gaz &&
               kg_gazetteer_match(dv->gaz, dv->folded, e, s, &g) == e - s;
  while (!named && e > s && (is_possessive(dv, e - 1) || !flag(dv, e - 1, KG_TF_WORD)))
    e--;
  while (s < e && !keep_title && (!flag(dv, s, KG_TF_WORD) || kg_dv_is(dv, s, "the")))
    s++;
  for (uint32_t i = e; i-- > s;) /* "New York-based ITT Corp" is ITT's */
    if (origin_word(dv, i)) {
      s = i + 1;
      break;
    }
  /* "... by Standard and Poor's Corp. First Boston and ...": a legal form
   * with its full stop before a name ends the sentence before it, which
   * the segmenter took for an abbreviation (not "S.A.", "N.V.": "S.A.
   * Rand" is South Africa's). */
  if (c->type == KG_ORGANIZATION) {
    uint32_t k = s;
    bool stop = false;
    while (k + 1 < e && kg_dv_w(dv, k, KG_W_LEGAL) && flag(dv, k, KG_TF_CAP | KG_TF_ALLCAPS)) {
      const kg_str *f = &dv->folded[k];
      stop |= f->ptr[f->len - 1] == '.' && !memchr(f->ptr, '.', f->len - 1);
      k++;
    }
    if (stop && flag(dv, k, KG_TF_CAP | KG_TF_ALLCAPS) && !kg_dv_w(dv, k, KG_W_LEGAL))
      s = k;
  }
  /* "the U.K. Government", "the US Administration": the country, whose
   * government a node of its own would split from it.  So is a country and
   * an event word the tagger read as one name ("U.K. ELECTION", "U.S.
   * Attack" in headlines); the event patterns decide what names an event. */
  bool event_word = c->type != KG_EVENT && has(dv, e - 1, KG_GAZ_EVENT_WORD) &&
                    !has(dv, e - 1, KG_GAZ_ORG_WORD);
  if (c->type != KG_PERSON && e - s >= 2 && (government_word(dv, e - 1) || event_word) &&
      flag(dv, e - 1, KG_TF_CAP | KG_TF_ALLCAPS) && dv->gaz &&
      kg_gazetteer_match(dv->gaz, dv->folded, e - 1, s, &g) == e - 1 - s &&
      g.type == KG_COUNTRY && !g.demonym) {
    e--;
    retype(c, KG_COUNTRY, s);
    keep_title = false;
  }
  /* "Unlike Chrysler, GM ...": a word opening the sentence's clause is no
   * part of the name after it. */
  while (s + 1 < e && !keep_title && flag(dv, s, KG_TF_START) && kg_dv_w(dv, s, KG_W_CLAUSE)) {
    s++;
    while (s < e && !flag(dv, s, KG_TF_WORD))
      s++;
  }
  /* A title before the name vouches for it: "President Macron" even where
   * "macron" is also a word. */
  bool titled = c->type == KG_PERSON &&
                (c->role_end > c->role_start || (c->flags & KG_CAND_ADDRESSED));
  /* "- Investor Paul Bilzerian disclosed": an ordinary word opening the
   * sentence before a given name and a family name is no part of them. */
  if (c->type == KG_PERSON && !titled && !keep_title && e - s >= 3 &&
      flag(dv, s, KG_TF_START) && has(dv, s, KG_GAZ_COMMON) &&
      !has(dv, s, KG_GAZ_FIRST_NAME | KG_GAZ_SURNAME) && !kg_name_is_title(dv, s) &&
      has(dv, s + 1, KG_GAZ_FIRST_NAME) && flag(dv, s + 1, KG_TF_CAP)) {
    s++;
    c->role_start = c->role_end = s;
  }
  if (s < e && flag(dv, s, KG_TF_HEADLINE) && c->src != KG_SRC_PATTERN && !titled) {
    while (e > s && !headline_namey(dv, e - 1))
      e--;
    while (s < e && !keep_title && !headline_namey(dv, s))
      s++;
  }
  if (s >= e)
    return false;
  /* "criticism in Parliament": a legislature, not a place */
  if (c->type == KG_LOCATION && !(c->flags & KG_CAND_GAZ) && e - s == 1 &&
      kg_dv_is(dv, s, "parliament") && flag(dv, s, KG_TF_CAP)) {
    retype(c, KG_ORGANIZATION, s);
    keep_title = titled = false;
  }
  /* "Conrac Corp", "Kellwood Co": a name ending in a legal form is a
   * company's, whatever the tagger said. */
  if (c->type != KG_ORGANIZATION && c->type != KG_EVENT && e - s >= 2 &&
      kg_dv_w(dv, e - 1, KG_W_LEGAL) && flag(dv, e - 1, KG_TF_CAP | KG_TF_ALLCAPS)) {
    retype(c, KG_ORGANIZATION, s);
    keep_title = titled = false;
  }
  /* "Bangor Hydro", "Acme Group": a person's name ends in no organization
   * word that is no family name; a given name and one word may ("Jim
   * Press"), three words not ("Morgan Stanley Group"), nor a plural of a
   * trade ("Stuart Pharmaceuticals"). */
  bool trade = kg_dv_w(dv, e - 1, KG_W_TRADE);
  if (c->type == KG_PERSON && e - s >= 2 && (has(dv, e - 1, KG_GAZ_ORG_WORD) || trade) &&
      (e - s >= 3 || trade || !has(dv, s, KG_GAZ_FIRST_NAME)) &&
      !has(dv, e - 1, KG_GAZ_SURNAME | KG_GAZ_FIRST_NAME | KG_GAZ_TITLE) &&
      flag(dv, e - 1, KG_TF_CAP | KG_TF_ALLCAPS) && !party_members(dv, e - 1)) {
    retype(c, KG_ORGANIZATION, s);
    keep_title = titled = false;
  }
  /* "Changi International Airport", "Quirinale Palace", "Tiananmen
   * Square": a building or square is a place, whatever the tagger read
   * (GMB: airports geo 20 times in train, org once; CoNLL-2003 makes
   * every facility a place). */
  if ((c->type == KG_ORGANIZATION ||
       (c->type == KG_PERSON && kg_dv_is(dv, e - 1, "airport"))) && /* not "James Castle" */
      e - s >= 2 && landmark_word(dv, e - 1) && flag(dv, e - 1, KG_TF_CAP | KG_TF_ALLCAPS)) {
    retype(c, KG_LOCATION, s);
    keep_title = titled = false;
  }
  /* "Christian Democrats", "Free Democrats", "Young Socialists": a party's
   * members, not a person, whatever given name comes first. */
  if (c->type == KG_PERSON && e - s >= 2 && party_members(dv, e - 1)) {
    retype(c, KG_ORGANIZATION, s);
    keep_title = titled = false;
  }
  if (e - s == 1 && kg_dv_w(dv, s, KG_W_NOT_ENTITY | KG_W_SUFFIX))
    return false; /* "CEO", "USD", "GHz"; "III", "Jr." alone */
  /* "Titan III", "Article III", "May I": a name and a numeral, with no event
   * word, are a product's or an article's, no event the tagger read ("World
   * War II" has its word). */
  if (c->type == KG_EVENT && c->src == KG_SRC_TAGGER && e - s >= 2 &&
      (kg_dv_w(dv, e - 1, KG_W_SUFFIX) || kg_dv_is(dv, e - 1, "i")) &&
      flag(dv, e - 1, KG_TF_CAP | KG_TF_ALLCAPS)) {
    bool word = false;
    for (uint32_t k = s; k < e && !word; k++)
      word = has(dv, k, KG_GAZ_EVENT_WORD);
    if (!word)
      return false;
  }
  /* "raised to AA from AA-minus"; "its Class A shares" */
  if (e - s == 1 && rating_grade(dv, s)) {
    if (*ratings < 0)
      *ratings = speaks_of_ratings(dv);
    if (*ratings)
      return false;
  }
  if (e - s == 2 && kg_dv_is(dv, s, "class") && dv->folded[s + 1].len == 1 &&
      flag(dv, s + 1, KG_TF_CAP))
    return false;
  /* "Snow Leopard": a person's name has a word that is no ordinary word
   * or is a known given or family name, unless a title vouches for it. */
  if (c->type == KG_PERSON && !titled && !keep_title && e - s >= 2) {
    bool ordinary = true;
    for (uint32_t i = s; i < e && ordinary; i++)
      ordinary = !flag(dv, i, KG_TF_WORD) ||
                 (has(dv, i, KG_GAZ_COMMON) && !has(dv, i, KG_GAZ_FIRST_NAME | KG_GAZ_SURNAME));
    if (ordinary)
      return false;
  }
  bool legal_only = true; /* "Co", "Corp", "Co Inc.": a legal form names no one */
  for (uint32_t i = s; i < e && legal_only; i++)
    legal_only = !flag(dv, i, KG_TF_WORD) || kg_dv_w(dv, i, KG_W_LEGAL);
  if (legal_only)
    return false;
  if (c->type != KG_EVENT)
    for (uint32_t i = s; i < e; i++)
      if (model_number(dv, i, i > s))
        return false; /* "Airbus A380", "Boeing 787", "A350": products */
  bool namey = false, all_common = true;
  unsigned words = 0;
  for (uint32_t i = s; i < e; i++) {
    if (!flag(dv, i, KG_TF_WORD))
      continue;
    words++;
    if (flag(dv, i, KG_TF_DIGIT) || flag(dv, i, KG_TF_NAME))
      all_common = false;
    if (!flag(dv, i, KG_TF_CAP | KG_TF_ALLCAPS | KG_TF_DIGIT) && !flag(dv, i, KG_TF_HEADLINE))
      continue;
    if (has(dv, i, KG_GAZ_MONTH | KG_GAZ_WEEKDAY))
      continue;
    if (kg_name_is_title(dv, i) && !(keep_title && i == s))
      continue;
    /* Caseless in a headline: no evidence.  A number is a name only in an
     * event ("2008 crisis"): "11,188.23" or "mid-2006" name no place. */
    if (!flag(dv, i, KG_TF_CAP | KG_TF_ALLCAPS) &&
        !(flag(dv, i, KG_TF_DIGIT) && c->type == KG_EVENT))
      continue;
    namey = true;
  }
  if (!namey)
    return false;
  /* (A dateline names a place, ordinary word or not: "TRAIL, British
   * Columbia".) */
  if (all_common && !titled && !(c->flags & KG_CAND_DATELINE) &&
      (flag(dv, s, KG_TF_HEADLINE) || (words == 1 && flag(dv, s, KG_TF_START))))
    return false;
  if (keep_title && s != c->tok_start)
    c->flags &= (uint8_t)~KG_CAND_KEEP_TITLE;
  c->tok_start = s;
  c->tok_end = e;
  return true;
}

/* ------------------------------------------------------------- acronyms */

/* Letters of an acronym token ("S.D.F." -> "sdf"), or 0 when it is none. */
static size_t acronym_letters(const kg_docview *dv, uint32_t i, char *out, size_t cap) {
  if (!flag(dv, i, KG_TF_ALLCAPS))
    return 0;
  size_t n = 0;
  const kg_str *f = &dv->folded[i];
  for (size_t k = 0; k < f->len; k++) {
    char ch = f->ptr[k];
    if (ch >= 'a' && ch <= 'z') {
      if (n + 1 >= cap)
        return 0;
      out[n++] = ch;
    } else if (ch != '.' && ch != '-' && ch != '&') {
      return 0;
    }
  }
  return n >= 2 ? n : 0;
}

/* Do the letters spell the initials of [s, e), small function words
 * optional?  "Syrian Democratic Forces" = SDF, "Islamic State of Iraq and
 * the Levant" = ISIL. */
static bool initials_match(const kg_docview *dv, uint32_t s, uint32_t e, const char *acr,
                           size_t n) {
  /* Small backtracking over optional words; names are short. */
  if (n == 0) {
    for (uint32_t i = s; i < e; i++)
      if (!flag(dv, i, KG_TF_LOWER) && flag(dv, i, KG_TF_WORD))
        return false;
    return true;
  }
  if (s >= e)
    return false;
  if (!flag(dv, s, KG_TF_WORD))
    return initials_match(dv, s + 1, e, acr, n);
  const kg_str *f = &dv->folded[s];
  if (f->len && f->ptr[0] == acr[0] && initials_match(dv, s + 1, e, acr + 1, n - 1))
    return true;
  if (flag(dv, s, KG_TF_LOWER))
    return initials_match(dv, s + 1, e, acr, n);
  return false;
}

/* "<name> ( <ACRONYM> )": returns the acronym token or UINT32_MAX. */
static uint32_t defined_acronym(const kg_docview *dv, const kg_cand *c) {
  uint32_t i = c->tok_end;
  if (i + 2 >= dv->n_tokens || !kg_dv_is(dv, i, "(") || !kg_dv_is(dv, i + 2, ")") ||
      !same_sentence(dv, c->tok_start, i + 2))
    return UINT32_MAX;
  char acr[16];
  size_t n = acronym_letters(dv, i + 1, acr, sizeof acr);
  /* Names are short; the bound also keeps the backtracking below cheap. */
  if (!n || c->tok_end - c->tok_start < 2 || c->tok_end - c->tok_start > 12)
    return UINT32_MAX;
  if (initials_match(dv, c->tok_start, c->tok_end, acr, n))
    return i + 1;
  /* An organization's acronym need not spell its English name: "Doctors
   * Without Borders (MSF)", "Kurdistan Workers' Party (PKK)". */
  if (c->type == KG_ORGANIZATION)
    return i + 1;
  return UINT32_MAX;
}

/* ------------------------------------------------------------- persons */

/* Full name ent, starting at token pos, lends key. */
static int person_claim(kg_resolver *rs, const char *key, size_t len, uint32_t ent,
                        uint32_t pos) {
  uint32_t i;
  bool added;
  if (kg_strmap_intern(&rs->pkeys, key, len, &i, &added) != 0 ||
      grow((void **)&rs->pown, &rs->cap_pown, i + 1, sizeof *rs->pown) != 0)
    return KG_ERR_NOMEM;
  owners *o = &rs->pown[i];
  if (added) {
    *o = (owners){{ent, KG_NONE}, {pos, UINT32_MAX}};
    return 0;
  }
  for (int k = 0; k < 2; k++)
    if (o->ent[k] == ent) {
      if (pos < o->pos[k])
        o->pos[k] = pos;
      if (o->ent[1] != KG_NONE && o->pos[1] < o->pos[0]) {
        owners t = *o;
        *o = (owners){{t.ent[1], t.ent[0]}, {t.pos[1], t.pos[0]}};
      }
      return 0;
    }
  if (pos < o->pos[0]) {
    o->ent[1] = o->ent[0];
    o->pos[1] = o->pos[0];
    o->ent[0] = ent;
    o->pos[0] = pos;
  } else if (pos < o->pos[1]) {
    o->ent[1] = ent;
    o->pos[1] = pos;
  }
  return 0;
}

/* The full name a partial name at token pos stands for: the document's
 * only one with that key, or the only one seen before pos ("Steve" after
 * "Steve Jobs", before "Steve Ballmer" is introduced).  KG_AMBIG when two
 * qualify, KG_NONE when no full name has the key. */
static uint32_t person_owner(const kg_resolver *rs, const char *key, size_t len, uint32_t pos) {
  uint32_t i = kg_strmap_find(&rs->pkeys, key, len);
  if (i == KG_NONE)
    return KG_NONE;
  const owners *o = &rs->pown[i];
  if (o->ent[1] == KG_NONE || (o->pos[0] < pos && o->pos[1] >= pos))
    return o->ent[0];
  return KG_AMBIG;
}

/* Keys that only point at a person when no full name claims them outright
 * (claim_person_keys) are the key with this byte before it. */
#define WEAK_KEY '\x01'

/* The owner of rs->buf's key (n bytes, as make_key left it) as a weak key;
 * rs->buf is the same after.  make_key leaves room for the extra byte. */
static uint32_t weak_owner(kg_resolver *rs, size_t n, uint32_t pos) {
  memmove(rs->buf + 1, rs->buf, n + 1);
  rs->buf[0] = WEAK_KEY;
  uint32_t o = person_owner(rs, rs->buf, n + 1, pos);
  memmove(rs->buf, rs->buf + 1, n + 1);
  return o;
}

/* The full name a partial name (the key in rs->buf, n bytes) stands for:
 * its surname or first name, else a middle name or a surname of two
 * ("Lechin", "Paz Estenssoro" of "Victor Paz Estenssoro"). */
static uint32_t partial_owner(kg_resolver *rs, size_t n, uint32_t pos) {
  uint32_t o = person_owner(rs, rs->buf, n, pos);
  return o == KG_NONE ? weak_owner(rs, n, pos) : o;
}

/* Is person candidate c a partial name (a surname or first name alone, or a
 * particle surname "Di Maio") rather than a full name? */
static bool partial_name(const kg_docview *dv, const kg_cand *c) {
  if (c->flags & KG_CAND_KEEP_TITLE)
    return false;
  uint32_t n = c->tok_end - c->tok_start;
  if (n == 1)
    return true;
  /* "Ben Bernanke", "Al Gore", "Del Webb": a particle that is also a given
   * name, capitalized, starts a full name. */
  uint32_t s = c->tok_start;
  return n <= 3 && kg_name_is_particle(dv, s) &&
         !(flag(dv, s, KG_TF_CAP) && has(dv, s, KG_GAZ_FIRST_NAME));
}

/* The keys a full name lends to its partial mentions: surname, particle
 * surname ("di maio"), first name. */
static int claim_person_keys(kg_resolver *rs, const kg_docview *dv, const kg_cand *c,
                             uint32_t ent) {
  uint32_t at = c->tok_start;
  uint32_t s = c->tok_start, e = c->tok_end;
  if (c->flags & KG_CAND_KEEP_TITLE)
    s++;
  while (e - s >= 2 && kg_name_is_suffix(dv, e - 1))
    e--;
  if (e <= s)
    return 0;
  uint32_t last = e - 1;
  size_t n = make_key(rs, dv, c->tok_start, c->tok_end); /* the full name itself */
  if (n == SIZE_MAX || person_claim(rs, rs->buf, n, ent, at) != 0)
    return KG_ERR_NOMEM;
  n = make_key(rs, dv, last, e);
  if (n == SIZE_MAX || person_claim(rs, rs->buf, n, ent, at) != 0)
    return KG_ERR_NOMEM;
  for (uint32_t k = s + 1; k < last; k++) {
    if (!kg_name_is_particle(dv, k))
      continue;
    n = make_key(rs, dv, k, e);
    if (n == SIZE_MAX || person_claim(rs, rs->buf, n, ent, at) != 0)
      return KG_ERR_NOMEM;
  }
  /* A name of three words or more lends its inner words, weakly: Spanish
   * and Portuguese names put the family name before the mother's ("Juan
   * Lechin Oquendo" is "Lechin", "Victor Paz Estenssoro" "Paz Estenssoro"),
   * and elsewhere a middle name alone stands for its one holder. */
  if (e - s >= 3) {
    bool plain = true; /* no initial, no particle, no bracket or quote */
    for (uint32_t k = s; k < e && plain; k++)
      plain = flag(dv, k, KG_TF_WORD) && flag(dv, k, KG_TF_CAP) && !kg_name_is_particle(dv, k) &&
              dv->folded[k].ptr[dv->folded[k].len - 1] != '.';
    for (uint32_t k = s + 1; plain && k <= last; k++) { /* inner words, then the last two */
      n = k < last ? make_key(rs, dv, k, k + 1) : make_key(rs, dv, last - 1, e);
      if (n == SIZE_MAX)
        return KG_ERR_NOMEM;
      memmove(rs->buf + 1, rs->buf, n + 1);
      rs->buf[0] = WEAK_KEY;
      if (person_claim(rs, rs->buf, n + 1, ent, at) != 0)
        return KG_ERR_NOMEM;
    }
  }
  bool initial = dv->folded[s].len <= 2 && dv->folded[s].ptr[dv->folded[s].len - 1] == '.';
  if (!(c->flags & KG_CAND_KEEP_TITLE) && e - s >= 2 && !initial &&
      !kg_name_is_particle(dv, s)) {
    n = make_key(rs, dv, s, s + 1);
    if (n == SIZE_MAX || person_claim(rs, rs->buf, n, ent, at) != 0)
      return KG_ERR_NOMEM;
  }
  return 0;
}

/* ------------------------------------------------------------- the pass */

static int by_start(const void *pa, const void *pb) {
  const kg_mention *a = pa, *b = pb;
  if (a->start != b->start)
    return a->start < b->start ? -1 : 1;
  return a->end < b->end ? -1 : a->end > b->end;
}

/* Legal forms are no part of an organization's identity, so "Chrysler
 * LLC", "Chrysler" and "Apple Inc." / "Apple" are one node each. */
/* End of the name part of organization candidate c without a trailing
 * legal form (and the comma before it: "Apple, Inc."), or c->tok_end. */
static uint32_t without_legal_form(const kg_docview *dv, const kg_cand *c) {
  uint32_t e = c->tok_end;
  if (c->type != KG_ORGANIZATION || e - c->tok_start < 2)
    return e;
  /* Legal forms stack: "Co Plc", "Co., Ltd.". */
  while (e > c->tok_start + 1 && kg_dv_w(dv, e - 1, KG_W_LEGAL) &&
         !(dv->tflags[e - 1] & KG_TF_LOWER)) {
    e--;
    while (e > c->tok_start + 1 && !flag(dv, e - 1, KG_TF_WORD))
      e--;
  }
  /* "Goldman, Sachs and Co", "Allen and Company": the "and" went with "Co" */
  if (e < c->tok_end && e > c->tok_start + 1 &&
      (kg_dv_is(dv, e - 1, "and") || kg_dv_is(dv, e - 1, "&"))) {
    e--;
    while (e > c->tok_start + 1 && !flag(dv, e - 1, KG_TF_WORD))
      e--;
  }
  /* "Chrysler Group (LLC)", "Aer Lingus Group PLC", "Chrysler Holding LLC". */
  if (e > c->tok_start + 1 && kg_dv_w(dv, e - 1, KG_W_GROUP) && flag(dv, e - 1, KG_TF_CAP))
    e--;
  return e;
}

/* A partnership's name [s, e) with commas ("Sears, Roebuck", "Merrill
 * Lynch, Pierce, Fenner and Smith") as the gazetteer knows it: without its
 * commas ("Sears Roebuck"), or its first words, two or more ("Merrill
 * Lynch", "Piper Jaffray" of "Piper, Jaffray and Hopwood", "Smith Barney" of
 * "Smith Barney, Harris Upham and Co"). */
static bool known_partnership(kg_resolver *rs, const kg_docview *dv, uint32_t s, uint32_t e,
                              kg_gaz_entry *g) {
  bool comma = false;
  for (uint32_t i = s + 1; i < e && !comma; i++)
    comma = kg_dv_is(dv, i, ",");
  if (!comma || e - s > 2 * MAX_NAME_TOKENS) /* (names are short: the loop below is quadratic) */
    return false;
  for (uint32_t end = e; end > s + 1; end--) {
    uint32_t words = 0;
    for (uint32_t i = s; i < end; i++)
      words += flag(dv, i, KG_TF_WORD);
    size_t n = make_key_of(rs, dv, s, end, false);
    if (words >= 2 && n != SIZE_MAX && kg_gazetteer_lookup(dv->gaz, rs->buf, n, g) &&
        g->type == KG_ORGANIZATION && !g->ambiguous)
      return true;
  }
  return false;
}

/* Is the organization key[0, n) a name the gazetteer knows with "the"
 * after its "of": "Organization of Petroleum Exporting Countries" for
 * "Organization of the Petroleum Exporting Countries"? */
static bool known_with_the(const kg_docview *dv, const char *key, size_t n, kg_gaz_entry *g) {
  char v[256];
  const char *of = NULL;
  for (size_t i = 0; i + 4 <= n && !of; i++)
    if (memcmp(key + i, " of ", 4) == 0)
      of = key + i + 4;
  size_t head = of ? (size_t)(of - key) : 0;
  if (!of || n + 4 >= sizeof v || (n - head >= 4 && memcmp(of, "the ", 4) == 0))
    return false;
  memcpy(v, key, head);
  memcpy(v + head, "the ", 4);
  memcpy(v + head + 4, of, n - head);
  return kg_gazetteer_lookup(dv->gaz, v, n + 4, g) && g->type == KG_ORGANIZATION &&
         !g->ambiguous;
}

/* The gazetteer entity that candidate c names with its type: the whole
 * name is one of its aliases (an ambiguous one the gazetteer pass left
 * alone, confirmed by a name finder), or so is the name without its legal
 * form, which ends at token le ("Ford Motor Co" -> "Ford Motor"), or that
 * name gives its id ("General Motors Corp." -> organization:general-motors),
 * or it is a partnership's name the gazetteer knows (known_partnership). */
static bool known_entity(kg_resolver *rs, const kg_docview *dv, const kg_cand *c, uint32_t le,
                         uint32_t bs, uint32_t be, kg_gaz_entry *g) {
  if (!dv->gaz)
    return false;
  size_t n = make_key(rs, dv, c->tok_start, c->tok_end);
  if (n != SIZE_MAX && kg_gazetteer_lookup(dv->gaz, rs->buf, n, g) && g->type == c->type)
    return true;
  if (n != SIZE_MAX && c->type == KG_ORGANIZATION && known_with_the(dv, rs->buf, n, g))
    return true;
  /* (A legal form makes no party: "DnC Ltd" is no "DNC".) */
  if (le < c->tok_end && (n = make_key(rs, dv, c->tok_start, le)) != SIZE_MAX &&
      ((kg_gazetteer_lookup(dv->gaz, rs->buf, n, g) && g->type == c->type && !g->ambiguous &&
        !(g->kind && strcmp(g->kind, "party") == 0)) ||
       (c->type == KG_ORGANIZATION && kg_gazetteer_lookup_legal(dv->gaz, rs->buf, n, g))))
    return true; /* "Ford Motor Co"; "Federal Deposit Insurance Corp" */
  const char *tname = kg_etype_name(c->type);
  size_t tlen = strlen(tname);
  size_t need = kg_text_slug(dv->text + bs, be - bs, rs->buf, 0);
  if (grow((void **)&rs->buf, &rs->cap_buf, tlen + need + 2, 1) != 0)
    return false;
  memcpy(rs->buf, tname, tlen);
  rs->buf[tlen] = ':';
  kg_text_slug(dv->text + bs, be - bs, rs->buf + tlen + 1, need + 1);
  if (kg_gazetteer_find_id(dv->gaz, rs->buf, tlen + 1 + need, g))
    return true;
  /* A person's or place's name with no title that is a company's the
   * gazetteer knows, written another way ("Rolls Royce" for "Rolls-Royce",
   * "Mercedes Benz"): the company. */
  if ((c->type == KG_PERSON || c->type == KG_LOCATION) && c->role_end == c->role_start &&
      c->tok_end - c->tok_start >= 2 &&
      !(c->flags & (KG_CAND_KEEP_TITLE | KG_CAND_ADDRESSED))) {
    static const char org[] = "organization:";
    size_t at = tlen + 1 + need; /* the id after the slug: the slug stays for below */
    if (grow((void **)&rs->buf, &rs->cap_buf, at + sizeof org + need, 1) != 0)
      return false;
    memcpy(rs->buf + at, org, sizeof org - 1);
    memcpy(rs->buf + at + sizeof org - 1, rs->buf + tlen + 1, need);
    if (kg_gazetteer_find_id(dv->gaz, rs->buf + at, sizeof org - 1 + need, g) &&
        kg_gaz_company(g))
      return true;
  }
  /* the other spelling ("Food and Agriculture Organisation"; the gazetteer's
   * own ids keep theirs: "ministry-of-defence") */
  if (kg_registry_spelling(rs->buf + tlen + 1, need) &&
      kg_gazetteer_find_id(dv->gaz, rs->buf, tlen + 1 + need, g))
    return true;
  return c->type == KG_ORGANIZATION && known_partnership(rs, dv, c->tok_start, le, g);
}

/* Where the name [s, e) of a national body starts after its country's
 * abbreviation: "Interstate Commerce Commission" of "U.S. Interstate
 * Commerce Commission", as other articles write it.  Three words or more
 * with a word of government ("Commodity Futures Trading Commission",
 * "Council of Economic Advisers"); not a country written out, which is
 * part of the name ("Kuwait News Agency"), a company (a legal form up to
 * end: "Japan Credit Rating Agency Ltd", "U.S. Steel Corp"), or a shorter,
 * generic body that each country has ("U.S. Coast Guard", "U.S. Court of
 * Appeals").  s when there is no abbreviation before the name. */
static uint32_t after_country(const kg_docview *dv, uint32_t s, uint32_t e, uint32_t end) {
  static const char *const body[] = {"commission", "agency", "administration", "board", "bureau",
                                     "office", "council", "corps", "authority", "service"};
  kg_gaz_entry g;
  if (!dv->gaz || end > e || !flag(dv, s, KG_TF_ALLCAPS) || e - s < 4 ||
      kg_gazetteer_match(dv->gaz, dv->folded, e, s, &g) != 1 || g.type != KG_COUNTRY || g.ambiguous)
    return s;
  bool gov = false;
  for (uint32_t i = s + 1; i < e; i++) {
    if (kg_dv_w(dv, i, KG_W_LEGAL) || !flag(dv, i, KG_TF_CAP | KG_TF_ALLCAPS | KG_TF_LOWER))
      return s;
    for (size_t k = 0; k < sizeof body / sizeof *body && !gov; k++)
      gov = kg_dv_is(dv, i, body[k]);
  }
  return gov ? s + 1 : s;
}

/* Where "of" is in organization candidate c written as a name, its legal
 * form, "of" and a country or state the gazetteer knows, perhaps with more
 * legal forms ("NEC Corp of Japan", "Public Service Co of New Mexico",
 * "Aluminum Co of Canada Ltd"); 0 when it is not.  *place gets the place. */
static uint32_t of_place(const kg_docview *dv, const kg_cand *c, kg_gaz_entry *place) {
  if (!dv->gaz || c->type != KG_ORGANIZATION || c->tok_end - c->tok_start < 4)
    return 0;
  uint32_t k = c->tok_start + 2;
  while (k + 1 < c->tok_end && !kg_dv_is(dv, k, "of"))
    k++;
  if (k + 1 >= c->tok_end || !kg_dv_w(dv, k - 1, KG_W_LEGAL))
    return 0;
  uint32_t pe = c->tok_end;
  while (pe > k + 2 && kg_dv_w(dv, pe - 1, KG_W_LEGAL)) /* "of Canada Ltd" */
    pe--;
  if (kg_gazetteer_match(dv->gaz, dv->folded, pe, k + 1, place) != pe - k - 1 || place->demonym ||
      !(place->type == KG_COUNTRY ||
        (place->type == KG_LOCATION && place->kind && strcmp(place->kind, "state") == 0)))
    return 0;
  return k;
}

/* The name of organization candidate c before token k ("of"), without its
 * legal form: its end, and its surface in [*bs, *be). */
static uint32_t name_before(const kg_docview *dv, const kg_cand *c, uint32_t k, uint32_t *bs,
                            uint32_t *be) {
  kg_cand name = *c;
  name.tok_end = k;
  uint32_t le = without_legal_form(dv, &name);
  surface(dv, name.tok_start, le, name.lead, bs, be);
  return le;
}

/* The end of organization candidate c's name without its legal form, and
 * without "of" a country or state after it ("Nippon Steel" of "Nippon
 * Steel Co of Japan"): the name the document shortens it to. */
static uint32_t short_name_end(const kg_docview *dv, const kg_cand *c) {
  kg_gaz_entry place;
  uint32_t k = of_place(dv, c, &place), bs, be;
  return k ? name_before(dv, c, k, &bs, &be) : without_legal_form(dv, c);
}

/* A known organization "of" a country (of_place, known_entity): the organization
 * itself in its own country ("NEC Corp of Japan" is NEC, "Embraer Corp of
 * Brazil" Embraer), else its branch there, named as the news names it
 * ("Ford Motor Co of Canada" is "Ford Canada"). */
static int of_country_entity(kg_resolver *rs, kg_registry *reg, const kg_gaz_entry *g,
                             const kg_gaz_entry *place, uint32_t *out, kg_error *err) {
  if (g->country && strcmp(g->country, kg_gaz_country_code(place)) == 0)
    return kg_registry_entity(reg, g->type, g->id, strlen(g->id), g->label, g->iso, out, err);
  size_t a = strlen(g->label), b = strlen(place->label);
  if (grow((void **)&rs->buf, &rs->cap_buf, a + b + 2, 1) != 0)
    return kg_error_set(err, KG_ERR_NOMEM, "resolving mentions: out of memory");
  memcpy(rs->buf, g->label, a);
  rs->buf[a] = ' ';
  memcpy(rs->buf + a + 1, place->label, b);
  return kg_registry_named(reg, KG_ORGANIZATION, rs->buf, a + b + 1, out, err);
}

/* Is p[0..n) a pair of places "A-B" ("Iran-Iraq", "U.S.-Soviet"): two
 * parts, each a capital and then letters or full stops, each a country or a
 * demonym?  The hyphen's offset, else 0.  folded is p folded (the same
 * length for ASCII). */
static size_t country_pair(const kg_docview *dv, const char *p, size_t n, kg_str folded) {
  size_t h = 0;
  for (size_t i = 0; i < n; i++) {
    char ch = p[i];
    if (ch == '-') {
      if (h || i < 2 || n - i < 3)
        return 0;
      h = i;
    } else if (!(ch >= 'a' && ch <= 'z') && !(ch >= 'A' && ch <= 'Z') && ch != '.') {
      return 0;
    }
  }
  const uint32_t place = KG_GAZ_COUNTRY | KG_GAZ_DEMONYM;
  if (!h || !dv->gaz || folded.len != n || !(p[0] >= 'A' && p[0] <= 'Z') ||
      !(p[h + 1] >= 'A' && p[h + 1] <= 'Z') ||
      !(kg_gazetteer_word(dv->gaz, folded.ptr, h) & place) ||
      !(kg_gazetteer_word(dv->gaz, folded.ptr + h + 1, n - h - 1) & place))
    return 0;
  return h;
}

/* A named event [bs, be) of candidate c, keyed so that:
 * - one agreement is one entity whatever word names the pact ("Louvre
 *   accord", "Louvre Agreement", "Louvre pact", "Paris accords" are keyed
 *   as "... agreement");
 * - a pair of countries names one event in either order ("Iraq-Iran war"
 *   is the "Iran-Iraq war", "Soviet-U.S. summit" the "U.S.-Soviet summit"):
 *   the pair is keyed in alphabetical order.
 * The forms noted keep the text as written. */
static int event_entity(kg_resolver *rs, kg_registry *reg, const kg_docview *dv, const kg_cand *c,
                        uint32_t bs, uint32_t be, uint32_t *out, kg_error *err) {
  static const char *const pacts[] = {"accord", "accords", "pact", "pacts", "agreements"};
  uint32_t last = c->tok_end - 1;
  bool pact = kg_dv_in(dv, last, pacts, sizeof pacts / sizeof *pacts) &&
              dv->tokens[last].start > bs && dv->tokens[last].start < be;
  const kg_token *first = &dv->tokens[c->tok_start];
  size_t fn = first->start == bs && first->start + first->len <= be ? first->len : 0;
  size_t h = country_pair(dv, dv->text + bs, fn, dv->folded[c->tok_start]);
  if (!pact && !h)
    return kg_registry_named(reg, c->type, dv->text + bs, be - bs, out, err);
  size_t n = pact ? dv->tokens[last].start - bs : be - bs;
  if (grow((void **)&rs->buf, &rs->cap_buf, n + sizeof "agreement", 1) != 0)
    return kg_error_set(err, KG_ERR_NOMEM, "resolving mentions: out of memory");
  memcpy(rs->buf, dv->text + bs, n);
  if (h) {
    const char *a = dv->text + bs, *b = a + h + 1;
    size_t an = h, bn = fn - h - 1;
    int cmp = strncasecmp(a, b, an < bn ? an : bn);
    if (cmp > 0 || (cmp == 0 && an > bn)) {
      memcpy(rs->buf, b, bn);
      rs->buf[bn] = '-';
      memcpy(rs->buf + bn + 1, a, an);
    }
  }
  if (pact) {
    memcpy(rs->buf + n, "agreement", sizeof "agreement" - 1);
    n += sizeof "agreement" - 1;
  }
  return kg_registry_named(reg, c->type, rs->buf, n, out, err);
}

/* The entity of candidate c: its gazetteer entry or the one it names
 * (known_entity, of_country_entity); else the named entity of its text without a legal
 * form, and without the country before a national body's name. */
static int entity_for(kg_resolver *rs, kg_registry *reg, const kg_docview *dv, const kg_cand *c,
                      uint32_t *out, kg_error *err) {
  if (c->flags & KG_CAND_GAZ)
    return kg_registry_entity(reg, c->type, c->gaz.id, strlen(c->gaz.id), c->gaz.label,
                              c->gaz.iso, out, err);
  uint32_t bs, be, le = without_legal_form(dv, c);
  surface(dv, c->tok_start, le, c->lead, &bs, &be);
  kg_gaz_entry g;
  if (known_entity(rs, dv, c, le, bs, be, &g))
    return kg_registry_entity(reg, g.type, g.id, strlen(g.id), g.label, g.iso, out, err);
  /* "NEC Corp of Japan", "Nippon Steel Co of Japan": the company is known
   * by its name without the country ("Nippon Steel Co"), unless that name
   * is one ordinary word ("Dynamics Corp of America"); not so before a
   * state ("Public Service Co of New Mexico", "... of Colorado"). */
  kg_gaz_entry place;
  uint32_t of = of_place(dv, c, &place), nbs, nbe, ne;
  if (of && kg_gaz_country_code(&place)) {
    ne = name_before(dv, c, of, &nbs, &nbe);
    kg_cand name = *c;
    name.tok_end = ne;
    if (known_entity(rs, dv, &name, ne, nbs, nbe, &g) && g.type == KG_ORGANIZATION)
      return of_country_entity(rs, reg, &g, &place, out, err);
    if (ne - c->tok_start >= 2 || !has(dv, c->tok_start, KG_GAZ_COMMON)) {
      le = ne;
      bs = nbs;
      be = nbe;
    }
  }
  if (c->tok_end - c->tok_start == 1) { /* every word of a pending acronym's key */
    size_t n = make_key(rs, dv, c->tok_start, c->tok_end);
    if (n == SIZE_MAX)
      return kg_error_set(err, KG_ERR_NOMEM, "resolving mentions: out of memory");
    if (kg_strmap_find(&rs->pending, rs->buf, n) != KG_NONE)
      return kg_registry_acronym(reg, c->type, dv->text + bs, be - bs, out, err);
  }
  if (c->type == KG_ORGANIZATION) {
    uint32_t a = after_country(dv, c->tok_start, le, c->tok_end);
    if (a > c->tok_start)
      surface(dv, a, le, 0, &bs, &be);
  }
  if (c->type == KG_EVENT && c->tok_end - c->tok_start >= 2)
    return event_entity(rs, reg, dv, c, bs, be, out, err);
  return kg_registry_named(reg, c->type, dv->text + bs, be - bs, out, err);
}

/* Is the place candidate c used as a place: in a dateline ("WILTON, Conn,
 * March 2 -"), after a locative preposition ("in Wixom", "in the southern
 * Uruzgan"), next to a place noun ("Paktika province", "the village of
 * Labado") or before ", <known place>" ("Wixom, Michigan")? */
static bool used_as_place(const kg_docview *dv, const kg_cand *c) {
  uint32_t s = c->tok_start, e = c->tok_end;
  if (c->flags & KG_CAND_DATELINE)
    return true;
  for (uint32_t b = s, steps = 0; b > 0 && steps < 3 && same_sentence(dv, b - 1, s); b--, steps++) {
    if (kg_dv_w(dv, b - 1, KG_W_LOCATIVE))
      return true;
    if (!kg_dv_w(dv, b - 1, KG_W_PLACE_MOD))
      break;
  }
  if (e < dv->n_tokens && same_sentence(dv, s, e) && flag(dv, e, KG_TF_LOWER) &&
      kg_dv_w(dv, e, KG_W_PLACE_NOUN))
    return true;
  /* "the province of Uruzgan", "the village of Labado" */
  if (s >= 2 && same_sentence(dv, s - 2, s) && kg_dv_is(dv, s - 1, "of") &&
      kg_dv_w(dv, s - 2, KG_W_PLACE_NOUN))
    return true;
  return e + 1 < dv->n_tokens && same_sentence(dv, s, e + 1) && kg_dv_is(dv, e, ",") &&
         has(dv, e + 1, KG_GAZ_LOCATION | KG_GAZ_COUNTRY | KG_GAZ_LOCATION_PART);
}

/* May a single uncovered token be taken as a name the document uses
 * elsewhere?  Case must say so; a sentence-initial ordinary word ("Hood
 * said") only when a verb-like word follows; never a month or weekday. */
static bool single_token_ok(const kg_docview *dv, uint32_t i) {
  if (!flag(dv, i, KG_TF_CAP | KG_TF_ALLCAPS) || kg_name_is_title(dv, i))
    return false;
  if (has(dv, i, KG_GAZ_MONTH | KG_GAZ_WEEKDAY))
    return false;
  if (!has(dv, i, KG_GAZ_COMMON) || flag(dv, i, KG_TF_NAME))
    return true;
  if (i > 0 && kg_name_is_title(dv, i - 1) && same_sentence(dv, i - 1, i))
    return true; /* "President Macron" */
  if (flag(dv, i, KG_TF_HEADLINE))
    return false;
  if (!flag(dv, i, KG_TF_START))
    return true;
  uint32_t n = i + 1;
  return n < dv->n_tokens && same_sentence(dv, i, n) &&
         (flag(dv, n, KG_TF_LOWER) || is_possessive(dv, n) || kg_dv_is(dv, n, ","));
}

/* Whether one of candidate o's folded words is w. */
static bool holds_word(const kg_docview *dv, const kg_cand *o, const kg_str *w) {
  for (uint32_t i = o->tok_start; i < o->tok_end; i++)
    if (dv->folded[i].len == w->len && memcmp(dv->folded[i].ptr, w->ptr, w->len) == 0)
      return true;
  return false;
}

/* Do candidates a and b name the same, legal forms aside? */
static bool same_name(const kg_docview *dv, const kg_cand *a, const kg_cand *b) {
  uint32_t n = without_legal_form(dv, a) - a->tok_start;
  if (n != without_legal_form(dv, b) - b->tok_start)
    return false;
  for (uint32_t i = 0; i < n; i++) {
    const kg_str *x = &dv->folded[a->tok_start + i], *y = &dv->folded[b->tok_start + i];
    if (x->len != y->len || memcmp(x->ptr, y->ptr, x->len) != 0)
      return false;
  }
  return true;
}

/* The name that an acronym no parenthesis defines spells out, among the
 * first n candidates: the only name of two to twelve words, not a person's
 * or an event's, whose initials are its letters, with or without its legal
 * form ("ATT" of "American Telephone and Telegraph Co"; "the EEP" of a
 * document that names the "Export Enhancement Program" without "(EEP)").
 * KG_NONE when no name spells it out; KG_AMBIG when two different ones do,
 * or a company's name holds the acronym as a word, whose short form it is
 * then ("BCI" of "BCI Holdings Corp").  Another name that holds it is no
 * definition ("EC" of "EC Commission" is the European Community).  The
 * search looks at most NEAR candidates each way, so a huge document costs
 * linear time. */
static uint32_t spelled_acronym(const kg_docview *dv, const kg_candbuf *cb, size_t n, size_t k,
                                const char *acr, size_t na) {
  enum { NEAR = 256 };
  uint32_t at = cb->v[k].tok_start;
  uint32_t found = KG_NONE;
  for (size_t j = k > NEAR ? k - NEAR : 0; j < n && j <= k + NEAR; j++) {
    const kg_cand *o = &cb->v[j];
    uint32_t len = o->tok_end - o->tok_start;
    if (len < 2 || len > 12)
      continue;
    if (holds_word(dv, o, &dv->folded[at])) {
      if (without_legal_form(dv, o) != o->tok_end)
        return KG_AMBIG; /* "BCI" of "BCI Holdings Corp" */
      continue;          /* "EC" of "EC Commission": another name */
    }
    if (o->type == KG_PERSON || o->type == KG_EVENT || dv->folded[o->tok_start].len == 0 ||
        dv->folded[o->tok_start].ptr[0] != acr[0] ||
        !(initials_match(dv, o->tok_start, o->tok_end, acr, na) ||
          initials_match(dv, o->tok_start, without_legal_form(dv, o), acr, na)))
      continue;
    if (found == KG_NONE)
      found = (uint32_t)j;
    else if (!same_name(dv, &cb->v[found], o))
      return KG_AMBIG;
  }
  return found;
}

/* In-text acronyms: "the Syrian Democratic Forces (SDF)" makes SDF a name
 * of that entity in this document (linked in link_acronyms); the acronym
 * token gets a candidate when no source proposed one.  Then an acronym the
 * tagger found that no parenthesis defines is the name it spells out in the
 * document, when it spells out one (spelled_acronym); when no name of the
 * document spells it out, it is pending: another document may
 * (entity_for, kg_registry_acronym). */
static int read_acronyms(kg_resolver *rs, const kg_docview *dv, kg_candbuf *cb) {
  if (grow((void **)&rs->cover, &rs->cap_cover, dv->n_tokens + 1, sizeof *rs->cover) != 0)
    return KG_ERR_NOMEM;
  memset(rs->cover, 0, dv->n_tokens * sizeof *rs->cover);
  for (size_t k = 0; k < cb->n; k++)
    for (uint32_t i = cb->v[k].tok_start; i < cb->v[k].tok_end; i++)
      rs->cover[i] = (uint32_t)k + 1;
  size_t n0 = cb->n;
  for (size_t k = 0; k < n0; k++) {
    kg_cand *c = &cb->v[k];
    if (c->type == KG_PERSON)
      continue;
    uint32_t a = defined_acronym(dv, c);
    if (a == UINT32_MAX)
      continue;
    size_t n = make_key(rs, dv, a, a + 1);
    if (n == SIZE_MAX || keytab_claim(&rs->acronyms, rs->buf, n, (uint32_t)k, c->type) != 0)
      return KG_ERR_NOMEM;
    if (!rs->cover[a]) {
      kg_cand ac = *c;
      ac.tok_start = ac.role_start = ac.role_end = a;
      ac.tok_end = a + 1;
      ac.src = KG_SRC_ACRONYM;
      ac.flags = 0;
      if (kg_candbuf_push(cb, &ac) != 0)
        return KG_ERR_NOMEM;
      rs->cover[a] = (uint32_t)cb->n;
    }
  }
  /* The document's definition beats the gazetteer's reading of an acronym
   * it calls ambiguous: "the U.S. Interstate Commerce Commission (ICC)"
   * makes "ICC" no International Criminal Court.  An acronym the gazetteer
   * is sure of keeps its entity ("OPEC" after "Organisation of Petroleum
   * Exporting Countries (OPEC)"), and a country stays one ("Toshiba
   * Information Systems (U.K.)"). */
  for (size_t k = 0; k < n0; k++) {
    kg_cand *c = &cb->v[k];
    if (c->tok_end - c->tok_start != 1 || !(c->flags & KG_CAND_GAZ) || !c->gaz.ambiguous ||
        c->type != KG_ORGANIZATION)
      continue;
    size_t n = make_key(rs, dv, c->tok_start, c->tok_end);
    if (n == SIZE_MAX)
      return KG_ERR_NOMEM;
    uint32_t def = keytab_get(&rs->acronyms, rs->buf, n, NULL);
    if (def != KG_NONE && def != KG_AMBIG && def != k &&
        (!(cb->v[def].flags & KG_CAND_GAZ) || strcmp(cb->v[def].gaz.id, c->gaz.id) != 0))
      c->flags &= ~KG_CAND_GAZ;
  }
  for (size_t k = 0; k < n0; k++) {
    const kg_cand *c = &cb->v[k];
    char acr[16];
    size_t na;
    /* (A dateline's town in capitals is no acronym: "BRENTWOOD, Tenn." is
     * no "BRENTWOOD" headline of Brentwood Instruments Inc.) */
    if (c->tok_end - c->tok_start != 1 || (c->flags & (KG_CAND_GAZ | KG_CAND_DATELINE)) ||
        has(dv, c->tok_start, KG_GAZ_COMMON) ||
        !(na = acronym_letters(dv, c->tok_start, acr, sizeof acr)))
      continue;
    size_t n = make_key(rs, dv, c->tok_start, c->tok_end);
    if (n == SIZE_MAX)
      return KG_ERR_NOMEM;
    if (keytab_get(&rs->acronyms, rs->buf, n, NULL) != KG_NONE)
      continue; /* defined, or spelled out for an earlier occurrence */
    uint32_t def = spelled_acronym(dv, cb, n0, k, acr, na), i;
    if (def == KG_NONE ? kg_strmap_intern(&rs->pending, rs->buf, n, &i, NULL) != 0
        : def != KG_AMBIG && keytab_claim(&rs->acronyms, rs->buf, n, def, cb->v[def].type) != 0)
      return KG_ERR_NOMEM;
  }
  return 0;
}

/* One type per name in a document: the majority of its candidates (ties:
 * the lower kg_etype).  Gazetteer names keep theirs, and so does a
 * dateline's place, whose vote outweighs the rest. */
enum { DATELINE_VOTE = 1u << 20 };

static int vote_types(kg_resolver *rs, const kg_docview *dv, kg_candbuf *cb) {
  if (grow((void **)&rs->cent, &rs->cap_cent, cb->n + 1, sizeof *rs->cent) != 0)
    return KG_ERR_NOMEM;
  for (size_t k = 0; k < cb->n; k++) {
    const kg_cand *c = &cb->v[k];
    uint32_t i;
    if (c->type == KG_ORGANIZATION && c->tok_end - c->tok_start >= 2 &&
        kg_strmap_intern(&rs->org_firsts, dv->folded[c->tok_start].ptr,
                         dv->folded[c->tok_start].len, &i, NULL) != 0)
      return KG_ERR_NOMEM;
  }
  for (size_t k = 0; k < cb->n; k++) {
    kg_cand *c = &cb->v[k];
    rs->cent[k] = KG_NONE;
    if (c->flags & KG_CAND_GAZ)
      continue;
    size_t n = make_key(rs, dv, c->tok_start, c->tok_end);
    uint32_t i;
    bool added;
    if (n == SIZE_MAX || kg_strmap_intern(&rs->votes_keys, rs->buf, n, &i, &added) != 0 ||
        grow((void **)&rs->votes, &rs->cap_votes, i + 1, sizeof *rs->votes) != 0)
      return KG_ERR_NOMEM;
    if (added)
      memset(rs->votes[i], 0, sizeof rs->votes[i]);
    /* A dateline names a place, whatever the article's other mentions of
     * it say ("TRAIL, British Columbia - ... its Trail and Kimberley
     * operations"), unless a company of the article is named after it
     * ("SUFFIELD, Conn. - Suffield Financial Corp ... Suffield said"). */
    bool place = (c->flags & KG_CAND_DATELINE) && c->type == KG_LOCATION &&
                 c->tok_end - c->tok_start == 1 &&
                 kg_strmap_find(&rs->org_firsts, rs->buf, n) == KG_NONE;
    rs->votes[i][c->type] += place ? DATELINE_VOTE : 1;
    rs->cent[k] = i; /* temporarily: the vote slot */
  }
  for (size_t k = 0; k < cb->n; k++) {
    kg_cand *c = &cb->v[k];
    if (rs->cent[k] == KG_NONE)
      continue;
    if ((c->flags & KG_CAND_DATELINE) && c->type == KG_LOCATION)
      continue; /* the dateline's place stays one, company of its name or not */
    const uint32_t *v = rs->votes[rs->cent[k]];
    int best = 0;
    for (int t = 1; t < KG_N_ETYPES; t++)
      if (v[t] > v[best])
        best = t;
    if (c->type != (kg_etype)best) {
      if (best == KG_PERSON) {
        kg_cand p;
        if (!kg_shape_person(dv, c->tok_start, c->tok_end, &p))
          continue;
        p.src = c->src;
        *c = p;
      } else {
        c->type = (kg_etype)best;
        c->role_start = c->role_end = c->tok_start;
        c->flags &= (uint8_t)~KG_CAND_KEEP_TITLE;
      }
    }
  }
  return 0;
}

/* Whether the first word of a name, at token s, may stand for it alone: a
 * capitalized word that names no country, title or organization word, nor
 * a given name unless it is a family name too ("Dome", "Purolator",
 * "Morgan"; not "Steve"; a town only where the gazetteer pass left it to
 * context, name_known_and_full: "Delta"). */
#define NOT_LENT (KG_GAZ_COUNTRY | KG_GAZ_DEMONYM | KG_GAZ_ORG_WORD | KG_GAZ_TITLE)

static bool lendable_first(const kg_docview *dv, uint32_t s) {
  return flag(dv, s, KG_TF_CAP) && !flag(dv, s, KG_TF_ALLCAPS | KG_TF_DIGIT) &&
         flag(dv, s, KG_TF_WORD) && !kg_dv_w(dv, s, KG_W_DETERMINER) && !has(dv, s, NOT_LENT) &&
         (!has(dv, s, KG_GAZ_FIRST_NAME) || has(dv, s, KG_GAZ_SURNAME));
}

/* Whether the first word of the name [s, e) is an acronym that stands for
 * it: "ICN" of "ICN Pharmaceuticals Inc", "MCI" of "MCI Communications
 * Corp"; not in a line of capitals, nor before another word in capitals or
 * with a digit ("CRAY X-MP", a product). */
static bool lendable_acronym(const kg_docview *dv, uint32_t s, uint32_t e) {
  return s + 1 < e && flag(dv, s, KG_TF_ALLCAPS) && !flag(dv, s, KG_TF_DIGIT) &&
         !flag(dv, s, KG_TF_CAPSLINE | KG_TF_HEADLINE) && flag(dv, s + 1, KG_TF_CAP) &&
         !flag(dv, s + 1, KG_TF_ALLCAPS | KG_TF_DIGIT) && !has(dv, s, NOT_LENT);
}

/* Whether candidate c is three words "A and B" ("Harper and Row"). */
static bool and_pair(const kg_docview *dv, const kg_cand *c) {
  return c->tok_end - c->tok_start == 3 &&
         (kg_dv_is(dv, c->tok_start + 1, "and") || kg_dv_is(dv, c->tok_start + 1, "&")) &&
         flag(dv, c->tok_start + 2, KG_TF_CAP);
}

/* Whether token i is a capital's initials: "E.F.", "J.P.", "E.". */
static bool initials_token(const kg_docview *dv, uint32_t i) {
  const kg_str *w = &dv->folded[i];
  if (w->len < 2 || !flag(dv, i, KG_TF_CAP | KG_TF_ALLCAPS))
    return false;
  for (size_t j = 0; j < w->len; j += 2)
    if (j + 1 >= w->len || w->ptr[j + 1] != '.' || w->ptr[j] < 'a' || w->ptr[j] > 'z')
      return false;
  return true;
}

/* A company or bank the gazetteer knows ("United Airlines", "Chase
 * Manhattan", "E.F. Hutton"). */
static bool known_company_cand(const kg_cand *c) {
  return (c->flags & KG_CAND_GAZ) && c->type == KG_ORGANIZATION && kg_gaz_company(&c->gaz);
}

/* "Dome" after "Dome Petroleum Ltd": the first word of a company named with
 * its legal form, or of a company or bank the gazetteer knows ("United"
 * after "United Airlines"), and "Harper and Row" of "Harper and Row
 * Publishers Inc", "ICN" of "ICN Pharmaceuticals Inc", the name after
 * initials ("Hutton" of "E.F. Hutton", "Commerce" of "U.S. Commerce
 * Department"), stands for it alone when every organization of the
 * document that starts with that word is that company ("Ciba" is neither
 * of "Ciba Vision Group" and "Ciba-Geigy AG", "Prudential" neither of
 * "Prudential Insurance Co" and "Prudential-Bache"); a person of the
 * document with that surname keeps it too (name_the_rest). */
static int lend_first_words(kg_resolver *rs, kg_registry *reg, const kg_docview *dv,
                            const kg_candbuf *cb, kg_error *err) {
  for (size_t k = 0; k < cb->n; k++) {
    const kg_cand *c = &cb->v[k];
    if (c->type != KG_ORGANIZATION || rs->cent[k] == KG_DROP)
      continue;
    /* "E.F. Hutton Group Inc": the name after the initials is the first
     * word ("Hutton said"). */
    uint32_t s = c->tok_start, le = short_name_end(dv, c);
    while (s + 1 < le && initials_token(dv, s))
      s++;
    const kg_str *w = &dv->folded[s];
    const char *dash = le - s == 1 ? memchr(w->ptr, '-', w->len) : NULL;
    if (dash && dash > w->ptr) { /* "Ciba-Geigy AG" names another "Ciba" */
      if (keytab_claim(&rs->orgfirst, w->ptr, (size_t)(dash - w->ptr), KG_AMBIG,
                       KG_ORGANIZATION) != 0)
        return KG_ERR_NOMEM;
      continue;
    }
    const kg_cand pair = {.tok_start = s, .tok_end = s + 3}; /* "Harper and Row" */
    bool paired = le - s >= 4 && and_pair(dv, &pair);
    bool lendable = lendable_first(dv, s) || lendable_acronym(dv, s, le);
    if (le - s < (s > c->tok_start ? 1u : 2u) || (!lendable && !paired))
      continue;
    size_t n = make_key(rs, dv, c->tok_start, le);
    if (n == SIZE_MAX)
      return KG_ERR_NOMEM;
    /* the company named with its legal form in the document, or known (any
     * organization after initials: "Commerce" of "U.S. Commerce Department") */
    uint32_t org = keytab_get(&rs->orgs, rs->buf, n, NULL);
    int rc;
    if (org == KG_NONE && (known_company_cand(c) || (s > c->tok_start && (c->flags & KG_CAND_GAZ))) &&
        (rc = entity_for(rs, reg, dv, c, &org, err)))
      return rc;
    if (paired && ((n = make_key(rs, dv, s, s + 3)) == SIZE_MAX ||
                   keytab_claim(&rs->orgfirst, rs->buf, n, org == KG_NONE ? KG_AMBIG : org,
                                KG_ORGANIZATION) != 0))
      return KG_ERR_NOMEM;
    if (!lendable)
      continue;
    if ((n = make_key(rs, dv, s, s + 1)) == SIZE_MAX ||
        keytab_claim(&rs->orgfirst, rs->buf, n, org == KG_NONE ? KG_AMBIG : org,
                     KG_ORGANIZATION) != 0)
      return KG_ERR_NOMEM;
  }
  return 0;
}

/* Whether sentence si writes a capital past its start: no sentence of
 * lower case only ("analysts and wall street sources doubted ..."). */
static bool cased_sentence(const kg_docview *dv, uint32_t si) {
  const kg_sentence *st = &dv->sentences[si];
  for (uint32_t i = st->tok_start; i < st->tok_end; i++)
    if (flag(dv, i, KG_TF_CAP | KG_TF_ALLCAPS) && !flag(dv, i, KG_TF_START))
      return true;
  return false;
}

/* Document-wide evidence, before any name is decided: person keys with a
 * title somewhere ("President Obama") are people; place keys used as
 * places ("in Wixom") are places; organizations with a legal form lend
 * their bare name ("Chrysler LLC" -> "Chrysler"). */
static int gather_evidence(kg_resolver *rs, kg_registry *reg, const kg_docview *dv,
                           kg_candbuf *cb, kg_error *err) {
  int rc = 0;
  /* "the Mac market", "their Mac apps": a capitalized given name after a
   * determiner is a thing named like a person.  So is a given or family
   * name the document writes in lower case ("RICE CROP" over "rice
   * exports", "Mark" beside "the mark rose"). */
  int cased = -1; /* of the sentence of token i: -1 not known yet */
  for (uint32_t i = 0; i < dv->n_tokens; i++) {
    if (i > 0 && !same_sentence(dv, i - 1, i))
      cased = -1;
    bool lower = flag(dv, i, KG_TF_LOWER) && has(dv, i, KG_GAZ_FIRST_NAME | KG_GAZ_SURNAME);
    if (lower && cased < 0) /* (not a sentence Reuters repeated in lower case) */
      cased = cased_sentence(dv, dv->tok_sent[i]);
    lower = lower && cased > 0;
    if (!lower && (i == 0 || !has(dv, i, KG_GAZ_FIRST_NAME) || !flag(dv, i, KG_TF_CAP) ||
                   flag(dv, i, KG_TF_HEADLINE) || !kg_dv_w(dv, i - 1, KG_W_DETERMINER) ||
                   !same_sentence(dv, i - 1, i)))
      continue;
    uint32_t k;
    if (kg_strmap_intern(&rs->thingy, dv->folded[i].ptr, dv->folded[i].len, &k, NULL) != 0)
      return KG_ERR_NOMEM;
  }
  for (size_t k = 0; k < cb->n; k++) {
    kg_cand *c = &cb->v[k];
    if (c->flags & KG_CAND_GAZ)
      continue;
    /* "Funaro, who told reporters": a relative "who" after a name opening
     * the sentence speaks of a person (not "director of Comecon, who"). */
    uint32_t e = c->tok_end;
    if (e - c->tok_start == 1 && flag(dv, c->tok_start, KG_TF_START) &&
        e + 1 < dv->n_tokens &&
        kg_dv_is(dv, e, ",") && kg_dv_is(dv, e + 1, "who") && same_sentence(dv, e - 1, e + 1)) {
      uint32_t i;
      size_t n = make_key(rs, dv, c->tok_start, e);
      if (n == SIZE_MAX || kg_strmap_intern(&rs->who, rs->buf, n, &i, NULL) != 0)
        return KG_ERR_NOMEM;
    }
    if (c->type == KG_PERSON &&
        (c->role_end > c->role_start || (c->flags & (KG_CAND_KEEP_TITLE | KG_CAND_ADDRESSED)))) {
      uint32_t i;
      size_t n = make_key(rs, dv, c->tok_start, c->tok_end);
      if (n == SIZE_MAX || kg_strmap_intern(&rs->titled, rs->buf, n, &i, NULL) != 0)
        return KG_ERR_NOMEM;
      continue;
    }
    if (c->type == KG_LOCATION && used_as_place(dv, c)) {
      uint32_t i;
      size_t n = make_key(rs, dv, c->tok_start, c->tok_end);
      if (n == SIZE_MAX || kg_strmap_intern(&rs->placey, rs->buf, n, &i, NULL) != 0)
        return KG_ERR_NOMEM;
      continue;
    }
    uint32_t short_end = short_name_end(dv, c);
    if (c->type != KG_ORGANIZATION || short_end == c->tok_end)
      continue;
    rc = entity_for(rs, reg, dv, c, &rs->cent[k], err);
    if (rc == KG_ERR_EMPTY) {
      rc = 0;
      rs->cent[k] = KG_DROP;
      continue;
    }
    if (rc)
      return rc;
    size_t n = make_key(rs, dv, c->tok_start, short_end);
    if (n == SIZE_MAX ||
        keytab_claim(&rs->orgs, rs->buf, n, rs->cent[k], KG_ORGANIZATION) != 0)
      return KG_ERR_NOMEM;
  }
  return lend_first_words(rs, reg, dv, cb, err);
}

/* The folded words [s, e) capitalized, small words aside ("Finance
 * Ministry", "Ministry of Finance", "Canton"), into out (room for 3 bytes
 * per folded byte and space); its length. */
static size_t title_words(const kg_docview *dv, uint32_t s, uint32_t e, char *out) {
  size_t ln = 0;
  for (uint32_t i = s; i < e; i++) {
    const kg_str *f = &dv->folded[i];
    bool small = i > s && (kg_dv_is(dv, i, "of") || kg_dv_is(dv, i, "for") ||
                           kg_dv_is(dv, i, "and") || kg_dv_is(dv, i, "the"));
    if (i > s)
      out[ln++] = ' ';
    memcpy(out + ln, f->ptr, f->len);
    if (!small && out[ln] >= 'a' && out[ln] <= 'z')
      out[ln] = (char)(out[ln] - 'a' + 'A');
    ln += f->len;
  }
  return ln;
}

/* A town of state r that the gazetteer knows as a city of another country
 * ("CAMBRIDGE, Mass", "Canton, Ohio"): id "location:cambridge-massachusetts",
 * label "Cambridge (Massachusetts)", from the words written. */
static int local_place_entity(kg_resolver *rs, kg_registry *reg, const kg_docview *dv,
                              const kg_cand *c, const kg_cand *r, uint32_t *out,
                              kg_error *err) {
  const char *paren = strstr(r->gaz.label, " ("); /* "Georgia (U.S. state)" */
  size_t rl = paren ? (size_t)(paren - r->gaz.label) : strlen(r->gaz.label), need = 64 + 4 * rl;
  for (uint32_t i = c->tok_start; i < c->tok_end; i++)
    need += 6 * (dv->folded[i].len + 1);
  if (grow((void **)&rs->buf, &rs->cap_buf, need, 1) != 0)
    return kg_error_set(err, KG_ERR_NOMEM, "resolving mentions: out of memory");
  char *label = rs->buf, *id = rs->buf + need / 2;
  size_t ln = title_words(dv, c->tok_start, c->tok_end, label);
  size_t in = (size_t)sprintf(id, "location:");
  in += kg_text_slug(label, ln, id + in, need / 2 - in);
  id[in++] = '-';
  in += kg_text_slug(r->gaz.label, rl, id + in, need / 2 - in);
  sprintf(label + ln, " (%.*s)", (int)rl, r->gaz.label);
  return kg_registry_entity(reg, KG_LOCATION, id, in, label, NULL, out, err);
}

static bool gaz_kind(const kg_cand *c, kg_etype type, const char *kind) {
  return (c->flags & KG_CAND_GAZ) && c->gaz.type == type && c->gaz.kind &&
         strcmp(c->gaz.kind, kind) == 0;
}

/* "CAMBRIDGE, Mass", "Canton, Ohio", "London, Ontario": a city the
 * gazetteer places in one country, followed by a comma and a state or
 * province of another, is a town of that state, and so is every mention
 * of the same city in the document.  rs->local[k] is that state's
 * candidate. */
static int local_places(kg_resolver *rs, const kg_docview *dv, const kg_candbuf *cb) {
  enum { FEW = 8 }; /* the cities a document re-places: bounded, for linear time */
  if (grow((void **)&rs->local, &rs->cap_local, cb->n + 1, sizeof *rs->local) != 0)
    return KG_ERR_NOMEM;
  size_t placed[FEW], n_placed = 0;
  for (size_t k = 0; k < cb->n; k++)
    rs->local[k] = KG_NONE;
  for (size_t k = 0; k + 1 < cb->n; k++) {
    const kg_cand *c = &cb->v[k], *r = &cb->v[k + 1];
    if (!(gaz_kind(c, KG_LOCATION, "city") || gaz_kind(c, KG_LOCATION, "capital")) ||
        !(gaz_kind(r, KG_LOCATION, "state") || gaz_kind(r, KG_LOCATION, "region")) ||
        r->tok_start != c->tok_end + 1 || !kg_dv_is(dv, c->tok_end, ",") ||
        !same_sentence(dv, c->tok_start, r->tok_start) || !c->gaz.country ||
        !*c->gaz.country || !r->gaz.country || !*r->gaz.country ||
        strcmp(c->gaz.country, r->gaz.country) == 0)
      continue;
    rs->local[k] = (uint32_t)(k + 1);
    if (n_placed < FEW)
      placed[n_placed++] = k;
  }
  for (size_t k = 0; k < cb->n && n_placed; k++) {
    const kg_cand *c = &cb->v[k];
    if (rs->local[k] != KG_NONE || !(c->flags & KG_CAND_GAZ) || c->gaz.type != KG_LOCATION)
      continue;
    for (size_t j = 0; j < n_placed; j++)
      if (strcmp(cb->v[placed[j]].gaz.id, c->gaz.id) == 0) {
        rs->local[k] = rs->local[placed[j]];
        break;
      }
  }
  return 0;
}

/* Gazetteer names and full person names first, so that the partial names
 * can look their owner up in the whole document. */
static int name_known_and_full(kg_resolver *rs, kg_registry *reg, const kg_docview *dv,
                               kg_candbuf *cb, kg_error *err) {
  int rc = 0;
  for (size_t k = 0; k < cb->n; k++) {
    kg_cand *c = &cb->v[k];
    if (rs->cent[k] != KG_NONE)
      continue;
    bool full_person = c->type == KG_PERSON && !(c->flags & KG_CAND_GAZ) && !partial_name(dv, c);
    if (!(c->flags & KG_CAND_GAZ) && !full_person)
      continue;
    /* A one-word town of the gazetteer's, used as no place here: the
     * company whose first word it is, when only context makes it a town
     * ("Delta" after "Delta Air Lines Inc"), else the person whose family
     * name it is, named before ("Angers said" after "Sandy Angers",
     * "Mansfield was" after "Bob Mansfield"). */
    if ((c->flags & KG_CAND_GAZ) && c->type == KG_LOCATION && c->gaz.kind &&
        strcmp(c->gaz.kind, "city") == 0 && c->tok_end - c->tok_start == 1 &&
        !(c->flags & KG_CAND_DATELINE) && !used_as_place(dv, c)) {
      size_t n = make_key(rs, dv, c->tok_start, c->tok_end);
      if (n == SIZE_MAX)
        return KG_ERR_NOMEM;
      kg_etype to = KG_ORGANIZATION;
      uint32_t e = c->gaz.ambiguous ? keytab_get(&rs->orgfirst, rs->buf, n, NULL) : KG_NONE;
      if (e == KG_NONE || e == KG_AMBIG) {
        to = KG_PERSON;
        e = person_owner(rs, rs->buf, n, c->tok_start);
      }
      if (e != KG_NONE && e != KG_AMBIG) {
        c->type = to;
        c->flags &= (uint8_t)~KG_CAND_GAZ;
        c->role_start = c->role_end = c->tok_start;
        rs->cent[k] = e;
        continue;
      }
    }
    /* "CPC" after "CPC International Inc": an acronym the gazetteer knows as
     * another kind of organization (the Communist Party of China) is the
     * article's company that starts with it. */
    if ((c->flags & KG_CAND_GAZ) && c->type == KG_ORGANIZATION && !known_company_cand(c) &&
        c->tok_end - c->tok_start == 1 && flag(dv, c->tok_start, KG_TF_ALLCAPS) &&
        !flag(dv, c->tok_start, KG_TF_CAPSLINE)) {
      size_t n = make_key(rs, dv, c->tok_start, c->tok_end);
      if (n == SIZE_MAX)
        return KG_ERR_NOMEM;
      uint32_t org = keytab_get(&rs->orgfirst, rs->buf, n, NULL);
      if (org != KG_NONE && org != KG_AMBIG) {
        c->flags &= (uint8_t)~KG_CAND_GAZ;
        rs->cent[k] = org;
        continue;
      }
    }
    if (full_person) { /* "Aer Lingus" after "Aer Lingus Group PLC" */
      size_t n = make_key(rs, dv, c->tok_start, c->tok_end);
      if (n == SIZE_MAX)
        return KG_ERR_NOMEM;
      uint32_t org = keytab_get(&rs->orgs, rs->buf, n, NULL);
      if (org != KG_NONE && org != KG_AMBIG) {
        c->type = KG_ORGANIZATION;
        c->role_start = c->role_end = c->tok_start;
        rs->cent[k] = org;
        continue;
      }
      /* "Paz Estenssoro" after "Victor Paz Estenssoro", "Ben Ali" after
       * "Zine El Abidine Ben Ali". */
      uint32_t owner = c->tok_end - c->tok_start == 2 && !(c->flags & KG_CAND_KEEP_TITLE)
                           ? partial_owner(rs, n, c->tok_start)
                           : KG_NONE;
      if (owner != KG_NONE && owner != KG_AMBIG) {
        rs->cent[k] = owner;
        continue;
      }
    }
    if (rs->local[k] != KG_NONE)
      rc = local_place_entity(rs, reg, dv, c, &cb->v[rs->local[k]], &rs->cent[k], err);
    else
      rc = entity_for(rs, reg, dv, c, &rs->cent[k], err);
    if (rc == KG_ERR_EMPTY) {
      rc = 0;
      continue;
    }
    if (rc)
      return rc;
    if (full_person && claim_person_keys(rs, dv, c, rs->cent[k]) != 0)
      return KG_ERR_NOMEM;
  }
  return 0;
}

/* Pattern events: not when the head is a person of the document ("Biden
 * plan"); their head names them too ("COVID-19" for "COVID-19
 * pandemic"). */
static int name_pattern_events(kg_resolver *rs, kg_registry *reg, const kg_docview *dv,
                               kg_candbuf *cb, kg_error *err) {
  int rc = 0;
  for (size_t k = 0; k < cb->n; k++) {
    kg_cand *c = &cb->v[k];
    if (c->src != KG_SRC_PATTERN || c->type != KG_EVENT)
      continue;
    uint32_t hm = c->tok_start;
    while (hm + 1 < c->tok_end && !flag(dv, hm, KG_TF_LOWER) && flag(dv, hm, KG_TF_WORD))
      hm++;
    uint32_t he = hm > c->tok_start ? hm : c->tok_start + 1;
    size_t n = make_key(rs, dv, c->tok_start, he);
    if (n == SIZE_MAX)
      return KG_ERR_NOMEM;
    if (kg_strmap_find(&rs->pkeys, rs->buf, n) != KG_NONE) {
      rs->cent[k] = KG_DROP;
      continue;
    }
    rc = entity_for(rs, reg, dv, c, &rs->cent[k], err);
    if (rc == KG_ERR_EMPTY) {
      rc = 0;
      rs->cent[k] = KG_DROP;
      continue;
    }
    if (rc)
      return rc;
    /* The head alone names the event ("COVID-19" of "COVID-19 pandemic")
     * only right before its event word: not an owner ("Allis-Chalmers' annual
     * meeting"), nor a company before a thing ("Bally video games"). */
    if (c->tok_end != he + 1 || kg_dv_w(dv, he, KG_W_POSSESSIVE))
      continue;
    n = make_key(rs, dv, c->tok_start, he);
    if (n == SIZE_MAX || keytab_claim(&rs->heads, rs->buf, n, rs->cent[k], KG_EVENT) != 0)
      return KG_ERR_NOMEM;
  }
  return 0;
}

/* Whether candidate o is an organization of two or more words whose head is
 * lone candidate c's word. */
static bool org_holds(const kg_docview *dv, const kg_cand *o, const kg_cand *c) {
  const kg_str *w = &dv->folded[c->tok_start];
  if (o->type != KG_ORGANIZATION || o->tok_end - o->tok_start < 2)
    return false;
  /* First ("Union" of "Union Planters"), last, or before "of", "for" or a
   * legal form ("Bank of Japan", "Deutsche Bank AG"); not "Exchange" of
   * "Securities and Exchange Commission". */
  for (uint32_t i = o->tok_start; i < o->tok_end; i++)
    if (dv->folded[i].len == w->len && memcmp(dv->folded[i].ptr, w->ptr, w->len) == 0 &&
        (i == o->tok_start || i + 1 == o->tok_end || kg_dv_is(dv, i + 1, "of") ||
         kg_dv_is(dv, i + 1, "for") || kg_dv_w(dv, i + 1, KG_W_LEGAL)))
      return true;
  return false;
}

/* Whether organization o's name ends in candidate c's words and is longer
 * ("U.S. Air Force" for "Air Force", "European Central Bank" for "Central
 * Bank"). */
static bool org_ends_with(const kg_docview *dv, const kg_cand *o, const kg_cand *c) {
  uint32_t n = c->tok_end - c->tok_start;
  if (o->type != KG_ORGANIZATION || o->tok_end - o->tok_start <= n)
    return false;
  for (uint32_t i = 0; i < n; i++) {
    const kg_str *a = &dv->folded[o->tok_end - n + i], *b = &dv->folded[c->tok_start + i];
    if (a->len != b->len || memcmp(a->ptr, b->ptr, a->len) != 0)
      return false;
  }
  return true;
}

/* A test of organization o against candidate c; country (an id, or NULL)
 * for the tests that need one. */
typedef bool (*org_match)(const kg_docview *dv, const kg_cand *o, const kg_cand *c,
                          const char *country);

static bool holds(const kg_docview *dv, const kg_cand *o, const kg_cand *c, const char *country) {
  (void)country;
  return org_holds(dv, o, c);
}

/* Whether organization o's name has candidate c's one word right before
 * its "of" ("Chamber" of "Mauritius Chamber of Agriculture"). */
static bool heads_of(const kg_docview *dv, const kg_cand *o, const kg_cand *c,
                     const char *country) {
  (void)country;
  const kg_str *w = &dv->folded[c->tok_start];
  if (o->type != KG_ORGANIZATION || o->tok_end - o->tok_start < 3 ||
      has(dv, o->tok_start, KG_GAZ_FIRST_NAME)) /* ("Stephen Roach of Morgan Stanley") */
    return false;
  for (uint32_t i = o->tok_start; i + 2 < o->tok_end; i++)
    if (kg_dv_is(dv, i + 1, "of") && dv->folded[i].len == w->len &&
        memcmp(dv->folded[i].ptr, w->ptr, w->len) == 0)
      return true;
  return false;
}

static bool ends_with(const kg_docview *dv, const kg_cand *o, const kg_cand *c,
                      const char *country) {
  (void)country;
  return org_ends_with(dv, o, c);
}

/* For a lone organization word ("the Bank said", "a Commission spokesman")
 * or a generic institution ("the Air Force"): the entity of the document's
 * organization that match accepts (holds, ends_with; national_match,
 * local_match for an institution of a known country) nearest before it
 * ("Bank of Japan", "U.S. Air Force"), else after it; KG_DROP when the
 * document names none (a node "Bank" would merge every bank).  The
 * candidates are in text order (kg_cands_merge); the search looks at most
 * NEAR of them each way, so a huge document costs linear time. */
static uint32_t nearest_org(const kg_resolver *rs, const kg_docview *dv, const kg_candbuf *cb,
                            size_t k, org_match match, const char *country) {
  enum { NEAR = 256 };
  const kg_cand *c = &cb->v[k];
  for (size_t j = k; j-- > 0 && k - j <= NEAR;)
    if (rs->cent[j] < KG_DROP && match(dv, &cb->v[j], c, country))
      return rs->cent[j];
  for (size_t j = k + 1; j < cb->n && j - k <= NEAR; j++)
    if (rs->cent[j] < KG_DROP && match(dv, &cb->v[j], c, country))
      return rs->cent[j];
  return KG_DROP;
}

/* Whether organization o is one the gazetteer knows, named by country (an
 * id) or its demonym and the institution c's name ("the Swiss National
 * Bank" for "the National Bank" of Switzerland). */
static bool national_match(const kg_docview *dv, const kg_cand *o, const kg_cand *c,
                           const char *country) {
  uint32_t n = c->tok_end - c->tok_start;
  kg_gaz_entry g;
  return (o->flags & KG_CAND_GAZ) && org_ends_with(dv, o, c) &&
         kg_gazetteer_match(dv->gaz, dv->folded, o->tok_end - n, o->tok_start, &g) ==
             o->tok_end - n - o->tok_start &&
         g.type == KG_COUNTRY && strcmp(g.id, country) == 0;
}

/* Whether organization o ends in the institution c of country (an id) and
 * its other words name no other country or its places, nor a second
 * organization ("London Stock Exchange" in LONDON; not "Tokyo Stock
 * Exchange" there, nor "Bundesbank and Finance Ministry"). */
static bool local_match(const kg_docview *dv, const kg_cand *o, const kg_cand *c,
                        const char *country) {
  if (!org_ends_with(dv, o, c))
    return false;
  uint32_t end = o->tok_end - (c->tok_end - c->tok_start);
  for (uint32_t i = o->tok_start; i < end;) {
    kg_gaz_entry g;
    size_t m = kg_gazetteer_match(dv->gaz, dv->folded, end, i, &g);
    if (kg_dv_is(dv, i, "and") || kg_dv_is(dv, i, "&"))
      return false;
    if (!m) {
      i++;
      continue;
    }
    char id[16];
    if ((g.type == KG_COUNTRY && strcmp(g.id, country) != 0) ||
        (g.type == KG_LOCATION && g.country && strlen(g.country) == 2 &&
         snprintf(id, sizeof id, "country:%s", g.country) > 0 && strcmp(id, country) != 0))
      return false;
    i += (uint32_t)m;
  }
  return true;
}

/* ------------------------------------------------- generic institutions */

/* "Parliament", "Congress", "Senate", "Treasury": one word that names a
 * body of a country and no other thing; not the start of a longer name
 * ("Zambian Congress of Trade Unions"). */
static bool national_body(const kg_docview *dv, uint32_t i) {
  static const char *const bodies[] = {"parliament", "congress", "senate", "treasury"};
  if (i + 2 < dv->n_tokens && kg_dv_is(dv, i + 1, "of") && flag(dv, i + 2, KG_TF_CAP))
    return false;
  return kg_dv_in(dv, i, bodies, sizeof bodies / sizeof *bodies);
}

static bool generic_institution(const kg_docview *dv, const kg_cand *c);

/* The country id of a candidate that is a country or its demonym and then
 * the name of a body of that country: one word ("U.K. Treasury",
 * "Philippine Senate") or an institution every country has ("Australian
 * Wheat Board", "Japanese Finance Ministry"), else NULL.  *body gets where
 * the body's name starts. */
static const char *country_body(const kg_docview *dv, const kg_cand *c, uint32_t *body) {
  kg_gaz_entry g;
  uint32_t s = c->tok_start, e = c->tok_end;
  if (!dv->gaz || (c->type != KG_ORGANIZATION && c->type != KG_LOCATION) || e - s < 2 ||
      !flag(dv, s, KG_TF_CAP | KG_TF_ALLCAPS))
    return NULL;
  size_t m = kg_gazetteer_match(dv->gaz, dv->folded, e - 1, s, &g);
  if (!m || !kg_gaz_country_code(&g) ||
      !flag(dv, s + (uint32_t)m, KG_TF_CAP | KG_TF_ALLCAPS) ||
      (g.demonym && strcmp(g.id, "country:us") == 0 && e - s - m > 1))
    return NULL; /* ("American National Bank": one bank of many, not a country's) */
  kg_cand rest = *c;
  rest.tok_start = s + (uint32_t)m;
  rest.type = KG_ORGANIZATION;
  rest.flags = 0;
  if (!(e - rest.tok_start == 1 ? national_body(dv, rest.tok_start)
                                : generic_institution(dv, &rest)))
    return NULL;
  *body = rest.tok_start;
  return g.id;
}

/* Is organization candidate c an institution every country has, named
 * without its country: a ministry of ordinary words ("Finance Ministry",
 * "Ministry of Foreign Affairs") or one of a few others ("Central Bank",
 * "Supreme Court", "Reserve Bank", "Statistics Office")?  One node for all
 * of them would join every country's finance ministry. */
static bool generic_institution(const kg_docview *dv, const kg_cand *c) {
  static const char *const others[] = {
      "central bank",          "supreme court",          "constitutional court",
      "high court",            "national assembly",      "stock exchange",
      "election commission",   "electoral commission",   "interior ministry",
      "foreign office",        "national police",        "state council",
      "air force",             "reserve bank",           "national bank",          "wheat board",
      "state bank",            "statistics office",      "statistical office",
      "statistics bureau",     "statistical bureau",     "statistics department",
      "central statistical office", "central statistics office", "federal statistics office",
      "national statistics office", "state statistical bureau",
      /* parties that many countries have, which the gazetteer gives none */
      "communist party",       "socialist party",        "social democratic party",
      "national party",        "liberal party",          "christian democratic party",
      "workers party"};
  uint32_t s = c->tok_start, e = c->tok_end;
  /* "the House": a country's lower house, where the gazetteer names it;
   * "Parliament", "Congress", "Senate", "Treasury": its own */
  if (c->type == KG_ORGANIZATION && !(c->flags & KG_CAND_GAZ) && e - s == 1 &&
      flag(dv, s, KG_TF_CAP) && !flag(dv, s, KG_TF_ALLCAPS) &&
      (kg_dv_is(dv, s, "house") || national_body(dv, s)))
    return true;
  if (c->type != KG_ORGANIZATION || (c->flags & KG_CAND_GAZ) || e - s < 2 || e - s > 6)
    return false;
  static const char *const determiners[] = {"a", "an", "the", "this", "that", "its", "their"};
  for (size_t k = 0; k < sizeof determiners / sizeof *determiners; k++)
    if (kg_dv_is(dv, s, determiners[k]))
      return false; /* "A Ministry spokesman" */
  /* No word may name anything: a country or place, nor (unless it is also
   * an ordinary word) an organization or a person; nor may two words that
   * are parts of a country's name ("Ivory Coast Agriculture Ministry"; one
   * is no name: "Central" of "Central African Republic"). */
  unsigned org_words = 0; /* one head: not "Liberal Democratic Party and Finance Ministry" */
  for (uint32_t i = s; i < e; i++) {
    if (!flag(dv, i, KG_TF_WORD) || has(dv, i, KG_GAZ_COUNTRY | KG_GAZ_DEMONYM | KG_GAZ_LOCATION) ||
        (has(dv, i, KG_GAZ_ORG | KG_GAZ_FIRST_NAME | KG_GAZ_SURNAME) &&
         !has(dv, i, KG_GAZ_COMMON)) ||
        (i > s && has(dv, i - 1, KG_GAZ_COUNTRY_PART) && has(dv, i, KG_GAZ_COUNTRY_PART)))
      return false;
    org_words += has(dv, i, KG_GAZ_ORG_WORD);
  }
  if (org_words > 1)
    return false;
  if (kg_dv_is(dv, e - 1, "ministry") || kg_dv_is(dv, s, "ministry"))
    return true; /* "Defence Ministry", "Ministry of Foreign Affairs" */
  char key[64];
  size_t n = 0;
  for (uint32_t i = s; i < e; i++) {
    const kg_str *f = &dv->folded[i];
    if (n + f->len + 1 >= sizeof key)
      return false;
    if (i > s)
      key[n++] = ' ';
    memcpy(key + n, f->ptr, f->len);
    n += f->len;
  }
  for (size_t k = 0; k < sizeof others / sizeof *others; k++)
    if (strlen(others[k]) == n && memcmp(others[k], key, n) == 0)
      return true;
  return false;
}

/* The country id of candidate j when it is a country or its demonym. */
static const char *country_of(const kg_cand *o) {
  return (o->flags & KG_CAND_GAZ) && o->gaz.type == KG_COUNTRY ? o->gaz.id : NULL;
}

/* Whose country each generic institution is: the country or demonym just
 * before it ("Japan's Finance Ministry", "the Japanese Finance Ministry");
 * else that of another mention of the same name in the document, the
 * nearest; else the country of the document's dateline ("TOKYO, March 2 -
 * The Finance Ministry said").  Else none: it keeps its plain name. */
static int qualify_institutions(kg_resolver *rs, const kg_docview *dv, const kg_candbuf *cb) {
  if (grow((void **)&rs->inst, &rs->cap_inst, cb->n + 1, sizeof *rs->inst) != 0)
    return KG_ERR_NOMEM;
  const char *dateline = NULL;
  bool any = false;
  for (size_t k = 0; k < cb->n; k++) {
    const kg_cand *c = &cb->v[k];
    rs->inst[k] = NULL;
    if (!dateline && (c->flags & KG_CAND_DATELINE) && (c->flags & KG_CAND_GAZ) && dv->gaz) {
      kg_gaz_entry g;
      char id[16];
      const char *home = rs->local[k] != KG_NONE ? cb->v[rs->local[k]].gaz.country
                                                  : c->gaz.country;
      if (c->gaz.type == KG_COUNTRY)
        dateline = c->gaz.id;
      else if (home && strlen(home) == 2 && snprintf(id, sizeof id, "country:%s", home) > 0 &&
               kg_gazetteer_find_id(dv->gaz, id, strlen(id), &g))
        dateline = g.id;
    }
    if (!generic_institution(dv, c))
      continue;
    any = true;
    rs->inst[k] = ""; /* generic, country not known yet */
    if (k == 0)
      continue;
    const kg_cand *o = &cb->v[k - 1];
    uint32_t gap = c->tok_start - o->tok_end;
    if (o->tok_end <= c->tok_start && (gap == 0 || (gap == 1 && is_possessive(dv, o->tok_end))) &&
        same_sentence(dv, o->tok_start, c->tok_start) && country_of(o))
      rs->inst[k] = country_of(o);
  }
  if (!any)
    return 0;
  /* Another mention of the same name: the nearest before it, else after.
   * (Going forward, then backward, each taking the last one seen.) */
  for (int pass = 0; pass < 2; pass++) {
    kg_strmap_clear(&rs->instkeys);
    for (size_t i = 0; i < cb->n; i++) {
      size_t k = pass == 0 ? i : cb->n - 1 - i;
      if (!rs->inst[k])
        continue;
      size_t n = make_key(rs, dv, cb->v[k].tok_start, cb->v[k].tok_end);
      uint32_t at;
      bool added;
      if (n == SIZE_MAX || kg_strmap_intern(&rs->instkeys, rs->buf, n, &at, &added) != 0 ||
          grow((void **)&rs->instlast, &rs->cap_instlast, at + 1, sizeof *rs->instlast) != 0)
        return KG_ERR_NOMEM;
      if (added)
        rs->instlast[at] = NULL;
      if (*rs->inst[k])
        rs->instlast[at] = rs->inst[k];
      else if (rs->instlast[at])
        rs->inst[k] = rs->instlast[at];
    }
  }
  for (size_t k = 0; k < cb->n; k++)
    if (rs->inst[k] && !*rs->inst[k] && dateline)
      rs->inst[k] = dateline;
  return 0;
}

/* The entity of a generic institution of a country: "organization:<slug>-<iso2>",
 * labelled "<Name> (<Country>)" with the name's words capitalized as
 * institutions are written ("Ministry of Foreign Affairs (Japan)"). */
static int institution_entity(kg_resolver *rs, kg_registry *reg, const kg_docview *dv,
                              const kg_cand *c, const char *country, uint32_t *out,
                              kg_error *err) {
  kg_gaz_entry g, known;
  if (!dv->gaz || !kg_gazetteer_find_id(dv->gaz, country, strlen(country), &g))
    return entity_for(rs, reg, dv, c, out, err);
  /* The gazetteer may know it: the key, after the name's key, is
   * "<country>'s <name>", "<country> 's <name>" ("Russia's Foreign
   * Ministry"), "<country> <name>", "<ISO code> <name>" ("United States
   * Air Force", "US Air Force") or "<name> of <country>" ("Communist Party
   * of China"). */
  size_t n = make_key(rs, dv, c->tok_start, c->tok_end), cl = strlen(g.label);
  if (n == SIZE_MAX || grow((void **)&rs->buf, &rs->cap_buf, 2 * (n + cl) + 8, 1) != 0)
    return kg_error_set(err, KG_ERR_NOMEM, "resolving mentions: out of memory");
  char *key = rs->buf + n + 1;
  size_t fl = kg_text_fold(g.label, cl, key, cl + 1);
  for (int form = 0; form < 4 && fl <= cl; form++) {
    size_t kl = fl;
    if (form == 3) {
      if (!g.iso || strlen(g.iso) < 2)
        break;
      kl = (size_t)sprintf(key, "%c%c ", g.iso[0] | 32, g.iso[1] | 32);
    } else {
      kl += (size_t)sprintf(key + fl, form == 0 ? "'s " : form == 1 ? " 's " : " ");
    }
    memcpy(key + kl, rs->buf, n);
    if (kg_gazetteer_lookup(dv->gaz, key, kl + n, &known) && known.type == KG_ORGANIZATION)
      return kg_registry_entity(reg, known.type, known.id, strlen(known.id), known.label,
                                known.iso, out, err);
  }
  /* "<name> of <country>", "<name> of the <country>": "Communist Party of
   * China", "Parliament of the United Kingdom" */
  char of[192];
  for (int the = 0; the < 2 && n + 8 + cl < sizeof of; the++) {
    const char *glue = the ? " of the " : " of ";
    size_t gl = strlen(glue);
    memcpy(of, rs->buf, n);
    memcpy(of + n, glue, gl);
    size_t ol = n + gl + kg_text_fold(g.label, cl, of + n + gl, sizeof of - n - gl);
    if (kg_gazetteer_lookup(dv->gaz, of, ol, &known) && known.type == KG_ORGANIZATION)
      return kg_registry_entity(reg, known.type, known.id, strlen(known.id), known.label,
                                known.iso, out, err);
  }
  /* One word ("House") is its country's only under a name the gazetteer
   * knows; "Parliament" names no other thing. */
  if (c->tok_end - c->tok_start == 1 && !national_body(dv, c->tok_start))
    return entity_for(rs, reg, dv, c, out, err);
  /* The label: the name's words capitalized, small words aside, then the
   * country; the id: "organization:" + the name's slug + "-" + the ISO code. */
  const char *iso = strchr(country, ':');
  size_t need = 64 + 2 * strlen(g.label);
  for (uint32_t i = c->tok_start; i < c->tok_end; i++)
    need += 3 * (dv->folded[i].len + 1);
  if (grow((void **)&rs->buf, &rs->cap_buf, need, 1) != 0)
    return kg_error_set(err, KG_ERR_NOMEM, "resolving mentions: out of memory");
  char *label = rs->buf;
  size_t ln = title_words(dv, c->tok_start, c->tok_end, label);
  char *id = rs->buf + need / 2; /* the label fits the first half, the id the second */
  size_t in = (size_t)sprintf(id, "organization:");
  in += kg_text_slug(label, ln, id + in, need / 2 - in);
  in += (size_t)sprintf(id + in, "-%s", iso ? iso + 1 : country);
  sprintf(label + ln, " (%s)", g.label);
  return kg_registry_entity(reg, KG_ORGANIZATION, id, in, label, NULL, out, err);
}

/* The key of words i - 1 and i ("u.s. shoe") into key[cap]; 0 if too long. */
static size_t pair_key(const kg_docview *dv, uint32_t i, char *key, size_t cap) {
  const kg_str *a = &dv->folded[i - 1], *b = &dv->folded[i];
  if (a->len + b->len + 2 > cap)
    return 0;
  memcpy(key, a->ptr, a->len);
  key[a->len] = ' ';
  memcpy(key + a->len + 1, b->ptr, b->len);
  return a->len + 1 + b->len;
}

/* Fills rs->longer once per document: one pass over its words. */
static int find_longer(kg_resolver *rs, const kg_docview *dv) {
  char key[128];
  rs->longer_done = 1;
  for (uint32_t i = 1; i + 1 < dv->n_tokens; i++) {
    const kg_str *a = &dv->folded[i - 1];
    size_t n;
    uint32_t at;
    if (a->len < 2 || a->ptr[a->len - 1] != '.' || !same_sentence(dv, i, i + 1) ||
        !(kg_dv_w(dv, i + 1, KG_W_LEGAL) || flag(dv, i + 1, KG_TF_CAP)) ||
        (n = pair_key(dv, i, key, sizeof key)) == 0)
      continue;
    if (kg_strmap_intern(&rs->longer, key, n, &at, NULL) != 0)
      return KG_ERR_NOMEM;
  }
  return 0;
}

/* Whether candidate c is a country's abbreviation ("U.S.", "U.K.") and then
 * one capitalized common word that is no organization word, title, legal
 * form or name, and that the document never writes before a capitalized
 * word or a legal form ("U.S. Lines Inc"). */
static bool country_then_word(kg_resolver *rs, const kg_docview *dv, const kg_cand *c) {
  kg_gaz_entry g;
  uint32_t s = c->tok_start, w = c->tok_end - 1;
  if (!dv->gaz || c->tok_end - s != 2 || dv->folded[s].len < 2 ||
      dv->folded[s].ptr[dv->folded[s].len - 1] != '.' ||
      kg_gazetteer_match(dv->gaz, dv->folded, w + 1, s, &g) != 1 || g.type != KG_COUNTRY ||
      g.demonym)
    return false;
  /* ("U.S. Banks have 50 pct representation": banks, no bank's name) */
  uint32_t org_word = kg_dv_is(dv, w, "banks") ? 0 : KG_GAZ_ORG_WORD;
  if (!flag(dv, w, KG_TF_CAP | KG_TF_ALLCAPS) || !has(dv, w, KG_GAZ_COMMON) ||
      has(dv, w, org_word | KG_GAZ_TITLE) || flag(dv, w, KG_TF_NAME) ||
      kg_dv_w(dv, w, KG_W_LEGAL) || kg_name_is_title(dv, w))
    return false;
  char key[128];
  size_t n = pair_key(dv, w, key, sizeof key);
  if (n == 0 || (rs->longer_done < 0 && find_longer(rs, dv) != 0))
    return false; /* (out of memory: the name stays as written) */
  return kg_strmap_find(&rs->longer, key, n) == KG_NONE;
}

/* Every other candidate: partial names to their owner, lone words by the
 * document's evidence, the rest to "<type>:<slug>". */
static int name_the_rest(kg_resolver *rs, kg_registry *reg, const kg_docview *dv,
                         kg_candbuf *cb, kg_error *err) {
  int rc = 0;
  for (size_t k = 0; k < cb->n; k++) {
    kg_cand *c = &cb->v[k];
    if (rs->cent[k] != KG_NONE || (c->flags & KG_CAND_GAZ))
      continue;
    /* "U.K. Treasury", "Philippine Senate": that country's body, as "the
     * Treasury" after "the Italian Treasury" is (qualify_institutions). */
    uint32_t at;
    const char *home = country_body(dv, c, &at);
    if (home) {
      kg_cand body = *c;
      body.tok_start = body.role_start = body.role_end = at;
      c->type = body.type = KG_ORGANIZATION;
      rc = institution_entity(rs, reg, dv, &body, home, &rs->cent[k], err);
      if (rc)
        return rc;
      continue;
    }
    size_t n = make_key(rs, dv, c->tok_start, c->tok_end);
    if (n == SIZE_MAX)
      return KG_ERR_NOMEM;
    if (c->type == KG_EVENT) {
      uint32_t ev = keytab_get(&rs->heads, rs->buf, n, NULL);
      if (ev != KG_NONE && ev != KG_AMBIG) {
        rs->cent[k] = ev;
        continue;
      }
    }
    /* An acronym defined in the text takes its name's entity (below). */
    if (c->tok_end - c->tok_start == 1 && keytab_get(&rs->acronyms, rs->buf, n, NULL) != KG_NONE)
      continue;
    uint32_t owner = partial_owner(rs, n, c->tok_start);
    if (c->type == KG_PERSON && partial_name(dv, c) && owner != KG_NONE && owner != KG_AMBIG) {
      rs->cent[k] = owner;
      continue;
    }
    if (c->type == KG_ORGANIZATION && c->tok_end - c->tok_start == 1 &&
        has(dv, c->tok_start, KG_GAZ_ORG_WORD) && !flag(dv, c->tok_start, KG_TF_ALLCAPS) &&
        !(rs->inst[k] && *rs->inst[k])) { /* (a country's "Parliament" is below) */
      rs->cent[k] = nearest_org(rs, dv, cb, k, holds, NULL);
      continue;
    }
    /* "the Chamber said" after "the Mauritius Chamber of Agriculture": an
     * ordinary word alone, right before the "of" of a longer organization's
     * name, stands for it, organization word or not (not a name: "Jones"
     * of a junk span "David Jones of Aubrey G. Lanston"). */
    if (c->type == KG_ORGANIZATION && c->tok_end - c->tok_start == 1 &&
        flag(dv, c->tok_start, KG_TF_CAP) && !flag(dv, c->tok_start, KG_TF_ALLCAPS) &&
        has(dv, c->tok_start, KG_GAZ_COMMON) && !flag(dv, c->tok_start, KG_TF_NAME) &&
        !(rs->inst[k] && *rs->inst[k])) {
      uint32_t o = nearest_org(rs, dv, cb, k, heads_of, NULL);
      if (o != KG_DROP) {
        rs->cent[k] = o;
        continue;
      }
    }
    /* "Chrysler" after "Chrysler LLC". */
    uint32_t org = keytab_get(&rs->orgs, rs->buf, n, NULL);
    /* (a place of the tagger's too, where the document uses it as no place:
     * "Eastern's new owner" after "Eastern Airlines") */
    bool unplaced = c->type == KG_LOCATION && !(c->flags & KG_CAND_GAZ) &&
                    kg_strmap_find(&rs->placey, rs->buf, n) == KG_NONE;
    if (org == KG_NONE && owner == KG_NONE && (c->tok_end - c->tok_start == 1 || and_pair(dv, c)) &&
        !(c->flags & KG_CAND_DATELINE)) {
      uint32_t first = keytab_get(&rs->orgfirst, rs->buf, n, NULL);
      /* (and one the document puts after "to" or "of" too: "write checks to
       * Eastern" after "Eastern Airlines" is no place; a place the
       * gazetteer knows is one) */
      if (c->type == KG_ORGANIZATION || c->type == KG_PERSON || unplaced ||
          (c->type == KG_LOCATION && !(c->flags & KG_CAND_GAZ) && first != KG_NONE &&
           first != KG_AMBIG && !used_as_place(dv, c)))
        org = first;
    }
    if (org != KG_NONE && org != KG_AMBIG && (c->type != KG_PERSON || owner == KG_NONE)) {
      c->type = KG_ORGANIZATION;
      c->role_start = c->role_end = c->tok_start;
      rs->cent[k] = org;
      continue;
    }
    /* "U.S. Officials", "U.S. Economy", "U.S. Has": a country and a word of
     * no name (Reuters wrote a capital after "U.S." in 1987) are the
     * country; not "U.S. Navy" (an organization word), nor "U.S. Shoe"
     * after "U.S. Shoe Corp" (above). */
    if ((c->type == KG_ORGANIZATION || c->type == KG_LOCATION) && country_then_word(rs, dv, c)) {
      c->tok_end = c->tok_start + (uint32_t)kg_gazetteer_match(dv->gaz, dv->folded, c->tok_end,
                                                               c->tok_start, &c->gaz);
      c->type = KG_COUNTRY;
      c->flags |= KG_CAND_GAZ;
      c->role_start = c->role_end = c->tok_start;
      if ((rc = entity_for(rs, reg, dv, c, &rs->cent[k], err)))
        return rc;
      continue;
    }
    /* A lone given name that is a thing somewhere in the document ("the
     * Mac"), with no full name and no title: no person anywhere in it. */
    if (c->type == KG_PERSON && c->tok_end - c->tok_start == 1 && owner == KG_NONE &&
        !(c->flags & KG_CAND_KEEP_TITLE) && kg_strmap_find(&rs->titled, rs->buf, n) == KG_NONE &&
        kg_strmap_find(&rs->thingy, rs->buf, n) != KG_NONE) {
      rs->cent[k] = KG_DROP;
      continue;
    }
    /* A lone word the tagger calls a person, with no full name in the
     * document, no title anywhere, and not a known given or family name:
     * news introduce people by their full name, so this is most often a
     * company ("Chrysler", "Ryanair") or, for an ordinary word, nothing. */
    if (c->type == KG_PERSON && c->src == KG_SRC_TAGGER && c->tok_end - c->tok_start == 1 &&
        owner == KG_NONE && !(c->flags & KG_CAND_KEEP_TITLE) &&
        kg_strmap_find(&rs->titled, rs->buf, n) == KG_NONE &&
        kg_strmap_find(&rs->who, rs->buf, n) == KG_NONE &&
        !has(dv, c->tok_start, KG_GAZ_FIRST_NAME | KG_GAZ_SURNAME)) {
      if (!flag(dv, c->tok_start, KG_TF_NAME)) {
        rs->cent[k] = KG_DROP;
        continue;
      }
      c->type = KG_ORGANIZATION;
      c->role_start = c->role_end = c->tok_start;
    }
    /* A lone word the tagger calls an organization or a place, of no
     * person of the document, that opens a sentence followed by ", who"
     * ("Funaro, who told reporters"): a person. */
    if ((c->type == KG_ORGANIZATION || c->type == KG_LOCATION) && c->src == KG_SRC_TAGGER &&
        c->tok_end - c->tok_start == 1 && owner == KG_NONE && flag(dv, c->tok_start, KG_TF_CAP) &&
        !flag(dv, c->tok_start, KG_TF_ALLCAPS | KG_TF_DIGIT) &&
        !has(dv, c->tok_start, KG_GAZ_ORG_WORD | KG_GAZ_COUNTRY | KG_GAZ_LOCATION | KG_GAZ_ORG) &&
        kg_strmap_find(&rs->who, rs->buf, n) != KG_NONE) {
      c->type = KG_PERSON;
      c->role_start = c->role_end = c->tok_start;
    }
    /* Likewise a lone word the tagger calls a place that the gazetteer does
     * not know and the document never uses as a place ("Motorola",
     * "Halliburton"); an ordinary word or a number is no place at all. */
    if (c->type == KG_LOCATION && c->src == KG_SRC_TAGGER && c->tok_end - c->tok_start == 1 &&
        kg_strmap_find(&rs->placey, rs->buf, n) == KG_NONE) {
      if (!flag(dv, c->tok_start, KG_TF_NAME) || flag(dv, c->tok_start, KG_TF_DIGIT)) {
        rs->cent[k] = KG_DROP;
        continue;
      }
      c->type = KG_ORGANIZATION;
    }
    /* A single word the tagger typed otherwise but that is the surname of
     * this document's one person of that name; or two words that end a
     * longer name ("Paz Estenssoro"). */
    if (c->type != KG_PERSON && c->src == KG_SRC_TAGGER && c->tok_end - c->tok_start <= 2 &&
        owner != KG_NONE && owner != KG_AMBIG) {
      c->type = KG_PERSON;
      rs->cent[k] = owner;
      continue;
    }
    /* A generic institution is the organization of the document the
     * gazetteer knows by its country and its name ("the National Bank"
     * after "the Swiss National Bank", national_match), else the one whose
     * name ends in it ("the Air Force" after "the U.S. Air Force", "the
     * Central Bank" after "the European Central Bank" in FRANKFURT), else
     * its country's (institution_entity), or its plain name. */
    bool country = rs->inst[k] && *rs->inst[k];
    uint32_t whole =
        country && dv->gaz ? nearest_org(rs, dv, cb, k, national_match, rs->inst[k]) : KG_DROP;
    if (whole == KG_DROP && rs->inst[k] && (!country || dv->gaz) &&
        (c->tok_end - c->tok_start > 1 || /* (not "House" of the "White House") */
         national_body(dv, c->tok_start)))
      whole = nearest_org(rs, dv, cb, k, country ? local_match : ends_with, rs->inst[k]);
    if (whole != KG_DROP) {
      rs->cent[k] = whole;
      continue;
    }
    if (rs->inst[k] && *rs->inst[k])
      rc = institution_entity(rs, reg, dv, c, rs->inst[k], &rs->cent[k], err);
    else
      rc = entity_for(rs, reg, dv, c, &rs->cent[k], err);
    if (rc == KG_ERR_EMPTY) {
      rc = 0;
      continue;
    }
    if (rc)
      return rc;
  }
  return 0;
}

/* An acronym defined in the document takes its name's entity. */
static int link_acronyms(kg_resolver *rs, const kg_docview *dv, kg_candbuf *cb) {
  for (size_t k = 0; k < cb->n; k++) {
    kg_cand *c = &cb->v[k];
    if (rs->cent[k] != KG_NONE)
      continue;
    size_t n = make_key(rs, dv, c->tok_start, c->tok_end);
    if (n == SIZE_MAX)
      return KG_ERR_NOMEM;
    kg_etype type;
    uint32_t def = keytab_get(&rs->acronyms, rs->buf, n, &type);
    if (def == KG_NONE || def == KG_AMBIG || rs->cent[def] >= KG_DROP)
      continue;
    rs->cent[k] = rs->cent[def];
    c->type = cb->v[def].type;
  }
  return 0;
}

/* Find the document's names again where no source saw them: the surname
 * after the full name, an ALL CAPS headline.  A longer name wins over the
 * gazetteer names inside it ("SYRIAN DEMOCRATIC FORCES"). */
static int find_again(kg_resolver *rs, const kg_docview *dv, kg_candbuf *cb) {
  if (grow((void **)&rs->cover, &rs->cap_cover, dv->n_tokens + 1, sizeof *rs->cover) != 0)
    return KG_ERR_NOMEM;
  memset(rs->cover, 0, dv->n_tokens * sizeof *rs->cover);
  for (size_t k = 0; k < cb->n; k++) {
    kg_cand *c = &cb->v[k];
    if (rs->cent[k] == KG_NONE)
      continue;
    for (uint32_t i = c->tok_start; i < c->tok_end; i++)
      rs->cover[i] = (uint32_t)k + 1;
    if (c->flags & KG_CAND_GAZ || c->tok_end - c->tok_start > MAX_NAME_TOKENS)
      continue;
    size_t n = make_key(rs, dv, c->tok_start, c->tok_end);
    if (n == SIZE_MAX || keytab_claim(&rs->names, rs->buf, n, rs->cent[k], c->type) != 0)
      return KG_ERR_NOMEM;
    uint32_t short_end = short_name_end(dv, c);
    if (short_end != c->tok_end) {
      n = make_key(rs, dv, c->tok_start, short_end);
      if (n == SIZE_MAX || keytab_claim(&rs->names, rs->buf, n, rs->cent[k], c->type) != 0)
        return KG_ERR_NOMEM;
    }
    if (c->tok_end - c->tok_start > 1) {
      uint32_t i;
      n = make_key(rs, dv, c->tok_start, c->tok_start + 1);
      if (n == SIZE_MAX || kg_strmap_intern(&rs->firsts, rs->buf, n, &i, NULL) != 0)
        return KG_ERR_NOMEM;
    } else if (flag(dv, c->tok_start, KG_TF_ALLCAPS) &&
               !flag(dv, c->tok_start, KG_TF_CAPSLINE | KG_TF_HEADLINE)) {
      uint32_t i;
      n = make_key(rs, dv, c->tok_start, c->tok_end);
      if (n == SIZE_MAX || kg_strmap_intern(&rs->acronyms_seen, rs->buf, n, &i, NULL) != 0)
        return KG_ERR_NOMEM;
    }
  }
  for (uint32_t i = 0; i < dv->n_tokens; i++) {
    if (!flag(dv, i, KG_TF_CAP | KG_TF_ALLCAPS) || !flag(dv, i, KG_TF_WORD) || kg_dv_ticker(dv, i))
      continue;
    if (rs->cover[i] && !(cb->v[rs->cover[i] - 1].flags & KG_CAND_GAZ))
      continue;
    bool multi = kg_strmap_find(&rs->firsts, dv->folded[i].ptr, dv->folded[i].len) != KG_NONE;
    uint32_t best_e = 0, best_ent = KG_NONE;
    kg_etype best_type = KG_PERSON;
    for (uint32_t e = multi ? i + MAX_NAME_TOKENS : i + 1; e > i; e--) {
      if (e > dv->n_tokens || !same_sentence(dv, i, e - 1))
        continue;
      /* Only gazetteer spans wholly inside may be overridden; nor a name of
       * no entity after its first word: not "Air" of "MacBook Air" (but
       * "Boeing" of "Boeing 737", "DOW CHEMICAL" after the index "DOW"). */
      bool ok = true;
      for (uint32_t j = i; j < e && ok; j++) {
        if (rs->unnamed[j]) {
          ok = false;
          break;
        }
        uint32_t cv = rs->cover[j];
        if (cv) {
          const kg_cand *g = &cb->v[cv - 1];
          ok = (g->flags & KG_CAND_GAZ) && g->tok_start >= i && g->tok_end <= e && e - i > 1;
        }
      }
      /* Outside headlines case still speaks: "U.S. courier operations" is
       * no mention of the "U.S. Courier" division; "Bank of America" is. */
      for (uint32_t j = i + 1; j < e && ok && !flag(dv, i, KG_TF_HEADLINE); j++)
        ok = !flag(dv, j, KG_TF_LOWER) || kg_dv_w(dv, j, KG_W_NAME_GLUE | KG_W_PARTICLE);
      if (!ok)
        continue;
      size_t n = make_key(rs, dv, i, e);
      if (n == SIZE_MAX)
        return KG_ERR_NOMEM;
      kg_etype type;
      uint32_t ent = keytab_get(&rs->names, rs->buf, n, &type);
      if (ent == KG_NONE || ent == KG_AMBIG) {
        if (e != i + 1)
          continue;
        ent = person_owner(rs, rs->buf, n, i);
        type = KG_PERSON;
        if (ent == KG_NONE || ent == KG_AMBIG)
          ent = keytab_get(&rs->heads, rs->buf, n, &type);
        if (ent == KG_NONE || ent == KG_AMBIG)
          continue;
      }
      if (e == i + 1 && !single_token_ok(dv, i))
        continue;
      /* "It will require ...": not the "IT" of "IT software exporters". */
      if (e == i + 1 && !flag(dv, i, KG_TF_ALLCAPS | KG_TF_CAPSLINE | KG_TF_HEADLINE) &&
          kg_strmap_find(&rs->acronyms_seen, rs->buf, n) != KG_NONE)
        continue;
      best_e = e;
      best_ent = ent;
      best_type = type;
      break;
    }
    if (!best_e)
      continue;
    for (uint32_t j = i; j < best_e; j++)
      if (rs->cover[j])
        rs->cent[rs->cover[j] - 1] = KG_NONE; /* the longer name wins */
    kg_cand c;
    memset(&c, 0, sizeof c);
    c.tok_start = c.role_start = c.role_end = i;
    c.tok_end = best_e;
    c.type = best_type;
    c.src = KG_SRC_DOCNAME;
    if (kg_candbuf_push(cb, &c) != 0 ||
        grow((void **)&rs->cent, &rs->cap_cent, cb->n + 1, sizeof *rs->cent) != 0)
      return KG_ERR_NOMEM;
    rs->cent[cb->n - 1] = best_ent;
    for (uint32_t j = i; j < best_e; j++)
      rs->cover[j] = (uint32_t)cb->n;
    i = best_e - 1;
  }
  return 0;
}

/* The mentions, sorted by start, each noted in the registry. */
static int emit_mentions(kg_resolver *rs, kg_registry *reg, const kg_docview *dv,
                         const kg_candbuf *cb, size_t *n_out, kg_error *err) {
  int rc = 0;
  if (grow((void **)&rs->ments, &rs->cap_ments, cb->n + 1, sizeof *rs->ments) != 0)
    return KG_ERR_NOMEM;
  size_t m = 0;
  for (size_t k = 0; k < cb->n; k++) {
    const kg_cand *c = &cb->v[k];
    if (rs->cent[k] == KG_NONE)
      continue;
    kg_mention *mt = &rs->ments[m++];
    surface(dv, c->tok_start, c->tok_end, c->lead, &mt->start, &mt->end);
    mt->tok_start = c->tok_start;
    mt->tok_end = c->tok_end;
    mt->sentence = dv->tok_sent[c->tok_start];
    mt->paragraph = dv->sentences[mt->sentence].paragraph;
    mt->entity = rs->cent[k];
    /* A gazetteer entity has its type; a named one this document's. */
    mt->type = kg_registry_is_named(reg, rs->cent[k]) ? c->type
                                                       : kg_registry_type(reg, rs->cent[k]);
    uint32_t rs_b = 0, rs_e = 0;
    if (c->role_end > c->role_start)
      surface(dv, c->role_start, c->role_end, 0, &rs_b, &rs_e);
    rc = kg_registry_note(reg, rs->cent[k], mt->type, dv->text + mt->start,
                          mt->end - mt->start, dv->text + rs_b, rs_e - rs_b,
                          flag(dv, c->tok_start, KG_TF_HEADLINE), err);
    if (rc)
      return rc;
  }
  qsort(rs->ments, m, sizeof *rs->ments, by_start);
  *n_out = m;
  return 0;
}

int kg_resolve(kg_resolver *rs, kg_registry *reg, const kg_docview *dv, kg_candbuf *cb,
               const kg_mention **out, size_t *n_out, kg_error *err) {
  int rc = 0;
  *out = NULL;
  *n_out = 0;
  kg_strmap_clear(&rs->pkeys);
  kg_strmap_clear(&rs->names.map);
  kg_strmap_clear(&rs->acronyms.map);
  kg_strmap_clear(&rs->pending);
  kg_strmap_clear(&rs->heads.map);
  kg_strmap_clear(&rs->orgs.map);
  kg_strmap_clear(&rs->orgfirst.map);
  kg_strmap_clear(&rs->titled);
  kg_strmap_clear(&rs->placey);
  kg_strmap_clear(&rs->thingy);
  kg_strmap_clear(&rs->firsts);
  kg_strmap_clear(&rs->acronyms_seen);
  kg_strmap_clear(&rs->tails);
  kg_strmap_clear(&rs->who);
  kg_strmap_clear(&rs->longer);
  rs->longer_done = -1;
  kg_strmap_clear(&rs->votes_keys);
  kg_strmap_clear(&rs->org_firsts);

  if (grow((void **)&rs->unnamed, &rs->cap_unnamed, dv->n_tokens + 1, 1) != 0) {
    rc = KG_ERR_NOMEM;
    goto fail;
  }
  memset(rs->unnamed, 0, dv->n_tokens);
  for (size_t k = 0; k < cb->n; k++) {
    const kg_cand *c = &cb->v[k];
    if (!(c->flags & KG_CAND_NONE) || c->tok_end - c->tok_start < 2)
      continue;
    /* find_again keeps out of it, its first word aside */
    memset(rs->unnamed + c->tok_start + 1, 1, c->tok_end - c->tok_start - 1);
    const kg_str *last = &dv->folded[c->tok_end - 1];
    uint32_t i;
    if (kg_strmap_intern(&rs->tails, last->ptr, last->len, &i, NULL) != 0) {
      rc = KG_ERR_NOMEM;
      goto fail;
    }
  }
  size_t m = 0; /* clean spans, drop junk */
  int8_t ratings = -1;
  for (size_t k = 0; k < cb->n; k++) {
    const kg_cand *c = &cb->v[k];
    /* "the Taurus" after "the Ford Taurus": the product's short name */
    bool tail = c->tok_end - c->tok_start == 1 && !(c->flags & KG_CAND_GAZ) &&
                (c->type == KG_ORGANIZATION || c->type == KG_LOCATION) &&
                kg_strmap_find(&rs->tails, dv->folded[c->tok_start].ptr,
                               dv->folded[c->tok_start].len) != KG_NONE;
    if (!tail && clean(dv, &cb->v[k], &ratings))
      cb->v[m++] = cb->v[k];
  }
  cb->n = m;
  if ((rc = read_acronyms(rs, dv, cb)) || (rc = vote_types(rs, dv, cb)) ||
      (rc = local_places(rs, dv, cb)) || (rc = qualify_institutions(rs, dv, cb)))
    goto fail;
  for (size_t k = 0; k < cb->n; k++)
    rs->cent[k] = KG_NONE;
  if ((rc = gather_evidence(rs, reg, dv, cb, err)) ||
      (rc = name_known_and_full(rs, reg, dv, cb, err)) ||
      (rc = name_pattern_events(rs, reg, dv, cb, err)) ||
      (rc = name_the_rest(rs, reg, dv, cb, err)) || (rc = link_acronyms(rs, dv, cb)))
    goto fail;
  for (size_t k = 0; k < cb->n; k++)
    if (rs->cent[k] == KG_DROP)
      rs->cent[k] = KG_NONE;
  if ((rc = find_again(rs, dv, cb)) || (rc = emit_mentions(rs, reg, dv, cb, n_out, err)))
    goto fail;
  *out = rs->ments;
  return 0;
fail:
  if (rc == KG_ERR_NOMEM)
    kg_error_set(err, KG_ERR_NOMEM, "resolving mentions: out of memory");
  *n_out = 0;
  return rc;
}
