# SPDX-License-Identifier: MIT
# sipcode: make builds the library and the tool from committed sources (a C
# compiler is all it needs); make regen remakes the generated sources from
# codes.csv (Python 3 and gperf 3.1); make check runs every test.

CC ?= cc
AR ?= ar
CFLAGS ?= -O2
PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
LIBDIR ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
PYTHON ?= python3
GPERF ?= gperf
CUNIT_LIBS ?= -lcunit
WERROR ?= -Werror

# Flags the build needs, placed after the user's so that CFLAGS=-O0 keeps them.
SIPCODE_CPPFLAGS = -Iinclude -Isrc
SIPCODE_CFLAGS = -std=c99 -Wall -Wextra -Wpedantic $(WERROR)
COMPILE = $(CC) $(CPPFLAGS) $(SIPCODE_CPPFLAGS) $(CFLAGS) $(SIPCODE_CFLAGS)

B = build
LIB = $(B)/libsipcode.a
TOOL = $(B)/sipcode
TESTS = $(B)/test_sipcode
HEADERS = include/sipcode.h include/sipcode_codes.h

.DELETE_ON_ERROR:
.PHONY: all check regen install uninstall clean build-checks build-checks-without-cunit

all: $(LIB) $(TOOL)

$(B) $(B)/obj:
	mkdir -p $@

LIB_OBJS = $(B)/obj/sipcode.o $(B)/obj/status_line.o

$(B)/obj/sipcode.o: src/sipcode.c src/code_table.inc src/phrase_hash.inc $(HEADERS) | $(B)/obj
	$(COMPILE) -c src/sipcode.c -o $@

$(B)/obj/status_line.o: src/status_line.c $(HEADERS) | $(B)/obj
	$(COMPILE) -c src/status_line.c -o $@

# mk/*.mk add their objects as further prerequisites.
$(LIB): $(LIB_OBJS)
	rm -f $@
	$(AR) rcs $@ $^

TOOL_OBJS = $(B)/obj/cli.o $(B)/obj/scan.o $(B)/obj/json.o

$(B)/obj/cli.o: cli/sipcode.c cli/meanings.inc cli/scan.h cli/json.h $(HEADERS) | $(B)/obj
	$(COMPILE) -c cli/sipcode.c -o $@

$(B)/obj/scan.o: cli/scan.c cli/scan.h $(HEADERS) | $(B)/obj
	$(COMPILE) -c cli/scan.c -o $@

$(B)/obj/json.o: cli/json.c cli/json.h | $(B)/obj
	$(COMPILE) -c cli/json.c -o $@

$(TOOL): $(TOOL_OBJS) $(LIB)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(TOOL_OBJS) $(LIB) $(LDLIBS)

$(B)/obj/test_sipcode.o: tests/test_sipcode.c tests/check.h tests/expected.h tests/expected.inc $(HEADERS) | $(B)/obj
	$(COMPILE) -c tests/test_sipcode.c -o $@

$(TESTS): $(B)/obj/test_sipcode.o $(LIB)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(B)/obj/test_sipcode.o $(LIB) $(CUNIT_LIBS) $(LDLIBS)

# Every program make check runs, built and not run: for a machine that can
# build for a target it cannot execute (.ci/matrix.sh, -m32). mk/*.mk add theirs.
build-checks: build-checks-without-cunit $(TESTS)
build-checks-without-cunit: all

check: $(TESTS) $(TOOL)
	$(TESTS) tests/data
	$(PYTHON) tests/test_gen.py
	sh tests/test_cli.sh $(TOOL)
	sh tests/test_sipp.sh $(TOOL)

# Not part of all: a vendoring project builds from the committed sources.
# EXTRA_CODES=local.csv adds a project's own codes (README.md).
regen:
	$(PYTHON) gen/sipcode_gen.py --gperf $(GPERF) codes.csv $(EXTRA_CODES)

# Removes build products only; generated sources are committed.
clean:
	rm -rf $(B)

include mk/q850.mk
include mk/vendor.mk mk/install.mk
include mk/bench.mk
include mk/fuzz.mk
include mk/hardening.mk
