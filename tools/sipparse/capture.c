/* tools/sipparse/capture.c: pcap and pcapng files, read record by record.
 *
 * Our own reader rather than libpcap's: libpcap refuses a pcapng file whose interfaces
 * have different link types (dumpcap writes those when capturing on several
 * interfaces), and reading both formats here keeps one set of bounds checks. Records are
 * read one at a time into one buffer of at most CAP_MAX_PACKET bytes, so memory stays
 * bounded whatever the file's size; blocks we do not use are skipped, not buffered.
 *
 * Formats: pcap (libpcap's savefile: 24-byte header, 16-byte record headers; the
 * "modified" variant has 24-byte record headers), and pcapng (IETF draft
 * draft-ietf-opsawg-pcapng: SHB, IDB, EPB, SPB, the obsolete PB; others skipped). */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "tool.h"

/* The largest packet we accept (libpcap's own limit for a savefile record). */
#define CAP_MAX_PACKET 262144u
/* Header blocks (SHB, IDB) are read whole; they are small, but cap them anyway. */
#define CAP_MAX_HEADER_BLOCK 65536u
/* Interfaces per pcapng section: each costs a few bytes, the cap bounds a bad file. */
#define CAP_MAX_IFACES 4096u

typedef struct cap_iface {
    unsigned linktype;
    int tsresol_binary;   /* 1: units of 2^-tsresol s, 0: of 10^-tsresol s */
    unsigned tsresol;
    long long tsoffset;   /* seconds added to every timestamp (if_tsoffset) */
} cap_iface;

typedef struct cap_reader {
    FILE *f;
    const char *name;
    unsigned long long off;   /* file offset of the next byte to read */
    int swap;                 /* the file's byte order is not big-endian */
    int nsec;                 /* pcap: nanosecond timestamps */
    int modified;             /* pcap: 24-byte record headers */
    unsigned linktype;        /* pcap */
    cap_iface *ifaces;        /* pcapng: this section's interfaces */
    unsigned nifaces;
    unsigned char *buf;       /* one record or block, CAP_MAX_PACKET + headers */
    size_t bufcap;
    unsigned long frame;
} cap_reader;

static int cap_error(cap_reader *r, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, TOOL_NAME ": %s: ", r->name);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    return -1;
}

/* File fields are in the writer's byte order; r->swap says it is little-endian here
 * because we read everything as big-endian first. */
static unsigned f16(const cap_reader *r, const unsigned char *p)
{
    return r->swap ? (unsigned)p[1] << 8 | p[0] : get16(p);
}

static unsigned long f32(const cap_reader *r, const unsigned char *p)
{
    if (!r->swap) return get32(p);
    return (unsigned long)p[3] << 24 | (unsigned long)p[2] << 16 | (unsigned long)p[1] << 8 | p[0];
}

/* Reads exactly n bytes. 1 when read, 0 at a clean end of file (nothing read and
 * eof_ok), -1 (reported) on a short read or an I/O error. */
static int read_exact(cap_reader *r, void *dst, size_t n, int eof_ok, const char *what)
{
    size_t got = n ? fread(dst, 1, n, r->f) : 0;
    r->off += got;
    if (got == n) return 1;
    if (ferror(r->f)) return cap_error(r, "read error: %s", strerror(errno ? errno : EIO));
    if (got == 0 && eof_ok) return 0;
    return cap_error(r, "truncated %s at offset %llu (packet %lu): %lu of %lu bytes",
                     what, r->off - got, r->frame + 1, (unsigned long)got, (unsigned long)n);
}

/* Skips n bytes without keeping them (stdin cannot seek). */
static int skip_bytes(cap_reader *r, unsigned long long n, const char *what)
{
    unsigned char tmp[4096];
    while (n > 0) {
        size_t k = n < sizeof tmp ? (size_t)n : sizeof tmp;
        if (read_exact(r, tmp, k, 0, what) != 1) return -1;
        n -= k;
    }
    return 0;
}

static int ensure_buf(cap_reader *r, size_t n)
{
    if (n <= r->bufcap) return 0;
    unsigned char *b = realloc(r->buf, n);
    if (!b) return cap_error(r, "out of memory");
    r->buf = b;
    r->bufcap = n;
    return 0;
}

/* Decodes one packet; the decoders count it and report its messages. */
static void packet(decode_ctx *c, unsigned long frame, unsigned linktype,
                   const unsigned char *data, size_t caplen, long long sec, unsigned long nsec,
                   int digits)
{
    memset(&c->pkt, 0, sizeof c->pkt);
    c->stats->packets++;
    c->pkt.frame = frame;
    c->pkt.ts_sec = sec;
    c->pkt.ts_nsec = nsec;
    c->pkt.ts_digits = digits;
    c->af = 0;
    link_decode(c, linktype, data, caplen);
}

/* ---- pcap ------------------------------------------------------------------------ */

static int pcap_header(cap_reader *r, const unsigned char head[4])
{
    unsigned char h[24];
    memcpy(h, head, 4);
    if (read_exact(r, h + 4, 20, 0, "pcap file header") != 1) return -1;
    unsigned long magic = get32(h);
    r->swap = magic == 0xd4c3b2a1ul || magic == 0x4d3cb2a1ul || magic == 0x34cdb2a1ul;
    magic = f32(r, h);
    r->nsec = magic == 0xa1b23c4dul;
    r->modified = magic == 0xa1b2cd34ul;
    unsigned major = f16(r, h + 4);
    unsigned long snaplen = f32(r, h + 16);
    if (major != 2)
        return cap_error(r, "not a pcap file this tool reads (version %u)", major);
    if (snaplen == 0)
        return cap_error(r, "pcap header gives a snapshot length of 0");
    /* The upper bits of the link type field carry FCS information (LT_FCS_*). */
    r->linktype = (unsigned)(f32(r, h + 20) & 0xffffu);
    return 0;
}

static int pcap_run(cap_reader *r, decode_ctx *c, const unsigned char head[4])
{
    if (pcap_header(r, head) != 0) return -1;
    size_t hlen = r->modified ? 24 : 16;
    if (ensure_buf(r, CAP_MAX_PACKET) != 0) return -1;
    for (;;) {
        unsigned char h[24];
        int rc = read_exact(r, h, hlen, 1, "pcap record header");
        if (rc <= 0) return rc;
        unsigned long sec = f32(r, h), frac = f32(r, h + 4);
        unsigned long caplen = f32(r, h + 8), len = f32(r, h + 12);
        if (caplen > len)
            return cap_error(r, "packet %lu at offset %llu: captured length %lu exceeds its "
                             "length %lu", r->frame + 1, r->off - hlen, caplen, len);
        if (caplen > CAP_MAX_PACKET)
            return cap_error(r, "packet %lu at offset %llu: captured length %lu exceeds the "
                             "limit %u", r->frame + 1, r->off - hlen, caplen, CAP_MAX_PACKET);
        if (frac >= (r->nsec ? 1000000000ul : 1000000ul))
            return cap_error(r, "packet %lu at offset %llu: timestamp fraction %lu out of range",
                             r->frame + 1, r->off - hlen, frac);
        if (read_exact(r, r->buf, caplen, 0, "pcap packet data") != 1) return -1;
        r->frame++;
        packet(c, r->frame, r->linktype, r->buf, caplen, (long long)sec,
               r->nsec ? frac : frac * 1000ul, r->nsec ? 9 : 6);
    }
}

/* ---- pcapng ---------------------------------------------------------------------- */

enum { PNG_SHB = 0x0a0d0d0aul, PNG_IDB = 1, PNG_PB = 2, PNG_SPB = 3, PNG_EPB = 6 };

/* if_tsresol (option 9) and if_tsoffset (option 14) of an IDB's options. */
static int idb_options(cap_reader *r, cap_iface *ifc, const unsigned char *p, size_t n)
{
    size_t i = 0;
    while (i + 4 <= n) {
        unsigned code = f16(r, p + i), len = f16(r, p + i + 2);
        size_t padded = ((size_t)len + 3u) & ~(size_t)3u;
        if (code == 0) break;
        if (padded > n - i - 4) return cap_error(r, "interface option %u overruns its block", code);
        const unsigned char *v = p + i + 4;
        if (code == 9 && len == 1) {
            ifc->tsresol_binary = (v[0] & 0x80) != 0;
            ifc->tsresol = v[0] & 0x7f;
        } else if (code == 14 && len == 8) {
            unsigned long long hi = f32(r, v), lo = f32(r, v + 4);
            unsigned long long u = r->swap ? (lo << 32 | hi) : (hi << 32 | lo);
            ifc->tsoffset = (long long)u;
        }
        i += 4 + padded;
    }
    return 0;
}

static int add_iface(cap_reader *r, const unsigned char *body, size_t n)
{
    if (n < 8) return cap_error(r, "interface description block too short");
    if (r->nifaces >= CAP_MAX_IFACES)
        return cap_error(r, "more than %u interfaces in a section", CAP_MAX_IFACES);
    cap_iface *a = realloc(r->ifaces, (r->nifaces + 1) * sizeof *a);
    if (!a) return cap_error(r, "out of memory");
    r->ifaces = a;
    cap_iface *ifc = &a[r->nifaces];
    memset(ifc, 0, sizeof *ifc);
    ifc->linktype = f16(r, body);
    ifc->tsresol = 6; /* microseconds unless the interface says otherwise */
    if (idb_options(r, ifc, body + 8, n - 8) != 0) return -1;
    if ((ifc->tsresol_binary && ifc->tsresol > 63) || (!ifc->tsresol_binary && ifc->tsresol > 19))
        return cap_error(r, "interface %u: timestamp resolution %u out of range",
                         r->nifaces, ifc->tsresol);
    r->nifaces++;
    return 0;
}

/* A 64-bit timestamp in the interface's units, as seconds and nanoseconds. */
static void png_time(const cap_iface *ifc, unsigned long long t, long long *sec,
                     unsigned long *nsec, int *digits)
{
    if (ifc->tsresol_binary) {
        unsigned long long one = 1ull << ifc->tsresol;
        *sec = (long long)(t >> ifc->tsresol);
        *nsec = (unsigned long)((double)(t & (one - 1)) * 1e9 / (double)one);
        *digits = 9;
    } else {
        unsigned long long one = 1;
        for (unsigned i = 0; i < ifc->tsresol; i++) one *= 10;
        unsigned long long frac = t % one;
        *sec = (long long)(t / one);
        /* Scale the fraction to nanoseconds, dropping digits finer than that. */
        for (unsigned i = ifc->tsresol; i < 9; i++) frac *= 10;
        for (unsigned i = 9; i < ifc->tsresol; i++) frac /= 10;
        *nsec = (unsigned long)frac;
        *digits = ifc->tsresol > 9 ? 9 : (int)ifc->tsresol;
    }
    *sec += ifc->tsoffset;
}

/* An EPB, SPB or PB body: find interface, times and data, then decode. */
static int png_packet(cap_reader *r, decode_ctx *c, unsigned long type, const unsigned char *b,
                      size_t n)
{
    unsigned long ifid, caplen, len;
    unsigned long long ts = 0;
    size_t hdr;
    if (type == PNG_SPB) {
        if (n < 4) return cap_error(r, "simple packet block too short");
        ifid = 0;
        len = f32(r, b);
        hdr = 4;
        caplen = len < n - hdr ? len : (unsigned long)(n - hdr);
    } else {
        if (n < 20) return cap_error(r, "packet block too short");
        ifid = type == PNG_PB ? f16(r, b) : f32(r, b);
        ts = (unsigned long long)f32(r, b + 4) << 32 | f32(r, b + 8);
        caplen = f32(r, b + 12);
        len = f32(r, b + 16);
        hdr = 20;
    }
    r->frame++;
    if (ifid >= r->nifaces)
        return cap_error(r, "packet %lu refers to interface %lu, the section has %u",
                         r->frame, ifid, r->nifaces);
    if (caplen > n - hdr)
        return cap_error(r, "packet %lu: captured length %lu overruns its block",
                         r->frame, caplen);
    if (caplen > len)
        return cap_error(r, "packet %lu: captured length %lu exceeds its length %lu",
                         r->frame, caplen, len);
    long long sec = 0;
    unsigned long nsec = 0;
    int digits = 0;
    png_time(&r->ifaces[ifid], ts, &sec, &nsec, &digits);
    packet(c, r->frame, r->ifaces[ifid].linktype, b + hdr, caplen, sec, nsec, digits);
    return 0;
}

/* The Section Header Block: its byte-order magic sets r->swap for the section. */
static int png_section(cap_reader *r, const unsigned char *hdr8, unsigned long long *blen)
{
    unsigned char bom[4];
    if (read_exact(r, bom, 4, 0, "section header block") != 1) return -1;
    unsigned long m = get32(bom);
    if (m == 0x1a2b3c4dul) r->swap = 0;
    else if (m == 0x4d3c2b1aul) r->swap = 1;
    else return cap_error(r, "section header at offset %llu has no byte-order magic", r->off - 12);
    *blen = f32(r, hdr8 + 4);
    free(r->ifaces); /* a new section starts with no interfaces */
    r->ifaces = NULL;
    r->nifaces = 0;
    return 0;
}

static int png_run(cap_reader *r, decode_ctx *c, const unsigned char head[4])
{
    unsigned char h[8];
    memcpy(h, head, 4);
    if (read_exact(r, h + 4, 4, 0, "section header block") != 1) return -1;
    int first = 1;
    if (ensure_buf(r, CAP_MAX_PACKET + 64) != 0) return -1;
    for (;;) {
        if (!first) {
            int rc = read_exact(r, h, 8, 1, "block header");
            if (rc <= 0) return rc;
        }
        first = 0;
        unsigned long long start = r->off - 8, blen = 0;
        unsigned long type = get32(h) == PNG_SHB ? PNG_SHB : f32(r, h);
        size_t got = 8;
        if (type == PNG_SHB) {
            if (png_section(r, h, &blen) != 0) return -1;
            got = 12;
        } else {
            blen = f32(r, h + 4);
        }
        if (blen < got + 4 || blen % 4 != 0)
            return cap_error(r, "block at offset %llu has an invalid length %llu", start, blen);
        size_t body = (size_t)(blen - got - 4); /* body without the trailing length */
        int keep = type == PNG_SHB || type == PNG_IDB || type == PNG_EPB || type == PNG_SPB ||
                   type == PNG_PB;
        size_t limit = type == PNG_SHB || type == PNG_IDB ? CAP_MAX_HEADER_BLOCK
                                                          : CAP_MAX_PACKET + 64;
        if (keep && body > limit)
            return cap_error(r, "block at offset %llu is %llu bytes, more than the limit %lu",
                             start, blen, (unsigned long)limit);
        if (!keep) {
            if (skip_bytes(r, body + 4, "block") != 0) return -1;
            continue;
        }
        if (read_exact(r, r->buf, body + 4, 0, "block") != 1) return -1;
        if (f32(r, r->buf + body) != blen)
            return cap_error(r, "block at offset %llu: trailing length differs", start);
        int rc = 0;
        if (type == PNG_IDB) rc = add_iface(r, r->buf, body);
        else if (type != PNG_SHB) rc = png_packet(r, c, type, r->buf, body);
        if (rc != 0) return -1;
    }
}

int capture_run(const tool_config *cfg, FILE *f, const char *name, const unsigned char head[4],
                sipparse_hdr *hdrs, unsigned hdr_cap, tool_stats *stats)
{
    cap_reader r;
    memset(&r, 0, sizeof r);
    r.f = f;
    r.name = name;
    r.off = 4;
    decode_ctx c;
    memset(&c, 0, sizeof c);
    c.cfg = cfg;
    c.file = name;
    c.hdrs = hdrs;
    c.hdr_cap = hdr_cap;
    c.stats = stats;
    c.status = EXIT_CLEAN;
    int rc = input_capture_kind((const char *)head, 4) == CAPTURE_PCAPNG ? png_run(&r, &c, head)
                                                                        : pcap_run(&r, &c, head);
    decode_finish(&c); /* what reassembly still holds: reported or counted */
    free(r.buf);
    free(r.ifaces);
    return rc != 0 ? EXIT_TROUBLE : c.status;
}
