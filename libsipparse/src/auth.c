/* auth.c: challenges, credentials and Authentication-Info (RFC 3261 §20.6, §20.7,
 * §20.27, §20.28, §20.44, §25.1; RFC 2617 §3.2; RFC 7616 §3.3-§3.5). The grammar
 * (sip_auth.re) reads one auth-param at a time and says which directive it is; this
 * file walks the comma list and decides, per header, which directives it knows. */
#include <string.h>
#include "grammar.h"

/* The RFC rule of each directive's own form: named when a value misses it. */
static const char *const own_rule[] = {
    [SP_AUTH_OTHER] = "auth-param",       [SP_AUTH_REALM] = "realm-value",
    [SP_AUTH_NONCE] = "nonce-value",      [SP_AUTH_OPAQUE] = "opaque",
    [SP_AUTH_DOMAIN] = "domain",          [SP_AUTH_STALE] = "stale",
    [SP_AUTH_ALGORITHM] = "algorithm",    [SP_AUTH_QOP_OPTIONS] = "qop-options",
    [SP_AUTH_QOP] = "message-qop",        [SP_AUTH_USERHASH] = "userhash",
    [SP_AUTH_CHARSET] = "charset",        [SP_AUTH_USERNAME] = "username-value",
    [SP_AUTH_USERNAME_EXT] = "ext-value", [SP_AUTH_URI] = "digest-uri",
    [SP_AUTH_RESPONSE] = "request-digest", [SP_AUTH_CNONCE] = "cnonce-value",
    [SP_AUTH_NC] = "nc-value",            [SP_AUTH_NEXTNONCE] = "nextnonce",
    [SP_AUTH_RSPAUTH] = "response-digest",
};

/* Called for each auth-param; returns SIPPARSE_OK or the error it set. */
typedef sipparse_err (*set_fn)(void *out, const sp_auth_item *ap, sipparse_error *err);

/* p is at the opening quote of a value the grammar refused: the byte that breaks the
 * quoted-string (a control character, a bad escape, a CR that is not a fold), the end
 * when it is unterminated, else the quote itself. Error path only. */
static const char *quoted_fault(const char *v, const char *lim)
{
    for (const char *s = v + 1; s < lim; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"')
            return v;
        if (c == '\\') {
            if (s + 1 == lim || s[1] == '\r' || s[1] == '\n')
                return s;
            s++;
        } else if (c == '\r' || c == '\n') {
            const char *f = sp_sws(s, lim);
            if (f == s)
                return s;
            s = f - 1;
        } else if ((c < 0x20 && c != '\t') || c == 0x7f || c == 0xff) {
            return s;
        }
    }
    return lim;
}

/* Where an auth-param that the grammar refused goes wrong: no name, no '=' after it,
 * or the value. Error path only. */
static const char *bad_param_at(const char *p, const char *lim)
{
    const char *q = p + sp_token(p, lim);
    if (q == p)
        return p;
    const char *e = sp_sws(q, lim);
    if (e == lim || *e != '=')
        return e;
    const char *v = sp_sws(e + 1, lim);
    if (v < lim && *v == '"')
        return quoted_fault(v, lim);
    return v;
}

/* auth-param *(COMMA auth-param) from p to lim, each handed to set. */
static sipparse_err param_list(const char *p, const char *lim, const char *list_rule,
                               set_fn set, void *out, sipparse_error *err)
{
    for (;;) {
        sp_auth_item ap;
        const char *q = sp_auth_param(p, lim, &ap);
        if (!q)
            return sp_fail(err, SIPPARSE_E_HEADER_VALUE, bad_param_at(p, lim), "auth-param");
        sipparse_err rc = set(out, &ap, err);
        if (rc != SIPPARSE_OK)
            return rc;
        const char *c = sp_comma(q, lim);
        if (c) {
            p = c;
            continue;
        }
        const char *e = sp_sws(q, lim);
        if (e == lim)
            return SIPPARSE_OK;
        /* something follows a directive without a comma */
        return sp_fail(err, SIPPARSE_E_HEADER_VALUE, e, list_rule);
    }
}

/* auth-scheme LWS at the start of value (leading LWS skipped): fills the scheme and
 * *params (the rest), or fails naming rule. */
static sipparse_err scheme_head(sipparse_slice value, const char *rule, sipparse_slice *scheme,
                                sipparse_auth_scheme *id, sipparse_slice *params,
                                sipparse_error *err)
{
    if (!value.ptr)
        return sp_fail(err, SIPPARSE_E_HEADER_VALUE, NULL, rule);
    const char *lim = value.ptr + value.len;
    const char *p = sp_sws(value.ptr, lim), *s1;
    const char *rest = sp_auth_scheme(p, lim, &s1);
    if (!rest) {
        size_t n = sp_token(p, lim);
        return sp_fail(err, SIPPARSE_E_HEADER_VALUE, p + n, n ? rule : "auth-scheme");
    }
    *scheme = (sipparse_slice){ p, (size_t)(s1 - p) };
    *id = SP_EQ_LIT(*scheme, "digest") ? SIPPARSE_AUTH_DIGEST
        : SP_EQ_LIT(*scheme, "basic")  ? SIPPARSE_AUTH_BASIC
                                       : SIPPARSE_AUTH_OTHER;
    /* params run to the last non-LWS byte; param_list checks them */
    const char *end = lim;
    while (end > rest && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r' || end[-1] == '\n'))
        end--;
    *params = (sipparse_slice){ rest, (size_t)(end - rest) };
    return SIPPARSE_OK;
}

static sipparse_auth_algorithm algorithm_id(sipparse_slice v)
{
    if (SP_EQ_LIT(v, "md5")) return SIPPARSE_AUTH_ALG_MD5;
    if (SP_EQ_LIT(v, "md5-sess")) return SIPPARSE_AUTH_ALG_MD5_SESS;
    if (SP_EQ_LIT(v, "sha-256")) return SIPPARSE_AUTH_ALG_SHA_256;
    if (SP_EQ_LIT(v, "sha-256-sess")) return SIPPARSE_AUTH_ALG_SHA_256_SESS;
    if (SP_EQ_LIT(v, "sha-512-256")) return SIPPARSE_AUTH_ALG_SHA_512_256;
    if (SP_EQ_LIT(v, "sha-512-256-sess")) return SIPPARSE_AUTH_ALG_SHA_512_256_SESS;
    return SIPPARSE_AUTH_ALG_OTHER;
}

/* The qop values of a list ("auth,auth-int") or of one message-qop. */
static unsigned qop_mask(sipparse_slice v)
{
    unsigned mask = 0;
    size_t pos = 0;
    sipparse_slice item;
    while (sipparse_list_next(v, &pos, &item))
        mask |= SP_EQ_LIT(item, "auth")       ? SIPPARSE_QOP_AUTH
              : SP_EQ_LIT(item, "auth-int")   ? SIPPARSE_QOP_AUTH_INT
                                              : SIPPARSE_QOP_OTHER;
    return mask;
}

/* stale and userhash: the own form is "true" or "false"; any other value is not TRUE. */
static sipparse_auth_flag flag_of(sipparse_slice v)
{
    return SP_EQ_LIT(v, "true") ? SIPPARSE_AUTH_FLAG_TRUE : SIPPARSE_AUTH_FLAG_FALSE;
}

/* Keeps the first lax directive: rule is NULL when the value had its own form. */
static void note_lax(sipparse_auth_lax *lax, const sp_auth_item *ap, const char *rule)
{
    if (rule && !lax->name.ptr) {
        lax->name = ap->name;
        lax->rule = rule;
    }
}

/* ---- challenge ------------------------------------------------------------------------- */

static sipparse_err challenge_set(void *out, const sp_auth_item *ap, sipparse_error *err)
{
    sipparse_challenge *c = out;
    const char *lax = ap->lax ? own_rule[ap->id] : NULL;
    sipparse_slice v = ap->value;
    (void)err;
    /* RFC 2617 §1.2 gives every scheme a realm; the rest are Digest's (RFC 3261 §25.1) */
    if (c->scheme_id != SIPPARSE_AUTH_DIGEST && ap->id != SP_AUTH_REALM)
        return SIPPARSE_OK;
    switch (ap->id) {
    case SP_AUTH_REALM: c->realm = v; break;
    case SP_AUTH_NONCE: c->nonce = v; break;
    case SP_AUTH_OPAQUE: c->opaque = v; break;
    case SP_AUTH_DOMAIN: c->domain = v; break;
    case SP_AUTH_STALE: c->stale = flag_of(v); break;
    case SP_AUTH_USERHASH: c->userhash = flag_of(v); break;
    case SP_AUTH_CHARSET: c->charset = v; break;
    case SP_AUTH_ALGORITHM:
        c->algorithm = v;
        c->algorithm_id = algorithm_id(v);
        break;
    case SP_AUTH_QOP_OPTIONS:
    case SP_AUTH_QOP:
        /* a challenge offers a quoted list; a bare qop-value is message-qop's form */
        lax = ap->id == SP_AUTH_QOP ? own_rule[SP_AUTH_QOP_OPTIONS] : NULL;
        c->qop = v;
        c->qop_mask = qop_mask(v);
        break;
    default:
        return SIPPARSE_OK;   /* an auth-param of this challenge */
    }
    note_lax(&c->lax, ap, lax);
    return SIPPARSE_OK;
}

sipparse_err sipparse_challenge_parse(sipparse_slice value, sipparse_challenge *out,
                                      sipparse_error *err)
{
    memset(out, 0, sizeof *out);
    sipparse_err rc = scheme_head(value, "challenge", &out->scheme, &out->scheme_id,
                                  &out->params, err);
    if (rc != SIPPARSE_OK)
        return rc;
    return param_list(out->params.ptr, value.ptr + value.len, "challenge", challenge_set, out,
                      err);
}

/* ---- credentials ----------------------------------------------------------------------- */

static sipparse_err credentials_set(void *out, const sp_auth_item *ap, sipparse_error *err)
{
    sipparse_credentials *c = out;
    const char *lax = ap->lax ? own_rule[ap->id] : NULL;
    sipparse_slice v = ap->value;
    (void)err;
    if (c->scheme_id != SIPPARSE_AUTH_DIGEST && ap->id != SP_AUTH_REALM)
        return SIPPARSE_OK;
    switch (ap->id) {
    case SP_AUTH_USERNAME: c->username = v; break;
    case SP_AUTH_USERNAME_EXT: c->username_ext = v; break;
    case SP_AUTH_REALM: c->realm = v; break;
    case SP_AUTH_NONCE: c->nonce = v; break;
    case SP_AUTH_URI: c->uri = v; break;
    case SP_AUTH_RESPONSE: c->response = v; break;
    case SP_AUTH_CNONCE: c->cnonce = v; break;
    case SP_AUTH_OPAQUE: c->opaque = v; break;
    case SP_AUTH_NC: c->nc = v; break;
    case SP_AUTH_USERHASH: c->userhash = flag_of(v); break;
    case SP_AUTH_ALGORITHM:
        c->algorithm = v;
        c->algorithm_id = algorithm_id(v);
        break;
    case SP_AUTH_QOP_OPTIONS:
    case SP_AUTH_QOP:
        /* message-qop = "qop" EQUAL qop-value: unquoted (RFC 2617 §3.2.2) */
        lax = ap->id == SP_AUTH_QOP_OPTIONS || ap->lax ? own_rule[SP_AUTH_QOP] : NULL;
        c->qop = v;
        c->qop_mask = qop_mask(v);
        break;
    default:
        return SIPPARSE_OK;
    }
    note_lax(&c->lax, ap, lax);
    return SIPPARSE_OK;
}

sipparse_err sipparse_credentials_parse(sipparse_slice value, sipparse_credentials *out,
                                        sipparse_error *err)
{
    memset(out, 0, sizeof *out);
    sipparse_err rc = scheme_head(value, "credentials", &out->scheme, &out->scheme_id,
                                  &out->params, err);
    if (rc != SIPPARSE_OK)
        return rc;
    return param_list(out->params.ptr, value.ptr + value.len, "credentials", credentials_set,
                      out, err);
}

/* ---- Authentication-Info --------------------------------------------------------------- */

/* ainfo has no auth-param alternative (RFC 3261 §25.1): an unknown name, or a known one
 * outside its own form, is an error. */
static sipparse_err ainfo_set(void *out, const sp_auth_item *ap, sipparse_error *err)
{
    sipparse_auth_info *a = out;
    sipparse_slice v = ap->value;
    sipparse_slice *field;
    switch (ap->id) {
    case SP_AUTH_NEXTNONCE: field = &a->nextnonce; break;
    case SP_AUTH_RSPAUTH: field = &a->rspauth; break;
    case SP_AUTH_CNONCE: field = &a->cnonce; break;
    case SP_AUTH_NC: field = &a->nc; break;
    case SP_AUTH_QOP:
    case SP_AUTH_QOP_OPTIONS:
        if (ap->id == SP_AUTH_QOP_OPTIONS || ap->lax)
            return sp_fail(err, SIPPARSE_E_HEADER_VALUE, v.ptr - ap->quoted, "message-qop");
        a->qop = v;
        a->qop_mask = qop_mask(v);
        return SIPPARSE_OK;
    default:
        return sp_fail(err, SIPPARSE_E_HEADER_VALUE, ap->name.ptr, "ainfo");
    }
    if (ap->lax)   /* at the value, with its opening quote */
        return sp_fail(err, SIPPARSE_E_HEADER_VALUE, v.ptr - ap->quoted, own_rule[ap->id]);
    *field = v;
    return SIPPARSE_OK;
}

sipparse_err sipparse_auth_info_parse(sipparse_slice value, sipparse_auth_info *out,
                                      sipparse_error *err)
{
    memset(out, 0, sizeof *out);
    if (!value.ptr)
        return sp_fail(err, SIPPARSE_E_HEADER_VALUE, NULL, "Authentication-Info");
    const char *lim = value.ptr + value.len;
    return param_list(sp_sws(value.ptr, lim), lim, "Authentication-Info", ainfo_set, out, err);
}

/* ---- walking and unquoting -------------------------------------------------------------- */

static int is_lws(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

int sipparse_auth_param_next(sipparse_slice *rest, sipparse_param *out)
{
    size_t pos = 0;
    sipparse_slice item;
    if (!sipparse_list_next(*rest, &pos, &item) || item.len == 0) {
        if (rest->ptr)
            *rest = (sipparse_slice){ rest->ptr + rest->len, 0 };
        return 0;
    }
    *rest = (sipparse_slice){ rest->ptr + pos, rest->len - pos };
    /* name EQUAL value: the name is a token, so the first '=' ends it */
    const char *p = item.ptr, *end = item.ptr + item.len;
    const char *eq = memchr(p, '=', item.len);
    const char *n1 = eq ? eq : end;
    while (n1 > p && is_lws(n1[-1]))
        n1--;
    out->name = (sipparse_slice){ p, (size_t)(n1 - p) };
    out->value = SIPPARSE_SLICE_NONE;
    if (eq) {
        const char *v0 = eq + 1;
        while (v0 < end && is_lws(*v0))
            v0++;
        out->value = (sipparse_slice){ v0, (size_t)(end - v0) };
    }
    return 1;
}

int sipparse_auth_param_get(sipparse_slice params, const char *name, sipparse_slice *value)
{
    sipparse_param prm;
    while (sipparse_auth_param_next(&params, &prm))
        if (sipparse_slice_eq_ci(prm.name, name)) {
            *value = prm.value;
            return 1;
        }
    return 0;
}

int sipparse_auth_unquote(sipparse_slice s, char *out, size_t cap)
{
    if (!s.ptr || cap == 0)
        return -1;
    size_t n = 0;
    for (const char *p = s.ptr, *end = s.ptr + s.len; p < end; p++) {
        if (*p == '\\' && p + 1 < end)
            p++;
        if (n + 1 >= cap)
            return -1;
        out[n++] = *p;
    }
    out[n] = '\0';
    return (int)n;
}
