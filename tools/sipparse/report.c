/* tools/sipparse/report.c: what the text and JSON writers both need. */
#include <string.h>
#include <time.h>
#include "tool.h"

/* The names --lenient takes and the outputs print, one per SIPPARSE_F_ALLOW_* bit. */
const lenient_name lenient_names[] = {
    { SIPPARSE_F_ALLOW_LF,           "lf",           "LF-only line ends" },
    { SIPPARSE_F_ALLOW_LEADING_CRLF, "leading-crlf", "line ends before the start line" },
    { SIPPARSE_F_ALLOW_EXTRA_SP,     "extra-sp",     "extra SP in the start line" },
    { SIPPARSE_F_ALLOW_MISSING_EOH,  "missing-eoh",  "no empty line after the headers" },
    { SIPPARSE_F_ALLOW_ANY_VERSION,  "any-version",  "SIP versions other than SIP/2.0" },
};
const size_t lenient_count = sizeof lenient_names / sizeof lenient_names[0];

int lenient_parse(const char *list, unsigned *flags, const char **bad, size_t *badlen)
{
    unsigned f = 0;
    const char *p = list;
    for (;;) {
        size_t n = strcspn(p, ",");
        size_t i;
        for (i = 0; i < lenient_count; i++)
            if (strlen(lenient_names[i].name) == n && memcmp(lenient_names[i].name, p, n) == 0)
                break;
        if (n == 3 && memcmp(p, "all", 3) == 0) {
            f |= SIPPARSE_F_LENIENT;
        } else if (i < lenient_count) {
            f |= lenient_names[i].flag;
        } else {
            *bad = p;
            *badlen = n;
            return -1;
        }
        if (p[n] == '\0') break;
        p += n + 1;
    }
    *flags = f;
    return 0;
}

size_t utf8_seq_len(const unsigned char *p, size_t n)
{
    unsigned char c = p[0];
    if (c < 0x80) return 1;
    size_t need;
    unsigned char lo = 0x80, hi = 0xbf; /* allowed range of the second byte */
    if (c >= 0xc2 && c <= 0xdf) {
        need = 2;
    } else if (c >= 0xe0 && c <= 0xef) {
        need = 3;
        if (c == 0xe0) lo = 0xa0;       /* no overlong forms */
        else if (c == 0xed) hi = 0x9f;  /* no UTF-16 surrogates */
    } else if (c >= 0xf0 && c <= 0xf4) {
        need = 4;
        if (c == 0xf0) lo = 0x90;       /* no overlong forms */
        else if (c == 0xf4) hi = 0x8f;  /* nothing above U+10FFFF */
    } else {
        return 0;
    }
    if (n < need) return 0;
    if (p[1] < lo || p[1] > hi) return 0;
    for (size_t i = 2; i < need; i++)
        if (p[i] < 0x80 || p[i] > 0xbf) return 0;
    return need;
}

const sipparse_hdr *report_hdr(const sipparse_msg *m, sipparse_hdr_id id)
{
    if (!m->hdrs || m->nhdrs == 0) return NULL;
    const sipparse_hdr *h = sipparse_msg_hdr(m, id);
    if (!h || h < m->hdrs || (size_t)(h - m->hdrs) >= m->nhdrs) return NULL;
    return h;
}

sipparse_slice report_error_header(const sipparse_msg *m, const sipparse_error *e)
{
    sipparse_slice s = SIPPARSE_SLICE_NONE;
    if (e->hdr != SIPPARSE_HDR_OTHER && (unsigned)e->hdr < SIPPARSE_HDR__COUNT) {
        const char *name = sipparse_hdr_name(e->hdr);
        if (name) {
            s.ptr = name;
            s.len = strlen(name);
        }
        return s;
    }
    if (e->hdr_index >= 0 && m->hdrs && (unsigned)e->hdr_index < m->nhdrs)
        return m->hdrs[e->hdr_index].name;
    return s;
}

int report_kind(const sipparse_msg *m)
{
    if (m->is_request && m->method_name.ptr) return 1;
    if (!m->is_request && m->status != 0) return 2;
    return 0;
}

size_t report_error_count(const msg_report *r)
{
    return (r->parse_rc != SIPPARSE_OK ? 1u : 0u) + (r->checked ? r->ncerrs : 0u);
}

size_t report_errors_kept(const msg_report *r)
{
    return (r->parse_rc != SIPPARSE_OK ? 1u : 0u) + (r->checked ? r->ncerrs_kept : 0u);
}

const sipparse_error *report_error_at(const msg_report *r, size_t i)
{
    if (r->parse_rc != SIPPARSE_OK) {
        if (i == 0) return r->perr;
        i--;
    }
    if (r->checked && i < r->ncerrs_kept) return &r->cerrs[i];
    return NULL;
}

void report_ts(char *out, size_t cap, const pkt_info *p)
{
    time_t t = (time_t)p->ts_sec;
    struct tm tm;
    char date[32];
    /* A time gmtime cannot show (or time_t cannot hold) is printed as raw seconds. */
    if ((long long)t != p->ts_sec || !gmtime_r(&t, &tm) ||
        strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%S", &tm) == 0) {
        snprintf(out, cap, "%lld.%09luZ", p->ts_sec, p->ts_nsec);
        return;
    }
    if (p->ts_digits <= 0) {
        snprintf(out, cap, "%sZ", date);
        return;
    }
    unsigned long frac = p->ts_nsec;
    for (int i = p->ts_digits; i < 9; i++) frac /= 10;
    snprintf(out, cap, "%s.%0*luZ", date, p->ts_digits, frac);
}
