/* tools/sipparse/link.c: link layers, from the capture's link type to an EtherType.
 * Link type numbers: https://www.tcpdump.org/linktypes.html. */
#include <string.h>
#include "tool.h"

enum {
    LT_NULL = 0, LT_ETHERNET = 1, LT_RAW_BSD = 12, LT_RAW_OPENBSD = 14, LT_RAW = 101,
    LT_LOOP = 108, LT_SLL = 113, LT_IPV4 = 228, LT_IPV6 = 229, LT_SLL2 = 276,
};

enum {
    ET_IPV4 = 0x0800, ET_IPV6 = 0x86dd, ET_VLAN = 0x8100, ET_QINQ = 0x88a8, ET_QINQ_OLD = 0x9100,
    ET_PPP = 0x880b,
};

int pkt_push(decode_ctx *c, const char *layer)
{
    if (++c->pkt.depth > PKT_MAX_DEPTH * 4) return -1;
    size_t n = strlen(layer);
    size_t sep = c->pkt.encap_len ? 1 : 0;
    /* A path too long to show is cut, not the packet: the decode goes on. */
    if (c->pkt.encap_len + sep + n < sizeof c->pkt.encap) {
        if (sep) c->pkt.encap[c->pkt.encap_len++] = '/';
        memcpy(c->pkt.encap + c->pkt.encap_len, layer, n + 1);
        c->pkt.encap_len += n;
    }
    return 0;
}

/* Raw IP: the version nibble says which. */
static void raw_ip(decode_ctx *c, const unsigned char *p, size_t n)
{
    if (n < 1) {
        stats_drop(c->stats, DROP_TRUNCATED);
        return;
    }
    ip_decode(c, p, n);
}

/* PPP in HDLC-like framing (RFC 1662) or bare, with a 1- or 2-byte protocol field
 * (RFC 1661 §6.5: an odd first byte is a compressed 1-byte protocol). Seen inside
 * PPTP's enhanced GRE. */
static void ppp_decode(decode_ctx *c, const unsigned char *p, size_t n)
{
    if (pkt_push(c, "ppp") != 0) { stats_drop(c->stats, DROP_TUNNEL); return; }
    if (n >= 2 && p[0] == 0xff && p[1] == 0x03) { p += 2; n -= 2; }
    if (n < 1) { stats_drop(c->stats, DROP_TRUNCATED); return; }
    unsigned proto;
    if (p[0] & 1) { proto = p[0]; p += 1; n -= 1; }
    else if (n >= 2) { proto = get16(p); p += 2; n -= 2; }
    else { stats_drop(c->stats, DROP_TRUNCATED); return; }
    if (proto == 0x21 || proto == 0x57) ip_decode(c, p, n); /* IPv4, IPv6 */
    else stats_drop(c->stats, DROP_NOT_IP);
}

void ethertype_decode(decode_ctx *c, unsigned type, const unsigned char *p, size_t n)
{
    /* Stacked tags (802.1Q, 802.1ad, and the pre-standard 0x9100): 4 bytes each, the
     * next EtherType in the last 2. pkt_push bounds how many we follow. */
    while (type == ET_VLAN || type == ET_QINQ || type == ET_QINQ_OLD) {
        if (pkt_push(c, "vlan") != 0) { stats_drop(c->stats, DROP_TUNNEL); return; }
        if (n < 4) { stats_drop(c->stats, DROP_TRUNCATED); return; }
        type = get16(p + 2);
        p += 4;
        n -= 4;
    }
    if (type == ET_IPV4 || type == ET_IPV6) ip_decode(c, p, n);
    else if (type == ET_PPP) ppp_decode(c, p, n);
    else stats_drop(c->stats, DROP_NOT_IP); /* ARP, LLDP, an 802.3 length, ... */
}

void ether_decode(decode_ctx *c, const unsigned char *p, size_t n)
{
    if (pkt_push(c, "eth") != 0) { stats_drop(c->stats, DROP_TUNNEL); return; }
    if (n < 14) { stats_drop(c->stats, DROP_TRUNCATED); return; }
    ethertype_decode(c, get16(p + 12), p + 14, n - 14);
}

/* BSD loopback: a 4-byte address family, in the capturing host's byte order (NULL)
 * or big-endian (LOOP). IPv6's AF_INET6 differs between systems: 10 Linux, 24
 * NetBSD/OpenBSD, 28 FreeBSD, 30 macOS. */
static void loop_decode(decode_ctx *c, const unsigned char *p, size_t n, int host_order)
{
    if (pkt_push(c, "loop") != 0) { stats_drop(c->stats, DROP_TUNNEL); return; }
    if (n < 4) { stats_drop(c->stats, DROP_TRUNCATED); return; }
    unsigned long af = get32(p);
    /* Host order unknown: a family fits in 16 bits, so a big value is the other order. */
    if (host_order && af > 0xffff)
        af = (unsigned long)p[3] << 24 | (unsigned long)p[2] << 16 | (unsigned long)p[1] << 8 | p[0];
    if (af == 2 || af == 10 || af == 24 || af == 28 || af == 30) ip_decode(c, p + 4, n - 4);
    else stats_drop(c->stats, DROP_NOT_IP);
}

void link_decode(decode_ctx *c, unsigned linktype, const unsigned char *p, size_t n)
{
    switch (linktype) {
    case LT_ETHERNET: ether_decode(c, p, n); return;
    case LT_NULL: loop_decode(c, p, n, 1); return;
    case LT_LOOP: loop_decode(c, p, n, 0); return;
    case LT_RAW: case LT_RAW_BSD: case LT_RAW_OPENBSD: case LT_IPV4: case LT_IPV6:
        raw_ip(c, p, n);
        return;
    case LT_SLL: /* 16 bytes, the EtherType last */
        if (pkt_push(c, "sll") != 0) break;
        if (n < 16) { stats_drop(c->stats, DROP_TRUNCATED); return; }
        ethertype_decode(c, get16(p + 14), p + 16, n - 16);
        return;
    case LT_SLL2: /* 20 bytes, the EtherType first */
        if (pkt_push(c, "sll2") != 0) break;
        if (n < 20) { stats_drop(c->stats, DROP_TRUNCATED); return; }
        ethertype_decode(c, get16(p), p + 20, n - 20);
        return;
    default:
        break;
    }
    stats_linktype(c->stats, linktype);
    stats_drop(c->stats, DROP_LINKTYPE);
}
