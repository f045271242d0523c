/* SPDX-License-Identifier: MIT */
/* From SIP message records to what an operator asks of a capture: the
 * transactions of each method (RFC 3261 section 17), the session attempts
 * and their outcomes, the RFC 6076 section 4 metrics and delays, and the
 * Reason causes and Warning codes of final responses; counted for the whole
 * capture and, on request, per source, destination or Request-URI domain and
 * per time bucket.
 *
 *   txn.c       transactions: retransmissions, per method x code counts
 *   calls.c     session attempts, registrations, dialogs: outcomes, delays
 *   outcomes.c  the record callback, groups, Reason and Warning
 *   stats.c     the counts (stats.h); oc_report.c the output formats and merge
 *
 * Memory is bounded: transactions and calls in flight each have a cap, and
 * every eviction is counted. */
#ifndef SIPCODE_OUTCOMES_H
#define SIPCODE_OUTCOMES_H

#include <stddef.h>
#include <stdint.h>

#include "analyser.h"
#include "stats.h"

/* RFC 3261's 64*T1 (Timers B, F, H, J), microseconds: how long a
 * transaction or a session attempt waits for its final response. */
#define OC_TIMER_64T1 32000000

enum oc_by { OC_BY_NONE, OC_BY_SRC, OC_BY_DST, OC_BY_DOMAIN };

struct oc_opts {
    size_t calls_max;  /* session attempts and registrations in flight */
    size_t txns_max;   /* transactions in flight */
    size_t groups_max; /* groups told apart; later ones count as "(other)" */
    enum oc_by by;
    int64_t interval_us; /* time buckets of this width; 0: none */
};

void oc_opts_default(struct oc_opts *o); /* 100,000 calls and transactions, 10,000 groups */

#define OC_GROUP_NAME_MAX 64

struct oc_group {
    char name[OC_GROUP_NAME_MAX]; /* "" without --by */
    int64_t bucket;               /* start of the time bucket, s; 0 without --interval */
    struct oc_stats st;
};

struct oc;

struct oc *oc_new(const struct oc_opts *o); /* NULL when out of memory */
/* An an_record_fn: ctx is the struct oc. */
void oc_record(void *ctx, const struct an_record *r);
/* End of the capture: what is still in flight gets its outcome. */
void oc_finish(struct oc *oc);
void oc_free(struct oc *oc);

struct oc_stats *oc_total(struct oc *oc);
/* Groups in the order first seen; none without --by or --interval. */
struct oc_group *oc_groups(struct oc *oc, size_t *n);
const struct oc_opts *oc_options(const struct oc *oc);
/* Bytes held by the tables of calls and transactions in flight, and the
 * entries each can hold: the memory bound, measured by the structure. */
size_t oc_call_bytes(const struct oc *oc);
size_t oc_txn_bytes(const struct oc *oc);

#endif
