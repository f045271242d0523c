/* SPDX-License-Identifier: MIT */
/* The rows and every spelling of codes.csv as plain data (tests/expected.inc,
 * written by the generator), so that tests and fuzz harnesses check the
 * library against the CSV rather than against the tables it reads.
 * Defines static arrays: a program that includes it must use both. */
#ifndef SIPCODE_EXPECTED_H
#define SIPCODE_EXPECTED_H

#include "sipcode.h"

struct expected_row {
    int code;
    const char *phrase;
    int rfc;
    enum sipcode_standing standing;
    int shares_with; /* the code that keeps this row's phrase, or 0 */
    int phrase_code; /* the code this row's phrase resolves to */
};

struct expected_spelling {
    const char *spelling;
    int code;
};

#include "expected.inc"

#define N_ROWS (sizeof expected_rows / sizeof expected_rows[0])
#define N_SPELLINGS (sizeof expected_spellings / sizeof expected_spellings[0])

#endif
