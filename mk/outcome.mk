# SPDX-License-Identifier: MIT
# Outcome groups and RFC 6076 metric code lists (outcomes.csv): src/outcome.c
# joins the library, its tests join check-lib and check-gen (Makefile),
# gen/outcome_gen.py joins regen.
#   make check-outcome   build/test_outcome and the generator's tests
#   make regen-outcome   outcomes.csv -> include/sipcode_outcome.h,
#                        src/outcome_table.inc, tests/outcome_expected.inc

.PHONY: check-outcome regen-outcome

$(B)/obj/outcome.o: src/outcome.c src/outcome_table.inc $(HEADERS) | $(B)/obj
	$(COMPILE) -c src/outcome.c -o $@

$(LIB): $(B)/obj/outcome.o

$(B)/obj/test_outcome.o: tests/test_outcome.c tests/check.h tests/outcome_expected.inc $(HEADERS) | $(B)/obj
	$(COMPILE) -c tests/test_outcome.c -o $@

$(B)/test_outcome: $(B)/obj/test_outcome.o $(LIB)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(B)/obj/test_outcome.o $(LIB) $(CUNIT_LIBS) $(LDLIBS)

build-checks: $(B)/test_outcome

check-outcome: $(B)/test_outcome ## the outcome and RFC 6076 list suite and its generator's tests
	$(B)/test_outcome
	$(PYTHON) tests/test_outcome_gen.py

regen: regen-outcome

regen-outcome: ## remake the outcome and metric tables alone
	$(PYTHON) gen/outcome_gen.py outcomes.csv codes.csv
