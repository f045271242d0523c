#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Tests of gen/registry.py (make registry-check, make registry-update) on
small fixtures written here: every kind of difference, the exit statuses
0, 1 and 2, the lines an update leaves byte for byte, and the marking of a
code the registry dropped; and codes.csv against the registry copy in
tests/data, which make registry-update refreshes.

    python3 tests/test_registry.py     (from anywhere; exits 0 or 1)
"""

import io
import os
import shutil
import sys
import tempfile
import unittest
from contextlib import redirect_stdout

sys.dont_write_bytecode = True  # keep the tree as git has it
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from test_gen import CODES, ROOT, main, run_gen  # noqa: E402
sys.path.insert(0, os.path.join(ROOT, "gen"))
import registry  # noqa: E402
import sipcode_gen  # noqa: E402

TOOL = os.path.join(ROOT, "gen", "registry.py")
COPY = os.path.join(ROOT, "tests", "data", "sip-response-codes.xml")

# Enough rows for the generator to accept the table (the effective-code
# targets, 606 sharing 406's phrase), in the shapes the real file has:
# comments between rows, quoted fields, a row quoted where it need not be.
TABLE = """\
# A small table for the registry tests.
#@registry-date 2026-08-17
#@source seed a source
code,phrase,class,reference,status,name,shares_phrase_with,aliases,meaning
100,Trying,provisional,RFC3261,current,,,,"Next hop got it, stop retransmitting."
183,Session Progress,provisional,RFC3261,current,,,,Progress.
"200","OK",success,RFC3261,current,,,,Done.
202,Accepted,success,RFC6665,deprecated,,,,Treat as 200.
300,Multiple Choices,redirection,RFC3261,current,,,,Pick one.
400,Bad Request,client-error,RFC3261,current,,,,Malformed.
# 402: RFC 3261 reserves it; the registry does not say so.
402,Payment Required,client-error,RFC3261,reserved,,,,Reserved.
406,Not Acceptable,client-error,RFC3261,current,,,,Cannot produce it.
409,Conflict,client-error,RFC2543,historic,,,,RFC 2543 only.
412,Conditional Request Failed,client-error,RFC3903,current,,,Precondition Failed [seed],Stale tag.
486,Busy Here,client-error,RFC3261,current,,,Busy [seed],"Busy, try later."
500,Server Internal Error,server-error,RFC3261,current,,,,Failed.
600,Busy Everywhere,global-failure,RFC3261,current,,,,Busy everywhere.
606,Not Acceptable,global-failure,RFC3261,current,NOT_ACCEPTABLE_ANYWHERE,406,,Unacceptable.
"""

# The registry that matches TABLE: (value, description, rfc or None).
RECORDS = [("100", "Trying", None), ("183", "Session Progress", None), ("200", "OK", None),
           ("202", "Accepted (Deprecated)", "rfc6665"), ("300", "Multiple Choices", None),
           ("400", "Bad Request", None), ("402", "Payment Required", None),
           ("406", "Not Acceptable", None), ("412", "Conditional Request Failed", "rfc3903"),
           ("486", "Busy Here", None), ("500", "Server Internal Error", None),
           ("600", "Busy Everywhere", None), ("606", "Not Acceptable", None)]


def registry_xml(records=RECORDS, date="2026-08-17"):
    """A sip-parameters.xml holding a Warning Codes registry (which must be
    ignored) and the Response Codes registry."""
    xref = '      <xref type="rfc" data="%s"/>\n'
    recs = "".join('    <record>\n      <value>%s</value>\n      <description>%s</description>\n'
                   '%s    </record>\n' % (v, d, xref % x if x else "") for v, d, x in records)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<registry xmlns="http://www.iana.org/assignments" id="sip-parameters">\n'
            '  <title>Session Initiation Protocol (SIP) Parameters</title>\n'
            '  <updated>%s</updated>\n'
            '  <registry id="sip-parameters-5">\n    <title>Warning Codes</title>\n'
            '    <record><value>399</value><description>Miscellaneous warning</description>'
            '</record>\n'
            '  </registry>\n'
            '  <registry id="sip-parameters-7">\n    <title>Response Codes</title>\n'
            '    <note>All response codes below are defined by <xref type="rfc" data="rfc3261"/>'
            ' unless otherwise noted.</note>\n%s  </registry>\n</registry>\n' % (date, recs))


def edited(records, value, description=None, rfc=False):
    """records with one record changed (rfc False keeps the reference) or
    dropped (description None and rfc False)."""
    out = []
    for v, d, x in records:
        if v != value:
            out.append((v, d, x))
        elif description is not None or rfc is not False:
            out.append((v, d if description is None else description, x if rfc is False else rfc))
    return out


class Fixture(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="sipcode-registry-")
        self.csv = os.path.join(self.tmp, "codes.csv")
        self.xml = os.path.join(self.tmp, "sip-parameters.xml")
        self.write(self.csv, TABLE)

    def tearDown(self):
        shutil.rmtree(self.tmp)

    def write(self, path, text, mode="w"):
        with open(path, mode) as f:
            f.write(text)

    def read(self, path=None):
        with open(path or self.csv, "rb") as f:
            return f.read().decode("ascii")

    def run_tool(self, *args):
        """In-process: (exit status, stdout lines)."""
        out = io.StringIO()
        with redirect_stdout(out):
            status = registry.main(list(args))
        return status, out.getvalue().splitlines()

    def check(self, records=RECORDS, date="2026-08-17"):
        self.write(self.xml, registry_xml(records, date))
        return self.run_tool("check", self.xml, self.csv)

    def update(self, records, date="2026-08-17", *extra):
        self.write(self.xml, registry_xml(records, date))
        return self.run_tool("update", *extra, self.xml, self.csv)


class Check(Fixture):
    def test_matching_table(self):
        """402 reserved, 409 historic and codes without <xref> (RFC 3261)
        are no differences."""
        status, out = self.check()
        self.assertEqual(status, 0, out)
        self.assertEqual(out, ["%s matches the IANA registry of 2026-08-17 (%d codes)"
                               % (self.csv, len(RECORDS))])

    def assertDifference(self, records, line, date="2026-08-17"):
        status, out = self.check(records, date)
        self.assertEqual(status, 1, out)
        self.assertEqual(out, [line, "1 difference between %s and the IANA registry of %s (%s)"
                               % (self.csv, date, self.xml)])

    def test_added(self):
        self.assertDifference(RECORDS + [("609", "Tentative Reject", "rfc9999")],
                              "609 Tentative Reject: added (RFC9999, current)")

    def test_removed(self):
        self.assertDifference(edited(RECORDS, "486"), "486 Busy Here: not in the registry")

    def test_phrase(self):
        self.assertDifference(edited(RECORDS, "486", "Busy Over Here"),
                              "486 Busy Here: phrase Busy Here -> Busy Over Here")

    def test_reference(self):
        self.assertDifference(edited(RECORDS, "412", rfc="rfc9999"),
                              "412 Conditional Request Failed: reference RFC3903 -> RFC9999")

    def test_reference_that_is_not_an_rfc(self):
        self.write(self.xml, registry_xml().replace('data="rfc3903"', 'type="draft" data="draft-x"')
                   .replace('<xref type="rfc" type="draft"', '<xref type="draft"'))
        status, out = self.run_tool("check", self.xml, self.csv)
        self.assertEqual((status, out[0]), (1, "412 Conditional Request Failed: reference "
                                                "RFC3903 -> draft-x, which is not an RFC"))

    def test_newly_deprecated(self):
        self.assertDifference(edited(RECORDS, "486", "Busy Here (Deprecated)"),
                              "486 Busy Here: status current -> deprecated")

    def test_no_longer_deprecated(self):
        self.assertDifference(edited(RECORDS, "202", "Accepted"),
                              "202 Accepted: status deprecated -> current")

    def test_registered_historic_code(self):
        self.assertDifference(RECORDS + [("409", "Conflict", "rfc2543")],
                              "409 Conflict: status historic -> current")

    def test_date(self):
        self.assertDifference(RECORDS, "registry date 2026-08-17 -> 2027-01-31", "2027-01-31")

    def test_missing_meaning_is_a_note_not_a_difference(self):
        """The registry holds no meanings, and a row imported from it has
        none until someone writes one: a to-do listed, not a mismatch."""
        self.write(self.csv, TABLE.replace("Treat as 200.", ""))
        status, out = self.check()
        self.assertEqual(status, 0, out)
        self.assertIn('note: 202 Accepted has no meaning yet (the tool shows "no description yet")',
                      out)


class Unreadable(Fixture):
    def unreadable(self, text, message, path=None):
        if text is not None:
            self.write(self.xml, text)
        # In-process but for one case, which proves the command line.
        result = run_gen("check", path or self.xml, self.csv, gen=TOOL,
                         subprocess_run=text is None)
        self.assertEqual(result.returncode, 2, result.stdout + result.stderr)
        self.assertEqual(result.stdout, "")
        self.assertIn("registry: %s: %s" % (path or self.xml, message), result.stderr)

    def test_missing_file(self):
        self.unreadable(None, "cannot read: No such file or directory")

    def test_not_xml(self):
        self.unreadable(registry_xml()[:-20], "not well-formed XML")

    def test_no_response_codes_registry(self):
        self.unreadable(registry_xml().replace("sip-parameters-7", "sip-parameters-8"),
                        "no registry with id sip-parameters-7")

    def test_no_date(self):
        self.unreadable(registry_xml().replace("<updated>2026-08-17</updated>", ""),
                        "<updated> date '' is missing or not YYYY-MM-DD")

    def test_value_not_a_code(self):
        self.unreadable(registry_xml(RECORDS + [("7xx", "Unassigned", None)]),
                        "record '7xx' of sip-parameters-7: value is not a code in 100..699")

    def test_code_twice(self):
        self.unreadable(registry_xml(RECORDS + [("486", "Busy Here", None)]),
                        "record '486' of sip-parameters-7: code listed twice")

    def test_unreadable_table(self):
        self.write(self.xml, registry_xml())
        self.write(self.csv, TABLE.replace("#@registry-date 2026-08-17\n", ""))
        result = run_gen("check", self.xml, self.csv, gen=TOOL)
        self.assertEqual(result.returncode, 2)
        self.assertIn("%s:1: no '#@registry-date YYYY-MM-DD' line" % self.csv, result.stderr)


class Update(Fixture):
    def test_every_change_and_nothing_else(self):
        records = edited(edited(edited(RECORDS, "486", "Busy Over Here"), "412", rfc="rfc9999"),
                         "300", "Multiple Choices (Deprecated)")
        records += [("609", "Tentative Reject", "rfc9998"), ("101", "Early Try", "rfc9997")]
        status, out = self.update(records, "2027-01-31")
        self.assertEqual(status, 0, out)
        self.assertEqual(out, [
            "Table checked against the IANA SIP Response Codes registry of 2027-01-31:",
            "- registry date 2026-08-17 -> 2027-01-31",
            "- 101 Early Try: added (RFC9997, current); no meaning yet",
            "- 300 Multiple Choices: status current -> deprecated",
            "- 412 Conditional Request Failed: reference RFC3903 -> RFC9999",
            "- 486 Busy Here: phrase Busy Here -> Busy Over Here (constant SIPCODE_BUSY_HERE kept)",
            "- 609 Tentative Reject: added (RFC9998, current); no meaning yet"])
        trying = ('100,Trying,provisional,RFC3261,current,,,,'
                  '"Next hop got it, stop retransmitting."\n')
        expected = (TABLE.replace("#@registry-date 2026-08-17", "#@registry-date 2027-01-31")
                    .replace(trying, trying + "101,Early Try,provisional,RFC9997,current,,,,\n")
                    .replace("300,Multiple Choices,redirection,RFC3261,current,",
                             "300,Multiple Choices,redirection,RFC3261,deprecated,")
                    .replace("412,Conditional Request Failed,client-error,RFC3903,",
                             "412,Conditional Request Failed,client-error,RFC9999,")
                    .replace('486,Busy Here,client-error,RFC3261,current,,',
                             '486,Busy Over Here,client-error,RFC3261,current,BUSY_HERE,')
                    + "609,Tentative Reject,global-failure,RFC9998,current,,,,\n")
        self.assertEqual(self.read(), expected)
        self.assertEqual(self.check(records, "2027-01-31")[0], 0)
        table, _ = sipcode_gen.load([self.csv])
        self.assertEqual(table.errors, [], "make regen would refuse the updated table")

    def test_no_change_leaves_the_file_alone(self):
        before = os.stat(self.csv).st_mtime_ns
        status, out = self.update(RECORDS)
        self.assertEqual((status, out), (0, ["%s already matches the IANA registry of "
                                             "2026-08-17; nothing changed" % self.csv]))
        self.assertEqual(self.read(), TABLE)
        self.assertEqual(os.stat(self.csv).st_mtime_ns, before)

    def test_line_ends_are_kept(self):
        self.write(self.csv, TABLE.replace("\n", "\r\n"))
        self.assertEqual(self.update(edited(RECORDS, "412", rfc="rfc9999"))[0], 0)
        self.assertEqual(self.read(), TABLE.replace("RFC3903", "RFC9999").replace("\n", "\r\n"))

    def test_removed_code_is_marked_never_dropped(self):
        records = edited(RECORDS, "486")
        status, out = self.update(records, "2027-01-31")
        self.assertEqual(status, 0, out)
        self.assertIn("- 486 Busy Here: not in the registry; row kept and marked in codes.csv "
                      "for a person to decide", out)
        mark = ("# NOT IN THE IANA REGISTRY of 2027-01-31: drop the row below, or keep it with "
                "status historic, and delete this line\n")
        row = "486,Busy Here,client-error,RFC3261,current,,,Busy [seed],\"Busy, try later.\"\n"
        expected = TABLE.replace("2026-08-17", "2027-01-31").replace(row, mark + row)
        self.assertEqual(self.read(), expected)
        # A second import marks it once, and check goes on reporting it.
        self.update(records, "2027-01-31")
        self.assertEqual(self.read(), expected)
        self.assertEqual(self.check(records, "2027-01-31")[1][0],
                         "486 Busy Here: not in the registry")

    def test_historic_code_stays_unmarked(self):
        self.update(RECORDS, "2027-01-31")
        self.assertNotIn("NOT IN THE IANA REGISTRY", self.read())

    def test_copy_is_an_extract_check_accepts(self):
        copy = os.path.join(self.tmp, "copy.xml")
        records = RECORDS + [("609", "Tentative Reject", "rfc9998")]
        self.assertEqual(self.update(records, "2027-01-31", "--copy", copy)[0], 0)
        with open(copy) as f:
            text = f.read()
        self.assertIn("SPDX-License-Identifier: MIT", text)
        self.assertNotIn("sip-parameters-5", text)
        self.assertEqual(self.run_tool("check", copy, self.csv)[0], 0)

    def test_a_phrase_another_code_has_needs_a_person(self):
        status, out = self.update(RECORDS + [("506", "Bad Request", "rfc9999")])
        self.assertEqual(status, 1)
        self.assertIn("make regen will refuse %s until these are fixed by hand:" % self.csv, out)
        self.assertTrue([l for l in out if "phrase 'Bad Request' of 506 collides" in l], out)


class TheTable(unittest.TestCase):
    """codes.csv against the registry copy in tests/data."""

    def test_every_registry_code_is_in_the_table_as_registered(self):
        """Only a code codes.csv holds and the copy lacks may differ: a row
        added by hand ahead of the registry (make registry-check lists it)."""
        _, _, date, records = registry.read_registry(COPY)
        table, rows = registry.read_table(CODES)
        changes = registry.compare(table, rows, date, records)
        self.assertEqual([str(c) for c in changes if c.kind != "removed"], [])
        self.assertGreater(len(records), 0)

    def test_update_from_the_copy_changes_nothing(self):
        """Byte for byte, but for a mark above each row the copy lacks."""
        _, _, date, records = registry.read_registry(COPY)
        table, rows = registry.read_table(CODES)
        lacking = [c for c in registry.compare(table, rows, date, records) if c.kind == "removed"]
        tmp = tempfile.mkdtemp(prefix="sipcode-registry-")
        try:
            path = os.path.join(tmp, "codes.csv")
            shutil.copy(CODES, path)
            with redirect_stdout(io.StringIO()):
                registry.main(["update", COPY, path])
            with open(CODES, "rb") as a, open(path, "rb") as b:
                before, after = a.read().split(b"\n"), b.read().split(b"\n")
            marks = [l for l in after if l.startswith(registry.REMOVED_MARK.encode())]
            self.assertEqual(len(marks), len(lacking))
            self.assertEqual([l for l in after if l not in marks], before)
        finally:
            shutil.rmtree(tmp)


if __name__ == "__main__":
    sys.exit(main("test_registry"))
