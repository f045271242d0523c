# SPDX-License-Identifier: MIT
# make single-file: writes the files named on the command line as one, with
# every #include "..." of the project's own files inlined where it stands,
# so that a project can vendor sipcode as one .h and one .c. POSIX awk.
#
#   awk -f mk/amalgamate.awk -v mode=h -v version=V [-v license=LICENSE] include/sipcode.h ...
#   awk -f mk/amalgamate.awk -v mode=c -v version=V [-v license=LICENSE] src/a.c src/b.c ...
#
# A quoted include is looked for in include/ and then src/. In mode h every
# one is inlined. In mode c one naming a public header (a file in include/)
# becomes #include "sipcode.h", the single header written beside the .c; the
# rest (src/*.h, the generated src/*.inc tables) are inlined. A .h is inlined
# once (its guard would make a second copy empty); anything else every time
# it is included. <...> includes are left as they are. Output opens with the
# licence: the SPDX line, and LICENSE's text (or the copyright line when
# there is no LICENSE).

function fail(msg) {
    print "amalgamate: " msg > "/dev/stderr"
    failed = 1
    exit 1
}

function readable(path,   junk, rc) {
    rc = (getline junk < path)
    if (rc < 0)
        return 0
    close(path)
    return 1
}

# The path of a quoted include, "" when it is none of the project's files.
function find(name) {
    if (readable("include/" name))
        return "include/" name
    if (readable("src/" name))
        return "src/" name
    return ""
}

function emit(path,   line, rc, name, found) {
    if (path ~ /\.h$/) {
        if (path in done)
            return
        done[path] = 1
    }
    print "/* ---- " path " ---- */"
    while ((rc = (getline line < path)) > 0) {
        if (line ~ /^[ \t]*#[ \t]*include[ \t]*"/) {
            name = line
            sub(/^[^"]*"/, "", name)
            sub(/".*$/, "", name)
            found = find(name)
            if (found == "")
                fail(path ": #include \"" name "\" is not in include/ or src/")
            if (mode == "c" && found ~ /^include\//)
                print "#include \"sipcode.h\""
            else
                emit(found)
            continue
        }
        print line
    }
    if (rc < 0)
        fail("cannot read " path)
    close(path)
}

BEGIN {
    if (mode != "h" && mode != "c")
        fail("mode must be h or c")
    # In two pieces, so that reuse does not read this line as a tag.
    print "/* SPDX-" "License-Identifier: MIT"
    print " *"
    print " * sipcode " version ": every SIP response code, its reason phrase and metadata."
    if (mode == "h")
        print " * The single-file form's header: compile sipcode.c beside it."
    else
        print " * The single-file form's library: cc -I. app.c sipcode.c"
    print " * Made by make single-file from include/ and src/ (generated tables"
    print " * included); do not edit: change those and run make single-file again."
    if (license != "" && readable(license)) {
        print " *"
        while ((getline line < license) > 0)
            print (line == "" ? " *" : " * " line)
        close(license)
    } else {
        print " * Copyright (c) the sipcode authors. Licensed under the MIT licence."
    }
    print " */"
    for (i = 1; i < ARGC; i++)
        emit(ARGV[i])
    exit 0
}
