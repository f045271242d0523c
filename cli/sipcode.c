/* SPDX-License-Identifier: MIT */
/* The sipcode tool: looks up SIP response codes and reason phrases, lists
 * the table, maps Q.850 causes, and counts the status lines in SIP traces.
 *
 * This file finds the command (the first argument that is not an option or
 * an option's value; lookups when it names no command), checks every option
 * against that command's own table (cli.h), wherever it stands, and runs the
 * command. The commands live in cli/cmd_lookup.c and cli/cmd_scan.c. */
#include "sipcode.h"

#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "json.h"

#define QUOTE_MAX 64 /* bytes of a bad argument echoed back in a message */

/* Lookups first: they run when the first operand names no command. */
static const struct command *const commands[] = { &cmd_lookup, &cmd_list, &cmd_q850, &cmd_scan,
                                                  &cmd_merge };
#define NCOMMANDS (sizeof commands / sizeof commands[0])

/* The command whose --help a usage message points to; NULL: the tool's. */
static const struct command *current;

static const char general_help[] =
    "Look up SIP response codes and reason phrases, map Q.850 causes, and count\n"
    "SIP responses in traces. 'sipcode COMMAND --help' shows one command.\n";

static const char exit_help[] =
    "Exit status: 0 success; 1 a code or phrase not in the table, or a file that\n"
    "cannot be read; 2 a usage error or a malformed argument (a code outside\n"
    "100..699, a cause outside 1..127).\n";

void put_quoted(FILE *f, const char *s)
{
    size_t n = strlen(s);

    fputc('"', f);
    text_escaped(f, s, n < QUOTE_MAX ? n : QUOTE_MAX);
    fputc('"', f);
    if (n > QUOTE_MAX)
        fprintf(f, " (%lu bytes, cut)", (unsigned long)n);
}

int usage_error(const char *what, const char *arg)
{
    fprintf(stderr, TOOL ": %s", what);
    if (arg) {
        fputc(' ', stderr);
        put_quoted(stderr, arg);
    }
    fprintf(stderr, "; try '" TOOL "%s%s --help'\n", current && current->name ? " " : "",
            current && current->name ? current->name : "");
    return 2;
}

int parse_number(const char *s, int *n)
{
    long v = 0;
    int digits = 0;

    while (*s == ' ')
        s++;
    for (; *s >= '0' && *s <= '9'; s++, digits++)
        if (v < 100000)
            v = v * 10 + (*s - '0');
    while (*s == ' ')
        s++;
    if (!digits || *s != '\0')
        return 0;
    *n = (int)v;
    return 1;
}

static void print_synopsis(const struct command *c, int *first)
{
    const char *p = c->synopsis, *eol;

    for (; *p; p = eol + 1) {
        eol = strchr(p, '\n');
        printf("%s" TOOL " %.*s\n", *first ? "usage: " : "       ", (int)(eol - p), p);
        *first = 0;
    }
}

/* sipcode --help: every command, what it does; sipcode CMD --help: that
 * one, with its options. */
static void print_usage(const struct command *only)
{
    size_t i;
    int first = 1;

    for (i = 0; i < NCOMMANDS; i++)
        if (!only || commands[i] == only)
            print_synopsis(commands[i], &first);
    if (!only)
        printf("       " TOOL " [COMMAND] --help\n       " TOOL " --version\n%s", general_help);
    for (i = 0; i < NCOMMANDS; i++)
        if (!only || commands[i] == only)
            fputs(commands[i]->about, stdout);
    if (only)
        fputs(only->options_help, stdout);
    fputs("  -h, --help    show this help\n", stdout);
    if (!only)
        fputs("  --json        JSON instead of tab-separated lines (each command's --help\n"
              "                says what it holds)\n"
              "  -H            with lookups and list: no header line above the rows\n"
              "  --version     show the version and the IANA registry date of the table\n",
              stdout);
    fputs(exit_help, stdout);
}

/* The option of table named by arg ("--class", "-i", or "--class=..." for
 * one with a value, then *inline_value points after the '='); NULL. */
static const struct cmd_option *find_option(const struct cmd_option *o, const char *arg,
                                            const char **inline_value)
{
    size_t n;

    *inline_value = NULL;
    for (; o->name; o++) {
        n = strlen(o->name);
        if (strcmp(arg, o->name) == 0 || (o->alias && strcmp(arg, o->alias) == 0))
            return o;
        if (o->value && strncmp(arg, o->name, n) == 0 && arg[n] == '=') {
            *inline_value = arg + n + 1;
            return o;
        }
    }
    return NULL;
}

/* An option the command does not take: which commands do, or unknown. */
static int misplaced_option(const char *arg)
{
    char msg[160];
    const char *takers[NCOMMANDS], *value, *with_value = NULL;
    const struct cmd_option *o = NULL, *found;
    size_t i, n = 0, len;

    for (i = 0; i < NCOMMANDS; i++) {
        found = find_option(commands[i]->options, arg, &value);
        if (found) {
            o = found;
            with_value = value;
            takers[n++] = commands[i]->name ? commands[i]->name : "lookups";
        }
    }
    if (!o)
        return usage_error(strcmp(arg, "--version") == 0 ? "--version takes no other argument"
                                                          : "unknown option",
                           strcmp(arg, "--version") == 0 ? NULL : arg);
    /* As typed, unless a value came with it. */
    snprintf(msg, sizeof msg, "%s goes with ", with_value ? o->name : arg);
    for (i = 0; i < n; i++) {
        len = strlen(msg);
        snprintf(msg + len, sizeof msg - len, "%s%s", i == 0 ? "" : i + 1 < n ? ", " : " and ",
                 takers[i]);
    }
    len = strlen(msg);
    snprintf(msg + len, sizeof msg - len, " only");
    return usage_error(msg, NULL);
}

/* Whether arg is an option of some command that takes a value, so that the
 * next argument is its value and not the command word. */
static int takes_value(const char *arg)
{
    const char *inline_value;
    const struct cmd_option *o;
    size_t i;

    for (i = 0; i < NCOMMANDS; i++) {
        o = find_option(commands[i]->options, arg, &inline_value);
        if (o && o->value && !inline_value)
            return 1;
    }
    return 0;
}

/* The command and where its word stands (0: lookups, which have none). */
static const struct command *find_command(int argc, char **argv, int *at)
{
    int i;
    size_t c;

    *at = 0;
    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--") == 0)
            break;
        if (a[0] == '-' && a[1] != '\0') {
            i += takes_value(a);
            continue;
        }
        for (c = 1; c < NCOMMANDS; c++) {
            if (strcmp(a, commands[c]->name) == 0) {
                *at = i;
                return commands[c];
            }
        }
        break;
    }
    return &cmd_lookup;
}

/* Finds the command, checks and records each option wherever it stands,
 * and runs the command on the rest (into ops, room for argc); the exit
 * status. */
static int run(int argc, char **argv, char **ops)
{
    const struct command *cmd;
    int i, i_command, nops = 0, status = 0, options_done = 0, help = 0;

    cmd = current = find_command(argc, argv, &i_command);
    for (i = 1; i < argc && status == 0; i++) {
        const char *a = argv[i], *value;
        const struct cmd_option *o;
        if (i == i_command)
            continue;
        if (options_done || a[0] != '-' || a[1] == '\0') {
            ops[nops++] = argv[i];
        } else if (strcmp(a, "--") == 0) {
            options_done = 1;
        } else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            help = 1;
        } else if (!(o = find_option(cmd->options, a, &value))) {
            status = misplaced_option(a);
        } else if (o->value && !value && i + 1 >= argc) {
            char msg[80];
            snprintf(msg, sizeof msg, "%s needs %s", a, o->value);
            status = usage_error(msg, NULL);
        } else if (o->flag) {
            *o->flag = 1;
        } else {
            status = o->set(o->value && !value ? argv[++i] : value);
        }
    }
    if (status != 0)
        return status;
    if (help) {
        print_usage(cmd == &cmd_lookup && nops == 0 ? NULL : cmd);
        return 0;
    }
    return cmd->run(ops, nops);
}

int main(int argc, char **argv)
{
    char **ops = malloc((size_t)argc * sizeof *ops);
    int status = 0;

    if (!ops) {
        fprintf(stderr, TOOL ": out of memory\n");
        return 1;
    }
    if (argc == 2 && strcmp(argv[1], "--version") == 0) {
        printf(TOOL " %s (library %s), table checked against the IANA registry of %s, %d codes",
               SIPCODE_VERSION, sipcode_version(), SIPCODE_REGISTRY_DATE, SIPCODE_COUNT);
        if (SIPCODE_LOCAL_COUNT)
            printf(" (%d local)", SIPCODE_LOCAL_COUNT);
        putchar('\n');
    } else {
        status = run(argc, argv, ops);
    }
    free(ops);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, TOOL ": cannot write the output\n");
        return status ? status : 1;
    }
    return status;
}
