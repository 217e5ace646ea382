/* main.c: kgraph's entry point; dispatches to the subcommands. */
#define _GNU_SOURCE /* sched_getaffinity, CPU_COUNT */
#include <errno.h>
#include <math.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "extract.h"

static const char usage[] =
    "Usage: kgraph COMMAND [options]\n"
    "\n"
    "Turn news articles into a knowledge graph of people, organizations,\n"
    "countries and events, linked by how often they are mentioned together.\n"
    "\n"
    "Commands:\n"
    "  build [options] INPUT... -o OUTDIR   text -> graph files (GraphML, GEXF, DOT, CSV)\n"
    "  extract [options] INPUT...           entity mentions as CSV or JSON Lines on stdout\n"
    "  tag --conll [FILE]                   tag CoNLL tokens: each line + TAB + IOB2 tag\n"
    "  train --train FILE --dev FILE -o MODEL   train the tagger\n"
    "  eval --conll FILE                    precision/recall/F1 of the tagger on gold data\n"
    "\n"
    "INPUT is a file, a folder (recursed: *.txt, *.jsonl) or - for stdin.\n"
    "Run 'kgraph COMMAND --help' for a command's options.\n"
    "Exit status: 0 success, 1 runtime error, 2 bad usage.\n";

static void vprint(const char *prefix, const char *fmt, va_list ap) {
  fputs("kgraph: ", stderr);
  if (prefix)
    fputs(prefix, stderr);
  vfprintf(stderr, fmt, ap);
  fputc('\n', stderr);
}

void kg_cli_error(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vprint(NULL, fmt, ap);
  va_end(ap);
}

void kg_cli_warn(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vprint("warning: ", fmt, ap);
  va_end(ap);
}

int kg_cli_usage_error(const char *cmd, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vprint(NULL, fmt, ap);
  va_end(ap);
  fprintf(stderr, "Try 'kgraph %s--help' for more information.\n", cmd ? cmd : "");
  return KG_EXIT_USAGE;
}

bool kg_cli_parse_long(const char *s, long long min, long long max, long long *out) {
  if (!s || !*s)
    return false;
  char *end;
  errno = 0;
  long long v = strtoll(s, &end, 10);
  if (errno || *end || v < min || v > max)
    return false;
  *out = v;
  return true;
}

bool kg_cli_parse_double(const char *s, double *out) {
  if (!s || !*s)
    return false;
  char *end;
  errno = 0;
  double v = strtod(s, &end);
  if (errno || *end || !isfinite(v))
    return false;
  *out = v;
  return true;
}

unsigned kg_cli_workers(unsigned threads) {
  if (threads == 1)
    return 0;
  if (threads == 2)
    return 2;
  cpu_set_t set; /* the cores this process may run on (taskset, cgroups) */
  int cores = sched_getaffinity(0, sizeof set, &set) == 0 ? CPU_COUNT(&set)
                                                          : (int)sysconf(_SC_NPROCESSORS_ONLN);
  return cores >= 2 ? 2 : 0;
}

int kg_cli_push(kg_pipeline *p, kg_doc *doc, int *status, kg_error *fatal) {
  int rc = kg_pipeline_push(p, doc);
  if (rc && !*status) { /* the copy failed: the pipeline never saw it */
    *status = rc;
    kg_error_set(fatal, rc, "%s", "out of memory reading the documents");
  }
  return rc;
}

int kg_cli_outcome(int rc, kg_doc *doc, kg_error *err, void (*warn)(const char *msg, void *ud),
                   void *ud) {
  if (rc == 0)
    return 0;
  kg_doc_destroy(doc);
  if (rc == KG_ERR_NOMEM || rc == KG_ERR_INTERNAL)
    return rc;
  warn(err->msg, ud); /* a bad document among good ones */
  return 1;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fputs(usage, stderr);
    return KG_EXIT_USAGE;
  }
  const char *cmd = argv[1];
  if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h") || !strcmp(cmd, "help")) {
    fputs(usage, stdout);
    return KG_EXIT_OK;
  }
  if (!strcmp(cmd, "--version") || !strcmp(cmd, "-V")) {
    printf("kgraph %s\n", KG_VERSION);
    return KG_EXIT_OK;
  }
  static const struct {
    const char *name;
    int (*run)(int, char **);
  } cmds[] = {
      {"build", kg_cmd_build}, {"extract", kg_cmd_extract}, {"tag", kg_cmd_tag},
      {"train", kg_cmd_train}, {"eval", kg_cmd_eval},
  };
  for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++)
    if (!strcmp(cmd, cmds[i].name))
      return cmds[i].run(argc - 1, argv + 1);
  return kg_cli_usage_error(NULL, "unknown command '%s'", cmd);
}
