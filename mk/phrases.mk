# SPDX-License-Identifier: MIT
# Phrases products send that are not aliases (phrases-considered.csv): the
# generator writes them to tests/considered.inc, and test_phrases checks the
# library gives for each what its row says.

.PHONY: check-phrases

$(B)/obj/test_phrases.o: tests/test_phrases.c tests/check.h tests/considered.inc $(HEADERS) | $(B)/obj
	$(COMPILE) -c tests/test_phrases.c -o $@

$(B)/test_phrases: $(B)/obj/test_phrases.o $(LIB)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(B)/obj/test_phrases.o $(LIB) $(CUNIT_LIBS) $(LDLIBS)

check: check-phrases
build-checks: $(B)/test_phrases

check-phrases: $(B)/test_phrases
	$(B)/test_phrases
