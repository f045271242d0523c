#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# CI steps of the Reason parser, the Warning codes, the outcome groups and
# the RFC 3398 agreement check, run by .ci/run after its own steps (which run
# their CUnit and Python tests in make check, fuzz the Reason parser with
# every harness, run the suites under valgrind and the sanitizers, and check
# that make regen leaves no diff).
# Needs what .ci/run installs.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==== %s\n' "$*"; }

NEW_SRC="src/reason.c src/q850_agree.c src/warning.c src/outcome.c"
NEW_TESTS="tests/test_reason.c tests/test_warn.c tests/test_outcome.c fuzz/fuzz_reason.c"
STRICT="-std=c99 -Wall -Wextra -Wpedantic -Wconversion -Wsign-conversion -Wshadow -Wcast-qual
 -Wcast-align -Wstrict-prototypes -Wmissing-prototypes -Wold-style-definition -Wundef
 -Wimplicit-fallthrough -Wformat=2 -Wvla -Wwrite-strings -Werror"

make -j2 all build/test_reason build/test_warn build/test_outcome

step "reason: the new sources under the strict warnings, gcc and clang"
for cc in gcc clang; do
    for f in $NEW_SRC; do
        $cc $STRICT -Iinclude -Isrc -c "$f" -o build/reason-strict.o
    done
    # check.h passes its format on to vsnprintf, which -Wformat=2 dislikes.
    for f in $NEW_TESTS; do
        $cc $STRICT -Wno-format-nonliteral -Iinclude -Isrc -Itests -c "$f" -o build/reason-strict.o
    done
done

# Const tables of offsets, not pointers: nothing to relocate, even as PIC.
step "reason: empty .data, .bss and .data.rel.ro, also with -fPIC"
for pic in "" -fPIC; do
    for f in $NEW_SRC; do
        cc -std=c99 -O2 $pic -Iinclude -Isrc -c "$f" -o build/reason-sections.o
        size -A build/reason-sections.o | awk -v f="$f $pic" '
            $1 ~ /^\.(data|bss)/ && $2 != 0 { print f ": " $1 " is " $2 " bytes"; bad = 1 }
            END { exit bad }'
    done
done

step "reason: the new header blocks compile and link as C++"
printf '%s\n' '#include <cstring>' '#include "sipcode.h"' \
    'int main() { sipcode_reason r; size_t n; const char *h = "Q.850;cause=17";' \
    '  return sipcode_parse_reason(h, std::strlen(h), &r, 1, &n) == 0 && r.cause == 17 &&' \
    '    sipcode_q850_agreement(486, 17) == SIPCODE_Q850_AGREE && sipcode_warning_text(399) &&' \
    '    sipcode_outcome(486, 0) == SIPCODE_OUTCOME_BUSY &&' \
    '    (sipcode_metric_roles(200) & SIPCODE_METRIC_SER_NUMERATOR) ? 0 : 1; }' \
    >build/reason-cxx.cc
g++ -std=c++11 -Wall -Wextra -Werror -Iinclude build/reason-cxx.cc build/libsipcode.a \
    -o build/reason-cxx
build/reason-cxx

echo "reason: ci steps passed"
