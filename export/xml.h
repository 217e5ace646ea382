/* xml.h (private to export/): a libxml2 xmlTextWriter on a caller's FILE*,
 * shared by the GraphML and GEXF writers.
 *
 * libxml2 reports a failed write by printing to stderr, which library code
 * must not do; so the sink below never tells libxml2 about a write error.
 * It remembers the first errno instead and drops later output, and the
 * writer checks kg_xml_failed() after each record and at the end.
 */
#ifndef KG_EXPORT_XML_H
#define KG_EXPORT_XML_H

#include <libxml/xmlwriter.h>
#include <stdbool.h>
#include <stdio.h>

#include "extract.h"

typedef struct kg_xml {
  xmlTextWriterPtr w;
  FILE *f;
  int write_errno; /* first write error on f, 0 if none */
} kg_xml;

/* Start a UTF-8 document on f, indented by two spaces. 0 or KG_ERR_NOMEM. */
/* libxml2's one-time set-up: call it before writers run on several threads. */
void kg_xml_init(void);

int kg_xml_open(kg_xml *x, FILE *f, kg_error *err);
/* Finish after the writer's last call, whose status is w (>= 0 fine, -1
 * libxml2 failed, -2 out of memory): end the document, flush to f, free the
 * writer in every case.  0, or KG_ERR_IO / NOMEM / INTERNAL with a message
 * naming `what` (the format). */
int kg_xml_finish(kg_xml *x, int w, const char *what, kg_error *err);
/* Free without finishing (after an error). NULL-safe. */
void kg_xml_destroy(kg_xml *x);

static inline bool kg_xml_failed(const kg_xml *x) { return x->write_errno != 0; }

/* Shorthands for the xmlTextWriter calls, with the char casts; each returns
 * a negative number on failure like libxml2 does. */
int kg_xml_start(kg_xml *x, const char *element);
int kg_xml_end(kg_xml *x);
int kg_xml_attr(kg_xml *x, const char *name, const char *value);
int kg_xml_text(kg_xml *x, const char *text);
/* <element attr="value" .../> with NULL-terminated name/value pairs. */
int kg_xml_empty(kg_xml *x, const char *element, ...);

#endif /* KG_EXPORT_XML_H */
