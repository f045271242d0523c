# SPDX-License-Identifier: MIT
"""Phrase -> code: the normalisation rule and the lookup's tables.

A spelling's key is its ASCII letters, lower-cased, and its digits; the C
lookup folds each query byte the same way (fold_byte). gperf 3.1 is asked for
a perfect hash over the keys, weighing every position, and this module turns
its weights into the one-pass lookup of src/sipcode.c. Used by
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
    because the lookup keeps the query's bytes as they came, in either case.
    The tables and the lookup around the hash are emitted below."""
    out = ["%language=ANSI-C\n%ignore-case\n%%\n"]
    for key in sorted(keys):
        out.append("%s\n" % key)
    return "".join(out)


def gperf_command(gperf):
    return [gperf, "--key-positions=*", "--multiple-iterations=10"]


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


def c_block(member, values, per_line=16, width=3):
    """The designated initialiser of one array member (member "" for an
    element of an array member)."""
    out = ["    %s{\n" % (".%s = " % member if member else "")]
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


def emit_phrase_hash(keys, gperf, head, source):
    """Phrase -> code: the tables of the lookup in src/sipcode.c, after head,
    the banner. keys: {key: (code, ...)}; source names the table in messages."""
    hash_ = GperfHash(run_gperf(gperf, keys))
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
                      % (source, len(order)))
    stype = "unsigned char" if len(order) <= 254 else "unsigned short"
    pool, at = key_pool(order)
    if len(pool) > 65535:
        raise Failure("%s: key pool of %d bytes does not fit 16-bit offsets"
                      % (source, len(pool)))
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
    out = [head,
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
            "     * gen/phrase_hash.py, weight_of). */\n",
            c_block("weight", [weight_of(hash_, b) for b in range(256)], 8, 6)]
    if adjusts:
        out.append("    /* adjust: per key position where gperf weighs byte + inc, the\n"
                   "     * difference from the weight of the byte itself. */\n    .adjust = {\n")
        for a in adjusts:
            out.append(c_block("", a, 16, 4).replace("\n    ", "\n        ").replace("    {", "        {", 1))
        out.append("    },\n")
    out += ["    /* slot: hash value -> entry; entry 0 is empty. */\n",
            c_block("slot", slots),
            "    /* len, at, code: each entry's key length, its offset in keys, and its\n"
            "     * code. */\n",
            c_block("len", lengths), c_block("at", [0] + [at[k] for k in order], 12, 4),
            c_block("code", [0] + [keys[k][0] for k in order]),
            "    /* keys: lower case; the ones shorter than 8 bytes padded with spaces.\n"
            "     * Character constants, as C99 promises string literals of 4095 bytes\n"
            "     * only. */\n    .keys = {\n"]
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
