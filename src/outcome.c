/* SPDX-License-Identifier: MIT
 * Outcome groups of a session attempt and the roles of a final code in the
 * RFC 6076 metrics, from outcomes.csv through gen/outcome_gen.py: dense
 * arrays over 100..699, so each lookup is a range check and a load. The
 * contract is in include/sipcode.h. */
#include "sipcode.h"

/* A group row that applies only when the caller's flag says its condition
 * held (a CANCEL was sent). */
struct sipcode_outcome_condition {
    unsigned flag;
    unsigned short code;
    unsigned char outcome;
};

#include "outcome_table.inc"

enum sipcode_outcome sipcode_outcome(int code, unsigned flags)
{
    unsigned u = (unsigned)code - 100u;
    size_t i;

    if (code == 0)
        return (enum sipcode_outcome)sipcode_outcome_timeout;
    if (u >= 600u)
        return SIPCODE_OUTCOME_NONE;
    /* A fixed handful of rows (one today): constant time, and a new
     * condition in outcomes.csv needs no new code here. */
    for (i = 0; i < sizeof sipcode_outcome_conditions / sizeof sipcode_outcome_conditions[0]; i++)
        if ((flags & sipcode_outcome_conditions[i].flag) &&
            sipcode_outcome_conditions[i].code == code)
            return (enum sipcode_outcome)sipcode_outcome_conditions[i].outcome;
    return (enum sipcode_outcome)sipcode_outcome_of[u];
}

const char *sipcode_outcome_name(enum sipcode_outcome outcome)
{
    unsigned u = (unsigned)outcome;

    if (u == 0 || u >= sizeof sipcode_outcome_name_at)
        return NULL;
    return sipcode_outcome_pool + sipcode_outcome_name_at[u];
}

unsigned sipcode_metric_roles(int code)
{
    unsigned u = (unsigned)code - 100u;

    if (code == 0)
        return sipcode_metric_timeout;
    return u < 600u ? sipcode_metric_of[u] : 0u;
}
