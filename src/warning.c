/* SPDX-License-Identifier: MIT
 * Warning codes (RFC 3261 section 20.43): the text of each code in the IANA
 * "Warning Codes (warn-codes)" registry, from warn-codes.csv through
 * gen/warn_gen.py. One range check and two loads, like the code table. */
#include "sipcode.h"

#include "warn_table.inc"

const char *sipcode_warning_text(int code)
{
    unsigned u = (unsigned)code - 300u; /* rejects negatives and INT_MIN too */
    unsigned at;

    if (u >= sizeof sipcode_warn_at / sizeof sipcode_warn_at[0])
        return NULL;
    at = sipcode_warn_at[u];
    return at ? sipcode_warn_pool + at : NULL;
}
