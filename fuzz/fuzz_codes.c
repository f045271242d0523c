/* SPDX-License-Identifier: MIT */
/* Fuzz harness for the integer entry points: sipcode_info, sipcode_phrase,
 * sipcode_effective, sipcode_class, sipcode_class_name, sipcode_standing_name
 * and the SIPCODE_IS_* macros, with ints taken from the fuzz bytes.
 *
 * Each 4-byte chunk is an int (host byte order), checked as it is and folded
 * into -100..923 so that the table's range is hit often; each 8-byte chunk
 * is also a long long for the macros, which must not truncate. The answers
 * are checked against the range rules written here and against the rows of
 * codes.csv (tests/expected.inc). */
#include "sipcode.h"

#include <limits.h>

#include "fuzz.h"
#include "expected.h"

/* The row of each code in 100..699, from codes.csv. */
static const struct expected_row *row_of(int code)
{
    static const struct expected_row *rows[600];
    static int done;
    size_t i;

    if (!done) {
        for (i = 0; i < N_ROWS; i++)
            rows[expected_rows[i].code - 100] = &expected_rows[i];
        done = 1;
    }
    return code >= 100 && code <= 699 ? rows[code - 100] : NULL;
}

/* How many status values have a name: they must be 0..n-1, with at least
 * the four of the registry, so that a new status extends the list. */
static int status_names(void)
{
    static int n = -1;
    int v;

    if (n < 0) {
        for (n = 0; sipcode_standing_name((enum sipcode_standing)n) != NULL; n++)
            ;
        FUZZ_CHECK(n >= 4 && n < 16, "%d status names", n);
        for (v = n; v < 256; v++)
            FUZZ_CHECK(sipcode_standing_name((enum sipcode_standing)v) == NULL,
                       "status %d has a name after a gap", v);
    }
    return n;
}

static int in(long long c, long long lo, long long hi)
{
    return c >= lo && c <= hi;
}

/* The value of an integer of any type as a long long; a huge unsigned value
 * becomes -1, which is in no range either. */
static long long signed_value(long long v)
{
    return v;
}

static long long unsigned_value(unsigned long long u)
{
    return u > (unsigned long long)LLONG_MAX ? -1 : (long long)u;
}

/* The predicates on a value of type T, against plain signed comparisons of
 * its value (VALUE is signed_value or unsigned_value). */
#define CHECK_MACROS(T, v, VALUE)                                                            \
    do {                                                                                     \
        T x_ = (T)(v);                                                                       \
        long long c_ = VALUE(x_);                                                            \
        int once_ = 0;                                                                       \
        FUZZ_CHECK(!SIPCODE_IS_VALID(x_) == !in(c_, 100, 699), "IS_VALID(%lld) " #T, c_);    \
        FUZZ_CHECK(!SIPCODE_IS_PROVISIONAL(x_) == !in(c_, 100, 199), "IS_PROVISIONAL(%lld)", \
                   c_);                                                                      \
        FUZZ_CHECK(!SIPCODE_IS_FINAL(x_) == !in(c_, 200, 699), "IS_FINAL(%lld)", c_);        \
        FUZZ_CHECK(!SIPCODE_IS_SUCCESS(x_) == !in(c_, 200, 299), "IS_SUCCESS(%lld)", c_);    \
        FUZZ_CHECK(!SIPCODE_IS_REDIRECTION(x_) == !in(c_, 300, 399), "IS_REDIRECTION(%lld)", \
                   c_);                                                                      \
        FUZZ_CHECK(!SIPCODE_IS_CLIENT_ERROR(x_) == !in(c_, 400, 499),                        \
                   "IS_CLIENT_ERROR(%lld)", c_);                                             \
        FUZZ_CHECK(!SIPCODE_IS_SERVER_ERROR(x_) == !in(c_, 500, 599),                        \
                   "IS_SERVER_ERROR(%lld)", c_);                                             \
        FUZZ_CHECK(!SIPCODE_IS_GLOBAL_FAILURE(x_) == !in(c_, 600, 699),                      \
                   "IS_GLOBAL_FAILURE(%lld)", c_);                                           \
        FUZZ_CHECK(!SIPCODE_MAY_BE_RELIABLE(x_) == !in(c_, 101, 199),                        \
                   "MAY_BE_RELIABLE(%lld)", c_);                                             \
        (void)SIPCODE_IS_FINAL((once_++, x_));                                               \
        FUZZ_CHECK(once_ == 1, "IS_FINAL evaluated its argument %d times", once_);           \
    } while (0)

static void check_code(int c)
{
    static const char *const class_names[] = { "Provisional", "Success", "Redirection",
                                               "Client Error", "Server Error",
                                               "Global Failure" };
    const struct expected_row *r = row_of(c);
    const struct sipcode_info *info = sipcode_info(c);
    const char *phrase = sipcode_phrase(c);
    enum sipcode_class cls = sipcode_class(c);
    int valid = in(c, 100, 699), eff = sipcode_effective(c), want;

    CHECK_MACROS(int, c, signed_value);
    CHECK_MACROS(unsigned, c, unsigned_value);
    CHECK_MACROS(short, c, signed_value);
    CHECK_MACROS(unsigned short, c, unsigned_value);

    FUZZ_CHECK(cls == (valid ? (enum sipcode_class)(c / 100) : SIPCODE_CLASS_NONE),
               "class of %d is %d", c, (int)cls);
    if (valid) {
        const char *name = sipcode_class_name(cls);
        FUZZ_CHECK(name && strcmp(name, class_names[c / 100 - 1]) == 0, "class name of %d", c);
    } else {
        FUZZ_CHECK(sipcode_class_name(cls) == NULL, "class name of NONE");
    }

    FUZZ_CHECK((info != NULL) == (r != NULL), "%d: in table %d, in codes.csv %d", c,
               info != NULL, r != NULL);
    FUZZ_CHECK((phrase != NULL) == (r != NULL), "%d: phrase presence", c);
    if (r && info && phrase) {
        size_t i;
        FUZZ_CHECK(info->code == c && (int)info->cls == c / 100 && info->final == (c >= 200) &&
                       info->rfc == r->rfc && info->standing == r->standing,
                   "%d: row disagrees with codes.csv", c);
        FUZZ_CHECK(!(info->flags & SIPCODE_FLAG_PHRASE_SHARED) == !r->shares_with,
                   "%d: shared-phrase flag", c);
        FUZZ_CHECK(strcmp(phrase, r->phrase) == 0, "%d: phrase \"%s\"", c, phrase);
        FUZZ_CHECK((int)info->standing < status_names(), "%d: standing %d has no name", c,
                   (int)info->standing);
        FUZZ_CHECK(sipcode_from_phrase(phrase, strlen(phrase)) == r->phrase_code,
                   "%d: its phrase resolves to %d", c, sipcode_from_phrase(phrase, strlen(phrase)));
        for (i = 0; i < N_SPELLINGS; i++)
            if (expected_spellings[i].code == c) {
                const char *s = expected_spellings[i].spelling;
                FUZZ_CHECK(sipcode_from_phrase(s, strlen(s)) == c, "%d: \"%s\"", c, s);
            }
    }

    /* RFC 3261 8.1.3.2, restated. */
    if (!valid)
        want = 0;
    else if (r && r->standing != SIPCODE_STANDING_HISTORIC)
        want = c;
    else
        want = c < 200 ? 183 : c / 100 * 100;
    FUZZ_CHECK(eff == want, "effective(%d) is %d, expected %d", c, eff, want);
    if (valid) {
        const struct sipcode_info *ei = sipcode_info(eff);
        FUZZ_CHECK(ei && ei->standing != SIPCODE_STANDING_HISTORIC, "effective(%d) = %d unregistered",
                   c, eff);
        FUZZ_CHECK(sipcode_effective(eff) == eff && sipcode_class(eff) == cls,
                   "effective(%d) = %d is not a fixed point of its class", c, eff);
    }

    /* The same int as an enum value: names only for the declared values. */
    FUZZ_CHECK((sipcode_class_name((enum sipcode_class)c) != NULL) == in(c, 1, 6),
               "class name of %d", c);
    FUZZ_CHECK((sipcode_standing_name((enum sipcode_standing)c) != NULL) ==
                   in(c, 0, status_names() - 1), "status name of %d", c);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *buf = fuzz_copy(data, size);
    size_t i;

    FUZZ_CHECK(strcmp(sipcode_version(), SIPCODE_VERSION) == 0, "linked library %s, header %s",
               sipcode_version(), SIPCODE_VERSION);
    for (i = 0; i + 4 <= size; i += 4) {
        int c;
        memcpy(&c, buf + i, sizeof c);
        check_code(c);
        check_code((int)((unsigned)c % 1024u) - 100);
    }
    for (i = 0; i + 8 <= size; i += 8) {
        long long w;
        memcpy(&w, buf + i, sizeof w);
        CHECK_MACROS(long long, w, signed_value);
        CHECK_MACROS(unsigned long long, w, unsigned_value);
        CHECK_MACROS(signed char, w, signed_value);
        CHECK_MACROS(unsigned char, w, unsigned_value);
    }
    free(buf);
    return 0;
}
