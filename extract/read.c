/* read.c: from input arguments to documents.
 *
 * Arguments are files (plain text, or JSON Lines when named *.jsonl),
 * folders (walked recursively in bytewise name order, *.txt and *.jsonl
 * only; hidden names, symlinked folders and the notices that travel with a
 * corpus (README, LICENSE, ATTRIBUTION, ... .txt) skipped) and "-" for stdin.
 * Every text is validated as UTF-8 without NUL bytes here, once; later
 * stages trust it.  Plain text keeps its bytes so that offsets index the
 * file: metadata (a "date YYYY-MM-DD [section]" first line, a Wikinews date
 * line, a BOM) is overwritten with spaces rather than removed.
 *
 * A bad input is never fatal: it is reported through on_warn in one line
 * naming the file (and line, and byte offset) and skipped.  Only running out
 * of memory, a caller's stop, or having nothing at all to show ends the
 * reading with an error.  Nothing here tokenizes or prints.
 */
#include <cjson/cJSON.h>
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "extract.h"
#include "text.h"

#define TITLE_MAX 300
#define DOC_MAX ((size_t)UINT32_MAX) /* token offsets are 32-bit */
#define MAX_DEPTH 256                /* folder nesting (bind-mount loops) */

typedef struct reader {
  kg_doc_fn on_doc;
  kg_warn_fn on_warn;
  void *ud;
  size_t n_docs;
  int stop;      /* non-zero: the caller's stop value or a fatal error code */
  kg_error *err; /* filled on a fatal error */
  char *line;    /* JSON Lines buffer, reused */
  size_t line_cap;
} reader;

void kg_doc_destroy(kg_doc *doc) {
  if (!doc)
    return;
  free(doc->id);
  free(doc->title);
  free(doc->text);
  *doc = (kg_doc){0};
}

__attribute__((format(printf, 2, 3))) static void warn(reader *r, const char *fmt, ...) {
  if (!r->on_warn)
    return;
  char buf[KG_ERROR_MSG_MAX];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  kg_error e; /* flattens newlines and cuts on a UTF-8 boundary */
  kg_error_set(&e, 0, "%s", buf);
  r->on_warn(e.msg, r->ud);
}

static void fatal_nomem(reader *r, const char *what) {
  if (!r->stop)
    r->stop = kg_error_set(r->err, KG_ERR_NOMEM, "out of memory reading %s", what);
}

/* Hand a finished document to the caller, who owns it from now on. */
static void deliver(reader *r, kg_doc *doc) {
  r->n_docs++;
  int rc = r->on_doc(doc, r->ud);
  if (rc)
    r->stop = rc;
}

/* ------------------------------------------------------------------ dates */

static bool digits(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (s[i] < '0' || s[i] > '9')
      return false;
  return true;
}

static bool real_date(int y, int m, int d) {
  static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1 || m < 1 || m > 12 || d < 1)
    return false;
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return d <= days[m - 1] + (m == 2 && leap);
}

/* "YYYY-MM-DD" at s[0..10), a real calendar date: copy it to out. */
static bool iso_date(const char *s, size_t n, char out[11]) {
  if (n < 10 || !digits(s, 4) || s[4] != '-' || !digits(s + 5, 2) || s[7] != '-' ||
      !digits(s + 8, 2))
    return false;
  int y = atoi(s), m = (s[5] - '0') * 10 + (s[6] - '0'), d = (s[8] - '0') * 10 + (s[9] - '0');
  if (!real_date(y, m, d))
    return false;
  memcpy(out, s, 10);
  out[10] = '\0';
  return true;
}

/* ASCII white space at the ends of a line. */
static void trim(const char **s, size_t *n) {
  while (*n && ((*s)[0] == ' ' || (*s)[0] == '\t' || (*s)[0] == '\r'))
    (*s)++, (*n)--;
  while (*n && ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == '\t' || (*s)[*n - 1] == '\r'))
    (*n)--;
}

/* The VOA metadata line "date 2021-06-28 Europe": 1 with a valid date in
 * out, -1 when it has the form but not a real date, 0 when it is not one. */
static int voa_date_line(const char *s, size_t n, char out[11]) {
  trim(&s, &n);
  if (n < 15 || memcmp(s, "date", 4) != 0 || (s[4] != ' ' && s[4] != '\t'))
    return 0;
  size_t i = 5;
  while (i < n && (s[i] == ' ' || s[i] == '\t'))
    i++;
  if (n - i < 10 || (n - i > 10 && s[i + 10] != ' ' && s[i + 10] != '\t'))
    return 0;
  if (!digits(s + i, 4) || s[i + 4] != '-' || !digits(s + i + 5, 2) || s[i + 7] != '-' ||
      !digits(s + i + 8, 2))
    return 0;
  return iso_date(s + i, 10, out) ? 1 : -1;
}

/* The Wikinews date line "December 10, 2013" (the whole line). */
static bool wikinews_date_line(const char *s, size_t n, char out[11]) {
  static const char *const months[12] = {"January", "February", "March",     "April",
                                         "May",     "June",     "July",      "August",
                                         "September", "October", "November", "December"};
  trim(&s, &n);
  for (int m = 0; m < 12; m++) {
    size_t k = strlen(months[m]);
    if (n < k + 8 || memcmp(s, months[m], k) != 0 || s[k] != ' ')
      continue;
    const char *p = s + k + 1, *end = s + n;
    size_t nd = digits(p, 2) ? 2 : digits(p, 1) ? 1 : 0;
    if (!nd || p + nd + 6 > end || p[nd] != ',' || p[nd + 1] != ' ')
      return false;
    p += nd + 2;
    if (end - p != 4 || !digits(p, 4))
      return false;
    int d = nd == 2 ? (p[-4] - '0') * 10 + (p[-3] - '0') : p[-3] - '0';
    int y = atoi(p);
    if (!real_date(y, m + 1, d))
      return false;
    memcpy(out, p, 4);
    out[4] = '-';
    out[5] = (char)('0' + (m + 1) / 10);
    out[6] = (char)('0' + (m + 1) % 10);
    out[7] = '-';
    out[8] = (char)('0' + d / 10);
    out[9] = (char)('0' + d % 10);
    out[10] = '\0';
    return true;
  }
  return false;
}

/* ------------------------------------------------------------- plain text */

/* Is s[0..n) only white space (Unicode spaces included)? */
static bool blank(const char *s, size_t n) {
  size_t i = 0;
  while (i < n) {
    unsigned char c = (unsigned char)s[i];
    if (c < 0x80) {
      if (c > ' ' && c != 0x7F)
        return false;
      i++;
      continue;
    }
    int32_t cp;
    i += kg_utf8_next((const unsigned char *)s + i, n - i, &cp);
    if (!kg_cp_space(cp))
      return false;
  }
  return true;
}

/* A line of text: [start, end) without the newline. */
typedef struct line {
  size_t start, end;
} line;

/* The next line that is not blank, from *pos on; false at the end. */
static bool next_line(const char *s, size_t len, size_t *pos, line *out) {
  while (*pos < len) {
    const char *nl = memchr(s + *pos, '\n', len - *pos);
    size_t end = nl ? (size_t)(nl - s) : len;
    line l = {*pos, end};
    *pos = nl ? end + 1 : len;
    if (!blank(s + l.start, l.end - l.start)) {
      *out = l;
      return true;
    }
  }
  return false;
}

static void blank_out(char *s, line l) { memset(s + l.start, ' ', l.end - l.start); }

/* Is the character ending at s[n) a space?  Its length in *k. */
static bool space_before(const char *s, size_t n, size_t *k) {
  *k = 1;
  while (*k < n && *k < 4 && ((unsigned char)s[n - *k] & 0xC0) == 0x80)
    (*k)++;
  int32_t cp;
  kg_utf8_next((const unsigned char *)s + n - *k, *k, &cp);
  return kg_cp_space(cp);
}

/* A title from a line: at most TITLE_MAX bytes cut on a character
 * boundary, trimmed of white space (Unicode spaces too: the VOA headline
 * ends in U+202F), control characters as spaces.  NULL when out of memory. */
static char *make_title(const char *s, size_t n) {
  size_t k;
  while (n) {
    int32_t cp;
    k = kg_utf8_next((const unsigned char *)s, n, &cp);
    if (!kg_cp_space(cp))
      break;
    s += k, n -= k;
  }
  if (n > TITLE_MAX) {
    n = TITLE_MAX;
    while (n && ((unsigned char)s[n] & 0xC0) == 0x80)
      n--;
  }
  while (n && space_before(s, n, &k))
    n -= k;
  char *t = malloc(n + 1);
  if (!t)
    return NULL;
  for (size_t i = 0; i < n; i++)
    t[i] = (unsigned char)s[i] < ' ' || s[i] == 0x7F ? ' ' : s[i];
  t[n] = '\0';
  return t;
}

/* Turn a file's bytes into a document; takes ownership of buf (len + 1
 * bytes, NUL-terminated). */
static void text_doc(reader *r, char *buf, size_t len, const char *id) {
  kg_doc doc = {0};
  size_t bad;
  if (len == 0) {
    warn(r, "%s: empty file, skipped", id);
    goto skip;
  }
  if (!kg_utf8_valid(buf, len, &bad)) {
    if (buf[bad] == '\0')
      warn(r, "%s: NUL byte at byte offset %zu (a binary file?), skipped", id, bad);
    else
      warn(r, "%s: invalid UTF-8 at byte offset %zu, skipped", id, bad);
    goto skip;
  }
  if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
    memset(buf, ' ', 3);

  /* Metadata: a VOA "date" line first, or a Wikinews date as line 1 or 2. */
  size_t pos = 0;
  line l1, l2;
  bool meta = false;
  if (next_line(buf, len, &pos, &l1)) {
    int v = voa_date_line(buf + l1.start, l1.end - l1.start, doc.date);
    if (v < 0)
      warn(r, "%s: date line holds no real date, document left undated", id);
    if (v != 0) {
      blank_out(buf, l1);
      meta = true;
    } else if (wikinews_date_line(buf + l1.start, l1.end - l1.start, doc.date)) {
      blank_out(buf, l1);
      meta = true;
    } else if (next_line(buf, len, &pos, &l2) &&
               wikinews_date_line(buf + l2.start, l2.end - l2.start, doc.date)) {
      blank_out(buf, l2);
      meta = true;
    }
  }
  pos = 0;
  if (!next_line(buf, len, &pos, &l1)) {
    warn(r, "%s: %s, skipped", id, meta ? "no text besides the date line" : "only white space");
    goto skip;
  }
  doc.title = make_title(buf + l1.start, l1.end - l1.start);
  doc.id = strdup(id);
  if (!doc.title || !doc.id) {
    fatal_nomem(r, id);
    goto skip;
  }
  doc.text = buf;
  doc.len = len;
  deliver(r, &doc);
  return;
skip:
  free(buf);
  kg_doc_destroy(&doc);
}

/* Read the rest of f into a new NUL-terminated buffer (hint: the expected
 * size, 0 when unknown).  Returns 0, KG_ERR_IO (errno set), KG_ERR_FORMAT
 * (more than DOC_MAX bytes) or KG_ERR_NOMEM. */
static int slurp(FILE *f, size_t hint, char **out, size_t *out_len) {
  /* Room for the NUL and one more byte: a file of the expected size then
   * reaches EOF without a last, copying realloc. */
  size_t cap = hint + 2 > 4096 ? hint + 2 : 4096, n = 0;
  char *buf = malloc(cap);
  if (!buf)
    return KG_ERR_NOMEM;
  int rc = 0;
  for (;;) {
    if (n + 1 == cap) {
      if (n > DOC_MAX) {
        rc = KG_ERR_FORMAT;
        break;
      }
      /* Grow to at most one byte past the limit: enough to tell. */
      size_t ncap = cap > (DOC_MAX + 2) / 2 ? DOC_MAX + 2 : cap * 2;
      char *nbuf = realloc(buf, ncap);
      if (!nbuf) {
        rc = KG_ERR_NOMEM;
        break;
      }
      buf = nbuf;
      cap = ncap;
    }
    size_t k = fread(buf + n, 1, cap - 1 - n, f);
    n += k;
    if (k == 0) {
      if (ferror(f))
        rc = KG_ERR_IO;
      break;
    }
  }
  if (!rc && n > DOC_MAX)
    rc = KG_ERR_FORMAT;
  if (rc) {
    int e = errno;
    free(buf);
    errno = e;
    return rc;
  }
  buf[n] = '\0';
  *out = buf;
  *out_len = n;
  return 0;
}

static void read_failed(reader *r, int rc, const char *id) {
  if (rc == KG_ERR_FORMAT)
    warn(r, "%s: larger than 4 GiB, skipped", id);
  else if (rc == KG_ERR_NOMEM)
    warn(r, "%s: not enough memory to read it, skipped", id);
  else
    warn(r, "%s: cannot read: %s", id, strerror(errno));
}

/* ------------------------------------------------------------- JSON Lines */

/* Does the JSON text hold an escaped NUL ("\u0000")?  cJSON would decode it
 * and silently cut the string there. */
static bool escaped_nul(const char *s, size_t n) {
  for (const char *p = s; (p = memchr(p, '\\', (size_t)(s + n - p))) != NULL;) {
    if (s + n - p >= 6 && p[1] == 'u' && memcmp(p + 2, "0000", 4) == 0)
      return true;
    p += 2; /* skip the escaped character, so "\\u0000" is not one */
    if (p >= s + n)
      break;
  }
  return false;
}

/* The JSON "date": "YYYY-MM-DD" or an ISO date-time, whose date is kept. */
static bool json_date(const char *s, char out[11]) {
  size_t n = strlen(s);
  if (!iso_date(s, n, out))
    return false;
  return n == 10 || ((s[10] == 'T' || s[10] == 't' || s[10] == ' ') && n > 11 &&
                     s[11] >= '0' && s[11] <= '9');
}

/* One JSON Lines record; name:line_no names it in warnings. */
static void json_doc(reader *r, const char *s, size_t n, const char *name, size_t line_no,
                     bool *ok) {
  kg_doc doc = {0};
  cJSON *j = NULL;
  size_t bad;
  if (!kg_utf8_valid(s, n, &bad)) {
    warn(r, "%s:%zu: %s at byte offset %zu of the line, line skipped", name, line_no,
         s[bad] ? "invalid UTF-8" : "NUL byte", bad);
    goto done;
  }
  const char *end = NULL;
  j = cJSON_ParseWithLengthOpts(s, n, &end, false);
  if (j && end)
    while (end < s + n && (*end == ' ' || *end == '\t' || *end == '\r'))
      end++;
  if (!j || !cJSON_IsObject(j) || end != s + n) {
    warn(r, "%s:%zu: not a JSON object, line skipped", name, line_no);
    goto done;
  }
  const cJSON *text = cJSON_GetObjectItemCaseSensitive(j, "text");
  if (!cJSON_IsString(text)) {
    warn(r, "%s:%zu: no \"text\" string, line skipped", name, line_no);
    goto done;
  }
  if (escaped_nul(s, n)) {
    warn(r, "%s:%zu: a NUL character (\\u0000) in a string, line skipped", name, line_no);
    goto done;
  }
  size_t len = strlen(text->valuestring);
  if (blank(text->valuestring, len)) {
    warn(r, "%s:%zu: \"text\" is empty, line skipped", name, line_no);
    goto done;
  }
  const cJSON *date = cJSON_GetObjectItemCaseSensitive(j, "date");
  if (date && !cJSON_IsNull(date) &&
      !(cJSON_IsString(date) && (!date->valuestring[0] || json_date(date->valuestring, doc.date)))) {
    warn(r, "%s:%zu: \"date\" is not a real YYYY-MM-DD date, line skipped", name, line_no);
    goto done;
  }
  const cJSON *id = cJSON_GetObjectItemCaseSensitive(j, "id");
  char num[32];
  if (cJSON_IsString(id) && id->valuestring[0])
    doc.id = strdup(id->valuestring);
  else if (cJSON_IsNumber(id) && id->valuedouble == floor(id->valuedouble) &&
           fabs(id->valuedouble) < 9007199254740992.0) {
    snprintf(num, sizeof num, "%.0f", id->valuedouble);
    doc.id = strdup(num);
  } else {
    size_t k = strlen(name) + 24;
    doc.id = malloc(k);
    if (doc.id)
      snprintf(doc.id, k, "%s:%zu", name, line_no);
  }
  const cJSON *title = cJSON_GetObjectItemCaseSensitive(j, "title");
  bool titled = cJSON_IsString(title) && !blank(title->valuestring, strlen(title->valuestring));
  if (titled)
    doc.title = make_title(title->valuestring, strlen(title->valuestring));
  doc.text = malloc(len + 1);
  if (!doc.id || !doc.text || (titled && !doc.title))
    goto nomem;
  memcpy(doc.text, text->valuestring, len + 1);
  doc.len = len;
  cJSON_Delete(j);
  *ok = true;
  deliver(r, &doc);
  return;
nomem:
  fatal_nomem(r, name);
done:
  cJSON_Delete(j);
  kg_doc_destroy(&doc);
}

/* Every line of f; line numbers continue from line_no. */
static void read_jsonl(reader *r, FILE *f, const char *name, size_t line_no) {
  bool any = false;
  ssize_t k;
  while (!r->stop && (errno = 0, k = getline(&r->line, &r->line_cap, f)) >= 0) {
    size_t n = (size_t)k;
    line_no++;
    while (n && (r->line[n - 1] == '\n' || r->line[n - 1] == '\r'))
      n--;
    if (blank(r->line, n))
      continue;
    if (n > DOC_MAX) {
      warn(r, "%s:%zu: line larger than 4 GiB, skipped", name, line_no);
      continue;
    }
    json_doc(r, r->line, n, name, line_no, &any);
  }
  if (r->stop)
    return;
  if (ferror(f) || errno) /* getline also fails on a line too long for memory */
    warn(r, "%s:%zu: cannot read: %s", name, line_no + 1, strerror(errno ? errno : EIO));
  else if (!any)
    warn(r, "%s: no usable JSON Lines record, skipped", name);
}

/* ------------------------------------------------------------ files, stdin */

static bool has_suffix(const char *s, const char *suffix) {
  size_t n = strlen(s), k = strlen(suffix);
  return n >= k && strcasecmp(s + n - k, suffix) == 0;
}

/* README.txt, LICENSE.txt, ATTRIBUTION.txt and the like describe a corpus;
 * they are not articles. Skipped in folders only: a file named on the
 * command line is always read. */
static bool corpus_notice(const char *name) {
  static const char *const stems[] = {"readme", "license", "licence", "copying",
                                      "notice", "attribution", "authors", "changelog"};
  size_t stem = strcspn(name, ".");
  for (size_t i = 0; i < sizeof stems / sizeof *stems; i++)
    if (stem == strlen(stems[i]) && strncasecmp(name, stems[i], stem) == 0)
      return true;
  return false;
}

/* A file: path opens it, id names its documents. */
static void read_file(reader *r, const char *path, const char *id) {
  FILE *f = fopen(path, "rb");
  if (!f) {
    warn(r, "%s: cannot open: %s", id, strerror(errno));
    return;
  }
  struct stat st;
  if (fstat(fileno(f), &st) != 0)
    warn(r, "%s: cannot read: %s", id, strerror(errno));
  else if (S_ISDIR(st.st_mode))
    warn(r, "%s: is a folder", id);
  else if (has_suffix(path, ".jsonl"))
    read_jsonl(r, f, id, 0);
  else if (S_ISREG(st.st_mode) && (uint64_t)st.st_size > DOC_MAX)
    warn(r, "%s: larger than 4 GiB (%lld bytes), skipped", id, (long long)st.st_size);
  else {
    char *buf;
    size_t len;
    int rc = slurp(f, S_ISREG(st.st_mode) ? (size_t)st.st_size : 0, &buf, &len);
    if (rc)
      read_failed(r, rc, id);
    else
      text_doc(r, buf, len, id);
  }
  fclose(f);
}

/* stdin: JSON Lines when the first byte that is not white space is '{',
 * else one plain text document.  It cannot be read twice, so it is read
 * whole first and JSON Lines are then read from memory. */
static void read_stdin(reader *r) {
  char *buf;
  size_t len;
  int rc = slurp(stdin, 0, &buf, &len);
  if (rc) {
    read_failed(r, rc, "-");
    return;
  }
  size_t i = 0;
  while (i < len && (buf[i] == ' ' || buf[i] == '\t' || buf[i] == '\n' || buf[i] == '\r'))
    i++;
  if (i == len || buf[i] != '{') {
    text_doc(r, buf, len, "-");
    return;
  }
  FILE *f = fmemopen(buf, len, "r");
  if (!f)
    fatal_nomem(r, "-");
  else {
    read_jsonl(r, f, "-", 0);
    fclose(f);
  }
  free(buf);
}

/* ------------------------------------------------------------------ folders */

static int by_name(const void *a, const void *b) {
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static char *join(const char *a, const char *b) {
  size_t na = strlen(a), nb = strlen(b);
  bool slash = na && a[na - 1] != '/';
  char *s = malloc(na + slash + nb + 1);
  if (!s)
    return NULL;
  memcpy(s, a, na);
  if (slash)
    s[na] = '/';
  memcpy(s + na + slash, b, nb + 1);
  return s;
}

/* Walk dir (path) whose documents are named rel/...; *n_found counts the
 * .txt/.jsonl files seen.  Entries are sorted bytewise so that the order is
 * the same on every file system. */
static void walk(reader *r, const char *path, const char *rel, int depth, size_t *n_found) {
  if (depth > MAX_DEPTH) {
    warn(r, "%s: folders nested too deep, skipped", path);
    return;
  }
  DIR *d = opendir(path);
  if (!d) {
    warn(r, "%s: cannot open folder: %s", path, strerror(errno));
    return;
  }
  char **names = NULL;
  size_t n = 0, cap = 0;
  struct dirent *e;
  errno = 0;
  while ((e = readdir(d)) != NULL) {
    if (e->d_name[0] == '.')
      continue; /* hidden, and "." ".." */
    if (n == cap) {
      cap = cap ? cap * 2 : 64;
      char **nn = realloc(names, cap * sizeof *nn);
      if (!nn)
        goto nomem;
      names = nn;
    }
    if (!(names[n] = strdup(e->d_name)))
      goto nomem;
    n++;
  }
  closedir(d);
  d = NULL;
  if (n > 1) /* qsort must not get the NULL of an empty folder */
    qsort(names, n, sizeof *names, by_name);
  for (size_t i = 0; i < n && !r->stop; i++) {
    char *full = join(path, names[i]);
    char *sub = rel[0] ? join(rel, names[i]) : strdup(names[i]);
    struct stat st;
    if (!full || !sub) {
      free(full);
      free(sub);
      goto nomem;
    }
    if (lstat(full, &st) != 0)
      warn(r, "%s: cannot read: %s", sub, strerror(errno));
    else if (S_ISDIR(st.st_mode))
      walk(r, full, sub, depth + 1, n_found);
    else if ((has_suffix(names[i], ".txt") || has_suffix(names[i], ".jsonl")) &&
             !corpus_notice(names[i])) {
      /* Symlinked files are read; symlinked folders are not (no loops);
       * fifos and devices are not text, and could block. */
      bool link = S_ISLNK(st.st_mode);
      if (link && stat(full, &st) != 0) {
        (*n_found)++;
        warn(r, "%s: broken link: %s", sub, strerror(errno));
      } else if (S_ISREG(st.st_mode)) {
        (*n_found)++;
        read_file(r, full, sub);
      }
    }
    free(full);
    free(sub);
  }
  goto done;
nomem:
  fatal_nomem(r, path);
done:
  if (d)
    closedir(d);
  for (size_t i = 0; i < n; i++)
    free(names[i]);
  free(names);
}

/* ---------------------------------------------------------------- the API */

int kg_read_inputs(const char *const *inputs, size_t n_inputs, kg_doc_fn on_doc,
                   kg_warn_fn on_warn, void *ud, size_t *n_docs, kg_error *err) {
  if (n_docs)
    *n_docs = 0;
  if (!on_doc || (n_inputs && !inputs))
    return kg_error_set(err, KG_ERR_USAGE, "kg_read_inputs: no inputs or no callback");
  if (n_inputs == 0)
    return kg_error_set(err, KG_ERR_USAGE, "no input given");
  reader r = {.on_doc = on_doc, .on_warn = on_warn, .ud = ud, .err = err};
  for (size_t i = 0; i < n_inputs && !r.stop; i++) {
    const char *in = inputs[i];
    if (strcmp(in, "-") == 0) {
      read_stdin(&r);
      continue;
    }
    struct stat st;
    if (stat(in, &st) != 0) {
      warn(&r, "%s: %s", in, strerror(errno));
      continue;
    }
    if (S_ISDIR(st.st_mode)) {
      size_t found = 0;
      walk(&r, in, "", 0, &found);
      if (!found && !r.stop)
        warn(&r, "%s: folder holds no .txt or .jsonl file", in);
    } else
      read_file(&r, in, in);
  }
  free(r.line);
  if (n_docs)
    *n_docs = r.n_docs;
  if (r.stop)
    return r.stop;
  if (r.n_docs == 0) {
    char names[KG_ERROR_MSG_MAX];
    size_t k = 0;
    for (size_t i = 0; i < n_inputs && k < sizeof names; i++) {
      int w = snprintf(names + k, sizeof names - k, "%s%s", i ? ", " : "", inputs[i]);
      if (w < 0)
        break;
      k += (size_t)w;
    }
    return kg_error_set(err, KG_ERR_EMPTY, "no usable document in %s", names);
  }
  return 0;
}
