/* SPDX-License-Identifier: MIT */
/* The outcome analysis's counts: a sorted map per group, method names and
 * the log-scale delay histograms (stats.h). */
#include "stats.h"

#include <stdlib.h>
#include <string.h>

static const char *const method_names[OC_METHODS] = {
    "INVITE", "ACK", "BYE", "CANCEL", "REGISTER", "OPTIONS", "PRACK", "SUBSCRIBE",
    "NOTIFY", "PUBLISH", "INFO", "REFER", "MESSAGE", "UPDATE", "(other)"
};

enum oc_method oc_method_of(const char *p, size_t len)
{
    static const unsigned char lens[OC_M_OTHER] = { 6, 3, 3, 6, 8, 7, 5, 9, 6, 7, 4, 5, 7, 6 };
    int m;

    for (m = 0; m < OC_M_OTHER; m++)
        if (lens[m] == len && p[0] == method_names[m][0] && memcmp(method_names[m], p, len) == 0)
            return (enum oc_method)m;
    return OC_M_OTHER;
}

const char *oc_method_name(enum oc_method m)
{
    return (unsigned)m < OC_METHODS ? method_names[m] : NULL;
}

enum oc_method oc_method_from_name(const char *s)
{
    int m;

    for (m = 0; m < OC_METHODS; m++)
        if (strcmp(method_names[m], s) == 0)
            return (enum oc_method)m;
    return OC_METHODS;
}

static const char *const mcount_names[OC_MCOUNTS] = {
    "requests", "request_retransmissions", "transactions", "final_retransmissions",
    "provisional_retransmissions", "forked_finals", "without_request", "timeouts",
    "late_finals"
};

const char *oc_mcount_name(enum oc_mcount c)
{
    return (unsigned)c < OC_MCOUNTS ? mcount_names[c] : NULL;
}

static const char *const mcount_helps[OC_MCOUNTS] = {
    "SIP requests per method, retransmissions included",
    "requests sent again within their transaction (RFC 3261 section 17), per method",
    "transactions per method: first requests, and responses seen without their request",
    "final responses sent again (same code and To tag) within their transaction, per method",
    "provisional responses sent again (same code as the last one), per method",
    "final responses with another To tag than the transaction's first final (forked), per method",
    "transactions seen by their responses only, per method",
    "transactions without a final response within 64*T1 (32 s) or by the end of the capture, per method",
    "final responses that came after their transaction had timed out, per method"
};

const char *oc_mcount_help(enum oc_mcount c)
{
    return (unsigned)c < OC_MCOUNTS ? mcount_helps[c] : NULL;
}

static const char *const scalar_names[OC_SCALARS] = {
    "attempts", "completed", "registrations", "challenges", "calls_evicted",
    "dialogs_evicted", "transactions_evicted", "reason_malformed", "without_cseq",
    "retry_after_malformed"
};

const char *oc_scalar_name(enum oc_scalar s)
{
    return (unsigned)s < OC_SCALARS ? scalar_names[s] : NULL;
}

static const char *const scalar_helps[OC_SCALARS] = {
    "session attempts: initial INVITEs, with their retries after a 401 or 407",
    "session attempts answered, then ended by a BYE that got a 2xx (RFC 6076 section 4.9)",
    "initial REGISTERs, with their retries after a 401 or 407 (RFC 6076 section 4.2)",
    "session attempts and registrations sent again after a 401 or 407 challenge",
    "session attempts dropped before their outcome to stay under --max-calls",
    "answered session attempts dropped before their BYE to stay under --max-calls",
    "transactions dropped to stay under --max-transactions",
    "Reason headers of final responses that do not parse (RFC 3326)",
    "SIP messages without a CSeq that could be read (absent, or over 2^32-1)",
    "Retry-After headers of final responses that are no delta-seconds (RFC 3261 section 20.33)"
};

const char *oc_scalar_help(enum oc_scalar s)
{
    return (unsigned)s < OC_SCALARS ? scalar_helps[s] : NULL;
}

static const char *const delay_names[OC_DELAYS] = { "SRD", "RRD", "SDD", "SDT" };

const char *oc_delay_name(enum oc_delay d)
{
    return (unsigned)d < OC_DELAYS ? delay_names[d] : NULL;
}

unsigned oc_hist_bucket(int64_t us)
{
    uint64_t v = us < 0 ? 0 : (uint64_t)us;
    unsigned e = 0;

    if (v < OC_HIST_SUB)
        return (unsigned)v;
    while ((v >> e) > 1)
        e++;
    if (e > 40)
        return OC_HIST_BUCKETS - 1;
    return OC_HIST_SUB + (e - 4) * OC_HIST_SUB + (unsigned)((v >> (e - 4)) & (OC_HIST_SUB - 1));
}

int64_t oc_hist_upper(unsigned bucket)
{
    unsigned e, m;

    if (bucket < OC_HIST_SUB)
        return (int64_t)bucket;
    if (bucket >= OC_HIST_BUCKETS)
        bucket = OC_HIST_BUCKETS - 1;
    e = 4 + (bucket - OC_HIST_SUB) / OC_HIST_SUB;
    m = (bucket - OC_HIST_SUB) % OC_HIST_SUB;
    return (int64_t)(((uint64_t)(OC_HIST_SUB + m + 1) << (e - 4)) - 1);
}

void oc_stats_free(struct oc_stats *s)
{
    free(s->e);
    memset(s, 0, sizeof *s);
}

/* Index of key, or of where it would go. */
static size_t find(const struct oc_stats *s, uint32_t key)
{
    size_t lo = 0, hi = s->n;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (s->e[mid].key < key)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static struct oc_entry *slot(struct oc_stats *s, uint32_t key)
{
    size_t i = find(s, key);

    if (i < s->n && s->e[i].key == key)
        return &s->e[i];
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 32;
        struct oc_entry *e = realloc(s->e, cap * sizeof *e);
        if (!e) {
            s->failed = 1;
            return NULL;
        }
        s->e = e;
        s->cap = cap;
    }
    memmove(s->e + i + 1, s->e + i, (s->n - i) * sizeof *s->e);
    s->n++;
    s->e[i].key = key;
    s->e[i].value = 0;
    return &s->e[i];
}

void oc_add(struct oc_stats *s, uint32_t key, uint64_t n)
{
    struct oc_entry *e = slot(s, key);

    if (e)
        e->value += n;
}

void oc_max(struct oc_stats *s, uint32_t key, uint64_t v)
{
    struct oc_entry *e = slot(s, key);

    if (e && v > e->value)
        e->value = v;
}

uint64_t oc_get(const struct oc_stats *s, uint32_t key)
{
    size_t i = find(s, key);

    return i < s->n && s->e[i].key == key ? s->e[i].value : 0;
}

void oc_merge(struct oc_stats *to, const struct oc_stats *from)
{
    size_t i;

    for (i = 0; i < from->n; i++) {
        if (OC_KIND(from->e[i].key) == OC_K_MAX)
            oc_max(to, from->e[i].key, from->e[i].value);
        else
            oc_add(to, from->e[i].key, from->e[i].value);
    }
    if (from->failed)
        to->failed = 1;
}

static uint32_t hist_id(enum oc_delay d, int failure)
{
    return (uint32_t)d << 1 | (failure ? 1u : 0u);
}

void oc_delay(struct oc_stats *s, enum oc_delay d, int failure, int64_t us)
{
    uint32_t id = hist_id(d, failure);

    if (us < 0)
        us = 0;
    oc_add(s, OC_KEY(OC_K_HIST, id << 12 | oc_hist_bucket(us)), 1);
    oc_max(s, OC_KEY(OC_K_MAX, id), (uint64_t)us);
    oc_add(s, OC_KEY(OC_K_SUM, id), (uint64_t)us);
}

uint64_t oc_hist_count(const struct oc_stats *s, enum oc_delay d, int failure)
{
    uint32_t lo = OC_KEY(OC_K_HIST, hist_id(d, failure) << 12);
    size_t i;
    uint64_t n = 0;

    for (i = find(s, lo); i < s->n && s->e[i].key < lo + OC_HIST_BUCKETS; i++)
        n += s->e[i].value;
    return n;
}

/* Nearest rank: the smallest bucket below which at least q of the values lie. */
int64_t oc_hist_quantile(const struct oc_stats *s, enum oc_delay d, int failure, double q)
{
    uint32_t lo = OC_KEY(OC_K_HIST, hist_id(d, failure) << 12);
    uint64_t n = oc_hist_count(s, d, failure), rank, seen = 0;
    int64_t max = (int64_t)oc_get(s, OC_KEY(OC_K_MAX, hist_id(d, failure)));
    size_t i;

    if (!n)
        return -1;
    rank = (uint64_t)(q * (double)n);
    if ((double)rank < q * (double)n)
        rank++;
    if (rank < 1)
        rank = 1;
    for (i = find(s, lo); i < s->n && s->e[i].key < lo + OC_HIST_BUCKETS; i++) {
        seen += s->e[i].value;
        if (seen >= rank) {
            int64_t up = oc_hist_upper(s->e[i].key - lo);
            return up < max ? up : max;
        }
    }
    return max;
}
