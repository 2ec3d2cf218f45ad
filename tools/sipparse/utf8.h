/* tools/sipparse/utf8.h: the one rule both output formats apply to the bytes they
 * print, kept apart from tool.h so the JSON writer (and its tests) need nothing else. */
#ifndef SIPPARSE_UTF8_H
#define SIPPARSE_UTF8_H
#include <stddef.h>

/* Length of the well-formed UTF-8 sequence at p (1..4), or 0 when the byte at p does
 * not start one (RFC 3629: no overlongs, no surrogates, nothing above U+10FFFF). n: the
 * bytes readable at p, at least 1. */
size_t utf8_seq_len(const unsigned char *p, size_t n);

#endif
