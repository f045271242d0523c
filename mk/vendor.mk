# SPDX-License-Identifier: MIT
# Vendoring: the files a project copies to build sipcode with nothing but a C
# compiler (doc/embedding.md), and the test that copies exactly
# these into a fresh project and builds a consumer with cc, make and CMake.
#   make vendor-files                 prints the list
#   make vendor VENDORDIR=DIR         copies it into DIR (for a first copy or an upgrade)

# Enough for `cc -Iinclude app.c src/*.c`: the headers, the library's
# sources and the generated tables they include.
VENDOR_LIB = LICENSE $(sort $(wildcard include/*.h)) $(sort $(wildcard src/*.c src/*.h src/*.inc))
# For `make -C DIR` (libraries and tool), `make -C DIR install` and CMake's
# add_subdirectory(DIR); .gitignore keeps the build folder out of the
# project's git status.
VENDOR_BUILD = .gitignore Makefile $(sort $(wildcard mk/*.mk mk/*.in mk/*.awk mk/*.sh)) \
    CMakeLists.txt src/libsipcode.map $(sort $(wildcard cli/*.c cli/*.h cli/*.inc)) \
    sipcode.pc.in $(sort $(wildcard man/*.in))
# For make regen EXTRA_CODES=... in the copy (needs Python 3 and gperf 3.1):
# the tables and their generators.
VENDOR_REGEN = $(sort $(wildcard *.csv gen/*.py))
VENDOR_FILES = $(VENDOR_LIB) $(VENDOR_BUILD) $(VENDOR_REGEN)

.PHONY: vendor vendor-files check-embed check-vendor check-local-codes

vendor-files: ## print the files a project copies to vendor sipcode
	@printf '%s\n' $(VENDOR_FILES)

vendor: ## copy the vendored file set into VENDORDIR
	@test -n "$(VENDORDIR)" || { echo "usage: make vendor VENDORDIR=path/to/project/sipcode" >&2; exit 2; }
	mkdir -p $(VENDORDIR)
	tar cf - $(VENDOR_FILES) | (cd $(VENDORDIR) && tar xf -)

# One after the other (and after check-install), so that their outputs do
# not interleave under make -j; then the checks of mk/embed.mk, in turn.
check-embed: check-install check-vendor check-local-codes ## make install (pkg-config, CMake, man pages); a vendored copy built by cc, make and CMake; local codes; then the checks of mk/embed.mk (linkage, warnings, build, single file, dist, ABI)
	@for t in $(EMBED_CHECKS); do echo "== make $$t"; $(MAKE) --no-print-directory $$t || exit 1; done
check-vendor: check-install ## a vendored copy built with cc, a sub-make and CMake, with no Python or gperf
	MAKE="$(MAKE)" CC="$(CC)" CFLAGS="$(CFLAGS)" LDFLAGS="$(LDFLAGS)" sh tests/test_vendor.sh
check-local-codes: check-vendor ## a project's own codes (make regen EXTRA_CODES=) built into a consumer and looked up
	CC="$(CC)" $(PYTHON) tests/test_local_codes.py
