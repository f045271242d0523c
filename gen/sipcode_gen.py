#!/usr/bin/env python3
"""Turn codes.csv into sipcode's generated C sources.

Owns every rule about the data: what a valid row is, how spellings are
normalised, which collisions are allowed (only the ones a row declares), and
how constant names are made. Reads the CSV, checks all of it, builds every
output in memory, runs gperf, and only then replaces the files whose content
changed. A failed run leaves every existing output exactly as it was.

    python3 gen/sipcode_gen.py [--outdir DIR] [--gperf PATH] codes.csv [LOCAL.csv...]

Files after codes.csv hold a project's local codes, in the same columns and
under the same checks. A local row either adds a code that codes.csv does not
have (status `local`), or repeats a row of codes.csv unchanged and adds
aliases to it; changing a registered row is an error naming both lines.

phrases-considered.csv beside codes.csv, when present, lists the phrases
products send that were looked at and deliberately not made aliases; each row
says what the lookup must give for it (0 or another code), and a row that the
table would resolve to its own code anyway is an error.

Python 3 standard library only. Same input, same bytes out.
"""

import argparse
import csv
import os
import re
import subprocess
import sys
import tempfile

GPERF_VERSION = "3.1"

COLUMNS = ["code", "phrase", "class", "reference", "status", "name",
           "shares_phrase_with", "aliases", "meaning"]

# Class names as the CSV spells them, indexed by the code's first digit.
CLASSES = {1: "provisional", 2: "success", 3: "redirection",
           4: "client-error", 5: "server-error", 6: "global-failure"}
CLASS_ENUM = {1: "SIPCODE_CLASS_PROVISIONAL", 2: "SIPCODE_CLASS_SUCCESS",
              3: "SIPCODE_CLASS_REDIRECTION", 4: "SIPCODE_CLASS_CLIENT_ERROR",
              5: "SIPCODE_CLASS_SERVER_ERROR", 6: "SIPCODE_CLASS_GLOBAL_FAILURE"}
STANDINGS = {"current": "SIPCODE_STANDING_CURRENT",
            "deprecated": "SIPCODE_STANDING_DEPRECATED",
            "reserved": "SIPCODE_STANDING_RESERVED",
            "historic": "SIPCODE_STANDING_HISTORIC",
            "local": "SIPCODE_STANDING_LOCAL"}

# Constant names that the hand-written header already uses, so a row may not
# take them (SIPCODE_CLASS_..., SIPCODE_IS_..., SIPCODE_E_... and so on); the
# Warning, outcome and Reason tables generate or use their own prefixes.
RESERVED_NAME_PREFIXES = ("CLASS_", "STANDING_", "STATUS_", "IS_", "MAY_", "FLAG_", "E_",
                          "Q850_", "REASON_", "WARN_", "OUTCOME_", "METRIC_")
RESERVED_NAMES = ("H", "CODES_H", "VERSION", "VERSION_MAJOR", "VERSION_MINOR",
                  "VERSION_PATCH", "VERSION_NUMBER", "PHRASE_MAX", "REGISTRY_DATE", "COUNT",
                  "LOCAL_COUNT")

SPELLING_MAX = 64          # longest spelling a row may hold
MEANING_MAX = 200          # longest meaning a row may hold
NAME_RE = re.compile(r"[A-Z][A-Z0-9]*(_[A-Z0-9]+)*\Z")
REFERENCE_RE = re.compile(r"RFC([1-9][0-9]{0,4})\Z")
SOURCE_RE = re.compile(r"[a-z0-9][a-z0-9.+-]*\Z")
ALIAS_RE = re.compile(r"([^\[\]]*?)\s*\[([^\[\]]*)\]\Z")
DATE_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")

# Phrases that products send and that were looked at and not made aliases:
# read from beside the first CSV when it is there.
CONSIDERED = "phrases-considered.csv"
CONSIDERED_COLUMNS = ["code", "phrase", "source", "resolves", "reason", "detail"]
REASONS = ("ambiguous", "data", "generic", "wrong-code", "too-long", "unregistered")
CONSIDERED_MAX = 200       # longest phrase a considered row may hold


class Failure(Exception):
    """A problem that stops generation; str() is the whole message."""


def normalise(spelling):
    """The one normalisation rule, shared by the table and (through the fold
    table emitted below) by every query: ASCII letters lower-cased, digits
    kept, space, tab and ASCII punctuation dropped."""
    return "".join(ch.lower() for ch in spelling if ch.isascii() and ch.isalnum())


def fold_byte(b):
    """What the C lookup does with byte b: the byte it keeps, 0 to drop it,
    or 0x80 to reject the whole query (controls, DEL and 0x80-0xFF)."""
    ch = chr(b)
    if ch.isascii() and ch.isalnum():
        return ord(ch.lower())
    if b == 0x09 or 0x20 <= b <= 0x7E:
        return 0
    return 0x80


def default_name(phrase):
    return re.sub(r"_+", "_", re.sub(r"[^A-Z0-9]", "_", phrase.upper())).strip("_")


class Row:
    def __init__(self, path, line, fields):
        self.path, self.line = path, line
        self.code = None
        self.phrase = fields["phrase"]
        self.klass = fields["class"]
        self.reference = fields["reference"]
        self.status = fields["status"]
        self.name = fields["name"]
        self.name_given = fields["name"]
        self.shares = fields["shares_phrase_with"]
        self.aliases_text = fields["aliases"]
        self.code_text = fields["code"]
        self.meaning = fields["meaning"]
        self.rfc = 0
        self.aliases = []       # (spelling, [sources])
        self.local = False      # from a file after codes.csv
        self.extends = None     # the codes.csv row a local row adds aliases to

    def where(self):
        return "%s:%d" % (self.path, self.line)


class Table:
    def __init__(self):
        self.errors = []        # (path, line, message)
        self.rows = []
        self.alias_rows = []    # local rows merged into a registered row
        self.first = None       # codes.csv: the only file that sets the registry date
        self.sources = {}       # token -> description
        self.registry_date = None
        self.header_lines = {}  # path -> line of its header row

    def error(self, path, line, message):
        self.errors.append((path, line, message))


def check_spelling(table, path, line, what, text):
    """Problems with a phrase or alias spelling, reported; True when usable."""
    if text == "":
        table.error(path, line, "%s is empty" % what)
        return False
    bad = [c for c in text if not (0x20 <= ord(c) <= 0x7E)]
    if bad:
        table.error(path, line, "%s %r has a character outside printable ASCII (%r)"
                    % (what, text, bad[0]))
        return False
    if text != text.strip():
        table.error(path, line, "%s %r has leading or trailing spaces" % (what, text))
        return False
    if any(c in text for c in "|[]"):
        table.error(path, line, "%s %r contains '|', '[' or ']'" % (what, text))
        return False
    if len(text) > SPELLING_MAX:
        table.error(path, line, "%s %r is longer than %d characters"
                    % (what, text, SPELLING_MAX))
        return False
    if normalise(text) == "":
        table.error(path, line, "%s %r has no letter or digit" % (what, text))
        return False
    return True


def read_lines(table, path):
    """Physical lines of the file as (number, text), or None when unreadable.
    Undecodable lines are reported and skipped so that every problem in the
    file is found in one run."""
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as e:
        table.error(path, 0, "cannot read: %s" % (e.strerror or e))
        return None
    if data.startswith(b"\xef\xbb\xbf"):
        table.error(path, 1, "starts with a UTF-8 byte-order mark; save it as plain ASCII")
        data = data[3:]
    lines = []
    for number, raw in enumerate(data.split(b"\n"), 1):
        if raw.endswith(b"\r"):
            raw = raw[:-1]
        try:
            text = raw.decode("ascii")
        except UnicodeDecodeError as e:
            table.error(path, number, "byte 0x%02X at column %d is not ASCII"
                        % (raw[e.start], e.start + 1))
            continue
        if any(ord(c) < 0x20 and c != "\t" or c == "\x7f" for c in text):
            table.error(path, number, "control character in line")
            continue
        lines.append((number, text))
    return lines


def read_directive(table, path, number, text):
    """'#@registry-date YYYY-MM-DD' and '#@source TOKEN description'."""
    words = text[2:].split(None, 2)
    if words[:1] == ["registry-date"] and len(words) == 2:
        if path != table.first:
            table.error(path, number, "registry-date belongs in %s only; a local file "
                        "cannot change the date the registry was checked" % table.first)
        elif not DATE_RE.match(words[1]):
            table.error(path, number, "registry-date %r is not YYYY-MM-DD" % words[1])
        elif table.registry_date is not None:
            table.error(path, number, "registry-date given twice")
        else:
            table.registry_date = words[1]
    elif words[:1] == ["source"] and len(words) == 3:
        if not SOURCE_RE.match(words[1]):
            table.error(path, number, "source token %r is not lower-case letters, digits, '.', '+', '-'"
                        % words[1])
        elif words[1] in table.sources:
            table.error(path, number, "source %r declared twice" % words[1])
        else:
            table.sources[words[1]] = words[2]
    else:
        table.error(path, number, "unknown directive %r (expected '#@registry-date DATE' "
                    "or '#@source TOKEN DESCRIPTION')" % text)


def read_records(table, path, columns):
    """Yield (line number, {column: field}) for each data row of a CSV whose
    header is columns; '#@' directives go to read_directive, and every
    problem is reported on table."""
    lines = read_lines(table, path)
    if lines is None:
        return
    header = None
    for number, text in lines:
        if text.startswith("#@"):
            read_directive(table, path, number, text)
            continue
        if text.startswith("#") or text.strip() == "":
            continue
        try:
            fields = next(csv.reader([text], strict=True))
        except csv.Error as e:
            message = str(e)
            if "end of data" in message or "unexpected end" in message:
                message = "unterminated quote"
            table.error(path, number, "malformed CSV: %s" % message)
            continue
        if header is None:
            if fields != columns:
                table.error(path, number, "header must be %s" % ",".join(columns))
                return
            header = fields
            table.header_lines[path] = number
            continue
        if len(fields) != len(columns):
            table.error(path, number, "%d columns, expected %d (%s)"
                        % (len(fields), len(columns), ",".join(columns)))
            continue
        yield number, dict(zip(columns, fields))
    if header is None:
        table.error(path, 1 if not lines else lines[-1][0], "no header row")


def read_csv(table, path):
    for number, fields in read_records(table, path, COLUMNS):
        table.rows.append(Row(path, number, fields))


def check_row(table, row):
    """Checks that need only the row itself."""
    err = lambda msg: table.error(row.path, row.line, msg)
    if re.fullmatch(r"[0-9]{3}", row.code_text) and 100 <= int(row.code_text) <= 699:
        row.code = int(row.code_text)
    else:
        err("code %r is not a three-digit number in 100..699" % row.code_text)
    check_spelling(table, row.path, row.line, "phrase", row.phrase)
    if row.klass not in CLASSES.values():
        err("class %r is not one of %s" % (row.klass, ", ".join(CLASSES.values())))
    elif row.code is not None and CLASSES[row.code // 100] != row.klass:
        err("class %r disagrees with code %d, which is %s"
            % (row.klass, row.code, CLASSES[row.code // 100]))
    m = REFERENCE_RE.match(row.reference)
    if m:
        row.rfc = int(m.group(1))
        if row.rfc > 65535:
            err("reference %r is out of range" % row.reference)
    elif not (row.reference == "" and row.status == "local"):  # a private code: rfc stays 0
        err("reference %r is not of the form RFC1234%s" % (row.reference,
            "" if row.status == "local" else " (only a local code may leave it empty)"))
    if row.status not in STANDINGS:
        err("status %r is not one of %s" % (row.status, ", ".join(STANDINGS)))
    elif row.local and row.extends is None and row.status != "local":
        err("status %r: a code that %s does not have is added with status local"
            % (row.status, table.first))
    elif not row.local and row.status == "local":
        err("status 'local' is for codes added by a local file, not for %s" % row.path)
    if row.name == "" and row.phrase:
        row.name = default_name(row.phrase)
    if not NAME_RE.match(row.name):
        err("constant name %r is not upper-case letters, digits and single '_'" % row.name)
    elif row.name.startswith(RESERVED_NAME_PREFIXES) or row.name in RESERVED_NAMES:
        err("constant name %r is reserved by the API (SIPCODE_%s is taken)"
            % (row.name, row.name))
    # An empty meaning is allowed: a row just imported from the registry has
    # none until someone writes it (make registry-check lists them).
    if len(row.meaning) > MEANING_MAX or row.meaning != row.meaning.strip():
        err("meaning is over %d characters or has leading or trailing spaces" % MEANING_MAX)
    if row.shares and not re.fullmatch(r"[1-6][0-9][0-9]", row.shares):
        err("shares_phrase_with %r is not a code" % row.shares)
    if row.aliases_text.strip():
        for item in row.aliases_text.split("|"):
            item = item.strip()
            m = ALIAS_RE.match(item)
            if not m:
                err("alias %r is not 'spelling [source ...]'" % item)
                continue
            spelling, sources = m.group(1), m.group(2).split()
            if not check_spelling(table, row.path, row.line, "alias", spelling):
                continue
            if not sources:
                err("alias %r names no source" % spelling)
                continue
            unknown = [s for s in sources if s not in table.sources]
            if unknown:
                err("alias %r cites source %r, which no '#@source' line declares"
                    % (spelling, unknown[0]))
                continue
            row.aliases.append((spelling, sources))


def check_table(table):
    """Checks across rows: duplicates, names, and the phrase keys."""
    by_code, by_name = {}, {}
    for row in table.rows:
        if row.code is not None:
            if row.code in by_code:
                table.error(row.path, row.line, "code %d already defined at %s"
                            % (row.code, by_code[row.code].where()))
            else:
                by_code[row.code] = row
        if row.name:
            if row.name in by_name:
                table.error(row.path, row.line, "constant name %s already used at %s"
                            % (row.name, by_name[row.name].where()))
            else:
                by_name[row.name] = row

    # key -> (code, row, spelling); canonical phrases first so that an alias
    # colliding with a phrase is reported on the alias's line.
    keys = {}
    for row in table.rows:
        if row.code is None or not row.phrase:
            continue
        key = normalise(row.phrase)
        if not key:
            continue
        owner = keys.get(key)
        if row.shares:
            target = by_code.get(int(row.shares)) if row.shares.isdigit() else None
            if target is None or target is row:
                table.error(row.path, row.line, "shares_phrase_with %s names no other row"
                            % row.shares)
            elif normalise(target.phrase) != key:
                table.error(row.path, row.line,
                            "shares_phrase_with %s, but %r and %r are different phrases"
                            % (row.shares, row.phrase, target.phrase))
            elif target.shares:
                table.error(row.path, row.line,
                            "shares_phrase_with %s, which itself shares its phrase" % row.shares)
            continue
        if owner is not None:
            table.error(row.path, row.line,
                        "phrase %r of %d collides with %r of %d (%s); if the two codes "
                        "really share it, name the code that keeps the phrase in "
                        "shares_phrase_with" % (row.phrase, row.code, owner[2], owner[0],
                                                owner[1].where()))
            continue
        keys[key] = (row.code, row, row.phrase)
    for row in table.rows + table.alias_rows:
        if row.code is None:
            continue
        own = normalise(row.phrase)
        for spelling, _ in row.aliases:
            key = normalise(spelling)
            owner = keys.get(key)
            if key == own:
                table.error(row.path, row.line,
                            "alias %r is the phrase %r once normalised; drop it"
                            % (spelling, row.phrase))
            elif owner is None:
                keys[key] = (row.code, row, spelling)
            elif owner[0] == row.code:
                table.error(row.path, row.line, "alias %r repeats %r once normalised"
                            % (spelling, owner[2]))
            else:
                table.error(row.path, row.line,
                            "alias %r of %d collides with %r of %d (%s)"
                            % (spelling, row.code, owner[2], owner[0], owner[1].where()))
    return keys


# Columns a local row must repeat exactly, and columns it may leave empty, when
# it adds aliases to a code of codes.csv: (attribute, column name).
REPEATED = (("phrase", "phrase"), ("klass", "class"), ("reference", "reference"),
            ("status", "status"))
OPTIONAL = (("name_given", "name"), ("shares", "shares_phrase_with"), ("meaning", "meaning"))


def merge_local(table):
    """Take local rows that name a code of codes.csv out of the table: they
    may add aliases to it, and any other difference is an error naming both
    lines, so that a local file can never quietly redefine a registered code."""
    keep = []
    for row in table.rows:
        base = row.extends
        if base is None:
            keep.append(row)
            continue
        for attr, column in REPEATED + OPTIONAL:
            mine = getattr(row, attr)
            theirs = base.name if attr == "name_given" else getattr(base, attr)
            if mine != theirs and (mine or (attr, column) in REPEATED):
                table.error(row.path, row.line,
                            "%s %r differs from %r at %s: a local row may add aliases to "
                            "code %s, never change it" % (column, mine, theirs, base.where(),
                                                          base.code_text))
        if not row.aliases_text.strip():
            table.error(row.path, row.line, "code %s is already at %s and this row adds no alias"
                        % (base.code_text, base.where()))
        table.alias_rows.append(row)
    table.rows = keep


# sipcode_effective() maps an unregistered 1xx to 183 and any other
# unregistered xyz to x00, so each of these must be a registered row.
EFFECTIVE_TARGETS = (183, 200, 300, 400, 500, 600)


def check_effective_targets(table, path):
    by_code = {row.code: row for row in table.rows if row.code is not None}
    for code in EFFECTIVE_TARGETS:
        row = by_code.get(code)
        if row is None:
            table.error(path, table.header_lines.get(path, 1),
                        "no row for code %d, which sipcode_effective() gives for "
                        "unregistered codes of its class" % code)
        elif row.status == "historic":
            table.error(row.path, row.line, "code %d is historic, but sipcode_effective() gives "
                        "it for unregistered codes of its class, so it must be registered" % code)


def load(paths):
    table = Table()
    table.first = paths[0]
    for path in paths:
        read_csv(table, path)
    registered = {}
    for row in table.rows:
        row.local = row.path != paths[0]
        if not row.local:
            registered.setdefault(row.code_text, row)
        else:
            row.extends = registered.get(row.code_text)
    for row in table.rows:
        check_row(table, row)
    merge_local(table)
    if table.registry_date is None and not any(e[1] == 0 for e in table.errors):
        table.error(paths[0], 1, "no '#@registry-date YYYY-MM-DD' line")
    keys = check_table(table)
    table.considered = check_considered(table, keys, considered_path(paths))
    if table.rows:
        check_effective_targets(table, paths[0])
    if not table.rows and not table.errors:
        table.error(paths[0], 1, "no rows")
    table.rows.sort(key=lambda r: r.code or 0)
    return table, keys


# ------------------------------------------------------ phrases considered

class Considered:
    """A phrase a product sends on code that is deliberately not an alias;
    resolves is what sipcode_from_phrase() must give for it (0 or another code)."""

    def __init__(self, path, line, fields):
        self.path, self.line = path, line
        self.code_text, self.phrase = fields["code"], fields["phrase"]
        self.sources = fields["source"].split()
        self.resolves_text, self.reason = fields["resolves"], fields["reason"]
        self.detail = fields["detail"]
        self.code = self.resolves = None


def considered_path(paths):
    return os.path.join(os.path.dirname(paths[0]), CONSIDERED)


def check_considered_row(table, row):
    """Checks that need only the row itself; True when the row can take part
    in the checks against the table."""
    err = lambda msg: table.error(row.path, row.line, msg)
    ok = True
    if re.fullmatch(r"[1-6][0-9][0-9]", row.code_text):
        row.code = int(row.code_text)
    else:
        err("code %r is not a three-digit number in 100..699" % row.code_text)
        ok = False
    if row.resolves_text == "0":
        row.resolves = 0
    elif re.fullmatch(r"[1-6][0-9][0-9]", row.resolves_text):
        row.resolves = int(row.resolves_text)
        if row.resolves == row.code:
            err("resolves %d is the row's own code: a phrase that resolves to its code is "
                "an alias, not a rejected phrase" % row.code)
            ok = False
    else:
        err("resolves %r is neither 0 nor a code in 100..699" % row.resolves_text)
        ok = False
    phrase = row.phrase
    if phrase == "" or phrase != phrase.strip() or normalise(phrase) == "":
        err("phrase %r is empty, has no letter or digit, or has leading or trailing spaces"
            % phrase)
        ok = False
    elif len(phrase) > CONSIDERED_MAX:
        err("phrase is longer than %d characters" % CONSIDERED_MAX)
        ok = False
    if not row.sources:
        err("source is empty: name the product that sends the phrase")
    for token in row.sources:
        if token not in table.sources:
            err("source %r is declared by no '#@source' line" % token)
    if row.reason not in REASONS:
        err("reason %r is not one of %s" % (row.reason, ", ".join(REASONS)))
    return ok


def check_considered(table, keys, path):
    """Reads the considered phrases and checks them against the phrase keys of
    the registered table: none may resolve to the code it is rejected for,
    each resolves as its row says, and an ambiguous one is seen on two codes.
    Returns [(row, code the library gives)]."""
    rows = []
    if os.path.exists(path):
        for number, fields in read_records(table, path, CONSIDERED_COLUMNS):
            row = Considered(path, number, fields)
            if check_considered_row(table, row):
                rows.append(row)
    limit = phrase_max(table, keys) if keys and table.rows else 0
    seen, codes_of = {}, {}
    for row in rows:
        key = normalise(row.phrase)
        codes_of.setdefault(key, set()).add(row.code)
        first = seen.setdefault((row.code, key), row)
        if first is not row:
            table.error(row.path, row.line, "phrase %r on %d repeats %r at line %d once "
                        "normalised" % (row.phrase, row.code, first.phrase, first.line))
    out = []
    for row in rows:
        key = normalise(row.phrase)
        owner = keys.get(key) if len(row.phrase) <= limit else None
        registered = owner if owner is not None and not owner[1].local else None
        if registered is not None and registered[0] == row.code:
            if registered[2] == row.phrase:
                table.error(row.path, row.line, "phrase %r is both a spelling of %d (%s) and "
                            "rejected for it here" % (row.phrase, row.code,
                                                      registered[1].where()))
            else:
                table.error(row.path, row.line, "phrase %r is rejected for %d but resolves to "
                            "it anyway through %r (%s)" % (row.phrase, row.code,
                                                           registered[2],
                                                           registered[1].where()))
            continue
        gives = registered[0] if registered is not None else 0
        if gives != row.resolves:
            table.error(row.path, row.line, "phrase %r resolves to %d, not %d as the "
                        "resolves column says" % (row.phrase, gives, row.resolves))
        if row.reason == "ambiguous" and len(codes_of[key]) < 2:
            table.error(row.path, row.line, "phrase %r is called ambiguous but no other row "
                        "has it on another code" % row.phrase)
        out.append((row, owner[0] if owner is not None else 0))
    return out


def emit_considered(considered, sources, registry_date):
    """Every considered phrase and the code the library gives for it, for
    tests/test_phrases.c; ends with a NULL row so that it is never empty."""
    out = [banner(sources, "Phrases products send that are not aliases, and what "
                  "sipcode_from_phrase() gives\n * for each; for tests/test_phrases.c.")
           % registry_date,
           "\nstatic const struct considered_phrase considered_phrases[] = {\n"]
    for row, gives in considered:
        out.append("    { %d, %s, %d, %d, %s },\n"
                   % (row.line, c_string(row.phrase), row.code, gives, c_string(row.reason)))
    out.append("    { 0, 0, 0, 0, 0 }\n};\n")
    return "".join(out)


# ---------------------------------------------------------------- emitters

def banner(sources, what, generator="gen/sipcode_gen.py", facts=None):
    """The opening comment of a generated file. The default facts line keeps
    a %s for the registry date, which the caller fills in."""
    if facts is None:
        facts = "Checked against the IANA SIP Response Codes registry of %%s; gperf %s." \
            % GPERF_VERSION
    return ("/* SPDX-License-Identifier: MIT\n"
            " * Generated by %s from %s (make regen). Do not edit.\n * %s\n * %s */\n"
            % (generator, ", ".join(sources), what, facts))


def c_string(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def phrase_max(table, keys):
    longest = max([len(r.phrase) for r in table.rows] +
                  [len(k[2]) for k in keys.values()])
    return (2 * longest + 15) // 16 * 16


def emit_header(table, keys, sources):
    out = [banner(sources, "Named constants, one per row of the table.")
           % table.registry_date,
           "#ifndef SIPCODE_CODES_H\n#define SIPCODE_CODES_H\n\n",
           "/* Date of the IANA registry the table was last checked against. */\n",
           "#define SIPCODE_REGISTRY_DATE \"%s\"\n" % table.registry_date,
           "/* Longest query sipcode_from_phrase() reads: twice the longest known\n"
           " * spelling, rounded up to 16. Longer queries get 0 without being read. */\n",
           "#define SIPCODE_PHRASE_MAX %d\n" % phrase_max(table, keys),
           "/* Rows in the table, and how many of them a project added itself\n"
           " * (status local, from files after codes.csv). */\n",
           "#define SIPCODE_COUNT %d\n" % len(table.rows),
           "#define SIPCODE_LOCAL_COUNT %d\n\n" % sum(r.local for r in table.rows)]
    for row in table.rows:
        where = ["RFC %d" % row.rfc] if row.rfc else []
        where += [] if row.status == "current" else [row.status]
        out.append("/* %d %s (%s) */\n#define SIPCODE_%s %d\n"
                   % (row.code, row.phrase, ", ".join(where), row.name, row.code))
    out.append("\n#endif\n")
    return "".join(out)


def emit_code_table(table, sources):
    pool, offsets, at = [], {}, 0
    for row in table.rows:
        if row.phrase not in offsets:
            offsets[row.phrase] = at
            pool.append("    /* %4d */ %s \"\\0\"\n" % (at, c_string(row.phrase)))
            at += len(row.phrase) + 1
    if at > 65535:
        raise Failure("%s: phrase pool of %d bytes does not fit 16-bit offsets"
                      % (sources[0], at))
    if len(table.rows) > 255:
        raise Failure("%s: %d rows do not fit the 8-bit index"
                      % (sources[0], len(table.rows)))
    out = [banner(sources, "Code -> metadata: a dense 8-bit index over 100..699 into\n"
                  " * an array of entries, and beside it each entry's phrase as an offset\n"
                  " * into one pool.")
           % table.registry_date,
           "\nstatic const char sipcode_pool[%d] =\n" % at, "".join(pool), ";\n\n",
           "static const struct sipcode_info sipcode_entries[%d] = {\n" % len(table.rows)]
    for i, row in enumerate(table.rows):
        flags = "SIPCODE_FLAG_PHRASE_SHARED" if row.shares else "0"
        out.append("    /* %2d */ { .code = %d, .rfc = %d, .cls = %s, .standing = %s,"
                   " .final = %d, .flags = %s },\n"
                   % (i, row.code, row.rfc, CLASS_ENUM[row.code // 100], STANDINGS[row.status],
                      1 if row.code >= 200 else 0, flags))
    out.append("};\n\n/* Offset of each entry's phrase in sipcode_pool, entry for entry. */\n"
               "static const unsigned short sipcode_phrase_at[%d] = {\n" % len(table.rows))
    for i, row in enumerate(table.rows):
        out.append("    /* %d */ %d,\n" % (row.code, offsets[row.phrase]))
    out.append("};\n\n/* sipcode_entries index + 1 for each code in 100..699, 0 for none */\n"
               "static const unsigned char sipcode_slot[600] = {\n")
    for i, row in enumerate(table.rows):
        out.append("    [%d - 100] = %d,\n" % (row.code, i + 1))
    out.append("};\n\n/* What the generator promised, checked by the compiler. */\n"
               "#define SIPCODE_GEN_ASSERT(what, ok) typedef char sipcode_gen_##what[(ok) ? 1 : -1]\n"
               "SIPCODE_GEN_ASSERT(slot_covers_100_to_699, sizeof sipcode_slot == 600);\n"
               "SIPCODE_GEN_ASSERT(row_count, sizeof sipcode_entries / sizeof sipcode_entries[0]"
               " == SIPCODE_COUNT);\n")
    for row in table.rows:
        out.append("SIPCODE_GEN_ASSERT(%s, SIPCODE_%s == %d);\n"
                   % (row.name.lower(), row.name, row.code))
    out.append("#undef SIPCODE_GEN_ASSERT\n")
    return "".join(out)


def gperf_input(table, keys):
    """gperf is asked for a hash function only: the weight of each byte, over
    every key position (-k'*'), so that the lookup can add the weights up
    while it reads the query. --ignore-case gives 'A' the weight of 'a',
    because the lookup keeps the query's bytes as they came, in either case.
    The tables and the lookup around the hash are emitted below."""
    out = ["%language=ANSI-C\n%ignore-case\n%%\n"]
    for key in sorted(keys):
        out.append("%s\n" % key)
    return "".join(out)


def gperf_command(gperf):
    return [gperf, "--key-positions=*", "--multiple-iterations=10"]


def run_gperf(gperf, source):
    try:
        version = subprocess.run([gperf, "--version"], capture_output=True, text=True)
    except OSError as e:
        raise Failure("gperf: cannot run %r: %s (install gperf %s, or set GPERF)"
                      % (gperf, e.strerror, GPERF_VERSION))
    first = (version.stdout.splitlines() or [""])[0]
    if first != "GNU gperf %s" % GPERF_VERSION:
        raise Failure("gperf: %r reports %r; the committed tables are made with GNU gperf %s "
                      "so that regeneration gives the same bytes" % (gperf, first, GPERF_VERSION))
    result = subprocess.run(gperf_command(gperf), input=source, capture_output=True, text=True)
    if result.returncode != 0:
        raise Failure("gperf: exit status %d: %s" % (result.returncode, result.stderr.strip()))
    return result.stdout


ASSO_RE = re.compile(r"asso_values\[\(unsigned char\)str\[(\d+)\](?:\+(\d+))?\]")


class GperfHash:
    """The hash gperf made over every position: hval = len + the sum, over
    the key's bytes, of asso[byte], except that at a few positions gperf
    weighs the next byte value instead (asso[byte + inc]) to tell apart keys
    with the same letters (anagrams). The lookup adds asso[byte] while it
    reads the query and then, per such position, adjusts by
    asso[byte + inc] - asso[byte] (the adjust tables), reading the zero
    padding past a short key, whose adjustment is 0."""

    def __init__(self, text):
        start = text.index("hash (")
        body = text[start:text.index("\n}\n", start)]
        if "register unsigned int hval = len;" not in body or "return hval;" not in body:
            raise Failure("gperf: unexpected hash function:\n%s" % body)
        found = [(int(pos), int(inc or 0)) for pos, inc in ASSO_RE.findall(body)]
        longest = max([pos for pos, _ in found] + [-1]) + 1
        if sorted(pos for pos, _ in found) != list(range(longest)):
            raise Failure("gperf: its hash does not weigh every key position:\n%s" % body)
        self.adjusted = sorted((pos, inc) for pos, inc in found if inc)
        table = text[text.index("asso_values[] ="):]
        table = table[table.index("{") + 1:table.index("}")]
        self.asso = [int(v) for v in table.replace(",", " ").split()]
        self.max_hash = int(re.search(r"MAX_HASH_VALUE (\d+)", text).group(1))
        need = 256 + max([inc for _, inc in self.adjusted] + [0])
        if len(self.asso) < need:
            raise Failure("gperf: %d character weights, expected %d" % (len(self.asso), need))

    def __call__(self, key):
        b = key.encode("ascii")
        h = len(b) + sum(self.asso[c] for c in b)
        for pos, inc in self.adjusted:
            if pos < len(b):
                h += self.asso[b[pos] + inc] - self.asso[b[pos]]
        return h

    def adjust(self, inc):
        """asso[b + inc] - asso[b] for each byte b, 0 for the pad byte 0. A
        byte no key holds may get any value: its key compare fails."""
        out = [0] * 256
        for b in range(1, 256):
            if chr(b).isascii() and chr(b).isalnum():
                out[b] = self.asso[b + inc] - self.asso[b]
        return out

    def pad(self):
        """Zero bytes the lookup writes after the key: past the farthest
        adjusted position, and at least one 8-byte word (the word compare)."""
        far = max([pos + 1 for pos, _ in self.adjusted] + [0])
        return max(8, (far + 7) // 8 * 8)


def key_pool(keys):
    """All keys in one byte string, a key that lies inside another sharing its
    bytes. A key shorter than 8 bytes is followed by spaces up to 8: the
    lookup compares 8-byte words, and the query's zero padding, with the
    case bit set, reads as spaces."""
    pool = ""
    at = {}
    for key in sorted(keys, key=lambda k: (-len(k), k)):
        text = key if len(key) >= 8 else key + " " * (8 - len(key))
        where = pool.find(text)
        if where < 0:
            where = len(pool)
            pool += text
        at[key] = where
    return pool, at


def c_block(values, per_line=16, width=3):
    """The brace-enclosed initialiser of one array member."""
    out = ["    {\n"]
    for i in range(0, len(values), per_line):
        out.append("        " + ", ".join("%*d" % (width, v) for v in values[i:i + per_line])
                   + ",\n")
    out.append("    },\n")
    return "".join(out)


def weight_of(hash_, b):
    """What the lookup adds up for query byte b: 1 (the byte is kept: the key
    length, in the low 8 bits) plus gperf's weight shifted left by 8. A
    dropped byte (tab, space, ASCII punctuation) adds 0. A rejecting byte
    (control, DEL, 0x80-0xFF) weighs REJECT_WEIGHT, which puts the hash of
    any query holding one past the table, so that the key compare only ever
    sees letters and digits."""
    if fold_byte(b) == 0:
        return 0
    if fold_byte(b) == 0x80:
        return 1 | REJECT_WEIGHT << 8
    return 1 | hash_.asso[b] << 8


# SIPCODE_PHRASE_MAX bytes of this weight still fit 32 bits with the shift.
REJECT_WEIGHT = 1 << 15


def emit_phrase_hash(table, keys, gperf_text, sources):
    """Phrase -> code: the tables of the lookup in src/sipcode.c."""
    hash_ = GperfHash(gperf_text)
    order = sorted(keys)
    values = {}
    for key in order:
        h = hash_(key)
        if h in values:
            raise Failure("gperf: keys %r and %r share hash value %d; gperf's hash is not "
                          "perfect for this key set" % (values[h], key, h))
        values[h] = key
    if len(order) > 65534:
        raise Failure("%s: %d phrase keys do not fit the 16-bit slot table"
                      % (sources[0], len(order)))
    stype = "unsigned char" if len(order) <= 254 else "unsigned short"
    pool, at = key_pool(order)
    if len(pool) > 65535:
        raise Failure("%s: key pool of %d bytes does not fit 16-bit offsets"
                      % (sources[0], len(pool)))
    index = {key: i + 1 for i, key in enumerate(order)}    # entry 0: the empty slot
    slots = [index[values[h]] if h in values else 0 for h in range(hash_.max_hash + 1)]
    lengths = [255] + [len(k) for k in order]
    longest = max(len(k) for k in order)
    adjusts = [hash_.adjust(inc) for _, inc in hash_.adjusted]
    atype = "signed char" if all(-128 <= v <= 127 for a in adjusts for v in a) else "short"
    lowest = sum(min(a) for a in adjusts)
    if REJECT_WEIGHT + lowest <= hash_.max_hash:
        raise Failure("gperf: hash values up to %d leave no room for the weight of a rejected "
                      "byte (%d)" % (hash_.max_hash, REJECT_WEIGHT))
    out = [banner(sources, "Phrase -> code: the tables of sipcode_from_phrase() (src/sipcode.c),\n"
                  " * around a perfect hash made by gperf (its weight of each byte).\n"
                  " * Included by src/sipcode.c only; never compile it alone.")
           % table.registry_date,
           "/* gperf %s; %d keys, the longest %d bytes. */\n"
           % (" ".join(gperf_command("gperf")[1:]), len(order), longest),
           "#define SIPCODE_KEY_PAD %d  /* zero bytes the lookup writes after a key */\n"
           % hash_.pad(),
           "#define SIPCODE_HASH_MAX %d\n\n" % hash_.max_hash,
           "/* One object, so that the lookup reaches every table from one address. */\n"
           "static const struct {\n"
           "    unsigned weight[256];\n"]
    if adjusts:
        out.append("    %s adjust[%d][256];\n" % (atype, len(adjusts)))
    out += ["    %s slot[%d];\n" % (stype, len(slots)),
            "    unsigned char len[%d];\n" % len(lengths),
            "    unsigned short at[%d];\n" % len(lengths),
            "    unsigned short code[%d];\n" % len(lengths),
            "    unsigned char keys[%d];\n" % len(pool),
            "} sipcode_ph = {\n",
            "    /* weight: query byte -> 1 if kept + gperf's weight << 8 (see\n"
            "     * gen/sipcode_gen.py, weight_of). */\n",
            c_block([weight_of(hash_, b) for b in range(256)], 8, 6)]
    if adjusts:
        out.append("    /* adjust: per key position where gperf weighs byte + inc, the\n"
                   "     * difference from the weight of the byte itself. */\n    {\n")
        for a in adjusts:
            out.append(c_block(a, 16, 4).replace("\n    ", "\n        ").replace("    {", "        {", 1))
        out.append("    },\n")
    out += ["    /* slot: hash value -> entry; entry 0 is empty. */\n",
            c_block(slots),
            "    /* len, at, code: each entry's key length, its offset in keys, and its\n"
            "     * code. */\n",
            c_block(lengths), c_block([0] + [at[k] for k in order], 12, 4),
            c_block([0] + [keys[k][0] for k in order]),
            "    /* keys: lower case; the ones shorter than 8 bytes padded with spaces.\n"
            "     * Character constants, as C99 promises string literals of 4095 bytes\n"
            "     * only. */\n    {\n"]
    for i in range(0, len(pool), 16):
        out.append("        %s,\n" % ", ".join("'%s'" % c for c in pool[i:i + 16]))
    out.append("    },\n")
    terms = "".join("\n           + (unsigned)sipcode_ph.adjust[%d][k[%d]]" % (i, pos)
                    for i, (pos, _) in enumerate(hash_.adjusted))
    out.append("};\n\n"
               "/* gperf's hash of the key k[0..n), from the weights added up while reading\n"
               " * it (sum: their total, weight >> 8 of each byte). */\n"
               "static unsigned sipcode_phrase_hash(const unsigned char *k, unsigned n, unsigned sum)\n"
               "{\n    return n + sum%s;\n}\n" % terms)
    return "".join(out)


def emit_expected(table, sources):
    """The rows and every spelling as plain data for tests/test_sipcode.c, so
    the tests check the lookups against the CSV rather than against the
    tables the lookups read."""
    out = [banner(sources, "Expected answers for tests/test_sipcode.c.") % table.registry_date,
           "\nstatic const struct expected_row expected_rows[] = {\n"]
    for row in table.rows:
        out.append("    { %d, %s, %d, %s, %d, %d },\n"
                   % (row.code, c_string(row.phrase), row.rfc, STANDINGS[row.status],
                      int(row.shares or 0), int(row.shares or row.code)))
    out.append("};\n\n/* Every spelling in the table and the code it resolves to. */\n"
               "static const struct expected_spelling expected_spellings[] = {\n")
    for row in table.rows + table.alias_rows:
        if row.extends is None:
            target = int(row.shares or row.code)
            out.append("    { %s, %d },\n" % (c_string(row.phrase), target))
        for spelling, _ in row.aliases:
            out.append("    { %s, %d },\n" % (c_string(spelling), row.code))
    out.append("};\n")
    return "".join(out)


def emit_meanings(table, sources):
    """One line per code for the tool (0 where the row has none yet); kept
    out of the library, whose size budget is for lookups."""
    out = [banner(sources, "What each code means, for the sipcode tool.") % table.registry_date,
           "\nstatic const struct meaning meanings[] = {\n"]
    for row in table.rows:
        out.append("    { %d, %s },\n" % (row.code, c_string(row.meaning) if row.meaning else "0"))
    out.append("};\n")
    return "".join(out)


OUTPUTS = {"header": "include/sipcode_codes.h",
           "codes": "src/code_table.inc",
           "phrases": "src/phrase_hash.inc",
           "expected": "tests/expected.inc",
           "meanings": "cli/meanings.inc",
           "considered": "tests/considered.inc"}
# A vendored copy may leave out the tests and the tool; the library's
# outputs are always written.
REQUIRED_DIRS = ("include", "src")


def replace_if_changed(path, text):
    """Write text to path through a temporary file and a rename, and only when
    the content differs, so unchanged files keep their timestamps."""
    try:
        with open(path, "r", encoding="ascii", newline="") as f:
            if f.read() == text:
                return False
    except (OSError, UnicodeDecodeError):
        pass
    directory = os.path.dirname(path) or "."
    fd, tmp = tempfile.mkstemp(prefix=".sipcode-gen-", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding="ascii", newline="") as f:
            f.write(text)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise
    return True


def refuse(errors, paths):
    """Raise one Failure listing every (path, line, problem), in file order."""
    errors = sorted(errors, key=lambda e: (paths.index(e[0]) if e[0] in paths else 0, e[1]))
    raise Failure("\n".join("%s:%d: %s" % e for e in errors) +
                  "\n%d problem%s; nothing was written" % (len(errors), "" if len(errors) == 1 else "s"))


def write_outputs(outdir, texts):
    """Replace each output (relative path -> text) whose content changed.
    Outputs whose directory a vendored copy left out (tests/, cli/) are
    skipped. Returns (changed, skipped)."""
    changed, skipped = [], []
    for rel, text in texts.items():
        path = os.path.join(outdir, rel)
        if not os.path.isdir(os.path.dirname(path)):
            skipped.append(rel)
        elif replace_if_changed(path, text):
            changed.append(rel)
    return changed, skipped


def run(name, generate, summary):
    """The end of a table generator's main(): generate() returns (result,
    changed files); problems go to stderr as FILE:LINE lines, and the
    summary of the result to stdout. Returns the exit status."""
    try:
        result, changed = generate()
    except Failure as e:
        sys.stderr.write("%s\n" % e)
        return 1
    except OSError as e:
        sys.stderr.write("%s: %s\n" % (name, e))
        return 1
    print("%s: %s; %s" % (name, summary(result),
                          "updated " + ", ".join(changed) if changed else "no file changed"))
    return 0


def generate(paths, outdir, gperf):
    table, keys = load(paths)
    if table.errors:
        refuse(table.errors, paths + [considered_path(paths)])
    missing = [d for d in REQUIRED_DIRS if not os.path.isdir(os.path.join(outdir, d))]
    if missing:
        raise Failure("%s has no %s/ directory: --outdir must name the top of a sipcode tree"
                      % (outdir, missing[0]))
    sources = [os.path.basename(p) for p in paths]
    texts = {
        "header": emit_header(table, keys, sources),
        "codes": emit_code_table(table, sources),
        "phrases": emit_phrase_hash(table, keys, run_gperf(gperf, gperf_input(table, keys)),
                                    sources),
        "expected": emit_expected(table, sources),
        "meanings": emit_meanings(table, sources),
        "considered": emit_considered(table.considered, sources + [CONSIDERED],
                                      table.registry_date),
    }
    changed, skipped = write_outputs(outdir, {rel: texts[what] for what, rel in OUTPUTS.items()})
    return table, keys, changed, skipped


def loaded(paths):
    table, keys = load(paths)
    if table.errors:
        raise Failure("\n".join("%s:%d: %s" % e for e in table.errors))
    return table, keys


def changes(old_paths, new_paths):
    """What an upgrade changes in the answers the library gives: codes added,
    removed or changed, and spellings whose code changed, one line each."""
    old, old_keys = loaded(old_paths)
    new, new_keys = loaded(new_paths)
    out = []
    if old.registry_date != new.registry_date:
        out.append("registry date %s -> %s" % (old.registry_date, new.registry_date))

    def facts(row):
        return {"phrase": row.phrase, "class": row.klass, "reference": row.reference,
                "status": row.status, "constant": "SIPCODE_" + row.name,
                "shares_phrase_with": row.shares or "-"}
    old_rows = {r.code: r for r in old.rows}
    new_rows = {r.code: r for r in new.rows}
    for code in sorted(set(old_rows) | set(new_rows)):
        a, b = old_rows.get(code), new_rows.get(code)
        if a is None or b is None:
            r = a or b
            out.append("%s %d %s (%s, %s)" % ("+" if a is None else "-", code, r.phrase,
                                               r.reference, r.status))
            continue
        fa, fb = facts(a), facts(b)
        for what in fa:
            if fa[what] != fb[what]:
                out.append("~ %d %s %r -> %r" % (code, what, fa[what], fb[what]))
    for key in sorted(set(old_keys) | set(new_keys)):
        a, b = old_keys.get(key), new_keys.get(key)
        if a is None:
            out.append("+ spelling %r -> %d" % (b[2], b[0]))
        elif b is None:
            out.append("- spelling %r (was %d)" % (a[2], a[0]))
        elif a[0] != b[0]:
            out.append("~ spelling %r %d -> %d" % (b[2], a[0], b[0]))
    return out


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("csv", nargs="+", help="codes.csv")
    parser.add_argument("--outdir", default=os.path.join(os.path.dirname(__file__), ".."),
                        help="tree that holds include/ and src/ (default: this checkout)")
    parser.add_argument("--gperf", default=os.environ.get("GPERF", "gperf"))
    parser.add_argument("--gperf-input", action="store_true",
                        help="print the gperf input and stop (for debugging)")
    parser.add_argument("--changes", metavar="OLD.csv", action="append",
                        help="write nothing; print what the table given as csv changes "
                        "against OLD.csv (repeat for old local files)")
    args = parser.parse_args(argv)
    try:
        if args.changes:
            lines = changes(args.changes, args.csv)
            print("\n".join(lines) if lines else "no change")
            return 0
        if args.gperf_input:
            table, keys = loaded(args.csv)
            sys.stdout.write(gperf_input(table, keys))
            return 0
        table, keys, changed, skipped = generate(args.csv, args.outdir, args.gperf)
    except Failure as e:
        sys.stderr.write("%s\n" % e)
        return 1
    except OSError as e:
        sys.stderr.write("sipcode_gen: %s\n" % e)
        return 1
    print("sipcode_gen: %d codes (%d local), %d phrase keys; %s%s" %
          (len(table.rows), sum(r.local for r in table.rows), len(keys),
           "updated " + ", ".join(changed) if changed else "no file changed",
           "; no directory for " + ", ".join(skipped) if skipped else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
