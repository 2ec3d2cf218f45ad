/* tests/check_hdr.c: typed header values: Via (RFC 3261 §20.42), CSeq (§20.16),
 * Call-ID (§20.8), numbers (Max-Forwards, Expires, Content-Length), Content-Type
 * (§20.15), Date (§20.17), header text (§25.1) and the param walkers. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "suites.h"
#include "util.h"

#define CRLF "\r\n"

/* ---- Via ------------------------------------------------------------------------------- */

typedef struct via_exp {
    const char *transport, *host;
    sipparse_host_type host_type;
    int port;
    const char *branch, *received, *maddr, *ttl, *rport; /* NULL absent; "" bare */
} via_exp;

static const struct {
    const char *name, *value;
    int n;          /* values before END */
    int fail_at;    /* -1: none; k: value k fails; -2: some value fails */
    via_exp v[3];
} via_rows[] = {
    { "basic", "SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bK776asdhds", 1, -1,
      { { "UDP", "pc33.atlanta.com", SIPPARSE_HOST_DOMAIN, -1, "z9hG4bK776asdhds", NULL, NULL,
          NULL, NULL } } },
    /* RFC 3581 rport, bare and with a value. */
    { "received and bare rport",
      "SIP/2.0/UDP 192.0.2.1:5060;received=192.0.2.207;branch=z9hG4bK77asjd;rport", 1, -1,
      { { "UDP", "192.0.2.1", SIPPARSE_HOST_IPV4, 5060, "z9hG4bK77asjd", "192.0.2.207", NULL, NULL,
          "" } } },
    { "rport value", "SIP/2.0/UDP 192.0.2.1:5060;rport=5061;branch=z9hG4bK1", 1, -1,
      { { "UDP", "192.0.2.1", SIPPARSE_HOST_IPV4, 5060, "z9hG4bK1", NULL, NULL, NULL, "5061" } } },
    { "maddr and ttl", "SIP/2.0/UDP first.example.com:4000;ttl=16;maddr=224.2.0.1;branch=z9hG4bKa7c6a8dlze.1",
      1, -1,
      { { "UDP", "first.example.com", SIPPARSE_HOST_DOMAIN, 4000, "z9hG4bKa7c6a8dlze.1", NULL,
          "224.2.0.1", "16", NULL } } },
    /* RFC 5118 §4.4, §4.5, §4.7 */
    { "IPv6 and port", "SIP/2.0/UDP [2001:db8::9:1]:6050;branch=z9hG4bKas3-111", 1, -1,
      { { "UDP", "[2001:db8::9:1]", SIPPARSE_HOST_IPV6, 6050, "z9hG4bKas3-111", NULL, NULL, NULL,
          NULL } } },
    { "received IPv6 with brackets",
      "SIP/2.0/UDP [2001:db8::9:1];received=[2001:db8::9:255];branch=z9hG4bKas3-111", 1, -1,
      { { "UDP", "[2001:db8::9:1]", SIPPARSE_HOST_IPV6, -1, "z9hG4bKas3-111", "[2001:db8::9:255]",
          NULL, NULL, NULL } } },
    { "received IPv6 without brackets",
      "SIP/2.0/UDP [2001:db8::9:1];received=2001:db8::9:255;branch=z9hG4bKas3", 1, -1,
      { { "UDP", "[2001:db8::9:1]", SIPPARSE_HOST_IPV6, -1, "z9hG4bKas3", "2001:db8::9:255", NULL,
          NULL, NULL } } },
    { "IPv4 received on IPv6 sent-by",
      "SIP/2.0/TCP [2001:db8::9:255];branch=z9hG4bK451jj;received=192.0.2.200", 1, -1,
      { { "TCP", "[2001:db8::9:255]", SIPPARSE_HOST_IPV6, -1, "z9hG4bK451jj", "192.0.2.200", NULL,
          NULL, NULL } } },
    { "IPv4-mapped", "SIP/2.0/UDP [::ffff:192.0.2.10]:19823;branch=z9hG4bKbh19", 1, -1,
      { { "UDP", "[::ffff:192.0.2.10]", SIPPARSE_HOST_IPV6, 19823, "z9hG4bKbh19", NULL, NULL,
          NULL, NULL } } },
    { "comma list",
      "SIP/2.0/UDP a.example.com;branch=z9hG4bK1, SIP/2.0/TCP b.example.com:5061;branch=z9hG4bK2",
      2, -1,
      { { "UDP", "a.example.com", SIPPARSE_HOST_DOMAIN, -1, "z9hG4bK1", NULL, NULL, NULL, NULL },
        { "TCP", "b.example.com", SIPPARSE_HOST_DOMAIN, 5061, "z9hG4bK2", NULL, NULL, NULL,
          NULL } } },
    /* RFC 4475 §3.1.1.1: LWS everywhere LWS may be, folded. */
    { "wsinv v",
      "SIP  / 2.0  / TCP     spindle.example.com   ;" CRLF "  branch  =   z9hG4bK9ikj8  ," CRLF
      " SIP  /    2.0   / UDP  192.168.255.111   ; branch=" CRLF " z9hG4bK30239",
      2, -1,
      { { "TCP", "spindle.example.com", SIPPARSE_HOST_DOMAIN, -1, "z9hG4bK9ikj8", NULL, NULL, NULL,
          NULL },
        { "UDP", "192.168.255.111", SIPPARSE_HOST_IPV4, -1, "z9hG4bK30239", NULL, NULL, NULL,
          NULL } } },
    { "wsinv Via", "SIP  /   2.0" CRLF " /UDP" CRLF "    192.0.2.2;branch=390skdjuw", 1, -1,
      { { "UDP", "192.0.2.2", SIPPARSE_HOST_IPV4, -1, "390skdjuw", NULL, NULL, NULL, NULL } } },
    /* RFC 3665 folds received onto the next line. */
    { "folded received",
      "SIP/2.0/TLS client.biloxi.example.com:5061;branch=z9hG4bKnashds7" CRLF
      " ;received=192.0.2.201",
      1, -1,
      { { "TLS", "client.biloxi.example.com", SIPPARSE_HOST_DOMAIN, 5061, "z9hG4bKnashds7",
          "192.0.2.201", NULL, NULL, NULL } } },
    /* RFC 4475 §3.1.1.10 */
    { "unknown transport", "SIP/2.0/UNKNOWN t4.example.com;branch=z9hG4bKasd0f3en", 1, -1,
      { { "UNKNOWN", "t4.example.com", SIPPARSE_HOST_DOMAIN, -1, "z9hG4bKasd0f3en", NULL, NULL,
          NULL, NULL } } },
    { "SCTP", "SIP/2.0/SCTP t2.example.com;branch=z9hG4bKklasjdhf", 1, -1,
      { { "SCTP", "t2.example.com", SIPPARSE_HOST_DOMAIN, -1, "z9hG4bKklasjdhf", NULL, NULL, NULL,
          NULL } } },
    /* RFC 7118 */
    { "WSS", "SIP/2.0/WSS df7jal23ls0d.invalid;branch=z9hG4bK56sdasks", 1, -1,
      { { "WSS", "df7jal23ls0d.invalid", SIPPARSE_HOST_DOMAIN, -1, "z9hG4bK56sdasks", NULL, NULL,
          NULL, NULL } } },
    /* RFC 4475 §3.2.1: the bare magic cookie is valid syntax. */
    { "bare cookie branch", "SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK", 1, -1,
      { { "UDP", "192.0.2.1", SIPPARSE_HOST_IPV4, -1, "z9hG4bK", NULL, NULL, NULL, NULL } } },
    /* RFC 4475 §3.1.1.5: % is a token character. */
    { "percent in branch", "SIP/2.0/TCP host.example.com;branch=z9hG4bK209%fzsnel234", 1, -1,
      { { "TCP", "host.example.com", SIPPARSE_HOST_DOMAIN, -1, "z9hG4bK209%fzsnel234", NULL, NULL,
          NULL, NULL } } },
    { "extension params", "SIP/2.0/UDP h.example.com;branch=z9hG4bK1;x-foo=\"a;b, c\";hide", 1, -1,
      { { "UDP", "h.example.com", SIPPARSE_HOST_DOMAIN, -1, "z9hG4bK1", NULL, NULL, NULL,
          NULL } } },
    { "lower case", "sip/2.0/udp h.example.com;BRANCH=z9hG4bK1", 1, -1,
      { { "udp", "h.example.com", SIPPARSE_HOST_DOMAIN, -1, "z9hG4bK1", NULL, NULL, NULL,
          NULL } } },
    { "no params", "SIP/2.0/UDP h.example.com:5060", 1, -1,
      { { "UDP", "h.example.com", SIPPARSE_HOST_DOMAIN, 5060, NULL, NULL, NULL, NULL, NULL } } },

    /* RFC 4475 §3.1.2.1 */
    { "badinv01", "SIP/2.0/UDP 192.0.2.15;;,;,,", 0, 0, { { 0 } } },
    { "empty param", "SIP/2.0/UDP h.example.com;;branch=z9hG4bK1", 0, 0, { { 0 } } },
    { "trailing semicolon", "SIP/2.0/UDP h.example.com;branch=z9hG4bK1;", 0, 0, { { 0 } } },
    { "no sent-by", "SIP/2.0/UDP", 0, 0, { { 0 } } },
    { "params without host", "SIP/2.0/UDP ;branch=z9hG4bK1", 0, 0, { { 0 } } },
    { "space for slash", "SIP/2.0 UDP h.example.com", 0, 0, { { 0 } } },
    { "no LWS before host", "SIP/2.0/UDPh.example.com", 0, 0, { { 0 } } },
    { "empty port", "SIP/2.0/UDP h.example.com:;branch=z9hG4bK1", 0, 0, { { 0 } } },
    { "IPv6 unclosed", "SIP/2.0/UDP [2001:db8::1;branch=z9hG4bK1", 0, 0, { { 0 } } },
    /* sent-by = host [ COLON port ]; an IPv6 host is an IPv6reference, in brackets. */
    { "IPv6 without brackets", "SIP/2.0/UDP 2001:db8::1;branch=z9hG4bK1", 0, 0, { { 0 } } },
    { "empty branch", "SIP/2.0/UDP h.example.com;branch=", 0, 0, { { 0 } } },
    { "unterminated quoted param", "SIP/2.0/UDP h.example.com;x=\"abc", 0, 0, { { 0 } } },
    { "missing comma", "SIP/2.0/UDP a.example.com;branch=z9hG4bK1 SIP/2.0/UDP b.example.com", 0, 0,
      { { 0 } } },
    { "trailing comma", "SIP/2.0/UDP a.example.com;branch=z9hG4bK1,", 0, -2, { { 0 } } },
    { "empty element", "SIP/2.0/UDP a.example.com,,SIP/2.0/UDP b.example.com", 0, -2, { { 0 } } },
    { "second bad", "SIP/2.0/UDP a.example.com;branch=z9hG4bK1, SIP/2.0/UDP", 1, 1,
      { { "UDP", "a.example.com", SIPPARSE_HOST_DOMAIN, -1, "z9hG4bK1", NULL, NULL, NULL,
          NULL } } },
};

START_TEST(test_via)
{
    const char *name = via_rows[_i].name;
    size_t len = strlen(via_rows[_i].value);
    guard_buf g = { 0 };
    sipparse_slice value = { guard_copy(&g, via_rows[_i].value, len), len };
    size_t pos = 0;
    int k = 0, failed_at = -1;
    sipparse_err rc;
    for (;;) {
        sipparse_via v;
        sipparse_error err;
        memset(&v, 0x5a, sizeof v);
        memset(&err, 0, sizeof err);
        size_t before = pos;
        rc = sipparse_via_next(value, &pos, &v, &err);
        if (rc == SIPPARSE_END)
            break;
        if (rc != SIPPARSE_OK) {
            failed_at = k;
            ck_assert_msg(rc == SIPPARSE_E_HEADER_VALUE || rc == SIPPARSE_E_URI ||
                              rc == SIPPARSE_E_RANGE,
                          "%s: value %d: unexpected code %s", name, k, code_str(rc));
            ck_assert_msg(err.at == NULL || (err.at >= value.ptr && err.at <= value.ptr + len),
                          "%s: err->at outside the value", name);
            /* the same code when the caller wants no details (fuzz finding F9) */
            size_t again = before;
            ck_assert_msg(sipparse_via_next(value, &again, &v, NULL) == rc,
                          "%s: value %d: code differs without an error struct", name, k);
            break;
        }
        ck_assert_msg(pos > before && pos <= len, "%s: value %d: pos %zu -> %zu", name, k, before,
                      pos);
        ck_assert_msg(k < 8, "%s: too many values", name);
        if (k < via_rows[_i].n) {
            const via_exp *e = &via_rows[_i].v[k];
            char row[96];
            snprintf(row, sizeof row, "%s[%d]", name, k);
            ck_assert_msg(sl_is_ci(v.protocol, "SIP") && sl_is(v.version, "2.0"),
                          "%s: protocol '%.*s' version '%.*s'", row, SL(v.protocol),
                          SL(v.version));
            assert_part(row, "transport", v.transport, e->transport);
            assert_part(row, "host", v.host, e->host);
            ck_assert_msg(v.host_type == e->host_type, "%s: host type %d", row, (int)v.host_type);
            ck_assert_msg(v.port == e->port, "%s: port %d, expected %d", row, v.port, e->port);
            assert_part(row, "branch", v.branch, e->branch);
            assert_part(row, "received", v.received, e->received);
            assert_part(row, "maddr", v.maddr, e->maddr);
            assert_part(row, "ttl", v.ttl, e->ttl);
            assert_part(row, "rport", v.rport, e->rport);
            ck_assert_msg(sl_within(v.raw, value.ptr, len) && v.raw.ptr >= value.ptr + before,
                          "%s: raw outside its place", row);
            if (e->branch) {
                ck_assert_msg(v.params.ptr != NULL && v.params.ptr[0] == ';', "%s: params '%.*s'",
                              row, SL(v.params));
                sipparse_slice b;
                ck_assert_msg(sipparse_param_get(v.params, "branch", &b) == 1 && sl_is(b, e->branch),
                              "%s: branch from params '%.*s'", row, SL(b));
            } else {
                ck_assert_msg(v.params.ptr == NULL, "%s: params '%.*s'", row, SL(v.params));
            }
        }
        k++;
    }
    if (via_rows[_i].fail_at == -1) {
        ck_assert_msg(rc == SIPPARSE_END, "%s: value %d fails: %s", name, k, code_str(rc));
        ck_assert_msg(k == via_rows[_i].n, "%s: %d values, expected %d", name, k, via_rows[_i].n);
        ck_assert_msg(pos == len, "%s: ended at %zu of %zu", name, pos, len);
    } else if (via_rows[_i].fail_at == -2) {
        ck_assert_msg(failed_at >= 0, "%s: no error in %d values", name, k);
    } else {
        ck_assert_msg(failed_at == via_rows[_i].fail_at, "%s: failed at %d, expected %d", name,
                      failed_at, via_rows[_i].fail_at);
    }
    guard_free(&g);
}
END_TEST

/* Where a via-param fails and which rule is blamed: the rule of the longest reading. A
 * known name whose value the generic form reads further than its own form (ttl=1234 is a
 * token) blames the known rule at the name; a value its own form reads further
 * (received=2001:db8::1 before the x) leaves the rest to fail as the next via-parm. */
static const struct {
    const char *value, *rule;
    size_t at;
} via_error_rows[] = {
    { "SIP/2.0/UDP h;received=1.2.3.4x", "via-received", 14 },
    { "SIP/2.0/UDP h;received=2001:db8::1x", "via-parm", 34 },
    { "SIP/2.0/UDP h;ttl=1234", "via-ttl", 14 },
    { "SIP/2.0/UDP h;ttl=256", "via-ttl", 14 },
    { "SIP/2.0/UDP h;maddr=a_b", "via-maddr", 14 },
    { "SIP/2.0/UDP h;branch=\"x\"", "via-branch", 14 },
    { "SIP/2.0/UDP h;rport=12a", "response-port", 14 },
    { "SIP/2.0/UDP h;rport=70000", "response-port", 14 },
    /* rport's value is optional: with none that finishes, ";rport" is a bare rport and
     * the '=' is left over */
    { "SIP/2.0/UDP h;rport=[m", "via-parm", 19 },
    { "SIP/2.0/UDP h;rport=\"x", "via-parm", 19 },
    { "SIP/2.0/UDP h;x=\"abc", "via-parm", 15 },
};

START_TEST(test_via_error)
{
    const char *text = via_error_rows[_i].value;
    guard_buf g = { 0 };
    size_t len = strlen(text), pos = 0;
    sipparse_slice value = { guard_copy(&g, text, len), len };
    sipparse_via v;
    sipparse_error err;
    sipparse_err rc = sipparse_via_next(value, &pos, &v, &err);
    ck_assert_msg(rc == SIPPARSE_E_HEADER_VALUE || rc == SIPPARSE_E_RANGE, "%s: %s", text,
                  code_str(rc));
    ck_assert_msg(err.rule && strcmp(err.rule, via_error_rows[_i].rule) == 0,
                  "%s: rule %s, expected %s", text, err.rule ? err.rule : "NULL",
                  via_error_rows[_i].rule);
    ck_assert_msg(err.at == value.ptr + via_error_rows[_i].at, "%s: at %td, expected %zu", text,
                  err.at - value.ptr, via_error_rows[_i].at);
    guard_free(&g);
}
END_TEST

/* ---- CSeq -------------------------------------------------------------------------------- */

static const struct {
    const char *value;
    sipparse_err rc;
    uint32_t seq;
    const char *method;
    sipparse_method id;
} cseq_rows[] = {
    { "4711 INVITE", SIPPARSE_OK, 4711, "INVITE", SIPPARSE_METHOD_INVITE },
    { "0009" CRLF "  INVITE", SIPPARSE_OK, 9, "INVITE", SIPPARSE_METHOD_INVITE },
    { "0 ACK", SIPPARSE_OK, 0, "ACK", SIPPARSE_METHOD_ACK },
    { "1  \t REGISTER", SIPPARSE_OK, 1, "REGISTER", SIPPARSE_METHOD_REGISTER },
    { "4294967295 BYE", SIPPARSE_OK, 4294967295u, "BYE", SIPPARSE_METHOD_BYE },
    { "1 invite", SIPPARSE_OK, 1, "invite", SIPPARSE_METHOD_OTHER },
    { "139122385 !interesting-Method0123456789_*+`.%indeed'~", SIPPARSE_OK, 139122385,
      "!interesting-Method0123456789_*+`.%indeed'~", SIPPARSE_METHOD_OTHER },
    { "29344 RE%47IST%45R", SIPPARSE_OK, 29344, "RE%47IST%45R", SIPPARSE_METHOD_OTHER },
    { "2 PRACK", SIPPARSE_OK, 2, "PRACK", SIPPARSE_METHOD_PRACK },
    /* RFC 3261 §8.1.1.5: "MUST be expressible as a 32-bit unsigned integer". */
    { "4294967296 INVITE", SIPPARSE_E_RANGE, 0, NULL, 0 },
    /* RFC 4475 §3.1.2.4 and §3.1.2.5 */
    { "36893488147419103232 REGISTER", SIPPARSE_E_RANGE, 0, NULL, 0 },
    { "9292394834772304023312 OPTIONS", SIPPARSE_E_RANGE, 0, NULL, 0 },
    { "INVITE", SIPPARSE_E_HEADER_VALUE, 0, NULL, 0 },
    { "1", SIPPARSE_E_HEADER_VALUE, 0, NULL, 0 },
    { "-1 INVITE", SIPPARSE_E_HEADER_VALUE, 0, NULL, 0 },
    { "1 INVITE extra", SIPPARSE_E_HEADER_VALUE, 0, NULL, 0 },
    { "1INVITE", SIPPARSE_E_HEADER_VALUE, 0, NULL, 0 },
    { "", SIPPARSE_E_HEADER_VALUE, 0, NULL, 0 },
    { "1 INV@TE", SIPPARSE_E_HEADER_VALUE, 0, NULL, 0 },
    { "abc INVITE", SIPPARSE_E_HEADER_VALUE, 0, NULL, 0 },
    { "1.5 INVITE", SIPPARSE_E_HEADER_VALUE, 0, NULL, 0 },
};

START_TEST(test_cseq)
{
    const char *value = cseq_rows[_i].value;
    guard_buf g = { 0 };
    sipparse_slice s = { guard_str(&g, value), strlen(value) };
    sipparse_cseq c;
    sipparse_error err;
    memset(&c, 0x5a, sizeof c);
    memset(&err, 0, sizeof err);
    sipparse_err rc = sipparse_cseq_parse(s, &c, &err);
    ck_assert_msg(rc == cseq_rows[_i].rc, "'%s': %s, expected %s", value, code_str(rc),
                  code_str(cseq_rows[_i].rc));
    if (rc == SIPPARSE_OK) {
        ck_assert_msg(c.seq == cseq_rows[_i].seq, "'%s': seq %u", value, (unsigned)c.seq);
        ck_assert_msg(sl_is(c.method, cseq_rows[_i].method), "'%s': method '%.*s'", value,
                      SL(c.method));
        ck_assert_msg(c.method_id == cseq_rows[_i].id, "'%s': method id %d", value,
                      (int)c.method_id);
    } else {
        ck_assert_msg(err.code == rc, "'%s': err->code %s", value, code_str(err.code));
    }
    guard_free(&g);
}
END_TEST

/* ---- numbers ------------------------------------------------------------------------------ */

static const struct {
    const char *value;
    uint32_t max;
    sipparse_err rc;
    uint32_t out;
} uint_rows[] = {
    { "0", 255, SIPPARSE_OK, 0 },
    { "70", 255, SIPPARSE_OK, 70 },
    { "255", 255, SIPPARSE_OK, 255 },
    { "0068", 255, SIPPARSE_OK, 68 },
    { "256", 255, SIPPARSE_E_RANGE, 0 },
    { "300", 255, SIPPARSE_E_RANGE, 0 },
    { "99999999999999999999", 255, SIPPARSE_E_RANGE, 0 },
    { "4294967295", 4294967295u, SIPPARSE_OK, 4294967295u },
    { "4294967296", 4294967295u, SIPPARSE_E_RANGE, 0 },
    { "10000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
      "000000000",
      4294967295u, SIPPARSE_E_RANGE, 0 },
    { "abc", 255, SIPPARSE_E_HEADER_VALUE, 0 },
    { "", 255, SIPPARSE_E_HEADER_VALUE, 0 },
    { "-1", 255, SIPPARSE_E_HEADER_VALUE, 0 },
    { "1.5", 255, SIPPARSE_E_HEADER_VALUE, 0 },
    { "7 0", 255, SIPPARSE_E_HEADER_VALUE, 0 },
    { "+7", 255, SIPPARSE_E_HEADER_VALUE, 0 },
};

START_TEST(test_uint)
{
    const char *value = uint_rows[_i].value;
    guard_buf g = { 0 };
    sipparse_slice s = { guard_str(&g, value), strlen(value) };
    uint32_t out = 12345;
    sipparse_error err;
    memset(&err, 0, sizeof err);
    sipparse_err rc = sipparse_uint_parse(s, uint_rows[_i].max, &out, &err);
    ck_assert_msg(rc == uint_rows[_i].rc, "'%s' max %u: %s, expected %s", value,
                  (unsigned)uint_rows[_i].max, code_str(rc), code_str(uint_rows[_i].rc));
    if (rc == SIPPARSE_OK)
        ck_assert_msg(out == uint_rows[_i].out, "'%s': %u", value, (unsigned)out);
    guard_free(&g);
}
END_TEST

/* ---- Content-Type ----------------------------------------------------------------------- */

static const struct {
    const char *value;
    int ok;
    const char *type, *subtype, *params;
} ctype_rows[] = {
    { "application/sdp", 1, "application", "sdp", NULL },
    { "multipart/signed; protocol=\"application/pkcs7-signature\"; micalg=sha1; boundary=boundary42",
      1, "multipart", "signed",
      "; protocol=\"application/pkcs7-signature\"; micalg=sha1; boundary=boundary42" },
    { "text/html; charset=ISO-8859-4", 1, "text", "html", "; charset=ISO-8859-4" },
    { "APPLICATION/SDP", 1, "APPLICATION", "SDP", NULL },
    { "application/unknownformat", 1, "application", "unknownformat", NULL },
    { "message/sipfrag;version=2.0", 1, "message", "sipfrag", ";version=2.0" },
    { "application/vnd.3gpp.ims+xml", 1, "application", "vnd.3gpp.ims+xml", NULL },
    /* SLASH = SWS "/" SWS */
    { "application / sdp", 1, "application", "sdp", NULL },
    { "application", 0, NULL, NULL, NULL },
    { "application/", 0, NULL, NULL, NULL },
    { "/sdp", 0, NULL, NULL, NULL },
    { "application/sdp;", 0, NULL, NULL, NULL },
    { "application/sdp; charset", 0, NULL, NULL, NULL },
    { "appli cation/sdp", 0, NULL, NULL, NULL },
    { "application/sdp/x", 0, NULL, NULL, NULL },
    { "application/sdp; p=\"open", 0, NULL, NULL, NULL },
    { "", 0, NULL, NULL, NULL },
};

START_TEST(test_ctype)
{
    const char *value = ctype_rows[_i].value;
    guard_buf g = { 0 };
    sipparse_slice s = { guard_str(&g, value), strlen(value) };
    sipparse_ctype ct;
    sipparse_error err;
    memset(&ct, 0x5a, sizeof ct);
    memset(&err, 0, sizeof err);
    sipparse_err rc = sipparse_ctype_parse(s, &ct, &err);
    if (!ctype_rows[_i].ok) {
        ck_assert_msg(rc == SIPPARSE_E_HEADER_VALUE, "'%s': %s", value, code_str(rc));
    } else {
        ck_assert_msg(rc == SIPPARSE_OK, "'%s': %s", value, err_str(&err));
        assert_part(value, "type", ct.type, ctype_rows[_i].type);
        assert_part(value, "subtype", ct.subtype, ctype_rows[_i].subtype);
        assert_part(value, "params", ct.params, ctype_rows[_i].params);
    }
    guard_free(&g);
}
END_TEST

/* ---- Call-ID and Date: valid or E_HEADER_VALUE ------------------------------------------ */

enum { V_CALLID, V_DATE };

static const struct {
    int kind;
    const char *value;
    int ok;
} word_rows[] = {
    /* RFC 3261 §20.8: callid = word [ "@" word ] */
    { V_CALLID, "a84b4c76e66710@pc33.atlanta.com", 1 },
    { V_CALLID, "f81d4fae-7dec-11d0-a765-00a0c91e6bf6@foo.bar.com", 1 },
    { V_CALLID, "abc", 1 },
    { V_CALLID, "SSG9559905523997077@hlau_4100", 1 },
    /* RFC 4475 §3.1.1.2: every word character. */
    { V_CALLID, "intmeth.word%ZK-!.*_+'@word`~)(><:\\/\"][?}{", 1 },
    { V_CALLID, "", 0 },
    { V_CALLID, "a b", 0 },
    { V_CALLID, "a@b@c", 0 },
    { V_CALLID, "@b", 0 },
    { V_CALLID, "a@", 0 },
    { V_CALLID, "a;b", 0 },
    { V_CALLID, "a,b", 0 },
    { V_CALLID, "a\tb", 0 },
    { V_CALLID, "a=b", 0 },
    /* RFC 3261 §20.17: rfc1123-date, GMT only. */
    { V_DATE, "Sat, 13 Nov 2010 23:29:00 GMT", 1 },
    { V_DATE, "Thu, 21 Feb 2002 13:02:03 GMT", 1 },
    { V_DATE, "Mon, 01 Jan 1900 00:00:00 GMT", 1 },
    { V_DATE, "Wed, 31 Dec 2025 23:59:59 GMT", 1 },
    /* RFC 4475 §3.1.2.12 */
    { V_DATE, "Fri, 01 Jan 2010 16:00:00 EST", 0 },
    { V_DATE, "Sat, 13 Nov 2010 23:29:00", 0 },
    { V_DATE, "13 Nov 2010 23:29:00 GMT", 0 },
    { V_DATE, "Sat, 1 Nov 2010 23:29:00 GMT", 0 },
    { V_DATE, "Sat, 13 Foo 2010 23:29:00 GMT", 0 },
    { V_DATE, "Xyz, 13 Nov 2010 23:29:00 GMT", 0 },
    { V_DATE, "Sat, 13 Nov 10 23:29:00 GMT", 0 },
    { V_DATE, "Sat, 13 Nov 2010 23:29 GMT", 0 },
    { V_DATE, "Sat,13 Nov 2010 23:29:00 GMT", 0 },
    { V_DATE, "Sat, 13 Nov 2010 23:29:00 GMT+1", 0 },
    { V_DATE, "", 0 },
};

START_TEST(test_callid_date)
{
    const char *value = word_rows[_i].value;
    const char *what = word_rows[_i].kind == V_CALLID ? "Call-ID" : "Date";
    guard_buf g = { 0 };
    sipparse_slice s = { guard_str(&g, value), strlen(value) };
    sipparse_error err;
    memset(&err, 0, sizeof err);
    sipparse_err rc = word_rows[_i].kind == V_CALLID ? sipparse_callid_parse(s, &err)
                                                     : sipparse_date_parse(s, &err);
    sipparse_err want = word_rows[_i].ok ? SIPPARSE_OK : SIPPARSE_E_HEADER_VALUE;
    ck_assert_msg(rc == want, "%s '%s': %s, expected %s", what, value, code_str(rc),
                  code_str(want));
    guard_free(&g);
}
END_TEST

/* ---- header text ------------------------------------------------------------------------- */

static const struct {
    const char *name, *value;
    size_t len; /* 0: strlen */
    int ok;
} text_rows[] = {
    { "folded", "newfangled value" CRLF " continued newfangled value", 0, 1 },
    { "empty", "", 0, 1 },
    { "UTF-8", "\xef\xbb\xbf\xe5\xa4\xa7\xe5\x81\x9c\xe9\x9b\xbb", 0, 1 },
    { "separators", ";;,,;;,;", 0, 1 },
    { "control char", "a\x01" "b", 0, 0 },
    { "NUL", "a\0b", 3, 0 },
    { "invalid UTF-8", "a\xff" "b", 0, 0 },
    { "truncated UTF-8", "a\xe5\xa4", 0, 0 },
    { "CRLF not a fold", "a" CRLF "b", 0, 0 },
    { "bare CR", "a\rb", 0, 0 },
};

START_TEST(test_text)
{
    size_t len = text_rows[_i].len ? text_rows[_i].len : strlen(text_rows[_i].value);
    guard_buf g = { 0 };
    sipparse_slice s = { guard_copy(&g, text_rows[_i].value, len), len };
    sipparse_error err;
    memset(&err, 0, sizeof err);
    sipparse_err rc = sipparse_text_parse(s, &err);
    if (text_rows[_i].ok)
        ck_assert_msg(rc == SIPPARSE_OK, "%s: %s", text_rows[_i].name, code_str(rc));
    else
        ck_assert_msg(rc != SIPPARSE_OK, "%s: accepted", text_rows[_i].name);
    guard_free(&g);
}
END_TEST

/* ---- UUIDs (RFC 4122 §3; +sip.instance, RFC 5626 §4.1) ------------------------------------ */

enum { U_BARE, U_URN, U_INSTANCE };

static const struct {
    const char *name;
    int kind;
    const char *value;
    const char *uuid;   /* the UUID found; NULL: E_HEADER_VALUE */
    const char *rule;   /* err->rule on failure */
} uuid_rows[] = {
    { "RFC 4122 example", U_BARE, "f81d4fae-7dec-11d0-a765-00a0c91e6bf6",
      "f81d4fae-7dec-11d0-a765-00a0c91e6bf6", NULL },
    { "upper-case hex", U_BARE, "F81D4FAE-7DEC-11D0-A765-00A0C91E6BF6",
      "F81D4FAE-7DEC-11D0-A765-00A0C91E6BF6", NULL },
    { "nil UUID", U_BARE, "00000000-0000-0000-0000-000000000000",
      "00000000-0000-0000-0000-000000000000", NULL },
    { "no dashes", U_BARE, "f81d4fae7dec11d0a76500a0c91e6bf6", NULL, "UUID" },
    { "node one digit short", U_BARE, "f81d4fae-7dec-11d0-a765-00a0c91e6bf", NULL, "UUID" },
    { "node one digit long", U_BARE, "f81d4fae-7dec-11d0-a765-00a0c91e6bf60", NULL, "UUID" },
    { "not hex", U_BARE, "g81d4fae-7dec-11d0-a765-00a0c91e6bf6", NULL, "UUID" },
    { "braces", U_BARE, "{f81d4fae-7dec-11d0-a765-00a0c91e6bf6}", NULL, "UUID" },
    { "trailing space", U_BARE, "f81d4fae-7dec-11d0-a765-00a0c91e6bf6 ", NULL, "UUID" },
    { "empty", U_BARE, "", NULL, "UUID" },
    { "URN", U_URN, "urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6",
      "f81d4fae-7dec-11d0-a765-00a0c91e6bf6", NULL },
    /* RFC 8141 §3: the scheme and the NID compare without case. */
    { "URN upper case", U_URN, "URN:UUID:00000000-0000-1000-8000-000A95A0E128",
      "00000000-0000-1000-8000-000A95A0E128", NULL },
    /* JsSIP's instance_id form: not a URI of any RFC. */
    { "JsSIP uuid: prefix", U_URN, "uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6", NULL, "UUID-URN" },
    { "URN without UUID", U_URN, "urn:uuid:", NULL, "UUID-URN" },
    { "bare UUID is no URN", U_URN, "f81d4fae-7dec-11d0-a765-00a0c91e6bf6", NULL, "UUID-URN" },
    /* RFC 5626 §4.1's example Contact param value. */
    { "+sip.instance", U_INSTANCE, "\"<urn:uuid:00000000-0000-1000-8000-000A95A0E128>\"",
      "00000000-0000-1000-8000-000A95A0E128", NULL },
    { "+sip.instance without <>", U_INSTANCE, "\"urn:uuid:00000000-0000-1000-8000-000A95A0E128\"",
      NULL, "+sip.instance" },
    { "+sip.instance unquoted", U_INSTANCE, "<urn:uuid:00000000-0000-1000-8000-000A95A0E128>",
      NULL, "+sip.instance" },
    { "+sip.instance another URN", U_INSTANCE, "\"<urn:ietf:rfc:5626>\"", NULL, "UUID-URN" },
    { "+sip.instance too short", U_INSTANCE, "\"<\"", NULL, "+sip.instance" },
};

START_TEST(test_uuid)
{
    const char *name = uuid_rows[_i].name, *value = uuid_rows[_i].value;
    guard_buf g = { 0 };
    sipparse_slice s = { guard_str(&g, value), strlen(value) };
    sipparse_slice u = { NULL, 0 };
    sipparse_error err;
    memset(&err, 0, sizeof err);
    sipparse_err rc;
    switch (uuid_rows[_i].kind) {
    case U_BARE:
        rc = sipparse_uuid_parse(s, &err);
        if (rc == SIPPARSE_OK)
            u = s;
        break;
    case U_URN:
        rc = sipparse_uuid_urn_parse(s, &u, &err);
        break;
    default:
        rc = sipparse_instance_uuid(s, &u, &err);
        break;
    }
    if (uuid_rows[_i].uuid) {
        ck_assert_msg(rc == SIPPARSE_OK, "%s: %s", name, code_str(rc));
        ck_assert_msg(sl_within(u, s.ptr, s.len), "%s: UUID outside the value", name);
        assert_part(name, "uuid", u, uuid_rows[_i].uuid);
    } else {
        ck_assert_msg(rc == SIPPARSE_E_HEADER_VALUE, "%s: %s, expected E_HEADER_VALUE", name,
                      code_str(rc));
        ck_assert_msg(err.rule && !strcmp(err.rule, uuid_rows[_i].rule), "%s: rule %s, expected %s",
                      name, err.rule ? err.rule : "(none)", uuid_rows[_i].rule);
    }
    /* Absent input is an error, never a crash. */
    ck_assert(sipparse_uuid_parse((sipparse_slice){ NULL, 0 }, NULL) == SIPPARSE_E_HEADER_VALUE);
    guard_free(&g);
}
END_TEST

/* ---- params ------------------------------------------------------------------------------- */

static const struct {
    const char *name, *in;
    int n;
    const char *pairs[8]; /* name, value (NULL: no '='), ... */
} param_rows[] = {
    { "uri params", ";transport=tcp;lr;maddr=1.2.3.4", 3,
      { "transport", "tcp", "lr", NULL, "maddr", "1.2.3.4" } },
    { "LWS around", "; a = b ;c", 2, { "a", "b", "c", NULL } },
    { "quoted ; inside", ";p=\"x;y\";q", 2, { "p", "\"x;y\"", "q", NULL } },
    { "folded", ";" CRLF "  tag = 98asjd8", 1, { "tag", "98asjd8" } },
    { "empty", "", 0, { NULL } },
    { "ampersand", "&a=b&c=d", 2, { "a", "b", "c", "d" } },
    { "URI headers after ?", "?subject=project%20x&priority=urgent", 2,
      { "subject", "project%20x", "priority", "urgent" } },
    { "escapes kept", ";n%61me=v%61lue%25%34%31", 1, { "n%61me", "v%61lue%25%34%31" } },
    { "quoted angle brackets", ";+sip.instance=\"<urn:uuid:1>\";reg-id=1", 2,
      { "+sip.instance", "\"<urn:uuid:1>\"", "reg-id", "1" } },
    { "escaped quote", ";p=\"a\\\";b\";c=d", 2, { "p", "\"a\\\";b\"", "c", "d" } },
    { "empty value", ";tag=", 1, { "tag", "" } },
};

START_TEST(test_param_next)
{
    const char *name = param_rows[_i].name;
    guard_buf g = { 0 };
    sipparse_slice rest = { guard_str(&g, param_rows[_i].in), strlen(param_rows[_i].in) };
    int k = 0;
    sipparse_param p;
    while (sipparse_param_next(&rest, &p)) {
        ck_assert_msg(k < param_rows[_i].n, "%s: more than %d params", name, param_rows[_i].n);
        const char *wn = param_rows[_i].pairs[2 * k], *wv = param_rows[_i].pairs[2 * k + 1];
        ck_assert_msg(sl_is(p.name, wn), "%s: param %d name '%.*s', expected '%s'", name, k,
                      SL(p.name), wn);
        if (wv == NULL)
            ck_assert_msg(p.value.ptr == NULL, "%s: param %d value '%.*s', expected none", name, k,
                          SL(p.value));
        else
            ck_assert_msg(sl_is(p.value, wv), "%s: param %d value '%.*s', expected '%s'", name, k,
                          SL(p.value), wv);
        k++;
    }
    ck_assert_msg(k == param_rows[_i].n, "%s: %d params, expected %d", name, k, param_rows[_i].n);
    guard_free(&g);
}
END_TEST

static const struct {
    const char *params, *name;
    int found;
    const char *value; /* NULL: valueless */
} get_rows[] = {
    { ";transport=tcp;LR;maddr=1.2.3.4", "lr", 1, NULL },
    { ";transport=tcp;LR;maddr=1.2.3.4", "TRANSPORT", 1, "tcp" },
    { ";transport=tcp;LR;maddr=1.2.3.4", "maddr", 1, "1.2.3.4" },
    { ";transport=tcp;LR;maddr=1.2.3.4", "ttl", 0, NULL },
    { ";transport=tcp;LR;maddr=1.2.3.4", "tran", 0, NULL },
    { ";transport=tcp;LR;maddr=1.2.3.4", "transports", 0, NULL },
    { ";p=\"lr;x\"", "x", 0, NULL },
    { ";p=\"lr;x\"", "p", 1, "\"lr;x\"" },
    { ";a=1;a=2", "a", 1, "1" },
    { " ; tag = abc ", "tag", 1, "abc" },
    { "", "tag", 0, NULL },
    /* a <URI> value may hold ';', ',' and '=' (RFC 8224 info=; fuzz finding F10) */
    { ";info=<https://a.example/x;y=1;;z>;alg=ES256", "alg", 1, "ES256" },
    { ";info=<https://a.example/x,y>;alg=ES256", "alg", 1, "ES256" },
    { ";info=<https://a.example/x;y=1>;alg=ES256", "y", 0, NULL },
    { ";info=<https://a.example/x;alg=1", "alg", 0, NULL },   /* no '>': the value runs on */
};

START_TEST(test_param_get)
{
    guard_buf g = { 0 };
    sipparse_slice params = { guard_str(&g, get_rows[_i].params), strlen(get_rows[_i].params) };
    sipparse_slice v = { (const char *)&g, 99 };
    int found = sipparse_param_get(params, get_rows[_i].name, &v);
    ck_assert_msg(found == get_rows[_i].found, "'%s' in '%s': found %d", get_rows[_i].name,
                  get_rows[_i].params, found);
    if (found) {
        if (get_rows[_i].value == NULL)
            ck_assert_msg(v.ptr == NULL, "'%s' in '%s': value '%.*s'", get_rows[_i].name,
                          get_rows[_i].params, SL(v));
        else
            ck_assert_msg(sl_is(v, get_rows[_i].value), "'%s' in '%s': value '%.*s'",
                          get_rows[_i].name, get_rows[_i].params, SL(v));
    }
    guard_free(&g);
}
END_TEST

/* sipparse_list_next: comma lists of any header (RFC 3261 §7.3.1). */
static const struct list_row {
    const char *name, *value;
    int n;
    const char *items[4];
} list_rows[] = {
    { "one", "INVITE", 1, { "INVITE" } },
    { "three with LWS", "INVITE ,ACK,\r\n BYE", 3, { "INVITE", "ACK", "BYE" } },
    { "comma in quotes", "\"a, b\" <sip:x@y>, <sip:z@w>", 2, { "\"a, b\" <sip:x@y>", "<sip:z@w>" } },
    { "comma in angle brackets", "<sip:a@b;x=1,2>;q=1, <sip:c@d>", 2, { "<sip:a@b;x=1,2>;q=1", "<sip:c@d>" } },
    { "comma in a comment", "Server/1.0 (x, y), z", 2, { "Server/1.0 (x, y)", "z" } },
    { "escaped quote", "\"a\\\", b\", c", 2, { "\"a\\\", b\"", "c" } },
    { "empty element kept", "a,,b", 3, { "a", "", "b" } },
    { "trailing comma", "a, ", 1, { "a" } },
    { "empty value", "", 0, { NULL } },
    { "unterminated quote", "a, \"b, c", 2, { "a", "\"b, c" } },
    { "unterminated quote, escape last", "\"b\\", 1, { "\"b\\" } },
};

START_TEST(test_list_next)
{
    const struct list_row *r = &list_rows[_i];
    guard_buf g = { 0 };
    const char *p = guard_str(&g, r->value);
    sipparse_slice v = { p, strlen(r->value) }, item;
    size_t pos = 0;
    int n = 0;
    while (sipparse_list_next(v, &pos, &item)) {
        ck_assert_msg(n < r->n, "%s: more than %d items", r->name, r->n);
        ck_assert_msg(sl_is(item, r->items[n]), "%s: item %d '%.*s', expected '%s'", r->name, n,
                      (int)item.len, item.ptr, r->items[n]);
        ck_assert_msg(pos <= v.len, "%s: pos %zu past the value", r->name, pos);
        n++;
    }
    ck_assert_msg(n == r->n, "%s: %d items, expected %d", r->name, n, r->n);
    guard_free(&g);
}
END_TEST

Suite *hdr_suite(void)
{
    Suite *s = suite_create("hdr");
    TCase *tc = tcase_create("via");
    tcase_add_loop_test(tc, test_via, 0, (int)ARRAY_LEN(via_rows));
    tcase_add_loop_test(tc, test_via_error, 0, (int)ARRAY_LEN(via_error_rows));
    suite_add_tcase(s, tc);
    tc = tcase_create("scalars");
    tcase_add_loop_test(tc, test_cseq, 0, (int)ARRAY_LEN(cseq_rows));
    tcase_add_loop_test(tc, test_callid_date, 0, (int)ARRAY_LEN(word_rows));
    tcase_add_loop_test(tc, test_uint, 0, (int)ARRAY_LEN(uint_rows));
    tcase_add_loop_test(tc, test_ctype, 0, (int)ARRAY_LEN(ctype_rows));
    tcase_add_loop_test(tc, test_text, 0, (int)ARRAY_LEN(text_rows));
    tcase_add_loop_test(tc, test_uuid, 0, (int)ARRAY_LEN(uuid_rows));
    suite_add_tcase(s, tc);
    tc = tcase_create("params");
    tcase_add_loop_test(tc, test_param_next, 0, (int)ARRAY_LEN(param_rows));
    tcase_add_loop_test(tc, test_param_get, 0, (int)ARRAY_LEN(get_rows));
    tcase_add_loop_test(tc, test_list_next, 0, (int)ARRAY_LEN(list_rows));
    suite_add_tcase(s, tc);
    return s;
}
