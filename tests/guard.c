/* tests/guard.c: see guard.h. MAP_ANONYMOUS is not POSIX 2008, hence _DEFAULT_SOURCE. */
#define _DEFAULT_SOURCE 1
#include "guard.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static size_t page_size(void)
{
    long ps = sysconf(_SC_PAGESIZE);
    return ps > 0 ? (size_t)ps : 4096u;
}

const char *guard_copy(guard_buf *g, const void *src, size_t len)
{
    size_t ps = page_size();
    size_t data_pages = (len + ps - 1) / ps;
    size_t map_len = (data_pages + 1) * ps;
    char *map = mmap(NULL, map_len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (map == MAP_FAILED) {
        perror("guard_copy: mmap");
        abort();
    }
    char *guard = map + data_pages * ps;
    if (mprotect(guard, ps, PROT_NONE) != 0) {
        perror("guard_copy: mprotect");
        abort();
    }
    char *data = guard - len;
    if (len > 0)
        memcpy(data, src, len);
    /* The parser must not write its input either: make the data read-only too. */
    if (data_pages > 0 && mprotect(map, data_pages * ps, PROT_READ) != 0) {
        perror("guard_copy: mprotect");
        abort();
    }
    g->map = map;
    g->map_len = map_len;
    g->data = data;
    g->len = len;
    return data;
}

const char *guard_str(guard_buf *g, const char *s)
{
    return guard_copy(g, s, strlen(s));
}

void guard_free(guard_buf *g)
{
    if (g->map != NULL)
        munmap(g->map, g->map_len);
    g->map = NULL;
    g->map_len = 0;
    g->data = NULL;
    g->len = 0;
}
