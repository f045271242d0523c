/* SPDX-License-Identifier: MIT */
/* The outcome analysis's record callback: each record goes to its
 * transaction (txn.c) and, when new, to its call (calls.c); the first final
 * response of a transaction also has its Reason and Warning headers counted.
 * Counts go to the total and to the record's group (--by, --interval). */
#include "oc_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sipcode.h"

void oc_opts_default(struct oc_opts *o)
{
    memset(o, 0, sizeof *o);
    o->calls_max = 100000;
    o->txns_max = 100000;
    o->groups_max = 10000;
}

struct oc *oc_new(const struct oc_opts *o)
{
    struct oc *oc = calloc(1, sizeof *oc);

    if (!oc)
        return NULL;
    if (o)
        oc->opts = *o;
    else
        oc_opts_default(&oc->opts);
    oc->other_group = OC_NO_GROUP;
    if (tab_init(&oc->txns, oc->opts.txns_max, txn_size()) != 0 ||
        tab_init(&oc->calls, oc->opts.calls_max, call_size()) != 0) {
        oc_free(oc);
        return NULL;
    }
    return oc;
}

void oc_free(struct oc *oc)
{
    size_t i;

    if (!oc)
        return;
    tab_free(&oc->txns);
    tab_free(&oc->calls);
    oc_stats_free(&oc->total);
    for (i = 0; i < oc->ngroups; i++)
        oc_stats_free(&oc->groups[i].st);
    free(oc->groups);
    free(oc->group_index);
    free(oc->group_keys);
    free(oc);
}

struct oc_stats *oc_total(struct oc *oc)
{
    return &oc->total;
}

struct oc_group *oc_groups(struct oc *oc, size_t *n)
{
    *n = oc->ngroups;
    return oc->groups;
}

const struct oc_opts *oc_options(const struct oc *oc)
{
    return &oc->opts;
}

size_t oc_call_bytes(const struct oc *oc)
{
    return tab_bytes(&oc->calls);
}

size_t oc_txn_bytes(const struct oc *oc)
{
    return tab_bytes(&oc->txns);
}

void oc_count(struct oc *oc, uint32_t g, uint32_t key, uint64_t n)
{
    oc_add(&oc->total, key, n);
    if (g != OC_NO_GROUP)
        oc_add(&oc->groups[g].st, key, n);
}

void oc_count_delay(struct oc *oc, uint32_t g, enum oc_delay d, int failure, int64_t us)
{
    oc_delay(&oc->total, d, failure, us);
    if (g != OC_NO_GROUP)
        oc_delay(&oc->groups[g].st, d, failure, us);
}

/* ------------------------------------------------------------------ groups */

static void addr_name(char *buf, size_t size, const struct an_endpoint *e)
{
    const uint8_t *a = e->addr;

    if (e->family == 4) {
        snprintf(buf, size, "%u.%u.%u.%u", a[0], a[1], a[2], a[3]);
    } else {
        int i;
        size_t n = 0;
        for (i = 0; i < 16 && n + 6 < size; i += 2)
            n += (size_t)snprintf(buf + n, size - n, "%s%x", i ? ":" : "", a[i] << 8 | a[i + 1]);
    }
}

/* The host of a SIP, SIPS or tel URI, lower-cased: after the scheme and any
 * userinfo, up to a port, parameter or header. */
static void uri_domain(char *buf, size_t size, struct an_str uri)
{
    const char *p = uri.p, *end = uri.p + uri.len, *at, *q;
    size_t n = 0;

    if (!p) {
        snprintf(buf, size, "(none)");
        return;
    }
    q = memchr(p, ':', uri.len);
    if (q)
        p = q + 1;
    at = memchr(p, '@', (size_t)(end - p));
    if (at)
        p = at + 1;
    if (p < end && *p == '[') {
        for (; p < end && *p != ']' && n + 2 < size; p++)
            buf[n++] = *p;
        if (p < end)
            buf[n++] = ']';
    } else {
        for (; p < end && *p != ':' && *p != ';' && *p != '?' && *p != '>' && n + 1 < size; p++) {
            unsigned char ch = (unsigned char)*p;
            buf[n++] = (char)(ch >= 'A' && ch <= 'Z' ? ch + 32
                              : ch < 0x21 || ch > 0x7e || ch == '"' || ch == '\\' ? '?' : ch);
        }
    }
    buf[n] = '\0';
    if (!n)
        snprintf(buf, size, "(none)");
}

static int grow_index(struct oc *oc)
{
    size_t size = oc->group_index_size ? oc->group_index_size * 2 : 64, i;
    uint32_t *idx = calloc(size, sizeof *idx);
    uint64_t *keys = calloc(size, sizeof *keys);

    if (!idx || !keys) {
        free(idx);
        free(keys);
        return -1;
    }
    for (i = 0; i < oc->group_index_size; i++) {
        size_t j;
        if (!oc->group_index[i])
            continue;
        for (j = oc->group_keys[i] & (size - 1); idx[j]; j = (j + 1) & (size - 1))
            ;
        idx[j] = oc->group_index[i];
        keys[j] = oc->group_keys[i];
    }
    free(oc->group_index);
    free(oc->group_keys);
    oc->group_index = idx;
    oc->group_keys = keys;
    oc->group_index_size = size;
    return 0;
}

static uint32_t group_add(struct oc *oc, const char *name, int64_t bucket)
{
    struct oc_group *gr;

    if (oc->ngroups == oc->groups_cap) {
        size_t cap = oc->groups_cap ? oc->groups_cap * 2 : 16;
        gr = realloc(oc->groups, cap * sizeof *gr);
        if (!gr)
            return OC_NO_GROUP;
        oc->groups = gr;
        oc->groups_cap = cap;
    }
    gr = &oc->groups[oc->ngroups];
    memset(gr, 0, sizeof *gr);
    snprintf(gr->name, sizeof gr->name, "%s", name);
    gr->bucket = bucket;
    return (uint32_t)oc->ngroups++;
}

static uint32_t group_of(struct oc *oc, const char *name, int64_t bucket)
{
    uint64_t key = tab_hash(tab_hash(TAB_HASH_INIT, name, strlen(name)), &bucket, sizeof bucket);
    size_t j;
    uint32_t g;

    if (key == 0)
        key = 1;
    if ((oc->ngroups + 1) * 2 > oc->group_index_size && grow_index(oc) != 0)
        return OC_NO_GROUP;
    for (j = key & (oc->group_index_size - 1); oc->group_index[j];
         j = (j + 1) & (oc->group_index_size - 1))
        if (oc->group_keys[j] == key)
            return oc->group_index[j] - 1;
    if (oc->ngroups >= oc->opts.groups_max) {
        if (oc->other_group == OC_NO_GROUP)
            oc->other_group = group_add(oc, "(other)", 0);
        return oc->other_group;
    }
    g = group_add(oc, name, bucket);
    if (g != OC_NO_GROUP) {
        oc->group_index[j] = g + 1;
        oc->group_keys[j] = key;
    }
    return g;
}

/* The group of a transaction or call that this record starts. A response
 * seen without its request stands for the request: its destination was the
 * request's source. */
uint32_t oc_record_group(struct oc *oc, const struct an_record *r)
{
    char name[OC_GROUP_NAME_MAX];
    int64_t bucket = 0;

    if (oc->opts.by == OC_BY_NONE && !oc->opts.interval_us)
        return OC_NO_GROUP;
    name[0] = '\0';
    switch (oc->opts.by) {
    case OC_BY_SRC:
        addr_name(name, sizeof name, r->code ? &r->dst : &r->src);
        break;
    case OC_BY_DST:
        addr_name(name, sizeof name, r->code ? &r->src : &r->dst);
        break;
    case OC_BY_DOMAIN:
        if (r->code)
            snprintf(name, sizeof name, "(unknown)");
        else
            uri_domain(name, sizeof name, r->request_uri);
        break;
    default:
        break;
    }
    if (oc->opts.interval_us) {
        int64_t s = oc->opts.interval_us / 1000000;
        bucket = r->sec - (r->sec % s + s) % s;
    }
    return group_of(oc, name, bucket);
}

/* ------------------------------------------------------- Reason, Warning */

static void count_reason(struct oc *oc, uint32_t g, const struct an_record *r)
{
    struct sipcode_reason v[4];
    size_t n, i;

    if (!r->reason.len)
        return;
    if (sipcode_parse_reason(r->reason.p, r->reason.len, v, 4, &n) != 0) {
        oc_count(oc, g, OC_KEY(OC_K_SCALAR, OC_REASON_MALFORMED), 1);
        return;
    }
    for (i = 0; i < n && i < 4; i++) {
        unsigned proto = (unsigned)v[i].protocol;
        if (v[i].cause < 0 || v[i].cause > 4095)
            continue;
        oc_count(oc, g,
                 OC_KEY(OC_K_REASON,
                        (uint32_t)r->code << 14 | proto << 12 | (uint32_t)v[i].cause), 1);
        if (v[i].protocol == SIPCODE_REASON_Q850 &&
            sipcode_q850_agreement(r->code, v[i].cause) == SIPCODE_Q850_DISAGREE)
            oc_count(oc, g, OC_KEY(OC_K_DISAGREE, (uint32_t)r->code << 8 | (uint32_t)v[i].cause),
                     1);
    }
}

/* warning-value = warn-code SP warn-agent SP warn-text, comma-separated;
 * a comma inside the quoted warn-text does not separate. */
static void count_warning(struct oc *oc, uint32_t g, const struct an_record *r)
{
    const char *p = r->warning.p, *end;
    int quoted = 0, start = 1;

    if (!p)
        return;
    for (end = p + r->warning.len; p < end; p++) {
        if (start && *p != ' ' && *p != '\t') {
            start = 0;
            if (end - p >= 3 && p[0] >= '1' && p[0] <= '9' && p[1] >= '0' && p[1] <= '9' &&
                p[2] >= '0' && p[2] <= '9' && (end - p == 3 || p[3] == ' ')) {
                int code = (p[0] - '0') * 100 + (p[1] - '0') * 10 + (p[2] - '0');
                oc_count(oc, g, OC_KEY(OC_K_WARNING, (uint32_t)r->code << 10 | (uint32_t)code), 1);
            }
        }
        if (*p == '"')
            quoted = !quoted;
        else if (*p == '\\' && quoted && p + 1 < end)
            p++;
        else if (*p == ',' && !quoted)
            start = 1;
    }
}

/* Retry-After = delta-seconds [ comment ] *( SEMI retry-param ) (RFC 3261
 * section 20.33): the seconds per final code, kept exactly up to
 * OC_RETRY_MAX; anything else is counted as malformed. */
static void count_retry_after(struct oc *oc, uint32_t g, const struct an_record *r)
{
    const char *p = r->retry_after.p;
    size_t i = 0, n = r->retry_after.len;
    uint32_t v = 0;

    if (!p)
        return;
    while (i < n && p[i] >= '0' && p[i] <= '9') {
        if (v <= OC_RETRY_MAX)
            v = v * 10 + (uint32_t)(p[i] - '0');
        i++;
    }
    while (i < n && (p[i] == ' ' || p[i] == '\t'))
        i++;
    if (i == 0 || (i < n && p[i] != '(' && p[i] != ';')) {
        oc_count(oc, g, OC_KEY(OC_K_SCALAR, OC_RETRY_MALFORMED), 1);
        return;
    }
    oc_count(oc, g,
             OC_KEY(OC_K_RETRY, (uint32_t)r->code << 12 | (v > OC_RETRY_MAX ? OC_RETRY_MORE : v)), 1);
}

void oc_record(void *ctx, const struct an_record *r)
{
    struct oc *oc = ctx;
    enum oc_method m;
    uint32_t g;

    m = r->code ? oc_method_of(r->cseq_method.p, r->cseq_method.len)
                : oc_method_of(r->method.p, r->method.len);
    oc->now = r->sec * 1000000 + (int64_t)(r->nsec / 1000);
    txn_expire(oc, 0);
    calls_expire(oc, 0);
    if (!r->has_cseq) { /* names no transaction */
        uint32_t g0 = oc_record_group(oc, r);
        if (!r->code)
            oc_count(oc, g0, OC_KEY(OC_K_METHOD, (uint32_t)m << 8 | OC_REQUESTS), 1);
        oc_count(oc, g0, OC_KEY(OC_K_SCALAR, OC_WITHOUT_CSEQ), 1);
        return;
    }
    if (!txn_record(oc, r, m, &g))
        return;
    if (!r->code) {
        calls_request(oc, r, m, g);
        return;
    }
    if (r->code >= 200) {
        count_reason(oc, g, r);
        count_warning(oc, g, r);
        count_retry_after(oc, g, r);
    }
    calls_response(oc, r, m);
}

void oc_finish(struct oc *oc)
{
    txn_expire(oc, 1);
    calls_expire(oc, 1);
}
