/* uri_obj.c: the URI as an object (JsSIP URI.js): param and header access, escaping,
 * RFC 3261 §19.1.4 comparison, and an edit view printed into a caller buffer. */
#include <string.h>
#include <arpa/inet.h>
#include "obj_int.h"


/* ---- character sets of RFC 3261 §25.1 ------------------------------------------- */

enum {
    C_UNRES = 1,    /* unreserved = alphanum / mark */
    C_USER = 2,     /* user-unreserved = "&" / "=" / "+" / "$" / "," / ";" / "?" / "/" */
    C_PARAM = 4,    /* param-unreserved = "[" / "]" / "/" / ":" / "&" / "+" / "$" */
    C_HNV = 8,      /* hnv-unreserved = "[" / "]" / "/" / "?" / ":" / "+" / "$" */
    C_RESERVED = 16 /* reserved = ";" / "/" / "?" / ":" / "@" / "&" / "=" / "+" / "$" / "," */
};

int sp_cclass(unsigned char c)
{
    int m = 0;
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
        (c && strchr("-_.!~*'()", c)))
        m |= C_UNRES;
    if (c && strchr("&=+$,;?/", c))
        m |= C_USER;
    if (c && strchr("[]/:&+$", c))
        m |= C_PARAM;
    if (c && strchr("[]/?:+$", c))
        m |= C_HNV;
    if (c && strchr(";/?:@&=+$,", c))
        m |= C_RESERVED;
    return m;
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c = (char)sp_lower(c);
    return (c >= 'a' && c <= 'f') ? c - 'a' + 10 : -1;
}

/* The %HH escape at p (p < end, *p == '%'): its byte, or -1 when malformed. */
int sp_escape_at(const char *p, const char *end)
{
    if (end - p < 3)
        return -1;
    int h = hexval(p[1]), l = hexval(p[2]);
    return (h < 0 || l < 0) ? -1 : h * 16 + l;
}

/* ---- access ---------------------------------------------------------------------- */

int sipparse_uri_param(const sipparse_uri *u, const char *name, sipparse_slice *value)
{
    if (!u || !name || !value)
        return 0;
    return sipparse_param_get(u->params, name, value);
}

int sipparse_uri_header(const sipparse_uri *u, const char *name, sipparse_slice *value)
{
    if (!u || !name || !value)
        return 0;
    return sipparse_param_get(u->headers, name, value);
}

/* ---- escaping -------------------------------------------------------------------- */

int sipparse_unescape(sipparse_slice in, char *out, size_t cap)
{
    size_t n = 0;
    const char *p = in.ptr, *end = in.ptr ? in.ptr + in.len : NULL;
    for (; p && p < end; p++) {
        int c = (unsigned char)*p;
        if (c == '%') {
            if ((c = sp_escape_at(p, end)) < 0)
                return SIPPARSE_ESC_E_INVALID;
            p += 2;
        }
        if (n + 1 >= cap)
            return SIPPARSE_ESC_E_BUFFER;
        out[n++] = (char)c;
    }
    if (n >= cap)
        return SIPPARSE_ESC_E_BUFFER;
    out[n] = '\0';
    return (int)n;
}

static int escape_set(sipparse_slice in, int keep, char *out, size_t cap)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t n = 0;
    for (size_t i = 0; in.ptr && i < in.len; i++) {
        unsigned char c = (unsigned char)in.ptr[i];
        if (sp_cclass(c) & keep) {
            if (n + 1 >= cap)
                return SIPPARSE_ESC_E_BUFFER;
            out[n++] = (char)c;
        } else {
            if (n + 3 >= cap)
                return SIPPARSE_ESC_E_BUFFER;
            out[n++] = '%';
            out[n++] = hex[c >> 4];
            out[n++] = hex[c & 15];
        }
    }
    if (n >= cap)
        return SIPPARSE_ESC_E_BUFFER;
    out[n] = '\0';
    return (int)n;
}

int sipparse_escape_user(sipparse_slice in, char *out, size_t cap)
{
    return escape_set(in, C_UNRES | C_USER, out, cap);
}

int sipparse_escape_param(sipparse_slice in, char *out, size_t cap)
{
    return escape_set(in, C_UNRES | C_PARAM, out, cap);
}

int sipparse_escape_header(sipparse_slice in, char *out, size_t cap)
{
    return escape_set(in, C_UNRES | C_HNV, out, cap);
}

/* ---- comparison (RFC 3261 §19.1.4) ----------------------------------------------- */

/* One character of a component for comparison: "Characters other than those in the
 * 'reserved' set are equivalent to their '%' HEX HEX encoding", so an escaped reserved
 * character stays apart from the literal one (flag 0x100). A malformed escape (the
 * grammar lets none through) is taken as a literal '%'. */
static int unit(const char **pp, const char *end, int ci)
{
    const char *p = *pp;
    int c = (unsigned char)*p, flag = 0;
    if (c == '%') {
        int e = sp_escape_at(p, end);
        if (e >= 0) {
            c = e;
            p += 2;
            if (sp_cclass((unsigned char)c) & C_RESERVED)
                flag = 0x100;
        }
    }
    *pp = p + 1;
    return (ci ? sp_lower((char)c) & 0xff : c) | flag;
}

/* Equal components: both absent, or both present with equal units. */
int sp_comp_eq(sipparse_slice a, sipparse_slice b, int ci)
{
    if (!a.ptr || !b.ptr)
        return a.ptr == b.ptr;
    const char *p = a.ptr, *pe = a.ptr + a.len, *q = b.ptr, *qe = b.ptr + b.len;
    while (p < pe && q < qe)
        if (unit(&p, pe, ci) != unit(&q, qe, ci))
            return 0;
    return p == pe && q == qe;
}

/* An IPv6 reference as 16 bytes; 0 when it is not one inet_pton takes (the RFC 5118
 * §4.10 three-colon form, for one: then the text is compared). */
static int ipv6_bytes(sipparse_slice h, unsigned char out[16])
{
    char buf[64];
    if (h.len < 3 || h.len - 2 >= sizeof buf || h.ptr[0] != '[' || h.ptr[h.len - 1] != ']')
        return 0;
    memcpy(buf, h.ptr + 1, h.len - 2);
    buf[h.len - 2] = '\0';
    return inet_pton(AF_INET6, buf, out) == 1;
}

static int host_eq(const sipparse_uri *a, const sipparse_uri *b)
{
    unsigned char x[16], y[16];
    if (a->host_type == SIPPARSE_HOST_IPV6 && b->host_type == SIPPARSE_HOST_IPV6 &&
        ipv6_bytes(a->host, x) && ipv6_bytes(b->host, y))
        return memcmp(x, y, 16) == 0;
    return sp_comp_eq(a->host, b->host, 1);
}

/* A param found by a name given as a slice (names compared as components). */
static int find_param(sipparse_slice list, sipparse_slice name, size_t nth, sipparse_param *out)
{
    sipparse_param prm;
    while (sipparse_param_next(&list, &prm))
        if (sp_comp_eq(prm.name, name, 1) && nth-- == 0) {
            *out = prm;
            return 1;
        }
    return 0;
}

static size_t count_params(sipparse_slice list)
{
    sipparse_param prm;
    size_t n = 0;
    while (sipparse_param_next(&list, &prm))
        n++;
    return n;
}

/* Values of a param present in both: both valueless, or equal values. */
static int value_eq(sipparse_slice a, sipparse_slice b, int ci)
{
    return sp_comp_eq(a, b, ci);
}

static int params_eq(sipparse_slice a, sipparse_slice b)
{
    static const char *const must[] = { "user", "ttl", "method", "maddr", "transport" };
    sipparse_slice va, vb;
    for (size_t i = 0; i < sizeof must / sizeof must[0]; i++)
        if (sipparse_param_get(a, must[i], &va) != sipparse_param_get(b, must[i], &vb))
            return 0;
    sipparse_param pa, pb;
    sipparse_slice rest = a;
    while (sipparse_param_next(&rest, &pa)) {
        if (!find_param(b, pa.name, 0, &pb))
            continue;
        sipparse_param first = pa;   /* a duplicate in a: its first occurrence counts */
        find_param(a, pa.name, 0, &first);
        if (first.name.ptr == pa.name.ptr && !value_eq(pa.value, pb.value, 1))
            return 0;
    }
    return 1;
}

/* Headers: the same count, and the k-th occurrence of each name in a equals the k-th
 * occurrence of that name in b. */
static int headers_eq(sipparse_slice a, sipparse_slice b)
{
    if (count_params(a) != count_params(b))
        return 0;
    sipparse_param pa, pb, prev;
    sipparse_slice rest = a;
    while (sipparse_param_next(&rest, &pa)) {
        size_t k = 0;
        sipparse_slice before = a;
        while (sipparse_param_next(&before, &prev) && prev.name.ptr != pa.name.ptr)
            if (sp_comp_eq(prev.name, pa.name, 1))
                k++;
        if (!find_param(b, pa.name, k, &pb) || !value_eq(pa.value, pb.value, 0))
            return 0;
    }
    return 1;
}

int sipparse_uri_equal(const sipparse_uri *a, const sipparse_uri *b)
{
    if (!a || !b || a->scheme_id != b->scheme_id)
        return 0;
    if (a->scheme_id != SIPPARSE_SCHEME_SIP && a->scheme_id != SIPPARSE_SCHEME_SIPS)
        return sp_comp_eq(a->scheme, b->scheme, 1) && sipparse_slice_eq(a->opaque, b->opaque);
    return sp_comp_eq(a->user, b->user, 0) && sp_comp_eq(a->password, b->password, 0) &&
           host_eq(a, b) && a->port == b->port && params_eq(a->params, b->params) &&
           headers_eq(a->headers, b->headers);
}

/* ---- edit view --------------------------------------------------------------------- */

/* Bounded output: a write past cap is counted but not stored, so one check at the end
 * (sp_finish) tells whether everything fitted. */
size_t sp_put(char *out, size_t cap, size_t n, const char *s, size_t len)
{
    if (n < cap && len < cap - n)
        memcpy(out + n, s, len);
    return n + len;
}

size_t sp_put_lower(char *out, size_t cap, size_t n, sipparse_slice s)
{
    for (size_t i = 0; s.ptr && i < s.len; i++) {
        char c = (char)sp_lower(s.ptr[i]);
        n = sp_put(out, cap, n, &c, 1);
    }
    return n;
}

/* NUL-terminates; the length, or -1 when it did not fit (or n is the SIZE_MAX mark of
 * a missing part). */
int sp_finish(char *out, size_t cap, size_t n)
{
    if (n >= cap || n > 0x7fffffff)
        return -1;
    out[n] = '\0';
    return (int)n;
}

static size_t put_escape(char *out, size_t cap, size_t n, int c)
{
    static const char hex[] = "0123456789ABCDEF";
    char e[3] = { '%', hex[(c >> 4) & 15], hex[c & 15] };
    return sp_put(out, cap, n, e, 3);
}

/* All bytes in the keep set or valid escapes; empty allowed only when empty_ok. */
static int valid_chars(sipparse_slice s, int keep, const char *extra, int empty_ok)
{
    if (!s.ptr || (s.len == 0 && !empty_ok))
        return 0;
    for (size_t i = 0; i < s.len; i++) {
        unsigned char c = (unsigned char)s.ptr[i];
        if (c == '%') {
            if (sp_escape_at(s.ptr + i, s.ptr + s.len) < 0)
                return 0;
            i += 2;
        } else if (!(sp_cclass(c) & keep) && !(c && extra && strchr(extra, c))) {
            return 0;
        }
    }
    return 1;
}

int sp_list_set(sipparse_edit_list *l, const char *name, sipparse_slice value, int del)
{
    sipparse_slice key = { name, strlen(name) };
    for (unsigned i = 0; i < l->n; i++)
        if (sp_comp_eq(l->kv[i].name, key, 1)) {
            l->kv[i].value = del ? SIPPARSE_SLICE_NONE : value;
            l->kv[i].deleted = del;
            return 0;
        }
    if (l->n >= SIPPARSE_EDIT_MAX)
        return SIPPARSE_EDIT_E_FULL;
    l->kv[l->n++] = (sipparse_edit_kv){ key, del ? SIPPARSE_SLICE_NONE : value, del };
    return 0;
}

static int find_kv(const sipparse_edit_list *l, sipparse_slice name)
{
    for (unsigned i = 0; i < l->n; i++)
        if (sp_comp_eq(l->kv[i].name, name, 1))
            return (int)i;
    return -1;
}

int sp_list_get(const sipparse_edit_list *l, const char *name, sipparse_slice *value)
{
    int k = find_kv(l, (sipparse_slice){ name, strlen(name) });
    if (k >= 0) {
        if (l->kv[k].deleted)
            return 0;
        *value = l->kv[k].value;
        return 1;
    }
    return sipparse_param_get(l->orig, name, value);
}

static size_t put_item(sipparse_slice name, sipparse_slice value, int sep, int lower,
                       char *out, size_t cap, size_t n)
{
    char c = (char)sep;
    n = sp_put(out, cap, n, &c, 1);
    n = lower ? sp_put_lower(out, cap, n, name) : sp_put(out, cap, n, name.ptr, name.len);
    if (value.ptr) {
        n = sp_put(out, cap, n, "=", 1);
        n = sp_put(out, cap, n, value.ptr, value.len);
    }
    return n;
}

/* The list in order: a parsed item overridden prints the override where the first
 * occurrence stood, and later occurrences are dropped; new items follow in insertion
 * order; the item named last (if any) comes at the very end. sep0 opens the list
 * (';' or '?'), sep separates the items after it. */
size_t sp_list_put(const sipparse_edit_list *l, int sep0, int sep, int lower,
                   const char *last, char *out, size_t cap, size_t n)
{
    unsigned printed = 0;
    int first = 1;
    sipparse_slice rest = l->orig;
    sipparse_param prm;
    sipparse_slice last_key = last ? (sipparse_slice){ last, strlen(last) } : SIPPARSE_SLICE_NONE;
    while (sipparse_param_next(&rest, &prm)) {
        int k = find_kv(l, prm.name);
        if (k >= 0) {
            if (l->kv[k].deleted || (printed >> k & 1u))
                continue;
            printed |= 1u << k;
            prm = (sipparse_param){ l->kv[k].name, l->kv[k].value };
        }
        if (last && sp_comp_eq(prm.name, last_key, 1))
            continue;
        n = put_item(prm.name, prm.value, first ? sep0 : sep, lower, out, cap, n);
        first = 0;
    }
    for (unsigned k = 0; k < l->n; k++) {
        if (l->kv[k].deleted || (printed >> k & 1u) ||
            (last && sp_comp_eq(l->kv[k].name, last_key, 1)))
            continue;
        n = put_item(l->kv[k].name, l->kv[k].value, first ? sep0 : sep, lower, out, cap, n);
        first = 0;
    }
    sipparse_slice v;
    if (last && sp_list_get(l, last, &v))
        n = put_item(last_key, v, first ? sep0 : sep, lower, out, cap, n);
    return n;
}

int sipparse_uri_edit_init(sipparse_uri_edit *e, const sipparse_uri *u)
{
    memset(e, 0, sizeof *e);
    e->port = -1;
    e->scheme_id = SIPPARSE_SCHEME_SIP;
    e->scheme = (sipparse_slice){ "sip", 3 };
    if (!u)
        return 0;
    e->scheme_id = u->scheme_id;
    e->scheme = u->scheme;
    e->user = u->user;
    e->password = u->password;
    e->host = u->host;
    e->port = u->port;
    e->opaque = u->opaque;
    e->params.orig = u->params;
    e->headers.orig = u->headers;
    return 0;
}

int sipparse_uri_edit_set_scheme(sipparse_uri_edit *e, sipparse_slice scheme)
{
    if (sipparse_slice_eq_ci(scheme, "sip"))
        e->scheme_id = SIPPARSE_SCHEME_SIP;
    else if (sipparse_slice_eq_ci(scheme, "sips"))
        e->scheme_id = SIPPARSE_SCHEME_SIPS;
    else
        return SIPPARSE_EDIT_E_INVALID;
    e->scheme = scheme;
    return 0;
}

/* Only a sip or sips view has parts to set: any other scheme prints its opaque part
 * as parsed, so a setter that took a value would be silently ignored. */
static int structured(const sipparse_uri_edit *e)
{
    return e->scheme_id == SIPPARSE_SCHEME_SIP || e->scheme_id == SIPPARSE_SCHEME_SIPS;
}

int sipparse_uri_edit_set_user(sipparse_uri_edit *e, sipparse_slice user)
{
    /* user = 1*( unreserved / escaped / user-unreserved ) */
    if (!structured(e) || (user.ptr && !valid_chars(user, C_UNRES | C_USER, NULL, 0)))
        return SIPPARSE_EDIT_E_INVALID;
    e->user = user;
    if (!user.ptr)
        e->password = SIPPARSE_SLICE_NONE;
    return 0;
}

int sipparse_uri_edit_set_password(sipparse_uri_edit *e, sipparse_slice password)
{
    /* password = *( unreserved / escaped / "&" / "=" / "+" / "$" / "," ) */
    if (!structured(e) || (password.ptr && !valid_chars(password, C_UNRES, "&=+$,", 1)))
        return SIPPARSE_EDIT_E_INVALID;
    e->password = password;
    return 0;
}

int sipparse_uri_edit_set_host(sipparse_uri_edit *e, sipparse_slice host)
{
    /* the grammar's own host rule (hostname / IPv4address / IPv6reference), whole */
    sipparse_uri u;
    memset(&u, 0, sizeof u);
    if (!structured(e) || !host.ptr || host.len == 0 ||
        sp_uri_hostport(host.ptr, host.ptr + host.len, 0, &u) != host.ptr + host.len ||
        u.host.len != host.len)
        return SIPPARSE_EDIT_E_INVALID;
    e->host = host;
    return 0;
}

int sipparse_uri_edit_set_port(sipparse_uri_edit *e, int port)
{
    if (!structured(e) || port < -1 || port > 65535)
        return SIPPARSE_EDIT_E_INVALID;
    e->port = port;
    return 0;
}

int sipparse_uri_edit_set_param(sipparse_uri_edit *e, const char *name, sipparse_slice value)
{
    /* pname = 1*paramchar, pvalue = 1*paramchar (RFC 3261 §25.1) */
    if (!structured(e) || !name ||
        !valid_chars((sipparse_slice){ name, strlen(name) }, C_UNRES | C_PARAM, NULL, 0) ||
        (value.ptr && !valid_chars(value, C_UNRES | C_PARAM, NULL, 0)))
        return SIPPARSE_EDIT_E_INVALID;
    return sp_list_set(&e->params, name, value, 0);
}

int sipparse_uri_edit_del_param(sipparse_uri_edit *e, const char *name)
{
    return name ? sp_list_set(&e->params, name, SIPPARSE_SLICE_NONE, 1) : SIPPARSE_EDIT_E_INVALID;
}

int sipparse_uri_edit_get_param(const sipparse_uri_edit *e, const char *name, sipparse_slice *value)
{
    return name && value ? sp_list_get(&e->params, name, value) : 0;
}

void sipparse_uri_edit_clear_params(sipparse_uri_edit *e)
{
    e->params.orig = SIPPARSE_SLICE_NONE;
    e->params.n = 0;
}

int sipparse_uri_edit_set_header(sipparse_uri_edit *e, const char *name, sipparse_slice value)
{
    /* hname = 1*( hnv-unreserved / unreserved / escaped ), hvalue = *( ... ) */
    if (!structured(e) || !name || !value.ptr ||
        !valid_chars((sipparse_slice){ name, strlen(name) }, C_UNRES | C_HNV, NULL, 0) ||
        !valid_chars(value, C_UNRES | C_HNV, NULL, 1))
        return SIPPARSE_EDIT_E_INVALID;
    return sp_list_set(&e->headers, name, value, 0);
}

int sipparse_uri_edit_del_header(sipparse_uri_edit *e, const char *name)
{
    return name ? sp_list_set(&e->headers, name, SIPPARSE_SLICE_NONE, 1) : SIPPARSE_EDIT_E_INVALID;
}

int sipparse_uri_edit_get_header(const sipparse_uri_edit *e, const char *name, sipparse_slice *value)
{
    return name && value ? sp_list_get(&e->headers, name, value) : 0;
}

void sipparse_uri_edit_clear_headers(sipparse_uri_edit *e)
{
    e->headers.orig = SIPPARSE_SLICE_NONE;
    e->headers.n = 0;
}

/* The user normalised without changing its §19.1.4 identity: escapes of characters a
 * user may hold literally are decoded, escapes of reserved characters are kept (upper-
 * case hex), and any other byte is escaped. */
static size_t put_user(sipparse_slice u, char *out, size_t cap, size_t n)
{
    const char *p = u.ptr, *end = u.ptr + u.len;
    for (; p < end; p++) {
        int c = (unsigned char)*p, escaped = 0;
        if (c == '%' && sp_escape_at(p, end) >= 0) {
            c = sp_escape_at(p, end);
            escaped = 1;
            p += 2;
        }
        int cls = sp_cclass((unsigned char)c);
        if ((escaped && (cls & C_RESERVED)) || !(cls & (C_UNRES | C_USER))) {
            n = put_escape(out, cap, n, c);
        } else {
            char ch = (char)c;
            n = sp_put(out, cap, n, &ch, 1);
        }
    }
    return n;
}

size_t sp_uri_edit_put(const sipparse_uri_edit *e, char *out, size_t cap, size_t n)
{
    n = sp_put_lower(out, cap, n, e->scheme);
    n = sp_put(out, cap, n, ":", 1);
    if (e->scheme_id != SIPPARSE_SCHEME_SIP && e->scheme_id != SIPPARSE_SCHEME_SIPS)
        return e->opaque.ptr ? sp_put(out, cap, n, e->opaque.ptr, e->opaque.len) : n;
    if (!e->host.ptr || e->host.len == 0)
        return (size_t)-1;
    if (e->user.ptr) {
        n = put_user(e->user, out, cap, n);
        if (e->password.ptr) {
            n = sp_put(out, cap, n, ":", 1);
            n = sp_put(out, cap, n, e->password.ptr, e->password.len);
        }
        n = sp_put(out, cap, n, "@", 1);
    }
    n = sp_put_lower(out, cap, n, e->host);
    if (e->port >= 0) {
        char digits[8];
        size_t k = sizeof digits;
        unsigned v = (unsigned)e->port;
        do
            digits[--k] = (char)('0' + v % 10);
        while ((v /= 10) != 0);
        digits[--k] = ':';
        n = sp_put(out, cap, n, digits + k, sizeof digits - k);
    }
    n = sp_list_put(&e->params, ';', ';', 1, NULL, out, cap, n);
    return sp_list_put(&e->headers, '?', '&', 0, NULL, out, cap, n);
}

int sipparse_uri_edit_print(const sipparse_uri_edit *e, char *out, size_t cap)
{
    if (!e || !out)
        return -1;
    return sp_finish(out, cap, sp_uri_edit_put(e, out, cap, 0));
}
