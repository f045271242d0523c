#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# CI for the paths a project that embeds sipcode takes (doc/embedding.md):
# make check-embed with gcc and then clang, each pass running the warning
# checks with its own C and C++ compiler alone. It runs make install with
# pkg-config, CMake's find_package and the man pages; the vendored copy
# built with cc, a sub-make and CMake; local codes; the shared library's
# linkage; the strict warnings with -Werror (gcc, clang, g++, clang++); make
# lib with B=, -fno-pie and SHARED=no; the single-file form; the release
# tarball; the ABI guard and a table update against the baseline. Here
# every tool is installed, so a test that skips something fails CI.
set -euo pipefail
cd "$(dirname "$0")/.."

export DEBIAN_FRONTEND=noninteractive
export WERROR=-Werror
pkgs="cmake pkg-config groff man-db abigail-tools clang g++ git gperf python3 libcunit1-dev"
# .ci/run has updated the package lists; run alone, this script may have to.
# shellcheck disable=SC2086
apt-get install -y -q --no-install-recommends $pkgs ||
    { apt-get update -q && apt-get install -y -q --no-install-recommends $pkgs; }

log=$(mktemp -d /tmp/sipcode-embed.XXXXXX)
trap 'rm -rf "$log"' EXIT
for cc in gcc clang; do
    cxx=${cc/gcc/g++}
    cxx=${cxx/clang/clang++}
    printf '\n==== make check-embed CC=%s WARN_CCS=%s WARN_CXXS=%s\n' "$cc" "$cc" "$cxx"
    make -s clean
    make -j2 -s CC=$cc all
    make -j2 CC=$cc WARN_CCS=$cc WARN_CXXS=$cxx check-embed 2>&1 | tee "$log/$cc"
    # A test's summary may say "0 skipped"; any other skip fails.
    if grep -E "skipped|not found|not tried|not checked|no shared library to check" "$log/$cc" |
        grep -v ', 0 skipped$'; then
        echo "ci: an embedding check was skipped (above)" >&2
        exit 1
    fi
done
make -s clean
