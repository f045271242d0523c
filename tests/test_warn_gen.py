#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Tests of gen/warn_gen.py and warn-codes.csv: the CSV equals the IANA
"Warning Codes (warn-codes)" registry (sip-parameters-5) in the copy of
IANA's XML in tests/data, counts and date taken from the XML; a broken CSV
is refused with warn-codes.csv:LINE messages and leaves every committed
generated file as it was; the good one regenerates exactly the committed files.

    python3 tests/test_warn_gen.py     (from anywhere; exits 0 or 1)
"""

import csv
import os
import shutil
import sys
import tempfile
import unittest
import xml.etree.ElementTree as ET

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
sys.dont_write_bytecode = True  # keep the tree as git has it
sys.path.insert(0, os.path.join(ROOT, "tests"))
import test_gen as common  # noqa: E402  (the helpers of gen/sipcode_gen.py's tests)

GEN = os.path.join(ROOT, "gen", "warn_gen.py")
WARN = os.path.join(ROOT, "warn-codes.csv")
XML = os.path.join(ROOT, "tests", "data", "sip-parameters.xml")
NS = "{http://www.iana.org/assignments}"
OURS = ["include/sipcode_warn.h", "src/warn_table.inc", "tests/warn_expected.inc"]
COMMITTED = OURS + common.GENERATED


def lines_of(path):
    with open(path, newline="") as f:
        return f.read().split("\n")


def csv_rows():
    """(code, text, reference) of warn-codes.csv, comments skipped."""
    data = [l for l in lines_of(WARN) if l and not l.startswith("#")]
    return [tuple(r) for r in csv.reader(data[1:])]


def registry():
    """The registry's records as (code, name, reference) and the file's date."""
    root = ET.parse(XML).getroot()
    reg = [r for r in root.iter(NS + "registry") if r.get("id") == "sip-parameters-5"]
    assert len(reg) == 1, "sip-parameters-5 not found once in %s" % XML
    records = []
    for rec in reg[0].findall(NS + "record"):
        description = " ".join("".join(rec.find(NS + "description").itertext()).split())
        refs = [x.get("data") for x in rec.findall(NS + "xref") if x.get("type") == "rfc"]
        records.append((rec.find(NS + "value").text.strip(), description.split(":")[0],
                        refs[0].upper() if refs else "RFC3261"))
    return records, root.find(NS + "updated").text.strip()


class AgainstRegistry(unittest.TestCase):
    def test_rows_equal_the_registry(self):
        records, _ = registry()
        self.assertGreater(len(records), 0)
        self.assertEqual(csv_rows(), records)

    def test_registry_date_is_the_xml_date(self):
        _, updated = registry()
        dates = [l.split()[1] for l in lines_of(WARN) if l.startswith("#@registry-date")]
        self.assertEqual(dates, [updated], "warn-codes.csv was checked against another XML")

    def test_count_constant_follows_the_registry(self):
        records, _ = registry()
        with open(os.path.join(ROOT, "include", "sipcode_warn.h")) as f:
            header = f.read()
        self.assertIn("#define SIPCODE_WARN_COUNT %d\n" % len(records), header)
        for code, _, _ in records:
            self.assertRegex(header, r"#define SIPCODE_WARN_[A-Z0-9_]+ %s\n" % code)


class BrokenCsv(common.RefuseChecks, unittest.TestCase):
    GEN, SOURCE, COMMITTED = GEN, WARN, COMMITTED

    def test_code_outside_3xx(self):
        n = self.replace("399,", "499,Miscellaneous warning,RFC3261")
        self.refuse([(n, "code '499' is not a warn-code in 300..399")])

    def test_code_not_digits(self):
        n = self.replace("399,", "39x,Miscellaneous warning,RFC3261")
        self.refuse([(n, "code '39x' is not a warn-code")])

    def test_duplicate_code(self):
        first = common.line_of(self.lines, "300,")
        n = self.replace("399,", "300,Miscellaneous warning,RFC3261")
        self.refuse([(n, "code 300 already at line %d" % first)])

    def test_empty_text(self):
        n = self.replace("399,", "399,,RFC3261")
        self.refuse([(n, "text '' is empty")])

    def test_padded_text(self):
        n = self.replace("399,", "399,Miscellaneous warning ,RFC3261")
        self.refuse([(n, "padded")])

    def test_non_ascii_text(self):
        n = self.replace("399,", "399,Miscellan\xe9ous warning,RFC3261")
        self.refuse([(n, "is not ASCII")])

    def test_bad_reference(self):
        n = self.replace("399,", "399,Miscellaneous warning,3261")
        self.refuse([(n, "reference '3261' is not RFC<number>")])

    def test_two_texts_one_name(self):
        first = common.line_of(self.lines, "381,")
        n = self.replace("399,", "399,SIPS-Required,RFC3261")
        self.refuse([(n, "makes the constant SIPCODE_WARN_SIPS_REQUIRED, as line %d does" % first)])

    def test_no_registry_date(self):
        self.replace("#@registry-date", "# no date")
        self.refuse([(1, "no '#@registry-date YYYY-MM-DD' line")])

    def test_bad_registry_date(self):
        n = self.replace("#@registry-date", "#@registry-date 17.08.2026")
        self.refuse([(n, "registry-date '17.08.2026' is not YYYY-MM-DD")])

    def test_bad_header(self):
        n = self.replace("code,", "code,phrase,reference")
        self.refuse([(n, "header must be code,text,reference")])

    def test_wrong_column_count(self):
        n = self.replace("399,", "399,Miscellaneous warning,RFC3261,x")
        self.refuse([(n, "4 columns, expected 3")])

    def test_every_error_is_reported(self):
        n1 = self.replace("300,", "200,Incompatible network protocol,RFC3261")
        n2 = self.replace("399,", "399,Miscellaneous warning,rfc3261")
        stderr = self.refuse([(n1, "code '200'"), (n2, "reference 'rfc3261'")])
        self.assertIn("2 problems; nothing was written", stderr)


class ReservedPrefix(unittest.TestCase):
    """A row of codes.csv may not take the prefix of the Warning constants
    (or of the other tables' constants): SIPCODE_WARN_... would clash."""

    def test_code_named_like_a_warning(self):
        tmp = tempfile.mkdtemp(prefix="sipcode-warn-test-")
        try:
            lines = common.codes_lines()
            n = common.set_field(lines, "486,", 5, "WARN_BUSY")
            path = common.write_lines(os.path.join(tmp, "codes.csv"), lines)
            result = common.run_gen("--outdir", tmp, path)
            self.assertEqual(result.returncode, 1)
            self.assertIn("%s:%d: constant name 'WARN_BUSY' is reserved by the API" % (path, n),
                          result.stderr)
        finally:
            shutil.rmtree(tmp)


class Regenerate(common.RegenerateChecks, unittest.TestCase):
    GEN, ARGS, OUTPUTS = GEN, [WARN], OURS
    BANNER = ("/* SPDX-License-Identifier: MIT\n"
              " * Generated by gen/warn_gen.py from warn-codes.csv (make regen). Do not edit.\n")


if __name__ == "__main__":
    unittest.main(verbosity=1)
