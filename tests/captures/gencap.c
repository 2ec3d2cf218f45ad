/* tests/captures/gencap.c: writes the generated test captures, byte for byte the same on
 * every run: fixed timestamps, documentation addresses (RFC 5737, RFC 3849), SIP
 * messages written here for the purpose. Each capture exercises one thing the capture
 * decoder must get right where the public corpus has no example (VLAN stacks, Linux
 * cooked v1, IP fragments, TCP reassembly troubles).
 *
 *   gencap OUTDIR     writes OUTDIR/gen_*.pcap, and on stdout one GENERATED.tsv row
 *                     per file (the facts the file was built to hold; the Makefile adds
 *                     size and checksum)
 *
 * `make captures` regenerates corpus/pcap-generated/gen_*.pcap; `make captures-check`
 * (run by test-cli) fails when the committed files differ from what this writes. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAXPKT 70000u
#define TS_BASE 1700000000u   /* 2023-11-14T22:13:20Z */

/* ---- pcap file ------------------------------------------------------------------- */

typedef struct capfile {
    FILE *f;
    unsigned linktype;
    unsigned frames;
    uint32_t sec, usec;      /* time of the next record */
} capfile;

static void put16le(FILE *f, unsigned v) { fputc(v & 0xff, f); fputc(v >> 8 & 0xff, f); }
static void put32le(FILE *f, uint32_t v) { put16le(f, v & 0xffff); put16le(f, v >> 16); }

static void cap_open(capfile *c, const char *dir, const char *name, unsigned linktype)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    c->f = fopen(path, "wb");
    if (!c->f) {
        perror(path);
        exit(2);
    }
    c->linktype = linktype;
    c->frames = 0;
    c->sec = TS_BASE;
    c->usec = 0;
    put32le(c->f, 0xa1b2c3d4u);   /* microsecond pcap, little-endian */
    put16le(c->f, 2);
    put16le(c->f, 4);
    put32le(c->f, 0);
    put32le(c->f, 0);
    put32le(c->f, 262144);
    put32le(c->f, linktype);
}

/* Moves the capture clock forward. */
static void cap_wait(capfile *c, uint32_t usec)
{
    c->usec += usec;
    c->sec += c->usec / 1000000u;
    c->usec %= 1000000u;
}

static void cap_write(capfile *c, const unsigned char *p, size_t n)
{
    cap_wait(c, 1000); /* 1 ms between packets unless told otherwise */
    put32le(c->f, c->sec);
    put32le(c->f, c->usec);
    put32le(c->f, (uint32_t)n);
    put32le(c->f, (uint32_t)n);
    fwrite(p, 1, n, c->f);
    c->frames++;
}

static void cap_close(capfile *c)
{
    if (fclose(c->f) != 0) {
        perror("fclose");
        exit(2);
    }
}

/* ---- packet building ------------------------------------------------------------- */

typedef struct buf {
    unsigned char b[MAXPKT];
    size_t n;
} buf;

static void b8(buf *b, unsigned v) { b->b[b->n++] = (unsigned char)v; }
static void b16(buf *b, unsigned v) { b8(b, v >> 8 & 0xff); b8(b, v & 0xff); }
static void b32(buf *b, uint32_t v) { b16(b, v >> 16); b16(b, v & 0xffff); }
static void bmem(buf *b, const void *p, size_t n) { memcpy(b->b + b->n, p, n); b->n += n; }

static uint32_t sum16(const unsigned char *p, size_t n, uint32_t acc)
{
    for (size_t i = 0; i + 1 < n; i += 2) acc += (uint32_t)p[i] << 8 | p[i + 1];
    if (n & 1) acc += (uint32_t)p[n - 1] << 8;
    return acc;
}

static unsigned fold(uint32_t acc)
{
    while (acc >> 16) acc = (acc & 0xffff) + (acc >> 16);
    return ~acc & 0xffff;
}

typedef struct endpoint {
    int v6;
    unsigned char addr[16];
    unsigned port;
} endpoint;

static const endpoint ALICE4 = { 0, { 192, 0, 2, 10 }, 5060 };
static const endpoint BOB4 = { 0, { 198, 51, 100, 20 }, 5060 };
static const endpoint ALICE6 = { 1, { 0x20, 0x01, 0x0d, 0xb8, [15] = 0x10 }, 5060 };
static const endpoint BOB6 = { 1, { 0x20, 0x01, 0x0d, 0xb8, [15] = 0x20 }, 5060 };

/* Transport checksum over the pseudo-header (RFC 768, RFC 9293 §3.1, RFC 8200 §8.1). */
static unsigned l4_checksum(const endpoint *s, const endpoint *d, unsigned proto,
                            const unsigned char *seg, size_t n)
{
    size_t alen = s->v6 ? 16 : 4;
    uint32_t acc = sum16(s->addr, alen, 0);
    acc = sum16(d->addr, alen, acc);
    acc += proto + (uint32_t)(n & 0xffff) + (uint32_t)(n >> 16);
    return fold(sum16(seg, n, acc));
}

static void udp_segment(buf *out, const endpoint *s, const endpoint *d, const char *data,
                        size_t n)
{
    size_t at = out->n;
    b16(out, s->port);
    b16(out, d->port);
    b16(out, (unsigned)(8 + n));
    b16(out, 0);
    bmem(out, data, n);
    unsigned ck = l4_checksum(s, d, 17, out->b + at, 8 + n);
    out->b[at + 6] = (unsigned char)(ck >> 8);
    out->b[at + 7] = (unsigned char)ck;
}

enum { FIN = 0x01, SYN = 0x02, RST = 0x04, PSH = 0x08, ACK = 0x10 };

static void tcp_segment(buf *out, const endpoint *s, const endpoint *d, uint32_t seq,
                        uint32_t ack, unsigned flags, const char *data, size_t n)
{
    size_t at = out->n;
    b16(out, s->port);
    b16(out, d->port);
    b32(out, seq);
    b32(out, ack);
    b8(out, 5 << 4);
    b8(out, flags);
    b16(out, 65535);
    b16(out, 0);
    b16(out, 0);
    bmem(out, data, n);
    unsigned ck = l4_checksum(s, d, 6, out->b + at, 20 + n);
    out->b[at + 16] = (unsigned char)(ck >> 8);
    out->b[at + 17] = (unsigned char)ck;
}

/* IPv4 header; frag: offset in 8-byte units with MF (0x2000) or-ed in. */
static void ipv4_header(buf *out, const endpoint *s, const endpoint *d, unsigned proto,
                        unsigned id, unsigned frag, size_t payload)
{
    size_t at = out->n;
    b8(out, 0x45);
    b8(out, 0);
    b16(out, (unsigned)(20 + payload));
    b16(out, id);
    b16(out, frag);
    b8(out, 64);
    b8(out, proto);
    b16(out, 0);
    bmem(out, s->addr, 4);
    bmem(out, d->addr, 4);
    unsigned ck = fold(sum16(out->b + at, 20, 0));
    out->b[at + 10] = (unsigned char)(ck >> 8);
    out->b[at + 11] = (unsigned char)ck;
}

static void ipv6_header(buf *out, const endpoint *s, const endpoint *d, unsigned next,
                        size_t payload)
{
    b32(out, 0x60000000u);
    b16(out, (unsigned)payload);
    b8(out, next);
    b8(out, 64);
    bmem(out, s->addr, 16);
    bmem(out, d->addr, 16);
}

/* The link layer of a capture: Ethernet with the given tags (TPIDs, outermost first),
 * or Linux cooked v1. */
typedef struct link {
    int sll;
    unsigned tags[3];
    unsigned ntags;
} link;

static const link ETH = { 0, { 0 }, 0 };

static void link_header(buf *out, const link *l, unsigned ethertype)
{
    static const unsigned char mac_a[6] = { 0x02, 0, 0, 0, 0, 0x0a };
    static const unsigned char mac_b[6] = { 0x02, 0, 0, 0, 0, 0x0b };
    if (l->sll) { /* packet type 0 (to us), ARPHRD_ETHER, address length 6 */
        b16(out, 0);
        b16(out, 1);
        b16(out, 6);
        bmem(out, mac_a, 6);
        b16(out, 0);
        b16(out, ethertype);
        return;
    }
    bmem(out, mac_b, 6);
    bmem(out, mac_a, 6);
    for (unsigned i = 0; i < l->ntags; i++) {
        b16(out, l->tags[i]);
        b16(out, 100 + i); /* VLAN id */
    }
    b16(out, ethertype);
}

/* One whole UDP datagram in one IP packet. */
static void send_udp(capfile *c, const link *l, const endpoint *s, const endpoint *d,
                     const char *msg)
{
    static buf out;
    size_t n = strlen(msg);
    out.n = 0;
    link_header(&out, l, s->v6 ? 0x86dd : 0x0800);
    if (s->v6) ipv6_header(&out, s, d, 17, 8 + n);
    else ipv4_header(&out, s, d, 17, 1, 0x4000, 8 + n);
    udp_segment(&out, s, d, msg, n);
    cap_write(c, out.b, out.n);
}

/* A UDP datagram cut into IP fragments of `piece` bytes (a multiple of 8), written in
 * the order `order` gives (indexes; a repeated index is a duplicate). */
static void send_udp_fragments(capfile *c, const endpoint *s, const endpoint *d, unsigned id,
                               const char *msg, size_t piece, const int *order, size_t norder)
{
    static buf dgram, out;
    dgram.n = 0;
    udp_segment(&dgram, s, d, msg, strlen(msg));
    for (size_t k = 0; k < norder; k++) {
        size_t off = (size_t)order[k] * piece;
        size_t len = dgram.n - off < piece ? dgram.n - off : piece;
        int more = off + len < dgram.n;
        out.n = 0;
        link_header(&out, &ETH, s->v6 ? 0x86dd : 0x0800);
        if (s->v6) {
            ipv6_header(&out, s, d, 44, 8 + len);
            b8(&out, 17);
            b8(&out, 0);
            b16(&out, (unsigned)(off | (more ? 1 : 0)));
            b32(&out, id);
        } else {
            ipv4_header(&out, s, d, 17, id, (unsigned)(off / 8) | (more ? 0x2000 : 0), len);
        }
        bmem(&out, dgram.b + off, len);
        cap_write(c, out.b, out.n);
    }
}

/* One IP fragment with the bytes given (for overlaps that disagree). */
static void send_raw_fragment(capfile *c, const endpoint *s, const endpoint *d, unsigned id,
                              size_t off, int more, const unsigned char *p, size_t len)
{
    static buf out;
    out.n = 0;
    link_header(&out, &ETH, s->v6 ? 0x86dd : 0x0800);
    if (s->v6) {
        ipv6_header(&out, s, d, 44, 8 + len);
        b8(&out, 17);
        b8(&out, 0);
        b16(&out, (unsigned)(off | (more ? 1 : 0)));
        b32(&out, id);
    } else {
        ipv4_header(&out, s, d, 17, id, (unsigned)(off / 8) | (more ? 0x2000 : 0), len);
    }
    bmem(&out, p, len);
    cap_write(c, out.b, out.n);
}

/* A TCP direction: its endpoints and the next sequence number it sends. */
typedef struct tcpdir {
    const link *l;
    const endpoint *s, *d;
    uint32_t seq, ack;
} tcpdir;

static void send_tcp(capfile *c, tcpdir *t, uint32_t seq, unsigned flags, const char *data,
                     size_t n)
{
    static buf out;
    out.n = 0;
    link_header(&out, t->l, t->s->v6 ? 0x86dd : 0x0800);
    if (t->s->v6) ipv6_header(&out, t->s, t->d, 6, 20 + n);
    else ipv4_header(&out, t->s, t->d, 6, 2, 0x4000, 20 + n);
    tcp_segment(&out, t->s, t->d, seq, t->ack, flags, data, n);
    cap_write(c, out.b, out.n);
}

/* Sends the next n bytes of the stream, in order. */
static void tcp_data(capfile *c, tcpdir *t, const char *data, size_t n)
{
    send_tcp(c, t, t->seq, ACK | PSH, data, n);
    t->seq += (uint32_t)n;
}

static void tcp_open(capfile *c, tcpdir *a, tcpdir *b)
{
    send_tcp(c, a, a->seq, SYN, NULL, 0);
    a->seq++;
    b->ack = a->seq;
    send_tcp(c, b, b->seq, SYN | ACK, NULL, 0);
    b->seq++;
    a->ack = b->seq;
    send_tcp(c, a, a->seq, ACK, NULL, 0);
}

/* A connection over Ethernet from client (ALICE's address, its own port) to BOB's SIP
 * port: a and b are its two directions, starting at sequence numbers isn_a and isn_b,
 * opened with the three-way handshake. */
static void tcp_connect(capfile *c, tcpdir *a, tcpdir *b, const endpoint *client,
                        uint32_t isn_a, uint32_t isn_b)
{
    const endpoint *bob = client->v6 ? &BOB6 : &BOB4;
    *a = (tcpdir){ &ETH, client, bob, isn_a, 0 };
    *b = (tcpdir){ &ETH, bob, client, isn_b, 0 };
    tcp_open(c, a, b);
}

static void tcp_close(capfile *c, tcpdir *a, tcpdir *b)
{
    send_tcp(c, a, a->seq, FIN | ACK, NULL, 0);
    a->seq++;
    b->ack = a->seq;
    send_tcp(c, b, b->seq, FIN | ACK, NULL, 0);
    b->seq++;
    a->ack = b->seq;
    send_tcp(c, a, a->seq, ACK, NULL, 0);
}

/* ---- SIP messages ------------------------------------------------------------------ */

static char *fmt(const char *f, ...)
{
    static char out[8][16384];
    static unsigned next;
    char *s = out[next++ % 8];
    va_list ap;
    va_start(ap, f);
    vsnprintf(s, sizeof out[0], f, ap);
    va_end(ap);
    return s;
}

/* A request from Alice to Bob; a body makes it carry SDP-like text of body_len bytes. */
static char *request(const char *method, const char *transport, unsigned cseq, const char *callid,
                     size_t body_len)
{
    char body[8192];
    size_t i = 0;
    static const char line[] = "a=x-filler:generated-by-gencap-for-fragmentation-tests\r\n";
    while (i + sizeof line - 1 <= body_len && i + sizeof line < sizeof body) {
        memcpy(body + i, line, sizeof line - 1);
        i += sizeof line - 1;
    }
    while (i < body_len && i + 1 < sizeof body) body[i++] = 'z';
    body[i] = '\0';
    return fmt("%s sip:bob@example.com SIP/2.0\r\n"
               "Via: SIP/2.0/%s alice.example.com;branch=z9hG4bK-gen-%s-%u\r\n"
               "Max-Forwards: 70\r\n"
               "From: Alice <sip:alice@example.com>;tag=gen1\r\n"
               "To: Bob <sip:bob@example.com>\r\n"
               "Call-ID: %s@gencap\r\n"
               "CSeq: %u %s\r\n"
               "Contact: <sip:alice@alice.example.com>\r\n"
               "%s"
               "Content-Length: %u\r\n\r\n%s",
               method, transport, callid, cseq, callid, cseq, method,
               i ? "Content-Type: text/plain\r\n" : "", (unsigned)i, body);
}

static char *response(unsigned code, const char *reason, const char *method, const char *transport,
                      unsigned cseq, const char *callid)
{
    return fmt("SIP/2.0 %u %s\r\n"
               "Via: SIP/2.0/%s alice.example.com;branch=z9hG4bK-gen-%s-%u\r\n"
               "From: Alice <sip:alice@example.com>;tag=gen1\r\n"
               "To: Bob <sip:bob@example.com>;tag=gen2\r\n"
               "Call-ID: %s@gencap\r\n"
               "CSeq: %u %s\r\n"
               "Content-Length: 0\r\n\r\n",
               code, reason, transport, callid, cseq, callid, cseq, method);
}

/* ---- the captures ------------------------------------------------------------------ */

static const char *outdir;

/* One GENERATED.tsv row (columns up to encap/methods; the Makefile adds the rest). */
static void row(const char *file, const char *notes, const char *linktype, const capfile *c,
                unsigned msgs, unsigned req, unsigned resp, const char *over, unsigned multi_msg,
                unsigned multi_seg, unsigned v6, unsigned vlan, unsigned frag, const char *encap,
                const char *methods)
{
    printf("%s\tgenerated here (tests/captures/gencap.c)\tCC0 / ours\t%s\tpcap\t%s\t%u\t%u\t%u\t%u"
           "\t%s\t%u\t%u\t%u\t%u\t%u\t0\t%s\t%s\n",
           file, notes, linktype, c->frames, msgs, req, resp, over, multi_msg, multi_seg, v6, vlan,
           frag, encap, methods);
}

static void gen_vlan(void)
{
    capfile c;
    static const link one = { 0, { 0x8100 }, 1 };
    cap_open(&c, outdir, "gen_vlan.pcap", 1);
    send_udp(&c, &one, &ALICE4, &BOB4, request("OPTIONS", "UDP", 1, "vlan", 0));
    send_udp(&c, &one, &BOB4, &ALICE4, response(200, "OK", "OPTIONS", "UDP", 1, "vlan"));
    cap_close(&c);
    row("gen_vlan.pcap", "802.1Q tag (VLAN 100) around IPv4/UDP: OPTIONS and its 200", "ether",
        &c, 2, 1, 1, "udp:2", 0, 0, 0, 2, 0, "vlan:2", "OPTIONS:1");
}

static void gen_qinq(void)
{
    capfile c;
    static const link ad = { 0, { 0x88a8, 0x8100 }, 2 };
    static const link old = { 0, { 0x9100, 0x8100 }, 2 };
    static const link three = { 0, { 0x88a8, 0x8100, 0x8100 }, 3 };
    cap_open(&c, outdir, "gen_qinq.pcap", 1);
    send_udp(&c, &ad, &ALICE4, &BOB4, request("OPTIONS", "UDP", 1, "qinq", 0));
    send_udp(&c, &old, &BOB4, &ALICE4, response(200, "OK", "OPTIONS", "UDP", 1, "qinq"));
    send_udp(&c, &three, &ALICE6, &BOB6, request("OPTIONS", "UDP", 2, "qinq", 0));
    cap_close(&c);
    row("gen_qinq.pcap", "QinQ: 802.1ad 0x88a8 + 0x8100; pre-standard 0x9100 + 0x8100; three tags "
        "around IPv6", "ether", &c, 3, 2, 1, "udp:3", 0, 0, 1, 3, 0, "vlan:3", "OPTIONS:2");
}

static void gen_sll(void)
{
    capfile c;
    static const link sll = { 1, { 0 }, 0 };
    cap_open(&c, outdir, "gen_sll_v1.pcap", 113);
    send_udp(&c, &sll, &ALICE4, &BOB4, request("REGISTER", "UDP", 1, "sll", 0));
    send_udp(&c, &sll, &BOB4, &ALICE4, response(200, "OK", "REGISTER", "UDP", 1, "sll"));
    tcpdir a = { &sll, &ALICE6, &BOB6, 1000, 0 }, b = { &sll, &BOB6, &ALICE6, 5000, 0 };
    tcp_open(&c, &a, &b);
    const char *m = request("OPTIONS", "TCP", 2, "sll", 0);
    tcp_data(&c, &a, m, strlen(m));
    m = response(200, "OK", "OPTIONS", "TCP", 2, "sll");
    tcp_data(&c, &b, m, strlen(m));
    tcp_close(&c, &a, &b);
    cap_close(&c);
    row("gen_sll_v1.pcap", "Linux cooked v1: REGISTER/200 over IPv4 UDP, OPTIONS/200 over IPv6 TCP",
        "linux-sll", &c, 4, 2, 2, "udp:2,tcp:2", 0, 0, 2, 0, 0, "sll:12", "REGISTER:1,OPTIONS:1");
}

static void gen_ipv4_frag(void)
{
    capfile c;
    cap_open(&c, outdir, "gen_ipv4_frag.pcap", 1);
    /* 1: four fragments written 3,1,1(duplicate),4,2 */
    const char *big = request("INVITE", "UDP", 1, "frag4", 1200);
    static const int order[] = { 2, 0, 0, 3, 1 };
    send_udp_fragments(&c, &ALICE4, &BOB4, 0x1111, big, 400, order, 5);
    /* 2: an overlap whose bytes agree: fragment 0..800 and 400..1200 and the rest */
    static buf dg;
    dg.n = 0;
    const char *msg2 = request("MESSAGE", "UDP", 2, "frag4", 1000);
    udp_segment(&dg, &ALICE4, &BOB4, msg2, strlen(msg2));
    send_raw_fragment(&c, &ALICE4, &BOB4, 0x2222, 0, 1, dg.b, 800);
    send_raw_fragment(&c, &ALICE4, &BOB4, 0x2222, 400, 1, dg.b + 400, 800);
    send_raw_fragment(&c, &ALICE4, &BOB4, 0x2222, 1200, 0, dg.b + 1200, dg.n - 1200);
    /* 3: an overlap whose bytes disagree: the whole datagram is dropped, and so is its
     * late fragment */
    const char *msg3 = request("MESSAGE", "UDP", 3, "frag4", 1000);
    dg.n = 0;
    udp_segment(&dg, &ALICE4, &BOB4, msg3, strlen(msg3));
    send_raw_fragment(&c, &ALICE4, &BOB4, 0x3333, 0, 1, dg.b, 800);
    unsigned char bad[800];
    memcpy(bad, dg.b + 400, 800);
    memset(bad, 'X', 16);
    send_raw_fragment(&c, &ALICE4, &BOB4, 0x3333, 400, 1, bad, 800);
    send_raw_fragment(&c, &ALICE4, &BOB4, 0x3333, 1200, 0, dg.b + 1200, dg.n - 1200);
    send_udp(&c, &ETH, &BOB4, &ALICE4, response(200, "OK", "INVITE", "UDP", 1, "frag4"));
    cap_close(&c);
    row("gen_ipv4_frag.pcap", "IPv4 fragments: INVITE in 4 fragments out of order with a duplicate; "
        "MESSAGE with an agreeing overlap; MESSAGE with a conflicting overlap (dropped, 3 frames); 200",
        "ether", &c, 3, 2, 1, "udp:3", 0, 0, 0, 0, 11, "", "INVITE:1,MESSAGE:1");
}

static void gen_ipv6_frag(void)
{
    capfile c;
    cap_open(&c, outdir, "gen_ipv6_frag.pcap", 1);
    const char *big = request("INVITE", "UDP", 1, "frag6", 2000);
    static const int order[] = { 3, 1, 2, 0 };
    send_udp_fragments(&c, &ALICE6, &BOB6, 0x61, big, 600, order, 4);
    /* An overlap in IPv6 drops the datagram whatever its bytes (RFC 5722). */
    static buf dg;
    dg.n = 0;
    const char *msg2 = request("MESSAGE", "UDP", 2, "frag6", 1000);
    udp_segment(&dg, &ALICE6, &BOB6, msg2, strlen(msg2));
    send_raw_fragment(&c, &ALICE6, &BOB6, 0x62, 0, 1, dg.b, 800);
    send_raw_fragment(&c, &ALICE6, &BOB6, 0x62, 400, 1, dg.b + 400, 800);
    send_raw_fragment(&c, &ALICE6, &BOB6, 0x62, 1200, 0, dg.b + 1200, dg.n - 1200);
    send_udp(&c, &ETH, &BOB6, &ALICE6, response(200, "OK", "INVITE", "UDP", 1, "frag6"));
    cap_close(&c);
    row("gen_ipv6_frag.pcap", "IPv6 Fragment headers: INVITE in 4 fragments, last first; MESSAGE "
        "with an overlap (dropped, RFC 5722, 3 frames); 200", "ether", &c, 2, 1, 1, "udp:2", 0, 0, 2,
        0, 7, "", "INVITE:1");
}

static void gen_frag_timeout(void)
{
    capfile c;
    cap_open(&c, outdir, "gen_frag_timeout.pcap", 1);
    const char *big = request("INVITE", "UDP", 1, "fragtime", 1200);
    static const int first_two[] = { 0, 1 };
    send_udp_fragments(&c, &ALICE4, &BOB4, 0x4444, big, 400, first_two, 2);
    cap_wait(&c, 45u * 1000000u); /* past the 30 s reassembly timeout */
    static const int last[] = { 2, 3 };
    send_udp_fragments(&c, &ALICE4, &BOB4, 0x4444, big, 400, last, 2);
    send_udp(&c, &ETH, &ALICE4, &BOB4, request("OPTIONS", "UDP", 2, "fragtime", 0));
    /* Left incomplete at the end of the capture. */
    big = request("INVITE", "UDP", 3, "fragtime", 1200);
    static const int one[] = { 1 };
    send_udp_fragments(&c, &ALICE4, &BOB4, 0x5555, big, 400, one, 1);
    cap_close(&c);
    row("gen_frag_timeout.pcap", "IPv4 fragments 1-2 of an INVITE, 45 s later 3-4 (both halves time "
        "out / stay incomplete); OPTIONS; one fragment left at the end", "ether", &c, 1, 1, 0,
        "udp:1", 0, 0, 0, 0, 5, "", "OPTIONS:1");
}

/* Retransmissions, an overlap carrying new bytes, and a hole in one connection. */
static void gen_tcp_retrans_hole(void)
{
    capfile c;
    cap_open(&c, outdir, "gen_tcp_retrans_hole.pcap", 1);
    static const endpoint client = { 0, { 192, 0, 2, 10 }, 40000 };
    tcpdir a, b;
    tcp_connect(&c, &a, &b, &client, 100000, 900000);
    /* 1: INVITE in two segments; the first is sent twice (retransmission) */
    const char *m1 = request("INVITE", "TCP", 1, "rtx", 300);
    size_t n1 = strlen(m1), h1 = n1 / 2;
    uint32_t s1 = a.seq;
    tcp_data(&c, &a, m1, h1);
    send_tcp(&c, &a, s1, ACK | PSH, m1, h1);
    tcp_data(&c, &a, m1 + h1, n1 - h1);
    /* 2: 100 Trying sent whole, then sent again with the 180 behind it (an overlap
     * that carries new bytes: the 180 is taken from it) */
    const char *m2 = response(100, "Trying", "INVITE", "TCP", 1, "rtx");
    const char *m3 = response(180, "Ringing", "INVITE", "TCP", 1, "rtx");
    char both[4096];
    snprintf(both, sizeof both, "%s%s", m2, m3);
    uint32_t s2 = b.seq;
    tcp_data(&c, &b, m2, strlen(m2));
    send_tcp(&c, &b, s2, ACK | PSH, both, strlen(both));
    b.seq = s2 + (uint32_t)strlen(both);
    /* 3: a 200 OK whose middle segment the capture lost: a hole; then 4: a whole
     * MESSAGE after it, on which the stream resynchronises */
    const char *m4 = response(200, "OK", "INVITE", "TCP", 1, "rtx");
    size_t n4 = strlen(m4), third = n4 / 3;
    tcp_data(&c, &b, m4, third);
    b.seq += (uint32_t)third; /* never sent */
    tcp_data(&c, &b, m4 + 2 * third, n4 - 2 * third);
    const char *m5 = request("MESSAGE", "TCP", 2, "rtx", 0);
    tcp_data(&c, &b, m5, strlen(m5));
    /* 5: Alice's ACK request acknowledges everything Bob sent, the lost bytes too: the
     * hole is known for one from here on */
    a.ack = b.seq;
    const char *m6 = request("ACK", "TCP", 1, "rtx", 0);
    tcp_data(&c, &a, m6, strlen(m6));
    tcp_close(&c, &a, &b);
    cap_close(&c);
    row("gen_tcp_retrans_hole.pcap", "TCP: INVITE in 2 segments with the first retransmitted; 100 "
        "resent with the 180 appended (overlap + new bytes); 200 OK with its middle segment lost "
        "(hole); MESSAGE after the hole; ACK; FIN", "ether", &c, 5, 3, 2, "tcp:5", 1, 1, 0, 0, 0, "",
        "INVITE:1,MESSAGE:1,ACK:1");
}

static void gen_tcp_midstream(void)
{
    capfile c;
    cap_open(&c, outdir, "gen_tcp_midstream.pcap", 1);
    tcpdir a = { &ETH, &ALICE4, &BOB4, 7000, 1 };
    a.s = &(endpoint){ 0, { 192, 0, 2, 10 }, 40001 };
    /* The capture starts 60 bytes into a message: its tail is skipped, the next
     * messages are reported. */
    const char *m0 = request("OPTIONS", "TCP", 1, "mid", 0);
    tcp_data(&c, &a, m0 + 60, strlen(m0) - 60);
    const char *m1 = request("OPTIONS", "TCP", 2, "mid", 0);
    size_t n1 = strlen(m1);
    tcp_data(&c, &a, m1, 100);
    tcp_data(&c, &a, m1 + 100, n1 - 100);
    const char *m2 = request("BYE", "TCP", 3, "mid", 0);
    tcp_data(&c, &a, m2, strlen(m2));
    cap_close(&c);
    row("gen_tcp_midstream.pcap", "TCP without its SYN: the capture starts inside an OPTIONS (tail "
        "skipped), then OPTIONS in 2 segments and a BYE", "ether", &c, 2, 2, 0, "tcp:2", 0, 1, 0, 0,
        0, "", "OPTIONS:1,BYE:1");
}

static void gen_tcp_segments(void)
{
    capfile c;
    cap_open(&c, outdir, "gen_tcp_segments.pcap", 1);
    static const endpoint client = { 1, { 0x20, 0x01, 0x0d, 0xb8, [15] = 0x10 }, 40002 };
    tcpdir a, b;
    tcp_connect(&c, &a, &b, &client, 3000, 8000);
    /* Three requests in one segment. */
    char three[8192];
    snprintf(three, sizeof three, "%s%s%s", request("OPTIONS", "TCP", 1, "seg", 0),
             request("OPTIONS", "TCP", 2, "seg", 0), request("OPTIONS", "TCP", 3, "seg", 0));
    tcp_data(&c, &a, three, strlen(three));
    /* One INVITE with a body, in 40-byte segments. */
    const char *inv = request("INVITE", "TCP", 4, "seg", 500);
    size_t n = strlen(inv);
    for (size_t i = 0; i < n; i += 40) tcp_data(&c, &a, inv + i, n - i < 40 ? n - i : 40);
    /* The three 200s and a 100: the last 200 ends in the same segment the 100 starts */
    char resp[8192];
    snprintf(resp, sizeof resp, "%s%s%s%s", response(200, "OK", "OPTIONS", "TCP", 1, "seg"),
             response(200, "OK", "OPTIONS", "TCP", 2, "seg"),
             response(200, "OK", "OPTIONS", "TCP", 3, "seg"),
             response(100, "Trying", "INVITE", "TCP", 4, "seg"));
    size_t rn = strlen(resp), cut = rn - 50;
    tcp_data(&c, &b, resp, cut);
    tcp_data(&c, &b, resp + cut, rn - cut);
    tcp_close(&c, &a, &b);
    cap_close(&c);
    row("gen_tcp_segments.pcap", "TCP over IPv6: 3 OPTIONS in one segment; an INVITE in 40-byte "
        "segments; 3 200s and a 100 in 2 segments (the 100 across both)", "ether", &c, 8, 4, 4,
        "tcp:8", 2, 2, 0, 0, 0, "", "OPTIONS:3,INVITE:1");
}

static void gen_tcp_keepalive(void)
{
    capfile c;
    cap_open(&c, outdir, "gen_tcp_keepalive.pcap", 1);
    static const endpoint client = { 0, { 192, 0, 2, 10 }, 40003 };
    tcpdir a, b;
    tcp_connect(&c, &a, &b, &client, 50, 60);
    const char *m = request("REGISTER", "TCP", 1, "ka", 0);
    tcp_data(&c, &a, m, strlen(m));
    m = response(200, "OK", "REGISTER", "TCP", 1, "ka");
    tcp_data(&c, &b, m, strlen(m));
    /* RFC 5626 §3.5.1: a double-CRLF ping, answered by a single-CRLF pong. */
    tcp_data(&c, &a, "\r\n\r\n", 4);
    tcp_data(&c, &b, "\r\n", 2);
    /* A ping in front of a request in the same segment. */
    char buf2[4096];
    snprintf(buf2, sizeof buf2, "\r\n\r\n%s", request("OPTIONS", "TCP", 2, "ka", 0));
    tcp_data(&c, &a, buf2, strlen(buf2));
    m = response(200, "OK", "OPTIONS", "TCP", 2, "ka");
    tcp_data(&c, &b, m, strlen(m));
    tcp_data(&c, &a, "\r\n\r\n", 4);
    tcp_data(&c, &b, "\r\n", 2);
    cap_close(&c);
    row("gen_tcp_keepalive.pcap", "TCP: REGISTER/200, CRLFCRLF ping and CRLF pong, a ping in front "
        "of an OPTIONS in one segment, 200, ping/pong at the end of the capture", "ether", &c, 4, 2,
        2, "tcp:4", 0, 0, 0, 0, 0, "", "REGISTER:1,OPTIONS:1");
}

/* Messages a stream cannot be cut at: each is reported with its error, and the stream
 * resumes at the next start line. */
static void gen_tcp_unframable(void)
{
    capfile c;
    cap_open(&c, outdir, "gen_tcp_unframable.pcap", 1);
    static const endpoint client = { 0, { 192, 0, 2, 10 }, 40004 };
    tcpdir a, b;
    tcp_connect(&c, &a, &b, &client, 20000, 30000);
    /* RFC 3261 §18.3: Content-Length is required on a stream; this one has none. */
    const char *nocl = "OPTIONS sip:bob@example.com SIP/2.0\r\n"
                       "Via: SIP/2.0/TCP alice.example.com;branch=z9hG4bK-gen-nocl\r\n"
                       "Max-Forwards: 70\r\n"
                       "From: Alice <sip:alice@example.com>;tag=gen1\r\n"
                       "To: Bob <sip:bob@example.com>\r\n"
                       "Call-ID: nocl@gencap\r\n"
                       "CSeq: 1 OPTIONS\r\n\r\n";
    tcp_data(&c, &a, nocl, strlen(nocl));
    const char *m = request("OPTIONS", "TCP", 2, "unframable", 0);
    tcp_data(&c, &a, m, strlen(m));
    /* A body larger than the tool buffers for one message (256 KiB). */
    const char *big = "MESSAGE sip:bob@example.com SIP/2.0\r\n"
                      "Via: SIP/2.0/TCP alice.example.com;branch=z9hG4bK-gen-big\r\n"
                      "Max-Forwards: 70\r\n"
                      "From: Alice <sip:alice@example.com>;tag=gen1\r\n"
                      "To: Bob <sip:bob@example.com>\r\n"
                      "Call-ID: big@gencap\r\n"
                      "CSeq: 3 MESSAGE\r\n"
                      "Content-Type: text/plain\r\n"
                      "Content-Length: 300000\r\n\r\n"
                      "the first bytes of a body that is far too large\r\n";
    tcp_data(&c, &a, big, strlen(big));
    m = request("BYE", "TCP", 4, "unframable", 0);
    tcp_data(&c, &a, m, strlen(m));
    m = response(200, "OK", "BYE", "TCP", 4, "unframable");
    tcp_data(&c, &b, m, strlen(m));
    tcp_close(&c, &a, &b);
    cap_close(&c);
    row("gen_tcp_unframable.pcap", "TCP: OPTIONS without Content-Length (reported, error), OPTIONS, "
        "MESSAGE with Content-Length 300000 (reported, size error), BYE, 200", "ether", &c, 5, 4, 1,
        "tcp:5", 0, 0, 0, 0, 0, "", "OPTIONS:2,MESSAGE:1,BYE:1");
}

/* ---- SCTP (RFC 9260; I-DATA RFC 8260) ---------------------------------------------- */

/* A DATA (type 0) or I-DATA (type 64) chunk; for I-DATA, ssn_or_mid is the Message
 * Identifier and ppid_or_fsn the Fragment Sequence Number (PPID on the first). */
static void sctp_chunk(buf *out, unsigned type, unsigned flags, uint32_t tsn, unsigned sid,
                       uint32_t ssn_or_mid, uint32_t ppid_or_fsn, const char *data, size_t n)
{
    size_t h = type == 0 ? 16 : 20;
    b8(out, type);
    b8(out, flags);
    b16(out, (unsigned)(h + n));
    b32(out, tsn);
    b16(out, sid);
    if (type == 0) {
        b16(out, ssn_or_mid);
    } else {
        b16(out, 0);
        b32(out, ssn_or_mid);
    }
    b32(out, ppid_or_fsn);
    bmem(out, data, n);
    for (size_t pad = (h + n) % 4; pad && pad < 4; pad++) b8(out, 0); /* to 4 bytes */
}

/* Starts an SCTP packet (common header, no checksum: the tool does not verify it). */
static size_t sctp_start(buf *out, const endpoint *s, const endpoint *d)
{
    out->n = 0;
    link_header(out, &ETH, s->v6 ? 0x86dd : 0x0800);
    size_t ip = out->n;
    if (s->v6) ipv6_header(out, s, d, 132, 0);
    else ipv4_header(out, s, d, 132, 3, 0x4000, 0);
    b16(out, s->port);
    b16(out, d->port);
    b32(out, 0x5eed5eedu);
    b32(out, 0);
    return ip;
}

/* Fills in the IP length (and IPv4 checksum) once the chunks are in, and writes it. */
static void sctp_send(capfile *c, buf *out, size_t ip, int v6)
{
    size_t payload = out->n - ip - (v6 ? 40 : 20);
    if (v6) {
        out->b[ip + 4] = (unsigned char)(payload >> 8);
        out->b[ip + 5] = (unsigned char)payload;
    } else {
        size_t total = payload + 20;
        out->b[ip + 2] = (unsigned char)(total >> 8);
        out->b[ip + 3] = (unsigned char)total;
        out->b[ip + 10] = out->b[ip + 11] = 0;
        unsigned ck = fold(sum16(out->b + ip, 20, 0));
        out->b[ip + 10] = (unsigned char)(ck >> 8);
        out->b[ip + 11] = (unsigned char)ck;
    }
    cap_write(c, out->b, out->n);
}

static void gen_sctp(void)
{
    enum { E = 1, B = 2, U = 4 };
    static buf out;
    capfile c;
    cap_open(&c, outdir, "gen_sctp.pcap", 1);
    endpoint a = ALICE4, b = BOB4;
    /* No DATA: an INIT-like chunk only (type 1, not decoded further). */
    size_t ip = sctp_start(&out, &a, &b);
    b8(&out, 1); b8(&out, 0); b16(&out, 20);
    for (int i = 0; i < 16; i++) b8(&out, 0);
    sctp_send(&c, &out, ip, 0);
    /* 1: an INVITE in three DATA fragments (B, middle, E), one per packet. */
    const char *inv = request("INVITE", "SCTP", 1, "sctp", 600);
    size_t n = strlen(inv), third = n / 3;
    ip = sctp_start(&out, &a, &b);
    sctp_chunk(&out, 0, B, 100, 1, 0, 0, inv, third);
    sctp_send(&c, &out, ip, 0);
    ip = sctp_start(&out, &a, &b);
    sctp_chunk(&out, 0, 0, 101, 1, 0, 0, inv + third, third);
    sctp_send(&c, &out, ip, 0);
    ip = sctp_start(&out, &a, &b);
    sctp_chunk(&out, 0, E, 102, 1, 0, 0, inv + 2 * third, n - 2 * third);
    sctp_send(&c, &out, ip, 0);
    /* 2: 100 and 180 bundled in one packet, unordered flag on the 180. */
    ip = sctp_start(&out, &b, &a);
    const char *m = response(100, "Trying", "INVITE", "SCTP", 1, "sctp");
    sctp_chunk(&out, 0, B | E, 500, 1, 0, 0, m, strlen(m));
    m = response(180, "Ringing", "INVITE", "SCTP", 1, "sctp");
    sctp_chunk(&out, 0, B | E | U, 501, 1, 0, 0, m, strlen(m));
    sctp_send(&c, &out, ip, 0);
    /* 3: a 200 OK as two I-DATA fragments (MID 7, FSN 0 and 1). */
    m = response(200, "OK", "INVITE", "SCTP", 1, "sctp");
    n = strlen(m);
    ip = sctp_start(&out, &b, &a);
    sctp_chunk(&out, 64, B, 502, 1, 7, 0, m, n / 2);
    sctp_send(&c, &out, ip, 0);
    ip = sctp_start(&out, &b, &a);
    sctp_chunk(&out, 64, E, 503, 1, 7, 1, m + n / 2, n - n / 2);
    sctp_send(&c, &out, ip, 0);
    /* 4: a fragment whose message never ends (its E chunk was not captured). */
    m = request("ACK", "SCTP", 1, "sctp", 0);
    ip = sctp_start(&out, &a, &b);
    sctp_chunk(&out, 0, B, 103, 1, 1, 0, m, 40);
    sctp_send(&c, &out, ip, 0);
    /* 5: a DATA message that is not SIP. */
    ip = sctp_start(&out, &a, &b);
    sctp_chunk(&out, 0, B | E, 104, 2, 0, 0, "not a SIP message\r\n", 19);
    sctp_send(&c, &out, ip, 0);
    cap_close(&c);
    row("gen_sctp.pcap", "SCTP: no-DATA chunk; INVITE in 3 DATA fragments; 100 + 180 (unordered) "
        "bundled; 200 in 2 I-DATA fragments; a fragment never ended; a non-SIP message", "ether",
        &c, 4, 1, 3, "sctp:4", 1, 2, 0, 0, 0, "", "INVITE:1");
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s OUTDIR\n", argv[0]);
        return 2;
    }
    outdir = argv[1];
    gen_vlan();
    gen_qinq();
    gen_sll();
    gen_ipv4_frag();
    gen_ipv6_frag();
    gen_frag_timeout();
    gen_tcp_retrans_hole();
    gen_tcp_midstream();
    gen_tcp_segments();
    gen_tcp_keepalive();
    gen_tcp_unframable();
    gen_sctp();
    return fflush(stdout) == 0 ? 0 : 2;
}
