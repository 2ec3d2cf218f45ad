/* tools/sipparse/hep_input.c: a HEP packet found in a capture (a UDP datagram, or one
 * cut from a TCP stream by tcp_flow.c) becomes the SIP message it carries.
 *
 * A capture agent wraps each packet it saw in HEP and sends it to a collector; what a
 * user wants from a capture of that traffic is the SIP inside, with the addresses,
 * ports and time the agent recorded, not those of the agent-to-collector hop. So the
 * report's endpoints and time come from the HEP fields when present, and the hop stays
 * visible in the encapsulation path ("eth/ipv4/udp/hep3"). HEP payloads other than SIP
 * (RTCP reports, logs, ...) and malformed packets are returned as reasons for the
 * caller to count, which knows whether it counts a datagram or stream packets. */
#include <string.h>
#include "hep.h"
#include "tool.h"

/* A compressed payload inflating past this is refused (a bomb is never expanded); a
 * SIP message is far smaller, and HEP3's length field caps the packet at 64 KiB. */
#define HEP_INFLATE_CAP (256u << 10)

drop_reason hep_input(decode_ctx *c, const unsigned char *p, size_t n, unsigned hop_sport,
                      unsigned hop_dport)
{
    hep_packet h;
    size_t off = 0;
    if (hep_decode(p, n, &h, &off) != HEP_E_OK) return DROP_HEP_MALFORMED;
    char layer[8];
    snprintf(layer, sizeof layer, "hep%d", h.version);
    if (pkt_push(c, layer) != 0) return DROP_TUNNEL;
    /* chunk 11 names what was captured; without it, the payload alone tells */
    if (h.have_proto_type && h.proto_type != HEP_PROTO_SIP) return DROP_HEP_NOT_SIP;

    const unsigned char *pay = h.payload;
    size_t plen = h.payload_len;
    /* One decode at a time: the message is reported before the buffer is reused. */
    static unsigned char inflated[HEP_INFLATE_CAP];
    if (h.compressed) {
        if (hep_inflate(&h, inflated, sizeof inflated, &plen) != HEP_E_OK)
            return DROP_HEP_MALFORMED;
        pay = inflated;
    }
    if (sip_only_crlf(pay, plen)) return DROP_KEEPALIVE;
    if (!sip_looks_like(pay, plen)) return DROP_HEP_NOT_SIP;

    /* The agent's view of the packet replaces the hop's; without a family (HEP3 may
     * leave it out) the hop's addresses and ports stay, rather than mixing the two. */
    unsigned sport = hop_sport, dport = hop_dport;
    if (h.family == 4 || h.family == 6) {
        size_t alen = h.family == 4 ? 4 : 16;
        c->af = h.family;
        memset(c->saddr, 0, sizeof c->saddr);
        memset(c->daddr, 0, sizeof c->daddr);
        if (h.have_src) memcpy(c->saddr, h.src, alen);
        if (h.have_dst) memcpy(c->daddr, h.dst, alen);
        sport = h.have_ports ? h.sport : 0;
        dport = h.have_ports ? h.dport : 0;
    }
    /* HEP times are microseconds (a later value than 999999 is not one: the capture's
     * time is kept). */
    if (h.have_ts && h.ts_usec < 1000000u) {
        c->pkt.ts_sec = h.ts_sec;
        c->pkt.ts_nsec = (unsigned long)h.ts_usec * 1000ul;
        c->pkt.ts_digits = 6;
    }
    c->pkt.transport = "hep";
    pkt_set_endpoints(c, sport, dport);
    static const char empty[1] = "";
    int s = process_datagram(c, plen ? (const char *)pay : empty, plen);
    if (s > c->status) c->status = s;
    return DROP_COUNT;
}
