/* SPDX-License-Identifier: MIT
 * CUnit tests of the Reason header parser (RFC 3326, RFC 9366, RFC 8606)
 * and of the RFC 3398 agreement check between a status code and a Q.850
 * cause. Every input is parsed from an exactly sized heap copy, so that
 * ASan or valgrind catch a read one byte past it. A failed assertion names
 * the input.
 *
 *   test_reason     (exits 0 when every assertion passed, 1 otherwise) */
#include "sipcode.h"

#include <CUnit/Basic.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

#define COUNT(a) (sizeof (a) / sizeof (a)[0])
#define MAXV 4

/* The input as a C string literal may hold NULs: the length is given. */
struct input {
    const char *s;
    size_t len;
};
#define IN(lit) { lit, sizeof lit - 1 }

static char copy[SIPCODE_REASON_MAX + 64];

/* Parses an exactly sized heap copy of in; the entries point into *held,
 * which the caller frees. */
static int parse_held(struct input in, struct sipcode_reason *out, size_t max, size_t *count,
                      char **held)
{
    *held = malloc(in.len ? in.len : 1);
    if (*held == NULL)
        abort();
    memcpy(*held, in.s, in.len);
    return sipcode_parse_reason(*held, in.len, out, max, count);
}

/* A pointer-and-length pair lies inside [base, base + len), or is NULL with
 * length 0. */
static int inside(const char *p, size_t n, const char *base, size_t len)
{
    if (p == NULL)
        return n == 0;
    return p >= base && (size_t)(p - base) <= len && n <= len - (size_t)(p - base);
}

static void check_inside(const struct sipcode_reason *r, const char *base, size_t len,
                         const char *what)
{
    CHECK(inside(r->protocol_text, r->protocol_len, base, len) && r->protocol_len > 0,
          "%s: protocol outside the input", what);
    CHECK(inside(r->text, r->text_len, base, len), "%s: text outside the input", what);
    CHECK(inside(r->location, r->location_len, base, len), "%s: location outside", what);
    CHECK(inside(r->params, r->params_len, base, len), "%s: params outside the input", what);
}

/* -------------------------------------------------------------- good values */

struct good {
    struct input in;
    size_t count;
    /* the first value */
    enum sipcode_reason_protocol protocol;
    const char *protocol_text;
    int cause;
    const char *text; /* NULL: none */
    int location_code;
    unsigned other_params;
};

static const struct good goods[] = {
    /* RFC 3326 section 2's examples */
    { IN("SIP ;cause=200 ;text=\"Call completed elsewhere\""), 1, SIPCODE_REASON_SIP, "SIP", 200,
      "Call completed elsewhere", -1, 0 },
    { IN("Q.850 ;cause=16 ;text=\"Terminated\""), 1, SIPCODE_REASON_Q850, "Q.850", 16,
      "Terminated", -1, 0 },
    { IN("SIP ;cause=600 ;text=\"Busy Everywhere\""), 1, SIPCODE_REASON_SIP, "SIP", 600,
      "Busy Everywhere", -1, 0 },
    { IN("SIP ;cause=580 ;text=\"Precondition Failure\""), 1, SIPCODE_REASON_SIP, "SIP", 580,
      "Precondition Failure", -1, 0 },
    /* RFC 4411's protocol, a token like any other */
    { IN("preemption ;cause=1 ;text=\"UA Preemption\""), 1, SIPCODE_REASON_OTHER, "preemption",
      1, "UA Preemption", -1, 0 },
    /* RFC 9366: several values, one header */
    { IN("SIP;cause=480;text=\"Temporarily Unavailable\",Q.850;cause=18"), 2, SIPCODE_REASON_SIP,
      "SIP", 480, "Temporarily Unavailable", -1, 0 },
    { IN("SIP;cause=200, SIP;cause=486"), 2, SIPCODE_REASON_SIP, "SIP", 200, NULL, -1, 0 },
    /* RFC 8606 */
    { IN("Q.850;cause=16;location=LN"), 1, SIPCODE_REASON_Q850, "Q.850", 16, NULL, 2, 0 },
    { IN("Q.850;location=bi;cause=31"), 1, SIPCODE_REASON_Q850, "Q.850", 31, NULL, 10, 0 },
    { IN("Q.850;cause=31;location=XYZ"), 1, SIPCODE_REASON_Q850, "Q.850", 31, NULL, -1, 0 },
    /* the header name, case, line endings */
    { IN("Reason: Q.850;cause=17"), 1, SIPCODE_REASON_Q850, "Q.850", 17, NULL, -1, 0 },
    { IN("reason :sip;CAUSE=200\r\n"), 1, SIPCODE_REASON_SIP, "sip", 200, NULL, -1, 0 },
    { IN("q.850;Cause=17\n"), 1, SIPCODE_REASON_Q850, "q.850", 17, NULL, -1, 0 },
    { IN("Reason"), 1, SIPCODE_REASON_OTHER, "Reason", -1, NULL, -1, 0 },
    /* the spaces real products send, and folded lines */
    { IN("  Q.850 ; cause = 16 ; text = \"x\" ,  SIP ;cause=487  "), 2, SIPCODE_REASON_Q850,
      "Q.850", 16, "x", -1, 0 },
    { IN("Q.850\t;\tcause=16;\r\n text=\"a\r\n\tb\""), 1, SIPCODE_REASON_Q850, "Q.850", 16,
      "a\r\n\tb", -1, 0 },
    { IN("SIP;cause=200\r\n ,Q.850;cause=16"), 2, SIPCODE_REASON_SIP, "SIP", 200, NULL, -1, 0 },
    /* quoted strings with escapes, commas, semicolons, 8-bit bytes */
    { IN("SIP;cause=480;text=\"a \\\"b\\\", c; d\""), 1, SIPCODE_REASON_SIP, "SIP", 480,
      "a \\\"b\\\", c; d", -1, 0 },
    { IN("Q.850;cause=16;text=\"caf\xc3\xa9\""), 1, SIPCODE_REASON_Q850, "Q.850", 16,
      "caf\xc3\xa9", -1, 0 },
    { IN("SIP;cause=200;text=\"\""), 1, SIPCODE_REASON_SIP, "SIP", 200, "", -1, 0 },
    { IN("SIP;cause=200;text=\"\\\\\""), 1, SIPCODE_REASON_SIP, "SIP", 200, "\\\\", -1, 0 },
    /* other parameters */
    { IN("SIP;cause=200;foo;bar=baz;ip=[::1];q=\"x,y\""), 1, SIPCODE_REASON_SIP, "SIP", 200, NULL,
      -1, 4 },
    { IN("SIP;text=\"no cause\""), 1, SIPCODE_REASON_SIP, "SIP", -1, "no cause", -1, 0 },
    { IN("Q.850;cause=016"), 1, SIPCODE_REASON_Q850, "Q.850", 16, NULL, -1, 0 },
    { IN("RELEASE_CAUSE;cause=2147483647"), 1, SIPCODE_REASON_OTHER, "RELEASE_CAUSE", INT_MAX,
      NULL, -1, 0 },
    { IN("SIP;cause=100"), 1, SIPCODE_REASON_SIP, "SIP", 100, NULL, -1, 0 },
    { IN("SIP;cause=699"), 1, SIPCODE_REASON_SIP, "SIP", 699, NULL, -1, 0 },
    { IN("Q.850;cause=1"), 1, SIPCODE_REASON_Q850, "Q.850", 1, NULL, -1, 0 },
    { IN("Q.850;cause=127"), 1, SIPCODE_REASON_Q850, "Q.850", 127, NULL, -1, 0 },
    { IN("X;cause=0"), 1, SIPCODE_REASON_OTHER, "X", 0, NULL, -1, 0 },
};

static int same(const char *p, size_t n, const char *want)
{
    return p != NULL && n == strlen(want) && memcmp(p, want, n) == 0;
}

static void test_good_values(void)
{
    size_t i;

    for (i = 0; i < COUNT(goods); i++) {
        const struct good *g = &goods[i];
        struct sipcode_reason out[MAXV];
        size_t count = 99, v;
        char *held;
        int err = parse_held(g->in, out, MAXV, &count, &held);

        CHECK(err == 0, "%s: error %d (%s)", g->in.s, err, sipcode_strerror(err));
        if (err == 0) {
            CHECK(count == g->count, "%s: count %lu, expected %lu", g->in.s,
                  (unsigned long)count, (unsigned long)g->count);
            CHECK(out[0].protocol == g->protocol, "%s: protocol %d", g->in.s, out[0].protocol);
            CHECK(same(out[0].protocol_text, out[0].protocol_len, g->protocol_text),
                  "%s: protocol text", g->in.s);
            CHECK(out[0].cause == g->cause, "%s: cause %d, expected %d", g->in.s, out[0].cause,
                  g->cause);
            CHECK(g->text ? same(out[0].text, out[0].text_len, g->text) : out[0].text == NULL,
                  "%s: text %.*s", g->in.s, (int)out[0].text_len,
                  out[0].text ? out[0].text : "(none)");
            CHECK(out[0].location_code == g->location_code, "%s: location code %d", g->in.s,
                  out[0].location_code);
            CHECK(out[0].other_params == g->other_params, "%s: %u other parameters", g->in.s,
                  out[0].other_params);
            for (v = 0; v < count && v < MAXV; v++)
                check_inside(&out[v], held, g->in.len, g->in.s);
        }
        free(held);
    }
}

/* The second value of a header, and the nine location names of RFC 8606
 * in both cases. */
static void test_values_and_locations(void)
{
    static const struct {
        const char *name;
        int code;
    } locations[] = { { "U", 0 },   { "LPN", 1 }, { "LN", 2 },   { "TN", 3 }, { "RLN", 4 },
                      { "RPN", 5 }, { "LOC", 6 }, { "INTL", 7 }, { "BI", 10 } };
    struct sipcode_reason out[MAXV];
    size_t count, i, j;
    const char *two = "SIP;cause=480, Q.850 ;cause=18;location=RPN;text=\"No user responding\"";

    CHECK(sipcode_parse_reason(two, strlen(two), out, MAXV, &count) == 0 && count == 2, "two");
    CHECK(out[1].protocol == SIPCODE_REASON_Q850 && out[1].cause == 18 &&
              out[1].location_code == 5 && same(out[1].location, out[1].location_len, "RPN") &&
              same(out[1].text, out[1].text_len, "No user responding"),
          "the second value of %s", two);
    for (i = 0; i < COUNT(locations); i++)
        for (j = 0; j < 2; j++) {
            char buf[64];
            size_t k, n = (size_t)snprintf(buf, sizeof buf, "Q.850;cause=16;location=%s",
                                           locations[i].name);
            if (j)
                for (k = 24; k < n; k++)
                    buf[k] = (char)(buf[k] - 'A' + 'a');
            CHECK(sipcode_parse_reason(buf, n, out, 1, &count) == 0 &&
                      out[0].location_code == locations[i].code,
                  "%s gives location code %d", buf, out[0].location_code);
        }
}

/* out holds the first max values, *count says how many there were. */
static void test_max_and_count(void)
{
    const char *three = "SIP;cause=200,Q.850;cause=16,preemption;cause=2";
    struct sipcode_reason out[2];
    size_t count = 0;

    memset(out, 0xA5, sizeof out);
    CHECK(sipcode_parse_reason(three, strlen(three), out, 1, &count) == 0 && count == 3,
          "three values, max 1: count %lu", (unsigned long)count);
    CHECK(out[0].cause == 200, "first value stored");
    CHECK(out[1].cause != 16, "nothing stored past max");
    CHECK(sipcode_parse_reason(three, strlen(three), NULL, 0, &count) == 0 && count == 3,
          "count only");
    CHECK(sipcode_parse_reason(three, strlen(three), out, 2, NULL) == 0 && out[1].cause == 16,
          "count may be NULL");
}

/* Every parameter, in order, through sipcode_reason_param_next(). */
static void test_param_walk(void)
{
    static const struct {
        const char *name, *value;
        int quoted;
    } want[] = { { "cause", "200", 0 }, { "foo", NULL, 0 },     { "bar", "baz", 0 },
                 { "ip", "[::1]", 0 },  { "q", "x, \\\"y", 1 }, { "text", "", 1 } };
    const char *s = "SIP ; cause=200;foo ; bar = baz;ip=[::1];q=\"x, \\\"y\" ;text=\"\" , Q.850";
    struct sipcode_reason out[2];
    struct sipcode_reason_param p;
    size_t count, pos = 0, i = 0;

    CHECK(sipcode_parse_reason(s, strlen(s), out, 2, &count) == 0 && count == 2, "%s", s);
    while (sipcode_reason_param_next(&out[0], &pos, &p)) {
        if (i < COUNT(want)) {
            CHECK(same(p.name, p.name_len, want[i].name), "parameter %lu name", (unsigned long)i);
            CHECK(want[i].value ? same(p.value, p.value_len, want[i].value) : p.value == NULL,
                  "parameter %lu (%s) value %.*s", (unsigned long)i, want[i].name,
                  (int)p.value_len, p.value ? p.value : "");
            CHECK(p.quoted == want[i].quoted, "parameter %lu quoted", (unsigned long)i);
        }
        i++;
    }
    CHECK(i == COUNT(want), "%lu parameters walked, expected %lu", (unsigned long)i,
          (unsigned long)COUNT(want));
    CHECK(out[0].other_params == 4, "other parameters %u", out[0].other_params);
    pos = 0;
    CHECK(!sipcode_reason_param_next(&out[1], &pos, &p), "Q.850 alone has no parameter");
    CHECK(!sipcode_reason_param_next(NULL, &pos, &p) && !sipcode_reason_param_next(&out[0], NULL, &p) &&
              !sipcode_reason_param_next(&out[0], &pos, NULL),
          "NULL arguments");
    pos = out[0].params_len;
    CHECK(!sipcode_reason_param_next(&out[0], &pos, &p), "pos at the end");
    pos = SIZE_MAX;
    CHECK(!sipcode_reason_param_next(&out[0], &pos, &p), "pos past the end");
}

static void test_unescape(void)
{
    const char *s = "SIP;cause=480;text=\"say \\\"hi\\\",\r\n  then \\\\ go\\x\"";
    struct sipcode_reason r;
    size_t count, n;
    char buf[64];

    CHECK(sipcode_parse_reason(s, strlen(s), &r, 1, &count) == 0, "%s", s);
    n = sipcode_reason_unescape(buf, sizeof buf, r.text, r.text_len);
    CHECK(n == strlen(buf) && strcmp(buf, "say \"hi\",  then \\ gox") == 0, "unescaped: [%s]",
          buf);
    CHECK(sipcode_reason_unescape(buf, 5, r.text, r.text_len) == n && strcmp(buf, "say ") == 0,
          "truncated to 4 bytes and a NUL: [%s]", buf);
    CHECK(sipcode_reason_unescape(NULL, 0, r.text, r.text_len) == n, "length only");
    buf[0] = 'x';
    CHECK(sipcode_reason_unescape(buf, 0, r.text, r.text_len) == n && buf[0] == 'x',
          "size 0 writes nothing");
    CHECK(sipcode_reason_unescape(buf, sizeof buf, NULL, 5) == 0 && buf[0] == '\0', "NULL text");
    CHECK(sipcode_reason_unescape(buf, sizeof buf, "a\\", 2) == 2 && strcmp(buf, "a\\") == 0,
          "a lone backslash at the end is kept");
}

/* ------------------------------------------------------------- bad values */

static const struct bad {
    struct input in;
    int err;
} bads[] = {
    { IN(""), SIPCODE_E_REASON_EMPTY },
    { IN("   "), SIPCODE_E_REASON_EMPTY },
    { IN("\r\n"), SIPCODE_E_REASON_EMPTY },
    { IN("Reason:"), SIPCODE_E_REASON_EMPTY },
    { IN("Reason: "), SIPCODE_E_REASON_EMPTY },
    { IN("SIP;cause=200,"), SIPCODE_E_REASON_EMPTY },
    { IN("SIP;cause=200, "), SIPCODE_E_REASON_EMPTY },
    { IN(",SIP;cause=200"), SIPCODE_E_REASON_EMPTY },
    { IN("SIP,,Q.850"), SIPCODE_E_REASON_EMPTY },
    { IN(";cause=200"), SIPCODE_E_REASON_PROTOCOL },
    { IN("\"SIP\";cause=200"), SIPCODE_E_REASON_PROTOCOL },
    { IN("=SIP"), SIPCODE_E_REASON_PROTOCOL },
    { IN("\xc3\xa9;cause=1"), SIPCODE_E_REASON_PROTOCOL },
    { IN("Reason: :SIP"), SIPCODE_E_REASON_PROTOCOL },
    { IN("SIP cause=200"), SIPCODE_E_REASON_SEPARATOR },
    { IN("SIP;cause=200 text=\"x\""), SIPCODE_E_REASON_SEPARATOR },
    { IN("Q.850;cause=16)"), SIPCODE_E_REASON_SEPARATOR },
    { IN("SIP:cause=200"), SIPCODE_E_REASON_SEPARATOR },
    { IN("SIP;text=\"a\"b"), SIPCODE_E_REASON_SEPARATOR },
    { IN("Q.850;cause=16\xff"), SIPCODE_E_REASON_SEPARATOR },
    { IN("SIP;"), SIPCODE_E_REASON_PARAM },
    { IN("SIP; "), SIPCODE_E_REASON_PARAM },
    { IN("SIP;;cause=200"), SIPCODE_E_REASON_PARAM },
    { IN("SIP;=5"), SIPCODE_E_REASON_PARAM },
    { IN("SIP;foo="), SIPCODE_E_REASON_PARAM },
    { IN("SIP;foo=;cause=200"), SIPCODE_E_REASON_PARAM },
    { IN("SIP;cause"), SIPCODE_E_REASON_CAUSE },
    { IN("SIP;cause="), SIPCODE_E_REASON_CAUSE },
    { IN("SIP;cause=;text=\"x\""), SIPCODE_E_REASON_CAUSE },
    { IN("SIP;cause=abc"), SIPCODE_E_REASON_CAUSE },
    { IN("SIP;cause=\"200\""), SIPCODE_E_REASON_CAUSE },
    { IN("SIP;cause=20x"), SIPCODE_E_REASON_CAUSE },
    { IN("SIP;cause=-1"), SIPCODE_E_REASON_CAUSE },
    { IN("X;cause=2147483648"), SIPCODE_E_REASON_CAUSE },
    { IN("X;cause=99999999999999999999"), SIPCODE_E_REASON_CAUSE },
    { IN("SIP;cause=0"), SIPCODE_E_REASON_CAUSE_RANGE },
    { IN("SIP;cause=99"), SIPCODE_E_REASON_CAUSE_RANGE },
    { IN("SIP;cause=700"), SIPCODE_E_REASON_CAUSE_RANGE },
    { IN("sip;cause=2147483647"), SIPCODE_E_REASON_CAUSE_RANGE },
    { IN("Q.850;cause=0"), SIPCODE_E_REASON_CAUSE_RANGE },
    { IN("Q.850;cause=128"), SIPCODE_E_REASON_CAUSE_RANGE },
    { IN("q.850;cause=486"), SIPCODE_E_REASON_CAUSE_RANGE },
    { IN("SIP;cause=200, Q.850;cause=200"), SIPCODE_E_REASON_CAUSE_RANGE },
    { IN("SIP;cause=200;text=Busy"), SIPCODE_E_REASON_TEXT },
    { IN("SIP;text"), SIPCODE_E_REASON_TEXT },
    { IN("SIP;text="), SIPCODE_E_REASON_TEXT },
    { IN("SIP;text=\"abc"), SIPCODE_E_REASON_QUOTE },
    { IN("SIP;text=\"abc\\\""), SIPCODE_E_REASON_QUOTE },
    { IN("SIP;text=\"abc\\"), SIPCODE_E_REASON_QUOTE },
    { IN("SIP;foo=\"x"), SIPCODE_E_REASON_QUOTE },
    { IN("Q.850;location"), SIPCODE_E_REASON_LOCATION },
    { IN("Q.850;location="), SIPCODE_E_REASON_LOCATION },
    { IN("Q.850;location=\"LN\""), SIPCODE_E_REASON_LOCATION },
    { IN("Q.850;location=[::1]"), SIPCODE_E_REASON_LOCATION },
    { IN("SIP;cause=200;cause=200"), SIPCODE_E_REASON_DUPLICATE },
    { IN("SIP;text=\"a\";TEXT=\"b\""), SIPCODE_E_REASON_DUPLICATE },
    { IN("SIP;text=\"\";text=\"\""), SIPCODE_E_REASON_DUPLICATE },
    { IN("Q.850;location=LN;Location=TN"), SIPCODE_E_REASON_DUPLICATE },
    { IN("SIP;cause=200\0"), SIPCODE_E_REASON_CONTROL },
    { IN("SIP\0;cause=200"), SIPCODE_E_REASON_CONTROL },
    { IN("\0SIP"), SIPCODE_E_REASON_CONTROL },
    { IN("SIP;\0cause=200"), SIPCODE_E_REASON_CONTROL },
    { IN("SIP;cause=\0"), SIPCODE_E_REASON_CONTROL },
    { IN("SIP;text=\"a\0b\""), SIPCODE_E_REASON_CONTROL },
    { IN("SIP;text=\"a\\\0\""), SIPCODE_E_REASON_CONTROL },
    { IN("SIP;text=\"a\x7f\""), SIPCODE_E_REASON_CONTROL },
    { IN("SIP;text=\"a\r\nb\""), SIPCODE_E_REASON_CONTROL },
    { IN("SIP;text=\"a\r b\""), SIPCODE_E_REASON_CONTROL },
    { IN("SIP;cause=200\r;text=\"x\""), SIPCODE_E_REASON_CONTROL },
    { IN("SIP;cause=200\nQ.850;cause=16"), SIPCODE_E_REASON_CONTROL },
    { IN("SIP;cause=200\r\n\r\n"), SIPCODE_E_REASON_CONTROL },
    { IN("SIP\x7f"), SIPCODE_E_REASON_CONTROL },
};

static void test_bad_values(void)
{
    int seen[32] = { 0 };
    size_t i;

    for (i = 0; i < COUNT(bads); i++) {
        struct sipcode_reason out[MAXV];
        size_t count = 99;
        char *held;
        int err;

        memset(out, 0xA5, sizeof out);
        err = parse_held(bads[i].in, out, MAXV, &count, &held);
        CHECK(err == bads[i].err, "bad %lu (%.*s): error %d (%s), expected %d (%s)",
              (unsigned long)i, (int)bads[i].in.len, bads[i].in.s, err, sipcode_strerror(err),
              bads[i].err, sipcode_strerror(bads[i].err));
        CHECK(count == 0, "bad %lu: count %lu after an error", (unsigned long)i,
              (unsigned long)count);
        /* An entry the parser filled before the error is zeroed again. */
        if (bads[i].err == SIPCODE_E_REASON_CAUSE_RANGE && bads[i].in.len > 20)
            CHECK(out[0].protocol_text == NULL && out[0].cause == 0,
                  "bad %lu: the first value is not zeroed", (unsigned long)i);
        if (err < 0 && -err < 32)
            seen[-err] = 1;
        free(held);
    }
    for (i = (size_t)-SIPCODE_E_REASON_TOO_LONG + 1; i <= (size_t)-SIPCODE_E_REASON_CONTROL; i++)
        CHECK(seen[i], "error %d never produced by the table of bad values", -(int)i);
}

static void test_null_and_length(void)
{
    struct sipcode_reason out;
    size_t count = 7;

    CHECK(sipcode_parse_reason(NULL, 3, &out, 1, &count) == SIPCODE_E_NULL && count == 0,
          "NULL s");
    CHECK(sipcode_parse_reason("SIP", 3, NULL, 1, &count) == SIPCODE_E_NULL, "NULL out, max 1");
    CHECK(sipcode_parse_reason(NULL, 0, NULL, 0, NULL) == SIPCODE_E_NULL, "all NULL");
    /* Refused before any byte is read: the buffer is 4 bytes long. */
    CHECK(sipcode_parse_reason("SIP", SIZE_MAX, &out, 1, &count) == SIPCODE_E_REASON_TOO_LONG,
          "SIZE_MAX");
    CHECK(sipcode_parse_reason("SIP", (size_t)SIPCODE_REASON_MAX + 3, &out, 1, &count) ==
              SIPCODE_E_REASON_TOO_LONG,
          "MAX + 3");
}

/* SIPCODE_REASON_MAX bytes pass, with a line ending too; one more does not. */
static void test_at_the_cap(void)
{
    const char *head = "SIP;cause=200;text=\"";
    size_t n = strlen(head), count;
    struct sipcode_reason out;
    char *big = malloc(10u * 1024 * 1024);

    memset(copy, 'a', sizeof copy);
    memcpy(copy, head, n);
    copy[SIPCODE_REASON_MAX - 1] = '"';
    CHECK(sipcode_parse_reason(copy, SIPCODE_REASON_MAX, &out, 1, &count) == 0 &&
              out.text_len == SIPCODE_REASON_MAX - n - 1,
          "exactly SIPCODE_REASON_MAX bytes");
    copy[SIPCODE_REASON_MAX] = '\r';
    copy[SIPCODE_REASON_MAX + 1] = '\n';
    CHECK(sipcode_parse_reason(copy, SIPCODE_REASON_MAX + 2, &out, 1, &count) == 0,
          "SIPCODE_REASON_MAX bytes and CRLF");
    copy[SIPCODE_REASON_MAX - 1] = 'a';
    copy[SIPCODE_REASON_MAX] = '"';
    CHECK(sipcode_parse_reason(copy, SIPCODE_REASON_MAX + 1, &out, 1, &count) ==
              SIPCODE_E_REASON_TOO_LONG,
          "one byte over the cap");
    /* 10 MB: a defined answer, at once. */
    if (big) {
        memset(big, ' ', 10u * 1024 * 1024);
        CHECK(sipcode_parse_reason(big, 10u * 1024 * 1024, &out, 1, &count) ==
                  SIPCODE_E_REASON_TOO_LONG,
              "10 MB");
        free(big);
    }
}

/* Every 8-bit byte inside the text is taken; outside, none is. */
static void test_every_byte(void)
{
    unsigned b;

    for (b = 0; b < 256; b++) {
        char in[] = "SIP;cause=200;text=\"a?b\"";
        char out_text[] = "SIP;cause=200;foo=a?b";
        struct sipcode_reason r;
        size_t count;
        int err, want;

        in[21] = (char)b;
        err = sipcode_parse_reason(in, sizeof in - 1, &r, 1, &count);
        if (b == '"')
            want = SIPCODE_E_REASON_SEPARATOR;
        else if ((b < 0x20 && b != '\t') || b == 0x7f)
            want = SIPCODE_E_REASON_CONTROL;
        else
            want = 0;
        CHECK(err == want, "byte %#x in the text: error %d, expected %d", b, err, want);
        out_text[19] = (char)b;
        err = sipcode_parse_reason(out_text, sizeof out_text - 1, &r, 1, &count);
        if (b >= 0x80)
            CHECK(err == SIPCODE_E_REASON_SEPARATOR, "byte %#x in a token: error %d", b, err);
        else if ((b < 0x20 && b != '\t') || b == 0x7f)
            CHECK(err == SIPCODE_E_REASON_CONTROL, "byte %#x in a token: error %d", b, err);
    }
}

static void test_strerror(void)
{
    int e, f;

    for (e = SIPCODE_E_REASON_TOO_LONG; e >= SIPCODE_E_REASON_CONTROL; e--) {
        const char *m = sipcode_strerror(e);
        CHECK(m && *m && strcmp(m, "unknown error") != 0, "strerror(%d)", e);
        for (f = 0; f > e; f--)
            CHECK(strcmp(m, sipcode_strerror(f)) != 0, "errors %d and %d share a message", e, f);
    }
    /* The errors follow the status-line ones without a gap. */
    CHECK(SIPCODE_E_REASON_TOO_LONG == SIPCODE_E_BUFFER - 1, "no gap after SIPCODE_E_BUFFER");
}

/* --------------------------------------------- RFC 3398 agreement check */

struct q850_row {
    int cause;
    int code;
    unsigned flag;
    int line;
};

struct q850_name {
    int cause;
    const char *name;
};

#include "q850_expected.inc"

/* Every pair a row of either RFC table joins agrees. */
static void test_rows_agree(void)
{
    size_t i;

    for (i = 0; i < COUNT(expected_to_sip); i++) {
        const struct q850_row *r = &expected_to_sip[i];
        if (r->code >= 400)
            CHECK(sipcode_q850_agreement(r->code, r->cause) == SIPCODE_Q850_AGREE,
                  "q850.csv:%d: %d with cause %d", r->line, r->code, r->cause);
    }
    for (i = 0; i < COUNT(expected_to_cause); i++) {
        const struct q850_row *r = &expected_to_cause[i];
        if (r->cause)
            CHECK(sipcode_q850_agreement(r->code, r->cause) == SIPCODE_Q850_AGREE,
                  "q850.csv:%d: %d with cause %d", r->line, r->code, r->cause);
    }
}

/* Over every code 400..699 and cause 1..127: agreement is exactly "one
 * direction joins them, or the RFC's text does". */
static void test_whole_grid(void)
{
    static const unsigned flags[] = { 0u, SIPCODE_Q850_LOCATION_USER, SIPCODE_Q850_NEW_NUMBER,
                                      SIPCODE_Q850_LOCATION_USER | SIPCODE_Q850_NEW_NUMBER };
    int code, cause, disagree = 0;
    size_t f;

    for (code = 400; code <= 699; code++)
        for (cause = 1; cause <= 127; cause++) {
            int joined = sipcode_to_q850(code) == cause;
            enum sipcode_q850_agreement got = sipcode_q850_agreement(code, cause);
            for (f = 0; f < COUNT(flags); f++)
                joined |= sipcode_from_q850(cause, flags[f]) == code;
            joined |= (code == 487 && cause == 16) || ((code == 488 || code == 606) && cause == 65);
            CHECK(got == (joined ? SIPCODE_Q850_AGREE : SIPCODE_Q850_DISAGREE),
                  "%d with cause %d gives %d", code, cause, got);
            disagree += got == SIPCODE_Q850_DISAGREE;
        }
    CHECK(disagree > 300 * 127 / 2, "only %d of the pairs disagree", disagree);
}

static void test_agreement_facts(void)
{
    static const struct {
        int code, cause;
        enum sipcode_q850_agreement want;
    } facts[] = {
        { 486, 16, SIPCODE_Q850_DISAGREE }, /* what FreeSWITCH sends */
        { 486, 17, SIPCODE_Q850_AGREE },
        { 480, 18, SIPCODE_Q850_AGREE },    /* 480 -> 18 */
        { 408, 18, SIPCODE_Q850_AGREE },    /* 18 -> 408 */
        { 480, 17, SIPCODE_Q850_DISAGREE }, /* 480 -> 18, 17 -> 486 */
        { 408, 102, SIPCODE_Q850_AGREE },   /* 408 -> 102 */
        { 404, 1, SIPCODE_Q850_AGREE },
        { 603, 21, SIPCODE_Q850_AGREE },    /* 21 from the user */
        { 403, 21, SIPCODE_Q850_AGREE },
        { 603, 16, SIPCODE_Q850_DISAGREE },
        { 487, 16, SIPCODE_Q850_AGREE },    /* the CANCEL of cause 16 */
        { 487, 31, SIPCODE_Q850_DISAGREE },
        { 488, 65, SIPCODE_Q850_AGREE },
        { 606, 65, SIPCODE_Q850_AGREE },
        { 606, 31, SIPCODE_Q850_AGREE },    /* 606 -> 31 by default */
        { 500, 10, SIPCODE_Q850_AGREE },    /* 10 -> 500 by default */
        { 433, 31, SIPCODE_Q850_AGREE },    /* registered after the RFC: default 31 */
        { 200, 16, SIPCODE_Q850_NOT_COVERED },
        { 301, 22, SIPCODE_Q850_NOT_COVERED },
        { 399, 16, SIPCODE_Q850_NOT_COVERED },
        { 700, 16, SIPCODE_Q850_NOT_COVERED },
        { 486, 0, SIPCODE_Q850_NOT_COVERED },
        { 486, 128, SIPCODE_Q850_NOT_COVERED },
        { 486, -1, SIPCODE_Q850_NOT_COVERED },
        { INT_MIN, 16, SIPCODE_Q850_NOT_COVERED },
        { 486, INT_MIN, SIPCODE_Q850_NOT_COVERED },
        { INT_MAX, INT_MAX, SIPCODE_Q850_NOT_COVERED },
        { -1, -1, SIPCODE_Q850_NOT_COVERED },
    };
    size_t i;

    for (i = 0; i < COUNT(facts); i++) {
        enum sipcode_q850_agreement got = sipcode_q850_agreement(facts[i].code, facts[i].cause);
        CHECK(got == facts[i].want, "%d with cause %d gives %d, expected %d", facts[i].code,
              facts[i].cause, got, facts[i].want);
    }
}

static CU_TestInfo parser_tests[] = {
    { "good values", test_good_values },
    { "second values, locations", test_values_and_locations },
    { "max and count", test_max_and_count },
    { "parameter walk", test_param_walk },
    { "unescape", test_unescape },
    { "bad values", test_bad_values },
    { "NULL and length", test_null_and_length },
    { "at the cap", test_at_the_cap },
    { "every byte", test_every_byte },
    { "strerror", test_strerror },
    CU_TEST_INFO_NULL,
};

static CU_TestInfo agreement_tests[] = {
    { "rows of q850.csv agree", test_rows_agree },
    { "the whole grid", test_whole_grid },
    { "facts", test_agreement_facts },
    CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
    { "Reason header parser", NULL, NULL, NULL, NULL, parser_tests },
    { "RFC 3398 agreement of code and cause", NULL, NULL, NULL, NULL, agreement_tests },
    CU_SUITE_INFO_NULL,
};

int main(void)
{
    return run_suites("test_reason", suites);
}
