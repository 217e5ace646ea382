/* fixtures.c: the hand-made graphs and helpers of the export tests (see
 * fixtures.h). */
#include "fixtures.h"

#include <criterion/alloc.h>

#include <dirent.h>
#include <fcntl.h>
#include <math.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

#define FFFD "\xef\xbf\xbd"

static char long_label[2001];

static const nasty_label nasty_labels[] = {
    {"Antony Blinken", "Antony Blinken"},
    {"He said \"hi\", ok", "He said \"hi\", ok"},
    {"C:\\path\\N \\G \\L\\n end\\", "C:\\path\\N \\G \\L\\n end\\"},
    {"<Italy & 'Co'> ]]> -- &amp; &#0;", "<Italy & 'Co'> ]]> -- &amp; &#0;"},
    {"A\x01" "B\x1b" "C\x7f" "D\xc2\x85" "E", "A B C D E"},
    {"  Line one\r\nLine two\tTabbed  ", "Line one Line two Tabbed"},
    {"S\xc3\xa3o Paulo \xf0\x9f\x98\x80 \xe2\x80\x94 \xe5\x8c\x97\xe4\xba\xac",
     "S\xc3\xa3o Paulo \xf0\x9f\x98\x80 \xe2\x80\x94 \xe5\x8c\x97\xe4\xba\xac"},
    {"", "person:empty"},
    {long_label, long_label},
    {"Bad \xff\xfe byte \xc3", "Bad " FFFD FFFD " byte " FFFD},
    {"\xc2\xa0Nbsp\xe2\x80\x83spaces\xe3\x80\x80", "Nbsp spaces"},
    {"X\xef\xbf\xbeY", "X" FFFD "Y"},
    {"Weird Id", "Weird Id"},
    {"Unknown Type", "Unknown Type"},
    {"\t\r\n ", "event:blank"},
    {"Zero Width\xe2\x80\x8bSpace", "Zero Width\xe2\x80\x8bSpace"},
    {"=SUM(A1) %s %n", "=SUM(A1) %s %n"},
    {"Pope Francis", "Pope Francis"},
};
#define N_NASTY (sizeof nasty_labels / sizeof nasty_labels[0])

static const char *const nasty_ids[N_NASTY] = {
    "person:antony-blinken", "organization:quote", "organization:backslash", "country:it",
    "event:ctrl", "person:crlf", "location:emoji", "person:empty", "person:long",
    "organization:invalid-utf8", "person:nbsp", "event:noncharacter",
    "org:a,b \"c\" d\\e<&>\t\xff", "thing:x", "event:blank", "person:zwsp", "person:formula",
    "person:pope-francis"};

kg_graph *nasty_graph(const nasty_label **labels, size_t *n_labels) {
  for (size_t i = 0; i < sizeof long_label - 1; i++)
    long_label[i] = (char)('a' + i % 10);
  kg_node nodes[N_NASTY];
  for (size_t i = 0; i < N_NASTY; i++) {
    nodes[i] = (kg_node){
        .id = nasty_ids[i],
        .label = nasty_labels[i].raw,
        .etype = (kg_etype)(i % KG_N_ETYPES),
        .aliases = i % 2 ? "Blinken|Antony \"Tony\" Blinken" : "",
        .role = i == 0 ? "Secretary of State" : "",
        .iso = i == 3 ? "IT|ITA" : "",
        .mentions = (int64_t)(i + 1) * 3,
        .documents = (int64_t)i + 1,
        .first_date = "",
        .last_date = "",
        .degree = (int64_t)i % 4,
        .weighted_degree = i == 2 ? 1e-7 : (double)i * 1.25,
        .pagerank = 0.01 + (double)i / 100,
        .betweenness = i == 1 ? -0.0 : (double)i / 3,
        .community = (int64_t)i % 3,
        .component = 0,
        .kcore = 1 + (int64_t)i % 2,
    };
  }
  nodes[0].first_date = "2021-06-28", nodes[0].last_date = "2021-06-29";
  nodes[1].first_date = "2021-07-01", nodes[1].last_date = "2021-06-01"; /* start > end */
  nodes[2].first_date = "not a date";
  nodes[17].first_date = "2013-12-10", nodes[17].last_date = "2013-12-10";
  nodes[3].pagerank = NAN;
  nodes[12].etype = KG_ORGANIZATION;
  nodes[13].type = "thing";
  static const struct {
    size_t s, t;
    double w;
  } pairs[] = {
      {0, 1, 1},       {0, 2, 2.5},     {1, 3, 0.1 + 0.2}, {2, 4, 1e-5},   {3, 5, -0.25},
      {4, 6, -0.0},    {5, 7, 123456789.125}, {6, 8, 1e21}, {7, 9, 1.5e-300}, {8, 9, NAN},
      {9, 10, INFINITY}, {10, 11, 3},   {11, 12, 7},       {12, 13, 0.5},  {13, 14, 1.0 / 3},
      {14, 15, 42},    {15, 16, 2},     {16, 17, 6},       {0, 17, 12},
  };
  kg_edge edges[sizeof pairs / sizeof pairs[0]];
  for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
    edges[i] = (kg_edge){
        .source = pairs[i].s,
        .target = pairs[i].t,
        .weight = pairs[i].w,
        .count = (int64_t)i + 1,
        .documents = 1,
        .first_date = i == 0 ? "2021-06-28" : i == 1 ? "2021-13-01" : "",
        .last_date = i == 0 ? "2021-06-28" : "",
        .document_ids = i % 2 ? "voa/a.txt|wiki/b,c.txt" : "voa/a.txt",
        .example = i == 0 ? "Blinken said \"hi\",\r\nthen left\\. \\N <b>&amp;</b>\x02" : "",
    };
  }
  kg_graph *g = NULL;
  kg_error err = {0};
  if (kg_graph_from_table(nodes, N_NASTY, edges, sizeof edges / sizeof edges[0], 3, &g, &err))
    fprintf(stderr, "nasty_graph: %s\n", err.msg);
  *labels = nasty_labels;
  *n_labels = N_NASTY;
  return g;
}

/* xorshift64*: a fixed, portable sequence. */
static uint64_t next_random(uint64_t *s) {
  *s ^= *s >> 12;
  *s ^= *s << 25;
  *s ^= *s >> 27;
  return *s * 2685821657736338717ULL;
}

kg_graph *big_graph(size_t n) {
  uint64_t seed = 42;
  kg_node *nodes = calloc(n, sizeof *nodes);
  size_t n_edges = (n - 1) + 2 * n;
  kg_edge *edges = calloc(n_edges, sizeof *edges);
  char (*ids)[48] = calloc(n, sizeof *ids), (*labels)[48] = calloc(n, sizeof *labels);
  static const char *const first[] = {"Anna", "Jean-Luc", "Zoë", "Mohammed", "Li", "O'Brien"};
  for (size_t i = 0; i < n; i++) {
    kg_etype t = (kg_etype)(next_random(&seed) % KG_N_ETYPES);
    snprintf(ids[i], sizeof ids[i], "%s:entity-%05zu", kg_etype_name(t), i);
    snprintf(labels[i], sizeof labels[i], "%s \"%zu\" \\N", first[i % 6], i);
    nodes[i] = (kg_node){.id = ids[i], .label = labels[i], .etype = t, .mentions = 1,
                         .documents = 1, .first_date = "2021-06-28", .last_date = "2021-07-01",
                         .pagerank = (double)(next_random(&seed) % 1000000) / 1e9};
  }
  size_t m = 0;
  for (size_t i = 1; i < n; i++)
    edges[m++] = (kg_edge){.source = next_random(&seed) % i, .target = i, .count = 1};
  while (m < n_edges) {
    size_t a = next_random(&seed) % n, b = next_random(&seed) % n;
    if (a != b)
      edges[m++] = (kg_edge){.source = a, .target = b, .count = 1};
  }
  for (size_t i = 0; i < m; i++) {
    uint64_t r = next_random(&seed) % 50;
    edges[i].weight = i % 7 ? (double)(1 + r) : (double)(1 + r) / 3;
    edges[i].example = "one \"example\" sentence\\";
  }
  kg_graph *g = NULL;
  kg_error err = {0};
  if (kg_graph_from_table(nodes, n, edges, m, 0, &g, &err))
    fprintf(stderr, "big_graph: %s\n", err.msg);
  free(nodes);
  free(edges);
  free(ids);
  free(labels);
  return g;
}

void write_expectations(const kg_graph *g, const nasty_label *labels, const char *path) {
  FILE *f = fopen(path, "w");
  if (!f)
    return;
  const kg_node *nodes = kg_graph_nodes(g);
  const kg_edge *edges = kg_graph_edges(g);
  for (size_t i = 0; i < kg_graph_n_nodes(g); i++)
    fprintf(f, "N\t%s\n", labels ? labels[i].expected : nodes[i].label);
  for (size_t i = 0; i < kg_graph_n_edges(g); i++) {
    double w = isfinite(edges[i].weight) && edges[i].weight != 0 ? edges[i].weight : 0;
    fprintf(f, "E\t%s\t%s\t%.17g\n",
            labels ? labels[edges[i].source].expected : nodes[edges[i].source].label,
            labels ? labels[edges[i].target].expected : nodes[edges[i].target].label, w);
  }
  fclose(f);
}

/* ------------------------------------------------------------- processes */

static char *read_all(int fd) {
  size_t len = 0, cap = 4096;
  char *buf = malloc(cap);
  ssize_t n;
  lseek(fd, 0, SEEK_SET);
  while (buf && (n = read(fd, buf + len, cap - len - 1)) > 0) {
    len += (size_t)n;
    if (cap - len < 2) {
      char *p = realloc(buf, cap *= 2);
      if (!p) {
        free(buf);
        return NULL;
      }
      buf = p;
    }
  }
  if (buf)
    buf[len] = '\0';
  return buf;
}

int run_capture(char *const argv[], char **out, char **errs) {
  char out_path[] = "/tmp/kg-run-out-XXXXXX", err_path[] = "/tmp/kg-run-err-XXXXXX";
  int fo = mkstemp(out_path), fe = mkstemp(err_path), status = -1;
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&fa, fo, 1);
  posix_spawn_file_actions_adddup2(&fa, fe, 2);
  pid_t pid;
  int rc = posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ);
  posix_spawn_file_actions_destroy(&fa);
  if (rc == 0 && waitpid(pid, &status, 0) == pid)
    status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  else
    status = -1;
  if (out)
    *out = read_all(fo);
  if (errs)
    *errs = read_all(fe);
  close(fo);
  close(fe);
  unlink(out_path);
  unlink(err_path);
  return status;
}

void *shared_cases(const void *cases, size_t n, size_t size, const size_t *str_fields,
                   size_t n_str) {
  char *out = cr_malloc(n * size);
  memcpy(out, cases, n * size);
  for (size_t i = 0; i < n; i++)
    for (size_t k = 0; k < n_str; k++) {
      const char **field = (const char **)(out + i * size + str_fields[k]);
      if (*field) {
        char *copy = cr_malloc(strlen(*field) + 1);
        memcpy(copy, *field, strlen(*field) + 1);
        *field = copy;
      }
    }
  return out;
}

char *make_temp_dir(void) {
  char *path = strdup("/tmp/kg-export-test-XXXXXX");
  if (path && !mkdtemp(path)) {
    free(path);
    return NULL;
  }
  return path;
}

void remove_tree(char *path) {
  if (!path)
    return;
  char *argv[] = {"rm", "-rf", path, NULL};
  run_capture(argv, NULL, NULL);
  free(path);
}

char *slurp(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f)
    return NULL;
  char *buf = read_all(fileno(f));
  if (buf && len)
    *len = strlen(buf);
  fclose(f);
  return buf;
}
