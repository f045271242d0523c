/* SPDX-License-Identifier: MIT */
/* Session attempts, registrations and dialogs.
 *
 * An initial INVITE (no To tag) starts a session attempt, keyed by Call-ID
 * and From tag; an INVITE sent again with a new CSeq after a 401 or 407
 * belongs to it, a re-INVITE (with a To tag) does not. The attempt's outcome
 * is the final response of its last INVITE transaction; a 2xx counts once,
 * however many forks answer; 487 after the caller's CANCEL is "cancelled".
 * With no final response within 64*T1 of the last INVITE (Timer B), even
 * after provisional responses, or before the capture ends, the attempt has
 * no final response. A challenge nobody answers within
 * 64*T1 leaves the attempt "challenged and abandoned".
 *
 * An answered attempt stays as a dialog until its BYE gets a response: a
 * 2xx completes it (RFC 6076 section 4.9). REGISTERs are followed the same
 * way, keyed by Call-ID and From tag: the first REGISTER and its retries
 * after a challenge make one registration attempt (section 4.1, 4.2).
 *
 * Delays (RFC 6076 section 4), successes and failures apart:
 *   SRD  first INVITE of the attempt to its first provisional other than
 *        100, or to the 2xx when none came (success); to the failure (3xx
 *        excluded: a redirection is neither)
 *   RRD  first REGISTER to the 2xx (success) or to the failure (4xx other
 *        than a challenge, 5xx, 6xx), the challenge round trip included
 *   SDD  BYE to its 2xx (success) or to another final (failure)
 *   SDT  2xx of the INVITE to the BYE (success) */
#include "oc_internal.h"

#include <string.h>

enum call_state { C_SETUP, C_CHALLENGED, C_ANSWERED, C_BYE };
enum { LIST_SETUP, LIST_DIALOG };

struct call {
    struct tab_node nd;
    int64_t t_first, t_prov, t_answer, t_bye;
    uint32_t group, cseq, bye_cseq;
    uint16_t final;
    uint8_t is_register, state, cancelled;
};

size_t call_size(void)
{
    return sizeof(struct call);
}

static uint64_t call_key(int is_register, const struct an_str *call_id, const struct an_str *tag)
{
    uint64_t h = tab_hash(TAB_HASH_INIT ^ (uint64_t)(is_register + 1), call_id->p, call_id->len);

    return tab_hash(h, tag->p, tag->len);
}

/* The attempt ends with code (0: none): counted once. */
static void call_outcome(struct oc *oc, struct call *c, int code)
{
    if (c->is_register) {
        oc_count(oc, c->group, OC_KEY(OC_K_SCALAR, OC_REGISTRATIONS), 1);
        oc_count(oc, c->group, OC_KEY(OC_K_REGISTER, (uint32_t)code), 1);
        return;
    }
    oc_count(oc, c->group, OC_KEY(OC_K_SCALAR, OC_ATTEMPTS), 1);
    oc_count(oc, c->group,
             OC_KEY(OC_K_ATTEMPT, (code == 487 && c->cancelled ? 1u << 10 : 0u) | (uint32_t)code),
             1);
}

/* A call leaves the table at its deadline, at the end, or evicted. */
static void call_end(struct oc *oc, struct call *c, int evicted)
{
    switch (c->state) {
    case C_SETUP:
        if (evicted)
            oc_count(oc, c->group, OC_KEY(OC_K_SCALAR, OC_CALLS_EVICTED), 1);
        else
            call_outcome(oc, c, 0);
        break;
    case C_CHALLENGED:
        call_outcome(oc, c, c->final);
        break;
    default:
        if (evicted)
            oc_count(oc, c->group, OC_KEY(OC_K_SCALAR, OC_DIALOGS_EVICTED), 1);
        break;
    }
    tab_remove(&oc->calls, c);
}

void calls_expire(struct oc *oc, int all)
{
    struct call *c;
    int budget = 8;

    while ((c = tab_oldest(&oc->calls, LIST_SETUP)) &&
           (all || (c->nd.deadline < oc->now && budget--)))
        call_end(oc, c, 0);
    while (all && (c = tab_oldest(&oc->calls, LIST_DIALOG)))
        call_end(oc, c, 0);
}

static struct call *find_live(struct oc *oc, uint64_t key)
{
    struct call *c = tab_find(&oc->calls, key);

    if (c && c->nd.list == LIST_SETUP && c->nd.deadline < oc->now) {
        call_end(oc, c, 0);
        return NULL;
    }
    return c;
}

static struct call *call_new(struct oc *oc, uint64_t key, uint32_t g, int is_register)
{
    struct call *c = tab_insert(&oc->calls, key, LIST_SETUP);

    if (!c) {
        /* Full: an established dialog goes first (its outcome is counted),
         * then the attempt idle longest. */
        struct call *old = tab_oldest(&oc->calls, LIST_DIALOG);
        call_end(oc, old ? old : tab_oldest(&oc->calls, LIST_SETUP), 1);
        c = tab_insert(&oc->calls, key, LIST_SETUP);
    }
    c->group = g;
    c->is_register = (uint8_t)is_register;
    c->t_first = oc->now;
    return c;
}

/* An initial INVITE or REGISTER: a new attempt, or the retry of one. */
static void attempt_request(struct oc *oc, const struct an_record *r, int is_register, uint32_t g)
{
    uint64_t key = call_key(is_register, &r->call_id, &r->from_tag);
    struct call *c = find_live(oc, key);

    if (c && c->state == C_CHALLENGED) {
        oc_count(oc, c->group, OC_KEY(OC_K_SCALAR, OC_CHALLENGES), 1);
    } else if (c && c->state == C_SETUP) {
        /* A new CSeq before a final to the last one was seen. */
    } else {
        if (c) /* answered before: a new attempt with the same identifiers */
            call_end(oc, c, 0);
        c = call_new(oc, key, g, is_register);
    }
    c->state = C_SETUP;
    c->cseq = r->cseq;
    c->nd.deadline = oc->now + OC_TIMER_64T1;
    tab_touch(&oc->calls, c, LIST_SETUP);
}

/* The dialog a BYE or its response belongs to: the caller's tag is the From
 * tag of a BYE the caller sends, the To tag of one the callee sends. */
static struct call *dialog_of(struct oc *oc, const struct an_record *r)
{
    struct call *c = tab_find(&oc->calls, call_key(0, &r->call_id, &r->from_tag));

    if (!c || c->state < C_ANSWERED)
        c = tab_find(&oc->calls, call_key(0, &r->call_id, &r->to_tag));
    return c && c->state >= C_ANSWERED ? c : NULL;
}

void calls_request(struct oc *oc, const struct an_record *r, enum oc_method m, uint32_t g)
{
    struct call *c;

    switch (m) {
    case OC_M_INVITE:
    case OC_M_REGISTER:
        if (!r->to_tag.len && r->has_cseq)
            attempt_request(oc, r, m == OC_M_REGISTER, g);
        break;
    case OC_M_CANCEL:
        c = find_live(oc, call_key(0, &r->call_id, &r->from_tag));
        if (c && c->state == C_SETUP && r->cseq == c->cseq)
            c->cancelled = 1;
        break;
    case OC_M_BYE:
        c = dialog_of(oc, r);
        if (c && c->state == C_ANSWERED) {
            c->state = C_BYE;
            c->t_bye = oc->now;
            c->bye_cseq = r->cseq;
            oc_count_delay(oc, c->group, OC_SDT, 0, oc->now - c->t_answer);
            /* Waits for the BYE's response as any transaction does. */
            c->nd.deadline = oc->now + OC_TIMER_64T1;
            tab_touch(&oc->calls, c, LIST_SETUP);
        }
        break;
    default:
        break;
    }
}

static void attempt_final(struct oc *oc, struct call *c, int code)
{
    int failure = code >= 300;

    if (code == 401 || code == 407) {
        c->state = C_CHALLENGED;
        c->final = (uint16_t)code;
        c->nd.deadline = oc->now + OC_TIMER_64T1;
        tab_touch(&oc->calls, c, LIST_SETUP);
        return;
    }
    if (c->is_register) {
        if (code < 300 || code >= 400)
            oc_count_delay(oc, c->group, OC_RRD, failure, oc->now - c->t_first);
        call_outcome(oc, c, code);
        tab_remove(&oc->calls, c);
        return;
    }
    if (code < 300)
        oc_count_delay(oc, c->group, OC_SRD, 0, (c->t_prov ? c->t_prov : oc->now) - c->t_first);
    else if (code >= 400)
        oc_count_delay(oc, c->group, OC_SRD, 1, oc->now - c->t_first);
    call_outcome(oc, c, code);
    if (code >= 300) {
        tab_remove(&oc->calls, c);
        return;
    }
    c->state = C_ANSWERED;
    c->final = (uint16_t)code;
    c->t_answer = oc->now;
    c->nd.deadline = INT64_MAX;
    tab_touch(&oc->calls, c, LIST_DIALOG);
}

void calls_response(struct oc *oc, const struct an_record *r, enum oc_method m)
{
    struct call *c;

    if (!r->has_cseq)
        return;
    if (m == OC_M_BYE) {
        c = dialog_of(oc, r);
        if (c && c->state == C_BYE && r->cseq == c->bye_cseq && r->code >= 200) {
            int ok = r->code < 300;
            oc_count_delay(oc, c->group, OC_SDD, !ok, oc->now - c->t_bye);
            if (ok)
                oc_count(oc, c->group, OC_KEY(OC_K_SCALAR, OC_COMPLETED), 1);
            tab_remove(&oc->calls, c);
        }
        return;
    }
    if (m != OC_M_INVITE && m != OC_M_REGISTER)
        return;
    c = find_live(oc, call_key(m == OC_M_REGISTER, &r->call_id, &r->from_tag));
    if (!c || c->state != C_SETUP || r->cseq != c->cseq)
        return;
    if (r->code < 200) {
        if (c->is_register)
            return;
        if (r->code != 100 && !c->t_prov)
            c->t_prov = oc->now;
        return;
    }
    attempt_final(oc, c, r->code);
}
