#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Turn warn-codes.csv into the Warning code table.

Owns the rules about the IANA "Warning Codes (warn-codes)" data: a code is
three digits starting with 3 (RFC 3261 section 20.43), once each; a text is
printable ASCII that makes a valid, unique constant name; a reference is
RFC<number>; the file states its registry date. Reading, error reports, C text
and the atomic writes are gen/tables.py's. Every problem is reported
as FILE:LINE: problem, and on any problem nothing is written.

    python3 gen/warn_gen.py [--outdir DIR] warn-codes.csv

Python 3 standard library only. Same input, same bytes out.
"""

import argparse
import os
import re
import sys

sys.dont_write_bytecode = True  # keep make regen from leaving gen/__pycache__
import tables  # noqa: E402
from tables import NAME_RE, REFERENCE_RE, Record, Table, array, c_string, derived, init  # noqa: E402

GENERATOR = "gen/" + os.path.basename(__file__)
FIRST, LAST = 300, 399
TEXT_MAX = 64
OUTPUTS = {"header": "include/sipcode_warn.h", "table": "src/warn_table.inc",
           "expected": "tests/warn_expected.inc"}


@tables.record
class Row(Record):
    code_text: str
    text: str
    reference: str
    code: int = derived()
    name: str = derived()       # the constant after SIPCODE_WARN_


def load(path):
    """The checked rows of warn-codes.csv, in code order, and the Table."""
    table = Table(path)
    rows, codes, names = [], {}, {}
    for row in tables.read_records(table, path, Row):
        err = lambda msg: table.error(path, row.line, msg)
        ok = True
        if not re.fullmatch(r"3[0-9][0-9]", row.code_text):
            err("code %r is not a warn-code in %d..%d (RFC 3261 section 20.43)"
                % (row.code_text, FIRST, LAST))
            ok = False
        elif int(row.code_text) in codes:
            err("code %s already at line %d" % (row.code_text, codes[int(row.code_text)]))
            ok = False
        text = row.text
        if not text or text != text.strip() or len(text) > TEXT_MAX or \
                any(not 0x20 <= ord(c) <= 0x7E for c in text):
            err("text %r is empty, over %d characters, padded, or not printable ASCII"
                % (text, TEXT_MAX))
            ok = False
        if not REFERENCE_RE.match(row.reference):
            err("reference %r is not RFC<number>" % row.reference)
            ok = False
        row.name = tables.default_name(text) if ok else None
        if ok and not NAME_RE.match(row.name):
            err("text %r makes the constant name %r, which is not a C identifier"
                % (text, row.name))
            ok = False
        if ok and row.name in names:
            err("text %r makes the constant SIPCODE_WARN_%s, as line %d does"
                % (text, row.name, names[row.name]))
            ok = False
        if ok:
            row.code = int(row.code_text)
            codes[row.code] = names[row.name] = row.line
            rows.append(row)
    tables.need_date(table)
    if not rows and not table.errors:
        table.error(path, 1, "no rows")
    return table, sorted(rows, key=lambda r: r.code)


def head(date, sources, what):
    return tables.banner(GENERATOR, sources, what, "Checked against the IANA SIP Warning Codes "
                         "registry of %s." % date)


def emit_header(rows, date, sources):
    out = [head(date, sources, "Named constants, one per Warning code of the IANA registry."),
           "#ifndef SIPCODE_WARN_H\n#define SIPCODE_WARN_H\n\n",
           "/* Date of the IANA Warning Codes registry the table was last checked against. */\n",
           "#define SIPCODE_WARN_REGISTRY_DATE \"%s\"\n" % date,
           "/* Warning codes in the table. */\n#define SIPCODE_WARN_COUNT %d\n\n" % len(rows)]
    out += ["/* %d %s (RFC %s) */\n#define SIPCODE_WARN_%s %d\n"
            % (r.code, r.text, r.reference[3:], r.name, r.code) for r in rows]
    return "".join(out) + "\n#endif\n"


def emit_table(rows, date, sources):
    pool, offsets = tables.string_pool("sipcode_warn_pool", [(r.text, "") for r in rows],
                                       "text pool", sources[0], empty="no code")
    return "".join([
        head(date, sources, "Warning code -> text: a dense array of offsets over %d..%d into "
             "one\n * pool, 0 for a code not in the registry. Included by src/warning.c only."
             % (FIRST, LAST)), "\n", pool, "\n",
        array("static const unsigned short sipcode_warn_at[%d]" % (LAST - FIRST + 1),
              ("[SIPCODE_WARN_%s - %d] = %d" % (r.name, FIRST, offsets[r.text]) for r in rows)),
        "\n", tables.asserts("SIPCODE_WARN", [
            ("covers_%d_to_%d" % (FIRST, LAST),
             "sizeof sipcode_warn_at / sizeof sipcode_warn_at[0] == %d" % (LAST - FIRST + 1))])])


def emit_expected(rows, date, sources):
    return head(date, sources, "Expected answers for tests/test_warn.c: the rows of "
                "warn-codes.csv.") + "\n" + array(
        "static const struct warn_row expected_warnings[]",
        (init(code=r.code, text=c_string(r.text), line=r.line) for r in rows))


def generate(path, outdir):
    table, rows = load(path)
    if table.errors:
        tables.refuse(table.errors, [path])
    sources, date = [os.path.basename(path)], table.registry_date
    texts = {"header": emit_header(rows, date, sources), "table": emit_table(rows, date, sources),
             "expected": emit_expected(rows, date, sources)}
    return rows, tables.write_outputs(outdir, OUTPUTS, texts)[0]


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("csv", help="warn-codes.csv")
    parser.add_argument("--outdir", default=tables.TOP,
                        help="tree that holds include/, src/ and tests/ (default: this checkout)")
    args = parser.parse_args(argv)

    def work():
        rows, changed = generate(args.csv, args.outdir)
        return "%d warning codes; %s" % (len(rows), tables.updated(changed))
    return tables.main("warn_gen", work)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
