/* tests/tools/test_hep.c: the HEP decoder on hand-built packets: HEP3 with every chunk
 * type (IPv4 and IPv6, vendor and unknown chunks), HEP1 and HEP2, every truncation,
 * lying lengths, compressed payloads (and a bomb), and a TCP stream split into packets. */
#include <stdlib.h>
#include <string.h>
#include <zlib.h>
#include "tt.h"
#include "../../tools/sipparse/hep.h"

static const char SIP[] = "INVITE sip:bob@example.com SIP/2.0\r\nCall-ID: x\r\n\r\n";

typedef struct pkt { unsigned char b[70000]; size_t n; } pkt;

static void chunk(pkt *p, unsigned vendor, unsigned type, const void *d, size_t dl)
{
    unsigned char *o = p->b + p->n;
    o[0] = (unsigned char)(vendor >> 8); o[1] = (unsigned char)vendor;
    o[2] = (unsigned char)(type >> 8); o[3] = (unsigned char)type;
    o[4] = (unsigned char)((dl + 6) >> 8); o[5] = (unsigned char)(dl + 6);
    memcpy(o + 6, d, dl);
    p->n += dl + 6;
}

static void u8c(pkt *p, unsigned type, unsigned v) { unsigned char b = (unsigned char)v; chunk(p, 0, type, &b, 1); }
static void u16c(pkt *p, unsigned type, unsigned v)
{
    unsigned char b[2] = { (unsigned char)(v >> 8), (unsigned char)v };
    chunk(p, 0, type, b, 2);
}
static void u32c(pkt *p, unsigned type, uint32_t v)
{
    unsigned char b[4] = { (unsigned char)(v >> 24), (unsigned char)(v >> 16), (unsigned char)(v >> 8), (unsigned char)v };
    chunk(p, 0, type, b, 4);
}
static void begin(pkt *p) { memcpy(p->b, "HEP3\0\0", 6); p->n = 6; }
static void end(pkt *p) { p->b[4] = (unsigned char)(p->n >> 8); p->b[5] = (unsigned char)p->n; }

/* A HEP3 packet with every chunk type this decoder knows, and two it does not. */
static void full_v3(pkt *p, int v6, const void *payload, size_t plen, unsigned ptype)
{
    static const unsigned char a4[4] = { 10, 0, 0, 1 }, b4[4] = { 10, 0, 0, 2 };
    static const unsigned char a6[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 1 }, b6[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 2 };
    begin(p);
    u8c(p, HEP_CH_FAMILY, v6 ? 10 : 2);
    u8c(p, HEP_CH_IP_PROTO, 17);
    if (v6) { chunk(p, 0, HEP_CH_SRC6, a6, 16); chunk(p, 0, HEP_CH_DST6, b6, 16); }
    else { chunk(p, 0, HEP_CH_SRC4, a4, 4); chunk(p, 0, HEP_CH_DST4, b4, 4); }
    u16c(p, HEP_CH_SPORT, 5060);
    u16c(p, HEP_CH_DPORT, 5080);
    u32c(p, HEP_CH_TS_SEC, 1700000000u);
    u32c(p, HEP_CH_TS_USEC, 123456u);
    u8c(p, HEP_CH_PROTO_TYPE, ptype);
    u32c(p, HEP_CH_CAPTURE_ID, 2001);
    chunk(p, 0, HEP_CH_AUTH, "myHep", 5);
    chunk(p, 0x0012, 0x0001, "vendor", 6);     /* a vendor's own chunk */
    u16c(p, 13, 60);                           /* keep-alive timer: not read */
    chunk(p, 0, HEP_CH_CORRELATION, "call-1@host", 11);
    chunk(p, 0, HEP_CH_PAYLOAD, payload, plen);
    end(p);
}

static hep_err decode(const pkt *p, size_t n, hep_packet *out, size_t *off)
{
    unsigned char *c = tt_copy(p->b, n);
    hep_err e = hep_decode(c, n, out, off);
    /* pointers into the copy are dead after this: keep only offsets */
    if (out->payload) out->payload = p->b + (out->payload - c);
    if (out->auth) out->auth = p->b + (out->auth - c);
    if (out->correlation) out->correlation = p->b + (out->correlation - c);
    free(c);
    return e;
}

static void test_v3_fields(void)
{
    for (int v6 = 0; v6 < 2; v6++) {
        tt_case = v6 ? "HEP3 every chunk, IPv6" : "HEP3 every chunk, IPv4";
        static pkt p;
        full_v3(&p, v6, SIP, strlen(SIP), HEP_PROTO_SIP);
        hep_packet h;
        size_t off = 99;
        EXPECT(hep_detect(p.b, p.n) == 3, "detected");
        EXPECT(decode(&p, p.n, &h, &off) == HEP_E_OK, "decodes");
        EXPECT(h.version == 3 && h.length == p.n, "version and length");
        EXPECT(h.family == (v6 ? 6 : 4) && h.ip_proto == 17, "family %d proto %u", h.family, h.ip_proto);
        EXPECT(h.have_src && h.have_dst && h.src[v6 ? 15 : 3] == 1 && h.dst[v6 ? 15 : 3] == 2, "addresses");
        EXPECT(h.have_ports && h.sport == 5060 && h.dport == 5080, "ports");
        EXPECT(h.have_ts && h.ts_sec == 1700000000u && h.ts_usec == 123456u, "time stamp");
        EXPECT(h.have_proto_type && h.proto_type == HEP_PROTO_SIP, "SIP");
        EXPECT(h.have_capture_id && h.capture_id == 2001, "capture id");
        EXPECT(h.auth_len == 5 && memcmp(h.auth, "myHep", 5) == 0, "auth key");
        EXPECT(h.correlation_len == 11 && memcmp(h.correlation, "call-1@host", 11) == 0, "correlation id");
        EXPECT(h.payload_len == strlen(SIP) && memcmp(h.payload, SIP, h.payload_len) == 0 && !h.compressed, "payload");
        EXPECT(h.vendor_chunks == 1 && h.unknown_chunks == 1 && h.chunks == 15, "chunk counts %u/%u/%u",
               h.vendor_chunks, h.unknown_chunks, h.chunks);
    }
}

/* Every proper prefix is refused without a read past it; the error offset is inside. */
static void test_v3_truncated(void)
{
    tt_case = "HEP3 truncated at every length";
    static pkt p;
    full_v3(&p, 0, SIP, strlen(SIP), 1);
    size_t bad = 0;
    for (size_t n = 0; n < p.n; n++) {
        hep_packet h;
        size_t off = 0;
        hep_err e = decode(&p, n, &h, &off);
        if (e == HEP_E_OK || off > n) bad++;
    }
    EXPECT(bad == 0, "%zu prefixes accepted or erred outside", bad);

    tt_case = "HEP3 with bytes after it (TCP)";
    static pkt q;
    memcpy(q.b, p.b, p.n);
    memcpy(q.b + p.n, p.b, p.n);
    hep_packet h;
    EXPECT(decode(&q, 2 * p.n, &h, NULL) == HEP_E_OK && h.length == p.n, "ends at its total length");
}

/* A mutation of the full packet and the error (and offset) it must give. */
static void lie(const char *name, void (*mut)(pkt *p), hep_err want, long want_off)
{
    tt_case = name;
    static pkt p;
    full_v3(&p, 0, SIP, strlen(SIP), 1);
    mut(&p);
    hep_packet h;
    size_t off = 0;
    hep_err e = decode(&p, p.n, &h, &off);
    EXPECT(e == want, "got '%s', want '%s'", hep_strerror(e), hep_strerror(want));
    if (want_off >= 0) EXPECT(off == (size_t)want_off, "offset %zu, want %ld", off, want_off);
}

/* The first chunk starts at 6: family, 7 bytes; then protocol at 13; src at 20. */
static void m_total_big(pkt *p) { p->b[4] = 0xff; p->b[5] = 0xff; }
static void m_total_small(pkt *p) { p->b[4] = 0; p->b[5] = 5; }
static void m_chunk_zero(pkt *p) { p->b[6 + 5] = 0; }
static void m_chunk_five(pkt *p) { p->b[13 + 5] = 5; }
static void m_chunk_past(pkt *p) { p->b[13 + 4] = 0x7f; }
static void m_src_size(pkt *p) { p->b[20 + 5] = 9; }
static void m_family(pkt *p) { p->b[6 + 6] = 7; }
static void m_family_mismatch(pkt *p) { p->b[6 + 6] = 10; }
static void m_no_payload(pkt *p) { p->b[p->n - strlen(SIP) - 6 + 3] = 99; }
static void m_two_payloads(pkt *p) { chunk(p, 0, HEP_CH_COMPRESSED, "x", 1); end(p); }
static void m_tail(pkt *p) { p->b[p->n++] = 0; p->b[p->n++] = 0; end(p); }

static void test_v3_lies(void)
{
    lie("total length past the packet", m_total_big, HEP_E_TOTAL_LENGTH, 4);
    lie("total length below the header", m_total_small, HEP_E_TOTAL_LENGTH, 4);
    lie("chunk length 0", m_chunk_zero, HEP_E_CHUNK_LENGTH, 10);
    lie("chunk length 5", m_chunk_five, HEP_E_CHUNK_LENGTH, 17);
    lie("chunk length past the end", m_chunk_past, HEP_E_CHUNK_LENGTH, 17);
    lie("IPv4 chunk of 3 bytes", m_src_size, HEP_E_CHUNK_SIZE, 20);
    lie("family 7", m_family, HEP_E_FAMILY, 12);
    lie("family IPv6 with IPv4 addresses", m_family_mismatch, HEP_E_FAMILY, -1);
    lie("no payload chunk", m_no_payload, HEP_E_NO_PAYLOAD, -1);
    lie("payload and compressed payload", m_two_payloads, HEP_E_TWO_PAYLOADS, -1);
    lie("2 stray bytes at the end", m_tail, HEP_E_CHUNK_HEADER, -1);
}

static void test_v12(void)
{
    for (int v = 1; v <= 2; v++) {
        for (int v6 = 0; v6 < 2; v6++) {
            tt_case = v == 1 ? (v6 ? "HEP1 IPv6" : "HEP1 IPv4") : (v6 ? "HEP2 IPv6" : "HEP2 IPv4");
            static pkt p;
            size_t al = v6 ? 16 : 4, hl = 8 + 2 * al;
            memset(p.b, 0, sizeof p.b);
            p.b[0] = (unsigned char)v; p.b[1] = (unsigned char)hl; p.b[2] = v6 ? 10 : 2; p.b[3] = 17;
            p.b[4] = 0x13; p.b[5] = 0xc4; p.b[6] = 0x13; p.b[7] = 0xc5;
            p.b[8] = 0xaa; p.b[8 + al] = 0xbb;
            p.n = hl;
            if (v == 2) {
                /* little-endian, as the agents write host-order fields on x86 */
                static const unsigned char t[12] = { 0x00, 0xf1, 0x53, 0x65, 0x40, 0xe2, 0x01, 0x00, 0xd1, 0x07, 0, 0 };
                memcpy(p.b + p.n, t, 12);
                p.n += 12;
            }
            memcpy(p.b + p.n, SIP, strlen(SIP));
            p.n += strlen(SIP);
            hep_packet h;
            EXPECT(hep_detect(p.b, p.n) == v, "detected as %d", v);
            EXPECT(decode(&p, p.n, &h, NULL) == HEP_E_OK, "decodes");
            EXPECT(h.version == v && h.family == (v6 ? 6 : 4) && h.ip_proto == 17, "header");
            EXPECT(h.sport == 5060 && h.dport == 5061 && h.src[0] == 0xaa && h.dst[0] == 0xbb, "ports, addresses");
            EXPECT(h.payload_len == strlen(SIP) && memcmp(h.payload, SIP, h.payload_len) == 0, "payload");
            if (v == 2) EXPECT(h.have_ts && h.ts_sec == 0x6553f100u && h.ts_usec == 123456u && h.capture_id == 2001,
                               "time %u.%u id %u", h.ts_sec, h.ts_usec, h.capture_id);
            else EXPECT(!h.have_ts, "no time in v1");
            size_t bad = 0;
            for (size_t n = 0; n < p.n - strlen(SIP); n++) {
                size_t off = 0;
                if (decode(&p, n, &h, &off) == HEP_E_OK || off > n) bad++;
            }
            EXPECT(bad == 0, "%zu truncated headers accepted", bad);
        }
    }
    tt_case = "not HEP";
    EXPECT(hep_detect((const unsigned char *)SIP, strlen(SIP)) == 0, "SIP is not HEP");
    const unsigned char lie16[] = { 2, 16, 10, 17, 0, 0, 0, 0 };
    EXPECT(hep_detect(lie16, sizeof lie16) == 0, "length 16 with the IPv6 family");
}

static void test_compressed(void)
{
    tt_case = "compressed payload";
    unsigned char comp[512], out[1024];
    uLongf cl = sizeof comp;
    EXPECT(compress2(comp, &cl, (const Bytef *)SIP, strlen(SIP), 9) == Z_OK, "zlib compress");
    static pkt p;
    begin(&p);
    u8c(&p, HEP_CH_PROTO_TYPE, 1);
    chunk(&p, 0, HEP_CH_COMPRESSED, comp, cl);
    end(&p);
    hep_packet h;
    EXPECT(decode(&p, p.n, &h, NULL) == HEP_E_OK && h.compressed && h.payload_len == cl, "decodes");
    size_t ol = 0;
    EXPECT(hep_inflate(&h, out, sizeof out, &ol) == HEP_E_OK && ol == strlen(SIP) &&
           memcmp(out, SIP, ol) == 0, "inflates to the SIP");
    EXPECT(hep_inflate(&h, out, strlen(SIP), &ol) == HEP_E_OK && ol == strlen(SIP), "an exact fit is fine");
    EXPECT(hep_inflate(&h, out, strlen(SIP) - 1, &ol) == HEP_E_INFLATE_CAP, "one byte short is over the cap");
    p.b[(size_t)(h.payload - p.b) + h.payload_len / 2] ^= 0x55;
    EXPECT(hep_inflate(&h, out, sizeof out, &ol) == HEP_E_INFLATE, "damaged stream");

    tt_case = "compressed payload bomb";
    size_t zn = 10u << 20;
    unsigned char *zeros = calloc(1, zn), *big = malloc(65536);
    uLongf bl = 65536;
    EXPECT(compress2(big, &bl, zeros, zn, 9) == Z_OK && bl < 60000, "10 MB to %lu bytes", (unsigned long)bl);
    begin(&p);
    chunk(&p, 0, HEP_CH_COMPRESSED, big, bl);
    end(&p);
    EXPECT(decode(&p, p.n, &h, NULL) == HEP_E_OK, "decodes");
    EXPECT(hep_inflate(&h, out, sizeof out, &ol) == HEP_E_INFLATE_CAP, "refused at 1 kB");
    free(zeros);
    free(big);
}

static void test_stream(void)
{
    tt_case = "HEP3 stream split";
    static pkt a, b, s;
    full_v3(&a, 0, SIP, strlen(SIP), 1);
    full_v3(&b, 1, "x", 1, 5);
    s.n = 0;
    for (int i = 0; i < 3; i++) {
        const pkt *q = i == 1 ? &b : &a;
        memcpy(s.b + s.n, q->b, q->n);
        s.n += q->n;
    }
    size_t at = 0, count = 0, need = 0;
    while (at < s.n && hep_next_len(s.b + at, s.n - at, &need) == HEP_E_OK && need <= s.n - at) {
        hep_packet h;
        if (hep_decode(s.b + at, need, &h, NULL) == HEP_E_OK) count++;
        at += need;
    }
    EXPECT(count == 3 && at == s.n, "3 packets, %zu found, %zu of %zu bytes", count, at, s.n);
    EXPECT(hep_next_len(s.b, 3, &need) == HEP_E_AGAIN, "3 bytes: wait");
    EXPECT(hep_next_len(s.b, 5, &need) == HEP_E_AGAIN, "5 bytes: wait");
    EXPECT(hep_next_len((const unsigned char *)"HEX3\0\x10", 6, &need) == HEP_E_NOT_HEP, "bad magic");
    EXPECT(hep_next_len((const unsigned char *)"HEP3\0\x02", 6, &need) == HEP_E_TOTAL_LENGTH, "length 2");
    EXPECT(hep_next_len(s.b, 6, &need) == HEP_E_OK && need == a.n, "the need before the bytes are in");
}

void test_hep(void)
{
    test_v3_fields();
    test_v3_truncated();
    test_v3_lies();
    test_v12();
    test_compressed();
    test_stream();
}
