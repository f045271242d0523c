/* SPDX-License-Identifier: MIT */
/* Runs a fuzz harness over the files named on the command line, without
 * libFuzzer: lets any compiler (gcc, -m32) and valgrind replay the committed
 * corpora as part of make check.   fuzz_NAME FILE...   (exits 0 or aborts) */
#include <stdio.h>
#include <stdlib.h>

#include "fuzz.h"

int main(int argc, char **argv)
{
    int i;

    for (i = 1; i < argc; i++) {
        FILE *f = fopen(argv[i], "rb");
        char *data = NULL;
        size_t n = 0, cap = 0, got;

        if (!f) {
            perror(argv[i]);
            return 1;
        }
        do {
            if (n == cap) {
                char *p = realloc(data, cap = cap ? 2 * cap : 4096);
                FUZZ_CHECK(p != NULL, "out of memory reading %s", argv[i]);
                data = p;
            }
            got = fread(data + n, 1, cap - n, f);
            n += got;
        } while (got > 0);
        if (ferror(f)) {
            perror(argv[i]);
            return 1;
        }
        fclose(f);
        /* Exactly sized, so the harness sees what libFuzzer would give it. */
        {
            char *exact = fuzz_copy(data, n);
            free(data);
            LLVMFuzzerTestOneInput((const uint8_t *)exact, n);
            free(exact);
        }
    }
    printf("%s: %d inputs replayed\n", argv[0], argc - 1);
    return 0;
}
