/* SPDX-License-Identifier: MIT */
/* Counting records and writing the capture sections of `sipcode scan`'s
 * report. The per-code counts are the trace scanner's (cli/scan.h), so a
 * text trace and a capture fill the same table. */
#ifndef SIPCODE_REPORT_H
#define SIPCODE_REPORT_H

#include <stdio.h>

#include "analyser.h"
#include "oc_report.h"
#include "scan.h"

/* Distinct methods remembered; later ones are counted together. */
#define REPORT_METHODS 64

struct report_method {
    char name[32];
    size_t len;
    unsigned long long count;
};

struct resend_slot;

struct report {
    struct scan codes; /* responses per code and phrase */
    unsigned long long messages, requests, retransmissions, other_methods;
    unsigned long long transports[AN_TRANSPORTS];
    size_t nmethods;
    struct report_method methods[REPORT_METHODS];
    struct resend_slot *resend;
};

int report_init(struct report *rp); /* 0, or -1 when out of memory */
void report_free(struct report *rp);

/* An an_record_fn: counts one record (ctx is the struct report). */
void report_record(void *ctx, const struct an_record *r);

/* The counts of JSON summaries added up (sipcode merge): an oc_base_fn
 * whose ctx is a struct report_sum. */
struct report_sum {
    struct report *rp;
    struct an_counts *an;
};
int report_merge(void *ctx, enum oc_base what, int code, const char *key, size_t len, uint64_t n);

/* One row per record: "record", time, transport (with "/HEP" when it came
 * in HEP), source, destination, then the method and Request-URI or the
 * code and phrase, CSeq number and method, Call-ID, top Via branch, From
 * tag, To tag, Reason, Warning; "-" for what the message lacks. */
void report_print_record(FILE *f, const struct an_record *r);

/* Rows "total", "method", "transport", "not-decoded" (an may be NULL when
 * no capture was read), each starting with its section name. */
void report_text(struct report *rp, const struct an_counts *an, FILE *f);

/* The same as JSON members, each preceded by ", ". */
void report_json(struct report *rp, const struct an_counts *an, FILE *f);

#endif
