// re2c -W -Werror --no-generation-date --no-version -i -I grammar -I build/gen sip_via.re -o build/gen/sip_via.c
//
// RFC 3261 §20.42, §25.1 Via, with RFC 3581 rport and RFC 5118 §4.5.
//   via-parm      = sent-protocol LWS sent-by *( SEMI via-params )
//   sent-protocol = protocol-name SLASH protocol-version SLASH transport
//   sent-by       = host [ COLON port ]
//   via-params    = via-ttl / via-maddr / via-received / via-branch / via-extension
// Traps:
//  - via-received is an IP address without brackets (RFC 3261), so a bare IPv6
//    address is legal there although it is not a token; RFC 5118 §4.5 asks to accept
//    the bracketed form too.
//  - LWS (with folds) may stand around '/', ':', ';' and '='.
//  - A Via header holds a comma list: the caller loops over via-parm values.
#include <string.h>
#include "grammar.h"

/*!include:re2c "sip_core.re" */
/*!re2c
    host         = hostname | IPv4address | IPv6reference;
    received_ip  = IPv4address | IPv6address | IPv6reference;
    sent_protocol = @a0 token @a1 SLASH @b0 token @b1 SLASH @c0 token @c1;
    sent_port    = @h1 (COLON @p0 port)?;
*/

static sipparse_slice span(const char *a, const char *b)
{
    return (sipparse_slice){ a, (size_t)(b - a) };
}

// A via-param name with its own syntax, as the rule to blame when its value failed it.
static const char *known_name(sipparse_slice n)
{
    switch (n.len) {
    case 3: return SP_EQ_LIT(n, "ttl") ? "via-ttl" : NULL;
    case 5: return SP_EQ_LIT(n, "maddr") ? "via-maddr" : SP_EQ_LIT(n, "rport") ? "response-port" : NULL;
    case 6: return SP_EQ_LIT(n, "branch") ? "via-branch" : NULL;
    case 8: return SP_EQ_LIT(n, "received") ? "via-received" : NULL;
    }
    return NULL;
}

static const char *bad_param(sipparse_error *err, const char *name, const char *rule)
{
    sp_fail(err, SIPPARSE_E_HEADER_VALUE, name, rule);
    return NULL;
}

// Whether the generic rule, whose gen-value is a token here, would read on past end,
// the end of a known param's value at v0: then the generic match is the longer, and a
// known name with a value that is not of its own form is an error. Only a value made
// of token characters so far can go on as a token.
static int token_goes_on(const char *v0, const char *end, const char *lim)
{
    /* ';' (the next param) and ',' (the next value) first: the usual bytes, and no
     * token holds them */
    if (end == lim || *end == ';' || *end == ',' || !sp_token(end, end + 1))
        return 0;
    return v0 + sp_token(v0, lim) > end;
}

// In a known via-param's action: its value ends at cur, unless the generic rule reads
// further (then the value is not of the param's own form).
#define KNOWN_END(rule) \
    do { if (token_goes_on(v0, cur, lim)) return bad_param(err, n0, rule); } while (0)

// One via-parm at p: sent-protocol LWS sent-by *( SEMI via-params ). Fills v (the
// caller clears the optional params) and returns the end of the last param, or NULL with
// err set. One pass: the DFAs tell the host type and the known via-params apart while
// they read them, so nothing is scanned twice.
const char *sp_via(const char *p, const char *lim, sipparse_via *v, sipparse_error *err)
{
    const char *rule;
    const char *cur = p, *mar, *q, *sent_by_end;
    const char *a0, *a1, *b0, *b1, *c0, *c1, *h0, *h1, *p0, *n0, *n1, *v0;
    /*!stags:re2c:via_protocol:via_sent_by:via_param format = 'const char *@@;\n'; */
    // sent-protocol ends where its last token does (no token holds LWS), so it has a
    // matcher of its own. Nearly every Via starts "SIP/2.0/": compared at once, and
    // only the transport read.
    if (lim - p > 8 && sp_eq_ci_n(p, "sip", 3) && memcmp(p + 3, "/2.0/", 5) == 0 &&
        (c1 = p + 8 + sp_token(p + 8, lim)) > p + 8) {
        a0 = p, a1 = p + 3, b0 = p + 4, b1 = p + 7, c0 = p + 8;
        cur = c1;
        goto sent_by;
    }
    /*!local:re2c:via_protocol
        sent_protocol { goto sent_by; }
        * { sp_fail(err, SIPPARSE_E_HEADER_VALUE, p, "via-parm"); return NULL; }
    */
sent_by:
    /*!local:re2c:via_sent_by
        LWS @h0 hostname sent_port      { v->host_type = SIPPARSE_HOST_DOMAIN; goto head; }
        LWS @h0 IPv4address sent_port   { v->host_type = SIPPARSE_HOST_IPV4; goto head; }
        LWS @h0 IPv6reference sent_port { v->host_type = SIPPARSE_HOST_IPV6; goto head; }
        * { sp_fail(err, SIPPARSE_E_HEADER_VALUE, p, "via-parm"); return NULL; }
    */
head:
    v->protocol = span(a0, a1);
    v->version = span(b0, b1);
    v->transport = span(c0, c1);
    v->host = span(h0, h1);
    v->port = -1;
    if (p0 && (v->port = sp_port(span(p0, cur))) < 0) {
        v->port = -1;   /* digits, but above 65535 */
        sp_fail(err, SIPPARSE_E_RANGE, h1, "sent-by");
        return NULL;
    }
    sent_by_end = cur;
params:
    q = cur;
    /*!local:re2c:via_param
        // The known via-params with the syntax RFC 3261 §20.42 and RFC 3581 give them.
        // A known name whose value does not fit falls to the generic rule below (same
        // length or longer), which reports it.
        // The generic rule stops where its value starts, the branch rule after the
        // value's first byte (from there both read the same token); sp_gen_value and
        // sp_token read the rest (sip_lexical.re, sp_gen_value, says why).
        SEMI @n0 'branch' EQUAL @v0 token_char       {
            cur = v0 + sp_token(v0, lim);
            v->branch = span(v0, cur);
            goto params;
        }
        SEMI @n0 'received' EQUAL @v0 received_ip    {
            KNOWN_END("via-received");
            v->received = span(v0, cur);
            goto params;
        }
        SEMI @n0 'maddr' EQUAL @v0 host              {
            KNOWN_END("via-maddr");
            v->maddr = span(v0, cur);
            goto params;
        }
        SEMI @n0 'ttl' EQUAL @v0 DIGIT{1,3}          {
            KNOWN_END("via-ttl");
            if (sp_port(span(v0, cur)) > 255) return bad_param(err, n0, "via-ttl");
            v->ttl = span(v0, cur);
            goto params;
        }
        SEMI @n0 'rport' @n1 (EQUAL @v0 port)?       {
            if (v0) KNOWN_END("response-port");
            if (v0 && sp_port(span(v0, cur)) < 0) return bad_param(err, n0, "response-port");
            v->rport = v0 ? span(v0, cur) : span(n1, n1);
            goto params;
        }
        SEMI @n0 token @n1 (EQUAL @v0)? {
            rule = known_name(span(n0, n1));
            if (v0 && (cur = sp_gen_value(v0, lim)) != NULL) {
                if (rule)
                    return bad_param(err, n0, rule);
                goto params;
            }
            /* ( EQUAL gen-value ) is optional: without a whole value the param is its
             * name alone, and a bare rport is rport's own rule */
            cur = n1;
            if (rule && SP_EQ_LIT(span(n0, n1), "rport")) {
                v->rport = span(n1, n1);
                rule = NULL;
            }
            if (rule)
                return bad_param(err, n0, rule);
            goto params;
        }
        * {
            if (q > sent_by_end) {   /* the params start at ';', after SEMI's leading LWS */
                v->params = span(sp_semi(sent_by_end), q);
            }
            return q;
        }
    */
}
