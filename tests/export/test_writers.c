/* test_writers.c: what each writer does with nasty strings and numbers
 * (table-driven, on one-node and one-edge graphs), write errors, golden
 * files for the hand-made graph, determinism, and a table with a bad edge. */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "fixtures.h"

typedef int (*writer_fn)(const kg_graph *, FILE *, kg_error *);

/* Two nodes and one edge, with the given label, edge example and weight. */
static kg_graph *tiny_graph(const char *id, const char *label, const char *example, double w) {
  kg_node nodes[2] = {
      {.id = id, .label = label, .etype = KG_PERSON, .first_date = "", .last_date = "",
       .pagerank = 0.5},
      {.id = "country:it", .label = "Italy", .etype = KG_COUNTRY, .pagerank = 0.25},
  };
  kg_edge edge = {.source = 0, .target = 1, .weight = w, .count = 2, .example = example};
  kg_graph *g = NULL;
  kg_error err = {0};
  cr_assert_eq(kg_graph_from_table(nodes, 2, &edge, 1, 1, &g, &err), 0, "%s", err.msg);
  return g;
}

/* Run a writer into memory; the text is malloc'd. */
static char *write_to_string(writer_fn write, const kg_graph *g) {
  char *buf = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&buf, &len);
  kg_error err = {0};
  cr_assert_eq(write(g, f, &err), 0, "the writer must succeed: %s", err.msg);
  fclose(f);
  return buf;
}

struct esc_case {
  const char *format; /* dot, graphml, gexf, nodes, edges */
  const char *label, *example;
  const char *want; /* must appear in the output */
};

static writer_fn writer_of(const char *format) {
  return strcmp(format, "dot") == 0       ? kg_write_dot
         : strcmp(format, "graphml") == 0 ? kg_write_graphml
         : strcmp(format, "gexf") == 0    ? kg_write_gexf
         : strcmp(format, "nodes") == 0   ? kg_write_nodes_csv
                                          : kg_write_edges_csv;
}

ParameterizedTestParameters(writers, escape_nasty_strings) {
  static struct esc_case cases[] = {
      /* DOT: quotes and backslashes escaped, escString sequences literal,
       * & as &amp; (Graphviz decodes entities), newlines as \n. */
      {"dot", "say \"hi\"", "", "label=\"say \\\"hi\\\"\""},
      {"dot", "C:\\dir\\", "", "label=\"C:\\\\dir\\\\\""},
      {"dot", "\\N and \\G and \\L", "", "label=\"\\\\N and \\\\G and \\\\L\""},
      {"dot", "AT&T &amp;", "", "label=\"AT&amp;T &amp;amp;\""},
      {"dot", "Z\xc3\xbc" "rich \xf0\x9f\x98\x80", "",
       "label=\"Z\xc3\xbc" "rich \xf0\x9f\x98\x80\""},
      {"dot", "x", "two\r\nlines\\", "Example=\"two\\r\\nlines\\\\\""},
      {"dot", "tab\there", "", "label=\"tab here\""},
      /* GraphML: libxml2 escapes, CR as a character reference, C0 replaced. */
      {"graphml", "<b>&amp;\"'</b>", "", ">&lt;b&gt;&amp;amp;&quot;'&lt;/b&gt;</data>"},
      {"graphml", "x", "a\r\nb", ">a&#13;\nb</data>"},
      {"graphml", "x", "bell\x07", ">bell\xef\xbf\xbd</data>"},
      {"graphml", "x", "]]>", ">]]&gt;</data>"},
      /* GEXF: everything is in XML attributes, where newlines and tabs must
       * be character references to survive attribute normalization. */
      {"gexf", "<b>&\"</b>", "", "label=\"&lt;b&gt;&amp;&quot;&lt;/b&gt;\""},
      {"gexf", "x", "a\nb\tc", "value=\"a&#10;b&#9;c\""},
      /* CSV: quoted only when needed, quotes doubled, CRLF kept inside. */
      {"nodes", "He said \"hi\", ok", "", "\"He said \"\"hi\"\", ok\""},
      {"nodes", "plain", "", "person:x,plain,person,"},
      {"edges", "x", "a,b", ",\"a,b\"\r\n"},
      {"edges", "x", "line\r\nbreak \"q\"", ",\"line\r\nbreak \"\"q\"\"\"\r\n"},
      {"nodes", "  padded\r\n", "", "person:x,padded,"},
  };
  static const size_t strs[] = {offsetof(struct esc_case, format), offsetof(struct esc_case, label),
                                offsetof(struct esc_case, example), offsetof(struct esc_case, want)};
  size_t n = sizeof cases / sizeof cases[0];
  return cr_make_param_array(struct esc_case, shared_cases(cases, n, sizeof cases[0], strs, 4), n);
}

ParameterizedTest(struct esc_case *c, writers, escape_nasty_strings) {
  kg_graph *g = tiny_graph("person:x", c->label, c->example, 1);
  char *out = write_to_string(writer_of(c->format), g);
  cr_assert_not_null(strstr(out, c->want), "%s output must contain\n%s\ngot:\n%s", c->format,
                     c->want, out);
  free(out);
  kg_graph_free(g);
}

struct num_case {
  const char *format;
  double w;
  const char *want;
};

ParameterizedTestParameters(writers, show_the_same_weight) {
  static struct num_case cases[] = {
      {"dot", 1e-5, "weight=0.00001,"},          {"graphml", 1e-5, ">0.00001</data>"},
      {"gexf", 1e-5, "weight=\"0.00001\""},      {"edges", 1e-5, ",Undirected,0.00001,"},
      {"dot", 0.1 + 0.2, "weight=0.30000000000000004,"},
      {"edges", 0.1 + 0.2, ",0.30000000000000004,"},
      {"dot", -0.0, "weight=0,"},                {"graphml", -0.0, "\"weight\">0</data>"},
      {"gexf", 1.0 / 0.0, "weight=\"0\""},       {"edges", 0.0 / 0.0, ",Undirected,0,"},
      {"dot", 1e21, "weight=1000000000000000000000,"},
  };
  static const size_t strs[] = {offsetof(struct num_case, format), offsetof(struct num_case, want)};
  size_t n = sizeof cases / sizeof cases[0];
  return cr_make_param_array(struct num_case, shared_cases(cases, n, sizeof cases[0], strs, 2), n);
}

ParameterizedTest(struct num_case *c, writers, show_the_same_weight) {
  kg_graph *g = tiny_graph("person:x", "x", "", c->w);
  char *out = write_to_string(writer_of(c->format), g);
  cr_assert_not_null(strstr(out, c->want), "%s output must contain %s, got:\n%s", c->format,
                     c->want, out);
  free(out);
  kg_graph_free(g);
}

Test(writers, graphml_ids_that_are_not_xml_names_are_escaped) {
  kg_graph *g = tiny_graph("odd id_\xe2\x84\x83\x01", "x", "", 1);
  char *out = write_to_string(kg_write_graphml, g);
  cr_assert_not_null(strstr(out, "<node id=\"odd_20_id_5F__2103__1_\">"),
                     "space, '_', a symbol and a control become _HEX_: %s", out);
  cr_assert_not_null(strstr(out, "<edge source=\"odd_20_id_5F__2103__1_\" target=\"country:it\">"),
                     "edges use the same id: %s", out);
  free(out);
  kg_graph_free(g);
}

Test(writers, gexf_has_timeline_colour_and_size) {
  kg_node nodes[2] = {
      {.id = "person:a", .label = "A", .etype = KG_PERSON, .first_date = "2021-06-28",
       .last_date = "2021-07-02", .pagerank = 0.5},
      {.id = "event:b", .label = "B", .etype = KG_EVENT, .first_date = "2021-07-02",
       .last_date = "2021-06-28", .pagerank = 0.125},
  };
  kg_edge edge = {.source = 0, .target = 1, .weight = 2, .first_date = "2021-06-30",
                  .last_date = "2021-06-30"};
  kg_graph *g = NULL;
  kg_error err = {0};
  cr_assert_eq(kg_graph_from_table(nodes, 2, &edge, 1, 1, &g, &err), 0);
  char *out = write_to_string(kg_write_gexf, g);
  cr_assert_not_null(strstr(out, "mode=\"dynamic\" timeformat=\"date\""), "%s", out);
  cr_assert_not_null(strstr(out, "label=\"A\" start=\"2021-06-28\" end=\"2021-07-02\""), "%s",
                     out);
  cr_assert_not_null(strstr(out, "<node id=\"event:b\" label=\"B\">"),
                     "start after end: no interval: %s", out);
  cr_assert_not_null(strstr(out, "weight=\"2\" start=\"2021-06-30\" end=\"2021-06-30\""), "%s",
                     out);
  cr_assert_not_null(strstr(out, "<viz:color r=\"78\" g=\"121\" b=\"167\"/>"), "person blue");
  cr_assert_not_null(strstr(out, "<viz:size value=\"50\"/>"), "largest PageRank: size 50");
  cr_assert_not_null(strstr(out, "<viz:size value=\"30\"/>"), "a quarter of it: size 10+40/2");
  free(out);
  kg_graph_free(g);
}

Test(writers, dot_legend_is_not_a_node_and_pens_grow_with_log_weight) {
  kg_graph *g = tiny_graph("person:x", "x", "", 10);
  char *out = write_to_string(kg_write_dot, g);
  cr_assert_not_null(strstr(out, "label=<<TABLE"), "the legend is the graph label");
  cr_assert_not_null(strstr(out, "person (ellipse)"), "%s", out);
  cr_assert_not_null(strstr(out, "[penwidth=1, weight=10,"),
                     "the smallest positive weight draws at width 1: %s", out);
  free(out);
  kg_graph_free(g);
}

static int write_mentions(FILE *f, kg_error *err) {
  kg_mention_writer *w = NULL;
  int rc = kg_mention_writer_new(f, &w, err);
  const char text[] = "Secretary Blinken, \"Tony\" said";
  kg_str span = {text + 10, 7}; /* "Blinken", not NUL-terminated */
  for (int i = 0; !rc && i < 2; i++)
    rc = kg_mention_writer_add(w, i ? "dir/a,b.txt" : "voa.txt", 3, 10, 17, span,
                               "person:antony-blinken", "person", err);
  kg_str quoted = {text + 19, 6}; /* "Tony" with its quotes */
  if (!rc)
    rc = kg_mention_writer_add(w, "voa.txt", 3, 19, 25, quoted, "person:tony", "person", err);
  kg_mention_writer_free(w);
  return rc;
}

Test(writers, mentions_are_streamed_as_csv) {
  char *buf = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&buf, &len);
  kg_error err = {0};
  cr_assert_eq(write_mentions(f, &err), 0, "%s", err.msg);
  fclose(f);
  cr_assert_str_eq(buf, "Document,Sentence,Start,End,Text,Entity,Type\r\n"
                        "voa.txt,3,10,17,Blinken,person:antony-blinken,person\r\n"
                        "\"dir/a,b.txt\",3,10,17,Blinken,person:antony-blinken,person\r\n"
                        "voa.txt,3,19,25,\"\"\"Tony\"\"\",person:tony,person\r\n");
  free(buf);
  kg_mention_writer_free(NULL);
}

/* /dev/full: every write fails with ENOSPC, like a full disk. */
Test(writers, a_full_disk_is_an_error_not_a_short_file) {
  const nasty_label *labels;
  size_t n;
  kg_graph *g = nasty_graph(&labels, &n);
  static const char *const formats[] = {"dot", "graphml", "gexf", "nodes", "edges"};
  for (size_t i = 0; i < 5; i++) {
    FILE *f = fopen("/dev/full", "w");
    cr_assert_not_null(f);
    kg_error err = {0};
    cr_assert_eq(writer_of(formats[i])(g, f, &err), KG_ERR_IO, "%s on a full disk", formats[i]);
    cr_assert_not_null(strstr(err.msg, strerror(ENOSPC)), "%s: got '%s'", formats[i], err.msg);
    fclose(f);
  }
  FILE *f = fopen("/dev/full", "w");
  kg_error err = {0};
  setvbuf(f, NULL, _IONBF, 0); /* unbuffered: the error shows at once */
  cr_assert_eq(write_mentions(f, &err), KG_ERR_IO, "mentions on a full disk");
  fclose(f);
  kg_graph_free(g);
}

Test(writers, an_empty_graph_is_still_valid_output) {
  kg_graph *g = NULL;
  kg_error err = {0};
  cr_assert_eq(kg_graph_from_table(NULL, 0, NULL, 0, 0, &g, &err), 0);
  char *dot = write_to_string(kg_write_dot, g), *csv = write_to_string(kg_write_nodes_csv, g);
  char *gml = write_to_string(kg_write_graphml, g);
  cr_assert_not_null(strstr(dot, "graph \"kgraph\" {"));
  cr_assert(strncmp(csv, "Id,Label,Type,", 14) == 0 && strchr(csv, '\n') == csv + strlen(csv) - 1,
            "a header and nothing else: %s", csv);
  cr_assert_not_null(strstr(gml, "<graph id=\"G\" edgedefault=\"undirected\"/>"), "%s", gml);
  free(dot);
  free(csv);
  free(gml);
  kg_graph_free(g);
}

/* ------------------------------------------------------------ golden files */

/* The hand-made graph's five files, byte for byte.  After an intended
 * change, regenerate with KG_UPDATE_GOLDEN=1 and review the diff. */
Test(writers, nasty_graph_matches_the_golden_files) {
  static const struct {
    const char *name, *format;
  } files[] = {{"graph.graphml", "graphml"}, {"graph.gexf", "gexf"}, {"graph.dot", "dot"},
               {"nodes.csv", "nodes"},       {"edges.csv", "edges"}};
  const nasty_label *labels;
  size_t n;
  kg_graph *g = nasty_graph(&labels, &n);
  bool update = getenv("KG_UPDATE_GOLDEN") != NULL;
  for (size_t i = 0; i < 5; i++) {
    char path[512];
    snprintf(path, sizeof path, "%s/export/golden/%s", KG_TEST_DATA, files[i].name);
    char *got = write_to_string(writer_of(files[i].format), g);
    char *again = write_to_string(writer_of(files[i].format), g);
    cr_assert_str_eq(got, again, "%s: the same graph must give the same bytes", files[i].name);
    if (update) {
      FILE *f = fopen(path, "wb");
      cr_assert_not_null(f, "cannot update %s", path);
      fputs(got, f);
      fclose(f);
    }
    char *want = slurp(path, NULL);
    cr_assert_not_null(want, "missing golden file %s (KG_UPDATE_GOLDEN=1 makes it)", path);
    cr_assert(strcmp(got, want) == 0, "%s differs from %s", files[i].name, path);
    free(got);
    free(again);
    free(want);
  }
  kg_graph_free(g);
}

Test(writers, an_edge_to_a_missing_node_is_refused) {
  kg_node nodes[2] = {
      {.id = "person:a", .label = "A", .etype = KG_PERSON},
      {.id = "country:it", .label = "Italy", .etype = KG_COUNTRY},
  };
  kg_edge edges[2] = {{.source = 0, .target = 1, .weight = 1, .count = 1},
                      {.source = 1, .target = 5, .weight = 1, .count = 1}};
  kg_graph *g = NULL;
  kg_error err = {0};
  cr_assert_eq(kg_graph_from_table(nodes, 2, edges, 2, 0, &g, &err), KG_ERR_USAGE);
  cr_assert_null(g);
  cr_assert_str_eq(err.msg, "edge 1 joins node 1 and 5 of 2");
}
