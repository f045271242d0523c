# SPDX-License-Identifier: MIT
# The Reason header parser (src/reason.c) and the RFC 3398 agreement check
# (src/q850_agree.c) join the library; their CUnit runner joins check-lib
# (Makefile).
#   make check-reason   build/test_reason

.PHONY: check-reason

$(B)/obj/reason.o: src/reason.c $(HEADERS) | $(B)/obj
	$(COMPILE) -c src/reason.c -o $@

$(B)/obj/q850_agree.o: src/q850_agree.c $(HEADERS) | $(B)/obj
	$(COMPILE) -c src/q850_agree.c -o $@

$(LIB): $(B)/obj/reason.o $(B)/obj/q850_agree.o

$(B)/obj/test_reason.o: tests/test_reason.c tests/check.h tests/q850_expected.inc $(HEADERS) | $(B)/obj
	$(COMPILE) -c tests/test_reason.c -o $@

$(B)/test_reason: $(B)/obj/test_reason.o $(LIB)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(B)/obj/test_reason.o $(LIB) $(CUNIT_LIBS) $(LDLIBS)

build-checks: $(B)/test_reason

check-reason: $(B)/test_reason ## the Reason parser and RFC 3398 agreement suite
	$(B)/test_reason
