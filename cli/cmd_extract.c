/* cmd_extract.c: `kgraph extract INPUT...`: the extract stage alone.
 *
 * Prints one row per entity mention on stdout, as CSV (the columns of
 * mentions.csv) or JSON Lines, while documents stream through; no graph is
 * built. Useful to audit the tagger and resolver on a corpus.  Because it
 * streams, the entity ids are the provisional ones of the moment: a name
 * the gazetteer does not know may still change type (and so id) in a later
 * document; `kgraph build` writes the final ones.
 */
#include <cjson/cJSON.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "export.h"
#include "extract.h"

static const char extract_usage[] =
    "Usage: kgraph extract [options] INPUT...\n"
    "\n"
    "Print the entity mentions found in news text, one per line, on stdout.\n"
    "INPUT: files, folders (recursed: *.txt, *.jsonl) or - for stdin.\n"
    "Mentions are printed as documents stream through, so an entity id is the\n"
    "one known at that point: a name typed differently by later documents may\n"
    "end with another type and id in `kgraph build` (which writes the final ones).\n"
    "\n"
    "Options:\n"
    "  -f, --format F     csv (default; the columns of mentions.csv) or jsonl\n"
    "      --model FILE   tagger model (default: the model built in)\n"
    "      --rules        find names with the rules instead of the statistical\n"
    "                     tagger (faster, lower recall)\n"
    "      --threads N    1 or 2 (default 2 on two cores): threads for tagging;\n"
    "                     the output is the same either way\n"
    "  -h, --help         this help\n";

typedef struct extract_run {
  kg_extractor *x;
  kg_pipeline *pipe;
  kg_mention_writer *csv; /* NULL when writing JSON Lines */
  int status;
  kg_error fatal;
} extract_run;

static void on_warn(const char *msg, void *ud) {
  (void)ud;
  kg_cli_warn("%s", msg);
}

static int print_json(const kg_doc *doc, const kg_mention *m, const kg_entity *e) {
  cJSON *o = cJSON_CreateObject();
  if (!o)
    return KG_ERR_NOMEM;
  char *text = strndup(doc->text + m->start, m->end - m->start);
  bool ok = text && cJSON_AddStringToObject(o, "document", doc->id) &&
            cJSON_AddNumberToObject(o, "sentence", m->sentence) &&
            cJSON_AddNumberToObject(o, "start", m->start) &&
            cJSON_AddNumberToObject(o, "end", m->end) && cJSON_AddStringToObject(o, "text", text) &&
            cJSON_AddStringToObject(o, "entity", e->id) &&
            cJSON_AddStringToObject(o, "type", kg_etype_name(e->type)) &&
            (!doc->date[0] || cJSON_AddStringToObject(o, "date", doc->date));
  char *line = ok ? cJSON_PrintUnformatted(o) : NULL;
  free(text);
  cJSON_Delete(o);
  if (!line)
    return KG_ERR_NOMEM;
  fputs(line, stdout);
  putchar('\n');
  cJSON_free(line);
  return 0;
}

/* A document through the extractor's pipeline, in input order. */
static int on_result(kg_doc *doc, int rc, const kg_doc_result *pres, kg_error *perr, void *ud) {
  extract_run *run = ud;
  kg_error err = *perr;
  const kg_doc_result res = *pres;
  rc = kg_cli_outcome(rc, doc, &err, on_warn, run);
  if (rc) {
    if (rc < 0) {
      run->status = rc;
      run->fatal = err;
    }
    return rc < 0 ? rc : 0;
  }
  const kg_registry *reg = kg_extractor_registry(run->x);
  for (size_t i = 0; !rc && i < res.n_mentions; i++) {
    const kg_mention *m = &res.mentions[i];
    kg_entity e;
    kg_registry_get(reg, m->entity, &e);
    if (run->csv)
      rc = kg_mention_writer_add(run->csv, doc->id, m->sentence, m->start, m->end,
                                 (kg_str){doc->text + m->start, m->end - m->start}, e.id,
                                 kg_etype_name(e.type), &err);
    else if ((rc = print_json(doc, m, &e)))
      kg_error_set(&err, rc, "out of memory");
  }
  kg_doc_destroy(doc);
  if (!rc && ferror(stdout))
    rc = kg_error_set(&err, KG_ERR_IO, "cannot write to standard output");
  if (rc) {
    run->status = rc;
    run->fatal = err;
  }
  return rc;
}

static int on_doc(kg_doc *doc, void *ud) {
  extract_run *run = ud;
  return kg_cli_push(run->pipe, doc, &run->status, &run->fatal);
}

int kg_cmd_extract(int argc, char **argv) {
  enum { OPT_MODEL = 256, OPT_RULES, OPT_THREADS };
  static const struct option longopts[] = {
      {"format", required_argument, NULL, 'f'},
      {"model", required_argument, NULL, OPT_MODEL},
      {"rules", no_argument, NULL, OPT_RULES},
      {"threads", required_argument, NULL, OPT_THREADS},
      {"help", no_argument, NULL, 'h'},
      {NULL, 0, NULL, 0},
  };
  kg_extract_opts xopts = {0};
  bool jsonl = false;
  long long threads = 0; /* the default: kg_cli_workers decides */
  int c;
  optind = 1;
  opterr = 0;
  while ((c = getopt_long(argc, argv, ":f:h", longopts, NULL)) != -1) {
    switch (c) {
    case 'f':
      if (!strcmp(optarg, "jsonl") || !strcmp(optarg, "json"))
        jsonl = true;
      else if (!strcmp(optarg, "csv"))
        jsonl = false;
      else
        return kg_cli_usage_error("extract ", "--format: '%s' is not csv or jsonl", optarg);
      break;
    case OPT_MODEL: xopts.model_path = optarg; break;
    case OPT_RULES: xopts.rules_only = true; break;
    case OPT_THREADS:
      if (!kg_cli_parse_long(optarg, 1, 2, &threads))
        return kg_cli_usage_error("extract ", "--threads wants 1 or 2, not '%s'", optarg);
      break;
    case 'h': fputs(extract_usage, stdout); return KG_EXIT_OK;
    case ':': return kg_cli_usage_error("extract ", "option '%s' needs a value", argv[optind - 1]);
    default: return kg_cli_usage_error("extract ", "unknown option '%s'", argv[optind - 1]);
    }
  }
  if (optind >= argc)
    return kg_cli_usage_error("extract ", "no input: give files, folders or - for stdin");
  if (xopts.rules_only && xopts.model_path)
    return kg_cli_usage_error("extract ", "--rules and --model exclude each other");

  extract_run run = {0};
  kg_error err = {0};
  int rc = kg_extractor_new(&xopts, &run.x, &err);
  if (!rc && !jsonl)
    rc = kg_mention_writer_new(stdout, &run.csv, &err);
  if (!rc)
    rc = kg_pipeline_new(run.x, kg_cli_workers((unsigned)threads), on_result, &run, &run.pipe, &err);
  if (!rc) {
    rc = kg_read_inputs((const char *const *)argv + optind, (size_t)(argc - optind), on_doc,
                        on_warn, &run, NULL, &err);
    int prc = kg_pipeline_finish(run.pipe);
    if (!rc)
      rc = prc;
    kg_pipeline_free(run.pipe);
    if (run.status) {
      rc = run.status;
      err = run.fatal;
    }
  }
  kg_mention_writer_free(run.csv);
  if (!rc && fflush(stdout))
    rc = kg_error_set(&err, KG_ERR_IO, "cannot write to standard output");
  if (rc)
    kg_cli_error("%s", err.msg[0] ? err.msg : "extract failed");
  kg_extractor_free(run.x);
  return rc ? KG_EXIT_FAIL : KG_EXIT_OK;
}
