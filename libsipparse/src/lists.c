/* lists.c: token lists and short single values (RFC 3261 §20.1-3, .5, .11-13, .21,
 * .25-26, .29, .32, .35-37, .40-41; RFC 3323 §4.2). The grammar of each element is in
 * grammar/sip_lists.re; this file walks the separators and says where a value broke. */
#include <string.h>
#include "grammar.h"

typedef const char *(*item_fn)(const char *p, const char *lim, sipparse_item *it);

/* How one kind of comma list reads its elements. */
typedef struct list_kind {
    item_fn item;
    int with_params;     /* *( SEMI accept-param ) after each element */
    int may_be_empty;    /* the ABNF puts the whole list in [ ] */
    const char *rule;    /* the element's ABNF rule, for errors */
} list_kind;

static const list_kind option_tags = { sp_token_item, 0, 0, "option-tag" };
static const list_kind supported = { sp_token_item, 0, 1, "option-tag" };
static const list_kind methods = { sp_token_item, 0, 1, "Method" };
static const list_kind media_ranges = { sp_media_range, 1, 1, "media-range" };
static const list_kind encodings = { sp_token_item, 1, 1, "codings" };
static const list_kind languages = { sp_language_range, 1, 1, "language-range" };
static const list_kind content_codings = { sp_token_item, 0, 0, "content-coding" };
static const list_kind language_tags = { sp_language_tag, 0, 0, "language-tag" };
static const list_kind callids = { sp_callid_item, 0, 0, "callid" };

/* One element at p, into a zeroed it. Returns its end, or NULL with err set. */
static const char *one_item(const char *p, const char *lim, const list_kind *k,
                            sipparse_item *it, sipparse_error *err)
{
    const char *end = k->item(p, lim, it);
    if (!end) {
        sp_fail(err, SIPPARSE_E_HEADER_VALUE, p, k->rule);
        return NULL;
    }
    if (k->with_params && !(end = sp_accept_params(end, lim, it))) {
        sp_fail(err, SIPPARSE_E_HEADER_VALUE, it->q.ptr, "qvalue");
        return NULL;
    }
    it->raw = (sipparse_slice){ p, (size_t)(end - p) };
    return end;
}

/* The comma list walk every _next function shares: the element at *pos, then COMMA or
 * the end. A comma must be followed by an element (no empty elements, RFC 3261 §7.3.1
 * joins values with exactly one comma). */
static sipparse_err list_next(sipparse_slice value, size_t *pos, const list_kind *k,
                              sipparse_item *out, sipparse_error *err)
{
    sipparse_error local;   /* the code must not depend on whether the caller wants details */
    if (!err)
        err = &local;
    if (!value.ptr)   /* absent: an empty list */
        return k->may_be_empty ? SIPPARSE_END : sp_fail(err, SIPPARSE_E_HEADER_VALUE, NULL, k->rule);
    const char *lim = value.ptr + value.len;
    const char *p = sp_sws(value.ptr + *pos, lim);
    if (p == lim) {
        if (*pos == 0 && !k->may_be_empty)
            return sp_fail(err, SIPPARSE_E_HEADER_VALUE, p, k->rule);
        *pos = value.len;
        return SIPPARSE_END;
    }
    memset(out, 0, sizeof *out);
    const char *end = one_item(p, lim, k, out, err);
    if (!end)
        return err->code;
    if (k == &methods)
        out->method_id = sp_method_id(out->value.ptr, out->value.ptr + out->value.len);
    const char *after = sp_sws(end, lim);
    if (after == lim) {
        *pos = value.len;
        return SIPPARSE_OK;
    }
    const char *c = sp_comma(end, lim);
    if (!c || sp_sws(c, lim) == lim)   /* junk after the element, or a trailing comma */
        return sp_fail(err, SIPPARSE_E_HEADER_VALUE, after, k->rule);
    *pos = (size_t)(c - value.ptr);
    return SIPPARSE_OK;
}

sipparse_err sipparse_supported_next(sipparse_slice value, size_t *pos, sipparse_item *out,
                                     sipparse_error *err)
{
    return list_next(value, pos, &supported, out, err);
}

sipparse_err sipparse_require_next(sipparse_slice value, size_t *pos, sipparse_item *out,
                                   sipparse_error *err)
{
    return list_next(value, pos, &option_tags, out, err);
}

sipparse_err sipparse_allow_next(sipparse_slice value, size_t *pos, sipparse_item *out,
                                 sipparse_error *err)
{
    return list_next(value, pos, &methods, out, err);
}

sipparse_err sipparse_accept_next(sipparse_slice value, size_t *pos, sipparse_item *out,
                                  sipparse_error *err)
{
    return list_next(value, pos, &media_ranges, out, err);
}

sipparse_err sipparse_accept_encoding_next(sipparse_slice value, size_t *pos, sipparse_item *out,
                                           sipparse_error *err)
{
    return list_next(value, pos, &encodings, out, err);
}

sipparse_err sipparse_accept_language_next(sipparse_slice value, size_t *pos, sipparse_item *out,
                                           sipparse_error *err)
{
    return list_next(value, pos, &languages, out, err);
}

sipparse_err sipparse_content_encoding_next(sipparse_slice value, size_t *pos, sipparse_item *out,
                                            sipparse_error *err)
{
    return list_next(value, pos, &content_codings, out, err);
}

sipparse_err sipparse_content_language_next(sipparse_slice value, size_t *pos, sipparse_item *out,
                                            sipparse_error *err)
{
    return list_next(value, pos, &language_tags, out, err);
}

sipparse_err sipparse_in_reply_to_next(sipparse_slice value, size_t *pos, sipparse_item *out,
                                       sipparse_error *err)
{
    return list_next(value, pos, &callids, out, err);
}

/* priv-value *(";" priv-value): the ';' is bare, so LWS next to it is an error. */
sipparse_err sipparse_privacy_next(sipparse_slice value, size_t *pos, sipparse_privacy *out,
                                   sipparse_error *err)
{
    if (!value.ptr)
        return sp_fail(err, SIPPARSE_E_HEADER_VALUE, NULL, "priv-value");
    const char *lim = value.ptr + value.len;
    const char *p = value.ptr + *pos;
    if (p == lim) {
        if (*pos == 0)
            return sp_fail(err, SIPPARSE_E_HEADER_VALUE, p, "priv-value");
        return SIPPARSE_END;
    }
    memset(out, 0, sizeof *out);
    const char *end = sp_priv_value(p, lim, out);
    if (!end)
        return sp_fail(err, SIPPARSE_E_HEADER_VALUE, p, "priv-value");
    if (end == lim) {
        *pos = value.len;
        return SIPPARSE_OK;
    }
    if (*end != ';' || end + 1 == lim)
        return sp_fail(err, SIPPARSE_E_HEADER_VALUE, end, "Privacy-hdr");
    *pos = (size_t)(end + 1 - value.ptr);
    return SIPPARSE_OK;
}

sipparse_err sipparse_priority_parse(sipparse_slice value, sipparse_priority *out,
                                     sipparse_error *err)
{
    if (!value.ptr)
        return sp_fail(err, SIPPARSE_E_HEADER_VALUE, NULL, "priority-value");
    const char *lim = value.ptr + value.len;
    memset(out, 0, sizeof *out);
    const char *end = sp_priority(value.ptr, lim, out);
    if (end != lim)
        return sp_fail(err, SIPPARSE_E_HEADER_VALUE, end ? end : value.ptr, "priority-value");
    return SIPPARSE_OK;
}

sipparse_err sipparse_disposition_parse(sipparse_slice value, sipparse_disposition *out,
                                        sipparse_error *err)
{
    if (!value.ptr)
        return sp_fail(err, SIPPARSE_E_HEADER_VALUE, NULL, "disp-type");
    const char *lim = value.ptr + value.len, *bad = NULL;
    memset(out, 0, sizeof *out);
    const char *end = sp_disposition(value.ptr, lim, out, &bad);
    if (!end)
        return sp_fail(err, SIPPARSE_E_HEADER_VALUE, bad,
                       bad == value.ptr ? "disp-type" : "handling-param");
    if (end != lim)   /* after the params' LWS: ";", ";=x", a space inside a token ... */
        return sp_fail(err, SIPPARSE_E_HEADER_VALUE, sp_sws(end, lim), "disp-param");
    return SIPPARSE_OK;
}

sipparse_err sipparse_text_trim_parse(sipparse_slice value, sipparse_error *err)
{
    if (!value.ptr)
        return SIPPARSE_OK;
    const char *lim = value.ptr + value.len;
    const char *end = sp_text_trim(value.ptr, lim);
    if (end == lim)
        return SIPPARSE_OK;
    /* the longest match stops before the LWS that precedes the bad byte */
    const char *bad = sp_sws(end, lim);
    return sp_fail(err, SIPPARSE_E_HEADER_VALUE, bad < lim ? bad : end, "TEXT-UTF8-TRIM");
}

/* server-val *(LWS server-val): the element at *pos, then LWS and another, or the end. */
sipparse_err sipparse_server_next(sipparse_slice value, size_t *pos, sipparse_server_val *out,
                                  sipparse_error *err)
{
    if (!value.ptr)
        return sp_fail(err, SIPPARSE_E_HEADER_VALUE, NULL, "server-val");
    const char *lim = value.ptr + value.len;
    const char *p = sp_sws(value.ptr + *pos, lim), *end, *bad = NULL;
    if (p == lim) {
        if (*pos == 0)
            return sp_fail(err, SIPPARSE_E_HEADER_VALUE, p, "server-val");
        *pos = value.len;
        return SIPPARSE_END;
    }
    memset(out, 0, sizeof *out);
    if (*p == '(') {
        if (!(end = sp_comment(p, lim, &bad)))
            return sp_fail(err, SIPPARSE_E_HEADER_VALUE, bad, "comment");
        out->comment = (sipparse_slice){ p, (size_t)(end - p) };
    } else if (!(end = sp_product(p, lim, out))) {
        return sp_fail(err, SIPPARSE_E_HEADER_VALUE, p, "server-val");
    }
    out->raw = (sipparse_slice){ p, (size_t)(end - p) };
    const char *next = sp_sws(end, lim);
    if (next == end && end != lim)   /* LWS must separate two server-vals */
        return sp_fail(err, SIPPARSE_E_HEADER_VALUE, end, "server-val");
    *pos = (size_t)(next - value.ptr);
    return SIPPARSE_OK;
}

SP_EACH_DEF(sp_each_item, sipparse_item)
SP_EACH_DEF(sp_each_privacy, sipparse_privacy)
SP_EACH_DEF(sp_each_server, sipparse_server_val)
