# SPDX-License-Identifier: MIT
# Hardening (included by Makefile): the C suites again under the
# sanitizers, valgrind, other compilers and C++. Only the suites whose
# answer can depend on the build run again; the Python tests of the
# generators do not. Each build has a folder of its own under $(B).

VALGRIND ?= valgrind
VALGRIND_FLAGS = -q --error-exitcode=99 --leak-check=full
THREAD_ROUNDS ?= 200
SAN_FLAGS = -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all

.PHONY: check-asan check-tsan check-valgrind check-matrix
# The suites that run again in each build of the C code.
C_SUITES = check-lib check-cli check-fuzz-replay


$(B)/test_threads: tests/test_threads.c tests/expected.h tests/expected.inc $(HEADERS) $(LIB)
	$(COMPILE) -Itests -pthread -o $@ tests/test_threads.c $(LIB) $(LDFLAGS) -pthread $(LDLIBS)

build-checks-without-cunit: $(if $(wildcard tests/test_threads.c),$(B)/test_threads)

check-asan: ## the C suites under -fsanitize=address,undefined (CC=gcc or clang), in build/asan-CC
	$(MAKE) --no-print-directory B=$(B)/asan-$(CC) CFLAGS="$(SAN_FLAGS)" \
	    LDFLAGS="-fsanitize=address,undefined" $(C_SUITES)

# Built from src/*.c directly: every object of the library must carry the
# instrumentation for TSan to see a race inside it.
$(B)/tsan/test_threads: tests/test_threads.c tests/expected.h tests/expected.inc $(HEADERS) \
    $(wildcard src/*.c src/*.inc)
	mkdir -p $(B)/tsan
	$(CC) $(SIPCODE_CPPFLAGS) -Itests -O1 -g -fsanitize=thread $(SIPCODE_CFLAGS) -pthread \
	    -o $@ tests/test_threads.c $(wildcard src/*.c)

check-tsan: $(B)/tsan/test_threads ## the thread test under -fsanitize=thread
	TSAN_OPTIONS=halt_on_error=1 $(B)/tsan/test_threads $(THREAD_ROUNDS)

check-valgrind: $(TESTS) $(LIB_SUITES) $(TOOL) $(B)/test_threads $(FUZZ_HARNESSES:%=$(FRB)/fuzz_%) ## the C suites under valgrind --leak-check=full
	$(VALGRIND) $(VALGRIND_FLAGS) $(TESTS) tests/data >$(B)/valgrind-runner.log \
	    || { cat $(B)/valgrind-runner.log; exit 1; }
	@tail -n 1 $(B)/valgrind-runner.log
	@for t in $(LIB_SUITES); do \
	    $(VALGRIND) $(VALGRIND_FLAGS) $$t >$$t-valgrind.log || { cat $$t-valgrind.log; exit 1; }; \
	    tail -n 1 $$t-valgrind.log; done
	$(VALGRIND) $(VALGRIND_FLAGS) $(B)/test_threads 2
	$(MAKE) fuzz-replay FUZZ_WRAPPER="$(VALGRIND) $(VALGRIND_FLAGS)"
	TOOL_WRAPPER="$(VALGRIND) $(VALGRIND_FLAGS)" sh tests/test_cli.sh $(TOOL)

# The public header as C++ (make check-cxx): built as C and as C++11 and
# C++17 (-Wall -Wextra -Wpedantic -Werror), the dump of every constant must
# not differ. CXX defaults to make's g++; CXX=clang++ for clang.
CXX_STDS ?= c++11 c++17
CXX_FLAGS = -Wall -Wextra -Wpedantic -Werror
CXB = $(B)/cxx

# Object-like SIPCODE_ macros with a value (not the string date) and the
# enumerators: every constant a user can name.
$(CXB)/header_names.inc: $(HEADERS)
	mkdir -p $(CXB)
	sed -n -e 's/^#define \(SIPCODE_[A-Z0-9_]*\) [^"]*$$/X(\1)/p' \
	    -e 's/^ *\(SIPCODE_[A-Z0-9_]*\) = .*/X(\1)/p' $(HEADERS) >$@

$(CXB)/dump-c: tests/header_dump.c $(CXB)/header_names.inc $(LIB)
	$(COMPILE) -I$(CXB) -o $@ tests/header_dump.c $(LIB) $(LDFLAGS)

$(CXB)/dump-%: tests/header_dump.cpp tests/header_dump.c $(CXB)/header_names.inc $(LIB)
	$(CXX) $(SIPCODE_CPPFLAGS) -I$(CXB) -Itests -std=$* $(CXX_FLAGS) -o $@ tests/header_dump.cpp \
	    $(LIB) $(LDFLAGS)

check-cxx: $(CXB)/dump-c $(CXX_STDS:%=$(CXB)/dump-%) ## the public header as C++11 and C++17 gives the same constants as C
	$(CXB)/dump-c >$(CXB)/c.out
	@test $$(grep -c '^SIPCODE_' $(CXB)/c.out) -gt 80 || { echo "check-cxx: too few constants"; exit 1; }
	@for s in $(CXX_STDS); do $(CXB)/dump-$$s >$(CXB)/$$s.out && \
	    cmp $(CXB)/c.out $(CXB)/$$s.out || { diff $(CXB)/c.out $(CXB)/$$s.out; exit 1; }; done
	@echo "check-cxx: $$(wc -l <$(CXB)/c.out) lines the same in C and $(CXX_STDS) ($(CXX))"

.PHONY: check-cxx
.SECONDARY: $(CXX_STDS:%=$(CXB)/dump-%)

check-gen-mutate: ## the generator against 1,200 mutants of codes.csv
	CC="$(CC)" GPERF="$(GPERF)" $(PYTHON_EXE) tests/test_gen_mutate.py
.PHONY: check-gen-mutate

# The compiler matrix: the C suites built by each compiler, as C99 and C11,
# at -O0 and -O2, with the strict warning set of check-warnings (less the
# -std=, and the format checks CUnit's printf-like CHECK cannot meet) and
# -Werror over every C file they build: library, tool, analyser, test
# runners and fuzz harnesses; then the header as C++ with g++ and clang++.
# One target per build, so that make -j runs them side by side.
MATRIX_CCS ?= gcc clang
MATRIX_CXXS ?= g++ clang++
MATRIX_WARNINGS = $(filter-out -std=%,$(STRICT_CFLAGS)) -Wno-format-nonliteral
MATRIX_BUILDS = $(foreach cc,$(MATRIX_CCS),$(foreach std,c99 c11,$(foreach opt,-O0 -O2,$(cc)/$(std)$(opt))))

check-matrix: $(MATRIX_BUILDS:%=check-matrix/%) $(MATRIX_CXXS:%=check-matrix/%) ## the C suites with gcc and clang, C99 and C11, -O0 and -O2, strict warnings (one alone: check-matrix/clang/c11-O2); the header as C++

# check-matrix/CC/STD-OPT: one build of the C suites, in $(B)/matrix/CC/STD-OPT.
MATRIX_DIR = $(B)/matrix/$(@:check-matrix/%=%)
MATRIX_CC = $(firstword $(subst /, ,$(@:check-matrix/%=%)))
MATRIX_STD = $(firstword $(subst -, ,$(lastword $(subst /, ,$@))))
MATRIX_OPT = -$(lastword $(subst -, ,$@))
$(MATRIX_BUILDS:%=check-matrix/%):
	@mkdir -p $(MATRIX_DIR)
	@echo "check-matrix: $(MATRIX_CC) -std=$(MATRIX_STD) $(MATRIX_OPT)"
	@$(MAKE) -s --no-print-directory B=$(MATRIX_DIR) CC=$(MATRIX_CC) SIPCODE_STD=-std=$(MATRIX_STD) \
	    CFLAGS="$(MATRIX_OPT) $(MATRIX_WARNINGS)" WERROR=-Werror $(C_SUITES) >$(MATRIX_DIR)/log 2>&1 \
	    || { cat $(MATRIX_DIR)/log; exit 1; }
	@grep -E '^[a-z_0-9]+: [0-9]+ passed|replayed' $(MATRIX_DIR)/log
$(MATRIX_CXXS:%=check-matrix/%):
	@$(MAKE) -s --no-print-directory B=$(B)/matrix/$(@:check-matrix/%=%) CXX=$(@:check-matrix/%=%) check-cxx
.PHONY: $(MATRIX_BUILDS:%=check-matrix/%) $(MATRIX_CXXS:%=check-matrix/%)
