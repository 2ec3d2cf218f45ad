/* fuzz/fuzz_nameaddr.c: name-addr / addr-spec values and the comma-list parsers.
 *
 * Input: a header value (no selector byte). It goes through sipparse_nameaddr_parse
 * (From, To), sipparse_contact_next and sipparse_route_next until each stops; every
 * value they return is checked (slices, URI round trip, params, display name). */
#include <stdlib.h>
#include <string.h>
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *buf = fz_copy(data, size);
    sipparse_nameaddr na;
    sipparse_error e;
    memset(&e, 0, sizeof e);
    sipparse_err rc = sipparse_nameaddr_parse(buf, size, &na, &e);
    /* the error pointer is optional and changes nothing */
    sipparse_nameaddr na2;
    CHECK(sipparse_nameaddr_parse(buf, size, &na2, NULL) == rc);
    if (rc == SIPPARSE_OK) {
        fz_check_nameaddr(&na, buf, buf + size);
        CHECK(!na.star);
        /* a name-addr is also a one-element Contact list, unless q or expires break
         * the Contact rules */
        sipparse_slice v = { buf, size };
        size_t pos = 0;
        sipparse_nameaddr c;
        sipparse_err rc2 = sipparse_contact_next(v, &pos, &c, NULL);
        if (rc2 == SIPPARSE_OK) {
            CHECK(pos == size);
            CHECK(sipparse_slice_eq(c.raw, na.raw) && sipparse_slice_eq(c.params, na.params));
            CHECK(fz_uri_equal(&c.uri, &na.uri));
        }
        /* and a bracketed one is a one-element Route list */
        pos = 0;
        rc2 = sipparse_route_next(v, &pos, &c, NULL);
        CHECK((rc2 == SIPPARSE_OK) == (na.bracketed != 0));
        if (rc2 == SIPPARSE_OK)
            CHECK(pos == size && sipparse_slice_eq(c.raw, na.raw));
    } else {
        fz_check_error(&e, rc, buf, buf + size);
    }
    sipparse_slice v = { buf, size };
    fz_walk_contacts(v);
    fz_walk_routes(v);
    free(buf);
    return 0;
}
