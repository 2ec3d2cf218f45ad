/* via.c: Via values (RFC 3261 §20.42, RFC 3581, RFC 5118 §4.5). */
#include <string.h>
#include "grammar.h"

sipparse_err sipparse_via_next(sipparse_slice value, size_t *pos, sipparse_via *v,
                               sipparse_error *err)
{
    sipparse_error local;   /* the code must not depend on whether the caller wants details */
    if (!err)
        err = &local;
    if (!value.ptr)
        return sp_fail(err, SIPPARSE_E_HEADER_VALUE, NULL, "via-parm");
    const char *lim = value.ptr + value.len;
    const char *p = sp_sws(value.ptr + *pos, lim);
    if (p == lim)
        return *pos == 0 ? sp_fail(err, SIPPARSE_E_HEADER_VALUE, p, "via-parm") : SIPPARSE_END;
    /* sp_via writes the fields every via-parm has; the optional ones are cleared here,
     * and all of v when the value fails */
    v->params = SIPPARSE_SLICE_NONE;
    v->branch = SIPPARSE_SLICE_NONE;
    v->received = SIPPARSE_SLICE_NONE;
    v->maddr = SIPPARSE_SLICE_NONE;
    v->ttl = SIPPARSE_SLICE_NONE;
    v->rport = SIPPARSE_SLICE_NONE;
    const char *pe = sp_via(p, lim, v, err);
    if (!pe) {
        memset(v, 0, sizeof *v);
        return err->code;
    }
    v->raw = (sipparse_slice){ p, (size_t)(pe - p) };
    const char *after = sp_sws(pe, lim);
    if (after == lim) {
        *pos = value.len;
        return SIPPARSE_OK;
    }
    const char *c = sp_comma(pe, lim);
    if (!c || sp_sws(c, lim) == lim)
        return sp_fail(err, SIPPARSE_E_HEADER_VALUE, after, "via-parm");
    *pos = (size_t)(c - value.ptr);
    return SIPPARSE_OK;
}
