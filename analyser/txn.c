/* SPDX-License-Identifier: MIT */
/* Transactions (RFC 3261 section 17): a response belongs to the request
 * with the same topmost Via branch, CSeq number and CSeq method (and, for
 * the RFC 2543 clients that send no branch, the same Call-ID). A final
 * response counts once per transaction, for its method and code; the same
 * request again, or the same final (code and To tag) again, is a
 * retransmission and counted apart; another final with another To tag is
 * a forked response. A transaction lives 64*T1 after its last request or
 * final response (Timers B, F, H, J), so that retransmissions are still
 * recognised; without a final response by then it has timed out, and it is
 * kept 64*T1 more so that a final still to come counts as late. An INVITE
 * transaction that got a provisional response waits no longer: its final
 * must come within 64*T1 of the INVITE (doc/outcomes.md says why not Timer
 * C). ACK is not a transaction of its own here: its requests are counted,
 * nothing else. */
#include "oc_internal.h"

#include <string.h>

struct txn {
    struct tab_node nd;
    int64_t t_final;
    uint32_t group;
    uint32_t final_tag; /* hash of the To tag of the first final */
    uint16_t final_code, last_prov;
    uint8_t method, has_request, final_seen;
    uint8_t timed_out; /* timed out: kept 64*T1 more to know late finals */
};

size_t txn_size(void)
{
    return sizeof(struct txn);
}

static uint64_t txn_key(const struct an_record *r)
{
    uint64_t h = tab_hash(TAB_HASH_INIT ^ r->cseq, r->via_branch.p, r->via_branch.len);

    h = tab_hash(h, r->cseq_method.p, r->cseq_method.len);
    if (!r->via_branch.len)
        h = tab_hash(h, r->call_id.p, r->call_id.len);
    return h;
}

static void count_m(struct oc *oc, uint32_t g, enum oc_method m, enum oc_mcount c)
{
    oc_count(oc, g, OC_KEY(OC_K_METHOD, (uint32_t)m << 8 | (uint32_t)c), 1);
}

/* A transaction past its deadline. Without a final response it has timed
 * out: that is counted, and it stays 64*T1 more so that a final coming
 * late is known as late, not taken for a response without its request.
 * Otherwise (or at the end, or when it had already timed out) it leaves:
 * NULL. */
static struct txn *txn_due(struct oc *oc, struct txn *t, int end)
{
    if (!t->final_seen && !t->timed_out && t->method != OC_M_ACK) {
        count_m(oc, t->group, (enum oc_method)t->method, OC_TIMEOUTS);
        t->timed_out = 1;
        if (!end) {
            t->nd.deadline = oc->now + OC_TIMER_64T1;
            tab_touch(&oc->txns, t, 0);
            return t;
        }
    }
    tab_remove(&oc->txns, t);
    return NULL;
}

void txn_expire(struct oc *oc, int all)
{
    struct txn *t;
    int budget = 8;

    while ((t = tab_oldest(&oc->txns, 0)) && (all || (t->nd.deadline < oc->now && budget--)))
        txn_due(oc, t, all);
}

static struct txn *txn_new(struct oc *oc, uint64_t key, uint32_t g, enum oc_method m)
{
    struct txn *t = tab_insert(&oc->txns, key, 0);

    if (!t) {
        struct txn *old = tab_oldest(&oc->txns, 0);
        if (!old->timed_out) /* one that timed out had ended already */
            oc_count(oc, old->group, OC_KEY(OC_K_SCALAR, OC_TXNS_EVICTED), 1);
        tab_remove(&oc->txns, old);
        t = tab_insert(&oc->txns, key, 0);
    }
    t->group = g;
    t->method = (uint8_t)m;
    t->nd.deadline = oc->now + OC_TIMER_64T1;
    count_m(oc, g, m, OC_TRANSACTIONS);
    return t;
}

int txn_record(struct oc *oc, const struct an_record *r, enum oc_method m, uint32_t *g)
{
    uint64_t key;
    struct txn *t;

    if (!r->code && m == OC_M_ACK) { /* no transaction: no lookup */
        *g = oc_record_group(oc, r);
        count_m(oc, *g, m, OC_REQUESTS);
        return 1;
    }
    key = txn_key(r);
    t = tab_find(&oc->txns, key);

    if (t && t->nd.deadline < oc->now)
        t = txn_due(oc, t, 0);
    if (t && t->timed_out) {
        /* The request again, or a response, after the transaction timed
         * out: a retransmission, a late final; a provisional is dropped. */
        *g = t->group;
        if (!r->code) {
            count_m(oc, t->group, m, OC_REQUESTS);
            count_m(oc, t->group, m, OC_REQ_RETRANS);
        } else if (r->code >= 200) {
            count_m(oc, t->group, m, OC_LATE);
        }
        return 0;
    }
    if (!r->code) {
        *g = t ? t->group : oc_record_group(oc, r);
        count_m(oc, *g, m, OC_REQUESTS);
        if (t && t->has_request) {
            count_m(oc, t->group, m, OC_REQ_RETRANS);
            tab_touch(&oc->txns, t, 0);
            return 0;
        }
        if (!t)
            t = txn_new(oc, key, *g, m);
        t->has_request = 1;
        if (!t->final_seen)
            t->nd.deadline = oc->now + OC_TIMER_64T1;
        tab_touch(&oc->txns, t, 0);
        return 1;
    }
    if (!t) {
        *g = oc_record_group(oc, r);
        t = txn_new(oc, key, *g, m);
        count_m(oc, *g, m, OC_NO_REQUEST);
    }
    *g = t->group;
    tab_touch(&oc->txns, t, 0);
    if (r->code < 200) {
        if (t->final_seen || r->code == t->last_prov) {
            count_m(oc, t->group, m, OC_PROV_RETRANS);
            return 0;
        }
        t->last_prov = (uint16_t)r->code;
        oc_count(oc, t->group, OC_KEY(OC_K_PROV, (uint32_t)m << 10 | (uint32_t)r->code), 1);
        return 1;
    }
    if (!t->final_seen) {
        t->final_seen = 1;
        t->final_code = (uint16_t)r->code;
        t->final_tag = (uint32_t)tab_hash(TAB_HASH_INIT, r->to_tag.p, r->to_tag.len);
        t->t_final = oc->now;
        t->nd.deadline = oc->now + OC_TIMER_64T1;
        oc_count(oc, t->group, OC_KEY(OC_K_FINAL, (uint32_t)m << 10 | (uint32_t)r->code), 1);
        return 1;
    }
    if (r->code == t->final_code &&
        t->final_tag == (uint32_t)tab_hash(TAB_HASH_INIT, r->to_tag.p, r->to_tag.len)) {
        count_m(oc, t->group, m, OC_FINAL_RETRANS);
        return 0;
    }
    count_m(oc, t->group, m, OC_FORKED);
    return 0;
}
