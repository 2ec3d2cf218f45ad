/* tools/sipparse/pcapng.c: our own pcapng reader, for the files libpcap cannot read.
 *
 * libpcap (1.10) keeps one link type per file: in a pcapng file whose interfaces have
 * different link types (dumpcap writes those when capturing on several interfaces) it
 * ignores the later interfaces and stops at their first packet. capture.c surveys the
 * interfaces first and sends such files here. Blocks are read one at a time into one
 * buffer of at most CAP_MAX_PACKET bytes, so memory stays bounded whatever the file's
 * size; blocks we do not use are skipped, not buffered.
 *
 * Format: draft-ietf-opsawg-pcapng: SHB, IDB, EPB, SPB, the obsolete PB; others
 * skipped. Every length is checked against its block before it is used. */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "capture.h"

/* Header blocks (SHB, IDB) are read whole; they are small, but cap them anyway. */
#define CAP_MAX_HEADER_BLOCK 65536u
/* What the survey buffers before the first packet, at most (a pipe's bytes). */
#define SURVEY_MAX_PREFIX (1u << 20)
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
    int swap;                 /* the section's byte order is not big-endian */
    cap_iface *ifaces;        /* this section's interfaces */
    unsigned nifaces;
    unsigned char *buf;       /* one record or block, CAP_MAX_PACKET + headers */
    size_t bufcap;
    unsigned long frame;
    int quiet;                /* the survey: damage is for the reader to report */
} cap_reader;

static int cap_error(cap_reader *r, const char *fmt, ...)
{
    if (r->quiet) return -1;
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
    cap_raw raw;
    memset(&raw, 0, sizeof raw);
    raw.linktype = r->ifaces[ifid].linktype;
    raw.hdr.ts.tv_sec = (time_t)sec;
    raw.hdr.ts.tv_usec = (suseconds_t)nsec;
    raw.hdr.caplen = (bpf_u_int32)caplen;
    raw.hdr.len = (bpf_u_int32)len;
    raw.data = b + hdr;
    raw.digits = digits;
    return capture_packet(c, &raw, r->frame);
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

static int png_run(cap_reader *r, decode_ctx *c)
{
    unsigned char h[8];
    if (read_exact(r, h, 8, 0, "section header block") != 1) return -1;
    int first = 1;
    if (ensure_buf(r, CAP_MAX_PACKET + 64) != 0) return -1;
    for (;;) {
        if (!first) {
            int rc = read_exact(r, h, 8, 1, "block header");
            if (rc <= 0) return rc;
        } else if (get32(h) != PNG_SHB) {
            return cap_error(r, "a pcapng file starts with a section header block");
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

int pcapng_run(cap_source *s, const char *name, decode_ctx *c)
{
    cap_reader r;
    memset(&r, 0, sizeof r);
    r.f = s->f;
    r.name = name;
    int rc = png_run(&r, c);
    free(r.buf);
    free(r.ifaces);
    return rc;
}

/* ---- the survey ------------------------------------------------------------------ */

/* Timestamp digits an interface's resolution gives (binary fractions: nanoseconds). */
static int iface_digits(const cap_iface *ifc)
{
    if (ifc->tsresol_binary) return 9;
    return ifc->tsresol > 9 ? 9 : (int)ifc->tsresol;
}

/* Notes one interface: 0, or -1 when its block cannot be read (the survey stops). */
static int survey_idb(cap_reader *r, pcapng_ifaces *sv, const unsigned char *body, size_t n)
{
    cap_iface ifc;
    memset(&ifc, 0, sizeof ifc);
    if (n < 8) return -1;
    ifc.linktype = f16(r, body);
    ifc.tsresol = 6;
    if (idb_options(r, &ifc, body + 8, n - 8) != 0) return -1;
    int digits = iface_digits(&ifc);
    if (sv->nifaces == 0) {
        sv->linktype = ifc.linktype;
        sv->digits = digits;
    } else if (ifc.linktype != sv->linktype || digits != sv->digits) {
        sv->uniform = 0;
    }
    sv->nifaces++;
    return 0;
}

/* Grows *buf to hold n more bytes read from f; 1 when all n came. */
static int take(FILE *f, unsigned char **buf, size_t *len, size_t n)
{
    unsigned char *b = realloc(*buf, *len + n);
    if (!b) return 0;
    *buf = b;
    size_t got = fread(b + *len, 1, n, f);
    *len += got;
    return got == n;
}

/* One block header at *pos of the section: its type and length, and the byte order
 * when it is a section header. 0, or -1 when it does not make sense. */
static int survey_block(cap_reader *r, const unsigned char *h, unsigned long *type,
                        unsigned long long *blen)
{
    if (get32(h) == PNG_SHB) {
        unsigned long m = get32(h + 8);
        if (m == 0x1a2b3c4dul) r->swap = 0;
        else if (m == 0x4d3c2b1aul) r->swap = 1;
        else return -1;
        *type = PNG_SHB;
    } else {
        *type = f32(r, h);
    }
    *blen = f32(r, h + 4);
    return *blen >= 12 && *blen % 4 == 0 ? 0 : -1;
}

int pcapng_survey(FILE *f, unsigned char **prefix, size_t *plen, pcapng_ifaces *sv)
{
    cap_reader r;
    memset(&r, 0, sizeof r);
    r.quiet = 1;
    memset(sv, 0, sizeof *sv);
    sv->uniform = 1;
    /* Buffer the blocks before the first packet: a pipe cannot give them back. */
    size_t at = 0; /* where the block being looked at starts in *prefix */
    for (;;) {
        if (*plen - at < 12 && !take(f, prefix, plen, 12 - (*plen - at))) return 0;
        unsigned long type;
        unsigned long long blen;
        if (survey_block(&r, *prefix + at, &type, &blen) != 0) return 0;
        if (type == PNG_EPB || type == PNG_SPB || type == PNG_PB) break;
        if (blen > CAP_MAX_HEADER_BLOCK || *plen + blen > SURVEY_MAX_PREFIX) return 0;
        if (!take(f, prefix, plen, (size_t)blen - 12)) return 0;
        if (type == PNG_IDB && survey_idb(&r, sv, *prefix + at + 8, (size_t)blen - 12) != 0)
            return 0;
        at += (size_t)blen;
    }
    /* A file can be surveyed to its end, reading block headers and interfaces only; a
     * pipe cannot, and an interface added after its first packet could have another
     * link type (libpcap would stop there): sv->complete stays 0. */
    struct stat st;
    off_t back = ftello(f);
    if (back < 0 || fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) return 0;
    sv->complete = 1;
    unsigned char *idb = malloc(CAP_MAX_HEADER_BLOCK);
    if (!idb) return 0;
    /* The first packet block's 12 bytes are in the prefix already: go on from there.
     * Bodies are read through and dropped, not sought past: glibc's fseeko drops its
     * buffer and makes a system call, once per packet. */
    unsigned char h[12];
    memcpy(h, *prefix + at, 12);
    for (;;) {
        unsigned long type;
        unsigned long long blen;
        if (survey_block(&r, h, &type, &blen) != 0) break;
        if (type == PNG_IDB) {
            memcpy(idb, h, 12);
            if (blen > CAP_MAX_HEADER_BLOCK ||
                fread(idb + 12, 1, (size_t)blen - 12, f) != blen - 12 ||
                survey_idb(&r, sv, idb + 8, (size_t)blen - 12) != 0)
                break;
        } else if (blen - 12 <= CAP_MAX_HEADER_BLOCK) {
            if (fread(idb, 1, (size_t)blen - 12, f) != blen - 12) break;
        } else if (fseeko(f, (off_t)(blen - 12), SEEK_CUR) != 0) {
            break;
        }
        if (fread(h, 1, 12, f) != 12) break;
    }
    free(idb);
    clearerr(f);
    return fseeko(f, back, SEEK_SET) == 0 ? 0 : -1;
}
