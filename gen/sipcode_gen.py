#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Turn codes.csv into sipcode's generated C sources.

    python3 gen/sipcode_gen.py [--outdir DIR] [--gperf PATH] codes.csv [LOCAL.csv...]

Owns every rule about the data: what a valid row is, which phrase
collisions are allowed (only those a row declares), how constant names are
made. Files after codes.csv hold a project's local codes: a local row adds a
code (status local) or repeats a registered row and adds aliases to it.
phrases-considered.csv beside codes.csv lists phrases products send that
were deliberately not made aliases, each with what the lookup must give.
"""

import collections
import functools
import os
import re
import sys

sys.dont_write_bytecode = True  # keep make regen from leaving gen/__pycache__
import tables  # noqa: E402
from tables import (CODE_RE, NAME_RE, REFERENCE_RE, Failure, Record, Table, array,  # noqa: E402, F401
                    api_names, c_string, default_name, derived, init, record)
from phrase_hash import GPERF_VERSION, emit_phrase_hash, fold_byte, normalise  # noqa: E402, F401
normalise = functools.lru_cache(maxsize=None)(normalise)    # called for each spelling often
GENERATOR = "gen/" + os.path.basename(__file__)
# The CSV's words; the C enumerators are made from them by enum().
CLASSES = {1: "provisional", 2: "success", 3: "redirection",
           4: "client-error", 5: "server-error", 6: "global-failure"}
STANDINGS = ("current", "deprecated", "reserved", "historic", "local")
# The generated header's macros besides the rows' constants, and their comments.
HEADER_MACROS = {
    "REGISTRY_DATE": "/* Date of the IANA registry the table was last checked against. */\n",
    "PHRASE_MAX": "/* Longest query sipcode_from_phrase() reads: twice the longest known\n"
                  " * spelling, rounded up to 16. Longer queries get 0 without being read. */\n",
    "COUNT": "/* Rows in the table, and how many of them a project added itself\n"
             " * (status local, from files after codes.csv). */\n",
    "LOCAL_COUNT": ""}
SPELLING_MAX, MEANING_MAX, CONSIDERED_MAX = 64, 200, 200    # longest text a column may hold
CONSIDERED = "phrases-considered.csv"     # read from beside the first CSV
REASONS = ("ambiguous", "data", "generic", "wrong-code", "too-long", "unregistered")
ALIAS_RE = re.compile(r"([^\[\]]*?)\s*\[([^\[\]]*)\]\Z")
# sipcode_effective() maps an unregistered 1xx to 183 and any other
# unregistered xyz to x00, so each of these must be a registered row.
EFFECTIVE_TARGETS = (183, 200, 300, 400, 500, 600)
OUTPUTS = {"header": "include/sipcode_codes.h", "codes": "src/code_table.inc",
           "phrases": "src/phrase_hash.inc", "expected": "tests/expected.inc",
           "meanings": "cli/meanings.inc", "considered": "tests/considered.inc"}
REQUIRED_DIRS = ("include", "src")     # a vendored copy may leave out tests/ and cli/


@record
class Row(Record):
    code_text: str
    phrase: str
    class_text: str
    reference: str
    status: str
    name: str
    shares_phrase_with: str
    aliases_text: str
    meaning: str
    code: int = derived()           # None until the code column checks out
    rfc: int = derived(0)           # 0 for a local code that no RFC defines
    constant: str = derived("")     # after SIPCODE_: the name column or default_name(phrase)
    aliases: list = derived()       # (spelling, [source ...])
    local: bool = derived(False)    # from a file after codes.csv
    extends: "Row" = derived()      # the codes.csv row a local row adds aliases to


# How a local row that repeats a code of codes.csv may use each column: the
# code names the row, "same" columns are repeated exactly, "optional" ones
# may be empty (or equal), "added" is what the row adds. load() refuses to
# run while a column has no rule.
MERGE = {"code": "key", "phrase": "same", "class": "same", "reference": "same",
         "status": "same", "name": "optional", "shares_phrase_with": "optional",
         "meaning": "optional", "aliases": "added"}

Key = collections.namedtuple("Key", "code row spelling")   # who owns a phrase key


def enum(kind, word):
    """The C enumerator of a CSV word: enum("CLASS", "client-error")."""
    return "SIPCODE_%s_%s" % (kind, word.upper().replace("-", "_"))


def reserved(name, api):
    """True when SIPCODE_<name> is taken or may be taken by the API: a name
    the generated header defines or the hand-written headers use (api), or one
    in the family of such a name (CLASS_, IS_, E_ ...) unless the family's word
    is itself a name (SIPCODE_VERSION: 505 keeps VERSION_NOT_SUPPORTED)."""
    word = name.split("_")[0]
    return name in HEADER_MACROS or name == "CODES_H" or name in api or \
        word not in api and any(n.startswith(word + "_") for n in api)


def spelling_problem(text, longest=SPELLING_MAX):
    bad = [c for c in text if not (0x20 <= ord(c) <= 0x7E)]
    return ("is empty" if text == "" else
            "has a character outside printable ASCII (%r)" % bad[0] if bad else
            "has leading or trailing spaces" if text != text.strip() else
            "contains '|', '[' or ']'" if any(c in text for c in "|[]") else
            "is longer than %d characters" % longest if len(text) > longest else
            "has no letter or digit" if normalise(text) == "" else None)


def check_row(table, row):
    """Checks that need only the row itself."""
    err = lambda msg: table.error(row.path, row.line, msg)
    if CODE_RE.match(row.code_text):
        row.code = int(row.code_text)
    else:
        err("code %r is not a three-digit number in 100..699" % row.code_text)
    if spelling_problem(row.phrase):
        err("phrase%s %s" % (" %r" % row.phrase if row.phrase else "",
                             spelling_problem(row.phrase)))
    if row.class_text not in CLASSES.values():
        err("class %r is not one of %s" % (row.class_text, ", ".join(CLASSES.values())))
    elif row.code is not None and CLASSES[row.code // 100] != row.class_text:
        err("class %r disagrees with code %d, which is %s"
            % (row.class_text, row.code, CLASSES[row.code // 100]))
    m = REFERENCE_RE.match(row.reference)
    row.rfc = int(m.group(1)) if m else 0
    if row.rfc > 65535:
        err("reference %r is out of range" % row.reference)
    elif not m and not (row.reference == "" and row.status == "local"):
        err("reference %r is not of the form RFC1234%s" % (row.reference,
            "" if row.status == "local" else " (only a local code may leave it empty)"))
    if row.status not in STANDINGS:
        err("status %r is not one of %s" % (row.status, ", ".join(STANDINGS)))
    elif row.local and row.extends is None and row.status != "local":
        err("status %r: a code that %s does not have is added with status local"
            % (row.status, table.first))
    elif not row.local and row.status == "local":
        err("status 'local' is for codes added by a local file, not for %s" % row.path)
    row.constant = row.name or (default_name(row.phrase) if row.phrase else "")
    if not NAME_RE.match(row.constant):
        err("constant name %r is not upper-case letters, digits and single '_'" % row.constant)
    elif reserved(row.constant, table.api):
        err("constant name %r is reserved by the API (SIPCODE_%s is taken)"
            % (row.constant, row.constant))
    # An empty meaning is allowed: a row just imported from the registry has
    # none until someone writes it (make registry-check lists them).
    if len(row.meaning) > MEANING_MAX or row.meaning != row.meaning.strip():
        err("meaning is over %d characters or has leading or trailing spaces" % MEANING_MAX)
    if row.shares_phrase_with and not CODE_RE.match(row.shares_phrase_with):
        err("shares_phrase_with %r is not a code" % row.shares_phrase_with)
    row.aliases = []
    for item in row.aliases_text.split("|") if row.aliases_text.strip() else ():
        m = ALIAS_RE.match(item.strip())
        spelling, sources = m.group(1) if m else "", m.group(2).split() if m else []
        unknown = [s for s in sources if s not in table.sources]
        if not m:
            err("alias %r is not 'spelling [source ...]'" % item.strip())
        elif spelling_problem(spelling):
            err("alias%s %s" % (" %r" % spelling if spelling else "", spelling_problem(spelling)))
        elif not sources:
            err("alias %r names no source" % spelling)
        elif unknown:
            err("alias %r cites source %r, which no '#@source' line declares"
                % (spelling, unknown[0]))
        else:
            row.aliases.append((spelling, sources))


def check_table(table):
    """Checks across rows: duplicates, names, and the phrase keys; returns
    {key: Key}, canonical phrases first so that an alias colliding with a
    phrase is reported on the alias's line."""
    by_code, by_name, keys = {}, {}, {}
    for row in table.rows:
        for index, value, what in ((by_code, row.code, "code %s already defined at %s"),
                                   (by_name, row.constant, "constant name %s already used at %s")):
            if value and value in index:
                table.error(row.path, row.line, what % (value, index[value].where()))
            elif value:
                index[value] = row
    for row in table.rows:
        key, err = normalise(row.phrase), lambda msg: table.error(row.path, row.line, msg)
        owner, text = keys.get(key), row.shares_phrase_with
        target = by_code.get(int(text)) if text.isdigit() else None
        if row.code is None or not key:
            continue
        elif not text and owner is not None:
            err("phrase %r of %d collides with %r of %d (%s); if the two codes really share "
                "it, name the code that keeps the phrase in shares_phrase_with"
                % (row.phrase, row.code, owner.spelling, owner.code, owner.row.where()))
        elif not text:
            keys[key] = Key(row.code, row, row.phrase)
        elif target is None or target is row:
            err("shares_phrase_with %s names no other row" % text)
        elif normalise(target.phrase) != key:
            err("shares_phrase_with %s, but %r and %r are different phrases"
                % (text, row.phrase, target.phrase))
        elif target.shares_phrase_with:
            err("shares_phrase_with %s, which itself shares its phrase" % text)
    for row in table.rows + table.alias_rows:
        for spelling, _ in row.aliases if row.code is not None else ():
            key, owner = normalise(spelling), keys.get(normalise(spelling))
            if key == normalise(row.phrase):
                table.error(row.path, row.line, "alias %r is the phrase %r once normalised; "
                            "drop it" % (spelling, row.phrase))
            elif owner is None:
                keys[key] = Key(row.code, row, spelling)
            elif owner.code == row.code:
                table.error(row.path, row.line, "alias %r repeats %r once normalised"
                            % (spelling, owner.spelling))
            else:
                table.error(row.path, row.line, "alias %r of %d collides with %r of %d (%s)"
                            % (spelling, row.code, owner.spelling, owner.code, owner.row.where()))
    return keys


def merge_local(table):
    """Take local rows that name a code of codes.csv out of the table: they
    may add aliases to it, and any other difference is an error naming both
    lines, so that a local file can never quietly redefine a registered code."""
    columns = Row.columns()
    for row in [r for r in table.rows if r.extends is not None]:
        base = row.extends
        for column, rule in MERGE.items():
            mine, theirs = getattr(row, columns[column]), getattr(base, columns[column])
            theirs = base.constant if column == "name" else theirs
            if mine != theirs and (rule == "same" or rule == "optional" and mine):
                table.error(row.path, row.line, "%s %r differs from %r at %s: a local row may "
                            "add aliases to code %s, never change it"
                            % (column, mine, theirs, base.where(), base.code_text))
        if not row.aliases_text.strip():
            table.error(row.path, row.line, "code %s is already at %s and this row adds no "
                        "alias" % (base.code_text, base.where()))
        table.alias_rows.append(row)
        table.rows.remove(row)


def load(paths):
    """Read and check codes.csv and any local files; (Table, {key: Key})."""
    columns, rules = set(Row.columns()), set(MERGE)
    if columns != rules:
        raise Failure("%s: MERGE must give every column a rule (how a local row may use it); "
                      "without a rule: %s; not a column: %s" % (
                          GENERATOR, ", ".join(sorted(columns - rules)) or "-",
                          ", ".join(sorted(rules - columns)) or "-"))
    table = Table(paths[0])
    table.rows, table.alias_rows, table.api = [], [], tables.api_names()
    registered = {}
    for path in paths:
        for row in tables.read_records(table, path, Row):
            row.local = path != paths[0]
            if row.local:
                row.extends = registered.get(row.code_text)
            else:
                registered.setdefault(row.code_text, row)
            table.rows.append(row)
    for row in table.rows:
        check_row(table, row)
    merge_local(table)
    table.need_date()
    keys = check_table(table)
    table.considered = check_considered(table, keys, considered_path(paths))
    by_code = {row.code: row for row in table.rows if row.code is not None}
    for code in EFFECTIVE_TARGETS if table.rows else ():
        if code not in by_code:
            table.error(table.first, table.header_lines.get(table.first, 1), "no row for code "
                        "%d, which sipcode_effective() gives for unregistered codes of its "
                        "class" % code)
        elif by_code[code].status == "historic":
            table.error(by_code[code].path, by_code[code].line, "code %d is historic, but "
                        "sipcode_effective() gives it for unregistered codes of its class, so "
                        "it must be registered" % code)
    if not table.rows and not table.errors:
        table.error(paths[0], 1, "no rows")
    table.rows.sort(key=lambda r: r.code or 0)
    return table, keys


def load_using_codes(path, codes_path, kind, check_row, check_table):
    """The checked rows of a table whose codes must be rows of codes.csv
    (q850.csv, outcomes.csv); refuses on any problem in either file."""
    table = Table()
    codes_table, _ = load([codes_path])
    table.errors.extend(codes_table.errors)
    codes = {r.code for r in codes_table.rows if r.code is not None}
    rows, whole = tables.read_checked(table, path, kind, lambda r: check_row(table, r, codes))
    check_table(table, path, rows, whole)
    if not rows and not table.errors:
        table.error(path, 1, "no rows")
    if table.errors:
        tables.refuse(table.errors, [path, codes_path])
    return rows


# ------------------------------------------------------ phrases considered

@record
class Considered(Record):
    """A phrase a product sends on code that is deliberately not an alias."""
    code_text: str
    phrase: str
    source: str
    resolves_text: str
    reason: str
    detail: str
    code: int = derived()
    resolves: int = derived()   # what sipcode_from_phrase() must give: 0 or another code


def considered_path(paths):
    return os.path.join(os.path.dirname(paths[0]), CONSIDERED)


def considered_row_ok(table, row):
    """Checks that need only the row itself; True when the row can take part
    in the checks against the table."""
    errors = len(table.errors)
    err = lambda msg: table.error(row.path, row.line, msg)
    if CODE_RE.match(row.code_text):
        row.code = int(row.code_text)
    else:
        err("code %r is not a three-digit number in 100..699" % row.code_text)
    if row.resolves_text == "0" or CODE_RE.match(row.resolves_text):
        row.resolves = int(row.resolves_text)
        if row.resolves == row.code:
            err("resolves %d is the row's own code: a phrase that resolves to its code is an "
                "alias, not a rejected phrase" % row.code)
    else:
        err("resolves %r is neither 0 nor a code in 100..699" % row.resolves_text)
    if row.phrase == "" or row.phrase != row.phrase.strip() or normalise(row.phrase) == "":
        err("phrase %r is empty, has no letter or digit, or has leading or trailing spaces"
            % row.phrase)
    elif len(row.phrase) > CONSIDERED_MAX:
        err("phrase is longer than %d characters" % CONSIDERED_MAX)
    ok = len(table.errors) == errors
    tables.check_sources(table, row, row.source, "name the product that sends the phrase")
    if row.reason not in REASONS:
        err("reason %r is not one of %s" % (row.reason, ", ".join(REASONS)))
    return ok


def check_considered(table, keys, path):
    """Reads the considered phrases and checks them against the phrase keys of
    the registered table: none may resolve to the code it is rejected for,
    each resolves as its row says, and an ambiguous one is seen on two codes.
    Returns [(row, code the library gives)]."""
    rows = [r for r in (tables.read_records(table, path, Considered)
                        if os.path.exists(path) else ()) if considered_row_ok(table, r)]
    limit = phrase_max(table, keys) if keys and table.rows else 0
    seen, codes_of, out = {}, {}, []
    for row in rows:
        key = normalise(row.phrase)
        codes_of.setdefault(key, set()).add(row.code)
        first = seen.setdefault((row.code, key), row)
        if first is not row:
            table.error(row.path, row.line, "phrase %r on %d repeats %r at line %d once "
                        "normalised" % (row.phrase, row.code, first.phrase, first.line))
    for row in rows:
        key, err = normalise(row.phrase), lambda msg: table.error(row.path, row.line, msg)
        owner = keys.get(key) if len(row.phrase) <= limit else None
        registered = owner if owner is not None and not owner.row.local else None
        if registered is not None and registered.code == row.code:
            err("phrase %r is both a spelling of %d (%s) and rejected for it here"
                % (row.phrase, row.code, registered.row.where())
                if registered.spelling == row.phrase else
                "phrase %r is rejected for %d but resolves to it anyway through %r (%s)"
                % (row.phrase, row.code, registered.spelling, registered.row.where()))
            continue
        gives = registered.code if registered is not None else 0
        if gives != row.resolves:
            err("phrase %r resolves to %d, not %d as the resolves column says"
                % (row.phrase, gives, row.resolves))
        if row.reason == "ambiguous" and len(codes_of[key]) < 2:
            err("phrase %r is called ambiguous but no other row has it on another code"
                % row.phrase)
        out.append((row, owner.code if owner is not None else 0))
    return out


# ---------------------------------------------------------------- emitters

def head(table, sources, what):
    return tables.banner(GENERATOR, sources, what, "Checked against the IANA SIP Response "
                         "Codes registry of %s; gperf %s." % (table.registry_date, GPERF_VERSION))


def phrase_max(table, keys):
    longest = max([len(r.phrase) for r in table.rows] + [len(k.spelling) for k in keys.values()])
    return (2 * longest + 15) // 16 * 16


def emit_header(table, keys, sources):
    values = {"REGISTRY_DATE": '"%s"' % table.registry_date,
              "PHRASE_MAX": phrase_max(table, keys), "COUNT": len(table.rows),
              "LOCAL_COUNT": sum(r.local for r in table.rows)}
    out = [head(table, sources, "Named constants, one per row of the table."),
           "#ifndef SIPCODE_CODES_H\n#define SIPCODE_CODES_H\n\n"]
    out += ["%s#define SIPCODE_%s %s\n" % (HEADER_MACROS[n], n, values[n]) for n in HEADER_MACROS]
    out.append("\n")
    for row in table.rows:
        where = (["RFC %d" % row.rfc] if row.rfc else []) + \
            ([] if row.status == "current" else [row.status])
        out.append("/* %d %s (%s) */\n#define SIPCODE_%s %d\n"
                   % (row.code, row.phrase, ", ".join(where), row.constant, row.code))
    return "".join(out) + "\n#endif\n"


def info_init(row):
    """The row's struct sipcode_info (include/sipcode.h)."""
    return init(code=row.code, rfc=row.rfc, cls=enum("CLASS", row.class_text),
                standing=enum("STANDING", row.status), final=int(row.code >= 200),
                flags="SIPCODE_FLAG_PHRASE_SHARED" if row.shares_phrase_with else "0")


def emit_code_table(table, sources, phrase_at):
    """phrase_at: each phrase's offset in the spelling pool of
    src/phrase_hash.inc, which holds it NUL-terminated."""
    rows = table.rows
    if len(rows) > 255:
        raise Failure("%s: %d rows do not fit the 8-bit index" % (sources[0], len(rows)))
    return "".join([
        head(table, sources, "Code -> metadata: a dense 8-bit index over 100..699 into\n * an "
             "array of entries, and beside it each entry's phrase as an offset\n * into the "
             "spelling pool of src/phrase_hash.inc."), "\n",
        array("static const struct sipcode_info sipcode_entries[%d]" % len(rows),
              ("/* %2d */ %s" % (i, info_init(row)) for i, row in enumerate(rows))),
        "\n/* Offset of each entry's phrase in sipcode_ph.spellings, entry for entry. */\n",
        array("static const unsigned short sipcode_phrase_at[%d]" % len(rows),
              ("/* %d */ %d" % (row.code, phrase_at[row.phrase]) for row in rows)),
        "\n/* sipcode_entries index + 1 for each code in 100..699, 0 for none */\n",
        array("static const unsigned char sipcode_slot[600]",
              ("[%d - 100] = %d" % (row.code, i + 1) for i, row in enumerate(rows))), "\n",
        tables.asserts("SIPCODE_GEN", [
            ("slot_covers_100_to_699", "sizeof sipcode_slot == 600"),
            ("row_count", "sizeof sipcode_entries / sizeof sipcode_entries[0] == SIPCODE_COUNT")]
            + [(r.constant.lower(), "SIPCODE_%s == %d" % (r.constant, r.code)) for r in rows])])


def phrase_code(row):
    """The code the row's phrase resolves to: its own, or the one it shares."""
    return int(row.shares_phrase_with or row.code)


def emit_expected(table, sources):
    """The rows and every spelling as plain data for tests/test_sipcode.c, so
    the tests check the lookups against the CSV rather than against the
    tables the lookups read."""
    spellings = []
    for r in table.rows + table.alias_rows:
        spellings += ([] if r.extends else [(r.phrase, phrase_code(r))]) + \
            [(a, r.code) for a, _ in r.aliases]
    return "".join([
        head(table, sources, "Expected answers for tests/test_sipcode.c."), "\n",
        array("static const struct expected_row expected_rows[]", (init(
            code=r.code, phrase=c_string(r.phrase), rfc=r.rfc, standing=enum("STANDING", r.status),
            shares_with=int(r.shares_phrase_with or 0), phrase_code=phrase_code(r))
            for r in table.rows)),
        "\n/* Every spelling in the table and the code it resolves to. */\n",
        array("static const struct expected_spelling expected_spellings[]",
              (init(spelling=c_string(s), code=c) for s, c in spellings))])


def emit_meanings(table, sources):
    """One line per code for the tool (0 where the row has none yet); kept
    out of the library, whose size budget is for lookups."""
    return head(table, sources, "What each code means, for the sipcode tool.") + "\n" + array(
        "static const struct keyed_text meanings[]",
        (init(key=r.code, text=c_string(r.meaning) if r.meaning else 0) for r in table.rows))


def emit_considered(table, sources):
    """Every considered phrase and the code the library gives for it, for
    tests/test_phrases.c; ends with a NULL row so that it is never empty."""
    return head(table, sources + [CONSIDERED], "Phrases products send that are not aliases, "
                "and what sipcode_from_phrase() gives\n * for each; for tests/test_phrases.c.") \
        + "\n" + array("static const struct considered_phrase considered_phrases[]", [
            init(line=r.line, phrase=c_string(r.phrase), code=r.code, resolves=gives,
                 reason=c_string(r.reason)) for r, gives in table.considered] +
            [init(line=0, phrase=0, code=0, resolves=0, reason=0)])


def generate(paths, outdir, gperf):
    """Check, emit and write; the summary line. Raises Failure."""
    table, keys = load(paths)
    if table.errors:
        tables.refuse(table.errors, paths + [considered_path(paths)])
    missing = [d for d in REQUIRED_DIRS if not os.path.isdir(os.path.join(outdir, d))]
    if missing:
        raise Failure("%s has no %s/ directory: --outdir must name the top of a sipcode tree"
                      % (outdir, missing[0]))
    sources = [os.path.basename(p) for p in paths]
    phrases, phrase_at = emit_phrase_hash(keys, gperf, head(
        table, sources, "Phrase -> code: the tables of sipcode_from_phrase() (src/"
        "sipcode.c),\n * around a perfect hash made by gperf (its weight of each byte), and "
        "the\n * phrases sipcode_phrase() returns. Included by src/sipcode.c only; never\n"
        " * compile it alone."), sources[0], [r.phrase for r in table.rows])
    texts = {"header": emit_header(table, keys, sources),
             "codes": emit_code_table(table, sources, phrase_at),
             "phrases": phrases,
             "expected": emit_expected(table, sources),
             "meanings": emit_meanings(table, sources),
             "considered": emit_considered(table, sources)}
    return "%d codes (%d local), %d phrase keys; %s" % (
        len(table.rows), sum(r.local for r in table.rows), len(keys),
        tables.write_outputs(outdir, OUTPUTS, texts))


main = tables.command(GENERATOR, __doc__, [("csv", "codes.csv, then any local files", "+")],
                      lambda args: generate(args.csv, args.outdir, args.gperf),
                      [("--gperf", os.environ.get("GPERF", "gperf"), "gperf 3.1 to run")])

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
