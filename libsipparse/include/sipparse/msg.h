/* sipparse/msg.h: a SIP message as an index into the caller's bytes. */
#ifndef SIPPARSE_MSG_H
#define SIPPARSE_MSG_H
#include <stdint.h>
#include "sipparse/slice.h"
#include "sipparse/ids.h"
#include "sipparse/errors.h"
#include "sipparse/uri.h"

/* Leniency flags: each accepts one kind of deviation from RFC 3261. When one fires
 * its bit is set in sipparse_msg.warnings. Flags 0 is strict mode. */
enum {
    SIPPARSE_F_ALLOW_LF            = 1u << 0, /* LF-only line ends (RFC 2543 era stacks, RFC 5118 archive) */
    SIPPARSE_F_ALLOW_LEADING_CRLF  = 1u << 1, /* line ends before the start line (RFC 3261 §7.5 SHOULD ignore) */
    SIPPARSE_F_ALLOW_EXTRA_SP      = 1u << 2, /* several SP between, or SP after, start-line elements (RFC 4475 §3.1.2.9-10) */
    SIPPARSE_F_ALLOW_MISSING_EOH   = 1u << 3, /* datagram that ends without the empty line after the headers */
    SIPPARSE_F_ALLOW_ANY_VERSION   = 1u << 4, /* SIP/x.y other than SIP/2.0 (JsSIP accepts any) */
    SIPPARSE_F_LENIENT             = 0x1fu,   /* all of the above */
    /* Not leniency: the bytes come from a stream (TCP, TLS), so the message ends at
     * Content-Length, which is required; a short body is SIPPARSE_E_AGAIN. */
    SIPPARSE_F_STREAM              = 1u << 8,
};

/* Defaults for the limits; a caller may change them in the msg after sipparse_msg_init. */
#define SIPPARSE_DEFAULT_MAX_SIZE (1u << 20)
#define SIPPARSE_DEFAULT_MAX_LINE (1u << 16)

typedef struct sipparse_hdr {
    sipparse_slice name;   /* as written (compact or long, any case) */
    sipparse_slice value;  /* LWS around it removed; folds (CRLF + WSP) stay inside and the
                              typed parsers read them as LWS (RFC 3261 §7.3.1) */
    uint32_t offset;       /* where the header line starts, from the start of the input */
    uint32_t line;         /* 1-based line number, from the start of the input */
    uint16_t id;           /* sipparse_hdr_id */
    uint16_t next;         /* index of the next header with the same id; 0xffff: none */
} sipparse_hdr;

#define SIPPARSE_HDR_NONE 0xffffu

typedef struct sipparse_msg {
    /* Set by sipparse_msg_init; the caller may change the limits before parsing. */
    sipparse_hdr *hdrs;
    unsigned hdr_cap;
    unsigned flags;
    size_t max_size;
    size_t max_line;

    /* Results of sipparse_msg_parse. */
    const char *buf;        /* the input given to parse */
    size_t start;           /* bytes skipped before the start line (leading CRLFs) */
    size_t len;             /* bytes of this message from buf + start through the body */
    size_t trailing;        /* datagram bytes after the body, ignored (RFC 3261 §18.3) */
    int is_request;
    sipparse_method method;
    sipparse_slice method_name;
    sipparse_slice ruri;    /* Request-URI as written */
    sipparse_uri uri;       /* the Request-URI parsed (requests only) */
    sipparse_slice version;
    unsigned status;
    sipparse_slice reason;
    unsigned nhdrs;
    uint16_t first[SIPPARSE_HDR__COUNT]; /* first header of each id, SIPPARSE_HDR_NONE if absent */
    uint16_t last[SIPPARSE_HDR__COUNT];
    int has_content_length;
    uint32_t content_length;
    sipparse_slice body;
    unsigned warnings;      /* SIPPARSE_F_ALLOW_* bits that fired */
    sipparse_error error;   /* the error sipparse_msg_parse returned, with its position */
} sipparse_msg;

/* Prepares m to index up to cap headers into hdrs (both owned by the caller). Sets
 * only the configuration (flags, limits); m may be parsed into many times. */
SIPPARSE_API void sipparse_msg_init(sipparse_msg *m, sipparse_hdr *hdrs, unsigned cap,
                                    unsigned flags);

/* Parses one message from buf (len bytes; not NUL-terminated, never written). On
 * success every slice in m points into buf, which must outlive m. Without
 * SIPPARSE_F_STREAM, buf is one datagram. Returns SIPPARSE_OK or an error, also kept
 * in m->error with offset, line, col and rule. Allocates nothing. */
SIPPARSE_API sipparse_err sipparse_msg_parse(sipparse_msg *m, const char *buf, size_t len);

/* First header with id (NULL if none) and the next one after h with the same id. */
SIPPARSE_API const sipparse_hdr *sipparse_msg_hdr(const sipparse_msg *m, sipparse_hdr_id id);
SIPPARSE_API const sipparse_hdr *sipparse_msg_hdr_next(const sipparse_msg *m,
                                                       const sipparse_hdr *h);
/* First header whose name equals name, ignoring case; for headers without an id. */
SIPPARSE_API const sipparse_hdr *sipparse_msg_hdr_named(const sipparse_msg *m,
                                                        const char *name, size_t len);

/* Long name ("Call-ID"), compact letter ('i', or 0) and id of a header name. */
SIPPARSE_API const char *sipparse_hdr_name(sipparse_hdr_id id);
SIPPARSE_API char sipparse_hdr_compact(sipparse_hdr_id id);
SIPPARSE_API sipparse_hdr_id sipparse_hdr_lookup(const char *name, size_t len);
SIPPARSE_API const char *sipparse_method_str(sipparse_method m);

/* Stream framing (TCP, TLS, SCTP streams). Looks at the bytes at the head of a stream
 * buffer and says what comes first:
 *   SIPPARSE_FRAME_PING: "\r\n\r\n" keep-alive (RFC 5626 §3.5.1), kind_len 4;
 *   SIPPARSE_FRAME_PONG: a lone "\r\n" followed by a message, kind_len 2. A "\r\n" at
 *     the very end of buf may be the first half of a ping: E_AGAIN (at the end of the
 *     stream a caller takes it as a pong);
 *   SIPPARSE_FRAME_MESSAGE: a whole message of len bytes (headers + Content-Length body).
 * Returns SIPPARSE_OK, SIPPARSE_E_AGAIN until the whole message is present, or a framing
 * error in *err (bad Content-Length, no Content-Length, size or line limits). The
 * message length always equals what sipparse_msg_parse with SIPPARSE_F_STREAM finds. */
enum { SIPPARSE_FRAME_MESSAGE = 1, SIPPARSE_FRAME_PING, SIPPARSE_FRAME_PONG };
typedef struct sipparse_frame_info {
    int kind;
    size_t len;
} sipparse_frame_info;
SIPPARSE_API sipparse_err sipparse_frame(const char *buf, size_t len, unsigned flags,
                                         size_t max_size, sipparse_frame_info *out,
                                         sipparse_error *err);

/* Parses every header the library has a grammar for and applies the message rules
 * RFC 3261 states for the grammar (mandatory headers §8.1.1, single-valued headers
 * §7.3.1, CSeq method §8.1.1.5). Each problem is written to errs (up to cap; *n is the
 * total found, which may exceed cap), located in the message. Returns SIPPARSE_OK when
 * nothing critical failed, else the first critical error's code. */
SIPPARSE_API sipparse_err sipparse_msg_check(const sipparse_msg *m, sipparse_error *errs,
                                             size_t cap, size_t *n);

#endif
