/* tools/sipparse/hep.c: HEP v1/v2/v3 packets, decoded in place.
 *
 * Layouts (HEP3: the HEP3 draft spec published by the sipcapture project; v1/v2: the
 * struct layout every capture agent shares):
 *   v1/v2  u8 version, u8 header length, u8 family (2 = AF_INET, 10 = AF_INET6),
 *          u8 IP protocol, u16 sport, u16 dport (network order), then the two
 *          addresses (4 or 16 bytes each). The header length counts these only.
 *          v2 then has u32 seconds, u32 microseconds, u16 capture id and 2 bytes of
 *          struct padding (12 bytes), in the sender's byte order: the agents copy
 *          host-order values, so x86 little-endian is what is on the wire.
 *          The payload runs to the end of the datagram: no total length.
 *   v3     "HEP3", u16 total length (header included), then chunks:
 *          u16 vendor id, u16 type, u16 length (its 6-byte header included), data.
 *          All numbers in network order.
 * Traps: a chunk length below 6 would never advance (a hang); a total length past the
 * datagram is a lie to refuse, one shorter than the datagram ends the packet there (TCP
 * streams put packets back to back). Fixed-size chunks of the wrong size are errors,
 * not truncated reads. */
#include <string.h>
#define ZLIB_CONST          /* next_in is const: zlib never writes its input */
#include <zlib.h>
#include "hep.h"

static const char *const err_text[HEP_E_COUNT] = {
#define HEP_ERR_TEXT(id, text) text,
    HEP_ERRORS(HEP_ERR_TEXT)
#undef HEP_ERR_TEXT
};

const char *hep_strerror(hep_err e)
{
    return (unsigned)e < HEP_E_COUNT ? err_text[e] : "?";
}

static unsigned be16(const unsigned char *p) { return (unsigned)p[0] << 8 | p[1]; }
static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}
static uint32_t le32(const unsigned char *p)
{
    return (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
}

static hep_err fail(hep_err e, size_t at, size_t *err_off)
{
    if (err_off) *err_off = at;
    return e;
}

/* The v1/v2 header's length for a family byte: 8 fixed bytes + two addresses. */
static size_t v12_header_len(unsigned family)
{
    return family == 2 ? 8 + 2 * 4 : family == 10 ? 8 + 2 * 16 : 0;
}
#define HEP2_TIME_LEN 12u

int hep_detect(const unsigned char *p, size_t n)
{
    if (n >= 4 && memcmp(p, "HEP3", 4) == 0) return 3;
    if (n < 8 || (p[0] != 1 && p[0] != 2)) return 0;
    size_t hl = v12_header_len(p[2]);
    if (hl == 0 || p[1] != hl) return 0;
    /* The IP protocol of the captured packet: UDP, TCP or SCTP in practice. */
    if (p[3] != 17 && p[3] != 6 && p[3] != 132) return 0;
    if (n < hl + (p[0] == 2 ? HEP2_TIME_LEN : 0)) return 0;
    return p[0];
}

static hep_err decode_v12(const unsigned char *p, size_t n, hep_packet *out, size_t *err_off)
{
    out->version = p[0];
    if (n < 8) return fail(HEP_E_SHORT, 0, err_off);
    size_t hl = v12_header_len(p[2]);
    if (hl == 0) return fail(HEP_E_FAMILY, 2, err_off);
    if (p[1] != hl) return fail(HEP_E_SHORT, 1, err_off);
    size_t need = hl + (out->version == 2 ? HEP2_TIME_LEN : 0);
    if (n < need) return fail(HEP_E_SHORT, n, err_off);
    out->family = p[2] == 2 ? 4 : 6;
    out->ip_proto = p[3];
    out->sport = be16(p + 4);
    out->dport = be16(p + 6);
    out->have_ports = 1;
    size_t alen = out->family == 4 ? 4 : 16;
    memcpy(out->src, p + 8, alen);
    memcpy(out->dst, p + 8 + alen, alen);
    out->have_src = out->have_dst = 1;
    if (out->version == 2) {
        out->ts_sec = le32(p + hl);
        out->ts_usec = le32(p + hl + 4);
        out->capture_id = (uint32_t)(p[hl + 8] | p[hl + 9] << 8);
        out->have_ts = out->have_capture_id = 1;
    }
    /* v1/v2 carry SIP only (the agents that speak them capture nothing else). */
    out->proto_type = HEP_PROTO_SIP;
    out->payload = p + need;
    out->payload_len = n - need;
    out->length = n;
    return HEP_E_OK;
}

/* Checks a fixed-size chunk's data length. */
#define WANT(sz) do { if (dl != (sz)) return fail(HEP_E_CHUNK_SIZE, at, err_off); } while (0)

static hep_err decode_v3(const unsigned char *p, size_t n, hep_packet *out, size_t *err_off)
{
    out->version = 3;
    if (n < 6) return fail(HEP_E_SHORT, n, err_off);
    size_t total = be16(p + 4);
    if (total < 6 || total > n) return fail(HEP_E_TOTAL_LENGTH, 4, err_off);
    out->length = total;
    int fam_chunk = 0, have_compressed = 0, have_plain = 0;
    size_t at = 6;
    while (at < total) {
        if (total - at < 6) return fail(HEP_E_CHUNK_HEADER, at, err_off);
        unsigned vendor = be16(p + at), type = be16(p + at + 2);
        size_t clen = be16(p + at + 4);
        if (clen < 6 || clen > total - at) return fail(HEP_E_CHUNK_LENGTH, at + 4, err_off);
        const unsigned char *d = p + at + 6;
        size_t dl = clen - 6;
        out->chunks++;
        if (vendor != 0) {
            out->vendor_chunks++;
            at += clen;
            continue;
        }
        switch (type) {
        case HEP_CH_FAMILY:
            WANT(1);
            if (d[0] != 2 && d[0] != 10) return fail(HEP_E_FAMILY, at + 6, err_off);
            fam_chunk = d[0] == 2 ? 4 : 6;
            break;
        case HEP_CH_IP_PROTO: WANT(1); out->ip_proto = d[0]; break;
        case HEP_CH_SRC4: WANT(4); memcpy(out->src, d, 4); out->have_src = 4; break;
        case HEP_CH_DST4: WANT(4); memcpy(out->dst, d, 4); out->have_dst = 4; break;
        case HEP_CH_SRC6: WANT(16); memcpy(out->src, d, 16); out->have_src = 6; break;
        case HEP_CH_DST6: WANT(16); memcpy(out->dst, d, 16); out->have_dst = 6; break;
        case HEP_CH_SPORT: WANT(2); out->sport = be16(d); out->have_ports |= 1; break;
        case HEP_CH_DPORT: WANT(2); out->dport = be16(d); out->have_ports |= 2; break;
        case HEP_CH_TS_SEC: WANT(4); out->ts_sec = be32(d); out->have_ts |= 1; break;
        case HEP_CH_TS_USEC: WANT(4); out->ts_usec = be32(d); out->have_ts |= 2; break;
        case HEP_CH_PROTO_TYPE: WANT(1); out->proto_type = d[0]; out->have_proto_type = 1; break;
        case HEP_CH_CAPTURE_ID: WANT(4); out->capture_id = be32(d); out->have_capture_id = 1; break;
        case HEP_CH_AUTH: out->auth = d; out->auth_len = dl; break;
        case HEP_CH_CORRELATION: out->correlation = d; out->correlation_len = dl; break;
        case HEP_CH_PAYLOAD:
        case HEP_CH_COMPRESSED:
            if ((type == HEP_CH_PAYLOAD && have_compressed) ||
                (type == HEP_CH_COMPRESSED && have_plain))
                return fail(HEP_E_TWO_PAYLOADS, at, err_off);
            if (type == HEP_CH_PAYLOAD) have_plain = 1; else have_compressed = 1;
            out->payload = d;
            out->payload_len = dl;
            out->compressed = type == HEP_CH_COMPRESSED;
            break;
        default:
            out->unknown_chunks++;
            break;
        }
        at += clen;
    }
    /* The addresses say their family; the family chunk, when present, must agree. */
    int fam = fam_chunk ? fam_chunk : out->have_src ? out->have_src : out->have_dst;
    if ((out->have_src && out->have_src != fam) || (out->have_dst && out->have_dst != fam))
        return fail(HEP_E_FAMILY, 6, err_off);
    out->family = fam;
    out->have_src = out->have_src != 0;
    out->have_dst = out->have_dst != 0;
    out->have_ports = out->have_ports == 3;
    out->have_ts = out->have_ts != 0;      /* microseconds alone read as 0 seconds + them */
    if (!out->payload) return fail(HEP_E_NO_PAYLOAD, total, err_off);
    return HEP_E_OK;
}

hep_err hep_decode(const unsigned char *p, size_t n, hep_packet *out, size_t *err_off)
{
    memset(out, 0, sizeof *out);
    if (err_off) *err_off = 0;
    if (n >= 4 && memcmp(p, "HEP3", 4) == 0) return decode_v3(p, n, out, err_off);
    if (n >= 1 && (p[0] == 1 || p[0] == 2)) return decode_v12(p, n, out, err_off);
    return fail(n < 4 ? HEP_E_AGAIN : HEP_E_NOT_HEP, 0, err_off);
}

hep_err hep_next_len(const unsigned char *p, size_t n, size_t *need)
{
    static const char magic[] = "HEP3";
    for (size_t i = 0; i < n && i < 4; i++)
        if (p[i] != (unsigned char)magic[i]) return HEP_E_NOT_HEP;
    if (n < 6) return HEP_E_AGAIN;
    size_t total = be16(p + 4);
    if (total < 6) return HEP_E_TOTAL_LENGTH;
    *need = total;
    return HEP_E_OK;
}

hep_err hep_inflate(const hep_packet *pk, unsigned char *out, size_t cap, size_t *out_len)
{
    *out_len = 0;
    if (!pk->payload) return HEP_E_NO_PAYLOAD;
    z_stream z;
    memset(&z, 0, sizeof z);
    /* 15 + 32: zlib or gzip header, whichever is there. */
    if (inflateInit2(&z, 15 + 32) != Z_OK) return HEP_E_INFLATE;
    z.next_in = pk->payload;
    z.avail_in = (uInt)pk->payload_len;
    unsigned char spare;
    z.next_out = cap ? out : &spare;
    z.avail_out = (uInt)(cap < (1u << 30) ? cap : 1u << 30);
    int rc = inflate(&z, Z_FINISH);
    size_t got = z.total_out;
    if (rc != Z_STREAM_END && z.avail_out == 0) {
        /* Out of room: one more byte tells a full fit from a larger stream. */
        z.next_out = &spare;
        z.avail_out = 1;
        rc = inflate(&z, Z_FINISH);
        size_t more = z.total_out - got;
        inflateEnd(&z);
        if (more > 0) return HEP_E_INFLATE_CAP;
        if (rc != Z_STREAM_END) return HEP_E_INFLATE;
        *out_len = got;
        return HEP_E_OK;
    }
    inflateEnd(&z);
    if (rc != Z_STREAM_END) return HEP_E_INFLATE;
    *out_len = got;
    return HEP_E_OK;
}
