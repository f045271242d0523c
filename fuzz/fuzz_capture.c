/* SPDX-License-Identifier: MIT */
/* Fuzz harness for the packet analyser (analyser/): outside bytes as a pcap
 * file. The harness reads the pcap framing itself (libpcap stays out of
 * the fuzz builds) and gives every packet, as long as the bytes last, to
 * two analysers: one with caps that an input of FUZZ_MAX_LEN bytes cannot
 * reach (the defaults' behaviour, at a fraction of their set-up cost) and
 * one with caps so small that every eviction path runs.
 *
 * Checks, per record: it has a start line (a request's method and
 * Request-URI, or a response's code in 100..699), every string lies inside
 * the message or the analyser's scratch, and the message starts with the
 * start line; per packet: the TCP bytes held stay within their cap; at the
 * end: the records delivered are the records counted, and every packet fed
 * was counted. Each packet is an exactly sized heap copy, so a read past
 * its end is caught. */
#include <stdint.h>

#include "fuzz.h"
#include "../analyser/internal.h"

struct seen {
    unsigned long long records;
};

static int inside(const struct an_str *s, const struct an_record *r, const struct analyser *an)
{
    if (!s->p)
        return s->len == 0;
    if (s->p >= r->message.p && s->p + s->len <= r->message.p + r->message.len)
        return 1;
    return s->p >= an->scratch && s->p + s->len <= an->scratch + an->scratch_cap;
}

static struct analyser *current;

static void check_record(void *ctx, const struct an_record *r)
{
    struct seen *seen = ctx;
    const struct an_str *fields[] = { &r->method,   &r->request_uri, &r->phrase,
                                      &r->cseq_method, &r->call_id, &r->via_branch,
                                      &r->from_tag, &r->to_tag,     &r->reason,
                                      &r->warning };
    size_t i;

    seen->records++;
    FUZZ_CHECK(r->message.p && r->message.len > 0, "a record without its message");
    if (r->code) {
        FUZZ_CHECK(r->code >= 100 && r->code <= 699, "code %d", r->code);
        FUZZ_CHECK(r->method.len == 0, "a response with a method");
        FUZZ_CHECK(r->message.len >= 12 && memcmp(r->message.p + 3, "/2.0 ", 5) == 0,
                   "a response that does not start with its status line");
    } else {
        FUZZ_CHECK(r->method.len > 0 && r->request_uri.len > 0,
                   "a request without method or Request-URI");
        FUZZ_CHECK(r->method.p == r->message.p, "the method is not where the message starts");
    }
    for (i = 0; i < sizeof fields / sizeof fields[0]; i++)
        FUZZ_CHECK(inside(fields[i], r, current), "field %lu outside the message", (unsigned long)i);
    FUZZ_CHECK((unsigned)r->transport < AN_TRANSPORTS, "transport %d", (int)r->transport);
}

static uint32_t get32(const uint8_t *p, int big)
{
    return big ? (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3]
               : (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
}

static void run(const uint8_t *data, size_t size, const struct an_limits *lim)
{
    struct seen seen = { 0 };
    struct analyser *an = an_new(lim, check_record, &seen);
    unsigned long long fed = 0;
    size_t off = 24;
    int big, link;

    FUZZ_CHECK(an != NULL, "an_new failed");
    current = an;
    if (size < 24)
        goto done;
    big = data[0] == 0xa1;
    link = (int)(get32(data + 20, big) & 0xffff);
    while (off + 16 <= size) {
        uint32_t sec = get32(data + off, big), frac = get32(data + off + 4, big);
        size_t caplen = get32(data + off + 8, big), wire = get32(data + off + 12, big);
        char *pkt;
        off += 16;
        if (caplen > size - off)
            caplen = size - off;
        pkt = fuzz_copy(data + off, caplen);
        an_packet(an, link, sec, frac, (const uint8_t *)pkt, caplen, wire);
        free(pkt);
        fed++;
        off += caplen;
        FUZZ_CHECK(an->tcp_bytes <= an->lim.tcp_bytes_max, "TCP holds %lu bytes over its cap",
                   (unsigned long)an->tcp_bytes);
    }
done:
    an_finish(an);
    FUZZ_CHECK(an->tcp_bytes == 0, "%lu TCP bytes held after the end", (unsigned long)an->tcp_bytes);
    FUZZ_CHECK(an_counts(an)->records == seen.records, "records: %llu counted, %llu delivered",
               an_counts(an)->records, seen.records);
    FUZZ_CHECK(an_counts(an)->packets == fed, "packets: %llu counted, %llu fed",
               an_counts(an)->packets, fed);
    an_free(an);
    current = NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct an_limits roomy = { 65536, 64, 1u << 20, 64, 1u << 18, 1u << 20 };
    struct an_limits tiny = { 256, 2, 4096, 2, 1024, 2048 };

    run(data, size, &roomy);
    run(data, size, &tiny);
    return 0;
}
