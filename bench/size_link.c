/* SPDX-License-Identifier: MIT */
/* The smallest program make size links: it calls sipcode_info and
 * sipcode_from_phrase and nothing else of the library, so that, built with
 * -ffunction-sections -fdata-sections and linked with --gc-sections, its
 * text and read-only data are what those two lookups cost a program. */
#include <string.h>

#include "sipcode.h"

int main(int argc, char **argv)
{
    const struct sipcode_info *info = sipcode_info(argc + 179);
    const char *q = argc > 1 ? argv[1] : "Ringing";

    return (info ? info->code : 0) + sipcode_from_phrase(q, strlen(q));
}
