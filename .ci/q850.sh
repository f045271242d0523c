#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# CI steps of the gateway mapping (SIP status <-> Q.850 cause), run by
# .ci/run after its own steps, which already run test_q850 and
# test_q850_gen.py (make check) and check that make regen leaves no diff.
# Needs what .ci/run installs.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==== %s\n' "$*"; }

# (valgrind over test_q850 is part of make check-valgrind, .ci/hardening.sh)
make -j2 all

# The tables are const and hold offsets, not pointers, so nothing needs
# relocating: no .data (nor .data.rel.ro) and no .bss, even built as PIC.
step "q850: src/q850.c has empty .data and .bss, also with -fPIC"
for pic in "" -fPIC; do
    cc -std=c99 -O2 $pic -Iinclude -Isrc -c src/q850.c -o build/q850-sections.o
    size -A build/q850-sections.o | awk -v pic="$pic" '
        $1 ~ /^\.(data|bss)/ && $2 != 0 { print "q850.o " pic ": " $1 " is " $2 " bytes"; bad = 1 }
        END { exit bad }'
done

step "q850: the header's Q.850 block compiles and links as C++"
printf '%s\n' '#include "sipcode.h"' \
    'int main() { return sipcode_to_q850(486) == 17 && sipcode_from_q850(21,' \
    '    SIPCODE_Q850_LOCATION_USER) == 603 && sipcode_q850_name(17) ? 0 : 1; }' \
    >build/q850-cxx.cc
g++ -std=c++11 -Wall -Wextra -Werror -Iinclude build/q850-cxx.cc build/libsipcode.a \
    -o build/q850-cxx
build/q850-cxx
echo "q850: ci steps passed"
