#!/bin/bash
# SPDX-License-Identifier: MIT
# make bench-scan (its capture part): `sipcode scan` against `tshark -q -z
# sip,stat` on the same generated capture of MB megabytes (default 500), in
# the same run. sipcode runs 3 times (median), tshark once (it takes long
# enough for one run to be a fair figure; its first read also warms the
# page cache for sipcode's). Prints wall time, MB/s and peak RSS of each,
# the ratio (target: sipcode at least 20 times faster), and whether the
# counts agree. Exit 1 when sipcode's peak RSS reaches 64 MB or the counts
# differ; the ratio is reported, not enforced, as it depends on the load.
#   bench/capture.sh TOOL [MB]
set -euo pipefail
tool=$1 mb=${2:-500}
here=$(cd "$(dirname "$0")" && pwd)
cap=build/bench-capture-$mb.pcap
command -v tshark >/dev/null || { echo "bench-scan: skipped: no tshark (Debian package tshark)"; exit 0; }
[ -f "$cap" ] || python3 "$here/gen_capture.py" "$mb" "$cap"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

/usr/bin/time -f '%e %M' -o "$T/tshark.time" tshark -n -q -z sip,stat -r "$cap" >"$T/tshark.out" 2>/dev/null
for i in 1 2 3; do
    /usr/bin/time -f '%e %M' -o "$T/sipcode.$i" "$tool" --json scan "$cap" >"$T/sipcode.json"
done
sort -n "$T"/sipcode.[123] | sed -n 2p >"$T/sipcode.time"
bytes=$(wc -c <"$cap")
read -r ts trss <"$T/tshark.time"
read -r ss srss <"$T/sipcode.time"
agree=$(python3 - "$T/tshark.out" "$T/sipcode.json" <<'PY'
import json, re, sys
t = open(sys.argv[1]).read()
s = json.load(open(sys.argv[2]))
n = int(re.search(r"Number of SIP messages: (\d+)", t).group(1))
m = dict((k, int(v)) for k, v in re.findall(r"^\s+([A-Z]+)\s+:\s+(\d+) Packets", t, re.M))
print("yes" if n == s["messages"] and m == s["methods"] else
      "NO: tshark %d messages %s, sipcode %d %s" % (n, m, s["messages"], s["methods"]))
PY
)
awk -v b="$bytes" -v ts="$ts" -v ss="$ss" -v trss="$trss" -v srss="$srss" -v agree="$agree" 'BEGIN {
    if (ss < 0.01) ss = 0.01
    printf "bench-scan: capture of %.1f MB (%s)\n", b / 1e6, ARGV[1]
    printf "  sipcode scan          %7.2f s  %8.1f MB/s  peak RSS %6.1f MB\n", ss, b / 1e6 / ss, srss / 1024
    printf "  tshark -z sip,stat    %7.2f s  %8.1f MB/s  peak RSS %6.1f MB\n", ts, b / 1e6 / ts, trss / 1024
    printf "  tshark / sipcode      %7.1fx   target >= 20x   %s\n", ts / ss, (ts / ss >= 20 ? "ok" : "MISSED")
    printf "  counts agree: %s\n", agree
    exit ((srss >= 65536 || agree != "yes") ? 1 : 0)
}' "$cap"
