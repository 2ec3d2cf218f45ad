/* tools/sipparse/stats.c: --stats, what every packet of the inputs became.
 * The drop counts, the packets that carried SIP and those a filter expression left out
 * add up to the packets read: that sum is printed, so a reader can see nothing went
 * missing. Messages --method / --call-id skip are counted (stats count every message
 * decoded; the selection decides what is printed and written). */
#include <string.h>
#include "jsonw.h"
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

/* One count as a member of the object being written. */
static void jcount(jsonw *w, const char *key, unsigned long v)
{
    jsonw_key(w, key);
    jsonw_int(w, (long long)v);
}

/* The counts of stats_text as one object, {"stats":{...}}; members that stats_text
 * leaves out when zero are left out here too. */
static void stats_json_members(jsonw *w, const tool_stats *s)
{
    unsigned long dropped = 0;
    for (unsigned i = 0; i < DROP_COUNT; i++) dropped += s->drops[i];
    jcount(w, "packets", s->packets);
    jcount(w, "sip_packets", s->sip_packets);
    jcount(w, "not_decoded", dropped);
    jcount(w, "messages", s->messages);
    jcount(w, "parse_errors", s->parse_errors);
    jcount(w, "ip_reassembled", s->ip_reassembled);
    jcount(w, "tcp_holes", s->tcp_holes);
    jcount(w, "tcp_hole_bytes", s->tcp_hole_bytes);
    jsonw_key(w, "transport");
    jsonw_begin_object(w);
    jcount(w, "udp", s->udp);
    jcount(w, "tcp", s->tcp);
    if (s->har) jcount(w, "har", s->har);
    if (s->file) jcount(w, "file", s->file);
    jcount(w, "sctp", s->sctp);
    if (s->ws) jcount(w, "ws", s->ws);
    if (s->hep) jcount(w, "hep", s->hep);
    jsonw_end_object(w);
    jsonw_key(w, "methods");
    jsonw_begin_object(w);
    for (unsigned i = 0; i < s->nmethods; i++) jcount(w, s->methods[i], s->method_count[i]);
    if (s->other_methods) jcount(w, "(other)", s->other_methods);
    jsonw_end_object(w);
    jsonw_key(w, "statuses");
    jsonw_begin_object(w);
    for (unsigned i = 100; i < 700; i++) {
        char k[8];
        snprintf(k, sizeof k, "%u", i);
        if (s->status_count[i]) jcount(w, k, s->status_count[i]);
    }
    jsonw_end_object(w);
    jcount(w, "neither", s->unknown_kind);
    jsonw_key(w, "drops");
    jsonw_begin_object(w);
    for (unsigned i = 0; i < DROP_COUNT; i++)
        if (s->drops[i]) jcount(w, drop_names[i], s->drops[i]);
    jsonw_end_object(w);
    jsonw_key(w, "unsupported_linktypes");
    jsonw_begin_array(w);
    for (unsigned i = 0; i < s->nlinktypes; i++) jsonw_int(w, (long long)s->linktypes[i]);
    jsonw_end_array(w);
    if (s->filtering) {
        jcount(w, "filtered_out", s->filtered);
        jcount(w, "not_selected", s->unselected);
    }
}

/* Written whole into a buffer that grows, then printed: -1 (nothing printed) when
 * memory ran out. */
static int stats_json(FILE *f, const tool_stats *s)
{
    jsonw w;
    jsonw_init_growable(&w);
    jsonw_begin_object(&w);
    jsonw_key(&w, "stats");
    jsonw_begin_object(&w);
    stats_json_members(&w, s);
    jsonw_end_object(&w);
    jsonw_end_object(&w);
    int ok = !jsonw_failed(&w);
    if (ok) {
        fwrite(jsonw_text(&w), 1, jsonw_len(&w), f);
        fputc('\n', f);
    }
    jsonw_free(&w);
    return ok ? 0 : -1;
}

int stats_print(FILE *f, const tool_stats *s, enum out_format fmt)
{
    return fmt == OUT_JSON ? stats_json(f, s) : stats_text(f, s);
}
