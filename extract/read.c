/* read.c: placeholder from the skeleton commit; replaced by its owner. */
#include "extract.h"

void kg_doc_destroy(kg_doc *doc) { (void)doc; }
int kg_read_inputs(const char *const *inputs, size_t n_inputs, kg_doc_fn on_doc, kg_warn_fn on_warn, void *ud, size_t *n_docs, kg_error *err) {
  (void)inputs; (void)n_inputs; (void)on_doc; (void)on_warn; (void)ud; if (n_docs) *n_docs = 0;
  return kg_error_set(err, KG_ERR_INTERNAL, "reading is not implemented yet"); }
