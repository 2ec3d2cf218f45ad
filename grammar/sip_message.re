// re2c -W -Werror --no-generation-date --no-version -i -I grammar -I build/gen sip_message.re -o build/gen/sip_message.c
//
// RFC 3261 §7 message layout: the start line, header names, and the name → id and
// method → id tables generated from headers.def / methods.def.
// Traps:
//  - Request-Line and Status-Line take exactly one SP between elements (§25.1);
//    the rules below accept runs of SP and report how many, so the caller can apply
//    SIPPARSE_F_ALLOW_EXTRA_SP (RFC 4475 §3.1.2.9, §3.1.2.10) and name the column.
//  - "SIP/2.0" is matched case-insensitively (§7.1); any other version is left to
//    the caller to refuse (505) or accept (JsSIP takes any SIP/d.d).
//  - Methods are case-sensitive (§7.1); header names are not (§7.3.1).
//  - A Reason-Phrase may be empty, but the SP before it is required (§25.1,
//    RFC 4475 §3.1.1.13).
#include "grammar.h"

/*!include:re2c "sip_core.re" */
/*!include:re2c "tables.re" */
/*!re2c
    // RFC 3261 §25.1
    SIP_Version   = 'SIP' "/" DIGIT+ "." DIGIT+;
    Method        = token;
    Status_Code   = DIGIT{3};
    Reason_Phrase = (reserved | unreserved | escaped | UTF8_NONASCII | UTF8_CONT | SP | HTAB)*;
*/

// Request-Line = Method SP Request-URI SP SIP-Version CRLF
// Status-Line  = SIP-Version SP Status-Code SP Reason-Phrase CRLF
// Matches the start line up to, not including, its line end; the Request-URI is
// only delimited here (any run of non-SP bytes) and parsed by the URI grammar.
// Bounds: lim[-1] must be the CR or LF that ends the line. No rule goes past a CR or
// an LF (both rules end looking at one), so the matcher stays inside [p, lim) without
// testing lim at every byte.
int sp_start_line(const char *p, const char *lim, sp_start *out)
{
    const char *cur = p, *mar;
    const char *a0, *a1, *b0, *b1, *c0, *c1, *e;
    (void)lim;
    /*!stags:re2c:start_line format = 'const char *@@;\n'; */
    /*!local:re2c:start_line
        re2c:define:YYPEEK = "(unsigned char)*cur";
        @a0 Method @a1 SP+ @b0 [^ \r\n\xff]+ @b1 SP+ @c0 SIP_Version @c1 SP* @e / [\r\n] {
            out->is_request = 1;
            out->method = (sipparse_slice){ a0, (size_t)(a1 - a0) };
            out->ruri = (sipparse_slice){ b0, (size_t)(b1 - b0) };
            out->version = (sipparse_slice){ c0, (size_t)(c1 - c0) };
            out->extra_sp = (b0 - a1 > 1) || (c0 - b1 > 1) || (e > c1);
            out->end = e;
            return 1;
        }
        @c0 SIP_Version @c1 SP+ @a0 Status_Code @a1 SP @b0 Reason_Phrase @b1 @e / [\r\n] {
            out->is_request = 0;
            out->version = (sipparse_slice){ c0, (size_t)(c1 - c0) };
            out->status = (unsigned)((a0[0] - '0') * 100 + (a0[1] - '0') * 10 + (a0[2] - '0'));
            out->reason = (sipparse_slice){ b0, (size_t)(b1 - b0) };
            out->extra_sp = (a0 - c1 > 1);
            out->end = e;
            return 1;
        }
        * { return 0; }
    */
}

// header-name HCOLON (RFC 3261 §7.3.1: WSP may stand before the colon). Returns the
// byte after the colon and sets the name's end and id, or returns NULL.
// Bounds: lim[-1] must be a byte that ends the match, the CR or LF that ends the line
// or a ':' (the caller knows one). No rule goes past a ':', a CR or an LF, so the
// matcher stays inside [p, lim) without testing lim at every byte: a header name is
// the hottest thing the message layer matches.
// Two passes, the first only for known names: a known name followed by HCOLON is
// matched there whole (in one block with the token rule it would win the tie as the
// earlier rule, so the result is the same); any other name is a token, matched by the
// second. Without the token rule, each state of the first tests only name letters.
const char *sp_header_name(const char *p, const char *lim, const char **name_end,
                           sipparse_hdr_id *id)
{
    const char *cur = p, *mar;
    const char *n1;
    (void)lim;
    /*!stags:re2c:header_line format = 'const char *@@;\n'; */
    /*!local:re2c:header_line
        !use:header_line_known;
        re2c:define:YYPEEK = "(unsigned char)*cur";
        * { goto other; }
    */
other:
    cur = p;
    /*!local:re2c:header_line_other
        re2c:define:YYPEEK = "(unsigned char)*cur";
        token @n1 WSP* ":" { *name_end = n1; *id = SIPPARSE_HDR_OTHER; return cur; }
        * { return NULL; }
    */
}

// Header name → id. The slice must be a token (every caller has matched one), so
// the longest match covers it whole: a keyword wins only at its exact length and
// "Viax" falls to the token rule (OTHER).
sipparse_hdr_id sp_hdr_id(const char *p, const char *lim)
{
    const char *cur = p, *mar;
    /*!local:re2c:hdr_id
        !use:header_name;
        * { return SIPPARSE_HDR_OTHER; }
    */
}

// Method → id, on a slice that is a token (as above).
sipparse_method sp_method_id(const char *p, const char *lim)
{
    const char *cur = p, *mar;
    /*!local:re2c:method_id
        !use:method_name;
        * { return SIPPARSE_METHOD_OTHER; }
    */
}

// token: the length of the token at p (0 when none).
size_t sp_token(const char *p, const char *lim)
{
    const char *cur = p, *mar;
    /*!local:re2c:token
        token { return (size_t)(cur - p); }
        * { return 0; }
    */
}
