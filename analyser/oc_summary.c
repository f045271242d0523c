/* SPDX-License-Identifier: MIT */
/* The summary a report shows (oc_report.h): the total and the groups of a
 * scan, sorted, cut to the top names, and written in each format. */
#include "oc_report.h"

#include <stdlib.h>
#include <string.h>

#include "oc_internal.h"

const char *oc_by_name(int by)
{
    return by == OC_BY_SRC ? "src" : by == OC_BY_DST ? "dst" : by == OC_BY_DOMAIN ? "uri-domain" : NULL;
}

void oc_summary_free(struct oc_summary *sum)
{
    size_t i;

    oc_stats_free(&sum->total);
    for (i = 0; i < sum->ngroups; i++)
        oc_stats_free(&sum->groups[i].st);
    free(sum->groups);
    memset(sum, 0, sizeof *sum);
}

static uint64_t weight(const struct oc_stats *s)
{
    uint64_t w = 0;
    int m;

    for (m = 0; m < OC_METHODS; m++)
        w += oc_get(s, OC_KEY(OC_K_METHOD, (uint32_t)m << 8 | OC_TRANSACTIONS));
    return w;
}

struct name_weight {
    const char *name;
    uint64_t w;
};

static int by_weight(const void *a, const void *b)
{
    const struct name_weight *x = a, *y = b;

    if (x->w != y->w)
        return x->w < y->w ? 1 : -1;
    return strcmp(x->name, y->name);
}

static int by_bucket_name(const void *a, const void *b)
{
    const struct oc_group *x = a, *y = b;
    int xr = strcmp(x->name, "(rest)") == 0, yr = strcmp(y->name, "(rest)") == 0;

    if (x->bucket != y->bucket)
        return x->bucket < y->bucket ? -1 : 1;
    if (xr != yr)
        return xr - yr;
    return strcmp(x->name, y->name);
}

/* Adds group g into the summary's group of the same name and bucket. */
static int add_group(struct oc_summary *sum, const char *name, int64_t bucket,
                     const struct oc_stats *st)
{
    size_t i;
    struct oc_group *gr;

    for (i = 0; i < sum->ngroups; i++)
        if (sum->groups[i].bucket == bucket && strcmp(sum->groups[i].name, name) == 0)
            break;
    if (i == sum->ngroups) {
        gr = realloc(sum->groups, (sum->ngroups + 1) * sizeof *gr);
        if (!gr)
            return -1;
        sum->groups = gr;
        gr = &sum->groups[sum->ngroups++];
        memset(gr, 0, sizeof *gr);
        snprintf(gr->name, sizeof gr->name, "%s", name);
        gr->bucket = bucket;
    }
    oc_merge(&sum->groups[i].st, st);
    return sum->groups[i].st.failed ? -1 : 0;
}

int oc_summary_add_group(struct oc_summary *sum, const char *name, int64_t bucket,
                         const struct oc_stats *st);
int oc_summary_add_group(struct oc_summary *sum, const char *name, int64_t bucket,
                         const struct oc_stats *st)
{
    return add_group(sum, name, bucket, st);
}

void oc_summary_sort(struct oc_summary *sum);
void oc_summary_sort(struct oc_summary *sum)
{
    if (sum->ngroups)
        qsort(sum->groups, sum->ngroups, sizeof *sum->groups, by_bucket_name);
}

int oc_summary_of(struct oc *oc, size_t top, struct oc_summary *sum)
{
    size_t n, i, j, nnames = 0;
    struct oc_group *g = oc_groups(oc, &n);
    struct name_weight *names = NULL;
    int rc = 0;

    memset(sum, 0, sizeof *sum);
    sum->by = oc_by_name((int)oc->opts.by);
    sum->interval_s = oc->opts.interval_us / 1000000;
    oc_merge(&sum->total, oc_total(oc));
    if (top && n) {
        names = calloc(n, sizeof *names);
        if (!names)
            return -1;
        for (i = 0; i < n; i++) {
            for (j = 0; j < nnames && strcmp(names[j].name, g[i].name) != 0; j++)
                ;
            if (j == nnames)
                names[nnames++].name = g[i].name;
            names[j].w += weight(&g[i].st);
        }
        qsort(names, nnames, sizeof *names, by_weight);
    }
    for (i = 0; i < n && rc == 0; i++) {
        const char *name = g[i].name;
        if (top) {
            for (j = 0; j < top && j < nnames && strcmp(names[j].name, name) != 0; j++)
                ;
            if (j == top || j == nnames)
                name = "(rest)";
        }
        rc = add_group(sum, name, g[i].bucket, &g[i].st);
    }
    free(names);
    oc_summary_sort(sum);
    return rc || sum->total.failed ? -1 : 0;
}
