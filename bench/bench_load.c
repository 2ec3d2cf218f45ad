/* bench/bench_load.c: reads the message mix from a directory of *.sip files. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "bench.h"

static int by_name(const void *a, const void *b)
{
    return strcmp(((const struct bench_msg *)a)->name, ((const struct bench_msg *)b)->name);
}

static int read_file(const char *path, struct bench_msg *m)
{
    FILE *f = fopen(path, "rb");
    long size;
    if (!f || fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) <= 0 || fseek(f, 0, SEEK_SET)) {
        fprintf(stderr, "cannot read %s\n", path);
        if (f)
            fclose(f);
        return -1;
    }
    /* Exactly len bytes and no NUL after them: a parser that reads past the end of
     * its input would show under valgrind or ASan instead of being helped. */
    m->len = (size_t)size;
    m->buf = malloc(m->len);
    int ok = m->buf && fread(m->buf, 1, m->len, f) == m->len;
    fclose(f);
    if (!ok)
        fprintf(stderr, "cannot read %s\n", path);
    return ok ? 0 : -1;
}

/* The mix is meant to be strict RFC 3261 text: every LF preceded by CR. */
static void warn_bare_lf(const struct bench_msg *m)
{
    for (size_t i = 0; i < m->len; i++)
        if (m->buf[i] == '\n' && (i == 0 || m->buf[i - 1] != '\r')) {
            fprintf(stderr, "warning: %s has a bare LF at byte %zu\n", m->name, i);
            return;
        }
}

int bench_load(const char *dir, struct bench_msg **out, size_t *n)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    struct bench_msg *v = NULL;
    size_t cnt = 0, cap = 0;
    char path[4096];

    if (!d) {
        fprintf(stderr, "cannot open directory %s\n", dir);
        return -1;
    }
    while ((e = readdir(d)) != NULL) {
        size_t l = strlen(e->d_name);
        if (l < 5 || strcmp(e->d_name + l - 4, ".sip") != 0 || l >= sizeof v->name)
            continue;
        if (cnt == cap) {
            cap = cap ? cap * 2 : 16;
            struct bench_msg *nv = realloc(v, cap * sizeof *v);
            if (!nv)
                break;
            v = nv;
        }
        memcpy(v[cnt].name, e->d_name, l + 1);
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        if (read_file(path, &v[cnt]) != 0) {
            closedir(d);
            return -1;
        }
        warn_bare_lf(&v[cnt]);
        cnt++;
    }
    closedir(d);
    if (cnt == 0) {
        fprintf(stderr, "no *.sip files in %s\n", dir);
        return -1;
    }
    qsort(v, cnt, sizeof *v, by_name);
    *out = v;
    *n = cnt;
    return 0;
}
