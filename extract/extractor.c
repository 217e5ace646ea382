/* extractor.c: placeholder from the skeleton commit; replaced by its owner. */
#include "extract.h"

const char *kg_etype_name(kg_etype t) { static const char *const n[] = {"person","organization","country","event","location"}; return (unsigned)t < KG_N_ETYPES ? n[t] : "?"; }
int kg_etype_parse(const char *name, size_t len) { (void)name; (void)len; return -1; }
size_t kg_registry_size(const kg_registry *r) { (void)r; return 0; }
void kg_registry_get(const kg_registry *r, size_t i, kg_entity *out) { (void)r; (void)i; (void)out; }
int kg_extractor_new(const kg_extract_opts *opts, kg_extractor **out, kg_error *err) { (void)opts; *out = NULL; return kg_error_set(err, KG_ERR_INTERNAL, "extraction is not implemented yet"); }
void kg_extractor_free(kg_extractor *x) { (void)x; }
int kg_extractor_process(kg_extractor *x, const kg_doc *doc, kg_doc_result *out, kg_error *err) { (void)x; (void)doc; (void)out; return kg_error_set(err, KG_ERR_INTERNAL, "not implemented"); }
const kg_registry *kg_extractor_registry(const kg_extractor *x) { (void)x; return NULL; }
