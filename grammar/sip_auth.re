// re2c -W -Werror --no-generation-date --no-version -i -I grammar -I build/gen sip_auth.re -o build/gen/sip_auth.c
//
// RFC 3261 §20.6, §20.7, §20.27, §20.28, §20.44 and §25.1: authentication headers, with
// the Digest directives of RFC 2617 §3.2 and RFC 7616 §3.3-§3.5.
//   challenge       = ("Digest" LWS digest-cln *(COMMA digest-cln)) / other-challenge
//   other-challenge = auth-scheme LWS auth-param *(COMMA auth-param)
//   digest-cln      = realm / domain / nonce / opaque / stale / algorithm
//                     / qop-options / auth-param
//   credentials     = ("Digest" LWS digest-response) / other-response
//   digest-response = dig-resp *(COMMA dig-resp)
//   dig-resp        = username / realm / nonce / digest-uri / dresponse / algorithm
//                     / cnonce / opaque / message-qop / nonce-count / auth-param
//   other-response  = auth-scheme LWS auth-param *(COMMA auth-param)
//   auth-param      = auth-param-name EQUAL ( token / quoted-string )
//   Authentication-Info = "Authentication-Info" HCOLON ainfo *(COMMA ainfo)
//   ainfo           = nextnonce / message-qop / response-auth / cnonce / nonce-count
//   realm-value = nonce-value = cnonce-value = username-value = quoted-string
//   domain          = "domain" EQUAL LDQUOT URI *( 1*SP URI ) RDQUOT
//   URI             = absoluteURI / abs-path
//   stale           = "stale" EQUAL ( "true" / "false" )
//   algorithm       = "algorithm" EQUAL ( "MD5" / "MD5-sess" / token )
//                     (RFC 7616 §3.3 adds SHA-256, SHA-512-256 and their -sess forms)
//   qop-options     = "qop" EQUAL LDQUOT qop-value *("," qop-value) RDQUOT
//   qop-value       = "auth" / "auth-int" / token
//   message-qop     = "qop" EQUAL qop-value
//   digest-uri      = "uri" EQUAL LDQUOT digest-uri-value RDQUOT
//   dresponse       = "response" EQUAL request-digest
//   request-digest  = LDQUOT 32LHEX RDQUOT     (RFC 7616 §3.4: 64LHEX for SHA-256)
//   nonce-count     = "nc" EQUAL nc-value ;  nc-value = 8LHEX
//   response-auth   = "rspauth" EQUAL response-digest ; response-digest = LDQUOT *LHEX RDQUOT
//   userhash        = "userhash" EQUAL ( "true" / "false" )        (RFC 7616 §3.3, §3.4)
//   charset         = "charset" EQUAL "UTF-8"                        (RFC 7616 §3.3)
//   username*       = "username*" EQUAL ext-value                    (RFC 7616 §3.4.4)
// Grammar.pegjs: challenge, other_challenge, auth_scheme, auth_param, digest_cln, realm,
// domain, URI, nonce, opaque, stale, algorithm, qop_options, qop_value. JsSIP has no rule
// for credentials or Authentication-Info (it stores those headers raw).
// Traps:
//  - Every digest-cln and dig-resp may also be an auth-param, and a directive name is a
//    token: "response=\"abc\"" or "realm=x" is still a valid dig-resp, only not in the
//    directive's own form. The DFA tells the two apart (own form first, then the known
//    name with an auth-param value, then any auth-param); the C glue records the first
//    such "lax" directive. ainfo has no auth-param alternative: there it is an error.
//  - Names, schemes and the literals true/false/MD5/auth/UTF-8 are case-insensitive
//    (RFC 3261 §7.3.1; ABNF strings); quoted values are case-sensitive. LHEX is lower
//    case only (RFC 3261 §25.1: LHEX = DIGIT / %x61-66).
//  - LWS with folds may stand around '=' and ','; RFC 2617 §3.2.1 writes qop-options
//    with the #rule, so "auth, auth-int" (RFC 7616 §3.9.1) is a list of two, although
//    RFC 3261's "," has no SWS.
//  - The comma that separates directives is also the comma of RFC 7235 challenge lists;
//    RFC 3261 §7.3.1 keeps one challenge per header line, so a second scheme after a
//    comma is a bad auth-param here.
//  - JsSIP (Grammar.pegjs challenge): "algorithm=MD5-sess" and "stale=truex" fail the
//    whole header (a prefix of the value matches, PEG commits); qop lists with spaces
//    fall back to auth-param. Here the longest match decides, as the RFC's ABNF does.
#include "grammar.h"

/*!include:re2c "sip_core.re" */
/*!re2c
    LHEX          = [0-9a-f];
    qcontent      = (qdtext | quoted_pair)*;
    // URI characters (RFC 2396 uric, plus RFC 2732 '[' ']' for IPv6 hosts)
    uri_char      = uric | [[\]];
    // URI = absoluteURI / abs-path: scheme ":" (hier-part / opaque-part) is scheme ":"
    // followed by uric, and abs-path is "/" followed by uric.
    auth_uri      = scheme ":" uri_char+ | "/" uri_char*;
    // digest-uri-value = Request-URI of HTTP/1.1: "*" / absoluteURI / abs_path
    digest_uri    = "*" | auth_uri;
    qop_list      = token (SWS "," SWS token)*;
    // RFC 5987 §3.2.1 ext-value = charset "'" [ language ] "'" value-chars
    attr_char     = ALPHA | DIGIT | [!#$&+.^_`|~-];
    ext_value     = (ALPHA | DIGIT | [!#$%&+^_`{}~-])+ "'" (ALPHA | DIGIT | "-")* "'"
                    (attr_char | "%" HEXDIG HEXDIG)*;
    auth_value    = token | quoted_string;
*/

// auth-scheme LWS at p: returns the first byte after the LWS and the scheme's end in
// *scheme_end, or NULL when p does not start a scheme followed by LWS.
const char *sp_auth_scheme(const char *p, const char *lim, const char **scheme_end)
{
    const char *cur = p, *mar;
    const char *s1;
    /*!stags:re2c:auth_scheme format = 'const char *@@;\n'; */
    /*!local:re2c:auth_scheme
        token @s1 LWS { *scheme_end = s1; return cur; }
        * { return NULL; }
    */
}

static sipparse_slice span(const char *a, const char *b)
{
    return (sipparse_slice){ a, (size_t)(b - a) };
}

// One auth-param at p (no separator before it). Returns its end and fills *ap: which
// directive it is, whether its value has the directive's own form (lax = 0) or only the
// auth-param form (lax = 1), the name, and the value (inside the quotes when quoted).
// NULL when no auth-param starts at p.
const char *sp_auth_param(const char *p, const char *lim, sp_auth_item *ap)
{
    const char *cur = p, *mar;
    const char *n1, *v0, *v1;
    ap->lax = 0;
    /*!stags:re2c:auth_param format = 'const char *@@;\n'; */
    /*!local:re2c:auth_param
        // The directives in their own form (RFC 3261 §25.1, RFC 7616 §3.3, §3.4).
        'realm' @n1 EQUAL DQUOTE @v0 qcontent @v1 DQUOTE      { ap->id = SP_AUTH_REALM; goto done; }
        'nonce' @n1 EQUAL DQUOTE @v0 qcontent @v1 DQUOTE      { ap->id = SP_AUTH_NONCE; goto done; }
        'opaque' @n1 EQUAL DQUOTE @v0 qcontent @v1 DQUOTE     { ap->id = SP_AUTH_OPAQUE; goto done; }
        'domain' @n1 EQUAL DQUOTE @v0 auth_uri (SP+ auth_uri)* @v1 DQUOTE
                                                              { ap->id = SP_AUTH_DOMAIN; goto done; }
        'stale' @n1 EQUAL @v0 ('true' | 'false') @v1         { ap->id = SP_AUTH_STALE; goto done; }
        'algorithm' @n1 EQUAL @v0 token @v1                   { ap->id = SP_AUTH_ALGORITHM; goto done; }
        'qop' @n1 EQUAL DQUOTE @v0 qop_list @v1 DQUOTE        { ap->id = SP_AUTH_QOP_OPTIONS; goto done; }
        'qop' @n1 EQUAL @v0 token @v1                         { ap->id = SP_AUTH_QOP; goto done; }
        'userhash' @n1 EQUAL @v0 ('true' | 'false') @v1      { ap->id = SP_AUTH_USERHASH; goto done; }
        'charset' @n1 EQUAL @v0 'UTF-8' @v1                   { ap->id = SP_AUTH_CHARSET; goto done; }
        'username' @n1 EQUAL DQUOTE @v0 qcontent @v1 DQUOTE   { ap->id = SP_AUTH_USERNAME; goto done; }
        'username*' @n1 EQUAL @v0 ext_value @v1               { ap->id = SP_AUTH_USERNAME_EXT; goto done; }
        'uri' @n1 EQUAL DQUOTE @v0 digest_uri @v1 DQUOTE      { ap->id = SP_AUTH_URI; goto done; }
        'response' @n1 EQUAL DQUOTE @v0 (LHEX{32} | LHEX{64}) @v1 DQUOTE
                                                              { ap->id = SP_AUTH_RESPONSE; goto done; }
        'cnonce' @n1 EQUAL DQUOTE @v0 qcontent @v1 DQUOTE     { ap->id = SP_AUTH_CNONCE; goto done; }
        'nc' @n1 EQUAL @v0 LHEX{8} @v1                        { ap->id = SP_AUTH_NC; goto done; }
        'nextnonce' @n1 EQUAL DQUOTE @v0 qcontent @v1 DQUOTE  { ap->id = SP_AUTH_NEXTNONCE; goto done; }
        'rspauth' @n1 EQUAL DQUOTE @v0 LHEX* @v1 DQUOTE       { ap->id = SP_AUTH_RSPAUTH; goto done; }

        // A known name whose value is only an auth-param value. A value as long as the
        // own form's takes the rule above (re2c prefers the first rule on equal length).
        'realm' @n1 EQUAL @v0 auth_value       { ap->id = SP_AUTH_REALM; goto lax; }
        'nonce' @n1 EQUAL @v0 auth_value       { ap->id = SP_AUTH_NONCE; goto lax; }
        'opaque' @n1 EQUAL @v0 auth_value      { ap->id = SP_AUTH_OPAQUE; goto lax; }
        'domain' @n1 EQUAL @v0 auth_value      { ap->id = SP_AUTH_DOMAIN; goto lax; }
        'stale' @n1 EQUAL @v0 auth_value       { ap->id = SP_AUTH_STALE; goto lax; }
        'algorithm' @n1 EQUAL @v0 auth_value   { ap->id = SP_AUTH_ALGORITHM; goto lax; }
        'qop' @n1 EQUAL @v0 auth_value         { ap->id = SP_AUTH_QOP; goto lax; }
        'userhash' @n1 EQUAL @v0 auth_value    { ap->id = SP_AUTH_USERHASH; goto lax; }
        'charset' @n1 EQUAL @v0 auth_value     { ap->id = SP_AUTH_CHARSET; goto lax; }
        'username' @n1 EQUAL @v0 auth_value    { ap->id = SP_AUTH_USERNAME; goto lax; }
        'username*' @n1 EQUAL @v0 auth_value   { ap->id = SP_AUTH_USERNAME_EXT; goto lax; }
        'uri' @n1 EQUAL @v0 auth_value         { ap->id = SP_AUTH_URI; goto lax; }
        'response' @n1 EQUAL @v0 auth_value    { ap->id = SP_AUTH_RESPONSE; goto lax; }
        'cnonce' @n1 EQUAL @v0 auth_value      { ap->id = SP_AUTH_CNONCE; goto lax; }
        'nc' @n1 EQUAL @v0 auth_value          { ap->id = SP_AUTH_NC; goto lax; }
        'nextnonce' @n1 EQUAL @v0 auth_value   { ap->id = SP_AUTH_NEXTNONCE; goto lax; }
        'rspauth' @n1 EQUAL @v0 auth_value     { ap->id = SP_AUTH_RSPAUTH; goto lax; }

        // auth-param = auth-param-name EQUAL ( token / quoted-string )
        token @n1 EQUAL @v0 auth_value         { ap->id = SP_AUTH_OTHER; goto lax; }
        * { return NULL; }
    */
lax:
    // auth-param value: a quoted-string is given without its quotes (it is at least "")
    ap->lax = ap->id != SP_AUTH_OTHER;
    v1 = cur;
    if (*v0 == '"') {
        v0++;
        v1--;
    }
done:
    ap->name = span(p, n1);
    ap->value = span(v0, v1);
    ap->quoted = v0 > p && v0[-1] == '"';
    return cur;
}
