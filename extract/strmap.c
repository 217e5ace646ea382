/* strmap.c: string interning (dense indices, arena copies) and a u64 map.
 *
 * Open addressing with linear probing at a load factor of at most 1/2; the
 * string table stores key index + 1 in its slots and keeps 32 hash bits per
 * key so that a probe rarely touches the key bytes of a non-matching entry.
 */
#include "strmap.h"

#include <stdlib.h>
#include <string.h>

#include "extract.h"

struct kg_arena_chunk {
  kg_arena_chunk *next;
  size_t cap, used;
  char data[];
};

#define ARENA_CHUNK 65536

uint64_t kg_hash_bytes(const char *s, size_t len) {
  /* FNV-1a over 8-byte words, then a final avalanche: keys are short
   * names, so this is as fast as anything fancier and well spread. */
  uint64_t h = 0xcbf29ce484222325ull ^ (len * 0x9e3779b97f4a7c15ull);
  size_t i = 0;
  for (; i + 8 <= len; i += 8) {
    uint64_t w;
    memcpy(&w, s + i, 8);
    h = (h ^ w) * 0x100000001b3ull;
    h ^= h >> 29;
  }
  for (; i < len; i++)
    h = (h ^ (unsigned char)s[i]) * 0x100000001b3ull;
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  return h;
}

void kg_strmap_init(kg_strmap *m) { memset(m, 0, sizeof *m); }

void kg_strmap_destroy(kg_strmap *m) {
  if (!m)
    return;
  kg_arena_chunk *c = m->chunks;
  while (c) {
    kg_arena_chunk *next = c->next;
    free(c);
    c = next;
  }
  free(m->slots);
  free(m->keys);
  memset(m, 0, sizeof *m);
}

void kg_strmap_clear(kg_strmap *m) {
  if (m->chunks) {
    kg_arena_chunk *c = m->chunks->next;
    while (c) {
      kg_arena_chunk *next = c->next;
      free(c);
      c = next;
    }
    m->chunks->next = NULL;
    m->chunks->used = 0;
  }
  if (m->n_keys && m->slots)
    memset(m->slots, 0, m->n_slots * sizeof *m->slots);
  m->n_keys = 0;
}

const char *kg_strmap_store(kg_strmap *m, const char *s, size_t len) {
  kg_arena_chunk *c = m->chunks;
  if (!c || c->cap - c->used < len + 1) {
    size_t cap = len + 1 > ARENA_CHUNK ? len + 1 : ARENA_CHUNK;
    kg_arena_chunk *n = malloc(sizeof *n + cap);
    if (!n)
      return NULL;
    n->cap = cap;
    n->used = 0;
    if (c && len + 1 > ARENA_CHUNK) {
      /* A big string gets a chunk of its own behind the current one, so
       * the current chunk's free space is not wasted. */
      n->next = c->next;
      c->next = n;
    } else {
      n->next = c;
      m->chunks = n;
    }
    c = n;
  }
  char *p = c->data + c->used;
  if (len)
    memcpy(p, s, len);
  p[len] = '\0';
  c->used += len + 1;
  return p;
}

static int grow_slots(kg_strmap *m) {
  size_t n = m->n_slots ? m->n_slots * 2 : 64;
  uint32_t *slots = calloc(n, sizeof *slots);
  if (!slots)
    return KG_ERR_NOMEM;
  for (size_t k = 0; k < m->n_keys; k++) {
    size_t i = m->keys[k].hash & (n - 1);
    while (slots[i])
      i = (i + 1) & (n - 1);
    slots[i] = (uint32_t)k + 1;
  }
  free(m->slots);
  m->slots = slots;
  m->n_slots = n;
  return 0;
}

static uint32_t probe(const kg_strmap *m, const char *key, size_t len, uint32_t h, size_t *slot) {
  size_t mask = m->n_slots - 1;
  size_t i = h & mask;
  for (;;) {
    uint32_t v = m->slots[i];
    if (!v)
      break;
    const struct kg_strkey *k = &m->keys[v - 1];
    if (k->hash == h && k->len == len && memcmp(k->ptr, key, len) == 0) {
      *slot = i;
      return v - 1;
    }
    i = (i + 1) & mask;
  }
  *slot = i;
  return KG_NONE;
}

uint32_t kg_strmap_find(const kg_strmap *m, const char *key, size_t len) {
  if (!m->n_keys)
    return KG_NONE;
  size_t slot;
  return probe(m, key, len, (uint32_t)kg_hash_bytes(key, len), &slot);
}

int kg_strmap_intern(kg_strmap *m, const char *key, size_t len, uint32_t *out, bool *added) {
  if (added)
    *added = false;
  if (len > UINT32_MAX || m->n_keys >= UINT32_MAX - 1)
    return KG_ERR_NOMEM;
  if ((m->n_keys + 1) * 2 > m->n_slots && grow_slots(m) != 0)
    return KG_ERR_NOMEM;
  uint32_t h = (uint32_t)kg_hash_bytes(key, len);
  size_t slot;
  uint32_t found = probe(m, key, len, h, &slot);
  if (found != KG_NONE) {
    *out = found;
    return 0;
  }
  if (m->n_keys == m->cap_keys) {
    size_t cap = m->cap_keys ? m->cap_keys * 2 : 64;
    struct kg_strkey *keys = realloc(m->keys, cap * sizeof *keys);
    if (!keys)
      return KG_ERR_NOMEM;
    m->keys = keys;
    m->cap_keys = cap;
  }
  const char *copy = kg_strmap_store(m, key, len);
  if (!copy)
    return KG_ERR_NOMEM;
  m->keys[m->n_keys] = (struct kg_strkey){copy, (uint32_t)len, h};
  m->slots[slot] = (uint32_t)m->n_keys + 1;
  *out = (uint32_t)m->n_keys++;
  if (added)
    *added = true;
  return 0;
}

/* ------------------------------------------------------------------ u64 map */

static size_t mix64(uint64_t k) {
  k ^= k >> 33;
  k *= 0xff51afd7ed558ccdull;
  k ^= k >> 33;
  return (size_t)k;
}

void kg_u64map_init(kg_u64map *m) { memset(m, 0, sizeof *m); }

void kg_u64map_destroy(kg_u64map *m) {
  if (!m)
    return;
  free(m->slots);
  memset(m, 0, sizeof *m);
}

void kg_u64map_clear(kg_u64map *m) {
  if (m->n_used)
    for (size_t i = 0; i < m->n_slots; i++)
      m->slots[i].val = KG_NONE;
  m->n_used = 0;
}

uint32_t kg_u64map_get(const kg_u64map *m, uint64_t key) {
  if (!m->n_used)
    return KG_NONE;
  size_t mask = m->n_slots - 1;
  for (size_t i = mix64(key) & mask;; i = (i + 1) & mask) {
    if (m->slots[i].val == KG_NONE)
      return KG_NONE;
    if (m->slots[i].key == key)
      return m->slots[i].val;
  }
}

static void place(struct kg_u64slot *slots, size_t n, uint64_t key, uint32_t val) {
  size_t i = mix64(key) & (n - 1);
  while (slots[i].val != KG_NONE && slots[i].key != key)
    i = (i + 1) & (n - 1);
  slots[i].key = key;
  slots[i].val = val;
}

int kg_u64map_put(kg_u64map *m, uint64_t key, uint32_t val) {
  if ((m->n_used + 1) * 2 > m->n_slots) {
    size_t n = m->n_slots ? m->n_slots * 2 : 64;
    struct kg_u64slot *slots = malloc(n * sizeof *slots);
    if (!slots)
      return KG_ERR_NOMEM;
    for (size_t i = 0; i < n; i++)
      slots[i].val = KG_NONE;
    for (size_t i = 0; i < m->n_slots; i++)
      if (m->slots[i].val != KG_NONE)
        place(slots, n, m->slots[i].key, m->slots[i].val);
    free(m->slots);
    m->slots = slots;
    m->n_slots = n;
  }
  size_t mask = m->n_slots - 1;
  size_t i = mix64(key) & mask;
  while (m->slots[i].val != KG_NONE && m->slots[i].key != key)
    i = (i + 1) & mask;
  if (m->slots[i].val == KG_NONE)
    m->n_used++;
  m->slots[i].key = key;
  m->slots[i].val = val;
  return 0;
}
