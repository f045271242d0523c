# SPDX-License-Identifier: MIT
# sipcode: make builds the library and the tool from committed sources (a C
# compiler is all it needs); make lib builds the static and shared libraries
# alone; make regen remakes the generated sources from codes.csv (Python 3
# and gperf 3.1); make check runs every test.
# Build products go to build/, or to the folder B= names (make B=out lib).
# The usual variables apply: CC, CFLAGS, CPPFLAGS, LDFLAGS, AR, PREFIX,
# DESTDIR; the flags the build needs are added after them.

CC ?= cc
AR ?= ar
CFLAGS ?= -O2
PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
LIBDIR ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
PYTHON ?= python3
# What the checks start: the interpreter PYTHON runs, asked once when first
# needed, so that each of their many starts skips a wrapper such as pyenv's
# shims (a shell and a program of their own, half a second a start).
PYTHON_EXE = $(eval PYTHON_EXE := $(or $(shell $(PYTHON) -c 'import sys; print(sys.executable)' \
    2>/dev/null),$(PYTHON)))$(PYTHON_EXE)
GPERF ?= gperf
CUNIT_LIBS ?= -lcunit
# Empty by default: a host's newer compiler must not break the build. CI and
# make check-warnings add -Werror.
WERROR ?=

# Flags the build needs, placed after the user's so that CFLAGS=-O0 keeps them.
SIPCODE_CPPFLAGS = -Iinclude -Isrc
SIPCODE_STD = -std=c99
SIPCODE_CFLAGS = $(SIPCODE_STD) -Wall -Wextra -Wpedantic $(WERROR)
COMPILE = $(CC) $(CPPFLAGS) $(SIPCODE_CPPFLAGS) $(CFLAGS) $(SIPCODE_CFLAGS)

B = build
LIB = $(B)/libsipcode.a
TOOL = $(B)/sipcode
TESTS = $(B)/test_sipcode
HEADERS = include/sipcode.h include/sipcode_codes.h include/sipcode_warn.h \
    include/sipcode_outcome.h

.DELETE_ON_ERROR:
# Under make -j, each target's output shows whole, not interleaved with
# another's (GNU make 4.0 on; older ones run the same without it).
ifneq ($(filter output-sync,$(.FEATURES)),)
MAKEFLAGS += --output-sync=target
endif
.PHONY: all check regen install uninstall clean build-checks build-checks-without-cunit \
    check-lib check-cli check-gen check-all check-sipp help

all: $(LIB) $(TOOL) ## the library and the tool (the default)

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
build-checks: build-checks-without-cunit $(TESTS) ## build every program the checks run, without running them
build-checks-without-cunit: all ## the same, less the CUnit runners

# ---------------------------------------------------------------- checks
# What each check runs, in one place. The rules that build a suite live in
# the mk/ fragment of its concern; `make help` lists every target.
#
# make check needs only the build's own tools: a C compiler, CUnit and
# Python 3 (with gperf, the generator tests that regenerate run too). Under
# make -j its parts run side by side, the longest (the tool's tests) first,
# the generators' tests while the C suites build.
check: check-cli check-gen check-lib check-outcomes ## the library's suites, the tool's tests (outcomes included), the generators' tests

LIB_SUITES = $(B)/test_q850 $(B)/test_reason $(B)/test_warn $(B)/test_outcome
check-lib: $(TESTS) $(LIB_SUITES) $(B)/test_threads ## the library's CUnit suites and the thread test
	$(TESTS) tests/data
	@for t in $(LIB_SUITES); do echo "$$t"; $$t || exit 1; done
	$(B)/test_threads $(THREAD_ROUNDS)

check-cli: $(TOOL) ## the sipcode tool: output, messages, exit status
	PYTHON=$(PYTHON_EXE) sh tests/test_cli.sh $(TOOL)

# One target per script, so that make -j runs them side by side.
GEN_TESTS = gen q850_gen warn_gen outcome_gen registry
check-gen: $(GEN_TESTS:%=check-py-%) ## the generators: broken CSVs, determinism, atomic writes; the registry import
check-py-%: ## one script of check-gen alone, tests/test_%.py (check-py-q850_gen, ...)
	$(PYTHON_EXE) tests/test_$*.py

# Every heavier suite, one after the other: some build in $(B) with other
# flags. check-embed runs check-warnings; check-matrix runs check-cxx with
# g++ and clang++.
CHECK_ALL = check check-sipp check-capture check-outcomes-tshark check-embed check-gen-mutate \
    check-fuzz-replay check-asan check-tsan check-valgrind check-matrix bench-count size fuzz
check-all: ## check, then every heavier suite (sipp, captures, embedding and warnings, mutants, fuzz replay, sanitizers, valgrind, compilers and C++, counts, size, libFuzzer)
	@for t in $(CHECK_ALL); do echo "==== make $$t"; $(MAKE) --no-print-directory $$t || exit 1; done

check-sipp: $(TOOL) ## sipp plays calls on loopback; scan counts every status line
	sh tests/test_sipp.sh $(TOOL)

help: ## this list
	@sed -n 's/^\([a-z][a-z0-9_%-]*\):.*## \(.*\)$$/\1\t\2/p' $(MAKEFILE_LIST) | sort -u | \
	    awk -F '\t' '{ printf "  %-24s %s\n", $$1, $$2 }'

# Not part of all: a vendoring project builds from the committed sources.
# EXTRA_CODES=local.csv adds a project's own codes (doc/local-codes.md).
regen: ## remake the generated sources from codes.csv and q850.csv (Python 3, gperf 3.1)
	$(PYTHON) gen/sipcode_gen.py --gperf $(GPERF) codes.csv $(EXTRA_CODES)

# Removes build products only; generated sources are committed.
clean: ## remove the build folder (build/, or B=)
	rm -rf $(B)

include mk/tables.mk
include mk/reason.mk
include mk/vendor.mk mk/install.mk mk/embed.mk
include mk/bench.mk
include mk/fuzz.mk
include mk/hardening.mk
include mk/phrases.mk
include mk/registry.mk
include mk/capture.mk
include mk/outcomes.mk
include mk/cli.mk
