/* sanity_rules.c: the table of validation rules (sanity.c runs them in this order).
 * JsSIP's sanityCheck rules come first, under JsSIP's names, then RFC 3261's own and
 * those of its extensions. */
#include "sanity_int.h"

#define ERR SIPPARSE_SEV_ERROR
#define WARN SIPPARSE_SEV_WARNING
#define DROP SIPPARSE_REPLY_DROP
#define NONE SIPPARSE_REPLY_NONE

const sipparse_rule sp_rules[R__COUNT] = {
    [R_MIN_HEADERS] = { "minimumHeaders", "RFC 3261 §8.1.1, RFC 4475 §3.3.1", ERR, 400, 1,
        "From, To, Call-ID, CSeq and Via are present (JsSIP drops such a request unanswered)" },
    [R_URI_SCHEME] = { "rfc3261_8_2_2_1", "RFC 3261 §8.2.2.1", ERR, 416, 1,
        "the Request-URI scheme is one this element serves" },
    [R_LOOP] = { "rfc3261_16_3_4", "RFC 3261 §16.3", ERR, 482, 1,
        "a request without To tag does not carry this element's own Call-ID prefix" },
    [R_BODY_SHORT_REQUEST] = { "rfc3261_18_3_request", "RFC 3261 §18.3", ERR, 400, 1,
        "a request's body is as long as its Content-Length" },
    [R_MERGED] = { "rfc3261_8_2_2_2", "RFC 3261 §8.2.2.2", ERR, 482, 1,
        "a request without To tag is not a copy of one already being served (merged request)" },
    [R_RESPONSE_VIAS] = { "rfc3261_8_1_3_3", "RFC 3261 §8.1.3.3", ERR, DROP, 1,
        "a response reaching its user agent carries exactly one Via value" },
    [R_BODY_SHORT_RESPONSE] = { "rfc3261_18_3_response", "RFC 3261 §18.3", ERR, DROP, 1,
        "a response's body is as long as its Content-Length" },
    [R_MESSAGE_SYNTAX] = { "message_syntax", "RFC 3261 §7, §25", ERR, 400, 0,
        "the start line, the header lines and the framing follow the grammar" },
    [R_SIP_VERSION] = { "sip_version", "RFC 3261 §7.1, §21.5.7", ERR, 505, 0,
        "the SIP-Version is SIP/2.0" },
    [R_HEADER_SYNTAX] = { "header_syntax", "RFC 3261 §20, §25.1", ERR, 400, 0,
        "a header with a grammar of its own (Via, From, To, Contact, CSeq, ...) follows it" },
    [R_HEADER_SYNTAX_OTHER] = { "header_syntax_other", "RFC 3261 §20, §25.1, RFC 4475 §3.1.2.12",
        WARN, NONE, 0, "an informational header (Date, Subject, Server, Warning, ...) follows "
        "its grammar" },
    [R_SINGLE_VALUE] = { "single_value", "RFC 3261 §7.3.1, §20", ERR, 400, 0,
        "a header that takes one value appears once" },
    [R_CSEQ_METHOD] = { "cseq_method", "RFC 3261 §8.1.1.5, §8.2", ERR, 400, 0,
        "the CSeq method is the request method" },
    [R_NUMBER_RANGE] = { "number_range",
        "RFC 3261 §8.1.1.5, §20.10, §20.19, §20.22, §20.23, RFC 4475 §3.1.2.4", ERR, 400, 0,
        "a number is in range (CSeq and delta-seconds below 2**32, Max-Forwards 0-255, a port "
        "0-65535)" },
    [R_CSEQ_RANGE] = { "cseq_range", "RFC 3261 §8.1.1.5", WARN, NONE, 0,
        "the CSeq number is below 2**31" },
    [R_STATUS_CODE] = { "status_code", "RFC 3261 §7.2, §21", ERR, DROP, 0,
        "the status code is between 100 and 699" },
    [R_METHOD_HEADERS] = { "method_headers", "RFC 3261 §20 table, RFC 3262, 3515, 3903, 6665", ERR,
        400, 0, "the headers a method requires are there (Contact, Event, Refer-To, RAck, ...); "
        "an RFC 2543 request (no branch cookie) may lack Contact" },
    [R_MAX_FORWARDS_MISSING] = { "max_forwards_missing", "RFC 3261 §8.1.1.6", WARN, NONE, 0,
        "a request carries Max-Forwards (RFC 2543 peers omit it, RFC 4475 §3.4.1)" },
    [R_FROM_TAG] = { "from_tag", "RFC 3261 §8.1.1.3", WARN, NONE, 0,
        "a request's From carries a tag (RFC 2543 peers omit it, RFC 4475 §3.4.1)" },
    [R_MAX_FORWARDS_ZERO] = { "max_forwards_zero", "RFC 3261 §16.3", ERR, 483, 0,
        "a proxy does not forward a request with Max-Forwards 0" },
    [R_CONTENT_TYPE_MISSING] = { "content_type_missing", "RFC 3261 §20.15", ERR, 400, 0,
        "a non-empty body comes with a Content-Type" },
    [R_CONTENT_TYPE_UNKNOWN] = { "content_type_unknown", "RFC 3261 §8.2.3, §21.4.13", ERR, 415, 0,
        "the body is of a type this element understands" },
    [R_ACCEPT] = { "accept_unacceptable", "RFC 3261 §8.2.3, §21.4.7", ERR, 406, 0,
        "Accept admits a body type this element can answer with" },
    [R_REQUIRE] = { "require_unsupported", "RFC 3261 §8.2.2.3, §20.32", ERR, 420, 0,
        "every option tag in Require is supported" },
    [R_PROXY_REQUIRE] = { "proxy_require_unsupported", "RFC 3261 §16.3, §20.29", ERR, 420, 0,
        "a proxy supports every option tag in Proxy-Require" },
    [R_BRANCH_COOKIE] = { "via_branch_cookie", "RFC 3261 §8.1.1.7", WARN, NONE, 0,
        "the top Via branch starts with z9hG4bK and has an id after it" },
    [R_TO_TAG] = { "to_tag_response", "RFC 3261 §8.2.6.2", WARN, NONE, 0,
        "a response other than 100 carries a To tag" },
    [R_CONTACT_RESPONSE] = { "contact_response", "RFC 3261 §12.1.1, §13.3.1.1", ERR, DROP, 0,
        "a 2xx (or a provisional response with To tag) to INVITE or SUBSCRIBE carries Contact" },
    [R_CONTACT_TARGET] = { "contact_target", "RFC 3261 §8.1.1.8, §12.1.1, §12.2.1.1", ERR, 400, 0,
        "where Contact is a dialog's remote target (INVITE, SUBSCRIBE, NOTIFY, REFER, UPDATE and "
        "the responses that set up a dialog) it is one SIP or SIPS URI" },
    [R_CONTACT_STAR] = { "contact_star", "RFC 3261 §10.2.2, §10.3", ERR, 400, 0,
        "Contact \"*\" appears only in a REGISTER, as its only Contact, with Expires 0" },
    [R_REGISTER_AOR] = { "register_aor_scheme", "RFC 3261 §10.2, RFC 4475 §3.3.4", ERR, 400, 0,
        "the To of a REGISTER (the address of record) is a SIP or SIPS URI" },
    [R_AUTH_SCHEME] = { "auth_scheme", "RFC 3261 §22.4, RFC 4475 §3.3.7", WARN, 401, 0,
        "Authorization and Proxy-Authorization use the Digest scheme" },
    [R_VIA_BROADCAST] = { "via_broadcast", "RFC 3261 §18.2.2, RFC 4475 §3.3.10", ERR, DROP, 0,
        "no Via sent-by is the broadcast address, where responses would go to every host" },
    [R_TRAILING] = { "trailing_bytes", "RFC 3261 §18.3", WARN, NONE, 0,
        "a datagram ends with its message (bytes after the body are ignored)" },
};

const sipparse_rule *sipparse_sanity_rules(size_t *n)
{
    if (n)
        *n = R__COUNT;
    return sp_rules;
}
