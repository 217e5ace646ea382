/* xml.c: the xmlTextWriter sink shared by the GraphML and GEXF writers (see
 * xml.h).  It only manages the writer and its output; what goes in the
 * document is the writers' business. */
#include "xml.h"

#include <errno.h>
#include <libxml/parser.h>
#include <stdarg.h>
#include <string.h>

#include "format.h"

/* libxml2 output callback: never report failure (libxml2 would print it);
 * remember the error and swallow what follows. */
static int sink_write(void *ctx, const char *buf, int len) {
  kg_xml *x = ctx;
  if (!x->write_errno && len > 0 && fwrite(buf, 1, (size_t)len, x->f) != (size_t)len)
    x->write_errno = errno ? errno : EIO;
  return len;
}

static int sink_close(void *ctx) {
  (void)ctx;
  return 0;
}

void kg_xml_init(void) { xmlInitParser(); }

int kg_xml_open(kg_xml *x, FILE *f, kg_error *err) {
  *x = (kg_xml){.f = f};
  xmlInitParser(); /* idempotent; libxml2 wants it before use from threads */
  xmlOutputBufferPtr out = xmlOutputBufferCreateIO(sink_write, sink_close, x, NULL);
  if (!out)
    return kg_error_set(err, KG_ERR_NOMEM, "out of memory for an XML writer");
  x->w = xmlNewTextWriter(out); /* owns out from here on */
  if (!x->w) {
    xmlOutputBufferClose(out);
    return kg_error_set(err, KG_ERR_NOMEM, "out of memory for an XML writer");
  }
  if (xmlTextWriterSetIndent(x->w, 1) < 0 ||
      xmlTextWriterSetIndentString(x->w, BAD_CAST "  ") < 0 ||
      xmlTextWriterStartDocument(x->w, "1.0", "UTF-8", NULL) < 0) {
    kg_xml_destroy(x);
    return kg_error_set(err, KG_ERR_NOMEM, "out of memory starting an XML document");
  }
  return 0;
}

int kg_xml_finish(kg_xml *x, int w, const char *what, kg_error *err) {
  if (w >= 0 && !x->write_errno &&
      (xmlTextWriterEndDocument(x->w) < 0 || xmlTextWriterFlush(x->w) < 0))
    w = -1;
  kg_xml_destroy(x); /* flushes what libxml2 still holds into the sink */
  if (x->write_errno) {
    errno = x->write_errno;
    return kg_write_error(err, what);
  }
  if (w == -2)
    return kg_error_set(err, KG_ERR_NOMEM, "%s: out of memory", what);
  if (w < 0)
    return kg_error_set(err, KG_ERR_INTERNAL, "%s: libxml2 failed to write the document", what);
  if (fflush(x->f) != 0 || ferror(x->f))
    return kg_write_error(err, what);
  return 0;
}

void kg_xml_destroy(kg_xml *x) {
  if (!x)
    return;
  xmlFreeTextWriter(x->w); /* NULL-safe; flushes and closes the sink */
  x->w = NULL;
}

int kg_xml_start(kg_xml *x, const char *element) {
  return xmlTextWriterStartElement(x->w, BAD_CAST element);
}

int kg_xml_end(kg_xml *x) { return xmlTextWriterEndElement(x->w); }

int kg_xml_attr(kg_xml *x, const char *name, const char *value) {
  return xmlTextWriterWriteAttribute(x->w, BAD_CAST name, BAD_CAST value);
}

int kg_xml_text(kg_xml *x, const char *text) {
  return xmlTextWriterWriteString(x->w, BAD_CAST text);
}

int kg_xml_empty(kg_xml *x, const char *element, ...) {
  int rc = kg_xml_start(x, element);
  va_list ap;
  va_start(ap, element);
  for (const char *name; rc >= 0 && (name = va_arg(ap, const char *));) {
    const char *value = va_arg(ap, const char *);
    rc = kg_xml_attr(x, name, value);
  }
  va_end(ap);
  return rc < 0 ? rc : kg_xml_end(x);
}
