/* SPDX-License-Identifier: MIT */
/* Link and network layers: from a captured frame to a transport payload.
 * Link types (Ethernet with 802.1Q/802.1ad tags, Linux cooked v1 and v2,
 * raw IP, BSD loopback), IPv4 and IPv6 with extension headers, IP-in-IP and
 * VXLAN tunnels, then UDP, TCP and SCTP headers. Fragments and TCP segments
 * go to reasm.c, payloads to message.c. A header that claims more bytes
 * than the frame holds is counted (snaplen or bad packet), never read. */
#include "internal.h"

#include <string.h>

#define VXLAN_PORT 4789

static unsigned get16(const uint8_t *p)
{
    return (unsigned)p[0] << 8 | p[1];
}

static uint32_t get32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* Bytes missing from a header: cut by the snapshot length, or a lie. */
static void short_packet(struct analyser *an)
{
    an_count(an, an->truncated ? AN_SNAPLEN : AN_BAD_PACKET);
}

static void ethertype(struct analyser *an, unsigned type, const uint8_t *p, size_t len, int depth)
{
    if (type == 0x0800 || type == 0x86dd)
        an_ip(an, p, len, depth);
}

void an_ethernet(struct analyser *an, const uint8_t *p, size_t len, int depth)
{
    unsigned type;

    if (len < 14) {
        short_packet(an);
        return;
    }
    type = get16(p + 12);
    p += 14;
    len -= 14;
    /* 802.1Q, 802.1ad (QinQ) and the older QinQ type: 4 bytes each. */
    while (type == 0x8100 || type == 0x88a8 || type == 0x9100) {
        if (len < 4) {
            short_packet(an);
            return;
        }
        type = get16(p + 2);
        p += 4;
        len -= 4;
    }
    ethertype(an, type, p, len, depth);
}

void an_packet(struct analyser *an, int linktype, int64_t sec, uint32_t nsec,
               const uint8_t *data, size_t caplen, size_t wirelen)
{
    uint32_t family;

    an->counts.packets++;
    an->sec = sec;
    an->nsec = nsec;
    an->truncated = caplen < wirelen;
    switch (linktype) {
    case 1: /* DLT_EN10MB */
        an_ethernet(an, data, caplen, 0);
        break;
    case 0:   /* DLT_NULL: address family in the capturing host's order */
    case 108: /* DLT_LOOP: in network order */
        if (caplen < 4) {
            short_packet(an);
            break;
        }
        family = get32(data);
        if (linktype == 0 && (family & 0xffff) == 0)
            family = (uint32_t)data[3] << 24 | (uint32_t)data[2] << 16 | (uint32_t)data[1] << 8 | data[0];
        /* AF_INET is 2 everywhere; AF_INET6 is 10, 24, 28 or 30 by system. */
        if (family == 2 || family == 10 || family == 24 || family == 28 || family == 30)
            an_ip(an, data + 4, caplen - 4, 0);
        break;
    case 12:  /* DLT_RAW */
    case 14:  /* DLT_RAW on OpenBSD */
    case 101: /* LINKTYPE_RAW */
    case 228: /* IPv4 */
    case 229: /* IPv6 */
        an_ip(an, data, caplen, 0);
        break;
    case 113: /* DLT_LINUX_SLL: 16 bytes, protocol last */
        if (caplen < 16) {
            short_packet(an);
            break;
        }
        ethertype(an, get16(data + 14), data + 16, caplen - 16, 0);
        break;
    case 276: /* DLT_LINUX_SLL2: 20 bytes, protocol first */
        if (caplen < 20) {
            short_packet(an);
            break;
        }
        ethertype(an, get16(data), data + 20, caplen - 20, 0);
        break;
    default:
        an_count(an, AN_LINKTYPE);
        break;
    }
}

static void ipv4(struct analyser *an, const uint8_t *p, size_t len, int depth)
{
    size_t hl, total;
    unsigned frag;
    struct flow fl;

    if (len < 20) {
        short_packet(an);
        return;
    }
    hl = (size_t)(p[0] & 0x0f) * 4;
    total = get16(p + 2);
    if (hl < 20 || total < hl) {
        an_count(an, AN_BAD_PACKET);
        return;
    }
    if (total > len) {
        short_packet(an);
        return;
    }
    memset(&fl, 0, sizeof fl);
    fl.src.family = fl.dst.family = 4;
    memcpy(fl.src.addr, p + 12, 4);
    memcpy(fl.dst.addr, p + 16, 4);
    frag = get16(p + 6);
    if (frag & 0x3fff) { /* MF set or a non-zero offset */
        struct frag_key key;
        memset(&key, 0, sizeof key);
        key.family = 4;
        key.proto = p[9];
        memcpy(key.src, p + 12, 4);
        memcpy(key.dst, p + 16, 4);
        key.id = get16(p + 4);
        reasm_fragment(an, &key, &fl, (size_t)(frag & 0x1fff) * 8, (frag & 0x2000) != 0, p + hl,
                       total - hl, depth);
        return;
    }
    an_l4(an, &fl, p[9], p + hl, total - hl, depth);
}

static void ipv6(struct analyser *an, const uint8_t *p, size_t len, int depth)
{
    size_t plen, off = 40;
    int next;
    struct flow fl;

    if (len < 40) {
        short_packet(an);
        return;
    }
    plen = get16(p + 4);
    if (plen + 40 > len) {
        short_packet(an);
        return;
    }
    len = plen + 40;
    memset(&fl, 0, sizeof fl);
    fl.src.family = fl.dst.family = 6;
    memcpy(fl.src.addr, p + 8, 16);
    memcpy(fl.dst.addr, p + 24, 16);
    next = p[6];
    for (;;) {
        switch (next) {
        case 0:  /* hop-by-hop options */
        case 43: /* routing */
        case 60: /* destination options */
            if (off + 8 > len) {
                short_packet(an);
                return;
            }
            next = p[off];
            off += ((size_t)p[off + 1] + 1) * 8;
            break;
        case 51: /* authentication header */
            if (off + 8 > len) {
                short_packet(an);
                return;
            }
            next = p[off];
            off += ((size_t)p[off + 1] + 2) * 4;
            break;
        case 44: { /* fragment */
            struct frag_key key;
            unsigned fo;
            if (off + 8 > len) {
                short_packet(an);
                return;
            }
            fo = get16(p + off + 2);
            memset(&key, 0, sizeof key);
            key.family = 6;
            key.proto = p[off];
            memcpy(key.src, p + 8, 16);
            memcpy(key.dst, p + 24, 16);
            key.id = get32(p + off + 4);
            if ((fo & 0xfff9) == 0) { /* an atomic fragment: offset 0, no MF */
                next = p[off];
                off += 8;
                break;
            }
            reasm_fragment(an, &key, &fl, fo & 0xfff8, (fo & 1) != 0, p + off + 8,
                           len - off - 8, depth);
            return;
        }
        default:
            if (off > len) {
                short_packet(an);
                return;
            }
            an_l4(an, &fl, next, p + off, len - off, depth);
            return;
        }
    }
}

void an_ip(struct analyser *an, const uint8_t *p, size_t len, int depth)
{
    if (len < 1) {
        short_packet(an);
        return;
    }
    if (p[0] >> 4 == 4)
        ipv4(an, p, len, depth);
    else if (p[0] >> 4 == 6)
        ipv6(an, p, len, depth);
    else
        an_count(an, AN_BAD_PACKET);
}

static void udp(struct analyser *an, struct flow *fl, const uint8_t *p, size_t len, int depth)
{
    size_t ulen;

    if (len < 8) {
        short_packet(an);
        return;
    }
    fl->src.port = (uint16_t)get16(p);
    fl->dst.port = (uint16_t)get16(p + 2);
    fl->transport = AN_UDP;
    ulen = get16(p + 4);
    if (ulen < 8) {
        an_count(an, AN_BAD_PACKET);
        return;
    }
    if (ulen > len) {
        short_packet(an);
        return;
    }
    p += 8;
    len = ulen - 8;
    /* VXLAN: the I flag set, the reserved bits clear, then Ethernet. */
    if (fl->dst.port == VXLAN_PORT && len >= 8 + 14 && p[0] == 0x08 && p[7] == 0) {
        if (depth < AN_DEPTH_MAX)
            an_ethernet(an, p + 8, len - 8, depth + 1);
        return;
    }
    msg_datagram(an, fl, p, len, depth);
}

static void tcp(struct analyser *an, struct flow *fl, const uint8_t *p, size_t len)
{
    size_t hl;

    if (len < 20) {
        short_packet(an);
        return;
    }
    hl = (size_t)(p[12] >> 4) * 4;
    if (hl < 20 || hl > len) {
        short_packet(an);
        return;
    }
    fl->src.port = (uint16_t)get16(p);
    fl->dst.port = (uint16_t)get16(p + 2);
    fl->transport = AN_TCP;
    /* Bytes the snapshot length cut from the end are a gap in the stream:
     * IP's length said how many there were. */
    reasm_tcp(an, fl, get32(p + 4), p[13], p + hl, len - hl, 0);
}

static void sctp(struct analyser *an, struct flow *fl, const uint8_t *p, size_t len, int depth)
{
    size_t off = 12;

    if (len < 12) {
        short_packet(an);
        return;
    }
    fl->src.port = (uint16_t)get16(p);
    fl->dst.port = (uint16_t)get16(p + 2);
    fl->transport = AN_SCTP;
    while (off + 4 <= len) {
        size_t clen = get16(p + off + 2);
        if (clen < 4 || off + clen > len) {
            short_packet(an);
            return;
        }
        /* DATA (0) with B and E set: a whole user message in one chunk.
         * A message split over chunks is not reassembled. */
        if (p[off] == 0 && clen >= 16) {
            if ((p[off + 1] & 3) == 3)
                msg_datagram(an, fl, p + off + 16, clen - 16, depth);
            else
                an_count(an, AN_FRAGMENT);
        }
        off += (clen + 3) & ~(size_t)3;
    }
}

void an_l4(struct analyser *an, struct flow *fl, int proto, const uint8_t *p, size_t len,
           int depth)
{
    fl->sec = an->sec;
    fl->nsec = an->nsec;
    switch (proto) {
    case 17:
        udp(an, fl, p, len, depth);
        break;
    case 6:
        tcp(an, fl, p, len);
        break;
    case 132:
        sctp(an, fl, p, len, depth);
        break;
    case 4:  /* IPv4 in IP */
    case 41: /* IPv6 in IP */
        if (depth < AN_DEPTH_MAX)
            an_ip(an, p, len, depth + 1);
        break;
    default:
        break;
    }
}
