/* SPDX-License-Identifier: MIT */
/* CUnit tests of the gateway mapping (SIP status <-> Q.850 cause), driven by
 * q850.csv: tests/q850_expected.inc holds its rows as plain data, so every
 * row of both RFC 3398 tables, both defaults and every name are checked
 * through the API against the CSV, not against the dense arrays the API
 * reads. A failed assertion names the q850.csv line or the input.
 *
 *   test_q850       (exits 0 when every assertion passed, 1 otherwise) */
#include "sipcode.h"

#include <CUnit/Basic.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "check.h"

struct q850_row {
    int cause;     /* 0: the RFC gives none */
    int code;      /* 0: no status is sent */
    unsigned flag; /* SIPCODE_Q850_..., 0 for the plain answer */
    int line;      /* in q850.csv */
};

struct q850_name {
    int cause;
    const char *name;
};

#include "q850_expected.inc"

#define COUNT(a) (sizeof (a) / sizeof (a)[0])

static const unsigned all_flags[] = { SIPCODE_Q850_LOCATION_USER, SIPCODE_Q850_NEW_NUMBER };

static const int bad_causes[] = { INT_MIN, INT_MIN + 1, -128, -127, -1, 0, 128, 129, 255, 256,
                                  383, 1000, 65537, INT_MAX - 1, INT_MAX };
static const int bad_codes[] = { INT_MIN, INT_MIN + 100, -600, -100, -1, 0, 1, 99, 700, 701,
                                 999, 65536 + 486, INT_MAX - 1, INT_MAX };

/* The plain cause-to-sip row of a cause, or NULL when the table lists none. */
static const struct q850_row *plain_row(int cause)
{
    size_t i;

    for (i = 0; i < COUNT(expected_to_sip); i++)
        if (expected_to_sip[i].cause == cause && expected_to_sip[i].flag == 0)
            return &expected_to_sip[i];
    return NULL;
}

static const struct q850_row *flag_row(int cause, unsigned flag)
{
    size_t i;

    for (i = 0; i < COUNT(expected_to_sip); i++)
        if (expected_to_sip[i].cause == cause && expected_to_sip[i].flag == flag)
            return &expected_to_sip[i];
    return NULL;
}

static const struct q850_row *cause_row(int code)
{
    size_t i;

    for (i = 0; i < COUNT(expected_to_cause); i++)
        if (expected_to_cause[i].code == code)
            return &expected_to_cause[i];
    return NULL;
}

static const char *name_of(int cause)
{
    size_t i;

    for (i = 0; i < COUNT(expected_names); i++)
        if (expected_names[i].cause == cause)
            return expected_names[i].name;
    return NULL;
}

/* ------------------------------------------------------ cause -> status */

static void test_every_cause_to_sip_row(void)
{
    size_t i;

    for (i = 0; i < COUNT(expected_to_sip); i++) {
        const struct q850_row *r = &expected_to_sip[i];
        int got = sipcode_from_q850(r->cause, r->flag);
        CHECK(got == r->code, "q850.csv:%d: cause %d flags %#x gives %d, expected %d", r->line,
              r->cause, r->flag, got, r->code);
    }
}

/* Every cause in 1..127 under every combination of flags: the row for the
 * flag that applies, else the plain row, else the default. */
static void test_every_cause_every_flag(void)
{
    unsigned combo;
    int cause;
    size_t f;

    for (cause = 1; cause <= 127; cause++) {
        const struct q850_row *plain = plain_row(cause);
        for (combo = 0; combo < 1u << COUNT(all_flags); combo++) {
            unsigned flags = 0;
            int want = plain ? plain->code : expected_default_status, got;
            for (f = 0; f < COUNT(all_flags); f++)
                if (combo & 1u << f)
                    flags |= all_flags[f];
            for (f = 0; f < COUNT(all_flags); f++) {
                const struct q850_row *r = flag_row(cause, all_flags[f]);
                if (r && (flags & all_flags[f]))
                    want = r->code;
            }
            got = sipcode_from_q850(cause, flags);
            CHECK(got == want, "cause %d flags %#x gives %d, expected %d", cause, flags, got, want);
            /* Bits the API does not define change nothing. */
            got = sipcode_from_q850(cause, flags | ~(SIPCODE_Q850_LOCATION_USER |
                                                     SIPCODE_Q850_NEW_NUMBER));
            CHECK(got == want, "cause %d with undefined flag bits gives %d, expected %d", cause,
                  got, want);
        }
    }
}

/* The facts the issue names, pinned, so that a q850.csv that lost them
 * cannot pass on its own terms. */
static void test_rfc_facts_cause_to_sip(void)
{
    CHECK(expected_default_status == 500, "default status in q850.csv is %d",
          expected_default_status);
    CHECK(sipcode_from_q850(17, 0) == SIPCODE_BUSY_HERE, "17 user busy");
    CHECK(sipcode_from_q850(16, 0) == 0, "16 normal clearing sends no status");
    CHECK(sipcode_from_q850(16, ~0u) == 0, "16 sends no status whatever the flags");
    CHECK(sipcode_from_q850(44, 0) == 0, "44 sends no status");
    CHECK(sipcode_from_q850(21, 0) == SIPCODE_FORBIDDEN, "21 call rejected gives 403");
    CHECK(sipcode_from_q850(21, SIPCODE_Q850_LOCATION_USER) == SIPCODE_DECLINE,
          "21 from the user gives 603");
    CHECK(sipcode_from_q850(21, SIPCODE_Q850_NEW_NUMBER) == SIPCODE_FORBIDDEN,
          "the new-number flag leaves 21 alone");
    CHECK(sipcode_from_q850(22, 0) == SIPCODE_GONE, "22 number changed gives 410");
    CHECK(sipcode_from_q850(22, SIPCODE_Q850_NEW_NUMBER) == SIPCODE_MOVED_PERMANENTLY,
          "22 with the new number gives 301");
    CHECK(sipcode_from_q850(22, SIPCODE_Q850_LOCATION_USER) == SIPCODE_GONE,
          "the location flag leaves 22 alone");
    CHECK(sipcode_from_q850(127, 0) == 500, "127 interworking");
    CHECK(sipcode_from_q850(10, 0) == 500, "10, which Q.850 does not define, gets the default");
    CHECK(sipcode_from_q850(24, 0) == 500, "24, which the RFC does not list, gets the default");
}

static void test_cause_outside_range(void)
{
    size_t i, f;

    for (i = 0; i < COUNT(bad_causes); i++)
        for (f = 0; f < 3; f++) {
            unsigned flags = f == 2 ? ~0u : f ? all_flags[0] : 0u;
            int got = sipcode_from_q850(bad_causes[i], flags);
            CHECK(got == SIPCODE_E_RANGE, "cause %d flags %#x gives %d, expected SIPCODE_E_RANGE",
                  bad_causes[i], flags, got);
        }
}

/* ------------------------------------------------------ status -> cause */

static void test_every_sip_to_cause_row(void)
{
    size_t i;

    for (i = 0; i < COUNT(expected_to_cause); i++) {
        const struct q850_row *r = &expected_to_cause[i];
        int got = sipcode_to_q850(r->code);
        CHECK(got == r->cause, "q850.csv:%d: code %d gives cause %d, expected %d", r->line,
              r->code, got, r->cause);
    }
}

/* Every code in 100..699: its row, else the default for a failure response,
 * else 0 for 1xx-3xx. */
static void test_every_code(void)
{
    int code, unlisted_registered = 0;

    for (code = 100; code <= 699; code++) {
        const struct q850_row *r = cause_row(code);
        int want = r ? r->cause : code >= 400 ? expected_default_cause : 0;
        int got = sipcode_to_q850(code);
        CHECK(got == want, "code %d gives cause %d, expected %d", code, got, want);
        if (!r && code >= 400 && sipcode_info(code))
            unlisted_registered++;
    }
    /* Codes registered after RFC 3398 (417, 429, 603 ... 608) take the default. */
    CHECK(unlisted_registered >= 20, "only %d codes of the table are unlisted 4xx-6xx",
          unlisted_registered);
    CHECK(sipcode_to_q850(SIPCODE_ANONYMITY_DISALLOWED) == 31, "433 (RFC 5079) gives 31");
    CHECK(sipcode_to_q850(SIPCODE_REJECTED) == 31, "608 (RFC 8688) gives 31");
}

static void test_rfc_facts_sip_to_cause(void)
{
    CHECK(expected_default_cause == 31, "default cause in q850.csv is %d", expected_default_cause);
    CHECK(sipcode_to_q850(486) == 17, "486 busy here");
    CHECK(sipcode_to_q850(487) == 0, "487 has no mapping");
    CHECK(sipcode_to_q850(488) == 31, "488 depends on the Warning header: 31");
    CHECK(sipcode_to_q850(606) == 31, "606 depends on the Warning header: 31");
    CHECK(sipcode_to_q850(404) == 1, "404 unallocated number");
    CHECK(sipcode_to_q850(603) == 21, "603 call rejected");
    CHECK(sipcode_to_q850(100) == 0 && sipcode_to_q850(183) == 0 && sipcode_to_q850(199) == 0,
          "1xx is not a release");
    CHECK(sipcode_to_q850(200) == 0 && sipcode_to_q850(202) == 0, "2xx is not a release");
    CHECK(sipcode_to_q850(301) == 0 && sipcode_to_q850(380) == 0, "3xx is not a release");
    CHECK(sipcode_to_q850(499) == 31 && sipcode_to_q850(599) == 31 && sipcode_to_q850(699) == 31,
          "unregistered failure codes get the default");
}

/* The RFC's table prints "504 Version Not Supported -> 127"; it means 505. */
static void test_505_correction(void)
{
    const struct q850_row *r504 = cause_row(504), *r505 = cause_row(505);

    CHECK(r505 && r505->cause == 127, "q850.csv has a row 505 -> 127");
    CHECK(r504 && r504->cause == 102, "q850.csv keeps 504 -> 102");
    CHECK(sipcode_to_q850(SIPCODE_VERSION_NOT_SUPPORTED) == 127, "505 gives 127");
    CHECK(sipcode_to_q850(SIPCODE_SERVER_TIMEOUT) == 102, "504 gives 102");
}

static void test_code_outside_range(void)
{
    size_t i;

    for (i = 0; i < COUNT(bad_codes); i++) {
        int got = sipcode_to_q850(bad_codes[i]);
        CHECK(got == SIPCODE_E_RANGE, "code %d gives cause %d, expected SIPCODE_E_RANGE",
              bad_codes[i], got);
    }
}

/* ------------------------------------------------------------- names */

static void test_every_name(void)
{
    int cause;

    /* Pinned: ITU-T Q.850 names 71 of its 127 cause values; only a new
     * edition of the standard moves it, not a SIP table update. */
    CHECK(COUNT(expected_names) == 71, "q850.csv names %u causes, Q.850 defines 71",
          (unsigned)COUNT(expected_names));
    for (cause = 0; cause <= 127; cause++) {
        const char *want = name_of(cause), *got = sipcode_q850_name(cause);
        if (want)
            CHECK(got && strcmp(got, want) == 0, "cause %d is named \"%s\", expected \"%s\"",
                  cause, got ? got : "(null)", want);
        else
            CHECK(got == NULL, "cause %d, which Q.850 does not define, is named \"%s\"", cause,
                  got ? got : "(null)");
    }
    CHECK(sipcode_q850_name(17) && strcmp(sipcode_q850_name(17), "User busy") == 0, "17");
    CHECK(sipcode_q850_name(127) && strcmp(sipcode_q850_name(127), "Interworking, unspecified") == 0,
          "127");
}

/* A gateway logs the name of every cause it maps, so each needs one. */
static void test_mapped_causes_have_names(void)
{
    size_t i;

    for (i = 0; i < COUNT(expected_to_sip); i++)
        CHECK(sipcode_q850_name(expected_to_sip[i].cause) != NULL,
              "q850.csv:%d: cause %d has no name", expected_to_sip[i].line,
              expected_to_sip[i].cause);
    for (i = 0; i < COUNT(expected_to_cause); i++)
        if (expected_to_cause[i].cause)
            CHECK(sipcode_q850_name(expected_to_cause[i].cause) != NULL,
                  "q850.csv:%d: cause %d has no name", expected_to_cause[i].line,
                  expected_to_cause[i].cause);
}

static void test_name_outside_range(void)
{
    size_t i;

    for (i = 0; i < COUNT(bad_causes); i++)
        CHECK(sipcode_q850_name(bad_causes[i]) == NULL, "cause %d has a name", bad_causes[i]);
}

/* --------------------------------------------------------------- runner */

static CU_TestInfo cause_to_sip_tests[] = {
    { "every row of RFC 3398 7.2.4.1", test_every_cause_to_sip_row },
    { "every cause under every flag", test_every_cause_every_flag },
    { "RFC facts: defaults, 16, 44, 21, 22", test_rfc_facts_cause_to_sip },
    { "ints outside 1..127", test_cause_outside_range },
    CU_TEST_INFO_NULL,
};

static CU_TestInfo sip_to_cause_tests[] = {
    { "every row of RFC 3398 8.2.6.1", test_every_sip_to_cause_row },
    { "every code in 100..699", test_every_code },
    { "RFC facts: default, 487, 488, 606, 1xx-3xx", test_rfc_facts_sip_to_cause },
    { "505, printed as 504 in the RFC", test_505_correction },
    { "ints outside 100..699", test_code_outside_range },
    CU_TEST_INFO_NULL,
};

static CU_TestInfo name_tests[] = {
    { "every cause in 0..127", test_every_name },
    { "every mapped cause has a name", test_mapped_causes_have_names },
    { "ints outside 1..127", test_name_outside_range },
    CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
    { "cause -> status", NULL, NULL, NULL, NULL, cause_to_sip_tests },
    { "status -> cause", NULL, NULL, NULL, NULL, sip_to_cause_tests },
    { "cause names", NULL, NULL, NULL, NULL, name_tests },
    CU_SUITE_INFO_NULL,
};

int main(void)
{
    return run_suites("test_q850", suites);
}
