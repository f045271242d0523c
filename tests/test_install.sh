#!/bin/sh
# SPDX-License-Identifier: MIT
# make install into a DESTDIR, build tests/consumer.c with what
# `pkg-config --cflags --libs sipcode` says, run it and the installed tool,
# check the installed man pages render without a warning, then make uninstall
# and check that no file is left.
#   sh tests/test_install.sh      (from the top of the tree; exits 0 or 1)
# MAKE, CC, CFLAGS and LDFLAGS come from the environment (make check passes them).
MAKE=${MAKE:-make}
CC=${CC:-cc}
PREFIX=/opt/sipcode-test
T=$(mktemp -d) || exit 1
trap 'rm -rf "$T"' EXIT
D=$T/destdir
pass=0
fail=0
ok() { pass=$((pass + 1)); }
no() { fail=$((fail + 1)); echo "FAIL $*"; }

# -s: the sub-make's own lines would drown the verdicts; its errors still show.
if $MAKE -s install DESTDIR="$D" PREFIX=$PREFIX >"$T/install.log" 2>&1; then ok; else
    no "make install:"; cat "$T/install.log"; fi
for f in bin/sipcode lib/libsipcode.a include/sipcode.h include/sipcode_codes.h \
    lib/pkgconfig/sipcode.pc share/man/man1/sipcode.1 share/man/man3/sipcode.3; do
    if [ -f "$D$PREFIX/$f" ]; then ok; else no "not installed: $PREFIX/$f"; fi
done
[ -x "$D$PREFIX/bin/sipcode" ] && ok || no "the tool is not executable"

version=$(sed -n 's/^#define SIPCODE_VERSION "\(.*\)"$/\1/p' include/sipcode.h)
if command -v pkg-config >/dev/null 2>&1; then
    # The .pc file names $PREFIX; the sysroot puts DESTDIR in front of it.
    PKG_CONFIG_PATH=$D$PREFIX/lib/pkgconfig PKG_CONFIG_SYSROOT_DIR=$D
    export PKG_CONFIG_PATH PKG_CONFIG_SYSROOT_DIR
    got=$(pkg-config --modversion sipcode)
    [ "$got" = "$version" ] && ok || no "pkg-config --modversion says '$got', header '$version'"
    flags=$(pkg-config --cflags --libs sipcode)
    for want in "-I$D$PREFIX/include" "-L$D$PREFIX/lib" -lsipcode; do
        case " $flags " in
        *" $want "*) ok ;;
        *) no "pkg-config --cflags --libs sipcode gives '$flags', without $want" ;;
        esac
    done
    # No -I of this tree: the consumer must find <sipcode.h> where it was installed.
    # shellcheck disable=SC2086
    if $CC $CFLAGS -o "$T/consumer" tests/consumer.c $flags $LDFLAGS 2>"$T/cc.log"; then ok; else
        no "building the consumer with pkg-config's flags:"; cat "$T/cc.log"; fi
    if out=$("$T/consumer"); then ok; else no "consumer: $out"; fi
else
    echo "test_install: pkg-config not found: the pkg-config consumer build is skipped"
fi

out=$("$D$PREFIX/bin/sipcode" 486)
case $out in 486*Busy\ Here*) ok ;; *) no "installed tool printed '$out'" ;; esac

# The pages must say the version they document.
for page in share/man/man1/sipcode.1 share/man/man3/sipcode.3; do
    f=$D$PREFIX/$page
    grep -q "^\.TH .*\"sipcode $version\"" "$f" && ok || no "$page: .TH does not name sipcode $version"
    if command -v groff >/dev/null 2>&1; then
        LC_ALL=C.UTF-8 groff -ww -z -man "$f" >"$T/groff.log" 2>&1
        [ $? = 0 ] && [ ! -s "$T/groff.log" ] && ok || { no "groff -ww -z -man $page:"; cat "$T/groff.log"; }
    else
        echo "test_install: groff not found: $page is not checked for warnings"
    fi
    if command -v man >/dev/null 2>&1; then
        # A fixed locale: a missing one would be a warning of man's, not the page's.
        LC_ALL=C.UTF-8 MANWIDTH=80 man -l "$f" >"$T/man.out" 2>"$T/man.log"
        [ $? = 0 ] && [ ! -s "$T/man.log" ] && grep -q "^NAME" "$T/man.out" && ok ||
            { no "man -l $page:"; cat "$T/man.log"; }
    else
        echo "test_install: man not found: $page is not rendered with man -l"
    fi
done

if $MAKE -s uninstall DESTDIR="$D" PREFIX=$PREFIX >"$T/uninstall.log" 2>&1; then ok; else
    no "make uninstall:"; cat "$T/uninstall.log"; fi
left=$(find "$D" ! -type d)
[ -z "$left" ] && ok || no "left behind after make uninstall: $left"

echo "test_install: $pass passed, $fail failed"
[ "$fail" = 0 ]
