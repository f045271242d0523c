#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""make size: what each part of the library costs, against its budget.

    size.py LIBRARY [--program PROG] [--size SIZE]

LIBRARY is build/libsipcode.a: each object's code and read-only data
(.text, .rodata and .eh_frame, which is loaded read-only with them) is held
to its budget in BUDGETS below, and no object may have .data or .bss
(.data.rel.ro counts as data: it is written at load). A static link pulls in
an object only when the program calls into it, so the budget of a part is
what a program using that part pays for it.

PROG is build/size_link (bench/size_link.c): a program that calls only
sipcode_info and sipcode_from_phrase, built with -ffunction-sections
-fdata-sections and linked with --gc-sections. Its .text and .rodata
sections together (the C start-up code included) are reported against the
8 KiB goal and held to the guard PROGRAM_GUARD.

Exit 1 when any figure passes its budget by more than 10 percent, an object
has no budget, or any data or bss byte exists; 0 otherwise.
"""

import argparse
import subprocess
import sys

TOLERANCE = 0.10

# object -> (budget in bytes of code + read-only data, what it holds).
# An object that joins the library gets a line here, or make size fails.
# Each is today's size (gcc 12 -O2) plus a little room.
BUDGETS = {
    "sipcode.o": (16896, "code table and its lookups, phrase hash"),
    "status_line.o": (2560, "status-line parser and formatter"),
    "q850.o": (4 * 1024, "RFC 3398 mapping and the Q.850 cause names (one pool)"),
    "q850_agree.o": (512, "RFC 3398 agreement check"),
    "reason.o": (4608, "Reason header parser"),
    "warning.o": (1024, "Warning header parser and warn-code table"),
    "outcome.o": (1792, "outcome and metric tables"),
}
# The goal for a program that links only sipcode_info and
# sipcode_from_phrase, and the guard that holds today's size (15 437 bytes
# with gcc 12 -O2). The goal cannot be met with the 322 spellings stored
# whole: their pool alone takes 6 582 bytes, sipcode_info's tables 1 832
# and the C start-up about 360 (BENCHMARKS.md, Size).
PROGRAM_GOAL = 8 * 1024
PROGRAM_GUARD = 15872
KINDS = ("text", "rodata", "eh_frame", "data", "bss")


def kind(section):
    for prefix, what in ((".text", "text"), (".rodata", "rodata"), (".eh_frame", "eh_frame"),
                         (".data", "data"), (".bss", "bss"), (".tbss", "bss"), (".tdata", "data")):
        if section == prefix or section.startswith(prefix + "."):
            return what
    return None


def sections(tool, path):
    """{member: {kind: bytes}} of an archive, or {path: ...} of one file."""
    out = subprocess.run([tool, "-A", path], stdout=subprocess.PIPE, universal_newlines=True,
                         check=True).stdout
    per, current = {}, None
    for line in out.splitlines():
        fields = line.split()
        if "(ex " in line or line.endswith(":") and fields:
            current = fields[0]
            per[current] = dict.fromkeys(KINDS, 0)
        elif current and len(fields) >= 2 and fields[1].isdigit() and kind(fields[0]):
            per[current][kind(fields[0])] += int(fields[1])
    return per


def verdict(size, budget):
    miss = size / budget - 1
    if miss <= 0:
        return "ok", False
    if miss <= TOLERANCE:
        return "MISSED by %.1f%% (within the 10%% tolerance)" % (100 * miss), False
    return "FAILED: missed by %.1f%%" % (100 * miss), True


def main(argv):
    ap = argparse.ArgumentParser()
    ap.add_argument("library")
    ap.add_argument("--program")
    ap.add_argument("--size", default="size")
    args = ap.parse_args(argv)
    failed = False
    per_object = sections(args.size, args.library)
    print("%s: code + read-only data (text + rodata + eh_frame) of each object, against its budget"
          % args.library)
    for name, t in sorted(per_object.items()):
        loaded = t["text"] + t["rodata"] + t["eh_frame"]
        if name in BUDGETS:
            budget, what = BUDGETS[name]
            text, bad = verdict(loaded, budget)
        else:
            budget, what, text, bad = 0, "?", "FAILED: no budget; add one to BUDGETS in bench/size.py", True
        failed |= bad
        print("  %-14s %-52s text %5d, rodata %5d, eh_frame %4d = %5d   budget <= %5d   %s"
              % (name, what, t["text"], t["rodata"], t["eh_frame"], loaded, budget, text))
        for k in ("data", "bss"):
            if t[k]:
                failed = True
                print("  %-14s %s %d bytes   target 0   FAILED" % (name, k, t[k]))
    total = sum(t["text"] + t["rodata"] + t["eh_frame"] for t in per_object.values())
    print("  %-14s %-52s %41d bytes (%.2f KiB); data and bss 0 in every object: %s"
          % ("whole archive", "(no budget of its own: the sum of its parts)", total, total / 1024,
             "no" if any(t["data"] or t["bss"] for t in per_object.values()) else "ok"))
    if args.program:
        t = next(iter(sections(args.size, args.program).values()))
        loaded = t["text"] + t["rodata"]
        goal, _ = verdict(loaded, PROGRAM_GOAL)
        if goal != "ok":
            goal = "GOAL not met: %.1f%% over (reported, not enforced)" % (
                100 * (loaded / PROGRAM_GOAL - 1))
        text, bad = verdict(loaded, PROGRAM_GUARD)
        failed |= bad
        print("%s (sipcode_info and sipcode_from_phrase only, --gc-sections):\n"
              "  text %d + rodata %d = %d bytes (%.2f KiB)   goal <= %d (8 KiB)   %s\n"
              "  %52s guard <= %d (%.1f KiB)  %s   (eh_frame %d, not counted)"
              % (args.program, t["text"], t["rodata"], loaded, loaded / 1024, PROGRAM_GOAL, goal,
                 "", PROGRAM_GUARD, PROGRAM_GUARD / 1024, text, t["eh_frame"]))
    print("size: %s" % ("a budget missed" if failed else "every budget met"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
