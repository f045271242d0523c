# SPDX-License-Identifier: MIT
# Fuzzing (included by Makefile). Each harness is fuzz/fuzz_NAME.c with its
# seeds in fuzz/corpus/NAME/; adding one is one line here:
FUZZ_HARNESSES += phrase
FUZZ_HARNESSES += codes
FUZZ_HARNESSES += status_line
FUZZ_HARNESSES += scan
FUZZ_HARNESSES += q850
FUZZ_HARNESSES += reason
FUZZ_HARNESSES += capture
FUZZ_HARNESSES += outcomes
# A harness that needs sources outside src/ names them in FUZZ_EXTRA_NAME
# (they go on the compiler's command line) and the headers they bring below.
FUZZ_EXTRA_scan = cli/scan.c
FUZZ_EXTRA_capture = $(filter-out analyser/capture.c analyser/report.c,$(sort $(wildcard analyser/*.c)))
#
#   make fuzz           every harness under libFuzzer for FUZZ_SECONDS each
#                       (clang -fsanitize=fuzzer,address,undefined); make -j2
#                       runs two at once. New inputs go to build/fuzz/corpus/.
#   make fuzz-cov       llvm-cov line coverage of src/ reached by the corpora
#   make fuzz-replay    every harness, built by $(CC) without libFuzzer, over
#                       the committed corpus (part of make check)
#   make fuzz-corpus    rewrite the seeds from codes.csv (part of make regen)

FUZZ_SECONDS ?= 60
FUZZ_CC ?= clang
FUZZ_MAX_LEN ?= 4096
FUZZ_FLAGS ?=
LLVM_PROFDATA ?= llvm-profdata
LLVM_COV ?= llvm-cov

FB = $(B)/fuzz
FCB = $(B)/fuzz-cov
FRB = $(B)/fuzz-replay
FUZZ_LIB_SRC = $(wildcard src/*.c)
FUZZ_LIB_DEPS = $(wildcard src/*.inc src/*.h) $(HEADERS)
FUZZ_HDRS = fuzz/fuzz.h tests/expected.h tests/expected.inc
FUZZ_COMPILE = $(FUZZ_CC) $(SIPCODE_CPPFLAGS) -Itests -Icli -g -O1 -fno-omit-frame-pointer $(SIPCODE_CFLAGS)
FUZZ_SAN = -fsanitize=address,undefined -fno-sanitize-recover=all
FUZZ_COV = -fprofile-instr-generate -fcoverage-mapping

.PHONY: fuzz fuzz-cov fuzz-replay fuzz-corpus
.SECONDEXPANSION:

$(FB)/fuzz_scan $(FCB)/fuzz_scan $(FRB)/fuzz_scan: cli/scan.h
$(FB)/fuzz_capture $(FCB)/fuzz_capture $(FRB)/fuzz_capture: $(wildcard analyser/*.h)

# ---- libFuzzer builds, with the sanitizers
$(FB)/obj $(FCB)/obj $(FRB):
	mkdir -p $@

$(FB)/obj/%.o: src/%.c $(FUZZ_LIB_DEPS) | $(FB)/obj
	$(FUZZ_COMPILE) $(FUZZ_SAN) -fsanitize=fuzzer-no-link -c $< -o $@

$(FB)/fuzz_%: fuzz/fuzz_%.c $(FUZZ_HDRS) $(FUZZ_LIB_SRC:src/%.c=$(FB)/obj/%.o) $$(FUZZ_EXTRA_$$*)
	$(FUZZ_COMPILE) $(FUZZ_SAN) -fsanitize=fuzzer -o $@ $< $(FUZZ_EXTRA_$*) \
	    $(FUZZ_LIB_SRC:src/%.c=$(FB)/obj/%.o)

fuzz: $(FUZZ_HARNESSES:%=fuzz-run-%) ## every harness under libFuzzer with ASan and UBSan for FUZZ_SECONDS

# Fuzzing writes only under build/: the committed seeds are read, not grown.
fuzz-run-%: $(FB)/fuzz_% ## one harness under libFuzzer for FUZZ_SECONDS (fuzz-run-capture, ...)
	@mkdir -p $(FB)/corpus/$*
	@echo "fuzz $*: $(FUZZ_SECONDS) s"
	@$(FB)/fuzz_$* -max_total_time=$(FUZZ_SECONDS) -max_len=$(FUZZ_MAX_LEN) \
	    -print_final_stats=1 -artifact_prefix=$(FB)/crash-$*- $(FUZZ_FLAGS) \
	    $(FB)/corpus/$* fuzz/corpus/$* >$(FB)/$*.log 2>&1 \
	    || { tail -n 60 $(FB)/$*.log; echo "fuzz $*: FAILED, input in $(FB)/crash-$*-*"; exit 1; }
	@sed -n 's/^stat::number_of_executed_units: */executions: /p; s/^stat::peak_rss_mb: */peak RSS MB: /p' \
	    $(FB)/$*.log | sed 's/^/fuzz $*: /'
	@echo "fuzz $*: corpus $$(ls $(FB)/corpus/$* | wc -l) new + $$(ls fuzz/corpus/$* | wc -l) seeds"

# ---- coverage of src/ reached by the corpora (seeds, plus what make fuzz found)
$(FCB)/obj/%.o: src/%.c $(FUZZ_LIB_DEPS) | $(FCB)/obj
	$(FUZZ_COMPILE) $(FUZZ_COV) -fsanitize=fuzzer-no-link -c $< -o $@

$(FCB)/fuzz_%: fuzz/fuzz_%.c $(FUZZ_HDRS) $(FUZZ_LIB_SRC:src/%.c=$(FCB)/obj/%.o) $$(FUZZ_EXTRA_$$*)
	$(FUZZ_COMPILE) $(FUZZ_COV) -fsanitize=fuzzer -o $@ $< $(FUZZ_EXTRA_$*) \
	    $(FUZZ_LIB_SRC:src/%.c=$(FCB)/obj/%.o)

fuzz-cov: $(FUZZ_HARNESSES:%=$(FCB)/fuzz_%) ## llvm-cov line coverage of src/ reached by the corpora
	@rm -f $(FCB)/*.profraw
	@for h in $(FUZZ_HARNESSES); do \
	    mkdir -p $(FB)/corpus/$$h; \
	    LLVM_PROFILE_FILE=$(FCB)/$$h.profraw $(FCB)/fuzz_$$h -runs=0 \
	        $(FB)/corpus/$$h fuzz/corpus/$$h >$(FCB)/$$h.log 2>&1 || exit 1; \
	done
	$(LLVM_PROFDATA) merge -sparse -o $(FCB)/all.profdata $(FCB)/*.profraw
	$(LLVM_COV) report $(FCB)/fuzz_$(firstword $(FUZZ_HARNESSES)) \
	    $(patsubst %,-object $(FCB)/fuzz_%,$(wordlist 2,99,$(FUZZ_HARNESSES))) \
	    -instr-profile=$(FCB)/all.profdata $(FUZZ_LIB_SRC) $(wildcard src/*.inc) \
	    $(sort $(foreach h,$(FUZZ_HARNESSES),$(FUZZ_EXTRA_$(h))))

# ---- the same harnesses without libFuzzer, by any compiler, over the seeds.
# They link the objects the tool is built from (the same compiler and flags)
# rather than compile the analyser's sources again for each harness.
FUZZ_REPLAY_OBJS = $(patsubst analyser/%.c,$(B)/obj/an_%.o,$(patsubst cli/%.c,$(B)/obj/%.o,$(FUZZ_EXTRA_$(1))))
$(FRB)/fuzz_%: fuzz/fuzz_%.c fuzz/replay.c $(FUZZ_HDRS) $(LIB) $$(call FUZZ_REPLAY_OBJS,$$*) | $(FRB)
	$(COMPILE) -Itests -Icli -o $@ $< fuzz/replay.c $(call FUZZ_REPLAY_OBJS,$*) $(LIB) $(LDFLAGS) $(LDLIBS)

fuzz-replay: $(FUZZ_HARNESSES:%=$(FRB)/fuzz_%) ## the harnesses, built without libFuzzer, over the committed seeds
	@for h in $(FUZZ_HARNESSES); do \
	    $(FUZZ_WRAPPER) $(FRB)/fuzz_$$h fuzz/corpus/$$h/* || exit 1; done

check-fuzz-replay: fuzz-replay ## the same as fuzz-replay
build-checks-without-cunit: $(if $(wildcard fuzz/replay.c),$(FUZZ_HARNESSES:%=$(FRB)/fuzz_%))

fuzz-corpus: ## rewrite the seeds from codes.csv (part of regen)
	PYTHONPATH=gen $(PYTHON) fuzz/make_corpus.py codes.csv

regen: $(if $(wildcard fuzz/make_corpus.py),fuzz-corpus)

# Built through pattern rules, but kept: they are what a developer reruns.
.SECONDARY: $(foreach d,$(FB) $(FCB) $(FRB),$(FUZZ_HARNESSES:%=$(d)/fuzz_%)) \
    $(FUZZ_LIB_SRC:src/%.c=$(FB)/obj/%.o) $(FUZZ_LIB_SRC:src/%.c=$(FCB)/obj/%.o)
