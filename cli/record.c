/* SPDX-License-Identifier: MIT */
/* The record printer of record.h: each field's value once, written as text
 * or as JSON. */
#include "record.h"

#include <stdio.h>
#include <string.h>

#include "json.h"

static void value_of(const struct field *f, const struct row *row, struct value *v)
{
    v->kind = VALUE_NULL;
    v->n = 0;
    v->count = 0;
    v->s = NULL;
    v->text = NULL;
    v->buf[0] = '\0';
    f->get(row, v);
}

/* A value as text (null as "-") or as JSON. */
static void print_value(const struct value *v, int json)
{
    if (v->kind == VALUE_INT)
        printf("%lld", v->n);
    else if (v->kind == VALUE_COUNT)
        printf("%llu", v->count);
    else if (v->kind == VALUE_BOOL)
        fputs(v->n ? (json ? "true" : "yes") : (json ? "false" : "no"), stdout);
    else if (v->kind == VALUE_STRING && json)
        json_string(stdout, v->s, strlen(v->s));
    else if (v->kind == VALUE_STRING)
        text_escaped(stdout, v->s, strlen(v->s));
    else
        fputs(json ? "null" : "-", stdout);
}

void print_header(const struct field *fields)
{
    const char *sep = "";

    for (; fields->name; fields++) {
        if (fields->column) {
            printf("%s%s", sep, fields->name);
            sep = "\t";
        }
    }
    putchar('\n');
}

void print_text(const struct field *fields, const struct row *row)
{
    const char *sep = "";
    struct value v;

    for (; fields->name; fields++) {
        if (!fields->column)
            continue;
        value_of(fields, row, &v);
        fputs(sep, stdout);
        sep = "\t";
        if (v.text)
            fputs(v.text, stdout);
        else
            print_value(&v, 0);
    }
    putchar('\n');
}

void print_members(const struct field *fields, const struct row *row)
{
    const char *sep = "";
    struct value v;

    for (; fields->name; fields++) {
        value_of(fields, row, &v);
        if (v.kind == VALUE_OMIT)
            continue;
        printf("%s\"%s\": ", sep, fields->name);
        sep = ", ";
        print_value(&v, 1);
    }
}

void print_json(const struct field *fields, const struct row *row)
{
    putchar('{');
    print_members(fields, row);
    putchar('}');
}
