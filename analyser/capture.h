/* SPDX-License-Identifier: MIT */
/* Reading packets for the analyser: capture files (pcap in either byte
 * order with micro- or nanosecond times, pcapng) and live interfaces,
 * through libpcap. The only part of sipcode that knows libpcap. */
#ifndef SIPCODE_CAPTURE_H
#define SIPCODE_CAPTURE_H

#include <stddef.h>
#include <stdio.h>

#include "analyser.h"

/* What the first bytes of an input say it is. */
enum capture_format { CAPTURE_TEXT, CAPTURE_PCAP, CAPTURE_PCAPNG, CAPTURE_UNKNOWN };

/* head[0..n) is the start of the input (n may be short at its end). Text
 * is what has no NUL byte and few other control bytes in its first block. */
enum capture_format capture_format(const unsigned char *head, size_t n);

/* Feeds every packet of a capture to an. f is at the start of the capture
 * unless head is given: then head[0..n) was read from f already and comes
 * first. f stays open: the caller closes it. Returns 0, or -1 with a
 * one-line reason in err. A file that ends inside a packet is counted
 * (AN_CUT_SHORT), not an error. */
int capture_file(struct analyser *an, FILE *f, const unsigned char *head, size_t n, char *err,
                 size_t errlen);

/* Captures live from iface for seconds (0: until interrupted) with a filter
 * that keeps IP fragments. Returns 0, or -1 with a reason in err. */
int capture_live(struct analyser *an, const char *iface, unsigned seconds, char *err,
                 size_t errlen);

/* 1 when built with libpcap. */
int capture_available(void);

#endif
