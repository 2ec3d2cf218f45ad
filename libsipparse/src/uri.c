/* uri.c: URI parse glue and printing (RFC 3261 §19.1). */
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include "grammar.h"

/* Length of "sip:" or "sips:" (any case) at p, else 0: such a URI must be a SIP-URI,
 * never an absoluteURI (RFC 5118 §4.2). */
static size_t sip_scheme(const char *p, const char *lim)
{
    size_t n = (size_t)(lim - p);
    if (n < 4 || !sp_eq_ci_n(p, "sip", 3))
        return 0;
    if (p[3] == ':')
        return 4;
    return (n >= 5 && (p[3] | 0x20) == 's' && p[4] == ':') ? 5 : 0;
}

/* Whether a '@' comes before the first '>' in [p, lim). No URI byte is '>', so a
 * userinfo's '@' is never past one; stopping there keeps a name-addr's URI, parsed up to
 * the end of its header value, from searching the values after it (which would make a
 * long list quadratic). 16 bytes a step with SSE2 (every x86-64 CPU has it), else and
 * for the last 15 bytes one at a time. */
static int at_before_gt(const char *p, const char *lim)
{
#ifdef __SSE2__
    const __m128i at = _mm_set1_epi8('@'), gt = _mm_set1_epi8('>');
    for (; lim - p >= 16; p += 16) {
        __m128i b = _mm_loadu_si128((const __m128i *)(const void *)p);
        unsigned hits = (unsigned)_mm_movemask_epi8(
            _mm_or_si128(_mm_cmpeq_epi8(b, at), _mm_cmpeq_epi8(b, gt)));
        if (hits)
            return p[__builtin_ctz(hits)] == '@';
    }
#endif
    for (; p < lim; p++)
        if (*p == '@' || *p == '>')
            return *p == '@';
    return 0;
}

/* SIP-URI = "sip:" [ userinfo ] hostport uri-parameters [ headers ] (RFC 3261 §25.1);
 * an addr-spec outside <> stops after hostport. */
static const char *sip_uri(const char *p, const char *lim, size_t scheme_len,
                           sipparse_uri_ctx ctx, sipparse_uri *u)
{
    const char *h = p + scheme_len, *user_end, *password, *at = NULL;
    u->scheme = (sipparse_slice){ p, scheme_len - 1 };
    u->scheme_id = scheme_len == 5 ? SIPPARSE_SCHEME_SIPS : SIPPARSE_SCHEME_SIP;
    /* '@' appears in a SIP-URI only after the userinfo, so without one there is none to
     * look for. An addr-spec has no known end (what follows may hold '@'), so there the
     * userinfo rule itself decides. */
    if (ctx == SIPPARSE_URI_ADDR_SPEC || at_before_gt(h, lim))
        at = sp_uri_userinfo(h, lim, &user_end, &password);
    if (at) {
        u->user = (sipparse_slice){ h, (size_t)(user_end - h) };
        if (password)
            u->password = (sipparse_slice){ password, (size_t)(at - 1 - password) };
        h = at;
    }
    return sp_uri_hostport(h, lim, ctx != SIPPARSE_URI_ADDR_SPEC, u);
}

/* The fields a SIP-URI may leave unset; sp_uri_at writes the others itself. */
static void clear_optional(sipparse_uri *u)
{
    u->user = SIPPARSE_SLICE_NONE;
    u->password = SIPPARSE_SLICE_NONE;
    u->params = SIPPARSE_SLICE_NONE;
    u->headers = SIPPARSE_SLICE_NONE;
    u->opaque = SIPPARSE_SLICE_NONE;
    u->transport = SIPPARSE_SLICE_NONE;
    u->user_param = SIPPARSE_SLICE_NONE;
    u->method = SIPPARSE_SLICE_NONE;
    u->maddr = SIPPARSE_SLICE_NONE;
    u->ttl = SIPPARSE_SLICE_NONE;
    u->lr = 0;
}

static const char *uri_at(const char *p, const char *lim, sipparse_uri_ctx ctx,
                          sipparse_uri *u, sipparse_error *err)
{
    size_t scheme_len = sip_scheme(p, lim);
    if (!scheme_len) {
        u->host = SIPPARSE_SLICE_NONE;   /* an absoluteURI has no host or port */
        u->port_str = SIPPARSE_SLICE_NONE;
        u->host_type = SIPPARSE_HOST_NONE;
        const char *end = sp_uri_other(p, lim, ctx == SIPPARSE_URI_ADDR_SPEC, u);
        if (!end)
            sp_fail(err, SIPPARSE_E_URI, p, "absoluteURI");
        else
            u->raw = (sipparse_slice){ p, (size_t)(end - p) };
        return end;
    }
    const char *end = sip_uri(p, lim, scheme_len, ctx, u);
    if (!end) {
        sp_fail(err, SIPPARSE_E_URI, p, "SIP-URI");
        return NULL;
    }
    if (u->port_str.ptr && (u->port = sp_port(u->port_str)) < 0) {
        sp_fail(err, SIPPARSE_E_RANGE, u->port_str.ptr, "port");
        return NULL;
    }
    /* RFC 3261 §19.1.1 table: no headers in a Request-URI (RFC 4475 §3.1.2.11) */
    if (ctx == SIPPARSE_URI_REQUEST && u->headers.ptr) {
        sp_fail(err, SIPPARSE_E_URI, u->headers.ptr, "Request-URI");
        return NULL;
    }
    u->raw = (sipparse_slice){ p, (size_t)(end - p) };
    return end;
}

/* The URI grammar at p plus the checks it cannot express (port range, headers in a
 * Request-URI). Returns the end, or NULL with err set. Writes every field of u (all
 * cleared on failure), so callers need not clear it first: clearing the whole struct
 * for each URI cost as much as parsing the params of a short one. */
const char *sp_uri_at(const char *p, const char *lim, sipparse_uri_ctx ctx, sipparse_uri *u,
                      sipparse_error *err)
{
    u->port = -1;
    clear_optional(u);
    const char *end = uri_at(p, lim, ctx, u, err);
    if (!end) {
        memset(u, 0, sizeof *u);
        u->port = -1;
    }
    return end;
}

sipparse_err sipparse_uri_parse(const char *p, size_t len, sipparse_uri_ctx ctx,
                                sipparse_uri *out, sipparse_error *err)
{
    sipparse_error local;   /* the code must not depend on whether the caller wants details */
    if (!err)
        err = &local;
    if (!p)
        return sp_fail(err, SIPPARSE_E_URI, NULL, "SIP-URI");
    const char *end = sp_uri_at(p, p + len, ctx, out, err);
    if (!end)
        return err->code;
    if (end != p + len) {
        memset(out, 0, sizeof *out);
        out->port = -1;
        return sp_fail(err, SIPPARSE_E_URI, end, "SIP-URI");
    }
    return SIPPARSE_OK;
}

/* Appends to a bounded buffer; remembers overflow instead of failing at each call. */
typedef struct out_buf {
    char *p;
    size_t cap, len;
} out_buf;

static void put(out_buf *o, const char *s, size_t n)
{
    if (o->len + n < o->cap)
        memcpy(o->p + o->len, s, n);
    o->len += n;
}

static void put_slice(out_buf *o, sipparse_slice s)
{
    if (s.ptr)
        put(o, s.ptr, s.len);
}

static void put_lower(out_buf *o, sipparse_slice s)
{
    for (size_t i = 0; i < s.len; i++) {
        char c = sp_lower(s.ptr[i]);
        put(o, &c, 1);
    }
}

/* Scheme and host are case-insensitive (§19.1.4) and printed lower-case, as JsSIP
 * stores them; everything else is printed as written. */
int sipparse_uri_print(const sipparse_uri *u, int form, char *out, size_t cap)
{
    out_buf o = { out, cap, 0 };
    put_lower(&o, u->scheme);
    put(&o, ":", 1);
    if (u->scheme_id != SIPPARSE_SCHEME_SIP && u->scheme_id != SIPPARSE_SCHEME_SIPS) {
        put_slice(&o, u->opaque);
    } else {
        if (u->user.ptr) {
            put_slice(&o, u->user);
            if (u->password.ptr && form == SIPPARSE_PRINT_FULL) {
                put(&o, ":", 1);
                put_slice(&o, u->password);
            }
            put(&o, "@", 1);
        }
        put_lower(&o, u->host);
        if (form == SIPPARSE_PRINT_FULL) {
            if (u->port_str.ptr) {
                put(&o, ":", 1);
                put_slice(&o, u->port_str);
            }
            put_slice(&o, u->params);
            put_slice(&o, u->headers);
        }
    }
    if (o.len >= cap)
        return -1;
    out[o.len] = '\0';
    return (int)o.len;
}
