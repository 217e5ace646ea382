/* registry.c: canonical entities, with order-independent types, ids,
 * labels, roles and aliases (see registry.h for the rules).
 *
 * Layout: the ids of fixed (gazetteer) entities and the name keys of named
 * ones are interned in two kg_strmaps, each with an array from its dense
 * index to the entity index; surface forms, roles and the ids of named
 * entities are interned in a third one.  A named entity's type is the
 * argmax of its per-type mention counts, kept incrementally like the
 * label: only the type just counted can overtake the current one, and its
 * id string is interned when it does (rare).  Each
 * (entity, form) and (entity, role) pair has a counter entry found through a
 * u64 map.  Because counts only grow, the argmax (label, role) can be kept
 * incrementally: only the pair just incremented can overtake the current
 * best.  Aliases are rebuilt (sorted insert + join) only when an entity
 * gains a distinct form, which is rare after the first few documents.
 */
#include "grow.h"
#include "mention.h"
#include "registry.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "strmap.h"
#include "text.h"

/* Label preference: a full form beats the full form with a legal form
 * ("Dome Petroleum Ltd"), which beats a partial one ("Blinken", "Dome"); a
 * form seen in running text beats one seen only in ALL CAPS or in
 * headlines, where case is no evidence ("COVID-19 Pandemic").  A pair's
 * tier only grows (the max over its mentions), which keeps the argmax
 * exact. */
enum { TIER_FULL = 4, TIER_LEGAL = 2, TIER_TEXT = 1 };

typedef struct pair {
  uint32_t str;   /* index in r->strs */
  uint32_t count;
  uint8_t tier;   /* forms: TIER_* bits; roles: unused */
} pair;

typedef struct ent {
  kg_etype type;           /* fixed: the gazetteer's; named: the majority so far */
  bool named;
  const char *id;          /* fixed: the key in r->ids; named: "<type>:<key>" */
  const char *alt_id;      /* named, with clash: "<id>~2" (see kg_registry_get) */
  bool clash;              /* named: a fixed entity holds `id` */
  const char *key;         /* the slug the label is compared with: named: the
                              key in r->names; fixed: the id after its ':' */
  uint32_t votes[KG_N_ETYPES]; /* named: mentions noted per type */
  bool company;            /* named: a name of two words or more noted with a legal
                              form ("Kaiser Cement Corp."): an organization for good */
  const char *fixed_label; /* arena; NULL = derived */
  const char *iso;         /* arena; "" when none */
  uint32_t best_form;      /* pair index: best label candidate, KG_NONE */
  uint32_t cased;          /* strs index: best_form as running text cases it
                              ("Zenith Electronics" for "ZENITH ELECTRONICS"),
                              KG_NONE when it is its own best spelling */
  uint32_t best_role;      /* pair index, KG_NONE */
  uint32_t *forms;         /* distinct form string indices, sorted by bytes */
  size_t n_forms, cap_forms;
  char *aliases;           /* '|'-joined forms; NULL = none yet */
  uint32_t n_roled;        /* mentions noted with a role */
  bool pending;            /* an acronym no document of its own spells out */
  uint32_t into;           /* pending, merged: the entity it shows; else KG_NONE */
} ent;

struct kg_registry {
  kg_strmap ids;     /* fixed entity id -> index into ent_of_id */
  kg_strmap names;   /* named entity key -> index into ent_of_name */
  kg_strmap acros;   /* pending acronym key -> index into ent_of_acro */
  uint32_t *ent_of_id, *ent_of_name, *ent_of_acro;
  size_t cap_of_id, cap_of_name, cap_of_acro;
  kg_strmap strs;    /* surface forms, roles, labels, iso codes, named ids */
  ent *ents;
  size_t n_ents, cap_ents;
  pair *pairs;
  size_t n_pairs, cap_pairs;
  kg_u64map pair_of; /* (kind, entity, string) -> pair index */
  char *scratch;     /* normalized surface / slug buffer */
  size_t cap_scratch;
};

/* Type order for ties between equal mention counts: a company is the
 * likeliest reading of a name the tagger types both ways ("Chrysler",
 * "Apple Computer"), and a person before a place ("Steve Jobs"). */
static const kg_etype TYPE_ORDER[KG_N_ETYPES] = {KG_ORGANIZATION, KG_PERSON, KG_LOCATION,
                                                 KG_EVENT, KG_COUNTRY};

static int type_rank(kg_etype t) {
  for (int i = 0; i < KG_N_ETYPES; i++)
    if (TYPE_ORDER[i] == t)
      return i;
  return KG_N_ETYPES;
}

kg_registry *kg_registry_new(void) {
  kg_registry *r = calloc(1, sizeof *r);
  if (!r)
    return NULL;
  kg_strmap_init(&r->ids);
  kg_strmap_init(&r->names);
  kg_strmap_init(&r->acros);
  kg_strmap_init(&r->strs);
  kg_u64map_init(&r->pair_of);
  return r;
}

void kg_registry_free(kg_registry *r) {
  if (!r)
    return;
  for (size_t i = 0; i < r->n_ents; i++) {
    free(r->ents[i].forms);
    free(r->ents[i].aliases);
  }
  free(r->ents);
  free(r->ent_of_id);
  free(r->ent_of_name);
  free(r->ent_of_acro);
  free(r->pairs);
  free(r->scratch);
  kg_strmap_destroy(&r->ids);
  kg_strmap_destroy(&r->names);
  kg_strmap_destroy(&r->acros);
  kg_strmap_destroy(&r->strs);
  kg_u64map_destroy(&r->pair_of);
  free(r);
}

size_t kg_registry_size(const kg_registry *r) { return r ? r->n_ents : 0; }

static const char *str_of(const kg_registry *r, uint32_t pair_index) {
  return kg_strmap_key(&r->strs, r->pairs[pair_index].str);
}

/* The id entity e shows: a named entity whose "<type>:<key>" a fixed
 * entity also holds takes its "~2" form, so ids stay unique whatever the
 * resolver did (it routes names the gazetteer knows to their fixed entity,
 * so this needs a name spelled apart from every alias with the same slug). */
static const char *shown_id(const kg_registry *r, const ent *e) {
  (void)r;
  return e->clash ? e->alt_id : e->id;
}

void kg_registry_get(const kg_registry *r, size_t i, kg_entity *out) {
  const ent *e = &r->ents[i];
  if (e->into != KG_NONE)
    e = &r->ents[e->into];
  out->id = shown_id(r, e);
  out->type = e->type;
  if (e->fixed_label)
    out->label = e->fixed_label;
  else if (e->cased != KG_NONE)
    out->label = kg_strmap_key(&r->strs, e->cased);
  else if (e->best_form != KG_NONE)
    out->label = str_of(r, e->best_form);
  else /* no mention noted yet: the id is all we know */
    out->label = out->id;
  out->role = e->best_role != KG_NONE && e->type == KG_PERSON ? str_of(r, e->best_role) : "";
  out->iso = e->iso;
  out->aliases = e->aliases ? e->aliases : "";
}

bool kg_registry_is_named(const kg_registry *r, uint32_t e) { return r->ents[e].named; }

kg_etype kg_registry_type(const kg_registry *r, uint32_t e) { return r->ents[e].type; }

long kg_registry_find(const kg_registry *r, const char *id) {
  size_t len = strlen(id);
  uint32_t i = kg_strmap_find(&r->ids, id, len);
  if (i != KG_NONE)
    return r->ent_of_id[i];
  const char *colon = strchr(id, ':');
  if (!colon)
    return -1;
  const char *key = colon + 1;
  size_t klen = len - (size_t)(key - id);
  if (klen > 2 && key[klen - 2] == '~' && (key[klen - 1] == '2' || key[klen - 1] == '3'))
    klen -= 2; /* "~2": a fixed entity holds the id; "~3": an acronym kept apart */
  i = kg_strmap_find(&r->names, key, klen);
  if (i != KG_NONE && strcmp(shown_id(r, &r->ents[r->ent_of_name[i]]), id) == 0 &&
      r->ents[r->ent_of_name[i]].into == KG_NONE)
    return r->ent_of_name[i];
  i = kg_strmap_find(&r->acros, key, klen);
  if (i != KG_NONE && strcmp(shown_id(r, &r->ents[r->ent_of_acro[i]]), id) == 0 &&
      r->ents[r->ent_of_acro[i]].into == KG_NONE)
    return r->ent_of_acro[i];
  return -1;
}

static int reserve_scratch(kg_registry *r, size_t n) {
  if (n <= r->cap_scratch)
    return 0;
  size_t cap = r->cap_scratch ? r->cap_scratch : 256;
  while (cap < n)
    cap *= 2;
  char *p = realloc(r->scratch, cap);
  if (!p)
    return KG_ERR_NOMEM;
  r->scratch = p;
  r->cap_scratch = cap;
  return 0;
}

/* A new entity slot; *out gets its index. */
static int new_entity(kg_registry *r, uint32_t *out) {
  if (kg_reserve((void **)&r->ents, &r->cap_ents, r->n_ents + 1, sizeof *r->ents, 256) != 0)
    return KG_ERR_NOMEM;
  ent *e = &r->ents[r->n_ents];
  memset(e, 0, sizeof *e);
  e->iso = "";
  e->best_form = e->best_role = e->into = e->cased = KG_NONE;
  *out = (uint32_t)r->n_ents++;
  return 0;
}

/* Index i of a strmap to entity index v, in the array *of. */
static int map_to(uint32_t **of, size_t *cap, uint32_t i, uint32_t v) {
  if (i >= *cap) {
    size_t c = *cap ? *cap * 2 : 256;
    while (c <= i)
      c *= 2;
    uint32_t *p = realloc(*of, c * sizeof *p);
    if (!p)
      return KG_ERR_NOMEM;
    *of = p;
    *cap = c;
  }
  (*of)[i] = v;
  return 0;
}

static int name_ids(kg_registry *r, ent *e);

int kg_registry_entity(kg_registry *r, kg_etype type, const char *id, size_t id_len,
                       const char *label, const char *iso, uint32_t *out, kg_error *err) {
  uint32_t idx, k;
  bool added;
  if (kg_strmap_intern(&r->ids, id, id_len, &idx, &added) != 0)
    goto nomem;
  if (added) {
    if (new_entity(r, &k) != 0 || map_to(&r->ent_of_id, &r->cap_of_id, idx, k) != 0)
      goto nomem;
    ent *e = &r->ents[k];
    e->type = type;
    e->id = kg_strmap_key(&r->ids, idx);
    const char *colon = strchr(e->id, ':');
    e->key = colon ? colon + 1 : e->id;
    uint32_t ni = kg_strmap_find(&r->names, e->key, strlen(e->key));
    if (ni != KG_NONE) { /* a named entity showing this id steps aside */
      ent *n = &r->ents[r->ent_of_name[ni]];
      if (strcmp(n->id, e->id) == 0 && name_ids(r, n) != 0)
        goto nomem;
    }
    ni = kg_strmap_find(&r->acros, e->key, strlen(e->key));
    if (ni != KG_NONE) {
      ent *n = &r->ents[r->ent_of_acro[ni]];
      if (strcmp(n->id, e->id) == 0 && name_ids(r, n) != 0)
        goto nomem;
    }
  }
  k = r->ent_of_id[idx];
  ent *e = &r->ents[k];
  if (label && !e->fixed_label) {
    e->fixed_label = kg_strmap_store(&r->strs, label, strlen(label));
    if (!e->fixed_label)
      goto nomem;
  }
  if (iso && *iso && !*e->iso) {
    e->iso = kg_strmap_store(&r->strs, iso, strlen(iso));
    if (!e->iso)
      goto nomem;
  }
  *out = k;
  return 0;
nomem:
  return kg_error_set(err, KG_ERR_NOMEM, "entity registry: out of memory at '%.*s'",
                      (int)(id_len > 200 ? 200 : id_len), id);
}

/* Named entity e shows "<id><mark>": "~2" when a fixed entity holds its id,
 * "~3" for a pending acronym that a named entity of the same slug exists
 * beside (kept apart, or not settled yet). */
static int clash(kg_registry *r, ent *e, const char *mark) {
  size_t len = strlen(e->id);
  if (reserve_scratch(r, len + 3) != 0)
    return KG_ERR_NOMEM;
  memcpy(r->scratch, e->id, len);
  memcpy(r->scratch + len, mark, 3);
  uint32_t a;
  if (kg_strmap_intern(&r->strs, r->scratch, len + 2, &a, NULL) != 0)
    return KG_ERR_NOMEM;
  e->alt_id = kg_strmap_key(&r->strs, a);
  e->clash = true;
  return 0;
}

/* Intern the ids of named entity e for its current type. */

static int name_ids(kg_registry *r, ent *e) {
  const char *tname = kg_etype_name(e->type);
  size_t tlen = strlen(tname), klen = strlen(e->key);
  if (reserve_scratch(r, tlen + klen + 2) != 0)
    return KG_ERR_NOMEM;
  memcpy(r->scratch, tname, tlen);
  r->scratch[tlen] = ':';
  memcpy(r->scratch + tlen + 1, e->key, klen);
  uint32_t a;
  if (kg_strmap_intern(&r->strs, r->scratch, tlen + 1 + klen, &a, NULL) != 0)
    return KG_ERR_NOMEM;
  e->id = kg_strmap_key(&r->strs, a);
  e->clash = false;
  /* A pending acronym beside a named entity of its slug ("TACOM" and
   * "TACOM_") shows "~3" until the corpus is settled, as one kept apart
   * does; a named entity whose id a fixed one holds, "~2": ids stay unique
   * at every point. */
  if (e->pending && kg_strmap_find(&r->names, e->key, klen) != KG_NONE)
    return clash(r, e, "~3");
  if (kg_strmap_find(&r->ids, e->id, tlen + 1 + klen) != KG_NONE)
    return clash(r, e, "~2");
  return 0;
}

bool kg_registry_spelling(char *s, size_t n) {
  static const struct {
    const char *brit, *us; /* one length each */
  } words[] = {{"organisation", "organization"}, {"defence", "defense"}, {"centre", "center"}};
  bool changed = false;
  for (size_t w = 0; w < sizeof words / sizeof *words; w++) {
    size_t bl = strlen(words[w].brit);
    for (size_t i = 0; i + bl <= n; i++)
      if ((i == 0 || s[i - 1] == '-') && memcmp(s + i, words[w].brit, bl) == 0 &&
          (i + bl == n || s[i + bl] == '-' || (s[i + bl] == 's' && (i + bl + 1 == n ||
                                                                     s[i + bl + 1] == '-')))) {
        memcpy(s + i, words[w].us, bl);
        changed = true;
      }
  }
  return changed;
}

/* The named entity of name's slug in map (names, or acros for pending
 * acronyms), created when new. */
static int named_in(kg_registry *r, bool pending, kg_etype type, const char *name, size_t len,
                    uint32_t *out, kg_error *err) {
  kg_strmap *map = pending ? &r->acros : &r->names;
  uint32_t **of = pending ? &r->ent_of_acro : &r->ent_of_name;
  size_t *cap_of = pending ? &r->cap_of_acro : &r->cap_of_name;
  char probe[8];
  size_t need = kg_text_slug(name, len, probe, sizeof probe);
  if (need == 0)
    return kg_error_set(err, KG_ERR_EMPTY, "entity name '%.*s' gives an empty id",
                        (int)(len > 200 ? 200 : len), name);
  if (reserve_scratch(r, need + 1) != 0)
    goto nomem;
  kg_text_slug(name, len, r->scratch, need + 1);
  kg_registry_spelling(r->scratch, need);
  uint32_t idx, k;
  bool added;
  if (kg_strmap_intern(map, r->scratch, need, &idx, &added) != 0)
    goto nomem;
  if (added) {
    if (new_entity(r, &k) != 0 || map_to(of, cap_of, idx, k) != 0)
      goto nomem;
    ent *e = &r->ents[k];
    e->named = true;
    e->pending = pending;
    e->type = type;
    e->key = kg_strmap_key(map, idx);
    if (name_ids(r, e) != 0)
      goto nomem;
    uint32_t twin = pending ? KG_NONE : kg_strmap_find(&r->acros, e->key, need);
    if (twin != KG_NONE && name_ids(r, &r->ents[r->ent_of_acro[twin]]) != 0)
      goto nomem;
  }
  *out = (*of)[idx];
  return 0;
nomem:
  return kg_error_set(err, KG_ERR_NOMEM, "entity registry: out of memory at '%.*s'",
                      (int)(len > 200 ? 200 : len), name);
}

int kg_registry_named(kg_registry *r, kg_etype type, const char *name, size_t len,
                      uint32_t *out, kg_error *err) {
  return named_in(r, false, type, name, len, out, err);
}

int kg_registry_acronym(kg_registry *r, kg_etype type, const char *name, size_t len,
                        uint32_t *out, kg_error *err) {
  return named_in(r, true, type, name, len, out, err);
}

/* Copy s into the scratch buffer with whitespace runs collapsed and '|'
 * (the alias separator) replaced; returns the length. */
static size_t normalize(kg_registry *r, const char *s, size_t len) {
  size_t n = 0;
  bool space = false;
  for (size_t i = 0; i < len; i++) {
    char c = s[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      space = n > 0;
      continue;
    }
    if (space)
      r->scratch[n++] = ' ';
    space = false;
    r->scratch[n++] = c == '|' ? '/' : c;
  }
  r->scratch[n] = '\0';
  return n;
}

/* Is the form "full": does its slug equal the entity's key? */
static bool full_form(kg_registry *r, uint32_t e, const char *s, size_t len) {
  const char *slug = r->ents[e].key;
  size_t slen = strlen(slug);
  char buf[256];
  if (slen >= sizeof buf)
    return false;
  size_t n = kg_text_slug(s, len, buf, sizeof buf);
  if (n < sizeof buf)
    kg_registry_spelling(buf, n);
  return n == slen && memcmp(buf, slug, n) == 0;
}

/* Where the last word of s[0, n) starts, trailing spaces and commas aside
 * (which *n then leaves out); 0 when it is the only word. */
static size_t last_word(const char *s, size_t *n) {
  while (*n > 0 && (s[*n - 1] == ' ' || s[*n - 1] == ','))
    (*n)--;
  size_t b = *n;
  while (b > 0 && s[b - 1] != ' ')
    b--;
  return b;
}

/* Whether form s ends in a legal form ("Kaiser Cement Corp."). */
static bool legal_form_at_end(const char *s, size_t len) {
  size_t n = len, b = last_word(s, &n);
  return b > 0 && kg_grammar_legal_form(s + b, n - b);
}

/* The tier of a new form s of entity e: full, full but for its legal forms
 * and group word ("Dome Petroleum Ltd", "Ciba Vision Group", as
 * resolve.c's without_legal_form cuts them) and for the country after
 * them ("Nippon Steel Co of Japan", as its short_name_end does), or
 * partial. */
static uint8_t form_tier(kg_registry *r, uint32_t e, const char *s, size_t len) {
  if (full_form(r, e, s, len))
    return TIER_FULL;
  size_t n = len, b;
  for (size_t q = len; q >= 4; q--) /* the last " of " after a legal form */
    if (memcmp(s + q - 4, " of ", 4) == 0) {
      size_t m = q - 4;
      if ((b = last_word(s, &m)) > 0 && kg_grammar_legal_form(s + b, m - b))
        n = q - 4;
      break;
    }
  while ((b = last_word(s, &n)) > 0 && kg_grammar_legal_form(s + b, n - b))
    n = b;
  if ((b = last_word(s, &n)) > 0 && kg_grammar_group_word(s + b, n - b))
    n = b;
  return n < len && full_form(r, e, s, n) ? TIER_LEGAL : 0;
}

/* a beats b as a label/role: higher tier, then more mentions, then the
 * bytewise smaller string.  Counts only grow, so this total order makes
 * the incremental argmax exact. */
static bool beats(const kg_registry *r, uint32_t a, uint32_t b) {
  if (b == KG_NONE)
    return true;
  const pair *pa = &r->pairs[a], *pb = &r->pairs[b];
  if (pa->tier != pb->tier)
    return pa->tier > pb->tier;
  if (pa->count != pb->count)
    return pa->count > pb->count;
  return strcmp(kg_strmap_key(&r->strs, pa->str), kg_strmap_key(&r->strs, pb->str)) < 0;
}

static int bump(kg_registry *r, uint32_t e, uint32_t str, bool is_role, uint32_t by,
                uint32_t *out, bool *added) {
  uint64_t key = ((uint64_t)is_role << 63) | ((uint64_t)e << 32) | str;
  uint32_t p = kg_u64map_get(&r->pair_of, key);
  *added = false;
  if (p == KG_NONE) {
    if (r->n_pairs == r->cap_pairs) {
      size_t cap = r->cap_pairs ? r->cap_pairs * 2 : 1024;
      pair *pairs = realloc(r->pairs, cap * sizeof *pairs);
      if (!pairs)
        return KG_ERR_NOMEM;
      r->pairs = pairs;
      r->cap_pairs = cap;
    }
    p = (uint32_t)r->n_pairs++;
    r->pairs[p] = (pair){str, 0, 0};
    if (kg_u64map_put(&r->pair_of, key, p) != 0)
      return KG_ERR_NOMEM;
    *added = true;
  }
  r->pairs[p].count += by;
  *out = p;
  return 0;
}

/* Insert form string str into e's sorted form list and rebuild the alias
 * string. */
static int add_alias(kg_registry *r, ent *e, uint32_t str) {
  const char *s = kg_strmap_key(&r->strs, str);
  size_t lo = 0, hi = e->n_forms;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (strcmp(kg_strmap_key(&r->strs, e->forms[mid]), s) < 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  if (e->n_forms == e->cap_forms) {
    size_t cap = e->cap_forms ? e->cap_forms * 2 : 4;
    uint32_t *forms = realloc(e->forms, cap * sizeof *forms);
    if (!forms)
      return KG_ERR_NOMEM;
    e->forms = forms;
    e->cap_forms = cap;
  }
  memmove(e->forms + lo + 1, e->forms + lo, (e->n_forms - lo) * sizeof *e->forms);
  e->forms[lo] = str;
  e->n_forms++;
  size_t total = 0;
  for (size_t i = 0; i < e->n_forms; i++)
    total += kg_strmap_len(&r->strs, e->forms[i]) + 1;
  char *a = realloc(e->aliases, total);
  if (!a)
    return KG_ERR_NOMEM;
  e->aliases = a;
  for (size_t i = 0; i < e->n_forms; i++) {
    size_t n = kg_strmap_len(&r->strs, e->forms[i]);
    memcpy(a, kg_strmap_key(&r->strs, e->forms[i]), n);
    a += n;
    *a++ = '|';
  }
  a[-1] = '\0';
  return 0;
}

/* One more mention of type t for named entity en: the type may change. */
static int vote(kg_registry *r, ent *en, kg_etype t) {
  en->votes[t]++;
  if (t == en->type || en->company)
    return 0;
  uint32_t a = en->votes[t], b = en->votes[en->type];
  if (a > b || (a == b && type_rank(t) < type_rank(en->type))) {
    en->type = t;
    return name_ids(r, en);
  }
  return 0;
}

/* Written in capitals, as datelines and tables write names whatever their
 * case: ALL CAPS, or capitals with one lower-case letter that is no plural
 * "s", a typo of them ("GAf" beside 98 "GAF", "WALtHAM"; not "NICs"). */
static bool caps_form(const char *s, size_t n) {
  if (kg_all_caps(s, n))
    return true;
  size_t upper = 0, lower = 0, at = 0;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    upper += c >= 'A' && c <= 'Z';
    if (c >= 'a' && c <= 'z') {
      lower++;
      at = i;
    }
  }
  return upper >= 2 && lower == 1 && !(at == n - 1 && s[at] == 's');
}

static uint64_t form_key(uint32_t e, uint32_t str) { return ((uint64_t)e << 32) | str; }

/* Entity e's label in the case of running text when its best form was
 * only seen in ALL CAPS or in headlines: a form of two words or more
 * ("ZENITH ELECTRONICS") that begins a form seen in running text, letter
 * case aside ("Zenith Electronics Corp"), takes that form's case ("Zenith
 * Electronics").  The first such form in bytewise order, of the first 64,
 * so the label is a function of the counts alone (registry.h). */
static int derive_cased(kg_registry *r, ent *en, uint32_t e) {
  enum { FORMS_MAX = 64 };
  en->cased = KG_NONE;
  if (en->fixed_label || en->best_form == KG_NONE || (r->pairs[en->best_form].tier & TIER_TEXT))
    return 0;
  uint32_t best = r->pairs[en->best_form].str;
  const char *b = kg_strmap_key(&r->strs, best);
  size_t bl = kg_strmap_len(&r->strs, best);
  if (!memchr(b, ' ', bl))
    return 0; /* one word: an acronym keeps its capitals ("NYNEX") */
  for (size_t f = 0; f < en->n_forms && f < FORMS_MAX; f++) {
    uint32_t str = en->forms[f];
    const char *s = kg_strmap_key(&r->strs, str);
    size_t sl = kg_strmap_len(&r->strs, str);
    if (sl < bl || (sl > bl && s[bl] != ' ' && s[bl] != ',') || strncasecmp(s, b, bl) != 0 ||
        memcmp(s, b, bl) == 0 ||
        !(r->pairs[kg_u64map_get(&r->pair_of, form_key(e, str))].tier & TIER_TEXT))
      continue;
    return kg_strmap_intern(&r->strs, s, bl, &en->cased, NULL);
  }
  return 0;
}

int kg_registry_note(kg_registry *r, uint32_t e, kg_etype type, const char *surface,
                     size_t len, const char *role, size_t role_len, bool headline,
                     kg_error *err) {
  if (reserve_scratch(r, (len > role_len ? len : role_len) + 1) != 0)
    goto nomem;
  size_t n = normalize(r, surface, len);
  if (n == 0)
    return 0;
  uint32_t str, p;
  bool added;
  if (kg_strmap_intern(&r->strs, r->scratch, n, &str, NULL) != 0 ||
      bump(r, e, str, false, 1, &p, &added) != 0)
    goto nomem;
  ent *en = &r->ents[e];
  if (en->named && (unsigned)type < KG_N_ETYPES && vote(r, en, type) != 0)
    goto nomem;
  const char *form = kg_strmap_key(&r->strs, str);
  /* "Kaiser Cement Corp.": a company, whatever other documents made of
   * "Kaiser Cement" (one word, "Troy Corp" beside the city, stays a vote). */
  if (en->named && !en->company && type == KG_ORGANIZATION && strchr(en->key, '-') &&
      legal_form_at_end(form, n)) {
    en->company = true;
    if (en->type != KG_ORGANIZATION) {
      en->type = KG_ORGANIZATION;
      if (name_ids(r, en) != 0)
        goto nomem;
    }
  }
  if (added) {
    r->pairs[p].tier = form_tier(r, e, form, n);
    if (add_alias(r, en, str) != 0)
      goto nomem;
  }
  bool text = !headline && !caps_form(form, n) && !(r->pairs[p].tier & TIER_TEXT);
  if (text)
    r->pairs[p].tier |= TIER_TEXT;
  uint32_t best = en->best_form;
  if (beats(r, p, en->best_form))
    en->best_form = p;
  /* (the cased label changes only with the forms, their TEXT bits and the best) */
  if ((added || text || en->best_form != best) && derive_cased(r, en, e) != 0)
    goto nomem;
  if (role_len) {
    n = normalize(r, role, role_len);
    if (n) {
      if (kg_strmap_intern(&r->strs, r->scratch, n, &str, NULL) != 0 ||
          bump(r, e, str, true, 1, &p, &added) != 0)
        goto nomem;
      if (beats(r, p, en->best_role))
        en->best_role = p;
      en->n_roled++;
    }
  }
  return 0;
nomem:
  return kg_error_set(err, KG_ERR_NOMEM, "entity registry: out of memory at '%.*s'",
                      (int)(len > 200 ? 200 : len), surface);
}

/* ------------------------------------------------------ pending acronyms */

/* Is the surface form an acronym as written: capitals, perhaps with '.',
 * '&' or '-' between them, two letters or more ("EC", "E.C.", "AT&T")? */
static bool acronym_form(const char *s, size_t n) {
  size_t letters = 0;
  if (n > 16)
    return false;
  for (size_t i = 0; i < n; i++) {
    if (s[i] >= 'A' && s[i] <= 'Z')
      letters++;
    else if (s[i] != '.' && s[i] != '&' && s[i] != '-')
      return false;
  }
  return letters >= 2;
}

/* Mentions of entity `ent` written as pending acronym `acro`. */
typedef struct acro_vote {
  uint32_t acro, ent, count;
} acro_vote;

static int cmp_vote(const void *pa, const void *pb) {
  const acro_vote *a = pa, *b = pb;
  if (a->acro != b->acro)
    return a->acro < b->acro ? -1 : 1;
  return (a->ent > b->ent) - (a->ent < b->ent);
}

/* Does entity a win over b as a pending acronym's target: more mentions
 * written as the acronym, then the bytewise smaller id (never the index,
 * which depends on document order)? */
static bool wins(const kg_registry *r, const acro_vote *a, const acro_vote *b) {
  if (a->count != b->count)
    return a->count > b->count;
  return strcmp(shown_id(r, &r->ents[a->ent]), shown_id(r, &r->ents[b->ent])) < 0;
}

/* ------------------------------------------------------- lone surnames */

/* A person's full name by the last word of its key ("reagan" of
 * "ronald-reagan"). */
typedef struct surname_of {
  const char *last;
  uint32_t ent;
} surname_of;

static int cmp_surname(const void *pa, const void *pb) {
  const surname_of *a = pa, *b = pb;
  int c = strcmp(a->last, b->last);
  return c ? c : (a->ent > b->ent) - (a->ent < b->ent);
}

/* Is e a named person, not an acronym, with a role? */
static bool roled_person(const ent *e) {
  return e->named && !e->pending && e->type == KG_PERSON && e->best_role != KG_NONE;
}

/* A person known by a lone surname and a role ("President Reagan", in
 * documents that never give the full name) joins the one full name of
 * the corpus with that surname whose own most frequent role is the same,
 * when that role is the lone surname's in three quarters of its mentions
 * with a role, and the full name holds it MIN_ROLED times or more and
 * DOMINANT times as often as every other full name with the surname and
 * role together ("Ronald Reagan"; "Nancy Reagan", whose document wrote
 * "President Reagan and Nancy Reagan", once).  A function of the counts:
 * a tie for the most is no merge, whatever the order of the entities. */
static int plan_surnames(const kg_registry *r, uint32_t *into, kg_error *err) {
  enum { DOMINANT = 3, MIN_ROLED = 2 };
  surname_of *v = NULL;
  size_t n = 0, cap = 0;
  for (size_t i = 0; i < r->n_ents; i++) {
    const ent *e = &r->ents[i];
    const char *dash = roled_person(e) ? strrchr(e->key, '-') : NULL;
    if (!dash || !dash[1])
      continue;
    if (kg_reserve((void **)&v, &cap, n + 1, sizeof *v, 256) != 0) {
      free(v);
      return kg_error_set(err, KG_ERR_NOMEM, "entity registry: out of memory");
    }
    v[n++] = (surname_of){dash + 1, (uint32_t)i};
  }
  if (n)
    qsort(v, n, sizeof *v, cmp_surname);
  for (size_t i = 0; i < r->n_ents && n; i++) {
    const ent *l = &r->ents[i];
    if (!roled_person(l) || strchr(l->key, '-') || into[i] != i)
      continue;
    const pair *lr = &r->pairs[l->best_role];
    if (lr->count * 4 < l->n_roled * 3) /* most of its roles: one person */
      continue;
    size_t lo = 0, hi = n; /* first full name with this surname */
    while (lo < hi) {
      size_t mid = (lo + hi) / 2;
      if (strcmp(v[mid].last, l->key) < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
    uint32_t best = KG_NONE, best_n = 0, others = 0;
    for (size_t k = lo; k < n && strcmp(v[k].last, l->key) == 0; k++) {
      const pair *fr = &r->pairs[r->ents[v[k].ent].best_role];
      if (fr->str != lr->str)
        continue;
      if (fr->count > best_n) {
        others += best_n;
        best_n = fr->count;
        best = v[k].ent;
      } else {
        others += fr->count;
      }
    }
    if (best != KG_NONE && best_n >= MIN_ROLED && best_n >= DOMINANT * others)
      into[i] = best;
  }
  free(v);
  return 0;
}

static int plan_acronyms(const kg_registry *r, uint32_t *into, uint32_t *fallback,
                         kg_error *err);

int kg_registry_plan(const kg_registry *r, uint32_t *into, uint32_t *fallback, kg_error *err) {
  for (size_t i = 0; i < r->n_ents; i++)
    into[i] = fallback[i] = (uint32_t)i;
  int rc = plan_surnames(r, into, err);
  if (rc || kg_strmap_size(&r->acros) == 0)
    return rc;
  rc = plan_acronyms(r, into, fallback, err);
  /* An acronym's named twin may be a lone surname that joins its full
   * name ("REAGAN" -> "Reagan" -> "Ronald Reagan"): it goes there too. */
  for (size_t i = 0; !rc && i < r->n_ents; i++) {
    into[i] = into[into[i]];
    if (fallback[i] != i)
      fallback[i] = into[fallback[i]];
  }
  return rc;
}

/* Pending acronyms (see registry.h). */
static int plan_acronyms(const kg_registry *r, uint32_t *into, uint32_t *fallback,
                         kg_error *err) {
  acro_vote *v = NULL;
  size_t n = 0, cap = 0;
  for (size_t e = 0; e < r->n_ents; e++) {
    const ent *en = &r->ents[e];
    if (en->pending)
      continue;
    for (size_t f = 0; f < en->n_forms; f++) {
      uint32_t str = en->forms[f];
      const char *s = kg_strmap_key(&r->strs, str);
      size_t len = kg_strmap_len(&r->strs, str);
      char slug[64];
      size_t sl;
      uint32_t a;
      if (!acronym_form(s, len) || (sl = kg_text_slug(s, len, slug, sizeof slug)) == 0 ||
          sl >= sizeof slug || (a = kg_strmap_find(&r->acros, slug, sl)) == KG_NONE)
        continue;
      if (kg_reserve((void **)&v, &cap, n + 1, sizeof *v, 64) != 0) {
        free(v);
        return kg_error_set(err, KG_ERR_NOMEM, "entity registry: out of memory");
      }
      uint32_t p = kg_u64map_get(&r->pair_of, form_key((uint32_t)e, str));
      v[n++] = (acro_vote){r->ent_of_acro[a], (uint32_t)e, r->pairs[p].count};
    }
  }
  for (size_t i = 0; i < kg_strmap_size(&r->acros); i++) {
    uint32_t p = r->ent_of_acro[i];
    const ent *pe = &r->ents[p];
    uint32_t x = kg_strmap_find(&r->names, pe->key, strlen(pe->key));
    into[p] = fallback[p] = x == KG_NONE ? p : r->ent_of_name[x];
  }
  if (n)
    qsort(v, n, sizeof *v, cmp_vote);
  for (size_t i = 0; i < n;) {
    size_t j = i, best = i;
    uint64_t total = 0;
    for (; j < n && v[j].acro == v[i].acro; j++) {
      total += v[j].count;
      if (wins(r, &v[j], &v[best]))
        best = j;
    }
    uint32_t p = v[i].acro, t = v[best].ent;
    kg_etype ty = r->ents[t].type;
    if ((uint64_t)v[best].count * 4 >= total * 3 &&
        (t == fallback[p] || ty == KG_ORGANIZATION || ty == KG_LOCATION || ty == KG_COUNTRY))
      into[p] = t;
    i = j;
  }
  free(v);
  return 0;
}

int kg_registry_merge(kg_registry *r, uint32_t from, uint32_t into, kg_error *err) {
  if (from >= r->n_ents || into >= r->n_ents || from == into ||
      !(r->ents[from].pending || (r->ents[from].named && r->ents[from].type == KG_PERSON)) ||
      r->ents[into].pending)
    return kg_error_set(err, KG_ERR_USAGE, "entity registry: cannot merge %u into %u", from,
                        into);
  for (size_t f = 0; f < r->ents[from].n_forms; f++) {
    uint32_t str = r->ents[from].forms[f], p;
    const pair *src = &r->pairs[kg_u64map_get(&r->pair_of, form_key(from, str))];
    uint32_t count = src->count;
    uint8_t text = src->tier & TIER_TEXT;
    bool added;
    if (bump(r, into, str, false, count, &p, &added) != 0)
      goto nomem;
    ent *t = &r->ents[into];
    if (added) {
      const char *form = kg_strmap_key(&r->strs, str);
      r->pairs[p].tier = form_tier(r, into, form, kg_strmap_len(&r->strs, str));
      if (add_alias(r, t, str) != 0)
        goto nomem;
    }
    r->pairs[p].tier |= text;
    if (beats(r, p, t->best_form))
      t->best_form = p;
  }
  ent *t = &r->ents[into];
  if (derive_cased(r, t, into) != 0)
    goto nomem;
  if (t->named) {
    kg_etype best = t->type;
    for (int k = 0; k < KG_N_ETYPES; k++)
      t->votes[k] += r->ents[from].votes[k];
    for (int k = 0; k < KG_N_ETYPES; k++)
      if (t->votes[k] > t->votes[best] ||
          (t->votes[k] == t->votes[best] && type_rank((kg_etype)k) < type_rank(best)))
        best = (kg_etype)k;
    if (best != t->type) {
      t->type = best;
      if (name_ids(r, t) != 0)
        goto nomem;
    }
  }
  r->ents[from].into = into;
  return 0;
nomem:
  return kg_error_set(err, KG_ERR_NOMEM, "entity registry: out of memory");
}

int kg_registry_keep_apart(kg_registry *r, uint32_t e, kg_error *err) {
  if (clash(r, &r->ents[e], "~3") != 0)
    return kg_error_set(err, KG_ERR_NOMEM, "entity registry: out of memory");
  return 0;
}
