/* tools/sipparse/sctp.c: SCTP (RFC 9260) DATA chunks and I-DATA chunks (RFC 8260), each
 * complete user message one SIP message (RFC 4168 §5: SIP over SCTP keeps message
 * boundaries, so no Content-Length framing is needed).
 *
 * A packet may bundle several chunks; every DATA or I-DATA chunk is read. A user message
 * split into fragments (B flag on the first, E on the last, RFC 9260 §3.3.1) is put
 * back together per association direction and stream: DATA fragments must come with
 * consecutive TSNs, I-DATA fragments with the same Message Identifier and consecutive
 * Fragment Sequence Numbers; a fragment that does not continue the message held ends it
 * (counted "user message incomplete"). At most SCTP_MAX_PARTIAL messages are held at a
 * time, each up to SCTP_MAX_MESSAGE bytes; past either, the oldest (or the too large
 * one) is dropped and counted. The checksum is not verified (captures of offloaded
 * traffic carry none). Retransmitted DATA chunks are not recognised: a user message
 * sent twice is reported twice.
 *
 * A packet is counted once: as carrying SIP when one of its chunks completed a SIP
 * message, as held while a fragment of it waits in a message (then with that message),
 * else as not SIP, as an incomplete message's, or as having no DATA at all. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "tool.h"

#define SCTP_MAX_PARTIAL 256u
#define SCTP_MAX_MESSAGE (256u << 10)

enum { CH_DATA = 0, CH_IDATA = 64 };
enum { F_END = 1, F_BEGIN = 2, F_UNORDERED = 4 };

typedef struct sctp_msg {
    struct sctp_msg *next;          /* oldest first */
    int af;
    unsigned char src[16], dst[16];
    unsigned sport, dport, stream, unordered;
    int idata;
    unsigned long mid;              /* I-DATA's Message Identifier */
    uint32_t next_seq;              /* TSN (DATA) or FSN (I-DATA) the next fragment has */
    unsigned char *buf;
    size_t len, cap;
    unsigned long packets;          /* packets held, counted when the message ends */
} sctp_msg;

struct sctp_table {
    sctp_msg *head;
    unsigned n;
};

/* What one packet's chunks did, to count it once. */
typedef struct chunk_fate {
    int sip;            /* a SIP message was completed */
    struct sctp_msg *held;  /* a message still waiting that holds a fragment of it */
    int data;           /* there was a DATA or I-DATA chunk */
    int incomplete;     /* a fragment that fit no message */
    int not_sip;        /* a complete message that is not SIP */
} chunk_fate;

static unsigned long this_weight(const decode_ctx *c)
{
    return c->stats->weight ? c->stats->weight : 1;
}

static void drop_msg(decode_ctx *c, sctp_msg *m, drop_reason why, chunk_fate *fate)
{
    if (fate && fate->held == m) fate->held = NULL;
    sctp_msg **link = &c->sctp->head;
    while (*link != m) link = &(*link)->next;
    *link = m->next;
    c->sctp->n--;
    stats_drop_n(c->stats, why, m->packets);
    free(m->buf);
    free(m);
}

static sctp_msg *find(decode_ctx *c, unsigned sp, unsigned dp, unsigned stream,
                      unsigned unordered, int idata, unsigned long mid)
{
    size_t alen = c->af == 6 ? 16 : 4;
    for (sctp_msg *m = c->sctp->head; m; m = m->next)
        if (m->af == c->af && m->sport == sp && m->dport == dp && m->stream == stream &&
            m->unordered == unordered && m->idata == idata && (!idata || m->mid == mid) &&
            memcmp(m->src, c->saddr, alen) == 0 && memcmp(m->dst, c->daddr, alen) == 0)
            return m;
    return NULL;
}

static int append(sctp_msg *m, const unsigned char *p, size_t n)
{
    if (m->len + n > SCTP_MAX_MESSAGE) return -1;
    /* A fragment without user data (RFC 9260 §6.2 forbids it; it still keeps the
     * sequence): nothing to copy, and no buffer yet when it is the first. */
    if (n == 0) return 0;
    if (m->len + n > m->cap) {
        size_t ncap = m->cap ? m->cap : 2048;
        while (ncap < m->len + n) ncap *= 2;
        unsigned char *b = realloc(m->buf, ncap);
        if (!b) return -1;
        m->buf = b;
        m->cap = ncap;
    }
    memcpy(m->buf + m->len, p, n);
    m->len += n;
    return 0;
}

/* A complete user message: SIP by content, as a UDP datagram would be. held: the
 * packets of its earlier fragments, counted with it. */
static void deliver(decode_ctx *c, const unsigned char *p, size_t n, unsigned long held,
                    chunk_fate *fate)
{
    size_t k = 0;
    while (k < n && (p[k] == '\r' || p[k] == '\n')) k++;
    if (k == n || sip_start_line(p + k, n - k) != 1) {
        stats_drop_n(c->stats, DROP_NOT_SIP, held);
        fate->not_sip = 1;
        return;
    }
    stats_sip_n(c->stats, held);
    fate->sip = 1;
    int s = process_datagram(c, (const char *)p, n);
    if (s > c->status) c->status = s;
}

/* One DATA / I-DATA chunk's user data, with its flags and sequencing. */
static void data_chunk(decode_ctx *c, unsigned sp, unsigned dp, int idata, unsigned flags,
                       unsigned stream, unsigned long mid, uint32_t seq,
                       const unsigned char *p, size_t n, chunk_fate *fate)
{
    unsigned unordered = (flags & F_UNORDERED) != 0;
    if ((flags & (F_BEGIN | F_END)) == (F_BEGIN | F_END)) {
        deliver(c, p, n, 0, fate);
        return;
    }
    sctp_msg *m = find(c, sp, dp, stream, unordered, idata, mid);
    if (flags & F_BEGIN) {
        if (m) drop_msg(c, m, DROP_SCTP_INCOMPLETE, fate); /* its end never came */
        while (c->sctp->n >= SCTP_MAX_PARTIAL && c->sctp->head)
            drop_msg(c, c->sctp->head, DROP_SCTP_INCOMPLETE, fate);
        m = calloc(1, sizeof *m);
        if (!m) { fate->incomplete = 1; return; }
        m->af = c->af;
        memcpy(m->src, c->saddr, 16);
        memcpy(m->dst, c->daddr, 16);
        m->sport = sp;
        m->dport = dp;
        m->stream = stream;
        m->unordered = unordered;
        m->idata = idata;
        m->mid = mid;
        sctp_msg **link = &c->sctp->head;
        while (*link) link = &(*link)->next;
        *link = m;
        c->sctp->n++;
    } else if (!m || m->next_seq != seq) {
        if (m) drop_msg(c, m, DROP_SCTP_INCOMPLETE, fate);
        fate->incomplete = 1;
        return;
    }
    if (append(m, p, n) != 0) {
        drop_msg(c, m, DROP_SCTP_INCOMPLETE, fate);
        fate->incomplete = 1;
        return;
    }
    m->next_seq = seq + 1;
    fate->held = m;
    if (flags & F_END) {
        fate->held = NULL;
        sctp_msg **link = &c->sctp->head;
        while (*link != m) link = &(*link)->next;
        *link = m->next;
        c->sctp->n--;
        deliver(c, m->buf, m->len, m->packets, fate);
        free(m->buf);
        free(m);
    }
}

void sctp_decode(decode_ctx *c, const unsigned char *p, size_t n)
{
    if (pkt_push(c, "sctp") != 0) { stats_drop(c->stats, DROP_TUNNEL); return; }
    if (n < 12) { stats_drop(c->stats, DROP_TRUNCATED); return; }
    if (!c->sctp && !(c->sctp = calloc(1, sizeof *c->sctp))) {
        stats_drop(c->stats, DROP_SCTP_INCOMPLETE);
        return;
    }
    unsigned sp = get16(p), dp = get16(p + 2);
    c->pkt.transport = "sctp";
    pkt_set_endpoints(c, sp, dp);
    chunk_fate fate;
    memset(&fate, 0, sizeof fate);
    int bad = 0;
    size_t q = 12;
    while (q + 4 <= n) {
        unsigned type = p[q], flags = p[q + 1];
        size_t len = get16(p + q + 2);
        if (len < 4 || len > n - q) { bad = 1; break; }
        if (type == CH_DATA || type == CH_IDATA) {
            size_t h = type == CH_DATA ? 16 : 20;
            if (len < h) { bad = 1; break; }
            fate.data = 1;
            uint32_t tsn = (uint32_t)get32(p + q + 4);
            unsigned stream = get16(p + q + 8);
            if (type == CH_DATA) {
                data_chunk(c, sp, dp, 0, flags, stream, 0, tsn, p + q + h, len - h, &fate);
            } else {
                /* The first fragment carries a PPID where the others carry their FSN. */
                uint32_t fsn = flags & F_BEGIN ? 0 : (uint32_t)get32(p + q + 16);
                data_chunk(c, sp, dp, 1, flags, stream, get32(p + q + 12), fsn, p + q + h,
                           len - h, &fate);
            }
        }
        q += (len + 3) & ~(size_t)3;
    }
    /* The packet itself: a packet whose only use is a fragment still held is counted
     * with that message, when it ends. */
    if (fate.sip) stats_sip(c->stats);
    else if (fate.held) fate.held->packets += this_weight(c);
    else if (fate.incomplete) stats_drop(c->stats, DROP_SCTP_INCOMPLETE);
    else if (fate.not_sip) stats_drop(c->stats, DROP_NOT_SIP);
    else if (bad) stats_drop(c->stats, DROP_MALFORMED);
    else stats_drop(c->stats, DROP_SCTP_NO_DATA);
}

void sctp_finish(decode_ctx *c)
{
    if (!c->sctp) return;
    while (c->sctp->head) drop_msg(c, c->sctp->head, DROP_SCTP_INCOMPLETE, NULL);
    free(c->sctp);
    c->sctp = NULL;
}
