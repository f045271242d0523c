# SPDX-License-Identifier: MIT
# Performance and size; see BENCHMARKS.md.
#   make bench        ns per call, sipcode against hand-written baselines
#   make bench-count  callgrind instructions per call against the targets
#   make size         each object of the library against its budget, and a
#                     program linking only two lookups against 8 KiB
#   make bench-scan   `sipcode scan` against grep on a 200 MB generated trace
#   make bench-chart  bench, then BENCHMARKS.svg with gnuplot
# The baselines are built from codes.csv into build/ at build time; Python 3
# (standard library) is needed for them, valgrind for bench-count.

BENCH_OBJ = $(B)/obj/bench
BENCH_COMPILE = $(COMPILE) -I$(BENCH_OBJ) -Itests -Ibench
BENCH_COMMON = $(BENCH_OBJ)/baselines.o $(BENCH_OBJ)/workloads.o $(BENCH_OBJ)/old_phrase.o
TRACE = $(B)/trace.sip

.PHONY: bench bench-count size bench-scan bench-chart

$(BENCH_OBJ):
	mkdir -p $@

$(BENCH_OBJ)/bench_baselines.inc: bench/gen_baselines.py codes.csv gen/sipcode_gen.py gen/tables.py gen/phrase_hash.py | $(BENCH_OBJ)
	PYTHONPATH=gen $(PYTHON) bench/gen_baselines.py codes.csv $@

$(BENCH_OBJ)/baselines.o: bench/baselines.c bench/bench.h $(BENCH_OBJ)/bench_baselines.inc $(HEADERS)
	$(BENCH_COMPILE) -c bench/baselines.c -o $@

$(BENCH_OBJ)/old_phrase.o: bench/old_phrase.c bench/old_phrase_hash.inc bench/bench.h $(HEADERS) | $(BENCH_OBJ)
	$(BENCH_COMPILE) -c bench/old_phrase.c -o $@

$(BENCH_OBJ)/workloads.o: bench/workloads.c bench/bench.h tests/expected.inc $(HEADERS) | $(BENCH_OBJ)
	$(BENCH_COMPILE) -c bench/workloads.c -o $@

$(BENCH_OBJ)/bench.o: bench/bench.c bench/bench.h $(HEADERS) | $(BENCH_OBJ)
	$(BENCH_COMPILE) -DBENCH_CFLAGS='"$(CFLAGS)"' -c bench/bench.c -o $@

$(BENCH_OBJ)/count.o: bench/count.c bench/bench.h $(HEADERS) | $(BENCH_OBJ)
	$(BENCH_COMPILE) -c bench/count.c -o $@

$(B)/bench: $(BENCH_OBJ)/bench.o $(BENCH_COMMON) $(LIB)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(BENCH_OBJ)/bench.o $(BENCH_COMMON) $(LIB) $(LDLIBS)

$(B)/bench_count: $(BENCH_OBJ)/count.o $(BENCH_COMMON) $(LIB)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(BENCH_OBJ)/count.o $(BENCH_COMMON) $(LIB) $(LDLIBS)

bench: $(B)/bench ## ns per call of sipcode and hand-written baselines
	$(B)/bench

bench-count: $(B)/bench_count ## callgrind instructions per call against the targets
	$(PYTHON) bench/count.py $(B)/bench_count $(B)/callgrind \
	    --built-with "$$($(CC) --version | head -n 1 | sed 's/ *(.*) */ /'); CFLAGS $(CFLAGS)"

# The library's sources again, each function and table in its own section,
# so that --gc-sections keeps only what bench/size_link.c reaches.
SIZE_OBJ = $(B)/obj/size
SIZE_SRC = $(wildcard src/*.c)

$(SIZE_OBJ):
	mkdir -p $@

$(SIZE_OBJ)/%.o: src/%.c $(wildcard src/*.inc) $(HEADERS) | $(SIZE_OBJ)
	$(COMPILE) -ffunction-sections -fdata-sections -c $< -o $@

$(B)/size_link: bench/size_link.c $(SIZE_SRC:src/%.c=$(SIZE_OBJ)/%.o) $(HEADERS) | $(SIZE_OBJ)
	$(COMPILE) -ffunction-sections -fdata-sections -Wl,--gc-sections -o $@ bench/size_link.c \
	    $(SIZE_SRC:src/%.c=$(SIZE_OBJ)/%.o)

size: $(LIB) $(B)/size_link ## each object against its budget; two lookups linked alone
	$(PYTHON) bench/size.py $(LIB) --program $(B)/size_link

$(TRACE): bench/gen_trace.py
	$(PYTHON) bench/gen_trace.py $@

# The tool always has scan; a guard that asked it for --help could not fail
# (--help is a global option), so there is none.
bench-scan: $(TOOL) $(TRACE) ## time sipcode scan on a large generated capture
	sh bench/scan.sh $(TOOL) $(TRACE)

bench-chart: $(B)/bench ## bench, then BENCHMARKS.svg (gnuplot)
	$(B)/bench --dat $(B)/bench.dat
	sh bench/chart.sh $(B)/bench.dat BENCHMARKS.svg
