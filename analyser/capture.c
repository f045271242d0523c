/* SPDX-License-Identifier: MIT */
/* Capture files and live interfaces through libpcap. Standard input cannot
 * seek back over the bytes read to tell its format, so those bytes are put
 * back in front of the stream with fopencookie(). Built without libpcap
 * (SIPCODE_NO_PCAP), every capture is an error that says so. */
#define _GNU_SOURCE /* fopencookie, fileno, dup */
#include "capture.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const unsigned char magics[][4] = {
    { 0xa1, 0xb2, 0xc3, 0xd4 }, { 0xd4, 0xc3, 0xb2, 0xa1 }, /* microseconds */
    { 0xa1, 0xb2, 0x3c, 0x4d }, { 0x4d, 0x3c, 0xb2, 0xa1 }, /* nanoseconds */
};

enum capture_format capture_format(const unsigned char *head, size_t n)
{
    size_t i, control = 0;

    if (n >= 4) {
        for (i = 0; i < sizeof magics / sizeof magics[0]; i++)
            if (memcmp(head, magics[i], 4) == 0)
                return CAPTURE_PCAP;
        if (memcmp(head, "\x0a\x0d\x0d\x0a", 4) == 0)
            return CAPTURE_PCAPNG;
    }
    for (i = 0; i < n; i++) {
        if (head[i] == 0)
            return CAPTURE_UNKNOWN;
        if (head[i] < 0x20 && !strchr("\t\n\v\f\r\033", head[i]))
            control++;
    }
    return control * 10 > n ? CAPTURE_UNKNOWN : CAPTURE_TEXT;
}

#ifdef SIPCODE_NO_PCAP

int capture_available(void)
{
    return 0;
}

int capture_file(struct analyser *an, FILE *f, const unsigned char *head, size_t n, char *err,
                 size_t errlen)
{
    (void)an, (void)f, (void)head, (void)n;
    snprintf(err, errlen, "a packet capture, and this sipcode was built without libpcap");
    return -1;
}

int capture_live(struct analyser *an, const char *iface, unsigned seconds, char *err,
                 size_t errlen)
{
    (void)an, (void)iface, (void)seconds;
    snprintf(err, errlen, "this sipcode was built without libpcap");
    return -1;
}

#else

#include <pcap/pcap.h>

int capture_available(void)
{
    return 1;
}

#define CAPTURE_READ_BUFFER (1u << 20)

struct replay {
    FILE *f;
    unsigned char head[4096];
    size_t n, pos;
};

static ssize_t replay_read(void *cookie, char *buf, size_t size)
{
    struct replay *r = cookie;
    size_t k;

    if (r->pos < r->n) {
        k = r->n - r->pos < size ? r->n - r->pos : size;
        memcpy(buf, r->head + r->pos, k);
        r->pos += k;
        return (ssize_t)k;
    }
    k = fread(buf, 1, size, r->f);
    return k == 0 && ferror(r->f) ? -1 : (ssize_t)k;
}

static void feed(struct analyser *an, pcap_t *p, int nano)
{
    struct pcap_pkthdr *h;
    const u_char *data;
    int link = pcap_datalink(p), rc;

    while ((rc = pcap_next_ex(p, &h, &data)) == 1)
        an_packet(an, link, (int64_t)h->ts.tv_sec,
                  (uint32_t)h->ts.tv_usec * (nano ? 1u : 1000u), data, h->caplen, h->len);
    if (rc == PCAP_ERROR && strstr(pcap_geterr(p), "truncated"))
        an_count(an, AN_CUT_SHORT);
}

int capture_file(struct analyser *an, FILE *f, const unsigned char *head, size_t n, char *err,
                 size_t errlen)
{
    char ebuf[PCAP_ERRBUF_SIZE] = "";
    static const cookie_io_functions_t io = { replay_read, NULL, NULL, NULL };
    static struct replay r;
    FILE *in;
    pcap_t *p;
    char *buf;
    int rc = 0, fd;

    /* libpcap closes the stream it reads: it gets one of its own, and f
     * stays the caller's. */
    if (head) {
        if (n > sizeof r.head)
            n = sizeof r.head;
        r.f = f;
        memcpy(r.head, head, n);
        r.n = n;
        r.pos = 0;
        in = fopencookie(&r, "r", io);
    } else {
        fd = dup(fileno(f));
        in = fd < 0 ? NULL : fdopen(fd, "rb");
        if (!in && fd >= 0)
            close(fd);
    }
    if (!in) {
        snprintf(err, errlen, "cannot read the capture");
        return -1;
    }
    /* libpcap reads each packet with two small freads: a large buffer
     * makes those one read(2) per megabyte instead of per 4 KB (glibc
     * ignores the size unless it is given the buffer). Without the memory,
     * the stream keeps its own small buffer. */
    buf = malloc(CAPTURE_READ_BUFFER);
    if (buf)
        setvbuf(in, buf, _IOFBF, CAPTURE_READ_BUFFER);
    p = pcap_fopen_offline_with_tstamp_precision(in, PCAP_TSTAMP_PRECISION_NANO, ebuf);
    if (!p) {
        snprintf(err, errlen, "not a capture libpcap can read: %s", ebuf);
        fclose(in);
        free(buf);
        return -1;
    }
    feed(an, p, 1);
    if (ferror(in) || (head && ferror(f))) {
        snprintf(err, errlen, "read error");
        rc = -1;
    }
    pcap_close(p); /* closes in */
    free(buf);
    return rc;
}

static pcap_t *live;

static void stop(int sig)
{
    (void)sig;
    if (live)
        pcap_breakloop(live);
}

static void live_packet(u_char *user, const struct pcap_pkthdr *h, const u_char *data)
{
    an_packet((struct analyser *)(void *)user, pcap_datalink(live), (int64_t)h->ts.tv_sec,
              (uint32_t)h->ts.tv_usec * 1000u, data, h->caplen, h->len);
}

/* Every packet that can carry SIP, and every IP fragment: a filter on port
 * 5060 alone would drop the later fragments of a large INVITE, which carry
 * no ports. */
static const char live_filter[] =
    "udp or tcp or sctp or (ip[6:2] & 0x3fff != 0) or (ip6 and ip6[6] == 44)"
    " or (vlan and (udp or tcp or sctp or (ip[6:2] & 0x3fff != 0)))";

int capture_live(struct analyser *an, const char *iface, unsigned seconds, char *err,
                 size_t errlen)
{
    char ebuf[PCAP_ERRBUF_SIZE] = "";
    struct bpf_program prog;
    int rc = 0;

    live = pcap_create(iface, ebuf);
    if (!live) {
        snprintf(err, errlen, "%s", ebuf);
        return -1;
    }
    pcap_set_snaplen(live, 262144);
    pcap_set_timeout(live, 100);
    pcap_set_immediate_mode(live, 1);
    if (pcap_activate(live) < 0 ||
        pcap_compile(live, &prog, live_filter, 1, PCAP_NETMASK_UNKNOWN) != 0) {
        snprintf(err, errlen, "%s", pcap_geterr(live));
        pcap_close(live);
        live = NULL;
        return -1;
    }
    if (pcap_setfilter(live, &prog) != 0) {
        snprintf(err, errlen, "%s", pcap_geterr(live));
        rc = -1;
    }
    pcap_freecode(&prog);
    if (rc == 0) {
        signal(SIGINT, stop);
        signal(SIGTERM, stop);
        signal(SIGALRM, stop);
        if (seconds)
            alarm(seconds);
        if (pcap_loop(live, -1, live_packet, (u_char *)(void *)an) == PCAP_ERROR) {
            snprintf(err, errlen, "%s", pcap_geterr(live));
            rc = -1;
        }
        alarm(0);
    }
    pcap_close(live);
    live = NULL;
    return rc;
}

#endif
