/* outdir.c: the atomic output folder, and kg_export_graph which stages the
 * graph files in it.
 *
 * Files are written to hidden temporaries in the output folder itself
 * (mkstemp: ".graph.graphml.XXXXXX"), so the final rename never crosses a
 * file system.  Commit first completes every file (fflush, fsync, fclose,
 * each checked: a full disk is an error, not a truncated file), then puts
 * them in place one by one with renameat2(RENAME_EXCHANGE) where a file of
 * that name exists, so that a failure halfway can swap the old files back;
 * a file system without RENAME_EXCHANGE gets plain rename(2) (atomic per
 * file, but an old file replaced before a later failure stays replaced).
 * On any failure the temporaries are removed, and the folder too if this
 * run created it.
 *
 * Temporaries are made with mkstemp (mode 0600) and given the mode a new
 * file would have (0666 less the umask, read from /proc/self/status: umask(2)
 * cannot be read without being changed).  It does not lock the folder: two
 * runs writing the same folder at once each leave a complete set of files,
 * the last rename wins per file.
 */
#define _GNU_SOURCE /* renameat2, RENAME_EXCHANGE */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "export.h"
#include "xml.h"
#include "format.h"

typedef enum { STAGED, CLOSED, EXCHANGED, RENAMED } file_state;

typedef struct staged_file {
  char *final;   /* "<dir>/<name>" */
  char *tmp;     /* "<dir>/.<name>.XXXXXX"; after EXCHANGED, holds the old file */
  FILE *f;
  char *iobuf;   /* stdio buffer: larger than the default, fewer syscalls */
  file_state state;
  bool had_old;  /* RENAMED over an existing file: cannot be undone */
} staged_file;

struct kg_outdir {
  char *path;
  bool created; /* by kg_outdir_open: removed again on failure */
  mode_t mode;  /* of new files */
  staged_file *files;
  size_t n_files, cap;
};

#define IOBUF_SIZE (256 * 1024)

/* "<dir>/<prefix><name><suffix>", without doubling a trailing '/'. */
static char *join(const char *dir, const char *prefix, const char *name, const char *suffix) {
  size_t n = strlen(dir);
  bool slash = n > 0 && dir[n - 1] == '/';
  size_t len = n + 1 + strlen(prefix) + strlen(name) + strlen(suffix) + 1;
  char *p = malloc(len);
  if (p)
    snprintf(p, len, "%s%s%s%s%s", dir, slash ? "" : "/", prefix, name, suffix);
  return p;
}

static mode_t new_file_mode(void) {
  mode_t mask = 022;
  FILE *f = fopen("/proc/self/status", "r");
  if (f) {
    char line[256];
    while (fgets(line, sizeof line, f))
      if (strncmp(line, "Umask:", 6) == 0) {
        mask = (mode_t)strtoul(line + 6, NULL, 8);
        break;
      }
    fclose(f);
  }
  return 0666 & ~mask;
}

int kg_outdir_open(const char *path, kg_outdir **out, kg_error *err) {
  *out = NULL;
  if (!path || !*path)
    return kg_error_set(err, KG_ERR_USAGE, "no output folder given");
  bool created = false;
  struct stat st;
  if (stat(path, &st) != 0) {
    if (errno != ENOENT)
      return kg_error_set(err, KG_ERR_IO, "%s: cannot use as output folder: %s", path,
                          strerror(errno));
    if (mkdir(path, 0777) == 0)
      created = true;
    else if (errno != EEXIST) /* EEXIST: made meanwhile by someone else, fine */
      return kg_error_set(err, KG_ERR_IO, "%s: cannot create the output folder: %s%s", path,
                          strerror(errno),
                          errno == ENOENT ? " (the folder it should go in does not exist)" : "");
    if (stat(path, &st) != 0)
      return kg_error_set(err, KG_ERR_IO, "%s: cannot use as output folder: %s", path,
                          strerror(errno));
  }
  int rc = 0;
  if (!S_ISDIR(st.st_mode)) {
    rc = kg_error_set(err, KG_ERR_IO, "%s: not a folder (a file of that name is in the way)",
                      path);
  } else if (faccessat(AT_FDCWD, path, W_OK | X_OK, AT_EACCESS) != 0) {
    rc = kg_error_set(err, KG_ERR_IO, "%s: cannot write in the output folder: %s", path,
                      strerror(errno));
  } else {
    kg_outdir *od = calloc(1, sizeof *od);
    if (!od || !(od->path = strdup(path))) {
      free(od);
      rc = kg_error_set(err, KG_ERR_NOMEM, "out of memory");
    } else {
      od->created = created;
      od->mode = new_file_mode();
      *out = od;
    }
  }
  if (rc && created)
    rmdir(path);
  return rc;
}

/* Close f if still open; 0, or the errno of the first failure. */
static int close_file(staged_file *s, bool check) {
  int e = 0;
  if (!s->f)
    return 0;
  if (check) {
    /* fflush first: it retries what is buffered and sets errno; ferror
     * catches a failure of an earlier, implicit flush. */
    if (fflush(s->f) != 0 || ferror(s->f))
      e = errno ? errno : EIO;
    else if (fsync(fileno(s->f)) != 0 && errno != EINVAL) /* EINVAL: no fsync here */
      e = errno;
  }
  if (fclose(s->f) != 0 && !e && check)
    e = errno ? errno : EIO;
  s->f = NULL;
  free(s->iobuf);
  s->iobuf = NULL;
  s->state = CLOSED;
  return e;
}

/* A file name (no folder part) that can be staged: not empty, no '/', not
 * "." or "..". */
static bool valid_name(const char *name) {
  return name && *name && !strchr(name, '/') && strcmp(name, ".") != 0 &&
         strcmp(name, "..") != 0;
}

FILE *kg_outdir_create(kg_outdir *od, const char *name, kg_error *err) {
  if (!od || !valid_name(name)) {
    kg_error_set(err, KG_ERR_USAGE, "'%s' is not a file name for the output folder",
                 name ? name : "(null)");
    return NULL;
  }
  for (size_t i = 0; i < od->n_files; i++)
    if (strcmp(strrchr(od->files[i].final, '/') + 1, name) == 0) {
      kg_error_set(err, KG_ERR_USAGE, "%s: staged twice", od->files[i].final);
      return NULL;
    }
  if (od->n_files == od->cap) {
    size_t cap = od->cap ? 2 * od->cap : 8;
    staged_file *p = realloc(od->files, cap * sizeof *p);
    if (!p) {
      kg_error_set(err, KG_ERR_NOMEM, "out of memory");
      return NULL;
    }
    od->files = p;
    od->cap = cap;
  }
  staged_file s = {.final = join(od->path, "", name, ""),
                   .tmp = join(od->path, ".", name, ".XXXXXX"),
                   .iobuf = malloc(IOBUF_SIZE)};
  int fd = -1;
  if (!s.final || !s.tmp || !s.iobuf) {
    kg_error_set(err, KG_ERR_NOMEM, "out of memory");
    goto fail;
  }
  if ((fd = mkstemp(s.tmp)) < 0) {
    kg_error_set(err, KG_ERR_IO, "%s: cannot create a temporary file for %s: %s", od->path,
                 name, strerror(errno));
    goto fail;
  }
  if (fchmod(fd, od->mode) != 0 || !(s.f = fdopen(fd, "w"))) {
    kg_error_set(err, KG_ERR_IO, "%s: cannot set up: %s", s.tmp, strerror(errno));
    goto fail;
  }
  setvbuf(s.f, s.iobuf, _IOFBF, IOBUF_SIZE);
  s.state = STAGED;
  od->files[od->n_files++] = s;
  return s.f;
fail:
  if (fd >= 0) {
    close(fd);
    unlink(s.tmp);
  }
  free(s.final);
  free(s.tmp);
  free(s.iobuf);
  return NULL;
}

/* Put one closed file in place; 0 or errno. */
static int install(staged_file *s) {
  struct stat st;
  if (lstat(s->final, &st) == 0 && S_ISDIR(st.st_mode))
    return EISDIR; /* swapping would hide a folder under the temporary name */
#ifdef RENAME_EXCHANGE
  if (renameat2(AT_FDCWD, s->tmp, AT_FDCWD, s->final, RENAME_EXCHANGE) == 0) {
    s->state = EXCHANGED;
    return 0;
  }
  /* ENOENT: no old file to swap with; EINVAL/ENOSYS: not supported here. */
  if (errno != ENOENT && errno != EINVAL && errno != ENOSYS)
    return errno;
#endif
  s->had_old = access(s->final, F_OK) == 0;
  if (rename(s->tmp, s->final) != 0)
    return errno;
  s->state = RENAMED;
  return 0;
}

/* Undo install(): swap the old file back, or take the new one away again
 * when there was none. (A plain rename over an old file cannot be undone;
 * see the file comment.) */
static void uninstall(staged_file *s) {
  if (s->state == RENAMED && !s->had_old && rename(s->final, s->tmp) == 0)
    s->state = CLOSED;
#ifdef RENAME_EXCHANGE
  if (s->state == EXCHANGED &&
      renameat2(AT_FDCWD, s->tmp, AT_FDCWD, s->final, RENAME_EXCHANGE) == 0)
    s->state = CLOSED;
#endif
}

/* Free od, removing what is left of the temporaries, and its folder when
 * it was created here and `failed`. */
static void release(kg_outdir *od, bool failed) {
  for (size_t i = 0; i < od->n_files; i++) {
    staged_file *s = &od->files[i];
    close_file(s, false);
    if (s->state != RENAMED)
      unlink(s->tmp); /* a temporary, or the old file swapped out */
    free(s->final);
    free(s->tmp);
  }
  if (failed && od->created)
    rmdir(od->path); /* only succeeds when empty, as it was */
  free(od->files);
  free(od->path);
  free(od);
}

int kg_outdir_commit(kg_outdir *od, kg_error *err) {
  if (!od)
    return kg_error_set(err, KG_ERR_USAGE, "no output folder to commit");
  int rc = 0;
  for (size_t i = 0; i < od->n_files; i++) {
    int e = close_file(&od->files[i], true);
    if (e && !rc)
      rc = kg_error_set(err, KG_ERR_IO, "%s: cannot write: %s", od->files[i].final,
                        strerror(e));
  }
  for (size_t i = 0; !rc && i < od->n_files; i++) {
    int e = install(&od->files[i]);
    if (e) {
      rc = kg_error_set(err, KG_ERR_IO, "%s: cannot put in place: %s", od->files[i].final,
                        strerror(e));
      while (i-- > 0)
        uninstall(&od->files[i]);
      break;
    }
  }
  if (!rc) {
    /* Make the renames durable; the files are in place whatever this says. */
    int dfd = open(od->path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
      fsync(dfd);
      close(dfd);
    }
  }
  release(od, rc != 0);
  return rc;
}

void kg_outdir_abort(kg_outdir *od) {
  if (od)
    release(od, true);
}

/* ------------------------------------------------------------ the graph */

static int write_gexf_12draft(const kg_graph *g, FILE *f, kg_error *err) {
  return kg_write_gexf_version(g, f, KG_GEXF_1_2DRAFT, err);
}

typedef struct export_job {
  const kg_graph *g;
  const char *name;
  int (*write)(const kg_graph *, FILE *, kg_error *);
  FILE *f;
  int rc;
  kg_error e;
} export_job;

/* Run jobs [0, n): the writers of one thread. */
typedef struct export_batch {
  export_job *jobs;
  size_t n;
} export_batch;

static void *run_batch(void *arg) {
  export_batch *b = arg;
  for (size_t i = 0; i < b->n; i++) {
    export_job *j = &b->jobs[i];
    j->rc = j->write(j->g, j->f, &j->e);
  }
  return NULL;
}

int kg_export_graph(const kg_graph *g, kg_outdir *od, const kg_export_opts *opts,
                    kg_error *err) {
  /* The XML files first: together about as big as the rest. */
  export_job jobs[] = {
      {g, "graph.graphml", kg_write_graphml, NULL, 0, {0}},
      {g, "graph.gexf", kg_write_gexf, NULL, 0, {0}},
      {g, "graph.dot", kg_write_dot, NULL, 0, {0}},
      {g, "nodes.csv", kg_write_nodes_csv, NULL, 0, {0}},
      {g, "edges.csv", kg_write_edges_csv, NULL, 0, {0}},
  };
  enum { N = sizeof jobs / sizeof jobs[0], XML = 2 };
  if (opts && opts->gexf == KG_GEXF_1_2DRAFT)
    jobs[1].write = write_gexf_12draft;
  if (!g || !od)
    return kg_error_set(err, KG_ERR_USAGE, "no graph or output folder to export to");
  for (size_t i = 0; i < N; i++)
    if (!(jobs[i].f = kg_outdir_create(od, jobs[i].name, &jobs[i].e)))
      return kg_error_set(err, jobs[i].e.code ? jobs[i].e.code : KG_ERR_IO, "%s", jobs[i].e.msg);
  kg_xml_init(); /* before two threads write XML */
  export_batch xml = {jobs, XML}, rest = {jobs + XML, N - XML};
  pthread_t th;
  bool two = !(opts && opts->threads == 1) && pthread_create(&th, NULL, run_batch, &xml) == 0;
  if (!two)
    run_batch(&xml);
  run_batch(&rest);
  if (two)
    pthread_join(th, NULL);
  for (size_t i = 0; i < N; i++)
    if (jobs[i].rc) {
      /* Name the file: the writers only know their format. */
      const char *sep = od->path[strlen(od->path) - 1] == '/' ? "" : "/";
      return kg_error_set(err, jobs[i].rc, "%s%s%s: %s", od->path, sep, jobs[i].name,
                          jobs[i].e.msg);
    }
  return 0;
}
