/* via.c: Via values (RFC 3261 §20.42, RFC 3581, RFC 5118 §4.5). */
#include <string.h>
#include "grammar.h"

/* The via-params with their own syntax: ttl = 1*3DIGIT (0..255), maddr = host,
 * received = an IP address, branch = token, rport [= port]. The grammar matched them
 * as generic-params (received also as a bare IPv6 address); their values are checked
 * here. The last of a repeated param wins. */
static sipparse_err known_param(sipparse_via *v, sipparse_slice name, sipparse_slice val,
                                int received_ip, sipparse_error *err)
{
    const char *bad = NULL;
    switch (name.len) {
    case 3:
        if (SP_EQ_LIT(name, "ttl")) {
            unsigned long long n;
            if (!val.ptr || val.len > 3 || sipparse_slice_to_u64(val, 255, &n) != 0)
                bad = "via-ttl";
            v->ttl = val;
        }
        break;
    case 5:
        if (SP_EQ_LIT(name, "maddr")) {
            if (!val.ptr || sp_host(val.ptr, val.ptr + val.len) == SIPPARSE_HOST_NONE)
                bad = "via-maddr";
            v->maddr = val;
        } else if (SP_EQ_LIT(name, "rport")) {
            if (val.ptr && sp_port(val) < 0)
                bad = "response-port";
            v->rport = val.ptr ? val : (sipparse_slice){ name.ptr + name.len, 0 };
        }
        break;
    case 6:
        if (SP_EQ_LIT(name, "branch")) {
            /* gen-value matched: it is a token unless quoted or an IPv6 reference */
            if (!val.ptr || val.ptr[0] == '"' || val.ptr[0] == '[')
                bad = "via-branch";
            v->branch = val;
        }
        break;
    case 8:
        if (SP_EQ_LIT(name, "received")) {
            if (!received_ip)
                bad = "via-received";
            v->received = val;
        }
        break;
    }
    return bad ? sp_fail(err, SIPPARSE_E_HEADER_VALUE, name.ptr, bad) : SIPPARSE_OK;
}

sipparse_err sipparse_via_next(sipparse_slice value, size_t *pos, sipparse_via *v,
                               sipparse_error *err)
{
    if (!value.ptr)
        return sp_fail(err, SIPPARSE_E_HEADER_VALUE, NULL, "via-parm");
    const char *lim = value.ptr + value.len;
    const char *p = sp_sws(value.ptr + *pos, lim);
    if (p == lim)
        return *pos == 0 ? sp_fail(err, SIPPARSE_E_HEADER_VALUE, p, "via-parm") : SIPPARSE_END;
    memset(v, 0, sizeof *v);
    const char *end = sp_via_head(p, lim, v);
    if (!end)
        return sp_fail(err, SIPPARSE_E_HEADER_VALUE, p, "via-parm");
    v->host_type = sp_host_kind(v->host);
    if (v->port == -2) {
        v->port = -1;
        return sp_fail(err, SIPPARSE_E_RANGE, v->host.ptr + v->host.len, "sent-by");
    }
    sipparse_slice name, val;
    int received_ip;
    const char *pe = end, *next;
    while ((next = sp_via_param(pe, lim, &name, &val, &received_ip)) != NULL) {
        sipparse_err e = known_param(v, name, val, received_ip, err);
        if (e != SIPPARSE_OK)
            return e;
        pe = next;
    }
    if (pe > end) {
        const char *semi = end;
        while (*semi != ';')   /* SEMI's leading LWS is not part of the params */
            semi++;
        v->params = (sipparse_slice){ semi, (size_t)(pe - semi) };
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
