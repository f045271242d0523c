/* SPDX-License-Identifier: MIT */
/* What the benchmark programs share: the lookup methods under test (sipcode
 * and the hand-written baselines of bench/baselines.c), and the workloads
 * of bench/workloads.c that every method is fed alike. */
#ifndef SIPCODE_BENCH_H
#define SIPCODE_BENCH_H

#include <stddef.h>

#include "sipcode.h"

typedef const char *(*code_phrase_fn)(int code);
typedef const struct sipcode_info *(*code_info_fn)(int code);
typedef int (*phrase_code_fn)(const char *s, size_t len);

/* Baselines, each answering the same question as the sipcode call beside it.
 * They live in their own translation unit, as the library does, so that no
 * method is inlined into the measuring loop and all pay the same call. */
const char *bl_code_linear(int code);
const char *bl_code_bsearch(int code);
const char *bl_code_switch(int code);
const struct sipcode_info *bl_info_plain(int code);
const struct sipcode_info *bl_info_pointer(int code);
int bl_phrase_linear(const char *s, size_t len);
int bl_phrase_strncasecmp(const char *s, size_t len);
int bl_phrase_bsearch(const char *s, size_t len);
int bl_phrase_switch(const char *s, size_t len);
int bl_phrase_none(const char *s, size_t len);
/* The phrase lookup before the key-position hash (bench/old_phrase.c). */
int bl_phrase_old(const char *s, size_t len);
const char *bl_code_none(int code);

struct method {
    const char *name;  /* as printed and as the count driver is asked for it */
    const char *label; /* as the tables and the chart show it */
    code_phrase_fn code_phrase;
    code_info_fn code_info;
    phrase_code_fn phrase_code;
};

extern const struct method bench_methods[];
extern const size_t bench_n_methods;

struct phrase_input {
    const char *s;
    size_t len;
    int expect; /* the code sipcode must give; -1 when the input is junk */
};

struct code_workload {
    const char *name;
    const int *in;
    size_t n;
};

struct phrase_workload {
    const char *name;
    const struct phrase_input *in;
    size_t n;
};

/* Builds every workload; call once before using the arrays below. */
void bench_workloads_init(void);

extern struct code_workload bench_code_workloads[];
extern const size_t bench_n_code_workloads;
extern struct phrase_workload bench_phrase_workloads[];
extern const size_t bench_n_phrase_workloads;

#endif
