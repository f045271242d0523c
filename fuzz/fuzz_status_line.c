/* SPDX-License-Identifier: MIT */
/* Fuzz harness for sipcode_parse_status_line() and
 * sipcode_format_status_line(): outside bytes as a status line.
 *
 * Checks that an error is one the parser documents and leaves the result
 * zeroed; that a parsed line's phrase lies inside the input, right after
 * "SIP/2.0 NNN ", with no control byte but tab; that `known` is what
 * sipcode_is_spelling_of() says; that adding CRLF to a line without one
 * changes nothing; and that formatting a parsed code and parsing the result
 * gives the same code with its canonical phrase, for every buffer size. */
#include "sipcode.h"

#include "fuzz.h"

static void check_format(int code)
{
    struct sipcode_status_line again;
    int n = sipcode_format_status_line(NULL, 0, code);
    size_t size;
    char *line;

    if (sipcode_info(code) == NULL) {
        FUZZ_CHECK(n == SIPCODE_E_UNKNOWN, "format of %d not in the table gives %d", code, n);
        return;
    }
    FUZZ_CHECK(n > 12, "format of %d needs %d bytes", code, n);
    FUZZ_CHECK(sipcode_format_status_line(NULL, 1, code) == SIPCODE_E_BUFFER, "NULL buffer");
    line = fuzz_copy(NULL, (size_t)n + 1);
    FUZZ_CHECK(sipcode_format_status_line(line, (size_t)n + 1, code) == n, "format of %d", code);
    FUZZ_CHECK(line[n] == '\0' && (int)strlen(line) == n, "format of %d not terminated", code);
    FUZZ_CHECK(sipcode_parse_status_line(line, (size_t)n, &again) == 0 && again.code == code &&
                   again.known && again.phrase_len == strlen(sipcode_phrase(code)) &&
                   memcmp(again.phrase, sipcode_phrase(code), again.phrase_len) == 0,
               "formatted %d does not parse back", code);
    /* Every size up to the whole line, each in an exact heap buffer: the
     * same length back, a terminated prefix, no byte written past size. */
    for (size = 0; size <= (size_t)n; size++) {
        char *small = size ? fuzz_copy(NULL, size) : NULL;
        int got;
        if (size)
            memset(small, 'x', size);
        got = sipcode_format_status_line(small, size, code);
        FUZZ_CHECK(got == n, "format of %d into %lu bytes gives %d", code, (unsigned long)size,
                   got);
        if (size) {
            FUZZ_CHECK(small[size - 1] == '\0' && memcmp(small, line, size - 1) == 0,
                       "format of %d into %lu bytes", code, (unsigned long)size);
            free(small);
        }
    }
    free(line);
}

/* The lowest value of the one error list, whatever errors it grows. */
static int lowest_error(void)
{
#define AS_VALUE(name, value, message) (value),
    static const int values[] = { SIPCODE_ERRORS(AS_VALUE) };
#undef AS_VALUE
    int low = 0;
    size_t i;

    for (i = 0; i < sizeof values / sizeof values[0]; i++)
        low = values[i] < low ? values[i] : low;
    return low;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct sipcode_status_line sl, scratch;
    char *buf = fuzz_copy(data, size);
    int err = sipcode_parse_status_line(buf, size, &sl);
    const char *msg = sipcode_strerror(err);

    FUZZ_CHECK(err == 0 || (err <= SIPCODE_E_NULL && err >= SIPCODE_E_CONTROL),
               "parse gives %d", err);
    FUZZ_CHECK(msg && strcmp(msg, "unknown error") != 0, "no message for %d", err);
    if (err) {
        FUZZ_CHECK(sl.code == 0 && sl.phrase == NULL && sl.phrase_len == 0 && !sl.known,
                   "error %d left a result", err);
    } else {
        size_t i;
        FUZZ_CHECK(SIPCODE_IS_VALID(sl.code), "parsed code %d", sl.code);
        FUZZ_CHECK(sl.phrase == buf + 12 && sl.phrase_len <= size - 12,
                   "phrase outside the input");
        FUZZ_CHECK(memcmp(buf + 3, "/2.0 ", 5) == 0 && buf[11] == ' ' &&
                       (buf[8] - '0') * 100 + (buf[9] - '0') * 10 + (buf[10] - '0') == sl.code,
                   "parsed %d from a line that does not say it", sl.code);
        for (i = 0; i < sl.phrase_len; i++)
            FUZZ_CHECK((unsigned char)sl.phrase[i] >= 0x20 || sl.phrase[i] == '\t',
                       "control byte in the phrase");
        FUZZ_CHECK(!sl.known == !sipcode_is_spelling_of(sl.code, sl.phrase, sl.phrase_len),
                   "known is %d", sl.known);
        if (sl.known)
            FUZZ_CHECK(sipcode_info(sipcode_from_phrase(sl.phrase, sl.phrase_len)) != NULL,
                       "a known phrase without a row");
        check_format(sl.code);
    }
    FUZZ_CHECK(sipcode_parse_status_line(NULL, size, &scratch) == SIPCODE_E_NULL, "NULL line");
    FUZZ_CHECK(sipcode_parse_status_line(buf, size, NULL) == SIPCODE_E_NULL, "NULL result");
    /* Too long is refused before a byte is read: a read would overrun. */
    FUZZ_CHECK(sipcode_parse_status_line(buf, size + SIPCODE_STATUS_LINE_MAX + 3, &scratch) ==
                   SIPCODE_E_TOO_LONG, "over the cap");
    /* With CRLF added to a line that had no ending: the same answer. */
    if (size == 0 || (data[size - 1] != '\n' && data[size - 1] != '\r')) {
        struct sipcode_status_line crlf;
        char *longer = fuzz_copy(NULL, size + 2);
        int err2;
        if (size)
            memcpy(longer, data, size);
        memcpy(longer + size, "\r\n", 2);
        err2 = sipcode_parse_status_line(longer, size + 2, &crlf);
        FUZZ_CHECK(err2 == err && crlf.code == sl.code && crlf.phrase_len == sl.phrase_len &&
                       crlf.known == sl.known, "CRLF changed %d to %d", err, err2);
        free(longer);
    }
    free(buf);
    /* Any int as an error value: a message, and a real one only for the
     * values the header defines. */
    if (size >= 4) {
        int e;
        memcpy(&e, data, sizeof e);
        for (e = e % 16; e < 16; e += 8) {
            const char *m = sipcode_strerror(e);
            FUZZ_CHECK(m != NULL, "sipcode_strerror(%d) is NULL", e);
            FUZZ_CHECK((strcmp(m, "unknown error") == 0) == (e > 0 || e < lowest_error()),
                       "sipcode_strerror(%d) is \"%s\"", e, m);
        }
    }
    /* Formatting any code a byte pair names, in the table or not. */
    if (size >= 2)
        check_format(100 + (data[0] | data[1] << 8) % 620 - 10);
    return 0;
}
