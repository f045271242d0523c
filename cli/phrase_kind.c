/* SPDX-License-Identifier: MIT
 *
 * A phrase is "a known phrase with extra text" when the text before one of
 * its separators is a known spelling of the code. Separators are where
 * products start appending data: ',', ';', ':', '(' and " - ". A prefix
 * longer than SIPCODE_PHRASE_MAX cannot be a known spelling, so the search
 * stops there and a long phrase costs no more than a short one. */
#include "phrase_kind.h"

#include "sipcode.h"

static int is_separator(const char *s, size_t i, size_t len)
{
    switch (s[i]) {
    case ',':
    case ';':
    case ':':
    case '(':
        return 1;
    case '-':
        return i > 0 && s[i - 1] == ' ' && i + 1 < len && s[i + 1] == ' ';
    default:
        return 0;
    }
}

enum phrase_kind phrase_kind(int code, const char *s, size_t len)
{
    size_t i, end;

    if (!s || len == 0)
        return PHRASE_UNKNOWN;
    if (sipcode_is_spelling_of(code, s, len))
        return PHRASE_KNOWN;
    for (i = 1; i < len && i <= SIPCODE_PHRASE_MAX; i++) {
        if (!is_separator(s, i, len))
            continue;
        end = i;
        while (end > 0 && (s[end - 1] == ' ' || s[end - 1] == '\t'))
            end--;
        if (end > 0 && sipcode_is_spelling_of(code, s, end))
            return PHRASE_KNOWN_WITH_EXTRA;
    }
    return PHRASE_UNKNOWN;
}

const char *phrase_kind_text(enum phrase_kind kind)
{
    switch (kind) {
    case PHRASE_KNOWN:
        return "known spelling";
    case PHRASE_KNOWN_WITH_EXTRA:
        return "a known phrase with extra text";
    case PHRASE_UNKNOWN:
    default:
        return "not a known spelling";
    }
}
