/* SPDX-License-Identifier: MIT */
/* The lookups behind include/sipcode.h, over the tables that
 * gen/sipcode_gen.py makes from codes.csv: a dense index for code -> row and a
 * gperf perfect hash for normalised phrase -> code. */
#include "sipcode.h"

#include <string.h>

/* gperf emits the lookup without linkage; declaring it static first keeps it
 * private to this file. */
struct sipcode_phrase_entry;
static const struct sipcode_phrase_entry *sipcode_phrase_lookup(const char *str, size_t len);

#include "code_table.inc"
#include "phrase_hash.inc"

const struct sipcode_info *sipcode_info(int code)
{
    /* One unsigned compare rejects negatives, INT_MIN and >= 700 alike. */
    unsigned u = (unsigned)code - 100u;
    unsigned slot;

    if (u >= 600u)
        return NULL;
    slot = sipcode_slot[u];
    if (slot == 0)
        return NULL;
    return &sipcode_entries[slot - 1];
}

const char *sipcode_phrase(int code)
{
    unsigned u = (unsigned)code - 100u;
    unsigned slot;

    if (u >= 600u)
        return NULL;
    slot = sipcode_slot[u];
    return slot ? sipcode_pool + sipcode_phrase_at[slot - 1] : NULL;
}

/* Appends the folded byte c to key[0..n) and returns the new n: every byte
 * is stored, only kept ones advance n. */
static size_t fold_into(char *key, size_t n, unsigned char c)
{
    key[n] = (char)c;
    return n + (c != 0);
}

int sipcode_from_phrase(const char *s, size_t len)
{
    char key[SIPCODE_PHRASE_MAX];
    const unsigned char *p = (const unsigned char *)s, *end;
    const struct sipcode_phrase_entry *e;
    size_t n = 0;

    if (s == NULL || len > SIPCODE_PHRASE_MAX)
        return 0;
    /* Branch-free fold, four bytes a turn after the len % 4 odd ones; n stays
     * below the bytes read, so key[n] is in bounds. A rejected byte is kept
     * as 0x80, which no key holds (keys are ASCII letters and digits), so
     * the lookup fails on it without a test per byte. */
    end = p + len;
    switch (len & 3u) {
    case 3:
        n = fold_into(key, n, sipcode_fold[*p++]);
        /* fall through */
    case 2:
        n = fold_into(key, n, sipcode_fold[*p++]);
        /* fall through */
    case 1:
        n = fold_into(key, n, sipcode_fold[*p++]);
        /* fall through */
    default:
        break;
    }
    for (; p != end; p += 4) {
        n = fold_into(key, n, sipcode_fold[p[0]]);
        n = fold_into(key, n, sipcode_fold[p[1]]);
        n = fold_into(key, n, sipcode_fold[p[2]]);
        n = fold_into(key, n, sipcode_fold[p[3]]);
    }
    e = sipcode_phrase_lookup(key, n);
    return e ? e->code : 0;
}

int sipcode_is_spelling_of(int code, const char *s, size_t len)
{
    const struct sipcode_info *info = sipcode_info(code);
    int got = sipcode_from_phrase(s, len);

    if (got == 0 || info == NULL)
        return 0;
    if (got == code)
        return 1;
    /* A row whose phrase resolves to another code (606 -> 406): a spelling
     * of that code is a spelling of this one too. */
    if (info->flags & SIPCODE_FLAG_PHRASE_SHARED) {
        const char *own = sipcode_phrase(code);
        return got == sipcode_from_phrase(own, strlen(own));
    }
    return 0;
}

int sipcode_is_registered(int code)
{
    const struct sipcode_info *info = sipcode_info(code);

    return info != NULL && info->standing != SIPCODE_STANDING_HISTORIC &&
           info->standing != SIPCODE_STANDING_LOCAL;
}

int sipcode_effective(int code)
{
    const struct sipcode_info *info = sipcode_info(code);

    if ((unsigned)code - 100u >= 600u)
        return 0;
    /* A local code is not registered, but the project that added it acts
     * on it, so it is its own effective code. */
    if (sipcode_is_registered(code) || (info && info->standing == SIPCODE_STANDING_LOCAL))
        return code;
    return code < 200 ? 183 : code / 100 * 100;
}

enum sipcode_class sipcode_class(int code)
{
    if ((unsigned)code - 100u >= 600u)
        return SIPCODE_CLASS_NONE;
    return (enum sipcode_class)(code / 100);
}

/* Fixed-width arrays rather than arrays of pointers: no relocations, so the
 * library keeps empty .data even when built position-independent. */
static const char sipcode_class_names[7][16] = {
    "", "Provisional", "Success", "Redirection", "Client Error", "Server Error", "Global Failure"
};

const char *sipcode_class_name(enum sipcode_class cls)
{
    unsigned u = (unsigned)cls - 1u;

    return u < 6u ? sipcode_class_names[u + 1] : NULL;
}

static const char sipcode_standing_names[5][12] = { "current", "deprecated", "reserved", "historic",
                                                  "local" };

const char *sipcode_standing_name(enum sipcode_standing status)
{
    unsigned u = (unsigned)status;

    return u < 5u ? sipcode_standing_names[u] : NULL;
}

const char *sipcode_version(void)
{
    return SIPCODE_VERSION;
}
