/* tools/sipparse/out_json.c: one JSON object per message, on one line, written by
 * jsonw.c straight from the parse results (no tree, no copies of the strings).
 *
 * Strings hold the message's bytes as written. A JSON string must be Unicode, so:
 * well-formed UTF-8 is kept (printed as \uXXXX escapes: the output is pure ASCII), and
 * each byte that is not part of a well-formed UTF-8 sequence becomes the code point
 * U+00XX where XX is the byte's value (as ISO 8859-1 reads it), printed "\u00XX". NUL
 * is printed \u0000. Field names follow JsSIP's data model: scheme, host and parameter
 * names lower-cased, numbers as numbers, null for what is absent. The text is what
 * jansson printed when it built this object (JSON_COMPACT | JSON_ENSURE_ASCII), byte
 * for byte, key order included. */
#include <stdlib.h>
#include <string.h>
#include "jsonw.h"
#include "tool.h"

/* Set when a scratch allocation failed; the message is then not printed. */
static int oom;

/* Bytes as a string; a NULL ptr is the empty string. */
static void wbytes(jsonw *w, const char *ptr, size_t len, unsigned flags)
{
    jsonw_strn(w, ptr ? ptr : "", ptr ? len : 0, flags);
}

/* String of a slice; null when the slice is absent. */
static void wslice(jsonw *w, sipparse_slice s, unsigned flags)
{
    if (s.ptr) jsonw_strn(w, s.ptr, s.len, flags);
    else jsonw_null(w);
}

static void wnum_or_null(jsonw *w, long long v, int present)
{
    if (present) jsonw_int(w, v);
    else jsonw_null(w);
}

/* ---- parameter lists ------------------------------------------------------------- */

/* One parameter as a member of the object: a later one of the same name gives the
 * value (last) of the first one and is not printed itself (dup). */
typedef struct pentry {
    sipparse_slice name, value;
    size_t last;
    unsigned hash;
    int dup;
} pentry;

/* The next code point of a name as its JSON string holds it (a stray byte is U+00XX),
 * ASCII lower-cased when lower. */
static unsigned next_cp(const unsigned char *p, size_t n, size_t *i, int lower)
{
    unsigned c = p[*i];
    size_t k = c < 0x80 ? 1 : utf8_seq_len(p + *i, n - *i);
    if (k <= 1) {
        (*i)++;
        return lower && c - 'A' < 26u ? c + ('a' - 'A') : c;
    }
    c &= 0x7fu >> k;
    for (size_t j = 1; j < k; j++) c = c << 6 | (p[*i + j] & 0x3fu);
    *i += k;
    return c;
}

/* Two names that print as the same JSON string: one member of the object. */
static int same_key(sipparse_slice a, sipparse_slice b, int lower)
{
    const unsigned char *pa = (const unsigned char *)a.ptr, *pb = (const unsigned char *)b.ptr;
    size_t i = 0, j = 0;
    while (i < a.len && j < b.len)
        if (next_cp(pa, a.len, &i, lower) != next_cp(pb, b.len, &j, lower)) return 0;
    return i == a.len && j == b.len;
}

/* FNV-1a over the code points: names that print alike hash alike. */
static unsigned key_hash(sipparse_slice s, int lower)
{
    unsigned h = 2166136261u;
    size_t i = 0;
    while (i < s.len) h = (h ^ next_cp((const unsigned char *)s.ptr, s.len, &i, lower)) * 16777619u;
    return h;
}

/* Marks the repeated names. A few are compared pair by pair; a long list (the bytes of
 * a hostile message) goes through a hash table, so the time stays linear as jansson's
 * was. -1 when out of memory. */
static int mark_repeats(pentry *e, size_t n, int lower)
{
    if (n <= 16) {
        for (size_t i = 1; i < n; i++)
            for (size_t j = 0; j < i; j++)
                if (same_key(e[j].name, e[i].name, lower)) {
                    e[j].last = i;
                    e[i].dup = 1;
                    break;
                }
        return 0;
    }
    size_t size = 64;
    while (size < 2 * n) size *= 2;
    size_t *slot = calloc(size, sizeof *slot); /* index + 1; 0: free */
    if (!slot) return -1;
    for (size_t i = 0; i < n; i++) {
        e[i].hash = key_hash(e[i].name, lower);
        size_t s = e[i].hash & (size - 1);
        for (; slot[s]; s = (s + 1) & (size - 1)) {
            pentry *f = &e[slot[s] - 1];
            if (f->hash == e[i].hash && same_key(f->name, e[i].name, lower)) {
                f->last = i;
                e[i].dup = 1;
                break;
            }
        }
        if (!e[i].dup) slot[s] = i + 1;
    }
    free(slot);
    return 0;
}

/* The parameters of a list, into e (cap entries), or into a malloc'd array once there
 * are more (*heap, which the caller frees). Returns the count; *heap NULL and the
 * count 0 with oom set when memory ran out. */
static size_t collect_params(sipparse_slice params, const char *skip, pentry *e, size_t cap,
                             pentry **heap)
{
    size_t n = 0;
    sipparse_slice rest = params;
    sipparse_param p;
    *heap = NULL;
    while (rest.len > 0) {
        sipparse_slice before = rest;
        memset(&p, 0, sizeof p);
        if (!sipparse_param_next(&rest, &p)) break;
        if (rest.ptr == before.ptr && rest.len == before.len) break; /* no progress */
        if (!p.name.ptr) continue;
        if (skip && sipparse_slice_eq_ci(p.name, skip)) continue;
        if (n == cap) {
            pentry *bigger = realloc(*heap, 2 * cap * sizeof *bigger);
            if (!bigger) {
                free(*heap);
                *heap = NULL;
                oom = 1;
                return 0;
            }
            if (!*heap) memcpy(bigger, e, n * sizeof *e);
            *heap = e = bigger;
            cap *= 2;
        }
        e[n] = (pentry){ .name = p.name, .value = p.value, .last = n };
        n++;
    }
    return n;
}

/* ";a=b;lr" (or "a=b&c=d") as {"a":"b","lr":null}; skip: a name to leave out. A later
 * parameter of the same name replaces the value of an earlier one, which keeps its
 * place (JsSIP; and jansson's objects did the same). */
static void wparams(jsonw *w, sipparse_slice params, int lower, const char *skip)
{
    pentry local[16], *heap = NULL;
    size_t n = params.ptr ? collect_params(params, skip, local, 16, &heap) : 0;
    pentry *e = heap ? heap : local;
    if (mark_repeats(e, n, lower) != 0) oom = 1;
    jsonw_begin_object(w);
    for (size_t i = 0; i < n && !oom; i++) {
        if (e[i].dup) continue;
        jsonw_keyn(w, e[i].name.ptr, e[i].name.len, lower ? JSONW_LOWER : 0);
        wslice(w, e[e[i].last].value, 0);
    }
    jsonw_end_object(w);
    free(heap);
}

/* ---- URIs, name-addrs, the header lists -------------------------------------------- */

static void wuri(jsonw *w, const sipparse_uri *u)
{
    jsonw_begin_object(w);
    JSONW_KEY(w, "raw");
    wslice(w, u->raw, 0);
    JSONW_KEY(w, "scheme");
    wslice(w, u->scheme, JSONW_LOWER);
    JSONW_KEY(w, "user");
    wslice(w, u->user, 0);
    JSONW_KEY(w, "password");
    wslice(w, u->password, 0);
    JSONW_KEY(w, "host");
    wslice(w, u->host, JSONW_LOWER);
    JSONW_KEY(w, "port");
    wnum_or_null(w, u->port, u->port >= 0);
    JSONW_KEY(w, "params");
    wparams(w, u->params, 1, NULL);
    JSONW_KEY(w, "headers");
    wparams(w, u->headers, 0, NULL);   /* the leading '?' makes the walk split at '&' */
    JSONW_KEY(w, "opaque");
    wslice(w, u->opaque, 0);
    jsonw_end_object(w);
}

/* A URI that did not parse: its bytes, every part null. */
static void wuri_unparsed(jsonw *w, sipparse_slice raw)
{
    sipparse_uri u;
    memset(&u, 0, sizeof u);
    u.raw = raw;
    u.port = -1;
    wuri(w, &u);
}

/* The display name unquoted; a short one on the stack. */
static void wdisplay(jsonw *w, sipparse_slice d)
{
    if (!d.ptr) {
        jsonw_null(w);
        return;
    }
    char local[256], *buf = d.len < sizeof local ? local : malloc(d.len + 1);
    if (!buf) {
        oom = 1;
        return;
    }
    int n = sipparse_display_unquote(d, buf, d.len + 1);
    if (n >= 0) wbytes(w, buf, (size_t)n, 0);
    else wbytes(w, d.ptr, d.len, 0);
    if (buf != local) free(buf);
}

/* From or To: {"display","uri","tag","params"}; null when absent or malformed. */
static void wfromto(jsonw *w, const sipparse_msg *m, sipparse_hdr_id id)
{
    const sipparse_hdr *h = report_hdr(m, id);
    sipparse_nameaddr na;
    sipparse_error err;
    memset(&na, 0, sizeof na);
    memset(&err, 0, sizeof err);
    if (!h || sipparse_nameaddr_parse(h->value.ptr, h->value.len, &na, &err) != SIPPARSE_OK) {
        jsonw_null(w);
        return;
    }
    jsonw_begin_object(w);
    JSONW_KEY(w, "display");
    wdisplay(w, na.display);
    JSONW_KEY(w, "uri");
    wuri(w, &na.uri);
    JSONW_KEY(w, "tag");
    wslice(w, na.tag, 0);
    JSONW_KEY(w, "params");
    wparams(w, na.params, 1, "tag");
    jsonw_end_object(w);
}

static void wvia(jsonw *w, const sipparse_via *v)
{
    jsonw_begin_object(w);
    JSONW_KEY(w, "protocol");
    if (v->protocol.ptr && v->version.ptr) {
        /* "SIP/2.0": the pieces meet at an ASCII '/', so escaping them one by one
         * prints what the joined string would */
        jsonw_str_begin(w);
        jsonw_str_part(w, v->protocol.ptr, v->protocol.len, 0);
        jsonw_str_part(w, "/", 1, 0);
        jsonw_str_part(w, v->version.ptr, v->version.len, 0);
        jsonw_str_end(w);
    } else {
        jsonw_null(w);
    }
    JSONW_KEY(w, "transport");
    wslice(w, v->transport, 0);
    JSONW_KEY(w, "host");
    wslice(w, v->host, JSONW_LOWER);
    JSONW_KEY(w, "port");
    wnum_or_null(w, v->port, v->port >= 0);
    JSONW_KEY(w, "branch");
    wslice(w, v->branch, 0);
    JSONW_KEY(w, "params");
    wparams(w, v->params, 1, "branch");
    jsonw_end_object(w);
}

static void wvia_list(jsonw *w, const sipparse_msg *m)
{
    jsonw_begin_array(w);
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
            wvia(w, &v);
            if (pos <= before) break; /* no progress */
        }
    }
    jsonw_end_array(w);
}

static void wcontact_list(jsonw *w, const sipparse_msg *m)
{
    jsonw_begin_array(w);
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
            jsonw_begin_object(w);
            if (na.star) {
                JSONW_KEY(w, "star");
                jsonw_bool(w, 1);
            } else {
                JSONW_KEY(w, "display");
                wdisplay(w, na.display);
                JSONW_KEY(w, "uri");
                wuri(w, &na.uri);
                JSONW_KEY(w, "params");
                wparams(w, na.params, 1, NULL);
            }
            jsonw_end_object(w);
            if (pos <= before) break;
        }
    }
    jsonw_end_array(w);
}

static void wcseq(jsonw *w, const sipparse_msg *m)
{
    const sipparse_hdr *h = report_hdr(m, SIPPARSE_HDR_CSEQ);
    sipparse_cseq cs;
    sipparse_error err;
    memset(&cs, 0, sizeof cs);
    memset(&err, 0, sizeof err);
    if (!h || sipparse_cseq_parse(h->value, &cs, &err) != SIPPARSE_OK) {
        jsonw_null(w);
        return;
    }
    jsonw_begin_object(w);
    JSONW_KEY(w, "seq");
    jsonw_int(w, cs.seq);
    JSONW_KEY(w, "method");
    wslice(w, cs.method, 0);
    jsonw_end_object(w);
}

static void wheaders(jsonw *w, const sipparse_msg *m)
{
    jsonw_begin_array(w);
    unsigned n = !m->hdrs ? 0 : m->nhdrs < m->hdr_cap ? m->nhdrs : m->hdr_cap;
    for (unsigned i = 0; i < n; i++) {
        const sipparse_hdr *h = &m->hdrs[i];
        jsonw_begin_object(w);
        JSONW_KEY(w, "name");
        wslice(w, h->name, 0);
        const char *canon = h->id != SIPPARSE_HDR_OTHER && h->id < SIPPARSE_HDR__COUNT
                                ? sipparse_hdr_name((sipparse_hdr_id)h->id) : NULL;
        JSONW_KEY(w, "canonical");
        if (canon) jsonw_str(w, canon);
        else jsonw_null(w);
        JSONW_KEY(w, "line");
        jsonw_int(w, h->line);
        JSONW_KEY(w, "raw");
        wslice(w, h->value, 0);
        jsonw_end_object(w);
    }
    jsonw_end_array(w);
}

/* ---- errors and findings ------------------------------------------------------------- */

static void wstr_or_null(jsonw *w, const char *s)
{
    if (s) jsonw_str(w, s);
    else jsonw_null(w);
}

static void werror(jsonw *w, const sipparse_msg *m, const sipparse_error *e)
{
    jsonw_begin_object(w);
    JSONW_KEY(w, "offset");
    jsonw_int(w, (long long)e->offset);
    JSONW_KEY(w, "line");
    jsonw_int(w, e->line);
    JSONW_KEY(w, "col");
    jsonw_int(w, e->col);
    JSONW_KEY(w, "header");
    wslice(w, report_error_header(m, e), 0);
    JSONW_KEY(w, "rule");
    wstr_or_null(w, e->rule);
    JSONW_KEY(w, "code");
    jsonw_str(w, sipparse_errname(e->code));
    JSONW_KEY(w, "message");
    jsonw_str(w, sipparse_strerror(e->code));
    JSONW_KEY(w, "critical");
    jsonw_bool(w, e->critical);
    jsonw_end_object(w);
}

/* {"rule":"rfc3261_8_2_2_1","section":"RFC 3261 §8.2.2.1","severity":"error",
 *  "action":"reply","reply":416,"offset":..,"line":..,"col":..,"header":"..","message":..,
 *  "detail":..}; action "drop" or "none" with reply null when nothing is sent. */
static void wfinding(jsonw *w, const sipparse_msg *m, const sipparse_finding *x)
{
    jsonw_begin_object(w);
    JSONW_KEY(w, "rule");
    jsonw_str(w, x->rule->id);
    JSONW_KEY(w, "section");
    jsonw_str(w, x->rule->section);
    JSONW_KEY(w, "severity");
    jsonw_str(w, x->rule->severity == SIPPARSE_SEV_ERROR ? "error" : "warning");
    JSONW_KEY(w, "action");
    jsonw_str(w, x->reply > 0 ? "reply" : x->reply == SIPPARSE_REPLY_DROP ? "drop" : "none");
    JSONW_KEY(w, "reply");
    wnum_or_null(w, x->reply, x->reply > 0);
    JSONW_KEY(w, "offset");
    jsonw_int(w, (long long)x->offset);
    JSONW_KEY(w, "line");
    jsonw_int(w, x->line);
    JSONW_KEY(w, "col");
    jsonw_int(w, x->col);
    JSONW_KEY(w, "header");
    if (x->hdr != SIPPARSE_HDR_OTHER) jsonw_str(w, sipparse_hdr_name(x->hdr));
    else if (x->hdr_index >= 0 && (unsigned)x->hdr_index < m->nhdrs)
        wslice(w, m->hdrs[x->hdr_index].name, 0);
    else jsonw_null(w);
    JSONW_KEY(w, "message");
    jsonw_str(w, x->rule->summary);
    JSONW_KEY(w, "detail");
    wstr_or_null(w, x->detail);
    jsonw_end_object(w);
}

/* ---- the message ----------------------------------------------------------------------- */

/* "eth/vlan/ipv4/udp" as ["eth","vlan","ipv4","udp"]: the layers, outermost first. */
static void wencap(jsonw *w, const char *path)
{
    jsonw_begin_array(w);
    const char *p = path;
    while (*p) {
        size_t n = strcspn(p, "/");
        jsonw_strn(w, p, n, 0);
        p += n;
        if (*p == '/') p++;
    }
    jsonw_end_array(w);
}

/* Where the message came from: frame, ts, src, dst, transport, file, encap, url. */
static void wsource(jsonw *w, const msg_report *r)
{
    JSONW_KEY(w, "frame");
    jsonw_int(w, r->frame);
    if (r->pkt) {
        char ts[REPORT_TS_MAX];
        report_ts(ts, sizeof ts, r->pkt);
        JSONW_KEY(w, "ts");
        jsonw_str(w, ts);
        char a[PKT_ADDR_MAX];
        JSONW_KEY(w, "src");
        jsonw_str(w, pkt_endpoint(r->pkt, 0, a));
        JSONW_KEY(w, "dst");
        jsonw_str(w, pkt_endpoint(r->pkt, 1, a));
        JSONW_KEY(w, "transport");
        jsonw_str(w, r->pkt->transport);
    } else {
        JSONW_KEY(w, "ts");
        jsonw_null(w);
        JSONW_KEY(w, "src");
        jsonw_null(w);
        JSONW_KEY(w, "dst");
        jsonw_null(w);
        JSONW_KEY(w, "transport");
        jsonw_str(w, "file");
    }
    JSONW_KEY(w, "file");
    jsonw_str(w, r->file);
    if (r->pkt) {
        JSONW_KEY(w, "encap");
        wencap(w, r->pkt->encap);
    }
    if (r->pkt && r->pkt->url) {
        JSONW_KEY(w, "url");
        jsonw_str(w, r->pkt->url);
    }
    /* a WebSocket message spread over several packets: where it began too */
    if (r->pkt && r->pkt->first_frame && r->pkt->first_frame != r->pkt->frame) {
        JSONW_KEY(w, "first_frame");
        jsonw_int(w, (long long)r->pkt->first_frame);
    }
}

/* The start line: type, method, status, reason, ruri. */
static void wstart_line(jsonw *w, const sipparse_msg *m, int kind)
{
    JSONW_KEY(w, "type");
    wstr_or_null(w, kind == 1 ? "request" : kind == 2 ? "response" : NULL);
    JSONW_KEY(w, "method");
    wslice(w, kind == 1 ? m->method_name : SIPPARSE_SLICE_NONE, 0);
    JSONW_KEY(w, "status");
    wnum_or_null(w, m->status, kind == 2);
    JSONW_KEY(w, "reason");
    if (kind == 2) wbytes(w, m->reason.ptr, m->reason.len, 0);
    else jsonw_null(w);
    JSONW_KEY(w, "ruri");
    if (kind == 1 && m->ruri.ptr) {
        sipparse_uri u;
        sipparse_error err;
        memset(&u, 0, sizeof u);
        memset(&err, 0, sizeof err);
        if (sipparse_uri_parse(m->ruri.ptr, m->ruri.len, SIPPARSE_URI_REQUEST, &u, &err)
            == SIPPARSE_OK)
            wuri(w, &u);
        else
            wuri_unparsed(w, m->ruri);
    } else {
        jsonw_null(w);
    }
}

/* What --lenient let pass, the errors and the findings, with their totals. */
static void wverdict(jsonw *w, const msg_report *r)
{
    const sipparse_msg *m = r->m;
    JSONW_KEY(w, "lenient");
    jsonw_begin_array(w);
    for (size_t i = 0; i < lenient_count; i++)
        if (m->warnings & lenient_names[i].flag) jsonw_str(w, lenient_names[i].name);
    jsonw_end_array(w);
    JSONW_KEY(w, "errors");
    jsonw_begin_array(w);
    size_t kept = report_errors_kept(r);
    for (size_t i = 0; i < kept; i++) werror(w, m, report_error_at(r, i));
    jsonw_end_array(w);
    JSONW_KEY(w, "errors_total");
    jsonw_int(w, (long long)report_error_count(r));
    JSONW_KEY(w, "findings");
    jsonw_begin_array(w);
    for (size_t i = 0; i < r->nfindings_kept; i++) wfinding(w, m, &r->findings[i]);
    jsonw_end_array(w);
    JSONW_KEY(w, "findings_total");
    jsonw_int(w, (long long)r->nfindings);
}

static void wmsg(jsonw *w, const void *arg)
{
    const msg_report *r = arg;
    const sipparse_msg *m = r->m;
    jsonw_begin_object(w);
    wsource(w, r);
    JSONW_KEY(w, "framing");
    jsonw_str(w, r->stream ? "stream" : "datagram");
    JSONW_KEY(w, "offset");
    jsonw_int(w, (long long)r->offset);
    JSONW_KEY(w, "len");
    jsonw_int(w, (long long)(r->parse_rc == SIPPARSE_OK ? m->len : 0));
    wstart_line(w, m, report_kind(m));
    JSONW_KEY(w, "call_id");
    const sipparse_hdr *cid = report_hdr(m, SIPPARSE_HDR_CALL_ID);
    wslice(w, cid ? cid->value : SIPPARSE_SLICE_NONE, 0);
    JSONW_KEY(w, "cseq");
    wcseq(w, m);
    JSONW_KEY(w, "from");
    wfromto(w, m, SIPPARSE_HDR_FROM);
    JSONW_KEY(w, "to");
    wfromto(w, m, SIPPARSE_HDR_TO);
    JSONW_KEY(w, "via");
    wvia_list(w, m);
    JSONW_KEY(w, "contact");
    wcontact_list(w, m);
    JSONW_KEY(w, "headers");
    wheaders(w, m);
    JSONW_KEY(w, "body_len");
    jsonw_int(w, (long long)(m->body.ptr ? m->body.len : 0));
    JSONW_KEY(w, "content_length");
    wnum_or_null(w, m->content_length, m->has_content_length);
    JSONW_KEY(w, "trailing");
    jsonw_int(w, (long long)(r->parse_rc == SIPPARSE_OK ? m->trailing : 0));
    wverdict(w, r);
    jsonw_end_object(w);
}

static void wstream(jsonw *w, const void *arg)
{
    const stream_report *s = arg;
    jsonw_begin_object(w);
    JSONW_KEY(w, "file");
    jsonw_str(w, s->file);
    JSONW_KEY(w, "stream");
    jsonw_begin_object(w);
    JSONW_KEY(w, "messages");
    jsonw_int(w, s->messages);
    JSONW_KEY(w, "pings");
    jsonw_int(w, s->pings);
    JSONW_KEY(w, "pongs");
    jsonw_int(w, s->pongs);
    JSONW_KEY(w, "unframed");
    jsonw_int(w, (long long)s->unframed);
    jsonw_end_object(w);
    jsonw_end_object(w);
}

/* Writes one object as a line. It is made in a buffer kept from line to line; one
 * that does not fit is made again in a buffer that grows, printed, and freed. A line
 * is printed whole or not at all: -1 (the caller reports it) when memory ran out. */
static int emit(FILE *f, void (*make)(jsonw *, const void *), const void *arg)
{
    static char line[1 << 16];
    jsonw w;
    jsonw_init_fixed(&w, line, sizeof line);
    oom = 0;
    make(&w, arg);
    if (jsonw_failed(&w) && !oom) {
        jsonw_init_growable(&w);
        make(&w, arg);
    }
    int ok = !jsonw_failed(&w) && !oom;
    if (ok) {
        fwrite(jsonw_text(&w), 1, jsonw_len(&w), f);
        fputc('\n', f);
    }
    jsonw_free(&w);
    return ok ? 0 : -1;
}

int out_json_msg(FILE *f, const msg_report *r) { return emit(f, wmsg, r); }

int out_json_stream(FILE *f, const stream_report *s) { return emit(f, wstream, s); }
