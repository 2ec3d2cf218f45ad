/* params.c: walking param lists that the grammar has already accepted. */
#include <string.h>
#include "grammar.h"

static int is_lws(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

static const char *skip_lws(const char *p, const char *end)
{
    while (p < end && is_lws(*p))
        p++;
    return p;
}

/* p is at the opening quote of a quoted-string: returns its closing quote, stepping
 * over quoted-pairs; an unterminated string runs to the last byte (end - 1), so a
 * caller's p++ lands on end, never past it. */
static const char *closing_quote(const char *p, const char *end)
{
    for (p++; p < end && *p != '"'; p++)
        if (*p == '\\' && p + 1 < end)
            p++;
    return p < end ? p : end - 1;
}

/* End of a param value: stops at the list's separator, ',' or LWS outside a quoted
 * string. A value that opens with '<' (Identity's info=<URI>, RFC 8224) runs to its
 * '>' first: the URI inside may hold ';', ',' and '=' (fuzz finding F10). */
static const char *value_end(const char *p, const char *end, char sep)
{
    if (p < end && *p == '<') {
        const char *gt = memchr(p, '>', (size_t)(end - p));
        p = gt ? gt + 1 : end;
    }
    for (; p < end; p++) {
        if (*p == '"')
            p = closing_quote(p, end);
        else if (*p == sep || *p == ',' || is_lws(*p))
            break;
    }
    return p;
}

int sipparse_param_next(sipparse_slice *rest, sipparse_param *out)
{
    if (!rest->ptr)
        return 0;
    const char *p = rest->ptr, *end = rest->ptr + rest->len;
    p = skip_lws(p, end);
    /* URI headers ("?a=b&c=d") are split at '&'; params at ';', and a URI param may
     * hold '&' itself (param-unreserved, RFC 3261 §25.1). */
    char sep = (p < end && (*p == '?' || *p == '&')) ? '&' : ';';
    if (p < end && (*p == ';' || *p == '&' || *p == '?'))
        p = skip_lws(p + 1, end);
    /* a comma ends the value the params belong to; an empty name ends the walk too,
     * so every call either moves on or stops */
    if (p >= end || *p == ',' || *p == '=' || *p == sep) {
        *rest = (sipparse_slice){ end, 0 };
        return 0;
    }
    const char *n0 = p;
    while (p < end && *p != '=' && *p != sep && *p != ',' && !is_lws(*p))
        p++;
    out->name = (sipparse_slice){ n0, (size_t)(p - n0) };
    out->value = SIPPARSE_SLICE_NONE;
    const char *q = skip_lws(p, end);
    if (q < end && *q == '=') {
        const char *v0 = skip_lws(q + 1, end);
        p = value_end(v0, end, sep);
        out->value = (sipparse_slice){ v0, (size_t)(p - v0) };
    }
    *rest = (sipparse_slice){ p, (size_t)(end - p) };
    return 1;
}

int sipparse_param_get(sipparse_slice params, const char *name, sipparse_slice *value)
{
    sipparse_param prm;
    while (sipparse_param_next(&params, &prm))
        if (sipparse_slice_eq_ci(prm.name, name)) {
            *value = prm.value;
            return 1;
        }
    return 0;
}

int sipparse_list_next(sipparse_slice value, size_t *pos, sipparse_slice *item)
{
    if (!value.ptr || *pos >= value.len)
        return 0;
    const char *p = value.ptr + *pos, *end = value.ptr + value.len;
    p = skip_lws(p, end);
    if (p == end) {
        *pos = value.len;
        return 0;
    }
    const char *start = p;
    int angle = 0, paren = 0;
    for (; p < end; p++) {
        if (*p == '"') {
            p = closing_quote(p, end);
        } else if (*p == '<') {
            angle = 1;
        } else if (*p == '>') {
            angle = 0;
        } else if (*p == '(') {
            paren++;
        } else if (*p == ')' && paren > 0) {
            paren--;
        } else if (*p == ',' && !angle && !paren) {
            break;
        }
    }
    const char *stop = p;
    while (stop > start && is_lws(stop[-1]))
        stop--;
    *item = (sipparse_slice){ start, (size_t)(stop - start) };
    *pos = p < end ? (size_t)(p + 1 - value.ptr) : value.len;
    return 1;
}
