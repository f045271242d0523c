#!/bin/bash
# SPDX-License-Identifier: MIT
# Remakes tests/captures/*.pcap: plays each sipp scenario pair of
# scenarios.py on loopback, inside its own network namespace (unshare -n) so
# that nothing else lands in the capture, and records it with tcpdump. The
# captures are committed: test_outcomes.sh needs neither sipp nor rights.
#   bash tests/outcomes/capture.sh [OUTDIR]     (needs root, sipp, tcpdump)
#   ONLY='busy silent' bash tests/outcomes/capture.sh    remakes these only
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
OUT=${1:-$HERE/../captures}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
python3 "$HERE/scenarios.py" "$WORK/xml"
mkdir -p "$OUT"

# capture NAME PACKETS then SCENARIO:CALLS:RATE... played at once, each pair
# on its own ports; a capture without the PACKETS the scenarios make is refused.
capture() {
    local name=$1 want=$2 port=15060 spec got
    shift 2
    case " ${ONLY:-$name} " in *" $name "*) ;; *) return 0 ;; esac
    {
        echo 'set -e; pids=; ip link set lo up'
        echo "tcpdump -i lo -U -s 0 -w '$WORK/$name.pcap' udp >/dev/null 2>'$WORK/tcpdump.err' & tp=\$!"
        # On a loaded machine tcpdump takes a while to open lo: start the
        # calls only once it says it is listening (at most 20 s).
        echo "for i in \$(seq 200); do grep -q listening '$WORK/tcpdump.err' && break; sleep 0.1; done"
        for spec in "$@"; do
            IFS=: read -r sc calls rate <<<"$spec"
            echo "timeout 30 sipp -sf '$WORK/xml/$sc-uas.xml' -i 127.0.0.1 -p $port -m $calls -nostdin -timeout 20s >/dev/null 2>&1 & pids=\"\$pids \$!\""
            echo "sleep 0.3"
            echo "timeout 30 sipp -sf '$WORK/xml/$sc-uac.xml' 127.0.0.1:$port -i 127.0.0.1 -p $((port + 1)) -m $calls -r $rate -nostdin -timeout 20s >/dev/null 2>&1 & pids=\"\$pids \$!\""
            port=$((port + 2))
        done
        echo 'for p in $pids; do wait $p || true; done'
        echo 'sleep 1; kill $tp; wait $tp || true'
    } >"$WORK/run.sh"
    for try in 1 2 3; do
        unshare -n bash "$WORK/run.sh"
        got=$(tcpdump -r "$WORK/$name.pcap" 2>/dev/null | wc -l)
        [ "$got" = "$want" ] && break
    done
    got=$(tcpdump -r "$WORK/$name.pcap" 2>/dev/null | wc -l)
    if [ "$got" != "$want" ]; then
        echo "capture.sh: $name: $got packets, not $want: sipp did not play it out" >&2
        return 1
    fi
    cp "$WORK/$name.pcap" "$OUT/$name.pcap"
    echo "capture.sh: $name: $got packets"
}

capture answered 21 answered:3:2
capture busy 8 busy:2:2
capture challenged 20 challenged:2:2
capture abandoned 6 abandoned:2:2
capture cancelled 14 cancelled:2:2
capture unavailable 3 unavailable:1:10
capture unanswered 10 unanswered:2:2
capture register-storm 90 register-ok:20:50 register-fail:5:20
capture silent 3 silent:1:1

# The cases sipp cannot play: written out message by message.
python3 "$HERE/handmade.py" "$OUT"
echo "capture.sh: forked, timers: written by handmade.py"
