#!/bin/sh
# SPDX-License-Identifier: MIT
# Integration test with real SIP traffic: sipp plays a user agent server
# (tests/sipp/uas.xml) and a client (tests/sipp/uac.xml) on 127.0.0.1 for a
# known number of calls; the client's message trace goes through
# `sipcode scan --json` and every count is checked exactly.
#   sh tests/test_sipp.sh build/sipcode      (exits 0 or 1; 0 when skipped)
TOOL=${1:-build/sipcode}
DIR=$(cd "$(dirname "$0")" && pwd)
CALLS=7

if ! command -v sipp >/dev/null 2>&1; then
    echo "test_sipp: skipped: sipp is not installed (Debian package sip-tester)"
    exit 0
fi
T=$(mktemp -d) || exit 1
uas_pid=
cleanup() {
    [ -n "$uas_pid" ] && kill "$uas_pid" 2>/dev/null
    [ -n "$KEEP" ] && cp "$T/uac.log" "$KEEP"; rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

# Ports from the process id, so that two runs on one machine do not collide.
uas_port=$((20000 + $$ % 10000))
uac_port=$((uas_port + 10000))

# Both sides give up on their own after 30 s; timeout(1) is the backstop.
timeout 60 sipp -sf "$DIR/sipp/uas.xml" -i 127.0.0.1 -p "$uas_port" -m "$CALLS" \
    -nostdin -timeout 30s -timeout_error >"$T/uas.out" 2>&1 &
uas_pid=$!
sleep 1
timeout 60 sipp -sf "$DIR/sipp/uac.xml" "127.0.0.1:$uas_port" -i 127.0.0.1 -p "$uac_port" \
    -m "$CALLS" -r 20 -nostdin -timeout 30s -timeout_error \
    -trace_msg -message_file "$T/uac.log" >"$T/uac.out" 2>&1
uac_status=$?
wait "$uas_pid"
uas_status=$?
uas_pid=

fail=0
pass=0
if [ "$uac_status" != 0 ] || [ "$uas_status" != 0 ]; then
    echo "FAIL sipp: client exit $uac_status, server exit $uas_status"
    tail -n 20 "$T/uac.out" "$T/uas.out"
    echo "test_sipp: 0 passed, 1 failed"
    exit 1
fi

"$TOOL" scan --json "$T/uac.log" >"$T/scan.json"
if python3 - "$T/scan.json" "$CALLS" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
n = int(sys.argv[2])
want = {
    "status_lines": 5 * n,
    "codes": [
        {"code": 100, "count": n, "phrase": "Trying", "class": "Provisional",
         "registered": True, "other_phrases": {}},
        {"code": 150, "count": n, "phrase": None, "class": "Provisional",
         "registered": False, "other_phrases": {"Queued Locally": n}},
        {"code": 180, "count": n, "phrase": "Ringing", "class": "Provisional",
         "registered": True, "other_phrases": {}},
        {"code": 183, "count": n, "phrase": "Session Progress", "class": "Provisional",
         "registered": True, "other_phrases": {"Session in Progress": n}},
        {"code": 486, "count": n, "phrase": "Busy Here", "class": "Client Error",
         "registered": True, "other_phrases": {"Busy": n}},
    ],
}
d = {k: d[k] for k in ("status_lines", "codes")}
if d != want:
    print("got  %s\nwant %s" % (json.dumps(d), json.dumps(want)))
    sys.exit(1)
PY
then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL scan --json of the sipp trace"; fi

"$TOOL" scan "$T/uac.log" >"$T/scan.txt"
for pat in "^total	status-lines	$((5 * CALLS))\$" \
    "^code	150	$CALLS	-	Provisional	not in the table, treated as 183 Session Progress\$" \
    "^phrase	150	$CALLS	\"Queued Locally\"	not a known spelling\$" \
    "^phrase	183	$CALLS	\"Session in Progress\"	known spelling\$" \
    "^phrase	486	$CALLS	\"Busy\"	known spelling\$"; do
    if grep -q -e "$pat" "$T/scan.txt"; then pass=$((pass + 1)); else
        fail=$((fail + 1)); echo "FAIL scan text output lacks /$pat/"; cat "$T/scan.txt"; fi
done
echo "test_sipp: $pass passed, $fail failed"
[ "$fail" = 0 ]
