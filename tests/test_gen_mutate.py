#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The generator under attack: codes.csv mutated at random (fixed seed) into
MUTANTS broken or odd files (dropped, duplicated and swapped fields, random
bytes, truncation, byte-order mark, CRLF, quotes, lost and repeated lines).

Each run must either succeed with output that passes the table self-checks,
or fail with every message of the form 'codes.csv:LINE: problem' (LINE a
line of the mutant) and no traceback; after a failed run the output files
are byte-for-byte and timestamp-for-timestamp as they were.

The generator runs in-process (gen/sipcode_gen.py imported) for speed, into
a scratch tree seeded with the committed outputs; every SPOT-th mutant also
runs as a subprocess; a sample of the successful mutants is compiled with
the library and checked by fuzz/fuzz_codes.c over every code 100..699 (each
row round-trips, every spelling resolves). The committed generated files
are checked untouched at the end.

    python3 tests/test_gen_mutate.py      (from anywhere; exits 0 or 1)
    MUTANTS=5000 SEED=7 COMPILE_SAMPLE=50 python3 tests/test_gen_mutate.py
"""

import csv
import io
import os
import random
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import traceback

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
sys.path.insert(0, os.path.join(ROOT, "gen"))
import sipcode_gen  # noqa: E402
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import test_gen  # noqa: E402

MUTANTS = int(os.environ.get("MUTANTS", "1200"))
SEED = int(os.environ.get("SEED", "20261125"))
SPOT = int(os.environ.get("SPOT", "40"))
COMPILE_SAMPLE = int(os.environ.get("COMPILE_SAMPLE", "12"))
GPERF = os.environ.get("GPERF", "gperf")
CC = os.environ.get("CC", "cc")
OUTPUTS = list(sipcode_gen.OUTPUTS.values())
# What a scratch tree needs besides the outputs to build the self-check: the
# library as it is, whichever files it has (other generators' tables too).
LIBRARY_SOURCES = sorted("src/" + f for f in os.listdir(os.path.join(ROOT, "src"))
                         if f.endswith(".c"))
BUILD_INPUTS = sorted(d + "/" + f for d in ("src", "include")
                      for f in os.listdir(os.path.join(ROOT, d))) + ["tests/expected.h"]


def snapshot(tree):
    """Hash and mtime of each output of the generator in tree."""
    return test_gen.snapshot(OUTPUTS, tree)


# ------------------------------------------------------------ mutations

def split_rows(text):
    """Lines of the file, and the indexes of the data rows (after the header)."""
    lines = text.split(b"\n")
    header = next(i for i, l in enumerate(lines) if l.startswith(b"code,phrase,"))
    rows = [i for i in range(header + 1, len(lines)) if lines[i].strip()]
    return lines, header, rows


def fields_of(line):
    return next(csv.reader([line.decode("latin-1")]))


def join_fields(fields):
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow(fields)
    return out.getvalue().encode("latin-1")


def on_a_row(rng, text, change):
    """Apply change(rng, fields) -> fields to one random data row."""
    lines, header, rows = split_rows(text)
    i = rng.choice(rows + [header])
    lines[i] = join_fields(change(rng, fields_of(lines[i])))
    return b"\n".join(lines)


def drop_field(rng, f):
    del f[rng.randrange(len(f))]
    return f


def duplicate_field(rng, f):
    i = rng.randrange(len(f))
    f.insert(i, f[i])
    return f


def swap_fields(rng, f):
    i, j = rng.randrange(len(f)), rng.randrange(len(f))
    f[i], f[j] = f[j], f[i]
    return f


def empty_field(rng, f):
    f[rng.randrange(len(f))] = ""
    return f


def odd_field(rng, f):
    f[rng.randrange(len(f))] = rng.choice(
        ["0", "99", "700", "-1", "486", "4860", "2147483648", "6o8", " 486", "486 ",
         "RFC0", "RFC99999", "RFC3261 ", "historic", "client-error", "Busy Here",
         "Not Acceptable", "A" * 300, "x [seed]", "x [nope]", "x []", "a | b [seed]",
         "[seed]", "|", "SIPCODE", "CLASS_X", "_", "606", "406", " ", "\t"])
    return f


def random_bytes(rng, text):
    data = bytearray(text)
    for _ in range(rng.randint(1, 8)):
        pos = rng.randrange(len(data) + 1)
        byte = rng.choice([rng.randrange(256), rng.choice(b'",\n\r\t\0 |[]#@\x7f\x80\xff')])
        if rng.random() < 0.5 and pos < len(data):
            data[pos] = byte
        else:
            data.insert(pos, byte)
    return bytes(data)


def truncate(rng, text):
    return text[:rng.randrange(len(text) + 1)]


def bom(rng, text):
    return b"\xef\xbb\xbf" + text


def crlf(rng, text):
    if rng.random() < 0.5:
        return text.replace(b"\n", b"\r\n")
    lines = text.split(b"\n")
    for _ in range(rng.randint(1, 10)):
        i = rng.randrange(len(lines))
        lines[i] += rng.choice([b"\r", b"\r\r", b"\r\n"])
    return b"\n".join(lines)


def quotes(rng, text):
    lines, header, rows = split_rows(text)
    i = rng.choice(rows)
    line = lines[i]
    kind = rng.randrange(4)
    if kind == 0:                       # a stray quote anywhere
        pos = rng.randrange(len(line) + 1)
        lines[i] = line[:pos] + b'"' + line[pos:]
    elif kind == 1:                     # a field quoted, commas and all
        f = fields_of(line)
        j = rng.randrange(len(f))
        lines[i] = join_fields(f[:j]) + (b"," if j else b"") + b'"' + \
            f[j].replace('"', '""').encode("latin-1") + b'"' + \
            (b"," + join_fields(f[j + 1:]) if j + 1 < len(f) else b"")
    elif kind == 2:                     # an unterminated quote at the end
        lines[i] = line + b',"'
    else:                               # a quoted newline: the row spans two lines
        pos = rng.randrange(len(line) + 1)
        lines[i] = line[:pos] + b'"\n"' + line[pos:]
    return b"\n".join(lines)


def drop_line(rng, text):
    lines = text.split(b"\n")
    del lines[rng.randrange(len(lines))]
    return b"\n".join(lines)


def duplicate_line(rng, text):
    lines = text.split(b"\n")
    i = rng.randrange(len(lines))
    lines.insert(rng.randrange(len(lines) + 1), lines[i])
    return b"\n".join(lines)


def swap_lines(rng, text):
    lines = text.split(b"\n")
    i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
    lines[i], lines[j] = lines[j], lines[i]
    return b"\n".join(lines)


ROW_CHANGES = [drop_field, duplicate_field, swap_fields, empty_field, odd_field]
FILE_CHANGES = [random_bytes, truncate, bom, crlf, quotes, drop_line, duplicate_line,
                swap_lines]


def mutate(rng, text):
    kinds = []
    for _ in range(rng.choice([1, 1, 1, 2, 3])):
        pick = rng.choice(ROW_CHANGES + FILE_CHANGES)
        kinds.append(pick.__name__)
        try:
            text = on_a_row(rng, text, pick) if pick in ROW_CHANGES else pick(rng, text)
        except (StopIteration, ValueError, IndexError, csv.Error):
            pass                        # an earlier change broke the shape; keep it
    return text, kinds


# ------------------------------------------------------------- checking

def seed_tree(tree):
    for rel in OUTPUTS + BUILD_INPUTS:
        os.makedirs(os.path.join(tree, os.path.dirname(rel)), exist_ok=True)
        shutil.copy2(os.path.join(ROOT, rel), os.path.join(tree, rel))


def message_problems(message, path, nlines):
    """What is wrong with a failure message; [] when every line is
    'PATH:LINE: problem' with LINE in the file, and the last says so."""
    lines = message.split("\n")
    bad = []
    if "Traceback" in message:
        bad.append("traceback in message")
    if not re.fullmatch(r"\d+ problems?; nothing was written", lines[-1]):
        bad.append("last line %r" % lines[-1])
    for line in lines[:-1]:
        m = re.match(re.escape(path) + r":(\d+): \S", line)
        if not m:
            bad.append("not PATH:LINE: %r" % line[:120])
        elif not 1 <= int(m.group(1)) <= nlines:
            bad.append("line %s outside the file's %d lines" % (m.group(1), nlines))
    return bad


class Run:
    def __init__(self, work):
        self.work = work
        self.tree = os.path.join(work, "tree")
        self.failures = []
        self.failed = set()             # numbers of the mutants that failed
        self.counts = {"ok": 0, "refused": 0, "spot": 0, "compiled": 0}
        self.compile_every = 1
        seed_tree(self.tree)
        self.harness = self.build_harness_objects()

    def fail(self, n, kinds, what):
        self.failed.add(n)
        self.failures.append("mutant %d (%s): %s" % (n, "+".join(kinds), what))

    def build_harness_objects(self):
        """The replay driver and input for the self-check, built once."""
        ints = os.path.join(self.work, "all-codes")
        with open(ints, "wb") as f:
            f.write(b"".join(struct.pack("<i", c) for c in range(90, 710)))
        return ints

    def self_check(self, n, kinds):
        exe = os.path.join(self.work, "selfcheck")
        cmd = [CC, "-std=c99", "-Wall", "-Wextra", "-Wpedantic", "-Werror", "-O0",
               "-I", os.path.join(self.tree, "tests"), "-I", os.path.join(self.tree, "include"),
               "-I", os.path.join(self.tree, "src"), "-o", exe,
               *[os.path.join(self.tree, rel) for rel in LIBRARY_SOURCES],
               os.path.join(ROOT, "fuzz", "fuzz_codes.c"), os.path.join(ROOT, "fuzz", "replay.c")]
        built = subprocess.run(cmd, capture_output=True, text=True)
        if built.returncode != 0:
            self.fail(n, kinds, "generated tables do not compile:\n" + built.stderr[-2000:])
            return
        ran = subprocess.run([exe, self.harness], capture_output=True, text=True)
        if ran.returncode != 0:
            self.fail(n, kinds, "self-check failed: " + ran.stderr[-2000:])
        self.counts["compiled"] += 1

    def spot_check(self, n, kinds, path, ok, nlines):
        """The same mutant through the command line, into a fresh tree."""
        tree = os.path.join(self.work, "spot")
        shutil.rmtree(tree, ignore_errors=True)
        seed_tree(tree)
        before = snapshot(tree)
        r = subprocess.run([sys.executable, os.path.join(ROOT, "gen", "sipcode_gen.py"),
                            "--outdir", tree, "--gperf", GPERF, path],
                           capture_output=True, text=True)
        self.counts["spot"] += 1
        if "Traceback" in r.stderr:
            self.fail(n, kinds, "subprocess traceback:\n" + r.stderr[-2000:])
        elif r.returncode != (0 if ok else 1):
            self.fail(n, kinds, "subprocess exit %d, in-process %s" % (r.returncode,
                                                                      "ok" if ok else "refused"))
        elif not ok:
            for problem in message_problems(r.stderr.rstrip("\n"), path, nlines):
                self.fail(n, kinds, "subprocess message: " + problem)
            if snapshot(tree) != before:
                self.fail(n, kinds, "subprocess failure changed an output")

    def one(self, n, text, kinds):
        path = os.path.join(self.work, "codes.csv")
        with open(path, "wb") as f:
            f.write(text)
        nlines = max(1, text.count(b"\n") + 1)
        before = snapshot(self.tree)
        ok = False
        try:
            sipcode_gen.generate([path], self.tree, GPERF)
            ok = True
        except sipcode_gen.Failure as e:
            for problem in message_problems(str(e), path, nlines):
                self.fail(n, kinds, problem)
            if snapshot(self.tree) != before:
                self.fail(n, kinds, "a refused run changed an output")
            self.counts["refused"] += 1
        except Exception:
            self.fail(n, kinds, "generator crashed:\n" + traceback.format_exc())
            shutil.copy(path, os.path.join(self.work, "crash-%d.csv" % n))
        if ok:
            self.counts["ok"] += 1
            if self.counts["ok"] % self.compile_every == 0 and \
                    self.counts["compiled"] < COMPILE_SAMPLE:
                self.self_check(n, kinds)
            seed_tree(self.tree)        # back to the committed outputs
        if n % SPOT == 0:
            self.spot_check(n, kinds, path, ok, nlines)


def set_field(text, code, column, value):
    """text with one field of the row of code replaced, and that row's line."""
    lines = text.split(b"\n")
    n = next(i for i, l in enumerate(lines) if l.startswith(b"%d," % code))
    f = fields_of(lines[n])
    f[column] = value
    lines[n] = join_fields(f)
    return b"\n".join(lines), n + 1


def without_row(text, code):
    lines = text.split(b"\n")
    _, header, _ = split_rows(text)
    return b"\n".join(l for l in lines if not l.startswith(b"%d," % code)), header + 1


def regressions(run, base):
    """Mutants that once passed the generator and broke the library, each
    with the message that now refuses it."""
    cases = []
    # A truncated file lost the row of 183; sipcode_effective(101) then gave
    # a code with no row, and the tool printed its NULL phrase.
    for code in (183, 600):
        text, line = without_row(base, code)
        cases.append((text, line, "no row for code %d" % code))
    # 400 as historic: sipcode_effective(499) gave an unregistered code.
    text, line = set_field(base, 400, 4, "historic")
    cases.append((text, line, "code 400 is historic"))
    for i, (text, line, fragment) in enumerate(cases):
        n = -1 - i
        path = os.path.join(run.work, "codes.csv")
        run.one(n, text, ["regression"])
        try:
            sipcode_gen.generate([path], run.tree, GPERF)
            run.fail(n, ["regression"], "not refused: " + fragment)
        except sipcode_gen.Failure as e:
            if "%s:%d: %s" % (path, line, fragment) not in str(e):
                run.fail(n, ["regression"], "no '%s:%d: %s' in:\n%s" % (path, line, fragment, e))
            seed_tree(run.tree)
    return len(cases)


def main():
    if shutil.which(GPERF) is None:
        # As tests/test_gen.py does: a vendoring project may have no gperf.
        print("test_gen_mutate: no %s; skipped (install gperf 3.1 to run it)" % GPERF)
        return 0
    committed = snapshot(ROOT)
    with open(os.path.join(ROOT, "codes.csv"), "rb") as f:
        base = f.read()
    rng = random.Random(SEED)
    work = tempfile.mkdtemp(prefix="sipcode-mutate-")
    try:
        run = Run(work)
        # Success is rarer than refusal; spread the compiled sample over
        # the run instead of spending it on the first few mutants.
        run.compile_every = 3
        fixed = regressions(run, base)
        for n in range(1, MUTANTS + 1):
            text, kinds = mutate(rng, base)
            run.one(n, text, kinds)
        crashes = [f for f in os.listdir(work) if f.startswith("crash-")]
        if crashes:
            keep = tempfile.mkdtemp(prefix="sipcode-mutate-crashes-")
            for name in crashes:
                shutil.copy(os.path.join(work, name), keep)
            print("test_gen_mutate: crashing mutants kept in %s" % keep)
    finally:
        shutil.rmtree(work)
    if snapshot(ROOT) != committed:
        run.failures.append("a committed generated file changed")
    for line in run.failures[:20]:
        print("FAIL " + line)
    c = run.counts
    print("test_gen_mutate: seed %d, %d mutants: %d generated (%d compiled and self-checked), "
          "%d refused, %d also run as a subprocess"
          % (SEED, MUTANTS, c["ok"], c["compiled"], c["refused"], c["spot"]))
    failed = len(run.failed) + (0 if snapshot(ROOT) == committed else 1)
    print("test_gen_mutate: %d passed, %d failed"
          % (MUTANTS + fixed - len(run.failed), failed))
    return 1 if run.failures else 0


if __name__ == "__main__":
    sys.exit(main())
