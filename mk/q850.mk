# SPDX-License-Identifier: MIT
# The gateway mapping: SIP status <-> Q.850 cause from q850.csv.
# src/q850.c joins the library; its tests join check; gen/q850_gen.py joins
# regen.

.PHONY: check-q850 regen-q850

$(B)/obj/q850.o: src/q850.c src/q850_table.inc $(HEADERS) | $(B)/obj
	$(COMPILE) -c src/q850.c -o $@

$(LIB): $(B)/obj/q850.o

$(B)/obj/test_q850.o: tests/test_q850.c tests/check.h tests/q850_expected.inc $(HEADERS) | $(B)/obj
	$(COMPILE) -c tests/test_q850.c -o $@

$(B)/test_q850: $(B)/obj/test_q850.o $(LIB)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(B)/obj/test_q850.o $(LIB) $(CUNIT_LIBS) $(LDLIBS)

build-checks: $(B)/test_q850

check-q850: $(B)/test_q850 ## the Q.850 mapping's suite and its generator's tests
	$(B)/test_q850
	$(PYTHON) tests/test_q850_gen.py

regen: regen-q850

regen-q850: ## remake the Q.850 tables alone
	$(PYTHON) gen/q850_gen.py q850.csv codes.csv
