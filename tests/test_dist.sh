#!/bin/sh
# SPDX-License-Identifier: MIT
# The release tarball as a new user takes it: unpacked in an empty folder,
# it holds sipcode-VERSION/ with the vendored set (make vendor-files), the
# single-file form in single/, and LICENSE, README.md and CHANGELOG.md; and
# it builds there with a C compiler and make alone (fakes of python3,
# python and gperf that fail come first in PATH): `make`, one cc command
# line over src/*.c, and one over the single file. Each consumer runs.
#   sh tests/test_dist.sh build/sipcode-VERSION.tar.gz      (exits 0 or 1)
# MAKE and CC come from the environment.
MAKE=${MAKE:-make}
CC=${CC:-cc}
TARBALL=$1
. tests/harness.sh
jobs_only

version=$(sed -n 's/^#define SIPCODE_VERSION "\(.*\)"$/\1/p' include/sipcode.h)
case $TARBALL in
*/sipcode-$version.tar.gz) ok ;;
*) no "the tarball $TARBALL is not named for version $version" ;;
esac
files=$($MAKE -s --no-print-directory vendor-files) || { echo "FAIL make vendor-files"; exit 1; }
mkdir "$T/u"
run "unpack $TARBALL" tar -xzf "$TARBALL" -C "$T/u"
[ "$(ls "$T/u")" = "sipcode-$version" ] && ok || no "the tarball's top folder is '$(ls "$T/u")'"
R=$T/u/sipcode-$version
for f in $files LICENSE README.md CHANGELOG.md single/sipcode.h single/sipcode.c; do
    [ -f "$R/$f" ] && ok || no "not in the tarball: $f"
done
for f in $files README.md CHANGELOG.md; do
    cmp -s "$f" "$R/$f" || no "the tarball's $f differs from the tree's"
done
(cd "$R" && find . -name build -o -name '*.o' -o -name '*.a') >"$T/junk"
[ -s "$T/junk" ] && { no "build products in the tarball:"; cat "$T/junk"; } || ok

fake_tools "$T/bin" python3 python gperf
PATH=$T/bin:$PATH
export PATH
cp tests/consumer.c "$T/app.c"

run "make in the unpacked release" $MAKE -C "$R" CC="$CC"
[ -x "$R/build/sipcode" ] && [ -f "$R/build/libsipcode.a" ] && [ -f "$R/build/libsipcode.so.$version" ] &&
    ok || no "make in the release did not build the tool and both libraries"
run "the release's tool" "$R/build/sipcode" 486
run "cc over the release's src/*.c" sh -c "$CC -I'$R/include' -o '$T/app-src' '$T/app.c' '$R'/src/*.c"
run "consumer from src/*.c" "$T/app-src"
run "cc over the release's single file" $CC -I"$R/single" -o "$T/app-single" "$T/app.c" "$R/single/sipcode.c"
run "consumer from the single file" "$T/app-single"
fakes_unused "building the release"

finish test_dist
