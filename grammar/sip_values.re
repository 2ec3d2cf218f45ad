// re2c -W -Werror --no-generation-date --no-version -i -I grammar -I build/gen sip_values.re -o build/gen/sip_values.c
//
// Single-valued headers whose grammar is one regular expression. Each function
// matches a whole (already trimmed) header value.
// Traps:
//  - CSeq needs LWS between the number and the method, and the method is
//    case-sensitive (RFC 3261 §20.16, §7.1).
//  - Call-ID is word ["@" word], no LWS: a second '@' or a space is an error.
//  - Date is rfc1123-date with "GMT" only (RFC 3261 §20.17; RFC 4475 §3.1.2.12).
//  - A UUID (RFC 4122 §3, in +sip.instance, RFC 5626 §4.1) is 8-4-4-4-12 hex digits
//    in either case; its URN prefix is "urn:uuid:", case-insensitive (RFC 8141 §3).
//    JsSIP's "uuid:" prefix is no URI of any RFC.
#include "grammar.h"

/*!include:re2c "sip_core.re" */
/*!re2c
    // RFC 3261 §20.16  CSeq = "CSeq" HCOLON 1*DIGIT LWS Method
    CSeq_value    = DIGIT+ LWS token;
    // RFC 3261 §20.8   callid = word [ "@" word ]
    callid        = word ("@" word)?;
    // RFC 3261 §20.15  media-type = m-type SLASH m-subtype *(SEMI m-parameter)
    m_parameter   = token EQUAL (token | quoted_string);
    // RFC 3261 §25.1   SIP-date = rfc1123-date (RFC 2616 §3.3.1)
    wkday         = 'Mon' | 'Tue' | 'Wed' | 'Thu' | 'Fri' | 'Sat' | 'Sun';
    month         = 'Jan' | 'Feb' | 'Mar' | 'Apr' | 'May' | 'Jun'
                  | 'Jul' | 'Aug' | 'Sep' | 'Oct' | 'Nov' | 'Dec';
    date1         = DIGIT{2} SP month SP DIGIT{4};
    time          = DIGIT{2} ":" DIGIT{2} ":" DIGIT{2};
    rfc1123_date  = wkday "," SP date1 SP time SP "GMT";
    // RFC 4122 §3      hexOctet = hexDigit hexDigit
    hexOctet      = HEXDIG HEXDIG;
    // RFC 4122 §3      UUID = time-low "-" time-mid "-" time-high-and-version "-"
    //                         clock-seq-and-reserved clock-seq-low "-" node
    // Grammar.pegjs    uuid = hex8 "-" hex4 "-" hex4 "-" hex4 "-" hex12
    time_low      = hexOctet{4};
    time_mid      = hexOctet{2};
    time_high_and_version  = hexOctet{2};
    clock_seq_and_reserved = hexOctet;
    clock_seq_low = hexOctet;
    node          = hexOctet{6};
    UUID          = time_low "-" time_mid "-" time_high_and_version "-"
                    clock_seq_and_reserved clock_seq_low "-" node;
*/

int sp_cseq(const char *p, const char *lim, sipparse_slice *num, sipparse_slice *method)
{
    const char *cur = p, *mar;
    const char *n1, *m0;
    /*!stags:re2c:cseq format = 'const char *@@;\n'; */
    /*!local:re2c:cseq
        DIGIT+ @n1 LWS @m0 token {
            if (cur != lim) return 0;
            *num = (sipparse_slice){ p, (size_t)(n1 - p) };
            *method = (sipparse_slice){ m0, (size_t)(lim - m0) };
            return 1;
        }
        * { return 0; }
    */
}

int sp_callid(const char *p, const char *lim)
{
    const char *cur = p, *mar;
    /*!local:re2c:callid
        callid { return cur == lim; }
        * { return 0; }
    */
}

int sp_ctype(const char *p, const char *lim, sipparse_ctype *ct)
{
    const char *cur = p, *mar;
    const char *t1, *s0, *s1;
    /*!stags:re2c:ctype format = 'const char *@@;\n'; */
    /*!local:re2c:ctype
        token @t1 SLASH @s0 token @s1 (SEMI m_parameter)* {
            if (cur != lim) return 0;
            ct->type = (sipparse_slice){ p, (size_t)(t1 - p) };
            ct->subtype = (sipparse_slice){ s0, (size_t)(s1 - s0) };
            ct->params = s1 < lim ? (sipparse_slice){ s1, (size_t)(lim - s1) } : SIPPARSE_SLICE_NONE;
            return 1;
        }
        * { return 0; }
    */
}

int sp_date(const char *p, const char *lim)
{
    const char *cur = p, *mar;
    /*!local:re2c:date
        rfc1123_date { return cur == lim; }
        * { return 0; }
    */
}

// UUID (RFC 4122 §3), the whole slice; with urn: the URN form "urn:uuid:" UUID
// (RFC 4122 §3, JsSIP's uuid_URI counterpart). Returns the start of the UUID, or NULL.
const char *sp_uuid(const char *p, const char *lim, int urn)
{
    const char *cur = p, *mar;
    const char *u0;
    /*!stags:re2c:uuid format = 'const char *@@;\n'; */
    if (urn) {
        /*!local:re2c:uuid_urn
            'urn:uuid:' @u0 UUID { return cur == lim ? u0 : NULL; }
            * { return NULL; }
        */
    }
    /*!local:re2c:uuid
        UUID { return cur == lim ? p : NULL; }
        * { return NULL; }
    */
}
