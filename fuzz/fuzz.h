/* SPDX-License-Identifier: MIT */
/* Shared by the fuzz harnesses (fuzz/fuzz_*.c): the entry point libFuzzer
 * calls, a check that aborts with the input's story on a broken invariant,
 * and the exactly-sized heap copy that lets AddressSanitizer (or valgrind,
 * through fuzz/replay.c) catch a read one byte past the input. */
#ifndef SIPCODE_FUZZ_H
#define SIPCODE_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Not assert(): it must stay on under -DNDEBUG, and the message says which
 * invariant broke so that a crash file explains itself. */
#define FUZZ_CHECK(ok, ...)                                                          \
    do {                                                                             \
        if (!(ok)) {                                                                 \
            fprintf(stderr, "%s:%d: invariant broken: ", __FILE__, __LINE__);        \
            fprintf(stderr, __VA_ARGS__);                                            \
            fputc('\n', stderr);                                                     \
            abort();                                                                 \
        }                                                                            \
    } while (0)

/* A heap copy of exactly n bytes and no terminator (one byte for n == 0,
 * which is then never read); with data NULL, n bytes left as malloc gives
 * them, for a harness to write into. */
static char *fuzz_copy(const void *data, size_t n)
{
    char *p = malloc(n ? n : 1);

    FUZZ_CHECK(p != NULL, "malloc(%lu) failed", (unsigned long)n);
    if (n && data)
        memcpy(p, data, n);
    return p;
}

#endif
