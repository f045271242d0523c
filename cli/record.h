/* SPDX-License-Identifier: MIT */
/* One printer for the records the tool prints (a code, a Q.850 cause, a
 * code seen by scan), as a tab-separated line or as a JSON object. Each kind
 * of record is one table of fields (cli/fields.c): a field's name is its JSON
 * member and the header of its text column, so the header line, the text
 * rows and the JSON objects, those of an unknown code included, cannot
 * drift apart. */
#ifndef SIPCODE_RECORD_H
#define SIPCODE_RECORD_H

/* What one record is about. */
struct row {
    const char *query;        /* the argument that asked for it; NULL for none */
    int number;               /* a SIP code or a Q.850 cause; 0 when it names none */
    unsigned flags;           /* SIPCODE_Q850_* flags, for a cause */
    unsigned long long count; /* times seen, for scan */
};

enum value_kind {
    VALUE_OMIT,   /* no member, e.g. "query" in list */
    VALUE_NULL,   /* JSON null; "-" in text unless text says otherwise */
    VALUE_BOOL,
    VALUE_INT,
    VALUE_COUNT,
    VALUE_STRING
};

#define VALUE_TEXT_MAX 160 /* room for a text a field formats */

struct value {
    enum value_kind kind;
    long long n;              /* VALUE_BOOL (0 or 1), VALUE_INT */
    unsigned long long count; /* VALUE_COUNT */
    const char *s;            /* VALUE_STRING */
    const char *text;         /* the text column when it says more than the value; or NULL */
    char buf[VALUE_TEXT_MAX]; /* where a field may format s or text */
};

struct field {
    const char *name; /* JSON member, and the header of the text column */
    int column;       /* 1: a column of the text row as well; 0: JSON only */
    void (*get)(const struct row *row, struct value *v);
};

/* The field tables, each ended by a field without a name. */
extern const struct field code_fields[];      /* lookups and list */
extern const struct field q850_fields[];      /* q850 */
extern const struct field scan_code_fields[]; /* a code in scan's JSON */

/* The names of the text columns, tab-separated, and a line end. */
void print_header(const struct field *fields);

/* The text columns of a row, tab-separated, and a line end. */
void print_text(const struct field *fields, const struct row *row);

/* The members of a row as JSON, "name": value, comma-separated, without the
 * braces around them. */
void print_members(const struct field *fields, const struct row *row);

/* print_members() in braces: one JSON object, without a line end. */
void print_json(const struct field *fields, const struct row *row);

#endif
