/* test_readers.c: what the writers produce, read back by the real readers:
 * xmllint + the GraphML XSD, networkx, python-igraph, graphology (Gephi
 * Lite), Graphviz dot/sfdp/gv2gxl and Python's strict csv, through
 * tests/export/check_exports.py.  Every reader must see the labels and
 * weights worked out by hand in fixtures.c. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixtures.h"

#define CHECKER KG_SOURCE_DIR "/tests/export/check_exports.py"
#define SCHEMA KG_TEST_DATA "/export/schema/graphml.xsd"

/* Run check_exports.py on dir; its report goes to stderr (ctest shows it
 * on failure). */
static void check_with_readers(const char *dir, const char *expect) {
  char *argv[] = {KG_PYTHON3, CHECKER, (char *)dir, "--schema", SCHEMA, "--node-modules",
                  KG_NODE_MODULES, expect ? "--expect" : "--render-only", (char *)expect,
                  NULL};
  if (!expect)
    argv[8] = NULL;
  char *out = NULL, *err = NULL;
  int rc = run_capture(argv, &out, &err);
  fprintf(stderr, "%s%s", out ? out : "", err ? err : "");
  cr_expect_eq(rc, 0, "check_exports.py must pass on %s (exit %d):\n%s%s", dir, rc,
               out ? out : "", err ? err : "");
  cr_expect(out && strstr(out, " 0 failed"), "the checker must report its checks");
  free(out);
  free(err);
}

static void export_to(const kg_graph *g, const char *dir) {
  kg_error err = {0};
  kg_outdir *od = NULL;
  cr_assert_eq(kg_outdir_open(dir, &od, &err), 0, "open %s: %s", dir, err.msg);
  cr_assert_eq(kg_export_graph(g, od, NULL, &err), 0, "export: %s", err.msg);
  cr_assert_eq(kg_outdir_commit(od, &err), 0, "commit: %s", err.msg);
}

Test(readers, nasty_strings_read_back_the_same_in_every_format, .timeout = 300) {
  const nasty_label *labels;
  size_t n_labels;
  kg_graph *g = nasty_graph(&labels, &n_labels);
  cr_assert_not_null(g);
  char *dir = make_temp_dir(), *side = make_temp_dir();
  char out[512], expect[512];
  snprintf(out, sizeof out, "%s/out", dir);
  snprintf(expect, sizeof expect, "%s/expect.tsv", side);
  export_to(g, out);
  write_expectations(g, labels, expect);
  check_with_readers(out, expect);
  kg_graph_free(g);
  remove_tree(dir);
  remove_tree(side);
}

Test(readers, ten_thousand_nodes_render_with_dot_and_sfdp_silently, .timeout = 600) {
  kg_graph *g = big_graph(10000);
  cr_assert_not_null(g);
  cr_assert_eq(kg_graph_n_nodes(g), 10000);
  char *dir = make_temp_dir();
  char path[512];
  snprintf(path, sizeof path, "%s/graph.dot", dir);
  FILE *f = fopen(path, "w");
  kg_error err = {0};
  cr_assert_eq(kg_write_dot(g, f, &err), 0, "DOT: %s", err.msg);
  cr_assert_eq(fclose(f), 0);
  check_with_readers(dir, NULL);
  kg_graph_free(g);
  remove_tree(dir);
}
