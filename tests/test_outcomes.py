#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Known answers for the outcome analysis of `sipcode scan`: each capture in
tests/captures/ was made by a sipp scenario pair (tests/outcomes/) whose
calls end in a way known by construction. Every count, outcome and metric
is asserted exactly; the delays are checked against the packet times that
tshark reads from the same capture, and the per-method counts against
tshark's SIP statistics.

    test_outcomes.py SIPCODE CAPTURE_DIR           the known answers, merge,
                                                   formats, hostile input, usage
    test_outcomes.py SIPCODE CAPTURE_DIR --tshark  the delays and method counts
                                                   against tshark (needs tshark)
    (exits 0 or 1)"""
import json
import os
import re
import shutil
import subprocess
import sys

TOOL, CAPS = sys.argv[1], sys.argv[2]
TSHARK = sys.argv[3:] == ["--tshark"]
if sys.argv[3:] not in ([], ["--tshark"]):
    sys.exit("usage: test_outcomes.py SIPCODE CAPTURE_DIR [--tshark]")
GROUPS = ["answered", "redirected", "busy", "rejected", "cancelled", "not-found",
          "challenged-abandoned", "other-failure", "no-final-response"]

# capture: (method counts, finals, provisionals, scalars, outcomes, metrics, reasons, warnings,
#           disagreements, delay counts)
CASES = {
    "answered": dict(
        methods={"INVITE": dict(requests=3, transactions=3), "ACK": dict(requests=3),
                 "BYE": dict(requests=3, transactions=3)},
        finals={("INVITE", 200): 3, ("BYE", 200): 3},
        provisionals={("INVITE", 100): 3, ("INVITE", 180): 3},
        scalars=dict(attempts=3, completed=3), outcomes={"answered": 3},
        metrics=dict(SER=(3, 3), SEER=(3, 3), ISA=(0, 3), SCR=(3, 3), IRA=(0, 0)),
        delays={("SRD", "success"): 3, ("SDD", "success"): 3, ("SDT", "success"): 3}),
    "busy": dict(
        methods={"INVITE": dict(requests=2, transactions=2), "ACK": dict(requests=2)},
        finals={("INVITE", 486): 2}, provisionals={("INVITE", 100): 2},
        scalars=dict(attempts=2), outcomes={"busy": 2},
        metrics=dict(SER=(0, 2), SEER=(2, 2), ISA=(0, 2), SCR=(0, 2), IRA=(0, 0)),
        reasons={(486, "Q.850", 16): 2}, disagreements={(486, 16): 2},
        delays={("SRD", "failure"): 2}),
    "challenged": dict(
        methods={"INVITE": dict(requests=4, transactions=4), "ACK": dict(requests=4),
                 "BYE": dict(requests=2, transactions=2)},
        finals={("INVITE", 407): 2, ("INVITE", 200): 2, ("BYE", 200): 2},
        provisionals={("INVITE", 100): 2, ("INVITE", 180): 2},
        scalars=dict(attempts=2, completed=2, challenges=2), outcomes={"answered": 2},
        metrics=dict(SER=(2, 2), SEER=(2, 2), ISA=(0, 2), SCR=(2, 2), IRA=(0, 0)),
        delays={("SRD", "success"): 2, ("SDD", "success"): 2, ("SDT", "success"): 2}),
    "abandoned": dict(
        methods={"INVITE": dict(requests=2, transactions=2), "ACK": dict(requests=2)},
        finals={("INVITE", 401): 2}, provisionals={},
        scalars=dict(attempts=2), outcomes={"challenged-abandoned": 2},
        metrics=dict(SER=(0, 2), SEER=(0, 2), ISA=(0, 2), SCR=(0, 2), IRA=(0, 0)),
        delays={}),
    "cancelled": dict(
        methods={"INVITE": dict(requests=2, transactions=2), "ACK": dict(requests=2),
                 "CANCEL": dict(requests=2, transactions=2)},
        finals={("INVITE", 487): 2, ("CANCEL", 200): 2},
        provisionals={("INVITE", 100): 2, ("INVITE", 180): 2},
        scalars=dict(attempts=2), outcomes={"cancelled": 2},
        metrics=dict(SER=(0, 2), SEER=(0, 2), ISA=(0, 2), SCR=(0, 2), IRA=(0, 0)),
        delays={("SRD", "failure"): 2}),
    "unavailable": dict(
        methods={"INVITE": dict(requests=1, transactions=1), "ACK": dict(requests=1)},
        finals={("INVITE", 503): 1}, provisionals={},
        scalars=dict(attempts=1), outcomes={"other-failure": 1},
        metrics=dict(SER=(0, 1), SEER=(0, 1), ISA=(1, 1), SCR=(0, 1), IRA=(0, 0)),
        warnings={(503, 399): 1}, retry_after={(503, 30): 1}, delays={("SRD", "failure"): 1}),
    "unanswered": dict(
        methods={"INVITE": dict(requests=2, transactions=2), "ACK": dict(requests=2)},
        finals={("INVITE", 480): 2}, provisionals={("INVITE", 100): 2, ("INVITE", 180): 2},
        scalars=dict(attempts=2), outcomes={"other-failure": 2},
        metrics=dict(SER=(0, 2), SEER=(2, 2), ISA=(0, 2), SCR=(0, 2), IRA=(0, 0)),
        reasons={(480, "Q.850", 18): 2}, delays={("SRD", "failure"): 2}),
    "register-storm": dict(
        methods={"REGISTER": dict(requests=45, transactions=45)},
        finals={("REGISTER", 401): 20, ("REGISTER", 200): 20, ("REGISTER", 403): 5},
        provisionals={}, scalars=dict(registrations=25, challenges=20), outcomes={},
        metrics=dict(SER=(0, 0), SEER=(0, 0), ISA=(0, 0), SCR=(0, 0), IRA=(5, 25)),
        registers={200: 20, 403: 5},
        delays={("RRD", "success"): 20, ("RRD", "failure"): 5}),
    "silent": dict(
        methods={"INVITE": dict(requests=3, request_retransmissions=2, transactions=1,
                                timeouts=1)},
        finals={}, provisionals={}, scalars=dict(attempts=1),
        outcomes={"no-final-response": 1},
        metrics=dict(SER=(0, 1), SEER=(0, 1), ISA=(0, 1), SCR=(0, 1), IRA=(0, 0)),
        delays={}),
    # tests/outcomes/handmade.py: two forks answer one INVITE; the attempt is
    # answered once, the other fork's 200 is a forked final, the first 200
    # sent again a retransmission
    "forked": dict(
        methods={"INVITE": dict(requests=1, transactions=1, final_retransmissions=1,
                                forked_finals=1),
                 "ACK": dict(requests=2), "BYE": dict(requests=2, transactions=2)},
        finals={("INVITE", 200): 1, ("BYE", 200): 2},
        provisionals={("INVITE", 100): 1, ("INVITE", 180): 1},
        scalars=dict(attempts=1, completed=1), outcomes={"answered": 1},
        metrics=dict(SER=(1, 1), SEER=(1, 1), ISA=(0, 1), SCR=(1, 1), IRA=(0, 0)),
        delays={("SRD", "success"): 1, ("SDD", "success"): 1, ("SDT", "success"): 1}),
    # tests/outcomes/handmade.py: three INVITEs ring; a 200 40 s after its
    # INVITE is past 64*T1 (no final response, a late final), one 20 s after
    # is in time, the third INVITE never gets one
    "timers": dict(
        methods={"INVITE": dict(requests=3, transactions=3, timeouts=2, late_finals=1),
                 "ACK": dict(requests=2), "BYE": dict(requests=2, transactions=2)},
        finals={("INVITE", 200): 1, ("BYE", 200): 2},
        provisionals={("INVITE", 100): 3, ("INVITE", 180): 3},
        scalars=dict(attempts=3, completed=1),
        outcomes={"answered": 1, "no-final-response": 2},
        metrics=dict(SER=(1, 3), SEER=(1, 3), ISA=(0, 3), SCR=(1, 3), IRA=(0, 0)),
        delays={("SRD", "success"): 1, ("SDD", "success"): 1, ("SDT", "success"): 1},
        # tshark's packet times would count the late 200 as an answer
        delays_us={("SRD", "success"): 1000000, ("SDD", "success"): 10000,
                   ("SDT", "success"): 5000000}),
}

failures = 0


def check(name, what, got, want):
    global failures
    if got != want:
        failures += 1
        print("FAIL %s: %s: got %r, want %r" % (name, what, got, want))


def scan(path):
    out = subprocess.run([TOOL, "--json", "scan", path], check=True, capture_output=True,
                         text=True).stdout
    return json.loads(out)["outcomes"]


def check_counts(name, o, c):
    for m, counts in o["methods"].items():
        for k, v in counts.items():
            if isinstance(v, dict):
                continue
            check(name, "%s %s" % (m, k), v, c["methods"].get(m, {}).get(k, 0))
    check(name, "methods", sorted(o["methods"]), sorted(c["methods"]))
    for kind, key in (("finals", "finals"), ("provisionals", "provisionals")):
        got = {(m, int(code)): n for m, d in o["methods"].items() for code, n in d[kind].items()}
        check(name, kind, got, c[key])
    for k in ("attempts", "completed", "registrations", "challenges", "calls_evicted",
              "dialogs_evicted", "transactions_evicted", "reason_malformed", "without_cseq",
              "retry_after_malformed"):
        check(name, k, o[k], c["scalars"].get(k, 0))
    check(name, "outcomes", o["outcomes"], {g: c["outcomes"].get(g, 0) for g in GROUPS})
    by_code = {}
    for e in o["attempts_by_code"]:
        by_code[e["outcome"]] = by_code.get(e["outcome"], 0) + e["count"]
    check(name, "attempts by code, summed by outcome", by_code,
          {g: n for g, n in c["outcomes"].items() if n})
    for m, (num, den) in c["metrics"].items():
        got = o["metrics"][m]
        check(name, m, (got["numerator"], got["denominator"], got["ratio"]),
              (num, den, round(num / den, 6) if den else None))
    check(name, "registrations by code", {e["code"]: e["count"] for e in o["registrations_by_code"]},
          c.get("registers", {}))
    check(name, "reasons", {(e["code"], e["protocol"], e["cause"]): e["count"] for e in o["reasons"]},
          c.get("reasons", {}))
    check(name, "warnings", {(e["code"], e["warning"]): e["count"] for e in o["warnings"]},
          c.get("warnings", {}))
    check(name, "retry-after", {(e["code"], e["seconds"]): e["count"] for e in o["retry_after"]},
          c.get("retry_after", {}))
    check(name, "q850 disagreements",
          {(e["code"], e["cause"]): e["count"] for e in o["q850_disagreements"]},
          c.get("disagreements", {}))
    for d, sides in o["delays"].items():
        for side, v in sides.items():
            check(name, "%s %s count" % (d, side), v["count"], c["delays"].get((d, side), 0))
            if (d, side) in c.get("delays_us", {}):
                check(name, "%s %s max_us" % (d, side), v["max_us"], c["delays_us"][(d, side)])


# ---- delays against the packet times tshark reads
def packets(path):
    out = subprocess.run(["tshark", "-n", "-r", path, "-T", "fields", "-E", "separator=|",
                          "-e", "frame.time_epoch", "-e", "sip.Call-ID", "-e", "sip.Method",
                          "-e", "sip.Status-Code", "-e", "sip.CSeq.method"],
                         check=True, capture_output=True, text=True).stdout
    rows = []
    for line in out.splitlines():
        t, cid, method, status, cseq_method = line.split("|")
        sec, _, frac = t.partition(".")
        us = int(sec) * 1000000 + int((frac + "000000")[:6])
        rows.append((us, cid, method, int(status) if status else 0, cseq_method))
    return rows


def expected_delays(rows):
    """Per Call-ID, the RFC 6076 delays of these simple scenarios."""
    want = {}
    calls = {}
    for us, cid, method, status, cm in rows:
        calls.setdefault(cid, []).append((us, method, status, cm))
    for msgs in calls.values():
        first = lambda pred: next((m for m in msgs if pred(m)), None)
        inv = first(lambda m: m[1] == "INVITE")
        reg = first(lambda m: m[1] == "REGISTER")
        if inv:
            ok = first(lambda m: m[2] == 200 and m[3] == "INVITE")
            fail = first(lambda m: m[2] >= 400 and m[3] == "INVITE" and m[2] not in (401, 407))
            prov = first(lambda m: 100 < m[2] < 200 and m[3] == "INVITE")
            if ok:
                want.setdefault(("SRD", "success"), []).append((prov or ok)[0] - inv[0])
                bye = first(lambda m: m[1] == "BYE")
                if bye:
                    want.setdefault(("SDT", "success"), []).append(bye[0] - ok[0])
                    bye_ok = first(lambda m: m[2] == 200 and m[3] == "BYE")
                    want.setdefault(("SDD", "success"), []).append(bye_ok[0] - bye[0])
            elif fail:
                want.setdefault(("SRD", "failure"), []).append(fail[0] - inv[0])
        if reg:
            ok = first(lambda m: m[2] == 200 and m[3] == "REGISTER")
            fail = first(lambda m: m[2] >= 400 and m[3] == "REGISTER" and m[2] not in (401, 407))
            if ok:
                want.setdefault(("RRD", "success"), []).append(ok[0] - reg[0])
            elif fail:
                want.setdefault(("RRD", "failure"), []).append(fail[0] - reg[0])
    return want


def bucket_upper(v):
    """The documented histogram: exact below 16 us, then 16 buckets per power of two."""
    if v < 16:
        return v
    e = v.bit_length() - 1
    m = (v >> (e - 4)) & 15
    return ((16 + m + 1) << (e - 4)) - 1


def quantile(values, q):
    values = sorted(values)
    rank = max(1, int(q * len(values)) + (1 if q * len(values) > int(q * len(values)) else 0))
    return min(bucket_upper(values[rank - 1]), values[-1])


def ms(us):
    return round(us / 1000.0, 3)


def check_delays(name, o, path):
    rows = packets(path)
    # No packet read would leave nothing to compare.
    check(name, "SIP packets tshark reads", len(rows) > 0, True)
    for (d, side), values in expected_delays(rows).items():
        got = o["delays"][d][side]
        check(name, "%s %s max_us" % (d, side), got["max_us"], max(values))
        for q, key in ((0.5, "median_ms"), (0.9, "p90_ms"), (0.99, "p99_ms")):
            check(name, "%s %s %s" % (d, side, key), got[key], ms(quantile(values, q)))


# ---- per-method counts against tshark -z sip,stat
def check_tshark(name, path, o):
    out = subprocess.run(["tshark", "-n", "-q", "-z", "sip,stat", "-r", path], check=True,
                         capture_output=True, text=True).stdout
    methods, section = {}, None
    for line in out.splitlines():
        if line.startswith("* List of SIP Request methods"):
            section = "methods"
        elif line.startswith("*"):
            section = None
        m = re.match(r"\s+(\S+)\s*:\s+(\d+) Packets", line)
        if m and section:
            methods[m.group(1)] = int(m.group(2))
    check(name, "requests per method against tshark",
          {m: d["requests"] for m, d in o["methods"].items() if d["requests"]}, methods)


def run(args, rc=0):
    p = subprocess.run([TOOL] + args, capture_output=True, text=True)
    if p.returncode != rc:
        global failures
        failures += 1
        print("FAIL %s: exit %d, want %d: %s" % (" ".join(args), p.returncode, rc, p.stderr.strip()))
    return p


# ---- sipcode merge of the scans of shards equals the scan of the whole
def check_merge(tmp):
    shards = [os.path.join(CAPS, n + ".pcap") for n in CASES]
    wholes = [shards]
    if shutil.which("mergecap"):
        whole = os.path.join(tmp, "whole.pcap")
        subprocess.run(["mergecap", "-F", "pcap", "-w", whole] + shards, check=True)
        wholes.append([whole])
    for opts in ([], ["--by", "src"], ["--by", "uri-domain", "--interval", "1"], ["--by", "dst", "--top", "1"]):
        parts = []
        for i, shard in enumerate(shards):
            out = os.path.join(tmp, "shard%d.json" % i)
            with open(out, "w") as f:
                f.write(run(["--json", "scan"] + opts + [shard]).stdout)
            parts.append(out)
        merged_all = json.loads(run(["--json", "merge"] + parts).stdout)
        merged = merged_all["outcomes"]
        for files in wholes:
            whole_all = json.loads(run(["--json", "scan"] + opts + files).stdout)
            whole = whole_all["outcomes"]
            if "--top" in opts:
                # a top is chosen per shard; the merged groups still add up to the total,
                # and the counts outside the outcomes are the whole's
                check("merge", "%s: the counts outside the outcomes" % opts,
                      {k: v for k, v in merged_all.items() if k != "outcomes"},
                      {k: v for k, v in whole_all.items() if k != "outcomes"})
                continue
            # the whole summary: codes, phrases, methods, transports, not decoded, totals
            check("merge", "%s of %d shards equals the scan of %s" % (opts, len(parts), files[0]),
                  merged_all, whole_all)
            check("merge", "%s text of %d shards equals the text scan of %s" % (opts, len(parts), files[0]),
                  run(["merge"] + parts).stdout, run(["scan"] + opts + files).stdout)
        if opts:
            for key in ("attempts", "completed", "registrations"):
                check("groups", "%s: %s of the groups add up to the total" % (opts, key),
                      sum(g[key] for g in merged["groups"]), merged[key])
    # a merged summary merges again (a summary of summaries)
    text = run(["--json", "merge"] + parts[:3]).stdout
    with open(os.path.join(tmp, "m3.json"), "w") as f:
        f.write(text)
    again = json.loads(run(["--json", "merge", os.path.join(tmp, "m3.json")] + parts[3:]).stdout)
    check("merge", "merging a merge", again, json.loads(run(["--json", "merge"] + parts).stdout))
    # a text trace's summary (no "outcomes") merges, with captures or alone
    trace = os.path.join(tmp, "trace.txt")
    with open(trace, "wb") as f:
        f.write(b"SIP/2.0 486 Busy Here\r\n\r\nSIP/2.0 486 Busy \"here\\\xc3\xa9\r\n\r\n"
                b"SIP/2.0 150 Odd\r\n\r\nSIP/2.0 200 OK\r\n\r\n")
    tj = os.path.join(tmp, "trace.json")
    with open(tj, "w") as f:
        f.write(run(["--json", "scan", trace]).stdout)
    cj = os.path.join(tmp, "capture0.json")
    with open(cj, "w") as f:
        f.write(run(["--json", "scan", shards[0]]).stdout)
    for fmt in (["--json"], []):
        check("merge", "%s trace and trace equals the scan of both" % fmt,
              run(fmt + ["merge", tj, tj]).stdout, run(fmt + ["scan", trace, trace]).stdout)
        check("merge", "%s trace and a capture equals the scan of both" % fmt,
              run(fmt + ["merge", tj, cj]).stdout, run(fmt + ["scan", trace, shards[0]]).stdout)


# ---- a capture split with editcap, each shard scanned apart, the scans
# merged: the summary of the whole, where the cuts fall between calls
def pcap_times(path):
    import struct
    with open(path, "rb") as f:
        data = f.read()
    end = "<" if data[:4] == b"\xd4\xc3\xb2\xa1" else ">"
    nano = data[:4] in (b"\x4d\x3c\xb2\xa1", b"\xa1\xb2\x3c\x4d")
    i, times = 24, []
    while i + 16 <= len(data):
        sec, frac, caplen, _ = struct.unpack(end + "IIII", data[i:i + 16])
        times.append(sec + frac / (1e9 if nano else 1e6))
        i += 16 + caplen
    return times


def check_editcap_shards(tmp):
    if not shutil.which("editcap") or not shutil.which("mergecap"):
        print("test_outcomes: editcap or mergecap not installed: editcap shards not merged")
        return

    def merged_equals_whole(what, shards, whole, opts):
        parts = []
        for i, shard in enumerate(shards):
            parts.append(os.path.join(tmp, "ec%d.json" % i))
            with open(parts[-1], "w") as f:
                f.write(run(["--json", "scan"] + opts + [shard]).stdout)
        merged = json.loads(run(["--json", "merge"] + parts).stdout)["outcomes"]
        want = json.loads(run(["--json", "scan"] + opts + [whole]).stdout)["outcomes"]
        check("editcap", "%s %s: merged shards equal the whole" % (what, opts), merged, want)
        check("editcap", "%s: some calls in it" % what, want["attempts"] + want["registrations"] > 0,
              True)

    # editcap -c: answered.pcap's three calls follow one another, 7 packets each
    answered = os.path.join(CAPS, "answered.pcap")
    d = os.path.join(tmp, "c7")
    os.mkdir(d)
    subprocess.run(["editcap", "-F", "pcap", "-c", "7", answered, os.path.join(d, "a.pcap")],
                   check=True)
    shards = sorted(os.path.join(d, n) for n in os.listdir(d))
    check("editcap", "-c 7 shards of answered.pcap", len(shards), 3)
    merged_equals_whole("editcap -c 7", shards, answered, [])

    # editcap -A/-B: every test capture in one file, cut at times between
    # two captures (no call in flight there)
    caps = [os.path.join(CAPS, n + ".pcap") for n in CASES]
    spans = sorted((min(t), max(t)) for t in map(pcap_times, caps))
    cuts = [b[0] for a, b in zip(spans, spans[1:]) if a[1] < b[0]][::3]
    whole = os.path.join(tmp, "all.pcap")
    subprocess.run(["mergecap", "-F", "pcap", "-w", whole] + caps, check=True)
    shards = []
    for i, lo in enumerate([None] + cuts):
        hi = cuts[i] if i < len(cuts) else None
        shards.append(os.path.join(tmp, "t%d.pcap" % i))
        subprocess.run(["editcap", "-F", "pcap"] + (["-A", "%.6f" % lo] if lo else []) +
                       (["-B", "%.6f" % hi] if hi else []) + [whole, shards[-1]], check=True)
    check("editcap", "time shards hold every packet",
          sum(len(pcap_times(s)) for s in shards), len(pcap_times(whole)))
    check("editcap", "at least 3 time shards", len(shards) >= 3, True)
    for opts in ([], ["--by", "src"], ["--by", "uri-domain", "--interval", "60"]):
        merged_equals_whole("editcap -A/-B at %d cuts" % len(cuts), shards, whole, opts)


# ---- the other formats say what JSON says
def check_formats():
    import csv
    import io
    path = os.path.join(CAPS, "busy.pcap")
    o = scan(path)
    rows = list(csv.reader(io.StringIO(run(["scan", "--format", "csv", path]).stdout)))
    check("csv", "header", rows[0][:3], ["group", "bucket", "section"])
    check("csv", "same width", {len(r) for r in rows}, {len(rows[0])})
    got = {r[3]: (int(r[4]), int(r[5])) for r in rows[1:] if r[2] == "metric"}
    check("csv", "metrics", got, {k: (v["numerator"], v["denominator"]) for k, v in o["metrics"].items()})
    # Every text row, the counts of status lines, methods and transports
    # included, is a CSV row of the group "(total)", in the same order.
    for f in (path, os.path.join(CAPS, "unavailable.pcap")):
        text = run(["scan", f]).stdout.splitlines()[1:]
        rows = list(csv.reader(io.StringIO(run(["scan", "--format", "csv", f]).stdout)))[1:]
        as_text = ["\t".join(r[2:]).rstrip("\t") for r in rows if r[:2] == ["(total)", "0"]]
        check("csv", "the text rows of %s" % os.path.basename(f), as_text, text)
        check("csv", "status lines of %s" % os.path.basename(f),
              any(r[2:4] == ["total", "status-lines"] for r in rows), True)
    # "-" stands for what a text row lacks: no empty field (150 has no phrase,
    # an attempt without a final response no code)
    allcaps = [os.path.join(CAPS, n) for n in sorted(os.listdir(CAPS)) if n.endswith(".pcap")]
    text = run(["scan"] + allcaps).stdout
    check("text", "no empty field", [l for l in text.splitlines() if "" in l.split("\t")], [])
    check("text", "a row with '-' for what it lacks", "\t-\t" in text, True)
    prom = run(["scan", "--format", "prometheus", path]).stdout
    check_exposition("prometheus of %s" % path, prom)
    for opts in (["--by", "src"], ["--by", "uri-domain", "--top", "1"]):
        files = [os.path.join(CAPS, n + ".pcap") for n in CASES]
        check_exposition("prometheus %s" % " ".join(opts),
                         run(["scan", "--format", "prometheus"] + opts + files).stdout)
    whole = json.loads(run(["scan", "--json", path]).stdout)
    check("prometheus", "status lines per code",
          [c["code"] for c in whole["codes"]
           if 'sipcode_status_lines_total{code="%d",class="%s"} %d' % (c["code"], c["class"], c["count"]) in prom],
          [c["code"] for c in whole["codes"]])
    check("prometheus", "codes seen", len(whole["codes"]) >= 2, True)
    for t, n in whole["transports"].items():
        check("prometheus", "transport " + t, 'sipcode_transport_messages_total{transport="%s"} %d' % (t, n) in prom, True)
    for k, v in o["metrics"].items():
        check("prometheus", k, 'sipcode_rfc6076_numerator_total{metric="%s"} %d' % (k, v["numerator"]) in prom, True)
    check("prometheus", "486 with cause 16",
          'sipcode_q850_disagreements_total{code="486",cause="16"} 2' in prom, True)
    check("prometheus", "histogram count", 'sipcode_delay_seconds_count{delay="SRD",result="failure"} 2' in prom, True)


# ---- the Prometheus text exposition format (version 0.0.4), checked line
# by line as a scraper reads it
PROM_NAME = r"[a-zA-Z_:][a-zA-Z0-9_:]*"
PROM_LABEL = r'[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\[\\"n])*"'
PROM_SAMPLE = re.compile(r"^(%s)(?:\{(%s(?:,%s)*)?\})? (\S+)$" % (PROM_NAME, PROM_LABEL, PROM_LABEL))


def check_exposition(name, text):
    helps, types, seen, order = {}, {}, set(), []
    hist = {}
    for line in text.splitlines():
        m = re.match(r"^# (HELP|TYPE) (%s) (.*)$" % PROM_NAME, line)
        if m:
            kind, fam, rest = m.groups()
            table = helps if kind == "HELP" else types
            if fam in table:
                check(name, "%s given once for %s" % (kind, fam), "twice", "once")
            table[fam] = rest
            if kind == "TYPE" and rest not in ("counter", "gauge", "histogram", "summary", "untyped"):
                check(name, "type of " + fam, rest, "a Prometheus type")
            if fam in order and fam != order[-1]:
                check(name, "the lines of %s together" % fam, "apart", "together")
            if not order or order[-1] != fam:
                order.append(fam)
            continue
        m = PROM_SAMPLE.match(line)
        if not m:
            check(name, "sample line", line, "name{labels} value")
            continue
        sample, labels, value = m.group(1), m.group(2) or "", m.group(3)
        fam = order[-1] if order else None
        ftype = types.get(fam)
        if ftype == "histogram":
            ok = sample in (fam + "_bucket", fam + "_sum", fam + "_count")
        else:
            ok = sample == fam
        if not ok or fam not in helps:
            check(name, "sample %s under its own HELP and TYPE" % sample, fam, sample)
        try:
            v = float(value)
        except ValueError:
            check(name, "value of " + line, value, "a number")
            continue
        if ftype == "counter" and v < 0:
            check(name, "counter " + line, v, ">= 0")
        key = (sample, labels)
        if key in seen:
            check(name, "one sample per label set", line, "once")
        seen.add(key)
        if sample.endswith("_bucket") and ftype == "histogram":
            le = re.search(r'le="([^"]*)"', labels)
            rest = re.sub(r',?le="[^"]*"', "", labels)
            hist.setdefault((fam, rest), []).append((le.group(1) if le else None, v))
        elif sample.endswith("_count") and ftype == "histogram":
            hist.setdefault((fam, labels), []).append(("count", v))
    for fam in order:
        check(name, "HELP and TYPE of " + fam, (fam in helps, fam in types), (True, True))
    texts = sorted(helps.values())
    check(name, "a HELP text of its own per family",
          sorted(t for t in set(texts) if texts.count(t) > 1), [])
    for (fam, labels), rows in hist.items():
        buckets = [(le, v) for le, v in rows if le != "count"]
        count = [v for le, v in rows if le == "count"]
        if not buckets:
            continue
        bounds = [float(le) for le, _ in buckets]
        counts = [v for _, v in buckets]
        check(name, "%s{%s}: bounds rise, +Inf last" % (fam, labels),
              (bounds == sorted(bounds), buckets[-1][0]), (True, "+Inf"))
        check(name, "%s{%s}: buckets add up" % (fam, labels), counts == sorted(counts), True)
        check(name, "%s{%s}: +Inf bucket is the count" % (fam, labels), [counts[-1]], count)
    return order


def check_usage(tmp):
    path = os.path.join(CAPS, "busy.pcap")
    for args in (["scan", "--by", "port", path], ["scan", "--top", "0", path],
                 ["scan", "--format", "xml", path], ["scan", "--interval", "x", path],
                 ["scan", "--max-calls", "-1", path],
                 ["scan", "--format", "prometheus", "--interval", "60", path],
                 ["merge"], ["merge", "--by", "src", path], ["--by", "src", "486"]):
        p = run(args, 2)
        check("usage", " ".join(args) + ": one line", p.stderr.count("\n"), 1)
    bad = os.path.join(tmp, "bad.json")
    for text in ("{", "[]", '{"outcomes": {"methods": {"FOO": {}}}}', '{"outcomes": {"attempts": -1}}',
                 '{"outcomes": {"attempts_by_code": [{"code": 99, "count": 1}]}}', "x" * 100,
                 '{"status_lines": 1}', '{"codes": [{"code": 486, "count": 1, "other_phrases": {"x": 2}}]}',
                 '{"codes": [], "transports": {"SCTP-ish": 1}}', '{"codes": [{"code": 486}]}'):
        with open(bad, "w") as f:
            f.write(text)
        p = run(["merge", bad], 1)
        check("merge", "refuses %r in one line" % text[:30], p.stderr.count("\n"), 1)


# ---- hostile captures, made here: a Call-ID flood, responses nobody asked
# for, CSeq numbers past 2^32-1
def write_pcap(path, payloads):
    import struct
    with open(path, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
        for i, (src, dst, text) in enumerate(payloads):
            data = text.replace("\n", "\r\n").encode()
            udp = struct.pack("!HHHH", src, dst, 8 + len(data), 0) + data
            ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), 0, 0, 64, 17, 0,
                             bytes([10, 0, 0, 1 if src == 5061 else 2]),
                             bytes([10, 0, 0, 2 if src == 5061 else 1])) + udp
            frame = b"\x00" * 12 + b"\x08\x00" + ip
            f.write(struct.pack("<IIII", 1700000000, i, len(frame), len(frame)) + frame)


def sip_request(method, cid, cseq, branch):
    return (5061, 5060, "%s sip:b@example.net SIP/2.0\nVia: SIP/2.0/UDP 10.0.0.1:5061;branch=%s\n"
            "From: <sip:a@example.net>;tag=a\nTo: <sip:b@example.net>\nCall-ID: %s\n"
            "CSeq: %s %s\nContent-Length: 0\n\n" % (method, branch, cid, cseq, method))


def sip_response(status, method, cid, cseq, branch):
    return (5060, 5061, "SIP/2.0 %s\nVia: SIP/2.0/UDP 10.0.0.1:5061;branch=%s\n"
            "From: <sip:a@example.net>;tag=a\nTo: <sip:b@example.net>;tag=b\nCall-ID: %s\n"
            "CSeq: %s %s\nContent-Length: 0\n\n" % (status, branch, cid, cseq, method))


def check_hostile(tmp):
    flood = os.path.join(tmp, "flood.pcap")
    write_pcap(flood, [sip_request("INVITE", "flood%d" % i, 1, "z9hG4bKf%d" % i) for i in range(3000)])
    o = json.loads(run(["--json", "scan", "--max-calls", "100", "--max-transactions", "200",
                        flood]).stdout)["outcomes"]
    check("flood", "calls", (o["attempts"], o["calls_evicted"], o["transactions_evicted"],
                             o["outcomes"]["no-final-response"], o["methods"]["INVITE"]["timeouts"]),
          (100, 2900, 2800, 100, 200))
    o = scan(flood)
    check("flood", "under the default caps", (o["attempts"], o["calls_evicted"]), (3000, 0))

    unmatched = os.path.join(tmp, "unmatched.pcap")
    write_pcap(unmatched, [sip_response("200 OK", "INVITE", "u%d" % i, 1, "z9hG4bKu%d" % i)
                           for i in range(50)]
               + [sip_response("200 OK", "BYE", "u0", 2, "z9hG4bKnobye")])
    o = scan(unmatched)
    inv = o["methods"]["INVITE"]
    check("unmatched", "INVITE", (inv["transactions"], inv["without_request"], inv["finals"],
                                  o["attempts"], o["completed"]),
          (50, 50, {"200": 50}, 0, 0))

    overflow = os.path.join(tmp, "overflow.pcap")
    write_pcap(overflow, [sip_request("INVITE", "o1", 4294967295, "z9hG4bKo1"),
                          sip_response("486 Busy Here", "INVITE", "o1", 4294967295, "z9hG4bKo1"),
                          sip_request("INVITE", "o2", 4294967296, "z9hG4bKo2"),
                          sip_response("486 Busy Here", "INVITE", "o2", 4294967296, "z9hG4bKo2"),
                          sip_request("INVITE", "o3", "99999999999999999999999", "z9hG4bKo3")])
    o = scan(overflow)
    check("cseq overflow", "counts", (o["without_cseq"], o["attempts"], o["outcomes"]["busy"],
                                      o["methods"]["INVITE"]["requests"],
                                      o["methods"]["INVITE"]["transactions"]),
          (3, 1, 1, 3, 1))


def check_retry_after(tmp):
    """Retry-After values: kept exactly up to an hour, longer ones as 3601,
    once per transaction; what is no delta-seconds is counted as malformed."""
    values = ["120", "120 (lunch) ;duration=60", "3600", "3601", "99999999999999999999", "  7  ",
              "soon", "", "12x", "-5", "Fri, 31 Dec 1999 23:59:59 GMT"]
    pkts = []
    for i, v in enumerate(values):
        cid, br = "ra%d" % i, "z9hG4bKra%d" % i
        pkts.append(sip_request("INVITE", cid, 1, br))
        src, dst, text = sip_response("503 Service Unavailable", "INVITE", cid, 1, br)
        text = text.replace("Content-Length: 0", "Retry-After: %s\nContent-Length: 0" % v)
        pkts.append((src, dst, text))
        if i == 0:  # the same final again: a retransmission, not counted twice
            pkts.append((src, dst, text))
    src, dst, text = sip_response("486 Busy Here", "INVITE", "rb", 1, "z9hG4bKrb")
    pkts += [sip_request("INVITE", "rb", 1, "z9hG4bKrb"),
             (src, dst, text.replace("Content-Length", "retry-after: 5\nContent-Length"))]
    path = os.path.join(tmp, "retry.pcap")
    write_pcap(path, pkts)
    o = scan(path)
    check("retry-after", "values", {(e["code"], e["seconds"]): e["count"] for e in o["retry_after"]},
          {(503, 120): 2, (503, 3600): 1, (503, 3601): 2, (503, 7): 1, (486, 5): 1})
    check("retry-after", "malformed", o["retry_after_malformed"], 5)
    text = run(["scan", path]).stdout
    check("retry-after", "text row", "retry-after\t503\t3601\t2\n" in text, True)
    prom = run(["scan", "--format", "prometheus", path]).stdout
    check("retry-after", "prometheus",
          'sipcode_retry_after_total{code="503",seconds="120"} 2' in prom, True)


def check_no_sip(tmp):
    """A capture without SIP: the report (all zero), a note on stderr, exit 0."""
    path = os.path.join(tmp, "nosip.pcap")
    write_pcap(path, [(5061, 5060, "hello %d\n" % i) for i in range(4)])
    for args in (["scan", path], ["--json", "scan", path]):
        p = run(args, 0)
        check("no SIP", " ".join(args) + ": stderr", p.stderr,
              "sipcode: %s: no SIP messages in 4 packets\n" % path)
        check("no SIP", " ".join(args) + ": a report", len(p.stdout) > 0, True)
    o = json.loads(run(["--json", "scan", path]).stdout)
    check("no SIP", "counts", (o["messages"], o["packets"], o["outcomes"]["attempts"]), (0, 4, 0))
    p = run(["scan", os.path.join(CAPS, "busy.pcap"), path], 0)
    check("no SIP", "named among others", p.stderr,
          "sipcode: %s: no SIP messages in 4 packets\n" % path)
    p = run(["scan", os.path.join(CAPS, "busy.pcap")], 0)
    check("no SIP", "silent with SIP", p.stderr, "")


def main():
    if TSHARK:
        if shutil.which("tshark") is None:
            sys.exit("test_outcomes: --tshark: tshark is not installed")
        # The sipp captures; the hand-made ones assert their delays exactly.
        compared = [name for name, c in CASES.items() if "delays_us" not in c]
        for name in compared:
            path = os.path.join(CAPS, name + ".pcap")
            o = scan(path)
            check_delays(name, o, path)
            check_tshark(name, path, o)
        print("test_outcomes: %d captures against tshark: %d failures" % (len(compared), failures))
        sys.exit(1 if failures else 0)
    for name, c in CASES.items():
        check_counts(name, scan(os.path.join(CAPS, name + ".pcap")), c)
    import tempfile
    with tempfile.TemporaryDirectory() as tmp:
        check_merge(tmp)
        check_editcap_shards(tmp)
        check_hostile(tmp)
        check_retry_after(tmp)
        check_no_sip(tmp)
        check_usage(tmp)
    check_formats()
    print("test_outcomes: %d captures, merge, formats, usage: %d failures" % (len(CASES), failures))
    sys.exit(1 if failures else 0)


main()
