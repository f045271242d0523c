#!/bin/sh
# SPDX-License-Identifier: MIT
# make install into a DESTDIR, build tests/consumer.c with what
# `pkg-config --cflags --libs sipcode` says (against the shared library, and
# against the static one), and with CMake's find_package, run them and the
# installed tool, check the installed man pages render without a warning,
# then make uninstall and check that no file is left.
#   sh tests/test_install.sh      (from the top of the tree; exits 0 or 1)
# MAKE, CC, CFLAGS and LDFLAGS come from the environment (make check passes them).
MAKE=${MAKE:-make}
CC=${CC:-cc}
PREFIX=/opt/sipcode-test
. tests/harness.sh
D=$T/destdir

# -s: the sub-make's own lines would drown the verdicts; its errors still show.
if $MAKE -s install DESTDIR="$D" PREFIX=$PREFIX >"$T/install.log" 2>&1; then ok; else
    no "make install:"; cat "$T/install.log"; fi
for f in bin/sipcode lib/libsipcode.a include/sipcode.h include/sipcode_codes.h \
    include/sipcode_warn.h include/sipcode_outcome.h \
    lib/pkgconfig/sipcode.pc share/man/man1/sipcode.1 share/man/man3/sipcode.3; do
    if [ -f "$D$PREFIX/$f" ]; then ok; else no "not installed: $PREFIX/$f"; fi
done
[ -x "$D$PREFIX/bin/sipcode" ] && ok || no "the tool is not executable"

version=$(sed -n 's/^#define SIPCODE_VERSION "\(.*\)"$/\1/p' include/sipcode.h)
major=${version%%.*}
minor=${version#*.}
minor=${minor%%.*}
L=$D$PREFIX/lib
for f in "libsipcode.so.$version" "libsipcode.so.$major" libsipcode.so cmake/sipcode/sipcodeConfig.cmake \
    cmake/sipcode/sipcodeConfigVersion.cmake; do
    if [ -e "$L/$f" ]; then ok; else no "not installed: $PREFIX/lib/$f"; fi
done
[ "$(readlink "$L/libsipcode.so")" = "libsipcode.so.$major" ] &&
    [ "$(readlink "$L/libsipcode.so.$major")" = "libsipcode.so.$version" ] && ok ||
    no "the links libsipcode.so -> .so.$major -> .so.$version are not as expected"
# needs PROGRAM: the shared objects it names in its dynamic section.
needs() { readelf -d "$1" 2>/dev/null | sed -n 's/.*(NEEDED).*\[\(.*\)\]$/\1/p' | tr '\n' ' '; }
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
    # -lsipcode takes the shared library; -Wl,-Bstatic before it the static one.
    # shellcheck disable=SC2086
    if $CC $CFLAGS -o "$T/consumer" tests/consumer.c $flags $LDFLAGS 2>"$T/cc.log"; then ok; else
        no "building the consumer with pkg-config's flags:"; cat "$T/cc.log"; fi
    case " $(needs "$T/consumer")" in
    *" libsipcode.so.$major "*) ok ;;
    *) no "the consumer linked with pkg-config's flags needs '$(needs "$T/consumer")', not libsipcode.so.$major" ;;
    esac
    if out=$(LD_LIBRARY_PATH=$L "$T/consumer"); then ok; else no "consumer: $out"; fi
    static=$(echo " $flags " | sed 's/ -lsipcode / -Wl,-Bstatic -lsipcode -Wl,-Bdynamic /')
    # shellcheck disable=SC2086
    if $CC $CFLAGS -o "$T/consumer-static" tests/consumer.c $static $LDFLAGS 2>"$T/cc.log"; then ok; else
        no "building the consumer with pkg-config's flags and -Wl,-Bstatic:"; cat "$T/cc.log"; fi
    case " $(needs "$T/consumer-static")" in
    *libsipcode*) no "the consumer linked with -Wl,-Bstatic needs the shared library" ;;
    *) ok ;;
    esac
    if out=$("$T/consumer-static"); then ok; else no "consumer (static): $out"; fi
else
    echo "test_install: pkg-config not found: the pkg-config consumer build is skipped"
fi

# CMake: find_package of the header's major.minor finds it; of a later minor
# or another major it does not. sipcode::sipcode is the shared library,
# sipcode::sipcode_static the static one.
if command -v cmake >/dev/null 2>&1; then
    C=$T/cmake
    mkdir -p "$C/src"
    cp tests/consumer.c "$C/src/app.c"
    printf '%s\n' \
        'cmake_minimum_required(VERSION 3.13)' \
        'project(consumer C)' \
        "find_package(sipcode $major.$minor CONFIG REQUIRED)" \
        'add_executable(app app.c)' \
        'target_link_libraries(app PRIVATE sipcode::sipcode)' \
        'add_executable(app_static app.c)' \
        'target_link_libraries(app_static PRIVATE sipcode::sipcode_static)' >"$C/src/CMakeLists.txt"
    if cmake -S "$C/src" -B "$C/build" -DCMAKE_PREFIX_PATH="$D$PREFIX" -DCMAKE_C_COMPILER="$CC" \
        -DCMAKE_C_FLAGS="$CFLAGS" -DCMAKE_EXE_LINKER_FLAGS="$LDFLAGS" >"$T/cmake.log" 2>&1 &&
        cmake --build "$C/build" >>"$T/cmake.log" 2>&1; then ok; else
        no "find_package(sipcode $major.$minor CONFIG REQUIRED):"; cat "$T/cmake.log"; fi
    case " $(needs "$C/build/app")" in
    *" libsipcode.so.$major "*) ok ;;
    *) no "sipcode::sipcode: the app needs '$(needs "$C/build/app")', not libsipcode.so.$major" ;;
    esac
    case " $(needs "$C/build/app_static")" in
    *libsipcode*) no "sipcode::sipcode_static: the app needs the shared library" ;;
    *) ok ;;
    esac
    # CMake writes the library's folder into the RUNPATH of what it builds.
    if out=$("$C/build/app"); then ok; else no "CMake consumer: $out"; fi
    if out=$("$C/build/app_static"); then ok; else no "CMake consumer (static): $out"; fi
    # WANT=FOUND: what find_package must answer, the plain request and no version included.
    for probe in "$major.$minor=1" "=1" "$major.0...<$((major + 1)).0=1" "$major.$((minor + 1))=0" \
        "$((major + 1)).0=0" "$((major + 1)).0...<$((major + 2)).0=0"; do
        want=${probe%=*}
        printf '%s\n' 'cmake_minimum_required(VERSION 3.19)' 'project(probe NONE)' \
            "find_package(sipcode $want CONFIG QUIET)" 'message(STATUS "sipcode_FOUND=${sipcode_FOUND}")' \
            >"$C/src/CMakeLists.txt"
        rm -rf "$C/probe"
        got=$(cmake -S "$C/src" -B "$C/probe" -DCMAKE_PREFIX_PATH="$D$PREFIX" 2>&1 |
            sed -n 's/.*sipcode_FOUND=//p')
        [ "$got" = "${probe##*=}" ] && ok ||
            no "find_package(sipcode $want) against $version: found '$got', not ${probe##*=}"
    done
else
    echo "test_install: cmake not found: find_package(sipcode) is not tried"
fi

out=$("$D$PREFIX/bin/sipcode" -H 486)
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

finish test_install
