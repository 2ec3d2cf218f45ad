/* tests/tools/test_ws.c: the WebSocket decoder on hand-built streams: every length
 * form, masking, fragments with control frames between them, splits at every byte,
 * permessage-deflate with and without context takeover, a deflate bomb, and each
 * protocol error. Compressed vectors are made here with zlib's deflate. */
#include <stdlib.h>
#include <string.h>
#include "tt.h"
#include "ws_collect.h"

static const unsigned char KEY[4] = { 0x37, 0xfa, 0x21, 0x3d };
static const char OPTIONS[] = "OPTIONS sip:bob@example.com SIP/2.0\r\nVia: SIP/2.0/WS df7jal23ls0d.invalid;branch=z9hG4bKhjhs8ass877\r\nMax-Forwards: 70\r\nTo: <sip:bob@example.com>\r\nFrom: Alice <sip:alice@example.com>;tag=1928301774\r\nCall-ID: a84b4c76e66710\r\nCSeq: 63104 OPTIONS\r\n\r\n";

/* Feeds p[0..n) in one piece, as an exact-size copy. */
static ws_state feed(ws_conn *w, ws_dir d, const void *p, size_t n, unsigned long tag)
{
    unsigned char *c = tt_copy(p, n);
    ws_state s = ws_feed(w, d, c, n, tag);
    free(c);
    return s;
}

/* A connection through the handshake, with the given extension offer and answer. */
static ws_conn *open_conn(coll *c, const ws_limits *lim, const char *ext_req, const char *ext_resp)
{
    char req[1024], resp[1024];
    size_t rl = mk_request(req, sizeof req, ext_req), sl = mk_response(resp, sizeof resp, ext_resp);
    ws_conn *w = ws_new(lim, 0, coll_on_msg, coll_on_event, c);
    EXPECT(feed(w, WS_C2S, req, rl, 1) == WS_HANDSHAKE, "request alone keeps the handshake open");
    EXPECT(feed(w, WS_S2C, resp, sl, 2) == WS_OPEN, "101 opens the connection");
    return w;
}

static void test_lengths(void)
{
    static const size_t sizes[] = { 0, 1, 125, 126, 127, 1000, 65535, 65536, 70000 };
    unsigned char *payload = malloc(70000), *frame = malloc(70000 + 14);
    for (size_t i = 0; i < 70000; i++) payload[i] = (unsigned char)('a' + i % 26);
    for (size_t si = 0; si < sizeof sizes / sizeof sizes[0]; si++) {
        for (int form = 0; form <= 64; form += 16) {
            if (form == 16 && sizes[si] > 65535) continue;
            if (form == 32 || form == 48) continue;
            for (int masked = 0; masked < 2; masked++) {
                for (unsigned op = WS_OP_TEXT; op <= WS_OP_BINARY; op++) {
                    coll c = { 0 };
                    tt_case = "lengths";
                    ws_conn *w = open_conn(&c, NULL, NULL, NULL);
                    ws_dir d = masked ? WS_C2S : WS_S2C;
                    size_t fl = mk_frame(frame, 1, 0, op, masked ? KEY : NULL, payload, sizes[si], form);
                    feed(w, d, frame, fl, 7);
                    EXPECT(c.nmsg == 1, "size %zu form %d masked %d op %u: %zu messages", sizes[si], form, masked, op, c.nmsg);
                    if (c.nmsg == 1) {
                        EXPECT(c.msg[0].len == sizes[si] && memcmp(c.msg[0].data, payload, sizes[si]) == 0,
                               "size %zu form %d: payload differs (len %zu)", sizes[si], form, c.msg[0].len);
                        EXPECT(c.msg[0].opcode == op && c.msg[0].dir == d && c.msg[0].frames == 1,
                               "opcode/dir/frames");
                        EXPECT(c.msg[0].first_tag == 7 && c.msg[0].last_tag == 7, "tags");
                    }
                    int nonmin = (form == 16 && sizes[si] < 126) || (form == 64 && sizes[si] < 65536);
                    EXPECT(coll_count(&c, WS_EV_NONMINIMAL, NULL) == (size_t)nonmin,
                           "size %zu form %d: non-minimal length reported %d times", sizes[si], form, nonmin);
                    EXPECT(coll_count(&c, WS_EV_MASK_RULE, NULL) == 0, "masking follows the rule");
                    const ws_counters *k = ws_get_counters(w);
                    EXPECT(k->bytes_framed == fl && k->bytes_skipped == 0, "every byte framed");
                    ws_free(w);
                    coll_free(&c);
                }
            }
        }
    }
    free(payload);
    free(frame);
}

/* Text "part1" (FIN=0), ping, continuation, pong, close-less continuation FIN: one
 * message of three frames; each frame in its own piece with its own tag. */
static void test_fragments(void)
{
    tt_case = "fragments with ping/pong between";
    coll c = { 0 };
    ws_conn *w = open_conn(&c, NULL, NULL, NULL);
    unsigned char f[64];
    size_t n;
    n = mk_frame(f, 0, 0, WS_OP_TEXT, KEY, "part1 ", 6, 0); feed(w, WS_C2S, f, n, 10);
    n = mk_frame(f, 1, 0, WS_OP_PING, KEY, "hi", 2, 0); feed(w, WS_C2S, f, n, 11);
    n = mk_frame(f, 0, 0, WS_OP_CONT, KEY, "part2 ", 6, 0); feed(w, WS_C2S, f, n, 12);
    n = mk_frame(f, 1, 0, WS_OP_PONG, NULL, "hi", 2, 0); feed(w, WS_S2C, f, n, 13);
    n = mk_frame(f, 1, 0, WS_OP_PONG, KEY, "", 0, 0); feed(w, WS_C2S, f, n, 14);
    n = mk_frame(f, 1, 0, WS_OP_CONT, KEY, "part3", 5, 0); feed(w, WS_C2S, f, n, 15);
    EXPECT(c.nmsg == 1, "one message, got %zu", c.nmsg);
    if (c.nmsg == 1) {
        EXPECT(c.msg[0].len == 17 && memcmp(c.msg[0].data, "part1 part2 part3", 17) == 0,
               "joined payload '%.*s'", (int)c.msg[0].len, c.msg[0].data);
        EXPECT(c.msg[0].frames == 3, "3 frames, got %u", c.msg[0].frames);
        EXPECT(c.msg[0].first_tag == 10 && c.msg[0].last_tag == 15, "tags %lu..%lu",
               c.msg[0].first_tag, c.msg[0].last_tag);
        EXPECT(c.msg[0].opcode == WS_OP_TEXT, "opcode of the first frame");
    }
    const got_ev *e = NULL;
    EXPECT(coll_count(&c, WS_EV_PING, &e) == 1 && e && e->text_len == 2 && memcmp(e->text, "hi", 2) == 0 &&
           e->tag == 11, "ping with its payload");
    EXPECT(coll_count(&c, WS_EV_PONG, NULL) == 2, "two pongs");
    ws_free(w);
    coll_free(&c);
}

/* The stream every split test uses: handshake, then client frames of every kind. */
static size_t sample_client(unsigned char *out, size_t *req_len)
{
    char req[1024];
    size_t at = mk_request(req, sizeof req, NULL);
    memcpy(out, req, at);
    *req_len = at;
    at += mk_frame(out + at, 1, 0, WS_OP_TEXT, KEY, OPTIONS, strlen(OPTIONS), 0);
    at += mk_frame(out + at, 0, 0, WS_OP_TEXT, KEY, "INVITE sip:b", 12, 0);
    at += mk_frame(out + at, 1, 0, WS_OP_PING, KEY, "x", 1, 0);
    at += mk_frame(out + at, 0, 0, WS_OP_CONT, KEY, "ob@example.com", 14, 16);
    at += mk_frame(out + at, 1, 0, WS_OP_CONT, KEY, " SIP/2.0\r\n\r\n", 12, 64);
    at += mk_frame(out + at, 1, 0, WS_OP_BINARY, KEY, "ACK sip:bob@example.com SIP/2.0\r\n\r\n", 35, 0);
    at += mk_frame(out + at, 1, 0, WS_OP_CLOSE, KEY, "\x03\xe8" "bye", 5, 0);
    return at;
}

static void run_split(coll *c, const unsigned char *cl, size_t n, const char *resp, size_t rl,
                      const size_t *cuts, size_t ncuts)
{
    ws_conn *w = ws_new(NULL, 0, coll_on_msg, coll_on_event, c);
    size_t prev = 0;
    /* the response goes in after the request's first piece, as in a capture */
    int resp_done = 0;
    for (size_t i = 0; i <= ncuts; i++) {
        size_t end = i < ncuts ? cuts[i] : n;
        if (end > prev) feed(w, WS_C2S, cl + prev, end - prev, (unsigned long)i);
        if (!resp_done) { feed(w, WS_S2C, resp, rl, 1000); resp_done = 1; }
        prev = end;
    }
    ws_finish(w);
    const ws_counters *k = ws_get_counters(w);
    EXPECT(k->bytes_handshake + k->bytes_framed + k->bytes_skipped + k->bytes_partial == n + rl,
           "every byte accounted for");
    ws_free(w);
}

static void test_splits(void)
{
    tt_case = "splits at every offset";
    unsigned char cl[2048];
    size_t req_len, n = sample_client(cl, &req_len);
    char resp[1024];
    size_t rl = mk_response(resp, sizeof resp, NULL);
    coll whole = { 0 };
    run_split(&whole, cl, n, resp, rl, NULL, 0);
    EXPECT(whole.nmsg == 3, "3 messages in one piece, got %zu", whole.nmsg);
    EXPECT(coll_count(&whole, WS_EV_PING, NULL) == 1 && coll_count(&whole, WS_EV_CLOSE, NULL) == 1,
           "ping and close");
    if (whole.nmsg == 3) {
        EXPECT(whole.msg[1].len == 38 && memcmp(whole.msg[1].data, "INVITE sip:bob@example.com SIP/2.0\r\n\r\n", 38) == 0,
               "fragmented INVITE joined");
        EXPECT(whole.msg[2].opcode == WS_OP_BINARY, "ACK is binary");
    }
    size_t bad = 0, bad3 = 0;
    for (size_t i = 1; i < n; i++) {
        coll c = { 0 };
        run_split(&c, cl, n, resp, rl, &i, 1);
        if (!coll_same(&whole, &c)) bad++;
        coll_free(&c);
    }
    EXPECT(bad == 0, "%zu of %zu two-piece splits differ from the whole", bad, n - 1);
    /* three pieces: a cut inside the handshake and a second one anywhere after it */
    for (size_t i = 1; i < n; i += 7) {
        for (size_t j = i + 1; j < n; j++) {
            size_t cuts[2] = { i, j };
            coll c = { 0 };
            run_split(&c, cl, n, resp, rl, cuts, 2);
            if (!coll_same(&whole, &c)) bad3++;
            coll_free(&c);
        }
    }
    EXPECT(bad3 == 0, "%zu three-piece splits differ", bad3);
    /* one byte at a time */
    size_t *every = malloc(n * sizeof *every);
    for (size_t i = 0; i + 1 < n; i++) every[i] = i + 1;
    coll c = { 0 };
    run_split(&c, cl, n, resp, rl, every, n - 1);
    EXPECT(coll_same(&whole, &c), "byte by byte gives the same");
    if (c.nmsg == 3) EXPECT(c.msg[1].first_tag < c.msg[1].last_tag, "byte-by-byte tags span pieces");
    free(every);
    coll_free(&c);
    coll_free(&whole);
}

/* Several messages compressed by one deflate stream (takeover) or a reset one. */
static void deflate_case(const char *ext_resp, int reset_between, int decoder_takeover_ok,
                         int bits)
{
    coll c = { 0 };
    ws_conn *w = open_conn(&c, NULL, "permessage-deflate; client_max_window_bits", ext_resp);
    const ws_deflate *dfl = ws_get_deflate(w);
    EXPECT(dfl->enabled && dfl->known, "deflate negotiated");
    z_stream z;
    memset(&z, 0, sizeof z);
    deflateInit2(&z, 6, Z_DEFLATED, -bits, 8, Z_DEFAULT_STRATEGY);
    unsigned char comp[4096], f[4200];
    int ok = 0;
    for (int i = 0; i < 3; i++) {
        size_t cn = pmd_compress(&z, OPTIONS, strlen(OPTIONS), comp, sizeof comp);
        if (reset_between) deflateReset(&z);
        size_t fl = mk_frame(f, 1, 4, WS_OP_TEXT, KEY, comp, cn, 0);
        feed(w, WS_C2S, f, fl, (unsigned long)i);
        if (i > 0 && !reset_between)
            EXPECT(cn < strlen(OPTIONS) / 4, "repeat %d compressed to %zu bytes: it points back", i, cn);
    }
    for (size_t i = 0; i < c.nmsg; i++)
        if (c.msg[i].len == strlen(OPTIONS) && memcmp(c.msg[i].data, OPTIONS, c.msg[i].len) == 0 &&
            c.msg[i].compressed)
            ok++;
    if (decoder_takeover_ok) {
        EXPECT(ok == 3, "%d of 3 inflated", ok);
        EXPECT(coll_count(&c, WS_EV_INFLATE, NULL) + coll_count(&c, WS_EV_INFLATE_LOST, NULL) == 0, "no inflate error");
    } else {
        /* the decoder resets after each message, as the 101 said: the repeats point
         * into a window it no longer has */
        EXPECT(ok == 1, "only the first inflates, %d did", ok);
        EXPECT(coll_count(&c, WS_EV_INFLATE, NULL) == 2, "the repeats fail to inflate");
    }
    deflateEnd(&z);
    ws_free(w);
    coll_free(&c);
}

static void test_deflate(void)
{
    tt_case = "deflate with context takeover";
    deflate_case("permessage-deflate", 0, 1, 15);
    tt_case = "deflate without context takeover";
    deflate_case("permessage-deflate; client_no_context_takeover", 1, 1, 15);
    tt_case = "deflate: takeover used though the 101 forbade it";
    deflate_case("permessage-deflate; client_no_context_takeover", 0, 0, 15);
    tt_case = "deflate with client_max_window_bits=10";
    deflate_case("permessage-deflate; client_max_window_bits=10", 0, 1, 10);

    tt_case = "deflate parameters";
    coll c = { 0 };
    ws_conn *w = open_conn(&c, NULL, "permessage-deflate",
                           "x-other, permessage-deflate; server_no_context_takeover; "
                           "client_no_context_takeover; server_max_window_bits=\"9\"; client_max_window_bits=12");
    const ws_deflate *d = ws_get_deflate(w);
    EXPECT(d->enabled && d->no_takeover[WS_C2S] && d->no_takeover[WS_S2C], "both no_context_takeover");
    EXPECT(d->window_bits[WS_S2C] == 9 && d->window_bits[WS_C2S] == 12, "window bits %d/%d",
           d->window_bits[WS_S2C], d->window_bits[WS_C2S]);
    EXPECT(ws_sip_protocol(w), "sip subprotocol seen");
    ws_free(w);
    coll_free(&c);

    w = open_conn(&c, NULL, "permessage-deflate", "permessage-deflate; server_max_window_bits=20; foo");
    EXPECT(coll_count(&c, WS_EV_BAD_EXTENSION, NULL) == 2, "bad window value and unknown param reported");
    EXPECT(ws_get_deflate(w)->window_bits[WS_S2C] == 15, "default kept");
    ws_free(w);
    coll_free(&c);

    /* a window narrower than the data's distances: the decoder honours the 101 */
    tt_case = "deflate: distances beyond the negotiated window";
    w = open_conn(&c, NULL, "permessage-deflate", "permessage-deflate; server_max_window_bits=9");
    unsigned char *big = malloc(4000), comp[8192], f[8300];
    for (size_t i = 0; i < 2000; i++) big[i] = (unsigned char)(rand() & 0xff);
    memcpy(big + 2000, big, 2000);       /* a match 2000 bytes back: beyond 512 */
    z_stream z;
    memset(&z, 0, sizeof z);
    deflateInit2(&z, 9, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY);
    size_t cn = pmd_compress(&z, big, 4000, comp, sizeof comp);
    size_t fl = mk_frame(f, 1, 4, WS_OP_BINARY, NULL, comp, cn, 0);
    feed(w, WS_S2C, f, fl, 3);
    EXPECT(c.nmsg == 0 && coll_count(&c, WS_EV_INFLATE, NULL) == 1, "too-far distance refused");
    deflateEnd(&z);
    free(big);
    ws_free(w);
    coll_free(&c);
}

/* 20 MB of zeros compress to about 20 kB: refused at the cap, counted, and the context
 * of that direction is then known to be broken. */
static void test_bomb(void)
{
    tt_case = "deflate bomb";
    coll c = { 0 };
    ws_limits lim = { 0, 0, 64 * 1024 };
    ws_conn *w = open_conn(&c, &lim, "permessage-deflate", "permessage-deflate");
    z_stream z;
    memset(&z, 0, sizeof z);
    deflateInit2(&z, 9, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY);
    size_t zn = 20u << 20;
    unsigned char *zeros = calloc(1, zn), *comp = malloc(1 << 20), *f = malloc((1 << 20) + 16);
    size_t cn = pmd_compress(&z, OPTIONS, strlen(OPTIONS), comp, 1 << 20);
    size_t fl = mk_frame(f, 1, 4, WS_OP_TEXT, KEY, comp, cn, 0);
    feed(w, WS_C2S, f, fl, 1);
    cn = pmd_compress(&z, zeros, zn, comp, 1 << 20);
    EXPECT(cn < 64 * 1024, "bomb is small on the wire (%zu)", cn);
    fl = mk_frame(f, 1, 4, WS_OP_TEXT, KEY, comp, cn, 0);
    feed(w, WS_C2S, f, fl, 2);
    /* zeros, then the SIP: the compressor points back into the bomb for the zeros */
    memcpy(zeros + 300, OPTIONS, strlen(OPTIONS));
    cn = pmd_compress(&z, zeros, 300 + strlen(OPTIONS), comp, 1 << 20);
    fl = mk_frame(f, 1, 4, WS_OP_TEXT, KEY, comp, cn, 0);
    feed(w, WS_C2S, f, fl, 3);
    const got_ev *e = NULL;
    EXPECT(c.nmsg == 1, "only the first message, got %zu", c.nmsg);
    EXPECT(coll_count(&c, WS_EV_INFLATE_CAP, &e) == 1 && e && e->tag == 2, "bomb refused at the cap");
    EXPECT(coll_count(&c, WS_EV_INFLATE_LOST, NULL) == 1, "the message after it needs the lost context");
    EXPECT(ws_get_counters(w)->events[WS_EV_INFLATE_CAP] == 1, "counted");
    deflateEnd(&z);
    free(zeros); free(comp); free(f);
    ws_free(w);
    coll_free(&c);
}

/* One bad frame after a good one: the error, its offset, and nothing decoded after. */
static void bad_frame(const char *name, const unsigned char *frame, size_t fl, ws_dir d,
                      ws_event_kind want, const char *ext)
{
    tt_case = name;
    coll c = { 0 };
    ws_conn *w = open_conn(&c, NULL, ext, ext);
    unsigned char buf[512];
    size_t at = mk_frame(buf, 1, 0, WS_OP_TEXT, d == WS_C2S ? KEY : NULL, "ok", 2, 0);
    size_t good = at;
    memcpy(buf + at, frame, fl);
    at += fl;
    at += mk_frame(buf + at, 1, 0, WS_OP_TEXT, d == WS_C2S ? KEY : NULL, "late", 4, 0);
    feed(w, d, buf, at, 5);
    const got_ev *e = NULL;
    EXPECT(coll_count(&c, want, &e) == 1, "%s reported", ws_event_name(want));
    /* offsets count from the direction's first byte, the HTTP head included */
    uint64_t base = c.nmsg ? c.msg[0].offset : 0;
    if (e) EXPECT(e->offset == base + good && e->dir == d && e->tag == 5, "offset %llu, want %llu",
                  (unsigned long long)e->offset, (unsigned long long)(base + good));
    EXPECT(c.nmsg == 1 && c.msg[0].len == 2, "the frame before decoded, none after (%zu)", c.nmsg);
    EXPECT(ws_get_counters(w)->bytes_skipped > 0, "the rest counted as skipped");
    ws_free(w);
    coll_free(&c);
}

static void test_errors(void)
{
    unsigned char f[300];
    size_t n;
    n = mk_frame(f, 1, 2, WS_OP_TEXT, KEY, "a", 1, 0);
    bad_frame("RSV2 set", f, n, WS_C2S, WS_EV_RESERVED_BITS, NULL);
    n = mk_frame(f, 1, 4, WS_OP_TEXT, KEY, "a", 1, 0);
    bad_frame("RSV1 without permessage-deflate", f, n, WS_C2S, WS_EV_RESERVED_BITS, NULL);
    n = mk_frame(f, 1, 4, WS_OP_PING, KEY, "a", 1, 0);
    bad_frame("RSV1 on a ping", f, n, WS_C2S, WS_EV_RESERVED_BITS, "permessage-deflate");
    n = mk_frame(f, 1, 0, 3, KEY, "a", 1, 0);
    bad_frame("opcode 3", f, n, WS_C2S, WS_EV_RESERVED_OP, NULL);
    n = mk_frame(f, 1, 0, 0xb, NULL, "a", 1, 0);
    bad_frame("opcode 0xB", f, n, WS_S2C, WS_EV_RESERVED_OP, NULL);
    n = mk_frame(f, 1, 0, WS_OP_TEXT, NULL, "abc", 3, 64);
    f[2] |= 0x80;
    bad_frame("64-bit length with the top bit", f, n, WS_S2C, WS_EV_BAD_LENGTH, NULL);
    memset(f + 100, 'p', 126);
    n = mk_frame(f, 1, 0, WS_OP_PING, KEY, f + 100, 126, 0);
    bad_frame("ping of 126 bytes", f, n, WS_C2S, WS_EV_CONTROL_FRAME, NULL);
    n = mk_frame(f, 0, 0, WS_OP_PING, KEY, "a", 1, 0);
    bad_frame("fragmented ping", f, n, WS_C2S, WS_EV_CONTROL_FRAME, NULL);
    n = mk_frame(f, 1, 0, WS_OP_CONT, KEY, "a", 1, 0);
    bad_frame("continuation of nothing", f, n, WS_C2S, WS_EV_BAD_CONT, NULL);
    n = mk_frame(f, 0, 0, WS_OP_TEXT, KEY, "a", 1, 0);
    n += mk_frame(f + n, 1, 0, WS_OP_TEXT, KEY, "b", 1, 0);
    tt_case = "data frame inside a fragmented message";
    {
        coll c = { 0 };
        ws_conn *w = open_conn(&c, NULL, NULL, NULL);
        feed(w, WS_C2S, f, n, 1);
        const got_ev *e = NULL;
        char req[1024];
        size_t rl = mk_request(req, sizeof req, NULL);
        EXPECT(coll_count(&c, WS_EV_INTERLEAVED, &e) == 1 && e && e->offset == rl + 7, "interleaved at 7");
        EXPECT(c.nmsg == 0, "nothing delivered");
        ws_free(w);
        coll_free(&c);
    }
    n = mk_frame(f, 0, 4, WS_OP_TEXT, KEY, "a", 1, 0);
    n += mk_frame(f + n, 1, 4, WS_OP_CONT, KEY, "b", 1, 0);
    tt_case = "RSV1 on a continuation";
    {
        coll c = { 0 };
        ws_conn *w = open_conn(&c, NULL, "permessage-deflate", "permessage-deflate");
        feed(w, WS_C2S, f, n, 1);
        EXPECT(coll_count(&c, WS_EV_RSV1_CONT, NULL) == 1, "reported");
        ws_free(w);
        coll_free(&c);
    }
    tt_case = "server masks";
    {
        coll c = { 0 };
        ws_conn *w = open_conn(&c, NULL, NULL, NULL);
        n = mk_frame(f, 1, 0, WS_OP_TEXT, KEY, "SIP/2.0 200 OK\r\n\r\n", 18, 0);
        feed(w, WS_S2C, f, n, 1);
        feed(w, WS_S2C, f, n, 2);
        EXPECT(coll_count(&c, WS_EV_MASK_RULE, NULL) == 1, "reported once");
        EXPECT(c.nmsg == 2, "decoded all the same");
        ws_free(w);
        coll_free(&c);
    }
}

static void test_close(void)
{
    tt_case = "close in the middle of a message";
    coll c = { 0 };
    ws_conn *w = open_conn(&c, NULL, NULL, NULL);
    unsigned char f[128];
    size_t n = mk_frame(f, 0, 0, WS_OP_TEXT, KEY, "INVITE sip:", 11, 0);
    feed(w, WS_C2S, f, n, 1);
    n = mk_frame(f, 1, 0, WS_OP_CLOSE, KEY, "\x03\xe9going away", 12, 0);
    feed(w, WS_C2S, f, n, 2);
    feed(w, WS_C2S, "junk", 4, 3);
    const got_ev *e = NULL;
    EXPECT(coll_count(&c, WS_EV_CLOSE, &e) == 1 && e && e->code == 1001 &&
           strcmp(e->text, "going away") == 0, "close 1001 'going away'");
    char req[1024];
    size_t rl = mk_request(req, sizeof req, NULL);
    EXPECT(coll_count(&c, WS_EV_CLOSE_PARTIAL, &e) == 1 && e && e->offset == rl && e->tag == 1,
           "the partial message reported where it started");
    EXPECT(coll_count(&c, WS_EV_AFTER_CLOSE, NULL) == 1, "bytes after close reported");
    EXPECT(c.nmsg == 0, "nothing delivered");
    EXPECT(ws_get_state(w) == WS_OPEN, "one side closed, still open");
    n = mk_frame(f, 1, 0, WS_OP_CLOSE, NULL, "\x03\xe8", 2, 0);
    EXPECT(feed(w, WS_S2C, f, n, 4) == WS_CLOSED, "both closed");
    ws_free(w);
    coll_free(&c);

    tt_case = "bad close payloads";
    w = open_conn(&c, NULL, NULL, NULL);
    n = mk_frame(f, 1, 0, WS_OP_CLOSE, KEY, "\x03", 1, 0);
    feed(w, WS_C2S, f, n, 1);
    n = mk_frame(f, 1, 0, WS_OP_CLOSE, NULL, "\x03\xed", 2, 0);   /* 1005 must not be sent */
    feed(w, WS_S2C, f, n, 1);
    EXPECT(coll_count(&c, WS_EV_BAD_CLOSE, NULL) == 2, "1-byte close and code 1005");
    ws_free(w);
    coll_free(&c);

    tt_case = "end inside a frame";
    w = open_conn(&c, NULL, NULL, NULL);
    n = mk_frame(f, 1, 0, WS_OP_TEXT, KEY, "INVITE sip:", 11, 0);
    feed(w, WS_C2S, f, n - 3, 1);
    ws_finish(w);
    EXPECT(coll_count(&c, WS_EV_END_PARTIAL, NULL) == 1 && c.nmsg == 0, "reported, nothing delivered");
    ws_free(w);
    coll_free(&c);
}

static void test_oversize(void)
{
    tt_case = "message over the cap";
    coll c = { 0 };
    ws_limits lim = { 0, 1000, 0 };
    ws_conn *w = open_conn(&c, &lim, NULL, NULL);
    unsigned char *p = calloc(1, 3000), *f = malloc(3400);
    size_t n = mk_frame(f, 0, 0, WS_OP_TEXT, KEY, p, 600, 0);
    n += mk_frame(f + n, 1, 0, WS_OP_CONT, KEY, p, 600, 0);      /* 1200 in all */
    n += mk_frame(f + n, 1, 0, WS_OP_BINARY, KEY, p, 2000, 0);   /* one frame too big */
    n += mk_frame(f + n, 1, 0, WS_OP_TEXT, KEY, "fine", 4, 0);
    feed(w, WS_C2S, f, n, 1);
    EXPECT(coll_count(&c, WS_EV_OVERSIZE, NULL) == 2, "both oversize messages reported");
    EXPECT(c.nmsg == 1 && c.msg[0].len == 4, "the stream stays in step: the next one decodes");
    EXPECT(ws_get_counters(w)->bytes_skipped >= 2600, "skipped bytes counted");
    free(p); free(f);
    ws_free(w);
    coll_free(&c);
}

static void test_not_ws(void)
{
    tt_case = "not WebSocket";
    coll c = { 0 };
    ws_conn *w = ws_new(NULL, 0, coll_on_msg, coll_on_event, &c);
    EXPECT(feed(w, WS_C2S, "I", 1, 1) == WS_NOT_WS, "SIP/TCP is known at the first byte");
    ws_free(w);
    w = ws_new(NULL, 0, coll_on_msg, coll_on_event, &c);
    EXPECT(feed(w, WS_C2S, "GE", 2, 1) == WS_HANDSHAKE, "'GE' could still be an upgrade");
    EXPECT(feed(w, WS_C2S, "T / HTTP/1.1\r\nHost: a\r\n\r\n", 25, 2) == WS_NOT_WS, "a GET without Upgrade");
    ws_free(w);
    w = ws_new(NULL, 0, coll_on_msg, coll_on_event, &c);
    char req[1024];
    size_t rl = mk_request(req, sizeof req, NULL);
    feed(w, WS_C2S, req, rl, 1);
    EXPECT(feed(w, WS_S2C, "HTTP/1.1 400 Bad Request\r\n\r\n", 28, 2) == WS_REFUSED, "upgrade refused");
    ws_free(w);
    ws_limits lim = { 256, 0, 0 };
    w = ws_new(&lim, 0, coll_on_msg, coll_on_event, &c);
    char big[400];
    memset(big, 'a', sizeof big);
    memcpy(big, "GET /", 5);
    EXPECT(feed(w, WS_C2S, big, sizeof big, 1) == WS_NOT_WS, "an endless head is not an upgrade");
    EXPECT(coll_count(&c, WS_EV_HANDSHAKE_BIG, NULL) == 1, "reported");
    ws_free(w);
    coll_free(&c);

    tt_case = "no sip subprotocol";
    w = ws_new(NULL, 0, coll_on_msg, coll_on_event, &c);
    const char *r = "GET / HTTP/1.1\r\nUpgrade: WebSocket\r\nConnection: Upgrade\r\n\r\n";
    feed(w, WS_C2S, r, strlen(r), 1);
    const char *s = "HTTP/1.1 101 OK\r\nUpgrade: websocket\r\n\r\n";
    EXPECT(feed(w, WS_S2C, s, strlen(s), 2) == WS_OPEN, "opened");
    EXPECT(coll_count(&c, WS_EV_NO_SIP_PROTO, NULL) == 1 && !ws_sip_protocol(w), "reported");
    ws_free(w);
    coll_free(&c);

    tt_case = "client frames before the 101 arrive";
    w = ws_new(NULL, 0, coll_on_msg, coll_on_event, &c);
    unsigned char both[1200];
    rl = mk_request((char *)both, sizeof both, NULL);
    size_t n = rl + mk_frame(both + rl, 1, 0, WS_OP_TEXT, KEY, "REGISTER", 8, 0);
    feed(w, WS_C2S, both, n, 1);
    EXPECT(c.nmsg == 0, "held");
    char resp[512];
    size_t sl = mk_response(resp, sizeof resp, NULL);
    feed(w, WS_S2C, resp, sl, 2);
    EXPECT(c.nmsg == 1 && c.msg[0].len == 8 && c.msg[0].first_tag == 1, "decoded once the 101 came");
    ws_free(w);
    coll_free(&c);

    /* Held frames from two packets keep their own packets' tags (they all took the
     * first one's before). */
    tt_case = "client frames before the 101, in two packets";
    w = ws_new(NULL, 0, coll_on_msg, coll_on_event, &c);
    feed(w, WS_C2S, both, n, 1);
    unsigned char second[64];
    size_t n2 = mk_frame(second, 1, 0, WS_OP_TEXT, KEY, "OPTIONS", 7, 0);
    feed(w, WS_C2S, second, n2, 3);
    feed(w, WS_S2C, resp, sl, 4);
    EXPECT(c.nmsg == 2, "both decoded once the 101 came");
    EXPECT(c.nmsg == 2 && c.msg[0].first_tag == 1 && c.msg[0].last_tag == 1 &&
           c.msg[1].first_tag == 3 && c.msg[1].last_tag == 3, "each with its packet's tag");
    ws_free(w);
    coll_free(&c);

    /* More held packets than the list's first allocation (16): every message still
     * keeps its own packet's tag. */
    tt_case = "client frames before the 101, in 40 packets";
    w = ws_new(NULL, 0, coll_on_msg, coll_on_event, &c);
    feed(w, WS_C2S, both, n, 100);
    for (unsigned long t = 101; t < 140; t++)
        feed(w, WS_C2S, second, n2, t);
    EXPECT(c.nmsg == 0, "all held");
    feed(w, WS_S2C, resp, sl, 200);
    EXPECT(c.nmsg == 40, "all 40 decoded once the 101 came: %zu", c.nmsg);
    size_t wrong = 0;
    for (size_t i = 0; i < c.nmsg; i++)
        wrong += c.msg[i].first_tag != 100 + i || c.msg[i].last_tag != 100 + i;
    EXPECT(wrong == 0, "%zu of 40 messages with another packet's tag", wrong);
    ws_free(w);
    coll_free(&c);

    /* F20: the client's flow ended (a hole, a close) while its frames were held: they
     * are given up, and the 101 that comes later releases nothing. */
    tt_case = "held client frames, then the client direction ends";
    w = ws_new(NULL, 0, coll_on_msg, coll_on_event, &c);
    feed(w, WS_C2S, both, n, 1);
    ws_end_dir(w, WS_C2S);
    EXPECT(coll_count(&c, WS_EV_END_PARTIAL, NULL) == 1, "the held frames reported unfinished");
    EXPECT(ws_settled(w, WS_C2S) == n, "every client byte settled");
    feed(w, WS_S2C, resp, sl, 2);
    EXPECT(c.nmsg == 0, "no message out of them after the 101");
    ws_end_dir(w, WS_S2C);
    EXPECT(coll_count(&c, WS_EV_END_PARTIAL, NULL) == 1, "nothing held by the server: no event");
    ws_free(w);
    coll_free(&c);

    tt_case = "TLS detection";
    EXPECT(ws_is_tls((const unsigned char *)"\x16\x03\x01\x02\x00", 5) == 1, "ClientHello record");
    EXPECT(ws_is_tls((const unsigned char *)"\x16\x03", 2) == -1, "too short to say");
    EXPECT(ws_is_tls((const unsigned char *)"GET /", 5) == 0, "HTTP");
    EXPECT(ws_is_tls((const unsigned char *)"\x16\x03\x01\x00\x00", 5) == 0, "empty record");
    EXPECT(ws_is_tls((const unsigned char *)"\x16\x03\x09\x00\x10", 5) == 0, "version 3.9");
}

/* --decode ws:PORT: no handshake; RSV1 alone says deflate. */
static void test_after_handshake(void)
{
    tt_case = "after the handshake: plain and compressed";
    coll c = { 0 };
    ws_conn *w = ws_new(NULL, 1, coll_on_msg, coll_on_event, &c);
    EXPECT(ws_get_state(w) == WS_OPEN, "open from the start");
    z_stream z;
    memset(&z, 0, sizeof z);
    deflateInit2(&z, 6, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY);
    unsigned char comp[2048], f[2100];
    size_t n = mk_frame(f, 1, 0, WS_OP_TEXT, KEY, OPTIONS, strlen(OPTIONS), 0);
    feed(w, WS_C2S, f, n, 1);
    size_t cn = pmd_compress(&z, OPTIONS, strlen(OPTIONS), comp, sizeof comp);
    n = mk_frame(f, 1, 4, WS_OP_TEXT, KEY, comp, cn, 0);
    feed(w, WS_C2S, f, n, 2);
    EXPECT(c.nmsg == 2 && c.msg[1].compressed && c.msg[1].len == strlen(OPTIONS) &&
           memcmp(c.msg[1].data, OPTIONS, strlen(OPTIONS)) == 0, "both decoded");
    EXPECT(ws_get_deflate(w)->enabled && !ws_get_deflate(w)->known, "deflate guessed from RSV1");
    ws_free(w);
    coll_free(&c);
    deflateEnd(&z);

    tt_case = "after the handshake: the compression context started earlier";
    w = ws_new(NULL, 1, coll_on_msg, coll_on_event, &c);
    memset(&z, 0, sizeof z);
    deflateInit2(&z, 6, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY);
    (void)pmd_compress(&z, OPTIONS, strlen(OPTIONS), comp, sizeof comp);  /* before the capture */
    cn = pmd_compress(&z, OPTIONS, strlen(OPTIONS), comp, sizeof comp);
    n = mk_frame(f, 1, 4, WS_OP_TEXT, NULL, comp, cn, 0);
    feed(w, WS_S2C, f, n, 1);
    const got_ev *e = NULL;
    EXPECT(c.nmsg == 0 && coll_count(&c, WS_EV_INFLATE_UNKNOWN, &e) == 1, "explained, not garbage");
    if (e) EXPECT(e->text_len > 0, "zlib's reason given: '%s'", e->text);
    ws_free(w);
    coll_free(&c);
    deflateEnd(&z);
}

void test_ws(void)
{
    test_lengths();
    test_fragments();
    test_splits();
    test_deflate();
    test_bomb();
    test_errors();
    test_close();
    test_oversize();
    test_not_ws();
    test_after_handshake();
}
