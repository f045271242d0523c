/* SPDX-License-Identifier: MIT */
/* Reading JSON summaries back (sipcode merge): a small JSON parser into a
 * tree, then the "outcomes" object's counts into a summary. Only counts are
 * read; what is worked out from them (outcome groups, ratios, percentiles)
 * is worked out again from the sums, so a merged summary is the summary of
 * the whole. Anything unexpected is an error with a reason, never a guess. */
#include "oc_report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "outcomes.h"

enum jt { J_NULL, J_BOOL, J_NUM, J_STR, J_ARR, J_OBJ };

struct jnode {
    enum jt type;
    int integer;          /* J_NUM: a non-negative integer that fits in 64 bits */
    uint64_t u;           /* J_NUM integer value, J_BOOL 0/1 */
    const char *s;        /* J_STR (escapes kept), member key of a child */
    size_t len;
    const char *key;      /* the key of an object member */
    size_t key_len;
    struct jnode *child;  /* first element or member */
    struct jnode *next;   /* next sibling */
};

struct jparse {
    const char *p, *end;
    const char *err;
    int depth;
};

#define J_DEPTH_MAX 16

static void ws(struct jparse *j)
{
    while (j->p < j->end && (*j->p == ' ' || *j->p == '\n' || *j->p == '\r' || *j->p == '\t'))
        j->p++;
}

static void jfree(struct jnode *n)
{
    while (n) {
        struct jnode *next = n->next;
        jfree(n->child);
        free(n);
        n = next;
    }
}

static struct jnode *value(struct jparse *j);

static int string(struct jparse *j, const char **s, size_t *len)
{
    const char *start;

    if (j->p >= j->end || *j->p != '"') {
        j->err = "a string expected";
        return -1;
    }
    start = ++j->p;
    while (j->p < j->end && *j->p != '"') {
        if (*j->p == '\\')
            j->p++;
        j->p++;
    }
    if (j->p >= j->end) {
        j->err = "a string does not end";
        return -1;
    }
    *s = start;
    *len = (size_t)(j->p - start);
    j->p++;
    return 0;
}

static struct jnode *node(struct jparse *j, enum jt t)
{
    struct jnode *n = calloc(1, sizeof *n);

    if (!n)
        j->err = "out of memory";
    else
        n->type = t;
    return n;
}

static struct jnode *container(struct jparse *j, int obj)
{
    struct jnode *n = node(j, obj ? J_OBJ : J_ARR), **tail;

    if (!n)
        return NULL;
    if (++j->depth > J_DEPTH_MAX) {
        j->err = "nested too deep";
        free(n);
        return NULL;
    }
    tail = &n->child;
    j->p++;
    ws(j);
    if (j->p < j->end && *j->p == (obj ? '}' : ']')) {
        j->p++;
        j->depth--;
        return n;
    }
    for (;;) {
        const char *key = NULL;
        size_t key_len = 0;
        struct jnode *c;
        ws(j);
        if (obj) {
            if (string(j, &key, &key_len) != 0)
                break;
            ws(j);
            if (j->p >= j->end || *j->p != ':') {
                j->err = "':' expected";
                break;
            }
            j->p++;
        }
        c = value(j);
        if (!c)
            break;
        c->key = key;
        c->key_len = key_len;
        *tail = c;
        tail = &c->next;
        ws(j);
        if (j->p < j->end && *j->p == ',') {
            j->p++;
            continue;
        }
        if (j->p < j->end && *j->p == (obj ? '}' : ']')) {
            j->p++;
            j->depth--;
            return n;
        }
        j->err = obj ? "',' or '}' expected" : "',' or ']' expected";
        break;
    }
    if (!j->err)
        j->err = "malformed";
    jfree(n);
    return NULL;
}

static struct jnode *value(struct jparse *j)
{
    struct jnode *n;

    ws(j);
    if (j->p >= j->end) {
        j->err = "the input ends early";
        return NULL;
    }
    if (*j->p == '{' || *j->p == '[')
        return container(j, *j->p == '{');
    if (*j->p == '"') {
        n = node(j, J_STR);
        if (n && string(j, &n->s, &n->len) != 0) {
            free(n);
            return NULL;
        }
        return n;
    }
    if ((size_t)(j->end - j->p) >= 4 && memcmp(j->p, "null", 4) == 0) {
        j->p += 4;
        return node(j, J_NULL);
    }
    if ((size_t)(j->end - j->p) >= 4 && memcmp(j->p, "true", 4) == 0) {
        j->p += 4;
        n = node(j, J_BOOL);
        if (n)
            n->u = 1;
        return n;
    }
    if ((size_t)(j->end - j->p) >= 5 && memcmp(j->p, "false", 5) == 0) {
        j->p += 5;
        return node(j, J_BOOL);
    }
    if (*j->p == '-' || (*j->p >= '0' && *j->p <= '9')) {
        n = node(j, J_NUM);
        if (!n)
            return NULL;
        n->integer = *j->p != '-';
        while (j->p < j->end && *j->p >= '0' && *j->p <= '9') {
            uint64_t d = (uint64_t)(*j->p - '0');
            if (n->u > (UINT64_MAX - d) / 10)
                n->integer = 0;
            n->u = n->u * 10 + d;
            j->p++;
        }
        while (j->p < j->end && (*j->p == '-' || *j->p == '+' || *j->p == '.' || *j->p == 'e' ||
                                 *j->p == 'E' || (*j->p >= '0' && *j->p <= '9'))) {
            n->integer = 0;
            j->p++;
        }
        return n;
    }
    j->err = "a value expected";
    return NULL;
}

/* ------------------------------------------------------- reading counts */

static int key_is(const struct jnode *n, const char *k)
{
    return n->key && n->key_len == strlen(k) && memcmp(n->key, k, n->key_len) == 0;
}

static const struct jnode *member(const struct jnode *obj, const char *k)
{
    const struct jnode *c;

    if (!obj || obj->type != J_OBJ)
        return NULL;
    for (c = obj->child; c; c = c->next)
        if (key_is(c, k))
            return c;
    return NULL;
}

struct reader {
    const char *err;
    char what[96];
};

static int bad(struct reader *rd, const char *what, const struct jnode *n)
{
    int kl = n && n->key ? (int)(n->key_len < 40 ? n->key_len : 40) : 0;

    rd->err = "bad";
    snprintf(rd->what, sizeof rd->what, "%s%s%.*s%s", what, kl ? " (at \"" : "", kl,
             kl ? n->key : "", kl ? "\")" : "");
    return -1;
}

/* An unsigned integer member, or -1 after bad(). */
static int num(struct reader *rd, const struct jnode *obj, const char *k, uint64_t max,
               uint64_t *out)
{
    const struct jnode *n = member(obj, k);

    if (!n || n->type != J_NUM || !n->integer || n->u > max)
        return bad(rd, k, obj);
    *out = n->u;
    return 0;
}

/* "NNN" as a code 100..699. */
static int key_code(const struct jnode *n, uint32_t *code)
{
    if (n->key_len != 3 || n->key[0] < '1' || n->key[0] > '6' || n->key[1] < '0' ||
        n->key[1] > '9' || n->key[2] < '0' || n->key[2] > '9')
        return -1;
    *code = (uint32_t)((n->key[0] - '0') * 100 + (n->key[1] - '0') * 10 + (n->key[2] - '0'));
    return 0;
}

static int read_method(struct reader *rd, struct oc_stats *st, const struct jnode *m)
{
    char name[16];
    enum oc_method meth;
    const struct jnode *c, *e;
    int k;

    if (m->type != J_OBJ || m->key_len >= sizeof name)
        return bad(rd, "a method", m);
    memcpy(name, m->key, m->key_len);
    name[m->key_len] = '\0';
    meth = oc_method_from_name(name);
    if (meth == OC_METHODS)
        return bad(rd, "an unknown method", m);
    for (c = m->child; c; c = c->next) {
        int kind = key_is(c, "finals") ? OC_K_FINAL : key_is(c, "provisionals") ? OC_K_PROV : 0;
        if (kind) {
            if (c->type != J_OBJ)
                return bad(rd, "an object", c);
            for (e = c->child; e; e = e->next) {
                uint32_t code;
                if (key_code(e, &code) != 0 || e->type != J_NUM || !e->integer)
                    return bad(rd, "a code count", e);
                oc_add(st, OC_KEY(kind, (uint32_t)meth << 10 | code), e->u);
            }
            continue;
        }
        for (k = 0; k < OC_MCOUNTS && !key_is(c, oc_mcount_name((enum oc_mcount)k)); k++)
            ;
        if (k == OC_MCOUNTS || c->type != J_NUM || !c->integer)
            return bad(rd, "a method counter", c);
        if (c->u)
            oc_add(st, OC_KEY(OC_K_METHOD, (uint32_t)meth << 8 | (uint32_t)k), c->u);
    }
    return 0;
}

/* A code member: 100..699, or null (0) where allow_null. */
static int code_of(struct reader *rd, const struct jnode *obj, const char *k, int allow_null,
                   uint32_t *code)
{
    const struct jnode *n = member(obj, k);
    uint64_t v = 0;

    if (allow_null && n && n->type == J_NULL) {
        *code = 0;
        return 0;
    }
    if (num(rd, obj, k, 699, &v) != 0 || v < 100)
        return bad(rd, k, obj);
    *code = (uint32_t)v;
    return 0;
}

static int read_list(struct reader *rd, struct oc_stats *st, const struct jnode *list, int kind)
{
    const struct jnode *e;

    if (!list)
        return 0;
    if (list->type != J_ARR)
        return bad(rd, "an array", list);
    for (e = list->child; e; e = e->next) {
        uint32_t code, key = 0;
        uint64_t n = 0, x = 0;
        const struct jnode *p;
        if (e->type != J_OBJ || num(rd, e, "count", UINT64_MAX, &n) != 0)
            return bad(rd, "a counted entry", list);
        switch (kind) {
        case OC_K_ATTEMPT:
            if (code_of(rd, e, "code", 1, &code) != 0)
                return -1;
            p = member(e, "after_cancel");
            key = (p && p->type == J_BOOL && p->u ? 1u << 10 : 0u) | code;
            break;
        case OC_K_REGISTER:
            if (code_of(rd, e, "code", 1, &code) != 0)
                return -1;
            key = code;
            break;
        case OC_K_REASON:
            p = member(e, "protocol");
            if (code_of(rd, e, "code", 0, &code) != 0 || num(rd, e, "cause", 4095, &x) != 0 || !p ||
                p->type != J_STR)
                return bad(rd, "a reason", list);
            key = code << 14 | (p->len == 3 && memcmp(p->s, "SIP", 3) == 0     ? 1u << 12
                                : p->len == 5 && memcmp(p->s, "Q.850", 5) == 0 ? 2u << 12
                                                                               : 0u) |
                  (uint32_t)x;
            break;
        case OC_K_WARNING:
            if (code_of(rd, e, "code", 0, &code) != 0 || num(rd, e, "warning", 999, &x) != 0)
                return -1;
            key = code << 10 | (uint32_t)x;
            break;
        case OC_K_RETRY:
            if (code_of(rd, e, "code", 0, &code) != 0 ||
                num(rd, e, "seconds", OC_RETRY_MORE, &x) != 0)
                return -1;
            key = code << 12 | (uint32_t)x;
            break;
        default: /* OC_K_DISAGREE */
            if (code_of(rd, e, "code", 0, &code) != 0 || num(rd, e, "cause", 255, &x) != 0)
                return -1;
            key = code << 8 | (uint32_t)x;
            break;
        }
        oc_add(st, OC_KEY(kind, key), n);
    }
    return 0;
}

static int read_delays(struct reader *rd, struct oc_stats *st, const struct jnode *delays)
{
    int d, fail;

    if (!delays)
        return 0;
    for (d = 0; d < OC_DELAYS; d++) {
        const struct jnode *dn = member(delays, oc_delay_name((enum oc_delay)d));
        for (fail = 0; dn && fail < 2; fail++) {
            const struct jnode *side = member(dn, fail ? "failure" : "success"), *h, *e;
            uint32_t id = (uint32_t)d << 1 | (uint32_t)fail;
            uint64_t max = 0, sum = 0;
            if (!side)
                continue;
            if (num(rd, side, "max_us", UINT64_MAX, &max) != 0 ||
                num(rd, side, "sum_us", UINT64_MAX, &sum) != 0)
                return -1;
            h = member(side, "histogram_us");
            if (!h || h->type != J_OBJ)
                return bad(rd, "histogram_us", side);
            for (e = h->child; e; e = e->next) {
                uint64_t upper = 0;
                size_t i;
                for (i = 0; i < e->key_len && e->key[i] >= '0' && e->key[i] <= '9' && i < 19; i++)
                    upper = upper * 10 + (uint64_t)(e->key[i] - '0');
                if (!e->key_len || i != e->key_len || e->type != J_NUM || !e->integer)
                    return bad(rd, "a histogram bucket", e);
                oc_add(st, OC_KEY(OC_K_HIST, id << 12 | oc_hist_bucket((int64_t)upper)), e->u);
            }
            if (max)
                oc_max(st, OC_KEY(OC_K_MAX, id), max);
            if (sum)
                oc_add(st, OC_KEY(OC_K_SUM, id), sum);
        }
    }
    return 0;
}

static int read_stats(struct reader *rd, struct oc_stats *st, const struct jnode *o)
{
    const struct jnode *c = member(o, "methods");
    int k;

    if (c) {
        if (c->type != J_OBJ)
            return bad(rd, "methods", c);
        for (c = c->child; c; c = c->next)
            if (read_method(rd, st, c) != 0)
                return -1;
    }
    for (k = 0; k < OC_SCALARS; k++) {
        uint64_t v = 0;
        if (!member(o, oc_scalar_name((enum oc_scalar)k)))
            continue;
        if (num(rd, o, oc_scalar_name((enum oc_scalar)k), UINT64_MAX, &v) != 0)
            return -1;
        if (v)
            oc_add(st, OC_KEY(OC_K_SCALAR, (uint32_t)k), v);
    }
    if (read_list(rd, st, member(o, "attempts_by_code"), OC_K_ATTEMPT) != 0 ||
        read_list(rd, st, member(o, "registrations_by_code"), OC_K_REGISTER) != 0 ||
        read_list(rd, st, member(o, "reasons"), OC_K_REASON) != 0 ||
        read_list(rd, st, member(o, "warnings"), OC_K_WARNING) != 0 ||
        read_list(rd, st, member(o, "retry_after"), OC_K_RETRY) != 0 ||
        read_list(rd, st, member(o, "q850_disagreements"), OC_K_DISAGREE) != 0 ||
        read_delays(rd, st, member(o, "delays")) != 0)
        return -1;
    if (st->failed) {
        rd->err = "out of memory";
        return -1;
    }
    return 0;
}

int oc_summary_add_group(struct oc_summary *sum, const char *name, int64_t bucket,
                         const struct oc_stats *st);
void oc_summary_sort(struct oc_summary *sum);

static int read_summary(struct reader *rd, struct oc_summary *sum, const struct jnode *o)
{
    const struct jnode *by = member(o, "by"), *g;
    const char *by_name = NULL;
    uint64_t interval = 0;
    static const char *const bys[] = { "src", "dst", "uri-domain" };
    int i;

    if (!o || o->type != J_OBJ)
        return bad(rd, "no \"outcomes\" object: not a summary of sipcode scan --json", NULL);
    if (by && by->type == J_STR) {
        for (i = 0; i < 3; i++)
            if (by->len == strlen(bys[i]) && memcmp(by->s, bys[i], by->len) == 0)
                by_name = bys[i];
        if (!by_name)
            return bad(rd, "an unknown \"by\"", by);
    }
    if (member(o, "interval_s") && num(rd, o, "interval_s", 86400 * 366, &interval) != 0)
        return -1;
    if (sum->total.n || sum->ngroups) {
        if ((sum->by == NULL) != (by_name == NULL) || (by_name && strcmp(sum->by, by_name) != 0) ||
            sum->interval_s != (int64_t)interval)
            return bad(rd, "grouped differently (--by, --interval) from the summaries before", NULL);
    }
    sum->by = by_name;
    sum->interval_s = (int64_t)interval;
    if (read_stats(rd, &sum->total, o) != 0)
        return -1;
    g = member(o, "groups");
    if (!g)
        return 0;
    if (g->type != J_ARR)
        return bad(rd, "groups", g);
    for (g = g->child; g; g = g->next) {
        struct oc_stats st;
        const struct jnode *name = member(g, "name"), *b = member(g, "bucket");
        char nbuf[OC_GROUP_NAME_MAX];
        int rc;
        if (!name || name->type != J_STR || name->len >= sizeof nbuf || !b || b->type != J_NUM ||
            !b->integer)
            return bad(rd, "a group's name and bucket", g);
        memcpy(nbuf, name->s, name->len);
        nbuf[name->len] = '\0';
        memset(&st, 0, sizeof st);
        rc = read_stats(rd, &st, g);
        if (rc == 0 && oc_summary_add_group(sum, nbuf, (int64_t)b->u, &st) != 0) {
            rd->err = "out of memory";
            rc = -1;
        }
        oc_stats_free(&st);
        if (rc)
            return -1;
    }
    oc_summary_sort(sum);
    return 0;
}

/* A JSON string's text with its escapes undone into out (at least len
 * bytes): the bytes written. */
static size_t unescape(const char *s, size_t len, char *out)
{
    size_t i = 0, n = 0;

    while (i < len) {
        unsigned long u = 0;
        int k;
        if (s[i] != '\\' || i + 1 >= len) {
            out[n++] = s[i++];
            continue;
        }
        i++;
        switch (s[i]) {
        case 'b': out[n++] = '\b'; break;
        case 'f': out[n++] = '\f'; break;
        case 'n': out[n++] = '\n'; break;
        case 'r': out[n++] = '\r'; break;
        case 't': out[n++] = '\t'; break;
        case 'u':
            for (k = 1; k <= 4 && i + (size_t)k < len; k++) {
                char c = s[i + (size_t)k];
                u = u * 16 + (unsigned long)(c >= '0' && c <= '9'   ? c - '0'
                                             : c >= 'a' && c <= 'f' ? c - 'a' + 10
                                             : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                                                    : 0);
            }
            i += (size_t)k - 1;
            if (u < 0x80) {
                out[n++] = (char)u;
            } else if (u < 0x800) {
                out[n++] = (char)(0xc0 | u >> 6);
                out[n++] = (char)(0x80 | (u & 0x3f));
            } else {
                out[n++] = (char)(0xe0 | u >> 12);
                out[n++] = (char)(0x80 | (u >> 6 & 0x3f));
                out[n++] = (char)(0x80 | (u & 0x3f));
            }
            break;
        default: out[n++] = s[i]; break; /* \" \\ \/ */
        }
        i++;
    }
    return n;
}

/* A string handed to fn with its escapes undone; 0, or -1 after bad(). */
static int give(struct reader *rd, oc_base_fn *fn, void *ctx, enum oc_base what, int code,
                const struct jnode *at, const char *s, size_t len, uint64_t n)
{
    char *text = malloc(len ? len : 1);
    int rc;

    if (!text) {
        rd->err = "out of memory";
        return -1;
    }
    rc = fn(ctx, what, code, text, unescape(s, len, text), n);
    free(text);
    return rc ? bad(rd, "an unknown name", at) : 0;
}

static int read_code(struct reader *rd, const struct jnode *e, oc_base_fn *fn, void *ctx)
{
    const struct jnode *op = member(e, "other_phrases"), *p;
    uint32_t code;
    uint64_t count = 0, listed = 0;

    if (e->type != J_OBJ || code_of(rd, e, "code", 0, &code) != 0 ||
        num(rd, e, "count", UINT64_MAX, &count) != 0)
        return bad(rd, "a code's entry", e);
    if (op && op->type != J_OBJ)
        return bad(rd, "other_phrases", op);
    for (p = op ? op->child : NULL; p; p = p->next) {
        int other = key_is(p, "(other phrases)");
        if (p->type != J_NUM || !p->integer || p->u > count - listed)
            return bad(rd, "a phrase's count", p);
        listed += p->u;
        if (give(rd, fn, ctx, other ? OC_B_OTHER_PHRASES : OC_B_PHRASE, (int)code, p, p->key,
                 p->key_len, p->u) != 0)
            return -1;
    }
    return count > listed ? give(rd, fn, ctx, OC_B_CANONICAL, (int)code, e, "", 0, count - listed)
                          : 0;
}

static int read_base(struct reader *rd, const struct jnode *root, oc_base_fn *fn, void *ctx)
{
    static const char *const scalars[] = { "status_lines", "messages", "requests",
                                           "retransmissions", "packets" };
    static const char *const objects[] = { "methods", "transports", "not_decoded" };
    static const enum oc_base kinds[] = { OC_B_METHOD, OC_B_TRANSPORT, OC_B_NOT_DECODED };
    const struct jnode *c, *m;
    size_t i;

    for (i = 0; i < sizeof scalars / sizeof scalars[0]; i++) {
        uint64_t v = 0;
        if (!member(root, scalars[i]))
            continue;
        if (num(rd, root, scalars[i], UINT64_MAX, &v) != 0 ||
            give(rd, fn, ctx, OC_B_SCALAR, 0, root, scalars[i], strlen(scalars[i]), v) != 0)
            return -1;
    }
    c = member(root, "codes");
    if (c && c->type != J_ARR)
        return bad(rd, "codes", c);
    for (m = c ? c->child : NULL; m; m = m->next)
        if (read_code(rd, m, fn, ctx) != 0)
            return -1;
    for (i = 0; i < sizeof objects / sizeof objects[0]; i++) {
        c = member(root, objects[i]);
        if (c && c->type != J_OBJ)
            return bad(rd, objects[i], c);
        for (m = c ? c->child : NULL; m; m = m->next)
            if (m->type != J_NUM || !m->integer)
                return bad(rd, "a count", m);
            else if (give(rd, fn, ctx, kinds[i], 0, m, m->key, m->key_len, m->u) != 0)
                return -1;
    }
    c = member(root, "malformed_example");
    if (c && c->type != J_STR && c->type != J_NULL)
        return bad(rd, "malformed_example", c);
    if (c && c->type == J_STR)
        return give(rd, fn, ctx, OC_B_MALFORMED, 0, c, c->s, c->len, 0);
    return 0;
}

int oc_summary_read_all(struct oc_summary *sum, int *outcomes, oc_base_fn *fn, void *ctx,
                        const char *text, size_t len, char *why, size_t whylen)
{
    struct jparse j;
    struct jnode *root;
    const struct jnode *o;
    struct reader rd;
    int rc = 0;

    memset(&j, 0, sizeof j);
    memset(&rd, 0, sizeof rd);
    j.p = text;
    j.end = text + len;
    root = value(&j);
    if (root) {
        ws(&j);
        if (j.p != j.end) {
            j.err = "text after the JSON value";
            jfree(root);
            root = NULL;
        }
    }
    if (!root) {
        snprintf(why, whylen, "not JSON: %s at byte %lu", j.err ? j.err : "malformed",
                 (unsigned long)(j.p - text));
        return -1;
    }
    o = member(root, "outcomes");
    if (outcomes)
        *outcomes = o != NULL;
    if (o || !fn || !member(root, "codes"))
        rc = read_summary(&rd, sum, o);
    if (rc == 0 && fn)
        rc = read_base(&rd, root, fn, ctx);
    if (rc)
        snprintf(why, whylen, "%s%s", rd.err && strcmp(rd.err, "bad") != 0 ? rd.err : "not a summary: ",
                 rd.err && strcmp(rd.err, "bad") != 0 ? "" : rd.what);
    jfree(root);
    return rc;
}

int oc_summary_read(struct oc_summary *sum, const char *text, size_t len, char *why, size_t whylen)
{
    return oc_summary_read_all(sum, NULL, NULL, NULL, text, len, why, whylen);
}
