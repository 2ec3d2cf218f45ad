/* slice.c: comparing and converting slices. */
#include <string.h>
#include "sipparse/slice.h"

static int lower(int c) { return (c >= 'A' && c <= 'Z') ? c + 32 : c; }

int sipparse_slice_eq(sipparse_slice a, sipparse_slice b)
{
    if (!a.ptr || !b.ptr)
        return a.ptr == b.ptr;
    return a.len == b.len && memcmp(a.ptr, b.ptr, a.len) == 0;
}

int sipparse_slice_eq_ci(sipparse_slice s, const char *lit)
{
    if (!s.ptr)
        return 0;
    size_t n = strlen(lit);
    if (n != s.len)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (lower((unsigned char)s.ptr[i]) != lower((unsigned char)lit[i]))
            return 0;
    return 1;
}

int sipparse_slice_to_u64(sipparse_slice s, unsigned long long max, unsigned long long *out)
{
    if (!s.ptr || s.len == 0)
        return -1;
    unsigned long long v = 0;
    size_t i = 0;
    /* 19 digits cannot overflow 64 bits: check the bound once at the end... */
    for (size_t n = s.len < 19 ? s.len : 19; i < n; i++) {
        unsigned d = (unsigned)(unsigned char)s.ptr[i] - '0';
        if (d > 9)
            return -1;
        v = v * 10 + d;
    }
    /* ...and only longer numbers (leading zeros, or out of range) pay per digit */
    for (; i < s.len; i++) {
        unsigned d = (unsigned)(unsigned char)s.ptr[i] - '0';
        if (d > 9 || __builtin_mul_overflow(v, 10, &v) || __builtin_add_overflow(v, d, &v))
            return -1;
    }
    if (v > max)
        return -1;
    *out = v;
    return 0;
}
