/* bench/alloc_count.c: counts every heap call in the process.
 *
 * The executable defines malloc and friends, so the dynamic linker binds the calls
 * made inside libosip2, sofia-sip and libre to these definitions too (ELF symbol
 * interposition); each one counts and forwards to glibc's own allocator. Build with
 * -fno-builtin so the compiler does not treat these bodies as the builtins. */
#include <errno.h>
#include <malloc.h>
#include <stdlib.h>
#include <stddef.h>
#include "bench.h"

extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);
extern void *__libc_memalign(size_t, size_t);
extern void __libc_free(void *);

/* Plain counters: the benchmark is single-threaded and an atomic would cost peers
 * more than a few cycles per call. */
static struct alloc_counts counts;

void alloc_counts_get(struct alloc_counts *out) { *out = counts; }

void *malloc(size_t n)
{
    counts.calls++;
    counts.bytes += n;
    return __libc_malloc(n);
}

void *calloc(size_t k, size_t n)
{
    counts.calls++;
    counts.bytes += k * n;
    return __libc_calloc(k, n);
}

void *realloc(void *p, size_t n)
{
    counts.calls++;
    counts.bytes += n;
    return __libc_realloc(p, n);
}

void free(void *p)
{
    if (p)
        counts.frees++;
    __libc_free(p);
}

void *memalign(size_t align, size_t n)
{
    counts.calls++;
    counts.bytes += n;
    return __libc_memalign(align, n);
}

void *aligned_alloc(size_t align, size_t n)
{
    return memalign(align, n);
}

int posix_memalign(void **out, size_t align, size_t n)
{
    /* glibc's own checks: a power of two that is a multiple of sizeof(void *). */
    if (align % sizeof(void *) != 0 || (align & (align - 1)) != 0)
        return EINVAL;
    void *p = memalign(align, n);
    if (!p && n)
        return ENOMEM;
    *out = p;
    return 0;
}

extern void *__libc_valloc(size_t);

void *valloc(size_t n)
{
    counts.calls++;
    counts.bytes += n;
    return __libc_valloc(n);
}
