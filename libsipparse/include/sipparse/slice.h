/* sipparse/slice.h: the zero-copy view every result is made of. */
#ifndef SIPPARSE_SLICE_H
#define SIPPARSE_SLICE_H
#include <stddef.h>

#if defined(__GNUC__)
#define SIPPARSE_API __attribute__((visibility("default")))
#else
#define SIPPARSE_API
#endif

/* A run of bytes inside the caller's buffer. ptr == NULL: absent; ptr set and len 0:
 * present but empty (";tag=" versus no tag). Never NUL-terminated, never written. */
typedef struct sipparse_slice {
    const char *ptr;
    size_t len;
} sipparse_slice;

#define SIPPARSE_SLICE_NONE ((sipparse_slice){ NULL, 0 })

static inline int sipparse_slice_isset(sipparse_slice s) { return s.ptr != NULL; }

/* 1 when a and b hold the same bytes (two absent slices are equal), else 0. */
SIPPARSE_API int sipparse_slice_eq(sipparse_slice a, sipparse_slice b);
/* 1 when s equals the NUL-terminated lit ignoring ASCII case (RFC 3261 §7.3.1 tokens). */
SIPPARSE_API int sipparse_slice_eq_ci(sipparse_slice s, const char *lit);
/* Decimal digits only, no sign, no spaces; 0 and *out set, or -1 on anything else or a
 * value above max (overflow-safe: checked digit by digit). */
SIPPARSE_API int sipparse_slice_to_u64(sipparse_slice s, unsigned long long max,
                                       unsigned long long *out);

#endif
