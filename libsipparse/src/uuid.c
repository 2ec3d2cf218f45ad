/* uuid.c: RFC 4122 UUIDs, as a Contact's +sip.instance carries them (RFC 5626 §4.1:
 * +sip.instance="<urn:uuid:...>"). JsSIP checks its instance_id with the same rule. */
#include <string.h>
#include "grammar.h"

sipparse_err sipparse_uuid_parse(sipparse_slice value, sipparse_error *err)
{
    if (!value.ptr || !sp_uuid(value.ptr, value.ptr + value.len, 0))
        return sp_fail(err, SIPPARSE_E_HEADER_VALUE, value.ptr, "UUID");
    return SIPPARSE_OK;
}

sipparse_err sipparse_uuid_urn_parse(sipparse_slice value, sipparse_slice *uuid,
                                     sipparse_error *err)
{
    const char *u = value.ptr ? sp_uuid(value.ptr, value.ptr + value.len, 1) : NULL;
    if (!u)
        return sp_fail(err, SIPPARSE_E_HEADER_VALUE, value.ptr, "UUID-URN");
    *uuid = (sipparse_slice){ u, (size_t)(value.ptr + value.len - u) };
    return SIPPARSE_OK;
}

sipparse_err sipparse_instance_uuid(sipparse_slice value, sipparse_slice *uuid,
                                    sipparse_error *err)
{
    /* RFC 5626 §4.1 writes the URN in angle brackets inside a quoted-string: the
     * brackets make it a valid quoted-string, not part of the URN. */
    if (!value.ptr || value.len < 4 || memcmp(value.ptr, "\"<", 2) != 0 ||
        memcmp(value.ptr + value.len - 2, ">\"", 2) != 0)
        return sp_fail(err, SIPPARSE_E_HEADER_VALUE, value.ptr, "+sip.instance");
    return sipparse_uuid_urn_parse((sipparse_slice){ value.ptr + 2, value.len - 4 }, uuid, err);
}
