/* ids.c: header and method names, from grammar/headers.def and methods.def. */
#include "grammar.h"

#define H(id, name, compact, kind, critical, syntax) [SIPPARSE_HDR_##id] = name,
static const char *const hdr_names[SIPPARSE_HDR__COUNT] = {
    [SIPPARSE_HDR_OTHER] = "",
#include "headers.def"
};
#undef H
#define H(id, name, compact, kind, critical, syntax) [SIPPARSE_HDR_##id] = compact,
static const char hdr_compact[SIPPARSE_HDR__COUNT] = {
#include "headers.def"
};
#undef H
#define M(id, rfc) [SIPPARSE_METHOD_##id] = #id,
static const char *const method_names[SIPPARSE_METHOD__COUNT] = {
    [SIPPARSE_METHOD_OTHER] = "",
#include "methods.def"
};
#undef M

const char *sipparse_hdr_name(sipparse_hdr_id id)
{
    return (unsigned)id < SIPPARSE_HDR__COUNT ? hdr_names[id] : "";
}

char sipparse_hdr_compact(sipparse_hdr_id id)
{
    return (unsigned)id < SIPPARSE_HDR__COUNT ? hdr_compact[id] : 0;
}

sipparse_hdr_id sipparse_hdr_lookup(const char *name, size_t len)
{
    if (!name || len == 0 || sp_token(name, name + len) != len)
        return SIPPARSE_HDR_OTHER;
    return sp_hdr_id(name, name + len);
}

const char *sipparse_method_str(sipparse_method m)
{
    return (unsigned)m < SIPPARSE_METHOD__COUNT ? method_names[m] : "";
}

const char *sipparse_version(void) { return SIPPARSE_VERSION; }
