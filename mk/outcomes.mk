# SPDX-License-Identifier: MIT
# The outcome analysis of `sipcode scan` (included by Makefile): its sources
# are analyser/*.c, built by mk/capture.mk. Here its tests:
#   make check-outcomes   known answers on the committed captures of
#                         tests/captures/, merging, formats, hostile cases and
#                         usage (tests/test_outcomes.py; part of make check)
#   make check-outcomes-tshark  the delays and per-method counts of the same
#                         captures against tshark's reading (check-all, CI)
#   make captures         remake tests/captures/ with sipp on loopback inside
#                         unshare -n (root, sipp, tcpdump); not part of check

.PHONY: check-outcomes check-outcomes-tshark captures

check-outcomes: $(TOOL) ## scan's outcomes and metrics: known answers on the committed captures
	$(PYTHON_EXE) tests/test_outcomes.py $(TOOL) tests/captures

check-outcomes-tshark: $(TOOL) ## the same captures' delays and per-method counts against tshark's (needs tshark)
	$(PYTHON_EXE) tests/test_outcomes.py $(TOOL) tests/captures --tshark

captures: ## remake tests/captures/ with sipp on loopback (root, sipp, tcpdump)
	bash tests/outcomes/capture.sh tests/captures

# The harness fuzz/fuzz_outcomes.c (mk/fuzz.mk builds and runs it): the
# analyser without libpcap, and the JSON writer of the tool. The capture
# harness does without the outcome analysis and its JSON writer.
OC_SRC = analyser/txn.c analyser/calls.c analyser/outcomes.c analyser/stats.c analyser/table.c \
    analyser/oc_report.c analyser/oc_summary.c analyser/oc_formats.c analyser/oc_merge.c
FUZZ_EXTRA_outcomes = $(filter-out analyser/capture.c analyser/report.c,$(sort $(wildcard analyser/*.c))) cli/json.c
FUZZ_EXTRA_capture := $(filter-out $(OC_SRC),$(FUZZ_EXTRA_capture))
$(FB)/fuzz_outcomes $(FCB)/fuzz_outcomes $(FRB)/fuzz_outcomes: $(wildcard analyser/*.h) cli/json.h
