/* tests/tools/test_jsonw.c: the JSON writer of sipparse -T json (tools/sipparse/jsonw.c)
 * on exact bytes: every escape class, bytes that are not UTF-8, surrogate pairs, NUL,
 * lower-casing, nesting and commas, integers at their limits, buffers that are one
 * byte too small; then thousands of generated strings printed by the writer and by
 * jansson (json_dumps with JSON_ENSURE_ASCII, the output the writer replaces), which
 * must agree byte for byte. */
#include <jansson.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include "tt.h"
#include "../../tools/sipparse/jsonw.h"
#include "../../tools/sipparse/utf8.h"

static char buf[1 << 16];

/* The writer's text equals want (wlen bytes, NULs allowed) and it did not fail. */
static void expect_text(const jsonw *w, const char *want, size_t wlen, const char *what)
{
    EXPECT(!jsonw_failed(w), "%s: writer failed", what);
    EXPECT(jsonw_len(w) == wlen && memcmp(jsonw_text(w), want, wlen) == 0,
           "%s: got [%.*s], want [%.*s]", what, (int)jsonw_len(w), jsonw_text(w), (int)wlen, want);
}

/* One string of n bytes printed with flags, against its JSON text. */
static void str_is(const char *in, size_t n, unsigned flags, const char *want)
{
    jsonw w;
    jsonw_init_fixed(&w, buf, sizeof buf);
    jsonw_strn(&w, in, n, flags);
    expect_text(&w, want, strlen(want), want);
}

static void test_ascii_escapes(void)
{
    tt_case = "jsonw: ASCII escapes";
    static const char *const ctl[32] = {
        "\\u0000", "\\u0001", "\\u0002", "\\u0003", "\\u0004", "\\u0005", "\\u0006", "\\u0007",
        "\\b", "\\t", "\\n", "\\u000B", "\\f", "\\r", "\\u000E", "\\u000F",
        "\\u0010", "\\u0011", "\\u0012", "\\u0013", "\\u0014", "\\u0015", "\\u0016", "\\u0017",
        "\\u0018", "\\u0019", "\\u001A", "\\u001B", "\\u001C", "\\u001D", "\\u001E", "\\u001F",
    };
    for (int c = 0; c < 32; c++) {
        char in[1] = { (char)c }, want[16];
        snprintf(want, sizeof want, "\"%s\"", ctl[c]);
        str_is(in, 1, 0, want);
    }
    str_is("\"", 1, 0, "\"\\\"\"");
    str_is("\\", 1, 0, "\"\\\\\"");
    str_is("/", 1, 0, "\"/\"");          /* no JSON_ESCAPE_SLASH */
    str_is("\x7f", 1, 0, "\"\x7f\"");    /* DEL is printed as it is */
    char all[95 - 2 + 1];
    size_t n = 0;
    for (int c = 0x20; c < 0x7f; c++)
        if (c != '"' && c != '\\') all[n++] = (char)c;
    char want[sizeof all + 2];
    want[0] = '"';
    memcpy(want + 1, all, n);
    want[n + 1] = '"';
    jsonw w;
    jsonw_init_fixed(&w, buf, sizeof buf);
    jsonw_strn(&w, all, n, 0);
    expect_text(&w, want, n + 2, "printable ASCII as it is");
    str_is("a\0b", 3, 0, "\"a\\u0000b\"");
    str_is("\0\0", 2, 0, "\"\\u0000\\u0000\"");
    str_is("", 0, 0, "\"\"");
    str_is("say \"hi\"\r\n\\o/", 13, 0, "\"say \\\"hi\\\"\\r\\n\\\\o/\"");
}

static void test_utf8(void)
{
    tt_case = "jsonw: well-formed UTF-8";
    str_is("\xc2\x80", 2, 0, "\"\\u0080\"");
    str_is("caf\xc3\xa9", 5, 0, "\"caf\\u00E9\"");
    str_is("\xdf\xbf", 2, 0, "\"\\u07FF\"");
    str_is("\xe0\xa0\x80", 3, 0, "\"\\u0800\"");
    str_is("\xe2\x82\xac", 3, 0, "\"\\u20AC\"");
    str_is("\xed\x9f\xbf", 3, 0, "\"\\uD7FF\"");     /* just below the surrogates */
    str_is("\xee\x80\x80", 3, 0, "\"\\uE000\"");     /* just above */
    str_is("\xef\xbf\xbf", 3, 0, "\"\\uFFFF\"");
    tt_case = "jsonw: 4-byte UTF-8 as surrogate pairs";
    str_is("\xf0\x90\x80\x80", 4, 0, "\"\\uD800\\uDC00\"");
    str_is("\xf0\x9f\x98\x80", 4, 0, "\"\\uD83D\\uDE00\"");
    str_is("\xf4\x8f\xbf\xbf", 4, 0, "\"\\uDBFF\\uDFFF\"");
    str_is("a\xf0\x9f\x8e\xb5z", 6, 0, "\"a\\uD83C\\uDFB5z\"");

    tt_case = "jsonw: bytes that are not UTF-8 as U+00XX";
    str_is("\x80", 1, 0, "\"\\u0080\"");                       /* stray continuation */
    str_is("\xff\xfe", 2, 0, "\"\\u00FF\\u00FE\"");
    str_is("\xc3", 1, 0, "\"\\u00C3\"");                       /* cut at the end */
    str_is("\xc3" "A", 2, 0, "\"\\u00C3A\"");                  /* lead, then ASCII */
    str_is("\xc0\xaf", 2, 0, "\"\\u00C0\\u00AF\"");            /* overlong '/' */
    str_is("\xc1\xbf", 2, 0, "\"\\u00C1\\u00BF\"");
    str_is("\xe0\x80\x80", 3, 0, "\"\\u00E0\\u0080\\u0080\""); /* overlong NUL */
    str_is("\xed\xa0\x80", 3, 0, "\"\\u00ED\\u00A0\\u0080\""); /* a surrogate in UTF-8 */
    str_is("\xf0\x80\x80\x80", 4, 0, "\"\\u00F0\\u0080\\u0080\\u0080\"");
    str_is("\xf4\x90\x80\x80", 4, 0, "\"\\u00F4\\u0090\\u0080\\u0080\""); /* > U+10FFFF */
    str_is("\xf5\x80\x80\x80", 4, 0, "\"\\u00F5\\u0080\\u0080\\u0080\"");
    str_is("\xe2\x82", 2, 0, "\"\\u00E2\\u0082\"");            /* 3-byte form cut short */
    str_is("\xf0\x9f\x98", 3, 0, "\"\\u00F0\\u009F\\u0098\"");
    str_is("\xe2\x82\xe2\x82\xac", 5, 0, "\"\\u00E2\\u0082\\u20AC\"");
    /* a stray byte and the well-formed U+00C3 print alike */
    str_is("\xc3\xc3\x83", 3, 0, "\"\\u00C3\\u00C3\"");
}

static void test_lower(void)
{
    tt_case = "jsonw: lower-casing";
    str_is("SIP:Alice@EXAMPLE.Com", 21, JSONW_LOWER, "\"sip:alice@example.com\"");
    str_is("@[Z]`{", 6, JSONW_LOWER, "\"@[z]`{\"");               /* A-Z only */
    str_is("\xc3\x89" "A\x80", 4, JSONW_LOWER, "\"\\u00C9a\\u0080\""); /* É stays */
    str_is("LONG-ENOUGH-FOR-WORDS\n", 22, JSONW_LOWER, "\"long-enough-for-words\\n\"");
    jsonw w;
    jsonw_init_fixed(&w, buf, sizeof buf);
    jsonw_begin_object(&w);
    jsonw_keyn(&w, "TrAnSpOrT", 9, JSONW_LOWER);
    jsonw_strn(&w, "UDP", 3, 0);
    jsonw_keyn(&w, "Lr", 2, 0);
    jsonw_null(&w);
    jsonw_end_object(&w);
    static const char want[] = "{\"transport\":\"UDP\",\"Lr\":null}";
    expect_text(&w, want, sizeof want - 1, "lower-cased key, other kept");
}

static void test_structure(void)
{
    tt_case = "jsonw: nesting and commas";
    jsonw w;
    jsonw_init_fixed(&w, buf, sizeof buf);
    jsonw_begin_object(&w);
    JSONW_KEY(&w, "a");
    jsonw_begin_array(&w);
    jsonw_int(&w, 1);
    jsonw_int(&w, -2);
    jsonw_begin_object(&w);
    JSONW_KEY(&w, "b");
    jsonw_null(&w);
    jsonw_end_object(&w);
    jsonw_begin_array(&w);
    jsonw_end_array(&w);
    jsonw_str(&w, "s");
    jsonw_end_array(&w);
    JSONW_KEY(&w, "c");
    jsonw_begin_object(&w);
    jsonw_end_object(&w);
    jsonw_key(&w, "d\"q");
    jsonw_bool(&w, 1);
    JSONW_KEY(&w, "e");
    jsonw_bool(&w, 0);
    JSONW_KEY(&w, "f");
    jsonw_begin_array(&w);
    jsonw_begin_array(&w);
    jsonw_begin_array(&w);
    jsonw_end_array(&w);
    jsonw_end_array(&w);
    jsonw_null(&w);
    jsonw_end_array(&w);
    JSONW_KEY(&w, "g");
    jsonw_str_begin(&w);
    jsonw_str_part(&w, "SIP", 3, 0);
    jsonw_str_part(&w, "/", 1, 0);
    jsonw_str_part(&w, "2.0\xc3", 4, 0);
    jsonw_str_end(&w);
    jsonw_end_object(&w);
    static const char want[] = "{\"a\":[1,-2,{\"b\":null},[],\"s\"],\"c\":{},\"d\\\"q\":true,"
                               "\"e\":false,\"f\":[[[]],null],\"g\":\"SIP/2.0\\u00C3\"}";
    expect_text(&w, want, sizeof want - 1, "nested document");

    tt_case = "jsonw: reset";
    jsonw_reset(&w);
    jsonw_begin_array(&w);
    jsonw_int(&w, 7);
    jsonw_end_array(&w);
    expect_text(&w, "[7]", 3, "a second document after reset");

    tt_case = "jsonw: integers";
    jsonw_reset(&w);
    jsonw_begin_array(&w);
    jsonw_int(&w, 0);
    jsonw_int(&w, -1);
    jsonw_int(&w, LLONG_MAX);
    jsonw_int(&w, LLONG_MIN);
    jsonw_uint(&w, 0);
    jsonw_uint(&w, ULLONG_MAX);
    jsonw_uint(&w, 10);
    jsonw_end_array(&w);
    static const char nums[] = "[0,-1,9223372036854775807,-9223372036854775808,0,"
                               "18446744073709551615,10]";
    expect_text(&w, nums, sizeof nums - 1, "limits");

    tt_case = "jsonw: too deep";
    jsonw_reset(&w);
    for (int i = 0; i < JSONW_MAX_DEPTH; i++) jsonw_begin_array(&w);
    EXPECT(!jsonw_failed(&w), "%d levels fit", JSONW_MAX_DEPTH);
    jsonw_begin_array(&w);
    EXPECT(jsonw_failed(&w), "level %d fails", JSONW_MAX_DEPTH + 1);
    jsonw_reset(&w);
    jsonw_end_object(&w);
    EXPECT(jsonw_failed(&w), "closing what was never opened fails");
}

/* A document with every kind of value, to be written into buffers of every size. */
static void sample(jsonw *w)
{
    jsonw_begin_object(w);
    JSONW_KEY(w, "frame");
    jsonw_int(w, 12345);
    jsonw_key(w, "k\n");
    jsonw_strn(w, "plain text long enough", 22, 0);
    JSONW_KEY(w, "x");
    jsonw_strn(w, "a\"\xf0\x9f\x98\x80\xff\n", 9, JSONW_LOWER);
    JSONW_KEY(w, "l");
    jsonw_begin_array(w);
    jsonw_null(w);
    jsonw_bool(w, 0);
    jsonw_uint(w, 99);
    jsonw_end_array(w);
    jsonw_end_object(w);
}

static void test_fixed_sizes(void)
{
    tt_case = "jsonw: fixed buffer of every size";
    jsonw w;
    jsonw_init_growable(&w);
    sample(&w);
    EXPECT(!jsonw_failed(&w), "growable writer");
    size_t full = jsonw_len(&w);
    char *ref = (char *)tt_copy(jsonw_text(&w), full);
    jsonw_free(&w);
    for (size_t cap = 0; cap <= full + 1; cap++) {
        char *b = malloc(cap ? cap : 1); /* exact size: ASan sees a byte past it */
        if (!b) { perror("malloc"); exit(2); }
        jsonw_init_fixed(&w, b, cap);
        sample(&w);
        if (cap < full) {
            EXPECT(jsonw_failed(&w), "%zu bytes of %zu: fails", cap, full);
        } else {
            EXPECT(!jsonw_failed(&w) && jsonw_len(&w) == full && memcmp(b, ref, full) == 0,
                   "%zu bytes of %zu: whole text", cap, full);
        }
        free(b);
    }
    free(ref);
}

/* ---- against jansson ------------------------------------------------------------------ */

/* The bytes as out_json handed them to jansson before the writer: well-formed UTF-8
 * kept, any other byte as the UTF-8 of U+00XX; lower: ASCII A-Z lower-cased. out holds
 * 2 * n bytes. */
static size_t utf8_copy(const unsigned char *p, size_t n, int lower, char *out)
{
    size_t o = 0, i = 0;
    while (i < n) {
        size_t k = utf8_seq_len(p + i, n - i);
        if (k == 1) {
            out[o++] = (char)(lower && p[i] >= 'A' && p[i] <= 'Z' ? p[i] + 32 : p[i]);
        } else if (k > 1) {
            memcpy(out + o, p + i, k);
            o += k;
        } else {
            out[o++] = (char)(0xc0 | (p[i] >> 6));
            out[o++] = (char)(0x80 | (p[i] & 0x3f));
        }
        i += k ? k : 1;
    }
    return o;
}

/* One string: the writer's text against json_dumps of the same string (a member name
 * too, as the only key of an object). */
static void against_jansson(const unsigned char *s, size_t n, int lower, const char *what)
{
    char *conv = malloc(2 * n + 1);
    if (!conv) { perror("malloc"); exit(2); }
    size_t cn = utf8_copy(s, n, lower, conv);
    /* utf8_seq_len and jansson must agree on what is well-formed: the converted
     * bytes pass jansson's check, and bytes jansson accepts are not converted */
    json_t *v = json_stringn(conv, cn);
    EXPECT(v != NULL, "%s: jansson refused the converted string (%zu bytes)", what, n);
    json_t *raw = lower ? NULL : json_stringn((const char *)s, n);
    EXPECT(!raw || (cn == n && memcmp(conv, s, n) == 0),
           "%s: jansson took the bytes as UTF-8, utf8_seq_len did not", what);
    json_decref(raw);
    if (!v) { free(conv); return; }
    const size_t flags = JSON_COMPACT | JSON_ENSURE_ASCII;
    char *want = json_dumps(v, flags | JSON_ENCODE_ANY);
    json_t *o = json_object();
    json_object_setn_new(o, conv, cn, json_null());
    char *want_key = json_dumps(o, flags);

    jsonw w;
    jsonw_init_growable(&w);
    jsonw_strn(&w, (const char *)s, n, lower ? JSONW_LOWER : 0);
    EXPECT(!jsonw_failed(&w) && want && jsonw_len(&w) == strlen(want) &&
               memcmp(jsonw_text(&w), want, jsonw_len(&w)) == 0,
           "%s: string: got [%.*s] want [%s]", what, (int)jsonw_len(&w), jsonw_text(&w),
           want ? want : "(null)");
    jsonw_reset(&w);
    jsonw_begin_object(&w);
    jsonw_keyn(&w, (const char *)s, n, lower ? JSONW_LOWER : 0);
    jsonw_null(&w);
    jsonw_end_object(&w);
    EXPECT(!jsonw_failed(&w) && want_key && jsonw_len(&w) == strlen(want_key) &&
               memcmp(jsonw_text(&w), want_key, jsonw_len(&w)) == 0,
           "%s: key: got [%.*s] want [%s]", what, (int)jsonw_len(&w), jsonw_text(&w),
           want_key ? want_key : "(null)");
    jsonw_free(&w);
    free(want);
    free(want_key);
    json_decref(v);
    json_decref(o);
    free(conv);
}

/* xorshift64*: the same strings on every run. */
static unsigned long long rng_state = 0x9e3779b97f4a7c15ull;
static unsigned rnd(unsigned n)
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return (unsigned)((rng_state * 0x2545f4914f6cdd1dull) >> 33) % n;
}

/* A piece of text: mostly plain ASCII, with controls, quotes, UTF-8 sequences whole or
 * broken, and arbitrary bytes. */
static size_t random_piece(unsigned char *o)
{
    static const char *const seqs[] = {
        "\xc3\xa9", "\xe2\x82\xac", "\xf0\x9f\x98\x80", "\xf4\x8f\xbf\xbf", "\xef\xbf\xbf",
        "\xc2\x80", "\xed\x9f\xbf", "\xed\xa0\x80", "\xc0\xaf", "\xe0\x80\x80", "\xf4\x90\x80\x80",
        "\xc3", "\xe2\x82", "\xf0\x9f\x98", "\x80", "\xff", "\"", "\\", "/", "\x7f",
    };
    unsigned r = rnd(100);
    if (r < 55) {
        o[0] = (unsigned char)(0x20 + rnd(0x5f));
        return 1;
    }
    if (r < 65) {
        o[0] = (unsigned char)rnd(0x20);
        return 1;
    }
    if (r < 85) {
        const char *s = seqs[rnd(sizeof seqs / sizeof seqs[0])];
        size_t n = strlen(s);
        memcpy(o, s, n);
        return n;
    }
    o[0] = (unsigned char)rnd(256);
    return 1;
}

static void test_random_vs_jansson(void)
{
    tt_case = "jsonw: generated strings against jansson";
    unsigned char s[400];
    char what[64];
    for (int t = 0; t < 5000; t++) {
        size_t max = t % 10 == 0 ? 300 : 40, n = 0, want = rnd((unsigned)max + 1);
        while (n < want) n += random_piece(s + n);
        snprintf(what, sizeof what, "string %d", t);
        against_jansson(s, n, t % 3 == 0, what);
    }
    /* Every single byte, and every pair of bytes around 0x80..0xff leads */
    for (unsigned c = 0; c < 256; c++) {
        unsigned char one[1] = { (unsigned char)c };
        snprintf(what, sizeof what, "byte 0x%02x", c);
        against_jansson(one, 1, 0, what);
        for (unsigned d = 0x70; d < 0x100; d += 7) {
            unsigned char two[2] = { (unsigned char)c, (unsigned char)d };
            snprintf(what, sizeof what, "bytes 0x%02x 0x%02x", c, d);
            against_jansson(two, 2, c & 1, what);
        }
    }
}

/* The 8-byte steps of the plain-byte copy: a special byte at every place of strings
 * of every length up to 40, so each length of the last step is met. */
static void test_every_position(void)
{
    tt_case = "jsonw: an escape at every position";
    static const char *const specials[] = { "\n", "\"", "\xc3\xa9", "\xff", "\x01" };
    char what[64];
    for (size_t len = 0; len <= 40; len++) {
        unsigned char s[48];
        for (size_t i = 0; i < len; i++) s[i] = (unsigned char)('a' + i % 26);
        against_jansson(s, len, 0, "all plain");
        for (size_t pos = 0; pos < len; pos++)
            for (size_t k = 0; k < sizeof specials / sizeof specials[0]; k++) {
                unsigned char t[48];
                size_t sl = strlen(specials[k]);
                if (pos + sl > len) continue;
                memcpy(t, s, len);
                memcpy(t + pos, specials[k], sl);
                snprintf(what, sizeof what, "len %zu, special %zu at %zu", len, k, pos);
                against_jansson(t, len, 0, what);
            }
    }
}

void test_jsonw(void)
{
    test_ascii_escapes();
    test_utf8();
    test_lower();
    test_structure();
    test_fixed_sizes();
    test_every_position();
    test_random_vs_jansson();
}
