#!/usr/bin/env bash
# Compiler matrix: make check built by gcc and clang, as C99 and C11, at -O0
# and -O2; the public header as C++11 and C++17 giving the same constants as
# C; and a 32-bit build (-m32) running the tests, for size_t/int mistakes.
# Each build has its own folder under build/matrix/. The Python tests do not
# depend on the compiler, so they run once elsewhere (PYTHON=true here).
set -euo pipefail
cd "$(dirname "$0")/.."
export DEBIAN_FRONTEND=noninteractive

step() { printf '\n==== %s\n' "$*"; }

# 32-bit: gcc-multilib for the compiler side, and CUnit for i386 through
# Debian's multiarch. A failed update of one index (a mirror mid-sync) is
# not fatal: the install below says whether what we need was found.
dpkg --add-architecture i386
apt-get update -q || echo "matrix: apt-get update reported a problem; trying the install anyway"
apt-get install -y -q --no-install-recommends gcc clang g++ gcc-multilib
have_cunit32=1
apt-get install -y -q --no-install-recommends libcunit1-dev:i386 || have_cunit32=0

M=build/matrix
rm -rf "$M"
n=0
for cc in gcc clang; do
    for std in c99 c11; do
        for opt in -O0 -O2; do
            step "make check: $cc -std=$std $opt"
            make -j2 -s B="$M/$cc-$std$opt" CC=$cc CFLAGS="$opt" PYTHON=true \
                SIPCODE_CFLAGS="-std=$std -Wall -Wextra -Wpedantic -Werror" check >"$M.log" 2>&1 \
                || { cat "$M.log"; exit 1; }
            grep -E '^test_[a-z]+: [0-9]+ passed|replayed' "$M.log"
            n=$((n + 1))
        done
    done
done

for pair in gcc:g++ clang:clang++; do
    step "the header as C++ (${pair#*:})"
    make -s B="$M/cxx-${pair%%:*}" CC="${pair%%:*}" CXX="${pair#*:}" check-cxx
done

step "32-bit (-m32)"
if [ "$have_cunit32" = 1 ]; then
    make -j2 -s B="$M/m32" CC=gcc CFLAGS="-m32 -O2" LDFLAGS=-m32 PYTHON=true check >"$M.log" 2>&1 \
        || { cat "$M.log"; exit 1; }
else
    # Without an i386 CUnit: everything of make check but the CUnit runner.
    echo "matrix: no libcunit1-dev:i386; 32-bit build runs the tests that need no CUnit"
    make -j2 -s B="$M/m32" CC=gcc CFLAGS="-m32 -O2" LDFLAGS=-m32 \
        check-threads fuzz-replay "$M/m32/sipcode" >"$M.log" 2>&1 || { cat "$M.log"; exit 1; }
    sh tests/test_cli.sh "$M/m32/sipcode" >>"$M.log" || { cat "$M.log"; exit 1; }
fi
grep -E '^test_[a-z]+: [0-9]+ passed|replayed' "$M.log"
# Byte 4 of an ELF header is its class: 1 for 32-bit.
[ "$(od -An -tx1 -j4 -N1 "$M/m32/sipcode" | tr -d ' ')" = 01 ] || { echo "matrix: not 32-bit"; exit 1; }
echo "matrix: $n C builds, 2 C++ compilers, and -m32 passed"
