#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Compare codes.csv with IANA's SIP "Response Codes" registry, and import it.

    python3 gen/registry.py check REGISTRY.xml [codes.csv]
    python3 gen/registry.py update [--copy COPY.xml] REGISTRY.xml [codes.csv]

REGISTRY.xml is IANA's sip-parameters.xml (or an extract holding its
<updated> date and the registry sip-parameters-7). check prints one line per
difference and exits 1 on any, 0 when there is none, 2 when a file cannot be
read or parsed. update writes the differences into codes.csv, rewriting only
the lines of the rows and the date concerned, prints them as CHANGELOG.md
items, and with --copy stores the registry's extract there (the copy the tests
check codes.csv against). A code the registry dropped is never deleted: its
row gets a comment line and check goes on reporting it until a person decides.

Python 3 standard library only; reads codes.csv through gen/sipcode_gen.py's Row.
"""

import argparse
import collections
import copy
import csv
import io
import os
import re
import sys
import xml.etree.ElementTree as ET

sys.dont_write_bytecode = True  # keep the tree as git has it
from sipcode_gen import CLASSES, Row, load  # noqa: E402
from tables import DATE_RE, Table, default_name, read_records, replace_if_changed  # noqa: E402

REGISTRY_ID = "sip-parameters-7"
# The registry's note: "All response codes below are defined by RFC 3261
# unless otherwise noted", so a record without <xref> is RFC 3261's.
NOTED_REFERENCE = "RFC3261"
# The registry writes a code's standing into its description: "Accepted (Deprecated)".
MARK_RE = re.compile(r"\s*\((deprecated|reserved)\)\Z", re.I)
# Put above a row whose code the registry no longer lists.
REMOVED_MARK = "# NOT IN THE IANA REGISTRY"
# Rows the registry does not hold by design: RFC 2543 codes and a project's own.
UNREGISTERED = ("historic", "local")


class Unreadable(Exception):
    """A file that cannot be read or parsed; str() names it and the problem."""


# refs: the RFCs cited, as codes.csv writes them; cited: every reference, for messages.
Record = collections.namedtuple("Record", "code phrase status refs cited")


def local_name(tag):
    return tag.rsplit("}", 1)[-1]


def read_registry(path):
    """(root element, registry element, date, {code: Record})."""
    try:
        root = ET.parse(path).getroot()
    except OSError as e:
        raise Unreadable("%s: cannot read: %s" % (path, e.strerror or e))
    except ET.ParseError as e:
        raise Unreadable("%s: not well-formed XML: %s" % (path, e))
    reg = next((r for r in root.iter() if local_name(r.tag) == "registry"
                and r.get("id") == REGISTRY_ID), None)
    if reg is None:
        raise Unreadable("%s: no registry with id %s (Response Codes)" % (path, REGISTRY_ID))
    date = next(((e.text or "").strip() for e in root if local_name(e.tag) == "updated"), "")
    if not DATE_RE.match(date):
        raise Unreadable("%s: <updated> date %r is missing or not YYYY-MM-DD" % (path, date))
    records = {}
    for rec in (e for e in reg if local_name(e.tag) == "record"):
        parts = {local_name(e.tag): " ".join("".join(e.itertext()).split()) for e in rec}
        value, text = parts.get("value", ""), parts.get("description", "")
        where = "%s: record %r of %s" % (path, value, REGISTRY_ID)
        if not re.fullmatch(r"[1-6][0-9][0-9]", value):
            raise Unreadable("%s: value is not a code in 100..699" % where)
        if int(value) in records:
            raise Unreadable("%s: code listed twice" % where)
        mark = MARK_RE.search(text)
        phrase = text[:mark.start()] if mark else text
        if not phrase or not all(0x20 <= ord(c) <= 0x7E for c in phrase):
            raise Unreadable("%s: description %r is empty or not printable ASCII" % (where, text))
        xrefs = [(x.get("type", ""), x.get("data", ""))
                 for x in rec if local_name(x.tag) == "xref"]
        refs = ["RFC%d" % int(d[3:])
                for t, d in xrefs if t == "rfc" and re.fullmatch(r"rfc[0-9]+", d)]
        if not xrefs:
            refs = [NOTED_REFERENCE]
        status = mark.group(1).lower() if mark else "current"
        records[int(value)] = Record(int(value), phrase, status, refs,
                                     refs or [d for _, d in xrefs])
    return root, reg, date, records


def read_table(path):
    """(Table with registry_date and header_lines, [Row]), unchecked."""
    table = Table(path)
    rows = list(read_records(table, path, Row))
    table.need_date()
    if table.errors:
        raise Unreadable("\n".join("%s:%d: %s" % e for e in table.errors))
    return table, rows


class Change(collections.namedtuple("Change", "kind code old new row record",
                                    defaults=(None, None))):
    """One difference: kind is date, added, removed, phrase, reference or
    status; row is the Row of codes.csv, record the registry's."""

    def __str__(self):
        if self.kind == "date":
            return "registry date %s -> %s" % (self.old, self.new)
        if self.kind == "added":
            r = self.record
            return "%d %s: added (%s, %s)" % (r.code, r.phrase, "/".join(r.cited) or "no RFC",
                                              r.status)
        phrase = self.row.phrase
        if self.kind == "removed":
            # Removed by IANA, or added to codes.csv ahead of the registry.
            return "%d %s: not in the registry" % (self.code, phrase)
        if self.kind == "reference" and self.new is None:
            return "%d %s: reference %s -> %s, which is not an RFC" % (
                self.code, phrase, self.old, "/".join(self.record.cited))
        return "%d %s: %s %s -> %s" % (self.code, phrase, self.kind, self.old, self.new)


def compare(table, rows, date, records):
    """Every difference, date first, then by code."""
    out = [] if table.registry_date == date else [Change("date", 0, table.registry_date, date)]
    by_code = {}
    for row in rows:
        if row.code_text.isdigit():
            by_code.setdefault(int(row.code_text), row)
    for code in sorted(set(records) | set(by_code)):
        rec, row = records.get(code), by_code.get(code)
        if row is None:
            out.append(Change("added", code, None, None, record=rec))
            continue
        if rec is None:
            if row.status not in UNREGISTERED:
                out.append(Change("removed", code, None, None, row))
            continue
        if row.status == "local":
            continue
        if row.phrase != rec.phrase:
            out.append(Change("phrase", code, row.phrase, rec.phrase, row, rec))
        if row.reference not in rec.refs:
            out.append(Change("reference", code, row.reference,
                              rec.refs[0] if rec.refs else None, row, rec))
        # The registry marks deprecation; a reservation (402) is RFC 3261's
        # word, which the registry does not repeat, so it stands.
        if row.status not in (rec.status, "reserved" if rec.status == "current" else None):
            out.append(Change("status", code, row.status, rec.status, row, rec))
    return out


def without_meaning(rows):
    return [(int(r.code_text), r.phrase) for r in rows
            if r.meaning == "" and r.status != "local" and r.code_text.isdigit()]


def check(registry, path):
    _, _, date, records = read_registry(registry)
    table, rows = read_table(path)
    changes = compare(table, rows, date, records)
    for change in changes:
        print(change)
    for code, phrase in without_meaning(rows):
        # A to-do, not a disagreement: the registry holds no meanings.
        print("note: %d %s has no meaning yet (the tool shows \"no description yet\")"
              % (code, phrase))
    if changes:
        print("%d difference%s between %s and the IANA registry of %s (%s)"
              % (len(changes), "" if len(changes) == 1 else "s", path, date, registry))
        return 1
    print("%s matches the IANA registry of %s (%d codes)" % (path, date, len(records)))
    return 0


def csv_line(row):
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow([getattr(row, f) for f in Row.columns().values()])
    return out.getvalue()


def update_lines(lines, table, rows, changes, date):
    """Apply changes to the text lines of codes.csv (each keeps its line
    end); returns the new lines and one CHANGELOG item per change."""
    text, row_at, before, after, items = {}, {}, {}, {}, []
    numbers = {int(r.code_text): r.line for r in rows if r.code_text.isdigit()}
    for change in changes:
        item = str(change)
        if change.kind == "date":
            n = next(i for i, t in enumerate(lines, 1) if t.startswith("#@registry-date"))
            text[n] = "#@registry-date %s" % change.new
        elif change.kind == "added" and not change.record.refs:
            item += "; not added: codes.csv needs an RFC, a person decides"
        elif change.kind == "added":
            rec = change.record
            new = Row(table.first, 0, **dict.fromkeys(Row.columns().values(), ""))
            new.code_text, new.phrase, new.class_text = str(rec.code), rec.phrase, \
                CLASSES[rec.code // 100]
            new.reference, new.status = rec.refs[0], rec.status
            lower = [c for c in numbers if c < rec.code]
            at = numbers[max(lower)] if lower else table.header_lines[table.first]
            after.setdefault(at, []).append(csv_line(new))
            item += "; no meaning yet"
        elif change.kind == "removed":
            before[change.row.line] = ("%s of %s: drop the row below, or keep it with status "
                                     "historic, and delete this line" % (REMOVED_MARK, date))
            item += "; row kept and marked in codes.csv for a person to decide"
        elif change.new is None:
            item += "; left as it is, a person decides"
        else:
            row = row_at.setdefault(change.row.line, copy.copy(change.row))
            if change.kind == "phrase" and row.name == "":
                # The constant is API: a new phrase does not rename it.
                row.name = default_name(change.old)
                item += " (constant SIPCODE_%s kept)" % row.name
            setattr(row, Row.columns()[change.kind], change.new)
        items.append(item)
    for line, row in row_at.items():
        text[line] = csv_line(row)
    out = []
    for n, old in enumerate(lines, 1):
        end = "\r" if old.endswith("\r") else ""
        if n in before:
            if out and out[-1].startswith(REMOVED_MARK):
                out.pop()
            out.append(before[n] + end)
        out.append(text[n] + end if n in text else old)
        out.extend(t + end for t in after.get(n, []))
    return out, items


def update(registry, path, copy):
    root, reg, date, records = read_registry(registry)
    table, rows = read_table(path)
    changes = compare(table, rows, date, records)
    with open(path, "r", encoding="ascii", newline="") as f:
        lines = f.read().split("\n")
    lines, items = update_lines(lines, table, rows, changes, date)
    if changes:
        replace_if_changed(path, "\n".join(lines))
        print("Table checked against the IANA SIP Response Codes registry of %s:" % date)
        print("\n".join("- " + item for item in items))
    else:
        print("%s already matches the IANA registry of %s; nothing changed" % (path, date))
    if copy:
        write_copy(root, reg, date, copy)
    after, _ = load([path])
    if after.errors:
        # Most often a new phrase that another code has too (606 and 406):
        # the row needs shares_phrase_with, which only a person can choose.
        print("make regen will refuse %s until these are fixed by hand:" % path)
        print("\n".join("%s:%d: %s" % e for e in after.errors))
        return 1
    return 0


def write_copy(root, reg, date, path):
    """The registry's date and the Response Codes registry alone, as the
    tests' copy: enough for this tool, a fraction of IANA's file."""
    uri = root.tag[1:].split("}")[0] if root.tag.startswith("{") else ""
    ns = "{%s}" % uri if uri else ""
    ET.register_namespace("", uri)
    top = ET.Element(root.tag, id=root.get("id", "sip-parameters"))
    top.text = "\n  "
    updated = ET.SubElement(top, ns + "updated")
    updated.text, updated.tail = date, "\n  "
    top.append(reg)
    reg.tail = "\n"
    replace_if_changed(path, "<?xml version='1.0' encoding='UTF-8'?>\n"
                       "<!-- SPDX-License-Identifier: MIT\n"
                       "     The IANA SIP Response Codes registry (%s), taken from IANA's\n"
                       "     sip-parameters.xml by make registry-update. Do not edit. -->\n%s\n"
                       % (REGISTRY_ID, ET.tostring(top, encoding="unicode")))


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=("check", "update"))
    parser.add_argument("registry", help="IANA's sip-parameters.xml")
    parser.add_argument("csv", nargs="?", default=os.path.normpath(os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "codes.csv")))
    parser.add_argument("--copy", help="update: also store the registry extract here")
    args = parser.parse_args(argv)
    try:
        if args.command == "check":
            return check(args.registry, args.csv)
        return update(args.registry, args.csv, args.copy)
    except (Unreadable, OSError, UnicodeError) as e:
        sys.stderr.write("registry: %s\n" % e)
        return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
