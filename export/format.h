/* format.h (private to export/): what every writer shares so that GraphML,
 * GEXF, DOT and CSV show the same values.
 *
 *  - numbers: one formatter, no exponent, dot decimal separator whatever the
 *    locale, shortest digits that read back to the same double, "-0" -> "0",
 *    never "nan"/"inf" (written as 0: the graph module should not produce
 *    them, and no reader accepts them);
 *  - text: invalid UTF-8 and code points XML 1.0 cannot carry become U+FFFD,
 *    and node labels are additionally reduced to one line (control
 *    characters and whitespace runs become one space, no leading/trailing
 *    space, never empty);
 *  - the look of a node by entity type (colour, Graphviz shape) and its size
 *    by PageRank, for DOT and GEXF.
 *
 * It does not write files; the writers do.
 */
#ifndef KG_EXPORT_FORMAT_H
#define KG_EXPORT_FORMAT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "graph.h"

/* A growable byte buffer, reused across records to avoid per-value malloc. */
typedef struct kg_buf {
  char *ptr;
  size_t len, cap;
} kg_buf;

/* Make room for n more bytes; false when out of memory. */
bool kg_buf_grow(kg_buf *b, size_t n);
void kg_buf_destroy(kg_buf *b);
/* Append n bytes of s; false when out of memory. */
bool kg_buf_append(kg_buf *b, const char *s, size_t n);
/* Write b's bytes to f and empty it, once it holds 64 KiB or more (or
 * always when `all`); false on a write error. */
bool kg_buf_drain(kg_buf *b, FILE *f, bool all);

/* Room for any formatted double: the longest is a subnormal written out in
 * full ("-0." + 323 zeros + 17 digits). */
#define KG_NUM_MAX 352

/* Write v into out (NUL-terminated) and return its length. */
size_t kg_fmt_double(double v, char out[KG_NUM_MAX]);
size_t kg_fmt_int(int64_t v, char out[KG_NUM_MAX]);
/* A schema attribute of a node or edge record formatted as text: numbers as
 * above, strings cleaned with kg_text_clean.  Returns NULL when out of memory. */
const char *kg_fmt_attr(const void *rec, const kg_attr *a, char num[KG_NUM_MAX],
                        kg_buf *buf, size_t *len);

/* s cleaned for every format: invalid UTF-8 sequences and the characters XML
 * 1.0 forbids (C0 controls other than TAB, LF, CR; U+FFFE, U+FFFF) become
 * U+FFFD.  Returns s itself when nothing needs changing (the common case, no
 * copy), else b->ptr; NULL when out of memory.  *len gets the length. NULL s
 * reads as "". */
const char *kg_text_clean(kg_buf *b, const char *s, size_t *len);
/* The same for n bytes of s (no NUL needed); the result is NUL-terminated
 * only when it is b->ptr, so use *len. */
const char *kg_text_clean_n(kg_buf *b, const char *s, size_t n, size_t *len);

/* The label every format writes for node n: its Label cleaned as above, with
 * every run of control characters and whitespace turned into one space and
 * none at either end; the cleaned id when that leaves nothing, "(no label)"
 * when the id is empty too. Same return convention. */
const char *kg_label_clean(kg_buf *b, const kg_node *n, size_t *len);

/* How a node of a given type looks in DOT and GEXF. */
typedef struct kg_node_style {
  const char *name;  /* "person", ... or "other" */
  const char *hex;   /* "#4E79A7" */
  uint8_t r, g, b;
  const char *shape; /* Graphviz shape */
} kg_node_style;

const kg_node_style *kg_node_style_of(const kg_node *n);
/* Every style, in entity type order (for the DOT legend). */
const kg_node_style *kg_node_styles(size_t *n);

/* PageRank of n relative to the largest in the graph, square-rooted so that
 * node area grows with PageRank: a number in [0, 1], 0 when unknown. */
double kg_pagerank_scale(const kg_node *n, double max_pagerank);
double kg_max_pagerank(const kg_graph *g);

/* x rounded to `decimals` places (for sizes and pen widths, where more
 * digits only bloat the file). */
double kg_round_to(double x, int decimals);

/* True when s is an ISO 8601 calendar date "YYYY-MM-DD". */
bool kg_is_iso_date(const char *s);

/* Fill err with a write error on f ("what: strerror") and return KG_ERR_IO. */
int kg_write_error(kg_error *err, const char *what);

#endif /* KG_EXPORT_FORMAT_H */
