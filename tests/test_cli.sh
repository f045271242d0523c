#!/bin/sh
# Tests of the sipcode tool: output, messages and exit status for good and
# bad arguments.   sh tests/test_cli.sh build/sipcode   (exits 0 or 1)
# TOOL_WRAPPER runs the tool under another program, e.g. valgrind
# --error-exitcode=99: its findings then show as a wrong exit status or a
# second line on stderr.
TOOL=${1:-build/sipcode}
T=$(mktemp -d) || exit 1
trap 'rm -rf "$T"' EXIT
pass=0
fail=0

# expect NAME STATUS STDOUT-PATTERN STDERR-PATTERN -- ARGS...
# Patterns are grep -E expressions; "" means the stream must be empty.
expect() {
    name=$1 status=$2 out=$3 err=$4
    shift 5
    $TOOL_WRAPPER "$TOOL" "$@" >"$T/out" 2>"$T/err"
    got=$?
    ok=1
    [ "$got" = "$status" ] || { ok=0; echo "FAIL $name: exit $got, expected $status"; }
    for s in out err; do
        eval "pat=\$$s"
        if [ -z "$pat" ]; then
            [ ! -s "$T/$s" ] || { ok=0; echo "FAIL $name: unexpected $s: $(head -c 200 "$T/$s")"; }
        elif ! grep -Eq "$pat" "$T/$s"; then
            ok=0
            echo "FAIL $name: $s does not match /$pat/: $(head -c 200 "$T/$s")"
        fi
    done
    if [ -s "$T/err" ] && [ "$(wc -l <"$T/err")" -ne 1 ]; then
        ok=0
        echo "FAIL $name: stderr is not one line"
    fi
    if [ $ok = 1 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
}

TAB=$(printf '\t')
expect "code 603" 0 "^603${TAB}Decline${TAB}Global Failure${TAB}RFC3261${TAB}current\$" "" -- 603
expect "code 486" 0 "^486${TAB}Busy Here${TAB}Client Error${TAB}RFC3261${TAB}current\$" "" -- 486
expect "deprecated 202" 0 "^202${TAB}Accepted${TAB}Success${TAB}RFC6665${TAB}deprecated\$" "" -- 202
expect "historic 409" 0 "^409${TAB}Conflict${TAB}Client Error${TAB}RFC2543${TAB}historic\$" "" -- 409
expect "phrase" 0 "^486${TAB}Busy Here" "" -- "busy here"
expect "old spelling" 0 "^408${TAB}Request Timeout" "" -- "REQUEST TIME-OUT"
expect "seed mistake" 0 "^503${TAB}Service Unavailable" "" -- "Service unavailable"
expect "alias" 0 "^481${TAB}Call/Transaction Does Not Exist" "" -- "Call Leg/Transaction Does Not Exist"
expect "not acceptable" 0 "^406${TAB}" "" -- "Not Acceptable"
expect "leading zero" 0 "^486${TAB}" "" -- 0486

$TOOL_WRAPPER "$TOOL" 100 "session progress" 606 >"$T/many" 2>&1
expect_many=$(cut -f1 "$T/many" | tr '\n' ' ')
if [ "$expect_many" = "100 183 606 " ]; then pass=$((pass + 1)); else
    fail=$((fail + 1)); echo "FAIL several arguments: $expect_many"; fi

expect "unregistered code" 1 "" "499 is not in the table; it is Client Error, and a user agent treats it as 400 Bad Request" -- 499
expect "unregistered 1xx" 1 "" "150 is not in the table; .* as 183 Session Progress" -- 150
expect "historic is in the table" 0 "^411${TAB}Length Required" "" -- 411
for c in 0 99 700 999 2147483648 99999999999999999999999; do
    expect "out of range $c" 1 "" "\"$c\" is not a SIP response code \\(100..699\\)" -- "$c"
done
expect "unknown phrase" 1 "" "no code has the reason phrase \"no such phrase\"" -- "no such phrase"
expect "empty phrase" 1 "" "no code has the reason phrase \"\"" -- ""
expect "8-bit bytes" 1 "" 'reason phrase "Busy\\xffHere"' -- "$(printf 'Busy\377Here')"
expect "control bytes" 1 "" 'reason phrase "Busy\\x0dHere\\x0a\."' -- "$(printf 'Busy\rHere\n.')"
expect "negative after --" 1 "" 'reason phrase "-1"' -- -- -1
expect "found and not found" 1 "^486${TAB}" "no code has the reason phrase" -- 486 nonsense
long=$(head -c 100000 /dev/zero | tr '\0' 'a')
expect "100 kB argument" 1 "" '\(100000 bytes, cut\)$' -- "$long"

expect "no arguments" 2 "" "no CODE or PHRASE given" --
expect "unknown option" 2 "" 'unknown option "-x"' -- -x
expect "unknown long option" 2 "" 'unknown option "--bogus"' -- --bogus
expect "negative code" 2 "" 'unknown option "-1"' -- -1
expect "help" 0 "^usage: sipcode" "" -- --help
expect "version" 0 "IANA registry of [0-9]{4}-[0-9]{2}-[0-9]{2}" "" -- --version

# Bad arguments beyond the above. argv cannot carry a NUL byte, and Linux
# caps one argument at 128 KiB, so those cases belong to file input.
expect "only --" 2 "" "^sipcode: no CODE" -- --
expect "lone dash is a phrase" 1 "" 'no code has the reason phrase "-"$' -- -
expect "option with 8-bit bytes" 2 "" 'unknown option "-\\xff\\x01"' -- "$(printf -- '-\377\001')"
expect "long option cut" 2 "" 'unknown option "--a{62}" \(100002 bytes, cut\)' -- "--$long"
expect "option with a value" 2 "" 'unknown option "--help=yes"' -- --help=yes
expect "short help is not an option" 2 "" 'unknown option "-h"' -- -h
expect "code with a sign" 1 "" 'no code has the reason phrase "\+486"' -- +486
expect "5000 arguments" 1 "^486${TAB}" 'reason phrase "x"$' -- $(yes 486 | head -n 5000) x
for how in full closed; do
    if [ $how = full ]; then
        $TOOL_WRAPPER "$TOOL" 486 >/dev/full 2>"$T/err"
    else
        $TOOL_WRAPPER "$TOOL" 486 >&- 2>"$T/err"
    fi
    got=$?
    if [ $got = 1 ] && grep -q "cannot write the output" "$T/err" && [ "$(wc -l <"$T/err")" = 1 ]; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1)); echo "FAIL stdout $how: exit $got, $(head -c 200 "$T/err")"
    fi
done

echo "test_cli: $pass passed, $fail failed"
[ "$fail" = 0 ]
