/* SPDX-License-Identifier: MIT */
/* A summary written whole (oc_write): text rows and JSON per group, CSV
 * made from the text rows, and the Prometheus text exposition format for
 * node_exporter's textfile collector, so that Prometheus adds up many
 * capture hosts (counters, and delay histograms with fixed buckets). */
#include "oc_report.h"

#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "outcomes.h"

static void write_text(const struct oc_summary *sum, FILE *f)
{
    size_t i;

    oc_text(&sum->total, f);
    for (i = 0; i < sum->ngroups; i++) {
        fprintf(f, "group\t%s\t%lld\n", sum->groups[i].name, (long long)sum->groups[i].bucket);
        oc_text(&sum->groups[i].st, f);
    }
}

static void write_json(const struct oc_summary *sum, FILE *f)
{
    size_t i;

    fputs("\"by\": ", f);
    if (sum->by)
        fprintf(f, "\"%s\"", sum->by);
    else
        fputs("null", f);
    fprintf(f, ", \"interval_s\": %lld, ", (long long)sum->interval_s);
    oc_json(&sum->total, f);
    fputs(", \"groups\": [", f);
    for (i = 0; i < sum->ngroups; i++) {
        fputs(i ? ",\n  {\"name\": " : "\n  {\"name\": ", f);
        json_string(f, sum->groups[i].name, strlen(sum->groups[i].name));
        fprintf(f, ", \"bucket\": %lld, ", (long long)sum->groups[i].bucket);
        oc_json(&sum->groups[i].st, f);
        fputc('}', f);
    }
    fputc(']', f);
}

/* ------------------------------------------------------------------- CSV */

#define CSV_FIELDS 8 /* section and up to 7 fields: the widest text row */

static void csv_field(FILE *f, const char *s, size_t n)
{
    size_t i;

    if (!memchr(s, ',', n) && !memchr(s, '"', n)) {
        fwrite(s, 1, n, f);
        return;
    }
    fputc('"', f);
    for (i = 0; i < n; i++) {
        if (s[i] == '"')
            fputc('"', f);
        fputc(s[i], f);
    }
    fputc('"', f);
}

/* Each line of a text report, tab-separated, as a CSV row of one group. */
static void csv_lines(FILE *text, const char *name, long long bucket, FILE *f)
{
    /* The longest row: a phrase of a status line (at most
     * SIPCODE_STATUS_LINE_MAX bytes) with every byte escaped as \xNN. */
    char line[4 * SIPCODE_STATUS_LINE_MAX + 256];

    rewind(text);
    while (fgets(line, sizeof line, text)) {
        char *p = line, *tab;
        int n = 0;
        csv_field(f, name, strlen(name));
        fprintf(f, ",%lld", bucket);
        line[strcspn(line, "\n")] = '\0';
        for (;;) {
            tab = strchr(p, '\t');
            fputc(',', f);
            csv_field(f, p, tab ? (size_t)(tab - p) : strlen(p));
            n++;
            if (!tab)
                break;
            p = tab + 1;
        }
        for (; n < CSV_FIELDS; n++)
            fputc(',', f);
        fputc('\n', f);
    }
}

static void csv_group(const struct oc_stats *st, const char *name, long long bucket, FILE *f)
{
    FILE *tmp = tmpfile();

    if (!tmp)
        return;
    oc_text(st, tmp);
    csv_lines(tmp, name, bucket, f);
    fclose(tmp);
}

void oc_write_csv(const struct oc_summary *sum, FILE *rows, FILE *f)
{
    size_t i;

    fputs("group,bucket,section,field1,field2,field3,field4,field5,field6,field7\n", f);
    if (rows)
        csv_lines(rows, "(total)", 0, f);
    csv_group(&sum->total, "(total)", 0, f);
    for (i = 0; i < sum->ngroups; i++)
        csv_group(&sum->groups[i].st, sum->groups[i].name, (long long)sum->groups[i].bucket, f);
}

/* ------------------------------------------------------------ Prometheus */

struct prom {
    FILE *f;
    const struct oc_summary *sum;
    int kind; /* the key kind the current family writes */
    int sub;  /* its counter, scalar or side (numerator 0, denominator 1) */
};

static void label_value(FILE *f, const char *s)
{
    for (; *s; s++) {
        if (*s == '\\' || *s == '"')
            fputc('\\', f);
        if (*s == '\n')
            fputs("\\n", f);
        else
            fputc(*s, f);
    }
}

/* The group's labels, first in the braces, with a trailing comma when more follow. */
static void group_labels(FILE *f, const struct oc_summary *sum, const char *name, int more)
{
    if (!sum->by)
        return;
    fprintf(f, "by=\"%s\",group=\"", sum->by);
    label_value(f, name);
    fputs(more ? "\"," : "\"", f);
}

static void family(FILE *f, const char *name, const char *type, const char *help)
{
    fprintf(f, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
}

/* Each group's stats (or the total alone without --by): fn writes its samples. */
static void each(const struct prom *p, void (*fn)(const struct prom *, const char *,
                                                   const struct oc_stats *))
{
    size_t i;

    if (!p->sum->by) {
        fn(p, "", &p->sum->total);
        return;
    }
    for (i = 0; i < p->sum->ngroups; i++)
        fn(p, p->sum->groups[i].name, &p->sum->groups[i].st);
}

static void s_kind(const struct prom *p, const char *g, const struct oc_stats *st)
{
    size_t i;

    for (i = 0; i < st->n; i++) {
        uint32_t kind = OC_KIND(st->e[i].key), pl = OC_PAYLOAD(st->e[i].key);
        unsigned long long n = (unsigned long long)st->e[i].value;
        if ((int)kind != p->kind)
            continue;
        switch (kind) {
        case OC_K_METHOD:
            if ((int)(pl & 255) != p->sub)
                continue;
            fprintf(p->f, "sipcode_method_%s_total{", oc_mcount_name((enum oc_mcount)(pl & 255)));
            group_labels(p->f, p->sum, g, 1);
            fprintf(p->f, "method=\"%s\"} %llu\n", oc_method_name((enum oc_method)(pl >> 8)), n);
            break;
        case OC_K_FINAL:
        case OC_K_PROV:
            fprintf(p->f, "sipcode_%s_responses_total{", kind == OC_K_FINAL ? "final" : "provisional");
            group_labels(p->f, p->sum, g, 1);
            fprintf(p->f, "method=\"%s\",code=\"%u\"} %llu\n",
                    oc_method_name((enum oc_method)(pl >> 10)), pl & 1023, n);
            break;
        case OC_K_ATTEMPT:
            fputs("sipcode_attempt_finals_total{", p->f);
            group_labels(p->f, p->sum, g, 1);
            if (pl & 1023)
                fprintf(p->f, "code=\"%u\",", pl & 1023);
            else
                fputs("code=\"none\",", p->f);
            fprintf(p->f, "outcome=\"%s\"} %llu\n",
                    sipcode_outcome_name((pl & 1023) ? sipcode_outcome((int)(pl & 1023),
                                                                       pl >> 10 ? SIPCODE_OUTCOME_CANCEL_SENT : 0u)
                                                     : SIPCODE_OUTCOME_NO_FINAL_RESPONSE),
                    n);
            break;
        case OC_K_REGISTER:
            fputs("sipcode_register_finals_total{", p->f);
            group_labels(p->f, p->sum, g, 1);
            if (pl)
                fprintf(p->f, "code=\"%u\"} %llu\n", pl, n);
            else
                fprintf(p->f, "code=\"none\"} %llu\n", n);
            break;
        case OC_K_REASON:
            fputs("sipcode_reason_causes_total{", p->f);
            group_labels(p->f, p->sum, g, 1);
            fprintf(p->f, "code=\"%u\",protocol=\"%s\",cause=\"%u\"} %llu\n", pl >> 14,
                    (pl >> 12 & 3) == SIPCODE_REASON_SIP ? "SIP"
                    : (pl >> 12 & 3) == SIPCODE_REASON_Q850 ? "Q.850" : "other",
                    pl & 4095, n);
            break;
        case OC_K_WARNING:
            fputs("sipcode_warnings_total{", p->f);
            group_labels(p->f, p->sum, g, 1);
            fprintf(p->f, "code=\"%u\",warning=\"%u\"} %llu\n", pl >> 10, pl & 1023, n);
            break;
        case OC_K_RETRY:
            fputs("sipcode_retry_after_total{", p->f);
            group_labels(p->f, p->sum, g, 1);
            fprintf(p->f, "code=\"%u\",seconds=\"%u\"} %llu\n", pl >> 12, pl & 4095, n);
            break;
        case OC_K_DISAGREE:
            fputs("sipcode_q850_disagreements_total{", p->f);
            group_labels(p->f, p->sum, g, 1);
            fprintf(p->f, "code=\"%u\",cause=\"%u\"} %llu\n", pl >> 8, pl & 255, n);
            break;
        default:
            break;
        }
    }
}

static void s_scalar(const struct prom *p, const char *g, const struct oc_stats *st)
{
    fprintf(p->f, "sipcode_%s_total", oc_scalar_name((enum oc_scalar)p->sub));
    if (p->sum->by) {
        fputc('{', p->f);
        group_labels(p->f, p->sum, g, 0);
        fputc('}', p->f);
    }
    fprintf(p->f, " %llu\n", (unsigned long long)oc_get(st, OC_KEY(OC_K_SCALAR, p->sub)));
}

static void s_outcome(const struct prom *p, const char *g, const struct oc_stats *st)
{
    struct oc_view v;
    int k;

    oc_view(st, &v);
    for (k = 1; k <= SIPCODE_OUTCOME_COUNT; k++) {
        fputs("sipcode_outcomes_total{", p->f);
        group_labels(p->f, p->sum, g, 1);
        fprintf(p->f, "outcome=\"%s\"} %llu\n", sipcode_outcome_name((enum sipcode_outcome)k),
                (unsigned long long)v.outcome[k]);
    }
}

static void s_metric(const struct prom *p, const char *g, const struct oc_stats *st)
{
    struct oc_view v;
    int k;

    oc_view(st, &v);
    for (k = 0; k < OC_METRICS; k++) {
        fprintf(p->f, "sipcode_rfc6076_%s_total{", p->sub ? "denominator" : "numerator");
        group_labels(p->f, p->sum, g, 1);
        fprintf(p->f, "metric=\"%s\"} %llu\n", v.metric[k].name,
                (unsigned long long)(p->sub ? v.metric[k].denominator : v.metric[k].numerator));
    }
}

/* Prometheus buckets: whole octaves of the log-scale histogram, 2^10 us
 * (about 1 ms) to 2^35 us (about 9.5 h), so that every host has the same
 * bounds and the counts below each bound are exact. */
static void s_delay(const struct prom *p, const char *g, const struct oc_stats *st)
{
    int d, fail, k;

    for (d = 0; d < OC_DELAYS; d++) {
        for (fail = 0; fail < 2; fail++) {
            uint32_t id = (uint32_t)d << 1 | (uint32_t)fail, lo = OC_KEY(OC_K_HIST, id << 12);
            uint64_t below = 0;
            size_t i = 0;
            for (k = 10; k <= 35; k++) {
                uint64_t bound = ((uint64_t)1 << k) - 1; /* us */
                for (; i < st->n && st->e[i].key < lo + OC_HIST_BUCKETS; i++) {
                    if (st->e[i].key < lo)
                        continue;
                    if ((uint64_t)oc_hist_upper(st->e[i].key - lo) > bound)
                        break;
                    below += st->e[i].value;
                }
                fputs("sipcode_delay_seconds_bucket{", p->f);
                group_labels(p->f, p->sum, g, 1);
                fprintf(p->f, "delay=\"%s\",result=\"%s\",le=\"%.6f\"} %llu\n",
                        oc_delay_name((enum oc_delay)d), fail ? "failure" : "success",
                        (double)(bound + 1) / 1e6, (unsigned long long)below);
            }
            fputs("sipcode_delay_seconds_bucket{", p->f);
            group_labels(p->f, p->sum, g, 1);
            fprintf(p->f, "delay=\"%s\",result=\"%s\",le=\"+Inf\"} %llu\n",
                    oc_delay_name((enum oc_delay)d), fail ? "failure" : "success",
                    (unsigned long long)oc_hist_count(st, (enum oc_delay)d, fail));
            fputs("sipcode_delay_seconds_sum{", p->f);
            group_labels(p->f, p->sum, g, 1);
            fprintf(p->f, "delay=\"%s\",result=\"%s\"} %.6f\n", oc_delay_name((enum oc_delay)d),
                    fail ? "failure" : "success",
                    (double)oc_get(st, OC_KEY(OC_K_SUM, id)) / 1e6);
            fputs("sipcode_delay_seconds_count{", p->f);
            group_labels(p->f, p->sum, g, 1);
            fprintf(p->f, "delay=\"%s\",result=\"%s\"} %llu\n", oc_delay_name((enum oc_delay)d),
                    fail ? "failure" : "success",
                    (unsigned long long)oc_hist_count(st, (enum oc_delay)d, fail));
        }
    }
}

/* The families written entry by entry from the counts of one key kind. */
static const struct {
    const char *name, *help;
    int kind;
} by_key[] = {
    { "sipcode_final_responses_total", "final responses per method and code, once per transaction",
      OC_K_FINAL },
    { "sipcode_provisional_responses_total",
      "provisional responses per method and code, retransmissions apart", OC_K_PROV },
    { "sipcode_attempt_finals_total", "session attempts by the final code of their last INVITE transaction", OC_K_ATTEMPT },
    { "sipcode_register_finals_total", "initial REGISTERs by their final code", OC_K_REGISTER },
    { "sipcode_reason_causes_total", "Reason header causes (RFC 3326) per final code and protocol, once per transaction", OC_K_REASON },
    { "sipcode_warnings_total", "Warning codes (RFC 3261 section 20.43) per final code, once per transaction", OC_K_WARNING },
    { "sipcode_retry_after_total",
      "final responses with a Retry-After, per code and seconds (3601: more than an hour)",
      OC_K_RETRY },
    { "sipcode_q850_disagreements_total",
      "final responses whose Q.850 cause and status code disagree with RFC 3398, per pair", OC_K_DISAGREE },
};

static void write_prometheus(const struct oc_summary *sum, FILE *f)
{
    struct prom p;
    char name[96];
    int k;

    p.f = f;
    p.sum = sum;
    p.kind = p.sub = 0;
    for (k = 0; k < OC_MCOUNTS; k++) {
        snprintf(name, sizeof name, "sipcode_method_%s_total", oc_mcount_name((enum oc_mcount)k));
        family(f, name, "counter", oc_mcount_help((enum oc_mcount)k));
        p.kind = OC_K_METHOD;
        p.sub = k;
        each(&p, s_kind);
    }
    for (k = 0; k < OC_SCALARS; k++) {
        snprintf(name, sizeof name, "sipcode_%s_total", oc_scalar_name((enum oc_scalar)k));
        family(f, name, "counter", oc_scalar_help((enum oc_scalar)k));
        p.sub = k;
        each(&p, s_scalar);
    }
    family(f, "sipcode_outcomes_total", "counter", "session attempts by outcome group (the groups of outcomes.csv)");
    each(&p, s_outcome);
    family(f, "sipcode_rfc6076_numerator_total", "counter",
           "numerators of the RFC 6076 section 4 ratios SER, SEER, ISA, SCR and IRA");
    p.sub = 0;
    each(&p, s_metric);
    family(f, "sipcode_rfc6076_denominator_total", "counter",
           "denominators of the RFC 6076 section 4 ratios SER, SEER, ISA, SCR and IRA");
    p.sub = 1;
    each(&p, s_metric);
    for (k = 0; k < (int)(sizeof by_key / sizeof by_key[0]); k++) {
        family(f, by_key[k].name, "counter", by_key[k].help);
        p.kind = by_key[k].kind;
        each(&p, s_kind);
    }
    family(f, "sipcode_delay_seconds", "histogram", "RFC 6076 section 4 delays SRD, RRD, SDD and SDT in seconds, successes and failures apart");
    each(&p, s_delay);
}

void oc_write(const struct oc_summary *sum, enum oc_format fmt, FILE *f)
{
    switch (fmt) {
    case OC_JSON:
        write_json(sum, f);
        break;
    case OC_CSV:
        oc_write_csv(sum, NULL, f);
        break;
    case OC_PROMETHEUS:
        write_prometheus(sum, f);
        break;
    default:
        write_text(sum, f);
        break;
    }
}
