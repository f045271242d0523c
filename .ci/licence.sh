#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The licence: `reuse lint` on the tree, and the SPDX line in every file that
# can carry a comment. .reuse/dep5 covers the whole tree, so that seeds,
# captures and test data pass reuse lint; this second check keeps a source,
# header, script, make fragment, document or generated file from losing its
# own line unnoticed.
set -euo pipefail
cd "$(dirname "$0")/.."

command -v reuse >/dev/null || {
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -q --no-install-recommends reuse ||
        { apt-get update -q && apt-get install -y -q --no-install-recommends reuse; }
}

printf '\n==== licence: reuse lint\n'
reuse lint | tail -n 4

printf '\n==== licence: an SPDX line in every file that can carry one\n'
# Files that cannot hold a comment: fuzz seeds, test data and captures, the
# chart, and the licence texts themselves.
# (Spelt in two pieces so that reuse does not read this line as a tag.)
tag="SPDX-License""-Identifier: MIT"
missing=$(git ls-files | grep -vE '^(fuzz/corpus/|tests/data/|tests/captures/|LICENSE$|LICENSES/|\.reuse/)|\.(svg|pcap|pcapng|json)$' |
    while IFS= read -r f; do grep -q "$tag" "$f" || echo "$f"; done)
if [ -n "$missing" ]; then
    echo "licence: these files lack '$tag':"
    echo "$missing"
    exit 1
fi
echo "licence: $(git ls-files | wc -l) files, every commentable one with its SPDX line"
