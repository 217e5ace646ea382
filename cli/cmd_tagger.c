/* cmd_tagger.c: `kgraph tag`, `kgraph train` and `kgraph eval`, the
 * command-line face of the statistical tagger (extract/tagger.h).
 *
 * `tag --conll` is an evaluation interface other tools parse: every input
 * line is written back unchanged, token lines followed by TAB and the
 * predicted IOB2 tag, -DOCSTART- lines by TAB O, blank lines as they were.
 * Input is read whole and output goes through one large buffer.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "conll.h"
#include "tagger.h"

static const char tag_usage[] =
    "Usage: kgraph tag --conll [options] [FILE]\n"
    "\n"
    "Tag CoNLL tokens (FILE, or stdin when absent or -). The token is the first\n"
    "whitespace-separated column of each line; a blank line ends a sentence; a\n"
    "-DOCSTART- line ends a document. Without any, documents are runs of at most 20\n"
    "sentences, and a news dateline (\"LONDON , March 2 -\", \"BRUSSELS 1996-08-22\")\n"
    "starts a new one, with the headline before it. Writes every line unchanged\n"
    "plus a TAB and the predicted IOB2 tag (B-per, I-org, O, ...); blank lines stay\n"
    "blank.\n"
    "\n"
    "Options:\n"
    "      --conll        CoNLL input (required: the only format for now)\n"
    "      --model FILE   tagger model (default: the model built in)\n"
    "      --threads N    1 or 2 (default 2): documents split between threads; the\n"
    "                     output is the same either way\n"
    "      --strip-titles person spans without titles, as CoNLL-2003 annotates them\n"
    "                     (\"President Barack Obama\" -> \"Barack Obama\"); by default\n"
    "                     they follow the GMB training data, which includes titles\n"
    "  -h, --help         this help\n";

static const char train_usage[] =
    "Usage: kgraph train --train FILE [--dev FILE] -o MODEL [options]\n"
    "\n"
    "Train the tagger (averaged structured perceptron) on a CoNLL file whose last\n"
    "column is the gold IOB tag (types per org geo gpe tim eve art nat), keeping the\n"
    "epoch with the best dev F1 over per org geo gpe. Same data + seed = same model.\n"
    "\n"
    "Options:\n"
    "      --train FILE   training data (CoNLL)\n"
    "      --dev FILE     development data used to choose the epoch\n"
    "  -o, --output MODEL where to write the model\n"
    "      --epochs N     passes over the training data (default 15)\n"
    "      --seed N       shuffling seed (default 1)\n"
    "      --clusters FILE word clusters (default: data/model/clusters.tsv, built in)\n"
    "  -q, --quiet        no progress on stderr\n"
    "  -h, --help         this help\n";

static const char eval_usage[] =
    "Usage: kgraph eval --conll FILE [options]\n"
    "\n"
    "Tag FILE (gold IOB tag in its last column) and print entity-level precision,\n"
    "recall and F1 per type and micro-averaged, conlleval style (the numbers of\n"
    "conll_score.py).\n"
    "\n"
    "Options:\n"
    "      --conll FILE   gold data\n"
    "      --model FILE   tagger model (default: the model built in)\n"
    "      --types LIST   score only these types, e.g. per,org,geo,gpe\n"
    "      --map SPEC     rename/drop types after chunking, as conll_score.py --map,\n"
    "                     e.g. 'per=PER,org=ORG,geo=LOC,*=O'\n"
    "      --strip-titles as for kgraph tag: person spans without titles\n"
    "  -h, --help         this help\n";

/* ------------------------------------------------------------ tag --conll */

typedef struct outbuf {
  FILE *f;
  char *buf;
  size_t len, cap;
  bool failed;
} outbuf;

static void out_flush(outbuf *o) {
  if (o->len && !o->failed && fwrite(o->buf, 1, o->len, o->f) != o->len)
    o->failed = true;
  o->len = 0;
}

static void out_put(outbuf *o, const char *s, size_t n) {
  if (o->len + n > o->cap) {
    out_flush(o);
    if (n > o->cap) { /* a huge line: write it directly */
      if (!o->failed && fwrite(s, 1, n, o->f) != n)
        o->failed = true;
      return;
    }
  }
  memcpy(o->buf + o->len, s, n);
  o->len += n;
}

/* The tagger with the gazetteer its features read (*gaz must outlive *t). */
static int load_tagger(const char *model, kg_gazetteer **gaz, kg_tagger **t) {
  kg_error err = {0};
  if (kg_gazetteer_load(gaz, &err) || kg_tagger_load(model, *gaz, t, &err)) {
    kg_cli_error("%s", err.msg);
    return KG_EXIT_FAIL;
  }
  return 0;
}

int kg_cmd_tag(int argc, char **argv) {
  static const struct option opts[] = {{"conll", no_argument, NULL, 'c'},
                                       {"model", required_argument, NULL, 'm'},
                                       {"strip-titles", no_argument, NULL, 'T'},
                                       {"threads", required_argument, NULL, 'j'},
                                       {"help", no_argument, NULL, 'h'},
                                       {NULL, 0, NULL, 0}};
  const char *model = NULL;
  bool conll = false, strip = false;
  long long threads = 2;
  int ch;
  optind = 1;
  while ((ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
    switch (ch) {
    case 'c': conll = true; break;
    case 'm': model = optarg; break;
    case 'T': strip = true; break;
    case 'j':
      if (!kg_cli_parse_long(optarg, 1, 2, &threads))
        return kg_cli_usage_error("tag ", "tag: --threads wants 1 or 2, not '%s'", optarg);
      break;
    case 'h': fputs(tag_usage, stdout); return KG_EXIT_OK;
    default: return kg_cli_usage_error("tag ", "bad option");
    }
  }
  if (!conll)
    return kg_cli_usage_error("tag ", "tag: --conll is required");
  if (argc - optind > 1)
    return kg_cli_usage_error("tag ", "tag: one input file at most");
  const char *path = optind < argc ? argv[optind] : "-";

  int rc = KG_EXIT_FAIL;
  kg_error err = {0};
  kg_gazetteer *gaz = NULL;
  kg_tagger *t = NULL;
  kg_conll c;
  memset(&c, 0, sizeof c);
  uint8_t *labels = NULL;
  outbuf o = {.f = stdout, .cap = 1 << 20};
  if (load_tagger(model, &gaz, &t))
    goto done;
  if (kg_conll_read(path, &c, &err)) {
    kg_cli_error("%s", err.msg);
    goto done;
  }
  labels = malloc(c.n_tokens + 1);
  o.buf = malloc(o.cap);
  if (!labels || !o.buf) {
    kg_cli_error("tag: out of memory");
    goto done;
  }
  if (kg_tagger_tag_conll_mt(t, &c, labels, (unsigned)threads, &err)) {
    kg_cli_error("%s", err.msg);
    goto done;
  }
  if (strip)
    kg_tagger_strip_titles(t, c.words, c.n_tokens, labels);
  size_t tok = 0;
  for (size_t i = 0; i < c.n_lines; i++) {
    const kg_conll_line *ln = &c.lines[i];
    out_put(&o, c.buf + ln->start, ln->len);
    if (ln->kind == KG_CONLL_TOKEN) {
      const char *lab = kg_tagger_label(t, labels[tok++]);
      out_put(&o, "\t", 1);
      out_put(&o, lab, strlen(lab));
    } else if (ln->kind == KG_CONLL_DOCSTART) {
      out_put(&o, "\tO", 2);
    }
    out_put(&o, ln->eol == 2 ? "\r\n" : "\n", ln->eol == 2 ? 2 : 1);
  }
  out_flush(&o);
  if (o.failed || fflush(stdout)) {
    kg_cli_error("tag: cannot write the output");
    goto done;
  }
  rc = KG_EXIT_OK;
done:
  free(o.buf);
  free(labels);
  kg_conll_destroy(&c);
  kg_tagger_free(t);
  kg_gazetteer_free(gaz);
  return rc;
}

/* ------------------------------------------------------------------ train */

int kg_cmd_train(int argc, char **argv) {
  static const struct option opts[] = {{"train", required_argument, NULL, 't'},
                                       {"dev", required_argument, NULL, 'd'},
                                       {"output", required_argument, NULL, 'o'},
                                       {"epochs", required_argument, NULL, 'e'},
                                       {"seed", required_argument, NULL, 's'},
                                       {"clusters", required_argument, NULL, 'C'},
                                       {"quiet", no_argument, NULL, 'q'},
                                       {"help", no_argument, NULL, 'h'},
                                       {NULL, 0, NULL, 0}};
  const char *train = NULL, *dev = NULL, *output = NULL, *clusters = NULL;
  long long epochs = 0, seed = 1;
  bool quiet = false;
  int ch;
  optind = 1;
  while ((ch = getopt_long(argc, argv, "o:qh", opts, NULL)) != -1) {
    switch (ch) {
    case 't': train = optarg; break;
    case 'd': dev = optarg; break;
    case 'o': output = optarg; break;
    case 'e':
      if (!kg_cli_parse_long(optarg, 1, 1000, &epochs))
        return kg_cli_usage_error("train ", "train: --epochs wants a number from 1 to 1000, not '%s'", optarg);
      break;
    case 's':
      if (!kg_cli_parse_long(optarg, 0, INT64_MAX, &seed))
        return kg_cli_usage_error("train ", "train: --seed wants a non-negative number, not '%s'", optarg);
      break;
    case 'C': clusters = optarg; break;
    case 'q': quiet = true; break;
    case 'h': fputs(train_usage, stdout); return KG_EXIT_OK;
    default: return kg_cli_usage_error("train ", "bad option");
    }
  }
  if (!train || !output || optind < argc)
    return kg_cli_usage_error("train ", "train: want --train FILE -o MODEL (and --dev FILE)");
  kg_train_opts to = {.epochs = (unsigned)epochs, .seed = (uint64_t)seed, .log = quiet ? NULL : stderr,
                      .clusters = clusters};
  kg_error err = {0};
  kg_gazetteer *gaz = NULL;
  kg_tagger *t = NULL;
  int rc = KG_EXIT_OK;
  if (kg_gazetteer_load(&gaz, &err) || kg_tagger_train(train, dev, gaz, &to, &t, &err) ||
      kg_tagger_save(t, output, &err)) {
    kg_cli_error("%s", err.msg);
    rc = KG_EXIT_FAIL;
  }
  kg_tagger_free(t);
  kg_gazetteer_free(gaz);
  return rc;
}

/* ------------------------------------------------------------------- eval */

int kg_cmd_eval(int argc, char **argv) {
  static const struct option opts[] = {{"conll", required_argument, NULL, 'c'},
                                       {"model", required_argument, NULL, 'm'},
                                       {"types", required_argument, NULL, 't'},
                                       {"map", required_argument, NULL, 'M'},
                                       {"strip-titles", no_argument, NULL, 'T'},
                                       {"help", no_argument, NULL, 'h'},
                                       {NULL, 0, NULL, 0}};
  const char *path = NULL, *model = NULL, *types = NULL, *spec = NULL;
  bool strip = false;
  int ch;
  optind = 1;
  while ((ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
    switch (ch) {
    case 'c': path = optarg; break;
    case 'm': model = optarg; break;
    case 't': types = optarg; break;
    case 'M': spec = optarg; break;
    case 'T': strip = true; break;
    case 'h': fputs(eval_usage, stdout); return KG_EXIT_OK;
    default: return kg_cli_usage_error("eval ", "bad option");
    }
  }
  if (!path || optind < argc)
    return kg_cli_usage_error("eval ", "eval: want --conll FILE");
  if (types && spec)
    return kg_cli_usage_error("eval ", "eval: --types and --map do not combine; write it all in --map");
  char *built = NULL;
  if (types) { /* "per,org" -> "per=per,org=org,*=O" */
    size_t n = strlen(types);
    built = malloc(2 * n + 8);
    if (!built) {
      kg_cli_error("eval: out of memory");
      return KG_EXIT_FAIL;
    }
    size_t k = 0;
    for (const char *p = types; *p;) {
      size_t m = strcspn(p, ",");
      if (m) {
        memcpy(built + k, p, m), k += m;
        built[k++] = '=';
        memcpy(built + k, p, m), k += m;
        built[k++] = ',';
      }
      p += m + (p[m] == ',');
    }
    memcpy(built + k, "*=O", 4);
    spec = built;
  }
  int rc = KG_EXIT_FAIL;
  kg_error err = {0};
  kg_type_map *map = NULL;
  kg_gazetteer *gaz = NULL;
  kg_tagger *t = NULL;
  kg_tagger_state *st = NULL;
  kg_conll c;
  memset(&c, 0, sizeof c);
  uint8_t *labels = NULL;
  if (kg_type_map_new(spec, &map, &err)) {
    free(built);
    return kg_cli_usage_error("eval ", "eval: %s", err.msg);
  }
  if (load_tagger(model, &gaz, &t))
    goto done;
  if (kg_conll_read(path, &c, &err)) {
    kg_cli_error("%s", err.msg);
    goto done;
  }
  st = kg_tagger_state_new();
  labels = malloc(c.n_tokens + 1);
  if (!st || !labels) {
    kg_cli_error("eval: out of memory");
    goto done;
  }
  if (kg_tagger_tag_conll(t, st, &c, labels, &err)) {
    kg_cli_error("%s", err.msg);
    goto done;
  }
  if (strip)
    kg_tagger_strip_titles(t, c.words, c.n_tokens, labels);
  kg_score s;
  if (kg_tagger_score_conll(&c, labels, map, &s)) {
    kg_cli_error("eval: out of memory");
    goto done;
  }
  kg_score_print(&s, stdout);
  rc = fflush(stdout) ? KG_EXIT_FAIL : KG_EXIT_OK;
done:
  free(built);
  free(labels);
  kg_conll_destroy(&c);
  kg_tagger_state_free(st);
  kg_tagger_free(t);
  kg_gazetteer_free(gaz);
  kg_type_map_free(map);
  return rc;
}
