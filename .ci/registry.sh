#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# CI rehearsal of a table update (doc/table-update.md), in scratch copies of
# the tree, with no test edited:
#  1. IANA publishes a registry with a new code, a changed reference and a
#     newly deprecated code (tests/data/next-registry.py); the project has
#     meanwhile added an alias and a local code by hand. make registry-update,
#     make regen and make check pass, and the tool knows the new code both ways.
#  2. A maintainer adds a code row by hand: make regen and make check pass.
set -euo pipefail
cd "$(dirname "$0")/.."

export DEBIAN_FRONTEND=noninteractive
pkgs="build-essential gperf libcunit1-dev python3 sip-tester git"
apt-get install -y -q --no-install-recommends $pkgs >/dev/null ||
    { apt-get update -q && apt-get install -y -q --no-install-recommends $pkgs; }

step() { printf '\n==== %s\n' "$*"; }
fail() { echo "registry: FAIL $*"; exit 1; }
S=$(mktemp -d /tmp/sipcode-registry.XXXXXX)
trap 'rm -rf "$S"' EXIT

# A copy of the files git tracks, as a git repository, so that the files an
# update changes can be listed.
copy_tree() {
    mkdir "$S/$1"
    git ls-files -z | tar --null -cf - -T - | tar -xf - -C "$S/$1"
    git -C "$S/$1" init -q
    git -C "$S/$1" add -A
    git -C "$S/$1" -c user.name=ci -c user.email=ci@localhost commit -qm before
}

# Only the table, the generated files, the tests' registry copy and the fuzz
# seeds may change: never a test.
data='codes\.csv|local\.csv|include/sipcode_[a-z_]+\.h|(src|tests|cli)/[a-z0-9_]+\.inc'
data="$data|tests/data/sip-response-codes\.xml|fuzz/corpus/.*"
only_data_changed() {
    changed=$(git -C "$S/$1" status --porcelain | awk '{ print $2 }' | grep -Ev "^($data)\$" || true)
    [ -z "$changed" ] || fail "$1: files other than the table changed: $changed"
}

step "registry: the table matches the tests' registry copy"
make registry-check REGISTRY=tests/data/sip-response-codes.xml

step "registry: rehearsal of an update from IANA"
copy_tree update
T=$S/update
python3 tests/data/next-registry.py tests/data/sip-response-codes.xml "$S/next.xml" | tee "$S/made"
new_code=$(awk '$1 == "added" { print $2 }' "$S/made")
new_phrase=$(awk '$1 == "added" { $1 = $2 = ""; sub(/^ +/, ""); print }' "$S/made")
new_date=$(awk '$1 == "date" { print $2 }' "$S/made")
# By hand before the update: an alias in codes.csv, a local code beside it.
python3 - "$T/codes.csv" <<'PY'
import csv, io, sys
path = sys.argv[1]
lines = open(path).read().split("\n")
n = next(i for i, l in enumerate(lines) if l.startswith("486,"))
fields = next(csv.reader([lines[n]]))
fields[7] += " | Rehearsal Busy [seed]"
out = io.StringIO()
csv.writer(out, lineterminator="").writerow(fields)
lines[n] = out.getvalue()
open(path, "w").write("\n".join(lines))
PY
printf '%s\n' '#@source ourpbx the PBX of the rehearsal' \
    'code,phrase,class,reference,status,name,shares_phrase_with,aliases,meaning' \
    '477,Rehearsal Local Code,client-error,,local,,,Our Own Refusal [ourpbx],Our PBX refuses.' \
    >"$T/local.csv"
if make -C "$T" registry-check REGISTRY="$S/next.xml" >"$S/check.log" 2>&1; then
    cat "$S/check.log"; fail "registry-check found no difference in the next registry"
fi
cat "$S/check.log"
make -C "$T" registry-update REGISTRY="$S/next.xml"
make -C "$T" regen EXTRA_CODES=local.csv
make -C "$T" -j2 check EXTRA_CODES=local.csv
make -C "$T" registry-check REGISTRY="$S/next.xml"
only_data_changed update

step "registry: the tool of the updated tree"
tool=$T/build/sipcode
TAB=$(printf '\t')
"$tool" "$new_code" | tee "$S/out"
want="^$new_code$TAB$new_phrase${TAB}Global Failure${TAB}RFC9999${TAB}current$TAB"
grep -q "$want.*${TAB}no description yet\$" "$S/out" || fail "sipcode $new_code"
[ "$("$tool" -H "$new_phrase" | cut -f 1)" = "$new_code" ] || fail "sipcode \"$new_phrase\""
[ "$("$tool" -H "$(echo "$new_phrase" | tr 'a-z' 'A-Z')" | cut -f 1)" = "$new_code" ] ||
    fail "sipcode in capitals"
meaning=$("$tool" --json "$new_code" |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["meaning"])')
[ "$meaning" = None ] || fail "sipcode --json gives a meaning for $new_code: $meaning"
[ "$("$tool" -H 412 | cut -f 4)" = RFC9998 ] || fail "412 keeps its old reference"
[ "$("$tool" -H 305 | cut -f 5)" = deprecated ] || fail "305 is not deprecated"
[ "$("$tool" -H "rehearsal busy" | cut -f 1)" = 486 ] || fail "the alias added by hand is lost"
[ "$("$tool" -H "our own refusal" | cut -f 1,5)" = "477${TAB}local" ] || fail "the local code is lost"
"$tool" --version | tee "$S/out"
grep -q "registry of $new_date," "$S/out" || fail "sipcode --version does not give $new_date"
grep -q "^#define SIPCODE_REGISTRY_DATE \"$new_date\"\$" "$T/include/sipcode_codes.h" ||
    fail "SIPCODE_REGISTRY_DATE is not $new_date"

step "registry: a code row added by hand"
copy_tree by-hand
T=$S/by-hand
echo '609,Added By Hand,global-failure,RFC9999,current,,,,Added before IANA listed it.' \
    >>"$T/codes.csv"
make -C "$T" regen
make -C "$T" -j2 check
only_data_changed by-hand
[ "$("$T/build/sipcode" -H "added by hand" | cut -f 1)" = 609 ] || fail "the row added by hand"
# registry-check names it until IANA lists it.
(cd "$T" && python3 gen/registry.py check tests/data/sip-response-codes.xml) >"$S/out" && status=0 || status=$?
cat "$S/out"
[ "$status" = 1 ] && grep -q "^609 Added By Hand: not in the registry\$" "$S/out" ||
    fail "registry-check does not list the row added by hand"
echo "registry: ci steps passed"
