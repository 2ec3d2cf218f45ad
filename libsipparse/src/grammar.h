/* grammar.h: the matchers generated from grammar/ (*.re), used by the library C glue.
 * Each takes [p, lim) and never reads at or past lim. Internal to the library. */
#ifndef SIPPARSE_GRAMMAR_H
#define SIPPARSE_GRAMMAR_H
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "sipparse/sipparse.h"

/* sip_message.re */
typedef struct sp_start {
    int is_request;
    sipparse_slice method, ruri, version, reason;
    unsigned status;
    int extra_sp;       /* more than one SP somewhere, or SP before the line end */
    const char *end;    /* the line end (CR or LF) */
} sp_start;
int sp_start_line(const char *p, const char *lim, sp_start *out);
const char *sp_header_name(const char *p, const char *lim, const char **name_end,
                           sipparse_hdr_id *id);
sipparse_hdr_id sp_hdr_id(const char *p, const char *lim);
sipparse_method sp_method_id(const char *p, const char *lim);
size_t sp_token(const char *p, const char *lim);

/* sip_uri.re */
const char *sp_uri_userinfo(const char *p, const char *lim, const char **user_end,
                            const char **password);
const char *sp_uri_hostport(const char *p, const char *lim, int with_params, sipparse_uri *u);
const char *sp_uri_other(const char *p, const char *lim, int bare, sipparse_uri *u);

/* The ';' that opens the params matched from p: SEMI = SWS ";" SWS, so only LWS stands
 * before it, a byte or two at most (a loop that short is cheaper than a memchr call). */
static inline const char *sp_semi(const char *p)
{
    while (*p != ';')
        p++;
    return p;
}

/* sip_lexical.re */
const char *sp_lws(const char *p, const char *lim);
/* SWS = [LWS]: most values have none where it may stand, so the byte is looked at here
 * and the DFA entered only for a space, a tab or a line end (a fold). */
static inline const char *sp_sws(const char *p, const char *lim)
{
    return p < lim && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n') ? sp_lws(p, lim) : p;
}
const char *sp_comma(const char *p, const char *lim);
const char *sp_quoted_string(const char *p, const char *lim);
const char *sp_gen_value(const char *p, const char *lim);
const char *sp_quotable(const char *p, const char *lim);
const char *sp_digits(const char *p, const char *lim);
const char *sp_generic_param(const char *p, const char *lim, sipparse_slice *name,
                             sipparse_slice *value);
int sp_qvalue(const char *p, const char *lim);
const char *sp_text(const char *p, const char *lim);
const char *sp_comment(const char *p, const char *lim, const char **bad);

/* sip_nameaddr.re */
const char *sp_display_name(const char *p, const char *lim, int *quoted);
const char *sp_header_params(const char *p, const char *lim, sipparse_nameaddr *na);

/* sip_via.re */
const char *sp_via(const char *p, const char *lim, sipparse_via *v, sipparse_error *err);

/* sip_values.re */
int sp_cseq(const char *p, const char *lim, sipparse_slice *num, sipparse_slice *method);
int sp_callid(const char *p, const char *lim);
int sp_ctype(const char *p, const char *lim, sipparse_ctype *ct);
int sp_date(const char *p, const char *lim);
const char *sp_uuid(const char *p, const char *lim, int urn);

/* sip_auth.re: auth-scheme LWS, and one auth-param with the Digest directive it is */
typedef enum sp_auth_id {
    SP_AUTH_OTHER, SP_AUTH_REALM, SP_AUTH_NONCE, SP_AUTH_OPAQUE, SP_AUTH_DOMAIN,
    SP_AUTH_STALE, SP_AUTH_ALGORITHM, SP_AUTH_QOP_OPTIONS, SP_AUTH_QOP, SP_AUTH_USERHASH,
    SP_AUTH_CHARSET, SP_AUTH_USERNAME, SP_AUTH_USERNAME_EXT, SP_AUTH_URI, SP_AUTH_RESPONSE,
    SP_AUTH_CNONCE, SP_AUTH_NC, SP_AUTH_NEXTNONCE, SP_AUTH_RSPAUTH
} sp_auth_id;
typedef struct sp_auth_item {
    sp_auth_id id;
    int lax;                    /* a known name with an auth-param value, not its own form */
    int quoted;                 /* value was a quoted-string (value is inside the quotes) */
    sipparse_slice name, value;
} sp_auth_item;
const char *sp_auth_scheme(const char *p, const char *lim, const char **scheme_end);
const char *sp_auth_param(const char *p, const char *lim, sp_auth_item *ap);
/* sip_events.re (Event, Subscription-State, Reason, Session-Expires, Replaces, ...) */
const char *sp_event(const char *p, const char *lim, int with_params, sipparse_event *ev,
                     sipparse_error *err);
const char *sp_substate(const char *p, const char *lim, sipparse_substate_hdr *s,
                        sipparse_error *err);
const char *sp_reason(const char *p, const char *lim, sipparse_reason *r, sipparse_error *err);
const char *sp_session_expires(const char *p, const char *lim, int min_se,
                               sipparse_session_expires *s, sipparse_error *err);
const char *sp_replaces(const char *p, const char *lim, sipparse_replaces *r, sipparse_error *err);
int sp_msg_id(const char *p, const char *lim);
int sp_rack(const char *p, const char *lim, sipparse_slice *rseq, sipparse_slice *cseq,
            sipparse_slice *method);
const char *sp_retry_after(const char *p, const char *lim, sipparse_retry_after *r,
                           sipparse_error *err);
const char *sp_timestamp(const char *p, const char *lim, sipparse_timestamp *ts);
/* events.c: every value of a list header, for sipparse_msg_check */
sipparse_err sp_check_allow_events(sipparse_slice v, sipparse_error *e);
sipparse_err sp_check_reason(sipparse_slice v, sipparse_error *e);

/* Case-insensitive compare with a lower-case string literal: OR-ing 0x20 into a byte
 * lower-cases a letter. The length is known at compile time, so after inlining the
 * chunks below are a few loads and compares of whole words, not a loop over bytes. */
#define SP_EQ_LIT(s, lit) ((s).len == sizeof(lit) - 1 && sp_eq_ci_n((s).ptr, lit, sizeof(lit) - 1))
static inline int sp_eq_ci_n(const char *a, const char *lit, size_t n)
{
    uint64_t x8, y8;
    uint32_t x4, y4;
    uint16_t x2, y2;
    for (; n >= 8; a += 8, lit += 8, n -= 8) {
        memcpy(&x8, a, 8), memcpy(&y8, lit, 8);
        if ((x8 | 0x2020202020202020u) != y8)
            return 0;
    }
    if (n >= 4) {
        memcpy(&x4, a, 4), memcpy(&y4, lit, 4);
        if ((x4 | 0x20202020u) != y4)
            return 0;
        a += 4, lit += 4, n -= 4;
    }
    if (n >= 2) {
        memcpy(&x2, a, 2), memcpy(&y2, lit, 2);
        if ((x2 | 0x2020u) != y2)
            return 0;
        a += 2, lit += 2, n -= 2;
    }
    return n == 0 || (a[0] | 0x20) == lit[0];
}
/* C helpers shared by the glue (errors.c) */
static inline int sp_lower(char c) { return (c >= 'A' && c <= 'Z') ? c + 32 : c; }
/* A port the grammar matched (1*DIGIT): 0..65535, or -1 when out of range. Inline
 * because every Via and most URIs carry one. */
static inline int sp_port(sipparse_slice digits)
{
    /* 4 and 5 digits (5060, 40412) without a loop: the digits are multiplied side by
     * side instead of one after the other, and no loop end is mispredicted */
    const unsigned char *d = (const unsigned char *)digits.ptr;
    if (digits.len == 4)
        return (int)((d[0] - '0') * 1000u + (d[1] - '0') * 100u + (d[2] - '0') * 10u + (d[3] - '0'));
    if (digits.len == 5) {
        unsigned v5 = (d[0] - '0') * 10000u + (d[1] - '0') * 1000u + (d[2] - '0') * 100u +
                      (d[3] - '0') * 10u + (d[4] - '0');
        return v5 > 65535 ? -1 : (int)v5;
    }
    unsigned v = 0;
    for (size_t i = 0; i < digits.len; i++)
        if ((v = v * 10 + (unsigned)(digits.ptr[i] - '0')) > 65535)
            return -1;
    return digits.len ? (int)v : -1;
}
/* uri.c: the URI grammar plus the checks it cannot express; writes every field of u
 * (all cleared on failure) and returns the end or NULL */
const char *sp_uri_at(const char *p, const char *lim, sipparse_uri_ctx ctx, sipparse_uri *u,
                      sipparse_error *err);
sipparse_err sp_fail(sipparse_error *err, sipparse_err code, const char *at, const char *rule);
/* check.c: 1 for headers whose malformed value is informational (Date, free text) */
int sp_hdr_informational(sipparse_hdr_id id);

/* sip_lists.re (lists.c): token lists and short values; each matcher returns the end of
 * what it matched at p, or NULL */
const char *sp_token_item(const char *p, const char *lim, sipparse_item *it);
const char *sp_language_tag(const char *p, const char *lim, sipparse_item *it);
const char *sp_language_range(const char *p, const char *lim, sipparse_item *it);
const char *sp_callid_item(const char *p, const char *lim, sipparse_item *it);
const char *sp_media_range(const char *p, const char *lim, sipparse_item *it);
const char *sp_accept_params(const char *p, const char *lim, sipparse_item *it);
const char *sp_priv_value(const char *p, const char *lim, sipparse_privacy *pv);
const char *sp_priority(const char *p, const char *lim, sipparse_priority *pr);
const char *sp_disposition(const char *p, const char *lim, sipparse_disposition *d,
                           const char **bad);
const char *sp_text_trim(const char *p, const char *lim);
const char *sp_product(const char *p, const char *lim, sipparse_server_val *sv);

/* sip_info.re (info.c): the parts of Call-Info, Warning, History-Info, Diversion and
 * Identity that are neither a URI nor a name-addr */
const char *sp_info_params(const char *p, const char *lim, sipparse_info *in, const char **bad);
const char *sp_warning(const char *p, const char *lim, sipparse_warning *w, sipparse_error *err);
int sp_index_val(const char *p, const char *lim);
int sp_two_digits(const char *p, const char *lim);
const char *sp_identity_head(const char *p, const char *lim, sipparse_slice *digest,
                             const char **end);
const char *sp_identity_params(const char *p, const char *lim, sipparse_identity *id,
                               const char **bad);

/* lists.c, info.c: every element of a value through a _next function (OK when all
 * parse, else the first error), for sipparse_msg_check */
#define SP_EACH_DECL(name, type)                                                            \
    sipparse_err name(sipparse_slice v,                                                     \
                      sipparse_err (*next)(sipparse_slice, size_t *, type *, sipparse_error *), \
                      sipparse_error *e)
#define SP_EACH_DEF(name, type)                                                             \
    SP_EACH_DECL(name, type)                                                                \
    {                                                                                       \
        type out;                                                                           \
        size_t pos = 0;                                                                     \
        sipparse_err r;                                                                     \
        while ((r = next(v, &pos, &out, e)) == SIPPARSE_OK)                                 \
            ;                                                                               \
        return r == SIPPARSE_END ? SIPPARSE_OK : r;                                         \
    }
SP_EACH_DECL(sp_each_item, sipparse_item);
SP_EACH_DECL(sp_each_privacy, sipparse_privacy);
SP_EACH_DECL(sp_each_server, sipparse_server_val);
SP_EACH_DECL(sp_each_info, sipparse_info);
SP_EACH_DECL(sp_each_warning, sipparse_warning);
SP_EACH_DECL(sp_each_nameaddr, sipparse_nameaddr);
SP_EACH_DECL(sp_each_history, sipparse_history);
SP_EACH_DECL(sp_each_diversion, sipparse_diversion);

#endif
