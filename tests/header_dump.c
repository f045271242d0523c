/* SPDX-License-Identifier: MIT */
/* Prints every constant of the public header, the predicate macros over the
 * edges of each range, the layout of struct sipcode_info and a few calls,
 * one per line. Built as C and, through header_dump.cpp, as C++11 and C++17;
 * the outputs must be identical (make check-cxx), so the header means the
 * same to both languages and links from C++.
 *
 * header_names.inc, made from the headers by make, lists the constants as
 * X(SIPCODE_NAME) lines. */
#include "sipcode.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

/* A constant expression for a constant argument, in either language. */
typedef char header_dump_final_is_constant[SIPCODE_IS_FINAL(SIPCODE_BUSY_HERE) ? 1 : -1];

int main(void)
{
    static const int edges[] = { -1, 0, 99, 100, 101, 199, 200, 299, 300, 399,
                                 400, 499, 500, 599, 600, 699, 700 };
    size_t i;

#define X(name) printf("%s %lld\n", #name, (long long)(name));
#include "header_names.inc"
#undef X
    printf("SIPCODE_REGISTRY_DATE %s\n", SIPCODE_REGISTRY_DATE);
    for (i = 0; i < sizeof edges / sizeof edges[0]; i++) {
        int c = edges[i];
        printf("%d valid %d prov %d final %d succ %d redir %d client %d server %d global %d "
               "reliable %d\n", c, (int)SIPCODE_IS_VALID(c), (int)SIPCODE_IS_PROVISIONAL(c),
               (int)SIPCODE_IS_FINAL(c), (int)SIPCODE_IS_SUCCESS(c),
               (int)SIPCODE_IS_REDIRECTION(c), (int)SIPCODE_IS_CLIENT_ERROR(c),
               (int)SIPCODE_IS_SERVER_ERROR(c), (int)SIPCODE_IS_GLOBAL_FAILURE(c),
               (int)SIPCODE_MAY_BE_RELIABLE(c));
    }
    printf("sizeof sipcode_info %u code@%u rfc@%u cls@%u standing@%u final@%u "
           "flags@%u\n", (unsigned)sizeof(struct sipcode_info),
           (unsigned)offsetof(struct sipcode_info, code),
           (unsigned)offsetof(struct sipcode_info, rfc),
           (unsigned)offsetof(struct sipcode_info, cls),
           (unsigned)offsetof(struct sipcode_info, standing),
           (unsigned)offsetof(struct sipcode_info, final),
           (unsigned)offsetof(struct sipcode_info, flags));
    printf("sizeof enum sipcode_class %u, enum sipcode_standing %u\n",
           (unsigned)sizeof(enum sipcode_class), (unsigned)sizeof(enum sipcode_standing));
    printf("486 %s, \"busy here\" %d, 499 -> %d, class %s, standing %s\n", sipcode_phrase(486),
           sipcode_from_phrase("busy here", strlen("busy here")), sipcode_effective(499),
           sipcode_class_name(sipcode_class(486)),
           sipcode_standing_name(sipcode_info(409)->standing));
    return 0;
}
