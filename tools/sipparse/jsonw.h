/* tools/sipparse/jsonw.h: a JSON writer that appends text to a byte buffer as the
 * caller walks its own data: no tree is built, nothing is allocated per value.
 *
 * The text is what jansson's json_dumps(JSON_COMPACT | JSON_ENSURE_ASCII) prints for
 * the same values, byte for byte: "," and ":" without blanks, integers as %lld, and
 * strings in pure ASCII. A string is given as bytes; well-formed UTF-8 in them (utf8.h)
 * is printed as \uXXXX escapes (upper-case hex, a UTF-16 surrogate pair above U+FFFF),
 * and each byte that is not part of a well-formed sequence as the code point U+00XX it
 * stands for in ISO 8859-1 ("\u00XX"). '"' and '\' are escaped, control characters as
 * \b \t \n \f \r or \u00XX; '/' and DEL are not.
 *
 * The buffer is the caller's array of fixed size, or the writer's own, grown with
 * realloc. Nothing is ever dropped quietly: when the text no longer fits (a fixed
 * buffer full, realloc failed) or the nesting is deeper than JSONW_MAX_DEPTH, the
 * writer stops writing and jsonw_failed says so; the text is then unusable. The
 * writer does not check the grammar of what it is asked to write (a key where a value
 * is due): its callers write fixed shapes. */
#ifndef SIPPARSE_JSONW_H
#define SIPPARSE_JSONW_H
#include <stddef.h>
#include <string.h>

#define JSONW_MAX_DEPTH 16

/* Flags of the string functions. */
enum { JSONW_LOWER = 1 };   /* ASCII A-Z printed as a-z */

typedef struct jsonw {
    char *buf;
    size_t len, cap;
    int own;        /* buf is the writer's: grown with realloc, freed by jsonw_free */
    int failed;     /* the text is incomplete (see above) */
    int after_key;  /* a key was written: the value comes without a comma */
    unsigned depth; /* objects and arrays open */
    unsigned char more[JSONW_MAX_DEPTH + 1]; /* a member was written at this level */
} jsonw;

/* Into the caller's buf of cap bytes; the text is not NUL-terminated. */
void jsonw_init_fixed(jsonw *w, char *buf, size_t cap);
/* Into a buffer of the writer's own, which grows as needed (jsonw_free releases it). */
void jsonw_init_growable(jsonw *w);
void jsonw_free(jsonw *w);
/* Empties the text for the next document; the buffer is kept. */
void jsonw_reset(jsonw *w);

static inline int jsonw_failed(const jsonw *w) { return w->failed; }
static inline const char *jsonw_text(const jsonw *w) { return w->buf; }
static inline size_t jsonw_len(const jsonw *w) { return w->len; }

void jsonw_begin_object(jsonw *w);
void jsonw_end_object(jsonw *w);
void jsonw_begin_array(jsonw *w);
void jsonw_end_array(jsonw *w);

/* An object member's name: len bytes (flags as below), or a NUL-terminated string. */
void jsonw_keyn(jsonw *w, const char *p, size_t len, unsigned flags);
/* Inline, so that the length of a literal is known when compiling. */
static inline void jsonw_key(jsonw *w, const char *key) { jsonw_keyn(w, key, strlen(key), 0); }

/* A member name the program spells as a string literal, which must need no escaping
 * (printable ASCII other than '"' and '\\'): copied as it is, its length known when
 * compiling. A JSON line has some 135 names; looking at their bytes one by one was a
 * fifth of its cost. The "" lit "" makes anything but a literal a compile error. */
#define JSONW_KEY(w, lit) jsonw_key_literal((w), "" lit "", sizeof(lit) - 1)
void jsonw_key_literal_slow(jsonw *w, const char *key, size_t len);
static inline void jsonw_key_literal(jsonw *w, const char *key, size_t len)
{
    if (w->failed || w->after_key || w->cap - w->len < len + 4) {
        jsonw_key_literal_slow(w, key, len);
        return;
    }
    char *o = w->buf + w->len;
    *o = ',';
    o += w->more[w->depth];
    w->more[w->depth] = 1;
    *o++ = '"';
    memcpy(o, key, len);
    o += len;
    *o++ = '"';
    *o++ = ':';
    w->len = (size_t)(o - w->buf);
    w->after_key = 1;
}

/* A string: len bytes (NULs included) with JSONW_* flags, or NUL-terminated. */
void jsonw_strn(jsonw *w, const char *p, size_t len, unsigned flags);
static inline void jsonw_str(jsonw *w, const char *s) { jsonw_strn(w, s, strlen(s), 0); }
/* One string from several pieces: begin, any number of parts, end. The pieces are
 * judged as UTF-8 each on its own, so a sequence must not be split between two. */
void jsonw_str_begin(jsonw *w);
void jsonw_str_part(jsonw *w, const char *p, size_t len, unsigned flags);
void jsonw_str_end(jsonw *w);

void jsonw_int(jsonw *w, long long v);
void jsonw_uint(jsonw *w, unsigned long long v);
void jsonw_bool(jsonw *w, int v);
void jsonw_null(jsonw *w);

#endif
