/* tests/check_corpus.c: conformance verdicts on the bundled corpus (corpus/README.md):
 * the RFC 4475 torture messages, the RFC 5118 IPv6 messages (CRLF wire copies strictly,
 * the LF-only archive bytes leniently), and the messages of RFC 3261 §24 and RFC 3665. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "suites.h"
#include "util.h"

#define RFC4475_DIR "corpus/rfc4475/"
#define RFC5118_DIR "corpus/rfc5118/"
#define EXAMPLES_DIR "corpus/rfc-examples/"

/* Tables loaded when the suite is built (so the loop tests know their row counts). */
static tsv_table t4475, t5118, t3261_index, t3665_index;
static int have4475, have5118, have_index;
static char **example_files;
static size_t n_examples;

static char *corpus_file(const char *dir, const char *file, size_t *len)
{
    char path[512];
    snprintf(path, sizeof path, "%s%s", dir, file);
    char *data = read_file(src_path(path), len);
    ck_assert_msg(data != NULL, "cannot read %s (run from the repository root)", path);
    return data;
}

/* On a stream, the framer and stream-mode msg_parse find the same message length as the
 * datagram parse did (the message carries a Content-Length). */
static void assert_stream_agrees(const char *name, const tmsg *dgram, unsigned flags)
{
    size_t want = dgram->m.start + dgram->m.len;
    sipparse_frame_info fi;
    sipparse_error err;
    memset(&err, 0, sizeof err);
    sipparse_err rc = sipparse_frame(dgram->g.data, dgram->g.len, flags & SIPPARSE_F_LENIENT,
                                     SIPPARSE_DEFAULT_MAX_SIZE, &fi, &err);
    ck_assert_msg(rc == SIPPARSE_OK && fi.kind == SIPPARSE_FRAME_MESSAGE && fi.len == want,
                  "%s: framer %s, length %zu, datagram parse %zu", name, code_str(rc),
                  rc == SIPPARSE_OK ? fi.len : 0, want);
    sipparse_hdr hdrs[TMSG_MAX_HDRS];
    sipparse_msg m;
    sipparse_msg_init(&m, hdrs, TMSG_MAX_HDRS, flags | SIPPARSE_F_STREAM);
    rc = sipparse_msg_parse(&m, dgram->g.data, dgram->g.len);
    ck_assert_msg(rc == SIPPARSE_OK && m.start + m.len == want, "%s: stream parse %s, length %zu",
                  name, code_str(rc), m.start + m.len);
}

/* ---- RFC 4475 ------------------------------------------------------------------------ */

enum { ANY = -1 };
enum { S_NONE = 0, S_START, S_RURI, S_CODE, S_VERSION }; /* start-line error classes */

static int start_class_ok(sipparse_err e, int cls)
{
    switch (cls) {
    case S_START: return e == SIPPARSE_E_START_LINE;
    case S_RURI: return e == SIPPARSE_E_START_LINE || e == SIPPARSE_E_URI;
    case S_CODE: return e == SIPPARSE_E_START_LINE || e == SIPPARSE_E_RANGE;
    case S_VERSION: return e == SIPPARSE_E_VERSION;
    }
    return 0;
}

/* What each invalid message must be rejected for, where the RFC leaves no doubt. */
static const struct {
    const char *name;
    int parse_rc;            /* strict msg_parse result; ANY: not checked */
    int check_rc;            /* msg_check result (when parse succeeded); ANY: not checked */
    int start;               /* S_*: the deciding error is on the start line, in this class */
    sipparse_hdr_id hdr, hdr2; /* a finding (or the parse error) about one of these ... */
    int code;                /* ... with this code (ANY: any) */
    unsigned relax;          /* flags for a second pass that gets past the first problem */
    unsigned accept;         /* flags under which a liberal parser takes the message whole */
} expect4475[] = {
    /* §3.1.2.1: Via holds ";;,;,," (Contact's ";;;;" is not critical). */
    { "badinv01", SIPPARSE_OK, ANY, S_NONE, SIPPARSE_HDR_VIA, 0, ANY, 0, 0 },
    /* §3.1.2.2: Content-Length 9999 over UDP. */
    { "clerr", SIPPARSE_E_BODY_TRUNCATED, ANY, S_NONE, 0, 0, ANY, 0, 0 },
    /* §3.1.2.3 */
    { "ncl", SIPPARSE_E_CONTENT_LENGTH, ANY, S_NONE, SIPPARSE_HDR_CONTENT_LENGTH, 0,
      SIPPARSE_E_CONTENT_LENGTH, 0, 0 },
    /* §3.1.2.4: 400 because of CSeq (Max-Forwards and Expires are out of range too). */
    { "scalar02", SIPPARSE_OK, SIPPARSE_E_RANGE, S_NONE, SIPPARSE_HDR_CSEQ, 0, SIPPARSE_E_RANGE, 0,
      0 },
    /* §3.1.2.5 */
    { "scalarlg", SIPPARSE_OK, SIPPARSE_E_RANGE, S_NONE, SIPPARSE_HDR_CSEQ, 0, SIPPARSE_E_RANGE, 0,
      0 },
    /* §3.1.2.6 */
    { "quotbal", SIPPARSE_OK, ANY, S_NONE, SIPPARSE_HDR_TO, 0, ANY, 0, 0 },
    /* §3.1.2.7, §3.1.2.8, §3.1.2.11: the Request-URI. */
    { "ltgtruri", ANY, ANY, S_RURI, 0, 0, ANY, 0, 0 },
    { "lwsruri", ANY, ANY, S_RURI, 0, 0, ANY, 0, 0 },
    { "escruri", ANY, ANY, S_RURI, 0, 0, ANY, 0, 0 },
    /* §3.1.2.9, §3.1.2.10: "may reject"; a liberal parser may ignore the extra SP. */
    { "lwsstart", SIPPARSE_E_START_LINE, ANY, S_START, 0, 0, ANY, 0, SIPPARSE_F_ALLOW_EXTRA_SP },
    { "trws", SIPPARSE_E_START_LINE, ANY, S_START, 0, 0, ANY, 0, SIPPARSE_F_ALLOW_EXTRA_SP },
    /* §3.1.2.12: EST is not GMT; Date is not critical, so a finding. */
    { "baddate", SIPPARSE_OK, ANY, S_NONE, SIPPARSE_HDR_DATE, 0, ANY, 0, 0 },
    /* §3.1.2.13: an addr-spec Contact with URI headers (not critical: a finding). */
    { "regbadct", SIPPARSE_OK, ANY, S_NONE, SIPPARSE_HDR_CONTACT, 0, ANY, 0, 0 },
    /* §3.1.2.14 */
    { "badaspec", SIPPARSE_OK, ANY, S_NONE, SIPPARSE_HDR_TO, 0, ANY, 0, 0 },
    /* §3.1.2.15: the archive copy ends without the empty line, so the strict pass
     * stops there; a pass that allows that must then fail on From or To. */
    { "baddn", SIPPARSE_E_NO_END_OF_HEADERS, ANY, S_NONE, SIPPARSE_HDR_FROM, SIPPARSE_HDR_TO, ANY,
      SIPPARSE_F_ALLOW_MISSING_EOH, 0 },
    /* §3.1.2.16 */
    { "badvers", SIPPARSE_E_VERSION, ANY, S_VERSION, 0, 0, ANY, 0, 0 },
    /* §3.1.2.17, §3.1.2.18 */
    { "mismatch01", SIPPARSE_OK, SIPPARSE_E_CSEQ_METHOD, S_NONE, SIPPARSE_HDR_CSEQ, 0,
      SIPPARSE_E_CSEQ_METHOD, 0, 0 },
    { "mismatch02", SIPPARSE_OK, SIPPARSE_E_CSEQ_METHOD, S_NONE, SIPPARSE_HDR_CSEQ, 0,
      SIPPARSE_E_CSEQ_METHOD, 0, 0 },
    /* §3.1.2.19 */
    { "bigcode", ANY, ANY, S_CODE, 0, 0, ANY, 0, 0 },
    /* §3.3.1: no Call-ID, From or To. */
    { "insuf", SIPPARSE_OK, SIPPARSE_E_MISSING_HEADER, S_NONE, 0, 0, ANY, 0, 0 },
    /* §3.3.8 */
    { "multi01", SIPPARSE_OK, SIPPARSE_E_DUPLICATE_HEADER, S_NONE, 0, 0, ANY, 0, 0 },
    /* §3.3.9 */
    { "mcl01", SIPPARSE_E_CL_CONFLICT, ANY, S_NONE, SIPPARSE_HDR_CONTENT_LENGTH, 0,
      SIPPARSE_E_CL_CONFLICT, 0, 0 },
    /* Not in the RFC text: a Request-Line without SIP-Version. */
    { "test", SIPPARSE_E_START_LINE, ANY, S_START, 0, 0, ANY, 0, 0 },
};

static int find_expect4475(const char *name)
{
    for (size_t i = 0; i < ARRAY_LEN(expect4475); i++)
        if (strcmp(expect4475[i].name, name) == 0)
            return (int)i;
    return -1;
}

/* Finding about hdr among check's findings, or the parse error when it is about hdr. */
static const sipparse_error *finding_about(const tmsg *t, const verdict *v, sipparse_hdr_id hdr)
{
    if (hdr == 0)
        return NULL;
    if (v->parse_rc != SIPPARSE_OK)
        return t->m.error.hdr == hdr ? &t->m.error : NULL;
    return verdict_find_hdr(v, hdr);
}

/* The rejection must say where: a header or a grammar rule, and a line. */
static void assert_located(const char *name, const tmsg *t, const verdict *v)
{
    const sipparse_error *e = v->err;
    ck_assert_msg(e != NULL, "%s: rejected without an error", name);
    ck_assert_msg(e->hdr != SIPPARSE_HDR_OTHER || (e->rule != NULL && e->rule[0] != '\0'),
                  "%s: error names neither header nor rule: %s", name, err_str(e));
    ck_assert_msg(e->line > 0, "%s: error without a line: %s", name, err_str(e));
    const char *why = error_pos_problem(t->g.data + t->m.start, t->g.len - t->m.start, e);
    ck_assert_msg(why == NULL, "%s: %s: %s", name, why, err_str(e));
}

/* Valid messages are accepted with no findings; tolerated: a missing Max-Forwards in an
 * RFC 2543 request (RFC 4475 §3.4.1), reported as a non-critical finding. */
static void assert_clean(const char *name, const verdict *v, int tolerate_mf)
{
    ck_assert_msg(v->parse_rc == SIPPARSE_OK, "%s: parse %s", name, err_str(v->err));
    ck_assert_msg(v->check_rc == SIPPARSE_OK, "%s: check %s: %s", name, code_str(v->check_rc),
                  err_str(v->err));
    size_t have = v->nerrs < VERDICT_MAX_ERRS ? v->nerrs : VERDICT_MAX_ERRS;
    for (size_t k = 0; k < have; k++) {
        const sipparse_error *e = &v->errs[k];
        int ok = tolerate_mf && e->code == SIPPARSE_E_MISSING_HEADER &&
                 e->hdr == SIPPARSE_HDR_MAX_FORWARDS && !e->critical;
        ck_assert_msg(ok, "%s: finding %zu: %s", name, k, err_str(e));
    }
}

START_TEST(test_rfc4475_verdict)
{
    const char *name = tsv_get(&t4475, (size_t)_i, "name");
    const char *file = tsv_get(&t4475, (size_t)_i, "file");
    const char *verdict_s = tsv_get(&t4475, (size_t)_i, "verdict");
    size_t len;
    char *data = corpus_file(RFC4475_DIR, file, &len);
    tmsg t;
    verdict v;
    tmsg_parse(&t, data, len, 0);
    verdict_run(&t, &v);

    if (strcmp(verdict_s, "valid") == 0) {
        /* lwsdisp: grammar-invalid, but RFC 4475 §3.1.1.6 says accept it.
         * inv2543: no Content-Length, so the body is the rest of the datagram. */
        assert_clean(name, &v, strcmp(name, "inv2543") == 0);
        const char *why = msg_problem(&t);
        ck_assert_msg(why == NULL, "%s: %s", name, why);
        ck_assert_msg(find_expect4475(name) < 0, "%s: valid but has an expectation row", name);
        if (t.m.has_content_length)
            assert_stream_agrees(name, &t, 0);
    } else {
        ck_assert_msg(strcmp(verdict_s, "invalid") == 0 || strcmp(verdict_s, "unreferenced") == 0,
                      "%s: unknown verdict '%s'", name, verdict_s);
        ck_assert_msg(verdict_rejected(&v), "%s: %s message accepted", name, verdict_s);
        assert_located(name, &t, &v);
        int x = find_expect4475(name);
        ck_assert_msg(x >= 0, "%s: invalid message without an expectation row", name);
        if (expect4475[x].parse_rc != ANY)
            ck_assert_msg((int)v.parse_rc == expect4475[x].parse_rc, "%s: parse %s, expected %s",
                          name, err_str(&t.m.error),
                          code_str((sipparse_err)expect4475[x].parse_rc));
        if (expect4475[x].check_rc != ANY)
            ck_assert_msg((int)v.check_rc == expect4475[x].check_rc, "%s: check %s, expected %s",
                          name, err_str(v.err), code_str((sipparse_err)expect4475[x].check_rc));
        if (expect4475[x].start != S_NONE) {
            ck_assert_msg(start_class_ok(v.err->code, expect4475[x].start),
                          "%s: wrong start-line error %s", name, err_str(v.err));
            ck_assert_msg(v.err->line == 1 && v.err->hdr == SIPPARSE_HDR_OTHER,
                          "%s: error not on the start line: %s", name, err_str(v.err));
        }
        if (expect4475[x].hdr != 0 && expect4475[x].relax == 0) {
            const sipparse_error *e = finding_about(&t, &v, expect4475[x].hdr);
            ck_assert_msg(e != NULL, "%s: nothing about %s; decided by %s", name,
                          hdr_str(expect4475[x].hdr), err_str(v.err));
            if (expect4475[x].code != ANY)
                ck_assert_msg((int)e->code == expect4475[x].code, "%s: %s, expected %s", name,
                              err_str(e), code_str((sipparse_err)expect4475[x].code));
            /* A header error sits on that header's line. */
            ck_assert_msg(e->line > 1, "%s: header error on line %u", name, e->line);
        }
        tmsg_free(&t);
        if (expect4475[x].relax) {
            tmsg_parse(&t, data, len, expect4475[x].relax);
            verdict_run(&t, &v);
            ck_assert_msg(v.parse_rc == SIPPARSE_OK, "%s: flags 0x%x: parse %s", name,
                          expect4475[x].relax, err_str(&t.m.error));
            ck_assert_msg(t.m.warnings == expect4475[x].relax, "%s: warnings 0x%x", name,
                          t.m.warnings);
            const sipparse_error *e = finding_about(&t, &v, expect4475[x].hdr);
            if (e == NULL && expect4475[x].hdr2)
                e = finding_about(&t, &v, expect4475[x].hdr2);
            ck_assert_msg(e != NULL && e->critical && v.check_rc != SIPPARSE_OK,
                          "%s: flags 0x%x: no critical error about %s or %s: %s", name,
                          expect4475[x].relax, hdr_str(expect4475[x].hdr),
                          hdr_str(expect4475[x].hdr2), err_str(v.err));
            tmsg_free(&t);
        }
        if (expect4475[x].accept) {
            tmsg_parse(&t, data, len, expect4475[x].accept);
            verdict_run(&t, &v);
            assert_clean(name, &v, 0);
            ck_assert_msg(t.m.warnings == expect4475[x].accept, "%s: warnings 0x%x", name,
                          t.m.warnings);
            tmsg_free(&t);
        }
    }
    if (t.g.map)
        tmsg_free(&t);
    free(data);
}
END_TEST

START_TEST(test_rfc4475_table)
{
    ck_assert_msg(have4475, "cannot read " RFC4475_DIR "VERDICTS.tsv");
    size_t valid = 0, invalid = 0, unref = 0;
    for (size_t r = 0; r < t4475.nrows; r++) {
        const char *v = tsv_get(&t4475, r, "verdict");
        valid += strcmp(v, "valid") == 0;
        invalid += strcmp(v, "invalid") == 0;
        unref += strcmp(v, "unreferenced") == 0;
    }
    /* corpus/README.md: 27 valid, 22 invalid, 1 unreferenced. */
    ck_assert_msg(valid == 27 && invalid == 22 && unref == 1, "verdicts %zu/%zu/%zu", valid,
                  invalid, unref);
    /* Every expectation row names a message of the table. */
    for (size_t i = 0; i < ARRAY_LEN(expect4475); i++) {
        int found = 0;
        for (size_t r = 0; r < t4475.nrows; r++)
            found |= strcmp(tsv_get(&t4475, r, "name"), expect4475[i].name) == 0;
        ck_assert_msg(found, "expectation %s is not in VERDICTS.tsv", expect4475[i].name);
    }
}
END_TEST

/* ---- content of some valid RFC 4475 messages ----------------------------------------- */

static unsigned count_values(const tmsg *t, sipparse_hdr_id id, int via)
{
    unsigned n = 0;
    for (const sipparse_hdr *h = sipparse_msg_hdr(&t->m, id); h; h = sipparse_msg_hdr_next(&t->m, h)) {
        size_t pos = 0;
        for (;;) {
            sipparse_error err;
            sipparse_err rc;
            if (via) {
                sipparse_via vv;
                rc = sipparse_via_next(h->value, &pos, &vv, &err);
            } else {
                sipparse_nameaddr na;
                rc = sipparse_contact_next(h->value, &pos, &na, &err);
            }
            if (rc != SIPPARSE_OK)
                break;
            n++;
        }
    }
    return n;
}

static void parse_file(tmsg *t, const char *dir, const char *file, unsigned flags, char **data)
{
    size_t len;
    *data = corpus_file(dir, file, &len);
    sipparse_err rc = tmsg_parse(t, *data, len, flags);
    ck_assert_msg(rc == SIPPARSE_OK, "%s: %s", file, err_str(&t->m.error));
}

START_TEST(test_rfc4475_wsinv)
{
    tmsg t;
    char *data;
    parse_file(&t, RFC4475_DIR, "wsinv.dat", 0, &data);
    ck_assert_msg(t.m.has_content_length && t.m.content_length == 150 && t.m.body.len == 150,
                  "Content-Length %u", (unsigned)t.m.content_length);
    const sipparse_hdr *h = sipparse_msg_hdr(&t.m, SIPPARSE_HDR_SUBJECT);
    ck_assert_msg(h != NULL && h->value.len == 0 && sl_is(h->name, "s"), "empty Subject");
    h = sipparse_msg_hdr_named(&t.m, "NewFangledHeader", 16);
    ck_assert_msg(h != NULL && sl_is(h->value, "newfangled value\r\n continued newfangled value"),
                  "NewFangledHeader");
    h = sipparse_msg_hdr_named(&t.m, "UnknownHeaderWithUnusualValue", 29);
    ck_assert_msg(h != NULL && sl_is(h->value, ";;,,;;,;"), "UnknownHeaderWithUnusualValue");
    h = sipparse_msg_hdr(&t.m, SIPPARSE_HDR_MAX_FORWARDS);
    ck_assert_msg(h != NULL && sl_is(h->name, "MaX-fOrWaRdS") && sl_is(h->value, "0068"),
                  "Max-Forwards");
    uint32_t mf = 0;
    sipparse_error err;
    ck_assert_msg(sipparse_uint_parse(h->value, 255, &mf, &err) == SIPPARSE_OK && mf == 68,
                  "Max-Forwards value %u", (unsigned)mf);
    ck_assert_msg(count_values(&t, SIPPARSE_HDR_VIA, 1) == 3, "wsinv: Via values");
    ck_assert_msg(count_values(&t, SIPPARSE_HDR_CONTACT, 0) == 1, "wsinv: Contact values");
    h = sipparse_msg_hdr(&t.m, SIPPARSE_HDR_CSEQ);
    sipparse_cseq cs;
    ck_assert_msg(h && sipparse_cseq_parse(h->value, &cs, &err) == SIPPARSE_OK && cs.seq == 9 &&
                      cs.method_id == SIPPARSE_METHOD_INVITE,
                  "CSeq");
    h = sipparse_msg_hdr(&t.m, SIPPARSE_HDR_FROM);
    sipparse_nameaddr na;
    ck_assert_msg(h && sipparse_nameaddr_parse(h->value.ptr, h->value.len, &na, &err) ==
                               SIPPARSE_OK && sl_is(na.tag, "98asjd8"),
                  "From tag");
    tmsg_free(&t);
    free(data);
}
END_TEST

START_TEST(test_rfc4475_details)
{
    tmsg t;
    char *data;
    sipparse_error err;
    sipparse_uri u;

    /* §3.1.1.8: 450 octets after Content-Length: 0 are ignored. */
    parse_file(&t, RFC4475_DIR, "dblreq.dat", 0, &data);
    ck_assert_msg(t.m.trailing == 450 && t.m.len == 300 && t.m.body.len == 0,
                  "dblreq: len %zu trailing %zu", t.m.len, t.m.trailing);
    ck_assert_msg(t.m.method == SIPPARSE_METHOD_REGISTER, "dblreq: method");
    tmsg_free(&t);
    free(data);

    /* §3.1.1.5: an unknown method; C%6Fntact is another header. */
    parse_file(&t, RFC4475_DIR, "esc02.dat", 0, &data);
    ck_assert_msg(t.m.method == SIPPARSE_METHOD_OTHER && sl_is(t.m.method_name, "RE%47IST%45R"),
                  "esc02: method");
    ck_assert_msg(count_values(&t, SIPPARSE_HDR_CONTACT, 0) == 2, "esc02: Contact values");
    ck_assert_msg(sipparse_msg_hdr_named(&t.m, "C%6Fntact", 9) != NULL, "esc02: C%%6Fntact");
    tmsg_free(&t);
    free(data);

    /* §3.1.1.11: the body holds NULs and bare LFs; Content-Length frames it. */
    parse_file(&t, RFC4475_DIR, "mpart01.dat", 0, &data);
    ck_assert_msg(t.m.body.len == 553 && memchr(t.m.body.ptr, '\0', t.m.body.len) != NULL,
                  "mpart01: body %zu", t.m.body.len);
    tmsg_free(&t);
    free(data);

    /* §3.4.1: no Content-Length: the body is the rest. */
    parse_file(&t, RFC4475_DIR, "inv2543.dat", 0, &data);
    ck_assert_msg(!t.m.has_content_length && t.m.body.len > 0 &&
                      t.m.body.ptr + t.m.body.len == t.g.data + t.g.len,
                  "inv2543: body");
    tmsg_free(&t);
    free(data);

    /* §3.1.1.13 and §3.1.1.12 */
    parse_file(&t, RFC4475_DIR, "noreason.dat", 0, &data);
    ck_assert_msg(!t.m.is_request && t.m.status == 100 && t.m.reason.len == 0, "noreason");
    tmsg_free(&t);
    free(data);
    parse_file(&t, RFC4475_DIR, "unreason.dat", 0, &data);
    ck_assert_msg(t.m.status == 200 && t.m.reason.len > 20 &&
                      memcmp(t.m.reason.ptr, "= 2**3 * 5**2 ", 14) == 0,
                  "unreason: '%.*s'", SL(t.m.reason));
    tmsg_free(&t);
    free(data);

    /* §3.1.1.7: 34 Via header lines under every spelling of the name. */
    parse_file(&t, RFC4475_DIR, "longreq.dat", 0, &data);
    ck_assert_msg(count_values(&t, SIPPARSE_HDR_VIA, 1) == 34, "longreq: Via values");
    tmsg_free(&t);
    free(data);

    /* §3.1.1.9 and §3.3.2: the Request-URIs. */
    parse_file(&t, RFC4475_DIR, "semiuri.dat", 0, &data);
    ck_assert_msg(sipparse_uri_parse(t.m.ruri.ptr, t.m.ruri.len, SIPPARSE_URI_REQUEST, &u, &err) ==
                          SIPPARSE_OK && sl_is(u.user, "user;par=u%40example.net"),
                  "semiuri: user '%.*s'", SL(u.user));
    tmsg_free(&t);
    free(data);
    parse_file(&t, RFC4475_DIR, "unkscm.dat", 0, &data);
    ck_assert_msg(sipparse_uri_parse(t.m.ruri.ptr, t.m.ruri.len, SIPPARSE_URI_REQUEST, &u, &err) ==
                          SIPPARSE_OK && u.scheme_id == SIPPARSE_SCHEME_OTHER,
                  "unkscm: scheme");
    tmsg_free(&t);
    free(data);

    /* §3.1.1.10: five transports. */
    parse_file(&t, RFC4475_DIR, "transports.dat", 0, &data);
    static const char *const tr[] = { "UDP", "SCTP", "TLS", "UNKNOWN", "TCP" };
    size_t k = 0;
    for (const sipparse_hdr *h = sipparse_msg_hdr(&t.m, SIPPARSE_HDR_VIA); h;
         h = sipparse_msg_hdr_next(&t.m, h), k++) {
        size_t pos = 0;
        sipparse_via vv;
        ck_assert_msg(k < 5 && sipparse_via_next(h->value, &pos, &vv, &err) == SIPPARSE_OK &&
                          sl_is(vv.transport, tr[k]),
                      "transports: Via %zu", k);
    }
    ck_assert_msg(k == 5, "transports: %zu Via headers", k);
    tmsg_free(&t);
    free(data);

    /* §3.3.12 and §3.3.13: where unknownparam belongs. */
    parse_file(&t, RFC4475_DIR, "cparam01.dat", 0, &data);
    const sipparse_hdr *h = sipparse_msg_hdr(&t.m, SIPPARSE_HDR_CONTACT);
    sipparse_nameaddr na;
    size_t pos = 0;
    ck_assert_msg(h && sipparse_contact_next(h->value, &pos, &na, &err) == SIPPARSE_OK &&
                      sl_is(na.params, ";unknownparam") && na.uri.params.ptr == NULL,
                  "cparam01: params '%.*s'", SL(na.params));
    tmsg_free(&t);
    free(data);
    parse_file(&t, RFC4475_DIR, "cparam02.dat", 0, &data);
    h = sipparse_msg_hdr(&t.m, SIPPARSE_HDR_CONTACT);
    pos = 0;
    ck_assert_msg(h && sipparse_contact_next(h->value, &pos, &na, &err) == SIPPARSE_OK &&
                      na.params.ptr == NULL && sl_is(na.uri.params, ";unknownparam"),
                  "cparam02: uri params '%.*s'", SL(na.uri.params));
    tmsg_free(&t);
    free(data);

    /* §3.1.1.6 */
    parse_file(&t, RFC4475_DIR, "lwsdisp.dat", 0, &data);
    h = sipparse_msg_hdr(&t.m, SIPPARSE_HDR_FROM);
    ck_assert_msg(h && sipparse_nameaddr_parse(h->value.ptr, h->value.len, &na, &err) ==
                               SIPPARSE_OK && sl_is(na.display, "caller") && sl_is(na.tag, "323"),
                  "lwsdisp: display '%.*s'", SL(na.display));
    tmsg_free(&t);
    free(data);
}
END_TEST

/* ---- RFC 5118 --------------------------------------------------------------------------- */

/* The archive's Content-Length quirks (corpus/README.md §2), decided per RFC 3261 §18.3:
 * a datagram whose Content-Length exceeds its body is rejected (E_BODY_TRUNCATED), one
 * whose body is longer has the extra bytes ignored. So in strict datagram mode:
 *   ipv6-in-sdp (4.6): declares 268; the body is 251 (wire) / 242 (LF): truncated in both.
 *   mult-ip-in-sdp (4.8): declares 181; 189 (wire): 8 trailing bytes; 180 (LF): truncated.
 *   ipv4-mapped-ipv6 (4.9): declares 236; 245 (wire): 9 trailing bytes; 236 (LF): exact.
 * The messages themselves are what RFC 5118 calls valid: with the body padded to the
 * declared length they must parse and check cleanly. */
static const struct {
    const char *name;
    sipparse_err wire_rc, raw_rc;
    size_t wire_trailing, raw_trailing;
} quirks5118[] = {
    { "ipv6-in-sdp", SIPPARSE_E_BODY_TRUNCATED, SIPPARSE_E_BODY_TRUNCATED, 0, 0 },
    { "mult-ip-in-sdp", SIPPARSE_OK, SIPPARSE_E_BODY_TRUNCATED, 8, 0 },
    { "ipv4-mapped-ipv6", SIPPARSE_OK, SIPPARSE_OK, 9, 0 },
};

static void check_5118(const char *name, const char *verdict_s, const char *dir, const char *file,
                       unsigned flags, int raw)
{
    size_t len;
    char *data = corpus_file(dir, file, &len);
    char label[128];
    snprintf(label, sizeof label, "%s (%s)", name, raw ? "archive, lenient" : "wire, strict");
    tmsg t;
    verdict v;
    tmsg_parse(&t, data, len, flags);
    verdict_run(&t, &v);
    int q = -1;
    for (size_t i = 0; i < ARRAY_LEN(quirks5118); i++)
        if (strcmp(quirks5118[i].name, name) == 0)
            q = (int)i;
    if (strcmp(verdict_s, "invalid") == 0) {
        /* §4.2: the only invalid one; its Request-URI lacks the brackets. */
        ck_assert_msg(verdict_rejected(&v), "%s: accepted", label);
        assert_located(label, &t, &v);
        ck_assert_msg(v.err->line == 1 && (v.err->code == SIPPARSE_E_START_LINE ||
                                           v.err->code == SIPPARSE_E_URI),
                      "%s: not a Request-URI error: %s", label, err_str(v.err));
    } else {
        ck_assert_msg(strcmp(verdict_s, "valid") == 0, "%s: verdict '%s'", label, verdict_s);
        sipparse_err want = q >= 0 ? (raw ? quirks5118[q].raw_rc : quirks5118[q].wire_rc)
                                   : SIPPARSE_OK;
        ck_assert_msg(v.parse_rc == want, "%s: parse %s, expected %s", label,
                      err_str(&t.m.error), code_str(want));
        if (want == SIPPARSE_OK) {
            assert_clean(label, &v, 0);
            const char *why = msg_problem(&t);
            ck_assert_msg(why == NULL, "%s: %s", label, why);
            size_t trailing = q >= 0 ? (raw ? quirks5118[q].raw_trailing
                                            : quirks5118[q].wire_trailing)
                                     : 0;
            ck_assert_msg(t.m.trailing == trailing, "%s: trailing %zu, expected %zu", label,
                          t.m.trailing, trailing);
            /* The archive files end without CRLFCRLF in §4.10: no stream framing there. */
            if (!raw || !(t.m.warnings & SIPPARSE_F_ALLOW_MISSING_EOH))
                assert_stream_agrees(label, &t, flags);
        } else {
            /* Padded to the declared length, the message is valid. */
            const char *clh = strstr(data, "Content-Length:");
            ck_assert_msg(clh != NULL, "%s: no Content-Length", label);
            size_t cl = strtoul(clh + 15, NULL, 10);
            size_t body_at = (size_t)(strstr(data, raw ? "\n\n" : "\r\n\r\n") - data) +
                             (raw ? 2 : 4);
            size_t plen = body_at + cl;
            ck_assert_msg(plen > len, "%s: nothing to pad", label);
            char *padded = malloc(plen);
            memcpy(padded, data, len);
            memset(padded + len, ' ', plen - len);
            tmsg_free(&t);
            tmsg_parse(&t, padded, plen, flags);
            verdict_run(&t, &v);
            assert_clean(label, &v, 0);
            free(padded);
        }
        if (raw && v.parse_rc == SIPPARSE_OK) {
            unsigned want_w = SIPPARSE_F_ALLOW_LF;
            if (strstr(name, "abnf") != NULL) /* §4.10 files end without the empty line */
                want_w |= SIPPARSE_F_ALLOW_MISSING_EOH;
            ck_assert_msg(t.m.warnings == want_w, "%s: warnings 0x%x, expected 0x%x", label,
                          t.m.warnings, want_w);
        }
    }
    /* The LF-only archive bytes are never strictly valid. */
    if (raw) {
        tmsg_free(&t);
        ck_assert_msg(tmsg_parse(&t, data, len, 0) != SIPPARSE_OK, "%s: LF-only accepted strictly",
                      label);
    }
    tmsg_free(&t);
    free(data);
}

START_TEST(test_rfc5118_wire)
{
    check_5118(tsv_get(&t5118, (size_t)_i, "name"), tsv_get(&t5118, (size_t)_i, "verdict"),
               RFC5118_DIR "wire/", tsv_get(&t5118, (size_t)_i, "file"), 0, 0);
}
END_TEST

START_TEST(test_rfc5118_raw)
{
    check_5118(tsv_get(&t5118, (size_t)_i, "name"), tsv_get(&t5118, (size_t)_i, "verdict"),
               RFC5118_DIR, tsv_get(&t5118, (size_t)_i, "file"), SIPPARSE_F_LENIENT, 1);
}
END_TEST

START_TEST(test_rfc5118_hosts)
{
    tmsg t;
    char *data;
    sipparse_error err;
    sipparse_uri u;
    /* §4.3: the "port" is inside the brackets, so there is none. */
    parse_file(&t, RFC5118_DIR "wire/", "port-ambiguous.dat", 0, &data);
    ck_assert_msg(sipparse_uri_parse(t.m.ruri.ptr, t.m.ruri.len, SIPPARSE_URI_REQUEST, &u, &err) ==
                          SIPPARSE_OK && sl_is(u.host, "[2001:db8::10:5070]") && u.port == -1,
                  "port-ambiguous: host '%.*s' port %d", SL(u.host), u.port);
    tmsg_free(&t);
    free(data);
    parse_file(&t, RFC5118_DIR "wire/", "port-unambiguous.dat", 0, &data);
    ck_assert_msg(sipparse_uri_parse(t.m.ruri.ptr, t.m.ruri.len, SIPPARSE_URI_REQUEST, &u, &err) ==
                          SIPPARSE_OK && sl_is(u.host, "[2001:db8::10]") && u.port == 5070,
                  "port-unambiguous: host '%.*s' port %d", SL(u.host), u.port);
    tmsg_free(&t);
    free(data);
    /* §4.7: three Via values, IPv6 with a port, IPv4, IPv6 with an IPv4 received. */
    parse_file(&t, RFC5118_DIR "wire/", "mult-ip-in-header.dat", 0, &data);
    static const sipparse_host_type ht[] = { SIPPARSE_HOST_IPV6, SIPPARSE_HOST_IPV4,
                                             SIPPARSE_HOST_IPV6 };
    size_t k = 0;
    for (const sipparse_hdr *h = sipparse_msg_hdr(&t.m, SIPPARSE_HDR_VIA); h;
         h = sipparse_msg_hdr_next(&t.m, h), k++) {
        size_t pos = 0;
        sipparse_via vv;
        ck_assert_msg(k < 3 && sipparse_via_next(h->value, &pos, &vv, &err) == SIPPARSE_OK &&
                          vv.host_type == ht[k],
                      "mult-ip-in-header: Via %zu", k);
        if (k == 0)
            ck_assert_msg(vv.port == 6050, "mult-ip-in-header: port %d", vv.port);
        if (k == 2)
            ck_assert_msg(sl_is(vv.received, "192.0.2.200"), "mult-ip-in-header: received");
    }
    ck_assert_msg(k == 3, "mult-ip-in-header: %zu Via headers", k);
    tmsg_free(&t);
    free(data);
}
END_TEST

/* ---- RFC 3261 §24 and RFC 3665 examples ------------------------------------------------- */

/* RFC 3665 §3.9 F6, F8 and F10 print "SIP/2.0  486 Busy Here" (two spaces). */
static int two_space_status(const char *file)
{
    return strcmp(file, "rfc3665_3.9_F6.sip") == 0 || strcmp(file, "rfc3665_3.9_F8.sip") == 0 ||
           strcmp(file, "rfc3665_3.9_F10.sip") == 0;
}

/* The INDEX row of file, -1 when absent. */
static long index_row(const tsv_table *t, const char *file)
{
    for (size_t r = 0; r < t->nrows; r++)
        if (strcmp(tsv_get(t, r, "file"), file) == 0)
            return (long)r;
    return -1;
}

START_TEST(test_rfc_example)
{
    const char *file = example_files[_i];
    ck_assert_msg(have_index, "cannot read the rfc-examples INDEX files");
    const tsv_table *idx = strncmp(file, "rfc3261", 7) == 0 ? &t3261_index : &t3665_index;
    long row = index_row(idx, file);
    ck_assert_msg(row >= 0, "%s: not in its INDEX file", file);
    const char *printed = tsv_get(idx, (size_t)row, "content_length_printed");
    const char *actual = tsv_get(idx, (size_t)row, "body_len_crlf");
    /* RFC 3261 §24.2 bodies are the placeholder "(Alice's SDP not shown)": shorter than
     * their Content-Length, so a datagram is truncated (RFC 3261 §18.3). */
    int truncated = printed[0] != '\0' && strtoul(printed, NULL, 10) > strtoul(actual, NULL, 10);
    int has_cl = printed[0] != '\0';

    size_t len;
    char *data = corpus_file(EXAMPLES_DIR, file, &len);
    tmsg t;
    verdict v;
    tmsg_parse(&t, data, len, 0);
    verdict_run(&t, &v);
    if (truncated) {
        ck_assert_msg(v.parse_rc == SIPPARSE_E_BODY_TRUNCATED, "%s: %s, expected E_BODY_TRUNCATED",
                      file, err_str(&t.m.error));
        tmsg_free(&t);
        /* On a stream the rest is still to come. */
        ck_assert_msg(tmsg_parse(&t, data, len, SIPPARSE_F_STREAM) == SIPPARSE_E_AGAIN,
                      "%s: stream: %s", file, err_str(&t.m.error));
    } else if (two_space_status(file)) {
        ck_assert_msg(v.parse_rc == SIPPARSE_E_START_LINE && t.m.error.line == 1,
                      "%s: strict: %s", file, err_str(&t.m.error));
        tmsg_free(&t);
        tmsg_parse(&t, data, len, SIPPARSE_F_ALLOW_EXTRA_SP);
        verdict_run(&t, &v);
        assert_clean(file, &v, 0);
        ck_assert_msg(t.m.warnings == SIPPARSE_F_ALLOW_EXTRA_SP && t.m.status == 486 &&
                          sl_is(t.m.reason, "Busy Here"),
                      "%s: lenient: warnings 0x%x status %u", file, t.m.warnings, t.m.status);
    } else if (strcmp(file, "rfc3665_2.1_F3.sip") == 0) {
        /* RFC 3665 §2.1 F3 prints no comma between realm and nonce in Authorization
         * (RFC 3261 §25.1: dig-resp *(COMMA dig-resp)): one finding, at the folded nonce. */
        ck_assert_msg(v.parse_rc == SIPPARSE_OK && v.check_rc == SIPPARSE_OK && v.nerrs == 1 &&
                          v.errs[0].hdr == SIPPARSE_HDR_AUTHORIZATION && v.errs[0].line == 10 &&
                          v.errs[0].col == 2,
                      "%s: %zu findings, first %s", file, v.nerrs, err_str(v.err));
    } else {
        /* RFC 3665 §2.5 F1 (a REGISTER) was printed without Max-Forwards. */
        assert_clean(file, &v, strcmp(file, "rfc3665_2.5_F1.sip") == 0);
        const char *why = msg_problem(&t);
        ck_assert_msg(why == NULL, "%s: %s", file, why);
        ck_assert_msg(t.m.trailing == 0 && t.m.len == len, "%s: len %zu trailing %zu", file,
                      t.m.len, t.m.trailing);
        ck_assert_msg(t.m.has_content_length == has_cl, "%s: has_content_length %d", file,
                      t.m.has_content_length);
        /* The same bytes on a stream: framer and parser agree on the length. */
        tmsg_free(&t);
        sipparse_err rc = tmsg_parse(&t, data, len, SIPPARSE_F_STREAM);
        sipparse_frame_info fi;
        sipparse_error err;
        sipparse_err frc = sipparse_frame(t.g.data, len, 0, SIPPARSE_DEFAULT_MAX_SIZE, &fi, &err);
        if (has_cl) {
            ck_assert_msg(rc == SIPPARSE_OK && t.m.len == len, "%s: stream: %s", file,
                          err_str(&t.m.error));
            ck_assert_msg(frc == SIPPARSE_OK && fi.kind == SIPPARSE_FRAME_MESSAGE && fi.len == len,
                          "%s: framer: %s", file, err_str(&err));
        } else {
            /* RFC 3665 §3.8 F19 has no Content-Length. */
            ck_assert_msg(rc == SIPPARSE_E_CL_MISSING, "%s: stream: %s", file,
                          err_str(&t.m.error));
            ck_assert_msg(frc == SIPPARSE_E_CL_MISSING, "%s: framer: %s", file, code_str(frc));
        }
    }
    tmsg_free(&t);
    free(data);
}
END_TEST

START_TEST(test_rfc_example_count)
{
    /* corpus/README.md: 16 from RFC 3261 §24 and 181 from RFC 3665. */
    ck_assert_msg(n_examples == 197, "%zu example files", n_examples);
    ck_assert_msg(have_index && t3261_index.nrows + t3665_index.nrows == n_examples,
                  "INDEX rows %zu + %zu", t3261_index.nrows, t3665_index.nrows);
}
END_TEST

/* ---- loading ------------------------------------------------------------------------------ */

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void load_examples(void)
{
    DIR *d = opendir(src_path(EXAMPLES_DIR));
    if (d == NULL)
        return;
    size_t cap = 256;
    example_files = calloc(cap, sizeof *example_files);
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        size_t l = strlen(e->d_name);
        if (l < 5 || strcmp(e->d_name + l - 4, ".sip") != 0)
            continue;
        if (n_examples == cap) {
            cap *= 2;
            example_files = realloc(example_files, cap * sizeof *example_files);
        }
        example_files[n_examples++] = strdup(e->d_name);
    }
    closedir(d);
    qsort(example_files, n_examples, sizeof *example_files, cmp_str);
}

Suite *corpus_suite(void)
{
    have4475 = tsv_load(&t4475, src_path(RFC4475_DIR "VERDICTS.tsv")) == 0;
    have5118 = tsv_load(&t5118, src_path(RFC5118_DIR "VERDICTS.tsv")) == 0;
    have_index = tsv_load(&t3261_index, src_path(EXAMPLES_DIR "INDEX-rfc3261.tsv")) == 0 &&
                 tsv_load(&t3665_index, src_path(EXAMPLES_DIR "INDEX-rfc3665.tsv")) == 0;
    load_examples();

    Suite *s = suite_create("corpus");
    TCase *tc = tcase_create("rfc4475");
    tcase_add_test(tc, test_rfc4475_table);
    if (have4475)
        tcase_add_loop_test(tc, test_rfc4475_verdict, 0, (int)t4475.nrows);
    tcase_add_test(tc, test_rfc4475_wsinv);
    tcase_add_test(tc, test_rfc4475_details);
    suite_add_tcase(s, tc);

    tc = tcase_create("rfc5118");
    if (have5118) {
        tcase_add_loop_test(tc, test_rfc5118_wire, 0, (int)t5118.nrows);
        tcase_add_loop_test(tc, test_rfc5118_raw, 0, (int)t5118.nrows);
    }
    tcase_add_test(tc, test_rfc5118_hosts);
    suite_add_tcase(s, tc);

    tc = tcase_create("rfc-examples");
    tcase_add_test(tc, test_rfc_example_count);
    if (n_examples > 0)
        tcase_add_loop_test(tc, test_rfc_example, 0, (int)n_examples);
    suite_add_tcase(s, tc);
    return s;
}
