/* sipparse/events.h: event, dialog and timer headers: Event, Allow-Events,
 * Subscription-State (RFC 6665), Reason (RFC 3326), Session-Expires, Min-SE (RFC 4028),
 * Replaces (RFC 3891), Refer-To (RFC 3515), Referred-By (RFC 3892), RAck, RSeq
 * (RFC 3262), Retry-After and Timestamp (RFC 3261 §20.33, §20.38).
 *
 * Each function takes the value slice of a sipparse_hdr and fills a caller-owned struct
 * whose slices point into that value (valid as long as the caller's buffer is). `err` may
 * be NULL. Errors: SIPPARSE_E_HEADER_VALUE (or SIPPARSE_E_RANGE for a number too large)
 * with err->at on the offending byte and err->rule the RFC ABNF rule that failed.
 * A param with its own syntax (cause, refresher, to-tag, ...) whose value does not
 * follow it is an error, not a generic-param. A repeated param: the last one is kept.
 * Numbers are delta-seconds or sequence numbers and must fit 32 bits; an optional number
 * is an int64_t that is -1 when absent. */
#ifndef SIPPARSE_EVENTS_H
#define SIPPARSE_EVENTS_H
#include <stdint.h>
#include "sipparse/slice.h"
#include "sipparse/errors.h"
#include "sipparse/nameaddr.h"

/* RFC 6665 §8.4: Event = event-type *( SEMI event-param );
 * event-type = event-package *( "." event-template ), both token-nodot. */
typedef struct sipparse_event {
    sipparse_slice type;      /* the whole event-type as written: "presence.winfo" */
    sipparse_slice package;   /* event-package: "presence" */
    sipparse_slice templates; /* what follows the first '.': "winfo"; absent when none */
    sipparse_slice id;        /* "id" EQUAL token (RFC 6665 §8.2.1); absent when none */
    sipparse_slice params;    /* every event-param, ';' included; absent when none */
} sipparse_event;
SIPPARSE_API sipparse_err sipparse_event_parse(sipparse_slice value, sipparse_event *out,
                                               sipparse_error *err);

/* RFC 6665 §8.4: Allow-Events = event-type *( COMMA event-type ). A comma list: parses
 * the event-type at *pos into out (id and params absent) and moves *pos past it and its
 * comma. SIPPARSE_OK, SIPPARSE_END when nothing is left, or an error (an empty header
 * is an error: at least one event-type). */
SIPPARSE_API sipparse_err sipparse_allow_events_next(sipparse_slice value, size_t *pos,
                                                     sipparse_event *out, sipparse_error *err);

/* RFC 6665 §8.4 substate-value */
typedef enum sipparse_substate {
    SIPPARSE_SUBSTATE_OTHER = 0,  /* extension-substate (any other token) */
    SIPPARSE_SUBSTATE_ACTIVE,
    SIPPARSE_SUBSTATE_PENDING,
    SIPPARSE_SUBSTATE_TERMINATED
} sipparse_substate;

/* RFC 6665 §8.4 event-reason-value (the meanings are in §4.2.2) */
typedef enum sipparse_event_reason {
    SIPPARSE_EVENT_REASON_NONE = 0,   /* no reason param */
    SIPPARSE_EVENT_REASON_OTHER,      /* event-reason-extension (any other token) */
    SIPPARSE_EVENT_REASON_DEACTIVATED,
    SIPPARSE_EVENT_REASON_PROBATION,
    SIPPARSE_EVENT_REASON_REJECTED,
    SIPPARSE_EVENT_REASON_TIMEOUT,
    SIPPARSE_EVENT_REASON_GIVEUP,
    SIPPARSE_EVENT_REASON_NORESOURCE,
    SIPPARSE_EVENT_REASON_INVARIANT
} sipparse_event_reason;

/* RFC 6665 §8.4: Subscription-State = substate-value *( SEMI subexp-params ). The
 * keywords are case-insensitive (RFC 5234 §2.3); the slices keep the input's case. */
typedef struct sipparse_substate_hdr {
    sipparse_slice state;            /* substate-value as written */
    sipparse_substate state_id;
    sipparse_slice reason;           /* "reason" EQUAL event-reason-value; absent when none */
    sipparse_event_reason reason_id;
    int64_t expires;                 /* "expires" EQUAL delta-seconds; -1 when absent */
    int64_t retry_after;             /* "retry-after" EQUAL delta-seconds; -1 when absent */
    sipparse_slice params;           /* every subexp-param, ';' included; absent when none */
} sipparse_substate_hdr;
SIPPARSE_API sipparse_err sipparse_substate_parse(sipparse_slice value,
                                                  sipparse_substate_hdr *out,
                                                  sipparse_error *err);

/* RFC 3326 §2 protocol */
typedef enum sipparse_reason_proto {
    SIPPARSE_REASON_PROTO_OTHER = 0,  /* any other token */
    SIPPARSE_REASON_PROTO_SIP,        /* "SIP": cause is a SIP status code */
    SIPPARSE_REASON_PROTO_Q850        /* "Q.850": cause is an ITU-T Q.850 cause value */
} sipparse_reason_proto;

/* RFC 3326 §2: Reason = reason-value *( COMMA reason-value );
 * reason-value = protocol *( SEMI reason-params ). */
typedef struct sipparse_reason {
    sipparse_slice raw;              /* this reason-value, without the separating comma */
    sipparse_slice protocol;         /* as written */
    sipparse_reason_proto protocol_id;
    int64_t cause;                   /* "cause" EQUAL 1*DIGIT; -1 when absent */
    sipparse_slice text;             /* "text" EQUAL quoted-string, quotes kept (unquote
                                        with sipparse_display_unquote); absent when none */
    sipparse_slice params;           /* every reason-param, ';' included; absent when none */
} sipparse_reason;
/* A comma list, as sipparse_allow_events_next. */
SIPPARSE_API sipparse_err sipparse_reason_next(sipparse_slice value, size_t *pos,
                                               sipparse_reason *out, sipparse_error *err);

/* RFC 4028 §4 refresher-param */
typedef enum sipparse_refresher {
    SIPPARSE_REFRESHER_NONE = 0,
    SIPPARSE_REFRESHER_UAC,
    SIPPARSE_REFRESHER_UAS
} sipparse_refresher;

/* RFC 4028 §4: Session-Expires = delta-seconds *( SEMI se-params ),
 * se-params = refresher-param / generic-param; Min-SE = delta-seconds *( SEMI
 * generic-param ). */
typedef struct sipparse_session_expires {
    uint32_t delta;                  /* delta-seconds */
    sipparse_slice refresher;        /* "uac" / "uas" as written; absent when none */
    sipparse_refresher refresher_id;
    sipparse_slice params;           /* every param, ';' included; absent when none */
} sipparse_session_expires;
SIPPARSE_API sipparse_err sipparse_session_expires_parse(sipparse_slice value,
                                                         sipparse_session_expires *out,
                                                         sipparse_error *err);
/* Min-SE has no refresher of its own: a "refresher" param there is a generic-param and
 * out->refresher stays absent. */
SIPPARSE_API sipparse_err sipparse_min_se_parse(sipparse_slice value,
                                                sipparse_session_expires *out,
                                                sipparse_error *err);

/* RFC 3891 §6.1: Replaces = callid *( SEMI replaces-param );
 * replaces-param = to-tag / from-tag / early-flag / generic-param. */
typedef struct sipparse_replaces {
    sipparse_slice call_id;          /* callid = word [ "@" word ] */
    sipparse_slice to_tag;           /* "to-tag" EQUAL token; absent when none */
    sipparse_slice from_tag;         /* "from-tag" EQUAL token; absent when none */
    int early_only;                  /* 1 when "early-only" is there */
    sipparse_slice params;           /* every replaces-param, ';' included; absent when none */
} sipparse_replaces;
SIPPARSE_API sipparse_err sipparse_replaces_parse(sipparse_slice value, sipparse_replaces *out,
                                                  sipparse_error *err);

/* RFC 3515 §2.1: Refer-To = ( name-addr / addr-spec ) *( SEMI generic-param ).
 * The same value as sipparse_nameaddr_parse (any URI scheme; without <>, params after
 * the URI are header params). */
SIPPARSE_API sipparse_err sipparse_refer_to_parse(sipparse_slice value, sipparse_nameaddr *out,
                                                  sipparse_error *err);

/* RFC 3892 §3: Referred-By = referrer-uri *( SEMI ( referredby-id-param / generic-param ) );
 * referredby-id-param = "cid" EQUAL sip-clean-msg-id. */
typedef struct sipparse_referred_by {
    sipparse_nameaddr addr;          /* referrer-uri = name-addr / addr-spec, with params */
    sipparse_slice cid;              /* sip-clean-msg-id, quotes kept; absent when none */
} sipparse_referred_by;
SIPPARSE_API sipparse_err sipparse_referred_by_parse(sipparse_slice value,
                                                     sipparse_referred_by *out,
                                                     sipparse_error *err);

/* RFC 3262 §7.2: RAck = response-num LWS CSeq-num LWS Method. */
typedef struct sipparse_rack {
    uint32_t rseq;                   /* response-num: the RSeq being acknowledged */
    uint32_t cseq;                   /* CSeq-num */
    sipparse_slice method;           /* Method, case-sensitive (RFC 3261 §7.1) */
    sipparse_method method_id;
} sipparse_rack;
SIPPARSE_API sipparse_err sipparse_rack_parse(sipparse_slice value, sipparse_rack *out,
                                              sipparse_error *err);

/* RFC 3262 §7.1: RSeq = response-num (1*DIGIT, 32 bits). */
SIPPARSE_API sipparse_err sipparse_rseq_parse(sipparse_slice value, uint32_t *out,
                                              sipparse_error *err);

/* RFC 3261 §20.33: Retry-After = delta-seconds [ comment ] *( SEMI retry-param );
 * retry-param = ("duration" EQUAL delta-seconds) / generic-param. */
typedef struct sipparse_retry_after {
    uint32_t delta;                  /* delta-seconds */
    sipparse_slice comment;          /* "(...)" with its parentheses; absent when none */
    int64_t duration;                /* -1 when absent */
    sipparse_slice params;           /* every retry-param, ';' included; absent when none */
} sipparse_retry_after;
SIPPARSE_API sipparse_err sipparse_retry_after_parse(sipparse_slice value,
                                                     sipparse_retry_after *out,
                                                     sipparse_error *err);

/* RFC 3261 §20.38: Timestamp = 1*(DIGIT) [ "." *(DIGIT) ] [ LWS delay ];
 * delay = *(DIGIT) [ "." *(DIGIT) ]. Decimal numbers of any precision, kept as text. */
typedef struct sipparse_timestamp {
    sipparse_slice value;            /* "54.1" */
    sipparse_slice delay;            /* absent when none; may be present and empty */
} sipparse_timestamp;
SIPPARSE_API sipparse_err sipparse_timestamp_parse(sipparse_slice value,
                                                   sipparse_timestamp *out,
                                                   sipparse_error *err);

#endif
