/* SPDX-License-Identifier: MIT */
/* The trace scanner behind `sipcode scan`. A status line runs from
 * "SIP/2.0 " to the end of its line, so the scanner only looks for that
 * marker and the next LF: it never needs a whole line in memory, only the
 * tail from a marker on, and that tail is refused once it is longer than the
 * parser would accept. */
#include "scan.h"

#include <stdlib.h>
#include <string.h>

static const char marker[] = "SIP/2.0 ";
#define MARKER_LEN (sizeof marker - 1)

void scan_init(struct scan *sc)
{
    memset(sc, 0, sizeof *sc);
}

void scan_free(struct scan *sc)
{
    size_t c, i;

    for (c = 0; c < 600; c++) {
        if (!sc->codes[c])
            continue;
        for (i = 0; i < sc->codes[c]->nphrases; i++)
            free(sc->codes[c]->phrases[i].text);
        free(sc->codes[c]);
    }
    memset(sc, 0, sizeof *sc);
}

/* The first "SIP/2.0 " in [p, end), "SIP" in any case as the parser takes
 * it (RFC 3261 section 7.1: the version is case-insensitive). Searches for
 * the '/', three bytes into the marker. */
static const char *find_marker(const char *p, const char *end)
{
    const char *q;

    if ((size_t)(end - p) < MARKER_LEN)
        return NULL;
    for (q = p + 3; (size_t)(end - q) >= MARKER_LEN - 3; q++) {
        q = memchr(q, '/', (size_t)(end - q) - (MARKER_LEN - 4));
        if (!q)
            return NULL;
        if ((q[-3] | 0x20) == 's' && (q[-2] | 0x20) == 'i' && (q[-1] | 0x20) == 'p' &&
            memcmp(q + 1, marker + 4, MARKER_LEN - 4) == 0)
            return q - 3;
    }
    return NULL;
}

void scan_count(struct scan *sc, const struct sipcode_status_line *sl)
{
    scan_add(sc, sl, 1);
}

void scan_add(struct scan *sc, const struct sipcode_status_line *sl, unsigned long long n)
{
    struct scan_code *sc_code = sc->codes[sl->code - 100];
    const char *canonical = sipcode_phrase(sl->code);
    struct scan_phrase *ph;
    size_t i;

    sc->status_lines += n;
    if (!sc_code) {
        sc_code = calloc(1, sizeof *sc_code);
        if (!sc_code) {
            sc->failed = 1;
            return;
        }
        sc->codes[sl->code - 100] = sc_code;
    }
    sc_code->count += n;
    if (canonical && strlen(canonical) == sl->phrase_len &&
        memcmp(canonical, sl->phrase, sl->phrase_len) == 0) {
        sc_code->canonical += n;
        return;
    }
    for (i = 0; i < sc_code->nphrases; i++) {
        ph = &sc_code->phrases[i];
        if (ph->len == sl->phrase_len && memcmp(ph->text, sl->phrase, ph->len) == 0) {
            ph->count += n;
            return;
        }
    }
    if (sc_code->nphrases == SCAN_PHRASES_PER_CODE) {
        sc_code->overflow += n;
        return;
    }
    ph = &sc_code->phrases[sc_code->nphrases];
    ph->text = malloc(sl->phrase_len ? sl->phrase_len : 1);
    if (!ph->text) {
        sc->failed = 1;
        sc_code->overflow += n;
        return;
    }
    memcpy(ph->text, sl->phrase, sl->phrase_len);
    ph->len = sl->phrase_len;
    ph->count = n;
    ph->known = sl->known;
    sc_code->nphrases++;
}

size_t scan_chunk(struct scan *sc, const char *buf, size_t len, int at_eof)
{
    const char *p = buf, *end = buf + len;

    for (;;) {
        const char *hit = find_marker(p, end), *eol;
        struct sipcode_status_line sl;

        if (!hit) {
            /* Keep a tail that could be the start of a marker. */
            size_t tail = len - (size_t)(p - buf);
            if (at_eof)
                return len;
            return len - (tail < MARKER_LEN - 1 ? tail : MARKER_LEN - 1);
        }
        eol = memchr(hit, '\n', (size_t)(end - hit));
        if (!eol && !at_eof) {
            if ((size_t)(end - hit) <= SCAN_CARRY_MAX)
                return (size_t)(hit - buf); /* wait for the rest of the line */
            p = hit + 1; /* already too long: look for a later marker */
            continue;
        }
        if (!eol)
            eol = end;
        if (sipcode_parse_status_line(hit, (size_t)(eol - hit), &sl) == 0) {
            scan_count(sc, &sl);
            p = eol < end ? eol + 1 : end;
        } else {
            p = hit + 1;
        }
    }
}

void scan_buffer(struct scan *sc, const char *buf, size_t len)
{
    scan_chunk(sc, buf, len, 1);
}

int scan_file(struct scan *sc, FILE *f)
{
    return scan_file_after(sc, f, NULL, 0);
}

int scan_file_after(struct scan *sc, FILE *f, const char *head, size_t n)
{
    enum { READ_SIZE = 1 << 16 };
    static char buf[SCAN_CARRY_MAX + READ_SIZE];
    size_t kept = 0;

    /* What was read to tell the format goes in front, through the scanner
     * as any chunk, so that it may carry a marker's start into the rest. */
    while (n) {
        size_t take = n < READ_SIZE ? n : READ_SIZE, have, done;
        memcpy(buf + kept, head, take);
        head += take;
        n -= take;
        have = kept + take;
        done = scan_chunk(sc, buf, have, 0);
        kept = have - done;
        memmove(buf, buf + done, kept);
    }
    for (;;) {
        size_t got = fread(buf + kept, 1, READ_SIZE, f), have = kept + got, done;
        int at_eof = got < READ_SIZE;

        if (at_eof && ferror(f))
            return -1;
        done = scan_chunk(sc, buf, have, at_eof);
        if (at_eof)
            return 0;
        kept = have - done;
        memmove(buf, buf + done, kept);
    }
}
