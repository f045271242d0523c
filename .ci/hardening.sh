#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Hardening checks: make check under ASan+UBSan with gcc and clang; the
# thread test under TSan; the runner, the thread test, the fuzz replays and
# the tool's tests under valgrind; every fuzz harness for FUZZ_SECONDS under
# libFuzzer; and the llvm-cov line coverage of src/ that the corpora reach.
set -euo pipefail
cd "$(dirname "$0")/.."
export DEBIAN_FRONTEND=noninteractive

# clang's sanitizer and libFuzzer runtimes are in libclang-rt-14-dev, which
# clang only recommends; llvm-14 has llvm-profdata-14 and llvm-cov-14.
apt-get install -y -q --no-install-recommends \
    build-essential clang libclang-rt-14-dev llvm-14 valgrind gperf libcunit1-dev python3

# Two harnesses fuzz at once (make -j2), so the fuzzing takes
# FUZZ_SECONDS * ceil(harnesses / 2): 2 minutes for eight harnesses. This is
# the one libFuzzer run of each harness in CI, fuzz_capture and
# fuzz_outcomes included.
FUZZ_SECONDS=${FUZZ_SECONDS:-30}

step() { printf '\n==== %s\n' "$*"; }
. .ci/probe.sh
# Runs a make command into a log, shows its summary lines, and the whole log
# when it fails.
# The log is kept outside build/, which check-asan cleans.
LOG=$(mktemp)
trap 'rm -f "$LOG"' EXIT
quiet() {
    "$@" >"$LOG" 2>&1 || { cat "$LOG"; echo "hardening: FAILED: $*"; exit 1; }
    grep -E '^([a-z_0-9]+|check-[a-z]+): |replayed' "$LOG" || true
}

for cc in gcc clang; do
    step "the C suites under -fsanitize=address,undefined ($cc)"
    quiet make -j2 check-asan CC=$cc
done

for cc in clang gcc; do
    step "thread test under -fsanitize=thread ($cc)"
    if probe tsan $cc; then
        quiet make check-tsan CC=$cc B=build/hardening-$cc THREAD_ROUNDS=500
    else
        # Built all the same, so that the instrumented build is still checked.
        quiet make B=build/hardening-$cc CC=$cc build/hardening-$cc/tsan/test_threads
        skipped "the thread test under TSan ($cc; built, not run)"
    fi
done

step "valgrind: CUnit runner, thread test, fuzz replays, the tool's tests"
quiet make -j2 check-valgrind B=build/hardening-valgrind CFLAGS="-O2 -g"

if ! probe libfuzzer; then
    # The replays under make check and valgrind above still run every seed.
    skipped "libFuzzer and its coverage runs"
    exit 0
fi

step "coverage of src/ by the committed seeds"
rm -rf build/fuzz/corpus
make -s fuzz-cov LLVM_PROFDATA=llvm-profdata-14 LLVM_COV=llvm-cov-14

step "libFuzzer, $FUZZ_SECONDS s per harness"
make -j2 -s fuzz FUZZ_SECONDS="$FUZZ_SECONDS"

step "coverage of src/ by the seeds and what the fuzzers found"
make -s fuzz-cov LLVM_PROFDATA=llvm-profdata-14 LLVM_COV=llvm-cov-14
