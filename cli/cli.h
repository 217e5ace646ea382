/* cli.h: the kgraph subcommands and what they share.
 * Exit codes: 0 success, 1 runtime error, 2 bad usage (jq's convention). */
#ifndef KG_CLI_H
#define KG_CLI_H

#include <stdbool.h>

enum { KG_EXIT_OK = 0, KG_EXIT_FAIL = 1, KG_EXIT_USAGE = 2 };

int kg_cmd_build(int argc, char **argv);
int kg_cmd_extract(int argc, char **argv);
int kg_cmd_tag(int argc, char **argv);
int kg_cmd_train(int argc, char **argv);
int kg_cmd_eval(int argc, char **argv);

/* "kgraph: <message>" on stderr, one line. */
void kg_cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void kg_cli_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Usage error: message plus "Try 'kgraph <cmd> --help'."; returns KG_EXIT_USAGE. */
int kg_cli_usage_error(const char *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

struct kg_extractor;
struct kg_doc;
struct kg_doc_result;
struct kg_error;
/* What the extractor's rc for doc means for the run. 0: done, its result
 * is valid. 1: the document is skipped: warn(message, ud) was called and
 * doc destroyed. Negative: the run must stop (out of memory, a library
 * failure): *err says why and doc is destroyed. */
int kg_cli_outcome(int rc, struct kg_doc *doc, struct kg_error *err,
                   void (*warn)(const char *msg, void *ud), void *ud);

/* Push doc into the extractor's pipeline (kg_pipeline_push), for a
 * kg_doc_fn: when the pipeline cannot take it (out of memory), *status and
 * *fatal get why, unless an earlier error is there. */
struct kg_pipeline;
int kg_cli_push(struct kg_pipeline *p, struct kg_doc *doc, int *status, struct kg_error *fatal);

/* Worker threads for the extractor's pipeline (kg_pipeline_new) when the
 * user asks for `threads` (--threads 1 or 2; 0: the default, 2 when the
 * machine has two cores or more): with one, everything runs on the
 * caller's thread; with two, two workers tag while the caller's thread
 * reads and resolves (on two cores that beats one worker: 2.1 s against
 * 3.1 s for the bench corpus's extraction). */
unsigned kg_cli_workers(unsigned threads);

/* Strict number parsing for option values; false when s is not a number. */
bool kg_cli_parse_long(const char *s, long long min, long long max, long long *out);
bool kg_cli_parse_double(const char *s, double *out);

#endif
