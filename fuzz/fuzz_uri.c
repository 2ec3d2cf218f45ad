/* fuzz/fuzz_uri.c: sipparse_uri_parse, sipparse_uri_print and the print/parse round trip.
 *
 * Input: byte 0 picks the context (byte % 3: SIPPARSE_URI_FULL, _REQUEST, _ADDR_SPEC),
 * the rest is the URI. When it parses, the printed form must parse in the same context
 * to equal parts (scheme and host ignoring case). */
#include <stdlib.h>
#include <string.h>
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    sipparse_uri_ctx ctx = (sipparse_uri_ctx)(data[0] % 3);
    size--;
    char *buf = fz_copy(data + 1, size);
    sipparse_uri u;
    sipparse_error e;
    memset(&e, 0, sizeof e);
    sipparse_err rc = sipparse_uri_parse(buf, size, ctx, &u, &e);
    if (rc == SIPPARSE_OK) {
        CHECK(u.raw.ptr == buf && u.raw.len == size);
        fz_check_uri(&u, buf, buf + size);
        fz_uri_roundtrip(&u, ctx);
        if (ctx == SIPPARSE_URI_REQUEST)
            CHECK(!u.headers.ptr);
        if (ctx == SIPPARSE_URI_ADDR_SPEC)
            CHECK(!u.params.ptr && !u.headers.ptr);
        /* what the narrower contexts accept, FULL accepts as the same URI */
        if (ctx != SIPPARSE_URI_FULL) {
            sipparse_uri full;
            CHECK(sipparse_uri_parse(buf, size, SIPPARSE_URI_FULL, &full, NULL) == SIPPARSE_OK);
            CHECK(fz_uri_equal(&u, &full));
        }
    } else {
        CHECK(rc == SIPPARSE_E_URI || rc == SIPPARSE_E_RANGE);
        fz_check_error(&e, rc, buf, buf + size);
    }
    /* the error pointer is optional */
    CHECK(sipparse_uri_parse(buf, size, ctx, &u, NULL) == rc);
    free(buf);
    return 0;
}
