/* SPDX-License-Identifier: MIT
 *
 * CUnit tests of the phrases that products send and that are deliberately
 * not aliases (phrases-considered.csv, as plain data in tests/considered.inc):
 * each gives what its row says, 0 or another code, and never the code it
 * was rejected for. A failed assertion names the line of the CSV.
 * Also the tool's phrase_kind(), driven by every spelling of codes.csv
 * (tests/expected.inc) and by the considered phrases.
 *
 *   test_phrases    (exits 0 when every assertion passed, 1 otherwise) */
#include "sipcode.h"

#include <CUnit/Basic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "expected.h"
#include "phrase_kind.h"

struct considered_phrase {
    int line; /* in phrases-considered.csv */
    const char *phrase;
    int code;     /* the code a product sends it on */
    int resolves; /* what sipcode_from_phrase() gives: 0 or another code */
    const char *reason;
};

/* Ends with a row whose phrase is NULL. */
#include "considered.inc"

static void test_considered_resolve_as_recorded(void)
{
    const struct considered_phrase *c;

    for (c = considered_phrases; c->phrase; c++) {
        int got = sipcode_from_phrase(c->phrase, strlen(c->phrase));
        CHECK(got == c->resolves, "phrases-considered.csv:%d: \"%s\" gives %d, expected %d",
              c->line, c->phrase, got, c->resolves);
        CHECK(got != c->code, "phrases-considered.csv:%d: \"%s\" resolves to %d, the code it "
              "is rejected for", c->line, c->phrase, c->code);
        CHECK(!sipcode_is_spelling_of(c->code, c->phrase, strlen(c->phrase)),
              "phrases-considered.csv:%d: \"%s\" is a spelling of %d", c->line, c->phrase,
              c->code);
    }
}

static const char *const separators[] = { ", ", ",", "; ", ": ", " (", "(", " - " };

/* Every spelling is known; followed by a separator and data it is a known
 * phrase with extra text; followed by data without a separator it is not
 * known (the prefix rule needs the separator). */
static void test_kind_of_every_spelling(void)
{
    size_t i, j;
    char buf[256];

    for (i = 0; i < N_SPELLINGS; i++) {
        const struct expected_spelling *e = &expected_spellings[i];
        enum phrase_kind kind = phrase_kind(e->code, e->spelling, strlen(e->spelling));
        CHECK(kind == PHRASE_KNOWN, "%d \"%s\": kind %d, expected known", e->code, e->spelling,
              (int)kind);
        for (j = 0; j < sizeof separators / sizeof separators[0]; j++) {
            int n = snprintf(buf, sizeof buf, "%s%sid=0001001000200010", e->spelling,
                             separators[j]);
            CHECK(n > 0 && (size_t)n < sizeof buf, "%s: buffer", e->spelling);
            kind = phrase_kind(e->code, buf, (size_t)n);
            CHECK(kind == PHRASE_KNOWN_WITH_EXTRA, "%d \"%s\": kind %d, expected known with "
                  "extra text", e->code, buf, (int)kind);
        }
        if (strpbrk(e->spelling, ",;:(") || strstr(e->spelling, " - "))
            continue; /* a shorter known spelling may end at its own separator */
        snprintf(buf, sizeof buf, "%s extra0001", e->spelling);
        CHECK(phrase_kind(e->code, buf, strlen(buf)) == PHRASE_UNKNOWN, "%d \"%s\" is known",
              e->code, buf);
    }
}

/* A known spelling of another code, followed by data, is not a known
 * phrase of this code. */
static void test_kind_is_per_code(void)
{
    size_t i;
    char buf[256];

    for (i = 0; i < N_ROWS; i++) {
        const struct expected_row *r = &expected_rows[i];
        int other = r->code == 486 ? 600 : 486;
        snprintf(buf, sizeof buf, "%s, data", sipcode_phrase(other));
        CHECK(phrase_kind(r->code, buf, strlen(buf)) == PHRASE_UNKNOWN, "%d \"%s\"", r->code,
              buf);
    }
}

/* No considered phrase is a known spelling of its code; the ones that
 * start with the code's phrase and a separator (data after a known
 * phrase, as "Queued, avaya-cm-data=...") are known with extra text. */
static void test_kind_of_considered(void)
{
    const struct considered_phrase *c;
    int with_extra = 0;

    for (c = considered_phrases; c->phrase; c++) {
        size_t len = strlen(c->phrase);
        const char *phrase = sipcode_phrase(c->code);
        size_t plen = phrase ? strlen(phrase) : 0;
        enum phrase_kind kind = phrase_kind(c->code, c->phrase, len);
        CHECK(kind != PHRASE_KNOWN, "phrases-considered.csv:%d: \"%s\" is known", c->line,
              c->phrase);
        if (phrase && len > plen + 1 && strncmp(c->phrase, phrase, plen) == 0 &&
            strchr(",;:(", c->phrase[c->phrase[plen] == ' ' ? plen + 1 : plen])) {
            with_extra++;
            CHECK(kind == PHRASE_KNOWN_WITH_EXTRA, "phrases-considered.csv:%d: \"%s\": kind %d",
                  c->line, c->phrase, (int)kind);
        }
    }
    CHECK(with_extra > 0, "no considered phrase is a known phrase with extra text");
}

static void test_kind_of_bad_input(void)
{
    static const char nul[] = "Queued\0, data";
    size_t big = 10u << 20;
    char *huge = malloc(big);

    CHECK(phrase_kind(182, NULL, 5) == PHRASE_UNKNOWN, "NULL");
    CHECK(phrase_kind(182, "Queued", 0) == PHRASE_UNKNOWN, "empty");
    CHECK(phrase_kind(182, "Queue, x", 8) == PHRASE_UNKNOWN, "prefix not a spelling");
    CHECK(phrase_kind(182, "(Queued", 7) == PHRASE_KNOWN, "punctuation is dropped");
    CHECK(phrase_kind(182, nul, sizeof nul - 1) == PHRASE_UNKNOWN, "embedded NUL");
    CHECK(phrase_kind(182, "Queued\xe9, x", 11) == PHRASE_UNKNOWN, "byte 0xE9");
    CHECK(phrase_kind(-1, "Queued, x", 9) == PHRASE_UNKNOWN, "code -1");
    CHECK(phrase_kind(700, "Queued, x", 9) == PHRASE_UNKNOWN, "code 700");
    CHECK(phrase_kind(182, "Queued -x", 9) == PHRASE_UNKNOWN, "'-' without spaces");
    CHECK(phrase_kind(182, "Queued -x - y", 13) == PHRASE_UNKNOWN, "\"Queued -x\" is no spelling");
    CHECK(strcmp(phrase_kind_text((enum phrase_kind)99), "not a known spelling") == 0,
          "text of a bad kind");
    if (huge) {
        memset(huge, ',', big);
        memcpy(huge, "Queued", 6);
        CHECK(phrase_kind(182, huge, big) == PHRASE_KNOWN_WITH_EXTRA, "10 MB of commas");
        memset(huge, ',', big);
        CHECK(phrase_kind(182, huge, big) == PHRASE_UNKNOWN, "10 MB of commas only");
        free(huge);
    }
}

static CU_TestInfo kind_tests[] = {
    { "every spelling, with and without extra text", test_kind_of_every_spelling },
    { "a phrase of another code", test_kind_is_per_code },
    { "the considered phrases", test_kind_of_considered },
    { "bad input", test_kind_of_bad_input },
    CU_TEST_INFO_NULL,
};

static CU_TestInfo considered_tests[] = {
    { "each resolves as its row says", test_considered_resolve_as_recorded },
    CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
    { "phrases considered", NULL, NULL, NULL, NULL, considered_tests },
    { "phrase kind in the tool", NULL, NULL, NULL, NULL, kind_tests },
    CU_SUITE_INFO_NULL,
};

int main(void)
{
    return run_suites("test_phrases", suites);
}
