/* SPDX-License-Identifier: MIT */
/* What txn.c, calls.c and outcomes.c share. */
#ifndef SIPCODE_OC_INTERNAL_H
#define SIPCODE_OC_INTERNAL_H

#include "outcomes.h"
#include "table.h"

#define OC_NO_GROUP UINT32_MAX

struct oc {
    struct oc_opts opts;
    struct oc_stats total;
    struct oc_group *groups;
    size_t ngroups, groups_cap;
    uint32_t *group_index; /* open addressing over group keys: index + 1, 0 empty */
    uint64_t *group_keys;
    size_t group_index_size;
    uint32_t other_group;   /* "(other)" once groups_max is reached */
    struct table txns, calls;
    int64_t now;            /* us, time of the record being counted */
};


/* Counts into the total and into group g (OC_NO_GROUP: the total only). */
void oc_count(struct oc *oc, uint32_t g, uint32_t key, uint64_t n);
void oc_count_delay(struct oc *oc, uint32_t g, enum oc_delay d, int failure, int64_t us);

/* The group a record starts a transaction or call in (outcomes.c). */
uint32_t oc_record_group(struct oc *oc, const struct an_record *r);

/* txn.c: returns 1 when the record is new to its transaction (not a
 * retransmission, not late), so that the call layer should see it. *g is
 * the group the transaction counts in. */
int txn_record(struct oc *oc, const struct an_record *r, enum oc_method m, uint32_t *g);
void txn_expire(struct oc *oc, int all);
size_t txn_size(void);

/* calls.c */
void calls_request(struct oc *oc, const struct an_record *r, enum oc_method m, uint32_t g);
void calls_response(struct oc *oc, const struct an_record *r, enum oc_method m);
void calls_expire(struct oc *oc, int all);
size_t call_size(void);

#endif
