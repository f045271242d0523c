#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Turn warn-codes.csv (IANA "Warning Codes") into the Warning code table.

    python3 gen/warn_gen.py [--outdir DIR] warn-codes.csv

Its rules: a code is 3xx (RFC 3261 section 20.43), once each; a text is
printable ASCII and makes a valid, unique constant name; a reference is
RFC<number>; the file states its registry date.
"""

import os
import sys

sys.dont_write_bytecode = True  # keep make regen from leaving gen/__pycache__
import tables  # noqa: E402
from tables import NAME_RE, REFERENCE_RE, Record, Table, array, c_string, derived, init  # noqa

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


def row_problems(row, codes, names):
    """The row's problems; none sets row.code and row.name."""
    text, name = row.text, tables.default_name(row.text)
    if not (row.code_text[:1] == "3" and tables.CODE_RE.match(row.code_text)):
        yield "code %r is not a warn-code in %d..%d (RFC 3261 section 20.43)" % (
            row.code_text, FIRST, LAST)
    elif int(row.code_text) in codes:
        yield "code %s already at line %d" % (row.code_text, codes[int(row.code_text)])
    if not text or text != text.strip() or len(text) > TEXT_MAX or \
            any(not 0x20 <= ord(c) <= 0x7E for c in text):
        yield "text %r is empty, over %d characters, padded, or not printable ASCII" % (
            text, TEXT_MAX)
    elif not NAME_RE.match(name):
        yield "text %r makes the constant name %r, which is not a C identifier" % (text, name)
    elif name in names:
        yield "text %r makes the constant SIPCODE_WARN_%s, as line %d does" % (
            text, name, names[name])
    if not REFERENCE_RE.match(row.reference):
        yield "reference %r is not RFC<number>" % row.reference


def load(path):
    """The checked rows of warn-codes.csv, in code order, and the Table."""
    table, rows, codes, names = Table(path), [], {}, {}
    for row in tables.read_records(table, path, Row):
        problems = list(row_problems(row, codes, names))
        for problem in problems:
            table.error(path, row.line, problem)
        if not problems:
            row.code, row.name = int(row.code_text), tables.default_name(row.text)
            codes[row.code] = names[row.name] = row.line
            rows.append(row)
    table.need_date()
    if not rows and not table.errors:
        table.error(path, 1, "no rows")
    return table, sorted(rows, key=lambda r: r.code)


def emit(rows, date, sources):
    def head(what):
        return tables.banner(GENERATOR, sources, what, "Checked against the IANA SIP Warning "
                             "Codes registry of %s." % date)
    pool, offsets = tables.string_pool("sipcode_warn_pool", [(r.text, "") for r in rows],
                                       "text pool", sources[0], empty="no code")
    header = "".join([
        head("Named constants, one per Warning code of the IANA registry."),
        "#ifndef SIPCODE_WARN_H\n#define SIPCODE_WARN_H\n\n",
        "/* Date of the IANA Warning Codes registry the table was last checked against. */\n",
        "#define SIPCODE_WARN_REGISTRY_DATE \"%s\"\n" % date,
        "/* Warning codes in the table. */\n#define SIPCODE_WARN_COUNT %d\n\n" % len(rows)] +
        ["/* %d %s (RFC %s) */\n#define SIPCODE_WARN_%s %d\n"
         % (r.code, r.text, r.reference[3:], r.name, r.code) for r in rows]) + "\n#endif\n"
    table = "".join([
        head("Warning code -> text: a dense array of offsets over %d..%d into one\n * pool, 0 "
             "for a code not in the registry. Included by src/warning.c only." % (FIRST, LAST)),
        "\n", pool, "\n",
        array("static const unsigned short sipcode_warn_at[%d]" % (LAST - FIRST + 1),
              ("[SIPCODE_WARN_%s - %d] = %d" % (r.name, FIRST, offsets[r.text]) for r in rows)),
        "\n", tables.asserts("SIPCODE_WARN", [
            ("covers_%d_to_%d" % (FIRST, LAST),
             "sizeof sipcode_warn_at / sizeof sipcode_warn_at[0] == %d" % (LAST - FIRST + 1))])])
    expected = head("Expected answers for tests/test_warn.c: the rows of warn-codes.csv.") + \
        "\n" + array("static const struct warn_row expected_warnings[]",
                     (init(code=r.code, text=c_string(r.text), line=r.line) for r in rows))
    return {"header": header, "table": table, "expected": expected}


def work(args):
    table, rows = load(args.csv)
    if table.errors:
        tables.refuse(table.errors, [args.csv])
    texts = emit(rows, table.registry_date, [os.path.basename(args.csv)])
    return "%d warning codes; %s" % (len(rows), tables.write_outputs(args.outdir, OUTPUTS, texts))


main = tables.command(GENERATOR, __doc__, [("csv", "warn-codes.csv")], work)

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
