/* check.c: sipparse_msg_check, every header through its grammar plus the message
 * rules RFC 3261 states for the grammar itself. */
#include "grammar.h"

enum syntax { ANY, CALLID, CONTACT, CSEQ, CTYPE, DATE, MAXFWD, NAMEADDR, ROUTE, UINT, VIA,
              /* lists.h, info.h */
              ACCEPT, ACCEPT_ENCODING, ACCEPT_LANGUAGE, ALLOW, CONTENT_ENCODING, CONTENT_LANGUAGE,
              DISPOSITION, DIVERSION, HISTORY_INFO, IDENTITY, IN_REPLY_TO, INFO_URI, OPTION_TAGS,
              PASSERTED_ID, PRIORITY, PRIVACY, SERVER_VAL, SUPPORTED, TEXT_TRIM, WARNING };
enum kind { LIST, SINGLE };

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
