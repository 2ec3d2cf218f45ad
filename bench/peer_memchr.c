/* bench/peer_memchr.c: the floor. Finding every line end with memchr reads each byte
 * once, which any parser must do at least; no parser can beat this. */
#include <string.h>
#include "bench.h"

static int memchr_init(void) { return 0; }
static void memchr_fini(void) {}

static int memchr_parse(const char *buf, size_t len)
{
    const char *p = buf, *end = buf + len;
    unsigned long lines = 0;
    while (p < end && (p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
        lines++;
        p++;
    }
    bench_sink += lines;
    return lines > 0;
}

const struct bench_parser bench_memchr = {
    .key = "memchr",
    .name = "memchr '\\n' (floor)",
    .does = "memchr for every LF over the same bytes, nothing else",
    .init = memchr_init,
    .parse_one = memchr_parse,
    .fini = memchr_fini,
};
