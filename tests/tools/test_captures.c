/* tests/tools/test_captures.c: the WebSocket and HEP decoders on the real captures of
 * corpus/, checked against numbers recorded by someone else: PCAPS.tsv and
 * GENERATED.tsv (counted by tshark when the captures were made) and, for the captures
 * tests/captures/ws/gen_ws_captures.js makes, EXPECTED.tsv (what its client and server
 * sent). TCP is put back in order by sequence number (enough for these loopback and
 * lab captures; the tool's own reassembly is tested elsewhere). */
#include <stdlib.h>
#include <string.h>
#include "tt.h"
#include "mini_pcap.h"
#include "ws_collect.h"
#include "../../tools/sipparse/hep.h"

#define GEN_DIR "corpus/pcap-generated/"
#define PUB_DIR "corpus/pcap-public/"
#define GEN_TSV GEN_DIR "GENERATED.tsv"
#define PUB_TSV PUB_DIR "PCAPS.tsv"
#define WS_EXPECT_TSV "tests/captures/ws/EXPECTED.tsv"

/* ---- TCP connections into ws_conn -------------------------------------------------- */
typedef struct conn {
    uint32_t cli, srv;
    unsigned cport, sport;
    ws_conn *w;
    int not_ws;
    int seq_set[2];
    uint32_t next_seq[2];
} conn;

typedef struct ws_run {
    conn c[32];
    size_t nc;
    coll col;
    int after_handshake;
    unsigned port;              /* --decode ws:PORT: the server's port */
    unsigned long not_ws, gaps, dups;
} ws_run;

static conn *find_conn(ws_run *r, const mp_seg *s, ws_dir *d)
{
    for (size_t i = 0; i < r->nc; i++) {
        conn *c = &r->c[i];
        if (c->cli == s->src && c->cport == s->sport && c->srv == s->dst && c->sport == s->dport) { *d = WS_C2S; return c; }
        if (c->cli == s->dst && c->cport == s->dport && c->srv == s->src && c->sport == s->sport) { *d = WS_S2C; return c; }
    }
    if (r->nc == sizeof r->c / sizeof r->c[0]) return NULL;
    conn *c = &r->c[r->nc++];
    memset(c, 0, sizeof *c);
    /* the client: the SYN's sender, or the side not on the given port, or who spoke first */
    int swap = (s->flags & 0x12) == 0x12 || (r->port && s->sport == r->port);
    c->cli = swap ? s->dst : s->src; c->cport = swap ? s->dport : s->sport;
    c->srv = swap ? s->src : s->dst; c->sport = swap ? s->sport : s->dport;
    c->w = ws_new(NULL, r->after_handshake, coll_on_msg, coll_on_event, &r->col);
    *d = swap ? WS_S2C : WS_C2S;
    return c;
}

static void on_tcp(void *user, const mp_seg *s)
{
    ws_run *r = user;
    if (s->proto != 6) return;
    ws_dir d;
    conn *c = find_conn(r, s, &d);
    if (!c) return;
    if (s->flags & 0x02) { c->seq_set[d] = 1; c->next_seq[d] = s->seq + 1; return; }
    if (s->len == 0 || c->not_ws) return;
    const unsigned char *p = s->payload;
    size_t n = s->len;
    if (!c->seq_set[d]) { c->seq_set[d] = 1; c->next_seq[d] = s->seq; }
    uint32_t ahead = s->seq - c->next_seq[d];
    if (ahead != 0 && ahead < 0x80000000u) r->gaps++;              /* missing bytes */
    else if (ahead != 0) {                                          /* retransmission */
        uint32_t overlap = c->next_seq[d] - s->seq;
        if (overlap >= n) { r->dups++; return; }
        p += overlap; n -= overlap;
    }
    c->next_seq[d] = s->seq + (uint32_t)s->len;
    unsigned char *copy = tt_copy(p, n);
    if (ws_feed(c->w, d, copy, n, s->frame) == WS_NOT_WS) { c->not_ws = 1; r->not_ws++; }
    free(copy);
}

static void ws_run_file(ws_run *r, const char *path)
{
    long recs = mp_each(path, on_tcp, r);
    EXPECT(recs > 0, "%s readable", path);
    for (size_t i = 0; i < r->nc; i++) { ws_finish(r->c[i].w); }
}

static void ws_run_free(ws_run *r)
{
    for (size_t i = 0; i < r->nc; i++) ws_free(r->c[i].w);
    coll_free(&r->col);
}

/* ---- SIP start lines --------------------------------------------------------------- */
typedef struct sip_count { unsigned long req, resp, other; char methods[32][24]; unsigned long mcount[32]; size_t nm; } sip_count;

/* First line of a SIP message (up to CRLF) copied into out. */
static void first_line(const unsigned char *p, size_t n, char *out, size_t cap)
{
    size_t l = 0;
    while (l < n && p[l] != '\r' && p[l] != '\n') l++;
    if (l >= cap) l = cap - 1;
    memcpy(out, p, l);
    out[l] = '\0';
}

static void count_sip(sip_count *k, const unsigned char *p, size_t n)
{
    char line[256];
    first_line(p, n, line, sizeof line);
    size_t l = strlen(line);
    if (strncmp(line, "SIP/2.0 ", 8) == 0) { k->resp++; return; }
    if (l < 9 || strcmp(line + l - 8, " SIP/2.0") != 0) { k->other++; return; }
    k->req++;
    char m[24];
    size_t ml = strcspn(line, " ");
    if (ml >= sizeof m) ml = sizeof m - 1;
    memcpy(m, line, ml);
    m[ml] = '\0';
    for (size_t i = 0; i < k->nm; i++)
        if (strcmp(k->methods[i], m) == 0) { k->mcount[i]++; return; }
    if (k->nm < 32) { strcpy(k->methods[k->nm], m); k->mcount[k->nm++] = 1; }
}

static unsigned long method_count(const sip_count *k, const char *m)
{
    for (size_t i = 0; i < k->nm; i++)
        if (strcmp(k->methods[i], m) == 0) return k->mcount[i];
    return 0;
}

/* Compares requests, responses and each method of a TSV's "methods" list. */
static void check_counts(const sip_count *k, const char *tsv, const char *file)
{
    char req[32], resp[32], methods[512];
    if (tt_tsv_get(tsv, file, "requests", req, sizeof req) != 0 ||
        tt_tsv_get(tsv, file, "responses", resp, sizeof resp) != 0 ||
        tt_tsv_get(tsv, file, "methods", methods, sizeof methods) != 0) {
        EXPECT(0, "%s: row for %s", tsv, file);
        return;
    }
    EXPECT(k->req == strtoul(req, NULL, 10), "%lu requests, %s says %s", k->req, tsv, req);
    EXPECT(k->resp == strtoul(resp, NULL, 10), "%lu responses, %s says %s", k->resp, tsv, resp);
    for (char *m = methods; *m;) {
        char name[24];
        size_t nl = strcspn(m, ":");
        if (nl >= sizeof name || !m[nl]) break;
        memcpy(name, m, nl);
        name[nl] = '\0';
        EXPECT(method_count(k, name) == tt_tsv_count(methods, name), "%s: %lu, %s says %lu", name,
               method_count(k, name), tsv, tt_tsv_count(methods, name));
        m += strcspn(m, ",");
        if (*m == ',') m++;
    }
}

/* ---- the WebSocket captures already in corpus/ ----------------------------------- */
static void ws_capture(const char *tsv, const char *dir, const char *file, int all_ws)
{
    char path[256], over[128];
    snprintf(path, sizeof path, "%s%s", dir, file);
    tt_case = file;
    ws_run *r = calloc(1, sizeof *r);
    ws_run_file(r, path);
    EXPECT(tt_tsv_get(tsv, file, "sip_over", over, sizeof over) == 0, "%s: row", tsv);
    const char *tw = strstr(over, "tcp+ws:");
    unsigned long want = tw ? strtoul(tw + 7, NULL, 10) : 0;
    EXPECT(r->col.nmsg == want, "%zu WebSocket messages, %s says %lu", r->col.nmsg, tsv, want);
    sip_count k = { 0 };
    for (size_t i = 0; i < r->col.nmsg; i++) count_sip(&k, r->col.msg[i].data, r->col.msg[i].len);
    EXPECT(k.other == 0, "%lu messages without a SIP start line", k.other);
    if (all_ws) check_counts(&k, tsv, file);
    for (int e = WS_EV_BAD_HANDSHAKE; e < WS_EV_COUNT; e++)
        if (e != WS_EV_NONMINIMAL)
            EXPECT(coll_count(&r->col, (ws_event_kind)e, NULL) == 0, "no %s", ws_event_name((ws_event_kind)e));
    EXPECT(r->gaps == 0, "no TCP gaps");

    if (strcmp(file, "ws_raw_lo.pcap") == 0) {
        /* GENERATED.tsv's notes: INVITE as 3 frames, ACK/BYE binary, ping/pong, close 1000 */
        int invite3 = 0, binary = 0;
        for (size_t i = 0; i < r->col.nmsg; i++) {
            const got_msg *m = &r->col.msg[i];
            if (m->len > 7 && memcmp(m->data, "INVITE ", 7) == 0 && m->frames == 3) invite3 = 1;
            if (m->opcode == WS_OP_BINARY) binary++;
        }
        const got_ev *e = NULL;
        EXPECT(invite3, "the INVITE came in 3 frames");
        EXPECT(binary == 2, "ACK and BYE binary (%d)", binary);
        EXPECT(coll_count(&r->col, WS_EV_PING, NULL) >= 1 && coll_count(&r->col, WS_EV_PONG, NULL) >= 1, "ping/pong");
        EXPECT(coll_count(&r->col, WS_EV_CLOSE, &e) >= 1 && e && e->code == 1000, "close 1000");
    }
    ws_run_free(r);
    free(r);
}

/* ---- HEP3 over UDP and over one TCP stream (hep3_udp_tcp_lo.pcap) ---------------- */
typedef struct hep_run {
    unsigned long udp_ok, udp_bad, tcp_ok, tcp_bad;
    sip_count udp_sip;
    unsigned char *udp_payload[64];
    size_t udp_len[64];
    unsigned char tcp[1 << 16];
    size_t tcp_len;
    unsigned long same, ids_ok, auth_ok, ts_ok;
} hep_run;

static void on_hep(void *user, const mp_seg *s)
{
    hep_run *r = user;
    if (s->proto == 6) {
        if (s->len <= sizeof r->tcp - r->tcp_len) {
            memcpy(r->tcp + r->tcp_len, s->payload, s->len);
            r->tcp_len += s->len;
        }
        return;
    }
    if (s->proto != 17 || hep_detect(s->payload, s->len) != 3) return;
    unsigned char *c = tt_copy(s->payload, s->len);
    hep_packet h;
    if (hep_decode(c, s->len, &h, NULL) == HEP_E_OK && h.proto_type == HEP_PROTO_SIP) {
        if (r->udp_ok < 64) {
            r->udp_payload[r->udp_ok] = tt_copy(h.payload, h.payload_len);
            r->udp_len[r->udp_ok] = h.payload_len;
        }
        r->udp_ok++;
        count_sip(&r->udp_sip, h.payload, h.payload_len);
        if (h.have_capture_id && h.capture_id == 2001) r->ids_ok++;
        if (h.auth_len == 5 && memcmp(h.auth, "myHep", 5) == 0) r->auth_ok++;
        if (h.have_ts && h.ts_sec > 1600000000u && h.ts_usec < 1000000u) r->ts_ok++;
    } else {
        r->udp_bad++;
    }
    free(c);
}

static void hep_capture(void)
{
    const char *file = "hep3_udp_tcp_lo.pcap";
    tt_case = file;
    hep_run *r = calloc(1, sizeof *r);
    EXPECT(mp_each(GEN_DIR "hep3_udp_tcp_lo.pcap", on_hep, r) > 0, "readable");
    char frames[32];
    EXPECT(tt_tsv_get(GEN_TSV, file, "hep3_frames", frames, sizeof frames) == 0, "row");
    unsigned long want = strtoul(frames, NULL, 10);
    EXPECT(r->udp_ok == want && r->udp_bad == 0, "%lu HEP3 datagrams with SIP, %s says %lu", r->udp_ok, GEN_TSV, want);
    EXPECT(r->ids_ok == want && r->auth_ok == want && r->ts_ok == want, "capture id 2001, auth 'myHep', time stamps");
    /* GENERATED.tsv: the SIP inside is that of sipp_udp_lo.pcap */
    check_counts(&r->udp_sip, GEN_TSV, "sipp_udp_lo.pcap");
    /* the TCP stream: the same packets back to back */
    size_t at = 0, need = 0;
    unsigned long i = 0;
    while (at < r->tcp_len && hep_next_len(r->tcp + at, r->tcp_len - at, &need) == HEP_E_OK &&
           need <= r->tcp_len - at) {
        hep_packet h;
        unsigned char *c = tt_copy(r->tcp + at, need);
        if (hep_decode(c, need, &h, NULL) == HEP_E_OK && h.length == need) {
            r->tcp_ok++;
            if (i < 64 && i < r->udp_ok && h.payload_len == r->udp_len[i] &&
                memcmp(h.payload, r->udp_payload[i], h.payload_len) == 0)
                r->same++;
        } else {
            r->tcp_bad++;
        }
        free(c);
        at += need;
        i++;
    }
    EXPECT(at == r->tcp_len && r->tcp_len > 0, "the stream splits exactly (%zu of %zu bytes)", at, r->tcp_len);
    EXPECT(r->tcp_ok == want && r->tcp_bad == 0, "%lu HEP3 packets in the TCP stream", r->tcp_ok);
    EXPECT(r->same == want, "%lu carry the same SIP as the datagrams", r->same);
    for (unsigned long k = 0; k < r->udp_ok && k < 64; k++) free(r->udp_payload[k]);
    free(r);
}

/* ---- the captures made by tests/captures/ws/gen_ws_captures.js -------------------- */
/* The messages of one direction, first lines joined with '|', compared with the column. */
static void check_lines(const coll *c, ws_dir d, const char *want, const char *what)
{
    char got[4096] = "";
    size_t gl = 0;
    for (size_t i = 0; i < c->nmsg; i++) {
        if (c->msg[i].dir != d) continue;
        char line[256];
        first_line(c->msg[i].data, c->msg[i].len, line, sizeof line);
        gl += (size_t)snprintf(got + gl, sizeof got - gl, "%s%s", gl ? "|" : "", line);
        if (gl >= sizeof got) break;
    }
    EXPECT(strcmp(got, strcmp(want, "-") == 0 ? "" : want) == 0, "%s first lines\n got: %s\nwant: %s", what, got, want);
}

static unsigned long col_ul(const char *file, const char *col)
{
    char v[64];
    if (tt_tsv_get(WS_EXPECT_TSV, file, col, v, sizeof v) != 0) {
        EXPECT(0, "%s: no column %s for %s", WS_EXPECT_TSV, col, file);
        return 0;
    }
    return strtoul(v, NULL, 10);
}

static void generated_ws(const char *file)
{
    char path[8400], mode[32], c2s[4096], s2c[4096];
    snprintf(path, sizeof path, GEN_DIR "%s", file);
    tt_case = file;
    ws_run *r = calloc(1, sizeof *r);
    if (tt_tsv_get(WS_EXPECT_TSV, file, "decode", mode, sizeof mode) == 0 && strncmp(mode, "ws:", 3) == 0) {
        r->after_handshake = 1;
        r->port = (unsigned)strtoul(mode + 3, NULL, 10);
    }
    ws_run_file(r, path);
    EXPECT(r->col.nmsg == col_ul(file, "messages"), "%zu messages, want %lu", r->col.nmsg, col_ul(file, "messages"));
    size_t compressed = 0, maxframes = 0;
    for (size_t i = 0; i < r->col.nmsg; i++) {
        if (r->col.msg[i].compressed) compressed++;
        if (r->col.msg[i].frames > maxframes) maxframes = r->col.msg[i].frames;
    }
    EXPECT(compressed == col_ul(file, "compressed"), "%zu compressed", compressed);
    EXPECT(maxframes == col_ul(file, "max_frames"), "most frames in one message: %zu", maxframes);
    EXPECT(coll_count(&r->col, WS_EV_PING, NULL) == col_ul(file, "pings"), "pings");
    EXPECT(coll_count(&r->col, WS_EV_PONG, NULL) == col_ul(file, "pongs"), "pongs");
    EXPECT(coll_count(&r->col, WS_EV_CLOSE, NULL) == col_ul(file, "closes"), "closes");
    EXPECT(coll_count(&r->col, WS_EV_CLOSE_PARTIAL, NULL) == col_ul(file, "close_partial"), "close mid-message");
    EXPECT(tt_tsv_get(WS_EXPECT_TSV, file, "c2s_first_lines", c2s, sizeof c2s) == 0 &&
           tt_tsv_get(WS_EXPECT_TSV, file, "s2c_first_lines", s2c, sizeof s2c) == 0, "first-line columns");
    check_lines(&r->col, WS_C2S, c2s, "client");
    check_lines(&r->col, WS_S2C, s2c, "server");
    for (int e = WS_EV_BAD_HANDSHAKE; e < WS_EV_COUNT; e++)
        if (e != WS_EV_NONMINIMAL)
            EXPECT(coll_count(&r->col, (ws_event_kind)e, NULL) == 0, "no %s", ws_event_name((ws_event_kind)e));
    ws_run_free(r);
    free(r);
}

void test_captures(void)
{
    ws_capture(GEN_TSV, GEN_DIR, "ws_raw_lo.pcap", 1);
    ws_capture(GEN_TSV, GEN_DIR, "ws_jssip_lo.pcap", 1);
    ws_capture(PUB_TSV, PUB_DIR, "heplify__sip_tcp_websocket.pcap", 0);
    hep_capture();
    /* every capture EXPECTED.tsv lists */
    FILE *f = fopen(WS_EXPECT_TSV, "r");
    EXPECT(f != NULL, "%s readable", WS_EXPECT_TSV);
    if (!f) return;
    char line[8192];
    unsigned n = 0;
    if (fgets(line, sizeof line, f)) {
        while (fgets(line, sizeof line, f)) {
            line[strcspn(line, "\t\r\n")] = '\0';
            if (line[0]) { generated_ws(line); n++; }
        }
    }
    fclose(f);
    tt_case = WS_EXPECT_TSV;
    EXPECT(n >= 5, "%u generated captures listed", n);
}
