/* nameaddr.c: name-addr / addr-spec values and their header params (RFC 3261 §20.10,
 * §20.20, §20.39, §25.1). */
#include <string.h>
#include "grammar.h"

enum na_mode { NA_SINGLE, NA_CONTACT, NA_ROUTE };

/* Contact q and expires (RFC 3261 §20.10): qvalue 0..1 with up to 3 decimals;
 * delta-seconds that fit 32 bits (RFC 4475 §3.1.2.4). */
static sipparse_err contact_params(const sipparse_nameaddr *na, sipparse_error *err)
{
    if (na->q.ptr && !sp_qvalue(na->q.ptr, na->q.ptr + na->q.len))
        return sp_fail(err, SIPPARSE_E_HEADER_VALUE, na->q.ptr, "qvalue");
    unsigned long long v;
    if (na->expires.ptr && sipparse_slice_to_u64(na->expires, 0xffffffffu, &v) != 0) {
        int digits = sp_digits(na->expires.ptr, na->expires.ptr + na->expires.len) ==
                     na->expires.ptr + na->expires.len;
        return sp_fail(err, digits ? SIPPARSE_E_RANGE : SIPPARSE_E_HEADER_VALUE,
                       na->expires.ptr, "delta-seconds");
    }
    return SIPPARSE_OK;
}

/* one_value's parse; the fields it may leave unset are cleared by one_value. */
static const char *value_at(const char *p, const char *lim, enum na_mode mode,
                            sipparse_nameaddr *na, sipparse_error *err)
{
    const char *start = p;
    if (mode == NA_CONTACT && p < lim && *p == '*') {
        /* STAR = SWS "*" SWS, alone in the header (§10.2.2) */
        memset(&na->uri, 0, sizeof na->uri);
        na->uri.port = -1;
        na->star = 1;
        na->raw = (sipparse_slice){ p, 1 };
        return p + 1;
    }
    int quoted = 0;
    const char *after_tokens = NULL;
    const char *d_end = p < lim && *p == '<' ? NULL : sp_display_name(p, lim, &quoted);
    const char *q = d_end ? sp_sws(d_end, lim) : p;
    if (d_end && (q == lim || *q != '<')) {
        if (quoted) {   /* a quoted display name must be followed by <URI> */
            sp_fail(err, SIPPARSE_E_HEADER_VALUE, q, "name-addr");
            return NULL;
        }
        /* the "display name" was the start of an addr-spec, or a display-name with a
         * character a token may not hold: told apart below if the addr-spec fails */
        after_tokens = q;
        q = p;
        d_end = NULL;
    } else if (!d_end && p < lim && *p == '"') {
        sp_fail(err, SIPPARSE_E_HEADER_VALUE, p, "quoted-string");
        return NULL;
    }
    if (d_end) {
        na->display = (sipparse_slice){ p, (size_t)(d_end - p) };
        na->display_quoted = quoted;
    }
    if (q < lim && *q == '<') {
        /* No URI byte is '>', so the URI grammar stops at it by itself (and uri.c looks
         * for a '@' only up to it): the '>' is looked for only when the URI does not end
         * there, to tell which error it is. */
        const char *u_end = sp_uri_at(q + 1, lim, SIPPARSE_URI_FULL, &na->uri, err);
        const char *gt = u_end && u_end < lim && *u_end == '>' ? u_end
                         : memchr(q + 1, '>', (size_t)(lim - q - 1));
        if (!gt) {
            sp_fail(err, SIPPARSE_E_HEADER_VALUE, q, "name-addr");
            return NULL;
        }
        if (!u_end)
            return NULL;
        if (u_end != gt) {
            sp_fail(err, SIPPARSE_E_URI, u_end, "name-addr");
            return NULL;
        }
        na->bracketed = 1;
        p = sp_sws(gt + 1, lim);
    } else {
        if (mode == NA_ROUTE) {   /* route-param = name-addr *( SEMI rr-param ) */
            sp_fail(err, SIPPARSE_E_HEADER_VALUE, q, "name-addr");
            return NULL;
        }
        p = sp_uri_at(q, lim, SIPPARSE_URI_ADDR_SPEC, &na->uri, err);
        if (!p) {
            /* Tokens, then something else, then '<': the display-name is at fault
             * ("Bell, Alexander <sip:...>", RFC 4475 §3.1.2.15), not a URI. Looked for
             * only on this error path, so a list of addr-specs stays linear. */
            if (after_tokens && after_tokens < lim &&
                memchr(after_tokens, '<', (size_t)(lim - after_tokens)))
                sp_fail(err, SIPPARSE_E_HEADER_VALUE, after_tokens, "display-name");
            return NULL;
        }
    }
    p = sp_header_params(p, lim, na);
    na->raw = (sipparse_slice){ start, (size_t)(p - start) };
    if (mode == NA_CONTACT && contact_params(na, err) != SIPPARSE_OK)
        return NULL;
    return p;
}

/* One value at p: [display-name] <URI> or addr-spec, then header params. Returns the
 * end (before any comma), or NULL with err set and na cleared. na's own fields are
 * cleared here and sp_uri_at writes every field of the URI, so the struct (368 bytes)
 * is not cleared whole for each value. */
static const char *one_value(const char *p, const char *lim, enum na_mode mode,
                             sipparse_nameaddr *na, sipparse_error *err)
{
    na->star = na->display_quoted = na->bracketed = 0;
    na->raw = SIPPARSE_SLICE_NONE;
    na->display = SIPPARSE_SLICE_NONE;
    na->params = SIPPARSE_SLICE_NONE;
    na->tag = SIPPARSE_SLICE_NONE;
    na->q = SIPPARSE_SLICE_NONE;
    na->expires = SIPPARSE_SLICE_NONE;
    const char *end = value_at(p, lim, mode, na, err);
    if (!end) {
        memset(na, 0, sizeof *na);
        na->uri.port = -1;
    }
    return end;
}

sipparse_err sipparse_nameaddr_parse(const char *p, size_t len, sipparse_nameaddr *out,
                                     sipparse_error *err)
{
    sipparse_error local;   /* the code must not depend on whether the caller wants details */
    if (!err)
        err = &local;
    if (!p)
        return sp_fail(err, SIPPARSE_E_HEADER_VALUE, NULL, "name-addr");
    const char *lim = p + len;
    const char *end = one_value(sp_sws(p, lim), lim, NA_SINGLE, out, err);
    if (!end)
        return err->code;
    end = sp_sws(end, lim);
    if (end != lim) {
        memset(out, 0, sizeof *out);
        out->uri.port = -1;
        return sp_fail(err, SIPPARSE_E_HEADER_VALUE, end, "name-addr");
    }
    return SIPPARSE_OK;
}

/* A comma list of values; *pos is an offset into value. */
static sipparse_err next_value(sipparse_slice value, size_t *pos, enum na_mode mode,
                               sipparse_nameaddr *out, sipparse_error *err)
{
    sipparse_error local;
    if (!err)
        err = &local;
    if (!value.ptr)
        return sp_fail(err, SIPPARSE_E_HEADER_VALUE, NULL, "name-addr");
    const char *lim = value.ptr + value.len;
    const char *p = sp_sws(value.ptr + *pos, lim);
    if (p == lim)
        return *pos == 0 ? sp_fail(err, SIPPARSE_E_HEADER_VALUE, p, "name-addr") : SIPPARSE_END;
    const char *end = one_value(p, lim, mode, out, err);
    if (!end)
        return err->code;
    const char *after = sp_sws(end, lim);
    if (out->star && (p != value.ptr || after != lim))   /* '*' must stand alone */
        return sp_fail(err, SIPPARSE_E_HEADER_VALUE, p, "Contact");
    if (after == lim) {
        *pos = value.len;
        return SIPPARSE_OK;
    }
    const char *c = sp_comma(end, lim);
    if (!c || sp_sws(c, lim) == lim)
        return sp_fail(err, SIPPARSE_E_HEADER_VALUE, after, mode == NA_ROUTE ? "route-param" : "contact-param");
    *pos = (size_t)(c - value.ptr);
    return SIPPARSE_OK;
}

sipparse_err sipparse_contact_next(sipparse_slice value, size_t *pos, sipparse_nameaddr *out,
                                   sipparse_error *err)
{
    return next_value(value, pos, NA_CONTACT, out, err);
}

sipparse_err sipparse_route_next(sipparse_slice value, size_t *pos, sipparse_nameaddr *out,
                                 sipparse_error *err)
{
    return next_value(value, pos, NA_ROUTE, out, err);
}

int sipparse_display_unquote(sipparse_slice d, char *out, size_t cap)
{
    size_t n = 0;
    if (!d.ptr)   /* no display name: an empty string */
        return cap ? (out[0] = '\0', 0) : -1;
    const char *p = d.ptr, *end = d.ptr + d.len;
    if (d.len >= 2 && p[0] == '"') {
        for (p++, end--; p < end; p++) {
            if (*p == '\\' && p + 1 < end)
                p++;
            if (n + 1 >= cap)
                return -1;
            out[n++] = *p;
        }
    } else {
        /* token display name: LWS runs (folds included) become one SP */
        int space = 0;
        for (; p < end; p++) {
            if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n') {
                space = 1;
                continue;
            }
            if (n + 1 + (size_t)space >= cap)
                return -1;
            if (space)
                out[n++] = ' ';
            space = 0;
            out[n++] = *p;
        }
    }
    out[n] = '\0';
    return (int)n;
}
