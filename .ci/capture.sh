#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Captures: sipcode scan against tshark on every test capture (committed,
# derived and, where the kernel allows, recorded fresh in a network
# namespace), the hostile captures with a 1 GB endless TCP stream, the tool
# without libpcap, and a small run of the capture benchmark (make
# bench-scan-capture; the 500 MB run is make bench-scan, too long for CI).
# .ci/hardening.sh fuzzes fuzz_capture with the other harnesses.
set -euo pipefail
cd "$(dirname "$0")/.."
export DEBIAN_FRONTEND=noninteractive
step() { printf '\n==== %s\n' "$*"; }

apt-get install -y -q --no-install-recommends libpcap-dev tshark tcpdump sip-tester iproute2 \
    python3 time clang

step "the tool with libpcap"
make -j2 -s WERROR=-Werror all
ldd build/sipcode | grep libpcap >/dev/null || { echo "capture: the tool is not linked with libpcap"; exit 1; }

step "make check-capture: counts equal tshark's"
make -s check-capture

# In a build folder of its own: build/ keeps the tool with libpcap.
step "the library and the tool without libpcap"
N=build/nopcap
make -j2 -s B=$N WITH_PCAP=no all
nm $N/libsipcode.a | grep pcap >/dev/null && { echo "capture: libsipcode.a refers to libpcap"; exit 1; }
if ldd $N/sipcode | grep libpcap >/dev/null; then echo "capture: WITH_PCAP=no still links libpcap"; exit 1; fi
$N/sipcode scan tests/captures/sipp-udp.pcap >/dev/null 2>$N/err &&
    { echo "capture: WITH_PCAP=no reads a capture"; exit 1; }
grep -q 'built without libpcap' $N/err
printf 'SIP/2.0 486 Busy Here\r\n' | $N/sipcode scan | grep '^code	486	1	' >/dev/null

step "bench-scan-capture (50 MB)"
make -s bench-scan-capture BENCH_SCAN_MB=50
echo "capture: all steps passed"
