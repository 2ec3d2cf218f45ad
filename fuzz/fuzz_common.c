/* fuzz/fuzz_common.c: invariants shared by the harnesses (see fuzz_common.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "fuzz_common.h"
#include "syntax.h"   /* the SYNTAX column of grammar/headers.def, as check.c reads it */
#define H(id, name, compact, kind, critical, syntax) [SIPPARSE_HDR_##id] = syntax,
static const unsigned char hdr_syntax[SIPPARSE_HDR__COUNT] = {
    [SIPPARSE_HDR_OTHER] = ANY,
#include "headers.def"
};
#undef H

void fz_fail(const char *file, int line, const char *cond)
{
    fprintf(stderr, "%s:%d: invariant broken: %s\n", file, line, cond);
    __builtin_trap();
}

char *fz_copy(const uint8_t *data, size_t n)
{
    char *p = malloc(n ? n : 1);
    CHECK(p != NULL);
    if (n)
        memcpy(p, data, n);
    return p;
}

int fz_within(sipparse_slice s, const char *lo, const char *hi)
{
    if (!s.ptr)
        return 1;
    return s.ptr >= lo && s.ptr <= hi && s.len <= (size_t)(hi - s.ptr);
}

/* End of a slice; NULL for an absent one (NULL + 0 is undefined in C). */
static const char *end_of(sipparse_slice s) { return s.ptr ? s.ptr + s.len : NULL; }

static int lower(int c) { return (c >= 'A' && c <= 'Z') ? c + 32 : c; }

/* Two slices equal ignoring ASCII case; two absent slices are equal. */
static int eq_ci(sipparse_slice a, sipparse_slice b)
{
    if (!a.ptr || !b.ptr)
        return a.ptr == b.ptr;
    if (a.len != b.len)
        return 0;
    for (size_t i = 0; i < a.len; i++)
        if (lower((unsigned char)a.ptr[i]) != lower((unsigned char)b.ptr[i]))
            return 0;
    return 1;
}

void fz_check_error(const sipparse_error *e, sipparse_err rc, const char *lo, const char *hi)
{
    CHECK(rc != SIPPARSE_OK && (unsigned)rc < SIPPARSE_ERR__COUNT);
    CHECK(e->code == rc);
    CHECK(strcmp(sipparse_errname(rc), "?") != 0);
    if (rc != SIPPARSE_E_AGAIN && rc != SIPPARSE_END)
        CHECK(e->rule != NULL);
    if (e->at)
        CHECK(e->at >= lo && e->at <= hi);
}

size_t fz_walk_params(sipparse_slice params)
{
    if (!params.ptr)
        return 0;
    const char *lo = params.ptr, *hi = end_of(params);
    sipparse_slice rest = params;
    sipparse_param prm;
    size_t n = 0;
    for (;;) {
        const char *before = rest.ptr;
        if (!sipparse_param_next(&rest, &prm))
            break;
        CHECK(++n <= params.len + 1);
        CHECK_IN(rest, lo, hi);
        CHECK_IN(prm.name, lo, hi);
        /* every param the grammar let through has a name */
        CHECK(prm.name.ptr != NULL && prm.name.len > 0);
        CHECK_IN(prm.value, lo, hi);
        if (prm.value.ptr)
            CHECK(prm.value.ptr > end_of(prm.name) && end_of(prm.value) <= rest.ptr);
        /* each step moves forward: a stalled walk would hang its caller */
        CHECK(rest.ptr > before);
    }
    CHECK_IN(rest, lo, hi);
    return n;
}

/* Prints u into an exact-size heap block of cap bytes, so an overflow is caught. */
static int print_into(const sipparse_uri *u, int form, size_t cap, char **out)
{
    char *buf = malloc(cap ? cap : 1);
    CHECK(buf != NULL);
    int n = sipparse_uri_print(u, form, buf, cap);
    CHECK(n >= -1);
    if (n >= 0) {
        CHECK((size_t)n < cap);
        CHECK(buf[n] == '\0');
    }
    *out = buf;
    return n;
}

/* Lower-cases, in exp (a copy of u->raw), the bytes of part s of u. */
static void lower_part(char *exp, const sipparse_uri *u, sipparse_slice s)
{
    if (!s.ptr)
        return;
    size_t off = (size_t)(s.ptr - u->raw.ptr);
    for (size_t i = 0; i < s.len; i++)
        exp[off + i] = (char)lower((unsigned char)exp[off + i]);
}

static void check_print(const sipparse_uri *u)
{
    char *big, *small, *none;
    size_t want = u->raw.len + 1;
    int n = print_into(u, SIPPARSE_PRINT_FULL, want + 16, &big);
    /* FULL form: the URI as written, scheme and host in lower case */
    CHECK(n >= 0 && (size_t)n == u->raw.len);
    char *exp = malloc(want);
    CHECK(exp != NULL);
    memcpy(exp, u->raw.ptr, u->raw.len);
    lower_part(exp, u, u->scheme);
    lower_part(exp, u, u->host);
    CHECK(memcmp(exp, big, u->raw.len) == 0);
    free(exp);

    /* exactly enough room, one byte short, a small buffer, and none at all */
    char *exact;
    CHECK(print_into(u, SIPPARSE_PRINT_FULL, want, &exact) == n);
    CHECK(memcmp(exact, big, (size_t)n) == 0);
    free(exact);
    char *short1;
    CHECK(print_into(u, SIPPARSE_PRINT_FULL, want - 1, &short1) == -1);
    free(short1);
    int k = print_into(u, SIPPARSE_PRINT_FULL, 12, &small);
    CHECK(k == ((size_t)n < 12 ? n : -1));
    if (k >= 0)
        CHECK(memcmp(small, big, (size_t)k) == 0);
    free(small);
    CHECK(print_into(u, SIPPARSE_PRINT_FULL, 0, &none) == -1);
    free(none);

    /* AOR form: never longer than the full form */
    char *aor;
    int a = print_into(u, SIPPARSE_PRINT_AOR, want + 16, &aor);
    CHECK(a >= 0 && a <= n);
    free(aor);
    free(big);
}

/* The well-known uri-parameters the parser reports agree with what a caller walking
 * the params finds (the last of a repeated one wins). */
static void check_known_params(const sipparse_uri *u)
{
    sipparse_slice rest = u->params, transport = SIPPARSE_SLICE_NONE, user = SIPPARSE_SLICE_NONE,
                   method = SIPPARSE_SLICE_NONE, maddr = SIPPARSE_SLICE_NONE, ttl = SIPPARSE_SLICE_NONE;
    sipparse_param prm;
    int lr = 0;
    while (sipparse_param_next(&rest, &prm)) {
        if (sipparse_slice_eq_ci(prm.name, "transport"))
            transport = prm.value;
        else if (sipparse_slice_eq_ci(prm.name, "user"))
            user = prm.value;
        else if (sipparse_slice_eq_ci(prm.name, "method"))
            method = prm.value;
        else if (sipparse_slice_eq_ci(prm.name, "maddr"))
            maddr = prm.value;
        else if (sipparse_slice_eq_ci(prm.name, "ttl"))
            ttl = prm.value;
        else if (sipparse_slice_eq_ci(prm.name, "lr"))
            lr = 1;
    }
    CHECK(sipparse_slice_eq(transport, u->transport) && sipparse_slice_eq(user, u->user_param) &&
          sipparse_slice_eq(method, u->method) && sipparse_slice_eq(maddr, u->maddr) &&
          sipparse_slice_eq(ttl, u->ttl) && lr == u->lr);
}

void fz_check_uri(const sipparse_uri *u, const char *lo, const char *hi)
{
    CHECK(u->raw.ptr != NULL);
    CHECK_IN(u->raw, lo, hi);
    const char *a = u->raw.ptr, *b = end_of(u->raw);
    const sipparse_slice parts[] = {
        u->scheme, u->user, u->password, u->host, u->port_str, u->params, u->headers,
        u->opaque, u->transport, u->user_param, u->method, u->maddr, u->ttl,
    };
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
        CHECK_IN(parts[i], a, b);
    CHECK(u->scheme.ptr == a && u->scheme.len > 0);
    CHECK(u->scheme.ptr[u->scheme.len] == ':');
    if (u->scheme_id == SIPPARSE_SCHEME_SIP || u->scheme_id == SIPPARSE_SCHEME_SIPS) {
        CHECK(sipparse_slice_eq_ci(u->scheme, u->scheme_id == SIPPARSE_SCHEME_SIP ? "sip" : "sips"));
        CHECK(u->host.ptr && u->host.len > 0);
        CHECK(u->host_type != SIPPARSE_HOST_NONE);
        CHECK((u->host_type == SIPPARSE_HOST_IPV6) == (u->host.ptr[0] == '['));
        CHECK(u->opaque.ptr == NULL);
        if (u->port_str.ptr) {
            unsigned long long v;
            CHECK(sipparse_slice_to_u64(u->port_str, 65535, &v) == 0);
            CHECK(u->port == (int)v);
        } else {
            CHECK(u->port == -1);
        }
        if (u->params.ptr) {
            CHECK(u->params.len > 0 && u->params.ptr[0] == ';');
            CHECK_IN(u->transport, u->params.ptr, end_of(u->params));
            CHECK_IN(u->maddr, u->params.ptr, end_of(u->params));
            fz_walk_params(u->params);
            check_known_params(u);
        } else {
            CHECK(!u->transport.ptr && !u->user_param.ptr && !u->method.ptr && !u->maddr.ptr &&
                  !u->ttl.ptr && !u->lr);
        }
        if (u->headers.ptr) {
            CHECK(u->headers.len > 0 && u->headers.ptr[0] == '?');
            fz_walk_params(u->headers);
        }
        /* the parts appear in order */
        const char *prev = end_of(u->scheme);
        const sipparse_slice order[] = { u->user, u->password, u->host, u->port_str,
                                         u->params, u->headers };
        for (size_t i = 0; i < sizeof order / sizeof order[0]; i++)
            if (order[i].ptr) {
                CHECK(order[i].ptr >= prev);
                prev = end_of(order[i]);
            }
        CHECK(prev == b);
    } else {
        CHECK(!sipparse_slice_eq_ci(u->scheme, "sip") && !sipparse_slice_eq_ci(u->scheme, "sips"));
        CHECK(u->opaque.ptr == end_of(u->scheme) + 1 && end_of(u->opaque) == b);
        CHECK(!u->user.ptr && !u->host.ptr && !u->params.ptr && !u->headers.ptr);
        CHECK(u->port == -1);
    }
    check_print(u);
}

int fz_uri_equal(const sipparse_uri *a, const sipparse_uri *b)
{
    return a->scheme_id == b->scheme_id && eq_ci(a->scheme, b->scheme) &&
           sipparse_slice_eq(a->user, b->user) && sipparse_slice_eq(a->password, b->password) &&
           eq_ci(a->host, b->host) && a->host_type == b->host_type && a->port == b->port &&
           sipparse_slice_eq(a->port_str, b->port_str) &&
           sipparse_slice_eq(a->params, b->params) && sipparse_slice_eq(a->headers, b->headers) &&
           sipparse_slice_eq(a->opaque, b->opaque) &&
           sipparse_slice_eq(a->transport, b->transport) &&
           sipparse_slice_eq(a->user_param, b->user_param) &&
           sipparse_slice_eq(a->method, b->method) && sipparse_slice_eq(a->maddr, b->maddr) &&
           sipparse_slice_eq(a->ttl, b->ttl) && a->lr == b->lr;
}

void fz_uri_roundtrip(const sipparse_uri *u, sipparse_uri_ctx ctx)
{
    size_t cap = u->raw.len + 1;
    char *tmp = malloc(cap);
    CHECK(tmp != NULL);
    int n = sipparse_uri_print(u, SIPPARSE_PRINT_FULL, tmp, cap);
    CHECK(n >= 0);
    char *printed = fz_copy((const uint8_t *)tmp, (size_t)n);
    free(tmp);
    sipparse_uri again;
    sipparse_error e;
    memset(&e, 0, sizeof e);
    sipparse_err rc = sipparse_uri_parse(printed, (size_t)n, ctx, &again, &e);
    CHECK(rc == SIPPARSE_OK);
    CHECK(fz_uri_equal(u, &again));
    CHECK(again.raw.ptr == printed && again.raw.len == (size_t)n);
    free(printed);
}

static void check_unquote(sipparse_slice d)
{
    size_t big = d.len + 1;
    char *out = malloc(big);
    CHECK(out != NULL);
    int n = sipparse_display_unquote(d, out, big);
    CHECK(n >= 0 && (size_t)n <= d.len);
    CHECK(out[n] == '\0');
    char *small = malloc(4);
    CHECK(small != NULL);
    int k = sipparse_display_unquote(d, small, 4);
    CHECK(k == (n < 4 ? n : -1));
    if (k >= 0)
        CHECK(memcmp(small, out, (size_t)k + 1) == 0);
    free(small);
    free(out);
}

void fz_check_nameaddr(const sipparse_nameaddr *na, const char *lo, const char *hi)
{
    CHECK(na->raw.ptr != NULL);
    CHECK_IN(na->raw, lo, hi);
    const char *a = na->raw.ptr, *b = end_of(na->raw);
    if (na->star) {
        CHECK(na->raw.len == 1 && a[0] == '*');
        return;
    }
    CHECK_IN(na->display, a, b);
    CHECK_IN(na->params, a, b);
    if (na->params.ptr) {
        CHECK(end_of(na->params) == b);
        CHECK_IN(na->tag, na->params.ptr, end_of(na->params));
        CHECK_IN(na->q, na->params.ptr, end_of(na->params));
        CHECK_IN(na->expires, na->params.ptr, end_of(na->params));
        fz_walk_params(na->params);
    } else {
        CHECK(!na->tag.ptr && !na->q.ptr && !na->expires.ptr);
    }
    if (na->display.ptr) {
        CHECK(na->bracketed);
        CHECK(na->display.ptr == a);
        CHECK(na->display_quoted == (na->display.ptr[0] == '"'));
    }
    check_unquote(na->display);
    fz_check_uri(&na->uri, a, b);
    if (!na->bracketed)
        CHECK(!na->uri.params.ptr && !na->uri.headers.ptr);
    fz_uri_roundtrip(&na->uri, na->bracketed ? SIPPARSE_URI_FULL : SIPPARSE_URI_ADDR_SPEC);
}

void fz_check_via(const sipparse_via *v, const char *lo, const char *hi)
{
    CHECK(v->raw.ptr != NULL);
    CHECK_IN(v->raw, lo, hi);
    const char *a = v->raw.ptr, *b = end_of(v->raw);
    const sipparse_slice parts[] = { v->protocol, v->version, v->transport, v->host, v->params };
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
        CHECK_IN(parts[i], a, b);
        if (i < 4)
            CHECK(parts[i].ptr && parts[i].len > 0);
    }
    CHECK(v->host_type != SIPPARSE_HOST_NONE);
    CHECK(v->port >= -1 && v->port <= 65535);
    if (v->params.ptr) {
        const char *pa = v->params.ptr, *pb = end_of(v->params);
        CHECK(pb == b);
        const sipparse_slice known[] = { v->branch, v->received, v->maddr, v->ttl, v->rport };
        for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
            CHECK_IN(known[i], pa, pb);
        fz_walk_params(v->params);
    } else {
        CHECK(!v->branch.ptr && !v->received.ptr && !v->maddr.ptr && !v->ttl.ptr && !v->rport.ptr);
    }
}

typedef sipparse_err (*na_next)(sipparse_slice, size_t *, sipparse_nameaddr *, sipparse_error *);

static sipparse_err walk_nameaddrs(sipparse_slice value, na_next next)
{
    const char *lo = value.ptr, *hi = end_of(value);
    size_t pos = 0;
    for (size_t i = 0;; i++) {
        CHECK(i <= value.len + 1);
        sipparse_nameaddr na;
        sipparse_error e;
        memset(&e, 0, sizeof e);
        size_t before = pos, pos2 = pos;
        sipparse_err rc = next(value, &pos, &na, &e);
        /* the error pointer is optional and changes nothing */
        sipparse_nameaddr na2;
        CHECK(next(value, &pos2, &na2, NULL) == rc && pos2 == pos);
        if (rc != SIPPARSE_OK) {
            if (rc != SIPPARSE_END)
                fz_check_error(&e, rc, lo, hi);
            else
                CHECK(i > 0);
            return rc;
        }
        CHECK(pos > before && pos <= value.len);
        fz_check_nameaddr(&na, lo, hi);
        CHECK(na.raw.ptr >= lo + before && end_of(na.raw) <= lo + pos);
    }
}

sipparse_err fz_walk_contacts(sipparse_slice value)
{
    return walk_nameaddrs(value, sipparse_contact_next);
}

sipparse_err fz_walk_routes(sipparse_slice value)
{
    return walk_nameaddrs(value, sipparse_route_next);
}

sipparse_err fz_walk_vias(sipparse_slice value)
{
    const char *lo = value.ptr, *hi = end_of(value);
    size_t pos = 0;
    for (size_t i = 0;; i++) {
        CHECK(i <= value.len + 1);
        sipparse_via v;
        sipparse_error e;
        memset(&e, 0, sizeof e);
        size_t before = pos, pos2 = pos;
        sipparse_err rc = sipparse_via_next(value, &pos, &v, &e);
        sipparse_via v2;
        CHECK(sipparse_via_next(value, &pos2, &v2, NULL) == rc && pos2 == pos);
        if (rc != SIPPARSE_OK) {
            if (rc != SIPPARSE_END)
                fz_check_error(&e, rc, lo, hi);
            else
                CHECK(i > 0);
            return rc;
        }
        CHECK(pos > before && pos <= value.len);
        fz_check_via(&v, lo, hi);
        CHECK(v.raw.ptr >= lo + before && end_of(v.raw) <= lo + pos);
    }
}

sipparse_err fz_typed_value(sipparse_hdr_id id, sipparse_slice v)
{
    const char *lo = v.ptr, *hi = end_of(v);
    sipparse_error e;
    memset(&e, 0, sizeof e);
    sipparse_err rc;
    CHECK((unsigned)id < SIPPARSE_HDR__COUNT);
    switch (hdr_syntax[id]) {
    case VIA:
        rc = fz_walk_vias(v);
        return rc == SIPPARSE_END ? SIPPARSE_OK : rc;
    case CONTACT:
        rc = fz_walk_contacts(v);
        return rc == SIPPARSE_END ? SIPPARSE_OK : rc;
    case ROUTE:
        rc = fz_walk_routes(v);
        return rc == SIPPARSE_END ? SIPPARSE_OK : rc;
    case NAMEADDR: {
        sipparse_nameaddr na;
        rc = sipparse_nameaddr_parse(v.ptr, v.len, &na, &e);
        if (rc == SIPPARSE_OK) {
            fz_check_nameaddr(&na, lo, hi);
            CHECK(!na.star);
        }
        break;
    }
    case CALLID:
        rc = sipparse_callid_parse(v, &e);
        if (rc == SIPPARSE_OK)
            CHECK(v.len > 0 && memchr(v.ptr, ' ', v.len) == NULL);
        break;
    case CSEQ: {
        sipparse_cseq cs;
        rc = sipparse_cseq_parse(v, &cs, &e);
        if (rc == SIPPARSE_OK) {
            CHECK(cs.method.ptr && cs.method.len > 0);
            CHECK_IN(cs.method, lo, hi);
            CHECK(end_of(cs.method) == hi);
            CHECK((unsigned)cs.method_id < SIPPARSE_METHOD__COUNT);
            if (cs.method_id != SIPPARSE_METHOD_OTHER) {
                const char *name = sipparse_method_str(cs.method_id);
                CHECK(strlen(name) == cs.method.len && memcmp(name, cs.method.ptr, cs.method.len) == 0);
            }
        }
        break;
    }
    case CTYPE: {
        sipparse_ctype ct;
        rc = sipparse_ctype_parse(v, &ct, &e);
        if (rc == SIPPARSE_OK) {
            CHECK(ct.type.ptr == lo && ct.type.len > 0);
            CHECK(ct.subtype.ptr && ct.subtype.len > 0);
            CHECK_IN(ct.subtype, lo, hi);
            CHECK_IN(ct.params, lo, hi);
            fz_walk_params(ct.params);
        }
        break;
    }
    case DATE:
        rc = sipparse_date_parse(v, &e);
        break;
    case MAXFWD:
    case UINT: {
        uint32_t max = hdr_syntax[id] == MAXFWD ? 255 : 0xffffffffu, n = 0;
        rc = sipparse_uint_parse(v, max, &n, &e);
        if (rc == SIPPARSE_OK)
            CHECK(n <= max);
        break;
    }
    default:
        rc = sipparse_text_parse(v, &e);
        break;
    }
    if (rc != SIPPARSE_OK)
        fz_check_error(&e, rc, lo, hi);
    return rc;
}
