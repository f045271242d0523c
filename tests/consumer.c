/* SPDX-License-Identifier: MIT */
/* A program that embeds sipcode the way a user's project does, for
 * tests/test_vendor.sh and tests/test_install.sh: it includes only
 * <sipcode.h>, links the library, and checks that the header and the library
 * it was linked with agree. Prints one line; exits 0 when all held. */
#include <sipcode.h>

#include <stdio.h>
#include <string.h>

int main(void)
{
    static const char reason[] = "Request Time-out"; /* as an RFC 2543 peer sends it */
    int code = sipcode_from_phrase(reason, sizeof reason - 1);
    const char *phrase = sipcode_phrase(code);
    int ok = code == SIPCODE_REQUEST_TIMEOUT && phrase && strcmp(phrase, "Request Timeout") == 0 &&
             sipcode_effective(499) == SIPCODE_BAD_REQUEST &&
             strcmp(sipcode_version(), SIPCODE_VERSION) == 0;

    printf("consumer: %s -> %d %s; header %s, library %s, registry %s: %s\n", reason, code,
           phrase ? phrase : "(none)", SIPCODE_VERSION, sipcode_version(), SIPCODE_REGISTRY_DATE,
           ok ? "ok" : "WRONG");
    return ok ? 0 : 1;
}
