#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Writes a pcap of at least MB megabytes for make bench-scan: the calls of
the committed sipp captures over UDP and over TCP, repeated with a
different pair of IPv4 addresses each time, so that every repetition is a
new set of dialogs and TCP connections (nothing looks resent).

    gen_capture.py MB OUT.pcap"""
import os
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CAPS = os.path.join(HERE, "..", "tests", "captures")


def frames(path):
    data = open(path, "rb").read()
    off, out = 24, []
    while off + 16 <= len(data):
        sec, usec, cap, wire = struct.unpack("<IIII", data[off:off + 16])
        out.append((sec, usec, data[off + 16:off + 16 + cap]))
        off += 16 + cap
    return out


def main():
    mb, path = int(sys.argv[1]), sys.argv[2]
    calls = frames(os.path.join(CAPS, "sipp-udp.pcap")) + frames(os.path.join(CAPS, "sipp-tcp.pcap"))
    # Ethernet, then IPv4 addresses at bytes 26..33 of the frame; loopback
    # talks to itself, so both become the repetition's own pair.
    parts = []
    for sec, usec, f in calls:
        if len(f) < 34 or f[12:14] != b"\x08\x00":
            continue
        parts.append((f[:26], f[34:], usec, sec))
    base = parts[0][3]
    want = mb * 1000000
    written = 24
    rep = 0
    with open(path, "wb") as out:
        out.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 262144, 1))
        while written < want:
            a = struct.pack(">I", 0x0A000000 + 2 * rep + 1)
            b = struct.pack(">I", 0x0A000000 + 2 * rep + 2)
            chunk = []
            for head, tail, usec, sec in parts:
                # The client side (port 15060) gets a, the server b.
                src, dst = (a, b) if tail[:2] == b"\x3a\xd4" else (b, a)
                f = head + src + dst + tail
                chunk.append(struct.pack("<IIII", base + rep // 100 + (sec - base), usec, len(f), len(f)) + f)
            blob = b"".join(chunk)
            out.write(blob)
            written += len(blob)
            rep += 1
    print("gen_capture: %s: %.1f MB, %d repetitions of %d packets" % (path, written / 1e6, rep, len(parts)))


if __name__ == "__main__":
    main()
