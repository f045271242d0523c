#!/bin/bash
# SPDX-License-Identifier: MIT
# Records sipp calls on loopback with tcpdump, in a network namespace of its
# own (so that nothing else on the machine lands in the capture):
#   unshare -n bash tests/captures/record_sipp.sh OUT.pcap u1|t1 CALLS [MTU [UAC.xml [SIPP-ARG...]]]
# u1 is UDP, t1 TCP. MTU lowers lo's MTU first, so that a large message
# leaves as IP fragments. The scenarios are tests/sipp/uas.xml and uac.xml
# unless UAC.xml is given; the server listens on 5060, the client on 15060.
set -euo pipefail
out=$1 transport=$2 calls=$3 mtu=${4:-} uac=${5:-}
shift $(( $# < 5 ? $# : 5 ))
dir=$(cd "$(dirname "$0")/../sipp" && pwd)
[ -n "$uac" ] || uac=$dir/uac.xml
ip link set lo up
[ -z "$mtu" ] || ip link set lo mtu "$mtu"
tcpdump -i lo -U -s 0 -w "$out" 'port 5060 or port 15060 or (ip[6:2] & 0x3fff != 0)' 2>/dev/null &
tp=$!
sleep 1
timeout 60 sipp -sf "$dir/uas.xml" -i 127.0.0.1 -p 5060 -t "$transport" -m "$calls" -nostdin \
    -timeout 50s -timeout_error >/dev/null 2>&1 &
up=$!
sleep 0.5
rc=0
timeout 60 sipp -sf "$uac" 127.0.0.1:5060 -i 127.0.0.1 -p 15060 -t "$transport" -m "$calls" \
    -r 50 -nostdin -timeout 50s -timeout_error "$@" >/dev/null 2>&1 || rc=$?
wait $up || rc=$?
sleep 0.5
kill $tp
wait $tp || true
exit $rc
