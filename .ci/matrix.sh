#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Compiler matrix: make check-matrix (the C suites built by gcc and clang, as
# C99 and C11, at -O0 and -O2; the public header as C++11 and C++17 giving
# the same constants as C), and a 32-bit build (-m32) for size_t/int
# mistakes, whose tests run where the kernel can run 32-bit binaries
# (.ci/probe.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
export DEBIAN_FRONTEND=noninteractive

step() { printf '\n==== %s\n' "$*"; }
. .ci/probe.sh

apt-get install -y -q --no-install-recommends gcc clang g++ gcc-multilib

# Logs and the 32-bit CUnit live in a scratch folder.
M=$(mktemp -d)
trap 'rm -rf "$M"' EXIT

# 32-bit CUnit: the i386 packages are downloaded and unpacked under $M
# rather than installed, because adding i386 to dpkg would make every later
# `apt-get update` on this machine fetch i386 indexes too, and fail whenever
# the mirror's copy of one of them is mid-sync. A failed update here only
# costs the CUnit runner in the 32-bit build (see below).
I386="-o APT::Architectures::=amd64 -o APT::Architectures::=i386"
CUNIT32="$M/cunit32"
have_cunit32=0
apt-get $I386 update -q >"$M/i386-update.log" 2>&1 || echo "matrix: i386 index update incomplete"
mkdir -p "$CUNIT32"
if (cd "$CUNIT32" && apt-get $I386 download -q libcunit1:i386 libcunit1-dev:i386); then
    for deb in "$CUNIT32"/*.deb; do dpkg-deb -x "$deb" "$CUNIT32/root"; done
    [ -f "$CUNIT32/root/usr/lib/i386-linux-gnu/libcunit.a" ] && have_cunit32=1
fi

step "make check-matrix: the C suites by gcc and clang, C99 and C11, -O0 and -O2; the header as C++"
make -j2 -s check-matrix

# Everything 32-bit is built in every case, so that compile and link errors
# fail CI; the tests run only where the kernel runs 32-bit binaries. In a
# folder of its own, built once: the second call finds it up to date.
B32=build/m32
m32_step() {
    local cunit=() targets=(build-checks-without-cunit) f
    if [ "$have_cunit32" = 1 ]; then
        cunit=(CPPFLAGS="-I$CUNIT32/root/usr/include"
               CUNIT_LIBS="$CUNIT32/root/usr/lib/i386-linux-gnu/libcunit.a")
        targets=(build-checks)
    else
        echo "matrix: no i386 CUnit could be fetched; the 32-bit build leaves out the CUnit runners"
    fi
    make -j2 -s B=$B32 CC=gcc CFLAGS="-m32 -O2" LDFLAGS=-m32 "${cunit[@]}" "${targets[@]}" >"$M/log" 2>&1 \
        || { cat "$M/log"; exit 1; }
    # Byte 4 of an ELF header is its class: 1 for 32-bit.
    for f in $B32/sipcode $B32/obj/*.o $B32/test_* $B32/fuzz-replay/fuzz_*; do
        [ -f "$f" ] || continue
        [ "$(od -An -tx1 -j4 -N1 "$f" | tr -d ' ')" = 01 ] || { echo "matrix: $f is not 32-bit"; exit 1; }
    done
    echo "matrix: $(ls $B32/sipcode $B32/test_* $B32/fuzz-replay/fuzz_* 2>/dev/null | wc -l) programs and the library built 32-bit"
    if ! probe m32; then
        skipped "the 32-bit tests (built, not run)"
        m32_result="built (its tests not run: this machine cannot)"
        return 0
    fi
    if [ "$have_cunit32" = 1 ]; then
        make -j2 -s B=$B32 CC=gcc CFLAGS="-m32 -O2" LDFLAGS=-m32 "${cunit[@]}" check-lib check-cli check-fuzz-replay \
            >"$M/log" 2>&1 || { cat "$M/log"; exit 1; }
    else
        make -j2 -s B=$B32 CC=gcc CFLAGS="-m32 -O2" LDFLAGS=-m32 check-cli check-fuzz-replay $B32/test_threads \
            >"$M/log" 2>&1 || { cat "$M/log"; exit 1; }
        $B32/test_threads 200 >>"$M/log" || { cat "$M/log"; exit 1; }
    fi
    grep -E '^[a-z_0-9]+: [0-9]+ passed|replayed' "$M/log"
    m32_result="built and tested"
}

# The degraded path first, forced, so that it is tested on every machine;
# then the step as this machine allows.
step "32-bit (-m32), as on a machine that cannot run it (SIPCODE_CI_NO_M32=1)"
SIPCODE_CI_NO_M32=1 m32_step | tee "$M/forced"
grep -q '^ci: skipped the 32-bit tests' "$M/forced" || { echo "matrix: the forced path did not say what it skipped"; exit 1; }
step "32-bit (-m32)"
m32_step
echo "matrix: 8 C builds and 2 C++ compilers passed; -m32 $m32_result"
