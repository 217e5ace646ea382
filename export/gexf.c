/* gexf.c: placeholder from the skeleton commit; replaced by its owner. */
#include "export.h"

int kg_write_gexf(const kg_graph *g, FILE *f, kg_error *err) { (void)g; (void)f; return kg_error_set(err, KG_ERR_INTERNAL, "not implemented"); }
