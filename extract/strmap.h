/* strmap.h (private to extract/): string interning and integer-keyed maps.
 *
 * kg_strmap interns byte strings: each distinct key gets a dense index
 * (0, 1, 2, ... in insertion order) and a stable NUL-terminated copy in a
 * chunked arena, so callers keep parallel arrays indexed by it and may hand
 * the key pointers out for as long as the map lives.  kg_u64map maps 64-bit
 * keys to 32-bit values.  Both are open-addressing tables with linear
 * probing; clear() keeps the memory so a per-document map costs no malloc
 * once warm.  No deletion: nothing in the pipeline needs it.
 */
#ifndef KG_STRMAP_H
#define KG_STRMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define KG_NONE UINT32_MAX

/* 64-bit hash of a byte string (also used to prefilter lookups). */
uint64_t kg_hash_bytes(const char *s, size_t len);

typedef struct kg_arena_chunk kg_arena_chunk;

typedef struct kg_strmap {
  uint32_t *slots;    /* key index + 1; 0 = empty */
  size_t n_slots;     /* power of two */
  struct kg_strkey {
    const char *ptr;  /* arena copy, NUL-terminated */
    uint32_t len;
    uint32_t hash;    /* low bits of the hash, to skip most memcmp */
  } *keys;
  size_t n_keys, cap_keys;
  kg_arena_chunk *chunks; /* newest first; the newest is filled */
} kg_strmap;

void kg_strmap_init(kg_strmap *m);
void kg_strmap_destroy(kg_strmap *m);
/* Forget every key but keep the memory (the arena's first chunk, the table). */
void kg_strmap_clear(kg_strmap *m);
/* Index of key, inserting it when absent (*added, may be NULL, says which).
 * Returns 0, or KG_ERR_NOMEM. */
int kg_strmap_intern(kg_strmap *m, const char *key, size_t len, uint32_t *out, bool *added);
/* Index of key, or KG_NONE. */
uint32_t kg_strmap_find(const kg_strmap *m, const char *key, size_t len);
static inline size_t kg_strmap_size(const kg_strmap *m) { return m->n_keys; }
static inline const char *kg_strmap_key(const kg_strmap *m, uint32_t i) { return m->keys[i].ptr; }
static inline size_t kg_strmap_len(const kg_strmap *m, uint32_t i) { return m->keys[i].len; }

/* Copy bytes into m's arena (NUL-terminated); the copy lives as long as m. */
const char *kg_strmap_store(kg_strmap *m, const char *s, size_t len);

typedef struct kg_u64map {
  struct kg_u64slot {
    uint64_t key;
    uint32_t val; /* KG_NONE marks an empty slot */
  } *slots;
  size_t n_slots, n_used;
} kg_u64map;

void kg_u64map_init(kg_u64map *m);
void kg_u64map_destroy(kg_u64map *m);
void kg_u64map_clear(kg_u64map *m);
/* Value of key, or KG_NONE. */
uint32_t kg_u64map_get(const kg_u64map *m, uint64_t key);
/* Set key to val (val != KG_NONE). Returns 0 or KG_ERR_NOMEM. */
int kg_u64map_put(kg_u64map *m, uint64_t key, uint32_t val);

#endif /* KG_STRMAP_H */
