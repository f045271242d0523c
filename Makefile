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
GENERATED = include/sipcode_codes.h src/code_table.inc src/phrase_hash.inc

.DELETE_ON_ERROR:
.PHONY: all check regen install uninstall clean

all: $(LIB) $(TOOL)

$(B) $(B)/obj:
	mkdir -p $@

$(B)/obj/sipcode.o: src/sipcode.c src/code_table.inc src/phrase_hash.inc $(HEADERS) | $(B)/obj
	$(COMPILE) -c src/sipcode.c -o $@

$(LIB): $(B)/obj/sipcode.o
	rm -f $@
	$(AR) rcs $@ $(B)/obj/sipcode.o

$(B)/obj/cli.o: cli/sipcode.c $(HEADERS) | $(B)/obj
	$(COMPILE) -c cli/sipcode.c -o $@

$(TOOL): $(B)/obj/cli.o $(LIB)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(B)/obj/cli.o $(LIB) $(LDLIBS)

$(B)/obj/test_sipcode.o: tests/test_sipcode.c tests/expected.inc $(HEADERS) | $(B)/obj
	$(COMPILE) -c tests/test_sipcode.c -o $@

$(TESTS): $(B)/obj/test_sipcode.o $(LIB)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(B)/obj/test_sipcode.o $(LIB) $(CUNIT_LIBS) $(LDLIBS)

check: $(TESTS) $(TOOL)
	$(TESTS) tests/data
	$(PYTHON) tests/test_gen.py
	sh tests/test_cli.sh $(TOOL)

# Not part of all: a vendoring project builds from the committed sources.
regen:
	$(PYTHON) gen/sipcode_gen.py --gperf $(GPERF) codes.csv

install: all
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR) $(DESTDIR)$(INCLUDEDIR)
	cp $(TOOL) $(DESTDIR)$(BINDIR)/sipcode
	cp $(LIB) $(DESTDIR)$(LIBDIR)/libsipcode.a
	cp $(HEADERS) $(DESTDIR)$(INCLUDEDIR)/

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/sipcode $(DESTDIR)$(LIBDIR)/libsipcode.a \
	    $(DESTDIR)$(INCLUDEDIR)/sipcode.h $(DESTDIR)$(INCLUDEDIR)/sipcode_codes.h

# Removes build products only; generated sources are committed.
clean:
	rm -rf $(B)
include mk/fuzz.mk
include mk/hardening.mk
