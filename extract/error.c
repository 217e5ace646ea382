/* error.c: the kg_error value every fallible function fills. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "extract.h"

int kg_error_set(kg_error *err, int code, const char *fmt, ...) {
  if (!err)
    return code;
  err->code = code;
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(err->msg, sizeof err->msg, fmt, ap);
  va_end(ap);
  if (n >= (int)sizeof err->msg) {
    /* Truncated: back off to a UTF-8 character boundary. */
    size_t end = sizeof err->msg - 1;
    while (end > 0 && ((unsigned char)err->msg[end] & 0xC0) == 0x80)
      end--;
    err->msg[end] = '\0';
  }
  /* One line: a message never carries a newline from a file name. */
  for (char *p = err->msg; *p; p++)
    if (*p == '\n' || *p == '\r')
      *p = ' ';
  return code;
}
