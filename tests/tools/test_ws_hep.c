/* tests/tools/test_ws_hep.c: runs the WebSocket and HEP decoder tests (test_ws.c,
 * test_hep.c, and the captures of corpus/ in test_captures.c) without the capture
 * pipeline, then the JSON writer's (test_jsonw.c), and ends with the "N passed, N
 * failed" line. Run from the repository root (the captures are read from corpus/). */
#include <stdlib.h>
#include <string.h>
#include "tt.h"

unsigned long tt_pass, tt_fail;
const char *tt_case = "";

unsigned char *tt_copy(const void *p, size_t n)
{
    unsigned char *c = malloc(n ? n : 1);
    if (!c) { perror("malloc"); exit(2); }
    if (n) memcpy(c, p, n);
    return c;
}

unsigned char *tt_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 1 << 16, n = 0;
    unsigned char *b = malloc(cap);
    for (;;) {
        if (!b) { fclose(f); return NULL; }
        size_t r = fread(b + n, 1, cap - n, f);
        n += r;
        if (n < cap) break;
        cap *= 2;
        unsigned char *nb = realloc(b, cap);
        if (!nb) free(b);
        b = nb;
    }
    fclose(f);
    *len = n;
    return b;
}

/* Splits line into TAB-separated fields in place; returns the count (at most max). */
static size_t fields(char *line, char **f, size_t max)
{
    size_t n = 0;
    while (n < max) {
        f[n++] = line;
        char *t = strchr(line, '\t');
        if (!t) break;
        *t = '\0';
        line = t + 1;
    }
    return n;
}

int tt_tsv_get(const char *path, const char *key, const char *col, char *out, size_t cap)
{
    FILE *f = fopen(path, "r");
    if (!f) return -1;
    char head[4096], line[4096];
    char *hf[64], *lf[64];
    int rc = -1;
    if (!fgets(head, sizeof head, f)) { fclose(f); return -1; }
    head[strcspn(head, "\r\n")] = '\0';
    size_t nh = fields(head, hf, 64);
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = '\0';
        size_t nl = fields(line, lf, 64);
        if (strcmp(lf[0], key) != 0) continue;
        for (size_t i = 0; i < nh && i < nl; i++) {
            if (strcmp(hf[i], col) == 0 && strlen(lf[i]) < cap) {
                strcpy(out, lf[i]);
                rc = 0;
            }
        }
        break;
    }
    fclose(f);
    return rc;
}

unsigned long tt_tsv_count(const char *list, const char *name)
{
    size_t nl = strlen(name);
    const char *p = list;
    while (p && *p) {
        if (strncmp(p, name, nl) == 0 && p[nl] == ':') return strtoul(p + nl + 1, NULL, 10);
        p = strchr(p, ',');
        if (p) p++;
    }
    return 0;
}

int main(void)
{
    test_ws();
    test_hep();
    test_captures();
    test_jsonw();
    printf("test_ws_hep: %lu passed, %lu failed\n", tt_pass, tt_fail);
    return tt_fail ? 1 : 0;
}
