#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Writes a SIP trace for make bench-scan: calls logged the way sipp's
-trace_msg does (a dashed header with a timestamp, "UDP message sent/received",
then the message), until the file holds at least SIZE megabytes.

    gen_trace.py OUT [SIZE_MB]      (default 200)

Each call is an INVITE with an SDP body, 100 Trying, then 180 Ringing or
183 Session Progress, a digest challenge (401 or 407) on some calls, and a
final answer drawn with the traffic mix of bench/workloads.c (mostly 200,
then 486 and 487 and a tail of others, including phrases that are not
registered spellings and a code outside the table), then ACK, and BYE/200
for answered calls. Deterministic: the same arguments give the same bytes.
Needs only the Python standard library.
"""

import os
import random
import sys

FINALS = [  # (code, phrase as sent, weight)
    (200, "OK", 700), (486, "Busy Here", 70), (487, "Request Terminated", 90),
    (404, "Not Found", 35), (408, "Request Timeout", 18), (480, "Temporarily Unavailable", 18),
    (481, "Call/Transaction Does Not Exist", 10), (403, "Forbidden", 9), (500, "Server Internal Error", 7),
    (503, "Service Unavailable", 7), (603, "Decline", 5), (488, "Not Acceptable Here", 5),
    (486, "Busy", 6), (408, "Request Time-out", 4), (480, "Temporarily not available", 3),
    (499, "Custom Failure", 2), (500, "Oops", 1),
]

HEADER = "----------------------------------------------- 2026-08-17 10:%02d:%02d.%06d\n"


def message(direction, first, call, cseq, method, to_tag, extra="", body=""):
    return ("UDP message %s [%d] bytes :\n\n%s\r\n"
            "Via: SIP/2.0/UDP 10.0.%d.%d:5060;branch=z9hG4bK-%d-%d-0\r\n"
            "From: sipp <sip:sipp@10.0.0.1:5061>;tag=%dSIPpTag00%d\r\n"
            "To: service <sip:%d@10.1.0.1:5060>%s\r\n"
            "Call-ID: %d-4242@10.0.0.1\r\n"
            "CSeq: %d %s\r\n"
            "Contact: <sip:sipp@10.0.0.1:5061;transport=UDP>\r\n"
            "Max-Forwards: 70\r\n"
            "User-Agent: benchmark trace\r\n"
            "%sContent-Length: %d\r\n\r\n%s\n\n"
            % (direction, 300 + len(body), first, call % 250, call % 199, call, cseq,
               call, call % 10, 1000 + call % 9000, to_tag, call, cseq, method, extra,
               len(body), body))


SDP = ("v=0\r\no=user1 53655765 2353687637 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.1\r\n"
       "t=0 0\r\nm=audio 6000 RTP/AVP 0 8 101\r\na=rtpmap:0 PCMU/8000\r\n"
       "a=rtpmap:8 PCMA/8000\r\na=rtpmap:101 telephone-event/8000\r\n")


def call_text(rng, call):
    out = []
    uri = "INVITE sip:%d@10.1.0.1:5060 SIP/2.0" % (1000 + call % 9000)
    tag = ";tag=%dSIPpTag01%d" % (call, call % 7)

    def log(direction, first, cseq, method, to_tag="", extra="", body=""):
        t = call * 3 + len(out)
        out.append(HEADER % (t // 60000000 % 60, t // 1000000 % 60, t % 1000000)
                   + message(direction, first, call, cseq, method, to_tag, extra, body))

    cseq = 1
    log("sent", uri, cseq, "INVITE", body=SDP, extra="Content-Type: application/sdp\r\n")
    challenge = rng.random()
    if challenge < 0.25:
        code, phrase = (401, "Unauthorized") if challenge < 0.15 else (407, "Proxy Authentication Required")
        log("received", "SIP/2.0 %d %s" % (code, phrase), cseq, "INVITE", tag,
            extra='WWW-Authenticate: Digest realm="example.net", nonce="%08x"\r\n' % call)
        log("sent", "ACK sip:%d@10.1.0.1:5060 SIP/2.0" % (1000 + call % 9000), cseq, "ACK", tag)
        cseq += 1
        log("sent", uri, cseq, "INVITE", body=SDP, extra="Content-Type: application/sdp\r\n")
    log("received", "SIP/2.0 100 Trying", cseq, "INVITE")
    if rng.random() < 0.6:
        log("received", "SIP/2.0 180 Ringing", cseq, "INVITE", tag)
    else:
        log("received", "SIP/2.0 183 Session Progress", cseq, "INVITE", tag, body=SDP,
            extra="Content-Type: application/sdp\r\n")
    code, phrase, _ = rng.choices(FINALS, weights=[f[2] for f in FINALS])[0]
    log("received", "SIP/2.0 %d %s" % (code, phrase), cseq, "INVITE", tag,
        body=SDP if code == 200 else "", extra="Content-Type: application/sdp\r\n" if code == 200 else "")
    log("sent", "ACK sip:%d@10.1.0.1:5060 SIP/2.0" % (1000 + call % 9000), cseq, "ACK", tag)
    if code == 200:
        log("sent", "BYE sip:%d@10.1.0.1:5060 SIP/2.0" % (1000 + call % 9000), cseq + 1, "BYE", tag)
        log("received", "SIP/2.0 200 OK", cseq + 1, "BYE", tag)
    return "".join(out)


def main(argv):
    if len(argv) not in (2, 3):
        sys.stderr.write("usage: gen_trace.py OUT [SIZE_MB]\n")
        return 2
    want = int(argv[2] if len(argv) == 3 else 200) * 1000 * 1000
    rng = random.Random(20260817)
    tmp = argv[1] + ".tmp"
    written, call = 0, 0
    with open(tmp, "w", newline="") as f:
        while written < want:
            chunk = "".join(call_text(rng, call + k) for k in range(2000))
            call += 2000
            f.write(chunk)
            written += len(chunk)
    os.replace(tmp, argv[1])
    print("gen_trace: %s: %d calls, %.1f MB" % (argv[1], call, written / 1e6))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
