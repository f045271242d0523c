/* SPDX-License-Identifier: MIT
 * Whether a failure response's status code and the Q.850 cause of its
 * Reason header agree with RFC 3398: both directions of the mapping in
 * src/q850.c, plus the pairs the RFC's text allows beside its tables. The
 * contract is in include/sipcode.h. */
#include "sipcode.h"

/* Pairs that neither table joins but the RFC's text does. */
static const struct {
    unsigned short code;
    unsigned char cause;
} also_agree[] = {
    /* 7.2.4.1: cause 16 is released with BYE or CANCEL; a CANCEL of a
     * pending INVITE gets it a 487 (RFC 3261 section 9.2). */
    { 487, 16 },
    /* 8.2.6.1: the cause for 488 and 606 comes from the Warning header,
     * 65 (bearer capability not implemented) when it concerns bearer
     * capability; sipcode_to_q850() gives the default 31. */
    { 488, 65 },
    { 606, 65 },
};

/* Every combination of the flags sipcode_from_q850() knows. */
static const unsigned flag_sets[] = { 0u, SIPCODE_Q850_LOCATION_USER, SIPCODE_Q850_NEW_NUMBER,
                                      SIPCODE_Q850_LOCATION_USER | SIPCODE_Q850_NEW_NUMBER };

enum sipcode_q850_agreement sipcode_q850_agreement(int code, int cause)
{
    size_t i;

    if ((unsigned)code - 400u >= 300u || (unsigned)cause - 1u >= 127u)
        return SIPCODE_Q850_NOT_COVERED;
    if (sipcode_to_q850(code) == cause)
        return SIPCODE_Q850_AGREE;
    for (i = 0; i < sizeof flag_sets / sizeof flag_sets[0]; i++)
        if (sipcode_from_q850(cause, flag_sets[i]) == code)
            return SIPCODE_Q850_AGREE;
    for (i = 0; i < sizeof also_agree / sizeof also_agree[0]; i++)
        if (also_agree[i].code == code && also_agree[i].cause == cause)
            return SIPCODE_Q850_AGREE;
    return SIPCODE_Q850_DISAGREE;
}
