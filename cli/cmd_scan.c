/* SPDX-License-Identifier: MIT */
/* The commands about traffic: scan (captures and text traces, through the
 * analyser and the trace scanner) and merge (scan summaries added up). */
#include "sipcode.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "capture.h"
#include "cli.h"
#include "json.h"
#include "oc_report.h"
#include "outcomes.h"
#include "phrase_kind.h"
#include "record.h"
#include "report.h"
#include "scan.h"

#define PCAP_WHY_MAX 512 /* a reason from libpcap, with room around it */
#define COUNT_MAX 100000000
#define INTERVAL_MAX (86400 * 366)
#define DURATION_MAX 86400

/* The options of scan and merge; each command's table says which it takes. */
static enum oc_format format = OC_TEXT;
static int format_given;
static int records; /* scan --records: a row per SIP message as well */
static const char *iface;
static unsigned duration;
static enum oc_by by = OC_BY_NONE;
static size_t top, calls_max, txns_max, interval; /* 0: not given */

static int set_format_to(enum oc_format f, const char *value)
{
    if (format_given && format != f)
        return usage_error("--json and --format give two formats, the second", value);
    format = f;
    format_given = 1;
    return 0;
}

static int set_json(const char *value)
{
    (void)value;
    return set_format_to(OC_JSON, "--json");
}

static int set_format(const char *value)
{
    static const char *const names[] = { "text", "json", "csv", "prometheus" };
    static const enum oc_format formats[] = { OC_TEXT, OC_JSON, OC_CSV, OC_PROMETHEUS };
    size_t i;

    for (i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(value, names[i]) == 0)
            return set_format_to(formats[i], value);
    return usage_error("--format takes text, json, csv or prometheus, got", value);
}

static int set_interface(const char *value)
{
    iface = value;
    return 0;
}

static int set_duration(const char *value)
{
    int secs;

    if (!parse_number(value, &secs) || secs < 1 || secs > DURATION_MAX)
        return usage_error("--duration needs seconds (1..86400), got", value);
    duration = (unsigned)secs;
    return 0;
}

static int set_by(const char *value)
{
    if (strcmp(value, "src") == 0)
        by = OC_BY_SRC;
    else if (strcmp(value, "dst") == 0)
        by = OC_BY_DST;
    else if (strcmp(value, "uri-domain") == 0)
        by = OC_BY_DOMAIN;
    else
        return usage_error("--by takes src, dst or uri-domain, got", value);
    return 0;
}

/* A count option's value: 1..max, or 0. */
static size_t count_arg(const char *v, size_t max)
{
    char *end;
    unsigned long long n;

    if (v[0] < '0' || v[0] > '9')
        return 0;
    errno = 0;
    n = strtoull(v, &end, 10);
    if (*end || errno || n < 1 || n > max)
        return 0;
    return (size_t)n;
}

static int set_count(size_t *to, const char *what, const char *value)
{
    *to = count_arg(value, COUNT_MAX);
    return *to ? 0 : usage_error(what, value);
}

static int set_top(const char *value)
{
    return set_count(&top, "--top needs a count (1..100000000), got", value);
}

static int set_max_calls(const char *value)
{
    return set_count(&calls_max, "--max-calls needs a count (1..100000000), got", value);
}

static int set_max_transactions(const char *value)
{
    return set_count(&txns_max, "--max-transactions needs a count (1..100000000), got", value);
}

static int set_interval(const char *value)
{
    interval = count_arg(value, INTERVAL_MAX);
    return interval ? 0 : usage_error("--interval needs seconds (1..31622400), got", value);
}

/* Every row starts with its section, so that cut and sort work on it. */
static void print_scan_text(FILE *out, struct report *rp, const struct an_counts *an,
                            const struct oc_summary *oc)
{
    const struct scan *sc = &rp->codes;
    int code;
    size_t i;

    fprintf(out, "total\tstatus-lines\t%llu\n", sc->status_lines);
    for (code = 100; code <= 699; code++) {
        const struct scan_code *c = sc->codes[code - 100];
        const char *phrase = sipcode_phrase(code);
        if (!c)
            continue;
        if (phrase)
            fprintf(out, "code\t%d\t%llu\t%s\t%s%s\n", code, c->count, phrase,
                   sipcode_class_name(sipcode_class(code)),
                   sipcode_is_registered(code) ? "" : "\tnot in the registry");
        else
            fprintf(out, "code\t%d\t%llu\t-\t%s\tnot in the table, treated as %d %s\n", code, c->count,
                   sipcode_class_name(sipcode_class(code)), sipcode_effective(code),
                   sipcode_phrase(sipcode_effective(code)));
        for (i = 0; i < c->nphrases; i++) {
            fprintf(out, "phrase\t%d\t%llu\t\"", code, c->phrases[i].count);
            text_escaped(out, c->phrases[i].text, c->phrases[i].len);
            fprintf(out, "\"\t%s\n", phrase_kind_text(phrase_kind(code, c->phrases[i].text,
                                                           c->phrases[i].len)));
        }
        if (c->overflow)
            fprintf(out, "phrase\t%d\t%llu\t(other phrases)\tnot remembered: over %d distinct phrases\n",
                   code, c->overflow, SCAN_PHRASES_PER_CODE);
    }
    if (an)
        report_text(rp, an, out);
    if (oc)
        oc_write(oc, OC_TEXT, out);
}

static void print_scan_json(struct report *rp, const struct an_counts *an,
                            const struct oc_summary *oc)
{
    const struct scan *sc = &rp->codes;
    struct row row = { NULL, 0, 0, 0 };
    int code, first = 1;
    size_t i;

    printf("{\"status_lines\": %llu, \"codes\": [", sc->status_lines);
    for (code = 100; code <= 699; code++) {
        const struct scan_code *c = sc->codes[code - 100];
        if (!c)
            continue;
        printf(first ? "\n  {" : ",\n  {");
        first = 0;
        row.number = code;
        row.count = c->count;
        print_members(scan_code_fields, &row);
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

/* The counts beside the analysis, for Prometheus: status lines per code,
 * messages per transport, and what could not be decoded. The label values
 * are digits and fixed names, which need no escapes. */
static void print_scan_prometheus(const struct report *rp, const struct an_counts *an)
{
    int code, t;

    printf("# HELP sipcode_status_lines_total SIP status lines counted per code, "
           "retransmissions included, from captures and text traces\n"
           "# TYPE sipcode_status_lines_total counter\n");
    for (code = 100; code <= 699; code++)
        if (rp->codes.codes[code - 100])
            printf("sipcode_status_lines_total{code=\"%d\",class=\"%s\"} %llu\n", code,
                   sipcode_class_name(sipcode_class(code)), rp->codes.codes[code - 100]->count);
    printf("# HELP sipcode_transport_messages_total SIP messages of captures per transport\n"
           "# TYPE sipcode_transport_messages_total counter\n");
    for (t = 0; t < AN_TRANSPORTS; t++)
        printf("sipcode_transport_messages_total{transport=\"%s\"} %llu\n",
               an_transport_name((enum an_transport)t), rp->transports[t]);
    if (!an)
        return;
    printf("# HELP sipcode_not_decoded_total packets of captures not decoded as SIP, per reason\n"
           "# TYPE sipcode_not_decoded_total counter\n");
    for (t = 0; t < AN_REASONS; t++)
        printf("sipcode_not_decoded_total{reason=\"%s\"} %llu\n",
               an_reason_name((enum an_reason)t), an->not_decoded[t]);
}

/* The report in the format asked for; an and oc count only when a capture
 * was read. */
static void print_report(struct report *rp, const struct an_counts *an,
                         const struct oc_summary *oc, int captures)
{
    FILE *rows;

    if (format == OC_CSV) {
        /* The text rows of the counts first, then the analysis. */
        rows = tmpfile();
        if (rows)
            print_scan_text(rows, rp, captures ? an : NULL, NULL);
        else
            fprintf(stderr, TOOL ": no temporary file: the CSV holds the analysis only\n");
        oc_write_csv(oc, rows, stdout);
        if (rows)
            fclose(rows);
    } else if (format == OC_PROMETHEUS) {
        oc_write(oc, format, stdout);
        print_scan_prometheus(rp, captures ? an : NULL);
    } else if (format == OC_JSON)
        print_scan_json(rp, captures ? an : NULL, captures ? oc : NULL);
    else
        print_scan_text(stdout, rp, captures ? an : NULL, captures ? oc : NULL);
}

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
        case CAPTURE_PCAPNG: {
            struct an_counts was = *an_counts(an);
            *captures = 1;
            /* A file seeks back to its start; a pipe gets its head back. */
            if (fseek(f, 0, SEEK_SET) == 0 ? capture_file(an, f, NULL, 0, why, sizeof why)
                                           : capture_file(an, f, head, n, why, sizeof why)) {
                fprintf(stderr, TOOL ": %s: %s\n", name, why);
                status = 1;
            } else if (an_counts(an)->records == was.records) { /* not an error: a note */
                unsigned long long k = an_counts(an)->packets - was.packets;
                fprintf(stderr, TOOL ": %s: no SIP messages in %llu packet%s\n", name, k,
                        k == 1 ? "" : "s");
            }
            break;
        }
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

static int header_done; /* the text header is out */

static void text_header(void)
{
    if (format == OC_TEXT && !header_done)
        printf("section\tkey\tcount\tdetail\n");
    header_done = 1;
}

static void both_sinks(void *ctx, const struct an_record *r)
{
    struct scan_sinks *s = ctx;

    if (records) {
        text_header(); /* above the first --records row */
        report_print_record(stdout, r);
    }
    report_record(s->rp, r);
    oc_record(s->oc, r);
}

static int scan(char **files, int nfiles)
{
    struct scan_sinks sinks;
    struct oc_summary sum;
    static const char *const stdin_only[] = { "-" };
    const char *const *names = nfiles ? (const char *const *)files : stdin_only;
    struct report rp;
    struct analyser *an;
    struct oc_opts opts;
    int i, status = 0, captures = 0, read = 0;
    char why[PCAP_WHY_MAX];

    oc_opts_default(&opts);
    if (by != OC_BY_NONE)
        opts.by = by;
    if (interval)
        opts.interval_us = (int64_t)interval * 1000000;
    if (calls_max)
        opts.calls_max = calls_max;
    if (txns_max)
        opts.txns_max = txns_max;
    /* report_init() first: after a failure it still leaves rp to free. */
    sinks.rp = &rp;
    sinks.oc = NULL;
    if (report_init(&rp) != 0 || !(sinks.oc = oc_new(&opts)) ||
        !(an = an_new(NULL, both_sinks, &sinks))) {
        report_free(&rp);
        oc_free(sinks.oc);
        fprintf(stderr, TOOL ": out of memory\n");
        return 1;
    }
    if (iface) {
        captures = 1;
        if (capture_live(an, iface, duration, why, sizeof why) != 0) {
            fprintf(stderr, TOOL ": %s: %s\n", iface, why);
            status = 1;
        } else {
            read = 1;
        }
    } else {
        for (i = 0; i < (nfiles ? nfiles : 1); i++) {
            int failed = scan_one(names[i], &rp, an, &captures);
            status |= failed;
            read += !failed;
        }
    }
    an_finish(an);
    oc_finish(sinks.oc);
    if (rp.codes.failed)
        fprintf(stderr, TOOL ": out of memory: some phrases were counted as other phrases\n");
    if (oc_summary_of(sinks.oc, top, &sum) != 0)
        fprintf(stderr, TOOL ": out of memory: some outcome counts are missing\n");
    if (read) { /* when every input failed, the error alone */
        text_header();
        print_report(&rp, an_counts(an), &sum, captures);
    }
    oc_summary_free(&sum);
    an_free(an);
    oc_free(sinks.oc);
    report_free(&rp);
    return status;
}

static int run_scan(char **files, int n)
{
    if (iface && n > 0)
        return usage_error("scan -i reads an interface, not files, got", files[0]);
    if (records && format == OC_JSON)
        return usage_error("--records writes rows, not JSON: use one or the other", NULL);
    if (duration && !iface)
        return usage_error("--duration goes with scan -i only", NULL);
    if (format == OC_PROMETHEUS && interval)
        return usage_error("--interval does not go with --format prometheus", NULL);
    return scan(files, n);
}

static const struct cmd_option scan_options[] = {
    { "--json", NULL, NULL, NULL, set_json },
    { "--format", NULL, "a FORMAT", NULL, set_format },
    { "--records", NULL, NULL, &records, NULL },
    { "--interface", "-i", "an IFACE", NULL, set_interface },
    { "--duration", NULL, "SECONDS", NULL, set_duration },
    { "--by", NULL, "src, dst or uri-domain", NULL, set_by },
    { "--top", NULL, "a count N", NULL, set_top },
    { "--interval", NULL, "SECONDS", NULL, set_interval },
    { "--max-calls", NULL, "a count N", NULL, set_max_calls },
    { "--max-transactions", NULL, "a count N", NULL, set_max_transactions },
    { NULL, NULL, NULL, NULL, NULL }
};

const struct command cmd_scan = {
    "scan",
    "[--json] scan [--records] [OPTION...] [FILE...]\n"
    "[--json] scan [--records] [OPTION...] -i IFACE [--duration SECONDS]\n",
    "  scan          count SIP messages in packet captures (pcap, pcapng) or text\n"
    "                traces, from FILEs or standard input ('-'): responses per code\n"
    "                with the other phrases seen for each; for captures also\n"
    "                requests per method, transports, retransmissions, what could\n"
    "                not be decoded, transactions, call outcomes and RFC 6076 metrics\n",
    "  -i, --interface IFACE  capture live (needs the right to capture) until\n"
    "                Ctrl-C, or until --duration has passed\n"
    "  --duration SECONDS  with -i: stop after SECONDS (1..86400)\n"
    "  --records     a row per message of a capture as well: time, transport,\n"
    "                addresses, start line, CSeq, Call-ID, branch, tags, Reason,\n"
    "                Warning\n"
    "  --by src|dst|uri-domain  every section per source, destination or domain\n"
    "  --top N       the N groups with the most transactions, the rest as one\n"
    "  --interval SECONDS  time buckets of that width\n"
    "  --format text|json|csv|prometheus  the form of the report\n"
    "  --json        the same as --format json\n"
    "  --max-calls N  session attempts and registrations held in flight\n"
    "                (default 100000)\n"
    "  --max-transactions N  transactions held in flight (default 100000)\n",
    scan_options, run_scan
};

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
    struct report rp;
    struct an_counts counts;
    struct report_sum to;
    int i, status = 0, captures = 0;

    memset(&sum, 0, sizeof sum);
    memset(&counts, 0, sizeof counts);
    if (report_init(&rp) != 0) {
        report_free(&rp);
        fprintf(stderr, TOOL ": out of memory\n");
        return 1;
    }
    to.rp = &rp;
    to.an = &counts;
    for (i = 0; i < nfiles && !status; i++) {
        int outcomes = 0;
        size_t len;
        char *text = slurp(files[i], (size_t)1 << 30, &len), why[160];
        if (!text) {
            status = 1;
            break;
        }
        if (oc_summary_read_all(&sum, &outcomes, report_merge, &to, text, len, why,
                                sizeof why) != 0) {
            fprintf(stderr, TOOL ": %s: %s\n", files[i], why);
            status = 1;
        }
        captures |= outcomes;
        free(text);
    }
    if (rp.codes.failed) {
        fprintf(stderr, TOOL ": out of memory\n");
        status = 1;
    }
    if (!status) {
        text_header();
        print_report(&rp, &counts, &sum, captures);
    }
    oc_summary_free(&sum);
    report_free(&rp);
    return status;
}

static int run_merge(char **files, int n)
{
    if (n == 0)
        return usage_error("merge needs JSON summaries (sipcode scan --json)", NULL);
    return merge(files, n);
}

static const struct cmd_option merge_options[] = {
    { "--json", NULL, NULL, NULL, set_json },
    { "--format", NULL, "a FORMAT", NULL, set_format },
    { NULL, NULL, NULL, NULL, NULL }
};

const struct command cmd_merge = {
    "merge",
    "[--json | --format FORMAT] merge SUMMARY.json...\n",
    "  merge         add up JSON summaries of scans (sipcode scan --json) into one\n",
    "  --format text|json|csv|prometheus  the form of the sum\n"
    "  --json        the same as --format json\n",
    merge_options, run_merge
};
