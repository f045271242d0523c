#!/bin/sh
# SPDX-License-Identifier: MIT
# make abi-check: compares a shared library with the ABI baseline and passes
# only when nothing but additions changed.
#   sh mk/abi_check.sh BASELINE.abi LIBRARY.so HEADERS_DIR
#
# abidiff's exit status is a bit field: 1 an error, 2 a usage error, 4 the
# ABI changed, 8 the change is incompatible. 4 alone is given for additions,
# but also for changes abidiff does not call incompatible (a return type
# that grows from int to long, say), so then its report decides: every
# "changes summary" line must count 0 Removed and 0 Changed, and neither
# the SONAME nor the architecture may differ.
ABIDIFF=${ABIDIFF:-abidiff}
base=$1
lib=$2
headers=$3
out=$(mktemp) || exit 1
trap 'rm -f "$out"' EXIT

"$ABIDIFF" --headers-dir2 "$headers" "$base" "$lib" >"$out" 2>&1
rc=$?
cat "$out"
case $rc in
0)
    echo "abi-check: $lib: the ABI of $base, unchanged"
    exit 0
    ;;
4)
    if grep 'changes summary:' "$out" | grep -v ' 0 Removed, 0 Changed' >/dev/null ||
        grep -i 'SONAME changed\|architecture changed' "$out" >/dev/null; then
        echo "abi-check: $lib: the ABI of $base changed beyond additions (abidiff exit 4)"
        exit 1
    fi
    grep 'changes summary:' "$out" >/dev/null || {
        echo "abi-check: abidiff exited 4 without a summary; read the report above"
        exit 1
    }
    echo "abi-check: $lib: the ABI of $base with additions only"
    exit 0
    ;;
*)
    echo "abi-check: $lib: abidiff exited $rc (1 error, 2 usage, 4 changed, 8 incompatible)"
    exit 1
    ;;
esac
