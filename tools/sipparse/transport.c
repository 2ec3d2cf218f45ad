/* tools/sipparse/transport.c: UDP (RFC 768), the TCP header (RFC 9293; the streams
 * are tcp_flow.c's), VXLAN (RFC 7348), HEP datagrams (hep_input.c) and the tests that
 * say bytes are SIP (also used for WebSocket, HEP and HAR payloads).
 *
 * SIP is recognised by content, never by port: SIP runs on any port, and other
 * protocols run on 5060 (HTTP in ndpi__http_on_sip_port.pcap). A payload is SIP when
 * its first line is a status line ("SIP/2.0 200 OK") or ends like a request line
 * ("... SIP/2.0"); RFC 3261 §7.1. Whether it is well-formed is the parser's call. */
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>
#include "decimal.h"
#include "hep.h"
#include "tool.h"

/* How far into a payload the first line is looked for: a Request-URI longer than this
 * is not plausible, and the bound keeps the test cheap on large non-SIP payloads. */
#define SIP_FIRST_LINE_MAX 4096u
#define VXLAN_PORT 4789u

static int ieq(const unsigned char *p, const char *lit, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char a = p[i], b = (unsigned char)lit[i];
        if (a >= 'a' && a <= 'z') a = (unsigned char)(a - 32);
        if (a != b) return 0;
    }
    return 1;
}

static int is_digit(unsigned char ch) { return ch >= '0' && ch <= '9'; }

/* "SIP/" 1*DIGIT "." 1*DIGIT at p, exactly n bytes long. */
static int sip_version(const unsigned char *p, size_t n)
{
    if (n < 7 || !ieq(p, "SIP/", 4)) return 0;
    size_t i = 4, d = 0;
    while (i < n && is_digit(p[i])) { i++; d++; }
    if (d == 0 || i >= n || p[i] != '.') return 0;
    i++;
    d = 0;
    while (i < n && is_digit(p[i])) { i++; d++; }
    return d > 0 && i == n;
}

/* Bytes of CR and LF at the start (keep-alives, RFC 5626 §3.5.1, or RFC 3261 §7.5's
 * leading empty lines). */
static size_t crlf_prefix(const unsigned char *p, size_t n)
{
    size_t i = 0;
    while (i < n && (p[i] == '\r' || p[i] == '\n')) i++;
    return i;
}

int sip_only_crlf(const unsigned char *p, size_t n) { return crlf_prefix(p, n) == n; }

int sip_looks_like(const unsigned char *p, size_t n)
{
    size_t skip = crlf_prefix(p, n);
    p += skip;
    n -= skip;
    size_t win = n < SIP_FIRST_LINE_MAX ? n : SIP_FIRST_LINE_MAX;
    const unsigned char *eol = memchr(p, '\n', win);
    size_t line = eol ? (size_t)(eol - p) : win;
    while (line > 0 && (p[line - 1] == '\r' || p[line - 1] == ' ')) line--;
    /* Status-Line = SIP-Version SP Status-Code SP Reason-Phrase */
    const unsigned char *sp = memchr(p, ' ', line);
    if (sp && sip_version(p, (size_t)(sp - p)) && (size_t)(sp - p) + 1 < line &&
        is_digit(sp[1]))
        return 1;
    /* Request-Line = Method SP Request-URI SP SIP-Version */
    size_t v = line;
    while (v > 0 && p[v - 1] != ' ') v--;
    return v > 0 && memchr(p, ' ', v - 1) != NULL && sip_version(p + v, line - v);
}

/* RFC 3261 §25.1 token characters: a method is a token. */
static int is_token(unsigned char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || is_digit(ch) ||
           (ch && strchr("-.!%*_+`'~", ch) != NULL);
}

/* Stricter than sip_looks_like, since a stream is searched at every line start: the
 * method must be a token, the Request-URI one word, the status code three digits. A
 * line is judged only once it is whole (or longer than any plausible start line). */
int sip_start_line(const unsigned char *p, size_t n)
{
    size_t win = n < SIP_FIRST_LINE_MAX ? n : SIP_FIRST_LINE_MAX;
    /* Rejected early when the first word already says no, so a binary stream is not
     * held back waiting for a line end. */
    int status = win >= 4 && ieq(p, "SIP/", 4);
    size_t i = 0;
    while (i < win && p[i] != ' ' && p[i] != '\n') {
        if (!is_token(p[i]) && !(status && p[i] == '/')) return 0;
        i++;
    }
    const unsigned char *eol = memchr(p, '\n', win);
    if (!eol) return n >= SIP_FIRST_LINE_MAX ? 0 : -1;
    size_t line = (size_t)(eol - p);
    if (line > 0 && p[line - 1] == '\r') line--;
    if (i == 0 || i >= line) return 0;
    if (status) /* SIP-Version SP 3DIGIT SP Reason-Phrase (the reason may be empty) */
        return sip_version(p, i) && i + 4 <= line && is_digit(p[i + 1]) && is_digit(p[i + 2]) &&
               is_digit(p[i + 3]) && (i + 4 == line || p[i + 4] == ' ');
    /* Method SP Request-URI SP SIP-Version */
    size_t v = line;
    while (v > i + 1 && p[v - 1] != ' ') v--;
    if (v <= i + 2) return 0;
    if (memchr(p + i + 1, ' ', v - 1 - (i + 1)) != NULL) return 0;
    return sip_version(p + v, line - v);
}

/* "10.0.0.1:5060" or "[2001:db8::1]:5060". IPv4, the common case, is written by hand:
 * inet_ntop and snprintf cost 2,800 instructions an address, a tenth of a JSON line
 * with its two. At most 15 + 1 + 10 + 1 bytes there, within PKT_ADDR_MAX. */
static void put_addr(char *out, int af, const unsigned char *a, unsigned port)
{
    if (af == 6) {
        char ip[INET6_ADDRSTRLEN];
        if (!inet_ntop(AF_INET6, a, ip, sizeof ip)) snprintf(ip, sizeof ip, "?");
        snprintf(out, PKT_ADDR_MAX, "[%s]:%u", ip, port);
        return;
    }
    char *o = out;
    for (int i = 0; i < 4; i++) {
        o = dec_put(o, a[i], 0);
        *o++ = i < 3 ? '.' : ':';
    }
    *dec_put(o, port, 0) = '\0';
}

void pkt_set_endpoints(decode_ctx *c, unsigned sport, unsigned dport)
{
    c->pkt.addr_af = c->af == 6 ? 6 : 4;
    memcpy(c->pkt.addr_src, c->saddr, sizeof c->pkt.addr_src);
    memcpy(c->pkt.addr_dst, c->daddr, sizeof c->pkt.addr_dst);
    c->pkt.sport = sport;
    c->pkt.dport = dport;
}

const char *pkt_endpoint(const pkt_info *p, int which, char buf[PKT_ADDR_MAX])
{
    if (!p->addr_af)
        return which ? p->dst : p->src;
    put_addr(buf, p->addr_af, which ? p->addr_dst : p->addr_src, which ? p->dport : p->sport);
    return buf;
}

/* RFC 7348 §5: flags byte with the I bit (0x08) set, 24-bit VNI, then Ethernet. */
static int vxlan_decode(decode_ctx *c, unsigned dport, const unsigned char *p, size_t n)
{
    if (dport != VXLAN_PORT || n < 8 + 14 || (p[0] & 0x08) == 0) return 0;
    if (pkt_push(c, "vxlan") != 0) { stats_drop(c->stats, DROP_TUNNEL); return 1; }
    c->pkt.tunnels++;
    ether_decode(c, p + 8, n - 8);
    return 1;
}

void udp_decode(decode_ctx *c, const unsigned char *p, size_t n)
{
    if (pkt_push(c, "udp") != 0) { stats_drop(c->stats, DROP_TUNNEL); return; }
    if (n < 8) { stats_drop(c->stats, DROP_TRUNCATED); return; }
    size_t ulen = get16(p + 4);
    /* 0 is a jumbogram's length (RFC 2675 §4): take the IP payload. */
    if (ulen == 0) ulen = n;
    if (ulen < 8) { stats_drop(c->stats, DROP_MALFORMED); return; }
    if (ulen > n) { stats_drop(c->stats, DROP_TRUNCATED); return; }
    unsigned sport = get16(p), dport = get16(p + 2);
    const unsigned char *d = p + 8;
    size_t dn = ulen - 8;
    /* HEP first, on any port (capture agents send it wherever the collector listens):
     * its binary header followed by a SIP payload can pass for a request line, while
     * no SIP message starts with a byte 1 or 2 or with "HEP3". */
    if (hep_detect(d, dn) != 0) {
        drop_reason why = hep_input(c, d, dn, sport, dport);
        if (why == DROP_COUNT) stats_sip(c->stats);
        else stats_drop(c->stats, why);
        return;
    }
    if (sip_looks_like(d, dn)) {
        c->pkt.transport = "udp";
        pkt_set_endpoints(c, sport, dport);
        stats_sip(c->stats);
        int s = process_datagram(c, (const char *)d, dn);
        if (s > c->status) c->status = s;
        return;
    }
    if (vxlan_decode(c, dport, d, dn)) return;
    if (dn > 0 && crlf_prefix(d, dn) == dn) stats_drop(c->stats, DROP_KEEPALIVE);
    else stats_drop(c->stats, DROP_NOT_SIP);
}

void tcp_decode(decode_ctx *c, const unsigned char *p, size_t n)
{
    if (pkt_push(c, "tcp") != 0) { stats_drop(c->stats, DROP_TUNNEL); return; }
    if (n < 20) { stats_drop(c->stats, DROP_TRUNCATED); return; }
    size_t off = (size_t)(p[12] >> 4) * 4;
    if (off < 20) { stats_drop(c->stats, DROP_MALFORMED); return; }
    if (off > n) { stats_drop(c->stats, DROP_TRUNCATED); return; }
    c->pkt.transport = "tcp";
    pkt_set_endpoints(c, get16(p), get16(p + 2));
    tcp_flow_segment(c, p, n);
}

void decode_finish(decode_ctx *c)
{
    /* Fragments first: nothing they could still become would reach a flow now. */
    ipfrag_finish(c);
    tcp_flow_finish(c);
    sctp_finish(c);
}
