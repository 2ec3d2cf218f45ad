/* tests/tools/tt.h: the few helpers the tool test program (the WebSocket and HEP
 * decoders, the JSON writer) shares between its files: counted expectations with the
 * case name in every failure, and exact-size copies (so AddressSanitizer reports a
 * read one byte past an input). */
#ifndef TT_H
#define TT_H
#include <stddef.h>
#include <stdio.h>

extern unsigned long tt_pass, tt_fail;
extern const char *tt_case;     /* what the current test is about, for failure lines */

#define EXPECT(cond, ...)                                                          \
    do {                                                                           \
        if (cond) tt_pass++;                                                       \
        else {                                                                     \
            tt_fail++;                                                             \
            fprintf(stderr, "%s:%d: [%s] expected %s: ", __FILE__, __LINE__,       \
                    tt_case, #cond);                                               \
            fprintf(stderr, __VA_ARGS__);                                          \
            fputc('\n', stderr);                                                   \
        }                                                                          \
    } while (0)

/* A malloc'd copy of exactly n bytes (1 when n is 0); exits when out of memory. */
unsigned char *tt_copy(const void *p, size_t n);
/* Reads a whole file; NULL when it cannot (the caller reports). */
unsigned char *tt_read_file(const char *path, size_t *len);

/* The value of column `col` in the row of a TSV file whose first column is `key`,
 * copied into out (NUL-terminated). 0, or -1 when the file, row or column is missing. */
int tt_tsv_get(const char *path, const char *key, const char *col, char *out, size_t cap);
/* "INVITE:5,ACK:5" -> the count given for name, 0 when absent. */
unsigned long tt_tsv_count(const char *list, const char *name);

void test_ws(void);
void test_hep(void);
void test_captures(void);
void test_jsonw(void);

#endif
