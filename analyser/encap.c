/* SPDX-License-Identifier: MIT */
/* Encapsulations that carry SIP inside a transport's payload: HEP (HOMER's
 * capture protocol, versions 2 and 3), recognised by its header on any
 * port, and WebSocket frames (RFC 6455, SIP over it per RFC 7118). */
#include "internal.h"

#include <string.h>

static unsigned get16(const uint8_t *p)
{
    return (unsigned)p[0] << 8 | p[1];
}

static uint32_t get32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static uint32_t get32le(const uint8_t *p)
{
    return (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
}

static enum an_transport hep_transport(unsigned proto)
{
    return proto == 6 ? AN_TCP : proto == 132 ? AN_SCTP : AN_UDP;
}

long hep_stream_length(const uint8_t *p, size_t len)
{
    size_t n;

    if (len < 6)
        return memcmp(p, "HEP3", len < 4 ? len : 4) == 0 ? 0 : -1;
    if (memcmp(p, "HEP3", 4) != 0)
        return -1;
    n = get16(p + 4);
    if (n < 6)
        return -1;
    return n <= len ? (long)n : 0;
}

/* HEPv3: "HEP3", total length, then chunks of vendor, type, length. */
static int hep3(struct analyser *an, const struct flow *outer, const uint8_t *p, size_t len,
                int depth)
{
    struct flow fl;
    const uint8_t *payload = NULL;
    size_t total, off = 6, plen = 0;
    int sip = 1;

    total = get16(p + 4);
    if (total < 6 || total > len)
        return 0;
    memset(&fl, 0, sizeof fl);
    fl.sec = outer->sec;
    fl.nsec = outer->nsec;
    fl.transport = AN_UDP;
    fl.hep_version = 3;
    while (off + 6 <= total) {
        unsigned vendor = get16(p + off), type = get16(p + off + 2);
        size_t clen = get16(p + off + 4);
        const uint8_t *v = p + off + 6;
        if (clen < 6 || off + clen > total)
            return 0;
        if (vendor == 0) {
            size_t vl = clen - 6;
            switch (type) {
            case 2: if (vl >= 1) fl.transport = hep_transport(v[0]); break;
            case 3: if (vl >= 4) { fl.src.family = 4; memcpy(fl.src.addr, v, 4); } break;
            case 4: if (vl >= 4) { fl.dst.family = 4; memcpy(fl.dst.addr, v, 4); } break;
            case 5: if (vl >= 16) { fl.src.family = 6; memcpy(fl.src.addr, v, 16); } break;
            case 6: if (vl >= 16) { fl.dst.family = 6; memcpy(fl.dst.addr, v, 16); } break;
            case 7: if (vl >= 2) fl.src.port = (uint16_t)get16(v); break;
            case 8: if (vl >= 2) fl.dst.port = (uint16_t)get16(v); break;
            case 9: if (vl >= 4) fl.sec = get32(v); break;
            case 10: if (vl >= 4) fl.nsec = (get32(v) % 1000000u) * 1000u; break;
            case 11: if (vl >= 1) sip = v[0] == 1; break;
            case 15: payload = v; plen = vl; break;
            default: break;
            }
        }
        off += clen;
    }
    if (payload && sip)
        msg_datagram(an, &fl, payload, plen, depth + 1);
    return 1;
}

/* HEPv1/v2: version, header length, family, protocol, ports, addresses,
 * and in v2 a time header (seconds, microseconds, in the sender's byte
 * order, which is little-endian in practice). */
static int hep2(struct analyser *an, const struct flow *outer, const uint8_t *p, size_t len,
                int depth)
{
    struct flow fl;
    size_t alen = p[2] == 2 ? 4 : 16, hl = p[1], off;

    if (hl != 8 + 2 * alen || p[2] != (alen == 4 ? 2 : 10) ||
        (p[3] != 17 && p[3] != 6 && p[3] != 132))
        return 0;
    off = hl + (p[0] == 2 ? 12 : 0);
    if (off > len)
        return 0;
    memset(&fl, 0, sizeof fl);
    fl.transport = hep_transport(p[3]);
    fl.hep_version = p[0];
    fl.src.family = fl.dst.family = alen == 4 ? 4 : 6;
    fl.src.port = (uint16_t)get16(p + 4);
    fl.dst.port = (uint16_t)get16(p + 6);
    memcpy(fl.src.addr, p + 8, alen);
    memcpy(fl.dst.addr, p + 8 + alen, alen);
    fl.sec = outer->sec;
    fl.nsec = outer->nsec;
    if (p[0] == 2) {
        fl.sec = get32le(p + hl);
        fl.nsec = (get32le(p + hl + 4) % 1000000u) * 1000u;
    }
    msg_datagram(an, &fl, p + off, len - off, depth + 1);
    return 1;
}

int hep_datagram(struct analyser *an, const struct flow *fl, const uint8_t *p, size_t len,
                 int depth)
{
    if (depth >= AN_DEPTH_MAX)
        return 0;
    if (len >= 6 && memcmp(p, "HEP3", 4) == 0)
        return hep3(an, fl, p, len, depth);
    if (len >= 16 && (p[0] == 1 || p[0] == 2))
        return hep2(an, fl, p, len, depth);
    return 0;
}

long ws_frame(uint8_t *p, size_t len, size_t max, const uint8_t **payload, size_t *plen,
              int *fin, int *opcode)
{
    size_t hl = 2, n, i;
    uint64_t n64;
    uint8_t *mask = NULL;

    if (len < 2)
        return 0;
    *fin = (p[0] & 0x80) != 0;
    *opcode = p[0] & 0x0f;
    n64 = p[1] & 0x7f;
    if (n64 == 126) {
        if (len < 4)
            return 0;
        n64 = get16(p + 2);
        hl = 4;
    } else if (n64 == 127) {
        if (len < 10)
            return 0;
        n64 = (uint64_t)get32(p + 2) << 32 | get32(p + 6);
        hl = 10;
    }
    if (p[1] & 0x80) {
        if (len < hl + 4)
            return 0;
        mask = p + hl;
        hl += 4;
    }
    if (n64 > max)
        return -1;
    n = (size_t)n64;
    if (len - hl < n)
        return 0;
    if (mask) {
        for (i = 0; i < n; i++)
            p[hl + i] ^= mask[i % 4];
    }
    *payload = p + hl;
    *plen = n;
    return (long)(hl + n);
}
