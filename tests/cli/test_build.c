/* test_build.c: `kgraph build` end to end, checked with real readers
 * (xmllint + the GraphML XSD, Graphviz dot/sfdp, Python's strict csv), the
 * seed article's entities, determinism, and the bad-input rules. */
#include <criterion/criterion.h>
#include <csv.h>
#include <dirent.h>
#include <errno.h>

#include "run.h"

#define SAMPLES KG_SOURCE_DIR "/samples"
#define SEED KG_SOURCE_DIR "/samples/voa/voa-2021-06-28-coalition-rome.txt"
#define XSD KG_TEST_DATA "/export/schema/graphml.xsd"
#define CHECK_CSV KG_SOURCE_DIR "/tests/cli/check_csv.py"

static const char *const outputs[] = {"graph.graphml", "graph.gexf", "graph.dot",
                                      "nodes.csv",     "edges.csv",  "mentions.csv"};
#define N_OUTPUTS (sizeof outputs / sizeof outputs[0])

/* The samples are built once per test binary run, into one folder. */
static char *samples_out;

static char *path_in(const char *dir, const char *name) {
  char *p = malloc(strlen(dir) + strlen(name) + 2);
  sprintf(p, "%s/%s", dir, name);
  return p;
}

static run_result kgraph(const char *a1, const char *a2, const char *a3, const char *a4,
                         const char *a5, const char *a6) {
  char *argv[] = {KG_BINARY, (char *)a1, (char *)a2, (char *)a3, (char *)a4,
                  (char *)a5, (char *)a6, NULL};
  return run_cmd(argv);
}

/* kgraph with any number of arguments: KGRAPH("build", "-q", ...). */
static run_result kgraph_args(const char *const *args) {
  char *argv[32] = {KG_BINARY};
  for (size_t i = 0; args[i] && i + 2 < 32; i++)
    argv[i + 1] = (char *)args[i];
  return run_cmd(argv);
}
#define KGRAPH(...) kgraph_args((const char *const[]){__VA_ARGS__, NULL})

static char *samples_tmp; /* the folder of samples_out, removed at exit */

static void remove_samples(void) {
  if (samples_tmp)
    rm_rf(samples_tmp);
  free(samples_tmp);
  free(samples_out);
  samples_tmp = samples_out = NULL;
}

/* The output of `kgraph build samples`, built once per test process (each
 * Criterion test runs in its own) and removed when the process exits. */
static const char *build_samples(void) {
  if (samples_out)
    return samples_out;
  samples_tmp = make_tmpdir();
  cr_assert_not_null(samples_tmp, "cannot make a temporary folder");
  samples_out = path_in(samples_tmp, "out");
  atexit(remove_samples);
  run_result r = kgraph("build", "-q", SAMPLES, "-o", samples_out, NULL);
  cr_assert_eq(r.status, 0, "kgraph build samples failed (%d): %s", r.status, r.err);
  run_free(&r);
  return samples_out;
}

static bool file_exists(const char *path) {
  struct stat st;
  return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static bool same_bytes(const char *a, const char *b) {
  size_t la, lb;
  char *x = slurp_file(a, &la), *y = slurp_file(b, &lb);
  bool same = x && y && la == lb && memcmp(x, y, la) == 0;
  free(x);
  free(y);
  return same;
}

/* ------------------------------------------------------------ the samples */

Test(build, samples_write_every_file_and_no_temporaries) {
  const char *out = build_samples();
  for (size_t i = 0; i < N_OUTPUTS; i++) {
    char *p = path_in(out, outputs[i]);
    cr_expect(file_exists(p), "%s missing", p);
    free(p);
  }
  DIR *d = opendir(out);
  cr_assert_not_null(d);
  struct dirent *e;
  while ((e = readdir(d)))
    cr_expect(strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0 || e->d_name[0] != '.',
              "temporary file left behind: %s", e->d_name);
  closedir(d);
}

Test(build, graphml_validates_against_the_xsd) {
  char *p = path_in(build_samples(), "graph.graphml");
  char *argv[] = {"xmllint", "--nonet", "--noout", "--schema", XSD, p, NULL};
  run_result r = run_cmd(argv);
  cr_expect_eq(r.status, 0, "xmllint rejected %s: %s", p, r.err);
  run_free(&r);
  free(p);
}

Test(build, dot_renders_with_dot_and_sfdp_without_warnings) {
  char *p = path_in(build_samples(), "graph.dot");
  const char *engines[] = {"dot", "sfdp"};
  for (size_t i = 0; i < 2; i++) {
    char *argv[] = {(char *)engines[i], "-Tsvg", "-o", "/dev/null", p, NULL};
    run_result r = run_cmd(argv);
    cr_expect_eq(r.status, 0, "%s failed on %s", engines[i], p);
    cr_expect_str_empty(r.err, "%s printed: %s", engines[i], r.err);
    run_free(&r);
  }
  free(p);
}

Test(build, csv_files_parse_strictly_with_python_csv) {
  const char *out = build_samples();
  const char *files[][2] = {{"nodes.csv", "Id,Label,Type"},
                            {"edges.csv", "Source,Target,Type,Weight"},
                            {"mentions.csv", "Document,Sentence,Start,End,Text,Entity,Type"}};
  for (size_t i = 0; i < 3; i++) {
    char *p = path_in(out, files[i][0]);
    char *argv[] = {"python3", CHECK_CSV, p, (char *)files[i][1], NULL};
    run_result r = run_cmd(argv);
    cr_expect_eq(r.status, 0, "%s: %s", p, r.err);
    cr_expect_gt(atoi(r.out ? r.out : "0"), 0, "%s has no rows", p);
    run_free(&r);
    free(p);
  }
}

Test(build, two_runs_are_byte_identical_on_one_thread_or_two) {
  const char *first = build_samples();
  char *tmp = make_tmpdir();
  char *second = path_in(tmp, "again"), *third = path_in(tmp, "one-thread");
  run_result r = kgraph("build", "-q", SAMPLES, "-o", second, NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  run_free(&r);
  r = KGRAPH("build", "-q", "--threads", "1", SAMPLES, "-o", third);
  cr_assert_eq(r.status, 0, "%s", r.err);
  run_free(&r);
  for (size_t i = 0; i < N_OUTPUTS; i++) {
    char *a = path_in(first, outputs[i]), *b = path_in(second, outputs[i]),
         *c = path_in(third, outputs[i]);
    cr_expect(same_bytes(a, b), "%s differs between two runs", outputs[i]);
    cr_expect(same_bytes(a, c), "%s differs on one thread", outputs[i]);
    free(a);
    free(b);
    free(c);
  }
  rm_rf(tmp);
  free(second);
  free(third);
  free(tmp);
}

/* ------------------------------------------------- the seed article's nodes */

typedef struct csv_table {
  char **cells; /* row-major */
  size_t n_cells, cap, n_cols, row_len;
} csv_table;

static void on_field(void *s, size_t len, void *ud) {
  csv_table *t = ud;
  if (t->n_cells == t->cap) {
    t->cap = t->cap ? 2 * t->cap : 256;
    t->cells = realloc(t->cells, t->cap * sizeof *t->cells);
  }
  t->cells[t->n_cells++] = strndup(s, len);
  t->row_len++;
}

static void on_row(int c, void *ud) {
  (void)c;
  csv_table *t = ud;
  if (!t->n_cols)
    t->n_cols = t->row_len;
  t->row_len = 0;
}

/* Parse a CSV file with libcsv in strict mode. */
static csv_table read_csv(const char *path) {
  csv_table t = {0};
  size_t len;
  char *data = slurp_file(path, &len);
  cr_assert_not_null(data, "cannot read %s", path);
  struct csv_parser p;
  csv_init(&p, CSV_STRICT | CSV_STRICT_FINI);
  cr_assert_eq(csv_parse(&p, data, len, on_field, on_row, &t), len, "%s: %s", path,
               csv_strerror(csv_error(&p)));
  cr_assert_eq(csv_fini(&p, on_field, on_row, &t), 0, "%s: bad end", path);
  csv_free(&p);
  free(data);
  return t;
}

static void free_csv(csv_table *t) {
  for (size_t i = 0; i < t->n_cells; i++)
    free(t->cells[i]);
  free(t->cells);
}

static int column(const csv_table *t, const char *name) {
  for (size_t i = 0; i < t->n_cols; i++)
    if (!strcmp(t->cells[i], name))
      return (int)i;
  cr_assert_fail("no column %s", name);
  return -1;
}

/* A node of this type whose label, or one of its '|'-separated aliases, is name. */
static bool has_node(const csv_table *t, const char *name, const char *type) {
  int lab = column(t, "Label"), typ = column(t, "Type"), ali = column(t, "Aliases");
  for (size_t r = 1; r * t->n_cols < t->n_cells; r++) {
    char **row = t->cells + r * t->n_cols;
    if (strcmp(row[typ], type))
      continue;
    if (!strcmp(row[lab], name))
      return true;
    size_t n = strlen(name);
    for (const char *a = row[ali]; (a = strstr(a, name)); a += n)
      if ((a == row[ali] || a[-1] == '|') && (a[n] == '\0' || a[n] == '|'))
        return true;
  }
  return false;
}

static bool has_label(const csv_table *t, const char *label) {
  int lab = column(t, "Label");
  for (size_t r = 1; r * t->n_cols < t->n_cells; r++)
    if (!strcmp(t->cells[r * t->n_cols + lab], label))
      return true;
  return false;
}

static bool has_id(const csv_table *t, const char *id, const char *type) {
  int idc = column(t, "Id"), typ = column(t, "Type");
  for (size_t r = 1; r * t->n_cols < t->n_cells; r++) {
    char **row = t->cells + r * t->n_cols;
    if (!strcmp(row[idc], id) && !strcmp(row[typ], type))
      return true;
  }
  return false;
}

Test(build, seed_article_has_the_expected_entities_and_no_junk) {
  char *tmp = make_tmpdir(), *out = path_in(tmp, "seed");
  run_result r = kgraph("build", "-q", SEED, "-o", out, NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  run_free(&r);
  char *nodes = path_in(out, "nodes.csv");
  csv_table t = read_csv(nodes);
  const char *people[] = {"Antony Blinken", "Luigi Di Maio", "Jens Stoltenberg", "Pope Francis",
                          "Sergio Mattarella", "Joey Hood", "Joe Biden"};
  for (size_t i = 0; i < sizeof people / sizeof *people; i++)
    cr_expect(has_node(&t, people[i], "person"), "no person node '%s'", people[i]);
  const char *orgs[] = {"NATO", "Syrian Democratic Forces", "State Department", "Islamic State"};
  for (size_t i = 0; i < sizeof orgs / sizeof *orgs; i++)
    cr_expect(has_node(&t, orgs[i], "organization"), "no organization node '%s'", orgs[i]);
  const char *countries[] = {"country:it", "country:us", "country:sy", "country:iq",
                             "country:mz", "country:il", "country:fr"};
  for (size_t i = 0; i < sizeof countries / sizeof *countries; i++)
    cr_expect(has_id(&t, countries[i], "country"), "no country node %s", countries[i]);
  const char *junk[] = {"Secretary", "Monday", "Related Stories", "Latest News", "Blinken"};
  for (size_t i = 0; i < sizeof junk / sizeof *junk; i++)
    cr_expect(!has_label(&t, junk[i]), "'%s' must not be a node", junk[i]);
  free_csv(&t);
  free(nodes);
  rm_rf(tmp);
  free(out);
  free(tmp);
}

/* ------------------------------------------- final ids, junk, --rules */

/* The row (cells) of nodes.csv whose Id is id, or NULL. */
static char **node_row(const csv_table *t, const char *id) {
  int idc = column(t, "Id");
  for (size_t r = 1; r * t->n_cols < t->n_cells; r++)
    if (!strcmp(t->cells[r * t->n_cols + idc], id))
      return t->cells + r * t->n_cols;
  return NULL;
}

/* mentions.csv is written once every document is in: each row carries its
 * entity's final id and type, the ones nodes.csv has. */
Test(build, mentions_carry_the_final_ids_and_types_of_the_nodes) {
  const char *out = build_samples();
  char *np = path_in(out, "nodes.csv"), *mp = path_in(out, "mentions.csv");
  csv_table nodes = read_csv(np), ments = read_csv(mp);
  int ent = column(&ments, "Entity"), typ = column(&ments, "Type");
  int ntyp = column(&nodes, "Type");
  size_t rows = 0;
  for (size_t r = 1; r * ments.n_cols < ments.n_cells; r++, rows++) {
    char **row = ments.cells + r * ments.n_cols;
    char **node = node_row(&nodes, row[ent]);
    cr_assert_not_null(node, "mention of %s: no such node", row[ent]);
    cr_expect_str_eq(row[typ], node[ntyp], "mention of %s typed %s, node %s", row[ent],
                     row[typ], node[ntyp]);
    size_t tl = strlen(row[typ]);
    cr_expect(strncmp(row[ent], row[typ], tl) == 0 && row[ent][tl] == ':',
              "id %s follows its type %s", row[ent], row[typ]);
  }
  cr_expect_gt(rows, 1000, "the samples give over 1000 mentions, got %zu", rows);
  free_csv(&nodes);
  free_csv(&ments);
  free(np);
  free(mp);
}

/* `kgraph build` on a small corpus of its own: files a.txt, b.txt, ... with
 * the given texts; the nodes and mentions it wrote. */
typedef struct corpus_run {
  char *tmp;
  csv_table nodes, ments;
} corpus_run;

static corpus_run build_corpus(const char *const *texts, size_t n) {
  corpus_run c = {.tmp = make_tmpdir()};
  char *in = path_in(c.tmp, "in"), *out = path_in(c.tmp, "out");
  mkdir(in, 0755);
  for (size_t i = 0; i < n; i++) {
    char name[] = "a.txt";
    name[0] = (char)('a' + i);
    char *f = path_in(in, name);
    write_file(f, texts[i], strlen(texts[i]));
    free(f);
  }
  run_result r = kgraph("build", "-q", in, "-o", out, NULL);
  cr_assert_eq(r.status, 0, "exit status %d: %s", r.status, r.err);
  run_free(&r);
  char *np = path_in(out, "nodes.csv"), *mp = path_in(out, "mentions.csv");
  c.nodes = read_csv(np);
  c.ments = read_csv(mp);
  free(np), free(mp), free(in), free(out);
  return c;
}

static void corpus_free(corpus_run *c) {
  free_csv(&c->nodes);
  free_csv(&c->ments);
  rm_rf(c->tmp);
  free(c->tmp);
}

/* The entity ids of document doc's mentions whose text is `text` (any
 * text when NULL), '|'-joined in mention order. */
static char *mention_ids(const csv_table *m, const char *doc, const char *text) {
  int d = column(m, "Document"), t = column(m, "Text"), e = column(m, "Entity");
  size_t len = 1;
  char *out = calloc(1, 1);
  for (size_t k = 1; k * m->n_cols < m->n_cells; k++) {
    char **row = m->cells + k * m->n_cols;
    if (strcmp(row[d], doc) || (text && strcmp(row[t], text)))
      continue;
    len += strlen(row[e]) + 1;
    out = realloc(out, len);
    if (*out)
      strcat(out, "|");
    strcat(out, row[e]);
  }
  return out;
}

/* The node with this id exists, with these Mentions and Documents. */
static void expect_node(const csv_table *nodes, const char *id, const char *mentions,
                        const char *documents) {
  char **row = node_row(nodes, id);
  cr_assert_not_null(row, "%s is a node", id);
  cr_expect_str_eq(row[column(nodes, "Mentions")], mentions, "mentions of %s", id);
  cr_expect_str_eq(row[column(nodes, "Documents")], documents, "documents of %s", id);
}

/* An acronym one article spells out is that entity in another article that
 * only writes the acronym: one node, with both articles' mentions, and
 * every mention of it carries that node's id. */
Test(build, an_acronym_spelled_out_elsewhere_in_the_corpus_is_one_node) {
  const char *texts[] = {"The Farm Credit Administration (FCA) said on Monday that farm lenders "
                         "lost money.\n",
                         "Officials of the FCA met bankers in Washington on Tuesday.\n"};
  corpus_run c = build_corpus(texts, 2);
  expect_node(&c.nodes, "organization:farm-credit-administration", "3", "2");
  char **fca = node_row(&c.nodes, "organization:farm-credit-administration");
  cr_expect_str_eq(fca[column(&c.nodes, "Aliases")], "FCA|Farm Credit Administration");
  cr_expect_null(node_row(&c.nodes, "organization:fca"), "no node of its own for FCA");
  char *ids = mention_ids(&c.ments, "b.txt", "FCA");
  cr_expect_str_eq(ids, "organization:farm-credit-administration", "the FCA of b.txt");
  free(ids);
  corpus_free(&c);
}

/* A dateline's town in capitals is a place, not the acronym of a company
 * whose headline another article writes in the same capitals. */
Test(build, a_dateline_s_town_is_no_acronym_of_a_company) {
  const char *texts[] = {"MCLEAN'S <MII> U.S. LINES SETS SALE OF ASSETS\n\nCRANFORD, N.J., March "
                         "27 - McLean Industries Inc said its two shipping subsidiaries agreed to "
                         "sell their assets.\n\nMcLean said Sea-Land had agreed to pay 125 mln "
                         "dlrs.\n",
                         "USAIR BUYS JETS\n\nMCLEAN, Va., March 4 - The airline said it would "
                         "buy ten jets.\n"};
  corpus_run c = build_corpus(texts, 2);
  char *ids = mention_ids(&c.ments, "b.txt", "MCLEAN");
  cr_expect_str_eq(ids, "location:mclean", "the dateline of b.txt");
  free(ids);
  ids = mention_ids(&c.ments, "a.txt", "McLean Industries Inc");
  cr_expect_str_eq(ids, "organization:mclean-industries");
  free(ids);
  corpus_free(&c);
}

/* DESIGN.md: "George Bush" and "George W. Bush" stay apart, across
 * documents too, whatever title they share; nor does a middle initial
 * join two names anywhere ("Martin T. Sosnoff", "Martin Sosnoff"). */
Test(build, names_that_differ_by_an_initial_stay_apart_across_documents) {
  const char *texts[] = {"President George Bush met Prime Minister Margaret Thatcher on Monday.\n"
                         "Martin T. Sosnoff said he would buy shares.\n",
                         "President George W. Bush met Prime Minister Tony Blair on Monday.\n"
                         "Martin Sosnoff said he would sell shares.\n"};
  corpus_run c = build_corpus(texts, 2);
  expect_node(&c.nodes, "person:george-bush", "1", "1");
  expect_node(&c.nodes, "person:george-w-bush", "1", "1");
  expect_node(&c.nodes, "person:martin-t-sosnoff", "1", "1");
  expect_node(&c.nodes, "person:martin-sosnoff", "1", "1");
  corpus_free(&c);
}

/* A surname with a title in articles that never give the full name is the
 * one person the corpus names with that title and surname: one node, and
 * the surname's mentions carry its id. */
Test(build, a_titled_surname_is_the_full_name_with_that_title_elsewhere) {
  const char *texts[] = {
      "President Ronald Reagan met Prime Minister Margaret Thatcher in London on Monday.\n"
      "President Ronald Reagan said the talks went well.\n",
      "President Reagan will visit Rome in June, the White House said.\n"
      "Reagan will meet President Francesco Cossiga there.\n",
      "Nancy Reagan opened a school in Boston on Friday.\n"};
  corpus_run c = build_corpus(texts, 3);
  expect_node(&c.nodes, "person:ronald-reagan", "4", "2");
  cr_expect_null(node_row(&c.nodes, "person:reagan"), "no node of its own for Reagan");
  cr_expect_not_null(node_row(&c.nodes, "person:nancy-reagan"), "Nancy Reagan stays herself");
  char *ids = mention_ids(&c.ments, "b.txt", "Reagan");
  cr_expect_str_eq(ids, "person:ronald-reagan|person:ronald-reagan",
                   "both Reagans of b.txt are Ronald Reagan's");
  free(ids);
  corpus_free(&c);
}

/* The defects reported on samples/ in round 2 of the resolver. */
Test(build, samples_have_no_split_names_nor_known_junk) {
  const char *out = build_samples();
  char *np = path_in(out, "nodes.csv");
  csv_table t = read_csv(np);
  const char *one_type[][2] = {{"person:steve-jobs", "location:steve-jobs"},
                               {"organization:chrysler", "location:chrysler"},
                               {"organization:beatles", "location:beatles"},
                               {"organization:apple", "person:apple-computer"}};
  for (size_t i = 0; i < sizeof one_type / sizeof *one_type; i++) {
    cr_expect_not_null(node_row(&t, one_type[i][0]), "no node %s", one_type[i][0]);
    cr_expect_null(node_row(&t, one_type[i][1]), "%s is split off %s", one_type[i][1],
                   one_type[i][0]);
  }
  const char *junk[] = {"11,188.23", "mid-2006",   "C.E.O.",          "Christmas",
                        "Unlike Chrylser", "King Jr", "Michael O",    "Charles O",
                        "State Councilor Tang Jiaxuan", "Dow Jones", "Hang Seng",
                        "Taleban", "Bāli", "Khushāb"};
  for (size_t i = 0; i < sizeof junk / sizeof *junk; i++)
    cr_expect(!has_label(&t, junk[i]), "'%s' must not be a node label", junk[i]);
  const char *products[] = {"Mac OS X", "Ford Taurus", "Mac OS", "Snow Leopard"};
  for (size_t i = 0; i < sizeof products / sizeof *products; i++)
    cr_expect(!has_node(&t, products[i], "person"), "'%s' is no person", products[i]);
  cr_expect(has_node(&t, "Taleban", "organization"), "Taleban is an alias of the Taliban");
  char **bali = node_row(&t, "location:bali");
  cr_expect(bali && !strcmp(bali[column(&t, "Label")], "Bali"), "Bali is the island");
  free_csv(&t);
  free(np);
}

Test(build, rules_flag_finds_names_without_the_tagger) {
  char *tmp = make_tmpdir(), *out = path_in(tmp, "rules");
  run_result r = kgraph("build", "-q", "--rules", SEED, "-o", out);
  cr_assert_eq(r.status, 0, "build --rules: %s", r.err);
  run_free(&r);
  char *nodes = path_in(out, "nodes.csv");
  csv_table t = read_csv(nodes);
  const char *people[] = {"Antony Blinken", "Luigi Di Maio", "Pope Francis"};
  for (size_t i = 0; i < sizeof people / sizeof *people; i++)
    cr_expect(has_node(&t, people[i], "person"), "no person node '%s' with --rules", people[i]);
  free_csv(&t);
  free(nodes);
  r = kgraph("extract", "--rules", SEED, NULL, NULL, NULL);
  cr_expect_eq(r.status, 0, "extract --rules: %s", r.err);
  cr_expect(r.out && strstr(r.out, "person:antony-blinken"), "extract --rules finds Blinken");
  run_free(&r);
  r = kgraph("build", "--rules", "--model", "x.model", SEED, "-o");
  cr_expect_eq(r.status, 2, "--rules with --model is a usage error");
  run_free(&r);
  const char *cmds[] = {"build", "extract"};
  for (size_t i = 0; i < 2; i++) {
    r = kgraph(cmds[i], "--help", NULL, NULL, NULL, NULL);
    cr_expect(r.out && strstr(r.out, "--rules"), "%s --help documents --rules", cmds[i]);
    run_free(&r);
  }
  rm_rf(tmp);
  free(out);
  free(tmp);
}

/* ------------------------------------------------------------- bad input */

Test(build_bad, missing_input_is_an_error_naming_the_file) {
  char *tmp = make_tmpdir(), *out = path_in(tmp, "out");
  run_result r = kgraph("build", "/nonexistent/article.txt", "-o", out, NULL, NULL);
  cr_expect_eq(r.status, 1, "exit status %d", r.status);
  cr_expect(strstr(r.err, "/nonexistent/article.txt") != NULL, "stderr: %s", r.err);
  cr_expect(!file_exists(out) && access(out, F_OK) != 0, "no output folder may be left");
  run_free(&r);
  rm_rf(tmp);
  free(out);
  free(tmp);
}

Test(build_bad, a_bad_file_among_good_ones_is_skipped_with_a_warning) {
  char *tmp = make_tmpdir(), *in = path_in(tmp, "in"), *out = path_in(tmp, "out");
  mkdir(in, 0755);
  char *good = path_in(in, "good.txt"), *bad = path_in(in, "bad.txt"),
       *nul = path_in(in, "nul.txt"), *empty = path_in(in, "empty.txt");
  const char text[] = "Italian Foreign Minister Luigi Di Maio met NATO chief Jens Stoltenberg in Rome.\n";
  write_file(good, text, sizeof text - 1);
  write_file(bad, "Caf\xc3\x28 in Paris\n", 15);
  write_file(nul, "abc\0def\n", 8);
  write_file(empty, "", 0);
  run_result r = kgraph("build", "-q", in, "-o", out, NULL);
  cr_expect_eq(r.status, 0, "exit status %d: %s", r.status, r.err);
  cr_expect(strstr(r.err, "bad.txt") && strstr(r.err, "UTF-8"), "warning for bad.txt: %s", r.err);
  cr_expect(strstr(r.err, "nul.txt") != NULL, "warning for nul.txt: %s", r.err);
  cr_expect(strstr(r.err, "empty.txt") != NULL, "warning for empty.txt: %s", r.err);
  char *nodes = path_in(out, "nodes.csv");
  cr_expect(file_exists(nodes), "the good file still gives a graph");
  run_free(&r);
  rm_rf(tmp);
  free(nodes), free(good), free(bad), free(nul), free(empty), free(in), free(out), free(tmp);
}

Test(build_bad, nothing_usable_is_exit_1) {
  char *tmp = make_tmpdir(), *in = path_in(tmp, "in"), *out = path_in(tmp, "out");
  mkdir(in, 0755);
  char *img = path_in(in, "photo.jpg");
  write_file(img, "\xff\xd8\xff\xe0", 4);
  run_result r = kgraph("build", in, "-o", out, NULL, NULL);
  cr_expect_eq(r.status, 1, "a folder without text: exit %d", r.status);
  cr_expect(strstr(r.err, in) != NULL, "the error names the folder: %s", r.err);
  run_free(&r);
  rm_rf(tmp);
  free(img), free(in), free(out), free(tmp);
}

Test(build_bad, unwritable_output_is_exit_1) {
  char *tmp = make_tmpdir(), *file = path_in(tmp, "a-file");
  write_file(file, "x", 1);
  run_result r = kgraph("build", "-q", SEED, "-o", file, NULL);
  cr_expect_eq(r.status, 1, "-o naming a file: exit %d", r.status);
  cr_expect(strstr(r.err, file) != NULL, "the error names the output: %s", r.err);
  run_free(&r);
  r = kgraph("build", "-q", SEED, "-o", "/proc/kgraph-out", NULL);
  cr_expect_eq(r.status, 1, "-o in an unwritable place: exit %d", r.status);
  run_free(&r);
  rm_rf(tmp);
  free(file), free(tmp);
}

Test(build_bad, failed_run_leaves_previous_output_untouched) {
  char *tmp = make_tmpdir(), *out = path_in(tmp, "out");
  run_result r = kgraph("build", "-q", SEED, "-o", out, NULL);
  cr_assert_eq(r.status, 0, "%s", r.err);
  run_free(&r);
  char *nodes = path_in(out, "nodes.csv"), *saved = path_in(tmp, "nodes.saved");
  size_t len;
  char *before = slurp_file(nodes, &len);
  write_file(saved, before, len);
  r = kgraph("build", "-q", "/nonexistent.txt", "-o", out, NULL);
  cr_expect_eq(r.status, 1);
  cr_expect(same_bytes(nodes, saved), "a failed run changed %s", nodes);
  run_free(&r);
  rm_rf(tmp);
  free(before), free(nodes), free(saved), free(out), free(tmp);
}

Test(build_bad, usage_errors_are_exit_2) {
  const char *cases[][4] = {
      {"build", SEED, NULL, NULL},                 /* no -o */
      {"build", "-o", "/tmp/x", NULL},             /* no input */
      {"build", "--window", "fortnight", SEED},   /* bad window */
      {"build", "--frobnicate", SEED, NULL},      /* unknown option */
      {"frobnicate", NULL, NULL, NULL},           /* unknown command */
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    run_result r = kgraph(cases[i][0], cases[i][1], cases[i][2], cases[i][3], NULL, NULL);
    cr_expect_eq(r.status, 2, "case %zu: exit %d, want 2 (%s)", i, r.status, r.err);
    cr_expect(r.err && r.err[0], "case %zu: a message on stderr", i);
    run_free(&r);
  }
}

Test(build, help_and_version_exit_0) {
  run_result r = kgraph("--help", NULL, NULL, NULL, NULL, NULL);
  cr_expect_eq(r.status, 0);
  cr_expect(strstr(r.out, "build") != NULL);
  run_free(&r);
  r = kgraph("--version", NULL, NULL, NULL, NULL, NULL);
  cr_expect_eq(r.status, 0);
  cr_expect(strncmp(r.out, "kgraph ", 7) == 0, "version line: %s", r.out);
  run_free(&r);
  r = kgraph("build", "--help", NULL, NULL, NULL, NULL);
  cr_expect_eq(r.status, 0);
  cr_expect(strstr(r.out, "--window") != NULL);
  run_free(&r);
}

/* GEXF 1.3 by default; --gexf-version 1.2draft for readers that only know the
 * older namespaces, such as Debian 12's networkx 2.8.8, which must read it. */
Test(build, gexf_versions_and_networkx_reads_1_2draft) {
  char *tmp = make_tmpdir(), *out = path_in(tmp, "g12");
  run_result r = KGRAPH("build", "-q", "--gexf-version", "1.2draft", SEED, "-o", out);
  cr_assert_eq(r.status, 0, "%s", r.err);
  run_free(&r);
  char *gexf = path_in(out, "graph.gexf"), *nodes = path_in(out, "nodes.csv");
  char *text = slurp_file(gexf, NULL);
  cr_expect(strstr(text, "version=\"1.2draft\"") && strstr(text, "http://www.gexf.net/1.2draft"),
            "1.2draft namespace and version");
  free(text);
  char *argv[] = {"/usr/bin/python3", "-c",
                  "import sys, networkx as nx; g = nx.read_gexf(sys.argv[1]); "
                  "print(g.number_of_nodes())",
                  gexf, NULL};
  run_result py = run_cmd(argv);
  cr_assert_eq(py.status, 0, "networkx.read_gexf failed: %s", py.err);
  csv_table t = read_csv(nodes);
  cr_expect_eq((size_t)atoi(py.out), t.n_cells / t.n_cols - 1, "networkx sees every node");
  free_csv(&t);
  run_free(&py);
  r = KGRAPH("build", "-q", "--gexf-version", "1.4", SEED, "-o", out);
  cr_expect_eq(r.status, 2, "an unknown GEXF version is a usage error");
  run_free(&r);
  char *default_out = path_in(build_samples(), "graph.gexf");
  text = slurp_file(default_out, NULL);
  cr_expect(strstr(text, "version=\"1.3\"") && strstr(text, "xmlns=\"http://gexf.net/1.3\""),
            "GEXF 1.3 by default");
  free(text);
  rm_rf(tmp);
  free(default_out), free(gexf), free(nodes), free(out), free(tmp);
}
