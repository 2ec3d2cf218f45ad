/* fuzz/seedgen.c: turns the message corpus into seed inputs for every harness.
 *
 *   seedgen OUTDIR FILE...
 *
 * writes OUTDIR/<target>/<hash> files, each in the input format of its harness:
 *   fuzz_msg, fuzz_roundtrip   flags byte + message (lenient datagram, lenient stream)
 *   fuzz_frame                 flags byte + split byte + message, keep-alive, message
 *   fuzz_header                header id byte + the value of each header in the corpus,
 *                              plus the RFC examples below for every typed header (the
 *                              corpus messages lack many: RAck, Replaces, Diversion, ...)
 *   fuzz_uri                   context byte + each Request-URI and name-addr URI
 *   fuzz_nameaddr              each From, To, Contact and route value
 *   fuzz_uri_obj               edit bits + each URI twice, a display text and a host
 * Names are a hash of the content, so a value seen in many messages is written once.
 * Built against the plain library (no sanitizers); it only reads the corpus. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sipparse/sipparse.h>

static const char *outdir;

static void write_seed(const char *target, const void *head, size_t hlen, const void *body,
                       size_t blen)
{
    uint64_t h = 1469598103934665603ull;   /* FNV-1a 64 */
    const unsigned char *p = head;
    for (size_t i = 0; i < hlen; i++)
        h = (h ^ p[i]) * 1099511628211ull;
    p = body;
    for (size_t i = 0; i < blen; i++)
        h = (h ^ p[i]) * 1099511628211ull;
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", outdir, target);
    mkdir(path, 0777);
    snprintf(path, sizeof path, "%s/%s/%016llx", outdir, target, (unsigned long long)h);
    FILE *f = fopen(path, "wb");
    if (!f) {
        perror(path);
        exit(1);
    }
    if ((hlen && fwrite(head, 1, hlen, f) != hlen) || (blen && fwrite(body, 1, blen, f) != blen)) {
        perror(path);
        exit(1);
    }
    fclose(f);
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, n = 0, r;
    char *buf = malloc(cap);
    while (buf && (r = fread(buf + n, 1, cap - n, f)) > 0) {
        n += r;
        if (n == cap)
            buf = realloc(buf, cap *= 2);
    }
    fclose(f);
    *len = n;
    return buf;
}

static void uri_seed(const sipparse_uri *u, unsigned char ctx)
{
    write_seed("fuzz_uri", &ctx, 1, u->raw.ptr, u->raw.len);
    /* fuzz_uri_obj: edit bits, then the URI twice, a display text and a host, NUL apart */
    static const char tail[] = "Bob \"B\" %41;x\0example.org";
    size_t n = 2 * u->raw.len + 2 + sizeof tail - 1;
    char *body = malloc(n);
    memcpy(body, u->raw.ptr, u->raw.len);
    body[u->raw.len] = '\0';
    memcpy(body + u->raw.len + 1, u->raw.ptr, u->raw.len);
    body[2 * u->raw.len + 1] = '\0';
    memcpy(body + 2 * u->raw.len + 2, tail, sizeof tail - 1);
    unsigned char ops = (unsigned char)(u->raw.len * 37u);
    write_seed("fuzz_uri_obj", &ops, 1, body, n);
    free(body);
}

static void nameaddr_seeds(const sipparse_msg *m, sipparse_hdr_id id)
{
    for (const sipparse_hdr *h = sipparse_msg_hdr(m, id); h; h = sipparse_msg_hdr_next(m, h)) {
        write_seed("fuzz_nameaddr", NULL, 0, h->value.ptr, h->value.len);
        size_t pos = 0;
        sipparse_nameaddr na;
        while (sipparse_contact_next(h->value, &pos, &na, NULL) == SIPPARSE_OK)
            if (!na.star)
                uri_seed(&na.uri, na.bracketed ? SIPPARSE_URI_FULL : SIPPARSE_URI_ADDR_SPEC);
    }
}

static void one_file(const char *path)
{
    size_t len = 0;
    char *msg = slurp(path, &len);
    if (!msg) {
        perror(path);
        exit(1);
    }
    const unsigned char lenient = SIPPARSE_F_LENIENT, lenient_stream = SIPPARSE_F_LENIENT | 0x20;
    write_seed("fuzz_msg", &lenient, 1, msg, len);
    write_seed("fuzz_msg", &lenient_stream, 1, msg, len);
    write_seed("fuzz_roundtrip", &lenient, 1, msg, len);

    /* a stream: the message, a keep-alive, the message again */
    size_t slen = 2 * len + 4;
    char *stream = malloc(slen);
    memcpy(stream, msg, len);
    memcpy(stream + len, "\r\n\r\n", 4);
    memcpy(stream + len + 4, msg, len);
    const unsigned char fhead[2] = { SIPPARSE_F_LENIENT, 0x80 };
    write_seed("fuzz_frame", fhead, 2, stream, slen);
    free(stream);

    static sipparse_hdr hdrs[1024];
    sipparse_msg m;
    sipparse_msg_init(&m, hdrs, 1024, SIPPARSE_F_LENIENT);
    if (sipparse_msg_parse(&m, msg, len) == SIPPARSE_OK) {
        for (unsigned i = 0; i < m.nhdrs; i++) {
            unsigned char id = (unsigned char)m.hdrs[i].id;
            write_seed("fuzz_header", &id, 1, m.hdrs[i].value.ptr, m.hdrs[i].value.len);
        }
        if (m.is_request)
            uri_seed(&m.uri, SIPPARSE_URI_REQUEST);
        nameaddr_seeds(&m, SIPPARSE_HDR_FROM);
        nameaddr_seeds(&m, SIPPARSE_HDR_TO);
        nameaddr_seeds(&m, SIPPARSE_HDR_CONTACT);
        nameaddr_seeds(&m, SIPPARSE_HDR_ROUTE);
        nameaddr_seeds(&m, SIPPARSE_HDR_RECORD_ROUTE);
    }
    free(msg);
}

/* Header values from the RFCs that define them, so fuzz_header starts from a valid
 * value of every typed header, also those no corpus message carries. */
static const struct example {
    sipparse_hdr_id id;
    const char *value;
} examples[] = {
    /* RFC 3261 §20.6, §20.7, §20.27, §20.44, §22.4; RFC 7616 §3.9 */
    { SIPPARSE_HDR_WWW_AUTHENTICATE, "Digest realm=\"atlanta.com\", domain=\"sip:boxesbybob.com\", "
      "qop=\"auth\", nonce=\"f84f1cec41e6cbe5aea9c8e88d359\", opaque=\"\", stale=FALSE, algorithm=MD5" },
    { SIPPARSE_HDR_PROXY_AUTHENTICATE, "Digest realm=\"http-auth@example.org\", qop=\"auth, auth-int\", "
      "algorithm=SHA-256, nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\", userhash=true, charset=UTF-8" },
    { SIPPARSE_HDR_WWW_AUTHENTICATE, "Basic realm=\"WallyWorld\"" },
    { SIPPARSE_HDR_AUTHORIZATION, "Digest username=\"bob\", realm=\"biloxi.com\", "
      "nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", uri=\"sip:bob@biloxi.com\", qop=auth, "
      "nc=00000001, cnonce=\"0a4f113b\", response=\"6629fae49393a05397450978507c4ef1\", "
      "opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"" },
    { SIPPARSE_HDR_PROXY_AUTHORIZATION, "Digest username*=UTF-8''J%C3%A4s%C3%B8n, realm=\"a\", "
      "response=\"dfe56131d1958046689d83306477ecc\", algorithm=MD5-sess" },
    { SIPPARSE_HDR_AUTHENTICATION_INFO, "nextnonce=\"47364c23432d2e131a5fb210812c\", qop=auth, "
      "rspauth=\"6629fae49393a05397450978507c4ef1\", cnonce=\"0a4f113b\", nc=00000001" },
    /* RFC 6665, 3326, 4028, 3891, 3515, 3892, 3262; RFC 3261 §20.33, §20.38 */
    { SIPPARSE_HDR_EVENT, "presence.winfo;id=1234;foo=bar" },
    { SIPPARSE_HDR_ALLOW_EVENTS, "presence, dialog, message-summary, refer" },
    { SIPPARSE_HDR_SUBSCRIPTION_STATE, "terminated;reason=timeout;retry-after=30" },
    { SIPPARSE_HDR_SUBSCRIPTION_STATE, "active;expires=3600" },
    { SIPPARSE_HDR_REASON, "SIP ;cause=200 ;text=\"Call completed elsewhere\", Q.850;cause=16;text=\"Terminated\"" },
    { SIPPARSE_HDR_SESSION_EXPIRES, "1800;refresher=uac" },
    { SIPPARSE_HDR_MIN_SE, "90;lr" },
    { SIPPARSE_HDR_REPLACES, "98732@sip.example.com;from-tag=r33th4x0r;to-tag=ff87ff;early-only" },
    { SIPPARSE_HDR_REFER_TO, "<sip:bob@biloxi.example.net?Accept-Contact=sip:bobsdesk.biloxi.example.net"
      "&Call-ID=55432%40alicepc.atlanta.example.com>" },
    { SIPPARSE_HDR_REFERRED_BY, "<sip:referrer@referrer.example>;cid=\"20398823.2UWQFN309shb3@referrer.example\"" },
    { SIPPARSE_HDR_RACK, "776656 1 INVITE" },
    { SIPPARSE_HDR_RSEQ, "988789" },
    { SIPPARSE_HDR_RETRY_AFTER, "18000;duration=3600" },
    { SIPPARSE_HDR_RETRY_AFTER, "120 (I'm in a meeting)" },
    { SIPPARSE_HDR_TIMESTAMP, "54.1 0.5" },
    /* RFC 3261 §20, RFC 3323 */
    { SIPPARSE_HDR_ACCEPT, "application/sdp;level=1, application/x-private, text/html;q=0.8, */*" },
    { SIPPARSE_HDR_ACCEPT_ENCODING, "gzip;q=1.0, identity; q=0.5, *;q=0" },
    { SIPPARSE_HDR_ACCEPT_LANGUAGE, "da, en-gb;q=0.8, en;q=0.7" },
    { SIPPARSE_HDR_ALLOW, "INVITE, ACK, OPTIONS, CANCEL, BYE" },
    { SIPPARSE_HDR_SUPPORTED, "100rel, timer" },
    { SIPPARSE_HDR_REQUIRE, "100rel" },
    { SIPPARSE_HDR_UNSUPPORTED, "foo" },
    { SIPPARSE_HDR_CONTENT_ENCODING, "gzip" },
    { SIPPARSE_HDR_CONTENT_LANGUAGE, "fr, en-US" },
    { SIPPARSE_HDR_CONTENT_DISPOSITION, "session;handling=optional" },
    { SIPPARSE_HDR_IN_REPLY_TO, "70710@saturn.bell-tel.com, 17320@saturn.bell-tel.com" },
    { SIPPARSE_HDR_PRIVACY, "id;user" },
    { SIPPARSE_HDR_PRIORITY, "non-urgent" },
    { SIPPARSE_HDR_SUBJECT, "Need more boxes" },
    { SIPPARSE_HDR_ORGANIZATION, "Boxes by Bob" },
    { SIPPARSE_HDR_SERVER, "HomeServer v2" },
    { SIPPARSE_HDR_USER_AGENT, "Softphone/Beta1.5 (Linux (x86_64)) libfoo/2" },
    /* RFC 3261 §20.4, .9, .18, .43; RFC 3325, 7044, 5806, 8224 */
    { SIPPARSE_HDR_CALL_INFO, "<http://wwww.example.com/alice/photo.jpg> ;purpose=icon, "
      "<http://www.example.com/alice/> ;purpose=info" },
    { SIPPARSE_HDR_ALERT_INFO, "<http://www.example.com/sounds/moo.wav>" },
    { SIPPARSE_HDR_ERROR_INFO, "<sip:not-in-service-recording@atlanta.com>" },
    { SIPPARSE_HDR_WARNING, "307 isi.edu \"Session parameter 'foo' not understood\", "
      "301 [2001:db8::1]:5060 \"Incompatible network address type 'E.164'\"" },
    { SIPPARSE_HDR_P_ASSERTED_IDENTITY, "\"Cullen Jennings\" <sip:fluffy@cisco.com>, <tel:+14085264000>" },
    { SIPPARSE_HDR_P_PREFERRED_IDENTITY, "\"Cullen Jennings\" <sip:fluffy@cisco.com>" },
    { SIPPARSE_HDR_HISTORY_INFO, "<sip:UserA@ims.example.com?Reason=SIP%3Bcause%3D302>;index=1;foo=bar, "
      "<sip:UserB@example.com>;index=1.1;rc=1" },
    { SIPPARSE_HDR_DIVERSION, "<sip:alice@atlanta.example.com>;reason=unconditional;counter=1;"
      "privacy=off;screen=no;limit=10" },
    { SIPPARSE_HDR_IDENTITY, "eyJhbGciOiJFUzI1NiJ9.eyJ9.c2ln;info=<https://biloxi.example.org/biloxi.cer>;"
      "alg=ES256;ppt=shaken" },
    { SIPPARSE_HDR_IDENTITY, "\"ZYNBbHC00VMZr2kZt6VmCvPonWJMGvQTBDqghoWeLxJfzB2a1pxAr3VgrB0SsSAa\"" },
};

static void example_seeds(void)
{
    for (size_t i = 0; i < sizeof examples / sizeof examples[0]; i++) {
        unsigned char id = (unsigned char)examples[i].id;
        write_seed("fuzz_header", &id, 1, examples[i].value, strlen(examples[i].value));
    }
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: seedgen OUTDIR FILE...\n");
        return 2;
    }
    outdir = argv[1];
    mkdir(outdir, 0777);
    for (int i = 2; i < argc; i++)
        one_file(argv[i]);
    example_seeds();
    return 0;
}
