#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Turn outcomes.csv into the outcome group and RFC 6076 metric tables.

    python3 gen/outcome_gen.py [--outdir DIR] outcomes.csv codes.csv

Its rules: the two kinds of row; the code-list items (NNN, Nxx, !NNN,
timeout, rest); every code named is in codes.csv (read with
gen/sipcode_gen.py's rules); the groups split the final codes 200..699 and
"timeout" without overlap or gap.
"""

import os
import re
import sys

sys.dont_write_bytecode = True  # keep make regen from leaving gen/__pycache__
import sipcode_gen  # noqa: E402
import tables  # noqa: E402
from tables import Record, array, derived, init  # noqa: E402

GENERATOR = "gen/" + os.path.basename(__file__)
# Group roles: the conditions the caller states with a flag of sipcode_outcome()
# declared in include/sipcode.h.
CONDITIONS = {"after-cancel": "SIPCODE_OUTCOME_CANCEL_SENT"}
METRIC_ROLES = ("numerator", "excluded")
METHODS = ("INVITE", "REGISTER")
TIMEOUT = 0            # the key of "no final response"
FINALS = range(200, 700)
GROUP_RE = re.compile(r"[a-z]+(-[a-z]+)*\Z")
METRIC_RE = re.compile(r"[A-Z][A-Z0-9]*\Z")
SOURCE_RE = re.compile(r"RFC[1-9][0-9]*( [0-9]+(\.[0-9]+)*)*\Z")
ITEM_RE = re.compile(r"(!?)([1-6][0-9][0-9])\Z|([1-6])xx\Z|(timeout)\Z|(rest)\Z")
OUTPUTS = {"header": "include/sipcode_outcome.h", "table": "src/outcome_table.inc",
           "expected": "tests/outcome_expected.inc"}
FACTS = "Outcome groups of a session attempt; code lists of RFC 6076 section 4."


@tables.record
class Row(Record):
    kind: str
    name: str
    role: str
    method: str
    codes_text: str
    source: str
    note: str
    keys: set = derived()       # codes, TIMEOUT; None when unusable
    rest: bool = derived(False)


def expand(table, row, codes):
    """The set of keys the codes column names; None after an error."""
    err = lambda msg: table.error(row.path, row.line, msg)
    items = row.codes_text.split()
    if not items:
        err("codes is empty")
        return None
    keys = set()
    for item in items:
        m = ITEM_RE.match(item)
        neg, code, klass, timeout, rest = m.groups() if m else (None,) * 5
        problem = (
            "item %r is not NNN, Nxx, !NNN, timeout or rest" % item if not m else
            "code %s is not in codes.csv" % code if code and int(code) not in codes else
            "code %s is not a final response" % code if code and int(code) < 200 else
            "1xx: provisional responses end nothing" if klass == "1" else
            "rest stands alone, in a group row" if rest and (row.kind != "group" or
                                                             len(items) != 1) else
            "!%s takes out a code that the items before it do not name" % code
            if neg and int(code) not in keys else None)
        if problem:
            err(problem)
            return None
        if neg:
            keys.discard(int(code))
        elif code:
            keys.add(int(code))
        elif klass:
            keys.update(range(int(klass) * 100, int(klass) * 100 + 100))
        elif timeout:
            keys.add(TIMEOUT)
        else:
            row.rest = True
    return keys


def check_row(table, row, codes):
    err = lambda msg: table.error(row.path, row.line, msg)
    if row.kind == "group":
        if not GROUP_RE.match(row.name):
            err("group name %r is not lower-case words joined by '-'" % row.name)
        if row.role and row.role not in CONDITIONS:
            err("group role %r is not empty or one of %s" % (row.role, ", ".join(CONDITIONS)))
    elif row.kind == "metric":
        if not METRIC_RE.match(row.name):
            err("metric name %r is not an upper-case abbreviation" % row.name)
        if row.role not in METRIC_ROLES:
            err("metric role %r is not one of %s" % (row.role, ", ".join(METRIC_ROLES)))
    else:
        err("kind %r is not group or metric" % row.kind)
        return False
    if row.method not in METHODS:
        err("method %r is not one of %s" % (row.method, ", ".join(METHODS)))
    if not all(SOURCE_RE.match(s) for s in row.source.split("; ")):
        err("source %r is not 'RFC<number> [section ...]' joined by '; '" % row.source)
    row.keys = expand(table, row, codes)
    return row.keys is not None


def check_table(table, path, rows, whole):
    """Names unique; the plain groups split 200..699 and timeout exactly; a
    condition row names a code once; a metric role is given once."""
    seen, owner, cond_owner = {}, {}, {}
    for row in rows:
        key = (row.kind, row.name, row.role)
        if key in seen:
            table.error(path, row.line, "%s %s%s already at line %d" % (
                row.kind, row.name, " " + row.role if row.role else "", seen[key]))
        seen.setdefault(key, row.line)
        if row.kind != "group":
            continue
        claims = cond_owner.setdefault(row.role, {}) if row.role else owner
        for k in sorted(row.keys):
            if k in claims:
                table.error(path, row.line, "%s is already in group %s (line %d)" % (
                    "timeout" if k == TIMEOUT else k, claims[k].name, claims[k].line))
            else:
                claims[k] = row
    rests = [row for row in rows if row.rest]
    for row in rests[1:]:
        table.error(path, row.line, "rest is already the group of line %d" % rests[0].line)
    if rests:
        rest = rests[0]
        rest.keys = {k for k in FINALS if k >= 400 and k not in owner}
        owner.update({k: rest for k in rest.keys})
    if not whole:
        return
    missing = [k for k in list(FINALS) + [TIMEOUT] if k not in owner]
    if missing:
        table.error(path, 1, "%d final codes or timeout in no group row without a role, "
                    "e.g. %s" % (len(missing), "timeout" if missing[0] == TIMEOUT else missing[0]))


# ---------------------------------------------------------------- emitters

def constant(name):
    return name.upper().replace("-", "_")


def layout(rows):
    """The groups, one per name in the order of first appearance, each with
    its rows; their numbers; the metric rows; their bits."""
    groups, number = [], {}
    for r in rows:
        if r.kind == "group" and r.name not in number:
            number[r.name] = len(groups) + 1
            groups.append((r.name, [x for x in rows if x.kind == "group" and x.name == r.name]))
    metrics = [r for r in rows if r.kind == "metric"]
    bits = {(r.name, r.role): 1 << i for i, r in enumerate(metrics)}
    if len(metrics) > 16:
        raise tables.Failure("outcomes.csv: %d metric rows do not fit 16 bits" % len(metrics))
    if len(groups) > 255:
        raise tables.Failure("outcomes.csv: %d groups do not fit 8 bits" % len(groups))
    return groups, number, metrics, bits


def emit_header(rows, lay, sources):
    groups, number, metrics, bits = lay
    out = [tables.banner(GENERATOR, sources, "Outcome groups and RFC 6076 metric roles, one "
                         "constant per row.", FACTS),
           "#ifndef SIPCODE_OUTCOME_H\n#define SIPCODE_OUTCOME_H\n\n",
           "/* The outcome of a session attempt: sipcode_outcome(). */\n"
           "enum sipcode_outcome {\n    SIPCODE_OUTCOME_NONE = 0, /* not a final response */\n"]
    for name, grows in groups:
        what = "; ".join("%s%s (%s)" % (r.codes_text, " " + r.role if r.role else "",
                                         r.source) for r in grows)
        out.append("    SIPCODE_OUTCOME_%s = %d, /* %s */\n" % (constant(name), number[name], what))
    out.append("};\n/* Groups, SIPCODE_OUTCOME_NONE not counted. */\n"
               "#define SIPCODE_OUTCOME_COUNT %d\n\n" % len(groups))
    out.append("/* Roles of a final code in the RFC 6076 metrics: sipcode_metric_roles(). */\n")
    for r in metrics:
        out.append("/* %s %s, %s attempts: %s (%s) */\n#define SIPCODE_METRIC_%s_%s 0x%04xu\n"
                   % (r.name, r.role, r.method, r.codes_text, r.source,
                      r.name, r.role.upper(), bits[(r.name, r.role)]))
    out.append("\n#endif\n")
    return "".join(out)


def metric_type(metrics):
    return "unsigned char" if len(metrics) <= 8 else "unsigned short"


def roles_of(metrics, bits, key):
    return sum(bits[(r.name, r.role)] for r in metrics if key in r.keys)


def emit_table(rows, lay, sources):
    groups, number, metrics, bits = lay
    group_of = {k: number[r.name] for r in rows if r.kind == "group" and not r.role
                for k in r.keys}
    pool, offsets = tables.string_pool("sipcode_outcome_pool", [(n, "") for n, _ in groups],
                                       "name pool", sources[0], empty="no name", limit=255)
    conditions = [init(flag=CONDITIONS[r.role], code=k, outcome=number[r.name]) for r in rows
                  if r.kind == "group" and r.role for k in sorted(r.keys)]
    return "".join([
        tables.banner(GENERATOR, sources, "Final code -> outcome group and RFC 6076 metric "
                      "roles: dense arrays\n * over 100..699, with timeout apart. Included by "
                      "src/outcome.c only.", FACTS),
        "\n/* The group of each code, 0 for 1xx. */\n",
        "static const unsigned char sipcode_outcome_of[600] = {\n",
        tables.dense([group_of.get(c, 0) for c in range(100, 700)], 100, 20, 1), "};\n\n",
        "static const unsigned char sipcode_outcome_timeout = %d;\n\n" % group_of[TIMEOUT],
        "/* Rows that apply under a flag of sipcode_outcome(), before the plain ones. */\n",
        array("static const struct sipcode_outcome_condition sipcode_outcome_conditions[%d]"
              % max(len(conditions), 1), conditions or [init(flag=0, code=0, outcome=0)]),
        "\n/* SIPCODE_METRIC_... bits of each code. */\n",
        "static const %s sipcode_metric_of[600] = {\n" % metric_type(metrics),
        tables.dense(["0x%02x" % roles_of(metrics, bits, c) for c in range(100, 700)], 100, 10, 4),
        "};\n\nstatic const %s sipcode_metric_timeout = 0x%02x;\n\n"
        % (metric_type(metrics), roles_of(metrics, bits, TIMEOUT)), pool, "\n",
        "static const unsigned char sipcode_outcome_name_at[%d] = { %s };\n\n"
        % (len(groups) + 1, ", ".join(str(a) for a in [0] + [offsets[n] for n, _ in groups])),
        tables.asserts("SIPCODE_OUTCOME", [("names_cover_groups", "sizeof sipcode_outcome_name_at"
                                            " == SIPCODE_OUTCOME_COUNT + 1")])])


def emit_expected(rows, lay, sources):
    """Each (code or timeout, flags) a row claims, with the row's line, so that
    tests/test_outcome.c checks the lookups row by row."""
    metrics = lay[2]
    return "".join([
        tables.banner(GENERATOR, sources, "Expected answers for tests/test_outcome.c: what each "
                      "row of\n * outcomes.csv claims (code 0: timeout).", FACTS), "\n",
        array("static const struct outcome_row expected_outcomes[]", (
            init(code=k, flags=CONDITIONS.get(r.role, "0"),
                 outcome="SIPCODE_OUTCOME_%s" % constant(r.name), line=r.line)
            for r in rows if r.kind == "group" for k in sorted(r.keys))), "\n",
        array("static const struct metric_row expected_metrics[]", (
            init(code=k, bit="SIPCODE_METRIC_%s_%s" % (r.name, r.role.upper()), line=r.line)
            for r in metrics for k in sorted(r.keys)))])


def work(args):
    rows = sipcode_gen.load_using_codes(args.csv, args.codes, Row, check_row, check_table)
    sources = [os.path.basename(args.csv), os.path.basename(args.codes)]
    lay = layout(rows)
    texts = {"header": emit_header(rows, lay, sources), "table": emit_table(rows, lay, sources),
             "expected": emit_expected(rows, lay, sources)}
    return "%d groups, %d metric lists; %s" % (
        len({r.name for r in rows if r.kind == "group"}), sum(r.kind == "metric" for r in rows),
        tables.write_outputs(args.outdir, OUTPUTS, texts))


main = tables.command(GENERATOR, __doc__, [
    ("csv", "outcomes.csv"), ("codes", "codes.csv, whose codes the lists may use")], work)

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
