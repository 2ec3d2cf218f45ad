/* tests/check_robust.c: bad input never crashes, hangs or reads outside the buffer.
 * Every input sits right before a PROT_NONE page (guard.c), so an over-read faults and
 * Check reports the signal. Corpus messages are cut at every length, given NULs, and
 * mutated; the typed parsers get every prefix of every header value; unterminated
 * quotes, brackets and escapes end exactly at the guard page. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "suites.h"
#include "util.h"

#define CRLF "\r\n"

static tsv_table t4475, t5118;
static int have4475, have5118;

static void assert_err_in(const char *what, const sipparse_error *e, const char *p, size_t len)
{
    ck_assert_msg(e->at == NULL || (e->at >= p && e->at <= p + len),
                  "%s: error points outside the input", what);
}

/* Runs the typed parser a header id calls for on [p, p + len). */
static void typed_parse(const char *what, sipparse_hdr_id id, const char *p, size_t len)
{
    sipparse_slice v = { p, len };
    sipparse_error err;
    memset(&err, 0, sizeof err);
    sipparse_err rc = SIPPARSE_OK;
    switch (id) {
    case SIPPARSE_HDR_VIA: {
        size_t pos = 0;
        for (int k = 0; k < 1000; k++) {
            sipparse_via via;
            size_t before = pos;
            rc = sipparse_via_next(v, &pos, &via, &err);
            if (rc != SIPPARSE_OK)
                break;
            ck_assert_msg(pos > before && pos <= len, "%s: Via pos %zu -> %zu", what, before, pos);
            ck_assert_msg(sl_within(via.host, p, len) && sl_within(via.params, p, len) &&
                              sl_within(via.branch, p, len),
                          "%s: Via slices outside the value", what);
            sipparse_slice rest = via.params;
            sipparse_param prm;
            for (int j = 0; j < 1000 && rest.ptr && sipparse_param_next(&rest, &prm); j++)
                ck_assert_msg(sl_within(prm.name, p, len) && sl_within(prm.value, p, len),
                              "%s: Via param outside the value", what);
        }
        break;
    }
    case SIPPARSE_HDR_FROM:
    case SIPPARSE_HDR_TO: {
        sipparse_nameaddr na;
        rc = sipparse_nameaddr_parse(p, len, &na, &err);
        if (rc == SIPPARSE_OK) {
            ck_assert_msg(sl_within(na.display, p, len) && sl_within(na.uri.raw, p, len) &&
                              sl_within(na.params, p, len) && sl_within(na.tag, p, len),
                          "%s: name-addr slices outside the value", what);
            char small[9];
            memset(small, '#', sizeof small);
            sipparse_display_unquote(na.display, small, 8);
            ck_assert_msg(small[8] == '#', "%s: display_unquote wrote past cap", what);
        }
        break;
    }
    case SIPPARSE_HDR_CONTACT:
    case SIPPARSE_HDR_ROUTE:
    case SIPPARSE_HDR_RECORD_ROUTE:
    case SIPPARSE_HDR_PATH:
    case SIPPARSE_HDR_SERVICE_ROUTE: {
        size_t pos = 0;
        for (int k = 0; k < 1000; k++) {
            sipparse_nameaddr na;
            size_t before = pos;
            rc = id == SIPPARSE_HDR_CONTACT ? sipparse_contact_next(v, &pos, &na, &err)
                                            : sipparse_route_next(v, &pos, &na, &err);
            if (rc != SIPPARSE_OK)
                break;
            ck_assert_msg(pos > before && pos <= len, "%s: list pos %zu -> %zu", what, before,
                          pos);
            ck_assert_msg(sl_within(na.raw, p, len) && sl_within(na.uri.raw, p, len) &&
                              sl_within(na.params, p, len),
                          "%s: list slices outside the value", what);
            if (!na.star) {
                char out[64];
                memset(out, '#', sizeof out);
                sipparse_uri_print(&na.uri, SIPPARSE_PRINT_FULL, out, 32);
                ck_assert_msg(out[32] == '#', "%s: uri_print wrote past cap", what);
            }
        }
        break;
    }
    case SIPPARSE_HDR_CSEQ: {
        sipparse_cseq c;
        rc = sipparse_cseq_parse(v, &c, &err);
        break;
    }
    case SIPPARSE_HDR_CALL_ID:
        rc = sipparse_callid_parse(v, &err);
        break;
    case SIPPARSE_HDR_CONTENT_LENGTH:
    case SIPPARSE_HDR_EXPIRES:
    case SIPPARSE_HDR_MAX_FORWARDS:
    case SIPPARSE_HDR_MIN_EXPIRES:
    case SIPPARSE_HDR_RSEQ:
    case SIPPARSE_HDR_FLOW_TIMER: {
        uint32_t u;
        rc = sipparse_uint_parse(v, id == SIPPARSE_HDR_MAX_FORWARDS ? 255 : UINT32_MAX, &u, &err);
        break;
    }
    case SIPPARSE_HDR_CONTENT_TYPE: {
        sipparse_ctype ct;
        rc = sipparse_ctype_parse(v, &ct, &err);
        break;
    }
    case SIPPARSE_HDR_DATE:
        rc = sipparse_date_parse(v, &err);
        break;
    default:
        rc = sipparse_text_parse(v, &err);
        break;
    }
    ck_assert_msg((int)rc >= 0 && rc < SIPPARSE_ERR__COUNT, "%s: result %d", what, (int)rc);
    if (rc != SIPPARSE_OK && rc != SIPPARSE_END)
        assert_err_in(what, &err, p, len);
}

/* After a successful parse: invariants, the message check, every typed parser on every
 * header, and the Request-URI. */
static void exercise(const char *what, const tmsg *t)
{
    const char *why = msg_problem(t);
    ck_assert_msg(why == NULL, "%s: %s", what, why);
    sipparse_error errs[16];
    size_t n = 0;
    sipparse_err rc = sipparse_msg_check(&t->m, errs, 16, &n);
    ck_assert_msg((int)rc >= 0 && rc < SIPPARSE_ERR__COUNT, "%s: check result %d", what, (int)rc);
    for (size_t k = 0; k < n && k < 16; k++) {
        ck_assert_msg(errs[k].offset <= t->g.len, "%s: finding offset %zu > %zu", what,
                      errs[k].offset, t->g.len);
        assert_err_in(what, &errs[k], t->g.data, t->g.len);
    }
    for (unsigned i = 0; i < t->m.nhdrs; i++)
        typed_parse(what, (sipparse_hdr_id)t->m.hdrs[i].id, t->m.hdrs[i].value.ptr,
                    t->m.hdrs[i].value.len);
    if (t->m.is_request) {
        sipparse_uri u;
        sipparse_error err;
        if (sipparse_uri_parse(t->m.ruri.ptr, t->m.ruri.len, SIPPARSE_URI_REQUEST, &u, &err) ==
            SIPPARSE_OK) {
            ck_assert_msg(sl_within(u.host, t->m.ruri.ptr, t->m.ruri.len), "%s: R-URI host", what);
            char out[2048];
            int pn = sipparse_uri_print(&u, SIPPARSE_PRINT_FULL, out, sizeof out);
            ck_assert_msg(pn >= -1 && pn < (int)sizeof out, "%s: uri_print %d", what, pn);
        }
    }
}

/* One parse of [data, data + len) with flags, against the guard page. */
static void parse_any(const char *what, const char *data, size_t len, unsigned flags)
{
    tmsg t;
    sipparse_err rc = tmsg_parse(&t, data, len, flags);
    ck_assert_msg((int)rc >= 0 && rc < SIPPARSE_ERR__COUNT && rc != SIPPARSE_END,
                  "%s: result %d", what, (int)rc);
    if (rc == SIPPARSE_OK) {
        exercise(what, &t);
    } else {
        ck_assert_msg(t.m.error.code == rc, "%s: m->error.code %s, returned %s", what,
                      code_str(t.m.error.code), code_str(rc));
        ck_assert_msg(t.m.error.offset <= len, "%s: error offset %zu > %zu", what,
                      t.m.error.offset, len);
        assert_err_in(what, &t.m.error, t.g.data, len);
    }
    /* The framer on the same bytes. */
    sipparse_frame_info fi;
    sipparse_error err;
    memset(&err, 0, sizeof err);
    sipparse_err frc = sipparse_frame(t.g.data, len, flags & SIPPARSE_F_LENIENT,
                                      SIPPARSE_DEFAULT_MAX_SIZE, &fi, &err);
    ck_assert_msg((int)frc >= 0 && frc < SIPPARSE_ERR__COUNT, "%s: frame result %d", what,
                  (int)frc);
    if (frc == SIPPARSE_OK) {
        ck_assert_msg(fi.len > 0 && fi.len <= len, "%s: frame length %zu of %zu", what, fi.len,
                      len);
    } else if (frc != SIPPARSE_E_AGAIN) {
        assert_err_in(what, &err, t.g.data, len);
    }
    tmsg_free(&t);
}

static const unsigned flag_sets[] = {
    0,
    SIPPARSE_F_LENIENT,
    SIPPARSE_F_STREAM,
    SIPPARSE_F_STREAM | SIPPARSE_F_LENIENT,
};

/* Every cut of a file, every flag set. A stream prefix of a message that parses in
 * stream mode is E_AGAIN (never an error) until it is whole. */
static void truncate_file(const char *dir, const char *file)
{
    char path[512];
    snprintf(path, sizeof path, "%s%s", dir, file);
    size_t len;
    char *data = read_file(src_path(path), &len);
    ck_assert_msg(data != NULL, "cannot read %s", path);
    tmsg whole;
    int stream_ok = tmsg_parse(&whole, data, len, SIPPARSE_F_STREAM | SIPPARSE_F_LENIENT) ==
                    SIPPARSE_OK;
    size_t stream_len = whole.m.len + whole.m.start;
    tmsg_free(&whole);
    for (size_t cut = 0; cut <= len; cut++) {
        for (size_t f = 0; f < ARRAY_LEN(flag_sets); f++) {
            char what[600];
            snprintf(what, sizeof what, "%s cut at %zu, flags 0x%x", path, cut, flag_sets[f]);
            parse_any(what, data, cut, flag_sets[f]);
        }
        if (stream_ok && cut > 0 && cut < stream_len) {
            tmsg t;
            sipparse_err rc = tmsg_parse(&t, data, cut, SIPPARSE_F_STREAM | SIPPARSE_F_LENIENT);
            ck_assert_msg(rc == SIPPARSE_E_AGAIN, "%s: stream prefix of %zu/%zu bytes: %s", path,
                          cut, stream_len, err_str(&t.m.error));
            tmsg_free(&t);
        }
    }
    free(data);
}

START_TEST(test_truncate_rfc4475)
{
    truncate_file("corpus/rfc4475/", tsv_get(&t4475, (size_t)_i, "file"));
}
END_TEST

START_TEST(test_truncate_rfc5118)
{
    truncate_file("corpus/rfc5118/", tsv_get(&t5118, (size_t)_i, "file"));
    truncate_file("corpus/rfc5118/wire/", tsv_get(&t5118, (size_t)_i, "file"));
}
END_TEST

static const char *const example_files[] = {
    "rfc3261_24.2_F1.sip", "rfc3665_3.10_F4.sip", "rfc3665_3.9_F6.sip", "rfc3665_2.1_F2.sip",
    "rfc3665_3.8_F19.sip",
};

START_TEST(test_truncate_examples)
{
    truncate_file("corpus/rfc-examples/", example_files[_i]);
}
END_TEST

/* ---- every prefix of every header value, to each typed parser ----------------------------- */

static void value_prefixes(const char *dir, const char *file, unsigned flags)
{
    char path[512];
    snprintf(path, sizeof path, "%s%s", dir, file);
    size_t len;
    char *data = read_file(src_path(path), &len);
    ck_assert_msg(data != NULL, "cannot read %s", path);
    tmsg t;
    if (tmsg_parse(&t, data, len, flags) == SIPPARSE_OK) {
        for (unsigned i = 0; i < t.m.nhdrs; i++) {
            const sipparse_hdr *h = &t.m.hdrs[i];
            for (size_t cut = 0; cut <= h->value.len; cut++) {
                guard_buf g = { 0 };
                const char *p = guard_copy(&g, h->value.ptr, cut);
                char what[600];
                snprintf(what, sizeof what, "%s header %u (%s) cut at %zu", path, i,
                         hdr_str(h->id), cut);
                typed_parse(what, (sipparse_hdr_id)h->id, p, cut);
                guard_free(&g);
            }
        }
        for (size_t cut = 0; cut <= t.m.ruri.len; cut++) {
            guard_buf g = { 0 };
            const char *p = guard_copy(&g, t.m.ruri.ptr, cut);
            sipparse_uri u;
            sipparse_error err;
            memset(&err, 0, sizeof err);
            sipparse_err rc = sipparse_uri_parse(p, cut, SIPPARSE_URI_REQUEST, &u, &err);
            if (rc != SIPPARSE_OK)
                assert_err_in(path, &err, p, cut);
            guard_free(&g);
        }
    }
    tmsg_free(&t);
    free(data);
}

START_TEST(test_value_prefixes_rfc4475)
{
    value_prefixes("corpus/rfc4475/", tsv_get(&t4475, (size_t)_i, "file"),
                   SIPPARSE_F_ALLOW_MISSING_EOH);
}
END_TEST

START_TEST(test_value_prefixes_rfc5118)
{
    value_prefixes("corpus/rfc5118/wire/", tsv_get(&t5118, (size_t)_i, "file"), 0);
}
END_TEST

/* ---- NUL bytes ------------------------------------------------------------------------------ */

static const char nul_msg[] =
    "INVITE sip:bob@biloxi.com SIP/2.0" CRLF
    "Via: SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bK776asdhds" CRLF
    "Max-Forwards: 70" CRLF
    "To: Bob <sip:bob@biloxi.com>" CRLF
    "From: Alice <sip:alice@atlanta.com>;tag=1928301774" CRLF
    "Call-ID: a84b4c76e66710@pc33.atlanta.com" CRLF
    "CSeq: 314159 INVITE" CRLF
    "Subject: lunch" CRLF
    "Content-Type: text/plain" CRLF
    "Content-Length: 12" CRLF
    CRLF
    "Hello there!";

/* A NUL replacing each byte in turn. The body is opaque; everywhere else a NUL is not
 * allowed (RFC 3261 §25.1: TEXT-UTF8char, tokens, and CRLF exclude %x00). */
START_TEST(test_nul_replace)
{
    size_t len = sizeof nul_msg - 1;
    size_t body_at = (size_t)(strstr(nul_msg, CRLF CRLF) - nul_msg) + 4;
    /* Max-Forwards, Subject and Content-Type are not critical (grammar/headers.def). */
    static const char *const noncritical[] = { "Max-Forwards", "Subject", "Content-Type" };
    char *copy = malloc(len);
    for (size_t k = 0; k < len; k++) {
        memcpy(copy, nul_msg, len);
        copy[k] = '\0';
        char what[64];
        snprintf(what, sizeof what, "NUL at %zu", k);
        parse_any(what, copy, len, 0);
        parse_any(what, copy, len, SIPPARSE_F_LENIENT);
        tmsg t;
        verdict v;
        tmsg_parse(&t, copy, len, 0);
        verdict_run(&t, &v);
        if (k >= body_at) {
            ck_assert_msg(v.parse_rc == SIPPARSE_OK && t.m.body.len == 12 &&
                              t.m.body.ptr[k - body_at] == '\0',
                          "%s: in the body: %s", what, err_str(v.err));
        } else {
            ck_assert_msg(verdict_rejected(&v), "%s: NUL in '%.20s' accepted", what,
                          nul_msg + (k > 10 ? k - 10 : 0));
            /* In the start line and in the critical header lines (their CRLF included)
             * the message is unusable; a NUL in a non-critical line (a CR or LF made bare
             * that line's own) may be just a finding. */
            const char *line = nul_msg + k;
            while (line > nul_msg && line[-1] != '\n')
                line--;
            int crit = 1;
            for (size_t j = 0; j < ARRAY_LEN(noncritical); j++)
                if (strncmp(line, noncritical[j], strlen(noncritical[j])) == 0 &&
                    (size_t)(nul_msg + k - line) <= strcspn(line, "\n"))
                    crit = 0;
            if (crit)
                ck_assert_msg(v.parse_rc != SIPPARSE_OK || v.check_rc != SIPPARSE_OK,
                              "%s: NUL in '%.20s' not critical: %s", what,
                              nul_msg + (k > 10 ? k - 10 : 0), err_str(v.err));
        }
        tmsg_free(&t);
    }
    free(copy);
}
END_TEST

/* A NUL inserted (the message one byte longer) before the start line, in a header name,
 * in a header value, at the start of the empty line, and in the body. */
START_TEST(test_nul_insert)
{
    static const struct {
        const char *before; /* insert before the first occurrence of this */
        int body;           /* 1: inside the body */
    } rows[] = {
        { "INVITE", 0 },      { "sip:bob", 0 },     { "SIP/2.0" CRLF, 0 }, { "Max-Forwards", 0 },
        { "Forwards", 0 },    { "70", 0 },          { "Bob <", 0 },        { "@atlanta.com>", 0 },
        { "314159", 0 },      { CRLF "Content-Length", 0 }, { CRLF CRLF, 0 },
        { "there!", 1 },
    };
    size_t len = sizeof nul_msg - 1;
    char *copy = malloc(len + 1);
    for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
        size_t at = (size_t)(strstr(nul_msg, rows[i].before) - nul_msg);
        memcpy(copy, nul_msg, at);
        copy[at] = '\0';
        memcpy(copy + at + 1, nul_msg + at, len - at);
        char what[96];
        snprintf(what, sizeof what, "NUL inserted before '%s'", rows[i].before);
        parse_any(what, copy, len + 1, 0);
        parse_any(what, copy, len + 1, SIPPARSE_F_LENIENT | SIPPARSE_F_STREAM);
        tmsg t;
        verdict v;
        tmsg_parse(&t, copy, len + 1, 0);
        verdict_run(&t, &v);
        if (rows[i].body)
            /* Content-Length 12 now ends one byte early: one trailing byte. */
            ck_assert_msg(v.parse_rc == SIPPARSE_OK && t.m.trailing == 1, "%s: %s", what,
                          err_str(v.err));
        else
            ck_assert_msg(verdict_rejected(&v), "%s: accepted", what);
        tmsg_free(&t);
    }
    free(copy);
}
END_TEST

/* ---- huge numbers --------------------------------------------------------------------------- */

START_TEST(test_huge_content_length)
{
    static const char *const cls[] = {
        "99999999999999999999", "18446744073709551616", "18446744073709551615", "4294967296",
        "999999999999999999999999999999999999999999999999999999999999",
    };
    for (size_t i = 0; i < ARRAY_LEN(cls); i++) {
        char text[512];
        snprintf(text, sizeof text,
                 "OPTIONS sip:bob@biloxi.com SIP/2.0" CRLF "Via: SIP/2.0/TCP h.example.com" CRLF
                 "Content-Length: %s" CRLF CRLF "body",
                 cls[i]);
        unsigned fl[3] = { 0, SIPPARSE_F_STREAM, SIPPARSE_F_LENIENT };
        for (int k = 0; k < 3; k++) {
            tmsg t;
            sipparse_err rc = tmsg_parse_str(&t, text, fl[k]);
            ck_assert_msg(rc == SIPPARSE_E_CONTENT_LENGTH, "CL %s flags 0x%x: %s", cls[i], fl[k],
                          err_str(&t.m.error));
            tmsg_free(&t);
        }
        guard_buf g = { 0 };
        const char *p = guard_str(&g, text);
        sipparse_frame_info fi;
        sipparse_error err;
        sipparse_err rc = sipparse_frame(p, g.len, 0, SIPPARSE_DEFAULT_MAX_SIZE, &fi, &err);
        ck_assert_msg(rc == SIPPARSE_E_CONTENT_LENGTH, "CL %s framer: %s", cls[i], err_str(&err));
        guard_free(&g);
    }
}
END_TEST

/* ---- unterminated constructs ending at the guard page ---------------------------------------- */

enum { K_NAMEADDR, K_URI, K_VIA, K_CONTACT, K_ROUTE, K_CSEQ, K_CTYPE, K_DATE, K_CALLID };

static const struct {
    int kind;
    const char *in;
    int must_fail;
} unterminated[] = {
    { K_NAMEADDR, "\"abc", 1 },
    { K_NAMEADDR, "\"abc\\", 1 },
    { K_NAMEADDR, "\"", 1 },
    { K_NAMEADDR, "\\", 1 },
    { K_NAMEADDR, "<", 1 },
    { K_NAMEADDR, "<sip:a@b.example.com", 1 },
    { K_NAMEADDR, "\"x\" <sip:a@b.example.com", 1 },
    { K_NAMEADDR, "\"x\" <", 1 },
    { K_NAMEADDR, "<sip:a@b.example.com>;p=\"x", 1 },
    { K_NAMEADDR, "<sip:a@b.example.com>;p=\"x\\", 1 },
    { K_NAMEADDR, "<sip:a@b.example.com>;", 1 },
    { K_NAMEADDR, "<sip:a@b.example.com>;p=", 1 },
    { K_NAMEADDR, "Bob <sip:a@[2001:db8::1", 1 },
    { K_URI, "sip:a@b.example.com;p=%", 1 },
    { K_URI, "sip:a@b.example.com;p=%4", 1 },
    { K_URI, "sip:a@b.example.com?h=%4", 1 },
    { K_URI, "sip:%", 1 },
    { K_URI, "sip:[::1", 1 },
    { K_URI, "sip:a@[", 1 },
    { K_URI, "sip:a@b.example.com:", 1 },
    { K_URI, "sip:a:", 1 },
    { K_URI, "s", 1 },
    { K_URI, "sip", 1 },
    { K_URI, "sip:a@b.example.com;", 1 },
    { K_URI, "sip:a@b.example.com?", 1 },
    { K_VIA, "SIP/2.0/UDP h.example.com;x=\"abc", 1 },
    { K_VIA, "SIP/2.0/UDP h.example.com;x=\"abc\\", 1 },
    { K_VIA, "SIP/2.0/UDP [::1", 1 },
    { K_VIA, "SIP/2.0/UDP h.example.com:", 1 },
    { K_VIA, "SIP", 1 },
    { K_VIA, "SIP/", 1 },
    { K_VIA, "SIP/2.0/", 1 },
    { K_VIA, "SIP/2.0/UDP h.example.com;received=[::", 1 },
    { K_VIA, "SIP/2.0/UDP h.example.com;", 1 },
    { K_CONTACT, "\"x", 1 },
    { K_CONTACT, "<sip:a", 1 },
    { K_CONTACT, "sip:a@b.example.com;q=", 1 },
    { K_CONTACT, "*", 0 },
    { K_ROUTE, "<sip:p.example.com;lr", 1 },
    { K_ROUTE, "\"p", 1 },
    { K_CSEQ, "1", 1 },
    { K_CSEQ, "1 ", 1 },
    { K_CSEQ, "", 1 },
    { K_CSEQ, "4294967296", 1 },
    { K_CTYPE, "text/plain;p=\"x", 1 },
    { K_CTYPE, "text/", 1 },
    { K_CTYPE, "text", 1 },
    { K_DATE, "Sat, 13 Nov 2010 23:29:00 GM", 1 },
    { K_DATE, "Sat", 1 },
    { K_CALLID, "a@", 1 },
};

START_TEST(test_unterminated)
{
    const char *in = unterminated[_i].in;
    size_t len = strlen(in);
    guard_buf g = { 0 };
    const char *p = guard_copy(&g, in, len);
    sipparse_slice v = { p, len };
    sipparse_error err;
    memset(&err, 0, sizeof err);
    sipparse_err rc = SIPPARSE_OK, rc2 = SIPPARSE_END;
    size_t pos = 0;
    sipparse_nameaddr na;
    sipparse_uri u;
    sipparse_via via;
    sipparse_cseq cs;
    sipparse_ctype ct;
    switch (unterminated[_i].kind) {
    case K_NAMEADDR: rc = sipparse_nameaddr_parse(p, len, &na, &err); break;
    case K_URI: rc = sipparse_uri_parse(p, len, SIPPARSE_URI_FULL, &u, &err); break;
    case K_VIA:
        rc = sipparse_via_next(v, &pos, &via, &err);
        if (rc == SIPPARSE_OK)
            rc2 = sipparse_via_next(v, &pos, &via, &err);
        break;
    case K_CONTACT:
        rc = sipparse_contact_next(v, &pos, &na, &err);
        if (rc == SIPPARSE_OK)
            rc2 = sipparse_contact_next(v, &pos, &na, &err);
        break;
    case K_ROUTE:
        rc = sipparse_route_next(v, &pos, &na, &err);
        if (rc == SIPPARSE_OK)
            rc2 = sipparse_route_next(v, &pos, &na, &err);
        break;
    case K_CSEQ: rc = sipparse_cseq_parse(v, &cs, &err); break;
    case K_CTYPE: rc = sipparse_ctype_parse(v, &ct, &err); break;
    case K_DATE: rc = sipparse_date_parse(v, &err); break;
    case K_CALLID: rc = sipparse_callid_parse(v, &err); break;
    }
    if (unterminated[_i].must_fail)
        ck_assert_msg(rc != SIPPARSE_OK || (rc2 != SIPPARSE_OK && rc2 != SIPPARSE_END),
                      "'%s' accepted", in);
    else
        ck_assert_msg(rc == SIPPARSE_OK && rc2 == SIPPARSE_END, "'%s': %s / %s", in,
                      code_str(rc), code_str(rc2));
    assert_err_in(in, &err, p, len);
    ck_assert_msg(err.at == NULL || (size_t)(err.at - p) <= len, "'%s': error past the end", in);
    guard_free(&g);
}
END_TEST

/* Unterminated quotes and brackets inside whole messages. */
START_TEST(test_unterminated_in_message)
{
    static const char *const hdrs[] = {
        "To: \"Mr. J. User <sip:j.user@example.com>",
        "To: <sip:j.user@example.com",
        "To: \"abc\\",
        "From: <sip:a@example.com>;tag=\"x",
        "Via: SIP/2.0/UDP h.example.com;branch=\"z9hG4bK",
        "Contact: <sip:a@example.com;lr",
        "Route: <sip:p.example.com;lr",
    };
    for (size_t i = 0; i < ARRAY_LEN(hdrs); i++) {
        char *text = malloc(1024);
        int n = snprintf(text, 1024,
                         "OPTIONS sip:bob@biloxi.com SIP/2.0" CRLF "%s" CRLF
                         "Via: SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bK776asdhds" CRLF
                         "Max-Forwards: 70" CRLF "To: <sip:bob@biloxi.com>" CRLF
                         "From: <sip:alice@atlanta.com>;tag=1" CRLF "Call-ID: u@example.com" CRLF
                         "CSeq: 1 OPTIONS" CRLF "Content-Length: 0" CRLF CRLF,
                         hdrs[i]);
        parse_any(hdrs[i], text, (size_t)n, 0);
        tmsg t;
        verdict v;
        tmsg_parse(&t, text, (size_t)n, 0);
        verdict_run(&t, &v);
        ck_assert_msg(verdict_rejected(&v), "'%s' accepted", hdrs[i]);
        /* The same header as the very last bytes of a datagram without an empty line. */
        size_t cut = strlen("OPTIONS sip:bob@biloxi.com SIP/2.0" CRLF) + strlen(hdrs[i]);
        parse_any(hdrs[i], text, cut, SIPPARSE_F_LENIENT);
        parse_any(hdrs[i], text, cut, 0);
        tmsg_free(&t);
        free(text);
    }
}
END_TEST

/* ---- mutations ---------------------------------------------------------------------------------- */

static uint32_t rng_next(uint32_t *s)
{
    /* xorshift32: deterministic, so a failure is reproducible by its iteration number. */
    uint32_t x = *s;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return *s = x;
}

static const char interesting[] = { '\0', '\r', '\n', ' ', '\t', ':', ';', ',', '<', '>', '"',
                                    '\\', '%', '=', '@', '[', ']', '/', '?', '&', '*', '\xff',
                                    '\xc3', '0', '9' };

static const char *const seeds[] = {
    "corpus/rfc4475/wsinv.dat",     "corpus/rfc4475/intmeth.dat", "corpus/rfc4475/esc01.dat",
    "corpus/rfc4475/mpart01.dat",   "corpus/rfc4475/escnull.dat", "corpus/rfc5118/wire/ipv6-good.dat",
    "corpus/rfc5118/mult-ip-in-header.dat", "corpus/rfc-examples/rfc3665_3.10_F4.sip",
};

START_TEST(test_mutations)
{
    size_t len;
    char *data = read_file(src_path(seeds[_i]), &len);
    ck_assert_msg(data != NULL, "cannot read %s", seeds[_i]);
    char *buf = malloc(len * 2 + 16);
    uint32_t state = 0x9e3779b9u ^ (uint32_t)(_i * 7919 + 1);
    for (int iter = 0; iter < 1500; iter++) {
        memcpy(buf, data, len);
        size_t n = len;
        int edits = 1 + (int)(rng_next(&state) % 4);
        for (int e = 0; e < edits && n > 0; e++) {
            size_t at = rng_next(&state) % n;
            switch (rng_next(&state) % 5) {
            case 0: /* replace with an interesting byte */
                buf[at] = interesting[rng_next(&state) % sizeof interesting];
                break;
            case 1: /* replace with any byte */
                buf[at] = (char)(rng_next(&state) & 0xff);
                break;
            case 2: /* delete a run */
            {
                size_t run = 1 + rng_next(&state) % 8;
                if (run > n - at)
                    run = n - at;
                memmove(buf + at, buf + at + run, n - at - run);
                n -= run;
                break;
            }
            case 3: /* insert an interesting byte */
                if (n < len * 2) {
                    memmove(buf + at + 1, buf + at, n - at);
                    buf[at] = interesting[rng_next(&state) % sizeof interesting];
                    n++;
                }
                break;
            case 4: /* cut */
                n = at;
                break;
            }
        }
        char what[160];
        snprintf(what, sizeof what, "%s mutation %d", seeds[_i], iter);
        parse_any(what, buf, n, flag_sets[iter % ARRAY_LEN(flag_sets)]);
    }
    free(buf);
    free(data);
}
END_TEST

Suite *robust_suite(void)
{
    have4475 = tsv_load(&t4475, src_path("corpus/rfc4475/VERDICTS.tsv")) == 0;
    have5118 = tsv_load(&t5118, src_path("corpus/rfc5118/VERDICTS.tsv")) == 0;
    Suite *s = suite_create("robust");
    TCase *tc = tcase_create("truncation");
    tcase_set_timeout(tc, 300);
    if (have4475)
        tcase_add_loop_test(tc, test_truncate_rfc4475, 0, (int)t4475.nrows);
    if (have5118)
        tcase_add_loop_test(tc, test_truncate_rfc5118, 0, (int)t5118.nrows);
    tcase_add_loop_test(tc, test_truncate_examples, 0, (int)ARRAY_LEN(example_files));
    suite_add_tcase(s, tc);

    tc = tcase_create("value-prefixes");
    tcase_set_timeout(tc, 300);
    if (have4475)
        tcase_add_loop_test(tc, test_value_prefixes_rfc4475, 0, (int)t4475.nrows);
    if (have5118)
        tcase_add_loop_test(tc, test_value_prefixes_rfc5118, 0, (int)t5118.nrows);
    suite_add_tcase(s, tc);

    tc = tcase_create("bad-input");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_nul_replace);
    tcase_add_test(tc, test_nul_insert);
    tcase_add_test(tc, test_huge_content_length);
    tcase_add_loop_test(tc, test_unterminated, 0, (int)ARRAY_LEN(unterminated));
    tcase_add_test(tc, test_unterminated_in_message);
    tcase_add_loop_test(tc, test_mutations, 0, (int)ARRAY_LEN(seeds));
    suite_add_tcase(s, tc);
    return s;
}
