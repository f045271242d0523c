/* SPDX-License-Identifier: MIT */
/* The inputs every method is fed, the same for all of them.
 *
 * Codes: every int in 100..699; a traffic mix; ints outside the range.
 * Phrases: every registered spelling (tests/expected.inc, generated from
 * codes.csv), the phrases of the registry's rows, the traffic mix's
 * phrases, and junk: random text, near misses
 * of every canonical phrase, and over-long queries.
 *
 * The traffic mix is a stated guess at a call-heavy proxy, per 1000
 * responses: each INVITE brings 100 Trying and 180 or 183, most end in 200,
 * digest challenges bring 401 and 407, and failures are mostly 486 and 487.
 * The weights are in `mix` below; the order is a fixed shuffle. */
#include "bench.h"

#include <limits.h>
#include <string.h>

#include "expected.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const struct {
    int code;
    int per_mille;
} mix[] = {
    { 100, 180 }, { 180, 150 }, { 183, 100 }, { 200, 300 }, { 401, 90 }, { 407, 60 },
    { 486, 30 },  { 487, 40 },  { 404, 15 },  { 408, 8 },   { 480, 8 },  { 481, 5 },
    { 403, 4 },   { 500, 3 },   { 503, 3 },   { 603, 2 },   { 488, 2 },
};

#define MIX_N 1000
#define N_RANDOM 64
#define RANDOM_MAX 40
#define N_NEAR (3 * COUNT(expected_rows))
#define N_LONG 3
#define LONG_MAX_LEN 4096

static int codes_all[600];
static int codes_mix[MIX_N];
static const int codes_out[] = { INT_MIN, -100, -1, 0, 1, 99, 700, 999, 1000, 65636, INT_MAX };

static struct phrase_input spellings[COUNT(expected_spellings)];
static struct phrase_input registry[COUNT(expected_rows)];
static struct phrase_input phrases_mix[MIX_N];
static struct phrase_input phrases_junk[N_RANDOM + N_NEAR + N_LONG];

static char random_text[N_RANDOM][RANDOM_MAX + 1];
static char near_text[N_NEAR][80];
static char long_text[LONG_MAX_LEN + 1];

struct code_workload bench_code_workloads[] = {
    { "every int 100..699", codes_all, COUNT(codes_all) },
    { "traffic mix", codes_mix, COUNT(codes_mix) },
    { "ints outside 100..699", codes_out, COUNT(codes_out) },
};
const size_t bench_n_code_workloads = COUNT(bench_code_workloads);

struct phrase_workload bench_phrase_workloads[] = {
    { "registered spellings", spellings, COUNT(spellings) },
    { "registry phrases", registry, 0 }, /* n set by bench_workloads_init */
    { "traffic mix", phrases_mix, COUNT(phrases_mix) },
    { "junk", phrases_junk, COUNT(phrases_junk) },
};
const size_t bench_n_phrase_workloads = COUNT(bench_phrase_workloads);

/* A fixed generator, so that every run and every method sees the same
 * inputs in the same order. */
static unsigned long rng_state = 20260817ul;

static unsigned rng(void)
{
    rng_state = (rng_state * 1103515245ul + 12345ul) & 0x7fffffffful;
    return (unsigned)(rng_state >> 8);
}

static const char *phrase_of(int code)
{
    size_t i;

    for (i = 0; i < COUNT(expected_rows); i++)
        if (expected_rows[i].code == code)
            return expected_rows[i].phrase;
    return NULL;
}

static void build_mix(void)
{
    size_t i, j, n = 0;

    for (i = 0; i < COUNT(mix); i++)
        for (j = 0; j < (size_t)mix[i].per_mille && n < MIX_N; j++)
            codes_mix[n++] = mix[i].code;
    for (i = n; i-- > 1;) { /* Fisher-Yates */
        size_t k = rng() % (i + 1);
        int t = codes_mix[i];

        codes_mix[i] = codes_mix[k];
        codes_mix[k] = t;
    }
    for (i = 0; i < MIX_N; i++) {
        const char *p = phrase_of(codes_mix[i]);

        phrases_mix[i].s = p;
        phrases_mix[i].len = strlen(p);
        phrases_mix[i].expect = codes_mix[i];
    }
}

static void add_junk(size_t *n, const char *s, size_t len)
{
    phrases_junk[*n].s = s;
    phrases_junk[*n].len = len;
    phrases_junk[*n].expect = -1;
    (*n)++;
}

/* Near misses: each canonical phrase with its last byte cut, with a letter
 * in the middle changed, and with a word appended. */
static void build_junk(void)
{
    static const char letters[] = "abcdefghijklmnopqrstuvwxyz  ETAOIN-";
    size_t i, j, n = 0, m = 0;

    for (i = 0; i < N_RANDOM; i++) {
        size_t len = 3 + rng() % (RANDOM_MAX - 3);

        for (j = 0; j < len; j++)
            random_text[i][j] = i % 8 == 7 && j == len / 2 ? (char)0xC3
                                                           : letters[rng() % (sizeof letters - 1)];
        random_text[i][len] = '\0';
        add_junk(&n, random_text[i], len);
    }
    for (i = 0; i < COUNT(expected_rows); i++) {
        const char *p = expected_rows[i].phrase;
        size_t len = strlen(p);
        char *cut = near_text[m++], *changed = near_text[m++], *longer = near_text[m++];

        memcpy(cut, p, len - 1);
        cut[len - 1] = '\0';
        memcpy(changed, p, len + 1);
        changed[len / 2] = changed[len / 2] == 'q' ? 'z' : 'q';
        memcpy(longer, p, len);
        memcpy(longer + len, " Now", 5);
        add_junk(&n, cut, len - 1);
        add_junk(&n, changed, len);
        add_junk(&n, longer, len + 4);
    }
    for (i = 0; i < LONG_MAX_LEN; i++)
        long_text[i] = "Busy Here "[i % 10];
    long_text[LONG_MAX_LEN] = '\0';
    /* One byte over the cap, a few lines, a page; each NUL-terminated at its
     * length so that the strcasecmp scan reads the same bytes. */
    add_junk(&n, long_text + LONG_MAX_LEN - (SIPCODE_PHRASE_MAX + 1), SIPCODE_PHRASE_MAX + 1);
    add_junk(&n, long_text + LONG_MAX_LEN - 400, 400);
    add_junk(&n, long_text, LONG_MAX_LEN);
}

void bench_workloads_init(void)
{
    size_t i;

    for (i = 0; i < COUNT(codes_all); i++)
        codes_all[i] = 100 + (int)i;
    for (i = 0; i < COUNT(expected_spellings); i++) {
        spellings[i].s = expected_spellings[i].spelling;
        spellings[i].len = strlen(expected_spellings[i].spelling);
        spellings[i].expect = expected_spellings[i].code;
    }
    /* The phrase of every row the IANA registry holds (not the historic
     * ones): what a peer sends. */
    bench_phrase_workloads[1].n = 0;
    for (i = 0; i < COUNT(expected_rows); i++) {
        struct phrase_input *q = &registry[bench_phrase_workloads[1].n];

        if (expected_rows[i].standing == SIPCODE_STANDING_HISTORIC)
            continue;
        q->s = expected_rows[i].phrase;
        q->len = strlen(q->s);
        q->expect = expected_rows[i].phrase_code;
        bench_phrase_workloads[1].n++;
    }
    build_mix();
    build_junk();
}
