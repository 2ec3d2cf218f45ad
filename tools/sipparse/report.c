/* tools/sipparse/report.c: what the text and JSON writers both need (UTF-8: utf8.c). */
#include <string.h>
#include <time.h>
#include "decimal.h"
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

/* The date and time of a second, "2026-01-02T03:04:05", into date (32 bytes); 0 when
 * gmtime cannot show it (or time_t cannot hold it). The last second asked is kept:
 * the packets of a capture come many to a second, and gmtime_r, strftime and snprintf
 * cost 2,800 instructions a packet, more than a twentieth of a JSON line. The tool runs
 * one thread. */
static int ts_date(long long sec, char date[32])
{
    static long long last_sec;
    static char last[32];
    static int have_last;
    if (have_last && sec == last_sec) {
        memcpy(date, last, sizeof last);
        return 1;
    }
    time_t t = (time_t)sec;
    struct tm tm;
    if ((long long)t != sec || !gmtime_r(&t, &tm) ||
        strftime(date, 32, "%Y-%m-%dT%H:%M:%S", &tm) == 0)
        return 0;
    memcpy(last, date, sizeof last);
    last_sec = sec;
    have_last = 1;
    return 1;
}

void report_ts(char *out, size_t cap, const pkt_info *p)
{
    char date[32];
    /* A time gmtime cannot show (or time_t cannot hold) is printed as raw seconds. */
    if (!ts_date(p->ts_sec, date)) {
        snprintf(out, cap, "%lld.%09luZ", p->ts_sec, p->ts_nsec);
        return;
    }
    /* date, then as many fraction digits as the capture has (at least: a fraction
     * out of range keeps all its digits, as "%0*lu" printed it), then 'Z' */
    char buf[32 + 1 + 40 + 2], *o = buf;
    size_t n = strlen(date);
    memcpy(o, date, n);
    o += n;
    if (p->ts_digits > 0) {
        unsigned long frac = p->ts_nsec;
        for (int i = p->ts_digits; i < 9; i++) frac /= 10;
        *o++ = '.';
        o = dec_put(o, frac, p->ts_digits < 20 ? p->ts_digits : 20); /* 1..9 in fact */
    }
    *o++ = 'Z';
    size_t len = (size_t)(o - buf);
    if (cap == 0) return;
    if (len >= cap) len = cap - 1; /* cut as snprintf would */
    memcpy(out, buf, len);
    out[len] = '\0';
}
