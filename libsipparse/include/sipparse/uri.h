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

/* Parses exactly len bytes as one URI in the given context. On failure *out is cleared
 * (port -1). */
SIPPARSE_API sipparse_err sipparse_uri_parse(const char *p, size_t len, sipparse_uri_ctx ctx,
                                             sipparse_uri *out, sipparse_error *err);

/* Print forms: SIPPARSE_PRINT_FULL writes the URI back from its parts;
 * SIPPARSE_PRINT_AOR writes scheme:user@host (JsSIP toAor without port). */
enum { SIPPARSE_PRINT_FULL = 0, SIPPARSE_PRINT_AOR = 1 };
/* Writes u into out (cap bytes, NUL-terminated when room). Returns the length written
 * without the NUL, or -1 when cap is too small. */
SIPPARSE_API int sipparse_uri_print(const sipparse_uri *u, int form, char *out, size_t cap);

/* ---- Object API: access, escaping, comparison and editing (JsSIP URI.js) ---------- */

/* Finds uri-parameter name (ASCII case-insensitive) in u->params (RFC 3261 §19.1.1).
 * Returns 1 with *value set (value->ptr NULL for a valueless param such as ";lr"; the
 * value as written, %-escapes kept), or 0 when absent. The first occurrence wins. */
SIPPARSE_API int sipparse_uri_param(const sipparse_uri *u, const char *name,
                                    sipparse_slice *value);
/* Same for the "?hname=hvalue&..." headers of a URI (RFC 3261 §19.1.1, §25.1). */
SIPPARSE_API int sipparse_uri_header(const sipparse_uri *u, const char *name,
                                     sipparse_slice *value);

/* Escaping (RFC 3261 §25.1 escaped = "%" HEXDIG HEXDIG). The outputs are written to
 * out (cap bytes) and NUL-terminated, so cap must exceed the length. */
enum {
    SIPPARSE_ESC_E_BUFFER = -1,   /* cap too small */
    SIPPARSE_ESC_E_INVALID = -2,  /* a '%' not followed by two hex digits */
};
/* Decodes every %HH of in into its byte; other bytes are copied. Returns the length
 * (the output may hold any byte, NUL included), SIPPARSE_ESC_E_INVALID for a malformed
 * escape (never guessed), or SIPPARSE_ESC_E_BUFFER. */
SIPPARSE_API int sipparse_unescape(sipparse_slice in, char *out, size_t cap);
/* Escapes in (raw bytes) as %HH (upper-case hex) except the characters a user may hold
 * literally: unreserved / user-unreserved (RFC 3261 §25.1 user). A '%' is escaped too
 * (the input is taken as unescaped). Returns the length or SIPPARSE_ESC_E_BUFFER. */
SIPPARSE_API int sipparse_escape_user(sipparse_slice in, char *out, size_t cap);
/* Same with the set of a uri-parameter name or value: unreserved / param-unreserved
 * (RFC 3261 §25.1 paramchar). */
SIPPARSE_API int sipparse_escape_param(sipparse_slice in, char *out, size_t cap);
/* Same with the set of a URI header name or value: unreserved / hnv-unreserved
 * (RFC 3261 §25.1 hname, hvalue). */
SIPPARSE_API int sipparse_escape_header(sipparse_slice in, char *out, size_t cap);

/* URI comparison, RFC 3261 §19.1.4. Returns 1 when a and b are equivalent, else 0.
 *  - sip and sips never match; the scheme compares case-insensitively;
 *  - user and password: case-sensitive; host and every other part: case-insensitive;
 *    a %HH escape equals its character unless that character is reserved (";/?:@&=+$,");
 *  - an IPv6 reference compares as an address ("[::1]" = "[0:0::1]");
 *  - a port that is absent does not match an explicit one, 5060 included;
 *  - user, ttl, method, maddr, transport params must match when present in either URI;
 *    any other param matters only when present in both; a valueless param differs
 *    from one with a value; duplicated params: the first occurrence counts;
 *  - URI headers are never ignored: the same names (case-insensitive) with the same
 *    values, compared case-sensitively after unescaping (the conservative reading of
 *    "the matching rules are defined for each header field in Section 20"), in any
 *    order between names; repeated names match in order.
 * Other schemes (tel, urn, ...): equal when the schemes match case-insensitively and
 * the opaque parts are the same bytes (their own comparison rules are not applied).
 * Allocates nothing; the time grows with the product of the two URIs' param (and
 * header) counts, so a caller comparing untrusted URIs may bound those first. */
SIPPARSE_API int sipparse_uri_equal(const sipparse_uri *a, const sipparse_uri *b);

/* Editing without allocation. An edit view holds the parts of a URI as slices and up
 * to SIPPARSE_EDIT_MAX param and header overrides per list. Every slice (the parsed
 * parts and what the caller sets) points into memory the caller owns and must keep
 * alive while the view is used. Copying the struct clones the view (JsSIP clone()),
 * but both copies still point into the same original buffer. */
#define SIPPARSE_EDIT_MAX 16
enum {
    SIPPARSE_EDIT_E_FULL = -1,    /* more than SIPPARSE_EDIT_MAX overrides in one list */
    SIPPARSE_EDIT_E_INVALID = -2, /* a name or value that would change the structure */
};
typedef struct sipparse_edit_kv {
    sipparse_slice name;   /* caller-owned; compared ignoring ASCII case */
    sipparse_slice value;  /* caller-owned, printed as is; ptr NULL: no value */
    int deleted;           /* 1: remove every occurrence of name */
} sipparse_edit_kv;
/* A params or headers list: the parsed text plus overrides. */
typedef struct sipparse_edit_list {
    sipparse_slice orig;   /* ";a=b;lr" or "?a=b&c=d" as parsed; absent once cleared */
    unsigned n;
    sipparse_edit_kv kv[SIPPARSE_EDIT_MAX];
} sipparse_edit_list;

typedef struct sipparse_uri_edit {
    sipparse_scheme scheme_id;
    sipparse_slice scheme;     /* printed lower-case */
    sipparse_slice user;       /* escaped form, as in a URI; absent: no userinfo */
    sipparse_slice password;
    sipparse_slice host;       /* printed lower-case; IPv6 with its brackets */
    int port;                  /* -1: none */
    sipparse_slice opaque;     /* other schemes: everything after "scheme:" */
    sipparse_edit_list params, headers;
} sipparse_uri_edit;

/* Fills e from u (u may be NULL: an empty sip URI, host to be set). Returns 0. */
SIPPARSE_API int sipparse_uri_edit_init(sipparse_uri_edit *e, const sipparse_uri *u);
/* Setters (JsSIP scheme, user, password, host, port). Each returns 0, or
 * SIPPARSE_EDIT_E_INVALID and leaves e unchanged:
 *   scheme: "sip" or "sips", any case; user and password: the escaped form (see
 *   sipparse_escape_user), absent to remove; host: a hostname, IPv4 or [IPv6];
 *   port: 0..65535, or -1 to remove.
 * A view of another scheme (tel, urn, ...) prints its opaque part as parsed: every
 * setter but the scheme's, and the param and header setters below, refuse it. */
SIPPARSE_API int sipparse_uri_edit_set_scheme(sipparse_uri_edit *e, sipparse_slice scheme);
SIPPARSE_API int sipparse_uri_edit_set_user(sipparse_uri_edit *e, sipparse_slice user);
SIPPARSE_API int sipparse_uri_edit_set_password(sipparse_uri_edit *e, sipparse_slice password);
SIPPARSE_API int sipparse_uri_edit_set_host(sipparse_uri_edit *e, sipparse_slice host);
SIPPARSE_API int sipparse_uri_edit_set_port(sipparse_uri_edit *e, int port);
/* Params (RFC 3261 §19.1.1). name is NUL-terminated, caller-owned, compared ignoring
 * case and printed lower-case; value is in escaped form (sipparse_escape_param), ptr
 * NULL for a valueless param. set replaces every occurrence (printed where the first
 * one stood) or appends; del removes every occurrence; both return 0,
 * SIPPARSE_EDIT_E_FULL or SIPPARSE_EDIT_E_INVALID. get returns 1 with *value set, or 0. */
SIPPARSE_API int sipparse_uri_edit_set_param(sipparse_uri_edit *e, const char *name,
                                             sipparse_slice value);
SIPPARSE_API int sipparse_uri_edit_del_param(sipparse_uri_edit *e, const char *name);
SIPPARSE_API int sipparse_uri_edit_get_param(const sipparse_uri_edit *e, const char *name,
                                             sipparse_slice *value);
SIPPARSE_API void sipparse_uri_edit_clear_params(sipparse_uri_edit *e);
/* Headers ("?name=value&..."), the same way; a header value is required. Header names
 * are printed as given. */
SIPPARSE_API int sipparse_uri_edit_set_header(sipparse_uri_edit *e, const char *name,
                                              sipparse_slice value);
SIPPARSE_API int sipparse_uri_edit_del_header(sipparse_uri_edit *e, const char *name);
SIPPARSE_API int sipparse_uri_edit_get_header(const sipparse_uri_edit *e, const char *name,
                                              sipparse_slice *value);
SIPPARSE_API void sipparse_uri_edit_clear_headers(sipparse_uri_edit *e);
/* Writes e in JsSIP's toString form: scheme lower-case ":", user (escapes of
 * unreserved characters decoded, characters outside the RFC 3261 §25.1 user set
 * escaped, escapes of reserved characters kept, so the result is §19.1.4-equal),
 * ":password", "@", host lower-case, ":port" when set, ";param[=value]" in order with
 * lower-case names, "?name=value&..." headers. NUL-terminated; returns the length,
 * -1 when cap is too small or a host is missing. */
SIPPARSE_API int sipparse_uri_edit_print(const sipparse_uri_edit *e, char *out, size_t cap);

#endif
