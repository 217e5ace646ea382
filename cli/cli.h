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
/* Run the extractor on doc. 0: done, *res is valid. 1: the document is
 * skipped: warn(message, ud) was called and doc destroyed. Negative: the run
 * must stop (out of memory, a library failure): *err says why and doc is
 * destroyed. */
int kg_cli_process(struct kg_extractor *x, struct kg_doc *doc, struct kg_doc_result *res,
                   struct kg_error *err, void (*warn)(const char *msg, void *ud), void *ud);

/* Strict number parsing for option values; false when s is not a number. */
bool kg_cli_parse_long(const char *s, long long min, long long max, long long *out);
bool kg_cli_parse_double(const char *s, double *out);

#endif
