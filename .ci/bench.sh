#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# CI: instruction counts (callgrind, so no timing noise) and the
# size budget of the library, each failing the run when a target is missed
# by more than 10 percent. Built with gcc -O2, the flags the targets name.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
for tool in valgrind:valgrind python3:python3 gcc:build-essential size:binutils; do
    command -v "${tool%%:*}" >/dev/null || need+=("${tool#*:}")
done
if [ ${#need[@]} -gt 0 ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    apt-get install -y -q --no-install-recommends "${need[@]}"
fi

rc=0
# The phrase lookup's targets hold for both compilers; the size budgets are
# set with gcc. Each compiler builds in a folder of its own.
for cc in gcc clang; do
    command -v "$cc" >/dev/null || { echo "ci: skipped bench-count with $cc: not installed"; continue; }
    printf '\n==== make bench-count (%s -O2)\n' "$cc"
    make -j2 B=build/bench-$cc CC="$cc" CFLAGS=-O2 build/bench-$cc/bench_count
    make B=build/bench-$cc CC="$cc" CFLAGS=-O2 bench-count || rc=1
done
printf '\n==== make size (gcc -O2)\n'
make -j2 B=build/bench-gcc CC=gcc CFLAGS=-O2 size || rc=1
exit $rc
