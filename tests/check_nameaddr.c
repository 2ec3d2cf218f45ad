/* tests/check_nameaddr.c: name-addr / addr-spec values (From, To, Contact, Route; RFC
 * 3261 §20.10, §20.20, §20.34, §25.1), the Contact and Route list walkers, and display
 * name unquoting. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "suites.h"
#include "util.h"

#define CRLF "\r\n"

/* Expected values: NULL = absent. */
typedef struct na_row {
    const char *name;
    const char *in;
    size_t in_len;          /* 0: strlen(in) */
    const char *display;    /* the slice as written */
    size_t display_len;     /* when the display holds a NUL: its length (display: its start) */
    const char *unquoted;   /* sipparse_display_unquote of it (NULL: not checked) */
    size_t unquoted_len;    /* 0: strlen(unquoted) */
    int quoted, bracketed;
    const char *uri;        /* uri.raw */
    const char *params, *tag, *q, *expires;
    int params_any;         /* 1: params only checked for presence and a leading ';' */
} na_row;

static const na_row good[] = {
    { .name = "quoted display and tag", .in = "\"Bob\" <sip:bob@biloxi.com>;tag=a6c85cf",
      .display = "\"Bob\"", .unquoted = "Bob", .quoted = 1, .bracketed = 1,
      .uri = "sip:bob@biloxi.com", .params = ";tag=a6c85cf", .tag = "a6c85cf" },
    { .name = "token display", .in = "Bob <sip:bob@biloxi.com>", .display = "Bob",
      .unquoted = "Bob", .bracketed = 1, .uri = "sip:bob@biloxi.com" },
    { .name = "no display", .in = "<sip:bob@biloxi.com>", .bracketed = 1,
      .uri = "sip:bob@biloxi.com" },
    { .name = "addr-spec with tag", .in = "sip:alice@atlanta.com;tag=1928301774",
      .uri = "sip:alice@atlanta.com", .params = ";tag=1928301774", .tag = "1928301774" },
    { .name = "addr-spec", .in = "sip:caller@example.net", .uri = "sip:caller@example.net" },
    /* RFC 4475 §3.1.1.1: escaped quote and backslash, folded params with LWS. */
    { .name = "wsinv From", .in = "\"J Rosenberg \\\\\\\"\"       <sip:jdrosen@example.com>" CRLF
                                  "  ;" CRLF "  tag = 98asjd8",
      .display = "\"J Rosenberg \\\\\\\"\"", .unquoted = "J Rosenberg \\\"", .quoted = 1,
      .bracketed = 1, .uri = "sip:jdrosen@example.com", .tag = "98asjd8", .params_any = 1 },
    { .name = "wsinv To", .in = "sip:vivekg@chair-dnrc.example.com ;   tag    = 1918181833n",
      .uri = "sip:vivekg@chair-dnrc.example.com", .tag = "1918181833n", .params_any = 1 },
    /* RFC 4475 §3.1.1.6: no LWS between display name and '<'; RFC says accept. */
    { .name = "lwsdisp", .in = "caller<sip:caller@example.com>;tag=323", .display = "caller",
      .unquoted = "caller", .bracketed = 1, .uri = "sip:caller@example.com", .params = ";tag=323",
      .tag = "323" },
    { .name = "quoted display without LWS", .in = "\"caller\"<sip:caller@example.com>",
      .display = "\"caller\"", .unquoted = "caller", .quoted = 1, .bracketed = 1,
      .uri = "sip:caller@example.com" },
    { .name = "token with dot", .in = "A. Bell <sip:a.g.bell@example.com>;tag=qweoiqpe",
      .display = "A. Bell", .unquoted = "A. Bell", .bracketed = 1, .uri = "sip:a.g.bell@example.com",
      .params = ";tag=qweoiqpe", .tag = "qweoiqpe" },
    { .name = "several tokens", .in = "Alice  Smith <sip:a@example.com>",
      .display = "Alice  Smith", .unquoted = "Alice Smith", .bracketed = 1,
      .uri = "sip:a@example.com" },
    /* RFC 4475 §3.1.1.2 From: every token character in display names and params. */
    { .name = "intmeth From",
      .in = "token1~` token2'+_ token3*%!.- <sip:mundane@example.com>;fromParam''~+*_!.-%="
            "\"\xd1\x80\xd0\xb0\xd0\xb1\xd0\xbe\xd1\x82\xd0\xb0\xd1\x8e\xd1\x89\xd0\xb8\xd0\xb9\""
            ";tag=_token~1'+`*%!-.",
      .display = "token1~` token2'+_ token3*%!.-", .unquoted = "token1~` token2'+_ token3*%!.-",
      .bracketed = 1, .uri = "sip:mundane@example.com", .tag = "_token~1'+`*%!-.",
      .params_any = 1 },
    /* RFC 4475 §3.1.1.2 To: quoted-pair of BEL, NUL and DEL. */
    { .name = "intmeth To",
      .in = "\"BEL:\\\x07 NUL:\\\0 DEL:\\\x7f\" <sip:1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*"
            "@example.com>",
      .in_len = 89, .display_len = 22,
      .display = "\"BEL:\\\x07 NUL:\\", .unquoted = "BEL:\x07 NUL:\0 DEL:\x7f", .unquoted_len = 17,
      .quoted = 1, .bracketed = 1,
      .uri = "sip:1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*@example.com" },
    { .name = "empty quoted display", .in = "\"\" <sip:a@example.com>", .display = "\"\"",
      .unquoted = "", .quoted = 1, .bracketed = 1, .uri = "sip:a@example.com" },
    /* RFC 4475 §3.1.1.5: % in a quoted string is not an escape. */
    { .name = "percent in display", .in = "\"%Z%45\" <sip:resource@example.com>",
      .display = "\"%Z%45\"", .unquoted = "%Z%45", .quoted = 1, .bracketed = 1,
      .uri = "sip:resource@example.com" },
    { .name = "comma in quotes", .in = "\"Bell, Alexander\" <sip:a.g.bell@example.com>;tag=433423",
      .display = "\"Bell, Alexander\"", .unquoted = "Bell, Alexander", .quoted = 1,
      .bracketed = 1, .uri = "sip:a.g.bell@example.com", .params = ";tag=433423",
      .tag = "433423" },
    { .name = "UTF-8 in quotes", .in = "\"J\xc3\xbcrgen\" <sip:j@example.com>",
      .display = "\"J\xc3\xbcrgen\"", .unquoted = "J\xc3\xbcrgen", .quoted = 1, .bracketed = 1,
      .uri = "sip:j@example.com" },
    /* RFC 4475 §3.3.14: URI headers inside <>. */
    { .name = "escaped header in <>", .in = "<sip:user@example.com?Route=%3Csip:sip.example.com%3E>",
      .bracketed = 1, .uri = "sip:user@example.com?Route=%3Csip:sip.example.com%3E" },
    /* RFC 4475 §3.3.12 and §3.3.13: where unknownparam belongs. */
    { .name = "cparam01", .in = "sip:+19725552222@gw1.example.net;unknownparam",
      .uri = "sip:+19725552222@gw1.example.net", .params = ";unknownparam" },
    { .name = "cparam02", .in = "<sip:+19725552222@gw1.example.net;unknownparam>", .bracketed = 1,
      .uri = "sip:+19725552222@gw1.example.net;unknownparam" },
    /* RFC 4475 §3.3.4: other schemes. */
    { .name = "isbn addr-spec", .in = "isbn:2983792873", .uri = "isbn:2983792873" },
    { .name = "http in <>", .in = "<http://www.example.com>;tag=3234233", .bracketed = 1,
      .uri = "http://www.example.com", .params = ";tag=3234233", .tag = "3234233" },
    { .name = "mailto with q", .in = "\"Mr. Watson\" <mailto:watson@bell-telephone.com>;q=0.1",
      .display = "\"Mr. Watson\"", .unquoted = "Mr. Watson", .quoted = 1, .bracketed = 1,
      .uri = "mailto:watson@bell-telephone.com", .params = ";q=0.1", .q = "0.1" },
    { .name = "q expires tag", .in = "<sip:a@b.example.com>;tag=x;q=1.0;expires=60;+sip.instance=\"<urn:uuid:1>\"",
      .bracketed = 1, .uri = "sip:a@b.example.com",
      .params = ";tag=x;q=1.0;expires=60;+sip.instance=\"<urn:uuid:1>\"", .tag = "x", .q = "1.0",
      .expires = "60" },
    { .name = "LWS before params", .in = "Bob <sips:bob@biloxi.com> ;tag=1", .display = "Bob",
      .unquoted = "Bob", .bracketed = 1, .uri = "sips:bob@biloxi.com", .tag = "1",
      .params_any = 1 },
    { .name = "IPv6 in <>", .in = "\"Caller\" <sip:caller@[2001:db8::1]>", .display = "\"Caller\"",
      .unquoted = "Caller", .quoted = 1, .bracketed = 1, .uri = "sip:caller@[2001:db8::1]" },
};

static const struct {
    const char *name, *in;
} bad[] = {
    /* RFC 4475 §3.1.2.6 */
    { "quotbal", "\"Mr. J. User <sip:j.user@example.com>" },
    { "quote at the end", "\"abc" },
    { "escape at the end", "\"abc\\" },
    { "escaped closing quote", "\"abc\\\"" },
    { "unterminated <", "<sip:a@example.com" },
    { "unterminated < with param", "<sip:a@example.com;tag=1" },
    { "display and unterminated <", "Bob <sip:a@example.com" },
    /* RFC 4475 §3.1.2.14 */
    { "badaspec", "\"Watson, Thomas\" < sip:t.watson@example.org >" },
    { "space after <", "< sip:t.watson@example.org>" },
    { "space before >", "<sip:t.watson@example.org >" },
    /* RFC 4475 §3.1.2.15 */
    { "baddn From", "Bell, Alexander <sip:a.g.bell@example.com>;tag=43" },
    { "baddn To", "Watson, Thomas <sip:t.watson@example.org>" },
    /* RFC 4475 §3.1.2.13: an addr-spec may not carry URI headers. */
    { "regbadct", "sip:user@example.com?Route=%3Csip:sip.example.com%3E" },
    { "double semicolon", "<sip:a@example.com>;;tag=1" },
    { "empty param", "<sip:a@example.com> ;" },
    { "param without ;", "<sip:a@example.com>tag=1" },
    { "junk after >", "<sip:a@example.com> x" },
    { "double >", "<sip:a@example.com>>" },
    { "empty <>", "<>" },
    { "empty", "" },
    { "display only", "Bob" },
    { "quoted display only", "\"Bob\"" },
    { "quoted display without <>", "\"Bob\"sip:a@example.com" },
    { "tag without value", "<sip:a@example.com>;tag=" },
    { "unterminated quoted param", "<sip:a@example.com>;p=\"abc" },
    { "escape at end of param", "<sip:a@example.com>;p=\"a\\" },
    { "two values", "<sip:a@example.com>, <sip:b@example.com>" },
    { "bad URI", "<sip:@example.com>" },
};

static void check_unquote(const char *row, sipparse_slice display, const char *want, size_t wlen)
{
    char out[256];
    memset(out, '#', sizeof out);
    int n = sipparse_display_unquote(display, out, 200);
    ck_assert_msg(n == (int)wlen && memcmp(out, want, wlen) == 0, "%s: unquoted to %d bytes '%.*s'",
                  row, n, n > 0 ? n : 0, out);
    ck_assert_msg(out[wlen] == '\0', "%s: unquoted text not NUL-terminated", row);
    for (size_t k = 200; k < sizeof out; k++)
        ck_assert_msg(out[k] == '#', "%s: unquote wrote past cap", row);
}

START_TEST(test_nameaddr_good)
{
    const na_row *r = &good[_i];
    size_t len = r->in_len ? r->in_len : strlen(r->in);
    guard_buf g = { 0 };
    const char *p = guard_copy(&g, r->in, len);
    sipparse_nameaddr na;
    sipparse_error err;
    memset(&na, 0x5a, sizeof na);
    memset(&err, 0, sizeof err);
    sipparse_err rc = sipparse_nameaddr_parse(p, len, &na, &err);
    ck_assert_msg(rc == SIPPARSE_OK, "%s: %s", r->name, err_str(&err));
    ck_assert_msg(na.raw.ptr == p && na.raw.len == len, "%s: raw '%.*s'", r->name, SL(na.raw));
    ck_assert_msg(na.star == 0, "%s: star", r->name);
    if (r->display && r->in_len) {
        /* The display holds a NUL: compare its start and its length. */
        ck_assert_msg(na.display.ptr == p && na.display.len == r->display_len &&
                          memcmp(na.display.ptr, r->display, strlen(r->display)) == 0,
                      "%s: display '%.*s'", r->name, SL(na.display));
    } else {
        assert_part(r->name, "display", na.display, r->display);
    }
    ck_assert_msg(na.display_quoted == r->quoted, "%s: display_quoted %d", r->name,
                  na.display_quoted);
    ck_assert_msg(na.bracketed == r->bracketed, "%s: bracketed %d", r->name, na.bracketed);
    assert_part(r->name, "uri", na.uri.raw, r->uri);
    if (r->params_any)
        ck_assert_msg(na.params.ptr != NULL && na.params.len > 0 && na.params.ptr[0] == ';',
                      "%s: params '%.*s'", r->name, SL(na.params));
    else
        assert_part(r->name, "params", na.params, r->params);
    assert_part(r->name, "tag", na.tag, r->tag);
    assert_part(r->name, "q", na.q, r->q);
    assert_part(r->name, "expires", na.expires, r->expires);
    if (r->unquoted)
        check_unquote(r->name, na.display, r->unquoted,
                      r->unquoted_len ? r->unquoted_len : strlen(r->unquoted));
    guard_free(&g);
}
END_TEST

START_TEST(test_nameaddr_bad)
{
    size_t len = strlen(bad[_i].in);
    guard_buf g = { 0 };
    const char *p = guard_copy(&g, bad[_i].in, len);
    sipparse_nameaddr na;
    sipparse_error err;
    memset(&err, 0, sizeof err);
    sipparse_err rc = sipparse_nameaddr_parse(p, len, &na, &err);
    ck_assert_msg(rc != SIPPARSE_OK && rc != SIPPARSE_END, "%s: '%s' accepted", bad[_i].name,
                  bad[_i].in);
    ck_assert_msg(rc == SIPPARSE_E_HEADER_VALUE || rc == SIPPARSE_E_URI,
                  "%s: unexpected code %s", bad[_i].name, code_str(rc));
    ck_assert_msg(err.at == NULL || (err.at >= p && err.at <= p + len),
                  "%s: err->at outside the input", bad[_i].name);
    guard_free(&g);
}
END_TEST

/* A struct reused from value to value: the parts the second value does not have are
 * absent, not left over from the first (the parser writes each field rather than
 * clearing the whole struct first); a value that fails leaves the struct cleared. */
static void assert_no_uri_extras(const char *row, const sipparse_uri *u)
{
    assert_part(row, "user", u->user, NULL);
    assert_part(row, "password", u->password, NULL);
    assert_part(row, "port", u->port_str, NULL);
    ck_assert_msg(u->port == -1, "%s: port %d", row, u->port);
    assert_part(row, "uri params", u->params, NULL);
    assert_part(row, "uri headers", u->headers, NULL);
    assert_part(row, "opaque", u->opaque, NULL);
    assert_part(row, "transport", u->transport, NULL);
    assert_part(row, "user param", u->user_param, NULL);
    assert_part(row, "method", u->method, NULL);
    assert_part(row, "maddr", u->maddr, NULL);
    assert_part(row, "ttl", u->ttl, NULL);
    ck_assert_msg(u->lr == 0, "%s: lr %d", row, u->lr);
}

START_TEST(test_reused_struct)
{
    static const char rich[] = "\"A\" <sip:a:pw@h.example.com:5070;transport=tcp;user=phone;"
                               "method=INVITE;maddr=m.example.com;ttl=5;lr?x=y>;tag=t1;q=0.5;"
                               "expires=60;foo, sip:h2.example.com";
    guard_buf g = { 0 };
    size_t len = strlen(rich), pos = 0;
    sipparse_slice v = { guard_copy(&g, rich, len), len };
    sipparse_nameaddr na;
    sipparse_error err;
    memset(&na, 0x5a, sizeof na);
    ck_assert_int_eq(sipparse_contact_next(v, &pos, &na, &err), SIPPARSE_OK);
    ck_assert_msg(na.display_quoted && na.bracketed && na.tag.ptr && na.q.ptr &&
                      na.expires.ptr && na.params.ptr && na.uri.user.ptr &&
                      na.uri.password.ptr && na.uri.port == 5070 && na.uri.lr &&
                      na.uri.transport.ptr && na.uri.user_param.ptr && na.uri.method.ptr &&
                      na.uri.maddr.ptr && na.uri.ttl.ptr && na.uri.headers.ptr,
                  "rich value: a part is missing");
    ck_assert_int_eq(sipparse_contact_next(v, &pos, &na, &err), SIPPARSE_OK);
    assert_part("bare", "uri", na.uri.raw, "sip:h2.example.com");
    assert_part("bare", "host", na.uri.host, "h2.example.com");
    assert_part("bare", "display", na.display, NULL);
    ck_assert_msg(!na.display_quoted && !na.bracketed && !na.star, "bare: flags left over");
    assert_part("bare", "params", na.params, NULL);
    assert_part("bare", "tag", na.tag, NULL);
    assert_part("bare", "q", na.q, NULL);
    assert_part("bare", "expires", na.expires, NULL);
    assert_no_uri_extras("bare", &na.uri);
    ck_assert_int_eq(sipparse_contact_next(v, &pos, &na, &err), SIPPARSE_END);

    /* a failed value: cleared, whatever the struct held */
    static const char broken[] = "\"A\" <sip:a@h.example.com;lr>;tag=1, <sip:@>";
    guard_buf g2 = { 0 };
    len = strlen(broken);
    v = (sipparse_slice){ guard_copy(&g2, broken, len), len };
    pos = 0;
    ck_assert_int_eq(sipparse_route_next(v, &pos, &na, &err), SIPPARSE_OK);
    ck_assert_int_eq(sipparse_route_next(v, &pos, &na, &err), SIPPARSE_E_URI);
    sipparse_nameaddr cleared;
    memset(&cleared, 0, sizeof cleared);
    cleared.uri.port = -1;
    ck_assert_msg(memcmp(&na, &cleared, sizeof na) == 0, "failed value: struct not cleared");
    guard_free(&g);
    guard_free(&g2);
}
END_TEST

/* ---- Contact and Route lists ----------------------------------------------------------- */

typedef struct list_item {
    const char *uri;       /* uri.raw; "*" for the Contact star */
    const char *display;
    const char *q, *expires;
} list_item;

static const struct {
    const char *name;
    int route;             /* 0: contact_next, 1: route_next */
    const char *value;
    int nitems;            /* values expected before END */
    int fail_at;           /* -1: no error; k: the call for value k fails (0-based) */
    list_item items[4];
} list_rows[] = {
    /* RFC 3261 §10.2.2 */
    { "star", 0, "*", 1, -1, { { "*", NULL, NULL, NULL } } },
    { "three contacts",
      0,
      "<sip:a@x.example.com>;q=0.5, \"A, B\" <sip:b@y.example.com;lr>, sip:c@z.example.com;expires=60",
      3,
      -1,
      { { "sip:a@x.example.com", NULL, "0.5", NULL },
        { "sip:b@y.example.com;lr", "\"A, B\"", NULL, NULL },
        { "sip:c@z.example.com", NULL, NULL, "60" } } },
    { "wsinv Contact", 0,
      "\"Quoted string \\\"\\\"\" <sip:jdrosen@example.com> ; newparam =" CRLF
      "      newvalue ;" CRLF "  secondparam ; q = 0.33",
      1, -1, { { "sip:jdrosen@example.com", "\"Quoted string \\\"\\\"\"", "0.33", NULL } } },
    { "comma in user part", 0, "<sip:a,b@x.example.com>, <sip:c@y.example.com>", 2, -1,
      { { "sip:a,b@x.example.com", NULL, NULL, NULL }, { "sip:c@y.example.com", NULL, NULL, NULL } } },
    { "folded list", 0, "<sip:a@x.example.com> ," CRLF " <sip:b@y.example.com>", 2, -1,
      { { "sip:a@x.example.com", NULL, NULL, NULL }, { "sip:b@y.example.com", NULL, NULL, NULL } } },
    { "cparam01", 0, "sip:+19725552222@gw1.example.net;unknownparam", 1, -1,
      { { "sip:+19725552222@gw1.example.net", NULL, NULL, NULL } } },
    { "regescrt", 0, "<sip:user@example.com?Route=%3Csip:sip.example.com%3E>", 1, -1,
      { { "sip:user@example.com?Route=%3Csip:sip.example.com%3E", NULL, NULL, NULL } } },
    { "q=1.000", 0, "<sip:a@example.com>;q=1.000", 1, -1,
      { { "sip:a@example.com", NULL, "1.000", NULL } } },
    { "q=0 and q=1", 0, "<sip:a@example.com>;q=0, <sip:b@example.com>;q=1", 2, -1,
      { { "sip:a@example.com", NULL, "0", NULL }, { "sip:b@example.com", NULL, "1", NULL } } },
    /* RFC 4475 §3.1.2.13 */
    { "regbadct", 0, "sip:user@example.com?Route=%3Csip:sip.example.com%3E", 0, 0, { { 0 } } },
    { "star then value", 0, "*, <sip:a@example.com>", 0, -2, { { 0 } } },
    { "value then star", 0, "<sip:a@example.com>, *", 0, -2, { { 0 } } },
    /* RFC 4475 §3.1.2.1 */
    { "badinv01 Contact", 0, "\"Joe\" <sip:joe@example.org>;;;;", 0, 0, { { 0 } } },
    /* qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] ). The ABNF alone would
     * also read "q=1.5" as a generic-param; nameaddr.h promises q 0..1, and RFC 3261
     * §20.10 gives q that range. */
    { "q=1.5", 0, "<sip:a@example.com>;q=1.5", 0, 0, { { 0 } } },
    { "q=0.1234", 0, "<sip:a@example.com>;q=0.1234", 0, 0, { { 0 } } },
    { "q=2", 0, "<sip:a@example.com>;q=2", 0, 0, { { 0 } } },
    /* nameaddr.h: expires is delta-seconds; RFC 4475 §3.1.2.4 calls an expires above
     * 2**32-1 out of range. */
    { "expires above 32 bits", 0, "<sip:a@example.com>;expires=280297596632815", 0, 0, { { 0 } } },
    { "expires 2**32-1", 0, "<sip:a@example.com>;expires=4294967295", 1, -1,
      { { "sip:a@example.com", NULL, NULL, "4294967295" } } },
    { "trailing comma", 0, "<sip:a@example.com>,", 0, -2, { { 0 } } },
    { "leading comma", 0, ",<sip:a@example.com>", 0, 0, { { 0 } } },
    { "empty element", 0, "<sip:a@example.com>,,<sip:b@example.com>", 0, -2, { { 0 } } },
    { "unterminated quote", 0, "\"unterminated <sip:a@example.com>", 0, 0, { { 0 } } },
    { "unterminated <", 0, "<sip:a@example.com", 0, 0, { { 0 } } },
    { "second unterminated", 0, "<sip:a@example.com>, <sip:b@example.com", 1, 1,
      { { "sip:a@example.com", NULL, NULL, NULL } } },

    { "two routes", 1, "<sip:p1.example.com;lr>, <sip:p2.example.com;lr>", 2, -1,
      { { "sip:p1.example.com;lr", NULL, NULL, NULL }, { "sip:p2.example.com;lr", NULL, NULL, NULL } } },
    { "route display and param", 1, "\"Proxy\" <sip:p1.example.com;lr>;foo=bar", 1, -1,
      { { "sip:p1.example.com;lr", "\"Proxy\"", NULL, NULL } } },
    { "wsinv Route", 1, "<sip:services.example.com;lr;unknownwith=value;unknown-no-value>", 1, -1,
      { { "sip:services.example.com;lr;unknownwith=value;unknown-no-value", NULL, NULL, NULL } } },
    /* RFC 3665 §3.10 F4 folds a Record-Route list. */
    { "folded Record-Route", 1, "<sip:ss2.biloxi.example.com;lr>," CRLF " <sip:ss1.atlanta.example.com;lr>",
      2, -1,
      { { "sip:ss2.biloxi.example.com;lr", NULL, NULL, NULL },
        { "sip:ss1.atlanta.example.com;lr", NULL, NULL, NULL } } },
    /* RFC 3261 §20.34: route-param = name-addr, never a bare addr-spec. */
    { "route without <>", 1, "sip:p1.example.com;lr", 0, 0, { { 0 } } },
    { "second route without <>", 1, "<sip:p1.example.com;lr>, sip:p2.example.com", 1, 1,
      { { "sip:p1.example.com;lr", NULL, NULL, NULL } } },
    { "route star", 1, "*", 0, 0, { { 0 } } },
};

/* fail_at -2: some call before END fails (which one is the library's choice). */
START_TEST(test_lists)
{
    const char *name = list_rows[_i].name;
    const char *value = list_rows[_i].value;
    size_t len = strlen(value);
    guard_buf g = { 0 };
    sipparse_slice v = { guard_copy(&g, value, len), len };
    size_t pos = 0;
    int k = 0;
    sipparse_err rc;
    int failed_at = -1;
    for (;;) {
        sipparse_nameaddr na;
        sipparse_error err;
        memset(&na, 0x5a, sizeof na);
        memset(&err, 0, sizeof err);
        size_t before = pos;
        rc = list_rows[_i].route ? sipparse_route_next(v, &pos, &na, &err)
                                 : sipparse_contact_next(v, &pos, &na, &err);
        if (rc == SIPPARSE_END)
            break;
        if (rc != SIPPARSE_OK) {
            failed_at = k;
            ck_assert_msg(err.at == NULL || (err.at >= v.ptr && err.at <= v.ptr + len),
                          "%s: err->at outside the value", name);
            break;
        }
        ck_assert_msg(pos > before && pos <= len, "%s: value %d: pos %zu -> %zu", name, k, before,
                      pos);
        ck_assert_msg(k < 8, "%s: too many values", name);
        if (k < list_rows[_i].nitems) {
            const list_item *it = &list_rows[_i].items[k];
            if (strcmp(it->uri, "*") == 0) {
                ck_assert_msg(na.star == 1, "%s: value %d not the star", name, k);
            } else {
                ck_assert_msg(na.star == 0, "%s: value %d is a star", name, k);
                assert_part(name, "uri", na.uri.raw, it->uri);
                assert_part(name, "display", na.display, it->display);
                assert_part(name, "q", na.q, it->q);
                assert_part(name, "expires", na.expires, it->expires);
                ck_assert_msg(sl_within(na.raw, v.ptr, len) && na.raw.ptr >= v.ptr + before,
                              "%s: value %d raw outside its place", name, k);
            }
        }
        k++;
    }
    if (list_rows[_i].fail_at == -1) {
        ck_assert_msg(rc == SIPPARSE_END, "%s: value %d fails with %s", name, k, code_str(rc));
        ck_assert_msg(k == list_rows[_i].nitems, "%s: %d values, expected %d", name, k,
                      list_rows[_i].nitems);
        ck_assert_msg(pos == len, "%s: ended at %zu of %zu", name, pos, len);
    } else if (list_rows[_i].fail_at == -2) {
        ck_assert_msg(failed_at >= 0, "%s: walked to the end (%d values) without an error", name,
                      k);
    } else {
        ck_assert_msg(failed_at == list_rows[_i].fail_at, "%s: failed at value %d, expected %d",
                      name, failed_at, list_rows[_i].fail_at);
    }
    guard_free(&g);
}
END_TEST

/* ---- display_unquote -------------------------------------------------------------------- */

static const struct {
    const char *name, *display, *out;
} unquote_rows[] = {
    { "quoted", "\"Bob\"", "Bob" },
    { "escapes", "\"J Rosenberg \\\\\\\"\"", "J Rosenberg \\\"" },
    { "escaped letter", "\"\\a\\b\"", "ab" },
    { "token", "Bob", "Bob" },
    /* A token display name's LWS runs are joined by one SP. */
    { "token LWS run", "Alice  \t Smith", "Alice Smith" },
    { "token fold", "Alice" CRLF " Smith", "Alice Smith" },
    { "quoted spaces kept", "\"Alice  Smith\"", "Alice  Smith" },
    { "empty", "\"\"", "" },
};

START_TEST(test_unquote)
{
    guard_buf g = { 0 };
    const char *d = unquote_rows[_i].display;
    sipparse_slice s = { guard_str(&g, d), strlen(d) };
    check_unquote(unquote_rows[_i].name, s, unquote_rows[_i].out, strlen(unquote_rows[_i].out));
    guard_free(&g);
}
END_TEST

START_TEST(test_unquote_cap)
{
    guard_buf g = { 0 };
    sipparse_slice s = { guard_str(&g, "\"Bob\""), 5 };
    char out[8];
    memset(out, '#', sizeof out);
    ck_assert_int_eq(sipparse_display_unquote(s, out, 2), -1);
    for (size_t k = 2; k < sizeof out; k++)
        ck_assert_msg(out[k] == '#', "cap 2: wrote at %zu", k);
    memset(out, '#', sizeof out);
    ck_assert_int_eq(sipparse_display_unquote(s, out, 4), 3);
    ck_assert_msg(memcmp(out, "Bob", 4) == 0, "cap 4: '%.4s'", out);
    ck_assert_msg(out[4] == '#', "cap 4: wrote past cap");
    guard_free(&g);
}
END_TEST

Suite *nameaddr_suite(void)
{
    Suite *s = suite_create("nameaddr");
    TCase *tc = tcase_create("nameaddr");
    tcase_add_loop_test(tc, test_nameaddr_good, 0, (int)ARRAY_LEN(good));
    tcase_add_loop_test(tc, test_nameaddr_bad, 0, (int)ARRAY_LEN(bad));
    suite_add_tcase(s, tc);
    tc = tcase_create("lists");
    tcase_add_loop_test(tc, test_lists, 0, (int)ARRAY_LEN(list_rows));
    tcase_add_test(tc, test_reused_struct);
    suite_add_tcase(s, tc);
    tc = tcase_create("unquote");
    tcase_add_loop_test(tc, test_unquote, 0, (int)ARRAY_LEN(unquote_rows));
    tcase_add_test(tc, test_unquote_cap);
    suite_add_tcase(s, tc);
    return s;
}
