/* csv.c: nodes.csv, edges.csv (Gephi's spreadsheet import) and the streamed
 * mentions.csv, through libcsv.
 *
 * RFC 4180: comma separated, CRLF line ends, a header row, a field quoted
 * (by libcsv's csv_write, which doubles inner quotes) when it holds a comma,
 * a quote, CR or LF, and written as is otherwise.  UTF-8 without a BOM.
 * nodes.csv: Id, then every node attribute of the schema (Label, Type, ...);
 * edges.csv: Source, Target, Type (always "Undirected", Gephi's spelling),
 * then every edge attribute (Weight, Count, ...).  Numbers come from the
 * shared formatter (dot decimal separator whatever the locale, no
 * exponent); labels from the shared label rule (one line, trimmed).
 */
#include <csv.h>
#include <stdlib.h>
#include <string.h>

#include "export.h"
#include "format.h"

static bool needs_quotes(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (s[i] == ',' || s[i] == '"' || s[i] == '\r' || s[i] == '\n')
      return true;
  return false;
}

/* Append one field (with the comma before it unless first). */
static bool put_field(kg_buf *row, const char *s, size_t n, bool first) {
  if (!first && !kg_buf_append(row, ",", 1))
    return false;
  if (!needs_quotes(s, n))
    return kg_buf_append(row, s, n);
  if (!kg_buf_grow(row, 2 * n + 2))
    return false;
  row->len += csv_write(row->ptr + row->len, row->cap - row->len, s, n);
  return true;
}

static bool put_text(kg_buf *row, kg_buf *text, const char *s, bool first) {
  size_t len;
  const char *v = kg_text_clean(text, s, &len);
  return v && put_field(row, v, len, first);
}

static bool put_header(kg_buf *row, const char *const *lead, size_t n_lead,
                       const kg_attr *attrs, size_t n) {
  for (size_t i = 0; i < n_lead; i++)
    if (!put_field(row, lead[i], strlen(lead[i]), i == 0))
      return false;
  for (size_t i = 0; i < n; i++)
    if (!put_field(row, attrs[i].name, strlen(attrs[i].name), false))
      return false;
  return kg_buf_append(row, "\r\n", 2);
}

/* The schema attributes of one record, then the line end. */
static bool put_attrs(kg_buf *row, const void *rec, const kg_attr *attrs, size_t n,
                      bool is_node, kg_buf *text) {
  char num[KG_NUM_MAX];
  for (size_t i = 0; i < n; i++) {
    size_t len;
    const char *v = is_node && strcmp(attrs[i].name, "Label") == 0
                        ? kg_label_clean(text, rec, &len)
                        : kg_fmt_attr(rec, &attrs[i], num, text, &len);
    if (!v || !put_field(row, v, len, false))
      return false;
  }
  return kg_buf_append(row, "\r\n", 2);
}

/* Finish a table: write what is left, flush, report. */
static int finish(kg_buf *row, kg_buf *text, FILE *f, bool ok, bool io, const char *what,
                  kg_error *err) {
  int rc = 0;
  if (ok && io)
    io = kg_buf_drain(row, f, true);
  if (!io || fflush(f) != 0 || ferror(f))
    rc = kg_write_error(err, what);
  else if (!ok)
    rc = kg_error_set(err, KG_ERR_NOMEM, "%s: out of memory", what);
  kg_buf_destroy(row);
  kg_buf_destroy(text);
  return rc;
}

int kg_write_nodes_csv(const kg_graph *g, FILE *f, kg_error *err) {
  static const char *const lead[] = {"Id"};
  const kg_node *nodes = kg_graph_nodes(g);
  kg_buf row = {0}, text = {0};
  bool ok = put_header(&row, lead, 1, kg_node_attrs, kg_n_node_attrs), io = true;
  for (size_t i = 0, n = kg_graph_n_nodes(g); ok && io && i < n; i++) {
    ok = put_text(&row, &text, nodes[i].id, true) &&
         put_attrs(&row, &nodes[i], kg_node_attrs, kg_n_node_attrs, true, &text);
    io = kg_buf_drain(&row, f, false);
  }
  return finish(&row, &text, f, ok, io, "nodes CSV", err);
}

int kg_write_edges_csv(const kg_graph *g, FILE *f, kg_error *err) {
  static const char *const lead[] = {"Source", "Target", "Type"};
  const kg_node *nodes = kg_graph_nodes(g);
  const kg_edge *edges = kg_graph_edges(g);
  kg_buf row = {0}, text = {0};
  bool ok = put_header(&row, lead, 3, kg_edge_attrs, kg_n_edge_attrs), io = true;
  for (size_t i = 0, n = kg_graph_n_edges(g); ok && io && i < n; i++) {
    const kg_edge *e = &edges[i];
    ok = put_text(&row, &text, nodes[e->source].id, true) &&
         put_text(&row, &text, nodes[e->target].id, false) &&
         put_field(&row, "Undirected", 10, false) &&
         put_attrs(&row, e, kg_edge_attrs, kg_n_edge_attrs, false, &text);
    io = kg_buf_drain(&row, f, false);
  }
  return finish(&row, &text, f, ok, io, "edges CSV", err);
}

/* ------------------------------------------------------------ mentions.csv */

struct kg_mention_writer {
  FILE *f;
  kg_buf row, text; /* reused for every row: no malloc per mention */
};

int kg_mention_writer_new(FILE *f, kg_mention_writer **out, kg_error *err) {
  static const char header[] = "Document,Sentence,Start,End,Text,Entity,Type\r\n";
  *out = NULL;
  kg_mention_writer *w = calloc(1, sizeof *w);
  if (!w)
    return kg_error_set(err, KG_ERR_NOMEM, "out of memory for the mentions table");
  w->f = f;
  if (fwrite(header, 1, sizeof header - 1, f) != sizeof header - 1) {
    free(w);
    return kg_write_error(err, "mentions CSV");
  }
  *out = w;
  return 0;
}

int kg_mention_writer_add(kg_mention_writer *w, const char *doc_id, uint32_t sentence,
                          uint32_t start, uint32_t end, kg_str text, const char *entity_id,
                          const char *type, kg_error *err) {
  char num[3][KG_NUM_MAX];
  size_t len[3] = {kg_fmt_int(sentence, num[0]), kg_fmt_int(start, num[1]),
                   kg_fmt_int(end, num[2])};
  size_t text_len;
  w->row.len = 0;
  bool ok = put_text(&w->row, &w->text, doc_id, true);
  for (int i = 0; ok && i < 3; i++)
    ok = put_field(&w->row, num[i], len[i], false);
  const char *t = ok ? kg_text_clean_n(&w->text, text.ptr ? text.ptr : "", text.len, &text_len)
                     : NULL;
  ok = t && put_field(&w->row, t, text_len, false) &&
       put_text(&w->row, &w->text, entity_id, false) &&
       put_text(&w->row, &w->text, type, false) && kg_buf_append(&w->row, "\r\n", 2);
  if (!ok)
    return kg_error_set(err, KG_ERR_NOMEM, "mentions CSV: out of memory");
  if (fwrite(w->row.ptr, 1, w->row.len, w->f) != w->row.len)
    return kg_write_error(err, "mentions CSV");
  return 0;
}

void kg_mention_writer_free(kg_mention_writer *w) {
  if (!w)
    return;
  kg_buf_destroy(&w->row);
  kg_buf_destroy(&w->text);
  free(w);
}
