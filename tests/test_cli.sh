#!/bin/sh
# SPDX-License-Identifier: MIT
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
        elif ! grep -Eq -e "$pat" "$T/$s"; then
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
# The table's size follows codes.csv and a project's local codes (make check
# EXTRA_CODES=...): the generator counts them, codes outside the registry too,
# and gives the last code, the registry date and the 6xx codes. The rows of
# q850.csv give the causes RFC 3398 answers with no status (code "none"),
# their names and the notes on those rows (what happens instead): $T/none.
top=$(dirname "$0")/..
python3 - "$top" "$T/none" $EXTRA_CODES >"$T/count" <<'PY' || echo "FAIL cannot read codes.csv and q850.csv"
import csv, os, sys
sys.dont_write_bytecode = True
top, none = sys.argv[1], sys.argv[2]
sys.path.insert(0, os.path.join(top, "gen"))
import sipcode_gen
t, _ = sipcode_gen.load([os.path.join(top, "codes.csv")] + sys.argv[3:])
print(len(t.rows), sum(r.status in ("historic", "local") for r in t.rows),
      sum(r.code // 100 == 4 for r in t.rows), t.rows[-1].code, t.registry_date,
      " ".join(str(r.code) for r in t.rows if r.code // 100 == 6))
with open(os.path.join(top, "q850.csv"), newline="") as f:
    rows = list(csv.DictReader(l for l in f if not l.startswith("#")))
names = {r["cause"]: r["name"] for r in rows if r["kind"] == "name"}
with open(none, "w") as f:
    for r in rows:
        if r["kind"] == "cause-to-sip" and r["code"] == "none":
            f.write("%s\t%s\t%s\n" % (r["cause"], names[r["cause"]], r["note"]))
PY
read rows unregistered client_errors last date global_failures <"$T/count"
expect "code 603" 0 "^603${TAB}Decline${TAB}Global Failure${TAB}RFC3261${TAB}current${TAB}Q.850 21${TAB}Callee explicitly declined" "" -- 603
expect "code 486" 0 "^486${TAB}Busy Here${TAB}Client Error${TAB}RFC3261${TAB}current${TAB}Q.850 17${TAB}.*Retry-After" "" -- 486
expect "code without a cause" 0 "^487${TAB}Request Terminated${TAB}Client Error${TAB}RFC3261${TAB}current${TAB}-${TAB}" "" -- 487
expect "deprecated 202" 0 "^202${TAB}Accepted${TAB}Success${TAB}RFC6665${TAB}deprecated${TAB}" "" -- 202
expect "historic 409" 0 "^409${TAB}Conflict${TAB}Client Error${TAB}RFC2543${TAB}historic${TAB}" "" -- 409
expect "phrase" 0 "^486${TAB}Busy Here" "" -- "busy here"
expect "old spelling" 0 "^408${TAB}Request Timeout" "" -- "REQUEST TIME-OUT"
expect "seed mistake" 0 "^503${TAB}Service Unavailable" "" -- "Service unavailable"
expect "alias" 0 "^481${TAB}Call/Transaction Does Not Exist" "" -- "Call Leg/Transaction Does Not Exist"
expect "not acceptable" 0 "^406${TAB}" "" -- "Not Acceptable"
expect "leading zero" 0 "^486${TAB}" "" -- 0486

$TOOL_WRAPPER "$TOOL" -H 100 "session progress" 606 >"$T/many" 2>&1
expect_many=$(cut -f1 "$T/many" | tr '\n' ' ')
if [ "$expect_many" = "100 183 606 " ]; then pass=$((pass + 1)); else
    fail=$((fail + 1)); echo "FAIL several arguments: $expect_many"; fi

expect "unregistered code" 1 "^499${TAB}-${TAB}Client Error${TAB}-${TAB}not in the table${TAB}Q.850 31${TAB}A user agent treats it as 400 Bad Request" \
    "499 is not in the table; it is Client Error, and a user agent treats it as 400 Bad Request" -- 499
expect "unregistered 1xx" 1 "^150${TAB}-${TAB}Provisional${TAB}.* as 183 Session Progress" "150 is not in the table; .* as 183 Session Progress" -- 150
expect "historic is in the table" 0 "^411${TAB}Length Required" "" -- 411
for c in 0 99 700 999 2147483648 99999999999999999999999; do
    expect "out of range $c" 2 "" "\"$c\" is not a SIP response code \\(100..699\\)" -- "$c"
done
expect "unknown phrase" 1 "" "no code has the reason phrase \"no such phrase\"" -- "no such phrase"
expect "empty phrase" 1 "" "no code has the reason phrase \"\"" -- ""
expect "8-bit bytes" 1 "" 'reason phrase "Busy\\xffHere"' -- "$(printf 'Busy\377Here')"
expect "control bytes" 1 "" 'reason phrase "Busy\\x0dHere\\x0a\."' -- "$(printf 'Busy\rHere\n.')"
expect "found and not found" 1 "^486${TAB}" "no code has the reason phrase" -- 486 nonsense
long=$(head -c 100000 /dev/zero | tr '\0' 'a')
expect "100 kB argument" 1 "" '\(100000 bytes, cut\)$' -- "$long"

expect "no arguments" 2 "" "no CODE, PHRASE or command given" --
expect "unknown option" 2 "" 'unknown option "-x"' -- -x
expect "unknown long option" 2 "" 'unknown option "--bogus"' -- --bogus
expect "negative code" 2 "" 'unknown option "-1"' -- -1
expect "help" 0 "^usage: sipcode" "" -- --help
expect "short help" 0 "^usage: sipcode" "" -- -h
expect "code with spaces around" 0 "^486${TAB}Busy Here" "" -- " 486 "
expect "code with spaces inside" 1 "" 'no code has the reason phrase "4 86"' -- "4 86"
expect "version" 0 "^sipcode [0-9]+\.[0-9]+\.[0-9]+ \(library [0-9]+\.[0-9]+\.[0-9]+\), table checked against the IANA registry of $date, $rows codes( \\([0-9]+ local\\))?\$" "" -- --version

# ---------------------------------------------------------------- commands
# Each command takes its own options, wherever they stand, and --help shows
# its usage alone; sipcode --help shows every command's.
$TOOL_WRAPPER "$TOOL" --help >"$T/all"
for cmd in list q850 scan merge; do
    expect "$cmd --help" 0 "^usage: sipcode .*$cmd" "" -- $cmd --help
    if [ "$(grep -c '^\(usage:\|      \) sipcode ' "$T/out")" -ge 1 ] &&
        ! grep '^\(usage:\|      \) sipcode ' "$T/out" | grep -v " $cmd" >/dev/null &&
        grep -q "^  $cmd " "$T/out" && grep -q " $cmd" "$T/all"; then pass=$((pass + 1)); else
        fail=$((fail + 1)); echo "FAIL $cmd --help: not the usage of $cmd alone"; fi
    expect "$cmd --help after an option" 0 "^usage: sipcode .*$cmd" "" -- --json $cmd --help
    expect "$cmd: unknown option" 2 "" "^sipcode: unknown option \"--bogus\"; try 'sipcode $cmd --help'\$" -- $cmd --bogus 17
done
# Every option a command's --help names is one the command takes.
for cmd in 486 list q850 scan merge; do
    for opt in $($TOOL_WRAPPER "$TOOL" $cmd --help | grep -o '^  -[-a-zA-Z]*\(, --[-a-z]*\)\{0,1\}' | tr -d ','); do
        [ "$opt" = -h ] || [ "$opt" = --help ] || [ "$opt" = -- ] && continue
        $TOOL_WRAPPER "$TOOL" $cmd "$opt" </dev/null >/dev/null 2>"$T/err"
        if grep -q "unknown option\|goes with" "$T/err"; then
            fail=$((fail + 1)); echo "FAIL $cmd --help names $opt, which $cmd refuses: $(cat "$T/err")"
        else pass=$((pass + 1)); fi
    done
done
expect "lookups --help" 0 "^usage: sipcode \[--json\] \[-H\] \[--\] CODE\|PHRASE\.\.\.\$" "" -- 486 --help
if [ "$(grep -c '^\(usage:\|      \) sipcode ' "$T/out")" = 1 ]; then pass=$((pass + 1)); else
    fail=$((fail + 1)); echo "FAIL 486 --help: more than the usage of lookups"; fi
expect "help before a bad option" 2 "" 'unknown option "--bogus"' -- list --help --bogus
# An option a command does not take: which commands take it, one line, exit 2.
expect "-H with q850" 2 "" "^sipcode: -H goes with lookups and list only; try 'sipcode q850 --help'\$" -- q850 -H 17
expect "-H with scan" 2 "" "^sipcode: -H goes with lookups and list only" -- -H scan "$T"
expect "--records with list" 2 "" "^sipcode: --records goes with scan only" -- list --records
expect "--format with lookups" 2 "" "^sipcode: --format goes with scan and merge only; try 'sipcode --help'\$" -- --format json 486
expect "--class=NAME with q850" 2 "" "^sipcode: --class goes with list only" -- q850 --class=4xx 17
expect "--location-user with scan" 2 "" "^sipcode: --location-user goes with q850 only" -- scan --location-user
expect "--json and --format csv" 2 "" "^sipcode: --json and --format give two formats" -- scan --json --format csv "$T"
expect "--version with a code" 2 "" "^sipcode: --version takes no other argument" -- --version 486
expect "--version with a command" 2 "" "^sipcode: --version takes no other argument" -- list --version
expect "value of an option missing" 2 "" "^sipcode: --by needs src, dst or uri-domain; try 'sipcode scan --help'\$" -- scan --by
expect "-i without a value" 2 "" "^sipcode: -i needs an IFACE" -- scan -i
expect "a value may start with -" 2 "" 'top needs a count \(1..100000000\), got "-1"' -- scan --top -1
expect "command word after an option value" 0 "^code${TAB}phrase" "" -- --class 4xx list

# ---------------------------------------------------------------- JSON
# check_json NAME PYTHON-EXPR FILE [-l]: the file parses as JSON (one
# document, or one per line with -l) and the expression over it (as d) is
# true. The checks are kept and run at the end in one Python process: a
# Python start per check would cost more than the rest of the tests.
n_json=0
check_json() {
    n_json=$((n_json + 1))
    cp "$3" "$T/json.$n_json"
    printf '%s' "$1" >"$T/json.$n_json.name"
    printf '%s' "$2" >"$T/json.$n_json.expr"
    if [ $# -gt 3 ]; then : >"$T/json.$n_json.lines"; fi
}
run_json_checks() {
    python3 - "$T" "$n_json" >"$T/json.result" <<'PY' || echo "FAIL the JSON checks did not run"
import json, os, sys
at, n = sys.argv[1], int(sys.argv[2])
passed = 0
for i in range(1, n + 1):
    base = os.path.join(at, "json.%d" % i)
    name, expr = (open(base + ext, encoding="utf-8").read() for ext in (".name", ".expr"))
    try:
        with open(base, "rb") as f:
            raw = f.read().decode("utf-8")
        d = [json.loads(l) for l in raw.splitlines()] if os.path.exists(base + ".lines") else json.loads(raw)
        ok = eval(expr)
    except Exception as e:
        ok, expr = False, "%s (%s)" % (expr, e)
    if ok:
        passed += 1
    else:
        print("FAIL %s: %s" % (name, expr))
print("%d %d" % (passed, n - passed))
PY
    grep '^FAIL' "$T/json.result"
    read -r p f <<EOF_RESULT
$(tail -n 1 "$T/json.result")
EOF_RESULT
    pass=$((pass + ${p:-0})) fail=$((fail + ${f:-1}))
}

$TOOL_WRAPPER "$TOOL" 486 --json >"$T/j" 2>/dev/null
check_json "lookup --json" 'd["code"] == 486 and d["phrase"] == "Busy Here" and d["class"] == "Client Error" and d["registered"] is True and d["reference"] == "RFC3261" and d["standing"] == "current" and d["final"] is True and d["effective"] == 486 and "Retry-After" in d["meaning"]' "$T/j"
$TOOL_WRAPPER "$TOOL" --json 499 "busy here" nonsense >"$T/j" 2>/dev/null
check_json "not found has every member, in the same order" 'list(d[2]) == list(d[0]) == list(d[1]) and all(d[2][k] is None for k in d[2] if k not in ("query", "registered")) and d[2]["registered"] is False' "$T/j" -l
# The text columns are JSON members, in the same order: one table of fields.
$TOOL_WRAPPER "$TOOL" 486 >"$T/h" 2>/dev/null
check_json "text columns are JSON members" "(lambda cols: [k for k in d[0] if k in cols] == cols)('$(head -n 1 "$T/h")'.split('\t'))" "$T/j" -l
check_json "lookups --json" '[x["code"] for x in d] == [499, 486, None] and d[0]["phrase"] is None and d[0]["registered"] is False and d[0]["effective"] == 400 and d[1]["query"] == "busy here"' "$T/j" -l
$TOOL_WRAPPER "$TOOL" list --json >"$T/j"
check_json "list --json" "len(d['codes']) == ${rows:-0} and [c['code'] for c in d['codes']] == sorted(c['code'] for c in d['codes']) and all(set(['code', 'phrase', 'class', 'registered']) <= set(c) for c in d['codes']) and sum(not c['registered'] for c in d['codes']) == ${unregistered:-0}" "$T/j"
$TOOL_WRAPPER "$TOOL" list --class=client-error --json >"$T/j"
check_json "list --class --json" "len(d['codes']) == ${client_errors:-0} and all(c['class'] == 'Client Error' for c in d['codes'])" "$T/j"

# ---------------------------------------------------------------- q850
expect "q850 17" 0 "^17${TAB}User busy${TAB}486${TAB}Busy Here\$" "" -- q850 17
expect "q850 16" 0 "^16${TAB}Normal call clearing${TAB}-${TAB}no SIP status" "" -- q850 16
expect "q850 undefined cause" 0 "^10${TAB}\(not defined by Q.850\)${TAB}500${TAB}Server Internal Error\$" "" -- q850 10
expect "q850 location user" 0 "^21${TAB}Call rejected${TAB}603${TAB}Decline\$" "" -- q850 --location-user 21
expect "q850 new number" 0 "^22${TAB}Number changed${TAB}301${TAB}Moved Permanently\$" "" -- q850 22 --new-number
for c in 0 128 -- x 99999999999; do
    [ "$c" = -- ] && continue
    expect "q850 $c" 2 "" "\"$c\" is not a Q.850 cause value \(1..127\)" -- q850 "$c"
done
expect "q850 without cause" 2 "" "q850 needs a CAUSE" -- q850
expect "q850 flag elsewhere" 2 "" "^sipcode: --new-number goes with q850 only; try 'sipcode --help'\$" -- --new-number 486
$TOOL_WRAPPER "$TOOL" --json q850 17 16 x >"$T/j" 2>/dev/null
check_json "q850 --json" 'd[:2] == [{"query": "17", "cause": 17, "name": "User busy", "status": 486, "phrase": "Busy Here", "note": None}, {"query": "16", "cause": 16, "name": "Normal call clearing", "status": None, "phrase": None, "note": d[1]["note"]}] and d[1]["note"]' "$T/j" -l
check_json "q850 --json: a bad cause has every member, null" 'list(d[2]) == list(d[0]) and d[2]["query"] == "x" and all(d[2][k] is None for k in d[2] if k != "query")' "$T/j" -l
# The causes RFC 3398 answers with no status, and what it does instead: the
# rows of q850.csv with code "none" and their notes (read above).
[ -s "$T/none" ] || { fail=$((fail + 1)); echo "FAIL q850.csv has no cause without a status"; }
while IFS="$TAB" read -r cause name note; do
    $TOOL_WRAPPER "$TOOL" q850 "$cause" >"$T/q" 2>&1
    if [ "$(cat "$T/q")" = "$cause$TAB$name$TAB-${TAB}no SIP status: $note" ]; then pass=$((pass + 1)); else
        fail=$((fail + 1)); echo "FAIL q850 $cause: $(cat "$T/q"), expected the note of q850.csv: $note"; fi
    $TOOL_WRAPPER "$TOOL" q850 --json "$cause" >"$T/j"
    printf '%s' "$note" >"$T/note.$cause"
    check_json "q850 --json $cause: the note of q850.csv" "d['status'] is None and d['note'] == open('$T/note.$cause').read()" "$T/j"
done <"$T/none"
expect "q850 after --" 2 "" '"-1" is not a Q.850 cause value' -- q850 -- -1
expect "negative code" 2 "" '"-1" is not a SIP response code \(100..699\)' -- -- -1
expect "negative code, spaces" 2 "" '" -2147483648 " is not a SIP response code' -- -- " -2147483648 "
# Several operands: the status is the highest of theirs.
$TOOL_WRAPPER "$TOOL" -H 486 "no such phrase" 700 486 >/dev/null 2>&1
[ $? = 2 ] && pass=$((pass + 1)) || { fail=$((fail + 1)); echo "FAIL status of a malformed and an unknown operand is not 2"; }
$TOOL_WRAPPER "$TOOL" -H 486 "no such phrase" 486 >/dev/null 2>&1
[ $? = 1 ] && pass=$((pass + 1)) || { fail=$((fail + 1)); echo "FAIL status of an unknown operand is not 1"; }
$TOOL_WRAPPER "$TOOL" --json 486 487 >"$T/j"
check_json "code --json q850" '[x["q850"] for x in d] == [17, None]' "$T/j" -l

# ---------------------------------------------------------------- list
expect "list" 0 "^$last${TAB}" "" -- list
# A header line names the columns, once, above the first row; -H leaves it out.
$TOOL_WRAPPER "$TOOL" 486 603 >"$T/h" 2>&1
if [ "$(head -n 1 "$T/h")" = "code${TAB}phrase${TAB}class${TAB}reference${TAB}standing${TAB}q850${TAB}meaning" ] &&
    [ "$(grep -c '^code' "$T/h")" = 1 ] && [ "$(wc -l <"$T/h")" = 3 ]; then pass=$((pass + 1)); else
    fail=$((fail + 1)); echo "FAIL header line: $(head -c 200 "$T/h")"; fi
$TOOL_WRAPPER "$TOOL" -H 486 603 >"$T/h" 2>&1
if [ "$(cut -f1 "$T/h" | tr '\n' ' ')" = "486 603 " ]; then pass=$((pass + 1)); else
    fail=$((fail + 1)); echo "FAIL -H: $(head -c 200 "$T/h")"; fi
$TOOL_WRAPPER "$TOOL" -H list >"$T/h" 2>&1
if [ "$(wc -l <"$T/h")" = "${rows:-0}" ]; then pass=$((pass + 1)); else
    fail=$((fail + 1)); echo "FAIL -H list: $(wc -l <"$T/h") rows, expected ${rows:-0}"; fi
expect "no header above nothing found" 1 "" 'no code has the reason phrase "nope"' -- nope
for c in "Global Failure" 6xx global-failure GLOBAL_FAILURE; do
    $TOOL_WRAPPER "$TOOL" -H list --class "$c" >"$T/l" 2>&1
    if [ "$(cut -f1 "$T/l" | tr '\n' ' ')" = "$global_failures " ]; then pass=$((pass + 1)); else
        fail=$((fail + 1)); echo "FAIL list --class $c: $(head -c 200 "$T/l")"; fi
done
expect "list unknown class" 2 "" 'unknown class "7xx"' -- list --class 7xx
expect "list --class without name" 2 "" "--class needs a NAME" -- list --class
expect "list with an argument" 2 "" 'list takes no arguments, got "486"' -- list 486
expect "--class without list" 2 "" "--class goes with list only" -- --class 4xx 486
expect "list after --" 1 "" 'no code has the reason phrase "list"' -- -- list

# ---------------------------------------------------------------- scan
printf 'SIP/2.0 486 Busy Here\r\nVia: SIP/2.0/UDP 10.0.0.1\r\nCSeq: 1 INVITE\r\n\r\n' >"$T/crlf"
printf 'Nov 25 10:00:01 host proxy[42]: <<< SIP/2.0 486 Busy\n' >"$T/lf"
printf 'SIP/2.0 499 Not Today\nSIP/2.0 606 not acceptable\nSIP/2.0 200 OK\nSIP/2.0 180 R\351ing\377\n' >>"$T/lf"
printf 'junk SIP/2.0 foo SIP/2.0 183 Session Progress\nSIP/2.0 700 Too High\nSIP/2.0 20 x\nSIP/2.0 409 Conflict' >>"$T/lf"
$TOOL_WRAPPER "$TOOL" scan --json "$T/crlf" - <"$T/lf" >"$T/j"
check_json "scan --json" 'd["status_lines"] == 8 and [c["code"] for c in d["codes"]] == [180, 183, 200, 409, 486, 499, 606]' "$T/j"
check_json "scan --json members" 'all(list(c) == ["code", "count", "phrase", "class", "registered", "other_phrases"] for c in d["codes"]) and list(d) == ["status_lines", "codes", "messages", "requests", "retransmissions", "packets", "methods", "transports", "not_decoded", "malformed_example"]' "$T/j"
check_json "scan --json of text: no capture members counted" 'd["messages"] == d["packets"] == 0 and d["methods"] == d["transports"] == d["not_decoded"] == {}' "$T/j"
check_json "scan --json counts" '{c["code"]: (c["count"], c["other_phrases"]) for c in d["codes"]} == {180: (1, {"R\ufffding\ufffd": 1}), 183: (1, {}), 200: (1, {}), 409: (1, {}), 486: (2, {"Busy": 1}), 499: (1, {"Not Today": 1}), 606: (1, {"not acceptable": 1})}' "$T/j"
printf 'x sip/2.0 200 OK\nSIP/2.0/UDP SIP/2.0 486 Busy\r\n/SiP/2.0 183 Session Progress\nSIP/2.0 183\n' >"$T/case"
scan_check_case() { $TOOL_WRAPPER "$TOOL" scan --json "$T/case" >"$T/j2"; }
scan_check_case
check_json "scan finds SIP/2.0 in any case, as the parser takes it" '[(c["code"], c["count"]) for c in d["codes"]] == [(183, 1), (200, 1), (486, 1)] and d["status_lines"] == 3' "$T/j2"
check_json "scan --json registry" '[(c["phrase"], c["registered"]) for c in d["codes"] if c["code"] in (409, 499)] == [("Conflict", False), (None, False)]' "$T/j"
# scan_count NAME EXPECTED-JSON-EXPR FILE...: scan --json and check
scan_check() {
    name=$1 expr=$2
    shift 2
    $TOOL_WRAPPER "$TOOL" scan --json "$@" >"$T/j" 2>"$T/err"
    check_json "$name" "$expr" "$T/j"
}

: >"$T/empty"
expect "scan empty file" 0 "^total${TAB}status-lines${TAB}0\$" "" -- scan "$T/empty"
expect "scan text output starts with a header line" 0 "^section${TAB}key${TAB}count${TAB}detail\$" "" -- scan "$T/empty"
scan_check "scan empty file --json" 'd["status_lines"] == 0 and d["codes"] == []' "$T/empty"
$TOOL_WRAPPER "$TOOL" scan "$T/crlf" - <"$T/lf" >"$T/rows"
if awk -F '\t' 'NR > 1 && ($1 == "" || NF < 3) { bad = 1 } END { exit bad }' "$T/rows" &&
    [ "$(cut -f1 "$T/rows" | sort -u | tr '\n' ' ')" = "code phrase section total " ]; then
    pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL scan rows: each starts with its section"; fi
expect "scan phrase rows name their code" 0 "^phrase${TAB}486${TAB}1${TAB}\"Busy\"${TAB}known spelling\$" "" -- scan "$T/crlf" "$T/lf"
head -c 20000 /dev/urandom >"$T/binary"
printf '\0\0\0\0SIP/2.0 200 OK\r\n' >"$T/nul"
expect "scan a file neither capture nor text" 1 "" "^sipcode: $T/binary: neither a packet capture \\(pcap, pcapng\\) nor text\$" -- scan "$T/binary"
expect "scan a file starting with NULs" 1 "" "nul: neither a packet capture" -- scan "$T/nul"
expect "scan missing file" 1 "" "^sipcode: $T/absent: No such file or directory\$" -- scan "$T/absent"
expect "scan missing file, JSON: the error alone" 1 "" "^sipcode: $T/absent: No such file or directory\$" -- --json scan "$T/absent"
expect "scan missing file and a read one: the report of what was read" 1 "^code${TAB}486${TAB}1${TAB}" "^sipcode: $T/absent: No such file or directory\$" -- scan "$T/absent" "$T/crlf"
expect "scan directory" 1 "" "^sipcode: $T: Is a directory\$" -- scan "$T"
if [ "$(id -u)" != 0 ]; then
    printf 'SIP/2.0 200 OK\n' >"$T/locked" && chmod 000 "$T/locked"
    expect "scan unreadable file" 1 "" "^sipcode: $T/locked: Permission denied\$" -- scan "$T/locked"
else
    # root reads any mode; /proc/self/mem fails on read instead
    expect "scan read error" 1 "" "^sipcode: /proc/self/mem: " -- scan /proc/self/mem
fi
expect "scan some files unreadable" 1 "^total${TAB}status-lines${TAB}2" "absent: No such file" -- scan "$T/crlf" "$T/absent" "$T/crlf"
printf 'SIP/2.0 182 Queued, avaya-cm-data=0001001000200010\r\nSIP/2.0 404 Not here\r\nSIP/2.0 404 Gone fishing\r\n' >"$T/extra"
expect "scan: a known phrase with extra text" 0 "^phrase${TAB}182${TAB}1${TAB}\"Queued, avaya-cm-data=0001001000200010\"${TAB}a known phrase with extra text\$" "" -- scan "$T/extra"
expect "scan: a known spelling" 0 "^phrase${TAB}404${TAB}1${TAB}\"Not here\"${TAB}known spelling\$" "" -- scan "$T/extra"
expect "scan: not a known spelling" 0 "^phrase${TAB}404${TAB}1${TAB}\"Gone fishing\"${TAB}not a known spelling\$" "" -- scan "$T/extra"
expect "scan unknown option" 2 "" 'unknown option "--bogus"' -- scan --bogus "$T/crlf"

# A status line across the tool's 64 KiB read boundary, one at the parser's
# length limit and one a byte over it.
{
    head -c 65530 /dev/zero | tr '\0' 'a'
    printf '\nSIP/2.0 486 Busy Here\n'
    printf 'SIP/2.0 200 '; head -c 1012 /dev/zero | tr '\0' 'x'; printf '\r\n'
    printf 'SIP/2.0 201 '; head -c 1013 /dev/zero | tr '\0' 'x'; printf '\n'
} >"$T/boundary"
scan_check "scan across read boundary and at the limit" '[(c["code"], c["count"]) for c in d["codes"]] == [(200, 1), (486, 1)]' "$T/boundary"

# Binary junk, NULs and a 10 MB line (the project's bad-input size) with a
# status line at its end, after a first block of text (a file that starts
# as binary is no trace).
{
    head -c 5000 /dev/zero | tr '\0' 'a'; echo
    head -c 100000 /dev/urandom
    printf '\0\0SIP/2.0 180 Ringing\n\0'
    head -c 10000000 /dev/zero | tr '\0' 'b'
    printf ' SIP/2.0 603 Declined\r\n'
    head -c 100000 /dev/urandom | tr -d 'S'
} >"$T/junk"
scan_check "scan junk and a 10 MB line" '[(c["code"], c["count"], c["other_phrases"]) for c in d["codes"]] == [(180, 1, {}), (603, 1, {"Declined": 1})]' "$T/junk"
# Memory does not grow with the input: the least address space (in 2 MB
# steps) in which the tool scans an empty file, plus 4 MB, cannot hold the
# 10 MB line, yet the scan of the junk fits in it. Below that least space
# the tool says it is out of memory, in one line, with exit status 1.
# Skipped where the tool cannot start under a cap (e.g. ASan builds).
cap=8192
if (ulimit -v 262144 && "$TOOL" scan "$T/empty" >/dev/null 2>&1); then
    while ! (ulimit -v $cap && "$TOOL" scan "$T/empty" >/dev/null 2>&1); do
        cap=$((cap + 2048))
    done
else
    cap=0
fi
if [ $cap = 0 ]; then
    echo "skip: memory cap check (tool does not scan under ulimit -v 262144)"
else
    if (ulimit -v $((cap + 4096)) && "$TOOL" scan "$T/junk" >"$T/out" 2>&1) &&
        grep -q "^code${TAB}603${TAB}1${TAB}" "$T/out"; then pass=$((pass + 1)); else
        fail=$((fail + 1)); echo "FAIL scan of a 10 MB line under a cap of $((cap + 4096)) kB"; fi
    if (ulimit -v $((cap - 2048)) && "$TOOL" --help >/dev/null 2>&1); then
        (ulimit -v $((cap - 2048)) && "$TOOL" scan "$T/empty" >/dev/null 2>"$T/err")
        got=$?
        if [ $got = 1 ] && [ "$(cat "$T/err")" = "sipcode: out of memory" ]; then pass=$((pass + 1)); else
            fail=$((fail + 1)); echo "FAIL scan out of memory: exit $got, $(head -c 200 "$T/err")"; fi
    fi
fi
rm -f "$T/junk"

# Bad arguments beyond the above. argv cannot carry a NUL byte, and Linux
# caps one argument at 128 KiB, so those cases belong to file input.
expect "only --" 2 "" "^sipcode: no CODE" -- --
expect "lone dash is a phrase" 1 "" 'no code has the reason phrase "-"$' -- -
expect "option with 8-bit bytes" 2 "" 'unknown option "-\\xff\\x01"' -- "$(printf -- '-\377\001')"
expect "long option cut" 2 "" 'unknown option "--a{62}" \(100002 bytes, cut\)' -- "--$long"
expect "option with a value" 2 "" 'unknown option "--help=yes"' -- --help=yes
expect "code with a sign" 1 "" 'no code has the reason phrase "\+486"' -- +486
expect "5000 arguments" 1 "^486${TAB}" 'reason phrase "x"$' -- $(yes 486 | head -n 5000) x
for args in 486 --help --version "list --json"; do
    for how in full closed; do
        if [ $how = full ]; then
            $TOOL_WRAPPER "$TOOL" $args >/dev/full 2>"$T/err"
        else
            $TOOL_WRAPPER "$TOOL" $args >&- 2>"$T/err"
        fi
        got=$?
        if [ $got = 1 ] && grep -q "cannot write the output" "$T/err" && [ "$(wc -l <"$T/err")" = 1 ]; then
            pass=$((pass + 1))
        else
            fail=$((fail + 1)); echo "FAIL $args with stdout $how: exit $got, $(head -c 200 "$T/err")"
        fi
    done
done

run_json_checks
echo "test_cli: $pass passed, $fail failed"
[ "$fail" = 0 ]
