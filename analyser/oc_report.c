/* SPDX-License-Identifier: MIT */
/* Text and JSON forms of the outcome analysis (oc_report.h). */
#include "oc_report.h"

#include <string.h>

#include "json.h"

void oc_view(const struct oc_stats *s, struct oc_view *v)
{
    static const char *const names[OC_METRICS] = { "SER", "SEER", "ISA", "SCR", "IRA" };
    static const char *const sections[OC_METRICS] = { "4.6", "4.7", "4.8", "4.9", "4.2" };
    uint64_t ser_excluded = 0, seer_excluded = 0;
    size_t i;
    int k;

    memset(v, 0, sizeof *v);
    for (k = 0; k < OC_METRICS; k++) {
        v->metric[k].name = names[k];
        v->metric[k].section = sections[k];
    }
    for (k = 0; k < OC_SCALARS; k++)
        v->scalar[k] = oc_get(s, OC_KEY(OC_K_SCALAR, k));
    for (i = 0; i < s->n; i++) {
        uint32_t kind = OC_KIND(s->e[i].key), pl = OC_PAYLOAD(s->e[i].key);
        uint64_t n = s->e[i].value;
        int code = (int)(pl & 1023);
        unsigned roles;

        if (kind == OC_K_ATTEMPT) {
            enum sipcode_outcome o =
                sipcode_outcome(code, pl >> 10 ? SIPCODE_OUTCOME_CANCEL_SENT : 0u);
            roles = sipcode_metric_roles(code);
            if ((unsigned)o <= SIPCODE_OUTCOME_COUNT)
                v->outcome[o] += n;
            if (roles & SIPCODE_METRIC_SER_NUMERATOR)
                v->metric[OC_SER].numerator += n;
            if (roles & SIPCODE_METRIC_SER_EXCLUDED)
                ser_excluded += n;
            if (roles & SIPCODE_METRIC_SEER_NUMERATOR)
                v->metric[OC_SEER].numerator += n;
            if (roles & SIPCODE_METRIC_SEER_EXCLUDED)
                seer_excluded += n;
            if (roles & SIPCODE_METRIC_ISA_NUMERATOR)
                v->metric[OC_ISA].numerator += n;
        } else if (kind == OC_K_REGISTER) {
            if (sipcode_metric_roles(code) & SIPCODE_METRIC_IRA_NUMERATOR)
                v->metric[OC_IRA].numerator += n;
        }
    }
    v->metric[OC_SER].denominator = v->scalar[OC_ATTEMPTS] - ser_excluded;
    v->metric[OC_SEER].denominator = v->scalar[OC_ATTEMPTS] - seer_excluded;
    v->metric[OC_ISA].denominator = v->scalar[OC_ATTEMPTS];
    v->metric[OC_SCR].numerator = v->scalar[OC_COMPLETED];
    v->metric[OC_SCR].denominator = v->scalar[OC_ATTEMPTS];
    v->metric[OC_IRA].denominator = v->scalar[OC_REGISTRATIONS];
}

static const char *proto_name(unsigned p)
{
    return p == SIPCODE_REASON_SIP ? "SIP" : p == SIPCODE_REASON_Q850 ? "Q.850" : "other";
}

/* Text rows give "-" for what they lack. */
static const char *or_dash(const char *s)
{
    return s ? s : "-";
}

/* The name of a cause: Q.850's, or the phrase of a SIP code. */
static const char *cause_name(unsigned proto, int cause)
{
    if (proto == SIPCODE_REASON_Q850)
        return sipcode_q850_name(cause);
    if (proto == SIPCODE_REASON_SIP)
        return sipcode_phrase(cause);
    return NULL;
}

static void put_ms(FILE *f, int64_t us)
{
    fprintf(f, "%lld.%03lld", (long long)(us / 1000), (long long)(us % 1000));
}

static void put_ratio(FILE *f, const struct oc_metric *m, const char *undefined)
{
    if (m->denominator)
        fprintf(f, "%.6f", (double)m->numerator / (double)m->denominator);
    else
        fputs(undefined, f);
}

static const char *const quantile_names[] = { "median", "p90", "p99" };
static const double quantiles[] = { 0.5, 0.9, 0.99 };

void oc_text(const struct oc_stats *s, FILE *f)
{
    struct oc_view v;
    size_t i;
    int k, d, fail;

    oc_view(s, &v);
    for (i = 0; i < s->n; i++) {
        uint32_t kind = OC_KIND(s->e[i].key), pl = OC_PAYLOAD(s->e[i].key);
        unsigned long long n = (unsigned long long)s->e[i].value;
        int code;

        switch (kind) {
        case OC_K_METHOD:
            fprintf(f, "transactions\t%s\t%s\t%llu\n", oc_method_name((enum oc_method)(pl >> 8)),
                    oc_mcount_name((enum oc_mcount)(pl & 255)), n);
            break;
        case OC_K_FINAL:
        case OC_K_PROV:
            code = (int)(pl & 1023);
            fprintf(f, "%s\t%s\t%d\t%llu\t%s\n", kind == OC_K_FINAL ? "final" : "provisional",
                    oc_method_name((enum oc_method)(pl >> 10)), code, n,
                    or_dash(sipcode_phrase(code)));
            break;
        case OC_K_ATTEMPT:
            code = (int)(pl & 1023);
            if (code)
                fprintf(f, "attempt-code\t%d\t%llu\t%s\t%s\t%s\n", code, n,
                        or_dash(sipcode_phrase(code)),
                        sipcode_class_name(sipcode_class(code)),
                        sipcode_outcome_name(sipcode_outcome(
                            code, pl >> 10 ? SIPCODE_OUTCOME_CANCEL_SENT : 0u)));
            else
                fprintf(f, "attempt-code\tnone\t%llu\t-\t-\t%s\n", n,
                        sipcode_outcome_name(SIPCODE_OUTCOME_NO_FINAL_RESPONSE));
            break;
        case OC_K_REGISTER:
            code = (int)pl;
            if (code)
                fprintf(f, "register-code\t%d\t%llu\t%s\t%s\n", code, n,
                        or_dash(sipcode_phrase(code)),
                        sipcode_class_name(sipcode_class(code)));
            else
                fprintf(f, "register-code\tnone\t%llu\t-\t-\n", n);
            break;
        case OC_K_REASON: {
            unsigned proto = pl >> 12 & 3;
            int cause = (int)(pl & 4095);
            const char *name = cause_name(proto, cause);
            fprintf(f, "reason\t%u\t%s\t%d\t%llu\t%s\n", pl >> 14, proto_name(proto), cause, n,
                    or_dash(name));
            break;
        }
        case OC_K_WARNING: {
            const char *text = sipcode_warning_text((int)(pl & 1023));
            fprintf(f, "warning\t%u\t%u\t%llu\t%s\n", pl >> 10, pl & 1023, n, or_dash(text));
            break;
        }
        case OC_K_RETRY:
            fprintf(f, "retry-after\t%u\t%u\t%llu\n", pl >> 12, pl & 4095, n);
            break;
        case OC_K_DISAGREE: {
            const char *name = sipcode_q850_name((int)(pl & 255));
            fprintf(f, "q850-disagrees\t%u\t%u\t%llu\t%s\n", pl >> 8, pl & 255, n,
                    or_dash(name));
            break;
        }
        default:
            break;
        }
    }
    for (k = 0; k < OC_SCALARS; k++)
        fprintf(f, "calls\t%s\t%llu\n", oc_scalar_name((enum oc_scalar)k),
                (unsigned long long)v.scalar[k]);
    for (k = 1; k <= SIPCODE_OUTCOME_COUNT; k++)
        fprintf(f, "outcome\t%s\t%llu\n", sipcode_outcome_name((enum sipcode_outcome)k),
                (unsigned long long)v.outcome[k]);
    for (k = 0; k < OC_METRICS; k++) {
        fprintf(f, "metric\t%s\t%llu\t%llu\t", v.metric[k].name,
                (unsigned long long)v.metric[k].numerator,
                (unsigned long long)v.metric[k].denominator);
        put_ratio(f, &v.metric[k], "undefined");
        fprintf(f, "\tRFC 6076 %s\n", v.metric[k].section);
    }
    for (d = 0; d < OC_DELAYS; d++) {
        for (fail = 0; fail < 2; fail++) {
            uint64_t n = oc_hist_count(s, (enum oc_delay)d, fail);
            fprintf(f, "delay\t%s\t%s\t%llu", oc_delay_name((enum oc_delay)d),
                    fail ? "failure" : "success", (unsigned long long)n);
            for (k = 0; k < 3; k++) {
                fputc('\t', f);
                if (n)
                    put_ms(f, oc_hist_quantile(s, (enum oc_delay)d, fail, quantiles[k]));
                else
                    fputc('-', f);
            }
            fputc('\t', f);
            if (n)
                put_ms(f, (int64_t)oc_get(s, OC_KEY(OC_K_MAX, (uint32_t)d << 1 | (uint32_t)fail)));
            else
                fputc('-', f);
            fputc('\n', f);
        }
    }
}

static void json_delay(const struct oc_stats *s, FILE *f, enum oc_delay d, int fail)
{
    uint32_t id = (uint32_t)d << 1 | (uint32_t)fail, lo = OC_KEY(OC_K_HIST, id << 12);
    uint64_t n = oc_hist_count(s, d, fail);
    size_t i;
    int k, first = 1;

    fprintf(f, "{\"count\": %llu", (unsigned long long)n);
    for (k = 0; k < 3; k++) {
        fprintf(f, ", \"%s_ms\": ", quantile_names[k]);
        if (n)
            put_ms(f, oc_hist_quantile(s, d, fail, quantiles[k]));
        else
            fputs("null", f);
    }
    fputs(", \"max_ms\": ", f);
    if (n)
        put_ms(f, (int64_t)oc_get(s, OC_KEY(OC_K_MAX, id)));
    else
        fputs("null", f);
    fprintf(f, ", \"max_us\": %llu, \"sum_us\": %llu, \"histogram_us\": {",
            (unsigned long long)oc_get(s, OC_KEY(OC_K_MAX, id)),
            (unsigned long long)oc_get(s, OC_KEY(OC_K_SUM, id)));
    for (i = 0; i < s->n; i++) {
        if (s->e[i].key < lo || s->e[i].key >= lo + OC_HIST_BUCKETS)
            continue;
        fprintf(f, "%s\"%lld\": %llu", first ? "" : ", ",
                (long long)oc_hist_upper(s->e[i].key - lo), (unsigned long long)s->e[i].value);
        first = 0;
    }
    fputs("}}", f);
}

static void json_str0(FILE *f, const char *s)
{
    if (s)
        json_string(f, s, strlen(s));
    else
        fputs("null", f);
}

/* Entries of one kind as a JSON array of objects, written by fn. */
static void json_list(const struct oc_stats *s, FILE *f, uint32_t kind, const char *name,
                      void (*fn)(FILE *, uint32_t, unsigned long long))
{
    size_t i;
    int first = 1;

    fprintf(f, ", \"%s\": [", name);
    for (i = 0; i < s->n; i++) {
        if (OC_KIND(s->e[i].key) != kind)
            continue;
        fputs(first ? "{" : ", {", f);
        first = 0;
        fn(f, OC_PAYLOAD(s->e[i].key), (unsigned long long)s->e[i].value);
        fputc('}', f);
    }
    fputc(']', f);
}

static void j_attempt(FILE *f, uint32_t pl, unsigned long long n)
{
    int code = (int)(pl & 1023);

    if (code)
        fprintf(f, "\"code\": %d", code);
    else
        fputs("\"code\": null", f);
    fprintf(f, ", \"after_cancel\": %s, \"count\": %llu, \"phrase\": ", pl >> 10 ? "true" : "false",
            n);
    json_str0(f, sipcode_phrase(code));
    fputs(", \"class\": ", f);
    json_str0(f, sipcode_class_name(sipcode_class(code)));
    fputs(", \"outcome\": ", f);
    json_str0(f, sipcode_outcome_name(
                     code ? sipcode_outcome(code, pl >> 10 ? SIPCODE_OUTCOME_CANCEL_SENT : 0u)
                          : SIPCODE_OUTCOME_NO_FINAL_RESPONSE));
}

static void j_register(FILE *f, uint32_t pl, unsigned long long n)
{
    int code = (int)pl;

    if (code)
        fprintf(f, "\"code\": %d, \"count\": %llu, \"phrase\": ", code, n);
    else
        fprintf(f, "\"code\": null, \"count\": %llu, \"phrase\": ", n);
    json_str0(f, sipcode_phrase(code));
}

static void j_reason(FILE *f, uint32_t pl, unsigned long long n)
{
    unsigned proto = pl >> 12 & 3;
    int cause = (int)(pl & 4095);

    fprintf(f, "\"code\": %u, \"protocol\": \"%s\", \"cause\": %d, \"count\": %llu, \"name\": ",
            pl >> 14, proto_name(proto), cause, n);
    json_str0(f, cause_name(proto, cause));
}

static void j_warning(FILE *f, uint32_t pl, unsigned long long n)
{
    fprintf(f, "\"code\": %u, \"warning\": %u, \"count\": %llu, \"text\": ", pl >> 10, pl & 1023,
            n);
    json_str0(f, sipcode_warning_text((int)(pl & 1023)));
}

static void j_retry(FILE *f, uint32_t pl, unsigned long long n)
{
    fprintf(f, "\"code\": %u, \"seconds\": %u, \"count\": %llu", pl >> 12, pl & 4095, n);
}

static void j_disagree(FILE *f, uint32_t pl, unsigned long long n)
{
    fprintf(f, "\"code\": %u, \"cause\": %u, \"count\": %llu, \"name\": ", pl >> 8, pl & 255, n);
    json_str0(f, sipcode_q850_name((int)(pl & 255)));
}

static void json_method(const struct oc_stats *s, FILE *f, int m)
{
    size_t i;
    int k, kind;

    for (k = 0; k < OC_MCOUNTS; k++)
        fprintf(f, "%s\"%s\": %llu", k ? ", " : "", oc_mcount_name((enum oc_mcount)k),
                (unsigned long long)oc_get(
                    s, OC_KEY(OC_K_METHOD, (uint32_t)m << 8 | (uint32_t)k)));
    for (kind = OC_K_FINAL; kind <= OC_K_PROV; kind++) {
        int first = 1;
        fprintf(f, ", \"%s\": {", kind == OC_K_FINAL ? "finals" : "provisionals");
        for (i = 0; i < s->n; i++) {
            uint32_t pl = OC_PAYLOAD(s->e[i].key);
            if (OC_KIND(s->e[i].key) != (uint32_t)kind || (int)(pl >> 10) != m)
                continue;
            fprintf(f, "%s\"%u\": %llu", first ? "" : ", ", pl & 1023,
                    (unsigned long long)s->e[i].value);
            first = 0;
        }
        fputc('}', f);
    }
}

void oc_json(const struct oc_stats *s, FILE *f)
{
    struct oc_view v;
    int k, m, d, first = 1;

    oc_view(s, &v);
    fputs("\"methods\": {", f);
    for (m = 0; m < OC_METHODS; m++) {
        size_t i;
        int seen = 0;
        for (i = 0; i < s->n && !seen; i++) {
            uint32_t kind = OC_KIND(s->e[i].key), pl = OC_PAYLOAD(s->e[i].key);
            seen = (kind == OC_K_METHOD && (int)(pl >> 8) == m) ||
                   ((kind == OC_K_FINAL || kind == OC_K_PROV) && (int)(pl >> 10) == m);
        }
        if (!seen)
            continue;
        fprintf(f, "%s\"%s\": {", first ? "" : ", ", oc_method_name((enum oc_method)m));
        first = 0;
        json_method(s, f, m);
        fputc('}', f);
    }
    fputc('}', f);
    for (k = 0; k < OC_SCALARS; k++)
        fprintf(f, ", \"%s\": %llu", oc_scalar_name((enum oc_scalar)k),
                (unsigned long long)v.scalar[k]);
    json_list(s, f, OC_K_ATTEMPT, "attempts_by_code", j_attempt);
    fputs(", \"outcomes\": {", f);
    for (k = 1; k <= SIPCODE_OUTCOME_COUNT; k++)
        fprintf(f, "%s\"%s\": %llu", k > 1 ? ", " : "",
                sipcode_outcome_name((enum sipcode_outcome)k), (unsigned long long)v.outcome[k]);
    fputs("}, \"metrics\": {", f);
    for (k = 0; k < OC_METRICS; k++) {
        fprintf(f, "%s\"%s\": {\"numerator\": %llu, \"denominator\": %llu, \"ratio\": ",
                k ? ", " : "", v.metric[k].name, (unsigned long long)v.metric[k].numerator,
                (unsigned long long)v.metric[k].denominator);
        put_ratio(f, &v.metric[k], "null");
        fprintf(f, ", \"rfc6076_section\": \"%s\"}", v.metric[k].section);
    }
    fputs("}, \"delays\": {", f);
    for (d = 0; d < OC_DELAYS; d++) {
        fprintf(f, "%s\"%s\": {\"success\": ", d ? ", " : "", oc_delay_name((enum oc_delay)d));
        json_delay(s, f, (enum oc_delay)d, 0);
        fputs(", \"failure\": ", f);
        json_delay(s, f, (enum oc_delay)d, 1);
        fputc('}', f);
    }
    fputc('}', f);
    json_list(s, f, OC_K_REGISTER, "registrations_by_code", j_register);
    json_list(s, f, OC_K_REASON, "reasons", j_reason);
    json_list(s, f, OC_K_WARNING, "warnings", j_warning);
    json_list(s, f, OC_K_RETRY, "retry_after", j_retry);
    json_list(s, f, OC_K_DISAGREE, "q850_disagreements", j_disagree);
}
