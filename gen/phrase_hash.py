# SPDX-License-Identifier: MIT
"""Phrase -> code: the normalisation rule and the lookup's tables.

A spelling's key is its ASCII letters, lower-cased, and its digits; the C
lookup folds each query byte the same way (fold_byte). gperf 3.1 is asked for
a perfect hash over the keys, weighing every position, and this module turns
its weights into the one-pass hash of src/sipcode.c, which then compares the
query with the one spelling stored for its key. The spellings' pool also
holds the registry phrases that sipcode_phrase() returns. Used by
gen/sipcode_gen.py. Python 3 standard library only.
"""

import re
import subprocess

from tables import Failure

GPERF_VERSION = "3.1"


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


def gperf_input(keys):
    """gperf is asked for a hash function only: the weight of each byte, over
    every key position (-k'*'), so that the lookup can add the weights up
    while it reads the query. --ignore-case gives 'A' the weight of 'a',
    because the lookup reads the query's bytes as they came, in either case.
    keys holds one key per anagram group (see emit_phrase_hash)."""
    out = ["%language=ANSI-C\n%ignore-case\n%%\n"]
    for key in sorted(keys):
        out.append("%s\n" % key)
    return "".join(out)


def gperf_command(gperf):
    return [gperf, "--key-positions=*", "--multiple-iterations=50"]


def run_gperf(gperf, keys):
    try:
        version = subprocess.run([gperf, "--version"], capture_output=True, text=True)
    except OSError as e:
        raise Failure("gperf: cannot run %r: %s (install gperf %s, or set GPERF)"
                      % (gperf, e.strerror, GPERF_VERSION))
    first = (version.stdout.splitlines() or [""])[0]
    if first != "GNU gperf %s" % GPERF_VERSION:
        raise Failure("gperf: %r reports %r; the committed tables are made with GNU gperf %s "
                      "so that regeneration gives the same bytes" % (gperf, first, GPERF_VERSION))
    result = subprocess.run(gperf_command(gperf), input=gperf_input(keys), capture_output=True,
                            text=True)
    if result.returncode != 0:
        raise Failure("gperf: exit status %d: %s" % (result.returncode, result.stderr.strip()))
    return result.stdout


class GperfHash:
    """The hash gperf made over every position: hval = len + the sum, over
    the key's bytes, of asso[byte]. Given no two keys with the same bytes in
    another order, gperf needs no weight that depends on the position."""

    def __init__(self, text):
        start = text.index("hash (")
        body = text[start:text.index("\n}\n", start)]
        found = re.findall(r"asso_values\[\(unsigned char\)str\[(\d+)\]\]", body)
        if "register unsigned int hval = len;" not in body or "+1]" in body or \
                sorted(int(p) for p in found) != list(range(len(found))):
            raise Failure("gperf: unexpected hash function:\n%s" % body)
        table = text[text.index("asso_values[] ="):]
        table = table[table.index("{") + 1:table.index("}")]
        self.asso = [int(v) for v in table.replace(",", " ").split()]
        self.max_hash = int(re.search(r"MAX_HASH_VALUE (\d+)", text).group(1))

    def __call__(self, key):
        return len(key) + sum(self.asso[c] for c in key.encode("ascii"))


def spelling_pool(spellings, phrases):
    """(pool, at, phrase_at): every spelling and every registry phrase in
    one string, at and phrase_at their offsets. A phrase is stored as
    written and ended by a NUL (sipcode_phrase() returns it); the lookup's
    compare ignores case, so a spelling may lie inside any text of the pool
    with the same letters in other cases. Longest first: a phrase goes
    where it is already followed by a NUL, else to the end; a spelling goes
    where its letters already are, else to the end, and when it ends with a
    phrase not yet stored, that phrase takes its last bytes and a NUL
    after them."""
    phrases = set(phrases)
    pool, at, phrase_at = "", {}, {}
    for text in sorted(set(spellings) | phrases, key=lambda t: (-len(t), t not in phrases, t)):
        if text in phrases:
            if text not in phrase_at:
                where = pool.find(text + "\0")
                if where < 0:
                    where = len(pool)
                    pool += text + "\0"
                phrase_at[text] = where
            at[text] = phrase_at[text]
            continue
        where = pool.lower().find(text.lower())
        if where < 0:
            where = len(pool)
            tails = [p for p in phrases if p not in phrase_at and len(p) < len(text) and
                     text.lower().endswith(p.lower())]
            if tails:
                tail = max(tails, key=lambda p: (len(p), p))
                pool += text[:len(text) - len(tail)]
                phrase_at[tail] = len(pool)
                pool += tail + "\0"
            else:
                pool += text
        at[text] = where
    return pool, at, phrase_at


def c_block(member, values, per_line=16, width=3):
    """The designated initialiser of one array member."""
    out = ["    .%s = {\n" % member]
    for i in range(0, len(values), per_line):
        out.append("        " + ", ".join("%*d" % (width, v) for v in values[i:i + per_line])
                   + ",\n")
    out.append("    },\n")
    return "".join(out)


# How the slot of a hash value may be found, cheapest first: (mul, shift)
# of h * mul >> shift, which x86-64 computes in one shift, or in a lea and a
# shift. (0, 0) is the plain table of entries.
SLOT_SCALES = [[(1, s) for s in range(1, 9)], [(m, s) for m in (3, 5, 9) for s in range(2, 9)]]


def slot_encoding(first, max_hash):
    """(mul, shift, pad, slots): the slot table in bytes, each the first
    entry of its hash value less h * mul >> shift, when some scale in
    SLOT_SCALES fits every entry (the entries follow the hash values, so
    the line tracks them); pad empty entries come first so that no value
    is negative, the fewest of the cheapest scales. A hash value of no key
    gets 0. Otherwise the plain entries in 16 bits. first: {hash value:
    index of its first entry from 0}."""
    best = None
    for scales in SLOT_SCALES:
        for mul, shift in scales:
            d = [e - (h * mul >> shift) for h, e in first.items()]
            pad = max(1, 1 - min(d))
            if max(d) + pad <= 255 and (best is None or pad < best[2]):
                best = (mul, shift, pad)
        if best is not None:
            break
    if best is None:
        mul, shift, pad = 0, 0, 1
    else:
        mul, shift, pad = best
    slots = [0] * (max_hash + 1)
    for h, e in first.items():
        slots[h] = e + pad - (h * mul >> shift)
    return mul, shift, pad, slots


def weight_of(hash_, b):
    """What the lookup adds up for query byte b: for a kept byte, gperf's
    weight and 1 more for its len term, so that the sum is the hash; 0 for
    a dropped byte (tab, space, ASCII punctuation), which is how the key
    compare knows it. A rejecting byte (control, DEL, 0x80-0xFF) weighs
    REJECT_WEIGHT, which puts the hash of any query holding one past the
    table, so that the compares only ever see letters, digits and dropped
    bytes."""
    if fold_byte(b) == 0:
        return 0
    if fold_byte(b) == 0x80:
        return REJECT_WEIGHT
    return hash_.asso[b] + 1


# Past any hash value; SIPCODE_PHRASE_MAX bytes of it still fit 32 bits.
REJECT_WEIGHT = 1 << 15


def emit_phrase_hash(keys, gperf, head, source, phrases):
    """(text, phrase_at). text: phrase -> code, the tables of the lookup in
    src/sipcode.c, after head, the banner. keys: {key: Key(code, row,
    spelling)}; source names the table in messages; phrases: the registry's
    phrases, which the spelling pool holds NUL-terminated for
    sipcode_phrase(), phrase_at their offsets. Keys with the same bytes in
    another order share one hash value, so gperf is given the first of each
    such group, and the lookup tries the group's entries one after the
    other."""
    groups = {}
    # In a group, a row's own phrase first: the first entry is the fast one.
    for key in sorted(keys, key=lambda k: (keys[k].spelling != keys[k].row.phrase, k)):
        groups.setdefault("".join(sorted(key)), []).append(key)
    hash_ = GperfHash(run_gperf(gperf, [g[0] for g in groups.values()]))
    if REJECT_WEIGHT <= hash_.max_hash:
        raise Failure("gperf: hash values up to %d leave no room for the weight of a rejected "
                      "byte (%d)" % (hash_.max_hash, REJECT_WEIGHT))
    by_hash = {}
    for group in groups.values():
        h = hash_(group[0])
        if h in by_hash or h > hash_.max_hash:
            raise Failure("gperf: key %r hashes to %d, which is taken or past the table; "
                          "gperf's hash is not perfect for this key set" % (group[0], h))
        by_hash[h] = group
    order = [key for h in sorted(by_hash) for key in by_hash[h]]
    spellings = [keys[k].spelling for k in order]
    if len(order) > 65534 or max(len(t) for t in spellings) > 255:
        raise Failure("%s: %d phrase keys, or a spelling of %d bytes, do not fit the slot and "
                      "length tables" % (source, len(order), max(len(t) for t in spellings)))
    pool, at, phrase_at = spelling_pool(spellings, phrases)
    if len(pool) > 65535:
        raise Failure("%s: spelling pool of %d bytes does not fit 16-bit offsets"
                      % (source, len(pool)))
    first, index = {}, 0
    for h in sorted(by_hash):
        first[h] = index
        index += len(by_hash[h])
    mul, shift, pad, slots = slot_encoding(first, hash_.max_hash)
    # pad empty entries first, and one more after the last: the lookup looks
    # at entry e + 1 of any entry e, and a length of 0 matches no query it
    # compares.
    empty = [0] * pad
    lengths = empty + [len(t) for t in spellings] + [0]
    reach = max(slots[h] + (h * mul >> shift) for h in range(len(slots))) + 1
    if reach >= len(lengths):
        raise Failure("%s: a hash value gives entry %d, past the %d entries"
                      % (source, reach - 1, len(lengths)))
    next_bits = [0] * ((len(lengths) + 7) // 8)
    for e, key in enumerate(order, pad):
        if key != by_hash[hash_(key)][-1]:
            next_bits[e >> 3] |= 1 << (e & 7)
    out = [head,
           "/* gperf %s; %d keys, the longest %d bytes; the longest spelling %d. */\n"
           % (" ".join(gperf_command("gperf")[1:]), len(order), max(len(k) for k in order),
              max(len(t) for t in spellings)),
           "#define SIPCODE_HASH_MAX %d\n" % hash_.max_hash,
           "/* Hash value h -> its first entry: slot[h] + (h * SIPCODE_SLOT_MUL >>\n"
           " * SIPCODE_SLOT_SHIFT). */\n",
           "#define SIPCODE_SLOT_MUL %du\n#define SIPCODE_SLOT_SHIFT %d\n\n" % (mul, shift),
           "/* One object, so that the lookup reaches every table from one address. */\n"
           "static const struct {\n"
           "    unsigned weight[256];\n",
           "    unsigned %s slot[%d];\n" % ("char" if max(slots) < 256 else "short", len(slots)),
           "    unsigned char len[%d];\n" % len(lengths),
           "    unsigned short at[%d];\n" % len(lengths),
           "    unsigned short code[%d];\n" % len(lengths),
           "    unsigned char same_hash_next[%d];\n" % len(next_bits),
           "    char spellings[%d];\n" % len(pool),
           "} sipcode_ph = {\n",
           "    /* weight: query byte -> gperf's weight + 1 if kept, 0 if dropped,\n"
           "     * past any hash if rejected (see gen/phrase_hash.py, weight_of). */\n",
           c_block("weight", [weight_of(hash_, b) for b in range(256)], 8, 6),
           "    /* slot: hash value -> first entry, less h * SIPCODE_SLOT_MUL >>\n"
           "     * SIPCODE_SLOT_SHIFT. A hash value of no key gives an entry that\n"
           "     * cannot match: any entry would do (see src/sipcode.c). */\n",
           c_block("slot", slots),
           "    /* len, at, code: each entry's spelling length, its offset in\n"
           "     * spellings, and its code. Entries of one hash value follow each\n"
           "     * other; %d empty ones come first, one last. */\n" % pad,
           c_block("len", lengths),
           c_block("at", empty + [at[t] for t in spellings] + [0], 12, 4),
           c_block("code", empty + [keys[k].code for k in order] + [0]),
           "    /* same_hash_next: bit e %% 8 of byte e / 8 is set when entry e + 1\n"
           "     * has the hash of entry e (their keys have the same bytes in another\n"
           "     * order). */\n",
           c_block("same_hash_next", next_bits),
           "    /* spellings: the spelling of each key, as codes.csv has it but for\n"
           "     * the case of a spelling that shares another's bytes, and each\n"
           "     * registry phrase exactly, ended by a NUL (what sipcode_phrase()\n"
           "     * returns). Character constants, as C99 promises string literals of\n"
           "     * 4095 bytes only. */\n    .spellings = {\n"]
    for i in range(0, len(pool), 12):
        out.append("        %s,\n" % ", ".join(c_char(c) for c in pool[i:i + 12]))
    out.append("    },\n};\n")
    return "".join(out), phrase_at


def c_char(c):
    """The C character constant of c, printable ASCII or NUL."""
    return {"'": "'\\''", "\\": "'\\\\'", "\0": "'\\0'"}.get(c, "'%s'" % c)
