#!/bin/sh
# SPDX-License-Identifier: MIT
# Vendoring: copies the files `make vendor-files` lists into a fresh project,
# the way a maintainer would (plain cp, timestamps as they fall), and builds
# tests/consumer.c against the copy three ways: one cc command line, sipcode's
# Makefile as a sub-make of the project's, and CMake's add_subdirectory. A
# fake python3, python and gperf that fail loudly come first in PATH, so any
# attempt to regenerate is caught.
#   sh tests/test_vendor.sh      (from the top of the tree; exits 0 or 1)
# Then, with the real tools, adds a local code to the copy with make regen
# EXTRA_CODES= and rebuilds it, as doc/local-codes.md tells a maintainer to.
# MAKE, CC, CFLAGS and LDFLAGS come from the environment (make check passes them).
MAKE=${MAKE:-make}
CC=${CC:-cc}
# The project's make is the maintainer's, not a sub-make of ours: variables
# given on our command line (B=, CFLAGS=) must not reach it through MAKEFLAGS
# (jobs_only).
. tests/harness.sh
jobs_only
P=$T/project
V=$P/vendor/sipcode
WARN="-std=c99 -Wall -Wextra -Wpedantic -Werror"

files=$($MAKE -s --no-print-directory vendor-files) || { echo "FAIL make vendor-files"; exit 1; }
mkdir -p "$V" "$T/bin"
for f in $files; do
    mkdir -p "$V/$(dirname "$f")" && cp "$f" "$V/$f" || no "cannot copy $f"
done
cp tests/consumer.c "$P/app.c"
# The worst order a copy can leave: every generated file older than codes.csv
# and the generator. A rule that depended on them would now try to regenerate.
for f in include/sipcode_codes.h src/code_table.inc src/phrase_hash.inc src/q850_table.inc \
    cli/meanings.inc cli/q850_notes.inc; do
    [ -f "$V/$f" ] && touch -t 200001010000 "$V/$f"
done
touch "$V/codes.csv" "$V/gen/sipcode_gen.py" "$V/q850.csv" "$V/gen/q850_gen.py"

fake_tools "$T/bin" python3 python gperf
REAL_PATH=$PATH
PATH=$T/bin:$PATH
export PATH
command -v python3 | grep -q "^$T/bin/" && ok || no "the fake python3 is not first in PATH"

# 1. One cc command line.
# shellcheck disable=SC2086
run "cc command line" $CC $WARN $CFLAGS -I"$V/include" -o "$P/app-cc" "$P/app.c" \
    "$V"/src/*.c $LDFLAGS
run "consumer built with cc" "$P/app-cc"

# 2. The project's Makefile runs sipcode's as a sub-make.
printf '%s\n' \
    'app: app.c vendor/sipcode/build/libsipcode.a' \
    '	$(CC) $(CFLAGS) -Ivendor/sipcode/include -o $@ app.c vendor/sipcode/build/libsipcode.a $(LDFLAGS)' \
    'vendor/sipcode/build/libsipcode.a: FORCE' \
    '	$(MAKE) -C vendor/sipcode' \
    'FORCE:' >"$P/Makefile"
run "make in the project (sipcode's Makefile as a sub-make)" $MAKE -C "$P" app
run "consumer built with make" "$P/app"
[ -x "$V/build/sipcode" ] && ok || no "make -C vendor/sipcode did not build the tool"
[ -f "$V/build/libsipcode.a" ] && [ -L "$V/build/libsipcode.so" ] && [ -f "$V/build/libsipcode.so" ] && ok ||
    no "make -C vendor/sipcode did not build both libraries"
# The copy's .gitignore keeps its build folder out of the project's git status.
if command -v git >/dev/null 2>&1; then
    git init -q "$P" && git -C "$P" status --porcelain --untracked-files=all >"$T/status" 2>&1
    grep -q 'vendor/sipcode/Makefile' "$T/status" && ok || no "git status in the project does not list the copy"
    grep 'vendor/sipcode/build' "$T/status" >"$T/shown" && { no "git status shows the build folder:"; cat "$T/shown"; } || ok
    rm -rf "$P/.git"
else
    echo "test_vendor: git not found: the copy's .gitignore is not tried"
fi
run "vendored build is up to date after one make (make -q all)" $MAKE -q -C "$V" all
run "make install from the vendored copy" $MAKE -C "$V" install DESTDIR="$P/stage"
[ -f "$P/stage/usr/local/lib/libsipcode.a" ] && [ -f "$P/stage/usr/local/lib/pkgconfig/sipcode.pc" ] &&
    [ -f "$P/stage/usr/local/share/man/man3/sipcode.3" ] && ok || no "install from the copy missed files"

# 3. CMake's add_subdirectory, through the CMakeLists.txt sipcode ships.
if command -v cmake >/dev/null 2>&1; then
    printf '%s\n' \
        'cmake_minimum_required(VERSION 3.13)' \
        'project(consumer C)' \
        'add_subdirectory(vendor/sipcode)' \
        'target_compile_options(sipcode PRIVATE -Wall -Wextra -Wpedantic -Werror)' \
        'add_executable(app app.c)' \
        'target_link_libraries(app PRIVATE sipcode::sipcode)' >"$P/CMakeLists.txt"
    run "cmake configure" cmake -S "$P" -B "$P/cmake-build" -DCMAKE_C_COMPILER="$CC" \
        -DCMAKE_C_FLAGS="$CFLAGS" -DCMAKE_EXE_LINKER_FLAGS="$LDFLAGS"
    run "cmake build" cmake --build "$P/cmake-build"
    run "consumer built with CMake" "$P/cmake-build/app"
else
    echo "test_vendor: cmake not found: the add_subdirectory build is skipped (.ci/embed.sh installs cmake)"
fi

fakes_unused "a build of the vendored copy"
for f in $files; do
    cmp -s "$f" "$V/$f" || no "the build changed the vendored $f"
done

# 4. Local codes in the copy, kept in the project, outside vendor/sipcode.
PATH=$REAL_PATH
if command -v "${PYTHON:-python3}" >/dev/null 2>&1 && command -v "${GPERF:-gperf}" >/dev/null 2>&1; then
    printf '%s\n' '#@source ourpbx what our PBX sends' \
        'code,phrase,class,reference,status,name,shares_phrase_with,aliases,meaning' \
        '498,Subscriber Barred,client-error,,local,,,,The PBX refuses calls to or from a barred line.' \
        '486,Busy Here,client-error,RFC3261,current,,,Line Engaged [ourpbx],' >"$P/sipcode-local.csv"
    run "make regen EXTRA_CODES= in the copy" $MAKE -C "$V" regen EXTRA_CODES="$P/sipcode-local.csv"
    run "make in the project after regen" $MAKE -C "$P" app
    run "consumer after regen" "$P/app"
    out=$("$V/build/sipcode" -H 498 "line engaged" 2>&1 | cut -f 1,2,4,5 | tr '\t\n' ' ')
    [ "$out" = "498 Subscriber Barred - local 486 Busy Here RFC3261 current " ] && ok ||
        no "the tool of the regenerated copy says: $out"
else
    echo "test_vendor: python3 or gperf not found: make regen EXTRA_CODES= in the copy is skipped"
fi

finish test_vendor
