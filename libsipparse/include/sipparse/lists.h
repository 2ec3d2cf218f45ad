/* sipparse/lists.h: token lists and short single values (RFC 3261 §20: option tags,
 * Allow, Accept*, Content-Encoding/-Language/-Disposition, In-Reply-To, Priority,
 * Subject, Organization, Server, User-Agent; RFC 3323 Privacy).
 *
 * Every result is a slice into the caller's value, which must outlive it; nothing is
 * copied or allocated. The _next functions walk a list: each call parses the element
 * at *pos, moves *pos past it and its separator, and returns SIPPARSE_OK; after the
 * last element they return SIPPARSE_END (at once for an empty list where the RFC
 * allows one). Errors are SIPPARSE_E_HEADER_VALUE with err->at on the offending byte
 * and err->rule naming the RFC ABNF rule; err may be NULL. */
#ifndef SIPPARSE_LISTS_H
#define SIPPARSE_LISTS_H
#include "sipparse/slice.h"
#include "sipparse/errors.h"
#include "sipparse/ids.h"

/* One element of a comma list of tokens, tags or media ranges. */
typedef struct sipparse_item {
    sipparse_slice raw;        /* the element, params included, without the LWS and comma around it */
    sipparse_slice value;      /* option-tag (§20.37), Method (§20.5), content-coding (§20.12),
                                  codings (§20.2, "*" included), language-tag (§20.13),
                                  language-range (§20.3), callid (§20.21); Accept: m-type */
    sipparse_slice subtype;    /* Accept only: m-subtype (may be "*"); absent otherwise */
    sipparse_method method_id; /* Allow only: id of a known Method, SIPPARSE_METHOD_OTHER else */
    sipparse_slice params;     /* Accept*: ";q=0.8;level=1", ';' included; absent when none */
    sipparse_slice q;          /* Accept*: accept-param q, a valid qvalue (§25.1); absent when none */
} sipparse_item;

/* Supported (§20.37): [option-tag *(COMMA option-tag)]; an empty value is an empty list. */
SIPPARSE_API sipparse_err sipparse_supported_next(sipparse_slice value, size_t *pos,
                                                  sipparse_item *out, sipparse_error *err);
/* Require (§20.32), Proxy-Require (§20.29), Unsupported (§20.40):
 * option-tag *(COMMA option-tag), at least one. */
SIPPARSE_API sipparse_err sipparse_require_next(sipparse_slice value, size_t *pos,
                                                sipparse_item *out, sipparse_error *err);
/* Allow (§20.5): [Method *(COMMA Method)]; methods are case-sensitive (§7.1). */
SIPPARSE_API sipparse_err sipparse_allow_next(sipparse_slice value, size_t *pos,
                                              sipparse_item *out, sipparse_error *err);
/* Accept (§20.1): [accept-range *(COMMA accept-range)],
 * accept-range = media-range *(SEMI accept-param). */
SIPPARSE_API sipparse_err sipparse_accept_next(sipparse_slice value, size_t *pos,
                                               sipparse_item *out, sipparse_error *err);
/* Accept-Encoding (§20.2): [encoding *(COMMA encoding)],
 * encoding = codings *(SEMI accept-param). */
SIPPARSE_API sipparse_err sipparse_accept_encoding_next(sipparse_slice value, size_t *pos,
                                                        sipparse_item *out, sipparse_error *err);
/* Accept-Language (§20.3): [language *(COMMA language)],
 * language = language-range *(SEMI accept-param). */
SIPPARSE_API sipparse_err sipparse_accept_language_next(sipparse_slice value, size_t *pos,
                                                        sipparse_item *out, sipparse_error *err);
/* Content-Encoding (§20.12): content-coding *(COMMA content-coding), at least one. */
SIPPARSE_API sipparse_err sipparse_content_encoding_next(sipparse_slice value, size_t *pos,
                                                         sipparse_item *out, sipparse_error *err);
/* Content-Language (§20.13): language-tag *(COMMA language-tag), at least one. */
SIPPARSE_API sipparse_err sipparse_content_language_next(sipparse_slice value, size_t *pos,
                                                         sipparse_item *out, sipparse_error *err);
/* In-Reply-To (§20.21): callid *(COMMA callid), at least one. */
SIPPARSE_API sipparse_err sipparse_in_reply_to_next(sipparse_slice value, size_t *pos,
                                                    sipparse_item *out, sipparse_error *err);

/* RFC 3323 §4.2 priv-value, RFC 3325 §9.3 "id", RFC 7044 §7.2 "history". */
typedef enum sipparse_priv {
    SIPPARSE_PRIV_OTHER = 0,   /* any other token */
    SIPPARSE_PRIV_HEADER,
    SIPPARSE_PRIV_SESSION,
    SIPPARSE_PRIV_USER,
    SIPPARSE_PRIV_NONE,
    SIPPARSE_PRIV_CRITICAL,
    SIPPARSE_PRIV_ID,
    SIPPARSE_PRIV_HISTORY,
} sipparse_priv;
typedef struct sipparse_privacy {
    sipparse_slice value;      /* the priv-value as written */
    sipparse_priv id;          /* compared without case (RFC 3261 §7.3.1) */
} sipparse_privacy;
/* Privacy (RFC 3323 §4.2): priv-value *(";" priv-value), at least one. The separator
 * is a bare ';' (no LWS around it), and there is no comma. */
SIPPARSE_API sipparse_err sipparse_privacy_next(sipparse_slice value, size_t *pos,
                                                sipparse_privacy *out, sipparse_error *err);

/* RFC 3261 §20.26 priority-value. */
typedef enum sipparse_prio {
    SIPPARSE_PRIO_OTHER = 0,   /* other-priority: any other token */
    SIPPARSE_PRIO_EMERGENCY,
    SIPPARSE_PRIO_URGENT,
    SIPPARSE_PRIO_NORMAL,
    SIPPARSE_PRIO_NON_URGENT,
} sipparse_prio;
typedef struct sipparse_priority {
    sipparse_slice value;      /* as written */
    sipparse_prio id;          /* compared without case */
} sipparse_priority;
/* Priority (§20.26): priority-value, one token. */
SIPPARSE_API sipparse_err sipparse_priority_parse(sipparse_slice value, sipparse_priority *out,
                                                  sipparse_error *err);

/* RFC 3261 §20.11 disp-type and handling. */
typedef enum sipparse_disp {
    SIPPARSE_DISP_OTHER = 0,   /* disp-extension-token */
    SIPPARSE_DISP_RENDER,
    SIPPARSE_DISP_SESSION,
    SIPPARSE_DISP_ICON,
    SIPPARSE_DISP_ALERT,
} sipparse_disp;
typedef enum sipparse_handling {
    SIPPARSE_HANDLING_ABSENT = 0,  /* no handling param: §20.11 says "required" is the default */
    SIPPARSE_HANDLING_OPTIONAL,
    SIPPARSE_HANDLING_REQUIRED,
    SIPPARSE_HANDLING_OTHER,       /* other-handling: any other token */
} sipparse_handling;
typedef struct sipparse_disposition {
    sipparse_slice type;       /* disp-type as written */
    sipparse_disp type_id;     /* compared without case */
    sipparse_slice handling;   /* the handling-param value; absent when none */
    sipparse_handling handling_id;
    sipparse_slice params;     /* every disp-param, ';' included; absent when none */
} sipparse_disposition;
/* Content-Disposition (§20.11): disp-type *(SEMI disp-param). */
SIPPARSE_API sipparse_err sipparse_disposition_parse(sipparse_slice value,
                                                     sipparse_disposition *out,
                                                     sipparse_error *err);

/* Subject (§20.36) and Organization (§20.25): [TEXT-UTF8-TRIM]. The value is the text
 * itself (folds kept); this only checks it. Empty is valid. */
SIPPARSE_API sipparse_err sipparse_text_trim_parse(sipparse_slice value, sipparse_error *err);

/* RFC 3261 §20.35 server-val = product / comment. */
typedef struct sipparse_server_val {
    sipparse_slice raw;        /* the product or the comment */
    sipparse_slice product;    /* product token; absent for a comment */
    sipparse_slice version;    /* product-version after SLASH; absent when none */
    sipparse_slice comment;    /* the comment with its outer parentheses; absent for a product */
} sipparse_server_val;
/* Server (§20.35) and User-Agent (§20.41): server-val *(LWS server-val), at least one.
 * The elements are separated by LWS, not commas; comments nest (§25.1 comment). */
SIPPARSE_API sipparse_err sipparse_server_next(sipparse_slice value, size_t *pos,
                                               sipparse_server_val *out, sipparse_error *err);

#endif
