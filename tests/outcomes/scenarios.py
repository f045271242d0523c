#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Writes the sipp scenarios behind tests/captures/: for each NAME, a client
NAME-uac.xml and a server NAME-uas.xml whose exchange has an outcome known by
construction (see CASES in capture.sh for the call counts).

    python3 tests/outcomes/scenarios.py DIR
"""
import os
import sys

HEAD = '<?xml version="1.0" encoding="ISO-8859-1" ?>\n<!DOCTYPE scenario SYSTEM "sipp.dtd">\n'


def msg(text, attrs=""):
    lines = "\n".join("      " + l for l in text.strip("\n").splitlines())
    return "  <send%s>\n    <![CDATA[\n\n%s\n      Content-Length: 0\n\n    ]]>\n  </send>\n" % (attrs, lines)


def recv(what, extra=""):
    kind = "request" if what.isalpha() else "response"
    return '  <recv %s="%s"%s/>\n' % (kind, what, extra)


def pause(ms):
    return '  <pause milliseconds="%d"/>\n' % ms


# Client requests. Each call has its own Call-ID and From tag.
FROM = "From: uac <sip:uac@[local_ip]:[local_port]>;tag=[pid]uac[call_number]"
URI = "sip:[service]@[remote_ip]:[remote_port]"


def request(method, cseq, to_tag=False, extra="", branch="[branch]", uri=URI):
    to = "[last_To:]" if to_tag else "To: sut <%s>" % URI
    return msg("""
%s %s SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=%s
%s
%s
Call-ID: [call_id]
CSeq: %d %s
Contact: <sip:uac@[local_ip]:[local_port]>
Max-Forwards: 70
%s""" % (method, uri, branch, FROM, to, cseq, method, extra))


def invite(cseq=1, extra=""):
    return request("INVITE", cseq, extra=extra)


def ack(cseq=1):
    return request("ACK", cseq, to_tag=True)


def bye(cseq):
    return request("BYE", cseq, to_tag=True)


# Server responses: to the last request received, with a To tag unless 100.
def response(status, extra="", cseq=None, tag="[pid]uas[call_number]"):
    to = "[last_To:]" if status.startswith("100") or not tag else "[last_To:];tag=%s" % tag
    return msg("""
SIP/2.0 %s
[last_Via:]
[last_From:]
%s
[last_Call-ID:]
%s
Contact: <sip:uas@[local_ip]:[local_port]>
%s""" % (status, to, cseq or "[last_CSeq:]", extra))


def scenario(name, body):
    return HEAD + '<scenario name="%s">\n%s</scenario>\n' % (name, body)


def cases():
    c = {}
    # Answered: rings, answered, the caller hangs up.
    c["answered"] = (
        invite() + recv("100") + recv("180") + recv("200") + ack() + pause(200) + bye(2) + recv("200"),
        recv("INVITE") + response("100 Trying") + response("180 Ringing") + pause(50)
        + response("200 OK") + recv("ACK") + recv("BYE") + response("200 OK"))
    # Busy, with the Reason FreeSWITCH sends (cause 16 disagrees with 486 under RFC 3398).
    c["busy"] = (
        invite() + recv("100") + recv("486") + ack(),
        recv("INVITE") + response("100 Trying")
        + response("486 Busy Here", 'Reason: Q.850;cause=16;text="NORMAL_CLEARING"') + recv("ACK"))
    # Challenged by a proxy, retried with credentials, answered; the callee hangs up.
    c["challenged"] = (
        invite() + recv("407") + ack() + invite(2, 'Proxy-Authorization: Digest username="uac", '
                                                   'realm="test", nonce="n", uri="sip:x", response="r"')
        + recv("100") + recv("180") + recv("200") + ack(2) + recv("BYE") + response("200 OK", tag=""),
        '  <recv request="INVITE">\n    <action>\n      <ereg regexp="tag=([^;> ]*)" search_in="hdr" header="From:" check_it="true" assign_to="all,ftag"/>\n    </action>\n  </recv>\n'
        + response("407 Proxy Authentication Required",
                                  'Proxy-Authenticate: Digest realm="test", nonce="n"')
        + recv("ACK") + recv("INVITE") + response("100 Trying") + response("180 Ringing")
        + response("200 OK") + recv("ACK") + pause(300)
        + msg("""
BYE sip:uac@[remote_ip]:[remote_port] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
From: sut <sip:[service]@[local_ip]:[local_port]>;tag=[pid]uas[call_number]
To: uac <sip:uac@[remote_ip]:[remote_port]>;tag=[$ftag]
[last_Call-ID:]
CSeq: 1 BYE
Max-Forwards: 70""") + recv("200") + '  <Reference variables="all"/>\n')
    # Challenged, and the caller gives up.
    c["abandoned"] = (
        invite() + recv("401") + ack(),
        recv("INVITE") + response("401 Unauthorized", 'WWW-Authenticate: Digest realm="test", nonce="n"')
        + recv("ACK"))
    # Cancelled while ringing: CANCEL answered 200, the INVITE 487.
    c["cancelled"] = (
        invite() + recv("100") + recv("180") + pause(100)
        + request("CANCEL", 1, branch="[branch-4]") + recv("200") + recv("487") + ack(),
        recv("INVITE") + response("100 Trying") + response("180 Ringing") + recv("CANCEL")
        + response("200 OK", tag="[pid]uas[call_number]")
        + response("487 Request Terminated", cseq="CSeq: 1 INVITE") + recv("ACK"))
    # Overloaded: 503 with Retry-After and a Warning.
    c["unavailable"] = (
        invite() + recv("503") + ack(),
        recv("INVITE") + response("503 Service Unavailable",
                                  'Retry-After: 30\nWarning: 399 sut "Overloaded, try later"')
        + recv("ACK"))
    # Nobody answers: 480 with a Q.850 Reason that agrees (18 no user responding).
    c["unanswered"] = (
        invite() + recv("100") + recv("180") + recv("480") + ack(),
        recv("INVITE") + response("100 Trying") + response("180 Ringing") + pause(100)
        + response("480 Temporarily Unavailable",
                   'Reason: Q.850;cause=18;text="No user responding"') + recv("ACK"))
    # A REGISTER challenged, then accepted.
    c["register-ok"] = (
        request("REGISTER", 1, uri="sip:[remote_ip]:[remote_port]") + recv("401")
        + request("REGISTER", 2, uri="sip:[remote_ip]:[remote_port]",
                  extra='Authorization: Digest username="uac", realm="test", nonce="n", uri="sip:x", response="r"')
        + recv("200"),
        recv("REGISTER") + response("401 Unauthorized", 'WWW-Authenticate: Digest realm="test", nonce="n"')
        + recv("REGISTER") + response("200 OK", "Expires: 3600"))
    # A REGISTER refused.
    c["register-fail"] = (
        request("REGISTER", 1, uri="sip:[remote_ip]:[remote_port]") + recv("403"),
        recv("REGISTER") + response("403 Forbidden"))
    # An INVITE nobody answers at all: the server swallows it; the client
    # retransmits (Timer A) until it gives up.
    c["silent"] = (
        invite().replace("<send>", '<send retrans="500">') + '  <recv response="100" timeout="2200" ontimeout="done"/>\n'
        + '  <label id="done"/>\n',
        recv("INVITE") + pause(2600))
    return c


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    for name, (uac, uas) in cases().items():
        for side, body in (("uac", uac), ("uas", uas)):
            with open(os.path.join(out, "%s-%s.xml" % (name, side)), "w") as f:
                f.write(scenario("sipcode %s %s" % (name, side), body))


if __name__ == "__main__":
    main()
