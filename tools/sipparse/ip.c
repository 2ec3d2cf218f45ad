/* tools/sipparse/ip.c: IPv4 (RFC 791), IPv6 (RFC 8200) with its extension headers,
 * and the tunnels an IP header can lead to: IP-in-IP (protocols 4 and 41) and GRE
 * (RFC 2784/2890, PPTP's enhanced GRE RFC 2637, ERSPAN types II and III).
 * The innermost IP header's addresses are the ones a message is shown with.
 * Fragments go to ipfrag.c; a datagram it completes continues here. */
#include <string.h>
#include "tool.h"

enum { IPP_HOPOPTS = 0, IPP_IPIP = 4, IPP_TCP = 6, IPP_UDP = 17, IPP_IPV6 = 41, IPP_ROUTING = 43,
       IPP_FRAGMENT = 44, IPP_GRE = 47, IPP_AH = 51, IPP_NONE = 59, IPP_DSTOPTS = 60,
       IPP_SCTP = 132 };

static void decode_reassembled(decode_ctx *c, frag_done *d, int v6);

static void ipv4_decode(decode_ctx *c, const unsigned char *p, size_t n)
{
    if (pkt_push(c, "ipv4") != 0) { stats_drop(c->stats, DROP_TUNNEL); return; }
    if (n < 20) { stats_drop(c->stats, DROP_TRUNCATED); return; }
    size_t ihl = (size_t)(p[0] & 0x0f) * 4;
    size_t total = get16(p + 2);
    if (ihl < 20 || total < ihl) { stats_drop(c->stats, DROP_MALFORMED); return; }
    /* Less than the header says: cut by the snapshot length. More: link padding. */
    if (total > n) { stats_drop(c->stats, DROP_TRUNCATED); return; }
    unsigned frag = get16(p + 6);
    c->af = 4;
    memcpy(c->saddr, p + 12, 4);
    memcpy(c->daddr, p + 16, 4);
    /* MF set or a non-zero offset: one piece of a datagram (RFC 791 §3.2). */
    if ((frag & 0x2000) || (frag & 0x1fff)) {
        frag_done d;
        if (ipfrag_add(c, get16(p + 4), p[9], (size_t)(frag & 0x1fff) * 8, (frag & 0x2000) != 0,
                       p + ihl, total - ihl, &d))
            decode_reassembled(c, &d, 0);
        return;
    }
    ip_proto_decode(c, p[9], p + ihl, total - ihl);
}

static void ipv6_walk(decode_ctx *c, unsigned next, const unsigned char *q, size_t left,
                      int reassembled);

/* A datagram ipfrag.c completed: decoded as the packets it was made of (the stats
 * weight), then freed. IPv6's payload may hold more extension headers. */
static void decode_reassembled(decode_ctx *c, frag_done *d, int v6)
{
    unsigned long saved = c->stats->weight;
    struct kept_packet *outer = c->pkt.carriers;
    c->stats->weight = d->packets;
    c->pkt.carriers = d->kept;   /* -w: the datagram came in all its fragments */
    d->kept = NULL;
    if (v6) ipv6_walk(c, d->proto, d->data, d->len, 1);
    else ip_proto_decode(c, d->proto, d->data, d->len);
    kept_free(c->pkt.carriers);  /* unless a reassembler took them over */
    c->pkt.carriers = outer;
    c->stats->weight = saved;
    ipfrag_release(d);
}

/* Walks the extension headers RFC 8200 §4 lists until an upper-layer protocol. */
static void ipv6_walk(decode_ctx *c, unsigned next, const unsigned char *q, size_t left,
                      int reassembled)
{
    for (int hops = 0;; hops++) {
        if (hops > 16) { stats_drop(c->stats, DROP_MALFORMED); return; }
        size_t len;
        switch (next) {
        case IPP_HOPOPTS: case IPP_ROUTING: case IPP_DSTOPTS:
            if (left < 8) { stats_drop(c->stats, DROP_TRUNCATED); return; }
            len = ((size_t)q[1] + 1) * 8;
            break;
        case IPP_AH: /* RFC 4302 §2.2: length in 4-byte units, minus 2 */
            if (left < 8) { stats_drop(c->stats, DROP_TRUNCATED); return; }
            len = ((size_t)q[1] + 2) * 4;
            break;
        case IPP_FRAGMENT: {
            if (left < 8) { stats_drop(c->stats, DROP_TRUNCATED); return; }
            unsigned off = get16(q + 2);
            /* An atomic fragment (offset 0, M clear, RFC 6946) is a whole datagram. */
            if ((off & 0xfff8) || (off & 1)) {
                /* A Fragment header inside a reassembled payload would nest: malformed. */
                if (reassembled) { stats_drop(c->stats, DROP_MALFORMED); return; }
                frag_done d;
                if (ipfrag_add(c, get32(q + 4), q[0], off & 0xfff8, off & 1, q + 8, left - 8, &d))
                    decode_reassembled(c, &d, 1);
                return;
            }
            len = 8;
            break;
        }
        case IPP_NONE:
            stats_drop(c->stats, DROP_OTHER_PROTO);
            return;
        default:
            ip_proto_decode(c, next, q, left);
            return;
        }
        if (len > left) { stats_drop(c->stats, DROP_TRUNCATED); return; }
        next = q[0];
        q += len;
        left -= len;
    }
}

static void ipv6_decode(decode_ctx *c, const unsigned char *p, size_t n)
{
    if (pkt_push(c, "ipv6") != 0) { stats_drop(c->stats, DROP_TUNNEL); return; }
    if (n < 40) { stats_drop(c->stats, DROP_TRUNCATED); return; }
    size_t plen = get16(p + 4);
    /* 0 is a jumbogram's (RFC 2675): the link layer's length is all we have. */
    if (plen == 0) plen = n - 40;
    if (plen > n - 40) { stats_drop(c->stats, DROP_TRUNCATED); return; }
    c->af = 6;
    memcpy(c->saddr, p + 8, 16);
    memcpy(c->daddr, p + 24, 16);
    ipv6_walk(c, p[6], p + 40, plen, 0);
}

void ip_decode(decode_ctx *c, const unsigned char *p, size_t n)
{
    if (n < 1) { stats_drop(c->stats, DROP_TRUNCATED); return; }
    switch (p[0] >> 4) {
    case 4: ipv4_decode(c, p, n); return;
    case 6: ipv6_decode(c, p, n); return;
    default: stats_drop(c->stats, DROP_MALFORMED); return;
    }
}

/* ERSPAN (draft-foschiano-erspan): type II has an 8-byte header, type III 12 bytes plus
 * an 8-byte platform subheader when its O flag (lowest bit of byte 11) is set; the
 * mirrored Ethernet frame follows. */
static void erspan_decode(decode_ctx *c, int type3, const unsigned char *p, size_t n)
{
    if (pkt_push(c, type3 ? "erspan3" : "erspan2") != 0) { stats_drop(c->stats, DROP_TUNNEL); return; }
    size_t h = type3 ? 12 : 8;
    if (n < h) { stats_drop(c->stats, DROP_TRUNCATED); return; }
    if (type3 && (p[11] & 1)) h += 8;
    if (n < h) { stats_drop(c->stats, DROP_TRUNCATED); return; }
    ether_decode(c, p + h, n - h);
}

/* GRE: version 0 (RFC 2784 with RFC 2890's key and sequence number) or 1 (RFC 2637,
 * PPTP: key always, optional acknowledgement number). */
static void gre_decode(decode_ctx *c, const unsigned char *p, size_t n)
{
    if (pkt_push(c, "gre") != 0) { stats_drop(c->stats, DROP_TUNNEL); return; }
    c->pkt.tunnels++;
    if (n < 4) { stats_drop(c->stats, DROP_TRUNCATED); return; }
    unsigned flags = get16(p), proto = get16(p + 2), ver = flags & 7;
    size_t h = 4;
    /* The routing bit (RFC 1701 source routes) was deprecated by RFC 2784. */
    if (ver > 1 || (flags & 0x4000)) { stats_drop(c->stats, DROP_TUNNEL); return; }
    if (ver == 0 && (flags & 0x8000)) h += 4; /* checksum + reserved */
    if (flags & 0x2000) h += 4;               /* key (always set in version 1) */
    if (flags & 0x1000) h += 4;               /* sequence number */
    if (ver == 1 && (flags & 0x0080)) h += 4; /* acknowledgement number */
    if (n < h) { stats_drop(c->stats, DROP_TRUNCATED); return; }
    p += h;
    n -= h;
    switch (proto) {
    case 0x6558: ether_decode(c, p, n); return; /* transparent Ethernet bridging */
    /* ERSPAN type I has no header and no sequence number; type II sets S. */
    case 0x88be:
        if (flags & 0x1000) erspan_decode(c, 0, p, n);
        else ether_decode(c, p, n);
        return;
    case 0x22eb: erspan_decode(c, 1, p, n); return;
    default: ethertype_decode(c, proto, p, n); return;
    }
}

void ip_proto_decode(decode_ctx *c, unsigned proto, const unsigned char *p, size_t n)
{
    switch (proto) {
    case IPP_UDP: udp_decode(c, p, n); return;
    case IPP_TCP: tcp_decode(c, p, n); return;
    case IPP_IPIP: case IPP_IPV6:
        c->pkt.tunnels++;
        ip_decode(c, p, n);
        return;
    case IPP_GRE: gre_decode(c, p, n); return;
    case IPP_SCTP: sctp_decode(c, p, n); return;
    default: stats_drop(c->stats, DROP_OTHER_PROTO); return;
    }
}
