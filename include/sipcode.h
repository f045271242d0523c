/* SPDX-License-Identifier: MIT */
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

/* Marks the functions libsipcode.so exports: the Makefile compiles the
 * library with hidden visibility, so nothing else leaves it. A project that
 * compiles sipcode into its own shared object and wants none of it seen
 * from outside compiles it with -DSIPCODE_API= -fvisibility=hidden. */
#ifndef SIPCODE_API
#if defined(__GNUC__) && !defined(_WIN32) && !defined(__CYGWIN__)
#define SIPCODE_API __attribute__((visibility("default")))
#else
#define SIPCODE_API
#endif
#endif

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

/* Where a code stands in the IANA SIP "Response Codes" registry, or that
 * the embedding project added it. ("Status" is kept for the first line of
 * a response: struct sipcode_status_line.) */
enum sipcode_standing {
    SIPCODE_STANDING_CURRENT = 0,
    SIPCODE_STANDING_DEPRECATED = 1, /* registered, not to be sent (202, RFC 6665) */
    SIPCODE_STANDING_RESERVED = 2,   /* registered, reserved for future use (402) */
    SIPCODE_STANDING_HISTORIC = 3,   /* RFC 2543 only, not in the registry (409, 411) */
    SIPCODE_STANDING_LOCAL = 4       /* not in the registry; added by the embedding project
                                        from a file after codes.csv (make regen EXTRA_CODES=) */
};

/* sipcode_info.flags */
#define SIPCODE_FLAG_PHRASE_SHARED 0x01u /* the phrase resolves to another code (606 -> 406) */

/* One row of the table, as sipcode_info() returns it. The canonical phrase
 * is sipcode_phrase(info->code): the table holds no pointers, so that it
 * needs no relocation and stays in read-only memory in a shared library. */
struct sipcode_info {
    unsigned short code;            /* 100..699 */
    unsigned short rfc;             /* number of the defining RFC, e.g. 3261; 0 for a
                                     * local code defined by no RFC */
    enum sipcode_class cls;         /* the first digit of code */
    enum sipcode_standing standing; /* where the code stands in the registry */
    unsigned char final;            /* 1 for a final response (2xx-6xx), 0 for 1xx */
    unsigned char flags;            /* SIPCODE_FLAG_... */
};

/* Metadata of a code in the table; NULL for any other int. */
SIPCODE_API const struct sipcode_info *sipcode_info(int code);

/* Canonical reason phrase as the IANA registry spells it; NULL for a code
 * not in the table. */
SIPCODE_API const char *sipcode_phrase(int code);

/* The code for any known spelling of a reason phrase, 0 for none. Reads at
 * most len bytes of s and needs no NUL terminator. Matching ignores ASCII
 * case, space, tab and ASCII punctuation; a control byte or a byte 0x80-0xFF
 * anywhere gives 0, and so does s == NULL or len > SIPCODE_PHRASE_MAX.
 * "Not Acceptable" gives 406: 606 shares that phrase and is reached by code. */
SIPCODE_API int sipcode_from_phrase(const char *s, size_t len);

/* The code a user agent acts on (RFC 3261 section 8.1.3.2): the code itself
 * when it is in the IANA registry or the project added it as a local code
 * (the project recognises it); 183 for any other 1xx; x00 for any other code
 * xyz (the historic 409 and 411 included); 0 outside 100..699. */
SIPCODE_API int sipcode_effective(int code);

/* Class of any code in 100..699, registered or not; SIPCODE_CLASS_NONE for
 * any other int. */
SIPCODE_API enum sipcode_class sipcode_class(int code);

/* "Provisional", "Success", "Redirection", "Client Error", "Server Error",
 * "Global Failure"; NULL for SIPCODE_CLASS_NONE or any other value. */
SIPCODE_API const char *sipcode_class_name(enum sipcode_class cls);

/* "current", "deprecated", "reserved", "historic", "local"; NULL for any
 * other value. */
SIPCODE_API const char *sipcode_standing_name(enum sipcode_standing standing);

/* 1 when code is in the IANA registry: standing current, deprecated or
 * reserved. 0 for the historic 409 and 411, for a local code (the project
 * added it and acts on it, so sipcode_effective() returns it unchanged, but
 * IANA has not registered it), and for any other int. */
SIPCODE_API int sipcode_is_registered(int code);

/* 1 when s (len bytes) is a known spelling of code's phrase: a spelling
 * that resolves to code, or one that resolves where code's own phrase does
 * (so "not acceptable" is a spelling of 606 as well as 406); 0 otherwise. */
SIPCODE_API int sipcode_is_spelling_of(int code, const char *s, size_t len);

/* ------------------------------------------------------------ status lines
 * RFC 3261 section 25.1: Status-Line = SIP-Version SP Status-Code SP
 * Reason-Phrase CRLF. */

/* Longest status line sipcode_parse_status_line() accepts, not counting a
 * trailing CRLF. */
#define SIPCODE_STATUS_LINE_MAX 1024

struct sipcode_status_line {
    int code;          /* 100..699 */
    const char *phrase; /* points into the parsed line; not NUL-terminated */
    size_t phrase_len; /* may be 0: an empty reason phrase is legal */
    int known;         /* 1 when the phrase is a known spelling of code */
};

/* Errors: the one list of them. Each is a distinct negative value, and its
 * text is what sipcode_strerror() returns. A new error is one line here:
 * the constants and the messages are both made from this list.
 * X(name, value, message) */
#define SIPCODE_ERRORS(X)                                                                     \
    X(SIPCODE_E_NULL, -1, "NULL input or result")                                             \
    X(SIPCODE_E_TOO_LONG, -2, "status line longer than SIPCODE_STATUS_LINE_MAX")              \
    X(SIPCODE_E_VERSION, -3, "status line does not start with SIP/2.0")                       \
    X(SIPCODE_E_SPACE, -4, "missing space after the SIP version or the status code")          \
    X(SIPCODE_E_DIGITS, -5, "status code is not three digits")                                \
    X(SIPCODE_E_RANGE, -6, "status code outside 100..699, or cause outside 1..127")           \
    X(SIPCODE_E_CONTROL, -7, "control character in the reason phrase")                        \
    X(SIPCODE_E_UNKNOWN, -8, "code not in the table")                                         \
    X(SIPCODE_E_BUFFER, -9, "NULL buffer with a non-zero size")

#define SIPCODE_ERROR_ENUM_(name, value, message) name = (value),
enum sipcode_error { SIPCODE_ERRORS(SIPCODE_ERROR_ENUM_) SIPCODE_E_NONE = 0 };
#undef SIPCODE_ERROR_ENUM_

/* Parses len bytes of s, with or without the line ending (CRLF, LF or CR);
 * needs no NUL terminator and never reads past len. "SIP" may be in any
 * case (RFC 3261 ABNF strings are case-insensitive); the version must be 2.0.
 * The phrase may hold tabs and bytes 0x80-0xFF but no other control byte.
 * Returns 0 and fills *out, or a SIPCODE_E_... value and zeroes *out. */
SIPCODE_API int sipcode_parse_status_line(const char *s, size_t len,
                                          struct sipcode_status_line *out);

/* Writes "SIP/2.0 486 Busy Here\r\n" with the canonical phrase, with
 * snprintf's contract: returns the length the line needs (without the NUL),
 * writes at most size bytes, NUL-terminates when size > 0. Returns
 * SIPCODE_E_UNKNOWN for a code not in the table, SIPCODE_E_BUFFER for a NULL
 * buf with a non-zero size. */
SIPCODE_API int sipcode_format_status_line(char *buf, size_t size, int code);

/* A one-line description of a SIPCODE_E_... value; "success" for 0 and
 * "unknown error" for any other value. Never NULL. */
SIPCODE_API const char *sipcode_strerror(int err);

/* Class predicates on the numeric range, whether or not the code is in the
 * table. Each evaluates its argument once, is a constant expression for a
 * constant argument, and takes any integer type without truncating it. */
#ifdef __cplusplus
#define SIPCODE_IN_RANGE_(c, lo, n) (static_cast<unsigned long long>(c) - (lo##ull) < (n##ull))
#else
#define SIPCODE_IN_RANGE_(c, lo, n) ((unsigned long long)(c) - (lo##ull) < (n##ull))
#endif
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

/* ---- Gateway mapping: SIP status <-> ISDN/ISUP (Q.850) cause value ----
 * The recommended mapping of RFC 3398 (section 7.2.4.1 cause -> status,
 * section 8.2.6.1 status -> cause), from q850.csv. Like the rest, O(1)
 * lookups in const tables. Where products depart from it: README.md. */

/* Flags of sipcode_from_q850(): what the caller knows about the release that
 * makes RFC 3398 recommend another status. Other bits are ignored. */
#define SIPCODE_Q850_LOCATION_USER 0x01u /* cause location is "user": 21 gives 603, not 403 */
#define SIPCODE_Q850_NEW_NUMBER 0x02u    /* diagnostic holds the new number: 22 gives 301
                                          * (send it in Contact), not 410 */

/* The SIP status to answer a call released with a cause in 1..127: the RFC's
 * table, or its default 500 for a cause the table does not list. 0 where the
 * RFC sends no status (16 normal call clearing becomes BYE or CANCEL; 44
 * requested circuit not available makes the gateway try another circuit).
 * SIPCODE_E_RANGE (negative) for any int outside 1..127. */
SIPCODE_API int sipcode_from_q850(int cause, unsigned flags);

/* The cause value to release a call with when a SIP failure response
 * (400..699) arrives: the RFC's table, or its default 31 (normal,
 * unspecified) for a code the table does not list, every code registered
 * after RFC 3398 included. 31 for 488 and 606, whose cause the RFC takes
 * from the Warning header (31 unless it concerns bearer capability, then
 * 65). 0 where the RFC gives no cause: 487 (the gateway's own CANCEL,
 * sent because the ISUP side released first, so there is no release left
 * to send); every 1xx, 2xx and 3xx, which the RFC's table does not cover
 * because none of them ends a call (a 1xx is not final, a 2xx answers, a
 * 3xx redirects: RFC 3261 section 8.1.3.4). SIPCODE_E_RANGE (negative)
 * for any int outside 100..699. */
SIPCODE_API int sipcode_to_q850(int code);

/* The name of a cause value as ITU-T Q.850 spells it ("User busy" for 17);
 * NULL for a value Q.850 does not define and for any int outside 1..127. */
SIPCODE_API const char *sipcode_q850_name(int cause);

/* Version. The macros describe the header a program was compiled with;
 * sipcode_version() the library it is linked with, so that a program can
 * notice a mismatch. SIPCODE_REGISTRY_DATE (sipcode_codes.h) is the date of
 * the IANA registry the table was checked against. */
#define SIPCODE_VERSION_MAJOR 1
#define SIPCODE_VERSION_MINOR 0
#define SIPCODE_VERSION_PATCH 0
#define SIPCODE_VERSION "1.0.0"
/* MAJOR * 10000 + MINOR * 100 + PATCH, for #if comparisons. */
#define SIPCODE_VERSION_NUMBER \
    (SIPCODE_VERSION_MAJOR * 10000 + SIPCODE_VERSION_MINOR * 100 + SIPCODE_VERSION_PATCH)

/* SIPCODE_VERSION of the library actually linked, e.g. "1.0.0". */
SIPCODE_API const char *sipcode_version(void);

#ifdef __cplusplus
}
#endif

#endif
