#!/bin/sh
# SPDX-License-Identifier: MIT
# What the built libraries show a linker and a loader:
#   - the shared library names its SONAME;
#   - it exports exactly the functions include/*.h declares, each of them
#     marked SIPCODE_API;
#   - it has no more writable data, bss or load-time relocations than an
#     empty shared object built the same way (what is left is the C
#     runtime's), so its tables stay read-only and relocation-free;
#   - the static library's objects hold no data, no bss, and no absolute
#     relocation outside their code (.text, .eh_frame and debug sections).
#   sh tests/test_lib.sh SO SONAME LIB      (exits 0 or 1)
# CC, CFLAGS and LDFLAGS come from the environment (make check-lib passes them).
SO=$1
SONAME=$2
LIB=$3
CC=${CC:-cc}
. tests/harness.sh

got=$(readelf -d "$SO" | sed -n 's/.*(SONAME).*\[\(.*\)\]$/\1/p')
[ "$got" = "$SONAME" ] && ok || no "$SO: SONAME is '$got', not '$SONAME'"

# The declarations: "SIPCODE_API <type> name(" on one line.
sed -n 's/^SIPCODE_API [^(]*[ *]\(sipcode_[a-z0-9_]*\)(.*/\1/p' include/*.h | sort >"$T/declared"
nm -D --defined-only "$SO" | awk '{ print $NF }' | sed 's/@.*//' | sort >"$T/exported"
[ "$(wc -l <"$T/declared")" -gt 10 ] && ok || no "include/*.h: too few SIPCODE_API declarations found"
# A function declared without SIPCODE_API would be hidden in the shared library.
grep -nE '^(const |enum |struct |unsigned |signed |int |long |short |char |void |size_t |double )[^#]*sipcode_[a-z0-9_]*\(' \
    include/*.h >"$T/bare"
[ -s "$T/bare" ] && { no "declared without SIPCODE_API, so not exported:"; cat "$T/bare"; } || ok
if cmp -s "$T/declared" "$T/exported"; then ok; else
    no "$SO exports other than what include/*.h declares SIPCODE_API (< declared, > exported):"
    diff "$T/declared" "$T/exported"
fi

# Sanitizers and coverage add their own data and relocations to every object.
case " $CFLAGS " in
*" -fsanitize="* | *" --coverage "* | *" -fprofile-"*)
    echo "test_lib: $pass passed, $fail failed (instrumented build: data and relocations not checked)"
    [ "$fail" = 0 ]
    exit
    ;;
esac

printf 'void sipcode_test_empty(void);\nvoid sipcode_test_empty(void) {}\n' >"$T/empty.c"
# shellcheck disable=SC2086
if $CC $CFLAGS -fPIC -shared -o "$T/empty.so" "$T/empty.c" $LDFLAGS 2>"$T/cc.log"; then ok; else
    no "cannot build an empty shared object:"; cat "$T/cc.log"; fi
# Relocations that patch data at load time: RELATIVE, and absolute ones against a symbol.
relocs() { readelf -r "$1" | grep -c '_\(RELATIVE\|64\|32\|GLOB_DAT\) '; }
sect() { size -A "$2" | awk -v s="$1" '$1 ~ "^" s { n += $2 } END { print n + 0 }'; }
for what in "load-time relocations:relocs" ".data bytes:sect .data" ".bss bytes:sect .bss" \
    ".data.rel.ro bytes:sect .data.rel.ro"; do
    name=${what%%:*}
    cmd=${what#*:}
    mine=$($cmd "$SO")
    base=$($cmd "$T/empty.so")
    [ "$mine" = "$base" ] && ok || no "$SO has $mine $name, an empty shared object $base"
done

# The archive's objects: no data or bss section with a byte in it, and no
# relocation outside code that a loader would have to apply. A PC-relative
# or GOT-relative one (clang's switch tables in .rodata) is resolved when the object is
# linked; an absolute one (a pointer) would become a load-time relocation.
readelf -S -W "$LIB" | sed -n 's/^ *\[ *[0-9]*\] \([^ ]*\) *[A-Z_]* *[0-9a-f]* [0-9a-f]* \([0-9a-f]*\).*/\1 \2/p' \
    >"$T/sections"
awk '$2 !~ /^0+$/ && $1 ~ /^\.(data|bss|tdata|tbss)/' "$T/sections" >"$T/bad"
readelf -r -W "$LIB" >"$T/relocs"
awk '
    /^Relocation section / { s = $3; gsub(/\047/, "", s); next }
    s != "" && s !~ /^\.rela?\.(text|eh_frame|debug|note)/ && NF >= 3 && $3 ~ /^R_/ && $3 !~ /PC(32|64)$|GOTOFF/ {
        print s " " $3 }' "$T/relocs" >>"$T/bad"
[ -s "$T/bad" ] && { no "$LIB has data, or relocations outside code that a loader would apply:"; cat "$T/bad"; } || ok
# A readelf whose lines the patterns above do not fit would leave nothing to
# check: each object's .text must have been read, with its size.
objects=$(ar t "$LIB" | grep -c '\.o$')
[ "$objects" -gt 0 ] && [ "$(grep -c '^\.text [0-9a-f]*$' "$T/sections")" -ge "$objects" ] && ok ||
    no "the section table read from $LIB has no .text for each of its $objects objects"
grep -q '^Relocation section ' "$T/relocs" && ok || no "readelf -r $LIB: no relocation section read"

finish test_lib
