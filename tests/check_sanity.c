/* tests/check_sanity.c: sipparse_sanity_check. Each RFC 4475 and RFC 5118 message gets
 * the reply the RFC names for it, asserted one by one from the table below, and every
 * rule of the table fires on a message written for it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "suites.h"
#include "util.h"

#define CRLF "\r\n"
#define MAX_FINDINGS 64
#define ACCEPT SIPPARSE_REPLY_NONE   /* no error finding: the message is processed */
#define DROP SIPPARSE_REPLY_DROP

/* What the element knows: nothing (NUL), a user agent that speaks SDP and a few
 * extensions (UA), the same acting as a proxy (PROXY). */
enum ctx_kind { NUL, UA, PROXY };

static const char *const ua_types[] = { "application/sdp" };
static const char *const ua_tags[] = { "100rel", "timer", "replaces", "path", "outbound" };

static sipparse_sanity_ctx make_ctx(enum ctx_kind k)
{
    sipparse_sanity_ctx c;
    memset(&c, 0, sizeof c);
    if (k == NUL)
        return c;
    c.content_types = ua_types;
    c.n_content_types = ARRAY_LEN(ua_types);
    c.extensions = ua_tags;
    c.n_extensions = ARRAY_LEN(ua_tags);
    c.role = k == PROXY ? SIPPARSE_ROLE_PROXY : SIPPARSE_ROLE_UA;
    return c;
}

/* The findings of one message: the parse error's, or sanity_check's. */
typedef struct outcome {
    sipparse_finding f[MAX_FINDINGS];
    size_t n;
    int parsed;
} outcome;

static void evaluate(tmsg *t, const void *data, size_t len, unsigned flags,
                     const sipparse_sanity_ctx *ctx, outcome *o)
{
    memset(o, 0, sizeof *o);
    sipparse_err rc = tmsg_parse(t, data, len, flags);
    o->parsed = rc == SIPPARSE_OK;
    if (!o->parsed) {
        sipparse_sanity_parse_error(&t->m, len, rc, &o->f[0]);
        o->n = 1;
        return;
    }
    o->n = sipparse_sanity_check(&t->m, ctx, o->f, MAX_FINDINGS);
    ck_assert_msg(o->n <= MAX_FINDINGS, "%zu findings", o->n);
}

/* The first error-severity finding decides; none means the message is processed. */
static const sipparse_finding *decisive(const outcome *o)
{
    for (size_t i = 0; i < o->n; i++)
        if (o->f[i].rule->severity == SIPPARSE_SEV_ERROR)
            return &o->f[i];
    return NULL;
}

static const sipparse_finding *find_rule(const outcome *o, const char *id)
{
    for (size_t i = 0; i < o->n; i++)
        if (strcmp(o->f[i].rule->id, id) == 0)
            return &o->f[i];
    return NULL;
}

static const char *findings_str(const outcome *o)
{
    static char buf[1024];
    size_t n = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < o->n && n < sizeof buf - 64; i++)
        n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%s(%d)", i ? " " : "", o->f[i].rule->id,
                              o->f[i].reply);
    return o->n ? buf : "(none)";
}

/* ---- the RFC tables -------------------------------------------------------------------- */

typedef struct corpus_row {
    const char *dir, *file;
    unsigned flags;
    enum ctx_kind ctx;
    int reply;           /* of the decisive finding; ACCEPT when there is none */
    const char *rule;    /* the decisive rule, NULL: not asserted */
    const char *also;    /* a rule that must be among the findings too, or NULL */
} corpus_row;

#define R4475 "corpus/rfc4475/"
#define R5118 "corpus/rfc5118/wire/"
#define LEN SIPPARSE_F_ALLOW_EXTRA_SP
#define EOH SIPPARSE_F_ALLOW_MISSING_EOH

static const corpus_row rows[] = {
    /* §3.1.1: valid messages, processed (intmeth and esc02 carry unknown methods: an
     * endpoint answers 501, which needs a list of methods the context does not have). */
    { R4475, "wsinv.dat", 0, UA, ACCEPT, NULL, NULL },
    { R4475, "intmeth.dat", 0, UA, ACCEPT, NULL, NULL },
    { R4475, "esc01.dat", 0, UA, ACCEPT, NULL, NULL },
    { R4475, "escnull.dat", 0, UA, ACCEPT, NULL, NULL },
    { R4475, "esc02.dat", 0, UA, ACCEPT, NULL, NULL },
    { R4475, "lwsdisp.dat", 0, UA, ACCEPT, NULL, NULL },
    { R4475, "longreq.dat", 0, UA, ACCEPT, NULL, NULL },
    { R4475, "dblreq.dat", 0, UA, ACCEPT, NULL, "trailing_bytes" },
    { R4475, "semiuri.dat", 0, UA, ACCEPT, NULL, NULL },
    { R4475, "transports.dat", 0, UA, ACCEPT, NULL, NULL },
    { R4475, "mpart01.dat", 0, NUL, ACCEPT, NULL, NULL },
    { R4475, "unreason.dat", 0, UA, ACCEPT, NULL, NULL },
    { R4475, "noreason.dat", 0, UA, ACCEPT, NULL, NULL },
    /* §3.1.2: invalid messages */
    { R4475, "badinv01.dat", 0, UA, 400, "header_syntax", NULL },
    { R4475, "clerr.dat", 0, UA, 400, "rfc3261_18_3_request", NULL },
    { R4475, "ncl.dat", 0, UA, 400, "message_syntax", NULL },
    { R4475, "scalar02.dat", 0, UA, 400, "number_range", NULL },
    { R4475, "scalarlg.dat", 0, UA, DROP, "number_range", NULL },
    { R4475, "quotbal.dat", 0, UA, 400, "header_syntax", NULL },
    { R4475, "ltgtruri.dat", 0, UA, 400, "message_syntax", NULL },
    { R4475, "lwsruri.dat", 0, UA, 400, "message_syntax", NULL },
    { R4475, "lwsstart.dat", 0, UA, 400, "message_syntax", NULL },
    { R4475, "trws.dat", 0, UA, 400, "message_syntax", NULL },
    { R4475, "escruri.dat", 0, UA, 400, "message_syntax", NULL },
    /* "may reject, only if Date matters": Date is informational, a warning */
    { R4475, "baddate.dat", 0, UA, ACCEPT, NULL, "header_syntax_other" },
    { R4475, "regbadct.dat", 0, UA, 400, "header_syntax", NULL },
    { R4475, "badaspec.dat", 0, UA, 400, "header_syntax", NULL },
    { R4475, "baddn.dat", EOH, UA, 400, "header_syntax", NULL },
    { R4475, "badvers.dat", 0, UA, 505, "sip_version", NULL },
    { R4475, "mismatch01.dat", 0, UA, 400, "cseq_method", NULL },
    { R4475, "mismatch02.dat", 0, UA, 400, "cseq_method", NULL },   /* 501, or 400 */
    { R4475, "bigcode.dat", 0, UA, DROP, NULL, NULL },
    /* §3.2.1: a transaction-layer matter; the parser must not break */
    { R4475, "badbranch.dat", 0, UA, ACCEPT, NULL, "via_branch_cookie" },
    /* §3.3: application-layer cases */
    { R4475, "insuf.dat", 0, UA, 400, "minimumHeaders", NULL },
    { R4475, "unkscm.dat", 0, UA, 416, "rfc3261_8_2_2_1", NULL },
    { R4475, "novelsc.dat", 0, UA, 416, "rfc3261_8_2_2_1", NULL },
    { R4475, "unksm2.dat", 0, UA, 400, "register_aor_scheme", NULL },
    { R4475, "bext01.dat", 0, UA, 420, "require_unsupported", NULL },
    { R4475, "bext01.dat", 0, PROXY, 420, "require_unsupported", "proxy_require_unsupported" },
    { R4475, "invut.dat", 0, UA, 415, "content_type_unknown", NULL },
    { R4475, "regaut01.dat", 0, UA, ACCEPT, NULL, "auth_scheme" },
    { R4475, "multi01.dat", 0, UA, 400, NULL, "single_value" },
    { R4475, "mcl01.dat", 0, UA, 400, "message_syntax", NULL },
    { R4475, "bcast.dat", 0, UA, DROP, NULL, "via_broadcast" },
    { R4475, "zeromf.dat", 0, UA, ACCEPT, NULL, NULL },         /* an endpoint processes it */
    { R4475, "zeromf.dat", 0, PROXY, 483, "max_forwards_zero", NULL },
    { R4475, "cparam01.dat", 0, UA, ACCEPT, NULL, NULL },
    { R4475, "cparam02.dat", 0, UA, ACCEPT, NULL, NULL },
    { R4475, "regescrt.dat", 0, UA, ACCEPT, NULL, NULL },
    { R4475, "sdp01.dat", 0, UA, 406, "accept_unacceptable", NULL },
    /* §3.4.1: RFC 2543 syntax, processed for backward compatibility */
    { R4475, "inv2543.dat", 0, UA, ACCEPT, NULL, "max_forwards_missing" },
    /* the stray archive file: no SIP-Version, a header line without a colon */
    { R4475, "test.dat", 0, UA, 400, "message_syntax", NULL },
    /* RFC 5118 (CRLF wire copies) */
    { R5118, "ipv6-good.dat", 0, UA, ACCEPT, NULL, NULL },
    { R5118, "ipv6-bad.dat", 0, UA, 400, "message_syntax", NULL },
    { R5118, "port-ambiguous.dat", 0, UA, ACCEPT, NULL, NULL },
    { R5118, "port-unambiguous.dat", 0, UA, ACCEPT, NULL, NULL },
    { R5118, "via-received-param-with-delim.dat", 0, UA, ACCEPT, NULL, NULL },
    { R5118, "via-received-param-no-delim.dat", 0, UA, ACCEPT, NULL, NULL },
    /* archive quirk: Content-Length 268 for a 251-byte body (corpus/README.md) */
    { R5118, "ipv6-in-sdp.dat", 0, UA, 400, "rfc3261_18_3_request", NULL },
    { R5118, "mult-ip-in-header.dat", 0, UA, ACCEPT, NULL, NULL },
    { R5118, "mult-ip-in-sdp.dat", 0, UA, ACCEPT, NULL, "trailing_bytes" },
    { R5118, "ipv4-mapped-ipv6.dat", 0, UA, ACCEPT, NULL, NULL },
    { R5118, "ipv6-bug-abnf-3-colons.dat", 0, UA, ACCEPT, NULL, NULL },
    { R5118, "ipv6-correct-abnf-2-colons.dat", 0, UA, ACCEPT, NULL, NULL },
};

START_TEST(test_rfc_replies)
{
    const corpus_row *r = &rows[_i];
    char path[256];
    snprintf(path, sizeof path, "%s%s", r->dir, r->file);
    size_t len;
    char *data = read_file(src_path(path), &len);
    ck_assert_msg(data != NULL, "cannot read %s", path);
    sipparse_sanity_ctx ctx = make_ctx(r->ctx);
    tmsg t;
    outcome o;
    evaluate(&t, data, len, r->flags, &ctx, &o);
    const sipparse_finding *d = decisive(&o);
    int reply = d ? d->reply : ACCEPT;
    ck_assert_msg(reply == r->reply, "%s: reply %d, expected %d; findings %s", r->file, reply,
                  r->reply, findings_str(&o));
    if (r->rule)
        ck_assert_msg(d && strcmp(d->rule->id, r->rule) == 0, "%s: decided by %s, expected %s",
                      r->file, d ? d->rule->id : "nothing", r->rule);
    if (r->also)
        ck_assert_msg(find_rule(&o, r->also) != NULL, "%s: no %s among %s", r->file, r->also,
                      findings_str(&o));
    for (size_t i = 0; i < o.n && i < MAX_FINDINGS; i++) {   /* every position is in the input */
        const sipparse_finding *f = &o.f[i];
        ck_assert_msg(f->at == NULL || (f->at >= t.g.data && f->at <= t.g.data + len &&
                                        f->offset == (size_t)(f->at - t.g.data) && f->line >= 1),
                      "%s: finding %s at offset %zu outside the input", r->file, f->rule->id,
                      f->offset);
    }
    /* a message that does not parse reports that alone, never a cascade */
    if (!o.parsed)
        ck_assert_msg(o.n == 1, "%s: %zu findings for an unparsed message", r->file, o.n);
    tmsg_free(&t);
    free(data);
}
END_TEST

/* ---- one message per rule ------------------------------------------------------------ */

#define REQ_HEAD(method, ruri)                                                                 \
    method " " ruri " SIP/2.0" CRLF "Via: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK.abc" CRLF        \
    "Max-Forwards: 70" CRLF "From: <sip:a@example.com>;tag=1" CRLF "To: <sip:b@example.com>" CRLF \
    "Call-ID: xyz1@192.0.2.1" CRLF
#define RESP_HEAD(code)                                                                        \
    "SIP/2.0 " code " Whatever" CRLF "Via: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK.abc" CRLF       \
    "From: <sip:a@example.com>;tag=1" CRLF "To: <sip:b@example.com>;tag=2" CRLF                 \
    "Call-ID: xyz1@192.0.2.1" CRLF

static int transaction_says(void *user, const sipparse_msg *m)
{
    (void)m;
    return *(const int *)user;
}

static const int merged_answer = 2, retrans_answer = 1;

/* What a row of rule_rows sets up beyond its message. */
enum row_setup {
    PLAIN = 0,
    LOCAL_ID,           /* the UA's own id is "xyz1" */
    MERGED,             /* the transaction layer answers "merged" */
    RETRANSMISSION,     /* the transaction layer answers "retransmission" */
    AS_PROXY,           /* evaluated as a proxy, not a UA */
    TO_TEL,             /* the To header holds a tel: URI */
    FROM_UNTAGGED,      /* the From header has no tag */
};

static const struct {
    const char *rule, *msg;
    unsigned flags;
    enum row_setup setup;
    int reply;          /* of that rule's finding */
} rule_rows[] = {
    { "minimumHeaders", "OPTIONS sip:b@example.com SIP/2.0" CRLF "Via: SIP/2.0/UDP h;branch=z9hG4bK1"
      CRLF CRLF, 0, PLAIN, 400 },
    { "rfc3261_8_2_2_1", REQ_HEAD("OPTIONS", "tel:+1-201-555-0123") "CSeq: 1 OPTIONS" CRLF CRLF, 0,
      PLAIN, 416 },
    { "rfc3261_16_3_4", REQ_HEAD("OPTIONS", "sip:b@example.com") "CSeq: 1 OPTIONS" CRLF CRLF,
      0, LOCAL_ID, 482 },
    { "rfc3261_18_3_request", REQ_HEAD("MESSAGE", "sip:b@example.com") "CSeq: 1 MESSAGE" CRLF
      "Content-Type: text/plain" CRLF "Content-Length: 10" CRLF CRLF "hi", 0, PLAIN, 400 },
    { "rfc3261_8_2_2_2", REQ_HEAD("OPTIONS", "sip:b@example.com") "CSeq: 1 OPTIONS" CRLF CRLF,
      0, MERGED, 482 },
    { "rfc3261_8_2_2_2", REQ_HEAD("OPTIONS", "sip:b@example.com") "CSeq: 1 OPTIONS" CRLF CRLF,
      0, RETRANSMISSION, DROP },
    { "rfc3261_8_1_3_3", RESP_HEAD("200") "Via: SIP/2.0/UDP 192.0.2.9;branch=z9hG4bK.x" CRLF
      "CSeq: 1 OPTIONS" CRLF CRLF, 0, PLAIN, DROP },
    { "rfc3261_18_3_response", RESP_HEAD("200") "CSeq: 1 OPTIONS" CRLF "Content-Length: 10" CRLF
      CRLF "hi", 0, PLAIN, DROP },
    { "message_syntax", "OPTIONS sip:b@example.com SIP/2.0" CRLF "Via SIP/2.0/UDP h" CRLF CRLF, 0,
      PLAIN, 400 },
    { "sip_version", "OPTIONS sip:b@example.com SIP/3.0" CRLF "Via: SIP/2.0/UDP h;branch=z9hG4bK1"
      CRLF CRLF, 0, PLAIN, 505 },
    { "sip_version", "OPTIONS sip:b@example.com SIP/3.0" CRLF "Via: SIP/2.0/UDP h;branch=z9hG4bK1"
      CRLF CRLF, SIPPARSE_F_ALLOW_ANY_VERSION, PLAIN, 505 },
    { "header_syntax", REQ_HEAD("OPTIONS", "sip:b@example.com") "CSeq: one OPTIONS" CRLF CRLF,
      0, PLAIN, 400 },
    { "header_syntax_other", REQ_HEAD("OPTIONS", "sip:b@example.com") "CSeq: 1 OPTIONS" CRLF
      "Date: yesterday" CRLF CRLF, 0, PLAIN, ACCEPT },
    { "single_value", REQ_HEAD("OPTIONS", "sip:b@example.com") "CSeq: 1 OPTIONS" CRLF
      "Call-ID: other@192.0.2.1" CRLF CRLF, 0, PLAIN, 400 },
    { "cseq_method", REQ_HEAD("OPTIONS", "sip:b@example.com") "CSeq: 1 INVITE" CRLF CRLF,
      0, PLAIN, 400 },
    { "number_range", REQ_HEAD("REGISTER", "sip:example.com") "CSeq: 1 REGISTER" CRLF
      "Contact: <sip:a@192.0.2.4>" CRLF "Expires: 4294967296" CRLF CRLF, 0, PLAIN, 400 },
    { "number_range", REQ_HEAD("REGISTER", "sip:example.com") "CSeq: 1 REGISTER" CRLF
      "Contact: <sip:a@192.0.2.4>;expires=99999999999" CRLF CRLF, 0, PLAIN, 400 },
    { "number_range", REQ_HEAD("OPTIONS", "sip:b@example.com") "CSeq: 1 OPTIONS" CRLF
      "Route: <sip:p.example.com:65536;lr>" CRLF CRLF, 0, PLAIN, 400 },
    { "number_range", RESP_HEAD("200") "CSeq: 4294967296 OPTIONS" CRLF CRLF, 0, PLAIN, DROP },
    { "cseq_range", REQ_HEAD("OPTIONS", "sip:b@example.com") "CSeq: 2147483648 OPTIONS" CRLF CRLF,
      0, PLAIN, ACCEPT },
    { "status_code", RESP_HEAD("099") "CSeq: 1 OPTIONS" CRLF CRLF, 0, PLAIN, DROP },
    { "method_headers", REQ_HEAD("INVITE", "sip:b@example.com") "CSeq: 1 INVITE" CRLF CRLF,
      0, PLAIN, 400 },
    { "max_forwards_missing", "OPTIONS sip:b@example.com SIP/2.0" CRLF
      "Via: SIP/2.0/UDP h;branch=z9hG4bK1" CRLF "From: <sip:a@h>;tag=1" CRLF "To: <sip:b@h>" CRLF
      "Call-ID: c" CRLF "CSeq: 1 OPTIONS" CRLF CRLF, 0, PLAIN, ACCEPT },
    { "from_tag", REQ_HEAD("OPTIONS", "sip:b@example.com") "CSeq: 1 OPTIONS" CRLF CRLF,
      0, FROM_UNTAGGED, ACCEPT },
    { "max_forwards_zero", "OPTIONS sip:b@example.com SIP/2.0" CRLF
      "Via: SIP/2.0/UDP h;branch=z9hG4bK1" CRLF "Max-Forwards: 0" CRLF "From: <sip:a@h>;tag=1" CRLF
      "To: <sip:b@h>" CRLF "Call-ID: c" CRLF "CSeq: 1 OPTIONS" CRLF CRLF, 0, AS_PROXY, 483 },
    { "content_type_missing", REQ_HEAD("MESSAGE", "sip:b@example.com") "CSeq: 1 MESSAGE" CRLF
      "Content-Length: 2" CRLF CRLF "hi", 0, PLAIN, 400 },
    { "content_type_unknown", REQ_HEAD("MESSAGE", "sip:b@example.com") "CSeq: 1 MESSAGE" CRLF
      "Content-Type: text/plain" CRLF "Content-Length: 2" CRLF CRLF "hi", 0, PLAIN, 415 },
    { "accept_unacceptable", REQ_HEAD("OPTIONS", "sip:b@example.com") "CSeq: 1 OPTIONS" CRLF
      "Accept: text/html, image/*" CRLF CRLF, 0, PLAIN, 406 },
    { "require_unsupported", REQ_HEAD("OPTIONS", "sip:b@example.com") "CSeq: 1 OPTIONS" CRLF
      "Require: timer, foo" CRLF CRLF, 0, PLAIN, 420 },
    { "proxy_require_unsupported", REQ_HEAD("OPTIONS", "sip:b@example.com") "CSeq: 1 OPTIONS" CRLF
      "Proxy-Require: foo" CRLF CRLF, 0, AS_PROXY, 420 },
    { "via_branch_cookie", "OPTIONS sip:b@example.com SIP/2.0" CRLF "Via: SIP/2.0/UDP h;branch=1"
      CRLF "Max-Forwards: 70" CRLF "From: <sip:a@h>;tag=1" CRLF "To: <sip:b@h>" CRLF "Call-ID: c"
      CRLF "CSeq: 1 OPTIONS" CRLF CRLF, 0, PLAIN, ACCEPT },
    { "to_tag_response", "SIP/2.0 486 Busy" CRLF "Via: SIP/2.0/UDP h;branch=z9hG4bK1" CRLF
      "From: <sip:a@h>;tag=1" CRLF "To: <sip:b@h>" CRLF "Call-ID: c" CRLF "CSeq: 1 INVITE" CRLF
      CRLF, 0, PLAIN, ACCEPT },
    { "contact_response", RESP_HEAD("200") "CSeq: 1 INVITE" CRLF CRLF, 0, PLAIN, DROP },
    { "contact_target", REQ_HEAD("INVITE", "sip:b@example.com") "CSeq: 1 INVITE" CRLF
      "Contact: <sip:a@192.0.2.4>, <sip:a@192.0.2.5>" CRLF CRLF, 0, PLAIN, 400 },
    { "contact_target", REQ_HEAD("SUBSCRIBE", "sip:b@example.com") "CSeq: 1 SUBSCRIBE" CRLF
      "Event: presence" CRLF "Contact: <tel:+15551234>" CRLF CRLF, 0, PLAIN, 400 },
    { "contact_target", RESP_HEAD("200") "CSeq: 1 INVITE" CRLF "Contact: <sip:b@192.0.2.6>" CRLF
      "Contact: <sip:b@192.0.2.7>" CRLF CRLF, 0, PLAIN, DROP },
    { "contact_star", REQ_HEAD("REGISTER", "sip:example.com") "CSeq: 1 REGISTER" CRLF
      "Contact: *" CRLF "Expires: 3600" CRLF CRLF, 0, PLAIN, 400 },
    { "contact_star", REQ_HEAD("REGISTER", "sip:example.com") "CSeq: 1 REGISTER" CRLF
      "Contact: *" CRLF "Contact: <sip:a@192.0.2.4>" CRLF "Expires: 0" CRLF CRLF, 0, PLAIN, 400 },
    { "contact_star", REQ_HEAD("INVITE", "sip:b@example.com") "CSeq: 1 INVITE" CRLF "Contact: *"
      CRLF CRLF, 0, PLAIN, 400 },
    { "register_aor_scheme", REQ_HEAD("REGISTER", "sip:example.com") "CSeq: 1 REGISTER" CRLF CRLF,
      0, TO_TEL, 400 },
    { "auth_scheme", REQ_HEAD("OPTIONS", "sip:b@example.com") "CSeq: 1 OPTIONS" CRLF
      "Authorization: Basic QWxhZGRpbjpvcGVu" CRLF CRLF, 0, PLAIN, 401 },
    { "via_broadcast", REQ_HEAD("OPTIONS", "sip:b@example.com") "CSeq: 1 OPTIONS" CRLF
      "Via: SIP/2.0/UDP 255.255.255.255;branch=z9hG4bK2" CRLF CRLF, 0, PLAIN, DROP },
    { "trailing_bytes", REQ_HEAD("OPTIONS", "sip:b@example.com") "CSeq: 1 OPTIONS" CRLF
      "Content-Length: 0" CRLF CRLF "junk", 0, PLAIN, ACCEPT },
};

/* msg with its first `was` replaced by `now`, in buf */
static const char *replaced(const char *msg, const char *was, const char *now, char *buf,
                            size_t cap)
{
    const char *at = strstr(msg, was);
    ck_assert(at != NULL);
    int n = snprintf(buf, cap, "%.*s%s%s", (int)(at - msg), msg, now, at + strlen(was));
    ck_assert(n > 0 && (size_t)n < cap);
    return buf;
}

START_TEST(test_rule_fires)
{
    const char *msg = rule_rows[_i].msg, *want = rule_rows[_i].rule;
    char text[1024];
    enum row_setup setup = rule_rows[_i].setup;
    if (setup == TO_TEL)
        msg = replaced(msg, "To: <sip:b@example.com>", "To: <tel:+15551234>", text, sizeof text);
    else if (setup == FROM_UNTAGGED)
        msg = replaced(msg, "From: <sip:a@example.com>;tag=1", "From: \"A\" <sip:a@example.com>;x=1",
                       text, sizeof text);
    sipparse_sanity_ctx ctx = make_ctx(setup == AS_PROXY ? PROXY : UA);
    int answer = setup == MERGED ? merged_answer : retrans_answer;
    if (setup == LOCAL_ID) {
        ctx.local_id = "xyz1";
        ctx.local_id_len = 4;
    } else if (setup == MERGED || setup == RETRANSMISSION) {
        ctx.transaction = transaction_says;
        ctx.user = &answer;
    }
    tmsg t;
    outcome o;
    evaluate(&t, msg, strlen(msg), rule_rows[_i].flags, &ctx, &o);
    const sipparse_finding *f = find_rule(&o, want);
    ck_assert_msg(f != NULL, "%s: not among %s", want, findings_str(&o));
    ck_assert_msg(f->reply == rule_rows[_i].reply, "%s: reply %d, expected %d", want, f->reply,
                  rule_rows[_i].reply);
    ck_assert_msg(f->at >= t.g.data && f->at <= t.g.data + strlen(msg), "%s: position outside",
                  want);
    tmsg_free(&t);
}
END_TEST

/* Every rule of the table has a row above, ids are unique and each has its section. */
START_TEST(test_rules_table)
{
    size_t n;
    const sipparse_rule *r = sipparse_sanity_rules(&n);
    ck_assert_msg(n >= 25, "%zu rules", n);
    int jssip = 0;
    for (size_t i = 0; i < n; i++) {
        ck_assert_msg(r[i].id && r[i].section && r[i].summary && r[i].section[0] == 'R',
                      "rule %zu incomplete", i);
        jssip += r[i].jssip;
        for (size_t k = 0; k < i; k++)
            ck_assert_msg(strcmp(r[i].id, r[k].id) != 0, "rule id %s twice", r[i].id);
        int tested = 0;
        for (size_t k = 0; k < ARRAY_LEN(rule_rows); k++)
            tested |= strcmp(rule_rows[k].rule, r[i].id) == 0;
        ck_assert_msg(tested, "rule %s has no test message", r[i].id);
        ck_assert_msg(r[i].severity == SIPPARSE_SEV_ERROR || r[i].reply == ACCEPT ||
                          r[i].reply >= 400,
                      "rule %s: a warning implies no reply but a failure one", r[i].id);
    }
    ck_assert_msg(jssip == 7, "%d JsSIP rules, JsSIP has 7", jssip);
}
END_TEST

/* Responses and ACK are never answered; a clean request has no finding at all. */
START_TEST(test_no_reply_to_ack_or_responses)
{
    const char *ack = REQ_HEAD("ACK", "sip:b@example.com") "CSeq: 1 INVITE" CRLF CRLF;
    const char *clean = REQ_HEAD("OPTIONS", "sip:b@example.com") "CSeq: 1 OPTIONS" CRLF CRLF;
    sipparse_sanity_ctx ctx = make_ctx(UA);
    tmsg t;
    outcome o;
    evaluate(&t, ack, strlen(ack), 0, &ctx, &o);
    const sipparse_finding *f = find_rule(&o, "cseq_method");
    ck_assert_msg(f && f->reply == DROP, "ACK: %s", findings_str(&o));
    tmsg_free(&t);
    evaluate(&t, clean, strlen(clean), 0, &ctx, &o);
    ck_assert_msg(o.n == 0, "clean OPTIONS: %s", findings_str(&o));
    /* a count beyond cap is still the full count, and nothing is written past cap */
    const char *bad = REQ_HEAD("INVITE", "tel:1") "CSeq: 1 BYE" CRLF "Require: x, y, z" CRLF CRLF;
    tmsg_parse(&t, bad, strlen(bad), 0);
    sipparse_finding one[2];
    memset(one, 0x5a, sizeof one);
    size_t n = sipparse_sanity_check(&t.m, &ctx, one, 1);
    ck_assert_msg(n >= 5, "%zu findings", n);
    const unsigned char *tail = (const unsigned char *)&one[1];
    for (size_t i = 0; i < sizeof one[1]; i++)
        ck_assert_msg(tail[i] == 0x5a, "written past cap");
    ck_assert_msg(sipparse_sanity_check(&t.m, NULL, NULL, 0) >= 3, "NULL output array");
    tmsg_free(&t);
}
END_TEST

/* The Contact forms the Contact rules allow: a REGISTER that removes every binding, a
 * REGISTER with several bindings, one SIPS target, a 3xx with several alternatives. */
START_TEST(test_contact_forms_allowed)
{
    static const char *const ok[] = {
        REQ_HEAD("REGISTER", "sip:example.com") "CSeq: 1 REGISTER" CRLF "Contact: *" CRLF
            "Expires: 0" CRLF CRLF,
        REQ_HEAD("REGISTER", "sip:example.com") "CSeq: 1 REGISTER" CRLF
            "Contact: <sip:a@192.0.2.4>, <sip:a@192.0.2.5>" CRLF CRLF,
        REQ_HEAD("INVITE", "sip:b@example.com") "CSeq: 1 INVITE" CRLF
            "Contact: \"A\" <sips:a@192.0.2.4;transport=tcp>;+sip.instance=\"<urn:x>\"" CRLF CRLF,
        RESP_HEAD("302") "CSeq: 1 INVITE" CRLF "Contact: <sip:b@192.0.2.6>, <tel:+15551234>" CRLF
            CRLF,
    };
    sipparse_sanity_ctx ctx = make_ctx(UA);
    for (size_t i = 0; i < ARRAY_LEN(ok); i++) {
        tmsg t;
        outcome o;
        evaluate(&t, ok[i], strlen(ok[i]), 0, &ctx, &o);
        ck_assert_msg(o.parsed && !find_rule(&o, "contact_star") && !find_rule(&o, "contact_target"),
                      "case %zu: %s", i, findings_str(&o));
        tmsg_free(&t);
    }
}
END_TEST

/* RFC 3261 §7.3.1: the auth headers may repeat (one per realm) without being lists. */
START_TEST(test_auth_headers_repeat)
{
    const char *msg = REQ_HEAD("OPTIONS", "sip:b@example.com") "CSeq: 1 OPTIONS" CRLF
        "Authorization: Digest username=\"a\", realm=\"one\", nonce=\"n\", uri=\"sip:b@example.com\", "
        "response=\"0123456789abcdef0123456789abcdef\"" CRLF
        "Authorization: Digest username=\"a\", realm=\"two\", nonce=\"m\", uri=\"sip:b@example.com\", "
        "response=\"0123456789abcdef0123456789abcdef\"" CRLF CRLF;
    sipparse_sanity_ctx ctx = make_ctx(UA);
    tmsg t;
    outcome o;
    evaluate(&t, msg, strlen(msg), 0, &ctx, &o);
    ck_assert_msg(o.parsed && o.n == 0, "two Authorization lines: %s", findings_str(&o));
    tmsg_free(&t);
}
END_TEST

Suite *sanity_suite(void)
{
    Suite *s = suite_create("sanity");
    TCase *tc = tcase_create("rfc");
    tcase_add_loop_test(tc, test_rfc_replies, 0, (int)ARRAY_LEN(rows));
    suite_add_tcase(s, tc);
    tc = tcase_create("rules");
    tcase_add_loop_test(tc, test_rule_fires, 0, (int)ARRAY_LEN(rule_rows));
    tcase_add_test(tc, test_rules_table);
    tcase_add_test(tc, test_no_reply_to_ack_or_responses);
    tcase_add_test(tc, test_auth_headers_repeat);
    tcase_add_test(tc, test_contact_forms_allowed);
    suite_add_tcase(s, tc);
    return s;
}
