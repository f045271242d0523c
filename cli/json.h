/* SPDX-License-Identifier: MIT */
/* Writing arbitrary bytes as JSON strings, and as escaped text. */
#ifndef SIPCODE_JSON_H
#define SIPCODE_JSON_H

#include <stddef.h>
#include <stdio.h>

/* Writes s[0..len) as a JSON string: quotes, backslashes and control bytes
 * escaped, valid UTF-8 copied, and each byte of an invalid UTF-8 sequence
 * written as U+FFFD, so that the output is valid JSON whatever the input. */
void json_string(FILE *f, const char *s, size_t len);

/* Writes s[0..len) as printable ASCII for text output: other bytes, '"'
 * and '\\' as \xNN, so that a field never holds a tab or a line end. */
void text_escaped(FILE *f, const char *s, size_t len);

#endif
