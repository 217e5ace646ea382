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
 * slow part); they are remade now and then so the registry stays small.
 * Meanwhile each also counts every input it saw as one corpus, and notes
 * which entities each input mentions; before it is remade, that corpus is
 * settled (pending acronyms join their entities: kg_extractor_settle,
 * kg_counter_merge) and built, as `kgraph build` does at its end. */
enum { REMAKE_EVERY = 500 };
static kg_extractor *xs[2];
static kg_counter *corpus[2];
static uint64_t *seen[2]; /* entity << 32 | input serial */
static size_t n_seen[2], cap_seen[2];
static unsigned runs;

typedef struct seen_set {
  const uint64_t *v;
  size_t n;
} seen_set;

static bool share(void *ctx, uint32_t a, uint32_t b) {
  const seen_set *s = ctx;
  return kg_entity_docs_share(s->v, s->n, a, b);
}

static void settle_and_build(int k) {
  if (!xs[k] || !corpus[k])
    return;
  kg_entity_docs_sort(seen[k], n_seen[k]);
  seen_set ss = {seen[k], n_seen[k]};
  const kg_registry *reg = kg_extractor_registry(xs[k]);
  size_t n = kg_registry_size(reg);
  uint32_t *into = malloc((n ? n : 1) * sizeof *into);
  kg_entity *ents = calloc(n ? n : 1, sizeof *ents);
  CHECK(into && ents);
  kg_error err = {0};
  CHECK(kg_extractor_settle(xs[k], share, &ss, into, &err) == 0);
  CHECK(kg_counter_merge(corpus[k], into, n, &err) == 0);
  for (size_t i = 0; i < n; i++)
    kg_registry_get(reg, i, &ents[i]);
  kg_graph_opts o;
  kg_graph_opts_init(&o);
  kg_graph *g = NULL;
  CHECK(kg_graph_build(corpus[k], ents, n, &o, &g, &err) == 0); /* ids unique */
  kg_graph_free(g);
  free(ents);
  free(into);
}

static void remake(void) {
  for (int k = 0; k < 2; k++) {
    settle_and_build(k);
    kg_counter_free(corpus[k]);
    corpus[k] = kg_counter_new(NULL);
    n_seen[k] = 0;
    CHECK(corpus[k] != NULL);
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
    CHECK(kg_counter_add(corpus[k], &d, &r, &err) == 0);
    for (size_t i = 0; i < r.n_mentions; i++) {
      if (n_seen[k] == cap_seen[k]) {
        cap_seen[k] = cap_seen[k] ? 2 * cap_seen[k] : 1024;
        seen[k] = realloc(seen[k], cap_seen[k] * sizeof *seen[k]);
        CHECK(seen[k] != NULL);
      }
      seen[k][n_seen[k]++] = (uint64_t)r.mentions[i].entity << 32 | runs;
    }
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
