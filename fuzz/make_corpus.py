#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Write the seed corpora of the fuzz harnesses from codes.csv.

    PYTHONPATH=gen python3 fuzz/make_corpus.py [codes.csv]   (make fuzz-corpus; part of regen)

fuzz/corpus/phrase/: every spelling of every row (phrase and aliases) and a
few edge cases; fuzz/corpus/codes/: every code of the table and the edges of
the ranges, as 4-byte little-endian ints; fuzz/corpus/status_line/: a status
line for every spelling, as a server would send it, and broken ones;
fuzz/corpus/scan/: traces for the scanner (whole responses, every code,
more phrases of one code than it remembers, long and cut lines);
fuzz/corpus/q850/: every cause value and every code, as ints. The
script owns these folders: it
writes the files whose content changed and removes the ones no longer made,
so the committed corpus always follows the CSV. Other harnesses keep their
own folders under fuzz/corpus/.
"""

import os
import re
import struct
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
sys.dont_write_bytecode = True  # keep gen/ as git has it
import sipcode_gen  # noqa: E402  (from gen/, on PYTHONPATH: the generator's own reading of the CSV)

PHRASE_EDGES = {
    "edge-empty": b"",
    "edge-space": b" ",
    "edge-punctuation": b" \t-/._'!~",
    "edge-tab-inside": b"Busy\tHere",
    "edge-crlf": b"Busy Here\r\n",
    "edge-nul-inside": b"Busy\0Here",
    "edge-nul-after": b"Decline\0",
    "edge-8bit": b"Busy\xffHere",
    "edge-utf8": "Requ\u00eate Timeout".encode("utf-8"),
    "edge-del": b"Busy\x7fHere",
    "edge-at-cap": b"Busy Here".ljust(80, b" "),
    "edge-over-cap": b"Busy Here".ljust(81, b" "),
    "edge-long": b"a" * 200,
    "edge-digits": b"486",
    "edge-status-line": b"SIP/2.0 486 Busy Here",
    "edge-prefix": b"Declin",
    "edge-longer": b"Declined",
}

CODE_EDGES = [-2147483648, -1, 0, 1, 99, 100, 101, 150, 183, 198, 199, 200, 299, 300, 399,
              400, 499, 500, 599, 600, 699, 700, 999, 65536 + 486, 4294967296 - 601 - 2**32,
              2147483647]


STATUS_LINE_EDGES = {
    "edge-bare": b"SIP/2.0 200 OK",
    "edge-lf": b"SIP/2.0 486 Busy Here\n",
    "edge-no-phrase": b"SIP/2.0 100 \r\n",
    "edge-no-space": b"SIP/2.0 100\r\n",
    "edge-lower-case": b"sip/2.0 180 ringing\r\n",
    "edge-tabs": b"SIP/2.0\t486\tBusy Here\r\n",
    "edge-two-spaces": b"SIP/2.0  486  Busy Here\r\n",
    "edge-unknown-code": b"SIP/2.0 499 Whatever\r\n",
    "edge-code-999": b"SIP/2.0 999 Nine\r\n",
    "edge-code-099": b"SIP/2.0 099 Low\r\n",
    "edge-two-digits": b"SIP/2.0 48 Busy\r\n",
    "edge-four-digits": b"SIP/2.0 4860 Busy\r\n",
    "edge-sign": b"SIP/2.0 +486 Busy\r\n",
    "edge-version-3": b"SIP/3.0 200 OK\r\n",
    "edge-http": b"HTTP/1.1 200 OK\r\n",
    "edge-request": b"INVITE sip:bob@example.com SIP/2.0\r\n",
    "edge-nul": b"SIP/2.0 486 Busy\0Here\r\n",
    "edge-8bit": "SIP/2.0 408 D\u00e9lai d\u00e9pass\u00e9\r\n".encode("utf-8"),
    "edge-headers": b"SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 192.0.2.1\r\nContent-Length: 0\r\n\r\n",
    "edge-only-version": b"SIP/2.0",
    "edge-empty": b"",
    "edge-long-phrase": b"SIP/2.0 486 " + b"x" * 300 + b"\r\n",
}


def slug(text):
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40] or "x"


def phrase_seeds(table):
    seeds = dict(PHRASE_EDGES)
    seen = set(seeds.values())
    for row in table.rows:
        for spelling in [row.phrase] + [a for a, _ in row.aliases]:
            data = spelling.encode("ascii")
            if data not in seen:
                seen.add(data)
                name = "%d-%s" % (row.code, slug(spelling))
                while name in seeds:  # slugs are cut, so two may meet
                    name += "-"
                seeds[name] = data
    return seeds


def code_seeds(table):
    seeds = {}
    for row in table.rows:
        seeds["code-%d" % row.code] = struct.pack("<i", row.code)
    for c in CODE_EDGES:
        seeds["edge-%d" % c] = struct.pack("<i", c)
    seeds["edge-all-rows"] = b"".join(struct.pack("<i", r.code) for r in table.rows)
    seeds["edge-wide"] = struct.pack("<qq", 2**32 + 486, -1)
    return seeds


def status_line_seeds(table):
    seeds = dict(STATUS_LINE_EDGES)
    for name, data in phrase_seeds(table).items():
        if not name.startswith("edge-"):
            code = int(name.split("-", 1)[0])
            seeds[name] = b"SIP/2.0 %d %s\r\n" % (code, data)
    return seeds


def scan_seeds(table):
    every = b"".join(b"SIP/2.0 %d %s\n" % (r.code, r.phrase.encode("ascii")) for r in table.rows)
    return {
        "trace-empty": b"",
        "trace-responses": b"INVITE sip:bob@example.com SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.1\r\n\r\n"
                           b"SIP/2.0 100 Trying\r\nVia: SIP/2.0/UDP 192.0.2.1\r\n\r\n"
                           b"SIP/2.0 180 Ringing\r\n\r\nSIP/2.0 486 Busy here\r\n\r\n",
        "trace-every-code": every,
        "trace-many-phrases": b"".join(b"SIP/2.0 486 Busy %d\n" % i for i in range(40)),
        "trace-long-line": b"SIP/2.0 486 " + b"x" * 1100 + b"\nSIP/2.0 603 Decline\n",
        "trace-cut": b"xSIP/2.0\nSIP/2.0 48\nSIP/2.0 4860 X\nsip/2.0 200 OK\nSIP/2.0 486 Busy Here",
        "trace-bytes": b"SIP/2.0 486 Busy\0Here\nSIP/2.0 408 D\xe9lai\r\nSIP/2.0 200 OK\r\r\n",
        # SIP in any case is a status line (a harness that counted only
        # upper-case markers once failed on this).
        "trace-any-case": b"sip/2.0 200 OK\nSiP/2.0 486 Busy\r\nx sIP/2.0 183 Session Progress\n",
        "trace-log": b"2026-11-25 10:00:00 <-- SIP/2.0 503 Service unavailable\n"
                     b"2026-11-25 10:00:01 <-- SIP/2.0 408 Request Time-out\n",
    }


def sync(folder, seeds):
    """Make folder hold exactly seeds; return how many files changed."""
    os.makedirs(folder, exist_ok=True)
    changed = 0
    for name in sorted(os.listdir(folder)):
        if name not in seeds:
            os.unlink(os.path.join(folder, name))
            changed += 1
    for name, data in sorted(seeds.items()):
        path = os.path.join(folder, name)
        try:
            with open(path, "rb") as f:
                if f.read() == data:
                    continue
        except OSError:
            pass
        with open(path, "wb") as f:
            f.write(data)
        changed += 1
    return changed


def main(argv):
    path = argv[0] if argv else os.path.join(ROOT, "codes.csv")
    table, _ = sipcode_gen.load([path])
    if table.errors:
        sys.stderr.write("".join("%s:%d: %s\n" % e for e in table.errors))
        return 1
    corpus = os.path.join(ROOT, "fuzz", "corpus")
    phrases, codes = phrase_seeds(table), code_seeds(table)
    lines, traces = status_line_seeds(table), scan_seeds(table)
    changed = sync(os.path.join(corpus, "phrase"), phrases)
    changed += sync(os.path.join(corpus, "codes"), codes)
    changed += sync(os.path.join(corpus, "status_line"), lines)
    changed += sync(os.path.join(corpus, "scan"), traces)
    # The RFC 3398 harness takes ints as the code harness does: every cause
    # and every code, with and without the flags.
    causes = {"cause-%d" % c: struct.pack("<i", c) for c in range(0, 129)}
    causes.update({"flags-%d" % c: struct.pack("<i", c | f << 7) for c in (21, 22) for f in (1, 2, 3)})
    causes.update({"code-%d" % r.code: struct.pack("<i", r.code) for r in table.rows})
    changed += sync(os.path.join(corpus, "q850"), causes)
    print("make_corpus: %d phrase, %d code, %d status-line and %d trace seeds; %d files changed"
          % (len(phrases), len(codes), len(lines), len(traces), changed))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
