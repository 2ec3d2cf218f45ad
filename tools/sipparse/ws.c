/* tools/sipparse/ws.c: WebSocket framing for SIP over WebSocket captures.
 *
 * RFC 6455 (handshake §4, framing §5), RFC 7118 (SIP over WebSocket: one SIP message
 * per WebSocket message, text or binary), RFC 7692 (permessage-deflate).
 *
 * Traps this file exists to get right:
 * - TCP cuts frames anywhere: a 2..14-byte frame header may arrive one byte at a time,
 *   and one piece may hold the end of one frame and several more. Only the header is
 *   gathered; payload bytes go straight (unmasked) into the message buffer.
 * - The masking key runs over a frame's payload, across pieces: its phase is the
 *   payload position mod 4, not the position in the piece.
 * - Control frames (ping, pong, close) may sit between the fragments of one message
 *   (§5.4); they are never fragmented themselves and carry at most 125 bytes.
 * - RSV1 marks a compressed message on its first frame only (RFC 7692 §6); the
 *   payload lacks the 00 00 ff ff tail of the sync flush, which the receiver appends
 *   (§7.2.2). With context takeover the inflater keeps its window from one message to
 *   the next, so a message that is dropped breaks every later one in that direction.
 * - The parameters named "client_*" describe what the client compresses (§7.1), so
 *   they govern the client-to-server direction's inflater.
 * - A deflate bomb: a few bytes inflate to gigabytes. Output stops at a cap.
 * - zlib's deflate turns a window of 8 bits into 9 (zlib.h, deflateInit2), so a peer
 *   that agreed to 8 may send distances of up to 512: the inflater gets 9 at least. */
#include <stdlib.h>
#include <string.h>
#define ZLIB_CONST
#include <zlib.h>
#include "ws.h"

static const char *const event_text[WS_EV_COUNT] = {
#define WS_EV_TEXT(id, text) text,
    WS_EVENTS(WS_EV_TEXT)
#undef WS_EV_TEXT
};

static const char *const event_name[WS_EV_COUNT] = {
#define WS_EV_NAME(id, text) #id,
    WS_EVENTS(WS_EV_NAME)
#undef WS_EV_NAME
};

const char *ws_event_text(ws_event_kind k)
{
    return (unsigned)k < WS_EV_COUNT ? event_text[k] : "?";
}

const char *ws_event_name(ws_event_kind k)
{
    return (unsigned)k < WS_EV_COUNT ? event_name[k] : "?";
}

/* What a direction is doing. */
enum phase { PH_HEAD = 0, PH_HOLD, PH_FRAMES, PH_DEAD };
/* What the current frame's payload is for. */
enum sink { SINK_MSG = 0, SINK_CTL, SINK_SKIP };

/* The inflated form of a RFC 7692 message ends where the sender flushed; these four
 * bytes are the empty stored block the sender removed (§7.2.1) and we put back. */
static const unsigned char deflate_tail[4] = { 0x00, 0x00, 0xff, 0xff };

/* Client bytes that came before the 101, one piece per packet: where the piece begins
 * in hs and the packet's tag, so each message keeps the frame numbers of its own
 * packets. */
typedef struct hold_piece {
    size_t at;
    unsigned long tag;
} hold_piece;

typedef struct ws_half {
    enum phase phase;
    uint64_t pos;                /* bytes fed so far in this direction */
    /* HTTP head, then (client side) frame bytes that came before the 101 */
    unsigned char *hs;
    size_t hs_len, hs_cap;
    unsigned long hs_tag;
    /* held frame bytes (PH_HOLD), by packet; at most one piece per held byte, so the
     * list is bounded by the handshake limit that bounds hs */
    hold_piece *hold;
    size_t nhold, hold_cap;
    int head_done;
    /* the frame being read */
    unsigned char hdr[14];
    size_t hdr_have, hdr_need;
    uint64_t frame_start;
    unsigned long frame_tag;
    int in_payload;
    uint64_t remain, payload_pos;
    unsigned opcode;
    int fin, rsv1, masked;
    unsigned char key[4];
    enum sink sink;
    unsigned char ctl[125];
    size_t ctl_len;
    int mask_reported;
    int closed;
    int after_close_reported;
    /* the message being assembled */
    int msg_open, msg_skip, msg_rsv1;
    unsigned msg_opcode, msg_frames;
    unsigned long msg_first_tag;
    uint64_t msg_offset;
    unsigned char *buf;
    size_t len, cap;
    /* its inflater */
    z_stream z;
    int z_ready, z_lost;
} ws_half;

struct ws_conn {
    ws_limits lim;
    ws_state state;
    int after_handshake;
    ws_msg_fn on_msg;
    ws_event_fn on_event;
    void *user;
    ws_half h[2];
    ws_deflate dfl;
    int sip_req, sip_resp, offered_deflate;
    int status;                  /* the response's status code, 0 until seen */
    unsigned char *out;          /* inflated message */
    size_t out_cap;
    ws_counters cnt;
};

/* ---- small helpers ------------------------------------------------------------- */

static void emit(ws_conn *w, ws_event_kind k, ws_dir d, uint64_t off, unsigned long tag,
                 int code, const unsigned char *text, size_t text_len)
{
    w->cnt.events[k]++;
    if (!w->on_event) return;
    ws_event e = { k, d, off, tag, code, text, text_len };
    w->on_event(w->user, &e);
}

static unsigned char lower(unsigned char c) { return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c; }

/* Case-insensitive: the n bytes at p equal the NUL-terminated lit. */
static int ieq(const unsigned char *p, size_t n, const char *lit)
{
    size_t l = strlen(lit);
    if (n != l) return 0;
    for (size_t i = 0; i < n; i++)
        if (lower(p[i]) != lower((unsigned char)lit[i])) return 0;
    return 1;
}

static int is_ows(unsigned char c) { return c == ' ' || c == '\t'; }

static void trim(const unsigned char **p, size_t *n)
{
    while (*n > 0 && is_ows(**p)) { (*p)++; (*n)--; }
    while (*n > 0 && is_ows((*p)[*n - 1])) (*n)--;
}

/* Grows *buf to hold want bytes, doubling, never beyond limit. 0 or -1. */
static int grow(unsigned char **buf, size_t *cap, size_t want, size_t limit)
{
    if (want <= *cap) return 0;
    if (want > limit) return -1;
    size_t c = *cap ? *cap : 512;
    while (c < want) c = c > limit / 2 ? limit : c * 2;
    unsigned char *b = realloc(*buf, c);
    if (!b) return -1;
    *buf = b;
    *cap = c;
    return 0;
}

/* ---- the HTTP handshake (RFC 6455 §4.1, §4.2.2) --------------------------------- */

/* Calls fn for each comma-separated element of a header value, trimmed; returns 1
 * when fn returned 1 for any. */
typedef int (*elem_fn)(ws_conn *w, ws_dir d, const unsigned char *p, size_t n);

static int each_elem(ws_conn *w, ws_dir d, const unsigned char *p, size_t n, elem_fn fn)
{
    int any = 0;
    while (n > 0) {
        const unsigned char *c = memchr(p, ',', n);
        size_t l = c ? (size_t)(c - p) : n;
        const unsigned char *e = p;
        size_t el = l;
        trim(&e, &el);
        if (el > 0 && fn(w, d, e, el)) any = 1;
        if (!c) break;
        p += l + 1;
        n -= l + 1;
    }
    return any;
}

/* Sec-WebSocket-Protocol lists subprotocols; RFC 7118 §4 registers "sip". */
static int proto_elem(ws_conn *w, ws_dir d, const unsigned char *p, size_t n)
{
    (void)w; (void)d;
    return ieq(p, n, "sip");
}

static int upgrade_elem(ws_conn *w, ws_dir d, const unsigned char *p, size_t n)
{
    (void)w; (void)d;
    return ieq(p, n, "websocket");
}

/* "8".."15", possibly quoted (RFC 7692 §7.1.2.1 allows a quoted-string form). */
static int window_value(const unsigned char *p, size_t n)
{
    if (n >= 2 && p[0] == '"' && p[n - 1] == '"') { p++; n -= 2; }
    if (n < 1 || n > 2) return -1;
    int v = 0;
    for (size_t i = 0; i < n; i++) {
        if (p[i] < '0' || p[i] > '9') return -1;
        v = v * 10 + (p[i] - '0');
    }
    return v >= 8 && v <= 15 ? v : -1;
}

/* One extension of the 101's Sec-WebSocket-Extensions: only permessage-deflate is
 * understood; its parameters set the two inflaters (RFC 7692 §7.1). */
static int extension_elem(ws_conn *w, ws_dir d, const unsigned char *p, size_t n)
{
    const unsigned char *semi = memchr(p, ';', n);
    const unsigned char *name = p;
    size_t nl = semi ? (size_t)(semi - p) : n;
    trim(&name, &nl);
    if (!ieq(name, nl, "permessage-deflate")) return 0;
    if (d == WS_C2S) { w->offered_deflate = 1; return 1; }
    if (w->dfl.enabled) return 1;        /* the first accepted one rules */
    w->dfl.enabled = 1;
    size_t rest = semi ? n - nl - 1 : 0;
    const unsigned char *q = semi ? semi + 1 : NULL;
    while (q && rest > 0) {
        const unsigned char *s = memchr(q, ';', rest);
        size_t l = s ? (size_t)(s - q) : rest;
        const unsigned char *pn = q, *pv = NULL;
        size_t pnl = l, pvl = 0;
        const unsigned char *eq = memchr(q, '=', l);
        if (eq) { pnl = (size_t)(eq - q); pv = eq + 1; pvl = l - pnl - 1; trim(&pv, &pvl); }
        trim(&pn, &pnl);
        int bad = 0;
        if (ieq(pn, pnl, "server_no_context_takeover")) w->dfl.no_takeover[WS_S2C] = 1;
        else if (ieq(pn, pnl, "client_no_context_takeover")) w->dfl.no_takeover[WS_C2S] = 1;
        else if (ieq(pn, pnl, "server_max_window_bits") || ieq(pn, pnl, "client_max_window_bits")) {
            int v = pv ? window_value(pv, pvl) : -1;
            if (v < 0) bad = 1;
            else w->dfl.window_bits[lower(pn[0]) == 's' ? WS_S2C : WS_C2S] = v;
        } else if (pnl > 0) bad = 1;
        if (bad) emit(w, WS_EV_BAD_EXTENSION, d, 0, w->h[d].hs_tag, -1, pn, l - (size_t)(pn - q));
        if (!s) break;
        q = s + 1;
        rest -= l + 1;
    }
    return 1;
}

/* Reads the header fields of a head (after its first line). */
static void head_fields(ws_conn *w, ws_dir d, const unsigned char *p, size_t n, int *upgrade)
{
    while (n > 0) {
        const unsigned char *nl = memchr(p, '\n', n);
        size_t l = nl ? (size_t)(nl - p) : n;
        size_t line = l;
        if (line > 0 && p[line - 1] == '\r') line--;
        const unsigned char *colon = line > 0 && !is_ows(p[0]) ? memchr(p, ':', line) : NULL;
        if (colon) {
            const unsigned char *name = p, *val = colon + 1;
            size_t nlen = (size_t)(colon - p), vlen = line - nlen - 1;
            trim(&name, &nlen);
            trim(&val, &vlen);
            if (ieq(name, nlen, "upgrade")) {
                if (each_elem(w, d, val, vlen, upgrade_elem)) *upgrade = 1;
            } else if (ieq(name, nlen, "sec-websocket-protocol")) {
                if (each_elem(w, d, val, vlen, proto_elem)) {
                    if (d == WS_C2S) w->sip_req = 1; else w->sip_resp = 1;
                }
            } else if (ieq(name, nlen, "sec-websocket-extensions")) {
                (void)each_elem(w, d, val, vlen, extension_elem);
            }
        }
        if (!nl) break;
        p += l + 1;
        n -= l + 1;
    }
}

/* Length of the head (through its empty line) in buf, or 0 when not all there. */
static size_t head_end(const unsigned char *p, size_t n)
{
    for (size_t i = 0; i + 1 < n; i++) {
        if (p[i] != '\n') continue;
        if (p[i + 1] == '\n') return i + 2;
        if (i + 2 < n && p[i + 1] == '\r' && p[i + 2] == '\n') return i + 3;
    }
    return 0;
}

/* Does the start of the client's stream still agree with "GET "? */
static int get_prefix(const unsigned char *p, size_t n)
{
    static const char get[] = "GET ";
    for (size_t i = 0; i < n && i < 4; i++)
        if (p[i] != (unsigned char)get[i]) return 0;
    return 1;
}

static void frames_feed(ws_conn *w, ws_dir d, const unsigned char *p, size_t n, unsigned long tag);

/* Both heads are in: decide, then decode the frame bytes each side already sent. */
static void handshake_settle(ws_conn *w)
{
    ws_half *c = &w->h[WS_C2S], *s = &w->h[WS_S2C];
    if (!c->head_done || !s->head_done || w->state != WS_HANDSHAKE) return;
    if (w->status != 101) {
        w->state = WS_REFUSED;
        for (int d = 0; d < 2; d++) {
            w->cnt.bytes_skipped += w->h[d].hs_len;
            w->h[d].hs_len = 0;
            w->h[d].nhold = 0;
            w->h[d].phase = PH_DEAD;
        }
        return;
    }
    w->state = WS_OPEN;
    w->dfl.known = 1;
    emit(w, WS_EV_UPGRADE, WS_S2C, 0, s->hs_tag, 101, NULL, 0);
    if (!w->sip_req || !w->sip_resp) emit(w, WS_EV_NO_SIP_PROTO, WS_S2C, 0, s->hs_tag, -1, NULL, 0);
    for (int d = 0; d < 2; d++) {
        ws_half *h = &w->h[d];
        if (h->phase == PH_DEAD) continue;    /* given up (ws_end_dir, oversized hold) */
        h->phase = PH_FRAMES;
        size_t held = h->hs_len;
        h->hs_len = 0;
        /* pos already counts these bytes; frames_feed counts them again, a packet's
         * worth at a time */
        h->pos -= held;
        for (size_t i = 0; i < h->nhold; i++) {
            size_t from = h->hold[i].at, to = i + 1 < h->nhold ? h->hold[i + 1].at : held;
            frames_feed(w, (ws_dir)d, h->hs + from, to - from, h->hold[i].tag);
        }
        h->nhold = 0;
    }
}

/* Held bytes from at on came with tag. Should the list not grow (out of memory), the
 * bytes stay held under the previous piece's tag: only their frame numbers suffer. */
static void hold_add(ws_half *h, size_t at, unsigned long tag)
{
    if (h->nhold > 0 && h->hold[h->nhold - 1].tag == tag) return;
    if (h->nhold == h->hold_cap) {
        size_t cap = h->hold_cap ? h->hold_cap * 2 : 16;
        hold_piece *n = realloc(h->hold, cap * sizeof *n);
        if (!n) return;
        h->hold = n;
        h->hold_cap = cap;
    }
    h->hold[h->nhold++] = (hold_piece){ at, tag };
}

/* Takes handshake-phase bytes of one direction. */
static void head_feed(ws_conn *w, ws_dir d, const unsigned char *p, size_t n, unsigned long tag)
{
    ws_half *h = &w->h[d];
    if (h->hs_len == 0) h->hs_tag = tag;
    size_t old = h->hs_len;
    if (grow(&h->hs, &h->hs_cap, old + n, w->lim.max_handshake) != 0) {
        /* Over the cap: an HTTP head this large is not a SIP WebSocket upgrade. */
        emit(w, WS_EV_HANDSHAKE_BIG, d, h->pos - old, h->hs_tag, -1, NULL, 0);
        if (d == WS_C2S && !h->head_done) { w->state = WS_NOT_WS; return; }
        w->cnt.bytes_skipped += old + n;
        h->hs_len = 0;
        h->nhold = 0;
        h->phase = PH_DEAD;
        if (d == WS_S2C && !h->head_done) w->state = WS_REFUSED;
        return;
    }
    memcpy(h->hs + old, p, n);
    h->hs_len = old + n;
    if (h->phase == PH_HOLD) {                /* client frames waiting for the 101 */
        hold_add(h, old, tag);
        return;
    }

    if (d == WS_C2S && !get_prefix(h->hs, h->hs_len)) { w->state = WS_NOT_WS; return; }
    size_t end = head_end(h->hs + (old > 3 ? old - 3 : 0), h->hs_len - (old > 3 ? old - 3 : 0));
    if (end == 0) return;
    end += old > 3 ? old - 3 : 0;

    const unsigned char *first_nl = memchr(h->hs, '\n', end);
    size_t first = (size_t)(first_nl - h->hs) + 1;
    int upgrade = 0;
    if (d == WS_C2S) {
        /* Request-Line "GET" SP target SP "HTTP/1.1" */
        size_t l = first;
        while (l > 0 && (h->hs[l - 1] == '\n' || h->hs[l - 1] == '\r')) l--;
        int http11 = l >= 9 && memcmp(h->hs + l - 9, " HTTP/1.1", 9) == 0;
        head_fields(w, d, h->hs + first, end - first, &upgrade);
        if (!http11 || !upgrade) { w->state = WS_NOT_WS; return; }
    } else {
        /* Status-Line "HTTP/1.1" SP 3DIGIT SP reason */
        if (end < 12 || memcmp(h->hs, "HTTP/1.", 7) != 0 || h->hs[8] != ' ' ||
            h->hs[9] < '1' || h->hs[9] > '5' || h->hs[10] < '0' || h->hs[10] > '9' ||
            h->hs[11] < '0' || h->hs[11] > '9') {
            emit(w, WS_EV_BAD_HANDSHAKE, d, h->pos - old, h->hs_tag, -1, NULL, 0);
            w->status = -1;
        } else {
            w->status = (h->hs[9] - '0') * 100 + (h->hs[10] - '0') * 10 + (h->hs[11] - '0');
            if (w->status == 101) head_fields(w, d, h->hs + first, end - first, &upgrade);
        }
    }
    w->cnt.bytes_handshake += end;
    h->head_done = 1;
    h->phase = PH_HOLD;
    memmove(h->hs, h->hs + end, h->hs_len - end);
    h->hs_len -= end;
    h->hs_tag = tag;
    h->nhold = 0;
    if (h->hs_len > 0) hold_add(h, 0, tag);  /* frames behind the head, same packet */
    handshake_settle(w);
}

/* ---- messages and inflating (RFC 7692 §7.2.2) ----------------------------------- */

static void msg_reset(ws_half *h)
{
    h->msg_open = h->msg_skip = h->msg_rsv1 = 0;
    h->msg_frames = 0;
    h->len = 0;
}

static void z_drop(ws_half *h)
{
    if (h->z_ready) inflateEnd(&h->z);
    h->z_ready = 0;
}

/* A compressed message was lost: with context takeover the next ones may point into it. */
static void context_broken(ws_conn *w, ws_dir d)
{
    ws_half *h = &w->h[d];
    z_drop(h);
    if (!w->dfl.known || !w->dfl.no_takeover[d]) h->z_lost = 1;
}

/* Inflates the message in h->buf into w->out. Returns the inflated length, or -1 after
 * reporting why not. */
static long long inflate_msg(ws_conn *w, ws_dir d, uint64_t off, unsigned long tag)
{
    ws_half *h = &w->h[d];
    if (!h->z_ready) {
        memset(&h->z, 0, sizeof h->z);
        int bits = w->dfl.known ? w->dfl.window_bits[d] : 15;
        if (bits < 9) bits = 9;
        if (inflateInit2(&h->z, -bits) != Z_OK) {
            emit(w, WS_EV_INFLATE, d, off, tag, -1, NULL, 0);
            return -1;
        }
        h->z_ready = 1;
    }
    memcpy(h->buf + h->len, deflate_tail, sizeof deflate_tail);   /* room kept by msg_room */
    h->z.next_in = h->buf;
    h->z.avail_in = (uInt)(h->len + sizeof deflate_tail);
    /* One byte more than the cap: producing it proves the message too large. */
    size_t limit = w->lim.max_inflated + 1, got = 0;
    int rc = Z_OK, full = 0;
    for (;;) {
        if (got == w->out_cap && grow(&w->out, &w->out_cap, got + 1, limit) != 0) { full = 1; break; }
        h->z.next_out = w->out + got;
        h->z.avail_out = (uInt)(w->out_cap - got);
        rc = inflate(&h->z, Z_SYNC_FLUSH);
        got = w->out_cap - h->z.avail_out;
        if (rc == Z_STREAM_END) break;
        if (rc != Z_OK && rc != Z_BUF_ERROR) break;
        if (h->z.avail_in == 0 && h->z.avail_out > 0) break;  /* all input taken */
        if (rc == Z_BUF_ERROR && h->z.avail_out > 0) break;  /* no progress possible */
    }
    if (full || got > w->lim.max_inflated) {
        context_broken(w, d);
        emit(w, WS_EV_INFLATE_CAP, d, off, tag, -1, NULL, 0);
        return -1;
    }
    if (rc == Z_STREAM_END) {
        /* BFINAL ended the deflate stream: the next message starts a fresh one. */
        z_drop(h);
    } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
        int lost = h->z_lost;
        context_broken(w, d);
        ws_event_kind k = !w->dfl.known ? WS_EV_INFLATE_UNKNOWN : lost ? WS_EV_INFLATE_LOST : WS_EV_INFLATE;
        const char *why = h->z.msg;
        emit(w, k, d, off, tag, -1, (const unsigned char *)why, why ? strlen(why) : 0);
        return -1;
    } else if (w->dfl.known && w->dfl.no_takeover[d]) {
        inflateReset(&h->z);
    }
    return (long long)got;
}

static void msg_complete(ws_conn *w, ws_dir d, unsigned long tag)
{
    ws_half *h = &w->h[d];
    if (h->msg_skip) { msg_reset(h); return; }
    ws_msg m = { d, h->msg_opcode, h->buf, h->len, h->msg_rsv1, h->len, h->msg_frames,
                 h->msg_first_tag, tag, h->msg_offset };
    if (h->msg_rsv1) {
        long long got = inflate_msg(w, d, h->msg_offset, tag);
        if (got < 0) { msg_reset(h); return; }
        m.data = w->out;
        m.len = (size_t)got;
    }
    static const unsigned char empty[1];
    if (!m.data) m.data = empty;     /* an empty message still has a valid pointer */
    w->cnt.messages++;
    if (w->on_msg) w->on_msg(w->user, &m);
    msg_reset(h);
}

/* Makes room for k more payload bytes (and the deflate tail); 0, or -1 when the
 * message would pass the cap (or memory ran out). */
static int msg_room(ws_conn *w, ws_half *h, uint64_t k)
{
    if (k > w->lim.max_message || h->len + k > w->lim.max_message) return -1;
    return grow(&h->buf, &h->cap, h->len + (size_t)k + sizeof deflate_tail,
                w->lim.max_message + sizeof deflate_tail);
}

/* ---- frames (RFC 6455 §5.2) ------------------------------------------------------ */

/* A fatal framing error: the rest of the direction cannot be trusted. */
static void fatal(ws_conn *w, ws_dir d, ws_event_kind k)
{
    ws_half *h = &w->h[d];
    emit(w, k, d, h->frame_start, h->frame_tag, -1, NULL, 0);
    if (h->msg_open && h->msg_rsv1) context_broken(w, d);
    msg_reset(h);
    h->phase = PH_DEAD;
    h->in_payload = 0;
    h->hdr_have = 0;
}

/* Close codes a peer may send (RFC 6455 §7.4.1, §7.4.2). */
static int close_code_ok(int c)
{
    if (c < 1000 || c >= 5000) return 0;
    if (c == 1004 || c == 1005 || c == 1006 || c == 1015) return 0;
    return c <= 1014 || c >= 3000;
}

static void frame_end(ws_conn *w, ws_dir d, unsigned long tag)
{
    ws_half *h = &w->h[d];
    h->in_payload = 0;
    h->hdr_have = 0;
    if (h->opcode & 8) {
        if (h->opcode == WS_OP_PING || h->opcode == WS_OP_PONG) {
            emit(w, h->opcode == WS_OP_PING ? WS_EV_PING : WS_EV_PONG, d, h->frame_start,
                 h->frame_tag, -1, h->ctl, h->ctl_len);
            return;
        }
        int code = -1;
        if (h->ctl_len == 1) emit(w, WS_EV_BAD_CLOSE, d, h->frame_start, h->frame_tag, -1, NULL, 0);
        if (h->ctl_len >= 2) {
            code = h->ctl[0] << 8 | h->ctl[1];
            if (!close_code_ok(code)) emit(w, WS_EV_BAD_CLOSE, d, h->frame_start, h->frame_tag, code, NULL, 0);
        }
        emit(w, WS_EV_CLOSE, d, h->frame_start, h->frame_tag, code,
             h->ctl_len > 2 ? h->ctl + 2 : NULL, h->ctl_len > 2 ? h->ctl_len - 2 : 0);
        if (h->msg_open) {
            emit(w, WS_EV_CLOSE_PARTIAL, d, h->msg_offset, h->msg_first_tag, code, NULL, 0);
            if (h->msg_rsv1) context_broken(w, d);
            msg_reset(h);
        }
        h->closed = 1;
        h->phase = PH_DEAD;
        if (w->h[!d].closed) w->state = WS_CLOSED;
        return;
    }
    if (h->fin) msg_complete(w, d, tag);
}

/* The header is complete: check it and set up the payload. 0, or -1 after fatal(). */
static int frame_start(ws_conn *w, ws_dir d)
{
    ws_half *h = &w->h[d];
    const unsigned char *b = h->hdr;
    h->fin = b[0] >> 7;
    h->rsv1 = (b[0] >> 6) & 1;
    h->opcode = b[0] & 0x0f;
    h->masked = b[1] >> 7;
    unsigned len7 = b[1] & 0x7f;
    size_t at = 2;
    uint64_t len = len7;
    if (b[0] & 0x30) { fatal(w, d, WS_EV_RESERVED_BITS); return -1; }
    if ((h->opcode >= 3 && h->opcode <= 7) || h->opcode >= 0xb) { fatal(w, d, WS_EV_RESERVED_OP); return -1; }
    if (len7 == 126) {
        len = (uint64_t)b[2] << 8 | b[3];
        at = 4;
        if (len < 126) emit(w, WS_EV_NONMINIMAL, d, h->frame_start, h->frame_tag, -1, NULL, 0);
    } else if (len7 == 127) {
        if (b[2] & 0x80) { fatal(w, d, WS_EV_BAD_LENGTH); return -1; }
        len = 0;
        for (int i = 0; i < 8; i++) len = len << 8 | b[2 + i];
        at = 10;
        if (len < 65536) emit(w, WS_EV_NONMINIMAL, d, h->frame_start, h->frame_tag, -1, NULL, 0);
    }
    if (h->masked) memcpy(h->key, b + at, 4);
    if (h->masked != (d == WS_C2S) && !h->mask_reported) {
        h->mask_reported = 1;
        emit(w, WS_EV_MASK_RULE, d, h->frame_start, h->frame_tag, -1, NULL, 0);
    }
    h->remain = len;
    h->payload_pos = 0;
    h->in_payload = 1;
    w->cnt.frames++;

    if (h->opcode & 8) {
        if (!h->fin || len > 125) { fatal(w, d, WS_EV_CONTROL_FRAME); return -1; }
        if (h->rsv1) { fatal(w, d, WS_EV_RESERVED_BITS); return -1; }
        h->sink = SINK_CTL;
        h->ctl_len = 0;
        return 0;
    }
    if (h->opcode == WS_OP_CONT) {
        if (!h->msg_open) { fatal(w, d, WS_EV_BAD_CONT); return -1; }
        if (h->rsv1) { fatal(w, d, WS_EV_RSV1_CONT); return -1; }
    } else {
        if (h->msg_open) { fatal(w, d, WS_EV_INTERLEAVED); return -1; }
        if (h->rsv1 && !w->dfl.enabled) {
            /* Without a handshake, RSV1 is the only sign of permessage-deflate. */
            if (w->dfl.known) { fatal(w, d, WS_EV_RESERVED_BITS); return -1; }
            w->dfl.enabled = 1;
            w->dfl.window_bits[0] = w->dfl.window_bits[1] = 15;
        }
        h->msg_open = 1;
        h->msg_rsv1 = h->rsv1;
        h->msg_opcode = h->opcode;
        h->msg_first_tag = h->frame_tag;
        h->msg_offset = h->frame_start;
        h->len = 0;
    }
    h->msg_frames++;
    if (!h->msg_skip && msg_room(w, h, len) != 0) {
        emit(w, WS_EV_OVERSIZE, d, h->msg_offset, h->msg_first_tag, -1, NULL, 0);
        if (h->msg_rsv1) context_broken(w, d);
        h->msg_skip = 1;
        h->len = 0;
    }
    h->sink = h->msg_skip ? SINK_SKIP : SINK_MSG;
    return 0;
}

/* Header bytes a frame needs once its first two are known. */
static size_t header_need(const unsigned char *b)
{
    unsigned len7 = b[1] & 0x7f;
    return 2 + (len7 == 126 ? 2 : len7 == 127 ? 8 : 0) + (b[1] & 0x80 ? 4 : 0);
}

static void frames_feed(ws_conn *w, ws_dir d, const unsigned char *p, size_t n, unsigned long tag)
{
    ws_half *h = &w->h[d];
    while (n > 0) {
        if (h->phase == PH_DEAD) {
            if (h->closed && !h->after_close_reported) {
                h->after_close_reported = 1;
                emit(w, WS_EV_AFTER_CLOSE, d, h->pos, tag, -1, NULL, 0);
            }
            w->cnt.bytes_skipped += n;
            h->pos += n;
            return;
        }
        if (!h->in_payload) {
            if (h->hdr_have == 0) {
                h->frame_start = h->pos;
                h->frame_tag = tag;
                h->hdr_need = 2;
            }
            size_t k = h->hdr_need - h->hdr_have;
            if (k > n) k = n;
            memcpy(h->hdr + h->hdr_have, p, k);
            h->hdr_have += k;
            p += k; n -= k; h->pos += k;
            w->cnt.bytes_framed += k;
            if (h->hdr_have == 2) h->hdr_need = header_need(h->hdr);
            if (h->hdr_have < h->hdr_need) continue;
            if (frame_start(w, d) != 0) continue;      /* now dead: the rest is skipped */
            if (h->remain == 0) frame_end(w, d, tag);
            continue;
        }
        size_t k = h->remain < n ? (size_t)h->remain : n;
        unsigned char *dst = h->sink == SINK_MSG ? h->buf + h->len
                           : h->sink == SINK_CTL ? h->ctl + h->ctl_len : NULL;
        if (dst) {
            for (size_t i = 0; i < k; i++)
                dst[i] = h->masked ? p[i] ^ h->key[(h->payload_pos + i) & 3] : p[i];
            if (h->sink == SINK_MSG) h->len += k; else h->ctl_len += k;
            w->cnt.bytes_framed += k;
        } else {
            w->cnt.bytes_skipped += k;
        }
        h->payload_pos += k;
        h->remain -= k;
        p += k; n -= k; h->pos += k;
        if (h->remain == 0) frame_end(w, d, tag);
    }
}

/* ---- the public functions ------------------------------------------------------- */

ws_conn *ws_new(const ws_limits *lim, int after_handshake, ws_msg_fn on_msg,
                ws_event_fn on_event, void *user)
{
    ws_conn *w = calloc(1, sizeof *w);
    if (!w) return NULL;
    w->lim.max_handshake = lim && lim->max_handshake ? lim->max_handshake : WS_DEFAULT_HANDSHAKE;
    w->lim.max_message = lim && lim->max_message ? lim->max_message : WS_DEFAULT_MESSAGE;
    w->lim.max_inflated = lim && lim->max_inflated ? lim->max_inflated : WS_DEFAULT_INFLATED;
    /* zlib counts in uInt: keep every buffer well inside it */
    if (w->lim.max_message > (1u << 30)) w->lim.max_message = 1u << 30;
    if (w->lim.max_inflated > (1u << 30)) w->lim.max_inflated = 1u << 30;
    w->on_msg = on_msg;
    w->on_event = on_event;
    w->user = user;
    w->after_handshake = after_handshake;
    w->dfl.window_bits[0] = w->dfl.window_bits[1] = 15;
    if (after_handshake) {
        w->state = WS_OPEN;
        w->h[0].phase = w->h[1].phase = PH_FRAMES;
    }
    return w;
}

void ws_free(ws_conn *w)
{
    if (!w) return;
    for (int d = 0; d < 2; d++) {
        z_drop(&w->h[d]);
        free(w->h[d].hs);
        free(w->h[d].hold);
        free(w->h[d].buf);
    }
    free(w->out);
    free(w);
}

ws_state ws_feed(ws_conn *w, ws_dir d, const unsigned char *p, size_t n, unsigned long tag)
{
    if (d != WS_C2S && d != WS_S2C) return w->state;
    if (w->state == WS_NOT_WS || n == 0) return w->state;
    ws_half *h = &w->h[d];
    if (w->state == WS_REFUSED) {
        w->cnt.bytes_skipped += n;
        h->pos += n;
        return w->state;
    }
    if (h->phase == PH_HEAD || h->phase == PH_HOLD) {
        h->pos += n;
        head_feed(w, d, p, n, tag);
        return w->state;
    }
    frames_feed(w, d, p, n, tag);
    return w->state;
}

void ws_end_dir(ws_conn *w, ws_dir d)
{
    if (!w || w->state == WS_NOT_WS || (d != WS_C2S && d != WS_S2C)) return;
    ws_half *h = &w->h[d];
    int partial = h->hs_len > 0 || (h->phase == PH_FRAMES && (h->hdr_have > 0 || h->in_payload || h->msg_open));
    if (!partial) return;
    uint64_t off = h->msg_open ? h->msg_offset : h->hs_len ? h->pos - h->hs_len : h->frame_start;
    emit(w, WS_EV_END_PARTIAL, d, off, h->msg_open ? h->msg_first_tag : h->frame_tag, -1, NULL, 0);
    w->cnt.bytes_partial += h->hs_len;
    h->hs_len = 0;
    h->nhold = 0;
    if (h->msg_open && h->msg_rsv1) context_broken(w, d);
    msg_reset(h);
    h->in_payload = 0;
    h->hdr_have = 0;
    h->phase = PH_DEAD;
}

void ws_finish(ws_conn *w)
{
    ws_end_dir(w, WS_C2S);
    ws_end_dir(w, WS_S2C);
}

ws_state ws_get_state(const ws_conn *w) { return w->state; }

uint64_t ws_settled(const ws_conn *w, ws_dir d)
{
    const ws_half *h = &w->h[d == WS_S2C];
    if (w->state == WS_NOT_WS) return 0;
    if (w->state == WS_REFUSED || h->phase == PH_DEAD) return h->pos;
    /* held: the head being read, or client frames waiting for the 101 */
    if (h->phase == PH_HEAD || h->phase == PH_HOLD) return h->pos - h->hs_len;
    /* a message over the cap is being skipped: its bytes so far are known lost, and
     * holding them would hold the whole oversized message */
    if (h->msg_open && h->msg_skip) return h->pos;
    if (h->msg_open) return h->msg_offset;
    if (h->hdr_have > 0 || h->in_payload) return h->frame_start;
    return h->pos;
}
const ws_counters *ws_get_counters(const ws_conn *w) { return &w->cnt; }
const ws_deflate *ws_get_deflate(const ws_conn *w) { return &w->dfl; }
int ws_sip_protocol(const ws_conn *w) { return w->sip_req && w->sip_resp; }

int ws_is_tls(const unsigned char *p, size_t n)
{
    /* ContentType handshake(22), ProtocolVersion {3, 0..4}, length (RFC 8446 §5.1:
     * at most 2^14 + 256 for a plaintext record; allow the ciphertext bound) */
    if (n >= 1 && p[0] != 22) return 0;
    if (n >= 2 && p[1] != 3) return 0;
    if (n >= 3 && p[2] > 4) return 0;
    if (n < 5) return -1;
    unsigned len = (unsigned)p[3] << 8 | p[4];
    return len >= 1 && len <= 16384 + 2048;
}
