/* conll.h (private to extract/): CoNLL token files and entity-level scoring.
 *
 * Reads a whole CoNLL file (one token per line, columns separated by
 * whitespace, a blank line between sentences, "-DOCSTART-" lines between
 * documents) into memory once and indexes it in place: tokens are spans into
 * the file buffer, never copies.  CRLF line ends, a missing final newline,
 * very long lines and empty input are all fine.
 *
 * Scoring follows conlleval (and ../shared/tools/conll_score.py): chunks are
 * read tolerantly from IOB1/IOB2/BIOES tags, a type map renames or drops
 * types after chunking, and a predicted chunk counts only when its span and
 * type both match.  It does not know about the tagger or its labels.
 */
#ifndef KG_CONLL_H
#define KG_CONLL_H

#include "extract.h"

enum { KG_CONLL_TOKEN = 0, KG_CONLL_BLANK = 1, KG_CONLL_DOCSTART = 2 };

typedef struct kg_conll_line {
  size_t start;    /* byte offset of the line in buf */
  size_t len;      /* bytes, without the line end */
  uint8_t eol;     /* bytes of line end: 0 (last line), 1 ("\n") or 2 ("\r\n") */
  uint8_t kind;    /* KG_CONLL_TOKEN, _BLANK (empty or only spaces), _DOCSTART */
} kg_conll_line;

typedef struct kg_conll {
  char *buf;                /* owned: the whole file, NUL-terminated */
  size_t len;
  kg_conll_line *lines;     /* owned */
  size_t n_lines;
  kg_str *words;            /* owned array of spans into buf: first column */
  kg_str *tags;             /* owned array: last column (== words[i] if one column) */
  uint32_t *token_line;     /* owned: line index of each token */
  size_t n_tokens;
  uint32_t *sent_ends;      /* owned: sentence k = tokens [sent_ends[k-1], sent_ends[k]) */
  size_t n_sents;
  uint32_t *doc_ends;       /* owned: document k = sentences [doc_ends[k-1], doc_ends[k]) */
  size_t n_docs;            /* -DOCSTART- lines separate documents; >= 1 unless empty */
  bool has_docstart;        /* the file has a -DOCSTART- line */
} kg_conll;

/* Read path ("-" or NULL = stdin). err names the file on failure. */
int kg_conll_read(const char *path, kg_conll *out, kg_error *err);
/* Index a caller-provided buffer; takes ownership of buf (malloc'd, len+1
 * bytes, buf[len] == 0). On failure buf is freed. */
int kg_conll_parse(char *buf, size_t len, kg_conll *out, kg_error *err);
void kg_conll_destroy(kg_conll *c);

/* ---------------------------------------------------------------- scoring */

#define KG_SCORE_MAX_TYPES 32
#define KG_SCORE_TYPE_LEN 16

typedef struct kg_score_count {
  char name[KG_SCORE_TYPE_LEN];
  size_t tp, fp, fn;
} kg_score_count;

/* Counts per type (sorted by name) and in total over every kept type. */
typedef struct kg_score {
  kg_score_count types[KG_SCORE_MAX_TYPES];
  size_t n_types;
  size_t tp, fp, fn;
  size_t n_tokens;
  size_t n_unknown; /* chunks of a type beyond KG_SCORE_MAX_TYPES (dropped) */
} kg_score;

/* A type map as conll_score.py's --map: "per=PER,geo=LOC,*=O".  A target of
 * O, - or empty drops the type; '*' is the default for types not listed
 * (none = keep).  Returns KG_ERR_USAGE on a malformed spec.  NULL or "" =
 * keep every type.  The map borrows nothing after the call. */
typedef struct kg_type_map kg_type_map;
int kg_type_map_new(const char *spec, kg_type_map **out, kg_error *err);
void kg_type_map_free(kg_type_map *m);

/* Score aligned tag streams: tags are spans ("B-per", "O", ...); a NULL ptr
 * in either stream marks a sentence/document boundary.  map may be NULL. */
void kg_score_tags(const kg_str *gold, const kg_str *pred, size_t n,
                   const kg_type_map *map, kg_score *out);

/* Precision, recall and F1 (0 when undefined). */
void kg_score_prf(size_t tp, size_t fp, size_t fn, double *p, double *r, double *f);

/* Write the conll_score.py text report. */
void kg_score_print(const kg_score *s, FILE *out);

#endif /* KG_CONLL_H */
