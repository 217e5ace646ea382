/* make_clusters.c: word clusters for the tagger, learned from unlabeled text.
 *
 *   cc -O2 -o make_clusters data/model/make_clusters.c -lm
 *   ./make_clusters CONLL_OR_TOKEN_FILE... > data/model/clusters.tsv
 *
 * Reads tokens (the first whitespace-separated column of each line; blank
 * lines and -DOCSTART- lines end sentences), folds them as the tagger's word
 * features do (ASCII lower case, digits -> 0), and partitions the words seen
 * at least MIN_COUNT times into classes by the exchange algorithm (Kneser &
 * Ney 1993; Martin, Liermann & Ney 1998): each word in turn moves to the class
 * that most increases the class-bigram log-likelihood
 *   sum_{c,d} N(c,d) log N(c,d) - sum_c Nl(c) log Nl(c) - sum_d Nr(d) log Nr(d).
 * Rarer words and sentence ends are one fixed extra class.  It runs for three
 * numbers of classes (coarse to fine) and writes
 *   word TAB class@64 TAB class@256 TAB class@1024
 * sorted bytewise by word.  Deterministic: no randomness, ties go to the
 * lowest class.  Development tool only; the tagger reads its output.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MIN_COUNT 3
#define ITERS 12
#define WORD_MAX 64

static const int LEVELS[] = {64, 256, 1024};
#define N_LEVELS 3

typedef struct word {
  char *s;
  long count;
} word;

static word *words;
static long n_words, cap_words;
static long *htab; /* index+1 into words */
static long hcap = 1 << 20;

static uint64_t hash(const char *s) {
  uint64_t h = 1469598103934665603ULL;
  for (; *s; s++)
    h = (h ^ (unsigned char)*s) * 1099511628211ULL;
  return h;
}

static long intern(const char *s) {
  uint64_t h = hash(s);
  for (long i = (long)(h & (uint64_t)(hcap - 1));; i = (i + 1) & (hcap - 1)) {
    if (!htab[i]) {
      if (n_words == cap_words) {
        cap_words = cap_words ? cap_words * 2 : 1 << 16;
        words = realloc(words, (size_t)cap_words * sizeof *words);
      }
      words[n_words].s = strdup(s);
      words[n_words].count = 0;
      htab[i] = ++n_words;
      return n_words - 1;
    }
    if (!strcmp(words[htab[i] - 1].s, s))
      return htab[i] - 1;
  }
}

static long *seq; /* word ids, -1 = sentence boundary */
static long n_seq, cap_seq;

static void push(long id) {
  if (n_seq == cap_seq) {
    cap_seq = cap_seq ? cap_seq * 2 : 1 << 20;
    seq = realloc(seq, (size_t)cap_seq * sizeof *seq);
  }
  seq[n_seq++] = id;
}

static void read_file(const char *path) {
  FILE *f = fopen(path, "r");
  if (!f) {
    perror(path);
    exit(1);
  }
  char line[1 << 16];
  while (fgets(line, sizeof line, f)) {
    char *p = line;
    while (*p == ' ' || *p == '\t')
      p++;
    size_t n = strcspn(p, " \t\r\n");
    if (n == 0 || !strncmp(p, "-DOCSTART-", 10)) {
      if (n_seq && seq[n_seq - 1] != -1)
        push(-1);
      continue;
    }
    char w[WORD_MAX + 1];
    if (n > WORD_MAX)
      n = WORD_MAX;
    for (size_t i = 0; i < n; i++) {
      unsigned char c = (unsigned char)p[i];
      w[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c >= '0' && c <= '9' ? '0' : c);
    }
    w[n] = '\0';
    long id = intern(w);
    words[id].count++;
    push(id);
  }
  if (n_seq && seq[n_seq - 1] != -1)
    push(-1);
  fclose(f);
}

/* ------------------------------------------------------------ clustering */

typedef struct edge {
  long to;
  long n;
} edge;

static double flogf_(double x) { return x > 0 ? x * log(x) : 0; }

static int cmp_count(const void *a, const void *b) {
  const word *x = *(const word *const *)a, *y = *(const word *const *)b;
  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  return strcmp(x->s, y->s);
}

static int cmp_edge(const void *a, const void *b) {
  const edge *x = a, *y = b;
  return x->to < y->to ? -1 : x->to > y->to;
}

/* Cluster vocabulary ids 0..V-1 (the frequent words, by falling count), id V
 * = everything else. right[v]/left[v]: bigram lists (to, count) over ids. */
static void cluster(long V, edge **right, long *n_right, edge **left, long *n_left, long *self,
                    long *cnt_l, long *cnt_r, int C, int *cls) {
  int K = C + 1; /* class C = the rest */
  double *N = calloc((size_t)K * K, sizeof *N), *Nl = calloc((size_t)K, sizeof *Nl),
         *Nr = calloc((size_t)K, sizeof *Nr);
  double *Rw = calloc((size_t)K, sizeof *Rw), *Lw = calloc((size_t)K, sizeof *Lw);
  int *rl = malloc((size_t)K * sizeof *rl), *ll = malloc((size_t)K * sizeof *ll);
  for (long v = 0; v < V; v++)
    cls[v] = (int)(v % C); /* the C most frequent words start alone */
  cls[V] = C;
  for (long v = 0; v <= V; v++) {
    for (long k = 0; k < n_right[v]; k++)
      N[(size_t)cls[v] * K + cls[right[v][k].to]] += (double)right[v][k].n;
    Nl[cls[v]] += (double)cnt_l[v];
    Nr[cls[v]] += (double)cnt_r[v];
  }
  for (int it = 0; it < ITERS; it++) {
    long moved = 0;
    for (long w = 0; w < V; w++) {
      int a = cls[w];
      /* Class counts of w's neighbours, without w itself. */
      int nr = 0, nl = 0;
      for (long k = 0; k < n_right[w]; k++) {
        long to = right[w][k].to;
        if (to == w)
          continue;
        int c = cls[to];
        if (Rw[c] == 0)
          rl[nr++] = c;
        Rw[c] += (double)right[w][k].n;
      }
      for (long k = 0; k < n_left[w]; k++) {
        long from = left[w][k].to;
        if (from == w)
          continue;
        int c = cls[from];
        if (Lw[c] == 0)
          ll[nl++] = c;
        Lw[c] += (double)left[w][k].n;
      }
      double sw = (double)self[w];
      /* Take w out of a. */
      for (int k = 0; k < nr; k++)
        N[(size_t)a * K + rl[k]] -= Rw[rl[k]];
      for (int k = 0; k < nl; k++)
        N[(size_t)ll[k] * K + a] -= Lw[ll[k]];
      N[(size_t)a * K + a] -= sw;
      Nl[a] -= (double)cnt_l[w];
      Nr[a] -= (double)cnt_r[w];
      /* Best class to put it in. */
      int best = a;
      double best_d = -INFINITY;
      for (int b = 0; b < C; b++) {
        double d = 0;
        for (int k = 0; k < nr; k++) {
          int c = rl[k];
          if (c == b)
            continue;
          double x = N[(size_t)b * K + c];
          d += flogf_(x + Rw[c]) - flogf_(x);
        }
        for (int k = 0; k < nl; k++) {
          int c = ll[k];
          if (c == b)
            continue;
          double x = N[(size_t)c * K + b];
          d += flogf_(x + Lw[c]) - flogf_(x);
        }
        double x = N[(size_t)b * K + b];
        d += flogf_(x + Rw[b] + Lw[b] + sw) - flogf_(x);
        d -= flogf_(Nl[b] + (double)cnt_l[w]) - flogf_(Nl[b]);
        d -= flogf_(Nr[b] + (double)cnt_r[w]) - flogf_(Nr[b]);
        if (d > best_d + 1e-9) {
          best_d = d;
          best = b;
        }
      }
      for (int k = 0; k < nr; k++)
        N[(size_t)best * K + rl[k]] += Rw[rl[k]];
      for (int k = 0; k < nl; k++)
        N[(size_t)ll[k] * K + best] += Lw[ll[k]];
      N[(size_t)best * K + best] += sw;
      Nl[best] += (double)cnt_l[w];
      Nr[best] += (double)cnt_r[w];
      moved += best != a;
      cls[w] = best;
      for (int k = 0; k < nr; k++)
        Rw[rl[k]] = 0;
      for (int k = 0; k < nl; k++)
        Lw[ll[k]] = 0;
    }
    fprintf(stderr, "classes %d iteration %d: %ld moved\n", C, it + 1, moved);
    if (!moved)
      break;
  }
  free(N);
  free(Nl);
  free(Nr);
  free(Rw);
  free(Lw);
  free(rl);
  free(ll);
}

static int cmp_str(const void *a, const void *b) {
  return strcmp((*(const word *const *)a)->s, (*(const word *const *)b)->s);
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: make_clusters FILE... > clusters.tsv\n");
    return 2;
  }
  htab = calloc((size_t)hcap, sizeof *htab);
  for (int i = 1; i < argc; i++)
    read_file(argv[i]);
  /* Vocabulary: by falling count (then bytes); rare words share id V. */
  word **byc = malloc((size_t)n_words * sizeof *byc);
  for (long i = 0; i < n_words; i++)
    byc[i] = &words[i];
  qsort(byc, (size_t)n_words, sizeof *byc, cmp_count);
  long V = 0;
  while (V < n_words && byc[V]->count >= MIN_COUNT)
    V++;
  long *id = malloc((size_t)n_words * sizeof *id);
  for (long i = 0; i < n_words; i++)
    id[byc[i] - words] = i < V ? i : V;
  /* Bigram lists, sentence ends as the rare id. */
  long *n_right = calloc((size_t)V + 1, sizeof(long)), *n_left = calloc((size_t)V + 1, sizeof(long));
  long *cnt_l = calloc((size_t)V + 1, sizeof(long)), *cnt_r = calloc((size_t)V + 1, sizeof(long));
  long *self = calloc((size_t)V + 1, sizeof(long));
  long n_big = 0;
  long (*pairs)[2] = malloc((size_t)(n_seq + 1) * sizeof *pairs);
  for (long i = 0; i + 1 < n_seq; i++) {
    long a = seq[i] < 0 ? V : id[seq[i]], b = seq[i + 1] < 0 ? V : id[seq[i + 1]];
    if (seq[i] < 0 && seq[i + 1] < 0)
      continue;
    pairs[n_big][0] = a;
    pairs[n_big][1] = b;
    n_big++;
    cnt_l[a]++;
    cnt_r[b]++;
    if (a == b)
      self[a]++;
  }
  /* Aggregate per (a,b): sort-free counting through per-word lists. */
  edge **right = calloc((size_t)V + 1, sizeof *right), **left = calloc((size_t)V + 1, sizeof *left);
  for (long i = 0; i < n_big; i++) {
    n_right[pairs[i][0]]++;
    n_left[pairs[i][1]]++;
  }
  for (long v = 0; v <= V; v++) {
    right[v] = malloc((size_t)(n_right[v] + 1) * sizeof(edge));
    left[v] = malloc((size_t)(n_left[v] + 1) * sizeof(edge));
    n_right[v] = n_left[v] = 0;
  }
  for (long i = 0; i < n_big; i++) {
    long a = pairs[i][0], b = pairs[i][1];
    right[a][n_right[a]++] = (edge){b, 1};
    left[b][n_left[b]++] = (edge){a, 1};
  }
  for (long v = 0; v <= V; v++) { /* merge duplicates */
    edge **lists[2] = {&right[v], &left[v]};
    long *ns[2] = {&n_right[v], &n_left[v]};
    for (int s = 0; s < 2; s++) {
      edge *e = *lists[s];
      long n = *ns[s], m = 0;
      qsort(e, (size_t)n, sizeof *e, cmp_edge);
      for (long k = 0; k < n; k++) {
        if (m && e[m - 1].to == e[k].to)
          e[m - 1].n += e[k].n;
        else
          e[m++] = e[k];
      }
      *ns[s] = m;
    }
  }
  fprintf(stderr, "%ld tokens, %ld words, %ld clustered (count >= %d)\n", n_seq, n_words, V, MIN_COUNT);
  int *cls[N_LEVELS];
  for (int l = 0; l < N_LEVELS; l++) {
    cls[l] = malloc((size_t)(V + 1) * sizeof(int));
    cluster(V, right, n_right, left, n_left, self, cnt_l, cnt_r, LEVELS[l], cls[l]);
  }
  word **sorted = malloc((size_t)V * sizeof *sorted);
  long *rank = malloc((size_t)n_words * sizeof *rank);
  for (long i = 0; i < V; i++) {
    sorted[i] = byc[i];
    rank[byc[i] - words] = i;
  }
  qsort(sorted, (size_t)V, sizeof *sorted, cmp_str);
  printf("# word clusters for the kgraph tagger: make_clusters.c; word TAB class@64 TAB class@256 TAB class@1024\n");
  for (long i = 0; i < V; i++) {
    long v = rank[sorted[i] - words];
    printf("%s\t%d\t%d\t%d\n", sorted[i]->s, cls[0][v], cls[1][v], cls[2][v]);
  }
  return 0;
}
