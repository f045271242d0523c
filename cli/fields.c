/* SPDX-License-Identifier: MIT */
/* The fields of each kind of record the tool prints (record.h): the table
 * says which members a JSON object has and in which order, and which of
 * them are the columns of a text row. A getter gives null for what a row
 * lacks, so the object of an unknown code or cause is the same table's,
 * with every value null. */
#include "record.h"

#include <stdio.h>

#include "sipcode.h"

/* A text the tool prints beside a number: what a code means (codes.csv's
 * meaning column) or what RFC 3398 has a gateway do for a cause it answers
 * with no status (q850.csv's note). Both tables are generated in this shape
 * so that one lookup serves them. */
struct keyed_text {
    int key;
    const char *text;
};
#include "meanings.inc"
#include "q850_notes.inc"

/* What the text says for a row imported from the registry whose meaning
 * nobody has written yet (JSON gives null). */
#define NO_MEANING "no description yet"

/* The text of key in table[0..n), or NULL: the tables are a few dozen rows. */
static const char *text_of(const struct keyed_text *table, size_t n, int key)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (table[i].key == key)
            return table[i].text;
    return NULL;
}

#define TEXT_OF(table, key) text_of((table), sizeof (table) / sizeof (table)[0], (key))

static void set_int(struct value *v, long long n)
{
    v->kind = VALUE_INT;
    v->n = n;
}

static void set_bool(struct value *v, int yes)
{
    v->kind = VALUE_BOOL;
    v->n = yes != 0;
}

/* A string, or null for NULL. */
static void set_string(struct value *v, const char *s)
{
    v->kind = s ? VALUE_STRING : VALUE_NULL;
    v->s = s;
}

static void get_query(const struct row *r, struct value *v)
{
    if (r->query)
        set_string(v, r->query);
    else
        v->kind = VALUE_OMIT;
}

static void get_count(const struct row *r, struct value *v)
{
    v->kind = VALUE_COUNT;
    v->count = r->count;
}

/* ---------------------------------------------------------------- a SIP code
 * row->number is a code in the table, a code in 100..699 that is not, or 0
 * for a query that names no code. */

static void get_code(const struct row *r, struct value *v)
{
    if (SIPCODE_IS_VALID(r->number))
        set_int(v, r->number);
}

static void get_phrase(const struct row *r, struct value *v)
{
    set_string(v, sipcode_phrase(r->number));
}

static void get_class(const struct row *r, struct value *v)
{
    set_string(v, sipcode_class_name(sipcode_class(r->number)));
}

static void get_registered(const struct row *r, struct value *v)
{
    set_bool(v, sipcode_is_registered(r->number));
}

static void get_reference(const struct row *r, struct value *v)
{
    const struct sipcode_info *info = sipcode_info(r->number);

    if (info && info->rfc) {
        snprintf(v->buf, sizeof v->buf, "RFC%u", (unsigned)info->rfc);
        set_string(v, v->buf);
    }
}

static void get_standing(const struct row *r, struct value *v)
{
    const struct sipcode_info *info = sipcode_info(r->number);

    if (info)
        set_string(v, sipcode_standing_name(info->standing));
    else if (SIPCODE_IS_VALID(r->number))
        v->text = "not in the table";
}

static void get_final(const struct row *r, struct value *v)
{
    if (SIPCODE_IS_VALID(r->number))
        set_bool(v, SIPCODE_IS_FINAL(r->number));
}

static void get_effective(const struct row *r, struct value *v)
{
    int eff = sipcode_effective(r->number);

    if (eff > 0)
        set_int(v, eff);
}

/* The Q.850 cause RFC 3398 recommends for a failure code. */
static void get_to_q850(const struct row *r, struct value *v)
{
    int cause = sipcode_to_q850(r->number);

    if (cause > 0) {
        set_int(v, cause);
        snprintf(v->buf, sizeof v->buf, "Q.850 %d", cause);
        v->text = v->buf;
    }
}

static void get_meaning(const struct row *r, struct value *v)
{
    int eff = sipcode_effective(r->number);

    set_string(v, TEXT_OF(meanings, r->number));
    if (sipcode_info(r->number)) {
        if (!v->s)
            v->text = NO_MEANING;
    } else if (eff > 0) {
        snprintf(v->buf, sizeof v->buf, "A user agent treats it as %d %s (RFC 3261 section 8.1.3.2).", eff,
                sipcode_phrase(eff));
        v->text = v->buf;
    }
}

const struct field code_fields[] = {
    { "query", 0, get_query },
    { "code", 1, get_code },
    { "phrase", 1, get_phrase },
    { "class", 1, get_class },
    { "registered", 0, get_registered },
    { "reference", 1, get_reference },
    { "standing", 1, get_standing },
    { "final", 0, get_final },
    { "effective", 0, get_effective },
    { "q850", 1, get_to_q850 },
    { "meaning", 1, get_meaning },
    { NULL, 0, NULL }
};

/* JSON only (scan's text rows are its own): the count of a code follows
 * the code. */
const struct field scan_code_fields[] = {
    { "code", 0, get_code },
    { "count", 0, get_count },
    { "phrase", 0, get_phrase },
    { "class", 0, get_class },
    { "registered", 0, get_registered },
    { NULL, 0, NULL }
};

/* ---------------------------------------------------------------- a Q.850 cause
 * row->number is a cause in 1..127 and row->flags what the caller knows of
 * the release, or 0 for a query that names no cause. */

static int status_of(const struct row *r)
{
    return r->number ? sipcode_from_q850(r->number, r->flags) : 0;
}

static void get_cause(const struct row *r, struct value *v)
{
    if (r->number >= 1 && r->number <= 127)
        set_int(v, r->number);
}

static void get_cause_name(const struct row *r, struct value *v)
{
    set_string(v, sipcode_q850_name(r->number));
    if (!v->s)
        v->text = "(not defined by Q.850)";
}

static void get_status(const struct row *r, struct value *v)
{
    if (status_of(r) > 0)
        set_int(v, status_of(r));
}

/* The text column says why there is no status. */
static void get_status_phrase(const struct row *r, struct value *v)
{
    const char *note = TEXT_OF(q850_notes, r->number);

    if (status_of(r) > 0) {
        set_string(v, sipcode_phrase(status_of(r)));
    } else {
        snprintf(v->buf, sizeof v->buf, "no SIP status%s%s", note ? ": " : "", note ? note : "");
        v->text = v->buf;
    }
}

static void get_note(const struct row *r, struct value *v)
{
    if (status_of(r) <= 0)
        set_string(v, TEXT_OF(q850_notes, r->number));
}

const struct field q850_fields[] = {
    { "query", 0, get_query },
    { "cause", 1, get_cause },
    { "name", 1, get_cause_name },
    { "status", 1, get_status },
    { "phrase", 1, get_status_phrase },
    { "note", 0, get_note },
    { NULL, 0, NULL }
};
