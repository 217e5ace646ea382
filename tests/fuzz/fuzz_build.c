/* fuzz_build.c: libFuzzer target for the whole main job on one document:
 * the extractor (statistical tagger and, in turn, the rules), the resolver
 * and registry, counting, the graph and its metrics, and every writer.  The
 * input is the text (bytes that are no valid UTF-8 or NUL become '?'); its
 * first byte also picks the window and weight scheme.  The mentions'
 * invariants are checked, as kg_counter_add would refuse a result that
 * contradicts itself.  Built only with -DKG_FUZZ=ON under clang (see
 * tests/CMakeLists.txt); not part of the library.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "export.h"
#include "extract.h"
#include "graph.h"

/* The extractors live across inputs (loading the model and gazetteer is the
 * slow part); they are remade now and then so the registry stays small. */
enum { REMAKE_EVERY = 500 };
static kg_extractor *xs[2];
static unsigned runs;

static void remake(void) {
  for (int k = 0; k < 2; k++) {
    kg_extractor_free(xs[k]);
    kg_extract_opts o = {.rules_only = k == 1};
    kg_error err = {0};
    if (kg_extractor_new(&o, &xs[k], &err)) {
      fprintf(stderr, "fuzz_build: %s\n", err.msg);
      abort();
    }
  }
}

/* Mentions sorted, inside the text and its tokens, in real sentences and
 * paragraphs, of entities the registry has. */
static void check_result(const kg_doc *d, const kg_doc_result *r, const kg_registry *reg) {
  const kg_segments *s = &r->seg;
  for (size_t i = 0; i < r->n_mentions; i++) {
    const kg_mention *m = &r->mentions[i];
    CHECK(m->start < m->end && m->end <= d->len);
    CHECK(i == 0 || r->mentions[i - 1].start <= m->start);
    CHECK(m->tok_start < m->tok_end && m->tok_end <= s->n_tokens);
    CHECK(s->tokens[m->tok_start].start <= m->start);
    CHECK(m->end <= s->tokens[m->tok_end - 1].start + s->tokens[m->tok_end - 1].len);
    CHECK(m->sentence < s->n_sentences && m->paragraph < s->n_paragraphs);
    CHECK(s->sentences[m->sentence].tok_start <= m->tok_start &&
          m->tok_end <= s->sentences[m->sentence].tok_end);
    CHECK(m->entity < kg_registry_size(reg));
    CHECK((unsigned)m->type < KG_N_ETYPES);
    kg_entity e;
    kg_registry_get(reg, m->entity, &e);
    CHECK(e.id && e.id[0] && e.label && e.label[0] && strchr(e.id, ':'));
  }
}

static void write_all(const kg_graph *g) {
  typedef int (*writer)(const kg_graph *, FILE *, kg_error *);
  static const writer ws[] = {kg_write_graphml, kg_write_gexf, kg_write_dot, kg_write_nodes_csv,
                              kg_write_edges_csv};
  for (size_t k = 0; k < sizeof ws / sizeof *ws; k++) {
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    CHECK(f != NULL);
    kg_error err = {0};
    CHECK(ws[k](g, f, &err) == 0);
    fclose(f);
    CHECK(len > 0);
    free(buf);
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 1 || size > (1u << 16))
    return 0;
  if (runs++ % REMAKE_EVERY == 0)
    remake();
  kg_graph_opts o;
  kg_graph_opts_init(&o);
  static const char *const windows[] = {"sentence", "paragraph", "document", "tokens:3"};
  static const char *const weights[] = {"count", "documents", "npmi", "association", "jaccard"};
  kg_error err = {0};
  CHECK(kg_window_parse(windows[data[0] % 4], &o.window, &err) == 0);
  CHECK(kg_weight_parse(weights[data[0] / 4 % 5], &o.weight, &err) == 0);
  kg_doc d = {.len = size - 1};
  d.id = strdup("fuzz.txt");
  d.text = malloc(size);
  CHECK(d.id && d.text);
  memcpy(d.text, data + 1, d.len);
  for (size_t i = 0; i < d.len; i++)
    if (!d.text[i])
      d.text[i] = '?';
  size_t bad;
  while (!kg_utf8_valid(d.text, d.len, &bad))
    d.text[bad] = '?';
  d.text[d.len] = '\0';
  if (data[0] & 0x80)
    memcpy(d.date, "2024-02-29", 11);
  for (int k = 0; k < 2; k++) {
    kg_doc_result r;
    CHECK(kg_extractor_process(xs[k], &d, &r, &err) == 0); /* fails only out of memory */
    const kg_registry *reg = kg_extractor_registry(xs[k]);
    check_result(&d, &r, reg);
    kg_counter *c = kg_counter_new(&o);
    CHECK(c != NULL);
    CHECK(kg_counter_add(c, &d, &r, &err) == 0);
    size_t n = kg_registry_size(reg);
    kg_entity *ents = calloc(n ? n : 1, sizeof *ents);
    CHECK(ents != NULL);
    for (size_t i = 0; i < n; i++)
      kg_registry_get(reg, i, &ents[i]);
    kg_graph *g = NULL;
    CHECK(kg_graph_build(c, ents, n, &o, &g, &err) == 0);
    write_all(g);
    kg_graph_free(g);
    free(ents);
    kg_counter_free(c);
  }
  kg_doc_destroy(&d);
  return 0;
}
