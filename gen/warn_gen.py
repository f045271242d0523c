#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Turn warn-codes.csv into the Warning code table.

Owns the rules about the IANA "Warning Codes (warn-codes)" data: a code is
three digits starting with 3 (RFC 3261 section 20.43), once each; a text is
printable ASCII that makes a valid, unique constant name; a reference is
RFC<number>; the file states its registry date. The CSV reader, the error
collector, the banner and the write-only-when-changed step are those of
gen/sipcode_gen.py, imported rather than copied. Every problem is reported
as FILE:LINE: problem, and on any problem nothing is written.

    python3 gen/warn_gen.py [--outdir DIR] warn-codes.csv

Python 3 standard library only. Same input, same bytes out.
"""

import argparse
import os
import re
import sys

sys.dont_write_bytecode = True  # keep make regen from leaving gen/__pycache__
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import sipcode_gen as common  # noqa: E402

COLUMNS = ["code", "text", "reference"]
FIRST, LAST = 300, 399
TEXT_MAX = 64
OUTPUTS = {"header": "include/sipcode_warn.h", "table": "src/warn_table.inc",
           "expected": "tests/warn_expected.inc"}


def load(path):
    """Rows of warn-codes.csv as (line, code, text, reference, name), checked;
    and the error-collecting table of gen/sipcode_gen.py."""
    table = common.Table()
    table.first = path  # the one file that may set the registry date
    rows, codes, names = [], {}, {}
    for line, f in common.read_records(table, path, COLUMNS):
        err = lambda msg: table.error(path, line, msg)
        ok = True
        if not re.fullmatch(r"3[0-9][0-9]", f["code"]):
            err("code %r is not a warn-code in %d..%d (RFC 3261 section 20.43)"
                % (f["code"], FIRST, LAST))
            ok = False
        elif int(f["code"]) in codes:
            err("code %s already at line %d" % (f["code"], codes[int(f["code"])]))
            ok = False
        text = f["text"]
        if not text or text != text.strip() or len(text) > TEXT_MAX or \
                any(not 0x20 <= ord(c) <= 0x7E for c in text):
            err("text %r is empty, over %d characters, padded, or not printable ASCII"
                % (text, TEXT_MAX))
            ok = False
        if not common.REFERENCE_RE.match(f["reference"]):
            err("reference %r is not RFC<number>" % f["reference"])
            ok = False
        name = common.default_name(text) if ok else None
        if ok and not common.NAME_RE.match(name):
            err("text %r makes the constant name %r, which is not a C identifier" % (text, name))
            ok = False
        if ok and name in names:
            err("text %r makes the constant SIPCODE_WARN_%s, as line %d does"
                % (text, name, names[name]))
            ok = False
        if ok:
            codes[int(f["code"])] = line
            names[name] = line
            rows.append((line, int(f["code"]), text, f["reference"], name))
    if table.registry_date is None and not table.errors:
        table.error(path, 1, "no '#@registry-date YYYY-MM-DD' line")
    if not rows and not table.errors:
        table.error(path, 1, "no rows")
    return table, sorted(rows, key=lambda r: r[1])


def emit_header(rows, date, sources):
    out = [common.banner(sources, "Named constants, one per Warning code of the IANA registry.",
                         generator="gen/warn_gen.py",
                         facts="Checked against the IANA SIP Warning Codes registry of %s." % date),
           "#ifndef SIPCODE_WARN_H\n#define SIPCODE_WARN_H\n\n",
           "/* Date of the IANA Warning Codes registry the table was last checked against. */\n",
           "#define SIPCODE_WARN_REGISTRY_DATE \"%s\"\n" % date,
           "/* Warning codes in the table. */\n#define SIPCODE_WARN_COUNT %d\n\n" % len(rows)]
    for line, code, text, ref, name in rows:
        out.append("/* %d %s (RFC %s) */\n#define SIPCODE_WARN_%s %d\n"
                   % (code, text, ref[3:], name, code))
    out.append("\n#endif\n")
    return "".join(out)


def emit_table(rows, date, sources):
    pool, at = ['    "\\0" /* offset 0: no code */\n'], 1
    offsets = {}
    for line, code, text, ref, name in rows:
        offsets[code] = at
        pool.append("    /* %4d */ %s \"\\0\"\n" % (at, common.c_string(text)))
        at += len(text) + 1
    if at > 65535:
        raise common.Failure("%s: text pool of %d bytes does not fit 16-bit offsets"
                             % (sources[0], at))
    what = ("Warning code -> text: a dense array of offsets over %d..%d into one\n"
            " * pool, 0 for a code not in the registry. Included by src/warning.c only."
            % (FIRST, LAST))
    out = [common.banner(sources, what, generator="gen/warn_gen.py",
                         facts="Checked against the IANA SIP Warning Codes registry of %s." % date),
           "\nstatic const char sipcode_warn_pool[%d] =\n" % at, "".join(pool), ";\n\n",
           "static const unsigned short sipcode_warn_at[%d] = {\n" % (LAST - FIRST + 1)]
    for line, code, text, ref, name in rows:
        out.append("    [SIPCODE_WARN_%s - %d] = %d,\n" % (name, FIRST, offsets[code]))
    out.append("};\n\n/* What the generator promised, checked by the compiler. */\n"
               "typedef char sipcode_warn_covers_%d_to_%d[sizeof sipcode_warn_at / "
               "sizeof sipcode_warn_at[0] == %d ? 1 : -1];\n" % (FIRST, LAST, LAST - FIRST + 1))
    return "".join(out)


def emit_expected(rows, date, sources):
    out = [common.banner(sources,
                         "Expected answers for tests/test_warn.c: the rows of warn-codes.csv.",
                         generator="gen/warn_gen.py",
                         facts="Checked against the IANA SIP Warning Codes registry of %s." % date),
           "\n/* code, text, line in warn-codes.csv */\n"
           "static const struct warn_row expected_warnings[] = {\n"]
    for line, code, text, ref, name in rows:
        out.append("    { %d, %s, %d },\n" % (code, common.c_string(text), line))
    out.append("};\n")
    return "".join(out)


def generate(path, outdir):
    table, rows = load(path)
    if table.errors:
        common.refuse(table.errors, [path])
    sources = [os.path.basename(path)]
    date = table.registry_date
    texts = {"header": emit_header(rows, date, sources), "table": emit_table(rows, date, sources),
             "expected": emit_expected(rows, date, sources)}
    changed, _ = common.write_outputs(outdir, {rel: texts[k] for k, rel in OUTPUTS.items()})
    return rows, changed


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("csv", help="warn-codes.csv")
    parser.add_argument("--outdir", default=os.path.join(os.path.dirname(__file__), ".."),
                        help="tree that holds include/, src/ and tests/ (default: this checkout)")
    args = parser.parse_args(argv)
    return common.run("warn_gen", lambda: generate(args.csv, args.outdir),
                      lambda rows: "%d warning codes" % len(rows))

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
