#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Writes the benchmark's baseline tables: the lookups a SIP stack writes by
hand, built from the same codes.csv and through the same checks as the
library's own tables, so that every method answers from identical data.

    PYTHONPATH=gen python3 bench/gen_baselines.py CSV OUT     (make bench does this)

It reads the CSV with the generator's own loader (gen/sipcode_gen.py) so that
the normalised keys, and the byte fold applied to queries, are the library's
rule and not a second copy of it. OUT is a build product, never committed.
"""

import os
import sys

sys.dont_write_bytecode = True  # keep gen/ as git has it
import sipcode_gen as gen  # noqa: E402  (from gen/, on PYTHONPATH)
from tables import c_string, init  # noqa: E402


def emit(table, keys):
    rows = table.rows
    out = ["/* Built by bench/gen_baselines.py from codes.csv for bench/; not committed. */\n\n"]

    # code -> phrase: sorted array (linear and binary search), switch, and a
    # plain 600-slot array of metadata for the code -> metadata reference.
    out.append("static const struct bl_code_row bl_codes[%d] = {\n" % len(rows))
    out.extend("    %s,\n" % init(code=r.code, phrase=c_string(r.phrase)) for r in rows)
    out.append("};\n\n")

    out.append("const char *bl_code_switch(int code)\n{\n    switch (code) {\n")
    out.extend("    case %d: return %s;\n" % (r.code, c_string(r.phrase)) for r in rows)
    out.append("    default: return NULL;\n    }\n}\n\n")

    out.append("static const struct sipcode_info bl_plain_info[600] = {\n")
    for r in rows:
        out.append("    [%d - 100] = %s,\n" % (r.code, gen.info_init(r)))
    out.append("};\n\n")
    out.append("static const struct sipcode_info *const bl_info_pointers[600] = {\n")
    out.extend("    [%d - 100] = &bl_plain_info[%d - 100],\n" % (r.code, r.code) for r in rows)
    out.append("};\n\n")

    # phrase -> code. Raw spellings in CSV order for the strcasecmp scan (the
    # first one listed wins, as in a hand-kept table); a spelling whose key
    # another code owns (606's "Not Acceptable") is left out, as sipcode does.
    raw = []
    for r in rows:
        for spelling in [r.phrase] + [a for a, _ in r.aliases]:
            owner = keys.get(gen.normalise(spelling))
            if owner is not None and owner[0] == r.code:
                raw.append((spelling, r.code))
    out.append("static const struct bl_spelling bl_raw[%d] = {\n" % len(raw))
    out.extend("    %s,\n" % init(s=c_string(s), code=c) for s, c in raw)
    out.append("};\n\n")

    # The registry's phrases (rows not historic) with their lengths, for the
    # scan that compares lengths first and then calls strncasecmp. 606 comes
    # after 406 and shares its phrase, so 406 wins, as in sipcode.
    registry = [(r.phrase, r.code) for r in rows if r.status != "historic"]
    out.append("static const struct bl_key bl_registry[%d] = {\n" % len(registry))
    out.extend("    %s,\n" % init(s=c_string(s), len=len(s), code=c) for s, c in registry)
    out.append("};\n\n")

    # Sorted bytewise, as memcmp orders them for the binary search.
    ordered = sorted(keys.items(), key=lambda kv: kv[0].encode("ascii"))
    out.append("static const struct bl_key bl_keys[%d] = {\n" % len(ordered))
    out.extend("    %s,\n" % init(s=c_string(k), len=len(k), code=v.code) for k, v in ordered)
    out.append("};\n\n")

    by_len = {}
    for k, v in ordered:
        by_len.setdefault(len(k), []).append((k, v[0]))
    out.append("static int bl_key_switch(const char *k, size_t n)\n{\n    switch (n) {\n")
    for n in sorted(by_len):
        out.append("    case %d:\n" % n)
        out.extend("        if (memcmp(k, %s, %d) == 0) return %d;\n" % (c_string(k), n, c)
                   for k, c in by_len[n])
        out.append("        return 0;\n")
    out.append("    default: return 0;\n    }\n}\n\n")

    out.append("static const unsigned char bl_fold[256] = {")
    for b in range(256):
        out.append("%s%d," % ("\n    " if b % 16 == 0 else " ", gen.fold_byte(b)))
    out.append("\n};\n")
    return "".join(out)


def main(argv):
    if len(argv) != 3:
        sys.stderr.write("usage: gen_baselines.py CSV OUT\n")
        return 2
    table, keys = gen.load([argv[1]])
    if table.errors:
        sys.stderr.write("".join("%s:%d: %s\n" % e for e in table.errors))
        return 1
    tmp = argv[2] + ".tmp"
    with open(tmp, "w") as f:
        f.write(emit(table, keys))
    os.replace(tmp, argv[2])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
