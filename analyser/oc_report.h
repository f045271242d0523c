/* SPDX-License-Identifier: MIT */
/* The outcome analysis's report: what stats.h counts, with what it means
 * (outcome groups, RFC 6076 metrics, delay percentiles) worked out, as text
 * rows, JSON, CSV or Prometheus text exposition; and JSON summaries read
 * back and added up (sipcode merge). */
#ifndef SIPCODE_OC_REPORT_H
#define SIPCODE_OC_REPORT_H

#include <stdint.h>
#include <stdio.h>

#include "sipcode.h"
#include "outcomes.h"
#include "stats.h"

/* An RFC 6076 ratio: numerator / denominator, undefined when the
 * denominator is 0. */
struct oc_metric {
    const char *name;    /* "SER" */
    const char *section; /* "4.6" */
    uint64_t numerator, denominator;
};

enum { OC_SER, OC_SEER, OC_ISA, OC_SCR, OC_IRA, OC_METRICS };

struct oc_view {
    uint64_t scalar[OC_SCALARS];
    uint64_t outcome[SIPCODE_OUTCOME_COUNT + 1]; /* by enum sipcode_outcome */
    struct oc_metric metric[OC_METRICS];
};

void oc_view(const struct oc_stats *s, struct oc_view *v);

/* The rows of one group, each starting with its section name. */
void oc_text(const struct oc_stats *s, FILE *f);
/* The members of one group's JSON object, without the braces. */
void oc_json(const struct oc_stats *s, FILE *f);

/* What a report shows: the total and the groups, in the order of their
 * time bucket, then name; with a top, the groups of the top names by
 * transactions, the others added up as "(rest)" per bucket. Built from a
 * scan (oc_summary_of) or from JSON summaries (oc_summary_read). */
struct oc_summary {
    struct oc_stats total;
    struct oc_group *groups;
    size_t ngroups;
    const char *by;      /* "src", "dst", "uri-domain", or NULL */
    int64_t interval_s;  /* 0: no time buckets */
};

struct oc;
int oc_summary_of(struct oc *oc, size_t top, struct oc_summary *sum); /* 0, or -1: no memory */
void oc_summary_free(struct oc_summary *sum);
const char *oc_by_name(int by); /* enum oc_by: NULL for none */

/* The "outcomes" object of a JSON summary (the whole output of scan
 * --json, or of merge --json) in text[0..len), added into sum; 0, or -1
 * with a one-line reason in why. Groups with the same name and bucket add. */
int oc_summary_read(struct oc_summary *sum, const char *text, size_t len, char *why, size_t whylen);

/* The counts of a summary outside its "outcomes" object, handed to the
 * caller one by one: OC_B_SCALAR a top-level count named by key
 * ("status_lines", "messages", "requests", "retransmissions", "packets");
 * OC_B_PHRASE a phrase (JSON escapes undone) of code, OC_B_OTHER_PHRASES
 * the phrases not remembered of code, OC_B_CANONICAL the rest of code's
 * count (its own phrase); OC_B_METHOD, OC_B_TRANSPORT, OC_B_NOT_DECODED a
 * member of "methods", "transports", "not_decoded"; OC_B_MALFORMED the
 * "malformed_example" text (n 0). The function returns 0, or -1 for a name
 * it does not know (the summary is then refused). */
enum oc_base {
    OC_B_SCALAR, OC_B_PHRASE, OC_B_OTHER_PHRASES, OC_B_CANONICAL, OC_B_METHOD, OC_B_TRANSPORT,
    OC_B_NOT_DECODED, OC_B_MALFORMED
};
typedef int oc_base_fn(void *ctx, enum oc_base what, int code, const char *key, size_t len,
                       uint64_t n);

/* oc_summary_read, and the other counts to fn; a summary of a text trace
 * (no "outcomes" object, but "codes") is read too. *outcomes is set to 1
 * when the summary had an "outcomes" object. */
int oc_summary_read_all(struct oc_summary *sum, int *outcomes, oc_base_fn *fn, void *ctx,
                        const char *text, size_t len, char *why, size_t whylen);

enum oc_format { OC_TEXT, OC_JSON, OC_CSV, OC_PROMETHEUS };
/* Text: the total's rows, then per group a row "group NAME BUCKET" and its
 * rows. JSON: the members of the "outcomes" object, groups in "groups".
 * CSV: one line per text row, with the group and bucket in front, a header
 * line first. Prometheus: text exposition format 0.0.4. */
void oc_write(const struct oc_summary *sum, enum oc_format fmt, FILE *f);
/* The CSV form, with the text rows in rows (read from its start; NULL: none)
 * as rows of the group "(total)" before the summary's own. */
void oc_write_csv(const struct oc_summary *sum, FILE *rows, FILE *f);

#endif
