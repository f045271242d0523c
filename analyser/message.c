/* SPDX-License-Identifier: MIT */
/* The SIP message layer: finds messages in datagrams and byte streams,
 * frames them by Content-Length (RFC 3261 section 18.3), and parses each
 * into a record (analyser.h) for the callback.
 *
 * SIP is found by content, never by port: a message starts with a status
 * line (sipcode_parse_status_line()) or a request line "METHOD URI
 * SIP/2.0". Header names match in any case and in compact form; folded
 * header lines are joined (RFC 3261 section 7.3.1) in a scratch buffer that
 * the record then points into. */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

#include "sipcode.h"

enum { MS_SIP, MS_RESYNC, MS_TLS, MS_HEP, MS_WS_HANDSHAKE, MS_WS, MS_IGNORE };

static int lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

static int is_token(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '-' || c == '.' || c == '!' || c == '%' || c == '*' || c == '_' || c == '+' ||
           c == '`' || c == '\'' || c == '~';
}

/* "SIP/2.0" at p, SIP in any case. */
static int is_version(const char *p, size_t len)
{
    return len >= 7 && lower(p[0]) == 's' && lower(p[1]) == 'i' && lower(p[2]) == 'p' &&
           memcmp(p + 3, "/2.0", 4) == 0;
}

/* Length of the line at p without its CR LF; *next is where the next one
 * starts (len when the line has no LF). */
static size_t line_at(const char *p, size_t len, size_t *next)
{
    const char *lf = memchr(p, '\n', len);
    size_t n = lf ? (size_t)(lf - p) : len;

    *next = lf ? n + 1 : len;
    if (n && p[n - 1] == '\r')
        n--;
    return n;
}

/* A request line: token SP Request-URI SP SIP/2.0. Fills method and URI. */
static int request_line(const char *p, size_t n, struct an_str *method, struct an_str *uri)
{
    size_t i = 0, u;

    while (i < n && is_token((unsigned char)p[i]))
        i++;
    if (i == 0 || i >= n || p[i] != ' ')
        return 0;
    u = i + 1;
    if (n < u + 1 + 8 || !is_version(p + n - 7, 7) || p[n - 8] != ' ')
        return 0;
    method->p = p;
    method->len = i;
    uri->p = p + u;
    uri->len = n - 8 - u;
    return uri->len > 0 && !memchr(uri->p, ' ', uri->len);
}

static int start_line(const char *p, size_t n)
{
    struct an_str m, u;

    return (n >= 8 && is_version(p, n) && p[7] == ' ') || request_line(p, n, &m, &u);
}

static int has_version(const char *p, size_t n)
{
    size_t i;

    for (i = 0; i + 7 <= n; i++)
        if (p[i + 3] == '/' && is_version(p + i, n - i))
            return 1;
    return 0;
}

void msg_malformed(struct analyser *an, const char *line, size_t len)
{
    struct an_counts *c = &an->counts;

    an_count(an, AN_MALFORMED);
    if (c->not_decoded[AN_MALFORMED] == 1) {
        c->bad_line_len = len < sizeof c->bad_line ? len : sizeof c->bad_line;
        memcpy(c->bad_line, line, c->bad_line_len);
    }
}

/* ------------------------------------------------------------ headers */

enum hdr {
    H_CALL_ID, H_VIA, H_FROM, H_TO, H_CSEQ, H_REASON, H_WARNING, H_CLEN, H_RETRY_AFTER, H_OTHER
};

/* name[0..n) equals the lower-case full, in any case. */
static int name_is(const char *name, const char *full, size_t n)
{
    size_t i;

    for (i = 0; i < n && lower(name[i]) == full[i]; i++)
        ;
    return i == n;
}

/* The headers the analyser reads, by length and then by name: one or two
 * comparisons per header line instead of one per known name. */
static enum hdr header_kind(const char *name, size_t n)
{
    switch (n) {
    case 1:
        switch (lower(name[0])) {
        case 'i':
            return H_CALL_ID;
        case 'v':
            return H_VIA;
        case 'f':
            return H_FROM;
        case 't':
            return H_TO;
        case 'l':
            return H_CLEN;
        default:
            return H_OTHER;
        }
    case 2:
        return name_is(name, "to", 2) ? H_TO : H_OTHER;
    case 3:
        return name_is(name, "via", 3) ? H_VIA : H_OTHER;
    case 4:
        return name_is(name, "from", 4) ? H_FROM : name_is(name, "cseq", 4) ? H_CSEQ : H_OTHER;
    case 6:
        return name_is(name, "reason", 6) ? H_REASON : H_OTHER;
    case 7:
        return name_is(name, "call-id", 7)   ? H_CALL_ID
               : name_is(name, "warning", 7) ? H_WARNING
                                             : H_OTHER;
    case 11:
        return name_is(name, "retry-after", 11) ? H_RETRY_AFTER : H_OTHER;
    case 14:
        return name_is(name, "content-length", 14) ? H_CLEN : H_OTHER;
    default:
        return H_OTHER;
    }
}

/* The value of the parameter name (lower case, k bytes) whose ';' is at
 * p[i], or a NULL string. */
static struct an_str param_at(const char *p, size_t n, size_t i, const char *name, size_t k)
{
    struct an_str out = { NULL, 0 };
    size_t j = i + 1;

    while (j < n && (p[j] == ' ' || p[j] == '\t'))
        j++;
    if (n - j <= k || !name_is(p + j, name, k))
        return out;
    j += k;
    while (j < n && (p[j] == ' ' || p[j] == '\t'))
        j++;
    if (j >= n || p[j] != '=')
        return out;
    j++;
    while (j < n && (p[j] == ' ' || p[j] == '\t'))
        j++;
    out.p = p + j;
    while (j < n && p[j] != ';' && p[j] != ',' && p[j] != ' ' && p[j] != '\t' && p[j] != '>')
        j++;
    out.len = (size_t)(p + j - out.p);
    return out;
}

/* The value of parameter name (lower case, k bytes) in params, e.g.
 * ";tag=abc": the first ';' outside quotes that starts it. Without quotes
 * in the value (the usual case), memchr finds the semicolons. */
static struct an_str param(const char *p, size_t n, const char *name, size_t k)
{
    struct an_str out = { NULL, 0 };
    size_t i;
    int quoted = 0;

    if (!memchr(p, '"', n)) {
        const char *semi;
        for (i = 0; i < n && (semi = memchr(p + i, ';', n - i)) != NULL; i++) {
            i = (size_t)(semi - p);
            out = param_at(p, n, i, name, k);
            if (out.p)
                return out;
        }
        return out;
    }
    for (i = 0; i < n; i++) {
        if (p[i] == '"')
            quoted = !quoted;
        if (quoted || p[i] != ';')
            continue;
        out = param_at(p, n, i, name, k);
        if (out.p)
            return out;
    }
    return out;
}

/* From and To: the tag is among the parameters after the address, which
 * is inside <> when there are any: after the last '>' outside quotes. */
static struct an_str tag_of(struct an_str v)
{
    const char *gt = NULL;
    size_t i;
    int quoted = 0;

    if (!memchr(v.p, '"', v.len)) {
        for (i = v.len; i > 0 && !gt; i--)
            if (v.p[i - 1] == '>')
                gt = v.p + i - 1;
    } else {
        for (i = 0; i < v.len; i++) {
            if (v.p[i] == '"')
                quoted = !quoted;
            else if (!quoted && v.p[i] == '>')
                gt = v.p + i;
        }
    }
    if (gt)
        return param(gt, (size_t)(v.p + v.len - gt), "tag", 3);
    return param(v.p, v.len, "tag", 3);
}

/* The first via-parm of a Via value: up to a comma outside quotes. */
static struct an_str first_via(struct an_str v)
{
    const char *comma;
    size_t i;
    int quoted = 0;

    if (!memchr(v.p, '"', v.len)) {
        comma = memchr(v.p, ',', v.len);
        if (comma)
            v.len = (size_t)(comma - v.p);
        return v;
    }
    for (i = 0; i < v.len; i++) {
        if (v.p[i] == '"')
            quoted = !quoted;
        else if (!quoted && v.p[i] == ',')
            break;
    }
    v.len = i;
    return v;
}

static void parse_cseq(struct an_record *r, struct an_str v)
{
    size_t i = 0;
    uint64_t n = 0;

    while (i < v.len && v.p[i] >= '0' && v.p[i] <= '9' && n <= 0xffffffffu)
        n = n * 10 + (uint64_t)(v.p[i++] - '0');
    if (i == 0 || n > 0xffffffffu || i >= v.len || (v.p[i] != ' ' && v.p[i] != '\t'))
        return;
    while (i < v.len && (v.p[i] == ' ' || v.p[i] == '\t'))
        i++;
    r->cseq_method.p = v.p + i;
    while (i < v.len && is_token((unsigned char)v.p[i]))
        i++;
    r->cseq_method.len = (size_t)(v.p + i - r->cseq_method.p);
    if (r->cseq_method.len) {
        r->cseq = (uint32_t)n;
        r->has_cseq = 1;
    }
}

/* Content-Length: 0 ok, -1 malformed or absent (*absent set), -2 too large. */
static int content_length(struct an_str v, size_t max, size_t *out)
{
    size_t i = 0, n = 0;

    while (i < v.len && v.p[i] >= '0' && v.p[i] <= '9') {
        if (n > max)
            return -2;
        n = n * 10 + (size_t)(v.p[i++] - '0');
    }
    if (i == 0 || i != v.len)
        return -1;
    if (n > max)
        return -2;
    *out = n;
    return 0;
}

/* Walks the header section hdr[0..n) (start line excluded). Each value is
 * trimmed, and when a header is folded over lines, joined with single
 * spaces in the scratch buffer. Sets the record's fields from the first of
 * each header; *clen gets the first Content-Length value. */
static void parse_headers(struct analyser *an, struct an_record *r, const char *h, size_t n,
                          struct an_str *clen)
{
    size_t i = 0, used = 0;
    int seen[H_OTHER] = { 0 };

    while (i < n) {
        size_t next, ln = line_at(h + i, n - i, &next), colon, vs;
        const char *line = h + i;
        struct an_str v;
        enum hdr k;

        if (ln == 0)
            break;
        i += next;
        if (line[0] == ' ' || line[0] == '\t')
            continue; /* a continuation whose header did not interest us */
        {
            const char *c = memchr(line, ':', ln);
            if (!c)
                continue;
            colon = (size_t)(c - line);
        }
        vs = colon;
        while (vs > 0 && (line[vs - 1] == ' ' || line[vs - 1] == '\t'))
            vs--;
        k = header_kind(line, vs);
        if (k == H_OTHER || seen[k])
            continue;
        seen[k] = 1;
        vs = colon + 1;
        while (vs < ln && (line[vs] == ' ' || line[vs] == '\t'))
            vs++;
        v.p = line + vs;
        v.len = ln - vs;
        /* Folded: continuation lines follow. */
        if (i < n && (h[i] == ' ' || h[i] == '\t')) {
            char *out = an->scratch + used;
            size_t o = 0;
            if (used + v.len <= an->scratch_cap) {
                memcpy(out, v.p, v.len);
                o = v.len;
            }
            while (i < n && (h[i] == ' ' || h[i] == '\t')) {
                size_t cn = line_at(h + i, n - i, &next), s = 0;
                while (s < cn && (h[i + s] == ' ' || h[i + s] == '\t'))
                    s++;
                if (used + o + 1 + cn - s <= an->scratch_cap) {
                    out[o++] = ' ';
                    memcpy(out + o, h + i + s, cn - s);
                    o += cn - s;
                }
                i += next;
            }
            v.p = out;
            v.len = o;
            used += o;
        }
        while (v.len && (v.p[v.len - 1] == ' ' || v.p[v.len - 1] == '\t'))
            v.len--;
        switch (k) {
        case H_CALL_ID:
            r->call_id = v;
            break;
        case H_VIA:
            v = first_via(v);
            r->via_branch = param(v.p, v.len, "branch", 6);
            break;
        case H_FROM:
            r->from_tag = tag_of(v);
            break;
        case H_TO:
            r->to_tag = tag_of(v);
            break;
        case H_CSEQ:
            parse_cseq(r, v);
            break;
        case H_REASON:
            r->reason = v;
            break;
        case H_WARNING:
            r->warning = v;
            break;
        case H_CLEN:
            *clen = v;
            break;
        case H_RETRY_AFTER:
            r->retry_after = v;
            break;
        default:
            break;
        }
    }
}

/* ------------------------------------------------------------ messages */

/* Parses the message; returns 0 with the record filled, -1 when the start
 * line is not SIP (malformed counted when it looked like SIP). */
static int parse_message(struct analyser *an, const struct flow *fl, const char *p, size_t len,
                         struct an_record *r, struct an_str *clen)
{
    size_t next, n = line_at(p, len, &next);
    struct sipcode_status_line sl;

    memset(r, 0, sizeof *r);
    if (n >= 8 && is_version(p, n) && p[7] == ' ') {
        if (sipcode_parse_status_line(p, n, &sl) != 0) {
            msg_malformed(an, p, n);
            return -1;
        }
        r->code = sl.code;
        r->phrase.p = sl.phrase;
        r->phrase.len = sl.phrase_len;
        r->phrase_known = sl.known;
    } else if (!request_line(p, n, &r->method, &r->request_uri)) {
        if (has_version(p, n))
            msg_malformed(an, p, n);
        return -1;
    }
    r->sec = fl->sec;
    r->nsec = fl->nsec;
    r->src = fl->src;
    r->dst = fl->dst;
    r->transport = fl->transport;
    r->hep_version = fl->hep_version;
    r->message.p = p;
    r->message.len = len;
    parse_headers(an, r, p + next, len - next, clen);
    return 0;
}

static void deliver(struct analyser *an, const struct an_record *r)
{
    an->counts.records++;
    if (an->fn)
        an->fn(an->ctx, r);
}

/* A Content-Length that is no number: the message is malformed, and its
 * bad line is the header as it came. */
static void bad_length(struct analyser *an, struct an_str v)
{
    char line[sizeof an->counts.bad_line];
    size_t n = v.len < sizeof line - 16 ? v.len : sizeof line - 16;

    memcpy(line, "Content-Length: ", 16);
    memcpy(line + 16, v.p, n);
    msg_malformed(an, line, 16 + n);
}

void msg_sip(struct analyser *an, const struct flow *fl, const char *p, size_t len)
{
    struct an_record r;
    struct an_str clen = { NULL, 0 };
    size_t body;

    if (parse_message(an, fl, p, len, &r, &clen) != 0)
        return;
    /* A datagram's body is the rest of it whatever Content-Length says, so
     * the message counts; a value that is no number is still malformed. */
    if (clen.p && content_length(clen, (size_t)-1 / 10 - 10, &body) == -1)
        bad_length(an, clen);
    deliver(an, &r);
}

void msg_datagram(struct analyser *an, const struct flow *fl, const uint8_t *p, size_t len,
                  int depth)
{
    const char *s = (const char *)p;

    if (hep_datagram(an, fl, p, len, depth))
        return;
    while (len && (*s == '\r' || *s == '\n')) { /* keep-alives */
        s++;
        len--;
    }
    if (!len)
        return;
    if (len > an->lim.message_max) {
        size_t next, n = line_at(s, len, &next);
        if (start_line(s, n))
            an_count(an, AN_TOO_BIG);
        return;
    }
    msg_sip(an, fl, s, len);
}

/* ------------------------------------------------------------ streams */

/* The end of the header section at p: offset just past the empty line, 0
 * when not there yet. */
static size_t header_end(const char *p, size_t len)
{
    size_t i;

    for (i = 0; i + 1 < len; i++) {
        const char *lf = memchr(p + i, '\n', len - i - 1);
        if (!lf)
            return 0;
        i = (size_t)(lf - p);
        if (p[i + 1] == '\n')
            return i + 2;
        if (i + 2 < len && p[i + 1] == '\r' && p[i + 2] == '\n')
            return i + 3;
    }
    return 0;
}

/* SIP messages framed by Content-Length in s[0..len): returns the bytes
 * used. */
static size_t stream_sip(struct analyser *an, struct msg_stream *ms, const struct flow *fl,
                         const char *s, size_t len)
{
    size_t done = 0;

    while (done < len) {
        const char *p = s + done;
        size_t left = len - done, next, n, hend, body = 0;
        struct an_record r;
        struct an_str clen = { NULL, 0 };
        int rc;

        if (*p == '\r' || *p == '\n') { /* CRLF keep-alives between messages */
            done++;
            continue;
        }
        n = line_at(p, left, &next);
        if (next == left && p[left - 1] != '\n') { /* first line not complete */
            if (left > an->lim.message_max) {
                if (ms->mode == MS_SIP && start_line(p, n))
                    an_count(an, AN_TOO_BIG);
                ms->mode = MS_RESYNC;
                return len;
            }
            return done;
        }
        if (!start_line(p, n)) {
            /* Not where a message starts: after a gap, or mid-stream. */
            if (ms->mode == MS_SIP && has_version(p, n))
                msg_malformed(an, p, n);
            ms->mode = MS_RESYNC;
            done += next;
            continue;
        }
        ms->mode = MS_SIP;
        hend = header_end(p, left < an->lim.message_max ? left : an->lim.message_max);
        if (!hend) {
            if (left >= an->lim.message_max) {
                /* No end of headers within the cap: give the message up
                 * and look for the next start line. */
                an_count(an, AN_TOO_BIG);
                ms->mode = MS_RESYNC;
                done += next;
                continue;
            }
            return done;
        }
        rc = parse_message(an, fl, p, hend, &r, &clen);
        if (rc == 0 && clen.p) {
            int c = content_length(clen, an->lim.message_max, &body);
            if (c != 0 || hend + body > an->lim.message_max) {
                /* Where the body ends is unknown, or past the cap: the
                 * headers still make a record, then the next start line
                 * is looked for. */
                if (c == -1)
                    bad_length(an, clen);
                else
                    an_count(an, AN_TOO_BIG);
                deliver(an, &r);
                ms->mode = MS_RESYNC;
                done += hend;
                continue;
            }
        }
        if (body > left - hend)
            return done; /* wait for the body */
        if (rc == 0) {
            r.message.len = hend + body;
            deliver(an, &r);
        }
        done += hend + body;
    }
    return done;
}

/* Makes room for more bytes in the stream's buffer, within the caps. */
static int ms_grow(struct analyser *an, struct msg_stream *ms, size_t more)
{
    size_t need = ms->len + more, cap = ms->cap ? ms->cap : 4096;
    unsigned char *nb;

    if (need <= ms->cap)
        return 1;
    while (cap < need)
        cap *= 2;
    if (cap > an->lim.tcp_stream_bytes_max)
        cap = need;
    if (need > an->lim.tcp_stream_bytes_max || !reasm_reserve(an, cap - ms->cap))
        return 0;
    nb = realloc(ms->buf, cap);
    if (!nb) {
        reasm_release(an, cap - ms->cap);
        return 0;
    }
    ms->buf = nb;
    ms->cap = cap;
    return 1;
}

/* Shrinks a buffer that grew for one large message. */
static void ms_trim(struct analyser *an, struct msg_stream *ms)
{
    if (ms->len == 0 && ms->cap > 65536) {
        reasm_release(an, ms->cap);
        free(ms->buf);
        ms->buf = NULL;
        ms->cap = 0;
    }
}

static size_t stream_ws(struct analyser *an, struct msg_stream *ms, const struct flow *fl,
                        uint8_t *p, size_t len)
{
    size_t done = 0;
    struct flow ws = *fl;

    ws.transport = AN_WS;
    while (done < len) {
        const uint8_t *pl;
        size_t plen;
        int fin, op;
        long fl_len = ws_frame(p + done, len - done, an->lim.message_max, &pl, &plen, &fin, &op);

        if (fl_len == 0)
            break;
        if (fl_len < 0) {
            an_count(an, AN_TOO_BIG);
            ms->mode = MS_IGNORE;
            return len;
        }
        done += (size_t)fl_len;
        if (op >= 8)
            continue; /* control frames: ping, pong, close */
        if (op != 0 && ms->ws_len) { /* a new message: the unfinished one is lost */
            an_count(an, AN_INCOMPLETE);
            reasm_release(an, ms->ws_len);
            ms->ws_len = 0;
        }
        if (ms->ws_len == 0 && fin) {
            msg_datagram(an, &ws, pl, plen, AN_DEPTH_MAX);
            continue;
        }
        if (ms->ws_len + plen > an->lim.message_max || !reasm_reserve(an, plen)) {
            an_count(an, AN_TOO_BIG);
            reasm_release(an, ms->ws_len);
            ms->ws_len = 0;
            continue;
        }
        {
            unsigned char *nb = realloc(ms->ws, ms->ws_len + plen + 1); /* never 0: realloc would free */
            if (!nb) {
                reasm_release(an, plen);
                continue;
            }
            ms->ws = nb;
        }
        memcpy(ms->ws + ms->ws_len, pl, plen);
        ms->ws_len += plen;
        if (fin) {
            msg_datagram(an, &ws, ms->ws, ms->ws_len, AN_DEPTH_MAX);
            reasm_release(an, ms->ws_len);
            ms->ws_len = 0;
        }
    }
    return done;
}

static size_t stream_hep(struct analyser *an, const struct flow *fl, const uint8_t *p,
                         size_t len, struct msg_stream *ms)
{
    size_t done = 0;

    while (done < len) {
        long n = hep_stream_length(p + done, len - done);
        if (n == 0)
            break;
        if (n < 0 || (size_t)n > an->lim.message_max) {
            an_count(an, n < 0 ? AN_MALFORMED : AN_TOO_BIG);
            ms->mode = MS_IGNORE;
            return len;
        }
        hep_datagram(an, fl, p + done, (size_t)n, 0);
        done += (size_t)n;
    }
    return done;
}

/* Decides what a stream carries from its first bytes. */
static void classify(struct analyser *an, struct msg_stream *ms, const uint8_t *p, size_t len)
{
    ms->seen = 1;
    ms->mode = MS_RESYNC; /* MS_SIP from the first start line on */
    if (len >= 2 && (p[0] >= 0x14 && p[0] <= 0x17) && p[1] == 0x03) {
        ms->mode = MS_TLS;
        an_count(an, AN_TLS);
    } else if (len >= 4 && memcmp(p, "HEP3", 4) == 0) {
        ms->mode = MS_HEP;
    } else if ((len >= 4 && memcmp(p, "GET ", 4) == 0) ||
               (len >= 12 && memcmp(p, "HTTP/1.1 101", 12) == 0)) {
        ms->mode = MS_WS_HANDSHAKE;
    }
}

void msg_stream_data(struct analyser *an, struct msg_stream *ms, const struct flow *fl,
                     const uint8_t *p, size_t len)
{
    size_t used;

    if (!ms->seen)
        classify(an, ms, p, len);
    if (ms->mode == MS_TLS || ms->mode == MS_IGNORE)
        return;
    if (!ms_grow(an, ms, len)) {
        /* Over the caps: what is held and what came are lost. */
        an_count(an, AN_TCP_EVICTED);
        ms->len = 0;
        ms->mode = MS_RESYNC;
        ms_trim(an, ms);
        return;
    }
    memcpy(ms->buf + ms->len, p, len);
    ms->len += len;
    for (;;) {
        int mode = ms->mode;
        if (mode == MS_WS_HANDSHAKE) {
            size_t hend = header_end((const char *)ms->buf, ms->len);
            if (!hend) {
                used = ms->len > an->lim.message_max ? ms->len : 0;
                if (used)
                    ms->mode = MS_IGNORE;
                break;
            }
            memmove(ms->buf, ms->buf + hend, ms->len - hend);
            ms->len -= hend;
            ms->mode = MS_WS;
            continue;
        }
        if (mode == MS_WS)
            used = stream_ws(an, ms, fl, ms->buf, ms->len);
        else if (mode == MS_HEP)
            used = stream_hep(an, fl, ms->buf, ms->len, ms);
        else if (mode == MS_SIP || mode == MS_RESYNC)
            used = stream_sip(an, ms, fl, (const char *)ms->buf, ms->len);
        else
            used = ms->len;
        break;
    }
    if (ms->mode == MS_IGNORE)
        used = ms->len;
    memmove(ms->buf, ms->buf + used, ms->len - used);
    ms->len -= used;
    ms_trim(an, ms);
}

void msg_stream_gap(struct analyser *an, struct msg_stream *ms)
{
    (void)an;
    ms->len = 0;
    if (ms->mode == MS_SIP)
        ms->mode = MS_RESYNC;
    ms_trim(an, ms);
}

void msg_stream_end(struct analyser *an, struct msg_stream *ms)
{
    size_t i;

    /* Bytes left that are more than keep-alives: a message cut short. */
    if (ms->mode == MS_SIP || ms->mode == MS_WS || ms->mode == MS_HEP) {
        for (i = 0; i < ms->len; i++)
            if (ms->buf[i] != '\r' && ms->buf[i] != '\n') {
                an_count(an, AN_INCOMPLETE);
                break;
            }
    }
    ms->len = 0;
}

void msg_stream_free(struct analyser *an, struct msg_stream *ms)
{
    reasm_release(an, ms->cap + ms->ws_len);
    free(ms->buf);
    free(ms->ws);
    memset(ms, 0, sizeof *ms);
}
