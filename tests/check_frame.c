/* tests/check_frame.c: sipparse_frame, the stream framer, fed every prefix of streams
 * holding several messages and keep-alives (RFC 5626 §3.5.1 CRLFCRLF ping, CRLF pong),
 * and checked against sipparse_msg_parse with SIPPARSE_F_STREAM on every message. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "suites.h"
#include "util.h"

#define CRLF "\r\n"
#define PING CRLF CRLF
#define PONG CRLF

static const char M_OPTIONS[] =
    "OPTIONS sip:bob@biloxi.com SIP/2.0" CRLF
    "Via: SIP/2.0/TCP pc33.atlanta.com;branch=z9hG4bK776asdhds" CRLF
    "Max-Forwards: 70" CRLF
    "To: <sip:bob@biloxi.com>" CRLF
    "From: <sip:alice@atlanta.com>;tag=1928301774" CRLF
    "Call-ID: a84b4c76e66710@pc33.atlanta.com" CRLF
    "CSeq: 1 OPTIONS" CRLF
    "Content-Length: 0" CRLF
    CRLF;

/* Compact Content-Length, a body that holds CRLFCRLF and ends with it. */
static const char M_MESSAGE[] =
    "MESSAGE sip:bob@biloxi.com SIP/2.0" CRLF
    "Via: SIP/2.0/TCP pc33.atlanta.com;branch=z9hG4bK776asdhdt" CRLF
    "Max-Forwards: 70" CRLF
    "To: <sip:bob@biloxi.com>" CRLF
    "From: <sip:alice@atlanta.com>;tag=1928301774" CRLF
    "Call-ID: b84b4c76e66710@pc33.atlanta.com" CRLF
    "CSeq: 2 MESSAGE" CRLF
    "c: text/plain" CRLF
    "l: 12" CRLF
    CRLF
    "ab" CRLF CRLF "cd" CRLF CRLF;

/* Headers whose names contain "Content-Length" but are other headers, and a folded
 * Content-Length value. */
static const char M_RESPONSE[] =
    "SIP/2.0 200 OK" CRLF
    "Via: SIP/2.0/TCP pc33.atlanta.com;branch=z9hG4bK776asdhdt" CRLF
    "To: <sip:bob@biloxi.com>;tag=8321234356" CRLF
    "From: <sip:alice@atlanta.com>;tag=1928301774" CRLF
    "Call-ID: b84b4c76e66710@pc33.atlanta.com" CRLF
    "X-Content-Length: 99" CRLF
    "Content-Length-Foo: 77" CRLF
    "CSeq: 2 MESSAGE" CRLF
    "Content-Type: text/plain" CRLF
    "Content-Length:" CRLF
    "   5" CRLF
    CRLF
    "hello";

/* Lower-case name, whitespace before the colon, a body that starts with CRLF. */
static const char M_NOTIFY[] =
    "NOTIFY sip:alice@pc33.atlanta.com SIP/2.0" CRLF
    "Via: SIP/2.0/TCP biloxi.com;branch=z9hG4bK1" CRLF
    "Max-Forwards: 70" CRLF
    "To: <sip:alice@atlanta.com>;tag=1" CRLF
    "From: <sip:bob@biloxi.com>;tag=2" CRLF
    "Call-ID: n@biloxi.com" CRLF
    "CSeq: 7 NOTIFY" CRLF
    "Event: presence" CRLF
    "Subscription-State: active" CRLF
    "content-length   : 7" CRLF
    CRLF
    CRLF "xyz" CRLF;

static const char M_LF[] =
    "OPTIONS sip:bob@biloxi.com SIP/2.0\n"
    "Via: SIP/2.0/TCP pc33.atlanta.com;branch=z9hG4bK7\n"
    "Max-Forwards: 70\n"
    "To: <sip:bob@biloxi.com>\n"
    "From: <sip:alice@atlanta.com>;tag=1\n"
    "Call-ID: lf@pc33.atlanta.com\n"
    "CSeq: 1 OPTIONS\n"
    "Content-Length: 3\n"
    "\n"
    "a\nb";

enum { P_MSG = SIPPARSE_FRAME_MESSAGE, P_PING = SIPPARSE_FRAME_PING, P_PONG = SIPPARSE_FRAME_PONG };

typedef struct piece {
    int kind;
    const char *text;
} piece;

static const struct {
    const char *name;
    unsigned flags;
    piece pieces[10];   /* ends at kind 0 */
} streams[] = {
    { "messages and keep-alives", 0,
      { { P_PING, PING }, { P_MSG, M_OPTIONS }, { P_PONG, PONG }, { P_MSG, M_MESSAGE },
        { P_MSG, M_RESPONSE }, { P_PING, PING }, { P_MSG, M_NOTIFY }, { P_MSG, M_OPTIONS },
        { 0, NULL } } },
    { "back to back", 0,
      { { P_MSG, M_MESSAGE }, { P_MSG, M_MESSAGE }, { P_MSG, M_RESPONSE }, { P_MSG, M_NOTIFY },
        { 0, NULL } } },
    { "pings between bodies", 0,
      { { P_MSG, M_MESSAGE }, { P_PING, PING }, { P_PING, PING }, { P_MSG, M_NOTIFY },
        { P_PONG, PONG }, { P_MSG, M_RESPONSE }, { 0, NULL } } },
    { "LF line ends", SIPPARSE_F_ALLOW_LF,
      { { P_MSG, M_LF }, { P_MSG, M_LF }, { P_PING, PING }, { P_MSG, M_OPTIONS }, { 0, NULL } } },
};

typedef struct frame_exp {
    int kind;
    size_t pos, len;
    size_t lookahead; /* bytes after the frame the framer may need to tell it apart */
} frame_exp;

static size_t expected_frames(int row, frame_exp *out, size_t cap, char **stream, size_t *slen)
{
    size_t n = 0, pos = 0;
    for (const piece *p = streams[row].pieces; p->kind != 0; p++) {
        ck_assert_msg(n < cap, "%s: too many pieces", streams[row].name);
        out[n].kind = p->kind;
        out[n].pos = pos;
        out[n].len = strlen(p->text);
        /* A lone CRLF followed by more bytes is only known not to be the start of a
         * CRLFCRLF ping once the next byte is seen. */
        out[n].lookahead = p->kind == P_PONG ? 1 : 0;
        pos += out[n].len;
        n++;
    }
    char *s = malloc(pos + 1), *w = s;
    ck_assert_ptr_nonnull(s);
    for (const piece *p = streams[row].pieces; p->kind != 0; p++) {
        size_t l = strlen(p->text);
        memcpy(w, p->text, l);
        w += l;
    }
    *w = '\0';
    *stream = s;
    *slen = pos;
    return n;
}

static const char *kind_str(int k)
{
    switch (k) {
    case P_MSG: return "MESSAGE";
    case P_PING: return "PING";
    case P_PONG: return "PONG";
    }
    return "?";
}

static sipparse_err frame(const char *buf, size_t len, unsigned flags, sipparse_frame_info *fi,
                          sipparse_error *err)
{
    fi->kind = -1;
    fi->len = (size_t)-1;
    memset(err, 0, sizeof *err);
    return sipparse_frame(buf, len, flags, SIPPARSE_DEFAULT_MAX_SIZE, fi, err);
}

/* msg_parse with SIPPARSE_F_STREAM on [buf, buf + len). */
static sipparse_err stream_parse(const char *buf, size_t len, unsigned flags, size_t *msg_len)
{
    static sipparse_hdr hdrs[64];
    sipparse_msg m;
    sipparse_msg_init(&m, hdrs, 64, flags | SIPPARSE_F_STREAM);
    sipparse_err rc = sipparse_msg_parse(&m, buf, len);
    *msg_len = m.len;
    return rc;
}

/* The whole stream gives exactly the expected frames, and every message's length
 * equals what msg_parse finds in stream mode. */
START_TEST(test_whole_stream)
{
    const char *name = streams[_i].name;
    unsigned flags = streams[_i].flags;
    frame_exp exp[16];
    char *s;
    size_t slen;
    size_t n = expected_frames(_i, exp, 16, &s, &slen);
    guard_buf g = { 0 };
    const char *buf = guard_copy(&g, s, slen);
    size_t pos = 0;
    for (size_t k = 0; k < n; k++) {
        sipparse_frame_info fi;
        sipparse_error err;
        sipparse_err rc = frame(buf + pos, slen - pos, flags, &fi, &err);
        ck_assert_msg(rc == SIPPARSE_OK, "%s: frame %zu (%s at %zu): %s", name, k,
                      kind_str(exp[k].kind), pos, err_str(&err));
        ck_assert_msg(fi.kind == exp[k].kind && fi.len == exp[k].len,
                      "%s: frame %zu at %zu is %s/%zu, expected %s/%zu", name, k, pos,
                      kind_str(fi.kind), fi.len, kind_str(exp[k].kind), exp[k].len);
        if (fi.kind == P_MSG) {
            size_t ml = 0;
            sipparse_err prc = stream_parse(buf + pos, slen - pos, flags, &ml);
            ck_assert_msg(prc == SIPPARSE_OK && ml == fi.len,
                          "%s: frame %zu: msg_parse says %s, len %zu; framer %zu", name, k,
                          code_str(prc), ml, fi.len);
            /* The message alone, exactly its bytes, against a guard page. */
            guard_buf g1 = { 0 };
            const char *one = guard_copy(&g1, buf + pos, fi.len);
            prc = stream_parse(one, fi.len, flags, &ml);
            ck_assert_msg(prc == SIPPARSE_OK && ml == fi.len,
                          "%s: frame %zu alone: msg_parse says %s, len %zu", name, k,
                          code_str(prc), ml);
            rc = frame(one, fi.len, flags, &fi, &err);
            ck_assert_msg(rc == SIPPARSE_OK && fi.kind == P_MSG && fi.len == exp[k].len,
                          "%s: frame %zu alone: %s", name, k, code_str(rc));
            guard_free(&g1);
        }
        pos += exp[k].len;
    }
    ck_assert_msg(pos == slen, "%s: frames cover %zu of %zu bytes", name, pos, slen);
    sipparse_frame_info fi;
    sipparse_error err;
    ck_assert_msg(frame(buf + pos, 0, flags, &fi, &err) == SIPPARSE_E_AGAIN,
                  "%s: empty rest is not E_AGAIN", name);
    guard_free(&g);
    free(s);
}
END_TEST

/* Every prefix of the stream: the frames that are complete come out as in the whole
 * stream, then E_AGAIN; msg_parse in stream mode says E_AGAIN for a partial message. */
START_TEST(test_every_prefix)
{
    const char *name = streams[_i].name;
    unsigned flags = streams[_i].flags;
    frame_exp exp[16];
    char *s;
    size_t slen;
    size_t n = expected_frames(_i, exp, 16, &s, &slen);
    for (size_t cut = 0; cut <= slen; cut++) {
        guard_buf g = { 0 };
        const char *buf = guard_copy(&g, s, cut);
        size_t pos = 0, k = 0;
        for (;;) {
            sipparse_frame_info fi;
            sipparse_error err;
            sipparse_err rc = frame(buf + pos, cut - pos, flags, &fi, &err);
            if (rc == SIPPARSE_E_AGAIN)
                break;
            ck_assert_msg(rc == SIPPARSE_OK, "%s: prefix %zu, frame %zu: %s", name, cut, k,
                          err_str(&err));
            ck_assert_msg(k < n, "%s: prefix %zu: more frames than the whole stream", name, cut);
            ck_assert_msg(fi.kind == exp[k].kind && fi.len == exp[k].len,
                          "%s: prefix %zu, frame %zu is %s/%zu, expected %s/%zu", name, cut, k,
                          kind_str(fi.kind), fi.len, kind_str(exp[k].kind), exp[k].len);
            ck_assert_msg(pos + fi.len <= cut, "%s: prefix %zu: frame %zu past the data", name,
                          cut, k);
            pos += fi.len;
            k++;
        }
        /* Frames that are complete (lookahead included) must have come out; one in its
         * lookahead window may have. */
        size_t complete = 0;
        while (complete < n && exp[complete].pos + exp[complete].len + exp[complete].lookahead <= cut)
            complete++;
        int in_window = complete < n && exp[complete].pos + exp[complete].len <= cut;
        ck_assert_msg(k == complete || (in_window && k == complete + 1),
                      "%s: prefix %zu: %zu frames out, %zu complete", name, cut, k, complete);
        /* A partial message: stream-mode msg_parse wants more too. */
        if (k < n && exp[k].kind == P_MSG && cut > pos) {
            size_t ml = 0;
            sipparse_err prc = stream_parse(buf + pos, cut - pos, flags, &ml);
            ck_assert_msg(prc == SIPPARSE_E_AGAIN,
                          "%s: prefix %zu: msg_parse on %zu of %zu bytes of frame %zu gives %s",
                          name, cut, cut - pos, exp[k].len, k, code_str(prc));
        }
        guard_free(&g);
    }
    free(s);
}
END_TEST

/* Framing errors, and the same code from msg_parse in stream mode. */
static const struct {
    const char *name;
    const char *text;
    sipparse_err rc;
} error_rows[] = {
    /* RFC 3261 §18.3: Content-Length is mandatory on a stream. */
    { "no Content-Length",
      "OPTIONS sip:bob@biloxi.com SIP/2.0" CRLF "Via: SIP/2.0/TCP h.example.com;branch=z9hG4bK1"
      CRLF "CSeq: 1 OPTIONS" CRLF CRLF,
      SIPPARSE_E_CL_MISSING },
    /* RFC 4475 §3.1.2.3 */
    { "negative Content-Length",
      "OPTIONS sip:bob@biloxi.com SIP/2.0" CRLF "Content-Length: -999" CRLF CRLF,
      SIPPARSE_E_CONTENT_LENGTH },
    { "huge Content-Length",
      "OPTIONS sip:bob@biloxi.com SIP/2.0" CRLF "Content-Length: 99999999999999999999" CRLF CRLF,
      SIPPARSE_E_CONTENT_LENGTH },
    { "compact Content-Length letters", "OPTIONS sip:bob@biloxi.com SIP/2.0" CRLF "l: x1" CRLF CRLF,
      SIPPARSE_E_CONTENT_LENGTH },
    /* RFC 4475 §3.3.9 */
    { "conflicting Content-Length",
      "OPTIONS sip:bob@biloxi.com SIP/2.0" CRLF "Content-Length: 13" CRLF "l: 5" CRLF CRLF
      "There's no way to know how many octets are supposed to be here." CRLF,
      SIPPARSE_E_CL_CONFLICT },
};

START_TEST(test_frame_errors)
{
    const char *name = error_rows[_i].name;
    const char *text = error_rows[_i].text;
    guard_buf g = { 0 };
    const char *buf = guard_str(&g, text);
    sipparse_frame_info fi;
    sipparse_error err;
    sipparse_err rc = frame(buf, g.len, 0, &fi, &err);
    ck_assert_msg(rc == error_rows[_i].rc, "%s: framer %s, expected %s", name, err_str(&err),
                  code_str(error_rows[_i].rc));
    ck_assert_msg(err.code == rc, "%s: err->code %s", name, code_str(err.code));
    if (rc == SIPPARSE_E_CONTENT_LENGTH || rc == SIPPARSE_E_CL_CONFLICT)
        ck_assert_msg(err.hdr == SIPPARSE_HDR_CONTENT_LENGTH, "%s: error about %s", name,
                      hdr_str(err.hdr));
    ck_assert_msg(err.at == NULL || (err.at >= buf && err.at <= buf + g.len),
                  "%s: err->at outside the input", name);
    size_t ml;
    sipparse_err prc = stream_parse(buf, g.len, 0, &ml);
    ck_assert_msg(prc == rc, "%s: msg_parse %s, framer %s", name, code_str(prc), code_str(rc));
    guard_free(&g);
}
END_TEST

START_TEST(test_frame_size_limit)
{
    size_t len = strlen(M_MESSAGE);
    guard_buf g = { 0 };
    const char *buf = guard_copy(&g, M_MESSAGE, len);
    sipparse_frame_info fi;
    sipparse_error err;
    memset(&err, 0, sizeof err);
    sipparse_err rc = sipparse_frame(buf, len, 0, len, &fi, &err);
    ck_assert_msg(rc == SIPPARSE_OK && fi.len == len, "max_size = len: %s", err_str(&err));
    memset(&err, 0, sizeof err);
    rc = sipparse_frame(buf, len, 0, len - 1, &fi, &err);
    ck_assert_msg(rc == SIPPARSE_E_LIMIT_SIZE, "max_size = len - 1: %s (%zu bytes)", code_str(rc),
                  fi.len);
    /* Headers that already exceed the limit without their end: no use waiting. */
    memset(&err, 0, sizeof err);
    rc = sipparse_frame(buf, 120, 0, 100, &fi, &err);
    ck_assert_msg(rc == SIPPARSE_E_LIMIT_SIZE, "120 bytes of headers, max_size 100: %s",
                  err_str(&err));
    guard_free(&g);
}
END_TEST

/* Keep-alives on their own. */
START_TEST(test_keepalives)
{
    static const struct {
        const char *text;
        sipparse_err rc;
        int kind;
        size_t len;
    } rows[] = {
        { "", SIPPARSE_E_AGAIN, 0, 0 },
        { "\r", SIPPARSE_E_AGAIN, 0, 0 },
        { "\r\n\r", SIPPARSE_E_AGAIN, 0, 0 },
        { "\r\n\r\n", SIPPARSE_OK, P_PING, 4 },
        { "\r\n\r\nOPTIONS", SIPPARSE_OK, P_PING, 4 },
        { "\r\nOPTIONS", SIPPARSE_OK, P_PONG, 2 },
        { "\r\nS", SIPPARSE_OK, P_PONG, 2 },
        { "OPTIONS sip:bob@biloxi.com SIP/2.0\r\n", SIPPARSE_E_AGAIN, 0, 0 },
    };
    for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
        guard_buf g = { 0 };
        const char *buf = guard_str(&g, rows[i].text);
        sipparse_frame_info fi;
        sipparse_error err;
        sipparse_err rc = frame(buf, g.len, 0, &fi, &err);
        ck_assert_msg(rc == rows[i].rc, "row %zu: %s, expected %s", i, code_str(rc),
                      code_str(rows[i].rc));
        if (rc == SIPPARSE_OK)
            ck_assert_msg(fi.kind == rows[i].kind && fi.len == rows[i].len,
                          "row %zu: %s/%zu", i, kind_str(fi.kind), fi.len);
        guard_free(&g);
    }
}
END_TEST

Suite *frame_suite(void)
{
    Suite *s = suite_create("frame");
    TCase *tc = tcase_create("streams");
    tcase_set_timeout(tc, 120);
    tcase_add_loop_test(tc, test_whole_stream, 0, (int)ARRAY_LEN(streams));
    tcase_add_loop_test(tc, test_every_prefix, 0, (int)ARRAY_LEN(streams));
    suite_add_tcase(s, tc);
    tc = tcase_create("errors");
    tcase_add_loop_test(tc, test_frame_errors, 0, (int)ARRAY_LEN(error_rows));
    tcase_add_test(tc, test_frame_size_limit);
    tcase_add_test(tc, test_keepalives);
    suite_add_tcase(s, tc);
    return s;
}
