/* grow.h (private to extract/): the growable-array step every buffer here
 * uses, written once. Header-only so it inlines into the hot paths. */
#ifndef KG_GROW_H
#define KG_GROW_H

#include <stdint.h>
#include <stdlib.h>

#include "extract.h"

/* Make room for need elements of size elem in *p, whose capacity is *cap:
 * doubling from first (or the current capacity). Returns 0, or KG_ERR_NOMEM
 * with *p and *cap unchanged. */
static inline int kg_reserve(void **p, size_t *cap, size_t need, size_t elem, size_t first) {
  if (need <= *cap)
    return 0;
  size_t c = *cap ? *cap : first;
  while (c < need)
    c *= 2;
  if (c > SIZE_MAX / elem)
    return KG_ERR_NOMEM;
  void *q = realloc(*p, c * elem);
  if (!q)
    return KG_ERR_NOMEM;
  *p = q;
  *cap = c;
  return 0;
}

#endif
