/* grammar.c: the closed-class English words the name finders reason with.
 *
 * Function words, name particles, legal forms, place nouns...: grammar, not
 * name data (names, titles and word lists live in the gazetteer's data
 * files).  Each word gets KG_W_* flags; the extractor looks every token up
 * once (kg_grammar_word) so that the rules test a bit instead of comparing
 * strings.  Built once per extractor, immutable afterwards.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "mention.h"
#include "strmap.h"

struct kg_grammar {
  kg_strmap words;
  uint32_t *flags;
};

typedef struct word_list {
  uint32_t flag;
  const char *const *words;
} word_list;

/* Function words that stay lower-case in Title Case headlines. */
static const char *const minor[] = {
    "a", "an", "the", "of", "in", "on", "at", "to", "for", "with", "and", "or", "but", "by",
    "from", "as", "vs", "vs.", "via", "into", "over", "after", "about", "amid", "against",
    "than", "nor", "per", "up", "out", "off", "'s", "is", "are", "its", "his", "her",
    "their", "our", NULL};

/* Tokens after which a capital says nothing: quotes, colons, dashes. */
static const char *const opening[] = {"\"", "``", "'", "`", ":", "-", "--", "(", "[", NULL};

/* Lower-case words that may sit inside a title: "Minister of Foreign Affairs". */
static const char *const title_glue[] = {"of",    "for",       "and",      "on", "the",
                                         "-",     "&",         "elect",    "designate",
                                         "emeritus", NULL};

/* Generational suffixes and regnal numbers closing a name. */
static const char *const suffixes[] = {
    "jr", "jr.", "sr", "sr.", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi",
    "xii", "xiii", "xiv", "xv", "xvi", NULL};

/* Name particles: "Luigi Di Maio", "Ursula von der Leyen", "Osama bin Laden". */
static const char *const particles[] = {
    "de", "di", "da", "del", "della", "dei", "van", "von", "der", "den", "ter", "bin", "ibn",
    "ben", "bint", "al", "el", "la", "le", "du", "des", "dos", "das", "do", "af", "zu", "abu", "y",
    NULL};

/* Abbreviations that name no entity. */
static const char *const not_entities[] = {
    "ceo", "cfo", "coo", "cto", "gdp", "gnp", "tv", "am", "pm", "dna", "rna", "hiv", "aids",
    "covid", "sars", "mers", "mp", "mps", "phd", "ufo", "suv", "ai", "vip", "gmt", "utc",
    "est", "edt", "pst", "pdt", "cst", "cdt", "bst", "cet", "cest", "bc", "ad", "ok", "usb",
    "pc", "cd", "dvd", "lcd", "led", "gps", "sms", "atm", "iq", "ivf", "icu", "er", "pr",
    "hr", "ied", "ieds", "mw", "kw", "gw", "km", "kg", "mph", "lgbt", "lgbtq", "id", "faq",
    "pdf", "url", "www", "html", "api", "rpg", "q&a", "eta", "asap", "fyi", "rip", "aka",
    "diy", "ngo", "ngos", "uav", "co2", "ppe", "ipo", "ev", "evs", "ceos", "tb", "std",
    "ptsd", "adhd", "gop", "a.m.", "p.m.", "i", "a", "no", "vs", "etc", "op", "ed", "nb",
    "ps", "usd", "eur", "gbp", "jpy", "cny", "mln", "bln", "pct", "yoy", "qe", "mri", "ct",
    "hd", "rt", "pov", "lol", "omg", "ft", "lb", "lbs", "oz", "mg", "ml", "os", "vpn",
    "voip", "wpa", "wpa2", "wifi", "wi-fi", "sdk", "3d", "ghz", "mhz", "gb", "mb", "cpu",
    "gpu", "ram", "hdtv", "cd-rom", "dlr", "dlrs", "cts", NULL};

/* Event words that name an event only when capitalized with their name
 * ("Paris Agreement", "Oslo Accords"): in lower case they follow any name
 * ("EADS plan", "Boeing deal", "Obama visit"). */
static const char *const weak_events[] = {
    "plan", "deal", "initiative", "agreement", "accord", "accords", "treaty", "pact",
    "declaration", "visit", "tour", "talks", "negotiations", "dialogue", "vote", "session",
    "hearing", "trial", "inquiry", "attack", "attacks", "bombing", "crash", "accident", "blast",
    "explosion", "shooting", "scandal", "strike", "protest", "protests", "demonstrations",
    "offensive", "ceasefire", "cease-fire", "truce", "assembly", "primary", "primaries",
    "caucus", "caucuses", "runoff", "inauguration", "flood", "floods", "drought", NULL};

/* Legal forms: no part of an organization's identity ("Apple Inc."). */
static const char *const legal_forms[] = {
    "inc", "inc.", "corp", "corp.", "corporation", "co", "co.", "cos", "cos.", "company", "llc",
    "l.l.c.", "ltd", "ltd.", "limited", "plc", "plc.", "p.l.c.", "ag", "gmbh", "sa", "s.a.", "n.v.",
    "nv", "bv", "b.v.", "spa", "s.p.a.", "llp", "l.p.", "lp", "incorporated", "pty", "pte",
    "bhd", "bhd.", "ab", "oyj", "asa", NULL};

/* Words for a group of companies, no part of its identity ("Chrysler Group"). */
static const char *const groups[] = {"group", "holding", "holdings", NULL};

/* Lower-case words that may sit inside a name ("Bank of America", "University
 * of California at Berkeley"); any other lower-case word ends it. */
static const char *const name_glue[] = {"of", "for", "and", "on", "the", "at", "in", "&",
                                        "-", NULL};

/* Prepositions that put a place after them ("in Wixom"). */
static const char *const locatives[] = {
    "in", "at", "near", "from", "to", "into", "outside", "across", "around", "toward",
    "towards", "via", "through", "throughout", "within", NULL};

/* Words between such a preposition and the place ("in the southern Uruzgan"). */
static const char *const place_modifiers[] = {
    "the", "northern", "southern", "eastern", "western", "northeastern", "northwestern",
    "southeastern", "southwestern", "central", "neighboring", "neighbouring", "nearby",
    "remote", "restive", "volatile", "troubled", "rural", "coastal", "mountainous", "tribal",
    "war-torn", NULL};

/* Nouns that make the name next to them a place ("Paktika province"). */
static const char *const place_nouns[] = {
    "province", "provinces", "region", "district", "state", "county", "city", "town",
    "village", "valley", "island", "islands", "area", "border", "capital", "governorate",
    "prefecture", "peninsula", "desert", "mountains", "river", "lake", "sea", "coast",
    "township", "municipality", "oblast", "airport", "port", "suburb", "neighborhood", NULL};

/* Prepositions, conjunctions and adverbs that open a sentence before a
 * name ("Unlike Chrysler, GM will...", "Meanwhile Boeing said"): news
 * capitalize them there, and the taggers glue them to the name.  Not the
 * ones that start company names ("All Nippon", "First Solar", "Best Buy"). */
static const char *const clause_words[] = {
    "unlike", "like", "after", "before", "while", "whilst", "although", "though", "despite",
    "meanwhile", "however", "since", "following", "according", "including", "besides",
    "unless", "until", "without", "within", "among", "amid", "amongst", "during", "through",
    "throughout", "against", "because", "when", "whenever", "where", "whereas", "if", "as",
    "at", "in", "on", "for", "from", "with", "by", "to", "of", "into", "onto", "upon", "about",
    "above", "below", "beyond", "behind", "beside", "between", "toward", "towards", "via",
    "per", "and", "but", "or", "nor", "so", "yet", "also", "still", "now", "then", "later",
    "earlier", "instead", "nevertheless", "nonetheless", "moreover", "furthermore", "thus",
    "hence", "therefore", "indeed", "yesterday", "today", "tomorrow", "tonight", "this",
    "that", "these", "those", "both", "either", "neither", "every", "each", "many", "most",
    "some", "several", "such", "even", "only", "just", "once", "here", "there", "perhaps",
    "maybe", "unfortunately", "fortunately", "interestingly", "similarly", "likewise",
    "additionally", "ironically", "separately", "elsewhere", "overall", "currently",
    "recently", "previously", "initially", "finally", "eventually", "originally", "shortly",
    "soon", "again", "already", "why", "how", "what", "whether", "which", "who", "whose",
    "dear", "thanks", "outside", "inside", "near", "across", "around", "along",
    "beneath", "except", "excluding", "regarding", "concerning", "considering", "given",
    NULL};

/* Determiners and possessive pronouns: "the Mac", "their iPod" name
 * things; news put none before a person's given name. */
static const char *const determiners[] = {
    "the", "a", "an", "their", "its", "our", "your", "my", "his", "her", "this", "that",
    "these", "those", "every", "each", "any", "no", "another", NULL};

static const char *const possessives[] = {"'s", "'", NULL};

/* Words an event name's lower-case middle may not hold ("the G-20
 * foreign ministers' meeting" may, "the coalition and the meeting" not). */
/* Words that end the modifiers of an event before its head word ("Piedmont's
 * board was meeting", "U.S. Officials had been meeting", "Clercq told
 * reporters ... conflict"): articles, prepositions, conjunctions, pronouns,
 * auxiliaries and verbs of reporting. */
static const char *const event_stops[] = {
    "the",     "of",       "and",    "a",      "an",     "in",     "to",      "was",    "were",
    "is",      "are",      "be",     "been",   "being",  "had",    "has",     "have",   "will",
    "would",   "could",    "should", "may",    "might",  "can",    "must",    "shall",  "did",
    "does",    "do",       "for",    "with",   "at",     "on",     "by",      "from",   "as",
    "that",    "which",    "who",    "its",    "their",  "his",    "her",     "our",    "this",
    "these",   "those",    "said",   "says",   "told",   "tell",   "reporters", "meanwhile",
    "also",    "not",      "no",     "either", "or",     "but",    "if",      "after",  "before",
    "during",  "since",    "until",  "under",  "over",   "into",   "about",   "against",
    "between", "than",     "then",   "when",   "while",  "where",  "hold",    "held",   "holds",
    "attend",  "attended", "attends", "emerged", "called", "expected", "planned", NULL};

/* Plural nouns of a trade that end companies' names ("Stuart
 * Pharmaceuticals", "Anthony Bird Associates") and no person's; the
 * gazetteer's organization words hold the singular ones. */
static const char *const trades[] = {
    "associates",  "pharmaceuticals", "enterprises", "communications", "foods",
    "stores",      "resources",       "minerals",    "chemicals",      "electronics",
    "securities",  "investments",     "properties",  "ventures",       "products",
    "textiles",    "breweries",       "laboratories", "industries",    "airlines",
    "utilities",   "instruments",     "publications", "mines",         NULL};

static const word_list lists[] = {
    {KG_W_MINOR, minor},
    {KG_W_OPENING, opening},
    {KG_W_TITLE_GLUE, title_glue},
    {KG_W_SUFFIX, suffixes},
    {KG_W_PARTICLE, particles},
    {KG_W_NOT_ENTITY, not_entities},
    {KG_W_WEAK_EVENT, weak_events},
    {KG_W_LEGAL, legal_forms},
    {KG_W_LOCATIVE, locatives},
    {KG_W_PLACE_MOD, place_modifiers},
    {KG_W_PLACE_NOUN, place_nouns},
    {KG_W_POSSESSIVE, possessives},
    {KG_W_EVENT_STOP, event_stops},
    {KG_W_GROUP, groups},
    {KG_W_NAME_GLUE, name_glue},
    {KG_W_CLAUSE, clause_words},
    {KG_W_DETERMINER, determiners},
    {KG_W_TRADE, trades},
};

static bool listed(const char *const *list, const char *w, size_t len) {
  for (const char *const *f = list; *f; f++)
    if (strlen(*f) == len && strncasecmp(*f, w, len) == 0)
      return true;
  return false;
}

bool kg_grammar_legal_form(const char *w, size_t len) { return listed(legal_forms, w, len); }

bool kg_grammar_group_word(const char *w, size_t len) { return listed(groups, w, len); }

int kg_grammar_new(kg_grammar **out, kg_error *err) {
  kg_grammar *g = calloc(1, sizeof *g);
  size_t cap = 512;
  if (!g || !(g->flags = calloc(cap, sizeof *g->flags)))
    goto nomem;
  kg_strmap_init(&g->words);
  for (size_t l = 0; l < sizeof lists / sizeof *lists; l++)
    for (const char *const *w = lists[l].words; *w; w++) {
      uint32_t i;
      if (kg_strmap_intern(&g->words, *w, strlen(*w), &i, NULL) != 0)
        goto nomem;
      if (i >= cap) {
        uint32_t *f = realloc(g->flags, 2 * cap * sizeof *f);
        if (!f)
          goto nomem;
        memset(f + cap, 0, cap * sizeof *f);
        g->flags = f;
        cap *= 2;
      }
      g->flags[i] |= lists[l].flag;
    }
  *out = g;
  return 0;
nomem:
  kg_grammar_free(g);
  *out = NULL;
  return kg_error_set(err, KG_ERR_NOMEM, "grammar words: out of memory");
}

void kg_grammar_free(kg_grammar *g) {
  if (!g)
    return;
  kg_strmap_destroy(&g->words);
  free(g->flags);
  free(g);
}

/* "c.e.o.", "g.d.p.": initials with periods; *out gets the letters. */
static size_t dotted(const char *s, size_t len, char *out, size_t cap) {
  size_t n = 0;
  if (len < 4 || len % 2)
    return 0;
  for (size_t i = 0; i < len; i += 2) {
    if (s[i] < 'a' || s[i] > 'z' || s[i + 1] != '.' || n + 1 >= cap)
      return 0;
    out[n++] = s[i];
  }
  return n;
}

uint32_t kg_grammar_word(const kg_grammar *g, const char *folded, size_t len) {
  uint32_t i = kg_strmap_find(&g->words, folded, len);
  uint32_t f = i == KG_NONE ? 0 : g->flags[i];
  char letters[8];
  size_t n;
  if (!(f & KG_W_NOT_ENTITY) && (n = dotted(folded, len, letters, sizeof letters)) != 0) {
    /* "C.E.O." names no more than "CEO" does. */
    i = kg_strmap_find(&g->words, letters, n);
    if (i != KG_NONE)
      f |= g->flags[i] & KG_W_NOT_ENTITY;
  }
  return f;
}
