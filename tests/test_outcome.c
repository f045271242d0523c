/* SPDX-License-Identifier: MIT
 * CUnit tests of sipcode_outcome(), sipcode_outcome_name() and
 * sipcode_metric_roles(), driven by outcomes.csv: tests/outcome_expected.inc
 * lists what each row claims, so every claim is checked through the API and
 * nothing else answers; the RFC 6076 lists and the groups the project
 * defines are pinned as facts, so that a CSV that lost them cannot pass on
 * its own terms. A failed assertion names the outcomes.csv line.
 *
 *   test_outcome    (exits 0 when every assertion passed, 1 otherwise) */
#include "sipcode.h"

#include <CUnit/Basic.h>
#include <limits.h>
#include <string.h>

#include "check.h"

struct outcome_row {
    int code; /* 0: timeout */
    unsigned flags;
    enum sipcode_outcome outcome;
    int line; /* in outcomes.csv */
};

struct metric_row {
    int code;
    unsigned bit;
    int line;
};

#include "outcome_expected.inc"

#define COUNT(a) (sizeof (a) / sizeof (a)[0])

static const int bad_codes[] = { INT_MIN, -100, -1, 1, 99, 700, 701, 999, 65536 + 486, INT_MAX };

static void test_every_claim(void)
{
    size_t i;

    for (i = 0; i < COUNT(expected_outcomes); i++) {
        const struct outcome_row *r = &expected_outcomes[i];
        enum sipcode_outcome got = sipcode_outcome(r->code, r->flags);
        CHECK(got == r->outcome, "outcomes.csv:%d: %d flags %#x gives %d, expected %d", r->line,
              r->code, r->flags, got, r->outcome);
    }
    for (i = 0; i < COUNT(expected_metrics); i++) {
        const struct metric_row *r = &expected_metrics[i];
        CHECK(sipcode_metric_roles(r->code) & r->bit, "outcomes.csv:%d: %d lacks bit %#x",
              r->line, r->code, r->bit);
    }
}

/* No bit and no group that no row claims: over 0..699 and the extremes. */
static void test_nothing_else(void)
{
    int code;
    size_t i;

    for (code = 0; code <= 699; code++) {
        unsigned want = 0, got = sipcode_metric_roles(code);
        int plain = 0;
        for (i = 0; i < COUNT(expected_metrics); i++)
            if (expected_metrics[i].code == code)
                want |= expected_metrics[i].bit;
        CHECK(got == want, "%d has metric bits %#x, expected %#x", code, got, want);
        for (i = 0; i < COUNT(expected_outcomes); i++)
            plain += expected_outcomes[i].code == code && expected_outcomes[i].flags == 0;
        if (code == 0 || code >= 200)
            CHECK(plain == 1, "%d is claimed by %d plain group rows", code, plain);
        else
            CHECK(plain == 0 && sipcode_outcome(code, ~0u) == SIPCODE_OUTCOME_NONE,
                  "%d (not final) has a group", code);
    }
    for (i = 0; i < COUNT(bad_codes); i++) {
        CHECK(sipcode_outcome(bad_codes[i], 0) == SIPCODE_OUTCOME_NONE &&
                  sipcode_outcome(bad_codes[i], ~0u) == SIPCODE_OUTCOME_NONE,
              "%d has a group", bad_codes[i]);
        CHECK(sipcode_metric_roles(bad_codes[i]) == 0, "%d has metric bits", bad_codes[i]);
    }
}

/* Flags that name no condition change nothing; the cancel flag changes 487 only. */
static void test_flags(void)
{
    int code;

    for (code = 0; code <= 699; code++) {
        enum sipcode_outcome plain = sipcode_outcome(code, 0);
        CHECK(sipcode_outcome(code, ~SIPCODE_OUTCOME_CANCEL_SENT) == plain,
              "%d: undefined flag bits change the group", code);
        if (code != SIPCODE_REQUEST_TERMINATED)
            CHECK(sipcode_outcome(code, SIPCODE_OUTCOME_CANCEL_SENT) == plain,
                  "%d: the cancel flag changes the group", code);
    }
}

static void test_names(void)
{
    int i, j;

    CHECK(sipcode_outcome_name(SIPCODE_OUTCOME_NONE) == NULL, "NONE has a name");
    CHECK(sipcode_outcome_name((enum sipcode_outcome)(SIPCODE_OUTCOME_COUNT + 1)) == NULL,
          "COUNT + 1 has a name");
    CHECK(sipcode_outcome_name((enum sipcode_outcome)-1) == NULL, "-1 has a name");
    for (i = 1; i <= SIPCODE_OUTCOME_COUNT; i++) {
        const char *a = sipcode_outcome_name((enum sipcode_outcome)i);
        CHECK(a && *a, "group %d has no name", i);
        for (j = 1; a && j < i; j++)
            CHECK(strcmp(a, sipcode_outcome_name((enum sipcode_outcome)j)) != 0,
                  "groups %d and %d share the name %s", i, j, a);
    }
    CHECK(strcmp(sipcode_outcome_name(SIPCODE_OUTCOME_BUSY), "busy") == 0, "busy");
    CHECK(strcmp(sipcode_outcome_name(SIPCODE_OUTCOME_CHALLENGED_ABANDONED),
                 "challenged-abandoned") == 0,
          "challenged-abandoned");
}

/* The groups the project defines for session attempts. */
static void test_group_facts(void)
{
    static const struct {
        int code;
        unsigned flags;
        enum sipcode_outcome want;
    } facts[] = {
        { 200, 0, SIPCODE_OUTCOME_ANSWERED },
        { 202, 0, SIPCODE_OUTCOME_ANSWERED },
        { 299, 0, SIPCODE_OUTCOME_ANSWERED },
        { 302, 0, SIPCODE_OUTCOME_REDIRECTED },
        { 486, 0, SIPCODE_OUTCOME_BUSY },
        { 600, 0, SIPCODE_OUTCOME_BUSY },
        { 403, 0, SIPCODE_OUTCOME_REJECTED },
        { 603, 0, SIPCODE_OUTCOME_REJECTED },
        { 607, 0, SIPCODE_OUTCOME_REJECTED },
        { 608, 0, SIPCODE_OUTCOME_REJECTED },
        { 487, SIPCODE_OUTCOME_CANCEL_SENT, SIPCODE_OUTCOME_CANCELLED },
        { 487, 0, SIPCODE_OUTCOME_OTHER_FAILURE },
        { 404, 0, SIPCODE_OUTCOME_NOT_FOUND },
        { 604, 0, SIPCODE_OUTCOME_NOT_FOUND },
        { 401, 0, SIPCODE_OUTCOME_CHALLENGED_ABANDONED },
        { 407, 0, SIPCODE_OUTCOME_CHALLENGED_ABANDONED },
        { 480, 0, SIPCODE_OUTCOME_OTHER_FAILURE },
        { 503, 0, SIPCODE_OUTCOME_OTHER_FAILURE },
        { 499, 0, SIPCODE_OUTCOME_OTHER_FAILURE },
        { 0, 0, SIPCODE_OUTCOME_NO_FINAL_RESPONSE },
        { 183, 0, SIPCODE_OUTCOME_NONE },
    };
    size_t i;

    for (i = 0; i < COUNT(facts); i++) {
        enum sipcode_outcome got = sipcode_outcome(facts[i].code, facts[i].flags);
        CHECK(got == facts[i].want, "%d flags %#x gives %d, expected %d", facts[i].code,
              facts[i].flags, got, facts[i].want);
    }
}

/* RFC 6076 section 4's lists, written out from the RFC. */
static void test_rfc6076_facts(void)
{
    static const int seer[] = { 200, 480, 486, 600, 603 };
    static const int isa[] = { 408, 500, 503, 504 };
    int code;
    size_t i;

    for (code = 100; code <= 699; code++) {
        unsigned r = sipcode_metric_roles(code);
        int in_seer = 0, in_isa = 0;
        int ira = (code >= 400 && code != 401 && code != 402 && code != 407);
        for (i = 0; i < COUNT(seer); i++)
            in_seer |= seer[i] == code;
        for (i = 0; i < COUNT(isa); i++)
            in_isa |= isa[i] == code;
        CHECK(!(r & SIPCODE_METRIC_SER_NUMERATOR) == (code != 200), "4.6 SER numerator %d", code);
        CHECK(!(r & SIPCODE_METRIC_SER_EXCLUDED) == !SIPCODE_IS_REDIRECTION(code),
              "4.6 SER denominator %d", code);
        CHECK(!(r & SIPCODE_METRIC_SEER_NUMERATOR) == !in_seer, "4.7 SEER numerator %d", code);
        CHECK(!(r & SIPCODE_METRIC_SEER_EXCLUDED) == !SIPCODE_IS_REDIRECTION(code),
              "4.7 SEER denominator %d", code);
        CHECK(!(r & SIPCODE_METRIC_ISA_NUMERATOR) == !in_isa, "4.8 ISA numerator %d", code);
        CHECK(!(r & SIPCODE_METRIC_IRA_NUMERATOR) == !ira, "4.2 IRA numerator %d", code);
    }
    CHECK(sipcode_metric_roles(0) == SIPCODE_METRIC_IRA_NUMERATOR,
          "4.2: a REGISTER timeout is ineffective; no INVITE list names a timeout");
}

static CU_TestInfo outcome_tests[] = {
    { "every claim of outcomes.csv", test_every_claim },
    { "nothing else", test_nothing_else },
    { "flags", test_flags },
    { "names", test_names },
    { "group facts", test_group_facts },
    { "RFC 6076 facts", test_rfc6076_facts },
    CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
    { "Outcome groups and RFC 6076 metric roles", NULL, NULL, NULL, NULL, outcome_tests },
    CU_SUITE_INFO_NULL,
};

int main(void)
{
    return run_suites("test_outcome", suites);
}
