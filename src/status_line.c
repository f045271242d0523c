/* SPDX-License-Identifier: MIT */
/* SIP status lines (RFC 3261 section 25.1): parse one from bytes that come
 * off the wire, and format one from the table. No allocation, no stdio, so
 * both stay async-signal-safe like the rest of the library. */
#include "sipcode.h"

#include <string.h>

static int is_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

static int parse(const unsigned char *s, size_t len, struct sipcode_status_line *out)
{
    size_t i;
    int code;

    /* Drop one line ending: CRLF, LF, or a CR left by a caller that split
     * on LF. */
    if (len > 0 && s[len - 1] == '\n')
        len--;
    if (len > 0 && s[len - 1] == '\r')
        len--;
    if (len > SIPCODE_STATUS_LINE_MAX)
        return SIPCODE_E_TOO_LONG;
    if (len < 7 || (s[0] | 0x20) != 's' || (s[1] | 0x20) != 'i' || (s[2] | 0x20) != 'p' ||
        memcmp(s + 3, "/2.0", 4) != 0)
        return SIPCODE_E_VERSION;
    if (len == 7 || s[7] != ' ')
        return len > 7 && (is_digit(s[7]) || s[7] == '.') ? SIPCODE_E_VERSION : SIPCODE_E_SPACE;
    if (len < 11 || !is_digit(s[8]) || !is_digit(s[9]) || !is_digit(s[10]))
        return SIPCODE_E_DIGITS;
    if (len > 11 && is_digit(s[11]))
        return SIPCODE_E_DIGITS;
    if (len == 11 || s[11] != ' ')
        return SIPCODE_E_SPACE;
    code = (s[8] - '0') * 100 + (s[9] - '0') * 10 + (s[10] - '0');
    if (!SIPCODE_IS_VALID(code))
        return SIPCODE_E_RANGE;
    for (i = 12; i < len; i++)
        if ((s[i] < 0x20 && s[i] != '\t') || s[i] == 0x7f)
            return SIPCODE_E_CONTROL;
    out->code = code;
    out->phrase = (const char *)s + 12;
    out->phrase_len = len - 12;
    out->known = sipcode_is_spelling_of(code, out->phrase, out->phrase_len);
    return 0;
}

int sipcode_parse_status_line(const char *s, size_t len, struct sipcode_status_line *out)
{
    int err;

    if (out == NULL)
        return SIPCODE_E_NULL;
    memset(out, 0, sizeof *out);
    if (s == NULL)
        return SIPCODE_E_NULL;
    /* A line ending is at most two bytes, so anything longer than this is
     * refused before a byte is read. */
    if (len > SIPCODE_STATUS_LINE_MAX + 2)
        return SIPCODE_E_TOO_LONG;
    err = parse((const unsigned char *)s, len, out);
    if (err)
        memset(out, 0, sizeof *out);
    return err;
}

/* Appends n bytes at *at, keeping room for the NUL; *at counts every byte
 * asked for, so that the caller learns the length it needed. */
static void append(char *buf, size_t size, size_t *at, const char *s, size_t n)
{
    if (*at + 1 < size) {
        size_t room = size - 1 - *at;
        memcpy(buf + *at, s, n < room ? n : room);
    }
    *at += n;
}

int sipcode_format_status_line(char *buf, size_t size, int code)
{
    const char *phrase = sipcode_phrase(code);
    char head[12] = { 'S', 'I', 'P', '/', '2', '.', '0', ' ', 0, 0, 0, ' ' };
    size_t at = 0;

    if (phrase == NULL)
        return SIPCODE_E_UNKNOWN;
    if (buf == NULL && size != 0)
        return SIPCODE_E_BUFFER;
    head[8] = (char)('0' + code / 100);
    head[9] = (char)('0' + code / 10 % 10);
    head[10] = (char)('0' + code % 10);
    append(buf, size, &at, head, sizeof head);
    append(buf, size, &at, phrase, strlen(phrase));
    append(buf, size, &at, "\r\n", 2);
    if (size > 0)
        buf[at < size ? at : size - 1] = '\0';
    return (int)at;
}

/* The messages of SIPCODE_ERRORS in one pool, and their values in the same
 * order: no pointers, so .data stays empty, and nothing to keep in step by
 * hand. */
#define SIPCODE_ERROR_TEXT_(name, value, message) message "\0"
#define SIPCODE_ERROR_VALUE_(name, value, message) (value),
static const char sipcode_error_texts[] = SIPCODE_ERRORS(SIPCODE_ERROR_TEXT_);
static const signed char sipcode_error_values[] = { SIPCODE_ERRORS(SIPCODE_ERROR_VALUE_) };
#undef SIPCODE_ERROR_TEXT_
#undef SIPCODE_ERROR_VALUE_

const char *sipcode_strerror(int err)
{
    const char *m = sipcode_error_texts;
    size_t i;

    if (err == SIPCODE_E_NONE)
        return "success";
    for (i = 0; i < sizeof sipcode_error_values; i++, m += strlen(m) + 1)
        if (sipcode_error_values[i] == err)
            return m;
    return "unknown error";
}
