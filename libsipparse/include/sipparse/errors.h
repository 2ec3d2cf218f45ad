/* sipparse/errors.h: one table of result codes; names and texts come only from here. */
#ifndef SIPPARSE_ERRORS_H
#define SIPPARSE_ERRORS_H
#include <stddef.h>
#include "sipparse/slice.h"
#include "sipparse/ids.h"

#define SIPPARSE_ERR_MAP(XX)                                                              \
    XX(OK,                  "success")                                                    \
    XX(END,                 "no more values")                                             \
    XX(E_AGAIN,             "incomplete message, more data needed")                       \
    XX(E_EMPTY,             "no message: the input is empty or holds only line ends")     \
    XX(E_START_LINE,        "malformed request line or status line")                      \
    XX(E_VERSION,           "unsupported SIP version (only SIP/2.0)")                     \
    XX(E_LINE_END,          "bare CR or LF where CRLF is required")                       \
    XX(E_HEADER_NAME,       "malformed header name or missing colon")                     \
    XX(E_HEADER_VALUE,      "header value does not match its grammar")                    \
    XX(E_NO_END_OF_HEADERS, "no empty line after the headers")                            \
    XX(E_CONTENT_LENGTH,    "Content-Length is not a number in range")                    \
    XX(E_CL_CONFLICT,       "Content-Length headers disagree")                            \
    XX(E_CL_MISSING,        "Content-Length is required on a stream transport")           \
    XX(E_BODY_TRUNCATED,    "body shorter than Content-Length")                           \
    XX(E_MISSING_HEADER,    "mandatory header missing")                                   \
    XX(E_DUPLICATE_HEADER,  "single-valued header appears more than once")                \
    XX(E_CSEQ_METHOD,       "CSeq method differs from the request method")                \
    XX(E_RANGE,             "number out of range")                                        \
    XX(E_URI,               "malformed URI")                                              \
    XX(E_LIMIT_SIZE,        "message larger than the configured size limit")              \
    XX(E_LIMIT_HEADERS,     "more headers than the header array holds")                   \
    XX(E_LIMIT_LINE,        "line longer than the configured line limit")                 \
    XX(E_BUFFER,            "output buffer too small")

#define SIPPARSE_ERR_ENUM_(name, text) SIPPARSE_##name,
typedef enum sipparse_err { SIPPARSE_ERR_MAP(SIPPARSE_ERR_ENUM_) SIPPARSE_ERR__COUNT } sipparse_err;
#undef SIPPARSE_ERR_ENUM_

/* Where and why something failed. `at` points into the input; offset, line and col
 * are filled by message-level functions (or sipparse_error_locate), counted from the
 * start of the input given to sipparse_msg_parse (leading CRLFs included). line and col
 * are 1-based; col counts bytes. */
typedef struct sipparse_error {
    sipparse_err code;
    const char *at;       /* offending byte, or the end of input; NULL when unknown */
    size_t offset;
    unsigned line, col;
    sipparse_hdr_id hdr;  /* header concerned (OTHER for the start line or framing) */
    int hdr_index;        /* index in sipparse_msg.hdrs, -1 when not a header */
    const char *rule;     /* grammar rule that failed, e.g. "Request-Line", "Via", "SIP-URI" */
    int critical;         /* 1: the message cannot be used (see grammar/headers.def) */
} sipparse_error;

/* "E_URI" for SIPPARSE_E_URI; "?" for values outside the table. Static strings. */
SIPPARSE_API const char *sipparse_errname(sipparse_err e);
/* Human text for e; static string. */
SIPPARSE_API const char *sipparse_strerror(sipparse_err e);
/* Fills err->offset, line and col from err->at, counting from base (len bytes).
 * Leaves them 0 when at is NULL or outside the buffer. */
SIPPARSE_API void sipparse_error_locate(sipparse_error *err, const char *base, size_t len);

#endif
