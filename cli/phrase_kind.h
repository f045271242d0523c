/* SPDX-License-Identifier: MIT
 *
 * What the sipcode tool says about a reason phrase seen on a code: a known
 * spelling, a known spelling followed by data ("Queued, avaya-cm-data=...",
 * "Bad Request (400/SL)"), or neither. A judgement for people reading a
 * report, kept out of the library, whose lookups stay exact. */
#ifndef SIPCODE_PHRASE_KIND_H
#define SIPCODE_PHRASE_KIND_H

#include <stddef.h>

enum phrase_kind {
    PHRASE_UNKNOWN,   /* not a known spelling of the code */
    PHRASE_KNOWN,     /* a known spelling of the code */
    PHRASE_KNOWN_WITH_EXTRA /* a known spelling of the code, a separator
                               (',', ';', ':', '(' or " - ") and more text */
};

/* Classifies s (len bytes, NULs allowed, no terminator needed) as a phrase
 * sent on code. Reads at most len bytes; NULL or empty gives
 * PHRASE_UNKNOWN. */
enum phrase_kind phrase_kind(int code, const char *s, size_t len);

/* "known spelling", "a known phrase with extra text", "not a known
 * spelling"; never NULL. */
const char *phrase_kind_text(enum phrase_kind kind);

#endif
