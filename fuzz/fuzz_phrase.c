/* SPDX-License-Identifier: MIT */
/* Fuzz harness for sipcode_from_phrase(): outside bytes as a reason phrase.
 *
 * Checks the answer against a reference model written here from the rule in
 * doc/data-rules.md (ASCII letters folded, digits kept, space, tab and ASCII
 * punctuation dropped, any other byte rejects the query, more than
 * SIPCODE_PHRASE_MAX bytes gives 0) and every spelling of codes.csv
 * (tests/expected.inc); then that changing case and adding or removing the
 * bytes normalisation drops does not change the answer. */
#include "sipcode.h"

#include "fuzz.h"
#include "expected.h"

#define KEY_MAX 128 /* longer than any known spelling's key */

/* The normalised key of s, or -1 when a byte rejects the query. */
static int ref_key(const unsigned char *s, size_t n, char *key, size_t size)
{
    size_t i, k = 0;

    for (i = 0; i < n; i++) {
        unsigned char c = s[i];
        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c - 'A' + 'a');
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            if (k + 1 >= size)
                return -1; /* longer than any known key: no match either way */
            key[k++] = (char)c;
        } else if (!(c == '\t' || (c >= 0x20 && c <= 0x7e))) {
            return -1;
        }
    }
    key[k] = '\0';
    return 0;
}

/* The keys of every known spelling with their codes, sorted for bsearch. */
struct known {
    char key[KEY_MAX];
    int code;
};
static struct known known[N_SPELLINGS];

static int by_key(const void *a, const void *b)
{
    return strcmp(((const struct known *)a)->key, ((const struct known *)b)->key);
}

static void init_keys(void)
{
    static int done;
    size_t i;

    if (done)
        return;
    for (i = 0; i < N_SPELLINGS; i++) {
        const char *s = expected_spellings[i].spelling;
        FUZZ_CHECK(ref_key((const unsigned char *)s, strlen(s), known[i].key, KEY_MAX) == 0,
                   "known spelling \"%s\" has no key", s);
        known[i].code = expected_spellings[i].code;
    }
    qsort(known, N_SPELLINGS, sizeof known[0], by_key);
    for (i = 1; i < N_SPELLINGS; i++)
        FUZZ_CHECK(strcmp(known[i - 1].key, known[i].key) != 0 || known[i - 1].code == known[i].code,
                   "key \"%s\" of two codes", known[i].key);
    done = 1;
}

/* What sipcode_from_phrase(s, n) must answer. */
static int reference(const unsigned char *s, size_t n)
{
    struct known q;
    const struct known *hit;

    if (n > SIPCODE_PHRASE_MAX || ref_key(s, n, q.key, sizeof q.key) != 0)
        return 0;
    hit = bsearch(&q, known, N_SPELLINGS, sizeof known[0], by_key);
    return hit ? hit->code : 0;
}

static int is_dropped(unsigned char c)
{
    return c == '\t' || (c >= 0x20 && c <= 0x7e && !(c >= 'a' && c <= 'z') &&
                         !(c >= 'A' && c <= 'Z') && !(c >= '0' && c <= '9'));
}

/* Looks up n bytes of s from an exact heap copy, so that an over-read of
 * even one byte is caught. */
static int lookup(const void *s, size_t n)
{
    char *copy = fuzz_copy(s, n);
    int code = sipcode_from_phrase(copy, n);

    free(copy);
    return code;
}

/* The answer for a variant of the input that normalisation must not tell
 * apart from it: the same code, or 0 when the variant is over the cap. */
static void check_variant(const char *what, const unsigned char *v, size_t vn, int code,
                          size_t n)
{
    int want = vn > SIPCODE_PHRASE_MAX ? 0 : code;
    int got = lookup(v, vn);

    FUZZ_CHECK(got == want, "%s variant (%lu bytes) of a %lu-byte input gives %d, expected %d",
               what, (unsigned long)vn, (unsigned long)n, got, want);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char pads[] = " \t-./_'\"!?,;:()[]{}<>@#$%^&*+=|\\~`";
    char *buf = fuzz_copy(data, size);
    int code = sipcode_from_phrase(buf, size);
    int want;
    size_t i;

    init_keys();
    want = reference(data, size);
    FUZZ_CHECK(code == want, "%lu-byte input gives %d, reference says %d", (unsigned long)size,
               code, want);
    if (code != 0) {
        const struct sipcode_info *info = sipcode_info(code);
        FUZZ_CHECK(info != NULL && info->code == code, "resolved %d has no row", code);
        FUZZ_CHECK(size <= SIPCODE_PHRASE_MAX, "%lu bytes over the cap resolved",
                   (unsigned long)size);
    }
    FUZZ_CHECK(sipcode_from_phrase(NULL, size) == 0, "NULL with length %lu", (unsigned long)size);
    /* Over the cap the answer is 0 before any byte is read: a read here
     * would run past the heap copy. */
    FUZZ_CHECK(sipcode_from_phrase(buf, size + SIPCODE_PHRASE_MAX + 1) == 0, "over the cap");
    FUZZ_CHECK(sipcode_from_phrase(buf, (size_t)-1) == 0, "SIZE_MAX length");
    /* Every prefix: the length given is honoured, not a terminator. */
    for (i = 0; i < size && i <= SIPCODE_PHRASE_MAX; i++) {
        int got = sipcode_from_phrase(buf, i);
        FUZZ_CHECK(got == reference(data, i), "prefix of %lu bytes gives %d", (unsigned long)i,
                   got);
    }
    free(buf);

    if (size <= SIPCODE_PHRASE_MAX) {
        unsigned char v[2 * SIPCODE_PHRASE_MAX + 2];
        size_t n;
        char pad = pads[size % (sizeof pads - 1)];

        /* Case flipped, all letters and then every other one. */
        for (i = 0; i < size; i++) {
            unsigned char c = data[i];
            v[i] = (unsigned char)(c >= 'a' && c <= 'z' ? c - 32 : c >= 'A' && c <= 'Z' ? c + 32 : c);
        }
        check_variant("case-flipped", v, size, code, size);
        for (i = 0; i < size; i += 2)
            v[i] = data[i];
        check_variant("half-flipped", v, size, code, size);
        /* The dropped bytes removed. */
        for (i = n = 0; i < size; i++)
            if (!is_dropped(data[i]))
                v[n++] = data[i];
        check_variant("stripped", v, n, code, size);
        /* A dropped byte added around and between every byte: over the cap
         * it must give 0 even though its key is the same. */
        v[0] = (unsigned char)pad;
        for (i = 0, n = 1; i < size; i++) {
            v[n++] = data[i];
            v[n++] = (unsigned char)pads[(data[i] + i) % (sizeof pads - 1)];
        }
        check_variant("padded", v, n, code, size);
        v[0] = (unsigned char)pad;
        memcpy(v + 1, data, size);
        v[size + 1] = (unsigned char)pad;
        check_variant("wrapped", v, size + 2, code, size);
        /* Padded to the cap exactly, and one byte past it. */
        memcpy(v, data, size);
        memset(v + size, pad, SIPCODE_PHRASE_MAX + 1 - size);
        check_variant("filled", v, SIPCODE_PHRASE_MAX, code, size);
        check_variant("overfilled", v, SIPCODE_PHRASE_MAX + 1, code, size);
    }
    return 0;
}
