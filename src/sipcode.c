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
    /* The phrase lookup's pool holds each phrase as written, NUL-terminated. */
    return slot ? sipcode_ph.spellings + sipcode_phrase_at[slot - 1] : NULL;
}

/* 8, 4 and 2 bytes as one number, in the host's byte order: every mask
 * below has the same value in each byte, so the compares do not depend on
 * it. */
static uint64_t load64(const unsigned char *p)
{
    uint64_t w;

    memcpy(&w, p, sizeof w);
    return w;
}

static uint32_t load32(const unsigned char *p)
{
    uint32_t w;

    memcpy(&w, p, sizeof w);
    return w;
}

static uint16_t load16(const unsigned char *p)
{
    uint16_t w;

    memcpy(&w, p, sizeof w);
    return w;
}

/* Every bit but bit 5 of each byte: bit 5 is all that tells a letter's
 * cases apart. */
#define NOT_CASE_BITS 0xdfdfdfdfdfdfdfdfu

/* The stored spelling of entry e. */
#define SPELLING(e) ((const unsigned char *)sipcode_ph.spellings + sipcode_ph.at[(e)])

/* Whether q[0..n) is s[0..n) but for bit 5 of some bytes, read in words,
 * the last one ending at n. The query holds no control byte, DEL or byte
 * 0x80-0xFF (its hash would be past the table), and s is printable ASCII, so
 * a byte that differs in bit 5 only is the other case of a letter or
 * punctuation for punctuation: the same key. Where n is a constant (the
 * short queries) or at_least_8 is 1 (the long ones), the compiler keeps
 * only the branch that n takes. */
#if defined(__GNUC__)
__attribute__((always_inline))
#endif
static inline int same_spelling(const unsigned char *q, const unsigned char *s, size_t n,
                                 int at_least_8)
{
    uint64_t d;
    size_t i;

    if (at_least_8 || n >= 8) {
        d = (load64(q) ^ load64(s)) | (load64(q + n - 8) ^ load64(s + n - 8));
        if (n > 16) {
            d |= load64(q + 8) ^ load64(s + 8);
            for (i = 16; i + 8 < n; i += 8)
                d |= load64(q + i) ^ load64(s + i);
        }
    } else if (n >= 4) {
        d = (load32(q) ^ load32(s)) | (load32(q + n - 4) ^ load32(s + n - 4));
    } else if (n >= 2) {
        d = (unsigned)(load16(q) ^ load16(s)) | (unsigned)(load16(q + n - 2) ^ load16(s + n - 2));
    } else {
        d = n ? (unsigned)(q[0] ^ s[0]) : 0u;
    }
    return (d & NOT_CASE_BITS) == 0;
}

/* Whether q[0..n) and s[0..m) have the same key: the same letters, in
 * either case, and digits, once the dropped bytes are skipped. For a
 * spelling other than the stored one ("REQUEST TIME-OUT"); it stops at the
 * first byte that differs. */
static int same_key(const unsigned char *q, size_t n, const unsigned char *s, size_t m)
{
    size_t i = 0, j = 0;

    for (;;) {
        while (i < n && sipcode_ph.weight[q[i]] == 0)
            i++;
        while (j < m && sipcode_ph.weight[s[j]] == 0)
            j++;
        if (i == n || j == m)
            return i == n && j == m;
        if ((q[i] | 0x20u) != (s[j] | 0x20u))
            return 0;
        i++;
        j++;
    }
}

/* Whether entry e + 1 has the hash of entry e. */
#define SAME_HASH_NEXT(e) (sipcode_ph.same_hash_next[(e) >> 3] >> ((e) & 7u) & 1u)

/* The rest of a lookup of q[0..len) whose entry e, and the tried entries
 * after it, did not match as they are: the further entries with the same
 * hash (keys with the same bytes in another order) as they are, then each
 * key to key. Kept out of line so that the common path stays short. */
#if defined(__GNUC__)
__attribute__((noinline, cold))
#endif
static int other_spelling(const unsigned char *q, size_t len, unsigned e, unsigned tried)
{
    unsigned f;

    for (f = e + 1; SAME_HASH_NEXT(f - 1); f++)
        if (f > e + tried && sipcode_ph.len[f] == len && same_spelling(q, SPELLING(f), len, 0))
            return sipcode_ph.code[f];
    for (f = e;; f++) {
        if (same_key(q, len, SPELLING(f), sipcode_ph.len[f]))
            return sipcode_ph.code[f];
        if (!SAME_HASH_NEXT(f))
            return 0;
    }
}

#define W(at) sipcode_ph.weight[(at)]

/* The lookup once gperf's hash h of the query's key is known. The slot
 * table holds each hash value's first entry in a byte, less h *
 * SIPCODE_SLOT_MUL >> SIPCODE_SLOT_SHIFT (the generator's choice); a hash
 * value of no key gives some entry, whose compares all fail, as the query
 * is no key's spelling. That entry's spelling is compared as it is but for
 * case; for a query of 8 bytes or more, that of the entry after it too,
 * with no test of whether it has the same hash: a key with the same bytes
 * in another order is stored there (Internal Server Error, after Server
 * Internal Error), and the spelling of any other key cannot be the
 * query's, which would then have that key's hash (the generator adds an
 * empty entry after the last). Anything else in other_spelling. The short
 * queries leave that second compare to other_spelling: no two of their
 * keys are anagrams, and each of their seven copies of this stays small. */
#if defined(__GNUC__)
__attribute__((always_inline))
#endif
static inline int find(const unsigned char *q, size_t len, unsigned h, int at_least_8)
{
    unsigned e;

    if (h > SIPCODE_HASH_MAX)
        return 0;
    e = sipcode_ph.slot[h] + (h * SIPCODE_SLOT_MUL >> SIPCODE_SLOT_SHIFT);
    if (sipcode_ph.len[e] == len && same_spelling(q, SPELLING(e), len, at_least_8))
        return sipcode_ph.code[e];
    if (at_least_8 && sipcode_ph.len[e + 1] == len && same_spelling(q, SPELLING(e + 1), len, 1))
        return sipcode_ph.code[e + 1];
    return other_spelling(q, len, e, at_least_8 ? 1u : 0u);
}

/* A query of a constant n bytes, 1 to 7: its hash added up unrolled, its
 * compare in one or two words of 2 or 4 bytes. */
#if defined(__GNUC__)
__attribute__((always_inline))
#endif
static inline int short_phrase(const unsigned char *q, size_t n)
{
    unsigned acc = W(q[0]);

    /* Written out, as a loop over a constant count is not always unrolled. */
    if (n > 1)
        acc += W(q[1]);
    if (n > 2)
        acc += W(q[2]);
    if (n > 3)
        acc += W(q[3]);
    if (n > 4)
        acc += W(q[4]);
    if (n > 5)
        acc += W(q[5]);
    if (n > 6)
        acc += W(q[6]);
    return find(q, n, acc, 0);
}

/* A query of 8 bytes or more: eight bytes a turn, then the len % 8 last
 * ones. Out of line, so that the short queries and the refusal of an
 * over-long one save no registers for it. */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static int long_phrase(const unsigned char *q, size_t len)
{
    const unsigned char *p = q, *end = q + (len & ~(size_t)7);
    unsigned acc = 0;

    do {
        acc += W(p[0]);
        acc += W(p[1]);
        acc += W(p[2]);
        acc += W(p[3]);
        acc += W(p[4]);
        acc += W(p[5]);
        acc += W(p[6]);
        acc += W(p[7]);
        p += 8;
    } while (p != end);
    /* The len % 8 last bytes, each count its own run of adds. */
    if (len & 4u) {
        if (len & 2u) {
            acc += W(p[0]) + W(p[1]) + W(p[2]) + W(p[3]) + W(p[4]) + W(p[5]);
            if (len & 1u)
                acc += W(p[6]);
        } else {
            acc += W(p[0]) + W(p[1]) + W(p[2]) + W(p[3]);
            if (len & 1u)
                acc += W(p[4]);
        }
    } else if (len & 2u) {
        acc += W(p[0]) + W(p[1]);
        if (len & 1u)
            acc += W(p[2]);
    } else if (len & 1u) {
        acc += W(p[0]);
    }
    return find(q, len, acc, 1);
}

int sipcode_from_phrase(const char *s, size_t len)
{
    const unsigned char *q = (const unsigned char *)s;

    if (s == NULL || len > SIPCODE_PHRASE_MAX)
        return 0;
    if (len >= 8)
        return long_phrase(q, len);
    /* Each length its own copy, so that its loads and compares are fixed;
     * a tree of compares rather than a switch, whose table of addresses
     * would need relocating in code that is not position-independent. */
    if (len >= 4) {
        if (len >= 6)
            return len == 7 ? short_phrase(q, 7) : short_phrase(q, 6);
        return len == 5 ? short_phrase(q, 5) : short_phrase(q, 4);
    }
    if (len >= 2)
        return len == 3 ? short_phrase(q, 3) : short_phrase(q, 2);
    return len == 1 ? short_phrase(q, 1) : 0;
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
