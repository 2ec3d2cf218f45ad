// re2c -W -Werror --no-generation-date --no-version -i -I grammar -I build/gen sip_uri.re -o build/gen/sip_uri.c
//
// RFC 3261 §19.1 and §25.1: SIP-URI, SIPS-URI and absoluteURI.
// Traps:
//  - The user part may hold ';', '?', '=' and ',' (user-unreserved), so
//    "sip:user;par=u%40example.net@example.com" has user "user;par=u%40example.net"
//    (RFC 4475 §3.1.1.9); the DFA decides user-or-host only when it meets '@'.
//  - A URI outside <> (addr-spec in From, To, Contact...) has no params or headers:
//    ';' starts header params (RFC 3261 §20.10), so the addr-spec rule stops there.
//  - "sip:" followed by something that is not a SIP-URI is an error, not an
//    absoluteURI with scheme "sip" (RFC 5118 §4.2: sip:2001:db8::10 is invalid).
//  - IPv6 hosts keep their brackets; "[2001:db8::10:5070]" is a host with no port
//    (RFC 5118 §4.3).
#include "grammar.h"

/*!include:re2c "sip_core.re" */
/*!re2c
    host          = hostname | IPv4address | IPv6reference;
    // absoluteURI = scheme ":" ( hier-part / opaque-part ); hier-part's characters
    // are all uric, so "/" uric* stands for it.
    opaque        = "/" uric* | uric_no_slash uric*;
    // The part of an absoluteURI that may stand outside <> (no ';' '?' ',').
    opaque_bare   = ([/:@&=+$] | unreserved | escaped)+;
*/

static void set(sipparse_slice *s, const char *a, const char *b)
{
    *s = a ? (sipparse_slice){ a, (size_t)(b - a) } : SIPPARSE_SLICE_NONE;
}

static int other_scheme(sipparse_uri *u, const char *s0, const char *s1, const char *o0,
                        const char *o1)
{
    set(&u->scheme, s0, s1);
    set(&u->opaque, o0, o1);
    if (sipparse_slice_eq_ci(u->scheme, "sip") || sipparse_slice_eq_ci(u->scheme, "sips"))
        return 0;
    u->scheme_id = sipparse_slice_eq_ci(u->scheme, "tel") ? SIPPARSE_SCHEME_TEL
                                                          : SIPPARSE_SCHEME_OTHER;
    return 1;
}

// userinfo = ( user / telephone-subscriber ) [ ":" password ] "@", at p (just after
// "sip:"). user holds no ':' or '@', so one pass decides: returns the byte after '@'
// and the user's end and the password's start (NULL when none), or NULL when there
// is no userinfo and the host starts at p.
const char *sp_uri_userinfo(const char *p, const char *lim, const char **user_end,
                            const char **password)
{
    const char *cur = p, *mar;
    const char *u1, *pw0;
    /*!stags:re2c:uri_userinfo format = 'const char *@@;\n'; */
    /*!local:re2c:uri_userinfo
        user @u1 (":" @pw0 password)? "@" {
            *user_end = u1;
            *password = pw0;
            return cur;
        }
        * { return NULL; }
    */
}

static sipparse_slice span(const char *a, const char *b)
{
    return (sipparse_slice){ a, (size_t)(b - a) };
}

// Known uri-parameters (§19.1.1); the last of a repeated one wins, as in JsSIP.
static void known_param(sipparse_uri *u, sipparse_slice name, sipparse_slice value)
{
    switch (name.len) {
    case 2: if (SP_EQ_LIT(name, "lr")) u->lr = 1; break;
    case 3: if (SP_EQ_LIT(name, "ttl")) u->ttl = value; break;
    case 4: if (SP_EQ_LIT(name, "user")) u->user_param = value; break;
    case 5: if (SP_EQ_LIT(name, "maddr")) u->maddr = value; break;
    case 6: if (SP_EQ_LIT(name, "method")) u->method = value; break;
    case 9: if (SP_EQ_LIT(name, "transport")) u->transport = value; break;
    }
}

// hostport, then, when with_params, *( ";" uri-parameter ) [ headers ], at p (after
// the userinfo). Fills u; returns the end, or NULL when no host starts at p. The DFA
// tells the host type while it reads the host, and the params are read in the same
// call, so nothing is scanned twice.
const char *sp_uri_hostport(const char *p, const char *lim, int with_params, sipparse_uri *u)
{
    const char *cur = p, *mar, *q, *params;
    const char *h1, *pt0, *n1, *v0;
    /*!stags:re2c:uri_hostport:uri_param format = 'const char *@@;\n'; */
    /*!local:re2c:uri_hostport
        hostname @h1 (":" @pt0 port)?      { u->host_type = SIPPARSE_HOST_DOMAIN; goto host; }
        IPv4address @h1 (":" @pt0 port)?   { u->host_type = SIPPARSE_HOST_IPV4; goto host; }
        IPv6reference @h1 (":" @pt0 port)? { u->host_type = SIPPARSE_HOST_IPV6; goto host; }
        * { return NULL; }
    */
host:
    u->host = span(p, h1);
    set(&u->port_str, pt0, cur);
    if (!with_params)
        return cur;
    params = cur;
param:
    q = cur;
    /*!local:re2c:uri_param
        // transport-param, user-param and method-param take tokens, which may
        // hold characters paramchar does not ('%' unescaped, '`').
        ";" ('transport' | 'user' | 'method') @n1 "=" @v0 token {
            known_param(u, span(q + 1, n1), span(v0, cur));
            goto param;
        }
        ";" pname @n1 ("=" @v0 pvalue)? {
            known_param(u, span(q + 1, n1), v0 ? span(v0, cur) : SIPPARSE_SLICE_NONE);
            goto param;
        }
        * { cur = q; goto headers; }
    */
headers:
    if (q > params)
        u->params = span(params, q);
    /*!local:re2c:uri_headers
        "?" uri_header ("&" uri_header)* { u->headers = span(q, cur); return cur; }
        * { return q; }
    */
}

// absoluteURI (RFC 3261 §25.1) for any scheme but sip and sips; in an addr-spec
// outside <> it stops before ';', '?' and ','.
const char *sp_uri_other(const char *p, const char *lim, int bare, sipparse_uri *u)
{
    const char *cur = p, *mar;
    const char *s1, *o0;
    if (bare)
        goto bare_form;
    /*!stags:re2c:uri_other:uri_other_bare format = 'const char *@@;\n'; */
    /*!local:re2c:uri_other
        scheme @s1 ":" @o0 opaque { return other_scheme(u, p, s1, o0, cur) ? cur : NULL; }
        * { return NULL; }
    */
bare_form:
    /*!local:re2c:uri_other_bare
        scheme @s1 ":" @o0 opaque_bare { return other_scheme(u, p, s1, o0, cur) ? cur : NULL; }
        * { return NULL; }
    */
}
