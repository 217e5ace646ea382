/* fixture.c: builds the in-memory corpora of fixture.h. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"

static bool is_space(char ch) { return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r'; }

/* Trimmed byte range [from, to) of the text as a sentence. */
static void close_sentence(fx_doc *d, const char *text, size_t from, size_t to, uint32_t par) {
  while (from < to && is_space(text[from]))
    from++;
  while (to > from && is_space(text[to - 1]))
    to--;
  if (from == to)
    return;
  kg_sentence *s = &d->sentences[d->res.seg.n_sentences++];
  *s = (kg_sentence){.start = (uint32_t)from, .end = (uint32_t)to, .paragraph = par};
}

void fx_doc_init(fx_doc *d, const char *id, const char *date, const char *markup) {
  memset(d, 0, sizeof *d);
  size_t cap = strlen(markup) + 2 * strlen(markup) + 16;
  char *text = calloc(cap, 1);
  d->sentences = calloc(cap, sizeof *d->sentences);
  d->mentions = calloc(cap, sizeof *d->mentions);
  d->tokens = calloc(cap, sizeof *d->tokens);
  cr_assert(text && d->sentences && d->mentions && d->tokens, "fixture: out of memory");
  size_t n = 0, sent_from = 0;
  uint32_t par = 0;
  for (const char *p = markup; *p;) {
    if (*p == '|' || *p == '#') {
      close_sentence(d, text, sent_from, n, par);
      if (*p == '#') {
        par++;
        text[n++] = '\n';
        text[n++] = '\n';
      }
      sent_from = n;
      p++;
    } else if (*p == '[') {
      char *end;
      unsigned long e = strtoul(p + 1, &end, 10);
      cr_assert(end != p + 1 && *end == ' ', "fixture: '[' must be followed by N and a space");
      const char *close = strchr(end, ']');
      cr_assert(close, "fixture: unclosed mention");
      kg_mention *m = &d->mentions[d->res.n_mentions++];
      m->start = (uint32_t)n;
      memcpy(text + n, end + 1, (size_t)(close - end - 1));
      n += (size_t)(close - end - 1);
      m->end = (uint32_t)n;
      m->entity = (uint32_t)e;
      m->type = KG_PERSON;
      p = close + 1;
    } else {
      text[n++] = *p++;
    }
  }
  close_sentence(d, text, sent_from, n, par);
  d->res.seg.n_paragraphs = par + 1;

  /* Tokens, then each sentence's and mention's token range. */
  for (size_t i = 0; i < n;) {
    if (is_space(text[i])) {
      i++;
      continue;
    }
    size_t j = i;
    while (j < n && !is_space(text[j]))
      j++;
    d->tokens[d->res.seg.n_tokens++] = (kg_token){(uint32_t)i, (uint32_t)(j - i)};
    i = j;
  }
  for (size_t k = 0; k < d->res.seg.n_sentences; k++) {
    kg_sentence *s = &d->sentences[k];
    s->tok_start = s->tok_end = 0;
    bool any = false;
    for (size_t t = 0; t < d->res.seg.n_tokens; t++)
      if (d->tokens[t].start >= s->start && d->tokens[t].start < s->end) {
        if (!any)
          s->tok_start = (uint32_t)t;
        s->tok_end = (uint32_t)t + 1;
        any = true;
      }
  }
  for (size_t k = 0; k < d->res.n_mentions; k++) {
    kg_mention *m = &d->mentions[k];
    for (size_t t = 0; t < d->res.seg.n_tokens; t++) {
      const kg_token *tk = &d->tokens[t];
      if (tk->start <= m->start && m->start < tk->start + tk->len)
        m->tok_start = (uint32_t)t;
      if (tk->start < m->end)
        m->tok_end = (uint32_t)t + 1;
    }
    bool found = false;
    for (size_t s = 0; s < d->res.seg.n_sentences; s++)
      if (d->sentences[s].start <= m->start && m->start < d->sentences[s].end) {
        m->sentence = (uint32_t)s;
        m->paragraph = d->sentences[s].paragraph;
        found = true;
      }
    cr_assert(found, "fixture: mention %zu is in no sentence", k);
  }
  d->res.seg.tokens = d->tokens;
  d->res.seg.sentences = d->sentences;
  d->res.mentions = d->mentions;
  d->doc.id = strdup(id);
  snprintf(d->doc.date, sizeof d->doc.date, "%s", date);
  d->doc.text = text;
  d->doc.len = n;
}

void fx_doc_destroy(fx_doc *d) {
  free(d->doc.id);
  free(d->doc.text);
  free(d->tokens);
  free(d->sentences);
  free(d->mentions);
  memset(d, 0, sizeof *d);
}

kg_counter *fx_count(const kg_graph_opts *opts, const fx_doc *docs, size_t n,
                     const size_t *order) {
  kg_counter *c = kg_counter_new(opts);
  cr_assert(c, "kg_counter_new should succeed");
  for (size_t k = 0; k < n; k++) {
    const fx_doc *d = &docs[order ? order[k] : k];
    kg_error err = {0};
    int rc = kg_counter_add(c, &d->doc, &d->res, &err);
    cr_assert_eq(rc, 0, "kg_counter_add(%s) should succeed: %s", d->doc.id, err.msg);
  }
  return c;
}

kg_graph *fx_build(const kg_graph_opts *opts, const fx_doc *docs, size_t n, const size_t *order,
                   const kg_entity *ents, size_t n_ents) {
  kg_counter *c = fx_count(opts, docs, n, order);
  kg_graph *g = NULL;
  kg_error err = {0};
  int rc = kg_graph_build(c, ents, n_ents, opts, &g, &err);
  cr_assert_eq(rc, 0, "kg_graph_build should succeed: %s", err.msg);
  kg_counter_free(c);
  return g;
}

kg_graph *fx_build_text(const kg_graph_opts *opts, const char *markup, size_t n_ents) {
  fx_doc d;
  fx_doc_init(&d, "doc", "", markup);
  kg_graph *g = fx_build(opts, &d, 1, NULL, fx_entities(n_ents), n_ents);
  fx_doc_destroy(&d);
  return g;
}

const kg_entity *fx_entities(size_t n) {
  static char ids[64][32], labels[64][32];
  static kg_entity ents[64];
  cr_assert(n <= 64, "fixture: at most 64 entities");
  for (size_t k = 0; k < n; k++) {
    snprintf(ids[k], sizeof ids[k], "person:e%02zu", k);
    snprintf(labels[k], sizeof labels[k], "E%02zu", k);
    ents[k] = (kg_entity){ids[k], labels[k], KG_PERSON, "", "", ""};
  }
  return ents;
}

const kg_node *fx_node(const kg_graph *g, const char *id) {
  for (size_t v = 0; v < kg_graph_n_nodes(g); v++)
    if (!strcmp(kg_graph_nodes(g)[v].id, id))
      return &kg_graph_nodes(g)[v];
  return NULL;
}

const kg_edge *fx_edge(const kg_graph *g, const char *a, const char *b) {
  const kg_node *nodes = kg_graph_nodes(g);
  for (size_t k = 0; k < kg_graph_n_edges(g); k++) {
    const kg_edge *e = &kg_graph_edges(g)[k];
    const char *s = nodes[e->source].id, *t = nodes[e->target].id;
    if ((!strcmp(s, a) && !strcmp(t, b)) || (!strcmp(s, b) && !strcmp(t, a)))
      return e;
  }
  return NULL;
}
