/* fixture.h: small corpora for the graph tests, built in memory.
 *
 * A document is written in a markup that gives the text, its sentences and
 * paragraphs, and the entity mentions at once:
 *   [N words]  a mention of entity N; the text keeps "words"
 *   |          ends a sentence
 *   #          ends a sentence and a paragraph (the text gets a blank line)
 * Tokens are the runs of non-space bytes. Example:
 *   "[0 Blinken] met [1 Di Maio] in Rome. | He left. # [2 NATO] agreed."
 */
#ifndef KG_TEST_GRAPH_FIXTURE_H
#define KG_TEST_GRAPH_FIXTURE_H

#include "graph.h"

typedef struct fx_doc {
  kg_doc doc;
  kg_doc_result res;
  kg_token *tokens;
  kg_sentence *sentences;
  kg_mention *mentions;
} fx_doc;

/* Build a document (date "" = undated); fails the test on bad markup. */
void fx_doc_init(fx_doc *d, const char *id, const char *date, const char *markup);
void fx_doc_destroy(fx_doc *d);

/* Count docs[order[k]] for k < n (order NULL = 0..n-1) with opts. */
kg_counter *fx_count(const kg_graph_opts *opts, const fx_doc *docs, size_t n,
                     const size_t *order);
/* Count, then build; fails the test on any error. */
kg_graph *fx_build(const kg_graph_opts *opts, const fx_doc *docs, size_t n, const size_t *order,
                   const kg_entity *ents, size_t n_ents);

/* One undated document from markup, counted and built with the first
 * n_ents entities of fx_entities. */
kg_graph *fx_build_text(const kg_graph_opts *opts, const char *markup, size_t n_ents);

/* Entities "person:e00", "person:e01", ... labelled "E00", ... (static
 * storage, up to 64). */
const kg_entity *fx_entities(size_t n);

/* The node with this id, or NULL. */
const kg_node *fx_node(const kg_graph *g, const char *id);
/* The edge between these two node ids (either order), or NULL. */
const kg_edge *fx_edge(const kg_graph *g, const char *a, const char *b);

#endif
