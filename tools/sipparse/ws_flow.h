/* tools/sipparse/ws_flow.h: the WebSocket connection two TCP flows (one per direction)
 * share, as tcp_flow.c drives it. ws.c decodes; this glue turns its messages into SIP
 * reports and its events into the reasons packets are counted under. */
#ifndef SIPPARSE_WS_FLOW_H
#define SIPPARSE_WS_FLOW_H
#include <stdint.h>
#include "tool.h"
#include "ws.h"

typedef struct ws_link ws_link;

/* A connection held by one flow; after_handshake as in ws_new (--decode ws:PORT).
 * NULL when out of memory. */
ws_link *ws_link_new(decode_ctx *c, int after_handshake);
/* The other direction's flow holds it too. */
void ws_link_hold(ws_link *l);
/* Direction d's flow is gone (closed, or a hole it cannot resync past) and has counted
 * its unsettled bytes: what the connection holds of them is given up (ws_end_dir), so
 * no message made of them can come out later, in the other direction's feed. */
void ws_link_end(ws_link *l, ws_dir d);
/* A flow lets go; the last one ends the connection (ws_finish) and frees it. */
void ws_link_release(ws_link *l);

/* The next in-order bytes of direction d, all from the packet *pkt (frame, time,
 * endpoints of that direction). Each SIP message they complete is reported. Returns
 * the connection's state: on WS_NOT_WS no byte of either direction was used. */
ws_state ws_link_feed(ws_link *l, ws_dir d, const unsigned char *p, size_t n,
                      const pkt_info *pkt);
ws_state ws_link_state(const ws_link *l);
/* Bytes of direction d fed so far: the offset (of marks, of ws_link_settled) its next
 * byte will have. */
uint64_t ws_link_fed(const ws_link *l, ws_dir d);
/* The stream range of direction d whose packets carried SIP messages reported since
 * the last call: 1 with [*from, *to) set, 0 when none. */
int ws_link_marks(ws_link *l, ws_dir d, uint64_t *from, uint64_t *to);
/* Bytes of direction d before this offset can be counted now (ws_settled). */
uint64_t ws_link_settled(const ws_link *l, ws_dir d);
/* What settled packets of direction d that carried no SIP are counted as: the last
 * thing that happened in them, else what the direction is in (handshake, closed,
 * broken). The per-piece part is reset by the call. */
drop_reason ws_link_why(ws_link *l, ws_dir d);

#endif
