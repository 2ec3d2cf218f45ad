// re2c -W -Werror --no-generation-date --no-version -i -I grammar -I build/gen sip_info.re -o build/gen/sip_info.c
//
// Headers that carry URIs or identities, the parts that are not a URI or a name-addr
// (those come from sip_uri.re and sip_nameaddr.re; info.c joins the pieces).
//   RFC 3261 §20.9   info        = LAQUOT absoluteURI RAQUOT *( SEMI info-param )
//                    info-param  = ( "purpose" EQUAL ( "icon" / "info" / "card" / token ) )
//                                  / generic-param
//   RFC 3261 §20.4   alert-param = LAQUOT absoluteURI RAQUOT *( SEMI generic-param )
//   RFC 3261 §20.18  error-uri   = LAQUOT absoluteURI RAQUOT *( SEMI generic-param )
//   RFC 3261 §20.43  warning-value = warn-code SP warn-agent SP warn-text
//                    warn-code   = 3DIGIT
//                    warn-agent  = hostport / pseudonym;  pseudonym = token
//                    warn-text   = quoted-string
//   RFC 7044 §9      index-val   = number *( "." number );  number = [ %x31-39 *DIGIT ] DIGIT
//   RFC 5806 §4      diversion-counter = "counter" EQUAL 1*2DIGIT (limit alike)
//   RFC 8224 §4.1    Identity    = signed-identity-digest SEMI ident-info
//                                  *( SEMI ident-info-params )
//                    signed-identity-digest = 1*( base64-char / "." )
//                    ident-info  = "info" EQUAL ident-info-uri
//                    ident-info-uri = LAQUOT absoluteURI RAQUOT
//                    ident-info-params = ident-info-alg / ident-type / ident-info-extension
//                    ident-info-alg = "alg" EQUAL token;  ident-type = "ppt" EQUAL token
// Traps:
//  - Warning separates its three parts with exactly one SP (not LWS): "399  host" or a
//    fold there is an error.
//  - warn-agent: a hostname or IPv4 address is also a pseudonym (token); only the
//    ":port" and the IPv6 reference tell a hostport apart, and a port must fit 16 bits.
//  - index-val numbers have no leading zero ("1.01" is not one), but "0" is a number.
//  - The Identity digest is a PASSporT in JWS compact form (RFC 8225 §7), whose parts
//    are base64url (RFC 7515 §2): '-' and '_' occur in real digests although RFC 8224's
//    base64-char lists only ALPHA / DIGIT / "/" / "+". Both alphabets are accepted,
//    with '=' padding (RFC 4648 §4).
//  - RFC 4474 (obsoleted by RFC 8224) put the digest alone in the value, quoted, with the
//    URI in an Identity-Info header; RFC 4475 §3.1.1.11 (mpart01) carries it bare. Both
//    old forms are accepted, with no ident-info.
//  - "purpose", "alg" and "ppt" with a value that is not a token (or with none) match
//    the generic-param alternative of the ABNF, but a param with a rule of its own must
//    follow that rule (as Contact q and the via-params do here): an error.
#include "grammar.h"

/*!include:re2c "sip_core.re" */
/*!re2c
    host        = hostname | IPv4address | IPv6reference;
    number      = [1-9] DIGIT* | DIGIT;
    index_val   = number ("." number)*;
    base64_char = [a-zA-Z0-9/+=];
    digest      = (base64_char | [._-])+;
*/

static sipparse_slice span(const char *a, const char *b)
{
    return (sipparse_slice){ a, (size_t)(b - a) };
}

// The params start at the ';' of the first SEMI, after its leading LWS.
static sipparse_slice params_span(const char *from, const char *to)
{
    while (*from != ';')
        from++;
    return span(from, to);
}

// *( SEMI info-param ) after RAQUOT (Call-Info, Alert-Info, Error-Info). Returns the end
// of the last param, or NULL with *bad at a purpose param whose value is not a token.
const char *sp_info_params(const char *p, const char *lim, sipparse_info *in, const char **bad)
{
    const char *cur = p, *mar, *q;
    const char *n0, *n1, *v0;
    /*!stags:re2c:info_param format = 'const char *@@;\n'; */
param:
    q = cur;
    /*!local:re2c:info_param
        SEMI 'purpose' EQUAL @v0 token { in->purpose = span(v0, cur); goto param; }
        // a purpose param without a token value fell here
        SEMI @n0 token @n1 (EQUAL gen_value)? {
            if (n1 - n0 == 7 && sp_eq_ci_n(n0, "purpose", 7)) {
                *bad = n0;
                return NULL;
            }
            goto param;
        }
        * {
            if (q > p)
                in->params = params_span(p, q);
            return q;
        }
    */
}

// warning-value at p. Returns its end, or NULL with err set at the part that broke.
const char *sp_warning(const char *p, const char *lim, sipparse_warning *w, sipparse_error *err)
{
    const char *cur = p, *mar, *a0, *t0;
    const char *p0;
    /*!stags:re2c:warn_agent format = 'const char *@@;\n'; */
    /*!local:re2c:warn_code
        DIGIT{3} " " { goto agent; }
        * { sp_fail(err, SIPPARSE_E_HEADER_VALUE, p, "warn-code"); return NULL; }
    */
agent:
    w->code = (unsigned)(p[0] - '0') * 100 + (unsigned)(p[1] - '0') * 10 + (unsigned)(p[2] - '0');
    a0 = cur;
    /*!local:re2c:warn_agent
        host ":" @p0 port " "          { goto port; }
        (token | IPv6reference) " "    { w->agent_port = -1; goto text; }
        * { sp_fail(err, SIPPARSE_E_HEADER_VALUE, a0, "warn-agent"); return NULL; }
    */
port:
    if ((w->agent_port = sp_port(span(p0, cur - 1))) < 0) {
        sp_fail(err, SIPPARSE_E_RANGE, p0, "warn-agent");
        return NULL;
    }
text:
    w->agent = span(a0, cur - 1);
    t0 = cur;
    /*!local:re2c:warn_text
        quoted_string { w->text = span(t0, cur); return cur; }
        * { sp_fail(err, SIPPARSE_E_HEADER_VALUE, t0, "warn-text"); return NULL; }
    */
}

// index-val (RFC 7044 §9), the whole slice.
int sp_index_val(const char *p, const char *lim)
{
    const char *cur = p, *mar;
    /*!local:re2c:index_val
        index_val { return cur == lim; }
        * { return 0; }
    */
}

// 1*2DIGIT (RFC 5806 diversion-counter, diversion-limit), the whole slice.
int sp_two_digits(const char *p, const char *lim)
{
    const char *cur = p, *mar;
    /*!local:re2c:two_digits
        DIGIT{1,2} { return cur == lim; }
        * { return 0; }
    */
}

// signed-identity-digest SEMI "info" EQUAL LAQUOT at p. Returns the byte after '<', or
// NULL when no ident-info follows. *digest is the digest (absent when there is none)
// and *end the byte after it (after the closing quote of an RFC 4474 quoted digest).
const char *sp_identity_head(const char *p, const char *lim, sipparse_slice *digest,
                             const char **end)
{
    const char *cur = p, *mar;
    const char *d0, *d1;
    /*!stags:re2c:identity_head format = 'const char *@@;\n'; */
    /*!local:re2c:identity_head
        digest @d1 SEMI 'info' EQUAL LAQUOT {
            *digest = span(p, d1);
            *end = d1;
            return cur;
        }
        digest                            { *digest = span(p, cur); *end = cur; return NULL; }
        DQUOTE @d0 base64_char+ @d1 DQUOTE { *digest = span(d0, d1); *end = cur; return NULL; }
        * { *digest = SIPPARSE_SLICE_NONE; *end = p; return NULL; }
    */
}

// *( SEMI ident-info-params ) after the ident-info-uri's RAQUOT. Returns the end of the
// last param, or NULL with *bad at an alg or ppt param whose value is not a token.
const char *sp_identity_params(const char *p, const char *lim, sipparse_identity *id,
                               const char **bad)
{
    const char *cur = p, *mar, *q;
    const char *n0, *n1, *v0;
    /*!stags:re2c:identity_param format = 'const char *@@;\n'; */
param:
    q = cur;
    /*!local:re2c:identity_param
        SEMI 'alg' EQUAL @v0 token { id->alg = span(v0, cur); goto param; }
        SEMI 'ppt' EQUAL @v0 token { id->ppt = span(v0, cur); goto param; }
        SEMI @n0 token @n1 (EQUAL gen_value)? {
            if (n1 - n0 == 3 && (sp_eq_ci_n(n0, "alg", 3) || sp_eq_ci_n(n0, "ppt", 3))) {
                *bad = n0;
                return NULL;
            }
            goto param;
        }
        * { return q; }
    */
}
