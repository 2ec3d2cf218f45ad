/* bench/peer_libre.c: libre's SIP parser. sip_msg_decode indexes every header (one
 * entry per comma-separated value of the list headers) and decodes the Request-URI,
 * the first Via, From, To, CSeq and Content-Type; libre leaves the rest for the
 * caller, so this adapter decodes the others with libre's own functions: every Via,
 * Contact, Route and Record-Route value, Max-Forwards, Content-Length and the digest
 * Authorization / WWW-Authenticate parameters. */
#include <string.h>
#include <re.h>
#include "bench.h"

static const char *why_text = "";
static struct mbuf *mb;       /* libre's sip_msg takes a reference on a libre mbuf */
static uint8_t *mb_own_buf;

static const char *libre_why(void) { return why_text; }

static int libre_bench_init(void)
{
    if (libre_init() != 0)
        return -1;
    mb = mbuf_alloc(1);
    if (!mb)
        return -1;
    mb_own_buf = mb->buf;
    return 0;
}

static void libre_bench_fini(void)
{
    mb->buf = mb_own_buf;     /* give back the buffer mbuf_alloc made before freeing */
    mem_deref(mb);
    libre_close();
}

struct walk {
    unsigned long acc;
    int err;
    int skip;                 /* values already decoded by sip_msg_decode */
};

static bool via_h(const struct sip_hdr *hdr, const struct sip_msg *msg, void *arg)
{
    struct walk *w = arg;
    struct sip_via via;
    (void)msg;
    if (w->skip) {
        w->skip--;
        return false;
    }
    w->err = sip_via_decode(&via, &hdr->val);
    w->acc += via.branch.l;
    return w->err != 0;       /* true stops the walk */
}

static bool addr_h(const struct sip_hdr *hdr, const struct sip_msg *msg, void *arg)
{
    struct walk *w = arg;
    struct sip_addr addr;
    (void)msg;
    w->err = sip_addr_decode(&addr, &hdr->val);
    w->acc += addr.uri.host.l;
    return w->err != 0;
}

static int decode_rest(const struct sip_msg *msg, unsigned long *acc)
{
    static const enum sip_hdrid addr_ids[] = { SIP_HDR_CONTACT, SIP_HDR_ROUTE,
                                               SIP_HDR_RECORD_ROUTE };
    struct walk w = { 0, 0, 1 };
    const struct sip_hdr *h;

    sip_msg_hdr_apply(msg, true, SIP_HDR_VIA, via_h, &w);
    for (size_t i = 0; !w.err && i < sizeof addr_ids / sizeof addr_ids[0]; i++)
        sip_msg_hdr_apply(msg, true, addr_ids[i], addr_h, &w);
    if (w.err) {
        why_text = "a Via, Contact, Route or Record-Route value did not decode";
        return 0;
    }
    if ((h = sip_msg_hdr(msg, SIP_HDR_AUTHORIZATION)) != NULL) {
        struct httpauth_digest_resp resp;
        if (httpauth_digest_response_decode(&resp, &h->val)) {
            why_text = "Authorization did not decode";
            return 0;
        }
        w.acc += resp.response.l;
    }
    if ((h = sip_msg_hdr(msg, SIP_HDR_WWW_AUTHENTICATE)) != NULL) {
        struct httpauth_digest_chall chall;
        if (httpauth_digest_challenge_decode(&chall, &h->val)) {
            why_text = "WWW-Authenticate did not decode";
            return 0;
        }
        w.acc += chall.nonce.l;
    }
    w.acc += pl_u32(&msg->maxfwd) + pl_u32(&msg->clen);
    *acc += w.acc + msg->cseq.num + msg->from.tag.l + msg->to.uri.host.l;
    return 1;
}

static int libre_parse_one(const char *buf, size_t len)
{
    struct sip_msg *msg = NULL;
    unsigned long acc = 0;

    /* Point the mbuf at the caller's bytes instead of copying them: sip_msg_decode only
     * reads the buffer and keeps slices (struct pl) into it, so libre gets the same
     * zero-copy start as sipparse. */
    mb->buf = (uint8_t *)(uintptr_t)buf;
    mb->size = mb->end = len;
    mb->pos = 0;
    int err = sip_msg_decode(&msg, mb);
    if (err) {
        why_text = "sip_msg_decode returned an error";
        return 0;
    }
    int ok = decode_rest(msg, &acc);
    bench_sink += acc;
    mem_deref(msg);
    return ok;
}

const struct bench_parser bench_libre = {
    .key = "libre",
    .name = "libre " BENCH_LIBRE_VERSION,
    .does = "sip_msg_decode over the bytes, then every Via/Contact/Route/Record-Route, "
            "Max-Forwards, Content-Length and digest auth decoded, mem_deref",
    .init = libre_bench_init, .parse_one = libre_parse_one, .fini = libre_bench_fini,
    .why = libre_why,
};
