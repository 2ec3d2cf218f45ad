// re2c -W -Werror --no-generation-date --no-version -i -I grammar -I build/gen sip_lexical.re -o build/gen/sip_lexical.c
//
// Separators and small lexical pieces shared by the header grammars. Each function
// matches at p and returns the end of the match (p itself for an empty SWS), or
// NULL when the rule does not match.
#include "grammar.h"

/*!include:re2c "sip_core.re" */

// LWS at p, or p when there is none (SWS = [LWS]; grammar.h looks at the first byte)
const char *sp_lws(const char *p, const char *lim)
{
    const char *cur = p, *mar;
    /*!local:re2c:sws
        LWS { return cur; }
        * { return p; }
    */
}

// COMMA = SWS "," SWS
const char *sp_comma(const char *p, const char *lim)
{
    const char *cur = p, *mar;
    /*!local:re2c:comma
        COMMA { return cur; }
        * { return NULL; }
    */
}

// quoted-string = SWS DQUOTE *(qdtext / quoted-pair ) DQUOTE (without the SWS)
const char *sp_quoted_string(const char *p, const char *lim)
{
    const char *cur = p, *mar;
    /*!local:re2c:quoted_string
        quoted_string { return cur; }
        * { return NULL; }
    */
}

// gen-value = token / host / quoted-string (RFC 3261 §25.1; see gen_value in
// sip_core.re): its end at p, or NULL when none starts there. The param matchers of
// Via and name-addr stop where a value starts and finish it here. A matcher that reads
// both the names and the values holds two token loops, and re2c 3.0 gives only the
// first loop of a character class in a matcher a table test (-b); it tests the others
// with a tree of compares, several data-dependent branches per byte.
const char *sp_gen_value(const char *p, const char *lim)
{
    const char *cur = p, *mar;
    /*!local:re2c:gen_value
        gen_value { return cur; }
        * { return NULL; }
    */
}

// What a quoted-string can carry once written: qdtext, and as quoted-pairs any other
// byte up to 0x7f but CR and LF; so *( %x00-09 / %x0B-0C / %x0E-7F / UTF8-NONASCII ).
// Returns the end of the longest such run at p (p itself when none).
const char *sp_quotable(const char *p, const char *lim)
{
    const char *cur = p, *mar;
    for (;;) {
        const char *at = cur;
        /*!local:re2c:quotable
            [\x00-\x09\x0b\x0c\x0e-\x7f] | UTF8_NONASCII { continue; }
            * { return at; }
        */
    }
}

// 1*DIGIT
const char *sp_digits(const char *p, const char *lim)
{
    const char *cur = p, *mar;
    /*!local:re2c:digits
        DIGIT+ { return cur; }
        * { return NULL; }
    */
}

// One SEMI generic-param at p (RFC 3261 §25.1 header parameters). Returns its end,
// the name and the value (ptr NULL when there is no '='); NULL when none starts at p.
const char *sp_generic_param(const char *p, const char *lim, sipparse_slice *name,
                             sipparse_slice *value)
{
    const char *cur = p, *mar;
    const char *n0, *n1, *v0;
    /*!stags:re2c:generic_param format = 'const char *@@;\n'; */
    /*!local:re2c:generic_param
        SEMI @n0 token @n1 (EQUAL @v0 gen_value)? {
            *name = (sipparse_slice){ n0, (size_t)(n1 - n0) };
            *value = v0 ? (sipparse_slice){ v0, (size_t)(cur - v0) } : SIPPARSE_SLICE_NONE;
            return cur;
        }
        * { return NULL; }
    */
}

// qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] ), the whole slice.
int sp_qvalue(const char *p, const char *lim)
{
    const char *cur = p, *mar;
    /*!local:re2c:qvalue
        "0" ("." DIGIT{0,3})? | "1" ("." "0"{0,3})? { return cur == lim; }
        * { return 0; }
    */
}

// header-value = *(TEXT-UTF8char / UTF8-CONT / LWS), the whole slice (RFC 3261 §25.1).
// Returns the end of the longest valid prefix, so the caller can point at the byte
// that broke it.
const char *sp_text(const char *p, const char *lim)
{
    const char *cur = p, *mar;
    /*!local:re2c:text
        (TEXT_UTF8char | UTF8_CONT | LWS)+ { return cur; }
        * { return p; }
    */
}

// comment (RFC 3261 §25.1) at p, which holds '('. Returns the end (after the ')' that
// closes it), or NULL with *bad at a byte no comment may hold (lim when unterminated).
// The depth counter is the one thing here a DFA cannot do.
const char *sp_comment(const char *p, const char *lim, const char **bad)
{
    const char *cur = p, *mar;
    size_t depth = 0;
loop:
    /*!local:re2c:comment
        "("                    { depth++; goto loop; }
        ")"                    { if (--depth == 0) return cur; goto loop; }
        (ctext | quoted_pair)+ { goto loop; }
        * { *bad = cur - 1 < lim ? cur - 1 : lim; return NULL; }
    */
}
