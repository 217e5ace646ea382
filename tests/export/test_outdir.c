/* test_outdir.c: the atomic output folder. A run either puts every file in
 * place or leaves the folder as it was: no temporaries, no half files. */
#include <criterion/criterion.h>
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fixtures.h"

static char *dir;
static void setup(void) {
  umask(022);
  dir = make_temp_dir();
  cr_assert_not_null(dir);
}
static void teardown(void) { remove_tree(dir); }
TestSuite(outdir, .init = setup, .fini = teardown);

static char *path_in(const char *name) {
  static char buf[4][512];
  static int next;
  char *p = buf[next++ % 4];
  snprintf(p, sizeof buf[0], "%s/%s", dir, name);
  return p;
}

static void put_file(const char *path, const char *text) {
  FILE *f = fopen(path, "w");
  cr_assert_not_null(f, "cannot write %s", path);
  fputs(text, f);
  fclose(f);
}

static void assert_content(const char *path, const char *want) {
  char *got = slurp(path, NULL);
  cr_assert_not_null(got, "%s must exist", path);
  cr_assert_str_eq(got, want, "%s must hold '%s'", path, want);
  free(got);
}

/* Entries of path whose name starts with '.', other than . and .. */
static int hidden_files(const char *path) {
  DIR *d = opendir(path);
  cr_assert_not_null(d, "cannot list %s", path);
  int n = 0;
  for (struct dirent *e; (e = readdir(d));)
    n += e->d_name[0] == '.' && strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
  closedir(d);
  return n;
}

static bool exists(const char *path) {
  struct stat st;
  return stat(path, &st) == 0;
}

Test(outdir, creates_the_folder_and_commits_every_file) {
  const char *out = path_in("new");
  kg_outdir *od = NULL;
  kg_error err = {0};
  cr_assert_eq(kg_outdir_open(out, &od, &err), 0, "%s", err.msg);
  FILE *a = kg_outdir_create(od, "a.txt", &err), *b = kg_outdir_create(od, "b.txt", &err);
  cr_assert(a && b, "%s", err.msg);
  fputs("alpha", a);
  fputs("beta", b);
  cr_assert_eq(hidden_files(out), 2, "staged files are hidden temporaries");
  cr_assert_not(exists(path_in("new/a.txt")), "nothing in place before commit");
  cr_assert_eq(kg_outdir_commit(od, &err), 0, "%s", err.msg);
  assert_content(path_in("new/a.txt"), "alpha");
  assert_content(path_in("new/b.txt"), "beta");
  cr_assert_eq(hidden_files(out), 0, "no temporary left after commit");
  struct stat st;
  stat(path_in("new/a.txt"), &st);
  cr_assert_eq(st.st_mode & 0777, 0644, "a new file gets 0666 less the umask, not mkstemp's 0600");
}

Test(outdir, commit_replaces_old_files) {
  put_file(path_in("a.txt"), "old");
  kg_outdir *od = NULL;
  kg_error err = {0};
  cr_assert_eq(kg_outdir_open(dir, &od, &err), 0, "%s", err.msg);
  fputs("new", kg_outdir_create(od, "a.txt", &err));
  cr_assert_eq(kg_outdir_commit(od, &err), 0, "%s", err.msg);
  assert_content(path_in("a.txt"), "new");
  cr_assert_eq(hidden_files(dir), 0, "the old file swapped out is removed");
}

Test(outdir, abort_removes_temporaries_and_the_folder_it_created) {
  const char *out = path_in("fresh");
  kg_outdir *od = NULL;
  kg_error err = {0};
  cr_assert_eq(kg_outdir_open(out, &od, &err), 0, "%s", err.msg);
  fputs("x", kg_outdir_create(od, "a.txt", &err));
  kg_outdir_create(od, "b.txt", &err);
  kg_outdir_abort(od);
  cr_assert_not(exists(out), "a folder created by the run goes away on abort");
  kg_outdir_abort(NULL);
}

Test(outdir, abort_leaves_an_existing_folder_as_it_was) {
  put_file(path_in("a.txt"), "old");
  kg_outdir *od = NULL;
  kg_error err = {0};
  cr_assert_eq(kg_outdir_open(dir, &od, &err), 0, "%s", err.msg);
  fputs("new", kg_outdir_create(od, "a.txt", &err));
  kg_outdir_abort(od);
  assert_content(path_in("a.txt"), "old");
  cr_assert_eq(hidden_files(dir), 0, "no temporary left after abort");
}

/* A full disk, simulated with a file size limit: writes past it fail with
 * EFBIG, as they would with ENOSPC. */
Test(outdir, a_write_error_at_commit_leaves_the_old_files_untouched) {
  put_file(path_in("a.txt"), "old a");
  put_file(path_in("b.txt"), "old b");
  kg_outdir *od = NULL;
  kg_error err = {0};
  cr_assert_eq(kg_outdir_open(dir, &od, &err), 0, "%s", err.msg);
  FILE *a = kg_outdir_create(od, "a.txt", &err), *b = kg_outdir_create(od, "b.txt", &err);
  signal(SIGXFSZ, SIG_IGN);
  struct rlimit old, lim = {.rlim_cur = 100000, .rlim_max = RLIM_INFINITY};
  getrlimit(RLIMIT_FSIZE, &old);
  lim.rlim_max = old.rlim_max;
  cr_assert_eq(setrlimit(RLIMIT_FSIZE, &lim), 0);
  fputs("new a", a);
  for (int i = 0; i < 20000; i++)
    fputs("0123456789", b); /* 200 kB: over the limit */
  int rc = kg_outdir_commit(od, &err);
  setrlimit(RLIMIT_FSIZE, &old);
  cr_assert_eq(rc, KG_ERR_IO, "a write error must fail the commit");
  cr_assert_not_null(strstr(err.msg, "b.txt"), "the message names the file: %s", err.msg);
  cr_assert_not_null(strstr(err.msg, strerror(EFBIG)), "and the reason: %s", err.msg);
  assert_content(path_in("a.txt"), "old a");
  assert_content(path_in("b.txt"), "old b");
  cr_assert_eq(hidden_files(dir), 0, "no temporary left after a failed commit");
}

Test(outdir, a_failed_rename_swaps_the_earlier_files_back) {
  put_file(path_in("a.txt"), "old a");
  cr_assert_eq(mkdir(path_in("b.txt"), 0755), 0); /* a folder where b.txt should go */
  put_file(path_in("b.txt/keep"), "keep");
  kg_outdir *od = NULL;
  kg_error err = {0};
  cr_assert_eq(kg_outdir_open(dir, &od, &err), 0, "%s", err.msg);
  fputs("new a", kg_outdir_create(od, "a.txt", &err));
  fputs("new b", kg_outdir_create(od, "b.txt", &err));
  fputs("new c", kg_outdir_create(od, "c.txt", &err));
  cr_assert_eq(kg_outdir_commit(od, &err), KG_ERR_IO, "b.txt cannot replace a folder");
  cr_assert_not_null(strstr(err.msg, "b.txt"), "the message names the file: %s", err.msg);
  assert_content(path_in("a.txt"), "old a");
  assert_content(path_in("b.txt/keep"), "keep");
  cr_assert_not(exists(path_in("c.txt")), "nothing after the failure is put in place");
  cr_assert_eq(hidden_files(dir), 0, "no temporary left");
}

Test(outdir, a_file_in_the_way_is_not_a_folder) {
  put_file(path_in("file"), "x");
  kg_outdir *od = NULL;
  kg_error err = {0};
  cr_assert_eq(kg_outdir_open(path_in("file"), &od, &err), KG_ERR_IO);
  cr_assert_null(od);
  cr_assert_not_null(strstr(err.msg, "not a folder"), "got: %s", err.msg);
  cr_assert_not_null(strstr(err.msg, path_in("file")), "the message names the path: %s", err.msg);
}

Test(outdir, a_missing_parent_is_reported) {
  kg_outdir *od = NULL;
  kg_error err = {0};
  cr_assert_eq(kg_outdir_open(path_in("no/such/out"), &od, &err), KG_ERR_IO);
  cr_assert_not_null(strstr(err.msg, "does not exist"), "got: %s", err.msg);
}

Test(outdir, an_empty_path_is_a_usage_error) {
  kg_outdir *od = NULL;
  kg_error err = {0};
  cr_assert_eq(kg_outdir_open("", &od, &err), KG_ERR_USAGE);
}

/* Permission checks do not apply to root: drop to nobody in a child. */
static int open_as_nobody(const char *path, char *msg, size_t cap) {
  int fds[2];
  cr_assert_eq(pipe(fds), 0);
  pid_t pid = fork();
  if (pid == 0) {
    close(fds[0]);
    if (geteuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0))
      _exit(99);
    kg_outdir *od = NULL;
    kg_error err = {0};
    int rc = kg_outdir_open(path, &od, &err);
    if (write(fds[1], err.msg, strlen(err.msg) + 1) < 0)
      _exit(98);
    kg_outdir_abort(od);
    _exit(-rc);
  }
  close(fds[1]);
  ssize_t n = read(fds[0], msg, cap - 1);
  msg[n > 0 ? n : 0] = '\0';
  close(fds[0]);
  int status;
  waitpid(pid, &status, 0);
  cr_assert(WIFEXITED(status) && WEXITSTATUS(status) != 99, "the child must run as nobody");
  return -WEXITSTATUS(status);
}

Test(outdir, an_unwritable_folder_is_refused) {
  const char *ro = path_in("readonly");
  cr_assert_eq(mkdir(ro, 0555), 0);
  chmod(dir, 0755);
  char msg[KG_ERROR_MSG_MAX];
  cr_assert_eq(open_as_nobody(ro, msg, sizeof msg), KG_ERR_IO);
  cr_assert_not_null(strstr(msg, strerror(EACCES)), "got: %s", msg);
  cr_assert_not_null(strstr(msg, ro), "the message names the folder: %s", msg);
  cr_assert_eq(open_as_nobody(path_in("readonly/sub"), msg, sizeof msg), KG_ERR_IO,
               "nor can a folder be created inside it");
  cr_assert_not_null(strstr(msg, "cannot create"), "got: %s", msg);
}

Test(outdir, bad_or_repeated_names_are_refused) {
  kg_outdir *od = NULL;
  kg_error err = {0};
  cr_assert_eq(kg_outdir_open(dir, &od, &err), 0, "%s", err.msg);
  cr_assert_null(kg_outdir_create(od, "", &err));
  cr_assert_null(kg_outdir_create(od, "../escape", &err), "no path outside the folder");
  cr_assert_null(kg_outdir_create(od, "..", &err));
  cr_assert_not_null(kg_outdir_create(od, "a.txt", &err));
  cr_assert_null(kg_outdir_create(od, "a.txt", &err), "one file per name");
  cr_assert_not_null(strstr(err.msg, "staged twice"), "got: %s", err.msg);
  kg_outdir_abort(od);
  cr_assert_not(exists(path_in("escape")));
}

Test(outdir, export_graph_stages_the_five_graph_files) {
  const nasty_label *labels;
  size_t n;
  kg_graph *g = nasty_graph(&labels, &n);
  kg_outdir *od = NULL;
  kg_error err = {0};
  cr_assert_eq(kg_outdir_open(dir, &od, &err), 0, "%s", err.msg);
  cr_assert_eq(kg_export_graph(g, od, NULL, &err), 0, "%s", err.msg);
  cr_assert_eq(hidden_files(dir), 5, "five staged files");
  cr_assert_eq(kg_outdir_commit(od, &err), 0, "%s", err.msg);
  static const char *const names[] = {"graph.graphml", "graph.gexf", "graph.dot", "nodes.csv",
                                      "edges.csv"};
  for (size_t i = 0; i < 5; i++) {
    struct stat st;
    cr_assert_eq(stat(path_in(names[i]), &st), 0, "%s must be written", names[i]);
    cr_assert_gt(st.st_size, 100, "%s must not be empty", names[i]);
  }
  kg_graph_free(g);
}

Test(outdir, an_export_that_hits_a_full_disk_names_the_file) {
  kg_graph *g = big_graph(2000);
  kg_outdir *od = NULL;
  kg_error err = {0};
  cr_assert_eq(kg_outdir_open(dir, &od, &err), 0, "%s", err.msg);
  signal(SIGXFSZ, SIG_IGN);
  struct rlimit old, lim;
  getrlimit(RLIMIT_FSIZE, &old);
  lim = (struct rlimit){.rlim_cur = 200000, .rlim_max = old.rlim_max};
  cr_assert_eq(setrlimit(RLIMIT_FSIZE, &lim), 0);
  int rc = kg_export_graph(g, od, NULL, &err);
  setrlimit(RLIMIT_FSIZE, &old);
  cr_assert_eq(rc, KG_ERR_IO, "a 2,000-node GraphML is over 200 kB: %s", err.msg);
  cr_assert(strncmp(err.msg, path_in("graph.graphml"), strlen(path_in("graph.graphml"))) == 0,
            "the message starts with the file: %s", err.msg);
  kg_outdir_abort(od);
  cr_assert_eq(hidden_files(dir), 0, "abort after the failure leaves nothing behind");
  kg_graph_free(g);
}
