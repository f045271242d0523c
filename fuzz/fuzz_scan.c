/* SPDX-License-Identifier: MIT */
/* Fuzz harness for the trace scanner (cli/scan.c): outside bytes as a log.
 *
 * Checks that the counts add up (every status line once, per code the
 * canonical, remembered and overflowing phrases), that each remembered
 * phrase is bytes of the input and its `known` flag what the library says,
 * that no more status lines are counted than "SIP/2.0 " markers (SIP in
 * any case), and that
 * feeding the same bytes in chunks, or through scan_file() from a stream,
 * counts exactly what one whole buffer counts. */
#define _POSIX_C_SOURCE 200809L /* fmemopen */

#include "sipcode.h"

#include "fuzz.h"
#include "scan.h"

/* "SIP/2.0 " with SIP in any case, as the scanner and the parser take it. */
static size_t markers(const char *s, size_t n)
{
    size_t i, count = 0;

    for (i = 0; i + 8 <= n; i++)
        count += (s[i] | 0x20) == 's' && (s[i + 1] | 0x20) == 'i' && (s[i + 2] | 0x20) == 'p' &&
                 memcmp(s + i + 3, "/2.0 ", 5) == 0;
    return count;
}

static int inside(const char *hay, size_t n, const char *needle, size_t len)
{
    size_t i;

    if (len == 0)
        return 1;
    for (i = 0; i + len <= n; i++)
        if (memcmp(hay + i, needle, len) == 0)
            return 1;
    return 0;
}

static void check_counts(const struct scan *sc, const char *buf, size_t size)
{
    unsigned long long total = 0;
    size_t c, i, j;

    FUZZ_CHECK(!sc->failed, "an allocation failed");
    for (c = 0; c < 600; c++) {
        const struct scan_code *sp = sc->codes[c];
        unsigned long long sum;
        if (!sp)
            continue;
        FUZZ_CHECK(sp->count > 0 && sp->nphrases <= SCAN_PHRASES_PER_CODE, "code %d",
                   (int)c + 100);
        FUZZ_CHECK(sp->overflow == 0 || sp->nphrases == SCAN_PHRASES_PER_CODE,
                   "overflow of %d before its phrases were full", (int)c + 100);
        sum = sp->canonical + sp->overflow;
        for (i = 0; i < sp->nphrases; i++) {
            const struct scan_phrase *ph = &sp->phrases[i];
            sum += ph->count;
            FUZZ_CHECK(ph->count > 0, "phrase counted 0 times");
            FUZZ_CHECK(inside(buf, size, ph->text, ph->len), "phrase not from the input");
            FUZZ_CHECK(!ph->known == !sipcode_is_spelling_of((int)c + 100, ph->text, ph->len),
                       "known flag of a phrase of %d", (int)c + 100);
            for (j = 0; j < i; j++)
                FUZZ_CHECK(sp->phrases[j].len != ph->len ||
                               memcmp(sp->phrases[j].text, ph->text, ph->len) != 0,
                           "phrase of %d remembered twice", (int)c + 100);
        }
        FUZZ_CHECK(sum == sp->count, "counts of %d do not add up", (int)c + 100);
        total += sp->count;
    }
    FUZZ_CHECK(total == sc->status_lines, "codes add up to %llu of %llu lines", total,
               sc->status_lines);
    FUZZ_CHECK(sc->status_lines <= markers(buf, size), "more lines than markers");
}

/* The same bytes through scan_chunk() in pieces of `piece` bytes, carrying
 * what it leaves over as scan_file() does. */
static void scan_in_pieces(struct scan *sc, const char *data, size_t size, size_t piece)
{
    char *buf = fuzz_copy(NULL, SCAN_CARRY_MAX + piece);
    size_t kept = 0, at = 0;

    for (;;) {
        size_t got = size - at < piece ? size - at : piece, have, done;
        int at_eof = got < piece;
        memcpy(buf + kept, data + at, got);
        at += got;
        have = kept + got;
        done = scan_chunk(sc, buf, have, at_eof);
        FUZZ_CHECK(done <= have, "scan_chunk consumed %lu of %lu", (unsigned long)done,
                   (unsigned long)have);
        if (at_eof) {
            FUZZ_CHECK(done == have, "bytes left at the end");
            break;
        }
        kept = have - done;
        FUZZ_CHECK(kept <= SCAN_CARRY_MAX, "kept %lu bytes", (unsigned long)kept);
        memmove(buf, buf + done, kept);
    }
    free(buf);
}

static void same(const struct scan *a, const struct scan *b, size_t piece)
{
    size_t c, i;

    FUZZ_CHECK(a->status_lines == b->status_lines, "%llu lines whole, %llu in %lu-byte pieces",
               a->status_lines, b->status_lines, (unsigned long)piece);
    for (c = 0; c < 600; c++) {
        const struct scan_code *x = a->codes[c], *y = b->codes[c];
        FUZZ_CHECK(!x == !y, "code %d seen one way only", (int)c + 100);
        if (!x)
            continue;
        FUZZ_CHECK(x->count == y->count && x->canonical == y->canonical &&
                       x->overflow == y->overflow && x->nphrases == y->nphrases,
                   "code %d counted differently in %lu-byte pieces", (int)c + 100,
                   (unsigned long)piece);
        for (i = 0; i < x->nphrases; i++)
            FUZZ_CHECK(x->phrases[i].len == y->phrases[i].len &&
                           x->phrases[i].count == y->phrases[i].count &&
                           memcmp(x->phrases[i].text, y->phrases[i].text, x->phrases[i].len) == 0,
                       "phrase %lu of %d differs in pieces", (unsigned long)i, (int)c + 100);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct scan whole, pieces;
    char *buf = fuzz_copy(data, size);
    size_t piece = size ? 1 + data[0] % 64 : 1;

    scan_init(&whole);
    scan_buffer(&whole, buf, size);
    check_counts(&whole, buf, size);
    scan_init(&pieces);
    scan_in_pieces(&pieces, buf, size, piece);
    same(&whole, &pieces, piece);
    scan_free(&pieces);
    if (size > 0) {
        FILE *f = fmemopen(buf, size, "r");
        FUZZ_CHECK(f != NULL, "fmemopen");
        scan_init(&pieces);
        FUZZ_CHECK(scan_file(&pieces, f) == 0, "scan_file failed");
        fclose(f);
        same(&whole, &pieces, 0);
        scan_free(&pieces);
    }
    scan_free(&whole);
    free(buf);
    return 0;
}
