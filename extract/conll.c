/* conll.c: read and index CoNLL token files; entity-level scoring.
 *
 * The reader reads the file whole and indexes lines, tokens, sentences and
 * documents in a single pass; nothing is copied.  The scorer reproduces the
 * chunking of conlleval.pl (as ../shared/tools/conll_score.py does), so
 * `kgraph eval` prints the numbers the reference script prints.
 */
#include "conll.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* ----------------------------------------------------------------- reading */

static int read_stream(FILE *f, const char *name, char **out, size_t *out_len, kg_error *err) {
  size_t cap = 1 << 16, len = 0;
  char *buf = malloc(cap);
  if (!buf)
    return kg_error_set(err, KG_ERR_NOMEM, "%s: out of memory", name);
  for (;;) {
    if (cap - len < 2) {
      size_t ncap = cap * 2;
      char *nb = realloc(buf, ncap);
      if (!nb) {
        free(buf);
        return kg_error_set(err, KG_ERR_NOMEM, "%s: out of memory at byte %zu", name, len);
      }
      buf = nb;
      cap = ncap;
    }
    size_t n = fread(buf + len, 1, cap - len - 1, f);
    len += n;
    if (n == 0) {
      if (ferror(f)) {
        free(buf);
        return kg_error_set(err, KG_ERR_IO, "%s: read error at byte %zu", name, len);
      }
      break;
    }
  }
  buf[len] = '\0';
  *out = buf;
  *out_len = len;
  return 0;
}

int kg_conll_read(const char *path, kg_conll *out, kg_error *err) {
  memset(out, 0, sizeof *out);
  bool is_stdin = !path || !strcmp(path, "-");
  const char *name = is_stdin ? "<stdin>" : path;
  FILE *f = is_stdin ? stdin : fopen(path, "rb");
  if (!f)
    return kg_error_set(err, KG_ERR_IO, "%s: cannot open: %s", name, strerror(errno));
  char *buf = NULL;
  size_t len = 0;
  int rc = read_stream(f, name, &buf, &len, err);
  if (!is_stdin)
    fclose(f);
  if (rc)
    return rc;
  rc = kg_conll_parse(buf, len, out, err);
  if (rc && err) {
    /* Name the file in front of the parser's message. */
    char msg[KG_ERROR_MSG_MAX];
    memcpy(msg, err->msg, sizeof msg);
    kg_error_set(err, rc, "%s: %s", name, msg);
  }
  return rc;
}

static bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f'; }

/* Grow *arr (elements of size sz) to hold at least n + 1 elements. */
static int reserve(void **arr, size_t *cap, size_t n, size_t sz) {
  if (n < *cap)
    return 0;
  size_t ncap = *cap ? *cap * 2 : 1024;
  void *p = realloc(*arr, ncap * sz);
  if (!p)
    return KG_ERR_NOMEM;
  *arr = p;
  *cap = ncap;
  return 0;
}

int kg_conll_parse(char *buf, size_t len, kg_conll *out, kg_error *err) {
  memset(out, 0, sizeof *out);
  out->buf = buf;
  out->len = len;
  size_t cap_lines = 0, cap_tok = 0, cap_tags = 0, cap_tl = 0, cap_sent = 0, cap_doc = 0;
  bool in_sent = false;
  int rc = 0;
  size_t pos = 0;
  while (pos < len) {
    char *nl = memchr(buf + pos, '\n', len - pos);
    size_t end = nl ? (size_t)(nl - buf) : len;
    kg_conll_line ln = {.start = pos, .len = end - pos, .eol = nl ? 1 : 0};
    if (ln.len > 0 && buf[end - 1] == '\r' && nl) {
      ln.len--;
      ln.eol = 2;
    }
    const char *s = buf + pos, *e = s + ln.len;
    while (s < e && is_space(*s))
      s++;
    const char *t_end = s;
    while (t_end < e && !is_space(*t_end))
      t_end++;
    if (s == e)
      ln.kind = KG_CONLL_BLANK;
    else if ((size_t)(t_end - s) >= 10 && !memcmp(s, "-DOCSTART-", 10))
      ln.kind = KG_CONLL_DOCSTART, out->has_docstart = true;
    else
      ln.kind = KG_CONLL_TOKEN;
    if (out->n_lines >= UINT32_MAX) {
      rc = kg_error_set(err, KG_ERR_FORMAT, "more than %u lines", UINT32_MAX);
      goto fail;
    }
    if (reserve((void **)&out->lines, &cap_lines, out->n_lines, sizeof *out->lines))
      goto nomem;
    out->lines[out->n_lines] = ln;
    if (ln.kind == KG_CONLL_TOKEN) {
      /* Last column: scan back from the end. */
      const char *l_end = e;
      while (l_end > s && is_space(l_end[-1]))
        l_end--;
      const char *l_start = l_end;
      while (l_start > s && !is_space(l_start[-1]))
        l_start--;
      if (reserve((void **)&out->words, &cap_tok, out->n_tokens, sizeof *out->words) ||
          reserve((void **)&out->tags, &cap_tags, out->n_tokens, sizeof *out->tags) ||
          reserve((void **)&out->token_line, &cap_tl, out->n_tokens, sizeof *out->token_line))
        goto nomem;
      out->words[out->n_tokens] = (kg_str){s, (size_t)(t_end - s)};
      out->tags[out->n_tokens] = (kg_str){l_start, (size_t)(l_end - l_start)};
      out->token_line[out->n_tokens] = (uint32_t)out->n_lines;
      out->n_tokens++;
      if (out->n_tokens >= UINT32_MAX) {
        rc = kg_error_set(err, KG_ERR_FORMAT, "more than %u tokens", UINT32_MAX - 1);
        goto fail;
      }
      in_sent = true;
    } else {
      if (in_sent) {
        if (reserve((void **)&out->sent_ends, &cap_sent, out->n_sents, sizeof *out->sent_ends))
          goto nomem;
        out->sent_ends[out->n_sents++] = (uint32_t)out->n_tokens;
        in_sent = false;
      }
      if (ln.kind == KG_CONLL_DOCSTART && out->n_sents > 0 &&
          (out->n_docs == 0 || out->doc_ends[out->n_docs - 1] != out->n_sents)) {
        if (reserve((void **)&out->doc_ends, &cap_doc, out->n_docs, sizeof *out->doc_ends))
          goto nomem;
        out->doc_ends[out->n_docs++] = (uint32_t)out->n_sents;
      }
    }
    out->n_lines++;
    pos = nl ? end + 1 : len;
  }
  if (in_sent) {
    if (reserve((void **)&out->sent_ends, &cap_sent, out->n_sents, sizeof *out->sent_ends))
      goto nomem;
    out->sent_ends[out->n_sents++] = (uint32_t)out->n_tokens;
  }
  if (out->n_sents > 0 && (out->n_docs == 0 || out->doc_ends[out->n_docs - 1] != out->n_sents)) {
    if (reserve((void **)&out->doc_ends, &cap_doc, out->n_docs, sizeof *out->doc_ends))
      goto nomem;
    out->doc_ends[out->n_docs++] = (uint32_t)out->n_sents;
  }
  return 0;
nomem:
  rc = kg_error_set(err, KG_ERR_NOMEM, "out of memory at line %zu", out->n_lines + 1);
fail:
  kg_conll_destroy(out);
  return rc;
}

void kg_conll_destroy(kg_conll *c) {
  if (!c)
    return;
  free(c->buf);
  free(c->lines);
  free(c->words);
  free(c->tags);
  free(c->token_line);
  free(c->sent_ends);
  free(c->doc_ends);
  memset(c, 0, sizeof *c);
}

/* ----------------------------------------------------------------- scoring */

typedef struct map_item {
  char src[KG_SCORE_TYPE_LEN], dst[KG_SCORE_TYPE_LEN];
} map_item;

struct kg_type_map {
  map_item items[2 * KG_SCORE_MAX_TYPES];
  size_t n;
  bool has_default;
  char def[KG_SCORE_TYPE_LEN]; /* "" = drop */
};

static bool copy_name(char *dst, const char *s, size_t len) {
  while (len > 0 && is_space(*s))
    s++, len--;
  while (len > 0 && is_space(s[len - 1]))
    len--;
  if (len >= KG_SCORE_TYPE_LEN)
    return false;
  memcpy(dst, s, len);
  dst[len] = '\0';
  if (!strcmp(dst, "O") || !strcmp(dst, "-"))
    dst[0] = '\0';
  return true;
}

int kg_type_map_new(const char *spec, kg_type_map **out, kg_error *err) {
  *out = NULL;
  kg_type_map *m = calloc(1, sizeof *m);
  if (!m)
    return kg_error_set(err, KG_ERR_NOMEM, "out of memory");
  const char *p = spec ? spec : "";
  while (*p) {
    const char *comma = strchr(p, ',');
    size_t n = comma ? (size_t)(comma - p) : strlen(p);
    const char *eq = memchr(p, '=', n);
    bool blank = true;
    for (size_t i = 0; i < n; i++)
      blank = blank && is_space(p[i]);
    if (!blank) {
      map_item it = {0};
      if (!eq || !copy_name(it.src, p, (size_t)(eq - p)) ||
          !copy_name(it.dst, eq + 1, n - (size_t)(eq - p) - 1) || m->n >= KG_SCORE_MAX_TYPES) {
        kg_type_map_free(m);
        return kg_error_set(err, KG_ERR_USAGE, "bad type map item '%.*s' (want SRC=DST)", (int)n, p);
      }
      if (!strcmp(it.src, "*")) {
        m->has_default = true;
        memcpy(m->def, it.dst, sizeof m->def);
      } else {
        size_t j = 0;
        while (j < m->n && strcmp(m->items[j].src, it.src))
          j++;
        m->items[j] = it; /* a later item for the same source wins, as in a dict */
        if (j == m->n)
          m->n++;
      }
    }
    p += n;
    if (*p == ',')
      p++;
  }
  /* Target names map to themselves, so '*=O' keeps them. */
  size_t n0 = m->n;
  for (size_t i = 0; i < n0; i++) {
    if (!m->items[i].dst[0])
      continue;
    bool known = false;
    for (size_t j = 0; j < m->n && !known; j++)
      known = !strcmp(m->items[j].src, m->items[i].dst);
    if (!known) {
      memcpy(m->items[m->n].src, m->items[i].dst, KG_SCORE_TYPE_LEN);
      memcpy(m->items[m->n].dst, m->items[i].dst, KG_SCORE_TYPE_LEN);
      m->n++;
    }
  }
  *out = m;
  return 0;
}

void kg_type_map_free(kg_type_map *m) { free(m); }

/* The mapped type of a chunk type, or NULL when dropped. */
static const char *map_type(const kg_type_map *m, const char *t) {
  if (!m)
    return t;
  for (size_t i = 0; i < m->n; i++)
    if (!strcmp(m->items[i].src, t))
      return m->items[i].dst[0] ? m->items[i].dst : NULL;
  if (m->has_default)
    return m->def[0] ? m->def : NULL;
  return t;
}

typedef struct chunk {
  size_t start, end;
  char type[KG_SCORE_TYPE_LEN];
} chunk;

/* conll_score.py split_tag: prefix in B I E S O, type name. */
static char split_tag(kg_str tag, char *type) {
  type[0] = '\0';
  const char *s = tag.ptr;
  size_t n = tag.len;
  if (n == 0 || (n == 1 && (s[0] == 'O' || s[0] == '-' || s[0] == '_')))
    return 'O';
  char p = 'I';
  if (n >= 2 && (s[1] == '-' || s[1] == '_') && strchr("BIESLUbieslu", s[0])) {
    p = (char)(s[0] & ~0x20);
    p = p == 'L' ? 'E' : p == 'U' ? 'S' : p;
    s += 2;
    n -= 2;
  }
  if (n >= KG_SCORE_TYPE_LEN)
    n = KG_SCORE_TYPE_LEN - 1; /* over-long type names are compared on a prefix */
  memcpy(type, s, n);
  type[n] = '\0';
  return p;
}

static bool end_of_chunk(char pp, const char *pt, char p, const char *t) {
  if (pp == 'O')
    return false;
  if (pp == 'E' || pp == 'S')
    return true;
  if (p == 'B' || p == 'S' || p == 'O')
    return true;
  return strcmp(pt, t) != 0;
}

static bool start_of_chunk(char pp, const char *pt, char p, const char *t) {
  if (p == 'O')
    return false;
  if (p == 'B' || p == 'S')
    return true;
  if (pp == 'E' || pp == 'S' || pp == 'O')
    return true;
  return strcmp(pt, t) != 0;
}

/* Visit the chunks of one stream in order; calls fn for each mapped chunk. */
typedef void (*chunk_fn)(const chunk *c, void *ud);
static void each_chunk(const kg_str *tags, size_t n, const kg_type_map *m, chunk_fn fn, void *ud) {
  char pp = 'O', pt[KG_SCORE_TYPE_LEN] = "", t[KG_SCORE_TYPE_LEN];
  size_t start = 0;
  bool open = false;
  for (size_t i = 0; i <= n; i++) {
    bool boundary = i == n || !tags[i].ptr;
    char p = boundary ? 'O' : split_tag(tags[i], t);
    if (boundary)
      t[0] = '\0';
    if (open && end_of_chunk(pp, pt, p, t)) {
      const char *mt = map_type(m, pt);
      if (mt) {
        chunk c = {.start = start, .end = i};
        snprintf(c.type, sizeof c.type, "%s", mt);
        fn(&c, ud);
      }
      open = false;
    }
    if (start_of_chunk(pp, pt, p, t)) {
      start = i;
      open = true;
    }
    pp = p;
    memcpy(pt, t, sizeof pt);
  }
}

typedef struct chunk_list {
  chunk *v;
  size_t n, cap;
  bool oom;
} chunk_list;

static void push_chunk(const chunk *c, void *ud) {
  chunk_list *l = ud;
  if (l->oom)
    return;
  if (reserve((void **)&l->v, &l->cap, l->n, sizeof *l->v)) {
    l->oom = true;
    return;
  }
  l->v[l->n++] = *c;
}

static kg_score_count *type_slot(kg_score *s, const char *name) {
  size_t i = 0;
  while (i < s->n_types && strcmp(s->types[i].name, name) < 0)
    i++;
  if (i < s->n_types && !strcmp(s->types[i].name, name))
    return &s->types[i];
  if (s->n_types == KG_SCORE_MAX_TYPES)
    return NULL;
  memmove(&s->types[i + 1], &s->types[i], (s->n_types - i) * sizeof s->types[0]);
  memset(&s->types[i], 0, sizeof s->types[i]);
  snprintf(s->types[i].name, sizeof s->types[i].name, "%s", name);
  s->n_types++;
  return &s->types[i];
}

static void count(kg_score *s, const char *type, int what) {
  kg_score_count *c = type_slot(s, type);
  if (!c) {
    s->n_unknown++;
    return;
  }
  if (what == 0)
    c->tp++, s->tp++;
  else if (what == 1)
    c->fp++, s->fp++;
  else
    c->fn++, s->fn++;
}

void kg_score_tags(const kg_str *gold, const kg_str *pred, size_t n, const kg_type_map *map,
                   kg_score *out) {
  memset(out, 0, sizeof *out);
  for (size_t i = 0; i < n; i++)
    out->n_tokens += gold[i].ptr != NULL;
  chunk_list g = {0}, p = {0};
  each_chunk(gold, n, map, push_chunk, &g);
  each_chunk(pred, n, map, push_chunk, &p);
  /* Both lists are sorted by start and disjoint within themselves: merge. */
  size_t i = 0, j = 0;
  while (i < g.n || j < p.n) {
    if (j == p.n || (i < g.n && g.v[i].start < p.v[j].start)) {
      count(out, g.v[i++].type, 2);
    } else if (i == g.n || p.v[j].start < g.v[i].start) {
      count(out, p.v[j++].type, 1);
    } else if (g.v[i].end == p.v[j].end && !strcmp(g.v[i].type, p.v[j].type)) {
      count(out, g.v[i].type, 0);
      i++, j++;
    } else {
      count(out, g.v[i++].type, 2);
      count(out, p.v[j++].type, 1);
    }
  }
  if (g.oom || p.oom)
    out->n_unknown++;
  free(g.v);
  free(p.v);
}

void kg_score_prf(size_t tp, size_t fp, size_t fn, double *p, double *r, double *f) {
  *p = tp + fp ? (double)tp / (double)(tp + fp) : 0.0;
  *r = tp + fn ? (double)tp / (double)(tp + fn) : 0.0;
  *f = *p + *r > 0 ? 2 * *p * *r / (*p + *r) : 0.0;
}

void kg_score_print(const kg_score *s, FILE *out) {
  double p, r, f;
  kg_score_prf(s->tp, s->fp, s->fn, &p, &r, &f);
  fprintf(out, "processed %zu tokens with %zu phrases; found: %zu phrases; correct: %zu.\n",
          s->n_tokens, s->tp + s->fn, s->tp + s->fp, s->tp);
  fprintf(out, "micro: precision: %6.2f%%; recall: %6.2f%%; FB1: %6.2f  (tp %zu fp %zu fn %zu)\n",
          100 * p, 100 * r, 100 * f, s->tp, s->fp, s->fn);
  double macro = 0;
  size_t n_gold = 0;
  for (size_t i = 0; i < s->n_types; i++) {
    const kg_score_count *c = &s->types[i];
    kg_score_prf(c->tp, c->fp, c->fn, &p, &r, &f);
    fprintf(out, "%17s: precision: %6.2f%%; recall: %6.2f%%; FB1: %6.2f  %zu  (gold %zu, tp %zu fp %zu fn %zu)\n",
            c->name, 100 * p, 100 * r, 100 * f, c->tp + c->fp, c->tp + c->fn, c->tp, c->fp, c->fn);
    if (c->tp + c->fn > 0) {
      macro += f;
      n_gold++;
    }
  }
  fprintf(out, "macro FB1 over %zu gold types: %6.2f\n", n_gold, n_gold ? 100 * macro / (double)n_gold : 0.0);
}
