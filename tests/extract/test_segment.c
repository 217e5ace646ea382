/* test_segment.c: tokens as the GMB corpus has them, sentences, paragraphs. */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract.h"

/* The tokens of text joined by '|'; the caller frees. */
static char *tokens_of(const char *text) {
  kg_segmenter *s = kg_segmenter_new();
  cr_assert_not_null(s);
  kg_segments seg;
  kg_error err = {0};
  size_t len = strlen(text);
  cr_assert_eq(kg_segment(s, text, len, &seg, &err), 0, "segment failed: %s", err.msg);
  char *out = malloc(2 * len + 2);
  size_t n = 0;
  for (size_t i = 0; i < seg.n_tokens; i++) {
    const kg_token *t = &seg.tokens[i];
    cr_assert(t->start + t->len <= len, "token %zu ends past the text", i);
    memcpy(out + n, text + t->start, t->len);
    n += t->len;
    if (i + 1 < seg.n_tokens)
      out[n++] = '|';
  }
  out[n] = '\0';
  kg_segmenter_free(s);
  return out;
}

/* The sentences of text, each its byte range, joined by " || ". */
static char *sentences_of(const char *text, size_t *n_paragraphs) {
  kg_segmenter *s = kg_segmenter_new();
  kg_segments seg;
  kg_error err = {0};
  size_t len = strlen(text);
  cr_assert_eq(kg_segment(s, text, len, &seg, &err), 0, "segment failed: %s", err.msg);
  char *out = malloc(2 * len + 4 * seg.n_sentences + 1);
  size_t n = 0;
  for (size_t i = 0; i < seg.n_sentences; i++) {
    const kg_sentence *x = &seg.sentences[i];
    if (i) {
      memcpy(out + n, " || ", 4);
      n += 4;
    }
    memcpy(out + n, text + x->start, x->end - x->start);
    n += x->end - x->start;
  }
  out[n] = '\0';
  if (n_paragraphs)
    *n_paragraphs = seg.n_paragraphs;
  kg_segmenter_free(s);
  return out;
}

/* ------------------------------------------------------------- tokenizer */

/* Criterion hands parameters to another process: arrays, not pointers. */
struct case2 {
  char in[128];
  char out[160];
};

#define CASES(arr) cr_make_param_array(struct case2, arr, sizeof arr / sizeof arr[0])

ParameterizedTestParameters(tokenizer, follows_gmb_conventions) {
  static struct case2 cases[] = {
      /* clitics */
      {"Blinken's visit", "Blinken|'s|visit"},
      {"the rebels' camp", "the|rebels|'|camp"},
      {"don't", "do|n't"},
      {"can't", "ca|n't"},
      {"won't stop", "wo|n't|stop"},
      {"Isn't it", "Is|n't|it"},
      {"I'm sure they'll say we've", "I|'m|sure|they|'ll|say|we|'ve"},
      {"you're, he'd", "you|'re|,|he|'d"},
      {"MOODY'S", "MOODY|'S"},
      {"We’ve made Italy’s", "We|’ve|made|Italy|’s"},
      {"don’t", "do|n’t"},
      {"U.S.'s allies", "U.S.|'s|allies"},
      {"Nigeria 's oil", "Nigeria|'s|oil"},
      /* apostrophes inside names */
      {"O'Connor and Shi'ite", "O'Connor|and|Shi'ite"},
      {"Côte d’Ivoire", "Côte|d’Ivoire"},
      {"N'Djamena", "N'Djamena"},
      {"the '80s", "the|'80s"},
      /* abbreviations and initials */
      {"U.S. forces", "U.S.|forces"},
      {"Mr. Smith and Mrs. Jones", "Mr.|Smith|and|Mrs.|Jones"},
      {"the U.N. Security Council", "the|U.N.|Security|Council"},
      {"at 3 p.m. Monday", "at|3|p.m.|Monday"},
      {"Washington, D.C., said", "Washington|,|D.C.|,|said"},
      {"George W. Bush", "George|W.|Bush"},
      {"by Alex. Brown and Wm. Wrigley", "by|Alex.|Brown|and|Wm.|Wrigley"},
      {"Apple Inc. and Acme Corp.", "Apple|Inc.|and|Acme|Corp."},
      {"Gen. Smith, Lt. Col. Jones", "Gen.|Smith|,|Lt.|Col.|Jones"},
      {"St. Louis on Jan. 5", "St.|Louis|on|Jan.|5"},
      {"Tacoma, Wash., and Kingston, Ont., plants",
       "Tacoma|,|Wash.|,|and|Kingston|,|Ont.|,|plants"},
      {"No. 5 and e.g. this", "No.|5|and|e.g.|this"},
      {"the answer is No.", "the|answer|is|No|."},
      {"World War I.", "World|War|I|."},
      {"Syria.But", "Syria|.|But"},
      /* instrument codes stay whole; a capital word after a full stop does not */
      {"Rhone-Poulenc <RHON.PA> said", "Rhone-Poulenc|<|RHON.PA|>|said"},
      {"Toyota (7203.T) and Apple (AAPL.O)", "Toyota|(|7203.T|)|and|Apple|(|AAPL.O|)"},
      {"in the USA.THE END", "in|the|USA|.|THE|END"},
      /* hyphens */
      {"G-20 summit", "G-20|summit"},
      {"the COVID-19 pandemic", "the|COVID-19|pandemic"},
      {"a cease-fire, face-to-face", "a|cease-fire|,|face-to-face"},
      {"U.S.-led coalition", "U.S.-led|coalition"},
      {"anti-U.S. protests", "anti-U.S.|protests"},
      {"Port-au-Prince", "Port-au-Prince"},
      {"non\xE2\x80\x91" "breaking", "non\xE2\x80\x91" "breaking"},
      {"lands - where", "lands|-|where"},
      {"panda -- one", "panda|--|one"},
      {"panda--one", "panda|--|one"},
      /* numbers */
      {"10,000 people", "10,000|people"},
      {"2.5 percent", "2.5|percent"},
      {"$436 million", "$|436|million"},
      {"40% more", "40|%|more"},
      {"06:21 PM", "06:21|PM"},
      {"on 06/28/2021", "on|06/28/2021"},
      {"the 1986/87 crop", "the|1986/87|crop"},
      {"price of .125 dlrs", "price|of|.125|dlrs"},
      {"in 2011.", "in|2011|."},
      /* quotes, brackets, slashes */
      {"\"Stop the Bombings.\"", "\"|Stop|the|Bombings|.|\""},
      {"“activities,” the", "“|activities|,|”|the"},
      {"‘quiet’ talks", "‘|quiet|’|talks"},
      {"'quiet' diplomacy", "'|quiet|'|diplomacy"},
      {"(SARS) [sic] {x}", "(|SARS|)|[|sic|]|{|x|}"},
      {"Daesh/ISIS", "Daesh|/|ISIS"},
      {"HIV/AIDS", "HIV|/|AIDS"},
      {"AT&T and S&P, R & D", "AT&T|and|S&P|,|R|&|D"},
      /* Unicode punctuation and spaces */
      {"word—word", "word|—|word"},
      {"1990–2000", "1990|–|2000"},
      {"pose…", "pose|…"},
      {"Well...", "Well|..."},
      {"a\xC2\xA0" "b\xE2\x80\x89" "c\xE2\x80\xAF" "d\xE3\x80\x80" "e", "a|b|c|d|e"},
      {"zero\xE2\x80\x8Bwidth", "zero|width"},
      {"Why?! Now!", "Why|?!|Now|!"},
      {"«Bonjour»", "«|Bonjour|»"},
      {"heart \xE2\x9D\xA4\xEF\xB8\x8F here", "heart|\xE2\x9D\xA4\xEF\xB8\x8F|here"},
      /* letters of every script are word characters */
      {"São Paulo", "São|Paulo"},
      {"Chargé d'Affaires", "Chargé|d'Affaires"},
      {"Москва и Київ", "Москва|и|Київ"},
      {"北京市", "北京市"},
      {"محمد بن سلمان", "محمد|بن|سلمان"},
      {"नरेन्द्र मोदी", "नरेन्द्र|मोदी"},
      /* URLs, addresses, tags */
      {"see https://www.voanews.com/a/x-1.html.", "see|https://www.voanews.com/a/x-1.html|."},
      {"(http://en.wikipedia.org/wiki/Rome_(city))", "(|http://en.wikipedia.org/wiki/Rome_(city)|)"},
      {"at www.gov.cn, and", "at|www.gov.cn|,|and"},
      {"voanews.com and Amazon.com", "voanews.com|and|Amazon.com"},
      {"mail jcfundrzr@aol.com.", "mail|jcfundrzr@aol.com|."},
      {"#COVID19 @dalailama", "#COVID19|@dalailama"},
  };
  return CASES(cases);
}

ParameterizedTest(struct case2 *c, tokenizer, follows_gmb_conventions) {
  char *got = tokens_of(c->in);
  cr_assert_str_eq(got, c->out, "tokens of '%s': expected '%s', got '%s'", c->in, c->out, got);
  free(got);
}

/* Every token indexes the text exactly: in order, no overlap, no space
 * inside, and every byte outside tokens is white space. */
static void check_offsets(const char *text, size_t len) {
  kg_segmenter *s = kg_segmenter_new();
  kg_segments seg;
  cr_assert_eq(kg_segment(s, text, len, &seg, NULL), 0);
  cr_assert_gt(seg.n_tokens, 0, "tokens expected");
  size_t pos = 0;
  for (size_t i = 0; i < seg.n_tokens; i++) {
    const kg_token *t = &seg.tokens[i];
    cr_assert_gt(t->len, 0, "token %zu is empty", i);
    cr_assert_geq(t->start, pos, "token %zu overlaps the one before", i);
    for (size_t k = pos; k < t->start; k++) {
      unsigned char c = (unsigned char)text[k];
      cr_assert(c <= ' ' || c >= 0x80, "byte %zu ('%c') lies between tokens", k, c);
    }
    for (size_t k = t->start; k < t->start + t->len; k++)
      cr_assert(text[k] != ' ' && text[k] != '\n' && text[k] != '\t',
                "token %zu holds white space at byte %zu", i, k);
    cr_assert(kg_utf8_valid(text + t->start, t->len, NULL),
              "token %zu does not start and end on character boundaries", i);
    pos = t->start + t->len;
  }
  cr_assert_leq(pos, len);
  kg_segmenter_free(s);
}

Test(tokenizer, offsets_index_the_text_exactly) {
  const char *text = "  Côte d’Ivoire’s “président”—Alassane Ouattara—said\u00a0on 28.6.: "
                     "«U.S.-led» talks (in Москва) cost $4.5bn… don’t!\r\n\tEnd.";
  check_offsets(text, strlen(text));
}

Test(tokenizer, offsets_hold_on_the_seed_article) {
  FILE *f = fopen(KG_SOURCE_DIR "/samples/voa/voa-2021-06-28-coalition-rome.txt", "rb");
  cr_assert_not_null(f, "the seed article is in samples/");
  static char buf[1 << 16];
  size_t len = fread(buf, 1, sizeof buf - 1, f);
  fclose(f);
  buf[len] = '\0';
  check_offsets(buf, len);
}

/* -------------------------------------------------------------- sentences */

ParameterizedTestParameters(sentences, split_where_a_reader_would) {
  static struct case2 cases[] = {
      {"He went to Rome. Then he left.", "He went to Rome. || Then he left."},
      {"Yes! No? Maybe.", "Yes! || No? || Maybe."},
      /* honorifics and ranks never end a sentence */
      {"Mr. Smith met Dr. Jones and Mrs. Lee.", "Mr. Smith met Dr. Jones and Mrs. Lee."},
      {"Gen. Smith, Sen. Jones, Rep. Lee and Gov. Brown met.",
       "Gen. Smith, Sen. Jones, Rep. Lee and Gov. Brown met."},
      {"Lt. Col. Smith and Capt. Jones spoke.", "Lt. Col. Smith and Capt. Jones spoke."},
      {"They met Mr. The Rock.", "They met Mr. The Rock."},
      /* other abbreviations end a sentence only before a sentence starter */
      {"He lives in St. Louis now.", "He lives in St. Louis now."},
      {"It began on Jan. 5 and ended Feb. 20.", "It began on Jan. 5 and ended Feb. 20."},
      {"Apple Inc. said Acme Corp. and Foo Ltd. and Bar Co. agreed.",
       "Apple Inc. said Acme Corp. and Foo Ltd. and Bar Co. agreed."},
      {"He was No. 1 in the world.", "He was No. 1 in the world."},
      {"Smith vs. Jones, apples etc. are here.", "Smith vs. Jones, apples etc. are here."},
      {"The U.S. and the U.N. agreed.", "The U.S. and the U.N. agreed."},
      {"It is sold in the U.S. The president said so.",
       "It is sold in the U.S. || The president said so."},
      {"U.S. President Biden met U.N. Secretary-General Guterres.",
       "U.S. President Biden met U.N. Secretary-General Guterres."},
      {"It was made by Apple Inc. They sold it.", "It was made by Apple Inc. || They sold it."},
      {"They met at 3 p.m. Monday in Rome.", "They met at 3 p.m. Monday in Rome."},
      {"It has a mill in Fort Wayne, Ind. The mill is old.",
       "It has a mill in Fort Wayne, Ind. || The mill is old."},
      /* initials */
      {"George W. Bush spoke.", "George W. Bush spoke."},
      {"J. K. Rowling and J. A. Smith wrote.", "J. K. Rowling and J. A. Smith wrote."},
      {"World War I. The war ended.", "World War I. || The war ended."},
      /* decimals and numbers */
      {"It rose 2.5 percent. Then it fell.", "It rose 2.5 percent. || Then it fell."},
      {"It cost $1.5 billion in 2011. In 2012 it rose.",
       "It cost $1.5 billion in 2011. || In 2012 it rose."},
      /* ellipses */
      {"I think ... maybe not.", "I think ... maybe not."},
      {"He waited... Then he left.", "He waited... || Then he left."},
      {"It went on… and on.", "It went on… and on."},
      /* quotes and brackets */
      {"\"Stop the war.\" He said it twice.", "\"Stop the war.\" || He said it twice."},
      {"“Why?” he asked.", "“Why?” he asked."},
      {"He said: “We will win.” Then he left.", "He said: “We will win.” || Then he left."},
      {"(See the map.) Next comes the text.", "(See the map.) || Next comes the text."},
      {"He left. \"We won,\" she said.", "He left. || \"We won,\" she said."},
      {"He left. (It was late.)", "He left. || (It was late.)"},
      /* line breaks */
      {"Headline Without Period\nThe story starts here.",
       "Headline Without Period || The story starts here."},
      {"a caption that\ncontinues here.", "a caption that\ncontinues here."},
      {"Ends with a period.\nnext line", "Ends with a period. || next line"},
      {"Line one\nLine two\n", "Line one || Line two"},
      {"Blinken pose…\nNATO Secretary General Jens Stoltenberg",
       "Blinken pose… || NATO Secretary General Jens Stoltenberg"},
      {"in the U.S.\nThe end.", "in the U.S. || The end."},
      {"a letter from Mr.\nSmith arrived.", "a letter from Mr.\nSmith arrived."},
      {"Windows line\r\nNext line.", "Windows line || Next line."},
      {"Windows line\r\ncontinues.", "Windows line\r\ncontinues."},
      /* the wire sign-off that ends a text is a sentence of its own */
      {"Profits rose, it said. REUTER\n", "Profits rose, it said. || REUTER"},
      {"It will pay Exxon Corp. REUTER", "It will pay Exxon Corp. || REUTER"},
      {"Landesbank Girozentral REUTER", "Landesbank Girozentral || REUTER"},
      {"Exxon Corp. REUTER said so.", "Exxon Corp. REUTER said so."},
      /* other scripts */
      {"他来了。她走了。", "他来了。 || 她走了。"},
      {"Nein!\xC2\xA0" "Doch.", "Nein! || Doch."},
  };
  return CASES(cases);
}

ParameterizedTest(struct case2 *c, sentences, split_where_a_reader_would) {
  char *got = sentences_of(c->in, NULL);
  cr_assert_str_eq(got, c->out, "sentences of '%s':\n expected '%s'\n got      '%s'", c->in,
                   c->out, got);
  free(got);
}

Test(sentences, token_ranges_tile_the_tokens) {
  const char *text = "One. Two three.\n\nFour? \"Five.\" Six";
  kg_segmenter *s = kg_segmenter_new();
  kg_segments seg;
  cr_assert_eq(kg_segment(s, text, strlen(text), &seg, NULL), 0);
  cr_assert_eq(seg.n_sentences, 5, "expected 5 sentences, got %zu", seg.n_sentences);
  uint32_t next = 0;
  for (size_t i = 0; i < seg.n_sentences; i++) {
    const kg_sentence *x = &seg.sentences[i];
    cr_assert_eq(x->tok_start, next, "sentence %zu must start where %zu ended", i, i - 1);
    cr_assert_gt(x->tok_end, x->tok_start, "sentence %zu is empty", i);
    cr_assert_eq(x->start, seg.tokens[x->tok_start].start);
    const kg_token *last = &seg.tokens[x->tok_end - 1];
    cr_assert_eq(x->end, last->start + last->len);
    next = x->tok_end;
  }
  cr_assert_eq(next, seg.n_tokens, "every token belongs to a sentence");
  kg_segmenter_free(s);
}

/* ------------------------------------------------------------- paragraphs */

Test(paragraphs, blank_lines_separate_them) {
  const char *text = "Para one. Still one.\nA new line.\n\nPara two.\n \t \nPara three.\n\n\n";
  kg_segmenter *s = kg_segmenter_new();
  kg_segments seg;
  cr_assert_eq(kg_segment(s, text, strlen(text), &seg, NULL), 0);
  cr_assert_eq(seg.n_paragraphs, 3, "expected 3 paragraphs, got %zu", seg.n_paragraphs);
  static const uint32_t want[] = {0, 0, 0, 1, 2};
  cr_assert_eq(seg.n_sentences, 5, "expected 5 sentences, got %zu", seg.n_sentences);
  for (size_t i = 0; i < 5; i++)
    cr_assert_eq(seg.sentences[i].paragraph, want[i], "sentence %zu: paragraph %u expected, got %u",
                 i, want[i], seg.sentences[i].paragraph);
  kg_segmenter_free(s);
}

Test(paragraphs, unicode_paragraph_separator_counts) {
  size_t n_para = 0;
  char *got = sentences_of("One\xE2\x80\xA9Two", &n_para);
  cr_assert_str_eq(got, "One || Two");
  cr_assert_eq(n_para, 2, "U+2029 separates paragraphs, got %zu", n_para);
  free(got);
}

Test(paragraphs, seed_article_captions_stand_alone) {
  FILE *f = fopen(KG_SOURCE_DIR "/samples/voa/voa-2021-06-28-coalition-rome.txt", "rb");
  cr_assert_not_null(f);
  static char buf[1 << 16];
  size_t len = fread(buf, 1, sizeof buf - 1, f);
  fclose(f);
  buf[len] = '\0';
  kg_segmenter *s = kg_segmenter_new();
  kg_segments seg;
  cr_assert_eq(kg_segment(s, buf, len, &seg, NULL), 0);
  /* Each caption, headline and "Related Stories" line is a sentence of
   * its own; none runs into the next line. */
  const char *own[] = {
      ("NATO Secretary General Jens Stoltenberg, Italian Foreign Minister Luigi Di Maio and "
       "U.S. Secretary of State Antony Blinken pose…"),
      "Related Stories",
      "Latest News",
      "By VOA News",
      "Daesh is Arabic acronym for Islamic State.",
      "Blinken Meets with Pope, Italian Officials",
  };
  for (size_t k = 0; k < sizeof own / sizeof *own; k++) {
    bool found = false;
    for (size_t i = 0; i < seg.n_sentences && !found; i++) {
      const kg_sentence *x = &seg.sentences[i];
      found = x->end - x->start == strlen(own[k]) &&
              memcmp(buf + x->start, own[k], x->end - x->start) == 0;
    }
    cr_assert(found, "'%s' must be one whole sentence", own[k]);
  }
  for (size_t i = 0; i < seg.n_sentences; i++) {
    const kg_sentence *x = &seg.sentences[i];
    cr_assert(memchr(buf + x->start, '\n', x->end - x->start) == NULL,
              "sentence %zu spans a line break: '%.*s'", i, (int)(x->end - x->start),
              buf + x->start);
  }
  cr_assert_gt(seg.n_paragraphs, 20, "the article has many blank-line paragraphs, got %zu",
               seg.n_paragraphs);
  kg_segmenter_free(s);
}

/* ------------------------------------------------------------- the object */

Test(segmenter, empty_and_blank_text_have_nothing) {
  kg_segmenter *s = kg_segmenter_new();
  kg_segments seg;
  cr_assert_eq(kg_segment(s, "", 0, &seg, NULL), 0);
  cr_assert_eq(seg.n_tokens + seg.n_sentences + seg.n_paragraphs, 0, "empty text: no segments");
  cr_assert_eq(kg_segment(s, NULL, 0, &seg, NULL), 0, "NULL text of length 0 is empty");
  cr_assert_eq(kg_segment(s, " \n\n\t\xC2\xA0\n", 6, &seg, NULL), 0);
  cr_assert_eq(seg.n_tokens + seg.n_sentences + seg.n_paragraphs, 0, "blank text: no segments");
  kg_segmenter_free(s);
}

Test(segmenter, buffers_are_reused_and_results_repeat) {
  kg_segmenter *s = kg_segmenter_new();
  kg_segments a, b;
  const char *t1 = "The first text. It has two sentences.";
  cr_assert_eq(kg_segment(s, t1, strlen(t1), &a, NULL), 0);
  size_t n_tok = a.n_tokens, n_sent = a.n_sentences;
  kg_token first = a.tokens[1];
  const kg_token *buf = a.tokens;
  cr_assert_eq(kg_segment(s, "Short.", 6, &b, NULL), 0);
  cr_assert_eq(b.tokens, buf, "the token buffer is reused, not reallocated");
  cr_assert_eq(b.n_tokens, 2);
  cr_assert_eq(kg_segment(s, t1, strlen(t1), &a, NULL), 0);
  cr_assert_eq(a.n_tokens, n_tok, "same text, same tokens");
  cr_assert_eq(a.n_sentences, n_sent);
  cr_assert_eq(a.tokens[1].start, first.start);
  cr_assert_eq(a.tokens[1].len, first.len);
  kg_segmenter_free(s);
}

Test(segmenter, rejects_bad_arguments_with_a_message) {
  kg_segmenter *s = kg_segmenter_new();
  kg_segments seg;
  kg_error err = {0};
  /* The length is checked before the text is touched. */
  int rc = kg_segment(s, "x", (size_t)UINT32_MAX + 1, &seg, &err);
  cr_assert_eq(rc, KG_ERR_USAGE, "a text of 4 GiB is refused, rc %d", rc);
  cr_assert(strstr(err.msg, "4 GiB") != NULL, "the message says why: '%s'", err.msg);
  cr_assert_eq(kg_segment(NULL, "x", 1, &seg, &err), KG_ERR_USAGE);
  cr_assert_eq(kg_segment(s, NULL, 3, &seg, &err), KG_ERR_USAGE);
  kg_segmenter_free(s);
  kg_segmenter_free(NULL);
}

Test(segmenter, long_lines_and_odd_bytes_stay_linear_and_safe) {
  /* 8 MB without one space, then runs of joiners and dots: one pass each. */
  size_t len = 8u << 20;
  char *t = malloc(len + 1);
  memset(t, 'a', len);
  t[len] = '\0';
  kg_segmenter *s = kg_segmenter_new();
  kg_segments seg;
  cr_assert_eq(kg_segment(s, t, len, &seg, NULL), 0);
  cr_assert_eq(seg.n_tokens, 1, "one long word is one token, got %zu", seg.n_tokens);
  for (size_t i = 0; i < len; i++)
    t[i] = "a.-'"[i % 4];
  cr_assert_eq(kg_segment(s, t, len, &seg, NULL), 0);
  cr_assert_gt(seg.n_tokens, 0);
  for (size_t i = 0; i < len; i++)
    t[i] = "x. The "[i % 7];
  cr_assert_eq(kg_segment(s, t, len, &seg, NULL), 0);
  cr_assert_gt(seg.n_sentences, 1000, "many sentences expected, got %zu", seg.n_sentences);
  /* Invalid UTF-8 is outside the contract, but must not read out of bounds. */
  for (size_t i = 0; i < 4096; i++)
    t[i] = (char)(i * 7919 % 251 + 1);
  cr_assert_eq(kg_segment(s, t, 4096, &seg, NULL), 0);
  for (size_t i = 0; i < seg.n_tokens; i++)
    cr_assert_leq(seg.tokens[i].start + seg.tokens[i].len, 4096u);
  kg_segmenter_free(s);
  free(t);
}
