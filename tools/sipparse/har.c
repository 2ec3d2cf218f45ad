/* tools/sipparse/har.c: browser captures. A HAR (HTTP Archive 1.2) file exported from
 * the browser's developer tools holds, for each WebSocket connection, the messages the
 * page sent and received; each text or binary message becomes one SIP message, as if
 * it had been captured on the wire (RFC 7118 §5: one WebSocket message carries one SIP
 * message, and Content-Length is optional).
 *
 * What the browsers write (read from their exporters, devtools-frontend's
 * models/har/Log.ts and Firefox's netmonitor/src/har/har-builder.js):
 *   Chromium  entry._resourceType "websocket", response.status 101, and
 *             entry._webSocketMessages: [{type: "send"|"receive"|"error", time: wall
 *             clock in seconds (a float), opcode: 1 text | 2 binary (data in base64) |
 *             8, 9, 10 control, data: string}]. serverIPAddress without the port; an
 *             IPv6 address keeps its brackets.
 *   Firefox   the handshake only (status 101, serverIPAddress, connection = the remote
 *             port): its exporter writes no WebSocket messages at all, so such an entry
 *             is counted as a connection whose messages are not in the file.
 * The browser's own address is in neither, so the browser end is shown as "browser".
 *
 * Traps: times are doubles (1.7e9 s leaves about 7 significant fraction digits); the
 * shortest decimal that gives the same double is what the browser wrote, so that many
 * digits are kept. Text data is a JSON string and may hold NUL (\u0000): its length
 * is taken from jansson, never from strlen. Jansson knows where a syntax error is (line,
 * column, byte), not where a parsed value came from: errors in the structure name the
 * value by its path, "log.entries[3]._webSocketMessages[7].data". */
#include <arpa/inet.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "tool.h"

enum { BROWSER_SENDS = 1, BROWSER_RECEIVES, WS_ERROR };

typedef struct har_ctx {
    decode_ctx dc;         /* what process_datagram needs: config, file, headers, stats */
    FILE *err;
    unsigned long frame;   /* WebSocket messages (and message-less connections) so far */
    size_t entry;          /* the entry being read, for error paths */
    char server[PKT_ADDR_MAX];   /* the connection's server end, "10.0.0.2:443" */
    const char *url;
    const char *ws_layer;  /* "ws" or "wss" */
} har_ctx;

static void trouble(har_ctx *h) { h->dc.status = EXIT_TROUBLE; }

/* "sipparse: FILE: log.entries[3]._webSocketMessages[7].time: not a number" */
static void bad_message(har_ctx *h, size_t msg, const char *field, const char *what)
{
    fprintf(h->err, TOOL_NAME ": %s: log.entries[%zu]._webSocketMessages[%zu]%s%s: %s\n",
            h->dc.file, h->entry, msg, field ? "." : "", field ? field : "", what);
    trouble(h);
}

static int is_blank(unsigned char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

/* A UTF-8 byte order mark some Windows tools put before JSON. */
static size_t bom_len(const char *data, size_t len)
{
    return len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
}

int har_detect(const char *name, const char *data, size_t len)
{
    size_t n = strlen(name);
    if (n > 4 && strcmp(name + n - 4, ".har") == 0) return 1;
    size_t i = bom_len(data, len);
    while (i < len && is_blank((unsigned char)data[i])) i++;
    return i < len && data[i] == '{';
}

static int is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

/* ---- base64 (RFC 4648 §4), as Chromium writes binary messages ------------------------ */

static int b64_value(unsigned char c)
{
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
}

/* Decodes n characters of s into a malloc'd buffer (*out, *outlen). Padding is
 * optional; anything else out of place is an error: returns -1 with *bad at the
 * offending character, or -2 when memory ran out. */
static int b64_decode(const char *s, size_t n, char **out, size_t *outlen, size_t *bad)
{
    size_t pad = 0;
    while (pad < 2 && n > pad && s[n - 1 - pad] == '=') pad++;
    size_t body = n - pad;
    if (pad > 0 && (body + pad) % 4 != 0) { *bad = body; return -1; }
    if (body % 4 == 1) { *bad = n; return -1; }   /* 6 bits cannot end a byte */
    char *buf = malloc(body / 4 * 3 + 3);
    if (!buf) return -2;
    size_t o = 0;
    unsigned long acc = 0;
    int bits = 0;
    for (size_t i = 0; i < body; i++) {
        int v = b64_value((unsigned char)s[i]);
        if (v < 0) {
            free(buf);
            *bad = i;
            return -1;
        }
        acc = (acc << 6 | (unsigned long)v) & 0xffffff;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            buf[o++] = (char)(acc >> bits & 0xff);
        }
    }
    *out = buf;
    *outlen = o;
    return 0;
}

/* ---- one connection ------------------------------------------------------------------ */

/* The host and port of a ws:, wss:, http: or https: URL; the port is the scheme's
 * default when the URL gives none, 0 when it is not a port. host: NUL-terminated,
 * without the brackets of an IPv6 literal, empty when too long for cap. Returns 0, or
 * -1 when the URL is not one of those. *secure: wss or https. */
static int url_parts(const char *url, char *host, size_t cap, unsigned *port, int *secure)
{
    static const struct { const char *scheme; unsigned port; int secure; } schemes[] = {
        { "ws://", 80, 0 }, { "wss://", 443, 1 }, { "http://", 80, 0 }, { "https://", 443, 1 },
    };
    for (size_t i = 0; i < sizeof schemes / sizeof schemes[0]; i++) {
        size_t sl = strlen(schemes[i].scheme);
        if (strncasecmp(url, schemes[i].scheme, sl) != 0) continue;
        *secure = schemes[i].secure;
        const char *auth = url + sl;
        size_t alen = strcspn(auth, "/?#");
        for (size_t k = alen; k > 0; k--)   /* user:password@ before the host */
            if (auth[k - 1] == '@') { auth += k; alen -= k; break; }
        const char *h = auth, *host_end;
        if (alen > 0 && auth[0] == '[') {
            const char *rb = memchr(auth, ']', alen);
            if (!rb) return -1;
            h = auth + 1;
            host_end = rb + 1;
        } else {
            const char *colon = memchr(auth, ':', alen);
            host_end = colon ? colon : auth + alen;
        }
        size_t hlen = (size_t)(host_end - h) - (h != auth ? 1 : 0);
        if (hlen < cap) {
            memcpy(host, h, hlen);
            host[hlen] = '\0';
        } else {
            host[0] = '\0';
        }
        size_t rest = alen - (size_t)(host_end - auth);
        *port = schemes[i].port;
        if (rest == 0) return 0;
        *port = 0;
        if (host_end[0] != ':' || rest < 2 || rest > 6) return 0;
        unsigned v = 0;
        for (size_t k = 1; k < rest; k++) {
            if (!is_digit((unsigned char)host_end[k])) return 0;
            v = v * 10 + (unsigned)(host_end[k] - '0');
        }
        *port = v <= 65535 ? v : 0;
        return 0;
    }
    return -1;
}

/* addr (NUL-terminated, brackets allowed) as an IP address: 4 or 6, or 0 when it is
 * not one; the address without brackets is left in out. */
static int ip_literal(const char *addr, char out[INET6_ADDRSTRLEN])
{
    size_t n = strlen(addr);
    if (n >= 2 && addr[0] == '[' && addr[n - 1] == ']') { addr++; n -= 2; }
    if (n == 0 || n >= INET6_ADDRSTRLEN) return 0;
    memcpy(out, addr, n);
    out[n] = '\0';
    unsigned char bin[16];
    if (inet_pton(AF_INET6, out, bin) == 1) return 6;
    if (inet_pton(AF_INET, out, bin) == 1) return 4;
    return 0;
}

/* The server end: serverIPAddress ("10.0.0.2", "[::1]" or "::1"; Chromium leaves it
 * empty for a WebSocket), else the URL's host when that is an IP address, with the
 * URL's port. A host known only by name is shown as "server" (the URL names it). */
static void server_address(har_ctx *h, json_t *entry)
{
    const char *ip = json_string_value(json_object_get(entry, "serverIPAddress"));
    char url_host[256] = "", addr[INET6_ADDRSTRLEN] = "";
    unsigned port = 0;
    int secure = 0;
    if (h->url && url_parts(h->url, url_host, sizeof url_host, &port, &secure) != 0) port = 0;
    h->ws_layer = secure ? "wss" : "ws";
    int af = ip ? ip_literal(ip, addr) : 0;
    if (!af) af = ip_literal(url_host, addr);
    const char *host = af ? addr : "server";
    if (port && af == 6) snprintf(h->server, sizeof h->server, "[%s]:%u", host, port);
    else if (port) snprintf(h->server, sizeof h->server, "%s:%u", host, port);
    else if (af == 6) snprintf(h->server, sizeof h->server, "[%s]", host);
    else snprintf(h->server, sizeof h->server, "%s", host);
}

/* Seconds since the epoch, as the HAR wrote them, into the packet's time. -1 when out
 * of range. */
static int message_time(json_t *t, pkt_info *p)
{
    if (json_is_integer(t)) {
        json_int_t v = json_integer_value(t);
        if (v < 0) return -1;
        p->ts_sec = (long long)v;
        p->ts_nsec = 0;
        p->ts_digits = 0;
        return 0;
    }
    double d = json_real_value(t);
    /* Beyond year 5000 is no browser's clock; the bound keeps the digits below exact. */
    if (!(d >= 0.0 && d < 1e11)) return -1;
    char text[64];
    int digits = 0;
    for (; digits < 9; digits++) {
        snprintf(text, sizeof text, "%.*f", digits, d);
        if (strtod(text, NULL) == d) break;
    }
    snprintf(text, sizeof text, "%.*f", digits, d);
    char *dot = strchr(text, '.');
    unsigned long frac = 0;
    if (dot) {
        *dot = '\0';
        frac = strtoul(dot + 1, NULL, 10);
        for (int i = digits; i < 9; i++) frac *= 10;
    }
    p->ts_sec = strtoll(text, NULL, 10);
    p->ts_nsec = frac;
    p->ts_digits = digits;
    return 0;
}

/* Reads the fields of message j; 0, or -1 after saying what is wrong. */
static int message_fields(har_ctx *h, size_t j, json_t *msg, int *dir, json_int_t *opcode,
                          json_t **data)
{
    if (!json_is_object(msg)) { bad_message(h, j, NULL, "not an object"); return -1; }
    const char *type = json_string_value(json_object_get(msg, "type"));
    if (!type) { bad_message(h, j, "type", "missing or not a string"); return -1; }
    if (strcmp(type, "send") == 0) *dir = BROWSER_SENDS;
    else if (strcmp(type, "receive") == 0) *dir = BROWSER_RECEIVES;
    else if (strcmp(type, "error") == 0) *dir = WS_ERROR;
    else { bad_message(h, j, "type", "neither \"send\", \"receive\" nor \"error\""); return -1; }
    json_t *t = json_object_get(msg, "time");
    if (!json_is_number(t)) { bad_message(h, j, "time", "missing or not a number"); return -1; }
    if (message_time(t, &h->dc.pkt) != 0) {
        bad_message(h, j, "time", "not a time in seconds since 1970");
        return -1;
    }
    json_t *op = json_object_get(msg, "opcode");
    if (!json_is_integer(op)) { bad_message(h, j, "opcode", "missing or not an integer"); return -1; }
    *opcode = json_integer_value(op);
    *data = json_object_get(msg, "data");
    if (!json_is_string(*data)) { bad_message(h, j, "data", "missing or not a string"); return -1; }
    return 0;
}

/* One message: reported as SIP, or counted by the reason it is not. */
static void one_message(har_ctx *h, size_t j, json_t *msg)
{
    tool_stats *st = h->dc.stats;
    memset(&h->dc.pkt, 0, sizeof h->dc.pkt);
    h->dc.pkt.frame = ++h->frame;
    st->packets++;
    int dir = 0;
    json_int_t opcode = 0;
    json_t *data = NULL;
    if (message_fields(h, j, msg, &dir, &opcode, &data) != 0) {
        stats_drop(st, DROP_HAR_BAD);
        return;
    }
    if (dir == WS_ERROR) { stats_drop(st, DROP_HAR_WS_ERROR); return; }
    /* RFC 6455 §5.2: 1 text, 2 binary; 8 close, 9 ping, 10 pong and the reserved
     * ones carry no message. */
    if (opcode != 1 && opcode != 2) { stats_drop(st, DROP_WS_NOT_DATA); return; }

    const char *bytes = json_string_value(data);
    size_t len = json_string_length(data);
    char *decoded = NULL;
    if (opcode == 2) {
        size_t bad = 0;
        int rc = b64_decode(bytes, len, &decoded, &len, &bad);
        if (rc != 0) {
            char what[96];
            if (rc == -2) snprintf(what, sizeof what, "out of memory");
            else snprintf(what, sizeof what, "binary message not valid base64 (at character %zu)", bad);
            bad_message(h, j, "data", what);
            stats_drop(st, DROP_HAR_BAD);
            return;
        }
        bytes = decoded;
    }
    /* Anything else a page sends over the same socket (JSON keep-alives, another
     * protocol) is not SIP; CRLF alone is RFC 5626's keep-alive, some servers send it. */
    if (sip_only_crlf((const unsigned char *)bytes, len)) stats_drop(st, DROP_KEEPALIVE);
    else if (!sip_looks_like((const unsigned char *)bytes, len)) stats_drop(st, DROP_NOT_SIP);
    else {
        pkt_info *p = &h->dc.pkt;
        p->transport = "har";
        p->url = h->url;
        p->encap_len = (size_t)snprintf(p->encap, sizeof p->encap, "har/%s", h->ws_layer);
        snprintf(p->src, sizeof p->src, "%s", dir == BROWSER_SENDS ? "browser" : h->server);
        snprintf(p->dst, sizeof p->dst, "%s", dir == BROWSER_SENDS ? h->server : "browser");
        st->sip_packets++;
        static const char empty[1] = "";
        int s = process_datagram(&h->dc, len ? bytes : empty, len);
        if (s > h->dc.status) h->dc.status = s;
    }
    free(decoded);
}

/* A WebSocket connection: Chromium marks it with _resourceType, both browsers answer
 * the handshake with 101 (RFC 6455 §4.2.2), and the URL says ws: or wss:. */
static int is_websocket(json_t *entry, const char *url)
{
    if (json_object_get(entry, "_webSocketMessages")) return 1;
    const char *rt = json_string_value(json_object_get(entry, "_resourceType"));
    if (rt && strcmp(rt, "websocket") == 0) return 1;
    json_t *status = json_object_get(json_object_get(entry, "response"), "status");
    if (json_is_integer(status) && json_integer_value(status) == 101) return 1;
    return url && (strncasecmp(url, "ws://", 5) == 0 || strncasecmp(url, "wss://", 6) == 0);
}

static void one_entry(har_ctx *h, json_t *entry)
{
    if (!json_is_object(entry)) {
        fprintf(h->err, TOOL_NAME ": %s: log.entries[%zu]: not an object\n", h->dc.file, h->entry);
        trouble(h);
        return;
    }
    h->url = json_string_value(json_object_get(json_object_get(entry, "request"), "url"));
    if (!is_websocket(entry, h->url)) return; /* HTTP: no SIP there */
    server_address(h, entry);
    json_t *msgs = json_object_get(entry, "_webSocketMessages");
    if (!msgs) {
        /* Nothing to decode, but the connection is counted: the reader learns that
         * messages went by that this file does not hold. */
        h->frame++;
        h->dc.stats->packets++;
        stats_drop(h->dc.stats, DROP_HAR_NO_MESSAGES);
        return;
    }
    if (!json_is_array(msgs)) {
        fprintf(h->err, TOOL_NAME ": %s: log.entries[%zu]._webSocketMessages: not an array\n",
                h->dc.file, h->entry);
        trouble(h);
        return;
    }
    for (size_t j = 0; j < json_array_size(msgs); j++) one_message(h, j, json_array_get(msgs, j));
}

int har_run(const tool_config *cfg, const tool_input *in, sipparse_hdr *hdrs, unsigned hdr_cap,
            tool_stats *stats, FILE *err)
{
    static const char empty[1] = "";
    const char *data = in->data ? in->data : empty;
    size_t skip = bom_len(data, in->len);
    json_error_t jerr;
    json_t *root = json_loadb(data + skip, in->len - skip, JSON_ALLOW_NUL, &jerr);
    if (!root) {
        fprintf(err, TOOL_NAME ": %s: not a HAR file: JSON error at line %d, column %d (byte %zu): %s\n",
                in->name, jerr.line, jerr.column, (size_t)jerr.position + skip, jerr.text);
        return EXIT_TROUBLE;
    }
    json_t *entries = json_object_get(json_object_get(root, "log"), "entries");
    if (!json_is_array(entries)) {
        fprintf(err, TOOL_NAME ": %s: JSON, but not a HAR file: %s\n", in->name,
                !json_is_object(root) ? "not an object"
                : !json_is_object(json_object_get(root, "log")) ? "no \"log\" object"
                : "log.entries is missing or not an array");
        json_decref(root);
        return EXIT_TROUBLE;
    }
    har_ctx h;
    memset(&h, 0, sizeof h);
    h.dc.cfg = cfg;
    h.dc.file = in->name;
    h.dc.hdrs = hdrs;
    h.dc.hdr_cap = hdr_cap;
    h.dc.stats = stats;
    h.dc.status = EXIT_CLEAN;
    h.err = err;
    for (h.entry = 0; h.entry < json_array_size(entries); h.entry++)
        one_entry(&h, json_array_get(entries, h.entry));
    json_decref(root);
    return h.dc.status;
}
