/* cands.c: candidate buffers, person-span shaping (titles -> role) and the
 * merge of candidates from several sources into non-overlapping ones.
 *
 * It decides spans and types only; which entity a span names is resolve.c's
 * business.
 */
#include <stdlib.h>
#include <string.h>

#include "grow.h"
#include "mention.h"

int kg_candbuf_push(kg_candbuf *b, const kg_cand *c) {
  if (kg_reserve((void **)&b->v, &b->cap, b->n + 1, sizeof *b->v, 64) != 0)
    return KG_ERR_NOMEM;
  b->v[b->n++] = *c;
  return 0;
}

void kg_candbuf_destroy(kg_candbuf *b) {
  if (!b)
    return;
  free(b->v);
  free(b->scratch);
  memset(b, 0, sizeof *b);
}

/* ---------------------------------------------------------- person shaping */

static bool is_possessive(const kg_docview *dv, size_t i) {
  return kg_dv_w(dv, i, KG_W_POSSESSIVE);
}

/* Words before a title that are not part of it: "U.S.", "Italian", "NATO",
 * "Italy 's", "the", "former". They are mentions of their own (gazetteer
 * pass) or no mention at all. */
static bool title_lead(const kg_docview *dv, size_t i) {
  if (kg_name_is_title(dv, i))
    return false;
  uint32_t c = dv->wclass[i];
  if (c & (KG_GAZ_COUNTRY | KG_GAZ_COUNTRY_PART | KG_GAZ_DEMONYM | KG_GAZ_ORG | KG_GAZ_ORG_PART |
           KG_GAZ_LOCATION | KG_GAZ_LOCATION_PART))
    return true;
  return is_possessive(dv, i) || !(dv->tflags[i] & KG_TF_WORD) ||
         (dv->tflags[i] & KG_TF_LOWER);
}

/* A word that continues a title rather than starting a name: "Foreign" in
 * "Foreign Trade Minister", "of" in "Minister of Culture". */
static bool title_continues(const kg_docview *dv, size_t i) {
  if (kg_name_is_title(dv, i))
    return true;
  uint32_t c = dv->wclass[i];
  if (dv->tflags[i] & KG_TF_LOWER)
    return kg_dv_w(dv, i, KG_W_TITLE_GLUE);
  return (c & KG_GAZ_COMMON) && !(c & (KG_GAZ_FIRST_NAME | KG_GAZ_SURNAME));
}

/* Whether words [name, e) after the title at t are a rare given name that
 * is also an ordinary word, then a family name: "President Barber Conable",
 * "Rep. Newt Gingrich", "Judge Barefoot Sanders".  Two capitalized words,
 * neither an organization's word nor a legal form, the last no ordinary
 * word unless a known family name; not after "General" or "Major", which
 * open companies' names ("General Electric Co", "Major Video"). */
static bool rare_given_name(const kg_docview *dv, uint32_t t, uint32_t name, uint32_t e) {
  if (e - name != 2 || kg_dv_is(dv, t, "general") || kg_dv_is(dv, t, "major"))
    return false;
  for (uint32_t i = name; i < e; i++)
    if (!(dv->tflags[i] & KG_TF_CAP) || (dv->wclass[i] & KG_GAZ_ORG_WORD) ||
        kg_dv_w(dv, i, KG_W_LEGAL | KG_W_TITLE_GLUE) || kg_name_is_title(dv, i))
      return false;
  uint32_t last = dv->wclass[e - 1];
  return !(last & KG_GAZ_COMMON) || (last & KG_GAZ_SURNAME);
}

uint32_t kg_name_apostrophe_end(const kg_docview *dv, uint32_t s, uint32_t e) {
  if (e <= s || e + 1 >= dv->n_tokens || dv->tok_sent[e + 1] != dv->tok_sent[s])
    return e;
  const kg_str *f = &dv->folded[e - 1];
  bool prefix = f->len == 1 && (f->ptr[0] == 'o' || f->ptr[0] == 'd') &&
                (dv->tflags[e - 1] & KG_TF_CAP);
  if (prefix && kg_dv_is(dv, e, "'") && (dv->tflags[e + 1] & KG_TF_CAP) &&
      (dv->tflags[e + 1] & KG_TF_WORD))
    return e + 2;
  return e;
}

/* Does the span hold an acronym in mixed case ("Mac OS X", "iPhone SDK")?
 * Names of people do not; initials ("J.R.") and regnal numbers do not
 * count, nor do headlines, where case says nothing. */
static bool has_inner_acronym(const kg_docview *dv, uint32_t s, uint32_t e) {
  for (uint32_t i = s; i < e; i++) {
    uint16_t f = dv->tflags[i];
    if (!(f & KG_TF_ALLCAPS) || (f & KG_TF_HEADLINE) || kg_name_is_suffix(dv, i) ||
        kg_name_is_title(dv, i) || memchr(dv->folded[i].ptr, '.', dv->folded[i].len))
      continue;
    return true;
  }
  return false;
}

/* Is the title starting at token t (s < t) inside a name that begins with a
 * given name ("Martin Luther King", "Larry King Jr.")? */
static bool title_inside_name(const kg_docview *dv, uint32_t s, uint32_t t) {
  if (!(dv->wclass[s] & KG_GAZ_FIRST_NAME) || kg_name_is_title(dv, s))
    return false;
  const uint32_t known = KG_GAZ_COUNTRY | KG_GAZ_DEMONYM | KG_GAZ_ORG | KG_GAZ_LOCATION;
  for (uint32_t i = s; i < t; i++)
    if (!(dv->tflags[i] & KG_TF_CAP) || kg_name_is_title(dv, i) ||
        !(dv->tflags[i] & KG_TF_NAME) || ((dv->wclass[i] & known) && i > s))
      return false;
  return true;
}

/* A given name alone followed, mid-sentence, by a capitalized word that can
 * be a family name: "Steve" + "Jobs" (the tagger left "Jobs", an ordinary
 * word, out).  Not a title, date, place, nationality or organization. */
static bool family_name_follows(const kg_docview *dv, uint32_t s, uint32_t e) {
  if (e - s != 1 || e >= dv->n_tokens || dv->tok_sent[e] != dv->tok_sent[s])
    return false;
  const uint32_t known = KG_GAZ_COUNTRY | KG_GAZ_DEMONYM | KG_GAZ_ORG | KG_GAZ_LOCATION |
                         KG_GAZ_MONTH | KG_GAZ_WEEKDAY | KG_GAZ_ORG_WORD;
  uint16_t f = dv->tflags[e];
  /* "Mac App Store": a run of capitals goes on; a family name ends it. */
  if (e + 1 < dv->n_tokens && dv->tok_sent[e + 1] == dv->tok_sent[s] &&
      (dv->tflags[e + 1] & KG_TF_CAP))
    return false;
  return (dv->wclass[s] & KG_GAZ_FIRST_NAME) && !kg_name_is_title(dv, s) &&
         (f & KG_TF_CAP) && (f & KG_TF_WORD) && !(f & (KG_TF_START | KG_TF_HEADLINE)) &&
         !(f & KG_TF_ALLCAPS) && !kg_name_is_title(dv, e) &&
         (!(dv->wclass[e] & known) || (dv->wclass[e] & KG_GAZ_SURNAME));
}

bool kg_shape_person(const kg_docview *dv, uint32_t s, uint32_t e, kg_cand *out) {
  if (family_name_follows(dv, s, e))
    e++;
  e = kg_name_apostrophe_end(dv, s, e);
  while (e > s && (is_possessive(dv, e - 1) || !(dv->tflags[e - 1] & KG_TF_WORD)))
    e--;
  while (s < e && (!(dv->tflags[s] & KG_TF_WORD) || kg_dv_is(dv, s, "the")))
    s++;
  if (s >= e)
    return false;
  /* A span that starts inside a title ("Minister Luigi De Maio" of
   * "Foreign Minister Luigi De Maio") starts at the title. */
  while (s > 0 && kg_name_is_title(dv, s) && !kg_dv_title_len(dv, s) &&
         kg_name_is_title(dv, s - 1) && dv->tok_sent[s - 1] == dv->tok_sent[s])
    s--;
  /* Nothing but a title ("Foreign Minister", "Acting Foreign Minister"): a
   * name does not end in a title word, unless a given name precedes it
   * ("Larry King"). */
  if (kg_name_is_title(dv, e - 1) &&
      !(e - 1 > s && (dv->wclass[e - 2] & KG_GAZ_FIRST_NAME) && !kg_name_is_title(dv, e - 2)))
    return false;
  /* The last title that leaves a name after it ends the role. */
  uint32_t t = UINT32_MAX, t_end = 0;
  for (uint32_t i = s; i + 1 < e; i++) {
    uint32_t n = kg_dv_title_len(dv, i);
    if (n && i + n < e && !(i > s && title_inside_name(dv, s, i))) {
      t = i;
      t_end = i + n;
    }
  }
  uint32_t role_s = s, role_e = s;
  bool keep = false, addressed = false;
  if (t == UINT32_MAX && s > 0 && kg_name_is_title(dv, s - 1) &&
      dv->tok_sent[s - 1] == dv->tok_sent[s]) {
    /* The title just before the span ("Foreign Minister" + "Luigi Di
     * Maio"): the role, outside the name. */
    uint32_t b = s - 1;
    while (b > 0 && !kg_dv_title_len(dv, b) && kg_name_is_title(dv, b - 1))
      b--;
    uint32_t core = e;
    if (core - s >= 2 && kg_name_is_suffix(dv, core - 1))
      core--;
    if (kg_dv_title_len(dv, b) && b + kg_dv_title_len(dv, b) == s) {
      if (kg_dv_title_kind(dv, b) == KG_TITLE_ROLE) {
        role_s = b;
        role_e = s;
      } else if (kg_dv_title_kind(dv, b) == KG_TITLE_KEEP && core - s == 1 &&
                 (dv->tflags[b] & KG_TF_CAP)) {
        s = role_s = role_e = b; /* "Pope" + "Francis" */
        keep = true;
      } else if (kg_dv_title_kind(dv, b) == KG_TITLE_HONORIFIC) {
        addressed = true; /* "Mr" + "MacFarlane" */
      }
    }
  }
  uint32_t name = s;
  if (t != UINT32_MAX) {
    name = t_end;
    while (name + 1 < e && title_continues(dv, name) && !rare_given_name(dv, t, name, e))
      name++;
    while (role_s < t && title_lead(dv, role_s))
      role_s++;
    /* Forms of address are no role: "Mr.", "Dr."; nor is a leading one. */
    while (role_s < name && kg_dv_title_len(dv, role_s) &&
           kg_dv_title_kind(dv, role_s) == KG_TITLE_HONORIFIC) {
      role_s += kg_dv_title_len(dv, role_s);
      addressed = true;
    }
    role_e = name > role_s ? name : role_s;
    /* A title that is part of the name, with one given name (and maybe a
     * regnal number): "Pope Francis", "King Charles III". */
    uint32_t core = e;
    if (core - name >= 2 && kg_name_is_suffix(dv, core - 1))
      core--;
    if (name == t_end && core - name == 1 && kg_dv_title_kind(dv, t) == KG_TITLE_KEEP) {
      name = t;
      role_e = t > role_s ? t : role_s;
      keep = true;
    }
  }
  /* A name needs one capitalized word that is not a title, month or day. */
  bool ok = false;
  for (uint32_t i = name; i < e && !ok; i++) {
    uint16_t f = dv->tflags[i];
    if ((f & (KG_TF_CAP | KG_TF_HEADLINE)) && (f & KG_TF_WORD) &&
        !(dv->wclass[i] & (KG_GAZ_MONTH | KG_GAZ_WEEKDAY)) && !kg_name_is_title(dv, i))
      ok = true;
  }
  if (!ok)
    return false;
  /* A product, not a person: "Mac OS X"; "Ford Taurus" (a maker's name,
   * which is no given name, then a model). */
  if (has_inner_acronym(dv, name, e))
    return false;
  if (e - name >= 2 && !keep && role_e == role_s && (dv->wclass[name] & KG_GAZ_ORG) &&
      !(dv->wclass[name] & (KG_GAZ_FIRST_NAME | KG_GAZ_SURNAME)))
    return false; /* (a title vouches for a person: "spokeswoman Tasnim Aslam") */
  /* A lone known place, nationality or organization is no one's name
   * ("CEO of North America"), unless it is also a given name ("Jordan"). */
  if (e - name == 1 && !keep &&
      (dv->wclass[name] & (KG_GAZ_COUNTRY | KG_GAZ_DEMONYM | KG_GAZ_LOCATION | KG_GAZ_ORG)) &&
      !(dv->wclass[name] & (KG_GAZ_FIRST_NAME | KG_GAZ_SURNAME)))
    return false;
  memset(out, 0, sizeof *out);
  out->tok_start = name;
  out->tok_end = e;
  out->role_start = role_s;
  out->role_end = role_e;
  out->type = KG_PERSON;
  out->flags = (uint8_t)((keep ? KG_CAND_KEEP_TITLE : 0) | (addressed ? KG_CAND_ADDRESSED : 0));
  return true;
}

bool kg_person_after_title(const kg_docview *dv, uint32_t s, uint32_t e, kg_cand *out) {
  kg_cand c;
  if (!kg_shape_person(dv, s, e, &c))
    return false;
  if (c.role_end == c.role_start && !(c.flags & KG_CAND_KEEP_TITLE))
    return false; /* no title found after all */
  uint32_t last = c.tok_end - 1, first = c.tok_start + ((c.flags & KG_CAND_KEEP_TITLE) != 0);
  if (first > last || (dv->wclass[last] & KG_GAZ_ORG_WORD))
    return false;
  /* "General Mills", "General Agreement": after the title, one ordinary
   * word that is no known name is the rest of what the source read as an
   * organization or place, not a person's name. */
  if (first == last && (dv->wclass[first] & KG_GAZ_COMMON) &&
      !(dv->wclass[first] & (KG_GAZ_FIRST_NAME | KG_GAZ_SURNAME)))
    return false;
  if ((dv->wclass[first] & (KG_GAZ_ORG | KG_GAZ_COUNTRY | KG_GAZ_LOCATION | KG_GAZ_DEMONYM)) &&
      !(dv->wclass[first] & KG_GAZ_FIRST_NAME))
    return false;
  *out = c;
  return true;
}

/* ------------------------------------------------------------------ merge */

static uint32_t footprint_start(const kg_cand *c) {
  return c->role_end > c->role_start && c->role_start < c->tok_start ? c->role_start
                                                                     : c->tok_start;
}

/* Lower rank wins a tie between spans of equal length. */
static int rank(const kg_cand *c) {
  switch ((kg_src)c->src) {
  case KG_SRC_GAZETTEER:
    return c->gaz.ambiguous ? 2 : 0;
  case KG_SRC_PATTERN:
    return 3;
  default:
    return 1;
  }
}

static int by_length(const void *pa, const void *pb) {
  const kg_cand *a = pa, *b = pb;
  uint32_t la = a->tok_end - footprint_start(a), lb = b->tok_end - footprint_start(b);
  if (la != lb)
    return la > lb ? -1 : 1;
  int ra = rank(a), rb = rank(b);
  if (ra != rb)
    return ra - rb;
  if (a->tok_start != b->tok_start)
    return a->tok_start < b->tok_start ? -1 : 1;
  return (int)a->type - (int)b->type;
}

static int by_start(const void *pa, const void *pb) {
  const kg_cand *a = pa, *b = pb;
  if (a->tok_start != b->tok_start)
    return a->tok_start < b->tok_start ? -1 : 1;
  return 0;
}

static bool compass_word(const kg_docview *dv, uint32_t i) {
  static const char *const w[] = {"west", "east", "north", "south"};
  for (size_t k = 0; k < sizeof w / sizeof *w; k++)
    if (kg_dv_is(dv, i, w[k]))
      return true;
  return false;
}

/* Does the source span c consist of gazetteer names only (every
 * capitalized word inside one of them)?  "U.S. State Department" = U.S. +
 * State Department; "Islamic State group" = Islamic State.  Then the
 * gazetteer's spans replace it.  Not for a person span whose only gazetteer
 * names are ambiguous ("Jordan" in "Jordan Peterson").  gaz_at[i] is the
 * gazetteer candidate covering token i, plus one (0: none). */
static bool tiled_by_gazetteer(const kg_docview *dv, const kg_cand *c, const kg_candbuf *b,
                               const uint32_t *gaz_at) {
  bool any = false, only_ambiguous = true;
  /* A point of the compass before a place is part of its name ("West
   * Berlin", "West Texas", "East Asia"), not the West and the place. */
  if ((c->type == KG_LOCATION || c->type == KG_COUNTRY) && c->tok_end - c->tok_start >= 2 &&
      gaz_at[c->tok_start] && compass_word(dv, c->tok_start)) {
    const kg_cand *g = &b->v[gaz_at[c->tok_start] - 1];
    if (g->gaz.ambiguous && g->tok_end == c->tok_start + 1)
      return false;
  }
  /* A company's branch named by its country or continent ("Ford
   * Australia", "GM Europe"): the tagger's organization, not the two. */
  if (c->type == KG_ORGANIZATION && gaz_at[c->tok_start]) {
    const kg_cand *co = &b->v[gaz_at[c->tok_start] - 1];
    const kg_cand *pl = co->tok_end < c->tok_end && gaz_at[co->tok_end]
                            ? &b->v[gaz_at[co->tok_end] - 1]
                            : NULL;
    if (pl && co->tok_start == c->tok_start && co->type == KG_ORGANIZATION &&
        kg_gaz_company(&co->gaz) &&
        pl->tok_start == co->tok_end && pl->tok_end == c->tok_end && !pl->gaz.demonym &&
        (pl->type == KG_COUNTRY ||
         (pl->type == KG_LOCATION && pl->gaz.kind && !strcmp(pl->gaz.kind, "continent"))))
      return false;
  }
  /* "Ford do Brasil", "General Motors de Mexico": a name particle binds two
   * names into an organization's of its own (not "Rio de Janeiro for
   * Managua", whose particle is a known name's). */
  if (c->type == KG_ORGANIZATION)
    for (uint32_t i = c->tok_start + 1; i + 1 < c->tok_end; i++)
      if ((dv->tflags[i] & KG_TF_LOWER) && kg_dv_w(dv, i, KG_W_PARTICLE) && !gaz_at[i])
        return false;
  for (uint32_t i = c->tok_start; i < c->tok_end; i++) {
    if (!(dv->tflags[i] & (KG_TF_CAP | KG_TF_HEADLINE)) || !(dv->tflags[i] & KG_TF_WORD))
      continue;
    /* In a place name, an ordinary capitalized word need not be covered:
     * "Catholic U.S.", "Sahel Region".  In an organization it must: "Air
     * France", "Canadian Auto Workers", "Syrian Democratic Forces". */
    if ((c->type == KG_LOCATION || c->type == KG_COUNTRY) &&
        !(dv->tflags[i] & (KG_TF_NAME | KG_TF_DIGIT)) && !(dv->wclass[i] & KG_GAZ_ORG_WORD))
      continue;
    if (!gaz_at[i])
      return false;
    const kg_cand *g = &b->v[gaz_at[i] - 1];
    if (g->tok_start < c->tok_start || g->tok_end > c->tok_end)
      return false;
    if (!g->gaz.ambiguous)
      only_ambiguous = false;
    any = true;
  }
  if (!any)
    return false;
  return !(c->type == KG_PERSON && only_ambiguous);
}

int kg_cands_merge(const kg_docview *dv, kg_candbuf *b, kg_error *err) {
  if (b->n == 0)
    return 0;
  size_t n = b->n;
  /* Scratch: gaz_at and used per token, drop per candidate. */
  size_t need = 2 * dv->n_tokens + n;
  if (need > b->cap_scratch) {
    uint32_t *p = realloc(b->scratch, need * sizeof *p);
    if (!p)
      return kg_error_set(err, KG_ERR_NOMEM, "merging mentions: out of memory");
    b->scratch = p;
    b->cap_scratch = need;
  }
  memset(b->scratch, 0, need * sizeof *b->scratch);
  uint32_t *gaz_at = b->scratch, *used = gaz_at + dv->n_tokens, *drop = used + dv->n_tokens;
  for (size_t k = 0; k < n; k++) {
    const kg_cand *c = &b->v[k];
    if (c->flags & KG_CAND_GAZ)
      for (uint32_t i = c->tok_start; i < c->tok_end; i++)
        if (!gaz_at[i])
          gaz_at[i] = (uint32_t)k + 1;
  }
  for (size_t k = 0; k < n; k++) {
    const kg_cand *c = &b->v[k];
    if ((c->src == KG_SRC_RULES || c->src == KG_SRC_TAGGER) && !(c->flags & KG_CAND_GAZ) &&
        tiled_by_gazetteer(dv, c, b, gaz_at)) {
      drop[k] = 1;
      /* A name that starts with a listed name of no entity is a longer one
       * of them ("Windows Mobile": not the product and the city Mobile). */
      kg_cand *g = gaz_at[c->tok_start] ? &b->v[gaz_at[c->tok_start] - 1] : NULL;
      bool name = g && (g->flags & KG_CAND_NONE) && g->tok_start == c->tok_start &&
                  g->tok_end < c->tok_end; /* (not "Reuter and International Energy Agency") */
      for (uint32_t i = name ? g->tok_end : c->tok_end; i < c->tok_end && name; i++)
        name = (dv->tflags[i] & KG_TF_WORD) &&
               (dv->tflags[i] & (KG_TF_CAP | KG_TF_ALLCAPS | KG_TF_DIGIT));
      if (name)
        g->tok_end = c->tok_end;
    }
  }
  size_t m = 0;
  for (size_t k = 0; k < n; k++)
    if (!drop[k])
      b->v[m++] = b->v[k];
  b->n = m;
  qsort(b->v, b->n, sizeof *b->v, by_length);
  m = 0;
  for (size_t k = 0; k < b->n; k++) {
    kg_cand c = b->v[k];
    uint32_t s = footprint_start(&c);
    bool free_span = true;
    for (uint32_t i = s; i < c.tok_end && free_span; i++)
      free_span = !used[i];
    if (!free_span && c.type == KG_PERSON && s < c.tok_start) {
      /* A longer name took the title ("U.S. Trade Representative" +
       * "Katherine Tai"): the person keeps her name without it. */
      free_span = true;
      for (uint32_t i = c.tok_start; i < c.tok_end && free_span; i++)
        free_span = !used[i];
      c.role_start = c.role_end = s = c.tok_start;
    }
    if (!free_span) {
      /* The same span from another source: a dateline's place stays one. */
      uint32_t u = used[c.tok_start];
      if (u && b->v[u - 1].tok_start == c.tok_start && b->v[u - 1].tok_end == c.tok_end)
        b->v[u - 1].flags |= c.flags & KG_CAND_DATELINE;
      continue;
    }
    for (uint32_t i = s; i < c.tok_end; i++)
      used[i] = (uint32_t)m + 1;
    b->v[m++] = c;
  }
  b->n = m;
  qsort(b->v, b->n, sizeof *b->v, by_start);
  return 0;
}
