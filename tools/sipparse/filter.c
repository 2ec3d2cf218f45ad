/* tools/sipparse/filter.c: what is read, printed and written.
 *   - a BPF expression, as tcpdump takes it, decides which packets are decoded at all;
 *     it is compiled once per link type (pcap_open_dead), so packets from our own
 *     pcapng reader, whose interfaces may differ in link type, are filtered too;
 *   - --method and --call-id decide which messages are printed, counted as selected
 *     and written by -w (a response is matched by the method of its CSeq);
 *   - everything left out is counted (stats), nothing silently. */
#include <stdlib.h>
#include <string.h>
#include "capture.h"

/* Link types one run compiles the expression for; more is a damaged or odd input. */
#define FILTER_MAX_LINKTYPES 16u

typedef struct bpf_entry {
    unsigned linktype;
    struct bpf_program prog;
} bpf_entry;

struct tool_filter {
    tool_stats *stats;
    char *bpf;                         /* the expression, words joined by spaces */
    bpf_entry progs[FILTER_MAX_LINKTYPES];
    unsigned nprogs;
    char *method_list;                 /* --method, split in place */
    const char *methods[TOOL_MAX_LIST];
    unsigned nmethods;
    const char *call_id;               /* --call-id */
    tool_writer *writer;               /* -w */
};

tool_filter *filter_new(tool_stats *stats)
{
    tool_filter *f = calloc(1, sizeof *f);
    if (f) f->stats = stats;
    return f;
}

void filter_free(tool_filter *f)
{
    if (!f) return;
    for (unsigned i = 0; i < f->nprogs; i++) pcap_freecode(&f->progs[i].prog);
    free(f->bpf);
    free(f->method_list);
    free(f);
}

int filter_set_bpf(tool_filter *f, char **words, int n)
{
    size_t len = 1;
    for (int i = 0; i < n; i++) len += strlen(words[i]) + 1;
    char *e = malloc(len);
    if (!e) return -1;
    e[0] = '\0';
    for (int i = 0; i < n; i++) {
        if (i) strcat(e, " ");
        strcat(e, words[i]);
    }
    free(f->bpf);
    f->bpf = e;
    f->stats->filtering = 1;
    return 0;
}

int filter_set_methods(tool_filter *f, const char *list, const char **bad)
{
    free(f->method_list);
    f->method_list = strdup(list);
    f->nmethods = 0;
    if (!f->method_list) return -1;
    for (char *save = NULL, *tok = strtok_r(f->method_list, ",", &save); tok;
         tok = strtok_r(NULL, ",", &save)) {
        if (f->nmethods >= TOOL_MAX_LIST) {
            *bad = tok;
            return -1;
        }
        f->methods[f->nmethods++] = tok;
    }
    if (f->nmethods == 0) {
        *bad = list;
        return -1;
    }
    f->stats->filtering = 1;
    return 0;
}

void filter_set_call_id(tool_filter *f, const char *id)
{
    f->call_id = id;
    f->stats->filtering = 1;
}

void filter_set_writer(tool_filter *f, tool_writer *w) { f->writer = w; }

tool_writer *filter_writer(const tool_filter *f) { return f ? f->writer : NULL; }

static const struct bpf_program *program_for(tool_filter *f, const char *file, unsigned linktype)
{
    for (unsigned i = 0; i < f->nprogs; i++)
        if (f->progs[i].linktype == linktype) return &f->progs[i].prog;
    if (f->nprogs >= FILTER_MAX_LINKTYPES) {
        fprintf(stderr, TOOL_NAME ": %s: more than %u link types to filter\n", file,
                FILTER_MAX_LINKTYPES);
        return NULL;
    }
    pcap_t *dead = pcap_open_dead((int)linktype, (int)CAP_MAX_PACKET);
    if (!dead) {
        fprintf(stderr, TOOL_NAME ": %s: out of memory\n", file);
        return NULL;
    }
    bpf_entry *e = &f->progs[f->nprogs];
    if (pcap_compile(dead, &e->prog, f->bpf, 1, PCAP_NETMASK_UNKNOWN) != 0) {
        const char *dlt = pcap_datalink_val_to_name((int)linktype);
        fprintf(stderr, TOOL_NAME ": %s: filter expression '%s' (link type %u%s%s): %s\n", file,
                f->bpf, linktype, dlt ? ", " : "", dlt ? dlt : "", pcap_geterr(dead));
        pcap_close(dead);
        return NULL;
    }
    pcap_close(dead);
    e->linktype = linktype;
    f->nprogs++;
    return &e->prog;
}

int filter_packet(tool_filter *f, const char *file, const cap_raw *raw)
{
    if (!f || !f->bpf) return 1;
    const struct bpf_program *prog = program_for(f, file, raw->linktype);
    if (!prog) return -1;
    if (pcap_offline_filter(prog, &raw->hdr, raw->data) != 0) return 1;
    /* Counted here, as part of the packets read (capture_packet counts those). */
    f->stats->filtered++;
    return 0;
}

static int slice_is(sipparse_slice s, const char *z)
{
    size_t n = strlen(z);
    return s.ptr && s.len == n && memcmp(s.ptr, z, n) == 0;
}

/* The method a message is about: a request's own, a response's CSeq method. */
static sipparse_slice message_method(const sipparse_msg *m)
{
    sipparse_slice none = { NULL, 0 };
    int kind = report_kind(m);
    if (kind == 1) return m->method_name;
    if (kind != 2) return none;
    const sipparse_hdr *h = report_hdr(m, SIPPARSE_HDR_CSEQ);
    sipparse_cseq cs;
    sipparse_error err;
    memset(&cs, 0, sizeof cs);
    memset(&err, 0, sizeof err);
    if (!h || sipparse_cseq_parse(h->value, &cs, &err) != SIPPARSE_OK) return none;
    return cs.method;
}

static int selected(const tool_filter *f, const sipparse_msg *m)
{
    if (f->nmethods) {
        /* Methods are case-sensitive (RFC 3261 §7.1): "invite" is not INVITE. */
        sipparse_slice meth = message_method(m);
        int hit = 0;
        for (unsigned i = 0; i < f->nmethods && !hit; i++) hit = slice_is(meth, f->methods[i]);
        if (!hit) return 0;
    }
    if (f->call_id) {
        /* Call-IDs compare byte for byte (RFC 3261 §20.8, case-sensitive). */
        const sipparse_hdr *h = report_hdr(m, SIPPARSE_HDR_CALL_ID);
        if (!h || !slice_is(h->value, f->call_id)) return 0;
    }
    return 1;
}

int filter_report(const tool_config *cfg, const msg_report *r)
{
    tool_filter *f = cfg->filter;
    if (!f) return 1;
    if (!selected(f, r->m)) {
        f->stats->unselected++;
        return 0;
    }
    if (f->writer && r->pkt) writer_message(f->writer, r->pkt);
    return 1;
}
