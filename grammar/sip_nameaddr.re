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
// reads them. Fills na's params, tag, q and expires; returns the end.
const char *sp_header_params(const char *p, const char *lim, sipparse_nameaddr *na)
{
    const char *cur = p, *mar, *q;
    const char *n1, *v0;
    /*!stags:re2c:header_param format = 'const char *@@;\n'; */
param:
    q = cur;
    /*!local:re2c:header_param
        // ";tag" without a value is present but empty
        SEMI 'tag' @n1 (EQUAL @v0 gen_value)? { na->tag = span(v0 ? v0 : n1, cur); goto param; }
        SEMI 'q' (EQUAL @v0 gen_value)?       { na->q = v0 ? span(v0, cur) : SIPPARSE_SLICE_NONE; goto param; }
        SEMI 'expires' (EQUAL @v0 gen_value)? {
            na->expires = v0 ? span(v0, cur) : SIPPARSE_SLICE_NONE;
            goto param;
        }
        SEMI token (EQUAL gen_value)?         { goto param; }
        * {
            if (q > p)   /* the params start at ';', after SEMI's leading LWS */
                na->params = span(memchr(p, ';', (size_t)(q - p)), q);
            return q;
        }
    */
}
