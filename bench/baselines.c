/* SPDX-License-Identifier: MIT */
/* The lookups SIP stacks write by hand, over tables that bench/gen_baselines.py
 * builds from the same codes.csv as the library's: the yardsticks of
 * `make bench` and `make bench-count`.
 *
 * Fairness: the binary search and the switch fold the query by the library's
 * own rule (the generator's fold table), so they accept exactly the spellings
 * sipcode accepts and the benchmark checks that they agree on every input.
 * The strcasecmp scan is the usual hand-written loop over the raw spellings:
 * it does less (no punctuation rule) and is checked on the registered
 * spellings only; the length-filtered strncasecmp scan knows the registry's
 * phrases alone and is checked on them. */
#define _POSIX_C_SOURCE 200809L

#include "bench.h"

#include <string.h>
#include <strings.h>

struct bl_code_row {
    int code;
    const char *phrase;
};

struct bl_spelling {
    const char *s;
    int code;
};

struct bl_key {
    const char *s;
    int len;
    int code;
};

#include "bench_baselines.inc"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

const char *bl_code_linear(int code)
{
    size_t i;

    for (i = 0; i < COUNT(bl_codes); i++)
        if (bl_codes[i].code == code)
            return bl_codes[i].phrase;
    return NULL;
}

const char *bl_code_bsearch(int code)
{
    size_t lo = 0, hi = COUNT(bl_codes);

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;

        if (bl_codes[mid].code < code)
            lo = mid + 1;
        else if (bl_codes[mid].code > code)
            hi = mid;
        else
            return bl_codes[mid].phrase;
    }
    return NULL;
}

/* The yardstick for code -> metadata: one 600-slot array of whole rows,
 * indexed directly, a hole being a row whose code is 0. */
const struct sipcode_info *bl_info_plain(int code)
{
    unsigned u = (unsigned)code - 100u;

    return u < 600u && bl_plain_info[u].code ? &bl_plain_info[u] : NULL;
}

/* The same rows reached through 600 pointers: one load fewer, but the
 * pointers need relocating in a position-independent build. */
const struct sipcode_info *bl_info_pointer(int code)
{
    unsigned u = (unsigned)code - 100u;

    return u < 600u ? bl_info_pointers[u] : NULL;
}

int bl_phrase_linear(const char *s, size_t len)
{
    size_t i;

    (void)len; /* the usual loop trusts the terminator */
    for (i = 0; i < COUNT(bl_raw); i++)
        if (strcasecmp(s, bl_raw[i].s) == 0)
            return bl_raw[i].code;
    return 0;
}

/* What a stack that knows the registry's phrases and nothing else writes:
 * compare the lengths first, then strncasecmp. Checked on the registry's
 * phrases only. */
int bl_phrase_strncasecmp(const char *s, size_t len)
{
    size_t i;

    for (i = 0; i < COUNT(bl_registry); i++)
        if ((size_t)bl_registry[i].len == len && strncasecmp(s, bl_registry[i].s, len) == 0)
            return bl_registry[i].code;
    return 0;
}

/* The plain way to apply the library's rule: stop at the first rejected
 * byte, keep the others folded. Returns the key length, or -1. */
static int bl_fold_query(const char *s, size_t len, char *key)
{
    size_t i, n = 0;

    if (s == NULL || len > SIPCODE_PHRASE_MAX)
        return -1;
    for (i = 0; i < len; i++) {
        unsigned char c = bl_fold[(unsigned char)s[i]];

        if (c & 0x80u)
            return -1;
        if (c)
            key[n++] = (char)c;
    }
    return (int)n;
}

int bl_phrase_bsearch(const char *s, size_t len)
{
    char key[SIPCODE_PHRASE_MAX];
    int n = bl_fold_query(s, len, key);
    size_t lo = 0, hi = COUNT(bl_keys);

    if (n < 0)
        return 0;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const struct bl_key *k = &bl_keys[mid];
        int c = memcmp(key, k->s, (size_t)(n < k->len ? n : k->len));

        if (c == 0)
            c = n - k->len;
        if (c > 0)
            lo = mid + 1;
        else if (c < 0)
            hi = mid;
        else
            return k->code;
    }
    return 0;
}

int bl_phrase_switch(const char *s, size_t len)
{
    char key[SIPCODE_PHRASE_MAX];
    int n = bl_fold_query(s, len, key);

    return n < 0 ? 0 : bl_key_switch(key, (size_t)n);
}

/* Empty calls: what the measuring loop itself costs per call. */
int bl_phrase_none(const char *s, size_t len)
{
    return (int)len + (s == NULL);
}

const char *bl_code_none(int code)
{
    return code ? "" : NULL;
}

const struct method bench_methods[] = {
    { "sipcode_phrase", "sipcode", sipcode_phrase, NULL, NULL },
    { "code_linear", "linear scan", bl_code_linear, NULL, NULL },
    { "code_bsearch", "binary search", bl_code_bsearch, NULL, NULL },
    { "code_switch", "switch", bl_code_switch, NULL, NULL },
    { "code_none", "empty call", bl_code_none, NULL, NULL },
    { "sipcode_info", "sipcode", NULL, sipcode_info, NULL },
    { "info_plain", "plain array", NULL, bl_info_plain, NULL },
    { "info_pointer", "pointer array", NULL, bl_info_pointer, NULL },
    { "sipcode_from_phrase", "sipcode", NULL, NULL, sipcode_from_phrase },
    { "phrase_old", "sipcode before", NULL, NULL, bl_phrase_old },
    { "phrase_linear", "linear strcasecmp", NULL, NULL, bl_phrase_linear },
    { "phrase_strncasecmp", "length + strncasecmp", NULL, NULL, bl_phrase_strncasecmp },
    { "phrase_bsearch", "binary search", NULL, NULL, bl_phrase_bsearch },
    { "phrase_switch", "switch len+memcmp", NULL, NULL, bl_phrase_switch },
    { "phrase_none", "empty call", NULL, NULL, bl_phrase_none },
};

const size_t bench_n_methods = COUNT(bench_methods);
