/* tools/sipparse/writer.c: -w FILE, the packets that carried the selected messages,
 * with their original record headers (timestamps, lengths) and bytes.
 *
 * A message that came in several packets (TCP segments, IP fragments) is complete only
 * after the earlier ones are gone from libpcap's buffer: the reassemblers keep copies
 * of them (kept_packet), made only when -w is on, and free them when their bytes are
 * used. Each copy is written once however many messages it carried part of.
 *
 * The file is a pcap file, opened on the first packet to write: its link type is that
 * packet's, and its timestamps are in nanoseconds when that packet's capture had more
 * than microsecond resolution, else in microseconds (so a pcap in microseconds is
 * written back as one). A pcap file has one link type: a later packet of another link
 * type is not written but counted, and writer_close reports it as an incomplete file. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "capture.h"

struct tool_writer {
    const char *path;
    pcap_t *dead;              /* what pcap_dump_open needs: link type, precision */
    pcap_dumper_t *dump;
    unsigned linktype;
    int nano;
    unsigned long last_input, last_frame;   /* the packet written last */
    unsigned long written;
    unsigned long other_linktype;           /* packets not written: another link type */
    unsigned other_first;                   /* the first such link type */
    int failed;                             /* could not open: reported once */
};

tool_writer *writer_open(const char *path)
{
    tool_writer *w = calloc(1, sizeof *w);
    if (!w) {
        fprintf(stderr, TOOL_NAME ": %s: out of memory\n", path);
        return NULL;
    }
    w->path = path;
    /* Fail now rather than after a long run: the file must be creatable. The dumper
     * reopens it with the link type of the first packet. */
    FILE *probe = fopen(path, "wb");
    if (!probe) {
        fprintf(stderr, TOOL_NAME ": %s: %s\n", path, strerror(errno));
        free(w);
        return NULL;
    }
    fclose(probe);
    return w;
}

static int start(tool_writer *w, const cap_raw *raw)
{
    w->linktype = raw->linktype;
    w->nano = raw->digits > 6;
    w->dead = pcap_open_dead_with_tstamp_precision(
        (int)raw->linktype, (int)CAP_MAX_PACKET,
        w->nano ? PCAP_TSTAMP_PRECISION_NANO : PCAP_TSTAMP_PRECISION_MICRO);
    if (!w->dead) {
        fprintf(stderr, TOOL_NAME ": %s: out of memory\n", w->path);
        return -1;
    }
    w->dump = pcap_dump_open(w->dead, w->path);
    if (!w->dump) {
        fprintf(stderr, TOOL_NAME ": %s: %s\n", w->path, pcap_geterr(w->dead));
        return -1;
    }
    return 0;
}

void writer_packet(tool_writer *w, const cap_raw *raw)
{
    if (w->failed) return;
    /* Two messages in one packet (a TCP segment) write it once. */
    if (w->written && raw->input == w->last_input && raw->frame == w->last_frame) return;
    if (!w->dump && start(w, raw) != 0) {
        w->failed = 1;
        return;
    }
    if (raw->linktype != w->linktype) {
        if (w->other_linktype++ == 0) w->other_first = raw->linktype;
        return;
    }
    struct pcap_pkthdr h = raw->hdr;
    if (!w->nano) h.ts.tv_usec /= 1000; /* the record holds microseconds */
    pcap_dump((u_char *)w->dump, &h, raw->data);
    w->written++;
    w->last_input = raw->input;
    w->last_frame = raw->frame;
}

struct kept_packet {
    struct kept_packet *next;
    cap_raw raw;                /* raw.data points at bytes */
    int written;
    unsigned char bytes[];
};

struct kept_packet *kept_take(pkt_info *p)
{
    struct kept_packet *k = p->carriers;
    if (k) {
        p->carriers = NULL;
        return k;
    }
    if (!p->raw) return NULL;
    k = malloc(sizeof *k + p->raw->hdr.caplen);
    if (!k) return NULL;
    k->next = NULL;
    k->raw = *p->raw;
    k->written = 0;
    memcpy(k->bytes, p->raw->data, p->raw->hdr.caplen);
    k->raw.data = k->bytes;
    return k;
}

size_t kept_bytes(const struct kept_packet *k)
{
    size_t n = 0;
    for (; k; k = k->next) n += sizeof *k + k->raw.hdr.caplen;
    return n;
}

void kept_join(struct kept_packet **chain, struct kept_packet *more)
{
    while (*chain) chain = &(*chain)->next;
    *chain = more;
}

void kept_free(struct kept_packet *k)
{
    while (k) {
        struct kept_packet *next = k->next;
        free(k);
        k = next;
    }
}

/* Each packet of the chain once, however many messages it carried part of. */
static void write_chain(tool_writer *w, struct kept_packet *k)
{
    for (; k; k = k->next) {
        if (k->written) continue;
        writer_packet(w, &k->raw);
        k->written = 1;
    }
}

void writer_message(tool_writer *w, const pkt_info *p)
{
    if (p->nsegments) {
        for (unsigned i = 0; i < p->nsegments; i++) write_chain(w, p->segments[i]);
    } else if (p->carriers) {
        write_chain(w, p->carriers);
    } else if (p->raw) {
        writer_packet(w, p->raw);
    }
}

int writer_close(tool_writer *w)
{
    if (!w) return 0;
    int rc = w->failed ? -1 : 0;
    /* Nothing selected: still a valid capture, empty, of the commonest link type. */
    if (!w->dump && !w->failed) {
        cap_raw none;
        memset(&none, 0, sizeof none);
        none.linktype = DLT_EN10MB;
        if (start(w, &none) != 0) rc = -1;
    }
    if (w->dump) {
        FILE *f = pcap_dump_file(w->dump);
        if (pcap_dump_flush(w->dump) != 0 || ferror(f)) {
            fprintf(stderr, TOOL_NAME ": %s: write error: %s\n", w->path,
                    strerror(errno ? errno : EIO));
            rc = -1;
        }
        pcap_dump_close(w->dump);
    }
    if (w->dead) pcap_close(w->dead);
    if (w->other_linktype) {
        fprintf(stderr, TOOL_NAME ": %s: %lu packets not written: link type %u, the file has "
                "link type %u (a pcap file holds one)\n", w->path, w->other_linktype,
                w->other_first, w->linktype);
        rc = -1;
    }
    free(w);
    return rc;
}
