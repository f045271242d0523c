# SPDX-License-Identifier: MIT
# The tables beside codes.csv, each made by its own generator in gen/:
#   q850      q850.csv (SIP status <-> Q.850 cause)      src/q850.c
#   warn      warn-codes.csv (IANA Warning codes)        src/warning.c
#   outcome   outcomes.csv (outcome groups, RFC 6076)    src/outcome.c
# For each NAME: the library source joins the library, build/test_NAME joins
# build-checks (check-lib runs it, Makefile), make check-NAME runs the suite
# and the generator's tests, make regen-NAME remakes the table alone (part
# of make regen).

# $(1) NAME: gen/$(1)_gen.py, src/$(1)_table.inc, tests/test_$(1).c and
#      tests/$(1)_expected.inc, tests/test_$(1)_gen.py
# $(2) the library source src/$(2).c;  $(3) the generator's arguments
define table_rules
$$(B)/obj/$(2).o: src/$(2).c src/$(1)_table.inc $$(HEADERS) | $$(B)/obj
	$$(COMPILE) -c src/$(2).c -o $$@

$$(LIB): $$(B)/obj/$(2).o

$$(B)/obj/test_$(1).o: tests/test_$(1).c tests/check.h tests/$(1)_expected.inc $$(HEADERS) | $$(B)/obj
	$$(COMPILE) -c tests/test_$(1).c -o $$@

$$(B)/test_$(1): $$(B)/obj/test_$(1).o $$(LIB)
	$$(CC) $$(CFLAGS) $$(LDFLAGS) -o $$@ $$(B)/obj/test_$(1).o $$(LIB) $$(CUNIT_LIBS) $$(LDLIBS)

build-checks: $$(B)/test_$(1)

check-$(1): $$(B)/test_$(1)
	$$(B)/test_$(1)
	$$(PYTHON_EXE) tests/test_$(1)_gen.py

regen: regen-$(1)

regen-$(1):
	$$(PYTHON) gen/$(1)_gen.py $(3)

.PHONY: check-$(1) regen-$(1)
endef

$(eval $(call table_rules,q850,q850,q850.csv codes.csv))
$(eval $(call table_rules,warn,warning,warn-codes.csv))
$(eval $(call table_rules,outcome,outcome,outcomes.csv codes.csv))

# For make help, which reads these lines.
check-q850: ## the Q.850 mapping's suite and its generator's tests
check-warn: ## the Warning codes suite and its generator's tests
check-outcome: ## the outcome and RFC 6076 list suite and its generator's tests
regen-q850: ## remake the Q.850 tables alone
regen-warn: ## remake the Warning code tables alone
regen-outcome: ## remake the outcome and metric tables alone
