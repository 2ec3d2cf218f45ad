/* sipparse/sanity.h: validation of a parsed message: JsSIP's sanityCheck rules and the
 * RFC 3261 (and extension) rules a careful user agent or proxy applies. Each finding
 * names its rule, the RFC section, a severity and the reply the rule implies. */
#ifndef SIPPARSE_SANITY_H
#define SIPPARSE_SANITY_H
#include "sipparse/msg.h"

typedef enum sipparse_severity {
    SIPPARSE_SEV_ERROR = 0,    /* the message must not be processed as it is */
    SIPPARSE_SEV_WARNING,      /* legal or tolerated, but worth a look */
} sipparse_severity;

/* sipparse_rule.reply and sipparse_finding.reply: a status code to answer a request
 * with, or one of these. */
enum {
    SIPPARSE_REPLY_DROP = 0,   /* discard without answering (always so for responses) */
    SIPPARSE_REPLY_NONE = -1,  /* nothing implied: process the message normally */
};

typedef struct sipparse_rule {
    const char *id;            /* "rfc3261_8_2_2_1": JsSIP's name where JsSIP has the rule */
    const char *section;       /* "RFC 3261 §8.2.2.1" */
    sipparse_severity severity;
    int reply;                 /* what a request breaking it gets; responses are dropped */
    int jssip;                 /* 1: one of JsSIP's sanityCheck rules */
    const char *summary;       /* one line, for --list-rules */
} sipparse_rule;

typedef struct sipparse_finding {
    const sipparse_rule *rule;
    int reply;                 /* for this message: rule->reply, or DROP for a response */
    const char *at;            /* the offending bytes, inside the message */
    size_t offset;             /* at - buf, counted from the start of the parsed input */
    unsigned line, col;        /* 1-based */
    sipparse_hdr_id hdr;       /* the header concerned, or SIPPARSE_HDR_OTHER */
    int hdr_index;             /* its index in msg->hdrs, or -1 */
    const char *detail;        /* what exactly was wrong (static text) */
} sipparse_finding;

/* Who judges the message. Some rules bind only the element a message is addressed to: a
 * response with two Via values is normal between proxies and wrong only at the UAC
 * (RFC 3261 §8.1.3.3). */
typedef enum sipparse_role {
    SIPPARSE_ROLE_ANY = 0,     /* a bystander (a capture, CI): rules about the message itself */
    SIPPARSE_ROLE_UA,          /* the user agent it was sent to */
    SIPPARSE_ROLE_PROXY,       /* a proxy on its path */
} sipparse_role;

/* What the caller knows that the message does not say. Zeroed, every optional check
 * that needs it is skipped; a NULL context is the zeroed one. */
typedef struct sipparse_sanity_ctx {
    /* Request-URI schemes this element serves (bits 1 << SIPPARSE_SCHEME_*); 0: sip and
     * sips. Others get 416 (RFC 3261 §8.2.2.1). */
    unsigned schemes;
    /* JsSIP's loop check (rfc3261_16_3_4): the prefix this element puts in every Call-ID
     * it creates; a request without To tag that carries it came back to us: 482. */
    const char *local_id;
    size_t local_id_len;
    /* rfc3261_8_2_2_2 (merged requests): asked only for requests without To tag. Returns
     * 0 when the request is new, 1 when it retransmits a known transaction (drop), 2
     * when it matches another transaction's From tag, Call-ID and CSeq (482). */
    int (*transaction)(void *user, const sipparse_msg *m);
    void *user;
    /* Option tags this element supports (Require: 420); NULL: not checked. */
    const char *const *extensions;
    size_t n_extensions;
    /* Body types this element understands (415) and can answer with (Accept: 406);
     * NULL: not checked. Each is "type/subtype", compared case-insensitively. */
    const char *const *content_types;
    size_t n_content_types;
    sipparse_role role;
} sipparse_sanity_ctx;

/* Runs every rule on a message sipparse_msg_parse accepted (the grammar of each header
 * included, through sipparse_msg_check). Writes up to cap findings to out, in message
 * order per rule, and returns how many there were in all. */
SIPPARSE_API size_t sipparse_sanity_check(const sipparse_msg *m, const sipparse_sanity_ctx *ctx,
                                          sipparse_finding *out, size_t cap);

/* The one finding for a message sipparse_msg_parse refused with rc (len: the length
 * given to it): the reply the failure implies (400 for a malformed request, 505 for
 * another SIP version, drop for a response), so that a broken message reports its parse
 * error and nothing else. */
SIPPARSE_API void sipparse_sanity_parse_error(const sipparse_msg *m, size_t len, sipparse_err rc,
                                              sipparse_finding *out);

/* The rules table, in the order the checks run. */
SIPPARSE_API const sipparse_rule *sipparse_sanity_rules(size_t *n);

#endif
