#!/bin/sh
# SPDX-License-Identifier: MIT
# make bench-scan: `sipcode scan FILE` against `grep -c 'SIP/2.0 ' FILE` on the
# same trace in the same run, each run 5 times alternately (the first pair
# also warms the page cache), median wall time. grep runs under LC_ALL=C, its
# fastest path, so the yardstick is the hardest one. Target: scan no slower
# than 2x grep; exit 1 when the ratio exceeds 2.2 (10 percent tolerance).
# Both write to a file, not /dev/null: GNU grep stops at the first match
# when it sees its output is /dev/null.
#   scan.sh TOOL TRACE
set -eu
tool=$1 trace=$2
runs=5
out=$(mktemp)
trap 'rm -f "$out"' EXIT

ms() { echo $(( $(date +%s%N) / 1000000 )); }
median() { tr ' ' '\n' | sed '/^$/d' | sort -n | sed -n "$(( (runs + 1) / 2 ))p"; }

LC_ALL=C grep -c 'SIP/2.0 ' "$trace" >"$out"
scan_t='' grep_t=''
i=0
while [ $i -lt $runs ]; do
    t0=$(ms); "$tool" scan "$trace" >"$out"; t1=$(ms)
    LC_ALL=C grep -c 'SIP/2.0 ' "$trace" >"$out"; t2=$(ms)
    scan_t="$scan_t $((t1 - t0))" grep_t="$grep_t $((t2 - t1))"
    i=$((i + 1))
done
bytes=$(wc -c <"$trace")
s=$(echo "$scan_t" | median) g=$(echo "$grep_t" | median)
[ "$s" -gt 0 ] || s=1
[ "$g" -gt 0 ] || g=1
awk -v s="$s" -v g="$g" -v b="$bytes" -v lines="$(LC_ALL=C grep -c 'SIP/2.0 ' "$trace")" 'BEGIN {
    r = s / g
    printf "bench-scan: %.1f MB, %d status lines; median of '"$runs"' runs\n", b / 1e6, lines
    printf "  sipcode scan        %6d ms  %7.1f MB/s\n", s, b / 1e3 / s
    printf "  grep -c (LC_ALL=C)  %6d ms  %7.1f MB/s\n", g, b / 1e3 / g
    printf "  scan / grep         %6.2fx   target <= 2   %s\n", r,
        r <= 2 ? "ok" : r <= 2.2 ? "MISSED (within the 10% tolerance)" : "FAILED"
    exit r > 2.2
}'
