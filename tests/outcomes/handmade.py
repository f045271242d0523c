#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Writes the captures of tests/captures/ that sipp cannot play in a test's
time or at all, from message sequences written out here with the time of
each packet (seconds from the start), so that their outcomes are known by
construction:

  forked.pcap  one INVITE answered by two forks: two 200 OK with different
               To tags (and the first 200 sent again); both dialogs are
               acknowledged and hung up
  timers.pcap  three INVITEs that ring: the first gets its 200 40 s after
               the INVITE (past 64*T1 = 32 s: no final response, a late
               final), the second 20 s after (answered), the third none
               before the capture ends

    python3 tests/outcomes/handmade.py OUTDIR"""
import os
import struct
import sys

UAC = ("127.0.0.1", 5061)
UAS = ("127.0.0.1", 5060)


def pcap(path, packets):
    """packets: (seconds, from_uac, text)"""
    with open(path, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
        for t, from_uac, text in packets:
            src, dst = (UAC, UAS) if from_uac else (UAS, UAC)
            data = text.strip("\n").replace("\n", "\r\n").encode() + b"\r\n\r\n"
            udp = struct.pack("!HHHH", src[1], dst[1], 8 + len(data), 0) + data
            ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), 0, 0, 64, 17, 0,
                             bytes(map(int, src[0].split("."))),
                             bytes(map(int, dst[0].split(".")))) + udp
            frame = b"\x00" * 12 + b"\x08\x00" + ip
            us = 1700000000 * 1000000 + int(round(t * 1000000))
            f.write(struct.pack("<IIII", us // 1000000, us % 1000000, len(frame), len(frame)))
            f.write(frame)


def request(method, call, cseq, branch, to_tag=""):
    return """
%s sip:uas@127.0.0.1:5060 SIP/2.0
Via: SIP/2.0/UDP 127.0.0.1:5061;branch=z9hG4bK%s
From: <sip:uac@127.0.0.1:5061>;tag=uac%s
To: <sip:uas@127.0.0.1:5060>%s
Call-ID: %s@handmade
CSeq: %d %s
Max-Forwards: 70
Content-Length: 0""" % (method, branch, call, ";tag=" + to_tag if to_tag else "", call, cseq, method)


def response(status, method, call, cseq, branch, to_tag=""):
    return """
SIP/2.0 %s
Via: SIP/2.0/UDP 127.0.0.1:5061;branch=z9hG4bK%s
From: <sip:uac@127.0.0.1:5061>;tag=uac%s
To: <sip:uas@127.0.0.1:5060>%s
Call-ID: %s@handmade
CSeq: %d %s
Content-Length: 0""" % (status, branch, call, ";tag=" + to_tag if to_tag else "", call, cseq, method)


def forked():
    c = "fork1"
    return [
        (0.000, 1, request("INVITE", c, 1, "f1")),
        (0.010, 0, response("100 Trying", "INVITE", c, 1, "f1")),
        (0.500, 0, response("180 Ringing", "INVITE", c, 1, "f1", "leg1")),
        (2.000, 0, response("200 OK", "INVITE", c, 1, "f1", "leg1")),
        (2.100, 0, response("200 OK", "INVITE", c, 1, "f1", "leg2")),    # the other fork
        (2.500, 0, response("200 OK", "INVITE", c, 1, "f1", "leg1")),    # sent again
        (2.510, 1, request("ACK", c, 1, "f1a1", "leg1")),
        (2.520, 1, request("ACK", c, 1, "f1a2", "leg2")),
        (2.600, 1, request("BYE", c, 2, "f1b2", "leg2")),                 # the extra dialog goes
        (2.610, 0, response("200 OK", "BYE", c, 2, "f1b2", "leg2")),
        (5.000, 1, request("BYE", c, 3, "f1b1", "leg1")),
        (5.020, 0, response("200 OK", "BYE", c, 3, "f1b1", "leg1")),
    ]


def timers():
    p = []
    for call, t0, final in (("late", 0.0, 40.0), ("ontime", 50.0, 20.0), ("never", 100.0, None)):
        b = call + "i"
        p += [(t0, 1, request("INVITE", call, 1, b)),
              (t0 + 0.01, 0, response("100 Trying", "INVITE", call, 1, b)),
              (t0 + 1.0, 0, response("180 Ringing", "INVITE", call, 1, b, "t" + call))]
        if final:
            p += [(t0 + final, 0, response("200 OK", "INVITE", call, 1, b, "t" + call)),
                  (t0 + final + 0.01, 1, request("ACK", call, 1, call + "a", "t" + call)),
                  (t0 + final + 5.0, 1, request("BYE", call, 2, call + "b", "t" + call)),
                  (t0 + final + 5.01, 0, response("200 OK", "BYE", call, 2, call + "b", "t" + call))]
    return sorted(p, key=lambda x: x[0])


def main():
    out = sys.argv[1]
    pcap(os.path.join(out, "forked.pcap"), forked())
    pcap(os.path.join(out, "timers.pcap"), timers())


main()
