/* fuzz/fuzz_roundtrip.c: URIs of a parsed message, printed and parsed again.
 *
 * Input: byte 0 picks the flags as in fuzz_msg (bits 0-4 leniency, bit 5 stream), the
 * rest is a message. When it parses, its Request-URI and the URI of every From, To
 * and Contact value are printed (FULL and AOR forms) and parsed again; the parts must
 * come back equal. A printed AOR is scheme:user@host, so it must parse as a URI with
 * those parts and nothing else. */
#include <stdlib.h>
#include <string.h>
#include "fuzz_common.h"

#define CAP 64

static void aor_roundtrip(const sipparse_uri *u)
{
    size_t cap = u->raw.len + 1;
    char *tmp = malloc(cap);
    CHECK(tmp != NULL);
    int n = sipparse_uri_print(u, SIPPARSE_PRINT_AOR, tmp, cap);
    CHECK(n >= 0);
    char *aor = fz_copy((const uint8_t *)tmp, (size_t)n);
    free(tmp);
    sipparse_uri a;
    CHECK(sipparse_uri_parse(aor, (size_t)n, SIPPARSE_URI_ADDR_SPEC, &a, NULL) == SIPPARSE_OK);
    CHECK(a.scheme_id == u->scheme_id);
    if (u->scheme_id == SIPPARSE_SCHEME_SIP || u->scheme_id == SIPPARSE_SCHEME_SIPS) {
        CHECK(sipparse_slice_eq(a.user, u->user));
        CHECK(a.host.len == u->host.len && a.host_type == u->host_type);
        CHECK(!a.password.ptr && !a.port_str.ptr && a.port == -1 && !a.params.ptr && !a.headers.ptr);
    } else {
        CHECK(sipparse_slice_eq(a.opaque, u->opaque));
    }
    free(aor);
}

static void uri_both_ways(const sipparse_uri *u, sipparse_uri_ctx ctx)
{
    fz_uri_roundtrip(u, ctx);
    /* an opaque URI's AOR is the URI itself, which an addr-spec may not hold */
    if (u->scheme_id == SIPPARSE_SCHEME_SIP || u->scheme_id == SIPPARSE_SCHEME_SIPS)
        aor_roundtrip(u);
}

static void nameaddr_uri(const sipparse_nameaddr *na)
{
    if (na->star)
        return;
    uri_both_ways(&na->uri, na->bracketed ? SIPPARSE_URI_FULL : SIPPARSE_URI_ADDR_SPEC);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    unsigned flags = (data[0] & SIPPARSE_F_LENIENT) | ((data[0] & 0x20) ? SIPPARSE_F_STREAM : 0);
    size--;
    char *buf = fz_copy(data + 1, size);
    sipparse_hdr hdrs[CAP];
    sipparse_msg m;
    sipparse_msg_init(&m, hdrs, CAP, flags);
    if (sipparse_msg_parse(&m, buf, size) != SIPPARSE_OK) {
        free(buf);
        return 0;
    }
    if (m.is_request)
        uri_both_ways(&m.uri, SIPPARSE_URI_REQUEST);
    static const sipparse_hdr_id single[] = { SIPPARSE_HDR_FROM, SIPPARSE_HDR_TO };
    for (size_t i = 0; i < 2; i++)
        for (const sipparse_hdr *h = sipparse_msg_hdr(&m, single[i]); h;
             h = sipparse_msg_hdr_next(&m, h)) {
            sipparse_nameaddr na;
            if (sipparse_nameaddr_parse(h->value.ptr, h->value.len, &na, NULL) == SIPPARSE_OK)
                nameaddr_uri(&na);
        }
    for (const sipparse_hdr *h = sipparse_msg_hdr(&m, SIPPARSE_HDR_CONTACT); h;
         h = sipparse_msg_hdr_next(&m, h)) {
        size_t pos = 0;
        sipparse_nameaddr na;
        for (unsigned k = 0; k <= h->value.len &&
                             sipparse_contact_next(h->value, &pos, &na, NULL) == SIPPARSE_OK;
             k++)
            nameaddr_uri(&na);
    }
    free(buf);
    return 0;
}
