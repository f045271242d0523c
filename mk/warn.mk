# SPDX-License-Identifier: MIT
# The IANA Warning Codes registry (warn-codes.csv): src/warning.c joins the
# library, its tests join check-lib and check-gen (Makefile), gen/warn_gen.py
# joins regen.
#   make check-warn   build/test_warn and the generator's tests
#   make regen-warn   warn-codes.csv -> include/sipcode_warn.h, src/warn_table.inc,
#                     tests/warn_expected.inc

.PHONY: check-warn regen-warn

$(B)/obj/warning.o: src/warning.c src/warn_table.inc $(HEADERS) | $(B)/obj
	$(COMPILE) -c src/warning.c -o $@

$(LIB): $(B)/obj/warning.o

$(B)/obj/test_warn.o: tests/test_warn.c tests/check.h tests/warn_expected.inc $(HEADERS) | $(B)/obj
	$(COMPILE) -c tests/test_warn.c -o $@

$(B)/test_warn: $(B)/obj/test_warn.o $(LIB)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(B)/obj/test_warn.o $(LIB) $(CUNIT_LIBS) $(LDLIBS)

build-checks: $(B)/test_warn

check-warn: $(B)/test_warn ## the Warning codes suite and its generator's tests
	$(B)/test_warn
	$(PYTHON) tests/test_warn_gen.py

regen: regen-warn

regen-warn: ## remake the Warning code tables alone
	$(PYTHON) gen/warn_gen.py warn-codes.csv
