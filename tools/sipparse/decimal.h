/* tools/sipparse/decimal.h: unsigned numbers in decimal, written by hand. The JSON
 * writer, the endpoints and the time stamps print numbers for every packet, and
 * snprintf costs more than the rest of such a field. */
#ifndef SIPPARSE_DECIMAL_H
#define SIPPARSE_DECIMAL_H

/* The digits of v at o, with leading zeros up to width digits (0 for none; the
 * capture's time stamp fractions need up to 9); returns the end. Writes at most
 * 20 bytes or width bytes, whichever is more. */
static inline char *dec_put(char *o, unsigned long long v, int width)
{
    char rev[20];
    int n = 0;
    do {
        rev[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    for (int i = n; i < width; i++) *o++ = '0';
    while (n) *o++ = rev[--n];
    return o;
}

#endif
