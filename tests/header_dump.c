/* SPDX-License-Identifier: MIT */
/* Prints every constant of the public header, the predicate macros over the
 * edges of each range, the layout of struct sipcode_info and what one call
 * of each function the header declares gives. Built as C and, through
 * header_dump.cpp, as C++11 and C++17; the outputs must be identical (make
 * check-cxx), so the header means the same to both languages and each
 * function links from C++.
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
    /* One call of every other function of the API, so that each links from
     * C++ and answers as from C. */
    {
        static const char status[] = "SIP/2.0 486 Busy Here";
        static const char reason[] = "Q.850;cause=17;text=\"user \\\"busy\\\"\";x=1";
        struct sipcode_status_line sl;
        struct sipcode_reason r;
        struct sipcode_reason_param p;
        char buf[64];
        size_t n = 0, pos = 0;
        int rc = sipcode_parse_status_line(status, strlen(status), &sl);

        printf("registered 499 %d, spelling of 486 \"busy\" %d, status line %d code %d known %d, "
               "formatted %d %s", sipcode_is_registered(499),
               sipcode_is_spelling_of(486, "busy", 4), rc, sl.code, sl.known,
               sipcode_format_status_line(buf, sizeof buf, 603), buf);
        printf("strerror %s\n", sipcode_strerror(SIPCODE_E_RANGE));
        printf("q850: 486 -> %d, 21 user -> %d, 17 %s, 486/16 agreement %d\n",
               sipcode_to_q850(486), sipcode_from_q850(21, SIPCODE_Q850_LOCATION_USER),
               sipcode_q850_name(17), (int)sipcode_q850_agreement(486, 16));
        rc = sipcode_parse_reason(reason, strlen(reason), &r, 1, &n);
        printf("reason %d count %lu cause %d other %u", rc, (unsigned long)n, r.cause,
               r.other_params);
        while (sipcode_reason_param_next(&r, &pos, &p))
            printf(" %.*s", (int)p.name_len, p.name);
        printf(", unescaped %lu %s\n",
               (unsigned long)sipcode_reason_unescape(buf, sizeof buf, r.text, r.text_len), buf);
        printf("warning 399 %s, outcome 486 %s, metric roles 200 %u, version %s\n",
               sipcode_warning_text(399), sipcode_outcome_name(sipcode_outcome(486, 0)),
               sipcode_metric_roles(200), sipcode_version());
    }
    return 0;
}
