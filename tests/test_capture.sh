#!/bin/bash
# SPDX-License-Identifier: MIT
# Tests of `sipcode scan` on packet captures, with tshark as the reference:
#   - the committed sipp captures (tests/captures/*.pcap) and every variant
#     make_variants.py makes of them: per-code, per-method, message and
#     resent counts equal tshark's (tests/tshark_compare.py);
#   - fresh sipp captures over UDP and TCP, and a big INVITE fragmented on
#     a lowered MTU, each in a network namespace of its own, and a live
#     capture with scan -i, where the machine allows (.ci/probe.sh);
#   - standard input, pcapng, the record rows, and hostile captures: a
#     flood of incomplete fragments, an endless TCP stream with no end of
#     headers, a TCP gap, a TLS stream, bad Content-Length values, duplicated headers, packets cut
#     by the snapshot length, a truncated last packet, a corrupt header,
#     each with its count and a peak RSS under 64 MB.
#   bash tests/test_capture.sh build/sipcode       (exits 0 or 1)
# ENDLESS_MB sizes the endless stream (default 1000, a gigabyte).
set -u
TOOL=${1:-build/sipcode}
DIR=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$DIR/.." && pwd)
ENDLESS_MB=${ENDLESS_MB:-1000}
T=$(mktemp -d) || exit 1
trap 'rm -rf "$T"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); }
no() { fail=$((fail + 1)); echo "FAIL $*"; }
. "$ROOT/.ci/probe.sh"

if ! command -v tshark >/dev/null 2>&1; then
    echo "test_capture: skipped: tshark is not installed (Debian package tshark)"
    exit 0
fi
if ! "$TOOL" scan "$DIR/captures/sipp-udp.pcap" >/dev/null 2>"$T/err"; then
    echo "FAIL $TOOL cannot read a capture: $(cat "$T/err")"
    exit 1
fi

# compare CAPTURE [--oracle FILE] [TSHARK-ARG...]
compare() {
    if python3 "$DIR/tshark_compare.py" "$TOOL" "$@" >"$T/cmp" 2>&1; then ok; else
        no "tshark comparison"; cat "$T/cmp"; fi
}
# json_check NAME EXPR FILE: EXPR over the JSON d in FILE must be true
json_check() {
    if python3 -c 'import json, sys; d = json.load(open(sys.argv[2])); sys.exit(0 if eval(sys.argv[1]) else 1)' \
        "$2" "$3" 2>"$T/pyerr"; then ok; else no "$1: $(head -c 600 "$3") $(cat "$T/pyerr")"; fi
}
# rss_under NAME KB COMMAND...: the command's peak RSS, from /usr/bin/time
rss_under() {
    local name=$1 kb=$2 rss
    shift 2
    if [ ! -x /usr/bin/time ]; then echo "test_capture: no /usr/bin/time: $name RSS not measured"; return; fi
    /usr/bin/time -f %M -o "$T/rss" "$@" >/dev/null 2>&1
    rss=$(tail -n 1 "$T/rss")
    if [ "$rss" -lt "$kb" ]; then ok; else no "$name: peak RSS $rss KB, cap $kb KB"; fi
    echo "test_capture: $name: peak RSS $rss KB"
}

# ---- committed captures recorded from sipp, and their variants
for f in sipp-udp sipp-tcp sipp-fragments; do
    compare "$DIR/captures/$f.pcap"
done
python3 "$DIR/captures/make_variants.py" "$DIR/captures/sipp-udp.pcap" "$T/var"
while IFS=$'\t' read -r f args oracle; do
    [ "$args" = - ] && args=
    # shellcheck disable=SC2086 # args are words for tshark
    compare "$T/var/$f" --oracle "$T/var/$oracle" $args
done <"$T/var/list.tsv"
"$TOOL" --json scan "$T/var/hep3.pcap" >"$T/j"
json_check "HEP carries the transport and addresses inside it" 'd["transports"] == {"UDP": 35} and d["messages"] == 35' "$T/j"
"$TOOL" scan --records "$T/var/hep3.pcap" | grep '^record' | head -n 1 >"$T/rec"
grep -q "^record	[0-9]*\.[0-9]*	UDP/HEP	127.0.0.1:15060	127.0.0.1:5060	INVITE	sip:" "$T/rec" && ok ||
    no "a HEP record has the inner addresses: $(cat "$T/rec")"
"$TOOL" --json scan "$T/var/ws.pcap" >"$T/j"
json_check "WebSocket messages are counted as WS" 'd["transports"] == {"WS": 35}' "$T/j"
"$TOOL" --json scan "$T/var/tcp.pcap" >"$T/j"
json_check "TCP resent and reordered segments count once" 'd["transports"] == {"TCP": 35} and d["retransmissions"] == 0 and d["not_decoded"] == {}' "$T/j"
"$TOOL" --json scan "$T/var/resent.pcap" >"$T/j"
json_check "resent datagrams: retransmissions counted" 'd["retransmissions"] > 0 and d["messages"] == 47' "$T/j"

# ---- standard input, pcapng, one report over several inputs
"$TOOL" --json scan "$DIR/captures/sipp-udp.pcap" >"$T/file.json"
"$TOOL" --json scan - <"$DIR/captures/sipp-udp.pcap" >"$T/redirect.json"
cat "$DIR/captures/sipp-udp.pcap" | "$TOOL" --json scan >"$T/pipe.json"
cmp -s "$T/file.json" "$T/redirect.json" && cmp -s "$T/file.json" "$T/pipe.json" && ok ||
    no "a capture on standard input (file and pipe) counts as the file does"
if command -v editcap >/dev/null; then
    editcap -F pcapng "$DIR/captures/sipp-tcp.pcap" "$T/tcp.pcapng"
    compare "$T/tcp.pcapng"
    cat "$T/tcp.pcapng" | "$TOOL" --json scan >"$T/j"
    json_check "pcapng through a pipe" 'd["messages"] == 35 and d["transports"] == {"TCP": 35}' "$T/j"
fi
"$TOOL" --json scan "$DIR/captures/sipp-udp.pcap" "$DIR/captures/sipp-tcp.pcap" >"$T/j"
json_check "two captures in one report" 'd["messages"] == 70 and d["transports"] == {"UDP": 35, "TCP": 35}' "$T/j"
"$TOOL" scan --records "$DIR/captures/sipp-udp.pcap" >"$T/rows"
[ "$(grep -c '^record' "$T/rows")" = 35 ] && ok || no "scan --records: one row per message"
awk -F '\t' '$1 == "record" && NF != 15 { bad = 1 } END { exit bad }' "$T/rows" && ok ||
    no "scan --records: every row has 15 fields"

# ---- fresh captures from sipp, where namespaces and capture work here
if probe netns && probe live-capture; then
    for tr in u1 t1; do
        if unshare -n bash "$DIR/captures/record_sipp.sh" "$T/live-$tr.pcap" $tr 7; then
            compare "$T/live-$tr.pcap"
        else
            no "sipp over $tr in a namespace"
        fi
    done
    if probe lo-mtu; then
        if unshare -n bash "$DIR/captures/record_sipp.sh" "$T/frag.pcap" u1 3 1280 "$DIR/sipp/uac-big.xml"; then
            compare "$T/frag.pcap"
            [ "$(tshark -n -r "$T/frag.pcap" 2>/dev/null | grep -c 'Fragmented IP')" -gt 0 ] && ok ||
                no "the big INVITE did not fragment at MTU 1280"
        else
            no "sipp with a big INVITE at MTU 1280"
        fi
    else
        skipped "fragments from a lowered MTU"
    fi
    # scan -i: live, for a few seconds, while sipp runs in the same namespace.
    cat >"$T/live.sh" <<EOF
ip link set lo up
"$TOOL" --json scan -i lo --duration 6 >"$T/live.json" 2>"$T/live.err" &
sleep 1.5
timeout 60 sipp -sf "$DIR/sipp/uas.xml" -i 127.0.0.1 -p 5060 -m 3 -nostdin -timeout 20s >/dev/null 2>&1 &
sleep 0.5
timeout 60 sipp -sf "$DIR/sipp/uac.xml" 127.0.0.1:5060 -i 127.0.0.1 -p 15060 -m 3 -r 20 -nostdin -timeout 20s >/dev/null 2>&1
wait
EOF
    unshare -n bash "$T/live.sh"
    json_check "scan -i lo --duration 6 saw the calls" 'd["messages"] == 21 and d["methods"] == {"ACK": 3, "INVITE": 3}' "$T/live.json"
else
    skipped "fresh sipp captures and scan -i"
fi

# ---- hostile captures
H="$DIR/captures/make_hostile.py"
python3 "$H" frag-flood 30000 >"$T/flood.pcap"
"$TOOL" --json scan "$T/flood.pcap" >"$T/j"
json_check "a flood of incomplete fragments: each counted" 'd["not_decoded"] == {"fragment-incomplete": 30000} and d["messages"] == 0' "$T/j"
rss_under "fragment flood" 65536 "$TOOL" scan "$T/flood.pcap"

python3 "$H" endless "$ENDLESS_MB" | /usr/bin/time -f %M -o "$T/rss" "$TOOL" --json scan - >"$T/j"
json_check "a TCP stream of $ENDLESS_MB MB with no end of headers" 'd["messages"] == 0 and d["not_decoded"] == {"message-too-big": 1}' "$T/j"
rss=$(tail -n 1 "$T/rss")
[ "$rss" -lt 65536 ] && ok || no "endless stream: peak RSS $rss KB"
echo "test_capture: endless stream of $ENDLESS_MB MB: peak RSS $rss KB"

python3 "$H" clen >"$T/clen.pcap"
compare "$T/clen.pcap"
"$TOOL" --json scan "$T/clen.pcap" >"$T/j"
json_check "Content-Length -1, 2^32, 10^30" 'd["not_decoded"] == {"malformed": 2, "message-too-big": 2} and d["malformed_example"] == "Content-Length: -1" and d["methods"] == {"OPTIONS": 12}' "$T/j"

python3 "$H" duplicates >"$T/dup.pcap"
compare "$T/dup.pcap"
"$TOOL" scan --records "$T/dup.pcap" | grep '^record' >"$T/rows"
want='486	Busy Here	7	INVITE	first-call	z9hG4bKfirst	from1	to1	Q.850;cause=17; text=\x22user busy\x22	399 host \x22one\x22'
[ "$(cut -f6- "$T/rows" | sort -u)" = "$(printf '%s' "$want")" ] && [ "$(wc -l <"$T/rows")" = 2 ] && ok ||
    no "duplicated, compact and folded headers: the first of each, joined: $(cat "$T/rows")"

python3 "$H" gap >"$T/gap.pcap"
"$TOOL" --json scan "$T/gap.pcap" >"$T/j"
json_check "a TCP gap loses one message, the stream goes on; TLS is counted" 'd["messages"] == 3 and d["not_decoded"] == {"tcp-gap": 1, "tls": 1}' "$T/j"

python3 "$H" snaplen "$DIR/captures/sipp-udp.pcap" >"$T/snap.pcap"
"$TOOL" --json scan "$T/snap.pcap" >"$T/j"
json_check "packets cut by the snapshot length" 'd["not_decoded"] == {"snaplen": 35} and d["messages"] == 0' "$T/j"

size=$(wc -c <"$DIR/captures/sipp-udp.pcap")
head -c $((size - 40)) "$DIR/captures/sipp-udp.pcap" >"$T/cut.pcap"
"$TOOL" --json scan "$T/cut.pcap" >"$T/j" 2>"$T/err"
json_check "a truncated last packet" 'd["not_decoded"] == {"capture-cut-short": 1} and d["messages"] == 34' "$T/j"

{ printf '\324\303\262\241\143\000\004\000'; tail -c +9 "$DIR/captures/sipp-udp.pcap"; } >"$T/corrupt.pcap"
"$TOOL" scan "$T/corrupt.pcap" >/dev/null 2>"$T/err"
rc=$?
[ $rc = 1 ] && grep -q "^sipcode: $T/corrupt.pcap: not a capture libpcap can read: " "$T/err" && ok ||
    no "a corrupt pcap header: exit $rc, $(cat "$T/err")"

echo "test_capture: $pass passed, $fail failed"
[ "$fail" = 0 ]
