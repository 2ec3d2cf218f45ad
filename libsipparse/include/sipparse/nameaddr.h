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

/* One value filling the whole input: From, To, Refer-To style (name-addr or addr-spec).
 * On failure *out is cleared (uri.port -1). */
SIPPARSE_API sipparse_err sipparse_nameaddr_parse(const char *p, size_t len,
                                                  sipparse_nameaddr *out, sipparse_error *err);

/* Comma lists. Parse the value that starts at *pos in value and move *pos past it and
 * its comma. Return SIPPARSE_OK, SIPPARSE_END once *pos is at the end, or an error
 * (*out is cleared when the value itself fails).
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

/* ---- Object API (JsSIP NameAddrHeader.js) ----------------------------------------- */

/* Writes na in JsSIP's toString form: when the display name is not empty, '"' + the
 * name with '\' and '"' escaped + '" ' (a token display name comes back quoted, its LWS
 * runs joined by one SP); then "<" + the URI (sipparse_uri_edit_print for SIP and SIPS,
 * as written for other schemes) + ">", always bracketed; then ";name[=value]" header
 * params in order, names lower-case. NUL-terminated; returns the length, or -1 when
 * cap is too small. Contact "*" prints as "*". */
SIPPARSE_API int sipparse_nameaddr_print(const sipparse_nameaddr *na, char *out, size_t cap);

/* An editable view of a name-addr, as sipparse_uri_edit is for a URI: slices into
 * caller-owned memory, overrides in place of copies; copying the struct clones it. */
typedef struct sipparse_nameaddr_edit {
    sipparse_slice display;   /* as parsed (quoted or token) when display_text is 0 */
    int display_text;         /* 1: display holds plain text set by the caller */
    sipparse_uri_edit uri;
    sipparse_edit_list params;
} sipparse_nameaddr_edit;

/* Fills e from na (NULL: empty, URI to be set through e->uri). Returns 0. */
SIPPARSE_API int sipparse_nameaddr_edit_init(sipparse_nameaddr_edit *e,
                                             const sipparse_nameaddr *na);
/* Sets the display name to the plain text (without quotes; printed quoted with '\',
 * '"' and control bytes escaped); absent or empty removes it. SIPPARSE_EDIT_E_INVALID
 * for CR or LF, which a quoted-pair cannot carry, and for bytes above 0x7f that are not
 * UTF8-NONASCII, which qdtext cannot (RFC 3261 §25.1). */
SIPPARSE_API int sipparse_nameaddr_edit_set_display(sipparse_nameaddr_edit *e,
                                                    sipparse_slice text);
/* Header params (tag, q, expires, ...), as the URI param functions in uri.h. */
SIPPARSE_API int sipparse_nameaddr_edit_set_param(sipparse_nameaddr_edit *e, const char *name,
                                                  sipparse_slice value);
SIPPARSE_API int sipparse_nameaddr_edit_del_param(sipparse_nameaddr_edit *e, const char *name);
SIPPARSE_API int sipparse_nameaddr_edit_get_param(const sipparse_nameaddr_edit *e,
                                                  const char *name, sipparse_slice *value);
SIPPARSE_API void sipparse_nameaddr_edit_clear_params(sipparse_nameaddr_edit *e);
/* Prints as sipparse_nameaddr_print, except that a "tag" param is printed last, as
 * JsSIP does for From and To (harmless elsewhere: Contact and Route have no tag).
 * Returns the length, or -1 when cap is too small or the URI has no host. */
SIPPARSE_API int sipparse_nameaddr_edit_print(const sipparse_nameaddr_edit *e, char *out,
                                              size_t cap);

#endif
