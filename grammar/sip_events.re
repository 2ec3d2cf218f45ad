// re2c -W -Werror --no-generation-date --no-version -i -I grammar -I build/gen sip_events.re -o build/gen/sip_events.c
//
// Event, dialog and timer headers. Each matcher starts at the first byte of a value
// (after any LWS), fills a struct zeroed by the caller and returns the end of what it
// matched, or NULL with err set; the C glue (events.c) checks that nothing follows.
//
// RFC 6665 §8.4
//   Event              = event-type *( SEMI event-param )
//   Allow-Events       = event-type *( COMMA event-type )
//   event-type         = event-package *( "." event-template )
//   event-package      = token-nodot
//   event-template     = token-nodot
//   token-nodot        = 1*( alphanum / "-" / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~" )
//   event-param        = generic-param / ( "id" EQUAL token )
//   Subscription-State = substate-value *( SEMI subexp-params )
//   substate-value     = "active" / "pending" / "terminated" / extension-substate
//   subexp-params      = ("reason" EQUAL event-reason-value)
//                      / ("expires" EQUAL delta-seconds)
//                      / ("retry-after" EQUAL delta-seconds) / generic-param
//   event-reason-value = "deactivated" / "probation" / "rejected" / "timeout" / "giveup"
//                      / "noresource" / "invariant" / event-reason-extension
// RFC 3326 §2
//   reason-value       = protocol *( SEMI reason-params )
//   protocol           = "SIP" / "Q.850" / token
//   reason-params      = protocol-cause / reason-text / reason-extension
//   protocol-cause     = "cause" EQUAL cause ; cause = 1*DIGIT
//   reason-text        = "text" EQUAL quoted-string
// RFC 4028 §4
//   Session-Expires    = delta-seconds *( SEMI se-params )
//   se-params          = refresher-param / generic-param
//   refresher-param    = "refresher" EQUAL ( "uas" / "uac" )
//   Min-SE             = delta-seconds *( SEMI generic-param )
// RFC 3891 §6.1
//   Replaces           = callid *( SEMI replaces-param )
//   replaces-param     = to-tag / from-tag / early-flag / generic-param
//   to-tag = "to-tag" EQUAL token ; from-tag = "from-tag" EQUAL token ; early-flag = "early-only"
// RFC 3892 §3
//   referredby-id-param = "cid" EQUAL sip-clean-msg-id
//   sip-clean-msg-id    = LDQUOT dot-atom "@" ( dot-atom / host ) RDQUOT
//   dot-atom = atom *( "." atom ) ; atom = the characters of token-nodot
// RFC 3262 §7.1, §7.2
//   RSeq = response-num ; RAck = response-num LWS CSeq-num LWS Method
// RFC 3261 §20.33, §20.38, §25.1
//   Retry-After = delta-seconds [ comment ] *( SEMI retry-param )
//   retry-param = ( "duration" EQUAL delta-seconds ) / generic-param
//   comment     = LPAREN *( ctext / quoted-pair / comment ) RPAREN
//   ctext       = %x21-27 / %x2A-5B / %x5D-7E / UTF8-NONASCII / LWS
//   Timestamp   = 1*(DIGIT) [ "." *(DIGIT) ] [ LWS delay ]
//   delay       = *(DIGIT) [ "." *(DIGIT) ]
// Traps:
//  - Every quoted literal above is case-insensitive (RFC 5234 §2.3): "Active",
//    "To-Tag", "REFRESHER=UAC". JsSIP matches to-tag, from-tag and early-only
//    case-sensitively; we follow the ABNF.
//  - event-type is a token with its dots only between token-nodot runs:
//    "presence.winfo" is one, "presence..winfo" and "presence." are not.
//  - A keyword is a whole token, never a prefix: "activex" is an extension-substate and
//    reason=giveupx an event-reason-extension (a PEG parser that commits to "active"
//    fails there).
//  - A param with its own rule (cause, text, refresher, to-tag, ...) whose value breaks
//    that rule also reads as a generic-param; we report it instead of filing it as one
//    (the same policy as Via's ttl and Contact's expires). The generic rule below each
//    known-param rule is as long or longer, so re2c picks it and the action names the
//    rule that failed.
//  - Retry-After's comment nests, which no regular expression matches: the comment
//    matcher is a loop that counts the depth (linear, no recursion).
//  - Timestamp: "[ LWS delay ]" with an empty delay accepts LWS at the end; the message
//    layer trims it anyway, so only a direct caller sees a present, empty delay.
//  - LWS (with folds) may stand around ';', '=' and ',' and inside comments.
#include <string.h>
#include "grammar.h"

/*!include:re2c "sip_core.re" */
/*!re2c
    token_nodot      = [a-zA-Z0-9!%*_+`'~-]+;
    event_type       = token_nodot ("." token_nodot)*;
    dot_atom         = token_nodot ("." token_nodot)*;
    sip_clean_msg_id = DQUOTE dot_atom "@" (dot_atom | hostname | IPv6reference) DQUOTE;
    callid           = word ("@" word)?;
    // generic-param's own rule, as the fallback for every params loop below
    generic          = SEMI @n0 token @n1 (EQUAL gen_value)?;
*/

static sipparse_slice span(const char *a, const char *b)
{
    return (sipparse_slice){ a, (size_t)(b - a) };
}

// The params slice of a value: from the first ';' after the head (SEMI's LWS may come
// before it) to q, where the params stopped; absent when there were none.
static sipparse_slice params_of(const char *head_end, const char *q)
{
    if (q == head_end)
        return SIPPARSE_SLICE_NONE;
    return span(sp_semi(head_end), q);
}

static const char *bad(sipparse_error *err, const char *at, const char *rule)
{
    sp_fail(err, SIPPARSE_E_HEADER_VALUE, at, rule);
    return NULL;
}

// delta-seconds and friends the grammar matched (1*DIGIT): 0 and *out set when the value
// fits 32 bits, else -1 with err set to E_RANGE at the number.
static int u32(const char *a, const char *b, int64_t *out, const char *rule, sipparse_error *err)
{
    unsigned long long v;
    if (sipparse_slice_to_u64(span(a, b), 0xffffffffu, &v) != 0) {
        sp_fail(err, SIPPARSE_E_RANGE, a, rule);
        return -1;
    }
    *out = (int64_t)v;
    return 0;
}

// ---- Event, Allow-Events (RFC 6665 §8.4) --------------------------------------------

// event-type at p, and with_params: *( SEMI event-param ) after it.
const char *sp_event(const char *p, const char *lim, int with_params, sipparse_event *ev,
                     sipparse_error *err)
{
    const char *cur = p, *mar, *q, *head_end;
    const char *t1, *n0, *n1, *v0;
    /*!stags:re2c:event_type:event_param format = 'const char *@@;\n'; */
    /*!local:re2c:event_type
        token_nodot @t1 ("." token_nodot)* { goto head; }
        * { return bad(err, p, "event-type"); }
    */
head:
    ev->type = span(p, cur);
    ev->package = span(p, t1);
    ev->templates = t1 < cur ? span(t1 + 1, cur) : SIPPARSE_SLICE_NONE;
    if (!with_params)
        return cur;
    head_end = cur;
params:
    q = cur;
    /*!local:re2c:event_param
        SEMI 'id' EQUAL @v0 token { ev->id = span(v0, cur); goto params; }
        generic {
            if (SP_EQ_LIT(span(n0, n1), "id"))
                return bad(err, n0, "event-param");
            goto params;
        }
        * { ev->params = params_of(head_end, q); return q; }
    */
}

// ---- Subscription-State (RFC 6665 §8.4) ---------------------------------------------

static sipparse_event_reason reason_id(sipparse_slice r)
{
    switch (r.len) {
    case 6:
        return SP_EQ_LIT(r, "giveup") ? SIPPARSE_EVENT_REASON_GIVEUP : SIPPARSE_EVENT_REASON_OTHER;
    case 7:
        return SP_EQ_LIT(r, "timeout") ? SIPPARSE_EVENT_REASON_TIMEOUT : SIPPARSE_EVENT_REASON_OTHER;
    case 8:
        return SP_EQ_LIT(r, "rejected") ? SIPPARSE_EVENT_REASON_REJECTED : SIPPARSE_EVENT_REASON_OTHER;
    case 9:
        return SP_EQ_LIT(r, "probation") ? SIPPARSE_EVENT_REASON_PROBATION
             : SP_EQ_LIT(r, "invariant") ? SIPPARSE_EVENT_REASON_INVARIANT
                                         : SIPPARSE_EVENT_REASON_OTHER;
    case 10:
        return SP_EQ_LIT(r, "noresource") ? SIPPARSE_EVENT_REASON_NORESOURCE
                                          : SIPPARSE_EVENT_REASON_OTHER;
    case 11:
        return SP_EQ_LIT(r, "deactivated") ? SIPPARSE_EVENT_REASON_DEACTIVATED
                                           : SIPPARSE_EVENT_REASON_OTHER;
    }
    return SIPPARSE_EVENT_REASON_OTHER;
}

// A subexp-param name with its own syntax, as the rule to blame when its value failed it.
static const char *substate_known(sipparse_slice n)
{
    if (SP_EQ_LIT(n, "reason"))
        return "event-reason-value";
    if (SP_EQ_LIT(n, "expires") || SP_EQ_LIT(n, "retry-after"))
        return "delta-seconds";
    return NULL;
}

const char *sp_substate(const char *p, const char *lim, sipparse_substate_hdr *s,
                        sipparse_error *err)
{
    const char *cur = p, *mar, *q, *head_end, *rule;
    const char *n0, *n1, *v0;
    /*!stags:re2c:substate_value:subexp_param format = 'const char *@@;\n'; */
    /*!local:re2c:substate_value
        'active'     { s->state_id = SIPPARSE_SUBSTATE_ACTIVE; goto head; }
        'pending'    { s->state_id = SIPPARSE_SUBSTATE_PENDING; goto head; }
        'terminated' { s->state_id = SIPPARSE_SUBSTATE_TERMINATED; goto head; }
        token        { s->state_id = SIPPARSE_SUBSTATE_OTHER; goto head; }
        * { return bad(err, p, "substate-value"); }
    */
head:
    s->state = span(p, cur);
    s->expires = s->retry_after = -1;
    head_end = cur;
params:
    q = cur;
    /*!local:re2c:subexp_param
        SEMI 'reason' EQUAL @v0 token {
            s->reason = span(v0, cur);
            s->reason_id = reason_id(s->reason);
            goto params;
        }
        SEMI 'expires' EQUAL @v0 DIGIT+ {
            if (u32(v0, cur, &s->expires, "delta-seconds", err) != 0)
                return NULL;
            goto params;
        }
        SEMI 'retry-after' EQUAL @v0 DIGIT+ {
            if (u32(v0, cur, &s->retry_after, "delta-seconds", err) != 0)
                return NULL;
            goto params;
        }
        generic {
            if ((rule = substate_known(span(n0, n1))) != NULL)
                return bad(err, n0, rule);
            goto params;
        }
        * { s->params = params_of(head_end, q); return q; }
    */
}

// ---- Reason (RFC 3326 §2) -------------------------------------------------------------

// One reason-value at p.
const char *sp_reason(const char *p, const char *lim, sipparse_reason *r, sipparse_error *err)
{
    const char *cur = p, *mar, *q, *head_end;
    const char *n0, *n1, *v0;
    /*!stags:re2c:reason_protocol:reason_param format = 'const char *@@;\n'; */
    /*!local:re2c:reason_protocol
        'SIP'   { r->protocol_id = SIPPARSE_REASON_PROTO_SIP; goto head; }
        'Q.850' { r->protocol_id = SIPPARSE_REASON_PROTO_Q850; goto head; }
        token   { r->protocol_id = SIPPARSE_REASON_PROTO_OTHER; goto head; }
        * { return bad(err, p, "protocol"); }
    */
head:
    r->protocol = span(p, cur);
    r->cause = -1;
    head_end = cur;
params:
    q = cur;
    /*!local:re2c:reason_param
        SEMI 'cause' EQUAL @v0 DIGIT+ {
            if (u32(v0, cur, &r->cause, "cause", err) != 0)
                return NULL;
            goto params;
        }
        SEMI 'text' EQUAL @v0 quoted_string { r->text = span(v0, cur); goto params; }
        generic {
            if (SP_EQ_LIT(span(n0, n1), "cause"))
                return bad(err, n0, "protocol-cause");
            if (SP_EQ_LIT(span(n0, n1), "text"))
                return bad(err, n0, "reason-text");
            goto params;
        }
        * { r->params = params_of(head_end, q); return q; }
    */
}

// ---- Session-Expires, Min-SE (RFC 4028 §4) ------------------------------------------

// delta-seconds *( SEMI se-params ); min_se: Min-SE, whose params are all generic.
const char *sp_session_expires(const char *p, const char *lim, int min_se,
                               sipparse_session_expires *s, sipparse_error *err)
{
    const char *cur = p, *mar, *q, *head_end;
    const char *n0, *n1, *v0;
    int64_t delta;
    /*!stags:re2c:se_delta:se_param format = 'const char *@@;\n'; */
    /*!local:re2c:se_delta
        DIGIT+ { goto head; }
        * { return bad(err, p, "delta-seconds"); }
    */
head:
    if (u32(p, cur, &delta, "delta-seconds", err) != 0)
        return NULL;
    s->delta = (uint32_t)delta;
    head_end = cur;
params:
    q = cur;
    /*!local:re2c:se_param
        SEMI 'refresher' EQUAL @v0 'uac' {
            if (!min_se) {
                s->refresher = span(v0, cur);
                s->refresher_id = SIPPARSE_REFRESHER_UAC;
            }
            goto params;
        }
        SEMI 'refresher' EQUAL @v0 'uas' {
            if (!min_se) {
                s->refresher = span(v0, cur);
                s->refresher_id = SIPPARSE_REFRESHER_UAS;
            }
            goto params;
        }
        generic {
            if (!min_se && SP_EQ_LIT(span(n0, n1), "refresher"))
                return bad(err, n0, "refresher-param");
            goto params;
        }
        * { s->params = params_of(head_end, q); return q; }
    */
}

// ---- Replaces (RFC 3891 §6.1) ---------------------------------------------------------

static const char *replaces_known(sipparse_slice n)
{
    if (SP_EQ_LIT(n, "to-tag"))
        return "to-tag";
    if (SP_EQ_LIT(n, "from-tag"))
        return "from-tag";
    if (SP_EQ_LIT(n, "early-only"))
        return "early-flag";
    return NULL;
}

const char *sp_replaces(const char *p, const char *lim, sipparse_replaces *r, sipparse_error *err)
{
    const char *cur = p, *mar, *q, *head_end, *rule;
    const char *n0, *n1, *v0;
    /*!stags:re2c:replaces_callid:replaces_param format = 'const char *@@;\n'; */
    /*!local:re2c:replaces_callid
        callid { goto head; }
        * { return bad(err, p, "callid"); }
    */
head:
    r->call_id = span(p, cur);
    head_end = cur;
params:
    q = cur;
    /*!local:re2c:replaces_param
        SEMI 'to-tag' EQUAL @v0 token   { r->to_tag = span(v0, cur); goto params; }
        SEMI 'from-tag' EQUAL @v0 token { r->from_tag = span(v0, cur); goto params; }
        SEMI 'early-only'               { r->early_only = 1; goto params; }
        generic {
            if ((rule = replaces_known(span(n0, n1))) != NULL)
                return bad(err, n0, rule);
            goto params;
        }
        * { r->params = params_of(head_end, q); return q; }
    */
}

// ---- Referred-By cid (RFC 3892 §3) ----------------------------------------------------

// The whole slice is a sip-clean-msg-id (the value of a cid param, quotes included).
int sp_msg_id(const char *p, const char *lim)
{
    const char *cur = p, *mar;
    /*!local:re2c:msg_id
        sip_clean_msg_id { return cur == lim; }
        * { return 0; }
    */
}

// ---- RAck (RFC 3262 §7.2) -------------------------------------------------------------

// The whole slice: response-num LWS CSeq-num LWS Method. 1 and the three parts, or 0.
int sp_rack(const char *p, const char *lim, sipparse_slice *rseq, sipparse_slice *cseq,
            sipparse_slice *method)
{
    const char *cur = p, *mar;
    const char *r1, *c0, *c1, *m0;
    /*!stags:re2c:rack format = 'const char *@@;\n'; */
    /*!local:re2c:rack
        DIGIT+ @r1 LWS @c0 DIGIT+ @c1 LWS @m0 token {
            if (cur != lim)
                return 0;
            *rseq = span(p, r1);
            *cseq = span(c0, c1);
            *method = span(m0, cur);
            return 1;
        }
        * { return 0; }
    */
}

// ---- Retry-After (RFC 3261 §20.33) ----------------------------------------------------


const char *sp_retry_after(const char *p, const char *lim, sipparse_retry_after *r,
                           sipparse_error *err)
{
    const char *cur = p, *mar, *q, *head_end, *c;
    const char *n0, *n1, *v0;
    int64_t delta;
    /*!stags:re2c:retry_delta:retry_param format = 'const char *@@;\n'; */
    /*!local:re2c:retry_delta
        DIGIT+ { goto head; }
        * { return bad(err, p, "delta-seconds"); }
    */
head:
    if (u32(p, cur, &delta, "delta-seconds", err) != 0)
        return NULL;
    r->delta = (uint32_t)delta;
    r->duration = -1;
    c = sp_sws(cur, lim);   /* LPAREN = SWS "(" SWS */
    if (c < lim && *c == '(') {
        const char *at;
        if ((cur = sp_comment(c, lim, &at)) == NULL)
            return bad(err, c, "comment");
        r->comment = span(c, cur);
    }
    head_end = cur;
params:
    q = cur;
    /*!local:re2c:retry_param
        SEMI 'duration' EQUAL @v0 DIGIT+ {
            if (u32(v0, cur, &r->duration, "delta-seconds", err) != 0)
                return NULL;
            goto params;
        }
        generic {
            if (SP_EQ_LIT(span(n0, n1), "duration"))
                return bad(err, n0, "retry-param");
            goto params;
        }
        * { r->params = params_of(head_end, q); return q; }
    */
}

// ---- Timestamp (RFC 3261 §20.38) ------------------------------------------------------

// The longest Timestamp at p: its end, or NULL when not even the first digit is there.
const char *sp_timestamp(const char *p, const char *lim, sipparse_timestamp *ts)
{
    const char *cur = p, *mar;
    const char *v1, *d0;
    /*!stags:re2c:timestamp format = 'const char *@@;\n'; */
    /*!local:re2c:timestamp
        DIGIT+ ("." DIGIT*)? @v1 (LWS @d0 DIGIT* ("." DIGIT*)?)? {
            ts->value = span(p, v1);
            ts->delay = d0 ? span(d0, cur) : SIPPARSE_SLICE_NONE;
            return cur;
        }
        * { return NULL; }
    */
}
