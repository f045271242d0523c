#!/bin/sh
# SPDX-License-Identifier: MIT
# The ABI guard, and what a table update does to the ABI:
#   1. make abi-check passes on this tree (the committed baseline describes
#      it, with the functions added since);
#   2. a copy whose codes.csv gains a row (609, as the registry might add it)
#      and is regenerated with make regen gains one constant in
#      sipcode_codes.h, answers for the new code, and abidiff against this
#      tree's library finds no change at all: the rows are data behind the
#      same functions, so a table update changes no existing symbol;
#   3. the guard fails on what breaks callers: a function that leaves the
#      shared library, and a function whose parameters change.
#   sh tests/test_abi.sh      (from the top of the tree; exits 0 or 1)
# MAKE and CC come from the environment; needs Python 3, gperf and abigail-tools.
MAKE=${MAKE:-make}
CC=${CC:-cc}
ABIDIFF=${ABIDIFF:-abidiff}
. tests/harness.sh
jobs_only

version=$(sed -n 's/^#define SIPCODE_VERSION "\(.*\)"$/\1/p' include/sipcode.h)
base=abi/libsipcode.so.${version%%.*}.abi
[ -f "$base" ] || { echo "FAIL no baseline $base (make abi-baseline)"; exit 1; }

# 1.
run "make abi-check on this tree" $MAKE abi-check B="$T/tree" CC="$CC"

# 2. A copy, its codes.csv with one more row.
C=$T/copy
run "make vendor" $MAKE vendor VENDORDIR="$C"
cp include/sipcode_codes.h "$T/codes.h.before"
grep -q '^609,' "$C/codes.csv" && { echo "FAIL codes.csv already has 609: pick another code"; exit 1; }
echo '609,Test Only Failure,global-failure,RFC9999,current,,,,A row a test adds to try a table update.' \
    >>"$C/codes.csv"
run "make regen with a row for 609" $MAKE -C "$C" regen
# One constant more, the two counts one more, nothing else changed.
diff "$T/codes.h.before" "$C/include/sipcode_codes.h" >"$T/diff"
grep '^>.*define SIPCODE_[A-Z0-9_]* 609$' "$T/diff" >/dev/null && ok || no "no constant for 609 was added"
grep '^<' "$T/diff" | grep -v '^< #define SIPCODE_COUNT [0-9]*$' >"$T/changed"
[ -s "$T/changed" ] && { no "the regeneration changed lines of sipcode_codes.h:"; cat "$T/changed"; } || ok
before=$(sed -n 's/^#define SIPCODE_COUNT \([0-9]*\)$/\1/p' "$T/codes.h.before")
after=$(sed -n 's/^#define SIPCODE_COUNT \([0-9]*\)$/\1/p' "$C/include/sipcode_codes.h")
[ "$after" = $((before + 1)) ] && ok || no "SIPCODE_COUNT went from $before to $after"
run "the copy's libraries, with -g" $MAKE -C "$C" B="$C/build" CFLAGS="-O2 -g" lib
printf '%s\n' '#include <stdio.h>' '#include <string.h>' '#include <sipcode.h>' \
    'int main(void) { const char *p = sipcode_phrase(609);' \
    '    printf("%s\n", p ? p : "(none)"); return !(p && strcmp(p, "Test Only Failure") == 0); }' \
    >"$T/p609.c"
run "a program on the copy's shared library" $CC -I"$C/include" -o "$T/p609" "$T/p609.c" \
    -L"$C/build" -lsipcode
run "the copy's shared library answers for 609" env LD_LIBRARY_PATH="$C/build" "$T/p609"
so=$C/build/libsipcode.so.$version
# Against this tree's own library, not the baseline: the tree may have grown
# since the release (additions), and the row must add nothing more.
"$ABIDIFF" --headers-dir1 include --headers-dir2 "$C/include" "$T/tree/abi/libsipcode.so.$version" \
    "$so" >"$T/abidiff" 2>&1
rc=$?
[ $rc = 0 ] && ok || { no "abidiff of this tree's library and the regenerated one exits $rc:"
    cat "$T/abidiff"; }
run "make abi-check's verdict on the regenerated library" sh mk/abi_check.sh "$base" "$so" "$C/include"

# 3. What the guard must refuse.
cp "$C/src/libsipcode.map" "$T/map"
sed 's/^\( *local:\)$/\1\n        sipcode_version;/' "$T/map" >"$C/src/libsipcode.map"
run "the copy rebuilt without sipcode_version exported" $MAKE -C "$C" B="$C/build" CFLAGS="-O2 -g" lib
if sh mk/abi_check.sh "$base" "$so" "$C/include" >"$T/log" 2>&1; then
    no "abi-check passed a library that lost sipcode_version:"; cat "$T/log"
else
    grep -q '1 Removed' "$T/log" && ok || { no "abi-check failed, but not for the removal:"; cat "$T/log"; }
fi
cp "$T/map" "$C/src/libsipcode.map"
for f in "$C"/include/sipcode.h "$C"/src/*.c; do
    sed 's/sipcode_version(void)/sipcode_version(int unused)/' "$f" >"$T/f" && cp "$T/f" "$f"
done
# WERROR= : the changed signature leaves the parameter unused, which a CI
# environment's WERROR=-Werror would turn into a build failure.
run "the copy rebuilt with sipcode_version(int)" $MAKE -C "$C" B="$C/build" CFLAGS="-O2 -g" WERROR= lib
if sh mk/abi_check.sh "$base" "$so" "$C/include" >"$T/log" 2>&1; then
    no "abi-check passed a library whose sipcode_version takes a parameter:"; cat "$T/log"
else
    grep -q '1 Changed' "$T/log" && ok || { no "abi-check failed, but not for the change:"; cat "$T/log"; }
fi

finish test_abi
