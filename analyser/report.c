/* SPDX-License-Identifier: MIT */
/* Counting records for `sipcode scan`: responses per code and phrase (the
 * trace scanner's struct scan, so text and captures count alike), requests
 * per method, messages per transport, retransmissions, and the analyser's
 * "not decoded" counts; and the sections of the report that are about
 * captures, as text rows or JSON members. */
#define _POSIX_C_SOURCE 200112L /* inet_ntop */
#include "report.h"

#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "table.h"

/* A retransmission, as tshark's SIP statistics count "resent" packets: over
 * UDP, within one Call-ID between the same two address:port pairs, the
 * same CSeq number and method again while that transaction's request (ACK
 * and CANCEL aside) or final response (the same code) was the last seen.
 * The state per (Call-ID, source, destination) sits in a fixed table of
 * RESEND_SETS sets of RESEND_WAYS slots, the set chosen by a 64-bit hash:
 * a key new to a full set forgets the set's least recently used one, so
 * memory stays fixed (RESEND_SETS * RESEND_WAYS * 16 bytes, 1 MB) and the
 * lines a capture touches stay few. */
#define RESEND_WAYS 4u
#define RESEND_SETS (1u << 14)

enum { SEEN_NOTHING, SEEN_REQUEST, SEEN_PROVISIONAL, SEEN_FINAL };

struct resend_slot {
    uint64_t key;
    uint32_t cseq;
    uint16_t code;
    uint8_t state;
    uint8_t method; /* low byte of the CSeq method's hash */
};

/* The two address:port pairs packed into key[]: the bytes written. */
static size_t endpoints_key(unsigned char *key, const struct an_endpoint *src,
                            const struct an_endpoint *dst)
{
    const struct an_endpoint *e[2];
    size_t n = 0, k, len;
    int i;

    e[0] = src;
    e[1] = dst;
    for (i = 0; i < 2; i++) {
        len = e[i]->family == 6 ? 16 : 4;
        key[n++] = e[i]->family;
        key[n++] = (unsigned char)(e[i]->port >> 8);
        key[n++] = (unsigned char)e[i]->port;
        for (k = 0; k < len; k++)
            key[n++] = e[i]->addr[k];
    }
    return n;
}

/* The slot of key in its set, moved to the front of the set: the key's own
 * slot, or the set's least recently used one (its key is then another). */
static struct resend_slot *resend_way(struct resend_slot *set, uint64_t key)
{
    struct resend_slot found;
    unsigned w;

    for (w = 0; w + 1 < RESEND_WAYS && set[w].key != key; w++)
        ;
    found = set[w];
    memmove(set + 1, set, w * sizeof *set);
    set[0] = found;
    return set;
}

static int is_resend(struct report *rp, const struct an_record *r)
{
    uint64_t key;
    unsigned char ends[2 * 19];
    uint8_t method;
    struct resend_slot *s;
    int resend = 0;

    if (r->transport != AN_UDP || !r->has_cseq || !rp->resend)
        return 0;
    key = tab_hash(TAB_HASH_INIT, r->call_id.p, r->call_id.len);
    key = tab_hash(key, ends, endpoints_key(ends, &r->src, &r->dst));
    method = (uint8_t)tab_hash(TAB_HASH_INIT, r->cseq_method.p, r->cseq_method.len);
    s = resend_way(&rp->resend[key % RESEND_SETS * RESEND_WAYS], key);
    if (s->key != key) {
        memset(s, 0, sizeof *s);
        s->key = key;
    } else if (s->cseq == r->cseq && s->method == method) {
        int ack_or_cancel = (r->cseq_method.len == 3 && memcmp(r->cseq_method.p, "ACK", 3) == 0) ||
                            (r->cseq_method.len == 6 && memcmp(r->cseq_method.p, "CANCEL", 6) == 0);
        if (!r->code)
            resend = s->state == SEEN_REQUEST && !ack_or_cancel;
        else
            resend = r->code >= 200 && s->state == SEEN_FINAL && s->code == r->code;
    }
    s->cseq = r->cseq;
    s->method = method;
    if (!r->code) {
        s->state = SEEN_REQUEST;
    } else if (r->code >= 200) {
        s->state = SEEN_FINAL;
        s->code = (uint16_t)r->code;
    } else {
        s->state = SEEN_PROVISIONAL;
    }
    return resend;
}

int report_init(struct report *rp)
{
    memset(rp, 0, sizeof *rp);
    scan_init(&rp->codes);
    rp->resend = calloc(RESEND_SETS * RESEND_WAYS, sizeof *rp->resend);
    return rp->resend ? 0 : -1;
}

void report_free(struct report *rp)
{
    scan_free(&rp->codes);
    free(rp->resend);
    memset(rp, 0, sizeof *rp);
}

static void count_method(struct report *rp, struct an_str m, unsigned long long n)
{
    size_t i;
    struct report_method *e;

    for (i = 0; i < rp->nmethods; i++) {
        e = &rp->methods[i];
        if (e->len == m.len && memcmp(e->name, m.p, m.len) == 0) {
            e->count += n;
            return;
        }
    }
    if (rp->nmethods == REPORT_METHODS || m.len > sizeof rp->methods[0].name) {
        rp->other_methods += n;
        return;
    }
    e = &rp->methods[rp->nmethods++];
    memcpy(e->name, m.p, m.len);
    e->len = m.len;
    e->count = n;
}

void report_record(void *ctx, const struct an_record *r)
{
    struct report *rp = ctx;

    rp->messages++;
    if ((unsigned)r->transport < AN_TRANSPORTS)
        rp->transports[r->transport]++;
    if (is_resend(rp, r))
        rp->retransmissions++;
    if (r->code) {
        struct sipcode_status_line sl;
        sl.code = r->code;
        sl.phrase = r->phrase.p;
        sl.phrase_len = r->phrase.len;
        sl.known = r->phrase_known;
        scan_count(&rp->codes, &sl);
    } else {
        rp->requests++;
        count_method(rp, r->method, 1);
    }
}

static int name_index(const char *(*name)(int), int n, const char *key, size_t len)
{
    int i;

    for (i = 0; i < n; i++)
        if (strlen(name(i)) == len && memcmp(name(i), key, len) == 0)
            return i;
    return -1;
}

static const char *transport_name(int t)
{
    return an_transport_name((enum an_transport)t);
}

static const char *reason_name(int t)
{
    return an_reason_name((enum an_reason)t);
}

int report_merge(void *ctx, enum oc_base what, int code, const char *key, size_t len, uint64_t n)
{
    struct report_sum *s = ctx;
    struct sipcode_status_line sl;
    struct an_str m;
    int i;

    switch (what) {
    case OC_B_SCALAR:
        if ((len == 12 && memcmp(key, "status_lines", len) == 0))
            s->rp->codes.status_lines += n;
        else if ((len == 8 && memcmp(key, "messages", len) == 0))
            s->rp->messages += n;
        else if ((len == 8 && memcmp(key, "requests", len) == 0))
            s->rp->requests += n;
        else if ((len == 15 && memcmp(key, "retransmissions", len) == 0))
            s->rp->retransmissions += n;
        else
            s->an->packets += n;
        return 0;
    case OC_B_PHRASE:
    case OC_B_CANONICAL:
        sl.code = code;
        sl.phrase = what == OC_B_PHRASE ? key : sipcode_phrase(code);
        if (!sl.phrase)
            sl.phrase = "";
        sl.phrase_len = what == OC_B_PHRASE ? len : strlen(sl.phrase);
        sl.known = 0;
        scan_add(&s->rp->codes, &sl, n);
        s->rp->codes.status_lines -= n; /* "status_lines" has them */
        return 0;
    case OC_B_OTHER_PHRASES:
        if (!s->rp->codes.codes[code - 100]) {
            sl.code = code;
            sl.phrase = "";
            sl.phrase_len = 0;
            sl.known = 0;
            scan_add(&s->rp->codes, &sl, 0);
        }
        if (s->rp->codes.codes[code - 100]) {
            s->rp->codes.codes[code - 100]->count += n;
            s->rp->codes.codes[code - 100]->overflow += n;
        }
        return 0;
    case OC_B_METHOD:
        if (len == 15 && memcmp(key, "(other methods)", 15) == 0) {
            s->rp->other_methods += n;
        } else {
            m.p = key;
            m.len = len;
            count_method(s->rp, m, n);
        }
        return 0;
    case OC_B_TRANSPORT:
        i = name_index(transport_name, AN_TRANSPORTS, key, len);
        if (i >= 0)
            s->rp->transports[i] += n;
        return i >= 0 ? 0 : -1;
    case OC_B_NOT_DECODED:
        i = name_index(reason_name, AN_REASONS, key, len);
        if (i >= 0)
            s->an->not_decoded[i] += n;
        return i >= 0 ? 0 : -1;
    default: /* OC_B_MALFORMED: the first one */
        if (!s->an->bad_line_len) {
            s->an->bad_line_len = len < sizeof s->an->bad_line ? len : sizeof s->an->bad_line;
            memcpy(s->an->bad_line, key, s->an->bad_line_len);
        }
        return 0;
    }
}

/* Methods in the order of their names, for output that does not depend on
 * the order of the capture. */
static int by_name(const void *a, const void *b)
{
    const struct report_method *x = a, *y = b;
    size_t n = x->len < y->len ? x->len : y->len;
    int c = memcmp(x->name, y->name, n);

    return c ? c : (x->len > y->len) - (x->len < y->len);
}

void report_text(struct report *rp, const struct an_counts *an, FILE *f)
{
    size_t i;
    int t;

    qsort(rp->methods, rp->nmethods, sizeof rp->methods[0], by_name);
    fprintf(f, "total\tmessages\t%llu\n", rp->messages);
    fprintf(f, "total\trequests\t%llu\n", rp->requests);
    fprintf(f, "total\tretransmissions\t%llu\n", rp->retransmissions);
    if (an)
        fprintf(f, "total\tpackets\t%llu\n", an->packets);
    for (i = 0; i < rp->nmethods; i++) {
        fprintf(f, "method\t");
        text_escaped(f, rp->methods[i].name, rp->methods[i].len);
        fprintf(f, "\t%llu\n", rp->methods[i].count);
    }
    if (rp->other_methods)
        fprintf(f, "method\t(other methods)\t%llu\n", rp->other_methods);
    for (t = 0; t < AN_TRANSPORTS; t++)
        if (rp->transports[t])
            fprintf(f, "transport\t%s\t%llu\n", an_transport_name((enum an_transport)t),
                    rp->transports[t]);
    if (!an)
        return;
    for (t = 0; t < AN_REASONS; t++) {
        if (!an->not_decoded[t])
            continue;
        fprintf(f, "not-decoded\t%s\t%llu", an_reason_name((enum an_reason)t), an->not_decoded[t]);
        if (t == AN_MALFORMED) {
            fputs("\t\"", f);
            text_escaped(f, an->bad_line, an->bad_line_len);
            fputc('"', f);
        }
        fputc('\n', f);
    }
}

void report_json(struct report *rp, const struct an_counts *an, FILE *f)
{
    size_t i;
    int t, first = 1;

    qsort(rp->methods, rp->nmethods, sizeof rp->methods[0], by_name);
    fprintf(f, ", \"messages\": %llu, \"requests\": %llu, \"retransmissions\": %llu",
            rp->messages, rp->requests, rp->retransmissions);
    fprintf(f, ", \"packets\": %llu, \"methods\": {", an ? an->packets : 0ULL);
    for (i = 0; i < rp->nmethods; i++) {
        fputs(i ? ", " : "", f);
        json_string(f, rp->methods[i].name, rp->methods[i].len);
        fprintf(f, ": %llu", rp->methods[i].count);
    }
    if (rp->other_methods)
        fprintf(f, "%s\"(other methods)\": %llu", rp->nmethods ? ", " : "", rp->other_methods);
    fputs("}, \"transports\": {", f);
    for (t = 0; t < AN_TRANSPORTS; t++) {
        if (!rp->transports[t])
            continue;
        fprintf(f, "%s\"%s\": %llu", first ? "" : ", ", an_transport_name((enum an_transport)t),
                rp->transports[t]);
        first = 0;
    }
    fputs("}, \"not_decoded\": {", f);
    first = 1;
    for (t = 0; an && t < AN_REASONS; t++) {
        if (!an->not_decoded[t])
            continue;
        fprintf(f, "%s\"%s\": %llu", first ? "" : ", ", an_reason_name((enum an_reason)t),
                an->not_decoded[t]);
        first = 0;
    }
    fputs("}, \"malformed_example\": ", f);
    if (an && an->not_decoded[AN_MALFORMED])
        json_string(f, an->bad_line, an->bad_line_len);
    else
        fputs("null", f);
}

static void put_endpoint(FILE *f, const struct an_endpoint *e)
{
    char text[INET6_ADDRSTRLEN];

    if (!inet_ntop(e->family == 6 ? AF_INET6 : AF_INET, e->addr, text, sizeof text))
        strcpy(text, "?");
    fprintf(f, e->family == 6 ? "[%s]:%u" : "%s:%u", text, (unsigned)e->port);
}

static void put_field(FILE *f, struct an_str s)
{
    fputc('\t', f);
    if (s.p)
        text_escaped(f, s.p, s.len);
    else
        fputc('-', f);
}

void report_print_record(FILE *f, const struct an_record *r)
{
    fprintf(f, "record\t%lld.%09lu\t%s%s\t", (long long)r->sec, (unsigned long)r->nsec,
            an_transport_name(r->transport), r->hep_version ? "/HEP" : "");
    put_endpoint(f, &r->src);
    fputc('\t', f);
    put_endpoint(f, &r->dst);
    if (r->code) {
        fprintf(f, "\t%d", r->code);
        put_field(f, r->phrase);
    } else {
        put_field(f, r->method);
        put_field(f, r->request_uri);
    }
    if (r->has_cseq)
        fprintf(f, "\t%lu", (unsigned long)r->cseq);
    else
        fputs("\t-", f);
    put_field(f, r->cseq_method);
    put_field(f, r->call_id);
    put_field(f, r->via_branch);
    put_field(f, r->from_tag);
    put_field(f, r->to_tag);
    put_field(f, r->reason);
    put_field(f, r->warning);
    fputc('\n', f);
}
