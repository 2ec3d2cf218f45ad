/* tests/check_events.c: Event, Allow-Events, Subscription-State (RFC 6665), Reason
 * (RFC 3326), Session-Expires, Min-SE (RFC 4028), Replaces (RFC 3891), Refer-To
 * (RFC 3515), Referred-By (RFC 3892), RAck, RSeq (RFC 3262), Retry-After, Timestamp
 * (RFC 3261 §20.33, §20.38).
 *
 * Each row names a parser, a value and what must come out: every field of the result
 * written as one line ("type=presence.winfo pkg=presence ..."), or the error as
 * "E_CODE@offset rule". A list header writes its values separated by " | ", and an
 * error after some values comes last. Absent slices print as "-". */
#define _POSIX_C_SOURCE 200809L
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "suites.h"
#include "util.h"

#define CRLF "\r\n"

enum kind {
    K_EVENT, K_ALLOW, K_SUBSTATE, K_REASON, K_SE, K_MINSE, K_REPLACES, K_REFERTO,
    K_REFERREDBY, K_RACK, K_RSEQ, K_RETRY, K_TIMESTAMP, K__COUNT
};

static const char *const kind_name[K__COUNT] = {
    "Event", "Allow-Events", "Subscription-State", "Reason", "Session-Expires", "Min-SE",
    "Replaces", "Refer-To", "Referred-By", "RAck", "RSeq", "Retry-After", "Timestamp",
};

/* ---- rendering ------------------------------------------------------------------------- */

typedef struct out {
    char buf[1024];
    size_t len;
    const char *base;   /* the input, so every slice can be checked to lie inside it */
    size_t base_len;
    const char *row;
} out;

static void put(out *o, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(o->buf + o->len, sizeof o->buf - o->len, fmt, ap);
    va_end(ap);
    ck_assert_msg(n >= 0 && (size_t)n < sizeof o->buf - o->len, "%s: rendering too long", o->row);
    o->len += (size_t)n;
}

/* " name=text", "-" when absent; the slice must lie inside the input. */
static void put_sl(out *o, const char *name, sipparse_slice s)
{
    ck_assert_msg(sl_within(s, o->base, o->base_len), "%s: %s outside the input", o->row, name);
    if (s.ptr)
        put(o, "%s%s=%.*s", o->len ? " " : "", name, (int)s.len, s.ptr);
    else
        put(o, "%s%s=-", o->len ? " " : "", name);
}

static void put_num(out *o, const char *name, long long v)
{
    put(o, "%s%s=%lld", o->len ? " " : "", name, v);
}

static void put_event(out *o, const sipparse_event *e, int with_params)
{
    put_sl(o, "type", e->type);
    put_sl(o, "pkg", e->package);
    put_sl(o, "tpl", e->templates);
    if (with_params) {
        put_sl(o, "id", e->id);
        put_sl(o, "params", e->params);
    } else {
        ck_assert_msg(!e->id.ptr && !e->params.ptr, "%s: params in Allow-Events", o->row);
    }
}

static const char *const substate_names[] = { "OTHER", "ACTIVE", "PENDING", "TERMINATED" };
static const char *const event_reason_names[] = {
    "NONE", "OTHER", "DEACTIVATED", "PROBATION", "REJECTED", "TIMEOUT", "GIVEUP",
    "NORESOURCE", "INVARIANT",
};
static const char *const proto_names[] = { "OTHER", "SIP", "Q850" };
static const char *const refresher_names[] = { "NONE", "UAC", "UAS" };

static void put_substate(out *o, const sipparse_substate_hdr *s)
{
    put_sl(o, "state", s->state);
    put(o, "/%s", substate_names[s->state_id]);
    put_sl(o, "reason", s->reason);
    put(o, "/%s", event_reason_names[s->reason_id]);
    put_num(o, "expires", s->expires);
    put_num(o, "retry", s->retry_after);
    put_sl(o, "params", s->params);
}

static void put_reason(out *o, const sipparse_reason *r)
{
    put_sl(o, "proto", r->protocol);
    put(o, "/%s", proto_names[r->protocol_id]);
    put_num(o, "cause", r->cause);
    put_sl(o, "text", r->text);
    put_sl(o, "params", r->params);
    /* raw runs from the protocol to the end of the last param */
    ck_assert_msg(r->raw.ptr == r->protocol.ptr, "%s: raw does not start at the protocol", o->row);
    if (r->params.ptr)
        ck_assert_msg(r->raw.ptr + r->raw.len == r->params.ptr + r->params.len,
                      "%s: raw does not end with the params", o->row);
}

static void put_se(out *o, const sipparse_session_expires *s)
{
    put_num(o, "delta", s->delta);
    put_sl(o, "refresher", s->refresher);
    put(o, "/%s", refresher_names[s->refresher_id]);
    put_sl(o, "params", s->params);
}

static void put_nameaddr(out *o, const sipparse_nameaddr *na)
{
    put_sl(o, "display", na->display);
    put_sl(o, "uri", na->uri.raw);
    put_sl(o, "hdrs", na->uri.headers);
    put_sl(o, "params", na->params);
}

static void put_err(out *o, sipparse_err rc, const sipparse_error *e)
{
    ck_assert_msg(e->code == rc, "%s: err->code %s, returned %s", o->row, code_str(e->code),
                  code_str(rc));
    ck_assert_msg(e->rule != NULL && e->rule[0], "%s: no rule", o->row);
    if (e->at) {
        ck_assert_msg(e->at >= o->base && e->at <= o->base + o->base_len, "%s: err->at outside",
                      o->row);
        put(o, "%s%s@%zu %s", o->len ? " | " : "", code_str(rc), (size_t)(e->at - o->base),
            e->rule);
    } else {
        put(o, "%s%s@- %s", o->len ? " | " : "", code_str(rc), e->rule);
    }
}

/* A comma list: every value, then the error if one stopped the walk. */
static void run_list(out *o, int kind, sipparse_slice v)
{
    size_t pos = 0;
    sipparse_err rc;
    for (int k = 0;; k++) {
        ck_assert_msg(k < 16, "%s: too many values", o->row);
        sipparse_error err;
        memset(&err, 0, sizeof err);
        size_t before = pos;
        if (kind == K_ALLOW) {
            sipparse_event e;
            memset(&e, 0x5a, sizeof e);
            if ((rc = sipparse_allow_events_next(v, &pos, &e, &err)) == SIPPARSE_OK) {
                if (k)
                    put(o, " |");
                put_event(o, &e, 0);
            }
        } else {
            sipparse_reason r;
            memset(&r, 0x5a, sizeof r);
            if ((rc = sipparse_reason_next(v, &pos, &r, &err)) == SIPPARSE_OK) {
                if (k)
                    put(o, " |");
                put_reason(o, &r);
            }
        }
        if (rc == SIPPARSE_END)
            return;
        if (rc != SIPPARSE_OK) {
            put_err(o, rc, &err);
            return;
        }
        ck_assert_msg(pos > before && pos <= v.len, "%s: pos %zu -> %zu", o->row, before, pos);
    }
}

/* Runs the parser of kind on v and renders the result into o. Returns its code. */
static sipparse_err run(out *o, int kind, sipparse_slice v)
{
    sipparse_error err;
    sipparse_err rc = SIPPARSE_OK;
    memset(&err, 0, sizeof err);
    o->len = 0;
    o->buf[0] = '\0';
    o->base = v.ptr;
    o->base_len = v.len;
    switch (kind) {
    case K_EVENT: {
        sipparse_event e;
        memset(&e, 0x5a, sizeof e);
        if ((rc = sipparse_event_parse(v, &e, &err)) == SIPPARSE_OK)
            put_event(o, &e, 1);
        break;
    }
    case K_ALLOW:
    case K_REASON:
        run_list(o, kind, v);
        return SIPPARSE_OK;
    case K_SUBSTATE: {
        sipparse_substate_hdr s;
        memset(&s, 0x5a, sizeof s);
        if ((rc = sipparse_substate_parse(v, &s, &err)) == SIPPARSE_OK)
            put_substate(o, &s);
        break;
    }
    case K_SE:
    case K_MINSE: {
        sipparse_session_expires s;
        memset(&s, 0x5a, sizeof s);
        rc = kind == K_SE ? sipparse_session_expires_parse(v, &s, &err)
                          : sipparse_min_se_parse(v, &s, &err);
        if (rc == SIPPARSE_OK)
            put_se(o, &s);
        break;
    }
    case K_REPLACES: {
        sipparse_replaces r;
        memset(&r, 0x5a, sizeof r);
        if ((rc = sipparse_replaces_parse(v, &r, &err)) == SIPPARSE_OK) {
            put_sl(o, "callid", r.call_id);
            put_sl(o, "to", r.to_tag);
            put_sl(o, "from", r.from_tag);
            put_num(o, "early", r.early_only);
            put_sl(o, "params", r.params);
        }
        break;
    }
    case K_REFERTO: {
        sipparse_nameaddr na;
        memset(&na, 0x5a, sizeof na);
        if ((rc = sipparse_refer_to_parse(v, &na, &err)) == SIPPARSE_OK)
            put_nameaddr(o, &na);
        break;
    }
    case K_REFERREDBY: {
        sipparse_referred_by rb;
        memset(&rb, 0x5a, sizeof rb);
        if ((rc = sipparse_referred_by_parse(v, &rb, &err)) == SIPPARSE_OK) {
            put_nameaddr(o, &rb.addr);
            put_sl(o, "cid", rb.cid);
        }
        break;
    }
    case K_RACK: {
        sipparse_rack r;
        memset(&r, 0x5a, sizeof r);
        if ((rc = sipparse_rack_parse(v, &r, &err)) == SIPPARSE_OK) {
            put_num(o, "rseq", r.rseq);
            put_num(o, "cseq", r.cseq);
            put_sl(o, "method", r.method);
            put(o, "/%d", (int)r.method_id);
        }
        break;
    }
    case K_RSEQ: {
        uint32_t n = 12345;
        if ((rc = sipparse_rseq_parse(v, &n, &err)) == SIPPARSE_OK)
            put_num(o, "rseq", n);
        break;
    }
    case K_RETRY: {
        sipparse_retry_after r;
        memset(&r, 0x5a, sizeof r);
        if ((rc = sipparse_retry_after_parse(v, &r, &err)) == SIPPARSE_OK) {
            put_num(o, "delta", r.delta);
            put_sl(o, "comment", r.comment);
            put_num(o, "duration", r.duration);
            put_sl(o, "params", r.params);
        }
        break;
    }
    case K_TIMESTAMP: {
        sipparse_timestamp t;
        memset(&t, 0x5a, sizeof t);
        if ((rc = sipparse_timestamp_parse(v, &t, &err)) == SIPPARSE_OK) {
            put_sl(o, "value", t.value);
            put_sl(o, "delay", t.delay);
        }
        break;
    }
    }
    if (rc != SIPPARSE_OK)
        put_err(o, rc, &err);
    return rc;
}

/* ---- the table ------------------------------------------------------------------------- */

static const struct row {
    int kind;
    const char *value;
    const char *want;
} rows[] = {
    /* Event (RFC 6665 §8.4, §7.2) */
    { K_EVENT, "presence", "type=presence pkg=presence tpl=- id=- params=-" },
    { K_EVENT, "presence.winfo", "type=presence.winfo pkg=presence tpl=winfo id=- params=-" },
    { K_EVENT, "a.b.c-d", "type=a.b.c-d pkg=a tpl=b.c-d id=- params=-" },
    /* RFC 3515 §2.4.6 */
    { K_EVENT, "refer;id=93809824",
      "type=refer pkg=refer tpl=- id=93809824 params=;id=93809824" },
    { K_EVENT, "foo; id = 1234 ;x",
      "type=foo pkg=foo tpl=- id=1234 params=; id = 1234 ;x" },
    { K_EVENT, "message-summary", "type=message-summary pkg=message-summary tpl=- id=- params=-" },
    /* JsSIP test-parser: the case is kept here (JsSIP lower-cases event) */
    { K_EVENT, "Presence;Param1=QWe;paraM2",
      "type=Presence pkg=Presence tpl=- id=- params=;Param1=QWe;paraM2" },
    { K_EVENT, "dialog;" CRLF " sla;ID=\"x\"", "E_HEADER_VALUE@14 event-param" },
    { K_EVENT, "conference;Id", "E_HEADER_VALUE@11 event-param" },
    { K_EVENT, "presence..winfo", "E_HEADER_VALUE@8 Event" },
    { K_EVENT, "presence.", "E_HEADER_VALUE@8 Event" },
    { K_EVENT, ".presence", "E_HEADER_VALUE@0 event-type" },
    { K_EVENT, "", "E_HEADER_VALUE@0 event-type" },
    { K_EVENT, "presence;", "E_HEADER_VALUE@8 event-param" },
    { K_EVENT, "presence winfo", "E_HEADER_VALUE@9 Event" },
    { K_EVENT, "presence, dialog", "E_HEADER_VALUE@8 Event" },
    { K_EVENT, "pres/ence", "E_HEADER_VALUE@4 Event" },

    /* Allow-Events (RFC 6665 §8.4) */
    { K_ALLOW, "presence", "type=presence pkg=presence tpl=-" },
    { K_ALLOW, "presence, presence.winfo ," CRLF " dialog",
      "type=presence pkg=presence tpl=- | type=presence.winfo pkg=presence tpl=winfo | "
      "type=dialog pkg=dialog tpl=-" },
    { K_ALLOW, "talk,hold,conference,refer,check-sync",
      "type=talk pkg=talk tpl=- | type=hold pkg=hold tpl=- | type=conference pkg=conference "
      "tpl=- | type=refer pkg=refer tpl=- | type=check-sync pkg=check-sync tpl=-" },
    { K_ALLOW, "", "E_HEADER_VALUE@0 event-type" },
    /* the comma is part of the first value's call, so that call fails */
    { K_ALLOW, "presence,", "E_HEADER_VALUE@9 event-type" },
    { K_ALLOW, "presence,,dialog", "type=presence pkg=presence tpl=- | E_HEADER_VALUE@9 event-type" },
    { K_ALLOW, "presence;id=1", "E_HEADER_VALUE@8 Allow-Events" },
    { K_ALLOW, "presence dialog", "E_HEADER_VALUE@9 Allow-Events" },
    { K_ALLOW, "a, b..c", "type=a pkg=a tpl=- | E_HEADER_VALUE@4 Allow-Events" },

    /* Subscription-State (RFC 6665 §8.4, §4.1.3) */
    { K_SUBSTATE, "active;expires=3600",
      "state=active/ACTIVE reason=-/NONE expires=3600 retry=-1 params=;expires=3600" },
    { K_SUBSTATE, "pending",
      "state=pending/PENDING reason=-/NONE expires=-1 retry=-1 params=-" },
    { K_SUBSTATE, "terminated;reason=noresource",
      "state=terminated/TERMINATED reason=noresource/NORESOURCE expires=-1 retry=-1 "
      "params=;reason=noresource" },
    { K_SUBSTATE, "terminated;reason=probation;retry-after=3600",
      "state=terminated/TERMINATED reason=probation/PROBATION expires=-1 retry=3600 "
      "params=;reason=probation;retry-after=3600" },
    { K_SUBSTATE, "Terminated ; REASON = Giveup ; Retry-After = 30 ; x=\"y\"",
      "state=Terminated/TERMINATED reason=Giveup/GIVEUP expires=-1 retry=30 "
      "params=; REASON = Giveup ; Retry-After = 30 ; x=\"y\"" },
    { K_SUBSTATE, "terminated;reason=deactivated",
      "state=terminated/TERMINATED reason=deactivated/DEACTIVATED expires=-1 retry=-1 "
      "params=;reason=deactivated" },
    { K_SUBSTATE, "terminated;reason=rejected",
      "state=terminated/TERMINATED reason=rejected/REJECTED expires=-1 retry=-1 "
      "params=;reason=rejected" },
    { K_SUBSTATE, "terminated;reason=timeout",
      "state=terminated/TERMINATED reason=timeout/TIMEOUT expires=-1 retry=-1 "
      "params=;reason=timeout" },
    { K_SUBSTATE, "terminated;reason=invariant",
      "state=terminated/TERMINATED reason=invariant/INVARIANT expires=-1 retry=-1 "
      "params=;reason=invariant" },
    /* whole tokens only: giveupx is an extension, activex an extension-substate */
    { K_SUBSTATE, "activex;reason=giveupx",
      "state=activex/OTHER reason=giveupx/OTHER expires=-1 retry=-1 params=;reason=giveupx" },
    { K_SUBSTATE, "active;expires=60" CRLF "\t;retry_after=5",
      "state=active/ACTIVE reason=-/NONE expires=60 retry=-1 "
      "params=;expires=60" CRLF "\t;retry_after=5" },
    { K_SUBSTATE, "active;expires=4294967295",
      "state=active/ACTIVE reason=-/NONE expires=4294967295 retry=-1 params=;expires=4294967295" },
    { K_SUBSTATE, "active;expires=4294967296", "E_RANGE@15 delta-seconds" },
    { K_SUBSTATE, "active;expires=abc", "E_HEADER_VALUE@7 delta-seconds" },
    { K_SUBSTATE, "active;expires", "E_HEADER_VALUE@7 delta-seconds" },
    { K_SUBSTATE, "terminated;retry-after=1.5", "E_HEADER_VALUE@11 delta-seconds" },
    { K_SUBSTATE, "terminated;reason=\"timeout\"", "E_HEADER_VALUE@11 event-reason-value" },
    { K_SUBSTATE, "", "E_HEADER_VALUE@0 substate-value" },
    { K_SUBSTATE, ";expires=1", "E_HEADER_VALUE@0 substate-value" },
    { K_SUBSTATE, "active;", "E_HEADER_VALUE@6 subexp-params" },
    { K_SUBSTATE, "active pending", "E_HEADER_VALUE@7 Subscription-State" },

    /* Reason (RFC 3326 §2, §4) */
    { K_REASON, "SIP ;cause=200 ;text=\"Call completed elsewhere\"",
      "proto=SIP/SIP cause=200 text=\"Call completed elsewhere\" "
      "params=;cause=200 ;text=\"Call completed elsewhere\"" },
    { K_REASON, "Q.850 ;cause=16 ;text=\"Terminated\"",
      "proto=Q.850/Q850 cause=16 text=\"Terminated\" params=;cause=16 ;text=\"Terminated\"" },
    { K_REASON, "SIP;cause=580;text=\"Precondition Failure\", Q.850;cause=47",
      "proto=SIP/SIP cause=580 text=\"Precondition Failure\" "
      "params=;cause=580;text=\"Precondition Failure\" | "
      "proto=Q.850/Q850 cause=47 text=- params=;cause=47" },
    /* JsSIP test-parser */
    { K_REASON, "SIP  ; cause = 488 ; text = \"Wrong SDP\"",
      "proto=SIP/SIP cause=488 text=\"Wrong SDP\" params=; cause = 488 ; text = \"Wrong SDP\"" },
    { K_REASON, "ISUP; cause=500 ; LALA = foo",
      "proto=ISUP/OTHER cause=500 text=- params=; cause=500 ; LALA = foo" },
    { K_REASON, "sip;text=\"a \\\"quoted\\\", b\"",
      "proto=sip/SIP cause=-1 text=\"a \\\"quoted\\\", b\" params=;text=\"a \\\"quoted\\\", b\"" },
    { K_REASON, "preemption ;cause=1 ;text=\"UA Preemption\"",
      "proto=preemption/OTHER cause=1 text=\"UA Preemption\" "
      "params=;cause=1 ;text=\"UA Preemption\"" },
    { K_REASON, "SIP", "proto=SIP/SIP cause=-1 text=- params=-" },
    { K_REASON, "SIPS;cause=1", "proto=SIPS/OTHER cause=1 text=- params=;cause=1" },
    { K_REASON, "SIP;cause=abc", "E_HEADER_VALUE@4 protocol-cause" },
    { K_REASON, "SIP;cause=99999999999", "E_RANGE@10 cause" },
    { K_REASON, "SIP;text=unquoted", "E_HEADER_VALUE@4 reason-text" },
    { K_REASON, "SIP;text=\"unterminated", "E_HEADER_VALUE@4 reason-text" },
    { K_REASON, "SIP;cause=200 ;", "E_HEADER_VALUE@14 reason-params" },
    { K_REASON, "SIP;cause=200,", "E_HEADER_VALUE@14 reason-value" },
    { K_REASON, "SIP;cause=200, Q.850;cause=", "proto=SIP/SIP cause=200 text=- params=;cause=200 | "
                                               "E_HEADER_VALUE@21 protocol-cause" },
    { K_REASON, "SIP;cause=200 Q.850", "E_HEADER_VALUE@14 Reason" },
    { K_REASON, "\"SIP\";cause=200", "E_HEADER_VALUE@0 protocol" },
    { K_REASON, "", "E_HEADER_VALUE@0 reason-value" },

    /* Session-Expires, Min-SE (RFC 4028 §4, §10) */
    { K_SE, "4000;refresher=uac", "delta=4000 refresher=uac/UAC params=;refresher=uac" },
    { K_SE, "1800", "delta=1800 refresher=-/NONE params=-" },
    /* JsSIP test-parser */
    { K_SE, "180;refresher=uac", "delta=180 refresher=uac/UAC params=;refresher=uac" },
    { K_SE, "210  ;   refresher  =  UAS ; foo  =  bar",
      "delta=210 refresher=UAS/UAS params=;   refresher  =  UAS ; foo  =  bar" },
    { K_SE, "3600 ;" CRLF " Refresher = uas;x-foo=bar",
      "delta=3600 refresher=uas/UAS params=;" CRLF " Refresher = uas;x-foo=bar" },
    { K_SE, "90;foo", "delta=90 refresher=-/NONE params=;foo" },
    { K_SE, "150;refresher=foo", "E_HEADER_VALUE@4 refresher-param" },
    { K_SE, "150;refresher=uacx", "E_HEADER_VALUE@4 refresher-param" },
    { K_SE, "150;refresher", "E_HEADER_VALUE@4 refresher-param" },
    { K_SE, "4294967296", "E_RANGE@0 delta-seconds" },
    { K_SE, "-1", "E_HEADER_VALUE@0 delta-seconds" },
    { K_SE, "", "E_HEADER_VALUE@0 delta-seconds" },
    { K_SE, "1800 uac", "E_HEADER_VALUE@5 Session-Expires" },
    { K_SE, "1800;", "E_HEADER_VALUE@4 se-params" },
    { K_MINSE, "3600", "delta=3600 refresher=-/NONE params=-" },
    { K_MINSE, "90 ; x=y", "delta=90 refresher=-/NONE params=; x=y" },
    /* Min-SE has only generic params: a refresher there is one of them */
    { K_MINSE, "90;refresher=foo", "delta=90 refresher=-/NONE params=;refresher=foo" },
    { K_MINSE, "90;refresher=uac", "delta=90 refresher=-/NONE params=;refresher=uac" },
    { K_MINSE, "1.5", "E_HEADER_VALUE@1 Min-SE" },
    { K_MINSE, "90;", "E_HEADER_VALUE@2 generic-param" },

    /* Replaces (RFC 3891 §6.1, §7) */
    { K_REPLACES, "425928@bobster.example.org;to-tag=7743;from-tag=6472",
      "callid=425928@bobster.example.org to=7743 from=6472 early=0 "
      "params=;to-tag=7743;from-tag=6472" },
    { K_REPLACES, "98732@sip.example.com" CRLF "  ;from-tag=r33th4x0r" CRLF "  ;to-tag=ff87ff",
      "callid=98732@sip.example.com to=ff87ff from=r33th4x0r early=0 "
      "params=;from-tag=r33th4x0r" CRLF "  ;to-tag=ff87ff" },
    { K_REPLACES, "12345@192.168.118.3;to-tag=12345;from-tag=54321;early-only",
      "callid=12345@192.168.118.3 to=12345 from=54321 early=1 "
      "params=;to-tag=12345;from-tag=54321;early-only" },
    /* JsSIP test-parser */
    { K_REPLACES, "5t2gpbrbi72v79p1i8mr;to-tag=03aq91cl9n;from-tag=kun98clbf7",
      "callid=5t2gpbrbi72v79p1i8mr to=03aq91cl9n from=kun98clbf7 early=0 "
      "params=;to-tag=03aq91cl9n;from-tag=kun98clbf7" },
    { K_REPLACES, "a@b;early-only;foo=bar;early-only",
      "callid=a@b to=- from=- early=1 params=;early-only;foo=bar;early-only" },
    /* JsSIP files To-Tag under params; the ABNF's strings are case-insensitive */
    { K_REPLACES, "a@b;To-Tag=1;FROM-TAG=2;Early-Only",
      "callid=a@b to=1 from=2 early=1 params=;To-Tag=1;FROM-TAG=2;Early-Only" },
    { K_REPLACES, "abc", "callid=abc to=- from=- early=0 params=-" },
    { K_REPLACES, "a@b;to-tag=\"x\"", "E_HEADER_VALUE@4 to-tag" },
    { K_REPLACES, "a@b;from-tag", "E_HEADER_VALUE@4 from-tag" },
    { K_REPLACES, "a@b;early-only=1", "E_HEADER_VALUE@4 early-flag" },
    { K_REPLACES, "a@b@c;to-tag=1", "E_HEADER_VALUE@3 Replaces" },
    { K_REPLACES, "a b;to-tag=1", "E_HEADER_VALUE@2 Replaces" },
    { K_REPLACES, ";to-tag=1", "E_HEADER_VALUE@0 callid" },
    { K_REPLACES, "", "E_HEADER_VALUE@0 callid" },

    /* Refer-To (RFC 3515 §2.1, §2.4.6; RFC 3891 §7) */
    { K_REFERTO, "<sip:carol@cleveland.example.org>",
      "display=- uri=sip:carol@cleveland.example.org hdrs=- params=-" },
    { K_REFERTO,
      "<sip:dave@denver.example.org?Replaces=12345%40192.168.118.3%3Bto-tag%3D12345%3Bfrom-tag%3D5FFE-3994>",
      "display=- uri=sip:dave@denver.example.org?Replaces=12345%40192.168.118.3%3Bto-tag%3D12345"
      "%3Bfrom-tag%3D5FFE-3994 hdrs=?Replaces=12345%40192.168.118.3%3Bto-tag%3D12345%3Bfrom-tag"
      "%3D5FFE-3994 params=-" },
    /* JsSIP test-parser */
    { K_REFERTO, "sip:alice@versatica.com", "display=- uri=sip:alice@versatica.com hdrs=- params=-" },
    { K_REFERTO, "<sip:bob@versatica.com?Accept-Contact=sip:bobsdesk.versatica.com>",
      "display=- uri=sip:bob@versatica.com?Accept-Contact=sip:bobsdesk.versatica.com "
      "hdrs=?Accept-Contact=sip:bobsdesk.versatica.com params=-" },
    /* without <>, params after the URI are header params (RFC 3261 §20) */
    { K_REFERTO, "sip:alice@versatica.com;method=INVITE",
      "display=- uri=sip:alice@versatica.com hdrs=- params=;method=INVITE" },
    /* RFC 3261 §25.1 hvalue: an '@' in a URI header must be escaped */
    { K_REFERTO, "<sip:a@b?Accept-Contact=sip:foo@bar.com>", "E_URI@31 name-addr" },
    { K_REFERTO, "\"Carol\" <sips:carol@example.com>;x",
      "display=\"Carol\" uri=sips:carol@example.com hdrs=- params=;x" },
    /* any URI (RFC 3515 §2.1: "any URI"); JsSIP takes only sip/sips */
    { K_REFERTO, "<http://www.ietf.org>", "display=- uri=http://www.ietf.org hdrs=- params=-" },
    { K_REFERTO, "", "E_URI@0 absoluteURI" },
    { K_REFERTO, "<sip:a@b", "E_HEADER_VALUE@0 name-addr" },

    /* Referred-By (RFC 3892 §3, §4) */
    { K_REFERREDBY,
      "<sip:referrer@referrer.example>;cid=\"20398823.2UWQFN309shb3@referrer.example\"",
      "display=- uri=sip:referrer@referrer.example hdrs=- "
      "params=;cid=\"20398823.2UWQFN309shb3@referrer.example\" "
      "cid=\"20398823.2UWQFN309shb3@referrer.example\"" },
    { K_REFERREDBY, "sip:bob@biloxi.example.com",
      "display=- uri=sip:bob@biloxi.example.com hdrs=- params=- cid=-" },
    { K_REFERREDBY, "Bob <sip:bob@example.com>;CID=\"a@[2001:db8::1]\";x=y",
      "display=Bob uri=sip:bob@example.com hdrs=- params=;CID=\"a@[2001:db8::1]\";x=y "
      "cid=\"a@[2001:db8::1]\"" },
    { K_REFERREDBY, "<sip:a@b>;cid=\"a@example.com.\"",
      "display=- uri=sip:a@b hdrs=- params=;cid=\"a@example.com.\" cid=\"a@example.com.\"" },
    { K_REFERREDBY, "<sip:a@b>;cid=abc", "E_HEADER_VALUE@14 sip-clean-msg-id" },
    { K_REFERREDBY, "<sip:a@b>;cid=\"no-at-sign\"", "E_HEADER_VALUE@14 sip-clean-msg-id" },
    { K_REFERREDBY, "<sip:a@b>;cid=\"a b@c\"", "E_HEADER_VALUE@14 sip-clean-msg-id" },
    { K_REFERREDBY, "<sip:a@b>;cid", "E_HEADER_VALUE@10 sip-clean-msg-id" },
    { K_REFERREDBY, "<sip:a@b> junk", "E_HEADER_VALUE@10 name-addr" },

    /* RAck, RSeq (RFC 3262 §7.1, §7.2, §10) */
    { K_RACK, "776656 1 INVITE", "rseq=776656 cseq=1 method=INVITE/1" },
    { K_RACK, "1" CRLF " 314159\t INVITE", "rseq=1 cseq=314159 method=INVITE/1" },
    { K_RACK, "4294967295 4294967295 FOO", "rseq=4294967295 cseq=4294967295 method=FOO/0" },
    { K_RACK, "4294967296 1 INVITE", "E_RANGE@0 response-num" },
    { K_RACK, "1 4294967296 INVITE", "E_RANGE@2 CSeq-num" },
    { K_RACK, "776656 1", "E_HEADER_VALUE@0 RAck" },
    { K_RACK, "776656 1 INVITE x", "E_HEADER_VALUE@0 RAck" },
    { K_RACK, "776656  INVITE", "E_HEADER_VALUE@0 RAck" },
    { K_RACK, "", "E_HEADER_VALUE@0 RAck" },
    { K_RSEQ, "988789", "rseq=988789" },
    { K_RSEQ, "4294967295", "rseq=4294967295" },
    { K_RSEQ, "4294967296", "E_RANGE@0 response-num" },
    { K_RSEQ, "98 87", "E_HEADER_VALUE@0 response-num" },
    { K_RSEQ, "", "E_HEADER_VALUE@0 response-num" },

    /* Retry-After (RFC 3261 §20.33) */
    { K_RETRY, "18000;duration=3600",
      "delta=18000 comment=- duration=3600 params=;duration=3600" },
    { K_RETRY, "120 (I'm in a meeting)",
      "delta=120 comment=(I'm in a meeting) duration=-1 params=-" },
    { K_RETRY, "120(a (nested (deeply)) \\) comment);duration=60 ; x",
      "delta=120 comment=(a (nested (deeply)) \\) comment) duration=60 params=;duration=60 ; x" },
    { K_RETRY, "5 ( folded" CRLF " comment )" CRLF " ;Duration=1",
      "delta=5 comment=( folded" CRLF " comment ) duration=1 params=;Duration=1" },
    { K_RETRY, "0", "delta=0 comment=- duration=-1 params=-" },
    { K_RETRY, "120 (unbalanced (comment)", "E_HEADER_VALUE@4 comment" },
    /* a quote is ctext, so the '(' between quotes opens a comment */
    { K_RETRY, "120 (bad \"(\" inside)", "E_HEADER_VALUE@4 comment" },
    { K_RETRY, "120 (a) (b)", "E_HEADER_VALUE@8 Retry-After" },
    { K_RETRY, "120;duration=abc", "E_HEADER_VALUE@4 retry-param" },
    { K_RETRY, "120;duration=4294967296", "E_RANGE@13 delta-seconds" },
    { K_RETRY, "4294967296", "E_RANGE@0 delta-seconds" },
    { K_RETRY, "(comment)", "E_HEADER_VALUE@0 delta-seconds" },
    { K_RETRY, "", "E_HEADER_VALUE@0 delta-seconds" },
    { K_RETRY, "120;", "E_HEADER_VALUE@3 retry-param" },

    /* Timestamp (RFC 3261 §20.38) */
    { K_TIMESTAMP, "54", "value=54 delay=-" },
    { K_TIMESTAMP, "54.", "value=54. delay=-" },
    { K_TIMESTAMP, "54.03 0.5", "value=54.03 delay=0.5" },
    { K_TIMESTAMP, "1 .5", "value=1 delay=.5" },
    { K_TIMESTAMP, "1" CRLF " 2", "value=1 delay=2" },
    { K_TIMESTAMP, "1 ", "value=1 delay=" },
    { K_TIMESTAMP, ".5", "E_HEADER_VALUE@0 Timestamp" },
    { K_TIMESTAMP, "1.2.3", "E_HEADER_VALUE@3 Timestamp" },
    { K_TIMESTAMP, "1 2 3", "E_HEADER_VALUE@3 Timestamp" },
    { K_TIMESTAMP, "1 x", "E_HEADER_VALUE@2 Timestamp" },
    { K_TIMESTAMP, "", "E_HEADER_VALUE@0 Timestamp" },
};

START_TEST(test_row)
{
    const struct row *r = &rows[_i];
    char name[160];
    snprintf(name, sizeof name, "%s '%s'", kind_name[r->kind], r->value);
    size_t len = strlen(r->value);
    guard_buf g = { 0 };
    sipparse_slice v = { guard_copy(&g, r->value, len), len };
    out o;
    o.row = name;
    run(&o, r->kind, v);
    ck_assert_msg(strcmp(o.buf, r->want) == 0, "%s:\n  got  %s\n  want %s", name, o.buf, r->want);
    guard_free(&g);
}
END_TEST

/* Every prefix of every row, against the guard page: no crash, no read past the end,
 * any error inside the input. */
START_TEST(test_prefixes)
{
    const struct row *r = &rows[_i];
    char name[160];
    size_t len = strlen(r->value);
    for (size_t n = 0; n <= len; n++) {
        snprintf(name, sizeof name, "%s '%.*s'", kind_name[r->kind], (int)n, r->value);
        guard_buf g = { 0 };
        sipparse_slice v = { guard_copy(&g, r->value, n), n };
        out o;
        o.row = name;
        run(&o, r->kind, v);
        guard_free(&g);
    }
}
END_TEST

/* An absent value is an error for every parser, with or without an error struct. */
START_TEST(test_absent)
{
    int kind = _i;
    out o;
    o.row = kind_name[kind];
    char want[64];
    run(&o, kind, SIPPARSE_SLICE_NONE);
    snprintf(want, sizeof want, "E_HEADER_VALUE@- ");
    ck_assert_msg(strncmp(o.buf, want, strlen(want)) == 0, "%s: %s", o.row, o.buf);

    sipparse_slice bad = sl("x");
    sipparse_event e;
    sipparse_substate_hdr s;
    sipparse_reason rs;
    sipparse_session_expires se;
    sipparse_replaces rp;
    sipparse_nameaddr na;
    sipparse_referred_by rb;
    sipparse_rack ra;
    sipparse_retry_after ret;
    sipparse_timestamp ts;
    uint32_t n;
    size_t pos = 0;
    sipparse_err rc = SIPPARSE_OK;
    switch (kind) {
    case K_EVENT:      rc = sipparse_event_parse(sl("."), &e, NULL); break;
    case K_ALLOW:      rc = sipparse_allow_events_next(sl("x y"), &pos, &e, NULL); break;
    case K_SUBSTATE:   rc = sipparse_substate_parse(sl(""), &s, NULL); break;
    case K_REASON:     rc = sipparse_reason_next(sl("SIP;cause=x"), &pos, &rs, NULL); break;
    case K_SE:         rc = sipparse_session_expires_parse(bad, &se, NULL); break;
    case K_MINSE:      rc = sipparse_min_se_parse(bad, &se, NULL); break;
    case K_REPLACES:   rc = sipparse_replaces_parse(sl("a;to-tag"), &rp, NULL); break;
    case K_REFERTO:    rc = sipparse_refer_to_parse(sl("<"), &na, NULL); break;
    case K_REFERREDBY: rc = sipparse_referred_by_parse(sl("<sip:a@b>;cid=1"), &rb, NULL); break;
    case K_RACK:       rc = sipparse_rack_parse(bad, &ra, NULL); break;
    case K_RSEQ:       rc = sipparse_rseq_parse(sl("99999999999"), &n, NULL); break;
    case K_RETRY:      rc = sipparse_retry_after_parse(sl("1 (x"), &ret, NULL); break;
    case K_TIMESTAMP:  rc = sipparse_timestamp_parse(bad, &ts, NULL); break;
    }
    ck_assert_msg(rc == (kind == K_RSEQ ? SIPPARSE_E_RANGE : SIPPARSE_E_HEADER_VALUE),
                  "%s without err: %s", o.row, code_str(rc));
}
END_TEST

/* ---- in messages: sipparse_msg_check types every header of this group --------------- */

#define REQ_HEAD(method)                                                                     \
    method " sip:bob@biloxi.example.com SIP/2.0" CRLF                                        \
    "Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bKnashds8" CRLF                    \
    "Max-Forwards: 70" CRLF "To: <sip:bob@biloxi.example.com>;tag=a6c85cf" CRLF              \
    "From: <sip:alice@atlanta.example.com>;tag=1928301774" CRLF                              \
    "Call-ID: a84b4c76e66710@pc33.atlanta.example.com" CRLF

static const struct msg_row {
    const char *name, *text;
    sipparse_hdr_id bad_hdr;   /* SIPPARSE_HDR_OTHER: no finding */
    const char *rule;
} msg_rows[] = {
    /* RFC 3515 §2.4.6 / RFC 6665: a NOTIFY for a REFER subscription */
    { "NOTIFY",
      REQ_HEAD("NOTIFY") "CSeq: 2 NOTIFY" CRLF "Event: refer;id=93809824" CRLF
      "Subscription-State: active;expires=60" CRLF "Allow-Events: refer, presence.winfo" CRLF
      "Content-Type: message/sipfrag;version=2.0" CRLF "Content-Length: 0" CRLF CRLF,
      SIPPARSE_HDR_OTHER, NULL },
    { "REFER",
      REQ_HEAD("REFER") "CSeq: 3 REFER" CRLF
      "r: <sip:carol@chicago.example.com?Replaces=a%40b%3Bto-tag%3D1%3Bfrom-tag%3D2>" CRLF
      "b: <sip:alice@atlanta.example.com>;cid=\"1@atlanta.example.com\"" CRLF
      "o: refer" CRLF "u: refer" CRLF "Content-Length: 0" CRLF CRLF,
      SIPPARSE_HDR_OTHER, NULL },
    { "INVITE with Replaces and timers",
      REQ_HEAD("INVITE") "CSeq: 1 INVITE" CRLF "Replaces: 425928@bobster.example.org;to-tag=7743;"
      "from-tag=6472;early-only" CRLF "Session-Expires: 1800;refresher=uac" CRLF
      "Min-SE: 90" CRLF "Timestamp: 54.1 0" CRLF "Content-Length: 0" CRLF CRLF,
      SIPPARSE_HDR_OTHER, NULL },
    { "PRACK",
      REQ_HEAD("PRACK") "CSeq: 2 PRACK" CRLF "RAck: 776656 1 INVITE" CRLF "Content-Length: 0"
      CRLF CRLF,
      SIPPARSE_HDR_OTHER, NULL },
    { "BYE with Reason",
      REQ_HEAD("BYE") "CSeq: 4 BYE" CRLF "Reason: Q.850;cause=16;text=\"Terminated\"," CRLF
      " SIP;cause=200" CRLF "Content-Length: 0" CRLF CRLF,
      SIPPARSE_HDR_OTHER, NULL },
    { "bad Subscription-State",
      REQ_HEAD("NOTIFY") "CSeq: 2 NOTIFY" CRLF "Event: presence" CRLF
      "Subscription-State: active;expires=soon" CRLF "Content-Length: 0" CRLF CRLF,
      SIPPARSE_HDR_SUBSCRIPTION_STATE, "delta-seconds" },
    { "bad Event", REQ_HEAD("SUBSCRIBE") "CSeq: 2 SUBSCRIBE" CRLF "Event: presence." CRLF
      "Content-Length: 0" CRLF CRLF, SIPPARSE_HDR_EVENT, "Event" },
    { "bad RSeq", "SIP/2.0 183 Session Progress" CRLF
      "Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bKnashds8" CRLF
      "To: <sip:bob@biloxi.example.com>;tag=a6c85cf" CRLF
      "From: <sip:alice@atlanta.example.com>;tag=1928301774" CRLF
      "Call-ID: a84b4c76e66710@pc33.atlanta.example.com" CRLF "CSeq: 1 INVITE" CRLF
      "RSeq: 1.0" CRLF "Content-Length: 0" CRLF CRLF, SIPPARSE_HDR_RSEQ, "response-num" },
    { "bad Retry-After", "SIP/2.0 503 Service Unavailable" CRLF
      "Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bKnashds8" CRLF
      "To: <sip:bob@biloxi.example.com>;tag=a6c85cf" CRLF
      "From: <sip:alice@atlanta.example.com>;tag=1928301774" CRLF
      "Call-ID: a84b4c76e66710@pc33.atlanta.example.com" CRLF "CSeq: 1 INVITE" CRLF
      "Retry-After: 30 (back soon" CRLF "Content-Length: 0" CRLF CRLF,
      SIPPARSE_HDR_RETRY_AFTER, "comment" },
};

START_TEST(test_msg)
{
    const struct msg_row *r = &msg_rows[_i];
    tmsg t;
    tmsg_parse_str(&t, r->text, 0);
    verdict v;
    verdict_run(&t, &v);
    ck_assert_msg(v.parse_rc == SIPPARSE_OK, "%s: parse %s", r->name, err_str(&t.m.error));
    if (r->bad_hdr == SIPPARSE_HDR_OTHER) {
        ck_assert_msg(v.nerrs == 0, "%s: %zu findings: %s", r->name, v.nerrs, err_str(v.err));
    } else {
        ck_assert_msg(v.nerrs == 1, "%s: %zu findings: %s", r->name, v.nerrs, err_str(v.err));
        const sipparse_error *e = verdict_find_hdr(&v, r->bad_hdr);
        ck_assert_msg(e != NULL, "%s: no finding on %s", r->name, hdr_str(r->bad_hdr));
        ck_assert_msg(!e->critical && v.check_rc == SIPPARSE_OK, "%s: critical: %s", r->name,
                      err_str(e));
        ck_assert_msg(e->rule && strcmp(e->rule, r->rule) == 0, "%s: %s", r->name, err_str(e));
        const char *why = error_pos_problem(t.g.data, t.g.len, e);
        ck_assert_msg(why == NULL, "%s: %s: %s", r->name, why, err_str(e));
    }
    tmsg_free(&t);
}
END_TEST

/* ---- linear time ----------------------------------------------------------------------- */

static double cpu_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static const struct lin_row {
    int kind;
    const char *head, *unit, *tail;
} lin_rows[] = {
    { K_RETRY, "1 ", "(", "" },                    /* unbalanced: the matcher reads it all */
    { K_RETRY, "1 ((((", "(a)", "))))" },
    { K_RETRY, "1", ";duration=1", "" },
    { K_EVENT, "a", ".b", ";id=1" },
    { K_EVENT, "presence", ";x=\"y\"", "" },
    { K_ALLOW, "a", ", b.c", "" },
    { K_REASON, "SIP;cause=1", ", Q.850;cause=16;text=\"x\"", "" },
    { K_SUBSTATE, "active", ";reason=giveup", "" },
    { K_REPLACES, "a@b", ";to-tag=1", "" },
    { K_SE, "1", ";refresher=uac", "" },
    { K_TIMESTAMP, "1.", "0", "" },
};

static double time_of(int kind, const char *head, const char *unit, const char *tail, size_t k)
{
    size_t hl = strlen(head), ul = strlen(unit), tl = strlen(tail);
    size_t len = hl + ul * k + tl;
    char *buf = malloc(len);
    ck_assert(buf != NULL);
    memcpy(buf, head, hl);
    for (size_t i = 0; i < k; i++)
        memcpy(buf + hl + i * ul, unit, ul);
    memcpy(buf + hl + ul * k, tail, tl);
    guard_buf g = { 0 };
    sipparse_slice v = { guard_copy(&g, buf, len), len };
    free(buf);
    double best = 1e9;
    for (int run_i = 0; run_i < 5; run_i++) {
        double t0 = cpu_seconds();
        for (int rep = 0; rep < 20; rep++) {
            sipparse_error err;
            size_t pos = 0;
            union {
                sipparse_event e;
                sipparse_reason r;
                sipparse_substate_hdr s;
                sipparse_replaces p;
                sipparse_session_expires x;
                sipparse_retry_after a;
                sipparse_timestamp t;
            } u;
            switch (kind) {
            case K_RETRY:     sipparse_retry_after_parse(v, &u.a, &err); break;
            case K_EVENT:     sipparse_event_parse(v, &u.e, &err); break;
            case K_ALLOW:     while (sipparse_allow_events_next(v, &pos, &u.e, &err) == SIPPARSE_OK) {} break;
            case K_REASON:    while (sipparse_reason_next(v, &pos, &u.r, &err) == SIPPARSE_OK) {} break;
            case K_SUBSTATE:  sipparse_substate_parse(v, &u.s, &err); break;
            case K_REPLACES:  sipparse_replaces_parse(v, &u.p, &err); break;
            case K_SE:        sipparse_session_expires_parse(v, &u.x, &err); break;
            case K_TIMESTAMP: sipparse_timestamp_parse(v, &u.t, &err); break;
            }
        }
        double dt = cpu_seconds() - t0;
        if (dt < best)
            best = dt;
    }
    guard_free(&g);
    return best;
}

START_TEST(test_linear)
{
    const struct lin_row *r = &lin_rows[_i];
    double t1 = time_of(r->kind, r->head, r->unit, r->tail, 2000);
    double t10 = time_of(r->kind, r->head, r->unit, r->tail, 20000);
    if (t1 < 1e-5)   /* too fast to measure: nothing quadratic there */
        return;
    ck_assert_msg(t10 / t1 < 35.0, "%s '%s%s...': 10x input took %.1fx the time",
                  kind_name[r->kind], r->head, r->unit, t10 / t1);
}
END_TEST

Suite *events_suite(void)
{
    Suite *s = suite_create("events");
    TCase *tc = tcase_create("values");
    tcase_add_loop_test(tc, test_row, 0, (int)ARRAY_LEN(rows));
    tcase_add_loop_test(tc, test_absent, 0, K__COUNT);
    suite_add_tcase(s, tc);
    tc = tcase_create("prefixes");
    tcase_add_loop_test(tc, test_prefixes, 0, (int)ARRAY_LEN(rows));
    suite_add_tcase(s, tc);
    tc = tcase_create("messages");
    tcase_add_loop_test(tc, test_msg, 0, (int)ARRAY_LEN(msg_rows));
    suite_add_tcase(s, tc);
    tc = tcase_create("linear");
    tcase_set_timeout(tc, 60);
    tcase_add_loop_test(tc, test_linear, 0, (int)ARRAY_LEN(lin_rows));
    suite_add_tcase(s, tc);
    return s;
}
