/* nameaddr_obj.c: the name-addr as an object (JsSIP NameAddrHeader.js): printing and
 * an edit view (RFC 3261 §20.10, §20.20, §20.39, §25.1). */
#include <string.h>
#include "obj_int.h"

static int is_lws(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

static size_t put_char(char *out, size_t cap, size_t n, char c, int quote)
{
    /* qdtext holds no CTL but LWS: the others go out as quoted-pairs (RFC 3261 §25.1),
     * as '\\' and '"' do (JsSIP escapes only those two) */
    unsigned char u = (unsigned char)c;
    if (quote && (c == '\\' || c == '"' || (u < 0x20 && c != '\t') || u == 0x7f))
        n = sp_put(out, cap, n, "\\", 1);
    return sp_put(out, cap, n, &c, 1);
}

/* '"' + the display name, '\' and '"' escaped, + '" '; nothing for an empty name (JsSIP
 * drops it). kind: 0 as parsed (quoted-string or tokens), 1 plain text. */
static size_t put_display(sipparse_slice d, int text, char *out, size_t cap, size_t n)
{
    if (!d.ptr)
        return n;
    const char *p = d.ptr, *end = d.ptr + d.len;
    int quoted = !text && d.len >= 2 && p[0] == '"';
    if (quoted) {
        p++;
        end--;
    }
    if (p >= end)
        return n;
    n = sp_put(out, cap, n, "\"", 1);
    int space = 0;
    for (; p < end; p++) {
        if (quoted && (*p == '\r' || *p == '\n')) {   /* a fold: the WSP after it stays */
            continue;
        } else if (quoted && *p == '\\' && p + 1 < end) {   /* quoted-pair: its char */
            n = put_char(out, cap, n, *++p, 1);
        } else if (!quoted && !text && is_lws(*p)) {  /* tokens: LWS runs become one SP */
            space = 1;
        } else {
            if (space)
                n = sp_put(out, cap, n, " ", 1);
            space = 0;
            n = put_char(out, cap, n, *p, 1);
        }
    }
    return sp_put(out, cap, n, "\" ", 2);
}

static size_t put_body(sipparse_slice display, int text, const sipparse_uri_edit *u,
                       const sipparse_edit_list *params, const char *last, char *out,
                       size_t cap)
{
    size_t n = put_display(display, text, out, cap, 0);
    n = sp_put(out, cap, n, "<", 1);
    n = sp_uri_edit_put(u, out, cap, n);
    if (n == (size_t)-1)
        return n;
    n = sp_put(out, cap, n, ">", 1);
    return sp_list_put(params, ';', ';', 1, last, out, cap, n);
}

int sipparse_nameaddr_print(const sipparse_nameaddr *na, char *out, size_t cap)
{
    if (!na || !out)
        return -1;
    if (na->star)
        return sp_finish(out, cap, sp_put(out, cap, 0, "*", 1));
    sipparse_uri_edit u;
    sipparse_uri_edit_init(&u, &na->uri);
    sipparse_edit_list params = { .orig = na->params };
    return sp_finish(out, cap, put_body(na->display, 0, &u, &params, NULL, out, cap));
}

int sipparse_nameaddr_edit_init(sipparse_nameaddr_edit *e, const sipparse_nameaddr *na)
{
    memset(e, 0, sizeof *e);
    sipparse_uri_edit_init(&e->uri, na ? &na->uri : NULL);
    if (na) {
        e->display = na->display;
        e->params.orig = na->params;
    }
    return 0;
}

int sipparse_nameaddr_edit_set_display(sipparse_nameaddr_edit *e, sipparse_slice text)
{
    if (text.ptr && sp_quotable(text.ptr, text.ptr + text.len) != text.ptr + text.len)
        return SIPPARSE_EDIT_E_INVALID;
    e->display = text;
    e->display_text = 1;
    return 0;
}

/* gen-value = token / host / quoted-string (RFC 3261 §25.1 generic-param), by the
 * grammar's own rules: hostnames and IPv4 addresses are tokens, so only an
 * IPv6reference needs the host rule. */
static int is_gen_value(sipparse_slice v)
{
    if (!v.ptr || v.len == 0)
        return 0;
    const char *end = v.ptr + v.len;
    if (v.ptr[0] == '"')
        return sp_quoted_string(v.ptr, end) == end;
    if (v.ptr[0] == '[') {
        sipparse_uri u;
        memset(&u, 0, sizeof u);
        return sp_uri_hostport(v.ptr, end, 0, &u) == end && u.host.len == v.len;
    }
    return sp_token(v.ptr, end) == v.len;
}

int sipparse_nameaddr_edit_set_param(sipparse_nameaddr_edit *e, const char *name,
                                     sipparse_slice value)
{
    size_t len = name ? strlen(name) : 0;
    if (len == 0 || sp_token(name, name + len) != len || (value.ptr && !is_gen_value(value)))
        return SIPPARSE_EDIT_E_INVALID;
    return sp_list_set(&e->params, name, value, 0);
}

int sipparse_nameaddr_edit_del_param(sipparse_nameaddr_edit *e, const char *name)
{
    return name ? sp_list_set(&e->params, name, SIPPARSE_SLICE_NONE, 1) : SIPPARSE_EDIT_E_INVALID;
}

int sipparse_nameaddr_edit_get_param(const sipparse_nameaddr_edit *e, const char *name,
                                     sipparse_slice *value)
{
    return name && value ? sp_list_get(&e->params, name, value) : 0;
}

void sipparse_nameaddr_edit_clear_params(sipparse_nameaddr_edit *e)
{
    e->params.orig = SIPPARSE_SLICE_NONE;
    e->params.n = 0;
}

int sipparse_nameaddr_edit_print(const sipparse_nameaddr_edit *e, char *out, size_t cap)
{
    if (!e || !out)
        return -1;
    return sp_finish(out, cap, put_body(e->display, e->display_text, &e->uri, &e->params, "tag",
                                        out, cap));
}
