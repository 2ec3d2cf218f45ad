/* tools/sipparse/ipfrag.c: IP datagrams put back together from their fragments, IPv4
 * (RFC 791 §3.2) and IPv6's Fragment header (RFC 8200 §4.5).
 *
 * A datagram is keyed by (source, destination, identification) and, for IPv4, the
 * protocol too (RFC 791 keys on all four). Fragments may come in any order.
 *
 * Overlap policy (a capture shows what the wire carried, and two copies of the same
 * bytes that disagree leave no right answer, so such a datagram is not shown at all):
 *   - an exact duplicate (same offset, length and bytes) is accepted and ignored, in
 *     IPv4 and IPv6 alike (a retransmission on the wire, or a capture on two ports);
 *   - IPv4: a fragment overlapping others is accepted when the overlapping bytes are
 *     identical; when they differ the whole datagram is dropped;
 *   - IPv6: any other overlap drops the whole datagram (RFC 5722 §4);
 *   - a fragment that contradicts the datagram's end (data past the last fragment's
 *     end, two different ends) drops it the same way.
 * A dropped datagram stays in the table, marked dead, until its timeout, so that its
 * late fragments are counted under the same reason rather than starting a new one.
 *
 * Limits: a datagram not complete FRAG_TIMEOUT_S seconds of capture time after its
 * first fragment is dropped (RFC 791's 15 s timer lower bound, RFC 8200's 60 s: Linux
 * uses 30 s for both). At most FRAG_MAX_DATAGRAMS datagrams and FRAG_MAX_BYTES bytes are
 * held; past either, the oldest datagram is dropped. Every fragment of a datagram that
 * does not complete is counted under the reason it ended with; the fragments of a
 * completed one are counted with it (see stats_drop's weight). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "tool.h"

#define FRAG_TIMEOUT_S 30.0
#define FRAG_MAX_DATAGRAMS 256u
#define FRAG_MAX_BYTES (8u << 20)
#define FRAG_MAX_PIECES 128u      /* fragments per datagram: 64 KiB in 512-byte pieces */
#define FRAG_MAX_LEN 65535u       /* an IP length field's range */

typedef struct frag_piece {
    uint32_t off, len;
} frag_piece;

typedef struct frag_dgram {
    struct frag_dgram *prev, *next;    /* in order of first fragment: oldest first */
    int af;
    unsigned char src[16], dst[16];
    unsigned long id;
    unsigned key_proto;                /* IPv4's protocol; 0 for IPv6 */
    unsigned payload_proto;            /* from the fragment at offset 0 */
    int have_first;
    int dead;                          /* dropped; absorbs its late fragments */
    drop_reason dead_reason;
    double first_ts;
    size_t total;                      /* known once the last fragment came; 0 before */
    unsigned char *buf;
    size_t cap;
    frag_piece pieces[FRAG_MAX_PIECES]; /* as received, sorted by offset */
    unsigned npieces;
    unsigned long packets;             /* fragments held (duplicates included) */
    struct kept_packet *kept;          /* -w: copies of the fragments that added bytes */
    size_t kept_bytes;
} frag_dgram;

struct ipfrag_table {
    frag_dgram *head, *tail;
    unsigned n;
    size_t bytes;
};

double pkt_time(const pkt_info *p) { return (double)p->ts_sec + (double)p->ts_nsec / 1e9; }

/* The packets the current packet stands for (a fragment inside a reassembled tunnel
 * datagram stands for all of that one's fragments). */
static unsigned long this_weight(const decode_ctx *c)
{
    return c->stats->weight ? c->stats->weight : 1;
}

static void unlink_dgram(struct ipfrag_table *t, frag_dgram *d)
{
    if (d->prev) d->prev->next = d->next;
    else t->head = d->next;
    if (d->next) d->next->prev = d->prev;
    else t->tail = d->prev;
    t->n--;
    t->bytes -= d->cap + d->kept_bytes;
}

static void free_dgram(struct ipfrag_table *t, frag_dgram *d)
{
    unlink_dgram(t, d);
    free(d->buf);
    kept_free(d->kept);
    free(d);
}

/* Drops the datagram's fragments under why; with keep, the entry stays, dead. */
static void kill_dgram(decode_ctx *c, frag_dgram *d, drop_reason why, int keep)
{
    stats_drop_n(c->stats, why, d->packets);
    d->packets = 0;
    if (!keep) {
        free_dgram(c->frags, d);
        return;
    }
    d->dead = 1;
    d->dead_reason = why;
    c->frags->bytes -= d->cap + d->kept_bytes;
    free(d->buf);
    d->buf = NULL;
    d->cap = 0;
    kept_free(d->kept);
    d->kept = NULL;
    d->kept_bytes = 0;
}

/* Datagrams whose first fragment is older than the timeout go, oldest first. */
static void expire(decode_ctx *c, double now)
{
    struct ipfrag_table *t = c->frags;
    while (t->head && now - t->head->first_ts > FRAG_TIMEOUT_S) {
        frag_dgram *d = t->head;
        if (!d->dead) stats_drop_n(c->stats, DROP_FRAG_TIMEOUT, d->packets);
        free_dgram(t, d);
    }
}

static frag_dgram *find(struct ipfrag_table *t, const decode_ctx *c, unsigned long id,
                        unsigned key_proto)
{
    size_t alen = c->af == 6 ? 16 : 4;
    for (frag_dgram *d = t->head; d; d = d->next)
        if (d->af == c->af && d->id == id && d->key_proto == key_proto &&
            memcmp(d->src, c->saddr, alen) == 0 && memcmp(d->dst, c->daddr, alen) == 0)
            return d;
    return NULL;
}

/* Makes room for one more datagram: the oldest goes when the table is full. */
static frag_dgram *create(decode_ctx *c, unsigned long id, unsigned key_proto, double now)
{
    struct ipfrag_table *t = c->frags;
    while (t->n >= FRAG_MAX_DATAGRAMS && t->head) {
        frag_dgram *old = t->head;
        if (old->dead) free_dgram(t, old);
        else kill_dgram(c, old, DROP_FRAG_CAP, 0);
    }
    frag_dgram *d = calloc(1, sizeof *d);
    if (!d) return NULL;
    d->af = c->af;
    memcpy(d->src, c->saddr, 16);
    memcpy(d->dst, c->daddr, 16);
    d->id = id;
    d->key_proto = key_proto;
    d->first_ts = now;
    d->prev = t->tail;
    if (t->tail) t->tail->next = d;
    else t->head = d;
    t->tail = d;
    t->n++;
    return d;
}

/* Grows d's buffer to hold need bytes, within the table's byte cap (older datagrams
 * are dropped to make room). 0, or -1 when d cannot have them. */
static int reserve(decode_ctx *c, frag_dgram *d, size_t need)
{
    struct ipfrag_table *t = c->frags;
    if (need <= d->cap) return 0;
    /* Whole 64 KiB at once is wasteful for the usual 2-3 fragments: round up to 4 KiB. */
    size_t cap = (need + 4095u) & ~(size_t)4095u;
    if (cap > FRAG_MAX_LEN + 1) cap = FRAG_MAX_LEN + 1;
    while (t->bytes + (cap - d->cap) > FRAG_MAX_BYTES && t->head && t->head != d) {
        frag_dgram *old = t->head;
        if (old->dead) free_dgram(t, old);
        else kill_dgram(c, old, DROP_FRAG_CAP, 0);
    }
    if (t->bytes + (cap - d->cap) > FRAG_MAX_BYTES) return -1;
    unsigned char *b = realloc(d->buf, cap);
    if (!b) return -1;
    memset(b + d->cap, 0, cap - d->cap);
    t->bytes += cap - d->cap;
    d->buf = b;
    d->cap = cap;
    return 0;
}

/* The overlap policy above. 0: keep the fragment; 1: exact duplicate, nothing to add;
 * -1: conflicting, drop the datagram. */
static int check_overlap(const frag_dgram *d, size_t off, const unsigned char *p, size_t n)
{
    int dup = 0;
    for (unsigned i = 0; i < d->npieces; i++) {
        size_t a = d->pieces[i].off, b = a + d->pieces[i].len;
        if (b <= off || a >= off + n) continue;
        size_t lo = a > off ? a : off, hi = b < off + n ? b : off + n;
        if (memcmp(d->buf + lo, p + (lo - off), hi - lo) != 0) return -1;
        if (a == off && b == off + n) dup = 1;
        else if (d->af == 6) return -1;
    }
    return dup;
}

/* Complete when one fragment starts at 0, the last one is known, and the pieces leave
 * no gap before its end. */
static int complete(const frag_dgram *d)
{
    if (d->total == 0 || !d->have_first) return 0;
    size_t reach = 0;
    for (unsigned i = 0; i < d->npieces; i++) {
        if (d->pieces[i].off > reach) return 0;
        size_t end = (size_t)d->pieces[i].off + d->pieces[i].len;
        if (end > reach) reach = end;
    }
    return reach >= d->total;
}

static void insert_piece(frag_dgram *d, size_t off, size_t n)
{
    unsigned i = d->npieces;
    while (i > 0 && d->pieces[i - 1].off > off) {
        d->pieces[i] = d->pieces[i - 1];
        i--;
    }
    d->pieces[i].off = (uint32_t)off;
    d->pieces[i].len = (uint32_t)n;
    d->npieces++;
}

int ipfrag_add(decode_ctx *c, unsigned long id, unsigned proto, size_t off, int more,
               const unsigned char *p, size_t n, frag_done *done)
{
    /* RFC 791 / RFC 8200 §4.5: every fragment but the last is a multiple of 8 bytes,
     * and the datagram fits a 16-bit length. */
    if (off + n > FRAG_MAX_LEN || (more && (n == 0 || n % 8 != 0))) {
        stats_drop(c->stats, DROP_MALFORMED);
        return 0;
    }
    if (!c->frags && !(c->frags = calloc(1, sizeof *c->frags))) {
        stats_drop(c->stats, DROP_FRAG_CAP);
        return 0;
    }
    double now = pkt_time(&c->pkt);
    expire(c, now);
    unsigned key_proto = c->af == 4 ? proto : 0;
    frag_dgram *d = find(c->frags, c, id, key_proto);
    if (d && d->dead) {
        stats_drop(c->stats, d->dead_reason);
        return 0;
    }
    if (!d && !(d = create(c, id, key_proto, now))) {
        stats_drop(c->stats, DROP_FRAG_CAP);
        return 0;
    }
    d->packets += this_weight(c);
    size_t end = off + n, reach = 0;
    for (unsigned i = 0; i < d->npieces; i++)
        if ((size_t)d->pieces[i].off + d->pieces[i].len > reach)
            reach = (size_t)d->pieces[i].off + d->pieces[i].len;
    int bad_end = (d->total && end > d->total) || (!more && d->total && end != d->total) ||
                  (!more && reach > end);
    if (bad_end) {
        kill_dgram(c, d, DROP_FRAG_OVERLAP, 1);
        return 0;
    }
    if (reserve(c, d, end) != 0) {
        kill_dgram(c, d, DROP_FRAG_CAP, 0);
        return 0;
    }
    int ov = check_overlap(d, off, p, n);
    if (ov < 0) {
        kill_dgram(c, d, DROP_FRAG_OVERLAP, 1);
        return 0;
    }
    if (ov == 0) {
        if (d->npieces >= FRAG_MAX_PIECES) {
            kill_dgram(c, d, DROP_FRAG_CAP, 0);
            return 0;
        }
        memcpy(d->buf + off, p, n);
        insert_piece(d, off, n);
    }
    if (c->keep) {   /* duplicates too: -w writes what the wire carried */
        struct kept_packet *k = kept_take(&c->pkt);
        size_t kb = kept_bytes(k);
        kept_join(&d->kept, k);
        d->kept_bytes += kb;
        c->frags->bytes += kb;   /* charged to the table's cap like the buffer */
    }
    if (!more) d->total = end;
    if (off == 0) {
        d->have_first = 1;
        d->payload_proto = proto;
    }
    if (!complete(d)) return 0;

    done->data = d->buf;
    done->len = d->total;
    done->proto = d->payload_proto;
    done->packets = d->packets;
    done->kept = d->kept;
    c->frags->bytes -= d->cap + d->kept_bytes;
    d->cap = 0;
    d->buf = NULL;
    d->kept = NULL;
    d->kept_bytes = 0;
    free_dgram(c->frags, d);
    c->stats->ip_reassembled++;
    return 1;
}

void ipfrag_release(frag_done *done)
{
    free(done->data);
    done->data = NULL;
    done->len = 0;
}

void ipfrag_finish(decode_ctx *c)
{
    struct ipfrag_table *t = c->frags;
    if (!t) return;
    while (t->head) {
        frag_dgram *d = t->head;
        if (!d->dead) stats_drop_n(c->stats, DROP_FRAG_END, d->packets);
        free_dgram(t, d);
    }
    free(t);
    c->frags = NULL;
}
