# SPDX-License-Identifier: MIT
# Sourced by the shell tests of the build and embedding paths
# (. tests/harness.sh, from the top of the tree): a scratch folder $T,
# removed on exit, the counts, and
#   ok                   counts a pass
#   no MESSAGE           counts a failure and prints FAIL MESSAGE
#   run NAME COMMAND...  runs COMMAND with its output kept, shown only on failure
#   fake_tools DIR TOOL...
#                        writes into DIR, for each TOOL, a program that fails
#                        loudly and notes in $T/forbidden-tools-ran that it
#                        ran: put DIR first in PATH to catch a build that
#                        reaches for Python, gperf or the like
#   fakes_unused WHAT    passes when no fake ran during WHAT, else fails
#                        and lists what ran
#   finish NAME          prints "NAME: P passed, F failed"; exits 0 or 1
#   jobs_only            keeps of MAKEFLAGS only the job slots of the make
#                        that runs the test (-j, its jobserver), so that the
#                        test's own makes share them but get no variable of
#                        its command line (B=, CFLAGS=) and no other flag
T=$(mktemp -d) || exit 1
trap 'rm -rf "$T"' EXIT
pass=0
fail=0

ok() { pass=$((pass + 1)); }

no() {
    fail=$((fail + 1))
    echo "FAIL $*"
}

run() {
    run_name=$1
    shift
    if "$@" >"$T/run.log" 2>&1; then ok; else
        no "$run_name:"
        cat "$T/run.log"
    fi
}

fake_tools() {
    fake_dir=$1
    shift
    mkdir -p "$fake_dir"
    for fake in "$@"; do
        printf '#!/bin/sh\necho "%s $*" >>"%s"\necho "%s ran where the build must not need it" >&2\nexit 97\n' \
            "$fake" "$T/forbidden-tools-ran" "$fake" >"$fake_dir/$fake"
        chmod +x "$fake_dir/$fake"
    done
}

fakes_unused() {
    if [ -e "$T/forbidden-tools-ran" ]; then
        no "$1 ran a tool it must not need:"
        cat "$T/forbidden-tools-ran"
        rm -f "$T/forbidden-tools-ran"
    else
        ok
    fi
}

jobs_only() {
    # shellcheck disable=SC2086 # the words of MAKEFLAGS; the variables come after "--"
    MAKEFLAGS=$(printf '%s\n' ${MAKEFLAGS:-} | sed -n '/^--$/q; /^-j/p; /^--jobserver-/p' | tr '\n' ' ')
    export MAKEFLAGS
    unset MFLAGS
}

finish() {
    echo "$1: $pass passed, $fail failed"
    [ "$fail" = 0 ]
    exit
}
