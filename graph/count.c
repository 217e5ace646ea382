/* count.c: placeholder from the skeleton commit; replaced by its owner. */
#include "graph.h"

void kg_graph_opts_init(kg_graph_opts *o) { *o = (kg_graph_opts){.window = {KG_WINDOW_SENTENCE, 0}, .weight = KG_WEIGHT_COUNT, .seed = 1}; }
int kg_window_parse(const char *s, kg_window *out, kg_error *err) { (void)s; (void)out; return kg_error_set(err, KG_ERR_USAGE, "not implemented"); }
int kg_weight_parse(const char *s, kg_weight_scheme *out, kg_error *err) { (void)s; (void)out; return kg_error_set(err, KG_ERR_USAGE, "not implemented"); }
kg_counter *kg_counter_new(const kg_graph_opts *opts) { (void)opts; return NULL; }
void kg_counter_free(kg_counter *c) { (void)c; }
int kg_counter_add(kg_counter *c, const kg_doc *doc, const kg_doc_result *res, kg_error *err) { (void)c; (void)doc; (void)res; return kg_error_set(err, KG_ERR_INTERNAL, "not implemented"); }
