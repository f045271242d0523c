/* SPDX-License-Identifier: MIT */
/* Reassembly: IP fragments into datagrams, TCP segments into ordered byte
 * streams. Both hold captured bytes for a while, so both have hard caps
 * (struct an_limits): a datagram or stream that would pass them is dropped
 * and counted, the oldest first, so a flood of incomplete fragments or a
 * stream that never ends costs a bounded amount of memory. */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ fragments */

#define FRAG_TIMEOUT 30   /* seconds of capture time a datagram may take */
#define FRAG_SIZE 65536   /* largest datagram: IP's 16-bit length */

struct frag {
    int used;
    int depth;
    struct frag_key key;
    struct flow fl;
    int64_t first_sec;
    uint8_t *buf;
    size_t cap;
    size_t total; /* payload length, known once the last fragment came; else 0 */
    uint8_t have[FRAG_SIZE / 8 / 8]; /* one bit per 8-byte block received */
};

struct frag_table {
    struct frag *slots;
    size_t n;
    size_t bytes;
};

static void frag_drop(struct analyser *an, struct frag *f, int count)
{
    if (count)
        an_count(an, AN_FRAGMENT);
    an->frags->bytes -= f->cap;
    free(f->buf);
    memset(f, 0, sizeof *f);
}

/* The slot of the datagram that has waited longest, other than keep. */
static struct frag *frag_oldest(struct frag_table *t, const struct frag *keep)
{
    struct frag *old = NULL;
    size_t i;

    for (i = 0; i < t->n; i++)
        if (t->slots[i].used && &t->slots[i] != keep &&
            (!old || t->slots[i].first_sec < old->first_sec))
            old = &t->slots[i];
    return old;
}

static int frag_complete(const struct frag *f)
{
    size_t b, blocks;

    if (!f->total)
        return 0;
    blocks = (f->total + 7) / 8;
    for (b = 0; b < blocks; b++)
        if (!(f->have[b / 8] & (1u << (b % 8))))
            return 0;
    return 1;
}

void reasm_fragment(struct analyser *an, const struct frag_key *key, const struct flow *fl,
                    size_t offset, int more, const uint8_t *p, size_t len, int depth)
{
    struct frag_table *t = an->frags;
    struct frag *f = NULL, *free_slot = NULL;
    size_t i, end = offset + len, b;

    if (end > FRAG_SIZE || (more && (len % 8 != 0 || len == 0))) {
        an_count(an, AN_BAD_PACKET);
        return;
    }
    for (i = 0; i < t->n; i++) {
        struct frag *s = &t->slots[i];
        if (s->used && an->sec - s->first_sec > FRAG_TIMEOUT)
            frag_drop(an, s, 1);
        if (!s->used) {
            if (!free_slot)
                free_slot = s;
        } else if (memcmp(&s->key, key, sizeof *key) == 0) {
            f = s;
        }
    }
    if (!f) {
        if (!free_slot) {
            free_slot = frag_oldest(t, NULL);
            if (!free_slot)
                return; /* no slots at all */
            frag_drop(an, free_slot, 1);
        }
        f = free_slot;
        f->used = 1;
        f->key = *key;
        f->fl = *fl;
        f->depth = depth;
        f->first_sec = an->sec;
    }
    if (end > f->cap) {
        size_t cap = f->cap ? f->cap : 2048;
        uint8_t *nb;
        while (cap < end)
            cap *= 2;
        if (cap > FRAG_SIZE)
            cap = FRAG_SIZE;
        while (t->bytes + cap - f->cap > an->lim.frag_bytes_max) {
            struct frag *old = frag_oldest(t, f);
            if (!old) {
                frag_drop(an, f, 1);
                return;
            }
            frag_drop(an, old, 1);
        }
        nb = realloc(f->buf, cap);
        if (!nb) {
            frag_drop(an, f, 1);
            return;
        }
        t->bytes += cap - f->cap;
        f->buf = nb;
        f->cap = cap;
    }
    memcpy(f->buf + offset, p, len);
    for (b = offset / 8; len && b <= (end - 1) / 8; b++)
        f->have[b / 8] = (uint8_t)(f->have[b / 8] | (1u << (b % 8)));
    if (!more)
        f->total = end;
    if (frag_complete(f)) {
        struct flow done = f->fl;
        uint8_t *buf = f->buf;
        size_t total = f->total, cap = f->cap;
        int proto = f->key.proto, d = f->depth;
        /* The slot is free before the payload is decoded: a tunnel inside
         * may fragment again. */
        f->buf = NULL;
        f->cap = 0;
        t->bytes -= cap;
        memset(f, 0, sizeof *f);
        an_l4(an, &done, proto, buf, total, d);
        free(buf);
    }
}

/* ------------------------------------------------------------ TCP */

#define TCP_FIN 0x01
#define TCP_SYN 0x02
#define TCP_RST 0x04

struct seg {
    struct seg *next;
    uint32_t seq;
    size_t len;
    uint8_t data[];
};

struct stream {
    struct stream *hnext;
    struct stream *older, *newer; /* least recently used order */
    struct an_endpoint src, dst;
    size_t bucket;
    uint32_t next_seq;
    int synced; /* next_seq is set */
    int fin_seen;
    uint32_t fin_seq;
    struct seg *ooo; /* segments ahead of next_seq, by sequence number */
    size_t ooo_bytes;
    struct msg_stream ms;
};

struct tcp_table {
    struct stream **buckets;
    size_t nbuckets;
    size_t count;
    struct stream lru; /* lru.newer is the oldest stream, lru.older the newest */
    struct stream *current; /* not evicted to make room for itself */
};

static size_t endpoint_hash(const struct an_endpoint *a, const struct an_endpoint *b)
{
    uint64_t h = 1469598103934665603u;
    size_t i, n = a->family == 6 ? 16 : 4;

    for (i = 0; i < n; i++) {
        h = (h ^ a->addr[i]) * 1099511628211u;
        h = (h ^ b->addr[i]) * 1099511628211u;
    }
    h = (h ^ a->port) * 1099511628211u;
    h = (h ^ b->port) * 1099511628211u;
    return (size_t)(h ^ (h >> 29));
}

static int same_endpoint(const struct an_endpoint *a, const struct an_endpoint *b)
{
    return a->family == b->family && a->port == b->port &&
           memcmp(a->addr, b->addr, a->family == 6 ? 16 : 4) == 0;
}

static void lru_unlink(struct stream *s)
{
    s->older->newer = s->newer;
    s->newer->older = s->older;
}

static void lru_push(struct tcp_table *t, struct stream *s)
{
    s->older = t->lru.older;
    s->newer = &t->lru;
    t->lru.older->newer = s;
    t->lru.older = s;
}

static void seg_free_all(struct analyser *an, struct stream *s)
{
    while (s->ooo) {
        struct seg *n = s->ooo->next;
        free(s->ooo);
        s->ooo = n;
    }
    reasm_release(an, s->ooo_bytes);
    s->ooo_bytes = 0;
}

static void stream_free(struct analyser *an, struct stream *s)
{
    struct tcp_table *t = an->tcp;
    struct stream **pp = &t->buckets[s->bucket];

    while (*pp != s)
        pp = &(*pp)->hnext;
    *pp = s->hnext;
    lru_unlink(s);
    seg_free_all(an, s);
    msg_stream_free(an, &s->ms);
    t->count--;
    free(s);
}

/* Drops the stream least recently seen: what it held is lost. */
static int evict_one(struct analyser *an)
{
    struct tcp_table *t = an->tcp;
    struct stream *s = t->lru.newer;

    if (s == t->current)
        s = s->newer;
    if (s == &t->lru)
        return 0;
    if (s->ooo || s->ms.len || s->ms.ws_len)
        an_count(an, AN_TCP_EVICTED);
    stream_free(an, s);
    return 1;
}

int reasm_reserve(struct analyser *an, size_t more)
{
    while (an->tcp_bytes + more > an->lim.tcp_bytes_max)
        if (!evict_one(an))
            return 0;
    an->tcp_bytes += more;
    return 1;
}

void reasm_release(struct analyser *an, size_t less)
{
    an->tcp_bytes -= less;
}

static struct stream *stream_find(struct analyser *an, const struct flow *fl, int create)
{
    struct tcp_table *t = an->tcp;
    size_t b = endpoint_hash(&fl->src, &fl->dst) % t->nbuckets;
    struct stream *s;

    for (s = t->buckets[b]; s; s = s->hnext)
        if (same_endpoint(&s->src, &fl->src) && same_endpoint(&s->dst, &fl->dst)) {
            lru_unlink(s);
            lru_push(t, s);
            return s;
        }
    if (!create)
        return NULL;
    if (t->count >= an->lim.tcp_streams_max && !evict_one(an))
        return NULL;
    s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->src = fl->src;
    s->dst = fl->dst;
    s->bucket = b;
    s->hnext = t->buckets[b];
    t->buckets[b] = s;
    lru_push(t, s);
    t->count++;
    return s;
}

/* In-order bytes from seq on: the part before next_seq was seen already. */
static void deliver(struct analyser *an, struct stream *s, const struct flow *fl, uint32_t seq,
                    const uint8_t *p, size_t len)
{
    uint32_t behind = s->next_seq - seq;

    if (behind >= len)
        return;
    msg_stream_data(an, &s->ms, fl, p + behind, len - behind);
    s->next_seq = seq + (uint32_t)len;
}

static void drain(struct analyser *an, struct stream *s, const struct flow *fl, int force)
{
    while (s->ooo) {
        struct seg *g = s->ooo;
        if ((int32_t)(g->seq - s->next_seq) > 0) {
            if (!force)
                return;
            /* Bytes before this segment were never captured. */
            an_count(an, AN_TCP_GAP);
            msg_stream_gap(an, &s->ms);
            s->next_seq = g->seq;
        }
        s->ooo = g->next;
        s->ooo_bytes -= g->len;
        reasm_release(an, g->len);
        deliver(an, s, fl, g->seq, g->data, g->len);
        free(g);
    }
}

static int queue(struct analyser *an, struct stream *s, uint32_t seq, const uint8_t *p,
                 size_t len)
{
    struct seg *g, **pp = &s->ooo;

    if (s->ooo_bytes + len > an->lim.tcp_stream_bytes_max || !reasm_reserve(an, len))
        return 0;
    g = malloc(sizeof *g + len);
    if (!g) {
        reasm_release(an, len);
        return 0;
    }
    g->seq = seq;
    g->len = len;
    memcpy(g->data, p, len);
    while (*pp && (int32_t)((*pp)->seq - seq) <= 0)
        pp = &(*pp)->next;
    g->next = *pp;
    *pp = g;
    s->ooo_bytes += len;
    return 1;
}

void reasm_tcp(struct analyser *an, const struct flow *fl, uint32_t seq, unsigned flags,
               const uint8_t *p, size_t len, size_t lost)
{
    struct stream *s = stream_find(an, fl, len > 0 || (flags & TCP_SYN));

    (void)lost;
    if (!s)
        return;
    an->tcp->current = s;
    if (flags & TCP_RST) {
        drain(an, s, fl, 1);
        msg_stream_end(an, &s->ms);
        stream_free(an, s);
        an->tcp->current = NULL;
        return;
    }
    if (flags & TCP_SYN) {
        s->next_seq = seq + 1;
        s->synced = 1;
        an->tcp->current = NULL;
        return;
    }
    if (!s->synced) { /* picked up in the middle: start here */
        s->next_seq = seq;
        s->synced = 1;
    }
    if (flags & TCP_FIN) {
        s->fin_seen = 1;
        s->fin_seq = seq + (uint32_t)len;
    }
    if (len) {
        if ((int32_t)(seq - s->next_seq) <= 0) {
            deliver(an, s, fl, seq, p, len);
            drain(an, s, fl, 0);
        } else if (!queue(an, s, seq, p, len)) {
            /* No room to wait for the missing bytes: give them up. */
            drain(an, s, fl, 1);
            if ((int32_t)(seq - s->next_seq) > 0) {
                an_count(an, AN_TCP_GAP);
                msg_stream_gap(an, &s->ms);
                s->next_seq = seq;
            }
            deliver(an, s, fl, seq, p, len);
        }
    }
    if (s->fin_seen && s->next_seq == s->fin_seq) {
        msg_stream_end(an, &s->ms);
        stream_free(an, s);
    }
    an->tcp->current = NULL;
}

/* ------------------------------------------------------------ lifetime */

int reasm_init(struct analyser *an)
{
    an->frags = calloc(1, sizeof *an->frags);
    an->tcp = calloc(1, sizeof *an->tcp);
    if (!an->frags || !an->tcp)
        return -1;
    an->frags->n = an->lim.frags_max;
    an->frags->slots = calloc(an->frags->n ? an->frags->n : 1, sizeof *an->frags->slots);
    an->tcp->nbuckets = an->lim.tcp_streams_max * 2 + 1;
    an->tcp->buckets = calloc(an->tcp->nbuckets, sizeof *an->tcp->buckets);
    an->tcp->lru.newer = an->tcp->lru.older = &an->tcp->lru;
    return an->frags->slots && an->tcp->buckets ? 0 : -1;
}

void reasm_finish(struct analyser *an)
{
    struct tcp_table *t = an->tcp;
    size_t i;

    for (i = 0; i < an->frags->n; i++)
        if (an->frags->slots[i].used)
            frag_drop(an, &an->frags->slots[i], 1);
    while (t->lru.newer != &t->lru) {
        struct stream *s = t->lru.newer;
        struct flow fl;
        memset(&fl, 0, sizeof fl);
        fl.src = s->src;
        fl.dst = s->dst;
        fl.transport = AN_TCP;
        fl.sec = an->sec;
        fl.nsec = an->nsec;
        t->current = s;
        drain(an, s, &fl, 1);
        msg_stream_end(an, &s->ms);
        t->current = NULL;
        stream_free(an, s);
    }
}

void reasm_free(struct analyser *an)
{
    if (an->tcp && an->tcp->buckets)
        while (an->tcp->lru.newer != &an->tcp->lru)
            stream_free(an, an->tcp->lru.newer);
    if (an->frags && an->frags->slots) {
        size_t i;
        for (i = 0; i < an->frags->n; i++)
            free(an->frags->slots[i].buf);
        free(an->frags->slots);
    }
    if (an->tcp)
        free(an->tcp->buckets);
    free(an->frags);
    free(an->tcp);
}
