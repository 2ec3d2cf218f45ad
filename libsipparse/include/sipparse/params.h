/* sipparse/params.h: walking ";name=value" lists (URI and header params) and
 * "?name=value&..." URI headers without copying. */
#ifndef SIPPARSE_PARAMS_H
#define SIPPARSE_PARAMS_H
#include "sipparse/slice.h"

typedef struct sipparse_param {
    sipparse_slice name;   /* as written */
    sipparse_slice value;  /* as written (quotes and %-escapes kept); ptr NULL when no '=' */
} sipparse_param;

/* Takes the next param from *rest, a params slice produced by this library (it has
 * already passed the grammar), and advances *rest. A slice that starts with '?' or '&'
 * is a URI headers list, split at '&'; any other is a params list, split at ';' (a URI
 * param may hold '&'). LWS around separators is skipped, quoted strings are respected,
 * and a ',' ends the list. Returns 1 with *out set, 0 at the end. */
SIPPARSE_API int sipparse_param_next(sipparse_slice *rest, sipparse_param *out);
/* Finds name (ASCII case-insensitive) in params; 1 and *value set (ptr NULL for a
 * valueless param), or 0 when absent. */
SIPPARSE_API int sipparse_param_get(sipparse_slice params, const char *name,
                                    sipparse_slice *value);

/* Comma lists of any header (RFC 3261 §7.3.1: "Allow: INVITE, ACK" equals two Allow
 * lines). Takes the element that starts at *pos in value, without the LWS around it,
 * and moves *pos past it and its comma. Commas inside quoted strings, <...> and
 * (comments) do not split. Returns 1 with *item set, 0 when nothing is left. Typed
 * lists (Via, Contact, Route) have their own parsers in hdr.h and nameaddr.h. */
SIPPARSE_API int sipparse_list_next(sipparse_slice value, size_t *pos, sipparse_slice *item);

#endif
