#!/usr/bin/env python3
"""make size: the sections of the static library, all its objects added up,
against the budget of issue 6: at most 10 KiB of code and read-only data
(.text, .rodata and .eh_frame, which is loaded read-only with them) and no
.data or .bss at all (.data.rel.ro counts as data: it is written at load).

    size.py LIBRARY [SIZE]      SIZE is binutils' size (default: size)

Exit 1 when code and read-only data exceed the budget by more than 10
percent or any data or bss byte exists; 0 otherwise.
"""

import subprocess
import sys

BUDGET = 10 * 1024
TOLERANCE = 0.10


def kind(section):
    for prefix, what in ((".text", "text"), (".rodata", "rodata"), (".eh_frame", "eh_frame"),
                         (".data", "data"), (".bss", "bss"), (".tbss", "bss"), (".tdata", "data")):
        if section == prefix or section.startswith(prefix + "."):
            return what
    return None


def main(argv):
    if len(argv) not in (2, 3):
        sys.stderr.write("usage: size.py LIBRARY [SIZE]\n")
        return 2
    tool = argv[2] if len(argv) == 3 else "size"
    out = subprocess.run([tool, "-A", argv[1]], stdout=subprocess.PIPE, universal_newlines=True,
                         check=True).stdout
    totals = dict.fromkeys(("text", "rodata", "eh_frame", "data", "bss"), 0)
    objects = 0
    for line in out.splitlines():
        fields = line.split()
        if line.endswith(":") or "(ex " in line:
            objects += 1
        if len(fields) >= 2 and fields[1].isdigit() and kind(fields[0]):
            totals[kind(fields[0])] += int(fields[1])
    loaded_ro = totals["text"] + totals["rodata"] + totals["eh_frame"]
    print("%s (%d object%s): text %d, rodata %d, eh_frame %d, data %d, bss %d bytes"
          % (argv[1], objects, "" if objects == 1 else "s", totals["text"], totals["rodata"],
             totals["eh_frame"], totals["data"], totals["bss"]))
    failed = False
    miss = loaded_ro / BUDGET - 1
    verdict = ("ok" if miss <= 0 else
               "MISSED by %.1f%% (within the 10%% tolerance)" % (100 * miss) if miss <= TOLERANCE
               else "FAILED: missed by %.1f%%" % (100 * miss))
    failed |= miss > TOLERANCE
    print("  code + read-only data %6d bytes (%.2f KiB)   target <= %d (10 KiB)   %s"
          % (loaded_ro, loaded_ro / 1024, BUDGET, verdict))
    for what in ("data", "bss"):
        ok = totals[what] == 0
        failed |= not ok
        print("  %-21s %6d bytes              target 0                 %s"
              % (what, totals[what], "ok" if ok else "FAILED"))
    print("size: %s" % ("a target missed" if failed else "every target met"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
