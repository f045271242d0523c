/* sipcode: every SIP response code, its reason phrase and metadata, and the
 * way back from any known spelling of a reason phrase to its code.
 *
 * All lookups read const tables: no allocation, no initialisation call, no
 * mutable state. Every function is thread-safe and async-signal-safe, and
 * every input, however bad, gets a defined answer (NULL, 0 or
 * SIPCODE_CLASS_NONE), never undefined behaviour.
 *
 * The table comes from codes.csv; see README.md for the rules about it. */
#ifndef SIPCODE_H
#define SIPCODE_H

#include <stddef.h>

#include "sipcode_codes.h" /* generated: SIPCODE_<NAME>, SIPCODE_PHRASE_MAX, ... */

#ifdef __cplusplus
extern "C" {
#endif

/* The class of a code in 100..699 is its first digit. */
enum sipcode_class {
    SIPCODE_CLASS_NONE = 0,
    SIPCODE_CLASS_PROVISIONAL = 1,
    SIPCODE_CLASS_SUCCESS = 2,
    SIPCODE_CLASS_REDIRECTION = 3,
    SIPCODE_CLASS_CLIENT_ERROR = 4,
    SIPCODE_CLASS_SERVER_ERROR = 5,
    SIPCODE_CLASS_GLOBAL_FAILURE = 6
};

/* Where a code stands in the IANA registry, or that a project added it. */
enum sipcode_status {
    SIPCODE_STATUS_CURRENT = 0,
    SIPCODE_STATUS_DEPRECATED = 1, /* registered, not to be sent (202, RFC 6665) */
    SIPCODE_STATUS_RESERVED = 2,   /* registered, reserved for future use (402) */
    SIPCODE_STATUS_HISTORIC = 3,   /* RFC 2543 only, not in the registry (409, 411) */
    SIPCODE_STATUS_LOCAL = 4       /* not in the registry; added by the embedding project
                                      from a file after codes.csv (make regen EXTRA_CODES=) */
};

/* sipcode_info.flags */
#define SIPCODE_FLAG_PHRASE_SHARED 0x01u /* the phrase resolves to another code (606 -> 406) */

/* One row of the table. The phrase is not a pointer so that the table holds
 * no relocations; read it with sipcode_phrase(info->code). */
struct sipcode_info {
    unsigned short code;      /* 100..699 */
    unsigned short rfc;       /* number of the defining RFC, e.g. 3261 */
    unsigned short phrase_at; /* offset of the phrase in the library's string pool */
    unsigned char cls;        /* enum sipcode_class */
    unsigned char status;     /* enum sipcode_status */
    unsigned char final;      /* 1 for a final response (2xx-6xx), 0 for 1xx */
    unsigned char flags;      /* SIPCODE_FLAG_... */
};

/* Metadata of a code in the table; NULL for any other int. */
const struct sipcode_info *sipcode_info(int code);

/* Canonical reason phrase as the IANA registry spells it; NULL for a code
 * not in the table. */
const char *sipcode_phrase(int code);

/* The code for any known spelling of a reason phrase, 0 for none. Reads at
 * most len bytes of s and needs no NUL terminator. Matching ignores ASCII
 * case, space, tab and ASCII punctuation; a control byte or a byte 0x80-0xFF
 * anywhere gives 0, and so does s == NULL or len > SIPCODE_PHRASE_MAX.
 * "Not Acceptable" gives 406: 606 shares that phrase and is reached by code. */
int sipcode_from_phrase(const char *s, size_t len);

/* The code a user agent acts on (RFC 3261 section 8.1.3.2): the code itself
 * when it is in the IANA registry or the project added it as a local code
 * (the project recognises it); 183 for any other 1xx; x00 for any other code
 * xyz (the historic 409 and 411 included); 0 outside 100..699. */
int sipcode_effective(int code);

/* Class of any code in 100..699, registered or not; SIPCODE_CLASS_NONE for
 * any other int. */
enum sipcode_class sipcode_class(int code);

/* "Provisional", "Success", "Redirection", "Client Error", "Server Error",
 * "Global Failure"; NULL for SIPCODE_CLASS_NONE or any other value. */
const char *sipcode_class_name(enum sipcode_class cls);

/* "current", "deprecated", "reserved", "historic", "local"; NULL for any
 * other value. */
const char *sipcode_status_name(enum sipcode_status status);

/* Class predicates on the numeric range, whether or not the code is in the
 * table. Each evaluates its argument once, is a constant expression for a
 * constant argument, and takes any integer type without truncating it. */
#define SIPCODE_IN_RANGE_(c, lo, n) ((unsigned long long)(c) - (lo##ull) < (n##ull))
#define SIPCODE_IS_VALID(c) SIPCODE_IN_RANGE_(c, 100, 600)
#define SIPCODE_IS_PROVISIONAL(c) SIPCODE_IN_RANGE_(c, 100, 100)
#define SIPCODE_IS_FINAL(c) SIPCODE_IN_RANGE_(c, 200, 500)
#define SIPCODE_IS_SUCCESS(c) SIPCODE_IN_RANGE_(c, 200, 100)
#define SIPCODE_IS_REDIRECTION(c) SIPCODE_IN_RANGE_(c, 300, 100)
#define SIPCODE_IS_CLIENT_ERROR(c) SIPCODE_IN_RANGE_(c, 400, 100)
#define SIPCODE_IS_SERVER_ERROR(c) SIPCODE_IN_RANGE_(c, 500, 100)
#define SIPCODE_IS_GLOBAL_FAILURE(c) SIPCODE_IN_RANGE_(c, 600, 100)
/* A provisional response other than 100: one that may be sent reliably and
 * acknowledged with PRACK (RFC 3262 section 3). */
#define SIPCODE_MAY_BE_RELIABLE(c) SIPCODE_IN_RANGE_(c, 101, 99)

/* Version. The macros describe the header a program was compiled with;
 * sipcode_version() the library it is linked with, so that a program can
 * notice a mismatch. SIPCODE_REGISTRY_DATE (sipcode_codes.h) is the date of
 * the IANA registry the table was checked against. */
#define SIPCODE_VERSION_MAJOR 0
#define SIPCODE_VERSION_MINOR 1
#define SIPCODE_VERSION_PATCH 0
#define SIPCODE_VERSION "0.1.0"
/* MAJOR * 10000 + MINOR * 100 + PATCH, for #if comparisons. */
#define SIPCODE_VERSION_NUMBER \
    (SIPCODE_VERSION_MAJOR * 10000 + SIPCODE_VERSION_MINOR * 100 + SIPCODE_VERSION_PATCH)

/* SIPCODE_VERSION of the library actually linked, e.g. "0.1.0". */
const char *sipcode_version(void);

#ifdef __cplusplus
}
#endif

#endif
