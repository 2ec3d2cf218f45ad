/* tests/tools/ws_collect.h: what a test keeps from a ws_conn's callbacks (copies of the
 * messages, the events), and the frame and handshake builders the tests use. */
#ifndef WS_COLLECT_H
#define WS_COLLECT_H
#include <stdint.h>
#include <zlib.h>
#include "../../tools/sipparse/ws.h"

#define COLL_MAX_MSG 256
#define COLL_MAX_EV 512

typedef struct got_msg {
    ws_dir dir;
    unsigned opcode;
    unsigned char *data;      /* malloc'd copy */
    size_t len;
    unsigned frames;
    int compressed;
    unsigned long first_tag, last_tag;
    uint64_t offset;
} got_msg;

typedef struct got_ev {
    ws_event_kind kind;
    ws_dir dir;
    uint64_t offset;
    unsigned long tag;
    int code;
    char text[128];
    size_t text_len;
} got_ev;

typedef struct coll {
    got_msg msg[COLL_MAX_MSG];
    size_t nmsg, lost_msg;
    got_ev ev[COLL_MAX_EV];
    size_t nev;
} coll;

void coll_on_msg(void *user, const ws_msg *m);
void coll_on_event(void *user, const ws_event *e);
void coll_free(coll *c);
/* Events of kind k seen; the first one in *first when not NULL. */
size_t coll_count(const coll *c, ws_event_kind k, const got_ev **first);
/* 1 when two collections hold the same messages and events (tags aside). */
int coll_same(const coll *a, const coll *b);

/* Writes one frame into out (which has room); lenform 0 picks the shortest length
 * form, 16 or 64 force that one. key NULL: unmasked. Returns its size. */
size_t mk_frame(unsigned char *out, int fin, int rsv, unsigned opcode, const unsigned char *key,
                const void *payload, size_t len, int lenform);
/* RFC 7692 §7.2.1: deflate with a sync flush, the 00 00 ff ff tail removed. */
size_t pmd_compress(z_stream *z, const void *in, size_t n, unsigned char *out, size_t cap);
/* An Upgrade request and a 101 with the given Sec-WebSocket-Extensions (NULL: none). */
size_t mk_request(char *out, size_t cap, const char *extensions);
size_t mk_response(char *out, size_t cap, const char *extensions);

#endif
