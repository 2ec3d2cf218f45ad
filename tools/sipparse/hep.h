/* tools/sipparse/hep.h: HEP, the Homer Encapsulation Protocol that capture agents
 * (heplify, captagent, Kamailio/OpenSIPS siptrace, FreeSWITCH, sngrep) use to ship a
 * copy of each captured packet to a collector, over UDP or TCP.
 *
 * Versions 1 and 2 are a fixed header (version, header length, family, protocol,
 * ports, addresses; v2 adds a time stamp and capture id) and then the payload, up to
 * the end of the datagram. Version 3 starts with "HEP3" and a total length, then
 * chunks: vendor id, type, length (the 6-byte chunk header included), data.
 *
 * hep_decode takes one packet and fills a struct of every field; payload, auth key and
 * correlation id point into the caller's buffer (nothing is copied or allocated).
 * hep_next_len splits a TCP stream of back-to-back HEP3 packets. */
#ifndef SIPPARSE_HEP_H
#define SIPPARSE_HEP_H
#include <stddef.h>
#include <stdint.h>

/* Error codes and their sentences. */
#define HEP_ERRORS(X) \
    X(OK,            "ok") \
    X(AGAIN,         "need more bytes") \
    X(NOT_HEP,       "not a HEP packet") \
    X(SHORT,         "HEP header longer than the packet") \
    X(TOTAL_LENGTH,  "HEP3 total length smaller than its header or larger than the packet") \
    X(CHUNK_HEADER,  "HEP3 chunk header cut off by the end of the packet") \
    X(CHUNK_LENGTH,  "HEP3 chunk length smaller than 6 or past the end of the packet") \
    X(CHUNK_SIZE,    "HEP3 chunk of a fixed-size type with the wrong length") \
    X(FAMILY,        "address family neither IPv4 nor IPv6, or not the addresses' family") \
    X(NO_PAYLOAD,    "no payload chunk") \
    X(TWO_PAYLOADS,  "both a payload and a compressed payload chunk") \
    X(INFLATE,       "compressed payload does not inflate") \
    X(INFLATE_CAP,   "compressed payload inflates past the cap (refused)")
#define HEP_ERR_ENUM(id, text) HEP_E_##id,
typedef enum hep_err { HEP_ERRORS(HEP_ERR_ENUM) HEP_E_COUNT } hep_err;
#undef HEP_ERR_ENUM

const char *hep_strerror(hep_err e);

/* HEP3 chunk types of the generic vendor (0) that this decoder reads. */
enum {
    HEP_CH_FAMILY = 1, HEP_CH_IP_PROTO = 2, HEP_CH_SRC4 = 3, HEP_CH_DST4 = 4,
    HEP_CH_SRC6 = 5, HEP_CH_DST6 = 6, HEP_CH_SPORT = 7, HEP_CH_DPORT = 8,
    HEP_CH_TS_SEC = 9, HEP_CH_TS_USEC = 10, HEP_CH_PROTO_TYPE = 11, HEP_CH_CAPTURE_ID = 12,
    HEP_CH_AUTH = 14, HEP_CH_PAYLOAD = 15, HEP_CH_COMPRESSED = 16, HEP_CH_CORRELATION = 17
};
/* Values of the protocol type chunk (11) this tool cares about. */
enum { HEP_PROTO_SIP = 1 };

typedef struct hep_packet {
    int version;                 /* 1, 2 or 3 */
    size_t length;               /* bytes of the packet (v1/v2: the whole buffer) */
    int family;                  /* 4 or 6, 0 when the packet did not say */
    unsigned ip_proto;           /* 17 UDP, 6 TCP, 132 SCTP, ... */
    unsigned char src[16], dst[16];  /* 4 or 16 bytes used, per family */
    int have_src, have_dst;
    unsigned sport, dport;
    int have_ports;
    int have_ts;
    uint32_t ts_sec, ts_usec;
    int have_proto_type;
    unsigned proto_type;         /* HEP3 chunk 11; 1 = SIP. v1/v2: 1 assumed */
    int have_capture_id;
    uint32_t capture_id;         /* v2: 16 bits */
    const unsigned char *auth;   /* auth key (chunk 14), NULL when absent */
    size_t auth_len;
    const unsigned char *correlation; /* chunk 17, NULL when absent */
    size_t correlation_len;
    const unsigned char *payload;    /* chunk 15 or 16 (or the v1/v2 tail) */
    size_t payload_len;
    int compressed;              /* 1: the payload came in chunk 16 (see hep_inflate) */
    unsigned chunks;             /* HEP3 chunks read */
    unsigned unknown_chunks;     /* generic chunks of other types, skipped */
    unsigned vendor_chunks;      /* chunks of a non-zero vendor id, skipped */
} hep_packet;

/* Which HEP version the bytes start with: 3 for "HEP3"; 1 or 2 when the version byte,
 * header length, family and protocol agree with each other and with n; 0 otherwise. */
int hep_detect(const unsigned char *p, size_t n);

/* Decodes the one packet in p[0..n). Returns HEP_E_OK, or an error with *err_off (when
 * not NULL) set to the byte offset of the field at fault. A HEP3 packet whose total
 * length is less than n ends there (out->length tells; the rest is not looked at). */
hep_err hep_decode(const unsigned char *p, size_t n, hep_packet *out, size_t *err_off);

/* For a TCP stream of HEP3 packets: the total length the packet at p needs. HEP_E_OK
 * with *need set (it may be more than n: wait for more), HEP_E_AGAIN when fewer than 6
 * bytes are there, HEP_E_NOT_HEP when p does not start with "HEP3", HEP_E_TOTAL_LENGTH
 * when the length field is smaller than the 6-byte header. HEP v1/v2 have no total
 * length and cannot be split out of a stream. */
hep_err hep_next_len(const unsigned char *p, size_t n, size_t *need);

/* Inflates a compressed payload (chunk 16: zlib or gzip stream) into out[0..cap).
 * HEP_E_OK with *out_len, HEP_E_INFLATE_CAP when it would need more than cap bytes (it
 * stops there: a bomb is never expanded past the cap), HEP_E_INFLATE when damaged. */
hep_err hep_inflate(const hep_packet *pk, unsigned char *out, size_t cap, size_t *out_len);

#endif
