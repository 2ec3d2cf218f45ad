/* tools/sipparse/capture.h: what the capture readers, the BPF filter, the -w writer
 * and the progress line share (tool.h holds what the rest of the tool sees).
 *   capture.c   recognising the kind of capture, reading it through libpcap
 *   pcapng.c    our own pcapng reader, for files libpcap cannot read
 *   capsrc.c    the counted byte stream both readers read
 *   filter.c    the BPF expression, --method and --call-id
 *   writer.c    -w: the packets of the selected messages
 *   progress.c  the progress line on a terminal */
#ifndef SIPPARSE_CAPTURE_H
#define SIPPARSE_CAPTURE_H
#include <pcap/pcap.h>
#include <stdio.h>
#include "tool.h"

/* The largest packet we accept (libpcap's own limit for a savefile record). */
#define CAP_MAX_PACKET 262144u

/* One captured packet as it was in the file: what -w writes back and BPF looks at. */
typedef struct cap_raw {
    unsigned linktype;
    struct pcap_pkthdr hdr;      /* ts.tv_usec holds nanoseconds */
    const unsigned char *data;   /* hdr.caplen bytes */
    int digits;                  /* the file's timestamp resolution, 0..9 digits */
    unsigned long input;         /* which input (1-based) ... */
    unsigned long frame;         /* ... and packet: -w writes a packet once */
} cap_raw;

/* ---- capsrc.c ------------------------------------------------------------------- */
typedef struct cap_source {
    FILE *f;                     /* what the reader reads: prefix, then under */
    FILE *under;
    unsigned char *prefix;       /* malloc'd bytes already taken from under (owned) */
    size_t plen, ppos;
    unsigned long long off;      /* bytes handed to f so far (f reads ahead) */
} cap_source;

/* Opens s->f over prefix (n bytes, malloc'd; s owns it from here) and then under.
 * 0, or -1 with errno set. */
int capsrc_open(cap_source *s, FILE *under, unsigned char *prefix, size_t n);
/* Where the reader of f (s->f, or the same FILE after a reader took it) is: the bytes
 * it has taken, read-ahead excluded. */
unsigned long long capsrc_tell(const cap_source *s, FILE *f);
/* Closes s->f (unless a reader took and closed it: then set s->f to NULL first). */
void capsrc_close(cap_source *s);

/* ---- capture.c ------------------------------------------------------------------ */
/* Hands one packet to the decoders: counts it, applies the BPF filter, refreshes the
 * progress line. -1 when the filter cannot be compiled for the packet's link type
 * (reported: the input stops there), else 0. */
int capture_packet(decode_ctx *c, cap_raw *raw, unsigned long frame);

/* ---- pcapng.c ------------------------------------------------------------------- */
/* What the interfaces of a pcapng file are, to choose a reader. */
typedef struct pcapng_survey {
    int uniform;        /* 1: every interface seen has the same link type and resolution */
    int complete;       /* 1: every interface of the file was seen (a file, not a pipe) */
    unsigned linktype;  /* the first interface's */
    int digits;         /* its timestamp resolution in decimal digits (binary: 9) */
    unsigned nifaces;
} pcapng_ifaces;
/* Reads the blocks before the first packet from f into *prefix (malloc'd, *plen bytes,
 * holding the 4 bytes already read), and when f is a regular file, every interface
 * block after them (f is put back where the prefix ends). Damage stops the survey
 * quietly: the reader reports it. 0, or -1 when f cannot be put back. */
int pcapng_survey(FILE *f, unsigned char **prefix, size_t *plen, pcapng_ifaces *sv);
/* Reads a pcapng file from s->f (positioned at its first byte) and decodes every
 * packet. 0 at its clean end, -1 (reported) when it is damaged. */
int pcapng_run(cap_source *s, const char *name, decode_ctx *c);

/* ---- filter.c ------------------------------------------------------------------- */
/* The filter main.c fills from the options; what it leaves out is counted in stats. */
tool_filter *filter_new(tool_stats *stats);
void filter_free(tool_filter *f);
/* The trailing expression, words joined by spaces as tcpdump does. 0 or -1 (memory). */
int filter_set_bpf(tool_filter *f, char **words, int n);
/* --method INVITE,BYE: 0, or -1 with *bad naming what it could not take. */
int filter_set_methods(tool_filter *f, const char *list, const char **bad);
void filter_set_call_id(tool_filter *f, const char *id);
void filter_set_writer(tool_filter *f, tool_writer *w);
tool_writer *filter_writer(const tool_filter *f);
/* 1: the packet passes the BPF expression (or there is none), 0: it does not, -1: the
 * expression does not compile for this link type (reported, naming the file). */
int filter_packet(tool_filter *f, const char *file, const cap_raw *raw);

/* ---- writer.c ------------------------------------------------------------------- */
/* The writer of -w FILE, or NULL on failure (reported). */
tool_writer *writer_open(const char *path);
/* Writes the packet raw once (a second message of the same packet does not write it
 * again). */
void writer_packet(tool_writer *w, const cap_raw *raw);
/* Writes the packets a selected message came in (pkt_info's raw, carriers, segments),
 * each once: a packet that carried parts of two messages is in the file once. */
void writer_message(tool_writer *w, const pkt_info *p);
/* Flushes and closes; 0, or -1 (reported) when the file is incomplete. */
int writer_close(tool_writer *w);

/* ---- progress.c ----------------------------------------------------------------- */
/* The progress line: on only when stderr is a terminal. size: the input's size in
 * bytes when known (0 otherwise: no percentage); *done: the bytes read so far. */
void progress_start(const char *name, unsigned long long size, const unsigned long long *done);
/* Called per packet; redraws at most four times a second. */
void progress_tick(const tool_stats *s);
/* Erases the line. */
void progress_end(void);

#endif
