/* sipparse/info.h: headers that carry URIs or identities: Call-Info, Alert-Info,
 * Error-Info, Warning (RFC 3261 §20.9, .4, .18, .43), P-Asserted-Identity and
 * P-Preferred-Identity (RFC 3325 §9), History-Info (RFC 7044 §9), Diversion (RFC 5806
 * §4) and Identity (RFC 8224 §4.1).
 *
 * Results are slices into the caller's value (which must outlive them); nothing is
 * copied or allocated. The _next functions parse the element at *pos, move *pos past it
 * and its comma and return SIPPARSE_OK, then SIPPARSE_END after the last one. Errors:
 * SIPPARSE_E_HEADER_VALUE (or E_URI for a bad URI, E_RANGE for a number out of range)
 * with err->at on the offending byte and err->rule naming the ABNF rule; err may be
 * NULL. Path and Service-Route (RFC 3327, RFC 3608) are route lists:
 * sipparse_route_next in nameaddr.h. */
#ifndef SIPPARSE_INFO_H
#define SIPPARSE_INFO_H
#include "sipparse/slice.h"
#include "sipparse/errors.h"
#include "sipparse/uri.h"
#include "sipparse/nameaddr.h"

/* RFC 3261 §20.9 info, §20.4 alert-param, §20.18 error-uri:
 * LAQUOT absoluteURI RAQUOT *( SEMI generic-param ). */
typedef struct sipparse_info {
    sipparse_slice raw;        /* the element without the LWS and comma around it */
    sipparse_uri uri;          /* the URI inside <>; sip:/sips: ones are parsed as SIP-URIs */
    sipparse_slice params;     /* ";purpose=icon", ';' included; absent when none */
    sipparse_slice purpose;    /* Call-Info purpose (§20.9 info-param: "icon" / "info" /
                                  "card" / token); absent when none. Any other value is an
                                  error, in all three headers */
} sipparse_info;
/* Call-Info, Alert-Info, Error-Info: one or more elements. */
SIPPARSE_API sipparse_err sipparse_info_next(sipparse_slice value, size_t *pos,
                                             sipparse_info *out, sipparse_error *err);

/* RFC 3261 §20.43: warning-value = warn-code SP warn-agent SP warn-text. */
typedef struct sipparse_warning {
    sipparse_slice raw;
    unsigned code;             /* warn-code, 3DIGIT (000-999; §21.4 lists 3xx) */
    sipparse_slice agent;      /* warn-agent: hostport (IPv6 in brackets) or pseudonym */
    int agent_port;            /* the hostport's port, -1 when none */
    sipparse_slice text;       /* warn-text, a quoted-string with its quotes */
} sipparse_warning;
/* Warning: one or more warning-values. The separators inside a value are single SP
 * characters, as the ABNF writes them. */
SIPPARSE_API sipparse_err sipparse_warning_next(sipparse_slice value, size_t *pos,
                                                sipparse_warning *out, sipparse_error *err);

/* P-Asserted-Identity and P-Preferred-Identity (RFC 3325 §9.1, §9.2): one or more
 * name-addr / addr-spec, with no header params (a ';' after an addr-spec is an error,
 * RFC 3261 §20.10). out->params stays absent. */
SIPPARSE_API sipparse_err sipparse_passertedid_next(sipparse_slice value, size_t *pos,
                                                    sipparse_nameaddr *out,
                                                    sipparse_error *err);

/* RFC 7044 §9: hi-entry = hi-targeted-to-uri *( SEMI hi-param ), a name-addr. */
typedef struct sipparse_history {
    sipparse_nameaddr na;      /* the name-addr; na.params holds every hi-param */
    sipparse_slice index;      /* hi-index value, e.g. "1.1.2"; absent when none */
    sipparse_slice rc, mp, np; /* hi-target-param values (index-val); absent when none */
} sipparse_history;
/* History-Info: one or more hi-entries; index, rc, mp and np are checked as index-val
 * (number *( "." number ), no leading zeros). The first of a repeated param is kept. */
SIPPARSE_API sipparse_err sipparse_history_next(sipparse_slice value, size_t *pos,
                                                sipparse_history *out, sipparse_error *err);

/* RFC 5806 §4: diversion-params = name-addr *( SEMI ( diversion-reason /
 * diversion-counter / diversion-limit / diversion-privacy / diversion-screen /
 * diversion-extension ) ). */
typedef struct sipparse_diversion {
    sipparse_nameaddr na;      /* the name-addr; na.params holds every param */
    sipparse_slice reason;     /* token or quoted-string as written; absent when none */
    int counter;               /* diversion-counter, 1*2DIGIT; -1 when absent */
    int limit;                 /* diversion-limit, 1*2DIGIT; -1 when absent */
    sipparse_slice privacy;    /* diversion-privacy value; absent when none */
    sipparse_slice screen;     /* diversion-screen value; absent when none */
} sipparse_diversion;
/* Diversion: one or more diversion-params. The first of a repeated param is kept. */
SIPPARSE_API sipparse_err sipparse_diversion_next(sipparse_slice value, size_t *pos,
                                                  sipparse_diversion *out,
                                                  sipparse_error *err);

/* RFC 8224 §4.1: Identity = signed-identity-digest SEMI ident-info
 * *( SEMI ident-info-params ). */
typedef struct sipparse_identity {
    sipparse_slice digest;     /* signed-identity-digest: the PASSporT, compact form (RFC
                                  4474 form: the base64 digest, without its quotes) */
    sipparse_slice info;       /* ident-info-uri without the <>; absent in the RFC 4474 form */
    sipparse_uri info_uri;     /* the same, parsed as absoluteURI */
    sipparse_slice alg;        /* ident-info-alg value; absent when none */
    sipparse_slice ppt;        /* ident-type value; absent when none */
    sipparse_slice params;     /* every param after the digest (info included), ';' included */
} sipparse_identity;
/* One Identity header value (the header may be repeated; its values are not comma
 * lists). The RFC 4474 form, a digest alone (quoted, or bare as in RFC 4475 §3.1.1.11),
 * is accepted too: its ident-info is in the Identity-Info header. */
SIPPARSE_API sipparse_err sipparse_identity_parse(sipparse_slice value, sipparse_identity *out,
                                                  sipparse_error *err);

#endif
