#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# CI for the paths a project that embeds sipcode takes: the vendored copy
# built with cc, a sub-make and CMake (tests/test_vendor.sh), make install
# with pkg-config and the man pages rendered by groff and man
# (tests/test_install.sh), and local codes (tests/test_local_codes.py). make
# check runs them too, but skips what a machine lacks; here every tool is
# installed so nothing is skipped, and a skip is a failure.
set -euo pipefail
cd "$(dirname "$0")/.."

export DEBIAN_FRONTEND=noninteractive
pkgs="cmake pkg-config groff man-db"
# .ci/run has updated the package lists; run alone, this script may have to.
# shellcheck disable=SC2086
apt-get install -y -q --no-install-recommends $pkgs ||
    { apt-get update -q && apt-get install -y -q --no-install-recommends $pkgs; }

make clean
make -j2 all
for cc in gcc clang; do
    printf '\n==== embedding paths with %s\n' "$cc"
    CC=$cc sh tests/test_vendor.sh | tee /tmp/sipcode-vendor.log
    CC=$cc MAKE=make sh tests/test_install.sh | tee /tmp/sipcode-install.log
    if grep -q "skipped\|not found" /tmp/sipcode-vendor.log /tmp/sipcode-install.log; then
        echo "ci: an embedding check was skipped" >&2
        exit 1
    fi
done
python3 tests/test_local_codes.py 2>&1 | tee /tmp/sipcode-local.log
grep -q "^test_local_codes: .*, 0 skipped$" /tmp/sipcode-local.log ||
    { echo "ci: a local codes test was skipped" >&2; exit 1; }
