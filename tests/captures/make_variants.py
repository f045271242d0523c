#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Rewrites a capture of SIP over UDP (recorded from sipp on loopback) into
the encapsulations the analyser must decode: link types, VLAN tags, IPv6
with extension headers, tunnels, fragments, TCP streams cut, resent and
reordered, WebSocket, SCTP, HEP, and resent UDP datagrams. The SIP bytes
stay exactly as sipp sent them; only what carries them changes. tshark is
the judge of each result (tests/test_capture.sh).

    make_variants.py BASE.pcap OUTDIR
writes OUTDIR/*.pcap and OUTDIR/list.tsv (file, tshark's extra arguments
or "-",
the file tshark reads to count the same messages: itself, or the plain
Ethernet capture where tshark cannot decode the encapsulation). Deterministic: the same base gives the same files."""
import os
import random
import struct
import sys


def read_pcap(path):
    data = open(path, "rb").read()
    magic = data[:4]
    end = "<" if magic in (b"\xd4\xc3\xb2\xa1", b"\x4d\x3c\xb2\xa1") else ">"
    link = struct.unpack(end + "I", data[20:24])[0]
    off, out = 24, []
    while off + 16 <= len(data):
        sec, frac, cap, _ = struct.unpack(end + "IIII", data[off:off + 16])
        out.append((sec, frac, data[off + 16:off + 16 + cap]))
        off += 16 + cap
    return link, out


def messages(path):
    """(sec, usec, src, dst, sport, dport, payload) of each UDP datagram."""
    link, frames = read_pcap(path)
    assert link == 1, "base capture must be Ethernet"
    out = []
    for sec, usec, f in frames:
        if struct.unpack(">H", f[12:14])[0] != 0x0800:
            continue
        ip = f[14:]
        hl = (ip[0] & 15) * 4
        if ip[9] != 17:
            continue
        total = struct.unpack(">H", ip[2:4])[0]
        udp = ip[hl:total]
        sport, dport = struct.unpack(">HH", udp[:4])
        out.append((sec, usec, ip[12:16], ip[16:20], sport, dport, udp[8:]))
    return out


def write_pcap(path, link, frames, end="<", nsec=False, snap=262144):
    magic = 0xA1B23C4D if nsec else 0xA1B2C3D4
    with open(path, "wb") as f:
        f.write(struct.pack(end + "IHHiIII", magic, 2, 4, 0, 0, snap, link))
        for sec, frac, data, *wire in frames:
            if nsec:
                frac *= 1000
            n = min(len(data), snap)
            f.write(struct.pack(end + "IIII", sec, frac, n, wire[0] if wire else len(data)))
            f.write(data[:n])


def csum(b):
    if len(b) % 2:
        b += b"\0"
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def ipv4(src, dst, proto, payload, ident=1, frag=0):
    h = struct.pack(">BBHHHBBH4s4s", 0x45, 0, 20 + len(payload), ident, frag, 64, proto, 0, src, dst)
    return h[:10] + struct.pack(">H", csum(h)) + h[12:] + payload


V6_SRC = bytes(15) + b"\x01"
V6_DST = bytes(15) + b"\x02"


def ipv6(src, dst, nh, payload):
    return struct.pack(">IHBB16s16s", 0x60000000, len(payload), nh, 64, src, dst) + payload


def udp(sport, dport, payload):
    return struct.pack(">HHHH", sport, dport, 8 + len(payload), 0) + payload


def eth(ethertype, payload, tags=()):
    h = b"\x00\x00\x00\x00\x00\x02" + b"\x00\x00\x00\x00\x00\x01"
    for tpid, vid in tags:
        h += struct.pack(">HH", tpid, vid)
    return h + struct.pack(">H", ethertype) + payload


def tcp(sport, dport, seq, ack, flags, payload):
    return struct.pack(">HHIIBBHHH", sport, dport, seq, ack, 5 << 4, flags, 65535, 0, 0) + payload


def simple(msgs, link, wrap):
    return [(s, u, wrap(m)) for m in msgs for s, u in [(m[0], m[1])]]


def v4udp(m, port=None):
    s, u, src, dst, sp, dp, pl = m
    if port:
        sp, dp = (port if sp == 5060 else sp), (port if dp == 5060 else dp)
    return ipv4(src, dst, 17, udp(sp, dp, pl))


def fragments4(m, ident, rnd):
    s, u, src, dst, sp, dp, pl = m
    data = udp(sp, dp, pl)
    size = 8 * rnd.randint(20, 60)
    parts = [(o, data[o:o + size]) for o in range(0, len(data), size)]
    frames = []
    for o, part in parts:
        more = 0x2000 if o + size < len(data) else 0
        frames.append(eth(0x0800, ipv4(src, dst, 17, part, ident, more | (o // 8))))
    rnd.shuffle(frames)
    return frames


def fragments6(m, ident, rnd):
    s, u, src, dst, sp, dp, pl = m
    data = udp(sp, dp, pl)
    size = 8 * rnd.randint(20, 60)
    frames = []
    for o in range(0, len(data), size):
        more = 1 if o + size < len(data) else 0
        fh = struct.pack(">BBHI", 17, 0, o | more, ident)
        frames.append(eth(0x86DD, ipv6(V6_SRC, V6_DST, 44, fh + data[o:o + size])))
    rnd.shuffle(frames)
    return frames


def tcp_streams(msgs, rnd, port=5060, ws=False):
    """Both directions of one connection per address pair, with segments of
    random sizes, some sent twice, some swapped with the next, keep-alives
    between messages, and for WebSocket the upgrade and frames around them."""
    # Ports other than the server's become 15060: tshark takes 6000-6063
    # for X11, which sipp's default client port would fall into.
    msgs = [m[:4] + tuple(p if p == port else 15060 for p in m[4:6]) + m[6:] for m in msgs]
    a, b = msgs[0][2], msgs[0][3]
    ca, cb = msgs[0][4], msgs[0][5]
    seqs = {(a, ca): 1000, (b, cb): 50000}
    t0 = (msgs[0][0], msgs[0][1])
    frames = []

    def send(src, sp, dst, dp, data, t, flags=0x18, whole=False):
        seq = seqs[(src, sp)]
        segs, o = [], 0
        while o < len(data):
            n = len(data) if whole else rnd.randint(1, 700)
            segs.append((seq + o, data[o:o + n]))
            o += n
        seqs[(src, sp)] = seq + len(data)
        out = []
        for sq, piece in segs:
            out.append((t[0], t[1], eth(0x0800, ipv4(src, dst, 6, tcp(sp, dp, sq, 1, flags, piece)))))
            if rnd.random() < 0.15:  # resent
                out.append(out[-1])
        for i in range(len(out) - 1):
            if rnd.random() < 0.1:
                out[i], out[i + 1] = out[i + 1], out[i]
        frames.extend(out)

    for (src, sp, dst, dp) in ((a, ca, b, cb), (b, cb, a, ca)):
        frames.append((t0[0], t0[1], eth(0x0800, ipv4(src, dst, 6, tcp(sp, dp, seqs[(src, sp)] - 1, 0, 0x02, b"")))))
    if ws:
        send(a, ca, b, cb, b"GET / HTTP/1.1\r\nHost: b\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
             b"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Protocol: sip\r\n"
             b"Sec-WebSocket-Version: 13\r\n\r\n", t0)
        send(b, cb, a, ca, b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
             b"Connection: Upgrade\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"
             b"Sec-WebSocket-Protocol: sip\r\n\r\n", t0)
    for s, u, src, dst, sp, dp, pl in msgs:
        if ws:
            masked = sp == ca
            n = len(pl)
            hdr = bytes([0x81]) + (bytes([n | (0x80 if masked else 0)]) if n < 126 else
                                   bytes([126 | (0x80 if masked else 0)]) + struct.pack(">H", n))
            if masked:
                key = bytes(rnd.randrange(256) for _ in range(4))
                pl = hdr + key + bytes(c ^ key[i % 4] for i, c in enumerate(pl))
            else:
                pl = hdr + pl
        elif rnd.random() < 0.3:  # a keep-alive (RFC 5626) in a segment of its own
            send(src, sp, dst, dp, b"\r\n\r\n", (s, u), whole=True)
        send(src, sp, dst, dp, pl, (s, u))
    return frames


def sctp_frame(m):
    s, u, src, dst, sp, dp, pl = m
    chunk = struct.pack(">BBHIHHI", 0, 3, 16 + len(pl), 1, 0, 0, 0) + pl
    chunk += b"\0" * (-len(chunk) % 4)
    return eth(0x0800, ipv4(src, dst, 132, struct.pack(">HHII", sp, dp, 0, 0) + chunk))


def hep3_packet(m):
    s, u, src, dst, sp, dp, pl = m

    def chunk(t, v):
        return struct.pack(">HHH", 0, t, 6 + len(v)) + v
    body = (chunk(1, b"\x02") + chunk(2, b"\x11") + chunk(3, src) + chunk(4, dst)
            + chunk(7, struct.pack(">H", sp)) + chunk(8, struct.pack(">H", dp))
            + chunk(9, struct.pack(">I", s)) + chunk(10, struct.pack(">I", u))
            + chunk(11, b"\x01") + chunk(12, struct.pack(">I", 7)) + chunk(15, pl))
    return b"HEP3" + struct.pack(">H", 6 + len(body)) + body


def hep3(m):
    return eth(0x0800, ipv4(b"\x0a\0\0\x01", b"\x0a\0\0\x02", 17, udp(40000, 9060, hep3_packet(m))))


def hep3_tcp(msgs, rnd):
    """HEPv3 over TCP: the packets back to back in one stream, cut anywhere."""
    data = b"".join(hep3_packet(m) for m in msgs)
    frames, seq, o = [], 1, 0
    while o < len(data):
        n = rnd.randint(1, 700)
        frames.append((msgs[0][0], msgs[0][1], eth(0x0800, ipv4(
            b"\x0a\0\0\x01", b"\x0a\0\0\x02", 6, tcp(40000, 9060, seq + o, 1, 0x18, data[o:o + n])))))
        o += n
    return frames


def hep2(m):
    s, u, src, dst, sp, dp, pl = m
    hdr = struct.pack(">BBBBHH", 2, 16, 2, 17, sp, dp) + src + dst + struct.pack("<IIHH", s, u, 7, 0)
    return eth(0x0800, ipv4(b"\x0a\0\0\x01", b"\x0a\0\0\x02", 17, udp(40000, 9060, hdr + pl)))


def main():
    base, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    msgs = messages(base)
    rnd = random.Random(15)
    lst = []

    def put(name, link, frames, args="", oracle="", **kw):
        write_pcap(os.path.join(out, name), link, frames, **kw)
        lst.append((name, args or "-", oracle or name))

    put("eth.pcap", 1, simple(msgs, 1, lambda m: eth(0x0800, v4udp(m))))
    put("be-nsec.pcap", 1, simple(msgs, 1, lambda m: eth(0x0800, v4udp(m))), end=">", nsec=True)
    put("sll.pcap", 113, simple(msgs, 113, lambda m: struct.pack(">HHH8sH", 0, 772, 6, bytes(8), 0x0800) + v4udp(m)))
    put("sll2.pcap", 276, simple(msgs, 276, lambda m: struct.pack(">HHIHBB8s", 0x0800, 0, 1, 772, 0, 6, bytes(8)) + v4udp(m)))
    put("raw.pcap", 101, simple(msgs, 101, v4udp))
    put("null.pcap", 0, simple(msgs, 0, lambda m: struct.pack("<I", 2) + v4udp(m)))
    put("loop.pcap", 108, simple(msgs, 108, lambda m: struct.pack(">I", 2) + v4udp(m)))
    put("qinq.pcap", 1, simple(msgs, 1, lambda m: eth(0x0800, v4udp(m), ((0x88A8, 100), (0x8100, 200)))))
    put("port6060.pcap", 1, simple(msgs, 1, lambda m: eth(0x0800, v4udp(m, 6060))), "-d udp.port==6060,sip")
    put("ipv6-ext.pcap", 1, simple(msgs, 1, lambda m: eth(0x86DD, ipv6(
        V6_SRC, V6_DST, 0, struct.pack(">BB6s", 60, 0, bytes(6)) + struct.pack(">BB6s", 17, 0, bytes(6))
        + udp(m[4], m[5], m[6])))))
    put("ipip.pcap", 1, simple(msgs, 1, lambda m: eth(0x0800, ipv4(b"\x0a\0\0\x01", b"\x0a\0\0\x02", 4, v4udp(m)))))
    put("ip6in4.pcap", 1, simple(msgs, 1, lambda m: eth(0x0800, ipv4(
        b"\x0a\0\0\x01", b"\x0a\0\0\x02", 41, ipv6(V6_SRC, V6_DST, 17, udp(m[4], m[5], m[6]))))))
    put("vxlan.pcap", 1, simple(msgs, 1, lambda m: eth(0x0800, ipv4(
        b"\x0a\0\0\x01", b"\x0a\0\0\x02", 17, udp(40000, 4789, b"\x08\0\0\0\0\0\x2a\0" + eth(0x0800, v4udp(m)))))))
    frames = []
    for i, m in enumerate(msgs):
        frames += [(m[0], m[1], f) for f in fragments4(m, 100 + i, rnd)]
    put("frag4.pcap", 1, frames)
    frames = []
    for i, m in enumerate(msgs):
        frames += [(m[0], m[1], f) for f in fragments6(m, 100 + i, rnd)]
    put("frag6.pcap", 1, frames)
    # tshark reassembles segments that come out of order only when asked.
    put("tcp.pcap", 1, tcp_streams(msgs, rnd), "-o tcp.reassemble_out_of_order:TRUE")
    put("ws.pcap", 1, tcp_streams(msgs, rnd, ws=True),
        "-d tcp.port==5060,http -o tcp.reassemble_out_of_order:TRUE")
    put("sctp.pcap", 1, simple(msgs, 1, sctp_frame))
    # tshark 4.0 has no HEP dissector: it counts the same messages unwrapped.
    put("hep3.pcap", 1, simple(msgs, 1, hep3), "", oracle="eth.pcap")
    put("hep2.pcap", 1, simple(msgs, 1, hep2), "", oracle="eth.pcap")
    put("hep3-tcp.pcap", 1, hep3_tcp(msgs, rnd), "", oracle="eth.pcap")
    # Every third message sent again: the requests and final responses
    # among them are retransmissions, the provisional ones are not.
    frames = []
    for i, m in enumerate(msgs):
        frames.append((m[0], m[1], eth(0x0800, v4udp(m))))
        if i % 3 == 0:
            frames.append((m[0], m[1] + 1, eth(0x0800, v4udp(m))))
    put("resent.pcap", 1, frames)
    with open(os.path.join(out, "list.tsv"), "w") as f:
        for row in lst:
            f.write("\t".join(row) + "\n")


if __name__ == "__main__":
    main()
