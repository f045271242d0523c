/* SPDX-License-Identifier: MIT
 * CUnit tests of sipcode_warning_text(), driven by warn-codes.csv:
 * tests/warn_expected.inc holds its rows as plain data, so every row is
 * checked through the API, every other int of 300..399 and the ints around
 * it must give NULL. A failed assertion names the warn-codes.csv line.
 *
 *   test_warn       (exits 0 when every assertion passed, 1 otherwise) */
#include "sipcode.h"

#include <CUnit/Basic.h>
#include <limits.h>
#include <string.h>

#include "check.h"

struct warn_row {
    int code;
    const char *text;
    int line; /* in warn-codes.csv */
};

#include "warn_expected.inc"

#define COUNT(a) (sizeof (a) / sizeof (a)[0])

static const struct warn_row *row_of(int code)
{
    size_t i;

    for (i = 0; i < COUNT(expected_warnings); i++)
        if (expected_warnings[i].code == code)
            return &expected_warnings[i];
    return NULL;
}

static void test_every_row(void)
{
    size_t i;

    CHECK(COUNT(expected_warnings) == SIPCODE_WARN_COUNT, "%lu rows, SIPCODE_WARN_COUNT %d",
          (unsigned long)COUNT(expected_warnings), SIPCODE_WARN_COUNT);
    for (i = 0; i < COUNT(expected_warnings); i++) {
        const struct warn_row *r = &expected_warnings[i];
        const char *got = sipcode_warning_text(r->code);
        CHECK(got && strcmp(got, r->text) == 0, "warn-codes.csv:%d: %d gives %s, expected %s",
              r->line, r->code, got ? got : "NULL", r->text);
    }
}

/* Every int from 0 to 999 and the extremes: a text exactly for the rows. */
static void test_holes(void)
{
    static const int far[] = { INT_MIN, INT_MIN + 300, -399, -300, -1, 65536 + 300,
                               INT_MAX - 1, INT_MAX };
    int code, found = 0;
    size_t i;

    for (code = 0; code <= 999; code++) {
        const char *got = sipcode_warning_text(code);
        CHECK((got != NULL) == (row_of(code) != NULL), "%d gives %s", code, got ? got : "NULL");
        found += got != NULL;
    }
    CHECK(found == SIPCODE_WARN_COUNT, "%d codes found", found);
    for (i = 0; i < COUNT(far); i++)
        CHECK(sipcode_warning_text(far[i]) == NULL, "%d gives a text", far[i]);
}

/* Facts of RFC 3261 section 20.43 pinned, so that a CSV that lost them
 * cannot pass on its own terms. */
static void test_facts(void)
{
    const char *m = sipcode_warning_text(SIPCODE_WARN_MISCELLANEOUS_WARNING);

    CHECK(SIPCODE_WARN_MISCELLANEOUS_WARNING == 399, "399 constant");
    CHECK(m && strcmp(m, "Miscellaneous warning") == 0, "399 text");
    CHECK(SIPCODE_WARN_INCOMPATIBLE_NETWORK_PROTOCOL == 300, "300 constant");
    CHECK(SIPCODE_WARN_INSUFFICIENT_BANDWIDTH == 370, "370 constant");
    CHECK(sipcode_warning_text(370) && strcmp(sipcode_warning_text(370), "Insufficient bandwidth") == 0,
          "370 text");
    CHECK(sipcode_warning_text(309) == NULL && sipcode_warning_text(398) == NULL, "unassigned");
    CHECK(strlen(SIPCODE_WARN_REGISTRY_DATE) == 10, "registry date %s", SIPCODE_WARN_REGISTRY_DATE);
}

static CU_TestInfo warn_tests[] = {
    { "every row", test_every_row },
    { "holes", test_holes },
    { "facts", test_facts },
    CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
    { "Warning codes", NULL, NULL, NULL, NULL, warn_tests },
    CU_SUITE_INFO_NULL,
};

int main(void)
{
    return run_suites("test_warn", suites);
}
