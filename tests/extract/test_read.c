/* test_read.c: files, folders, stdin and JSON Lines into documents; every
 * bad input is a one-line warning naming it, never a crash or a hang. */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "extract.h"

#define DATA KG_TEST_DATA "/extract/read"
#define MAX_DOCS 64
#define MAX_WARN 32

typedef struct got {
  kg_doc docs[MAX_DOCS];
  size_t n;
  char warn[MAX_WARN][KG_ERROR_MSG_MAX];
  size_t n_warn;
  size_t stop_after; /* 0: never stop */
  size_t total_len;  /* bytes of text seen (documents past MAX_DOCS too) */
} got;

static int take(kg_doc *d, void *ud) {
  got *g = ud;
  g->total_len += d->len;
  cr_assert_not_null(d->id, "every document has an id");
  cr_assert_not_null(d->text, "every document has text");
  cr_assert_eq(d->text[d->len], '\0', "text is NUL-terminated");
  cr_assert(kg_utf8_valid(d->text, d->len, NULL), "text of %s is valid UTF-8", d->id);
  if (g->n < MAX_DOCS)
    g->docs[g->n++] = *d;
  else
    kg_doc_destroy(d);
  return g->stop_after && g->n >= g->stop_after ? 42 : 0;
}

static void note(const char *msg, void *ud) {
  got *g = ud;
  cr_assert(strchr(msg, '\n') == NULL, "a warning is one line: '%s'", msg);
  if (g->n_warn < MAX_WARN)
    snprintf(g->warn[g->n_warn++], KG_ERROR_MSG_MAX, "%s", msg);
}

static got *got_new(void) { return calloc(1, sizeof(got)); }

static void got_free(got *g) {
  for (size_t i = 0; i < g->n; i++)
    kg_doc_destroy(&g->docs[i]);
  free(g);
}

static int read_n(const char *const *in, size_t n, got *g, kg_error *err) {
  size_t n_docs = 999;
  int rc = kg_read_inputs(in, n, take, note, g, &n_docs, err);
  cr_assert_eq(n_docs, g->n < MAX_DOCS ? g->n : n_docs, "n_docs counts the documents delivered");
  return rc;
}

static int read1(const char *path, got *g, kg_error *err) { return read_n(&path, 1, g, err); }

/* The warning that mentions every needle, or NULL. */
static const char *warning(const got *g, const char *a, const char *b) {
  for (size_t i = 0; i < g->n_warn; i++)
    if (strstr(g->warn[i], a) && (!b || strstr(g->warn[i], b)))
      return g->warn[i];
  return NULL;
}

static void show_warnings(const got *g) {
  for (size_t i = 0; i < g->n_warn; i++)
    cr_log_info("warning: %s", g->warn[i]);
}

/* A fresh temporary folder for inputs made at run time. */
static char *tmpdir(void) {
  const char *base = getenv("TMPDIR");
  char *dir = malloc(512);
  snprintf(dir, 512, "%s/kg-read-XXXXXX", base && *base ? base : "/tmp");
  cr_assert_not_null(mkdtemp(dir), "cannot make a temporary folder: %s", strerror(errno));
  return dir;
}

static char *path_in(const char *dir, const char *name) {
  char *p = malloc(strlen(dir) + strlen(name) + 2);
  sprintf(p, "%s/%s", dir, name);
  return p;
}

static void write_file(const char *path, const char *text) {
  FILE *f = fopen(path, "wb");
  cr_assert_not_null(f, "cannot write %s", path);
  fputs(text, f);
  fclose(f);
}

static void rm_rf(const char *dir) {
  char cmd[1024];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  cr_assert_eq(system(cmd), 0);
}

/* ---------------------------------------------------------------- folders */

Test(read, folder_is_recursed_in_bytewise_order) {
  got *g = got_new();
  kg_error err = {0};
  cr_assert_eq(read1(DATA "/tree", g, &err), 0, "rc 0 expected: %s", err.msg);
  show_warnings(g);
  const char *want[] = {"Z.txt", "a.txt", "b.txt", "sub/c.txt", "delta-1", "sub/d.jsonl:2"};
  cr_assert_eq(g->n, 6, "6 documents expected, got %zu", g->n);
  for (size_t i = 0; i < 6; i++)
    cr_assert_str_eq(g->docs[i].id, want[i], "document %zu: id '%s' expected, got '%s'", i,
                     want[i], g->docs[i].id);
  cr_assert_eq(g->n_warn, 0, "no warning for a good folder");
  got_free(g);
}

Test(read, hidden_names_and_other_extensions_are_skipped) {
  got *g = got_new();
  cr_assert_eq(read1(DATA "/tree/", g, NULL), 0);
  for (size_t i = 0; i < g->n; i++) {
    cr_assert_null(strstr(g->docs[i].id, "hidden"), "'%s' is hidden", g->docs[i].id);
    cr_assert_null(strstr(g->docs[i].id, "private"), "'%s' is in a hidden folder",
                   g->docs[i].id);
    cr_assert_null(strstr(g->docs[i].id, ".md"), "'%s' is not .txt/.jsonl", g->docs[i].id);
    cr_assert_neq(g->docs[i].id[0], '/', "a trailing '/' on the folder leaves ids relative");
  }
  got_free(g);
}

Test(read, corpus_notices_are_skipped_in_folders_but_read_when_named) {
  char *dir = tmpdir();
  char *art = path_in(dir, "article.txt"), *att = path_in(dir, "ATTRIBUTION.txt"),
       *readme = path_in(dir, "README.txt"), *lic = path_in(dir, "license.TXT"),
       *readers = path_in(dir, "readers.txt");
  write_file(art, "Italy and France met in Rome.\n");
  write_file(att, "Licensed under the Creative Commons Attribution 2.5 License.\n");
  write_file(readme, "About this corpus.\n");
  write_file(lic, "Copyright.\n");
  write_file(readers, "A stem that only starts like readme is an article.\n");
  got *g = got_new();
  cr_assert_eq(read1(dir, g, NULL), 0);
  cr_assert_eq(g->n, 2, "article.txt and readers.txt only, got %zu documents", g->n);
  cr_assert_str_eq(g->docs[0].id, "article.txt");
  cr_assert_str_eq(g->docs[1].id, "readers.txt");
  got_free(g);
  g = got_new();
  cr_assert_eq(read1(att, g, NULL), 0);
  cr_assert_eq(g->n, 1, "a notice named on the command line is read");
  got_free(g);
  rm_rf(dir);
  free(art), free(att), free(readme), free(lic), free(readers), free(dir);
}

Test(read, same_inputs_give_the_same_documents) {
  got *a = got_new(), *b = got_new();
  const char *in[] = {DATA "/tree", DATA "/voa_date.txt", DATA "/docs.jsonl"};
  cr_assert_eq(read_n(in, 3, a, NULL), 0);
  cr_assert_eq(read_n(in, 3, b, NULL), 0);
  cr_assert_eq(a->n, b->n);
  for (size_t i = 0; i < a->n; i++) {
    cr_assert_str_eq(a->docs[i].id, b->docs[i].id, "document %zu differs between runs", i);
    cr_assert_eq(a->docs[i].len, b->docs[i].len);
    cr_assert_eq(memcmp(a->docs[i].text, b->docs[i].text, a->docs[i].len), 0);
  }
  got_free(a);
  got_free(b);
}

Test(read, inputs_keep_their_order_and_file_ids_are_as_given) {
  got *g = got_new();
  const char *in[] = {DATA "/tree/b.txt", DATA "/tree/a.txt"};
  cr_assert_eq(read_n(in, 2, g, NULL), 0);
  cr_assert_eq(g->n, 2);
  cr_assert_str_eq(g->docs[0].id, DATA "/tree/b.txt", "a file's id is the argument itself");
  cr_assert_str_eq(g->docs[1].id, DATA "/tree/a.txt");
  cr_assert_str_eq(g->docs[0].text, "Bravo text.\n");
  cr_assert_str_eq(g->docs[0].title, "Bravo text.", "title: the first line, trimmed");
  cr_assert_str_eq(g->docs[0].date, "", "no date line, no date");
  got_free(g);
}

Test(read, symlinked_folders_are_not_followed_and_loops_end) {
  char *dir = tmpdir();
  char *a = path_in(dir, "a.txt"), *loop = path_in(dir, "loop"), *other = path_in(dir, "other");
  char *link = path_in(dir, "link"), *ob = path_in(dir, "other/b.txt"), *fl = path_in(dir, "f.txt");
  char *dang = path_in(dir, "dangling.txt"), *ln = path_in(dir, "linked.txt");
  write_file(a, "A text.\n");
  cr_assert_eq(mkdir(other, 0755), 0);
  write_file(ob, "B text.\n");
  cr_assert_eq(symlink("..", loop), 0);
  cr_assert_eq(symlink(other, link), 0);
  cr_assert_eq(symlink("other/b.txt", ln), 0);
  cr_assert_eq(symlink("nowhere.txt", dang), 0);
  cr_assert_eq(mkfifo(fl, 0644), 0, "a fifo named .txt must be skipped, not read (it blocks)");
  got *g = got_new();
  const char *in[] = {dir};
  cr_assert_eq(read_n(in, 1, g, NULL), 0);
  const char *want[] = {"a.txt", "linked.txt", "other/b.txt"};
  cr_assert_eq(g->n, 3, "3 documents expected, got %zu", g->n);
  for (size_t i = 0; i < 3; i++)
    cr_assert_str_eq(g->docs[i].id, want[i]);
  cr_assert_not_null(warning(g, "dangling.txt", NULL), "a broken link is reported");
  got_free(g);
  rm_rf(dir);
  free(a), free(loop), free(other), free(link), free(ob), free(fl), free(dang), free(ln);
  free(dir);
}

/* --------------------------------------------------------------- metadata */

Test(read, voa_date_line_sets_the_date_and_is_blanked) {
  got *g = got_new();
  cr_assert_eq(read1(DATA "/voa_date.txt", g, NULL), 0);
  cr_assert_eq(g->n, 1);
  kg_doc *d = &g->docs[0];
  cr_assert_str_eq(d->date, "2021-06-28");
  const char *orig = " date 2021-06-28 Europe\n";
  size_t k = strlen(orig) - 1;
  for (size_t i = 0; i < k; i++)
    cr_assert_eq(d->text[i], ' ', "byte %zu of the date line must be blanked", i);
  cr_assert_eq(d->text[k], '\n', "the line break stays");
  const char *body = strstr(d->text, "Body text.");
  cr_assert_not_null(body);
  ptrdiff_t at = (ptrdiff_t)strlen(" date 2021-06-28 Europe\n\nHeadline here \xe2\x80\xaf \n\n");
  cr_assert_eq(body - d->text, at, "offsets still index the file: %td expected, got %td", at,
               body - d->text);
  cr_assert_str_eq(d->title, "Headline here", "title trimmed of Unicode spaces too: '%s'",
                   d->title);
  got_free(g);
}

/* Criterion hands parameters to another process: arrays, not pointers. */
struct meta_case {
  char file[48];
  char date[11];
  char title[48];
};

ParameterizedTestParameters(read, metadata_sets_date_and_title) {
  static struct meta_case cases[] = {
      {"voa_date_crlf.txt", "2020-02-29", "Leap day title"},
      {"bad_date.txt", "", "Text after a bad date."}, /* 2021-02-30 */
      {"wikinews_date.txt", "2013-12-10", "Mary Barra appointed as chief"},
      {"wikinews_date_first.txt", "2008-01-09", "The text starts here."},
      {"not_a_date_line.txt", "", "Title line"},
      {"bom.txt", "", "Text with a BOM."},
      {"tree/b.txt", "", "Bravo text."},
  };
  return cr_make_param_array(struct meta_case, cases, sizeof cases / sizeof cases[0]);
}

ParameterizedTest(struct meta_case *c, read, metadata_sets_date_and_title) {
  char path[256];
  snprintf(path, sizeof path, "%s/%s", DATA, c->file);
  got *g = got_new();
  cr_assert_eq(read1(path, g, NULL), 0, "%s must be read", c->file);
  cr_assert_eq(g->n, 1);
  cr_assert_str_eq(g->docs[0].date, c->date, "%s: date '%s' expected, got '%s'", c->file,
                   c->date, g->docs[0].date);
  cr_assert_str_eq(g->docs[0].title, c->title, "%s: title '%s' expected, got '%s'", c->file,
                   c->title, g->docs[0].title);
  got_free(g);
}

Test(read, impossible_date_is_reported) {
  got *g = got_new();
  cr_assert_eq(read1(DATA "/bad_date.txt", g, NULL), 0);
  cr_assert_not_null(warning(g, "bad_date.txt", "date"), "the bad date is reported");
  got_free(g);
}

Test(read, wikinews_date_on_line_two) {
  got *g = got_new();
  cr_assert_eq(read1(DATA "/wikinews_date.txt", g, NULL), 0);
  kg_doc *d = &g->docs[0];
  cr_assert_str_eq(d->date, "2013-12-10");
  cr_assert_str_eq(d->title, "Mary Barra appointed as chief");
  const char *line2 = d->text + strlen("Mary Barra appointed as chief\n");
  for (size_t i = 0; i < strlen("December 10, 2013"); i++)
    cr_assert_eq(line2[i], ' ', "the date line is blanked");
  cr_assert_not_null(strstr(d->text, "The first sentence."));
  got_free(g);
}

Test(read, a_sentence_starting_with_a_date_is_text) {
  got *g = got_new();
  cr_assert_eq(read1(DATA "/not_a_date_line.txt", g, NULL), 0);
  cr_assert_not_null(strstr(g->docs[0].text, "December 10, 2013 was a Tuesday."));
  got_free(g);
}

Test(read, the_samples_carry_their_dates) {
  got *g = got_new();
  const char *in[] = {KG_SOURCE_DIR "/samples/voa/voa-2021-06-28-coalition-rome.txt",
                      KG_SOURCE_DIR "/samples/wikinews/wikinews_1007169.txt"};
  cr_assert_eq(read_n(in, 2, g, NULL), 0);
  cr_assert_str_eq(g->docs[0].date, "2021-06-28");
  cr_assert_str_eq(g->docs[0].title, "Anti-Islamic State Coalition: IS Terrorists Remain a Threat");
  cr_assert_str_eq(g->docs[1].date, "2013-12-10");
  cr_assert_str_eq(g->docs[1].title, "Mary Barra appointed as General Motors chief");
  got_free(g);
}

Test(read, bom_is_blanked) {
  got *g = got_new();
  cr_assert_eq(read1(DATA "/bom.txt", g, NULL), 0);
  cr_assert_eq(memcmp(g->docs[0].text, "   Text", 7), 0, "the BOM becomes three spaces");
  got_free(g);
}

Test(read, long_title_is_cut_on_a_character_boundary) {
  char *dir = tmpdir();
  char *p = path_in(dir, "long.txt");
  char text[1024];
  size_t n = 0;
  text[n++] = 'x'; /* odd start: a cut at 300 would split an 'é' */
  while (n < 900) {
    text[n++] = (char)0xC3;
    text[n++] = (char)0xA9;
  }
  memcpy(text + n, "\nbody\n", 7);
  write_file(p, text);
  got *g = got_new();
  cr_assert_eq(read1(p, g, NULL), 0);
  size_t len = strlen(g->docs[0].title);
  cr_assert_leq(len, 300, "title at most 300 bytes, got %zu", len);
  cr_assert_geq(len, 298);
  cr_assert(kg_utf8_valid(g->docs[0].title, len, NULL), "the cut keeps UTF-8 whole");
  got_free(g);
  rm_rf(dir);
  free(p);
  free(dir);
}

/* ------------------------------------------------------------- JSON Lines */

Test(read, json_lines_good_records_bad_lines_warned) {
  got *g = got_new();
  const char *f = DATA "/docs.jsonl";
  cr_assert_eq(read1(f, g, NULL), 0);
  show_warnings(g);
  const char *ids[] = {"str-id", "42", DATA "/docs.jsonl:4", "escaped-backslash",
                       DATA "/docs.jsonl:15", "last"};
  cr_assert_eq(g->n, 6, "6 good records expected, got %zu", g->n);
  for (size_t i = 0; i < 6; i++)
    cr_assert_str_eq(g->docs[i].id, ids[i], "record %zu: id '%s' expected, got '%s'", i, ids[i],
                     g->docs[i].id);
  cr_assert_str_eq(g->docs[0].text, "First record.");
  cr_assert_eq(g->docs[0].len, strlen("First record."));
  cr_assert_str_eq(g->docs[0].date, "2021-06-28");
  cr_assert_str_eq(g->docs[0].title, "A title", "JSON title, trimmed");
  cr_assert_str_eq(g->docs[1].date, "2021-06-28", "a date-time keeps its date");
  cr_assert_null(g->docs[1].title, "no title given, none made up");
  cr_assert_str_eq(g->docs[2].date, "", "a null date is no date");
  cr_assert_str_eq(g->docs[3].text, "a\\u0000b is fine", "an escaped backslash is not a NUL");
  /* Each bad line is named by file:line. */
  const int bad[] = {5, 6, 7, 8, 9, 10, 11, 12, 14, 16};
  cr_assert_eq(g->n_warn, 10, "10 bad lines expected, got %zu warnings", g->n_warn);
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
    char where[600];
    snprintf(where, sizeof where, "docs.jsonl:%d:", bad[i]);
    cr_assert_not_null(warning(g, where, NULL), "line %d must be warned about", bad[i]);
  }
  cr_assert_not_null(warning(g, ":6:", "text"), "the missing text is named");
  cr_assert_not_null(warning(g, ":8:", "date"), "the bad date is named");
  cr_assert_not_null(warning(g, ":12:", "NUL"), "the NUL is named");
  cr_assert_not_null(warning(g, ":16:", "UTF-8"), "the bad UTF-8 is named");
  got_free(g);
}

Test(read, json_lines_without_any_good_record) {
  char *dir = tmpdir();
  char *p = path_in(dir, "bad.jsonl");
  write_file(p, "not json\n{\"title\": \"no text\"}\n");
  got *g = got_new();
  kg_error err = {0};
  cr_assert_eq(read1(p, g, &err), KG_ERR_EMPTY);
  cr_assert_not_null(warning(g, "bad.jsonl:1:", NULL));
  cr_assert_not_null(warning(g, "bad.jsonl:2:", NULL));
  cr_assert_not_null(warning(g, "bad.jsonl", "no usable"), "the whole file is reported too");
  got_free(g);
  rm_rf(dir);
  free(p);
  free(dir);
}

/* ------------------------------------------------------------------ stdin */

static void stdin_from(const char *path) {
  cr_assert_not_null(freopen(path, "rb", stdin), "cannot redirect stdin from %s", path);
}

Test(read, stdin_plain_text_is_one_document) {
  stdin_from(DATA "/voa_date.txt");
  got *g = got_new();
  cr_assert_eq(read1("-", g, NULL), 0);
  cr_assert_eq(g->n, 1);
  cr_assert_str_eq(g->docs[0].id, "-");
  cr_assert_str_eq(g->docs[0].date, "2021-06-28", "metadata is read on stdin too");
  got_free(g);
}

Test(read, stdin_json_lines_when_it_starts_with_a_brace) {
  char *dir = tmpdir();
  char *p = path_in(dir, "in.jsonl");
  write_file(p, "\n  \n {\"text\": \"one\"}\n{\"text\": \"two\", \"id\": 7}\n");
  stdin_from(p);
  got *g = got_new();
  cr_assert_eq(read1("-", g, NULL), 0);
  cr_assert_eq(g->n, 2);
  cr_assert_str_eq(g->docs[0].id, "-:3", "line numbers count the leading blank lines");
  cr_assert_str_eq(g->docs[0].text, "one");
  cr_assert_str_eq(g->docs[1].id, "7");
  got_free(g);
  rm_rf(dir);
  free(p);
  free(dir);
}

Test(read, stdin_empty_is_nothing_usable) {
  stdin_from(DATA "/bad/empty.txt");
  got *g = got_new();
  kg_error err = {0};
  cr_assert_eq(read1("-", g, &err), KG_ERR_EMPTY);
  cr_assert_not_null(warning(g, "-: empty", NULL), "stdin is named '-'");
  got_free(g);
}

/* -------------------------------------------------------------- bad input */

struct bad_case {
  const char *file;
  const char *needle;
};

Test(read, each_bad_file_is_a_warning_naming_it) {
  const struct bad_case cases[] = {
      {DATA "/bad/invalid_utf8.txt", "invalid UTF-8 at byte offset 11"},
      {DATA "/bad/nul.txt", "NUL byte at byte offset 5"},
      {DATA "/bad/empty.txt", "empty"},
      {DATA "/bad/spaces.txt", "white space"},
      {DATA "/bad/only_date.txt", "no text"},
      {DATA "/missing.txt", "No such file"},
      {DATA "/no_text", "no .txt or .jsonl"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    got *g = got_new();
    kg_error err = {0};
    int rc = read1(cases[i].file, g, &err);
    cr_assert_eq(rc, KG_ERR_EMPTY, "%s alone: nothing usable, rc %d", cases[i].file, rc);
    cr_assert_eq(err.code, KG_ERR_EMPTY);
    cr_assert_not_null(strstr(err.msg, cases[i].file), "the error names the input: '%s'", err.msg);
    cr_assert_eq(g->n_warn, 1, "%s: one warning expected, got %zu", cases[i].file, g->n_warn);
    cr_assert_not_null(strstr(g->warn[0], cases[i].file), "the warning names the file: '%s'",
                       g->warn[0]);
    cr_assert_not_null(strstr(g->warn[0], cases[i].needle), "the warning says '%s': '%s'",
                       cases[i].needle, g->warn[0]);
    got_free(g);
  }
}

/* A folder with nothing in it (or only hidden entries) is a warning like a
 * folder without text, and the walk sorts no names (UBSan: no NULL to qsort). */
Test(read, an_empty_folder_is_a_warning_naming_it) {
  char *dir = tmpdir(), *hidden = path_in(dir, ".hidden");
  for (int round = 0; round < 2; round++) {
    if (round)
      write_file(hidden, "not read");
    got *g = got_new();
    kg_error err = {0};
    cr_assert_eq(read1(dir, g, &err), KG_ERR_EMPTY, "round %d: nothing usable", round);
    cr_assert_eq(g->n_warn, 1, "round %d: one warning, got %zu", round, g->n_warn);
    cr_assert(strstr(g->warn[0], dir) && strstr(g->warn[0], "no .txt or .jsonl"), "'%s'", g->warn[0]);
    got_free(g);
  }
  remove(hidden);
  rmdir(dir);
  free(hidden);
  free(dir);
}

Test(read, bad_files_among_good_ones_are_skipped) {
  got *g = got_new();
  const char *in[] = {DATA "/bad", DATA "/tree/a.txt", DATA "/missing.txt"};
  kg_error err = {0};
  cr_assert_eq(read_n(in, 3, g, &err), 0, "one good document is enough: %s", err.msg);
  cr_assert_eq(g->n, 1);
  cr_assert_str_eq(g->docs[0].id, DATA "/tree/a.txt");
  cr_assert_eq(g->n_warn, 6, "5 bad files in bad/ and a missing one, got %zu", g->n_warn);
  cr_assert_not_null(warning(g, "invalid_utf8.txt", "UTF-8"), "names are relative in folders");
  got_free(g);
}

Test(read, nothing_usable_names_every_input) {
  got *g = got_new();
  kg_error err = {0};
  const char *in[] = {DATA "/bad/empty.txt", DATA "/missing.txt"};
  cr_assert_eq(read_n(in, 2, g, &err), KG_ERR_EMPTY);
  cr_assert_not_null(strstr(err.msg, "empty.txt"), "'%s'", err.msg);
  cr_assert_not_null(strstr(err.msg, "missing.txt"), "'%s'", err.msg);
  got_free(g);
}

Test(read, over_4_gib_is_refused_without_reading) {
  char *dir = tmpdir();
  char *p = path_in(dir, "huge.txt");
  int fd = open(p, O_CREAT | O_WRONLY, 0644);
  cr_assert_geq(fd, 0);
  /* Sparse: no disk space used, and the reader must not try to load it. */
  cr_assert_eq(ftruncate(fd, (off_t)1 << 32), 0, "cannot make a sparse file");
  close(fd);
  got *g = got_new();
  cr_assert_eq(read1(p, g, NULL), KG_ERR_EMPTY);
  cr_assert_not_null(warning(g, "huge.txt", "4 GiB"), "the size is the reason");
  got_free(g);
  rm_rf(dir);
  free(p);
  free(dir);
}

Test(read, unreadable_file_is_a_warning) {
  /* /proc/self/mem opens but fails to read at offset 0, even for root. */
  got *g = got_new();
  cr_assert_eq(read1("/proc/self/mem", g, NULL), KG_ERR_EMPTY);
  cr_assert_not_null(warning(g, "/proc/self/mem", "cannot read"), "got '%s'",
                     g->n_warn ? g->warn[0] : "no warning");
  got_free(g);
  if (geteuid() != 0) { /* permissions bind everyone else */
    char *dir = tmpdir();
    char *p = path_in(dir, "secret.txt");
    write_file(p, "secret\n");
    chmod(p, 0);
    g = got_new();
    cr_assert_eq(read1(p, g, NULL), KG_ERR_EMPTY);
    cr_assert_not_null(warning(g, "secret.txt", "cannot open"));
    got_free(g);
    rm_rf(dir);
    free(p);
    free(dir);
  }
}

Test(read, a_100_mb_line_reads_in_linear_time, .timeout = 120) {
  char *dir = tmpdir();
  char *p = path_in(dir, "line.txt");
  FILE *f = fopen(p, "wb");
  static char chunk[6 << 17]; /* whole "word, " patterns */
  for (size_t i = 0; i < sizeof chunk; i++)
    chunk[i] = "word, "[i % 6];
  size_t total = (size_t)100 << 20, done = 0;
  while (done < total) {
    size_t k = total - done < sizeof chunk ? total - done : sizeof chunk;
    cr_assert_eq(fwrite(chunk, 1, k, f), k);
    done += k;
  }
  fclose(f);
  got *g = got_new();
  clock_t t0 = clock();
  cr_assert_eq(read1(p, g, NULL), 0);
  cr_assert_eq(g->docs[0].len, (size_t)100 << 20);
  cr_assert_eq(strlen(g->docs[0].title), 299,
               "a one-line file has its first 300 bytes as title, trimmed (\"..., \")");
  kg_segmenter *s = kg_segmenter_new();
  kg_segments seg;
  cr_assert_eq(kg_segment(s, g->docs[0].text, g->docs[0].len, &seg, NULL), 0);
  size_t reps = ((size_t)100 << 20) / 6, rest = ((size_t)100 << 20) % 6; /* "word, " */
  size_t want = 2 * reps + (rest >= 4) + (rest >= 5);
  cr_assert_eq(seg.n_tokens, want, "%zu tokens expected, got %zu", want, seg.n_tokens);
  double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
  cr_assert_lt(secs, 60, "read + segment of 100 MB took %.1f s", secs);
  kg_segmenter_free(s);
  got_free(g);
  rm_rf(dir);
  free(p);
  free(dir);
}

/* ----------------------------------------------------------------- the API */

Test(read, callback_stop_value_is_returned) {
  got *g = got_new();
  g->stop_after = 2;
  size_t n = 0;
  const char *in[] = {DATA "/tree"};
  int rc = kg_read_inputs(in, 1, take, note, g, &n, NULL);
  cr_assert_eq(rc, 42, "the callback's non-zero value is returned, got %d", rc);
  cr_assert_eq(n, 2, "reading stopped after the second document");
  cr_assert_eq(g->n, 2);
  got_free(g);
}

Test(read, usage_errors_and_null_destroy) {
  kg_error err = {0};
  cr_assert_eq(kg_read_inputs(NULL, 0, take, note, NULL, NULL, &err), KG_ERR_USAGE);
  const char *in[] = {"x"};
  cr_assert_eq(kg_read_inputs(in, 1, NULL, note, NULL, NULL, &err), KG_ERR_USAGE);
  kg_doc_destroy(NULL);
  kg_doc d = {0};
  kg_doc_destroy(&d);
  kg_doc_destroy(&d);
  /* Without a warning callback bad files are still skipped quietly. */
  size_t n = 7;
  const char *bad[] = {DATA "/bad/nul.txt"};
  got *g = got_new();
  cr_assert_eq(kg_read_inputs(bad, 1, take, NULL, g, &n, &err), KG_ERR_EMPTY);
  cr_assert_eq(n, 0);
  got_free(g);
}
