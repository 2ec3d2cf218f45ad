/* bench/bench.h: what every parser adapter offers the benchmark driver. */
#ifndef SIPPARSE_BENCH_H
#define SIPPARSE_BENCH_H
#include <stddef.h>

/* One parser as the benchmark sees it. parse_one must do all the work a user of that
 * parser would need to get every header it can type; it returns 1 when the parser
 * accepted the message and 0 when it rejected it. */
struct bench_parser {
    const char *key;                    /* short name for -p and -c */
    const char *name;
    const char *does;                   /* one line: what parse_one makes the parser do */
    int (*init)(void);                  /* 0 on success; called once, outside timing */
    int (*parse_one)(const char *buf, size_t len);
    void (*fini)(void);
    const char *(*why)(void);           /* optional: reason for the last rejection */
};

extern const struct bench_parser bench_memchr, bench_sipparse_index, bench_sipparse_proxy,
    bench_sipparse_full, bench_sipparse_check, bench_osip, bench_sofia, bench_libre;

/* One message file of the mix, read into a buffer of exactly len bytes. */
struct bench_msg {
    char name[64];
    char *buf;
    size_t len;
};
/* Loads every *.sip in dir, sorted by name. 0 on success; prints why otherwise. */
int bench_load(const char *dir, struct bench_msg **out, size_t *n);

/* Adapters add something read from each parse result here, so the compiler cannot
 * drop the work; the driver prints it at the end. */
extern unsigned long bench_sink;

/* Heap calls made by the whole process (libraries included) since it started. */
struct alloc_counts {
    unsigned long long calls;   /* malloc, calloc, realloc, memalign family */
    unsigned long long frees;   /* free of a non-NULL pointer */
    unsigned long long bytes;   /* bytes requested by those calls */
};
void alloc_counts_get(struct alloc_counts *out);

#endif
