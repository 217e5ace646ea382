/* test_resolve.c: the resolver on hand-made candidates (issue 4's rules,
 * the no-chaining cases first).  Word classes come from the fixture's
 * lexicon; the gazetteer itself is exercised in test_extractor.c. */
#include <criterion/criterion.h>
#include <string.h>

#include "docview_fixture.h"

typedef struct run {
  kg_registry *reg;
  kg_resolver *rs;
  const kg_mention *m;
  size_t n;
  fx f;
} run;

static run R;

static void setup(void) {
  memset(&R, 0, sizeof R);
  R.reg = kg_registry_new();
  R.rs = kg_resolver_new();
  cr_assert(R.reg && R.rs);
}

static void teardown(void) {
  kg_registry_free(R.reg);
  kg_resolver_free(R.rs);
}

/* Resolve cands over the current fixture text. */
static void resolve(kg_cand *cands, size_t n) {
  kg_candbuf b = {0};
  for (size_t i = 0; i < n; i++)
    cr_assert_eq(kg_candbuf_push(&b, &cands[i]), 0);
  kg_error err = {0};
  cr_assert_eq(kg_cands_merge(&R.f.dv, &b, &err), 0, "%s", err.msg);
  cr_assert_eq(kg_resolve(R.rs, R.reg, &R.f.dv, &b, &R.m, &R.n, &err), 0, "%s", err.msg);
  kg_candbuf_destroy(&b);
}

/* The entity id of the mention whose surface is the nth occurrence of
 * phrase; NULL when no mention has exactly that span. */
static const char *id_at(const char *phrase, int nth) {
  uint32_t s, e;
  fx_find(&R.f, phrase, nth, &s, &e);
  for (size_t i = 0; i < R.n; i++)
    if (R.m[i].tok_start == s && R.m[i].tok_end == e) {
      kg_entity ent;
      kg_registry_get(R.reg, R.m[i].entity, &ent);
      return ent.id;
    }
  return NULL;
}

static kg_entity entity(const char *id) {
  long i = kg_registry_find(R.reg, id);
  cr_assert_geq(i, 0, "entity %s should exist", id);
  kg_entity e;
  kg_registry_get(R.reg, (size_t)i, &e);
  return e;
}

static void expect(const char *phrase, int nth, const char *id) {
  const char *got = id_at(phrase, nth);
  cr_assert(got, "'%s' (#%d) should be a mention of %s, but is no mention", phrase, nth, id);
  cr_assert_str_eq(got, id, "'%s' (#%d) should be a mention of %s, got %s", phrase, nth, id,
                   got);
}

#define N(a) (sizeof(a) / sizeof *(a))

TestSuite(resolve, .init = setup, .fini = teardown);

Test(resolve, surname_links_to_the_unique_full_name) {
  fx_build(&R.f, "Secretary of State Antony Blinken met aides .\nBlinken said no .", NULL);
  kg_cand c[] = {
      fx_cand(&R.f, "Secretary of State Antony Blinken", 0, KG_PERSON, KG_SRC_RULES),
      fx_cand(&R.f, "Blinken", 1, KG_PERSON, KG_SRC_TAGGER),
  };
  resolve(c, N(c));
  expect("Antony Blinken", 0, "person:antony-blinken");
  expect("Blinken", 1, "person:antony-blinken");
  kg_entity e = entity("person:antony-blinken");
  cr_assert_str_eq(e.label, "Antony Blinken");
  cr_assert_str_eq(e.role, "Secretary of State", "the title is stripped into the role");
  cr_assert_str_eq(e.aliases, "Antony Blinken|Blinken");
  cr_assert_lt(kg_registry_find(R.reg, "person:blinken"), 0, "no bare-surname node");
}

Test(resolve, surname_found_where_no_source_saw_it) {
  fx_build(&R.f, "Antony Blinken met aides .\nLater , Blinken said no .", NULL);
  kg_cand c[] = {fx_cand(&R.f, "Antony Blinken", 0, KG_PERSON, KG_SRC_RULES)};
  resolve(c, N(c));
  expect("Blinken", 1, "person:antony-blinken");
}

Test(resolve, headline_before_the_full_name_links_too) {
  fx_build(&R.f, "Blinken Visits Rome\n\nAntony Blinken arrived in Rome .", NULL);
  kg_cand c[] = {
      fx_cand(&R.f, "Blinken", 0, KG_PERSON, KG_SRC_TAGGER),
      fx_cand(&R.f, "Antony Blinken", 0, KG_PERSON, KG_SRC_TAGGER),
  };
  resolve(c, N(c));
  expect("Blinken", 0, "person:antony-blinken");
}

Test(resolve, shared_surname_stays_unresolved) {
  fx_build(&R.f, "George Bush and Laura Bush arrived .\nBush said no .", NULL);
  kg_cand c[] = {
      fx_cand(&R.f, "George Bush", 0, KG_PERSON, KG_SRC_RULES),
      fx_cand(&R.f, "Laura Bush", 0, KG_PERSON, KG_SRC_RULES),
      fx_cand(&R.f, "Bush", 2, KG_PERSON, KG_SRC_TAGGER),
  };
  resolve(c, N(c));
  expect("George Bush", 0, "person:george-bush");
  expect("Laura Bush", 0, "person:laura-bush");
  const char *bush = id_at("Bush", 2);
  cr_assert(bush, "the bare surname stays a mention of its own");
  cr_assert_str_eq(bush, "person:bush", "two candidates: merged into neither");
  cr_assert_str_eq(entity("person:george-bush").aliases, "George Bush");
  cr_assert_str_eq(entity("person:laura-bush").aliases, "Laura Bush");
}

Test(resolve, no_string_similarity_merging) {
  fx_build(&R.f, "George W. Bush met George Bush .\nBush left .", NULL);
  kg_cand c[] = {
      fx_cand(&R.f, "George W. Bush", 0, KG_PERSON, KG_SRC_RULES),
      fx_cand(&R.f, "George Bush", 0, KG_PERSON, KG_SRC_RULES),
      fx_cand(&R.f, "Bush", 2, KG_PERSON, KG_SRC_TAGGER),
  };
  resolve(c, N(c));
  expect("George W. Bush", 0, "person:george-w-bush");
  expect("George Bush", 0, "person:george-bush");
  expect("Bush", 2, "person:bush");
}

Test(resolve, same_surname_in_different_documents_stays_apart) {
  fx_build(&R.f, "John Smith spoke .\nSmith left .", NULL);
  kg_cand a[] = {fx_cand(&R.f, "John Smith", 0, KG_PERSON, KG_SRC_RULES),
                 fx_cand(&R.f, "Smith", 1, KG_PERSON, KG_SRC_TAGGER)};
  resolve(a, N(a));
  expect("Smith", 1, "person:john-smith");
  fx_build(&R.f, "Jane Smith spoke .\nSmith left .", NULL);
  kg_cand b[] = {fx_cand(&R.f, "Jane Smith", 0, KG_PERSON, KG_SRC_RULES),
                 fx_cand(&R.f, "Smith", 1, KG_PERSON, KG_SRC_TAGGER)};
  resolve(b, N(b));
  expect("Smith", 1, "person:jane-smith");
  fx_build(&R.f, "Smith left .", NULL);
  kg_cand c[] = {fx_cand(&R.f, "Smith", 0, KG_PERSON, KG_SRC_TAGGER)};
  resolve(c, N(c));
  expect("Smith", 0, "person:smith");
  cr_assert_str_eq(entity("person:john-smith").aliases, "John Smith|Smith");
  cr_assert_str_eq(entity("person:jane-smith").aliases, "Jane Smith|Smith");
}

Test(resolve, same_full_name_across_documents_is_one_node) {
  fx_build(&R.f, "Antony Blinken spoke .", NULL);
  kg_cand a[] = {fx_cand(&R.f, "Antony Blinken", 0, KG_PERSON, KG_SRC_RULES)};
  resolve(a, N(a));
  size_t n = kg_registry_size(R.reg);
  fx_build(&R.f, "Yesterday ANTONY BLINKEN and Antony Blinken spoke .", NULL);
  kg_cand b[] = {fx_cand(&R.f, "Antony Blinken", 0, KG_PERSON, KG_SRC_RULES)};
  resolve(b, N(b));
  expect("ANTONY BLINKEN", 0, "person:antony-blinken");
  cr_assert_eq(kg_registry_size(R.reg), n, "no new entity for a name already known");
}

Test(resolve, all_caps_headline_matches_case_insensitively) {
  fx_build(&R.f, "BLINKEN MEETS SYRIAN DEMOCRATIC FORCES\n\n"
                 "Antony Blinken met the Syrian Democratic Forces .",
           NULL);
  kg_cand c[] = {
      fx_gaz(&R.f, "SYRIAN", 0, KG_COUNTRY, "country:sy", "Syria"),
      fx_cand(&R.f, "Antony Blinken", 0, KG_PERSON, KG_SRC_RULES),
      fx_cand(&R.f, "Syrian Democratic Forces", 0, KG_ORGANIZATION, KG_SRC_RULES),
  };
  resolve(c, N(c));
  expect("BLINKEN", 0, "person:antony-blinken");
  expect("SYRIAN DEMOCRATIC FORCES", 0, "organization:syrian-democratic-forces");
  cr_assert_null(id_at("SYRIAN", 0), "the longer name wins over the demonym inside it");
  cr_assert_str_eq(entity("organization:syrian-democratic-forces").label,
                   "Syrian Democratic Forces", "mixed case beats ALL CAPS for the label");
}

Test(resolve, in_text_acronym_is_an_alias_in_that_document) {
  fx_build(&R.f, "Fighters of the Syrian Democratic Forces ( SDF ) held .\nThe SDF said .",
           NULL);
  kg_cand c[] = {
      fx_cand(&R.f, "Syrian Democratic Forces", 0, KG_ORGANIZATION, KG_SRC_RULES),
      fx_cand(&R.f, "SDF", 1, KG_ORGANIZATION, KG_SRC_RULES),
  };
  resolve(c, N(c));
  expect("SDF", 0, "organization:syrian-democratic-forces");
  expect("SDF", 1, "organization:syrian-democratic-forces");
  cr_assert_str_eq(entity("organization:syrian-democratic-forces").aliases,
                   "SDF|Syrian Democratic Forces");
  cr_assert_lt(kg_registry_find(R.reg, "organization:sdf"), 0, "no separate SDF node");
}

/* The document's definition beats the gazetteer's reading of an acronym
 * it marks ambiguous: "ICC" is the Interstate Commerce Commission where the
 * text says so, the gazetteer's International Criminal Court elsewhere; an
 * acronym the gazetteer is sure of keeps its entity. */
static kg_cand ambiguous_gaz(const fx *f, const char *phrase, int nth, const char *id,
                             const char *label) {
  kg_cand c = fx_gaz(f, phrase, nth, KG_ORGANIZATION, id, label);
  c.gaz.ambiguous = true;
  return c;
}

Test(resolve, in_text_acronym_beats_the_gazetteer_s_ambiguous_reading) {
  static const char icc[] = "organization:international-criminal-court";
  fx_build(&R.f, "The Interstate Commerce Commission ( ICC ) ruled .\nThe ICC said .", NULL);
  kg_cand c[] = {
      fx_cand(&R.f, "Interstate Commerce Commission", 0, KG_ORGANIZATION, KG_SRC_TAGGER),
      ambiguous_gaz(&R.f, "ICC", 0, icc, "International Criminal Court"),
      ambiguous_gaz(&R.f, "ICC", 1, icc, "International Criminal Court"),
  };
  resolve(c, N(c));
  expect("ICC", 0, "organization:interstate-commerce-commission");
  expect("ICC", 1, "organization:interstate-commerce-commission");
  fx_build(&R.f, "The ICC said .", NULL);
  kg_cand d[] = {ambiguous_gaz(&R.f, "ICC", 0, icc, "International Criminal Court")};
  resolve(d, N(d));
  expect("ICC", 0, icc);
  fx_build(&R.f, "The Organisation of Petroleum Exporting Countries ( OPEC ) met .\nOPEC said .",
           NULL);
  kg_cand e[] = {
      fx_cand(&R.f, "Organisation of Petroleum Exporting Countries", 0, KG_ORGANIZATION,
              KG_SRC_TAGGER),
      fx_gaz(&R.f, "OPEC", 0, KG_ORGANIZATION, "organization:opec", "OPEC"),
      fx_gaz(&R.f, "OPEC", 1, KG_ORGANIZATION, "organization:opec", "OPEC"),
  };
  resolve(e, N(e));
  expect("OPEC", 1, "organization:opec");
}

Test(resolve, acronym_needs_a_definition_in_the_same_document) {
  fx_build(&R.f, "The SDF said .", NULL);
  kg_cand c[] = {fx_cand(&R.f, "SDF", 0, KG_ORGANIZATION, KG_SRC_RULES)};
  resolve(c, N(c));
  expect("SDF", 0, "organization:sdf");
}

/* An acronym no parenthesis defines is the one name of the document it
 * spells out, legal forms and small words aside; not when two names spell
 * it, nor when a name holds it as a word (then it is that name's short
 * form). */
Test(resolve, acronym_spelled_out_by_one_name_of_the_document) {
  fx_build(&R.f, "The Export Enhancement Program grew .\nThe EEP helps wheat .\n"
                 "American Telephone and Telegraph Co cut rates , ATT said .",
           NULL);
  kg_cand c[] = {
      fx_cand(&R.f, "Export Enhancement Program", 0, KG_ORGANIZATION, KG_SRC_TAGGER),
      fx_cand(&R.f, "EEP", 0, KG_LOCATION, KG_SRC_TAGGER),
      fx_cand(&R.f, "American Telephone and Telegraph Co", 0, KG_ORGANIZATION, KG_SRC_TAGGER),
      fx_cand(&R.f, "ATT", 0, KG_ORGANIZATION, KG_SRC_TAGGER),
  };
  resolve(c, N(c));
  expect("EEP", 0, "organization:export-enhancement-program");
  expect("ATT", 0, "organization:american-telephone-and-telegraph");
  cr_assert_lt(kg_registry_find(R.reg, "organization:eep"), 0, "no separate EEP node");
}

Test(resolve, acronym_not_spelled_out_when_ambiguous_or_held_by_a_name) {
  static const struct {
    const char *text, *name1, *name2, *acr;
    int nth; /* of the acronym in the text */
    const char *id;
  } cases[] = {
      {"The Federal Trade Commission and the Farm Transport Council met .\nThe FTC said .",
       "Federal Trade Commission", "Farm Transport Council", "FTC", 0, "organization:ftc"},
      {"BCI Holdings Corp bought Beatrice Cos Inc .\nBCI said .", "BCI Holdings Corp",
       "Beatrice Cos Inc", "BCI", 1, "organization:bci"},
  };
  for (size_t i = 0; i < N(cases); i++) {
    fx_build(&R.f, cases[i].text, NULL);
    kg_cand c[] = {
        fx_cand(&R.f, cases[i].name1, 0, KG_ORGANIZATION, KG_SRC_TAGGER),
        fx_cand(&R.f, cases[i].name2, 0, KG_ORGANIZATION, KG_SRC_TAGGER),
        fx_cand(&R.f, cases[i].acr, cases[i].nth, KG_ORGANIZATION, KG_SRC_TAGGER),
    };
    resolve(c, N(c));
    const char *id = id_at(cases[i].acr, cases[i].nth);
    cr_assert(id, "%s: the acronym is a mention", cases[i].acr);
    cr_expect_str_eq(id, cases[i].id, "%s in: %s", cases[i].acr, cases[i].text);
  }
}

Test(resolve, possessive_is_stripped) {
  fx_build(&R.f, "Antony Blinken 's trip .\nBlinken 's aides and Blinken’s staff left .",
           NULL);
  kg_cand c[] = {
      fx_cand(&R.f, "Antony Blinken 's", 0, KG_PERSON, KG_SRC_TAGGER),
      fx_cand(&R.f, "Blinken 's", 1, KG_PERSON, KG_SRC_TAGGER),
  };
  resolve(c, N(c));
  expect("Antony Blinken", 0, "person:antony-blinken");
  expect("Blinken", 1, "person:antony-blinken");
  const char *glued = id_at("Blinken’s", 0);
  cr_assert(glued, "a possessive glued to the token is found too");
  cr_assert_str_eq(glued, "person:antony-blinken");
  cr_assert_str_eq(entity("person:antony-blinken").aliases, "Antony Blinken|Blinken",
                   "no alias carries the possessive");
  for (size_t i = 0; i < R.n; i++) {
    const char *t = R.f.text + R.m[i].start;
    size_t len = R.m[i].end - R.m[i].start;
    cr_assert(len < 2 || memcmp(t + len - 2, "'s", 2) != 0,
              "mention '%.*s' should end before the possessive", (int)len, t);
  }
}

Test(resolve, name_titles_stay_other_titles_become_roles) {
  fx_build(&R.f, "Pope Francis met Italian Foreign Minister Luigi Di Maio .\n"
                 "Di Maio and Mr. Hood said .\nJoey Hood left .",
           NULL);
  kg_cand c[] = {
      fx_cand(&R.f, "Pope Francis", 0, KG_PERSON, KG_SRC_TAGGER),
      fx_gaz(&R.f, "Italian", 0, KG_COUNTRY, "country:it", "Italy"),
      fx_cand(&R.f, "Foreign Minister Luigi Di Maio", 0, KG_PERSON, KG_SRC_TAGGER),
      fx_cand(&R.f, "Di Maio", 1, KG_PERSON, KG_SRC_TAGGER),
      fx_cand(&R.f, "Mr. Hood", 0, KG_PERSON, KG_SRC_TAGGER),
      fx_cand(&R.f, "Joey Hood", 0, KG_PERSON, KG_SRC_TAGGER),
  };
  resolve(c, N(c));
  expect("Pope Francis", 0, "person:pope-francis");
  expect("Italian", 0, "country:it");
  expect("Luigi Di Maio", 0, "person:luigi-di-maio");
  expect("Di Maio", 1, "person:luigi-di-maio");
  expect("Hood", 0, "person:joey-hood");
  cr_assert_str_eq(entity("person:luigi-di-maio").role, "Foreign Minister");
  cr_assert_str_eq(entity("person:joey-hood").role, "", "'Mr.' is no role");
  cr_assert_str_eq(entity("person:pope-francis").label, "Pope Francis");
}

Test(resolve, junk_spans_are_dropped) {
  fx_build(&R.f, "Related Stories\n\nLatest News\n\nSecretary Monday\n\nMonday\n", NULL);
  kg_cand c[] = {
      fx_cand(&R.f, "Related Stories", 0, KG_ORGANIZATION, KG_SRC_TAGGER),
      fx_cand(&R.f, "Latest News", 0, KG_ORGANIZATION, KG_SRC_TAGGER),
      fx_cand(&R.f, "Monday", 1, KG_EVENT, KG_SRC_TAGGER),
  };
  resolve(c, N(c));
  cr_assert_eq(R.n, 0, "no mention expected, got %zu", R.n);
  cr_assert_eq(kg_registry_size(R.reg), 0);
}

Test(resolve, title_only_person_span_is_no_person) {
  fx_build(&R.f, "The Foreign Minister said .", NULL);
  uint32_t s, e;
  fx_find(&R.f, "Foreign Minister", 0, &s, &e);
  kg_cand c;
  cr_assert_not(kg_shape_person(&R.f.dv, s, e, &c), "'Foreign Minister' names nobody");
}

Test(resolve, one_type_per_name_in_a_document) {
  fx_build(&R.f, "Quirinale said .\nIn Quirinale we met .\nQuirinale left .", NULL);
  kg_cand c[] = {
      fx_cand(&R.f, "Quirinale", 0, KG_ORGANIZATION, KG_SRC_TAGGER),
      fx_cand(&R.f, "Quirinale", 1, KG_LOCATION, KG_SRC_TAGGER),
      fx_cand(&R.f, "Quirinale", 2, KG_LOCATION, KG_SRC_TAGGER),
  };
  resolve(c, N(c));
  for (int i = 0; i < 3; i++)
    expect("Quirinale", i, "location:quirinale");
}

Test(resolve, lone_unknown_word_called_a_person_is_no_person) {
  fx_build(&R.f, "Chrysler said no .\nLater Obama met President Obama .", NULL);
  kg_cand c[] = {
      fx_cand(&R.f, "Chrysler", 0, KG_PERSON, KG_SRC_TAGGER),
      fx_cand(&R.f, "Obama", 0, KG_PERSON, KG_SRC_TAGGER),
      fx_cand(&R.f, "President Obama", 0, KG_PERSON, KG_SRC_TAGGER),
  };
  resolve(c, N(c));
  expect("Chrysler", 0, "organization:chrysler");
  expect("Obama", 0, "person:obama"); /* a title elsewhere in the document vouches */
  expect("Obama", 1, "person:obama");
}

Test(resolve, legal_form_is_no_part_of_the_identity) {
  fx_build(&R.f, "Chrysler LLC said no .\nLater Chrysler left .\nChrysler Group Inc. and Acme "
                 "Group rose .\nBritish Petroleum Co Plc fell .",
           NULL);
  kg_cand c[] = {
      fx_cand(&R.f, "Chrysler LLC", 0, KG_ORGANIZATION, KG_SRC_TAGGER),
      fx_cand(&R.f, "Chrysler", 1, KG_PERSON, KG_SRC_TAGGER),
      fx_cand(&R.f, "Chrysler Group Inc.", 0, KG_ORGANIZATION, KG_SRC_TAGGER),
      fx_cand(&R.f, "Acme Group", 0, KG_ORGANIZATION, KG_SRC_TAGGER),
      fx_cand(&R.f, "British Petroleum Co Plc", 0, KG_ORGANIZATION, KG_SRC_TAGGER),
  };
  resolve(c, N(c));
  expect("Chrysler LLC", 0, "organization:chrysler");
  expect("Chrysler", 1, "organization:chrysler");
  expect("Chrysler Group Inc.", 0, "organization:chrysler");
  expect("Acme Group", 0, "organization:acme");
  expect("British Petroleum Co Plc", 0, "organization:british-petroleum");
  kg_entity e = entity("organization:chrysler");
  cr_assert_str_eq(e.label, "Chrysler", "the label is the name itself");
  cr_assert_str_eq(e.aliases, "Chrysler|Chrysler Group Inc.|Chrysler LLC");
  cr_assert_str_eq(entity("organization:acme").label, "Acme Group",
                   "with no bare form seen, the label is the form seen");
}

Test(resolve, mentions_sorted_with_sentence_and_paragraph) {
  fx_build(&R.f, "Antony Blinken spoke .\n\nLater Blinken left .", NULL);
  kg_cand c[] = {fx_cand(&R.f, "Antony Blinken", 0, KG_PERSON, KG_SRC_RULES)};
  resolve(c, N(c));
  cr_assert_eq(R.n, 2);
  cr_assert_lt(R.m[0].start, R.m[1].start);
  cr_assert_eq(R.m[1].sentence, 1);
  cr_assert_eq(R.m[1].paragraph, 1);
  cr_assert_eq(R.m[1].type, KG_PERSON);
  cr_assert_eq(R.m[0].entity, R.m[1].entity);
}

/* ------------------------------------------------- resolver round 2 */

static const fx_word round2[] = {
    {"steve", KG_GAZ_FIRST_NAME},
    {"mac", KG_GAZ_FIRST_NAME | KG_GAZ_COMMON},
    {"rice", KG_GAZ_SURNAME | KG_GAZ_COMMON},
    {"exports", KG_GAZ_COMMON},
    {"unlike", KG_GAZ_COMMON},
    {"market", KG_GAZ_COMMON},
    {"sales", KG_GAZ_COMMON},
    {"co", KG_GAZ_COMMON | KG_GAZ_ORG_WORD},
    {NULL, 0},
};

Test(resolve, first_name_links_to_the_only_full_name_introduced_before_it) {
  fx_build(&R.f,
           "Steve Jobs spoke .\nLater Steve said no .\nSteve Ballmer replied .\n"
           "Then Steve laughed .",
           round2);
  kg_cand c[] = {
      fx_cand(&R.f, "Steve Jobs", 0, KG_PERSON, KG_SRC_RULES),
      fx_cand(&R.f, "Steve", 1, KG_PERSON, KG_SRC_TAGGER),
      fx_cand(&R.f, "Steve Ballmer", 0, KG_PERSON, KG_SRC_RULES),
      fx_cand(&R.f, "Steve", 3, KG_PERSON, KG_SRC_TAGGER),
  };
  resolve(c, N(c));
  expect("Steve", 1, "person:steve-jobs");
  expect("Steve Ballmer", 0, "person:steve-ballmer");
  expect("Steve", 3, "person:steve"); /* both introduced before: no guessing */
}

Test(resolve, a_name_typed_differently_in_other_documents_is_one_entity) {
  static const kg_etype types[] = {KG_PERSON, KG_LOCATION, KG_PERSON};
  uint32_t ent[3];
  for (int d = 0; d < 3; d++) {
    fx_build(&R.f, "Steve Jobs spoke on Monday .", round2);
    kg_cand c[] = {fx_cand(&R.f, "Steve Jobs", 0, types[d], KG_SRC_TAGGER)};
    resolve(c, N(c));
    cr_assert_eq(R.n, 1, "document %d: one mention", d);
    cr_expect_eq(R.m[0].type, types[d], "document %d: the mention keeps its document's type", d);
    ent[d] = R.m[0].entity;
  }
  cr_expect(ent[0] == ent[1] && ent[1] == ent[2], "one entity, whatever each document said");
  kg_entity e = entity("person:steve-jobs");
  cr_expect_eq(e.type, KG_PERSON, "two person mentions against one location");
  cr_expect_lt(kg_registry_find(R.reg, "location:steve-jobs"), 0, "no place node");
  cr_expect_eq(kg_registry_size(R.reg), 1);
}

Test(resolve, a_clause_word_opening_the_sentence_is_no_part_of_the_name) {
  fx_build(&R.f, "Unlike Chrylser , GM will not say .", round2);
  kg_cand c[] = {fx_cand(&R.f, "Unlike Chrylser", 0, KG_ORGANIZATION, KG_SRC_TAGGER)};
  resolve(c, N(c));
  expect("Chrylser", 0, "organization:chrylser");
  cr_expect_null(id_at("Unlike Chrylser", 0));
}

Test(resolve, numbers_and_lower_case_words_name_no_place) {
  fx_build(&R.f, "The index closed at 11,188.23 today .\nFlights start in mid-2006 .", round2);
  kg_cand c[] = {
      fx_cand(&R.f, "11,188.23", 0, KG_LOCATION, KG_SRC_TAGGER),
      fx_cand(&R.f, "mid-2006", 0, KG_LOCATION, KG_SRC_TAGGER),
  };
  resolve(c, N(c));
  cr_expect_eq(R.n, 0, "no mention, got %zu", R.n);
}

Test(resolve, model_designations_are_products_not_organizations) {
  fx_build(&R.f, "The Airbus A380 flew .\nThe A380 landed .\nThe Boeing 787 waited .", round2);
  kg_cand c[] = {
      fx_cand(&R.f, "Airbus A380", 0, KG_ORGANIZATION, KG_SRC_TAGGER),
      fx_cand(&R.f, "A380", 1, KG_ORGANIZATION, KG_SRC_TAGGER),
      fx_cand(&R.f, "Boeing 787", 0, KG_ORGANIZATION, KG_SRC_TAGGER),
  };
  resolve(c, N(c));
  cr_expect_eq(R.n, 0, "no mention, got %zu", R.n);
}

Test(resolve, a_given_name_after_a_determiner_is_a_thing_in_that_document) {
  fx_build(&R.f, "The Mac market grew .\nMac sales rose .", round2);
  kg_cand c[] = {
      fx_cand(&R.f, "Mac", 0, KG_PERSON, KG_SRC_TAGGER),
      fx_cand(&R.f, "Mac", 1, KG_PERSON, KG_SRC_TAGGER),
  };
  resolve(c, N(c));
  cr_expect_eq(R.n, 0, "'the Mac' is no person anywhere in the document, got %zu", R.n);
}

/* A given or family name that the document writes in lower case is the
 * ordinary word, unless only a sentence of lower case only does so. */
Test(resolve, a_name_the_document_writes_in_lower_case_is_a_thing) {
  fx_build(&R.f, "THAILAND RICE CROP FELL .\nRice exports rose , Thai officials said .\n"
                 "The Thai rice crop fell .",
           round2);
  kg_cand c[] = {
      fx_cand(&R.f, "RICE", 0, KG_PERSON, KG_SRC_TAGGER),
      fx_cand(&R.f, "Rice", 0, KG_PERSON, KG_SRC_TAGGER),
  };
  resolve(c, N(c));
  cr_expect_eq(R.n, 0, "'rice' is no person anywhere in the document, got %zu", R.n);
  fx_build(&R.f, "Rice said exports rose .\nanalysts said rice exports rose .", round2);
  kg_cand d[] = {fx_cand(&R.f, "Rice", 0, KG_PERSON, KG_SRC_TAGGER)};
  resolve(d, N(d));
  expect("Rice", 0, "person:rice");
}

Test(resolve, legal_forms_alone_name_no_one) {
  fx_build(&R.f, "Shares of Co rose .", round2);
  kg_cand c[] = {fx_cand(&R.f, "Co", 0, KG_ORGANIZATION, KG_SRC_TAGGER)};
  resolve(c, N(c));
  cr_expect_eq(R.n, 0, "no mention, got %zu", R.n);
}

Test(resolve, a_name_ending_in_a_legal_form_is_a_company) {
  fx_build(&R.f, "Shares of Conrac Corp rose .\nConrac said so .", round2);
  kg_cand c[] = {
      fx_cand(&R.f, "Conrac Corp", 0, KG_PERSON, KG_SRC_TAGGER),
      fx_cand(&R.f, "Conrac", 1, KG_ORGANIZATION, KG_SRC_TAGGER),
  };
  resolve(c, N(c));
  expect("Conrac Corp", 0, "organization:conrac");
  expect("Conrac", 1, "organization:conrac");
  cr_expect_lt(kg_registry_find(R.reg, "person:conrac-corp"), 0, "no person");
}

Test(resolve, names_found_again_keep_their_case_outside_headlines) {
  fx_build(&R.f, "He runs the U.S. Courier division .\nIts U.S. courier operations grew .",
           round2);
  kg_cand c[] = {fx_cand(&R.f, "U.S. Courier", 0, KG_ORGANIZATION, KG_SRC_TAGGER)};
  resolve(c, N(c));
  expect("U.S. Courier", 0, "organization:u-s-courier");
  cr_expect_null(id_at("U.S. courier", 0), "'courier' in lower case is an ordinary word");
}

/* Spanish and Portuguese names put the family name before the mother's:
 * "Lechin" and "Paz Estenssoro" are the three-word names' people, whatever
 * type the tagger gave them; a surname or first name of another person
 * outranks such an inner word. */
Test(resolve, an_inner_word_or_the_last_two_of_a_long_name_stand_for_it) {
  fx_build(&R.f,
           "Juan Lechin Oquendo met Victor Paz Estenssoro and Ana Ruiz Lopez .\n"
           "Lechin and Paz Estenssoro spoke ; Paz agreed .\nRuiz left .\n"
           "Carlos Ruiz came .",
           NULL);
  kg_cand c[] = {
      fx_cand(&R.f, "Juan Lechin Oquendo", 0, KG_PERSON, KG_SRC_TAGGER),
      fx_cand(&R.f, "Victor Paz Estenssoro", 0, KG_PERSON, KG_SRC_TAGGER),
      fx_cand(&R.f, "Ana Ruiz Lopez", 0, KG_PERSON, KG_SRC_TAGGER),
      fx_cand(&R.f, "Lechin", 1, KG_ORGANIZATION, KG_SRC_TAGGER),
      fx_cand(&R.f, "Paz Estenssoro", 1, KG_LOCATION, KG_SRC_TAGGER),
      fx_cand(&R.f, "Paz", 2, KG_PERSON, KG_SRC_TAGGER),
      fx_cand(&R.f, "Ruiz", 1, KG_PERSON, KG_SRC_TAGGER),
      fx_cand(&R.f, "Carlos Ruiz", 0, KG_PERSON, KG_SRC_TAGGER),
  };
  resolve(c, N(c));
  expect("Lechin", 1, "person:juan-lechin-oquendo");
  expect("Paz Estenssoro", 1, "person:victor-paz-estenssoro");
  expect("Paz", 2, "person:victor-paz-estenssoro");
  /* "Ruiz" is Carlos Ruiz's surname: the inner word of Ana Ruiz Lopez
   * yields to it. */
  expect("Ruiz", 1, "person:carlos-ruiz");
  cr_expect_lt(kg_registry_find(R.reg, "organization:lechin"), 0, "no organization Lechin");
}

/* "London-based", "U.S.-led": where a name is from is no part of it. */
Test(resolve, a_place_joined_by_based_or_led_is_no_part_of_the_name) {
  fx_build(&R.f, "The New York-based ITT Corp and London-based Reed International agreed .\n"
                 "A San Francisco-based firm grew .",
           round2);
  kg_cand c[] = {
      fx_cand(&R.f, "New York-based ITT Corp", 0, KG_ORGANIZATION, KG_SRC_TAGGER),
      fx_cand(&R.f, "London-based Reed International", 0, KG_ORGANIZATION, KG_SRC_TAGGER),
      fx_cand(&R.f, "San Francisco-based", 0, KG_ORGANIZATION, KG_SRC_TAGGER),
  };
  resolve(c, N(c));
  expect("ITT Corp", 0, "organization:itt");
  expect("Reed International", 0, "organization:reed-international");
  for (size_t i = 0; i < R.n; i++) {
    kg_entity ent;
    kg_registry_get(R.reg, R.m[i].entity, &ent);
    cr_expect(strstr(ent.id, "based") == NULL, "no entity of a place and 'based': %s", ent.id);
  }
}

/* "Ben", "Al", "Del" are particles ("Ben Ali") and given names: capitalized
 * before a surname they start a full name, which lends its surname. */
Test(resolve, a_given_name_that_is_also_a_particle_starts_a_full_name) {
  static const fx_word ben[] = {{"ben", KG_GAZ_FIRST_NAME}, {NULL, 0}};
  fx_build(&R.f, "Fed chief Ben Bernanke spoke .\n\" Bernanke was bullish , \" he said .", ben);
  kg_cand c[] = {
      fx_cand(&R.f, "Ben Bernanke", 0, KG_PERSON, KG_SRC_TAGGER),
      fx_cand(&R.f, "Bernanke", 1, KG_PERSON, KG_SRC_TAGGER),
  };
  resolve(c, N(c));
  expect("Ben Bernanke", 0, "person:ben-bernanke");
  expect("Bernanke", 1, "person:ben-bernanke");
  cr_expect_lt(kg_registry_find(R.reg, "organization:bernanke"), 0, "no organization Bernanke");
}

/* A party's members in the plural are no person, though a given name
 * comes first ("Christian Democrats"). */
Test(resolve, party_members_are_no_person) {
  static const fx_word christian[] = {{"christian", KG_GAZ_FIRST_NAME}, {NULL, 0}};
  fx_build(&R.f, "The Christian Democrats won .\nWillie Williams spoke .", christian);
  kg_cand c[] = {
      fx_cand(&R.f, "Christian Democrats", 0, KG_PERSON, KG_SRC_TAGGER),
      fx_cand(&R.f, "Willie Williams", 0, KG_PERSON, KG_SRC_TAGGER),
  };
  resolve(c, N(c));
  expect("Christian Democrats", 0, "organization:christian-democrats");
  expect("Willie Williams", 0, "person:willie-williams");
}

/* An airport, a palace or a square is a place, whatever type the tagger
 * gave it; a person named Castle stays a person. */
Test(resolve, an_airport_is_a_place) {
  fx_build(&R.f,
           "Flights left Changi International Airport .\nDulles Airport closed .\n"
           "They met at Quirinale Palace .\nJames Castle spoke .",
           NULL);
  kg_cand c[] = {
      fx_cand(&R.f, "Changi International Airport", 0, KG_ORGANIZATION, KG_SRC_TAGGER),
      fx_cand(&R.f, "Dulles Airport", 0, KG_PERSON, KG_SRC_TAGGER),
      fx_cand(&R.f, "Quirinale Palace", 0, KG_ORGANIZATION, KG_SRC_TAGGER),
      fx_cand(&R.f, "James Castle", 0, KG_PERSON, KG_SRC_TAGGER),
  };
  resolve(c, N(c));
  expect("Changi International Airport", 0, "location:changi-international-airport");
  expect("Dulles Airport", 0, "location:dulles-airport");
  expect("Quirinale Palace", 0, "location:quirinale-palace");
  expect("James Castle", 0, "person:james-castle");
}
