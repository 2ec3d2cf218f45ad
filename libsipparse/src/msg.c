/* msg.c: message framing and the header index (RFC 3261 §7, §18.3).
 *
 * One scan serves sipparse_msg_parse and sipparse_frame, so the two can never
 * disagree on where a message ends. Lines are found with memchr; the start line and
 * header names go through the generated grammar. Header values are not parsed here
 * (see check.c and the typed parsers), except Content-Length, which framing needs. */
#include <stdint.h>
#include <string.h>
#include "grammar.h"
#include "msg_int.h"

/* Sets the caller's choices only: sipparse_msg_parse resets every result field, so a
 * message struct can be initialised once and reused for many parses. */
void sipparse_msg_init(sipparse_msg *m, sipparse_hdr *hdrs, unsigned cap, unsigned flags)
{
    m->hdrs = hdrs;
    m->hdr_cap = cap > SIPPARSE_HDR_NONE ? SIPPARSE_HDR_NONE : cap;
    m->flags = flags;
    m->max_size = SIPPARSE_DEFAULT_MAX_SIZE;
    m->max_line = SIPPARSE_DEFAULT_MAX_LINE;
}

/* The scan's position and what it needs to report an error. */
typedef struct scan {
    sipparse_msg *m;
    const char *buf, *end;
    int stream, store;
    unsigned line;
    size_t scan_max;   /* max_line + 2 (the CRLF), or SIZE_MAX when that overflows */
} scan;

static sipparse_err fail(scan *s, sipparse_err code, const char *at, const char *rule,
                         sipparse_hdr_id hdr, int hdr_index)
{
    sipparse_error *e = &s->m->error;
    sp_fail(e, code, at, rule);
    e->hdr = hdr;
    e->hdr_index = hdr_index;
    e->critical = 1;
    sipparse_error_locate(e, s->buf, (size_t)(s->end - s->buf));
    return code;
}

/* Not an error: the message continues past the end of the input. The position is the
 * end of the input, so a caller can say where the data stopped. */
static sipparse_err again(scan *s, const char *rule)
{
    fail(s, SIPPARSE_E_AGAIN, s->end, rule, SIPPARSE_HDR_OTHER, -1);
    s->m->error.critical = 0;
    return SIPPARSE_E_AGAIN;
}

/* More bytes are needed: on a stream that is E_AGAIN unless the message is already
 * over the size limit (a peer must not make us wait forever). */
static sipparse_err need_more(scan *s, const char *at, const char *rule)
{
    if (!s->stream)
        return fail(s, SIPPARSE_E_NO_END_OF_HEADERS, at, rule, SIPPARSE_HDR_OTHER, -1);
    const char *msg_start = s->buf + s->m->start;   /* leading CRLFs do not count */
    if ((size_t)(s->end - msg_start) > s->m->max_size)
        return fail(s, SIPPARSE_E_LIMIT_SIZE, msg_start + s->m->max_size, rule, SIPPARSE_HDR_OTHER, -1);
    return again(s, rule);
}

/* Finds the end of the physical line at p. On success *eol is the first byte of the
 * line end and *next the start of the following line. A bare LF needs
 * SIPPARSE_F_ALLOW_LF. Returns OK, END when the input ends before a line end, or an
 * error (a line over the limit, a bare LF in strict mode). */
static sipparse_err line_end_slow(scan *s, const char *p, const char **eol,
                                  const char **next, const char *rule)
{
    size_t room = (size_t)(s->end - p);
    size_t lim = room;   /* look no further than the line limit (+ CRLF), without overflow */
    if (room > 2 && s->m->max_line < room - 2)
        lim = s->m->max_line + 2;
    const char *nl = memchr(p, '\n', lim);
    if (!nl) {
        if (lim < room)
            return fail(s, SIPPARSE_E_LIMIT_LINE, p + s->m->max_line, rule, SIPPARSE_HDR_OTHER, -1);
        return SIPPARSE_END;   /* no line end before the end of the input */
    }
    if (nl > p && nl[-1] == '\r') {
        *eol = nl - 1;
    } else {
        if (!(s->m->flags & SIPPARSE_F_ALLOW_LF))
            return fail(s, SIPPARSE_E_LINE_END, nl, rule, SIPPARSE_HDR_OTHER, -1);
        s->m->warnings |= SIPPARSE_F_ALLOW_LF;
        *eol = nl;
    }
    if ((size_t)(*eol - p) > s->m->max_line)
        return fail(s, SIPPARSE_E_LIMIT_LINE, p + s->m->max_line, rule, SIPPARSE_HDR_OTHER, -1);
    *next = nl + 1;
    return SIPPARSE_OK;
}

/* line_end_slow's common case, inlined: a CRLF within the line limit. Every other
 * outcome (bare LF, no line end yet, a long line) is decided by line_end_slow. */
static inline sipparse_err line_end(scan *s, const char *p, const char **eol,
                                    const char **next, const char *rule)
{
    size_t room = (size_t)(s->end - p);
    const char *nl = memchr(p, '\n', room < s->scan_max ? room : s->scan_max);
    if (nl && nl > p && nl[-1] == '\r' && (size_t)(nl - 1 - p) <= s->m->max_line) {
        *eol = nl - 1;
        *next = nl + 1;
        return SIPPARSE_OK;
    }
    return line_end_slow(s, p, eol, next, rule);
}

static int is_wsp(char c) { return c == ' ' || c == '\t'; }

/* RFC 3261 §7.5: line ends before the start line are ignored on streams (keep-alives)
 * and, with SIPPARSE_F_ALLOW_LEADING_CRLF, in datagrams. */
static sipparse_err skip_leading(scan *s, const char **pp)
{
    const char *p = *pp;
    while (p < s->end && (*p == '\r' || *p == '\n')) {
        if (!s->stream && !(s->m->flags & SIPPARSE_F_ALLOW_LEADING_CRLF)) {
            const char *q = p;
            while (q < s->end && (*q == '\r' || *q == '\n'))
                q++;
            return fail(s, q == s->end ? SIPPARSE_E_EMPTY : SIPPARSE_E_START_LINE, p,
                        "start-line", SIPPARSE_HDR_OTHER, -1);
        }
        if (*p == '\r') {
            if (p + 1 == s->end)
                break;
            if (p[1] != '\n')
                return fail(s, SIPPARSE_E_LINE_END, p, "start-line", SIPPARSE_HDR_OTHER, -1);
            p += 2;
        } else {
            if (!(s->m->flags & SIPPARSE_F_ALLOW_LF))
                return fail(s, SIPPARSE_E_LINE_END, p, "start-line", SIPPARSE_HDR_OTHER, -1);
            s->m->warnings |= SIPPARSE_F_ALLOW_LF;
            p++;
        }
        s->line++;
        if (!s->stream)
            s->m->warnings |= SIPPARSE_F_ALLOW_LEADING_CRLF;
    }
    *pp = p;
    return SIPPARSE_OK;
}

/* Where a start line that the grammar refused goes wrong, for the error position:
 * the first SP run or trailing SP, else the element that is not what it should be. */
static const char *start_line_fault(const char *p, const char *eol, int status)
{
    for (const char *q = p; q < eol; q++)
        if (*q == ' ' && (q + 1 == eol || q[1] == ' '))
            return q + 1 == eol ? q : q + 1;
    if (status) {   /* SIP-Version SP Status-Code SP Reason-Phrase */
        const char *sp = memchr(p, ' ', (size_t)(eol - p));
        if (!sp)
            return eol;
        const char *c = sp + 1;
        for (int i = 0; i < 3; i++, c++)
            if (c >= eol || *c < '0' || *c > '9')
                return c;
        return c < eol && *c == ' ' ? c + 1 : c;
    }
    size_t t = sp_token(p, eol);   /* Method SP Request-URI SP SIP-Version */
    if (t == 0 || p + t == eol || p[t] != ' ')
        return p + t;
    const char *sp2 = memchr(p + t + 1, ' ', (size_t)(eol - p - t - 1));
    return sp2 ? sp2 + 1 : eol;
}

/* The usual Request-Line, "Method SP Request-URI SP SIP/2.0" with single SPs, taken
 * without the start-line matcher, so the Request-URI is read once (by the URI grammar)
 * instead of being delimited first and parsed after. No URI holds SP, so a URI that
 * fills the bytes between the two SPs makes the line valid. Returns 0, with m->uri
 * cleared, for any other line: start_line then decides it, and names the first fault. */
static int plain_request_line(sipparse_msg *m, const char *p, const char *eol)
{
    static const char version[] = " SIP/2.0";
    const size_t vlen = sizeof version - 1;
    size_t t = sp_token(p, eol);
    if (t == 0 || p[t] != ' ' || (size_t)(eol - p) <= t + 1 + vlen ||
        memcmp(eol - vlen, version, vlen) != 0)
        return 0;
    const char *u0 = p + t + 1, *u1 = eol - vlen;
    sipparse_error e;
    if (sp_uri_at(u0, u1, SIPPARSE_URI_REQUEST, &m->uri, &e) != u1) {
        memset(&m->uri, 0, sizeof m->uri);
        m->uri.port = -1;
        return 0;
    }
    m->is_request = 1;
    m->version = (sipparse_slice){ u1 + 1, vlen - 1 };
    m->method_name = (sipparse_slice){ p, t };
    m->method = sp_method_id(p, p + t);
    m->ruri = (sipparse_slice){ u0, (size_t)(u1 - u0) };
    return 1;
}

static sipparse_err start_line(scan *s, const char *p, const char *eol)
{
    sipparse_msg *m = s->m;
    sp_start st;
    if (plain_request_line(m, p, eol))
        return SIPPARSE_OK;
    int looks_status = (eol - p >= 4) && memcmp(p, "SIP/", 4) == 0;
    const char *rule = looks_status ? "Status-Line" : "Request-Line";
    /* the grammar looks one byte past the line for its end (CR or LF) */
    if (!sp_start_line(p, eol + 1, &st) || st.end != eol)
        return fail(s, SIPPARSE_E_START_LINE, start_line_fault(p, eol, looks_status), rule,
                    SIPPARSE_HDR_OTHER, -1);
    if (st.extra_sp) {
        if (!(m->flags & SIPPARSE_F_ALLOW_EXTRA_SP))
            return fail(s, SIPPARSE_E_START_LINE, start_line_fault(p, eol, looks_status), rule,
                        SIPPARSE_HDR_OTHER, -1);
        m->warnings |= SIPPARSE_F_ALLOW_EXTRA_SP;
    }
    m->version = st.version;
    if (!SP_EQ_LIT(st.version, "sip/2.0")) {   /* the grammar has checked the digits */
        if (!(m->flags & SIPPARSE_F_ALLOW_ANY_VERSION))
            return fail(s, SIPPARSE_E_VERSION, st.version.ptr, "SIP-Version", SIPPARSE_HDR_OTHER, -1);
        m->warnings |= SIPPARSE_F_ALLOW_ANY_VERSION;
    }
    m->is_request = st.is_request;
    if (!st.is_request) {
        m->status = st.status;
        m->reason = st.reason;
        return SIPPARSE_OK;
    }
    m->method_name = st.method;
    m->method = sp_method_id(st.method.ptr, st.method.ptr + st.method.len);
    m->ruri = st.ruri;
    sipparse_error e;
    if (sipparse_uri_parse(st.ruri.ptr, st.ruri.len, SIPPARSE_URI_REQUEST, &m->uri, &e) != SIPPARSE_OK)
        return fail(s, e.code, e.at, "Request-URI", SIPPARSE_HDR_OTHER, -1);
    return SIPPARSE_OK;
}

/* Content-Length (RFC 3261 §20.14): digits only, at most 2^32-1; two that differ
 * make framing impossible (RFC 4475 §3.3.9). */
static sipparse_err content_length(scan *s, sipparse_slice v, int index)
{
    unsigned long long n;
    sipparse_msg *m = s->m;
    if (sipparse_slice_to_u64(v, 0xffffffffu, &n) != 0)
        return fail(s, SIPPARSE_E_CONTENT_LENGTH, v.ptr, "Content-Length",
                    SIPPARSE_HDR_CONTENT_LENGTH, index);
    if (m->has_content_length && m->content_length != n)
        return fail(s, SIPPARSE_E_CL_CONFLICT, v.ptr, "Content-Length",
                    SIPPARSE_HDR_CONTENT_LENGTH, index);
    m->has_content_length = 1;
    m->content_length = (uint32_t)n;
    return SIPPARSE_OK;
}

/* Value without the LWS around it (folds included). */
static inline sipparse_slice trim_value(const char *a, const char *b)
{
    while (a < b && (is_wsp(*a) || *a == '\r' || *a == '\n'))
        a++;
    while (b > a && (is_wsp(b[-1]) || b[-1] == '\r' || b[-1] == '\n'))
        b--;
    return (sipparse_slice){ a, (size_t)(b - a) };
}

/* trim_value for a value on one line, quicker when it is SP and a value (the usual). */
static inline sipparse_slice line_value(const char *a, const char *b)
{
    if (a < b && *a == ' ')
        a++;
    if (a < b && (unsigned char)*a > ' ' && (unsigned char)b[-1] > ' ')
        return (sipparse_slice){ a, (size_t)(b - a) };
    return trim_value(a, b);
}

/* Adds a header to the index (when storing) and reads Content-Length. */
static inline sipparse_err store_header(scan *s, sipparse_hdr_id id, const char *name,
                                        const char *name_end, sipparse_slice value,
                                        unsigned line)
{
    sipparse_msg *m = s->m;
    int index = -1;
    if (s->store) {
        if (m->nhdrs >= m->hdr_cap)
            return fail(s, SIPPARSE_E_LIMIT_HEADERS, name, "message-header", id, -1);
        index = (int)m->nhdrs++;
        sipparse_hdr *h = &m->hdrs[index];
        h->name = (sipparse_slice){ name, (size_t)(name_end - name) };
        h->value = value;
        h->offset = (uint32_t)(name - s->buf);
        h->line = line;
        h->id = (uint16_t)id;
        h->next = SIPPARSE_HDR_NONE;
        if (m->first[id] == SIPPARSE_HDR_NONE)
            m->first[id] = (uint16_t)index;
        else
            m->hdrs[m->last[id]].next = (uint16_t)index;
        m->last[id] = (uint16_t)index;
    }
    /* stored first, so an error names a header the caller can look up */
    return id == SIPPARSE_HDR_CONTENT_LENGTH ? content_length(s, value, index) : SIPPARSE_OK;
}

/* The continuation lines of the header that starts at p (a line that starts with WSP
 * belongs to the header before it); *next is the line after the header's first line
 * and moves past the last fold, *vend to the end of the value. */
static sipparse_err folds(scan *s, const char *p, const char **next, const char **vend)
{
    const char *eol;
    while (*next < s->end && is_wsp(**next)) {
        s->line++;
        sipparse_err e = line_end(s, *next, &eol, next, "message-header");
        if (e == SIPPARSE_END) {
            if (s->stream)
                return need_more(s, p, "message-header");
            eol = *next = s->end;
        } else if (e != SIPPARSE_OK) {
            return e;
        }
        *vend = eol;
    }
    return SIPPARSE_OK;
}

/* One header: name HCOLON value, with folded continuation lines. *pp moves to the
 * next line. Returns OK, E_AGAIN, END (input ended inside the header) or an error. */
static sipparse_err header(scan *s, const char **pp)
{
    const char *p = *pp, *name_end, *eol, *next;
    unsigned first_line = s->line;
    sipparse_err e = line_end(s, p, &eol, &next, "message-header");
    if (e == SIPPARSE_END) {
        if (s->stream)
            return need_more(s, p, "message-header");
        eol = next = s->end;        /* a datagram's last line without its line end */
    } else if (e != SIPPARSE_OK) {
        return e;
    }
    /* sp_header_name needs a byte that ends its match: the colon, when there is one */
    const char *colon = memchr(p, ':', (size_t)(eol - p));
    sipparse_hdr_id id;
    const char *colon_end = colon ? sp_header_name(p, colon + 1, &name_end, &id) : NULL;
    if (!colon_end)
        return fail(s, SIPPARSE_E_HEADER_NAME, p, "message-header", SIPPARSE_HDR_OTHER, -1);
    const char *vend = eol;
    if (next < s->end && is_wsp(*next) && (e = folds(s, p, &next, &vend)) != SIPPARSE_OK)
        return e;
    if (next == s->end && s->stream)
        return need_more(s, p, "message-header");  /* a fold may still follow */
    s->line++;
    *pp = next;
    return store_header(s, id, p, name_end, trim_value(colon_end, vend), first_line);
}

/* The empty line that ends the headers, if it is at p: returns its length, else 0. */
static size_t end_of_headers(scan *s, const char *p)
{
    if (p < s->end && *p == '\n' && (s->m->flags & SIPPARSE_F_ALLOW_LF)) {
        s->m->warnings |= SIPPARSE_F_ALLOW_LF;
        return 1;
    }
    if (s->end - p >= 2 && p[0] == '\r' && p[1] == '\n')
        return 2;
    return 0;
}

/* The header lines and the empty line after them; *pp moves past it. */
static sipparse_err headers(scan *s, const char **pp)
{
    const char *p = *pp, *end = s->end;
    sipparse_err e;
    for (;;) {
        if (p < end && (unsigned char)*p > ' ') {   /* a header line, no WSP or line end */
            size_t room = (size_t)(end - p);
            const char *nl = memchr(p, '\n', room < s->scan_max ? room : s->scan_max);
            const char *name_end, *colon_end;
            sipparse_hdr_id id;
            /* The common line is decided here: CRLF within the limit (memchr looks no
             * further than max_line + 2 bytes, so nl - 1 - p <= max_line), no fold after it,
             * a name the grammar takes (its CR ends the name matcher). Anything else
             * goes through header(), which knows every case. nl > p: *p is no LF. */
            if (nl && nl[-1] == '\r' && end - nl > 1 && !is_wsp(nl[1]) &&
                (colon_end = sp_header_name(p, nl, &name_end, &id))) {
                e = store_header(s, id, p, name_end, line_value(colon_end, nl - 1), s->line);
                if (e != SIPPARSE_OK)
                    return e;
                s->line++;
                p = nl + 1;
                continue;
            }
            if ((e = header(s, &p)) != SIPPARSE_OK)
                return e;
            continue;
        }
        size_t eoh = end_of_headers(s, p);
        if (eoh) {
            *pp = p + eoh;
            return SIPPARSE_OK;
        }
        if (p == s->end || (*p == '\r' && p + 1 == s->end)) {
            if (s->stream)
                return need_more(s, p, "message-header");
            if (!(s->m->flags & SIPPARSE_F_ALLOW_MISSING_EOH))
                return fail(s, SIPPARSE_E_NO_END_OF_HEADERS, p, "message-header", SIPPARSE_HDR_OTHER, -1);
            s->m->warnings |= SIPPARSE_F_ALLOW_MISSING_EOH;
            *pp = s->end;
            return SIPPARSE_OK;
        }
        if (*p == '\r' && p[1] != '\n')
            return fail(s, SIPPARSE_E_LINE_END, p, "message-header", SIPPARSE_HDR_OTHER, -1);
        if (*p == '\n')
            return fail(s, SIPPARSE_E_LINE_END, p, "message-header", SIPPARSE_HDR_OTHER, -1);
        if (is_wsp(*p))   /* a continuation line with no header before it */
            return fail(s, SIPPARSE_E_HEADER_NAME, p, "message-header", SIPPARSE_HDR_OTHER, -1);
        if ((e = header(s, &p)) != SIPPARSE_OK)
            return e;
    }
}

static sipparse_err body(scan *s, const char *p)
{
    sipparse_msg *m = s->m;
    size_t avail = (size_t)(s->end - p);
    const char *msg_start = s->buf + m->start;
    if (!m->has_content_length) {
        if (s->stream)
            return fail(s, SIPPARSE_E_CL_MISSING, p, "Content-Length", SIPPARSE_HDR_CONTENT_LENGTH, -1);
        m->body = (sipparse_slice){ p, avail };
        m->len = (size_t)(s->end - msg_start);
        return SIPPARSE_OK;
    }
    size_t cl = m->content_length;
    if (cl > avail) {
        if (s->stream) {
            if ((size_t)(p - msg_start) + cl > m->max_size)
                return fail(s, SIPPARSE_E_LIMIT_SIZE, p, "message-body", SIPPARSE_HDR_CONTENT_LENGTH, -1);
            return again(s, "message-body");
        }
        int idx = s->store ? (int)m->last[SIPPARSE_HDR_CONTENT_LENGTH] : -1;
        return fail(s, SIPPARSE_E_BODY_TRUNCATED, s->end, "message-body",
                    SIPPARSE_HDR_CONTENT_LENGTH, idx);
    }
    m->body = (sipparse_slice){ p, cl };
    m->len = (size_t)(p + cl - msg_start);
    if (s->stream && m->len > m->max_size)
        return fail(s, SIPPARSE_E_LIMIT_SIZE, msg_start + m->max_size, "message",
                    SIPPARSE_HDR_OTHER, -1);
    if (!s->stream)
        m->trailing = avail - cl;   /* RFC 3261 §18.3: extra datagram bytes are ignored */
    return SIPPARSE_OK;
}

sipparse_err sp_msg_scan(sipparse_msg *m, const char *buf, size_t len, int store)
{
    scan s = { m, buf, buf + len, (m->flags & SIPPARSE_F_STREAM) != 0, store, 1,
               m->max_line > SIZE_MAX - 2 ? SIZE_MAX : m->max_line + 2 };
    m->buf = buf;
    m->start = m->len = m->trailing = 0;
    m->is_request = 0;
    m->method = SIPPARSE_METHOD_OTHER;
    /* one assignment each: chained, gcc stores one slice and loads it back whole to copy
     * it, a load that waits for both halves of the store */
    m->method_name = SIPPARSE_SLICE_NONE;
    m->ruri = SIPPARSE_SLICE_NONE;
    m->version = SIPPARSE_SLICE_NONE;
    m->reason = SIPPARSE_SLICE_NONE;
    m->status = 0;
    memset(&m->uri, 0, sizeof m->uri);
    m->uri.port = -1;
    m->nhdrs = 0;
    m->has_content_length = 0;
    m->content_length = 0;
    m->body = SIPPARSE_SLICE_NONE;
    m->warnings = 0;
    memset(&m->error, 0, sizeof m->error);
    m->error.hdr_index = -1;
    /* the framer (store 0) leaves an empty index, never a stale one */
    memset(m->first, 0xff, sizeof m->first);
    memset(m->last, 0xff, sizeof m->last);
    if (!s.stream && len > m->max_size)
        return fail(&s, SIPPARSE_E_LIMIT_SIZE, buf + m->max_size, "message", SIPPARSE_HDR_OTHER, -1);

    const char *p = buf, *eol, *next;
    sipparse_err e = skip_leading(&s, &p);
    if (e != SIPPARSE_OK)
        return e;
    if (p == s.end || (*p == '\r' && p + 1 == s.end)) {
        if (s.stream)
            return again(&s, "start-line");
        return fail(&s, SIPPARSE_E_EMPTY, p, "message", SIPPARSE_HDR_OTHER, -1);
    }
    m->start = (size_t)(p - buf);
    e = line_end(&s, p, &eol, &next, "start-line");
    if (e == SIPPARSE_END) {
        if (s.stream)
            return need_more(&s, p, "start-line");
        return fail(&s, SIPPARSE_E_NO_END_OF_HEADERS, s.end, "start-line", SIPPARSE_HDR_OTHER, -1);
    }
    if (e != SIPPARSE_OK)
        return e;
    if ((e = start_line(&s, p, eol)) != SIPPARSE_OK)
        return e;
    p = next;
    s.line++;
    if ((e = headers(&s, &p)) != SIPPARSE_OK)
        return e;
    return body(&s, p);
}

sipparse_err sipparse_msg_parse(sipparse_msg *m, const char *buf, size_t len)
{
    return sp_msg_scan(m, buf, len, 1);
}

const sipparse_hdr *sipparse_msg_hdr(const sipparse_msg *m, sipparse_hdr_id id)
{
    if ((unsigned)id >= SIPPARSE_HDR__COUNT || m->first[id] == SIPPARSE_HDR_NONE)
        return NULL;
    return &m->hdrs[m->first[id]];
}

const sipparse_hdr *sipparse_msg_hdr_next(const sipparse_msg *m, const sipparse_hdr *h)
{
    return h->next == SIPPARSE_HDR_NONE ? NULL : &m->hdrs[h->next];
}

const sipparse_hdr *sipparse_msg_hdr_named(const sipparse_msg *m, const char *name, size_t len)
{
    for (unsigned i = 0; i < m->nhdrs; i++) {
        const sipparse_hdr *h = &m->hdrs[i];
        size_t k = 0;
        if (h->name.len != len)
            continue;
        while (k < len && sp_lower(h->name.ptr[k]) == sp_lower(name[k]))
            k++;
        if (k == len)
            return h;
    }
    return NULL;
}
