/* registry.h (private to extract/): the store of canonical entities.
 *
 * The public side (kg_registry_size, kg_registry_get) is in extract.h.  The
 * resolver decides WHICH entity a mention is (resolve.c); the registry only
 * keeps entities by id and counts what was seen of them, so that label,
 * role and aliases are functions of the counts alone and never of the order
 * in which documents arrive:
 *  - label: the gazetteer's label when one was ever given; otherwise the most
 *    frequent "full" surface form (one whose slug is the id's slug), forms
 *    seen in running text preferred over ALL CAPS and headline ones, ties
 *    broken by the bytewise smallest;
 *  - role: the most frequent role, ties by the bytewise smallest;
 *  - aliases: every distinct surface form, sorted bytewise, '|'-joined.
 * Costs: two hash lookups per mention, allocation only for new strings (an
 * arena) and when an entity gains a new alias.
 */
#ifndef KG_REGISTRY_H
#define KG_REGISTRY_H

#include "extract.h"

kg_registry *kg_registry_new(void);
void kg_registry_free(kg_registry *r);

/* Index of the entity with this id, created when new.  label (NUL-terminated,
 * may be NULL) is a fixed canonical label (from the gazetteer); iso may be
 * NULL.  A fixed label arriving for an entity that had none replaces the
 * derived one. */
int kg_registry_entity(kg_registry *r, kg_etype type, const char *id, size_t id_len,
                       const char *label, const char *iso, uint32_t *out, kg_error *err);

/* Same, with the id derived from a name: "<type>:<slug of name>".
 * KG_ERR_EMPTY when the name has no letter or digit (no id possible). */
int kg_registry_named(kg_registry *r, kg_etype type, const char *name, size_t len,
                      uint32_t *out, kg_error *err);

/* Count one mention of entity e: its surface form (whitespace runs are
 * collapsed to one space, '|' becomes '/'), its role (may be empty), and
 * whether it stands in a headline (ALL CAPS or Title Case line: its case is
 * no evidence for the label). */
int kg_registry_note(kg_registry *r, uint32_t e, const char *surface, size_t len,
                     const char *role, size_t role_len, bool headline, kg_error *err);

/* Index of the entity with this id, or -1. */
long kg_registry_find(const kg_registry *r, const char *id);

#endif /* KG_REGISTRY_H */
