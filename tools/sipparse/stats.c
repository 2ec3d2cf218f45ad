/* tools/sipparse/stats.c: --stats, what every packet of the inputs became.
 * The drop counts, the packets that carried SIP and those a filter expression left out
 * add up to the packets read: that sum is printed, so a reader can see nothing went
 * missing. Messages --method / --call-id skip are counted (stats count every message
 * decoded; the selection decides what is printed and written). */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include "tool.h"

#define DROP_NAME(id, text) text,
static const char *const drop_names[DROP_COUNT] = { DROP_REASONS(DROP_NAME) };
#undef DROP_NAME

const char *stats_reason_name(drop_reason why)
{
    return (unsigned)why < DROP_COUNT ? drop_names[why] : "?";
}

void stats_drop_n(tool_stats *s, drop_reason why, unsigned long n)
{
    if ((unsigned)why < DROP_COUNT) s->drops[why] += n;
}

void stats_sip_n(tool_stats *s, unsigned long n) { s->sip_packets += n; }

/* A reassembled datagram stands for all its fragments: the decoders below count it
 * once, with the weight ipfrag set, and the counts still add up to the packets read. */
static unsigned long weight(const tool_stats *s) { return s->weight ? s->weight : 1; }

void stats_drop(tool_stats *s, drop_reason why) { stats_drop_n(s, why, weight(s)); }

void stats_sip(tool_stats *s) { stats_sip_n(s, weight(s)); }

void stats_linktype(tool_stats *s, unsigned linktype)
{
    for (unsigned i = 0; i < s->nlinktypes; i++)
        if (s->linktypes[i] == linktype) return;
    if (s->nlinktypes < sizeof s->linktypes / sizeof s->linktypes[0])
        s->linktypes[s->nlinktypes++] = linktype;
}

/* Methods are tokens anyone can invent: the first STATS_MAX_METHODS distinct ones are
 * counted by name (as written, case kept: RFC 3261 §7.1 methods are case-sensitive),
 * the rest together. */
static void count_method(tool_stats *s, sipparse_slice name)
{
    int printable = name.ptr && name.len > 0 && name.len < sizeof s->methods[0];
    for (size_t i = 0; printable && i < name.len; i++)
        printable = name.ptr[i] > 0x20 && name.ptr[i] < 0x7f && name.ptr[i] != '"' &&
                    name.ptr[i] != '\\';
    if (!printable) {
        s->other_methods++;
        return;
    }
    for (unsigned i = 0; i < s->nmethods; i++)
        if (strlen(s->methods[i]) == name.len && memcmp(s->methods[i], name.ptr, name.len) == 0) {
            s->method_count[i]++;
            return;
        }
    if (s->nmethods >= STATS_MAX_METHODS) {
        s->other_methods++;
        return;
    }
    memcpy(s->methods[s->nmethods], name.ptr, name.len);
    s->methods[s->nmethods][name.len] = '\0';
    s->method_count[s->nmethods++] = 1;
}

void stats_message(tool_stats *s, const sipparse_msg *m, const char *transport, int parse_ok)
{
    s->messages++;
    if (!parse_ok) s->parse_errors++;
    if (transport && strcmp(transport, "tcp") == 0) s->tcp++;
    else if (transport && strcmp(transport, "har") == 0) s->har++;
    else if (transport && strcmp(transport, "sctp") == 0) s->sctp++;
    else if (transport && strcmp(transport, "ws") == 0) s->ws++;
    else if (transport && strcmp(transport, "hep") == 0) s->hep++;
    else if (transport && strcmp(transport, "file") == 0) s->file++;
    else s->udp++;
    int kind = report_kind(m);
    if (kind == 1) count_method(s, m->method_name);
    else if (kind == 2 && m->status >= 100 && m->status < 700) s->status_count[m->status]++;
    else s->unknown_kind++;
}

/* Method names may hold any token byte; print them safely in text (tokens are ASCII). */
static int stats_text(FILE *f, const tool_stats *s)
{
    unsigned long dropped = 0;
    for (unsigned i = 0; i < DROP_COUNT; i++) dropped += s->drops[i];
    fprintf(f, "stats: packets=%lu sip_packets=%lu not_decoded=%lu messages=%lu parse_errors=%lu\n",
            s->packets, s->sip_packets, dropped, s->messages, s->parse_errors);
    fprintf(f, "stats: transport udp=%lu tcp=%lu", s->udp, s->tcp);
    if (s->har) fprintf(f, " har=%lu", s->har);
    if (s->file) fprintf(f, " file=%lu", s->file);
    if (s->sctp) fprintf(f, " sctp=%lu", s->sctp);
    if (s->ws) fprintf(f, " ws=%lu", s->ws);
    if (s->hep) fprintf(f, " hep=%lu", s->hep);
    fputc('\n', f);
    if (s->ip_reassembled || s->tcp_holes)
        fprintf(f, "stats: reassembly ip_datagrams=%lu tcp_holes=%lu tcp_hole_bytes=%lu\n",
                s->ip_reassembled, s->tcp_holes, s->tcp_hole_bytes);
    for (unsigned i = 0; i < s->nmethods; i++)
        fprintf(f, "stats: method %s=%lu\n", s->methods[i], s->method_count[i]);
    if (s->other_methods) fprintf(f, "stats: method (other)=%lu\n", s->other_methods);
    for (unsigned i = 100; i < 700; i++)
        if (s->status_count[i]) fprintf(f, "stats: status %u=%lu\n", i, s->status_count[i]);
    if (s->unknown_kind) fprintf(f, "stats: neither request nor response=%lu\n", s->unknown_kind);
    for (unsigned i = 0; i < DROP_COUNT; i++)
        if (s->drops[i]) fprintf(f, "stats: not decoded: %s=%lu\n", drop_names[i], s->drops[i]);
    for (unsigned i = 0; i < s->nlinktypes; i++)
        fprintf(f, "stats: unsupported link type %lu\n", s->linktypes[i]);
    if (s->filtering) {
        fprintf(f, "stats: filtered out (expression)=%lu\n", s->filtered);
        fprintf(f, "stats: not selected (--method, --call-id)=%lu\n", s->unselected);
    }
    return 0;
}

static void jset(json_t *o, const char *k, json_t *v, int *oom)
{
    if (!v || json_object_set_new(o, k, v) != 0) *oom = 1;
}

static int stats_json(FILE *f, const tool_stats *s)
{
    int oom = 0;
    json_t *o = json_object(), *st = json_object(), *meth = json_object(), *stat = json_object(),
           *tr = json_object(), *drop = json_object(), *lts = json_array();
    if (!o || !st || !meth || !stat || !tr || !drop || !lts) oom = 1;
    if (!oom) {
        unsigned long dropped = 0;
        for (unsigned i = 0; i < DROP_COUNT; i++) dropped += s->drops[i];
        jset(st, "packets", json_integer((json_int_t)s->packets), &oom);
        jset(st, "sip_packets", json_integer((json_int_t)s->sip_packets), &oom);
        jset(st, "not_decoded", json_integer((json_int_t)dropped), &oom);
        jset(st, "messages", json_integer((json_int_t)s->messages), &oom);
        jset(st, "parse_errors", json_integer((json_int_t)s->parse_errors), &oom);
        jset(tr, "udp", json_integer((json_int_t)s->udp), &oom);
        jset(tr, "tcp", json_integer((json_int_t)s->tcp), &oom);
        if (s->har) jset(tr, "har", json_integer((json_int_t)s->har), &oom);
        if (s->file) jset(tr, "file", json_integer((json_int_t)s->file), &oom);
        jset(tr, "sctp", json_integer((json_int_t)s->sctp), &oom);
        if (s->ws) jset(tr, "ws", json_integer((json_int_t)s->ws), &oom);
        if (s->hep) jset(tr, "hep", json_integer((json_int_t)s->hep), &oom);
        jset(st, "ip_reassembled", json_integer((json_int_t)s->ip_reassembled), &oom);
        jset(st, "tcp_holes", json_integer((json_int_t)s->tcp_holes), &oom);
        jset(st, "tcp_hole_bytes", json_integer((json_int_t)s->tcp_hole_bytes), &oom);
        for (unsigned i = 0; i < s->nmethods; i++)
            jset(meth, s->methods[i], json_integer((json_int_t)s->method_count[i]), &oom);
        if (s->other_methods) jset(meth, "(other)", json_integer((json_int_t)s->other_methods), &oom);
        for (unsigned i = 100; i < 700; i++) {
            char k[8];
            snprintf(k, sizeof k, "%u", i);
            if (s->status_count[i]) jset(stat, k, json_integer((json_int_t)s->status_count[i]), &oom);
        }
        for (unsigned i = 0; i < DROP_COUNT; i++)
            if (s->drops[i]) jset(drop, drop_names[i], json_integer((json_int_t)s->drops[i]), &oom);
        for (unsigned i = 0; i < s->nlinktypes; i++)
            if (json_array_append_new(lts, json_integer((json_int_t)s->linktypes[i])) != 0) oom = 1;
    }
    jset(st, "transport", tr, &oom);
    jset(st, "methods", meth, &oom);
    jset(st, "statuses", stat, &oom);
    jset(st, "neither", json_integer((json_int_t)s->unknown_kind), &oom);
    jset(st, "drops", drop, &oom);
    jset(st, "unsupported_linktypes", lts, &oom);
    if (s->filtering) {
        jset(st, "filtered_out", json_integer((json_int_t)s->filtered), &oom);
        jset(st, "not_selected", json_integer((json_int_t)s->unselected), &oom);
    }
    jset(o, "stats", st, &oom);
    char *txt = oom ? NULL : json_dumps(o, JSON_COMPACT | JSON_ENSURE_ASCII);
    json_decref(o);
    if (!txt) return -1;
    fputs(txt, f);
    fputc('\n', f);
    free(txt);
    return 0;
}

int stats_print(FILE *f, const tool_stats *s, enum out_format fmt)
{
    return fmt == OUT_JSON ? stats_json(f, s) : stats_text(f, s);
}
