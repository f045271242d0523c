#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Writes a pcap of synthetic SIP traffic for the outcome benchmark
(bench/outcomes.sh): CALLS session attempts over UDP, one in eight busy, one
in sixteen challenged first, the rest answered and hung up, and one
REGISTER with a challenge per four calls; or, with --flood, CALLS INVITEs
that nobody answers (every call and transaction stays in flight).

    outcomes_pcap.py [--flood] CALLS OUT.pcap"""
import struct
import sys


def main():
    args = sys.argv[1:]
    flood = args[0] == "--flood"
    if flood:
        args = args[1:]
    calls, out = int(args[0]), args[1]
    t = [1700000000 * 1000000]
    with open(out, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))

        def pkt(back, text):
            data = text.replace("\n", "\r\n").encode()
            udp = struct.pack("!HHHH", 5060, 5060, 8 + len(data), 0) + data
            a, b = b"\x0a\x00\x00\x01", b"\x0a\x00\x00\x02"
            ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), 0, 0, 64, 17, 0,
                             b if back else a, a if back else b) + udp
            frame = b"\x00" * 12 + b"\x08\x00" + ip
            t[0] += 137
            f.write(struct.pack("<IIII", t[0] // 1000000, t[0] % 1000000, len(frame), len(frame)))
            f.write(frame)

        def req(method, i, cseq, br, to_tag=""):
            pkt(0, "%s sip:b%d@example.net SIP/2.0\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK%s\n"
                   "From: <sip:a@example.net>;tag=f%d\nTo: <sip:b%d@example.net>%s\nCall-ID: c%d@bench\n"
                   "CSeq: %d %s\nMax-Forwards: 70\nContact: <sip:a@10.0.0.1>\nContent-Length: 0\n\n"
                % (method, i, br, i, i, to_tag, i, cseq, method))

        def resp(status, method, i, cseq, br, tag=True):
            pkt(1, "SIP/2.0 %s\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK%s\n"
                   "From: <sip:a@example.net>;tag=f%d\nTo: <sip:b%d@example.net>%s\nCall-ID: c%d@bench\n"
                   "CSeq: %d %s\nContact: <sip:b@10.0.0.2>\nContent-Length: 0\n\n"
                % (status, br, i, i, ";tag=t%d" % i if tag else "", i, cseq, method))

        for i in range(calls):
            if flood:
                req("INVITE", i, 1, "i%d" % i)
                continue
            cseq = 1
            if i % 16 == 3:
                req("INVITE", i, 1, "c%d" % i)
                resp("407 Proxy Authentication Required", "INVITE", i, 1, "c%d" % i)
                req("ACK", i, 1, "c%d" % i, ";tag=t%d" % i)
                cseq = 2
            req("INVITE", i, cseq, "i%d" % i)
            resp("100 Trying", "INVITE", i, cseq, "i%d" % i, tag=False)
            resp("180 Ringing", "INVITE", i, cseq, "i%d" % i)
            if i % 8 == 5:
                resp("486 Busy Here", "INVITE", i, cseq, "i%d" % i)
                req("ACK", i, cseq, "i%d" % i, ";tag=t%d" % i)
            else:
                resp("200 OK", "INVITE", i, cseq, "i%d" % i)
                req("ACK", i, cseq, "a%d" % i, ";tag=t%d" % i)
                req("BYE", i, cseq + 1, "b%d" % i, ";tag=t%d" % i)
                resp("200 OK", "BYE", i, cseq + 1, "b%d" % i)
            if i % 4 == 0:
                req("REGISTER", i, 1, "r%d" % i)
                resp("401 Unauthorized", "REGISTER", i, 1, "r%d" % i)
                req("REGISTER", i, 2, "s%d" % i)
                resp("200 OK", "REGISTER", i, 2, "s%d" % i)


main()
