#!/bin/bash
# SPDX-License-Identifier: MIT
# CI step for the outcome analysis of `sipcode scan`: the delays and method
# counts of the committed captures against tshark (make check has run their
# known answers, and .ci/hardening.sh fuzzes fuzz_outcomes with the other
# harnesses), the sipp captures remade and checked where this machine can
# capture inside a namespace, and the throughput and memory figures.
set -euo pipefail
cd "$(dirname "$0")/.."
. .ci/probe.sh
step() { printf '\n==== %s\n' "$*"; }
apt-get install -y -q --no-install-recommends tshark sip-tester tcpdump bc time >/dev/null

make -j2 WERROR=-Werror all

step "make check-outcomes-tshark: delays and method counts against tshark"
make check-outcomes-tshark

# The captures, made again by sipp, must give the same answers.
step "the captures remade by sipp give the same answers"
if probe live-capture; then
    T=$(mktemp -d)
    bash tests/outcomes/capture.sh "$T"
    python3 tests/test_outcomes.py build/sipcode "$T"
    python3 tests/test_outcomes.py build/sipcode "$T" --tshark
    rm -rf "$T"
else
    skipped "remaking tests/captures with sipp"
fi

step "bench/outcomes.sh: throughput against tshark, memory per call"
bash bench/outcomes.sh build/sipcode 20000 100000
