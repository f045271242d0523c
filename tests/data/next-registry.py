#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Write a registry file as IANA might publish it next, for the update
rehearsal (.ci/registry.sh): the given registry with a new code, a changed
reference on an existing code, a code newly deprecated and a later date.

    python3 tests/data/next-registry.py tests/data/sip-response-codes.xml OUT.xml

Prints the changes it made, one per line, as "kind code value".
"""

import sys
import xml.etree.ElementTree as ET

NEW_CODE, NEW_PHRASE, NEW_RFC = 609, "Call Rehearsal Rejected", "rfc9999"
MOVED_CODE, MOVED_RFC = 412, "rfc9998"
DEPRECATED_CODE = 305
DATE = "2099-12-31"


def main(source, target):
    tree = ET.parse(source)
    root = tree.getroot()
    ns = root.tag[:root.tag.index("}") + 1] if root.tag.startswith("{") else ""
    ET.register_namespace("", ns[1:-1])
    reg = next(r for r in root.iter(ns + "registry") if r.get("id") == "sip-parameters-7")
    root.find(ns + "updated").text = DATE
    records = {int(r.find(ns + "value").text): r for r in reg.iter(ns + "record")}
    if NEW_CODE in records or MOVED_CODE not in records or DEPRECATED_CODE not in records:
        sys.exit("next-registry.py: %s no longer fits this rehearsal; choose other codes" % source)

    moved = records[MOVED_CODE]
    for xref in moved.findall(ns + "xref"):
        moved.remove(xref)
    ET.SubElement(moved, ns + "xref", type="rfc", data=MOVED_RFC)
    description = records[DEPRECATED_CODE].find(ns + "description")
    description.text += " (Deprecated)"

    new = ET.Element(ns + "record")
    ET.SubElement(new, ns + "value").text = str(NEW_CODE)
    ET.SubElement(new, ns + "description").text = NEW_PHRASE
    ET.SubElement(new, ns + "xref", type="rfc", data=NEW_RFC)
    after = max(c for c in records if c < NEW_CODE)
    reg.insert(list(reg).index(records[after]) + 1, new)

    tree.write(target, encoding="UTF-8", xml_declaration=True)
    print("date %s\nadded %d %s\nreference %d RFC%s\ndeprecated %d"
          % (DATE, NEW_CODE, NEW_PHRASE, MOVED_CODE, MOVED_RFC[3:], DEPRECATED_CODE))


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__.split("\n\n")[1])
    main(sys.argv[1], sys.argv[2])
