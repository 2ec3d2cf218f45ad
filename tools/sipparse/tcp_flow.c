/* tools/sipparse/tcp_flow.c: TCP streams (RFC 9293) put back in sequence order, one per
 * direction (source address and port -> destination address and port), and cut into
 * SIP messages by the library's sipparse_frame (Content-Length framing, RFC 3261 §18.3).
 *
 * A flow's bytes are used in sequence order:
 *   - a segment whose bytes were all seen already (a retransmission) is counted and
 *     ignored; overlaps keep the first copy of every byte (later copies are not
 *     compared: the bytes may already be gone into a message);
 *   - a segment ahead of the next expected byte waits in an out-of-order list (at most
 *     TCP_MAX_OOO_BYTES / TCP_MAX_OOO_SEGS per flow). When that list is full, or the
 *     connection ends, or the capture does, the missing bytes are a hole: counted (the
 *     message they were in is lost), and the stream hunts for the next start line;
 *   - a flow seen first without its SYN (the capture began mid-stream), after a hole,
 *     and after bytes that could not be framed is hunted too: bytes are skipped up to
 *     a line that is a SIP request line or status line (sip_start_line, transport.c).
 *     A stream where none is found (HTTP on port 5060, say) stays "not SIP";
 *   - CRLF keep-alives (RFC 5626 §3.5.1) between messages are counted as such.
 * A message is reported when its last byte arrives, with the frame number and time of
 * the packet that carried that byte (and the frame of the one that carried its first).
 * With -w, each record keeps a copy of its packets until its bytes are used, so that a
 * selected message is written with every segment it came in.
 *
 * Packets are counted when their last byte has been used: as carrying SIP when any of
 * their bytes went into a reported message, else under the reason their bytes were
 * skipped for. Segments with no payload, and retransmissions, are counted at once.
 *
 * What a stream carries is decided by its first bytes (choose_mode): an HTTP Upgrade
 * request ("GET ") makes the connection a WebSocket one (ws_flow.c; both directions
 * share it), "HEP3" a stream of HEP packets (hep_input.c), a TLS record an encrypted
 * stream nothing can be read from (counted as such); --decode ws:PORT starts streams
 * to or from PORT as WebSocket frames. Anything else is SIP/TCP, hunted as above. A
 * WebSocket or HEP stream has no marker to find the next frame after a hole: the rest
 * of that direction is counted.
 *
 * Limits, on capture time and memory: at most TCP_MAX_FLOWS flows and TCP_MAX_BYTES
 * buffered bytes in all (past either, the least recently active flow is evicted and
 * what it held counted); a message may be TCP_MAX_MESSAGE bytes (a larger one is
 * reported with a size error, then skipped); a flow idle for TCP_IDLE_S seconds ends. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "hep.h"
#include "tool.h"
#include "ws_flow.h"

#define TCP_MAX_FLOWS 4096u
#define TCP_HASH_BUCKETS 4096u
#define TCP_MAX_BYTES (64u << 20)
#define TCP_MAX_MESSAGE (256u << 10)
#define TCP_MAX_OOO_BYTES (256u << 10)
#define TCP_MAX_OOO_SEGS 256u
#define TCP_MAX_RECS 4096u        /* packet records per flow; beyond, the last absorbs more */
#define TCP_IDLE_S 300.0
#define TCP_MAX_WS 256u           /* WebSocket connections decoded at once */
#define HEP_MAX_PACKET 65535u     /* HEP3's length field is 16 bits */

enum { TH_FIN = 0x01, TH_SYN = 0x02, TH_RST = 0x04, TH_ACK = 0x10 };
enum { HUNT = 0, SYNCED };
/* What the stream carries; MODE_NEW until its first bytes say. */
enum { MODE_NEW = 0, MODE_SIP, MODE_WS, MODE_HEP, MODE_SKIP };

/* The packet a byte came in: what a message is reported with. */
typedef struct stamp {
    unsigned long frame;
    long long sec;
    unsigned long nsec;
} stamp;

/* A packet (or several, merged) whose bytes are in the flow's buffer, not all used. */
typedef struct seg_rec {
    uint64_t end;              /* stream offset just past its last byte */
    unsigned long packets;
    stamp at;
    int sip;                   /* some byte of it went into a reported message */
    struct kept_packet *kept;  /* -w: copies of its packets */
} seg_rec;

typedef struct ooo_seg {
    struct ooo_seg *next;      /* sorted by offset, never overlapping */
    uint64_t off;
    size_t len;
    unsigned long packets;
    stamp at;
    struct kept_packet *kept;  /* -w: copies of its packets */
    unsigned char data[];
} ooo_seg;

typedef struct tcp_flow {
    struct tcp_flow *hnext;                /* hash chain */
    struct tcp_flow *older, *newer;        /* activity order */
    int af;
    unsigned char src[16], dst[16];
    unsigned sport, dport;
    int closed;                            /* FIN or RST went by: only late copies follow */
    int from_syn;                          /* the stream's start was seen ... */
    uint32_t syn_next;                     /* ... and its first data byte's number */
    int have_fin;
    uint64_t fin_off;
    uint32_t next_seq;                     /* the next byte expected ... */
    uint64_t next_off;                     /* ... and its stream offset */
    unsigned char *buf;                    /* in-order bytes not used: buf[start..len) */
    size_t start, len, cap;
    uint64_t head;                         /* stream offset of buf[start] */
    seg_rec *recs;
    unsigned rstart, nrecs, reccap;
    ooo_seg *ooo;
    size_t ooo_bytes;
    unsigned nooo;
    int state;
    int cand_at_head;                      /* HUNT: buf[start] begins a line */
    drop_reason skip_reason;               /* HUNT: what skipped bytes are counted as */
    int ever_synced;
    unsigned long presync;                 /* packets skipped before any start line */
    uint64_t eoh_msg;                      /* message start the empty-line search ... */
    size_t eoh_scanned;                    /* ... has looked this far into */
    double last_ts;
    size_t mem;                            /* bytes charged to the table */
    size_t kept_bytes;                     /* -w: packet copies its records hold */
    pkt_info tmpl;                         /* endpoints and layers, for reports */
    int mode;
    drop_reason skip_why;                  /* MODE_SKIP: what every packet counts as */
    ws_link *ws;                           /* MODE_WS: the connection, shared ... */
    ws_dir ws_dir;                         /* ... this flow being this direction */
    uint64_t fed;                          /* MODE_WS: stream bytes given to it */
    int64_t ws_shift;                      /* MODE_WS: stream offset minus the
                                            * connection's offset of the same byte */
} tcp_flow;

struct tcp_table {
    tcp_flow *buckets[TCP_HASH_BUCKETS];
    tcp_flow *oldest, *newest;
    unsigned n;
    size_t bytes;
    unsigned nws;                          /* flows holding a WebSocket connection */
    struct kept_packet *segs[TCP_MAX_RECS]; /* -w: a report's packets (report) */
};

/* ---- table ------------------------------------------------------------------------ */

static unsigned hash_key(int af, const unsigned char *s, const unsigned char *d, unsigned sp,
                         unsigned dp)
{
    uint32_t h = 2166136261u;     /* FNV-1a */
    size_t alen = af == 6 ? 16 : 4;
    for (size_t i = 0; i < alen; i++) h = (h ^ s[i]) * 16777619u;
    for (size_t i = 0; i < alen; i++) h = (h ^ d[i]) * 16777619u;
    h = (h ^ sp) * 16777619u;
    h = (h ^ dp) * 16777619u;
    return h % TCP_HASH_BUCKETS;
}

static void lru_unlink(struct tcp_table *t, tcp_flow *f)
{
    if (f->older) f->older->newer = f->newer;
    else t->oldest = f->newer;
    if (f->newer) f->newer->older = f->older;
    else t->newest = f->older;
    f->older = f->newer = NULL;
}

static void lru_push(struct tcp_table *t, tcp_flow *f)
{
    f->older = t->newest;
    f->newer = NULL;
    if (t->newest) t->newest->newer = f;
    else t->oldest = f;
    t->newest = f;
}

static void charge(struct tcp_table *t, tcp_flow *f, size_t was)
{
    size_t now = f->cap + (size_t)f->reccap * sizeof(seg_rec) + f->ooo_bytes + f->kept_bytes;
    t->bytes = t->bytes - was + now;
    f->mem = now;
}

/* -w: copies of packets are charged to the flow while it holds them. */
static void keep_charge(struct tcp_table *t, tcp_flow *f, struct kept_packet *k, int add)
{
    if (!k) return;
    size_t was = f->mem, n = kept_bytes(k);
    if (add) f->kept_bytes += n;
    else f->kept_bytes -= n;
    charge(t, f, was);
}

static void keep_release(struct tcp_table *t, tcp_flow *f, struct kept_packet *k)
{
    keep_charge(t, f, k, 0);
    kept_free(k);
}

static tcp_flow *find(struct tcp_table *t, const decode_ctx *c, unsigned sp, unsigned dp)
{
    size_t alen = c->af == 6 ? 16 : 4;
    for (tcp_flow *f = t->buckets[hash_key(c->af, c->saddr, c->daddr, sp, dp)]; f; f = f->hnext)
        if (f->af == c->af && f->sport == sp && f->dport == dp &&
            memcmp(f->src, c->saddr, alen) == 0 && memcmp(f->dst, c->daddr, alen) == 0)
            return f;
    return NULL;
}

/* ---- packet records --------------------------------------------------------------- */

static void add_rec(decode_ctx *c, tcp_flow *f, uint64_t end, unsigned long packets,
                    const stamp *at, struct kept_packet *kept)
{
    struct tcp_table *t = c->tcp;
    if (f->rstart > 0 && f->nrecs == f->reccap) {
        memmove(f->recs, f->recs + f->rstart, (f->nrecs - f->rstart) * sizeof *f->recs);
        f->nrecs -= f->rstart;
        f->rstart = 0;
    }
    if (f->nrecs == f->reccap && f->reccap < TCP_MAX_RECS) {
        unsigned ncap = f->reccap ? f->reccap * 2 : 8;
        seg_rec *r = realloc(f->recs, ncap * sizeof *r);
        if (r) {
            size_t was = f->mem;
            f->recs = r;
            f->reccap = ncap;
            charge(t, f, was);
        }
    }
    if (f->nrecs == f->reccap) {
        if (f->nrecs == f->rstart) { /* no record at all (out of memory) */
            stats_drop_n(c->stats, DROP_TCP_EVICTED, packets);
            keep_release(t, f, kept);
            return;
        }
        /* Full: the newest record stands for this packet too; counts stay exact, only
         * the frame a message is shown with may be this later one. */
        seg_rec *last = &f->recs[f->nrecs - 1];
        last->end = end;
        last->packets += packets;
        last->at = *at;
        kept_join(&last->kept, kept);
        return;
    }
    seg_rec *r = &f->recs[f->nrecs++];
    r->end = end;
    r->packets = packets;
    r->at = *at;
    r->sip = 0;
    r->kept = kept;
}

/* Counts the packets the flow will not hear from again. */
static void count_recs(decode_ctx *c, tcp_flow *f, unsigned long packets, int sip,
                       drop_reason why)
{
    if (sip) stats_sip_n(c->stats, packets);
    else if (!f->ever_synced && why == DROP_NOT_SIP) f->presync += packets;
    else stats_drop_n(c->stats, why, packets);
}

/* Uses k bytes at the head of the buffer; packets whose last byte is among them are
 * counted (as SIP when marked, else under why). */
static void consume(decode_ctx *c, tcp_flow *f, size_t k, drop_reason why)
{
    f->start += k;
    f->head += k;
    while (f->rstart < f->nrecs && f->recs[f->rstart].end <= f->head) {
        seg_rec *r = &f->recs[f->rstart++];
        count_recs(c, f, r->packets, r->sip, why);
        keep_release(c->tcp, f, r->kept);
        r->kept = NULL;
    }
    if (f->rstart == f->nrecs) f->rstart = f->nrecs = 0;
    if (f->start == f->len) f->start = f->len = 0;
}

/* Marks the packets that carried bytes [from, to) of the stream as carrying SIP, and
 * returns the one that carried the last byte (*first: the first byte). With segs, the
 * copies of those packets go there too, one chain per record (*nsegs of them). */
static const seg_rec *mark_sip(tcp_flow *f, uint64_t from, uint64_t to, const seg_rec **first,
                               struct kept_packet **segs, unsigned *nsegs)
{
    const seg_rec *last = NULL;
    for (unsigned i = f->rstart; i < f->nrecs; i++) {
        seg_rec *r = &f->recs[i];
        uint64_t begin = i > f->rstart ? f->recs[i - 1].end : f->head;
        if (begin >= to) break;
        if (r->end > from) {
            r->sip = 1;
            if (!last && first) *first = r;
            last = r;
            if (segs && r->kept) segs[(*nsegs)++] = r->kept;
        }
    }
    return last;
}

/* ---- cutting the stream into messages ---------------------------------------------- */

/* How a message of the stream's first len bytes is shown: the packets that carried it. */
static pkt_info report_pkt(decode_ctx *c, tcp_flow *f, size_t len)
{
    const seg_rec *first = NULL;
    pkt_info pkt = f->tmpl;
    const seg_rec *r = mark_sip(f, f->head, f->head + (len ? len : 1), &first,
                                c->keep ? c->tcp->segs : NULL, &pkt.nsegments);
    if (r) {
        pkt.frame = r->at.frame;
        pkt.ts_sec = r->at.sec;
        pkt.ts_nsec = r->at.nsec;
        pkt.first_frame = first->at.frame;
    }
    if (pkt.nsegments) pkt.segments = c->tcp->segs;
    return pkt;
}

static void report(decode_ctx *c, tcp_flow *f, size_t len, sipparse_err frc,
                   const sipparse_error *ferr)
{
    pkt_info pkt = report_pkt(c, f, len);
    int s = process_stream_message(c, &pkt, (const char *)f->buf + f->start, len,
                                   (size_t)f->head, frc, ferr);
    if (s > c->status) c->status = s;
}

/* The common case, a message at the head of the stream that parses whole, is cut by
 * its parse: one pass over its bytes instead of the framer's and then the parser's.
 * Returns its length, 0 when the stream needs more bytes, or -1 for anything else,
 * which sipparse_frame decides. */
static long parse_head(decode_ctx *c, tcp_flow *f, const unsigned char *p, size_t n)
{
    sipparse_msg m;
    sipparse_msg_init(&m, c->hdrs, c->hdr_cap, c->cfg->lenient | SIPPARSE_F_STREAM);
    m.max_size = TCP_MAX_MESSAGE;
    sipparse_err rc = sipparse_msg_parse(&m, (const char *)p, n);
    if (rc == SIPPARSE_E_AGAIN) return 0;
    if (rc != SIPPARSE_OK || m.start != 0 || m.len == 0 || m.len > n) return -1;
    pkt_info pkt = report_pkt(c, f, m.len);
    int s = process_stream_parsed(c, &pkt, &m, (size_t)f->head);
    if (s > c->status) c->status = s;
    return (long)m.len;
}

static void hunt_from(tcp_flow *f, int at_head, drop_reason why)
{
    f->state = HUNT;
    f->cand_at_head = at_head;
    f->skip_reason = why;
}

/* HUNT: skips to the first line that is a SIP start line. 1 when found (the stream is
 * in step again), 0 when more bytes are needed. */
static int hunt(decode_ctx *c, tcp_flow *f)
{
    const unsigned char *p = f->buf + f->start;
    size_t n = f->len - f->start;
    size_t q = 0;
    int at_line = f->cand_at_head;
    for (;;) {
        if (at_line) {
            int r = sip_start_line(p + q, n - q);
            if (r == 1) {
                drop_reason why = f->skip_reason;
                if (!f->ever_synced && q > 0 && !f->from_syn) {
                    /* What came before the first start line was the end of a message
                     * the capture missed the beginning of. */
                    why = DROP_TCP_MIDSTREAM;
                }
                consume(c, f, q, why);
                if (!f->ever_synced) {
                    stats_drop_n(c->stats, f->from_syn ? DROP_NOT_SIP : DROP_TCP_MIDSTREAM,
                                 f->presync);
                    f->presync = 0;
                    f->ever_synced = 1;
                }
                f->state = SYNCED;
                return 1;
            }
            if (r < 0) { /* the line is not whole yet: keep it */
                consume(c, f, q, f->skip_reason);
                f->cand_at_head = 1;
                return 0;
            }
        }
        const unsigned char *nl = memchr(p + q, '\n', n - q);
        if (!nl) {
            consume(c, f, n, f->skip_reason);
            f->cand_at_head = 0;
            return 0;
        }
        q = (size_t)(nl - p) + 1;
        at_line = 1;
        if (q == n) {
            consume(c, f, n, f->skip_reason);
            f->cand_at_head = 1;
            return 0;
        }
    }
}

static size_t crlf_run(const unsigned char *p, size_t n)
{
    size_t i = 0;
    while (i < n && (p[i] == '\r' || p[i] == '\n')) i++;
    return i;
}

/* 1 when the message at p (n bytes, from its start line) has its empty line: before
 * that, framing cannot succeed, so a message arriving in many small segments is not
 * framed again from its start on each one (quadratic work). The search resumes where it
 * stopped for the same message. */
static int headers_ended(tcp_flow *f, const unsigned char *p, size_t n, uint64_t msg_off)
{
    size_t i = f->eoh_msg == msg_off && f->eoh_scanned > 2 ? f->eoh_scanned - 2 : 0;
    for (;;) {
        const unsigned char *nl = i < n ? memchr(p + i, '\n', n - i) : NULL;
        if (!nl) break;
        i = (size_t)(nl - p) + 1;
        if (i < n && p[i] == '\n') return 1;
        if (i + 1 < n && p[i] == '\r' && p[i + 1] == '\n') return 1;
    }
    f->eoh_msg = msg_off;
    f->eoh_scanned = n;
    return 0;
}

/* SIP/TCP: cuts every whole message the buffer holds; stops when more bytes are needed. */
static void sip_run(decode_ctx *c, tcp_flow *f)
{
    const unsigned flags = c->cfg->lenient | SIPPARSE_F_STREAM;
    while (f->start < f->len) {
        if (f->state == HUNT) {
            if (!hunt(c, f)) return;
            continue;
        }
        const unsigned char *p = f->buf + f->start;
        size_t n = f->len - f->start;
        size_t k = crlf_run(p, n);
        if (k < n) {
            int r = sip_start_line(p + k, n - k);
            if (r < 0) return;
            if (r == 0) { /* not a message start: out of step */
                consume(c, f, k, DROP_KEEPALIVE);
                hunt_from(f, 0, DROP_TCP_RESYNC);
                continue;
            }
            if (n <= TCP_MAX_MESSAGE && !headers_ended(f, p + k, n - k, f->head + k)) return;
            if (k == 0) {
                long got = parse_head(c, f, p, n);
                if (got == 0 && n <= TCP_MAX_MESSAGE) return;
                if (got > 0) {
                    consume(c, f, (size_t)got, DROP_NOT_SIP);
                    continue;
                }
            }
        }
        sipparse_frame_info fi;
        sipparse_error ferr;
        memset(&fi, 0, sizeof fi);
        memset(&ferr, 0, sizeof ferr);
        sipparse_err frc = sipparse_frame((const char *)p, n, flags, TCP_MAX_MESSAGE, &fi, &ferr);
        if (frc == SIPPARSE_OK && fi.len > 0 && fi.len <= n) {
            if (fi.kind == SIPPARSE_FRAME_MESSAGE) {
                report(c, f, fi.len, SIPPARSE_OK, NULL);
                consume(c, f, fi.len, DROP_NOT_SIP);
            } else {
                consume(c, f, fi.len, DROP_KEEPALIVE);
            }
            continue;
        }
        if (frc == SIPPARSE_E_AGAIN && n <= TCP_MAX_MESSAGE) return;
        if (frc == SIPPARSE_E_AGAIN || frc == SIPPARSE_OK) frc = SIPPARSE_E_LIMIT_SIZE;
        /* Unframable (no or a bad Content-Length, too large): reported with what is
         * here, then the stream is hunted from the next line on. */
        report(c, f, n, frc, &ferr);
        hunt_from(f, 0, DROP_TCP_RESYNC);
    }
}

/* ---- what the stream carries -------------------------------------------------------- */

static tcp_flow *reverse_of(struct tcp_table *t, const tcp_flow *f)
{
    size_t alen = f->af == 6 ? 16 : 4;
    for (tcp_flow *r = t->buckets[hash_key(f->af, f->dst, f->src, f->dport, f->sport)]; r;
         r = r->hnext)
        if (r->af == f->af && r->sport == f->dport && r->dport == f->sport &&
            memcmp(r->src, f->dst, alen) == 0 && memcmp(r->dst, f->src, alen) == 0)
            return r;
    return NULL;
}

/* The record of the packet that carried byte off of the stream (it is still held). */
static const seg_rec *rec_holding(const tcp_flow *f, uint64_t off)
{
    for (unsigned i = f->rstart; i < f->nrecs; i++)
        if (f->recs[i].end > off) return &f->recs[i];
    return NULL;
}

/* The flow's template, shown as the packet that carried byte off (for -w: the copy
 * of it the flow holds). */
static pkt_info pkt_of(const tcp_flow *f, uint64_t off)
{
    pkt_info pkt = f->tmpl;
    const seg_rec *r = rec_holding(f, off);
    if (r) {
        pkt.frame = r->at.frame;
        pkt.ts_sec = r->at.sec;
        pkt.ts_nsec = r->at.nsec;
        pkt.carriers = r->kept;
    }
    return pkt;
}

static void skip_rest(tcp_flow *f, drop_reason why)
{
    f->mode = MODE_SKIP;
    f->skip_why = why;
    f->ever_synced = 1;
}

static int ws_port(const tool_config *cfg, unsigned port)
{
    for (unsigned i = 0; i < cfg->nws_ports; i++)
        if (cfg->ws_ports[i] == port) return 1;
    return 0;
}

static void ws_detach(decode_ctx *c, tcp_flow *f)
{
    if (!f->ws) return;
    ws_link_end(f->ws, f->ws_dir);   /* its unsettled bytes are counted already */
    ws_link_release(f->ws);
    f->ws = NULL;
    c->tcp->nws--;
}

/* The flow becomes direction d of connection l (a new one when l is NULL). Only at the
 * stream's start: the connection's offsets are the flow's. */
static void ws_attach(decode_ctx *c, tcp_flow *f, ws_link *l, ws_dir d, int after_handshake)
{
    if (c->tcp->nws >= TCP_MAX_WS) { skip_rest(f, DROP_WS_LIMIT); return; }
    if (l) ws_link_hold(l);
    else if (!(l = ws_link_new(c, after_handshake))) { skip_rest(f, DROP_WS_LIMIT); return; }
    c->tcp->nws++;
    f->ws = l;
    f->ws_dir = d;
    f->fed = f->head;   /* bytes already used (a stream that began as something else) are gone */
    /* The connection counts its own offsets: from 0 when new, from where the direction
     * got to when this flow takes it over (the flow was closed and began again, or
     * timed out, while the other direction kept the connection). */
    f->ws_shift = (int64_t)f->head - (int64_t)ws_link_fed(l, d);
    f->mode = MODE_WS;
    f->ever_synced = 1;
}

/* Decides from the stream's first bytes what it carries. 0 when too few bytes are
 * there to tell (ending: no more are coming, decide with what there is). */
static int choose_mode(decode_ctx *c, tcp_flow *f, int ending)
{
    const unsigned char *p = f->buf + f->start;
    size_t n = f->len - f->start;
    tcp_flow *r = reverse_of(c->tcp, f);
    f->mode = MODE_SIP;
    if (r && r->ws && ws_link_state(r->ws) != WS_NOT_WS) {
        ws_attach(c, f, r->ws, r->ws_dir == WS_C2S ? WS_S2C : WS_C2S, 0);
        return 1;
    }
    if (r && r->mode == MODE_SKIP && r->skip_why == DROP_WS_LIMIT) {
        skip_rest(f, DROP_WS_LIMIT);
        return 1;
    }
    if (ws_port(c->cfg, f->dport) || ws_port(c->cfg, f->sport)) {
        ws_attach(c, f, NULL, ws_port(c->cfg, f->dport) ? WS_C2S : WS_S2C, 1);
        return 1;
    }
    size_t k = n < 4 ? n : 4;
    int get = memcmp(p, "GET ", k) == 0, hep = memcmp(p, "HEP3", k) == 0;
    /* A TLS record of any content type (RFC 8446 §5.1: 20..23): a stream caught
     * mid-connection starts with application data or an alert, not a handshake. */
    unsigned char head[5];
    size_t hn = n < 5 ? n : 5;
    memcpy(head, p, hn);
    if (hn > 0 && head[0] >= 20 && head[0] <= 23) head[0] = 22;
    int tls = ws_is_tls(head, hn);
    if (!ending && (tls < 0 || (n < 4 && (get || hep)))) {
        f->mode = MODE_NEW;
        return 0;
    }
    if (n >= 4 && get) ws_attach(c, f, NULL, WS_C2S, 0);
    else if (n >= 4 && hep) {
        f->mode = MODE_HEP;
        f->ever_synced = 1;
    } else if (tls == 1) {
        skip_rest(f, DROP_TLS);
    }
    return 1;
}

/* A connection's offset of the flow's direction as a stream offset (0: before the flow
 * joined it, bytes used already). */
static uint64_t ws_to_stream(const tcp_flow *f, uint64_t off)
{
    int64_t s = (int64_t)off + f->ws_shift;
    return s > 0 ? (uint64_t)s : 0;
}

/* Packets the WebSocket decoder is done with are counted: as SIP when a message it
 * reported covers them. */
static void ws_settle(decode_ctx *c, tcp_flow *f)
{
    uint64_t from, to;
    if (ws_link_marks(f->ws, f->ws_dir, &from, &to))
        (void)mark_sip(f, ws_to_stream(f, from), ws_to_stream(f, to), NULL, NULL, NULL);
    uint64_t s = ws_to_stream(f, ws_link_settled(f->ws, f->ws_dir));
    uint64_t end = f->head + (f->len - f->start);
    if (s > end) s = end;
    if (s > f->head) consume(c, f, (size_t)(s - f->head), ws_link_why(f->ws, f->ws_dir));
}

/* Feeds the flow's new bytes to its connection, one packet's bytes at a time (their
 * frame is the tag). Returns 0, or -1 when the stream turned out not to be WebSocket:
 * nothing of it was used, it is read as SIP/TCP. */
static int ws_run(decode_ctx *c, tcp_flow *f)
{
    for (;;) {
        uint64_t end = f->head + (f->len - f->start);
        if (f->fed < f->head) f->fed = f->head;   /* used up by a settle of the other side */
        if (f->fed >= end) return 0;
        const seg_rec *r = rec_holding(f, f->fed);
        uint64_t stop = r && r->end < end ? r->end : end;
        pkt_info pkt = pkt_of(f, f->fed);
        /* A WebSocket message may come out later, in another feed (client frames held
         * until the 101), when that record is gone: the connection keeps no packet, and
         * -w writes the one in hand if it carried the last byte (ws_flow.c). */
        pkt.carriers = NULL;
        ws_state st = ws_link_feed(f->ws, f->ws_dir, f->buf + f->start + (f->fed - f->head),
                                   (size_t)(stop - f->fed), &pkt);
        f->fed = stop;
        if (st == WS_NOT_WS) {
            ws_detach(c, f);
            f->mode = MODE_SIP;
            f->ever_synced = 0;
            return -1;
        }
        ws_settle(c, f);
        /* Client frames held until the 101 are let go in the server's feed. */
        tcp_flow *rev = reverse_of(c->tcp, f);
        if (rev && rev->ws == f->ws) ws_settle(c, rev);
    }
}

/* Cuts the HEP3 packets of the stream (their total length says where each ends). */
static void hep_run(decode_ctx *c, tcp_flow *f)
{
    while (f->start < f->len) {
        const unsigned char *p = f->buf + f->start;
        size_t n = f->len - f->start, need = 0;
        hep_err e = hep_next_len(p, n, &need);
        if (e == HEP_E_AGAIN || (e == HEP_E_OK && need > n)) return;
        if (e != HEP_E_OK) { /* no length to go by: the rest of the stream is lost */
            skip_rest(f, DROP_HEP_MALFORMED);
            consume(c, f, n, DROP_HEP_MALFORMED);
            return;
        }
        /* hep_input reports with the packet's context: the flow's, the packet that
         * carried the last byte, whatever packet is being decoded now. */
        pkt_info save = c->pkt;
        int af = c->af;
        unsigned char sa[16], da[16];
        memcpy(sa, c->saddr, 16);
        memcpy(da, c->daddr, 16);
        c->pkt = pkt_of(f, f->head + need - 1);
        c->af = f->af;
        memcpy(c->saddr, f->src, 16);
        memcpy(c->daddr, f->dst, 16);
        drop_reason why = hep_input(c, p, need, f->sport, f->dport);
        c->pkt = save;
        c->af = af;
        memcpy(c->saddr, sa, 16);
        memcpy(c->daddr, da, 16);
        if (why == DROP_COUNT) (void)mark_sip(f, f->head, f->head + need, NULL, NULL, NULL);
        consume(c, f, need, why == DROP_COUNT ? DROP_NOT_SIP : why);
    }
}

/* Cuts every whole message the buffer holds; stops when more bytes are needed. */
static void flow_run(decode_ctx *c, tcp_flow *f)
{
    if (f->mode == MODE_NEW && (f->start == f->len || !choose_mode(c, f, 0))) return;
    if (f->mode == MODE_WS && ws_run(c, f) == 0) return;
    if (f->mode == MODE_HEP) { hep_run(c, f); return; }
    if (f->mode == MODE_SKIP) {
        consume(c, f, f->len - f->start, f->skip_why);
        return;
    }
    sip_run(c, f);
}

/* ---- adding bytes --------------------------------------------------------------------- */

static int append(struct tcp_table *t, tcp_flow *f, const unsigned char *p, size_t n)
{
    if (f->start > 0 && f->len + n > f->cap) {
        memmove(f->buf, f->buf + f->start, f->len - f->start);
        f->len -= f->start;
        f->start = 0;
    }
    if (f->len + n > f->cap) {
        size_t ncap = f->cap ? f->cap : 4096;
        while (ncap < f->len + n) ncap *= 2;
        unsigned char *b = realloc(f->buf, ncap);
        if (!b) return -1;
        size_t was = f->mem;
        f->buf = b;
        f->cap = ncap;
        charge(t, f, was);
    }
    memcpy(f->buf + f->len, p, n);
    f->len += n;
    return 0;
}

/* In-sequence bytes: appended, their packet recorded. Bytes the buffer cannot take
 * (out of memory) are counted as a hole by the caller's next hunt. */
static void take(decode_ctx *c, tcp_flow *f, const unsigned char *p, size_t n,
                 unsigned long packets, const stamp *at, struct kept_packet *kept)
{
    if (append(c->tcp, f, p, n) != 0) {
        stats_drop_n(c->stats, DROP_TCP_EVICTED, packets);
        keep_release(c->tcp, f, kept);
        return;
    }
    f->next_off += n;
    f->next_seq += (uint32_t)n;
    add_rec(c, f, f->next_off, packets, at, kept);
}

/* Out-of-order segments that now continue the stream join it. */
static void drain_ooo(decode_ctx *c, tcp_flow *f)
{
    while (f->ooo && f->ooo->off <= f->next_off) {
        ooo_seg *s = f->ooo;
        f->ooo = s->next;
        f->nooo--;
        size_t was = f->mem;
        f->ooo_bytes -= s->len;
        charge(c->tcp, f, was);
        uint64_t end = s->off + s->len;
        if (end <= f->next_off) {
            stats_drop_n(c->stats, DROP_TCP_RETRANS, s->packets);
            keep_release(c->tcp, f, s->kept);
        } else {
            size_t skip = (size_t)(f->next_off - s->off);
            take(c, f, s->data + skip, s->len - skip, s->packets, &s->at, s->kept);
        }
        free(s);
    }
}

/* The bytes before the first out-of-order segment are not coming: the partial message
 * before the gap is dropped, the gap counted, and the stream hunted after it. */
static void skip_hole(decode_ctx *c, tcp_flow *f)
{
    if (!f->ooo) return;
    uint64_t gap = f->ooo->off - f->next_off;
    /* WebSocket frames and HEP packets carry no marker to find the next one by. */
    int framed = f->mode == MODE_WS || f->mode == MODE_HEP;
    drop_reason why = framed ? DROP_STREAM_HOLE : f->mode == MODE_SKIP ? f->skip_why
                    : f->ever_synced ? DROP_TCP_HOLE : DROP_NOT_SIP;
    consume(c, f, f->len - f->start, why);
    if (framed) {
        ws_detach(c, f);
        skip_rest(f, DROP_STREAM_HOLE);
    } else if (f->mode == MODE_NEW) {
        f->mode = MODE_SIP;
    }
    c->stats->tcp_holes++;
    c->stats->tcp_hole_bytes += gap;
    f->next_seq += (uint32_t)gap;
    f->next_off = f->ooo->off;
    f->head = f->next_off;
    hunt_from(f, 1, f->ever_synced ? DROP_TCP_HOLE : DROP_NOT_SIP);
    drain_ooo(c, f);
    flow_run(c, f);
}

/* Keeps the parts of [off, off+n) no held segment has yet (first copy wins). Returns
 * the number of bytes kept; the packet (and its copies, kept) goes with the first part
 * kept: with none kept, the caller still owns kept. */
static size_t hold_ooo(decode_ctx *c, tcp_flow *f, uint64_t off, const unsigned char *p,
                       size_t n, unsigned long packets, const stamp *at,
                       struct kept_packet *kept_copies)
{
    uint64_t end = off + n, cur = off;
    ooo_seg **link = &f->ooo;
    size_t kept = 0;
    while (cur < end) {
        while (*link && (*link)->off + (*link)->len <= cur) link = &(*link)->next;
        uint64_t stop = end;
        if (*link && (*link)->off <= cur) { /* cur is inside a held segment */
            cur = (*link)->off + (*link)->len;
            continue;
        }
        if (*link && (*link)->off < stop) stop = (*link)->off;
        size_t len = (size_t)(stop - cur);
        ooo_seg *s = malloc(sizeof *s + len);
        if (!s) break;
        s->off = cur;
        s->len = len;
        s->packets = kept == 0 ? packets : 0;
        s->kept = kept == 0 ? kept_copies : NULL;
        s->at = *at;
        memcpy(s->data, p + (cur - off), len);
        s->next = *link;
        *link = s;
        link = &s->next;
        f->nooo++;
        size_t was = f->mem;
        f->ooo_bytes += len;
        charge(c->tcp, f, was);
        kept += len;
        cur = stop;
    }
    return kept;
}

/* Ends the flow's stream: holes skipped, messages still whole reported, the rest
 * counted under why. The flow stays (closed) so late copies are known as such. */
static void close_flow(decode_ctx *c, tcp_flow *f, drop_reason why)
{
    /* An evicted flow gives nothing more: what it held, in order or not, is counted. */
    while (why == DROP_TCP_EVICTED && f->ooo) {
        ooo_seg *o = f->ooo;
        f->ooo = o->next;
        f->nooo--;
        f->ooo_bytes -= o->len;
        stats_drop_n(c->stats, why, o->packets);
        keep_release(c->tcp, f, o->kept);
        free(o);
    }
    while (f->ooo) skip_hole(c, f);
    if (f->start < f->len) {
        const unsigned char *p = f->buf + f->start;
        size_t n = f->len - f->start;
        /* A CRLF the framer held back as half a ping was a pong after all. */
        drop_reason rest = why == DROP_TCP_EVICTED ? why
                         : f->mode == MODE_SKIP ? f->skip_why
                         : f->mode == MODE_WS || f->mode == MODE_HEP ? why
                         : crlf_run(p, n) == n ? DROP_KEEPALIVE
                         : f->state == HUNT ? f->skip_reason : why;
        consume(c, f, n, rest);
    }
    for (unsigned i = f->rstart; i < f->nrecs; i++) {
        count_recs(c, f, f->recs[i].packets, f->recs[i].sip, why);
        keep_release(c->tcp, f, f->recs[i].kept);
    }
    f->rstart = f->nrecs = 0;
    stats_drop_n(c->stats, DROP_NOT_SIP, f->presync);
    f->presync = 0;
    ws_detach(c, f);
    size_t was = f->mem;
    free(f->buf);
    free(f->recs);
    f->buf = NULL;
    f->recs = NULL;
    f->start = f->len = f->cap = 0;
    f->reccap = 0;
    charge(c->tcp, f, was);
    f->closed = 1;
}

static void free_flow(decode_ctx *c, tcp_flow *f, drop_reason why)
{
    struct tcp_table *t = c->tcp;
    close_flow(c, f, why);
    tcp_flow **link = &t->buckets[hash_key(f->af, f->src, f->dst, f->sport, f->dport)];
    while (*link != f) link = &(*link)->hnext;
    *link = f->hnext;
    lru_unlink(t, f);
    t->bytes -= f->mem;
    t->n--;
    free(f);
}

/* A new flow, or the old one started afresh (a new connection on the same ports). */
static tcp_flow *open_flow(decode_ctx *c, tcp_flow *f, unsigned sp, unsigned dp, uint32_t seq)
{
    struct tcp_table *t = c->tcp;
    if (f) {
        close_flow(c, f, DROP_TCP_INCOMPLETE);
    } else {
        while (t->n >= TCP_MAX_FLOWS && t->oldest) free_flow(c, t->oldest, DROP_TCP_EVICTED);
        f = calloc(1, sizeof *f);
        if (!f) return NULL;
        f->af = c->af;
        memcpy(f->src, c->saddr, 16);
        memcpy(f->dst, c->daddr, 16);
        f->sport = sp;
        f->dport = dp;
        unsigned h = hash_key(f->af, f->src, f->dst, sp, dp);
        f->hnext = t->buckets[h];
        t->buckets[h] = f;
        lru_push(t, f);
        t->n++;
    }
    f->closed = 0;
    f->from_syn = 0;
    f->have_fin = 0;
    f->next_seq = seq;
    f->next_off = 0;
    f->head = 0;
    f->ever_synced = 0;
    f->eoh_msg = UINT64_MAX;
    f->eoh_scanned = 0;
    f->mode = MODE_NEW;
    f->fed = 0;
    hunt_from(f, 1, DROP_NOT_SIP);
    return f;
}

/* Idle flows end (their bytes counted), oldest activity first. */
static void expire(decode_ctx *c, double now)
{
    struct tcp_table *t = c->tcp;
    while (t->oldest && now - t->oldest->last_ts > TCP_IDLE_S)
        free_flow(c, t->oldest, DROP_TCP_INCOMPLETE);
}

/* The other direction acknowledges bytes this one never showed: the peer got them, the
 * capture did not, so the gap will not fill (RFC 9293 §3.4: an ACK covers every byte
 * before it). Skipping the hole now, rather than at the end, reports what follows it
 * in order. */
static void acked_hole(decode_ctx *c, unsigned sp, unsigned dp, uint32_t ack)
{
    struct tcp_table *t = c->tcp;
    size_t alen = c->af == 6 ? 16 : 4;
    for (tcp_flow *r = t->buckets[hash_key(c->af, c->daddr, c->saddr, dp, sp)]; r; r = r->hnext) {
        if (r->af != c->af || r->sport != dp || r->dport != sp ||
            memcmp(r->src, c->daddr, alen) != 0 || memcmp(r->dst, c->saddr, alen) != 0)
            continue;
        while (r->ooo && !r->closed && (int32_t)(ack - r->next_seq) > 0) skip_hole(c, r);
        return;
    }
}

void tcp_flow_segment(decode_ctx *c, const unsigned char *p, size_t n)
{
    if (!c->tcp && !(c->tcp = calloc(1, sizeof *c->tcp))) {
        stats_drop(c->stats, DROP_TCP_EVICTED);
        return;
    }
    struct tcp_table *t = c->tcp;
    unsigned sp = get16(p), dp = get16(p + 2);
    uint32_t seq = (uint32_t)get32(p + 4);
    unsigned flags = p[13];
    size_t off = (size_t)(p[12] >> 4) * 4;
    const unsigned char *d = p + off;
    size_t dn = n - off;
    double now = pkt_time(&c->pkt);
    unsigned long weight = c->stats->weight ? c->stats->weight : 1;
    stamp at = { c->pkt.frame, c->pkt.ts_sec, c->pkt.ts_nsec };

    expire(c, now);
    if (flags & TH_ACK) acked_hole(c, sp, dp, (uint32_t)get32(p + 8));
    tcp_flow *f = find(t, c, sp, dp);
    if (flags & TH_SYN) {
        /* The SYN takes one sequence number; data starts after it. A SYN repeated
         * with the same number is the same connection. */
        if (!f || !f->from_syn || f->syn_next != seq + 1) {
            f = open_flow(c, f, sp, dp, seq + 1);
            if (!f) { stats_drop(c->stats, DROP_TCP_EVICTED); return; }
            f->from_syn = 1;
            f->syn_next = seq + 1;
        }
        seq += 1;
    }
    if (dn == 0 && !f) { stats_drop(c->stats, DROP_TCP_EMPTY); return; }
    if (!f || (f->closed && dn > 0 && (int32_t)(seq - f->next_seq) >= 0)) {
        /* Data with no SYN seen (the capture began mid-stream), or new data after the
         * connection closed (ports reused): a stream starts here. */
        f = open_flow(c, f, sp, dp, seq);
        if (!f) { stats_drop(c->stats, DROP_TCP_EVICTED); return; }
    }
    f->last_ts = now;
    f->tmpl = c->pkt;
    /* Reports made later from the flow must not point at this packet. */
    f->tmpl.raw = NULL;
    f->tmpl.carriers = NULL;
    lru_unlink(t, f);
    lru_push(t, f);

    int64_t delta = (int32_t)(seq - f->next_seq);
    /* Bytes numbered before the stream's start cannot be placed: taken as old. */
    int before_start = delta < 0 && (uint64_t)(-delta) > f->next_off;
    uint64_t soff = before_start ? 0 : (uint64_t)((int64_t)f->next_off + delta);
    if (dn == 0) {
        stats_drop(c->stats, DROP_TCP_EMPTY);
    } else if (before_start || soff + dn <= f->next_off || f->closed) {
        stats_drop(c->stats, DROP_TCP_RETRANS);
    } else if (soff <= f->next_off) {
        size_t skip = (size_t)(f->next_off - soff);
        struct kept_packet *k = c->keep ? kept_take(&c->pkt) : NULL;
        keep_charge(t, f, k, 1);
        take(c, f, d + skip, dn - skip, weight, &at, k);
        drain_ooo(c, f);
        flow_run(c, f);
    } else {
        struct kept_packet *k = c->keep ? kept_take(&c->pkt) : NULL;
        keep_charge(t, f, k, 1);
        if (hold_ooo(c, f, soff, d, dn, weight, &at, k) == 0) {
            stats_drop(c->stats, DROP_TCP_RETRANS);
            keep_release(t, f, k);
        }
        while (f->ooo && (f->ooo_bytes > TCP_MAX_OOO_BYTES || f->nooo > TCP_MAX_OOO_SEGS))
            skip_hole(c, f);
    }
    if (flags & (TH_FIN | TH_RST)) {
        if (flags & TH_RST) {
            close_flow(c, f, DROP_TCP_INCOMPLETE);
        } else if (!f->closed) {
            f->have_fin = 1;
            f->fin_off = soff + dn;
        }
    }
    if (f->have_fin && !f->closed && f->next_off >= f->fin_off) close_flow(c, f, DROP_TCP_INCOMPLETE);
    /* Memory: the least recently active flows go first, never the one in hand. */
    while (t->bytes > TCP_MAX_BYTES && t->oldest && t->oldest != f)
        free_flow(c, t->oldest, DROP_TCP_EVICTED);
}

void tcp_flow_finish(decode_ctx *c)
{
    struct tcp_table *t = c->tcp;
    if (!t) return;
    while (t->oldest) free_flow(c, t->oldest, DROP_TCP_INCOMPLETE);
    free(t);
    c->tcp = NULL;
}
