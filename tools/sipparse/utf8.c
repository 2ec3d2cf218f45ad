/* tools/sipparse/utf8.c: well-formed UTF-8 (RFC 3629), one sequence at a time. */
#include "utf8.h"

size_t utf8_seq_len(const unsigned char *p, size_t n)
{
    unsigned char c = p[0];
    if (c < 0x80) return 1;
    size_t need;
    unsigned char lo = 0x80, hi = 0xbf; /* allowed range of the second byte */
    if (c >= 0xc2 && c <= 0xdf) {
        need = 2;
    } else if (c >= 0xe0 && c <= 0xef) {
        need = 3;
        if (c == 0xe0) lo = 0xa0;       /* no overlong forms */
        else if (c == 0xed) hi = 0x9f;  /* no UTF-16 surrogates */
    } else if (c >= 0xf0 && c <= 0xf4) {
        need = 4;
        if (c == 0xf0) lo = 0x90;       /* no overlong forms */
        else if (c == 0xf4) hi = 0x8f;  /* nothing above U+10FFFF */
    } else {
        return 0;
    }
    if (n < need) return 0;
    if (p[1] < lo || p[1] > hi) return 0;
    for (size_t i = 2; i < need; i++)
        if (p[i] < 0x80 || p[i] > 0xbf) return 0;
    return need;
}
