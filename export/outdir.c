/* outdir.c: placeholder from the skeleton commit; replaced by its owner. */
#include "export.h"

int kg_outdir_open(const char *path, kg_outdir **out, kg_error *err) { (void)path; *out = NULL; return kg_error_set(err, KG_ERR_INTERNAL, "not implemented"); }
FILE *kg_outdir_create(kg_outdir *od, const char *name, kg_error *err) { (void)od; (void)name; kg_error_set(err, KG_ERR_INTERNAL, "not implemented"); return NULL; }
int kg_outdir_commit(kg_outdir *od, kg_error *err) { (void)od; return kg_error_set(err, KG_ERR_INTERNAL, "not implemented"); }
void kg_outdir_abort(kg_outdir *od) { (void)od; }
int kg_export_graph(const kg_graph *g, kg_outdir *od, kg_error *err) { (void)g; (void)od; return kg_error_set(err, KG_ERR_INTERNAL, "not implemented"); }
