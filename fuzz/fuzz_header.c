/* fuzz/fuzz_header.c: the typed header-value parsers.
 *
 * Input: byte 0 picks a header id (byte % SIPPARSE_HDR__COUNT) and the parser that
 * grammar/headers.def names for it (Via, Contact and Route lists, name-addr, CSeq,
 * Call-ID, numbers, Content-Type, Date, free text); a byte of 2 * SIPPARSE_HDR__COUNT
 * or more runs every parser on the value. The rest of the input is the value, as
 * sipparse_msg_parse would hand it over (it may still hold folds and any byte); an
 * empty rest is passed as an absent slice (SIPPARSE_SLICE_NONE). */
#include <stdlib.h>
#include <string.h>
#include "fuzz_common.h"

/* One id per syntax class of headers.def, for the "every parser" case. */
static const sipparse_hdr_id one_of_each[] = {
    SIPPARSE_HDR_OTHER,   SIPPARSE_HDR_CALL_ID, SIPPARSE_HDR_CONTACT,      SIPPARSE_HDR_CSEQ,
    SIPPARSE_HDR_CONTENT_TYPE, SIPPARSE_HDR_DATE, SIPPARSE_HDR_MAX_FORWARDS, SIPPARSE_HDR_FROM,
    SIPPARSE_HDR_ROUTE,   SIPPARSE_HDR_CONTENT_LENGTH, SIPPARSE_HDR_VIA,
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
