/* tests/check_uri.c: sipparse_uri_parse in its three contexts (RFC 3261 §19.1, §20.10,
 * §25.1) and the print round trip. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "suites.h"
#include "util.h"

/* Expected parts: a NULL string means the part must be absent, "" present and empty. */
typedef struct uri_row {
    const char *name, *in;
    sipparse_uri_ctx ctx;
    sipparse_scheme scheme_id;
    const char *scheme, *user, *password, *host;
    sipparse_host_type host_type;
    const char *port;          /* port digits; NULL: no port */
    const char *params, *headers, *opaque;
    const char *transport, *user_param, *method, *maddr, *ttl;
    int lr;                    /* 0, 1, or -1: not checked */
} uri_row;

#define SIP SIPPARSE_SCHEME_SIP
#define SIPS SIPPARSE_SCHEME_SIPS
#define DOMAIN SIPPARSE_HOST_DOMAIN
#define IPV4 SIPPARSE_HOST_IPV4
#define IPV6 SIPPARSE_HOST_IPV6

static const uri_row good[] = {
    /* RFC 3261 §19.1.3 examples. */
    { .name = "basic", .in = "sip:alice@atlanta.com", .scheme_id = SIP, .scheme = "sip",
      .user = "alice", .host = "atlanta.com", .host_type = DOMAIN },
    { .name = "password and transport", .in = "sip:alice:secretword@atlanta.com;transport=tcp",
      .scheme_id = SIP, .scheme = "sip", .user = "alice", .password = "secretword",
      .host = "atlanta.com", .host_type = DOMAIN, .params = ";transport=tcp", .transport = "tcp" },
    { .name = "sips with headers", .in = "sips:alice@atlanta.com?subject=project%20x&priority=urgent",
      .scheme_id = SIPS, .scheme = "sips", .user = "alice", .host = "atlanta.com",
      .host_type = DOMAIN, .headers = "?subject=project%20x&priority=urgent" },
    { .name = "telephone user", .in = "sip:+1-212-555-1212:1234@gateway.com;user=phone",
      .scheme_id = SIP, .scheme = "sip", .user = "+1-212-555-1212", .password = "1234",
      .host = "gateway.com", .host_type = DOMAIN, .params = ";user=phone", .user_param = "phone" },
    { .name = "sips numeric user", .in = "sips:1212@gateway.com", .scheme_id = SIPS,
      .scheme = "sips", .user = "1212", .host = "gateway.com", .host_type = DOMAIN },
    { .name = "IPv4 host", .in = "sip:alice@192.0.2.4", .scheme_id = SIP, .scheme = "sip",
      .user = "alice", .host = "192.0.2.4", .host_type = IPV4 },
    { .name = "method param and header", .in = "sip:atlanta.com;method=REGISTER?to=alice%40atlanta.com",
      .scheme_id = SIP, .scheme = "sip", .host = "atlanta.com", .host_type = DOMAIN,
      .params = ";method=REGISTER", .headers = "?to=alice%40atlanta.com", .method = "REGISTER" },
    { .name = "semicolon in user", .in = "sip:alice;day=tuesday@atlanta.com", .scheme_id = SIP,
      .scheme = "sip", .user = "alice;day=tuesday", .host = "atlanta.com", .host_type = DOMAIN },
    /* RFC 5118 §4.3 and §4.4. */
    { .name = "IPv6 and port", .in = "sip:[2001:db8::10]:5070", .scheme_id = SIP, .scheme = "sip",
      .host = "[2001:db8::10]", .host_type = IPV6, .port = "5070" },
    { .name = "IPv6 port ambiguous", .in = "sip:[2001:db8::10:5070]", .scheme_id = SIP,
      .scheme = "sip", .host = "[2001:db8::10:5070]", .host_type = IPV6 },
    { .name = "IPv4-mapped IPv6", .in = "sip:ted@[::ffff:192.0.2.2]:19823", .scheme_id = SIP,
      .scheme = "sip", .user = "ted", .host = "[::ffff:192.0.2.2]", .host_type = IPV6,
      .port = "19823" },
    /* RFC 5118 §4.10: three colons must be tolerated. */
    { .name = "IPv6 three colons", .in = "sip:user@[2001:db8:::192.0.2.1]", .scheme_id = SIP,
      .scheme = "sip", .user = "user", .host = "[2001:db8:::192.0.2.1]", .host_type = IPV6 },
    { .name = "IPv6 loopback", .in = "sip:[::1]", .scheme_id = SIP, .scheme = "sip",
      .host = "[::1]", .host_type = IPV6 },
    { .name = "port 0", .in = "sip:host.example.com:0", .scheme_id = SIP, .scheme = "sip",
      .host = "host.example.com", .host_type = DOMAIN, .port = "0" },
    { .name = "port with leading zeros", .in = "sip:h.example.com:05060", .scheme_id = SIP,
      .scheme = "sip", .host = "h.example.com", .host_type = DOMAIN, .port = "05060" },
    { .name = "port 65535", .in = "sip:h.example.com:65535", .scheme_id = SIP, .scheme = "sip",
      .host = "h.example.com", .host_type = DOMAIN, .port = "65535" },
    { .name = "port 5060 with params", .in = "sip:bob@biloxi.com:5060;transport=udp;lr",
      .scheme_id = SIP, .scheme = "sip", .user = "bob", .host = "biloxi.com", .host_type = DOMAIN,
      .port = "5060", .params = ";transport=udp;lr", .transport = "udp", .lr = 1 },
    { .name = "lr", .in = "sip:p1.example.com;lr", .scheme_id = SIP, .scheme = "sip",
      .host = "p1.example.com", .host_type = DOMAIN, .params = ";lr", .lr = 1 },
    { .name = "maddr ttl transport", .in = "sip:mc@example.com;maddr=239.255.255.1;ttl=15;transport=udp",
      .scheme_id = SIP, .scheme = "sip", .user = "mc", .host = "example.com", .host_type = DOMAIN,
      .params = ";maddr=239.255.255.1;ttl=15;transport=udp", .transport = "udp",
      .maddr = "239.255.255.1", .ttl = "15" },
    { .name = "unknown params", .in = "sip:services.example.com;lr;unknownwith=value;unknown-no-value",
      .scheme_id = SIP, .scheme = "sip", .host = "services.example.com", .host_type = DOMAIN,
      .params = ";lr;unknownwith=value;unknown-no-value", .lr = 1 },
    { .name = "upper-case param names", .in = "sip:a@example.com;TRANSPORT=TCP;LR",
      .scheme_id = SIP, .scheme = "sip", .user = "a", .host = "example.com", .host_type = DOMAIN,
      .params = ";TRANSPORT=TCP;LR", .transport = "TCP", .lr = 1 },
    /* RFC 4475 §3.1.1.3 and §3.1.1.4: escapes are kept. */
    { .name = "escaped user", .in = "sip:%61lice@atlanta.com", .scheme_id = SIP, .scheme = "sip",
      .user = "%61lice", .host = "atlanta.com", .host_type = DOMAIN },
    { .name = "escaped colon and at", .in = "sip:sips%3Auser%40example.com@example.net",
      .scheme_id = SIP, .scheme = "sip", .user = "sips%3Auser%40example.com",
      .host = "example.net", .host_type = DOMAIN },
    { .name = "escaped NUL", .in = "sip:null-%00-null@example.com", .scheme_id = SIP,
      .scheme = "sip", .user = "null-%00-null", .host = "example.com", .host_type = DOMAIN },
    { .name = "escaped params", .in = "sip:cal%6Cer@host5.example.net;%6C%72;n%61me=v%61lue%25%34%31",
      .scheme_id = SIP, .scheme = "sip", .user = "cal%6Cer", .host = "host5.example.net",
      .host_type = DOMAIN, .params = ";%6C%72;n%61me=v%61lue%25%34%31", .lr = -1 },
    /* RFC 4475 §3.1.1.9 */
    { .name = "semiuri", .in = "sip:user;par=u%40example.net@example.com", .ctx = SIPPARSE_URI_REQUEST,
      .scheme_id = SIP, .scheme = "sip", .user = "user;par=u%40example.net", .host = "example.com",
      .host_type = DOMAIN },
    /* RFC 4475 §3.1.1.2 */
    { .name = "intmeth Request-URI",
      .in = "sip:1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*:&it+has=1,weird!*pas$wo~d_too."
            "(doesn't-it)@example.com",
      .ctx = SIPPARSE_URI_REQUEST, .scheme_id = SIP, .scheme = "sip",
      .user = "1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*",
      .password = "&it+has=1,weird!*pas$wo~d_too.(doesn't-it)", .host = "example.com",
      .host_type = DOMAIN },
    /* RFC 3261 §19.1.4: the scheme is case-insensitive. */
    { .name = "upper-case scheme", .in = "SIP:ALICE@ATLANTA.COM", .scheme_id = SIP, .scheme = "SIP",
      .user = "ALICE", .host = "ATLANTA.COM", .host_type = DOMAIN },
    { .name = "Sips mixed case", .in = "Sips:a@b.example.com", .scheme_id = SIPS, .scheme = "Sips",
      .user = "a", .host = "b.example.com", .host_type = DOMAIN },
    { .name = "empty password", .in = "sip:alice:@atlanta.com", .scheme_id = SIP, .scheme = "sip",
      .user = "alice", .password = "", .host = "atlanta.com", .host_type = DOMAIN },
    { .name = "trailing dot host", .in = "sip:alice@atlanta.com.", .scheme_id = SIP,
      .scheme = "sip", .user = "alice", .host = "atlanta.com.", .host_type = DOMAIN },
    { .name = "digits in domain", .in = "sip:a@1.2.3.4.example.com", .scheme_id = SIP,
      .scheme = "sip", .user = "a", .host = "1.2.3.4.example.com", .host_type = DOMAIN },
    { .name = "single label host", .in = "sip:localhost:5060", .scheme_id = SIP, .scheme = "sip",
      .host = "localhost", .host_type = DOMAIN, .port = "5060" },
    { .name = "Request-URI with params", .in = "sip:alice@atlanta.com;transport=tcp",
      .ctx = SIPPARSE_URI_REQUEST, .scheme_id = SIP, .scheme = "sip", .user = "alice",
      .host = "atlanta.com", .host_type = DOMAIN, .params = ";transport=tcp", .transport = "tcp" },
    { .name = "addr-spec plain", .in = "sip:alice@atlanta.com:5061", .ctx = SIPPARSE_URI_ADDR_SPEC,
      .scheme_id = SIP, .scheme = "sip", .user = "alice", .host = "atlanta.com",
      .host_type = DOMAIN, .port = "5061" },
    /* Other schemes are opaque (RFC 3261 §19.1, RFC 4475 §3.3.2-3.3.4). */
    { .name = "tel", .in = "tel:+1-201-555-0123", .scheme_id = SIPPARSE_SCHEME_TEL, .scheme = "tel",
      .opaque = "+1-201-555-0123" },
    { .name = "unknown scheme", .in = "nobodyKnowsThisScheme:totallyopaquecontent",
      .ctx = SIPPARSE_URI_REQUEST, .scheme_id = SIPPARSE_SCHEME_OTHER,
      .scheme = "nobodyKnowsThisScheme", .opaque = "totallyopaquecontent" },
    { .name = "soap.beep", .in = "soap.beep://192.0.2.103:3002", .ctx = SIPPARSE_URI_REQUEST,
      .scheme_id = SIPPARSE_SCHEME_OTHER, .scheme = "soap.beep", .opaque = "//192.0.2.103:3002" },
    { .name = "http", .in = "http://www.example.com", .scheme_id = SIPPARSE_SCHEME_OTHER,
      .scheme = "http", .opaque = "//www.example.com" },
    { .name = "isbn", .in = "isbn:2983792873", .scheme_id = SIPPARSE_SCHEME_OTHER, .scheme = "isbn",
      .opaque = "2983792873" },
    { .name = "name scheme", .in = "name:John_Smith", .scheme_id = SIPPARSE_SCHEME_OTHER,
      .scheme = "name", .opaque = "John_Smith" },
};

static const struct {
    const char *name, *in;
    sipparse_uri_ctx ctx;
} bad[] = {
    { "empty", "", SIPPARSE_URI_FULL },
    { "scheme only", "sip:", SIPPARSE_URI_FULL },
    { "empty user", "sip:@atlanta.com", SIPPARSE_URI_FULL },
    { "no host", "sip:alice@", SIPPARSE_URI_FULL },
    { "empty port", "sip:alice@atlanta.com:", SIPPARSE_URI_FULL },
    { "port 65536", "sip:alice@atlanta.com:65536", SIPPARSE_URI_FULL },
    { "port huge", "sip:alice@atlanta.com:99999999999999999999", SIPPARSE_URI_FULL },
    { "port letter", "sip:alice@atlanta.com:5o60", SIPPARSE_URI_FULL },
    { "IPv6 unclosed", "sip:[2001:db8::1", SIPPARSE_URI_FULL },
    { "IPv6 no open", "sip:2001:db8::1]", SIPPARSE_URI_FULL },
    { "IPv6 empty", "sip:[]", SIPPARSE_URI_FULL },
    { "IPv6 not hex", "sip:[zz::1]", SIPPARSE_URI_FULL },
    { "IPv6 group of 5", "sip:[12345::1]", SIPPARSE_URI_FULL },
    /* RFC 5118 §4.2 */
    { "IPv6 without brackets", "sip:2001:db8::10", SIPPARSE_URI_FULL },
    { "escape short", "sip:al%6@atlanta.com", SIPPARSE_URI_FULL },
    { "escape not hex", "sip:al%zz@atlanta.com", SIPPARSE_URI_FULL },
    { "escape at end", "sip:alice@atlanta.com;p=%", SIPPARSE_URI_FULL },
    { "half escape at end", "sip:alice@atlanta.com;p=%4", SIPPARSE_URI_FULL },
    { "escape in host", "sip:alice@atl%41nta.com", SIPPARSE_URI_FULL },
    { "space in user", "sip:ali ce@atlanta.com", SIPPARSE_URI_FULL },
    { "space in host", "sip:alice@at lanta.com", SIPPARSE_URI_FULL },
    { "empty param", "sip:alice@atlanta.com;", SIPPARSE_URI_FULL },
    { "double semicolon", "sip:alice@atlanta.com;;lr", SIPPARSE_URI_FULL },
    { "empty transport", "sip:alice@atlanta.com;transport=", SIPPARSE_URI_FULL },
    { "empty headers", "sip:alice@atlanta.com?", SIPPARSE_URI_FULL },
    { "header without =", "sip:alice@atlanta.com?subject", SIPPARSE_URI_FULL },
    { "trailing &", "sip:alice@atlanta.com?a=b&", SIPPARSE_URI_FULL },
    { "label starts with -", "sip:alice@-atlanta.com", SIPPARSE_URI_FULL },
    { "label ends with -", "sip:alice@atlanta-.com", SIPPARSE_URI_FULL },
    /* hostname: domainlabels are alphanum and '-', the toplabel starts with ALPHA. */
    { "underscore in host", "sip:alice@ho_st.example.com", SIPPARSE_URI_FULL },
    { "neither IPv4 nor hostname", "sip:alice@1.2.3", SIPPARSE_URI_FULL },
    /* pvalue = 1*paramchar: "name=" needs a value, whatever the name. */
    { "empty maddr", "sip:alice@atlanta.com;maddr=", SIPPARSE_URI_FULL },
    { "empty user param", "sip:alice@atlanta.com;user=", SIPPARSE_URI_FULL },
    { "empty label", "sip:alice@atlanta..com", SIPPARSE_URI_FULL },
    { "angle brackets", "<sip:alice@atlanta.com>", SIPPARSE_URI_FULL },
    { "trailing >", "sip:alice@atlanta.com>", SIPPARSE_URI_FULL },
    { "scheme starts with digit", "1sip:abc", SIPPARSE_URI_FULL },
    { "no scheme", ":opaque", SIPPARSE_URI_FULL },
    { "no colon", "alice@atlanta.com", SIPPARSE_URI_FULL },
    { "empty opaque", "nobody:", SIPPARSE_URI_FULL },
    { "tel empty", "tel:", SIPPARSE_URI_FULL },
    /* RFC 3261 §19.1.1 table, RFC 4475 §3.1.2.11: no headers in a Request-URI. */
    { "Request-URI headers", "sip:user@example.com?Route=%3Csip:example.com%3E",
      SIPPARSE_URI_REQUEST },
    { "Request-URI with <>", "<sip:user@example.com>", SIPPARSE_URI_REQUEST },
    { "Request-URI with LWS", "sip:user@example.com; lr", SIPPARSE_URI_REQUEST },
    { "Request-URI star", "*", SIPPARSE_URI_REQUEST },
};

static sipparse_err parse_guarded(const char *in, size_t len, sipparse_uri_ctx ctx,
                                  sipparse_uri *u, sipparse_error *err, guard_buf *g)
{
    const char *p = guard_copy(g, in, len);
    memset(u, 0x5a, sizeof *u);
    memset(err, 0, sizeof *err);
    return sipparse_uri_parse(p, len, ctx, u, err);
}

/* Compares an optional part: NULL expects absence. */
START_TEST(test_uri_good)
{
    const uri_row *r = &good[_i];
    guard_buf g = { 0 };
    sipparse_uri u;
    sipparse_error err;
    size_t len = strlen(r->in);
    sipparse_err rc = parse_guarded(r->in, len, r->ctx, &u, &err, &g);
    ck_assert_msg(rc == SIPPARSE_OK, "%s: '%s': %s", r->name, r->in, err_str(&err));
    ck_assert_msg(sl_is(u.raw, r->in) && u.raw.ptr == g.data, "%s: raw '%.*s'", r->name,
                  SL(u.raw));
    ck_assert_msg(u.scheme_id == r->scheme_id, "%s: scheme id %d", r->name, (int)u.scheme_id);
    assert_part(r->name, "scheme", u.scheme, r->scheme);
    assert_part(r->name, "opaque", u.opaque, r->opaque);
    if (r->scheme_id == SIP || r->scheme_id == SIPS) {
        assert_part(r->name, "user", u.user, r->user);
        assert_part(r->name, "password", u.password, r->password);
        assert_part(r->name, "host", u.host, r->host);
        ck_assert_msg(u.host_type == r->host_type, "%s: host type %d", r->name, (int)u.host_type);
        assert_part(r->name, "port", u.port_str, r->port);
        int port = r->port ? atoi(r->port) : -1;
        ck_assert_msg(u.port == port, "%s: port %d, expected %d", r->name, u.port, port);
        assert_part(r->name, "params", u.params, r->params);
        assert_part(r->name, "headers", u.headers, r->headers);
        assert_part(r->name, "transport", u.transport, r->transport);
        assert_part(r->name, "user param", u.user_param, r->user_param);
        assert_part(r->name, "method", u.method, r->method);
        assert_part(r->name, "maddr", u.maddr, r->maddr);
        assert_part(r->name, "ttl", u.ttl, r->ttl);
        if (r->lr >= 0)
            ck_assert_msg(u.lr == r->lr, "%s: lr %d", r->name, u.lr);
    }
    guard_free(&g);
}
END_TEST

START_TEST(test_uri_bad)
{
    guard_buf g = { 0 };
    sipparse_uri u;
    sipparse_error err;
    size_t len = strlen(bad[_i].in);
    sipparse_err rc = parse_guarded(bad[_i].in, len, bad[_i].ctx, &u, &err, &g);
    ck_assert_msg(rc == SIPPARSE_E_URI || rc == SIPPARSE_E_RANGE, "%s: '%s' gives %s", bad[_i].name,
                  bad[_i].in, code_str(rc));
    ck_assert_msg(err.code == rc, "%s: err->code %s, returned %s", bad[_i].name,
                  code_str(err.code), code_str(rc));
    ck_assert_msg(err.at == NULL || (err.at >= g.data && err.at <= g.data + len),
                  "%s: err->at outside the input", bad[_i].name);
    sipparse_uri cleared;   /* uri.h: on failure *out is cleared, port -1 */
    memset(&cleared, 0, sizeof cleared);
    cleared.port = -1;
    ck_assert_msg(memcmp(&u, &cleared, sizeof u) == 0, "%s: not cleared", bad[_i].name);
    guard_free(&g);
}
END_TEST

/* The Request-URI context refuses what the full context takes: headers. */
START_TEST(test_uri_request_ctx)
{
    const char *in = "sip:alice@atlanta.com;transport=tcp?subject=x";
    guard_buf g = { 0 };
    sipparse_uri u;
    sipparse_error err;
    sipparse_err rc = parse_guarded(in, strlen(in), SIPPARSE_URI_FULL, &u, &err, &g);
    ck_assert_msg(rc == SIPPARSE_OK && sl_is(u.headers, "?subject=x"), "full: %s",
                  err_str(&err));
    guard_free(&g);
    rc = parse_guarded(in, strlen(in), SIPPARSE_URI_REQUEST, &u, &err, &g);
    ck_assert_msg(rc != SIPPARSE_OK, "Request-URI context took headers");
    guard_free(&g);
}
END_TEST

/* addr-spec without <>: ';', '?' and ',' end the URI (RFC 3261 §20.10): a parse of the
 * whole text either refuses the rest or stops before it, never takes it as the URI's. */
START_TEST(test_uri_addr_spec_ctx)
{
    static const struct {
        const char *in;
        size_t uri_len;
    } rows[] = {
        { "sip:alice@atlanta.com;tag=1234", 21 },
        { "sip:alice@atlanta.com;transport=tcp", 21 },
        { "sip:alice@atlanta.com?subject=x", 21 },
        { "sip:alice@atlanta.com:5060,sip:b@c", 26 },
    };
    for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
        guard_buf g = { 0 };
        sipparse_uri u;
        sipparse_error err;
        sipparse_err rc = parse_guarded(rows[i].in, strlen(rows[i].in), SIPPARSE_URI_ADDR_SPEC, &u,
                                        &err, &g);
        if (rc == SIPPARSE_OK) {
            ck_assert_msg(u.raw.len == rows[i].uri_len && u.params.ptr == NULL &&
                              u.headers.ptr == NULL,
                          "'%s': addr-spec took '%.*s' params '%.*s'", rows[i].in, SL(u.raw),
                          SL(u.params));
        }
        guard_free(&g);
        /* The full context takes the ';' part as URI params (no comma there though). */
        if (strchr(rows[i].in, ',') == NULL) {
            rc = parse_guarded(rows[i].in, strlen(rows[i].in), SIPPARSE_URI_FULL, &u, &err, &g);
            ck_assert_msg(rc == SIPPARSE_OK && u.raw.len == strlen(rows[i].in),
                          "'%s' full: %s", rows[i].in, err_str(&err));
            guard_free(&g);
        }
    }
}
END_TEST

/* ---- print round trip ------------------------------------------------------------------ */

/* Bytes of s with %XX decoded; returns the length. */
static size_t unescape(sipparse_slice s, char *out, size_t cap, int fold_case)
{
    size_t n = 0;
    for (size_t i = 0; i < s.len && n < cap; i++) {
        unsigned char c = (unsigned char)s.ptr[i];
        if (c == '%' && i + 2 < s.len && isxdigit((unsigned char)s.ptr[i + 1]) &&
            isxdigit((unsigned char)s.ptr[i + 2])) {
            char hex[3] = { s.ptr[i + 1], s.ptr[i + 2], 0 };
            c = (unsigned char)strtol(hex, NULL, 16);
            i += 2;
        }
        out[n++] = (char)(fold_case ? tolower(c) : c);
    }
    return n;
}

/* Same part after a round trip: equal once escapes are decoded (RFC 3261 §19.1.4 makes
 * "%61lice" and "alice" the same user), case folded where the part is case-insensitive. */
static int same_part(sipparse_slice a, sipparse_slice b, int fold_case)
{
    if ((a.ptr == NULL) != (b.ptr == NULL))
        return 0;
    if (a.ptr == NULL)
        return 1;
    char x[1024], y[1024];
    size_t nx = unescape(a, x, sizeof x, fold_case), ny = unescape(b, y, sizeof y, fold_case);
    return nx == ny && memcmp(x, y, nx) == 0;
}

START_TEST(test_uri_print_round_trip)
{
    const uri_row *r = &good[_i];
    guard_buf g = { 0 };
    sipparse_uri u, v;
    sipparse_error err;
    size_t len = strlen(r->in);
    ck_assert_msg(parse_guarded(r->in, len, r->ctx, &u, &err, &g) == SIPPARSE_OK, "%s: %s",
                  r->name, err_str(&err));
    /* Canaries after the room given: nothing may be written past cap. */
    char out[1100];
    memset(out, '#', sizeof out);
    int n = sipparse_uri_print(&u, SIPPARSE_PRINT_FULL, out, 1024);
    ck_assert_msg(n > 0 && n < 1024, "%s: print returned %d", r->name, n);
    ck_assert_msg(out[n] == '\0', "%s: printed text not NUL-terminated", r->name);
    for (size_t k = 1024; k < sizeof out; k++)
        ck_assert_msg(out[k] == '#', "%s: print wrote past cap", r->name);
    guard_buf g2 = { 0 };
    sipparse_err rc = parse_guarded(out, (size_t)n, r->ctx, &v, &err, &g2);
    ck_assert_msg(rc == SIPPARSE_OK, "%s: printed '%s' does not parse: %s", r->name, out,
                  err_str(&err));
    ck_assert_msg(v.scheme_id == u.scheme_id, "%s: '%s' scheme id", r->name, out);
    ck_assert_msg(same_part(u.scheme, v.scheme, 1), "%s: '%s' scheme", r->name, out);
    ck_assert_msg(same_part(u.opaque, v.opaque, 0), "%s: '%s' opaque", r->name, out);
    ck_assert_msg(same_part(u.user, v.user, 0), "%s: '%s' user", r->name, out);
    ck_assert_msg(same_part(u.password, v.password, 0), "%s: '%s' password", r->name, out);
    ck_assert_msg(same_part(u.host, v.host, 1), "%s: '%s' host", r->name, out);
    ck_assert_msg(u.host_type == v.host_type, "%s: '%s' host type", r->name, out);
    ck_assert_msg(u.port == v.port, "%s: '%s' port %d vs %d", r->name, out, u.port, v.port);
    ck_assert_msg(same_part(u.params, v.params, 1), "%s: '%s' params", r->name, out);
    ck_assert_msg(same_part(u.headers, v.headers, 0), "%s: '%s' headers", r->name, out);
    ck_assert_msg(u.lr == v.lr, "%s: '%s' lr", r->name, out);
    ck_assert_msg(same_part(u.transport, v.transport, 1), "%s: '%s' transport", r->name, out);
    ck_assert_msg(same_part(u.maddr, v.maddr, 1), "%s: '%s' maddr", r->name, out);
    /* Too little room: -1, and nothing past cap. */
    memset(out, '#', sizeof out);
    int m = sipparse_uri_print(&u, SIPPARSE_PRINT_FULL, out, (size_t)n - 1);
    ck_assert_msg(m == -1, "%s: cap %d gave %d", r->name, n - 1, m);
    for (size_t k = (size_t)n - 1; k < sizeof out; k++)
        ck_assert_msg(out[k] == '#', "%s: print with cap %d wrote at %zu", r->name, n - 1, k);
    guard_free(&g2);
    guard_free(&g);
}
END_TEST

static const struct {
    const char *in, *aor;
} aor_rows[] = {
    { "sip:alice:pw@atlanta.com:5060;transport=tcp?subject=x", "sip:alice@atlanta.com" },
    { "sip:atlanta.com:5060;lr", "sip:atlanta.com" },
    { "sips:bob@biloxi.com", "sips:bob@biloxi.com" },
    { "sip:ted@[::ffff:192.0.2.2]:19823", "sip:ted@[::ffff:192.0.2.2]" },
    { "sip:+1-212-555-1212:1234@gateway.com;user=phone", "sip:+1-212-555-1212@gateway.com" },
};

START_TEST(test_uri_print_aor)
{
    guard_buf g = { 0 };
    sipparse_uri u;
    sipparse_error err;
    const char *in = aor_rows[_i].in;
    ck_assert_msg(parse_guarded(in, strlen(in), SIPPARSE_URI_FULL, &u, &err, &g) == SIPPARSE_OK,
                  "'%s': %s", in, err_str(&err));
    char out[256];
    int n = sipparse_uri_print(&u, SIPPARSE_PRINT_AOR, out, sizeof out);
    ck_assert_msg(n == (int)strlen(aor_rows[_i].aor) && strcmp(out, aor_rows[_i].aor) == 0,
                  "'%s': AOR '%s' (%d), expected '%s'", in, n > 0 ? out : "", n, aor_rows[_i].aor);
    guard_free(&g);
}
END_TEST

Suite *uri_suite(void)
{
    Suite *s = suite_create("uri");
    TCase *tc = tcase_create("parse");
    tcase_add_loop_test(tc, test_uri_good, 0, (int)ARRAY_LEN(good));
    tcase_add_loop_test(tc, test_uri_bad, 0, (int)ARRAY_LEN(bad));
    tcase_add_test(tc, test_uri_request_ctx);
    tcase_add_test(tc, test_uri_addr_spec_ctx);
    suite_add_tcase(s, tc);
    tc = tcase_create("print");
    tcase_add_loop_test(tc, test_uri_print_round_trip, 0, (int)ARRAY_LEN(good));
    tcase_add_loop_test(tc, test_uri_print_aor, 0, (int)ARRAY_LEN(aor_rows));
    suite_add_tcase(s, tc);
    return s;
}
