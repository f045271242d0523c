/* SPDX-License-Identifier: MIT */
/* The phrase lookup as it was before the key-position hash (sum of a gperf
 * weight over every byte, one adjusted position), kept so that make
 * bench-count measures before and after in the same run. Benchmark only:
 * bench/old_phrase_hash.inc is a frozen copy of the generated tables of that
 * version, and neither is part of the library. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "bench.h"
#include "sipcode_codes.h"

#include "old_phrase_hash.inc"

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

int bl_phrase_old(const char *s, size_t len)
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

