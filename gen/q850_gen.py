#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Turn q850.csv into the SIP status <-> Q.850 cause tables.

Owns the rules about the gateway mapping data: the three kinds of row, what
each column may hold for each kind, the defaults and the flag conditions.
Every SIP code must be a row of codes.csv, which is read and checked with
gen/sipcode_gen.py's own rules. The CSV reader, the error collector, the
banner and the write-only-when-changed step are that generator's, imported
rather than copied. All problems are reported as FILE:LINE: problem, and on
any problem nothing is written.

    python3 gen/q850_gen.py [--outdir DIR] q850.csv codes.csv

Python 3 standard library only. Same input, same bytes out.
"""

import argparse
import os
import re
import sys

sys.dont_write_bytecode = True  # keep make regen from leaving gen/__pycache__
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import sipcode_gen as common  # noqa: E402

COLUMNS = ["kind", "cause", "code", "when", "name", "source", "note"]
KINDS = ("name", "cause-to-sip", "sip-to-cause")

# The conditions under which RFC 3398 section 7.2.4.1 gives another status,
# each a flag of sipcode_from_q850() declared in include/sipcode.h.
CONDITIONS = {"location-user": "SIPCODE_Q850_LOCATION_USER",
              "new-number": "SIPCODE_Q850_NEW_NUMBER"}

CAUSES = 128            # cause values are 7 bits; 0 is not a cause
NAME_MAX = 96
NUMBER_RE = re.compile(r"[0-9]{1,3}\Z")
FACTS = ("RFC 3398 sections 7.2.4.1 and 8.2.6.1; cause names of ITU-T Q.850.")


class Row:
    def __init__(self, path, line, fields):
        self.path, self.line = path, line
        self.fields = fields
        self.kind = fields["kind"]
        self.cause = None       # 1..127, "*" (default) or 0 (none)
        self.code = None        # a code of codes.csv, "*" (default) or 0 (none)
        self.when = fields["when"]
        self.name = fields["name"]

    def where(self):
        return "%s:%d" % (self.path, self.line)


def parse_cause(table, row, allowed):
    """The cause column as an int in 1..127, or one of the allowed words:
    '*' stays '*', 'none' becomes 0. None when it is unusable."""
    text = row.fields["cause"]
    if text in allowed:
        return 0 if text == "none" else text
    if NUMBER_RE.match(text) and 1 <= int(text) < CAUSES:
        return int(text)
    words = "".join(" or %r" % w for w in allowed)
    table.error(row.path, row.line, "cause %r is not a number in 1..%d%s"
                % (text, CAUSES - 1, words))
    return None


def parse_code(table, row, allowed, codes, lowest):
    """The code column as a code of codes.csv no lower than lowest, or one of
    the allowed words ('*' stays, 'none' becomes 0)."""
    text = row.fields["code"]
    if text in allowed:
        return 0 if text == "none" else text
    words = "".join(" or %r" % w for w in allowed)
    if not re.fullmatch(r"[1-6][0-9][0-9]", text):
        table.error(row.path, row.line, "code %r is not a SIP status code%s" % (text, words))
        return None
    if int(text) not in codes:
        table.error(row.path, row.line, "code %s is not in codes.csv" % text)
        return None
    if int(text) < lowest:
        table.error(row.path, row.line, "code %s: a %s row needs a code in %d..699"
                    % (text, row.kind, lowest))
        return None
    return int(text)


def check_row(table, row, codes):
    err = lambda msg: table.error(row.path, row.line, msg)
    if row.kind not in KINDS:
        err("kind %r is not one of %s" % (row.kind, ", ".join(KINDS)))
        return False
    empty = {"name": ("code", "when"), "cause-to-sip": ("name",),
             "sip-to-cause": ("when", "name")}[row.kind]
    for column in empty:
        if row.fields[column] != "":
            err("a %s row leaves %s empty (it holds %r)" % (row.kind, column, row.fields[column]))
    if row.kind == "name":
        row.cause = parse_cause(table, row, ())
        name = row.name
        if name == "" or name != name.strip() or len(name) > NAME_MAX:
            err("name %r is empty, over %d characters, or has leading or trailing spaces"
                % (name, NAME_MAX))
    elif row.kind == "cause-to-sip":
        row.cause = parse_cause(table, row, ("*",))
        # Any status a gateway may answer a failed call with: 3xx (301 for a
        # new number) to 6xx.
        row.code = parse_code(table, row, ("none",), codes, 300)
        if row.when and row.when not in CONDITIONS:
            err("when %r is not one of %s" % (row.when, ", ".join(sorted(CONDITIONS))))
        if row.when and row.code == 0:
            err("a row with a when condition needs a code, not 'none'")
        if row.cause == "*" and (row.when or row.code == 0):
            err("the default row ('*') needs a code and no when condition")
    else:
        row.cause = parse_cause(table, row, ("none",))
        # 1xx-3xx responses release no call, so only failures map to a cause.
        row.code = parse_code(table, row, ("*",), codes, 400)
        if row.code == "*" and row.cause == 0:
            err("the default row ('*') needs a cause, not 'none'")
    sources = row.fields["source"].split()
    if not sources:
        err("source is empty; name at least one declared source")
    for token in sources:
        if token not in table.sources:
            err("source %r is not declared by a '#@source' line" % token)
    return True


def check_table(table, path, rows, whole):
    """Duplicates; and, when every line was read (whole), missing defaults,
    conditions that lack their plain row, and causes that the tables use
    without a Q.850 name."""
    seen = {}
    names, plain = {}, {}
    defaults = {"cause-to-sip": [], "sip-to-cause": []}
    for row in rows:
        if row.kind == "name":
            key, what = (row.kind, row.cause), "cause %s already has a name" % row.cause
            names.setdefault(row.cause, row)
        elif row.kind == "cause-to-sip":
            key = (row.kind, row.cause, row.when)
            what = "cause %s already maps to a status%s" % (
                row.cause, " when %s" % row.when if row.when else "")
            if row.cause == "*":
                defaults[row.kind].append(row)
            elif not row.when:
                plain.setdefault(row.cause, row)
        else:
            key, what = (row.kind, row.code), "code %s already maps to a cause" % row.code
            if row.code == "*":
                defaults[row.kind].append(row)
        if None in key:
            continue
        if key in seen:
            table.error(row.path, row.line, "%s at %s" % (what, seen[key].where()))
        else:
            seen[key] = row
    if not whole:
        return
    for kind, found in sorted(defaults.items()):
        column = "cause" if kind == "cause-to-sip" else "code"
        if not found:
            table.error(path, 1, "no %s row with %s '*' (the RFC's default)" % (kind, column))
    used = {row.when for row in rows if row.kind == "cause-to-sip"}
    for when in sorted(set(CONDITIONS) - used):
        table.error(path, 1, "no cause-to-sip row has when %r, so the flag %s would do nothing"
                    % (when, CONDITIONS[when]))
    for row in rows:
        if row.kind == "cause-to-sip" and row.when and isinstance(row.cause, int) \
                and row.cause not in plain:
            table.error(row.path, row.line, "cause %d has a %r row but no row without a "
                        "condition" % (row.cause, row.when))
        if row.kind != "name" and isinstance(row.cause, int) and row.cause \
                and row.cause not in names:
            table.error(row.path, row.line, "cause %d has no name row: Q.850 does not define it"
                        % row.cause)


def load(path, codes_path):
    """Check q850.csv against itself and against codes.csv; returns the
    error-collecting table of gen/sipcode_gen.py and the rows."""
    codes_table, _ = common.load([codes_path])
    table = common.Table()
    table.errors.extend(codes_table.errors)
    codes = {r.code for r in codes_table.rows if r.code is not None}
    rows = [Row(path, number, fields)
            for number, fields in common.read_records(table, path, COLUMNS)]
    read = len(rows)
    rows = [row for row in rows if check_row(table, row, codes)]
    # A line that could not be read might be the row that a check for a
    # missing row looks for, so those checks wait for a file read whole.
    whole = len(rows) == read and not any(e[0] == path for e in table.errors)
    check_table(table, path, rows, whole)
    if not rows and not table.errors:
        table.error(path, 1, "no rows")
    return table, rows


# ---------------------------------------------------------------- emitters

def mapping(rows):
    """The dense answers and the data behind them, defaults filled in."""
    m = {"names": {}, "to_sip": {}, "exceptions": [], "to_cause": {}}
    for row in rows:
        if row.kind == "name":
            m["names"][row.cause] = row.name
        elif row.kind == "cause-to-sip" and row.cause == "*":
            m["default_status"] = row.code
        elif row.kind == "cause-to-sip" and row.when:
            m["exceptions"].append((row.cause, row.when, row.code))
        elif row.kind == "cause-to-sip":
            m["to_sip"][row.cause] = row.code
        elif row.code == "*":
            m["default_cause"] = row.cause
        else:
            m["to_cause"][row.code] = row.cause
    m["exceptions"].sort()
    m["status"] = [0] + [m["to_sip"].get(c, m["default_status"]) for c in range(1, CAUSES)]
    m["cause"] = [m["to_cause"].get(code, m["default_cause"] if code >= 400 else 0)
                  for code in range(100, 700)]
    return m


def dense(values, first, per_line, width):
    out = []
    for i in range(0, len(values), per_line):
        out.append("    /* %3d */ " % (first + i) +
                   " ".join("%*d," % (width, v) for v in values[i:i + per_line]) + "\n")
    return "".join(out)


def emit_table(m, sources):
    pool, name_at, at = ['    "\\0" /* offset 0: no name */\n'], {}, 1
    for cause in sorted(m["names"]):
        name_at[cause] = at
        pool.append("    /* %4d */ %s \"\\0\" /* %d */\n"
                    % (at, common.c_string(m["names"][cause]), cause))
        at += len(m["names"][cause]) + 1
    if at > 65535:
        raise common.Failure("%s: name pool of %d bytes does not fit 16-bit offsets"
                             % (sources[0], at))
    out = [common.banner(sources, "SIP status <-> Q.850 cause: dense arrays over the causes\n"
                         " * 0..127 and the codes 100..699, and the cause names as offsets into\n"
                         " * one pool. Included by src/q850.c only.",
                         generator="gen/q850_gen.py", facts=FACTS),
           "\n/* RFC 3398 7.2.4.1: the status for each cause, the default %d filled in;\n"
           " * 0 where no status is sent, and for 0, which is not a cause. */\n"
           % m["default_status"],
           "static const unsigned short sipcode_q850_status[%d] = {\n" % CAUSES,
           dense(m["status"], 0, 8, 3), "};\n\n",
           "/* The statuses the RFC gives instead under a condition the caller\n"
           " * states with a flag. */\n",
           "static const struct sipcode_q850_exception sipcode_q850_exceptions[%d] = {\n"
           % len(m["exceptions"])]
    for cause, when, code in m["exceptions"]:
        out.append("    { %s, %d, %d },\n" % (CONDITIONS[when], cause, code))
    out += ["};\n\n",
            "/* RFC 3398 8.2.6.1: the cause for each code in 100..699, the default %d\n"
            " * filled in for 4xx-6xx; 0 for 1xx-3xx and where the RFC gives none. */\n"
            % m["default_cause"],
            "static const unsigned char sipcode_q850_cause[600] = {\n",
            dense(m["cause"], 100, 10, 3), "};\n\n",
            "static const char sipcode_q850_pool[%d] =\n" % at, "".join(pool), ";\n\n",
            "/* Offset of each cause's name in sipcode_q850_pool; 0 for none. */\n"
            "static const unsigned short sipcode_q850_name_at[%d] = {\n" % CAUSES]
    for cause in sorted(name_at):
        out.append("    [%d] = %d,\n" % (cause, name_at[cause]))
    out.append("};\n\n/* What the generator promised, checked by the compiler. */\n"
               "#define SIPCODE_Q850_ASSERT(what, ok) typedef char sipcode_q850_##what[(ok) ? 1 : -1]\n"
               "SIPCODE_Q850_ASSERT(status_covers_0_to_127, sizeof sipcode_q850_status"
               " / sizeof sipcode_q850_status[0] == 128);\n"
               "SIPCODE_Q850_ASSERT(cause_covers_100_to_699, sizeof sipcode_q850_cause == 600);\n"
               "SIPCODE_Q850_ASSERT(names_cover_0_to_127, sizeof sipcode_q850_name_at"
               " / sizeof sipcode_q850_name_at[0] == 128);\n"
               "#undef SIPCODE_Q850_ASSERT\n")
    return "".join(out)


def emit_expected(m, rows, sources):
    """The rows as plain data for tests/test_q850.c, so the tests check the
    lookups against q850.csv rather than against the dense arrays."""
    out = [common.banner(sources, "Expected answers for tests/test_q850.c: the rows of q850.csv.",
                         generator="gen/q850_gen.py", facts=FACTS),
           "\n/* cause-to-sip rows: cause, status (0: none), flag (0: no condition),\n"
           " * line in q850.csv. */\n"
           "static const struct q850_row expected_to_sip[] = {\n"]
    for row in rows:
        if row.kind == "cause-to-sip" and row.cause != "*":
            out.append("    { %d, %d, %s, %d },\n"
                       % (row.cause, row.code, CONDITIONS.get(row.when, "0"), row.line))
    out.append("};\n\n/* sip-to-cause rows: cause (0: none), status, 0, line in q850.csv. */\n"
               "static const struct q850_row expected_to_cause[] = {\n")
    for row in rows:
        if row.kind == "sip-to-cause" and row.code != "*":
            out.append("    { %d, %d, 0, %d },\n" % (row.cause, row.code, row.line))
    out.append("};\n\n")
    out.append("static const int expected_default_status = %d;\n" % m["default_status"])
    out.append("static const int expected_default_cause = %d;\n\n" % m["default_cause"])
    out.append("static const struct q850_name expected_names[] = {\n")
    for cause in sorted(m["names"]):
        out.append("    { %d, %s },\n" % (cause, common.c_string(m["names"][cause])))
    out.append("};\n")
    return "".join(out)


OUTPUTS = {"table": "src/q850_table.inc", "expected": "tests/q850_expected.inc"}


def generate(path, codes_path, outdir):
    table, rows = load(path, codes_path)
    if table.errors:
        common.refuse(table.errors, [path, codes_path])
    sources = [os.path.basename(path), os.path.basename(codes_path)]
    m = mapping(rows)
    texts = {"table": emit_table(m, sources), "expected": emit_expected(m, rows, sources)}
    changed, _ = common.write_outputs(outdir, {rel: texts[what] for what, rel in OUTPUTS.items()})
    return m, changed


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("csv", help="q850.csv")
    parser.add_argument("codes", help="codes.csv, whose codes the mapping may use")
    parser.add_argument("--outdir", default=os.path.join(os.path.dirname(__file__), ".."),
                        help="tree that holds src/ and tests/ (default: this checkout)")
    args = parser.parse_args(argv)
    try:
        m, changed = generate(args.csv, args.codes, args.outdir)
    except common.Failure as e:
        sys.stderr.write("%s\n" % e)
        return 1
    except OSError as e:
        sys.stderr.write("q850_gen: %s\n" % e)
        return 1
    print("q850_gen: %d cause names, %d cause -> status rows, %d status -> cause rows; %s"
          % (len(m["names"]), len(m["to_sip"]) + len(m["exceptions"]), len(m["to_cause"]),
             "updated " + ", ".join(changed) if changed else "no file changed"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
