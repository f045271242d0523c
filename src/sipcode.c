/* SPDX-License-Identifier: MIT */
/* The lookups behind include/sipcode.h, over the tables that
 * gen/sipcode_gen.py makes from codes.csv: a dense index for code -> row and a
 * gperf perfect hash for normalised phrase -> code. */
#include "sipcode.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

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

/* 8 bytes as one number, in the host's byte order: every mask below has
 * the same value in each byte, so the compares do not depend on it. */
static uint64_t load64(const unsigned char *p)
{
    uint64_t w;

    memcpy(&w, p, sizeof w);
    return w;
}

/* Bit 5 of every byte: lower-cases a letter and leaves a digit as it is. */
#define CASE_BITS 0x2020202020202020u

/* The code of the key k[0..n), which is followed by SIPCODE_KEY_PAD zero
 * bytes; sum is the total of its bytes' weights. A query holding a byte
 * that rejects it hashes past the table, so k holds letters, in either
 * case, and digits: setting bit 5 of each byte lower-cases the letters and
 * leaves the digits, and the stored keys are lower case, so one compare of
 * 8 bytes at a time is exact. */
static int phrase_lookup(const unsigned char *k, unsigned n, unsigned sum)
{
    unsigned h = sipcode_phrase_hash(k, n, sum), e;
    const unsigned char *s;
    uint64_t d;
    size_t i;

    if (h > SIPCODE_HASH_MAX)
        return 0;
    e = sipcode_ph.slot[h];
    if (sipcode_ph.len[e] != n)
        return 0;
    /* Keys shorter than 8 are stored padded with spaces to 8; longer ones
     * are read in words from 0 and a last word ending at n. */
    s = sipcode_ph.keys + sipcode_ph.at[e];
    d = (load64(k) | CASE_BITS) ^ load64(s);
    if (n > 8) {
        for (i = 8; i + 8 < n; i += 8)
            d |= (load64(k + i) | CASE_BITS) ^ load64(s + i);
        d |= (load64(k + n - 8) | CASE_BITS) ^ load64(s + n - 8);
    }
    return d ? 0 : sipcode_ph.code[e];
}

/* Stores the query byte `at` at k[n] and adds its weight to acc, whose low
 * 8 bits are n: a kept byte advances n, a dropped one is overwritten next. */
#define KEEP(at)                                  \
    do {                                          \
        unsigned c_ = (at);                       \
        k[acc & 0xffu] = (unsigned char)c_;       \
        acc += sipcode_ph.weight[c_];             \
    } while (0)

int sipcode_from_phrase(const char *s, size_t len)
{
    unsigned char k[SIPCODE_PHRASE_MAX + SIPCODE_KEY_PAD];
    const unsigned char *p = (const unsigned char *)s;
    unsigned acc = 0;
    ptrdiff_t i;

    if (s == NULL || len > SIPCODE_PHRASE_MAX)
        return 0;
    /* One pass, the len % 8 odd bytes first, then eight a turn. acc & 0xff
     * stays at or below the bytes read, so k[acc & 0xff] is in bounds. */
    if (len & 1u) {
        KEEP(p[0]);
        p += 1;
    }
    if (len & 2u) {
        KEEP(p[0]);
        KEEP(p[1]);
        p += 2;
    }
    if (len & 4u) {
        KEEP(p[0]);
        KEEP(p[1]);
        KEEP(p[2]);
        KEEP(p[3]);
        p += 4;
    }
    for (i = (ptrdiff_t)(len & ~(size_t)7); i != 0; i -= 8) {
        KEEP(p[0]);
        KEEP(p[1]);
        KEEP(p[2]);
        KEEP(p[3]);
        KEEP(p[4]);
        KEEP(p[5]);
        KEEP(p[6]);
        KEEP(p[7]);
        p += 8;
    }
    memset(k + (acc & 0xffu), 0, SIPCODE_KEY_PAD);
    return phrase_lookup(k, acc & 0xffu, acc >> 8);
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
