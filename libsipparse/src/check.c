/* check.c: sipparse_msg_check, every header through its grammar plus the message
 * rules RFC 3261 states for the grammar itself. */
#include "grammar.h"
#include "syntax.h"

typedef struct hdr_info {
    unsigned char syntax, kind, critical;
} hdr_info;

#define H(id, name, compact, kind, critical, syntax) [SIPPARSE_HDR_##id] = { syntax, kind, critical },
static const hdr_info info[SIPPARSE_HDR__COUNT] = {
    [SIPPARSE_HDR_OTHER] = { ANY, LIST, 0 },
#include "headers.def"
};
#undef H

typedef sipparse_err (*next_fn)(sipparse_slice, size_t *, void *, sipparse_error *);

static sipparse_err each_via(sipparse_slice v, size_t *pos, void *out, sipparse_error *e)
{
    return sipparse_via_next(v, pos, out, e);
}
static sipparse_err each_contact(sipparse_slice v, size_t *pos, void *out, sipparse_error *e)
{
    return sipparse_contact_next(v, pos, out, e);
}
static sipparse_err each_route(sipparse_slice v, size_t *pos, void *out, sipparse_error *e)
{
    return sipparse_route_next(v, pos, out, e);
}

static sipparse_err list(sipparse_slice v, next_fn next, sipparse_error *e)
{
    union { sipparse_via via; sipparse_nameaddr na; } out;
    size_t pos = 0;
    sipparse_err r;
    while ((r = next(v, &pos, &out, e)) == SIPPARSE_OK)
        ;
    return r == SIPPARSE_END ? SIPPARSE_OK : r;
}

/* RFC 3261 §20.6, §20.7, §20.27, §20.28, §20.44: one challenge or credentials per line. */
static sipparse_err check_auth(unsigned syntax, sipparse_slice v, sipparse_error *e)
{
    union { sipparse_challenge ch; sipparse_credentials cr; sipparse_auth_info ai; } out;
    if (syntax == CHALLENGE)
        return sipparse_challenge_parse(v, &out.ch, e);
    if (syntax == CREDENTIALS)
        return sipparse_credentials_parse(v, &out.cr, e);
    return sipparse_auth_info_parse(v, &out.ai, e);
}

static sipparse_err check_value(sipparse_hdr_id id, sipparse_slice v, sipparse_error *e)
{
    sipparse_nameaddr na;
    sipparse_cseq cseq;
    sipparse_ctype ct;
    uint32_t n;
    switch (info[id].syntax) {
    case VIA:      return list(v, each_via, e);
    case CONTACT:  return list(v, each_contact, e);
    case ROUTE:    return list(v, each_route, e);
    case NAMEADDR: return sipparse_nameaddr_parse(v.ptr, v.len, &na, e);
    case CALLID:   return sipparse_callid_parse(v, e);
    case CSEQ:     return sipparse_cseq_parse(v, &cseq, e);
    case CTYPE:    return sipparse_ctype_parse(v, &ct, e);
    case DATE:     return sipparse_date_parse(v, e);
    case MAXFWD:   return sipparse_uint_parse(v, 255, &n, e);
    case UINT:     return sipparse_uint_parse(v, 0xffffffffu, &n, e);
    case CHALLENGE:
    case CREDENTIALS:
    case AUTHINFO: return check_auth(info[id].syntax, v, e);
    case ALLOW_EVENTS:    return sp_check_allow_events(v, e);
    case EVENT:           { sipparse_event o; return sipparse_event_parse(v, &o, e); }
    case MIN_SE:          { sipparse_session_expires o; return sipparse_min_se_parse(v, &o, e); }
    case RACK:            { sipparse_rack o; return sipparse_rack_parse(v, &o, e); }
    case REASON:          return sp_check_reason(v, e);
    case REFER_TO:        return sipparse_refer_to_parse(v, &na, e);
    case REFERRED_BY:     { sipparse_referred_by o; return sipparse_referred_by_parse(v, &o, e); }
    case REPLACES:        { sipparse_replaces o; return sipparse_replaces_parse(v, &o, e); }
    case RETRY_AFTER:     { sipparse_retry_after o; return sipparse_retry_after_parse(v, &o, e); }
    case RSEQ:            return sipparse_rseq_parse(v, &n, e);
    case SESSION_EXPIRES: { sipparse_session_expires o; return sipparse_session_expires_parse(v, &o, e); }
    case SUBSTATE:        { sipparse_substate_hdr o; return sipparse_substate_parse(v, &o, e); }
    case TIMESTAMP:       { sipparse_timestamp o; return sipparse_timestamp_parse(v, &o, e); }
    case SUPPORTED:        return sp_each_item(v, sipparse_supported_next, e);
    case OPTION_TAGS:      return sp_each_item(v, sipparse_require_next, e);
    case ALLOW:            return sp_each_item(v, sipparse_allow_next, e);
    case ACCEPT:           return sp_each_item(v, sipparse_accept_next, e);
    case ACCEPT_ENCODING:  return sp_each_item(v, sipparse_accept_encoding_next, e);
    case ACCEPT_LANGUAGE:  return sp_each_item(v, sipparse_accept_language_next, e);
    case CONTENT_ENCODING: return sp_each_item(v, sipparse_content_encoding_next, e);
    case CONTENT_LANGUAGE: return sp_each_item(v, sipparse_content_language_next, e);
    case IN_REPLY_TO:      return sp_each_item(v, sipparse_in_reply_to_next, e);
    case PRIVACY:          return sp_each_privacy(v, sipparse_privacy_next, e);
    case SERVER_VAL:       return sp_each_server(v, sipparse_server_next, e);
    case INFO_URI:         return sp_each_info(v, sipparse_info_next, e);
    case WARNING:          return sp_each_warning(v, sipparse_warning_next, e);
    case PASSERTED_ID:     return sp_each_nameaddr(v, sipparse_passertedid_next, e);
    case HISTORY_INFO:     return sp_each_history(v, sipparse_history_next, e);
    case DIVERSION:        return sp_each_diversion(v, sipparse_diversion_next, e);
    case TEXT_TRIM:        return sipparse_text_trim_parse(v, e);
    case PRIORITY:         { sipparse_priority pr; return sipparse_priority_parse(v, &pr, e); }
    case DISPOSITION:      { sipparse_disposition d; return sipparse_disposition_parse(v, &d, e); }
    case IDENTITY:         { sipparse_identity ident; return sipparse_identity_parse(v, &ident, e); }
    default:       return sipparse_text_parse(v, e);
    }
}

typedef struct report {
    const sipparse_msg *m;
    sipparse_error *errs;
    size_t cap, n;
    sipparse_err first_critical;
} report;

static void add(report *r, sipparse_error e, sipparse_hdr_id id, int index, int critical)
{
    e.hdr = id;
    e.hdr_index = index;
    e.critical = critical;
    if (!e.rule)
        e.rule = sipparse_hdr_name(id);
    sipparse_error_locate(&e, r->m->buf, r->m->start + r->m->len + r->m->trailing);
    if (r->n < r->cap)
        r->errs[r->n] = e;
    r->n++;
    if (critical && r->first_critical == SIPPARSE_OK)
        r->first_critical = e.code;
}

static void message_rule(report *r, sipparse_err code, const char *at, sipparse_hdr_id id,
                         int index, const char *rule)
{
    sipparse_error e = { 0 };
    sp_fail(&e, code, at, rule);
    add(r, e, id, index, 1);
}

/* RFC 3261 §8.1.1: To, From, CSeq, Call-ID and Via are in every request, and
 * responses carry them back (§8.2.6.2). Max-Forwards is left to validation: RFC 2543
 * peers omit it (RFC 4475 §3.4.1). */
static const sipparse_hdr_id mandatory[] = {
    SIPPARSE_HDR_TO, SIPPARSE_HDR_FROM, SIPPARSE_HDR_CSEQ, SIPPARSE_HDR_CALL_ID, SIPPARSE_HDR_VIA,
};

sipparse_err sipparse_msg_check(const sipparse_msg *m, sipparse_error *errs, size_t cap, size_t *n)
{
    report r = { m, errs, cap, 0, SIPPARSE_OK };
    const char *msg_start = m->buf + m->start;
    for (unsigned i = 0; i < m->nhdrs; i++) {
        const sipparse_hdr *h = &m->hdrs[i];
        sipparse_error e = { 0 };
        if (check_value(h->id, h->value, &e) != SIPPARSE_OK)
            add(&r, e, h->id, (int)i, info[h->id].critical);
        /* §7.3.1: a single-valued header appears once (RFC 4475 §3.3.8) */
        if (info[h->id].kind == SINGLE && m->first[h->id] != i)
            message_rule(&r, SIPPARSE_E_DUPLICATE_HEADER, h->name.ptr, h->id, (int)i,
                         sipparse_hdr_name(h->id));
    }
    for (size_t k = 0; k < sizeof mandatory / sizeof mandatory[0]; k++)
        if (!sipparse_msg_hdr(m, mandatory[k]))
            message_rule(&r, SIPPARSE_E_MISSING_HEADER, msg_start, mandatory[k], -1,
                         sipparse_hdr_name(mandatory[k]));
    /* §8.1.1.5: the CSeq method matches the request method (RFC 4475 §3.1.2.17) */
    const sipparse_hdr *h = sipparse_msg_hdr(m, SIPPARSE_HDR_CSEQ);
    sipparse_cseq cseq;
    if (m->is_request && h && sipparse_cseq_parse(h->value, &cseq, NULL) == SIPPARSE_OK &&
        !sipparse_slice_eq(cseq.method, m->method_name))
        message_rule(&r, SIPPARSE_E_CSEQ_METHOD, cseq.method.ptr, SIPPARSE_HDR_CSEQ,
                     (int)(h - m->hdrs), "CSeq");
    if (n)
        *n = r.n;
    return r.first_critical;
}

/* For sanity.c: a malformed value of this header is informational (Date, Subject,
 * Organization, Server, User-Agent, Warning, free text) rather than a fault in something
 * the message's processing rests on. */
int sp_hdr_informational(sipparse_hdr_id id)
{
    switch (info[id].syntax) {
    case ANY: case DATE: case TEXT_TRIM: case SERVER_VAL: case WARNING: return 1;
    default: return 0;
    }
}
