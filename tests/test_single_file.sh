#!/bin/sh
# SPDX-License-Identifier: MIT
# The single-file form as a project takes it: sipcode.h and sipcode.c copied
# alone into an empty folder beside tests/consumer.c, built with
# `cc -I. app.c sipcode.c` and nothing else by each compiler under the strict
# warning set and -Werror, and run. Then the CUnit runner (if CUnit is
# there) linked against the single file instead of the library, so that the
# whole table answers as the library does. The two files must open with the
# licence and include no file of the project but sipcode.h.
#   sh tests/test_single_file.sh DIR RUNNER_OBJECT      (exits 0 or 1)
# DIR holds sipcode.h and sipcode.c; RUNNER_OBJECT is build/obj/test_sipcode.o
# or "" to skip. CCS (default "gcc clang"), STRICT_CFLAGS, CUNIT_LIBS and
# LDFLAGS come from the environment (make check-single-file passes them).
SB=$1
RUNNER=$2
CCS=${CCS:-gcc clang}
CUNIT_LIBS=${CUNIT_LIBS:--lcunit}
. tests/harness.sh

for f in sipcode.h sipcode.c; do
    [ -f "$SB/$f" ] || { echo "FAIL $SB/$f missing"; exit 1; }
    # (In two pieces, so that reuse does not read this line as a tag.)
    head -n 1 "$SB/$f" | grep -q '^/\* SPDX-''License-Identifier: MIT$' && ok ||
        no "$f does not open with the SPDX line"
    sed -n '2,40p' "$SB/$f" | grep -qi 'Copyright (c) .*the sipcode authors' && ok ||
        no "$f does not name the copyright holders in its opening comment"
    if [ -f LICENSE ]; then
        sed -n "2,$(($(wc -l <LICENSE) + 12))p" "$SB/$f" | sed 's/^ \* \{0,1\}//' >"$T/head"
        while IFS= read -r line; do
            [ -z "$line" ] || grep -qF -- "$line" "$T/head" || { no "$f: the licence text lacks: $line"; break; }
        done <LICENSE
    fi
done
# The project's own includes left: only "sipcode.h", and only in the .c.
grep -n '#[ \t]*include[ \t]*"' "$SB/sipcode.h" >"$T/inc" && { no "sipcode.h still includes:"; cat "$T/inc"; } || ok
grep -n '#[ \t]*include[ \t]*"' "$SB/sipcode.c" | grep -v '"sipcode.h"' >"$T/inc" &&
    { no "sipcode.c still includes:"; cat "$T/inc"; } || ok
# Every source, header and table, inlined.
for f in include/*.h src/*.c src/*.inc; do
    grep -q "^/\* ---- $f ---- \*/$" "$SB/sipcode.h" "$SB/sipcode.c" && ok || no "$f is not in the single file"
done

mkdir "$T/app"
cp "$SB/sipcode.h" "$SB/sipcode.c" "$T/app/"
cp tests/consumer.c "$T/app/app.c"
for cc in $CCS; do
    if ! command -v "$cc" >/dev/null 2>&1; then
        no "$cc not found"
        continue
    fi
    # shellcheck disable=SC2086
    run "$cc -I. app.c sipcode.c $STRICT_CFLAGS -Werror" \
        sh -c "cd '$T/app' && $cc -I. -O2 $STRICT_CFLAGS -Werror -o app-$cc app.c sipcode.c"
    run "consumer built from the single file by $cc" "$T/app/app-$cc"
done

if [ -n "$RUNNER" ]; then
    cc=${CCS%% *}
    run "the single file as an object" sh -c "cd '$T/app' && $cc -O2 -c sipcode.c"
    # shellcheck disable=SC2086
    run "the CUnit runner linked with the single file" \
        $cc -o "$T/runner" "$RUNNER" "$T/app/sipcode.o" $CUNIT_LIBS $LDFLAGS
    run "the CUnit runner against the single file" "$T/runner" tests/data
fi

finish test_single_file
