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
#include "grammar.h"

/*!include:re2c "sip_core.re" */
/*!re2c
    host         = hostname | IPv4address | IPv6reference;
    received_ip  = IPv4address | IPv6address | IPv6reference;
*/

// sent-protocol LWS sent-by
const char *sp_via_head(const char *p, const char *lim, sipparse_via *v)
{
    const char *cur = p, *mar;
    const char *a0, *a1, *b0, *b1, *c0, *c1, *h0, *h1, *p0, *p1;
    /*!stags:re2c:via_head format = 'const char *@@;\n'; */
    /*!local:re2c:via_head
        @a0 token @a1 SLASH @b0 token @b1 SLASH @c0 token @c1 LWS
            @h0 host @h1 (COLON @p0 port @p1)? {
            v->protocol = (sipparse_slice){ a0, (size_t)(a1 - a0) };
            v->version = (sipparse_slice){ b0, (size_t)(b1 - b0) };
            v->transport = (sipparse_slice){ c0, (size_t)(c1 - c0) };
            v->host = (sipparse_slice){ h0, (size_t)(h1 - h0) };
            v->port = -1;
            if (p0 && (v->port = sp_port((sipparse_slice){ p0, (size_t)(p1 - p0) })) < 0)
                v->port = -2;   /* digits, but above 65535 */
            return cur;
        }
        * { return NULL; }
    */
}

// One SEMI via-params at p. Returns its end, the name, the value (ptr NULL when
// there is no '=') and whether the value matched via-received's IP form; NULL when
// no parameter starts at p.
const char *sp_via_param(const char *p, const char *lim, sipparse_slice *name,
                         sipparse_slice *value, int *received_ip)
{
    const char *cur = p, *mar;
    const char *n0, *n1, *v0;
    int ip = 0;
    /*!stags:re2c:via_param format = 'const char *@@;\n'; */
    /*!local:re2c:via_param
        SEMI @n0 'received' @n1 EQUAL @v0 received_ip { ip = 1; goto found; }
        SEMI @n0 token @n1 (EQUAL @v0 gen_value)? { goto found; }
        * { return NULL; }
    */
found:
    *name = (sipparse_slice){ n0, (size_t)(n1 - n0) };
    *value = v0 ? (sipparse_slice){ v0, (size_t)(cur - v0) } : SIPPARSE_SLICE_NONE;
    *received_ip = ip;
    return cur;
}
