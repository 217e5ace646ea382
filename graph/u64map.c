/* u64map.c: open-addressing hash map from 64-bit keys to 32-bit values (see
 * u64map.h for the design). */
#include <stdlib.h>
#include <string.h>

#include "u64map.h"

/* splitmix64's finalizer: a cheap bijective mix whose low bits depend on all
 * key bits, so (i, j) pairs that differ only in j still spread over the
 * table. */
static inline uint64_t mix(uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9u;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebu;
  x ^= x >> 31;
  return x;
}

void kg_map_destroy(kg_u64map *m) {
  if (!m)
    return;
  free(m->slots);
  *m = (kg_u64map){0};
}

void kg_map_clear(kg_u64map *m) {
  m->n = 0;
  if (++m->gen == 0) { /* wrapped: stale slots could look live again */
    if (m->slots)
      memset(m->slots, 0, m->cap * sizeof *m->slots);
    m->gen = 1;
  }
}

uint32_t *kg_map_find(const kg_u64map *m, uint64_t key) {
  if (!m->cap)
    return NULL;
  size_t mask = m->cap - 1;
  for (size_t i = mix(key) & mask;; i = (i + 1) & mask) {
    kg_map_slot *s = &m->slots[i];
    if (s->gen != m->gen)
      return NULL;
    if (s->key == key)
      return &s->val;
  }
}

void kg_map_prefetch(const kg_u64map *m, uint64_t key) {
  if (m->cap)
    __builtin_prefetch(&m->slots[mix(key) & (m->cap - 1)]);
}

static bool grow(kg_u64map *m) {
  size_t cap = m->cap ? m->cap * 2 : 64;
  kg_map_slot *slots = calloc(cap, sizeof *slots);
  if (!slots)
    return false;
  uint32_t gen = m->gen ? m->gen : 1;
  for (size_t k = 0; k < m->cap; k++) {
    const kg_map_slot *s = &m->slots[k];
    if (s->gen != m->gen)
      continue;
    size_t i = mix(s->key) & (cap - 1);
    while (slots[i].gen == gen)
      i = (i + 1) & (cap - 1);
    slots[i] = (kg_map_slot){s->key, gen, s->val};
  }
  free(m->slots);
  m->slots = slots;
  m->cap = cap;
  m->gen = gen;
  return true;
}

uint32_t *kg_map_upsert(kg_u64map *m, uint64_t key, bool *added) {
  *added = false;
  if ((m->n + 1) * 10 > m->cap * 7 && !grow(m))
    return NULL;
  size_t mask = m->cap - 1;
  for (size_t i = mix(key) & mask;; i = (i + 1) & mask) {
    kg_map_slot *s = &m->slots[i];
    if (s->gen != m->gen) {
      *s = (kg_map_slot){key, m->gen, 0};
      m->n++;
      *added = true;
      return &s->val;
    }
    if (s->key == key)
      return &s->val;
  }
}
