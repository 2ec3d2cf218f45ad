/* tests/util.c: see util.h. */
#include "util.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

sipparse_slice sl(const char *s)
{
    sipparse_slice r = { s, s ? strlen(s) : 0 };
    return r;
}

int sl_is(sipparse_slice s, const char *lit)
{
    size_t n = strlen(lit);
    return s.ptr != NULL && s.len == n && memcmp(s.ptr, lit, n) == 0;
}

int sl_is_ci(sipparse_slice s, const char *lit)
{
    size_t n = strlen(lit);
    return s.ptr != NULL && s.len == n && strncasecmp(s.ptr, lit, n) == 0;
}

int sl_within(sipparse_slice s, const char *buf, size_t len)
{
    if (s.ptr == NULL)
        return 1;
    return s.ptr >= buf && s.ptr <= buf + len && s.len <= (size_t)(buf + len - s.ptr);
}

void assert_part(const char *row, const char *what, sipparse_slice got, const char *want)
{
    if (want == NULL)
        ck_assert_msg(got.ptr == NULL, "%s: %s should be absent, got '%.*s'", row, what, SL(got));
    else
        ck_assert_msg(sl_is(got, want), "%s: %s '%.*s', expected '%s'", row, what, SL(got), want);
}

const method_row method_table[] = {
    { "INVITE", SIPPARSE_METHOD_INVITE },   { "ACK", SIPPARSE_METHOD_ACK },
    { "OPTIONS", SIPPARSE_METHOD_OPTIONS }, { "BYE", SIPPARSE_METHOD_BYE },
    { "CANCEL", SIPPARSE_METHOD_CANCEL },   { "REGISTER", SIPPARSE_METHOD_REGISTER },
    { "PRACK", SIPPARSE_METHOD_PRACK },     { "SUBSCRIBE", SIPPARSE_METHOD_SUBSCRIBE },
    { "NOTIFY", SIPPARSE_METHOD_NOTIFY },   { "UPDATE", SIPPARSE_METHOD_UPDATE },
    { "MESSAGE", SIPPARSE_METHOD_MESSAGE }, { "REFER", SIPPARSE_METHOD_REFER },
    { "PUBLISH", SIPPARSE_METHOD_PUBLISH }, { "INFO", SIPPARSE_METHOD_INFO },
};
const size_t method_table_len = sizeof method_table / sizeof method_table[0];

const char *src_path(const char *rel)
{
    static char bufs[4][1024];
    static unsigned k;
    const char *dir = getenv("SIPPARSE_SRCDIR");
    if (dir == NULL || *dir == '\0')
        return rel;
    char *b = bufs[k++ % 4];
    snprintf(b, sizeof bufs[0], "%s/%s", dir, rel);
    return b;
}

char *read_file(const char *path, size_t *len)
{
    *len = 0;
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap + 1);
    if (buf == NULL) {
        fclose(f);
        return NULL;
    }
    for (;;) {
        if (n == cap) {
            char *nb = realloc(buf, cap * 2 + 1);
            if (nb == NULL) {
                free(buf);
                fclose(f);
                return NULL;
            }
            buf = nb;
            cap *= 2;
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0)
            break;
    }
    int bad = ferror(f);
    fclose(f);
    if (bad) {
        free(buf);
        return NULL;
    }
    buf[n] = '\0';
    *len = n;
    return buf;
}

/* ---- TSV ------------------------------------------------------------------------- */

static size_t split_tabs(char *line, char **out, size_t max)
{
    size_t n = 0;
    char *p = line;
    for (;;) {
        char *tab = strchr(p, '\t');
        if (n < max)
            out[n] = p;
        n++;
        if (tab == NULL)
            break;
        *tab = '\0';
        p = tab + 1;
    }
    return n;
}

int tsv_load(tsv_table *t, const char *path)
{
    memset(t, 0, sizeof *t);
    size_t len;
    t->text = read_file(path, &len);
    if (t->text == NULL)
        return -1;
    /* Count lines for the row array. */
    size_t nlines = 1;
    for (size_t i = 0; i < len; i++)
        if (t->text[i] == '\n')
            nlines++;
    char **lines = calloc(nlines, sizeof *lines);
    size_t nl = 0;
    char *p = t->text;
    while (*p != '\0') {
        char *e = strchr(p, '\n');
        if (e != NULL)
            *e = '\0';
        size_t l = strlen(p);
        if (l > 0 && p[l - 1] == '\r')
            p[l - 1] = '\0';
        if (*p != '\0')
            lines[nl++] = p;
        if (e == NULL)
            break;
        p = e + 1;
    }
    if (nl == 0) {
        free(lines);
        free(t->text);
        t->text = NULL;
        return -1;
    }
    char *hdr[64];
    size_t ncols = split_tabs(lines[0], hdr, ARRAY_LEN(hdr));
    if (ncols > ARRAY_LEN(hdr))
        ncols = ARRAY_LEN(hdr);
    t->cols = calloc(ncols, sizeof *t->cols);
    for (size_t c = 0; c < ncols; c++)
        t->cols[c] = hdr[c];
    t->ncols = ncols;
    t->nrows = nl - 1;
    t->rows = calloc(t->nrows ? t->nrows : 1, sizeof *t->rows);
    for (size_t r = 0; r < t->nrows; r++) {
        t->rows[r] = calloc(ncols, sizeof **t->rows);
        size_t got = split_tabs(lines[r + 1], t->rows[r], ncols);
        for (size_t c = got; c < ncols; c++)
            t->rows[r][c] = (char *)"";
    }
    free(lines);
    return 0;
}

int tsv_col(const tsv_table *t, const char *name)
{
    for (size_t c = 0; c < t->ncols; c++)
        if (strcmp(t->cols[c], name) == 0)
            return (int)c;
    return -1;
}

const char *tsv_get(const tsv_table *t, size_t row, const char *name)
{
    int c = tsv_col(t, name);
    if (c < 0 || row >= t->nrows)
        return "";
    return t->rows[row][c];
}

void tsv_free(tsv_table *t)
{
    if (t->rows != NULL)
        for (size_t r = 0; r < t->nrows; r++)
            free(t->rows[r]);
    free(t->rows);
    free(t->cols);
    free(t->text);
    memset(t, 0, sizeof *t);
}

/* ---- guarded parse ------------------------------------------------------------------- */

sipparse_err tmsg_parse_cap(tmsg *t, const void *data, size_t len, unsigned flags, unsigned cap)
{
    memset(&t->m, 0, sizeof t->m);
    guard_copy(&t->g, data, len);
    if (cap == 0 || cap > TMSG_MAX_HDRS)
        cap = TMSG_MAX_HDRS;
    sipparse_msg_init(&t->m, t->hdrs, cap, flags);
    t->rc = sipparse_msg_parse(&t->m, t->g.data, t->g.len);
    return t->rc;
}

sipparse_err tmsg_parse(tmsg *t, const void *data, size_t len, unsigned flags)
{
    return tmsg_parse_cap(t, data, len, flags, 0);
}

sipparse_err tmsg_parse_str(tmsg *t, const char *s, unsigned flags)
{
    return tmsg_parse(t, s, strlen(s), flags);
}

void tmsg_free(tmsg *t)
{
    guard_free(&t->g);
}

void verdict_run(const tmsg *t, verdict *v)
{
    memset(v, 0, sizeof *v);
    v->parse_rc = t->rc;
    v->check_rc = SIPPARSE_OK;
    if (t->rc != SIPPARSE_OK) {
        v->err = &t->m.error;
        return;
    }
    v->checked = 1;
    v->check_rc = sipparse_msg_check(&t->m, v->errs, VERDICT_MAX_ERRS, &v->nerrs);
    size_t have = v->nerrs < VERDICT_MAX_ERRS ? v->nerrs : VERDICT_MAX_ERRS;
    for (size_t i = 0; i < have && v->err == NULL; i++)
        if (v->errs[i].critical)
            v->err = &v->errs[i];
    if (v->err == NULL && have > 0)
        v->err = &v->errs[0];
}

int verdict_rejected(const verdict *v)
{
    return v->parse_rc != SIPPARSE_OK || v->check_rc != SIPPARSE_OK || v->nerrs > 0;
}

const sipparse_error *verdict_find_hdr(const verdict *v, sipparse_hdr_id id)
{
    size_t have = v->nerrs < VERDICT_MAX_ERRS ? v->nerrs : VERDICT_MAX_ERRS;
    for (size_t i = 0; i < have; i++)
        if (v->errs[i].hdr == id)
            return &v->errs[i];
    return NULL;
}

const sipparse_error *verdict_find_code(const verdict *v, sipparse_err code)
{
    size_t have = v->nerrs < VERDICT_MAX_ERRS ? v->nerrs : VERDICT_MAX_ERRS;
    for (size_t i = 0; i < have; i++)
        if (v->errs[i].code == code)
            return &v->errs[i];
    return NULL;
}

/* ---- descriptions ---------------------------------------------------------------------- */

static char *rot_buf(void)
{
    static char bufs[8][512];
    static unsigned k;
    return bufs[k++ % 8];
}

const char *code_str(sipparse_err e)
{
    const char *s = sipparse_errname(e);
    return s ? s : "(null)";
}

const char *hdr_str(unsigned id)
{
    if (id == SIPPARSE_HDR_OTHER || id >= SIPPARSE_HDR__COUNT)
        return "OTHER";
    const char *s = sipparse_hdr_name((sipparse_hdr_id)id);
    return s ? s : "(null)";
}

const char *err_str(const sipparse_error *e)
{
    char *b = rot_buf();
    if (e == NULL) {
        snprintf(b, 512, "(no error)");
        return b;
    }
    snprintf(b, 512, "%s at %u:%u (offset %zu) hdr %s index %d rule %s%s", code_str(e->code),
             e->line, e->col, e->offset, hdr_str(e->hdr), e->hdr_index,
             e->rule ? e->rule : "(null)", e->critical ? " critical" : "");
    return b;
}

const char *error_pos_problem(const char *base, size_t len, const sipparse_error *e)
{
    char *b = rot_buf();
    if (e->offset > len) {
        snprintf(b, 512, "offset %zu beyond the input (%zu bytes)", e->offset, len);
        return b;
    }
    if (e->at != NULL) {
        if (e->at < base || e->at > base + len) {
            snprintf(b, 512, "'at' points outside the input");
            return b;
        }
        if ((size_t)(e->at - base) != e->offset) {
            snprintf(b, 512, "'at' is offset %zu but offset says %zu", (size_t)(e->at - base),
                     e->offset);
            return b;
        }
    }
    if (e->line > 0) {
        unsigned line = 1;
        size_t line_start = 0;
        for (size_t i = 0; i < e->offset; i++)
            if (base[i] == '\n') {
                line++;
                line_start = i + 1;
            }
        unsigned col = (unsigned)(e->offset - line_start + 1);
        if (line != e->line || col != e->col) {
            snprintf(b, 512, "offset %zu is %u:%u but the error says %u:%u", e->offset, line, col,
                     e->line, e->col);
            return b;
        }
    }
    return NULL;
}

const char *msg_problem(const tmsg *t)
{
    const sipparse_msg *m = &t->m;
    const char *buf = t->g.data;
    size_t len = t->g.len;
    char *b = rot_buf();
#define FAIL(...) do { snprintf(b, 512, __VA_ARGS__); return b; } while (0)
    if (m->buf != buf)
        FAIL("m->buf is not the input");
    if (m->start > len || m->len > len - m->start)
        FAIL("start %zu + len %zu beyond the input (%zu)", m->start, m->len, len);
    if (!(m->flags & SIPPARSE_F_STREAM) && m->start + m->len + m->trailing != len)
        FAIL("datagram: start %zu + len %zu + trailing %zu != %zu", m->start, m->len,
             m->trailing, len);
    const char *mbeg = buf + m->start, *mend = buf + m->start + m->len;
    sipparse_slice parts[] = { m->method_name, m->ruri, m->version, m->reason };
    for (size_t i = 0; i < ARRAY_LEN(parts); i++)
        if (!sl_within(parts[i], mbeg, m->len))
            FAIL("start-line slice %zu outside the message", i);
    if (!sl_is_ci(m->version, "SIP/2.0") && !(m->warnings & SIPPARSE_F_ALLOW_ANY_VERSION))
        FAIL("version '%.*s' without the ANY_VERSION warning", SL(m->version));
    if (m->is_request) {
        if (m->method_name.ptr == NULL || m->method_name.len == 0 || m->ruri.ptr == NULL ||
            m->ruri.len == 0)
            FAIL("request without method or Request-URI");
    } else if (m->status > 999) {
        FAIL("status %u has more than 3 digits", m->status);
    }
    if (m->nhdrs > m->hdr_cap)
        FAIL("nhdrs %u > cap %u", m->nhdrs, m->hdr_cap);
    for (unsigned i = 0; i < m->nhdrs; i++) {
        const sipparse_hdr *h = &m->hdrs[i];
        if (h->id >= SIPPARSE_HDR__COUNT)
            FAIL("header %u: id %u out of range", i, h->id);
        if (h->name.ptr == NULL || h->name.len == 0 || !sl_within(h->name, mbeg, m->len))
            FAIL("header %u: name outside the message", i);
        if (h->value.ptr == NULL || !sl_within(h->value, mbeg, m->len))
            FAIL("header %u: value outside the message", i);
        if (h->value.ptr < h->name.ptr + h->name.len)
            FAIL("header %u: value before the end of the name", i);
        /* header offsets count from the start of the input, leading CRLFs included */
        if (h->offset >= m->start + m->len || m->buf + h->offset != h->name.ptr)
            FAIL("header %u: offset %u is not where its name starts", i, (unsigned)h->offset);
        if (h->line < 2)
            FAIL("header %u: line %u (the start line is line 1)", i, (unsigned)h->line);
        if (i > 0 && h->line <= m->hdrs[i - 1].line)
            FAIL("header %u: line %u not after the previous header's", i, (unsigned)h->line);
        if (h->next != SIPPARSE_HDR_NONE) {
            if (h->next <= i || h->next >= m->nhdrs || m->hdrs[h->next].id != h->id)
                FAIL("header %u: bad next link %u", i, (unsigned)h->next);
            for (unsigned j = i + 1; j < h->next; j++)
                if (m->hdrs[j].id == h->id)
                    FAIL("header %u: next link skips header %u", i, j);
        } else {
            for (unsigned j = i + 1; j < m->nhdrs; j++)
                if (m->hdrs[j].id == h->id)
                    FAIL("header %u: no next link but header %u has the same id", i, j);
        }
    }
    for (unsigned id = 0; id < SIPPARSE_HDR__COUNT; id++) {
        unsigned first = SIPPARSE_HDR_NONE, last = SIPPARSE_HDR_NONE;
        for (unsigned i = 0; i < m->nhdrs; i++)
            if (m->hdrs[i].id == id) {
                if (first == SIPPARSE_HDR_NONE)
                    first = i;
                last = i;
            }
        if (id == SIPPARSE_HDR_OTHER)
            continue; /* first/last of unknown headers are not promised */
        if (m->first[id] != first || m->last[id] != last)
            FAIL("first/last of %s are %u/%u, expected %u/%u", hdr_str(id), m->first[id],
                 m->last[id], first, last);
    }
    if (m->body.ptr != NULL) {
        if (!sl_within(m->body, mbeg, m->len))
            FAIL("body outside the message");
        if (m->body.ptr + m->body.len != mend)
            FAIL("body does not end the message");
    }
    if (m->has_content_length && m->body.len != m->content_length)
        FAIL("body %zu bytes but Content-Length %u", m->body.len, (unsigned)m->content_length);
    if (!m->has_content_length && m->trailing != 0)
        FAIL("trailing bytes without a Content-Length");
    if (m->warnings & ~(unsigned)SIPPARSE_F_LENIENT)
        FAIL("warnings 0x%x hold bits that are not leniency flags", m->warnings);
    if (m->warnings & ~m->flags)
        FAIL("warnings 0x%x hold flags that were not given (0x%x)", m->warnings, m->flags);
#undef FAIL
    return NULL;
}
