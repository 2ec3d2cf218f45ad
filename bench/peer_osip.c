/* bench/peer_osip.c: GNU oSIP (libosip2). osip_message_parse parses every header oSIP
 * has a parser for as it reads it (Via, From, To, Contact, Route, Record-Route, CSeq,
 * Call-ID, Content-Type, Content-Length, the Authorization family) into allocated
 * structures; the rest stay name/value pairs. The walk below reads each of them, as a
 * user of the result would. */
#include <osipparser2/osip_parser.h>
#include "bench.h"

static const char *why_text = "";

static const char *osip_why(void) { return why_text; }

static int osip_bench_init(void)
{
    return parser_init() == 0 ? 0 : -1;   /* fills oSIP's header-name dispatch table */
}

static void osip_bench_fini(void) {}

static unsigned long str0(const char *s) { return s ? (unsigned char)s[0] : 0; }

static unsigned long walk_addrs(const osip_list_t *l)
{
    unsigned long acc = 0;
    for (int i = 0; !osip_list_eol(l, i); i++) {
        const osip_from_t *a = osip_list_get(l, i);
        acc += a->url ? str0(a->url->host) : 0;
    }
    return acc;
}

static unsigned long walk_message(const osip_message_t *sip)
{
    unsigned long acc = 0;
    for (int i = 0; !osip_list_eol(&sip->vias, i); i++) {
        const osip_via_t *v = osip_list_get(&sip->vias, i);
        acc += str0(v->host) + (unsigned long)osip_list_size(&v->via_params);
    }
    acc += walk_addrs(&sip->contacts) + walk_addrs(&sip->routes)
         + walk_addrs(&sip->record_routes);
    if (sip->from && sip->from->url)
        acc += str0(sip->from->url->host);
    if (sip->to && sip->to->url)
        acc += str0(sip->to->url->host);
    if (sip->call_id)
        acc += str0(sip->call_id->number);
    if (sip->cseq)
        acc += str0(sip->cseq->number);
    if (sip->content_length)
        acc += str0(sip->content_length->value);
    if (sip->content_type)
        acc += str0(sip->content_type->subtype);
    for (int i = 0; !osip_list_eol(&sip->authorizations, i); i++)
        acc += str0(((const osip_authorization_t *)osip_list_get(&sip->authorizations, i))->response);
    for (int i = 0; !osip_list_eol(&sip->www_authenticates, i); i++)
        acc += str0(((const osip_www_authenticate_t *)osip_list_get(&sip->www_authenticates, i))->nonce);
    for (int i = 0; !osip_list_eol(&sip->headers, i); i++)
        acc += str0(((const osip_header_t *)osip_list_get(&sip->headers, i))->hvalue);
    return acc;
}

static int osip_parse_one(const char *buf, size_t len)
{
    osip_message_t *sip;
    if (osip_message_init(&sip) != 0) {
        why_text = "osip_message_init failed";
        return 0;
    }
    int ok = osip_message_parse(sip, buf, len) == 0;
    if (ok)
        bench_sink += walk_message(sip);
    else
        why_text = "osip_message_parse returned an error";
    osip_message_free(sip);
    return ok;
}

const struct bench_parser bench_osip = {
    .key = "osip",
    .name = "osip2 " BENCH_OSIP_VERSION,
    .does = "osip_message_init + osip_message_parse, walk of every parsed header, free",
    .init = osip_bench_init, .parse_one = osip_parse_one, .fini = osip_bench_fini,
    .why = osip_why,
};
