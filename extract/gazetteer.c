/* gazetteer.c: the name and word-list data (data/ *.tsv and *.txt), parsed at load.
 *
 * The data files are linked into the binary (kg_embed, see extract/CMakeLists.txt) and parsed
 * once by kg_gazetteer_load into one open-addressing hash table over folded keys.  A key is
 * either one folded token ("italy", "u.s.", "ministry") or a multi-token name written as its
 * folded tokens joined by single spaces ("united states", "people 's republic of china"), so
 * that matching over a token sequence and looking up a whole span use the same table.  Each
 * slot carries the word classes of the key, the entity it names (if any), the alias flags
 * (demonym, ambiguous) and the title kind (if any).
 *
 * Memory: one arena for every string (folded keys, ids, labels, codes) and one array of
 * entities, both grown geometrically; no per-entry malloc.  After load nothing is written, so
 * any number of threads may read one gazetteer.
 *
 * It does not decide what a match means in context (ambiguous aliases, "May" as a month or a
 * name): that is the tagger's and the resolver's job; this module only says what the data says.
 */
#include "gazetteer.h"
#include "grow.h"
#include "mention.h" /* kg_grammar_legal_form */
#include "text.h"

#include <stdlib.h>
#include <string.h>

#include "strmap.h"

/* The embedded data files (cmake/embed.cmake): NUL-terminated after _end. */
#define KG_EMBED(sym) extern const unsigned char kg_embed_##sym[], kg_embed_##sym##_end[]
KG_EMBED(countries);
KG_EMBED(organizations);
KG_EMBED(regions);
KG_EMBED(events);
KG_EMBED(cities);
KG_EMBED(titles);
KG_EMBED(first_names);
KG_EMBED(surnames);
KG_EMBED(org_words);
KG_EMBED(months);
KG_EMBED(weekdays);
KG_EMBED(event_words);
KG_EMBED(common_words);
KG_EMBED(non_entities);

enum file_kind { FILE_ENTITIES, FILE_WORDS, FILE_TITLES, FILE_NON_ENTITIES };

typedef struct data_file {
  const char *name; /* for error messages: the path in the source tree */
  const unsigned char *start, *end;
  enum file_kind kind;
  uint32_t bits; /* FILE_WORDS: the class of every word in the file */
} data_file;

/* Entity files first: an alias already taken keeps its first owner, so a country wins over a
 * US state or a city of the same name ("Georgia", "Djibouti"), and curated organizations over
 * places. */
static const data_file FILES[] = {
    {"data/countries.tsv", kg_embed_countries, kg_embed_countries_end, FILE_ENTITIES, 0},
    {"data/organizations.tsv", kg_embed_organizations, kg_embed_organizations_end, FILE_ENTITIES,
     0},
    {"data/regions.tsv", kg_embed_regions, kg_embed_regions_end, FILE_ENTITIES, 0},
    {"data/events.tsv", kg_embed_events, kg_embed_events_end, FILE_ENTITIES, 0},
    {"data/cities.tsv", kg_embed_cities, kg_embed_cities_end, FILE_ENTITIES, 0},
    {"data/titles.tsv", kg_embed_titles, kg_embed_titles_end, FILE_TITLES, KG_GAZ_TITLE},
    {"data/first-names.txt", kg_embed_first_names, kg_embed_first_names_end, FILE_WORDS,
     KG_GAZ_FIRST_NAME},
    {"data/surnames.txt", kg_embed_surnames, kg_embed_surnames_end, FILE_WORDS, KG_GAZ_SURNAME},
    {"data/org-words.txt", kg_embed_org_words, kg_embed_org_words_end, FILE_WORDS,
     KG_GAZ_ORG_WORD},
    {"data/months.txt", kg_embed_months, kg_embed_months_end, FILE_WORDS, KG_GAZ_MONTH},
    {"data/weekdays.txt", kg_embed_weekdays, kg_embed_weekdays_end, FILE_WORDS, KG_GAZ_WEEKDAY},
    {"data/event-words.txt", kg_embed_event_words, kg_embed_event_words_end, FILE_WORDS,
     KG_GAZ_EVENT_WORD},
    {"data/common-words.txt", kg_embed_common_words, kg_embed_common_words_end, FILE_WORDS,
     KG_GAZ_COMMON},
    {"data/non-entities.tsv", kg_embed_non_entities, kg_embed_non_entities_end,
     FILE_NON_ENTITIES, 0},
};

/* Internal word bit: the token occurs inside some multi-token key.  Matching extends a span only
 * over such tokens, so most tokens cost one probe.  Never returned to callers. */
#define MULTI_TOKEN (1u << 15)
#define PUBLIC_BITS 0x7fffu

#define KEY_MAX 256    /* a folded key is shorter; a longer alias is a data error */
#define TOKENS_MAX 16  /* tokens in one multi-token key */

enum {
  ALIAS_DEMONYM = 1,
  ALIAS_AMBIGUOUS = 2,
  TITLE_SHIFT = 2,
  TITLE_MASK = 3 << TITLE_SHIFT,
  NON_ENTITY = 1 << 4, /* a listed non-entity name (non-entities.tsv); never an entity */
  INDEX = 1 << 5,      /* ... of kind index: a market index ("Nikkei 225") */
  INDEX_HEAD = 1 << 6  /* the first words of a market index's name ("nikkei", "dow jones") */
};

typedef struct slot {
  uint32_t hash;   /* 0 = empty slot (real hashes are forced non-zero) */
  uint32_t key;    /* arena offset of the folded key (NUL-terminated) */
  int32_t entity;  /* index into ents, -1 = none */
  uint16_t bits;   /* word classes, KG_GAZ_* | MULTI_TOKEN */
  uint8_t len;     /* key length in bytes (< KEY_MAX) */
  uint8_t flags;   /* ALIAS_* of the alias that set entity; title kind + 1 in TITLE_MASK */
} slot;            /* 16 bytes: four to a cache line */

typedef struct entity {
  uint32_t id, label, iso, kind, country; /* arena offsets */
  kg_etype type;
} entity;

struct kg_gazetteer {
  slot *slots;
  size_t mask; /* capacity - 1, capacity a power of two */
  size_t n_keys;
  char *arena;
  size_t arena_len, arena_cap;
  entity *ents;
  size_t n_ents, ents_cap;
  size_t max_tokens; /* longest multi-token key, in tokens */
  kg_strmap ids;     /* entity id -> its first entity (dense index = position in id_ent) */
  uint32_t *id_ent;
  /* An organization's names that end in a legal form, without it ("federal
   * deposit insurance" of "Federal Deposit Insurance Corporation") -> its
   * entity + 1 in legal_ent, 0 when two entities share the key. */
  kg_strmap legal;
  uint32_t *legal_ent;
  size_t legal_cap;
};

/* ------------------------------------------------------------------ hashing */

static uint32_t hash_bytes(const char *s, size_t len) {
  /* FNV-1a: keys are short (a few to a few dozen bytes), so a byte loop is fine. */
  uint32_t h = 2166136261u;
  for (size_t i = 0; i < len; i++) {
    h ^= (unsigned char)s[i];
    h *= 16777619u;
  }
  return h ? h : 1u;
}

static const slot *find(const kg_gazetteer *g, const char *key, size_t len) {
  uint32_t h = hash_bytes(key, len);
  for (size_t i = h & g->mask;; i = (i + 1) & g->mask) {
    const slot *s = &g->slots[i];
    if (s->hash == 0) return NULL;
    if (s->hash == h && s->len == len && memcmp(g->arena + s->key, key, len) == 0) return s;
  }
}

/* Double the table, or allocate it with room for about min_keys keys when there is none. */
static int grow_table(kg_gazetteer *g, size_t min_keys) {
  size_t cap = 1u << 10;
  if (g->slots) cap = 2 * (g->mask + 1);
  else
    while (cap * 7 < min_keys * 10) cap *= 2;
  slot *ns = calloc(cap, sizeof *ns);
  if (!ns) return KG_ERR_NOMEM;
  if (g->slots) {
    for (size_t i = 0; i <= g->mask; i++) {
      if (!g->slots[i].hash) continue;
      size_t j = g->slots[i].hash & (cap - 1);
      while (ns[j].hash) j = (j + 1) & (cap - 1);
      ns[j] = g->slots[i];
    }
    free(g->slots);
  }
  g->slots = ns;
  g->mask = cap - 1;
  return 0;
}

/* Append bytes (and a NUL) to the arena; *off gets their offset. */
static int arena_add(kg_gazetteer *g, const char *s, size_t len, uint32_t *off) {
  if (g->arena_len + len + 1 > g->arena_cap) {
    size_t cap = g->arena_cap ? g->arena_cap : 1u << 20;
    while (g->arena_len + len + 1 > cap) cap *= 2;
    if (cap > UINT32_MAX) return KG_ERR_NOMEM;
    char *na = realloc(g->arena, cap);
    if (!na) return KG_ERR_NOMEM;
    g->arena = na;
    g->arena_cap = cap;
  }
  memcpy(g->arena + g->arena_len, s, len);
  g->arena[g->arena_len + len] = '\0';
  *off = (uint32_t)g->arena_len;
  g->arena_len += len + 1;
  return 0;
}

/* The slot of key (whose hash is h), created empty when missing.  Returns NULL on allocation
 * failure. */
static slot *intern_hashed(kg_gazetteer *g, const char *key, size_t len, uint32_t h) {
  if (len >= KEY_MAX) return NULL;
  if ((g->n_keys + 1) * 10 > (g->mask + 1) * 7 && grow_table(g, 0) != 0) return NULL;
  size_t i = h & g->mask;
  for (;; i = (i + 1) & g->mask) {
    slot *s = &g->slots[i];
    if (s->hash == 0) break;
    if (s->hash == h && s->len == len && memcmp(g->arena + s->key, key, len) == 0) return s;
  }
  uint32_t off;
  if (arena_add(g, key, len, &off) != 0) return NULL;
  slot *s = &g->slots[i];
  *s = (slot){.hash = h, .key = off, .len = (uint8_t)len, .entity = -1};
  g->n_keys++;
  return s;
}

static slot *intern(kg_gazetteer *g, const char *key, size_t len) {
  return intern_hashed(g, key, len, hash_bytes(key, len));
}

/* ------------------------------------------------------------------ keys */

/* Byte classes for cutting keys into tokens, one table lookup per byte (the load folds and cuts
 * ~100k names). */
enum { K_WORD = 0, K_SPACE, K_PUNCT, K_SLASH };
#define K4(c) c, c, c, c
#define K16(c) K4(c), K4(c), K4(c), K4(c)
static const unsigned char KEY_CLASS[256] = {
    /* 0x00 */ K4(K_WORD), K4(K_WORD), K_WORD, K_SPACE, K_SPACE, K_WORD, K_WORD, K_SPACE, K_WORD,
    K_WORD, K16(K_WORD),
    /* 0x20 ' ' ! " # $ % & ' ( ) * + , - . / */
    K_SPACE, K_PUNCT, K_PUNCT, K_WORD, K_PUNCT, K_PUNCT, K_WORD, K_WORD, K_PUNCT, K_PUNCT, K_WORD,
    K_PUNCT, K_PUNCT, K_WORD, K_WORD, K_SLASH,
    /* 0x30 0-9 : ; < = > ? */
    K4(K_WORD), K4(K_WORD), K_WORD, K_WORD, K_PUNCT, K_PUNCT, K_WORD, K_WORD, K_WORD, K_PUNCT,
    /* 0x40 @ A-Z [ \ ] ^ _ */
    K16(K_WORD), K4(K_WORD), K4(K_WORD), K_WORD, K_WORD, K_WORD, K_PUNCT, K_WORD, K_PUNCT, K_WORD,
    K_WORD,
    /* 0x60 ` a-z { | } ~ DEL */
    K16(K_WORD), K4(K_WORD), K4(K_WORD), K_WORD, K_WORD, K_WORD, K_PUNCT, K_WORD, K_PUNCT, K_WORD,
    K_WORD,
    /* 0x80-0xff: UTF-8 bytes belong to words */
    K16(K_WORD), K16(K_WORD), K16(K_WORD), K16(K_WORD), K16(K_WORD), K16(K_WORD), K16(K_WORD),
    K16(K_WORD)};
#undef K4
#undef K16

static bool is_digit(char c) { return c >= '0' && c <= '9'; }
static bool is_space(const char *s, size_t i) { return KEY_CLASS[(unsigned char)s[i]] == K_SPACE; }

/* Punctuation the segmenter makes a token of its own: "OPEC +", "HIV / AIDS"; a '/' between
 * digits stays inside the token ("9/11"). */
static bool is_split_punct(const char *s, size_t len, size_t i) {
  unsigned char k = KEY_CLASS[(unsigned char)s[i]];
  if (k == K_PUNCT) return true;
  return k == K_SLASH && !(i > 0 && i + 1 < len && is_digit(s[i - 1]) && is_digit(s[i + 1]));
}

/* Turn an already folded name into its key: the tokens the segmenter (segment.c, Penn style)
 * would produce, joined by single spaces.  Punctuation it splits off (, ; : ( ) " + / ...)
 * becomes its own token, "'s" and a final "'" ("workers'") are split from their word; "u.s.",
 * "d'ivoire", "9/11" and "guinea-bissau" stay whole.  A test runs every alias of the data files
 * through the real segmenter to keep the two in step.  Returns the key length, or 0 when the
 * name is empty or does not fit in cap; *n_tokens gets the token count. */
static size_t make_key(const char *s, size_t len, char *out, size_t cap, size_t *n_tokens) {
  size_t n = 0, nt = 0, i = 0;
#define EMIT(p, l)                                  \
  do {                                              \
    if (n + (l) + 1 > cap) return 0;                \
    if (n) out[n++] = ' ';                          \
    memcpy(out + n, (p), (l));                      \
    n += (l);                                       \
    nt++;                                           \
  } while (0)
  while (i < len) {
    while (i < len && is_space(s, i)) i++;
    if (i >= len) break;
    if (is_split_punct(s, len, i)) {
      EMIT(s + i, 1);
      i++;
      continue;
    }
    size_t b = i;
    while (i < len && KEY_CLASS[(unsigned char)s[i]] == K_WORD) i++;
    while (i < len && !is_space(s, i) && !is_split_punct(s, len, i)) i++;
    size_t e = i;
    if (e - b > 2 && s[e - 2] == '\'' && s[e - 1] == 's') {
      EMIT(s + b, e - 2 - b);
      EMIT(s + e - 2, 2);
    } else if (e - b > 1 && s[e - 1] == '\'') {
      EMIT(s + b, e - 1 - b);
      EMIT(s + e - 1, 1);
    } else {
      EMIT(s + b, e - b);
    }
  }
#undef EMIT
  if (n < cap) out[n] = '\0';
  *n_tokens = nt;
  return n;
}

/* Fold then key.  Returns the key length, 0 when the name is empty or too long. */
static size_t fold_key(const char *s, size_t len, char *out, size_t cap, size_t *n_tokens) {
  char folded[KEY_MAX];
  size_t fl = kg_text_fold(s, len, folded, sizeof folded);
  if (fl >= sizeof folded) return 0;
  return make_key(folded, fl, out, cap, n_tokens);
}

/* True when s is one token of lower-case ASCII letters and digits: folding and key making would
 * return it unchanged (NFKC and case folding leave [a-z0-9] alone), so the load skips both. */
static bool already_key(const char *s, size_t len) {
  if (len == 0 || len >= KEY_MAX) return false;
  for (size_t i = 0; i < len; i++)
    if (!((s[i] >= 'a' && s[i] <= 'z') || is_digit(s[i]))) return false;
  return true;
}

/* ------------------------------------------------------------------ loading */

typedef struct cursor {
  const data_file *file;
  const char *p, *end;
  size_t line; /* 1-based number of the current line */
} cursor;

/* Next data line (comments and blank lines skipped) into line and len, without the newline. */
static bool next_line(cursor *c, const char **line, size_t *len) {
  while (c->p < c->end) {
    const char *b = c->p;
    const char *nl = memchr(b, '\n', (size_t)(c->end - b));
    const char *e = nl ? nl : c->end;
    c->p = nl ? nl + 1 : c->end;
    c->line++;
    size_t l = (size_t)(e - b);
    if (l && b[l - 1] == '\r') l--;
    if (l == 0 || b[0] == '#') continue;
    *line = b;
    *len = l;
    return true;
  }
  return false;
}

static int data_error(const cursor *c, kg_error *err, const char *what) {
  return kg_error_set(err, KG_ERR_FORMAT, "%s:%zu: %s", c->file->name, c->line, what);
}

static int nomem(kg_error *err) {
  return kg_error_set(err, KG_ERR_NOMEM, "gazetteer: out of memory");
}

static uint32_t whole_bit(kg_etype t, bool demonym) {
  if (demonym) return KG_GAZ_DEMONYM;
  switch (t) {
  case KG_COUNTRY: return KG_GAZ_COUNTRY;
  case KG_ORGANIZATION: return KG_GAZ_ORG;
  case KG_LOCATION: return KG_GAZ_LOCATION;
  default: return 0;
  }
}

static uint32_t part_bit(kg_etype t) {
  switch (t) {
  case KG_COUNTRY: return KG_GAZ_COUNTRY_PART;
  case KG_ORGANIZATION: return KG_GAZ_ORG_PART;
  case KG_LOCATION: return KG_GAZ_LOCATION_PART;
  default: return 0;
  }
}

/* Add one name (raw text from a data file) to the table: the whole key gets the entity and
 * title, each of its tokens the word classes. */
static int add_name(kg_gazetteer *g, const cursor *c, const char *s, size_t len, uint32_t whole,
                    uint32_t part, int32_t ent, uint8_t alias, uint8_t title, kg_error *err) {
  char key[KEY_MAX];
  size_t nt = 0;
  size_t kl = fold_key(s, len, key, sizeof key, &nt);
  if (kl == 0) return data_error(c, err, "empty or overlong name");
  slot *sl = intern(g, key, kl);
  if (!sl) return nomem(err);
  if (nt == 1) sl->bits |= (uint16_t)whole;
  if (ent >= 0 && sl->entity < 0) {
    sl->entity = ent;
    sl->flags |= alias;
  }
  if (title && !(sl->flags & TITLE_MASK)) sl->flags |= (uint8_t)(title << TITLE_SHIFT);
  if (nt > 1) {
    if (nt > TOKENS_MAX) return data_error(c, err, "name has too many tokens");
    if (nt > g->max_tokens) g->max_tokens = nt;
    /* The key is tokens joined by single spaces: intern each token. */
    size_t b = 0;
    while (b < kl) {
      const char *sp = memchr(key + b, ' ', kl - b);
      size_t e = sp ? (size_t)(sp - key) : kl;
      slot *ts = intern(g, key + b, e - b);
      if (!ts) return nomem(err);
      ts->bits |= (uint16_t)(part | MULTI_TOKEN);
      b = e + 1;
    }
  }
  return 0;
}

/* Split s[0..len) at sep into at most max fields; returns the number of fields. */
static size_t split(const char *s, size_t len, char sep, kg_str *fields, size_t max) {
  size_t n = 0;
  const char *p = s, *end = s + len;
  while (n < max) {
    const char *q = memchr(p, sep, (size_t)(end - p));
    const char *e = q ? q : end;
    fields[n++] = (kg_str){p, (size_t)(e - p)};
    if (!q) break;
    p = q + 1;
  }
  return n;
}

/* An organization's name that ends in a legal form, noted without it (see
 * kg_gazetteer_lookup_legal). */
static int add_legal(kg_gazetteer *g, const char *s, size_t len, int32_t ent) {
  char key[KEY_MAX];
  size_t nt = 0, kl = fold_key(s, len, key, sizeof key, &nt);
  const char *sp = NULL;
  for (size_t k = kl; nt >= 2 && k-- > 0 && !sp;)
    if (key[k] == ' ')
      sp = key + k;
  if (!sp || !kg_grammar_legal_form(sp + 1, kl - (size_t)(sp + 1 - key)))
    return 0;
  size_t n = (size_t)(sp - key);
  if (n && key[n - 1] == ',') /* "Apple, Inc." */
    n--;
  while (n && key[n - 1] == ' ')
    n--;
  uint32_t i;
  bool fresh;
  if (!n || kg_strmap_intern(&g->legal, key, n, &i, &fresh) != 0 ||
      kg_reserve((void **)&g->legal_ent, &g->legal_cap, i + 1, sizeof *g->legal_ent, 256) != 0)
    return n ? -1 : 0;
  if (fresh)
    g->legal_ent[i] = (uint32_t)ent + 1;
  else if (g->legal_ent[i] != (uint32_t)ent + 1)
    g->legal_ent[i] = 0; /* two organizations: neither */
  return 0;
}

static int add_names(kg_gazetteer *g, const cursor *c, kg_str list, kg_etype type, int32_t ent,
                     bool demonym, kg_error *err) {
  const char *p = list.ptr, *end = list.ptr + list.len;
  while (p < end) {
    const char *q = memchr(p, '|', (size_t)(end - p));
    const char *e = q ? q : end;
    uint8_t alias = demonym ? ALIAS_DEMONYM : 0;
    const char *b = p;
    if (b < e && *b == '?') {
      alias |= ALIAS_AMBIGUOUS;
      b++;
    }
    /* '=': a spelling matched as the name, whose words get no word class
     * ("=W. Va.": "W." of "George W. Bush" stays what it was), so the
     * tagger's features and model do not change with it */
    bool quiet = b < e && *b == '=';
    b += quiet;
    if (b == e) return data_error(c, err, "empty name in a '|' list");
    int rc = add_name(g, c, b, (size_t)(e - b), quiet ? 0 : whole_bit(type, demonym),
                      quiet ? 0 : part_bit(type), ent, alias, 0, err);
    if (rc) return rc;
    if (type == KG_ORGANIZATION && !(alias & ALIAS_AMBIGUOUS) &&
        add_legal(g, b, (size_t)(e - b), ent) != 0)
      return nomem(err);
    p = q ? q + 1 : end;
  }
  return 0;
}

/* Whether the names column lists the label as a quiet spelling ("=Third World"). */
static bool quiet_label(kg_str list, kg_str label) {
  const char *p = list.ptr, *end = list.ptr + list.len;
  while (p < end) {
    const char *q = memchr(p, '|', (size_t)(end - p));
    const char *e = q ? q : end;
    const char *b = p + (p < e && *p == '?');
    if (b < e && *b == '=' && (size_t)(e - b - 1) == label.len &&
        memcmp(b + 1, label.ptr, label.len) == 0)
      return true;
    p = q ? q + 1 : end;
  }
  return false;
}

static int parse_type(kg_str id, kg_etype *out) {
  static const struct {
    const char *prefix;
    kg_etype type;
  } types[] = {{"country:", KG_COUNTRY},   {"organization:", KG_ORGANIZATION},
               {"location:", KG_LOCATION}, {"event:", KG_EVENT},
               {"person:", KG_PERSON}};
  for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
    size_t pl = strlen(types[i].prefix);
    if (id.len > pl && memcmp(id.ptr, types[i].prefix, pl) == 0) {
      *out = types[i].type;
      return 0;
    }
  }
  return -1;
}

/* Entity files: id <TAB> label <TAB> code <TAB> kind <TAB> names [<TAB> demonyms]. */
static int load_entities(kg_gazetteer *g, cursor *c, kg_error *err) {
  const char *line;
  size_t len;
  while (next_line(c, &line, &len)) {
    kg_str f[7];
    size_t nf = split(line, len, '\t', f, 7);
    if (nf < 5 || nf > 6)
      return data_error(c, err, "expected 5 or 6 TAB-separated columns");
    kg_etype type;
    if (parse_type(f[0], &type) != 0)
      return data_error(c, err, "id must start with country:, organization:, location:, event: "
                                "or person:");
    if (f[1].len == 0) return data_error(c, err, "empty label");
    if (g->n_ents == g->ents_cap) {
      size_t cap = g->ents_cap ? 2 * g->ents_cap : 4096;
      entity *ne = realloc(g->ents, cap * sizeof *ne);
      if (!ne) return nomem(err);
      g->ents = ne;
      uint32_t *ie = realloc(g->id_ent, cap * sizeof *ie); /* no more ids than entities */
      if (!ie) return nomem(err);
      g->id_ent = ie;
      g->ents_cap = cap;
    }
    entity *e = &g->ents[g->n_ents];
    e->type = type;
    kg_str empty = {"", 0};
    kg_str iso = type == KG_COUNTRY ? f[2] : empty;
    kg_str where = type == KG_COUNTRY ? empty : f[2];
    if (arena_add(g, f[0].ptr, f[0].len, &e->id) || arena_add(g, f[1].ptr, f[1].len, &e->label) ||
        arena_add(g, iso.ptr, iso.len, &e->iso) || arena_add(g, f[3].ptr, f[3].len, &e->kind) ||
        arena_add(g, where.ptr, where.len, &e->country))
      return nomem(err);
    int32_t ent = (int32_t)g->n_ents++;
    uint32_t idi;
    bool fresh;
    if (kg_strmap_intern(&g->ids, f[0].ptr, f[0].len, &idi, &fresh) != 0)
      return nomem(err);
    if (fresh) /* ids are unique in the data (check_data.py); the first wins */
      g->id_ent[idi] = (uint32_t)ent;
    int rc = add_names(g, c, f[4], type, ent, false, err);
    if (!rc && nf == 6 && f[5].len) rc = add_names(g, c, f[5], type, ent, true, err);
    /* The label is a name too, whether or not the names column repeats it; added last so that
     * the names column's '?' flag on the same alias ("?Washington") is the one kept, and
     * quiet when the column spells it so ("=Third World"). */
    bool quiet = quiet_label(f[4], f[1]);
    if (!rc)
      rc = add_name(g, c, f[1].ptr, f[1].len, quiet ? 0 : whole_bit(type, false),
                    quiet ? 0 : part_bit(type), ent, 0, 0, err);
    if (!rc && type == KG_ORGANIZATION && add_legal(g, f[1].ptr, f[1].len, ent) != 0)
      rc = nomem(err);
    if (rc) return rc;
  }
  return 0;
}

/* Word lists: one word (one token) per line.  These are most of the keys (the common words
 * alone are 64k), and each insert is a cache miss into a table of a few MB: keys are prepared
 * in batches and their slots prefetched before the inserts, so the misses overlap. */
#define BATCH 16
static int load_words(kg_gazetteer *g, cursor *c, kg_error *err) {
  struct {
    char key[KEY_MAX];
    size_t len;
    uint32_t hash;
  } batch[BATCH];
  const char *line;
  size_t len;
  bool more = true;
  while (more) {
    size_t n = 0;
    while (n < BATCH && (more = next_line(c, &line, &len))) {
      size_t nt = 0, kl = 0;
      if (already_key(line, len)) { /* most lines: "zoo", "smith" */
        memcpy(batch[n].key, line, len);
        kl = len;
        nt = 1;
      } else {
        kl = fold_key(line, len, batch[n].key, KEY_MAX, &nt);
      }
      if (kl == 0 || nt != 1) return data_error(c, err, "expected one word per line");
      batch[n].len = kl;
      batch[n].hash = hash_bytes(batch[n].key, kl);
      __builtin_prefetch(&g->slots[batch[n].hash & g->mask], 1);
      n++;
    }
    for (size_t i = 0; i < n; i++) {
      slot *s = intern_hashed(g, batch[i].key, batch[i].len, batch[i].hash);
      if (!s) return nomem(err);
      s->bits |= (uint16_t)c->file->bits;
    }
  }
  return 0;
}

/* Titles: title <TAB> role|keep|honorific. */
static int load_titles(kg_gazetteer *g, cursor *c, kg_error *err) {
  static const char *const kinds[] = {"role", "keep", "honorific"};
  const char *line;
  size_t len;
  while (next_line(c, &line, &len)) {
    kg_str f[3];
    if (split(line, len, '\t', f, 3) != 2) return data_error(c, err, "expected title <TAB> kind");
    int kind = -1;
    for (int k = 0; k < 3; k++)
      if (f[1].len == strlen(kinds[k]) && memcmp(f[1].ptr, kinds[k], f[1].len) == 0) kind = k;
    if (kind < 0) return data_error(c, err, "title kind must be role, keep or honorific");
    int rc = add_name(g, c, f[0].ptr, f[0].len, KG_GAZ_TITLE, 0, -1, 0, (uint8_t)(kind + 1), err);
    if (rc) return rc;
  }
  return 0;
}

/* Non-entity names: name <TAB> kind.  They set no word class (the tagger's
 * features do not change); their tokens may extend a match (MULTI_TOKEN). */
static int load_non_entities(kg_gazetteer *g, cursor *c, kg_error *err) {
  const char *line;
  size_t len;
  while (next_line(c, &line, &len)) {
    kg_str f[3];
    if (split(line, len, '\t', f, 3) != 2 || f[0].len == 0)
      return data_error(c, err, "expected name <TAB> kind");
    char key[KEY_MAX];
    size_t nt = 0;
    size_t kl = fold_key(f[0].ptr, f[0].len, key, sizeof key, &nt);
    if (kl == 0) return data_error(c, err, "empty or overlong name");
    if (nt > TOKENS_MAX) return data_error(c, err, "name has too many tokens");
    slot *sl = intern(g, key, kl);
    if (!sl) return nomem(err);
    bool index = f[1].len == 5 && memcmp(f[1].ptr, "index", 5) == 0;
    if (sl->entity >= 0) continue; /* an entity's name: the entity files win */
    sl->flags |= NON_ENTITY | (index ? INDEX : 0);
    if (nt > 1) {
      if (nt > g->max_tokens) g->max_tokens = nt;
      size_t b = 0;
      while (b < kl) {
        const char *sp = memchr(key + b, ' ', kl - b);
        size_t e = sp ? (size_t)(sp - key) : kl;
        slot *ts = intern(g, key + b, e - b);
        if (!ts) return nomem(err);
        ts->bits |= MULTI_TOKEN;
        if (index && e < kl) { /* "nikkei", "dow jones" of "Dow Jones Industrial Average" */
          slot *hs = intern(g, key, e);
          if (!hs) return nomem(err);
          hs->flags |= INDEX_HEAD;
        }
        b = e + 1;
      }
    }
  }
  return 0;
}

int kg_gazetteer_load(kg_gazetteer **out, kg_error *err) {
  int rc = 0;
  kg_gazetteer *g = NULL;
  if (!out) {
    rc = kg_error_set(err, KG_ERR_USAGE, "kg_gazetteer_load: out is NULL");
    goto done;
  }
  *out = NULL;
  /* Size the table once for about one key per line and per '|' (plus a quarter for the tokens
   * of multi-word names): a rehash while loading costs more than the slack.  memchr counts
   * a few MB in well under a millisecond. */
  size_t bound = 0, bytes = 0;
  for (size_t i = 0; i < sizeof FILES / sizeof FILES[0]; i++) {
    const char *start = (const char *)FILES[i].start, *end = (const char *)FILES[i].end;
    bytes += (size_t)(end - start);
    static const char seps[] = {'\n', '|'};
    for (size_t k = 0; k < sizeof seps; k++)
      for (const char *p = start; (p = memchr(p, seps[k], (size_t)(end - p))) != NULL; p++)
        bound++;
  }
  bound += bound / 4;
  g = calloc(1, sizeof *g);
  if (g)
    kg_strmap_init(&g->ids);
  if (g)
    kg_strmap_init(&g->legal);
  if (!g || grow_table(g, bound) != 0) {
    rc = nomem(err);
    goto done;
  }
  g->arena = malloc(bytes + 1);
  if (!g->arena) {
    rc = nomem(err);
    goto done;
  }
  g->arena_cap = bytes + 1;
  for (size_t i = 0; i < sizeof FILES / sizeof FILES[0]; i++) {
    const data_file *f = &FILES[i];
    cursor c = {f, (const char *)f->start, (const char *)f->end, 0};
    switch (f->kind) {
    case FILE_ENTITIES: rc = load_entities(g, &c, err); break;
    case FILE_WORDS: rc = load_words(g, &c, err); break;
    case FILE_TITLES: rc = load_titles(g, &c, err); break;
    case FILE_NON_ENTITIES: rc = load_non_entities(g, &c, err); break;
    }
    if (rc) goto done;
  }
  *out = g;
  g = NULL;
done:
  kg_gazetteer_free(g);
  return rc;
}

void kg_gazetteer_free(kg_gazetteer *g) {
  if (!g) return;
  free(g->slots);
  free(g->arena);
  free(g->ents);
  kg_strmap_destroy(&g->ids);
  free(g->id_ent);
  kg_strmap_destroy(&g->legal);
  free(g->legal_ent);
  free(g);
}

/* ------------------------------------------------------------------ queries */

uint32_t kg_gazetteer_word(const kg_gazetteer *g, const char *folded, size_t len) {
  if (!g || !folded || len == 0) return 0;
  const slot *s = find(g, folded, len);
  return s ? s->bits & PUBLIC_BITS : 0;
}

static void fill_entry(const kg_gazetteer *g, const slot *s, kg_gaz_entry *out) {
  const entity *e = &g->ents[s->entity];
  out->type = e->type;
  out->id = g->arena + e->id;
  out->label = g->arena + e->label;
  out->iso = g->arena + e->iso;
  out->kind = g->arena + e->kind;
  out->country = g->arena + e->country;
  out->demonym = (s->flags & ALIAS_DEMONYM) != 0;
  out->ambiguous = (s->flags & ALIAS_AMBIGUOUS) != 0;
}

/* Longest key over tokens [i, i+k) that satisfies want(slot); 0 when none.  Extends only over
 * tokens that occur in some multi-token key, then probes from the longest span down. */
static size_t longest(const kg_gazetteer *g, const kg_str *tok, size_t n, size_t i,
                      bool (*want)(const slot *), const slot **hit) {
  if (!g || !tok || i >= n) return 0;
  size_t ext = 0;
  while (i + ext < n && ext < g->max_tokens) {
    const kg_str *t = &tok[i + ext];
    const slot *s = t->len ? find(g, t->ptr, t->len) : NULL;
    if (!s || !(s->bits & MULTI_TOKEN)) break;
    ext++;
  }
  char key[KEY_MAX];
  for (size_t k = ext; k >= 2; k--) {
    size_t kl = 0;
    bool fits = true;
    for (size_t j = 0; j < k && fits; j++) {
      const kg_str *t = &tok[i + j];
      if (kl + t->len + 1 > sizeof key) fits = false;
      else {
        if (j) key[kl++] = ' ';
        memcpy(key + kl, t->ptr, t->len);
        kl += t->len;
      }
    }
    if (!fits) continue;
    const slot *s = find(g, key, kl);
    if (s && want(s)) {
      *hit = s;
      return k;
    }
  }
  if (tok[i].len == 0) return 0;
  const slot *s = find(g, tok[i].ptr, tok[i].len);
  if (s && want(s)) {
    *hit = s;
    return 1;
  }
  return 0;
}

static bool has_entity(const slot *s) { return s->entity >= 0; }
static bool is_non_entity(const slot *s) { return (s->flags & NON_ENTITY) != 0; }
static bool has_title(const slot *s) { return (s->flags & TITLE_MASK) != 0; }

size_t kg_gazetteer_match(const kg_gazetteer *g, const kg_str *folded, size_t n, size_t i,
                          kg_gaz_entry *out) {
  const slot *s = NULL;
  size_t k = longest(g, folded, n, i, has_entity, &s);
  if (k && out) fill_entry(g, s, out);
  return k;
}

bool kg_gazetteer_party(const kg_gazetteer *g, const kg_str *folded, size_t n) {
  kg_gaz_entry e;
  return n && kg_gazetteer_match(g, folded, n, 0, &e) == n && !e.demonym &&
         (e.type == KG_COUNTRY || e.type == KG_ORGANIZATION);
}

static bool is_name(const slot *s) { return s->entity >= 0 || (s->flags & NON_ENTITY); }

size_t kg_gazetteer_match_any(const kg_gazetteer *g, const kg_str *folded, size_t n, size_t i,
                              kg_gaz_entry *out, bool *non_entity) {
  const slot *s = NULL;
  size_t k = longest(g, folded, n, i, is_name, &s);
  *non_entity = k && s->entity < 0;
  if (k && !*non_entity && out) fill_entry(g, s, out);
  return k;
}

size_t kg_gazetteer_non_entity(const kg_gazetteer *g, const kg_str *folded, size_t n,
                               size_t i) {
  const slot *s = NULL;
  return longest(g, folded, n, i, is_non_entity, &s);
}

static bool is_index(const slot *s) { return (s->flags & INDEX) != 0; }

size_t kg_gazetteer_index(const kg_gazetteer *g, const kg_str *folded, size_t n, size_t i) {
  const slot *s = NULL;
  return longest(g, folded, n, i, is_index, &s);
}

/* Whether folded tokens [0, n) are the first words, not all, of a listed
 * market index's name ("nikkei" of "Nikkei 225"). */
static bool index_head(const kg_gazetteer *g, const kg_str *folded, size_t n) {
  if (!g || n == 0 || n >= TOKENS_MAX) return false;
  char key[KEY_MAX];
  size_t kl = 0;
  for (size_t j = 0; j < n; j++) {
    if (kl + folded[j].len + 1 > sizeof key) return false;
    if (j) key[kl++] = ' ';
    memcpy(key + kl, folded[j].ptr, folded[j].len);
    kl += folded[j].len;
  }
  const slot *s = find(g, key, kl);
  return s && (s->flags & INDEX_HEAD);
}

/* Whether the words folded[j..n) say how a market index moved: "fell",
 * "was up", "also closed" (not "said": the exchange or the newspaper). */
static bool market_move(const kg_str *folded, size_t n, size_t j) {
  static const char *const moved[] = {
      "rose",    "fell",      "gained",   "lost",    "dropped",  "closed",   "climbed", "slipped",
      "slid",    "ended",     "jumped",   "surged",  "soared",   "tumbled",  "plunged", "plummeted",
      "added",   "shed",      "eased",    "edged",   "finished", "rallied",  "advanced",
      "declined", "sank",     "retreated", "reached", "rises",   "falls",    "gains",   "drops",
      "closes",  "ends",      "hits",     "slumped", "dipped",   "opened",   "recovered"};
  static const char *const is[] = {"was", "is", "were", "ended", "closed", "finished"};
  static const char *const where[] = {"up", "down", "off", "higher", "lower", "flat", "steady"};
  if (j < n && kg_str_is(&folded[j], "also")) j++;
  if (j >= n) return false;
  if (kg_str_in(&folded[j], moved, sizeof moved / sizeof *moved)) return true;
  return j + 1 < n && kg_str_in(&folded[j], is, sizeof is / sizeof *is) &&
         kg_str_in(&folded[j + 1], where, sizeof where / sizeof *where);
}

size_t kg_gazetteer_index_use(const kg_gazetteer *g, const kg_str *folded, size_t n, size_t i,
                              size_t k) {
  static const char *const after[] = {"index", "indexes", "indices", "average", "averages",
                                      "composite"};
  static const char *const what[] = {"stock", "stocks", "share", "shares"};
  /* Every such name is the first words of an index's: one probe rules out the rest. */
  if (!g || k == 0 || i + k > n || !index_head(g, folded + i, k)) return 0;
  size_t m = kg_gazetteer_index(g, folded, n, i);
  if (m > k) return m; /* "Nikkei" of "Nikkei average" */
  size_t j = i + k;
  j += j + 1 < n && kg_str_in(&folded[j], what, sizeof what / sizeof *what);
  bool named = j < n && kg_str_in(&folded[j], after, sizeof after / sizeof *after);
  if (!named && (!market_move(folded, n, i + k) ||
                 (k == 1 && (kg_gazetteer_word(g, folded[i].ptr, folded[i].len) &
                             (KG_GAZ_FIRST_NAME | KG_GAZ_SURNAME)))))
    return 0; /* "Russell rose to speak" */
  kg_gaz_entry e;
  if (kg_gazetteer_match(g, folded, i + k, i, &e) == k &&
      (e.type == KG_COUNTRY || e.type == KG_LOCATION))
    return 0; /* "the Shanghai index": the city's */
  return named ? j + 1 - i : k;
}

size_t kg_gazetteer_title(const kg_gazetteer *g, const kg_str *folded, size_t n, size_t i,
                          kg_title_kind *kind) {
  const slot *s = NULL;
  size_t k = longest(g, folded, n, i, has_title, &s);
  if (k && kind) *kind = (kg_title_kind)(((s->flags & TITLE_MASK) >> TITLE_SHIFT) - 1);
  return k;
}

bool kg_gazetteer_find_id(const kg_gazetteer *g, const char *id, size_t len, kg_gaz_entry *out) {
  if (!g || !id)
    return false;
  uint32_t i = kg_strmap_find(&g->ids, id, len);
  if (i == KG_NONE)
    return false;
  if (out) {
    slot s = {.entity = (int32_t)g->id_ent[i]};
    fill_entry(g, &s, out);
  }
  return true;
}

/* A whole name (folded) among the names (or, legal, the names without
 * their legal form) of the entities. */
static bool lookup_name(const kg_gazetteer *g, const char *folded, size_t len, bool legal,
                        kg_gaz_entry *out) {
  if (!g || !folded) return false;
  char key[KEY_MAX];
  size_t nt = 0;
  size_t kl = make_key(folded, len, key, sizeof key, &nt);
  if (kl == 0) return false;
  slot found = {.entity = -1};
  const slot *s = &found;
  if (legal) {
    uint32_t i = kg_strmap_find(&g->legal, key, kl);
    if (i != KG_NONE && g->legal_ent[i]) found.entity = (int32_t)g->legal_ent[i] - 1;
  } else {
    s = find(g, key, kl);
  }
  if (!s || s->entity < 0) return false;
  if (out) fill_entry(g, s, out);
  return true;
}

bool kg_gazetteer_lookup_legal(const kg_gazetteer *g, const char *folded, size_t len,
                               kg_gaz_entry *out) {
  return lookup_name(g, folded, len, true, out);
}

bool kg_gazetteer_lookup(const kg_gazetteer *g, const char *folded, size_t len,
                         kg_gaz_entry *out) {
  return lookup_name(g, folded, len, false, out);
}
