/* tools/sipparse/jsonw.c: the JSON writer (jsonw.h). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "decimal.h"
#include "jsonw.h"
#include "utf8.h"

void jsonw_init_fixed(jsonw *w, char *buf, size_t cap)
{
    memset(w, 0, sizeof *w);
    w->buf = buf;
    w->cap = cap;
}

void jsonw_init_growable(jsonw *w)
{
    memset(w, 0, sizeof *w);
    w->own = 1;
}

void jsonw_free(jsonw *w)
{
    if (w->own) free(w->buf);
    w->buf = NULL;
    w->len = w->cap = 0;
}

void jsonw_reset(jsonw *w)
{
    w->len = 0;
    w->failed = 0;
    w->after_key = 0;
    w->depth = 0;
    w->more[0] = 0;
}

/* Makes room for n more bytes: grows an own buffer, else fails. */
static char *grow(jsonw *w, size_t n)
{
    if (w->failed) return NULL;
    if (w->cap - w->len >= n) return w->buf + w->len;
    if (!w->own || n > SIZE_MAX / 2 - w->len) {
        w->failed = 1;
        return NULL;
    }
    size_t cap = w->cap ? w->cap : 4096;
    while (cap - w->len < n) cap *= 2;
    char *b = realloc(w->buf, cap);
    if (!b) {
        w->failed = 1;
        return NULL;
    }
    w->buf = b;
    w->cap = cap;
    return b + w->len;
}

/* Where the next n bytes go, or NULL once the text is incomplete. The caller moves
 * w->len past what it wrote (at most n). Every caller asks for no more than it is
 * sure to write, so a fixed buffer fails only when the text would not fit. */
static inline char *room(jsonw *w, size_t n)
{
    if (!w->failed && w->cap - w->len >= n) return w->buf + w->len;
    return grow(w, n);
}

static void put(jsonw *w, char c)
{
    char *o = room(w, 1);
    if (!o) return;
    *o = c;
    w->len++;
}

/* Before a value or a key: 1 when a comma goes first, as something came before it at
 * this level (a value right after its key needs none). */
static inline size_t comma(jsonw *w)
{
    if (w->after_key) {
        w->after_key = 0;
        return 0;
    }
    size_t c = w->more[w->depth];
    w->more[w->depth] = 1;
    return c;
}

static void open_level(jsonw *w, char c)
{
    if (comma(w)) put(w, ',');
    if (w->depth >= JSONW_MAX_DEPTH) {
        w->failed = 1;
        return;
    }
    put(w, c);
    w->more[++w->depth] = 0;
}

static void close_level(jsonw *w, char c)
{
    if (w->depth == 0) {
        w->failed = 1;
        return;
    }
    w->depth--;
    put(w, c);
}

/* A value that needs no escaping: a number, true, false, null. */
static void put_word(jsonw *w, const char *t, size_t n)
{
    size_t c = comma(w);
    char *o = room(w, c + n);
    if (!o) return;
    if (c) *o++ = ',';
    memcpy(o, t, n);
    w->len += c + n;
}

void jsonw_begin_object(jsonw *w) { open_level(w, '{'); }
void jsonw_end_object(jsonw *w) { close_level(w, '}'); }
void jsonw_begin_array(jsonw *w) { open_level(w, '['); }
void jsonw_end_array(jsonw *w) { close_level(w, ']'); }

/* 0: the byte is printed as it is. 1: it is escaped (or, from 0x80, it starts a
 * UTF-8 sequence or is a stray byte). */
static const unsigned char special[256] = {
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,   /* '"' */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0,   /* '\\' */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,   /* DEL is printed as it is */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
};

/* "\uXXXX" for a code point of the BMP, in upper-case hex as jansson prints it. */
static char *put_u(char *o, unsigned cp)
{
    static const char hex[] = "0123456789ABCDEF";
    o[0] = '\\';
    o[1] = 'u';
    o[2] = hex[cp >> 12 & 0xf];
    o[3] = hex[cp >> 8 & 0xf];
    o[4] = hex[cp >> 4 & 0xf];
    o[5] = hex[cp & 0xf];
    return o + 6;
}

/* The escape of an ASCII byte the table marks. */
static char *put_ascii_escape(char *o, unsigned char c)
{
    char e;
    switch (c) {
    case '"': e = '"'; break;
    case '\\': e = '\\'; break;
    case '\b': e = 'b'; break;
    case '\f': e = 'f'; break;
    case '\n': e = 'n'; break;
    case '\r': e = 'r'; break;
    case '\t': e = 't'; break;
    default: return put_u(o, c);
    }
    o[0] = '\\';
    o[1] = e;
    return o + 2;
}

/* The code point of the well-formed sequence p[0..n) (n from utf8_seq_len, 2..4). */
static unsigned decode(const unsigned char *p, size_t n)
{
    unsigned cp = p[0] & (0x7f >> n);
    for (size_t i = 1; i < n; i++) cp = cp << 6 | (p[i] & 0x3f);
    return cp;
}

/* The escape of what starts at p[0] (a byte >= 0x80, or an ASCII byte the table
 * marks) into out (12 bytes: a surrogate pair at most); returns how many input bytes
 * it took, and sets *outlen. */
static size_t escape_one(char *out, size_t *outlen, const unsigned char *p, size_t n)
{
    char *o = out;
    size_t k = 1;
    if (p[0] < 0x80) {
        o = put_ascii_escape(o, p[0]);
    } else if ((k = utf8_seq_len(p, n)) == 0) {
        o = put_u(o, p[0]); /* a stray byte: U+00XX */
        k = 1;
    } else {
        unsigned cp = decode(p, k);
        if (cp >= 0x10000) {
            cp -= 0x10000;
            o = put_u(o, 0xd800 | cp >> 10);
            cp = 0xdc00 | (cp & 0x3ff);
        }
        o = put_u(o, cp);
    }
    *outlen = (size_t)(o - out);
    return k;
}

/* Nonzero when one of the 8 bytes of x is one the table marks: below 0x20, '"', '\\'
 * or from 0x80 ("has less than" and "has zero byte" of Bit Twiddling Hacks, exact as a
 * yes or no; '"' and '\\' leave bit 7 as it is, so ~x masks for all three). */
static inline uint64_t any_special(uint64_t x)
{
    const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
    uint64_t q = x ^ (ones * '"'), b = x ^ (ones * '\\');
    return (((x - ones * 0x20) | (q - ones) | (b - ones)) & ~x & high) | (x & high);
}

/* Copies the plain bytes from p[*i] on, up to the first byte the table marks, to o
 * (room for len - *i bytes); returns the end of the output. Most of the output is
 * such bytes: they go 8 at a time while no byte of the 8 is special. */
static inline char *copy_plain(char *o, const unsigned char *p, size_t len, size_t *i,
                               unsigned flags)
{
    size_t j = *i;
    if (flags & JSONW_LOWER) {
        for (; j < len && !special[p[j]]; j++)
            *o++ = (char)((unsigned)p[j] - 'A' < 26u ? p[j] + ('a' - 'A') : p[j]);
        *i = j;
        return o;
    }
    uint64_t x;
    for (; len - j >= 8; j += 8, o += 8) {
        memcpy(&x, p + j, 8);
        if (any_special(x)) break;
        memcpy(o, &x, 8);
    }
    /* The last 1..7 bytes of a run of 8 or more: the 8 bytes that end the string,
     * some of them copied again (to the same place) */
    if (j < len && len - j < 8 && len - *i >= 8) {
        memcpy(&x, p + len - 8, 8);
        if (!any_special(x)) {
            memcpy(o - (j - (len - 8)), &x, 8);
            *i = len;
            return o + (len - j);
        }
    }
    for (; j < len && !special[p[j]]; j++) *o++ = (char)p[j];
    *i = j;
    return o;
}

/* A run of plain bytes takes one room check (for all the bytes left: no character is
 * printed shorter than it is written); each other character is escaped aside and gets
 * the room it needs. */
void jsonw_str_part(jsonw *w, const char *ptr, size_t len, unsigned flags)
{
    const unsigned char *p = (const unsigned char *)ptr;
    size_t i = 0;
    while (i < len) {
        if (!special[p[i]]) {
            char *o = room(w, len - i);
            if (!o) return;
            w->len += (size_t)(copy_plain(o, p, len, &i, flags) - o);
            continue;
        }
        char esc[12];
        size_t n;
        i += escape_one(esc, &n, p + i, len - i);
        char *o = room(w, n);
        if (!o) return;
        memcpy(o, esc, n);
        w->len += n;
    }
}

void jsonw_str_begin(jsonw *w)
{
    if (comma(w)) put(w, ',');
    put(w, '"');
}

void jsonw_str_end(jsonw *w) { put(w, '"'); }

/* [","] '"' the string '"' [":"] with one room check when the string is all plain
 * bytes (the common case), else through jsonw_str_part. */
static void put_string(jsonw *w, const char *ptr, size_t len, unsigned flags, int key)
{
    const unsigned char *p = (const unsigned char *)ptr;
    size_t c = comma(w), i = 0, tail = 1 + (size_t)key;
    if (len > SIZE_MAX - 8) {
        w->failed = 1;
        return;
    }
    char *start = room(w, c + 1 + len + tail);
    if (!start) return;
    char *o = start;
    if (c) *o++ = ',';
    *o++ = '"';
    o = copy_plain(o, p, len, &i, flags);
    if (i < len) {
        w->len += (size_t)(o - start);
        jsonw_str_part(w, ptr + i, len - i, flags);
        if (!(o = room(w, tail))) return;
        start = o;
    }
    *o++ = '"';
    if (key) *o++ = ':';
    w->len += (size_t)(o - start);
    w->after_key = key;
}

void jsonw_strn(jsonw *w, const char *p, size_t len, unsigned flags)
{
    put_string(w, p, len, flags, 0);
}

void jsonw_keyn(jsonw *w, const char *p, size_t len, unsigned flags)
{
    put_string(w, p, len, flags, 1);
}

/* JSONW_KEY where the inline part has no room for the longest form (or a key came
 * right after a key, which is the caller's mistake; written as jsonw_keyn would). */
void jsonw_key_literal_slow(jsonw *w, const char *key, size_t len)
{
    size_t c = comma(w);
    char *o = room(w, c + len + 3);
    if (!o) return;
    char *start = o;
    if (c) *o++ = ',';
    *o++ = '"';
    memcpy(o, key, len);
    o += len;
    *o++ = '"';
    *o++ = ':';
    w->len += (size_t)(o - start);
    w->after_key = 1;
}

static void put_digits(jsonw *w, unsigned long long v, int negative)
{
    char tmp[24], *e = tmp;
    if (negative) *e++ = '-';
    e = dec_put(e, v, 0);
    put_word(w, tmp, (size_t)(e - tmp));
}

void jsonw_uint(jsonw *w, unsigned long long v) { put_digits(w, v, 0); }

/* The magnitude through unsigned arithmetic: -LLONG_MIN does not fit a long long. */
void jsonw_int(jsonw *w, long long v)
{
    put_digits(w, v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v, v < 0);
}

void jsonw_bool(jsonw *w, int v)
{
    if (v) put_word(w, "true", 4);
    else put_word(w, "false", 5);
}

void jsonw_null(jsonw *w) { put_word(w, "null", 4); }
