/* tagger.h (private to extract/): the statistical named-entity tagger.
 *
 * A discriminative sequence tagger over IOB2 labels of the GMB types
 * (per org geo gpe tim eve art nat), with Viterbi decoding constrained to
 * valid IOB2.  The default model is built into the binary; another can be
 * loaded from a file.  A loaded model is immutable and may be shared across
 * threads; each thread tags with its own kg_tagger_state.
 */
#ifndef KG_TAGGER_H
#define KG_TAGGER_H

#include <stdio.h>

#include "conll.h"
#include "extract.h"
#include "gazetteer.h"

typedef struct kg_tagger kg_tagger;

/* Load a model from path, or the built-in model when path is NULL.  gaz is
 * borrowed (features use it) and must outlive the tagger. */
int kg_tagger_load(const char *path, const kg_gazetteer *gaz, kg_tagger **out,
                   kg_error *err);
/* Write the model to path (atomically: temporary name, then rename). */
int kg_tagger_save(const kg_tagger *t, const char *path, kg_error *err);
void kg_tagger_free(kg_tagger *t);

/* Labels: index 0 is "O"; the others are "B-per", "I-per", ... */
size_t kg_tagger_n_labels(const kg_tagger *t);
const char *kg_tagger_label(const kg_tagger *t, size_t label);

/* Per-thread scratch (feature buffers, Viterbi lattice); grows as needed. */
typedef struct kg_tagger_state kg_tagger_state;
kg_tagger_state *kg_tagger_state_new(void);
void kg_tagger_state_free(kg_tagger_state *st);

/* Tag one document given as words (token texts, UTF-8) split into sentences:
 * sentence k holds words [sent_ends[k-1], sent_ends[k]) (sent_ends[-1] = 0).
 * The whole document is read together (headline casing, document features,
 * a second pass), so pass whole documents, not sentences one by one.
 * out[i] receives the label index of word i; the sequence is valid IOB2
 * within each sentence.  Deterministic. */
int kg_tagger_tag(const kg_tagger *t, kg_tagger_state *st, const kg_str *words,
                  size_t n_words, const uint32_t *sent_ends, size_t n_sents,
                  uint8_t *out, kg_error *err);

/* Tag every document of a CoNLL file (documents end at -DOCSTART- lines);
 * out[i] (c->n_tokens entries) receives the label of token i. */
int kg_tagger_tag_conll(const kg_tagger *t, kg_tagger_state *st, const kg_conll *c, uint8_t *out,
                        kg_error *err);
/* The same on up to two threads (documents split in two contiguous halves,
 * each with its own state): the labels are exactly those of
 * kg_tagger_tag_conll, whatever the thread count. */
int kg_tagger_tag_conll_mt(const kg_tagger *t, const kg_conll *c, uint8_t *out, unsigned threads,
                           kg_error *err);
/* Entity-level score of labels pred (as from kg_tagger_tag_conll) against the
 * gold tags in the file's last column; map may be NULL.  0 or KG_ERR_NOMEM. */
int kg_tagger_score_conll(const kg_conll *c, const uint8_t *pred, const kg_type_map *map,
                          kg_score *out);

/* CoNLL-2003 person spans: drop the titles GMB includes in them ("President
 * Barack Obama" -> "Barack Obama", "Mr. Smith" -> "Smith"), as the gazetteer's
 * title list says (needs the gazetteer the tagger was loaded with; a no-op
 * without one).  labels are those of words[0..n) from kg_tagger_tag. */
void kg_tagger_strip_titles(const kg_tagger *t, const kg_str *words, size_t n, uint8_t *labels);
/* Span forms, which kg_tagger_tag applies to each sentence before the
 * gazetteer: a span does not start or end on a punctuation token ("<", "(");
 * a capitalized name ending in a company legal form ("Ford Motor Co", "Boeing"
 * + "Co", "Morgan Grenfell and Co", "Toshiba Corp" untagged) is one org span. */
void kg_tagger_apply_forms(const kg_str *words, size_t n, uint8_t *labels);
/* The first word of a partnership's name that ends at the legal form
 * words[i], its partners' names joined by commas and a last "and": "Goldman ,
 * Sachs and Co", "Kidder , Peabody and Co Inc", "Merrill Lynch , Pierce ,
 * Fenner and Smith Inc", "W.I. Carr , Sons and Co".  The name after "and" is
 * the form "Co" itself, or one family name before the form, so the commas
 * cannot be those of a list ("Ford , Chrysler and General Motors Corp");
 * each partner is one family name, no month or weekday (gaz may be NULL),
 * the first perhaps with a given name or initials before it.  words[0..n)
 * is one sentence; labels, when not NULL, the model's labels of it (a first
 * word of the sentence before the first partner is part of the name only
 * when the model joins it).  n when words[i] ends no such name. */
size_t kg_tagger_partnership(const kg_gazetteer *gaz, const kg_str *words, size_t n, size_t i,
                             const uint8_t *labels);
/* On the final labels of one sentence words[0..n): a partnership's name
 * (kg_tagger_partnership) is one organization, and a span that runs on past a
 * legal form into "and" or a comma ends at the form ("Goldman , Sachs and Co
 * and Kidder , Peabody and Co Inc" is two companies). */
void kg_tagger_apply_partnerships(const kg_tagger *t, const kg_str *words, size_t n,
                                  uint8_t *labels);
/* Companies named in the document with their legal form, which kg_tagger_tag
 * applies to a whole document (sentences ending at sent_ends[0..n_sents),
 * increasing) after the span forms: a per or geo span made of such a
 * company's name words is the company ("Spencer" after "Spencer Cos Inc"),
 * so is an untagged occurrence of its first name words ("Alcan" after "Alcan
 * Aluminium Ltd"; one word alone only when the gazetteer knows it as nothing
 * else, not a hyphenated "Swiss-based", not ALL-CAPS). */
void kg_tagger_apply_companies(const kg_tagger *t, const kg_str *words, const uint32_t *sent_ends,
                               size_t n_sents, uint8_t *labels);
/* The gazetteer's last word on predicted spans, which kg_tagger_tag applies
 * to its output: a per/org/geo/gpe span that is exactly a listed name of no
 * entity (market indices, holidays, products: data/non-entities.tsv) is
 * cleared, and so is one that begins such a name and is no known name itself
 * ("S&P" of "S&P 500", not "Boeing" of "Boeing 787": a known name, which
 * only kg_tagger_apply_products clears, in the final labels); a per span
 * that is exactly an unambiguous organization name becomes org, so does a geo span that is exactly a known company; an org
 * span that is exactly a country name becomes geo. */
void kg_tagger_apply_gazetteer(const kg_tagger *t, const kg_str *words, size_t n, uint8_t *labels);

/* Coordinated names, which kg_tagger_tag applies to its final output (after
 * the second pass, so the first pass, and training, are as without it): a
 * per/org/geo span "A and B" (or "A & B") of two names the gazetteer knows,
 * and no known name as a whole ("Bosnia and Herzegovina"), becomes the two
 * names, each a place or an organization as the gazetteer says ("Hamas and
 * Fatah", "Serbia and Kosovo"). */
void kg_tagger_apply_pairs(const kg_tagger *t, const kg_str *words, size_t n, uint8_t *labels);

/* Products, which kg_tagger_tag applies to its final output: a one-word
 * per/org/geo span that is a known company, directly followed by a model
 * designation ("Boeing 787", "Airbus A380", "Boeing 737-800"; not "Boeing
 * 150 million"), is no name: CoNLL-2003 and OntoNotes tag the product as a
 * whole (MISC, PRODUCT), never the maker inside it. */
void kg_tagger_apply_products(const kg_tagger *t, const kg_str *words, size_t n, uint8_t *labels);

/* Newswire datelines, which kg_tagger_tag applies to each sentence after
 * the gazetteer: the place of a dateline ("CALGARY , Alberta , March 2 -",
 * "THE HAGUE 1996-08-22", "LONDON ( Reuters ) -") is a place, each part
 * between commas one geo span; a city written after an ALL-CAPS headline in
 * the same sentence keeps the extent the model gave it. */
void kg_tagger_apply_datelines(const kg_tagger *t, const kg_str *words, size_t n, uint8_t *labels);

/* The dateline of sentence words[0..n) with the labels kg_tagger_tag gave
 * it: the index of its date (or agency credit), and in *place the first word
 * of its place; 0 if the sentence has none (or the tagger no gazetteer). */
size_t kg_tagger_dateline(const kg_tagger *t, const kg_str *words, size_t n, const uint8_t *labels,
                          size_t *place);

/* ALL-CAPS headlines, which kg_tagger_tag applies to the final labels of
 * each sentence: in the words before the first one with a lower-case letter
 * (three or more in capitals), a per/org/geo span that is no known name as a
 * whole is cut to the known place or organization it starts with when only
 * ordinary words follow ("UK SUGGESTION", "LONDON SHARES"), and split when it is
 * known names only ("IMF BRAZIL"). */
void kg_tagger_apply_headlines(const kg_tagger *t, const kg_str *words, size_t n, uint8_t *labels);

/* Known names of several words, which kg_tagger_tag applies to the final
 * labels of each sentence, last: a name of two or more words, written as one
 * (capitals, joined by "and", "of", "&", ...), that the gazetteer knows as one
 * company or one place, and that the model cut or mistyped ("Standard and
 * Poor 's" as O O per O, "Wall Street" as O per), becomes that company or
 * place, unless a longer span of the model holds it or a longer name of no
 * entity does ("Standard & Poor 's 500").  Other organizations, and places
 * the model read as one organization or with a demonym, keep its labels:
 * GMB's conventions there differ from other news and the model follows them.
 * A company's name of one word that the model left untagged is the company
 * ("Wal-Mart", "products from Apple ."; one the gazetteer marks ambiguous
 * only mid-sentence, after a word in lower case), unless it opens the
 * sentence and is a common word, or is a ticker ("< IBM >").  So is a group
 * of countries by its number that the gazetteer knows ("the G-7 meeting",
 * "the G7 nations"; GMB tags "G8" either way, dev -0.01; Reuters +0.17,
 * Wikinews +0.04 on seeds 1-4). */
void kg_tagger_apply_known(const kg_tagger *t, const kg_str *words, size_t n, uint8_t *labels);

/* Currencies, which kg_tagger_tag applies to the final labels of each
 * sentence, last: a per/org/geo span that ends in a currency after a country,
 * a place or a demonym ("U.S. Dollar", "N.Z. Dlrs") ends before the currency,
 * and what remains takes the label the gazetteer gives it (the country); a
 * country's code in capitals before a dollar sign is no name ("US $ 199", as
 * "US$ 199"). */
void kg_tagger_apply_currencies(const kg_tagger *t, const kg_str *words, size_t n, uint8_t *labels);

/* People, which kg_tagger_tag applies to the final labels of each sentence,
 * last: a person span that is a title, or a part of one, with no name after
 * the title ("the President said", "Prime" of "the Prime Minister of
 * Singapore", "Executive Officer" of "Chief Executive Officer ,"), is no name.
 * GMB tags such titles as people (the model learned it; dev F1 -0.05),
 * CoNLL-2003 and OntoNotes never do (Wikinews proxy +0.3).  A title before a
 * name stays with the model ("Prime" of "Prime Minister Lee": GMB's own
 * reading; kg_tagger_strip_titles gives the other convention), unless GMB's
 * own training text mostly leaves that title out of the name too ("Chairman",
 * "Foreign Minister", "Governor", "CEO": the span starts after it).  And a
 * person span that starts with a given name written in lower case, the common
 * word, starts after it ("a bill Reagan would sign"; "the bill" is no name).
 * First, an org span of words, a title and a person's name ("New Mexico
 * Governor Garrey Carruthers", "Industry Commissioner Karl-Heinz Narjes") is
 * the place or organization those words are, or nothing, then the person
 * (GMB dev -0.05: it tags "California Governor Arnold Schwarzenegger" an
 * organization; the proxies +0.1 to +0.2). */
void kg_tagger_apply_people(const kg_tagger *t, const kg_str *words, size_t n, uint8_t *labels);

/* Numbers and the article before a name, which kg_tagger_tag applies to the
 * final labels of each sentence, last.  A per/org/geo/gpe span's leading
 * number (a token that starts with a digit, with no capital letter and no
 * ordinal suffix) is no part of the name: "947,800 Minstar shares", "the
 * 20,000-member Letter Carriers Union", "a 32-year-old" (GMB dev: no
 * change; over the Reuters-21578 bench corpus, 53 such mentions had made
 * junk nodes).  Then an org or geo span of two or more words that starts
 * with "The" or "the" starts after it ("The Washington Post", "the
 * Netherlands"), as in CoNLL-2003 and OntoNotes; GMB has it both ways (dev
 * F1 -0.1).  So does one with "A" or "An" ("KAMPALA, March 3 - A World
 * Bank team").  A place the gazetteer knows with its article ("The Hague")
 * keeps the model's span. */
void kg_tagger_apply_article(const kg_tagger *t, const kg_str *words, size_t n, uint8_t *labels);

/* Titles after a company, which kg_tagger_tag applies to the final labels
 * of each sentence, after the article rule: an org span that is a name the
 * gazetteer knows as an organization followed by title words ("Apple CEO",
 * "Boeing Chairman") ends before them (GMB: an organization followed by an
 * outside title word 571 times in train, a span ending in one 36).  Likewise
 * an org or geo span of a country's name and "Government" or
 * "Administration" is the country, and the word no part of it ("the U.K.
 * Government": GMB writes "the British government", the word outside the
 * names, 560 times in train, and a capitalized one inside an org 12 times).
 * A person span that starts with a known organization and a title ("Apple
 * CEO Steve Jobs") is the organization, then the person with the title. */
void kg_tagger_apply_titles_after(const kg_tagger *t, const kg_str *words, size_t n,
                                  uint8_t *labels);

/* Market indices, which kg_tagger_tag applies to the final labels of each
 * sentence, last: a per/org/geo span that begins the longer name of a market
 * index (data/non-entities.tsv, kind index: "Nikkei" of "the Nikkei
 * average", "Nasdaq" of "the Nasdaq composite") is no name, even when the
 * gazetteer knows it as one (the Nikkei newspaper, the Nasdaq exchange);
 * and so is a span of the first words of such a name followed by "index" or
 * "average" ("the Nikkei stock index", "the Hang Seng index"), unless it is
 * a place the gazetteer knows ("the Shanghai index").  CoNLL-2003's
 * guidelines make an index MISC; GMB tags "Nikkei" geo, "Dow Jones" per. */
void kg_tagger_apply_indices(const kg_tagger *t, const kg_str *words, size_t n, uint8_t *labels);

/* Companies named "A and B Co", which kg_tagger_tag applies to the final
 * labels of each sentence, last: an org span ending in a legal form right
 * after "and" or "&" takes the one to three capitalized words before it
 * ("Procter and Gamble Co", "Florida Power and Light Co", "Bausch and Lomb
 * Inc"; the model splits them), unless those words or the span's own name
 * are a country or organization the gazetteer knows ("Airbus and Boeing
 * Co", "Merrill Lynch Capital Markets and Salomon Brothers Inc"), those
 * words are a person's full name ("Dudley Taft and Narragansett Capital
 * Inc") or the last of a list ("Wagner and Brown and AFG Industries Inc",
 * "Sonora, Goldenbell, United and Inca Resources Inc").  A family firm
 * ("... and Sons Inc") takes the whole person or organization span before
 * "and" ("Alex. Brown and Sons Inc"). */
void kg_tagger_apply_and_companies(const kg_tagger *t, const kg_str *words, size_t n,
                                   uint8_t *labels);

/* Short names of the companies a document names with their legal form,
 * which kg_tagger_tag applies to the final labels: a demonym span
 * ("British") and the untagged capitalized words after it that are the
 * company's first words ("British Printing" after "British Printing and
 * Communication Corp"; the model reads the demonym alone), and the first
 * three words "A and B" of a company "A and B ..." that no capitalized word
 * follows ("Harper and Row" after "Harper and Row Publishers Inc"; the model
 * reads a person and a company), are that company.  At most 64 companies
 * per document, each a pass over it.  sent_ends as for kg_tagger_tag. */
void kg_tagger_apply_short_names(const kg_tagger *t, const kg_str *words,
                                 const uint32_t *sent_ends, size_t n_sents, uint8_t *labels);

/* A person's name the model left untagged in its document, which
 * kg_tagger_tag applies to the final labels, after the known names: a
 * capitalized given name the gazetteer knows (no common word), untagged or
 * a person alone, and one untagged capitalized word, with no capitalized word around them
 * but a title before, are a person when that word ends a person span elsewhere in the document
 * ("company CEO Steve Jobs" beside "Jobs said"; one sentence-initial "Jobs"
 * tagged O had taken the full name from the model's second pass).  At most
 * 32 such pairs per call, each a scan of the document: linear time on any
 * input.  sent_ends as for kg_tagger_tag. */
void kg_tagger_apply_named_people(const kg_tagger *t, const kg_str *words, const uint32_t *sent_ends,
                                  size_t n_sents, uint8_t *labels);

/* A country's abbreviation and an ordinary word, which kg_tagger_tag
 * applies to the final labels of a document: an org span that starts with a
 * country written with a full stop ("U.S.", "U.K.") and goes on with one
 * capitalized common word that names nothing in the gazetteer (no
 * organization word, no part of a known name, no title or given name, no
 * mission: "Embassy", "Mint"; "Banks" aside), then perhaps lower-case words,
 * is the country ("U.S. Officials", "U.S. Banks", "U.K.
 * Base": Reuters wrote a capital after "U.S." in 1987, and Title Case
 * headlines do).  Not before a legal form ("U.S. Shoe Corp"), nor where
 * the document writes the two words before a capitalized word ("U.S. Video"
 * of "U.S. Video Vending Corp"); at most 32 such spans per document.
 * sent_ends as for kg_tagger_tag. */
void kg_tagger_apply_country_words(const kg_tagger *t, const kg_str *words,
                                   const uint32_t *sent_ends, size_t n_sents, uint8_t *labels);

/* A company's branch named by its country or continent ("Ford Australia",
 * "GM Europe", "World Vision Australia" in GMB), which kg_tagger_tag applies
 * to the final labels of each sentence, last: an org span that is exactly a
 * company or bank the gazetteer knows, directly followed by a geo span that
 * is exactly a country (no demonym, no ambiguous name) or a continent, and
 * no capitalized word after it, is one organization.  So is an org span
 * ending in "Co" or "Corp", "of" and a place span that is a country or a
 * state, with its legal forms ("Public Service Co of New Mexico", "Aluminum
 * Co of Canada Ltd", as CoNLL-2003 and the resolver read them), unless a
 * capitalized word follows. */
void kg_tagger_apply_branches(const kg_tagger *t, const kg_str *words, size_t n,
                              uint8_t *labels);

/* Two names with a name particle between them ("Banco do Brasil", "Cie des
 * Machines Bull", "Banque Generale du Luxembourg", "Lula da Silva"): one
 * name, as GMB writes them (it never splits one there but "Sao Bernardo do
 * Campo"), which kg_tagger_tag applies to the final labels of each
 * sentence, last: a per/org/geo span, one or two lower-case particles ("de",
 * "do", "des", "de la", "van der"), and a per/org/geo span.  A person when
 * the second is one, else an organization when either is one, else the
 * first's type. */
void kg_tagger_apply_particles(const kg_tagger *t, const kg_str *words, size_t n,
                               uint8_t *labels);

/* Words next to a span that say what it is, which kg_tagger_tag applies to
 * the final labels of each sentence, last.  A one-word span of a compass
 * point before a demonym is no name ("West" of "West German", "North" of
 * "North Korean": GMB leaves it out 150 times in train, tags it a place
 * 66; CoNLL-2003 tags the pair MISC).  A person or place span right after a
 * lower-case noun for a kind of company ("the Dutch company Billiton",
 * "carmaker Ford", "airline Air Berlin", "news agency Opecna") is an
 * organization, unless the gazetteer knows it as a country or a person; so
 * is one before an apposition that makes it a company ("Hospal, a
 * subsidiary of Sandoz", "Magna, a Canadian automobile parts maker"; not
 * "Chicago, a company spokesman", nor the place of "Mafina BV of Voorburg,
 * a subsidiary"). */
void kg_tagger_apply_cues(const kg_tagger *t, const kg_str *words, size_t n, uint8_t *labels);

typedef struct kg_train_opts {
  unsigned epochs;  /* passes over the training data; 0 = the default */
  uint64_t seed;    /* shuffling seed: same seed + data = same model */
  FILE *log;        /* progress and dev scores per epoch; NULL = silent */
  const char *clusters; /* word clusters file (data/model/clusters.tsv format);
                           NULL = the copy built into the binary */
} kg_train_opts;

/* Train on a CoNLL file (token in column 1, gold IOB tag in the last column,
 * blank line between sentences, -DOCSTART- between documents), choosing the
 * number of epochs on dev (may be NULL). */
int kg_tagger_train(const char *train_path, const char *dev_path,
                    const kg_gazetteer *gaz, const kg_train_opts *opts,
                    kg_tagger **out, kg_error *err);

#endif /* KG_TAGGER_H */
