/* fuzz/fuzz_header.c: the typed header-value parsers.
 *
 * Input: byte 0 picks a header id (byte % SIPPARSE_HDR__COUNT) and the parser that
 * grammar/headers.def names for it in its SYNTAX column (fz_typed_value has a case for
 * every kind of syntax.h: Via, Contact and Route lists, name-addr, CSeq, Call-ID,
 * numbers, Content-Type, Date, text; the auth headers; Event, Subscription-State,
 * Reason, Session-Expires, Replaces, RAck, ...; the token lists, Priority,
 * Content-Disposition, Server; Call-Info, Warning, P-Asserted-Identity, History-Info,
 * Diversion, Identity); a byte of 2 * SIPPARSE_HDR__COUNT or more runs one parser of
 * each kind on the value. The rest of the input is the value, as sipparse_msg_parse
 * would hand it over (it may still hold folds and any byte); an empty rest is passed as
 * an absent slice (SIPPARSE_SLICE_NONE). */
#include <stdlib.h>
#include <string.h>
#include "fuzz_common.h"

/* One id per syntax kind of headers.def (syntax.h), for the "every parser" case. */
static const sipparse_hdr_id one_of_each[] = {
    SIPPARSE_HDR_OTHER,   SIPPARSE_HDR_CALL_ID, SIPPARSE_HDR_CONTACT,      SIPPARSE_HDR_CSEQ,
    SIPPARSE_HDR_CONTENT_TYPE, SIPPARSE_HDR_DATE, SIPPARSE_HDR_MAX_FORWARDS, SIPPARSE_HDR_FROM,
    SIPPARSE_HDR_ROUTE,   SIPPARSE_HDR_CONTENT_LENGTH, SIPPARSE_HDR_VIA,
    /* auth.h */
    SIPPARSE_HDR_WWW_AUTHENTICATE, SIPPARSE_HDR_AUTHORIZATION, SIPPARSE_HDR_AUTHENTICATION_INFO,
    /* events.h */
    SIPPARSE_HDR_ALLOW_EVENTS, SIPPARSE_HDR_EVENT, SIPPARSE_HDR_MIN_SE, SIPPARSE_HDR_RACK,
    SIPPARSE_HDR_REASON, SIPPARSE_HDR_REFER_TO, SIPPARSE_HDR_REFERRED_BY, SIPPARSE_HDR_REPLACES,
    SIPPARSE_HDR_RETRY_AFTER, SIPPARSE_HDR_RSEQ, SIPPARSE_HDR_SESSION_EXPIRES,
    SIPPARSE_HDR_SUBSCRIPTION_STATE, SIPPARSE_HDR_TIMESTAMP,
    /* lists.h and info.h */
    SIPPARSE_HDR_ACCEPT, SIPPARSE_HDR_ACCEPT_ENCODING, SIPPARSE_HDR_ACCEPT_LANGUAGE,
    SIPPARSE_HDR_ALLOW, SIPPARSE_HDR_CONTENT_ENCODING, SIPPARSE_HDR_CONTENT_LANGUAGE,
    SIPPARSE_HDR_CONTENT_DISPOSITION, SIPPARSE_HDR_DIVERSION, SIPPARSE_HDR_HISTORY_INFO,
    SIPPARSE_HDR_IDENTITY, SIPPARSE_HDR_IN_REPLY_TO, SIPPARSE_HDR_CALL_INFO,
    SIPPARSE_HDR_REQUIRE, SIPPARSE_HDR_P_ASSERTED_IDENTITY, SIPPARSE_HDR_PRIORITY,
    SIPPARSE_HDR_PRIVACY, SIPPARSE_HDR_SERVER, SIPPARSE_HDR_SUPPORTED, SIPPARSE_HDR_SUBJECT,
    SIPPARSE_HDR_WARNING,
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    unsigned sel = data[0];
    size--;
    char *buf = fz_copy(data + 1, size);
    /* no value at all stands for an absent slice, which the parsers must refuse */
    sipparse_slice v = size ? (sipparse_slice){ buf, size } : SIPPARSE_SLICE_NONE;
    if (sel >= 2u * SIPPARSE_HDR__COUNT) {
        for (size_t i = 0; i < sizeof one_of_each / sizeof one_of_each[0]; i++)
            fz_typed_value(one_of_each[i], v);
        /* what a caller may do with any params-looking value */
        sipparse_slice value;
        (void)sipparse_param_get(v, "tag", &value);
    } else {
        fz_typed_value((sipparse_hdr_id)(sel % SIPPARSE_HDR__COUNT), v);
    }
    free(buf);
    return 0;
}
