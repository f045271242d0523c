# SPDX-License-Identifier: MIT
# Phrases products send that are not aliases (phrases-considered.csv): the
# generator writes them to tests/considered.inc, and test_phrases checks the
# library gives for each what its row says.

.PHONY: check-phrases

$(B)/obj/test_phrases.o: tests/test_phrases.c tests/check.h tests/considered.inc tests/expected.h \
		tests/expected.inc cli/phrase_kind.h $(HEADERS) | $(B)/obj
	$(COMPILE) -Icli -c tests/test_phrases.c -o $@

$(B)/test_phrases: $(B)/obj/test_phrases.o $(B)/obj/phrase_kind.o $(LIB)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(B)/obj/test_phrases.o $(B)/obj/phrase_kind.o $(LIB) \
		$(CUNIT_LIBS) $(LDLIBS)

check-lib: check-phrases
build-checks: $(B)/test_phrases

check-phrases: $(B)/test_phrases ## phrases-considered.csv against the library, and scan's phrase kinds
	$(B)/test_phrases

# The tool's judgement of a phrase seen by scan: known, known with extra
# text, or unknown.
$(B)/obj/phrase_kind.o: cli/phrase_kind.c cli/phrase_kind.h $(HEADERS) | $(B)/obj
	$(COMPILE) -c cli/phrase_kind.c -o $@

TOOL_OBJS += $(B)/obj/phrase_kind.o
$(TOOL): $(B)/obj/phrase_kind.o
$(B)/obj/cli.o: cli/phrase_kind.h
