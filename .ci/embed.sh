#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# CI for the paths a project that embeds sipcode takes (doc/embedding.md):
# the library's sources under the host warning set with -Werror and the
# headers as C++ (make check-warnings); the vendored copy built with cc, a
# sub-make and CMake (tests/test_vendor.sh); make install with pkg-config,
# CMake's find_package and the man pages (tests/test_install.sh); make lib
# with B=, -fno-pie and SHARED=no (tests/test_build.sh); the single-file
# form, the release tarball and the ABI guard (tests/test_single_file.sh,
# test_dist.sh, test_abi.sh); local codes (tests/test_local_codes.py). make
# check runs some of them too, but skips what a machine lacks; here every
# tool is installed so nothing is skipped, and a skip is a failure.
set -euo pipefail
cd "$(dirname "$0")/.."

export DEBIAN_FRONTEND=noninteractive
export WERROR=-Werror
pkgs="cmake pkg-config groff man-db abigail-tools clang g++ git"
# .ci/run has updated the package lists; run alone, this script may have to.
# shellcheck disable=SC2086
apt-get install -y -q --no-install-recommends $pkgs ||
    { apt-get update -q && apt-get install -y -q --no-install-recommends $pkgs; }

step() { printf '\n==== %s\n' "$*"; }
log=$(mktemp -d /tmp/sipcode-embed.XXXXXX)
trap 'rm -rf "$log"' EXIT

make clean
step "make check-warnings (gcc, clang, g++, clang++)"
make check-warnings
make -j2 all
for cc in gcc clang; do
    step "embedding paths with $cc"
    CC=$cc sh tests/test_vendor.sh | tee "$log/vendor"
    CC=$cc MAKE=make sh tests/test_install.sh | tee "$log/install"
    CC=$cc MAKE=make sh tests/test_build.sh | tee "$log/build"
    if grep -q "skipped\|not found\|not tried\|not checked" "$log/vendor" "$log/install" "$log/build"; then
        echo "ci: an embedding check was skipped" >&2
        exit 1
    fi
done
step "single file, release tarball, ABI guard"
make check-single-file check-dist check-abi
make -s abi-check | tail -n 1
python3 tests/test_local_codes.py 2>&1 | tee "$log/local"
grep -q "^test_local_codes: .*, 0 skipped$" "$log/local" ||
    { echo "ci: a local codes test was skipped" >&2; exit 1; }
