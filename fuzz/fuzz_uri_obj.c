/* fuzz/fuzz_uri_obj.c: the URI and name-addr object API (uri.h, nameaddr.h): param and
 * header lookup, escaping, RFC 3261 §19.1.4 comparison and the edit views.
 *
 * Input: byte 0 drives the edits (bits below), then up to four pieces separated by NUL:
 *   A  a URI (FULL context), B  a second URI, C  raw text, D  a host.
 * Properties, each a trap when broken:
 *   - comparison is reflexive, symmetric, and holds between a URI and its own print;
 *   - unescape(escape_X(C)) == C for the user, param and header sets, and every escaped
 *     form is printable ASCII without the characters the set forbids;
 *   - an edit view of A with C and D set through the setters prints a URI that parses
 *     (when every setter accepted its input) and whose getters give back what was set;
 *   - a name-addr edit with C as display name prints a name-addr that parses, and the
 *     display name unquotes to C;
 *   - A parsed as a name-addr prints (sipparse_nameaddr_print) a name-addr that parses
 *     and prints the same again; its edit view with a header param named by D set to C
 *     (then, by bits of the edit byte, deleted or all params cleared) prints a name-addr
 *     that parses, with the param as set (or gone) when the setter accepted it;
 *   - the URI edit's password and header deletion (bits of D's length) keep the print
 *     parseable and the getters truthful;
 *   - a UUID, urn:uuid or +sip.instance value found in C lies inside C and is a UUID.
 * Every output buffer is an exact-size heap block, so ASan sees a write past it. */
#include <stdlib.h>
#include <string.h>
#include "fuzz_common.h"

enum {
    OP_USER = 1, OP_HOST = 2, OP_PORT = 4, OP_PARAM = 8, OP_HEADER = 16, OP_DEL = 32,
    OP_CLEAR = 64, OP_SCHEME = 128,
};

typedef struct piece {
    const char *p;
    size_t n;
} piece;

/* Splits [p, p+n) at NUL bytes into at most max pieces; the last takes the rest. */
static size_t split(const char *p, size_t n, piece *out, size_t max)
{
    size_t k = 0;
    while (k + 1 < max) {
        const char *z = memchr(p, '\0', n);
        if (!z)
            break;
        out[k++] = (piece){ p, (size_t)(z - p) };
        n -= (size_t)(z - p) + 1;
        p = z + 1;
    }
    out[k++] = (piece){ p, n };
    return k;
}

static sipparse_slice sl(const char *p, size_t n) { return (sipparse_slice){ p, n }; }

/* Prints into an exact-size block: the length from a first call into a large buffer,
 * then the same print into n + 1 bytes (must give n) and into n bytes (must refuse). */
static char *print_exact(int (*print)(const void *, char *, size_t), const void *obj, int *len)
{
    static char big[1 << 16];
    int n = print(obj, big, sizeof big);
    *len = n;
    if (n < 0)
        return NULL;
    CHECK((size_t)n < sizeof big && big[n] == '\0');
    char *small = malloc((size_t)n);
    CHECK(print(obj, small, (size_t)n) < 0);
    free(small);
    char *out = malloc((size_t)n + 1);
    CHECK(print(obj, out, (size_t)n + 1) == n);
    CHECK(memcmp(out, big, (size_t)n + 1) == 0);
    return out;
}

static int print_uri_full(const void *u, char *o, size_t c)
{
    return sipparse_uri_print(u, SIPPARSE_PRINT_FULL, o, c);
}
static int print_uri_edit(const void *e, char *o, size_t c) { return sipparse_uri_edit_print(e, o, c); }
static int print_na_edit(const void *e, char *o, size_t c)
{
    return sipparse_nameaddr_edit_print(e, o, c);
}
static int print_na(const void *na, char *o, size_t c) { return sipparse_nameaddr_print(na, o, c); }

static void comparison(const sipparse_uri *a, const char *b, size_t blen)
{
    CHECK(sipparse_uri_equal(a, a) == 1);
    int n;
    char *printed = print_exact(print_uri_full, a, &n);
    if (printed) {
        sipparse_uri again;
        CHECK(sipparse_uri_parse(printed, (size_t)n, SIPPARSE_URI_FULL, &again, NULL) == SIPPARSE_OK);
        CHECK(sipparse_uri_equal(a, &again) == 1 && sipparse_uri_equal(&again, a) == 1);
        free(printed);
    }
    sipparse_uri other;
    if (sipparse_uri_parse(b, blen, SIPPARSE_URI_FULL, &other, NULL) == SIPPARSE_OK)
        CHECK(sipparse_uri_equal(a, &other) == sipparse_uri_equal(&other, a));
}

/* escape then unescape gives the input back; the escaped form holds no byte the set
 * forbids (checked by parsing it where it belongs is the edit's job; here: printable). */
static void escaping(const char *c, size_t n)
{
    int (*const esc[])(sipparse_slice, char *, size_t) = {
        sipparse_escape_user, sipparse_escape_param, sipparse_escape_header,
    };
    size_t cap = 3 * n + 1;
    char *e = malloc(cap), *u = malloc(n + 1);
    for (size_t i = 0; i < sizeof esc / sizeof esc[0]; i++) {
        int len = esc[i](sl(c, n), e, cap);
        CHECK(len >= 0 && (size_t)len < cap && e[len] == '\0');
        for (int k = 0; k < len; k++)
            CHECK(e[k] > ' ' && e[k] < 0x7f);
        if (len > 0)
            CHECK(esc[i](sl(c, n), e, (size_t)len) == SIPPARSE_ESC_E_BUFFER);
        int back = sipparse_unescape(sl(e, (size_t)len), u, n + 1);
        CHECK(back == (int)n && memcmp(u, c, n) == 0);
    }
    /* unescaping raw input: never longer than the input, or an error */
    int r = sipparse_unescape(sl(c, n), u, n + 1);
    CHECK(r == SIPPARSE_ESC_E_INVALID || (r >= 0 && (size_t)r <= n));
    free(e);
    free(u);
}

/* The escaped form of c for the user/param/header set, in a heap block. */
static char *escaped(int (*esc)(sipparse_slice, char *, size_t), const char *c, size_t n,
                     size_t *len)
{
    char *e = malloc(3 * n + 1);
    int k = esc(sl(c, n), e, 3 * n + 1);
    CHECK(k >= 0);
    *len = (size_t)k;
    return e;
}

static void edit(unsigned ops, const sipparse_uri *a, const piece *c, const piece *d)
{
    sipparse_uri_edit e;
    CHECK(sipparse_uri_edit_init(&e, a) == 0);
    int all_ok = 1, port = (int)(c->n * 257 % 70000) - 1;
    size_t ul, pl, hl;
    char *user = escaped(sipparse_escape_user, c->p, c->n, &ul);
    char *pval = escaped(sipparse_escape_param, c->p, c->n, &pl);
    char *hval = escaped(sipparse_escape_header, c->p, c->n, &hl);
    if (ops & OP_SCHEME)
        all_ok &= sipparse_uri_edit_set_scheme(&e, sl("SIPS", 4)) == 0;
    if (ops & OP_USER)
        all_ok &= sipparse_uri_edit_set_user(&e, ul ? sl(user, ul) : SIPPARSE_SLICE_NONE) == 0;
    if (ops & OP_HOST) {
        int rc = sipparse_uri_edit_set_host(&e, sl(d->p, d->n));
        all_ok &= rc == 0;
    }
    if (ops & OP_PORT) {
        int rc = sipparse_uri_edit_set_port(&e, port);
        int sip = e.scheme_id == SIPPARSE_SCHEME_SIP || e.scheme_id == SIPPARSE_SCHEME_SIPS;
        CHECK((rc == 0) == (sip && port >= -1 && port <= 65535));
        all_ok &= rc == 0;
    }
    if (ops & OP_CLEAR) {
        sipparse_uri_edit_clear_params(&e);
        sipparse_uri_edit_clear_headers(&e);
    }
    int param_set = 0, header_set = 0;
    if (ops & OP_PARAM)
        param_set = sipparse_uri_edit_set_param(&e, "x-fz", pl ? sl(pval, pl) : SIPPARSE_SLICE_NONE) == 0;
    if ((ops & OP_HEADER) && hl)
        header_set = sipparse_uri_edit_set_header(&e, "X-Fz", sl(hval, hl)) == 0;
    if (ops & OP_DEL) {
        int rc = sipparse_uri_edit_del_param(&e, "transport");
        CHECK(rc == 0 || rc == SIPPARSE_EDIT_E_FULL);
    }
    if (d->n & 1) {   /* the password: C in the user's escaped form, which it may refuse */
        int rc = sipparse_uri_edit_set_password(&e, ul ? sl(user, ul) : SIPPARSE_SLICE_NONE);
        CHECK(rc == 0 || rc == SIPPARSE_EDIT_E_INVALID);
        all_ok &= rc == 0;
    }
    sipparse_slice v;
    if (header_set && (d->n & 2)) {
        int rc = sipparse_uri_edit_del_header(&e, "x-FZ");
        CHECK(rc == 0 || rc == SIPPARSE_EDIT_E_FULL);
        if (rc == 0) {
            CHECK(sipparse_uri_edit_get_header(&e, "X-Fz", &v) == 0);
            header_set = 0;
        }
    }
    if (param_set) {
        CHECK(sipparse_uri_edit_get_param(&e, "X-FZ", &v) == 1);
        CHECK(pl ? (v.len == pl && memcmp(v.ptr, pval, pl) == 0) : v.ptr == NULL);
    }
    if (header_set)
        CHECK(sipparse_uri_edit_get_header(&e, "x-fz", &v) == 1 && v.len == hl);

    int n;
    char *out = print_exact(print_uri_edit, &e, &n);
    if (out && all_ok && e.scheme_id != SIPPARSE_SCHEME_OTHER) {
        sipparse_uri u;
        CHECK(sipparse_uri_parse(out, (size_t)n, SIPPARSE_URI_FULL, &u, NULL) == SIPPARSE_OK);
        if (param_set) {
            CHECK(sipparse_uri_param(&u, "x-fz", &v) == 1);
            CHECK(pl ? (v.len == pl && memcmp(v.ptr, pval, pl) == 0) : v.ptr == NULL);
        }
        if (ops & OP_PORT)
            CHECK(u.port == port);
        /* printing the parsed print changes nothing that §19.1.4 sees */
        sipparse_uri_edit e2;
        int n2;
        CHECK(sipparse_uri_edit_init(&e2, &u) == 0);
        char *out2 = print_exact(print_uri_edit, &e2, &n2);
        CHECK(out2 != NULL);
        sipparse_uri u2;
        CHECK(sipparse_uri_parse(out2, (size_t)n2, SIPPARSE_URI_FULL, &u2, NULL) == SIPPARSE_OK);
        CHECK(sipparse_uri_equal(&u, &u2) == 1);
        free(out2);
    }
    free(out);
    free(user);
    free(pval);
    free(hval);
}

static void nameaddr_display(const sipparse_uri *a, const piece *c)
{
    sipparse_nameaddr_edit e;
    CHECK(sipparse_nameaddr_edit_init(&e, NULL) == 0);
    CHECK(sipparse_uri_edit_init(&e.uri, a) == 0);
    int rc = sipparse_nameaddr_edit_set_display(&e, c->n ? sl(c->p, c->n) : SIPPARSE_SLICE_NONE);
    /* refused only for CR, LF or bytes that are not UTF-8 (the print below checks the rest) */
    CHECK(rc == 0 || rc == SIPPARSE_EDIT_E_INVALID);
    int n;
    char *out = print_exact(print_na_edit, &e, &n);
    if (out && rc == 0 && a->scheme_id != SIPPARSE_SCHEME_OTHER) {
        sipparse_nameaddr na;
        CHECK(sipparse_nameaddr_parse(out, (size_t)n, &na, NULL) == SIPPARSE_OK);
        char *text = malloc(c->n + 1);
        int k = sipparse_display_unquote(na.display, text, c->n + 1);
        CHECK(k == (int)c->n && memcmp(text, c->p, c->n) == 0);
        free(text);
    }
    free(out);
}

/* D as a C string for the name-taking setters (cut at a NUL that D holds). */
static char *cstr(const piece *d)
{
    char *z = malloc(d->n + 1);
    memcpy(z, d->p, d->n);
    z[d->n] = '\0';
    return z;
}

/* A as a name-addr: printed, parsed again and printed the same; then its edit view
 * with the param D=C set, and deleted or cleared by bits 5 and 6 of the edit byte. */
static void nameaddr_obj(unsigned ops, const piece *a, const piece *c, const piece *d)
{
    sipparse_nameaddr na, again;
    if (sipparse_nameaddr_parse(a->p, a->n, &na, NULL) != SIPPARSE_OK)
        return;
    int n, n2;
    char *out = print_exact(print_na, &na, &n);
    if (out && na.uri.scheme_id != SIPPARSE_SCHEME_OTHER) {
        CHECK(sipparse_nameaddr_parse(out, (size_t)n, &again, NULL) == SIPPARSE_OK);
        char *out2 = print_exact(print_na, &again, &n2);
        CHECK(out2 != NULL && n2 == n && memcmp(out, out2, (size_t)n) == 0);
        CHECK(sipparse_uri_equal(&na.uri, &again.uri) == 1);
        free(out2);
    }
    free(out);

    sipparse_nameaddr_edit e;
    CHECK(sipparse_nameaddr_edit_init(&e, &na) == 0);
    char *name = cstr(d);
    sipparse_slice value = c->n ? sl(c->p, c->n) : SIPPARSE_SLICE_NONE, v;
    int rc = sipparse_nameaddr_edit_set_param(&e, name, value);
    CHECK(rc == 0 || rc == SIPPARSE_EDIT_E_INVALID || rc == SIPPARSE_EDIT_E_FULL);
    int set = rc == 0;
    if (set) {
        CHECK(sipparse_nameaddr_edit_get_param(&e, name, &v) == 1);
        CHECK(c->n ? (v.len == c->n && memcmp(v.ptr, c->p, c->n) == 0) : v.ptr == NULL);
    }
    if (ops & OP_DEL) {
        rc = sipparse_nameaddr_edit_del_param(&e, name);
        CHECK(rc == 0 || rc == SIPPARSE_EDIT_E_FULL);
        if (rc == 0) {
            CHECK(sipparse_nameaddr_edit_get_param(&e, name, &v) == 0);
            set = 0;
        }
    }
    if (ops & OP_CLEAR) {
        sipparse_nameaddr_edit_clear_params(&e);
        CHECK(sipparse_nameaddr_edit_get_param(&e, name, &v) == 0);
        set = 0;
    }
    out = print_exact(print_na_edit, &e, &n);
    if (out && na.uri.scheme_id != SIPPARSE_SCHEME_OTHER) {
        CHECK(sipparse_nameaddr_parse(out, (size_t)n, &again, NULL) == SIPPARSE_OK);
        int found = sipparse_param_get(again.params, name, &v);
        if (set) {
            CHECK(found == 1);
            CHECK(c->n ? (v.len == c->n && memcmp(v.ptr, c->p, c->n) == 0) : v.ptr == NULL);
        } else if (ops & OP_CLEAR) {
            CHECK(!again.params.ptr);
        }
    }
    free(out);
    free(name);
}

/* The RFC 4122 forms (hdr.h): a UUID found lies inside the text and is itself a UUID. */
static void uuids(const char *c, size_t n)
{
    sipparse_slice v = n ? sl(c, n) : SIPPARSE_SLICE_NONE, u;
    sipparse_error e;
    int plain = sipparse_uuid_parse(v, &e) == SIPPARSE_OK;
    CHECK(!plain || n == 36);
    if (sipparse_uuid_urn_parse(v, &u, &e) == SIPPARSE_OK) {
        CHECK(u.ptr >= c && u.ptr + u.len == c + n);
        CHECK(sipparse_uuid_parse(u, NULL) == SIPPARSE_OK);
    }
    if (sipparse_instance_uuid(v, &u, &e) == SIPPARSE_OK) {
        CHECK(u.ptr > c && u.ptr + u.len < c + n);
        CHECK(sipparse_uuid_parse(u, NULL) == SIPPARSE_OK);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    unsigned ops = data[0];
    char *buf = fz_copy(data + 1, size - 1);
    piece pc[4] = { { buf, 0 }, { buf, 0 }, { buf, 0 }, { buf, 0 } };
    split(buf, size - 1, pc, 4);
    escaping(pc[2].p, pc[2].n);
    uuids(pc[2].p, pc[2].n);
    sipparse_uri a;
    if (sipparse_uri_parse(pc[0].p, pc[0].n, SIPPARSE_URI_FULL, &a, NULL) == SIPPARSE_OK) {
        sipparse_slice v;
        (void)sipparse_uri_param(&a, "transport", &v);
        (void)sipparse_uri_header(&a, "subject", &v);
        comparison(&a, pc[1].p, pc[1].n);
        edit(ops, &a, &pc[2], &pc[3]);
        nameaddr_display(&a, &pc[2]);
    }
    nameaddr_obj(ops, &pc[0], &pc[2], &pc[3]);
    free(buf);
    return 0;
}
