#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Tests of gen/q850_gen.py: a broken q850.csv is refused with q850.csv:LINE
messages and leaves every committed generated file byte-for-byte as it was;
the good one regenerates exactly the committed files; q850.csv's RFC rows
and cause names agree with the reference copies in tests/data.

    python3 tests/test_q850_gen.py     (from anywhere; exits 0 or 1)
"""

import csv
import os
import shutil
import sys
import tempfile
import unittest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
sys.dont_write_bytecode = True  # keep the tree as git has it
sys.path.insert(0, os.path.join(ROOT, "tests"))
import test_gen as common  # noqa: E402  (the helpers of gen/sipcode_gen.py's tests)

GEN = os.path.join(ROOT, "gen", "q850_gen.py")
Q850 = os.path.join(ROOT, "q850.csv")
CODES = os.path.join(ROOT, "codes.csv")
DATA = os.path.join(ROOT, "tests", "data")
OURS = ["src/q850_table.inc", "tests/q850_expected.inc", "cli/q850_notes.inc"]
# A failed run must not touch the other generator's files either.
COMMITTED = OURS + common.GENERATED
line_of = common.line_of


def snapshot():
    return common.snapshot(COMMITTED)


def run_gen(*args):
    return common.run_gen(*args, gen=GEN)


def lines_of(path):
    with open(path, newline="") as f:
        return f.read().split("\n")


def data_rows(path):
    """(line number, row dict) of q850.csv, comments skipped."""
    lines = lines_of(path)
    numbered = [(i + 1, l) for i, l in enumerate(lines) if l and not l.startswith("#")]
    header = next(csv.reader([numbered[0][1]]))
    return [(n, dict(zip(header, next(csv.reader([l]))))) for n, l in numbered[1:]]


class BrokenCsv(unittest.TestCase):
    """Each case breaks a copy of q850.csv (or codes.csv) one way and names
    the line it expects in the message."""

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="sipcode-q850-test-")
        self.path = os.path.join(self.tmp, "q850.csv")
        self.lines = lines_of(Q850)
        self.before = snapshot()

    def tearDown(self):
        shutil.rmtree(self.tmp)

    def refuse(self, expected, lines=None, data=None, codes=CODES, path=None):
        """Run the generator on the tree with the broken file; expected is a
        list of (line, text) that must each appear as 'FILE:LINE: ...text'."""
        path = path or self.path
        if data is None:
            data = "\n".join(self.lines if lines is None else lines).encode("latin-1")
        with open(self.path, "wb") as f:
            f.write(data)
        result = run_gen(self.path, codes)
        self.assertEqual(result.returncode, 1, result.stdout + result.stderr)
        self.assertNotIn("Traceback", result.stderr)
        for line, text in expected:
            prefix = "%s:%d: " % (path, line)
            hits = [m for m in result.stderr.splitlines() if m.startswith(prefix) and text in m]
            self.assertTrue(hits, "no message %r%s... in:\n%s" % (prefix, text, result.stderr))
        self.assertIn("nothing was written", result.stderr)
        self.assertEqual(snapshot(), self.before, "a generated file changed")
        return result.stderr

    def replace(self, prefix, new):
        """Replace the first line starting with prefix; returns its number."""
        n = line_of(self.lines, prefix)
        self.lines[n - 1] = new
        return n

    def test_cause_0(self):
        n = self.replace("name,1,", "name,0,,,Not a cause,q850,")
        self.refuse([(n, "cause '0' is not a number in 1..127")])

    def test_cause_128(self):
        n = self.replace("cause-to-sip,17,", "cause-to-sip,128,486,,,rfc3398-7.2.4.1,")
        self.refuse([(n, "cause '128' is not a number in 1..127")])

    def test_cause_not_a_number(self):
        n = self.replace("sip-to-cause,17,486,", "sip-to-cause,x17,486,,,rfc3398-8.2.6.1,")
        self.refuse([(n, "cause 'x17' is not a number in 1..127 or 'none'")])

    def test_unknown_sip_code(self):
        n = self.replace("sip-to-cause,17,486,", "sip-to-cause,17,499,,,rfc3398-8.2.6.1,")
        self.refuse([(n, "code 499 is not in codes.csv")])

    def test_code_not_a_code(self):
        n = self.replace("cause-to-sip,17,", "cause-to-sip,17,4860,,,rfc3398-7.2.4.1,")
        self.refuse([(n, "code '4860' is not a SIP status code or 'none'")])

    def test_provisional_code_has_no_cause(self):
        n = self.replace("sip-to-cause,17,486,", "sip-to-cause,17,180,,,rfc3398-8.2.6.1,")
        self.refuse([(n, "code 180: a sip-to-cause row needs a code in 400..699")])

    def test_success_is_not_an_answer_to_a_release(self):
        n = self.replace("cause-to-sip,17,", "cause-to-sip,17,200,,,rfc3398-7.2.4.1,")
        self.refuse([(n, "code 200: a cause-to-sip row needs a code in 300..699")])

    def test_no_status_needs_a_note(self):
        """The tool prints a no-status row's note; an empty or overlong one
        is refused."""
        n = self.replace("cause-to-sip,16,none,", "cause-to-sip,16,none,,,rfc3398-7.2.4.1,")
        m = self.replace("cause-to-sip,44,none,", "cause-to-sip,44,none,,,rfc3398-7.2.4.1," + "x" * 97)
        self.refuse([(n, "a row with code 'none' needs a note of 1..96 characters"),
                     (m, "a row with code 'none' needs a note of 1..96 characters")])

    def test_duplicate_row(self):
        n = line_of(self.lines, "sip-to-cause,17,486,")
        self.lines.insert(n, self.lines[n - 1])
        self.refuse([(n + 1, "code 486 already maps to a cause at %s:%d" % (self.path, n))])

    def test_duplicate_cause_with_another_status(self):
        n = line_of(self.lines, "cause-to-sip,17,")
        self.lines.insert(n, "cause-to-sip,17,600,,,rfc3398-7.2.4.1,")
        self.refuse([(n + 1, "cause 17 already maps to a status at")])

    def test_duplicate_name(self):
        n = line_of(self.lines, "name,17,")
        self.lines.insert(n, "name,17,,,Busy,q850,")
        self.refuse([(n + 1, "cause 17 already has a name at")])

    def test_rfc_typo_as_printed(self):
        """The RFC's '504 Version Not Supported -> 127', taken literally."""
        n = self.replace("sip-to-cause,127,505,", "sip-to-cause,127,504,,,rfc3398-8.2.6.1,")
        self.refuse([(n, "code 504 already maps to a cause at")])

    def test_bad_column_count(self):
        n = self.replace("sip-to-cause,17,486,", "sip-to-cause,17,486,,,rfc3398-8.2.6.1")
        self.refuse([(n, "6 columns, expected 7 (kind,cause,code,when,name,source,note)")])

    def test_unterminated_quote(self):
        n = self.replace("name,17,", 'name,17,,,"User busy,q850,')
        self.refuse([(n, "unterminated quote")])

    def test_non_ascii(self):
        n = self.replace("name,17,", "name,17,,,User b\xfcsy,q850,")
        self.refuse([(n, "byte 0xFC at column 17 is not ASCII")])

    def test_unknown_kind(self):
        n = self.replace("name,17,", "label,17,,,User busy,q850,")
        self.refuse([(n, "kind 'label' is not one of name, cause-to-sip, sip-to-cause")])

    def test_unknown_condition(self):
        n = self.replace("cause-to-sip,21,603,", "cause-to-sip,21,603,location-network,,"
                         "rfc3398-7.2.4.1,")
        self.refuse([(n, "when 'location-network' is not one of location-user, new-number")])

    def test_condition_without_plain_row(self):
        n = self.replace("cause-to-sip,21,403,", "# removed")
        m = line_of(self.lines, "cause-to-sip,21,603,")
        self.assertEqual(m, n + 1)
        self.refuse([(m, "cause 21 has a 'location-user' row but no row without a condition")])

    def test_flag_without_row(self):
        self.replace("cause-to-sip,22,301,", "# removed")
        self.refuse([(1, "no cause-to-sip row has when 'new-number', so the flag "
                         "SIPCODE_Q850_NEW_NUMBER would do nothing")])

    def test_column_of_another_kind(self):
        n = self.replace("sip-to-cause,17,486,", "sip-to-cause,17,486,new-number,,"
                         "rfc3398-8.2.6.1,")
        self.refuse([(n, "a sip-to-cause row leaves when empty")])

    def test_missing_default(self):
        self.replace("sip-to-cause,31,*,", "# removed")
        self.refuse([(1, "no sip-to-cause row with code '*'")])

    def test_default_of_none(self):
        n = self.replace("cause-to-sip,*,", "cause-to-sip,*,none,,,rfc3398-7.2.4.1,")
        self.refuse([(n, "the default row ('*') needs a code")])

    def test_undeclared_source(self):
        n = self.replace("name,17,", "name,17,,,User busy,q931,")
        self.refuse([(n, "source 'q931' is not declared by a '#@source' line")])

    def test_empty_name(self):
        n = self.replace("name,17,", "name,17,,,,q850,")
        self.refuse([(n, "name '' is empty")])

    def test_cause_without_name(self):
        n = self.replace("cause-to-sip,17,", "cause-to-sip,10,486,,,rfc3398-7.2.4.1,")
        self.refuse([(n, "cause 10 has no name row")])

    def test_bad_header(self):
        n = self.replace("kind,", "kind,cause,status,when,name,source,note")
        self.refuse([(n, "header must be kind,cause,code,when,name,source,note")])

    def test_every_error_is_reported(self):
        n1 = self.replace("name,1,", "name,0,,,Not a cause,q850,")
        n2 = self.replace("sip-to-cause,17,486,", "sip-to-cause,17,499,,,rfc3398-8.2.6.1,")
        n3 = self.replace("cause-to-sip,17,", "cause-to-sip,17,486,,,rfc3398-7.2.4.1,,")
        stderr = self.refuse([(n1, "cause '0'"), (n2, "code 499"), (n3, "8 columns")])
        self.assertIn("3 problems; nothing was written", stderr)

    def test_broken_codes_csv(self):
        codes = lines_of(CODES)
        n = line_of(codes, "486,")
        codes[n - 1] = codes[n - 1].replace("486,", "4860,", 1)
        broken = os.path.join(self.tmp, "codes.csv")
        with open(broken, "w") as f:
            f.write("\n".join(codes))
        with open(self.path, "w") as f:
            f.write("\n".join(self.lines))
        result = run_gen(self.path, broken)
        self.assertEqual(result.returncode, 1)
        self.assertIn("%s:%d: code '4860'" % (broken, n), result.stderr)
        # 486 is gone from codes.csv, so the rows that use it are refused too.
        self.assertIn("%s:%d: code 486 is not in codes.csv"
                      % (self.path, line_of(self.lines, "sip-to-cause,17,486,")), result.stderr)
        self.assertEqual(snapshot(), self.before)

    def test_missing_file(self):
        result = run_gen(os.path.join(self.tmp, "absent.csv"), CODES)
        self.assertEqual(result.returncode, 1)
        self.assertIn("absent.csv:0: cannot read", result.stderr)
        self.assertNotIn("Traceback", result.stderr)
        self.assertEqual(snapshot(), self.before)


class Regenerate(common.RegenerateChecks, unittest.TestCase):
    GEN, ARGS, OUTPUTS = GEN, [Q850, CODES], OURS
    BANNER = ("/* SPDX-License-Identifier: MIT\n"
              " * Generated by gen/q850_gen.py from q850.csv, codes.csv (make regen). "
              "Do not edit.\n")

    def test_no_bytecode_left_in_gen(self):
        """make regen must leave the tree as git has it."""
        cache = os.path.join(ROOT, "gen", "__pycache__")
        existed = os.path.exists(cache)
        self.assertEqual(self.regen().returncode, 0)
        self.assertEqual(os.path.exists(cache), existed)


class AgainstReference(unittest.TestCase):
    """q850.csv against the copies of the checked reference data in tests/data."""

    def setUp(self):
        self.rows = data_rows(Q850)

    def test_rfc_rows_equal_the_reference(self):
        with open(os.path.join(DATA, "rfc3398-cause-mapping.csv"), newline="") as f:
            ref = list(csv.DictReader(f))
        want = sorted((r["direction"], int(r["cause"]), int(r["code"])) for r in ref)
        direction = {"cause-to-sip": "cause_to_sip", "sip-to-cause": "sip_to_cause"}
        number = lambda text: 0 if text == "none" else int(text)
        got = sorted((direction[r["kind"]], number(r["cause"]), number(r["code"]))
                     for _, r in self.rows
                     if r["kind"] in direction and r["when"] == "" and "*" not in (r["cause"], r["code"]))
        self.assertEqual(len(want), 33 + 37)
        self.assertEqual(got, want)

    def test_conditions_follow_the_reference_notes(self):
        """The two flag rows restate the notes the reference keeps on 21 and 22."""
        with open(os.path.join(DATA, "rfc3398-cause-mapping.csv"), newline="") as f:
            notes = {int(r["cause"]): r["note"] for r in csv.DictReader(f)
                     if r["direction"] == "cause_to_sip"}
        conditioned = [(int(r["cause"]), r["code"]) for _, r in self.rows if r["when"]]
        self.assertEqual(conditioned, [(21, "603"), (22, "301")])
        for cause, code in conditioned:
            self.assertTrue(notes[cause].startswith(code), (cause, notes[cause]))

    def test_505_row_explains_the_correction(self):
        n, row = [(n, r) for n, r in self.rows if r["kind"] == "sip-to-cause"
                  and r["code"] == "505"][0]
        self.assertEqual(row["cause"], "127")
        self.assertIn("rfc4497", row["source"].split())
        self.assertIn("504", row["note"])
        comment = lines_of(Q850)[n - 2]
        self.assertTrue(comment.startswith("#"), "no comment above the 505 row")

    def test_names_equal_the_reference(self):
        with open(os.path.join(DATA, "q850-names.tsv"), newline="") as f:
            want = {int(r["cause"]): r["name"] for r in csv.DictReader(f, delimiter="\t")}
        got = {int(r["cause"]): r["name"] for _, r in self.rows if r["kind"] == "name"}
        self.assertEqual(len(want), 71)  # fixed by ITU-T Q.850, not by the SIP registry
        self.assertEqual(got, want)


if __name__ == "__main__":
    sys.exit(common.main("test_q850_gen"))
