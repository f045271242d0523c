/* SPDX-License-Identifier: MIT */
/* make bench: nanoseconds per call of sipcode's lookups and of the baselines
 * built from the same codes.csv, measured in one run on the same inputs.
 *
 *   bench [--dat FILE] [--runs N]
 *
 * Each figure is the median of N runs (default 15); the runs of all methods
 * are interleaved so that a slow moment of the machine hits them alike. Each
 * run calls the method over its whole workload as many times as fill about
 * 4 ms. Methods are called through a pointer read from volatile memory and
 * every answer feeds a checksum that is printed, so no call can be dropped
 * or hoisted. Before timing, every method is checked to give sipcode's answer
 * (see bench/baselines.c for which inputs each baseline must agree on).
 * --dat writes "group<TAB>workload<TAB>method<TAB>ns" lines for the chart.
 * Exits 1 when a method gives a wrong answer, 2 on a usage error. */
#define _POSIX_C_SOURCE 200809L

#include "bench.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#ifndef BENCH_CFLAGS
#define BENCH_CFLAGS "(unknown)"
#endif

#define RUNS_MAX 101
#define RUN_NS 4e6

static volatile uintptr_t sink;

static double now_ns(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

/* One timed run: `passes` sweeps over the workload; returns ns per call. */
static double run_method(const struct method *volatile m, const void *in, size_t n, long passes)
{
    uintptr_t acc = 0;
    double t0, t1;
    long p;
    size_t i;

    t0 = now_ns();
    if (m->code_phrase) {
        code_phrase_fn f = m->code_phrase;
        const int *codes = in;

        for (p = 0; p < passes; p++)
            for (i = 0; i < n; i++)
                acc += (uintptr_t)f(codes[i]);
    } else if (m->code_info) {
        code_info_fn f = m->code_info;
        const int *codes = in;

        for (p = 0; p < passes; p++)
            for (i = 0; i < n; i++)
                acc += (uintptr_t)f(codes[i]);
    } else {
        phrase_code_fn f = m->phrase_code;
        const struct phrase_input *q = in;

        for (p = 0; p < passes; p++)
            for (i = 0; i < n; i++)
                acc += (uintptr_t)f(q[i].s, q[i].len);
    }
    t1 = now_ns();
    sink += acc;
    return (t1 - t0) / ((double)passes * (double)n);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return (x > y) - (x < y);
}

/* Reference answer for a code workload: every method of the group must
 * agree with the sipcode method (same pointer for code -> metadata, same
 * text for code -> phrase). */
static int check_codes(const struct method *m, const struct method *ref, const int *in, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        int ok;

        if (m->code_phrase) {
            const char *a = m->code_phrase(in[i]), *b = ref->code_phrase(in[i]);

            ok = (a == NULL) == (b == NULL) && (a == NULL || strcmp(a, b) == 0);
        } else {
            const struct sipcode_info *a = m->code_info(in[i]), *b = ref->code_info(in[i]);

            ok = (a == NULL) == (b == NULL) && (a == NULL || (a->code == b->code && a->rfc == b->rfc
                                                              && a->standing == b->standing));
        }
        if (!ok) {
            fprintf(stderr, "bench: %s disagrees with %s on %d\n", m->name, ref->name, in[i]);
            return 0;
        }
    }
    return 1;
}

static int check_phrases(const struct method *m, const char *workload, const struct phrase_input *in,
                         size_t n)
{
    int strict = strcmp(m->name, "phrase_linear") != 0; /* see bench/baselines.c */
    size_t i;

    /* It knows the registry's phrases alone (bench/baselines.c). */
    if (strcmp(m->name, "phrase_strncasecmp") == 0 && strcmp(workload, "registry phrases") != 0)
        return 1;
    for (i = 0; i < n; i++) {
        int want = sipcode_from_phrase(in[i].s, in[i].len), got = m->phrase_code(in[i].s, in[i].len);

        if (in[i].expect >= 0 && want != in[i].expect) {
            fprintf(stderr, "bench: sipcode gives %d for \"%s\", the table says %d\n", want,
                    in[i].s, in[i].expect);
            return 0;
        }
        if (got != want && (strict || in[i].expect >= 0)) {
            fprintf(stderr, "bench: %s gives %d for \"%.*s\", sipcode %d\n", m->name, got,
                    (int)(in[i].len < 60 ? in[i].len : 60), in[i].s, want);
            return 0;
        }
    }
    return 1;
}

static void cpu_model(char *buf, size_t size)
{
    FILE *f = fopen("/proc/cpuinfo", "r");
    char line[256];

    snprintf(buf, size, "(unknown CPU)");
    if (!f)
        return;
    while (fgets(line, sizeof line, f)) {
        char *colon = strchr(line, ':');

        if (strncmp(line, "model name", 10) == 0 && colon) {
            snprintf(buf, size, "%s", colon + 2);
            buf[strcspn(buf, "\n")] = '\0';
            break;
        }
    }
    fclose(f);
}

struct cell {
    const char *group;
    const char *workload;
    const struct method *m;
    const void *in;
    size_t n;
    long passes;
    double runs[RUNS_MAX];
};

static int is_group(const struct method *m, int group)
{
    return group == 0 ? m->code_phrase != NULL : group == 1 ? m->code_info != NULL : m->phrase_code != NULL;
}

static const char *const group_names[3] = { "code -> phrase", "code -> metadata", "phrase -> code" };

int main(int argc, char **argv)
{
    static struct cell cells[64];
    const char *dat = NULL;
    size_t n_cells = 0, c, g, w, k;
    int runs = 15, r;
    FILE *out = NULL;
    char cpu[200];

    for (r = 1; r < argc; r++) {
        if (strcmp(argv[r], "--dat") == 0 && r + 1 < argc)
            dat = argv[++r];
        else if (strcmp(argv[r], "--runs") == 0 && r + 1 < argc && atoi(argv[r + 1]) > 0
                 && atoi(argv[r + 1]) <= RUNS_MAX)
            runs = atoi(argv[++r]);
        else {
            fprintf(stderr, "usage: bench [--dat FILE] [--runs 1..%d]\n", RUNS_MAX);
            return 2;
        }
    }
    bench_workloads_init();

    for (g = 0; g < 3; g++) {
        size_t n_w = g < 2 ? bench_n_code_workloads : bench_n_phrase_workloads;
        const struct method *ref = NULL;

        for (w = 0; w < n_w; w++) {
            for (k = 0; k < bench_n_methods; k++) {
                const struct method *m = &bench_methods[k];
                struct cell *cl;

                if (!is_group(m, (int)g))
                    continue;
                if (!ref)
                    ref = m; /* the sipcode method comes first in each group */
                cl = &cells[n_cells++];
                cl->group = group_names[g];
                cl->m = m;
                if (g < 2) {
                    cl->workload = bench_code_workloads[w].name;
                    cl->in = bench_code_workloads[w].in;
                    cl->n = bench_code_workloads[w].n;
                } else {
                    cl->workload = bench_phrase_workloads[w].name;
                    cl->in = bench_phrase_workloads[w].in;
                    cl->n = bench_phrase_workloads[w].n;
                }
                /* An empty call answers nothing; every other method must
                 * answer as sipcode does. */
                if (!strstr(m->name, "_none")
                    && !(g < 2 ? check_codes(m, ref, cl->in, cl->n) : check_phrases(m, cl->workload, cl->in, cl->n)))
                    return 1;
                /* Calibrate: enough passes to fill one run. */
                cl->passes = 1;
                while (run_method(m, cl->in, cl->n, cl->passes) * (double)cl->passes * (double)cl->n
                       < RUN_NS)
                    cl->passes *= 2;
            }
        }
    }

    for (r = 0; r < runs; r++)
        for (c = 0; c < n_cells; c++)
            cells[c].runs[r] = run_method(cells[c].m, cells[c].in, cells[c].n, cells[c].passes);

    cpu_model(cpu, sizeof cpu);
    printf("sipcode benchmark: %s; compiler %s; CFLAGS %s\n", cpu, __VERSION__, BENCH_CFLAGS);
    printf("ns per call, median of %d runs; ratio = method / sipcode (higher: sipcode faster)\n", runs);
    if (dat && !(out = fopen(dat, "w"))) {
        perror(dat);
        return 2;
    }
    for (c = 0; c < n_cells; c++) {
        struct cell *cl = &cells[c];
        double med, ref_med;
        size_t first = c;

        qsort(cl->runs, (size_t)runs, sizeof cl->runs[0], cmp_double);
        med = cl->runs[runs / 2];
        while (first > 0 && cells[first - 1].group == cl->group && cells[first - 1].workload == cl->workload)
            first--;
        ref_med = cells[first].runs[runs / 2]; /* sorted already: it came first */
        if (first == c)
            printf("\n%s, %s (%lu inputs)\n  %-20s %10s %10s\n", cl->group, cl->workload,
                   (unsigned long)cl->n, "method", "ns/call", "ratio");
        printf("  %-20s %10.2f %9.2fx\n", cl->m->label, med, med / ref_med);
        if (out)
            fprintf(out, "%s\t%s\t%s\t%.3f\n", cl->group, cl->workload, cl->m->label, med);
    }
    printf("\nchecksum %lu\n", (unsigned long)sink);
    if (out && fclose(out) != 0) {
        perror(dat);
        return 2;
    }
    return 0;
}
