/* fuzz/fuzz_common.h: what every harness shares: an exact-size copy of the input,
 * the invariants a result must satisfy, and URI comparison for the round trips.
 *
 * A broken invariant calls CHECK's __builtin_trap(), which libFuzzer and AFL++ both
 * record as a crash; the line of the failed CHECK is in the stack trace. */
#ifndef FUZZ_COMMON_H
#define FUZZ_COMMON_H
#include <stddef.h>
#include <stdint.h>
#include <sipparse/sipparse.h>

__attribute__((noreturn)) void fz_fail(const char *file, int line, const char *cond);
#define CHECK(cond)                                  \
    do {                                             \
        if (!(cond))                                 \
            fz_fail(__FILE__, __LINE__, #cond);      \
    } while (0)

/* A heap copy of exactly n bytes: no NUL after it, so AddressSanitizer reports any
 * read past the end. Never NULL (a zero-length input still gets its own block). */
char *fz_copy(const uint8_t *data, size_t n);

/* 1 when s is absent, or lies entirely inside [lo, hi]. */
int fz_within(sipparse_slice s, const char *lo, const char *hi);
#define CHECK_IN(s, lo, hi) CHECK(fz_within((s), (lo), (hi)))

/* Checks an error a function returned with code rc: the code matches, and the
 * position (when set) lies in [lo, hi]. */
void fz_check_error(const sipparse_error *e, sipparse_err rc, const char *lo, const char *hi);

/* Walks a params slice with sipparse_param_next: every param lies in the slice, and
 * every step moves forward (a stall would hang a caller). Returns the count. */
size_t fz_walk_params(sipparse_slice params);

/* Checks a parsed URI: every part inside raw, raw inside [lo, hi], the port agrees
 * with its digits, params walk, and both print forms behave (small and big buffer). */
void fz_check_uri(const sipparse_uri *u, const char *lo, const char *hi);

/* Prints u (FULL form) into a heap buffer of exactly the printed length, parses it
 * again in ctx and traps unless the parts are equal. */
void fz_uri_roundtrip(const sipparse_uri *u, sipparse_uri_ctx ctx);

/* 1 when a and b hold the same URI (scheme and host ignoring case). */
int fz_uri_equal(const sipparse_uri *a, const sipparse_uri *b);

/* Checks a parsed name-addr: slices inside raw and [lo, hi], the URI, params, the
 * display name unquoted into a small and a large buffer. */
void fz_check_nameaddr(const sipparse_nameaddr *na, const char *lo, const char *hi);

/* Checks a parsed Via value. */
void fz_check_via(const sipparse_via *v, const char *lo, const char *hi);

/* List walkers: call next() until it stops returning OK; trap when *pos does not move
 * forward or leaves the value. Each value is checked. Return the last code. */
sipparse_err fz_walk_vias(sipparse_slice value);
sipparse_err fz_walk_contacts(sipparse_slice value);
sipparse_err fz_walk_routes(sipparse_slice value);

/* Runs the typed parser the header table names for id over value; returns its code. */
sipparse_err fz_typed_value(sipparse_hdr_id id, sipparse_slice value);

#endif
