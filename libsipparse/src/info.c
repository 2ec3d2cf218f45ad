/* info.c: Call-Info, Alert-Info, Error-Info and Warning (RFC 3261 §20.9, .4, .18,
 * .43), P-Asserted-Identity and P-Preferred-Identity (RFC 3325 §9), History-Info (RFC
 * 7044 §9), Diversion (RFC 5806 §4) and Identity (RFC 8224 §4.1). Element grammars are
 * in grammar/sip_info.re; URIs and name-addrs come from uri.c and nameaddr.c. */
#include <string.h>
#include "grammar.h"

/* The comma after an element at end: OK with *pos moved past it, or an error naming
 * rule (junk after the element, or a comma with nothing after it). */
static sipparse_err after_element(sipparse_slice value, const char *end, size_t *pos,
                                  const char *rule, sipparse_error *err)
{
    const char *lim = value.ptr + value.len;
    const char *after = sp_sws(end, lim);
    if (after == lim) {
        *pos = value.len;
        return SIPPARSE_OK;
    }
    const char *c = sp_comma(end, lim);
    if (!c || sp_sws(c, lim) == lim)
        return sp_fail(err, SIPPARSE_E_HEADER_VALUE, after, rule);
    *pos = (size_t)(c - value.ptr);
    return SIPPARSE_OK;
}

/* The element's start at *pos after SWS, or NULL when the list is over: *rc is then
 * SIPPARSE_END, or an error for a value with no element at all (every list of this file
 * needs one). */
static const char *element_start(sipparse_slice value, size_t *pos, const char *rule,
                                 sipparse_err *rc, sipparse_error *err)
{
    if (!value.ptr) {
        *rc = sp_fail(err, SIPPARSE_E_HEADER_VALUE, NULL, rule);
        return NULL;
    }
    const char *lim = value.ptr + value.len;
    const char *p = sp_sws(value.ptr + *pos, lim);
    if (p == lim) {
        *rc = *pos == 0 ? sp_fail(err, SIPPARSE_E_HEADER_VALUE, p, rule) : SIPPARSE_END;
        *pos = value.len;
        return NULL;
    }
    return p;
}

/* LAQUOT absoluteURI RAQUOT at p (which holds '<'): the URI into *u; returns the byte
 * after '>', or NULL with err set. absoluteURI holds no '>' (it is not uric). */
static const char *bracketed_uri(const char *p, const char *lim, sipparse_uri *u,
                                 const char *rule, sipparse_error *err)
{
    if (p == lim || *p != '<') {
        sp_fail(err, SIPPARSE_E_HEADER_VALUE, p, rule);
        return NULL;
    }
    const char *gt = memchr(p + 1, '>', (size_t)(lim - p - 1));
    if (!gt) {
        sp_fail(err, SIPPARSE_E_HEADER_VALUE, p, rule);
        return NULL;
    }
    const char *end = sp_uri_at(p + 1, gt, SIPPARSE_URI_FULL, u, err);
    if (!end)
        return NULL;
    if (end != gt) {
        sp_fail(err, SIPPARSE_E_URI, end, rule);
        return NULL;
    }
    return gt + 1;
}

sipparse_err sipparse_info_next(sipparse_slice value, size_t *pos, sipparse_info *out,
                                sipparse_error *err)
{
    sipparse_error local;   /* the code must not depend on whether the caller wants details */
    if (!err)
        err = &local;
    sipparse_err rc = SIPPARSE_OK;   /* set by element_start whenever it returns NULL */
    const char *p = element_start(value, pos, "info", &rc, err);
    if (!p)
        return rc;
    const char *lim = value.ptr + value.len;
    memset(out, 0, sizeof *out);
    const char *end = bracketed_uri(p, lim, &out->uri, "info", err);
    if (!end)
        return err->code;
    const char *bad = NULL;
    if (!(end = sp_info_params(end, lim, out, &bad)))
        return sp_fail(err, SIPPARSE_E_HEADER_VALUE, bad, "info-param");
    out->raw = (sipparse_slice){ p, (size_t)(end - p) };
    return after_element(value, end, pos, "info", err);
}

sipparse_err sipparse_warning_next(sipparse_slice value, size_t *pos, sipparse_warning *out,
                                   sipparse_error *err)
{
    sipparse_error local;
    if (!err)
        err = &local;
    sipparse_err rc = SIPPARSE_OK;   /* set by element_start whenever it returns NULL */
    const char *p = element_start(value, pos, "warning-value", &rc, err);
    if (!p)
        return rc;
    memset(out, 0, sizeof *out);
    const char *end = sp_warning(p, value.ptr + value.len, out, err);
    if (!end)
        return err->code;
    out->raw = (sipparse_slice){ p, (size_t)(end - p) };
    return after_element(value, end, pos, "warning-value", err);
}

/* The nameaddr.c list walkers name their own rules for a bad separator or a '*'; the
 * header's rule says more here. */
static sipparse_err rename_rule(sipparse_err rc, sipparse_error *err, const char *rule)
{
    if (rc != SIPPARSE_OK && rc != SIPPARSE_END && err->rule &&
        (!strcmp(err->rule, "contact-param") || !strcmp(err->rule, "route-param") ||
         !strcmp(err->rule, "Contact")))
        err->rule = rule;
    return rc;
}

sipparse_err sipparse_passertedid_next(sipparse_slice value, size_t *pos, sipparse_nameaddr *out,
                                       sipparse_error *err)
{
    sipparse_error local;
    if (!err)
        err = &local;
    /* name-addr / addr-spec, as a Contact without '*' and without params */
    sipparse_err rc = rename_rule(sipparse_contact_next(value, pos, out, err), err,
                                  "PAssertedID-value");
    if (rc != SIPPARSE_OK)
        return rc;
    if (out->star)
        return sp_fail(err, SIPPARSE_E_HEADER_VALUE, out->raw.ptr, "PAssertedID-value");
    if (out->params.ptr)
        return sp_fail(err, SIPPARSE_E_HEADER_VALUE, out->params.ptr, "PAssertedID-value");
    return SIPPARSE_OK;
}

/* A param that must have a value matching ok(); the error points at the value, or at
 * the name when there is no value. */
static sipparse_err checked_param(const sipparse_param *prm, int (*ok)(const char *, const char *),
                                  sipparse_slice *dst, const char *rule, sipparse_error *err)
{
    if (!prm->value.ptr || !ok(prm->value.ptr, prm->value.ptr + prm->value.len))
        return sp_fail(err, SIPPARSE_E_HEADER_VALUE,
                       prm->value.ptr ? prm->value.ptr : prm->name.ptr, rule);
    if (!dst->ptr)
        *dst = prm->value;
    return SIPPARSE_OK;
}

sipparse_err sipparse_history_next(sipparse_slice value, size_t *pos, sipparse_history *out,
                                   sipparse_error *err)
{
    sipparse_error local;
    if (!err)
        err = &local;
    memset(out, 0, sizeof *out);
    /* hi-targeted-to-uri = name-addr: a route-param's shape */
    sipparse_err rc = rename_rule(sipparse_route_next(value, pos, &out->na, err), err, "hi-entry");
    if (rc != SIPPARSE_OK)
        return rc;
    sipparse_slice rest = out->na.params;
    sipparse_param prm;
    while (rc == SIPPARSE_OK && sipparse_param_next(&rest, &prm)) {
        if (sipparse_slice_eq_ci(prm.name, "index"))
            rc = checked_param(&prm, sp_index_val, &out->index, "hi-index", err);
        else if (sipparse_slice_eq_ci(prm.name, "rc"))
            rc = checked_param(&prm, sp_index_val, &out->rc, "rc-param", err);
        else if (sipparse_slice_eq_ci(prm.name, "mp"))
            rc = checked_param(&prm, sp_index_val, &out->mp, "mp-param", err);
        else if (sipparse_slice_eq_ci(prm.name, "np"))
            rc = checked_param(&prm, sp_index_val, &out->np, "np-param", err);
    }
    return rc;
}

/* token / quoted-string, the values RFC 5806 allows (gen-value's IPv6 reference is not
 * one of them). */
static int token_or_quoted(const char *p, const char *lim)
{
    return p < lim && *p != '[';
}

/* A diversion-counter or -limit value, 1*2DIGIT, into *n (first one kept). */
static sipparse_err two_digit_param(const sipparse_param *prm, int *n, const char *rule,
                                    sipparse_error *err)
{
    sipparse_slice v = SIPPARSE_SLICE_NONE;
    if (checked_param(prm, sp_two_digits, &v, rule, err) != SIPPARSE_OK)
        return err->code;
    if (*n < 0)
        *n = v.len == 1 ? v.ptr[0] - '0' : (v.ptr[0] - '0') * 10 + (v.ptr[1] - '0');
    return SIPPARSE_OK;
}

static sipparse_err diversion_param(const sipparse_param *prm, sipparse_diversion *d,
                                    sipparse_error *err)
{
    if (sipparse_slice_eq_ci(prm->name, "counter"))
        return two_digit_param(prm, &d->counter, "diversion-counter", err);
    if (sipparse_slice_eq_ci(prm->name, "limit"))
        return two_digit_param(prm, &d->limit, "diversion-limit", err);
    if (sipparse_slice_eq_ci(prm->name, "reason"))
        return checked_param(prm, token_or_quoted, &d->reason, "diversion-reason", err);
    if (sipparse_slice_eq_ci(prm->name, "privacy"))
        return checked_param(prm, token_or_quoted, &d->privacy, "diversion-privacy", err);
    if (sipparse_slice_eq_ci(prm->name, "screen"))
        return checked_param(prm, token_or_quoted, &d->screen, "diversion-screen", err);
    /* diversion-extension = token [ EQUAL ( token / quoted-string ) ] */
    if (prm->value.ptr && !token_or_quoted(prm->value.ptr, prm->value.ptr + prm->value.len))
        return sp_fail(err, SIPPARSE_E_HEADER_VALUE, prm->value.ptr, "diversion-extension");
    return SIPPARSE_OK;
}

sipparse_err sipparse_diversion_next(sipparse_slice value, size_t *pos, sipparse_diversion *out,
                                     sipparse_error *err)
{
    sipparse_error local;
    if (!err)
        err = &local;
    memset(out, 0, sizeof *out);
    out->counter = out->limit = -1;
    sipparse_err rc = rename_rule(sipparse_route_next(value, pos, &out->na, err), err,
                                  "diversion-params");
    if (rc != SIPPARSE_OK)
        return rc;
    sipparse_slice rest = out->na.params;
    sipparse_param prm;
    while (rc == SIPPARSE_OK && sipparse_param_next(&rest, &prm))
        rc = diversion_param(&prm, out, err);
    return rc;
}

sipparse_err sipparse_identity_parse(sipparse_slice value, sipparse_identity *out,
                                     sipparse_error *err)
{
    sipparse_error local;
    if (!err)
        err = &local;
    if (!value.ptr)
        return sp_fail(err, SIPPARSE_E_HEADER_VALUE, NULL, "signed-identity-digest");
    const char *p = value.ptr, *lim = value.ptr + value.len, *d1, *bad = NULL;
    memset(out, 0, sizeof *out);
    const char *lt = sp_identity_head(p, lim, &out->digest, &d1);
    if (!lt) {
        if (out->digest.ptr && d1 == lim)   /* RFC 4474: the digest alone */
            return SIPPARSE_OK;
        return d1 == p ? sp_fail(err, SIPPARSE_E_HEADER_VALUE, p, "signed-identity-digest")
                       : sp_fail(err, SIPPARSE_E_HEADER_VALUE, sp_sws(d1, lim), "ident-info");
    }
    const char *end = bracketed_uri(lt - 1, lim, &out->info_uri, "ident-info-uri", err);
    if (!end)
        return err->code;
    out->info = (sipparse_slice){ lt, (size_t)(end - 1 - lt) };
    if (!(end = sp_identity_params(end, lim, out, &bad)))
        return sp_fail(err, SIPPARSE_E_HEADER_VALUE, bad, "ident-info-params");
    if (end != lim) {
        const char *at = sp_sws(end, lim);
        return sp_fail(err, SIPPARSE_E_HEADER_VALUE, at < lim ? at : end, "ident-info-params");
    }
    const char *semi = memchr(d1, ';', (size_t)(lim - d1));
    out->params = (sipparse_slice){ semi, (size_t)(lim - semi) };
    return SIPPARSE_OK;
}

SP_EACH_DEF(sp_each_info, sipparse_info)
SP_EACH_DEF(sp_each_warning, sipparse_warning)
SP_EACH_DEF(sp_each_nameaddr, sipparse_nameaddr)
SP_EACH_DEF(sp_each_history, sipparse_history)
SP_EACH_DEF(sp_each_diversion, sipparse_diversion)
