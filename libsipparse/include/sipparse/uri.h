/* sipparse/uri.h: SIP, SIPS and other absolute URIs (RFC 3261 §19.1, §25.1). */
#ifndef SIPPARSE_URI_H
#define SIPPARSE_URI_H
#include "sipparse/slice.h"
#include "sipparse/errors.h"

typedef enum sipparse_scheme {
    SIPPARSE_SCHEME_OTHER = 0, /* any other absoluteURI: only scheme and opaque are set */
    SIPPARSE_SCHEME_SIP,
    SIPPARSE_SCHEME_SIPS,
    SIPPARSE_SCHEME_TEL,       /* RFC 3966; parsed as opaque for now */
} sipparse_scheme;

typedef enum sipparse_host_type {
    SIPPARSE_HOST_NONE = 0,
    SIPPARSE_HOST_DOMAIN,
    SIPPARSE_HOST_IPV4,
    SIPPARSE_HOST_IPV6,        /* the slice keeps its brackets, as JsSIP does */
} sipparse_host_type;

/* Where a URI stands decides what belongs to it (RFC 3261 §20.10, §19.1.1). */
typedef enum sipparse_uri_ctx {
    SIPPARSE_URI_FULL = 0,     /* standalone or inside <>: params and headers are the URI's */
    SIPPARSE_URI_REQUEST,      /* Request-URI: params yes, headers no (§19.1.1 table) */
    SIPPARSE_URI_ADDR_SPEC,    /* addr-spec without <>: ';', '?' and ',' end the URI */
} sipparse_uri_ctx;

typedef struct sipparse_uri {
    sipparse_slice raw;        /* the whole URI */
    sipparse_scheme scheme_id;
    sipparse_slice scheme;     /* as written; compare with sipparse_slice_eq_ci */
    sipparse_slice user;       /* %-escapes kept; may hold ';' (RFC 4475 §3.1.1.9) */
    sipparse_slice password;
    sipparse_slice host;
    sipparse_host_type host_type;
    sipparse_slice port_str;   /* digits as written; absent when no port */
    int port;                  /* 0..65535, or -1 when absent */
    sipparse_slice params;     /* ";a=b;lr", leading ';' included; absent when none */
    sipparse_slice headers;    /* "?a=b&c=d", leading '?' included; absent when none */
    sipparse_slice opaque;     /* non-SIP schemes: everything after "scheme:" */
    /* Well-known uri-parameters (RFC 3261 §19.1.1), found while parsing. */
    sipparse_slice transport, user_param, method, maddr, ttl;
    int lr;
} sipparse_uri;

/* Parses exactly len bytes as one URI in the given context. */
SIPPARSE_API sipparse_err sipparse_uri_parse(const char *p, size_t len, sipparse_uri_ctx ctx,
                                             sipparse_uri *out, sipparse_error *err);

/* Print forms: SIPPARSE_PRINT_FULL writes the URI back from its parts;
 * SIPPARSE_PRINT_AOR writes scheme:user@host (JsSIP toAor without port). */
enum { SIPPARSE_PRINT_FULL = 0, SIPPARSE_PRINT_AOR = 1 };
/* Writes u into out (cap bytes, NUL-terminated when room). Returns the length written
 * without the NUL, or -1 when cap is too small. */
SIPPARSE_API int sipparse_uri_print(const sipparse_uri *u, int form, char *out, size_t cap);

#endif
