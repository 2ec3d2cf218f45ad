/* tests/tools/mini_pcap.c: see mini_pcap.h. Bounds are checked on every header; a
 * record that does not fit is the end of the file. */
#include <stdlib.h>
#include <string.h>
#include "mini_pcap.h"
#include "tt.h"

static uint32_t rd32(const unsigned char *p, int swap)
{
    return swap ? (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3]
                : (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
}
static unsigned be16(const unsigned char *p) { return (unsigned)p[0] << 8 | p[1]; }
static uint32_t be32(const unsigned char *p) { return rd32(p, 1); }

static void packet(const unsigned char *p, size_t n, unsigned long frame, mp_fn fn, void *user)
{
    if (n < 14 + 20 || be16(p + 12) != 0x0800) return;
    p += 14; n -= 14;
    size_t ihl = (size_t)(p[0] & 15) * 4, tot = be16(p + 2);
    if ((p[0] >> 4) != 4 || ihl < 20 || tot < ihl || tot > n) return;
    mp_seg s = { frame, p[9], be32(p + 12), be32(p + 16), 0, 0, 0, 0, NULL, 0 };
    const unsigned char *t = p + ihl;
    size_t tn = tot - ihl;
    if (s.proto == 17 && tn >= 8) {
        s.sport = be16(t); s.dport = be16(t + 2);
        s.payload = t + 8; s.len = tn - 8;
    } else if (s.proto == 6 && tn >= 20) {
        size_t off = (size_t)(t[12] >> 4) * 4;
        if (off < 20 || off > tn) return;
        s.sport = be16(t); s.dport = be16(t + 2);
        s.seq = be32(t + 4);
        s.flags = t[13];
        s.payload = t + off; s.len = tn - off;
    } else {
        return;
    }
    fn(user, &s);
}

long mp_each(const char *path, mp_fn fn, void *user)
{
    size_t n;
    unsigned char *b = tt_read_file(path, &n);
    if (!b) return -1;
    int swap;
    if (n < 24) { free(b); return -1; }
    uint32_t magic = rd32(b, 0);
    if (magic == 0xa1b2c3d4u || magic == 0xa1b23c4du) swap = 0;
    else if (magic == 0xd4c3b2a1u || magic == 0x4d3cb2a1u) swap = 1;
    else { free(b); return -1; }
    if (rd32(b + 20, swap) != 1) { free(b); return -1; }     /* LINKTYPE_ETHERNET */
    long recs = 0;
    size_t at = 24;
    while (n - at >= 16) {
        size_t cl = rd32(b + at + 8, swap);
        if (cl > n - at - 16) break;
        recs++;
        packet(b + at + 16, cl, (unsigned long)recs, fn, user);
        at += 16 + cl;
    }
    free(b);
    return recs;
}
