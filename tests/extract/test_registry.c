/* test_registry.c: the entity registry keeps ids stable and makes labels,
 * roles and aliases functions of the counts, never of arrival order. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "registry.h"

typedef struct note {
  kg_etype type;
  const char *id_name; /* the name the id derives from */
  const char *surface;
  const char *role;
  bool headline;
} note;

static uint32_t add(kg_registry *r, const note *n) {
  uint32_t e;
  kg_error err = {0};
  int rc = kg_registry_named(r, n->type, n->id_name, strlen(n->id_name), &e, &err);
  cr_assert_eq(rc, 0, "naming '%s' should work: %s", n->id_name, err.msg);
  rc = kg_registry_note(r, e, n->type, n->surface, strlen(n->surface), n->role ? n->role : "",
                        n->role ? strlen(n->role) : 0, n->headline, &err);
  cr_assert_eq(rc, 0, "noting '%s' should work: %s", n->surface, err.msg);
  return e;
}

static uint32_t add_times(kg_registry *r, const note *n, int times);

static kg_entity get(const kg_registry *r, const char *id) {
  long i = kg_registry_find(r, id);
  cr_assert_geq(i, 0, "entity %s should exist", id);
  kg_entity e;
  kg_registry_get(r, (size_t)i, &e);
  return e;
}

Test(registry, id_is_type_and_slug) {
  kg_registry *r = kg_registry_new();
  note n = {KG_PERSON, "Antony Blinken", "Antony Blinken", NULL, false};
  uint32_t e = add(r, &n);
  kg_entity ent;
  kg_registry_get(r, e, &ent);
  cr_assert_str_eq(ent.id, "person:antony-blinken");
  cr_assert_str_eq(ent.label, "Antony Blinken");
  cr_assert_str_eq(ent.type == KG_PERSON ? "person" : "?", "person");
  cr_assert_str_eq(ent.role, "", "no role was seen");
  cr_assert_eq(kg_registry_size(r), 1);
  kg_registry_free(r);
}

Test(registry, same_id_is_same_entity) {
  kg_registry *r = kg_registry_new();
  note a = {KG_PERSON, "Antony Blinken", "Antony Blinken", NULL, false};
  note b = {KG_PERSON, "ANTONY BLINKEN", "ANTONY BLINKEN", NULL, false};
  cr_assert_eq(add(r, &a), add(r, &b), "case does not make a new entity");
  cr_assert_eq(kg_registry_size(r), 1);
  kg_registry_free(r);
}

Test(registry, label_is_most_frequent_full_form_not_partial_or_caps) {
  kg_registry *r = kg_registry_new();
  static const note notes[] = {
      {KG_PERSON, "Antony Blinken", "Blinken", NULL, false},
      {KG_PERSON, "Antony Blinken", "Blinken", NULL, false},
      {KG_PERSON, "Antony Blinken", "Blinken", NULL, false},
      {KG_PERSON, "Antony Blinken", "ANTONY BLINKEN", NULL, false},
      {KG_PERSON, "Antony Blinken", "ANTONY BLINKEN", NULL, false},
      {KG_PERSON, "Antony Blinken", "Antony Blinken", NULL, false},
  };
  for (size_t i = 0; i < sizeof notes / sizeof *notes; i++)
    add(r, &notes[i]);
  kg_entity e = get(r, "person:antony-blinken");
  cr_assert_str_eq(e.label, "Antony Blinken",
                   "a surname or an ALL CAPS form never beats the full mixed-case name");
  cr_assert_str_eq(e.aliases, "ANTONY BLINKEN|Antony Blinken|Blinken");
  kg_registry_free(r);
}

Test(registry, a_typo_in_capitals_is_no_running_text_form) {
  kg_registry *r = kg_registry_new();
  note gaf = {KG_ORGANIZATION, "GAF", "GAF", NULL, false};
  note typo = {KG_ORGANIZATION, "GAF", "GAf", NULL, false};
  add_times(r, &gaf, 3);
  add(r, &typo);
  cr_assert_str_eq(get(r, "organization:gaf").label, "GAF",
                   "'GAf' is capitals with a slip, not the name's own case");
  kg_registry_free(r);
  r = kg_registry_new();
  note nics = {KG_ORGANIZATION, "NICs", "NICs", NULL, false};
  note caps = {KG_ORGANIZATION, "NICs", "NICS", NULL, false};
  add(r, &nics);
  add_times(r, &caps, 3);
  cr_assert_str_eq(get(r, "organization:nics").label, "NICs", "a plural acronym is running text");
  kg_registry_free(r);
}

Test(registry, label_ties_go_to_the_bytewise_smallest) {
  kg_registry *r = kg_registry_new();
  note a = {KG_ORGANIZATION, "Al-Qaida", "al-Qaida", NULL, false};
  note b = {KG_ORGANIZATION, "Al-Qaida", "Al-Qaida", NULL, false};
  add(r, &a);
  add(r, &b);
  cr_assert_str_eq(get(r, "organization:al-qaida").label, "Al-Qaida", "'A' < 'a' bytewise");
  kg_registry_free(r);
}

Test(registry, headline_forms_lose_the_label_to_running_text) {
  kg_registry *r = kg_registry_new();
  static const note notes[] = {
      {KG_EVENT, "COVID-19 pandemic", "COVID-19 Pandemic", NULL, true},
      {KG_EVENT, "COVID-19 pandemic", "COVID-19 Pandemic", NULL, true},
      {KG_EVENT, "COVID-19 pandemic", "COVID-19 pandemic", NULL, false},
  };
  for (size_t i = 0; i < sizeof notes / sizeof *notes; i++)
    add(r, &notes[i]);
  cr_assert_str_eq(get(r, "event:covid-19-pandemic").label, "COVID-19 pandemic",
                   "a headline's Title Case is no evidence of the name's case");
  kg_registry_free(r);
}

/* A full form seen only in capitals takes the case of a running-text form
 * it begins ("ZENITH ELECTRONICS" of "Zenith Electronics Corp"), in any
 * order of arrival; one word in capitals keeps them (an acronym). */
Test(registry, a_label_in_capitals_takes_the_case_of_running_text) {
  static const note notes[] = {
      {KG_ORGANIZATION, "Zenith Electronics", "ZENITH ELECTRONICS", NULL, true},
      {KG_ORGANIZATION, "Zenith Electronics", "ZENITH ELECTRONICS", NULL, true},
      {KG_ORGANIZATION, "Zenith Electronics", "Zenith Electronics Corp", NULL, false},
      {KG_ORGANIZATION, "Zenith Electronics", "ZENITH ELECTRONICS CORP", NULL, true},
      {KG_ORGANIZATION, "Nynex", "NYNEX", NULL, false},
      {KG_ORGANIZATION, "Nynex", "NYNEX", NULL, false},
      {KG_ORGANIZATION, "Nynex", "Nynex Corp", NULL, false},
      {KG_LOCATION, "Waltham", "WALTHAM", NULL, true},
  };
  size_t n = sizeof notes / sizeof *notes;
  for (int order = 0; order < 2; order++) {
    kg_registry *r = kg_registry_new();
    for (size_t i = 0; i < n; i++)
      add(r, &notes[order ? n - 1 - i : i]);
    cr_expect_str_eq(get(r, "organization:zenith-electronics").label, "Zenith Electronics",
                     "order %d", order);
    cr_expect_str_eq(get(r, "organization:nynex").label, "NYNEX", "order %d", order);
    cr_expect_str_eq(get(r, "location:waltham").label, "WALTHAM", "order %d", order);
    kg_registry_free(r);
  }
}

/* British and American spellings of a name's words are one entity. */
Test(registry, british_and_american_spellings_are_one_entity) {
  kg_registry *r = kg_registry_new();
  note a = {KG_ORGANIZATION, "International Coffee Organisation",
            "International Coffee Organisation", NULL, false};
  note b = {KG_ORGANIZATION, "International Coffee Organization",
            "International Coffee Organization", NULL, false};
  note c = {KG_ORGANIZATION, "Reorganisation Board", "Reorganisation Board", NULL, false};
  uint32_t ea = add(r, &a), eb = add(r, &b), ec = add(r, &c);
  cr_assert_eq(ea, eb, "one entity for both spellings");
  kg_entity e;
  kg_registry_get(r, ea, &e);
  cr_expect_str_eq(e.id, "organization:international-coffee-organization");
  kg_registry_get(r, ec, &e);
  cr_expect_str_eq(e.id, "organization:reorganisation-board", "only whole words change");
  note d = {KG_ORGANIZATION, "Defence Systems Centre", "Defence Systems Centre", NULL, false};
  note f = {KG_ORGANIZATION, "Defense Systems Center", "Defense Systems Center", NULL, false};
  cr_expect_eq(add(r, &d), add(r, &f), "defence/defense and centre/center too");
  kg_registry_free(r);
}

Test(registry, role_is_most_frequent) {
  kg_registry *r = kg_registry_new();
  static const note notes[] = {
      {KG_PERSON, "Antony Blinken", "Blinken", "Secretary", false},
      {KG_PERSON, "Antony Blinken", "Antony Blinken", "Secretary of State", false},
      {KG_PERSON, "Antony Blinken", "Antony Blinken", "Secretary of State", false},
      {KG_PERSON, "Antony Blinken", "Antony Blinken", NULL, false},
  };
  for (size_t i = 0; i < sizeof notes / sizeof *notes; i++)
    add(r, &notes[i]);
  cr_assert_str_eq(get(r, "person:antony-blinken").role, "Secretary of State");
  kg_registry_free(r);
}

Test(registry, fixed_label_wins_whenever_it_arrives) {
  kg_registry *r = kg_registry_new();
  kg_error err = {0};
  uint32_t e1, e2;
  cr_assert_eq(kg_registry_entity(r, KG_COUNTRY, "country:us", 10, NULL, NULL, &e1, &err), 0);
  cr_assert_eq(kg_registry_note(r, e1, KG_COUNTRY, "U.S.", 4, "", 0, false, &err), 0);
  cr_assert_eq(kg_registry_entity(r, KG_COUNTRY, "country:us", 10, "United States", "US|USA",
                                  &e2, &err),
               0);
  cr_assert_eq(e1, e2);
  kg_entity e = get(r, "country:us");
  cr_assert_str_eq(e.label, "United States", "the gazetteer's label is canonical");
  cr_assert_str_eq(e.iso, "US|USA");
  cr_assert_str_eq(e.aliases, "U.S.");
  kg_registry_free(r);
}

Test(registry, surface_whitespace_is_collapsed_and_separator_replaced) {
  kg_registry *r = kg_registry_new();
  note a = {KG_PERSON, "Luigi Di Maio", "Luigi\n  Di\tMaio", NULL, false};
  note b = {KG_ORGANIZATION, "AT|T", "AT|T", NULL, false};
  add(r, &a);
  add(r, &b);
  cr_assert_str_eq(get(r, "person:luigi-di-maio").aliases, "Luigi Di Maio");
  cr_assert_str_eq(get(r, "organization:at-t").aliases, "AT/T",
                   "'|' separates aliases, so it cannot appear inside one");
  kg_registry_free(r);
}

Test(registry, empty_name_is_refused) {
  kg_registry *r = kg_registry_new();
  kg_error err = {0};
  uint32_t e;
  cr_assert_eq(kg_registry_named(r, KG_PERSON, "--", 2, &e, &err), KG_ERR_EMPTY);
  cr_assert_eq(kg_registry_size(r), 0);
  kg_registry_free(r);
}

Test(registry, a_name_is_one_entity_typed_by_its_mentions) {
  kg_registry *r = kg_registry_new();
  static const note notes[] = {
      {KG_PERSON, "Steve Jobs", "Steve Jobs", "CEO", false},
      {KG_LOCATION, "Steve Jobs", "Steve Jobs", NULL, false},
      {KG_PERSON, "Steve Jobs", "Steve Jobs", NULL, false},
  };
  uint32_t e0 = add(r, &notes[0]);
  cr_assert_eq(add(r, &notes[1]), e0, "a place-typed 'Steve Jobs' is the same entity");
  kg_entity e;
  kg_registry_get(r, e0, &e);
  cr_assert_eq(e.type, KG_PERSON, "1 person vs 1 location: ties go to the person");
  cr_assert_str_eq(e.id, "person:steve-jobs");
  cr_assert_str_eq(e.role, "CEO", "a person keeps the role");
  add(r, &notes[2]);
  cr_assert_eq(kg_registry_size(r), 1);
  cr_assert_lt(kg_registry_find(r, "location:steve-jobs"), 0, "no id for the minority type");
  kg_registry_free(r);
}

Test(registry, majority_type_decides_id_and_role) {
  kg_registry *r = kg_registry_new();
  static const note notes[] = {
      {KG_PERSON, "Chrysler", "Chrysler", "Mr", false},
      {KG_ORGANIZATION, "Chrysler", "Chrysler", NULL, false},
      {KG_LOCATION, "Chrysler", "Chrysler", NULL, false},
      {KG_ORGANIZATION, "Chrysler", "Chrysler", NULL, false},
  };
  for (size_t i = 0; i < sizeof notes / sizeof *notes; i++)
    add(r, &notes[i]);
  kg_entity e = get(r, "organization:chrysler");
  cr_assert_eq(e.type, KG_ORGANIZATION, "2 of 4 mentions say organization");
  cr_assert_str_eq(e.role, "", "only people have roles");
  cr_assert_lt(kg_registry_find(r, "person:chrysler"), 0);
  kg_registry_free(r);
}

Test(registry, a_name_with_a_legal_form_is_an_organization_for_good) {
  /* in either order: the company's mention first or last */
  for (int order = 0; order < 2; order++) {
    kg_registry *r = kg_registry_new();
    note person = {KG_PERSON, "Kaiser Cement", "Kaiser Cement", NULL, false};
    note company = {KG_ORGANIZATION, "Kaiser Cement", "Kaiser Cement Corp.", NULL, false};
    if (order)
      add(r, &company);
    add_times(r, &person, 3);
    if (!order)
      add(r, &company);
    kg_entity e = get(r, "organization:kaiser-cement");
    cr_assert_eq(e.type, KG_ORGANIZATION, "one legal form outweighs 3 person mentions");
    cr_assert_str_eq(e.label, "Kaiser Cement");
    kg_registry_free(r);
  }
  /* one word: "Troy Corp" is one more vote beside the city */
  kg_registry *r = kg_registry_new();
  note city = {KG_LOCATION, "Troy", "Troy", NULL, false};
  note company = {KG_ORGANIZATION, "Troy", "Troy Corp", NULL, false};
  add_times(r, &city, 3);
  add(r, &company);
  cr_assert_eq(get(r, "location:troy").type, KG_LOCATION);
  kg_registry_free(r);
}

Test(registry, type_ties_follow_a_fixed_order) {
  /* organization, person, location, event, country: whatever came first. */
  static const kg_etype pairs[][2] = {{KG_LOCATION, KG_ORGANIZATION},
                                      {KG_ORGANIZATION, KG_LOCATION},
                                      {KG_LOCATION, KG_PERSON},
                                      {KG_EVENT, KG_LOCATION}};
  static const kg_etype want[] = {KG_ORGANIZATION, KG_ORGANIZATION, KG_PERSON, KG_LOCATION};
  for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
    kg_registry *r = kg_registry_new();
    note a = {pairs[i][0], "Beatles", "Beatles", NULL, false};
    note b = {pairs[i][1], "Beatles", "Beatles", NULL, false};
    uint32_t e = add(r, &a);
    add(r, &b);
    kg_entity ent;
    kg_registry_get(r, e, &ent);
    cr_assert_eq(ent.type, want[i], "tie %s/%s should give %s, got %s",
                 kg_etype_name(pairs[i][0]), kg_etype_name(pairs[i][1]), kg_etype_name(want[i]),
                 kg_etype_name(ent.type));
    kg_registry_free(r);
  }
}

Test(registry, fixed_and_named_entities_never_share_an_id) {
  kg_registry *r = kg_registry_new();
  kg_error err = {0};
  uint32_t fixed, named;
  cr_assert_eq(kg_registry_entity(r, KG_LOCATION, "location:bali", 13, "Bali", NULL, &fixed, &err),
               0);
  cr_assert_eq(kg_registry_named(r, KG_LOCATION, "Bali", 4, &named, &err), 0);
  cr_assert_eq(kg_registry_note(r, named, KG_LOCATION, "Bali", 4, "", 0, false, &err), 0);
  cr_assert_neq(fixed, named);
  kg_entity a, b;
  kg_registry_get(r, fixed, &a);
  kg_registry_get(r, named, &b);
  cr_assert_str_eq(a.id, "location:bali", "the gazetteer keeps its id");
  cr_assert_str_eq(b.id, "location:bali~2", "the named entity steps aside");
  cr_assert_eq(kg_registry_find(r, "location:bali~2"), (long)named);
  kg_registry_free(r);
}

Test(registry, a_named_entity_steps_aside_whichever_comes_first) {
  kg_registry *r = kg_registry_new();
  kg_error err = {0};
  uint32_t fixed, named;
  cr_assert_eq(kg_registry_named(r, KG_LOCATION, "Bali", 4, &named, &err), 0);
  cr_assert_eq(kg_registry_note(r, named, KG_LOCATION, "Bali", 4, "", 0, false, &err), 0);
  kg_entity b;
  kg_registry_get(r, named, &b);
  cr_assert_str_eq(b.id, "location:bali", "alone, the named entity has the plain id");
  cr_assert_eq(kg_registry_entity(r, KG_LOCATION, "location:bali", 13, "Bali", NULL, &fixed, &err),
               0);
  kg_registry_get(r, named, &b);
  cr_assert_str_eq(b.id, "location:bali~2", "the gazetteer's entity takes the id back");
  cr_assert_eq(kg_registry_find(r, "location:bali"), (long)fixed);
  kg_registry_free(r);
}

/* The same mentions in two orders give byte-identical entities. */
static const note order_notes[] = {
    {KG_PERSON, "George Bush", "George Bush", "President", false},
    {KG_PERSON, "George Bush", "GEORGE BUSH", NULL, false},
    {KG_PERSON, "George Bush", "Bush", "Mr", false},
    {KG_PERSON, "George Bush", "Bush", "President", false},
    {KG_ORGANIZATION, "Islamic State", "Islamic state", NULL, false},
    {KG_ORGANIZATION, "Islamic State", "Islamic State", NULL, false},
    {KG_PERSON, "George Bush", "george bush", "Governor", false},
    {KG_PERSON, "George Bush", "George bush", "Governor", false},
    {KG_LOCATION, "Apple Computer", "Apple Computer", NULL, false},
    {KG_PERSON, "Apple Computer", "Apple Computer", "Mr", false},
    {KG_ORGANIZATION, "Apple Computer", "Apple Computer", NULL, false},
};

Test(registry, entities_do_not_depend_on_order) {
  size_t n = sizeof order_notes / sizeof *order_notes;
  kg_registry *fwd = kg_registry_new(), *rev = kg_registry_new();
  for (size_t i = 0; i < n; i++)
    add(fwd, &order_notes[i]);
  for (size_t i = n; i-- > 0;)
    add(rev, &order_notes[i]);
  cr_assert_eq(kg_registry_size(fwd), kg_registry_size(rev));
  for (size_t i = 0; i < kg_registry_size(fwd); i++) {
    kg_entity a;
    kg_registry_get(fwd, i, &a);
    kg_entity b = get(rev, a.id);
    cr_assert_eq(a.type, b.type, "type of %s", a.id);
    cr_assert_str_eq(a.label, b.label, "label of %s", a.id);
    cr_assert_str_eq(a.role, b.role, "role of %s", a.id);
    cr_assert_str_eq(a.aliases, b.aliases, "aliases of %s", a.id);
  }
  kg_entity bush = get(fwd, "person:george-bush");
  cr_assert_str_eq(bush.label, "George Bush");
  cr_assert_str_eq(bush.role, "Governor", "2 x Governor vs 2 x President: bytewise smaller");
  cr_assert_geq(kg_registry_find(rev, "organization:apple-computer"), 0,
                "one vote each: the organization, in either order");
  kg_registry_free(fwd);
  kg_registry_free(rev);
}

/* ------------------------------------------------------ pending acronyms */

/* A pending acronym: an acronym no name of its own document spelled out. */
static uint32_t add_pending(kg_registry *r, const char *acr, int times) {
  uint32_t e = 0;
  kg_error err = {0};
  for (int i = 0; i < times; i++) {
    cr_assert_eq(kg_registry_acronym(r, KG_ORGANIZATION, acr, strlen(acr), &e, &err), 0, "%s",
                 err.msg);
    cr_assert_eq(kg_registry_note(r, e, KG_ORGANIZATION, acr, strlen(acr), "", 0, false, &err),
                 0, "%s", err.msg);
  }
  return e;
}

static uint32_t add_times(kg_registry *r, const note *n, int times) {
  uint32_t e = 0;
  for (int i = 0; i < times; i++)
    e = add(r, n);
  return e;
}

/* into[] of kg_registry_plan, as entity ids. */
static const char *planned(const kg_registry *r, uint32_t e) {
  size_t n = kg_registry_size(r);
  uint32_t *into = malloc(n * sizeof *into), *fallback = malloc(n * sizeof *fallback);
  kg_error err = {0};
  cr_assert_eq(kg_registry_plan(r, into, fallback, &err), 0, "%s", err.msg);
  kg_entity ent;
  kg_registry_get(r, into[e], &ent);
  free(into);
  free(fallback);
  return ent.id;
}

Test(registry, pending_acronym_joins_the_entity_the_corpus_writes_it_for) {
  kg_registry *r = kg_registry_new();
  note full = {KG_ORGANIZATION, "European Community", "European Community", NULL, false};
  note acr = {KG_ORGANIZATION, "European Community", "EC", NULL, false};
  note other = {KG_ORGANIZATION, "Export Council", "EC", NULL, false};
  uint32_t t = add_times(r, &full, 3), p = add_pending(r, "EC", 2);
  add_times(r, &acr, 3);
  add_times(r, &other, 1); /* 3 of 4 "EC" mentions: still the Community's */
  cr_assert_str_eq(planned(r, p), "organization:european-community");
  kg_error err = {0};
  cr_assert_eq(kg_registry_merge(r, p, t, &err), 0, "%s", err.msg);
  kg_entity e;
  kg_registry_get(r, p, &e);
  cr_assert_str_eq(e.id, "organization:european-community", "the acronym shows its entity");
  cr_assert_str_eq(e.label, "European Community", "a full form keeps the label");
  cr_assert_str_eq(e.aliases, "EC|European Community");
  cr_assert_lt(kg_registry_find(r, "organization:ec"), 0, "no EC entity left");
  cr_assert_neq(kg_registry_merge(r, t, p, &err), 0, "only a pending acronym merges");
  kg_registry_free(r);
}

Test(registry, pending_acronym_without_a_clear_entity_joins_its_name_or_stays) {
  kg_registry *r = kg_registry_new();
  note a = {KG_ORGANIZATION, "European Community", "EC", NULL, false};
  note b = {KG_ORGANIZATION, "Export Council", "EC", NULL, false};
  note person = {KG_PERSON, "Fred Cox", "FC", NULL, false};
  add_times(r, &a, 2);
  add_times(r, &b, 2);
  add_times(r, &person, 3);
  uint32_t p = add_pending(r, "EC", 1), q = add_pending(r, "FC", 1);
  cr_assert_str_eq(planned(r, p), "organization:ec", "two entities, two mentions each");
  cr_assert_str_eq(planned(r, q), "organization:fc", "never a person");
  note named = {KG_ORGANIZATION, "EC", "EC", NULL, false};
  uint32_t x = add(r, &named);
  cr_assert_neq(x, p, "the named entity is another one");
  size_t n = kg_registry_size(r);
  uint32_t into[8], fallback[8];
  kg_error err = {0};
  cr_assert_leq(n, 8);
  cr_assert_eq(kg_registry_plan(r, into, fallback, &err), 0, "%s", err.msg);
  cr_assert_eq(into[p], x, "joins the entity of its own name");
  cr_assert_eq(fallback[p], x);
  cr_assert_eq(into[x], x, "only pending acronyms move");
  cr_assert_eq(kg_registry_keep_apart(r, p, &err), 0, "%s", err.msg);
  kg_entity e;
  kg_registry_get(r, p, &e);
  cr_assert_str_eq(e.id, "organization:ec~3", "kept apart, its id stays unique");
  cr_assert_eq(kg_registry_find(r, "organization:ec~3"), (long)p, "and it is found by it");
  cr_assert_eq(kg_registry_find(r, "organization:ec"), (long)x);
  kg_registry_free(r);
}

/* ---------------------------------------------------------- lone surnames */

static note person(const char *name, const char *role) {
  return (note){KG_PERSON, name, name, role, false};
}

Test(registry, a_lone_surname_with_a_role_joins_the_full_name_with_that_role) {
  kg_registry *r = kg_registry_new();
  note ronald = person("Ronald Reagan", "President"), nancy = person("Nancy Reagan", "President");
  note titled = person("Reagan", "President"), bare = person("Reagan", NULL);
  uint32_t full = add_times(r, &ronald, 3);
  add_times(r, &nancy, 1); /* "President Reagan and Nancy Reagan": once */
  uint32_t lone = add_times(r, &titled, 2);
  add_times(r, &bare, 5);
  cr_assert_str_eq(planned(r, lone), "person:ronald-reagan");
  kg_error err = {0};
  cr_assert_eq(kg_registry_merge(r, lone, full, &err), 0, "%s", err.msg);
  kg_entity e;
  kg_registry_get(r, lone, &e);
  cr_assert_str_eq(e.id, "person:ronald-reagan", "the surname shows its full name");
  cr_assert_str_eq(e.label, "Ronald Reagan");
  cr_assert_str_eq(e.aliases, "Reagan|Ronald Reagan");
  cr_assert_lt(kg_registry_find(r, "person:reagan"), 0, "no Reagan entity left");
  kg_registry_free(r);
}

Test(registry, a_lone_surname_stays_without_clear_evidence) {
  struct {
    note full[2];
    int times[2];
    note lone[2];
    int lone_times[2];
    const char *why;
  } cases[] = {
      {{person("James Baker", "Treasury Secretary"), person("Howard Baker", "Treasury Secretary")},
       {3, 2},
       {person("Baker", "Treasury Secretary"), person("Baker", NULL)},
       {2, 1},
       "two full names hold the role about as often"},
      {{person("Nigel Lawson", "Chancellor"), person("Nigel Lawson", NULL)},
       {3, 1},
       {person("Lawson", NULL), person("Lawson", NULL)},
       {3, 1},
       "no role: no evidence"},
      {{person("Nigel Lawson", "Chancellor"), person("Nigel Lawson", NULL)},
       {3, 1},
       {person("Lawson", "Governor"), person("Lawson", NULL)},
       {3, 1},
       "another role"},
      {{person("Nigel Lawson", "Chancellor"), person("Nigel Lawson", NULL)},
       {3, 1},
       {person("Lawson", "Chancellor"), person("Lawson", "Governor")},
       {2, 2},
       "the role of half its mentions: maybe two people"},
      {{person("Nigel Lawson", "Chancellor"), person("Nigel Lawson", NULL)},
       {1, 1},
       {person("Lawson", "Chancellor"), person("Lawson", NULL)},
       {3, 1},
       "the full name holds the role once"},
  };
  for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
    kg_registry *r = kg_registry_new();
    for (int j = 0; j < 2; j++)
      add_times(r, &cases[k].full[j], cases[k].times[j]);
    uint32_t lone = add_times(r, &cases[k].lone[0], cases[k].lone_times[0]);
    add_times(r, &cases[k].lone[1], cases[k].lone_times[1]);
    char stays[64] = "person:"; /* the lone surname's own id */
    for (const char *c = cases[k].lone[0].id_name; *c; c++)
      stays[strlen(stays)] = (char)(*c | 0x20);
    cr_assert_str_eq(planned(r, lone), stays, "%s", cases[k].why);
    kg_registry_free(r);
  }
}

Test(registry, an_acronym_of_a_lone_surname_goes_where_the_surname_goes) {
  kg_registry *r = kg_registry_new();
  note ronald = person("Ronald Reagan", "President"), titled = person("Reagan", "President");
  add_times(r, &ronald, 3);
  uint32_t lone = add_times(r, &titled, 2);
  uint32_t acr = 0;
  kg_error err = {0};
  cr_assert_eq(kg_registry_acronym(r, KG_PERSON, "REAGAN", 6, &acr, &err), 0, "%s", err.msg);
  cr_assert_eq(kg_registry_note(r, acr, KG_PERSON, "REAGAN", 6, "", 0, true, &err), 0, "%s",
               err.msg);
  size_t n = kg_registry_size(r);
  uint32_t into[8], fallback[8];
  cr_assert_leq(n, 8);
  cr_assert_eq(kg_registry_plan(r, into, fallback, &err), 0, "%s", err.msg);
  cr_assert_eq(into[acr], into[lone], "\"REAGAN\" -> \"Reagan\" -> \"Ronald Reagan\"");
  cr_assert_eq(fallback[acr], into[lone]);
  cr_assert_eq(into[into[lone]], into[lone], "no chain left");
  kg_registry_free(r);
}

/* Before the corpus is settled, a pending acronym and a named entity of the
 * same slug ("TACOM", "TACOM_") are two entities with two ids, in either
 * order, and beside a fixed entity of that id too (a graph needs unique
 * ids; fuzz_build found the clash). */
Test(registry, a_pending_acronym_and_its_named_twin_never_share_an_id) {
  for (int order = 0; order < 2; order++)
    for (int with_fixed = 0; with_fixed < 2; with_fixed++) {
      kg_registry *r = kg_registry_new();
      kg_error err = {0};
      note named = {KG_ORGANIZATION, "TACOM_", "TACOM_", NULL, false};
      uint32_t p = 0, x = 0, f = UINT32_MAX;
      if (with_fixed)
        cr_assert_eq(kg_registry_entity(r, KG_ORGANIZATION, "organization:tacom", 18, "TACOM",
                                        NULL, &f, &err),
                     0, "%s", err.msg);
      if (order == 0) {
        p = add_pending(r, "TACOM", 1);
        x = add(r, &named);
      } else {
        x = add(r, &named);
        p = add_pending(r, "TACOM", 1);
      }
      cr_assert_neq(p, x);
      kg_entity a, b;
      kg_registry_get(r, p, &a);
      kg_registry_get(r, x, &b);
      cr_assert_str_neq(a.id, b.id, "order %d, fixed %d: both show %s", order, with_fixed, a.id);
      cr_assert_str_eq(a.id, "organization:tacom~3", "the acronym steps aside (order %d)", order);
      if (with_fixed) {
        kg_entity c;
        kg_registry_get(r, f, &c);
        cr_assert_str_eq(c.id, "organization:tacom", "the gazetteer keeps its id");
        cr_assert_str_eq(b.id, "organization:tacom~2");
      }
      cr_assert_eq(kg_registry_find(r, a.id), (long)p, "found by its id");
      kg_registry_free(r);
    }
}

Test(registry, many_entities_stay_addressable) {
  kg_registry *r = kg_registry_new();
  char name[64];
  for (int i = 0; i < 5000; i++) {
    snprintf(name, sizeof name, "Person Number%d", i);
    note n = {KG_PERSON, name, name, NULL, false};
    add(r, &n);
  }
  cr_assert_eq(kg_registry_size(r), 5000);
  kg_entity e = get(r, "person:person-number4321");
  cr_assert_str_eq(e.label, "Person Number4321");
  kg_registry_free(r);
}

Test(registry, free_accepts_null) { kg_registry_free(NULL); }
