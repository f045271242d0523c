/* SPDX-License-Identifier: MIT */
/* What the analyser's layers share: the analyser itself, a flow (who sent
 * a piece of payload to whom, when, how), and each layer's entry points.
 * Not for embedding programs: they use analyser.h. */
#ifndef SIPCODE_ANALYSER_INTERNAL_H
#define SIPCODE_ANALYSER_INTERNAL_H

#include "analyser.h"

/* Tunnels inside tunnels (IP-in-IP, VXLAN, HEP) are followed this deep. */
#define AN_DEPTH_MAX 4

struct flow {
    struct an_endpoint src, dst;
    enum an_transport transport;
    int hep_version;
    int64_t sec;
    uint32_t nsec;
};

/* The framing state of one direction of a byte stream (TCP): message.c owns
 * its meaning, reasm.c its lifetime. */
struct msg_stream {
    unsigned char *buf; /* bytes held back: an unfinished message or frame */
    size_t len, cap;
    int mode;   /* MS_SIP, MS_RESYNC, ... (message.c) */
    int seen;   /* any byte seen yet: the first decides what the stream carries */
    unsigned char *ws; /* a WebSocket message being assembled from frames */
    size_t ws_len;
};

struct frag_table;
struct tcp_table;

struct analyser {
    struct an_limits lim;
    an_record_fn *fn;
    void *ctx;
    struct an_counts counts;
    int64_t sec; /* the packet being decoded */
    uint32_t nsec;
    int truncated; /* the packet was cut by the snapshot length */
    struct frag_table *frags;
    struct tcp_table *tcp;
    size_t tcp_bytes; /* buffered in all TCP streams */
    char *scratch;    /* unfolded header section of the current message */
    size_t scratch_cap;
};

/* link.c: an IP packet (version from its first nibble), and a transport
 * payload once IP is done with it. */
void an_ip(struct analyser *an, const uint8_t *p, size_t len, int depth);
void an_l4(struct analyser *an, struct flow *fl, int proto, const uint8_t *p, size_t len,
           int depth);
void an_ethernet(struct analyser *an, const uint8_t *p, size_t len, int depth);

/* reasm.c */
struct frag_key {
    uint8_t family, proto;
    uint8_t src[16], dst[16];
    uint32_t id;
};
/* One fragment: offset and length in bytes of the IP payload; more is the
 * MF flag. When the datagram completes it goes to an_l4(). */
void reasm_fragment(struct analyser *an, const struct frag_key *key, const struct flow *fl,
                    size_t offset, int more, const uint8_t *p, size_t len, int depth);
void reasm_tcp(struct analyser *an, const struct flow *fl, uint32_t seq, unsigned flags,
               const uint8_t *p, size_t len, size_t lost);
int reasm_init(struct analyser *an);
void reasm_finish(struct analyser *an);
void reasm_free(struct analyser *an);
/* Stream bytes that message.c keeps count against the caps: it asks before
 * it grows a buffer and tells when it shrinks one. */
int reasm_reserve(struct analyser *an, size_t more);
void reasm_release(struct analyser *an, size_t less);

/* message.c */
void msg_datagram(struct analyser *an, const struct flow *fl, const uint8_t *p, size_t len,
                  int depth);
void msg_stream_data(struct analyser *an, struct msg_stream *ms, const struct flow *fl,
                     const uint8_t *p, size_t len);
void msg_stream_gap(struct analyser *an, struct msg_stream *ms);
void msg_stream_end(struct analyser *an, struct msg_stream *ms);
void msg_stream_free(struct analyser *an, struct msg_stream *ms);
/* A SIP message exactly (start line to end of body): parse, and deliver a
 * record or count it as malformed. */
void msg_sip(struct analyser *an, const struct flow *fl, const char *p, size_t len);
/* Counts a malformed message, keeping its first bad line if it is the first. */
void msg_malformed(struct analyser *an, const char *line, size_t len);

/* encap.c */
int hep_datagram(struct analyser *an, const struct flow *fl, const uint8_t *p, size_t len,
                 int depth);
/* Length of a HEP packet at the start of a stream buffer: 0 when more bytes
 * are needed, -1 when it is not HEP. */
long hep_stream_length(const uint8_t *p, size_t len);
/* One WebSocket frame at p: its total length, 0 when incomplete, -1 when
 * malformed; payload unmasked in place into *payload. */
long ws_frame(uint8_t *p, size_t len, size_t max, const uint8_t **payload, size_t *plen,
              int *fin, int *opcode);

#endif
