/* SPDX-License-Identifier: MIT */
/* Finding SIP status lines in arbitrary text (traces, logs, captures) and
 * counting them per code, in memory that does not grow with the input. */
#ifndef SIPCODE_SCAN_H
#define SIPCODE_SCAN_H

#include <stddef.h>
#include <stdio.h>

#include "sipcode.h"

/* Distinct non-canonical phrases remembered per code; later ones are counted
 * together as the overflow of that code. */
#define SCAN_PHRASES_PER_CODE 32
/* Largest status line the scanner holds back between two chunks: the longest
 * line the parser accepts plus its CRLF. */
#define SCAN_CARRY_MAX (SIPCODE_STATUS_LINE_MAX + 2)

struct scan_phrase {
    char *text; /* bytes as seen, not NUL-terminated */
    size_t len;
    unsigned long long count;
    int known; /* a known spelling of the code */
};

struct scan_code {
    unsigned long long count;
    unsigned long long canonical; /* lines whose phrase is byte-identical to the canonical one */
    unsigned long long overflow;  /* lines with a phrase beyond SCAN_PHRASES_PER_CODE */
    size_t nphrases;
    struct scan_phrase phrases[SCAN_PHRASES_PER_CODE];
};

struct scan {
    unsigned long long status_lines;
    int failed; /* an allocation failed: some phrases were counted as overflow */
    struct scan_code *codes[600]; /* by code - 100; allocated on first sight */
};

void scan_init(struct scan *sc);
void scan_free(struct scan *sc);

/* Scans buf[0..len). Returns how many leading bytes are done with; the caller
 * keeps the rest (at most SCAN_CARRY_MAX bytes) and passes it again in front
 * of the next data. With at_eof set every byte is consumed. */
size_t scan_chunk(struct scan *sc, const char *buf, size_t len, int at_eof);

/* Scans a whole buffer (for tests and fuzzing). */
void scan_buffer(struct scan *sc, const char *buf, size_t len);

/* Reads a stream through a fixed buffer: returns 0, or -1 on a read error
 * (errno set where the C library sets it). */
int scan_file(struct scan *sc, FILE *f);

/* The same for a stream whose first n bytes, head, were read already. */
int scan_file_after(struct scan *sc, FILE *f, const char *head, size_t n);

/* Counts one parsed status line, as the scanner does for each it finds. */
void scan_count(struct scan *sc, const struct sipcode_status_line *sl);

/* The same for n lines at once (summaries added up by sipcode merge). */
void scan_add(struct scan *sc, const struct sipcode_status_line *sl, unsigned long long n);

#endif
