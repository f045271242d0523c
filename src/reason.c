/* SPDX-License-Identifier: MIT
 * The Reason header (RFC 3326, RFC 9366, RFC 8606): parse a header value
 * into its reason-values without allocating, walk a value's parameters, and
 * undo the escapes of its text. Bytes come off the wire, so every read is
 * bounded by the length given and every malformed form has its own error.
 * No stdio, no state: async-signal-safe like the rest of the library. */
#include "sipcode.h"

#include <limits.h>
#include <string.h>

/* The bytes still to read. */
struct reason_cursor {
    const unsigned char *s;
    size_t at, end;
};

static int is_wsp(unsigned char c)
{
    return c == ' ' || c == '\t';
}

/* RFC 3261 section 25.1 token characters. */
static int is_token(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           (c != 0 && strchr("-.!%*_+`'~", c) != NULL);
}

/* Control bytes other than tab; a CR or LF that starts a folded line is
 * skipped before anyone asks. */
static int is_control(unsigned char c)
{
    return (c < 0x20 && c != '\t') || c == 0x7f;
}

/* Length of a line fold (CRLF or LF, then a space or tab) at byte i, 0
 * when there is none. */
static size_t fold_at(const struct reason_cursor *c, size_t i)
{
    size_t n = i < c->end && c->s[i] == '\r' ? 1 : 0;

    if (i + n >= c->end || c->s[i + n] != '\n')
        return 0;
    n++;
    return i + n < c->end && is_wsp(c->s[i + n]) ? n : 0;
}

/* SWS: spaces, tabs and folded line breaks. */
static void skip_sws(struct reason_cursor *c)
{
    for (;;) {
        if (c->at < c->end && is_wsp(c->s[c->at]))
            c->at++;
        else if (fold_at(c, c->at))
            c->at += fold_at(c, c->at);
        else
            return;
    }
}

static size_t token_len(const struct reason_cursor *c)
{
    size_t i = c->at;

    while (i < c->end && is_token(c->s[i]))
        i++;
    return i - c->at;
}

/* The error for the byte at the cursor where something else was expected:
 * a control byte is one whatever was expected. */
static int unexpected(const struct reason_cursor *c, int err)
{
    return c->at < c->end && is_control(c->s[c->at]) ? SIPCODE_E_REASON_CONTROL : err;
}

/* A quoted string starting at the opening quote under the cursor; sets
 * *inside and *n to what is between the quotes and moves past the closing
 * one. */
static int scan_quoted(struct reason_cursor *c, const unsigned char **inside, size_t *n)
{
    size_t i = c->at + 1;

    while (i < c->end && c->s[i] != '"') {
        size_t fold = fold_at(c, i);
        if (fold)
            i += fold;
        else if (is_control(c->s[i]))
            return SIPCODE_E_REASON_CONTROL;
        else if (c->s[i] == '\\' && i + 1 < c->end && is_control(c->s[i + 1]))
            return SIPCODE_E_REASON_CONTROL;
        else
            i += c->s[i] == '\\' ? 2u : 1u;
    }
    if (i >= c->end)
        return SIPCODE_E_REASON_QUOTE;
    *inside = c->s + c->at + 1;
    *n = i - c->at - 1;
    c->at = i + 1;
    return 0;
}

/* Case-insensitive comparison of n bytes with a lower-case ASCII word. */
static int is_word(const char *s, size_t n, const char *word)
{
    size_t i;

    if (n != strlen(word))
        return 0;
    for (i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (ch >= 'A' && ch <= 'Z')
            ch = (unsigned char)(ch + ('a' - 'A'));
        if (ch != (unsigned char)word[i])
            return 0;
    }
    return 1;
}

/* The error for '=' with no value after it: the parameters the RFCs define
 * have their own. */
static int no_value(const struct sipcode_reason_param *p)
{
    if (is_word(p->name, p->name_len, "cause"))
        return SIPCODE_E_REASON_CAUSE;
    if (is_word(p->name, p->name_len, "text"))
        return SIPCODE_E_REASON_TEXT;
    if (is_word(p->name, p->name_len, "location"))
        return SIPCODE_E_REASON_LOCATION;
    return SIPCODE_E_REASON_PARAM;
}

/* One parameter after its ';' (and the SWS after it): name, then optional
 * EQUAL and a token, host-ish or quoted value. */
static int scan_param(struct reason_cursor *c, struct sipcode_reason_param *p)
{
    size_t n = token_len(c);

    memset(p, 0, sizeof *p);
    if (n == 0)
        return unexpected(c, SIPCODE_E_REASON_PARAM);
    p->name = (const char *)c->s + c->at;
    p->name_len = n;
    c->at += n;
    skip_sws(c);
    if (c->at >= c->end || c->s[c->at] != '=')
        return 0;
    c->at++;
    skip_sws(c);
    if (c->at < c->end && c->s[c->at] == '"') {
        const unsigned char *inside;
        int err = scan_quoted(c, &inside, &p->value_len);
        if (err)
            return err;
        p->value = (const char *)inside;
        p->quoted = 1;
        return 0;
    }
    /* gen-value = token / host / quoted-string: a host adds ':', '[' and ']'
     * (an IPv6 reference) to the token characters. */
    n = 0;
    while (c->at + n < c->end &&
           (is_token(c->s[c->at + n]) || c->s[c->at + n] == ':' || c->s[c->at + n] == '[' ||
            c->s[c->at + n] == ']'))
        n++;
    if (n == 0)
        return unexpected(c, no_value(p));
    p->value = (const char *)c->s + c->at;
    p->value_len = n;
    c->at += n;
    return 0;
}

/* The location names of RFC 8606 and the Q.850 location field each stands for. */
static int location_code(const char *s, size_t n)
{
    static const struct {
        char name[5];
        unsigned char code;
    } names[] = { { "u", 0 },   { "lpn", 1 }, { "ln", 2 },   { "tn", 3 }, { "rln", 4 },
                  { "rpn", 5 }, { "loc", 6 }, { "intl", 7 }, { "bi", 10 } };
    size_t i;

    for (i = 0; i < sizeof names / sizeof names[0]; i++)
        if (is_word(s, n, names[i].name))
            return names[i].code;
    return -1;
}

static int all_token(const char *s, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (!is_token((unsigned char)s[i]))
            return 0;
    return n > 0;
}

/* 1*DIGIT into an int, refusing what does not fit. */
static int cause_value(const struct sipcode_reason_param *p, int *out)
{
    int v = 0;
    size_t i;

    if (p->value == NULL || p->quoted || p->value_len == 0)
        return SIPCODE_E_REASON_CAUSE;
    for (i = 0; i < p->value_len; i++) {
        int d = p->value[i] - '0';
        if (d < 0 || d > 9 || v > (INT_MAX - d) / 10)
            return SIPCODE_E_REASON_CAUSE;
        v = v * 10 + d;
    }
    *out = v;
    return 0;
}

/* The three parameters the RFCs define, each at most once per value. */
static int known_param(struct sipcode_reason *r, const struct sipcode_reason_param *p)
{
    if (is_word(p->name, p->name_len, "cause")) {
        int err;
        if (r->cause >= 0)
            return SIPCODE_E_REASON_DUPLICATE;
        err = cause_value(p, &r->cause);
        if (err)
            return err;
        if (r->protocol == SIPCODE_REASON_SIP && !SIPCODE_IS_VALID(r->cause))
            return SIPCODE_E_REASON_CAUSE_RANGE;
        if (r->protocol == SIPCODE_REASON_Q850 && (r->cause < 1 || r->cause > 127))
            return SIPCODE_E_REASON_CAUSE_RANGE;
    } else if (is_word(p->name, p->name_len, "text")) {
        if (r->text)
            return SIPCODE_E_REASON_DUPLICATE;
        if (!p->quoted)
            return SIPCODE_E_REASON_TEXT;
        /* An empty text is "" : point at its closing quote, never NULL. */
        r->text = p->value;
        r->text_len = p->value_len;
    } else if (is_word(p->name, p->name_len, "location")) {
        if (r->location)
            return SIPCODE_E_REASON_DUPLICATE;
        /* A host value (with ':', '[' or ']') is no token either. */
        if (p->value == NULL || p->quoted || !all_token(p->value, p->value_len))
            return SIPCODE_E_REASON_LOCATION;
        r->location = p->value;
        r->location_len = p->value_len;
        r->location_code = location_code(p->value, p->value_len);
    } else {
        r->other_params++;
    }
    return 0;
}

/* One reason-value from the cursor up to the ',' that ends it or the end. */
static int parse_value(struct reason_cursor *c, struct sipcode_reason *r)
{
    size_t n;
    const unsigned char *last_end;

    memset(r, 0, sizeof *r);
    r->cause = -1;
    r->location_code = -1;
    skip_sws(c);
    if (c->at >= c->end || c->s[c->at] == ',')
        return SIPCODE_E_REASON_EMPTY;
    n = token_len(c);
    if (n == 0)
        return unexpected(c, SIPCODE_E_REASON_PROTOCOL);
    r->protocol_text = (const char *)c->s + c->at;
    r->protocol_len = n;
    if (is_word(r->protocol_text, n, "sip"))
        r->protocol = SIPCODE_REASON_SIP;
    else if (is_word(r->protocol_text, n, "q.850"))
        r->protocol = SIPCODE_REASON_Q850;
    c->at += n;
    last_end = c->s + c->at;
    for (;;) {
        struct sipcode_reason_param p;
        int err;
        skip_sws(c);
        if (c->at >= c->end || c->s[c->at] == ',')
            break;
        if (c->s[c->at] != ';')
            return unexpected(c, SIPCODE_E_REASON_SEPARATOR);
        if (r->params == NULL)
            r->params = (const char *)c->s + c->at;
        c->at++;
        skip_sws(c);
        err = scan_param(c, &p);
        if (!err)
            err = known_param(r, &p);
        if (err)
            return err;
        last_end = c->s + c->at;
    }
    if (r->params)
        r->params_len = (size_t)(last_end - (const unsigned char *)r->params);
    return 0;
}

/* Steps over an optional "Reason" HCOLON, so that a whole header line can
 * be given; "Reason" alone would be a protocol token, so the colon decides. */
static void skip_header_name(struct reason_cursor *c)
{
    struct reason_cursor name = *c;
    size_t n = token_len(&name);

    if (!is_word((const char *)name.s + name.at, n, "reason"))
        return;
    name.at += n;
    while (name.at < name.end && is_wsp(name.s[name.at]))
        name.at++;
    if (name.at < name.end && name.s[name.at] == ':')
        c->at = name.at + 1;
}

static int parse_values(const unsigned char *s, size_t len, struct sipcode_reason *out, size_t max,
                        size_t *count)
{
    struct reason_cursor c = { s, 0, len };
    size_t values = 0;

    /* One line ending: CRLF, LF, or the CR a caller that split on LF left. */
    if (c.end > 0 && s[c.end - 1] == '\n')
        c.end--;
    if (c.end > 0 && s[c.end - 1] == '\r')
        c.end--;
    if (c.end > SIPCODE_REASON_MAX)
        return SIPCODE_E_REASON_TOO_LONG;
    skip_header_name(&c);
    for (;;) {
        struct sipcode_reason r;
        int err = parse_value(&c, &r);
        if (err) {
            *count = values;
            return err;
        }
        if (values < max)
            out[values] = r;
        values++;
        if (c.at >= c.end)
            break;
        c.at++; /* the ',' parse_value stopped at */
    }
    *count = values;
    return 0;
}

int sipcode_parse_reason(const char *s, size_t len, struct sipcode_reason *out, size_t max,
                         size_t *count)
{
    size_t values = 0;
    int err;

    if (count)
        *count = 0;
    if (s == NULL || (out == NULL && max != 0))
        return SIPCODE_E_NULL;
    /* A line ending is at most two bytes, so anything longer than this is
     * refused before a byte is read. */
    if (len > SIPCODE_REASON_MAX + 2)
        return SIPCODE_E_REASON_TOO_LONG;
    err = parse_values((const unsigned char *)s, len, out, max, &values);
    if (err) {
        if (out)
            memset(out, 0, (values < max ? values : max) * sizeof *out);
        return err;
    }
    if (count)
        *count = values;
    return 0;
}

int sipcode_reason_param_next(const struct sipcode_reason *r, size_t *pos,
                              struct sipcode_reason_param *out)
{
    struct reason_cursor c;

    if (r == NULL || pos == NULL || out == NULL || r->params == NULL || *pos >= r->params_len)
        return 0;
    c.s = (const unsigned char *)r->params;
    c.at = *pos;
    c.end = r->params_len;
    skip_sws(&c);
    if (c.at >= c.end || c.s[c.at] != ';')
        return 0;
    c.at++;
    skip_sws(&c);
    if (scan_param(&c, out) != 0)
        return 0;
    *pos = c.at;
    return 1;
}

size_t sipcode_reason_unescape(char *buf, size_t size, const char *text, size_t len)
{
    size_t i, n = 0;

    if (text == NULL)
        len = 0;
    for (i = 0; i < len; i++) {
        char ch = text[i];
        if (ch == '\r' || ch == '\n')
            continue;
        if (ch == '\\' && i + 1 < len)
            ch = text[++i];
        if (buf && n + 1 < size)
            buf[n] = ch;
        n++;
    }
    if (buf && size > 0)
        buf[n < size ? n : size - 1] = '\0';
    return n;
}
