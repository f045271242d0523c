/* SPDX-License-Identifier: MIT */
/* What the outcome analysis counts, in a form that adds up: every count of
 * one group (the whole capture, a source address, a time bucket) is an entry
 * of one sorted map from a 32-bit key to a 64-bit value. Merging two
 * summaries adds the maps entry by entry (a maximum takes the larger), so a
 * summary merged from shards equals the summary of the whole. Delays are
 * fixed log-scale histograms in the same map, so percentiles merge too. */
#ifndef SIPCODE_STATS_H
#define SIPCODE_STATS_H

#include <stddef.h>
#include <stdint.h>

/* Methods counted by name; any other is OC_M_OTHER. */
enum oc_method {
    OC_M_INVITE, OC_M_ACK, OC_M_BYE, OC_M_CANCEL, OC_M_REGISTER, OC_M_OPTIONS,
    OC_M_PRACK, OC_M_SUBSCRIBE, OC_M_NOTIFY, OC_M_PUBLISH, OC_M_INFO, OC_M_REFER,
    OC_M_MESSAGE, OC_M_UPDATE, OC_M_OTHER, OC_METHODS
};

enum oc_method oc_method_of(const char *p, size_t len);
const char *oc_method_name(enum oc_method m); /* "INVITE" ... "(other)" */
enum oc_method oc_method_from_name(const char *s); /* OC_METHODS when unknown */

/* Counters kept per method. */
enum oc_mcount {
    OC_REQUESTS,        /* requests, retransmissions included */
    OC_REQ_RETRANS,     /* a request again in a transaction that has it */
    OC_TRANSACTIONS,    /* transactions (first request, or a response without one) */
    OC_FINAL_RETRANS,   /* a final response again, same code and To tag */
    OC_PROV_RETRANS,    /* a provisional again, same code as the last one */
    OC_FORKED,          /* another final with another To tag (forked 2xx) */
    OC_NO_REQUEST,      /* transactions seen by their responses only */
    OC_TIMEOUTS,        /* transactions without a final response (Timer B/F) */
    OC_LATE,            /* final responses after the transaction timed out */
    OC_MCOUNTS
};
const char *oc_mcount_name(enum oc_mcount c);

/* Counters of the whole group. */
enum oc_scalar {
    OC_ATTEMPTS,        /* session attempts (initial INVITEs, retries after a challenge together) */
    OC_COMPLETED,       /* attempts answered, then ended by a BYE that got a 2xx (SCR) */
    OC_REGISTRATIONS,   /* initial REGISTERs (retries after a challenge together) */
    OC_CHALLENGES,      /* attempts and registrations retried after a 401/407 */
    OC_CALLS_EVICTED,   /* attempts dropped to stay under the cap, before an outcome */
    OC_DIALOGS_EVICTED, /* answered attempts dropped under the cap before their BYE */
    OC_TXNS_EVICTED,    /* transactions dropped to stay under the cap */
    OC_REASON_MALFORMED, /* Reason headers sipcode_parse_reason() refused */
    OC_WITHOUT_CSEQ,    /* messages without a CSeq the analyser could read (absent, over 2^32-1) */
    OC_RETRY_MALFORMED, /* Retry-After headers of final responses that are no delta-seconds */
    OC_SCALARS
};
const char *oc_scalar_name(enum oc_scalar s);
/* One line saying what a counter counts (Prometheus HELP). */
const char *oc_mcount_help(enum oc_mcount c);
const char *oc_scalar_help(enum oc_scalar s);

/* Delays of RFC 6076 section 4, successes and failures apart. */
enum oc_delay { OC_SRD, OC_RRD, OC_SDD, OC_SDT, OC_DELAYS };
const char *oc_delay_name(enum oc_delay d);

/* Buckets of a delay histogram, over microseconds: values below 16 have a
 * bucket each, then 16 buckets per power of two (each bucket at most 1/16,
 * 6.25 %, wider than its lower bound), up to 2^40 us (12.7 days); longer
 * delays go to the last bucket. */
#define OC_HIST_SUB 16
#define OC_HIST_BUCKETS (OC_HIST_SUB * 38)
unsigned oc_hist_bucket(int64_t us);
int64_t oc_hist_upper(unsigned bucket); /* largest value in the bucket */

/* Key kinds: the top 4 bits of a key. */
enum oc_kind {
    OC_K_SCALAR = 1,   /* enum oc_scalar */
    OC_K_METHOD,       /* method << 8 | enum oc_mcount */
    OC_K_FINAL,        /* method << 10 | code: finals once per transaction */
    OC_K_PROV,         /* method << 10 | code: provisionals, retransmissions apart */
    OC_K_ATTEMPT,      /* cancel << 10 | code (0: no final): attempts by final code */
    OC_K_REGISTER,     /* code (0: no final): initial REGISTERs by final code */
    OC_K_HIST,         /* (delay << 1 | failure) << 12 | bucket */
    OC_K_MAX,          /* delay << 1 | failure: largest delay, us (merges by max) */
    OC_K_SUM,          /* delay << 1 | failure: sum of the delays, us */
    OC_K_REASON,       /* code << 14 | protocol << 12 | cause: Reason causes per final code */
    OC_K_WARNING,      /* code << 10 | warn-code */
    OC_K_DISAGREE,     /* code << 8 | Q.850 cause: responses disagreeing with RFC 3398 */
    OC_K_RETRY,        /* code << 12 | Retry-After seconds (OC_RETRY_MORE: longer) */
    OC_KINDS
};
/* Retry-After values are kept exactly up to an hour; longer ones count as
 * this value. */
#define OC_RETRY_MAX 3600
#define OC_RETRY_MORE (OC_RETRY_MAX + 1)
#define OC_KEY(kind, payload) ((uint32_t)(kind) << 28 | (uint32_t)(payload))
#define OC_KIND(key) ((key) >> 28)
#define OC_PAYLOAD(key) ((key) & 0x0fffffffu)

struct oc_entry {
    uint32_t key;
    uint64_t value;
};

/* The counts of one group. */
struct oc_stats {
    struct oc_entry *e; /* sorted by key */
    size_t n, cap;
    int failed;         /* an allocation failed: some counts are missing */
};

void oc_stats_free(struct oc_stats *s);
void oc_add(struct oc_stats *s, uint32_t key, uint64_t n);
void oc_max(struct oc_stats *s, uint32_t key, uint64_t v);
uint64_t oc_get(const struct oc_stats *s, uint32_t key);
/* Adds every entry of from into to (OC_K_MAX by maximum). */
void oc_merge(struct oc_stats *to, const struct oc_stats *from);
/* Records a delay (us) in its histogram and maximum. */
void oc_delay(struct oc_stats *s, enum oc_delay d, int failure, int64_t us);

/* A delay histogram read back: count, and the value at a quantile (the upper
 * bound of the bucket holding it, never more than the maximum); q in 0..1. */
uint64_t oc_hist_count(const struct oc_stats *s, enum oc_delay d, int failure);
int64_t oc_hist_quantile(const struct oc_stats *s, enum oc_delay d, int failure, double q);

#endif
