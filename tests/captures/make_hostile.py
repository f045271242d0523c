#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Hostile captures for tests/test_capture.sh, each written to stdout:

    make_hostile.py frag-flood N     N first fragments whose datagrams never complete
    make_hostile.py endless MB       one TCP stream: a request line, then MB
                                     megabytes of header lines and no end of headers
    make_hostile.py clen             over TCP and UDP, Content-Length -1, 2^32 and
                                     10^30, then a good message after each
    make_hostile.py duplicates       headers given twice (Call-ID, CSeq,
                                     Content-Length, From, To, Via) and folded
    make_hostile.py snaplen BASE     the UDP messages of the capture BASE cut to 100 bytes
    make_hostile.py gap              a TCP stream of 4 messages whose second segment
                                     was never captured, and a TLS stream

The capture is streamed: memory does not grow with its size."""
import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_variants import eth, ipv4, tcp, udp, messages  # noqa: E402

A = b"\x0a\0\0\x01"
B = b"\x0a\0\0\x02"


def header(out, snap=262144):
    out.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, snap, 1))


def packet(out, data, t=1, wire=None):
    out.write(struct.pack("<IIII", t, 0, len(data), wire or len(data)) + data)


def frag_flood(out, n):
    header(out)
    for i in range(n):
        # The first 1024 bytes of a datagram; the rest never comes.
        payload = udp(5060, 5060, b"INVITE sip:x@y SIP/2.0\r\n" + b"x" * 992)
        packet(out, eth(0x0800, ipv4(A, B, 17, payload[:1024], i & 0xFFFF, 0x2000)), t=1 + i // 1000)


def endless(out, mb):
    header(out)
    seq = 1
    line = b"X-Never-Ending: " + b"a" * 1380 + b"\r\n"
    data = b"INVITE sip:x@y SIP/2.0\r\n"
    total = mb * 1000000
    sent = 0
    while sent < total:
        packet(out, eth(0x0800, ipv4(A, B, 6, tcp(40000, 5060, seq, 1, 0x18, data))))
        seq = (seq + len(data)) & 0xFFFFFFFF
        sent += len(data)
        data = line


SIP_REQ = (b"OPTIONS sip:x@y SIP/2.0\r\nVia: SIP/2.0/TCP a;branch=z9hG4bK1\r\n"
           b"From: <sip:a@b>;tag=1\r\nTo: <sip:x@y>\r\nCall-ID: c%d\r\nCSeq: %d OPTIONS\r\n")


def clen(out):
    header(out)
    seq = 1
    n = 0
    for value in (b"-1", b"4294967296", b"1000000000000000000000000000000"):
        for transport in ("tcp", "udp"):
            n += 1
            bad = SIP_REQ % (n, n) + b"Content-Length: " + value + b"\r\n\r\n"
            n += 1
            good = SIP_REQ % (n, n) + b"Content-Length: 0\r\n\r\n"
            for msg in (bad, good):
                if transport == "udp":
                    packet(out, eth(0x0800, ipv4(A, B, 17, udp(5060, 5060, msg))))
                else:
                    packet(out, eth(0x0800, ipv4(A, B, 6, tcp(40000 + n, 5060, seq, 1, 0x18, msg))))
                    seq += len(msg)


def duplicates(out):
    header(out)
    msg = (b"SIP/2.0 486 Busy Here\r\nv: SIP/2.0/UDP a;branch=z9hG4bKfirst\r\n"
           b"Via: SIP/2.0/UDP b;branch=z9hG4bKsecond\r\n"
           b"f: <sip:a@b>;tag=from1\r\nFrom: <sip:a@b>;tag=from2\r\n"
           b"t: \"x;tag=no\" <sip:x@y;tag=uri>;tag=to1\r\nTo: <sip:x@y>;tag=to2\r\n"
           b"i: first-call\r\nCall-ID: second-call\r\nCSeq: 7 INVITE\r\nCSeq: 8 BYE\r\n"
           b"Reason: Q.850;cause=17;\r\n text=\"user busy\"\r\nWarning: 399 host \"one\"\r\n"
           b"Warning: 399 host \"two\"\r\nl: 0\r\nContent-Length: 0\r\n\r\n")
    packet(out, eth(0x0800, ipv4(A, B, 17, udp(5060, 5060, msg))))
    packet(out, eth(0x0800, ipv4(A, B, 6, tcp(40000, 5060, 1, 1, 0x18, msg))))


def snaplen(out, base):
    header(out, snap=100)
    for s, u, src, dst, sp, dp, pl in messages(base):
        f = eth(0x0800, ipv4(src, dst, 17, udp(sp, dp, pl)))
        packet(out, f[:100], t=s, wire=len(f))


def gap(out):
    header(out)
    msgs = [SIP_REQ % (i, i) + b"Content-Length: 0\r\n\r\n" for i in range(4)]
    stream = b"".join(msgs)
    cut = len(msgs[0]) + 10  # the lost segment: the start of the second message
    seq = 1000
    for lo, hi in ((0, cut), (cut, cut + 30), (cut + 30, len(stream))):
        if lo != cut:
            packet(out, eth(0x0800, ipv4(A, B, 6, tcp(40000, 5060, seq + lo, 1, 0x18, stream[lo:hi]))))
    packet(out, eth(0x0800, ipv4(A, B, 6, tcp(40000, 5060, seq + len(stream), 1, 0x11, b""))))
    hello = b"\x16\x03\x01\x00\x30" + bytes(48)
    packet(out, eth(0x0800, ipv4(A, B, 6, tcp(40001, 5061, 1, 1, 0x18, hello))))


def main():
    out = sys.stdout.buffer
    what = sys.argv[1]
    if what == "frag-flood":
        frag_flood(out, int(sys.argv[2]))
    elif what == "endless":
        endless(out, int(sys.argv[2]))
    elif what == "clen":
        clen(out)
    elif what == "duplicates":
        duplicates(out)
    elif what == "gap":
        gap(out)
    elif what == "snaplen":
        snaplen(out, sys.argv[2])
    else:
        sys.exit("unknown capture " + what)


if __name__ == "__main__":
    main()
