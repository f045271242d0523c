# SPDX-License-Identifier: MIT
# Embedding (included by Makefile): the shared library beside the static one,
# the host's warnings, the single-file form, the release tarball and the ABI
# guard. doc/embedding.md is the user's side of it.
#
#   make lib             libsipcode.a and libsipcode.so.VERSION with its two links,
#                        nothing else (a C compiler is all it needs); SHARED=no
#                        leaves out the shared library (a host without ELF)
#   make check-warnings  the library's sources under the strict warning set and
#                        -Werror with gcc and clang; the public headers under g++
#                        and clang++ (-std=c++11, -Wold-style-cast, ...)
#   make single-file     $(B)/single/sipcode.h and sipcode.c: the whole library
#   make dist            $(B)/sipcode-VERSION.tar.gz
#   make abi-baseline    writes abi/libsipcode.so.MAJOR.abi from this tree: run it
#                        once at each release, when the API is final, and commit it
#   make abi-check       fails when libsipcode.so differs from that baseline by
#                        anything but additions
#   make check-embed     (mk/vendor.mk) the install and vendoring tests, then the
#                        checks of this file (EMBED_CHECKS) one after the other

.PHONY: lib check-linkage check-warnings single-file dist abi-baseline abi-check \
    check-build check-single-file check-dist check-abi

# The version has one home, include/sipcode.h.
SIPCODE_VERSION_TEXT := $(shell sed -n 's/^.define SIPCODE_VERSION "\(.*\)"$$/\1/p' include/sipcode.h)
SIPCODE_VERSION_MAJOR := $(firstword $(subst ., ,$(SIPCODE_VERSION_TEXT)))
SONAME = libsipcode.so.$(SIPCODE_VERSION_MAJOR)
SO = $(B)/libsipcode.so.$(SIPCODE_VERSION_TEXT)
SHARED ?= yes
SO_FILES = $(if $(filter yes,$(SHARED)),$(SO) $(B)/$(SONAME) $(B)/libsipcode.so)

# ---- the libraries
# Every .c in src/ is one object of the library, whatever else a fragment
# adds. Position-independent whatever CFLAGS says (a module links the static
# library into a shared object), placed after CFLAGS so that -fno-pie there
# cannot undo it; hidden unless the header marks a function SIPCODE_API.
# Nobody is meant to interpose sipcode's functions: the compiler may inline
# one into another (under -fPIC gcc otherwise calls sipcode_info() from
# sipcode_phrase() instead of inlining it), and the shared library binds its
# own calls at link time. Only where the compiler knows the flag (gcc 5,
# clang 11 on), asked once per make run.
LIB_SRCS = $(sort $(wildcard src/*.c))
LIB_ALL_OBJS = $(LIB_SRCS:src/%.c=$(B)/obj/%.o)
NO_INTERPOSITION := $(shell $(CC) -fno-semantic-interposition -E - </dev/null >/dev/null 2>&1 \
    && echo -fno-semantic-interposition)
$(LIB_ALL_OBJS): SIPCODE_CFLAGS += -fPIC -fvisibility=hidden $(NO_INTERPOSITION)
$(LIB): $(LIB_ALL_OBJS)

all: lib
lib: $(LIB) $(SO_FILES) ## the static and shared libraries alone (a C compiler is all it needs)

$(SO): $(LIB_ALL_OBJS) src/libsipcode.map
	$(CC) -shared $(CFLAGS) $(LDFLAGS) -Wl,-soname,$(SONAME) -Wl,-Bsymbolic-functions \
	    -Wl,--version-script=src/libsipcode.map -o $@ $(LIB_ALL_OBJS) $(LDLIBS)

$(B)/$(SONAME): $(SO)
	ln -sf $(notdir $(SO)) $@

$(B)/libsipcode.so: $(B)/$(SONAME)
	ln -sf $(SONAME) $@

# What the libraries show a linker and a loader (tests/test_lib.sh): the
# SONAME, only sipcode_ symbols, and no data, bss or relocation that their
# own code and tables add.
check-linkage: $(LIB) $(SO_FILES) ## the SONAME, the exported symbols, no data and no load-time relocation
	$(if $(SO_FILES),CC="$(CC)" CFLAGS="$(CFLAGS)" LDFLAGS="$(LDFLAGS)" \
	    sh tests/test_lib.sh $(SO) $(SONAME) $(LIB),@echo "check-linkage: SHARED=$(SHARED): no shared library to check")

# ---- warnings a host may turn on
# The set the library's sources, generated ones included, are kept clean
# under, at -O0 and -O2 (some warnings need the optimiser), with each
# compiler of WARN_CCS; and the public headers as C++ with each of
# WARN_CXXS. $(WB)/header_use.cpp expands every public macro, since a
# warning in a macro shows only where it is used.
STRICT_CFLAGS = -std=c99 -Wall -Wextra -Wpedantic -Wconversion -Wsign-conversion -Wshadow \
    -Wcast-qual -Wcast-align -Wstrict-prototypes -Wmissing-prototypes -Wold-style-definition \
    -Wundef -Wimplicit-fallthrough -Wformat=2 -Wvla -Wwrite-strings
STRICT_CXXFLAGS = -std=c++11 -Wall -Wextra -Wpedantic -Wold-style-cast \
    -Wzero-as-null-pointer-constant
WARN_CCS ?= gcc clang
WARN_CXXS ?= g++ clang++
WB = $(B)/warnings
PUBLIC_HEADERS = $(sort $(wildcard include/*.h))

# Object-like macros with a value that is not a string (comments cut off
# first), and one-argument function-like ones but the private NAME_ helpers.
$(WB)/header_use.cpp: $(PUBLIC_HEADERS) mk/embed.mk
	mkdir -p $(WB)
	{ printf '// Made by make check-warnings from include/*.h.\n'; \
	  printf '#include "%s"\n' $(notdir $(PUBLIC_HEADERS)); \
	  printf 'long long sipcode_header_use(int i, long long x, unsigned u);\n'; \
	  printf 'long long sipcode_header_use(int i, long long x, unsigned u)\n{\n    long long n = 0;\n'; \
	  sed -n -e 's|[ 	]*/\*.*||' \
	      -e 's/^#define \(SIPCODE_[A-Z0-9_]*\) [^"]*$$/    n += static_cast<long long>(\1);/p' \
	      -e 's/^#define \(SIPCODE_[A-Z0-9_]*[A-Z0-9]\)([a-z]*) .*/    n += \1(i) + \1(x) + \1(u);/p' \
	      $(PUBLIC_HEADERS); \
	  printf '    return n;\n}\n'; } >$@

check-warnings: $(WB)/header_use.cpp ## the library under the strict warning set with -Werror (gcc, clang); the headers as C++
	@set -e; for cc in $(WARN_CCS); do for opt in -O0 -O2; do for src in $(LIB_SRCS); do \
	    echo "$$cc $$opt $$src"; \
	    $$cc $(SIPCODE_CPPFLAGS) $$opt $(STRICT_CFLAGS) -Werror -c $$src -o /dev/null; \
	done; done; done
	@set -e; test $$(grep -c '(i)' $(WB)/header_use.cpp) -ge 9 || \
	    { echo "check-warnings: $(WB)/header_use.cpp uses too few macros"; exit 1; }
	@set -e; for cxx in $(WARN_CXXS); do \
	    echo "$$cxx $(WB)/header_use.cpp: $$(grep -c ' n += ' $(WB)/header_use.cpp) macros"; \
	    $$cxx -Iinclude $(STRICT_CXXFLAGS) -Werror -fsyntax-only $(WB)/header_use.cpp; \
	done
	@echo "check-warnings: $(words $(LIB_SRCS)) sources with $(WARN_CCS) at -O0 and -O2," \
	    "the headers with $(WARN_CXXS): no warning"

# ---- the single-file form
SB = $(B)/single
SINGLE_AWK = awk -f mk/amalgamate.awk -v version=$(SIPCODE_VERSION_TEXT) -v license=LICENSE

single-file: $(SB)/sipcode.h $(SB)/sipcode.c ## build/single/sipcode.h and sipcode.c: the whole library in one .h and one .c

$(SB)/sipcode.h: $(PUBLIC_HEADERS) mk/amalgamate.awk $(wildcard LICENSE)
	mkdir -p $(SB)
	$(SINGLE_AWK) -v mode=h include/sipcode.h $(filter-out include/sipcode.h,$(PUBLIC_HEADERS)) >$@

$(SB)/sipcode.c: $(LIB_SRCS) $(wildcard src/*.h src/*.inc) mk/amalgamate.awk $(wildcard LICENSE)
	mkdir -p $(SB)
	$(SINGLE_AWK) -v mode=c $(LIB_SRCS) >$@

# ---- the release tarball: the vendored set, the single-file form and the
# documents, under sipcode-VERSION/.
DIST = sipcode-$(SIPCODE_VERSION_TEXT)
DIST_FILES = $(sort $(VENDOR_FILES) $(wildcard LICENSE) README.md CHANGELOG.md)

dist: $(B)/$(DIST).tar.gz ## build/sipcode-VERSION.tar.gz: the vendored set, the single file, LICENSE, README, CHANGELOG

$(B)/$(DIST).tar.gz: $(DIST_FILES) $(SB)/sipcode.h $(SB)/sipcode.c
	rm -rf $(B)/dist
	mkdir -p $(B)/dist/$(DIST)/single
	tar cf - $(DIST_FILES) | (cd $(B)/dist/$(DIST) && tar xf -)
	cp $(SB)/sipcode.h $(SB)/sipcode.c $(B)/dist/$(DIST)/single/
	(cd $(B)/dist && tar cf - $(DIST)) | gzip -9n >$@
	rm -rf $(B)/dist
	@echo "dist: $@"

# ---- the ABI guard
# libabigail reads the ABI from debug information, so both targets build a
# shared library of their own with -g, in $(AB). The baseline is named for
# the SONAME: a new major version starts a new one.
ABIDW ?= abidw
ABIDIFF ?= abidiff
AB = $(B)/abi
ABI_BASELINE = abi/$(SONAME).abi
ABI_SO = $(AB)/$(notdir $(SO))

$(ABI_SO): FORCE
	$(MAKE) --no-print-directory B=$(AB) CFLAGS="-O2 -g" SHARED=yes lib

# The licence line goes in as an XML comment after the root element's
# opening tag: abidiff tells the file's type from its first line.
abi-baseline: $(ABI_SO) ## write abi/libsipcode.so.MAJOR.abi from this tree (once per release; commit it)
	mkdir -p abi $(AB)
	$(ABIDW) --no-corpus-path --no-comp-dir-path --headers-dir include --out-file $(AB)/baseline.abi \
	    $(ABI_SO)
	sed '1a\
	<!-- SPDX-''License-Identifier: MIT -->' $(AB)/baseline.abi >$(ABI_BASELINE)
	@echo "abi-baseline: wrote $(ABI_BASELINE); commit it"

abi-check: $(ABI_SO) ## compare libsipcode.so with the committed ABI baseline: additions only
	@test -f $(ABI_BASELINE) || { echo "abi-check: no $(ABI_BASELINE); at a release, make abi-baseline writes it"; exit 1; }
	ABIDIFF="$(ABIDIFF)" sh mk/abi_check.sh $(ABI_BASELINE) $(ABI_SO) include

# ---- the tests of all of the above; check-embed (mk/vendor.mk) runs them
# one after the other, each building in a folder of its own.
EMBED_CHECKS = check-linkage check-warnings check-build check-single-file check-dist check-abi

check-build: ## make lib: libraries only, with B=, under -fno-pie into a module, SHARED=no
	MAKE="$(MAKE)" CC="$(CC)" sh tests/test_build.sh

check-single-file: $(SB)/sipcode.h $(SB)/sipcode.c $(B)/obj/test_sipcode.o ## the single file built alone, strict warnings, gcc and clang
	CCS="$(WARN_CCS)" STRICT_CFLAGS="$(STRICT_CFLAGS)" CUNIT_LIBS="$(CUNIT_LIBS)" \
	    LDFLAGS="$(LDFLAGS)" sh tests/test_single_file.sh $(SB) $(B)/obj/test_sipcode.o

check-dist: $(B)/$(DIST).tar.gz ## the release tarball unpacked and built with a C compiler alone
	MAKE="$(MAKE)" CC="$(CC)" sh tests/test_dist.sh $(B)/$(DIST).tar.gz

check-abi: ## make abi-check, and a table update proven to keep the ABI
	MAKE="$(MAKE)" CC="$(CC)" sh tests/test_abi.sh
