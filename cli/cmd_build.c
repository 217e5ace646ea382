/* cmd_build.c: `kgraph build INPUT... -o OUTDIR`, the main job.
 *
 * Streams documents through the extractor and counts co-occurrences (by
 * entity index) as it goes, keeping the mentions in a compact buffer: an
 * entity's type and id are final only once every document is in (a name is
 * one entity whatever type each article gave it, an acronym no article of
 * its own spells out joins the entity the others spell it out as, and a
 * surname only written with a title joins the full name with that title:
 * settle).  Then it writes
 * mentions.csv with the final ids, builds and analyses the graph and stages
 * every output file; only a complete run renames them into OUTDIR.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "export.h"
#include "extract.h"
#include "graph.h"

static const char build_usage[] =
    "Usage: kgraph build [options] INPUT... -o OUTDIR\n"
    "\n"
    "Extract entities from news text and write the co-occurrence graph to OUTDIR:\n"
    "graph.graphml, graph.gexf, graph.dot, nodes.csv, edges.csv, mentions.csv.\n"
    "INPUT: files, folders (recursed: *.txt, *.jsonl) or - for stdin.\n"
    "\n"
    "Options:\n"
    "  -o, --output DIR         output folder (created if missing; required)\n"
    "  -w, --window W           sentence (default), paragraph, document or tokens:N\n"
    "      --weight S           count (default), documents, npmi, association, jaccard\n"
    "      --min-mentions N     drop entities mentioned fewer than N times\n"
    "      --min-weight X       drop edges whose weight is below X\n"
    "      --top N              keep the N entities with the highest weighted degree\n"
    "      --types LIST         comma-separated: person,organization,country,event,location\n"
    "      --seed N             community detection seed (default 1)\n"
    "      --model FILE         tagger model (default: the model built in)\n"
    "      --rules              find names with the rules instead of the statistical\n"
    "                           tagger (faster, lower recall)\n"
    "      --gexf-version V     1.3 (default, Gephi's format) or 1.2draft (older readers,\n"
    "                           e.g. networkx before 3.6)\n"
    "      --threads N          1 or 2 (default 2 on two cores): threads for tagging and\n"
    "                           betweenness; the output is the same either way\n"
    "  -q, --quiet              no progress or summary on stderr\n"
    "  -h, --help               this help\n";

/* One buffered mention: 32 bytes; its text and document id live in the
 * arena (offsets, as the arena moves when it grows). */
typedef struct mrow {
  uint64_t text; /* arena offset of the surface text */
  uint32_t text_len;
  uint32_t doc; /* index into mbuf.docs */
  uint32_t sentence, start, end;
  uint32_t entity;
} mrow;

typedef struct mbuf {
  mrow *rows;
  size_t n, cap;
  char *arena;
  size_t used, cap_arena;
  uint64_t *docs; /* arena offsets of the NUL-terminated document ids */
  size_t n_docs, cap_docs;
} mbuf;

static void mbuf_destroy(mbuf *b) {
  free(b->rows);
  free(b->arena);
  free(b->docs);
}

static int grow(void **p, size_t *cap, size_t need, size_t elem, size_t first) {
  if (need <= *cap)
    return 0;
  size_t c = *cap ? *cap : first;
  while (c < need)
    c *= 2;
  void *q = realloc(*p, c * elem);
  if (!q)
    return KG_ERR_NOMEM;
  *p = q;
  *cap = c;
  return 0;
}

/* Copy s into the arena; *off gets its offset. */
static int mbuf_store(mbuf *b, const char *s, size_t len, bool nul, uint64_t *off) {
  if (grow((void **)&b->arena, &b->cap_arena, b->used + len + 1, 1, 1 << 16) != 0)
    return KG_ERR_NOMEM;
  memcpy(b->arena + b->used, s, len);
  if (nul)
    b->arena[b->used + len] = '\0';
  *off = b->used;
  b->used += len + nul;
  return 0;
}

/* Keep the mentions of one document. */
static int mbuf_add_doc(mbuf *b, const kg_doc *doc, const kg_doc_result *res) {
  uint64_t id;
  if (grow((void **)&b->docs, &b->cap_docs, b->n_docs + 1, sizeof *b->docs, 256) != 0 ||
      grow((void **)&b->rows, &b->cap, b->n + res->n_mentions, sizeof *b->rows, 4096) != 0 ||
      mbuf_store(b, doc->id, strlen(doc->id), true, &id) != 0)
    return KG_ERR_NOMEM;
  b->docs[b->n_docs] = id;
  for (size_t i = 0; i < res->n_mentions; i++) {
    const kg_mention *m = &res->mentions[i];
    mrow *r = &b->rows[b->n++];
    if (mbuf_store(b, doc->text + m->start, m->end - m->start, false, &r->text) != 0)
      return KG_ERR_NOMEM;
    r->text_len = m->end - m->start;
    r->doc = (uint32_t)b->n_docs;
    r->sentence = m->sentence;
    r->start = m->start;
    r->end = m->end;
    r->entity = m->entity;
  }
  b->n_docs++;
  return 0;
}

/* mentions.csv with each entity's final id and type. */
static int mbuf_write(const mbuf *b, const kg_registry *reg, FILE *f, kg_error *err) {
  kg_mention_writer *w = NULL;
  int rc = kg_mention_writer_new(f, &w, err);
  for (size_t i = 0; !rc && i < b->n; i++) {
    const mrow *r = &b->rows[i];
    kg_entity e;
    kg_registry_get(reg, r->entity, &e);
    rc = kg_mention_writer_add(w, b->arena + b->docs[r->doc], r->sentence, r->start, r->end,
                               (kg_str){b->arena + r->text, r->text_len}, e.id,
                               kg_etype_name(e.type), err);
  }
  kg_mention_writer_free(w);
  return rc;
}

/* Which entities have mentions in one document, for kg_extractor_settle:
 * every (entity << 32 | document) of the mentions, sorted, made on first
 * use. */
typedef struct share_index {
  const mbuf *b;
  uint64_t *v;
  size_t n;
  bool failed; /* out of memory: every answer is "yes", and the run fails */
} share_index;

static bool share_doc(void *ctx, uint32_t a, uint32_t b) {
  share_index *s = ctx;
  if (!s->v && !s->failed) {
    if (!(s->v = malloc((s->b->n ? s->b->n : 1) * sizeof *s->v))) {
      s->failed = true;
    } else {
      for (size_t i = 0; i < s->b->n; i++)
        s->v[i] = (uint64_t)s->b->rows[i].entity << 32 | s->b->rows[i].doc;
      s->n = s->b->n;
      kg_entity_docs_sort(s->v, s->n);
    }
  }
  return s->failed || kg_entity_docs_share(s->v, s->n, a, b);
}

typedef struct build_run {
  kg_extractor *x;
  kg_pipeline *pipe;
  kg_counter *counter;
  mbuf mentions;
  const kg_registry *reg;
  bool quiet, progress;
  size_t n_docs, n_mentions, n_skipped;
  int status;     /* first fatal error, 0 if none */
  kg_error fatal; /* its message */
} build_run;

/* Pending acronyms and titled lone surnames join their entities, in the
 * registry and the counts. */
static int settle(build_run *run, kg_error *err) {
  size_t n = kg_registry_size(run->reg);
  uint32_t *into = malloc((n ? n : 1) * sizeof *into);
  if (!into)
    return kg_error_set(err, KG_ERR_NOMEM, "out of memory for %zu entities", n);
  share_index si = {.b = &run->mentions};
  int rc = kg_extractor_settle(run->x, share_doc, &si, into, err);
  if (!rc && si.failed)
    rc = kg_error_set(err, KG_ERR_NOMEM, "out of memory indexing %zu mentions", run->mentions.n);
  if (!rc)
    rc = kg_counter_merge(run->counter, into, n, err);
  free(si.v);
  free(into);
  return rc;
}

static void on_warn(const char *msg, void *ud) {
  build_run *run = ud;
  run->n_skipped++;
  if (run->progress)
    fputc('\n', stderr);
  kg_cli_warn("%s", msg);
}

/* A document through the extractor's pipeline, in input order. */
static int on_result(kg_doc *doc, int rc, const kg_doc_result *res, kg_error *perr, void *ud) {
  build_run *run = ud;
  kg_error err = *perr;
  rc = kg_cli_outcome(rc, doc, &err, on_warn, run);
  if (rc) {
    if (rc < 0) {
      run->status = rc;
      run->fatal = err;
    }
    return rc < 0 ? rc : 0;
  }
  rc = kg_counter_add(run->counter, doc, res, &err);
  if (!rc && mbuf_add_doc(&run->mentions, doc, res) != 0)
    rc = kg_error_set(&err, KG_ERR_NOMEM, "%s: out of memory for the mentions", doc->id);
  run->n_mentions += res->n_mentions;
  kg_doc_destroy(doc);
  if (rc) {
    run->status = rc;
    run->fatal = err;
    return rc;
  }
  run->n_docs++;
  if (run->progress && run->n_docs % 256 == 0)
    fprintf(stderr, "\rkgraph: %zu documents, %zu mentions", run->n_docs, run->n_mentions);
  return 0;
}

static int on_doc(kg_doc *doc, void *ud) {
  build_run *run = ud;
  return kg_cli_push(run->pipe, doc, &run->status, &run->fatal);
}

static bool parse_types(const char *s, unsigned *out) {
  unsigned mask = 0;
  while (*s) {
    const char *comma = strchr(s, ',');
    size_t len = comma ? (size_t)(comma - s) : strlen(s);
    int t = kg_etype_parse(s, len);
    if (t < 0)
      return false;
    mask |= 1u << t;
    s += len + (comma != NULL);
  }
  *out = mask;
  return mask != 0;
}

int kg_cmd_build(int argc, char **argv) {
  enum {
    OPT_WEIGHT = 256,
    OPT_MIN_MENTIONS,
    OPT_MIN_WEIGHT,
    OPT_TOP,
    OPT_TYPES,
    OPT_SEED,
    OPT_MODEL,
    OPT_RULES,
    OPT_GEXF,
    OPT_THREADS
  };
  static const struct option longopts[] = {
      {"output", required_argument, NULL, 'o'},
      {"window", required_argument, NULL, 'w'},
      {"weight", required_argument, NULL, OPT_WEIGHT},
      {"min-mentions", required_argument, NULL, OPT_MIN_MENTIONS},
      {"min-weight", required_argument, NULL, OPT_MIN_WEIGHT},
      {"top", required_argument, NULL, OPT_TOP},
      {"types", required_argument, NULL, OPT_TYPES},
      {"seed", required_argument, NULL, OPT_SEED},
      {"model", required_argument, NULL, OPT_MODEL},
      {"rules", no_argument, NULL, OPT_RULES},
      {"gexf-version", required_argument, NULL, OPT_GEXF},
      {"threads", required_argument, NULL, OPT_THREADS},
      {"quiet", no_argument, NULL, 'q'},
      {"help", no_argument, NULL, 'h'},
      {NULL, 0, NULL, 0},
  };
  kg_graph_opts gopts;
  kg_graph_opts_init(&gopts);
  kg_extract_opts xopts = {0};
  kg_export_opts xport = {.gexf = KG_GEXF_1_3};
  const char *outdir = NULL;
  bool quiet = false;
  kg_error err = {0};
  long long v;
  double d;
  int c;
  optind = 1;
  opterr = 0;
  while ((c = getopt_long(argc, argv, ":o:w:qh", longopts, NULL)) != -1) {
    switch (c) {
    case 'o': outdir = optarg; break;
    case 'w':
      if (kg_window_parse(optarg, &gopts.window, &err))
        return kg_cli_usage_error("build ", "%s", err.msg);
      break;
    case OPT_WEIGHT:
      if (kg_weight_parse(optarg, &gopts.weight, &err))
        return kg_cli_usage_error("build ", "%s", err.msg);
      break;
    case OPT_MIN_MENTIONS:
      if (!kg_cli_parse_long(optarg, 0, INT64_MAX, &v))
        return kg_cli_usage_error("build ", "--min-mentions: '%s' is not a whole number >= 0", optarg);
      gopts.min_mentions = v;
      break;
    case OPT_MIN_WEIGHT:
      if (!kg_cli_parse_double(optarg, &d))
        return kg_cli_usage_error("build ", "--min-weight: '%s' is not a finite number", optarg);
      gopts.min_weight = d;
      break;
    case OPT_TOP:
      if (!kg_cli_parse_long(optarg, 1, INT64_MAX, &v))
        return kg_cli_usage_error("build ", "--top: '%s' is not a whole number >= 1", optarg);
      gopts.top = (size_t)v;
      break;
    case OPT_TYPES:
      if (!parse_types(optarg, &gopts.types))
        return kg_cli_usage_error("build ", "--types: '%s' is not a comma-separated list of "
                                  "person, organization, country, event, location", optarg);
      break;
    case OPT_SEED:
      if (!kg_cli_parse_long(optarg, 0, INT64_MAX, &v))
        return kg_cli_usage_error("build ", "--seed: '%s' is not a whole number >= 0", optarg);
      gopts.seed = (uint64_t)v;
      break;
    case OPT_MODEL: xopts.model_path = optarg; break;
    case OPT_RULES: xopts.rules_only = true; break;
    case OPT_GEXF:
      if (!strcmp(optarg, "1.3"))
        xport.gexf = KG_GEXF_1_3;
      else if (!strcmp(optarg, "1.2draft") || !strcmp(optarg, "1.2"))
        xport.gexf = KG_GEXF_1_2DRAFT;
      else
        return kg_cli_usage_error("build ", "--gexf-version: '%s' is not 1.3 or 1.2draft", optarg);
      break;
    case OPT_THREADS:
      if (!kg_cli_parse_long(optarg, 1, 2, &v))
        return kg_cli_usage_error("build ", "--threads wants 1 or 2, not '%s'", optarg);
      gopts.threads = xport.threads = (unsigned)v;
      break;
    case 'q': quiet = true; break;
    case 'h': fputs(build_usage, stdout); return KG_EXIT_OK;
    case ':': return kg_cli_usage_error("build ", "option '%s' needs a value", argv[optind - 1]);
    default: return kg_cli_usage_error("build ", "unknown option '%s'", argv[optind - 1]);
    }
  }
  if (!outdir)
    return kg_cli_usage_error("build ", "no output folder: give -o OUTDIR");
  if (xopts.rules_only && xopts.model_path)
    return kg_cli_usage_error("build ", "--rules and --model exclude each other");
  if (optind >= argc)
    return kg_cli_usage_error("build ", "no input: give files, folders or - for stdin");

  build_run run = {.quiet = quiet, .progress = !quiet && isatty(STDERR_FILENO)};
  kg_outdir *od = NULL;
  kg_graph *g = NULL;
  int rc = kg_extractor_new(&xopts, &run.x, &err);
  if (!rc)
    rc = kg_outdir_open(outdir, &od, &err);
  if (!rc && !(run.counter = kg_counter_new(&gopts)))
    rc = kg_error_set(&err, KG_ERR_NOMEM, "out of memory");
  if (!rc)
    rc = kg_pipeline_new(run.x, kg_cli_workers(gopts.threads), on_result, &run, &run.pipe, &err);
  if (!rc) {
    run.reg = kg_extractor_registry(run.x);
    size_t n_read = 0;
    rc = kg_read_inputs((const char *const *)argv + optind, (size_t)(argc - optind), on_doc,
                        on_warn, &run, &n_read, &err);
    int prc = kg_pipeline_finish(run.pipe);
    if (!rc)
      rc = prc;
    kg_pipeline_free(run.pipe);
    run.pipe = NULL;
    if (run.progress)
      fputc('\n', stderr);
    if (run.status) {
      rc = run.status;
      err = run.fatal;
    } else if (!rc && run.n_docs == 0) {
      rc = kg_error_set(&err, KG_ERR_EMPTY, "no usable document in the input");
    }
  }
  if (!rc)
    rc = settle(&run, &err);
  FILE *mf = NULL;
  if (!rc && !(mf = kg_outdir_create(od, "mentions.csv", &err)))
    rc = err.code ? err.code : KG_ERR_IO;
  if (!rc)
    rc = mbuf_write(&run.mentions, run.reg, mf, &err);
  mbuf_destroy(&run.mentions);
  kg_entity *ents = NULL;
  size_t n_ents = rc ? 0 : kg_registry_size(run.reg);
  if (!rc && !(ents = calloc(n_ents ? n_ents : 1, sizeof *ents)))
    rc = kg_error_set(&err, KG_ERR_NOMEM, "out of memory for %zu entities", n_ents);
  for (size_t i = 0; !rc && i < n_ents; i++)
    kg_registry_get(run.reg, i, &ents[i]);
  if (!rc)
    rc = kg_graph_build(run.counter, ents, n_ents, &gopts, &g, &err);
  free(ents);
  if (!rc)
    rc = kg_export_graph(g, od, &xport, &err);
  if (!rc) {
    rc = kg_outdir_commit(od, &err);
    od = NULL;
  }
  if (!rc && !quiet)
    fprintf(stderr, "kgraph: %zu documents (%zu skipped), %zu mentions, %zu nodes, %zu edges, "
                    "%zu communities -> %s\n",
            run.n_docs, run.n_skipped, run.n_mentions, kg_graph_n_nodes(g), kg_graph_n_edges(g),
            kg_graph_n_communities(g), outdir);
  if (!rc && !quiet && kg_graph_betweenness_sources(g))
    fprintf(stderr, "kgraph: note: Betweenness estimated from %zu sampled sources (the graph is "
                    "too large for the exact value)\n", kg_graph_betweenness_sources(g));
  if (rc)
    kg_cli_error("%s", err.msg[0] ? err.msg : "build failed");
  kg_outdir_abort(od);
  kg_graph_free(g);
  kg_counter_free(run.counter);
  kg_extractor_free(run.x);
  return rc ? KG_EXIT_FAIL : KG_EXIT_OK;
}
