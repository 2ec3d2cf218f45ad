/* sipparse/nameaddr.h: name-addr / addr-spec values with header params (From, To,
 * Contact, Route, Record-Route, ...; RFC 3261 §20.10, §20.20, §20.39, §25.1). */
#ifndef SIPPARSE_NAMEADDR_H
#define SIPPARSE_NAMEADDR_H
#include "sipparse/slice.h"
#include "sipparse/errors.h"
#include "sipparse/uri.h"

typedef struct sipparse_nameaddr {
    sipparse_slice raw;          /* this value, without the separating comma */
    int star;                    /* Contact: * (RFC 3261 §10.2.2) */
    sipparse_slice display;      /* as written, quotes kept; absent when none */
    int display_quoted;
    int bracketed;               /* 1: <URI>; 0: bare addr-spec */
    sipparse_uri uri;
    sipparse_slice params;       /* header params ";tag=x;q=0.5", ';' included; absent when none */
    sipparse_slice tag, q, expires; /* well-known params (absent when not there) */
} sipparse_nameaddr;

/* One value filling the whole input: From, To, Refer-To style (name-addr or addr-spec). */
SIPPARSE_API sipparse_err sipparse_nameaddr_parse(const char *p, size_t len,
                                                  sipparse_nameaddr *out, sipparse_error *err);

/* Comma lists. Parse the value that starts at *pos in value and move *pos past it and
 * its comma. Return SIPPARSE_OK, SIPPARSE_END once *pos is at the end, or an error.
 *   contact: name-addr or addr-spec, or '*' (alone); q 0..1, expires delta-seconds;
 *   route:   name-addr only (Route, Record-Route, Path, Service-Route). */
SIPPARSE_API sipparse_err sipparse_contact_next(sipparse_slice value, size_t *pos,
                                                sipparse_nameaddr *out, sipparse_error *err);
SIPPARSE_API sipparse_err sipparse_route_next(sipparse_slice value, size_t *pos,
                                              sipparse_nameaddr *out, sipparse_error *err);

/* Copies the display name without quotes and quoted-pair escapes into out (cap bytes,
 * NUL-terminated when room); a token display name has its LWS runs joined by one SP.
 * Returns the length, or -1 when cap is too small. */
SIPPARSE_API int sipparse_display_unquote(sipparse_slice display, char *out, size_t cap);

#endif
