#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Tests of local codes: files given to gen/sipcode_gen.py after codes.csv
(make regen EXTRA_CODES=local.csv). A local file may add a code codes.csv does
not have, or aliases to one it has; it may never change a registered row.
The added code is built into a real consumer and looked up both ways.

    python3 tests/test_local_codes.py     (from the top of the tree; exits 0 or 1)
"""

import dataclasses
import os
import shutil
import subprocess
import sys
import tempfile
import unittest
from unittest import mock

sys.dont_write_bytecode = True  # keep the tree as git has it
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from test_gen import (CODES, EXTRA_CODES, GENERATED, GPERF, HAVE_GPERF, ROOT,  # noqa: E402
                      codes_lines, line_of, main, run_gen, set_field, write_lines)
sys.path.insert(0, os.path.join(ROOT, "gen"))
import sipcode_gen  # noqa: E402

CC = os.environ.get("CC", "cc")
HEADER = "code,phrase,class,reference,status,name,shares_phrase_with,aliases,meaning"
SOURCE = "#@source testpbx the PBX these tests stand in for"
BARRED = ("499,Subscriber Barred,client-error,RFC3261,local,,,Barred Subscriber [testpbx],"
          "The PBX refuses calls to or from a barred line; do not retry.")
ENGAGED = "486,Busy Here,client-error,RFC3261,current,,,Line Engaged [testpbx],"

# Prints what the tests assert on: one line per lookup.
CONSUMER = r"""
#include <stdio.h>
#include <string.h>
#include "sipcode.h"

static void by_phrase(const char *s)
{
    printf("phrase %s -> %d\n", s, sipcode_from_phrase(s, strlen(s)));
}

int main(void)
{
    static const int codes[] = { 486, 499, 498, 606 };
    size_t i;

    for (i = 0; i < sizeof codes / sizeof codes[0]; i++) {
        const struct sipcode_info *info = sipcode_info(codes[i]);
        if (!info) {
            printf("code %d none effective %d\n", codes[i], sipcode_effective(codes[i]));
            continue;
        }
        printf("code %d %s|%s|%u|flags %u|effective %d\n", info->code, sipcode_phrase(info->code),
               sipcode_standing_name(info->standing), (unsigned)info->rfc,
               (unsigned)info->flags, sipcode_effective(info->code));
    }
    by_phrase("Subscriber Barred");
    by_phrase("barred-subscriber");
    by_phrase("Line Engaged");
    by_phrase("Busy Here");
    by_phrase("Not Acceptable");
    printf("count %d local %d constant %d\n", SIPCODE_COUNT, SIPCODE_LOCAL_COUNT,
           SIPCODE_SUBSCRIBER_BARRED);
    printf("local status %d\n", SIPCODE_STANDING_LOCAL);
    return 0;
}
"""


def registered_count():
    """Rows of codes.csv, which a table update moves."""
    sys.path.insert(0, os.path.join(ROOT, "gen"))
    import sipcode_gen
    table, _ = sipcode_gen.load([CODES])
    assert not table.errors, table.errors
    return len(table.rows)


def read(top, rel):
    with open(os.path.join(top, rel), "rb") as f:
        return f.read()


class LocalFile(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="sipcode-local-")
        self.out = os.path.join(self.tmp, "tree")
        for sub in ("include", "src", "tests", "cli"):
            os.makedirs(os.path.join(self.out, sub))
        self.local = os.path.join(self.tmp, "local.csv")

    def tearDown(self):
        shutil.rmtree(self.tmp)

    def write_local(self, *rows, head=(SOURCE, HEADER)):
        """Writes local.csv; returns the line number of each row."""
        lines = ["# local codes of a test PBX"] + list(head) + list(rows)
        with open(self.local, "w") as f:
            f.write("\n".join(lines) + "\n")
        return [len(lines) - len(rows) + i + 1 for i in range(len(rows))]

    def generate(self, *extra):
        return run_gen("--gperf", GPERF, "--outdir", self.out, CODES, *extra)

    def refuse(self, expected):
        """The generator fails; each (local line, text) appears as
        'local.csv:LINE: ...text...'; nothing is written."""
        result = self.generate(self.local)
        self.assertEqual(result.returncode, 1, result.stdout + result.stderr)
        self.assertNotIn("Traceback", result.stderr)
        for line, text in expected:
            prefix = "%s:%d: " % (self.local, line)
            hits = [m for m in result.stderr.splitlines() if m.startswith(prefix) and text in m]
            self.assertTrue(hits, "no message %r...%s in:\n%s" % (prefix, text, result.stderr))
        written = [os.path.join(d, f) for d, _, fs in os.walk(self.out) for f in fs]
        self.assertEqual(written, [], "a refused run wrote files")
        return result.stderr

    def registered(self, code):
        """'codes.csv:LINE' of a code's row, as the messages name it."""
        return "%s:%d" % (CODES, line_of(codes_lines(), "%d," % code))

    # ---------------------------------------------------------- refused

    def test_phrase_change_names_both_files_and_lines(self):
        (n,) = self.write_local("486,Busy Now,client-error,RFC3261,current,,,Engaged [testpbx],")
        self.refuse([(n, "phrase 'Busy Now' differs from 'Busy Here' at %s"
                      % self.registered(486))])

    def test_reference_status_and_meaning_changes_are_refused(self):
        lines = self.write_local(
            "486,Busy Here,client-error,RFC9999,current,,,Engaged [testpbx],",
            "480,Temporarily Unavailable,client-error,RFC3261,local,,,Away [testpbx],",
            "487,Request Terminated,client-error,RFC3261,current,,,Gone [testpbx],Our meaning.")
        self.refuse([(lines[0], "reference 'RFC9999' differs from 'RFC3261' at %s"
                      % self.registered(486)),
                     (lines[1], "status 'local' differs from 'current' at %s"
                      % self.registered(480)),
                     (lines[2], "meaning 'Our meaning.' differs from")])

    def test_constant_name_change_is_refused(self):
        (n,) = self.write_local("486,Busy Here,client-error,RFC3261,current,ENGAGED,,"
                                "Engaged [testpbx],")
        self.refuse([(n, "name 'ENGAGED' differs from 'BUSY_HERE' at %s" % self.registered(486))])

    def test_local_alias_colliding_with_registered_phrase(self):
        (n,) = self.write_local(BARRED.replace("Barred Subscriber", "Busy Here"))
        self.refuse([(n, "alias 'Busy Here' of 499 collides with 'Busy Here' of 486 (%s)"
                      % self.registered(486))])

    def test_local_alias_colliding_with_registered_alias(self):
        (n,) = self.write_local(ENGAGED.replace("Line Engaged", "Call Leg/Transaction Does Not "
                                                                "Exist"))
        stderr = self.refuse([(n, "alias 'Call Leg/Transaction Does Not Exist' of 486 collides "
                                  "with")])
        self.assertIn("of 481 (%s)" % self.registered(481), stderr)

    def test_local_phrase_colliding_with_registered_phrase(self):
        (n,) = self.write_local(BARRED.replace("Subscriber Barred", "Decline"))
        self.refuse([(n, "phrase 'Decline' of 499 collides with 'Decline' of 603 (%s)"
                      % self.registered(603))])

    def test_new_code_must_say_local(self):
        (n,) = self.write_local(BARRED.replace(",local,", ",current,"))
        self.refuse([(n, "status 'current': a code that %s does not have is added with "
                         "status local" % CODES)])

    def test_two_local_files_may_not_both_define_a_code(self):
        lines = self.write_local(BARRED, BARRED.replace("Subscriber Barred", "Line Barred")
                                 .replace("Barred Subscriber", "Barred Line"))
        self.refuse([(lines[1], "code 499 already defined at %s:%d" % (self.local, lines[0]))])

    def test_row_for_registered_code_must_add_an_alias(self):
        (n,) = self.write_local(ENGAGED.replace("Line Engaged [testpbx]", ""))
        self.refuse([(n, "code 486 is already at %s and this row adds no alias"
                      % self.registered(486))])

    def test_local_file_cannot_set_registry_date(self):
        self.write_local(BARRED, head=("#@registry-date 2030-01-01", SOURCE, HEADER))
        self.refuse([(2, "registry-date belongs in %s only" % CODES)])

    def test_codes_csv_cannot_hold_local_codes(self):
        lines = codes_lines()
        n = set_field(lines, "486,", 4, "local")
        path = write_lines(os.path.join(self.tmp, "codes.csv"), lines)
        result = run_gen("--outdir", self.out, path)
        self.assertEqual(result.returncode, 1)
        self.assertIn("%s:%d: status 'local' is for codes added by a local file" % (path, n),
                      result.stderr)

    # ---------------------------------------------------------- accepted

    @unittest.skipUnless(HAVE_GPERF, "gperf not installed: local code build skipped")
    def test_local_code_and_alias_reach_a_consumer(self):
        self.write_local(BARRED, ENGAGED)
        result = self.generate(self.local)
        self.assertEqual(result.returncode, 0, result.stderr)
        count = registered_count() + 1
        self.assertIn("%d codes (1 local)" % count, result.stdout)
        with open(os.path.join(self.out, "include", "sipcode_codes.h")) as f:
            header = f.read()
        self.assertTrue(header.startswith("/* SPDX-License-Identifier: MIT\n"
                                          " * Generated by gen/sipcode_gen.py from codes.csv, "
                                          "local.csv (make regen)"))
        self.assertNotIn(self.tmp, header)
        self.assertIn("/* 499 Subscriber Barred (RFC 3261, local) */", header)

        # The hand-written header and the headers of the other generators.
        for h in ("sipcode.h", "sipcode_warn.h", "sipcode_outcome.h"):
            shutil.copy(os.path.join(ROOT, "include", h), os.path.join(self.out, "include"))
        shutil.copy(os.path.join(ROOT, "src", "sipcode.c"), os.path.join(self.out, "src"))
        consumer = os.path.join(self.tmp, "consumer.c")
        with open(consumer, "w") as f:
            f.write(CONSUMER)
        exe = os.path.join(self.tmp, "consumer")
        build = subprocess.run([CC, "-std=c99", "-Wall", "-Wextra", "-Wpedantic", "-Werror",
                                "-I", os.path.join(self.out, "include"), consumer,
                                os.path.join(self.out, "src", "sipcode.c"), "-o", exe],
                               capture_output=True, text=True)
        self.assertEqual(build.returncode, 0, build.stderr)
        out = subprocess.run([exe], capture_output=True, text=True, check=True).stdout.splitlines()
        for line in ("code 486 Busy Here|current|3261|flags 0|effective 486",
                     # A local code is its own effective code: the project that
                     # added it recognises it (RFC 3261 8.1.3.2 maps only
                     # codes a UA does not recognise to x00).
                     "code 499 Subscriber Barred|local|3261|flags 0|effective 499",
                     "code 498 none effective 400",
                     "code 606 Not Acceptable|current|3261|flags 1|effective 606",
                     "phrase Subscriber Barred -> 499",
                     "phrase barred-subscriber -> 499",
                     "phrase Line Engaged -> 486",
                     "phrase Busy Here -> 486",
                     "phrase Not Acceptable -> 406",
                     "count %d local 1 constant 499" % count,
                     "local status 4"):
            self.assertIn(line, out)

    @unittest.skipUnless(HAVE_GPERF, "gperf not installed: local code build skipped")
    def test_a_local_code_may_name_no_rfc(self):
        self.write_local("497,Private Reject,client-error,,local,,,,Our PBX's own refusal.")
        result = self.generate(self.local)
        self.assertEqual(result.returncode, 0, result.stderr)
        with open(os.path.join(self.out, "include", "sipcode_codes.h")) as f:
            self.assertIn("/* 497 Private Reject (local) */\n#define SIPCODE_PRIVATE_REJECT 497",
                          f.read())
        with open(os.path.join(self.out, "src", "code_table.inc")) as f:
            self.assertRegex(f.read(), r"\{ \.code = 497, \.rfc = 0, \.cls = SIPCODE_CLASS_CLIENT_ERROR, "
                                       r"\.standing = SIPCODE_STANDING_LOCAL,")

    @unittest.skipUnless(HAVE_GPERF, "gperf not installed: regeneration tests skipped")
    def test_outputs_are_deterministic_and_local_codes_leave_no_trace(self):
        self.write_local(BARRED, ENGAGED)
        self.assertEqual(self.generate(self.local).returncode, 0)
        first = {rel: read(self.out, rel) for rel in GENERATED}
        again = self.generate(self.local)
        self.assertIn("no file changed", again.stdout)
        self.assertEqual(first, {rel: read(self.out, rel) for rel in GENERATED})
        # The tree's own local codes, if make check was given any, are part
        # of its committed files.
        plain = self.generate(*EXTRA_CODES)
        self.assertEqual(plain.returncode, 0, plain.stderr)
        for rel in GENERATED:
            self.assertEqual(read(ROOT, rel), read(self.out, rel),
                             "%s differs from the committed file" % rel)

    @unittest.skipUnless(HAVE_GPERF, "gperf not installed: regeneration tests skipped")
    def test_a_vendored_copy_without_tests_and_cli_regenerates_the_library(self):
        shutil.rmtree(os.path.join(self.out, "tests"))
        shutil.rmtree(os.path.join(self.out, "cli"))
        self.write_local(BARRED)
        result = self.generate(self.local)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("no directory for tests/expected.inc, cli/meanings.inc", result.stdout)
        for rel in ("include/sipcode_codes.h", "src/code_table.inc", "src/phrase_hash.inc"):
            self.assertTrue(os.path.isfile(os.path.join(self.out, rel)), rel)

    def test_outdir_without_src_is_refused(self):
        shutil.rmtree(os.path.join(self.out, "src"))
        self.write_local(BARRED)
        result = self.generate(self.local)
        self.assertEqual(result.returncode, 1)
        self.assertIn("has no src/ directory", result.stderr)

    def test_make_regen_passes_extra_codes(self):
        result = subprocess.run(["make", "-n", "-C", ROOT, "regen", "EXTRA_CODES=/x/local.csv"],
                                capture_output=True, text=True)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertRegex(result.stdout, r"gen/sipcode_gen\.py .*codes\.csv /x/local\.csv\n")


class MergeRules(unittest.TestCase):
    """Every column of codes.csv says how a local row that repeats a code may
    use it; a column added without that rule stops the generator."""

    def test_every_column_has_a_rule(self):
        self.assertEqual(list(sipcode_gen.Row.columns()), HEADER.split(","))
        self.assertEqual(set(sipcode_gen.MERGE), set(HEADER.split(",")))

    def test_a_column_without_a_rule_is_an_error(self):
        @dataclasses.dataclass(eq=False)
        class Wider(sipcode_gen.Row):
            priority: str = ""
        with mock.patch.object(sipcode_gen, "Row", Wider):
            with self.assertRaises(sipcode_gen.Failure) as caught:
                sipcode_gen.load([CODES])
        self.assertIn("without a rule: priority; not a column: -", str(caught.exception))

    def test_a_rule_without_its_column_is_an_error(self):
        with mock.patch.dict(sipcode_gen.MERGE, {"priority": "same"}):
            with self.assertRaises(sipcode_gen.Failure) as caught:
                sipcode_gen.load([CODES])
        self.assertIn("without a rule: -; not a column: priority", str(caught.exception))


if __name__ == "__main__":
    sys.exit(main("test_local_codes"))
