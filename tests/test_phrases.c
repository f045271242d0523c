/* SPDX-License-Identifier: MIT
 *
 * CUnit tests of the phrases that products send and that are deliberately
 * not aliases (phrases-considered.csv, as plain data in tests/considered.inc):
 * each gives what its row says, 0 or another code, and never the code it
 * was rejected for. A failed assertion names the line of the CSV.
 *
 *   test_phrases    (exits 0 when every assertion passed, 1 otherwise) */
#include "sipcode.h"

#include <CUnit/Basic.h>
#include <stdio.h>
#include <string.h>

#include "check.h"

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

static CU_TestInfo considered_tests[] = {
    { "each resolves as its row says", test_considered_resolve_as_recorded },
    CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
    { "phrases considered", NULL, NULL, NULL, NULL, considered_tests },
    CU_SUITE_INFO_NULL,
};

int main(void)
{
    if (CU_initialize_registry() != CUE_SUCCESS || CU_register_suites(suites) != CUE_SUCCESS) {
        fprintf(stderr, "test_phrases: cannot register the tests: %s\n", CU_get_error_msg());
        CU_cleanup_registry();
        return 1;
    }
    return run_registered_tests("test_phrases");
}
