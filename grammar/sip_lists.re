// re2c -W -Werror --no-generation-date --no-version -i -I grammar -I build/gen sip_lists.re -o build/gen/sip_lists.c
//
// RFC 3261 §20 and §25.1 header values made of tokens, tags and short texts; RFC 3323
// §4.2 Privacy. Each matcher reads one element at p; the C glue (lists.c) walks the
// separators between elements and reports the offending byte.
//   option-tag      = token                                  (Supported, Require, ...)
//   Method          = INVITEm / ... / extension-method       (Allow; all are tokens)
//   content-coding  = token;  codings = content-coding / "*" (Content-/Accept-Encoding)
//   language-tag    = primary-tag *( "-" subtag ), 1*8ALPHA each   (Content-Language)
//   language-range  = ( 1*8ALPHA *( "-" 1*8ALPHA ) ) / "*"   (Accept-Language)
//   media-range     = ( "*/*" / ( m-type SLASH "*" ) / ( m-type SLASH m-subtype ) )
//                     *( SEMI m-parameter )                  (Accept)
//   accept-param    = ( "q" EQUAL qvalue ) / generic-param
//   callid          = word [ "@" word ]                      (In-Reply-To)
//   priority-value  = "emergency" / "urgent" / "normal" / "non-urgent" / other-priority
//   disp-type       = "render" / "session" / "icon" / "alert" / disp-extension-token
//   handling-param  = "handling" EQUAL ( "optional" / "required" / other-handling )
//   priv-value      = "header" / "session" / "user" / "none" / "critical" / token
//                     (RFC 3323; "id" RFC 3325 §9.3, "history" RFC 7044 §7.2)
//   TEXT-UTF8-TRIM  = 1*TEXT-UTF8char *( *LWS TEXT-UTF8char ) (Subject, Organization)
//   server-val      = product / comment;  product = token [ SLASH product-version ]
//   comment         = LPAREN *( ctext / quoted-pair / comment ) RPAREN
// Traps:
//  - The known values above are prefixes of valid tokens: "renderx", "urgently" or
//    "handling=optionalx" are extension tokens, not errors. The DFA takes the longest
//    match, so a keyword rule only wins when the token ends there (JsSIP's PEG commits
//    to the keyword and fails, reference §9 prefix traps).
//  - m-type, m-subtype and codings are tokens, and '*' is a token character, so
//    "*/*", "text/*" and "*" need no rules of their own.
//  - media-range's m-parameters and the accept-params share one ';' list: every
//    m-parameter is also a generic-param, so the list is generic-params, and a "q"
//    among them must be a qvalue.
//  - comment nests, which no regular expression can count: the DFA reads the runs
//    between parentheses and the C loop below keeps the depth.
//  - Privacy separates its values with a bare ";" (RFC 3323 §4.2), not SEMI.
//  - language-tag subtags are letters only in RFC 3261 ("es-419" is not one).
#include "grammar.h"

/*!include:re2c "sip_core.re" */
/*!re2c
    qvalue         = "0" ("." DIGIT{0,3})? | "1" ("." "0"{0,3})?;
    lang_tag       = ALPHA{1,8} ("-" ALPHA{1,8})*;
    language_range = lang_tag | "*";
    callid         = word ("@" word)?;
*/

static sipparse_slice span(const char *a, const char *b)
{
    return (sipparse_slice){ a, (size_t)(b - a) };
}

// option-tag, content-coding, codings, Method: one token.
const char *sp_token_item(const char *p, const char *lim, sipparse_item *it)
{
    const char *cur = p, *mar;
    /*!local:re2c:token_item
        token { it->value = span(p, cur); return cur; }
        * { return NULL; }
    */
}

// language-tag (Content-Language, RFC 3261 §20.13)
const char *sp_language_tag(const char *p, const char *lim, sipparse_item *it)
{
    const char *cur = p, *mar;
    /*!local:re2c:language_tag
        lang_tag { it->value = span(p, cur); return cur; }
        * { return NULL; }
    */
}

// language-range (Accept-Language, RFC 3261 §20.3)
const char *sp_language_range(const char *p, const char *lim, sipparse_item *it)
{
    const char *cur = p, *mar;
    /*!local:re2c:language_range
        language_range { it->value = span(p, cur); return cur; }
        * { return NULL; }
    */
}

// callid (In-Reply-To, RFC 3261 §20.21)
const char *sp_callid_item(const char *p, const char *lim, sipparse_item *it)
{
    const char *cur = p, *mar;
    /*!local:re2c:callid_item
        callid { it->value = span(p, cur); return cur; }
        * { return NULL; }
    */
}

// m-type SLASH m-subtype, without the params (Accept, RFC 3261 §20.1)
const char *sp_media_range(const char *p, const char *lim, sipparse_item *it)
{
    const char *cur = p, *mar;
    const char *t1, *s0;
    /*!stags:re2c:media_range format = 'const char *@@;\n'; */
    /*!local:re2c:media_range
        token @t1 SLASH @s0 token {
            it->value = span(p, t1);
            it->subtype = span(s0, cur);
            return cur;
        }
        * { return NULL; }
    */
}

// *( SEMI accept-param ) after an Accept* element. Returns the end of the params (before
// any LWS that follows them), or NULL when a "q" param holds no qvalue; it->q then
// points at that value (or at the name when it has none).
const char *sp_accept_params(const char *p, const char *lim, sipparse_item *it)
{
    const char *cur = p, *mar, *q;
    const char *n0, *n1, *v0;
    /*!stags:re2c:accept_param format = 'const char *@@;\n'; */
param:
    q = cur;
    /*!local:re2c:accept_param
        SEMI 'q' EQUAL @v0 qvalue { it->q = span(v0, cur); goto param; }
        // "q=0.5x" or q=1.5: longer than the qvalue rule, so it lands here
        SEMI @n0 token @n1 (EQUAL @v0 gen_value)? {
            if (n1 - n0 == 1 && (*n0 | 0x20) == 'q') {
                it->q = v0 ? span(v0, cur) : span(n0, n1);
                return NULL;
            }
            goto param;
        }
        * {
            if (q > p) {   /* the params start at ';', after SEMI's leading LWS */
                const char *semi = p;
                while (*semi != ';')
                    semi++;
                it->params = span(semi, q);
            }
            return q;
        }
    */
}

// priv-value (RFC 3323 §4.2); the keywords compare without case (RFC 3261 §7.3.1).
const char *sp_priv_value(const char *p, const char *lim, sipparse_privacy *pv)
{
    const char *cur = p, *mar;
    /*!local:re2c:priv_value
        'header'   { pv->id = SIPPARSE_PRIV_HEADER; goto done; }
        'session'  { pv->id = SIPPARSE_PRIV_SESSION; goto done; }
        'user'     { pv->id = SIPPARSE_PRIV_USER; goto done; }
        'none'     { pv->id = SIPPARSE_PRIV_NONE; goto done; }
        'critical' { pv->id = SIPPARSE_PRIV_CRITICAL; goto done; }
        'id'       { pv->id = SIPPARSE_PRIV_ID; goto done; }
        'history'  { pv->id = SIPPARSE_PRIV_HISTORY; goto done; }
        token      { pv->id = SIPPARSE_PRIV_OTHER; goto done; }
        * { return NULL; }
    */
done:
    pv->value = span(p, cur);
    return cur;
}

// priority-value (RFC 3261 §20.26)
const char *sp_priority(const char *p, const char *lim, sipparse_priority *pr)
{
    const char *cur = p, *mar;
    /*!local:re2c:priority
        'emergency'  { pr->id = SIPPARSE_PRIO_EMERGENCY; goto done; }
        'urgent'     { pr->id = SIPPARSE_PRIO_URGENT; goto done; }
        'normal'     { pr->id = SIPPARSE_PRIO_NORMAL; goto done; }
        'non-urgent' { pr->id = SIPPARSE_PRIO_NON_URGENT; goto done; }
        token        { pr->id = SIPPARSE_PRIO_OTHER; goto done; }
        * { return NULL; }
    */
done:
    pr->value = span(p, cur);
    return cur;
}

// disp-type *( SEMI disp-param ) (RFC 3261 §20.11). Returns the end of the last param,
// or NULL with *bad at the disp-type (none at p) or at a handling param whose value is
// not a token.
const char *sp_disposition(const char *p, const char *lim, sipparse_disposition *d,
                           const char **bad)
{
    const char *cur = p, *mar, *q, *type_end;
    const char *n0, *n1, *v0;
    /*!stags:re2c:disp_param format = 'const char *@@;\n'; */
    /*!local:re2c:disp_type
        'render'  { d->type_id = SIPPARSE_DISP_RENDER; goto type; }
        'session' { d->type_id = SIPPARSE_DISP_SESSION; goto type; }
        'icon'    { d->type_id = SIPPARSE_DISP_ICON; goto type; }
        'alert'   { d->type_id = SIPPARSE_DISP_ALERT; goto type; }
        token     { d->type_id = SIPPARSE_DISP_OTHER; goto type; }
        * { *bad = p; return NULL; }
    */
type:
    d->type = span(p, cur);
    type_end = cur;
param:
    q = cur;
    /*!local:re2c:disp_param
        SEMI 'handling' EQUAL @v0 'optional' { d->handling_id = SIPPARSE_HANDLING_OPTIONAL; goto handling; }
        SEMI 'handling' EQUAL @v0 'required' { d->handling_id = SIPPARSE_HANDLING_REQUIRED; goto handling; }
        SEMI 'handling' EQUAL @v0 token      { d->handling_id = SIPPARSE_HANDLING_OTHER; goto handling; }
        // a handling param without a token value fell here
        SEMI @n0 token @n1 (EQUAL gen_value)? {
            if (n1 - n0 == 8 && sp_eq_ci_n(n0, "handling", 8)) {
                *bad = n0;
                return NULL;
            }
            goto param;
        }
        * {
            if (q > type_end) {   /* the params start at ';', after SEMI's leading LWS */
                const char *semi = type_end;
                while (*semi != ';')
                    semi++;
                d->params = span(semi, q);
            }
            return q;
        }
    */
handling:
    d->handling = span(v0, cur);
    goto param;
}

// TEXT-UTF8-TRIM (RFC 3261 §25.1). Returns the end of the longest prefix that is one,
// p when none is.
const char *sp_text_trim(const char *p, const char *lim)
{
    const char *cur = p, *mar;
    /*!local:re2c:text_trim
        TEXT_UTF8char+ (LWS* TEXT_UTF8char)* { return cur; }
        * { return p; }
    */
}

// product = token [ SLASH product-version ] (RFC 3261 §25.1)
const char *sp_product(const char *p, const char *lim, sipparse_server_val *sv)
{
    const char *cur = p, *mar;
    const char *t1, *v0;
    /*!stags:re2c:product format = 'const char *@@;\n'; */
    /*!local:re2c:product
        token @t1 (SLASH @v0 token)? {
            sv->product = span(p, t1);
            sv->version = v0 ? span(v0, cur) : SIPPARSE_SLICE_NONE;
            return cur;
        }
        * { return NULL; }
    */
}

