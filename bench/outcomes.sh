#!/bin/bash
# SPDX-License-Identifier: MIT
# The outcome analysis's figures (BENCHMARKS.md), measured in one run:
#   - throughput: `sipcode scan` (outcomes on, as always) against
#     `tshark -q -z sip,stat` on the same generated capture of CALLS calls;
#     the ratio of their wall-clock times (best of 3 each);
#   - memory per call in flight: the peak RSS of scanning a flood of FLOOD
#     INVITEs nobody answers (every call and transaction stays in flight,
#     under caps raised to hold them all) less that of a 1-call capture
#     under caps of 1, divided by FLOOD.
#   bash bench/outcomes.sh build/sipcode [CALLS] [FLOOD]
set -euo pipefail
TOOL=${1:-build/sipcode}
CALLS=${2:-20000}
FLOOD=${3:-100000}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
HERE=$(cd "$(dirname "$0")" && pwd)

python3 "$HERE/outcomes_pcap.py" "$CALLS" "$T/calls.pcap"
echo "capture: $CALLS calls, $(tcpdump -r "$T/calls.pcap" 2>/dev/null | wc -l) packets, $(du -m "$T/calls.pcap" | cut -f1) MB"

best() { # best wall-clock seconds of 3 runs of "$@"
    local b= s e d
    for _ in 1 2 3; do
        s=$(date +%s.%N); "$@" >/dev/null 2>&1; e=$(date +%s.%N)
        d=$(echo "$e - $s" | bc)
        if [ -z "$b" ] || [ "$(echo "$d < $b" | bc)" = 1 ]; then b=$d; fi
    done
    echo "$b"
}
s=$(best "$TOOL" scan "$T/calls.pcap")
t=$(best tshark -n -q -z sip,stat -r "$T/calls.pcap")
echo "sipcode scan (outcomes on): $s s"
echo "tshark -q -z sip,stat:      $t s"
r=$(echo "scale=1; $t / $s" | bc)
echo "ratio tshark/sipcode: $r (target >= 10: $([ "$(echo "$r >= 10" | bc)" = 1 ] && echo met || echo MISSED))"

python3 "$HERE/outcomes_pcap.py" --flood "$FLOOD" "$T/flood.pcap"
python3 "$HERE/outcomes_pcap.py" --flood 1 "$T/one.pcap"
rss() { /usr/bin/time -f %M "$TOOL" scan --max-calls "$2" --max-transactions "$2" "$1" 2>&1 >/dev/null | tail -n 1; }
big=$(rss "$T/flood.pcap" "$FLOOD")
small=$(rss "$T/one.pcap" 1)
"$TOOL" --json scan --max-calls "$FLOOD" --max-transactions "$FLOOD" "$T/flood.pcap" >"$T/flood.json"
python3 - "$T/flood.json" "$FLOOD" <<'PY'
import json, sys
o = json.load(open(sys.argv[1]))["outcomes"]
n = int(sys.argv[2])
assert o["attempts"] == n and o["calls_evicted"] == 0, (o["attempts"], o["calls_evicted"])
print("flood: %d calls and %d transactions in flight at the end, none evicted" % (n, n))
PY
echo "peak RSS: flood $big KB, one call $small KB"
echo "memory per call in flight (its INVITE transaction included): $(( (big - small) * 1024 / FLOOD )) bytes"
