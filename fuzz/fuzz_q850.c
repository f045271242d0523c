/* SPDX-License-Identifier: MIT */
/* Fuzz harness for the RFC 3398 mapping: sipcode_from_q850(),
 * sipcode_to_q850() and sipcode_q850_name(), with ints and flags taken from
 * the fuzz bytes (host byte order, 4 bytes each).
 *
 * Checks the contract in sipcode.h: 0 outside the ranges; a status is 0
 * only for causes 16 and 44 and otherwise a final code of the table; flags
 * other than the two defined bits change nothing, and the defined ones only
 * for causes 21 and 22; a cause is 0 only for 487 and outside 400..699, and
 * otherwise a value Q.850 names. */
#include "sipcode.h"

#include "fuzz.h"

static void check_cause(int cause, unsigned flags)
{
    int status = sipcode_from_q850(cause, flags);
    const char *name = sipcode_q850_name(cause);
    int valid = cause >= 1 && cause <= 127;

    FUZZ_CHECK(valid || (status == SIPCODE_E_RANGE && name == NULL), "cause %d outside 1..127 answers",
               cause);
    if (!valid)
        return;
    FUZZ_CHECK((status == 0) == (cause == 16 || cause == 44), "cause %d gives %d", cause, status);
    if (status)
        FUZZ_CHECK(sipcode_info(status) != NULL && SIPCODE_IS_FINAL(status),
                   "cause %d gives %d, not a final code of the table", cause, status);
    FUZZ_CHECK(status == sipcode_from_q850(cause, flags & 3u), "cause %d: undefined flag bits %#x",
               cause, flags);
    if (cause != 21 && cause != 22)
        FUZZ_CHECK(status == sipcode_from_q850(cause, 0), "cause %d: flags %#x changed it", cause,
                   flags);
    if (cause == 21 && (flags & SIPCODE_Q850_LOCATION_USER))
        FUZZ_CHECK(status == 603, "21 with location user gives %d", status);
    if (cause == 22 && (flags & SIPCODE_Q850_NEW_NUMBER))
        FUZZ_CHECK(status == 301, "22 with a new number gives %d", status);
}

static void check_code(int code)
{
    int cause = sipcode_to_q850(code);

    if (code < 100 || code > 699) {
        FUZZ_CHECK(cause == SIPCODE_E_RANGE, "%d outside 100..699 gives %d", code, cause);
        return;
    }
    if (code < 400 || code == 487) {
        FUZZ_CHECK(cause == 0, "%d gives cause %d", code, cause);
        return;
    }
    FUZZ_CHECK(cause >= 1 && cause <= 127 && sipcode_q850_name(cause) != NULL,
               "%d gives cause %d, which Q.850 does not name", code, cause);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *buf = fuzz_copy(data, size);
    size_t i;

    for (i = 0; i + 4 <= size; i += 4) {
        int v;
        unsigned flags;
        memcpy(&v, buf + i, sizeof v);
        flags = (unsigned)v >> 7;
        check_cause(v, flags);
        check_cause((int)((unsigned)v % 160u) - 16, flags);
        check_code(v);
        check_code((int)((unsigned)v % 1024u) - 100);
    }
    free(buf);
    return 0;
}
