# SPDX-License-Identifier: MIT
# The packet analyser behind `sipcode scan` (included by Makefile): analyser/
# is built into the tool only; the library never sees it or libpcap.
#
#   WITH_PCAP=yes|no   read captures with libpcap (default: yes when a
#                      program including <pcap/pcap.h> links with -lpcap);
#                      without it scan reads text traces only and says so
#                      for a capture
#   make check-capture the capture tests against tshark (tests/test_capture.sh)
#   make bench-scan    (also) sipcode scan against tshark on a generated capture of
#                      BENCH_SCAN_MB megabytes (default 500)

PCAP_LIBS ?= -lpcap
# Asked once per make run, when first needed (not at every use: each object
# of the analyser and the tool's link would otherwise compile the probe again).
ifeq ($(origin WITH_PCAP),undefined)
WITH_PCAP = $(eval WITH_PCAP := $(shell printf '\043include <pcap/pcap.h>\nint main(void) { return pcap_datalink(0); }\n' \
    | $(CC) $(CFLAGS) $(LDFLAGS) -x c -o /dev/null - $(PCAP_LIBS) >/dev/null 2>&1 && echo yes || echo no))$(WITH_PCAP)
endif

AN_SRC = $(wildcard analyser/*.c)
AN_HDRS = $(wildcard analyser/*.h) cli/scan.h cli/json.h $(HEADERS)
AN_OBJS = $(AN_SRC:analyser/%.c=$(B)/obj/an_%.o)
AN_CPPFLAGS = -Ianalyser -Icli $(if $(filter yes,$(WITH_PCAP)),,-DSIPCODE_NO_PCAP)

$(B)/obj/an_%.o: analyser/%.c $(AN_HDRS) | $(B)/obj
	$(COMPILE) $(AN_CPPFLAGS) -c $< -o $@

# The tool: cli.o now includes the analyser's headers.
$(B)/obj/cli.o: $(AN_HDRS)
$(B)/obj/cli.o: COMPILE += $(AN_CPPFLAGS)
TOOL_OBJS += $(AN_OBJS)
$(TOOL): $(AN_OBJS)
$(TOOL): LDLIBS += $(if $(filter yes,$(WITH_PCAP)),$(PCAP_LIBS))

.PHONY: check-capture bench-scan-capture

check-capture: $(TOOL) ## captures: scan's counts equal tshark's, hostile captures (needs tshark)
	bash tests/test_capture.sh $(TOOL)

# make bench-scan runs this before the text trace's benchmark (mk/bench.mk).
BENCH_SCAN_MB ?= 500
bench-scan: bench-scan-capture
bench-scan-capture: $(TOOL) ## sipcode scan against tshark on a generated capture (BENCH_SCAN_MB=500)
	bash bench/capture.sh $(TOOL) $(BENCH_SCAN_MB)

# A vendored copy builds the tool too (mk/vendor.mk).
VENDOR_BUILD += $(sort $(wildcard analyser/*.c analyser/*.h))

# Seeds of the capture fuzz harness (fuzz/fuzz_capture.c): the start of each
# variant of the sipp capture and of the hostile captures, at most
# FUZZ_MAX_LEN bytes each. Not part of make regen: the variants need no
# refresh when codes.csv changes.
fuzz-corpus-capture: ## rewrite the capture harness's seeds
	rm -rf $(B)/seeds && mkdir -p $(B)/seeds fuzz/corpus/capture
	$(PYTHON) tests/captures/make_variants.py tests/captures/sipp-udp.pcap $(B)/seeds
	for h in clen duplicates; do $(PYTHON) tests/captures/make_hostile.py $$h >$(B)/seeds/$$h.pcap; done
	$(PYTHON) tests/captures/make_hostile.py frag-flood 20 >$(B)/seeds/frag-flood.pcap
	$(PYTHON) tests/captures/make_hostile.py snaplen tests/captures/sipp-udp.pcap >$(B)/seeds/snaplen.pcap
	for f in $(B)/seeds/*.pcap tests/captures/*.pcap; do \
	    head -c $(FUZZ_MAX_LEN) $$f >fuzz/corpus/capture/$$(basename $$f .pcap); done
.PHONY: fuzz-corpus-capture
