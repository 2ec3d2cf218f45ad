/* tools/sipparse/ws.h: a WebSocket decoder for one TCP connection (RFC 6455), with
 * SIP's subprotocol in mind (RFC 7118) and permessage-deflate (RFC 7692).
 *
 * The caller owns the TCP reassembly: it feeds each direction's bytes in order, in
 * pieces of any size, with a tag of its own for each piece (a frame number). The
 * decoder recognises the HTTP Upgrade handshake, cuts frames, joins fragments into
 * messages, inflates compressed ones, and hands out one callback per complete message
 * and one per event (ping, pong, close, error, drop). It never keeps more than the
 * bytes of one unfinished handshake, one frame header, one message and its inflated
 * form, each under a cap (ws_limits). What it cannot decode it counts (ws_counters). */
#ifndef SIPPARSE_WS_H
#define SIPPARSE_WS_H
#include <stddef.h>
#include <stdint.h>

/* Which way the bytes flow. The client is the side that sent the Upgrade request (in
 * --decode ws:PORT mode, the side that talks to PORT). */
typedef enum ws_dir { WS_C2S = 0, WS_S2C = 1 } ws_dir;

/* Where a connection stands; ws_feed returns it after every piece. */
typedef enum ws_state {
    WS_HANDSHAKE = 0,  /* waiting for (more of) the Upgrade request or the 101 */
    WS_OPEN,           /* frames are being decoded */
    WS_NOT_WS,         /* the client's first bytes are not an Upgrade request: the
                        * caller treats the stream as plain SIP/TCP or something else */
    WS_REFUSED,        /* the server answered the Upgrade with another status */
    WS_CLOSED,         /* both sides sent Close, or a fatal error ended both */
} ws_state;

/* Opcodes (RFC 6455 §5.2). */
enum { WS_OP_CONT = 0x0, WS_OP_TEXT = 0x1, WS_OP_BINARY = 0x2,
       WS_OP_CLOSE = 0x8, WS_OP_PING = 0x9, WS_OP_PONG = 0xA };

/* Everything that is not a message: its kind and the sentence shown to a user. Errors
 * (the ones with a byte offset) stop the direction they happen in, except where noted. */
#define WS_EVENTS(X) \
    X(UPGRADE,       "WebSocket upgrade accepted") \
    X(PING,          "ping") \
    X(PONG,          "pong") \
    X(CLOSE,         "close") \
    X(CLOSE_PARTIAL, "close while a fragmented message was incomplete (message dropped)") \
    X(END_PARTIAL,   "connection ended inside a frame or a fragmented message (dropped)") \
    X(AFTER_CLOSE,   "bytes after the close frame (ignored)") \
    X(MASK_RULE,     "masking rule broken (client frames must be masked, server frames not)") \
    X(NO_SIP_PROTO,  "upgrade without the 'sip' subprotocol (decoded all the same)") \
    X(BAD_HANDSHAKE, "malformed HTTP upgrade") \
    X(HANDSHAKE_BIG, "HTTP upgrade larger than the handshake cap") \
    X(BAD_EXTENSION, "unusable permessage-deflate parameter (defaults assumed)") \
    X(RESERVED_OP,   "reserved opcode") \
    X(RESERVED_BITS, "reserved bits set (RSV2/RSV3, or RSV1 without permessage-deflate)") \
    X(BAD_LENGTH,    "64-bit payload length with its most significant bit set") \
    X(NONMINIMAL,    "payload length not in its shortest form (decoded all the same)") \
    X(CONTROL_FRAME, "control frame fragmented or longer than 125 bytes") \
    X(BAD_CLOSE,     "close frame with a 1-byte payload or a reserved code") \
    X(BAD_CONT,      "continuation frame with no message to continue") \
    X(INTERLEAVED,   "new data frame while a fragmented message is incomplete") \
    X(RSV1_CONT,     "RSV1 on a continuation frame") \
    X(OVERSIZE,      "message larger than the message cap (skipped)") \
    X(INFLATE,       "permessage-deflate data does not inflate (message dropped)") \
    X(INFLATE_CAP,   "inflated message larger than the inflate cap (refused, dropped)") \
    X(INFLATE_LOST,  "compression context lost by an earlier drop (message dropped)") \
    X(INFLATE_UNKNOWN, "compressed message does not inflate: the capture started after the " \
                       "handshake, so the compression context is unknown (message dropped)")
#define WS_EV_ENUM(id, text) WS_EV_##id,
typedef enum ws_event_kind { WS_EVENTS(WS_EV_ENUM) WS_EV_COUNT } ws_event_kind;
#undef WS_EV_ENUM

/* The sentence for an event kind. */
const char *ws_event_text(ws_event_kind k);
/* Short stable name for an event kind ("ping", "inflate_cap", ...), for JSON keys. */
const char *ws_event_name(ws_event_kind k);

/* One complete WebSocket message (opcode TEXT or BINARY), inflated when it was
 * compressed. data points into the decoder's own buffer: valid during the callback. */
typedef struct ws_msg {
    ws_dir dir;
    unsigned opcode;
    const unsigned char *data;
    size_t len;
    int compressed;            /* 1: RSV1 was set, data is the inflated form */
    size_t wire_len;           /* payload bytes on the wire (before inflating) */
    unsigned frames;           /* frames that carried it, control frames not counted */
    unsigned long first_tag;   /* the tag of the piece holding its first frame's first byte */
    unsigned long last_tag;    /* ... and of the piece holding its last byte */
    uint64_t offset;           /* where its first frame starts in the direction's stream */
} ws_msg;

/* One event. offset is a byte position in the direction's stream (0 = the first byte
 * fed for that direction); for CLOSE, code is the status code (or -1 when the frame had
 * no payload) and text/text_len the reason; for PING and PONG text is the payload. */
typedef struct ws_event {
    ws_event_kind kind;
    ws_dir dir;
    uint64_t offset;
    unsigned long tag;
    int code;
    const unsigned char *text;
    size_t text_len;
} ws_event;

typedef void (*ws_msg_fn)(void *user, const ws_msg *m);
typedef void (*ws_event_fn)(void *user, const ws_event *e);

/* Caps, in bytes. Zero fields take the defaults (WS_DEFAULT_*). */
typedef struct ws_limits {
    size_t max_handshake;   /* one direction's HTTP head, and client bytes held until the 101 */
    size_t max_message;     /* a message's payload on the wire, all its fragments */
    size_t max_inflated;    /* a compressed message once inflated: above it, refused */
} ws_limits;
#define WS_DEFAULT_HANDSHAKE (16u * 1024u)
#define WS_DEFAULT_MESSAGE (1024u * 1024u)
#define WS_DEFAULT_INFLATED (1024u * 1024u)

/* permessage-deflate as negotiated (RFC 7692 §7.1). "client" parameters describe what
 * the client compresses, so they apply to the C2S direction. */
typedef struct ws_deflate {
    int enabled;                    /* the 101 accepted permessage-deflate */
    int known;                      /* 0: --decode ws:PORT, parameters guessed */
    int no_takeover[2];             /* [WS_C2S] client_, [WS_S2C] server_no_context_takeover */
    int window_bits[2];             /* client_ / server_max_window_bits, 8..15 */
} ws_deflate;

/* Totals over the connection, both directions. Every byte fed ends up in exactly one of
 * the byte counters once the connection is finished (ws_finish). */
typedef struct ws_counters {
    unsigned long messages, frames;
    unsigned long events[WS_EV_COUNT];
    uint64_t bytes_handshake;   /* HTTP request and response heads */
    uint64_t bytes_framed;      /* frame headers and payloads decoded */
    uint64_t bytes_skipped;     /* payloads of dropped messages, bytes after an error/close */
    uint64_t bytes_partial;     /* an unfinished frame or handshake at the end */
} ws_counters;

typedef struct ws_conn ws_conn;

/* Makes a decoder for one connection. after_handshake = 0: the client's first bytes
 * must be an Upgrade request; 1: the capture started after the handshake (--decode
 * ws:PORT), frames from the first byte, deflate parameters unknown. Either callback may
 * be NULL. Returns NULL when out of memory. */
ws_conn *ws_new(const ws_limits *lim, int after_handshake, ws_msg_fn on_msg,
                ws_event_fn on_event, void *user);
/* Releases it (NULL is fine). Call ws_finish first to hear about unfinished data. */
void ws_free(ws_conn *w);

/* Feeds the next n bytes of one direction; tag identifies this piece in the callbacks.
 * Returns the connection's state afterwards. On WS_NOT_WS nothing was taken from any
 * piece so far: the caller still has the stream. */
ws_state ws_feed(ws_conn *w, ws_dir dir, const unsigned char *p, size_t n, unsigned long tag);
/* The connection ended (FIN, RST, end of the capture): reports unfinished frames,
 * fragmented messages and handshakes (END_PARTIAL), and counts their bytes. */
void ws_finish(ws_conn *w);
/* The same for one direction whose stream ended or lost bytes while the other goes
 * on: what it holds unfinished (client frames waiting for the 101 included) is given up
 * and the direction decodes nothing more. Nothing changes when it holds nothing. */
void ws_end_dir(ws_conn *w, ws_dir d);

ws_state ws_get_state(const ws_conn *w);
/* Stream offset in direction dir before which every byte's fate is known: bytes from
 * there on (an unfinished handshake, frame or fragmented message) may still go into a
 * message. A caller that counts packets by what their bytes became waits for it. */
uint64_t ws_settled(const ws_conn *w, ws_dir dir);
const ws_counters *ws_get_counters(const ws_conn *w);
const ws_deflate *ws_get_deflate(const ws_conn *w);
/* 1 when the handshake named the 'sip' subprotocol (request and response). */
int ws_sip_protocol(const ws_conn *w);

/* TLS record check for a stream's first bytes: 1 when they are a TLS handshake record
 * (content type 22, version 3.x, a plausible length), 0 when not, -1 when fewer than 5
 * bytes were given and the ones present agree. Such a connection (wss, sips) is counted
 * by the caller as "TLS, not decodable (use a key log or HEP)". */
int ws_is_tls(const unsigned char *p, size_t n);

#endif
