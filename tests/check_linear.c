/* tests/check_linear.c: parse time grows linearly with the input. Each row builds an
 * input of n and of 10n repetitions of one shape (headers, list elements, params, long
 * tokens) and compares CPU time: linear work takes about 10 times as long, quadratic
 * work about 100 times. The bound is generous (SLOWER_AT_MOST) and each time is the
 * fastest of several runs, so load on the machine does not make the test flaky. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "sipparse/sipparse.h"
#include "suites.h"

#define SLOWER_AT_MOST 35.0
#define N 600
#define RUNS 7

typedef struct text {
    char *p;
    size_t len, cap;
} text;

static void put(text *t, const char *s)
{
    size_t n = strlen(s);
    if (t->len + n + 1 > t->cap) {
        t->cap = (t->len + n + 1) * 2;
        t->p = realloc(t->p, t->cap);
        ck_assert(t->p != NULL);
    }
    memcpy(t->p + t->len, s, n + 1);
    t->len += n;
}

/* Each shape is a message: head, then unit repeated k times, then tail. */
static const struct shape {
    const char *name, *head, *unit, *tail;
} shapes[] = {
    { "many headers", "OPTIONS sip:bob@example.com SIP/2.0\r\n", "X-Filler: some value here\r\n",
      "\r\n" },
    { "many Via values",
      "OPTIONS sip:bob@example.com SIP/2.0\r\nVia: SIP/2.0/UDP a.example.com;branch=z9hG4bK1",
      ", SIP/2.0/TCP b.example.com:5060;branch=z9hG4bK2;rport", "\r\n\r\n" },
    { "many URI params", "OPTIONS sip:bob@example.com", ";p=v", " SIP/2.0\r\n\r\n" },
    { "many Contact values", "REGISTER sip:example.com SIP/2.0\r\nContact: <sip:a@b>",
      ", \"A, b\" <sip:c@d;lr>;q=0.5", "\r\n\r\n" },
    /* no '@' anywhere: a URI's search for one must stop at its own '>' */
    { "many Route values without a user",
      "BYE sip:bob@example.com SIP/2.0\r\nRoute: <sip:p.example.com;lr>",
      ",<sip:p1.example.com;lr>", "\r\n\r\n" },
    { "many bare Contact values", "REGISTER sip:example.com SIP/2.0\r\nContact: sip:a@b",
      ", sip:c@d.example.com", ", <sip:e@f>\r\n\r\n" },
    { "long token", "OPTIONS sip:bob@example.com SIP/2.0\r\nCall-ID: ", "abcdefghij",
      "@host\r\n\r\n" },
    { "many commas", "OPTIONS sip:bob@example.com SIP/2.0\r\nAllow: INVITE", ",,  ,", "\r\n\r\n" },
    { "many folds", "OPTIONS sip:bob@example.com SIP/2.0\r\nSubject: a", "\r\n b", "\r\n\r\n" },
};

/* Everything a caller may run on a message: parse, every header typed, every list
 * element walked. */
static void work(const char *buf, size_t len, sipparse_hdr *hdrs, unsigned cap)
{
    sipparse_msg m;
    sipparse_error errs[4];
    size_t n;
    sipparse_msg_init(&m, hdrs, cap, 0);
    m.max_size = m.max_line = (size_t)-1;   /* no limit may cut the work short */
    ck_assert_msg(sipparse_msg_parse(&m, buf, len) == SIPPARSE_OK, "%s at %u:%u",
                  sipparse_errname(m.error.code), m.error.line, m.error.col);
    sipparse_msg_check(&m, errs, 4, &n);
    for (unsigned i = 0; i < m.nhdrs; i++) {
        size_t pos = 0;
        sipparse_slice item;
        while (sipparse_list_next(m.hdrs[i].value, &pos, &item))
            ;
    }
}

static double cpu_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Fastest of RUNS timings of `reps` rounds of work on the input built with k. */
static double fastest(const struct shape *sh, int k, int reps, size_t *size)
{
    text t = { 0 };
    put(&t, sh->head);
    for (int i = 0; i < k; i++)
        put(&t, sh->unit);
    put(&t, sh->tail);
    char *exact = malloc(t.len);   /* exact size: no NUL after the message */
    ck_assert(exact != NULL);
    memcpy(exact, t.p, t.len);
    unsigned cap = (unsigned)k + 16;
    sipparse_hdr *hdrs = malloc(sizeof *hdrs * cap);
    ck_assert(hdrs != NULL);
    double best = 1e9;
    for (int r = 0; r < RUNS; r++) {
        double t0 = cpu_seconds();
        for (int i = 0; i < reps; i++)
            work(exact, t.len, hdrs, cap);
        double dt = cpu_seconds() - t0;
        if (dt < best)
            best = dt;
    }
    *size = t.len;
    free(hdrs);
    free(exact);
    free(t.p);
    return best;
}

START_TEST(test_linear)
{
    const struct shape *sh = &shapes[_i];
    size_t small_len, big_len;
    double small = fastest(sh, N, 10, &small_len);
    double big = fastest(sh, 10 * N, 1, &big_len);
    /* time for the big input over time for one small input, scaled to exactly 10 times
     * the bytes (the fixed start line and framing make the ratio of sizes a bit under 10) */
    double ratio = (big / (double)big_len) / (small / 10.0 / (double)small_len) * 10.0;
    ck_assert_msg(small > 0 && ratio < SLOWER_AT_MOST,
                  "%s: %zu bytes took %.3f ms, %zu bytes took %.3f ms: %.1f times for 10 times "
                  "the input (at most %.0f allowed)",
                  sh->name, small_len, small * 1e3 / 10, big_len, big * 1e3, ratio, SLOWER_AT_MOST);
}
END_TEST

Suite *linear_suite(void)
{
    Suite *s = suite_create("linear");
    TCase *tc = tcase_create("time");
    tcase_set_timeout(tc, 120);
    tcase_add_loop_test(tc, test_linear, 0, (int)(sizeof shapes / sizeof shapes[0]));
    suite_add_tcase(s, tc);
    return s;
}
