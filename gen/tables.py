# SPDX-License-Identifier: MIT
"""What sipcode's generators share, so that each keeps only its own rules:
reading a CSV into records, reporting every problem as FILE:LINE: problem,
C text (banner, designated initializers, string pool, compile-time asserts)
and the command line that writes the outputs. Python 3 stdlib only."""

import argparse
import csv
import dataclasses
import os
import re
import sys
import tempfile

NAME_RE = re.compile(r"[A-Z][A-Z0-9]*(_[A-Z0-9]+)*\Z")    # a constant without SIPCODE_
REFERENCE_RE = re.compile(r"RFC([1-9][0-9]{0,4})\Z")
SOURCE_RE = re.compile(r"[a-z0-9][a-z0-9.+-]*\Z")
DATE_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
CODE_RE = re.compile(r"[1-6][0-9][0-9]\Z")
CONTROL_RE = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")     # all but tab
TOP = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")


class Failure(Exception):
    """A problem that stops generation; str() is the whole message."""


record = dataclasses.dataclass(eq=False)    # rows compare by identity


@record
class Record:
    """One data row: the fields after path and line are the CSV's columns in
    order; a column the generator parses is the field NAME_text, its value
    the field NAME (a derived() field)."""
    path: str
    line: int

    @classmethod
    def columns(cls):
        """{column name: field name}, in the order of the header row."""
        return {re.sub(r"_text\Z", "", f.name): f.name
                for f in dataclasses.fields(cls) if f.init and f.name not in ("path", "line")}

    def where(self):
        return "%s:%d" % (self.path, self.line)


def derived(default=None):
    """A field the checks fill in, not a column."""
    return dataclasses.field(default=default, init=False)


class Table:
    """Every problem found, as (path, line, message), and what the '#@'
    directives declared; first is the one file that may set the date."""

    def __init__(self, first=None):
        self.first, self.errors = first, []
        self.sources, self.registry_date, self.header_lines = {}, None, {}

    def error(self, path, line, message):
        self.errors.append((path, line, message))

    def directive(self, path, number, text):
        """'#@registry-date YYYY-MM-DD' and '#@source TOKEN description'."""
        words, err = text[2:].split(None, 2), lambda msg: self.error(path, number, msg)
        if words[:1] == ["registry-date"] and len(words) == 2:
            if path != self.first:
                err("registry-date belongs in %s only; a local file cannot change the date "
                    "the registry was checked" % self.first)
            elif not DATE_RE.match(words[1]):
                err("registry-date %r is not YYYY-MM-DD" % words[1])
            elif self.registry_date is not None:
                err("registry-date given twice")
            else:
                self.registry_date = words[1]
        elif words[:1] == ["source"] and len(words) == 3:
            if not SOURCE_RE.match(words[1]):
                err("source token %r is not lower-case letters, digits, '.', '+', '-'"
                    % words[1])
            elif words[1] in self.sources:
                err("source %r declared twice" % words[1])
            else:
                self.sources[words[1]] = words[2]
        else:
            err("unknown directive %r (expected '#@registry-date DATE' or "
                "'#@source TOKEN DESCRIPTION')" % text)

    def need_date(self):
        """Report a first file that was read but states no registry date."""
        if self.registry_date is None and not any(e[1] == 0 for e in self.errors):
            self.error(self.first, 1, "no '#@registry-date YYYY-MM-DD' line")


def read_records(table, path, kind):
    """Yield a kind (a Record class) per data row of the CSV at path. Every
    problem goes to table, and a line that cannot be read is skipped, so
    that one run finds them all."""
    columns, header, last = list(kind.columns()), None, 1
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as e:
        table.error(path, 0, "cannot read: %s" % (e.strerror or e))
        return
    if data.startswith(b"\xef\xbb\xbf"):
        table.error(path, 1, "starts with a UTF-8 byte-order mark; save it as plain ASCII")
        data = data[3:]
    for number, raw in enumerate(data.split(b"\n"), 1):
        err = lambda msg: table.error(path, number, msg)
        try:
            text = (raw[:-1] if raw.endswith(b"\r") else raw).decode("ascii")
        except UnicodeDecodeError as e:
            err("byte 0x%02X at column %d is not ASCII" % (raw[e.start], e.start + 1))
            continue
        if CONTROL_RE.search(text):
            err("control character in line")
            continue
        last = number
        if text.startswith("#@"):
            table.directive(path, number, text)
        if text.startswith("#") or text.strip() == "":
            continue
        try:
            fields = next(csv.reader([text], strict=True))
        except csv.Error as e:
            unterminated = "end of data" in str(e) or "unexpected end" in str(e)
            err("malformed CSV: %s" % ("unterminated quote" if unterminated else e))
            continue
        if header is None and fields != columns:
            err("header must be %s" % ",".join(columns))
            return
        if header is None:
            header = table.header_lines[path] = number
        elif len(fields) != len(columns):
            err("%d columns, expected %d (%s)" % (len(fields), len(columns), ",".join(columns)))
        else:
            yield kind(path, number, *fields)
    if header is None:
        table.error(path, last, "no header row")


def read_checked(table, path, kind, check):
    """The rows of path that check(row) keeps, and whether the file was read
    whole: a check for a missing row waits for that, since a line that could
    not be read might be the row."""
    rows = list(read_records(table, path, kind))
    kept = [row for row in rows if check(row)]
    return kept, len(kept) == len(rows) and not any(e[0] == path for e in table.errors)


def check_sources(table, row, tokens, what):
    """Each of the row's source tokens is declared by a '#@source' line."""
    if not tokens.split():
        table.error(row.path, row.line, "source is empty; " + what)
    for token in tokens.split():
        if token not in table.sources:
            table.error(row.path, row.line, "source %r is not declared by a '#@source' line"
                        % token)


def default_name(text):
    """The constant name a phrase or text makes: capitals, digits, single '_'."""
    return re.sub(r"_+", "_", re.sub(r"[^A-Z0-9]", "_", text.upper())).strip("_")


def api_names():
    """The names after SIPCODE_ that the hand-written headers use."""
    names = set()
    for name in sorted(os.listdir(os.path.join(TOP, "include"))):
        if name.endswith(".h") and name != "sipcode_codes.h":
            with open(os.path.join(TOP, "include", name), encoding="ascii") as f:
                names.update(re.findall(r"\bSIPCODE_(\w*[A-Z0-9])\b", f.read()))
    return names


# ---------------------------------------------------------------- C text

def banner(generator, sources, what, facts):
    """The opening comment of a generated file."""
    return ("/* SPDX-License-Identifier: MIT\n"
            " * Generated by %s from %s (make regen). Do not edit.\n * %s\n * %s */\n"
            % (generator, ", ".join(sources), what, facts))


def c_string(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def init(**fields):
    """A designated initializer, so that a struct's field order and the
    generator cannot drift apart: init(code=100, phrase='"Trying"')."""
    return "{ %s }" % ", ".join(".%s = %s" % item for item in fields.items())


def array(decl, entries):
    """A C array definition: decl up to the '=', then one initializer a line."""
    return "%s = {\n%s};\n" % (decl, "".join("    %s,\n" % e for e in entries))


def string_pool(name, items, what, source, empty=None, limit=65535):
    """(C definition of the char array name holding each distinct text of
    items, (text, note) pairs, once with its NUL; {text: offset}). With empty,
    offset 0 is an empty string, so that 0 can mean none."""
    lines, offsets, at = [], {}, 0
    if empty is not None:
        lines, at = ['    "\\0" /* offset 0: %s */\n' % empty], 1
    for text, note in items:
        if text not in offsets:
            offsets[text] = at
            lines.append("    /* %4d */ %s \"\\0\"%s\n"
                         % (at, c_string(text), " /* %s */" % note if note else ""))
            at += len(text) + 1
    if at > limit:
        raise Failure("%s: %s of %d bytes does not fit %d-bit offsets"
                      % (source, what, at, limit.bit_length()))
    return "static const char %s[%d] =\n%s;\n" % (name, at, "".join(lines)), offsets


def dense(values, first, per_line, width=3):
    """Values of a dense array, per_line a line, each line led by its index."""
    return "".join("    /* %3d */ " % (first + i) +
                   " ".join("%*s," % (width, v) for v in values[i:i + per_line]) + "\n"
                   for i in range(0, len(values), per_line))


def asserts(prefix, checks):
    """Compile-time asserts of what the generator promised: (name, C expression)."""
    macro = prefix + "_ASSERT"
    return ("/* What the generator promised, checked by the compiler. */\n"
            "#define %s(what, ok) typedef char %s_##what[(ok) ? 1 : -1]\n" % (macro, prefix.lower())
            + "".join("%s(%s, %s);\n" % (macro, what, ok) for what, ok in checks)
            + "#undef %s\n" % macro)


# ---------------------------------------------------------------- output

def refuse(errors, paths):
    """Raise one Failure listing every (path, line, problem), in file order."""
    errors = sorted(errors, key=lambda e: (paths.index(e[0]) if e[0] in paths else 0, e[1]))
    raise Failure("\n".join("%s:%d: %s" % e for e in errors) + "\n%d problem%s; nothing was "
                  "written" % (len(errors), "" if len(errors) == 1 else "s"))


def replace_if_changed(path, text):
    """Write text to path through a temporary file and a rename, and only when
    the content differs, so unchanged files keep their timestamps."""
    try:
        with open(path, "r", encoding="ascii", newline="") as f:
            if f.read() == text:
                return False
    except (OSError, UnicodeDecodeError):
        pass
    fd, tmp = tempfile.mkstemp(prefix=".sipcode-gen-", dir=os.path.dirname(path) or ".")
    try:
        with os.fdopen(fd, "w", encoding="ascii", newline="") as f:
            f.write(text)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise
    return True


def write_outputs(outdir, outputs, texts):
    """Replace each output ({what: relative path}) whose text ({what: text})
    changed; skip one whose directory a vendored copy left out (tests/,
    cli/). Returns the summary's end."""
    changed, skipped = [], []
    for what, rel in outputs.items():
        path = os.path.join(outdir, rel)
        if not os.path.isdir(os.path.dirname(path)):
            skipped.append(rel)
        elif replace_if_changed(path, texts[what]):
            changed.append(rel)
    return ("updated " + ", ".join(changed) if changed else "no file changed") + \
        ("; no directory for " + ", ".join(skipped) if skipped else "")


def command(generator, doc, inputs, work, options=()):
    """main(argv) of the generator (its path, gen/NAME.py): inputs are (name,
    help[, nargs]) of the CSVs it reads, options more (flag, default, help);
    work(args) does the job and returns the summary line."""
    def main(argv):
        name = os.path.splitext(os.path.basename(generator))[0]
        parser = argparse.ArgumentParser(description=doc.split("\n\n")[0])
        for arg, text, *nargs in inputs:
            parser.add_argument(arg, help=text, nargs=(nargs or [None])[0])
        parser.add_argument("--outdir", default=TOP,
                            help="top of the sipcode tree to write into (default: this checkout)")
        for flag, default, text in options:
            parser.add_argument(flag, default=default, help=text)
        try:
            summary = work(parser.parse_args(argv))
        except Failure as e:
            sys.stderr.write("%s\n" % e)
            return 1
        except OSError as e:
            sys.stderr.write("%s: %s\n" % (name, e))
            return 1
        print("%s: %s" % (name, summary))
        return 0
    return main
