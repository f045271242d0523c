/* SPDX-License-Identifier: MIT
 * Fuzz harness for the Reason header parser: sipcode_parse_reason(),
 * sipcode_reason_param_next() and sipcode_reason_unescape() over the fuzz
 * bytes, given as an exactly sized copy so that ASan sees a read past len.
 *
 * Checks the contract in sipcode.h: the answer is 0 or a
 * SIPCODE_E_REASON_... value, with count 0 after an error; every pointer of
 * every value lies inside the input; a SIP cause is in 100..699 and a Q.850
 * one in 1..127; the parameter walk sees cause, text and location once each
 * and other_params others; unescaping never grows the text; the same bytes
 * parse the same way again, and counting alone (out NULL) agrees. */
#include "sipcode.h"

#include "fuzz.h"

#define MAXV 8

static int inside(const char *p, size_t n, const char *base, size_t len)
{
    if (p == NULL)
        return n == 0;
    return p >= base && (size_t)(p - base) <= len && n <= len - (size_t)(p - base);
}

static int same_value(const struct sipcode_reason *a, const struct sipcode_reason *b)
{
    return a->protocol == b->protocol && a->protocol_text == b->protocol_text &&
           a->protocol_len == b->protocol_len && a->cause == b->cause && a->text == b->text &&
           a->text_len == b->text_len && a->location == b->location &&
           a->location_len == b->location_len && a->location_code == b->location_code &&
           a->params == b->params && a->params_len == b->params_len &&
           a->other_params == b->other_params;
}

static void check_value(const struct sipcode_reason *r, const char *buf, size_t size)
{
    struct sipcode_reason_param p;
    size_t pos = 0, walked = 0, unescaped;
    unsigned known = (unsigned)((r->cause >= 0) + (r->text != NULL) + (r->location != NULL));

    FUZZ_CHECK(r->protocol_len > 0 && inside(r->protocol_text, r->protocol_len, buf, size),
               "protocol outside the input");
    FUZZ_CHECK(inside(r->text, r->text_len, buf, size), "text outside the input");
    FUZZ_CHECK(inside(r->location, r->location_len, buf, size), "location outside the input");
    FUZZ_CHECK(inside(r->params, r->params_len, buf, size), "params outside the input");
    if (r->protocol == SIPCODE_REASON_SIP)
        FUZZ_CHECK(r->cause == -1 || SIPCODE_IS_VALID(r->cause), "SIP cause %d", r->cause);
    if (r->protocol == SIPCODE_REASON_Q850)
        FUZZ_CHECK(r->cause == -1 || (r->cause >= 1 && r->cause <= 127), "Q.850 cause %d",
                   r->cause);
    FUZZ_CHECK(r->location != NULL || r->location_code == -1, "location code without location");
    FUZZ_CHECK(r->location_code >= -1 && r->location_code <= 10, "location code %d",
               r->location_code);
    while (sipcode_reason_param_next(r, &pos, &p)) {
        FUZZ_CHECK(p.name_len > 0 && inside(p.name, p.name_len, r->params, r->params_len),
                   "parameter name outside the parameters");
        FUZZ_CHECK(inside(p.value, p.value_len, r->params, r->params_len),
                   "parameter value outside the parameters");
        FUZZ_CHECK(walked++ < r->params_len, "the walk does not end");
    }
    FUZZ_CHECK(walked == known + r->other_params, "walked %lu parameters, expected %u + %u",
               (unsigned long)walked, known, r->other_params);
    FUZZ_CHECK((walked == 0) == (r->params == NULL), "params span and parameters disagree");
    unescaped = sipcode_reason_unescape(NULL, 0, r->text, r->text_len);
    FUZZ_CHECK(unescaped <= r->text_len, "unescaped text grew from %lu to %lu",
               (unsigned long)r->text_len, (unsigned long)unescaped);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *buf = fuzz_copy(data, size);
    struct sipcode_reason a[MAXV], b[MAXV];
    size_t count = 0, again = 0, counted = 0, i;
    int err = sipcode_parse_reason(buf, size, a, MAXV, &count);
    int err2 = sipcode_parse_reason(buf, size, b, MAXV, &again);
    int err3 = sipcode_parse_reason(buf, size, NULL, 0, &counted);

    FUZZ_CHECK(err == 0 || (err <= SIPCODE_E_REASON_TOO_LONG && err >= SIPCODE_E_REASON_CONTROL),
               "error %d is not a Reason error", err);
    FUZZ_CHECK(err == err2 && count == again, "parse is not deterministic");
    FUZZ_CHECK(err == err3 && count == counted, "counting alone gives %d/%lu, parsing %d/%lu",
               err3, (unsigned long)counted, err, (unsigned long)count);
    FUZZ_CHECK(err == 0 ? count >= 1 : count == 0, "count %lu with error %d",
               (unsigned long)count, err);
    for (i = 0; i < count && i < MAXV; i++) {
        FUZZ_CHECK(same_value(&a[i], &b[i]), "value %lu differs between two parses",
                   (unsigned long)i);
        check_value(&a[i], buf, size);
    }
    free(buf);
    return 0;
}
