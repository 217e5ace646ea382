/* pipeline.c: kg_extractor_process over a stream of documents, the fronts
 * on worker threads (see extract.h).
 *
 * A ring of KG_PIPELINE_DEPTH slots, each with its own front.  The caller's
 * thread puts a document in the next free slot; a worker takes the oldest
 * queued slot and runs its front; the caller's thread resolves the oldest
 * slot once its front is done and hands the result on, so resolution (and
 * everything the registry decides) sees the documents in the order pushed,
 * whatever the number of threads.  With two cores, the fronts (most of the
 * work: tagging) run beside the resolution and the reading. */
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "extract.h"

enum { EMPTY, QUEUED, RUNNING, DONE };

typedef struct slot {
  kg_front *front;
  kg_doc *doc;
  int state;
  int rc;
  kg_error err;
} slot;

/* What a worker thread is started with: its pipeline and its finder. */
typedef struct worker_arg {
  struct kg_pipeline *p;
  kg_finder *finder;
} worker_arg;

struct kg_pipeline {
  kg_extractor *x;
  kg_result_fn on_result;
  void *ud;
  slot ring[KG_PIPELINE_DEPTH];
  size_t head, tail; /* documents handed on, pushed */
  size_t next;       /* the next slot a worker takes */
  pthread_t workers[2];
  kg_finder *finders[2]; /* one per worker; finders[0] for the caller's thread without */
  worker_arg args[2];
  unsigned n_workers, n_started;
  pthread_mutex_t mu;
  pthread_cond_t queued, done;
  bool stop;    /* workers exit */
  int status;   /* non-zero: stopped with this */
};

static void *work(void *arg) {
  kg_pipeline *p = ((worker_arg *)arg)->p;
  kg_finder *fd = ((worker_arg *)arg)->finder;
  pthread_mutex_lock(&p->mu);
  for (;;) {
    while (!p->stop && (p->next == p->tail || p->ring[p->next % KG_PIPELINE_DEPTH].state != QUEUED))
      pthread_cond_wait(&p->queued, &p->mu);
    if (p->stop)
      break;
    slot *s = &p->ring[p->next++ % KG_PIPELINE_DEPTH];
    s->state = RUNNING;
    pthread_mutex_unlock(&p->mu);
    memset(&s->err, 0, sizeof s->err);
    s->rc = kg_front_run(s->front, fd, p->x, s->doc, &s->err);
    pthread_mutex_lock(&p->mu);
    s->state = DONE;
    pthread_cond_broadcast(&p->done);
  }
  pthread_mutex_unlock(&p->mu);
  return NULL;
}

/* Resolve the oldest slot and hand it on; wait for its front when `wait`.
 * 1 when there was nothing to hand on. */
static int hand_on(kg_pipeline *p, bool wait, int *status) {
  if (p->head == p->tail)
    return 1;
  slot *s = &p->ring[p->head % KG_PIPELINE_DEPTH];
  if (p->n_workers) {
    pthread_mutex_lock(&p->mu);
    while (wait && s->state != DONE)
      pthread_cond_wait(&p->done, &p->mu);
    bool ready = s->state == DONE;
    pthread_mutex_unlock(&p->mu);
    if (!ready)
      return 1;
  } else {
    memset(&s->err, 0, sizeof s->err);
    s->rc = kg_front_run(s->front, p->finders[0], p->x, s->doc, &s->err);
  }
  kg_doc_result res;
  memset(&res, 0, sizeof res);
  if (!s->rc)
    s->rc = kg_extractor_resolve(p->x, s->front, s->doc, &res, &s->err);
  kg_doc *doc = s->doc;
  s->doc = NULL;
  if (p->n_workers)
    pthread_mutex_lock(&p->mu);
  s->state = EMPTY;
  p->head++;
  if (p->n_workers)
    pthread_mutex_unlock(&p->mu);
  *status = p->on_result(doc, s->rc, &res, &s->err, p->ud);
  free(doc);
  return 0;
}

/* The workers started end (those that run a front finish it first). */
static void kg_pipeline_stop(kg_pipeline *p) {
  pthread_mutex_lock(&p->mu);
  p->stop = true;
  pthread_cond_broadcast(&p->queued);
  pthread_mutex_unlock(&p->mu);
  for (unsigned i = 0; i < p->n_started; i++)
    pthread_join(p->workers[i], NULL);
  p->n_started = 0;
  p->stop = false;
}

int kg_pipeline_new(kg_extractor *x, unsigned threads, kg_result_fn on_result, void *ud,
                    kg_pipeline **out, kg_error *err) {
  *out = NULL;
  kg_pipeline *p = calloc(1, sizeof *p);
  if (!p)
    return kg_error_set(err, KG_ERR_NOMEM, "pipeline: out of memory");
  p->x = x;
  p->on_result = on_result;
  p->ud = ud;
  int rc = 0;
  p->n_workers = threads > 2 ? 2 : threads;
  for (size_t i = 0; i < KG_PIPELINE_DEPTH && !rc; i++)
    rc = kg_front_new(&p->ring[i].front, err);
  for (unsigned i = 0; i < (p->n_workers ? p->n_workers : 1) && !rc; i++)
    rc = kg_finder_new(x, &p->finders[i], err);
  if (rc || pthread_mutex_init(&p->mu, NULL) != 0) {
    for (size_t i = 0; i < KG_PIPELINE_DEPTH; i++)
      kg_front_free(p->ring[i].front);
    kg_finder_free(p->finders[0]);
    kg_finder_free(p->finders[1]);
    free(p);
    return rc ? rc : kg_error_set(err, KG_ERR_NOMEM, "pipeline: cannot make a mutex");
  }
  pthread_cond_init(&p->queued, NULL);
  pthread_cond_init(&p->done, NULL);
  for (; p->n_started < p->n_workers; p->n_started++) {
    p->args[p->n_started] = (worker_arg){p, p->finders[p->n_started]};
    if (pthread_create(&p->workers[p->n_started], NULL, work, &p->args[p->n_started]) != 0)
      break;
  }
  if (p->n_started < p->n_workers) { /* no thread: run on the caller's */
    kg_pipeline_stop(p);
    p->n_workers = p->n_started = 0;
  }
  *out = p;
  return 0;
}

int kg_pipeline_push(kg_pipeline *p, kg_doc *in) {
  int status = p->status;
  while (!status && p->tail - p->head == KG_PIPELINE_DEPTH) /* full: the oldest goes on */
    hand_on(p, true, &status);
  kg_doc *doc = status ? NULL : malloc(sizeof *doc);
  if (!doc) {
    kg_doc_destroy(in);
    return p->status = status ? status : KG_ERR_NOMEM;
  }
  *doc = *in; /* the members are ours now */
  memset(in, 0, sizeof *in);
  slot *s = &p->ring[p->tail % KG_PIPELINE_DEPTH];
  if (p->n_workers)
    pthread_mutex_lock(&p->mu);
  s->doc = doc;
  s->state = QUEUED;
  p->tail++;
  if (p->n_workers) {
    pthread_cond_signal(&p->queued);
    pthread_mutex_unlock(&p->mu);
  }
  /* Hand on whatever is done already, without waiting. */
  while (!status && hand_on(p, false, &status) == 0)
    ;
  return p->status = status;
}

int kg_pipeline_finish(kg_pipeline *p) {
  int status = p->status;
  while (!status && hand_on(p, true, &status) == 0)
    ;
  return p->status = status;
}

void kg_pipeline_free(kg_pipeline *p) {
  if (!p)
    return;
  kg_pipeline_stop(p);
  for (size_t i = 0; i < KG_PIPELINE_DEPTH; i++) {
    if (p->ring[i].doc) {
      kg_doc_destroy(p->ring[i].doc);
      free(p->ring[i].doc);
    }
    kg_front_free(p->ring[i].front);
  }
  kg_finder_free(p->finders[0]);
  kg_finder_free(p->finders[1]);
  pthread_cond_destroy(&p->queued);
  pthread_cond_destroy(&p->done);
  pthread_mutex_destroy(&p->mu);
  free(p);
}
