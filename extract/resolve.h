/* resolve.h (private to extract/): one canonical entity per candidate.
 *
 * Within one document: clean the spans (leading "the", possessives, a
 * sentence-opening clause word: "Unlike Chrysler"; junk made of titles,
 * days, common words, numbers: "11,188.23", "mid-2006", legal forms alone,
 * model designations: "Airbus A380", listed non-entities: "Dow Jones"; a
 * "person" made only of ordinary words: "Snow Leopard", or ending in a
 * legal form: "Conrac Corp" is a company), read in-text acronym
 * definitions ("the Syrian Democratic Forces (SDF)"), give each name one
 * type (the document's majority), link a surname or first name to the
 * unique full name already seen that has it, or to the document's only one
 * (never when two full names qualify: "Bush" after "George Bush" and
 * "Laura Bush" stays itself; "Steve" after "Steve Jobs" is Jobs even when
 * "Steve Ballmer" comes later), drop legal forms from organization
 * identities ("Chrysler LLC" = "Chrysler"), let document evidence overrule
 * the tagger on lone words (a "person" with no full name, title or known
 * given name is most often a company; a given name after a determiner is
 * a thing: "the Mac"; a "place" never used as one is no place), find
 * again, case-insensitively, names the document already uses (ALL CAPS
 * headlines, "Blinken" in a sentence the name finders missed; outside
 * headlines a lower-case word stays out), and give each mention its
 * registry entity: the gazetteer's (also for a name the gazetteer knows
 * with the candidate's type, by alias or by id: "General Motors Corp."),
 * or the named entity of its slug, whose type the registry decides over
 * all documents (registry.h).
 *
 * What it never does: string similarity ("George Bush" and "George W. Bush"
 * are different keys), links across documents other than by the same full
 * name (a bare "Blinken" in a document without "Antony Blinken" is its own
 * entity), or links through a third mention (no chaining).
 */
#ifndef KG_RESOLVE_H
#define KG_RESOLVE_H

#include "mention.h"
#include "registry.h"

typedef struct kg_resolver kg_resolver;

/* Per-thread scratch (document key tables, buffers), reused across
 * documents. */
kg_resolver *kg_resolver_new(void);
void kg_resolver_free(kg_resolver *rs);

/* Resolve the merged candidates of one document (non-overlapping, sorted by
 * start; kg_cands_merge) into mentions noted in reg.  cands may be changed.
 * *out points into rs's buffer (sorted by start), valid until the next
 * call. */
int kg_resolve(kg_resolver *rs, kg_registry *reg, const kg_docview *dv, kg_candbuf *cands,
               const kg_mention **out, size_t *n_out, kg_error *err);

#endif /* KG_RESOLVE_H */
