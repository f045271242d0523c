/* SPDX-License-Identifier: MIT */
/* The packet analyser behind `sipcode scan`: packets in, one record per SIP
 * message out.
 *
 *   an_packet()  link -> IP (fragments) -> UDP | TCP (streams) | SCTP
 *                -> HEP, WebSocket -> SIP message -> record -> callback
 *
 * The layers live in one file each: link.c (link, IP, tunnels, UDP, SCTP),
 * reasm.c (IP fragments, TCP streams), encap.c (HEP, WebSocket), message.c
 * (SIP framing and parsing into records), report.c (counts and reports),
 * capture.c (reading files and interfaces with libpcap). Only capture.c
 * knows libpcap; the rest takes bytes, so an embedding program or a fuzz
 * harness can feed packets from anywhere.
 *
 * Memory is bounded whatever the input: every buffer has a cap in struct
 * an_limits, and whatever a cap throws away is counted by reason (enum
 * an_reason), never silently lost. */
#ifndef SIPCODE_ANALYSER_H
#define SIPCODE_ANALYSER_H

#include <stddef.h>
#include <stdint.h>

/* How a message travelled (the innermost transport: SIP over WebSocket over
 * TCP is AN_WS). A message carried in HEP has the transport HEP names. */
enum an_transport { AN_UDP, AN_TCP, AN_SCTP, AN_WS, AN_TRANSPORTS };

const char *an_transport_name(enum an_transport t);

/* Bytes inside a message: not NUL-terminated; {NULL, 0} when absent. */
struct an_str {
    const char *p;
    size_t len;
};

struct an_endpoint {
    uint8_t family; /* 4 or 6 */
    uint8_t addr[16]; /* IPv4 in the first 4 bytes */
    uint16_t port;
};

/* One SIP message. Every pointer points into memory the analyser owns and
 * reuses: a record and its strings are valid only during the callback that
 * receives it. A consumer that keeps anything copies it. */
struct an_record {
    int64_t sec; /* capture time (HEP's time for a HEP message), since 1970 */
    uint32_t nsec;
    struct an_endpoint src, dst;
    enum an_transport transport;
    int hep_version; /* 2 or 3 when it came in HEP, else 0 */

    /* A request has code 0, a method and a Request-URI; a response has its
     * status code (100..699, parsed by sipcode_parse_status_line()), its
     * reason phrase as sent, and whether that is a known spelling. */
    int code;
    struct an_str method, request_uri;
    struct an_str phrase;
    int phrase_known;

    int has_cseq; /* CSeq parsed: number and method below */
    uint32_t cseq;
    struct an_str cseq_method;
    struct an_str call_id;
    struct an_str via_branch; /* branch parameter of the topmost Via */
    struct an_str from_tag, to_tag;
    struct an_str reason, warning; /* raw values of the first Reason, Warning */
    struct an_str retry_after;     /* raw value of the first Retry-After */
    struct an_str message; /* the whole message, start line to end of body */
};

/* Why bytes that might have carried SIP gave no record. */
enum an_reason {
    AN_SNAPLEN,      /* packet cut by the capture's snapshot length */
    AN_CUT_SHORT,    /* the capture file ends inside a packet */
    AN_FRAGMENT,     /* IP fragment whose datagram never completed */
    AN_TCP_GAP,      /* bytes of a TCP stream never captured */
    AN_TCP_EVICTED,  /* TCP data dropped to stay under the buffer caps */
    AN_INCOMPLETE,   /* stream ended inside a message */
    AN_TOO_BIG,      /* message over the size cap, or Content-Length beyond it */
    AN_TLS,          /* TLS record: encrypted, unreadable */
    AN_MALFORMED,    /* looks like SIP but is not well formed */
    AN_BAD_PACKET,   /* link, IP or transport header inconsistent */
    AN_LINKTYPE,     /* link type the analyser does not decode */
    AN_REASONS
};

const char *an_reason_name(enum an_reason r); /* "snaplen", "tcp-gap", ... */

/* Caps on what the analyser holds; an_limits_default() gives the values
 * that keep a whole run under 64 MB. */
struct an_limits {
    size_t message_max;    /* largest SIP message accepted, bytes */
    size_t frags_max;      /* IP datagrams being reassembled at once */
    size_t frag_bytes_max; /* bytes held in all of them */
    size_t tcp_streams_max; /* TCP directions followed at once */
    size_t tcp_stream_bytes_max; /* bytes buffered for one direction */
    size_t tcp_bytes_max;  /* bytes buffered for all of them */
};

void an_limits_default(struct an_limits *lim);

typedef void an_record_fn(void *ctx, const struct an_record *rec);

struct analyser;

/* NULL limits mean the defaults. Returns NULL when out of memory. */
struct analyser *an_new(const struct an_limits *lim, an_record_fn *fn, void *ctx);

/* Link types are libpcap's DLT_ values (1 Ethernet, 0 BSD loopback, 12/101
 * raw IP, 113 Linux cooked, 276 Linux cooked v2, 228/229 raw IPv4/IPv6).
 * caplen bytes are at data; wirelen is the packet's length on the wire. */
void an_packet(struct analyser *an, int linktype, int64_t sec, uint32_t nsec,
               const uint8_t *data, size_t caplen, size_t wirelen);

/* End of input: whatever is still being reassembled is counted as not
 * decoded. The analyser can take packets again afterwards. */
void an_finish(struct analyser *an);

/* Counters so far. */
struct an_counts {
    unsigned long long packets;       /* given to an_packet() */
    unsigned long long records;       /* records delivered */
    unsigned long long not_decoded[AN_REASONS];
    char bad_line[128];               /* first line of the first malformed message */
    size_t bad_line_len;
};

const struct an_counts *an_counts(const struct analyser *an);
void an_count(struct analyser *an, enum an_reason r); /* for capture readers */

void an_free(struct analyser *an);

#endif
