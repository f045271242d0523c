# SPDX-License-Identifier: MIT
# Sourced by .ci/*.sh: what this machine can run, asked with a trivial
# program before a step depends on it. Machines of one kind differ in their
# kernels (32-bit execution, TSan's memory layout, namespaces), so a step
# that needs such a feature probes for it and, where the machine lacks it,
# says so in one line and does what it still can. A probe never runs the
# check itself: a check that fails on a capable machine fails CI.
#
#   probe NAME [ARG]   0 when the machine can; otherwise 1, with the reason
#                      in $PROBE_WHY
#   skipped WHAT       prints "ci: skipped WHAT: $PROBE_WHY" (one line)
#
# SIPCODE_CI_NO_<NAME>=1 (NAME upper-cased, '-' as '_', e.g.
# SIPCODE_CI_NO_M32=1) makes probe NAME answer no, so that the degraded path
# of a step can be tried, and tested, on a machine that lacks nothing.
#
# Names: m32 (run a gcc -m32 program), tsan CC (run a -fsanitize=thread
# program built by CC), libfuzzer (run a clang -fsanitize=fuzzer program),
# netns (unshare -n), lo-mtu (lower lo's MTU inside unshare -n), live-capture
# (libpcap capture on lo inside unshare -n, needs tcpdump).

PROBE_WHY=
PROBE_DIR=

probe_tmp() {
    PROBE_DIR=$(mktemp -d /tmp/sipcode-probe.XXXXXX)
    printf 'int main(void) { return 0; }\n' >"$PROBE_DIR/t.c"
    printf '%s\n' '#include <stddef.h>' '#include <stdint.h>' \
        'int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n);' \
        'int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n) { (void)d; (void)n; return 0; }' \
        >"$PROBE_DIR/f.c"
}

# Runs "$@" with its output kept; on failure the reason is its last line.
probe_run() {
    if "$@" >"$PROBE_DIR/out" 2>&1; then return 0; fi
    PROBE_WHY="$2 fails: $(tail -n 1 "$PROBE_DIR/out" | cut -c1-160)"
    return 1
}

probe() {
    local rc
    probe_tmp
    probe_one "$@"
    rc=$?
    rm -rf "$PROBE_DIR"
    return $rc
}

probe_one() {
    local name=$1 var
    var=SIPCODE_CI_NO_$(printf '%s' "$name" | tr 'a-z-' 'A-Z_')
    if [ "${!var:-}" = 1 ]; then
        PROBE_WHY="$var=1 says this machine cannot"
        return 1
    fi
    case $name in
    m32)
        probe_run gcc -m32 -o "$PROBE_DIR/m32" "$PROBE_DIR/t.c" || {
            PROBE_WHY="gcc -m32 cannot link a trivial program (${PROBE_WHY})"; return 1; }
        "$PROBE_DIR/m32" >/dev/null 2>&1 || {
            PROBE_WHY="this machine cannot run 32-bit binaries (a trivial gcc -m32 program: $(
                "$PROBE_DIR/m32" 2>&1 | sed -n '$s/.*: //p'))"
            return 1; }
        ;;
    tsan)
        local cc=${2:-cc}
        probe_run "$cc" -fsanitize=thread -o "$PROBE_DIR/tsan-$cc" "$PROBE_DIR/t.c" || return 1
        probe_run "$PROBE_DIR/tsan-$cc" "$PROBE_DIR/tsan-$cc" || {
            PROBE_WHY="TSan built by $cc cannot run on this kernel's memory layout: ${PROBE_WHY#*: }"
            return 1; }
        ;;
    libfuzzer)
        probe_run clang -fsanitize=fuzzer,address -o "$PROBE_DIR/fuzz" "$PROBE_DIR/f.c" || return 1
        probe_run "$PROBE_DIR/fuzz" -runs=1 || {
            PROBE_WHY="a trivial libFuzzer program does not run: ${PROBE_WHY#*: }"; return 1; }
        ;;
    netns)
        probe_run unshare -n true || {
            PROBE_WHY="no network namespaces (unshare -n): ${PROBE_WHY#*: }"; return 1; }
        ;;
    lo-mtu)
        probe_run unshare -n sh -c 'ip link set lo up && ip link set lo mtu 1280' || {
            PROBE_WHY="cannot set lo's MTU in a namespace: ${PROBE_WHY#*: }"; return 1; }
        ;;
    live-capture)
        command -v tcpdump >/dev/null || { PROBE_WHY="no tcpdump"; return 1; }
        # tcpdump exits 0 once it has its one packet, 124 when timeout ends it.
        probe_run unshare -n bash -c 'ip link set lo up || exit 1
            timeout 5 tcpdump -i lo -c 1 -w /dev/null udp 2>/dev/null & sleep 1
            echo x >/dev/udp/127.0.0.1/9; wait $!' || {
            PROBE_WHY="cannot capture live on lo in a namespace: ${PROBE_WHY#*: }"; return 1; }
        ;;
    *)
        echo "probe: unknown name '$name'" >&2
        return 2
        ;;
    esac
    PROBE_WHY=
    return 0
}

skipped() {
    printf 'ci: skipped %s: %s\n' "$*" "$PROBE_WHY"
}
