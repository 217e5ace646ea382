/* extract.h: from input files to resolved entity mentions.
 *
 * The public face of the extract/ module: read (files, folders, stdin, JSON
 * Lines) -> segment (tokens with byte offsets, sentences, paragraphs) -> tag
 * (statistical tagger + gazetteers) -> resolve (one canonical entity per
 * mention).  It knows nothing of graphs or file formats for output.
 *
 * Conventions (see ../STYLE in the design notes):
 *  - Fallible functions return 0 on success or a negative KG_ERR_* code and
 *    fill a caller-owned kg_error with one line naming the datum.
 *  - Library code never prints, exits or aborts on bad input.
 *  - _new/_free for heap objects; destructors accept NULL.
 *  - Text is UTF-8, validated once when read; tokens and mentions are byte
 *    offsets into the document text, not copies.
 */
#ifndef KG_EXTRACT_H
#define KG_EXTRACT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------ errors */

enum {
  KG_OK = 0,
  KG_ERR_IO = -1,       /* cannot open, read or write a file */
  KG_ERR_FORMAT = -2,   /* input is not what it should be (UTF-8, JSON, model) */
  KG_ERR_NOMEM = -3,    /* allocation failed */
  KG_ERR_USAGE = -4,    /* bad argument from the caller */
  KG_ERR_INTERNAL = -5, /* a library we call failed */
  KG_ERR_EMPTY = -6     /* nothing usable in the input */
};

#define KG_ERROR_MSG_MAX 512
typedef struct kg_error {
  int code;
  char msg[KG_ERROR_MSG_MAX]; /* one line, no trailing newline */
} kg_error;

/* Set err (may be NULL) to code and a printf-formatted message; returns code.
 * The message is truncated at KG_ERROR_MSG_MAX-1 bytes on a UTF-8 boundary. */
int kg_error_set(kg_error *err, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* A byte span of borrowed text; not NUL-terminated. */
typedef struct kg_str {
  const char *ptr;
  size_t len;
} kg_str;

/* ------------------------------------------------------------ text (utf8.c) */

/* True when s[0..len) is valid UTF-8 (no overlongs, no surrogates) and holds
 * no NUL byte. On failure *bad_offset (may be NULL) gets the first bad byte. */
bool kg_utf8_valid(const char *s, size_t len, size_t *bad_offset);

/* The one normalization shared by gazetteers, the tagger and the registry:
 * NFKC, case fold, typographic apostrophes/quotes/dashes to ASCII, and
 * diacritics stripped ("Côte d’Ivoire" -> "cote d'ivoire").  Writes at most
 * cap bytes (always NUL-terminated when cap > 0) and returns the full length
 * needed, excluding the NUL.  ASCII input takes a fast path. */
size_t kg_text_fold(const char *s, size_t len, char *out, size_t cap);

/* Slug for entity ids: folded as above, every run of characters other than
 * letters and digits becomes one '-', no leading/trailing '-'.
 * "Antony Blinken" -> "antony-blinken". Same return convention. */
size_t kg_text_slug(const char *s, size_t len, char *out, size_t cap);

/* --------------------------------------------------------- documents (read.c) */

typedef struct kg_doc {
  char *id;      /* owned: path relative to the input argument, "-" for stdin,
                    or the JSON "id" (default "<file>:<line>") */
  char *title;   /* owned, may be NULL */
  char date[11]; /* "YYYY-MM-DD", or "" when undated */
  char *text;    /* owned, valid UTF-8 without NUL bytes, NUL-terminated.
                    Metadata lines (a "date YYYY-MM-DD [section]" first line, a
                    Wikinews date line) are blanked with spaces so that byte
                    offsets still index the original file. */
  size_t len;    /* bytes in text */
} kg_doc;

/* Free the members of doc (not doc itself). NULL-safe. */
void kg_doc_destroy(kg_doc *doc);

/* Called for each document, in a deterministic order: inputs in the order
 * given, folder entries sorted bytewise by name, JSON Lines in line order.
 * The callee takes ownership of *doc (must kg_doc_destroy it). Returning
 * non-zero stops reading; that value is returned by kg_read_inputs. */
typedef int (*kg_doc_fn)(kg_doc *doc, void *ud);
/* Called once per skipped input (a bad file among good ones) with a one-line
 * message naming the file and the problem. */
typedef void (*kg_warn_fn)(const char *msg, void *ud);

/* Read every input: a file, a folder (recursed, *.txt and *.jsonl), or "-"
 * (stdin; JSON Lines when it starts with '{', else plain text).  Bad files
 * are skipped with a warning.  Returns 0 when at least one document was
 * delivered, KG_ERR_EMPTY (err names the inputs) when none was, another
 * negative code on a fatal error.  *n_docs (may be NULL) gets the count. */
int kg_read_inputs(const char *const *inputs, size_t n_inputs, kg_doc_fn on_doc,
                   kg_warn_fn on_warn, void *ud, size_t *n_docs, kg_error *err);

/* ------------------------------------------------------ segmenting (segment.c) */

typedef struct kg_token {
  uint32_t start; /* byte offset into the document text */
  uint32_t len;   /* bytes */
} kg_token;

typedef struct kg_sentence {
  uint32_t tok_start, tok_end; /* token range [tok_start, tok_end) */
  uint32_t start, end;         /* byte range of the sentence text */
  uint32_t paragraph;          /* paragraph index, 0-based, blank-line separated */
} kg_sentence;

typedef struct kg_segments {
  const kg_token *tokens;
  size_t n_tokens;
  const kg_sentence *sentences;
  size_t n_sentences;
  size_t n_paragraphs;
} kg_segments;

/* Reusable tokenizer + sentence splitter; its buffers grow and are reused
 * across documents, so one segmenter per thread. */
typedef struct kg_segmenter kg_segmenter;
kg_segmenter *kg_segmenter_new(void);
void kg_segmenter_free(kg_segmenter *s);

/* Segment text (valid UTF-8, len < 4 GiB).  *out points into s's buffers,
 * valid until the next call or kg_segmenter_free. Tokens follow the Penn/GMB
 * conventions the tagger was trained on ("U.S." one token, "Blinken's" ->
 * "Blinken" "'s", "G-20" one token, punctuation split). */
int kg_segment(kg_segmenter *s, const char *text, size_t len, kg_segments *out,
               kg_error *err);

/* ------------------------------------------------------- entities (resolve.c) */

typedef enum kg_etype {
  KG_PERSON = 0,
  KG_ORGANIZATION,
  KG_COUNTRY,
  KG_EVENT,
  KG_LOCATION,
  KG_N_ETYPES
} kg_etype;

/* "person", "organization", "country", "event", "location". */
const char *kg_etype_name(kg_etype t);
/* Parse a type name; returns -1 when unknown. */
int kg_etype_parse(const char *name, size_t len);

/* A canonical entity, as the registry describes it. All strings are owned by
 * the registry and live as long as it does.  A name the gazetteer does not
 * know is one entity whatever type each document gave it: its type is the
 * most frequent type of its mentions, and its id follows that type, so
 * type and id (like label, role and aliases) are final only once every
 * document has been processed. */
typedef struct kg_entity {
  const char *id;    /* stable "<type>:<slug>", countries "country:<iso2>" */
  const char *label; /* canonical display name ("Antony Blinken") */
  kg_etype type;
  const char *role;  /* people: title stripped from mentions ("Secretary of
                        State"), most frequent; "" otherwise */
  const char *iso;   /* countries: ISO 3166-1 alpha-2 and alpha-3, "IT|ITA";
                        "" otherwise */
  const char *aliases; /* distinct surface forms seen, sorted, '|'-separated */
} kg_entity;

typedef struct kg_registry kg_registry;
size_t kg_registry_size(const kg_registry *r);
/* Entity i (0 <= i < size). Types, ids, labels, roles and aliases are final
 * once every document has been processed; they never depend on document
 * order.  Entity indices never change. */
void kg_registry_get(const kg_registry *r, size_t i, kg_entity *out);

/* ----------------------------------------------------- mentions (extractor.c) */

typedef struct kg_mention {
  uint32_t start, end;         /* byte range of the surface text, title and
                                  possessive stripped ("Blinken" in
                                  "Secretary Blinken's") */
  uint32_t tok_start, tok_end; /* token range, document-wide token indices */
  uint32_t sentence;           /* sentence index in the document */
  uint32_t paragraph;          /* paragraph index in the document */
  uint32_t entity;             /* index into the registry */
  kg_etype type;               /* the type in this document; the entity's
                                  final type is the registry's */
} kg_mention;

/* What kg_extractor_process found in one document. Points into the
 * extractor's buffers, valid until the next call. */
typedef struct kg_doc_result {
  kg_segments seg;
  const kg_mention *mentions; /* sorted by start offset */
  size_t n_mentions;
} kg_doc_result;

typedef struct kg_extract_opts {
  const char *model_path; /* tagger model file; NULL = the model built in */
  bool rules_only;        /* find names with the rules, not the tagger */
} kg_extract_opts;

/* The whole extract pipeline: segmenter, tagger, gazetteers, resolver and the
 * registry of entities, which grows as documents are processed. */
typedef struct kg_extractor kg_extractor;
int kg_extractor_new(const kg_extract_opts *opts, kg_extractor **out, kg_error *err);
void kg_extractor_free(kg_extractor *x);
int kg_extractor_process(kg_extractor *x, const kg_doc *doc, kg_doc_result *out,
                         kg_error *err);
const kg_registry *kg_extractor_registry(const kg_extractor *x);

/* kg_extractor_process in two stages.  A front does everything up to the
 * candidate mentions (segmenting, tagging, gazetteers): it only reads the
 * extractor, so fronts may run on other threads, one document each, while
 * the extractor resolves another.  kg_extractor_resolve then takes the
 * front's document into the registry: documents one at a time, in order.
 * The result points into the front and the extractor, valid until either
 * runs again. */
typedef struct kg_front kg_front;
int kg_front_new(kg_front **out, kg_error *err);
void kg_front_free(kg_front *f); /* NULL-safe */
/* A finder is the name source (the tagger's scratch and cache) of one
 * thread: fronts running at once need one each. */
typedef struct kg_finder kg_finder;
int kg_finder_new(const kg_extractor *x, kg_finder **out, kg_error *err);
void kg_finder_free(kg_finder *f); /* before its extractor; NULL-safe */
int kg_front_run(kg_front *f, kg_finder *fd, const kg_extractor *x, const kg_doc *doc,
                 kg_error *err);
int kg_extractor_resolve(kg_extractor *x, kg_front *f, const kg_doc *doc, kg_doc_result *out,
                         kg_error *err);

/* kg_extractor_process over a stream of documents, on `threads` worker
 * threads (0: none, everything on the caller's; at most 2) for the fronts
 * of up to KG_PIPELINE_DEPTH documents ahead, while the caller's thread
 * resolves them.  on_result gets every document
 * pushed, on the caller's thread and in the order pushed, with the
 * document's rc (0, or the error of either stage, err set) and its result;
 * it owns the document from then on.  A non-zero return from on_result
 * stops the pipeline: push and finish return it, and the documents not yet
 * given to on_result are freed.  The output does not depend on `threads`. */
#define KG_PIPELINE_DEPTH 4
typedef int (*kg_result_fn)(kg_doc *doc, int rc, const kg_doc_result *res, kg_error *err,
                            void *ud);
typedef struct kg_pipeline kg_pipeline;
int kg_pipeline_new(kg_extractor *x, unsigned threads, kg_result_fn on_result, void *ud,
                    kg_pipeline **out, kg_error *err);
/* Takes over the members of *doc (as a kg_doc_fn does); on_result gets a
 * copy, whose members it must kg_doc_destroy.  KG_ERR_NOMEM when the copy
 * cannot be made (the members are destroyed). */
int kg_pipeline_push(kg_pipeline *p, kg_doc *doc);
/* Every document pushed has gone to on_result (or the pipeline stopped). */
int kg_pipeline_finish(kg_pipeline *p);
void kg_pipeline_free(kg_pipeline *p); /* NULL-safe; frees what is left */

/* Once every document is in: an acronym that no name of its own document
 * spells out ("the EC said") joins the entity the rest of the corpus writes
 * it for ("European Community (EC)", "the European Community ... the EC"),
 * or the entity of the same name; a surname only ever written with a title
 * ("President Reagan") joins the full name the corpus gives that title
 * ("Ronald Reagan"; kg_registry_plan has the rule).  share(ctx, a, b) says whether entities
 * a and b have mentions in one document: then they stay apart, as their
 * co-occurrence counts could not be added up.  into[i] (kg_registry_size
 * entries) gets the entity that entity i joined, or i; kg_counter_merge
 * takes it. */
typedef bool (*kg_share_fn)(void *ctx, uint32_t a, uint32_t b);
int kg_extractor_settle(kg_extractor *x, kg_share_fn share, void *ctx, uint32_t *into,
                        kg_error *err);

/* A share function's index: every (entity << 32 | document) of the
 * mentions, sorted by kg_entity_docs_sort; kg_entity_docs_share says
 * whether entities a and b have mentions in one document (binary search,
 * then one merge of the two runs). */
void kg_entity_docs_sort(uint64_t *v, size_t n);
bool kg_entity_docs_share(const uint64_t *v, size_t n, uint32_t a, uint32_t b);

#ifdef __cplusplus
}
#endif
#endif /* KG_EXTRACT_H */
