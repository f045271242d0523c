/* SPDX-License-Identifier: MIT */
/* The analyser's lifetime, limits and counters; the layers are in link.c,
 * reasm.c, encap.c and message.c. */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

const char *an_transport_name(enum an_transport t)
{
    static const char *const names[AN_TRANSPORTS] = { "UDP", "TCP", "SCTP", "WS" };

    return (unsigned)t < AN_TRANSPORTS ? names[t] : NULL;
}

const char *an_reason_name(enum an_reason r)
{
    static const char *const names[AN_REASONS] = {
        "snaplen", "capture-cut-short", "fragment-incomplete", "tcp-gap", "tcp-evicted",
        "message-incomplete", "message-too-big", "tls", "malformed", "bad-packet",
        "unknown-link-type",
    };

    return (unsigned)r < AN_REASONS ? names[r] : NULL;
}

/* Together at most about 48 MB: fragments 8 MB, TCP 32 MB, the rest small. */
void an_limits_default(struct an_limits *lim)
{
    lim->message_max = 65536;
    lim->frags_max = 512;
    lim->frag_bytes_max = 8u << 20;
    lim->tcp_streams_max = 16384;
    lim->tcp_stream_bytes_max = 256u << 10;
    lim->tcp_bytes_max = 32u << 20;
}

struct analyser *an_new(const struct an_limits *lim, an_record_fn *fn, void *ctx)
{
    struct analyser *an = calloc(1, sizeof *an);

    if (!an)
        return NULL;
    if (lim)
        an->lim = *lim;
    else
        an_limits_default(&an->lim);
    if (an->lim.message_max < 64)
        an->lim.message_max = 64;
    if (an->lim.tcp_streams_max < 1)
        an->lim.tcp_streams_max = 1;
    an->fn = fn;
    an->ctx = ctx;
    an->scratch_cap = an->lim.message_max;
    an->scratch = malloc(an->scratch_cap);
    if (!an->scratch || reasm_init(an) != 0) {
        an_free(an);
        return NULL;
    }
    return an;
}

void an_finish(struct analyser *an)
{
    reasm_finish(an);
}

const struct an_counts *an_counts(const struct analyser *an)
{
    return &an->counts;
}

void an_count(struct analyser *an, enum an_reason r)
{
    if ((unsigned)r < AN_REASONS)
        an->counts.not_decoded[r]++;
}

void an_free(struct analyser *an)
{
    if (!an)
        return;
    reasm_free(an);
    free(an->scratch);
    free(an);
}
