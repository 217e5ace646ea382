/* gazetteer.h (private to extract/): the name and word-list data.
 *
 * Loaded from the plain, reviewable data files under data/ (countries with
 * their aliases and demonyms, organizations with acronyms and variants,
 * titles, first names, organization words, places, and names that are no
 * entity: market indices, holidays), which are built into the binary.  Immutable once loaded: one gazetteer is shared by the tagger (as
 * features), the rules and the resolver, from any number of threads.
 *
 * Every lookup key is folded with kg_text_fold (extract.h), so "Côte
 * d'Ivoire", "COTE D'IVOIRE" and "Cote d’Ivoire" are the same key.
 */
#ifndef KG_GAZETTEER_H
#define KG_GAZETTEER_H

#include <string.h>

#include "extract.h"

typedef struct kg_gazetteer kg_gazetteer;

/* Load the data built into the binary. */
int kg_gazetteer_load(kg_gazetteer **out, kg_error *err);
void kg_gazetteer_free(kg_gazetteer *g);

/* Word classes of one token, looked up by its folded text. */
enum {
  KG_GAZ_COUNTRY = 1u << 0,    /* a whole country name or alias: "italy", "u.s." */
  KG_GAZ_COUNTRY_PART = 1u << 1, /* inside a multi-word country name: "united" */
  KG_GAZ_DEMONYM = 1u << 2,    /* "italian", "syrians" */
  KG_GAZ_TITLE = 1u << 3,      /* "president", "minister", "mr.", "pope" */
  KG_GAZ_FIRST_NAME = 1u << 4, /* "antony", "luigi" */
  KG_GAZ_SURNAME = 1u << 5,    /* common family names */
  KG_GAZ_ORG_WORD = 1u << 6,   /* ends organization names: "ministry", "party", "corp." */
  KG_GAZ_ORG = 1u << 7,        /* a whole organization alias: "nato", "isis" */
  KG_GAZ_ORG_PART = 1u << 8,   /* inside a multi-word organization name */
  KG_GAZ_LOCATION = 1u << 9,   /* a whole city/region name: "rome", "sahel" */
  KG_GAZ_LOCATION_PART = 1u << 10,
  KG_GAZ_MONTH = 1u << 11,     /* "january", "jan." */
  KG_GAZ_WEEKDAY = 1u << 12,   /* "monday" */
  KG_GAZ_EVENT_WORD = 1u << 13, /* "summit", "election", "war", "pandemic" */
  KG_GAZ_COMMON = 1u << 14,    /* a common lower-case English word ("will", "may") */
};
uint32_t kg_gazetteer_word(const kg_gazetteer *g, const char *folded, size_t len);

/* A known multi- or single-word name.  The strings belong to the gazetteer and
 * live until kg_gazetteer_free. */
typedef struct kg_gaz_entry {
  kg_etype type;      /* country, organization, location, event, person */
  const char *id;     /* canonical entity id: "country:it", "organization:nato" */
  const char *label;  /* canonical label: "Italy", "NATO" */
  const char *iso;    /* countries: "IT|ITA"; "" otherwise */
  bool demonym;       /* matched through a demonym/adjective ("Italian") */
  bool ambiguous;     /* an alias that is also a common word ("IS", "US",
                         "Chad", "Turkey"): trust it only in context */
  const char *kind;   /* finer kind from the data file: countries "country" or
                         "territory"; organizations "intl", "agency", "alliance",
                         "bank", "armed", "gov", "party", "ngo", "media",
                         "company"; locations "city", "capital", "region",
                         "state", "continent", "sea", ...; events "war",
                         "pandemic", "competition", ... */
  const char *country; /* organizations and locations: home country, ISO
                          alpha-2 lower case ("it" for Rome); "" when none or
                          international, and for countries */
} kg_gaz_entry;

/* Whether entry g is a company or a bank the gazetteer knows. */
static inline bool kg_gaz_company(const kg_gaz_entry *g) {
  return g->type == KG_ORGANIZATION && g->kind &&
         (strcmp(g->kind, "company") == 0 || strcmp(g->kind, "bank") == 0);
}

/* The ISO alpha-2 code of country entry g ("it" of "country:it"), else NULL. */
static inline const char *kg_gaz_country_code(const kg_gaz_entry *g) {
  return g->type == KG_COUNTRY && strncmp(g->id, "country:", 8) == 0 ? g->id + 8 : NULL;
}

/* Longest known name starting at token i of a folded token sequence (tokens as
 * the segmenter makes them: "U.S." one token, "People" "'s" two).  Returns the
 * number of tokens matched (0 = none) and fills *out (may be NULL). */
size_t kg_gazetteer_match(const kg_gazetteer *g, const kg_str *folded, size_t n,
                          size_t i, kg_gaz_entry *out);

/* Whether folded tokens [0, n) are exactly a country's name (not a
 * demonym) or an organization's: a party of its own, as in "Airbus and
 * Boeing Co". */
bool kg_gazetteer_party(const kg_gazetteer *g, const kg_str *folded, size_t n);

/* Longest listed non-entity name starting at token i (data/non-entities.tsv:
 * market indices, holidays): a name that is no entity of any type ("Dow
 * Jones", "Christmas").  Returns the number of tokens (0 = none). */
size_t kg_gazetteer_non_entity(const kg_gazetteer *g, const kg_str *folded, size_t n,
                               size_t i);

/* Longest listed market index's name starting at token i (non-entities of
 * kind index: "Nikkei 225", "Dow Jones industrial average"); 0 = none. */
size_t kg_gazetteer_index(const kg_gazetteer *g, const kg_str *folded, size_t n, size_t i);

/* Whether the name folded[i, i+k) is used there as a market index: it
 * begins a listed index's longer name ("Nikkei" of "Nikkei average"), or it
 * is the first words of one and "index" or "average" follows ("Nikkei stock
 * index", "Hang Seng index"), or a verb of how a market moved ("the Nikkei
 * fell", "the Nasdaq was up"; not "Nasdaq said"); not a known place ("the
 * Shanghai index").  Returns the number of tokens of the index's name from
 * i (k or more), 0 when not. */
size_t kg_gazetteer_index_use(const kg_gazetteer *g, const kg_str *folded, size_t n, size_t i,
                              size_t k);

/* Both at once: the longest entity or non-entity name starting at token i;
 * *non_entity says which (*out is filled for an entity only). */
size_t kg_gazetteer_match_any(const kg_gazetteer *g, const kg_str *folded, size_t n, size_t i,
                              kg_gaz_entry *out, bool *non_entity);

/* Titles before a name (data/titles.tsv). */
typedef enum kg_title_kind {
  KG_TITLE_ROLE = 0,  /* stripped into the person's role: "Secretary of State" */
  KG_TITLE_KEEP,      /* part of the name: "Pope" (Francis), "King" (Charles) */
  KG_TITLE_HONORIFIC  /* stripped, not a role: "Mr.", "Dr.", "Sir" */
} kg_title_kind;

/* Longest title starting at token i of a folded token sequence ("secretary"
 * "of" "state" -> 3).  Returns the number of tokens (0 = none); *kind (may be
 * NULL) gets its kind. */
size_t kg_gazetteer_title(const kg_gazetteer *g, const kg_str *folded, size_t n,
                          size_t i, kg_title_kind *kind);

/* Look up one whole name (folded, may contain spaces), e.g. a tagged span. */
bool kg_gazetteer_lookup(const kg_gazetteer *g, const char *folded, size_t len,
                         kg_gaz_entry *out);

/* The organization one of whose names is this name (folded, may contain
 * spaces) and a legal form ("federal deposit insurance" of "Federal Deposit
 * Insurance Corporation"; not when two organizations have such a name).
 * For a mention written with another legal form ("... Corp"). */
bool kg_gazetteer_lookup_legal(const kg_gazetteer *g, const char *folded, size_t len,
                               kg_gaz_entry *out);

/* The entity with this id ("organization:general-motors"), as an entry
 * with no alias flags. */
bool kg_gazetteer_find_id(const kg_gazetteer *g, const char *id, size_t len, kg_gaz_entry *out);

#endif /* KG_GAZETTEER_H */
