/* tools/sipparse/out_json.c: one JSON object per message, on one line (jansson).
 *
 * Strings hold the message's bytes as written. A JSON string must be Unicode, so:
 * well-formed UTF-8 is kept (printed as \uXXXX escapes: the output is pure ASCII), and
 * each byte that is not part of a well-formed UTF-8 sequence becomes the code point
 * U+00XX where XX is the byte's value (as ISO 8859-1 reads it), printed "\u00XX". NUL
 * is printed \u0000. Field names follow JsSIP's data model: scheme, host and parameter
 * names lower-cased, numbers as numbers, null for what is absent. */
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "tool.h"

/* Set when jansson could not allocate; the message is then not printed. */
static int oom;

/* A copy of len bytes that is valid UTF-8, per the rule above; lower: ASCII A-Z
 * lower-cased. Returns malloc'd bytes (NUL added, not counted) or NULL. */
static char *utf8_copy(const char *ptr, size_t len, int lower, size_t *outlen)
{
    char *out = malloc(len * 2 + 1);
    if (!out) return NULL;
    const unsigned char *p = (const unsigned char *)ptr;
    size_t o = 0, i = 0;
    while (i < len) {
        size_t n = utf8_seq_len(p + i, len - i);
        if (n == 1) {
            unsigned char c = p[i];
            out[o++] = (char)(lower && c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
            i++;
        } else if (n > 1) {
            memcpy(out + o, p + i, n);
            o += n;
            i += n;
        } else {
            out[o++] = (char)(0xc0 | (p[i] >> 6));
            out[o++] = (char)(0x80 | (p[i] & 0x3f));
            i++;
        }
    }
    out[o] = '\0';
    *outlen = o;
    return out;
}

static json_t *jbytes(const char *ptr, size_t len, int lower)
{
    size_t n = 0;
    char *s = utf8_copy(ptr ? ptr : "", ptr ? len : 0, lower, &n);
    if (!s) return NULL;
    json_t *v = json_stringn_nocheck(s, n); /* utf8_copy made it valid */
    free(s);
    return v;
}

/* String of a slice; null when the slice is absent. */
static json_t *jslice(sipparse_slice s)
{
    return s.ptr ? jbytes(s.ptr, s.len, 0) : json_null();
}

static json_t *jslice_lc(sipparse_slice s)
{
    return s.ptr ? jbytes(s.ptr, s.len, 1) : json_null();
}

static json_t *jnum_or_null(long long v, int present)
{
    return present ? json_integer(v) : json_null();
}

static void set(json_t *o, const char *key, json_t *v)
{
    if (!o || !v) {
        oom = 1;
        json_decref(v);
        return;
    }
    if (json_object_set_new(o, key, v) != 0) oom = 1;
}

/* A key taken from the message (a parameter name). */
static void set_key(json_t *o, sipparse_slice name, int lower, json_t *v)
{
    size_t n = 0;
    char *k = utf8_copy(name.ptr ? name.ptr : "", name.ptr ? name.len : 0, lower, &n);
    if (!o || !v || !k) {
        oom = 1;
        json_decref(v);
        free(k);
        return;
    }
#if JANSSON_VERSION_HEX >= 0x020e00
    if (json_object_setn_new(o, k, n, v) != 0) oom = 1;
#else
    if (json_object_set_new(o, k, v) != 0) oom = 1; /* a NUL in a name cuts it there */
#endif
    free(k);
}

static void push(json_t *a, json_t *v)
{
    if (!a || !v) {
        oom = 1;
        json_decref(v);
        return;
    }
    if (json_array_append_new(a, v) != 0) oom = 1;
}

/* ";a=b;lr" (or "a=b&c=d") as {"a":"b","lr":null}; skip: a name to leave out. A later
 * parameter of the same name replaces an earlier one, as in JsSIP. */
static json_t *jparams(sipparse_slice params, int lower, const char *skip)
{
    json_t *o = json_object();
    if (!o || !params.ptr) return o;
    sipparse_slice rest = params;
    sipparse_param p;
    while (rest.len > 0) {
        sipparse_slice before = rest;
        memset(&p, 0, sizeof p);
        if (!sipparse_param_next(&rest, &p)) break;
        if (rest.ptr == before.ptr && rest.len == before.len) break; /* no progress */
        if (!p.name.ptr) continue;
        if (skip && sipparse_slice_eq_ci(p.name, skip)) continue;
        set_key(o, p.name, lower, p.value.ptr ? jbytes(p.value.ptr, p.value.len, 0) : json_null());
    }
    return o;
}

static json_t *juri(const sipparse_uri *u)
{
    json_t *o = json_object();
    set(o, "raw", jslice(u->raw));
    set(o, "scheme", jslice_lc(u->scheme));
    set(o, "user", jslice(u->user));
    set(o, "password", jslice(u->password));
    set(o, "host", jslice_lc(u->host));
    set(o, "port", jnum_or_null(u->port, u->port >= 0));
    set(o, "params", jparams(u->params, 1, NULL));
    sipparse_slice h = u->headers;
    if (h.ptr && h.len > 0 && h.ptr[0] == '?') {
        h.ptr++;
        h.len--;
    }
    set(o, "headers", jparams(h, 0, NULL));
    set(o, "opaque", jslice(u->opaque));
    return o;
}

/* A URI that did not parse: its bytes, every part null. */
static json_t *juri_unparsed(sipparse_slice raw)
{
    sipparse_uri u;
    memset(&u, 0, sizeof u);
    u.raw = raw;
    u.port = -1;
    return juri(&u);
}

static json_t *jdisplay(sipparse_slice d)
{
    if (!d.ptr) return json_null();
    char *buf = malloc(d.len + 1);
    if (!buf) return NULL;
    int n = sipparse_display_unquote(d, buf, d.len + 1);
    json_t *v = n >= 0 ? jbytes(buf, (size_t)n, 0) : jbytes(d.ptr, d.len, 0);
    free(buf);
    return v;
}

/* From or To: {"display","uri","tag","params"}; null when absent or malformed. */
static json_t *jfromto(const sipparse_msg *m, sipparse_hdr_id id)
{
    const sipparse_hdr *h = report_hdr(m, id);
    if (!h) return json_null();
    sipparse_nameaddr na;
    sipparse_error err;
    memset(&na, 0, sizeof na);
    memset(&err, 0, sizeof err);
    if (sipparse_nameaddr_parse(h->value.ptr, h->value.len, &na, &err) != SIPPARSE_OK)
        return json_null();
    json_t *o = json_object();
    set(o, "display", jdisplay(na.display));
    set(o, "uri", juri(&na.uri));
    set(o, "tag", jslice(na.tag));
    set(o, "params", jparams(na.params, 1, "tag"));
    return o;
}

static json_t *jvia_list(const sipparse_msg *m)
{
    json_t *a = json_array();
    for (const sipparse_hdr *h = report_hdr(m, SIPPARSE_HDR_VIA); h;
         h = sipparse_msg_hdr_next(m, h)) {
        size_t pos = 0;
        for (;;) {
            sipparse_via v;
            sipparse_error err;
            memset(&v, 0, sizeof v);
            memset(&err, 0, sizeof err);
            size_t before = pos;
            if (sipparse_via_next(h->value, &pos, &v, &err) != SIPPARSE_OK) break;
            json_t *o = json_object();
            if (v.protocol.ptr && v.version.ptr) {
                size_t n = v.protocol.len + 1 + v.version.len;
                char *s = malloc(n);
                if (s) {
                    memcpy(s, v.protocol.ptr, v.protocol.len);
                    s[v.protocol.len] = '/';
                    memcpy(s + v.protocol.len + 1, v.version.ptr, v.version.len);
                }
                set(o, "protocol", s ? jbytes(s, n, 0) : NULL);
                free(s);
            } else {
                set(o, "protocol", json_null());
            }
            set(o, "transport", jslice(v.transport));
            set(o, "host", jslice_lc(v.host));
            set(o, "port", jnum_or_null(v.port, v.port >= 0));
            set(o, "branch", jslice(v.branch));
            set(o, "params", jparams(v.params, 1, "branch"));
            push(a, o);
            if (pos <= before) break; /* no progress */
        }
    }
    return a;
}

static json_t *jcontact_list(const sipparse_msg *m)
{
    json_t *a = json_array();
    for (const sipparse_hdr *h = report_hdr(m, SIPPARSE_HDR_CONTACT); h;
         h = sipparse_msg_hdr_next(m, h)) {
        size_t pos = 0;
        for (;;) {
            sipparse_nameaddr na;
            sipparse_error err;
            memset(&na, 0, sizeof na);
            memset(&err, 0, sizeof err);
            size_t before = pos;
            if (sipparse_contact_next(h->value, &pos, &na, &err) != SIPPARSE_OK) break;
            json_t *o = json_object();
            if (na.star) {
                set(o, "star", json_true());
            } else {
                set(o, "display", jdisplay(na.display));
                set(o, "uri", juri(&na.uri));
                set(o, "params", jparams(na.params, 1, NULL));
            }
            push(a, o);
            if (pos <= before) break;
        }
    }
    return a;
}

static json_t *jcseq(const sipparse_msg *m)
{
    const sipparse_hdr *h = report_hdr(m, SIPPARSE_HDR_CSEQ);
    if (!h) return json_null();
    sipparse_cseq cs;
    sipparse_error err;
    memset(&cs, 0, sizeof cs);
    memset(&err, 0, sizeof err);
    if (sipparse_cseq_parse(h->value, &cs, &err) != SIPPARSE_OK) return json_null();
    json_t *o = json_object();
    set(o, "seq", json_integer(cs.seq));
    set(o, "method", jslice(cs.method));
    return o;
}

static json_t *jheaders(const sipparse_msg *m)
{
    json_t *a = json_array();
    if (!m->hdrs) return a;
    unsigned n = m->nhdrs < m->hdr_cap ? m->nhdrs : m->hdr_cap;
    for (unsigned i = 0; i < n; i++) {
        const sipparse_hdr *h = &m->hdrs[i];
        json_t *o = json_object();
        set(o, "name", jslice(h->name));
        const char *canon = h->id != SIPPARSE_HDR_OTHER && h->id < SIPPARSE_HDR__COUNT
                                ? sipparse_hdr_name((sipparse_hdr_id)h->id) : NULL;
        set(o, "canonical", canon ? json_string(canon) : json_null());
        set(o, "line", json_integer(h->line));
        set(o, "raw", jslice(h->value));
        push(a, o);
    }
    return a;
}

static json_t *jerror(const sipparse_msg *m, const sipparse_error *e)
{
    json_t *o = json_object();
    set(o, "offset", json_integer((json_int_t)e->offset));
    set(o, "line", json_integer(e->line));
    set(o, "col", json_integer(e->col));
    set(o, "header", jslice(report_error_header(m, e)));
    set(o, "rule", e->rule ? json_string(e->rule) : json_null());
    set(o, "code", json_string(sipparse_errname(e->code)));
    set(o, "message", json_string(sipparse_strerror(e->code)));
    set(o, "critical", json_boolean(e->critical));
    return o;
}

/* {"rule":"rfc3261_8_2_2_1","section":"RFC 3261 §8.2.2.1","severity":"error",
 *  "action":"reply","reply":416,"offset":..,"line":..,"col":..,"header":"..","message":..,
 *  "detail":..}; action "drop" or "none" with reply null when nothing is sent. */
static json_t *jfinding(const sipparse_msg *m, const sipparse_finding *x)
{
    json_t *o = json_object();
    set(o, "rule", json_string(x->rule->id));
    set(o, "section", json_string(x->rule->section));
    set(o, "severity", json_string(x->rule->severity == SIPPARSE_SEV_ERROR ? "error" : "warning"));
    set(o, "action", json_string(x->reply > 0 ? "reply"
                                 : x->reply == SIPPARSE_REPLY_DROP ? "drop" : "none"));
    set(o, "reply", x->reply > 0 ? json_integer(x->reply) : json_null());
    set(o, "offset", json_integer((json_int_t)x->offset));
    set(o, "line", json_integer(x->line));
    set(o, "col", json_integer(x->col));
    sipparse_slice h = SIPPARSE_SLICE_NONE;
    if (x->hdr != SIPPARSE_HDR_OTHER) h = (sipparse_slice){ sipparse_hdr_name(x->hdr), strlen(sipparse_hdr_name(x->hdr)) };
    else if (x->hdr_index >= 0 && (unsigned)x->hdr_index < m->nhdrs) h = m->hdrs[x->hdr_index].name;
    set(o, "header", jslice(h));
    set(o, "message", json_string(x->rule->summary));
    set(o, "detail", x->detail ? json_string(x->detail) : json_null());
    return o;
}

static int dump_line(FILE *f, json_t *o)
{
    /* Into a buffer kept from line to line (json_dumps would grow, copy and free a
     * string per message); a line that does not fit goes through json_dumps. */
    static char line[1 << 16];
    const size_t flags = JSON_COMPACT | JSON_ENSURE_ASCII;
    size_t n = oom ? 0 : json_dumpb(o, line, sizeof line, flags);
    char *big = NULL;
    if (n > sizeof line && (big = json_dumps(o, flags)) == NULL)
        n = 0;
    json_decref(o);
    if (n == 0) return -1;
    fwrite(big ? big : line, 1, big ? strlen(big) : n, f);
    fputc('\n', f);
    free(big);
    return 0;
}

/* "eth/vlan/ipv4/udp" as ["eth","vlan","ipv4","udp"]: the layers, outermost first. */
static json_t *jencap(const char *path)
{
    json_t *a = json_array();
    const char *p = path;
    while (*p) {
        size_t n = strcspn(p, "/");
        push(a, json_stringn(p, n));
        p += n;
        if (*p == '/') p++;
    }
    return a;
}

int out_json_msg(FILE *f, const msg_report *r)
{
    const sipparse_msg *m = r->m;
    int kind = report_kind(m);
    oom = 0;
    json_t *o = json_object();
    set(o, "frame", json_integer(r->frame));
    if (r->pkt) {
        char ts[REPORT_TS_MAX];
        report_ts(ts, sizeof ts, r->pkt);
        set(o, "ts", json_string(ts));
        char a[PKT_ADDR_MAX];
        set(o, "src", json_string(pkt_endpoint(r->pkt, 0, a)));
        set(o, "dst", json_string(pkt_endpoint(r->pkt, 1, a)));
        set(o, "transport", json_string(r->pkt->transport));
    } else {
        set(o, "ts", json_null());
        set(o, "src", json_null());
        set(o, "dst", json_null());
        set(o, "transport", json_string("file"));
    }
    set(o, "file", jbytes(r->file, strlen(r->file), 0));
    if (r->pkt) set(o, "encap", jencap(r->pkt->encap));
    if (r->pkt && r->pkt->url) set(o, "url", jbytes(r->pkt->url, strlen(r->pkt->url), 0));
    /* a WebSocket message spread over several packets: where it began too */
    if (r->pkt && r->pkt->first_frame && r->pkt->first_frame != r->pkt->frame)
        set(o, "first_frame", json_integer((json_int_t)r->pkt->first_frame));
    set(o, "framing", json_string(r->stream ? "stream" : "datagram"));
    set(o, "offset", json_integer((json_int_t)r->offset));
    set(o, "len", json_integer((json_int_t)(r->parse_rc == SIPPARSE_OK ? m->len : 0)));
    set(o, "type", kind == 1 ? json_string("request") : kind == 2 ? json_string("response")
                                                                : json_null());
    set(o, "method", kind == 1 ? jslice(m->method_name) : json_null());
    set(o, "status", kind == 2 ? json_integer(m->status) : json_null());
    set(o, "reason", kind == 2 ? jbytes(m->reason.ptr, m->reason.len, 0) : json_null());

    json_t *ruri = json_null();
    if (kind == 1 && m->ruri.ptr) {
        sipparse_uri u;
        sipparse_error err;
        memset(&u, 0, sizeof u);
        memset(&err, 0, sizeof err);
        json_decref(ruri);
        if (sipparse_uri_parse(m->ruri.ptr, m->ruri.len, SIPPARSE_URI_REQUEST, &u, &err)
            == SIPPARSE_OK)
            ruri = juri(&u);
        else
            ruri = juri_unparsed(m->ruri);
    }
    set(o, "ruri", ruri);

    const sipparse_hdr *cid = report_hdr(m, SIPPARSE_HDR_CALL_ID);
    set(o, "call_id", cid ? jslice(cid->value) : json_null());
    set(o, "cseq", jcseq(m));
    set(o, "from", jfromto(m, SIPPARSE_HDR_FROM));
    set(o, "to", jfromto(m, SIPPARSE_HDR_TO));
    set(o, "via", jvia_list(m));
    set(o, "contact", jcontact_list(m));
    set(o, "headers", jheaders(m));
    set(o, "body_len", json_integer((json_int_t)(m->body.ptr ? m->body.len : 0)));
    set(o, "content_length", jnum_or_null(m->content_length, m->has_content_length));
    set(o, "trailing", json_integer((json_int_t)(r->parse_rc == SIPPARSE_OK ? m->trailing : 0)));

    json_t *len = json_array();
    for (size_t i = 0; i < lenient_count; i++)
        if (m->warnings & lenient_names[i].flag) push(len, json_string(lenient_names[i].name));
    set(o, "lenient", len);

    json_t *errs = json_array();
    size_t kept = report_errors_kept(r);
    for (size_t i = 0; i < kept; i++) push(errs, jerror(m, report_error_at(r, i)));
    set(o, "errors", errs);
    set(o, "errors_total", json_integer((json_int_t)report_error_count(r)));
    json_t *fs = json_array();
    for (size_t i = 0; i < r->nfindings_kept; i++) push(fs, jfinding(m, &r->findings[i]));
    set(o, "findings", fs);
    set(o, "findings_total", json_integer((json_int_t)r->nfindings));
    return dump_line(f, o);
}

int out_json_stream(FILE *f, const stream_report *s)
{
    oom = 0;
    json_t *o = json_object();
    set(o, "file", jbytes(s->file, strlen(s->file), 0));
    json_t *st = json_object();
    set(st, "messages", json_integer(s->messages));
    set(st, "pings", json_integer(s->pings));
    set(st, "pongs", json_integer(s->pongs));
    set(st, "unframed", json_integer((json_int_t)s->unframed));
    set(o, "stream", st);
    return dump_line(f, o);
}
