/* fuzz/fuzz_tcp.c: the capture tool's TCP reassembler (tools/sipparse/tcp_flow.c), fed
 * segments whose order, sequence numbers, cuts and flags come from the input, and what
 * it hands streams to: WebSocket (ws_flow.c, when S starts with "GET " or with bit 6 of
 * byte 0, which is --decode ws:5060), HEP3 (S starts with "HEP3"), TLS.
 *
 * Input: byte 0 = number of segments N (mod 64), bit 6 --decode ws:5060, bit 7 the copies -w
 * keeps of each segment's packet (made and freed, nothing written); then N records of 5 bytes; the rest is
 * the stream S both directions send (messages, keep-alives, garbage: the SIP corpus
 * seeds fit). A record:
 *   offset (2 bytes, big-endian, taken mod |S|+1)  where in S the segment starts
 *   length (1 byte)                                bytes of S it carries (clipped)
 *   flags  (1 byte)  bit 0 FIN, bit 1 RST, bit 2 SYN, bit 3 the reverse direction,
 *                    bit 4 ACK of the whole stream (may declare a hole)
 *   clock  (1 byte)  seconds to advance before it, times 5 (idle timeouts at 300 s)
 * Segment i is sent with sequence number ISN + 1 + offset, so repeats, overlaps, gaps
 * and reordering all happen.
 *
 * After the last segment, decode_finish flushes the flows. Then every packet handed in
 * must have been counted exactly once (carrying SIP, or under one drop reason), and
 * messages may not outnumber the bytes handed in that could hold them (a byte joins a
 * stream at most once, and each report starts at its own start line, 12 bytes at the
 * least: "A a SIP/2.0\n"; a WebSocket or HEP message has its frame or header besides). Memory errors and leaks are the sanitizers' to find. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "fuzz_common.h"
#include "../tools/sipparse/capture.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static sipparse_hdr hdrs[TOOL_MAX_HEADERS];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    /* The reports the reassembler writes are not what is checked here. */
    if (!freopen("/dev/null", "w", stdout)) abort();
    return 0;
}

/* One TCP segment (20-byte header + payload) into the reassembler, as one packet. */
static void segment(decode_ctx *c, int reverse, uint32_t seq, uint32_t ack, unsigned flags,
                    const uint8_t *p, size_t n, unsigned long frame, long long sec)
{
    static unsigned char pkt[20 + 256];
    unsigned sport = reverse ? 5060 : 40000, dport = reverse ? 40000 : 5060;
    memset(pkt, 0, 20);
    pkt[0] = (unsigned char)(sport >> 8);
    pkt[1] = (unsigned char)sport;
    pkt[2] = (unsigned char)(dport >> 8);
    pkt[3] = (unsigned char)dport;
    for (int i = 0; i < 4; i++) {
        pkt[4 + i] = (unsigned char)(seq >> (24 - 8 * i));
        pkt[8 + i] = (unsigned char)(ack >> (24 - 8 * i));
    }
    pkt[12] = 5 << 4;
    pkt[13] = (unsigned char)flags;
    memcpy(pkt + 20, p, n);
    static cap_raw raw;   /* what -w would copy: here just the TCP segment */
    memset(&raw, 0, sizeof raw);
    raw.data = pkt;
    raw.hdr.caplen = raw.hdr.len = (bpf_u_int32)(20 + n);
    raw.frame = frame;

    memset(&c->pkt, 0, sizeof c->pkt);
    c->pkt.frame = frame;
    c->pkt.ts_sec = sec;
    c->pkt.ts_digits = 6;
    c->pkt.transport = "tcp";
    c->af = 4;
    static const unsigned char a[4] = { 192, 0, 2, 10 }, b[4] = { 198, 51, 100, 20 };
    memcpy(c->saddr, reverse ? b : a, 4);
    memcpy(c->daddr, reverse ? a : b, 4);
    c->stats->packets++;
    pkt_set_endpoints(c, sport, dport);
    c->pkt.raw = &raw;
    tcp_flow_segment(c, pkt, 20 + n);
    c->pkt.raw = NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    size_t nrec = data[0] % 64;
    int ws_port = (data[0] & 64) != 0;
    if (size < 1 + 5 * nrec) return 0;
    const uint8_t *rec = data + 1;
    const uint8_t *s = data + 1 + 5 * nrec;
    size_t slen = size - 1 - 5 * nrec;

    tool_config cfg;
    memset(&cfg, 0, sizeof cfg);
    if (ws_port) {
        cfg.ws_ports[0] = 5060;
        cfg.nws_ports = 1;
    }
    tool_stats *st = calloc(1, sizeof *st);
    CHECK(st != NULL);
    decode_ctx c;
    memset(&c, 0, sizeof c);
    c.cfg = &cfg;
    c.file = "fuzz";
    c.hdrs = hdrs;
    c.hdr_cap = TOOL_MAX_HEADERS;
    c.stats = st;
    c.keep = (data[0] & 128) != 0;

    const uint32_t isn[2] = { 1000u, 0xfffffff0u }; /* the second wraps around 2^32 */
    long long sec = 1700000000;
    size_t handed = 0;
    for (size_t i = 0; i < nrec; i++, rec += 5) {
        size_t off = ((size_t)rec[0] << 8 | rec[1]) % (slen + 1);
        size_t len = rec[2];
        if (len > slen - off) len = slen - off;
        unsigned f = rec[3];
        int reverse = (f & 8) != 0;
        unsigned flags = 0x10; /* ACK */
        if (f & 1) flags |= 0x01;
        if (f & 2) flags |= 0x04;
        if (f & 4) flags |= 0x02;
        sec += (long long)rec[4] * 5;
        uint32_t base = isn[reverse];
        /* SYN takes the number before the first data byte */
        uint32_t seq = (flags & 0x02) ? base : base + 1 + (uint32_t)off;
        /* bit 4: acknowledge the whole of the other direction's stream */
        uint32_t ack = (f & 16) ? isn[!reverse] + 1 + (uint32_t)slen : isn[!reverse] + 1;
        if (flags & 0x02) len = 0;
        handed += len;
        segment(&c, reverse, seq, ack, flags, s + off, len, i + 1, sec);
    }
    decode_finish(&c);

    unsigned long dropped = 0;
    for (unsigned i = 0; i < DROP_COUNT; i++) dropped += st->drops[i];
    CHECK(st->sip_packets + dropped == st->packets);
    CHECK(st->tcp + st->ws + st->hep == st->messages);
    CHECK(st->messages * 12 <= handed);
    CHECK(c.tcp == NULL && c.frags == NULL && c.sctp == NULL);
    free(st);
    return 0;
}
