/* bench/capture/gen_capture.c: writes a large capture for the capture benchmark.
 *
 *   gen_capture OUT.pcap COUNT MESSAGE...
 *
 * COUNT SIP messages, the given message files in turn: even ones as UDP datagrams
 * (one per packet), odd ones on one TCP connection (opened with a handshake, cut into
 * segments of at most 1448 bytes, so large messages span segments). Ethernet/IPv4,
 * microsecond pcap, 100 µs apart, fixed addresses: the same bytes every run. Each
 * message gets its own Call-ID suffix so filters and per-call tools see many calls. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MSS 1448u
#define MAX_MSG 65536u

static FILE *out;
static uint32_t ts_sec = 1767225600u, ts_usec;   /* 2026-01-01T00:00:00Z */

static void put32(unsigned char *p, uint32_t v) { p[0] = v >> 24; p[1] = v >> 16; p[2] = v >> 8; p[3] = v; }
static void put16(unsigned char *p, unsigned v) { p[0] = (unsigned char)(v >> 8); p[1] = (unsigned char)v; }

static void le32(FILE *f, uint32_t v)
{
    unsigned char b[4] = { v, v >> 8, v >> 16, v >> 24 };
    fwrite(b, 1, 4, f);
}

static void record(const unsigned char *pkt, size_t n)
{
    le32(out, ts_sec);
    le32(out, ts_usec);
    le32(out, (uint32_t)n);
    le32(out, (uint32_t)n);
    fwrite(pkt, 1, n, out);
    if ((ts_usec += 100) >= 1000000) {
        ts_usec -= 1000000;
        ts_sec++;
    }
}

/* Ethernet + IPv4 header for a payload of n bytes after the IP header. */
static size_t ip_head(unsigned char *p, unsigned proto, size_t n, int reverse)
{
    static const unsigned char a[4] = { 192, 0, 2, 10 }, b[4] = { 192, 0, 2, 20 };
    memset(p, 0, 34);
    memcpy(p, "\x02\x00\x00\x00\x00\x02\x02\x00\x00\x00\x00\x01\x08\x00", 14);
    p[14] = 0x45;
    put16(p + 16, (unsigned)(20 + n));
    p[22] = 64;
    p[23] = (unsigned char)proto;
    memcpy(p + 26, reverse ? b : a, 4);
    memcpy(p + 30, reverse ? a : b, 4);
    return 34;
}

static void udp_packet(const char *msg, size_t n)
{
    static unsigned char pkt[34 + 8 + MAX_MSG];
    size_t h = ip_head(pkt, 17, 8 + n, 0);
    put16(pkt + h, 5060);
    put16(pkt + h + 2, 5060);
    put16(pkt + h + 4, (unsigned)(8 + n));
    put16(pkt + h + 6, 0);
    memcpy(pkt + h + 8, msg, n);
    record(pkt, h + 8 + n);
}

static uint32_t seq_c = 1000, seq_s = 5000;

static void tcp_packet(int reverse, unsigned flags, const char *data, size_t n)
{
    static unsigned char pkt[34 + 20 + MSS];
    size_t h = ip_head(pkt, 6, 20 + n, reverse);
    unsigned char *t = pkt + h;
    memset(t, 0, 20);
    put16(t, reverse ? 5060 : 40000);
    put16(t + 2, reverse ? 40000 : 5060);
    put32(t + 4, reverse ? seq_s : seq_c);
    put32(t + 8, reverse ? seq_c : seq_s);
    t[12] = 5 << 4;
    t[13] = (unsigned char)flags;
    put16(t + 14, 65535);
    memcpy(t + 20, data, n);
    record(pkt, h + 20 + n);
    uint32_t adv = (uint32_t)n + ((flags & 0x03) ? 1u : 0u);   /* SYN and FIN take one */
    if (reverse) seq_s += adv; else seq_c += adv;
}

/* The message with ";n=<i>" after its Call-ID value (a new line end shifts nothing else:
 * the Call-ID line is in the headers, Content-Length counts the body only). */
static size_t variant(const char *msg, size_t n, unsigned long i, char *outbuf)
{
    const char *c = NULL;
    for (const char *p = msg; p + 9 < msg + n; p++)
        if ((p == msg || p[-1] == '\n') && (strncmp(p, "Call-ID:", 8) == 0 || strncmp(p, "i:", 2) == 0)) {
            c = memchr(p, '\r', (size_t)(msg + n - p));
            break;
        }
    if (!c)
        c = msg;
    size_t head = (size_t)(c - msg);
    int k = c == msg ? 0 : snprintf(outbuf + head, 32, "-%lu", i);
    memcpy(outbuf, msg, head);
    memcpy(outbuf + head + (size_t)k, c, n - head);
    return n + (size_t)k;
}

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: gen_capture OUT.pcap COUNT MESSAGE...\n");
        return 2;
    }
    unsigned long count = strtoul(argv[2], NULL, 10);
    int nmsg = argc - 3;
    char **msgs = calloc((size_t)nmsg, sizeof *msgs);
    size_t *lens = calloc((size_t)nmsg, sizeof *lens);
    for (int i = 0; i < nmsg; i++) {
        FILE *f = fopen(argv[3 + i], "rb");
        if (!f) { perror(argv[3 + i]); return 2; }
        msgs[i] = malloc(MAX_MSG);
        lens[i] = fread(msgs[i], 1, MAX_MSG - 64, f);
        fclose(f);
    }
    if (!(out = fopen(argv[1], "wb"))) { perror(argv[1]); return 2; }
    le32(out, 0xa1b2c3d4u);
    fputc(2, out); fputc(0, out); fputc(4, out); fputc(0, out);   /* version 2.4 */
    le32(out, 0);
    le32(out, 0);
    le32(out, 65535);
    le32(out, 1);                                                   /* Ethernet */
    tcp_packet(0, 0x02, NULL, 0);                                   /* SYN */
    tcp_packet(1, 0x12, NULL, 0);                                   /* SYN-ACK */
    tcp_packet(0, 0x10, NULL, 0);                                   /* ACK */
    static char buf[MAX_MSG];
    for (unsigned long i = 0; i < count; i++) {
        size_t n = variant(msgs[i % (unsigned long)nmsg], lens[i % (unsigned long)nmsg], i, buf);
        if (i % 2 == 0) {
            udp_packet(buf, n);
            continue;
        }
        for (size_t off = 0; off < n; off += MSS)
            tcp_packet(0, 0x18, buf + off, n - off < MSS ? n - off : MSS);
    }
    tcp_packet(0, 0x11, NULL, 0);                                   /* FIN */
    if (fclose(out) != 0) { perror(argv[1]); return 2; }
    return 0;
}
