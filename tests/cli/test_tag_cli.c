/* test_tag_cli.c: `kgraph tag --conll`, `kgraph eval` and `kgraph train` as a
 * user (or a scoring script) runs them: the exact output format, DOCSTART,
 * blank lines, extra columns, CRLF, empty input, errors. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static char dir[128];

static void setup(void) {
  snprintf(dir, sizeof dir, "/tmp/kg_test_tag_cli_%ld", (long)getpid());
  char cmd[256];
  snprintf(cmd, sizeof cmd, "mkdir -p %s", dir);
  cr_assert_eq(system(cmd), 0);
}

static void teardown(void) {
  char cmd[256];
  snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
  (void)system(cmd);
}

static void write_file(const char *name, const char *text, size_t len) {
  char path[256];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  FILE *f = fopen(path, "wb");
  cr_assert_not_null(f);
  cr_assert_eq(fwrite(text, 1, len, f), len);
  fclose(f);
}

static char *read_file(const char *name, size_t *len) {
  char path[256];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  FILE *f = fopen(path, "rb");
  cr_assert_not_null(f, "no %s", path);
  size_t cap = 1 << 16, n = 0;
  char *b = malloc(cap);
  size_t r;
  while ((r = fread(b + n, 1, cap - n - 1, f)) > 0) {
    n += r;
    if (cap - n < 2)
      b = realloc(b, cap *= 2);
  }
  b[n] = '\0';
  fclose(f);
  *len = n;
  return b;
}

/* Run "kgraph ARGS" in dir with stdout to out and stderr to err; exit code. */
static int run(const char *args, const char *out) {
  char cmd[1024];
  snprintf(cmd, sizeof cmd, "cd %s && %s %s > %s 2> err.txt", dir, KG_BINARY, args, out);
  int st = system(cmd);
  return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static bool is_label(const char *s, size_t n) {
  static const char *const labels[] = {"O", "B-per", "I-per", "B-org", "I-org", "B-geo", "I-geo",
                                       "B-gpe", "I-gpe", "B-tim", "I-tim", "B-eve", "I-eve",
                                       "B-art", "I-art", "B-nat", "I-nat"};
  for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
    if (strlen(labels[i]) == n && !memcmp(labels[i], s, n))
      return true;
  return false;
}

TestSuite(tag_cli, .init = setup, .fini = teardown);

Test(tag_cli, keeps_every_line_and_appends_one_tag) {
  static const char in[] =
      "-DOCSTART- -X- O O\n"
      "\n"
      "President NNP B-per extra\n"
      "Obama\n"
      "visited\tVBD\tO\n"
      "Kenya NNP B-geo\n"
      "\n"
      "\n"
      "-DOCSTART-\n"
      "Rome\r\n"
      "   \r\n"
      "It\n"
      "rained";
  write_file("in.conll", in, sizeof in - 1);
  cr_assert_eq(run("tag --conll in.conll", "out.conll"), 0, "tag must succeed");
  size_t n;
  char *out = read_file("out.conll", &n);
  /* Walk input and output line by line. */
  const char *a = in, *b = out;
  int line = 0;
  while (*a) {
    line++;
    const char *ae = strchr(a, '\n');
    size_t al = ae ? (size_t)(ae - a) : strlen(a);
    bool crlf = al > 0 && a[al - 1] == '\r';
    size_t content = al - crlf;
    bool blank = true;
    for (size_t i = 0; i < content; i++)
      blank = blank && (a[i] == ' ' || a[i] == '\t');
    cr_assert_eq(strncmp(b, a, content), 0, "line %d must be copied unchanged", line);
    b += content;
    if (!blank) {
      cr_assert_eq(*b, '\t', "line %d: a TAB follows the input line", line);
      b++;
      size_t tl = strcspn(b, "\r\n");
      cr_assert(is_label(b, tl), "line %d: '%.*s' is not an IOB2 label", line, (int)tl, b);
      if (!strncmp(a, "-DOCSTART-", 10))
        cr_assert(tl == 1 && *b == 'O', "line %d: -DOCSTART- gets O", line);
      b += tl;
    }
    if (crlf) {
      cr_assert_eq(strncmp(b, "\r\n", 2), 0, "line %d: the CRLF line end is kept", line);
      b += 2;
    } else {
      cr_assert_eq(*b, '\n', "line %d ends with a newline", line);
      b++;
    }
    a = ae ? ae + 1 : a + al;
  }
  cr_assert_eq(*b, '\0', "no extra output after the last line");
  free(out);
}

Test(tag_cli, reads_stdin_and_handles_empty_input) {
  write_file("empty.conll", "", 0);
  cr_assert_eq(run("tag --conll < empty.conll", "out.conll"), 0);
  size_t n;
  free(read_file("out.conll", &n));
  cr_assert_eq(n, 0, "empty in, empty out");
  write_file("one.conll", "Paris\n", 6);
  cr_assert_eq(run("tag --conll - < one.conll", "out.conll"), 0);
  char *out = read_file("out.conll", &n);
  cr_assert(!strncmp(out, "Paris\t", 6) && out[n - 1] == '\n', "got '%s'", out);
  free(out);
}

Test(tag_cli, very_long_line_does_not_crash) {
  size_t n = 3 << 20;
  char *big = malloc(n + 32);
  memset(big, 'A', n);
  memcpy(big + n, "\nend\n", 6);
  write_file("big.conll", big, n + 5);
  cr_assert_eq(run("tag --conll big.conll", "out.conll"), 0);
  size_t m;
  char *out = read_file("out.conll", &m);
  cr_assert_gt(m, n + 5, "the long line comes back, with its tag");
  cr_assert_eq(memcmp(out, big, n), 0);
  free(out);
  free(big);
}

Test(tag_cli, errors_name_the_file_and_exit_nonzero) {
  cr_assert_eq(run("tag --conll missing.conll", "out.conll"), 1, "a missing input is a runtime error");
  size_t n;
  char *err = read_file("err.txt", &n);
  cr_assert(strstr(err, "missing.conll"), "the error names the file: %s", err);
  free(err);
  cr_assert_eq(run("tag missing.conll", "out.conll"), 2, "without --conll it is a usage error");
  write_file("bad.model", "nope", 4);
  write_file("one.conll", "Paris\n", 6);
  cr_assert_eq(run("tag --conll --model bad.model one.conll", "out.conll"), 1, "a bad model is refused");
}

Test(tag_cli, eval_prints_conlleval_numbers) {
  static const char gold[] = "Anna X B-per\nBerg X I-per\nvisited X O\nRome X B-geo\n.\tX\tO\n";
  write_file("gold.conll", gold, sizeof gold - 1);
  cr_assert_eq(run("eval --conll gold.conll --types per,geo", "eval.txt"), 0);
  size_t n;
  char *out = read_file("eval.txt", &n);
  cr_assert(!strncmp(out, "processed 5 tokens with 2 phrases; found: ", 42), "got: %s", out);
  cr_assert(strstr(out, "micro: precision: "), "got: %s", out);
  free(out);
}

Test(tag_cli, train_writes_a_model_that_tag_uses) {
  char args[512];
  snprintf(args, sizeof args, "train --train %s/tagger/train.conll -o fx.model --epochs 2 --quiet",
           KG_TEST_DATA);
  cr_assert_eq(run(args, "train.txt"), 0, "training the fixture must succeed");
  write_file("in.conll", "Anna\nBerg\nvisited\nRome\n", 24);
  cr_assert_eq(run("tag --conll --model fx.model in.conll", "out.conll"), 0);
  size_t n;
  char *out = read_file("out.conll", &n);
  cr_assert_str_eq(out, "Anna\tB-per\nBerg\tI-per\nvisited\tO\nRome\tB-geo\n",
                   "the fixture model knows its own names");
  free(out);
}

Test(tag_cli, train_names_the_model_it_cannot_write) {
  char args[512];
  snprintf(args, sizeof args,
           "train --train %s/tagger/train.conll -o no-such-dir/fx.model --epochs 1 --quiet",
           KG_TEST_DATA);
  cr_assert_eq(run(args, "train.txt"), 1, "an unwritable model path is an I/O failure");
  size_t n;
  char *err = read_file("err.txt", &n);
  cr_assert(strstr(err, "no-such-dir/fx.model: cannot write the model: "), "got: %s", err);
  cr_assert(!strstr(err, ".tmp"), "the message names the model, not the temporary file: %s", err);
  free(err);
}

Test(tag_cli, two_threads_tag_exactly_as_one) {
  /* Enough documents for the input to be split between threads. */
  size_t cap = 1 << 20, n = 0;
  char *in = malloc(cap);
  static const char *const words[] = {"President", "Anna", "Berg", "visited", "Rome", "and", "the",
                                      "United", "Nations", "on", "Monday", "."};
  for (int doc = 0; doc < 400; doc++) {
    n += (size_t)snprintf(in + n, cap - n, "-DOCSTART-\n\n");
    for (int s = 0; s < 6; s++) {
      for (int w = 0; w < 12; w++)
        n += (size_t)snprintf(in + n, cap - n, "%s\n", words[(w * 7 + s * 5 + doc) % 12]);
      n += (size_t)snprintf(in + n, cap - n, "\n");
    }
  }
  write_file("many.conll", in, n);
  cr_assert_eq(run("tag --conll --threads 1 many.conll", "one.conll"), 0);
  cr_assert_eq(run("tag --conll --threads 2 many.conll", "two.conll"), 0);
  size_t n1, n2;
  char *a = read_file("one.conll", &n1), *b = read_file("two.conll", &n2);
  cr_assert_eq(n1, n2, "same output size with 1 and 2 threads");
  cr_assert_eq(memcmp(a, b, n1), 0, "same output with 1 and 2 threads");
  free(a);
  free(b);
  free(in);
}
