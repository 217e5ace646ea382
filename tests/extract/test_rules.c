/* test_rules.c: the rule-based name source and the event patterns on
 * hand-made documents (word classes from the fixture lexicon; the
 * gazetteer pass is covered with the real data in test_extractor.c). */
#include <criterion/criterion.h>
#include <string.h>

#include "docview_fixture.h"

static fx F;
static kg_candbuf B;

static const fx_word extra[] = {
    {"nato", KG_GAZ_ORG},
    {"u.s.", KG_GAZ_COUNTRY},
    {"iraq", KG_GAZ_COUNTRY},
    {"jens", KG_GAZ_FIRST_NAME},
    {"bureau", KG_GAZ_ORG_WORD | KG_GAZ_COMMON},
    {"affairs", KG_GAZ_COMMON},
    {"eastern", KG_GAZ_COMMON},
    {"near", KG_GAZ_COMMON},
    {"ministerial", KG_GAZ_COMMON},
    {"war", KG_GAZ_EVENT_WORD | KG_GAZ_COMMON},
    {"foreign", KG_GAZ_COMMON},
    {"ministers", KG_GAZ_COMMON},
    {"logo", KG_GAZ_COMMON},
    {"paris", KG_GAZ_LOCATION | KG_GAZ_FIRST_NAME},
    {"airport", KG_GAZ_ORG_WORD | KG_GAZ_COMMON},
    {"jones", KG_GAZ_FIRST_NAME},
    {"industrial", KG_GAZ_COMMON},
    {"average", KG_GAZ_COMMON},
    {"north", KG_GAZ_COMMON | KG_GAZ_LOCATION_PART},
    {"america", KG_GAZ_COUNTRY | KG_GAZ_FIRST_NAME},
    {"united", KG_GAZ_COMMON | KG_GAZ_COUNTRY_PART},
    {"states", KG_GAZ_COMMON | KG_GAZ_COUNTRY_PART},
    {"major", KG_GAZ_COMMON},
    {"ftse", 0},
    {"italian", KG_GAZ_DEMONYM},
    {"election", KG_GAZ_EVENT_WORD | KG_GAZ_COMMON},
    {"ferry", KG_GAZ_COMMON | KG_GAZ_SURNAME},
    {"disaster", KG_GAZ_EVENT_WORD | KG_GAZ_COMMON},
    {"meeting", KG_GAZ_EVENT_WORD | KG_GAZ_COMMON},
    {NULL, 0},
};

static void find_names(const char *text) {
  fx_build(&F, text, extra);
  memset(&B, 0, sizeof B);
  kg_msource src;
  kg_error err = {0};
  cr_assert_eq(kg_rules_source(&src, &err), 0);
  cr_assert_eq(src.find(src.self, &F.dv, &B, &err), 0, "%s", err.msg);
  src.free(src.self);
}

static void find_events(const char *text) {
  fx_build(&F, text, extra);
  memset(&B, 0, sizeof B);
  kg_error err = {0};
  cr_assert_eq(kg_rules_events(&F.dv, &B, &err), 0, "%s", err.msg);
}

static void fini(void) { kg_candbuf_destroy(&B); }

/* The candidate whose name is exactly phrase (nth occurrence), or NULL. */
static const kg_cand *cand(const char *phrase, int nth) {
  uint32_t s, e;
  fx_find(&F, phrase, nth, &s, &e);
  for (size_t i = 0; i < B.n; i++)
    if (B.v[i].tok_start == s && B.v[i].tok_end == e)
      return &B.v[i];
  return NULL;
}

static void expect(const char *phrase, kg_etype type, const char *role) {
  const kg_cand *c = cand(phrase, 0);
  cr_assert(c, "'%s' should be a candidate", phrase);
  cr_assert_eq(c->type, type, "'%s' should be a %s, got %s", phrase, kg_etype_name(type),
               kg_etype_name(c->type));
  if (role) {
    size_t len = 0;
    const char *r = "";
    if (c->role_end > c->role_start) {
      r = F.text + F.tok[c->role_start].start;
      len = F.tok[c->role_end - 1].start + F.tok[c->role_end - 1].len - F.tok[c->role_start].start;
    }
    cr_assert(strlen(role) == len && memcmp(r, role, len) == 0,
              "role of '%s' should be '%s', got '%.*s'", phrase, role, (int)len, r);
  }
}

TestSuite(rules, .fini = fini);

Test(rules, people_after_titles_with_roles) {
  find_names("NATO Secretary General Jens Stoltenberg , Italian Foreign Minister Luigi Di Maio "
             "and U.S. Secretary of State Antony Blinken pose .");
  expect("Jens Stoltenberg", KG_PERSON, "Secretary General");
  expect("Luigi Di Maio", KG_PERSON, "Foreign Minister");
  expect("Antony Blinken", KG_PERSON, "Secretary of State");
  cr_assert_null(cand("NATO", 0), "NATO is the gazetteer's, not part of a person");
}

Test(rules, pope_keeps_his_title) {
  find_names("Blinken visited Pope Francis .");
  expect("Pope Francis", KG_PERSON, "");
}

Test(rules, people_from_first_names) {
  find_names("Later Joey Hood , the acting assistant secretary , told reporters .");
  expect("Joey Hood", KG_PERSON, NULL);
}

Test(rules, a_place_is_not_a_first_name) {
  find_names("He flew to Paris Le Bourget Airport on Monday .");
  for (size_t i = 0; i < B.n; i++)
    cr_assert_neq(B.v[i].type, KG_PERSON, "no person expected in a place name");
}

Test(rules, no_person_from_words_that_only_look_like_names) {
  find_names("The Dow Jones Industrial Average fell , the EADS CEO of North America said , "
             "two major United States indices and the FTSE 100 rose .");
  for (size_t i = 0; i < B.n; i++)
    cr_assert_neq(B.v[i].type, KG_PERSON, "no person expected, got one at token %u",
                  B.v[i].tok_start);
  cr_assert_null(cand("FTSE", 0), "a market index is no organization");
  expect("EADS", KG_ORGANIZATION, NULL);
}

Test(rules, organizations_from_organization_words) {
  find_names("Militants held by the Syrian Democratic Forces and the Bureau of Near Eastern "
             "Affairs .");
  expect("Syrian Democratic Forces", KG_ORGANIZATION, NULL);
  expect("Bureau of Near Eastern Affairs", KG_ORGANIZATION, NULL);
}

Test(rules, acronyms_but_not_ordinary_abbreviations) {
  find_names("The AP logo and the CEO of the company , Louis XIV and the SDF .");
  expect("AP", KG_ORGANIZATION, NULL);
  expect("SDF", KG_ORGANIZATION, NULL);
  cr_assert_null(cand("CEO", 0), "CEO names no entity");
  cr_assert_null(cand("XIV", 0), "a regnal number is no organization");
}

Test(rules, no_acronyms_in_all_caps_lines) {
  find_names("BLINKEN MEETS THE POPE IN ROME\n");
  cr_assert_eq(B.n, 0, "an ALL CAPS headline is not a row of acronyms");
}

Test(rules, named_events) {
  find_events("The agenda includes the COVID-19 pandemic and a G-20 foreign ministers ' "
              "meeting .");
  expect("COVID-19 pandemic", KG_EVENT, NULL);
  expect("G-20 foreign ministers ' meeting", KG_EVENT, NULL);
}

/* The modifiers between an event's head and its word are adjectives and
 * nouns: a verb or a function word ends them ("the board was meeting"). */
Test(rules, a_verb_or_function_word_ends_an_event_s_modifiers) {
  find_events("Piedmont 's board was meeting . NATO officials had been meeting . "
              "The NATO annual meeting opened .");
  expect("NATO annual meeting", KG_EVENT, NULL);
  cr_assert_eq(B.n, 1, "only the NATO annual meeting is an event, got %zu", B.n);
}

/* A capitalized event word that goes on with another capitalized word is
 * part of a longer name: no event ends there. */
Test(rules, an_event_word_inside_a_longer_name_ends_no_event) {
  find_events("It is the biggest contract since the Joint Strike Fighter program . "
              "Malaysian Primary Industries Minister Lim said so at the Rome Summit Monday .");
  cr_assert_null(cand("Joint Strike", 0), "'Strike' of 'Joint Strike Fighter' is no event word");
  cr_assert_null(cand("Malaysian Primary", 0), "nor 'Primary' of 'Primary Industries'");
  expect("Rome Summit", KG_EVENT, NULL);
  cr_assert_eq(B.n, 1, "one event, got %zu", B.n);
}

Test(rules, generic_meetings_and_country_wars_are_no_events) {
  find_events("At the Ministerial meeting they discussed the Iraq war and the Iraq War .");
  cr_assert_null(cand("Ministerial meeting", 0), "an ordinary adjective names no event");
  cr_assert_null(cand("Iraq war", 0), "'Iraq war' stays a mention of Iraq");
  expect("Iraq War", KG_EVENT, NULL);
  cr_assert_eq(B.n, 1);
}

/* In a headline in capitals every word looks like an acronym: there a
 * demonym or an ordinary word before an event word names no event, as in
 * running text; an unknown acronym still does ("GATT MEETING"). */
Test(rules, a_capitals_headline_reads_as_running_text) {
  find_events("ITALIAN ELECTION SEEN SOON\n\n26 DEAD IN FERRY DISASTER\n\nGATT MEETING ENDS\n\n"
              "They met .");
  cr_assert_null(cand("ITALIAN ELECTION", 0), "a demonym and an event word");
  cr_assert_null(cand("FERRY DISASTER", 0), "an ordinary word, though a family name too");
  expect("GATT MEETING", KG_EVENT, NULL);
  cr_assert_eq(B.n, 1, "one event, got %zu", B.n);
}
