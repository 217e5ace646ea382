/* segment.c: placeholder from the skeleton commit; replaced by its owner. */
#include "extract.h"

kg_segmenter *kg_segmenter_new(void) { return NULL; }
void kg_segmenter_free(kg_segmenter *s) { (void)s; }
int kg_segment(kg_segmenter *s, const char *text, size_t len, kg_segments *out, kg_error *err) {
  (void)s; (void)text; (void)len; (void)out; return kg_error_set(err, KG_ERR_INTERNAL, "segmenting is not implemented yet"); }
