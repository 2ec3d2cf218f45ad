/* tests/check_auth.c: WWW-Authenticate / Proxy-Authenticate challenges, Authorization /
 * Proxy-Authorization credentials and Authentication-Info (RFC 3261 §20.6, §20.7, §20.27,
 * §20.28, §20.44, §25.1; RFC 2617 §3.5; RFC 7616 §3.9), their walkers, sipparse_msg_check
 * on them, every prefix against a guard page, and linear time over long values. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "suites.h"
#include "util.h"

#define CRLF "\r\n"
#define DIG 1   /* SIPPARSE_AUTH_DIGEST, short for the tables */

/* ---- challenges ------------------------------------------------------------------------ */

typedef struct ch_row {
    const char *name, *value;
    const char *scheme;
    int scheme_id;
    const char *realm, *domain, *nonce, *opaque;
    int stale;                         /* sipparse_auth_flag */
    const char *algorithm;
    int alg;                           /* sipparse_auth_algorithm */
    const char *qop;
    unsigned qop_mask;
    int userhash;
    const char *charset;
    const char *lax, *lax_rule;        /* first lax directive, NULL when none */
} ch_row;

enum { F_NO = SIPPARSE_AUTH_FLAG_ABSENT, F_FALSE = SIPPARSE_AUTH_FLAG_FALSE,
       F_TRUE = SIPPARSE_AUTH_FLAG_TRUE };
enum { A_NONE = SIPPARSE_AUTH_ALG_NONE, A_MD5 = SIPPARSE_AUTH_ALG_MD5,
       A_MD5S = SIPPARSE_AUTH_ALG_MD5_SESS, A_256 = SIPPARSE_AUTH_ALG_SHA_256,
       A_256S = SIPPARSE_AUTH_ALG_SHA_256_SESS, A_512 = SIPPARSE_AUTH_ALG_SHA_512_256,
       A_512S = SIPPARSE_AUTH_ALG_SHA_512_256_SESS, A_OTHER = SIPPARSE_AUTH_ALG_OTHER };
enum { Q_A = SIPPARSE_QOP_AUTH, Q_I = SIPPARSE_QOP_AUTH_INT, Q_O = SIPPARSE_QOP_OTHER };

static const ch_row ch_rows[] = {
    /* RFC 3261 §20.44 */
    { "3261 20.44",
      "Digest realm=\"atlanta.com\", domain=\"sip:boxesbybob.com\", qop=\"auth\", "
      "nonce=\"f84f1cec41e6cbe5aea9c8e88d359\", opaque=\"\", stale=FALSE, algorithm=MD5",
      "Digest", DIG, "atlanta.com", "sip:boxesbybob.com", "f84f1cec41e6cbe5aea9c8e88d359", "",
      F_FALSE, "MD5", A_MD5, "auth", Q_A, F_NO, NULL, NULL, NULL },
    /* RFC 3261 §20.27 */
    { "3261 20.27",
      "Digest realm=\"atlanta.com\", domain=\"sip:ss1.carrier.com\", qop=\"auth\", "
      "nonce=\"f84f1cec41e6cbe5aea9c8e88d359\", opaque=\"\", stale=FALSE, algorithm=MD5",
      "Digest", DIG, "atlanta.com", "sip:ss1.carrier.com", "f84f1cec41e6cbe5aea9c8e88d359", "",
      F_FALSE, "MD5", A_MD5, "auth", Q_A, F_NO, NULL, NULL, NULL },
    /* RFC 3665 §2.1 F2, folded as printed */
    { "3665 2.1 F2",
      "Digest realm=\"atlanta.example.com\", qop=\"auth\"," CRLF
      " nonce=\"ea9c8e88df84f1cec4341ae6cbe5a359\"," CRLF " opaque=\"\", stale=FALSE, algorithm=MD5",
      "Digest", DIG, "atlanta.example.com", NULL, "ea9c8e88df84f1cec4341ae6cbe5a359", "", F_FALSE,
      "MD5", A_MD5, "auth", Q_A, F_NO, NULL, NULL, NULL },
    /* RFC 2617 §3.5, folded SIP-style */
    { "2617 3.5",
      "Digest" CRLF "        realm=\"testrealm@host.com\"," CRLF "        qop=\"auth,auth-int\","
      CRLF "        nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\"," CRLF
      "        opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"",
      "Digest", DIG, "testrealm@host.com", NULL, "dcd98b7102dd2f0e8b11d0f600bfb0c093",
      "5ccc069c403ebaf9f0171e9517f40e41", F_NO, NULL, A_NONE, "auth,auth-int", Q_A | Q_I, F_NO,
      NULL, NULL, NULL },
    /* RFC 7616 §3.9.1: the qop list has a space after its comma (RFC 2617 #rule) */
    { "7616 3.9.1 SHA-256",
      "Digest" CRLF "    realm=\"http-auth@example.org\"," CRLF "    qop=\"auth, auth-int\"," CRLF
      "    algorithm=SHA-256," CRLF "    nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\","
      CRLF "    opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"",
      "Digest", DIG, "http-auth@example.org", NULL, "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v",
      "FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS", F_NO, "SHA-256", A_256, "auth, auth-int",
      Q_A | Q_I, F_NO, NULL, NULL, NULL },
    { "7616 3.9.1 MD5",
      "Digest realm=\"http-auth@example.org\", qop=\"auth, auth-int\", algorithm=MD5, "
      "nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\", "
      "opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"",
      "Digest", DIG, "http-auth@example.org", NULL, "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v",
      "FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS", F_NO, "MD5", A_MD5, "auth, auth-int",
      Q_A | Q_I, F_NO, NULL, NULL, NULL },
    /* RFC 7616 §3.9.2: userhash and charset */
    { "7616 3.9.2",
      "Digest" CRLF "    realm=\"api@example.org\"," CRLF "    qop=\"auth\"," CRLF
      "    algorithm=SHA-512-256," CRLF "    nonce=\"5TsQWLVdgBdmrQ0XsxbDODV+57QdFR34I9HAbC/RVvkK\","
      CRLF "    opaque=\"HRPCssKJSGjCrkzDg8OhwpzCiGPChXYjwrI2QmXDnsOS\"," CRLF "    charset=UTF-8,"
      CRLF "    userhash=true",
      "Digest", DIG, "api@example.org", NULL, "5TsQWLVdgBdmrQ0XsxbDODV+57QdFR34I9HAbC/RVvkK",
      "HRPCssKJSGjCrkzDg8OhwpzCiGPChXYjwrI2QmXDnsOS", F_NO, "SHA-512-256", A_512, "auth", Q_A,
      F_TRUE, "UTF-8", NULL, NULL },
    /* Asterisk chan_sip and res_pjsip styles */
    { "asterisk chan_sip", "Digest algorithm=MD5, realm=\"asterisk\", nonce=\"4b2d3f10\"",
      "Digest", DIG, "asterisk", NULL, "4b2d3f10", NULL, F_NO, "MD5", A_MD5, NULL, 0, F_NO, NULL,
      NULL, NULL },
    { "asterisk pjsip",
      "Digest realm=\"asterisk\",nonce=\"1582722843/c1c2b1c3d2e0f5a5e0b1f9b4e3e2d1c0\","
      "opaque=\"0b5d7c1a3f2e4d6c\",algorithm=md5,qop=\"auth\"",
      "Digest", DIG, "asterisk", NULL, "1582722843/c1c2b1c3d2e0f5a5e0b1f9b4e3e2d1c0",
      "0b5d7c1a3f2e4d6c", F_NO, "md5", A_MD5, "auth", Q_A, F_NO, NULL, NULL, NULL },
    /* FreeSWITCH */
    { "freeswitch",
      "Digest realm=\"192.0.2.10\", nonce=\"e8d4f4a6-1f5e-11ee-a0c5-7b1f8a1d7e2d\", "
      "algorithm=MD5, qop=\"auth\"",
      "Digest", DIG, "192.0.2.10", NULL, "e8d4f4a6-1f5e-11ee-a0c5-7b1f8a1d7e2d", NULL, F_NO, "MD5",
      A_MD5, "auth", Q_A, F_NO, NULL, NULL, NULL },
    /* Kamailio auth module, stale nonce */
    { "kamailio stale",
      "Digest realm=\"example.com\", nonce=\"ZK5y8WSOd6Q9Y0c1hN8r2f4Jc2QmX0Eu\", qop=\"auth\", "
      "stale=true",
      "Digest", DIG, "example.com", NULL, "ZK5y8WSOd6Q9Y0c1hN8r2f4Jc2QmX0Eu", NULL, F_TRUE, NULL,
      A_NONE, "auth", Q_A, F_NO, NULL, NULL, NULL },
    /* Lync/Skype for Business: other-challenge */
    { "NTLM",
      "NTLM realm=\"SIP Communications Service\", targetname=\"sip.example.com\", version=4",
      "NTLM", SIPPARSE_AUTH_OTHER, "SIP Communications Service", NULL, NULL, NULL, F_NO, NULL,
      A_NONE, NULL, 0, F_NO, NULL, NULL, NULL },
    /* Only realm is read for other schemes; JsSIP records nothing for them. */
    { "Basic", "Basic realm=\"WallyWorld\", nonce=\"x\"", "Basic", SIPPARSE_AUTH_BASIC,
      "WallyWorld", NULL, NULL, NULL, F_NO, NULL, A_NONE, NULL, 0, F_NO, NULL, NULL, NULL },
    /* Case-insensitive names, scheme and literals; quoted values keep their case. */
    { "upper case",
      "DIGEST REALM=\"Atlanta.COM\", NONCE=\"AbC\", ALGORITHM=md5-SESS, STALE=True, "
      "QOP=\"AUTH,Auth-Int\", Userhash=FALSE, CHARSET=utf-8",
      "DIGEST", DIG, "Atlanta.COM", NULL, "AbC", NULL, F_TRUE, "md5-SESS", A_MD5S, "AUTH,Auth-Int",
      Q_A | Q_I, F_FALSE, "utf-8", NULL, NULL },
    /* LWS with folds around '=' and ',' */
    { "folds around = and ,",
      "Digest realm \t=" CRLF "  \"x\"" CRLF "\t,nonce" CRLF " =\"y\" , qop = \"auth ," CRLF
      " auth-int\"",
      "Digest", DIG, "x", NULL, "y", NULL, F_NO, NULL, A_NONE, "auth ," CRLF " auth-int", Q_A | Q_I,
      F_NO, NULL, NULL, NULL },
    { "leading and trailing LWS", "  Digest realm=\"x\"  ", "Digest", DIG, "x", NULL, NULL, NULL,
      F_NO, NULL, A_NONE, NULL, 0, F_NO, NULL, NULL, NULL },
    /* JsSIP fails these (prefix traps); the ABNF takes them. */
    { "MD5-sess", "Digest realm=\"x\", nonce=\"y\", algorithm=MD5-sess", "Digest", DIG, "x", NULL,
      "y", NULL, F_NO, "MD5-sess", A_MD5S, NULL, 0, F_NO, NULL, NULL, NULL },
    { "SHA-256-sess and SHA-512-256-sess",
      "Digest algorithm=SHA-256-sess, algorithm=SHA-512-256-sess", "Digest", DIG, NULL, NULL,
      NULL, NULL, F_NO, "SHA-512-256-sess", A_512S, NULL, 0, F_NO, NULL, NULL, NULL },
    { "SHA-256-sess", "Digest algorithm=SHA-256-sess", "Digest", DIG, NULL, NULL, NULL, NULL,
      F_NO, "SHA-256-sess", A_256S, NULL, 0, F_NO, NULL, NULL, NULL },
    { "other algorithm", "Digest algorithm=AKAv1-MD5, nonce=\"a\"", "Digest", DIG, NULL, NULL,
      "a", NULL, F_NO, "AKAv1-MD5", A_OTHER, NULL, 0, F_NO, NULL, NULL, NULL },
    { "stale=truex", "Digest realm=\"x\", stale=truex", "Digest", DIG, "x", NULL, NULL, NULL,
      F_FALSE, NULL, A_NONE, NULL, 0, F_NO, NULL, "stale", "stale" },
    { "qop token and other", "Digest qop=\"auth,token-x\"", "Digest", DIG, NULL, NULL, NULL, NULL,
      F_NO, NULL, A_NONE, "auth,token-x", Q_A | Q_O, F_NO, NULL, NULL, NULL },
    /* domain: URIs separated by SP, absoluteURI or abs-path, IPv6 in brackets */
    { "domain list",
      "Digest domain=\"sip:a.example.com  /path;x sips:[2001:db8::1]:5061;transport=tcp\"",
      "Digest", DIG, NULL, "sip:a.example.com  /path;x sips:[2001:db8::1]:5061;transport=tcp",
      NULL, NULL, F_NO, NULL, A_NONE, NULL, 0, F_NO, NULL, NULL, NULL },
    /* auth-params beside the directives; a quoted value may hold commas and escapes */
    { "auth-params", "Digest realm=\"a\\\"b, c\", x-foo=bar, y=\"1,2\", nonce=\"n\"", "Digest",
      DIG, "a\\\"b, c", NULL, "n", NULL, F_NO, NULL, A_NONE, NULL, 0, F_NO, NULL, NULL, NULL },
    /* lax: directive names with auth-param values */
    { "lax realm token", "Digest realm=atlanta.com, nonce=\"y\"", "Digest", DIG, "atlanta.com",
      NULL, "y", NULL, F_NO, NULL, A_NONE, NULL, 0, F_NO, NULL, "realm", "realm-value" },
    { "lax quoted algorithm", "Digest nonce=\"y\", algorithm=\"MD5\"", "Digest", DIG, NULL, NULL,
      "y", NULL, F_NO, "MD5", A_MD5, NULL, 0, F_NO, NULL, "algorithm", "algorithm" },
    { "lax quoted stale", "Digest stale=\"TRUE\"", "Digest", DIG, NULL, NULL, NULL, NULL, F_TRUE,
      NULL, A_NONE, NULL, 0, F_NO, NULL, "stale", "stale" },
    { "lax unquoted qop", "Digest qop=auth, nonce=\"y\", realm=x", "Digest", DIG, "x", NULL, "y",
      NULL, F_NO, NULL, A_NONE, "auth", Q_A, F_NO, NULL, "qop", "qop-options" },
    { "lax qop with spaces only", "Digest qop=\"auth auth-int\"", "Digest", DIG, NULL, NULL, NULL,
      NULL, F_NO, NULL, A_NONE, "auth auth-int", Q_O, F_NO, NULL, "qop", "qop-options" },
    { "lax domain", "Digest domain=\"not a uri\"", "Digest", DIG, NULL, "not a uri", NULL, NULL,
      F_NO, NULL, A_NONE, NULL, 0, F_NO, NULL, "domain", "domain" },
    { "lax charset", "Digest charset=\"UTF-8\"", "Digest", DIG, NULL, NULL, NULL, NULL, F_NO, NULL,
      A_NONE, NULL, 0, F_NO, "UTF-8", "charset", "charset" },
    /* response and nc are no challenge directives: plain auth-params here */
    { "credential names in a challenge", "Digest nc=1, response=x, realm=\"r\"", "Digest", DIG,
      "r", NULL, NULL, NULL, F_NO, NULL, A_NONE, NULL, 0, F_NO, NULL, NULL, NULL },
    { "last wins", "Digest realm=\"a\", realm=\"b\"", "Digest", DIG, "b", NULL, NULL, NULL, F_NO,
      NULL, A_NONE, NULL, 0, F_NO, NULL, NULL, NULL },
    { "UTF-8 realm", "Digest realm=\"\xc3\xa9t\xc3\xa9\"", "Digest", DIG, "\xc3\xa9t\xc3\xa9",
      NULL, NULL, NULL, F_NO, NULL, A_NONE, NULL, 0, F_NO, NULL, NULL, NULL },
};

static void assert_lax(const char *row, sipparse_auth_lax got, const char *name,
                       const char *rule)
{
    assert_part(row, "lax name", got.name, name);
    if (rule)
        ck_assert_msg(got.rule && strcmp(got.rule, rule) == 0, "%s: lax rule %s, expected %s",
                      row, got.rule ? got.rule : "(null)", rule);
}

START_TEST(test_challenge)
{
    const ch_row *r = &ch_rows[_i];
    size_t len = strlen(r->value);
    guard_buf g = { 0 };
    sipparse_slice v = { guard_copy(&g, r->value, len), len };
    sipparse_challenge c;
    sipparse_error err;
    memset(&c, 0x5a, sizeof c);
    memset(&err, 0, sizeof err);
    sipparse_err rc = sipparse_challenge_parse(v, &c, &err);
    ck_assert_msg(rc == SIPPARSE_OK, "%s: %s", r->name, err_str(&err));
    assert_part(r->name, "scheme", c.scheme, r->scheme);
    ck_assert_msg((int)c.scheme_id == r->scheme_id, "%s: scheme id %d", r->name, (int)c.scheme_id);
    assert_part(r->name, "realm", c.realm, r->realm);
    assert_part(r->name, "domain", c.domain, r->domain);
    assert_part(r->name, "nonce", c.nonce, r->nonce);
    assert_part(r->name, "opaque", c.opaque, r->opaque);
    ck_assert_msg((int)c.stale == r->stale, "%s: stale %d", r->name, (int)c.stale);
    assert_part(r->name, "algorithm", c.algorithm, r->algorithm);
    ck_assert_msg((int)c.algorithm_id == r->alg, "%s: algorithm id %d", r->name,
                  (int)c.algorithm_id);
    assert_part(r->name, "qop", c.qop, r->qop);
    ck_assert_msg(c.qop_mask == r->qop_mask, "%s: qop mask %u", r->name, c.qop_mask);
    ck_assert_msg((int)c.userhash == r->userhash, "%s: userhash %d", r->name, (int)c.userhash);
    assert_part(r->name, "charset", c.charset, r->charset);
    assert_lax(r->name, c.lax, r->lax, r->lax_rule);
    ck_assert_msg(c.params.ptr && sl_within(c.params, v.ptr, len) &&
                      c.params.ptr + c.params.len <= v.ptr + len,
                  "%s: params '%.*s'", r->name, SL(c.params));
    guard_free(&g);
}
END_TEST

/* ---- credentials ----------------------------------------------------------------------- */

typedef struct cr_row {
    const char *name, *value;
    const char *scheme;
    int scheme_id;
    const char *username, *username_ext, *realm, *nonce, *uri, *response;
    const char *algorithm;
    int alg;
    const char *cnonce, *opaque, *qop;
    unsigned qop_mask;
    const char *nc;
    int userhash;
    const char *lax, *lax_rule;
} cr_row;

static const cr_row cr_rows[] = {
    /* RFC 3261 §20.7: the example's response has 35 digits, so it is only an auth-param. */
    { "3261 20.7",
      "Digest username=\"Alice\", realm=\"atlanta.com\", nonce=\"84a4cc6f3082121f32b42a2187831a9e\", "
      "response=\"7587245234b3434cc3412213e5f113a5432\"",
      "Digest", DIG, "Alice", NULL, "atlanta.com", "84a4cc6f3082121f32b42a2187831a9e", NULL,
      "7587245234b3434cc3412213e5f113a5432", NULL, A_NONE, NULL, NULL, NULL, 0, NULL, F_NO,
      "response", "request-digest" },
    /* RFC 3261 §20.28: 27 digits */
    { "3261 20.28",
      "Digest username=\"Alice\", realm=\"atlanta.com\", nonce=\"c60f3082ee1212b402a21831ae\", "
      "response=\"245f23415f11432b3434341c022\"",
      "Digest", DIG, "Alice", NULL, "atlanta.com", "c60f3082ee1212b402a21831ae", NULL,
      "245f23415f11432b3434341c022", NULL, A_NONE, NULL, NULL, NULL, 0, NULL, F_NO, "response",
      "request-digest" },
    /* RFC 3665 §2.2 F1: qop quoted, which is qop-options' form, not message-qop's */
    { "3665 2.2 F1",
      "Digest username=\"bob\", realm=\"atlanta.example.com\"," CRLF
      "  qop=\"auth\", nonce=\"1cec4341ae6cbe5a359ea9c8e88df84f\", opaque=\"\"," CRLF
      "  uri=\"sips:ss2.biloxi.example.com\"," CRLF "  response=\"71ba27c64bd01de719686aa4590d5824\"",
      "Digest", DIG, "bob", NULL, "atlanta.example.com", "1cec4341ae6cbe5a359ea9c8e88df84f",
      "sips:ss2.biloxi.example.com", "71ba27c64bd01de719686aa4590d5824", NULL, A_NONE, NULL, "",
      "auth", Q_A, NULL, F_NO, "qop", "message-qop" },
    /* RFC 3665 §3.10 F1 */
    { "3665 3.10 F1",
      "Digest username=\"alice\"," CRLF "  realm=\"atlanta.example.com\"," CRLF
      "  nonce=\"cf5904ba7d8dc3a5ab2530aa931128fa\", opaque=\"\"," CRLF
      "  uri=\"sip:bob@biloxi.example.com\"," CRLF "  response=\"7afc04be7961f053c24f80e7dbaf888f\"",
      "Digest", DIG, "alice", NULL, "atlanta.example.com", "cf5904ba7d8dc3a5ab2530aa931128fa",
      "sip:bob@biloxi.example.com", "7afc04be7961f053c24f80e7dbaf888f", NULL, A_NONE, NULL, "",
      NULL, 0, NULL, F_NO, NULL, NULL },
    /* RFC 2617 §3.5 */
    { "2617 3.5",
      "Digest username=\"Mufasa\"," CRLF "        realm=\"testrealm@host.com\"," CRLF
      "        nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\"," CRLF "        uri=\"/dir/index.html\","
      CRLF "        qop=auth," CRLF "        nc=00000001," CRLF "        cnonce=\"0a4f113b\"," CRLF
      "        response=\"6629fae49393a05397450978507c4ef1\"," CRLF
      "        opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"",
      "Digest", DIG, "Mufasa", NULL, "testrealm@host.com", "dcd98b7102dd2f0e8b11d0f600bfb0c093",
      "/dir/index.html", "6629fae49393a05397450978507c4ef1", NULL, A_NONE, "0a4f113b",
      "5ccc069c403ebaf9f0171e9517f40e41", "auth", Q_A, "00000001", F_NO, NULL, NULL },
    /* RFC 7616 §3.9.1: a 64-digit SHA-256 response */
    { "7616 3.9.1 SHA-256",
      "Digest username=\"Mufasa\"," CRLF "    realm=\"http-auth@example.org\"," CRLF
      "    uri=\"/dir/index.html\"," CRLF "    algorithm=SHA-256," CRLF
      "    nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\"," CRLF "    nc=00000001," CRLF
      "    cnonce=\"f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ\"," CRLF "    qop=auth," CRLF
      "    response=\"753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1\"," CRLF
      "    opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"",
      "Digest", DIG, "Mufasa", NULL, "http-auth@example.org",
      "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", "/dir/index.html",
      "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1", "SHA-256", A_256,
      "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ", "FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS",
      "auth", Q_A, "00000001", F_NO, NULL, NULL },
    { "7616 3.9.1 MD5",
      "Digest username=\"Mufasa\", realm=\"http-auth@example.org\", uri=\"/dir/index.html\", "
      "algorithm=MD5, nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\", nc=00000001, "
      "cnonce=\"f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ\", qop=auth, "
      "response=\"8ca523f5e9506fed4657c9700eebdbec\", "
      "opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"",
      "Digest", DIG, "Mufasa", NULL, "http-auth@example.org",
      "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", "/dir/index.html",
      "8ca523f5e9506fed4657c9700eebdbec", "MD5", A_MD5,
      "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ", "FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS",
      "auth", Q_A, "00000001", F_NO, NULL, NULL },
    /* RFC 7616 §3.9.2: userhash */
    { "7616 3.9.2",
      "Digest" CRLF
      "    username=\"488869477bf257147b804c45308cd62ac4e25eb717b12b298c79e62dcea254ec\"," CRLF
      "    realm=\"api@example.org\"," CRLF "    uri=\"/doe.json\"," CRLF
      "    algorithm=SHA-512-256," CRLF "    nonce=\"5TsQWLVdgBdmrQ0XsxbDODV+57QdFR34I9HAbC/RVvkK\","
      CRLF "    nc=00000001," CRLF "    cnonce=\"NTg6RKcb9boFIAS3KrFK9BGeh+iDa/sm6jUMp2wds69v\","
      CRLF "    qop=auth," CRLF
      "    response=\"ae66e67d6b427bd3f120414a82e4acff38e8ecd9101d6c861229025f607a79dd\"," CRLF
      "    opaque=\"HRPCssKJSGjCrkzDg8OhwpzCiGPChXYjwrI2QmXDnsOS\"," CRLF "    userhash=true",
      "Digest", DIG, "488869477bf257147b804c45308cd62ac4e25eb717b12b298c79e62dcea254ec", NULL,
      "api@example.org", "5TsQWLVdgBdmrQ0XsxbDODV+57QdFR34I9HAbC/RVvkK", "/doe.json",
      "ae66e67d6b427bd3f120414a82e4acff38e8ecd9101d6c861229025f607a79dd", "SHA-512-256", A_512,
      "NTg6RKcb9boFIAS3KrFK9BGeh+iDa/sm6jUMp2wds69v", "HRPCssKJSGjCrkzDg8OhwpzCiGPChXYjwrI2QmXDnsOS",
      "auth", Q_A, "00000001", F_TRUE, NULL, NULL },
    /* RFC 7616 §3.4.4: username* in RFC 5987 encoding */
    { "7616 username*",
      "Digest username*=UTF-8''J%C3%A4s%C3%B8n%20Doe, realm=\"example.org\", userhash=false",
      "Digest", DIG, NULL, "UTF-8''J%C3%A4s%C3%B8n%20Doe", "example.org", NULL, NULL, NULL, NULL,
      A_NONE, NULL, NULL, NULL, 0, NULL, F_FALSE, NULL, NULL },
    /* JsSIP, Asterisk and Linphone style requests */
    { "jssip",
      "Digest algorithm=MD5, username=\"alice\", realm=\"example.com\", "
      "nonce=\"5f2a9c1e8b7d\", uri=\"sip:example.com\", "
      "response=\"0a1b2c3d4e5f60718293a4b5c6d7e8f9\", qop=auth, cnonce=\"k2j3h4g5\", nc=00000001",
      "Digest", DIG, "alice", NULL, "example.com", "5f2a9c1e8b7d", "sip:example.com",
      "0a1b2c3d4e5f60718293a4b5c6d7e8f9", "MD5", A_MD5, "k2j3h4g5", NULL, "auth", Q_A, "00000001",
      F_NO, NULL, NULL },
    { "asterisk outbound",
      "Digest username=\"1001\", realm=\"asterisk\", algorithm=MD5, uri=\"sip:192.0.2.1:5060\", "
      "nonce=\"4b2d3f10\", response=\"f3a1d2c4b5e6f708192a3b4c5d6e7f80\"",
      "Digest", DIG, "1001", NULL, "asterisk", "4b2d3f10", "sip:192.0.2.1:5060",
      "f3a1d2c4b5e6f708192a3b4c5d6e7f80", "MD5", A_MD5, NULL, NULL, NULL, 0, NULL, F_NO, NULL,
      NULL },
    { "uri with IPv6 and params",
      "Digest username=\"u\", uri=\"sip:[2001:db8::1]:5060;transport=tcp?subject=x\", "
      "response=\"00000000000000000000000000000000\"",
      "Digest", DIG, "u", NULL, NULL, NULL, "sip:[2001:db8::1]:5060;transport=tcp?subject=x",
      "00000000000000000000000000000000", NULL, A_NONE, NULL, NULL, NULL, 0, NULL, F_NO, NULL,
      NULL },
    { "uri star", "Digest uri=\"*\"", "Digest", DIG, NULL, NULL, NULL, NULL, "*", NULL, NULL,
      A_NONE, NULL, NULL, NULL, 0, NULL, F_NO, NULL, NULL },
    /* RFC 4475 §3.3.? regaut01: an unknown scheme */
    { "unknown scheme", "NoOneKnowsThisScheme opaque-data=here", "NoOneKnowsThisScheme",
      SIPPARSE_AUTH_OTHER, NULL, NULL, NULL, NULL, NULL, NULL, NULL, A_NONE, NULL, NULL, NULL, 0,
      NULL, F_NO, NULL, NULL },
    /* 3GPP IMS AKA (TS 24.229): an auth-param with an empty quoted value */
    { "IMS AKA",
      "Digest username=\"user@ims.example.com\", realm=\"ims.example.com\", nonce=\"\", "
      "uri=\"sip:ims.example.com\", response=\"\", algorithm=AKAv1-MD5, integrity-protected=\"no\"",
      "Digest", DIG, "user@ims.example.com", NULL, "ims.example.com", "", "sip:ims.example.com",
      "", "AKAv1-MD5", A_OTHER, NULL, NULL, NULL, 0, NULL, F_NO, "response", "request-digest" },
    { "upper case",
      "dIgEsT USERNAME=\"Bob\", NC=0000000a, QOP=Auth-Int, URI=\"sip:B@X\", "
      "RESPONSE=\"0123456789abcdef0123456789abcdef\"",
      "dIgEsT", DIG, "Bob", NULL, NULL, NULL, "sip:B@X", "0123456789abcdef0123456789abcdef", NULL,
      A_NONE, NULL, NULL, "Auth-Int", Q_I, "0000000a", F_NO, NULL, NULL },
    /* lax forms */
    { "lax nc", "Digest nc=1, username=\"a\"", "Digest", DIG, "a", NULL, NULL, NULL, NULL, NULL,
      NULL, A_NONE, NULL, NULL, NULL, 0, "1", F_NO, "nc", "nc-value" },
    { "lax nc upper hex", "Digest nc=0000000A", "Digest", DIG, NULL, NULL, NULL, NULL, NULL, NULL,
      NULL, A_NONE, NULL, NULL, NULL, 0, "0000000A", F_NO, "nc", "nc-value" },
    { "lax response upper hex", "Digest response=\"0123456789ABCDEF0123456789ABCDEF\"", "Digest",
      DIG, NULL, NULL, NULL, NULL, NULL, "0123456789ABCDEF0123456789ABCDEF", NULL, A_NONE, NULL,
      NULL, NULL, 0, NULL, F_NO, "response", "request-digest" },
    { "lax unquoted uri and username", "Digest uri=index.html, username=bob", "Digest", DIG, "bob",
      NULL, NULL, NULL, "index.html", NULL, NULL, A_NONE, NULL, NULL, NULL, 0, NULL, F_NO, "uri",
      "digest-uri" },
    { "Basic realm only", "Basic realm=\"r\", username=\"u\"", "Basic", SIPPARSE_AUTH_BASIC, NULL,
      NULL, "r", NULL, NULL, NULL, NULL, A_NONE, NULL, NULL, NULL, 0, NULL, F_NO, NULL, NULL },
};

START_TEST(test_credentials)
{
    const cr_row *r = &cr_rows[_i];
    size_t len = strlen(r->value);
    guard_buf g = { 0 };
    sipparse_slice v = { guard_copy(&g, r->value, len), len };
    sipparse_credentials c;
    sipparse_error err;
    memset(&c, 0x5a, sizeof c);
    memset(&err, 0, sizeof err);
    sipparse_err rc = sipparse_credentials_parse(v, &c, &err);
    ck_assert_msg(rc == SIPPARSE_OK, "%s: %s", r->name, err_str(&err));
    assert_part(r->name, "scheme", c.scheme, r->scheme);
    ck_assert_msg((int)c.scheme_id == r->scheme_id, "%s: scheme id %d", r->name, (int)c.scheme_id);
    assert_part(r->name, "username", c.username, r->username);
    assert_part(r->name, "username*", c.username_ext, r->username_ext);
    assert_part(r->name, "realm", c.realm, r->realm);
    assert_part(r->name, "nonce", c.nonce, r->nonce);
    assert_part(r->name, "uri", c.uri, r->uri);
    assert_part(r->name, "response", c.response, r->response);
    assert_part(r->name, "algorithm", c.algorithm, r->algorithm);
    ck_assert_msg((int)c.algorithm_id == r->alg, "%s: algorithm id %d", r->name,
                  (int)c.algorithm_id);
    assert_part(r->name, "cnonce", c.cnonce, r->cnonce);
    assert_part(r->name, "opaque", c.opaque, r->opaque);
    assert_part(r->name, "qop", c.qop, r->qop);
    ck_assert_msg(c.qop_mask == r->qop_mask, "%s: qop mask %u", r->name, c.qop_mask);
    assert_part(r->name, "nc", c.nc, r->nc);
    ck_assert_msg((int)c.userhash == r->userhash, "%s: userhash %d", r->name, (int)c.userhash);
    assert_lax(r->name, c.lax, r->lax, r->lax_rule);
    guard_free(&g);
}
END_TEST

/* ---- Authentication-Info --------------------------------------------------------------- */

static const struct ai_row {
    const char *name, *value;
    const char *nextnonce, *qop, *rspauth, *cnonce, *nc;
} ai_rows[] = {
    /* RFC 3261 §20.6 */
    { "3261 20.6", "nextnonce=\"47364c23432d2e131a5fb210812c\"", "47364c23432d2e131a5fb210812c",
      NULL, NULL, NULL, NULL },
    /* RFC 2617 §3.2.3 with RFC 2617 §3.5's values */
    { "all five",
      "qop=auth, rspauth=\"6629fae49393a05397450978507c4ef1\", cnonce=\"0a4f113b\", nc=00000001,"
      CRLF " nextnonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\"",
      "dcd98b7102dd2f0e8b11d0f600bfb0c093", "auth", "6629fae49393a05397450978507c4ef1", "0a4f113b",
      "00000001" },
    { "empty rspauth", "rspauth=\"\"", NULL, NULL, "", NULL, NULL },
    { "upper-case names", "NEXTNONCE = \"x\" , QOP=auth-int", "x", "auth-int", NULL, NULL, NULL },
};

START_TEST(test_auth_info)
{
    const struct ai_row *r = &ai_rows[_i];
    size_t len = strlen(r->value);
    guard_buf g = { 0 };
    sipparse_slice v = { guard_copy(&g, r->value, len), len };
    sipparse_auth_info a;
    sipparse_error err;
    memset(&a, 0x5a, sizeof a);
    memset(&err, 0, sizeof err);
    sipparse_err rc = sipparse_auth_info_parse(v, &a, &err);
    ck_assert_msg(rc == SIPPARSE_OK, "%s: %s", r->name, err_str(&err));
    assert_part(r->name, "nextnonce", a.nextnonce, r->nextnonce);
    assert_part(r->name, "qop", a.qop, r->qop);
    assert_part(r->name, "rspauth", a.rspauth, r->rspauth);
    assert_part(r->name, "cnonce", a.cnonce, r->cnonce);
    assert_part(r->name, "nc", a.nc, r->nc);
    guard_free(&g);
}
END_TEST

/* ---- invalid values ---------------------------------------------------------------------- */

enum { P_CH, P_CR, P_AI };

static const struct bad_row {
    int parser;
    const char *name, *value;
    size_t len;        /* 0: strlen */
    long at;           /* offset of err.at; -1: value end */
    const char *rule;
} bad_rows[] = {
    { P_CH, "empty", "", 0, 0, "auth-scheme" },
    { P_CH, "scheme alone", "Digest", 0, 6, "challenge" },
    { P_CH, "scheme and LWS alone", "Digest ", 0, -1, "auth-param" },
    { P_CH, "quoted scheme", "\"Digest\" realm=\"x\"", 0, 0, "auth-scheme" },
    { P_CH, "bad scheme char", "Di@gest realm=\"x\"", 0, 2, "challenge" },
    { P_CH, "no LWS after scheme", "Digest,realm=\"x\"", 0, 6, "challenge" },
    /* RFC 3665 §2.1 F3's typo, in a challenge */
    { P_CH, "missing comma", "Digest realm=\"x\" nonce=\"y\"", 0, 17, "challenge" },
    { P_CH, "missing comma after fold", "Digest realm=\"x\"" CRLF " nonce=\"y\"", 0, 19,
      "challenge" },
    { P_CH, "trailing comma", "Digest realm=\"x\",", 0, -1, "auth-param" },
    { P_CH, "empty element", "Digest realm=\"x\",,nonce=\"y\"", 0, 17, "auth-param" },
    { P_CH, "semicolon", "Digest realm=\"x\";nonce=\"y\"", 0, 16, "challenge" },
    { P_CH, "unterminated quote", "Digest realm=\"atlanta.com", 0, -1, "auth-param" },
    { P_CH, "escape at the end", "Digest realm=\"a\\", 0, 15, "auth-param" },
    { P_CH, "no =", "Digest realm", 0, -1, "auth-param" },
    { P_CH, "no value", "Digest realm=", 0, -1, "auth-param" },
    { P_CH, "no name", "Digest =\"x\"", 0, 7, "auth-param" },
    { P_CH, "control char in quotes", "Digest realm=\"a\x01" "b\"", 0, 15, "auth-param" },
    { P_CH, "CRLF without WSP in quotes", "Digest realm=\"a" CRLF "b\"", 0, 15, "auth-param" },
    { P_CH, "0xFF in quotes", "Digest realm=\"a\xff\"", 0, 15, "auth-param" },
    { P_CH, "NUL in quotes", "Digest realm=\"a\0b\"", 18, 15, "auth-param" },
    { P_CH, "value with a space", "Digest realm=a b", 0, 15, "challenge" },
    { P_CH, "value with a bad char", "Digest realm=a@b", 0, 14, "challenge" },
    /* RFC 7235 lets a second challenge follow a comma; RFC 3261 §7.3.1 does not. */
    { P_CH, "two challenges", "Digest realm=\"x\", Basic realm=\"y\"", 0, 24, "auth-param" },
    { P_CH, "separator value", "Digest realm=<x>", 0, 13, "auth-param" },
    { P_CR, "empty", "", 0, 0, "auth-scheme" },
    { P_CR, "scheme alone", "Digest", 0, 6, "credentials" },
    /* RFC 3261 §25.1 other-response takes auth-params, not RFC 7235's token68. */
    { P_CR, "Basic token68", "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==", 0, 33, "auth-param" },
    { P_CR, "Basic token68 unpadded", "Basic YWxhZGRpbjpvcGVuc2VzYW1l", 0, -1, "auth-param" },
    { P_CR, "RFC 3665 2.1 F3",
      "Digest username=\"bob\", realm=\"atlanta.example.com\"" CRLF
      "  nonce=\"ea9c8e88df84f1cec4341ae6cbe5a359\", opaque=\"\"",
      0, 54, "credentials" },
    /* ':' is no token character: an unquoted URI is not even an auth-param value */
    { P_CR, "unquoted URI", "Digest uri=sip:x, username=\"bob\"", 0, 14, "credentials" },
    { P_CR, "unterminated uri", "Digest username=\"a\", uri=\"sip:x", 0, -1, "auth-param" },
    { P_AI, "empty", "", 0, 0, "auth-param" },
    { P_AI, "auth-param", "nextnonce=\"a\", foo=bar", 0, 15, "ainfo" },
    { P_AI, "scheme", "Digest nextnonce=\"a\"", 0, 7, "auth-param" },
    { P_AI, "short nc", "nc=0000001", 0, 3, "nc-value" },
    { P_AI, "upper hex nc", "nc=0000000A", 0, 3, "nc-value" },
    { P_AI, "quoted qop", "qop=\"auth\"", 0, 4, "message-qop" },
    { P_AI, "qop list", "qop=\"auth,auth-int\"", 0, 4, "message-qop" },
    { P_AI, "upper hex rspauth", "rspauth=\"ABC\"", 0, 8, "response-digest" },
    { P_AI, "unquoted nextnonce", "nextnonce=abc", 0, 10, "nextnonce" },
    { P_AI, "unquoted cnonce", "cnonce=abc", 0, 7, "cnonce-value" },
    { P_AI, "trailing comma", "nextnonce=\"a\",", 0, -1, "auth-param" },
    { P_AI, "missing comma", "nextnonce=\"a\" qop=auth", 0, 14, "Authentication-Info" },
};

static sipparse_err run_parser(int which, sipparse_slice v, sipparse_error *err)
{
    union { sipparse_challenge ch; sipparse_credentials cr; sipparse_auth_info ai; } out;
    switch (which) {
    case P_CH: return sipparse_challenge_parse(v, &out.ch, err);
    case P_CR: return sipparse_credentials_parse(v, &out.cr, err);
    default: return sipparse_auth_info_parse(v, &out.ai, err);
    }
}

START_TEST(test_bad)
{
    const struct bad_row *r = &bad_rows[_i];
    size_t len = r->len ? r->len : strlen(r->value);
    guard_buf g = { 0 };
    sipparse_slice v = { guard_copy(&g, r->value, len), len };
    sipparse_error err;
    memset(&err, 0, sizeof err);
    sipparse_err rc = run_parser(r->parser, v, &err);
    ck_assert_msg(rc == SIPPARSE_E_HEADER_VALUE && err.code == rc, "%s: %s", r->name,
                  code_str(rc));
    long want = r->at < 0 ? (long)len : r->at;
    ck_assert_msg(err.at && err.at - v.ptr == want, "%s: error at %ld, expected %ld", r->name,
                  err.at ? (long)(err.at - v.ptr) : -1L, want);
    ck_assert_msg(err.rule && strcmp(err.rule, r->rule) == 0, "%s: rule %s, expected %s",
                  r->name, err.rule ? err.rule : "(null)", r->rule);
    /* the same verdict without an error struct */
    ck_assert_msg(run_parser(r->parser, v, NULL) == rc, "%s: differs without err", r->name);
    guard_free(&g);
}
END_TEST

START_TEST(test_null_value)
{
    sipparse_slice none = SIPPARSE_SLICE_NONE;
    sipparse_error err;
    for (int which = P_CH; which <= P_AI; which++) {
        memset(&err, 0, sizeof err);
        ck_assert(run_parser(which, none, &err) == SIPPARSE_E_HEADER_VALUE);
        ck_assert(run_parser(which, none, NULL) == SIPPARSE_E_HEADER_VALUE);
    }
}
END_TEST

/* ---- every prefix against the guard page ------------------------------------------------ */

static void prefixes(int which, const char *value)
{
    size_t len = strlen(value);
    for (size_t k = 0; k <= len; k++) {
        guard_buf g = { 0 };
        sipparse_slice v = { guard_copy(&g, value, k), k };
        sipparse_error err;
        memset(&err, 0, sizeof err);
        union { sipparse_challenge ch; sipparse_credentials cr; sipparse_auth_info ai; } out;
        sipparse_err rc = which == P_CH ? sipparse_challenge_parse(v, &out.ch, &err)
                        : which == P_CR ? sipparse_credentials_parse(v, &out.cr, &err)
                                        : sipparse_auth_info_parse(v, &out.ai, &err);
        ck_assert_msg(rc == SIPPARSE_OK || rc == SIPPARSE_E_HEADER_VALUE, "prefix %zu of '%s': %s",
                      k, value, code_str(rc));
        if (rc != SIPPARSE_OK)
            ck_assert_msg(err.at >= v.ptr && err.at <= v.ptr + k, "prefix %zu of '%s': at", k,
                          value);
        else if (which == P_CH)
            ck_assert(sl_within(out.ch.realm, v.ptr, k) && sl_within(out.ch.nonce, v.ptr, k) &&
                      sl_within(out.ch.qop, v.ptr, k) && sl_within(out.ch.params, v.ptr, k));
        else if (which == P_CR)
            ck_assert(sl_within(out.cr.response, v.ptr, k) && sl_within(out.cr.uri, v.ptr, k) &&
                      sl_within(out.cr.nc, v.ptr, k) && sl_within(out.cr.params, v.ptr, k));
        else
            ck_assert(sl_within(out.ai.nextnonce, v.ptr, k) && sl_within(out.ai.nc, v.ptr, k));
        guard_free(&g);
    }
}

START_TEST(test_prefix_challenge) { prefixes(P_CH, ch_rows[_i].value); }
END_TEST
START_TEST(test_prefix_credentials) { prefixes(P_CR, cr_rows[_i].value); }
END_TEST
START_TEST(test_prefix_auth_info) { prefixes(P_AI, ai_rows[_i].value); }
END_TEST

/* ---- walkers and unquote ----------------------------------------------------------------- */

START_TEST(test_param_walk)
{
    const char *value = "Digest realm=\"x, y\" , qop=\"auth,auth-int\"," CRLF " nonce = abc";
    guard_buf g = { 0 };
    sipparse_slice v = { guard_str(&g, value), strlen(value) };
    sipparse_challenge c;
    ck_assert(sipparse_challenge_parse(v, &c, NULL) == SIPPARSE_OK);
    static const char *const want[] = { "realm", "\"x, y\"", "qop", "\"auth,auth-int\"", "nonce",
                                        "abc" };
    sipparse_slice rest = c.params;
    sipparse_param prm;
    int n = 0;
    while (sipparse_auth_param_next(&rest, &prm)) {
        ck_assert_msg(n < 3, "more than 3 params");
        assert_part("walk", "name", prm.name, want[2 * n]);
        assert_part("walk", "value", prm.value, want[2 * n + 1]);
        n++;
    }
    ck_assert_msg(n == 3, "%d params", n);
    sipparse_slice got;
    ck_assert(sipparse_auth_param_get(c.params, "NONCE", &got) == 1 && sl_is(got, "abc"));
    ck_assert(sipparse_auth_param_get(c.params, "opaque", &got) == 0);
    /* the qop list walks with sipparse_list_next */
    size_t pos = 0;
    sipparse_slice item;
    ck_assert(sipparse_list_next(c.qop, &pos, &item) && sl_is(item, "auth"));
    ck_assert(sipparse_list_next(c.qop, &pos, &item) && sl_is(item, "auth-int"));
    ck_assert(!sipparse_list_next(c.qop, &pos, &item));
    /* a whole Authentication-Info value walks too */
    sipparse_slice ai = sl("nextnonce=\"a\", qop=auth");
    ck_assert(sipparse_auth_param_get(ai, "qop", &got) == 1 && sl_is(got, "auth"));
    sipparse_slice none = SIPPARSE_SLICE_NONE;
    ck_assert(!sipparse_auth_param_next(&none, &prm));
    guard_free(&g);
}
END_TEST

START_TEST(test_unquote)
{
    const char *value = "Digest realm=\"say \\\"hi\\\" \\\\ there\"";
    sipparse_challenge c;
    ck_assert(sipparse_challenge_parse(sl(value), &c, NULL) == SIPPARSE_OK);
    ck_assert(sl_is(c.realm, "say \\\"hi\\\" \\\\ there"));
    char buf[64];
    ck_assert_int_eq(sipparse_auth_unquote(c.realm, buf, sizeof buf), 16);
    ck_assert_str_eq(buf, "say \"hi\" \\ there");
    ck_assert_int_eq(sipparse_auth_unquote(c.realm, buf, 16), -1);
    ck_assert_int_eq(sipparse_auth_unquote(c.realm, buf, 17), 16);
    ck_assert_int_eq(sipparse_auth_unquote(SIPPARSE_SLICE_NONE, buf, sizeof buf), -1);
    ck_assert_int_eq(sipparse_auth_unquote(sl(""), buf, 1), 0);
}
END_TEST

/* ---- sipparse_msg_check ------------------------------------------------------------------- */

#define HEAD_401                                                                                  \
    "SIP/2.0 401 Unauthorized" CRLF "Via: SIP/2.0/TLS client.biloxi.example.com:5061"             \
    ";branch=z9hG4bKnashds7" CRLF "From: Bob <sips:bob@biloxi.example.com>;tag=a73kszlfl" CRLF    \
    "To: Bob <sips:bob@biloxi.example.com>;tag=1410948204" CRLF                                   \
    "Call-ID: 1j9FpLxk3uxtm8tn@biloxi.example.com" CRLF "CSeq: 1 REGISTER" CRLF

START_TEST(test_msg_check)
{
    static const struct {
        const char *name, *headers;
        sipparse_hdr_id hdr;   /* OTHER: no finding */
        unsigned line, col;
        const char *rule;
    } rows[] = {
        { "clean",
          "WWW-Authenticate: Digest realm=\"atlanta.example.com\", qop=\"auth\"," CRLF
          " nonce=\"ea9c8e88df84f1cec4341ae6cbe5a359\"," CRLF " opaque=\"\", stale=FALSE, algorithm=MD5"
          CRLF "WWW-Authenticate: Basic realm=\"x\"" CRLF
          "Authentication-Info: nextnonce=\"47364c23432d2e131a5fb210812c\"" CRLF,
          SIPPARSE_HDR_OTHER, 0, 0, NULL },
        { "bad challenge", "Proxy-Authenticate: Digest realm=\"x\" nonce=\"y\"" CRLF,
          SIPPARSE_HDR_PROXY_AUTHENTICATE, 7, 38, "challenge" },
        { "bad credentials", "Proxy-Authorization: Digest" CRLF, SIPPARSE_HDR_PROXY_AUTHORIZATION,
          7, 28, "credentials" },
        { "bad Authentication-Info", "Authentication-Info: nc=1" CRLF,
          SIPPARSE_HDR_AUTHENTICATION_INFO, 7, 25, "nc-value" },
        { "bad www", "WWW-Authenticate: Digest realm=\"x\"," CRLF, SIPPARSE_HDR_WWW_AUTHENTICATE, 7,
          36, "auth-param" },
        { "bad authorization", "Authorization: Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==" CRLF,
          SIPPARSE_HDR_AUTHORIZATION, 7, 49, "auth-param" },
    };
    for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
        char msg[1024];
        snprintf(msg, sizeof msg, "%s%s" "Content-Length: 0" CRLF CRLF, HEAD_401, rows[i].headers);
        tmsg t;
        verdict v;
        ck_assert_msg(tmsg_parse_str(&t, msg, 0) == SIPPARSE_OK, "%s: parse %s", rows[i].name,
                      err_str(&t.m.error));
        verdict_run(&t, &v);
        ck_assert_msg(v.check_rc == SIPPARSE_OK, "%s: critical %s", rows[i].name,
                      code_str(v.check_rc));
        if (rows[i].hdr == SIPPARSE_HDR_OTHER) {
            ck_assert_msg(v.nerrs == 0, "%s: %s", rows[i].name, err_str(&v.errs[0]));
        } else {
            const sipparse_error *e = verdict_find_hdr(&v, rows[i].hdr);
            ck_assert_msg(v.nerrs == 1 && e, "%s: %zu findings", rows[i].name, v.nerrs);
            ck_assert_msg(e->code == SIPPARSE_E_HEADER_VALUE && !e->critical &&
                              e->line == rows[i].line && e->col == rows[i].col &&
                              strcmp(e->rule, rows[i].rule) == 0,
                          "%s: %s", rows[i].name, err_str(e));
        }
        tmsg_free(&t);
    }
}
END_TEST

/* ---- linear time --------------------------------------------------------------------------- */

static double cpu_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* head + k * unit + tail, in a malloc'd buffer */
static char *build(const char *head, const char *unit, const char *tail, size_t k, size_t *len)
{
    size_t h = strlen(head), u = strlen(unit), t = strlen(tail);
    *len = h + k * u + t;
    char *s = malloc(*len + 1);
    ck_assert(s != NULL);
    memcpy(s, head, h);
    for (size_t i = 0; i < k; i++)
        memcpy(s + h + i * u, unit, u);
    memcpy(s + h + k * u, tail, t + 1);
    return s;
}

static double best_time(int which, const char *s, size_t len)
{
    double best = 1e9;
    sipparse_slice v = { s, len };
    for (int run = 0; run < 7; run++) {
        double t0 = cpu_now();
        for (int rep = 0; rep < 5; rep++) {
            sipparse_challenge ch;
            sipparse_credentials cr;
            sipparse_auth_info ai;
            sipparse_slice rest = v;
            sipparse_param prm;
            if (which == P_CH) {
                sipparse_challenge_parse(v, &ch, NULL);
                rest = ch.params;
            } else if (which == P_CR) {
                sipparse_credentials_parse(v, &cr, NULL);
                rest = cr.params;
            } else {
                sipparse_auth_info_parse(v, &ai, NULL);
            }
            while (rest.ptr && sipparse_auth_param_next(&rest, &prm))
                ;
        }
        double dt = cpu_now() - t0;
        if (dt < best)
            best = dt;
    }
    return best;
}

static const struct lin_row {
    int which;
    const char *name, *head, *unit, *tail;
} lin_rows[] = {
    { P_CH, "many auth-params", "Digest realm=\"x\"", ", x-param=value", "" },
    { P_CH, "many quoted auth-params", "Digest realm=\"x\"", ", p=\"a, b\"", "" },
    { P_CH, "many folds", "Digest realm=\"x\"", "," CRLF " nonce=\"y\"", "" },
    { P_CH, "long qop list", "Digest qop=\"auth", ",auth-int", "\"" },
    { P_CH, "long domain", "Digest domain=\"sip:a.example.com", " /p", "\"" },
    { P_CH, "unterminated long value", "Digest realm=\"", "abcdefghij", "" },
    { P_CH, "bad last of many", "Digest realm=\"x\"", ", p=v", ", q=\"" },
    { P_CR, "many credentials params", "Digest username=\"a\"", ", nc=00000001, qop=auth", "" },
    { P_CR, "lax responses", "Digest username=\"a\"", ", response=\"abc\"", "" },
    { P_AI, "many ainfo", "qop=auth", ", nc=00000001, cnonce=\"x\"", "" },
};

START_TEST(test_linear)
{
    const struct lin_row *r = &lin_rows[_i];
    size_t n1, n2;
    char *s1 = build(r->head, r->unit, r->tail, 400, &n1);
    char *s2 = build(r->head, r->unit, r->tail, 4000, &n2);
    double t1 = best_time(r->which, s1, n1), t2 = best_time(r->which, s2, n2);
    /* linear: about 10 times; quadratic: about 100 times */
    ck_assert_msg(t2 <= 35.0 * (t1 > 1e-6 ? t1 : 1e-6), "%s: %.6fs for 400, %.6fs for 4000",
                  r->name, t1, t2);
    free(s1);
    free(s2);
}
END_TEST

Suite *auth_suite(void)
{
    Suite *s = suite_create("auth");
    TCase *tc = tcase_create("values");
    tcase_add_loop_test(tc, test_challenge, 0, (int)ARRAY_LEN(ch_rows));
    tcase_add_loop_test(tc, test_credentials, 0, (int)ARRAY_LEN(cr_rows));
    tcase_add_loop_test(tc, test_auth_info, 0, (int)ARRAY_LEN(ai_rows));
    tcase_add_loop_test(tc, test_bad, 0, (int)ARRAY_LEN(bad_rows));
    tcase_add_test(tc, test_null_value);
    tcase_add_test(tc, test_param_walk);
    tcase_add_test(tc, test_unquote);
    tcase_add_test(tc, test_msg_check);
    suite_add_tcase(s, tc);
    tc = tcase_create("prefixes");
    tcase_add_loop_test(tc, test_prefix_challenge, 0, (int)ARRAY_LEN(ch_rows));
    tcase_add_loop_test(tc, test_prefix_credentials, 0, (int)ARRAY_LEN(cr_rows));
    tcase_add_loop_test(tc, test_prefix_auth_info, 0, (int)ARRAY_LEN(ai_rows));
    suite_add_tcase(s, tc);
    tc = tcase_create("linear");
    tcase_set_timeout(tc, 60);
    tcase_add_loop_test(tc, test_linear, 0, (int)ARRAY_LEN(lin_rows));
    suite_add_tcase(s, tc);
    return s;
}
