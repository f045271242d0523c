#!/bin/sh
# SPDX-License-Identifier: MIT
# make lib as a host runs it, each time in a folder of its own given with B=:
#   1. it builds the static and shared libraries and nothing else, with no
#      Python, gperf, CUnit or libpcap (fakes that fail come first in PATH,
#      and CUNIT_LIBS names a library that does not exist);
#   2. with CFLAGS="-O2 -fno-pie" the static library still links into a
#      shared object (a module) that a program loads and calls;
#   3. SHARED=no builds the static library alone.
#   sh tests/test_build.sh      (from the top of the tree; exits 0 or 1)
# MAKE and CC come from the environment.
MAKE=${MAKE:-make}
CC=${CC:-cc}
# Our own command line (B=, CFLAGS=) must not reach these makes (jobs_only).
. tests/harness.sh
jobs_only

version=$(sed -n 's/^#define SIPCODE_VERSION "\(.*\)"$/\1/p' include/sipcode.h)
major=${version%%.*}
fake_tools "$T/bin" python3 python gperf pcap-config

# 1. make lib: exactly the libraries, their links and the objects of src/*.c.
O=$T/lib
run "make lib B=..." env PATH="$T/bin:$PATH" $MAKE lib B="$O" CC="$CC" CUNIT_LIBS=-lsipcode-no-such-lib
{
    for f in src/*.c; do echo "obj/$(basename "$f" .c).o"; done
    printf '%s\n' libsipcode.a "libsipcode.so.$version" "libsipcode.so.$major" libsipcode.so
} | sort >"$T/want"
(cd "$O" && find . ! -type d | sed 's|^\./||' | sort) >"$T/got"
fakes_unused "make lib"
if cmp -s "$T/want" "$T/got"; then ok; else
    no "make lib B=... built other than the libraries (< expected, > built):"
    diff "$T/want" "$T/got"
fi
[ "$(readlink "$O/libsipcode.so")" = "libsipcode.so.$major" ] && ok ||
    no "libsipcode.so does not point at libsipcode.so.$major"

# 2. -fno-pie from the host, then the static library inside a module.
N=$T/nopie
run "make CFLAGS=\"-O2 -fno-pie\" lib" $MAKE lib B="$N" CC="$CC" CFLAGS="-O2 -fno-pie"
printf '%s\n' '#include <sipcode.h>' 'int module_code(const char *s, unsigned long n);' \
    'int module_code(const char *s, unsigned long n) { return sipcode_from_phrase(s, n); }' \
    >"$T/module.c"
printf '%s\n' '#include <stdio.h>' 'int module_code(const char *s, unsigned long n);' \
    'int main(void) { int c = module_code("busy here", 9); printf("%d\n", c); return c != 486; }' \
    >"$T/main.c"
run "module object" $CC -O2 -fPIC -Iinclude -c "$T/module.c" -o "$T/module.o"
run "cc -shared with the -fno-pie libsipcode.a" $CC -shared -o "$T/libmodule.so" "$T/module.o" "$N/libsipcode.a"
run "a program that loads the module" $CC -o "$T/main" "$T/main.c" -L"$T" -lmodule
run "the module answers through libsipcode.a" env LD_LIBRARY_PATH="$T" "$T/main"
# The module carries its own copy: none of sipcode's symbols leaves it but
# the functions the header marks SIPCODE_API.
nm -D --defined-only "$T/libmodule.so" | awk '{ print $NF }' | grep -v '^sipcode_\|^module_code$' >"$T/extra"
[ -s "$T/extra" ] && { no "the module exports more than sipcode_ functions and its own:"; cat "$T/extra"; } || ok

# 3. SHARED=no.
S=$T/static
run "make lib SHARED=no" $MAKE lib B="$S" CC="$CC" SHARED=no
[ -f "$S/libsipcode.a" ] && ! ls "$S"/libsipcode.so* >/dev/null 2>&1 && ok ||
    no "make lib SHARED=no: $(ls "$S")"

finish test_build
