/* tests/check_lists.c: the list and short-value headers of lists.h (option tags,
 * Allow, Accept*, Content-Encoding/-Language/-Disposition, In-Reply-To, Privacy,
 * Priority, Subject/Organization, Server/User-Agent) and info.h (Call-/Alert-/Error-Info,
 * Warning, P-Asserted/P-Preferred-Identity, History-Info, Diversion, Identity), and how
 * sipparse_msg_check types them.
 *
 * Every row runs one parser over a guarded value until SIPPARSE_END or an error, prints
 * each element it returns into a short string ("field|field|...", "-" for an absent
 * field) and compares the strings, then the error's code, offset and rule. Every prefix
 * of every row's value is parsed again: no crash, no over-read, progress on each call. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "suites.h"
#include "util.h"

#define CRLF "\r\n"

enum api {
    A_SUPPORTED, A_REQUIRE, A_ALLOW, A_ACCEPT, A_ACC_ENC, A_ACC_LANG, A_CONT_ENC, A_CONT_LANG,
    A_IN_REPLY_TO, A_PRIVACY, A_SERVER, A_PRIORITY, A_DISP, A_TEXT, A_INFO, A_WARNING, A_PAI,
    A_HISTORY, A_DIVERSION, A_IDENTITY,
};

/* ---- printing one element ------------------------------------------------------------ */

typedef struct out_str {
    char *p;
    size_t cap, len;
} out_str;

static void put_s(out_str *o, const char *s, size_t n)
{
    if (o->len)
        o->p[o->len < o->cap ? o->len++ : o->cap - 1] = '|';
    for (size_t i = 0; i < n && o->len + 1 < o->cap; i++)
        o->p[o->len++] = s[i];
    o->p[o->len < o->cap ? o->len : o->cap - 1] = '\0';
}

static void put_sl(out_str *o, sipparse_slice s)
{
    if (s.ptr)
        put_s(o, s.ptr, s.len);
    else
        put_s(o, "-", 1);
}

static void put_int(out_str *o, long v)
{
    char b[32];
    int n = snprintf(b, sizeof b, "%ld", v);
    put_s(o, b, (size_t)n);
}

static void put_item(out_str *o, const sipparse_item *it, int with_method)
{
    put_sl(o, it->value);
    if (with_method) {
        put_int(o, it->method_id);
        return;
    }
    if (it->subtype.ptr)
        put_sl(o, it->subtype);
    if (it->params.ptr || it->q.ptr) {
        put_sl(o, it->params);
        put_sl(o, it->q);
    }
}

static void put_nameaddr(out_str *o, const sipparse_nameaddr *na)
{
    put_sl(o, na->display);
    put_sl(o, na->uri.raw);
}

/* ---- one call of the parser under test ------------------------------------------------- */

/* Single-valued parsers run on the first call and answer SIPPARSE_END after it. */
#define DONE SIZE_MAX

static sipparse_err single(sipparse_err rc, size_t *pos)
{
    *pos = DONE;
    return rc;
}

static sipparse_err list_step(int api, sipparse_slice v, size_t *pos, out_str *o, sipparse_error *e)
{
    sipparse_item it;
    sipparse_err (*next)(sipparse_slice, size_t *, sipparse_item *, sipparse_error *) = NULL;
    switch (api) {
    case A_SUPPORTED:   next = sipparse_supported_next; break;
    case A_REQUIRE:     next = sipparse_require_next; break;
    case A_ALLOW:       next = sipparse_allow_next; break;
    case A_ACCEPT:      next = sipparse_accept_next; break;
    case A_ACC_ENC:     next = sipparse_accept_encoding_next; break;
    case A_ACC_LANG:    next = sipparse_accept_language_next; break;
    case A_CONT_ENC:    next = sipparse_content_encoding_next; break;
    case A_CONT_LANG:   next = sipparse_content_language_next; break;
    case A_IN_REPLY_TO: next = sipparse_in_reply_to_next; break;
    }
    memset(&it, 0x5a, sizeof it);
    sipparse_err rc = next(v, pos, &it, e);
    if (rc == SIPPARSE_OK)
        put_item(o, &it, api == A_ALLOW);
    return rc;
}

static sipparse_err simple_step(int api, sipparse_slice v, size_t *pos, out_str *o,
                                sipparse_error *e)
{
    sipparse_err rc;
    switch (api) {
    case A_PRIVACY: {
        sipparse_privacy pv;
        if ((rc = sipparse_privacy_next(v, pos, &pv, e)) == SIPPARSE_OK) {
            put_sl(o, pv.value);
            put_int(o, pv.id);
        }
        return rc;
    }
    case A_SERVER: {
        sipparse_server_val sv;
        if ((rc = sipparse_server_next(v, pos, &sv, e)) == SIPPARSE_OK) {
            if (sv.comment.ptr) {
                put_sl(o, sv.comment);
            } else {
                put_sl(o, sv.product);
                put_sl(o, sv.version);
            }
        }
        return rc;
    }
    case A_PRIORITY: {
        sipparse_priority pr;
        if ((rc = sipparse_priority_parse(v, &pr, e)) == SIPPARSE_OK) {
            put_sl(o, pr.value);
            put_int(o, pr.id);
        }
        return single(rc, pos);
    }
    case A_DISP: {
        sipparse_disposition d;
        if ((rc = sipparse_disposition_parse(v, &d, e)) == SIPPARSE_OK) {
            put_sl(o, d.type);
            put_int(o, d.type_id);
            put_sl(o, d.handling);
            put_int(o, d.handling_id);
            put_sl(o, d.params);
        }
        return single(rc, pos);
    }
    case A_TEXT:
        if ((rc = sipparse_text_trim_parse(v, e)) == SIPPARSE_OK)
            put_s(o, "ok", 2);
        return single(rc, pos);
    }
    return SIPPARSE_E_BUFFER;
}

static sipparse_err info_step(int api, sipparse_slice v, size_t *pos, out_str *o, sipparse_error *e)
{
    sipparse_err rc;
    switch (api) {
    case A_INFO: {
        sipparse_info in;
        if ((rc = sipparse_info_next(v, pos, &in, e)) == SIPPARSE_OK) {
            put_sl(o, in.uri.raw);
            put_sl(o, in.params);
            put_sl(o, in.purpose);
        }
        return rc;
    }
    case A_WARNING: {
        sipparse_warning w;
        if ((rc = sipparse_warning_next(v, pos, &w, e)) == SIPPARSE_OK) {
            put_int(o, w.code);
            put_sl(o, w.agent);
            put_int(o, w.agent_port);
            put_sl(o, w.text);
        }
        return rc;
    }
    case A_PAI: {
        sipparse_nameaddr na;
        if ((rc = sipparse_passertedid_next(v, pos, &na, e)) == SIPPARSE_OK)
            put_nameaddr(o, &na);
        return rc;
    }
    case A_HISTORY: {
        sipparse_history h;
        if ((rc = sipparse_history_next(v, pos, &h, e)) == SIPPARSE_OK) {
            put_nameaddr(o, &h.na);
            put_sl(o, h.index);
            put_sl(o, h.rc);
            put_sl(o, h.mp);
            put_sl(o, h.np);
        }
        return rc;
    }
    case A_DIVERSION: {
        sipparse_diversion d;
        if ((rc = sipparse_diversion_next(v, pos, &d, e)) == SIPPARSE_OK) {
            put_nameaddr(o, &d.na);
            put_sl(o, d.reason);
            put_int(o, d.counter);
            put_int(o, d.limit);
            put_sl(o, d.privacy);
            put_sl(o, d.screen);
        }
        return rc;
    }
    case A_IDENTITY: {
        sipparse_identity id;
        if ((rc = sipparse_identity_parse(v, &id, e)) == SIPPARSE_OK) {
            put_sl(o, id.digest);
            put_sl(o, id.info);
            put_int(o, id.info_uri.scheme_id);
            put_sl(o, id.alg);
            put_sl(o, id.ppt);
            put_sl(o, id.params);
        }
        return single(rc, pos);
    }
    }
    return SIPPARSE_E_BUFFER;
}

static sipparse_err step(int api, sipparse_slice v, size_t *pos, out_str *o, sipparse_error *e)
{
    if (*pos == DONE)
        return SIPPARSE_END;
    if (api <= A_IN_REPLY_TO)
        return list_step(api, v, pos, o, e);
    if (api <= A_TEXT)
        return simple_step(api, v, pos, o, e);
    return info_step(api, v, pos, o, e);
}

/* ---- the rows ---------------------------------------------------------------------------- */

typedef struct row {
    const char *name;
    int api;
    const char *value;
    sipparse_err rc;     /* SIPPARSE_END when the whole list parses, else the error */
    int at;              /* err.at - value when rc is an error (-1: NULL) */
    const char *rule;
    const char *el[5];   /* the elements returned with SIPPARSE_OK, printed */
} row;

#define END SIPPARSE_END
#define EHV SIPPARSE_E_HEADER_VALUE

static const row list_rows[] = {
    /* RFC 3261 §20.37 Supported: may be empty */
    { "supported", A_SUPPORTED, "100rel, timer,path", END, 0, NULL, { "100rel", "timer", "path" } },
    { "supported empty", A_SUPPORTED, "", END, 0, NULL, { NULL } },
    { "supported fold", A_SUPPORTED, "100rel ," CRLF " timer", END, 0, NULL, { "100rel", "timer" } },
    { "supported junk", A_SUPPORTED, "100rel;x", EHV, 6, "option-tag", { NULL } },
    { "supported trailing comma", A_SUPPORTED, "100rel,", EHV, 6, "option-tag", { NULL } },
    { "supported leading comma", A_SUPPORTED, ",100rel", EHV, 0, "option-tag", { NULL } },
    { "supported empty element", A_SUPPORTED, "a,,b", EHV, 2, "option-tag", { "a" } },
    { "supported space", A_SUPPORTED, "100rel timer", EHV, 7, "option-tag", { NULL } },
    /* §20.32, §20.29, §20.40: at least one */
    { "require", A_REQUIRE, "100rel", END, 0, NULL, { "100rel" } },
    { "require case kept", A_REQUIRE, "PRECONDITION, Foo", END, 0, NULL, { "PRECONDITION", "Foo" } },
    { "require empty", A_REQUIRE, "", EHV, 0, "option-tag", { NULL } },
    { "require quoted", A_REQUIRE, "\"100rel\"", EHV, 0, "option-tag", { NULL } },
    /* §20.5 Allow: Methods, case-sensitive ids */
    { "allow", A_ALLOW, "INVITE, ACK, OPTIONS,CANCEL, BYE", END, 0, NULL,
      { "INVITE|1", "ACK|2", "OPTIONS|3", "CANCEL|5", "BYE|4" } },
    { "allow extension and case", A_ALLOW, "invite, FOO-BAR", END, 0, NULL, { "invite|0", "FOO-BAR|0" } },
    { "allow empty", A_ALLOW, "", END, 0, NULL, { NULL } },
    { "allow bad method", A_ALLOW, "INV@TE", EHV, 3, "Method", { NULL } },
    /* §20.1 Accept */
    { "accept", A_ACCEPT, "application/sdp;level=1, application/x-private, text/html", END, 0, NULL,
      { "application|sdp|;level=1|-", "application|x-private", "text|html" } },
    { "accept stars and q", A_ACCEPT, "*/*;q=0.1, text/*;Q=0.500,application/sdp;q=1", END, 0, NULL,
      { "*|*|;q=0.1|0.1", "text|*|;Q=0.500|0.500", "application|sdp|;q=1|1" } },
    { "accept LWS", A_ACCEPT, "application / sdp ; q = 0.8 ; x=\"a,b\"", END, 0, NULL,
      { "application|sdp|; q = 0.8 ; x=\"a,b\"|0.8" } },
    { "accept empty", A_ACCEPT, "", END, 0, NULL, { NULL } },
    { "accept q above 1", A_ACCEPT, "application/sdp;q=2", EHV, 18, "qvalue", { NULL } },
    { "accept q 1.5", A_ACCEPT, "application/sdp;q=1.5", EHV, 18, "qvalue", { NULL } },
    { "accept q junk", A_ACCEPT, "application/sdp;q=0.5x", EHV, 18, "qvalue", { NULL } },
    { "accept q 4 decimals", A_ACCEPT, "a/b;q=0.1234", EHV, 6, "qvalue", { NULL } },
    { "accept no subtype", A_ACCEPT, "application", EHV, 0, "media-range", { NULL } },
    { "accept trailing semi", A_ACCEPT, "application/sdp;", EHV, 15, "media-range", { NULL } },
    { "accept second bad", A_ACCEPT, "a/b, c", EHV, 5, "media-range", { "a|b" } },
    /* §20.2 Accept-Encoding */
    { "accept-encoding", A_ACC_ENC, "gzip;q=1.0, identity; q=0.5, *;q=0", END, 0, NULL,
      { "gzip|;q=1.0|1.0", "identity|; q=0.5|0.5", "*|;q=0|0" } },
    { "accept-encoding empty", A_ACC_ENC, "", END, 0, NULL, { NULL } },
    { "accept-encoding q without value", A_ACC_ENC, "gzip;q", EHV, 5, "qvalue", { NULL } },
    /* §20.3 Accept-Language */
    { "accept-language", A_ACC_LANG, "da, en-gb;q=0.8, en;q=0.7,*", END, 0, NULL,
      { "da", "en-gb|;q=0.8|0.8", "en|;q=0.7|0.7", "*" } },
    { "accept-language empty", A_ACC_LANG, "", END, 0, NULL, { NULL } },
    { "accept-language dangling dash", A_ACC_LANG, "en-", EHV, 2, "language-range", { NULL } },
    { "accept-language 9 letters", A_ACC_LANG, "abcdefghi", EHV, 8, "language-range", { NULL } },
    { "accept-language digits", A_ACC_LANG, "es-419", EHV, 2, "language-range", { NULL } },
    /* §20.12 Content-Encoding: at least one */
    { "content-encoding", A_CONT_ENC, "gzip, deflate", END, 0, NULL, { "gzip", "deflate" } },
    { "content-encoding empty", A_CONT_ENC, "", EHV, 0, "content-coding", { NULL } },
    { "content-encoding params", A_CONT_ENC, "gzip;q=1", EHV, 4, "content-coding", { NULL } },
    /* §20.13 Content-Language */
    { "content-language", A_CONT_LANG, "fr, en-US, i-klingon", END, 0, NULL,
      { "fr", "en-US", "i-klingon" } },
    { "content-language empty", A_CONT_LANG, "", EHV, 0, "language-tag", { NULL } },
    { "content-language star", A_CONT_LANG, "*", EHV, 0, "language-tag", { NULL } },
    { "content-language params", A_CONT_LANG, "fr;q=1", EHV, 2, "language-tag", { NULL } },
    /* §20.21 In-Reply-To */
    { "in-reply-to", A_IN_REPLY_TO, "70710@saturn.bell-tel.com, 17320@saturn.bell-tel.com", END, 0,
      NULL, { "70710@saturn.bell-tel.com", "17320@saturn.bell-tel.com" } },
    { "in-reply-to words", A_IN_REPLY_TO, "a<b>:\"c\"@[d]", END, 0, NULL, { "a<b>:\"c\"@[d]" } },
    { "in-reply-to empty", A_IN_REPLY_TO, "", EHV, 0, "callid", { NULL } },
    { "in-reply-to two @", A_IN_REPLY_TO, "a@b@c", EHV, 3, "callid", { NULL } },
    { "in-reply-to space", A_IN_REPLY_TO, "a b", EHV, 2, "callid", { NULL } },
    /* RFC 3323 §4.2 Privacy; RFC 3325 id, RFC 7044 history */
    { "privacy id", A_PRIVACY, "id", END, 0, NULL, { "id|6" } },
    { "privacy list", A_PRIVACY, "header;user;session;none;critical", END, 0, NULL,
      { "header|1", "user|3", "session|2", "none|4", "critical|5" } },
    { "privacy history and extension", A_PRIVACY, "history;x-foo", END, 0, NULL,
      { "history|7", "x-foo|0" } },
    { "privacy case", A_PRIVACY, "HEADER;Id", END, 0, NULL, { "HEADER|1", "Id|6" } },
    { "privacy prefix", A_PRIVACY, "idx;users", END, 0, NULL, { "idx|0", "users|0" } },
    { "privacy empty", A_PRIVACY, "", EHV, 0, "priv-value", { NULL } },
    { "privacy LWS after ;", A_PRIVACY, "user; id", EHV, 5, "priv-value", { "user|3" } },
    { "privacy LWS before ;", A_PRIVACY, "user ;id", EHV, 4, "Privacy-hdr", { NULL } },
    { "privacy trailing ;", A_PRIVACY, "user;", EHV, 4, "Privacy-hdr", { NULL } },
    { "privacy comma", A_PRIVACY, "id,user", EHV, 2, "Privacy-hdr", { NULL } },
    /* §20.26 Priority */
    { "priority emergency", A_PRIORITY, "emergency", END, 0, NULL, { "emergency|1" } },
    { "priority non-urgent", A_PRIORITY, "Non-Urgent", END, 0, NULL, { "Non-Urgent|4" } },
    { "priority normal", A_PRIORITY, "NORMAL", END, 0, NULL, { "NORMAL|3" } },
    { "priority urgent", A_PRIORITY, "urgent", END, 0, NULL, { "urgent|2" } },
    { "priority other", A_PRIORITY, "urgently", END, 0, NULL, { "urgently|0" } },
    { "priority empty", A_PRIORITY, "", EHV, 0, "priority-value", { NULL } },
    { "priority two words", A_PRIORITY, "normal x", EHV, 6, "priority-value", { NULL } },
    { "priority param", A_PRIORITY, "urgent;x", EHV, 6, "priority-value", { NULL } },
    /* §20.11 Content-Disposition */
    { "disposition session", A_DISP, "session", END, 0, NULL, { "session|2|-|0|-" } },
    { "disposition handling", A_DISP, "session;handling=optional", END, 0, NULL,
      { "session|2|optional|1|;handling=optional" } },
    { "disposition LWS and case", A_DISP, "RENDER ; HANDLING = Required", END, 0, NULL,
      { "RENDER|1|Required|2|; HANDLING = Required" } },
    { "disposition other handling", A_DISP, "icon;handling=foo;x=\"y;z\"", END, 0, NULL,
      { "icon|3|foo|3|;handling=foo;x=\"y;z\"" } },
    { "disposition alert", A_DISP, "alert", END, 0, NULL, { "alert|4|-|0|-" } },
    /* extension tokens that start with a keyword (JsSIP fails both) */
    { "disposition renderx", A_DISP, "renderx", END, 0, NULL, { "renderx|0|-|0|-" } },
    { "disposition optionalx", A_DISP, "session;handling=optionalx", END, 0, NULL,
      { "session|2|optionalx|3|;handling=optionalx" } },
    { "disposition handling without value", A_DISP, "session;handling", EHV, 8, "handling-param",
      { NULL } },
    { "disposition handling quoted", A_DISP, "session;handling=\"optional\"", EHV, 8,
      "handling-param", { NULL } },
    { "disposition empty", A_DISP, "", EHV, 0, "disp-type", { NULL } },
    { "disposition trailing semi", A_DISP, "session;", EHV, 7, "disp-param", { NULL } },
    { "disposition two words", A_DISP, "session x", EHV, 8, "disp-param", { NULL } },
    /* §20.36 Subject, §20.25 Organization: [TEXT-UTF8-TRIM] */
    { "subject", A_TEXT, "Need more boxes", END, 0, NULL, { "ok" } },
    { "subject empty", A_TEXT, "", END, 0, NULL, { "ok" } },
    { "subject folded", A_TEXT, "Tech Support" CRLF "  follow-up  \t x", END, 0, NULL, { "ok" } },
    { "subject UTF-8", A_TEXT, "caf\xc3\xa9 \xe5\xa4\xa7", END, 0, NULL, { "ok" } },
    { "subject control", A_TEXT, "a\x01", EHV, 1, "TEXT-UTF8-TRIM", { NULL } },
    { "subject control after LWS", A_TEXT, "a  \x01", EHV, 3, "TEXT-UTF8-TRIM", { NULL } },
    { "subject CRLF without fold", A_TEXT, "a" CRLF "b", EHV, 1, "TEXT-UTF8-TRIM", { NULL } },
    { "subject stray continuation", A_TEXT, "a\x80", EHV, 1, "TEXT-UTF8-TRIM", { NULL } },
    { "subject truncated UTF-8", A_TEXT, "a\xe5\xa4", EHV, 1, "TEXT-UTF8-TRIM", { NULL } },
    { "subject 0xFF", A_TEXT, "\xff", EHV, 0, "TEXT-UTF8-TRIM", { NULL } },
    /* §20.35 Server, §20.41 User-Agent */
    { "server", A_SERVER, "HomeServer v2", END, 0, NULL, { "HomeServer|-", "v2|-" } },
    { "user-agent products", A_SERVER, "CERN/3.0 libwww/2.17", END, 0, NULL,
      { "CERN|3.0", "libwww|2.17" } },
    { "user-agent comment", A_SERVER, "Foo / 1.0 (Linux; x86)" CRLF " bar", END, 0, NULL,
      { "Foo|1.0", "(Linux; x86)", "bar|-" } },
    { "comment nested and escaped", A_SERVER, "(a (b \\) (c)) d) x", END, 0, NULL,
      { "(a (b \\) (c)) d)", "x|-" } },
    { "comment UTF-8", A_SERVER, "(\xc3\xa9t\xc3\xa9)", END, 0, NULL, { "(\xc3\xa9t\xc3\xa9)" } },
    { "server empty", A_SERVER, "", EHV, 0, "server-val", { NULL } },
    { "server comment without LWS", A_SERVER, "Foo/1.0(Linux)", EHV, 7, "server-val", { NULL } },
    { "server dangling slash", A_SERVER, "Foo/", EHV, 3, "server-val", { NULL } },
    { "server comma", A_SERVER, "a, b", EHV, 1, "server-val", { NULL } },
    { "comment unterminated", A_SERVER, "x (a (b)", EHV, 8, "comment", { "x|-" } },
    { "comment control", A_SERVER, "(a\x01)", EHV, 2, "comment", { NULL } },
    { "comment lone backslash", A_SERVER, "(a\\", EHV, 2, "comment", { NULL } },
};

static const row info_rows[] = {
    /* RFC 3261 §20.9, §20.4, §20.18 */
    { "call-info", A_INFO,
      "<http://wwww.example.com/alice/photo.jpg> ;purpose=icon," CRLF
      " <http://www.example.com/alice/> ;purpose=info",
      END, 0, NULL,
      { "http://wwww.example.com/alice/photo.jpg|;purpose=icon|icon",
        "http://www.example.com/alice/|;purpose=info|info" } },
    { "alert-info", A_INFO, "<http://www.example.com/sounds/moo.wav>", END, 0, NULL,
      { "http://www.example.com/sounds/moo.wav|-|-" } },
    { "error-info sip", A_INFO, "<sip:not-in-service-recording@atlanta.com>", END, 0, NULL,
      { "sip:not-in-service-recording@atlanta.com|-|-" } },
    { "alert-info urn", A_INFO, "<urn:alert:service:call-waiting>;x;y=\"card\"", END, 0, NULL,
      { "urn:alert:service:call-waiting|;x;y=\"card\"|-" } },
    { "info quoted purpose", A_INFO, "<http://a/b>;x;Purpose=\"card\"", EHV, 15, "info-param",
      { NULL } },
    { "info purpose without value", A_INFO, "<http://a/b>;purpose", EHV, 13, "info-param",
      { NULL } },
    { "info purpose case", A_INFO, "<http://a/b>;PURPOSE=Card", END, 0, NULL,
      { "http://a/b|;PURPOSE=Card|Card" } },
    { "info empty", A_INFO, "", EHV, 0, "info", { NULL } },
    { "info no brackets", A_INFO, "http://a/b", EHV, 0, "info", { NULL } },
    { "info unclosed", A_INFO, "<http://a/b", EHV, 0, "info", { NULL } },
    { "info trailing semi", A_INFO, "<http://a/b>;", EHV, 12, "info", { NULL } },
    { "info trailing comma", A_INFO, "<http://a/b>,", EHV, 12, "info", { NULL } },
    { "info junk", A_INFO, "<http://a/b> x", EHV, 13, "info", { NULL } },
    { "info bad URI", A_INFO, "<a b>", SIPPARSE_E_URI, 1, "absoluteURI", { NULL } },
    { "info bad port", A_INFO, "<sip:a@b:99999>", SIPPARSE_E_RANGE, 9, "port", { NULL } },
    { "info second bad", A_INFO, "<http://a/b>, <", EHV, 14, "info", { "http://a/b|-|-" } },
    /* RFC 3261 §20.43 */
    { "warning", A_WARNING,
      "307 isi.edu \"Session parameter 'foo' not understood\", 301 isi.edu \"Incompatible network "
      "address type 'E.164'\"",
      END, 0, NULL,
      { "307|isi.edu|-1|\"Session parameter 'foo' not understood\"",
        "301|isi.edu|-1|\"Incompatible network address type 'E.164'\"" } },
    { "warning hostport", A_WARNING, "399 host.example.com:5060 \"x\"", END, 0, NULL,
      { "399|host.example.com:5060|5060|\"x\"" } },
    { "warning IPv6", A_WARNING, "399 [2001:db8::1]:5060 \"a\\\"b\",370 [::1] \"\"", END, 0, NULL,
      { "399|[2001:db8::1]:5060|5060|\"a\\\"b\"", "370|[::1]|-1|\"\"" } },
    { "warning pseudonym", A_WARNING, "370 devnull \"Choose a bigger pipe\"", END, 0, NULL,
      { "370|devnull|-1|\"Choose a bigger pipe\"" } },
    { "warning empty", A_WARNING, "", EHV, 0, "warning-value", { NULL } },
    { "warning 2 digits", A_WARNING, "99 h \"x\"", EHV, 0, "warn-code", { NULL } },
    { "warning 4 digits", A_WARNING, "3999 h \"x\"", EHV, 0, "warn-code", { NULL } },
    { "warning two spaces", A_WARNING, "399  h \"x\"", EHV, 4, "warn-agent", { NULL } },
    { "warning folded", A_WARNING, "399" CRLF " h \"x\"", EHV, 0, "warn-code", { NULL } },
    { "warning unquoted text", A_WARNING, "399 h x", EHV, 6, "warn-text", { NULL } },
    { "warning unterminated text", A_WARNING, "399 h \"x", EHV, 6, "warn-text", { NULL } },
    { "warning port range", A_WARNING, "399 h:65536 \"x\"", SIPPARSE_E_RANGE, 6, "warn-agent",
      { NULL } },
    { "warning junk", A_WARNING, "399 h \"x\" y", EHV, 10, "warning-value", { NULL } },
    /* RFC 3325 §9.1, §9.2 */
    { "pai", A_PAI, "\"Cullen Jennings\" <sip:fluffy@cisco.com>", END, 0, NULL,
      { "\"Cullen Jennings\"|sip:fluffy@cisco.com" } },
    { "pai tel", A_PAI, "tel:+14085264000", END, 0, NULL, { "-|tel:+14085264000" } },
    { "pai two", A_PAI, "<sip:alice@example.com>, <tel:+1234>", END, 0, NULL,
      { "-|sip:alice@example.com", "-|tel:+1234" } },
    { "pai params", A_PAI, "<sip:a@b>;x=1", EHV, 9, "PAssertedID-value", { NULL } },
    { "pai addr-spec params", A_PAI, "sip:a@b;user=phone", EHV, 7, "PAssertedID-value", { NULL } },
    { "pai star", A_PAI, "*", EHV, 0, "PAssertedID-value", { NULL } },
    { "pai empty", A_PAI, "", EHV, 0, "name-addr", { NULL } },
    { "pai no comma", A_PAI, "<sip:a@b> <sip:c@d>", EHV, 10, "PAssertedID-value", { NULL } },
    /* RFC 7044 §9 */
    { "history-info", A_HISTORY,
      "<sip:UserA@ims.example.com?Reason=SIP%3Bcause%3D302>;index=1;foo=bar," CRLF
      " \"B\" <sip:UserB@example.com>;index=1.1;rc=1;mp=1;np=1.10",
      END, 0, NULL,
      { "-|sip:UserA@ims.example.com?Reason=SIP%3Bcause%3D302|1|-|-|-",
        "\"B\"|sip:UserB@example.com|1.1|1|1|1.10" } },
    { "history-info zero", A_HISTORY, "<sip:a@b>;INDEX=0.0", END, 0, NULL, { "-|sip:a@b|0.0|-|-|-" } },
    { "history-info leading zero", A_HISTORY, "<sip:a@b>;index=01", EHV, 16, "hi-index", { NULL } },
    { "history-info dangling dot", A_HISTORY, "<sip:a@b>;index=1.", EHV, 16, "hi-index", { NULL } },
    { "history-info quoted index", A_HISTORY, "<sip:a@b>;index=\"1\"", EHV, 16, "hi-index", { NULL } },
    { "history-info index without value", A_HISTORY, "<sip:a@b>;index", EHV, 10, "hi-index",
      { NULL } },
    { "history-info bad rc", A_HISTORY, "<sip:a@b>;rc=x", EHV, 13, "rc-param", { NULL } },
    { "history-info addr-spec", A_HISTORY, "sip:a@b;index=1", EHV, 0, "name-addr", { NULL } },
    { "history-info empty", A_HISTORY, "", EHV, 0, "name-addr", { NULL } },
    { "history-info no comma", A_HISTORY, "<sip:a@b> x", EHV, 10, "hi-entry", { NULL } },
    /* RFC 5806 §4 */
    { "diversion", A_DIVERSION,
      "<sip:+15555551002@example.com>;reason=unconditional;counter=1;privacy=off;screen=no", END, 0,
      NULL, { "-|sip:+15555551002@example.com|unconditional|1|-1|off|no" } },
    { "diversion two", A_DIVERSION,
      "\"Bob\" <tel:+15555551003>;Reason=user-busy;counter=03;limit=99;x, <sip:a@b>;reason=\"no reply\"",
      END, 0, NULL,
      { "\"Bob\"|tel:+15555551003|user-busy|3|99|-|-",
        "-|sip:a@b|\"no reply\"|-1|-1|-|-" } },
    { "diversion counter 3 digits", A_DIVERSION, "<sip:a@b>;counter=100", EHV, 18,
      "diversion-counter", { NULL } },
    { "diversion counter word", A_DIVERSION, "<sip:a@b>;counter=x", EHV, 18, "diversion-counter",
      { NULL } },
    { "diversion limit without value", A_DIVERSION, "<sip:a@b>;limit", EHV, 10, "diversion-limit",
      { NULL } },
    { "diversion reason without value", A_DIVERSION, "<sip:a@b>;reason", EHV, 10,
      "diversion-reason", { NULL } },
    { "diversion IPv6 value", A_DIVERSION, "<sip:a@b>;x=[::1]", EHV, 12, "diversion-extension",
      { NULL } },
    { "diversion addr-spec", A_DIVERSION, "sip:a@b", EHV, 0, "name-addr", { NULL } },
    { "diversion trailing comma", A_DIVERSION, "<sip:a@b>,", EHV, 9, "diversion-params", { NULL } },
    /* RFC 8224 §4.1, RFC 8588 */
    { "identity", A_IDENTITY,
      "eyJhbGciOiJFUzI1NiJ9.eyJhdHRlc3QiOiJBIn0.x_y-z+/w;info=<https://cert.example.org/"
      "passport.cer>;alg=ES256;ppt=shaken",
      END, 0, NULL,
      { "eyJhbGciOiJFUzI1NiJ9.eyJhdHRlc3QiOiJBIn0.x_y-z+/w|https://cert.example.org/passport.cer|0|"
        "ES256|shaken|;info=<https://cert.example.org/passport.cer>;alg=ES256;ppt=shaken" } },
    { "identity LWS and case", A_IDENTITY, "abc ;" CRLF " INFO = <sip:cert@example.org> ; ALG=x;y",
      END, 0, NULL,
      { "abc|sip:cert@example.org|1|x|-|;" CRLF " INFO = <sip:cert@example.org> ; ALG=x;y" } },
    { "identity RFC 4474 quoted", A_IDENTITY, "\"abc+/=\"", END, 0, NULL,
      { "abc+/=|-|0|-|-|-" } },
    { "identity RFC 4475 bare", A_IDENTITY, "r5mwreLuyDRYBi/0TiPwEsY3rEVsk/G2WxhgTV1PF7hHu==", END, 0,
      NULL, { "r5mwreLuyDRYBi/0TiPwEsY3rEVsk/G2WxhgTV1PF7hHu==|-|0|-|-|-" } },
    { "identity empty", A_IDENTITY, "", EHV, 0, "signed-identity-digest", { NULL } },
    /* fuzz_header found the empty quoted digest passing with an empty slice */
    { "identity empty quoted", A_IDENTITY, "\"\"", EHV, 0, "signed-identity-digest", { NULL } },
    { "identity no info", A_IDENTITY, "abc;alg=ES256", EHV, 3, "ident-info", { NULL } },
    { "identity info not in brackets", A_IDENTITY, "abc;info=https://x", EHV, 3, "ident-info",
      { NULL } },
    { "identity unclosed URI", A_IDENTITY, "abc;info=<https://x", EHV, 9, "ident-info-uri",
      { NULL } },
    { "identity quoted alg", A_IDENTITY, "abc;info=<https://x>;alg=\"ES256\"", EHV, 21,
      "ident-info-params", { NULL } },
    { "identity trailing semi", A_IDENTITY, "abc;info=<https://x>;", EHV, 20, "ident-info-params",
      { NULL } },
    { "identity bad digest char", A_IDENTITY, "ab!c;info=<https://x>", EHV, 2, "ident-info",
      { NULL } },
};

/* ---- running a row ------------------------------------------------------------------------- */

static void run_row(const row *r)
{
    size_t len = strlen(r->value);
    guard_buf g = { 0 };
    sipparse_slice v = { guard_copy(&g, r->value, len), len };
    size_t pos = 0;
    int k = 0;
    sipparse_err rc;
    sipparse_error err;
    for (;;) {
        char buf[512];
        out_str o = { buf, sizeof buf, 0 };
        buf[0] = '\0';
        memset(&err, 0, sizeof err);
        size_t before = pos;
        rc = step(r->api, v, &pos, &o, &err);
        if (rc != SIPPARSE_OK)
            break;
        ck_assert_msg(k < 5 && r->el[k] != NULL, "%s: extra element %d '%s'", r->name, k, buf);
        ck_assert_msg(strcmp(buf, r->el[k]) == 0, "%s: element %d '%s', expected '%s'", r->name, k,
                      buf, r->el[k]);
        ck_assert_msg(pos == DONE || (pos > before && pos <= len), "%s: pos %zu -> %zu", r->name,
                      before, pos);
        k++;
    }
    ck_assert_msg(rc == r->rc, "%s: %s (%s), expected %s", r->name, code_str(rc), err_str(&err),
                  code_str(r->rc));
    ck_assert_msg(k == 5 || r->el[k] == NULL, "%s: %d elements, expected more ('%s')", r->name, k,
                  r->el[k]);
    if (rc != SIPPARSE_END) {
        ck_assert_msg(err.code == rc, "%s: err.code %s", r->name, code_str(err.code));
        int at = err.at ? (int)(err.at - v.ptr) : -1;
        ck_assert_msg(at == r->at, "%s: error at %d, expected %d", r->name, at, r->at);
        ck_assert_msg(err.rule && strcmp(err.rule, r->rule) == 0, "%s: rule '%s', expected '%s'",
                      r->name, err.rule ? err.rule : "(null)", r->rule);
        /* the code does not depend on whether the caller asked for details */
        pos = 0;
        char buf[512];
        out_str o = { buf, sizeof buf, 0 };
        sipparse_err again;
        while ((again = step(r->api, v, &pos, &o, NULL)) == SIPPARSE_OK)
            o.len = 0;
        ck_assert_msg(again == rc, "%s: without err: %s", r->name, code_str(again));
    }
    guard_free(&g);
}

/* Every prefix of the value, against the guard page: each call answers, moves on or
 * stops, and an error points inside the prefix. */
static void run_prefixes(const row *r)
{
    size_t full = strlen(r->value);
    for (size_t len = 0; len <= full; len++) {
        guard_buf g = { 0 };
        sipparse_slice v = { guard_copy(&g, r->value, len), len };
        size_t pos = 0;
        sipparse_err rc;
        size_t calls = 0;
        do {
            char buf[512];
            out_str o = { buf, sizeof buf, 0 };
            sipparse_error err;
            memset(&err, 0, sizeof err);
            size_t before = pos;
            rc = step(r->api, v, &pos, &o, &err);
            if (rc == SIPPARSE_OK)
                ck_assert_msg(pos == DONE || (pos > before && pos <= len),
                              "%s[..%zu]: no progress at %zu", r->name, len, before);
            else if (rc != SIPPARSE_END)
                ck_assert_msg(err.at == NULL || (err.at >= v.ptr && err.at <= v.ptr + len),
                              "%s[..%zu]: error outside the value", r->name, len);
            ck_assert_msg(++calls <= len + 2, "%s[..%zu]: endless", r->name, len);
        } while (rc == SIPPARSE_OK);
        guard_free(&g);
    }
}

START_TEST(test_list_rows)
{
    run_row(&list_rows[_i]);
}
END_TEST

START_TEST(test_info_rows)
{
    run_row(&info_rows[_i]);
}
END_TEST

START_TEST(test_list_prefixes)
{
    run_prefixes(&list_rows[_i]);
}
END_TEST

START_TEST(test_info_prefixes)
{
    run_prefixes(&info_rows[_i]);
}
END_TEST

/* A NULL value: an empty list where the ABNF allows one, else an error without a
 * position. */
START_TEST(test_null_value)
{
    sipparse_slice none = SIPPARSE_SLICE_NONE;
    size_t pos = 0;
    sipparse_item it;
    sipparse_error err;
    ck_assert(sipparse_supported_next(none, &pos, &it, &err) == SIPPARSE_END);
    ck_assert(sipparse_allow_next(none, &pos, &it, &err) == SIPPARSE_END);
    ck_assert(sipparse_accept_next(none, &pos, &it, &err) == SIPPARSE_END);
    ck_assert(sipparse_require_next(none, &pos, &it, &err) == SIPPARSE_E_HEADER_VALUE);
    ck_assert(err.at == NULL);
    ck_assert(sipparse_text_trim_parse(none, &err) == SIPPARSE_OK);
    sipparse_identity id;
    ck_assert(sipparse_identity_parse(none, &id, NULL) == SIPPARSE_E_HEADER_VALUE);
    sipparse_info in;
    ck_assert(sipparse_info_next(none, &pos, &in, NULL) == SIPPARSE_E_HEADER_VALUE);
}
END_TEST

/* ---- sipparse_msg_check types these headers ------------------------------------------------- */

#define MSG_HEAD                                                                                \
    "INVITE sip:bob@biloxi.com SIP/2.0" CRLF "Via: SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bK776" CRLF \
    "Max-Forwards: 70" CRLF "To: <sip:bob@biloxi.com>" CRLF                                    \
    "From: <sip:alice@atlanta.com>;tag=1928301774" CRLF "Call-ID: a84b4c76e66710" CRLF        \
    "CSeq: 314159 INVITE" CRLF

static const char *const good_headers =
    "Supported:" CRLF "k: 100rel, timer" CRLF "Require: 100rel" CRLF "Proxy-Require: foo" CRLF
    "Unsupported: bar" CRLF "Allow: INVITE, ACK" CRLF "Allow:" CRLF "Accept: application/sdp;q=0.5" CRLF
    "Accept-Encoding: gzip" CRLF "Accept-Language: en;q=1" CRLF "e: gzip" CRLF
    "Content-Language: fr" CRLF "Content-Disposition: session;handling=required" CRLF
    "s: Lunch" CRLF "Organization: Boxes by Bob" CRLF "Server: HomeServer v2" CRLF
    "User-Agent: Softphone/1.0 (beta)" CRLF "Priority: emergency" CRLF
    "Warning: 370 devnull \"Choose a bigger pipe\"" CRLF
    "Call-Info: <http://www.example.com/alice/photo.jpg> ;purpose=icon" CRLF
    "Alert-Info: <http://www.example.com/sounds/moo.wav>" CRLF
    "Error-Info: <sip:not-in-service-recording@atlanta.com>" CRLF
    "In-Reply-To: 70710@saturn.bell-tel.com" CRLF "Privacy: id;header" CRLF
    "P-Asserted-Identity: \"Cullen Jennings\" <sip:fluffy@cisco.com>, tel:+14085264000" CRLF
    "P-Preferred-Identity: <sip:alice@atlanta.com>" CRLF
    "History-Info: <sip:bob@biloxi.com>;index=1" CRLF
    "Diversion: <sip:bob@biloxi.com>;reason=no-answer;counter=1" CRLF
    "Path: <sip:P3.EXAMPLEHOME.COM;lr>" CRLF "Service-Route: <sip:P2.HOME.EXAMPLE.COM;lr>" CRLF
    "y: abc.def.ghi;info=<https://cert.example.org/a.cer>;alg=ES256;ppt=shaken" CRLF;

START_TEST(test_msg_clean)
{
    char text[4096];
    snprintf(text, sizeof text, "%s%sContent-Length: 0" CRLF CRLF, MSG_HEAD, good_headers);
    tmsg t;
    tmsg_parse_str(&t, text, 0);
    verdict v;
    verdict_run(&t, &v);
    ck_assert_msg(v.parse_rc == SIPPARSE_OK, "parse %s", err_str(v.err));
    ck_assert_msg(v.check_rc == SIPPARSE_OK && v.nerrs == 0, "%zu findings, first %s", v.nerrs,
                  err_str(v.err));
    tmsg_free(&t);
}
END_TEST

static const struct {
    const char *line;
    sipparse_hdr_id hdr;
    const char *rule;
} bad_headers[] = {
    { "Require:", SIPPARSE_HDR_REQUIRE, "option-tag" },
    { "Unsupported: a b", SIPPARSE_HDR_UNSUPPORTED, "option-tag" },
    { "Proxy-Require: a,", SIPPARSE_HDR_PROXY_REQUIRE, "option-tag" },
    { "k: a;b", SIPPARSE_HDR_SUPPORTED, "option-tag" },
    { "Allow: INVITE;x", SIPPARSE_HDR_ALLOW, "Method" },
    { "Accept: application", SIPPARSE_HDR_ACCEPT, "media-range" },
    { "Accept-Encoding: gzip;q=2", SIPPARSE_HDR_ACCEPT_ENCODING, "qvalue" },
    { "Accept-Language: en-", SIPPARSE_HDR_ACCEPT_LANGUAGE, "language-range" },
    { "e: a b", SIPPARSE_HDR_CONTENT_ENCODING, "content-coding" },
    { "Content-Language: 12", SIPPARSE_HDR_CONTENT_LANGUAGE, "language-tag" },
    { "Content-Disposition: session;", SIPPARSE_HDR_CONTENT_DISPOSITION, "disp-param" },
    { "Subject: a\x01", SIPPARSE_HDR_SUBJECT, "TEXT-UTF8-TRIM" },
    { "Organization: \x80", SIPPARSE_HDR_ORGANIZATION, "TEXT-UTF8-TRIM" },
    { "Server: (x", SIPPARSE_HDR_SERVER, "comment" },
    { "User-Agent: a/", SIPPARSE_HDR_USER_AGENT, "server-val" },
    { "Priority: a b", SIPPARSE_HDR_PRIORITY, "priority-value" },
    { "Warning: 37 h \"x\"", SIPPARSE_HDR_WARNING, "warn-code" },
    { "Call-Info: http://a/b", SIPPARSE_HDR_CALL_INFO, "info" },
    { "Alert-Info: <http://a/b>;", SIPPARSE_HDR_ALERT_INFO, "info" },
    { "Error-Info: <x>", SIPPARSE_HDR_ERROR_INFO, "absoluteURI" },
    { "In-Reply-To: a b", SIPPARSE_HDR_IN_REPLY_TO, "callid" },
    { "Privacy: id; user", SIPPARSE_HDR_PRIVACY, "priv-value" },
    { "P-Asserted-Identity: <sip:a@b>;x", SIPPARSE_HDR_P_ASSERTED_IDENTITY, "PAssertedID-value" },
    { "P-Preferred-Identity: *", SIPPARSE_HDR_P_PREFERRED_IDENTITY, "PAssertedID-value" },
    { "History-Info: <sip:a@b>;index=x", SIPPARSE_HDR_HISTORY_INFO, "hi-index" },
    { "Diversion: <sip:a@b>;counter=123", SIPPARSE_HDR_DIVERSION, "diversion-counter" },
    { "Identity: abc", SIPPARSE_HDR_IDENTITY, NULL },   /* RFC 4474 form: accepted */
    { "Identity: abc;alg=x", SIPPARSE_HDR_IDENTITY, "ident-info" },
    /* RFC 3327 §4, RFC 3608 §5: name-addr only */
    { "Path: sip:P3.EXAMPLEHOME.COM;lr", SIPPARSE_HDR_PATH, "name-addr" },
    { "Service-Route: sip:P2.HOME.EXAMPLE.COM", SIPPARSE_HDR_SERVICE_ROUTE, "name-addr" },
};

START_TEST(test_msg_bad_header)
{
    char text[2048];
    snprintf(text, sizeof text, "%s%s" CRLF "Content-Length: 0" CRLF CRLF, MSG_HEAD,
             bad_headers[_i].line);
    tmsg t;
    tmsg_parse_str(&t, text, 0);
    verdict v;
    verdict_run(&t, &v);
    const char *line = bad_headers[_i].line;
    ck_assert_msg(v.parse_rc == SIPPARSE_OK, "'%s': parse %s", line, err_str(v.err));
    const sipparse_error *e = verdict_find_hdr(&v, bad_headers[_i].hdr);
    if (!bad_headers[_i].rule) {
        ck_assert_msg(e == NULL, "'%s': finding %s", line, err_str(e));
    } else {
        ck_assert_msg(e != NULL, "'%s': no finding", line);
        ck_assert_msg(e->rule && strcmp(e->rule, bad_headers[_i].rule) == 0, "'%s': %s", line,
                      err_str(e));
        ck_assert_msg(!e->critical && v.check_rc == SIPPARSE_OK, "'%s': critical", line);
        const char *why = error_pos_problem(t.g.data + t.m.start, t.g.len - t.m.start, e);
        ck_assert_msg(why == NULL, "'%s': %s", line, why);
    }
    tmsg_free(&t);
}
END_TEST

Suite *lists_suite(void)
{
    Suite *s = suite_create("lists");
    TCase *tc = tcase_create("lists");
    tcase_add_loop_test(tc, test_list_rows, 0, (int)ARRAY_LEN(list_rows));
    tcase_add_test(tc, test_null_value);
    suite_add_tcase(s, tc);
    tc = tcase_create("info");
    tcase_add_loop_test(tc, test_info_rows, 0, (int)ARRAY_LEN(info_rows));
    suite_add_tcase(s, tc);
    tc = tcase_create("prefixes");
    tcase_add_loop_test(tc, test_list_prefixes, 0, (int)ARRAY_LEN(list_rows));
    tcase_add_loop_test(tc, test_info_prefixes, 0, (int)ARRAY_LEN(info_rows));
    suite_add_tcase(s, tc);
    tc = tcase_create("msg_check");
    tcase_add_test(tc, test_msg_clean);
    tcase_add_loop_test(tc, test_msg_bad_header, 0, (int)ARRAY_LEN(bad_headers));
    suite_add_tcase(s, tc);
    return s;
}
