/* run.h: run a command for CLI tests and capture its exit status, stdout and
 * stderr (each up to a few MB). Header-only; for tests/cli only. */
#ifndef KG_TEST_RUN_H
#define KG_TEST_RUN_H

#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

typedef struct run_result {
  int status; /* exit code, or 128 + signal */
  char *out, *err;
} run_result;

static char *slurp_file(const char *path, size_t *len_out) {
  FILE *f = fopen(path, "rb");
  if (!f)
    return NULL;
  size_t cap = 4096, len = 0;
  char *buf = malloc(cap);
  size_t n;
  while (buf && (n = fread(buf + len, 1, cap - len - 1, f)) > 0) {
    len += n;
    if (cap - len < 2) {
      char *nb = realloc(buf, cap *= 2);
      if (!nb) {
        free(buf);
        buf = NULL;
      }
      buf = nb;
    }
  }
  fclose(f);
  if (buf)
    buf[len] = '\0';
  if (len_out)
    *len_out = len;
  return buf;
}

/* Run argv (argv[0] is a path or a name on PATH) with stdin from in_path (or
 * /dev/null). */
static run_result run_cmd_in(char *const argv[], const char *in_path) {
  run_result r = {-1, NULL, NULL};
  char out_path[] = "/tmp/kg-test-out-XXXXXX", err_path[] = "/tmp/kg-test-err-XXXXXX";
  int out_fd = mkstemp(out_path), err_fd = mkstemp(err_path);
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 0, in_path ? in_path : "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&fa, out_fd, 1);
  posix_spawn_file_actions_adddup2(&fa, err_fd, 2);
  pid_t pid;
  if (posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ) == 0) {
    int st;
    waitpid(pid, &st, 0);
    r.status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
  }
  posix_spawn_file_actions_destroy(&fa);
  close(out_fd);
  close(err_fd);
  r.out = slurp_file(out_path, NULL);
  r.err = slurp_file(err_path, NULL);
  unlink(out_path);
  unlink(err_path);
  return r;
}

static run_result run_cmd(char *const argv[]) { return run_cmd_in(argv, NULL); }

static void run_free(run_result *r) {
  free(r->out);
  free(r->err);
}

/* A fresh temporary folder; the caller removes it with rm_rf. */
static char *make_tmpdir(void) {
  char tmpl[] = "/tmp/kg-test-XXXXXX";
  char *d = mkdtemp(tmpl);
  return d ? strdup(d) : NULL;
}

static void rm_rf(const char *path) {
  char *argv[] = {"rm", "-rf", (char *)path, NULL};
  run_result r = run_cmd(argv);
  run_free(&r);
}

static void write_file(const char *path, const void *data, size_t len) {
  FILE *f = fopen(path, "wb");
  if (f) {
    fwrite(data, 1, len, f);
    fclose(f);
  }
}

#endif
