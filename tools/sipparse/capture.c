/* tools/sipparse/capture.c: capture files, read through libpcap.
 *
 * libpcap reads pcap (micro- and nanosecond, either byte order, the "modified"
 * variant) and pcapng, opened at nanosecond precision so that neither loses its
 * resolution. What it does not do, done here:
 *   - a pcapng file whose interfaces differ in link type or timestamp resolution goes
 *     to our own reader (pcapng.c): libpcap 1.10 stops at the first packet of such an
 *     interface, and reports no interface per packet to tell resolutions apart; so
 *     does a pcapng file read from a pipe, which cannot be surveyed to its end (an
 *     interface added late would stop libpcap half way);
 *   - libpcap accepts a snapshot length of 0 and a record whose captured length
 *     exceeds the packet's length or the snapshot length (it cuts the packet): those
 *     are damaged files, and reported as such;
 *   - its error messages name no position: the counted stream (capsrc.c) gives the
 *     byte offset where reading stopped, and for pcap the record's own offset.
 * Packets read before the damage are decoded and reported first. */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "capture.h"

/* Inputs read so far in this run: -w tells packets of different inputs apart. */
static unsigned long inputs_seen;

typedef struct pcap_file_info {
    unsigned long snaplen;
    size_t rec_hdr;           /* 16, or 24 for the "modified" pcap */
    int digits;               /* 6 or 9 */
} pcap_file_info;

static int cap_fail(const char *name, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static int cap_fail(const char *name, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, TOOL_NAME ": %s: ", name);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    return -1;
}

int capture_packet(decode_ctx *c, cap_raw *raw, unsigned long frame)
{
    raw->frame = frame;
    raw->input = inputs_seen;
    int pass = filter_packet(c->cfg->filter, c->file, raw);
    if (pass < 0) return -1; /* the input stops before this packet */
    c->stats->packets++;
    progress_tick(c->stats);
    if (pass == 0) return 0; /* counted as filtered out */
    memset(&c->pkt, 0, sizeof c->pkt);
    c->pkt.frame = frame;
    c->pkt.ts_sec = (long long)raw->hdr.ts.tv_sec;
    c->pkt.ts_nsec = (unsigned long)raw->hdr.ts.tv_usec;
    c->pkt.ts_digits = raw->digits;
    c->pkt.raw = raw;
    c->af = 0;
    link_decode(c, raw->linktype, raw->data, raw->hdr.caplen);
    /* raw lives only while the packet is decoded: what reassembly reports later has
     * the copies writer.c keeps with -w, never this pointer. */
    c->pkt.raw = NULL;
    return 0;
}

/* The pcap file header, checked for what libpcap lets through. The 20 bytes after the
 * magic number are appended to the prefix. */
static int pcap_header(FILE *f, const char *name, unsigned char **prefix, size_t *plen,
                       pcap_file_info *info)
{
    unsigned char *p = realloc(*prefix, 24);
    if (!p) return cap_fail(name, "out of memory");
    *prefix = p;
    size_t got = fread(p + 4, 1, 20, f);
    *plen = 4 + got;
    if (got < 20) {
        if (ferror(f)) return cap_fail(name, "read error: %s", strerror(errno ? errno : EIO));
        return cap_fail(name, "truncated pcap file header: %zu of 24 bytes", 4 + got);
    }
    /* Big-endian magic numbers read as such; the others are little-endian files. */
    unsigned long magic = get32(p);
    int swap = magic == 0xd4c3b2a1ul || magic == 0x4d3cb2a1ul || magic == 0x34cdb2a1ul;
#define F16(q) (swap ? (unsigned)(q)[1] << 8 | (q)[0] : get16(q))
#define F32(q) (swap ? (unsigned long)(q)[3] << 24 | (unsigned long)(q)[2] << 16 | \
                       (unsigned long)(q)[1] << 8 | (q)[0] : get32(q))
    magic = F32(p);
    unsigned major = F16(p + 4);
    info->snaplen = F32(p + 16);
#undef F16
#undef F32
    info->digits = magic == 0xa1b23c4dul ? 9 : 6;
    info->rec_hdr = magic == 0xa1b2cd34ul ? 24 : 16;
    if (major != 2) return cap_fail(name, "not a pcap file this tool reads (version %u)", major);
    if (info->snaplen == 0)
        return cap_fail(name, "pcap header gives a snapshot length of 0");
    return 0;
}

/* What libpcap cut or let through in the record just read (pcap only: a pcapng
 * block's lengths are checked by libpcap against the block). */
static int pcap_record_check(const char *name, const pcap_file_info *info, unsigned long frame,
                             unsigned long long rec_off, unsigned long long end_off,
                             const struct pcap_pkthdr *h)
{
    unsigned long long stored = end_off - rec_off - info->rec_hdr;
    if (h->caplen > h->len)
        return cap_fail(name, "packet %lu at offset %llu: captured length %u exceeds its length %u",
                        frame, rec_off, h->caplen, h->len);
    if (stored > h->caplen)
        return cap_fail(name, "packet %lu at offset %llu: captured length %llu exceeds the "
                        "snapshot length %lu of the file", frame, rec_off, stored, info->snaplen);
    if ((unsigned long)h->ts.tv_usec >= 1000000000ul)
        return cap_fail(name, "packet %lu at offset %llu: timestamp fraction out of range",
                        frame, rec_off);
    return 0;
}

/* Every packet of a capture libpcap can read. info: NULL for pcapng. */
static int libpcap_run(cap_source *src, const char *name, decode_ctx *c,
                       const pcap_file_info *info, int digits)
{
    char errbuf[PCAP_ERRBUF_SIZE] = "";
    pcap_t *p = pcap_fopen_offline_with_tstamp_precision(src->f, PCAP_TSTAMP_PRECISION_NANO,
                                                         errbuf);
    if (!p) /* src->f is still ours: capsrc_close closes it */
        return cap_fail(name, "%s (at offset %llu)", errbuf, capsrc_tell(src, src->f));
    FILE *f = src->f;
    src->f = NULL; /* pcap_close closes it */
    unsigned linktype = (unsigned)pcap_datalink(p);
    unsigned snapshot = (unsigned)pcap_snapshot(p);
    unsigned long frame = 0;
    int rc = 0;
    /* Where the next pcap record starts, counted rather than asked of stdio for each
     * packet (ftello on the cookie stream cost more than the rest of the loop). */
    unsigned long long rec_off = info ? capsrc_tell(src, f) : 0;
    for (;;) {
        struct pcap_pkthdr *h;
        const u_char *data;
        int n = pcap_next_ex(p, &h, &data);
        if (n == PCAP_ERROR_BREAK) break; /* the end of the file */
        if (n != 1) {
            if (info)
                rc = cap_fail(name, "packet %lu at offset %llu: %s", frame + 1, rec_off,
                              pcap_geterr(p));
            else
                rc = cap_fail(name, "after packet %lu, reading stopped at offset %llu: %s", frame,
                              capsrc_tell(src, f), pcap_geterr(p));
            break;
        }
        frame++;
        if (info) {
            /* A record holds caplen bytes, unless libpcap cut it to its snapshot length
             * (then only the file's offset tells what the record held). */
            unsigned long long end = h->caplen >= snapshot || h->caplen >= info->snaplen
                                         ? capsrc_tell(src, f)
                                         : rec_off + info->rec_hdr + h->caplen;
            if ((rc = pcap_record_check(name, info, frame, rec_off, end, h)) != 0) break;
            rec_off = end;
        }
        cap_raw raw;
        memset(&raw, 0, sizeof raw);
        raw.linktype = linktype;
        raw.hdr = *h;
        /* pcap's seconds are unsigned 32 bits (draft-ietf-opsawg-pcap §5); libpcap
         * 1.10 reads them signed, which sends times after 2038 back to 1901. */
        if (info) raw.hdr.ts.tv_sec = (time_t)(uint32_t)h->ts.tv_sec;
        raw.data = data;
        raw.digits = digits;
        if ((rc = capture_packet(c, &raw, frame)) != 0) break;
    }
    pcap_close(p);
    return rc;
}

static unsigned long long file_size(FILE *f)
{
    struct stat st;
    return fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) ? (unsigned long long)st.st_size : 0;
}

int capture_run(const tool_config *cfg, FILE *f, const char *name, const unsigned char head[4],
                sipparse_hdr *hdrs, unsigned hdr_cap, tool_stats *stats)
{
    decode_ctx c;
    memset(&c, 0, sizeof c);
    c.cfg = cfg;
    c.file = name;
    c.hdrs = hdrs;
    c.hdr_cap = hdr_cap;
    c.stats = stats;
    c.status = EXIT_CLEAN;
    c.keep = cfg->filter && filter_writer(cfg->filter);
    inputs_seen++;

    size_t plen = 4;
    unsigned char *prefix = malloc(4);
    if (!prefix) {
        cap_fail(name, "out of memory");
        return EXIT_TROUBLE;
    }
    memcpy(prefix, head, 4);
    int rc;
    pcap_file_info info;
    pcapng_ifaces sv;
    int is_pcapng = input_capture_kind((const char *)head, 4) == CAPTURE_PCAPNG;
    if (is_pcapng) rc = pcapng_survey(f, &prefix, &plen, &sv);
    else rc = pcap_header(f, name, &prefix, &plen, &info);
    if (is_pcapng && rc != 0) cap_fail(name, "cannot seek back after reading the interfaces");
    if (rc != 0) {
        free(prefix);
        return EXIT_TROUBLE;
    }
    cap_source src;
    if (capsrc_open(&src, f, prefix, plen) != 0) {
        cap_fail(name, "%s", strerror(errno));
        free(prefix);
        return EXIT_TROUBLE;
    }
    progress_start(name, file_size(f), &src.off);
    /* libpcap for a pcapng file known to have one kind of interface; ours otherwise
     * (interfaces that differ, or a pipe, where an interface may still come). */
    if (is_pcapng && !(sv.uniform && sv.complete)) rc = pcapng_run(&src, name, &c);
    else if (is_pcapng) rc = libpcap_run(&src, name, &c, NULL, sv.nifaces ? sv.digits : 6);
    else rc = libpcap_run(&src, name, &c, &info, info.digits);
    progress_end();
    decode_finish(&c); /* what reassembly still holds: reported or counted */
    capsrc_close(&src);
    return rc != 0 ? EXIT_TROUBLE : c.status;
}
