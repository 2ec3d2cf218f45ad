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

// One via-parm at p: sent-protocol LWS sent-by *( SEMI via-params ). Fills v (zeroed by
// the caller) and returns the end of the last param, or NULL with *bad at the fault and
// err set. One pass: the DFA tells the host type and the known
// via-params apart while it reads them, so nothing is scanned twice.
const char *sp_via(const char *p, const char *lim, sipparse_via *v, sipparse_error *err)
{
    const char *rule;
    const char *cur = p, *mar, *q, *sent_by_end;
    const char *a0, *a1, *b0, *b1, *c0, *c1, *h0, *h1, *p0, *n0, *n1, *v0;
    /*!stags:re2c:via_head:via_param format = 'const char *@@;\n'; */
    /*!local:re2c:via_head
        sent_protocol LWS @h0 hostname sent_port      { v->host_type = SIPPARSE_HOST_DOMAIN; goto head; }
        sent_protocol LWS @h0 IPv4address sent_port   { v->host_type = SIPPARSE_HOST_IPV4; goto head; }
        sent_protocol LWS @h0 IPv6reference sent_port { v->host_type = SIPPARSE_HOST_IPV6; goto head; }
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
        SEMI @n0 'branch' EQUAL @v0 token            { v->branch = span(v0, cur); goto params; }
        SEMI @n0 'received' EQUAL @v0 received_ip    { v->received = span(v0, cur); goto params; }
        SEMI @n0 'maddr' EQUAL @v0 host              { v->maddr = span(v0, cur); goto params; }
        SEMI @n0 'ttl' EQUAL @v0 DIGIT{1,3}          {
            if (sp_port(span(v0, cur)) > 255) return bad_param(err, n0, "via-ttl");
            v->ttl = span(v0, cur);
            goto params;
        }
        SEMI @n0 'rport' @n1 (EQUAL @v0 port)?       {
            if (v0 && sp_port(span(v0, cur)) < 0) return bad_param(err, n0, "response-port");
            v->rport = v0 ? span(v0, cur) : span(n1, n1);
            goto params;
        }
        SEMI @n0 token @n1 (EQUAL gen_value)?        {
            if ((rule = known_name(span(n0, n1))) != NULL)
                return bad_param(err, n0, rule);
            goto params;
        }
        * {
            if (q > sent_by_end) {   /* the params start at ';', after SEMI's leading LWS */
                const char *semi = memchr(sent_by_end, ';', (size_t)(q - sent_by_end));
                v->params = span(semi, q);
            }
            return q;
        }
    */
}
