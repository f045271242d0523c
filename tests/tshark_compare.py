#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Compares `sipcode --json scan CAPTURE` with `tshark -q -z sip,stat -r
CAPTURE` (the reference): messages, resent messages, requests per method and
responses per code must be equal.

tshark puts a code it has no name for in its class's "x99 ... Others" row
(and one outside 100..699 in 999), so sipcode's codes are compared row by
row where tshark lists the code itself, and summed per class where tshark
lists only the class's Others row.

    tshark_compare.py SIPCODE CAPTURE [--oracle FILE] [TSHARK-ARG...]
TSHARK-ARGs such as -d udp.port==6060,sip; --oracle has tshark read FILE,
the same messages in an encapsulation tshark decodes.
Exits 0 when equal; 1 with both sides printed otherwise."""
import json
import re
import subprocess
import sys


def tshark_stats(capture, extra):
    out = subprocess.run(["tshark", "-n", "-q", "-z", "sip,stat", "-r", capture] + extra,
                         check=True, capture_output=True, text=True).stdout
    stats = {"messages": 0, "resent": 0, "codes": {}, "others": {}, "methods": {}}
    section = None
    for line in out.splitlines():
        m = re.match(r"Number of SIP messages: (\d+)", line)
        if m:
            stats["messages"] = int(m.group(1))
        m = re.match(r"Number of resent SIP messages: (\d+)", line)
        if m:
            stats["resent"] = int(m.group(1))
        if line.startswith("* SIP Status Codes"):
            section = "codes"
        elif line.startswith("* List of SIP Request methods"):
            section = "methods"
        elif line.startswith("*"):
            section = None
        m = re.match(r"\s+(.*?)\s*:\s+(\d+) Packets", line)
        if not m or not section:
            continue
        name, count = m.group(1), int(m.group(2))
        if section == "methods":
            stats["methods"][name] = count
            continue
        code = int(name.split()[1])
        if "Others" in name or code == 999:
            stats["others"][code] = count
        else:
            stats["codes"][code] = count
    return stats


def main():
    tool, capture, extra = sys.argv[1], sys.argv[2], sys.argv[3:]
    oracle = capture
    if extra[:1] == ["--oracle"]:
        oracle, extra = extra[1], extra[2:]
    t = tshark_stats(oracle, extra)
    s = json.loads(subprocess.run([tool, "--json", "scan", capture], check=True,
                                  capture_output=True, text=True).stdout)
    codes, others = {}, {}
    for c in s["codes"]:
        if c["code"] in t["codes"]:
            codes[c["code"]] = c["count"]
        else:
            bucket = c["code"] // 100 * 100 + 99
            others[bucket] = others.get(bucket, 0) + c["count"]
    got = {"messages": s["messages"], "resent": s["retransmissions"], "codes": codes,
           "others": others, "methods": s["methods"]}
    # Two readings that both find nothing would agree on nothing.
    if t["messages"] == 0:
        print("%s: tshark reads no SIP message in %s: nothing to compare" % (capture, oracle))
        return 1
    if got != t:
        print("%s: sipcode and tshark differ\n  sipcode %s\n  tshark  %s"
              % (capture, json.dumps(got, sort_keys=True), json.dumps(t, sort_keys=True)))
        return 1
    print("%s: %d messages, %d resent, %d codes, %d methods: equal to tshark"
          % (capture, t["messages"], t["resent"], len(codes) + len(others), len(t["methods"])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
