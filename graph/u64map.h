/* u64map.h (private to graph/): an open-addressing hash map from 64-bit keys
 * to 32-bit values, used for the entity pairs (key = i << 32 | j).
 *
 * Linear probing over a power-of-two table, kept at most 70% full, with the
 * splitmix64 finalizer as hash so that the dense, regular pair keys spread
 * out.  Every slot carries a generation number: a slot is live only when its
 * generation equals the map's, so kg_map_clear empties a per-document map in
 * O(1) instead of touching the whole table.  No deletion (not needed).
 */
#ifndef KG_U64MAP_H
#define KG_U64MAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct kg_map_slot {
  uint64_t key;
  uint32_t gen; /* live when equal to the map's gen */
  uint32_t val;
} kg_map_slot;

typedef struct kg_u64map {
  kg_map_slot *slots;
  size_t cap; /* 0 or a power of two */
  size_t n;   /* live entries */
  uint32_t gen;
} kg_u64map;

/* A zeroed kg_u64map is a valid empty map; destroy frees its table. */
void kg_map_destroy(kg_u64map *m);
/* Forget every entry, keeping the table for reuse. */
void kg_map_clear(kg_u64map *m);
/* The value stored for key, or NULL. */
uint32_t *kg_map_find(const kg_u64map *m, uint64_t key);
/* The value for key, inserted (set to 0, *added = true) when absent.  NULL
 * when the table cannot grow (out of memory); the map is then unchanged.
 * The pointer is valid until the next insertion. */
uint32_t *kg_map_upsert(kg_u64map *m, uint64_t key, bool *added);
/* Hint that key will be looked up soon: start loading its slot. */
void kg_map_prefetch(const kg_u64map *m, uint64_t key);

#endif
