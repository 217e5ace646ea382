/* registry.c: canonical entities by id, with order-independent labels,
 * roles and aliases (see registry.h for the rules).
 *
 * Layout: ids are interned in one kg_strmap whose dense index IS the entity
 * index; surface forms and roles are interned in a second one.  Each
 * (entity, form) and (entity, role) pair has a counter entry found through a
 * u64 map.  Because counts only grow, the argmax (label, role) can be kept
 * incrementally: only the pair just incremented can overtake the current
 * best.  Aliases are rebuilt (sorted insert + join) only when an entity
 * gains a distinct form, which is rare after the first few documents.
 */
#include "registry.h"

#include <stdlib.h>
#include <string.h>

#include "strmap.h"

/* Label preference: a full form beats a partial one ("Blinken"); a form
 * seen in running text beats one seen only in ALL CAPS or in headlines,
 * where case is no evidence ("COVID-19 Pandemic").  A pair's tier only
 * grows (the max over its mentions), which keeps the argmax exact. */
enum { TIER_FULL = 2, TIER_TEXT = 1 };

typedef struct pair {
  uint32_t str;   /* index in r->strs */
  uint32_t count;
  uint8_t tier;   /* forms: TIER_* bits; roles: unused */
} pair;

typedef struct ent {
  kg_etype type;
  const char *fixed_label; /* arena; NULL = derived */
  const char *iso;         /* arena; "" when none */
  uint32_t best_form;      /* pair index: best label candidate, KG_NONE */
  uint32_t best_role;      /* pair index, KG_NONE */
  uint32_t *forms;         /* distinct form string indices, sorted by bytes */
  size_t n_forms, cap_forms;
  char *aliases;           /* '|'-joined forms; NULL = none yet */
} ent;

struct kg_registry {
  kg_strmap ids;  /* entity id -> entity index */
  kg_strmap strs; /* surface forms, roles, labels, iso codes */
  ent *ents;
  size_t cap_ents;
  pair *pairs;
  size_t n_pairs, cap_pairs;
  kg_u64map pair_of; /* (kind, entity, string) -> pair index */
  char *scratch;     /* normalized surface / slug buffer */
  size_t cap_scratch;
};

kg_registry *kg_registry_new(void) {
  kg_registry *r = calloc(1, sizeof *r);
  if (!r)
    return NULL;
  kg_strmap_init(&r->ids);
  kg_strmap_init(&r->strs);
  kg_u64map_init(&r->pair_of);
  return r;
}

void kg_registry_free(kg_registry *r) {
  if (!r)
    return;
  for (size_t i = 0; i < kg_strmap_size(&r->ids); i++) {
    free(r->ents[i].forms);
    free(r->ents[i].aliases);
  }
  free(r->ents);
  free(r->pairs);
  free(r->scratch);
  kg_strmap_destroy(&r->ids);
  kg_strmap_destroy(&r->strs);
  kg_u64map_destroy(&r->pair_of);
  free(r);
}

size_t kg_registry_size(const kg_registry *r) { return r ? kg_strmap_size(&r->ids) : 0; }

static const char *str_of(const kg_registry *r, uint32_t pair_index) {
  return kg_strmap_key(&r->strs, r->pairs[pair_index].str);
}

void kg_registry_get(const kg_registry *r, size_t i, kg_entity *out) {
  const ent *e = &r->ents[i];
  out->id = kg_strmap_key(&r->ids, (uint32_t)i);
  out->type = e->type;
  if (e->fixed_label)
    out->label = e->fixed_label;
  else if (e->best_form != KG_NONE)
    out->label = str_of(r, e->best_form);
  else /* no mention noted yet: the id is all we know */
    out->label = out->id;
  out->role = e->best_role != KG_NONE ? str_of(r, e->best_role) : "";
  out->iso = e->iso;
  out->aliases = e->aliases ? e->aliases : "";
}

long kg_registry_find(const kg_registry *r, const char *id) {
  uint32_t i = kg_strmap_find(&r->ids, id, strlen(id));
  return i == KG_NONE ? -1 : (long)i;
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

int kg_registry_entity(kg_registry *r, kg_etype type, const char *id, size_t id_len,
                       const char *label, const char *iso, uint32_t *out, kg_error *err) {
  uint32_t idx;
  bool added;
  if (kg_strmap_intern(&r->ids, id, id_len, &idx, &added) != 0)
    goto nomem;
  if (added) {
    if (idx >= r->cap_ents) {
      size_t cap = r->cap_ents ? r->cap_ents * 2 : 256;
      ent *ents = realloc(r->ents, cap * sizeof *ents);
      if (!ents)
        goto nomem;
      r->ents = ents;
      r->cap_ents = cap;
    }
    ent *e = &r->ents[idx];
    memset(e, 0, sizeof *e);
    e->type = type;
    e->iso = "";
    e->best_form = e->best_role = KG_NONE;
  }
  ent *e = &r->ents[idx];
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
  *out = idx;
  return 0;
nomem:
  return kg_error_set(err, KG_ERR_NOMEM, "entity registry: out of memory at '%.*s'",
                      (int)(id_len > 200 ? 200 : id_len), id);
}

int kg_registry_named(kg_registry *r, kg_etype type, const char *name, size_t len,
                      uint32_t *out, kg_error *err) {
  const char *tname = kg_etype_name(type);
  size_t tlen = strlen(tname);
  char probe[8];
  size_t need = kg_text_slug(name, len, probe, sizeof probe);
  if (need == 0)
    return kg_error_set(err, KG_ERR_EMPTY, "entity name '%.*s' gives an empty id",
                        (int)(len > 200 ? 200 : len), name);
  if (reserve_scratch(r, tlen + 1 + need + 1) != 0)
    return kg_error_set(err, KG_ERR_NOMEM, "entity registry: out of memory");
  memcpy(r->scratch, tname, tlen);
  r->scratch[tlen] = ':';
  kg_text_slug(name, len, r->scratch + tlen + 1, need + 1);
  return kg_registry_entity(r, type, r->scratch, tlen + 1 + need, NULL, NULL, out, err);
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

static bool all_caps(const char *s, size_t len) {
  size_t upper = 0;
  for (size_t i = 0; i < len; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c >= 'a' && c <= 'z')
      return false;
    upper += c >= 'A' && c <= 'Z';
  }
  return upper >= 2;
}

/* Is the form "full": does its slug equal the slug part of the entity id? */
static bool full_form(kg_registry *r, uint32_t e, const char *s, size_t len) {
  const char *id = kg_strmap_key(&r->ids, e);
  const char *slug = strchr(id, ':');
  slug = slug ? slug + 1 : id;
  size_t slen = strlen(slug);
  char buf[256];
  if (slen >= sizeof buf)
    return false;
  size_t n = kg_text_slug(s, len, buf, sizeof buf);
  return n == slen && memcmp(buf, slug, n) == 0;
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

static int bump(kg_registry *r, uint32_t e, uint32_t str, bool is_role, uint32_t *out,
                bool *added) {
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
  r->pairs[p].count++;
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

int kg_registry_note(kg_registry *r, uint32_t e, const char *surface, size_t len,
                     const char *role, size_t role_len, bool headline, kg_error *err) {
  if (reserve_scratch(r, (len > role_len ? len : role_len) + 1) != 0)
    goto nomem;
  size_t n = normalize(r, surface, len);
  if (n == 0)
    return 0;
  uint32_t str, p;
  bool added;
  if (kg_strmap_intern(&r->strs, r->scratch, n, &str, NULL) != 0 ||
      bump(r, e, str, false, &p, &added) != 0)
    goto nomem;
  ent *en = &r->ents[e];
  const char *form = kg_strmap_key(&r->strs, str);
  if (added) {
    r->pairs[p].tier = full_form(r, e, form, n) ? TIER_FULL : 0;
    if (add_alias(r, en, str) != 0)
      goto nomem;
  }
  if (!headline && !all_caps(form, n))
    r->pairs[p].tier |= TIER_TEXT;
  if (beats(r, p, en->best_form))
    en->best_form = p;
  if (role_len) {
    n = normalize(r, role, role_len);
    if (n) {
      if (kg_strmap_intern(&r->strs, r->scratch, n, &str, NULL) != 0 ||
          bump(r, e, str, true, &p, &added) != 0)
        goto nomem;
      if (beats(r, p, en->best_role))
        en->best_role = p;
    }
  }
  return 0;
nomem:
  return kg_error_set(err, KG_ERR_NOMEM, "entity registry: out of memory at '%.*s'",
                      (int)(len > 200 ? 200 : len), surface);
}
