/* csv.c: placeholder from the skeleton commit; replaced by its owner. */
#include "export.h"

int kg_write_nodes_csv(const kg_graph *g, FILE *f, kg_error *err) { (void)g; (void)f; return kg_error_set(err, KG_ERR_INTERNAL, "not implemented"); }
int kg_write_edges_csv(const kg_graph *g, FILE *f, kg_error *err) { (void)g; (void)f; return kg_error_set(err, KG_ERR_INTERNAL, "not implemented"); }
int kg_mention_writer_new(FILE *f, kg_mention_writer **out, kg_error *err) { (void)f; *out = NULL; return kg_error_set(err, KG_ERR_INTERNAL, "not implemented"); }
int kg_mention_writer_add(kg_mention_writer *w, const char *doc_id, uint32_t sentence, uint32_t start, uint32_t end, kg_str text, const char *entity_id, const char *type, kg_error *err) {
  (void)w; (void)doc_id; (void)sentence; (void)start; (void)end; (void)text; (void)entity_id; (void)type; return kg_error_set(err, KG_ERR_INTERNAL, "not implemented"); }
void kg_mention_writer_free(kg_mention_writer *w) { (void)w; }
