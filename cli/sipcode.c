/* The sipcode tool: looks up SIP response codes and reason phrases.
 *
 *   sipcode CODE|PHRASE...
 *
 * Exit status: 0 when every argument was found, 1 when one was not, 2 on a
 * usage error. Results go to stdout, one line per argument; problems go to
 * stderr, one line each. */
#include "sipcode.h"

#include <stdio.h>
#include <string.h>

#define TOOL "sipcode"
#define QUOTE_MAX 64 /* bytes of a bad argument echoed back in a message */

static const char usage_text[] =
    "usage: " TOOL " [--] CODE|PHRASE...\n"
    "Look up SIP response codes and reason phrases.\n"
    "  CODE     a number, e.g. 486: prints its phrase, class, RFC and status\n"
    "  PHRASE   a reason phrase in any known spelling, e.g. \"busy here\"\n"
    "  --help     show this help\n"
    "  --version  show the version and the IANA registry date of the table\n"
    "Exit status: 0 found, 1 not found, 2 usage error.\n";

/* Writes s to f as printable ASCII: other bytes as \xNN, cut at QUOTE_MAX. */
static void put_quoted(FILE *f, const char *s)
{
    size_t i, n = strlen(s);

    fputc('"', f);
    for (i = 0; i < n && i < QUOTE_MAX; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\')
            fputc(c, f);
        else
            fprintf(f, "\\x%02x", c);
    }
    fputc('"', f);
    if (n > QUOTE_MAX)
        fprintf(f, " (%lu bytes, cut)", (unsigned long)n);
}

/* A CODE argument is all digits; its value, capped so that a long run of
 * digits cannot overflow (anything over 999 is no code anyway). */
static int parse_code(const char *s, int *code)
{
    long v = 0;

    if (*s == '\0')
        return 0;
    for (; *s; s++) {
        if (*s < '0' || *s > '9')
            return 0;
        if (v < 100000)
            v = v * 10 + (*s - '0');
    }
    *code = (int)v;
    return 1;
}

static void print_row(const struct sipcode_info *info)
{
    printf("%d\t%s\t%s\tRFC%u\t%s\n", info->code, sipcode_phrase(info->code),
           sipcode_class_name((enum sipcode_class)info->cls), (unsigned)info->rfc,
           sipcode_status_name((enum sipcode_status)info->status));
}

static int lookup_code(const char *arg, int code)
{
    const struct sipcode_info *info = sipcode_info(code);
    int eff;

    if (info) {
        print_row(info);
        return 0;
    }
    fprintf(stderr, TOOL ": ");
    if (!SIPCODE_IS_VALID(code)) {
        put_quoted(stderr, arg);
        fprintf(stderr, " is not a SIP response code (100..699)\n");
        return 1;
    }
    eff = sipcode_effective(code);
    fprintf(stderr, "%d is not in the table; it is %s, and a user agent treats it as %d %s\n",
            code, sipcode_class_name(sipcode_class(code)), eff, sipcode_phrase(eff));
    return 1;
}

static int lookup_phrase(const char *arg)
{
    int code = sipcode_from_phrase(arg, strlen(arg));

    if (code) {
        print_row(sipcode_info(code));
        return 0;
    }
    fprintf(stderr, TOOL ": no code has the reason phrase ");
    put_quoted(stderr, arg);
    fputc('\n', stderr);
    return 1;
}

int main(int argc, char **argv)
{
    int i = 1, status = 0;

    if (argc > 1 && strcmp(argv[1], "--help") == 0) {
        fputs(usage_text, stdout);
        return 0;
    }
    if (argc > 1 && strcmp(argv[1], "--version") == 0) {
        printf(TOOL " table of the IANA registry of %s, %d codes\n", SIPCODE_REGISTRY_DATE,
               SIPCODE_COUNT);
        return 0;
    }
    if (argc > 1 && strcmp(argv[1], "--") == 0)
        i = 2;
    else if (argc > 1 && argv[1][0] == '-' && argv[1][1] != '\0') {
        fprintf(stderr, TOOL ": unknown option ");
        put_quoted(stderr, argv[1]);
        fprintf(stderr, "; try '" TOOL " --help'\n");
        return 2;
    }
    if (i >= argc) {
        fprintf(stderr, TOOL ": no CODE or PHRASE given; try '" TOOL " --help'\n");
        return 2;
    }
    for (; i < argc; i++) {
        int code;
        if (parse_code(argv[i], &code))
            status |= lookup_code(argv[i], code);
        else
            status |= lookup_phrase(argv[i]);
    }
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, TOOL ": cannot write the output\n");
        return 1;
    }
    return status;
}
