/* tests/check_msg.c: sipparse_msg_parse and sipparse_msg_check on built messages:
 * start lines, header names and ids, folding, the header index, bodies and
 * Content-Length, leniency flags, limits, message rules and error positions. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "suites.h"
#include "util.h"

#define CRLF "\r\n"
#define VIA_L "Via: SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bK776asdhds" CRLF
#define MF_L "Max-Forwards: 70" CRLF
#define TO_L "To: Bob <sip:bob@biloxi.com>" CRLF
#define FROM_L "From: Alice <sip:alice@atlanta.com>;tag=1928301774" CRLF
#define CID_L "Call-ID: a84b4c76e66710@pc33.atlanta.com" CRLF
#define CL0_L "Content-Length: 0" CRLF
/* The headers every request needs (RFC 3261 §8.1.1), CSeq left to the caller. */
#define REQ_BASE VIA_L MF_L TO_L FROM_L CID_L
#define RESP_BASE VIA_L TO_L FROM_L CID_L
#define OPTIONS_MSG "OPTIONS sip:bob@biloxi.com SIP/2.0" CRLF REQ_BASE "CSeq: 1 OPTIONS" CRLF CL0_L CRLF

/* Concatenation of the NULL-terminated list of strings, malloc'd. */
static char *cat(const char *first, ...)
{
    va_list ap;
    size_t n = 0;
    va_start(ap, first);
    for (const char *s = first; s != NULL; s = va_arg(ap, const char *))
        n += strlen(s);
    va_end(ap);
    char *out = malloc(n + 1), *p = out;
    ck_assert_ptr_nonnull(out);
    va_start(ap, first);
    for (const char *s = first; s != NULL; s = va_arg(ap, const char *)) {
        size_t l = strlen(s);
        memcpy(p, s, l);
        p += l;
    }
    va_end(ap);
    *p = '\0';
    return out;
}

/* Line number (1-based) of the first line of text that starts with prefix; 0 if none. */
static unsigned line_of(const char *text, const char *prefix)
{
    unsigned line = 1;
    size_t n = strlen(prefix);
    for (const char *p = text; *p; line++) {
        if (strncmp(p, prefix, n) == 0)
            return line;
        const char *nl = strchr(p, '\n');
        if (nl == NULL)
            break;
        p = nl + 1;
    }
    return 0;
}

/* 1 when the body is expect; an empty body may be absent or present and empty. */
static int body_is(sipparse_slice body, const char *expect)
{
    if (expect[0] == '\0')
        return body.len == 0;
    return sl_is(body, expect);
}

/* The set of codes a start-line failure may carry. */
enum {
    X_OK = 0,
    X_START,    /* E_START_LINE */
    X_RURI,     /* E_START_LINE or E_URI: the Request-URI is what is wrong */
    X_CODE,     /* E_START_LINE or E_RANGE: the status code is what is wrong */
    X_VERSION,  /* E_VERSION */
    X_PROTO,    /* E_START_LINE or E_VERSION: not a SIP-Version at all */
};

static int code_in_class(sipparse_err e, int cls)
{
    switch (cls) {
    case X_OK: return e == SIPPARSE_OK;
    case X_START: return e == SIPPARSE_E_START_LINE;
    case X_RURI: return e == SIPPARSE_E_START_LINE || e == SIPPARSE_E_URI;
    case X_CODE: return e == SIPPARSE_E_START_LINE || e == SIPPARSE_E_RANGE;
    case X_VERSION: return e == SIPPARSE_E_VERSION;
    case X_PROTO: return e == SIPPARSE_E_START_LINE || e == SIPPARSE_E_VERSION;
    }
    return 0;
}

/* ---- start lines --------------------------------------------------------------------- */

static const struct {
    const char *name, *line;
    int expect;           /* X_* */
    int is_request;
    sipparse_method method;
    const char *method_name, *ruri, *version;
    unsigned status;
    const char *reason;
} start_rows[] = {
    { "invite", "INVITE sip:bob@biloxi.com SIP/2.0", X_OK, 1, SIPPARSE_METHOD_INVITE, "INVITE",
      "sip:bob@biloxi.com", "SIP/2.0", 0, NULL },
    /* RFC 3261 §7.1: methods are case-sensitive, so `invite` is an extension method. */
    { "lower-case invite", "invite sip:bob@biloxi.com SIP/2.0", X_OK, 1, SIPPARSE_METHOD_OTHER,
      "invite", "sip:bob@biloxi.com", "SIP/2.0", 0, NULL },
    { "INVITEX prefix trap", "INVITEX sip:bob@biloxi.com SIP/2.0", X_OK, 1,
      SIPPARSE_METHOD_OTHER, "INVITEX", "sip:bob@biloxi.com", "SIP/2.0", 0, NULL },
    { "REGISTERS prefix trap", "REGISTERS sip:biloxi.com SIP/2.0", X_OK, 1,
      SIPPARSE_METHOD_OTHER, "REGISTERS", "sip:biloxi.com", "SIP/2.0", 0, NULL },
    { "extension method", "NEWMETHOD sip:user@example.com SIP/2.0", X_OK, 1,
      SIPPARSE_METHOD_OTHER, "NEWMETHOD", "sip:user@example.com", "SIP/2.0", 0, NULL },
    /* RFC 4475 §3.1.1.2: every token character is legal in a method. */
    { "all token chars", "!interesting-Method0123456789_*+`.%indeed'~ sip:a@example.com SIP/2.0",
      X_OK, 1, SIPPARSE_METHOD_OTHER, "!interesting-Method0123456789_*+`.%indeed'~",
      "sip:a@example.com", "SIP/2.0", 0, NULL },
    /* RFC 4475 §3.1.1.5: % is not an escape in a method. */
    { "escaped REGISTER", "RE%47IST%45R sip:registrar.example.com SIP/2.0", X_OK, 1,
      SIPPARSE_METHOD_OTHER, "RE%47IST%45R", "sip:registrar.example.com", "SIP/2.0", 0, NULL },
    /* RFC 3261 §7.1: "The SIP-Version string is case-insensitive". */
    { "lower-case version", "OPTIONS sip:bob@biloxi.com sip/2.0", X_OK, 1,
      SIPPARSE_METHOD_OPTIONS, "OPTIONS", "sip:bob@biloxi.com",
      "sip/2.0", 0, NULL },
    /* RFC 3261 §19.1.4: the scheme is case-insensitive. */
    { "upper-case scheme", "OPTIONS SIP:bob@biloxi.com SIP/2.0", X_OK, 1, SIPPARSE_METHOD_OPTIONS,
      "OPTIONS", "SIP:bob@biloxi.com", "SIP/2.0", 0, NULL },
    { "unknown scheme", "OPTIONS nobodyKnowsThisScheme:totallyopaquecontent SIP/2.0", X_OK, 1,
      SIPPARSE_METHOD_OPTIONS, "OPTIONS", "nobodyKnowsThisScheme:totallyopaquecontent",
      "SIP/2.0", 0, NULL },
    { "IPv6 reference", "OPTIONS sip:[2001:db8::10]:5070 SIP/2.0", X_OK, 1,
      SIPPARSE_METHOD_OPTIONS, "OPTIONS", "sip:[2001:db8::10]:5070", "SIP/2.0", 0, NULL },
    { "sips with params", "INVITE sips:bob@biloxi.com;transport=tcp;lr SIP/2.0", X_OK, 1,
      SIPPARSE_METHOD_INVITE, "INVITE", "sips:bob@biloxi.com;transport=tcp;lr", "SIP/2.0", 0,
      NULL },
    { "200 OK", "SIP/2.0 200 OK", X_OK, 0, 0, NULL, NULL, "SIP/2.0", 200, "OK" },
    { "lower-case version in status line", "sip/2.0 180 Ringing", X_OK, 0, 0, NULL, NULL,
      "sip/2.0", 180, "Ringing" },
    { "486 two words", "SIP/2.0 486 Busy Here", X_OK, 0, 0, NULL, NULL, "SIP/2.0", 486,
      "Busy Here" },
    /* RFC 4475 §3.1.1.13: the SP after the code is there, the phrase is empty. */
    { "empty reason", "SIP/2.0 100 ", X_OK, 0, 0, NULL, NULL, "SIP/2.0", 100, "" },
    { "699", "SIP/2.0 699 Whatever", X_OK, 0, 0, NULL, NULL, "SIP/2.0", 699, "Whatever" },
    { "HTAB in reason", "SIP/2.0 200 OK\t fine", X_OK, 0, 0, NULL, NULL, "SIP/2.0", 200,
      "OK\t fine" },
    { "UTF-8 reason", "SIP/2.0 200 Gr\xc3\xbc\xc3\x9f Gott \xe2\x82\xac", X_OK, 0, 0, NULL, NULL,
      "SIP/2.0", 200, "Gr\xc3\xbc\xc3\x9f Gott \xe2\x82\xac" },
    /* RFC 4475 §3.1.1.12: reserved characters are legal in a reason phrase. */
    { "reserved in reason", "SIP/2.0 200 = 2**3 * 5**2 ;/?:@&=+$,", X_OK, 0, 0, NULL, NULL,
      "SIP/2.0", 200, "= 2**3 * 5**2 ;/?:@&=+$," },
    { "escaped in reason", "SIP/2.0 200 100%25 fine", X_OK, 0, 0, NULL, NULL, "SIP/2.0", 200,
      "100%25 fine" },

    { "status without SP", "SIP/2.0 200", X_START, 0, 0, NULL, NULL, NULL, 0, NULL },
    { "status 2 digits", "SIP/2.0 20 OK", X_CODE, 0, 0, NULL, NULL, NULL, 0, NULL },
    { "status 4 digits", "SIP/2.0 2000 OK", X_CODE, 0, 0, NULL, NULL, NULL, 0, NULL },
    /* RFC 4475 §3.1.2.19 */
    { "status 4294967301", "SIP/2.0 4294967301 better not break the receiver", X_CODE, 0, 0,
      NULL, NULL, NULL, 0, NULL },
    { "status not digits", "SIP/2.0 2a0 OK", X_START, 0, 0, NULL, NULL, NULL, 0, NULL },
    { "control char in reason", "SIP/2.0 200 O\x01K", X_START, 0, 0, NULL, NULL, NULL, 0, NULL },
    { "invalid UTF-8 in reason", "SIP/2.0 200 O\xff" "K", X_START, 0, 0, NULL, NULL, NULL, 0,
      NULL },
    { "bad escape in reason", "SIP/2.0 200 100%zz", X_START, 0, 0, NULL, NULL, NULL, 0, NULL },
    { "two SP in status line", "SIP/2.0  486 Busy Here", X_START, 0, 0, NULL, NULL, NULL, 0,
      NULL },
    { "SIP/3.0 response", "SIP/3.0 200 OK", X_VERSION, 0, 0, NULL, NULL, NULL, 0, NULL },
    { "SIP/2.1 response", "SIP/2.1 200 OK", X_VERSION, 0, 0, NULL, NULL, NULL, 0, NULL },
    /* RFC 4475 §3.1.2.16 */
    { "SIP/7.0 request", "OPTIONS sip:t.watson@example.org SIP/7.0", X_VERSION, 1, 0, NULL, NULL,
      NULL, 0, NULL },
    { "HTTP request", "OPTIONS sip:bob@biloxi.com HTTP/1.1", X_PROTO, 1, 0, NULL, NULL, NULL, 0,
      NULL },
    { "no version", "OPTIONS sip:bob@biloxi.com", X_START, 1, 0, NULL, NULL, NULL, 0, NULL },
    /* RFC 4475 §3.1.2.10 */
    { "trailing SP", "OPTIONS sip:bob@biloxi.com SIP/2.0 ", X_START, 1, 0, NULL, NULL, NULL, 0,
      NULL },
    /* RFC 4475 §3.1.2.9 */
    { "two SP", "OPTIONS  sip:bob@biloxi.com  SIP/2.0", X_START, 1, 0, NULL, NULL, NULL, 0, NULL },
    { "leading SP", " OPTIONS sip:bob@biloxi.com SIP/2.0", X_START, 1, 0, NULL, NULL, NULL, 0,
      NULL },
    { "HTAB separator", "OPTIONS\tsip:bob@biloxi.com SIP/2.0", X_START, 1, 0, NULL, NULL, NULL, 0,
      NULL },
    { "folded request line", "OPTIONS sip:bob@biloxi.com" CRLF " SIP/2.0", X_START, 1, 0, NULL,
      NULL, NULL, 0, NULL },
    { "four elements", "OP TIONS sip:bob@biloxi.com SIP/2.0", X_START, 1, 0, NULL, NULL, NULL, 0,
      NULL },
    { "non-token method", "OPT@ONS sip:bob@biloxi.com SIP/2.0", X_START, 1, 0, NULL, NULL, NULL,
      0, NULL },
    /* RFC 4475 §3.1.2.7 */
    { "<> around Request-URI", "INVITE <sip:user@example.com> SIP/2.0", X_RURI, 1, 0, NULL, NULL,
      NULL, 0, NULL },
    /* RFC 4475 §3.1.2.8 */
    { "LWS in Request-URI", "INVITE sip:user@example.com; lr SIP/2.0", X_RURI, 1, 0, NULL, NULL,
      NULL, 0, NULL },
    /* RFC 4475 §3.1.2.11; RFC 3261 §19.1.1 table: headers are not allowed in a Request-URI. */
    { "headers in Request-URI", "INVITE sip:user@example.com?Route=%3Csip:example.com%3E SIP/2.0",
      X_RURI, 1, 0, NULL, NULL, NULL, 0, NULL },
    /* SIP has no "*" Request-URI (unlike HTTP's OPTIONS *). */
    { "star Request-URI", "OPTIONS * SIP/2.0", X_RURI, 1, 0, NULL, NULL, NULL, 0, NULL },
    /* RFC 5118 §4.2 */
    { "IPv6 without brackets", "REGISTER sip:2001:db8::10 SIP/2.0", X_RURI, 1, 0, NULL, NULL,
      NULL, 0, NULL },
    { "empty host", "OPTIONS sip: SIP/2.0", X_RURI, 1, 0, NULL, NULL, NULL, 0, NULL },
    { "no scheme", "OPTIONS bob@biloxi.com SIP/2.0", X_RURI, 1, 0, NULL, NULL, NULL, 0, NULL },
};

static char *start_line_msg(const char *line, int is_request, const char *cseq_method)
{
    char cseq[256];
    snprintf(cseq, sizeof cseq, "CSeq: 1 %s" CRLF, cseq_method);
    if (is_request)
        return cat(line, CRLF, REQ_BASE, cseq, CL0_L, CRLF, NULL);
    return cat(line, CRLF, RESP_BASE, cseq, CL0_L, CRLF, NULL);
}

START_TEST(test_start_line)
{
    const char *name = start_rows[_i].name;
    int ok = start_rows[_i].expect == X_OK;
    char *text = start_line_msg(start_rows[_i].line, start_rows[_i].is_request,
                                ok && start_rows[_i].is_request ? start_rows[_i].method_name
                                                                : "INVITE");
    tmsg t;
    tmsg_parse_str(&t, text, 0);
    verdict v;
    verdict_run(&t, &v);
    if (ok) {
        ck_assert_msg(v.parse_rc == SIPPARSE_OK, "%s: parse %s", name, err_str(&t.m.error));
        const char *why = msg_problem(&t);
        ck_assert_msg(why == NULL, "%s: %s", name, why);
        ck_assert_msg(v.check_rc == SIPPARSE_OK && v.nerrs == 0, "%s: check %s, %zu findings: %s",
                      name, code_str(v.check_rc), v.nerrs, err_str(v.err));
        const sipparse_msg *m = &t.m;
        ck_assert_msg(m->is_request == start_rows[_i].is_request, "%s: is_request %d", name,
                      m->is_request);
        ck_assert_msg(sl_is(m->version, start_rows[_i].version), "%s: version '%.*s'", name,
                      SL(m->version));
        if (m->is_request) {
            ck_assert_msg(m->method == start_rows[_i].method, "%s: method id %d, expected %d",
                          name, (int)m->method, (int)start_rows[_i].method);
            ck_assert_msg(sl_is(m->method_name, start_rows[_i].method_name),
                          "%s: method '%.*s'", name, SL(m->method_name));
            ck_assert_msg(sl_is(m->ruri, start_rows[_i].ruri), "%s: Request-URI '%.*s'", name,
                          SL(m->ruri));
            /* The parsed Request-URI is the same bytes. */
            ck_assert_msg(m->uri.raw.ptr == m->ruri.ptr && m->uri.raw.len == m->ruri.len,
                          "%s: m->uri.raw '%.*s'", name, SL(m->uri.raw));
        } else {
            ck_assert_msg(m->status == start_rows[_i].status, "%s: status %u", name, m->status);
            ck_assert_msg(sl_is(m->reason, start_rows[_i].reason), "%s: reason '%.*s'", name,
                          SL(m->reason));
        }
        ck_assert_msg(t.m.nhdrs == 7 - !start_rows[_i].is_request, "%s: %u headers", name,
                      t.m.nhdrs);
    } else {
        ck_assert_msg(verdict_rejected(&v), "%s: accepted", name);
        ck_assert_msg(v.err != NULL && code_in_class(v.err->code, start_rows[_i].expect),
                      "%s: wrong error %s", name, err_str(v.err));
        ck_assert_msg(v.err->line == 1 && v.err->hdr == SIPPARSE_HDR_OTHER,
                      "%s: error not on the start line: %s", name, err_str(v.err));
        ck_assert_msg(v.err->rule != NULL && v.err->rule[0] != '\0', "%s: no rule: %s", name,
                      err_str(v.err));
        const char *why = error_pos_problem(t.g.data, t.g.len, v.err);
        ck_assert_msg(why == NULL, "%s: %s: %s", name, why, err_str(v.err));
    }
    tmsg_free(&t);
    free(text);
}
END_TEST

/* The rule named on a start-line error says which line it was. */
START_TEST(test_start_line_rule_names)
{
    static const struct {
        const char *line;
        const char *rule;
    } rows[] = {
        { "SIP/2.0 200", "Status-Line" },
        { "SIP/2.0 2a0 OK", "Status-Line" },
        { "OPTIONS sip:bob@biloxi.com", "Request-Line" },
        { "OPTIONS  sip:bob@biloxi.com SIP/2.0", "Request-Line" },
    };
    for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
        char *text = start_line_msg(rows[i].line, rows[i].rule[0] == 'R', "OPTIONS");
        tmsg t;
        sipparse_err rc = tmsg_parse_str(&t, text, 0);
        ck_assert_msg(rc == SIPPARSE_E_START_LINE, "'%s': %s", rows[i].line,
                      err_str(&t.m.error));
        ck_assert_msg(t.m.error.code == rc, "'%s': m->error.code %s differs from the return",
                      rows[i].line, code_str(t.m.error.code));
        ck_assert_msg(t.m.error.rule != NULL && strcmp(t.m.error.rule, rows[i].rule) == 0,
                      "'%s': rule %s, expected %s", rows[i].line,
                      t.m.error.rule ? t.m.error.rule : "NULL", rows[i].rule);
        ck_assert_msg(t.m.error.hdr_index == -1, "'%s': hdr_index %d", rows[i].line,
                      t.m.error.hdr_index);
        tmsg_free(&t);
        free(text);
    }
}
END_TEST

/* Every method of methods.def in a request line. */

START_TEST(test_methods)
{
    char line[128];
    snprintf(line, sizeof line, "%s sip:bob@biloxi.com SIP/2.0", method_table[_i].name);
    char *text = start_line_msg(line, 1, method_table[_i].name);
    tmsg t;
    tmsg_parse_str(&t, text, 0);
    ck_assert_msg(t.rc == SIPPARSE_OK, "%s: %s", method_table[_i].name, err_str(&t.m.error));
    ck_assert_msg(t.m.method == method_table[_i].id, "%s: method id %d", method_table[_i].name,
                  (int)t.m.method);
    ck_assert_msg(sl_is(t.m.method_name, method_table[_i].name), "%s: name '%.*s'", method_table[_i].name,
                  SL(t.m.method_name));
    verdict v;
    verdict_run(&t, &v);
    ck_assert_msg(v.check_rc == SIPPARSE_OK, "%s: check %s", method_table[_i].name, err_str(v.err));
    tmsg_free(&t);
    free(text);
}
END_TEST

/* ---- header names ---------------------------------------------------------------------- */

static const struct {
    const char *line;       /* the header line as written */
    const char *name;       /* the name slice expected */
    const char *value;      /* the value slice expected */
    sipparse_hdr_id id;
} name_rows[] = {
    { "Via: SIP/2.0/UDP h.example.com", "Via", "SIP/2.0/UDP h.example.com", SIPPARSE_HDR_VIA },
    { "via: SIP/2.0/UDP h.example.com", "via", "SIP/2.0/UDP h.example.com", SIPPARSE_HDR_VIA },
    { "VIA: SIP/2.0/UDP h.example.com", "VIA", "SIP/2.0/UDP h.example.com", SIPPARSE_HDR_VIA },
    { "MaX-fOrWaRdS: 0068", "MaX-fOrWaRdS", "0068", SIPPARSE_HDR_MAX_FORWARDS },
    { "call-id: abc", "call-id", "abc", SIPPARSE_HDR_CALL_ID },
    { "CALL-ID: abc", "CALL-ID", "abc", SIPPARSE_HDR_CALL_ID },
    { "cseq: 9 OPTIONS", "cseq", "9 OPTIONS", SIPPARSE_HDR_CSEQ },
    { "WWW-Authenticate: Digest realm=\"x\"", "WWW-Authenticate", "Digest realm=\"x\"",
      SIPPARSE_HDR_WWW_AUTHENTICATE },
    { "RAck: 776656 1 INVITE", "RAck", "776656 1 INVITE", SIPPARSE_HDR_RACK },
    { "SIP-ETag: dx200xyz", "SIP-ETag", "dx200xyz", SIPPARSE_HDR_SIP_ETAG },
    /* Compact forms (RFC 3261 §7.3.3 and later RFCs), lower and upper case. */
    { "a: *;audio", "a", "*;audio", SIPPARSE_HDR_ACCEPT_CONTACT },
    { "b: <sip:referrer@example.com>", "b", "<sip:referrer@example.com>",
      SIPPARSE_HDR_REFERRED_BY },
    { "c: application/sdp", "c", "application/sdp", SIPPARSE_HDR_CONTENT_TYPE },
    { "C: application/sdp", "C", "application/sdp", SIPPARSE_HDR_CONTENT_TYPE },
    { "d: proxy, recurse", "d", "proxy, recurse", SIPPARSE_HDR_REQUEST_DISPOSITION },
    { "e: gzip", "e", "gzip", SIPPARSE_HDR_CONTENT_ENCODING },
    { "f: <sip:a@example.com>;tag=1", "f", "<sip:a@example.com>;tag=1", SIPPARSE_HDR_FROM },
    { "i: abc@host", "i", "abc@host", SIPPARSE_HDR_CALL_ID },
    { "I: abc@host", "I", "abc@host", SIPPARSE_HDR_CALL_ID },
    { "j: *;video", "j", "*;video", SIPPARSE_HDR_REJECT_CONTACT },
    { "k: 100rel", "k", "100rel", SIPPARSE_HDR_SUPPORTED },
    { "l: 0", "l", "0", SIPPARSE_HDR_CONTENT_LENGTH },
    { "L:0", "L", "0", SIPPARSE_HDR_CONTENT_LENGTH },
    { "m: <sip:a@h.example.com>", "m", "<sip:a@h.example.com>", SIPPARSE_HDR_CONTACT },
    { "M: <sip:a@h.example.com>", "M", "<sip:a@h.example.com>", SIPPARSE_HDR_CONTACT },
    { "n: <https://example.com/cert>;alg=rsa-sha1", "n", "<https://example.com/cert>;alg=rsa-sha1",
      SIPPARSE_HDR_IDENTITY_INFO },
    { "o: presence", "o", "presence", SIPPARSE_HDR_EVENT },
    { "r: <sip:c@example.com>", "r", "<sip:c@example.com>", SIPPARSE_HDR_REFER_TO },
    { "s: hello", "s", "hello", SIPPARSE_HDR_SUBJECT },
    { "t: <sip:b@example.com>", "t", "<sip:b@example.com>", SIPPARSE_HDR_TO },
    { "T: <sip:b@example.com>", "T", "<sip:b@example.com>", SIPPARSE_HDR_TO },
    { "u: presence", "u", "presence", SIPPARSE_HDR_ALLOW_EVENTS },
    { "v: SIP/2.0/TCP h.example.com", "v", "SIP/2.0/TCP h.example.com", SIPPARSE_HDR_VIA },
    { "x: 1800", "x", "1800", SIPPARSE_HDR_SESSION_EXPIRES },
    { "y: c2lnbmF0dXJl", "y", "c2lnbmF0dXJl", SIPPARSE_HDR_IDENTITY },
    /* HCOLON = *( SP / HTAB ) ":" SWS: whitespace before the colon is not in the name. */
    { "Via  : SIP/2.0/UDP h.example.com", "Via", "SIP/2.0/UDP h.example.com", SIPPARSE_HDR_VIA },
    { "Call-ID\t: abc", "Call-ID", "abc", SIPPARSE_HDR_CALL_ID },
    { "s :", "s", "", SIPPARSE_HDR_SUBJECT },
    { "Subject:", "Subject", "", SIPPARSE_HDR_SUBJECT },
    { "Subject:   ", "Subject", "", SIPPARSE_HDR_SUBJECT },
    { "Subject:\t  padded \t ", "Subject", "padded", SIPPARSE_HDR_SUBJECT },
    { "Subject:no-space", "Subject", "no-space", SIPPARSE_HDR_SUBJECT },
    /* A continuation line of only whitespace is LWS: trimmed with the rest. */
    { "Subject: a" CRLF " ", "Subject", "a", SIPPARSE_HDR_SUBJECT },
    /* Unknown headers: OTHER, the value taken as it is. */
    { "X-Custom: ;;,,;;,;", "X-Custom", ";;,,;;,;", SIPPARSE_HDR_OTHER },
    { "C%6Fntact: <sip:alias2@host2.example.com>", "C%6Fntact", "<sip:alias2@host2.example.com>",
      SIPPARSE_HDR_OTHER },
    { "extensionHeader-!.%*+_`'~: \xef\xbb\xbf\xe5\xa4\xa7", "extensionHeader-!.%*+_`'~",
      "\xef\xbb\xbf\xe5\xa4\xa7", SIPPARSE_HDR_OTHER },
    { "Contacts: x", "Contacts", "x", SIPPARSE_HDR_OTHER },
    { "h: x", "h", "x", SIPPARSE_HDR_OTHER },
};

START_TEST(test_header_names)
{
    const char *line = name_rows[_i].line;
    char *text = cat("OPTIONS sip:bob@biloxi.com SIP/2.0" CRLF, line, CRLF CRLF, NULL);
    tmsg t;
    tmsg_parse_str(&t, text, 0);
    ck_assert_msg(t.rc == SIPPARSE_OK, "'%s': %s", line, err_str(&t.m.error));
    const char *why = msg_problem(&t);
    ck_assert_msg(why == NULL, "'%s': %s", line, why);
    ck_assert_msg(t.m.nhdrs == 1, "'%s': %u headers", line, t.m.nhdrs);
    const sipparse_hdr *h = &t.m.hdrs[0];
    ck_assert_msg(h->id == name_rows[_i].id, "'%s': id %d (%s), expected %s", line, (int)h->id,
                  hdr_str(h->id), hdr_str(name_rows[_i].id));
    ck_assert_msg(sl_is(h->name, name_rows[_i].name), "'%s': name '%.*s'", line, SL(h->name));
    ck_assert_msg(sl_is(h->value, name_rows[_i].value), "'%s': value '%.*s'", line,
                  SL(h->value));
    ck_assert_msg(h->line == 2 && h->offset == strlen("OPTIONS sip:bob@biloxi.com SIP/2.0" CRLF),
                  "'%s': line %u offset %u", line, (unsigned)h->line, (unsigned)h->offset);
    if (name_rows[_i].id != SIPPARSE_HDR_OTHER) {
        ck_assert_msg(sipparse_msg_hdr(&t.m, name_rows[_i].id) == h, "'%s': sipparse_msg_hdr",
                      line);
        ck_assert_msg(t.m.first[name_rows[_i].id] == 0, "'%s': first[]", line);
    } else {
        const sipparse_hdr *n = sipparse_msg_hdr_named(&t.m, name_rows[_i].name,
                                                       strlen(name_rows[_i].name));
        ck_assert_msg(n == h, "'%s': sipparse_msg_hdr_named", line);
    }
    tmsg_free(&t);
    free(text);
}
END_TEST

/* Header lines the grammar rejects: message-header = header-name HCOLON header-value CRLF. */
static const struct {
    const char *name, *line;
    sipparse_err code; /* 0: rejected by parse or check */
} bad_name_rows[] = {
    { "no colon", "Foobar roobar", SIPPARSE_E_HEADER_NAME },
    { "space in name", "Bad Header: x", SIPPARSE_E_HEADER_NAME },
    { "non-token in name", "Vi@: x", SIPPARSE_E_HEADER_NAME },
    { "empty name", ": x", SIPPARSE_E_HEADER_NAME },
    { "quote in name", "X\"y: x", SIPPARSE_E_HEADER_NAME },
    /* HCOLON = *( SP / HTAB ) ":" SWS: no line fold before the colon. */
    { "fold before colon", "Subject" CRLF " : x", SIPPARSE_E_HEADER_NAME },
    /* A CR inside a value is no line end, but no TEXT-UTF8char either (§25.1): the
     * parse or the check must refuse it (code 0: any error of either). */
    { "bare CR in value", "Subject: a\rb", 0 },
    { "bare LF in value", "Subject: a\nb", SIPPARSE_E_LINE_END },
};

START_TEST(test_bad_header_lines)
{
    const char *name = bad_name_rows[_i].name;
    char *text = cat("OPTIONS sip:bob@biloxi.com SIP/2.0" CRLF VIA_L MF_L, bad_name_rows[_i].line,
                     CRLF TO_L FROM_L CID_L "CSeq: 1 OPTIONS" CRLF CL0_L CRLF, NULL);
    tmsg t;
    sipparse_err rc = tmsg_parse_str(&t, text, 0);
    verdict v;
    verdict_run(&t, &v);
    if (bad_name_rows[_i].code == 0) {
        ck_assert_msg(verdict_rejected(&v), "%s: accepted", name);
    } else {
        ck_assert_msg(rc == bad_name_rows[_i].code, "%s: %s, expected %s", name,
                      err_str(&t.m.error), code_str(bad_name_rows[_i].code));
    }
    ck_assert_msg(v.err != NULL && v.err->line == 4, "%s: error on line %u, expected 4: %s", name,
                  v.err ? v.err->line : 0, err_str(v.err));
    const char *why = error_pos_problem(t.g.data, t.g.len, v.err);
    ck_assert_msg(why == NULL, "%s: %s", name, why);
    ck_assert_msg(v.err->rule != NULL && v.err->rule[0] != '\0', "%s: no rule", name);
    tmsg_free(&t);
    free(text);
}
END_TEST

/* A continuation line right after the start line has no header to continue. */
START_TEST(test_fold_without_header)
{
    tmsg t;
    sipparse_err rc = tmsg_parse_str(&t,
                                     "OPTIONS sip:bob@biloxi.com SIP/2.0" CRLF " Via: SIP/2.0/UDP "
                                     "h.example.com" CRLF CRLF,
                                     0);
    ck_assert_msg(rc != SIPPARSE_OK, "leading continuation line accepted");
    ck_assert_msg(t.m.error.line >= 1 && t.m.error.line <= 2, "error on line %u",
                  t.m.error.line);
    tmsg_free(&t);
}
END_TEST

/* ---- folding and the header index -------------------------------------------------------- */

START_TEST(test_folding)
{
    /* RFC 3261 §7.3.1's own example, and the RFC 4475 wsinv folds. */
    static const char text[] =
        "INVITE sip:vivekg@chair-dnrc.example.com;unknownparam SIP/2.0" CRLF
        "TO :" CRLF
        " sip:vivekg@chair-dnrc.example.com ;   tag    = 1918181833n" CRLF
        "Subject: I know you're there," CRLF
        "         pull up the phone" CRLF
        "\tand talk to me!  " CRLF
        "cseq: 0009" CRLF
        "  INVITE" CRLF
        "Call-ID: wsinv.ndaksdj@192.0.2.1" CRLF
        CRLF;
    tmsg t;
    tmsg_parse_str(&t, text, 0);
    ck_assert_msg(t.rc == SIPPARSE_OK, "%s", err_str(&t.m.error));
    const char *why = msg_problem(&t);
    ck_assert_msg(why == NULL, "%s", why);
    ck_assert_uint_eq(t.m.nhdrs, 4);
    const sipparse_hdr *h = sipparse_msg_hdr(&t.m, SIPPARSE_HDR_TO);
    ck_assert_ptr_nonnull(h);
    ck_assert_msg(sl_is(h->name, "TO"), "To name '%.*s'", SL(h->name));
    ck_assert_msg(sl_is(h->value, "sip:vivekg@chair-dnrc.example.com ;   tag    = 1918181833n"),
                  "To value '%.*s'", SL(h->value));
    ck_assert_uint_eq(h->line, 2);
    h = sipparse_msg_hdr(&t.m, SIPPARSE_HDR_SUBJECT);
    ck_assert_ptr_nonnull(h);
    ck_assert_msg(sl_is(h->value, "I know you're there," CRLF "         pull up the phone" CRLF
                                  "\tand talk to me!"),
                  "Subject value '%.*s'", SL(h->value));
    ck_assert_uint_eq(h->line, 4);
    h = sipparse_msg_hdr(&t.m, SIPPARSE_HDR_CSEQ);
    ck_assert_ptr_nonnull(h);
    ck_assert_msg(sl_is(h->value, "0009" CRLF "  INVITE"), "CSeq value '%.*s'", SL(h->value));
    ck_assert_uint_eq(h->line, 7);
    h = sipparse_msg_hdr(&t.m, SIPPARSE_HDR_CALL_ID);
    ck_assert_ptr_nonnull(h);
    ck_assert_uint_eq(h->line, 9);
    ck_assert_uint_eq(h->offset, (unsigned)(strstr(text, "Call-ID") - text));
    tmsg_free(&t);
}
END_TEST

START_TEST(test_repeated_headers)
{
    static const char text[] =
        "SIP/2.0 200 OK" CRLF
        "Via: SIP/2.0/UDP one.example.com;branch=z9hG4bK1" CRLF
        "To: <sip:b@example.com>;tag=2" CRLF
        "v: SIP/2.0/UDP two.example.com;branch=z9hG4bK2, SIP/2.0/UDP three.example.com" CRLF
        "X-Custom: first" CRLF
        "From: <sip:a@example.com>;tag=1" CRLF
        "VIA: SIP/2.0/TCP four.example.com;branch=z9hG4bK4" CRLF
        "x-custom: second" CRLF
        "Call-ID: rep@example.com" CRLF
        "CSeq: 1 INVITE" CRLF
        "Content-Length: 0" CRLF
        CRLF;
    tmsg t;
    tmsg_parse_str(&t, text, 0);
    ck_assert_msg(t.rc == SIPPARSE_OK, "%s", err_str(&t.m.error));
    const char *why = msg_problem(&t);
    ck_assert_msg(why == NULL, "%s", why);
    ck_assert_uint_eq(t.m.nhdrs, 10);
    static const char *const vias[] = {
        "SIP/2.0/UDP one.example.com;branch=z9hG4bK1",
        "SIP/2.0/UDP two.example.com;branch=z9hG4bK2, SIP/2.0/UDP three.example.com",
        "SIP/2.0/TCP four.example.com;branch=z9hG4bK4",
    };
    static const unsigned via_lines[] = { 2, 4, 7 };
    const sipparse_hdr *h = sipparse_msg_hdr(&t.m, SIPPARSE_HDR_VIA);
    for (size_t k = 0; k < ARRAY_LEN(vias); k++) {
        ck_assert_msg(h != NULL, "Via %zu missing", k);
        ck_assert_msg(sl_is(h->value, vias[k]), "Via %zu: '%.*s'", k, SL(h->value));
        ck_assert_msg(h->line == via_lines[k], "Via %zu: line %u", k, (unsigned)h->line);
        ck_assert_msg(h->id == SIPPARSE_HDR_VIA, "Via %zu: id %u", k, (unsigned)h->id);
        h = sipparse_msg_hdr_next(&t.m, h);
    }
    ck_assert_msg(h == NULL, "a fourth Via");
    ck_assert_uint_eq(t.m.first[SIPPARSE_HDR_VIA], 0);
    ck_assert_uint_eq(t.m.last[SIPPARSE_HDR_VIA], 5);
    ck_assert_uint_eq(t.m.first[SIPPARSE_HDR_CONTACT], SIPPARSE_HDR_NONE);
    ck_assert_ptr_null(sipparse_msg_hdr(&t.m, SIPPARSE_HDR_CONTACT));
    /* Unknown headers by name, any case; the first one wins. */
    h = sipparse_msg_hdr_named(&t.m, "X-CUSTOM", 8);
    ck_assert_msg(h != NULL && sl_is(h->value, "first"), "X-CUSTOM");
    ck_assert_msg(sipparse_msg_hdr_named(&t.m, "X-Missing", 9) == NULL, "X-Missing found");
    ck_assert_msg(sipparse_msg_hdr_named(&t.m, "X-Custo", 7) == NULL, "prefix X-Custo found");
    /* Every header has the offset of its line. */
    for (unsigned i = 0; i < t.m.nhdrs; i++) {
        const sipparse_hdr *hh = &t.m.hdrs[i];
        ck_assert_msg(hh->offset == 0 || text[hh->offset - 1] == '\n', "header %u offset %u", i,
                      (unsigned)hh->offset);
    }
    tmsg_free(&t);
}
END_TEST

/* ---- bodies and Content-Length ------------------------------------------------------------ */

static const struct {
    const char *name;
    const char *cl_lines;   /* Content-Length header lines, each with CRLF */
    const char *body;
    unsigned flags;
    sipparse_err rc;
    int has_cl;
    const char *body_expect; /* body slice on success */
    size_t trailing;
    const char *extra;       /* bytes after the body (stream: the next message) */
} cl_rows[] = {
    { "exact", "Content-Length: 4" CRLF, "abcd", 0, SIPPARSE_OK, 1, "abcd", 0, "" },
    { "compact l", "l: 4" CRLF, "abcd", 0, SIPPARSE_OK, 1, "abcd", 0, "" },
    { "lower-case name", "content-length: 4" CRLF, "abcd", 0, SIPPARSE_OK, 1, "abcd", 0, "" },
    { "leading zeros", "Content-Length: 0004" CRLF, "abcd", 0, SIPPARSE_OK, 1, "abcd", 0, "" },
    { "folded", "Content-Length:" CRLF " 4" CRLF, "abcd", 0, SIPPARSE_OK, 1, "abcd", 0, "" },
    { "LWS around", "Content-Length  :   4  " CRLF, "abcd", 0, SIPPARSE_OK, 1, "abcd", 0, "" },
    /* RFC 3261 §18.3: a datagram's bytes after Content-Length are ignored. */
    { "smaller", "Content-Length: 2" CRLF, "abcd", 0, SIPPARSE_OK, 1, "ab", 2, "" },
    { "zero with trailing", "Content-Length: 0" CRLF, "abcd", 0, SIPPARSE_OK, 1, "", 4, "" },
    { "zero", "Content-Length: 0" CRLF, "", 0, SIPPARSE_OK, 1, "", 0, "" },
    /* Without Content-Length a datagram's body is the rest of it. */
    { "absent", "", "abcd", 0, SIPPARSE_OK, 0, "abcd", 0, "" },
    { "absent, no body", "", "", 0, SIPPARSE_OK, 0, "", 0, "" },
    { "body with CRLFCRLF", "Content-Length: 10" CRLF, "ab" CRLF CRLF "cd" CRLF, 0, SIPPARSE_OK, 1,
      "ab" CRLF CRLF "cd" CRLF, 0, "" },
    { "larger", "Content-Length: 10" CRLF, "abcd", 0, SIPPARSE_E_BODY_TRUNCATED, 1, NULL, 0, "" },
    { "two equal", "Content-Length: 4" CRLF "l: 4" CRLF, "abcd", 0, SIPPARSE_OK, 1, "abcd", 0,
      "" },
    /* RFC 4475 §3.3.9 */
    { "two disagree", "Content-Length: 4" CRLF "l: 5" CRLF, "abcde", 0, SIPPARSE_E_CL_CONFLICT, 1,
      NULL, 0, "" },
    /* RFC 4475 §3.1.2.3 */
    { "negative", "Content-Length: -4" CRLF, "abcd", 0, SIPPARSE_E_CONTENT_LENGTH, 1, NULL, 0, "" },
    { "letters", "Content-Length: abc" CRLF, "abcd", 0, SIPPARSE_E_CONTENT_LENGTH, 1, NULL, 0, "" },
    { "empty", "Content-Length:" CRLF, "abcd", 0, SIPPARSE_E_CONTENT_LENGTH, 1, NULL, 0, "" },
    { "two numbers", "Content-Length: 4 4" CRLF, "abcd", 0, SIPPARSE_E_CONTENT_LENGTH, 1, NULL, 0,
      "" },
    { "plus sign", "Content-Length: +4" CRLF, "abcd", 0, SIPPARSE_E_CONTENT_LENGTH, 1, NULL, 0,
      "" },
    { "hex", "Content-Length: 0x4" CRLF, "abcd", 0, SIPPARSE_E_CONTENT_LENGTH, 1, NULL, 0, "" },
    { "trailing letter", "Content-Length: 4a" CRLF, "abcd", 0, SIPPARSE_E_CONTENT_LENGTH, 1, NULL,
      0, "" },
    { "above 32 bits", "Content-Length: 4294967296" CRLF, "abcd", 0, SIPPARSE_E_CONTENT_LENGTH, 1,
      NULL, 0, "" },
    { "huge", "Content-Length: 99999999999999999999" CRLF, "abcd", 0, SIPPARSE_E_CONTENT_LENGTH,
      1, NULL, 0, "" },
    /* Streams: the message ends at Content-Length, which is required (RFC 3261 §18.3). */
    { "stream exact", "Content-Length: 4" CRLF, "abcd", SIPPARSE_F_STREAM, SIPPARSE_OK, 1, "abcd",
      0, "" },
    { "stream next message", "Content-Length: 4" CRLF, "abcd", SIPPARSE_F_STREAM, SIPPARSE_OK, 1,
      "abcd", 0, "OPTIONS sip:x@y SIP/2.0" CRLF },
    { "stream short body", "Content-Length: 10" CRLF, "abcd", SIPPARSE_F_STREAM, SIPPARSE_E_AGAIN,
      1, NULL, 0, "" },
    { "stream no Content-Length", "", "", SIPPARSE_F_STREAM, SIPPARSE_E_CL_MISSING, 0, NULL, 0,
      "" },
    { "stream bad Content-Length", "Content-Length: x" CRLF, "", SIPPARSE_F_STREAM,
      SIPPARSE_E_CONTENT_LENGTH, 1, NULL, 0, "" },
    { "stream conflict", "Content-Length: 4" CRLF "Content-Length: 5" CRLF, "abcde",
      SIPPARSE_F_STREAM, SIPPARSE_E_CL_CONFLICT, 1, NULL, 0, "" },
};

START_TEST(test_content_length)
{
    const char *name = cl_rows[_i].name;
    char *head = cat("MESSAGE sip:bob@biloxi.com SIP/2.0" CRLF REQ_BASE "CSeq: 1 MESSAGE" CRLF
                     "Content-Type: text/plain" CRLF,
                     cl_rows[_i].cl_lines, CRLF, NULL);
    char *text = cat(head, cl_rows[_i].body, cl_rows[_i].extra, NULL);
    size_t total = strlen(text);
    tmsg t;
    sipparse_err rc = tmsg_parse_str(&t, text, cl_rows[_i].flags);
    ck_assert_msg(rc == cl_rows[_i].rc, "%s: %s, expected %s", name, err_str(&t.m.error),
                  code_str(cl_rows[_i].rc));
    ck_assert_msg(t.m.error.code == rc, "%s: m->error.code %s, returned %s", name,
                  code_str(t.m.error.code), code_str(rc));
    if (rc == SIPPARSE_OK) {
        const char *why = msg_problem(&t);
        ck_assert_msg(why == NULL, "%s: %s", name, why);
        ck_assert_msg(t.m.has_content_length == cl_rows[_i].has_cl, "%s: has_content_length %d",
                      name, t.m.has_content_length);
        ck_assert_msg(body_is(t.m.body, cl_rows[_i].body_expect), "%s: body '%.*s'", name,
                      SL(t.m.body));
        ck_assert_msg(t.m.body.ptr == NULL || t.m.body.ptr == t.g.data + strlen(head),
                      "%s: body does not start after the empty line", name);
        ck_assert_msg(t.m.len == strlen(head) + strlen(cl_rows[_i].body_expect),
                      "%s: len %zu", name, t.m.len);
        if (!(cl_rows[_i].flags & SIPPARSE_F_STREAM))
            ck_assert_msg(t.m.trailing == cl_rows[_i].trailing && t.m.len + t.m.trailing == total,
                          "%s: trailing %zu", name, t.m.trailing);
        if (cl_rows[_i].has_cl)
            ck_assert_msg(t.m.content_length == strlen(cl_rows[_i].body_expect),
                          "%s: content_length %u", name, (unsigned)t.m.content_length);
    } else if (rc != SIPPARSE_E_AGAIN) {
        const char *why = error_pos_problem(t.g.data, t.g.len, &t.m.error);
        ck_assert_msg(why == NULL, "%s: %s", name, why);
        if (rc == SIPPARSE_E_CONTENT_LENGTH || rc == SIPPARSE_E_CL_CONFLICT) {
            ck_assert_msg(t.m.error.hdr == SIPPARSE_HDR_CONTENT_LENGTH,
                          "%s: error not on Content-Length: %s", name, err_str(&t.m.error));
            ck_assert_msg(t.m.error.line >= line_of(text, "Content-Length") &&
                              t.m.error.line > 1,
                          "%s: error line %u", name, t.m.error.line);
            /* hdr_index k is the k+1-th header line (no folds here): a Content-Length. */
            int k = t.m.error.hdr_index;
            const char *hl = text;
            for (int j = 0; j <= k && hl != NULL; j++) {
                hl = strstr(hl, CRLF);
                hl = hl ? hl + 2 : NULL;
            }
            ck_assert_msg(k >= 0 && hl != NULL &&
                              (strncmp(hl, "Content-Length", 14) == 0 || strncmp(hl, "l:", 2) == 0),
                          "%s: hdr_index %d is not a Content-Length line", name, k);
        }
        if (rc == SIPPARSE_E_CONTENT_LENGTH)
            ck_assert_msg(t.m.error.rule != NULL && strcmp(t.m.error.rule, "Content-Length") == 0,
                          "%s: rule %s", name, t.m.error.rule ? t.m.error.rule : "NULL");
    }
    tmsg_free(&t);
    free(text);
    free(head);
}
END_TEST

/* Two equal Content-Length headers frame the message, but a single-valued header
 * repeated is still a message error (RFC 3261 §7.3.1). */
START_TEST(test_content_length_duplicate_checked)
{
    tmsg t;
    tmsg_parse_str(&t, "OPTIONS sip:bob@biloxi.com SIP/2.0" CRLF REQ_BASE "CSeq: 1 OPTIONS" CRLF
                       "Content-Length: 0" CRLF "l: 0" CRLF CRLF,
                   0);
    ck_assert_msg(t.rc == SIPPARSE_OK, "%s", err_str(&t.m.error));
    verdict v;
    verdict_run(&t, &v);
    const sipparse_error *e = verdict_find_code(&v, SIPPARSE_E_DUPLICATE_HEADER);
    ck_assert_msg(e != NULL && e->hdr == SIPPARSE_HDR_CONTENT_LENGTH,
                  "no duplicate finding on Content-Length: %s", err_str(v.err));
    tmsg_free(&t);
}
END_TEST

/* ---- leniency flags ---------------------------------------------------------------------- */

static const struct {
    const char *name;
    const char *text;
    unsigned needs;        /* the flags that must be given (and must fire) */
    sipparse_err strict;   /* the strict error; SIPPARSE_OK: any error */
    const char *body;      /* expected body, NULL: not checked */
    size_t start;          /* expected m->start */
} flag_rows[] = {
    { "LF line ends",
      "OPTIONS sip:bob@biloxi.com SIP/2.0\nVia: SIP/2.0/UDP h.example.com;branch=z9hG4bK1\n"
      "Max-Forwards: 70\nTo: <sip:bob@biloxi.com>\nFrom: <sip:a@example.com>;tag=1\n"
      "Call-ID: lf@example.com\nCSeq: 1 OPTIONS\nContent-Length: 3\n\nab\n",
      SIPPARSE_F_ALLOW_LF, SIPPARSE_E_LINE_END, "ab\n", 0 },
    { "mixed line ends",
      "OPTIONS sip:bob@biloxi.com SIP/2.0\r\nVia: SIP/2.0/UDP h.example.com;branch=z9hG4bK1\n"
      "Max-Forwards: 70\r\nTo: <sip:bob@biloxi.com>\nFrom: <sip:a@example.com>;tag=1\r\n"
      "Call-ID: lf@example.com\nCSeq: 1 OPTIONS\r\nContent-Length: 0\n\r\n",
      SIPPARSE_F_ALLOW_LF, SIPPARSE_E_LINE_END, "", 0 },
    { "LF fold",
      "OPTIONS sip:bob@biloxi.com SIP/2.0\nVia: SIP/2.0/UDP h.example.com\n ;branch=z9hG4bK1\n"
      "Max-Forwards: 70\nTo: <sip:bob@biloxi.com>\nFrom: <sip:a@example.com>;tag=1\n"
      "Call-ID: lf@example.com\nCSeq: 1 OPTIONS\nl: 0\n\n",
      SIPPARSE_F_ALLOW_LF, SIPPARSE_E_LINE_END, "", 0 },
    /* RFC 3261 §7.5: implementations SHOULD ignore CRLFs before the start line. */
    { "leading CRLFs", CRLF CRLF OPTIONS_MSG, SIPPARSE_F_ALLOW_LEADING_CRLF, SIPPARSE_OK, "", 4 },
    { "one leading CRLF", CRLF OPTIONS_MSG, SIPPARSE_F_ALLOW_LEADING_CRLF, SIPPARSE_OK, "", 2 },
    /* RFC 4475 §3.1.2.9 and §3.1.2.10 */
    { "extra SP in request line",
      "OPTIONS  sip:bob@biloxi.com   SIP/2.0" CRLF REQ_BASE "CSeq: 1 OPTIONS" CRLF CL0_L CRLF,
      SIPPARSE_F_ALLOW_EXTRA_SP, SIPPARSE_E_START_LINE, "", 0 },
    { "SP after version",
      "OPTIONS sip:bob@biloxi.com SIP/2.0  " CRLF REQ_BASE "CSeq: 1 OPTIONS" CRLF CL0_L CRLF,
      SIPPARSE_F_ALLOW_EXTRA_SP, SIPPARSE_E_START_LINE, "", 0 },
    /* RFC 3665 §3.9 F6 prints "SIP/2.0  486 Busy Here". */
    { "extra SP in status line",
      "SIP/2.0  486 Busy Here" CRLF RESP_BASE "CSeq: 1 INVITE" CRLF CL0_L CRLF,
      SIPPARSE_F_ALLOW_EXTRA_SP, SIPPARSE_E_START_LINE, "", 0 },
    { "missing empty line",
      "OPTIONS sip:bob@biloxi.com SIP/2.0" CRLF REQ_BASE "CSeq: 1 OPTIONS" CRLF CL0_L,
      SIPPARSE_F_ALLOW_MISSING_EOH, SIPPARSE_E_NO_END_OF_HEADERS, NULL, 0 },
    { "SIP/2.1", "SIP/2.1 200 OK" CRLF RESP_BASE "CSeq: 1 INVITE" CRLF CL0_L CRLF,
      SIPPARSE_F_ALLOW_ANY_VERSION, SIPPARSE_E_VERSION, "", 0 },
    { "SIP/3.0 request",
      "OPTIONS sip:bob@biloxi.com SIP/3.0" CRLF REQ_BASE "CSeq: 1 OPTIONS" CRLF CL0_L CRLF,
      SIPPARSE_F_ALLOW_ANY_VERSION, SIPPARSE_E_VERSION, "", 0 },
    /* RFC 5118 §4.10 archive files: LF only, no empty line at the end. */
    { "LF and missing empty line",
      "OPTIONS sip:bob@biloxi.com SIP/2.0\nVia: SIP/2.0/UDP h.example.com;branch=z9hG4bK1\n"
      "Max-Forwards: 70\nTo: <sip:bob@biloxi.com>\nFrom: <sip:a@example.com>;tag=1\n"
      "Call-ID: lf@example.com\nCSeq: 1 OPTIONS\nContent-Length: 0\n",
      SIPPARSE_F_ALLOW_LF | SIPPARSE_F_ALLOW_MISSING_EOH, SIPPARSE_OK, NULL, 0 },
    { "clean message", OPTIONS_MSG, 0, SIPPARSE_OK, "", 0 },
};

START_TEST(test_flags)
{
    const char *name = flag_rows[_i].name;
    const char *text = flag_rows[_i].text;
    unsigned needs = flag_rows[_i].needs;
    tmsg t;
    verdict v;

    /* Strict mode rejects the deviation. */
    sipparse_err rc = tmsg_parse_str(&t, text, 0);
    if (needs == 0) {
        ck_assert_msg(rc == SIPPARSE_OK && t.m.warnings == 0, "%s: strict %s warnings 0x%x", name,
                      err_str(&t.m.error), t.m.warnings);
    } else {
        ck_assert_msg(rc != SIPPARSE_OK, "%s: accepted in strict mode", name);
        if (flag_rows[_i].strict != SIPPARSE_OK)
            ck_assert_msg(rc == flag_rows[_i].strict, "%s: strict error %s, expected %s", name,
                          err_str(&t.m.error), code_str(flag_rows[_i].strict));
        const char *why = error_pos_problem(t.g.data, t.g.len, &t.m.error);
        ck_assert_msg(why == NULL, "%s: %s", name, why);
    }
    tmsg_free(&t);

    /* Exactly the needed flags, and then every leniency flag: accepted, warned. */
    unsigned tries[2] = { needs, SIPPARSE_F_LENIENT };
    for (int k = 0; k < 2; k++) {
        rc = tmsg_parse_str(&t, text, tries[k]);
        ck_assert_msg(rc == SIPPARSE_OK, "%s: flags 0x%x: %s", name, tries[k],
                      err_str(&t.m.error));
        ck_assert_msg(t.m.warnings == needs, "%s: flags 0x%x: warnings 0x%x, expected 0x%x", name,
                      tries[k], t.m.warnings, needs);
        const char *why = msg_problem(&t);
        ck_assert_msg(why == NULL, "%s: flags 0x%x: %s", name, tries[k], why);
        ck_assert_msg(t.m.start == flag_rows[_i].start, "%s: start %zu", name, t.m.start);
        if (flag_rows[_i].body)
            ck_assert_msg(body_is(t.m.body, flag_rows[_i].body), "%s: body '%.*s'", name,
                          SL(t.m.body));
        verdict_run(&t, &v);
        ck_assert_msg(v.check_rc == SIPPARSE_OK && v.nerrs == 0, "%s: flags 0x%x: check %s", name,
                      tries[k], err_str(v.err));
        if (t.m.is_request)
            ck_assert_msg(sl_is(t.m.ruri, "sip:bob@biloxi.com"), "%s: Request-URI '%.*s'", name,
                          SL(t.m.ruri));
        else
            ck_assert_msg(sl_is(t.m.reason, t.m.status == 486 ? "Busy Here" : "OK"),
                          "%s: reason '%.*s'", name, SL(t.m.reason));
        tmsg_free(&t);
    }

    /* Each needed flag is needed: every other leniency flag does not do. */
    for (unsigned bit = 1; bit & SIPPARSE_F_LENIENT; bit <<= 1) {
        if (!(needs & bit))
            continue;
        rc = tmsg_parse_str(&t, text, SIPPARSE_F_LENIENT & ~bit);
        ck_assert_msg(rc != SIPPARSE_OK, "%s: accepted without flag 0x%x", name, bit);
        tmsg_free(&t);
    }
}
END_TEST

/* With leading CRLFs skipped, positions count from the start of the input (msg.h,
 * errors.h: header offsets and lines, error offset/line/col), so the skipped line ends
 * are lines too. */
START_TEST(test_leading_crlf_positions)
{
    const char *msg = "OPTIONS sip:bob@biloxi.com SIP/2.0" CRLF VIA_L MF_L "Bad Header: x" CRLF
                      TO_L FROM_L CID_L "CSeq: 1 OPTIONS" CRLF CL0_L CRLF;
    char *text = cat(CRLF CRLF, msg, NULL);
    tmsg t;
    sipparse_err rc = tmsg_parse_str(&t, text, SIPPARSE_F_ALLOW_LEADING_CRLF);
    ck_assert_msg(rc == SIPPARSE_E_HEADER_NAME, "%s", err_str(&t.m.error));
    ck_assert_msg(t.m.start == 4, "start %zu", t.m.start);
    size_t bad = 4 + (size_t)(strstr(msg, "Bad") - msg);
    ck_assert_msg(t.m.error.line == 6 && t.m.error.offset >= bad && t.m.error.offset < bad + 13,
                  "error %s, expected on line 6 of the input", err_str(&t.m.error));
    const char *why = error_pos_problem(t.g.data, t.g.len, &t.m.error);
    ck_assert_msg(why == NULL, "%s", why);
    tmsg_free(&t);
    free(text);

    text = cat(CRLF, "OPTIONS sip:bob@biloxi.com SIP/2.0" CRLF VIA_L MF_L TO_L FROM_L CID_L,
               "CSeq: x OPTIONS" CRLF CL0_L CRLF, NULL);
    rc = tmsg_parse_str(&t, text, SIPPARSE_F_ALLOW_LEADING_CRLF);
    ck_assert_msg(rc == SIPPARSE_OK, "%s", err_str(&t.m.error));
    ck_assert_msg(t.m.hdrs[0].line == 3 && t.m.hdrs[0].offset == 38, "Via at line %u offset %u",
                  (unsigned)t.m.hdrs[0].line, (unsigned)t.m.hdrs[0].offset);
    verdict v;
    verdict_run(&t, &v);
    const sipparse_error *e = verdict_find_hdr(&v, SIPPARSE_HDR_CSEQ);
    ck_assert_msg(e != NULL && e->line == 8, "CSeq finding %s, expected on line 8", err_str(e));
    why = error_pos_problem(t.g.data, t.g.len, e);
    ck_assert_msg(why == NULL, "%s", why);
    tmsg_free(&t);
    free(text);
}
END_TEST

START_TEST(test_empty_input)
{
    static const char *const inputs[] = { "", CRLF, CRLF CRLF, CRLF CRLF CRLF };
    for (size_t i = 0; i < ARRAY_LEN(inputs); i++) {
        unsigned fl[2] = { 0, SIPPARSE_F_LENIENT };
        for (int k = 0; k < 2; k++) {
            tmsg t;
            sipparse_err rc = tmsg_parse_str(&t, inputs[i], fl[k]);
            ck_assert_msg(rc == SIPPARSE_E_EMPTY, "%zu line ends, flags 0x%x: %s", i, fl[k],
                          err_str(&t.m.error));
            tmsg_free(&t);
        }
    }
}
END_TEST

/* ---- limits ------------------------------------------------------------------------------- */

START_TEST(test_limit_headers)
{
    const char *text = OPTIONS_MSG; /* 7 headers */
    tmsg t;
    sipparse_err rc = tmsg_parse_cap(&t, text, strlen(text), 0, 6);
    ck_assert_msg(rc == SIPPARSE_E_LIMIT_HEADERS, "cap 6: %s", err_str(&t.m.error));
    ck_assert_msg(t.m.error.line == 8, "cap 6: error on line %u, expected the 7th header's (8)",
                  t.m.error.line);
    tmsg_free(&t);
    rc = tmsg_parse_cap(&t, text, strlen(text), 0, 7);
    ck_assert_msg(rc == SIPPARSE_OK, "cap 7: %s", err_str(&t.m.error));
    ck_assert_uint_eq(t.m.nhdrs, 7);
    tmsg_free(&t);
    rc = tmsg_parse_cap(&t, text, strlen(text), 0, 1);
    ck_assert_msg(rc == SIPPARSE_E_LIMIT_HEADERS, "cap 1: %s", err_str(&t.m.error));
    tmsg_free(&t);
}
END_TEST

/* Parses text with the given limits set after sipparse_msg_init. */
static sipparse_err parse_limited(tmsg *t, const char *text, unsigned flags, size_t max_size,
                                  size_t max_line)
{
    memset(&t->m, 0, sizeof t->m);
    guard_str(&t->g, text);
    sipparse_msg_init(&t->m, t->hdrs, TMSG_MAX_HDRS, flags);
    ck_assert_msg(t->m.max_size == SIPPARSE_DEFAULT_MAX_SIZE, "default max_size %zu",
                  t->m.max_size);
    ck_assert_msg(t->m.max_line == SIPPARSE_DEFAULT_MAX_LINE, "default max_line %zu",
                  t->m.max_line);
    ck_assert_msg(t->m.hdrs == t->hdrs && t->m.hdr_cap == TMSG_MAX_HDRS && t->m.flags == flags,
                  "sipparse_msg_init did not keep its arguments");
    if (max_size)
        t->m.max_size = max_size;
    if (max_line)
        t->m.max_line = max_line;
    t->rc = sipparse_msg_parse(&t->m, t->g.data, t->g.len);
    return t->rc;
}

START_TEST(test_limit_size)
{
    const char *text = "MESSAGE sip:bob@biloxi.com SIP/2.0" CRLF REQ_BASE "CSeq: 1 MESSAGE" CRLF
                       "Content-Length: 5" CRLF CRLF "hello";
    size_t len = strlen(text);
    unsigned fl[2] = { 0, SIPPARSE_F_STREAM };
    for (int k = 0; k < 2; k++) {
        tmsg t;
        sipparse_err rc = parse_limited(&t, text, fl[k], len, 0);
        ck_assert_msg(rc == SIPPARSE_OK, "flags 0x%x, max_size = len: %s", fl[k],
                      err_str(&t.m.error));
        tmsg_free(&t);
        rc = parse_limited(&t, text, fl[k], len - 1, 0);
        ck_assert_msg(rc == SIPPARSE_E_LIMIT_SIZE, "flags 0x%x, max_size = len - 1: %s", fl[k],
                      err_str(&t.m.error));
        tmsg_free(&t);
        rc = parse_limited(&t, text, fl[k], 40, 0);
        ck_assert_msg(rc == SIPPARSE_E_LIMIT_SIZE, "flags 0x%x, max_size 40: %s", fl[k],
                      err_str(&t.m.error));
        tmsg_free(&t);
    }
}
END_TEST

START_TEST(test_limit_default_size)
{
    /* Content-Length written with 8 digits (leading zeros are legal) so that the header
     * block has the same length whatever the body size. */
    const char *fmt = "MESSAGE sip:bob@biloxi.com SIP/2.0" CRLF REQ_BASE "CSeq: 1 MESSAGE" CRLF
                      "Content-Length: %08zu" CRLF CRLF;
    char head[512];
    size_t hl = (size_t)snprintf(head, sizeof head, fmt, (size_t)0);
    size_t total = SIPPARSE_DEFAULT_MAX_SIZE + 1;
    char *text = malloc(total);
    ck_assert_ptr_nonnull(text);
    memset(text, 'x', total);
    for (int k = 0; k < 2; k++) {
        size_t len = k == 0 ? total : total - 1; /* one byte over, then exactly the limit */
        snprintf(head, sizeof head, fmt, len - hl);
        memcpy(text, head, hl);
        tmsg t;
        sipparse_err rc = tmsg_parse(&t, text, len, 0);
        if (k == 0)
            ck_assert_msg(rc == SIPPARSE_E_LIMIT_SIZE, "%zu bytes: %s", len, err_str(&t.m.error));
        else
            ck_assert_msg(rc == SIPPARSE_OK && t.m.body.len == len - hl, "%zu bytes: %s", len,
                          err_str(&t.m.error));
        tmsg_free(&t);
    }
    free(text);
}
END_TEST

START_TEST(test_limit_line)
{
    char subject[300];
    memset(subject, 'x', sizeof subject);
    subject[sizeof subject - 1] = '\0';
    char *text = cat("OPTIONS sip:bob@biloxi.com SIP/2.0" CRLF REQ_BASE "CSeq: 1 OPTIONS" CRLF
                     "Subject: ",
                     subject, CRLF CL0_L CRLF, NULL);
    size_t longest = strlen("Subject: ") + strlen(subject); /* without its CRLF */
    unsigned sline = line_of(text, "Subject");
    tmsg t;
    sipparse_err rc = parse_limited(&t, text, 0, 0, longest + 2);
    ck_assert_msg(rc == SIPPARSE_OK, "max_line %zu: %s", longest + 2, err_str(&t.m.error));
    tmsg_free(&t);
    rc = parse_limited(&t, text, 0, 0, longest - 1);
    ck_assert_msg(rc == SIPPARSE_E_LIMIT_LINE, "max_line %zu: %s", longest - 1,
                  err_str(&t.m.error));
    ck_assert_msg(t.m.error.line == sline, "error on line %u, the long line is %u",
                  t.m.error.line, sline);
    tmsg_free(&t);
    rc = parse_limited(&t, text, 0, 0, 20);
    ck_assert_msg(rc == SIPPARSE_E_LIMIT_LINE, "max_line 20: %s", err_str(&t.m.error));
    ck_assert_msg(t.m.error.line == 1, "max_line 20: error on line %u", t.m.error.line);
    tmsg_free(&t);
    free(text);
}
END_TEST

/* ---- message rules (sipparse_msg_check) -------------------------------------------------- */

enum { ANY_CODE = -1, ANY_RC = -2 };

static const struct {
    const char *name;
    const char *text;
    int rc;                 /* expected return of check; ANY_CODE: any error; ANY_RC: any */
    int code;               /* a finding with this code ... (ANY_CODE: any; 0: none at all) */
    sipparse_hdr_id hdr;    /* ... about this header */
    int critical;           /* ... with this critical flag (-1: not checked) */
} check_rows[] = {
    { "valid request", OPTIONS_MSG, SIPPARSE_OK, 0, 0, -1 },
    { "valid response", "SIP/2.0 200 OK" CRLF RESP_BASE "CSeq: 1 INVITE" CRLF CL0_L CRLF,
      SIPPARSE_OK, 0, 0, -1 },
    { "ACK", "ACK sip:bob@biloxi.com SIP/2.0" CRLF REQ_BASE "CSeq: 1 ACK" CRLF CL0_L CRLF,
      SIPPARSE_OK, 0, 0, -1 },
    { "response CSeq any method", "SIP/2.0 200 OK" CRLF RESP_BASE "CSeq: 1 FOO" CRLF CL0_L CRLF,
      SIPPARSE_OK, 0, 0, -1 },
    { "comma-joined Via and repeated Contact",
      "INVITE sip:bob@biloxi.com SIP/2.0" CRLF
      "Via: SIP/2.0/UDP a.example.com;branch=z9hG4bK1, SIP/2.0/TCP b.example.com:5061" CRLF
      MF_L TO_L FROM_L CID_L "CSeq: 1 INVITE" CRLF
      "Contact: <sip:a@a.example.com>" CRLF "Contact: <sip:a@b.example.com>;q=0.5" CRLF CL0_L CRLF,
      SIPPARSE_OK, 0, 0, -1 },
    /* RFC 3261 §8.1.1: To, From, CSeq, Call-ID, Max-Forwards and Via. */
    { "missing To",
      "OPTIONS sip:bob@biloxi.com SIP/2.0" CRLF VIA_L MF_L FROM_L CID_L "CSeq: 1 OPTIONS" CRLF
      CL0_L CRLF,
      SIPPARSE_E_MISSING_HEADER, SIPPARSE_E_MISSING_HEADER, SIPPARSE_HDR_TO, 1 },
    { "missing From",
      "OPTIONS sip:bob@biloxi.com SIP/2.0" CRLF VIA_L MF_L TO_L CID_L "CSeq: 1 OPTIONS" CRLF
      CL0_L CRLF,
      SIPPARSE_E_MISSING_HEADER, SIPPARSE_E_MISSING_HEADER, SIPPARSE_HDR_FROM, 1 },
    { "missing Call-ID",
      "OPTIONS sip:bob@biloxi.com SIP/2.0" CRLF VIA_L MF_L TO_L FROM_L "CSeq: 1 OPTIONS" CRLF
      CL0_L CRLF,
      SIPPARSE_E_MISSING_HEADER, SIPPARSE_E_MISSING_HEADER, SIPPARSE_HDR_CALL_ID, 1 },
    { "missing CSeq",
      "OPTIONS sip:bob@biloxi.com SIP/2.0" CRLF REQ_BASE CL0_L CRLF,
      SIPPARSE_E_MISSING_HEADER, SIPPARSE_E_MISSING_HEADER, SIPPARSE_HDR_CSEQ, 1 },
    { "missing Via",
      "OPTIONS sip:bob@biloxi.com SIP/2.0" CRLF MF_L TO_L FROM_L CID_L "CSeq: 1 OPTIONS" CRLF
      CL0_L CRLF,
      SIPPARSE_E_MISSING_HEADER, SIPPARSE_E_MISSING_HEADER, SIPPARSE_HDR_VIA, 1 },
    { "response missing Via", "SIP/2.0 200 OK" CRLF TO_L FROM_L CID_L "CSeq: 1 INVITE" CRLF CL0_L
      CRLF,
      SIPPARSE_E_MISSING_HEADER, SIPPARSE_E_MISSING_HEADER, SIPPARSE_HDR_VIA, 1 },
    /* RFC 3261 §7.3.1, RFC 4475 §3.3.8 */
    { "two Call-ID", "OPTIONS sip:bob@biloxi.com SIP/2.0" CRLF REQ_BASE "CSeq: 1 OPTIONS" CRLF
      "Call-ID: other@example.com" CRLF CL0_L CRLF,
      SIPPARSE_E_DUPLICATE_HEADER, SIPPARSE_E_DUPLICATE_HEADER, SIPPARSE_HDR_CALL_ID, 1 },
    { "two CSeq", "OPTIONS sip:bob@biloxi.com SIP/2.0" CRLF REQ_BASE "CSeq: 1 OPTIONS" CRLF
      "CSeq: 2 OPTIONS" CRLF CL0_L CRLF,
      SIPPARSE_E_DUPLICATE_HEADER, SIPPARSE_E_DUPLICATE_HEADER, SIPPARSE_HDR_CSEQ, 1 },
    { "two To (compact)", "OPTIONS sip:bob@biloxi.com SIP/2.0" CRLF REQ_BASE "CSeq: 1 OPTIONS"
      CRLF "t: <sip:other@example.com>" CRLF CL0_L CRLF,
      SIPPARSE_E_DUPLICATE_HEADER, SIPPARSE_E_DUPLICATE_HEADER, SIPPARSE_HDR_TO, 1 },
    { "two From", "OPTIONS sip:bob@biloxi.com SIP/2.0" CRLF REQ_BASE "CSeq: 1 OPTIONS" CRLF
      "From: <sip:other@example.com>;tag=9" CRLF CL0_L CRLF,
      SIPPARSE_E_DUPLICATE_HEADER, SIPPARSE_E_DUPLICATE_HEADER, SIPPARSE_HDR_FROM, 1 },
    { "two Max-Forwards", "OPTIONS sip:bob@biloxi.com SIP/2.0" CRLF REQ_BASE "CSeq: 1 OPTIONS"
      CRLF "Max-Forwards: 5" CRLF CL0_L CRLF,
      ANY_RC,
      SIPPARSE_E_DUPLICATE_HEADER, SIPPARSE_HDR_MAX_FORWARDS, -1 },
    { "From as a list", "OPTIONS sip:bob@biloxi.com SIP/2.0" CRLF VIA_L MF_L TO_L
      "From: <sip:a@example.com>;tag=1, <sip:c@example.com>;tag=2" CRLF CID_L
      "CSeq: 1 OPTIONS" CRLF CL0_L CRLF,
      ANY_CODE, ANY_CODE, SIPPARSE_HDR_FROM, 1 },
    /* RFC 3261 §8.1.1.5, RFC 4475 §3.1.2.17 */
    { "CSeq method mismatch", "OPTIONS sip:bob@biloxi.com SIP/2.0" CRLF REQ_BASE "CSeq: 1 INVITE"
      CRLF CL0_L CRLF,
      SIPPARSE_E_CSEQ_METHOD, SIPPARSE_E_CSEQ_METHOD, SIPPARSE_HDR_CSEQ, 1 },
    /* Methods are case-sensitive (RFC 3261 §7.1). */
    { "CSeq method case", "invite sip:bob@biloxi.com SIP/2.0" CRLF REQ_BASE "CSeq: 1 INVITE" CRLF
      CL0_L CRLF,
      SIPPARSE_E_CSEQ_METHOD, SIPPARSE_E_CSEQ_METHOD, SIPPARSE_HDR_CSEQ, 1 },
    { "CSeq not a number", "OPTIONS sip:bob@biloxi.com SIP/2.0" CRLF REQ_BASE "CSeq: abc OPTIONS"
      CRLF CL0_L CRLF,
      SIPPARSE_E_HEADER_VALUE, SIPPARSE_E_HEADER_VALUE, SIPPARSE_HDR_CSEQ, 1 },
    /* RFC 3261 §8.1.1.5: the sequence number is a 32-bit unsigned integer. */
    { "CSeq above 2**32-1", "OPTIONS sip:bob@biloxi.com SIP/2.0" CRLF REQ_BASE
      "CSeq: 4294967296 OPTIONS" CRLF CL0_L CRLF,
      SIPPARSE_E_RANGE, SIPPARSE_E_RANGE, SIPPARSE_HDR_CSEQ, 1 },
    { "Via without host", "OPTIONS sip:bob@biloxi.com SIP/2.0" CRLF "Via: SIP/2.0/UDP" CRLF MF_L
      TO_L FROM_L CID_L "CSeq: 1 OPTIONS" CRLF CL0_L CRLF,
      ANY_CODE, ANY_CODE, SIPPARSE_HDR_VIA, 1 },
    { "From unterminated <", "OPTIONS sip:bob@biloxi.com SIP/2.0" CRLF VIA_L MF_L TO_L
      "From: <sip:a@example.com;tag=1" CRLF CID_L "CSeq: 1 OPTIONS" CRLF CL0_L CRLF,
      ANY_CODE, ANY_CODE, SIPPARSE_HDR_FROM, 1 },
    { "To empty URI", "OPTIONS sip:bob@biloxi.com SIP/2.0" CRLF VIA_L MF_L "To: sip:" CRLF FROM_L
      CID_L "CSeq: 1 OPTIONS" CRLF CL0_L CRLF,
      ANY_CODE, ANY_CODE, SIPPARSE_HDR_TO, 1 },
    { "Call-ID with space", "OPTIONS sip:bob@biloxi.com SIP/2.0" CRLF VIA_L MF_L TO_L FROM_L
      "Call-ID: a b" CRLF "CSeq: 1 OPTIONS" CRLF CL0_L CRLF,
      SIPPARSE_E_HEADER_VALUE, SIPPARSE_E_HEADER_VALUE, SIPPARSE_HDR_CALL_ID, 1 },
    /* Non-critical headers: a finding, the message stays usable. */
    { "Max-Forwards 256", "OPTIONS sip:bob@biloxi.com SIP/2.0" CRLF VIA_L "Max-Forwards: 256" CRLF
      TO_L FROM_L CID_L "CSeq: 1 OPTIONS" CRLF CL0_L CRLF,
      SIPPARSE_OK, SIPPARSE_E_RANGE, SIPPARSE_HDR_MAX_FORWARDS, 0 },
    { "Max-Forwards letters", "OPTIONS sip:bob@biloxi.com SIP/2.0" CRLF VIA_L "Max-Forwards: ab"
      CRLF TO_L FROM_L CID_L "CSeq: 1 OPTIONS" CRLF CL0_L CRLF,
      SIPPARSE_OK, SIPPARSE_E_HEADER_VALUE, SIPPARSE_HDR_MAX_FORWARDS, 0 },
    { "Expires letters", "OPTIONS sip:bob@biloxi.com SIP/2.0" CRLF REQ_BASE "CSeq: 1 OPTIONS" CRLF
      "Expires: soon" CRLF CL0_L CRLF,
      SIPPARSE_OK, SIPPARSE_E_HEADER_VALUE, SIPPARSE_HDR_EXPIRES, 0 },
    { "Content-Type without subtype", "OPTIONS sip:bob@biloxi.com SIP/2.0" CRLF REQ_BASE
      "CSeq: 1 OPTIONS" CRLF "Content-Type: application" CRLF CL0_L CRLF,
      SIPPARSE_OK, SIPPARSE_E_HEADER_VALUE, SIPPARSE_HDR_CONTENT_TYPE, 0 },
    /* RFC 4475 §3.1.2.12: only GMT. */
    { "Date not GMT", "OPTIONS sip:bob@biloxi.com SIP/2.0" CRLF REQ_BASE "CSeq: 1 OPTIONS" CRLF
      "Date: Fri, 01 Jan 2010 16:00:00 EST" CRLF CL0_L CRLF,
      SIPPARSE_OK, SIPPARSE_E_HEADER_VALUE, SIPPARSE_HDR_DATE, 0 },
    { "Contact unterminated <", "OPTIONS sip:bob@biloxi.com SIP/2.0" CRLF REQ_BASE
      "CSeq: 1 OPTIONS" CRLF "Contact: <sip:a@example.com" CRLF CL0_L CRLF,
      SIPPARSE_OK, ANY_CODE, SIPPARSE_HDR_CONTACT, 0 },
    /* RFC 3261 §20.34: Route values are name-addr, always in <>. */
    { "Route without <>", "OPTIONS sip:bob@biloxi.com SIP/2.0" CRLF REQ_BASE "CSeq: 1 OPTIONS"
      CRLF "Route: sip:p1.example.com;lr" CRLF CL0_L CRLF,
      SIPPARSE_OK, ANY_CODE, SIPPARSE_HDR_ROUTE, 0 },
};

START_TEST(test_check_rules)
{
    const char *name = check_rows[_i].name;
    const char *text = check_rows[_i].text;
    tmsg t;
    tmsg_parse_str(&t, text, 0);
    ck_assert_msg(t.rc == SIPPARSE_OK, "%s: parse %s", name, err_str(&t.m.error));
    verdict v;
    verdict_run(&t, &v);
    if (check_rows[_i].rc == ANY_CODE)
        ck_assert_msg(v.check_rc != SIPPARSE_OK, "%s: check OK", name);
    else if (check_rows[_i].rc != ANY_RC)
        ck_assert_msg((int)v.check_rc == check_rows[_i].rc, "%s: check %s, expected %s (%s)",
                      name, code_str(v.check_rc), code_str((sipparse_err)check_rows[_i].rc),
                      err_str(v.err));
    if (check_rows[_i].code == 0) {
        ck_assert_msg(v.nerrs == 0, "%s: %zu findings, first %s", name, v.nerrs,
                      err_str(v.err));
    } else {
        const sipparse_error *e = verdict_find_hdr(&v, check_rows[_i].hdr);
        ck_assert_msg(e != NULL, "%s: no finding about %s (first: %s)", name,
                      hdr_str(check_rows[_i].hdr), err_str(v.err));
        if (check_rows[_i].code != ANY_CODE)
            ck_assert_msg((int)e->code == check_rows[_i].code, "%s: %s, expected %s", name,
                          err_str(e), code_str((sipparse_err)check_rows[_i].code));
        if (check_rows[_i].critical >= 0)
            ck_assert_msg(e->critical == check_rows[_i].critical, "%s: critical %d: %s", name,
                          e->critical, err_str(e));
        if (v.check_rc != SIPPARSE_OK)
            ck_assert_msg(v.err != NULL && v.err->critical && v.err->code == v.check_rc,
                          "%s: returned %s but the first critical finding is %s", name,
                          code_str(v.check_rc), err_str(v.err));
        /* Located in the message: a present header on its own line. */
        ck_assert_msg(e->line > 0, "%s: finding without a line: %s", name, err_str(e));
        const char *why = error_pos_problem(t.g.data, t.g.len, e);
        ck_assert_msg(why == NULL, "%s: %s: %s", name, why, err_str(e));
        if (e->code != SIPPARSE_E_MISSING_HEADER && e->code != SIPPARSE_E_DUPLICATE_HEADER &&
            e->hdr_index >= 0) {
            ck_assert_msg((unsigned)e->hdr_index < t.m.nhdrs &&
                              t.m.hdrs[e->hdr_index].id == check_rows[_i].hdr,
                          "%s: hdr_index %d is not a %s header", name, e->hdr_index,
                          hdr_str(check_rows[_i].hdr));
            ck_assert_msg(e->line >= t.m.hdrs[e->hdr_index].line,
                          "%s: finding on line %u, before its header (line %u)", name, e->line,
                          (unsigned)t.m.hdrs[e->hdr_index].line);
        }
    }
    /* Every finding is located. */
    size_t have = v.nerrs < VERDICT_MAX_ERRS ? v.nerrs : VERDICT_MAX_ERRS;
    for (size_t k = 0; k < have; k++) {
        const char *why = error_pos_problem(t.g.data, t.g.len, &v.errs[k]);
        ck_assert_msg(why == NULL, "%s: finding %zu: %s: %s", name, k, why, err_str(&v.errs[k]));
    }
    tmsg_free(&t);
}
END_TEST

/* Findings beyond cap are counted, not written. */
START_TEST(test_check_cap)
{
    const char *text = "OPTIONS sip:bob@biloxi.com SIP/2.0" CRLF REQ_BASE "CSeq: 1 OPTIONS" CRLF
                       "Expires: soon" CRLF "Date: yesterday" CRLF "Content-Type: nothing" CRLF
                       CL0_L CRLF;
    tmsg t;
    tmsg_parse_str(&t, text, 0);
    ck_assert_msg(t.rc == SIPPARSE_OK, "%s", err_str(&t.m.error));
    sipparse_error errs[4];
    memset(errs, 0x5a, sizeof errs);
    size_t n = 0;
    sipparse_err rc = sipparse_msg_check(&t.m, errs, 1, &n);
    ck_assert_msg(rc == SIPPARSE_OK, "check %s", code_str(rc));
    ck_assert_msg(n == 3, "%zu findings, expected 3", n);
    ck_assert_msg(errs[0].hdr == SIPPARSE_HDR_EXPIRES || errs[0].hdr == SIPPARSE_HDR_DATE ||
                      errs[0].hdr == SIPPARSE_HDR_CONTENT_TYPE,
                  "first finding %s", err_str(&errs[0]));
    const unsigned char *raw = (const unsigned char *)&errs[1];
    for (size_t k = 0; k < sizeof errs[1]; k++)
        ck_assert_msg(raw[k] == 0x5a, "errs[1] written with cap 1");
    n = 0;
    memset(errs, 0x5a, sizeof errs);
    rc = sipparse_msg_check(&t.m, errs, 0, &n);
    ck_assert_msg(rc == SIPPARSE_OK && n == 3, "cap 0: %s, %zu findings", code_str(rc), n);
    raw = (const unsigned char *)&errs[0];
    for (size_t k = 0; k < sizeof errs[0]; k++)
        ck_assert_msg(raw[k] == 0x5a, "errs[0] written with cap 0");
    tmsg_free(&t);
}
END_TEST

Suite *msg_suite(void)
{
    Suite *s = suite_create("msg");
    TCase *tc = tcase_create("start-line");
    tcase_add_loop_test(tc, test_start_line, 0, (int)ARRAY_LEN(start_rows));
    tcase_add_test(tc, test_start_line_rule_names);
    tcase_add_loop_test(tc, test_methods, 0, (int)method_table_len);
    suite_add_tcase(s, tc);

    tc = tcase_create("headers");
    tcase_add_loop_test(tc, test_header_names, 0, (int)ARRAY_LEN(name_rows));
    tcase_add_loop_test(tc, test_bad_header_lines, 0, (int)ARRAY_LEN(bad_name_rows));
    tcase_add_test(tc, test_fold_without_header);
    tcase_add_test(tc, test_folding);
    tcase_add_test(tc, test_repeated_headers);
    suite_add_tcase(s, tc);

    tc = tcase_create("body");
    tcase_add_loop_test(tc, test_content_length, 0, (int)ARRAY_LEN(cl_rows));
    tcase_add_test(tc, test_content_length_duplicate_checked);
    suite_add_tcase(s, tc);

    tc = tcase_create("flags");
    tcase_add_loop_test(tc, test_flags, 0, (int)ARRAY_LEN(flag_rows));
    tcase_add_test(tc, test_empty_input);
    tcase_add_test(tc, test_leading_crlf_positions);
    suite_add_tcase(s, tc);

    tc = tcase_create("limits");
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, test_limit_headers);
    tcase_add_test(tc, test_limit_size);
    tcase_add_test(tc, test_limit_default_size);
    tcase_add_test(tc, test_limit_line);
    suite_add_tcase(s, tc);

    tc = tcase_create("check");
    tcase_add_loop_test(tc, test_check_rules, 0, (int)ARRAY_LEN(check_rows));
    tcase_add_test(tc, test_check_cap);
    suite_add_tcase(s, tc);
    return s;
}
