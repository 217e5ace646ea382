/* segment.c: tokenizer, sentence splitter and paragraph counter.
 *
 * Tokens reproduce the tokenization of the GMB corpus the tagger is trained
 * on (Penn Treebank style): "Blinken's" -> "Blinken" "'s", "don't" -> "do"
 * "n't", "U.S." "Mr." "p.m." "W." keep their period, "G-20" "COVID-19"
 * "cease-fire" "U.S.-led" "1,000" "2.5" "06:21" are one token, "$" "%"
 * quotes and brackets are tokens of their own, and so is "/" between words
 * ("HIV / AIDS").  URLs, e-mail addresses, #tags and @handles stay whole.
 * Unicode aware: any letter, mark or digit is a word character, Unicode
 * spaces separate, curly quotes, dashes and the ellipsis are punctuation,
 * ’ works as an apostrophe.
 *
 * One pass over the bytes produces tokens plus a few flags per token (what
 * precedes it: nothing, spaces, a line break, a blank line; whether it ends
 * sentences, is an abbreviation, a quote, starts upper- or lower-case).  A
 * second pass over the tokens alone places sentence and paragraph breaks.
 * Buffers live in the segmenter and are reused: no allocation per token, and
 * none at all once the buffers have grown to the largest document.
 *
 * It does not normalize text (utf8.c) or look words up in gazetteers; the
 * only word lists here are the abbreviations and sentence starters that the
 * splitter needs.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

#include "extract.h"
#include "text.h"

/* ------------------------------------------------------------- byte classes */

enum { B_SPACE = 1, B_NL = 2, B_WORD = 4, B_UPPER = 8, B_LOWER = 16, B_DIGIT = 32, B_HIGH = 64 };

static const unsigned char byte_class[256] = {
    1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  3,  1,  1,  3,  1,  1,
    1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,
    1,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
    36, 36, 36, 36, 36, 36, 36, 36, 36, 36, 0,  0,  0,  0,  0,  0,
    0,  12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12,
    12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 0,  0,  0,  0,  4,
    0,  20, 20, 20, 20, 20, 20, 20, 20, 20, 20, 20, 20, 20, 20, 20,
    20, 20, 20, 20, 20, 20, 20, 20, 20, 20, 20, 0,  0,  0,  0,  1,
    64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64,
    64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64,
    64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64,
    64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64,
    64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64,
    64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64,
    64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64,
    64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64,
};

#define IS(c, b) (byte_class[(unsigned char)(c)] & (b))

/* ------------------------------------------------------------- token flags */

enum {
  G_MASK = 3,        /* what precedes the token: */
  G_NONE = 0,        /*   nothing (it touches the previous token) */
  G_SPACE = 1,       /*   spaces */
  G_LINE = 2,        /*   one line break */
  G_BLANK = 3,       /*   a blank line: new paragraph */
  T_WORD = 1 << 2,   /* starts with a word character (or is a contraction) */
  T_UPPER = 1 << 3,  /* first letter upper-case */
  T_LOWER = 1 << 4,  /* first letter lower-case */
  T_TERM = 1 << 5,   /* . ? ! and their Unicode kin: ends a sentence */
  T_ELLIPSIS = 1 << 6, /* ... or …: ends a sentence before a capital */
  T_ABBR = 1 << 7,   /* carries an abbreviation's period: "U.S." "Inc." "W." */
  T_TITLE = 1 << 8,  /* an honorific ("Mr." "Gen."): never ends a sentence */
  T_CLOSE = 1 << 9,  /* ) ] } ” ’ »: belongs to the sentence before */
  T_QUOTE = 1 << 10, /* ASCII " or ': closing when it touches, else opening */
  T_OPEN = 1 << 11,  /* ( [ { “ ‘ «: belongs to the sentence after */
};

struct kg_segmenter {
  kg_token *tok;
  uint16_t *flag; /* parallel to tok */
  size_t n_tok, cap_tok;
  kg_sentence *sent;
  size_t n_sent, cap_sent;
};

kg_segmenter *kg_segmenter_new(void) { return calloc(1, sizeof(kg_segmenter)); }

void kg_segmenter_free(kg_segmenter *s) {
  if (!s)
    return;
  free(s->tok);
  free(s->flag);
  free(s->sent);
  free(s);
}

static int reserve_tokens(kg_segmenter *s, size_t need) {
  if (need <= s->cap_tok)
    return 0;
  size_t cap = s->cap_tok ? s->cap_tok : 1024;
  while (cap < need)
    cap *= 2;
  kg_token *tok = realloc(s->tok, cap * sizeof *tok);
  if (!tok)
    return -1;
  s->tok = tok;
  uint16_t *flag = realloc(s->flag, cap * sizeof *flag);
  if (!flag)
    return -1;
  s->flag = flag;
  s->cap_tok = cap;
  return 0;
}

/* --------------------------------------------------------------- scanning */

typedef struct scan {
  const unsigned char *t;
  size_t len;
  kg_segmenter *s;
  unsigned nl;  /* line breaks since the last token */
  bool spaced;  /* white space since the last token */
  bool oom;
} scan;

static void push(scan *sc, size_t start, size_t end, unsigned flags) {
  kg_segmenter *s = sc->s;
  if (s->n_tok == s->cap_tok && reserve_tokens(s, s->n_tok + 1)) {
    sc->oom = true;
    return;
  }
  unsigned gap = sc->nl >= 2 ? G_BLANK : sc->nl == 1 ? G_LINE : sc->spaced ? G_SPACE : G_NONE;
  s->tok[s->n_tok] = (kg_token){(uint32_t)start, (uint32_t)(end - start)};
  s->flag[s->n_tok] = (uint16_t)(flags | gap);
  s->n_tok++;
  sc->nl = 0;
  sc->spaced = false;
}

/* Letters, marks, digits, connector punctuation and the invisible joiners
 * that live inside words (soft hyphen, ZWNJ, ZWJ). */
static bool cp_word(int32_t cp) {
  switch (utf8proc_category(cp)) {
  case UTF8PROC_CATEGORY_LU:
  case UTF8PROC_CATEGORY_LL:
  case UTF8PROC_CATEGORY_LT:
  case UTF8PROC_CATEGORY_LM:
  case UTF8PROC_CATEGORY_LO:
  case UTF8PROC_CATEGORY_MN:
  case UTF8PROC_CATEGORY_MC:
  case UTF8PROC_CATEGORY_ME:
  case UTF8PROC_CATEGORY_ND:
  case UTF8PROC_CATEGORY_NL:
  case UTF8PROC_CATEGORY_NO:
  case UTF8PROC_CATEGORY_PC:
    return true;
  default:
    return cp == 0x00AD || cp == 0x200C || cp == 0x200D;
  }
}

/* Is there a word character at t[i]? */
static bool word_at(const unsigned char *t, size_t len, size_t i) {
  if (i >= len)
    return false;
  if (!IS(t[i], B_HIGH))
    return IS(t[i], B_WORD);
  int32_t cp;
  kg_utf8_next(t + i, len - i, &cp);
  return cp_word(cp);
}

/* Case of the character at t[i]: B_UPPER, B_LOWER or 0. */
static unsigned case_at(const unsigned char *t, size_t len, size_t i) {
  if (!IS(t[i], B_HIGH))
    return IS(t[i], B_UPPER | B_LOWER);
  int32_t cp;
  kg_utf8_next(t + i, len - i, &cp);
  utf8proc_category_t c = utf8proc_category(cp);
  return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT ? B_UPPER
         : c == UTF8PROC_CATEGORY_LL                            ? B_LOWER
                                                                : 0;
}

static unsigned case_flags(const unsigned char *t, size_t len, size_t i) {
  unsigned c = case_at(t, len, i);
  return c == B_UPPER ? T_UPPER : c == B_LOWER ? T_LOWER : 0;
}

/* End of the run of word characters starting at q. */
static size_t word_run(const unsigned char *t, size_t len, size_t q) {
  for (;;) {
    while (q < len && IS(t[q], B_WORD))
      q++;
    if (q >= len || !IS(t[q], B_HIGH))
      return q;
    int32_t cp;
    size_t n = kg_utf8_next(t + q, len - q, &cp);
    if (!cp_word(cp))
      return q;
    q += n;
  }
}

/* Length of an apostrophe at t[i] (' or ’), 0 when there is none. */
static size_t apostrophe_at(const unsigned char *t, size_t len, size_t i) {
  if (i < len && t[i] == '\'')
    return 1;
  if (i + 2 < len && t[i] == 0xE2 && t[i + 1] == 0x80 && t[i + 2] == 0x99)
    return 3;
  return 0;
}

/* The clitic after an apostrophe at t[i] ('s 'm 'd 're 've 'll, any case,
 * then the end of the word): its length including the apostrophe, else 0. */
static size_t clitic_at(const unsigned char *t, size_t len, size_t i) {
  size_t a = apostrophe_at(t, len, i);
  if (!a)
    return 0;
  size_t r = i + a;
  size_t n = 0;
  while (r + n < len && n < 3 && IS(t[r + n], B_UPPER | B_LOWER))
    n++;
  if (n == 0 || n > 2 || word_at(t, len, r + n))
    return 0;
  char w[2] = {(char)(t[r] | 0x20), n == 2 ? (char)(t[r + 1] | 0x20) : 0};
  bool ok = n == 1 ? (w[0] == 's' || w[0] == 'm' || w[0] == 'd')
                   : (w[0] == 'r' && w[1] == 'e') || (w[0] == 'v' && w[1] == 'e') ||
                         (w[0] == 'l' && w[1] == 'l');
  return ok ? a + n : 0;
}

/* Byte length of "n't" / "n’t" ending the word [p, q) after at least one
 * other character, else 0. */
static size_t nt_suffix(const unsigned char *t, size_t p, size_t q) {
  if (q - p < 4 || (t[q - 1] | 0x20) != 't')
    return 0;
  size_t a = t[q - 2] == '\'' ? 1
             : (q - p >= 6 && t[q - 4] == 0xE2 && t[q - 3] == 0x80 && t[q - 2] == 0x99) ? 3
                                                                                      : 0;
  if (!a || q - p < a + 3 || (t[q - 2 - a] | 0x20) != 'n')
    return 0;
  return a + 2;
}

/* ----------------------------------------------------------- word lists */

/* Words whose final period is part of the word, concatenated by length so
 * that a lookup is a short scan of same-length entries.  Honorifics and
 * ranks never end a sentence; the others end one only before a sentence
 * starter ("in the U.S. The president ...").  "No" and "Nos" keep their
 * period only before a number (see attach_period).  Given names have their
 * old abbreviations too ("Alex. Brown and Sons", "Wm. Wrigley"). */
static const char *const titles[7] = {
    NULL,
    NULL,
    "MrMsDrLtFr",
    "MrsMmeGenColMajSgtCplPvtSenRepGovAdmAmbCdrRevHonLts",
    "ProfCaptCmdrBrigPresSuptInspMlleGensSensRepsGovsSgtsAttyMsgr",
    NULL,
    "Messrs",
};
static const char *const abbrevs[7] = {
    NULL,
    "v",
    "StMtFtJrSrCoNoPaGaKyMdVaVtLaMoalcavscfppWm",
    "SteJanFebMarAprJunJulAugSepOctNovDecMonTueThuFriIncLtdCosPlcAveHwyNosVolfigetcEsqAlaArkFlaIllKanNebNevOreTexWisWyoDelIndQueOntGeoJasDak",
    "SeptTuesThurCorpBrosAssnDeptUnivBlvdVolsfigsArizColoConnMichMinnMontOklaTennMassAltaWashWiscMissSaskNfldAlexChasThosBenjRobtSaml",
    "ThursCalif",
    "approx",
};

/* Does t[p..q) equal an entry of list, exactly or in capitals ("INC")? */
static bool listed(const char *const *list, size_t n_list, const unsigned char *w, size_t n) {
  if (n >= n_list || !list[n])
    return false;
  bool caps = true;
  for (size_t i = 0; i < n; i++)
    if (!IS(w[i], B_UPPER))
      caps = false;
  for (const char *e = list[n]; *e; e += n) {
    size_t i = 0;
    if (caps)
      while (i < n && w[i] == (unsigned char)(IS(e[i], B_LOWER) ? e[i] - 32 : e[i]))
        i++;
    else
      while (i < n && w[i] == (unsigned char)e[i])
        i++;
    if (i == n)
      return true;
  }
  return false;
}

/* Closed-class words that start sentences: after an abbreviation such as
 * "U.S." they mean the sentence ended there. */
static const char *const starters[10] = {
    NULL,
    "AI",
    "AnHeWeItInOnAtAsIfSoOrNoMyBy",
    "TheSheButAndYetForOurHisHerItsNowHowWhoWhyAll",
    "TheyThisThatThenSomeManyMostBothEachWhatHereWhenAlsoEvenSuch",
    "TheseThoseThereWhileAfterSinceTheirStillLaterOtherWhereWhich",
    "BeforeOthersDuringThough",
    "HoweverAnotherEarlierAlreadySeveral",
    "Although",
    "AccordingMeanwhile",
};

/* ------------------------------------------------------------ word tokens */

static bool url_start(const unsigned char *t, size_t len, size_t p) {
  static const char *const prefixes[] = {"http://", "https://", "ftp://", "www."};
  for (size_t k = 0; k < sizeof prefixes / sizeof *prefixes; k++) {
    size_t n = strlen(prefixes[k]);
    if (len - p > n && strncasecmp((const char *)t + p, prefixes[k], n) == 0 &&
        word_at(t, len, p + n))
      return true;
  }
  return false;
}

/* A URL runs to white space, an ASCII quote or angle bracket, or non-ASCII
 * punctuation; trailing sentence punctuation and an unbalanced closing
 * bracket are not part of it. */
static size_t url_end(const unsigned char *t, size_t len, size_t p) {
  size_t q = p;
  int paren = 0, bracket = 0;
  while (q < len) {
    unsigned c = t[q];
    if (IS(c, B_SPACE) || c == '"' || c == '<' || c == '>' || c == '`')
      break;
    if (IS(c, B_HIGH)) {
      int32_t cp;
      size_t n = kg_utf8_next(t + q, len - q, &cp);
      if (!cp_word(cp))
        break;
      q += n;
      continue;
    }
    paren += c == '(' ? 1 : c == ')' ? -1 : 0;
    bracket += c == '[' ? 1 : c == ']' ? -1 : 0;
    q++;
  }
  while (q > p) {
    unsigned c = t[q - 1];
    if (c == ')' && paren < 0)
      paren++;
    else if (c == ']' && bracket < 0)
      bracket++;
    else if (!strchr(".,;:!?'*", (int)c))
      break;
    q--;
  }
  return q;
}

/* After the word t[p..q) comes a '.' at t[q]: is it part of the word?  Sets
 * *flags to T_ABBR or T_ABBR|T_TITLE when it is. */
static bool attach_period(const unsigned char *t, size_t len, size_t p, size_t q,
                          bool acronym, unsigned *flags) {
  if (q + 1 < len && t[q + 1] == '.')
    return false; /* an ellipsis follows the word */
  size_t n = q - p;
  if (acronym) {
    *flags = T_ABBR; /* "U.S." "p.m." "e.g.", even at the end of a sentence */
    return true;
  }
  if (n == 1 && IS(t[p], B_UPPER)) {
    /* An initial ("George W. Bush") is followed by more of the name; at the
     * end of a line or before a sentence starter it is a letter ending the
     * sentence ("World War I."), and the period is a token of its own. */
    size_t r = q + 1;
    while (r < len && (t[r] == ' ' || t[r] == '\t'))
      r++;
    if (r >= len || IS(t[r], B_NL))
      return false;
    size_t e = word_run(t, len, r);
    if (e - r > 1 && listed(starters, 10, t + r, e - r)) /* "J. A. Smith" */
      return false;
    *flags = T_ABBR;
    return true;
  }
  if (n > 6)
    return false;
  if (listed(titles, 7, t + p, n)) {
    *flags = T_ABBR | T_TITLE;
    return true;
  }
  if (!listed(abbrevs, 7, t + p, n))
    return false;
  if ((t[p] | 0x20) == 'n' && (t[p + 1] | 0x20) == 'o' && (n == 2 || (t[p + 2] | 0x20) == 's')) {
    /* "No. 5", but "The answer was No." */
    size_t r = q + 1;
    while (r < len && t[r] == ' ')
      r++;
    if (r >= len || !IS(t[r], B_DIGIT))
      return false;
  }
  *flags = T_ABBR;
  return true;
}

/* The '.' before t[r] is inside a news agency's instrument code that starts
 * at t[seg] and ends the word ("RHON.PA", "7203.T": kg_instrument_code). */
static bool code_dot(const unsigned char *t, size_t len, size_t seg, size_t r) {
  size_t e = r;
  while (e < len && e - r < 3 && IS(t[e], B_UPPER))
    e++;
  return (e >= len || !IS(t[e], B_UPPER | B_LOWER | B_DIGIT | B_HIGH)) &&
         kg_instrument_code((const char *)t + seg, e - seg);
}

/* Scan one word token starting at t[p] (a word character) and push it;
 * returns where scanning resumes. */
static size_t scan_word(scan *sc, size_t p) {
  const unsigned char *t = sc->t;
  size_t len = sc->len;
  if ((t[p] | 0x20) == 'h' || (t[p] | 0x20) == 'w' || (t[p] | 0x20) == 'f') {
    if (url_start(t, len, p)) {
      size_t q = url_end(t, len, p);
      push(sc, p, q, T_WORD | T_LOWER);
      return q;
    }
  }
  size_t q = p;
  size_t seg = p;        /* start of the current '.'-separated segment */
  bool dotted = false;   /* took an inner '.' ("U.S", "p.m", "voanews.com") */
  bool short_segs = true; /* every segment so far is one or two letters */
  unsigned flags = 0;
  for (;;) {
    q = word_run(t, len, q);
    if (q >= len)
      break;
    /* A joiner stays inside the word only between word characters. */
    int32_t cp = t[q];
    size_t jl = IS(t[q], B_HIGH) ? kg_utf8_next(t + q, len - q, &cp) : 1;
    size_t r = q + jl;
    unsigned prev = t[q - 1];
    if (!word_at(t, len, r)) {
      unsigned f = 0;
      if (cp == '.' && attach_period(t, len, p, q,
                                     dotted && short_segs && q - seg <= 2 &&
                                         IS(prev, B_UPPER | B_LOWER),
                                     &f)) {
        flags = f;
        q++;
        /* "U.S.-led", "U.S.-Mexican" */
        if (q + 1 < len && t[q] == '-' && word_at(t, len, q + 1)) {
          q++;
          flags = 0;
          continue;
        }
      }
      break;
    }
    if (cp == '-' || cp == 0x2010 || cp == 0x2011) {
      q = r; /* a new part: "anti-U.S." ends in an acronym */
      seg = r;
      dotted = false;
      short_segs = true;
      continue;
    }
    if (cp == '.') {
      /* "2.5", "voanews.com", "p.m", "U.S", "BNPP.PA" -- but not "Syria.But". */
      bool decimal = IS(prev, B_DIGIT) && IS(t[r], B_DIGIT);
      bool lower_next = IS(t[r], B_LOWER | B_DIGIT) || case_at(t, len, r) == B_LOWER;
      bool initials = q - seg <= 2 && IS(t[seg], B_UPPER | B_LOWER) &&
                      IS(t[q - 1], B_UPPER | B_LOWER);
      if (!(decimal || lower_next || initials || code_dot(t, len, seg, r)))
        break;
      if (!initials)
        short_segs = false;
      dotted = true;
      q = r;
      seg = r;
      continue;
    }
    if (cp == ',' || cp == ':' || cp == '/') {
      if (IS(prev, B_DIGIT) && IS(t[r], B_DIGIT)) { /* 1,000  06:21  06/28/2021 */
        q = r;
        continue;
      }
      break;
    }
    if (cp == '\'' || cp == 0x2019) {
      if (clitic_at(t, len, q))
        break; /* "Blinken's": the clitic is the next token */
      q = r;   /* "O'Connor", "d'Ivoire", "Shi'ite" */
      continue;
    }
    if (cp == '&' && IS(prev, B_UPPER) && IS(t[r], B_UPPER)) { /* AT&T, S&P */
      q = r;
      continue;
    }
    if (cp == '@' && IS(prev, B_WORD)) { /* e-mail address */
      q = r;
      continue;
    }
    break;
  }
  unsigned cf = case_flags(t, len, p);
  size_t nt = flags ? 0 : nt_suffix(t, p, q);
  if (nt) { /* "don't" -> "do" "n't", "can't" -> "ca" "n't" */
    push(sc, p, q - nt, T_WORD | cf);
    push(sc, q - nt, q, T_WORD | T_LOWER);
  } else
    push(sc, p, q, T_WORD | cf | flags);
  return q;
}

/* --------------------------------------------------------- the tokenizer */

static size_t run_of(const unsigned char *t, size_t len, size_t p, const char *set) {
  size_t q = p + 1;
  while (q < len && t[q] && strchr(set, t[q]))
    q++;
  return q;
}

/* An apostrophe that starts a token: a clitic after a word ("U.S.'s",
 * "Nigeria 's"), a decade ("'80s"), else a quote. */
static size_t scan_apostrophe(scan *sc, size_t p, size_t a) {
  const unsigned char *t = sc->t;
  size_t len = sc->len;
  kg_segmenter *s = sc->s;
  size_t k = clitic_at(t, len, p);
  if (k && s->n_tok && (s->flag[s->n_tok - 1] & T_WORD)) {
    push(sc, p, p + k, T_WORD);
    return p + k;
  }
  if (a == 1 && p + 2 < len && IS(t[p + 1], B_DIGIT) && IS(t[p + 2], B_DIGIT) &&
      (p + 3 == len || t[p + 3] == 's' || !word_at(t, len, p + 3))) {
    size_t q = p + 3 + (p + 3 < len && t[p + 3] == 's');
    if (!word_at(t, len, q)) {
      push(sc, p, q, T_WORD);
      return q;
    }
  }
  push(sc, p, p + a, a == 1 ? T_QUOTE : T_CLOSE);
  return p + a;
}

/* Sentence-final marks of other scripts and the fullwidth forms. */
static bool cp_term(int32_t cp) {
  return cp == 0x3002 || cp == 0xFF0E || cp == 0xFF01 || cp == 0xFF1F || cp == 0x0964 ||
         cp == 0x0965 || cp == 0x061F || cp == 0x06D4 || cp == 0x203C || cp == 0x037E ||
         (cp >= 0x2047 && cp <= 0x2049) || cp == 0xFF61;
}

/* A non-ASCII character at t[p] that is not a word character. */
static size_t scan_high(scan *sc, size_t p) {
  const unsigned char *t = sc->t;
  size_t len = sc->len;
  int32_t cp;
  size_t n = kg_utf8_next(t + p, len - p, &cp);
  /* C1 controls in news text are Windows-1252 punctuation decoded as
   * Latin-1 (0x85 is "…", 0x91-0x94 quotes, 0x96-0x97 dashes): the GMB
   * text itself has them.  Read them as what they were meant to be. */
  if (cp >= 0x85 && cp <= 0x97) {
    unsigned f = cp == 0x85                ? T_TERM | T_ELLIPSIS
                 : cp == 0x91 || cp == 0x93 ? T_OPEN
                 : cp == 0x92 || cp == 0x94 ? T_CLOSE
                                            : 0;
    if (f || cp == 0x96 || cp == 0x97) {
      push(sc, p, p + n, f);
      return p + n;
    }
  }
  if (kg_cp_space(cp)) {
    if (cp == 0x2029)
      sc->nl += 2; /* paragraph separator */
    else if (cp == 0x2028)
      sc->nl++;
    sc->spaced = true;
    return p + n;
  }
  if (cp == 0x2019)
    return scan_apostrophe(sc, p, n);
  unsigned flags = 0;
  if (cp == 0x2026)
    flags = T_TERM | T_ELLIPSIS;
  else if (cp_term(cp))
    flags = T_TERM;
  else {
    utf8proc_category_t c = utf8proc_category(cp);
    if (c == UTF8PROC_CATEGORY_PS || c == UTF8PROC_CATEGORY_PI)
      flags = T_OPEN;
    else if (c == UTF8PROC_CATEGORY_PE || c == UTF8PROC_CATEGORY_PF)
      flags = T_CLOSE;
  }
  /* Marks after a symbol (emoji variation selectors) stay with it. */
  size_t q = p + n;
  while (q < len && IS(t[q], B_HIGH)) {
    int32_t m;
    size_t k = kg_utf8_next(t + q, len - q, &m);
    utf8proc_category_t c = utf8proc_category(m);
    if (c != UTF8PROC_CATEGORY_MN && c != UTF8PROC_CATEGORY_ME && m != 0x200D)
      break;
    q += k;
  }
  push(sc, p, q, flags);
  return q;
}

static void tokenize(scan *sc) {
  const unsigned char *t = sc->t;
  size_t len = sc->len;
  size_t p = 0;
  while (p < len && !sc->oom) {
    unsigned c = t[p];
    unsigned b = byte_class[c];
    if (b & B_WORD) {
      p = scan_word(sc, p);
      continue;
    }
    if (b & B_SPACE) {
      if (c == '\n' || (c == '\r' && (p + 1 == len || t[p + 1] != '\n')))
        sc->nl++;
      sc->spaced = true;
      p++;
      continue;
    }
    if (b & B_HIGH) {
      if (word_at(t, len, p))
        p = scan_word(sc, p);
      else
        p = scan_high(sc, p);
      continue;
    }
    size_t q = p + 1;
    unsigned flags = 0;
    switch (c) {
    case '.':
      if (q < len && IS(t[q], B_DIGIT) && (p == 0 || !IS(t[p - 1], B_WORD))) {
        q = word_run(t, len, q); /* ".125" */
        flags = T_WORD;
        break;
      }
      q = run_of(t, len, p, ".");
      flags = q - p > 1 ? T_TERM | T_ELLIPSIS : T_TERM;
      break;
    case '?':
    case '!':
      q = run_of(t, len, p, "?!");
      flags = T_TERM;
      break;
    case '-':
      q = run_of(t, len, p, "-");
      break;
    case '\'':
      p = scan_apostrophe(sc, p, 1);
      continue;
    case '"':
      flags = T_QUOTE;
      break;
    case '(':
    case '[':
    case '{':
      flags = T_OPEN;
      break;
    case ')':
    case ']':
    case '}':
      flags = T_CLOSE;
      break;
    case '#':
    case '@':
      if (q < len && IS(t[q], B_UPPER | B_LOWER)) { /* #tag, @handle */
        q = word_run(t, len, q);
        flags = T_WORD;
      }
      break;
    default:
      break;
    }
    push(sc, p, q, flags);
    p = q;
  }
}

/* ------------------------------------------------------ sentence splitter */

enum { C_NONE, C_TERM, C_ELLIPSIS, C_ABBR, C_INITIAL, C_TITLE };

static bool is_starter(const kg_segmenter *s, const unsigned char *t, size_t i) {
  const kg_token *k = &s->tok[i];
  return (s->flag[i] & T_UPPER) && listed(starters, 10, t + k->start, k->len);
}

static bool is_midpunct(const kg_segmenter *s, const unsigned char *t, size_t i) {
  const kg_token *k = &s->tok[i];
  return k->len == 1 && (t[k->start] == ',' || t[k->start] == ';' || t[k->start] == ':');
}

/* An opening quote or bracket before a capitalized word. */
static bool opens_sentence(const kg_segmenter *s, size_t i) {
  uint16_t f = s->flag[i];
  return ((f & T_OPEN) || ((f & T_QUOTE) && (f & G_MASK) != G_NONE)) && i + 1 < s->n_tok &&
         (s->flag[i + 1] & T_UPPER);
}

/* The wire service's sign-off that ends an article ("... it said. REUTER"):
 * the last token, in capitals. */
static bool is_signoff(const kg_segmenter *s, const unsigned char *t, size_t i) {
  const kg_token *k = &s->tok[i];
  return i + 1 == s->n_tok && k->len == 6 && !memcmp(t + k->start, "REUTER", 6);
}

static int add_sentence(kg_segmenter *s, size_t first, size_t end, uint32_t para) {
  if (s->n_sent == s->cap_sent) {
    size_t cap = s->cap_sent ? s->cap_sent * 2 : 256;
    kg_sentence *sent = realloc(s->sent, cap * sizeof *sent);
    if (!sent)
      return -1;
    s->sent = sent;
    s->cap_sent = cap;
  }
  const kg_token *a = &s->tok[first], *z = &s->tok[end - 1];
  s->sent[s->n_sent++] = (kg_sentence){(uint32_t)first, (uint32_t)end, a->start,
                                       z->start + z->len, para};
  return 0;
}

/* Walk the tokens once.  cand remembers what the last token could end; the
 * next token decides: after . ? ! anything but a lower-case word starts a
 * sentence, after an ellipsis a capital does, after an abbreviation only a
 * sentence starter does, after an honorific nothing does.  Closing quotes
 * and brackets that follow are absorbed first.  A line break ends the
 * sentence unless the next line starts lower-case after a line without
 * final punctuation (or the line ends in an honorific); a blank line always
 * ends it and the paragraph.  The wire sign-off that ends a text ("REUTER")
 * is a sentence of its own. */
static int split(kg_segmenter *s, const unsigned char *t, uint32_t *n_para) {
  size_t n = s->n_tok;
  size_t first = 0;
  uint32_t para = 0;
  int cand = C_NONE;
  for (size_t i = 0; i < n; i++) {
    uint16_t f = s->flag[i];
    unsigned gap = f & G_MASK;
    if (i > first) {
      bool cut = false;
      if (gap == G_BLANK)
        cut = true;
      else if ((cand == C_TERM || cand == C_ELLIPSIS) && (f & T_TERM) && gap <= G_SPACE)
        continue; /* ". . ." or "?  !" */
      else if (cand != C_NONE && cand != C_TITLE &&
               (((f & T_CLOSE) && gap <= G_SPACE) || ((f & T_QUOTE) && gap == G_NONE)))
        continue; /* '."' ')."' : the closer stays; cand is unchanged */
      else if (is_signoff(s, t, i))
        cut = true; /* "Exxon Corp. REUTER": the sign-off is no part of the name */
      else if (gap == G_LINE) /* "Mr." still wants its name on the next line */
        cut = cand != C_TITLE && !((f & T_LOWER) && cand != C_TERM);
      else if (cand == C_TERM)
        cut = !(f & T_LOWER) && !is_midpunct(s, t, i);
      else if (cand == C_ELLIPSIS)
        cut = (f & T_UPPER) || opens_sentence(s, i);
      else if (cand == C_ABBR)
        cut = is_starter(s, t, i) || opens_sentence(s, i);
      else if (cand == C_INITIAL) /* "J. A. Smith": "A" is no starter here */
        cut = is_starter(s, t, i) && s->tok[i].len > 1;
      if (cut) {
        if (add_sentence(s, first, i, para))
          return -1;
        first = i;
        if (gap == G_BLANK)
          para++;
      }
    }
    if (f & T_TERM)
      cand = (f & T_ELLIPSIS) ? C_ELLIPSIS : C_TERM;
    else if (f & T_TITLE)
      cand = C_TITLE;
    else if (f & T_ABBR)
      cand = s->tok[i].len == 2 && IS(t[s->tok[i].start], B_UPPER) ? C_INITIAL : C_ABBR;
    else
      cand = C_NONE;
  }
  if (n > first && add_sentence(s, first, n, para))
    return -1;
  *n_para = n ? para + 1 : 0;
  return 0;
}

int kg_segment(kg_segmenter *s, const char *text, size_t len, kg_segments *out,
               kg_error *err) {
  if (!s || !out || (!text && len))
    return kg_error_set(err, KG_ERR_USAGE, "kg_segment: no segmenter, text or output");
  if (len > UINT32_MAX)
    return kg_error_set(err, KG_ERR_USAGE,
                        "text of %zu bytes is too long to segment (the limit is 4 GiB)", len);
  *out = (kg_segments){0};
  s->n_tok = 0;
  s->n_sent = 0;
  /* News averages one token per 5-6 bytes: reserve once, grow rarely (but
   * do not reserve hundreds of MB for a huge text that may be one token). */
  size_t guess = len / 6 + 16;
  if (reserve_tokens(s, guess < ((size_t)1 << 22) ? guess : (size_t)1 << 22))
    goto nomem;
  scan sc = {(const unsigned char *)text, len, s, 0, false, false};
  tokenize(&sc);
  if (sc.oom)
    goto nomem;
  uint32_t n_para = 0;
  if (split(s, (const unsigned char *)text, &n_para))
    goto nomem;
  *out = (kg_segments){s->tok, s->n_tok, s->sent, s->n_sent, n_para};
  return 0;
nomem:
  s->n_tok = s->n_sent = 0;
  return kg_error_set(err, KG_ERR_NOMEM, "out of memory segmenting %zu bytes of text", len);
}
