#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Captures: sipcode scan against tshark on every test capture (committed,
# derived and, where the kernel allows, recorded fresh in a network
# namespace), the hostile captures with a 1 GB endless TCP stream, the
# capture fuzz harness under ASan and UBSan, the tool without libpcap, and
# a small run of the capture benchmark (make bench-scan-capture; the 500 MB
# run is make bench-scan, too long for CI).
set -euo pipefail
cd "$(dirname "$0")/.."
export DEBIAN_FRONTEND=noninteractive
. .ci/probe.sh
step() { printf '\n==== %s\n' "$*"; }

apt-get install -y -q --no-install-recommends libpcap-dev tshark tcpdump sip-tester iproute2 \
    python3 time clang

step "the tool with libpcap"
make -s clean
make -j2 -s WERROR=-Werror all
ldd build/sipcode | grep libpcap >/dev/null || { echo "capture: the tool is not linked with libpcap"; exit 1; }

step "make check-capture: counts equal tshark's"
make -s check-capture

step "the library and the tool without libpcap"
make -s clean
make -j2 -s WITH_PCAP=no all
nm build/libsipcode.a | grep pcap >/dev/null && { echo "capture: libsipcode.a refers to libpcap"; exit 1; }
if ldd build/sipcode | grep libpcap >/dev/null; then echo "capture: WITH_PCAP=no still links libpcap"; exit 1; fi
build/sipcode scan tests/captures/sipp-udp.pcap >/dev/null 2>build/err && exit 1
grep -q 'built without libpcap' build/err
printf 'SIP/2.0 486 Busy Here\r\n' | build/sipcode scan | grep '^code	486	1	' >/dev/null

step "fuzz_capture under ASan and UBSan"
make -s clean
if probe libfuzzer; then
    make -s fuzz-run-capture FUZZ_SECONDS=30
else
    skipped "libFuzzer run of fuzz_capture"
    make -s fuzz-replay
fi

step "bench-scan-capture (50 MB)"
make -s build/sipcode
make -s bench-scan-capture BENCH_SCAN_MB=50
echo "capture: all steps passed"
