/* fuzz/fuzz_hep.c: the HEP decoder of tools/sipparse (hep.c) on any bytes.
 *
 * Input: one packet, or a TCP stream of them. The whole input is decoded as one
 * packet (an exact-size heap copy): on success every pointer must lie inside it, the
 * length within it, the family match the addresses; a compressed payload is inflated
 * into a 4 kB buffer (the cap path) and a 64 kB one. On error the offset lies inside.
 * Then the input is split as a stream with hep_next_len, each packet decoded alone;
 * the split must move forward and stop at the first byte that is not a packet. */
#include <stdlib.h>
#include <string.h>
#include "fuzz_common.h"
#include "../tools/sipparse/hep.h"

static int inside(const unsigned char *p, size_t len, const unsigned char *lo, size_t n)
{
    return p == NULL ? len == 0 : p >= lo && len <= n && (size_t)(p - lo) <= n - len;
}

static void one(const unsigned char *p, size_t n)
{
    hep_packet h;
    size_t off = (size_t)-1;
    hep_err e = hep_decode(p, n, &h, &off);
    CHECK((unsigned)e < HEP_E_COUNT && hep_strerror(e)[0] != '?');
    if (e != HEP_E_OK) {
        CHECK(off <= n);
        return;
    }
    CHECK(h.version >= 1 && h.version <= 3);
    CHECK(h.length >= 6 && h.length <= n);
    CHECK(h.payload != NULL && inside(h.payload, h.payload_len, p, h.length));
    CHECK(inside(h.auth, h.auth_len, p, h.length));
    CHECK(inside(h.correlation, h.correlation_len, p, h.length));
    CHECK(h.family == 0 || h.family == 4 || h.family == 6);
    if (h.have_src || h.have_dst) CHECK(h.family != 0);
    if (h.version != 3) CHECK(hep_detect(p, n) == 0 || hep_detect(p, n) == h.version);
    if (h.compressed) {
        static unsigned char small[4096], big[65536];
        size_t a = 0, b = 0;
        hep_err ea = hep_inflate(&h, small, sizeof small, &a);
        hep_err eb = hep_inflate(&h, big, sizeof big, &b);
        CHECK(a <= sizeof small && b <= sizeof big);
        if (ea == HEP_E_OK) CHECK(eb == HEP_E_OK && a == b && memcmp(small, big, a) == 0);
        if (eb == HEP_E_OK && b <= sizeof small) CHECK(ea == HEP_E_OK);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *c = fz_copy(data, size);
    const unsigned char *p = (const unsigned char *)c;
    one(p, size);
    size_t at = 0, need = 0;
    while (at < size) {
        hep_err e = hep_next_len(p + at, size - at, &need);
        if (e != HEP_E_OK) {
            CHECK(e == HEP_E_AGAIN || e == HEP_E_NOT_HEP || e == HEP_E_TOTAL_LENGTH);
            break;
        }
        CHECK(need >= 6);
        if (need > size - at) break;
        char *pk = fz_copy(data + at, need);
        one((const unsigned char *)pk, need);
        free(pk);
        at += need;
    }
    free(c);
    return 0;
}
