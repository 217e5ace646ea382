/* test_gazetteer.c: the built-in gazetteer: every ISO 3166-1 country, the aliases the issues
 * name, ambiguity flags, word classes, titles, longest multi-word matches, fold insensitivity and
 * load time. */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "gazetteer.h"

static kg_gazetteer *gaz;

static void setup(void) {
  kg_error err = {0};
  int rc = kg_gazetteer_load(&gaz, &err);
  cr_assert_eq(rc, 0, "the built-in gazetteer must load, got %d: %s", rc, err.msg);
  cr_assert_not_null(gaz);
}

static void teardown(void) {
  kg_gazetteer_free(gaz);
  gaz = NULL;
}

/* Fold s with the shared normalization into buf. */
static const char *fold(const char *s, char *buf, size_t cap) {
  size_t n = kg_text_fold(s, strlen(s), buf, cap);
  cr_assert_lt(n, cap, "fold of '%s' does not fit", s);
  return buf;
}

static bool lookup(const char *name, kg_gaz_entry *e) {
  char buf[256];
  fold(name, buf, sizeof buf);
  memset(e, 0, sizeof *e);
  return kg_gazetteer_lookup(gaz, buf, strlen(buf), e);
}

static uint32_t word(const char *w) {
  char buf[128];
  fold(w, buf, sizeof buf);
  return kg_gazetteer_word(gaz, buf, strlen(buf));
}

/* Split text at spaces into folded tokens (the test's stand-in for the segmenter). */
typedef struct toks {
  char buf[2048];
  kg_str t[64];
  size_t n;
} toks;

/* Cut text with the real segmenter and fold each token, as the pipeline
 * does before it asks the gazetteer. */
static void segment_folded(kg_segmenter *sg, const char *text, toks *out) {
  kg_segments seg;
  kg_error err = {0};
  cr_assert_eq(kg_segment(sg, text, strlen(text), &seg, &err), 0, "%s", err.msg);
  cr_assert_leq(seg.n_tokens, 64, "'%s' has too many tokens", text);
  size_t used = 0;
  out->n = seg.n_tokens;
  for (size_t t = 0; t < out->n; t++) {
    size_t l = kg_text_fold(text + seg.tokens[t].start, seg.tokens[t].len, out->buf + used,
                            sizeof out->buf - used);
    cr_assert_lt(used + l, sizeof out->buf);
    out->t[t] = (kg_str){out->buf + used, l};
    used += l + 1;
  }
}

static void tokenize(const char *text, toks *out) {
  size_t len = kg_text_fold(text, strlen(text), out->buf, sizeof out->buf);
  cr_assert_lt(len, sizeof out->buf);
  out->n = 0;
  size_t i = 0;
  while (i < len) {
    while (i < len && out->buf[i] == ' ') i++;
    size_t b = i;
    while (i < len && out->buf[i] != ' ') i++;
    if (i > b) out->t[out->n++] = (kg_str){out->buf + b, i - b};
  }
}

TestSuite(gazetteer, .init = setup, .fini = teardown);

Test(gazetteer, every_iso_3166_country_is_present_with_its_alpha2_id) {
  const char *path = KG_TEST_DATA "/gazetteer/iso3166-1.tsv";
  FILE *f = fopen(path, "r");
  cr_assert_not_null(f, "cannot open %s", path);
  char line[256];
  size_t n = 0;
  while (fgets(line, sizeof line, f)) {
    if (line[0] == '#') continue;
    line[strcspn(line, "\r\n")] = '\0';
    char *tab = strchr(line, '\t');
    cr_assert_not_null(tab, "bad fixture line '%s'", line);
    *tab = '\0';
    char want[32];
    snprintf(want, sizeof want, "country:%c%c", line[0] | 0x20, line[1] | 0x20);
    kg_gaz_entry e;
    cr_assert(lookup(tab + 1, &e), "ISO 3166-1 %s '%s' must be in the gazetteer", line, tab + 1);
    cr_assert_eq(e.type, KG_COUNTRY, "'%s' must be a country", tab + 1);
    cr_assert_str_eq(e.id, want, "'%s' must resolve to %s, got %s", tab + 1, want, e.id);
    cr_assert_eq(strncmp(e.iso, line, 2), 0, "iso of %s must start with %s, got '%s'", e.id, line,
                 e.iso);
    n++;
  }
  fclose(f);
  cr_assert_eq(n, 249, "the fixture lists the 249 ISO 3166-1 entries, read %zu", n);
}

/* Criterion runs each parameter in a fresh process: parameters hold their strings inline, since
 * a pointer to a string literal need not be valid there. */
typedef struct alias_case {
  char alias[48];
  char id[64];
  bool demonym;
} alias_case;

ParameterizedTestParameters(gazetteer, aliases_resolve_to_their_entity) {
  static alias_case cases[] = {
      {"U.S.", "country:us", false},
      {"United States", "country:us", false},
      {"United States of America", "country:us", false},
      {"USA", "country:us", false},
      {"America", "country:us", false},
      {"Americans", "country:us", true},
      {"Britain", "country:gb", false},
      {"Great Britain", "country:gb", false},
      {"UK", "country:gb", false},
      {"U.K.", "country:gb", false},
      {"British", "country:gb", true},
      {"Britons", "country:gb", true},
      {"Ivory Coast", "country:ci", false},
      {"Côte d'Ivoire", "country:ci", false},
      {"Cote d’Ivoire", "country:ci", false},
      {"Ivorian", "country:ci", true},
      {"Syria", "country:sy", false},
      {"Syrians", "country:sy", true},
      {"Syrian", "country:sy", true},
      {"Italian", "country:it", true},
      {"Italians", "country:it", true},
      {"Vatican", "country:va", false},
      {"Holy See", "country:va", false},
      {"Burma", "country:mm", false},
      {"Myanmar", "country:mm", false},
      {"Swaziland", "country:sz", false},
      {"Eswatini", "country:sz", false},
      {"Czechia", "country:cz", false},
      {"Czech Republic", "country:cz", false},
      {"Türkiye", "country:tr", false},
      {"Turkiye", "country:tr", false},
      {"Turkey", "country:tr", false},
      {"UAE", "country:ae", false},
      {"DRC", "country:cd", false},
      {"Filipinos", "country:ph", true},
      {"Israelis", "country:il", true},
      {"South Korea", "country:kr", false},
      {"North Korea", "country:kp", false},
      {"Russia", "country:ru", false},
      {"Iran", "country:ir", false},
      {"People's Republic of China", "country:cn", false},
      {"Kosovo", "country:xk", false},
      {"United Nations", "organization:united-nations", false},
      {"U.N.", "organization:united-nations", false},
      {"UN", "organization:united-nations", false},
      {"NATO", "organization:nato", false},
      {"EU", "organization:european-union", false},
      {"European Union", "organization:european-union", false},
      {"IMF", "organization:international-monetary-fund", false},
      {"WHO", "organization:world-health-organization", false},
      {"OPEC", "organization:opec", false},
      {"Islamic State", "organization:islamic-state", false},
      {"IS", "organization:islamic-state", false},
      {"ISIS", "organization:islamic-state", false},
      {"ISIL", "organization:islamic-state", false},
      {"Daesh", "organization:islamic-state", false},
      {"al-Qaida", "organization:al-qaida", false},
      {"al-Qaeda", "organization:al-qaida", false},
      {"al Qaeda", "organization:al-qaida", false},
      {"Hamas", "organization:hamas", false},
      {"Hezbollah", "organization:hezbollah", false},
      {"Hizbollah", "organization:hezbollah", false},
      {"Taliban", "organization:taliban", false},
      {"State Department", "organization:state-department", false},
      {"Pentagon", "organization:pentagon", false},
      {"Kremlin", "organization:kremlin", false},
      {"Tories", "organization:conservative-party-gb", false},
      {"Syrian Democratic Forces", "organization:syrian-democratic-forces", false},
      {"SDF", "organization:syrian-democratic-forces", false},
      {"Kurdistan Workers' Party", "organization:kurdistan-workers-party", false},
      {"Rome", "location:rome", false},
      {"Sahel", "location:sahel", false},
      {"Middle East", "location:middle-east", false},
      {"Gaza Strip", "location:gaza-strip", false},
      {"West Bank", "location:west-bank", false},
      {"Kashmir", "location:kashmir", false},
      {"Crimea", "location:crimea", false},
      {"Darfur", "location:darfur", false},
      {"Texas", "location:texas", false},
      {"Kiev", "location:kyiv", false},
      {"Washington", "location:washington", false},
      {"London", "location:london", false},
      {"Scottish", "location:scotland", true},
      {"World War II", "event:world-war-ii", false},
      {"Second World War", "event:world-war-ii", false},
      {"COVID-19 pandemic", "event:covid-19-pandemic", false},
      {"COP28", "event:un-climate-change-conference", false},
      {"Tea Party", "", false},
  };
  return cr_make_param_array(alias_case, cases, sizeof cases / sizeof cases[0]);
}

ParameterizedTest(alias_case *c, gazetteer, aliases_resolve_to_their_entity) {
  kg_gaz_entry e;
  if (!c->id[0]) {
    cr_assert_not(lookup(c->alias, &e), "'%s' must not be in the gazetteer, found %s", c->alias,
                  e.id);
    return;
  }
  cr_assert(lookup(c->alias, &e), "'%s' must be in the gazetteer", c->alias);
  cr_assert_str_eq(e.id, c->id, "'%s' must resolve to %s, got %s", c->alias, c->id, e.id);
  cr_assert_eq(e.demonym, c->demonym, "'%s': demonym flag must be %d", c->alias, c->demonym);
}

Test(gazetteer, entries_carry_label_iso_type_and_kind) {
  kg_gaz_entry e;
  cr_assert(lookup("U.S.", &e));
  cr_assert_eq(e.type, KG_COUNTRY);
  cr_assert_str_eq(e.label, "United States");
  cr_assert_str_eq(e.iso, "US|USA");
  cr_assert_str_eq(e.kind, "country");
  cr_assert_str_eq(e.country, "", "a country has no home country, got '%s'", e.country);
  cr_assert(lookup("Italy", &e));
  cr_assert_str_eq(e.label, "Italy");
  cr_assert_str_eq(e.iso, "IT|ITA");
  cr_assert(lookup("isis", &e));
  cr_assert_eq(e.type, KG_ORGANIZATION);
  cr_assert_str_eq(e.label, "Islamic State");
  cr_assert_str_eq(e.iso, "", "organizations have no iso codes, got '%s'", e.iso);
  cr_assert_str_eq(e.kind, "armed");
}

Test(gazetteer, named_events_are_events) {
  kg_gaz_entry e;
  cr_assert(lookup("WWII", &e));
  cr_assert_eq(e.type, KG_EVENT, "WWII must be an event, got type %d", e.type);
  cr_assert_str_eq(e.label, "World War II");
  cr_assert_str_eq(e.kind, "war");
}

Test(gazetteer, rome_is_a_location_in_italy_not_a_country) {
  kg_gaz_entry e;
  cr_assert(lookup("Rome", &e));
  cr_assert_eq(e.type, KG_LOCATION, "Rome must be a location, got type %d", e.type);
  cr_assert_str_eq(e.country, "it", "Rome lies in Italy, got '%s'", e.country);
  uint32_t w = word("rome");
  cr_assert(w & KG_GAZ_LOCATION, "'rome' must have the location class");
  cr_assert_not(w & KG_GAZ_COUNTRY, "'rome' must not have the country class");
}

typedef struct name_case {
  char name[32];
} name_case;

ParameterizedTestParameters(gazetteer, ambiguous_aliases_are_flagged) {
  static name_case cases[] = {
      {"Chad"},  {"Turkey"}, {"Jordan"},  {"Georgia"}, {"Niger"},     {"Guinea"},
      {"US"},    {"IS"},     {"WHO"},     {"Congo"},   {"Polish"},    {"Holland"},
      {"Korea"}, {"Fed"},    {"AU"},      {"Douglas"}, {"Henderson"}, {"Reading"},
      {"the West"}, {"Home Office"}, {"Vladimir"}};
  return cr_make_param_array(name_case, cases, sizeof cases / sizeof cases[0]);
}

ParameterizedTest(name_case *c, gazetteer, ambiguous_aliases_are_flagged) {
  kg_gaz_entry e;
  cr_assert(lookup(c->name, &e), "'%s' must be in the gazetteer", c->name);
  cr_assert(e.ambiguous, "'%s' (%s) must be flagged ambiguous", c->name, e.id);
}

ParameterizedTestParameters(gazetteer, unambiguous_aliases_are_not_flagged) {
  static name_case cases[] = {
      {"Italy"}, {"U.S."},    {"United States"}, {"Türkiye"},   {"NATO"},
      {"ISIS"},  {"Syria"},   {"Britain"},       {"Rome"},      {"Chadian"},
      {"Jordanian"}, {"Republic of Chad"}, {"Wellington"}, {"Sydney"}};
  return cr_make_param_array(name_case, cases, sizeof cases / sizeof cases[0]);
}

ParameterizedTest(name_case *c, gazetteer, unambiguous_aliases_are_not_flagged) {
  kg_gaz_entry e;
  cr_assert(lookup(c->name, &e), "'%s' must be in the gazetteer", c->name);
  cr_assert_not(e.ambiguous, "'%s' (%s) must not be flagged ambiguous", c->name, e.id);
}

typedef struct word_case {
  char word[24];
  uint32_t must;     /* every one of these classes */
  uint32_t must_not; /* none of these */
} word_case;

ParameterizedTestParameters(gazetteer, words_have_their_classes) {
  static word_case cases[] = {
      {"italy", KG_GAZ_COUNTRY, KG_GAZ_DEMONYM},
      {"u.s.", KG_GAZ_COUNTRY, 0},
      {"united", KG_GAZ_COUNTRY_PART | KG_GAZ_ORG_PART | KG_GAZ_COMMON, KG_GAZ_COUNTRY},
      {"italian", KG_GAZ_DEMONYM, KG_GAZ_COUNTRY},
      {"syrians", KG_GAZ_DEMONYM, 0},
      {"president", KG_GAZ_TITLE | KG_GAZ_COMMON, 0},
      {"minister", KG_GAZ_TITLE, 0},
      {"mr.", KG_GAZ_TITLE, 0},
      {"pope", KG_GAZ_TITLE, 0},
      {"antony", KG_GAZ_FIRST_NAME, 0},
      {"luigi", KG_GAZ_FIRST_NAME, KG_GAZ_COMMON},
      {"jens", KG_GAZ_FIRST_NAME, 0},
      {"sergio", KG_GAZ_FIRST_NAME, 0},
      {"ministry", KG_GAZ_ORG_WORD | KG_GAZ_COMMON, 0},
      {"party", KG_GAZ_ORG_WORD, 0},
      {"corp.", KG_GAZ_ORG_WORD, 0},
      {"forces", KG_GAZ_ORG_WORD | KG_GAZ_ORG_PART, 0},
      {"nato", KG_GAZ_ORG, 0},
      {"isis", KG_GAZ_ORG, 0},
      {"nations", KG_GAZ_ORG_PART, 0},
      {"rome", KG_GAZ_LOCATION, 0},
      {"sahel", KG_GAZ_LOCATION, 0},
      {"gaza", KG_GAZ_LOCATION | KG_GAZ_LOCATION_PART, 0},
      {"january", KG_GAZ_MONTH, 0},
      {"jan.", KG_GAZ_MONTH, 0},
      {"may", KG_GAZ_MONTH | KG_GAZ_COMMON, 0},
      {"monday", KG_GAZ_WEEKDAY, KG_GAZ_MONTH},
      {"summit", KG_GAZ_EVENT_WORD, 0},
      {"election", KG_GAZ_EVENT_WORD, 0},
      {"pandemic", KG_GAZ_EVENT_WORD, 0},
      {"will", KG_GAZ_COMMON, 0},
      {"smith", KG_GAZ_SURNAME, 0},
      {"stoltenberg", KG_GAZ_SURNAME, KG_GAZ_FIRST_NAME},
      {"kim", KG_GAZ_SURNAME | KG_GAZ_FIRST_NAME, 0},
      {"yilmaz", KG_GAZ_SURNAME, 0},
      {"the", KG_GAZ_COMMON, 0},
      {"blinken", 0, KG_GAZ_COMMON | KG_GAZ_COUNTRY | KG_GAZ_ORG | KG_GAZ_LOCATION},
  };
  return cr_make_param_array(word_case, cases, sizeof cases / sizeof cases[0]);
}

ParameterizedTest(word_case *c, gazetteer, words_have_their_classes) {
  uint32_t w = word(c->word);
  cr_assert_eq(w & c->must, c->must, "'%s' must have classes 0x%x, has 0x%x", c->word, c->must, w);
  cr_assert_eq(w & c->must_not, 0, "'%s' must not have classes 0x%x, has 0x%x", c->word,
               c->must_not, w);
}

/* A spelling marked '=' is matched as its entity, but its words get no
 * word class, so the tagger's features do not change with it: "W." stays
 * the initial of "George W. Bush". */
Test(gazetteer, a_quiet_spelling_matches_but_gives_its_words_no_class) {
  kg_str t[2] = {{"w.", 2}, {"va.", 3}};
  kg_gaz_entry e;
  cr_assert_eq(kg_gazetteer_match(gaz, t, 2, 0, &e), 2, "\"W. Va.\" is matched whole");
  cr_assert_str_eq(e.id, "location:west-virginia");
  cr_assert_eq(kg_gazetteer_word(gaz, "w.", 2) & KG_GAZ_LOCATION_PART, 0u,
               "\"w.\" is no part of a place's name");
  cr_assert_eq(kg_gazetteer_word(gaz, "dak.", 4), 0u, "\"dak.\" has no class");
  cr_assert_neq(kg_gazetteer_word(gaz, "virginia", 8) & KG_GAZ_LOCATION_PART, 0u,
                "an ordinary alias's words have theirs");
}

/* A label the names column spells quiet ("=Third World") is quiet too. */
Test(gazetteer, a_quiet_label_matches_but_gives_its_words_no_class) {
  kg_str t[2] = {{"third", 5}, {"world", 5}};
  kg_gaz_entry e;
  cr_assert_eq(kg_gazetteer_match(gaz, t, 2, 0, &e), 2, "\"Third World\" is matched whole");
  cr_assert_str_eq(e.id, "location:third-world");
  cr_assert_eq(kg_gazetteer_word(gaz, "third", 5) & (KG_GAZ_LOCATION | KG_GAZ_LOCATION_PART), 0u,
               "\"third\" is no part of a place's name");
}

Test(gazetteer, unknown_and_empty_words_have_no_class) {
  cr_assert_eq(kg_gazetteer_word(gaz, "zzqxv", 5), 0);
  cr_assert_eq(kg_gazetteer_word(gaz, "", 0), 0);
  cr_assert_eq(kg_gazetteer_word(NULL, "italy", 5), 0, "a NULL gazetteer knows no word");
}

typedef struct match_case {
  char text[64]; /* space-separated tokens */
  size_t at;     /* token index to match at */
  size_t n;      /* expected tokens matched, 0 = none */
  char id[64];   /* "" when none */
} match_case;

ParameterizedTestParameters(gazetteer, longest_name_matches_at_a_token) {
  static match_case cases[] = {
      {"the United States of America said", 1, 4, "country:us"},
      {"the United States said", 1, 2, "country:us"},
      {"in the U.S. on Monday", 2, 1, "country:us"},
      {"the Democratic Republic of the Congo and", 1, 5, "country:cd"},
      {"Republic of the Congo", 0, 4, "country:cg"},
      {"the Congo said", 1, 1, "country:cg"},
      {"the Congo River", 1, 2, "location:congo-river"},
      {"Papua New Guinea", 0, 3, "country:pg"},
      {"New Guinea", 1, 1, "country:gn"},
      {"Guinea-Bissau", 0, 1, "country:gw"},
      {"South Sudan and Sudan", 0, 2, "country:ss"},
      {"South Sudan and Sudan", 3, 1, "country:sd"},
      {"Côte d'Ivoire", 0, 2, "country:ci"},
      {"COTE D'IVOIRE", 0, 2, "country:ci"},
      {"People 's Republic of China", 0, 5, "country:cn"},
      {"Italy 's foreign minister", 0, 1, "country:it"},
      {"Syrian Democratic Forces ( SDF )", 0, 3, "organization:syrian-democratic-forces"},
      {"Syrian Democratic Forces ( SDF )", 4, 1, "organization:syrian-democratic-forces"},
      {"Syrian refugees", 0, 1, "country:sy"},
      {"the Islamic State group", 1, 3, "organization:islamic-state"},
      {"U.S. State Department", 0, 3, "organization:state-department"},
      {"the State Department", 1, 2, "organization:state-department"},
      {"New Mexico", 0, 2, "location:new-mexico"},
      {"Gulf of Mexico", 0, 3, "location:gulf-of-mexico"},
      {"Latin America", 0, 2, "location:latin-america"},
      {"Kurdistan Workers ' Party", 0, 4, "organization:kurdistan-workers-party"},
      {"Antony Blinken said", 0, 0, ""},
      {"the", 0, 0, ""},
  };
  return cr_make_param_array(match_case, cases, sizeof cases / sizeof cases[0]);
}

ParameterizedTest(match_case *c, gazetteer, longest_name_matches_at_a_token) {
  toks t;
  tokenize(c->text, &t);
  kg_gaz_entry e = {0};
  size_t n = kg_gazetteer_match(gaz, t.t, t.n, c->at, &e);
  cr_assert_eq(n, c->n, "'%s' at token %zu: expected %zu tokens, got %zu", c->text, c->at, c->n,
               n);
  if (c->id[0])
    cr_assert_str_eq(e.id, c->id, "'%s' at token %zu: expected %s, got %s", c->text, c->at, c->id,
                     e.id);
}

Test(gazetteer, match_stays_inside_the_token_array) {
  toks t;
  tokenize("the United States", &t);
  kg_gaz_entry e;
  cr_assert_eq(kg_gazetteer_match(gaz, t.t, 2, 1, &e), 0, "only 'united' is inside n=2: no name");
  cr_assert_eq(kg_gazetteer_match(gaz, t.t, 3, 1, &e), 2, "'united states' is inside n=3");
  cr_assert_eq(kg_gazetteer_match(gaz, t.t, t.n, t.n, &e), 0, "i == n matches nothing");
}

typedef struct title_case {
  char text[80];
  size_t n;
  kg_title_kind kind;
} title_case;

ParameterizedTestParameters(gazetteer, titles_match_longest_with_their_kind) {
  static title_case cases[] = {
      {"Secretary of State Antony Blinken", 3, KG_TITLE_ROLE},
      {"Secretary Blinken", 1, KG_TITLE_ROLE},
      {"Foreign Minister Luigi Di Maio", 2, KG_TITLE_ROLE},
      {"Italian Foreign Minister", 0, KG_TITLE_ROLE},
      {"Prime Minister Mario Draghi", 2, KG_TITLE_ROLE},
      {"NATO Secretary-General Jens Stoltenberg", 0, KG_TITLE_ROLE},
      {"Secretary-General Jens Stoltenberg", 1, KG_TITLE_ROLE},
      {"Pope Francis", 1, KG_TITLE_KEEP},
      {"King Charles", 1, KG_TITLE_KEEP},
      {"Queen Elizabeth", 1, KG_TITLE_KEEP},
      {"Prince Harry", 1, KG_TITLE_KEEP},
      {"Mr. Blinken", 1, KG_TITLE_HONORIFIC},
      {"Dr. Tedros", 1, KG_TITLE_HONORIFIC},
      {"Gen. Mark Milley", 1, KG_TITLE_ROLE},
      {"Sen. Bob Menendez", 1, KG_TITLE_ROLE},
      {"President Joe Biden", 1, KG_TITLE_ROLE},
      {"Acting Assistant Secretary of State for Near Eastern Affairs Joey Hood", 0, KG_TITLE_ROLE},
  };
  return cr_make_param_array(title_case, cases, sizeof cases / sizeof cases[0]);
}

ParameterizedTest(title_case *c, gazetteer, titles_match_longest_with_their_kind) {
  toks t;
  tokenize(c->text, &t);
  kg_title_kind kind = (kg_title_kind)-1;
  size_t n = kg_gazetteer_title(gaz, t.t, t.n, 0, &kind);
  cr_assert_eq(n, c->n, "'%s': expected a title of %zu tokens, got %zu", c->text, c->n, n);
  if (n) cr_assert_eq(kind, c->kind, "'%s': expected kind %d, got %d", c->text, c->kind, kind);
}

Test(gazetteer, lookup_is_case_and_diacritics_insensitive) {
  static const char *forms[] = {"Türkiye", "TÜRKIYE", "turkiye", "TURKIYE", "Tu\xcc\x88rkiye"};
  for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
    kg_gaz_entry e;
    cr_assert(lookup(forms[i], &e), "'%s' must be found", forms[i]);
    cr_assert_str_eq(e.id, "country:tr", "'%s' must be Turkey, got %s", forms[i], e.id);
  }
  kg_gaz_entry e;
  cr_assert(lookup("UNITED  STATES", &e), "runs of spaces are one separator");
  cr_assert_str_eq(e.id, "country:us");
  cr_assert(lookup("People's Republic of China", &e), "possessive 's inside a name");
  cr_assert_str_eq(e.id, "country:cn");
}

Test(gazetteer, lookup_rejects_unknown_and_partial_names) {
  kg_gaz_entry e;
  cr_assert_not(lookup("United", &e), "a part of a name is not a name");
  cr_assert_not(lookup("Antony Blinken", &e));
  cr_assert_not(lookup("", &e));
  cr_assert_not(kg_gazetteer_lookup(NULL, "italy", 5, &e));
  cr_assert_not(lookup("monday", &e), "a weekday is a word class, not an entity");
}

Test(gazetteer, an_organization_is_found_by_its_name_without_the_legal_form) {
  char buf[256];
  kg_gaz_entry e;
  fold("Federal Deposit Insurance", buf, sizeof buf);
  cr_assert(kg_gazetteer_lookup_legal(gaz, buf, strlen(buf), &e),
            "the name of 'Federal Deposit Insurance Corporation' before its legal form");
  cr_assert_str_eq(e.id, "organization:federal-deposit-insurance-corporation");
  cr_assert_not(lookup("Federal Deposit Insurance", &e), "not a name of its own");
  fold("Walt Disney", buf, sizeof buf);
  cr_assert(kg_gazetteer_lookup_legal(gaz, buf, strlen(buf), &e));
  cr_assert_str_eq(e.id, "organization:disney");
  fold("Federal Deposit", buf, sizeof buf);
  cr_assert_not(kg_gazetteer_lookup_legal(gaz, buf, strlen(buf), &e), "a part is no name");
  fold("Italy", buf, sizeof buf);
  cr_assert_not(kg_gazetteer_lookup_legal(gaz, buf, strlen(buf), &e), "only organizations");
  cr_assert_not(kg_gazetteer_lookup_legal(NULL, "x", 1, &e));
}

/* Every alias of every entity file, cut into tokens by the real segmenter and folded, must match
 * whole at token 0 and name its own entity (an alias marked '?' may belong to an earlier one).
 * This keeps the gazetteer's key making in step with segment.c and the data reachable. */
static int check_aliases(const char *file, kg_segmenter *sg, char *report, size_t cap,
                         size_t *n_aliases) {
  char path[1024];
  snprintf(path, sizeof path, "%s/data/%s", KG_SOURCE_DIR, file);
  FILE *f = fopen(path, "r");
  cr_assert_not_null(f, "cannot open %s", path);
  static char line[1 << 16];
  int bad = 0;
  size_t lineno = 0;
  while (fgets(line, sizeof line, f)) {
    lineno++;
    if (line[0] == '#' || line[0] == '\n') continue;
    line[strcspn(line, "\r\n")] = '\0';
    char *col[6] = {0};
    size_t nc = 0;
    for (char *p = line; p && nc < 6; nc++) {
      col[nc] = p;
      p = strchr(p, '\t');
      if (p) *p++ = '\0';
    }
    cr_assert_geq(nc, 5, "%s:%zu: expected at least 5 columns", file, lineno);
    for (size_t c = 4; c < nc; c++) {
      for (char *a = col[c]; a && *a;) {
        char *bar = strchr(a, '|');
        if (bar) *bar = '\0';
        bool amb = a[0] == '?';
        const char *name = amb ? a + 1 : a;
        name += name[0] == '='; /* a quiet spelling: matched all the same */
        toks tk;
        segment_folded(sg, name, &tk);
        const kg_str *tok = tk.t;
        size_t n = tk.n;
        kg_gaz_entry e = {0};
        size_t k = kg_gazetteer_match(gaz, tok, n, 0, &e);
        /* A state's abbreviation that the segmenter parts from its full stop
         * ("Penn." of "Sean Penn."): reached by the lookups of datelines and
         * "Beverly, Mass" (tagsource.c), word and full stop as one key. */
        char key[64];
        if (k != n && n == 2 && tok[1].len == 1 && tok[1].ptr[0] == '.' &&
            tok[0].len + 1 < sizeof key) {
          memcpy(key, tok[0].ptr, tok[0].len);
          key[tok[0].len] = '.';
          if (kg_gazetteer_lookup(gaz, key, tok[0].len + 1, &e))
            k = n;
        }
        if (k != n || (!amb && strcmp(e.id, col[0]) != 0)) {
          if (bad < 5) {
            size_t len = strlen(report);
            snprintf(report + len, cap - len, " %s:%zu '%s' (%zu of %zu tokens, %s);", file,
                     lineno, name, k, n, k ? e.id : "no match");
          }
          bad++;
        }
        (*n_aliases)++;
        a = bar ? bar + 1 : NULL;
      }
    }
  }
  fclose(f);
  return bad;
}

Test(gazetteer, every_alias_is_found_through_the_segmenter) {
  static const char *files[] = {"countries.tsv", "organizations.tsv", "regions.tsv",
                                "events.tsv", "cities.tsv"};
  kg_segmenter *sg = kg_segmenter_new();
  cr_assert_not_null(sg);
  char report[2048] = "";
  size_t n = 0;
  int bad = 0;
  for (size_t i = 0; i < sizeof files / sizeof files[0]; i++)
    bad += check_aliases(files[i], sg, report, sizeof report, &n);
  kg_segmenter_free(sg);
  cr_assert_gt(n, 7000, "the entity files hold over 7000 aliases, read %zu", n);
  cr_assert_eq(bad, 0, "%d of %zu aliases are not found whole as their entity:%s", bad, n,
               report);
}

/* The same for titles: each must match whole, with its kind, through the segmenter. */
Test(gazetteer, every_title_is_found_through_the_segmenter) {
  char path[1024];
  snprintf(path, sizeof path, "%s/data/titles.tsv", KG_SOURCE_DIR);
  FILE *f = fopen(path, "r");
  cr_assert_not_null(f, "cannot open %s", path);
  kg_segmenter *sg = kg_segmenter_new();
  char line[256], report[2048] = "";
  size_t n_titles = 0;
  int bad = 0;
  while (fgets(line, sizeof line, f)) {
    if (line[0] == '#' || line[0] == '\n') continue;
    line[strcspn(line, "\r\n")] = '\0';
    char *tab = strchr(line, '\t');
    cr_assert_not_null(tab, "titles.tsv: '%s' has no kind", line);
    *tab = '\0';
    toks tk;
    segment_folded(sg, line, &tk);
    const kg_str *tok = tk.t;
    size_t n = tk.n;
    kg_title_kind kind;
    size_t k = kg_gazetteer_title(gaz, tok, n, 0, &kind);
    if (k != n) {
      if (bad < 8) {
        size_t len = strlen(report);
        snprintf(report + len, sizeof report - len, " '%s' (%zu of %zu tokens);", line, k, n);
      }
      bad++;
    }
    n_titles++;
  }
  fclose(f);
  kg_segmenter_free(sg);
  cr_assert_gt(n_titles, 200, "titles.tsv holds over 200 titles, read %zu", n_titles);
  cr_assert_eq(bad, 0, "%d of %zu titles are not found whole:%s", bad, n_titles, report);
}

/* Word lists hold single tokens: each word, in running text, is one token of the segmenter. */
Test(gazetteer, every_listed_word_is_one_token) {
  static const char *files[] = {"org-words.txt", "months.txt",      "weekdays.txt",
                                "event-words.txt", "first-names.txt", "surnames.txt"};
  kg_segmenter *sg = kg_segmenter_new();
  char report[1024] = "";
  int bad = 0;
  for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
    char path[1024], line[256], text[300];
    snprintf(path, sizeof path, "%s/data/%s", KG_SOURCE_DIR, files[i]);
    FILE *f = fopen(path, "r");
    cr_assert_not_null(f, "cannot open %s", path);
    while (fgets(line, sizeof line, f)) {
      if (line[0] == '#' || line[0] == '\n') continue;
      line[strcspn(line, "\r\n")] = '\0';
      snprintf(text, sizeof text, "the %s said", line);
      kg_segments seg;
      kg_error err = {0};
      cr_assert_eq(kg_segment(sg, text, strlen(text), &seg, &err), 0, "%s", err.msg);
      if (seg.n_tokens != 3) {
        if (bad++ < 8) {
          size_t len = strlen(report);
          snprintf(report + len, sizeof report - len, " %s '%s';", files[i], line);
        }
      }
    }
    fclose(f);
  }
  kg_segmenter_free(sg);
  cr_assert_eq(bad, 0, "%d listed words are not one token:%s", bad, report);
}

Test(gazetteer, entities_are_found_by_id) {
  kg_gaz_entry e;
  cr_assert(kg_gazetteer_find_id(gaz, "organization:general-motors", 27, &e),
            "General Motors has the id organization:general-motors");
  cr_expect_str_eq(e.label, "General Motors");
  cr_expect_eq(e.type, KG_ORGANIZATION);
  cr_expect(kg_gazetteer_find_id(gaz, "country:it", 10, NULL));
  cr_expect_not(kg_gazetteer_find_id(gaz, "person:general-motors", 21, NULL),
                "an id of another type is another id");
  cr_expect_not(kg_gazetteer_find_id(gaz, "organization:general", 20, NULL));
}

Test(gazetteer, data_gaps_of_issue_4_are_filled) {
  kg_gaz_entry e;
  cr_assert(lookup("Taleban", &e), "the Taleban spelling is an alias");
  cr_expect_str_eq(e.id, "organization:taliban");
  cr_assert(lookup("Bali", &e));
  cr_expect_str_eq(e.id, "location:bali", "Bali is the Indonesian island");
  cr_expect_str_eq(e.country, "id");
  cr_assert(lookup("Khushab", &e));
  cr_expect_str_eq(e.label, "Khushab", "city labels are plain letters, got %s", e.label);
  cr_assert(lookup("Sao Paulo", &e));
  cr_expect_str_eq(e.label, "Sao Paulo");
  cr_expect(lookup("São Paulo", &e), "the GeoNames spelling is still found");
  static const char *const titles[] = {"state councilor", "councillor", "charge d'affaires",
                                       "prophet"};
  for (size_t i = 0; i < sizeof titles / sizeof *titles; i++) {
    toks t;
    tokenize(titles[i], &t);
    kg_title_kind kind;
    cr_expect_eq(kg_gazetteer_title(gaz, t.t, t.n, 0, &kind), t.n, "'%s' is a title",
                 titles[i]);
    cr_expect_eq(kind, KG_TITLE_ROLE, "'%s' is a role", titles[i]);
  }
}

Test(gazetteer, non_entities_are_found_and_name_nothing) {
  static const struct {
    const char *text;
    size_t n;
  } cases[] = {{"dow jones industrial average fell", 4}, {"the dow", 0}, {"dow jones", 2},
               {"christmas sales", 1}, {"christmas island", 1}, {"hang seng index", 3},
               {"nikkei 225", 2}, {"macbook air sales", 2}, {"boeing 787 dreamliner", 3},
               {"iphone", 1}, {"gdp growth", 1}};
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    toks t;
    tokenize(cases[i].text, &t);
    cr_expect_eq(kg_gazetteer_non_entity(gaz, t.t, t.n, 0), cases[i].n,
                 "'%s': a non-entity of %zu tokens", cases[i].text, cases[i].n);
  }
  toks t;
  tokenize("dow jones", &t);
  cr_expect_eq(kg_gazetteer_match(gaz, t.t, t.n, 0, NULL), 0, "a non-entity is no entity");
  cr_expect_eq(word("dow"), 0, "a non-entity sets no word class (the tagger's features)");
  tokenize("christmas island", &t);
  cr_expect_eq(kg_gazetteer_match(gaz, t.t, t.n, 0, NULL), 2,
               "the longer territory wins over the holiday in its name (the rules compare)");
  kg_gaz_entry e;
  cr_expect(lookup("Nikkei", &e) && e.type == KG_ORGANIZATION,
            "an entity file's name wins over the same non-entity name");
  tokenize("boeing 787", &t);
  cr_expect_eq(kg_gazetteer_non_entity(gaz, t.t, t.n, 0), 2, "'Boeing 787' is a product");
  cr_expect(lookup("Boeing", &e) && e.type == KG_ORGANIZATION, "'Boeing' alone is the company");
}

/* Every listed non-entity is found whole through the segmenter. */
Test(gazetteer, every_non_entity_is_found_through_the_segmenter) {
  char path[1024];
  snprintf(path, sizeof path, "%s/data/non-entities.tsv", KG_SOURCE_DIR);
  FILE *f = fopen(path, "r");
  cr_assert_not_null(f, "cannot open %s", path);
  kg_segmenter *sg = kg_segmenter_new();
  char line[256], report[1024] = "";
  size_t n_names = 0;
  int bad = 0;
  while (fgets(line, sizeof line, f)) {
    if (line[0] == '#' || line[0] == '\n') continue;
    line[strcspn(line, "\r\n")] = '\0';
    char *tab = strchr(line, '\t');
    cr_assert_not_null(tab, "non-entities.tsv: '%s' has no kind", line);
    *tab = '\0';
    toks tk;
    segment_folded(sg, line, &tk);
    const kg_str *tok = tk.t;
    size_t n = tk.n;
    kg_gaz_entry e;
    size_t k = kg_gazetteer_non_entity(gaz, tok, n, 0);
    bool entity = kg_gazetteer_match(gaz, tok, n, 0, &e) == n;
    if (k != n && !entity) {
      if (bad < 8) {
        size_t len = strlen(report);
        snprintf(report + len, sizeof report - len, " '%s' (%zu of %zu tokens);", line, k, n);
      }
      bad++;
    }
    n_names++;
  }
  fclose(f);
  kg_segmenter_free(sg);
  cr_assert_gt(n_names, 50, "non-entities.tsv holds over 50 names, read %zu", n_names);
  cr_assert_eq(bad, 0, "%d of %zu non-entities are not found whole:%s", bad, n_names, report);
}

static void *read_many(void *arg) {
  (void)arg;
  static const char *names[] = {"italy", "u.s.", "nato", "rome", "isis", "syrians"};
  for (int r = 0; r < 2000; r++) {
    kg_gaz_entry e;
    const char *n = names[r % 6];
    if (!kg_gazetteer_lookup(gaz, n, strlen(n), &e)) return (void *)1;
  }
  return NULL;
}

Test(gazetteer, concurrent_reads_agree) {
  pthread_t th[4];
  for (int i = 0; i < 4; i++) cr_assert_eq(pthread_create(&th[i], NULL, read_many, NULL), 0);
  for (int i = 0; i < 4; i++) {
    void *res = (void *)1;
    pthread_join(th[i], &res);
    cr_assert_null(res, "every lookup from thread %d must succeed", i);
  }
}

/* CPU time of this thread: the machine is shared, and wall time measures the neighbours. */
static double now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* An optimized build loads in about 5 ms of CPU; Debug and sanitizer builds are many times
 * slower, so they get a looser budget.  Either catches an accidental quadratic load. */
#if defined(__OPTIMIZE__) && !defined(__SANITIZE_ADDRESS__)
#define LOAD_BUDGET_MS 50.0
#else
#define LOAD_BUDGET_MS 500.0
#endif

Test(gazetteer_load, loads_fast_and_frees_cleanly) {
  kg_gazetteer *g = NULL;
  kg_error err = {0};
  double best = 1e9;
  for (int i = 0; i < 3; i++) {
    double t0 = now_ms();
    int rc = kg_gazetteer_load(&g, &err);
    double dt = now_ms() - t0;
    cr_assert_eq(rc, 0, "%s", err.msg);
    if (dt < best) best = dt;
    kg_gazetteer_free(g);
    g = NULL;
  }
  cr_log_info("gazetteer load: %.2f ms of CPU (best of 3)", best);
  cr_assert_lt(best, LOAD_BUDGET_MS, "loading the gazetteer took %.1f ms of CPU", best);
  kg_gazetteer_free(NULL);
}

Test(gazetteer_load, null_out_is_a_usage_error) {
  kg_error err = {0};
  cr_assert_eq(kg_gazetteer_load(NULL, &err), KG_ERR_USAGE);
  cr_assert_neq(err.msg[0], '\0', "the error must say what is wrong");
}
