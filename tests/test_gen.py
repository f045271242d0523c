#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Tests of gen/sipcode_gen.py: broken CSVs are refused with file:line
messages and leave the committed generated files byte-for-byte as they were;
a good CSV regenerates exactly the committed files (codes.csv against the
IANA registry: tests/test_registry.py).

    python3 tests/test_gen.py     (from the top of the tree; exits 0 or 1)
"""

import contextlib
import csv
import hashlib
import importlib
import io
import os
import shutil
import subprocess
import sys
import tempfile
import traceback
import unittest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
GEN = os.path.join(ROOT, "gen", "sipcode_gen.py")
CHANGES = os.path.join(ROOT, "gen", "changes.py")
CODES = os.path.join(ROOT, "codes.csv")
GENERATED = ["include/sipcode_codes.h", "src/code_table.inc", "src/phrase_hash.inc",
             "tests/expected.inc", "cli/meanings.inc", "tests/considered.inc"]
GPERF = os.environ.get("GPERF", "gperf")
# A project's local codes, as make regen got them (make check EXTRA_CODES=...).
EXTRA_CODES = [os.path.join(ROOT, p) for p in os.environ.get("EXTRA_CODES", "").split()]
HAVE_GPERF = shutil.which(GPERF) is not None
sys.dont_write_bytecode = True  # keep the tree as git has it
sys.path.insert(0, os.path.join(ROOT, "gen"))
import sipcode_gen  # noqa: E402


def snapshot(paths=GENERATED, tree=ROOT):
    """Content hash and mtime of each generated file (the committed ones by
    default)."""
    out = {}
    for rel in paths:
        path = os.path.join(tree, rel)
        with open(path, "rb") as f:
            out[rel] = (hashlib.sha256(f.read()).hexdigest(), os.stat(path).st_mtime_ns)
    return out


def run_gen(*args, gen=GEN, subprocess_run=False):
    """Run a generator (gen: its path) on args; its exit status and output as
    a subprocess.CompletedProcess. In-process (imported, main(argv) called)
    unless subprocess_run: a Python start per case made these tests slow, and
    a few cases run the real command line."""
    argv = [gen] + list(args)
    if subprocess_run:
        return subprocess.run([sys.executable] + argv, capture_output=True, text=True)
    module = importlib.import_module(os.path.splitext(os.path.basename(gen))[0])
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            status = module.main(list(args))
        except SystemExit as e:     # argparse on a bad command line
            status = e.code
        except Exception:           # what an uncaught exception prints and returns
            traceback.print_exc()
            status = 1
    return subprocess.CompletedProcess(argv, status, out.getvalue(), err.getvalue())


def codes_lines():
    with open(CODES, newline="") as f:
        return f.read().split("\n")


def registry_date():
    """The date codes.csv says it was checked against the registry."""
    return codes_lines()[line_of(codes_lines(), "#@registry-date ") - 1].split()[1]


def line_of(lines, prefix):
    """1-based number of the first line starting with prefix."""
    for i, line in enumerate(lines):
        if line.startswith(prefix):
            return i + 1
    raise AssertionError("no line starts with %r" % prefix)


def replace_field(line, column, value):
    fields = next(csv.reader([line]))
    fields[column] = value
    return ",".join('"%s"' % f if "," in f or '"' in f else f for f in fields)


def set_field(lines, prefix, column, value):
    """Sets a column of the row starting with prefix; returns its line number."""
    n = line_of(lines, prefix)
    lines[n - 1] = replace_field(lines[n - 1], column, value)
    return n


def write_lines(path, lines):
    with open(path, "w") as f:
        f.write("\n".join(lines))
    return path


class BrokenCsv(unittest.TestCase):
    """Each case breaks codes.csv one way and names the line it expects."""

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="sipcode-gen-test-")
        self.path = os.path.join(self.tmp, "codes.csv")
        self.before = snapshot()

    def tearDown(self):
        shutil.rmtree(self.tmp)

    def refuse(self, lines, expected, data=None):
        """Run the generator on the broken file; expected is a list of
        (line, text) that must each appear as 'codes.csv:LINE: ...text'."""
        with open(self.path, "wb") as f:
            f.write(data if data is not None else "\n".join(lines).encode("latin-1"))
        result = run_gen(self.path)
        self.assertEqual(result.returncode, 1, result.stdout + result.stderr)
        self.assertNotIn("Traceback", result.stderr)
        messages = result.stderr.splitlines()
        for line, text in expected:
            prefix = "%s:%d: " % (self.path, line)
            hits = [m for m in messages if m.startswith(prefix) and text in m]
            self.assertTrue(hits, "no message %r%s... in:\n%s" % (prefix, text, result.stderr))
        self.assertIn("nothing was written", result.stderr)
        self.assertEqual(snapshot(), self.before, "a generated file changed")
        return result.stderr

    def mutate(self, prefix, column, value):
        lines = codes_lines()
        n = line_of(lines, prefix)
        lines[n - 1] = replace_field(lines[n - 1], column, value)
        return lines, n

    def test_duplicate_code(self):
        lines = codes_lines()
        n = line_of(lines, "486,")
        lines.insert(n, lines[n - 1].replace("BUSY_HERE", "BUSY_HERE_AGAIN")
                     .replace("Busy Here", "Busy Here Again"))
        self.refuse(lines, [(n + 1, "code 486 already defined at")])

    def test_class_mismatch(self):
        lines, n = self.mutate("486,", 2, "server-error")
        self.refuse(lines, [(n, "disagrees with code 486")])

    def test_unknown_class(self):
        lines, n = self.mutate("486,", 2, "failure")
        self.refuse(lines, [(n, "class 'failure' is not one of")])

    def test_code_99(self):
        lines, n = self.mutate("100,", 0, "99")
        self.refuse(lines, [(n, "code '99' is not a three-digit number in 100..699")])

    def test_code_700(self):
        lines, n = self.mutate("608,", 0, "700")
        self.refuse(lines, [(n, "code '700' is not")])

    def test_code_not_a_number(self):
        lines, n = self.mutate("608,", 0, "6o8")
        self.refuse(lines, [(n, "code '6o8' is not")])

    def test_empty_phrase(self):
        lines, n = self.mutate("486,", 1, "")
        self.refuse(lines, [(n, "phrase is empty")])

    def test_non_ascii_phrase(self):
        lines, n = self.mutate("486,", 1, "Busy H\xe9re")
        self.refuse(lines, [(n, "byte 0xE9 at column")])

    def test_wrong_column_count(self):
        lines = codes_lines()
        n = line_of(lines, "486,")
        lines[n - 1] = lines[n - 1].rsplit(",", 1)[0]
        self.refuse(lines, [(n, "8 columns, expected 9")])

    def test_colliding_alias(self):
        lines, n = self.mutate("600,", 7, "Busy Here [seed]")
        self.refuse(lines, [(n, "alias 'Busy Here' of 600 collides with 'Busy Here' of 486")])

    def test_colliding_phrase(self):
        lines, n = self.mutate("604,", 1, "Busy Here")
        self.refuse(lines, [(n, "phrase 'Busy Here' of 604 collides with 'Busy Here' of 486")])

    def test_shared_phrase_must_be_declared(self):
        lines, n = self.mutate("606,", 6, "")
        self.refuse(lines, [(n, "phrase 'Not Acceptable' of 606 collides with "
                                "'Not Acceptable' of 406")])

    def test_shared_phrase_must_really_be_shared(self):
        lines, n = self.mutate("604,", 6, "406")
        self.refuse(lines, [(n, "shares_phrase_with 406, but 'Does Not Exist Anywhere'")])

    def test_redundant_alias(self):
        lines, n = self.mutate("486,", 7, "BUSY-HERE [seed]")
        self.refuse(lines, [(n, "alias 'BUSY-HERE' is the phrase 'Busy Here' once normalised")])

    def test_alias_without_declared_source(self):
        lines, n = self.mutate("486,", 7, "Busy Now [nobody]")
        self.refuse(lines, [(n, "cites source 'nobody'")])

    def test_alias_without_source(self):
        lines, n = self.mutate("486,", 7, "Busy Now")
        self.refuse(lines, [(n, "is not 'spelling [source ...]'")])

    def test_empty_meaning_is_accepted(self):
        """A row imported from the registry has no meaning yet; the tool
        gets 0 for it and says so (.ci/registry.sh)."""
        lines, n = self.mutate("486,", 8, "")
        table, _ = sipcode_gen.load([write_lines(self.path, lines)])
        self.assertEqual(table.errors, [])
        text = sipcode_gen.emit_meanings(table, ["codes.csv"])
        self.assertIn("    { .key = 486, .text = 0 },\n", text)
        self.assertIn("    { .key = 487, .text = \"", text)

    def test_bad_status(self):
        lines, n = self.mutate("486,", 4, "obsolete")
        self.refuse(lines, [(n, "status 'obsolete' is not one of")])

    def test_bad_constant_name(self):
        lines, n = self.mutate("486,", 5, "busy-here")
        self.refuse(lines, [(n, "constant name 'busy-here' is not")])

    def test_constant_name_starting_with_digit(self):
        lines, n = self.mutate("486,", 5, "9_BUSY")
        self.refuse(lines, [(n, "constant name '9_BUSY' is not")])

    def test_duplicate_constant_name(self):
        lines, n = self.mutate("600,", 5, "BUSY_HERE")
        self.refuse(lines, [(n, "constant name BUSY_HERE already used at")])

    def test_reserved_constant_name(self):
        lines, n = self.mutate("486,", 5, "CLASS_BUSY")
        self.refuse(lines, [(n, "constant name 'CLASS_BUSY' is reserved")])

    def test_bad_reference(self):
        lines, n = self.mutate("486,", 3, "RFC 3261")
        self.refuse(lines, [(n, "reference 'RFC 3261' is not of the form RFC1234")])

    def test_empty_reference_of_a_registered_code(self):
        lines, n = self.mutate("486,", 3, "")
        self.refuse(lines, [(n, "only a local code may leave it empty")])

    def test_unterminated_quote(self):
        lines = codes_lines()
        n = line_of(lines, "486,")
        lines[n - 1] = lines[n - 1].replace("Busy Here", '"Busy Here', 1)
        self.refuse(lines, [(n, "unterminated quote")])

    def test_bad_header(self):
        lines = codes_lines()
        n = line_of(lines, "code,")
        lines[n - 1] = lines[n - 1].replace("phrase", "reason")
        self.refuse(lines, [(n, "header must be code,phrase,")])

    def test_byte_order_mark(self):
        with open(CODES, "rb") as f:
            data = b"\xef\xbb\xbf" + f.read()
        self.refuse(None, [(1, "byte-order mark")], data=data)

    def test_control_character(self):
        lines, n = self.mutate("486,", 1, "Busy\x01Here")
        self.refuse(lines, [(n, "control character")])

    def test_every_error_is_reported(self):
        lines, n1 = self.mutate("100,", 0, "99")
        n2 = line_of(lines, "486,")
        lines[n2 - 1] = replace_field(lines[n2 - 1], 4, "obsolete")
        n3 = line_of(lines, "603,")
        lines[n3 - 1] = lines[n3 - 1] + ",extra"
        stderr = self.refuse(lines, [(n1, "code '99'"), (n2, "status 'obsolete'"),
                                     (n3, "10 columns")])
        self.assertIn("3 problems; nothing was written", stderr)

    def test_missing_file(self):
        result = run_gen(os.path.join(self.tmp, "absent.csv"), subprocess_run=True)
        self.assertEqual(result.returncode, 1)
        self.assertIn("absent.csv:0: cannot read", result.stderr)
        self.assertNotIn("Traceback", result.stderr)
        self.assertEqual(snapshot(), self.before)


CONSIDERED_HEADER = "code,phrase,source,resolves,reason,detail"


class BrokenConsidered(unittest.TestCase):
    """phrases-considered.csv beside a copy of codes.csv, broken one way per
    case: the message names that file and line, and nothing is written."""

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="sipcode-gen-considered-")
        self.codes = os.path.join(self.tmp, "codes.csv")
        shutil.copy(CODES, self.codes)
        self.path = os.path.join(self.tmp, "phrases-considered.csv")
        self.before = snapshot()

    def tearDown(self):
        shutil.rmtree(self.tmp)

    def refuse(self, rows, expected):
        """rows follow a comment and the header, so rows[i] is on line i + 3;
        expected is a list of (index into rows, text)."""
        write_lines(self.path, ["# considered", CONSIDERED_HEADER] + rows)
        result = run_gen(self.codes)
        self.assertEqual(result.returncode, 1, result.stdout + result.stderr)
        self.assertNotIn("Traceback", result.stderr)
        for index, text in expected:
            prefix = "%s:%d: " % (self.path, index + 3)
            hits = [m for m in result.stderr.splitlines() if m.startswith(prefix) and text in m]
            self.assertTrue(hits, "no message %r%s... in:\n%s" % (prefix, text, result.stderr))
        self.assertIn("nothing was written", result.stderr)
        self.assertEqual(snapshot(), self.before, "a generated file changed")
        return result.stderr

    def test_alias_that_is_also_rejected(self):
        self.refuse(["404,Not here,kamailio,0,generic,"],
                    [(0, "'Not here' is both a spelling of 404")])

    def test_canonical_phrase_that_is_also_rejected(self):
        self.refuse(["486,Busy Here,seed,0,generic,"],
                    [(0, "'Busy Here' is both a spelling of 486")])

    def test_rejected_phrase_that_resolves_anyway(self):
        self.refuse(["404,NOT-HERE,kamailio,0,generic,"],
                    [(0, "'NOT-HERE' is rejected for 404 but resolves to it anyway "
                         "through 'Not here'")])

    def test_resolves_column_must_agree(self):
        self.refuse(["502,Service Unavailable,seed,0,wrong-code,",
                     "502,Gateway Down,seed,503,generic,"],
                    [(0, "'Service Unavailable' resolves to 503, not 0"),
                     (1, "'Gateway Down' resolves to 0, not 503")])

    def test_resolves_to_own_code(self):
        self.refuse(["502,Gateway Down,seed,502,generic,"],
                    [(0, "resolves 502 is the row's own code")])

    def test_ambiguous_needs_a_second_code(self):
        self.refuse(["403,Gone Fishing,kamailio,0,ambiguous,",
                     "405,Out Sailing,kamailio,0,ambiguous,",
                     "403,Out Sailing,kamailio,0,ambiguous,",
                     "403,out-sailing,opensips,0,ambiguous,"],
                    [(0, "'Gone Fishing' is called ambiguous but no other row"),
                     (3, "'out-sailing' on 403 repeats 'Out Sailing' at line 5")])

    def test_every_broken_row_is_reported(self):
        stderr = self.refuse(["4O4,Gone Fishing,kamailio,0,generic,",
                              "404,Gone Hiking,nobody,0,generic,",
                              "404,Gone Sailing,kamailio,0,boring,",
                              "404,Gone Skiing,kamailio,0,generic",
                              "404, ,kamailio,0,generic,",
                              "404,Gone Diving,,x,generic,"],
                             [(0, "code '4O4' is not"), (1, "source 'nobody' is not declared by a"),
                              (2, "reason 'boring' is not one of"), (3, "5 columns, expected 6"),
                              (4, "phrase ' ' is empty"), (5, "source is empty"),
                              (5, "resolves 'x' is neither 0 nor a code")])
        self.assertIn("7 problems; nothing was written", stderr)

    def test_bad_header(self):
        write_lines(self.path, ["code,phrase,source,reason"])
        result = run_gen(self.codes)
        self.assertEqual(result.returncode, 1)
        self.assertIn("%s:1: header must be %s" % (self.path, CONSIDERED_HEADER), result.stderr)
        self.assertEqual(snapshot(), self.before)

    @unittest.skipUnless(HAVE_GPERF, "gperf not installed")
    def test_good_rows_reach_the_test_data(self):
        out = os.path.join(self.tmp, "out")
        for sub in ("include", "src", "tests"):
            os.makedirs(os.path.join(out, sub))
        write_lines(self.path, ["# considered", CONSIDERED_HEADER,
                                "502,Service Unavailable,seed,503,wrong-code,the seed's mistake",
                                "182,\"Queued, id=%d\",avaya,0,data,"])
        result = run_gen("--outdir", out, self.codes)
        self.assertEqual(result.returncode, 0, result.stderr)
        with open(os.path.join(out, "tests", "considered.inc")) as f:
            text = f.read()
        self.assertIn('{ .line = 3, .phrase = "Service Unavailable", .code = 502, '
                      '.resolves = 503, .reason = "wrong-code" },', text)
        self.assertIn('{ .line = 4, .phrase = "Queued, id=%d", .code = 182, .resolves = 0, '
                      '.reason = "data" },', text)


class RefuseChecks:
    """For a TestCase that breaks a copy of one CSV a line at a time and
    expects FILE:LINE messages: names the generator (GEN), the CSV (SOURCE),
    the arguments after it (EXTRA) and the committed files a refused run must
    leave as they were (COMMITTED)."""
    EXTRA = []

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="sipcode-refuse-test-")
        self.path = os.path.join(self.tmp, os.path.basename(self.SOURCE))
        with open(self.SOURCE, newline="") as f:
            self.lines = f.read().split("\n")
        self.before = snapshot(self.COMMITTED)

    def tearDown(self):
        shutil.rmtree(self.tmp)

    def replace(self, prefix, new):
        """Replace the first line starting with prefix; returns its number."""
        n = line_of(self.lines, prefix)
        self.lines[n - 1] = new
        return n

    def refuse(self, expected):
        """expected: (line, text) pairs that must each appear as FILE:LINE: ...text."""
        with open(self.path, "wb") as f:
            f.write("\n".join(self.lines).encode("latin-1"))
        result = run_gen(self.path, *self.EXTRA, gen=self.GEN)
        self.assertEqual(result.returncode, 1, result.stdout + result.stderr)
        self.assertNotIn("Traceback", result.stderr)
        for line, text in expected:
            prefix = "%s:%d: " % (self.path, line)
            self.assertTrue([m for m in result.stderr.splitlines()
                             if m.startswith(prefix) and text in m],
                            "no message %r%s... in:\n%s" % (prefix, text, result.stderr))
        self.assertIn("nothing was written", result.stderr)
        self.assertEqual(snapshot(self.COMMITTED), self.before, "a generated file changed")
        return result.stderr

    def test_missing_file(self):
        result = run_gen(os.path.join(self.tmp, "absent.csv"), *self.EXTRA, gen=self.GEN)
        self.assertEqual(result.returncode, 1)
        self.assertIn("absent.csv:0: cannot read", result.stderr)
        self.assertNotIn("Traceback", result.stderr)
        self.assertEqual(snapshot(self.COMMITTED), self.before)


class RegenerateChecks:
    """Checks every generator's output must pass, for a TestCase that names
    the generator (GEN), its arguments (ARGS), its outputs (OUTPUTS) and the
    start of their banner (BANNER)."""

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="sipcode-gen-out-")
        for sub in sorted({os.path.dirname(rel) for rel in self.OUTPUTS}):
            os.makedirs(os.path.join(self.tmp, sub))

    def tearDown(self):
        shutil.rmtree(self.tmp)

    def regen(self, subprocess_run=False):
        return run_gen("--outdir", self.tmp, *self.ARGS, gen=self.GEN,
                       subprocess_run=subprocess_run)

    def test_committed_files_are_current(self):
        """Regenerating from the CSV, through the command line, gives the
        committed bytes."""
        result = self.regen(subprocess_run=True)
        self.assertEqual(result.returncode, 0, result.stderr)
        for rel in self.OUTPUTS:
            with open(os.path.join(ROOT, rel), "rb") as a, \
                    open(os.path.join(self.tmp, rel), "rb") as b:
                self.assertEqual(a.read(), b.read(), "%s is stale: run make regen" % rel)

    def test_unchanged_outputs_are_not_rewritten(self):
        self.assertEqual(self.regen().returncode, 0)
        before = {rel: os.stat(os.path.join(self.tmp, rel)).st_mtime_ns for rel in self.OUTPUTS}
        result = self.regen()
        self.assertIn("no file changed", result.stdout)
        after = {rel: os.stat(os.path.join(self.tmp, rel)).st_mtime_ns for rel in self.OUTPUTS}
        self.assertEqual(before, after)

    def test_no_absolute_path_in_output(self):
        self.assertEqual(self.regen().returncode, 0)
        for rel in self.OUTPUTS:
            with open(os.path.join(self.tmp, rel)) as f:
                text = f.read()
            self.assertNotIn(ROOT, text)
            self.assertNotIn(self.tmp, text)
            self.assertTrue(text.startswith(self.BANNER), rel)


@unittest.skipUnless(HAVE_GPERF, "gperf not installed: regeneration tests skipped")
class Regenerate(RegenerateChecks, unittest.TestCase):
    GEN, ARGS, OUTPUTS = GEN, [CODES] + EXTRA_CODES, GENERATED
    BANNER = "/* SPDX-License-Identifier: MIT\n * Generated by gen/sipcode_gen.py from codes.csv"

    def fake_gperf(self, body):
        path = os.path.join(self.tmp, "gperf")
        with open(path, "w") as f:
            f.write("#!/bin/sh\n" + body)
        os.chmod(path, 0o755)
        return path

    def test_wrong_gperf_version_is_refused(self):
        before = snapshot()
        gperf = self.fake_gperf('echo "GNU gperf 3.0.4"\n')
        result = run_gen("--gperf", gperf, CODES)
        self.assertEqual(result.returncode, 1)
        self.assertIn("GNU gperf 3.1", result.stderr)
        self.assertEqual(snapshot(), before)

    def test_failing_gperf_writes_nothing(self):
        before = snapshot()
        gperf = self.fake_gperf('[ "$1" = --version ] && { echo "GNU gperf 3.1"; exit 0; }\n'
                                'echo "gperf: out of luck" >&2; exit 1\n')
        result = run_gen("--gperf", gperf, CODES)
        self.assertEqual(result.returncode, 1)
        self.assertIn("out of luck", result.stderr)
        self.assertEqual(snapshot(), before)

    def test_missing_gperf_writes_nothing(self):
        before = snapshot()
        result = run_gen("--gperf", os.path.join(self.tmp, "no-such-gperf"), CODES)
        self.assertEqual(result.returncode, 1)
        self.assertIn("cannot run", result.stderr)
        self.assertNotIn("Traceback", result.stderr)
        self.assertEqual(snapshot(), before)

    @unittest.skipUnless(HAVE_GPERF, "needs gperf")
    def test_slot_past_the_entries_is_refused(self):
        """A slot table that sent some hash value past the entries (the
        lookup reads entry e + 1 of whatever entry it is given) stops the
        generator with nothing written."""
        import phrase_hash
        real = phrase_hash.slot_encoding

        def overshoot(first, max_hash):
            mul, shift, pad, slots = real(first, max_hash)
            return mul, shift, pad, slots[:-1] + [slots[-1] + len(first) + pad + 1]
        before = snapshot()
        phrase_hash.slot_encoding = overshoot
        try:
            result = run_gen("--gperf", GPERF, CODES)
        finally:
            phrase_hash.slot_encoding = real
        self.assertEqual(result.returncode, 1)
        self.assertIn("past the", result.stderr)
        self.assertEqual(snapshot(), before)


class Changes(unittest.TestCase):
    """gen/changes.py: what an upgrade changes in the library's answers."""

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="sipcode-gen-changes-")

    def tearDown(self):
        shutil.rmtree(self.tmp)

    def changes(self, lines):
        path = write_lines(os.path.join(self.tmp, "new.csv"), lines)
        before = snapshot()
        result = run_gen("--old", CODES, path, gen=CHANGES)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(snapshot(), before, "changes.py wrote a file")
        return result.stdout.splitlines()

    def test_same_table_has_no_change(self):
        self.assertEqual(self.changes(codes_lines()), ["no change"])

    def test_every_kind_of_change_is_listed(self):
        lines = codes_lines()
        set_field(lines, "486,", 1, "Busy Here Now")
        set_field(lines, "202,", 4, "current")
        del lines[line_of(lines, "411,") - 1]
        n = line_of(lines, "#@registry-date")
        lines[n - 1] = "#@registry-date 2027-01-31"
        self.assertEqual(self.changes(lines), [
            "registry date %s -> 2027-01-31" % registry_date(),
            "~ 202 status 'deprecated' -> 'current'",
            "- 411 Length Required (RFC2543, historic)",
            "~ 486 phrase 'Busy Here' -> 'Busy Here Now'",
            "~ 486 constant 'SIPCODE_BUSY_HERE' -> 'SIPCODE_BUSY_HERE_NOW'",
            "- spelling 'Busy Here' (was 486)",
            "+ spelling 'Busy Here Now' -> 486",
            "- spelling 'Length Required' (was 411)"])

    def test_spelling_moved_to_another_code(self):
        lines = codes_lines()
        aliases = next(csv.reader([lines[line_of(lines, "486,") - 1]]))[7].split(" | ")
        set_field(lines, "486,", 7, " | ".join(a for a in aliases if not a.startswith("Busy [")))
        set_field(lines, "600,", 7, "Busy [seed]")
        self.assertEqual(self.changes(lines), ["~ spelling 'Busy' 486 -> 600"])

    def test_broken_new_table_is_reported(self):
        lines = codes_lines()
        n = set_field(lines, "486,", 4, "obsolete")
        path = write_lines(os.path.join(self.tmp, "new.csv"), lines)
        result = run_gen("--old", CODES, path, gen=CHANGES)
        self.assertEqual(result.returncode, 1)
        self.assertIn("%s:%d: status 'obsolete'" % (path, n), result.stderr)


class ReservedNames(unittest.TestCase):
    """A row's constant may not take a name the API has or may add: the names
    of the hand-written headers and their families, read from the headers."""

    def test_header_names_and_their_families_are_reserved(self):
        api = sipcode_gen.api_names()
        for name in ("CLASS_BUSY", "STANDING_BUSY", "IS_BUSY", "E_BUSY", "FLAG_BUSY",
                     "MAY_BUSY", "STATUS_BUSY", "Q850_BUSY", "H", "VERSION", "VERSION_MAJOR",
                     "VERSION_NUMBER", "CODES_H", "COUNT", "LOCAL_COUNT", "PHRASE_MAX",
                     "REGISTRY_DATE"):
            self.assertTrue(sipcode_gen.reserved(name, api), name)

    def test_a_family_whose_word_is_a_name_is_free(self):
        """SIPCODE_VERSION is a name, so VERSION_ is no family: 505's constant is free."""
        api = sipcode_gen.api_names()
        self.assertIn("VERSION", api)
        for name in ("VERSION_NOT_SUPPORTED", "BUSY_HERE", "DECLINE"):
            self.assertFalse(sipcode_gen.reserved(name, api), name)

    def test_a_new_header_name_reserves_its_family(self):
        self.assertFalse(sipcode_gen.reserved("BUSY_HERE", {"CLASS_NONE"}))
        self.assertTrue(sipcode_gen.reserved("BUSY_HERE", {"CLASS_NONE", "BUSY_MAX"}))


def main(runner):
    """Run the tests of the calling __main__ module; exit status 0 or 1."""
    result = unittest.main(exit=False, verbosity=1).result
    failed = len(result.failures) + len(result.errors)
    print("%s: %d passed, %d failed, %d skipped"
          % (runner, result.testsRun - failed - len(result.skipped), failed, len(result.skipped)))
    return 1 if failed or not result.wasSuccessful() else 0


if __name__ == "__main__":
    sys.exit(main("test_gen"))
