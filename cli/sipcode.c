/* SPDX-License-Identifier: MIT */
/* The sipcode tool: looks up SIP response codes and reason phrases, lists
 * the table, and counts the status lines in SIP traces.
 *
 * Exit status: 0 on success, 1 when a looked-up code or phrase is unknown or
 * a file cannot be read, 2 on a usage error. Results go to stdout; problems
 * go to stderr, one line each. */
#include "sipcode.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "capture.h"
#include "json.h"
#include "oc_report.h"
#include "outcomes.h"
#include "phrase_kind.h"
#include "report.h"
#include "scan.h"

#define TOOL "sipcode"
#define QUOTE_MAX 64 /* bytes of a bad argument echoed back in a message */
#define PCAP_WHY_MAX 512 /* a reason from libpcap, with room around it */

struct meaning {
    int code;
    const char *text;
};
#include "meanings.inc"

static const char usage_text[] =
    "usage: " TOOL " [--json] [-H] CODE|PHRASE...\n"
    "       " TOOL " [--json] [-H] list [--class NAME]\n"
    "       " TOOL " [--json] scan [FILE...]\n"
    "       " TOOL " [--json] scan -i IFACE [--duration SECONDS]\n"
    "       " TOOL " [--json] merge SUMMARY.json...\n"
    "       " TOOL " scan --records [FILE...|-i IFACE]\n"
    "       " TOOL " [--json] q850 [--location-user] [--new-number] CAUSE...\n"
    "Look up SIP response codes and reason phrases, and count them in SIP traces.\n"
    "  CODE          a number, e.g. 486: its phrase, class, RFC, standing and meaning;\n"
    "                for a code not in the table, its class and the code a user\n"
    "                agent treats it as (RFC 3261 section 8.1.3.2)\n"
    "  PHRASE        a reason phrase in any known spelling, e.g. \"busy here\"\n"
    "  list          the whole table, or one class (--class \"Client Error\", 4xx, ...)\n"
    "  scan          count SIP messages in packet captures (pcap, pcapng) or text\n"
    "                traces, from FILEs or standard input ('-'): responses per code\n"
    "                with the other phrases seen for each; for captures also\n"
    "                requests per method, transports, retransmissions and what\n"
    "                could not be decoded; -i IFACE captures live (needs the\n"
    "                right to capture) until --duration SECONDS or Ctrl-C;\n"
    "                --records adds a row per message of a capture: time,\n"
    "                transport, addresses, start line, CSeq, Call-ID, branch,\n"
    "                tags, Reason, Warning\n"
    "                for captures, transactions, call outcomes and RFC 6076\n"
    "                metrics: --by src|dst|uri-domain, --top N, --interval SECONDS,\n"
    "                --format text|json|csv|prometheus, --max-calls N,\n"
    "                --max-transactions N (see sipcode(1))\n"
    "  merge         add up JSON summaries of scans into one\n"
    "  q850          the SIP status RFC 3398 recommends for an ISDN/ISUP (Q.850)\n"
    "                cause value 1..127; --location-user (cause location is the\n"
    "                user) and --new-number (diagnostic holds a new number) give\n"
    "                the RFC's exceptions for causes 21 and 22\n"
    "  --json        print JSON instead of tab-separated lines\n"
    "  -H            no header line above the rows of lookups and list\n"
    "  -h, --help    show this help\n"
    "  --version     show the version and the IANA registry date of the table\n"
    "  --            end of options: the next arguments are CODEs or PHRASEs\n"
    "Exit status: 0 success, 1 unknown code or phrase or unreadable file, 2 usage error.\n";

static int json;
static int header = 1; /* -H: no header line above the rows of lookups and list */
static int records; /* scan --records: a row per SIP message as well */

/* A bad argument in a message: quoted, escaped, cut at QUOTE_MAX bytes. */
static void put_quoted(FILE *f, const char *s)
{
    size_t n = strlen(s);

    fputc('"', f);
    text_escaped(f, s, n < QUOTE_MAX ? n : QUOTE_MAX);
    fputc('"', f);
    if (n > QUOTE_MAX)
        fprintf(f, " (%lu bytes, cut)", (unsigned long)n);
}

static int usage_error(const char *what, const char *arg)
{
    fprintf(stderr, TOOL ": %s", what);
    if (arg) {
        fputc(' ', stderr);
        put_quoted(stderr, arg);
    }
    fprintf(stderr, "; try '" TOOL " --help'\n");
    return 2;
}

/* What the tool prints for a row imported from the registry whose meaning
 * nobody has written yet (JSON gives null). */
#define NO_MEANING "no description yet"

static const char *meaning_of(int code)
{
    size_t i;

    for (i = 0; i < sizeof meanings / sizeof meanings[0]; i++)
        if (meanings[i].code == code)
            return meanings[i].text;
    return NULL;
}

static void json_cstr(const char *s)
{
    if (s)
        json_string(stdout, s, strlen(s));
    else
        fputs("null", stdout);
}

/* The members every code object shares, in lookups, list and scan; scan
 * puts its count after the code. */
static void json_code_members(int code, const unsigned long long *count)
{
    printf("\"code\": %d, ", code);
    if (count)
        printf("\"count\": %llu, ", *count);
    printf("\"phrase\": ");
    json_cstr(sipcode_phrase(code));
    printf(", \"class\": ");
    json_cstr(sipcode_class_name(sipcode_class(code)));
    printf(", \"registered\": %s", sipcode_is_registered(code) ? "true" : "false");
}

/* The Q.850 cause RFC 3398 recommends for a failure code, as "Q.850 17";
 * "-" when it gives none. */
static void print_q850_field(int code)
{
    int cause = sipcode_to_q850(code);

    if (cause > 0)
        printf("Q.850 %d", cause);
    else
        printf("-");
}

/* The names of the columns of print_code()'s text rows, once, above the
 * first row (not above a message that no code was found). */
static void print_code_header(void)
{
    static int done;

    if (header && !done)
        printf("code\tphrase\tclass\treference\tstanding\tq850\tmeaning\n");
    done = 1;
}

/* One code in the table or in 100..699: a tab-separated line, or a JSON
 * object (without a line end) with the query that asked for it. */
static void print_code(int code, const char *query)
{
    const struct sipcode_info *info = sipcode_info(code);
    int eff = sipcode_effective(code), cause = sipcode_to_q850(code);

    if (json) {
        printf("{");
        if (query) {
            printf("\"query\": ");
            json_cstr(query);
            printf(", ");
        }
        json_code_members(code, NULL);
        printf(", \"reference\": ");
        if (info && info->rfc)
            printf("\"RFC%u\"", (unsigned)info->rfc);
        else
            printf("null");
        printf(", \"standing\": ");
        json_cstr(info ? sipcode_standing_name(info->standing) : NULL);
        printf(", \"final\": %s, \"effective\": %d, \"q850\": ",
               SIPCODE_IS_FINAL(code) ? "true" : "false", eff);
        if (cause > 0)
            printf("%d", cause);
        else
            printf("null");
        printf(", \"meaning\": ");
        json_cstr(meaning_of(code));
        printf("}");
    } else if (info) {
        print_code_header();
        printf("%d\t%s\t%s\t", code, sipcode_phrase(code),
               sipcode_class_name(info->cls));
        if (info->rfc)
            printf("RFC%u", (unsigned)info->rfc);
        else
            printf("-");
        printf("\t%s\t", sipcode_standing_name(info->standing));
        print_q850_field(code);
        printf("\t%s\n", meaning_of(code) ? meaning_of(code) : NO_MEANING);
    } else {
        print_code_header();
        printf("%d\t\t%s\t\tnot in the table\t", code, sipcode_class_name(sipcode_class(code)));
        print_q850_field(code);
        printf("\tA user agent treats it as %d %s (RFC 3261 section 8.1.3.2).\n", eff,
               sipcode_phrase(eff));
    }
}

/* The JSON answer for a query that names no code: every member of a found
 * one, null. */
static void print_not_found(const char *query)
{
    if (json) {
        printf("{\"query\": ");
        json_cstr(query);
        printf(", \"code\": null, \"phrase\": null, \"class\": null, \"registered\": false, "
               "\"reference\": null, \"standing\": null, \"final\": null, \"effective\": null, "
               "\"q850\": null, \"meaning\": null}\n");
    }
}

/* A found code: its line, or its JSON object on a line of its own. */
static void print_found(int code, const char *query)
{
    print_code(code, query);
    if (json)
        putchar('\n');
}

/* A CODE argument is digits, with spaces around them allowed (" 486 " as
 * pasted from a log); its value, capped so that a long run of digits cannot
 * overflow (anything over 999 is no code anyway). */
static int parse_code(const char *s, int *code)
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
    *code = (int)v;
    return 1;
}

static int lookup(const char *arg)
{
    int code;

    if (parse_code(arg, &code)) {
        if (sipcode_info(code)) {
            print_found(code, arg);
            return 0;
        }
        if (SIPCODE_IS_VALID(code)) {
            print_found(code, arg);
            fprintf(stderr, TOOL ": %d is not in the table; it is %s, and a user agent treats "
                            "it as %d %s\n",
                    code, sipcode_class_name(sipcode_class(code)), sipcode_effective(code),
                    sipcode_phrase(sipcode_effective(code)));
            return 1;
        }
        print_not_found(arg);
        fprintf(stderr, TOOL ": ");
        put_quoted(stderr, arg);
        fprintf(stderr, " is not a SIP response code (100..699)\n");
        return 1;
    }
    code = sipcode_from_phrase(arg, strlen(arg));
    if (code) {
        print_found(code, arg);
        return 0;
    }
    print_not_found(arg);
    fprintf(stderr, TOOL ": no code has the reason phrase ");
    put_quoted(stderr, arg);
    fputc('\n', stderr);
    return 1;
}

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

static int list(int cls)
{
    int code, first = 1;

    if (json)
        printf("{\"codes\": [");
    for (code = 100; code <= 699; code++) {
        if (!sipcode_info(code) || (cls && sipcode_class(code) != (enum sipcode_class)cls))
            continue;
        if (json)
            printf(first ? "\n  " : ",\n  ");
        first = 0;
        print_code(code, NULL);
    }
    if (json)
        printf("%s]}\n", first ? "" : "\n");
    return 0;
}

/* Every row starts with its section, so that cut and sort work on it. */
static void print_scan_text(struct report *rp, const struct an_counts *an,
                            const struct oc_summary *oc)
{
    const struct scan *sc = &rp->codes;
    int code;
    size_t i;

    printf("total\tstatus-lines\t%llu\n", sc->status_lines);
    for (code = 100; code <= 699; code++) {
        const struct scan_code *c = sc->codes[code - 100];
        const char *phrase = sipcode_phrase(code);
        if (!c)
            continue;
        if (phrase)
            printf("code\t%d\t%llu\t%s\t%s%s\n", code, c->count, phrase,
                   sipcode_class_name(sipcode_class(code)),
                   sipcode_is_registered(code) ? "" : "\tnot in the registry");
        else
            printf("code\t%d\t%llu\t\t%s\tnot in the table, treated as %d %s\n", code, c->count,
                   sipcode_class_name(sipcode_class(code)), sipcode_effective(code),
                   sipcode_phrase(sipcode_effective(code)));
        for (i = 0; i < c->nphrases; i++) {
            printf("phrase\t%d\t%llu\t\"", code, c->phrases[i].count);
            text_escaped(stdout, c->phrases[i].text, c->phrases[i].len);
            printf("\"\t%s\n", phrase_kind_text(phrase_kind(code, c->phrases[i].text,
                                                           c->phrases[i].len)));
        }
        if (c->overflow)
            printf("phrase\t%d\t%llu\t(other phrases)\tnot remembered: over %d distinct phrases\n",
                   code, c->overflow, SCAN_PHRASES_PER_CODE);
    }
    if (an)
        report_text(rp, an, stdout);
    if (oc)
        oc_write(oc, OC_TEXT, stdout);
}

static void print_scan_json(struct report *rp, const struct an_counts *an,
                            const struct oc_summary *oc)
{
    const struct scan *sc = &rp->codes;
    int code, first = 1;
    size_t i;

    printf("{\"status_lines\": %llu, \"codes\": [", sc->status_lines);
    for (code = 100; code <= 699; code++) {
        const struct scan_code *c = sc->codes[code - 100];
        if (!c)
            continue;
        printf(first ? "\n  {" : ",\n  {");
        first = 0;
        json_code_members(code, &c->count);
        printf(", \"other_phrases\": {");
        for (i = 0; i < c->nphrases; i++) {
            if (i)
                printf(", ");
            json_string(stdout, c->phrases[i].text, c->phrases[i].len);
            printf(": %llu", c->phrases[i].count);
        }
        if (c->overflow)
            printf("%s\"(other phrases)\": %llu", c->nphrases ? ", " : "", c->overflow);
        printf("}}");
    }
    printf("%s]", first ? "" : "\n");
    report_json(rp, an, stdout);
    if (oc) {
        printf(", \"outcomes\": {");
        oc_write(oc, OC_JSON, stdout);
        printf("}");
    }
    printf("}\n");
}

static int q850(const char *arg, unsigned flags)
{
    int cause, status;
    const char *name;

    if (!parse_code(arg, &cause) || cause < 1 || cause > 127) {
        if (json) {
            printf("{\"query\": ");
            json_cstr(arg);
            printf(", \"cause\": null, \"name\": null, \"status\": null, \"phrase\": null}\n");
        }
        fprintf(stderr, TOOL ": ");
        put_quoted(stderr, arg);
        fprintf(stderr, " is not a Q.850 cause value (1..127)\n");
        return 1;
    }
    status = sipcode_from_q850(cause, flags);
    name = sipcode_q850_name(cause);
    if (json) {
        printf("{\"query\": ");
        json_cstr(arg);
        printf(", \"cause\": %d, \"name\": ", cause);
        json_cstr(name);
        if (status)
            printf(", \"status\": %d, \"phrase\": ", status);
        else
            printf(", \"status\": null, \"phrase\": ");
        json_cstr(sipcode_phrase(status));
        printf("}\n");
    } else if (status) {
        printf("%d\t%s\t%d\t%s\n", cause, name ? name : "(not defined by Q.850)", status,
               sipcode_phrase(status));
    } else {
        printf("%d\t%s\t-\tno SIP status: %s\n", cause, name ? name : "",
               cause == 16   ? "RFC 3398 clears the call with BYE or CANCEL"
               : cause == 44 ? "RFC 3398 has the gateway try another circuit"
                             : "RFC 3398 sends none");
    }
    return 0;
}

/* One input: a capture goes to the analyser, text to the trace scanner,
 * anything else is refused. 0, or 1 after a message. */
static int scan_one(const char *name, struct report *rp, struct analyser *an, int *captures)
{
    int is_stdin = strcmp(name, "-") == 0, status = 0, err;
    FILE *f = is_stdin ? stdin : fopen(name, "rb");
    unsigned char head[4096];
    size_t n;
    char why[PCAP_WHY_MAX];

    if (!f) {
        fprintf(stderr, TOOL ": %s: %s\n", name, strerror(errno));
        return 1;
    }
    errno = 0;
    n = fread(head, 1, sizeof head, f);
    if (ferror(f)) {
        err = errno;
        fprintf(stderr, TOOL ": %s: %s\n", name, err ? strerror(err) : "read error");
        status = 1;
    } else {
        switch (capture_format(head, n)) {
        case CAPTURE_PCAP:
        case CAPTURE_PCAPNG:
            *captures = 1;
            /* A file seeks back to its start; a pipe gets its head back. */
            if (fseek(f, 0, SEEK_SET) == 0 ? capture_file(an, f, NULL, 0, why, sizeof why)
                                           : capture_file(an, f, head, n, why, sizeof why)) {
                fprintf(stderr, TOOL ": %s: %s\n", name, why);
                status = 1;
            }
            break;
        case CAPTURE_TEXT:
            errno = 0;
            if (scan_file_after(&rp->codes, f, (const char *)head, n) != 0) {
                err = errno;
                fprintf(stderr, TOOL ": %s: %s\n", name, err ? strerror(err) : "read error");
                status = 1;
            }
            break;
        default:
            fprintf(stderr, TOOL ": %s: neither a packet capture (pcap, pcapng) nor text\n", name);
            status = 1;
            break;
        }
    }
    if (f && !is_stdin)
        fclose(f);
    return status;
}

/* Each record goes to the message counts and to the outcome analysis. */
struct scan_sinks {
    struct report *rp;
    struct oc *oc;
};

static void both_sinks(void *ctx, const struct an_record *r)
{
    struct scan_sinks *s = ctx;

    if (records)
        report_print_record(stdout, r);
    report_record(s->rp, r);
    oc_record(s->oc, r);
}

static struct oc_opts oc_options_given;
static size_t oc_top;
static enum oc_format format = OC_TEXT;

static int scan(char **files, int nfiles, const char *iface, unsigned seconds)
{
    struct scan_sinks sinks;
    struct oc_summary sum;
    static const char *const stdin_only[] = { "-" };
    const char *const *names = nfiles ? (const char *const *)files : stdin_only;
    struct report rp;
    struct analyser *an;
    int i, status = 0, captures = 0;
    char why[PCAP_WHY_MAX];

    sinks.rp = &rp;
    sinks.oc = oc_new(&oc_options_given);
    if (!sinks.oc || report_init(&rp) != 0 || !(an = an_new(NULL, both_sinks, &sinks))) {
        report_free(&rp);
        oc_free(sinks.oc);
        fprintf(stderr, TOOL ": out of memory\n");
        return 1;
    }
    if (!json && format == OC_TEXT) /* first, above any --records rows */
        printf("section\tkey\tcount\tdetail\n");
    if (iface) {
        captures = 1;
        if (capture_live(an, iface, seconds, why, sizeof why) != 0) {
            fprintf(stderr, TOOL ": %s: %s\n", iface, why);
            status = 1;
        }
    } else {
        for (i = 0; i < (nfiles ? nfiles : 1); i++)
            status |= scan_one(names[i], &rp, an, &captures);
    }
    an_finish(an);
    oc_finish(sinks.oc);
    if (rp.codes.failed)
        fprintf(stderr, TOOL ": out of memory: some phrases were counted as other phrases\n");
    if (oc_summary_of(sinks.oc, oc_top, &sum) != 0)
        fprintf(stderr, TOOL ": out of memory: some outcome counts are missing\n");
    if (format == OC_CSV || format == OC_PROMETHEUS)
        oc_write(&sum, format, stdout);
    else if (json)
        print_scan_json(&rp, captures ? an_counts(an) : NULL, captures ? &sum : NULL);
    else
        print_scan_text(&rp, captures ? an_counts(an) : NULL, captures ? &sum : NULL);
    oc_summary_free(&sum);
    an_free(an);
    oc_free(sinks.oc);
    report_free(&rp);
    return status;
}

/* Reads a whole file of at most max bytes: NULL with a message otherwise. */
static char *slurp(const char *name, size_t max, size_t *len)
{
    FILE *f = strcmp(name, "-") == 0 ? stdin : fopen(name, "rb");
    char *buf = NULL, *bigger;
    size_t cap = 0, n = 0;

    if (!f) {
        fprintf(stderr, TOOL ": %s: %s\n", name, strerror(errno));
        return NULL;
    }
    for (;;) {
        size_t got;
        if (n == cap) {
            cap = cap ? cap * 2 : 65536;
            if (cap > max + 1)
                cap = max + 1;
            bigger = n < cap ? realloc(buf, cap) : NULL;
            if (!bigger) {
                fprintf(stderr, TOOL ": %s: %s\n", name,
                        n > max ? "too big for a summary" : "out of memory");
                break;
            }
            buf = bigger;
        }
        got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0) {
            if (ferror(f)) {
                fprintf(stderr, TOOL ": %s: read error\n", name);
                break;
            }
            if (f != stdin)
                fclose(f);
            *len = n;
            return buf;
        }
    }
    free(buf);
    if (f != stdin)
        fclose(f);
    return NULL;
}

/* sipcode merge: the JSON summaries of scans added up into one. */
static int merge(char **files, int nfiles)
{
    struct oc_summary sum;
    int i, status = 0;

    memset(&sum, 0, sizeof sum);
    for (i = 0; i < nfiles && !status; i++) {
        size_t len;
        char *text = slurp(files[i], (size_t)1 << 30, &len), why[160];
        if (!text) {
            status = 1;
            break;
        }
        if (oc_summary_read(&sum, text, len, why, sizeof why) != 0) {
            fprintf(stderr, TOOL ": %s: %s\n", files[i], why);
            status = 1;
        }
        free(text);
    }
    if (!status) {
        if (format == OC_TEXT && json)
            format = OC_JSON;
        if (format == OC_JSON)
            printf("{\"outcomes\": {");
        oc_write(&sum, format, stdout);
        if (format == OC_JSON)
            printf("}}\n");
    }
    oc_summary_free(&sum);
    return status;
}

/* A count option's value: 1..max, or 0 after a usage message. */
static size_t count_arg(const char *v, size_t max)
{
    char *end;
    unsigned long long n;

    if (!v || v[0] < '0' || v[0] > '9')
        return 0;
    errno = 0;
    n = strtoull(v, &end, 10);
    if (*end || errno || n < 1 || n > max)
        return 0;
    return (size_t)n;
}

int main(int argc, char **argv)
{
    char **ops = malloc((size_t)argc * sizeof *ops);
    const char *class_arg = NULL, *iface = NULL, *duration_arg = NULL;
    unsigned duration = 0;
    unsigned q850_flags = 0;
    int i, nops = 0, status = 0, options_done = 0, help = 0, version = 0;
    int scan_options = 0, format_given = 0;

    if (!ops) {
        fprintf(stderr, TOOL ": out of memory\n");
        return 1;
    }
    oc_opts_default(&oc_options_given);
    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (options_done || a[0] != '-' || a[1] == '\0')
            ops[nops++] = argv[i];
        else if (strcmp(a, "--") == 0)
            options_done = 1;
        else if (strcmp(a, "--json") == 0)
            json = 1;
        else if (strcmp(a, "-H") == 0 || strcmp(a, "--no-header") == 0)
            header = 0;
        else if (strcmp(a, "--records") == 0)
            records = 1;
        else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0)
            help = 1;
        else if (strcmp(a, "--version") == 0)
            version = 1;
        else if (strcmp(a, "--location-user") == 0)
            q850_flags |= SIPCODE_Q850_LOCATION_USER;
        else if (strcmp(a, "--new-number") == 0)
            q850_flags |= SIPCODE_Q850_NEW_NUMBER;
        else if (strcmp(a, "--class") == 0) {
            if (i + 1 >= argc) {
                free(ops);
                return usage_error("--class needs a NAME", NULL);
            }
            class_arg = argv[++i];
        } else if (strncmp(a, "--class=", 8) == 0)
            class_arg = a + 8;
        else if (strcmp(a, "-i") == 0 || strcmp(a, "--interface") == 0) {
            if (i + 1 >= argc) {
                free(ops);
                return usage_error("-i needs an interface", NULL);
            }
            iface = argv[++i];
        } else if (strcmp(a, "--by") == 0 || strcmp(a, "--top") == 0 || strcmp(a, "--interval") == 0 ||
                 strcmp(a, "--format") == 0 || strcmp(a, "--max-calls") == 0 ||
                 strcmp(a, "--max-transactions") == 0) {
            const char *v = i + 1 < argc ? argv[++i] : NULL;
            size_t n = 0;
            if (strcmp(a, "--format") == 0)
                format_given = 1;
            else
                scan_options = 1;
            if (strcmp(a, "--by") == 0) {
                if (v && strcmp(v, "src") == 0)
                    oc_options_given.by = OC_BY_SRC;
                else if (v && strcmp(v, "dst") == 0)
                    oc_options_given.by = OC_BY_DST;
                else if (v && strcmp(v, "uri-domain") == 0)
                    oc_options_given.by = OC_BY_DOMAIN;
                else {
                    free(ops);
                    return usage_error("--by takes src, dst or uri-domain, got", v ? v : "nothing");
                }
            } else if (strcmp(a, "--format") == 0) {
                if (v && strcmp(v, "text") == 0)
                    format = OC_TEXT;
                else if (v && strcmp(v, "json") == 0)
                    json = 1, format = OC_JSON;
                else if (v && strcmp(v, "csv") == 0)
                    format = OC_CSV;
                else if (v && strcmp(v, "prometheus") == 0)
                    format = OC_PROMETHEUS;
                else {
                    free(ops);
                    return usage_error("--format takes text, json, csv or prometheus, got",
                                       v ? v : "nothing");
                }
            } else {
                size_t max = strcmp(a, "--interval") == 0 ? 86400 * 366 : 100000000;
                n = count_arg(v, max);
                if (!n) {
                    free(ops);
                    return usage_error(strcmp(a, "--interval") == 0
                                           ? "--interval needs seconds (1..31622400), got"
                                           : "--top, --max-calls and --max-transactions need a "
                                             "count (1..100000000), got",
                                       v ? v : "nothing");
                }
                if (strcmp(a, "--top") == 0)
                    oc_top = n;
                else if (strcmp(a, "--interval") == 0)
                    oc_options_given.interval_us = (int64_t)n * 1000000;
                else if (strcmp(a, "--max-calls") == 0)
                    oc_options_given.calls_max = n;
                else
                    oc_options_given.txns_max = n;
            }
        } else if (strcmp(a, "--duration") == 0) {
            int secs;
            if (i + 1 >= argc || !parse_code(argv[i + 1], &secs) || secs < 1 || secs > 86400) {
                free(ops);
                return usage_error("--duration needs seconds (1..86400), got",
                                   i + 1 < argc ? argv[i + 1] : NULL);
            }
            duration_arg = argv[++i];
            duration = (unsigned)secs;
        }
        else {
            free(ops);
            return usage_error("unknown option", a);
        }
    }
    if (help) {
        fputs(usage_text, stdout);
    } else if (version) {
        printf(TOOL " %s (library %s), table checked against the IANA registry of %s, %d codes",
               SIPCODE_VERSION, sipcode_version(), SIPCODE_REGISTRY_DATE, SIPCODE_COUNT);
        if (SIPCODE_LOCAL_COUNT)
            printf(" (%d local)", SIPCODE_LOCAL_COUNT);
        putchar('\n');
    } else if (nops == 0) {
        status = usage_error("no CODE, PHRASE or command given", NULL);
    } else if (strcmp(ops[0], "list") == 0 && !options_done) {
        int cls = class_arg ? parse_class(class_arg) : 0;
        if (nops > 1)
            status = usage_error("list takes no arguments, got", ops[1]);
        else if (class_arg && !cls)
            status = usage_error("unknown class", class_arg);
        else
            status = list(cls);
    } else if (class_arg) {
        status = usage_error("--class goes with list only", NULL);
    } else if (strcmp(ops[0], "q850") == 0 && !options_done) {
        if (nops == 1)
            status = usage_error("q850 needs a CAUSE", NULL);
        for (i = 1; i < nops; i++)
            status |= q850(ops[i], q850_flags);
    } else if (q850_flags) {
        status = usage_error("--location-user and --new-number go with q850 only", NULL);
    } else if (strcmp(ops[0], "scan") == 0 && !options_done) {
        if (iface && nops > 1)
            status = usage_error("scan -i reads an interface, not files, got", ops[1]);
        else if (records && json)
            status = usage_error("--records writes rows, not JSON: use one or the other", NULL);
        else if (duration_arg && !iface)
            status = usage_error("--duration goes with scan -i only", NULL);
        else if (format == OC_PROMETHEUS && oc_options_given.interval_us)
            status = usage_error("--interval does not go with --format prometheus", NULL);
        else
            status = scan(ops + 1, nops - 1, iface, duration);
    } else if (strcmp(ops[0], "merge") == 0 && !options_done) {
        if (nops == 1)
            status = usage_error("merge needs JSON summaries (sipcode scan --json)", NULL);
        else if (scan_options)
            status = usage_error("merge takes --format and --json only", NULL);
        else if (iface || duration_arg || records)
            status = usage_error("-i, --duration and --records go with scan only", NULL);
        else
            status = merge(ops + 1, nops - 1);
    } else if (scan_options || format_given) {
        status = usage_error("--by, --top, --interval, --format, --max-calls and --max-transactions go "
                             "with scan (--format also with merge)", NULL);
    } else if (iface || duration_arg || records) {
        status = usage_error("-i, --duration and --records go with scan only", NULL);
    } else {
        for (i = 0; i < nops; i++)
            status |= lookup(ops[i]);
    }
    free(ops);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, TOOL ": cannot write the output\n");
        return status ? status : 1;
    }
    return status;
}
