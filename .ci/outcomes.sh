#!/bin/bash
# SPDX-License-Identifier: MIT
# CI step for the outcome analysis of `sipcode scan`: the known answers on
# the committed captures (with tshark to check delays and method counts),
# the outcome fuzz harness for 60 s where libFuzzer runs, the sipp captures
# remade and checked where this machine can capture inside a namespace, and
# the throughput and memory figures.
set -euo pipefail
cd "$(dirname "$0")/.."
. .ci/probe.sh
apt-get install -y -q --no-install-recommends tshark sip-tester tcpdump bc time >/dev/null

make -j2 WERROR=-Werror
make check-outcomes
make fuzz-replay

if probe libfuzzer; then
    make fuzz-run-outcomes FUZZ_SECONDS=30
else
    skipped "fuzzing the outcome analysis"
fi

# The captures, made again by sipp, must give the same answers.
if probe live-capture; then
    T=$(mktemp -d)
    bash tests/outcomes/capture.sh "$T"
    python3 tests/test_outcomes.py build/sipcode "$T"
    rm -rf "$T"
else
    skipped "remaking tests/captures with sipp"
fi

bash bench/outcomes.sh build/sipcode 20000 100000
