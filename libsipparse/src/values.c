/* values.c: single-valued headers with a simple grammar (CSeq, Call-ID, numbers,
 * Content-Type, Date, and the header-value rule for headers without a grammar). */
#include "grammar.h"

static const char *end_of(sipparse_slice v) { return v.ptr + v.len; }

sipparse_err sipparse_cseq_parse(sipparse_slice value, sipparse_cseq *out, sipparse_error *err)
{
    sipparse_slice num;
    unsigned long long n;
    if (!value.ptr || !sp_cseq(value.ptr, end_of(value), &num, &out->method))
        return sp_fail(err, SIPPARSE_E_HEADER_VALUE, value.ptr, "CSeq");
    /* RFC 3261 §8.1.1.5: the sequence number MUST fit 32 bits */
    if (sipparse_slice_to_u64(num, 0xffffffffu, &n) != 0)
        return sp_fail(err, SIPPARSE_E_RANGE, num.ptr, "CSeq");
    out->seq = (uint32_t)n;
    out->method_id = sp_method_id(out->method.ptr, end_of(out->method));
    return SIPPARSE_OK;
}

sipparse_err sipparse_callid_parse(sipparse_slice value, sipparse_error *err)
{
    if (!value.ptr || !sp_callid(value.ptr, end_of(value)))
        return sp_fail(err, SIPPARSE_E_HEADER_VALUE, value.ptr, "Call-ID");
    return SIPPARSE_OK;
}

sipparse_err sipparse_uint_parse(sipparse_slice value, uint32_t max, uint32_t *out,
                                 sipparse_error *err)
{
    unsigned long long n;
    if (!value.ptr || sp_digits(value.ptr, end_of(value)) != end_of(value))
        return sp_fail(err, SIPPARSE_E_HEADER_VALUE, value.ptr, "1*DIGIT");
    if (sipparse_slice_to_u64(value, max, &n) != 0)
        return sp_fail(err, SIPPARSE_E_RANGE, value.ptr, "1*DIGIT");
    *out = (uint32_t)n;
    return SIPPARSE_OK;
}

sipparse_err sipparse_ctype_parse(sipparse_slice value, sipparse_ctype *out, sipparse_error *err)
{
    if (!value.ptr || !sp_ctype(value.ptr, end_of(value), out))
        return sp_fail(err, SIPPARSE_E_HEADER_VALUE, value.ptr, "media-type");
    return SIPPARSE_OK;
}

sipparse_err sipparse_date_parse(sipparse_slice value, sipparse_error *err)
{
    if (!value.ptr || !sp_date(value.ptr, end_of(value)))
        return sp_fail(err, SIPPARSE_E_HEADER_VALUE, value.ptr, "SIP-date");
    return SIPPARSE_OK;
}

sipparse_err sipparse_text_parse(sipparse_slice value, sipparse_error *err)
{
    if (!value.ptr)
        return SIPPARSE_OK;
    const char *end = sp_text(value.ptr, end_of(value));
    if (end != end_of(value))
        return sp_fail(err, SIPPARSE_E_HEADER_VALUE, end, "header-value");
    return SIPPARSE_OK;
}
