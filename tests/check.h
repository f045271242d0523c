/* SPDX-License-Identifier: MIT */
/* What the CUnit runners in tests/ share: an assertion whose failure message
 * names the row or input that failed, and the run that turns CUnit's counts
 * into exit status 0 or 1 (CU_basic_run_tests() alone does not say whether
 * an assertion or a suite failed). Included once per runner program. */
#ifndef SIPCODE_TESTS_CHECK_H
#define SIPCODE_TESTS_CHECK_H

#include <CUnit/Basic.h>
#include <stdarg.h>
#include <stdio.h>

static void check(int ok, const char *file, int line, const char *fmt, ...)
{
    char msg[512];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    CU_assertImplementation(ok ? CU_TRUE : CU_FALSE, (unsigned)line, msg, file, "", CU_FALSE);
}
#define CHECK(ok, ...) check((ok) != 0, __FILE__, __LINE__, __VA_ARGS__)

/* Registers suites (a CU_SuiteInfo table ending in CU_SUITE_INFO_NULL, the
 * one way every runner declares its tests), runs them, prints "runner: N
 * passed, M failed", cleans up the registry and gives the exit status. */
static int run_suites(const char *runner, CU_SuiteInfo *suites)
{
    unsigned failures;

    if (CU_initialize_registry() != CUE_SUCCESS || CU_register_suites(suites) != CUE_SUCCESS) {
        fprintf(stderr, "%s: cannot register the tests: %s\n", runner, CU_get_error_msg());
        CU_cleanup_registry();
        return 1;
    }
    CU_basic_set_mode(CU_BRM_VERBOSE);
    CU_basic_run_tests();
    failures = CU_get_number_of_failures() + CU_get_number_of_suites_failed() +
               CU_get_number_of_tests_failed();
    printf("\n%s: %u passed, %u failed\n", runner, CU_get_number_of_successes(),
           CU_get_number_of_failures());
    CU_cleanup_registry();
    return failures ? 1 : 0;
}

#endif
