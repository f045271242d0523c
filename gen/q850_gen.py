#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Turn q850.csv into the SIP status <-> Q.850 cause tables.

    python3 gen/q850_gen.py [--outdir DIR] q850.csv codes.csv

Its rules: the three kinds of row, what each column may hold for each kind,
the defaults and the flag conditions; every SIP code is a row of codes.csv,
read with gen/sipcode_gen.py's rules.
"""

import os
import re
import sys

sys.dont_write_bytecode = True  # keep make regen from leaving gen/__pycache__
import sipcode_gen  # noqa: E402
import tables  # noqa: E402
from tables import Record, array, c_string, derived, init, record  # noqa: E402

GENERATOR = "gen/" + os.path.basename(__file__)
# The columns each kind leaves empty; the keys are the kinds.
EMPTY = {"name": ("code", "when"), "cause-to-sip": ("name",), "sip-to-cause": ("when", "name")}
# The conditions under which RFC 3398 section 7.2.4.1 gives another status,
# each a flag of sipcode_from_q850() declared in include/sipcode.h.
CONDITIONS = {"location-user": "SIPCODE_Q850_LOCATION_USER",
              "new-number": "SIPCODE_Q850_NEW_NUMBER"}
CAUSES = 128            # cause values are 7 bits; 0 is not a cause
NAME_MAX = 96
FACTS = "RFC 3398 sections 7.2.4.1 and 8.2.6.1; cause names of ITU-T Q.850."
NOTE_MAX = 96           # a note the tool prints after "no SIP status: "
OUTPUTS = {"table": "src/q850_table.inc", "expected": "tests/q850_expected.inc",
           "notes": "cli/q850_notes.inc"}


@record
class Row(Record):
    kind: str
    cause_text: str
    code_text: str
    when: str
    name: str
    source: str
    note: str
    cause: object = derived()   # 1..127, "*" (the default) or 0 (none); None when unusable
    code: object = derived()    # a code of codes.csv, "*" (the default) or 0 (none)


def either(words):
    return "".join(" or %r" % w for w in words)


def parse_cause(err, text, allowed):
    """The cause column: 1..127, or an allowed word ('*' stays, 'none' is 0)."""
    if text in allowed:
        return 0 if text == "none" else text
    if re.fullmatch(r"[0-9]{1,3}", text) and 1 <= int(text) < CAUSES:
        return int(text)
    err("cause %r is not a number in 1..%d%s" % (text, CAUSES - 1, either(allowed)))
    return None


def parse_code(err, row, allowed, codes, lowest):
    """The code column: a code of codes.csv from lowest on, or an allowed word."""
    text = row.code_text
    if text in allowed:
        return 0 if text == "none" else text
    if not tables.CODE_RE.match(text):
        err("code %r is not a SIP status code%s" % (text, either(allowed)))
    elif int(text) not in codes:
        err("code %s is not in codes.csv" % text)
    elif int(text) < lowest:
        err("code %s: a %s row needs a code in %d..699" % (text, row.kind, lowest))
    else:
        return int(text)
    return None


def check_row(table, row, codes):
    err = lambda msg: table.error(row.path, row.line, msg)
    if row.kind not in EMPTY:
        err("kind %r is not one of %s" % (row.kind, ", ".join(EMPTY)))
        return False
    for column in EMPTY[row.kind]:
        text = getattr(row, Row.columns()[column])
        if text:
            err("a %s row leaves %s empty (it holds %r)" % (row.kind, column, text))
    if row.kind == "name":
        row.cause = parse_cause(err, row.cause_text, ())
        if row.name == "" or row.name != row.name.strip() or len(row.name) > NAME_MAX:
            err("name %r is empty, over %d characters, or has leading or trailing spaces"
                % (row.name, NAME_MAX))
    elif row.kind == "cause-to-sip":
        row.cause = parse_cause(err, row.cause_text, ("*",))
        # Any status a gateway may answer a failed call with: 3xx (301 for
        # a new number) to 6xx.
        row.code = parse_code(err, row, ("none",), codes, 300)
        if row.when and row.when not in CONDITIONS:
            err("when %r is not one of %s" % (row.when, ", ".join(sorted(CONDITIONS))))
        if row.when and row.code == 0:
            err("a row with a when condition needs a code, not 'none'")
        if row.cause == "*" and (row.when or row.code == 0):
            err("the default row ('*') needs a code and no when condition")
        if row.code == 0 and not 0 < len(row.note) <= NOTE_MAX:
            err("a row with code 'none' needs a note of 1..%d characters: what happens "
                "instead of a status (sipcode q850 prints it)" % NOTE_MAX)
    else:
        row.cause = parse_cause(err, row.cause_text, ("none",))
        # 1xx-3xx responses release no call, so only failures map to a cause.
        row.code = parse_code(err, row, ("*",), codes, 400)
        if row.code == "*" and row.cause == 0:
            err("the default row ('*') needs a cause, not 'none'")
    tables.check_sources(table, row, row.source, "name at least one declared source")
    return True


def check_table(table, path, rows, whole):
    """Duplicates; and, when every line was read (whole), missing defaults,
    conditions that lack their plain row, and causes that the tables use
    without a Q.850 name."""
    seen = {}
    for row in rows:
        key, what = {
            "name": ((row.kind, row.cause), "cause %s already has a name" % row.cause),
            "cause-to-sip": ((row.kind, row.cause, row.when), "cause %s already maps to a "
                             "status%s" % (row.cause, " when %s" % row.when if row.when else "")),
            "sip-to-cause": ((row.kind, row.code), "code %s already maps to a cause" % row.code),
        }[row.kind]
        if None not in key and key in seen:
            table.error(row.path, row.line, "%s at %s" % (what, seen[key].where()))
        elif None not in key:
            seen[key] = row
    if not whole:
        return
    for kind, column in (("cause-to-sip", "cause"), ("sip-to-cause", "code")):
        if not any(row.kind == kind and getattr(row, column) == "*" for row in rows):
            table.error(path, 1, "no %s row with %s '*' (the RFC's default)" % (kind, column))
    used = {row.when for row in rows if row.kind == "cause-to-sip"}
    for when in sorted(set(CONDITIONS) - used):
        table.error(path, 1, "no cause-to-sip row has when %r, so the flag %s would do nothing"
                    % (when, CONDITIONS[when]))
    plain = {r.cause for r in rows if r.kind == "cause-to-sip" and not r.when}
    names = {r.cause for r in rows if r.kind == "name"}
    for row in rows:
        if row.kind == "cause-to-sip" and row.when and isinstance(row.cause, int) \
                and row.cause not in plain:
            table.error(row.path, row.line, "cause %d has a %r row but no row without a "
                        "condition" % (row.cause, row.when))
        if row.kind != "name" and isinstance(row.cause, int) and row.cause \
                and row.cause not in names:
            table.error(row.path, row.line, "cause %d has no name row: Q.850 does not define it"
                        % row.cause)


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


def emit(m, rows, sources):
    names = sorted(m["names"].items())
    pool, offsets = tables.string_pool("sipcode_q850_pool", [(n, c) for c, n in names],
                                       "name pool", sources[0], empty="no name")
    table = "".join([
        tables.banner(GENERATOR, sources, "SIP status <-> Q.850 cause: dense arrays over the "
                      "causes\n * 0..127 and the codes 100..699, and the cause names as offsets "
                      "into\n * one pool. Included by src/q850.c only.", FACTS),
        "\n/* RFC 3398 7.2.4.1: the status for each cause, the default %d filled in;\n"
        " * 0 where no status is sent, and for 0, which is not a cause. */\n"
        % m["default_status"],
        "static const unsigned short sipcode_q850_status[%d] = {\n" % CAUSES,
        tables.dense(m["status"], 0, 8), "};\n\n",
        "/* The statuses the RFC gives instead under a condition the caller\n"
        " * states with a flag. */\n",
        array("static const struct sipcode_q850_exception sipcode_q850_exceptions[%d]"
              % len(m["exceptions"]), (init(flag=CONDITIONS[when], cause=cause, status=code)
                                       for cause, when, code in m["exceptions"])), "\n",
        "/* RFC 3398 8.2.6.1: the cause for each code in 100..699, the default %d\n"
        " * filled in for 4xx-6xx; 0 for 1xx-3xx and where the RFC gives none. */\n"
        % m["default_cause"],
        "static const unsigned char sipcode_q850_cause[600] = {\n",
        tables.dense(m["cause"], 100, 10), "};\n\n", pool, "\n",
        "/* Offset of each cause's name in sipcode_q850_pool; 0 for none. */\n",
        array("static const unsigned short sipcode_q850_name_at[%d]" % CAUSES,
              ("[%d] = %d" % (cause, offsets[name]) for cause, name in names)), "\n",
        tables.asserts("SIPCODE_Q850", [
            ("status_covers_0_to_127",
             "sizeof sipcode_q850_status / sizeof sipcode_q850_status[0] == 128"),
            ("cause_covers_100_to_699", "sizeof sipcode_q850_cause == 600"),
            ("names_cover_0_to_127",
             "sizeof sipcode_q850_name_at / sizeof sipcode_q850_name_at[0] == 128")])])
    # The rows as plain data for tests/test_q850.c, so that the tests check
    # the lookups against q850.csv rather than against the dense arrays.
    expected = "".join([
        tables.banner(GENERATOR, sources, "Expected answers for tests/test_q850.c: the rows of "
                      "q850.csv.", FACTS),
        "\n/* cause-to-sip rows; code 0: no status is sent, flag 0: no condition. */\n",
        array("static const struct q850_row expected_to_sip[]", (
            init(cause=r.cause, code=r.code, flag=CONDITIONS.get(r.when, "0"), line=r.line)
            for r in rows if r.kind == "cause-to-sip" and r.cause != "*")),
        "\n/* sip-to-cause rows; cause 0: the RFC gives none. */\n",
        array("static const struct q850_row expected_to_cause[]", (
            init(cause=r.cause, code=r.code, flag=0, line=r.line)
            for r in rows if r.kind == "sip-to-cause" and r.code != "*")),
        "\nstatic const int expected_default_status = %d;\n" % m["default_status"],
        "static const int expected_default_cause = %d;\n\n" % m["default_cause"],
        array("static const struct q850_name expected_names[]", (
            init(cause=c, name=c_string(n)) for c, n in names))])
    # What the sipcode tool prints for a cause answered with no status.
    notes = "".join([
        tables.banner(GENERATOR, sources, "What sipcode q850 prints for a cause that RFC 3398 "
                      "answers with no SIP\n * status: the note of its row.", FACTS), "\n",
        array("static const struct keyed_text q850_notes[]", (
            init(key=r.cause, text=c_string(r.note))
            for r in rows if r.kind == "cause-to-sip" and r.code == 0))])
    return {"table": table, "expected": expected, "notes": notes}


def work(args):
    rows = sipcode_gen.load_using_codes(args.csv, args.codes, Row, check_row, check_table)
    m = mapping(rows)
    texts = emit(m, rows, [os.path.basename(args.csv), os.path.basename(args.codes)])
    return "%d cause names, %d cause -> status rows, %d status -> cause rows; %s" % (
        len(m["names"]), len(m["to_sip"]) + len(m["exceptions"]), len(m["to_cause"]),
        tables.write_outputs(args.outdir, OUTPUTS, texts))


main = tables.command(GENERATOR, __doc__, [
    ("csv", "q850.csv"), ("codes", "codes.csv, whose codes the mapping may use")], work)

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
