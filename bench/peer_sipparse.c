/* bench/peer_sipparse.c: libsipparse in four depths of work.
 *   index: framing and the header index only (sipparse_msg_parse);
 *   proxy: index, then what a stateless proxy reads to forward a message (every Via,
 *          From, To, Call-ID, CSeq, every Route): the headers typed on demand cost
 *          nothing until asked for;
 *   full:  index (which types the Request-URI), then the critical headers typed, every
 *          value of every list: the work the project's speed goal is stated for;
 *   check: index, then sipparse_msg_check, which types every header with a grammar. */
#include <stdio.h>
#include "sipparse/sipparse.h"
#include "bench.h"

#define MAX_HDRS 64

static char why_buf[200];

static const char *sp_why(void) { return why_buf; }
static int sp_init(void) { return 0; }
static void sp_fini(void) {}

static int fail(const char *what, const sipparse_error *e)
{
    snprintf(why_buf, sizeof why_buf, "%s: %s (rule %s)", what, sipparse_errname(e->code),
             e->rule ? e->rule : "?");
    return 0;
}

static int parse_index(sipparse_msg *m, sipparse_hdr *hdrs, const char *buf, size_t len)
{
    sipparse_msg_init(m, hdrs, MAX_HDRS, 0);
    if (sipparse_msg_parse(m, buf, len) != SIPPARSE_OK)
        return fail("msg_parse", &m->error);
    return 1;
}

static int index_parse(const char *buf, size_t len)
{
    sipparse_msg m;
    sipparse_hdr hdrs[MAX_HDRS];
    if (!parse_index(&m, hdrs, buf, len))
        return 0;
    bench_sink += m.nhdrs;
    return 1;
}

typedef sipparse_err (*nameaddr_next_fn)(sipparse_slice, size_t *, sipparse_nameaddr *,
                                         sipparse_error *);

/* Every value of every header with this id (Contact, Route, Record-Route lists). */
static int walk_nameaddrs(const sipparse_msg *m, sipparse_hdr_id id, nameaddr_next_fn next,
                          unsigned long *acc)
{
    sipparse_nameaddr na;
    sipparse_error e;
    for (const sipparse_hdr *h = sipparse_msg_hdr(m, id); h; h = sipparse_msg_hdr_next(m, h)) {
        size_t pos = 0;
        sipparse_err rc;
        while ((rc = next(h->value, &pos, &na, &e)) == SIPPARSE_OK)
            *acc += na.uri.host.len;
        if (rc != SIPPARSE_END)
            return fail(sipparse_hdr_name(id), &e);
    }
    return 1;
}

static int type_critical(const sipparse_msg *m, unsigned long *acc)
{
    const sipparse_hdr *h;
    sipparse_error e;

    if (m->is_request)          /* sipparse_msg_parse has already typed the Request-URI */
        *acc += m->uri.host.len;
    for (h = sipparse_msg_hdr(m, SIPPARSE_HDR_VIA); h; h = sipparse_msg_hdr_next(m, h)) {
        sipparse_via v;
        size_t pos = 0;
        sipparse_err rc;
        while ((rc = sipparse_via_next(h->value, &pos, &v, &e)) == SIPPARSE_OK)
            *acc += v.branch.len + (unsigned)v.port;
        if (rc != SIPPARSE_END)
            return fail("Via", &e);
    }
    static const sipparse_hdr_id addrs[] = { SIPPARSE_HDR_FROM, SIPPARSE_HDR_TO };
    for (size_t i = 0; i < sizeof addrs / sizeof addrs[0]; i++) {
        sipparse_nameaddr na;
        if ((h = sipparse_msg_hdr(m, addrs[i])) == NULL)
            continue;
        if (sipparse_nameaddr_parse(h->value.ptr, h->value.len, &na, &e))
            return fail(sipparse_hdr_name(addrs[i]), &e);
        *acc += na.tag.len;
    }
    if ((h = sipparse_msg_hdr(m, SIPPARSE_HDR_CALL_ID)) != NULL
        && sipparse_callid_parse(h->value, &e))
        return fail("Call-ID", &e);
    if ((h = sipparse_msg_hdr(m, SIPPARSE_HDR_CSEQ)) != NULL) {
        sipparse_cseq cs;
        if (sipparse_cseq_parse(h->value, &cs, &e))
            return fail("CSeq", &e);
        *acc += cs.seq;
    }
    uint32_t u32;
    if ((h = sipparse_msg_hdr(m, SIPPARSE_HDR_MAX_FORWARDS)) != NULL) {
        if (sipparse_uint_parse(h->value, 255, &u32, &e))
            return fail("Max-Forwards", &e);
        *acc += u32;
    }
    if ((h = sipparse_msg_hdr(m, SIPPARSE_HDR_CONTENT_LENGTH)) != NULL) {
        if (sipparse_uint_parse(h->value, UINT32_MAX, &u32, &e))
            return fail("Content-Length", &e);
        *acc += u32;
    }
    if ((h = sipparse_msg_hdr(m, SIPPARSE_HDR_CONTENT_TYPE)) != NULL) {
        sipparse_ctype ct;
        if (sipparse_ctype_parse(h->value, &ct, &e))
            return fail("Content-Type", &e);
        *acc += ct.subtype.len;
    }
    return walk_nameaddrs(m, SIPPARSE_HDR_CONTACT, sipparse_contact_next, acc)
        && walk_nameaddrs(m, SIPPARSE_HDR_ROUTE, sipparse_route_next, acc)
        && walk_nameaddrs(m, SIPPARSE_HDR_RECORD_ROUTE, sipparse_route_next, acc);
}

static int proxy_parse(const char *buf, size_t len)
{
    sipparse_msg m;
    sipparse_hdr hdrs[MAX_HDRS];
    sipparse_error e;
    unsigned long acc = 0;
    const sipparse_hdr *h;
    if (!parse_index(&m, hdrs, buf, len))
        return 0;
    for (h = sipparse_msg_hdr(&m, SIPPARSE_HDR_VIA); h; h = sipparse_msg_hdr_next(&m, h)) {
        sipparse_via v;
        size_t pos = 0;
        sipparse_err rc;
        while ((rc = sipparse_via_next(h->value, &pos, &v, &e)) == SIPPARSE_OK)
            acc += v.branch.len;
        if (rc != SIPPARSE_END)
            return fail("Via", &e);
    }
    static const sipparse_hdr_id addrs[] = { SIPPARSE_HDR_FROM, SIPPARSE_HDR_TO };
    for (size_t i = 0; i < sizeof addrs / sizeof addrs[0]; i++) {
        sipparse_nameaddr na;
        if ((h = sipparse_msg_hdr(&m, addrs[i])) == NULL)
            continue;
        if (sipparse_nameaddr_parse(h->value.ptr, h->value.len, &na, &e))
            return fail(sipparse_hdr_name(addrs[i]), &e);
        acc += na.tag.len;
    }
    if ((h = sipparse_msg_hdr(&m, SIPPARSE_HDR_CALL_ID)) != NULL && sipparse_callid_parse(h->value, &e))
        return fail("Call-ID", &e);
    if ((h = sipparse_msg_hdr(&m, SIPPARSE_HDR_CSEQ)) != NULL) {
        sipparse_cseq cs;
        if (sipparse_cseq_parse(h->value, &cs, &e))
            return fail("CSeq", &e);
        acc += cs.seq;
    }
    if (!walk_nameaddrs(&m, SIPPARSE_HDR_ROUTE, sipparse_route_next, &acc))
        return 0;
    bench_sink += acc;
    return 1;
}

static int full_parse(const char *buf, size_t len)
{
    sipparse_msg m;
    sipparse_hdr hdrs[MAX_HDRS];
    unsigned long acc = 0;
    if (!parse_index(&m, hdrs, buf, len) || !type_critical(&m, &acc))
        return 0;
    bench_sink += acc;
    return 1;
}

static int check_parse(const char *buf, size_t len)
{
    sipparse_msg m;
    sipparse_hdr hdrs[MAX_HDRS];
    sipparse_error errs[16];
    size_t n = 0;
    if (!parse_index(&m, hdrs, buf, len))
        return 0;
    /* The mix is valid SIP: a finding of any severity is reported as a rejection. */
    sipparse_err rc = sipparse_msg_check(&m, errs, 16, &n);
    if (n != 0)
        return fail("msg_check", &errs[0]);
    if (rc != SIPPARSE_OK) {
        snprintf(why_buf, sizeof why_buf, "msg_check: %s", sipparse_errname(rc));
        return 0;
    }
    bench_sink += m.nhdrs;
    return 1;
}

const struct bench_parser bench_sipparse_index = {
    .key = "sipparse-index",
    .name = "sipparse (index)",
    .does = "sipparse_msg_parse: framing, start line with Request-URI, header index",
    .init = sp_init, .parse_one = index_parse, .fini = sp_fini, .why = sp_why,
};

const struct bench_parser bench_sipparse_proxy = {
    .key = "sipparse-proxy",
    .name = "sipparse (proxy)",
    .does = "index + what a proxy reads: Via, From, To, Call-ID, CSeq, Route typed",
    .init = sp_init, .parse_one = proxy_parse, .fini = sp_fini, .why = sp_why,
};

const struct bench_parser bench_sipparse_full = {
    .key = "sipparse-full",
    .name = "sipparse (full)",
    .does = "index + Via, From, To, Call-ID, CSeq, Max-Forwards, "
            "Content-Length, Content-Type, Contact, Route, Record-Route typed",
    .init = sp_init, .parse_one = full_parse, .fini = sp_fini, .why = sp_why,
};

const struct bench_parser bench_sipparse_check = {
    .key = "sipparse-check",
    .name = "sipparse (check)",
    .does = "index + sipparse_msg_check: every header with a grammar typed, message rules",
    .init = sp_init, .parse_one = check_parse, .fini = sp_fini, .why = sp_why,
};
