// re2c -W -Werror --no-generation-date --no-version -i -I grammar -I build/gen sip_nameaddr.re -o build/gen/sip_nameaddr.c
//
// RFC 3261 §25.1 display-name, the piece of name-addr that is not a URI.
//   name-addr    = [ display-name ] LAQUOT addr-spec RAQUOT
//   display-name = *(token LWS)/ quoted-string
// Traps:
//  - RFC 3261's *(token LWS) demands LWS before '<', but RFC 4475 §3.1.1.6 calls
//    that a grammar bug and says to accept "caller<sip:...>"; the rule below makes
//    the LWS optional before '<' (the caller checks that '<' follows).
//  - A token display name followed by no '<' was really the start of an addr-spec
//    ("sip" of "sip:alice@host"): the caller tries the addr-spec then.
//  - quoted-pair may escape any byte but CR and LF, NUL included (RFC 4475 §3.1.1.2).
#include <string.h>
#include "grammar.h"

/*!include:re2c "sip_core.re" */

// Returns the end of the display-name at p (NULL when there is none) and whether it
// is quoted.
const char *sp_display_name(const char *p, const char *lim, int *quoted)
{
    const char *cur = p, *mar;
    /*!local:re2c:display_name
        quoted_string    { *quoted = 1; return cur; }
        token (LWS token)* { *quoted = 0; return cur; }
        * { return NULL; }
    */
}

static sipparse_slice span(const char *a, const char *b)
{
    return (sipparse_slice){ a, (size_t)(b - a) };
}

// *( SEMI generic-param ) after a value (RFC 3261 §20.10, §20.20, §20.39), all in one
// call; tag, q and expires are rules of their own, so the DFA names them while it
// reads them. The DFA stops where a value starts; sp_gen_value reads the value
// (sip_lexical.re says why). Fills na's params, tag, q and expires; returns the end.
const char *sp_header_params(const char *p, const char *lim, sipparse_nameaddr *na)
{
    const char *cur = p, *mar, *q;
    const char *n1, *v0;
    sipparse_slice *known;
    /*!stags:re2c:header_param format = 'const char *@@;\n'; */
param:
    q = cur;
    /*!local:re2c:header_param
        SEMI 'tag' @n1 (EQUAL @v0)?     { known = &na->tag; goto value; }
        SEMI 'q' @n1 (EQUAL @v0)?       { known = &na->q; goto value; }
        SEMI 'expires' @n1 (EQUAL @v0)? { known = &na->expires; goto value; }
        SEMI token @n1 (EQUAL @v0)?     { known = NULL; goto value; }
        * {
            if (q > p)   /* the params start at ';', after SEMI's leading LWS */
                na->params = span(sp_semi(p), q);
            return q;
        }
    */
value:
    /* ( EQUAL gen-value ) is optional: a value that does not finish leaves the param
     * ending at its name */
    if (v0 && (cur = sp_gen_value(v0, lim)) == NULL)
        v0 = NULL;
    if (!v0)
        cur = n1;
    if (known == &na->tag)   /* ";tag" without a value is present but empty */
        na->tag = span(v0 ? v0 : n1, cur);
    else if (known)
        *known = v0 ? span(v0, cur) : SIPPARSE_SLICE_NONE;
    goto param;
}
