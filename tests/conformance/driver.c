/* driver.c: the libsipparse side of the JsSIP differential test.
 *
 * Reads the cases oracle.js reads (JSON lines: {"id", "rule", "input"} or {"id", "rule",
 * "file"}, a path relative to the repository root given as argv[1]) and writes one JSON
 * line per case in the same normalised shape: {"id", "ok", "fields"}, {"id", "ok": false,
 * "error"}, or {"id", "unsupported": true} for a JsSIP rule libsipparse has no parser
 * for yet. The normalisation (what is lower-cased, how absent values look) is described
 * in README.md; it is applied here to slices, never by re-parsing text the library
 * already parsed. A `message` case also carries "sanity": the first finding of
 * sipparse_sanity_check that is one of JsSIP's sanityCheck rules, in JsSIP's order, as
 * {"ok", "rule", "reply"}, or null with a reason in "sanity_nc" when there is nothing
 * to compare (README.md, "Sanity comparison").
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "sipparse/sipparse.h"

static const char *root = ".";

/* ---- strings ------------------------------------------------------------------------ */

/* A growable byte buffer for building normalised strings. */
typedef struct buf {
    char *p;
    size_t len, cap;
} buf;

static void buf_put(buf *b, const char *p, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 64;
        while (cap < b->len + n + 1)
            cap *= 2;
        b->p = realloc(b->p, cap);
        if (!b->p) {
            perror("realloc");
            exit(2);
        }
        b->cap = cap;
    }
    memcpy(b->p + b->len, p, n);
    b->len += n;
    b->p[b->len] = 0;
}

/* Length of the valid UTF-8 sequence at p (at most n bytes), or 0 when invalid. */
static size_t utf8_seq(const unsigned char *p, size_t n)
{
    size_t need;
    unsigned cp;
    if (p[0] < 0x80)
        return 1;
    if (p[0] >= 0xc2 && p[0] <= 0xdf) {
        need = 2;
        cp = p[0] & 0x1f;
    } else if (p[0] >= 0xe0 && p[0] <= 0xef) {
        need = 3;
        cp = p[0] & 0x0f;
    } else if (p[0] >= 0xf0 && p[0] <= 0xf4) {
        need = 4;
        cp = p[0] & 0x07;
    } else {
        return 0;
    }
    if (n < need)
        return 0;
    for (size_t i = 1; i < need; i++) {
        if ((p[i] & 0xc0) != 0x80)
            return 0;
        cp = (cp << 6) | (p[i] & 0x3f);
    }
    if ((need == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
        (need == 4 && (cp < 0x10000 || cp > 0x10ffff)))
        return 0;
    return need;
}

/* A JSON string from bytes; invalid UTF-8 bytes become U+FFFD, as Node's UTF-8 decoder
 * (and so JsSIP's transport) turns them. lower: ASCII lower-case. */
static json_t *jbytes(const char *p, size_t n, int lower)
{
    buf b = { 0 };
    buf_put(&b, "", 0);
    for (size_t i = 0; i < n;) {
        size_t k = utf8_seq((const unsigned char *)p + i, n - i);
        if (!k) {
            buf_put(&b, "\xef\xbf\xbd", 3);
            i++;
            continue;
        }
        if (lower && k == 1) {
            char c = (char)tolower((unsigned char)p[i]);
            buf_put(&b, &c, 1);
        } else {
            buf_put(&b, p + i, k);
        }
        i += k;
    }
    json_t *j = json_stringn(b.p, b.len);
    free(b.p);
    return j;
}

static json_t *jslice(sipparse_slice s)
{
    return s.ptr ? jbytes(s.ptr, s.len, 0) : json_null();
}

static json_t *jslice_lc(sipparse_slice s)
{
    return s.ptr ? jbytes(s.ptr, s.len, 1) : json_null();
}

static int hexval(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c = tolower(c);
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

/* %XX-decoded bytes of s appended to b (JsSIP runs decodeURIComponent on the user). */
static void put_unescaped(buf *b, sipparse_slice s)
{
    for (size_t i = 0; i < s.len; i++) {
        if (s.ptr[i] == '%' && i + 2 < s.len && hexval((unsigned char)s.ptr[i + 1]) >= 0 &&
            hexval((unsigned char)s.ptr[i + 2]) >= 0) {
            char c = (char)(hexval((unsigned char)s.ptr[i + 1]) * 16 +
                            hexval((unsigned char)s.ptr[i + 2]));
            buf_put(b, &c, 1);
            i += 2;
        } else {
            buf_put(b, s.ptr + i, 1);
        }
    }
}

/* ---- normalisers -------------------------------------------------------------------- */

static const char *host_type_name(sipparse_host_type t)
{
    switch (t) {
    case SIPPARSE_HOST_DOMAIN: return "domain";
    case SIPPARSE_HOST_IPV4:   return "IPv4";
    case SIPPARSE_HOST_IPV6:   return "IPv6";
    default:                   return NULL;
    }
}

static json_t *jhost_type(sipparse_host_type t)
{
    const char *s = host_type_name(t);
    return s ? json_string(s) : json_null();
}

/* Param map: names lower-cased, values as written (null when valueless); the last of a
 * repeated name wins. lc_values: the names whose values are lower-cased too. */
static json_t *jparams(sipparse_slice list, const char *const *lc_values, const char *const *skip)
{
    json_t *o = json_object();
    sipparse_slice rest = list;
    sipparse_param p;
    while (sipparse_param_next(&rest, &p)) {
        int lc = 0, skipped = 0;
        for (const char *const *n = lc_values; n && *n; n++)
            lc |= sipparse_slice_eq_ci(p.name, *n);
        for (const char *const *n = skip; n && *n; n++)
            skipped |= sipparse_slice_eq_ci(p.name, *n);
        if (skipped)
            continue;
        json_t *k = jbytes(p.name.ptr, p.name.len, 1);
        json_object_set_new(o, json_string_value(k), lc ? jslice_lc(p.value) : jslice(p.value));
        json_decref(k);
    }
    return o;
}

/* URI headers: names lower-cased, each an array of values as written, in order. */
static json_t *juri_headers(sipparse_slice list)
{
    json_t *o = json_object();
    sipparse_slice rest = list;
    sipparse_param p;
    while (sipparse_param_next(&rest, &p)) {
        json_t *k = jbytes(p.name.ptr, p.name.len, 1);
        json_t *a = json_object_get(o, json_string_value(k));
        if (!a) {
            a = json_array();
            json_object_set_new(o, json_string_value(k), a);
        }
        json_array_append_new(a, p.value.ptr ? jslice(p.value) : json_string(""));
        json_decref(k);
    }
    return o;
}

static const char *const uri_lc_values[] = { "transport", "user", "maddr", NULL };

static json_t *juri(const sipparse_uri *u)
{
    json_t *o = json_object();
    json_object_set_new(o, "scheme", jslice_lc(u->scheme));
    if (u->user.ptr) {
        /* JsSIP keeps "user:password" together in user, %-decoded. */
        buf b = { 0 };
        buf_put(&b, "", 0);
        put_unescaped(&b, u->user);
        if (u->password.ptr) {
            buf_put(&b, ":", 1);
            put_unescaped(&b, u->password);
        }
        json_object_set_new(o, "user", jbytes(b.p, b.len, 0));
        free(b.p);
    } else {
        json_object_set_new(o, "user", json_null());
    }
    json_object_set_new(o, "host", jslice_lc(u->host));
    json_object_set_new(o, "port", u->port >= 0 ? json_integer(u->port) : json_null());
    json_object_set_new(o, "params", jparams(u->params, uri_lc_values, NULL));
    json_object_set_new(o, "headers", juri_headers(u->headers));
    return o;
}

static int is_sip(const sipparse_uri *u)
{
    return u->scheme_id == SIPPARSE_SCHEME_SIP || u->scheme_id == SIPPARSE_SCHEME_SIPS;
}

static json_t *jnameaddr(const sipparse_nameaddr *na)
{
    json_t *o = json_object();
    if (na->display.ptr) {
        size_t cap = na->display.len + 1;
        char *d = malloc(cap);
        int n = sipparse_display_unquote(na->display, d, cap);
        json_object_set_new(o, "display_name", n >= 0 ? jbytes(d, (size_t)n, 0) : json_null());
        free(d);
    } else {
        json_object_set_new(o, "display_name", json_null());
    }
    json_object_set_new(o, "uri", juri(&na->uri));
    json_object_set_new(o, "params", jparams(na->params, NULL, NULL));
    return o;
}

static const char *const via_known[] = { "branch", "received", "maddr", "ttl", "rport", NULL };

static json_t *jnum_slice(sipparse_slice s)
{
    unsigned long long v;
    if (!s.ptr)
        return json_null();
    if (sipparse_slice_to_u64(s, 0xffffffffull, &v) != 0)
        return jslice(s);
    return json_integer((json_int_t)v);
}

static json_t *jvia(const sipparse_via *v)
{
    json_t *o = json_object();
    json_object_set_new(o, "protocol", jslice(v->protocol));
    json_object_set_new(o, "transport", jslice(v->transport));
    json_object_set_new(o, "host", jslice(v->host));
    json_object_set_new(o, "host_type", jhost_type(v->host_type));
    json_object_set_new(o, "port", v->port >= 0 ? json_integer(v->port) : json_null());
    json_object_set_new(o, "branch", jslice(v->branch));
    json_object_set_new(o, "received", jslice(v->received));
    /* A bare rport is reported as such; JsSIP has no way to (DIVERGENCES.md). */
    json_object_set_new(o, "rport", v->rport.ptr && v->rport.len == 0 ? json_string("bare")
                                                                       : jnum_slice(v->rport));
    json_object_set_new(o, "ttl", jnum_slice(v->ttl));
    json_object_set_new(o, "maddr", jslice_lc(v->maddr));
    json_object_set_new(o, "params", jparams(v->params, NULL, via_known));
    return o;
}

/* ---- rules -------------------------------------------------------------------------- */

typedef struct result {
    int ok;          /* 1 ok, 0 failed, -1 unsupported */
    json_t *fields;  /* ok only */
    const char *error;
} result;

static result failed(sipparse_err e)
{
    result r = { 0, NULL, sipparse_errname(e) };
    return r;
}

static result failed_why(const char *why)
{
    result r = { 0, NULL, why };
    return r;
}

static result okr(json_t *fields)
{
    result r = { 1, fields, NULL };
    return r;
}

static result rule_uri(const char *p, size_t n, sipparse_uri_ctx ctx, int sip_only)
{
    sipparse_uri u;
    sipparse_error e;
    sipparse_err r = sipparse_uri_parse(p, n, ctx, &u, &e);
    if (r != SIPPARSE_OK)
        return failed(r);
    if (sip_only && !is_sip(&u))
        return failed_why("not a SIP or SIPS URI");
    return okr(juri(&u));
}

static result rule_request_uri(const char *p, size_t n)
{
    sipparse_uri u;
    sipparse_error e;
    sipparse_err r = sipparse_uri_parse(p, n, SIPPARSE_URI_REQUEST, &u, &e);
    if (r != SIPPARSE_OK)
        return failed(r);
    json_t *o = json_object();
    json_object_set_new(o, "scheme", is_sip(&u) ? jslice_lc(u.scheme) : jslice(u.scheme));
    json_object_set_new(o, "uri", is_sip(&u) ? juri(&u) : json_null());
    return okr(o);
}

static result rule_absolute_uri(const char *p, size_t n)
{
    sipparse_uri u;
    sipparse_error e;
    sipparse_err r = sipparse_uri_parse(p, n, SIPPARSE_URI_FULL, &u, &e);
    if (r != SIPPARSE_OK)
        return failed(r);
    json_t *o = json_object();
    json_object_set_new(o, "scheme", jslice(u.scheme));
    return okr(o);
}

/* JsSIP's `host` rule: the library parses hosts inside URIs only, so the input is
 * wrapped as "sip:<input>" and must come back as exactly the host, nothing else. */
static result rule_host(const char *p, size_t n)
{
    char *w = malloc(n + 4);
    memcpy(w, "sip:", 4);
    memcpy(w + 4, p, n);
    sipparse_uri u;
    sipparse_error e;
    sipparse_err r = sipparse_uri_parse(w, n + 4, SIPPARSE_URI_FULL, &u, &e);
    result res;
    if (r != SIPPARSE_OK) {
        res = failed(r);
    } else if (u.user.ptr || u.port_str.ptr || u.params.ptr || u.headers.ptr ||
               u.host.len != n) {
        res = failed_why("more than a host");
    } else {
        json_t *o = json_object();
        json_object_set_new(o, "host", jslice_lc(u.host));
        json_object_set_new(o, "host_type", jhost_type(u.host_type));
        res = okr(o);
    }
    free(w);
    return res;
}

static result rule_nameaddr(const char *p, size_t n, int need_brackets)
{
    sipparse_nameaddr na;
    sipparse_error e;
    sipparse_err r = sipparse_nameaddr_parse(p, n, &na, &e);
    if (r != SIPPARSE_OK)
        return failed(r);
    if (need_brackets && !na.bracketed)
        return failed_why("addr-spec where name-addr is required");
    return okr(jnameaddr(&na));
}

typedef sipparse_err (*na_next)(sipparse_slice, size_t *, sipparse_nameaddr *, sipparse_error *);

static result rule_nameaddr_list(const char *p, size_t n, na_next next, int last_only)
{
    sipparse_slice v = { p, n };
    size_t pos = 0;
    sipparse_nameaddr na;
    sipparse_error e;
    sipparse_err r;
    json_t *values = json_array();
    json_t *last = NULL;
    while ((r = next(v, &pos, &na, &e)) == SIPPARSE_OK) {
        json_t *one = na.star ? json_string("*") : jnameaddr(&na);
        json_array_append_new(values, one);
        last = one;
    }
    if (r != SIPPARSE_END) {
        json_decref(values);
        return failed(r);
    }
    json_t *o = json_object();
    if (last_only)
        json_object_set(o, "last", last ? last : json_null());
    else
        json_object_set(o, "values", values);
    json_decref(values);
    return okr(o);
}

static result rule_via(const char *p, size_t n)
{
    sipparse_slice v = { p, n };
    size_t pos = 0;
    sipparse_via via;
    sipparse_error e;
    sipparse_err r;
    json_t *last = json_null();
    while ((r = sipparse_via_next(v, &pos, &via, &e)) == SIPPARSE_OK) {
        json_decref(last);
        last = jvia(&via);
    }
    if (r != SIPPARSE_END) {
        json_decref(last);
        return failed(r);
    }
    json_t *o = json_object();
    json_object_set_new(o, "last", last);
    return okr(o);
}

static result rule_cseq(const char *p, size_t n)
{
    sipparse_cseq c;
    sipparse_error e;
    sipparse_err r = sipparse_cseq_parse((sipparse_slice){ p, n }, &c, &e);
    if (r != SIPPARSE_OK)
        return failed(r);
    json_t *o = json_object();
    json_object_set_new(o, "value", json_integer(c.seq));
    json_object_set_new(o, "method", jslice(c.method));
    return okr(o);
}

static result rule_callid(const char *p, size_t n)
{
    sipparse_error e;
    sipparse_err r = sipparse_callid_parse((sipparse_slice){ p, n }, &e);
    if (r != SIPPARSE_OK)
        return failed(r);
    json_t *o = json_object();
    json_object_set_new(o, "value", jbytes(p, n, 0));
    return okr(o);
}

static result rule_uint(const char *p, size_t n, uint32_t max)
{
    uint32_t v;
    sipparse_error e;
    sipparse_err r = sipparse_uint_parse((sipparse_slice){ p, n }, max, &v, &e);
    if (r != SIPPARSE_OK)
        return failed(r);
    json_t *o = json_object();
    json_object_set_new(o, "value", json_integer(v));
    return okr(o);
}

static result rule_ctype(const char *p, size_t n)
{
    sipparse_ctype c;
    sipparse_error e;
    sipparse_err r = sipparse_ctype_parse((sipparse_slice){ p, n }, &c, &e);
    if (r != SIPPARSE_OK)
        return failed(r);
    /* JsSIP yields the whole value; here: the span the parsed parts cover. */
    const char *end = c.params.ptr ? c.params.ptr + c.params.len : c.subtype.ptr + c.subtype.len;
    json_t *o = json_object();
    json_object_set_new(o, "value", jbytes(c.type.ptr, (size_t)(end - c.type.ptr), 0));
    return okr(o);
}

/* ---- events, dialogs, timers (events.h) ---------------------------------------------- */

/* A quoted-string (quotes kept in s) unquoted and unescaped, as a JSON string. */
static json_t *junquoted(sipparse_slice s)
{
    if (!s.ptr)
        return json_null();
    char *d = malloc(s.len + 1);
    int k = sipparse_display_unquote(s, d, s.len + 1);
    json_t *j = k >= 0 ? jbytes(d, (size_t)k, 0) : json_null();
    free(d);
    return j;
}

static json_t *jopt_int(int64_t v)
{
    return v >= 0 ? json_integer((json_int_t)v) : json_null();
}

static result rule_event(const char *p, size_t n)
{
    sipparse_event ev;
    sipparse_error e;
    sipparse_err r = sipparse_event_parse((sipparse_slice){ p, n }, &ev, &e);
    if (r != SIPPARSE_OK)
        return failed(r);
    json_t *o = json_object();
    json_object_set_new(o, "event", jslice_lc(ev.type));
    json_object_set_new(o, "params", jparams(ev.params, NULL, NULL));
    return okr(o);
}

static const char *const substate_known[] = { "reason", "expires", "retry-after", NULL };

static result rule_substate(const char *p, size_t n)
{
    sipparse_substate_hdr ss;
    sipparse_error e;
    sipparse_err r = sipparse_substate_parse((sipparse_slice){ p, n }, &ss, &e);
    if (r != SIPPARSE_OK)
        return failed(r);
    json_t *o = json_object();
    json_object_set_new(o, "state", jslice(ss.state));
    json_object_set_new(o, "reason", jslice(ss.reason));
    json_object_set_new(o, "expires", jopt_int(ss.expires));
    json_object_set_new(o, "retry_after", jopt_int(ss.retry_after));
    json_object_set_new(o, "params", jparams(ss.params, NULL, substate_known));
    return okr(o);
}

static const char *const reason_known[] = { "cause", "text", NULL };

static result rule_reason(const char *p, size_t n)
{
    sipparse_slice v = { p, n };
    size_t pos = 0;
    sipparse_reason rs;
    sipparse_error e;
    sipparse_err r;
    json_t *values = json_array();
    while ((r = sipparse_reason_next(v, &pos, &rs, &e)) == SIPPARSE_OK) {
        json_t *o = json_object();
        json_object_set_new(o, "protocol", jslice_lc(rs.protocol));
        json_object_set_new(o, "cause", jopt_int(rs.cause));
        json_object_set_new(o, "text", junquoted(rs.text));
        json_object_set_new(o, "params", jparams(rs.params, NULL, reason_known));
        json_array_append_new(values, o);
    }
    if (r != SIPPARSE_END || json_array_size(values) == 0) {
        json_decref(values);
        return failed(r == SIPPARSE_END ? SIPPARSE_E_HEADER_VALUE : r);
    }
    json_t *o = json_object();
    json_object_set_new(o, "values", values);
    return okr(o);
}

static const char *const se_known[] = { "refresher", NULL };

static result rule_session_expires(const char *p, size_t n)
{
    sipparse_session_expires se;
    sipparse_error e;
    sipparse_err r = sipparse_session_expires_parse((sipparse_slice){ p, n }, &se, &e);
    if (r != SIPPARSE_OK)
        return failed(r);
    json_t *o = json_object();
    json_object_set_new(o, "expires", json_integer(se.delta));
    json_object_set_new(o, "refresher", jslice_lc(se.refresher));
    json_object_set_new(o, "params", jparams(se.params, NULL, se_known));
    return okr(o);
}

static const char *const replaces_known[] = { "to-tag", "from-tag", "early-only", NULL };

static result rule_replaces(const char *p, size_t n)
{
    sipparse_replaces rp;
    sipparse_error e;
    sipparse_err r = sipparse_replaces_parse((sipparse_slice){ p, n }, &rp, &e);
    if (r != SIPPARSE_OK)
        return failed(r);
    json_t *o = json_object();
    json_object_set_new(o, "call_id", jslice(rp.call_id));
    json_object_set_new(o, "to_tag", jslice(rp.to_tag));
    json_object_set_new(o, "from_tag", jslice(rp.from_tag));
    json_object_set_new(o, "early_only", json_boolean(rp.early_only));
    json_object_set_new(o, "params", jparams(rp.params, NULL, replaces_known));
    return okr(o);
}

static result rule_refer_to(const char *p, size_t n)
{
    sipparse_nameaddr na;
    sipparse_error e;
    sipparse_err r = sipparse_refer_to_parse((sipparse_slice){ p, n }, &na, &e);
    if (r != SIPPARSE_OK)
        return failed(r);
    return okr(jnameaddr(&na));
}

/* ---- lists (lists.h) ------------------------------------------------------------------ */

typedef sipparse_err (*item_next)(sipparse_slice, size_t *, sipparse_item *, sipparse_error *);

/* Option tags, codings: JsSIP keeps nothing but the verdict, so the fields are empty. */
static result rule_items(const char *p, size_t n, item_next next)
{
    sipparse_slice v = { p, n };
    size_t pos = 0;
    sipparse_item it;
    sipparse_error e;
    sipparse_err r;
    while ((r = next(v, &pos, &it, &e)) == SIPPARSE_OK)
        ;
    if (r != SIPPARSE_END)
        return failed(r);
    return okr(json_object());
}

static result rule_allow_events(const char *p, size_t n)
{
    sipparse_slice v = { p, n };
    size_t pos = 0;
    sipparse_event ev;
    sipparse_error e;
    sipparse_err r;
    while ((r = sipparse_allow_events_next(v, &pos, &ev, &e)) == SIPPARSE_OK)
        ;
    if (r != SIPPARSE_END)
        return failed(r);
    return okr(json_object());
}

static const char *const disp_known[] = { "handling", NULL };

static result rule_disposition(const char *p, size_t n)
{
    sipparse_disposition d;
    sipparse_error e;
    sipparse_err r = sipparse_disposition_parse((sipparse_slice){ p, n }, &d, &e);
    if (r != SIPPARSE_OK)
        return failed(r);
    json_t *o = json_object();
    json_object_set_new(o, "params", jparams(d.params, NULL, disp_known));
    return okr(o);
}

static result rule_subject(const char *p, size_t n)
{
    sipparse_error e;
    sipparse_err r = sipparse_text_trim_parse((sipparse_slice){ p, n }, &e);
    return r == SIPPARSE_OK ? okr(json_object()) : failed(r);
}

/* ---- authentication (auth.h) ------------------------------------------------------------ */

static json_t *jauth_unquoted(sipparse_slice s)
{
    if (!s.ptr)
        return json_null();
    char *d = malloc(s.len + 1);
    int k = sipparse_auth_unquote(s, d, s.len + 1);
    json_t *j = k >= 0 ? jbytes(d, (size_t)k, 0) : json_null();
    free(d);
    return j;
}

/* JsSIP's data model of a challenge: the Digest directives only (the scheme is not
 * kept, and no directive of another scheme is read). */
static result rule_challenge(const char *p, size_t n)
{
    sipparse_challenge c;
    sipparse_error e;
    sipparse_err r = sipparse_challenge_parse((sipparse_slice){ p, n }, &c, &e);
    if (r != SIPPARSE_OK)
        return failed(r);
    int digest = c.scheme_id == SIPPARSE_AUTH_DIGEST;
    sipparse_slice none = { NULL, 0 };
    json_t *o = json_object();
    json_object_set_new(o, "realm", jauth_unquoted(digest ? c.realm : none));
    json_object_set_new(o, "nonce", jauth_unquoted(digest ? c.nonce : none));
    json_object_set_new(o, "opaque", jauth_unquoted(digest ? c.opaque : none));
    json_object_set_new(o, "stale", !digest || c.stale == SIPPARSE_AUTH_FLAG_ABSENT
                                        ? json_null()
                                        : json_boolean(c.stale == SIPPARSE_AUTH_FLAG_TRUE));
    json_t *alg = json_null();
    if (digest && c.algorithm.ptr) {
        char *u = malloc(c.algorithm.len + 1);
        for (size_t i = 0; i < c.algorithm.len; i++)
            u[i] = (char)toupper((unsigned char)c.algorithm.ptr[i]);
        alg = jbytes(u, c.algorithm.len, 0);
        free(u);
    }
    json_object_set_new(o, "algorithm", alg);
    json_t *qop = json_null();
    if (digest && c.qop.ptr) {
        size_t pos = 0;
        sipparse_slice item;
        qop = json_array();
        while (sipparse_list_next(c.qop, &pos, &item))
            json_array_append_new(qop, jslice_lc(item));
    }
    json_object_set_new(o, "qop", qop);
    return okr(o);
}

/* JsSIP's quoted_string (SWS DQUOTE ... DQUOTE) as a start rule. The library reads
 * quoted strings inside header values only, so the input is read as the value of an
 * auth-param ("X a=<input>", where EQUAL takes the leading SWS), which must be a
 * quoted-string that runs to the end of the input. */
static result rule_quoted_string(const char *p, size_t n)
{
    static const char pre[] = "X a=";
    char *w = malloc(n + sizeof pre);
    memcpy(w, pre, sizeof pre - 1);
    memcpy(w + sizeof pre - 1, p, n);
    sipparse_challenge c;
    sipparse_error e;
    sipparse_slice v;
    sipparse_err r = sipparse_challenge_parse((sipparse_slice){ w, n + sizeof pre - 1 }, &c, &e);
    result res;
    if (r != SIPPARSE_OK)
        res = failed(r);
    else if (!sipparse_auth_param_get(c.params, "a", &v) || v.len < 2 || v.ptr[0] != '"' ||
             v.ptr + v.len != w + n + sizeof pre - 1)
        res = failed_why("not one quoted-string");
    else
        res = okr(json_object());
    free(w);
    return res;
}

/* ---- UUIDs (+sip.instance) --------------------------------------------------------------- */

/* uuid: the UUID text. uuid_URI: JsSIP's "uuid:" prefix has no RFC; the library's
 * counterpart is RFC 4122's URN form "urn:uuid:" (DIVERGENCES.md, D-uuid-urn). */
static result rule_uuid(const char *p, size_t n, int urn)
{
    sipparse_slice v = { p, n }, u = v;
    sipparse_error e;
    sipparse_err r = urn ? sipparse_uuid_urn_parse(v, &u, &e) : sipparse_uuid_parse(v, &e);
    if (r != SIPPARSE_OK)
        return failed(r);
    json_t *o = json_object();
    json_object_set_new(o, "uuid", jslice(u));
    return okr(o);
}

/* ---- messages and start lines ------------------------------------------------------- */

#define MAX_HDRS 256

static json_t *jstart_line(const sipparse_msg *m)
{
    json_t *o = json_object();
    if (m->is_request) {
        json_object_set_new(o, "type", json_string("request"));
        json_object_set_new(o, "method", jslice(m->method_name));
        json_object_set_new(o, "sip_version", jslice(m->version));
        json_object_set_new(o, "ruri", is_sip(&m->uri) ? juri(&m->uri) : json_null());
        json_object_set_new(o, "ruri_scheme",
                            is_sip(&m->uri) ? jslice_lc(m->uri.scheme) : jslice(m->uri.scheme));
    } else {
        json_object_set_new(o, "type", json_string("response"));
        json_object_set_new(o, "sip_version", jslice(m->version));
        json_object_set_new(o, "status_code", json_integer(m->status));
        json_object_set_new(o, "reason_phrase", jslice(m->reason));
    }
    return o;
}

/* A start line on its own: the library parses start lines as part of a message, so the
 * line gets the empty line after it. A CR or LF inside would start a header section. */
static result start_line(const char *p, size_t n, int want /* 0 any, 1 request, 2 response */,
                         const char *pre, const char *post, const char *key)
{
    static sipparse_hdr hdrs[MAX_HDRS];
    sipparse_msg m;
    if (memchr(p, '\r', n) || memchr(p, '\n', n))
        return failed_why("line end inside a start line");
    buf b = { 0 };
    buf_put(&b, pre, strlen(pre));
    buf_put(&b, p, n);
    buf_put(&b, post, strlen(post));
    buf_put(&b, "\r\n\r\n", 4);
    sipparse_msg_init(&m, hdrs, MAX_HDRS, 0);
    sipparse_err r = sipparse_msg_parse(&m, b.p, b.len);
    result res;
    if (r != SIPPARSE_OK)
        res = failed(r);
    else if ((want == 1 && !m.is_request) || (want == 2 && m.is_request))
        res = failed_why(want == 1 ? "not a Request-Line" : "not a Status-Line");
    else
        res = okr(jstart_line(&m));
    if (res.ok == 1 && key) {
        /* Method / Status_Code / Reason_Phrase: only that part of the line. */
        json_t *o = json_object();
        json_object_set(o, key, json_object_get(res.fields, key));
        json_decref(res.fields);
        res.fields = o;
    }
    free(b.p);
    return res;
}

/* The checks JsSIP's Parser.parseMessage makes, with libsipparse's parsers: the message
 * frame, then sipparse_msg_check's critical findings (every typed header; duplicates of
 * single-valued headers; CSeq method). Missing mandatory headers are left out: JsSIP
 * checks those later, in sanityCheck. JsSIP also rejects a bad Contact, Record-Route,
 * Content-Type, Max-Forwards, WWW-/Proxy-Authenticate, Session-Expires, Refer-To,
 * Replaces or Event (reference §3.3), which are not critical for the library: those
 * findings count too. */
static int jssip_eager(sipparse_hdr_id id)
{
    switch (id) {
    case SIPPARSE_HDR_CONTACT: case SIPPARSE_HDR_RECORD_ROUTE: case SIPPARSE_HDR_CONTENT_TYPE:
    case SIPPARSE_HDR_MAX_FORWARDS: case SIPPARSE_HDR_WWW_AUTHENTICATE:
    case SIPPARSE_HDR_PROXY_AUTHENTICATE: case SIPPARSE_HDR_SESSION_EXPIRES:
    case SIPPARSE_HDR_REFER_TO: case SIPPARSE_HDR_REPLACES: case SIPPARSE_HDR_EVENT:
        return 1;
    default:
        return 0;
    }
}

static result rule_message(const char *p, size_t n)
{
    static sipparse_hdr hdrs[MAX_HDRS];
    static sipparse_error errs[64];
    sipparse_msg m;
    size_t nerr = 0;
    sipparse_msg_init(&m, hdrs, MAX_HDRS, 0);
    sipparse_err r = sipparse_msg_parse(&m, p, n);
    if (r != SIPPARSE_OK)
        return failed(r);
    sipparse_msg_check(&m, errs, sizeof errs / sizeof errs[0], &nerr);
    for (size_t i = 0; i < nerr && i < sizeof errs / sizeof errs[0]; i++) {
        if (errs[i].code == SIPPARSE_E_MISSING_HEADER)
            continue;
        if (errs[i].critical || jssip_eager(errs[i].hdr))
            return failed(errs[i].code);
    }

    json_t *o = jstart_line(&m);
    if (m.is_request) {
        json_object_del(o, "sip_version");
        json_object_del(o, "ruri_scheme");
    } else {
        json_object_del(o, "sip_version");
    }
    const sipparse_hdr *h;
    sipparse_error e;
    h = sipparse_msg_hdr(&m, SIPPARSE_HDR_CALL_ID);
    json_object_set_new(o, "call_id", h ? jslice(h->value) : json_null());
    sipparse_cseq cseq;
    h = sipparse_msg_hdr(&m, SIPPARSE_HDR_CSEQ);
    json_object_set_new(o, "cseq", h && sipparse_cseq_parse(h->value, &cseq, &e) == SIPPARSE_OK
                                       ? json_integer(cseq.seq) : json_null());
    static const struct { sipparse_hdr_id id; const char *key; } na_hdrs[] = {
        { SIPPARSE_HDR_FROM, "from" }, { SIPPARSE_HDR_TO, "to" },
    };
    for (size_t k = 0; k < 2; k++) {
        sipparse_nameaddr na;
        h = sipparse_msg_hdr(&m, na_hdrs[k].id);
        json_object_set_new(o, na_hdrs[k].key,
                            h && sipparse_nameaddr_parse(h->value.ptr, h->value.len, &na, &e) ==
                                         SIPPARSE_OK
                                ? jnameaddr(&na) : json_null());
    }
    /* The first Via line; its last value (JsSIP merges a comma-joined line). */
    h = sipparse_msg_hdr(&m, SIPPARSE_HDR_VIA);
    json_t *via = json_null();
    if (h) {
        size_t pos = 0;
        sipparse_via v;
        while (sipparse_via_next(h->value, &pos, &v, &e) == SIPPARSE_OK) {
            json_decref(via);
            via = jvia(&v);
        }
    }
    json_object_set_new(o, "via", via);
    json_t *contacts = json_array();
    for (h = sipparse_msg_hdr(&m, SIPPARSE_HDR_CONTACT); h; h = sipparse_msg_hdr_next(&m, h)) {
        size_t pos = 0;
        sipparse_nameaddr na;
        while (sipparse_contact_next(h->value, &pos, &na, &e) == SIPPARSE_OK)
            json_array_append_new(contacts, na.star ? json_string("*") : jnameaddr(&na));
    }
    json_object_set_new(o, "contact", contacts);
    json_object_set_new(o, "body_bytes", json_integer((json_int_t)m.body.len));
    return okr(o);
}

/* ---- JsSIP's sanityCheck ------------------------------------------------------------ */

/* JsSIP's seven rules in the order its sanityCheck runs them: minimumHeaders for every
 * message, then the request rules, then the response rules. JsSIP stops at the first
 * failure; the library reports every finding in its own order, so the finding kept is
 * the one that comes first in this list. */
static const char *const jssip_order[] = {
    "minimumHeaders",
    "rfc3261_8_2_2_1", "rfc3261_16_3_4", "rfc3261_18_3_request", "rfc3261_8_2_2_2",
    "rfc3261_8_1_3_3", "rfc3261_18_3_response",
};
#define N_JSSIP_RULES (sizeof jssip_order / sizeof jssip_order[0])

/* The place of a JsSIP rule in jssip_order; -1 for another rule. A rule the library
 * marks as JsSIP's but that is missing here is a harness error. */
static int jssip_rank(const sipparse_rule *r)
{
    for (size_t i = 0; i < N_JSSIP_RULES; i++)
        if (!strcmp(r->id, jssip_order[i]))
            return (int)i;
    if (r->jssip) {
        fprintf(stderr, "driver: rule %s is marked as JsSIP's but is not one of the seven\n", r->id);
        exit(2);
    }
    return -1;
}

/* The library's rule table names JsSIP's seven rules, each once, and marks no other as
 * JsSIP's; otherwise the comparison would compare the wrong things. */
static void check_rule_table(void)
{
    size_t n, seen = 0;
    const sipparse_rule *rules = sipparse_sanity_rules(&n);
    for (size_t i = 0; i < n; i++)
        if (jssip_rank(&rules[i]) >= 0) {
            if (!rules[i].jssip) {
                fprintf(stderr, "driver: rule %s is not marked as JsSIP's\n", rules[i].id);
                exit(2);
            }
            seen++;
        }
    if (seen != N_JSSIP_RULES) {
        fprintf(stderr, "driver: %zu of JsSIP's %zu rules in the rule table\n", seen,
                (size_t)N_JSSIP_RULES);
        exit(2);
    }
}

static json_t *jsanity_finding(const sipparse_finding *f)
{
    json_t *o = json_object();
    json_object_set_new(o, "ok", json_boolean(f == NULL));
    json_object_set_new(o, "rule", f ? json_string(f->rule->id) : json_null());
    json_object_set_new(o, "reply", f ? json_integer(f->reply) : json_null());
    return o;
}

/* The sanity outcome of a message as a user agent (JsSIP's role) with JsSIP's Call-ID
 * prefix "abcde" (oracle.js gives JsSIP the same jssip_id) and no transaction table
 * (JsSIP's is empty offline): {ok, rule, reply} of the first JsSIP-rule finding, or NULL
 * with *nc set when the result cannot be compared (the message did not parse and the
 * parse error is not one of JsSIP's rules). */
static json_t *sanity_of(const char *p, size_t n, const char **nc)
{
    static sipparse_hdr hdrs[MAX_HDRS];
    static sipparse_finding fixed[64];
    sipparse_msg m;
    sipparse_sanity_ctx ctx;
    memset(&ctx, 0, sizeof ctx);
    ctx.role = SIPPARSE_ROLE_UA;
    ctx.local_id = "abcde";
    ctx.local_id_len = 5;
    sipparse_msg_init(&m, hdrs, MAX_HDRS, 0);
    sipparse_err rc = sipparse_msg_parse(&m, p, n);
    if (rc != SIPPARSE_OK) {
        sipparse_finding f;
        sipparse_sanity_parse_error(&m, n, rc, &f);
        if (jssip_rank(f.rule) < 0) {
            *nc = f.rule->id;   /* message_syntax, sip_version */
            return NULL;
        }
        return jsanity_finding(&f);
    }
    sipparse_finding *fs = fixed;
    size_t cap = sizeof fixed / sizeof fixed[0];
    size_t nf = sipparse_sanity_check(&m, &ctx, fs, cap);
    if (nf > cap) {
        fs = malloc(nf * sizeof *fs);
        if (!fs) {
            perror("malloc");
            exit(2);
        }
        cap = nf;
        nf = sipparse_sanity_check(&m, &ctx, fs, cap);
    }
    const sipparse_finding *first = NULL;
    int best = (int)N_JSSIP_RULES;
    for (size_t i = 0; i < nf && i < cap; i++) {
        int k = jssip_rank(fs[i].rule);
        if (k >= 0 && k < best) {
            best = k;
            first = &fs[i];
        }
    }
    json_t *o = jsanity_finding(first);
    if (fs != fixed)
        free(fs);
    return o;
}

/* ---- dispatch ----------------------------------------------------------------------- */

static result run(const char *rule, const char *p, size_t n)
{
    if (!strcmp(rule, "SIP_URI"))
        return rule_uri(p, n, SIPPARSE_URI_FULL, 1);
    if (!strcmp(rule, "SIP_URI_noparams"))
        return rule_uri(p, n, SIPPARSE_URI_ADDR_SPEC, 1);
    if (!strcmp(rule, "Request_URI"))
        return rule_request_uri(p, n);
    if (!strcmp(rule, "absoluteURI"))
        return rule_absolute_uri(p, n);
    if (!strcmp(rule, "host"))
        return rule_host(p, n);
    if (!strcmp(rule, "Name_Addr_Header"))
        return rule_nameaddr(p, n, 1);
    if (!strcmp(rule, "From") || !strcmp(rule, "To"))
        return rule_nameaddr(p, n, 0);
    if (!strcmp(rule, "Contact"))
        return rule_nameaddr_list(p, n, sipparse_contact_next, 0);
    if (!strcmp(rule, "Record_Route"))
        return rule_nameaddr_list(p, n, sipparse_route_next, 0);
    if (!strcmp(rule, "Route"))
        return rule_nameaddr_list(p, n, sipparse_route_next, 1);
    if (!strcmp(rule, "Via"))
        return rule_via(p, n);
    if (!strcmp(rule, "CSeq"))
        return rule_cseq(p, n);
    if (!strcmp(rule, "Call_ID"))
        return rule_callid(p, n);
    if (!strcmp(rule, "Max_Forwards"))
        return rule_uint(p, n, 255); /* RFC 3261 §20.22: 0-255 */
    if (!strcmp(rule, "Content_Length") || !strcmp(rule, "Expires") ||
        !strcmp(rule, "Min_Expires"))
        return rule_uint(p, n, 0xffffffffu);
    if (!strcmp(rule, "Content_Type"))
        return rule_ctype(p, n);
    if (!strcmp(rule, "Request_Response"))
        return start_line(p, n, 0, "", "", NULL);
    if (!strcmp(rule, "Request_Line"))
        return start_line(p, n, 1, "", "", NULL);
    if (!strcmp(rule, "Status_Line"))
        return start_line(p, n, 2, "", "", NULL);
    if (!strcmp(rule, "Method")) {
        if (memchr(p, ' ', n))
            return failed_why("SP inside a method");
        return start_line(p, n, 1, "", " sip:x@example.com SIP/2.0", "method");
    }
    if (!strcmp(rule, "Status_Code")) {
        if (memchr(p, ' ', n))
            return failed_why("SP inside a status code");
        return start_line(p, n, 2, "SIP/2.0 ", " OK", "status_code");
    }
    if (!strcmp(rule, "Reason_Phrase"))
        return start_line(p, n, 2, "SIP/2.0 200 ", "", "reason_phrase");
    if (!strcmp(rule, "SIP_Version")) {
        if (memchr(p, ' ', n))
            return failed_why("SP inside a SIP-Version");
        return start_line(p, n, 2, "", " 200 OK", "sip_version");
    }
    if (!strcmp(rule, "WWW_Authenticate") || !strcmp(rule, "Proxy_Authenticate") ||
        !strcmp(rule, "challenge"))
        return rule_challenge(p, n);
    if (!strcmp(rule, "quoted_string"))
        return rule_quoted_string(p, n);
    if (!strcmp(rule, "Event"))
        return rule_event(p, n);
    if (!strcmp(rule, "Allow_Events"))
        return rule_allow_events(p, n);
    if (!strcmp(rule, "Subscription_State"))
        return rule_substate(p, n);
    if (!strcmp(rule, "Reason"))
        return rule_reason(p, n);
    if (!strcmp(rule, "Session_Expires"))
        return rule_session_expires(p, n);
    if (!strcmp(rule, "Replaces"))
        return rule_replaces(p, n);
    if (!strcmp(rule, "Refer_To"))
        return rule_refer_to(p, n);
    if (!strcmp(rule, "Supported"))
        return rule_items(p, n, sipparse_supported_next);
    if (!strcmp(rule, "Require") || !strcmp(rule, "Proxy_Require"))
        return rule_items(p, n, sipparse_require_next);
    if (!strcmp(rule, "Content_Encoding"))
        return rule_items(p, n, sipparse_content_encoding_next);
    if (!strcmp(rule, "Content_Disposition"))
        return rule_disposition(p, n);
    if (!strcmp(rule, "Subject"))
        return rule_subject(p, n);
    if (!strcmp(rule, "uuid") || !strcmp(rule, "uuid_URI"))
        return rule_uuid(p, n, !strcmp(rule, "uuid_URI"));
    if (!strcmp(rule, "message"))
        return rule_message(p, n);
    result r = { -1, NULL, NULL };
    return r;
}

static char *read_file(const char *rel, size_t *n)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", root, rel);
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    buf b = { 0 };
    char chunk[65536];
    size_t k;
    buf_put(&b, "", 0);
    while ((k = fread(chunk, 1, sizeof chunk, f)) > 0)
        buf_put(&b, chunk, k);
    fclose(f);
    *n = b.len;
    return b.p;
}

int main(int argc, char **argv)
{
    if (argc > 1)
        root = argv[1];
    check_rule_table();
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    while ((len = getline(&line, &cap, stdin)) > 0) {
        json_error_t jerr;
        json_t *c = json_loadb(line, (size_t)len, JSON_ALLOW_NUL, &jerr);
        if (!c) {
            if (strspn(line, " \t\r\n") == (size_t)len)
                continue;
            fprintf(stderr, "driver: bad case line: %s\n", jerr.text);
            return 2;
        }
        json_t *id = json_object_get(c, "id");
        const char *rule = json_string_value(json_object_get(c, "rule"));
        json_t *in = json_object_get(c, "input");
        const char *file = json_string_value(json_object_get(c, "file"));
        char *data = NULL;
        size_t n = 0;
        json_t *outj = json_object();
        json_object_set(outj, "id", id);
        if (file) {
            data = read_file(file, &n);
            if (!data) {
                fprintf(stderr, "driver: cannot read %s\n", file);
                return 2;
            }
        } else if (json_is_string(in)) {
            n = json_string_length(in);
            data = malloc(n + 1);
            memcpy(data, json_string_value(in), n);
        }
        if (!rule || !data) {
            fprintf(stderr, "driver: case without rule or input\n");
            return 2;
        }
        /* Exact-size heap copy: an over-read past the input is caught by ASan builds. */
        char *exact = malloc(n ? n : 1);
        memcpy(exact, data, n);
        result r = run(rule, exact, n);
        if (r.ok < 0) {
            json_object_set_new(outj, "unsupported", json_true());
        } else if (r.ok) {
            json_object_set_new(outj, "ok", json_true());
            json_object_set_new(outj, "fields", r.fields);
        } else {
            json_object_set_new(outj, "ok", json_false());
            json_object_set_new(outj, "error", json_string(r.error ? r.error : "?"));
        }
        if (!strcmp(rule, "message")) {
            const char *nc = NULL;
            json_t *san = sanity_of(exact, n, &nc);
            json_object_set_new(outj, "sanity", san ? san : json_null());
            if (!san) {
                char why[128];
                snprintf(why, sizeof why, "libsipparse: parse error, rule %s", nc);
                json_object_set_new(outj, "sanity_nc", json_string(why));
            }
        }
        char *s = json_dumps(outj, JSON_COMPACT | JSON_ENSURE_ASCII);
        puts(s);
        free(s);
        free(exact);
        free(data);
        json_decref(outj);
        json_decref(c);
    }
    free(line);
    return 0;
}
