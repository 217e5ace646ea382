/* analyse.c: placeholder from the skeleton commit; replaced by its owner. */
#include "graph_impl.h"

int kg_graph_build(const kg_counter *c, const kg_entity *entities, size_t n_entities,
                   const kg_graph_opts *opts, kg_graph **out, kg_error *err) {
  (void)c; (void)entities; (void)n_entities; (void)opts;
  *out = NULL;
  return kg_error_set(err, KG_ERR_INTERNAL, "graph building is not implemented yet");
}
