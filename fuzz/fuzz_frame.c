/* fuzz/fuzz_frame.c: the stream framer against the message parser.
 *
 * Input: byte 0 holds the leniency flags (bits 0-4) and, in bit 7, a small size limit
 * (max_size 512); byte 1 picks where each message is split (byte / 256 of its length);
 * the rest is a stream: messages, keep-alives, garbage.
 *
 * sipparse_frame runs over the stream, consuming PING, PONG and MESSAGE frames. It
 * must agree with sipparse_msg_parse(SIPPARSE_F_STREAM) on the same bytes: the same
 * result code, the same error position, and for a MESSAGE the same length, also when
 * the parser sees exactly the frame's bytes. A prefix of a message cut at the split
 * point must be SIPPARSE_E_AGAIN for both. Any disagreement traps. */
#include <stdlib.h>
#include <string.h>
#include "fuzz_common.h"

typedef struct parsed {
    sipparse_err rc;
    size_t len;            /* m.start + m.len when OK */
    sipparse_error error;
} parsed;

static parsed parse_stream(const char *p, size_t n, unsigned flags, size_t max_size)
{
    /* room for every header the bytes can hold, so E_LIMIT_HEADERS never fires here */
    unsigned cap = (unsigned)(n / 2 + 2);
    if (cap > 0xffff)
        cap = 0xffff;
    sipparse_hdr *hdrs = malloc(cap * sizeof *hdrs);
    CHECK(hdrs != NULL);
    sipparse_msg m;
    sipparse_msg_init(&m, hdrs, cap, flags | SIPPARSE_F_STREAM);
    if (max_size)
        m.max_size = max_size;
    parsed r = { sipparse_msg_parse(&m, p, n), 0, m.error };
    CHECK(r.rc != SIPPARSE_E_LIMIT_HEADERS);
    if (r.rc == SIPPARSE_OK) {
        CHECK(m.trailing == 0);
        r.len = m.start + m.len;
        CHECK(r.len > 0 && r.len <= n);
    }
    free(hdrs);
    return r;
}

/* Frames and parses an exact-size copy of p[0..n). */
static sipparse_err frame_copy(const char *p, size_t n, unsigned flags, size_t max_size,
                               sipparse_frame_info *fi, parsed *pr)
{
    char *c = fz_copy((const uint8_t *)p, n);
    sipparse_error fe;
    memset(&fe, 0, sizeof fe);
    sipparse_err rc = sipparse_frame(c, n, flags, max_size, fi, &fe);
    *pr = parse_stream(c, n, flags, max_size);
    free(c);
    return rc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    unsigned flags = data[0] & SIPPARSE_F_LENIENT;
    size_t max_size = (data[0] & 0x80) ? 512 : 0;
    unsigned split = data[1];
    size -= 2;
    char *buf = fz_copy(data + 2, size);

    size_t pos = 0;
    for (unsigned round = 0; pos < size; round++) {
        CHECK(round <= size);
        const char *p = buf + pos;
        size_t rest = size - pos;
        sipparse_frame_info fi;
        sipparse_error fe;
        memset(&fe, 0, sizeof fe);
        sipparse_err rc = sipparse_frame(p, rest, flags, max_size, &fi, &fe);
        CHECK((unsigned)rc < SIPPARSE_ERR__COUNT && rc != SIPPARSE_END);
        /* the error pointer is optional and changes nothing */
        sipparse_frame_info fi2;
        CHECK(sipparse_frame(p, rest, flags, max_size, &fi2, NULL) == rc);
        CHECK(fi2.kind == fi.kind && fi2.len == fi.len);

        if (rc == SIPPARSE_OK && fi.kind == SIPPARSE_FRAME_PING) {
            CHECK(fi.len == 4 && rest >= 4 && memcmp(p, "\r\n\r\n", 4) == 0);
            pos += fi.len;
            continue;
        }
        if (rc == SIPPARSE_OK && fi.kind == SIPPARSE_FRAME_PONG) {
            CHECK(fi.len == 2 && rest >= 2 && memcmp(p, "\r\n", 2) == 0);
            CHECK(rest < 4 || memcmp(p + 2, "\r\n", 2) != 0);
            pos += fi.len;
            continue;
        }

        parsed pr = parse_stream(p, rest, flags, max_size);
        CHECK(pr.rc == rc);
        if (rc != SIPPARSE_OK) {
            CHECK(fi.kind == 0 && fi.len == 0);
            if (rc != SIPPARSE_E_AGAIN) {
                fz_check_error(&fe, rc, p, p + rest);
                CHECK(fe.at == pr.error.at && fe.offset == pr.error.offset);
                CHECK(fe.line == pr.error.line && fe.col == pr.error.col);
            } else if (p[0] != '\r' && rest > 0) {
                /* an incomplete message stays incomplete in any prefix */
                size_t k = (size_t)split * rest / 256;
                sipparse_frame_info pfi;
                parsed ppr;
                CHECK(frame_copy(p, k, flags, max_size, &pfi, &ppr) == SIPPARSE_E_AGAIN);
                CHECK(ppr.rc == SIPPARSE_E_AGAIN);
            }
            break;
        }

        CHECK(fi.kind == SIPPARSE_FRAME_MESSAGE);
        CHECK(fi.len > 0 && fi.len <= rest);
        CHECK(pr.len == fi.len);
        CHECK(p[0] != '\r');

        /* the message does not depend on the bytes after it */
        sipparse_frame_info efi;
        parsed epr;
        CHECK(frame_copy(p, fi.len, flags, max_size, &efi, &epr) == SIPPARSE_OK);
        CHECK(efi.kind == SIPPARSE_FRAME_MESSAGE && efi.len == fi.len);
        CHECK(epr.rc == SIPPARSE_OK && epr.len == fi.len);

        /* a prefix of it is incomplete, for the framer and the parser alike */
        size_t k = (size_t)split * fi.len / 256;
        sipparse_frame_info pfi;
        parsed ppr;
        CHECK(frame_copy(p, k, flags, max_size, &pfi, &ppr) == SIPPARSE_E_AGAIN);
        CHECK(ppr.rc == SIPPARSE_E_AGAIN);
        CHECK(pfi.kind == 0 && pfi.len == 0);

        pos += fi.len;
    }
    free(buf);
    return 0;
}
