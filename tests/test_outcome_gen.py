#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Tests of outcomes.csv and gen/outcome_gen.py: every code the groups and
metric lists name is a code of codes.csv; the groups split the final codes
and "timeout" without overlap (both read here on their own, not through the
generator); the RFC 6076 lists sit beside their sections; a broken CSV is
refused with outcomes.csv:LINE messages and leaves every committed generated
file as it was; the good one regenerates exactly the committed files.

    python3 tests/test_outcome_gen.py     (from anywhere; exits 0 or 1)
"""

import csv
import os
import sys
import unittest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
sys.dont_write_bytecode = True  # keep the tree as git has it
sys.path.insert(0, os.path.join(ROOT, "tests"))
import test_gen as common  # noqa: E402  (the helpers of gen/sipcode_gen.py's tests)

GEN = os.path.join(ROOT, "gen", "outcome_gen.py")
OUTCOMES = os.path.join(ROOT, "outcomes.csv")
CODES = os.path.join(ROOT, "codes.csv")
OURS = ["include/sipcode_outcome.h", "src/outcome_table.inc", "tests/outcome_expected.inc"]
COMMITTED = OURS + common.GENERATED


def lines_of(path):
    with open(path, newline="") as f:
        return f.read().split("\n")


def records(path):
    data = [l for l in lines_of(path) if l and not l.startswith("#")]
    return list(csv.DictReader(data))


def table_codes():
    return {int(r["code"]) for r in records(CODES)}


def expand(items, taken):
    """The keys a codes column names (0 for timeout); rest is what the others
    leave of 4xx-6xx."""
    keys = set()
    for item in items.split():
        if item == "timeout":
            keys.add(0)
        elif item == "rest":
            keys |= {c for c in range(400, 700) if c not in taken}
        elif item.endswith("xx"):
            keys |= set(range(int(item[0]) * 100, int(item[0]) * 100 + 100))
        elif item.startswith("!"):
            keys.discard(int(item[1:]))
        else:
            keys.add(int(item))
    return keys


class TheData(unittest.TestCase):
    def setUp(self):
        self.rows = records(OUTCOMES)

    def test_every_named_code_is_in_codes_csv(self):
        known = table_codes()
        named = [int(i.lstrip("!")) for r in self.rows for i in r["codes"].split()
                 if i.lstrip("!").isdigit()]
        self.assertTrue(named)
        for code in named:
            self.assertIn(code, known, "%d is not a code of codes.csv" % code)
            self.assertGreaterEqual(code, 200, "%d is not a final code" % code)

    def test_groups_do_not_overlap_and_cover(self):
        plain = [r for r in self.rows if r["kind"] == "group" and not r["role"]]
        named = [r for r in plain if r["codes"] != "rest"]
        owner = {}
        for r in named:
            for k in expand(r["codes"], set()):
                self.assertNotIn(k, owner, "%s is in %s and %s" % (k, owner.get(k), r["name"]))
                owner[k] = r["name"]
        rest = [r for r in plain if r["codes"] == "rest"]
        self.assertEqual(len(rest), 1)
        for k in expand("rest", set(owner)):
            owner[k] = rest[0]["name"]
        self.assertEqual(set(owner), set(range(200, 700)) | {0})
        conditioned = [k for r in self.rows if r["kind"] == "group" and r["role"]
                       for k in expand(r["codes"], set())]
        self.assertEqual(len(conditioned), len(set(conditioned)))

    def test_the_groups_the_project_defines(self):
        want = {"answered": "2xx", "redirected": "3xx", "busy": "486 600",
                "rejected": "403 603 607 608", "cancelled": "487", "not-found": "404 604",
                "challenged-abandoned": "401 407", "other-failure": "rest",
                "no-final-response": "timeout"}
        got = {r["name"]: r["codes"] for r in self.rows if r["kind"] == "group"}
        self.assertEqual(got, want)

    def test_rfc6076_lists_beside_their_sections(self):
        want = {("SER", "numerator"): ({200}, "RFC6076 4.6"),
                ("SER", "excluded"): (set(range(300, 400)), "RFC6076 4.6"),
                ("SEER", "numerator"): ({200, 480, 486, 600, 603}, "RFC6076 4.7"),
                ("SEER", "excluded"): (set(range(300, 400)), "RFC6076 4.7"),
                ("ISA", "numerator"): ({408, 500, 503, 504}, "RFC6076 4.8"),
                ("IRA", "numerator"): (set(range(400, 700)) - {401, 402, 407} | {0},
                                       "RFC6076 4.2")}
        got = {(r["name"], r["role"]): (expand(r["codes"], set()), r["source"])
               for r in self.rows if r["kind"] == "metric"}
        self.assertEqual(got, want)
        methods = {r["name"]: r["method"] for r in self.rows if r["kind"] == "metric"}
        self.assertEqual(methods, {"SER": "INVITE", "SEER": "INVITE", "ISA": "INVITE",
                                   "IRA": "REGISTER"})


class BrokenCsv(common.RefuseChecks, unittest.TestCase):
    GEN, SOURCE, EXTRA, COMMITTED = GEN, OUTCOMES, [CODES], COMMITTED

    def test_overlap(self):
        busy = common.line_of(self.lines, "group,busy,")
        n = self.replace("group,rejected,", "group,rejected,,INVITE,403 486,RFC3261 21.4.4,")
        self.refuse([(n, "486 is already in group busy (line %d)" % busy)])

    def test_code_not_in_codes_csv(self):
        n = self.replace("group,busy,", "group,busy,,INVITE,486 499,RFC3261 21.4.24,")
        self.refuse([(n, "code 499 is not in codes.csv")])

    def test_provisional_code(self):
        n = self.replace("group,busy,", "group,busy,,INVITE,486 180,RFC3261 21.4.24,")
        self.refuse([(n, "code 180 is not a final response")])

    def test_provisional_class(self):
        n = self.replace("group,answered,", "group,answered,,INVITE,1xx 2xx,RFC3261 21.2,")
        self.refuse([(n, "1xx: provisional responses end nothing")])

    def test_bad_item(self):
        n = self.replace("metric,ISA,", "metric,ISA,numerator,INVITE,408 5x,RFC6076 4.8,")
        self.refuse([(n, "item '5x' is not NNN, Nxx, !NNN, timeout or rest")])

    def test_take_out_what_was_not_named(self):
        n = self.replace("metric,ISA,", "metric,ISA,numerator,INVITE,!408 500,RFC6076 4.8,")
        self.refuse([(n, "!408 takes out a code that the items before it do not name")])

    def test_rest_with_other_items(self):
        n = self.replace("group,other-failure,",
                         "group,other-failure,,INVITE,rest 480,RFC3261 21.4,")
        self.refuse([(n, "rest stands alone, in a group row")])

    def test_rest_in_a_metric(self):
        n = self.replace("metric,ISA,", "metric,ISA,numerator,INVITE,rest,RFC6076 4.8,")
        self.refuse([(n, "rest stands alone, in a group row")])

    def test_gap(self):
        self.replace("group,other-failure,", "# removed")
        self.refuse([(1, "final codes or timeout in no group row without a role, e.g. 400")])

    def test_timeout_in_no_group(self):
        self.replace("group,no-final-response,", "# removed")
        self.refuse([(1, "in no group row without a role, e.g. timeout")])

    def test_two_rests(self):
        second = common.line_of(self.lines, "group,other-failure,")
        n = self.replace("group,not-found,", "group,not-found,,INVITE,rest,RFC3261 21.4.5,")
        self.assertLess(n, second)
        self.refuse([(second, "rest is already the group of line %d" % n)])

    def test_unknown_group_role(self):
        n = self.replace("group,cancelled,", "group,cancelled,after-bye,INVITE,487,RFC3261 9.1,")
        self.refuse([(n, "group role 'after-bye' is not empty or one of after-cancel")])

    def test_unknown_metric_role(self):
        n = self.replace("metric,ISA,", "metric,ISA,denominator,INVITE,408,RFC6076 4.8,")
        self.refuse([(n, "metric role 'denominator' is not one of numerator, excluded")])

    def test_bad_group_name(self):
        n = self.replace("group,busy,", "group,Busy Here,,INVITE,486 600,RFC3261 21.4.24,")
        self.refuse([(n, "group name 'Busy Here' is not lower-case words joined by '-'")])

    def test_bad_method(self):
        n = self.replace("metric,IRA,", "metric,IRA,numerator,OPTIONS,4xx,RFC6076 4.2,")
        self.refuse([(n, "method 'OPTIONS' is not one of INVITE, REGISTER")])

    def test_bad_source(self):
        n = self.replace("metric,ISA,", "metric,ISA,numerator,INVITE,408,RFC 6076 4.8,")
        self.refuse([(n, "source 'RFC 6076 4.8' is not")])

    def test_duplicate_row(self):
        first = common.line_of(self.lines, "metric,ISA,")
        self.lines.insert(first, self.lines[first - 1])
        self.refuse([(first + 1, "metric ISA numerator already at line %d" % first)])

    def test_unknown_kind(self):
        n = self.replace("metric,ISA,", "ratio,ISA,numerator,INVITE,408,RFC6076 4.8,")
        self.refuse([(n, "kind 'ratio' is not group or metric")])

    def test_bad_header(self):
        n = self.replace("kind,", "kind,name,role,method,codes,source")
        self.refuse([(n, "header must be kind,name,role,method,codes,source,note")])

    def test_every_error_is_reported(self):
        n1 = self.replace("metric,ISA,", "metric,ISA,numerator,INVITE,408 5x,RFC6076 4.8,")
        n2 = self.replace("group,busy,", "group,busy,,INVITE,486 499,RFC3261 21.4.24,")
        stderr = self.refuse([(n1, "item '5x'"), (n2, "code 499")])
        self.assertIn("2 problems; nothing was written", stderr)


class Regenerate(common.RegenerateChecks, unittest.TestCase):
    GEN, ARGS, OUTPUTS = GEN, [OUTCOMES, CODES], OURS
    BANNER = ("/* SPDX-License-Identifier: MIT\n"
              " * Generated by gen/outcome_gen.py from outcomes.csv, codes.csv (make regen). "
              "Do not edit.\n")


if __name__ == "__main__":
    unittest.main(verbosity=1)
