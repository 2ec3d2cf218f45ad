/* sanity.c: sipparse_sanity_check runs the rules of sanity_rules.c on a parsed message.
 * The header grammar and the message rules sipparse_msg_check already applies (missing
 * and repeated headers, the CSeq method) are taken from it, not checked twice. */
#include <string.h>
#include <strings.h>
#include "sanity_int.h"

#define MAX_CHECK_ERRORS 64

typedef struct run {
    const sipparse_msg *m;
    const sipparse_sanity_ctx *ctx;
    sipparse_finding *out;
    size_t cap, n;
    sipparse_error checked[MAX_CHECK_ERRORS];   /* what sipparse_msg_check found */
    size_t nchecked;
} run;

static int is_ack(const sipparse_msg *m) { return m->is_request && m->method == SIPPARSE_METHOD_ACK; }

/* The reply this message gets for breaking rule r: responses are never answered, nor
 * is ACK (RFC 3261 §17.2.3: it has no response). */
static int reply_for(const sipparse_msg *m, const sipparse_rule *r)
{
    if (r->reply == SIPPARSE_REPLY_NONE)
        return SIPPARSE_REPLY_NONE;
    return !m->is_request || is_ack(m) ? SIPPARSE_REPLY_DROP : r->reply;
}

static void fill(sipparse_finding *f, const sipparse_msg *m, enum sp_rule r, const char *at,
                 sipparse_hdr_id hdr, int hdr_index, const char *detail)
{
    sipparse_error e = { 0 };
    e.at = at;
    sipparse_error_locate(&e, m->buf, m->start + m->len + m->trailing);
    f->rule = &sp_rules[r];
    f->reply = reply_for(m, f->rule);
    f->at = at;
    f->offset = e.offset;
    f->line = e.line;
    f->col = e.col;
    f->hdr = hdr;
    f->hdr_index = hdr_index;
    f->detail = detail;
}

static void add(run *s, enum sp_rule r, const char *at, sipparse_hdr_id hdr, int hdr_index,
                const char *detail)
{
    if (s->n < s->cap)
        fill(&s->out[s->n], s->m, r, at, hdr, hdr_index, detail);
    s->n++;
}

static int index_of(const sipparse_msg *m, const sipparse_hdr *h) { return h ? (int)(h - m->hdrs) : -1; }

/* A finding about header h (at its name), or about the message when h is NULL. */
static void add_hdr(run *s, enum sp_rule r, const sipparse_hdr *h, sipparse_hdr_id id,
                    const char *detail)
{
    add(s, r, h ? h->name.ptr : s->m->buf + s->m->start, id, index_of(s->m, h), detail);
}

/* ---- helpers over typed values --------------------------------------------------- */

/* The tag of From or To: 1 there, 0 not there (";tag" without a value counts as none,
 * as in JsSIP), -1 no such header or one the grammar refused. */
static int tag_state(const sipparse_msg *m, sipparse_hdr_id id)
{
    const sipparse_hdr *h = sipparse_msg_hdr(m, id);
    sipparse_nameaddr na;
    if (!h || sipparse_nameaddr_parse(h->value.ptr, h->value.len, &na, NULL) != SIPPARSE_OK)
        return -1;
    return na.tag.len > 0;
}

static int cseq_of(const sipparse_msg *m, sipparse_cseq *cs)
{
    const sipparse_hdr *h = sipparse_msg_hdr(m, SIPPARSE_HDR_CSEQ);
    return h && sipparse_cseq_parse(h->value, cs, NULL) == SIPPARSE_OK;
}

static int eq_ci(sipparse_slice a, const char *b, size_t n)
{
    return a.len == n && strncasecmp(a.ptr, b, n) == 0;
}

static int is_star(sipparse_slice s) { return s.len == 1 && s.ptr[0] == '*'; }

/* A media type or range (params ignored) against "type/subtype"; '*' matches any. */
static int media_matches(sipparse_slice range, const char *type)
{
    sipparse_ctype ct;
    const char *slash = strchr(type, '/');
    if (!slash || sipparse_ctype_parse(range, &ct, NULL) != SIPPARSE_OK)
        return 0;
    return (is_star(ct.type) || eq_ci(ct.type, type, (size_t)(slash - type))) &&
           (is_star(ct.subtype) || eq_ci(ct.subtype, slash + 1, strlen(slash + 1)));
}

static int known_type(const sipparse_sanity_ctx *ctx, sipparse_slice range)
{
    for (size_t i = 0; i < ctx->n_content_types; i++)
        if (media_matches(range, ctx->content_types[i]))
            return 1;
    return 0;
}

static int supported_tag(const sipparse_sanity_ctx *ctx, sipparse_slice tag)
{
    for (size_t i = 0; i < ctx->n_extensions; i++)
        if (eq_ci(tag, ctx->extensions[i], strlen(ctx->extensions[i])))
            return 1;
    return 0;
}

/* ---- the rules sipparse_msg_check applies ----------------------------------------- */

/* Its errors, each under the rule that states it: the missing headers (JsSIP's first
 * rule) or all the others. */
static void from_msg_check(run *s, int missing)
{
    for (size_t i = 0; i < s->nchecked; i++) {
        const sipparse_error *e = &s->checked[i];
        enum sp_rule r;
        switch (e->code) {
        case SIPPARSE_E_MISSING_HEADER:   r = R_MIN_HEADERS; break;
        case SIPPARSE_E_DUPLICATE_HEADER: r = R_SINGLE_VALUE; break;
        case SIPPARSE_E_CSEQ_METHOD:      r = R_CSEQ_METHOD; break;
        default:
            if (!e->critical && sp_hdr_informational(e->hdr))
                r = R_HEADER_SYNTAX_OTHER;
            else
                r = e->code == SIPPARSE_E_RANGE ? R_NUMBER_RANGE : R_HEADER_SYNTAX;
            break;
        }
        if ((r == R_MIN_HEADERS) == missing)
            add(s, r, e->at, e->hdr, e->hdr_index, e->rule);
    }
}

/* ---- JsSIP's rules ------------------------------------------------------------------ */

/* §8.2.2.1 is about the Request-URI; JsSIP looks at the To URI instead (listed in the
 * conformance notes). */
static void uri_scheme(run *s)
{
    unsigned ok = s->ctx->schemes ? s->ctx->schemes
                                  : (1u << SIPPARSE_SCHEME_SIP) | (1u << SIPPARSE_SCHEME_SIPS);
    if (!(ok & (1u << s->m->uri.scheme_id)))
        add(s, R_URI_SCHEME, s->m->ruri.ptr, SIPPARSE_HDR_OTHER, -1, "Request-URI scheme");
}

static void loop(run *s, int to_tag)
{
    const sipparse_hdr *h = sipparse_msg_hdr(s->m, SIPPARSE_HDR_CALL_ID);
    size_t n = s->ctx->local_id_len;
    if (!s->ctx->local_id || !n || to_tag || !h)
        return;
    if (h->value.len >= n && memcmp(h->value.ptr, s->ctx->local_id, n) == 0)
        add_hdr(s, R_LOOP, h, SIPPARSE_HDR_CALL_ID, "Call-ID");
}

static void merged(run *s, int to_tag)
{
    if (!s->ctx->transaction || to_tag)
        return;
    int r = s->ctx->transaction(s->ctx->user, s->m);
    if (r == 0)
        return;
    add(s, R_MERGED, s->m->buf + s->m->start, SIPPARSE_HDR_OTHER, -1,
        r == 1 ? "retransmission" : "merged request");
    if (r == 1 && s->n <= s->cap)   /* a retransmission is absorbed, not answered */
        s->out[s->n - 1].reply = SIPPARSE_REPLY_DROP;
}

/* The RFC counts Via values; JsSIP counts Via lines (conformance notes). */
static void response_vias(run *s)
{
    unsigned n = 0;
    for (const sipparse_hdr *h = sipparse_msg_hdr(s->m, SIPPARSE_HDR_VIA); h;
         h = sipparse_msg_hdr_next(s->m, h)) {
        sipparse_via v;
        size_t pos = 0;
        while (sipparse_via_next(h->value, &pos, &v, NULL) == SIPPARSE_OK)
            if (++n == 2) {
                add(s, R_RESPONSE_VIAS, v.raw.ptr, SIPPARSE_HDR_VIA, index_of(s->m, h), "Via");
                return;
            }
    }
}

/* ---- RFC 3261 and extensions --------------------------------------------------------- */

static void version(run *s)
{
    if (!sipparse_slice_eq_ci(s->m->version, "SIP/2.0"))   /* parsed under ANY_VERSION */
        add(s, R_SIP_VERSION, s->m->version.ptr, SIPPARSE_HDR_OTHER, -1, "SIP-Version");
}

static void status_code(run *s)
{
    if (s->m->status < 100 || s->m->status > 699)
        add(s, R_STATUS_CODE, s->m->buf + s->m->start, SIPPARSE_HDR_OTHER, -1, "Status-Code");
}

static void cseq_range(run *s, const sipparse_cseq *cs)
{
    if (cs->seq >= 0x80000000u)
        add_hdr(s, R_CSEQ_RANGE, sipparse_msg_hdr(s->m, SIPPARSE_HDR_CSEQ), SIPPARSE_HDR_CSEQ,
                "CSeq");
}

/* The headers each method requires beyond the five every request has (RFC 3261 §20
 * table; RFC 3262 §7.2 RAck; RFC 3515 §2.4.1 Refer-To; RFC 3903 §4 and RFC 6665 §8.2.1
 * Event; RFC 6665 §8.2.3 Subscription-State; Contact in requests that can set up a
 * dialog or refresh one, RFC 3261 §8.1.1.8, RFC 3311 §5.1, RFC 6665 §8.2). */
static const struct {
    sipparse_method method;
    sipparse_hdr_id hdr;
} required[] = {
    { SIPPARSE_METHOD_INVITE, SIPPARSE_HDR_CONTACT },
    { SIPPARSE_METHOD_SUBSCRIBE, SIPPARSE_HDR_CONTACT },
    { SIPPARSE_METHOD_SUBSCRIBE, SIPPARSE_HDR_EVENT },
    { SIPPARSE_METHOD_NOTIFY, SIPPARSE_HDR_CONTACT },
    { SIPPARSE_METHOD_NOTIFY, SIPPARSE_HDR_EVENT },
    { SIPPARSE_METHOD_NOTIFY, SIPPARSE_HDR_SUBSCRIPTION_STATE },
    { SIPPARSE_METHOD_REFER, SIPPARSE_HDR_CONTACT },
    { SIPPARSE_METHOD_REFER, SIPPARSE_HDR_REFER_TO },
    { SIPPARSE_METHOD_UPDATE, SIPPARSE_HDR_CONTACT },
    { SIPPARSE_METHOD_PRACK, SIPPARSE_HDR_RACK },
    { SIPPARSE_METHOD_PUBLISH, SIPPARSE_HDR_EVENT },
};

/* RFC 3261 §8.1.1.7: a branch that starts with the magic cookie marks an RFC 3261
 * element; RFC 2543 ones (RFC 4475 §3.4.1) need not send Contact. */
static int rfc3261_peer(const sipparse_msg *m)
{
    const sipparse_hdr *h = sipparse_msg_hdr(m, SIPPARSE_HDR_VIA);
    sipparse_via v;
    size_t pos = 0;
    return h && sipparse_via_next(h->value, &pos, &v, NULL) == SIPPARSE_OK && v.branch.len >= 7 &&
           strncmp(v.branch.ptr, "z9hG4bK", 7) == 0;
}

static void method_headers(run *s)
{
    int rfc3261 = rfc3261_peer(s->m);
    for (size_t i = 0; i < sizeof required / sizeof required[0]; i++)
        if (required[i].method == s->m->method && !sipparse_msg_hdr(s->m, required[i].hdr) &&
            (rfc3261 || required[i].hdr != SIPPARSE_HDR_CONTACT))
            add_hdr(s, R_METHOD_HEADERS, NULL, required[i].hdr, sipparse_hdr_name(required[i].hdr));
    if (!sipparse_msg_hdr(s->m, SIPPARSE_HDR_MAX_FORWARDS))
        add_hdr(s, R_MAX_FORWARDS_MISSING, NULL, SIPPARSE_HDR_MAX_FORWARDS, "Max-Forwards");
}

static void from_tag(run *s)
{
    if (tag_state(s->m, SIPPARSE_HDR_FROM) == 0)
        add_hdr(s, R_FROM_TAG, sipparse_msg_hdr(s->m, SIPPARSE_HDR_FROM), SIPPARSE_HDR_FROM, "tag");
}

static void max_forwards_zero(run *s)
{
    const sipparse_hdr *h = sipparse_msg_hdr(s->m, SIPPARSE_HDR_MAX_FORWARDS);
    uint32_t n;
    if (s->ctx->role == SIPPARSE_ROLE_PROXY && h && sipparse_uint_parse(h->value, 255, &n, NULL) == SIPPARSE_OK && n == 0)
        add_hdr(s, R_MAX_FORWARDS_ZERO, h, SIPPARSE_HDR_MAX_FORWARDS, "Max-Forwards");
}

static void body_type(run *s)
{
    const sipparse_hdr *h = sipparse_msg_hdr(s->m, SIPPARSE_HDR_CONTENT_TYPE);
    if (s->m->body.len == 0)
        return;
    if (!h) {
        add(s, R_CONTENT_TYPE_MISSING, s->m->body.ptr, SIPPARSE_HDR_CONTENT_TYPE, -1, "Content-Type");
        return;
    }
    sipparse_ctype ct;
    if (s->ctx->content_types && sipparse_ctype_parse(h->value, &ct, NULL) == SIPPARSE_OK &&
        !known_type(s->ctx, h->value))
        add_hdr(s, R_CONTENT_TYPE_UNKNOWN, h, SIPPARSE_HDR_CONTENT_TYPE, "Content-Type");
}

/* Accept present and none of its ranges admits a type this element can send. An empty
 * Accept (RFC 3261 §20.1 allows it) admits nothing but an empty body: not a finding. */
static void accept(run *s)
{
    const sipparse_hdr *first = sipparse_msg_hdr(s->m, SIPPARSE_HDR_ACCEPT);
    if (!s->ctx->content_types || !first || s->m->method == SIPPARSE_METHOD_CANCEL)
        return;
    int items = 0;
    for (const sipparse_hdr *h = first; h; h = sipparse_msg_hdr_next(s->m, h)) {
        sipparse_slice item;
        size_t pos = 0;
        while (sipparse_list_next(h->value, &pos, &item)) {
            items++;
            if (known_type(s->ctx, item))
                return;
        }
    }
    if (items)
        add_hdr(s, R_ACCEPT, first, SIPPARSE_HDR_ACCEPT, "Accept");
}

/* Each option tag of Require (or Proxy-Require) this element does not support. */
static void option_tags(run *s, sipparse_hdr_id id, enum sp_rule r)
{
    if (!s->ctx->extensions || s->m->method == SIPPARSE_METHOD_CANCEL)   /* §8.2.2.3 */
        return;
    for (const sipparse_hdr *h = sipparse_msg_hdr(s->m, id); h; h = sipparse_msg_hdr_next(s->m, h)) {
        sipparse_slice tag;
        size_t pos = 0;
        while (sipparse_list_next(h->value, &pos, &tag))
            if (!supported_tag(s->ctx, tag))
                add(s, r, tag.ptr, id, index_of(s->m, h), "option-tag");
    }
}

/* The top Via's branch: RFC 3261 transactions need the magic cookie and an id after it
 * (RFC 4475 §3.2.1: exactly "z9hG4bK"). RFC 2543 peers send none (§3.4.1). */
static void branch_cookie(run *s)
{
    const sipparse_hdr *h = sipparse_msg_hdr(s->m, SIPPARSE_HDR_VIA);
    sipparse_via v;
    size_t pos = 0;
    if (!h || sipparse_via_next(h->value, &pos, &v, NULL) != SIPPARSE_OK)
        return;
    if (v.branch.len < 7 || strncmp(v.branch.ptr, "z9hG4bK", 7) != 0)
        add(s, R_BRANCH_COOKIE, v.raw.ptr, SIPPARSE_HDR_VIA, index_of(s->m, h), "branch");
    else if (v.branch.len == 7)
        add(s, R_BRANCH_COOKIE, v.branch.ptr, SIPPARSE_HDR_VIA, index_of(s->m, h),
            "branch is the magic cookie alone");
}

static void via_broadcast(run *s)
{
    for (const sipparse_hdr *h = sipparse_msg_hdr(s->m, SIPPARSE_HDR_VIA); h;
         h = sipparse_msg_hdr_next(s->m, h)) {
        sipparse_via v;
        size_t pos = 0;
        while (sipparse_via_next(h->value, &pos, &v, NULL) == SIPPARSE_OK)
            if (v.host_type == SIPPARSE_HOST_IPV4 && eq_ci(v.host, "255.255.255.255", 15))
                add(s, R_VIA_BROADCAST, v.host.ptr, SIPPARSE_HDR_VIA, index_of(s->m, h), "sent-by");
    }
}

/* A response to INVITE or SUBSCRIBE that sets up a dialog (§12.1.1, §13.3.1.1). */
static int response_sets_dialog(const sipparse_msg *m, const sipparse_cseq *cs, int to_tag)
{
    unsigned st = m->status;
    int dialog = cs->method_id == SIPPARSE_METHOD_INVITE || cs->method_id == SIPPARSE_METHOD_SUBSCRIBE;
    return dialog && (st / 100 == 2 || (st > 100 && st < 200 && to_tag));
}

/* Such a response carries the remote target. */
static void contact_response(run *s, const sipparse_cseq *cs, int to_tag)
{
    if (response_sets_dialog(s->m, cs, to_tag) && !sipparse_msg_hdr(s->m, SIPPARSE_HDR_CONTACT))
        add_hdr(s, R_CONTACT_RESPONSE, NULL, SIPPARSE_HDR_CONTACT, "Contact");
}

/* A request whose Contact is the remote target of a dialog it sets up or refreshes: the
 * methods the table above requires Contact for. */
static int request_sets_target(const sipparse_msg *m)
{
    for (size_t i = 0; i < sizeof required / sizeof required[0]; i++)
        if (required[i].method == m->method && required[i].hdr == SIPPARSE_HDR_CONTACT)
            return 1;
    return 0;
}

/* Expires: 0, the only value a '*' Contact goes with. */
static int expires_zero(const sipparse_msg *m)
{
    const sipparse_hdr *h = sipparse_msg_hdr(m, SIPPARSE_HDR_EXPIRES);
    uint32_t n;
    return h && sipparse_uint_parse(h->value, 0xffffffffu, &n, NULL) == SIPPARSE_OK && n == 0;
}

/* The Contact values: one SIP or SIPS URI where Contact is a dialog's remote target
 * (target), and '*' only as a REGISTER's sole Contact with Expires 0. Values the grammar
 * refused are header_syntax's. */
static void contacts(run *s, int target)
{
    const sipparse_hdr *first = sipparse_msg_hdr(s->m, SIPPARSE_HDR_CONTACT);
    const sipparse_hdr *star_h = NULL;
    const char *star_at = NULL;
    unsigned n = 0;
    for (const sipparse_hdr *h = first; h; h = sipparse_msg_hdr_next(s->m, h)) {
        sipparse_nameaddr na;
        size_t pos = 0;
        while (sipparse_contact_next(h->value, &pos, &na, NULL) == SIPPARSE_OK) {
            n++;
            if (na.star) {
                star_h = h;
                star_at = na.raw.ptr;
            } else if (target && na.uri.scheme_id != SIPPARSE_SCHEME_SIP &&
                       na.uri.scheme_id != SIPPARSE_SCHEME_SIPS) {
                add(s, R_CONTACT_TARGET, na.uri.raw.ptr, SIPPARSE_HDR_CONTACT, index_of(s->m, h),
                    "not a SIP or SIPS URI");
            }
        }
    }
    if (target && n > 1)
        add_hdr(s, R_CONTACT_TARGET, first, SIPPARSE_HDR_CONTACT, "more than one value");
    if (!star_h)
        return;
    const char *why = NULL;
    if (!s->m->is_request || s->m->method != SIPPARSE_METHOD_REGISTER)
        why = "'*' outside a REGISTER";
    else if (n > 1)
        why = "'*' with other Contact values";
    else if (!expires_zero(s->m))
        why = "'*' without Expires: 0";
    if (why)
        add(s, R_CONTACT_STAR, star_at, SIPPARSE_HDR_CONTACT, index_of(s->m, star_h), why);
}

static void register_aor(run *s)
{
    const sipparse_hdr *h = sipparse_msg_hdr(s->m, SIPPARSE_HDR_TO);
    sipparse_nameaddr na;
    if (h && sipparse_nameaddr_parse(h->value.ptr, h->value.len, &na, NULL) == SIPPARSE_OK &&
        na.uri.scheme_id != SIPPARSE_SCHEME_SIP && na.uri.scheme_id != SIPPARSE_SCHEME_SIPS)
        add(s, R_REGISTER_AOR, na.uri.raw.ptr, SIPPARSE_HDR_TO, index_of(s->m, h), "To");
}

static void auth_scheme(run *s, sipparse_hdr_id id)
{
    for (const sipparse_hdr *h = sipparse_msg_hdr(s->m, id); h; h = sipparse_msg_hdr_next(s->m, h)) {
        size_t n = h->value.ptr ? sp_token(h->value.ptr, h->value.ptr + h->value.len) : 0;
        if (!eq_ci((sipparse_slice){ h->value.ptr, n }, "Digest", 6))
            add_hdr(s, R_AUTH_SCHEME, h, id, "auth-scheme");
    }
}

/* ---- the run -------------------------------------------------------------------------- */

static void requests(run *s, int to_tag)
{
    uri_scheme(s);
    loop(s, to_tag);
    merged(s, to_tag);
}

size_t sipparse_sanity_check(const sipparse_msg *m, const sipparse_sanity_ctx *ctx,
                             sipparse_finding *out, size_t cap)
{
    static const sipparse_sanity_ctx none;
    run s = { m, ctx ? ctx : &none, out, out ? cap : 0, 0, { { 0 } }, 0 };
    sipparse_msg_check(m, s.checked, MAX_CHECK_ERRORS, &s.nchecked);
    if (s.nchecked > MAX_CHECK_ERRORS)
        s.nchecked = MAX_CHECK_ERRORS;
    int to_tag = tag_state(m, SIPPARSE_HDR_TO) == 1;
    sipparse_cseq cs;
    int have_cseq = cseq_of(m, &cs);

    from_msg_check(&s, 1);                       /* minimumHeaders */
    if (m->is_request)
        requests(&s, to_tag);
    else if (s.ctx->role == SIPPARSE_ROLE_UA)
        response_vias(&s);
    version(&s);
    from_msg_check(&s, 0);                       /* header grammar, repeats, CSeq method */
    if (have_cseq)
        cseq_range(&s, &cs);
    if (!m->is_request)
        status_code(&s);
    if (m->is_request) {
        method_headers(&s);
        from_tag(&s);
        max_forwards_zero(&s);
    }
    body_type(&s);
    if (m->is_request) {
        accept(&s);
        option_tags(&s, SIPPARSE_HDR_REQUIRE, R_REQUIRE);
        if (s.ctx->role == SIPPARSE_ROLE_PROXY)
            option_tags(&s, SIPPARSE_HDR_PROXY_REQUIRE, R_PROXY_REQUIRE);
    }
    branch_cookie(&s);
    if (!m->is_request && m->status > 100 && !to_tag)
        add_hdr(&s, R_TO_TAG, sipparse_msg_hdr(m, SIPPARSE_HDR_TO), SIPPARSE_HDR_TO, "tag");
    if (!m->is_request && have_cseq)
        contact_response(&s, &cs, to_tag);
    contacts(&s, m->is_request ? request_sets_target(m)
                               : have_cseq && response_sets_dialog(m, &cs, to_tag));
    if (m->is_request && m->method == SIPPARSE_METHOD_REGISTER)
        register_aor(&s);
    if (m->is_request) {
        auth_scheme(&s, SIPPARSE_HDR_AUTHORIZATION);
        auth_scheme(&s, SIPPARSE_HDR_PROXY_AUTHORIZATION);
    }
    via_broadcast(&s);
    if (m->trailing)
        add(&s, R_TRAILING, m->buf + m->start + m->len, SIPPARSE_HDR_OTHER, -1, "message-body");
    return s.n;
}

/* A request's first token is a method, which holds no '/'; a response starts with the
 * SIP-Version. Used when the start line did not parse far enough to say. */
static int looks_like_response(const sipparse_msg *m, size_t len)
{
    return m->buf && len >= m->start + 4 && strncasecmp(m->buf + m->start, "SIP/", 4) == 0;
}

void sipparse_sanity_parse_error(const sipparse_msg *m, size_t len, sipparse_err rc,
                                 sipparse_finding *out)
{
    enum sp_rule r = R_MESSAGE_SYNTAX;
    int response = m->status ? !m->is_request : looks_like_response(m, len);
    if (rc == SIPPARSE_E_BODY_TRUNCATED)
        r = response ? R_BODY_SHORT_RESPONSE : R_BODY_SHORT_REQUEST;
    else if (rc == SIPPARSE_E_VERSION)
        r = R_SIP_VERSION;
    out->rule = &sp_rules[r];
    out->reply = response || m->method == SIPPARSE_METHOD_ACK ? SIPPARSE_REPLY_DROP : out->rule->reply;
    out->at = m->error.at;
    out->offset = m->error.offset;
    out->line = m->error.line;
    out->col = m->error.col;
    out->hdr = m->error.hdr;
    out->hdr_index = m->error.hdr_index;
    out->detail = m->error.rule;
}
