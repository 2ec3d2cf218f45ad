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

/* ---- the typed parsers of auth.h, events.h, lists.h and info.h ------------------------ */

/* The parts of a slice: b inside a (both present), or b absent. */
#define CHECK_SUB(b, a) CHECK(!(b).ptr || ((a).ptr && fz_within((b), (a).ptr, end_of(a))))

/* A present, non-empty slice inside [lo, hi]. */
static void check_filled(sipparse_slice s, const char *lo, const char *hi)
{
    CHECK(s.ptr != NULL && s.len > 0);
    CHECK_IN(s, lo, hi);
}

/* A value as the library stores it: inside the quotes when it was quoted. */
static sipparse_slice unquoted(sipparse_slice v)
{
    if (v.ptr && v.len >= 2 && v.ptr[0] == '"' && v.ptr[v.len - 1] == '"')
        return (sipparse_slice){ v.ptr + 1, v.len - 2 };
    return v;
}

/* A params slice a parser returned: starts with ';' inside [lo, hi], and walks. */
static void check_params(sipparse_slice params, const char *lo, const char *hi)
{
    if (!params.ptr)
        return;
    CHECK(params.len > 0 && params.ptr[0] == ';');
    CHECK_IN(params, lo, hi);
    fz_walk_params(params);
}

/* The value of the first (first != 0) or last param called name in params, found by
 * sipparse_param_next; *found says whether there was one. */
static sipparse_slice param_value(sipparse_slice params, const char *name, int first, int *found)
{
    sipparse_slice rest = params, got = SIPPARSE_SLICE_NONE;
    sipparse_param prm;
    *found = 0;
    while (params.ptr && sipparse_param_next(&rest, &prm))
        if (sipparse_slice_eq_ci(prm.name, name) && !(first && *found)) {
            got = prm.value;
            *found = 1;
        }
    return got;
}

/* A field the parser filled from param name agrees with what a walker finds: the same
 * slice, or absent when there is no such param. */
static void check_param_field(sipparse_slice params, const char *name, int first,
                              sipparse_slice field)
{
    int found;
    sipparse_slice want = param_value(params, name, first, &found);
    CHECK(sipparse_slice_eq(want, field) && (!found || want.ptr == field.ptr));
}

/* A number field (int64_t, -1 when absent) against the digits of its param. */
static void check_param_number(sipparse_slice params, const char *name, int64_t n)
{
    int found;
    sipparse_slice digits = param_value(params, name, 0, &found);
    CHECK(n >= -1 && n <= 0xffffffffLL);
    if (!found) {
        CHECK(n == -1);
        return;
    }
    unsigned long long want;
    CHECK(sipparse_slice_to_u64(digits, 0xffffffffu, &want) == 0 && (int64_t)want == n);
}

/* An enum keyword: id is in [0, count); names[i] is the keyword of id i (NULL for the
 * "other" ids), compared without case both ways. */
static void check_keyword(sipparse_slice s, unsigned id, const char *const *names, unsigned count)
{
    CHECK(id < count);
    for (unsigned i = 0; i < count; i++)
        if (names[i])
            CHECK((id == i) == (s.ptr && sipparse_slice_eq_ci(s, names[i])));
}

/* A known Method id spells its slice. */
static void check_method(sipparse_slice m, sipparse_method id)
{
    CHECK((unsigned)id < SIPPARSE_METHOD__COUNT);
    if (id != SIPPARSE_METHOD_OTHER) {
        const char *name = sipparse_method_str(id);
        CHECK(strlen(name) == m.len && memcmp(name, m.ptr, m.len) == 0);
    }
}

/* sipparse_auth_unquote into an exact, a small and an empty buffer. */
static void check_auth_unquote(sipparse_slice s)
{
    char none[1];
    CHECK(sipparse_auth_unquote(s, none, 0) == -1);
    if (!s.ptr) {
        CHECK(sipparse_auth_unquote(s, none, sizeof none) == -1);
        return;
    }
    char *out = malloc(s.len + 1);
    CHECK(out != NULL);
    int n = sipparse_auth_unquote(s, out, s.len + 1);
    CHECK(n >= 0 && (size_t)n <= s.len && out[n] == '\0');
    char *small = malloc(4);
    CHECK(small != NULL);
    int k = sipparse_auth_unquote(s, small, 4);
    CHECK(k == (n < 4 ? n : -1));
    if (k >= 0)
        CHECK(memcmp(small, out, (size_t)k + 1) == 0);
    free(small);
    free(out);
}

/* Walks auth-params with sipparse_auth_param_next: each one inside params, with a name
 * (the grammar let only name EQUAL value through) and a value; every step moves on.
 * Returns the value of the last one called name (quotes stripped); *found says whether
 * there was one. */
static sipparse_slice walk_auth_params(sipparse_slice params, const char *name, int *found)
{
    const char *lo = params.ptr, *hi = end_of(params);
    sipparse_slice rest = params, got = SIPPARSE_SLICE_NONE;
    sipparse_param prm;
    size_t n = 0;
    *found = 0;
    for (;;) {
        const char *before = rest.ptr;
        if (!sipparse_auth_param_next(&rest, &prm))
            break;
        CHECK(++n <= params.len + 1);
        CHECK(rest.ptr > before);
        CHECK_IN(rest, lo, hi);
        check_filled(prm.name, lo, hi);
        CHECK(prm.value.ptr != NULL);
        CHECK_IN(prm.value, lo, hi);
        CHECK(prm.value.ptr > end_of(prm.name));
        if (sipparse_slice_eq_ci(prm.name, name)) {
            got = unquoted(prm.value);
            *found = 1;
        }
    }
    CHECK(!params.ptr || (rest.ptr == hi && rest.len == 0));
    if (*found) {   /* _get finds the first one, which exists */
        sipparse_slice v;
        CHECK(sipparse_auth_param_get(params, name, &v) == 1);
        CHECK_IN(v, lo, hi);
    }
    return got;
}

/* A directive field is the value of the last auth-param of that name, unquoted. */
static void check_directive(sipparse_slice params, const char *name, sipparse_slice field)
{
    int found;
    sipparse_slice want = walk_auth_params(params, name, &found);
    CHECK(found ? field.ptr == want.ptr && field.len == want.len : field.ptr == NULL);
    check_auth_unquote(field);
}

/* stale and userhash: TRUE only for "true", FALSE for any other value, ABSENT without. */
static void check_flag(sipparse_slice params, const char *name, sipparse_auth_flag f)
{
    int found;
    sipparse_slice v = walk_auth_params(params, name, &found);
    CHECK(f == (!found ? SIPPARSE_AUTH_FLAG_ABSENT
                : sipparse_slice_eq_ci(v, "true") ? SIPPARSE_AUTH_FLAG_TRUE
                                                  : SIPPARSE_AUTH_FLAG_FALSE));
}

/* qop_mask holds exactly the SIPPARSE_QOP_* bits of the listed values; the list walks. */
static void check_qop(sipparse_slice qop, unsigned mask)
{
    unsigned want = 0;
    size_t pos = 0;
    sipparse_slice item;
    for (size_t i = 0; qop.ptr; i++) {
        size_t before = pos;
        if (!sipparse_list_next(qop, &pos, &item))
            break;
        CHECK(i <= qop.len && pos > before && pos <= qop.len);
        CHECK_IN(item, qop.ptr, end_of(qop));
        want |= sipparse_slice_eq_ci(item, "auth")       ? SIPPARSE_QOP_AUTH
              : sipparse_slice_eq_ci(item, "auth-int")   ? SIPPARSE_QOP_AUTH_INT
                                                         : SIPPARSE_QOP_OTHER;
    }
    CHECK(mask == want);
}

static const char *const algorithm_names[] = {
    [SIPPARSE_AUTH_ALG_MD5] = "MD5", [SIPPARSE_AUTH_ALG_MD5_SESS] = "MD5-sess",
    [SIPPARSE_AUTH_ALG_SHA_256] = "SHA-256", [SIPPARSE_AUTH_ALG_SHA_256_SESS] = "SHA-256-sess",
    [SIPPARSE_AUTH_ALG_SHA_512_256] = "SHA-512-256",
    [SIPPARSE_AUTH_ALG_SHA_512_256_SESS] = "SHA-512-256-sess",
    [SIPPARSE_AUTH_ALG_OTHER] = NULL,
};

static void check_algorithm(sipparse_slice params, sipparse_slice alg, sipparse_auth_algorithm id)
{
    check_directive(params, "algorithm", alg);
    CHECK((unsigned)id <= SIPPARSE_AUTH_ALG_OTHER);
    CHECK((id == SIPPARSE_AUTH_ALG_NONE) == (alg.ptr == NULL));
    if (alg.ptr)
        check_keyword(alg, id, algorithm_names, SIPPARSE_AUTH_ALG_OTHER + 1);
}

/* The scheme and params of a challenge or credentials: the scheme a token at the start
 * (after LWS), its id, the params after it. */
static void check_scheme(sipparse_slice scheme, sipparse_auth_scheme id, sipparse_slice params,
                         const sipparse_auth_lax *lax, const char *lo, const char *hi)
{
    static const char *const names[] = { NULL, "Digest", "Basic" };
    check_filled(scheme, lo, hi);
    check_keyword(scheme, id, names, 3);
    check_filled(params, lo, hi);
    CHECK(params.ptr > end_of(scheme));
    CHECK_SUB(lax->name, params);
    CHECK((lax->name.ptr != NULL) == (lax->rule != NULL));
}

static sipparse_err typed_challenge(sipparse_slice v, sipparse_error *e)
{
    sipparse_challenge c;
    sipparse_err rc = sipparse_challenge_parse(v, &c, e);
    if (rc != SIPPARSE_OK)
        return rc;
    check_scheme(c.scheme, c.scheme_id, c.params, &c.lax, v.ptr, end_of(v));
    check_directive(c.params, "realm", c.realm);
    if (c.scheme_id != SIPPARSE_AUTH_DIGEST) {   /* only realm is read for other schemes */
        CHECK(!c.domain.ptr && !c.nonce.ptr && !c.opaque.ptr && !c.algorithm.ptr && !c.qop.ptr &&
              !c.charset.ptr && c.stale == 0 && c.userhash == 0 && c.qop_mask == 0 &&
              c.algorithm_id == 0);
        return rc;
    }
    check_directive(c.params, "domain", c.domain);
    check_directive(c.params, "nonce", c.nonce);
    check_directive(c.params, "opaque", c.opaque);
    check_directive(c.params, "charset", c.charset);
    check_directive(c.params, "qop", c.qop);
    check_qop(c.qop, c.qop_mask);
    check_flag(c.params, "stale", c.stale);
    check_flag(c.params, "userhash", c.userhash);
    check_algorithm(c.params, c.algorithm, c.algorithm_id);
    return rc;
}

static sipparse_err typed_credentials(sipparse_slice v, sipparse_error *e)
{
    sipparse_credentials c;
    sipparse_err rc = sipparse_credentials_parse(v, &c, e);
    if (rc != SIPPARSE_OK)
        return rc;
    check_scheme(c.scheme, c.scheme_id, c.params, &c.lax, v.ptr, end_of(v));
    check_directive(c.params, "realm", c.realm);
    if (c.scheme_id != SIPPARSE_AUTH_DIGEST) {
        CHECK(!c.username.ptr && !c.username_ext.ptr && !c.nonce.ptr && !c.uri.ptr &&
              !c.response.ptr && !c.algorithm.ptr && !c.cnonce.ptr && !c.opaque.ptr &&
              !c.qop.ptr && !c.nc.ptr && c.userhash == 0 && c.qop_mask == 0 &&
              c.algorithm_id == 0);
        return rc;
    }
    check_directive(c.params, "username", c.username);
    check_directive(c.params, "username*", c.username_ext);
    check_directive(c.params, "nonce", c.nonce);
    check_directive(c.params, "uri", c.uri);
    check_directive(c.params, "response", c.response);
    check_directive(c.params, "cnonce", c.cnonce);
    check_directive(c.params, "opaque", c.opaque);
    check_directive(c.params, "nc", c.nc);
    check_directive(c.params, "qop", c.qop);
    check_qop(c.qop, c.qop_mask);
    check_flag(c.params, "userhash", c.userhash);
    check_algorithm(c.params, c.algorithm, c.algorithm_id);
    /* with no lax directive every one has its own form: nc is 8LHEX, response 32 or 64 */
    if (!c.lax.name.ptr) {
        CHECK(!c.nc.ptr || c.nc.len == 8);
        CHECK(!c.response.ptr || c.response.len == 32 || c.response.len == 64);
    }
    return rc;
}

static sipparse_err typed_auth_info(sipparse_slice v, sipparse_error *e)
{
    sipparse_auth_info a;
    sipparse_err rc = sipparse_auth_info_parse(v, &a, e);
    if (rc != SIPPARSE_OK)
        return rc;
    /* no auth-param alternative: every directive has its own form */
    check_directive(v, "nextnonce", a.nextnonce);
    check_directive(v, "rspauth", a.rspauth);
    check_directive(v, "cnonce", a.cnonce);
    check_directive(v, "nc", a.nc);
    check_directive(v, "qop", a.qop);
    check_qop(a.qop, a.qop_mask);
    CHECK(!a.nc.ptr || a.nc.len == 8);
    return rc;
}

/* An event-type: package first, then '.' and the templates, which end the type. */
static void check_event_type(const sipparse_event *ev, const char *lo, const char *hi)
{
    check_filled(ev->type, lo, hi);
    CHECK(ev->package.ptr == ev->type.ptr && ev->package.len > 0);
    CHECK_SUB(ev->package, ev->type);
    if (ev->templates.ptr) {
        CHECK(ev->templates.ptr == end_of(ev->package) + 1 && ev->package.ptr[ev->package.len] == '.');
        CHECK(end_of(ev->templates) == end_of(ev->type));
    } else {
        CHECK(ev->package.len == ev->type.len);
    }
}

static sipparse_err typed_event(sipparse_slice v, sipparse_error *e)
{
    sipparse_event ev;
    sipparse_err rc = sipparse_event_parse(v, &ev, e);
    if (rc != SIPPARSE_OK)
        return rc;
    check_event_type(&ev, v.ptr, end_of(v));
    check_params(ev.params, end_of(ev.type), end_of(v));
    CHECK_SUB(ev.id, ev.params);
    check_param_field(ev.params, "id", 0, ev.id);
    return rc;
}

static const char *const substate_names[] = { NULL, "active", "pending", "terminated" };
static const char *const event_reason_names[] = {
    NULL, NULL, "deactivated", "probation", "rejected", "timeout", "giveup", "noresource",
    "invariant",
};

static sipparse_err typed_substate(sipparse_slice v, sipparse_error *e)
{
    sipparse_substate_hdr s;
    sipparse_err rc = sipparse_substate_parse(v, &s, e);
    if (rc != SIPPARSE_OK)
        return rc;
    check_filled(s.state, v.ptr, end_of(v));
    check_keyword(s.state, s.state_id, substate_names, 4);
    check_params(s.params, end_of(s.state), end_of(v));
    CHECK_SUB(s.reason, s.params);
    check_param_field(s.params, "reason", 0, s.reason);
    CHECK((s.reason_id == SIPPARSE_EVENT_REASON_NONE) == (s.reason.ptr == NULL));
    if (s.reason.ptr)
        check_keyword(s.reason, s.reason_id, event_reason_names, 9);
    check_param_number(s.params, "expires", s.expires);
    check_param_number(s.params, "retry-after", s.retry_after);
    return rc;
}

static sipparse_err typed_session_expires(sipparse_slice v, int min_se, sipparse_error *e)
{
    sipparse_session_expires s;
    sipparse_err rc = min_se ? sipparse_min_se_parse(v, &s, e)
                             : sipparse_session_expires_parse(v, &s, e);
    if (rc != SIPPARSE_OK)
        return rc;
    check_params(s.params, v.ptr, end_of(v));
    CHECK_SUB(s.refresher, s.params);
    if (min_se) {   /* a refresher there is a generic-param */
        CHECK(!s.refresher.ptr && s.refresher_id == SIPPARSE_REFRESHER_NONE);
    } else {
        static const char *const names[] = { NULL, "uac", "uas" };
        check_param_field(s.params, "refresher", 0, s.refresher);
        CHECK((s.refresher_id == SIPPARSE_REFRESHER_NONE) == (s.refresher.ptr == NULL));
        check_keyword(s.refresher, s.refresher_id, names, 3);
    }
    return rc;
}

static sipparse_err typed_replaces(sipparse_slice v, sipparse_error *e)
{
    sipparse_replaces r;
    sipparse_err rc = sipparse_replaces_parse(v, &r, e);
    if (rc != SIPPARSE_OK)
        return rc;
    check_filled(r.call_id, v.ptr, end_of(v));
    check_params(r.params, end_of(r.call_id), end_of(v));
    CHECK_SUB(r.to_tag, r.params);
    CHECK_SUB(r.from_tag, r.params);
    check_param_field(r.params, "to-tag", 0, r.to_tag);
    check_param_field(r.params, "from-tag", 0, r.from_tag);
    int found;
    (void)param_value(r.params, "early-only", 0, &found);
    CHECK(r.early_only == found);
    return rc;
}

static sipparse_err typed_referred_by(sipparse_slice v, sipparse_error *e)
{
    sipparse_referred_by r;
    sipparse_err rc = sipparse_referred_by_parse(v, &r, e);
    if (rc != SIPPARSE_OK)
        return rc;
    fz_check_nameaddr(&r.addr, v.ptr, end_of(v));
    CHECK(!r.addr.star);
    CHECK_SUB(r.cid, r.addr.params);
    check_param_field(r.addr.params, "cid", 0, r.cid);
    return rc;
}

static sipparse_err typed_rack(sipparse_slice v, sipparse_error *e)
{
    sipparse_rack r;
    sipparse_err rc = sipparse_rack_parse(v, &r, e);
    if (rc != SIPPARSE_OK)
        return rc;
    check_filled(r.method, v.ptr, end_of(v));
    check_method(r.method, r.method_id);
    return rc;
}

static sipparse_err typed_rseq(sipparse_slice v, sipparse_error *e)
{
    uint32_t n = 0;
    sipparse_err rc = sipparse_rseq_parse(v, &n, e);
    if (rc == SIPPARSE_OK) {   /* the whole value is the number */
        unsigned long long want;
        CHECK(sipparse_slice_to_u64(v, 0xffffffffu, &want) == 0 && want == n);
    }
    return rc;
}

static sipparse_err typed_retry_after(sipparse_slice v, sipparse_error *e)
{
    sipparse_retry_after r;
    sipparse_err rc = sipparse_retry_after_parse(v, &r, e);
    if (rc != SIPPARSE_OK)
        return rc;
    const char *after = v.ptr;
    if (r.comment.ptr) {
        CHECK_IN(r.comment, v.ptr, end_of(v));
        CHECK(r.comment.len >= 2 && r.comment.ptr[0] == '(' && end_of(r.comment)[-1] == ')');
        after = end_of(r.comment);
    }
    check_params(r.params, after, end_of(v));
    check_param_number(r.params, "duration", r.duration);
    return rc;
}

/* 1*DIGIT [ "." *DIGIT ] (allow_empty: the digits before '.' may be missing). */
static int decimal(sipparse_slice s, int allow_empty)
{
    size_t i = 0, dots = 0;
    for (; i < s.len; i++) {
        if (s.ptr[i] == '.') {
            if (++dots > 1)
                return 0;
        } else if (s.ptr[i] < '0' || s.ptr[i] > '9') {
            return 0;
        }
    }
    return allow_empty || (s.len > 0 && s.ptr[0] != '.');
}

static sipparse_err typed_timestamp(sipparse_slice v, sipparse_error *e)
{
    sipparse_timestamp t;
    sipparse_err rc = sipparse_timestamp_parse(v, &t, e);
    if (rc != SIPPARSE_OK)
        return rc;
    check_filled(t.value, v.ptr, end_of(v));
    CHECK(decimal(t.value, 0));
    if (t.delay.ptr) {
        CHECK_IN(t.delay, end_of(t.value), end_of(v));
        CHECK(t.delay.ptr > end_of(t.value) || t.delay.len == 0);
        CHECK(decimal(t.delay, 1));
    }
    return rc;
}

static const char *const priority_names[] = { NULL, "emergency", "urgent", "normal", "non-urgent" };

static sipparse_err typed_priority(sipparse_slice v, sipparse_error *e)
{
    sipparse_priority p;
    sipparse_err rc = sipparse_priority_parse(v, &p, e);
    if (rc != SIPPARSE_OK)
        return rc;
    check_filled(p.value, v.ptr, end_of(v));
    check_keyword(p.value, p.id, priority_names, 5);
    return rc;
}

static sipparse_err typed_disposition(sipparse_slice v, sipparse_error *e)
{
    static const char *const types[] = { NULL, "render", "session", "icon", "alert" };
    static const char *const handlings[] = { NULL, "optional", "required", NULL };
    sipparse_disposition d;
    sipparse_err rc = sipparse_disposition_parse(v, &d, e);
    if (rc != SIPPARSE_OK)
        return rc;
    check_filled(d.type, v.ptr, end_of(v));
    check_keyword(d.type, d.type_id, types, 5);
    check_params(d.params, end_of(d.type), end_of(v));
    CHECK_SUB(d.handling, d.params);
    check_param_field(d.params, "handling", 0, d.handling);
    CHECK((d.handling_id == SIPPARSE_HANDLING_ABSENT) == (d.handling.ptr == NULL));
    if (d.handling.ptr)
        check_keyword(d.handling, d.handling_id, handlings, 4);
    return rc;
}

static sipparse_err typed_identity(sipparse_slice v, sipparse_error *e)
{
    sipparse_identity id;
    sipparse_err rc = sipparse_identity_parse(v, &id, e);
    if (rc != SIPPARSE_OK)
        return rc;
    const char *lo = v.ptr, *hi = end_of(v);
    check_filled(id.digest, lo, hi);
    if (!id.info.ptr) {   /* the RFC 4474 form: the digest alone */
        CHECK(!id.params.ptr && !id.alg.ptr && !id.ppt.ptr);
        return rc;
    }
    CHECK_IN(id.info, end_of(id.digest), hi);
    CHECK(id.info.ptr[-1] == '<' && id.info.ptr[id.info.len] == '>');
    CHECK(id.info_uri.raw.ptr == id.info.ptr && id.info_uri.raw.len == id.info.len);
    fz_check_uri(&id.info_uri, id.info.ptr, end_of(id.info));
    CHECK(id.params.ptr && id.params.ptr[0] == ';' && id.params.ptr < id.info.ptr);
    CHECK_IN(id.params, end_of(id.digest), hi);
    CHECK(end_of(id.params) == hi);
    CHECK_SUB(id.alg, id.params);
    CHECK_SUB(id.ppt, id.params);
    /* the walk steps over the ';' and ',' inside <ident-info-uri> (F10) and finds alg
     * and ppt where the parse did */
    check_params(id.params, lo, hi);
    sipparse_slice alg = SIPPARSE_SLICE_NONE;
    if (sipparse_param_get(id.params, "alg", &alg))
        CHECK(id.alg.ptr == NULL || alg.ptr != NULL);
    return rc;
}

/* ---- list walkers ---------------------------------------------------------------------- */

/* Storage for one element of any list below. */
typedef union list_out {
    sipparse_event ev;
    sipparse_reason reason;
    sipparse_item item;
    sipparse_privacy priv;
    sipparse_server_val server;
    sipparse_info info;
    sipparse_warning warning;
    sipparse_nameaddr na;
    sipparse_history history;
    sipparse_diversion diversion;
} list_out;

/* One kind of list: its _next function behind an adapter (no calls through a function
 * pointer of another type), whether END may come first (an empty list is valid), and
 * the check of one element, which got [lo + before, lo + pos] of value. */
typedef struct list_kind {
    sipparse_err (*next)(sipparse_slice, size_t *, list_out *, sipparse_error *);
    int may_be_empty;
    void (*check)(const list_out *o, const char *lo, const char *hi, sipparse_slice value);
    sipparse_slice (*raw)(const list_out *o);   /* the element as written */
} list_kind;

/* An element is self-contained: its raw bytes alone, as a value, are a one-element
 * list with the same raw (so nothing around it changed how it parsed). */
static void check_alone(const list_kind *k, const list_out *o)
{
    sipparse_slice raw = k->raw(o);
    list_out alone;
    size_t pos = 0;
    CHECK(k->next(raw, &pos, &alone, NULL) == SIPPARSE_OK && pos == raw.len);
    sipparse_slice again = k->raw(&alone);
    CHECK(again.ptr == raw.ptr && again.len == raw.len);
    CHECK(k->next(raw, &pos, &alone, NULL) == SIPPARSE_END);
}

/* Calls next until it stops: the code does not depend on the error pointer, *pos moves
 * forward and stays inside the value, each element is checked, an error lies in the
 * value, and after SIPPARSE_END another call is SIPPARSE_END again. Returns what check.c
 * makes of it: OK for a list that ended, else the first error. */
static sipparse_err walk_list(sipparse_slice value, const list_kind *k)
{
    const char *lo = value.ptr, *hi = end_of(value);
    size_t pos = 0;
    for (size_t i = 0;; i++) {
        CHECK(i <= value.len + 1);   /* every element takes at least one byte */
        list_out o, o2;
        sipparse_error e;
        memset(&e, 0, sizeof e);
        size_t before = pos, pos2 = pos;
        sipparse_err rc = k->next(value, &pos, &o, &e);
        CHECK(k->next(value, &pos2, &o2, NULL) == rc && pos2 == pos);
        CHECK(pos <= value.len);
        if (rc == SIPPARSE_END) {
            CHECK(i > 0 || k->may_be_empty);
            size_t again = pos;
            CHECK(k->next(value, &again, &o2, NULL) == SIPPARSE_END && again == pos);
            return SIPPARSE_OK;
        }
        if (rc != SIPPARSE_OK) {
            fz_check_error(&e, rc, lo, hi);
            return rc;
        }
        CHECK(value.ptr != NULL && pos > before);
        k->check(&o, lo + before, lo + pos, value);
        check_alone(k, &o);
    }
}

static void item_common(const sipparse_item *it, const char *a, const char *b)
{
    check_filled(it->raw, a, b);
    check_filled(it->value, it->raw.ptr, end_of(it->raw));
    CHECK(it->value.ptr == it->raw.ptr);
    CHECK(!it->subtype.ptr && it->method_id == SIPPARSE_METHOD_OTHER);
}

/* A plain token list element: the value is the whole element, no params. */
static void check_token_item(const list_out *o, const char *a, const char *b, sipparse_slice v)
{
    (void)v;
    item_common(&o->item, a, b);
    CHECK(sipparse_slice_eq(o->item.value, o->item.raw));
    CHECK(!o->item.params.ptr && !o->item.q.ptr);
}

static void check_allow_item(const list_out *o, const char *a, const char *b, sipparse_slice v)
{
    sipparse_item it = o->item;
    check_method(it.value, it.method_id);
    it.method_id = SIPPARSE_METHOD_OTHER;
    list_out copy = { .item = it };
    check_token_item(&copy, a, b, v);
}

/* qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] ) (RFC 3261 §25.1) */
static int is_qvalue(sipparse_slice q)
{
    if (q.len < 1 || q.len > 5 || (q.ptr[0] != '0' && q.ptr[0] != '1'))
        return 0;
    if (q.len == 1)
        return 1;
    if (q.ptr[1] != '.')
        return 0;
    for (size_t i = 2; i < q.len; i++)
        if (q.ptr[i] < '0' || q.ptr[i] > (q.ptr[0] == '1' ? '0' : '9'))
            return 0;
    return 1;
}

/* An accept-range, encoding or language: the value, then the params with a valid q. */
static void check_accept_item(const list_out *o, const char *a, const char *b, sipparse_slice v)
{
    (void)v;
    const sipparse_item *it = &o->item;
    check_filled(it->raw, a, b);
    check_filled(it->value, it->raw.ptr, end_of(it->raw));
    CHECK(it->value.ptr == it->raw.ptr && it->method_id == SIPPARSE_METHOD_OTHER);
    const char *after = end_of(it->value);
    if (it->subtype.ptr) {
        check_filled(it->subtype, end_of(it->value), end_of(it->raw));
        after = end_of(it->subtype);
    }
    check_params(it->params, after, end_of(it->raw));
    CHECK_SUB(it->q, it->params);
    if (it->q.ptr)
        CHECK(is_qvalue(it->q));
}

static void check_media_item(const list_out *o, const char *a, const char *b, sipparse_slice v)
{
    CHECK(o->item.subtype.ptr != NULL);
    check_accept_item(o, a, b, v);
}

static void check_plain_accept(const list_out *o, const char *a, const char *b, sipparse_slice v)
{
    CHECK(o->item.subtype.ptr == NULL);
    check_accept_item(o, a, b, v);
}

static void check_privacy(const list_out *o, const char *a, const char *b, sipparse_slice v)
{
    static const char *const names[] = { NULL, "header", "session", "user", "none",
                                         "critical", "id", "history" };
    (void)v;
    check_filled(o->priv.value, a, b);
    check_keyword(o->priv.value, o->priv.id, names, 8);
}

static void check_server(const list_out *o, const char *a, const char *b, sipparse_slice v)
{
    const sipparse_server_val *s = &o->server;
    (void)v;
    check_filled(s->raw, a, b);
    CHECK((s->product.ptr != NULL) != (s->comment.ptr != NULL));
    if (s->comment.ptr) {
        CHECK(sipparse_slice_eq(s->comment, s->raw) && s->comment.ptr == s->raw.ptr);
        CHECK(s->raw.len >= 2 && s->raw.ptr[0] == '(' && end_of(s->raw)[-1] == ')');
        CHECK(!s->version.ptr);
    } else {
        check_filled(s->product, s->raw.ptr, end_of(s->raw));
        CHECK(s->product.ptr == s->raw.ptr);
        if (s->version.ptr) {
            check_filled(s->version, end_of(s->product) + 1, end_of(s->raw));
            CHECK(end_of(s->version) == end_of(s->raw));
        } else {
            CHECK(s->product.len == s->raw.len);
        }
    }
}

static void check_info(const list_out *o, const char *a, const char *b, sipparse_slice v)
{
    const sipparse_info *in = &o->info;
    (void)v;
    check_filled(in->raw, a, b);
    CHECK(in->raw.ptr[0] == '<');
    fz_check_uri(&in->uri, in->raw.ptr + 1, end_of(in->raw));
    fz_uri_roundtrip(&in->uri, SIPPARSE_URI_FULL);
    CHECK(end_of(in->uri.raw)[0] == '>');
    check_params(in->params, end_of(in->uri.raw) + 1, end_of(in->raw));
    CHECK(!in->params.ptr || end_of(in->params) == end_of(in->raw));
    CHECK_SUB(in->purpose, in->params);
    check_param_field(in->params, "purpose", 0, in->purpose);
}

static void check_warning(const list_out *o, const char *a, const char *b, sipparse_slice v)
{
    const sipparse_warning *w = &o->warning;
    (void)v;
    check_filled(w->raw, a, b);
    CHECK(w->code <= 999);
    CHECK(w->raw.len > 4 && w->raw.ptr[3] == ' ');
    check_filled(w->agent, w->raw.ptr + 4, end_of(w->raw));
    CHECK(w->agent_port >= -1 && w->agent_port <= 65535);
    check_filled(w->text, end_of(w->agent), end_of(w->raw));
    CHECK(w->text.len >= 2 && w->text.ptr[0] == '"' && end_of(w->text)[-1] == '"');
    CHECK(end_of(w->text) == end_of(w->raw));
    check_unquote(w->text);
}

static void check_na_element(const sipparse_nameaddr *na, const char *a, const char *b)
{
    fz_check_nameaddr(na, a, b);
    CHECK(!na->star);
}

static void check_passerted(const list_out *o, const char *a, const char *b, sipparse_slice v)
{
    (void)v;
    check_na_element(&o->na, a, b);
    CHECK(!o->na.params.ptr);
}

/* index-val = number *( "." number ), number = "0" / ( %x31-39 *DIGIT ) (RFC 7044 §9) */
static int is_index_val(sipparse_slice s)
{
    size_t i = 0;
    for (;;) {
        if (i >= s.len || s.ptr[i] < '0' || s.ptr[i] > '9')
            return 0;
        int zero = s.ptr[i] == '0';
        size_t start = i;
        while (i < s.len && s.ptr[i] >= '0' && s.ptr[i] <= '9')
            i++;
        if (zero && i - start > 1)
            return 0;
        if (i == s.len)
            return 1;
        if (s.ptr[i++] != '.')
            return 0;
    }
}

static void check_history(const list_out *o, const char *a, const char *b, sipparse_slice v)
{
    const sipparse_history *h = &o->history;
    const sipparse_slice vals[] = { h->index, h->rc, h->mp, h->np };
    static const char *const names[] = { "index", "rc", "mp", "np" };
    (void)v;
    check_na_element(&h->na, a, b);
    for (size_t i = 0; i < 4; i++) {
        CHECK_SUB(vals[i], h->na.params);
        check_param_field(h->na.params, names[i], 1, vals[i]);
        if (vals[i].ptr)
            CHECK(is_index_val(vals[i]));
    }
}

/* A diversion-counter or -limit: the first such param's 1*2DIGIT, or -1. */
static void check_two_digits(sipparse_slice params, const char *name, int n)
{
    int found;
    sipparse_slice d = param_value(params, name, 1, &found);
    unsigned long long want;
    if (!found)
        CHECK(n == -1);
    else
        CHECK(d.len >= 1 && d.len <= 2 && sipparse_slice_to_u64(d, 99, &want) == 0 &&
              (int)want == n);
}

static void check_diversion(const list_out *o, const char *a, const char *b, sipparse_slice v)
{
    const sipparse_diversion *d = &o->diversion;
    (void)v;
    check_na_element(&d->na, a, b);
    CHECK_SUB(d->reason, d->na.params);
    CHECK_SUB(d->privacy, d->na.params);
    CHECK_SUB(d->screen, d->na.params);
    check_param_field(d->na.params, "reason", 1, d->reason);
    check_param_field(d->na.params, "privacy", 1, d->privacy);
    check_param_field(d->na.params, "screen", 1, d->screen);
    check_two_digits(d->na.params, "counter", d->counter);
    check_two_digits(d->na.params, "limit", d->limit);
}

static void check_allow_event(const list_out *o, const char *a, const char *b, sipparse_slice v)
{
    (void)v;
    check_event_type(&o->ev, a, b);
    CHECK(!o->ev.id.ptr && !o->ev.params.ptr);
}

static void check_reason(const list_out *o, const char *a, const char *b, sipparse_slice v)
{
    static const char *const protocols[] = { NULL, "SIP", "Q.850" };
    const sipparse_reason *r = &o->reason;
    (void)v;
    check_filled(r->raw, a, b);
    check_filled(r->protocol, r->raw.ptr, end_of(r->raw));
    CHECK(r->protocol.ptr == r->raw.ptr);
    check_keyword(r->protocol, r->protocol_id, protocols, 3);
    check_params(r->params, end_of(r->protocol), end_of(r->raw));
    CHECK(!r->params.ptr || end_of(r->params) == end_of(r->raw));
    check_param_number(r->params, "cause", r->cause);
    CHECK_SUB(r->text, r->params);
    check_param_field(r->params, "text", 0, r->text);
    if (r->text.ptr) {
        CHECK(r->text.len >= 2 && r->text.ptr[0] == '"' && end_of(r->text)[-1] == '"');
        check_unquote(r->text);
    }
}

/* Adapters: each calls one _next function with its own element type. */
#define ADAPT(fn, member)                                                                   \
    static sipparse_err fn##_o(sipparse_slice v, size_t *pos, list_out *o, sipparse_error *e) \
    {                                                                                       \
        return fn(v, pos, &o->member, e);                                                   \
    }
ADAPT(sipparse_allow_events_next, ev)
ADAPT(sipparse_reason_next, reason)
ADAPT(sipparse_supported_next, item)
ADAPT(sipparse_require_next, item)
ADAPT(sipparse_allow_next, item)
ADAPT(sipparse_accept_next, item)
ADAPT(sipparse_accept_encoding_next, item)
ADAPT(sipparse_accept_language_next, item)
ADAPT(sipparse_content_encoding_next, item)
ADAPT(sipparse_content_language_next, item)
ADAPT(sipparse_in_reply_to_next, item)
ADAPT(sipparse_privacy_next, priv)
ADAPT(sipparse_server_next, server)
ADAPT(sipparse_info_next, info)
ADAPT(sipparse_warning_next, warning)
ADAPT(sipparse_passertedid_next, na)
ADAPT(sipparse_history_next, history)
ADAPT(sipparse_diversion_next, diversion)
#undef ADAPT

static sipparse_slice raw_ev(const list_out *o) { return o->ev.type; }
static sipparse_slice raw_reason(const list_out *o) { return o->reason.raw; }
static sipparse_slice raw_item(const list_out *o) { return o->item.raw; }
static sipparse_slice raw_priv(const list_out *o) { return o->priv.value; }
static sipparse_slice raw_server(const list_out *o) { return o->server.raw; }
static sipparse_slice raw_info(const list_out *o) { return o->info.raw; }
static sipparse_slice raw_warning(const list_out *o) { return o->warning.raw; }
static sipparse_slice raw_na(const list_out *o) { return o->na.raw; }
static sipparse_slice raw_history(const list_out *o) { return o->history.na.raw; }
static sipparse_slice raw_diversion(const list_out *o) { return o->diversion.na.raw; }

/* The list kinds, by syntax; may_be_empty follows the ABNF ([ ... ] around the list). */
static const list_kind lists[] = {
    [ALLOW_EVENTS]     = { sipparse_allow_events_next_o, 0, check_allow_event, raw_ev },
    [REASON]           = { sipparse_reason_next_o, 0, check_reason, raw_reason },
    [SUPPORTED]        = { sipparse_supported_next_o, 1, check_token_item, raw_item },
    [OPTION_TAGS]      = { sipparse_require_next_o, 0, check_token_item, raw_item },
    [ALLOW]            = { sipparse_allow_next_o, 1, check_allow_item, raw_item },
    [ACCEPT]           = { sipparse_accept_next_o, 1, check_media_item, raw_item },
    [ACCEPT_ENCODING]  = { sipparse_accept_encoding_next_o, 1, check_plain_accept, raw_item },
    [ACCEPT_LANGUAGE]  = { sipparse_accept_language_next_o, 1, check_plain_accept, raw_item },
    [CONTENT_ENCODING] = { sipparse_content_encoding_next_o, 0, check_token_item, raw_item },
    [CONTENT_LANGUAGE] = { sipparse_content_language_next_o, 0, check_token_item, raw_item },
    [IN_REPLY_TO]      = { sipparse_in_reply_to_next_o, 0, check_token_item, raw_item },
    [PRIVACY]          = { sipparse_privacy_next_o, 0, check_privacy, raw_priv },
    [SERVER_VAL]       = { sipparse_server_next_o, 0, check_server, raw_server },
    [INFO_URI]         = { sipparse_info_next_o, 0, check_info, raw_info },
    [WARNING]          = { sipparse_warning_next_o, 0, check_warning, raw_warning },
    [PASSERTED_ID]     = { sipparse_passertedid_next_o, 0, check_passerted, raw_na },
    [HISTORY_INFO]     = { sipparse_history_next_o, 0, check_history, raw_history },
    [DIVERSION]        = { sipparse_diversion_next_o, 0, check_diversion, raw_diversion },
};

/* A single-value parser: the code does not depend on the error pointer. */
typedef sipparse_err (*single_fn)(sipparse_slice, sipparse_error *);

static sipparse_err single(sipparse_slice v, single_fn fn, sipparse_error *e)
{
    sipparse_err rc = fn(v, e);
    CHECK(fn(v, NULL) == rc);
    return rc;
}

static sipparse_err typed_min_se(sipparse_slice v, sipparse_error *e) { return typed_session_expires(v, 1, e); }
static sipparse_err typed_se(sipparse_slice v, sipparse_error *e) { return typed_session_expires(v, 0, e); }
static sipparse_err typed_refer_to(sipparse_slice v, sipparse_error *e)
{
    sipparse_nameaddr na;
    sipparse_err rc = sipparse_refer_to_parse(v, &na, e);
    if (rc == SIPPARSE_OK)
        check_na_element(&na, v.ptr, end_of(v));
    return rc;
}
static sipparse_err typed_text_trim(sipparse_slice v, sipparse_error *e)
{
    return sipparse_text_trim_parse(v, e);
}

static const single_fn singles[] = {
    [CHALLENGE] = typed_challenge,     [CREDENTIALS] = typed_credentials,
    [AUTHINFO] = typed_auth_info,      [EVENT] = typed_event,
    [MIN_SE] = typed_min_se,           [RACK] = typed_rack,
    [REFER_TO] = typed_refer_to,       [REFERRED_BY] = typed_referred_by,
    [REPLACES] = typed_replaces,       [RETRY_AFTER] = typed_retry_after,
    [RSEQ] = typed_rseq,               [SESSION_EXPIRES] = typed_se,
    [SUBSTATE] = typed_substate,       [TIMESTAMP] = typed_timestamp,
    [PRIORITY] = typed_priority,       [DISPOSITION] = typed_disposition,
    [IDENTITY] = typed_identity,       [TEXT_TRIM] = typed_text_trim,
};

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
    case ANY:
        rc = sipparse_text_parse(v, &e);
        break;
    default: {
        unsigned syn = hdr_syntax[id];
        if (syn < sizeof lists / sizeof lists[0] && lists[syn].next)
            return walk_list(v, &lists[syn]);   /* checks its own errors */
        /* every SYNTAX kind has a case: a new one must be added here */
        CHECK(syn < sizeof singles / sizeof singles[0] && singles[syn] != NULL);
        rc = single(v, singles[syn], &e);
        break;
    }
    }
    if (rc != SIPPARSE_OK)
        fz_check_error(&e, rc, lo, hi);
    return rc;
}
