/* SPDX-License-Identifier: MIT */
/* sipcode: every SIP response code, its reason phrase and metadata, and the
 * way back from any known spelling of a reason phrase to its code.
 *
 * All lookups read const tables: no allocation, no initialisation call, no
 * mutable state. Every function is thread-safe and async-signal-safe, and
 * every input, however bad, gets a defined answer (NULL, 0 or
 * SIPCODE_CLASS_NONE), never undefined behaviour.
 *
 * The table comes from codes.csv; see doc/data-rules.md for the rules about it. */
#ifndef SIPCODE_H
#define SIPCODE_H

#include <stddef.h>

#include "sipcode_codes.h" /* generated: SIPCODE_<NAME>, SIPCODE_PHRASE_MAX, ... */
#include "sipcode_warn.h"  /* generated: SIPCODE_WARN_<NAME>, SIPCODE_WARN_COUNT, ... */
#include "sipcode_outcome.h" /* generated: enum sipcode_outcome, SIPCODE_METRIC_... */

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
    X(SIPCODE_E_BUFFER, -9, "NULL buffer with a non-zero size")                               \
    /* Reason header values: sipcode_parse_reason() */                                        \
    X(SIPCODE_E_REASON_TOO_LONG, -10, "Reason value longer than SIPCODE_REASON_MAX")           \
    X(SIPCODE_E_REASON_EMPTY, -11, "empty Reason value, or an empty one between commas")      \
    X(SIPCODE_E_REASON_PROTOCOL, -12, "reason-value does not start with a protocol token")    \
    X(SIPCODE_E_REASON_SEPARATOR, -13, "expected ';' or ',' in the Reason value")             \
    X(SIPCODE_E_REASON_PARAM, -14, "Reason parameter name is not a token, or '=' has no value") \
    X(SIPCODE_E_REASON_CAUSE, -15, "Reason cause is missing, not digits, or too large")       \
    X(SIPCODE_E_REASON_CAUSE_RANGE, -16,                                                      \
      "SIP cause outside 100..699 or Q.850 cause outside 1..127")                             \
    X(SIPCODE_E_REASON_TEXT, -17, "Reason text is not a quoted string")                       \
    X(SIPCODE_E_REASON_QUOTE, -18, "quoted string without its closing quote")                 \
    X(SIPCODE_E_REASON_LOCATION, -19, "Reason location is not a token")                       \
    X(SIPCODE_E_REASON_DUPLICATE, -20, "cause, text or location twice in one reason-value")   \
    X(SIPCODE_E_REASON_CONTROL, -21, "control character in the Reason value")

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
 * lookups in const tables. Where products depart from it: doc/q850.md. */

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

/* Whether a failure response's status code and the Q.850 cause of its Reason
 * header agree with RFC 3398. They agree when either direction of the RFC's
 * mapping joins them: sipcode_to_q850(code) == cause, or
 * sipcode_from_q850(cause, flags) == code under some flags (so 603 with 21
 * agrees: 21 from the user gives 603); and in the three cases the RFC's text
 * gives beside its tables: 487 with 16 (16 is released with a CANCEL, which
 * a 487 answers), and 488 or 606 with 65 (section 8.2.6.1 takes the cause
 * from the Warning header, 65 when it concerns bearer capability). They
 * disagree otherwise, e.g. 486 with 16: 486 maps to 17 and 16 to no status.
 * The RFC's defaults count as its answer (500 with cause 10 agrees). */
enum sipcode_q850_agreement {
    SIPCODE_Q850_AGREE = 0,
    SIPCODE_Q850_DISAGREE = 1,
    SIPCODE_Q850_NOT_COVERED = 2 /* code outside 400..699 or cause outside 1..127:
                                  * RFC 3398 maps failures only */
};
SIPCODE_API enum sipcode_q850_agreement sipcode_q850_agreement(int code, int cause);

/* ---------------------------------------------------------- Reason header
 * RFC 3326, with RFC 9366 (several values, the same protocol allowed more
 * than once) and RFC 8606 (the ISUP cause location):
 *   Reason       = "Reason" HCOLON reason-value *(COMMA reason-value)
 *   reason-value = protocol *(SEMI reason-params)
 *   protocol     = "SIP" / "Q.850" / token
 *   reason-params = "cause" EQUAL 1*DIGIT / "text" EQUAL quoted-string
 *                 / "location" EQUAL token / generic-param
 * e.g. SIP ;cause=480 ;text="Temporarily, \"away\"", Q.850;cause=18;location=LN */

/* Longest Reason value sipcode_parse_reason() accepts, without a trailing
 * line ending. */
#define SIPCODE_REASON_MAX 4096

enum sipcode_reason_protocol {
    SIPCODE_REASON_OTHER = 0, /* any other token: read protocol_text */
    SIPCODE_REASON_SIP = 1,   /* cause is a SIP status code, 100..699 */
    SIPCODE_REASON_Q850 = 2   /* cause is an ITU-T Q.850 cause value, 1..127 */
};

/* One reason-value. Every pointer points into the parsed input and is not
 * NUL-terminated; an absent part is NULL with length 0 (an empty text=""
 * is present: not NULL, length 0). */
struct sipcode_reason {
    enum sipcode_reason_protocol protocol;
    const char *protocol_text; /* the token as sent ("SIP", "q.850", "preemption") */
    size_t protocol_len;
    int cause;                 /* -1 when the value has no cause parameter */
    const char *text;          /* between the quotes, escapes as sent: see
                                * sipcode_reason_unescape() */
    size_t text_len;
    const char *location;      /* RFC 8606 location token as sent, any protocol */
    size_t location_len;
    int location_code;         /* the Q.850 location field that the token names
                                * (U 0, LPN 1, LN 2, TN 3, RLN 4, RPN 5, LOC 6,
                                * INTL 7, BI 10, any case); -1 when absent or
                                * another token */
    const char *params;        /* every parameter, from the first ';' to the end of
                                * the last one; walk it with sipcode_reason_param_next() */
    size_t params_len;
    unsigned other_params;     /* parameters other than cause, text and location */
};

/* Parses the len bytes of a Reason header value at s, with or without the
 * header name ("Reason:" in any case) and one trailing line ending; needs no
 * NUL terminator and never reads past len. Takes the whitespace products put
 * around ';', '=' and ',' and folded lines (LWS). Stores the first max
 * reason-values in out[0..max-1] (out may be NULL when max is 0) and sets
 * *count (when count is not NULL) to the number of reason-values in the
 * header, which may exceed max: every one is checked. Returns 0, or a
 * SIPCODE_E_... value (NULL s or out, SIPCODE_E_REASON_...), and then *count
 * is 0 and the entries it had filled are zeroed.
 * Not checked, left to the caller: that protocols differ (RFC 3326 asks it;
 * RFC 9366 allows repeats for a protocol that defines them); that a location
 * comes with Q.850; the escapes allowed inside text (an escaped control
 * byte is refused, though, like any control byte but tab: it would hide a
 * NUL in the text). Bytes 0x80-0xFF are taken inside quoted strings only. */
SIPCODE_API int sipcode_parse_reason(const char *s, size_t len, struct sipcode_reason *out,
                                     size_t max, size_t *count);

/* One parameter of a reason-value. value is NULL for a parameter with no
 * '='; for a quoted value it holds what is between the quotes, and quoted is 1. */
struct sipcode_reason_param {
    const char *name;
    size_t name_len;
    const char *value;
    size_t value_len;
    int quoted;
};

/* Walks the parameters of a reason-value that sipcode_parse_reason() filled,
 * cause, text and location included, in the order sent. Start with *pos = 0;
 * returns 1 and fills *out while there is one, then 0 (also for NULL
 * arguments). */
SIPCODE_API int sipcode_reason_param_next(const struct sipcode_reason *r, size_t *pos,
                                          struct sipcode_reason_param *out);

/* Copies the len bytes of a quoted string's inside (text) into buf with its
 * escapes undone (backslash + byte gives the byte) and folded line breaks
 * (CR, LF) dropped, under snprintf's contract: returns the length the result
 * needs, writes at most size bytes, NUL-terminates when size > 0. A NULL buf
 * or text writes nothing (text NULL gives 0). */
SIPCODE_API size_t sipcode_reason_unescape(char *buf, size_t size, const char *text, size_t len);

/* ---------------------------------------------------------- Warning codes
 * RFC 3261 section 20.43: Warning = "Warning" HCOLON warning-value
 * *(COMMA warning-value); warning-value = warn-code SP warn-agent SP
 * warn-text. The codes of the IANA "Warning Codes (warn-codes)" registry,
 * from warn-codes.csv; SIPCODE_WARN_REGISTRY_DATE says when it was checked. */

/* The registry's text of a Warning code ("Incompatible network protocol"
 * for 300, "Miscellaneous warning" for 399); NULL for any int that is not a
 * code of the registry. */
SIPCODE_API const char *sipcode_warning_text(int code);

/* ------------------------------------------- Outcomes and RFC 6076 metrics
 * What the final response of an attempt means for those who count calls,
 * from outcomes.csv: the outcome group of a session attempt (an initial
 * INVITE with its retries after a 401 or 407 challenge; the final response
 * of its last INVITE transaction decides), and the role of a final code in
 * the code lists of RFC 6076 section 4. The groups and the lists are data:
 * enum sipcode_outcome and the SIPCODE_METRIC_ bits are generated
 * (sipcode_outcome.h). In both calls, code 0 stands for "no final response"
 * (Timer B, 64*T1, fired, or the capture ended first). */

/* Flags of sipcode_outcome(). Other bits are ignored. */
#define SIPCODE_OUTCOME_CANCEL_SENT 0x01u /* the caller sent a CANCEL for the attempt */

/* The group of an attempt that ended with final code (200..699, or 0 for no
 * final response), e.g. SIPCODE_OUTCOME_BUSY for 486 and 600,
 * SIPCODE_OUTCOME_CANCELLED for 487 with SIPCODE_OUTCOME_CANCEL_SENT (without
 * it, another failure); SIPCODE_OUTCOME_NONE for 1xx and any other int. */
SIPCODE_API enum sipcode_outcome sipcode_outcome(int code, unsigned flags);

/* The group's name as outcomes.csv spells it ("busy", "challenged-abandoned");
 * NULL for SIPCODE_OUTCOME_NONE and any other value. */
SIPCODE_API const char *sipcode_outcome_name(enum sipcode_outcome outcome);

/* The SIPCODE_METRIC_<METRIC>_NUMERATOR and _EXCLUDED bits of an attempt that
 * ended with code (0: no final response), 0 for any int outside 100..699.
 * A metric is numerator / (attempts - attempts with its _EXCLUDED bit): SER,
 * SEER and ISA over INVITE session attempts, IRA over initial REGISTERs. */
SIPCODE_API unsigned sipcode_metric_roles(int code);

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
