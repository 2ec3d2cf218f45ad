/* tests/guard.h: parser inputs that end right before an unmapped page.
 *
 * The library promises never to read outside the caller's buffer, and the buffer is
 * not NUL-terminated. A plain heap copy would let a one-byte over-read pass silently,
 * so every input a test hands to the parser is copied to the very end of an anonymous
 * mapping whose next page is PROT_NONE: touching the byte after the input faults, and
 * Check (fork mode) reports the signal as a failure of that test. */
#ifndef TESTS_GUARD_H
#define TESTS_GUARD_H
#include <stddef.h>

typedef struct guard_buf {
    void *map;         /* start of the mapping, NULL when unused */
    size_t map_len;    /* whole mapping, guard page included */
    const char *data;  /* the copy; data + len is the first byte of the guard page */
    size_t len;
} guard_buf;

/* Copies len bytes of src (src may be NULL when len is 0) so that they end at the
 * guard page. Aborts the test on mmap failure. Returns g->data. */
const char *guard_copy(guard_buf *g, const void *src, size_t len);
/* Same, from a NUL-terminated string (the NUL is not copied). */
const char *guard_str(guard_buf *g, const char *s);
/* Unmaps the region; g may be reused afterwards. Safe on a zeroed or freed guard_buf. */
void guard_free(guard_buf *g);

#endif
