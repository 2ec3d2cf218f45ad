/* fuzz/fuzz_ws.c: the WebSocket decoder of tools/sipparse (ws.c) on any bytes.
 *
 * Input: byte 0 is the setup: bit 0 starts after the handshake (--decode ws:PORT);
 * otherwise a fixed Upgrade request and 101 are fed first, offering and (bit 1)
 * accepting permessage-deflate with client_no_context_takeover (bit 2),
 * server_no_context_takeover (bit 3) and window bits 8 + (bits 4-6); bit 7 sets small
 * caps (message 300, inflated 600) so the cap paths run. Then pieces: a byte whose bit 7
 * is the direction and whose low 7 bits + 1 are the length, then that many bytes, each
 * fed as an exact-size heap copy.
 *
 * Checked: every message within the caps and with frames >= 1 and tags in order; every
 * event offset inside what its direction was fed; and at the end every byte counted
 * once (handshake + framed + skipped + partial = fed), the state consistent. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "fuzz_common.h"
#include "../tools/sipparse/ws.h"

typedef struct fz_ws {
    ws_limits lim;
    uint64_t fed[2];
    unsigned long tag;
    unsigned long msgs, events;
} fz_ws;

static void on_msg(void *user, const ws_msg *m)
{
    fz_ws *f = user;
    CHECK(m->data != NULL);
    CHECK(m->opcode == WS_OP_TEXT || m->opcode == WS_OP_BINARY);
    CHECK(m->wire_len <= f->lim.max_message);
    CHECK(m->len <= (m->compressed ? f->lim.max_inflated : f->lim.max_message));
    CHECK(m->frames >= 1);
    CHECK(m->first_tag <= m->last_tag && m->last_tag <= f->tag);
    CHECK(m->offset < f->fed[m->dir]);
    /* touch the last byte: ASan reports a message that runs past its buffer */
    if (m->len) CHECK(((volatile const unsigned char *)m->data)[m->len - 1] <= 0xff);
    f->msgs++;
}

static void on_event(void *user, const ws_event *e)
{
    fz_ws *f = user;
    CHECK((unsigned)e->kind < WS_EV_COUNT);
    CHECK(e->dir == WS_C2S || e->dir == WS_S2C);
    CHECK(e->offset <= f->fed[e->dir]);
    CHECK(e->tag <= f->tag);
    if (e->text_len) CHECK(e->text != NULL && e->text_len <= 125 + 4096);
    CHECK(ws_event_text(e->kind)[0] != '?');
    f->events++;
}

static void feed(ws_conn *w, fz_ws *f, ws_dir d, const uint8_t *p, size_t n)
{
    char *c = fz_copy(p, n);
    f->fed[d] += n;
    f->tag++;
    ws_state s = ws_feed(w, d, (const unsigned char *)c, n, f->tag);
    CHECK(s <= WS_CLOSED);
    free(c);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    unsigned setup = data[0];
    fz_ws f = { { 0, setup & 0x80 ? 300 : 0, setup & 0x80 ? 600 : 0 }, { 0, 0 }, 0, 0, 0 };
    ws_conn *w = ws_new(&f.lim, setup & 1, on_msg, on_event, &f);
    CHECK(w != NULL);
    f.lim.max_message = f.lim.max_message ? f.lim.max_message : WS_DEFAULT_MESSAGE;
    f.lim.max_inflated = f.lim.max_inflated ? f.lim.max_inflated : WS_DEFAULT_INFLATED;
    if (!(setup & 1)) {
        static const char req[] = "GET /sip HTTP/1.1\r\nHost: f\r\nUpgrade: websocket\r\n"
            "Connection: Upgrade\r\nSec-WebSocket-Protocol: sip\r\n"
            "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n\r\n";
        char bits[40] = "", resp[512];
        if (setup & 2) snprintf(bits, sizeof bits, "; server_max_window_bits=%u", 8 + ((setup >> 4) & 7));
        int rn = snprintf(resp, sizeof resp,
            "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nSec-WebSocket-Protocol: sip\r\n"
            "%s%s%s%s\r\n\r\n",
            setup & 2 ? "Sec-WebSocket-Extensions: permessage-deflate" : "X-No: deflate",
            setup & 2 && setup & 4 ? "; client_no_context_takeover" : "",
            setup & 2 && setup & 8 ? "; server_no_context_takeover" : "", bits);
        feed(w, &f, WS_C2S, (const uint8_t *)req, sizeof req - 1);
        feed(w, &f, WS_S2C, (const uint8_t *)resp, (size_t)rn);
        CHECK(ws_get_state(w) == WS_OPEN);
        CHECK(ws_get_deflate(w)->enabled == !!(setup & 2));
    }
    size_t at = 1;
    while (at < size) {
        ws_dir d = data[at] & 0x80 ? WS_S2C : WS_C2S;
        size_t n = (size_t)(data[at] & 0x7f) + 1;
        at++;
        if (n > size - at) n = size - at;
        if (n == 0) break;
        feed(w, &f, d, data + at, n);
        at += n;
    }
    ws_finish(w);
    const ws_counters *k = ws_get_counters(w);
    CHECK(k->messages == f.msgs);
    unsigned long ev = 0;
    for (int i = 0; i < WS_EV_COUNT; i++) ev += k->events[i];
    CHECK(ev == f.events);
    if (ws_get_state(w) != WS_NOT_WS)
        CHECK(k->bytes_handshake + k->bytes_framed + k->bytes_skipped + k->bytes_partial ==
              f.fed[0] + f.fed[1]);
    ws_free(w);
    return 0;
}
