/* tools/sipparse/tool.h: what the parts of the sipparse command share.
 *   main.c     options, the loop over inputs, exit status
 *   input.c    reading a file or stdin, recognising capture files
 *   process.c  one input as a datagram or as a stream of messages
 *   report.c   helpers both writers use (lenient names, header lookup, time stamps)
 *   utf8.c     well-formed UTF-8, as both writers print it
 *   capture.c  pcap and pcapng files, read record by record (bounded memory)
 *   link.c     link layers: Ethernet, VLAN tags, Linux cooked v1/v2, BSD loopback, PPP
 *   ip.c       IPv4, IPv6 (extension headers), IP-in-IP, GRE, ERSPAN
 *   transport.c  UDP, TCP, SCTP entry points, VXLAN; SIP recognised by content
 *   ipfrag.c   IPv4 fragments and IPv6 Fragment headers put back together
 *   tcp_flow.c TCP streams reassembled per direction, cut into messages
 *   ws_flow.c  WebSocket connections found in TCP streams, one SIP message per WS message
 *   hep_input.c  HEP packets (UDP datagrams, or cut from TCP streams): the SIP inside
 *   sctp.c     SCTP DATA chunks, fragmented user messages put back together
 *   stats.c    what every packet became: messages, or a reason it was not decoded
 *   har.c      browser captures: the WebSocket messages of a HAR file
 *   filter.c, writer.c, pcapng.c, capsrc.c, progress.c: see capture.h
 *   out_text.c / out_json.c  the two output formats; jsonw.c writes JSON text */
#ifndef SIPPARSE_TOOL_H
#define SIPPARSE_TOOL_H
#include <stdio.h>
#include <stddef.h>
#include "sipparse/sipparse.h"
#include "utf8.h"

#define TOOL_NAME "sipparse"

/* Exit statuses, ordered: the worst one seen is the one returned. */
enum { EXIT_CLEAN = 0, EXIT_FINDINGS = 1, EXIT_TROUBLE = 2 };

enum out_format { OUT_TEXT = 0, OUT_JSON };

/* Header array size, allocated once and reused for every message. */
#define TOOL_MAX_HEADERS 1024u
/* Check errors and findings kept per message; the totals are still counted and printed. */
#define TOOL_MAX_CHECK_ERRORS 64u
#define TOOL_MAX_FINDINGS 64u

#define TOOL_MAX_WS_PORTS 16u
typedef struct tool_config {
    enum out_format format;
    int check;            /* --check */
    int strict;           /* --strict: warnings fail --check too */
    sipparse_sanity_ctx element;   /* what --role, --supported, --types, ... say */
    int stream;           /* --stream */
    unsigned lenient;     /* SIPPARSE_F_ALLOW_* bits from --lenient, 0: strict */
    int stats;            /* --stats */
    int quiet;            /* -q: no line per message */
    struct tool_filter *filter;  /* BPF, --method, --call-id, -w (filter.c); NULL: none */
    unsigned ws_ports[TOOL_MAX_WS_PORTS];  /* --decode ws:PORT: streams from the first byte ... */
    unsigned nws_ports;                    /* ... this many ports */
} tool_config;

/* ---- filter.c: what is read (BPF), printed (--method, --call-id), written (-w) ---- */
typedef struct tool_filter tool_filter;
typedef struct tool_writer tool_writer;
struct msg_report;
/* 1 when the message is selected (then its packet is written for -w), 0 when
 * --method or --call-id skip it (counted). */
int filter_report(const struct tool_config *cfg, const struct msg_report *r);

/* The element --check judges for: --role, --supported, --types, --schemes and
 * --local-id fill cfg->element. Lists are split in place (arg is changed). Returns 0, or
 * -1 with *bad naming the item it could not take. */
#define TOOL_MAX_LIST 32u
int element_option(tool_config *cfg, int opt, char *arg, const char **bad);
enum { OPT_SUPPORTED = 512, OPT_TYPES, OPT_SCHEMES, OPT_ROLE, OPT_LOCAL_ID };

/* ---- input.c ------------------------------------------------------------------- */
typedef struct tool_input {
    const char *name;     /* as given on the command line; "-" is stdin */
    char *data;           /* whole contents, malloc'd (NULL when empty) */
    size_t len;
} tool_input;

/* Reads the whole file (or stdin for "-"). 0 on success; -1 with errno set. */
int input_read(const char *path, tool_input *in);
/* Reads what is left of f after the n bytes already taken from it (head). 0 or -1. */
int input_read_rest(FILE *f, const char *name, const char *head, size_t n, tool_input *in);
/* 1 when the name says capture file (.pcap, .pcapng, .cap): such a file that is not one
 * is an error rather than a SIP message. */
int input_named_capture(const char *name);
void input_free(tool_input *in);

typedef enum capture_kind { CAPTURE_NONE = 0, CAPTURE_PCAP, CAPTURE_PCAPNG } capture_kind;
/* Recognises a capture file by its magic number (the first four bytes). */
capture_kind input_capture_kind(const char *data, size_t len);
const char *input_capture_name(capture_kind k);

/* ---- capture packets ------------------------------------------------------------ */
/* Where a message came from in a capture; NULL in a msg_report for a plain file. */
#define PKT_ADDR_MAX 56     /* "[" IPv6 "]:" port, NUL */
#define PKT_ENCAP_MAX 160
#define PKT_MAX_DEPTH 8     /* tunnels inside tunnels: beyond this, the packet is dropped */
typedef struct pkt_info {
    unsigned long frame;       /* 1-based packet number in its input */
    long long ts_sec;
    unsigned long ts_nsec;
    int ts_digits;             /* fraction digits the capture's resolution has (0..9) */
    /* Endpoints as text only where an input names them so (HAR: "browser"); addresses
     * and ports read off the packet are kept as they are (below) and turned into text
     * by pkt_endpoint only when a writer prints them: a count-only run never pays for
     * inet_ntop and snprintf. */
    char src[PKT_ADDR_MAX], dst[PKT_ADDR_MAX];
    int addr_af;                         /* 4 or 6 when the fields below are set, else 0 */
    unsigned char addr_src[16], addr_dst[16];
    unsigned sport, dport;
    const char *transport;     /* "udp", "tcp", "sctp", "ws", "hep", "har" */
    unsigned long first_frame; /* ws: the packet holding the message's first byte; 0: frame */
    char encap[PKT_ENCAP_MAX]; /* layers seen, "eth/vlan/ipv4/udp" */
    size_t encap_len;
    int depth;                 /* layers decoded so far (bounded by PKT_MAX_DEPTH * 4) */
    int tunnels;               /* tunnels entered */
    const char *url;           /* HAR: the WebSocket connection's URL; NULL otherwise */
    /* For -w: the packet being decoded as captured (capture.h), set only while it is
     * decoded, never kept (NULL in a report made from a flow's state). When a message
     * came in more than that packet, the copies writer.c kept of them: carriers, the packets of a reassembled IP datagram or the
     * segment holding a WebSocket or HEP message's last byte; segments, a TCP
     * message's, one chain per segment record. */
    const struct cap_raw *raw;
    struct kept_packet *carriers;
    struct kept_packet *const *segments;
    unsigned nsegments;
} pkt_info;

/* Why a packet did not become a SIP message. Every packet ends as messages or as one
 * of these, so the counts always add up to the packets read. */
#define DROP_REASONS(X) \
    X(NOT_IP, "not IP") \
    X(OTHER_PROTO, "not UDP, TCP or SCTP") \
    X(NOT_SIP, "not SIP") \
    X(KEEPALIVE, "keep-alive (CRLF)") \
    X(TRUNCATED, "truncated") \
    X(MALFORMED, "malformed header") \
    X(LINKTYPE, "unsupported link type") \
    X(TUNNEL, "unsupported tunnel") \
    X(FRAG_TIMEOUT, "IP fragment, datagram incomplete after the timeout") \
    X(FRAG_OVERLAP, "IP fragment, overlap (datagram dropped)") \
    X(FRAG_CAP, "IP fragment, reassembly limit reached") \
    X(FRAG_END, "IP fragment, datagram incomplete at end of capture") \
    X(TCP_EMPTY, "TCP without payload") \
    X(TCP_RETRANS, "TCP retransmission (bytes already seen)") \
    X(TCP_MIDSTREAM, "TCP, before the first SIP start line (capture began mid-stream)") \
    X(TCP_HOLE, "TCP hole (bytes missing), skipped to the next start line") \
    X(TCP_RESYNC, "TCP, skipped to the next start line after an unframable message") \
    X(TCP_INCOMPLETE, "TCP, message incomplete at end of capture or connection") \
    X(TCP_EVICTED, "TCP, flow evicted (flow or memory limit)") \
    X(SCTP_NO_DATA, "SCTP without DATA") \
    X(SCTP_INCOMPLETE, "SCTP, user message incomplete") \
    X(TLS, "TLS, not decodable (use a key log or HEP)") \
    X(HEP_NOT_SIP, "HEP, payload not SIP") \
    X(HEP_MALFORMED, "HEP, malformed packet") \
    X(WS_HANDSHAKE, "WebSocket handshake (HTTP Upgrade)") \
    X(WS_REFUSED, "WebSocket upgrade refused (response other than 101)") \
    X(WS_NOT_DATA, "WebSocket message neither text nor binary (close, ping, pong)") \
    X(WS_DROPPED, "WebSocket message dropped (cut by a close, too large, does not inflate)") \
    X(WS_ERROR, "WebSocket protocol error (rest of that direction skipped)") \
    X(STREAM_HOLE, "TCP hole in a WebSocket or HEP stream (no marker to resync on: rest skipped)") \
    X(WS_LIMIT, "WebSocket, connection limit reached") \
    X(HAR_WS_ERROR, "HAR: WebSocket error record") \
    X(HAR_NO_MESSAGES, "HAR: WebSocket connection without messages (Firefox records none)") \
    X(HAR_BAD, "HAR: unreadable message (reported as an error)")
#define DROP_ENUM(id, text) DROP_##id,
typedef enum drop_reason { DROP_REASONS(DROP_ENUM) DROP_COUNT } drop_reason;
#undef DROP_ENUM

/* ---- stats.c -------------------------------------------------------------------- */
#define STATS_MAX_METHODS 32u
typedef struct tool_stats {
    unsigned long packets, sip_packets, messages, parse_errors;
    unsigned long drops[DROP_COUNT];
    unsigned long linktypes[8];        /* the first unsupported link types seen ... */
    unsigned nlinktypes;               /* ... this many */
    unsigned long udp, tcp, sctp;      /* messages by transport */
    unsigned long ws, hep;             /* ... (shown when any) */
    /* Packets the decode under way stands for: 0 (read as 1) for a packet, the number
     * of fragments for a reassembled IP datagram, so counts still add up to packets. */
    unsigned long weight;
    unsigned long ip_reassembled;      /* IP datagrams put back together */
    unsigned long tcp_holes, tcp_hole_bytes;   /* gaps skipped in TCP streams */
    unsigned long har;                 /* messages from HAR files (shown when any) */
    unsigned long file;                /* messages from plain files (shown when any) */
    char methods[STATS_MAX_METHODS][24];
    unsigned long method_count[STATS_MAX_METHODS];
    unsigned nmethods;
    unsigned long other_methods;       /* beyond the table, or unreadable */
    unsigned long status_count[700];   /* 100..699 */
    unsigned long unknown_kind;        /* neither request nor response */
    int filtering;                     /* a BPF expression or a selection was given */
    unsigned long filtered;            /* packets the BPF expression rejected */
    unsigned long unselected;          /* messages --method / --call-id skipped */
} tool_stats;

void stats_drop(tool_stats *s, drop_reason why);   /* counts s->weight packets */
void stats_sip(tool_stats *s);                     /* the same, as carrying SIP */
void stats_drop_n(tool_stats *s, drop_reason why, unsigned long n);
void stats_sip_n(tool_stats *s, unsigned long n);
void stats_linktype(tool_stats *s, unsigned linktype);
void stats_message(tool_stats *s, const sipparse_msg *m, const char *transport, int parse_ok);
const char *stats_reason_name(drop_reason why);
int stats_print(FILE *f, const tool_stats *s, enum out_format fmt);

/* ---- the packet decoders (link.c, ip.c, transport.c) ---------------------------- */
typedef struct decode_ctx {
    const tool_config *cfg;
    const char *file;
    sipparse_hdr *hdrs;
    unsigned hdr_cap;
    tool_stats *stats;
    int status;                /* worst exit status of the messages so far */
    pkt_info pkt;
    int af;                    /* 4 or 6: the innermost IP header's addresses */
    unsigned char saddr[16], daddr[16];
    /* Reassembly state of the input, made on first use, freed by decode_finish. */
    struct ipfrag_table *frags;
    struct tcp_table *tcp;
    struct sctp_table *sctp;
    int keep;                  /* -w is on: reassembly keeps copies of the packets */
} decode_ctx;

/* Copies of captured packets held while the message they carry part of is not whole
 * (writer.c). kept_take returns the packets the current payload came in (its carriers,
 * taken over, or a copy of raw; NULL without either or out of memory). */
struct kept_packet;
struct kept_packet *kept_take(pkt_info *p);
void kept_join(struct kept_packet **chain, struct kept_packet *more);
size_t kept_bytes(const struct kept_packet *chain);   /* memory the chain holds */
void kept_free(struct kept_packet *chain);

/* Each decoder takes the bytes of its layer (n of them, all readable) and ends the
 * packet: it hands a payload to the next layer, reports messages, or counts a drop. */
void link_decode(decode_ctx *c, unsigned linktype, const unsigned char *p, size_t n);
void ether_decode(decode_ctx *c, const unsigned char *p, size_t n);
void ethertype_decode(decode_ctx *c, unsigned type, const unsigned char *p, size_t n);
void ip_decode(decode_ctx *c, const unsigned char *p, size_t n);
void ip_proto_decode(decode_ctx *c, unsigned proto, const unsigned char *p, size_t n);
void udp_decode(decode_ctx *c, const unsigned char *p, size_t n);
void tcp_decode(decode_ctx *c, const unsigned char *p, size_t n);
void sctp_decode(decode_ctx *c, const unsigned char *p, size_t n);
/* End of an input: what the reassembly tables still hold is reported or counted (by
 * reason), and the tables are freed. capture.c calls it once per capture file. */
void decode_finish(decode_ctx *c);

/* ---- reassembly (ipfrag.c, tcp_flow.c, sctp.c) ------------------------------------ */
/* The packet's capture time in seconds; reassembly timeouts run on it, not on the clock. */
double pkt_time(const pkt_info *p);

/* A whole IP datagram's payload, put back together from fragments. */
typedef struct frag_done {
    unsigned char *data;       /* malloc'd; ipfrag_release frees it */
    size_t len;
    unsigned proto;            /* IPv4 protocol, or the IPv6 header after Fragment */
    unsigned long packets;     /* fragments it was made of (duplicates included) */
    struct kept_packet *kept;  /* -w: copies of those fragments (the caller frees them) */
} frag_done;
/* One fragment of the datagram (c->af, c->saddr, c->daddr, id, proto): payload p[0..n)
 * at byte offset off, more = the MF / M flag; proto is the IPv4 protocol, or for IPv6
 * the Next Header of the Fragment header. Returns 1 when the datagram is complete
 * (*done filled, the packet counted by whoever decodes it with stats weight
 * done->packets), 0 when the fragment is held or dropped (then counted). */
int ipfrag_add(decode_ctx *c, unsigned long id, unsigned proto, size_t off, int more,
               const unsigned char *p, size_t n, frag_done *done);
void ipfrag_release(frag_done *done);
/* Counts every fragment still held (end of capture) and frees the table. */
void ipfrag_finish(decode_ctx *c);

/* One TCP segment (p[0..n) is the TCP header and payload, already bounds-checked) of
 * the flow c->saddr:sport -> c->daddr:dport. Counts the packet, now or once its bytes
 * are used, and reports the messages it completes. */
void tcp_flow_segment(decode_ctx *c, const unsigned char *p, size_t n);
/* Reports what every flow can still give, counts the rest, frees the table. */
void tcp_flow_finish(decode_ctx *c);
/* Held SCTP message fragments counted, table freed. */
void sctp_finish(decode_ctx *c);

/* 1 when a payload's first line (after any CRLFs) is a Status-Line or ends like a
 * Request-Line (RFC 3261 §7.1): how a datagram, WebSocket or HEP payload is told to be
 * SIP. Whether it is well-formed is the parser's call. */
int sip_looks_like(const unsigned char *p, size_t n);
/* 1 when p[0..n) is only CR and LF (an RFC 5626 §3.5.1 keep-alive; empty counts). */
int sip_only_crlf(const unsigned char *p, size_t n);

/* ---- ws_flow.c, hep_input.c: what tcp_flow.c and udp_decode hand on ------------- */
/* One HEP packet (v1, v2 or v3) in p[0..n); hop_sport/hop_dport: the ports of the UDP or
 * TCP hop it came in, shown when HEP names no addresses. Reports the SIP message it
 * carries (with HEP's addresses, ports and time) and returns DROP_COUNT, or returns the
 * reason it carried none. The caller counts the packet. c->pkt, c->af and the
 * addresses are changed. */
drop_reason hep_input(decode_ctx *c, const unsigned char *p, size_t n, unsigned hop_sport,
                      unsigned hop_dport);

/* SIP start line test at p, a line start: 1 when the line is a SIP request line or
 * status line, 0 when it is not, -1 when the line is not complete within n bytes yet. */
int sip_start_line(const unsigned char *p, size_t n);
/* The innermost IP header's addresses and these ports into c->pkt (text only when a
 * writer asks: pkt_endpoint). */
void pkt_set_endpoints(decode_ctx *c, unsigned sport, unsigned dport);
/* The source (which 0) or destination (1) of p as text, "10.0.0.1:5060" or
 * "[2001:db8::1]:5060" (written into buf) or the name the input gave. */
const char *pkt_endpoint(const pkt_info *p, int which, char buf[PKT_ADDR_MAX]);

/* Adds a layer name to c->pkt.encap; returns 0, or -1 when the packet is nested too
 * deep to go on (the caller drops it as an unsupported tunnel). */
int pkt_push(decode_ctx *c, const char *layer);

static inline unsigned get16(const unsigned char *p) { return (unsigned)p[0] << 8 | p[1]; }
static inline unsigned long get32(const unsigned char *p)
{
    return (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 | (unsigned long)p[2] << 8 | p[3];
}

/* ---- capture.c ------------------------------------------------------------------ */
/* Reads a pcap or pcapng file from f, whose first 4 bytes (head) were already read, and
 * decodes every packet. Returns the exit status: 2 when the file is damaged (after
 * reporting what came before the damage). */
int capture_run(const tool_config *cfg, FILE *f, const char *name, const unsigned char head[4],
                sipparse_hdr *hdrs, unsigned hdr_cap, tool_stats *stats);

/* ---- har.c --------------------------------------------------------------------- */
/* 1 when an input is to be read as a HAR (HTTP Archive) file: its name ends in .har,
 * or its first byte that is not blank is '{' (no SIP message starts with one). */
int har_detect(const char *name, const char *data, size_t len);
/* Reports every text or binary WebSocket message of the HAR file in as one SIP
 * message (RFC 7118 §5), counting every other message in stats by reason. A damaged
 * file or message is described on err (where it is, what is wrong). Returns the exit
 * status: 2 when anything in the file could not be read. */
int har_run(const tool_config *cfg, const tool_input *in, sipparse_hdr *hdrs, unsigned hdr_cap,
            tool_stats *stats, FILE *err);

/* ---- process.c ------------------------------------------------------------------ */
/* Everything known about one message, handed to a writer. */
typedef struct msg_report {
    const char *file;            /* input name */
    unsigned frame;              /* 1-based number of the message in its input */
    const pkt_info *pkt;         /* the packet it came in, NULL for a plain file */
    int stream;                  /* 1: cut from a stream by sipparse_frame */
    size_t offset;               /* where the message's start line is in the input */
    const sipparse_msg *m;       /* parse results (partial when parse_rc != OK) */
    sipparse_err parse_rc;       /* SIPPARSE_OK or the parse/framing error */
    const sipparse_error *perr;  /* that error, located, when parse_rc != OK */
    int list_errors;             /* --check: every error on a line of its own */
    int checked;                 /* sipparse_msg_check ran */
    const sipparse_error *cerrs; /* check errors kept ... */
    size_t ncerrs_kept;          /* ... this many ... */
    size_t ncerrs;               /* ... of this many found */
    const sipparse_finding *findings; /* --check: validation findings kept ... */
    size_t nfindings_kept;       /* ... this many ... */
    size_t nfindings;            /* ... of this many */
} msg_report;

/* What a --stream input held besides messages. */
typedef struct stream_report {
    const char *file;
    unsigned messages;
    unsigned pings;              /* CRLFCRLF keep-alives (RFC 5626 §3.5.1) */
    unsigned pongs;              /* lone CRLF keep-alives */
    size_t unframed;             /* bytes left that could not be framed */
} stream_report;

/* Runs one input that is not a capture; returns its exit status. */
int process_input(const tool_config *cfg, const tool_input *in, sipparse_hdr *hdrs,
                  unsigned hdr_cap, tool_stats *stats);
/* One UDP payload as one message; returns its exit status. */
int process_datagram(decode_ctx *c, const char *buf, size_t len);
/* One message cut from a reassembled stream by sipparse_frame (or the bytes that could
 * not be framed, with frc the framing error), shown as arriving in packet *pkt (the one
 * that carried its last byte); stream_off: where buf starts in its stream (the report's
 * offset). Returns the message's exit status. */
int process_stream_message(decode_ctx *c, const pkt_info *pkt, const char *buf, size_t len,
                           size_t stream_off, sipparse_err frc, const sipparse_error *ferr);
/* The same for a message the caller parsed whole, in stream mode: the parse framed it
 * (its len). */
int process_stream_parsed(decode_ctx *c, const pkt_info *pkt, const sipparse_msg *m,
                          size_t stream_off);

/* ---- report.c ------------------------------------------------------------------- */
typedef struct lenient_name {
    unsigned flag;
    const char *name;
    const char *help;
} lenient_name;
extern const lenient_name lenient_names[];
extern const size_t lenient_count;

/* Parses "lf,extra-sp" into flag bits; -1 on an unknown name (*bad points at it). */
int lenient_parse(const char *list, unsigned *flags, const char **bad, size_t *badlen);

/* First header with id, or NULL; safe on a message whose parse failed part way. */
const sipparse_hdr *report_hdr(const sipparse_msg *m, sipparse_hdr_id id);
/* Name to show for the header an error concerns: the long name for a known header,
 * the name as written for another one, NULL when the error is not in a header. */
sipparse_slice report_error_header(const sipparse_msg *m, const sipparse_error *e);
/* 1 when the start line was understood as a request, 2 as a response, 0 neither. */
int report_kind(const sipparse_msg *m);
/* Total error count of the report (parse error plus check errors). */
size_t report_error_count(const msg_report *r);
/* The n-th error of the report: the parse error first, then the kept check errors. */
const sipparse_error *report_error_at(const msg_report *r, size_t i);
size_t report_errors_kept(const msg_report *r);
/* The packet's time, UTC, ISO 8601 with the capture's precision: "2026-01-02T03:04:05.123456Z". */
#define REPORT_TS_MAX 48
void report_ts(char *out, size_t cap, const pkt_info *p);

/* ---- out_text.c / out_json.c ---------------------------------------------------- */
/* Each returns 0, or -1 when the output could not be made (memory). */
int out_text_msg(FILE *f, const msg_report *r);
int out_text_stream(FILE *f, const stream_report *s);
int out_json_msg(FILE *f, const msg_report *r);
int out_json_stream(FILE *f, const stream_report *s);

#endif
