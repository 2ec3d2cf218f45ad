/* tests/tools/ws_collect.c: the callbacks that record a ws_conn's output, and the
 * builders of frames, compressed payloads and handshakes (see ws_collect.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tt.h"
#include "ws_collect.h"

void coll_on_msg(void *user, const ws_msg *m)
{
    coll *c = user;
    if (c->nmsg == COLL_MAX_MSG) { c->lost_msg++; return; }
    got_msg *g = &c->msg[c->nmsg++];
    g->dir = m->dir;
    g->opcode = m->opcode;
    g->data = tt_copy(m->data, m->len);
    g->len = m->len;
    g->frames = m->frames;
    g->compressed = m->compressed;
    g->first_tag = m->first_tag;
    g->last_tag = m->last_tag;
    g->offset = m->offset;
}

void coll_on_event(void *user, const ws_event *e)
{
    coll *c = user;
    if (c->nev == COLL_MAX_EV) return;
    got_ev *g = &c->ev[c->nev++];
    g->kind = e->kind;
    g->dir = e->dir;
    g->offset = e->offset;
    g->tag = e->tag;
    g->code = e->code;
    g->text_len = e->text_len;
    size_t k = e->text_len < sizeof g->text - 1 ? e->text_len : sizeof g->text - 1;
    if (k) memcpy(g->text, e->text, k);
    g->text[k] = '\0';
}

void coll_free(coll *c)
{
    for (size_t i = 0; i < c->nmsg; i++) free(c->msg[i].data);
    c->nmsg = c->nev = c->lost_msg = 0;
}

size_t coll_count(const coll *c, ws_event_kind k, const got_ev **first)
{
    size_t n = 0;
    for (size_t i = 0; i < c->nev; i++) {
        if (c->ev[i].kind != k) continue;
        if (n == 0 && first) *first = &c->ev[i];
        n++;
    }
    return n;
}

int coll_same(const coll *a, const coll *b)
{
    if (a->nmsg != b->nmsg || a->nev != b->nev) return 0;
    for (size_t i = 0; i < a->nmsg; i++) {
        const got_msg *x = &a->msg[i], *y = &b->msg[i];
        if (x->dir != y->dir || x->opcode != y->opcode || x->len != y->len ||
            x->frames != y->frames || x->offset != y->offset ||
            memcmp(x->data, y->data, x->len) != 0)
            return 0;
    }
    for (size_t i = 0; i < a->nev; i++) {
        const got_ev *x = &a->ev[i], *y = &b->ev[i];
        if (x->kind != y->kind || x->dir != y->dir || x->offset != y->offset ||
            x->code != y->code || x->text_len != y->text_len || strcmp(x->text, y->text) != 0)
            return 0;
    }
    return 1;
}

size_t mk_frame(unsigned char *out, int fin, int rsv, unsigned opcode, const unsigned char *key,
                const void *payload, size_t len, int lenform)
{
    size_t at = 0;
    out[at++] = (unsigned char)((fin ? 0x80 : 0) | (rsv & 7) << 4 | (opcode & 0x0f));
    unsigned char m = key ? 0x80 : 0;
    if (lenform == 64 || (lenform == 0 && len > 65535)) {
        out[at++] = m | 127;
        for (int i = 7; i >= 0; i--) out[at++] = (unsigned char)((uint64_t)len >> (8 * i));
    } else if (lenform == 16 || len > 125) {
        out[at++] = m | 126;
        out[at++] = (unsigned char)(len >> 8);
        out[at++] = (unsigned char)len;
    } else {
        out[at++] = m | (unsigned char)len;
    }
    if (key) { memcpy(out + at, key, 4); at += 4; }
    const unsigned char *p = payload;
    for (size_t i = 0; i < len; i++) out[at + i] = key ? p[i] ^ key[i & 3] : p[i];
    return at + len;
}

size_t pmd_compress(z_stream *z, const void *in, size_t n, unsigned char *out, size_t cap)
{
    z->next_in = (unsigned char *)(uintptr_t)in;
    z->avail_in = (uInt)n;
    z->next_out = out;
    z->avail_out = (uInt)cap;
    int rc = deflate(z, Z_SYNC_FLUSH);
    if (rc != Z_OK || z->avail_in != 0 || z->avail_out == 0) {
        fprintf(stderr, "pmd_compress: deflate gave %d\n", rc);
        exit(2);
    }
    size_t got = cap - z->avail_out;
    /* the sync flush ends with an empty stored block: 00 00 ff ff */
    if (got < 4 || memcmp(out + got - 4, "\x00\x00\xff\xff", 4) != 0) {
        fprintf(stderr, "pmd_compress: no sync-flush tail\n");
        exit(2);
    }
    return got - 4;
}

size_t mk_request(char *out, size_t cap, const char *extensions)
{
    int n = snprintf(out, cap,
                     "GET /ws HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nUpgrade: websocket\r\n"
                     "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                     "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: sip\r\n%s%s%s\r\n",
                     extensions ? "Sec-WebSocket-Extensions: " : "", extensions ? extensions : "",
                     extensions ? "\r\n" : "");
    return (size_t)n;
}

size_t mk_response(char *out, size_t cap, const char *extensions)
{
    int n = snprintf(out, cap,
                     "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                     "Connection: Upgrade\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"
                     "Sec-WebSocket-Protocol: sip\r\n%s%s%s\r\n",
                     extensions ? "Sec-WebSocket-Extensions: " : "", extensions ? extensions : "",
                     extensions ? "\r\n" : "");
    return (size_t)n;
}
