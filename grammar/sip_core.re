// Included by every grammar/*.re (re2c -I grammar); not compiled on its own.
//
// RFC 3261 §25.1 basic rules, transliterated. Traps worth knowing before editing:
//  - Input is NOT NUL-terminated. YYPEEK returns 0xFF at the limit instead of
//    reading: UTF-8 never uses that byte and no rule accepts it, so every rule stops
//    there, and re2c checks it (re2c:sentinel with -Werror: a rule that could step
//    over the sentinel fails the build). No end-of-input rule is needed, which lets
//    re2c test character classes with bitmaps (-b) instead of branch trees.
//  - LWS may contain a line fold (CRLF followed by WSP). Header values keep their
//    folds (the message layer never copies), so every rule below that allows LWS
//    accepts a fold. A bare LF fold only reaches here when the message layer was
//    told to accept LF line ends (SIPPARSE_F_ALLOW_LF).
//  - UTF8-NONASCII follows RFC 3261 (lead byte + continuation bytes); a stray
//    continuation byte is only legal where the RFC says UTF8-CONT.
//  - IPv4address uses dec-octet (RFC 5954 §4.1 corrects RFC 3261's 1*3DIGIT) and
//    IPv6address is RFC 3986's, plus the "::: before IPv4" form RFC 5118 §4.10 says
//    to tolerate because RFC 3261's ABNF produced it.
/*!re2c
    re2c:api = custom;
    re2c:api:style = free-form;
    re2c:define:YYCTYPE = "unsigned char";
    re2c:define:YYPEEK = "(cur < lim ? (unsigned char)*cur : 0xff)";
    re2c:define:YYSKIP = "++cur;";
    re2c:define:YYBACKUP = "mar = cur;";
    re2c:define:YYRESTORE = "cur = mar;";
    re2c:define:YYSTAGP = "@@{tag} = cur;";
    re2c:define:YYSTAGN = "@@{tag} = NULL;";
    re2c:define:YYSHIFTSTAG = "@@{tag} += @@{shift};";
    re2c:define:YYSHIFT = "cur += @@{shift};";
    re2c:define:YYRESTORETAG = "cur = @@{tag};";
    re2c:sentinel = 255;
    re2c:yyfill:enable = 0;
    re2c:tags = 1;

    // RFC 5234 core rules
    ALPHA    = [a-zA-Z];
    DIGIT    = [0-9];
    HEXDIG   = [0-9a-fA-F];
    DQUOTE   = ["];
    SP       = " ";
    HTAB     = "\t";
    WSP      = SP | HTAB;
    CRLF     = "\r"? "\n";

    // RFC 3261 §25.1
    alphanum       = ALPHA | DIGIT;
    reserved       = [;/?:@&=+$,];
    mark           = [-_.!~*'()];
    unreserved     = alphanum | mark;
    escaped        = "%" HEXDIG HEXDIG;
    LWS            = (WSP* CRLF)? WSP+;
    SWS            = LWS?;
    HCOLON         = WSP* ":" SWS;
    UTF8_CONT      = [\x80-\xbf];
    UTF8_NONASCII  = [\xc0-\xdf] UTF8_CONT
                   | [\xe0-\xef] UTF8_CONT{2}
                   | [\xf0-\xf7] UTF8_CONT{3}
                   | [\xf8-\xfb] UTF8_CONT{4}
                   | [\xfc-\xfd] UTF8_CONT{5};
    TEXT_UTF8char  = [\x21-\x7e] | UTF8_NONASCII;
    token_char     = [a-zA-Z0-9.!%*_+`'~-];
    token          = token_char+;
    word           = [a-zA-Z0-9.!%*_+`'~()<>:\\"/[\]?{}-]+;
    STAR           = SWS "*" SWS;
    SLASH          = SWS "/" SWS;
    EQUAL          = SWS "=" SWS;
    COLON          = SWS ":" SWS;
    SEMI           = SWS ";" SWS;
    COMMA          = SWS "," SWS;
    LAQUOT         = SWS "<";
    RAQUOT         = ">" SWS;
    quoted_pair    = "\\" [\x00-\x09\x0b\x0c\x0e-\x7f];
    qdtext         = LWS | [\x21\x23-\x5b\x5d-\x7e] | UTF8_NONASCII;
    quoted_string  = DQUOTE (qdtext | quoted_pair)* DQUOTE;
    ctext          = [\x21-\x27\x2a-\x5b\x5d-\x7e] | UTF8_NONASCII | LWS;

    // Hosts: RFC 3261 §25.1 hostname; RFC 5954 dec-octet; RFC 3986 §3.2.2 IPv6address.
    domainlabel    = alphanum | alphanum (alphanum | "-")* alphanum;
    toplabel       = ALPHA | ALPHA (alphanum | "-")* alphanum;
    hostname       = (domainlabel ".")* toplabel "."?;
    dec_octet      = DIGIT | [1-9] DIGIT | "1" DIGIT{2} | "2" [0-4] DIGIT | "25" [0-5];
    IPv4address    = dec_octet "." dec_octet "." dec_octet "." dec_octet;
    h16            = HEXDIG{1,4};
    ls32           = h16 ":" h16 | IPv4address;
    IPv6_rfc3986   =                                  (h16 ":"){6} ls32
                   |                             "::" (h16 ":"){5} ls32
                   | (                    h16)?  "::" (h16 ":"){4} ls32
                   | ((h16 ":"){0,1} h16)?       "::" (h16 ":"){3} ls32
                   | ((h16 ":"){0,2} h16)?       "::" (h16 ":"){2} ls32
                   | ((h16 ":"){0,3} h16)?       "::"  h16 ":"     ls32
                   | ((h16 ":"){0,4} h16)?       "::"              ls32
                   | ((h16 ":"){0,5} h16)?       "::"              h16
                   | ((h16 ":"){0,6} h16)?       "::";
    IPv6_rfc5118   = ((h16 ":"){0,5} h16)? ":::" IPv4address;
    IPv6address    = IPv6_rfc3986 | IPv6_rfc5118;
    IPv6reference  = "[" IPv6address "]";
    port           = DIGIT+;

    // RFC 3261 §25.1 SIP-URI pieces
    user_unreserved  = [&=+$,;?/];
    user             = (unreserved | escaped | user_unreserved)+;
    password         = (unreserved | escaped | [&=+$,])*;
    param_unreserved = [[\]/:&+$];
    paramchar        = param_unreserved | unreserved | escaped;
    pname            = paramchar+;
    pvalue           = paramchar+;
    hnv_unreserved   = [[\]/?:+$];
    hname            = (hnv_unreserved | unreserved | escaped)+;
    hvalue           = (hnv_unreserved | unreserved | escaped)*;
    uri_header       = hname "=" hvalue;

    // RFC 3261 §25.1 absoluteURI (from RFC 2396)
    scheme           = ALPHA (ALPHA | DIGIT | [+.-])*;
    uric             = reserved | unreserved | escaped;
    uric_no_slash    = unreserved | escaped | [;?:@&=+$,];

    // generic-param = token [ EQUAL gen-value ]; gen-value = token / host / quoted-string.
    // A hostname or IPv4address is made of token characters, so only the IPv6
    // reference adds to token here (and keeps the DFA small).
    gen_value        = token | IPv6reference | quoted_string;
    generic_param    = token (EQUAL gen_value)?;
*/
