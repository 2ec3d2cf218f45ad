/* tools/sipparse/ws_flow.c: SIP over WebSocket (RFC 7118) in reassembled TCP streams.
 *
 * tcp_flow.c finds the connection (an HTTP Upgrade request as a stream's first bytes,
 * or --decode ws:PORT) and feeds each direction's in-order bytes here, one packet's
 * worth at a time so that messages carry the frame numbers of their packets. ws.c does
 * the decoding; here each text or binary message whose first line is a SIP start line
 * becomes one SIP message (RFC 7118 §5: one message per WebSocket message, so it is
 * parsed as a datagram and Content-Length is optional), shown with transport "ws",
 * the frame of the packet that completed it (and the one that began it), and the
 * endpoints of its direction.
 *
 * Packets are counted by tcp_flow.c once ws.c is done with their bytes (ws_settled):
 * as SIP when a reported message covers them, else under the reason recorded here.
 * Known approximation: a packet holding only a control frame sent between the
 * fragments of a SIP message lies inside the message's byte range and counts as SIP. */
#include <stdlib.h>
#include "ws_flow.h"

/* Buffers grow only as far as messages need; these bound one connection. */
#define WSF_MAX_MESSAGE (256u << 10)
#define WSF_MAX_INFLATED (256u << 10)

struct ws_link {
    decode_ctx *c;
    ws_conn *w;
    int refs;
    pkt_info pkt[2];           /* the packet last fed in each direction */
    uint64_t fed[2];           /* bytes fed per direction */
    int marked[2];
    uint64_t mark_from[2], mark_to[2];
    drop_reason base[2];       /* what the direction is in */
    drop_reason piece[2];      /* what happened since the last settle; DROP_COUNT: nothing */
};

static void set_piece(ws_link *l, ws_dir d, drop_reason why) { l->piece[d] = why; }

static void on_message(void *user, const ws_msg *m)
{
    ws_link *l = user;
    decode_ctx *c = l->c;
    ws_dir d = m->dir;
    if (sip_only_crlf(m->data, m->len)) { set_piece(l, d, DROP_KEEPALIVE); return; }
    if (!sip_looks_like(m->data, m->len)) { set_piece(l, d, DROP_NOT_SIP); return; }
    /* Its last byte is among the bytes fed so far in its direction (held client frames
     * are let go when the 101 arrives, in the other direction's feed). */
    if (!l->marked[d] || m->offset < l->mark_from[d]) l->mark_from[d] = m->offset;
    l->mark_to[d] = l->fed[d];
    l->marked[d] = 1;

    pkt_info save = c->pkt;
    c->pkt = l->pkt[d];
    c->pkt.frame = m->last_tag;
    /* The captured packet (-w) only when the one being decoded carried the last byte. */
    c->pkt.raw = m->last_tag == save.frame ? save.raw : NULL;
    c->pkt.first_frame = m->first_tag;
    (void)pkt_push(c, "ws");   /* too deep: the path just lacks the layer */
    c->pkt.transport = "ws";
    static const char empty[1] = "";
    int s = process_datagram(c, m->len ? (const char *)m->data : empty, m->len);
    if (s > c->status) c->status = s;
    c->pkt = save;
}

static void on_event(void *user, const ws_event *e)
{
    ws_link *l = user;
    ws_dir d = e->dir;
    switch (e->kind) {
    case WS_EV_UPGRADE:
        set_piece(l, d, DROP_WS_HANDSHAKE);
        l->base[0] = l->base[1] = DROP_WS_NOT_DATA;
        break;
    case WS_EV_PING: case WS_EV_PONG: case WS_EV_AFTER_CLOSE:
        set_piece(l, d, DROP_WS_NOT_DATA);
        break;
    case WS_EV_CLOSE:
        set_piece(l, d, DROP_WS_NOT_DATA);
        l->base[d] = DROP_WS_NOT_DATA;
        break;
    case WS_EV_CLOSE_PARTIAL: case WS_EV_OVERSIZE: case WS_EV_INFLATE:
    case WS_EV_INFLATE_CAP: case WS_EV_INFLATE_LOST: case WS_EV_INFLATE_UNKNOWN:
        set_piece(l, d, DROP_WS_DROPPED);
        break;
    case WS_EV_BAD_HANDSHAKE: case WS_EV_HANDSHAKE_BIG: case WS_EV_MASK_RULE:
    case WS_EV_RESERVED_OP: case WS_EV_RESERVED_BITS: case WS_EV_BAD_LENGTH:
    case WS_EV_CONTROL_FRAME: case WS_EV_BAD_CONT: case WS_EV_INTERLEAVED:
    case WS_EV_RSV1_CONT:
        set_piece(l, d, DROP_WS_ERROR);
        l->base[d] = DROP_WS_ERROR;
        break;
    default: /* END_PARTIAL: tcp_flow.c counts what was left; the rest are warnings */
        break;
    }
}

ws_link *ws_link_new(decode_ctx *c, int after_handshake)
{
    ws_link *l = calloc(1, sizeof *l);
    if (!l) return NULL;
    ws_limits lim = { 0, WSF_MAX_MESSAGE, WSF_MAX_INFLATED };
    l->w = ws_new(&lim, after_handshake, on_message, on_event, l);
    if (!l->w) { free(l); return NULL; }
    l->c = c;
    l->refs = 1;
    for (int d = 0; d < 2; d++) {
        l->base[d] = after_handshake ? DROP_WS_NOT_DATA : DROP_WS_HANDSHAKE;
        l->piece[d] = DROP_COUNT;
    }
    return l;
}

void ws_link_hold(ws_link *l) { l->refs++; }

void ws_link_end(ws_link *l, ws_dir d) { ws_end_dir(l->w, d); }

void ws_link_release(ws_link *l)
{
    if (!l || --l->refs > 0) return;
    ws_finish(l->w);
    ws_free(l->w);
    free(l);
}

ws_state ws_link_feed(ws_link *l, ws_dir d, const unsigned char *p, size_t n, const pkt_info *pkt)
{
    l->pkt[d] = *pkt;
    l->fed[d] += n;
    ws_state st = ws_feed(l->w, d, p, n, pkt->frame);
    if (st == WS_REFUSED) {
        l->base[0] = l->base[1] = DROP_WS_REFUSED;
        l->piece[0] = l->piece[1] = DROP_COUNT;
    }
    return st;
}

ws_state ws_link_state(const ws_link *l) { return ws_get_state(l->w); }

uint64_t ws_link_fed(const ws_link *l, ws_dir d) { return l->fed[d]; }

int ws_link_marks(ws_link *l, ws_dir d, uint64_t *from, uint64_t *to)
{
    if (!l->marked[d]) return 0;
    *from = l->mark_from[d];
    *to = l->mark_to[d];
    l->marked[d] = 0;
    return 1;
}

uint64_t ws_link_settled(const ws_link *l, ws_dir d) { return ws_settled(l->w, d); }

drop_reason ws_link_why(ws_link *l, ws_dir d)
{
    drop_reason why = l->piece[d] != DROP_COUNT ? l->piece[d] : l->base[d];
    l->piece[d] = DROP_COUNT;
    return why;
}
