/* frame.c: where the next message on a stream ends (RFC 3261 §18.3, RFC 5626 §3.5.1). */
#include "grammar.h"
#include "msg_int.h"

sipparse_err sipparse_frame(const char *buf, size_t len, unsigned flags, size_t max_size,
                            sipparse_frame_info *out, sipparse_error *err)
{
    out->kind = 0;
    out->len = 0;
    /* Keep-alives: "\r\n\r\n" is a ping, a lone "\r\n" a pong. Until the byte after a
     * CRLF is there, the two cannot be told apart: E_AGAIN, so that the answer never
     * depends on where the stream was cut. */
    if (len >= 1 && buf[0] == '\r') {
        if (len < 2)
            return SIPPARSE_E_AGAIN;
        if (buf[1] == '\n') {
            if (len >= 4 && buf[2] == '\r' && buf[3] == '\n') {
                out->kind = SIPPARSE_FRAME_PING;
                out->len = 4;
                return SIPPARSE_OK;
            }
            if (len == 2 || (len == 3 && buf[2] == '\r'))
                return SIPPARSE_E_AGAIN;
            out->kind = SIPPARSE_FRAME_PONG;
            out->len = 2;
            return SIPPARSE_OK;
        }
    }
    sipparse_msg m;
    sipparse_msg_init(&m, NULL, 0, flags | SIPPARSE_F_STREAM);
    if (max_size)
        m.max_size = max_size;
    sipparse_err e = sp_msg_scan(&m, buf, len, 0);
    if (e == SIPPARSE_OK) {
        out->kind = SIPPARSE_FRAME_MESSAGE;
        out->len = m.start + m.len;
    } else if (err) {
        *err = m.error;
    }
    return e;
}
