/* fixtures.h: hand-made graphs for the export tests, and a way to run the
 * real third-party readers on what the writers produce. */
#ifndef KG_TEST_EXPORT_FIXTURES_H
#define KG_TEST_EXPORT_FIXTURES_H

#include <stddef.h>
#include <stdint.h>

#include "export.h"

/* One node of the nasty graph: the label as given, and the label every
 * format must show (worked out by hand from the label rule). */
typedef struct nasty_label {
  const char *raw, *expected;
} nasty_label;

/* A graph whose strings hold everything that breaks exporters: quotes,
 * backslashes, <&>, control characters, CR/LF/TAB, non-ASCII and emoji,
 * Graphviz escapes (\N, \G, \L), empty and very long labels, invalid UTF-8,
 * ids that are not XML names; and weights that trip number formatting
 * (0.1+0.2, 1e-05, -0, negatives, huge). *labels gets the node labels in
 * node order (static storage). */
kg_graph *nasty_graph(const nasty_label **labels, size_t *n_labels);

/* A co-occurrence-like graph of n nodes (a random tree plus 2n extra
 * edges, fixed seed), for the 10,000-node rendering test. */
kg_graph *big_graph(size_t n);

/* Write the expected labels ("N\t<label>") and edges ("E\t<label>\t<label>\t
 * <weight as %.17g>") of g to path, for check_exports.py --expect. */
void write_expectations(const kg_graph *g, const nasty_label *labels, const char *path);

/* Run argv (argv[0] searched in PATH) with stdin from /dev/null; *out and
 * *errs (may be NULL) get its stdout and stderr, malloc'd. Returns the exit
 * status, or -1 when it could not run or was killed. */
int run_capture(char *const argv[], char **out, char **errs);

/* cases[0..n) (each `size` bytes) copied into Criterion's shared memory,
 * with the strings at the n_str field offsets str_fields copied too, for
 * ParameterizedTest parameters: test workers are new processes, where the
 * runner's pointers to string literals do not hold (ASLR). */
void *shared_cases(const void *cases, size_t n, size_t size, const size_t *str_fields,
                   size_t n_str);

/* A fresh empty folder under /tmp (malloc'd path). */
char *make_temp_dir(void);
/* rm -rf path (and free it). */
void remove_tree(char *path);
/* The whole file at path, malloc'd and NUL-terminated; *len gets its size. */
char *slurp(const char *path, size_t *len);

#endif
