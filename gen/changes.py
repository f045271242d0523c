#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Print what an upgrade of codes.csv changes in the answers the library gives.

    python3 gen/changes.py --old OLD/codes.csv [--old OLD-LOCAL.csv] codes.csv [LOCAL.csv...]

One line per code added (+), removed (-) or changed (~), and per spelling
that now finds another code or none; "no change" when there is none. Both
tables are checked by gen/sipcode_gen.py's rules (any problem: exit 1).
Writes nothing.
"""

import argparse
import sys

sys.dont_write_bytecode = True  # keep the tree as git has it
import sipcode_gen  # noqa: E402
import tables  # noqa: E402


def facts(row):
    return {"phrase": row.phrase, "class": row.class_text, "reference": row.reference,
            "status": row.status, "constant": "SIPCODE_" + row.constant,
            "shares_phrase_with": row.shares_phrase_with or "-"}


def changes(old_paths, new_paths):
    """The lines to print: the date, then by code, then by spelling."""
    (old, old_keys), (new, new_keys) = sipcode_gen.load(old_paths), sipcode_gen.load(new_paths)
    if old.errors or new.errors:
        raise tables.Failure("\n".join("%s:%d: %s" % e for e in old.errors + new.errors))
    out = [] if old.registry_date == new.registry_date else \
        ["registry date %s -> %s" % (old.registry_date, new.registry_date)]
    old_rows, new_rows = {r.code: r for r in old.rows}, {r.code: r for r in new.rows}
    for code in sorted(set(old_rows) | set(new_rows)):
        a, b = old_rows.get(code), new_rows.get(code)
        if a is None or b is None:
            out.append("%s %d %s (%s, %s)" % ("+" if a is None else "-", code, (a or b).phrase,
                                               (a or b).reference, (a or b).status))
        else:
            out += ["~ %d %s %r -> %r" % (code, what, facts(a)[what], facts(b)[what])
                    for what in facts(a) if facts(a)[what] != facts(b)[what]]
    for key in sorted(set(old_keys) | set(new_keys)):
        a, b = old_keys.get(key), new_keys.get(key)
        if a is None:
            out.append("+ spelling %r -> %d" % (b.spelling, b.code))
        elif b is None:
            out.append("- spelling %r (was %d)" % (a.spelling, a.code))
        elif a.code != b.code:
            out.append("~ spelling %r %d -> %d" % (b.spelling, a.code, b.code))
    return out


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--old", action="append", required=True, metavar="OLD.csv",
                        help="the table now in use (repeat for its local files)")
    parser.add_argument("csv", nargs="+", help="the new codes.csv, then any local files")
    args = parser.parse_args(argv)
    try:
        print("\n".join(changes(args.old, args.csv)) or "no change")
    except tables.Failure as e:
        sys.stderr.write("%s\n" % e)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
