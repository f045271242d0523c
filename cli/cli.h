/* SPDX-License-Identifier: MIT */
/* The commands of the sipcode tool, and what they share: each command owns
 * its options and its usage text; cli/sipcode.c finds the command, walks
 * the arguments with that command's option table, and runs it.
 *
 * Exit status: 0 on success, 1 when a looked-up code or phrase is unknown or
 * a file cannot be read, 2 on a usage error. Results go to stdout; problems
 * go to stderr, one line each. */
#ifndef SIPCODE_CLI_H
#define SIPCODE_CLI_H

#include <stdio.h>

#define TOOL "sipcode"

/* An option of a command. A long option with a value takes it as the next
 * argument or after '=' (--class=4xx); a value may start with '-'. */
struct cmd_option {
    const char *name;  /* "--class" */
    const char *alias; /* "-i", or NULL */
    const char *value; /* its value as a message names it ("a NAME"); NULL for a flag */
    int *flag;         /* a flag without more to it: set to 1, and set is NULL */
    /* Records the option; 0, or 2 after a usage_error(). value is NULL for a flag. */
    int (*set)(const char *value);
};

struct command {
    const char *name;     /* the command word; NULL for lookups, which have none */
    const char *synopsis; /* its usage lines, each without "sipcode " in front */
    const char *about;    /* what it does, for its --help and the tool's */
    const char *options_help; /* its options, for its --help */
    const struct cmd_option *options; /* ended by an option without a name; --help is implied */
    /* Runs it on its operands (the arguments that are not options). */
    int (*run)(char **operands, int n);
};

extern const struct command cmd_lookup, cmd_list, cmd_q850; /* cli/cmd_lookup.c */
extern const struct command cmd_scan, cmd_merge;            /* cli/cmd_scan.c */

/* A usage message on one line, "sipcode: WHAT "ARG"; try 'sipcode CMD
 * --help'" (arg NULL: no ARG); returns 2, the exit status of a usage error. */
int usage_error(const char *what, const char *arg);

/* A bad argument in a message: quoted, escaped, cut at 64 bytes. */
void put_quoted(FILE *f, const char *s);

/* A number argument: digits, with spaces around them allowed (" 486 " as
 * pasted from a log); its value, capped so that a long run of digits cannot
 * overflow (anything over 99999 is no code, cause or duration anyway).
 * 0 when s is no number. */
int parse_number(const char *s, int *n);

#endif
