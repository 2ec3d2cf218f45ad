/* tests/check_basics.c: the error table, sipparse_error_locate, slice helpers, and the
 * header and method tables (grammar/headers.def, grammar/methods.def). */
#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "suites.h"
#include "util.h"

/* ---- error names and texts ----------------------------------------------------------- */

#define ERR_ROW_(name, text) { SIPPARSE_##name, #name },
static const struct {
    sipparse_err code;
    const char *name;
} err_rows[] = { SIPPARSE_ERR_MAP(ERR_ROW_) };
#undef ERR_ROW_

START_TEST(test_errname)
{
    const char *name = err_rows[_i].name;
    sipparse_err code = err_rows[_i].code;
    ck_assert_msg((int)code == _i, "%s: enum value %d, table position %d", name, (int)code, _i);
    const char *got = sipparse_errname(code);
    ck_assert_msg(got != NULL && strcmp(got, name) == 0, "%s: sipparse_errname gives %s", name,
                  got ? got : "NULL");
    const char *text = sipparse_strerror(code);
    ck_assert_msg(text != NULL && text[0] != '\0', "%s: empty sipparse_strerror", name);
    for (size_t j = 0; j < ARRAY_LEN(err_rows); j++)
        if ((int)j != _i)
            ck_assert_msg(strcmp(sipparse_strerror(err_rows[j].code), text) != 0,
                          "%s: same text as %s", name, err_rows[j].name);
}
END_TEST

START_TEST(test_errname_out_of_range)
{
    ck_assert_int_eq((int)ARRAY_LEN(err_rows), (int)SIPPARSE_ERR__COUNT);
    const char *got = sipparse_errname(SIPPARSE_ERR__COUNT);
    ck_assert_msg(got != NULL && strcmp(got, "?") == 0, "errname(COUNT) gives %s",
                  got ? got : "NULL");
    got = sipparse_errname((sipparse_err)(SIPPARSE_ERR__COUNT + 1000));
    ck_assert_msg(got != NULL && strcmp(got, "?") == 0, "errname(COUNT+1000) gives %s",
                  got ? got : "NULL");
    ck_assert_str_eq(sipparse_errname(SIPPARSE_OK), "OK");
    ck_assert_str_eq(sipparse_errname(SIPPARSE_E_AGAIN), "E_AGAIN");
    ck_assert_str_eq(sipparse_version(), SIPPARSE_VERSION);
}
END_TEST

/* ---- sipparse_error_locate ----------------------------------------------------------- */

/* The buffer is "ab\r\ncd\r\nef" (10 bytes) inside a larger array, so pointers just
 * outside it stay valid C pointers. at_off is relative to the buffer start. */
static const struct {
    const char *name;
    int at_off;         /* -100: at is NULL */
    size_t offset;
    unsigned line, col;
} locate_rows[] = {
    { "first byte", 0, 0, 1, 1 },
    { "second byte", 1, 1, 1, 2 },
    { "the CR", 2, 2, 1, 3 },
    { "the LF", 3, 3, 1, 4 },
    { "line 2 start", 4, 4, 2, 1 },
    { "line 2 col 2", 5, 5, 2, 2 },
    { "line 3 start", 8, 8, 3, 1 },
    { "last byte", 9, 9, 3, 2 },
    { "end of input", 10, 10, 3, 3 },
    { "past the end", 12, 0, 0, 0 },
    { "before the start", -2, 0, 0, 0 },
    { "NULL", -100, 0, 0, 0 },
};

START_TEST(test_error_locate)
{
    static const char backing[] = "XYab\r\ncd\r\nefXYZ";
    const char *base = backing + 2;
    const size_t len = 10;
    sipparse_error e;
    memset(&e, 0, sizeof e);
    e.offset = 99;
    e.line = 99;
    e.col = 99;
    e.at = locate_rows[_i].at_off == -100 ? NULL : base + locate_rows[_i].at_off;
    sipparse_error_locate(&e, base, len);
    ck_assert_msg(e.offset == locate_rows[_i].offset && e.line == locate_rows[_i].line &&
                      e.col == locate_rows[_i].col,
                  "%s: got offset %zu %u:%u, expected %zu %u:%u", locate_rows[_i].name, e.offset,
                  e.line, e.col, locate_rows[_i].offset, locate_rows[_i].line, locate_rows[_i].col);
}
END_TEST

/* ---- slices ---------------------------------------------------------------------------- */

START_TEST(test_slice_eq)
{
    guard_buf g1 = { 0 }, g2 = { 0 };
    sipparse_slice a = { guard_str(&g1, "abc"), 3 };
    sipparse_slice b = { guard_str(&g2, "abc"), 3 };
    ck_assert_msg(sipparse_slice_eq(a, b) == 1, "equal bytes in two buffers");
    ck_assert_msg(sipparse_slice_eq(SIPPARSE_SLICE_NONE, SIPPARSE_SLICE_NONE) == 1,
                  "two absent slices");
    sipparse_slice ab = { a.ptr, 2 };
    ck_assert_msg(sipparse_slice_eq(a, ab) == 0, "abc vs ab");
    ck_assert_msg(sipparse_slice_eq(ab, a) == 0, "ab vs abc");
    sipparse_slice bc = { a.ptr + 1, 2 }, bb = { b.ptr, 2 };
    ck_assert_msg(sipparse_slice_eq(bc, bb) == 0, "bc vs ab");
    ck_assert_msg(sipparse_slice_eq(a, SIPPARSE_SLICE_NONE) == 0, "abc vs absent");
    ck_assert_msg(sipparse_slice_isset(a) && !sipparse_slice_isset(SIPPARSE_SLICE_NONE),
                  "isset");
    guard_free(&g1);
    guard_free(&g2);
}
END_TEST

static const struct {
    const char *s, *lit;
    int eq;
} eq_ci_rows[] = {
    { "Via", "via", 1 },        { "VIA", "via", 1 },     { "via", "VIA", 1 },
    { "Call-ID", "call-id", 1 }, { "Vias", "via", 0 },   { "Vi", "via", 0 },
    { "", "", 1 },              { "a", "", 0 },          { "", "a", 0 },
    /* Bytes that differ by 0x20 but are not letters must not compare equal. */
    { "[", "{", 0 },            { "@", "`", 0 },         { "^", "~", 0 },
    { "a-b", "A-B", 1 },        { "a_b", "A-B", 0 },     { "1", "\x11", 0 },
};

START_TEST(test_slice_eq_ci)
{
    guard_buf g = { 0 };
    sipparse_slice s = { guard_str(&g, eq_ci_rows[_i].s), strlen(eq_ci_rows[_i].s) };
    int got = sipparse_slice_eq_ci(s, eq_ci_rows[_i].lit);
    ck_assert_msg(got == eq_ci_rows[_i].eq, "'%s' vs '%s': got %d", eq_ci_rows[_i].s,
                  eq_ci_rows[_i].lit, got);
    guard_free(&g);
}
END_TEST

static const struct {
    const char *s;
    unsigned long long max;
    int rc;
    unsigned long long val;
} u64_rows[] = {
    { "0", 10, 0, 0 },
    { "10", 10, 0, 10 },
    { "11", 10, -1, 0 },
    { "007", 10, 0, 7 },
    { "", 10, -1, 0 },
    { "-1", 10, -1, 0 },
    { "+1", 10, -1, 0 },
    { " 1", 10, -1, 0 },
    { "1 ", 10, -1, 0 },
    { "1a", 10, -1, 0 },
    { "4294967295", 4294967295ull, 0, 4294967295ull },
    { "4294967296", 4294967295ull, -1, 0 },
    { "18446744073709551615", ULLONG_MAX, 0, ULLONG_MAX },
    { "18446744073709551616", ULLONG_MAX, -1, 0 },
    { "99999999999999999999", ULLONG_MAX, -1, 0 },
    { "000000000000000000000000000001", ULLONG_MAX, 0, 1 },
};

START_TEST(test_slice_to_u64)
{
    guard_buf g = { 0 };
    sipparse_slice s = { guard_str(&g, u64_rows[_i].s), strlen(u64_rows[_i].s) };
    unsigned long long v = 12345;
    int rc = sipparse_slice_to_u64(s, u64_rows[_i].max, &v);
    ck_assert_msg(rc == u64_rows[_i].rc, "'%s' max %llu: rc %d", u64_rows[_i].s,
                  u64_rows[_i].max, rc);
    if (rc == 0)
        ck_assert_msg(v == u64_rows[_i].val, "'%s': value %llu", u64_rows[_i].s, v);
    guard_free(&g);
}
END_TEST

/* ---- header table ---------------------------------------------------------------------- */

/* Row n (1-based) of grammar/headers.def: long name and compact letter (0 when none).
 * Returns the number of H() rows, so n 0 only counts. */
static unsigned def_header(unsigned n, char *name, size_t cap, char *compact)
{
    size_t len;
    char *text = read_file(src_path("grammar/headers.def"), &len);
    ck_assert_msg(text != NULL, "cannot read grammar/headers.def (run from the repository root)");
    unsigned k = 0;
    for (char *line = strtok(text, "\n"); line != NULL; line = strtok(NULL, "\n")) {
        if (strncmp(line, "H(", 2) != 0)
            continue;
        k++;
        if (k != n)
            continue;
        char *q1 = strchr(line, '"');
        char *q2 = q1 ? strchr(q1 + 1, '"') : NULL;
        ck_assert_msg(q1 && q2 && (size_t)(q2 - q1) < cap, "headers.def row %u unreadable", n);
        memcpy(name, q1 + 1, (size_t)(q2 - q1 - 1));
        name[q2 - q1 - 1] = '\0';
        char *c = strchr(q2, ',');
        ck_assert_msg(c != NULL, "headers.def row %u: no compact column", n);
        c++;
        while (*c == ' ')
            c++;
        *compact = (c[0] == '\'') ? c[1] : 0;
    }
    free(text);
    return k;
}

static sipparse_hdr_id lookup_guarded(const char *name)
{
    guard_buf g = { 0 };
    const char *p = guard_str(&g, name);
    sipparse_hdr_id id = sipparse_hdr_lookup(p, strlen(name));
    guard_free(&g);
    return id;
}

START_TEST(test_header_table_size)
{
    char name[64], c;
    unsigned n = def_header(0, name, sizeof name, &c);
    ck_assert_msg(n == SIPPARSE_HDR__COUNT - 1, "headers.def has %u rows, the enum %d ids", n,
                  (int)SIPPARSE_HDR__COUNT - 1);
}
END_TEST

/* Loop index i: header id i + 1, row i + 1 of headers.def. */
START_TEST(test_header_table_row)
{
    sipparse_hdr_id id = (sipparse_hdr_id)(_i + 1);
    char name[64], compact = 0;
    def_header((unsigned)_i + 1, name, sizeof name, &compact);
    const char *got = sipparse_hdr_name(id);
    ck_assert_msg(got != NULL && strcmp(got, name) == 0, "%s: sipparse_hdr_name gives %s", name,
                  got ? got : "NULL");
    ck_assert_msg(sipparse_hdr_compact(id) == compact, "%s: compact '%c', expected '%c'", name,
                  sipparse_hdr_compact(id) ? sipparse_hdr_compact(id) : '0',
                  compact ? compact : '0');
    char lower[64], upper[64];
    for (size_t k = 0; k <= strlen(name); k++) {
        lower[k] = (char)tolower((unsigned char)name[k]);
        upper[k] = (char)toupper((unsigned char)name[k]);
    }
    ck_assert_msg(lookup_guarded(name) == id, "%s: lookup of the long name", name);
    ck_assert_msg(lookup_guarded(lower) == id, "%s: lookup of '%s'", name, lower);
    ck_assert_msg(lookup_guarded(upper) == id, "%s: lookup of '%s'", name, upper);
    /* A prefix or an extension of the name is another header (prefix trap); "T" is
     * To's compact form, so one-letter prefixes are left to the compact test. */
    size_t n = strlen(name);
    if (n > 2) {
        char shorter[64];
        memcpy(shorter, name, n - 1);
        shorter[n - 1] = '\0';
        ck_assert_msg(lookup_guarded(shorter) != id, "%s: '%s' looked up as it", name, shorter);
    }
    char longer[80];
    snprintf(longer, sizeof longer, "%sx", name);
    ck_assert_msg(lookup_guarded(longer) == SIPPARSE_HDR_OTHER, "%s: '%s' is not OTHER", name,
                  longer);
    if (compact) {
        char c1[2] = { (char)tolower((unsigned char)compact), 0 };
        char c2[2] = { (char)toupper((unsigned char)compact), 0 };
        ck_assert_msg(lookup_guarded(c1) == id, "%s: lookup of compact '%s'", name, c1);
        ck_assert_msg(lookup_guarded(c2) == id, "%s: lookup of compact '%s'", name, c2);
    }
}
END_TEST

/* The compact forms as the RFCs assign them, typed here independently of headers.def
 * so that a wrong letter in the table is caught: RFC 3261 §7.3.3 (c e f i k l m s t v),
 * RFC 3841 (a d j), RFC 3892 (b), RFC 4474/8224 (n y), RFC 6665 (o u), RFC 3515 (r),
 * RFC 4028 (x). */
static const struct {
    char letter;
    sipparse_hdr_id id;
} compact_rows[] = {
    { 'a', SIPPARSE_HDR_ACCEPT_CONTACT },   { 'b', SIPPARSE_HDR_REFERRED_BY },
    { 'c', SIPPARSE_HDR_CONTENT_TYPE },     { 'd', SIPPARSE_HDR_REQUEST_DISPOSITION },
    { 'e', SIPPARSE_HDR_CONTENT_ENCODING }, { 'f', SIPPARSE_HDR_FROM },
    { 'i', SIPPARSE_HDR_CALL_ID },          { 'j', SIPPARSE_HDR_REJECT_CONTACT },
    { 'k', SIPPARSE_HDR_SUPPORTED },        { 'l', SIPPARSE_HDR_CONTENT_LENGTH },
    { 'm', SIPPARSE_HDR_CONTACT },          { 'n', SIPPARSE_HDR_IDENTITY_INFO },
    { 'o', SIPPARSE_HDR_EVENT },            { 'r', SIPPARSE_HDR_REFER_TO },
    { 's', SIPPARSE_HDR_SUBJECT },          { 't', SIPPARSE_HDR_TO },
    { 'u', SIPPARSE_HDR_ALLOW_EVENTS },     { 'v', SIPPARSE_HDR_VIA },
    { 'x', SIPPARSE_HDR_SESSION_EXPIRES },  { 'y', SIPPARSE_HDR_IDENTITY },
    /* Letters no RFC assigns. */
    { 'g', SIPPARSE_HDR_OTHER },            { 'h', SIPPARSE_HDR_OTHER },
    { 'p', SIPPARSE_HDR_OTHER },            { 'q', SIPPARSE_HDR_OTHER },
    { 'w', SIPPARSE_HDR_OTHER },            { 'z', SIPPARSE_HDR_OTHER },
};

START_TEST(test_compact_forms)
{
    char name[2] = { compact_rows[_i].letter, 0 };
    sipparse_hdr_id want = compact_rows[_i].id;
    sipparse_hdr_id got = lookup_guarded(name);
    ck_assert_msg(got == want, "compact '%s': id %d (%s), expected %d (%s)", name, (int)got,
                  hdr_str(got), (int)want, hdr_str(want));
    if (want != SIPPARSE_HDR_OTHER)
        ck_assert_msg(sipparse_hdr_compact(want) == compact_rows[_i].letter,
                      "compact '%s': sipparse_hdr_compact(%s) is '%c'", name, hdr_str(want),
                      sipparse_hdr_compact(want) ? sipparse_hdr_compact(want) : '0');
}
END_TEST

static const char *const not_headers[] = {
    "X-Custom", "Contacts", "Contac", "C%6Fntact", "Call_ID", "CallID", "Via2", "Tox",
    "Content-Length-X", "X-Content-Length", "From:", "", "ll", "vv", "Max-Forwards-",
};

START_TEST(test_lookup_other)
{
    sipparse_hdr_id got = lookup_guarded(not_headers[_i]);
    ck_assert_msg(got == SIPPARSE_HDR_OTHER, "'%s' looked up as %s", not_headers[_i],
                  hdr_str(got));
}
END_TEST

/* ---- methods --------------------------------------------------------------------------- */


START_TEST(test_method_str)
{
    ck_assert_msg((int)method_table_len == (int)SIPPARSE_METHOD__COUNT - 1,
                  "%s: the table has %d methods, the enum %d", method_table[_i].name,
                  (int)method_table_len, (int)SIPPARSE_METHOD__COUNT - 1);
    const char *got = sipparse_method_str(method_table[_i].id);
    ck_assert_msg(got != NULL && strcmp(got, method_table[_i].name) == 0,
                  "%s: sipparse_method_str gives %s", method_table[_i].name, got ? got : "NULL");
}
END_TEST

Suite *basics_suite(void)
{
    Suite *s = suite_create("basics");
    TCase *tc = tcase_create("errors");
    tcase_add_loop_test(tc, test_errname, 0, (int)ARRAY_LEN(err_rows));
    tcase_add_test(tc, test_errname_out_of_range);
    tcase_add_loop_test(tc, test_error_locate, 0, (int)ARRAY_LEN(locate_rows));
    suite_add_tcase(s, tc);

    tc = tcase_create("slices");
    tcase_add_test(tc, test_slice_eq);
    tcase_add_loop_test(tc, test_slice_eq_ci, 0, (int)ARRAY_LEN(eq_ci_rows));
    tcase_add_loop_test(tc, test_slice_to_u64, 0, (int)ARRAY_LEN(u64_rows));
    suite_add_tcase(s, tc);

    tc = tcase_create("tables");
    tcase_add_test(tc, test_header_table_size);
    tcase_add_loop_test(tc, test_header_table_row, 0, (int)SIPPARSE_HDR__COUNT - 1);
    tcase_add_loop_test(tc, test_compact_forms, 0, (int)ARRAY_LEN(compact_rows));
    tcase_add_loop_test(tc, test_lookup_other, 0, (int)ARRAY_LEN(not_headers));
    tcase_add_loop_test(tc, test_method_str, 0, (int)method_table_len);
    suite_add_tcase(s, tc);
    return s;
}
