/* SPDX-License-Identifier: MIT */
/* The gateway mapping behind the Q.850 block of include/sipcode.h: dense
 * arrays over causes and codes that gen/q850_gen.py makes from q850.csv, with
 * the RFC's defaults already filled in, so each lookup is a range check and
 * a load. */
#include "sipcode.h"

/* A status RFC 3398 gives instead of a cause's usual one when the caller's
 * flag says the condition holds. */
struct sipcode_q850_exception {
    unsigned flag;
    unsigned char cause;
    unsigned short status;
};

#include "q850_table.inc"

int sipcode_from_q850(int cause, unsigned flags)
{
    /* One unsigned compare rejects 0, negatives, INT_MIN and >= 128 alike. */
    unsigned u = (unsigned)cause - 1u;
    size_t i;

    if (u >= 127u)
        return SIPCODE_E_RANGE;
    /* A fixed handful of entries (two today): constant time, and a new
     * condition in q850.csv needs no new code here. */
    for (i = 0; i < sizeof sipcode_q850_exceptions / sizeof sipcode_q850_exceptions[0]; i++)
        if ((flags & sipcode_q850_exceptions[i].flag) && sipcode_q850_exceptions[i].cause == cause)
            return sipcode_q850_exceptions[i].status;
    return sipcode_q850_status[cause];
}

int sipcode_to_q850(int code)
{
    unsigned u = (unsigned)code - 100u;

    return u < 600u ? sipcode_q850_cause[u] : SIPCODE_E_RANGE;
}

const char *sipcode_q850_name(int cause)
{
    unsigned u = (unsigned)cause;
    unsigned at;

    if (u >= 128u)
        return NULL;
    at = sipcode_q850_name_at[u];
    return at ? sipcode_q850_pool + at : NULL;
}
