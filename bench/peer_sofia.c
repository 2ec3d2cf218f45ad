/* bench/peer_sofia.c: sofia-sip's SIP parser. msg_make copies the bytes into a new
 * message, then msg_extract runs the header class's parser on every header it knows
 * as it meets it (sofia does not defer header parsing), building typed structures
 * from one preloaded memory home; unknown headers stay name/value. The walk reads the
 * typed results and every header in the message's chain, as a user would. */
#include <sofia-sip/msg.h>
#include <sofia-sip/sip.h>
#include <sofia-sip/sip_header.h>
#include <sofia-sip/sip_protos.h>
#include <sofia-sip/msg_protos.h>
#include "bench.h"

static const char *why_text = "";
static msg_mclass_t const *mclass;

static const char *sofia_why(void) { return why_text; }

static int sofia_init(void)
{
    mclass = sip_default_mclass();
    return mclass ? 0 : -1;
}

static void sofia_fini(void) {}

static unsigned long str0(const char *s) { return s ? (unsigned char)s[0] : 0; }

static int walk_message(msg_t *msg, const sip_t *sip, unsigned long *acc)
{
    for (const sip_via_t *v = sip->sip_via; v; v = v->v_next)
        *acc += str0(v->v_host) + str0(v->v_branch);
    for (const sip_contact_t *c = sip->sip_contact; c; c = c->m_next)
        *acc += str0(c->m_url->url_host);
    for (const sip_route_t *r = sip->sip_route; r; r = r->r_next)
        *acc += str0(r->r_url->url_host);
    for (const sip_record_route_t *r = sip->sip_record_route; r; r = r->r_next)
        *acc += str0(r->r_url->url_host);
    if (sip->sip_from)
        *acc += str0(sip->sip_from->a_url->url_host) + str0(sip->sip_from->a_tag);
    if (sip->sip_to)
        *acc += str0(sip->sip_to->a_url->url_host);
    if (sip->sip_call_id)
        *acc += str0(sip->sip_call_id->i_id);
    if (sip->sip_cseq)
        *acc += sip->sip_cseq->cs_seq;
    if (sip->sip_max_forwards)
        *acc += sip->sip_max_forwards->mf_count;
    if (sip->sip_content_length)
        *acc += sip->sip_content_length->l_length;
    if (sip->sip_authorization && sip->sip_authorization->au_params)
        *acc += str0(sip->sip_authorization->au_params[0]);
    if (sip->sip_www_authenticate && sip->sip_www_authenticate->au_params)
        *acc += str0(sip->sip_www_authenticate->au_params[0]);
    /* Every header in wire order: one that failed its parser would be in the error
     * class here (and in sip_error). */
    for (const msg_header_t *h = *msg_chain_head(msg); h; h = h->sh_succ) {
        if (h->sh_class == msg_error_class)
            return 0;
        *acc += h->sh_len;
    }
    return 1;
}

static int sofia_parse_one(const char *buf, size_t len)
{
    msg_t *msg = msg_make(mclass, 0, buf, (ssize_t)len);
    if (!msg) {
        why_text = "msg_make returned NULL";
        return 0;
    }
    const sip_t *sip = sip_object(msg);
    unsigned long acc = 0;
    int ok = 0;
    if (!sip || (msg_object(msg)->msg_flags & MSG_FLG_ERROR))
        why_text = "message flagged MSG_FLG_ERROR";
    else if (sip->sip_error)
        why_text = "a header failed to parse (sip_error set)";
    else if (!walk_message(msg, sip, &acc))
        why_text = "a header in the chain is in the error class";
    else
        ok = 1;
    bench_sink += acc;
    msg_destroy(msg);
    return ok;
}

const struct bench_parser bench_sofia = {
    .key = "sofia",
    .name = "sofia-sip " BENCH_SOFIA_VERSION,
    .does = "msg_make(sip_default_mclass()) (copy + msg_extract), walk of every header, "
            "msg_destroy",
    .init = sofia_init, .parse_one = sofia_parse_one, .fini = sofia_fini, .why = sofia_why,
};
