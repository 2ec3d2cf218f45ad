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
