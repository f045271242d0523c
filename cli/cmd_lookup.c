/* SPDX-License-Identifier: MIT */
/* The commands about the table itself: lookups of codes and phrases, list,
 * and q850. Their rows come from the field tables of cli/fields.c. */
#include "sipcode.h"

#include <string.h>

#include "cli.h"
#include "record.h"

/* The options of these commands; each command's table says which it takes. */
static int json;
static int no_header;    /* -H: no header line above the text rows */
static int class_wanted; /* list --class: a class, 1..6; 0 for all */
static int location_user, new_number; /* q850: what the caller knows of the release */

/* one(arg) for each operand: 1 when any answer was 1; a usage error (none)
 * when there is no operand. */
static int each(char **ops, int n, int (*one)(const char *), const char *none)
{
    int i, status = 0;

    if (n == 0)
        return usage_error(none, NULL);
    for (i = 0; i < n; i++) {
        int one_status = one(ops[i]);

        if (one_status > status)
            status = one_status;
    }
    return status;
}

/* The header line, once, above the first text row (not above a message
 * that no code was found); q850 has none. */
static void print_text_row(const struct field *fields, const struct row *row)
{
    static int done;

    if (!no_header && !done && fields != q850_fields)
        print_header(fields);
    done = 1;
    print_text(fields, row);
}

/* The answer to one query: its JSON object on a line of its own, that of
 * a query naming nothing too (every value null); or its text row, none for
 * a query naming nothing (row->number 0: a message says so). */
static void print_answer(const struct field *fields, const struct row *row)
{
    if (json) {
        print_json(fields, row);
        putchar('\n');
    } else if (row->number) {
        print_text_row(fields, row);
    }
}

/* ---------------------------------------------------------------- lookups */

/* A found code, one in 100..699 that is not in the table, or 0 for none. */
static void print_code(int code, const char *query)
{
    struct row row = { NULL, 0, 0, 0 };

    row.query = query;
    row.number = code;
    print_answer(code_fields, &row);
}

static int lookup(const char *arg)
{
    int code = 0;
    /* A negative number is a malformed code, not a phrase. */
    const char *minus = arg + strspn(arg, " ");
    int number = *minus == '-' ? parse_number(minus + 1, &code) : parse_number(arg, &code);

    if (*minus == '-')
        code = -1;
    if (number) {
        if (sipcode_info(code)) {
            print_code(code, arg);
            return 0;
        }
        if (SIPCODE_IS_VALID(code)) {
            print_code(code, arg);
            fprintf(stderr, TOOL ": %d is not in the table; it is %s, and a user agent treats "
                            "it as %d %s\n",
                    code, sipcode_class_name(sipcode_class(code)), sipcode_effective(code),
                    sipcode_phrase(sipcode_effective(code)));
            return 1;
        }
        print_code(0, arg);
        fprintf(stderr, TOOL ": ");
        put_quoted(stderr, arg);
        fprintf(stderr, " is not a SIP response code (100..699)\n");
        return 2;
    }
    code = sipcode_from_phrase(arg, strlen(arg));
    print_code(code, arg);
    if (code)
        return 0;
    fprintf(stderr, TOOL ": no code has the reason phrase ");
    put_quoted(stderr, arg);
    fputc('\n', stderr);
    return 1;
}

static int run_lookup(char **ops, int n)
{
    return each(ops, n, lookup, "no CODE, PHRASE or command given");
}

static const struct cmd_option lookup_options[] = {
    { "--json", NULL, NULL, &json, NULL },
    { "--no-header", "-H", NULL, &no_header, NULL },
    { NULL, NULL, NULL, NULL, NULL }
};

const struct command cmd_lookup = {
    NULL,
    "[--json] [-H] [--] CODE|PHRASE...\n",
    "  CODE          a number, e.g. 486: its phrase, class, RFC, standing, the Q.850\n"
    "                cause RFC 3398 releases a call with, and meaning; for a code not\n"
    "                in the table, its class and the code a user agent treats it as\n"
    "                (RFC 3261 section 8.1.3.2)\n"
    "  PHRASE        a reason phrase in any known spelling, e.g. \"busy here\"\n",
    "  --json        a JSON object a line instead of tab-separated lines\n"
    "  -H, --no-header  no header line above the rows\n"
    "  --            end of options: the next arguments are CODEs or PHRASEs, even\n"
    "                one that starts with '-' or names a command\n",
    lookup_options, run_lookup
};

/* ---------------------------------------------------------------- list */

/* --class takes a class name in any case and punctuation ("Client Error",
 * client-error) or its range (4xx); 0 when it names none. */
static int parse_class(const char *name)
{
    int c;

    if (name[0] >= '1' && name[0] <= '6' && (name[1] | 0x20) == 'x' && (name[2] | 0x20) == 'x' &&
        name[3] == '\0')
        return name[0] - '0';
    for (c = 1; c <= 6; c++) {
        const char *want = sipcode_class_name((enum sipcode_class)c), *p = name;
        for (; *want; want++) {
            if (*want == ' ')
                continue;
            while (*p == ' ' || *p == '-' || *p == '_')
                p++;
            if ((*p | 0x20) != (*want | 0x20))
                break;
            p++;
        }
        if (*want == '\0' && *p == '\0')
            return c;
    }
    return 0;
}

static int set_class(const char *value)
{
    class_wanted = parse_class(value);
    return class_wanted ? 0 : usage_error("unknown class", value);
}

static int run_list(char **ops, int n)
{
    struct row row = { NULL, 0, 0, 0 };
    int code;
    const char *sep = "\n  ";

    if (n > 0)
        return usage_error("list takes no arguments, got", ops[0]);
    if (json)
        printf("{\"codes\": [");
    for (code = 100; code <= 699; code++) {
        if (!sipcode_info(code) ||
            (class_wanted && sipcode_class(code) != (enum sipcode_class)class_wanted))
            continue;
        row.number = code;
        if (json) {
            fputs(sep, stdout);
            sep = ",\n  ";
            print_json(code_fields, &row);
        } else {
            print_text_row(code_fields, &row);
        }
    }
    if (json)
        printf("%s]}\n", sep[0] == ',' ? "\n" : "");
    return 0;
}

static const struct cmd_option list_options[] = {
    { "--json", NULL, NULL, &json, NULL },
    { "--no-header", "-H", NULL, &no_header, NULL },
    { "--class", NULL, "a NAME", NULL, set_class },
    { NULL, NULL, NULL, NULL, NULL }
};

const struct command cmd_list = {
    "list",
    "[--json] [-H] list [--class NAME]\n",
    "  list          the whole table in the form of lookups, or one class\n",
    "  --class NAME  only the class NAME: \"Client Error\", client-error, 4xx, ...\n"
    "  --json        {\"codes\": [...]} instead of tab-separated lines\n"
    "  -H, --no-header  no header line above the rows\n",
    list_options, run_list
};

/* ---------------------------------------------------------------- q850 */

static int q850(const char *arg)
{
    struct row row = { NULL, 0, 0, 0 };
    int cause;
    int ok = parse_number(arg, &cause) && cause >= 1 && cause <= 127;

    row.query = arg;
    row.number = ok ? cause : 0;
    row.flags = (location_user ? SIPCODE_Q850_LOCATION_USER : 0u) |
                (new_number ? SIPCODE_Q850_NEW_NUMBER : 0u);
    print_answer(q850_fields, &row);
    if (ok)
        return 0;
    fprintf(stderr, TOOL ": ");
    put_quoted(stderr, arg);
    fprintf(stderr, " is not a Q.850 cause value (1..127)\n");
    return 2;
}

static int run_q850(char **ops, int n)
{
    return each(ops, n, q850, "q850 needs a CAUSE");
}

static const struct cmd_option q850_options[] = {
    { "--json", NULL, NULL, &json, NULL },
    { "--location-user", NULL, NULL, &location_user, NULL },
    { "--new-number", NULL, NULL, &new_number, NULL },
    { NULL, NULL, NULL, NULL, NULL }
};

const struct command cmd_q850 = {
    "q850",
    "[--json] q850 [--location-user] [--new-number] CAUSE...\n",
    "  q850          the SIP status RFC 3398 recommends for an ISDN/ISUP (Q.850)\n"
    "                cause value 1..127, or why it gives none\n",
    "  --location-user  the cause location is the user: 21 gives 603, not 403\n"
    "  --new-number  the diagnostic holds a new number: 22 gives 301, not 410\n"
    "  --json        a JSON object a line instead of tab-separated lines\n",
    q850_options, run_q850
};
