/* SPDX-License-Identifier: MIT */
/* CUnit tests of the library, driven by the whole table: tests/expected.inc
 * holds the rows and every spelling of codes.csv as plain data, so each
 * lookup is checked against the CSV, not against the tables it reads.
 *
 *   test_sipcode DATADIR      (DATADIR holds seed-phrases.tsv)
 *
 * Exits 0 when every assertion passed, 1 otherwise. */
#include "sipcode.h"

#include <CUnit/Basic.h>
#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "expected.h"

static const char *data_dir = "tests/data";

static const struct expected_row *expected_for(int code)
{
    size_t i;

    for (i = 0; i < N_ROWS; i++)
        if (expected_rows[i].code == code)
            return &expected_rows[i];
    return NULL;
}

/* Looks s up from an exactly-sized heap copy with no terminator, so that a
 * read past len is caught by the sanitizers and valgrind. */
static int from_phrase_exact(const char *s, size_t len)
{
    char *copy = malloc(len ? len : 1);
    int code;

    if (!copy)
        return -1;
    if (len)
        memcpy(copy, s, len);
    code = sipcode_from_phrase(copy, len);
    free(copy);
    return code;
}

static int from_cstr(const char *s)
{
    return from_phrase_exact(s, strlen(s));
}

/* ---------------------------------------------------------------- table */

static void test_rows_round_trip(void)
{
    size_t i;

    for (i = 0; i < N_ROWS; i++) {
        const struct expected_row *r = &expected_rows[i];
        const struct sipcode_info *info = sipcode_info(r->code);
        const char *phrase = sipcode_phrase(r->code);

        CHECK(info != NULL, "row %d: sipcode_info() is NULL", r->code);
        if (!info)
            continue;
        CHECK(info->code == r->code, "row %d: entry stores code %d", r->code, info->code);
        CHECK(phrase && strcmp(phrase, r->phrase) == 0, "row %d: phrase \"%s\", expected \"%s\"",
              r->code, phrase ? phrase : "(null)", r->phrase);
        CHECK((int)info->cls == r->code / 100, "row %d: class %d", r->code, (int)info->cls);
        CHECK(info->final == (r->code >= 200), "row %d: final %d", r->code, info->final);
        CHECK(info->rfc == r->rfc, "row %d: RFC %d, expected %d", r->code, info->rfc, r->rfc);
        CHECK(info->standing == r->standing, "row %d: standing %d, expected %d", r->code,
              (int)info->standing, (int)r->standing);
        CHECK(sipcode_is_registered(r->code) ==
                  (r->standing != SIPCODE_STANDING_HISTORIC && r->standing != SIPCODE_STANDING_LOCAL),
              "row %d: sipcode_is_registered() %d", r->code, sipcode_is_registered(r->code));
        CHECK(!(info->flags & SIPCODE_FLAG_PHRASE_SHARED) == !r->shares_with,
              "row %d: shared-phrase flag %d", r->code, info->flags);
        CHECK(from_cstr(r->phrase) == r->phrase_code, "row %d: phrase \"%s\" gives %d, expected %d",
              r->code, r->phrase, from_cstr(r->phrase), r->phrase_code);
        CHECK(sipcode_phrase(sipcode_from_phrase(r->phrase, strlen(r->phrase))) != NULL,
              "row %d: phrase -> code -> phrase broke", r->code);
    }
    CHECK(N_ROWS == SIPCODE_COUNT, "SIPCODE_COUNT %d, expected %d", SIPCODE_COUNT, (int)N_ROWS);
}

static void test_registry_shape(void)
{
    /* Counts follow codes.csv (a table update moves them): the library
     * holds, class by class, exactly the rows of the CSV. */
    int rows[7] = { 0 }, found[7] = { 0 }, code, k;
    size_t i;

    for (i = 0; i < N_ROWS; i++)
        rows[expected_rows[i].code / 100]++;
    for (code = 100; code <= 699; code++)
        if (sipcode_info(code))
            found[sipcode_class(code)]++;
    for (k = 1; k <= 6; k++)
        CHECK(found[k] == rows[k], "class %dxx: %d codes in the library, %d rows in codes.csv", k,
              found[k], rows[k]);
    /* RFC 2543's codes that RFC 3261 dropped stay historic. */
    CHECK(sipcode_info(409)->standing == SIPCODE_STANDING_HISTORIC, "409 historic");
    CHECK(sipcode_info(411)->standing == SIPCODE_STANDING_HISTORIC, "411 historic");
    CHECK(sipcode_info(202)->standing == SIPCODE_STANDING_DEPRECATED, "202 deprecated");
    CHECK(sipcode_info(402)->standing == SIPCODE_STANDING_RESERVED, "402 reserved");
    CHECK(sipcode_info(555)->rfc == 8599, "555 is RFC 8599");
}

static void test_not_acceptable_rule(void)
{
    CHECK(SIPCODE_NOT_ACCEPTABLE == 406, "SIPCODE_NOT_ACCEPTABLE");
    CHECK(SIPCODE_NOT_ACCEPTABLE_ANYWHERE == 606, "SIPCODE_NOT_ACCEPTABLE_ANYWHERE");
    CHECK(strcmp(sipcode_phrase(606), "Not Acceptable") == 0, "606 keeps its registry phrase");
    CHECK(strcmp(sipcode_phrase(406), "Not Acceptable") == 0, "406 phrase");
    CHECK(from_cstr("Not Acceptable") == 406, "\"Not Acceptable\" resolves to 406");
    CHECK(from_cstr("not acceptable here") == 488, "488 stays distinct");
    CHECK(sipcode_info(606)->flags & SIPCODE_FLAG_PHRASE_SHARED, "606 flagged as shared");
    CHECK(!(sipcode_info(406)->flags & SIPCODE_FLAG_PHRASE_SHARED), "406 not flagged");
}

static void test_constants(void)
{
    CHECK(SIPCODE_TRYING == 100, "TRYING");
    CHECK(SIPCODE_BUSY_HERE == 486, "BUSY_HERE");
    CHECK(SIPCODE_DECLINE == 603, "DECLINE");
    CHECK(SIPCODE_REQUEST_TIMEOUT == 408, "REQUEST_TIMEOUT");
    CHECK(SIPCODE_SERVER_TIMEOUT == 504, "SERVER_TIMEOUT");
    CHECK(SIPCODE_CALL_TRANSACTION_DOES_NOT_EXIST == 481, "CALL_TRANSACTION_DOES_NOT_EXIST");
    CHECK(SIPCODE_PUSH_NOTIFICATION_SERVICE_NOT_SUPPORTED == 555, "PUSH_NOTIFICATION...");
    CHECK(SIPCODE_CONFLICT == 409 && SIPCODE_LENGTH_REQUIRED == 411, "historic constants");
    CHECK(strlen(SIPCODE_REGISTRY_DATE) == 10, "SIPCODE_REGISTRY_DATE %s", SIPCODE_REGISTRY_DATE);
}

/* ------------------------------------------------------------ spellings */

/* The spelling with its case and punctuation changed in ways normalisation
 * must ignore. */
static void variant(const char *s, char *out, size_t size, int how)
{
    size_t i, n = 0;

    for (i = 0; s[i] && n + 3 < size; i++) {
        unsigned char c = (unsigned char)s[i];
        if (how == 0)
            out[n++] = (char)toupper(c);
        else if (how == 1)
            out[n++] = (char)tolower(c);
        else if (c == ' ')
            out[n++] = how == 2 ? '-' : '\t';
        else {
            out[n++] = (char)c;
            if (how == 3 && i == 0)
                out[n++] = '.';
        }
    }
    out[n] = '\0';
}

static void test_every_spelling(void)
{
    size_t i;
    int how;

    for (i = 0; i < N_SPELLINGS; i++) {
        const struct expected_spelling *e = &expected_spellings[i];
        int got = from_cstr(e->spelling);
        char buf[256];

        CHECK(got == e->code, "\"%s\" gives %d, expected %d", e->spelling, got, e->code);
        CHECK(sipcode_info(got) != NULL, "\"%s\" gives %d, which has no row", e->spelling, got);
        CHECK(strlen(e->spelling) * 2 <= SIPCODE_PHRASE_MAX,
              "SIPCODE_PHRASE_MAX %d is under twice \"%s\"", SIPCODE_PHRASE_MAX, e->spelling);
        for (how = 0; how < 4; how++) {
            variant(e->spelling, buf, sizeof buf, how);
            got = from_cstr(buf);
            CHECK(got == e->code, "variant \"%s\" of \"%s\" gives %d, expected %d", buf,
                  e->spelling, got, e->code);
        }
    }
}

/* Each byte of each spelling with bit 5 flipped, which the lookup's first
 * compare ignores: a letter in the other case, or punctuation, space or tab
 * for one another, still gives the code; a digit, space or punctuation
 * turned into a control byte or DEL gives 0. */
static void test_case_bit_flips(void)
{
    size_t i, j;

    for (i = 0; i < N_SPELLINGS; i++) {
        const struct expected_spelling *e = &expected_spellings[i];
        size_t len = strlen(e->spelling);
        char buf[256];

        for (j = 0; j < len && len < sizeof buf; j++) {
            unsigned char c = (unsigned char)e->spelling[j], f = (unsigned char)(c ^ 0x20u);
            int want = (f < 0x20 && f != '\t') || f == 0x7f ? 0 : e->code, got;

            memcpy(buf, e->spelling, len);
            buf[j] = (char)f;
            got = sipcode_from_phrase(buf, len);
            CHECK(got == want, "\"%s\" with byte %lu 0x%02x -> 0x%02x gives %d, expected %d",
                  e->spelling, (unsigned long)j, c, f, got, want);
        }
    }
}

static void test_seed_document(void)
{
    char path[1024], line[256];
    FILE *f;
    int lines = 0;

    snprintf(path, sizeof path, "%s/seed-phrases.tsv", data_dir);
    f = fopen(path, "r");
    CHECK(f != NULL, "cannot open %s", path);
    if (!f)
        return;
    while (fgets(line, sizeof line, f)) {
        char *phrase, *expected;
        int got;

        if (line[0] == '#')
            continue;
        line[strcspn(line, "\r\n")] = '\0';
        phrase = strchr(line, '\t');
        expected = phrase ? strchr(phrase + 1, '\t') : NULL;
        CHECK(expected != NULL, "%s: malformed line \"%s\"", path, line);
        if (!expected)
            continue;
        *phrase++ = '\0';
        *expected++ = '\0';
        got = from_cstr(phrase);
        CHECK(got == atoi(expected), "seed \"%s %s\" gives %d, expected %s", line, phrase, got,
              expected);
        lines++;
    }
    fclose(f);
    /* Pinned: the seed is a fixed document, not the table; no registry
     * update changes its 47 lines. */
    CHECK(lines == 47, "%d seed lines, expected 47", lines);
}

/* ---------------------------------------------------------- code ranges */

static void test_every_code_in_range(void)
{
    int c;

    for (c = 100; c <= 699; c++) {
        const struct expected_row *r = expected_for(c);
        const struct sipcode_info *info = sipcode_info(c);
        int registered = r && r->standing != SIPCODE_STANDING_HISTORIC;
        int eff = registered ? c : c < 200 ? 183 : c / 100 * 100;

        CHECK((info != NULL) == (r != NULL), "%d: in table %d, expected %d", c, info != NULL,
              r != NULL);
        CHECK((sipcode_phrase(c) != NULL) == (r != NULL), "%d: phrase presence", c);
        CHECK(sipcode_class(c) == (enum sipcode_class)(c / 100), "%d: class %d", c,
              (int)sipcode_class(c));
        CHECK(sipcode_effective(c) == eff, "%d: effective %d, expected %d", c,
              sipcode_effective(c), eff);
        CHECK(sipcode_info(sipcode_effective(c)) != NULL, "%d: effective code has no row", c);
        CHECK(SIPCODE_IS_VALID(c), "%d: IS_VALID", c);
        CHECK(!SIPCODE_IS_PROVISIONAL(c) == (c >= 200), "%d: IS_PROVISIONAL", c);
        CHECK(!SIPCODE_IS_FINAL(c) == (c < 200), "%d: IS_FINAL", c);
        CHECK(!SIPCODE_IS_SUCCESS(c) == (c / 100 != 2), "%d: IS_SUCCESS", c);
        CHECK(!SIPCODE_IS_REDIRECTION(c) == (c / 100 != 3), "%d: IS_REDIRECTION", c);
        CHECK(!SIPCODE_IS_CLIENT_ERROR(c) == (c / 100 != 4), "%d: IS_CLIENT_ERROR", c);
        CHECK(!SIPCODE_IS_SERVER_ERROR(c) == (c / 100 != 5), "%d: IS_SERVER_ERROR", c);
        CHECK(!SIPCODE_IS_GLOBAL_FAILURE(c) == (c / 100 != 6), "%d: IS_GLOBAL_FAILURE", c);
        CHECK(!SIPCODE_MAY_BE_RELIABLE(c) == (c < 101 || c > 199), "%d: MAY_BE_RELIABLE", c);
    }
    CHECK(sipcode_effective(199) == 199, "199 is registered");
    CHECK(sipcode_effective(150) == 183, "unknown 1xx -> 183");
    CHECK(sipcode_effective(499) == 400, "499 -> 400");
    CHECK(sipcode_effective(409) == 400, "historic 409 -> 400");
    CHECK(sipcode_effective(411) == 400, "historic 411 -> 400");
    CHECK(sipcode_effective(202) == 202, "deprecated 202 is registered");
    CHECK(sipcode_effective(699) == 600, "699 -> 600");
}

static void test_codes_outside_range(void)
{
    static const int bad[] = { INT_MIN, INT_MIN + 1, -700, -486, -100, -1, 0, 1, 99,
                               700, 701, 999, 1000, 4860, 65536 + 486, INT_MAX - 1, INT_MAX,
                               (int)(100u - 601u) };
    size_t i;

    for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        int c = bad[i];
        CHECK(sipcode_info(c) == NULL, "%d: sipcode_info not NULL", c);
        CHECK(sipcode_phrase(c) == NULL, "%d: sipcode_phrase not NULL", c);
        CHECK(sipcode_effective(c) == 0, "%d: effective %d", c, sipcode_effective(c));
        CHECK(sipcode_class(c) == SIPCODE_CLASS_NONE, "%d: class", c);
        CHECK(!SIPCODE_IS_VALID(c) && !SIPCODE_IS_PROVISIONAL(c) && !SIPCODE_IS_FINAL(c) &&
                  !SIPCODE_IS_GLOBAL_FAILURE(c) && !SIPCODE_MAY_BE_RELIABLE(c),
              "%d: a predicate holds", c);
    }
}

static void test_class_and_status_names(void)
{
    static const char *const names[] = { NULL, "Provisional", "Success", "Redirection",
                                         "Client Error", "Server Error", "Global Failure" };
    static const char *const statuses[] = { "current", "deprecated", "reserved", "historic",
                                            "local" };
    int i;

    for (i = 0; i < 7; i++) {
        const char *got = sipcode_class_name((enum sipcode_class)i);
        CHECK(names[i] ? got && strcmp(got, names[i]) == 0 : got == NULL, "class name %d: %s", i,
              got ? got : "(null)");
    }
    CHECK(sipcode_class_name((enum sipcode_class)7) == NULL, "class 7");
    CHECK(sipcode_class_name((enum sipcode_class)-1) == NULL, "class -1");
    CHECK(sipcode_class_name((enum sipcode_class)INT_MAX) == NULL, "class INT_MAX");
    for (i = 0; i < 5; i++) {
        const char *got = sipcode_standing_name((enum sipcode_standing)i);
        CHECK(got && strcmp(got, statuses[i]) == 0, "status name %d", i);
    }
    CHECK(sipcode_standing_name((enum sipcode_standing)5) == NULL, "status 5");
    CHECK(sipcode_standing_name((enum sipcode_standing)-1) == NULL, "status -1");
}

/* A project's own codes (make regen EXTRA_CODES=...) are rows too. */
static int local_rows(void)
{
    int n = 0;
    size_t i;

    for (i = 0; i < N_ROWS; i++)
        n += expected_rows[i].standing == SIPCODE_STANDING_LOCAL;
    return n;
}

static void test_version(void)
{
    char numbers[32];

    snprintf(numbers, sizeof numbers, "%d.%d.%d", SIPCODE_VERSION_MAJOR, SIPCODE_VERSION_MINOR,
             SIPCODE_VERSION_PATCH);
    CHECK(strcmp(numbers, SIPCODE_VERSION) == 0, "SIPCODE_VERSION \"%s\" but numbers %s",
          SIPCODE_VERSION, numbers);
    CHECK(sipcode_version() != NULL && strcmp(sipcode_version(), SIPCODE_VERSION) == 0,
          "linked library %s, header %s", sipcode_version(), SIPCODE_VERSION);
    CHECK(SIPCODE_VERSION_NUMBER == SIPCODE_VERSION_MAJOR * 10000 + SIPCODE_VERSION_MINOR * 100 +
                                        SIPCODE_VERSION_PATCH,
          "SIPCODE_VERSION_NUMBER %d", SIPCODE_VERSION_NUMBER);
    CHECK(SIPCODE_LOCAL_COUNT == local_rows(), "SIPCODE_LOCAL_COUNT %d, %d local rows",
          SIPCODE_LOCAL_COUNT, local_rows());
}

static void test_macros(void)
{
    /* Constant expressions for constant arguments: these are array sizes. */
    char final[SIPCODE_IS_FINAL(486) ? 1 : -1];
    char prov[SIPCODE_IS_PROVISIONAL(183) && SIPCODE_MAY_BE_RELIABLE(180) &&
                      !SIPCODE_MAY_BE_RELIABLE(100) ? 1 : -1];
    int c = 486, ok;
    long long wide = 4294967296LL + 486; /* truncates to 486 as an unsigned int */
    unsigned long long huge = 18446744073709551615ull;

    (void)final;
    (void)prov;
    /* Each macro evaluates its argument once. */
    ok = SIPCODE_IS_CLIENT_ERROR(c++);
    CHECK(ok && c == 487, "IS_CLIENT_ERROR evaluated its argument %d times", c - 486);
    ok = SIPCODE_IS_VALID(c--);
    CHECK(ok && c == 486, "IS_VALID evaluated its argument %d times", 487 - c);
    CHECK(!SIPCODE_IS_VALID(wide) && !SIPCODE_IS_CLIENT_ERROR(wide), "wide argument truncated");
    CHECK(!SIPCODE_IS_VALID(huge), "ULLONG_MAX");
    CHECK(!SIPCODE_IS_VALID(-1) && !SIPCODE_IS_VALID(-1LL) && !SIPCODE_IS_VALID(LLONG_MIN),
          "negatives");
    CHECK(SIPCODE_IS_SUCCESS((short)200) && SIPCODE_IS_SUCCESS(200u) &&
              SIPCODE_IS_SUCCESS((unsigned char)200), "narrow and unsigned arguments");
}

/* ------------------------------------------------------------ bad input */

static void test_phrase_bad_input(void)
{
    char buf[SIPCODE_PHRASE_MAX + 1];
    char *big;
    size_t big_len = 10u * 1024 * 1024;
    int b;

    CHECK(sipcode_from_phrase(NULL, 0) == 0, "NULL, 0");
    CHECK(sipcode_from_phrase(NULL, 9) == 0, "NULL, 9");
    CHECK(sipcode_from_phrase(NULL, (size_t)-1) == 0, "NULL, SIZE_MAX");
    CHECK(sipcode_from_phrase("", 0) == 0, "empty");
    CHECK(from_cstr("") == 0, "empty heap copy");
    CHECK(from_cstr(" ") == 0 && from_cstr("---") == 0 && from_cstr(" \t-/._'") == 0,
          "punctuation only");
    CHECK(from_cstr("Busy Her") == 0 && from_cstr("Busy Heree") == 0, "near misses");
    CHECK(from_cstr("ok") == 200 && from_cstr("O.K.") == 200, "short keys");
    CHECK(from_cstr("Busy Here\r\n") == 0, "CRLF is not part of a phrase");
    CHECK(from_phrase_exact("Busy\0Here", 9) == 0, "embedded NUL");
    CHECK(from_phrase_exact("Busy Here\0", 10) == 0, "trailing NUL inside len");
    CHECK(sipcode_from_phrase("Decline", 4) == 0, "prefix only");
    CHECK(sipcode_from_phrase("Decline!!", 7) == 603, "len honoured, not the terminator");
    for (b = 0x80; b <= 0xff; b++) {
        char s[16];
        snprintf(s, sizeof s, "Busy%cHere", b);
        CHECK(from_cstr(s) == 0, "byte 0x%02x inside a phrase matched", b);
        snprintf(s, sizeof s, "Decline%c", b);
        CHECK(from_cstr(s) == 0, "byte 0x%02x after a phrase matched", b);
    }
    for (b = 0x01; b < 0x20; b++) {
        char s[16];
        snprintf(s, sizeof s, "Busy%cHere", b);
        CHECK(from_cstr(s) == (b == '\t' ? 486 : 0), "control byte 0x%02x", b);
    }
    CHECK(from_cstr("Busy\x7fHere") == 0, "DEL");

    /* Exactly SIPCODE_PHRASE_MAX bytes is read; one more is refused. */
    memset(buf, ' ', sizeof buf);
    memcpy(buf, "Busy Here", 9);
    CHECK(from_phrase_exact(buf, SIPCODE_PHRASE_MAX) == 486, "padded to SIPCODE_PHRASE_MAX");
    CHECK(from_phrase_exact(buf, SIPCODE_PHRASE_MAX + 1) == 0, "SIPCODE_PHRASE_MAX + 1");

    /* A long query is refused before a byte is read: a one-byte buffer with
     * a huge length would be an over-read under the sanitizers otherwise. */
    CHECK(sipcode_from_phrase(buf, (size_t)-1) == 0, "SIZE_MAX length");
    big = malloc(big_len);
    CHECK(big != NULL, "malloc 10 MB");
    if (big) {
        memset(big, 'a', big_len);
        CHECK(sipcode_from_phrase(big, big_len) == 0, "10 MB string");
        memset(big, ' ', big_len);
        memcpy(big, "Busy Here", 9);
        CHECK(sipcode_from_phrase(big, big_len) == 0, "10 MB of padding around a phrase");
        free(big);
    }
}

/* --------------------------------------------------------- status lines */

/* Parses an exactly-sized heap copy of s[0..len) (over-reads are caught by
 * the sanitizers) and checks that a parsed phrase lies inside the input and
 * that a failure leaves *out zeroed. */
static int parse_exact(const char *s, size_t len, struct sipcode_status_line *out)
{
    char *copy = malloc(len ? len : 1);
    int err;

    memset(out, 0x5a, sizeof *out);
    if (!copy)
        return 1;
    if (len)
        memcpy(copy, s, len);
    err = sipcode_parse_status_line(copy, len, out);
    if (err == 0) {
        CHECK(out->phrase >= copy && out->phrase + out->phrase_len <= copy + len,
              "phrase outside the input \"%.40s\"", s);
        out->phrase = s + (out->phrase - copy); /* keep it readable after free */
    } else {
        CHECK(out->code == 0 && out->phrase == NULL && out->phrase_len == 0 && out->known == 0,
              "out not zeroed after error %d for \"%.40s\"", err, s);
    }
    free(copy);
    return err;
}

static int parse_cstr(const char *s, struct sipcode_status_line *out)
{
    return parse_exact(s, strlen(s), out);
}

/* The lookup compares the kept bytes with bit 5 of each set, and relies on
 * the hash to turn away any query holding a control byte or a byte of
 * 0x80-0xFF first. So every letter or digit of every spelling, replaced by
 * the byte that differs in bit 5 alone (a digit's partner is a control
 * byte: '2' and 0x12) or in bit 7 alone, must stop the match, unless the
 * new byte is the same letter in the other case. */
static void test_phrase_one_bit_off(void)
{
    size_t i, j, k;
    char s[128];

    for (i = 0; i < N_SPELLINGS; i++) {
        const char *p = expected_spellings[i].spelling;
        size_t len = strlen(p);

        CHECK(len < sizeof s, "spelling %s too long for the test buffer", p);
        if (len >= sizeof s)
            continue;
        for (j = 0; j < len; j++) {
            unsigned char c = (unsigned char)p[j];
            const unsigned char flips[2] = { (unsigned char)(c ^ 0x20u), (unsigned char)(c ^ 0x80u) };

            if (!isalnum(c))
                continue;
            for (k = 0; k < 2; k++) {
                memcpy(s, p, len);
                s[j] = (char)flips[k];
                if (isalpha(c) && k == 0)
                    CHECK(from_phrase_exact(s, len) == expected_spellings[i].code,
                          "%s with byte %zu in the other case", p, j);
                else
                    CHECK(from_phrase_exact(s, len) == 0, "%s with byte %zu as 0x%02x matched",
                          p, j, flips[k]);
            }
        }
    }
}

static void test_format_parse_round_trip(void)
{
    size_t i;

    for (i = 0; i < N_ROWS; i++) {
        const struct expected_row *r = &expected_rows[i];
        char line[128], small[128];
        struct sipcode_status_line sl;
        int need = sipcode_format_status_line(line, sizeof line, r->code);
        int expect = (int)(12 + strlen(r->phrase) + 2);
        size_t size;

        CHECK(need == expect, "%d: formatted length %d, expected %d", r->code, need, expect);
        CHECK(sipcode_format_status_line(NULL, 0, r->code) == expect, "%d: length query",
              r->code);
        CHECK(strncmp(line, "SIP/2.0 ", 8) == 0 && atoi(line + 8) == r->code &&
                  strncmp(line + 12, r->phrase, strlen(r->phrase)) == 0 &&
                  strcmp(line + expect - 2, "\r\n") == 0,
              "%d: formatted \"%s\"", r->code, line);
        CHECK(parse_exact(line, (size_t)need, &sl) == 0 && sl.code == r->code && sl.known == 1 &&
                  sl.phrase_len == strlen(r->phrase) &&
                  memcmp(sl.phrase, r->phrase, sl.phrase_len) == 0,
              "%d: formatted line does not parse back", r->code);
        /* Every buffer size: never past size, always terminated, a prefix. */
        for (size = 0; size <= (size_t)need + 1; size++) {
            memset(small, '#', sizeof small);
            CHECK(sipcode_format_status_line(small, size, r->code) == expect,
                  "%d: size %lu return", r->code, (unsigned long)size);
            CHECK(small[size] == '#' || size == sizeof small, "%d: wrote past size %lu", r->code,
                  (unsigned long)size);
            if (size > 0) {
                size_t n = size - 1 < (size_t)need ? size - 1 : (size_t)need;
                CHECK(small[n] == '\0' && memcmp(small, line, n) == 0,
                      "%d: size %lu not a terminated prefix", r->code, (unsigned long)size);
            }
        }
    }
}

static void test_format_bad_input(void)
{
    static const int bad[] = { INT_MIN, -1, 0, 99, 150, 499, 700, INT_MAX };
    char buf[64];
    size_t i;

    for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        memset(buf, '#', sizeof buf);
        CHECK(sipcode_format_status_line(buf, sizeof buf, bad[i]) == SIPCODE_E_UNKNOWN &&
                  buf[0] == '#',
              "format of %d", bad[i]);
    }
    CHECK(sipcode_format_status_line(NULL, 5, 486) == SIPCODE_E_BUFFER, "NULL buffer, size 5");
}

static void test_parse_good_lines(void)
{
    static const struct {
        const char *line;
        int code;
        const char *phrase;
        int known;
    } good[] = {
        { "SIP/2.0 200 OK", 200, "OK", 1 },
        { "SIP/2.0 200 OK\r\n", 200, "OK", 1 },
        { "SIP/2.0 200 OK\n", 200, "OK", 1 },
        { "SIP/2.0 200 OK\r", 200, "OK", 1 },
        { "sip/2.0 486 busy here", 486, "busy here", 1 },
        { "SIP/2.0 486 Busy", 486, "Busy", 1 },
        { "SIP/2.0 486 Decline", 486, "Decline", 0 },
        { "SIP/2.0 606 not acceptable", 606, "not acceptable", 1 },
        { "SIP/2.0 406 Not Acceptable", 406, "Not Acceptable", 1 },
        { "SIP/2.0 499 Not Today", 499, "Not Today", 0 },
        { "SIP/2.0 100 ", 100, "", 0 },
        { "SIP/2.0 100 \r\n", 100, "", 0 },
        { "SIP/2.0 183 Session\tProgress", 183, "Session\tProgress", 1 },
        { "SIP/2.0 180 R\xc3\xa9ing", 180, "R\xc3\xa9ing", 0 },
        { "SIP/2.0 699 \xff\xfe", 699, "\xff\xfe", 0 },
        { "SIP/2.0 503 SIP/2.0 200 OK", 503, "SIP/2.0 200 OK", 0 },
    };
    size_t i;

    for (i = 0; i < sizeof good / sizeof good[0]; i++) {
        struct sipcode_status_line sl;
        int err = parse_cstr(good[i].line, &sl);
        CHECK(err == 0, "\"%s\": error %d (%s)", good[i].line, err, sipcode_strerror(err));
        if (err)
            continue;
        CHECK(sl.code == good[i].code, "\"%s\": code %d", good[i].line, sl.code);
        CHECK(sl.phrase_len == strlen(good[i].phrase) &&
                  memcmp(sl.phrase, good[i].phrase, sl.phrase_len) == 0,
              "\"%s\": phrase", good[i].line);
        CHECK(sl.known == good[i].known, "\"%s\": known %d", good[i].line, sl.known);
    }
}

/* Marks err as produced, so that a test can check every parse error is
 * reachable; returns err. */
static int note_error(int seen[16], int err)
{
    if (err < 0 && err > -16)
        seen[-err] = 1;
    return err;
}

static void test_parse_errors(void)
{
    static const struct {
        const char *line;
        size_t len; /* 0: strlen */
        int err;
    } bad[] = {
        { "", 0, SIPCODE_E_VERSION },
        { "HTTP/1.1 200 OK", 0, SIPCODE_E_VERSION },
        { "SIP/2.1 200 OK", 0, SIPCODE_E_VERSION },
        { "SIP/2.01 200 OK", 0, SIPCODE_E_VERSION },
        { "SIP/20 200 OK", 0, SIPCODE_E_VERSION },
        { "SIP", 0, SIPCODE_E_VERSION },
        { " SIP/2.0 200 OK", 0, SIPCODE_E_VERSION },
        { "SIP/2.0", 0, SIPCODE_E_SPACE },
        { "SIP/2.0/UDP host", 0, SIPCODE_E_SPACE },
        { "SIP/2.0\t200 OK", 0, SIPCODE_E_SPACE },
        { "SIP/2.0 200", 0, SIPCODE_E_SPACE },
        { "SIP/2.0 200\r\n", 0, SIPCODE_E_SPACE },
        { "SIP/2.0 200OK", 0, SIPCODE_E_SPACE },
        { "SIP/2.0 200\tOK", 0, SIPCODE_E_SPACE },
        { "SIP/2.0 2000 OK", 0, SIPCODE_E_DIGITS },
        { "SIP/2.0 20 OK", 0, SIPCODE_E_DIGITS },
        { "SIP/2.0  200 OK", 0, SIPCODE_E_DIGITS },
        { "SIP/2.0 2a0 OK", 0, SIPCODE_E_DIGITS },
        { "SIP/2.0 -20 OK", 0, SIPCODE_E_DIGITS },
        { "SIP/2.0 ", 0, SIPCODE_E_DIGITS },
        { "SIP/2.0 099 Low", 0, SIPCODE_E_RANGE },
        { "SIP/2.0 000 Zero", 0, SIPCODE_E_RANGE },
        { "SIP/2.0 700 High", 0, SIPCODE_E_RANGE },
        { "SIP/2.0 999 High", 0, SIPCODE_E_RANGE },
        { "SIP/2.0 200 O\x01K", 0, SIPCODE_E_CONTROL },
        { "SIP/2.0 200 O\x7fK", 0, SIPCODE_E_CONTROL },
        { "SIP/2.0 200 OK\r\n\r\n", 0, SIPCODE_E_CONTROL },
        { "SIP/2.0 200 OK\nVia: x", 0, SIPCODE_E_CONTROL },
        { "SIP/2.0 200 O\0K", 16, SIPCODE_E_CONTROL },
        { "SIP/2.0 200 OK\0", 15, SIPCODE_E_CONTROL },
    };
    char *big;
    size_t i, big_len = 10u * 1024 * 1024;
    struct sipcode_status_line sl;
    int seen[16] = { 0 };

    for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        size_t len = bad[i].len ? bad[i].len : strlen(bad[i].line);
        int err = parse_exact(bad[i].line, len, &sl);
        CHECK(err == bad[i].err, "\"%s\": error %d (%s), expected %d (%s)", bad[i].line, err,
              sipcode_strerror(err), bad[i].err, sipcode_strerror(bad[i].err));
        note_error(seen, err);
    }
    CHECK(note_error(seen, sipcode_parse_status_line(NULL, 10, &sl)) == SIPCODE_E_NULL, "NULL line");
    CHECK(note_error(seen, sipcode_parse_status_line("SIP/2.0 200 OK", 14, NULL)) == SIPCODE_E_NULL,
          "NULL out");

    /* The length limit: SIPCODE_STATUS_LINE_MAX bytes pass, with or without
     * CRLF; one more does not; a huge length is refused unread. */
    big = malloc(big_len);
    CHECK(big != NULL, "malloc");
    if (!big)
        return;
    memcpy(big, "SIP/2.0 200 ", 12);
    memset(big + 12, 'x', big_len - 12);
    CHECK(parse_exact(big, SIPCODE_STATUS_LINE_MAX, &sl) == 0 &&
              sl.phrase_len == SIPCODE_STATUS_LINE_MAX - 12,
          "line of SIPCODE_STATUS_LINE_MAX bytes");
    memcpy(big + SIPCODE_STATUS_LINE_MAX, "\r\n", 2);
    CHECK(parse_exact(big, SIPCODE_STATUS_LINE_MAX + 2, &sl) == 0, "maximum line with CRLF");
    big[SIPCODE_STATUS_LINE_MAX] = 'x';
    big[SIPCODE_STATUS_LINE_MAX + 1] = 'x';
    CHECK(parse_exact(big, SIPCODE_STATUS_LINE_MAX + 1, &sl) == SIPCODE_E_TOO_LONG,
          "one byte over");
    CHECK(note_error(seen, sipcode_parse_status_line(big, big_len, &sl)) == SIPCODE_E_TOO_LONG,
          "10 MB line");
    CHECK(sipcode_parse_status_line(big, (size_t)-1, &sl) == SIPCODE_E_TOO_LONG, "SIZE_MAX");
    free(big);
    for (i = 1; i <= 7; i++)
        CHECK(seen[i], "error %d never produced", -(int)i);
}

static void test_strerror_and_spelling_of(void)
{
#define AS_VALUE(name, value, message) name,
#define AS_MESSAGE(name, value, message) message,
    static const int errs[] = { SIPCODE_ERRORS(AS_VALUE) };
    static const char *const messages[] = { SIPCODE_ERRORS(AS_MESSAGE) };
#undef AS_VALUE
#undef AS_MESSAGE
    size_t i, j;
    int lowest = 0;

    for (i = 0; i < sizeof errs / sizeof errs[0]; i++) {
        const char *m = sipcode_strerror(errs[i]);
        CHECK(m && *m && strcmp(m, "unknown error") != 0, "strerror(%d)", errs[i]);
        CHECK(m && strcmp(m, messages[i]) == 0, "strerror(%d) is \"%s\", the list says \"%s\"",
              errs[i], m ? m : "(null)", messages[i]);
        CHECK(errs[i] < 0, "error %d is not negative", errs[i]);
        lowest = errs[i] < lowest ? errs[i] : lowest;
        for (j = 0; j < i; j++)
            CHECK(errs[i] != errs[j] && strcmp(m, sipcode_strerror(errs[j])) != 0,
                  "errors %d and %d not distinct", errs[i], errs[j]);
    }
    CHECK(strcmp(sipcode_strerror(0), "success") == 0, "strerror(0)");
    CHECK(strcmp(sipcode_strerror(1), "unknown error") == 0, "strerror(1)");
    CHECK(strcmp(sipcode_strerror(lowest - 1), "unknown error") == 0, "strerror(%d)", lowest - 1);
    CHECK(strcmp(sipcode_strerror(INT_MIN), "unknown error") == 0, "strerror(INT_MIN)");
    CHECK(strcmp(sipcode_strerror(INT_MAX), "unknown error") == 0, "strerror(INT_MAX)");

    CHECK(sipcode_is_spelling_of(606, "not acceptable", 14), "606 not acceptable");
    CHECK(sipcode_is_spelling_of(406, "NOT-ACCEPTABLE", 14), "406 not acceptable");
    CHECK(sipcode_is_spelling_of(481, "Call Leg/Transaction Does Not Exist", 35), "481 alias");
    CHECK(!sipcode_is_spelling_of(486, "Decline", 7), "486 Decline");
    CHECK(!sipcode_is_spelling_of(499, "Busy", 4), "499 has no spellings");
    CHECK(!sipcode_is_spelling_of(486, NULL, 4), "NULL phrase");
    CHECK(!sipcode_is_spelling_of(INT_MIN, "Busy", 4), "INT_MIN");
}

static void test_is_registered_holes(void)
{
    static const int bad[] = { INT_MIN, -1, 0, 1, 99, 100 - 1, 700, 1000, INT_MAX };
    size_t i;
    int c;

    for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
        CHECK(sipcode_is_registered(bad[i]) == 0, "sipcode_is_registered(%d)", bad[i]);
    /* A code in range but not in the table is not registered, and acts as
     * its class's x00, which is. */
    for (c = 100; c <= 699; c++)
        if (sipcode_info(c) == NULL) {
            CHECK(!sipcode_is_registered(c), "%d is not in the table", c);
            CHECK(sipcode_is_registered(sipcode_effective(c)), "%d acts as %d, registered", c,
                  sipcode_effective(c));
        }
}

/* --------------------------------------------------------------- runner */

static CU_TestInfo table_tests[] = {
    { "rows round-trip code -> phrase -> code", test_rows_round_trip },
    { "registry shape", test_registry_shape },
    { "406/606 Not Acceptable rule", test_not_acceptable_rule },
    { "named constants", test_constants },
    CU_TEST_INFO_NULL,
};

static CU_TestInfo spelling_tests[] = {
    { "every spelling and its variants", test_every_spelling },
    { "every spelling with a byte's bit 5 flipped", test_case_bit_flips },
    { "every line of the seed document", test_seed_document },
    CU_TEST_INFO_NULL,
};

static CU_TestInfo range_tests[] = {
    { "every code in 100..699", test_every_code_in_range },
    { "ints outside 100..699", test_codes_outside_range },
    { "sipcode_is_registered", test_is_registered_holes },
    { "class and standing names", test_class_and_status_names },
    { "predicate macros", test_macros },
    CU_TEST_INFO_NULL,
};

static CU_TestInfo version_tests[] = {
    { "version macros and sipcode_version()", test_version },
    CU_TEST_INFO_NULL,
};

static CU_TestInfo bad_input_tests[] = {
    { "phrase lookups of bad input", test_phrase_bad_input },
    { "a letter or digit one bit off never matches", test_phrase_one_bit_off },
    CU_TEST_INFO_NULL,
};

static CU_TestInfo status_line_tests[] = {
    { "format -> parse round trip, every row and size", test_format_parse_round_trip },
    { "format of codes not in the table", test_format_bad_input },
    { "lines that parse", test_parse_good_lines },
    { "every parse error", test_parse_errors },
    { "strerror and spelling_of", test_strerror_and_spelling_of },
    CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
    { "table", NULL, NULL, NULL, NULL, table_tests },
    { "spellings", NULL, NULL, NULL, NULL, spelling_tests },
    { "ranges", NULL, NULL, NULL, NULL, range_tests },
    { "version", NULL, NULL, NULL, NULL, version_tests },
    { "bad input", NULL, NULL, NULL, NULL, bad_input_tests },
    { "status lines", NULL, NULL, NULL, NULL, status_line_tests },
    CU_SUITE_INFO_NULL,
};

int main(int argc, char **argv)
{
    if (argc > 1)
        data_dir = argv[1];
    return run_suites("test_sipcode", suites);
}
