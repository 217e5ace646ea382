/* mention.h (private to extract/): candidate mentions, the per-document view
 * every stage reads, and the mention-source seam.
 *
 * A document flows: kg_docview (tokens, folded tokens, word classes, case
 * cues) -> candidate mentions from several sources (the gazetteer pass, the
 * event patterns, and ONE name source: the tagger or the rules) -> merged
 * into non-overlapping candidates -> resolved to registry entities
 * (resolve.h).  Candidates are token spans, never copies of text.
 */
#ifndef KG_MENTION_H
#define KG_MENTION_H

#include "extract.h"
#include "gazetteer.h"
#include "text.h"

/* ------------------------------------------------------------ the doc view */

/* Per-token case and position cues (kg_docview.tflags). */
enum {
  KG_TF_CAP = 1u << 0,       /* starts with an upper-case letter */
  KG_TF_ALLCAPS = 1u << 1,   /* two or more letters, none lower-case: "NATO", "U.S." */
  KG_TF_LOWER = 1u << 2,     /* starts with a lower-case letter */
  KG_TF_DIGIT = 1u << 3,     /* holds a digit */
  KG_TF_WORD = 1u << 4,      /* holds a letter or digit (not punctuation) */
  KG_TF_START = 1u << 5,     /* first word of its sentence (after quotes, dashes) */
  KG_TF_PROPN = 1u << 6,     /* looks like part of a proper name in context, see docview.c */
  KG_TF_HEADLINE = 1u << 7,  /* in an ALL CAPS or Title Case line: case is no cue */
  KG_TF_NAME = 1u << 8,      /* case-insensitive name cue: not a common word, or
                                known to the gazetteer as a name */
  KG_TF_CAPSLINE = 1u << 9,  /* in an ALL CAPS line ("US" may be "us") */
};

/* Titles before names (kg_docview.title, from the gazetteer's titles.tsv),
 * found left to right, longest first: "Secretary of State" is one title. */
enum {
  KG_TITLE_LEN = 0x0F, /* a title of this many tokens starts at the token */
  KG_TITLE_KIND = 0x30, /* its kg_title_kind << 4 */
  KG_TITLE_IN = 0x80   /* the token is part of a title */
};

/* Closed-class words (grammar.c), looked up once per token (kg_docview.gram). */
enum {
  KG_W_MINOR = 1u << 0,       /* lower-case in Title Case: "of", "the", "with" */
  KG_W_OPENING = 1u << 1,     /* a capital after it is no cue: quotes, ":", "(" */
  KG_W_TITLE_GLUE = 1u << 2,  /* inside a title: "of", "for", "and" */
  KG_W_SUFFIX = 1u << 3,      /* closes a name: "Jr.", "III" */
  KG_W_PARTICLE = 1u << 4,    /* inside a name: "di", "von", "bin" */
  KG_W_NOT_ENTITY = 1u << 5,  /* an abbreviation naming nothing: "CEO", "GDP" */
  KG_W_WEAK_EVENT = 1u << 6,  /* an event word only when capitalized: "plan", "deal" */
  KG_W_LEGAL = 1u << 7,       /* a legal form: "Inc.", "LLC", "Co." */
  KG_W_LOCATIVE = 1u << 8,    /* puts a place after it: "in", "near" */
  KG_W_PLACE_MOD = 1u << 9,   /* between such a word and the place: "southern" */
  KG_W_PLACE_NOUN = 1u << 10, /* makes the name beside it a place: "province" */
  KG_W_POSSESSIVE = 1u << 11, /* "'s", "'" */
  KG_W_EVENT_STOP = 1u << 12, /* not inside an event name's lower-case middle */
  KG_W_GROUP = 1u << 13,      /* "Group", "Holdings": no part of a company's identity */
  KG_W_NAME_GLUE = 1u << 14,  /* lower-case inside a name: "of", "and", "at" */
  KG_W_CLAUSE = 1u << 15,     /* opens a clause, no part of a name after it when it
                                 starts the sentence: "Unlike", "Meanwhile", "After" */
  KG_W_DETERMINER = 1u << 16, /* "the", "their", "this": a thing follows, or a phrase */
  KG_W_TRADE = 1u << 17,      /* a plural noun of a trade that ends companies' names and
                                 no person's: "Pharmaceuticals", "Associates" */
};

typedef struct kg_grammar kg_grammar;
int kg_grammar_new(kg_grammar **out, kg_error *err);
void kg_grammar_free(kg_grammar *g);
/* KG_W_* flags of a folded word (0: none). */
uint32_t kg_grammar_word(const kg_grammar *g, const char *folded, size_t len);
/* Whether w (any case) is a legal form ("Inc.", "Co", "AG"): the list behind
 * KG_W_LEGAL, without a kg_grammar (the tagger's span rules use it). */
bool kg_grammar_legal_form(const char *w, size_t len);
/* Whether w (any case) is a word for a group of companies ("Group",
 * "Holdings"): the list behind KG_W_GROUP. */
bool kg_grammar_group_word(const char *w, size_t len);

typedef struct kg_docview {
  const char *text;
  const kg_token *tokens;
  size_t n_tokens;
  const kg_sentence *sentences;
  size_t n_sentences;
  const kg_str *folded;     /* kg_text_fold of each token */
  const uint32_t *wclass;   /* kg_gazetteer_word of each folded token */
  const uint32_t *gram;     /* kg_grammar_word of each folded token */
  const uint16_t *tflags;   /* KG_TF_* of each token */
  const uint32_t *tok_sent; /* sentence index of each token */
  const uint8_t *title;     /* KG_TITLE_* of each token */
  const kg_gazetteer *gaz;  /* may be NULL in unit tests */
} kg_docview;

/* Token i's folded text equals the NUL-terminated word w. */
static inline bool kg_dv_is(const kg_docview *dv, size_t i, const char *w) {
  size_t n = 0;
  while (w[n])
    n++;
  return dv->folded[i].len == n && __builtin_memcmp(dv->folded[i].ptr, w, n) == 0;
}

/* Token i's folded text is one of the n NUL-terminated words. */
static inline bool kg_dv_in(const kg_docview *dv, size_t i, const char *const *words,
                            size_t n) {
  for (size_t k = 0; k < n; k++)
    if (kg_dv_is(dv, i, words[k]))
      return true;
  return false;
}

/* Token i is a stock ticker in angle brackets after a word ("General Motors
 * Corp <GM>"): it names the company's shares, and the company is named just
 * before it. */
static inline bool kg_dv_ticker(const kg_docview *dv, size_t i) {
  return i >= 2 && i + 1 < dv->n_tokens && kg_dv_is(dv, i - 1, "<") && kg_dv_is(dv, i + 1, ">") &&
         (dv->tflags[i - 2] & KG_TF_WORD) &&
         kg_ticker(dv->text + dv->tokens[i].start, dv->tokens[i].len);
}

/* Token i has grammar flag w. */
static inline bool kg_dv_w(const kg_docview *dv, size_t i, uint32_t w) {
  return (dv->gram[i] & w) != 0;
}

/* Length and kind of the title starting at token i (0: none). */
static inline uint32_t kg_dv_title_len(const kg_docview *dv, size_t i) {
  return dv->title[i] & KG_TITLE_LEN;
}
static inline kg_title_kind kg_dv_title_kind(const kg_docview *dv, size_t i) {
  return (kg_title_kind)((dv->title[i] & KG_TITLE_KIND) >> 4);
}

/* Build the cues (tflags) from tokens, folded tokens and word classes.
 * flags must hold n_tokens entries; tok_sent is filled too. */
void kg_docview_cues(const kg_docview *dv, uint16_t *tflags, uint32_t *tok_sent);

/* Mark the titles: title[i] for every token, from the gazetteer (g), or from
 * match(ud, folded, n, i, &kind) when g is NULL (tests). */
typedef size_t (*kg_title_fn)(const void *ud, const kg_str *folded, size_t n, size_t i,
                              kg_title_kind *kind);
void kg_docview_titles(const kg_docview *dv, kg_title_fn match, const void *ud,
                       uint8_t *title);

/* -------------------------------------------------------------- candidates */

typedef enum kg_src {
  KG_SRC_GAZETTEER = 0, /* a known name from the gazetteer pass */
  KG_SRC_PATTERN,       /* an event pattern */
  KG_SRC_RULES,         /* the rule-based name source */
  KG_SRC_TAGGER,        /* the statistical tagger */
  KG_SRC_ACRONYM,       /* an acronym defined in the text: "(SDF)" */
  KG_SRC_DOCNAME,       /* a name seen elsewhere in the same document */
} kg_src;

enum {
  KG_CAND_GAZ = 1u << 0,        /* gaz holds the gazetteer entry */
  KG_CAND_KEEP_TITLE = 1u << 1, /* the name starts with a title that is part of it ("Pope") */
  KG_CAND_NONE = 1u << 2,       /* with KG_CAND_GAZ: a listed non-entity ("Dow Jones"): it
                                   wins its span in the merge, then names nothing */
  KG_CAND_DATELINE = 1u << 3,   /* a place of the dateline ("STAMFORD , Conn , March 2 -"):
                                   used as a place */
  KG_CAND_ADDRESSED = 1u << 4   /* a person after a form of address ("Mr", "Dr."), which
                                   is no role but says the name is a person's */
};

typedef struct kg_cand {
  uint32_t tok_start, tok_end;   /* the name, [start, end), title and possessive excluded */
  uint32_t role_start, role_end; /* the stripped title ("Secretary of State"); empty if equal */
  kg_etype type;
  uint8_t src;                   /* kg_src */
  uint8_t flags;                 /* KG_CAND_* */
  uint8_t lead;                  /* bytes of the first token before the name:
                                    "anti-" in "anti-Islamic State" */
  kg_gaz_entry gaz;              /* valid with KG_CAND_GAZ; strings owned by the gazetteer */
} kg_cand;

/* Candidates of one document, plus scratch the merge reuses across
 * documents (so it allocates only when a document is the largest yet). */
typedef struct kg_candbuf {
  kg_cand *v;
  size_t n, cap;
  uint32_t *scratch; /* kg_cands_merge: token and candidate marks */
  size_t cap_scratch;
} kg_candbuf;

int kg_candbuf_push(kg_candbuf *b, const kg_cand *c);
void kg_candbuf_destroy(kg_candbuf *b);

/* -------------------------------------------------------- the source seam */

/* A mention source proposes candidates for one document.  The tagger and the
 * rules are the two implementations; the extractor uses one of them, the
 * gazetteer pass and the event patterns always run beside it. */
typedef struct kg_msource {
  const char *name;
  void *self;
  int (*find)(void *self, const kg_docview *dv, kg_candbuf *out, kg_error *err);
  void (*free)(void *self);
  /* Another source like this one, with its own scratch, that may find names
   * in another thread at the same time (the tagger's model is shared, read
   * only); it must be freed before this one. */
  int (*clone)(const void *self, struct kg_msource *out, kg_error *err);
} kg_msource;

/* The rule-based source (rules.c): people after titles and from first
 * names, organizations from organization words and acronyms. */
int kg_rules_source(kg_msource *out, kg_error *err);

/* The statistical tagger (tagsource.c), model from model_path or built in
 * (NULL); gaz is borrowed and must outlive the source. */
int kg_tagger_source(const char *model_path, const kg_gazetteer *gaz, kg_msource *out,
                     kg_error *err);

/* Always-on passes (rules.c). */
int kg_rules_gazetteer(const kg_docview *dv, kg_candbuf *out, kg_error *err);
int kg_rules_events(const kg_docview *dv, kg_candbuf *out, kg_error *err);
/* People in ALL CAPS lines, from titles and first names ("ANTONY BLINKEN
 * VISITS ROME"): the tagger never saw such lines, so beside it this pass
 * finds them (the rules source covers them itself). */
int kg_rules_caps_lines(const kg_docview *dv, kg_candbuf *out, kg_error *err);

/* --------------------------------------------------- span shaping (cands.c) */

/* Shape a person span [s, e): split a leading title into the role range
 * (keeping it in the name when it is part of it: "Pope Francis"; a title
 * word after a given name is the name's: "Martin Luther King"), drop
 * honorifics and leading country/organization words, mend a name cut at a
 * split apostrophe.  Returns false when no name is left (a span made only
 * of titles: "Foreign Minister") or the span names a product ("Mac OS X",
 * "Ford Taurus"). */
bool kg_shape_person(const kg_docview *dv, uint32_t s, uint32_t e, kg_cand *out);

/* End of a name [s, e) that a split apostrophe cut short: "Michael O" +
 * "'" + "Leary" (the source wrote "O' Leary") ends after "Leary". */
uint32_t kg_name_apostrophe_end(const kg_docview *dv, uint32_t s, uint32_t e);

/* [s, e) is a title followed by a person's name ("Secretary of State Antony
 * Blinken", not "General Motors", "Justice Department", nor one ordinary
 * word that is no known name, "General Accident"): shape it into out. */
bool kg_person_after_title(const kg_docview *dv, uint32_t s, uint32_t e, kg_cand *out);

/* Word tests on token i (cands.c): part of a title ("Minister", "Mr.",
 * "Secretary of State"), a name particle ("di", "von", "bin"), a
 * generational suffix or regnal number ("Jr.", "III"). */
static inline bool kg_name_is_title(const kg_docview *dv, size_t i) {
  return dv->title[i] & KG_TITLE_IN;
}
static inline bool kg_name_is_particle(const kg_docview *dv, size_t i) {
  return kg_dv_w(dv, i, KG_W_PARTICLE);
}
static inline bool kg_name_is_suffix(const kg_docview *dv, size_t i) {
  return kg_dv_w(dv, i, KG_W_SUFFIX);
}

/* Merge candidates from every source into non-overlapping ones sorted by
 * start (in place): a source span wholly made of gazetteer names is replaced
 * by them, otherwise the longer span wins, ties go to the gazetteer; a person
 * whose title a winner took keeps her name without it ("U.S. Trade
 * Representative" + "Katherine Tai"). */
int kg_cands_merge(const kg_docview *dv, kg_candbuf *b, kg_error *err);

#endif /* KG_MENTION_H */
