/* SPDX-License-Identifier: MIT */
/* Thread safety: 8 threads resolve every code and every spelling at once,
 * many times over, and check each answer against codes.csv. Run under
 * -fsanitize=thread (make check-tsan) it shows the lookups share no mutable
 * state; run plainly (make check) it still checks every answer.
 *
 *   test_threads [ROUNDS]      (exits 0 or 1) */
#define _POSIX_C_SOURCE 200809L

#include "sipcode.h"

#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "expected.h"

#define THREADS 8
#define LOW (-5) /* codes LOW..HIGH, the table and the holes around it */
#define HIGH 705

struct answer {
    const struct sipcode_info *info;
    const char *phrase;
    int effective;
    enum sipcode_class cls;
};

struct worker {
    pthread_t thread;
    int id;
    long rounds;
    long passed;
    long failed;
};

static struct answer expected_answers[HIGH - LOW + 1];
static pthread_barrier_t start;

static void note(struct worker *w, int ok, const char *what, const char *arg, int got)
{
    if (ok) {
        w->passed++;
        return;
    }
    /* A few lines are enough to tell which lookup raced. */
    if (w->failed++ < 5)
        fprintf(stderr, "thread %d: %s %s gave %d\n", w->id, what, arg, got);
}

static void *work(void *arg)
{
    struct worker *w = arg;
    long r;
    char name[32];

    pthread_barrier_wait(&start);
    for (r = 0; r < w->rounds; r++) {
        int c;
        size_t i;

        /* Each thread walks the codes from a different place, so that the
         * threads hit the same entries at different times. */
        for (i = 0; i < HIGH - LOW + 1; i++) {
            const struct answer *a;
            c = LOW + (int)((i + (size_t)w->id * 89u) % (HIGH - LOW + 1));
            a = &expected_answers[c - LOW];
            snprintf(name, sizeof name, "%d", c);
            note(w, sipcode_info(c) == a->info, "sipcode_info", name, c);
            note(w, sipcode_phrase(c) == a->phrase, "sipcode_phrase", name, c);
            note(w, sipcode_effective(c) == a->effective, "sipcode_effective", name,
                 sipcode_effective(c));
            note(w, sipcode_class(c) == a->cls, "sipcode_class", name, (int)sipcode_class(c));
            note(w, SIPCODE_IS_VALID(c) == (a->cls != SIPCODE_CLASS_NONE), "SIPCODE_IS_VALID",
                 name, c);
        }
        for (i = 0; i < N_SPELLINGS; i++) {
            const struct expected_spelling *e =
                &expected_spellings[(i + (size_t)w->id * 17u) % N_SPELLINGS];
            int got = sipcode_from_phrase(e->spelling, strlen(e->spelling));
            note(w, got == e->code, "sipcode_from_phrase", e->spelling, got);
        }
        note(w, sipcode_info(INT_MIN) == NULL && sipcode_effective(INT_MAX) == 0, "extremes",
             "INT_MIN/INT_MAX", 0);
        note(w, sipcode_class_name(SIPCODE_CLASS_CLIENT_ERROR) != NULL &&
                 sipcode_standing_name(SIPCODE_STANDING_HISTORIC) != NULL,
             "names", "4xx/historic", 0);
    }
    return NULL;
}

int main(int argc, char **argv)
{
    struct worker workers[THREADS];
    long rounds = argc > 1 ? atol(argv[1]) : 200, passed = 0, failed = 0;
    size_t i;
    int c;

    if (rounds < 1) {
        fprintf(stderr, "usage: test_threads [ROUNDS]\n");
        return 2;
    }
    /* The answers, worked out from codes.csv before any thread starts. */
    for (c = LOW; c <= HIGH; c++) {
        struct answer *a = &expected_answers[c - LOW];
        const struct expected_row *r = NULL;

        for (i = 0; i < N_ROWS; i++)
            if (expected_rows[i].code == c)
                r = &expected_rows[i];
        a->info = sipcode_info(c);
        a->phrase = sipcode_phrase(c);
        a->cls = c >= 100 && c <= 699 ? (enum sipcode_class)(c / 100) : SIPCODE_CLASS_NONE;
        a->effective = a->cls == SIPCODE_CLASS_NONE ? 0
                       : r && r->standing != SIPCODE_STANDING_HISTORIC ? c
                       : c < 200 ? 183 : c / 100 * 100;
        if ((a->info != NULL) != (r != NULL) ||
            (r && (a->info->code != c || !a->phrase || strcmp(a->phrase, r->phrase) != 0))) {
            fprintf(stderr, "test_threads: code %d disagrees with codes.csv before threads\n", c);
            failed++;
        }
    }
    if (pthread_barrier_init(&start, NULL, THREADS) != 0) {
        fprintf(stderr, "test_threads: cannot make a barrier\n");
        return 1;
    }
    for (i = 0; i < THREADS; i++) {
        workers[i].id = (int)i;
        workers[i].rounds = rounds;
        workers[i].passed = workers[i].failed = 0;
        if (pthread_create(&workers[i].thread, NULL, work, &workers[i]) != 0) {
            fprintf(stderr, "test_threads: cannot start thread %d\n", (int)i);
            return 1;
        }
    }
    for (i = 0; i < THREADS; i++) {
        pthread_join(workers[i].thread, NULL);
        passed += workers[i].passed;
        failed += workers[i].failed;
    }
    pthread_barrier_destroy(&start);
    printf("test_threads: %ld passed, %ld failed\n", passed, failed);
    return failed ? 1 : 0;
}
