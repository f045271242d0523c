/* SPDX-License-Identifier: MIT */
/* Fuzz harness for the outcome analysis (analyser/txn.c, calls.c,
 * outcomes.c, oc_*.c). An input is either a JSON summary (it starts with
 * '{'), read as sipcode merge reads one, or SIP messages separated by the
 * byte 0x00: the first byte of each says how far time moves (a quarter
 * second per unit, so the 32 s timers fire) and which way the message goes
 * between two hosts; the rest goes in one UDP datagram through the packet
 * analyser. The analysis runs with caps of a few entries, so every eviction
 * path runs, grouped by Request-URI domain in 1 s buckets.
 *
 * Checks: the outcome groups add up to the attempts; the groups add up to
 * the total; and the JSON summary, read back, is written again byte for
 * byte (what sipcode merge relies on). Every format is written once. */
#include <stdint.h>

#include "fuzz.h"
#include "../analyser/oc_report.h"
#include "../analyser/outcomes.h"

/* Writes what fn writes into a heap string (a tmpfile read back). */
static char *written(const struct oc_summary *sum, enum oc_format fmt, size_t *len)
{
    FILE *f = tmpfile();
    char *buf;
    long n;

    FUZZ_CHECK(f != NULL, "tmpfile failed");
    oc_write(sum, fmt, f);
    n = ftell(f);
    FUZZ_CHECK(n >= 0, "ftell failed");
    buf = fuzz_copy(NULL, (size_t)n + 1);
    rewind(f);
    FUZZ_CHECK(fread(buf, 1, (size_t)n, f) == (size_t)n, "short read");
    buf[n] = '\0';
    fclose(f);
    *len = (size_t)n;
    return buf;
}

/* The JSON of a summary as merge reads it back: {"outcomes": {...}}. */
static char *as_json(const struct oc_summary *sum, size_t *len)
{
    size_t n;
    char *inner = written(sum, OC_JSON, &n), *all = fuzz_copy(NULL, n + 16);

    memcpy(all, "{\"outcomes\": {", 14);
    memcpy(all + 14, inner, n);
    memcpy(all + 14 + n, "}}", 2);
    free(inner);
    *len = n + 16;
    return all;
}

static void round_trip(const struct oc_summary *sum)
{
    struct oc_summary back;
    size_t n, m, i;
    char *json = as_json(sum, &n), *again, why[160];
    int fmt;

    for (fmt = OC_TEXT; fmt <= OC_PROMETHEUS; fmt++) {
        char *out = written(sum, (enum oc_format)fmt, &m);
        free(out);
    }
    memset(&back, 0, sizeof back);
    FUZZ_CHECK(oc_summary_read(&back, json, n, why, sizeof why) == 0,
               "a summary's own JSON is refused: %s", why);
    again = as_json(&back, &m);
    for (i = 0; i < n && i < m && json[i] == again[i]; i++)
        ;
    FUZZ_CHECK(m == n && memcmp(json, again, n) == 0,
               "the JSON read back differs at byte %lu", (unsigned long)i);
    free(json);
    free(again);
    oc_summary_free(&back);
}

static void check_sums(const struct oc_summary *sum)
{
    struct oc_view v, gv;
    uint64_t outcomes = 0, attempts = 0;
    size_t i;
    int k;

    oc_view(&sum->total, &v);
    for (k = 1; k <= SIPCODE_OUTCOME_COUNT; k++)
        outcomes += v.outcome[k];
    FUZZ_CHECK(outcomes == v.scalar[OC_ATTEMPTS], "outcomes %llu, attempts %llu",
               (unsigned long long)outcomes, (unsigned long long)v.scalar[OC_ATTEMPTS]);
    for (i = 0; i < sum->ngroups; i++) {
        oc_view(&sum->groups[i].st, &gv);
        attempts += gv.scalar[OC_ATTEMPTS];
    }
    FUZZ_CHECK(!sum->ngroups || attempts == v.scalar[OC_ATTEMPTS],
               "groups' attempts %llu, total %llu", (unsigned long long)attempts,
               (unsigned long long)v.scalar[OC_ATTEMPTS]);
}

/* One UDP datagram in IPv4, between 10.0.0.1:5060 and 10.0.0.2:5060. */
static void feed(struct analyser *an, int64_t us, int back, const uint8_t *sip, size_t len)
{
    size_t n = 28 + len;
    uint8_t *pkt = (uint8_t *)fuzz_copy(NULL, n);

    memset(pkt, 0, 28);
    pkt[0] = 0x45;
    pkt[2] = (uint8_t)(n >> 8);
    pkt[3] = (uint8_t)n;
    pkt[8] = 64;
    pkt[9] = 17;
    pkt[12] = pkt[16] = 10;
    pkt[15] = back ? 2 : 1;
    pkt[19] = back ? 1 : 2;
    pkt[20] = pkt[22] = 0x13;
    pkt[21] = pkt[23] = 0xc4;
    pkt[24] = (uint8_t)((n - 20) >> 8);
    pkt[25] = (uint8_t)(n - 20);
    memcpy(pkt + 28, sip, len);
    an_packet(an, 101, us / 1000000, (uint32_t)(us % 1000000) * 1000, pkt, n, n);
    free(pkt);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct oc_opts o;
    struct oc *oc;
    struct analyser *an;
    struct oc_summary sum;
    int64_t us = 1700000000000000;
    size_t i = 0;

    if (size && data[0] == '{') {
        char *copy = fuzz_copy(data, size), why[160];
        memset(&sum, 0, sizeof sum);
        if (oc_summary_read(&sum, copy, size, why, sizeof why) == 0) {
            check_sums(&sum);
            round_trip(&sum);
        }
        oc_summary_free(&sum);
        free(copy);
        return 0;
    }
    oc_opts_default(&o);
    o.calls_max = 3;
    o.txns_max = 4;
    o.groups_max = 2;
    o.by = OC_BY_DOMAIN;
    o.interval_us = 1000000;
    oc = oc_new(&o);
    FUZZ_CHECK(oc != NULL, "oc_new failed");
    an = an_new(NULL, oc_record, oc);
    FUZZ_CHECK(an != NULL, "an_new failed");
    while (i < size) {
        const uint8_t *end = memchr(data + i, 0, size - i);
        size_t j = end ? (size_t)(end - data) : size;
        if (j > i) {
            us += (int64_t)(data[i] >> 1) * 250000;
            feed(an, us, data[i] & 1, data + i + 1, j - i - 1);
        }
        i = j + 1;
    }
    an_finish(an);
    oc_finish(oc);
    FUZZ_CHECK(oc_summary_of(oc, 1, &sum) == 0, "out of memory");
    check_sums(&sum);
    round_trip(&sum);
    oc_summary_free(&sum);
    an_free(an);
    oc_free(oc);
    return 0;
}
