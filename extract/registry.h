/* registry.h (private to extract/): the store of canonical entities.
 *
 * The public side (kg_registry_size, kg_registry_get) is in extract.h.  The
 * resolver decides WHICH entity a mention is (resolve.c); the registry only
 * keeps entities and counts what was seen of them, so that type, id,
 * label, role and aliases are functions of the counts alone and never of
 * the order in which documents arrive.  Two kinds of entity:
 *  - fixed: a gazetteer entity, by its id ("country:it"), with its type and
 *    label;
 *  - named: a name the gazetteer does not know, by its slug ("steve-jobs"),
 *    whatever type the documents gave it.  Each mention is noted with its
 *    type in its document; the entity's type is the most frequent of those
 *    (ties: organization, person, location, event, country) and its id is
 *    "<type>:<slug>" for that type, so "Steve Jobs" is one node even where
 *    one article's tagger took him for a place.  Until every document is
 *    in, type and id are provisional.
 * Derived attributes:
 *  - label: the gazetteer's label when one was ever given; otherwise the most
 *    frequent "full" surface form (one whose slug is the entity's slug), forms
 *    seen in running text preferred over ALL CAPS and headline ones, ties
 *    broken by the bytewise smallest; a form of two words or more seen
 *    only in capitals or headlines takes the case of a running-text form it
 *    begins ("Zenith Electronics" for "ZENITH ELECTRONICS" beside "Zenith
 *    Electronics Corp");
 *  - role: people only: the most frequent role, ties by the bytewise
 *    smallest;
 *  - aliases: every distinct surface form, sorted bytewise, '|'-joined.
 * Costs: three hash lookups per mention, allocation only for new strings (an
 * arena), when an entity gains a new alias or a named entity changes type.
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

/* Index of the named entity whose slug is the slug of name, created when
 * new; type is its type until a mention is noted.  The caller routes names
 * the gazetteer knows to kg_registry_entity (should a named entity still
 * end up with a fixed entity's id, it shows "<id>~2").  KG_ERR_EMPTY when
 * the name has no letter or digit (no id possible). */
int kg_registry_named(kg_registry *r, kg_etype type, const char *name, size_t len,
                      uint32_t *out, kg_error *err);

/* The pending acronym entity of name's slug, created when new: an acronym
 * that no name of its own document spells out ("the EC said"; the resolver
 * decides).  It counts like a named entity until kg_registry_plan and
 * kg_registry_merge settle it, once every document is in. */
int kg_registry_acronym(kg_registry *r, kg_etype type, const char *name, size_t len,
                        uint32_t *out, kg_error *err);

/* For every entity i (arrays of kg_registry_size entries): into[i] is the
 * entity it should join, fallback[i] the one it may join instead; both i
 * for all but lone surnames and pending acronyms.  A named person whose key
 * is one word and who has a role ("Reagan", "President") joins the one
 * full name ending in that word whose most frequent role is the same, when
 * that role is three quarters or more of the surname's roles and the full
 * name holds it twice or more and three times as often as every other such
 * full name together ("Ronald Reagan", beside "Nancy Reagan" given the
 * title once by a document that wrote "President Reagan and Nancy
 * Reagan").  A pending acronym joins the entity that
 * the corpus writes as that acronym in three quarters or more of its
 * mentions (an organization or a place: "EC" -> the European Community,
 * which other documents spell out); else the named entity of the same
 * name (fallback), when there is one; else stays itself.  A function of
 * the counts: it does not depend on document order. */
int kg_registry_plan(const kg_registry *r, uint32_t *into, uint32_t *fallback, kg_error *err);

/* Pending acronym or named person `from` joins entity `into` (not
 * pending): its forms and type votes go to it, and kg_registry_get(from)
 * shows it from then on. */
int kg_registry_merge(kg_registry *r, uint32_t from, uint32_t into, kg_error *err);

/* Pending acronym e stays apart from the named entity of the same name
 * (they share a document, so their counts cannot be summed): it shows
 * "<id>~3". */
int kg_registry_keep_apart(kg_registry *r, uint32_t e, kg_error *err);

/* Count one mention of entity e: its type in its document (a vote for a
 * named entity's type; ignored for a fixed one), its surface form
 * (whitespace runs are collapsed to one space, '|' becomes '/'), its role
 * (may be empty), and whether it stands in a headline (ALL CAPS or Title
 * Case line: its case is no evidence for the label). */
int kg_registry_note(kg_registry *r, uint32_t e, kg_etype type, const char *surface,
                     size_t len, const char *role, size_t role_len, bool headline,
                     kg_error *err);

/* Is entity e a named one (type decided by its mentions)?  Its type now. */
bool kg_registry_is_named(const kg_registry *r, uint32_t e);
kg_etype kg_registry_type(const kg_registry *r, uint32_t e);

/* Slug s[0, n) with one spelling for words that British and American news
 * spell apart in names ("organisation", "defence", "centre", and their
 * plurals, as whole words): "organisation" becomes "organization", so
 * "International Coffee Organisation" and "International Coffee
 * Organization" are one entity (the registry's keys; the resolver's look-up
 * of gazetteer ids).  In place: the spellings have one length.  Whether it
 * changed any. */
bool kg_registry_spelling(char *s, size_t n);

/* Index of the entity showing this id now, or -1. */
long kg_registry_find(const kg_registry *r, const char *id);

#endif /* KG_REGISTRY_H */
