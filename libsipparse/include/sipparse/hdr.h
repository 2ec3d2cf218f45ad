/* sipparse/hdr.h: typed parses of single header values (the critical headers). Each
 * takes the value slice of a sipparse_hdr and fills a caller-owned struct of slices. */
#ifndef SIPPARSE_HDR_H
#define SIPPARSE_HDR_H
#include <stdint.h>
#include "sipparse/slice.h"
#include "sipparse/errors.h"
#include "sipparse/uri.h"

/* RFC 3261 §20.42: via-parm = sent-protocol LWS sent-by *( SEMI via-params ) */
typedef struct sipparse_via {
    sipparse_slice raw;
    sipparse_slice protocol;     /* "SIP" */
    sipparse_slice version;      /* "2.0" */
    sipparse_slice transport;    /* "UDP", "TCP", "TLS", "SCTP", "WS", or any token */
    sipparse_slice host;         /* IPv6 with brackets */
    sipparse_host_type host_type;
    int port;                    /* -1 when absent */
    sipparse_slice params;       /* ";branch=...;rport", ';' included */
    sipparse_slice branch, received, maddr, ttl, rport; /* rport: ptr set, len 0 when bare */
} sipparse_via;

/* A comma list: parses the via-parm at *pos and moves *pos past it and its comma.
 * SIPPARSE_OK, SIPPARSE_END when nothing is left, or an error (*out is cleared when the
 * via-parm itself fails). */
SIPPARSE_API sipparse_err sipparse_via_next(sipparse_slice value, size_t *pos,
                                            sipparse_via *out, sipparse_error *err);

/* RFC 3261 §20.16: CSeq = 1*DIGIT LWS Method; the number must fit 32 bits (§8.1.1.5). */
typedef struct sipparse_cseq {
    uint32_t seq;
    sipparse_slice method;
    sipparse_method method_id;
} sipparse_cseq;
SIPPARSE_API sipparse_err sipparse_cseq_parse(sipparse_slice value, sipparse_cseq *out,
                                              sipparse_error *err);

/* RFC 3261 §20.8: callid = word [ "@" word ]. */
SIPPARSE_API sipparse_err sipparse_callid_parse(sipparse_slice value, sipparse_error *err);

/* delta-seconds and the like: 1*DIGIT, value <= max (Content-Length, Expires,
 * Max-Forwards with max 255, RSeq ...). SIPPARSE_E_RANGE above max. */
SIPPARSE_API sipparse_err sipparse_uint_parse(sipparse_slice value, uint32_t max,
                                              uint32_t *out, sipparse_error *err);

/* RFC 3261 §20.15: media-type = m-type SLASH m-subtype *( SEMI m-parameter ). */
typedef struct sipparse_ctype {
    sipparse_slice type, subtype;
    sipparse_slice params;       /* ';' included; absent when none */
} sipparse_ctype;
SIPPARSE_API sipparse_err sipparse_ctype_parse(sipparse_slice value, sipparse_ctype *out,
                                               sipparse_error *err);

/* RFC 3261 §20.17: Date = SIP-date (rfc1123-date, "GMT" only). */
SIPPARSE_API sipparse_err sipparse_date_parse(sipparse_slice value, sipparse_error *err);

/* RFC 4122 §3: UUID = 8-4-4-4-12 hex digits (either case), the whole value. */
SIPPARSE_API sipparse_err sipparse_uuid_parse(sipparse_slice value, sipparse_error *err);
/* RFC 4122 §3 URN form "urn:uuid:" UUID (prefix case-insensitive, RFC 8141 §3); *uuid
 * is set to the UUID inside value. */
SIPPARSE_API sipparse_err sipparse_uuid_urn_parse(sipparse_slice value, sipparse_slice *uuid,
                                                  sipparse_error *err);
/* The UUID of a Contact's +sip.instance value (RFC 5626 §4.1), given as the param
 * value with its quotes: "\"<urn:uuid:...>\"". *uuid points into value. An instance
 * that is another URN (allowed by RFC 5626) gives SIPPARSE_E_HEADER_VALUE. */
SIPPARSE_API sipparse_err sipparse_instance_uuid(sipparse_slice value, sipparse_slice *uuid,
                                                 sipparse_error *err);

/* RFC 3261 §25.1: header-value for headers without a typed grammar:
 * *(TEXT-UTF8char / UTF8-CONT / LWS). */
SIPPARSE_API sipparse_err sipparse_text_parse(sipparse_slice value, sipparse_error *err);

#endif
