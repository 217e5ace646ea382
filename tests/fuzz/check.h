/* check.h: the fuzz targets' invariant check, which aborts (and so makes
 * libFuzzer save the input) with the file, line and broken condition. */
#ifndef KG_FUZZ_CHECK_H
#define KG_FUZZ_CHECK_H

#include <stdio.h>
#include <stdlib.h>

#define CHECK(cond)                                                                  \
  do {                                                                               \
    if (!(cond)) {                                                                   \
      fprintf(stderr, "%s:%d: invariant broken: %s\n", __FILE__, __LINE__, #cond);   \
      abort();                                                                       \
    }                                                                                \
  } while (0)

#endif
