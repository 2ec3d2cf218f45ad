/* events.c: Event, Allow-Events, Subscription-State (RFC 6665), Reason (RFC 3326),
 * Session-Expires, Min-SE (RFC 4028), Replaces (RFC 3891), Refer-To (RFC 3515),
 * Referred-By (RFC 3892), RAck, RSeq (RFC 3262), Retry-After, Timestamp (RFC 3261).
 * The grammar is in grammar/sip_events.re; this file trims, loops over lists and checks
 * that a value ends where its grammar does. */
#include <string.h>
#include "grammar.h"

static const char *end_of(sipparse_slice v) { return v.ptr + v.len; }

/* After a single value matched up to end: only LWS may follow. Junk that starts with
 * ';' is a param that did not match its rule; anything else breaks the header's rule. */
static sipparse_err finish(const char *end, const char *lim, const char *param_rule,
                           const char *rule, sipparse_error *err)
{
    const char *at = sp_sws(end, lim);
    if (at == lim)
        return SIPPARSE_OK;
    return sp_fail(err, SIPPARSE_E_HEADER_VALUE, at, *at == ';' ? param_rule : rule);
}

sipparse_err sipparse_event_parse(sipparse_slice value, sipparse_event *out, sipparse_error *err)
{
    sipparse_error local;   /* the code must not depend on whether the caller wants details */
    if (!err)
        err = &local;
    if (!value.ptr)
        return sp_fail(err, SIPPARSE_E_HEADER_VALUE, NULL, "event-type");
    const char *lim = end_of(value);
    memset(out, 0, sizeof *out);
    const char *end = sp_event(sp_sws(value.ptr, lim), lim, 1, out, err);
    if (!end)
        return err->code;
    return finish(end, lim, "event-param", "Event", err);
}

sipparse_err sipparse_allow_events_next(sipparse_slice value, size_t *pos, sipparse_event *out,
                                        sipparse_error *err)
{
    sipparse_error local;
    if (!err)
        err = &local;
    if (!value.ptr)
        return sp_fail(err, SIPPARSE_E_HEADER_VALUE, NULL, "event-type");
    const char *lim = end_of(value);
    const char *p = sp_sws(value.ptr + *pos, lim);
    if (p == lim)
        return *pos == 0 ? sp_fail(err, SIPPARSE_E_HEADER_VALUE, p, "event-type") : SIPPARSE_END;
    memset(out, 0, sizeof *out);
    const char *end = sp_event(p, lim, 0, out, err);
    if (!end)
        return err->code;
    const char *after = sp_sws(end, lim);
    if (after == lim) {
        *pos = value.len;
        return SIPPARSE_OK;
    }
    const char *c = sp_comma(end, lim);
    if (!c)
        return sp_fail(err, SIPPARSE_E_HEADER_VALUE, after, "Allow-Events");
    if (sp_sws(c, lim) == lim)   /* a comma must be followed by an event-type */
        return sp_fail(err, SIPPARSE_E_HEADER_VALUE, lim, "event-type");
    *pos = (size_t)(c - value.ptr);
    return SIPPARSE_OK;
}

sipparse_err sipparse_substate_parse(sipparse_slice value, sipparse_substate_hdr *out,
                                     sipparse_error *err)
{
    sipparse_error local;
    if (!err)
        err = &local;
    if (!value.ptr)
        return sp_fail(err, SIPPARSE_E_HEADER_VALUE, NULL, "substate-value");
    const char *lim = end_of(value);
    memset(out, 0, sizeof *out);
    const char *end = sp_substate(sp_sws(value.ptr, lim), lim, out, err);
    if (!end)
        return err->code;
    return finish(end, lim, "subexp-params", "Subscription-State", err);
}

sipparse_err sipparse_reason_next(sipparse_slice value, size_t *pos, sipparse_reason *out,
                                  sipparse_error *err)
{
    sipparse_error local;
    if (!err)
        err = &local;
    if (!value.ptr)
        return sp_fail(err, SIPPARSE_E_HEADER_VALUE, NULL, "reason-value");
    const char *lim = end_of(value);
    const char *p = sp_sws(value.ptr + *pos, lim);
    if (p == lim)
        return *pos == 0 ? sp_fail(err, SIPPARSE_E_HEADER_VALUE, p, "reason-value") : SIPPARSE_END;
    memset(out, 0, sizeof *out);
    const char *end = sp_reason(p, lim, out, err);
    if (!end)
        return err->code;
    out->raw = (sipparse_slice){ p, (size_t)(end - p) };
    const char *after = sp_sws(end, lim);
    if (after == lim) {
        *pos = value.len;
        return SIPPARSE_OK;
    }
    const char *c = sp_comma(end, lim);
    if (!c)
        return sp_fail(err, SIPPARSE_E_HEADER_VALUE, after,
                       *after == ';' ? "reason-params" : "Reason");
    if (sp_sws(c, lim) == lim)
        return sp_fail(err, SIPPARSE_E_HEADER_VALUE, lim, "reason-value");
    *pos = (size_t)(c - value.ptr);
    return SIPPARSE_OK;
}

static sipparse_err session_expires(sipparse_slice value, int min_se,
                                    sipparse_session_expires *out, sipparse_error *err)
{
    sipparse_error local;
    if (!err)
        err = &local;
    if (!value.ptr)
        return sp_fail(err, SIPPARSE_E_HEADER_VALUE, NULL, "delta-seconds");
    const char *lim = end_of(value);
    memset(out, 0, sizeof *out);
    const char *end = sp_session_expires(sp_sws(value.ptr, lim), lim, min_se, out, err);
    if (!end)
        return err->code;
    return finish(end, lim, min_se ? "generic-param" : "se-params",
                  min_se ? "Min-SE" : "Session-Expires", err);
}

sipparse_err sipparse_session_expires_parse(sipparse_slice value, sipparse_session_expires *out,
                                            sipparse_error *err)
{
    return session_expires(value, 0, out, err);
}

sipparse_err sipparse_min_se_parse(sipparse_slice value, sipparse_session_expires *out,
                                   sipparse_error *err)
{
    return session_expires(value, 1, out, err);
}

sipparse_err sipparse_replaces_parse(sipparse_slice value, sipparse_replaces *out,
                                     sipparse_error *err)
{
    sipparse_error local;
    if (!err)
        err = &local;
    if (!value.ptr)
        return sp_fail(err, SIPPARSE_E_HEADER_VALUE, NULL, "callid");
    const char *lim = end_of(value);
    memset(out, 0, sizeof *out);
    const char *end = sp_replaces(sp_sws(value.ptr, lim), lim, out, err);
    if (!end)
        return err->code;
    return finish(end, lim, "replaces-param", "Replaces", err);
}

sipparse_err sipparse_refer_to_parse(sipparse_slice value, sipparse_nameaddr *out,
                                     sipparse_error *err)
{
    return sipparse_nameaddr_parse(value.ptr, value.len, out, err);
}

sipparse_err sipparse_referred_by_parse(sipparse_slice value, sipparse_referred_by *out,
                                        sipparse_error *err)
{
    sipparse_err rc = sipparse_nameaddr_parse(value.ptr, value.len, &out->addr, err);
    out->cid = SIPPARSE_SLICE_NONE;
    if (rc != SIPPARSE_OK)
        return rc;
    /* referredby-id-param = "cid" EQUAL sip-clean-msg-id: a generic-param to the
     * name-addr grammar, so its value is checked here (the last cid is kept) */
    sipparse_slice rest = out->addr.params;
    sipparse_param prm;
    while (sipparse_param_next(&rest, &prm)) {
        if (!SP_EQ_LIT(prm.name, "cid"))
            continue;
        if (!prm.value.ptr || !sp_msg_id(prm.value.ptr, end_of(prm.value)))
            return sp_fail(err, SIPPARSE_E_HEADER_VALUE, prm.value.ptr ? prm.value.ptr : prm.name.ptr,
                           "sip-clean-msg-id");
        out->cid = prm.value;
    }
    return SIPPARSE_OK;
}

/* A 32-bit number the grammar matched, or E_RANGE at its first digit. */
static sipparse_err num32(sipparse_slice digits, uint32_t *out, const char *rule,
                          sipparse_error *err)
{
    unsigned long long n;
    if (sipparse_slice_to_u64(digits, 0xffffffffu, &n) != 0)
        return sp_fail(err, SIPPARSE_E_RANGE, digits.ptr, rule);
    *out = (uint32_t)n;
    return SIPPARSE_OK;
}

sipparse_err sipparse_rack_parse(sipparse_slice value, sipparse_rack *out, sipparse_error *err)
{
    sipparse_slice rseq, cseq;
    if (!value.ptr || !sp_rack(value.ptr, end_of(value), &rseq, &cseq, &out->method))
        return sp_fail(err, SIPPARSE_E_HEADER_VALUE, value.ptr, "RAck");
    sipparse_err rc = num32(rseq, &out->rseq, "response-num", err);
    if (rc == SIPPARSE_OK)
        rc = num32(cseq, &out->cseq, "CSeq-num", err);
    if (rc != SIPPARSE_OK)
        return rc;
    out->method_id = sp_method_id(out->method.ptr, end_of(out->method));
    return SIPPARSE_OK;
}

sipparse_err sipparse_rseq_parse(sipparse_slice value, uint32_t *out, sipparse_error *err)
{
    if (!value.ptr || sp_digits(value.ptr, end_of(value)) != end_of(value))
        return sp_fail(err, SIPPARSE_E_HEADER_VALUE, value.ptr, "response-num");
    return num32(value, out, "response-num", err);
}

sipparse_err sipparse_retry_after_parse(sipparse_slice value, sipparse_retry_after *out,
                                        sipparse_error *err)
{
    sipparse_error local;
    if (!err)
        err = &local;
    if (!value.ptr)
        return sp_fail(err, SIPPARSE_E_HEADER_VALUE, NULL, "delta-seconds");
    const char *lim = end_of(value);
    memset(out, 0, sizeof *out);
    const char *end = sp_retry_after(sp_sws(value.ptr, lim), lim, out, err);
    if (!end)
        return err->code;
    return finish(end, lim, "retry-param", "Retry-After", err);
}

sipparse_err sipparse_timestamp_parse(sipparse_slice value, sipparse_timestamp *out,
                                      sipparse_error *err)
{
    if (!value.ptr)
        return sp_fail(err, SIPPARSE_E_HEADER_VALUE, NULL, "Timestamp");
    const char *lim = end_of(value);
    const char *p = sp_sws(value.ptr, lim);
    memset(out, 0, sizeof *out);
    const char *end = sp_timestamp(p, lim, out);
    if (!end)
        return sp_fail(err, SIPPARSE_E_HEADER_VALUE, p, "Timestamp");
    if (end != lim)   /* the grammar takes trailing LWS (an empty delay) itself */
        return sp_fail(err, SIPPARSE_E_HEADER_VALUE, end, "Timestamp");
    return SIPPARSE_OK;
}

/* sipparse_msg_check: every value of a list header */
sipparse_err sp_check_allow_events(sipparse_slice v, sipparse_error *e)
{
    sipparse_event ev;
    size_t pos = 0;
    sipparse_err r;
    while ((r = sipparse_allow_events_next(v, &pos, &ev, e)) == SIPPARSE_OK)
        ;
    return r == SIPPARSE_END ? SIPPARSE_OK : r;
}

sipparse_err sp_check_reason(sipparse_slice v, sipparse_error *e)
{
    sipparse_reason rs;
    size_t pos = 0;
    sipparse_err r;
    while ((r = sipparse_reason_next(v, &pos, &rs, e)) == SIPPARSE_OK)
        ;
    return r == SIPPARSE_END ? SIPPARSE_OK : r;
}
