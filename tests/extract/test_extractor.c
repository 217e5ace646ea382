/* test_extractor.c: the whole extract pipeline with the real segmenter,
 * gazetteer and tagger: the seed article's entities (issues 2 and 4 "Done
 * when"), gazetteer-backed aliases, and order independence. */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "extract.h"

#define SEED KG_SOURCE_DIR "/samples/voa/voa-2021-06-28-coalition-rome.txt"

/* ------------------------------------------------------------- helpers */

static kg_extractor *new_extractor(bool rules_only) {
  kg_extract_opts o = {0};
  o.rules_only = rules_only;
  kg_extractor *x = NULL;
  kg_error err = {0};
  cr_assert_eq(kg_extractor_new(&o, &x, &err), 0, "extractor: %s", err.msg);
  return x;
}

static void process_text(kg_extractor *x, const char *text, kg_doc_result *res) {
  kg_doc doc = {0};
  doc.id = "test";
  doc.text = (char *)text;
  doc.len = strlen(text);
  kg_error err = {0};
  cr_assert_eq(kg_extractor_process(x, &doc, res, &err), 0, "process: %s", err.msg);
}

typedef struct seed_ud {
  kg_extractor *x;
  size_t n_docs;
  char text[65536];
  kg_doc_result res;
} seed_ud;

/* The last mention of res whose text is exactly form, or NULL. */
static const kg_mention *mention_of(const kg_doc_result *res, const char *text, const char *form) {
  const kg_mention *hit = NULL;
  size_t n = strlen(form);
  for (size_t i = 0; i < res->n_mentions; i++)
    if (res->mentions[i].end - res->mentions[i].start == n &&
        !memcmp(text + res->mentions[i].start, form, n))
      hit = &res->mentions[i];
  return hit;
}

static int on_doc(kg_doc *doc, void *ud) {
  seed_ud *s = ud;
  kg_error err = {0};
  int rc = kg_extractor_process(s->x, doc, &s->res, &err);
  cr_assert_eq(rc, 0, "process %s: %s", doc->id, err.msg);
  cr_assert_lt(doc->len, sizeof s->text);
  memcpy(s->text, doc->text, doc->len + 1);
  s->n_docs++;
  kg_doc_destroy(doc);
  return 0;
}

static void process_file(seed_ud *s, const char *path) {
  const char *inputs[] = {path};
  kg_error err = {0};
  cr_assert_eq(kg_read_inputs(inputs, 1, on_doc, NULL, s, NULL, &err), 0, "read: %s", err.msg);
}

static bool find(const kg_registry *r, const char *id, kg_entity *out) {
  for (size_t i = 0; i < kg_registry_size(r); i++) {
    kg_registry_get(r, i, out);
    if (!strcmp(out->id, id))
      return true;
  }
  return false;
}

static bool find_label(const kg_registry *r, const char *label, kg_entity *out) {
  for (size_t i = 0; i < kg_registry_size(r); i++) {
    kg_registry_get(r, i, out);
    if (!strcmp(out->label, label))
      return true;
  }
  return false;
}

/* Is name one of the '|'-separated aliases? */
static bool has_alias(const kg_entity *e, const char *name) {
  size_t n = strlen(name);
  for (const char *a = e->aliases; (a = strstr(a, name)); a += n)
    if ((a == e->aliases || a[-1] == '|') && (a[n] == '\0' || a[n] == '|'))
      return true;
  return false;
}

/* How many entities carry this surface form. */
static int n_with_alias(const kg_registry *r, const char *name) {
  int n = 0;
  kg_entity e;
  for (size_t i = 0; i < kg_registry_size(r); i++) {
    kg_registry_get(r, i, &e);
    n += has_alias(&e, name);
  }
  return n;
}

static void dump(const kg_registry *r) {
  kg_entity e;
  for (size_t i = 0; i < kg_registry_size(r); i++) {
    kg_registry_get(r, i, &e);
    fprintf(stderr, "  %-40s %-28s role=%s aliases=%s\n", e.id, e.label, e.role, e.aliases);
  }
}

/* ------------------------------------------------------ the seed article */

static void check_seed(bool rules_only) {
  seed_ud *s = calloc(1, sizeof *s);
  s->x = new_extractor(rules_only);
  process_file(s, SEED);
  cr_assert_eq(s->n_docs, 1);
  const kg_registry *r = kg_extractor_registry(s->x);
  const char *mode = rules_only ? "rules" : "tagger";
  kg_entity e;
  bool ok = true;

  static const char *const people[] = {"Antony Blinken", "Luigi Di Maio",     "Jens Stoltenberg",
                                       "Pope Francis",   "Sergio Mattarella", "Joey Hood",
                                       "Joe Biden"};
  for (size_t i = 0; i < sizeof people / sizeof *people; i++) {
    bool found = find_label(r, people[i], &e) && e.type == KG_PERSON;
    cr_expect(found, "[%s] no person node '%s'", mode, people[i]);
    ok &= found;
  }
  static const char *const orgs[] = {"NATO", "Syrian Democratic Forces", "State Department",
                                     "Islamic State"};
  for (size_t i = 0; i < sizeof orgs / sizeof *orgs; i++) {
    bool found = find_label(r, orgs[i], &e) && e.type == KG_ORGANIZATION;
    cr_expect(found, "[%s] no organization node '%s'", mode, orgs[i]);
    ok &= found;
  }
  static const char *const countries[][2] = {
      {"country:it", "Italy"}, {"country:us", "U.S."},      {"country:sy", "Syria"},
      {"country:iq", "Iraq"},  {"country:mz", "Mozambique"}, {"country:il", "Israeli"},
      {"country:fr", "France"}};
  for (size_t i = 0; i < sizeof countries / sizeof *countries; i++) {
    bool found = find(r, countries[i][0], &e) && e.type == KG_COUNTRY;
    cr_expect(found, "[%s] no country node %s", mode, countries[i][0]);
    if (found)
      cr_expect(has_alias(&e, countries[i][1]), "[%s] %s should have alias %s, has %s", mode,
                countries[i][0], countries[i][1], e.aliases);
    ok &= found;
  }

  /* Issue 4: one node each, with the surface forms merged. */
  static const char *const one_node[][2] = {
      {"Antony Blinken", "Blinken"}, {"Islamic State", "ISIS"}, {"Islamic State", "Daesh"},
      {"United States", "U.S."},     {"Italy", "Italian"},      {"Italy", "Italy"},
      {"Luigi Di Maio", "Luigi Di Maio"}};
  for (size_t i = 0; i < sizeof one_node / sizeof *one_node; i++) {
    const char *label = one_node[i][0], *form = one_node[i][1];
    bool found = find_label(r, label, &e) && has_alias(&e, form);
    cr_expect(found, "[%s] '%s' should be a surface form of '%s'", mode, form, label);
    cr_expect_eq(n_with_alias(r, form), 1, "[%s] '%s' should belong to exactly one node", mode,
                 form);
    ok &= found;
  }
  if (find_label(r, "Antony Blinken", &e))
    cr_expect_str_eq(e.role, "Secretary of State", "[%s] role of Antony Blinken", mode);
  if (find(r, "location:rome", &e))
    cr_expect_eq(e.type, KG_LOCATION, "Rome is a location");
  else
    cr_expect_fail("[%s] Rome should be the location node location:rome", mode);

  static const char *const junk[] = {"Secretary", "Monday", "Related Stories", "Latest News",
                                     "Tuesday", "Sunday", "Europe logo"};
  for (size_t i = 0; i < sizeof junk / sizeof *junk; i++) {
    bool found = find_label(r, junk[i], &e);
    cr_expect_not(found, "[%s] '%s' must not be a node", mode, junk[i]);
    ok &= !found;
  }
  /* No bare surname or first name of a full name of the article. */
  kg_entity a, b;
  for (size_t i = 0; i < kg_registry_size(r); i++) {
    kg_registry_get(r, i, &a);
    const char *sp = strrchr(a.label, ' ');
    if (a.type != KG_PERSON || !sp)
      continue;
    for (size_t j = 0; j < kg_registry_size(r); j++) {
      kg_registry_get(r, j, &b);
      if (b.type != KG_PERSON || strchr(b.label, ' '))
        continue;
      bool part = !strcmp(b.label, sp + 1) ||
                  (!strncmp(a.label, b.label, strlen(b.label)) && a.label[strlen(b.label)] == ' ');
      cr_expect_not(part, "[%s] bare '%s' should be merged into '%s'", mode, b.label, a.label);
      ok &= !part;
    }
  }
  /* Mentions: sorted, in range, surface text without possessive. */
  for (size_t i = 0; i < s->res.n_mentions; i++) {
    const kg_mention *m = &s->res.mentions[i];
    cr_assert_lt(m->start, m->end);
    cr_assert_lt(m->entity, kg_registry_size(r));
    if (i)
      cr_assert_leq(s->res.mentions[i - 1].start, m->start, "mentions sorted by start");
    cr_assert(m->end - m->start < 2 || memcmp(s->text + m->end - 2, "'s", 2) != 0);
  }
  if (!ok)
    dump(r);
  kg_extractor_free(s->x);
  free(s);
}

Test(extractor, seed_article_with_the_tagger) { check_seed(false); }
Test(extractor, seed_article_with_the_rules) { check_seed(true); }

/* ------------------------------------------------ gazetteer-backed rules */

/* Arrays, not pointers: Criterion may run each case in a fresh process. */
struct alias_case {
  char text[128];
  char form[32]; /* surface text of a mention */
  char id[32];   /* its entity, or "" for: no mention with that text */
  kg_etype type;
};

static struct alias_case alias_cases[] = {
    {"U.S. officials met in Washington.", "U.S.", "country:us", KG_COUNTRY},
    {"Officials of the United States met.", "United States", "country:us", KG_COUNTRY},
    {"The threat from ISIS fighters remains.", "ISIS", "", KG_ORGANIZATION},
    {"Daesh is an Arabic acronym for Islamic State.", "Daesh", "", KG_ORGANIZATION},
    {"He met the Italian Foreign Minister.", "Italian", "country:it", KG_COUNTRY},
    {"He met Italy's Foreign Minister.", "Italy", "country:it", KG_COUNTRY},
    {"The talks took place in Rome on Monday.", "Rome", "location:rome", KG_LOCATION},
    {"Rebels attacked a town in Chad on Monday.", "Chad", "country:td", KG_COUNTRY},
    {"Officials said Chad Smith will run.", "Chad", "", KG_COUNTRY},
    {"TELL US WHAT YOU THINK\n\nThe story follows.", "US", "", KG_COUNTRY},
    {"Secretary Monday\n\nRelated Stories\n\nLatest News\n", "Monday", "", KG_PERSON},
    /* A company with a legal form is the gazetteer's company without it. */
    {"Shares of Ford Motor Co rose on Monday.", "Ford Motor Co", "organization:ford",
     KG_ORGANIZATION},
    /* Its bare name later in the document is the company, not a surname. */
    {"Spencer Cos Inc said it would sell its unit. Spencer rose 10 pct.", "Spencer",
     "organization:spencer", KG_ORGANIZATION},
    /* A longer name that took a person's title leaves the person her name. */
    {"U.S. Trade Representative Katherine Tai said the tariffs would stay.", "Katherine Tai",
     "person:katherine-tai", KG_PERSON},
    {"U.S. Trade Representative Katherine Tai spoke. Tai met Chinese officials.", "Tai",
     "person:katherine-tai", KG_PERSON},
    /* A dateline's places: a state written without its full stop, a town the
     * gazetteer does not know, a city the model reads as something else. */
    {"ACME SELLS UNIT\n\nSTAMFORD, Conn, March 2 - Acme Corp said it sold a unit.", "Conn",
     "location:connecticut", KG_LOCATION},
    {"ALLENTOWN, Pa, March 11 - The utility said it will offer shares.", "Pa",
     "location:pennsylvania", KG_LOCATION},
    {"WILTON, Conn, March 2 - Shr six cts vs four cts", "WILTON", "location:wilton",
     KG_LOCATION},
    {"CALGARY, Alberta, March 2 - Nova said it received approval.", "Alberta",
     "location:alberta", KG_LOCATION},
    {"ZURICH, March 2 - The company said profits rose.", "ZURICH", "location:zurich",
     KG_LOCATION},
};

ParameterizedTestParameters(extractor, gazetteer_aliases) {
  return cr_make_param_array(struct alias_case, alias_cases,
                             sizeof alias_cases / sizeof *alias_cases);
}

ParameterizedTest(struct alias_case *c, extractor, gazetteer_aliases) {
  kg_extractor *x = new_extractor(false);
  kg_doc_result res;
  process_text(x, c->text, &res);
  const kg_registry *r = kg_extractor_registry(x);
  const kg_mention *hit = mention_of(&res, c->text, c->form);
  if (!*c->id) {
    if (c->type == KG_ORGANIZATION) { /* ISIS, Daesh: the Islamic State node */
      cr_assert(hit, "'%s' should be a mention in: %s", c->form, c->text);
      kg_entity e;
      kg_registry_get(r, hit->entity, &e);
      cr_expect_str_eq(e.label, "Islamic State", "'%s' should name Islamic State, got %s",
                       c->form, e.id);
      cr_expect_eq(e.type, KG_ORGANIZATION);
    } else {
      if (hit) {
        kg_entity e;
        kg_registry_get(r, hit->entity, &e);
        cr_expect(hit->type != c->type, "'%s' should not be a %s mention (%s) in: %s",
                  c->form, kg_etype_name(c->type), e.id, c->text);
      }
    }
  } else {
    cr_assert(hit, "'%s' should be a mention in: %s", c->form, c->text);
    kg_entity e;
    kg_registry_get(r, hit->entity, &e);
    cr_expect_str_eq(e.id, c->id, "'%s' should be %s", c->form, c->id);
    cr_expect_eq(hit->type, c->type, "'%s' should be a %s", c->form, kg_etype_name(c->type));
  }
  kg_extractor_free(x);
}

/* ------------------------------------------- junk and data gaps (round 2) */

/* id "": no mention with that text at all (type KG_N_ETYPES), or none of
 * that type. */
struct clean_case {
  char text[256];
  char form[48];
  char id[64];
  kg_etype type;
};

static struct clean_case clean_cases[] = {
    {"Stocks fell as the Dow Jones Industrial Average lost 344 points.",
     "Dow Jones Industrial Average", "", KG_N_ETYPES},
    {"In Tokyo the Nikkei 225 index rose 2 percent.", "Nikkei 225", "", KG_N_ETYPES},
    {"Retailers reported strong Christmas sales this year.", "Christmas", "", KG_N_ETYPES},
    {"Apple sold more iPhone handsets and MacBook Air laptops.", "MacBook Air", "", KG_N_ETYPES},
    {"The dividend is payable to Exxon Corp. REUTER", "REUTER", "", KG_N_ETYPES},
    {"The dividend is payable to Exxon Corp. REUTER", "Exxon Corp.", "organization:exxonmobil",
     KG_ORGANIZATION},
    {"Taleban fighters attacked a police post in Helmand.", "Taleban", "organization:taliban",
     KG_ORGANIZATION},
    {"State Councilor Tang Jiaxuan told Xinhua on Monday.", "Tang Jiaxuan",
     "person:tang-jiaxuan", KG_PERSON},
    {"Three bombs exploded on the island of Bali on Saturday.", "Bali", "location:bali",
     KG_LOCATION},
    {"The C.E.O. of the firm resigned on Monday.", "C.E.O.", "", KG_N_ETYPES},
    {"Ryanair CEO, Michael O' Leary, defended the order.", "Michael O' Leary",
     "person:michael-o-leary", KG_PERSON},
    {"Martin Luther King Jr. was born in Atlanta in 1929.", "Martin Luther King Jr.",
     "person:martin-luther-king-jr", KG_PERSON},
    {"The index closed at 11,188.23 on Friday.", "11,188.23", "", KG_N_ETYPES},
    {"The first flight is expected in mid-2006 from Singapore.", "mid-2006", "", KG_N_ETYPES},
    {"Apple shipped Mac OS X to stores on Friday.", "Mac OS X", "", KG_PERSON},
    {"The New York Times reported the deal on Sunday.", "New York Times",
     "organization:the-new-york-times", KG_ORGANIZATION},
    {"Singapore Airlines flew the first Airbus A380 on Thursday.", "Airbus A380", "",
     KG_N_ETYPES},
    {"Cartoons depicting the Prophet Muhammad angered many.", "Muhammad", "person:muhammad",
     KG_PERSON},
    /* an instrument code is no name, nor is the exchange in it ("PA": Paris,
     * not the Palestinian Authority) */
    {"BNP Paribas (BNPP.PA) said profit rose.", "PA", "", KG_N_ETYPES},
    {"Rhone-Poulenc <RHON.PA> said it will raise capital.", "RHON.PA", "", KG_N_ETYPES},
    /* a company's branch named by its country */
    {"The state will give Ford Australia a grant, and GM Europe will cut jobs.",
     "Ford Australia", "organization:ford-australia", KG_ORGANIZATION},
    {"The state will give Ford Australia a grant, and GM Europe will cut jobs.", "GM Europe",
     "organization:gm-europe", KG_ORGANIZATION},
    /* an ordinary word opening the sentence is no part of the name after it */
    {"WASHINGTON, March 27 - Investor Paul Bilzerian disclosed a 7.2 pct stake.",
     "Paul Bilzerian", "person:paul-bilzerian", KG_PERSON},
    /* money-market terms */
    {"Eurodollar deposit rates rose as Eurobond yields fell on Monday.", "Eurodollar", "",
     KG_N_ETYPES},
    {"West Texas Sour crude rose 50 cts to 17.75 dlrs a barrel.", "West Texas Sour", "",
     KG_N_ETYPES},
    /* a month's abbreviation in a table */
    {"Soybean oil prev 3.7, Feb 21.1, Apr 2.0, Jul 7.0, total 55.8.", "Jul", "", KG_N_ETYPES},
    /* a credit rating grade where the article speaks of ratings; a share class */
    {"Moody's Investors Service said it raised the bank's rating to AA from BBB.", "AA", "",
     KG_N_ETYPES},
    {"Moody's Investors Service said it raised the bank's rating to AA from BBB.", "BBB", "",
     KG_N_ETYPES},
    {"S and P raised the senior debt rating to A-minus from B-plus, it said.", "B-plus", "",
     KG_N_ETYPES},
    /* a name and a numeral with no event word: a product or an article */
    {"NEW YORK, March 3 - Martin Marietta's Titan III commercial launch vehicle will be used.",
     "Titan III", "", KG_N_ETYPES},
    {"NEW YORK, March 3 - Woltz violated Article III, Sections 1, 5 and 18 of the Rules.",
     "Article III", "", KG_N_ETYPES},
    /* a compound of ordinary words before an event word in a capitals headline */
    {"IRAN SAYS FULL-SCALE WAR FEARED\n\nTEHRAN, Oct 20 - Officials spoke.", "FULL-SCALE WAR",
     "", KG_N_ETYPES},
    {"Moody's cut the ratings of the senior debt to Ba-3 from Baa-2, it said.", "Ba-3", "",
     KG_N_ETYPES},
    {"Conrac Corp said it would sell 2 mln Class A shares on Monday.", "Class A", "",
     KG_N_ETYPES},
    /* an ordinary word or a compound in lower case starts no name */
    {"The bid goes to the cabinet-level Economic Policy Council on Monday.",
     "Economic Policy Council", "organization:economic-policy-council", KG_ORGANIZATION},
    {"The bid goes to the cabinet-level Economic Policy Council on Monday.",
     "cabinet-level Economic Policy Council", "", KG_N_ETYPES},
    /* what a title leaves of an organization may be a country */
    {"Funaro will explain it to U.S. Treasury Secretary James Baker on Monday.", "U.S.",
     "country:us", KG_COUNTRY},
    {"Talks under the General Agreement on Tariffs and Trade resumed.",
     "General Agreement on Tariffs and Trade", "organization:gatt", KG_ORGANIZATION},
    /* rates, currency units and oil benchmarks are no organizations */
    {"The notes pay 0.25 pct over Libor and are priced in Ecus.", "Libor", "", KG_N_ETYPES},
    {"The notes pay 0.25 pct over Libor and are priced in Ecus.", "Ecus", "", KG_N_ETYPES},
    {"West Texas Intermediate crude rose 40 cts.", "West Texas Intermediate", "", KG_N_ETYPES},
    /* a treasurer's title is no part of the name */
    {"Australian Treasurer Paul Keating said the budget would be tight.", "Paul Keating",
     "person:paul-keating", KG_PERSON},
    /* a currency is no part of its country's name */
    {"IEL said it will raise 100 mln U.S. Dlrs by the issue of notes.", "U.S. Dlrs", "",
     KG_N_ETYPES},
    {"It was sold for 50 mln N.Z. Dlrs on Monday.", "N.Z.", "country:nz", KG_COUNTRY},
    {"The phone is priced at US $199 from Friday.", "US", "", KG_N_ETYPES},
    /* a possessive that is part of a known name stays in the mention */
    {"Standard and Poor's said it cut the rating.", "Standard and Poor's",
     "organization:standard-poor-s", KG_ORGANIZATION},
    {"Sales at McDonald\xe2\x80\x99s rose.", "McDonald\xe2\x80\x99s", "organization:mcdonald-s",
     KG_ORGANIZATION},
    /* nor is a ticker in angle brackets ("BLS": BellSouth's shares, not the
     * Bureau of Labor Statistics) */
    {"BellSouth Corp <BLS> said it will raise capital.", "BLS", "", KG_N_ETYPES},
    {"General Electric Co <GE> said profits rose.", "GE", "", KG_N_ETYPES},
    /* a role "of" what it serves, without its holder: no organization */
    {"The Director of International Commodities said prices fell.",
     "Director of International Commodities", "", KG_N_ETYPES},
    {"Wisconsin Commissioner of Savings and Loan Ollie Smith said.", "Loan", "", KG_PERSON},
    /* a title and one ordinary word that is no name: no person ("Accident") */
    {"General Accident said profits rose.", "Accident", "", KG_PERSON},
    {"General Mills said profits rose.", "General Mills", "organization:general-mills",
     KG_ORGANIZATION},
    /* a form of address says a lone surname is a person's, no full name needed */
    {"Mr MacFarlane said the plant was exciting.", "MacFarlane", "person:macfarlane",
     KG_PERSON},
    {"Lord Catto told the meeting that profits rose.", "Catto", "person:catto", KG_PERSON},
    {"a GATT (General Agreement on Tariffs and Trade) council meeting", "Agreement", "",
     KG_N_ETYPES},
    {"President Bush said the talks would go on.", "Bush", "person:bush", KG_PERSON},
    /* a country's Government is the country */
    {"The U.K. Government said on Monday it would act.", "U.K.", "country:gb", KG_COUNTRY},
    {"The Japanese Government and the US Administration disagreed.", "US", "country:us",
     KG_COUNTRY},
    /* "U.S." and a capitalized common word (Reuters, 1987) is the country */
    {"TRADE TALKS\n\nWASHINGTON, March 3 - U.S. Officials said on Tuesday that the talks "
     "would resume.",
     "U.S.", "country:us", KG_COUNTRY},
    {"TOKYO, March 3 - Japan may allow U.S. Banks to deal in securities here.", "U.S.",
     "country:us", KG_COUNTRY},
    /* a word at the start of a sentence is no acronym written in capitals */
    {"Outsourcing\n\nThe auto parts suppliers and IT software exporters in India have been "
     "hit.\nIt will require hard choices by companies.",
     "It", "", KG_N_ETYPES},
    /* a lone name opening a sentence before ", who" is a person's */
    {"BRAZIL DEBT\n\nWASHINGTON, March 2 - The official said the meeting was called to "
     "discuss the debt situation.\nFunaro, who told reporters here that he wanted a political "
     "discussion, held talks on Friday.",
     "Funaro", "person:funaro", KG_PERSON},
    /* a known name used as a market index names nothing there */
    {"Japan's Nikkei stock index fell 2 percent on Monday.", "Nikkei", "", KG_N_ETYPES},
    {"The Nasdaq was up 12 points in late trading.", "Nasdaq", "", KG_N_ETYPES},
    {"The Nikkei average lost 120 points.", "Nikkei", "", KG_N_ETYPES},
    {"Nasdaq said it would list the shares on Monday.", "Nasdaq", "organization:nasdaq",
     KG_ORGANIZATION},
    /* a known organization's name first is a product only without a title */
    {"Pakistan's Foreign Ministry spokeswoman Tasnim Aslam declined to say.", "Tasnim Aslam",
     "person:tasnim-aslam", KG_PERSON},
    /* a company's name with its legal form is no title and person */
    {"General Electric Co reported higher profits on Monday.", "General Electric Co",
     "organization:general-electric", KG_ORGANIZATION},
    {"Connecticut General Life Insurance Co said it would sell the unit.",
     "Connecticut General Life Insurance Co", "organization:connecticut-general-life-insurance",
     KG_ORGANIZATION},
    /* a company written with another legal form than the gazetteer's */
    {"The Federal Deposit Insurance Corp said the bank had failed.",
     "Federal Deposit Insurance Corp", "organization:federal-deposit-insurance-corporation",
     KG_ORGANIZATION},
    {"Walt Disney Co said profits rose on Monday.", "Walt Disney Co", "organization:disney",
     KG_ORGANIZATION},
    /* a rare given name that is also an ordinary word is no part of the title */
    {"World Bank President Barber Conable said the bank would lend more.", "Barber Conable",
     "person:barber-conable", KG_PERSON},
    {"General Accident Corp said profits rose.", "General Accident Corp",
     "organization:general-accident", KG_ORGANIZATION},
    /* in a headline in capitals, no word of "NEW YORK" is a place alone */
    {"NEW YORK BUSINESS LOANS FALL\n\nNEW YORK, March 3 - Business loans fell, the Fed said.",
     "YORK", "", KG_N_ETYPES},
    /* a point of the compass before a place is part of its name */
    {"President Reagan will visit Rome and West Berlin during a trip to Europe in June.",
     "West Berlin", "location:west-berlin", KG_LOCATION},
    {"Oil output in West Texas fell in March.", "West Texas", "location:west-texas",
     KG_LOCATION},
    {"He said the West must act now.", "West", "location:west", KG_LOCATION},
    /* a number before a name is no part of it */
    {"Leucadia said its companies have bought 947,800 Minstar common shares.", "Minstar",
     "organization:minstar", KG_ORGANIZATION},
    {"Talks between the 20,000-member Letter Carriers Union of Canada and Canada Post failed.",
     "Letter Carriers Union of Canada", "organization:letter-carriers-union-of-canada",
     KG_ORGANIZATION},
};

ParameterizedTestParameters(extractor, junk_and_data_gaps) {
  return cr_make_param_array(struct clean_case, clean_cases,
                             sizeof clean_cases / sizeof *clean_cases);
}

ParameterizedTest(struct clean_case *c, extractor, junk_and_data_gaps) {
  kg_extractor *x = new_extractor(false);
  kg_doc_result res;
  process_text(x, c->text, &res);
  const kg_registry *r = kg_extractor_registry(x);
  const kg_mention *hit = mention_of(&res, c->text, c->form);
  kg_entity e;
  if (*c->id) {
    cr_assert(hit, "'%s' should be a mention in: %s", c->form, c->text);
    kg_registry_get(r, hit->entity, &e);
    cr_expect_str_eq(e.id, c->id, "'%s' should be %s, got %s", c->form, c->id, e.id);
  } else if (c->type == KG_N_ETYPES) {
    if (hit)
      kg_registry_get(r, hit->entity, &e);
    cr_expect_null(hit, "'%s' should be no mention in: %s (got %s)", c->form, c->text,
                   hit ? e.id : "");
  } else if (hit) {
    kg_registry_get(r, hit->entity, &e);
    cr_expect_neq(e.type, c->type, "'%s' should not be a %s (got %s)", c->form,
                  kg_etype_name(c->type), e.id);
  }
  kg_extractor_free(x);
}

/* A ticker that is the company's own name is no second mention of it, though
 * the document names the company so elsewhere. */
Test(extractor, a_ticker_in_angle_brackets_is_no_mention) {
  kg_extractor *x = new_extractor(false);
  kg_doc_result res;
  const char *text = "GTE Corp <GTE> said GTE will sell its unit.";
  process_text(x, text, &res);
  size_t ticker = (size_t)(strchr(text, '<') - text) + 1, companies = 0;
  for (size_t i = 0; i < res.n_mentions; i++) {
    cr_expect_neq(res.mentions[i].start, ticker, "the ticker is a mention");
    companies += res.mentions[i].start != ticker;
  }
  cr_expect_eq(companies, 2, "GTE Corp and GTE: %zu mentions", companies);
  kg_extractor_free(x);
}

/* A name of no entity ("MacBook Air", "Ford Taurus") holds no mention of its
 * words after the first, found again in the document, and its last word
 * alone elsewhere in the document is the product's short name, no
 * organization ("the first Air", "the Taurus"); its maker stays. */
Test(extractor, a_product_and_its_short_name_are_no_mentions) {
  static const struct {
    const char *text, *word, *maker;
  } cases[] = {
      {"Apple news\n\nApple Inc. released a new lineup of MacBook Air laptops.\n"
       "Sales and hype over the first Air decreased soon after its introduction.",
       "Air", "Apple"},
      {"Car sales\n\nFord said sales of the Ford Taurus rose in May.\n"
       "The Taurus is the company's best-selling car, Ford said.",
       "Taurus", "Ford"},
      /* a longer name that starts with a listed product: not the city Mobile */
      {"Phones\n\nApple competes with rivals like Microsoft's Windows Mobile, Apple said.",
       "Mobile", "Microsoft"},
  };
  kg_extractor *x = new_extractor(false);
  for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
    kg_doc_result res;
    process_text(x, cases[k].text, &res);
    cr_expect_null(mention_of(&res, cases[k].text, cases[k].word), "'%s' is a mention in: %s",
                   cases[k].word, cases[k].text);
    cr_expect_not_null(mention_of(&res, cases[k].text, cases[k].maker), "no '%s' in: %s",
                       cases[k].maker, cases[k].text);
  }
  kg_extractor_free(x);
}

/* A lone organization word is the document's organization named with it
 * nearest before it, or no mention at all: a node "Bank" would join every
 * bank of the corpus. */
Test(extractor, a_lone_organization_word_is_the_organization_named_before) {
  static const struct {
    const char *text, *form, *id; /* id "": no mention with that text */
  } cases[] = {
      {"The Bank of Japan intervened on Monday. The Bank said it would act again.", "Bank",
       "organization:bank-of-japan"},
      {"The European Commission proposed new steel quotas. The Commission said it would act.",
       "Commission", "organization:european-commission"},
      {"Prices rose in March, a Bank spokesman said on Tuesday.", "Bank", ""},
      /* the word as its head only: not "Exchange" of the SEC */
      {"The New York Stock Exchange opened late. The Securities and Exchange Commission "
       "sued a broker. The Exchange said trading was orderly.",
       "Exchange", "organization:new-york-stock-exchange"},
      /* an ordinary word right before the "of" of the longer name */
      {"LONDON, March 31 - Mauritius exported less sugar, the Mauritius Chamber of Agriculture "
       "said. The estimate was unchanged, the Chamber said.",
       "Chamber", "organization:mauritius-chamber-of-agriculture"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    kg_extractor *x = new_extractor(false);
    kg_doc_result res;
    process_text(x, cases[i].text, &res);
    const kg_mention *hit = mention_of(&res, cases[i].text, cases[i].form);
    kg_entity e;
    if (*cases[i].id) {
      cr_assert(hit, "'%s' should be a mention in: %s", cases[i].form, cases[i].text);
      kg_registry_get(kg_extractor_registry(x), hit->entity, &e);
      cr_expect_str_eq(e.id, cases[i].id, "'%s' in: %s", cases[i].form, cases[i].text);
    } else {
      if (hit)
        kg_registry_get(kg_extractor_registry(x), hit->entity, &e);
      cr_expect_null(hit, "'%s' should be no mention in: %s (got %s)", cases[i].form,
                     cases[i].text, hit ? e.id : "");
    }
    kg_extractor_free(x);
  }
}

/* An institution every country has, named without its country, is that
 * country's: from the country or demonym before it, another mention of it
 * in the document, or the dateline; else it keeps its plain name.  One
 * "Finance Ministry" node would join every country's. */
/* The mention of form (its nth occurrence) in each case's text is entity
 * id, with label. */
typedef struct id_case {
  const char *text, *form;
  int nth;
  const char *id, *label;
} id_case;

static void check_ids(const id_case *cases, size_t n) {
  for (size_t i = 0; i < n; i++) {
    kg_extractor *x = new_extractor(false);
    kg_doc_result res;
    process_text(x, cases[i].text, &res);
    const char *at = cases[i].text;
    for (int k = 0; k <= cases[i].nth; k++)
      at = strstr(k ? at + 1 : at, cases[i].form);
    cr_assert(at, "no '%s' in: %s", cases[i].form, cases[i].text);
    const kg_mention *hit = NULL;
    for (size_t m = 0; m < res.n_mentions; m++)
      if (res.mentions[m].start == (uint32_t)(at - cases[i].text))
        hit = &res.mentions[m];
    cr_assert(hit, "'%s' (#%d) should be a mention in: %s", cases[i].form, cases[i].nth,
              cases[i].text);
    kg_entity e;
    kg_registry_get(kg_extractor_registry(x), hit->entity, &e);
    cr_expect_str_eq(e.id, cases[i].id, "in: %s", cases[i].text);
    cr_expect_str_eq(e.label, cases[i].label, "in: %s", cases[i].text);
    kg_extractor_free(x);
  }
}

/* The first word of a company named with its legal form stands for it,
 * unless another organization or a person of the document has it too. */
Test(extractor, a_company_s_first_word_is_the_company) {
  static const id_case cases[] = {
      {"Purolator Courier Corp said on Monday that Purolator would cut 500 jobs.", "Purolator",
       1, "organization:purolator-courier", "Purolator Courier Corp"},
      /* where the tagger read a place, though the document writes it after "to" too */
      {"MIAMI, March 16 - Eastern Airlines faces a labor war. Texas Air, Eastern's new owner, "
       "will not write checks to Eastern, an official said.",
       "Eastern", 1, "organization:eastern-air-lines", "Eastern Air Lines"},
      /* and "A and B" of "A and B ..." */
      {"NEW YORK, March 3 - Harper and Row Publishers Inc said it received an offer. Harper "
       "and Row said it would study it.",
       "Harper and Row", 1, "organization:harper-and-row-publishers",
       "Harper and Row Publishers Inc"},
      {"Ciba Vision Group said on Monday that Ciba would make contact lenses.", "Ciba", 1,
       "organization:ciba-vision", "Ciba Vision Group"},
      /* "Ciba-Geigy AG" is another Ciba */
      {"Ciba-Geigy AG formed its Ciba Vision Group on Monday. Ciba said the unit would make "
       "contact lenses.",
       "Ciba", 2, "organization:ciba", "Ciba"},
      /* so is the person */
      {"Dudley Taft bid for Taft Broadcasting Co on Monday. Taft said the offer was fair.",
       "Taft", 2, "person:dudley-taft", "Dudley Taft"},
      /* a town the gazetteer leaves to context is the company, where it is
       * no place */
      {"ATLANTA, March 2 - Delta Air Lines Inc said its traffic rose 5 pct. Delta said load "
       "factor fell.",
       "Delta", 1, "organization:delta-air-lines", "Delta Air Lines"},
      {"PROVIDENCE, R.I., March 2 - Providence Energy Corp said profits rose. It is based in "
       "Providence, R.I.",
       "Providence", 1, "location:providence", "Providence"},
      /* the name after a company's initials, the company known or not */
      {"NEW YORK, March 3 - E.F. Hutton Group Inc said it would buy the unit. Hutton said the "
       "price was fair.",
       "Hutton", 1, "organization:e-f-hutton", "E.F. Hutton"},
      {"NEW YORK, March 3 - J.C. Penney Co Inc said sales rose. Penney said its stores did well.",
       "Penney", 1, "organization:j-c-penney", "J.C. Penney Co Inc"},
      /* a company the gazetteer knows, with no legal form */
      {"CHICAGO, March 3 - United Airlines said traffic rose. Analysts said United would gain.",
       "United", 1, "organization:united-airlines", "United Airlines"},
      /* an acronym that starts the name, though the gazetteer knows it as
       * something else; not before a word in capitals */
      {"NEW YORK, March 3 - ICN Pharmaceuticals Inc said profits rose. Analysts said ICN would "
       "gain.",
       "ICN", 1, "organization:icn-pharmaceuticals", "ICN Pharmaceuticals Inc"},
      {"NEW YORK, March 3 - CPC International Inc said profits rose. Analysts said CPC would "
       "gain.",
       "CPC", 1, "organization:cpc-international", "CPC International Inc"},
      {"GENEVA, March 3 - The UN Security Council met on Monday. Analysts said the UN would act.",
       "UN", 1, "organization:united-nations", "United Nations"},
      /* a given name that is also a family name */
      {"NEW YORK, March 3 - Morgan Guaranty Trust Co said rates rose. Analysts said Morgan would "
       "follow.",
       "Morgan", 1, "organization:morgan-guaranty", "Morgan Guaranty"},
      /* read as a place by the tagger, used as none */
      {"MIAMI, March 3 - Eastern Airlines said its traffic rose. Texas Air, Eastern's new owner, "
       "may move Eastern jets to other airlines.",
       "Eastern", 1, "organization:eastern-air-lines", "Eastern Air Lines"},
  };
  check_ids(cases, sizeof cases / sizeof *cases);
}

/* Where an organization's name ends: a name particle binds two known names
 * into a company of its own, and the title word of a known company starts
 * no person; a designation after the legal form is the company's product;
 * "General" after a word of no title is the company's; an agreement is an
 * event. */
Test(extractor, where_an_organization_s_name_ends) {
  static const id_case cases[] = {
      {"General Motors do Brasil said it would give leave to its workers.",
       "General Motors do Brasil", 0, "organization:general-motors-do-brasil",
       "General Motors do Brasil"},
      {"Tokyo may buy either the McDonnell Douglas Corp F-18 or a Mirage.",
       "McDonnell Douglas Corp", 0, "organization:mcdonnell-douglas", "McDonnell Douglas"},
      /* an agreement is an event */
      {"Delegates met in London to renegotiate the International Cocoa Agreement, they said.",
       "International Cocoa Agreement", 0, "event:international-cocoa-agreement",
       "International Cocoa Agreement"},
      /* "General" ends a company's name after a word of no title */
      {"Shares of Data General rose after the news, traders said.", "Data General", 0,
       "organization:data-general", "Data General"},
      {"Stocks fell before the U.K. General election, traders said.", "U.K.", 0, "country:gb",
       "United Kingdom"},
      /* the particle of a known name binds nothing */
      {"Dauster had left Rio de Janeiro for Managua early this morning.", "Managua", 0,
       "location:managua", "Managua"},
  };
  check_ids(cases, sizeof cases / sizeof *cases);
}

/* A company the gazetteer knows, its legal form, "of" and a country: the
 * company in its own country, its branch in another; a company the
 * gazetteer does not know keeps the whole name ("Public Service Co of New
 * Mexico" is no "Public Service Co of Colorado"). */
Test(extractor, a_known_company_of_a_country_is_the_company_or_its_branch) {
  static const id_case cases[] = {
      {"TOKYO, March 3 - NEC Corp of Japan said it would build a plant in Scotland.",
       "NEC Corp of Japan", 0, "organization:nec", "NEC"},
      {"TORONTO, March 3 - Ford Motor Co of Canada Ltd said car sales rose in February.",
       "Ford Motor Co of Canada Ltd", 0, "organization:ford-canada",
       "Ford Motor Co of Canada Ltd"},
      {"Public Service Co of New Mexico said it would sell its stake in the plant.",
       "Public Service Co of New Mexico", 0, "organization:public-service-co-of-new-mexico",
       "Public Service Co of New Mexico"},
  };
  check_ids(cases, sizeof cases / sizeof *cases);
}

/* An agreement is one event whatever word names the pact, in capitals or
 * not: "Louvre accord", "Louvre Agreement", "Louvre pact"; a pact in lower
 * case names one after a place ("the Paris pact"), not after a country or
 * an organization, which are its parties. */
Test(extractor, an_agreement_is_one_event_whatever_word_names_it) {
  static const id_case cases[] = {
      {"Finance ministers reaffirmed the Louvre accord in Washington.", "Louvre accord", 0,
       "event:louvre-agreement", "Louvre accord"},
      {"Finance ministers reaffirmed the Louvre Agreement in Washington.", "Louvre Agreement", 0,
       "event:louvre-agreement", "Louvre Agreement"},
      {"Since the Paris pact of February the dollar has been stable.", "Paris pact", 0,
       "event:paris-agreement", "Paris pact"},
      /* a pact in lower case after a country or an organization, its parties */
      {"The OPEC accord held and prices rose, traders said.", "OPEC", 0, "organization:opec",
       "OPEC"},
      {"A Japan agreement on chips followed, officials said.", "Japan", 0, "country:jp", "Japan"},
  };
  check_ids(cases, sizeof cases / sizeof *cases);
}

/* A pair of countries names one event in either order, keyed in
 * alphabetical order; a pair of other names keeps its order. */
Test(extractor, a_pair_of_countries_names_one_event_in_either_order) {
  static const id_case cases[] = {
      {"Shipping in the Gulf suffered in the Iraq-Iran war, insurers said.", "Iraq-Iran war", 0,
       "event:iran-iraq-war", "Iraq-Iran war"},
      {"Shipping in the Gulf suffered in the Iran-Iraq war, insurers said.", "Iran-Iraq war", 0,
       "event:iran-iraq-war", "Iran-Iraq war"},
      {"Officials prepared the U.S.-Soviet summit in Geneva.", "U.S.-Soviet summit", 0,
       "event:soviet-u-s-summit", "U.S.-Soviet summit"},
      {"Officials prepared the Reagan-Gorbachev summit in Geneva.", "Reagan-Gorbachev summit", 0,
       "event:reagan-gorbachev-summit", "Reagan-Gorbachev summit"},
  };
  check_ids(cases, sizeof cases / sizeof *cases);
}

/* A name spelled the British way finds the gazetteer's entity by its id. */
Test(extractor, a_british_spelling_finds_the_known_organization) {
  static const id_case cases[] = {
      {"ROME, March 3 - The Food and Agriculture Organisation said harvests fell.",
       "Food and Agriculture Organisation", 0, "organization:food-and-agriculture-organization",
       "Food and Agriculture Organization"},
      /* a British title */
      {"U.S. Secretary of Defence Caspar Weinberger said on Monday that talks went well.",
       "Caspar Weinberger", 0, "person:caspar-weinberger", "Caspar Weinberger"},
      /* a known name written with a spaced hyphen */
      {"Shares of Wal - Mart rose on Monday, traders said.", "Wal - Mart", 0,
       "organization:walmart", "Walmart"},
  };
  check_ids(cases, sizeof cases / sizeof *cases);
}

/* A known name written without the "the" after its "of" is the known
 * organization, and a company's full name its short one's. */
Test(extractor, a_known_name_without_its_article_is_the_known_organization) {
  static const id_case cases[] = {
      {"VIENNA, March 3 - The Organization of Petroleum Exporting Countries met on Monday.",
       "Organization of Petroleum Exporting Countries", 0, "organization:opec", "OPEC"},
      {"ARMONK, N.Y., March 3 - International Business Machines Corp said sales rose.",
       "International Business Machines Corp", 0, "organization:ibm", "IBM"},
      /* a known company's name written another way, which the tagger reads as a person */
      {"LONDON, March 3 - Rolls Royce said it would sell shares next month.", "Rolls Royce", 0,
       "organization:rolls-royce", "Rolls-Royce"},
  };
  check_ids(cases, sizeof cases / sizeof *cases);
}

/* A legal form with its full stop ends the name ("Hanson Trust Plc."),
 * and before another name it ends the sentence the segmenter did not end
 * ("... Standard and Poor's Corp. First Boston and ..."); a one-word name
 * and "'s" before ordinary words and a legal form are one company
 * ("Hudson's Bay Co"), a company's unit is not ("Chrysler's Dodge unit"). */
Test(extractor, a_legal_form_ends_the_name_and_holds_a_possessive_before_it) {
  static const id_case cases[] = {
      {"The shares were sold to a U.S. subsidiary of Hanson Trust Plc. The price was not given.",
       "Hanson Trust Plc.", 0, "organization:hanson-trust", "Hanson Trust Plc."},
      {"TORONTO, March 20 - Hudson's Bay Co said a writeoff of 40 mln dlrs hurt.",
       "Hudson's Bay Co", 0, "organization:hudson-s-bay", "Hudson's Bay Co"},
      {"DETROIT, March 2 - Chrysler's Dodge unit said sales rose.", "Chrysler", 0,
       "organization:chrysler", "Chrysler"},
      {"The issue is rated A-1 by Moody's Investors Service Inc and A-plus by Standard and "
       "Poor's Corp. First Boston, Salomon Brothers and Shearson Lehman co-managed it.",
       "First Boston", 0, "organization:first-boston", "First Boston"},
  };
  check_ids(cases, sizeof cases / sizeof *cases);
}

/* An ambiguous alias whose last word starts a longer name gives way to it:
 * "the West" of "the West German economy". */
Test(extractor, an_ambiguous_alias_gives_way_to_a_longer_name_after_it) {
  static const id_case cases[] = {
      {"The West German economy grew by two percent last year, officials said.", "West German", 0,
       "location:west-germany", "West Germany"},
      {"Troops entered the West Bank on Monday, the army said.", "West Bank", 0,
       "location:west-bank", "West Bank"},
  };
  check_ids(cases, sizeof cases / sizeof *cases);
}

/* A name that ends in an organization word is no person, whatever the
 * tagger read; the dateline's town the company is named after stays a
 * place. */
Test(extractor, a_name_ending_in_an_organization_word_is_no_person) {
  static const char text[] = "BANGOR, Maine, March 3 - Bangor Hydro-Electric Co said it filed for "
                             "a rate cut. Bangor Hydro said the first stage could cut revenues.";
  static const id_case cases[] = {
      {text, "Bangor Hydro", 1, "organization:bangor-hydro", "Bangor Hydro"},
      {text, "BANGOR", 0, "location:bangor", "BANGOR"},
      /* nor in a plural of a trade, after a given name too */
      {"LONDON, March 2 - He said Stuart Pharmaceuticals would be merged.",
       "Stuart Pharmaceuticals", 0, "organization:stuart-pharmaceuticals",
       "Stuart Pharmaceuticals"},
  };
  check_ids(cases, sizeof cases / sizeof *cases);
}

/* A state written without its full stop after a town and a comma is the
 * state, as in datelines ("Beverly, Mass", not a mass). */
Test(extractor, a_state_after_a_town_and_a_comma_is_the_state) {
  static const char text[] = "The homes are in Beverly, Mass, and Danvers, Mass. Mason Slaine of "
                             "Cos Cob, Conn, holds a stake.";
  static const char penn[] = "READING, Penn., Feb 26 - Meridian Bancorp Inc raised its "
                             "dividend. Sean Penn. The actor said so.";
  static const id_case cases[] = {
      {text, "Mass", 0, "location:massachusetts", "Massachusetts"},
      {text, "Conn", 0, "location:connecticut", "Connecticut"},
      /* an abbreviation the segmenter parts from its full stop */
      {penn, "Penn", 0, "location:pennsylvania", "Pennsylvania"},
      {penn, "Sean Penn", 0, "person:sean-penn", "Sean Penn"},
  };
  check_ids(cases, sizeof cases / sizeof *cases);
}

/* A town of the gazetteer's, used as no place, that is the family name of
 * a person named before is that person; used as a place it stays one. */
Test(extractor, a_town_named_like_a_person_of_the_document_is_the_person) {
  static const char text[] = "Sandy Angers, an analyst, spoke on Monday. \"We need it,\" said "
                             "Angers. Later she flew to Angers in France.";
  static const id_case cases[] = {
      {text, "Angers", 1, "person:sandy-angers", "Sandy Angers"},
      {text, "Angers", 2, "location:angers", "Angers"},
  };
  check_ids(cases, sizeof cases / sizeof *cases);
}

/* The owner of an event is no name of the event: "Allis-Chalmers" beside
 * "Allis-Chalmers' annual meeting" is no event. */
Test(extractor, an_event_s_owner_alone_is_no_event) {
  static const char text[] = "He said Allis-Chalmers was selling out because it needed cash. "
                             "The deal is subject to approval by Allis-Chalmers' annual meeting.";
  kg_extractor *x = new_extractor(false);
  kg_doc_result res;
  process_text(x, text, &res);
  const kg_mention *m = mention_of(&res, text, "Allis-Chalmers' annual meeting");
  cr_assert_not_null(m, "the meeting is an event mention");
  for (size_t i = 0; i < res.n_mentions; i++) {
    kg_entity e;
    kg_registry_get(kg_extractor_registry(x), res.mentions[i].entity, &e);
    cr_expect(res.mentions[i].start > 40 || e.type != KG_EVENT,
              "the lone Allis-Chalmers is the event %s", e.id);
  }
  kg_extractor_free(x);
}

/* A name with a legal form is a company, not the party the gazetteer knows
 * by the rest ("SNP", "DNC"). */
Test(extractor, a_legal_form_makes_no_party) {
  static const char text[] =
      "Shares of SNP Inc rose on Monday after DnC Ltd said it would buy them.";
  static const id_case cases[] = {
      {text, "SNP Inc", 0, "organization:snp", "SNP Inc"},
      {text, "DnC Ltd", 0, "organization:dnc", "DnC Ltd"},
  };
  check_ids(cases, sizeof cases / sizeof *cases);
}

/* A dateline names a place, ordinary word or not, and the article's other
 * mentions of the name follow it, unless a company of the article is named
 * after the town. */
Test(extractor, a_dateline_s_place_is_a_place_in_the_whole_article) {
  static const char trail[] =
      "TRAIL, British Columbia, March 17 - Cominco Ltd said it was in talks with workers at "
      "its Trail and Kimberley, British Columbia operations.";
  static const char suffield[] = "SUFFIELD, Conn., March 2 - Suffield Financial Corp said its "
                                 "profit rose. Suffield said it would buy a bank.";
  static const id_case cases[] = {
      {trail, "TRAIL", 0, "location:trail", "Trail"},
      {trail, "Trail", 0, "location:trail", "Trail"},
      {suffield, "SUFFIELD", 0, "location:suffield", "SUFFIELD"},
      {suffield, "Suffield", 1, "organization:suffield-financial", "Suffield Financial Corp"},
  };
  check_ids(cases, sizeof cases / sizeof *cases);
}

/* A partnership named with commas ("Goldman, Sachs and Co") is one
 * organization, the one the gazetteer knows without the commas or by its
 * first names; a list of names stays a list. */
Test(extractor, a_partnership_named_with_commas_is_one_organization) {
  static const char text[] =
      "Shares of Sears, Roebuck and Co rose on Monday. The offering was managed by Goldman, "
      "Sachs and Co and Kidder, Peabody and Co Inc. Merrill Lynch, Pierce, Fenner and Smith "
      "Inc and Walsh, Greenwood and Co bought shares. Ford, Chrysler and General Motors Corp "
      "fell.";
  static const id_case cases[] = {
      {text, "Sears, Roebuck and Co", 0, "organization:sears", "Sears"},
      {text, "Goldman, Sachs and Co", 0, "organization:goldman-sachs", "Goldman Sachs"},
      {text, "Kidder, Peabody and Co Inc", 0, "organization:kidder-peabody", "Kidder Peabody"},
      {text, "Merrill Lynch, Pierce, Fenner and Smith Inc", 0, "organization:merrill-lynch",
       "Merrill Lynch"},
      {text, "Walsh, Greenwood and Co", 0, "organization:walsh-greenwood",
       "Walsh, Greenwood and Co"},
      {text, "Chrysler", 0, "organization:chrysler", "Chrysler"},
      {text, "General Motors Corp", 0, "organization:general-motors", "General Motors"},
      /* the next company after a bracket starts after its "and" */
      {"NEW YORK, March 25 - Lead underwriters <Goldman, Sachs and Co> and First Boston Inc "
       "<FBC> said an offering was priced.",
       "First Boston Inc", 0, "organization:first-boston", "First Boston"},
  };
  check_ids(cases, sizeof cases / sizeof *cases);
}

/* A national body named after its country's abbreviation is the body other
 * articles name without it (its id; the label keeps what the text wrote); a
 * country written out is part of the name, and a company stays whole. */
Test(extractor, a_national_body_after_its_country_s_abbreviation_is_the_body) {
  static const char text[] =
      "The U.S. Interstate Commerce Commission ruled on Monday. The U.K. Office of Fair "
      "Trading agreed, the Kuwait News Agency said. Shares of Japan Credit Rating Agency Ltd "
      "rose.";
  static const id_case cases[] = {
      {text, "U.S. Interstate Commerce Commission", 0,
       "organization:interstate-commerce-commission", "U.S. Interstate Commerce Commission"},
      {text, "U.K. Office of Fair Trading", 0, "organization:office-of-fair-trading",
       "U.K. Office of Fair Trading"},
      {text, "Kuwait News Agency", 0, "organization:kuwait-news-agency", "Kuwait News Agency"},
      {text, "Japan Credit Rating Agency Ltd", 0, "organization:japan-credit-rating-agency",
       "Japan Credit Rating Agency Ltd"},
  };
  check_ids(cases, sizeof cases / sizeof *cases);
}

/* A company named "A and B" with its legal form is one organization, and
 * two companies joined by "and" are two. */
Test(extractor, a_company_named_a_and_b_is_one_organization) {
  static const char text[] =
      "Prices rose on Monday. Shares of Bausch and Lomb Inc rose 2 dlrs. Florida Power and "
      "Light Co raised its rates. Chemical Corp completed its acquisition of Johnson and "
      "Johnson Co's unit. Wood Gundy Inc and Gordon Capital Corp managed the issue. It bought "
      "Gearhart Industries Inc's <GOI> Crosby Valve and Gage Co affiliate.";
  static const id_case cases[] = {
      {text, "Bausch and Lomb Inc", 0, "organization:bausch-and-lomb", "Bausch and Lomb Inc"},
      {text, "Florida Power and Light Co", 0, "organization:florida-power-and-light",
       "Florida Power and Light Co"},
      /* "Johnson Co" is no person "Johnson" of a given name; the gazetteer
       * knows the company */
      {text, "Johnson and Johnson Co", 0, "organization:johnson-johnson", "Johnson & Johnson"},
      {text, "Wood Gundy Inc", 0, "organization:wood-gundy", "Wood Gundy Inc"},
      /* a given name and an ordinary word are no person's full name */
      {text, "Crosby Valve and Gage Co", 0, "organization:crosby-valve-and-gage",
       "Crosby Valve and Gage Co"},
      {text, "Gordon Capital Corp", 0, "organization:gordon-capital", "Gordon Capital Corp"},
  };
  check_ids(cases, sizeof cases / sizeof *cases);
}

Test(extractor, a_generic_institution_is_its_country_s) {
  static const id_case cases[] = {
      {"Japan's Finance Ministry said on Monday that exports rose. The Finance Ministry also "
       "said imports fell.",
       "Finance Ministry", 1, "organization:finance-ministry-jp", "Finance Ministry (Japan)"},
      {"The Finance Ministry said on Monday that exports rose. Japan's Finance Ministry also "
       "said imports fell.",
       "Finance Ministry", 0, "organization:finance-ministry-jp", "Finance Ministry (Japan)"},
      {"TOKYO, March 2 - The Finance Ministry said on Tuesday that bond sales fell.",
       "Finance Ministry", 0, "organization:finance-ministry-jp", "Finance Ministry (Japan)"},
      {"The Iranian Foreign Ministry condemned the attack on Monday.", "Foreign Ministry", 0,
       "organization:foreign-ministry-ir", "Foreign Ministry (Iran)"},
      {"Brazil's Ministry of Foreign Affairs said on Monday that talks would resume.",
       "Ministry of Foreign Affairs", 0, "organization:ministry-of-foreign-affairs-br",
       "Ministry of Foreign Affairs (Brazil)"},
      {"MOSCOW, May 5 - The Foreign Ministry said on Friday that talks would resume.",
       "Foreign Ministry", 0, "organization:russian-foreign-ministry", "Russian Foreign Ministry"},
      {"The Foreign Ministry said on Friday that Russia would respond.", "Foreign Ministry", 0,
       "organization:foreign-ministry", "Foreign Ministry"},
      {"AMSTERDAM, March 30 - Dutch money supply was little changed in December, Central Bank "
       "data show.",
       "Central Bank", 0, "organization:central-bank-nl", "Central Bank (Netherlands)"},
      {"An official at Iraq's Defence Ministry said on Monday that the war went on.",
       "Defence Ministry", 0, "organization:defence-ministry-iq", "Defence Ministry (Iraq)"},
      {"PARIS, April 8 - The coalition won a majority in the National Assembly on Monday.",
       "National Assembly", 0, "organization:national-assembly-fr", "National Assembly (France)"},
      /* the country or its demonym and the institution's name in one span */
      {"The Ivory Coast Agriculture Ministry said on Monday that cocoa output rose.",
       "Ivory Coast Agriculture Ministry", 0, "organization:agriculture-ministry-ci",
       "Agriculture Ministry (Ivory Coast)"},
      {"SYDNEY, March 3 - The Australian Wheat Board sold wheat. The Wheat Board said prices "
       "held.",
       "Wheat Board", 1, "organization:wheat-board-au", "Wheat Board (Australia)"},
      {"PARIS, March 3 - The French Finance Ministry said the deficit narrowed.",
       "French Finance Ministry", 0, "organization:finance-ministry-fr",
       "Finance Ministry (France)"},
      {"CHICAGO, March 3 - American National Bank said on Monday that profits rose.",
       "American National Bank", 0, "organization:american-national-bank",
       "American National Bank"},
      {"The Democratic Republic of the Congo's Finance Ministry said on Monday that talks would "
       "resume.",
       "Finance Ministry", 0, "organization:finance-ministry-cd",
       "Finance Ministry (Democratic Republic of the Congo)"},
      /* the gazetteer's name for the country's institution: "US Air Force" */
      {"WASHINGTON, May 3 - The Air Force said the tanker deal was fair.", "Air Force", 0,
       "organization:u-s-air-force", "U.S. Air Force"},
      {"The Pakistani Air Force said on Monday that jets flew.", "Air Force", 0,
       "organization:air-force-pk", "Air Force (Pakistan)"},
      /* no country: the organization of the document whose name ends in it */
      {"The U.S. Air Force ordered tankers. The Air Force said on Monday that the deal was fair.",
       "Air Force", 1, "organization:u-s-air-force", "U.S. Air Force"},
      {"The European Central Bank raised rates. The Central Bank said on Monday that prices rose.",
       "Central Bank", 1, "organization:european-central-bank", "European Central Bank"},
      /* "the House": the lower house the gazetteer names for the country */
      {"WASHINGTON, March 3 - The White House said the House would vote on the bill.", "House",
       1, "organization:u-s-house-of-representatives", "U.S. House of Representatives"},
      {"The White House said the House would vote on the bill.", "House", 1,
       "organization:house", "House"},
      {"LONDON, March 3 - The government said the House would vote on the bill.", "House", 0,
       "organization:house", "House"},
      /* central banks and statistics offices named alike in many countries */
      {"WELLINGTON, March 3 - The Reserve Bank said on Tuesday that it would hold rates.",
       "Reserve Bank", 0, "organization:reserve-bank-nz", "Reserve Bank (New Zealand)"},
      /* the document's organization that ends in it, of no other country */
      {"FRANKFURT, March 3 - The European Central Bank raised rates. The Central Bank said on "
       "Tuesday that prices rose.",
       "Central Bank", 1, "organization:european-central-bank", "European Central Bank"},
      {"LONDON, March 3 - The London Stock Exchange opened late. The Stock Exchange said on "
       "Tuesday that trading was orderly.",
       "Stock Exchange", 1, "organization:london-stock-exchange", "London Stock Exchange"},
      {"LONDON, March 3 - The Tokyo Stock Exchange fell. The Stock Exchange said on Tuesday "
       "that trading was orderly.",
       "Stock Exchange", 1, "organization:stock-exchange-gb", "Stock Exchange (United Kingdom)"},
      /* a parliament */
      {"TEHRAN, March 3 - Rafsanjani, speaker of Parliament, said the war would go on.",
       "Parliament", 0, "organization:parliament-ir", "Parliament (Iran)"},
      {"STRASBOURG, March 3 - The European Parliament voted. The plan drew criticism in "
       "Parliament on Tuesday.",
       "Parliament", 1, "organization:european-parliament", "European Parliament"},
      {"LONDON, March 3 - The plan drew criticism in Parliament on Monday.", "Parliament", 0,
       "organization:uk-parliament", "UK Parliament"},
      /* the gazetteer's "<name> of <country>" */
      {"SYDNEY, March 3 - The Reserve Bank said on Tuesday that it would hold rates.",
       "Reserve Bank", 0, "organization:reserve-bank-of-australia", "Reserve Bank of Australia"},
      {"PEKING, March 3 - The Communist Party said on Tuesday that reforms would go on.",
       "Communist Party", 0, "organization:communist-party-of-china", "Communist Party of China"},
      /* parties many countries have */
      {"LISBON, March 3 - The Communist Party said on Tuesday that it would vote no.",
       "Communist Party", 0, "organization:communist-party-pt", "Communist Party (Portugal)"},
      {"The Communist Party said on Tuesday that it would vote no.", "Communist Party", 0,
       "organization:communist-party", "Communist Party"},
      {"WIESBADEN, March 3 - The Federal Statistics Office said on Tuesday that prices rose.",
       "Federal Statistics Office", 0, "organization:federal-statistics-office-de",
       "Federal Statistics Office (Germany)"},
      /* the country's one the gazetteer knows and the document names in full */
      {"ZURICH, March 26 - The Swiss National Bank held rates. The National Bank said on "
       "Tuesday that it would intervene.",
       "National Bank", 1, "organization:swiss-national-bank", "Swiss National Bank"},
      {"ZURICH, March 26 - The National Bank said on Tuesday that it would intervene.",
       "National Bank", 0, "organization:national-bank-ch", "National Bank (Switzerland)"},
  };
  check_ids(cases, sizeof cases / sizeof *cases);
}

/* A country and an event word the tagger reads as one name in a headline
 * is the country. */
Test(extractor, a_country_and_an_event_word_in_a_headline_is_the_country) {
  static const id_case cases[] = {
      {"LAWSON SAYS U.K. ELECTION NOT ONLY EMS BAR\n\nKNOKKE-HEIST, Belgium, April 5 - British "
       "Chancellor of the Exchequer Nigel Lawson said the next U.K. Election was not the only "
       "element standing in the way of full British membership of the European Monetary System.",
       "U.K.", 0, "country:gb", "United Kingdom"},
      {"AMPLE SUPPLIES LIMIT U.S. STRIKE'S OIL PRICE IMPACT\n\nLONDON, Oct 19 - Ample supplies "
       "of OPEC crude helped limit oil price gains that followed the U.S. Strike on an Iranian "
       "oil platform in the Gulf.",
       "U.S.", 0, "country:us", "United States"},
  };
  check_ids(cases, sizeof cases / sizeof *cases);
}

/* "Congress", "Senate", "Treasury": the gazetteer's U.S. body alone, but
 * another country's after that country or its demonym, and in the whole
 * document that names it so ("the Italian Treasury ... the Treasury"). */
Test(extractor, a_national_body_after_another_country_is_that_country_s) {
  static const id_case cases[] = {
      {"LA PAZ, March 3 - The President spoke to the Bolivian Congress on Monday.", "Congress", 0,
       "organization:congress-bo", "Congress (Bolivia)"},
      {"Critics in the Mexican Senate said the plan would fail.", "Senate", 0,
       "organization:senate-mx", "Senate (Mexico)"},
      {"ROME, March 19 - The Italian Treasury said it would sell bills. The Treasury said rates "
       "would fall.",
       "Treasury", 1, "organization:treasury-it", "Treasury (Italy)"},
      {"LONDON, March 3 - The U.K. Treasury said on Monday that borrowing fell.", "U.K. Treasury",
       0, "organization:treasury-gb", "Treasury (United Kingdom)"},
      {"MANILA, Oct 20 - A bomb went off in the Philippine Senate on Tuesday.",
       "Philippine Senate", 0, "organization:senate-ph", "Senate (Philippines)"},
      /* the U.S. bodies: alone, after "American", and without a dateline */
      {"The bill now goes to Congress, aides said on Monday.", "Congress", 0,
       "organization:u-s-congress", "U.S. Congress"},
      {"TOKYO, March 3 - The Treasury said the yen was too weak, officials said.", "Treasury", 0,
       "organization:treasury-department", "Treasury Department"},
      {"The American Congress approved it on Monday.", "Congress", 0,
       "organization:u-s-congress", "U.S. Congress"},
      /* not the start of a longer name */
      {"LUSAKA, March 3 - The leader of the Zambian Congress of Trade Unions said so.",
       "Zambian", 0, "country:zm", "Zambia"},
  };
  check_ids(cases, sizeof cases / sizeof *cases);
}

/* A city the gazetteer knows in one country, written with a state or
 * province of another, is a town of that state, in every mention of the
 * document; and its dateline's country is that state's. */
Test(extractor, a_city_with_a_state_of_another_country_is_a_town_there) {
  static const id_case cases[] = {
      {"CAMBRIDGE, Mass, March 4 - Biogen Inc said it would expand in Cambridge.", "Cambridge",
       0, "location:cambridge-massachusetts", "Cambridge (Massachusetts)"},
      {"CANTON, Ohio, March 4 - Timken Co said it would cut jobs.", "CANTON", 0,
       "location:canton-ohio", "Canton (Ohio)"},
      {"He moved from London, Ontario, to Toronto in May.", "London", 0,
       "location:london-ontario", "London (Ontario)"},
      {"CAIRO, Ga., March 4 - The Central Bank said nothing.", "Central Bank", 0,
       "organization:central-bank-us", "Central Bank (United States)"},
      /* the same country, or a country after the comma: the gazetteer's city */
      {"PARIS, France, March 4 - Prices rose.", "PARIS", 0, "location:paris", "Paris"},
      {"He flew to Paris, Texas and Rome on Monday.", "Rome", 0, "location:rome", "Rome"},
  };
  check_ids(cases, sizeof cases / sizeof *cases);
}

Test(extractor, state_councilor_is_a_role) {
  kg_extractor *x = new_extractor(false);
  kg_doc_result res;
  process_text(x, "State Councilor Tang Jiaxuan told Xinhua on Monday.", &res);
  kg_entity e;
  cr_assert(find(kg_extractor_registry(x), "person:tang-jiaxuan", &e), "Tang Jiaxuan is a person");
  cr_expect_str_eq(e.role, "State Councilor");
  cr_expect_str_eq(e.label, "Tang Jiaxuan", "the title is no part of the name");
  kg_extractor_free(x);
}

Test(extractor, chancellor_of_the_exchequer_is_a_role) {
  kg_extractor *x = new_extractor(false);
  kg_doc_result res;
  process_text(x, "LONDON, March 3 - Chancellor of the Exchequer Nigel Lawson said rates "
                  "would fall.",
               &res);
  kg_entity e;
  cr_assert(find(kg_extractor_registry(x), "person:nigel-lawson", &e), "Nigel Lawson");
  cr_expect_str_eq(e.role, "Chancellor of the Exchequer");
  kg_extractor_free(x);
}

/* ------------------------------------------------------ order independence */

static const char *const order_docs[] = {
    "Secretary of State Antony Blinken met Pope Francis. Blinken said the talks went well.",
    "ANTONY BLINKEN VISITS ROME\n\nMr. Blinken met Italian Foreign Minister Luigi Di Maio.",
    "Antony Blinken, the U.S. secretary of state, spoke with reporters in Washington.",
    "The Syrian Democratic Forces (SDF) hold 10,000 ISIS fighters, the SDF said.",
};

static int by_string(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static char *snapshot(const kg_registry *r) {
  size_t n = kg_registry_size(r);
  char **lines = calloc(n, sizeof *lines);
  size_t total = 1;
  for (size_t i = 0; i < n; i++) {
    kg_entity e;
    kg_registry_get(r, i, &e);
    size_t len = strlen(e.id) + strlen(e.label) + strlen(e.role) + strlen(e.aliases) + 8;
    lines[i] = malloc(len);
    snprintf(lines[i], len, "%s\t%s\t%s\t%s\n", e.id, e.label, e.role, e.aliases);
    total += len;
  }
  qsort(lines, n, sizeof *lines, by_string);
  char *out = calloc(1, total);
  for (size_t i = 0; i < n; i++) {
    strcat(out, lines[i]);
    free(lines[i]);
  }
  free(lines);
  return out;
}

Test(extractor, entities_do_not_depend_on_document_order) {
  size_t n = sizeof order_docs / sizeof *order_docs;
  kg_extractor *fwd = new_extractor(false), *rev = new_extractor(false);
  kg_doc_result res;
  for (size_t i = 0; i < n; i++)
    process_text(fwd, order_docs[i], &res);
  for (size_t i = n; i-- > 0;)
    process_text(rev, order_docs[i], &res);
  char *a = snapshot(kg_extractor_registry(fwd)), *b = snapshot(kg_extractor_registry(rev));
  cr_expect_str_eq(a, b, "the same documents in another order give the same entities:\n%s\n---\n%s", a, b);
  kg_entity e;
  cr_assert(find(kg_extractor_registry(fwd), "person:antony-blinken", &e));
  cr_expect_str_eq(e.label, "Antony Blinken");
  cr_expect_str_eq(e.role, "Secretary of State");
  cr_expect_not(find(kg_extractor_registry(fwd), "person:blinken", &e),
                "'Mr. Blinken' links to the full name of its ALL CAPS headline");
  free(a);
  free(b);
  kg_extractor_free(fwd);
  kg_extractor_free(rev);
}

Test(extractor, empty_and_blank_documents_give_no_mentions) {
  static const char *const texts[] = {"", "   \n\n \t ", ".,;!?", "THE END\n"};
  for (int rules = 0; rules < 2; rules++) {
    kg_extractor *x = new_extractor(rules);
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
      kg_doc_result res;
      process_text(x, texts[i], &res);
      cr_expect_eq(res.n_mentions, 0, "no mention in '%s', got %zu", texts[i], res.n_mentions);
    }
    cr_expect_eq(kg_registry_size(kg_extractor_registry(x)), 0);
    kg_extractor_free(x);
  }
}

Test(extractor, free_accepts_null) { kg_extractor_free(NULL); }

Test(extractor, type_names_round_trip) {
  for (int t = 0; t < KG_N_ETYPES; t++) {
    const char *name = kg_etype_name((kg_etype)t);
    cr_assert_eq(kg_etype_parse(name, strlen(name)), t, "type %s", name);
  }
  cr_assert_eq(kg_etype_parse("place", 5), -1);
  cr_assert_str_eq(kg_etype_name(KG_N_ETYPES), "?");
}

/* ----------------------------------------------------------- worst cases */

/* The document-wide rules cost linear time on any input: one document of
 * the patterns they look for (a country's abbreviation and a word, rating
 * grades, a company's first word, a given name and a family name, a
 * company's branch, a family firm), then 2 MB of "U.S. Officials met.": a
 * scan of the document per such candidate made that part take 40 s. */
Test(extractor, document_rules_take_linear_time, .timeout = 120) {
  static const char mix[] =
      "U.S. Officials met. Moody's rated it AA. Shares of Dome Petroleum Ltd rose. "
      "Dome said so. Steve Jobs spoke. Jobs said so. Ford Australia and Alex. Brown and "
      "Sons Inc agreed. ";
  static const char us[] = "U.S. Officials met. ";
  enum { MIXES = 2000, USES = 100000 };
  size_t ml = strlen(mix), ul = strlen(us), n = 0;
  char *text = malloc(ml * MIXES + ul * USES + 1);
  cr_assert_not_null(text);
  for (size_t i = 0; i < MIXES; i++, n += ml)
    memcpy(text + n, mix, ml);
  for (size_t i = 0; i < USES; i++, n += ul)
    memcpy(text + n, us, ul);
  text[n] = '\0';
  kg_extractor *x = new_extractor(false);
  kg_doc_result res;
  clock_t t0 = clock();
  process_text(x, text, &res);
  double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
  cr_assert_gt(res.n_mentions, (size_t)USES, "the names are found");
  cr_assert_lt(secs, 30, "%.1f MB took %.1f s", (double)n / 1e6, secs);
  kg_extractor_free(x);
  free(text);
}
