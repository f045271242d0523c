/* SPDX-License-Identifier: MIT */
/* The driver of make bench-count (bench/count.py runs it under callgrind).
 *
 *   bench_count METHOD CALLS
 *
 * For each input of each workload of METHOD's group it calls bench_mark(),
 * then METHOD CALLS times on that input. callgrind, told to dump before
 * every bench_mark() and to collect only inside METHOD, so writes one dump
 * per input holding exactly CALLS calls' instructions (the first dump
 * holds a warm-up pass and is not an input's). On stdout, one line
 * per input in dump order: "workload<TAB>length<TAB>expected<TAB>text" (length
 * and expected are -1 for code inputs, text is the code or the first 40 bytes
 * of the phrase). Exit 2 on a usage error. */
#include "bench.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static volatile unsigned long sink;

/* callgrind dumps on entry to it; called through a volatile pointer so
 * that it is never inlined away. */
void bench_mark(void);
void bench_mark(void)
{
    sink++;
}
static void (*volatile mark)(void) = bench_mark;

int main(int argc, char **argv)
{
    const struct method *volatile m = NULL;
    long calls = argc == 3 ? atol(argv[2]) : 0;
    size_t k, w, i;
    long c;

    for (k = 0; argc == 3 && k < bench_n_methods; k++)
        if (strcmp(bench_methods[k].name, argv[1]) == 0)
            m = &bench_methods[k];
    if (m == NULL || calls < 1) {
        fprintf(stderr, "usage: bench_count METHOD CALLS; methods:");
        for (k = 0; k < bench_n_methods; k++)
            fprintf(stderr, " %s", bench_methods[k].name);
        fprintf(stderr, "\n");
        return 2;
    }
    bench_workloads_init();
    /* One call per input before any dump, so that lazy symbol binding (the
     * first memcmp or strcasecmp goes through the dynamic linker) is paid
     * outside the counts. */
    for (w = 0; m->phrase_code && w < bench_n_phrase_workloads; w++)
        for (i = 0; i < bench_phrase_workloads[w].n; i++)
            sink += (unsigned long)m->phrase_code(bench_phrase_workloads[w].in[i].s,
                                                  bench_phrase_workloads[w].in[i].len);
    if (m->phrase_code) {
        for (w = 0; w < bench_n_phrase_workloads; w++) {
            const struct phrase_workload *wl = &bench_phrase_workloads[w];

            for (i = 0; i < wl->n; i++) {
                const struct phrase_input *q = &wl->in[i];
                size_t j;

                printf("%s\t%lu\t%d\t", wl->name, (unsigned long)q->len, q->expect);
                for (j = 0; j < q->len && j < 40; j++)
                    putchar((unsigned char)q->s[j] >= 0x20 && (unsigned char)q->s[j] < 0x7f ? q->s[j] : '?');
                putchar('\n');
                mark();
                for (c = 0; c < calls; c++)
                    sink += (unsigned long)m->phrase_code(q->s, q->len);
            }
        }
    } else {
        for (w = 0; w < bench_n_code_workloads; w++) {
            const struct code_workload *wl = &bench_code_workloads[w];

            for (i = 0; i < wl->n; i++) {
                printf("%s\t-1\t-1\t%d\n", wl->name, wl->in[i]);
                mark();
                for (c = 0; c < calls; c++)
                    sink += m->code_phrase ? (unsigned long)m->code_phrase(wl->in[i])
                                           : (unsigned long)m->code_info(wl->in[i]);
            }
        }
    }
    return 0;
}
