/* fuzz/fuzz_msg.c: sipparse_msg_parse and everything a caller does with its result.
 *
 * Input: byte 0 picks the flags, the rest is the message.
 *   bits 0-4  SIPPARSE_F_ALLOW_* leniency bits (SIPPARSE_F_LENIENT)
 *   bit 5     SIPPARSE_F_STREAM
 *   bit 6     a small line limit (max_line 64)
 *   bit 7     a small size limit (max_size 512)
 * The header array holds 32 headers, so SIPPARSE_E_LIMIT_HEADERS is reachable. */
#include <stdlib.h>
#include <string.h>
#include "fuzz_common.h"

#define CAP 32
#define ERRS 80   /* more than a 32-header message can produce: 32 values + 32 duplicates + 6 */

/* sipparse_msg_parse's error: code, position in [buf, buf + size], located. */
static void check_msg_error(const sipparse_msg *m, sipparse_err rc, const char *buf, size_t size)
{
    const sipparse_error *e = &m->error;
    fz_check_error(e, rc, buf, buf + size);
    if (rc == SIPPARSE_E_AGAIN) {
        CHECK(m->flags & SIPPARSE_F_STREAM);
        return;
    }
    CHECK(e->critical == 1);
    CHECK(e->hdr_index >= -1 && (e->hdr_index < 0 || (unsigned)e->hdr_index < m->nhdrs));
    CHECK((unsigned)e->hdr < SIPPARSE_HDR__COUNT);
    if (e->at) {
        CHECK(e->offset == (size_t)(e->at - buf));
        CHECK(e->offset <= size);
        CHECK(e->line >= 1 && e->col >= 1 && e->col <= e->offset + 1);
    } else {
        CHECK(e->offset == 0 && e->line == 0);
    }
    if (rc == SIPPARSE_E_CL_MISSING)
        CHECK(m->flags & SIPPARSE_F_STREAM);
    if (rc == SIPPARSE_E_LIMIT_HEADERS)
        CHECK(m->nhdrs == m->hdr_cap);
    if (rc == SIPPARSE_E_LINE_END)
        CHECK(e->at != NULL);
}

/* The header index: slices, ids, chains by id, lookups by name. */
static void check_headers(const sipparse_msg *m, const char *lo, const char *hi)
{
    unsigned seen = 0;
    CHECK(m->nhdrs <= m->hdr_cap);
    for (unsigned i = 0; i < m->nhdrs; i++) {
        const sipparse_hdr *h = &m->hdrs[i];
        CHECK(h->id < SIPPARSE_HDR__COUNT);
        CHECK(h->name.ptr && h->name.len > 0);
        CHECK_IN(h->name, lo, hi);
        CHECK(h->value.ptr != NULL);
        CHECK_IN(h->value, lo, hi);
        CHECK(h->value.ptr >= h->name.ptr + h->name.len);
        CHECK(m->buf + h->offset == h->name.ptr);
        CHECK(h->line >= 2);
        CHECK(sipparse_hdr_lookup(h->name.ptr, h->name.len) == h->id);
        CHECK(h->next == SIPPARSE_HDR_NONE || (h->next > i && h->next < m->nhdrs &&
                                               m->hdrs[h->next].id == h->id));
        if (i > 0)
            CHECK(h->offset > m->hdrs[i - 1].offset && h->line > m->hdrs[i - 1].line);
        const sipparse_hdr *named = sipparse_msg_hdr_named(m, h->name.ptr, h->name.len);
        CHECK(named && named <= h && named->name.len == h->name.len);
    }
    for (unsigned id = 0; id < SIPPARSE_HDR__COUNT; id++) {
        unsigned steps = 0;
        const sipparse_hdr *last = NULL;
        for (const sipparse_hdr *h = sipparse_msg_hdr(m, (sipparse_hdr_id)id); h;
             h = sipparse_msg_hdr_next(m, h)) {
            CHECK(++steps <= m->nhdrs);
            CHECK(h >= m->hdrs && h < m->hdrs + m->nhdrs);
            CHECK(h->id == id);
            CHECK(!last || h > last);
            last = h;
        }
        if (last)
            CHECK(m->last[id] == (uint16_t)(last - m->hdrs));
        else
            CHECK(m->first[id] == SIPPARSE_HDR_NONE);
        seen += steps;
    }
    CHECK(seen == m->nhdrs);
    CHECK(sipparse_msg_hdr(m, SIPPARSE_HDR__COUNT) == NULL);
}

/* sipparse_msg_check: its findings lie in the message and agree with the typed
 * parsers run one by one; a small error array reports the same count. */
static void check_rules(const sipparse_msg *m, const char *buf, size_t size)
{
    sipparse_error errs[ERRS], few[2];
    size_t n = 0, n2 = 0;
    sipparse_err rc = sipparse_msg_check(m, errs, ERRS, &n);
    sipparse_err rc2 = sipparse_msg_check(m, few, 2, &n2);
    CHECK(rc == rc2 && n == n2);
    CHECK(n <= ERRS);
    CHECK(rc == SIPPARSE_OK || n > 0);
    int any_critical = 0;
    for (size_t i = 0; i < n; i++) {
        const sipparse_error *e = &errs[i];
        CHECK(e->code != SIPPARSE_OK && (unsigned)e->code < SIPPARSE_ERR__COUNT);
        CHECK(e->rule != NULL);
        CHECK(e->hdr_index >= -1 && (e->hdr_index < 0 || (unsigned)e->hdr_index < m->nhdrs));
        if (e->at) {
            CHECK(e->at >= buf && e->at <= buf + size);
            CHECK(e->offset == (size_t)(e->at - buf) && e->line >= 1 && e->col >= 1);
        }
        if (i < 2)
            CHECK(few[i].code == e->code && few[i].at == e->at && few[i].hdr_index == e->hdr_index);
        if (e->critical && !any_critical) {
            CHECK(rc == e->code);
            any_critical = 1;
        }
    }
    CHECK(any_critical == (rc != SIPPARSE_OK));
    /* each header's typed parse fails exactly when msg_check reports a value error
     * for it, with the same code */
    for (unsigned i = 0; i < m->nhdrs; i++) {
        const sipparse_hdr *h = &m->hdrs[i];
        sipparse_err t = fz_typed_value((sipparse_hdr_id)h->id, h->value);
        const sipparse_error *found = NULL;
        for (size_t k = 0; k < n; k++)
            if (errs[k].hdr_index == (int)i && errs[k].code != SIPPARSE_E_DUPLICATE_HEADER &&
                errs[k].code != SIPPARSE_E_CSEQ_METHOD && !found)
                found = &errs[k];
        if (t == SIPPARSE_OK)
            CHECK(found == NULL);
        else
            CHECK(found != NULL && found->code == t);
    }
}

/* The transaction lookup of rfc3261_8_2_2_2 (merged requests), in the roles that have
 * one: it answers from the message's length, so new (0), retransmission (1) and merged
 * (2) all happen, and remembers its last answer. */
static int lookup_answer;
static int lookup(void *user, const sipparse_msg *m)
{
    CHECK(user == &lookup_answer && m->is_request);
    return lookup_answer = (int)(m->len % 3);
}

/* sipparse_sanity_check in every role: findings name a rule of the table, lie in the
 * message, and a response or an ACK is never answered; a small array gets the same
 * count and the same first findings; the transaction lookup's answer becomes a
 * finding of rfc3261_8_2_2_2 (dropped for a retransmission, 482 for a merge) or none. */
static void check_sanity(const sipparse_msg *m, const char *buf, size_t size)
{
    static const char *const tags[] = { "100rel", "timer" };
    static const char *const types[] = { "application/sdp", "text/*" };
    size_t nrules;
    const sipparse_rule *rules = sipparse_sanity_rules(&nrules);
    for (int role = SIPPARSE_ROLE_ANY; role <= SIPPARSE_ROLE_PROXY; role++) {
        sipparse_sanity_ctx ctx;
        memset(&ctx, 0, sizeof ctx);
        ctx.role = (sipparse_role)role;
        if (role != SIPPARSE_ROLE_ANY) {
            ctx.extensions = tags;
            ctx.n_extensions = 2;
            ctx.content_types = types;
            ctx.n_content_types = 2;
            ctx.local_id = "abc";
            ctx.local_id_len = 3;
            ctx.transaction = lookup;
            ctx.user = &lookup_answer;
        }
        sipparse_finding f[ERRS], few[1];
        lookup_answer = -1;
        size_t n = sipparse_sanity_check(m, &ctx, f, ERRS);
        int answer = lookup_answer, merged = 0;
        CHECK(sipparse_sanity_check(m, &ctx, few, 1) == n);
        CHECK(sipparse_sanity_check(m, &ctx, NULL, 0) == n);
        for (size_t i = 0; i < n && i < ERRS; i++) {
            CHECK(f[i].rule >= rules && f[i].rule < rules + nrules);
            CHECK(f[i].at >= buf && f[i].at <= buf + size);
            CHECK(f[i].offset == (size_t)(f[i].at - buf) && f[i].line >= 1);
            CHECK(f[i].hdr_index >= -1 && (f[i].hdr_index < 0 || (unsigned)f[i].hdr_index < m->nhdrs));
            if (!m->is_request || m->method == SIPPARSE_METHOD_ACK)
                CHECK(f[i].reply <= 0);
            CHECK(f[i].reply == f[i].rule->reply || f[i].reply == SIPPARSE_REPLY_DROP);
            if (strcmp(f[i].rule->id, "rfc3261_8_2_2_2") == 0) {
                CHECK(answer == 1 || answer == 2);
                /* an ACK is never answered, whatever the rule says */
                int ack = m->method == SIPPARSE_METHOD_ACK;
                CHECK(f[i].reply == (answer == 1 || ack ? SIPPARSE_REPLY_DROP : 482));
                merged++;
            }
        }
        if (n <= ERRS)
            CHECK(merged == (answer == 1 || answer == 2));
        if (n > 0)
            CHECK(few[0].rule == f[0].rule && few[0].at == f[0].at);
    }
}

static void check_message(const sipparse_msg *m, const char *buf, size_t size)
{
    CHECK(m->buf == buf);
    CHECK(m->start <= size && m->len <= size - m->start && m->trailing <= size - m->start - m->len);
    if (m->flags & SIPPARSE_F_STREAM)
        CHECK(m->trailing == 0);
    else
        CHECK(m->start + m->len + m->trailing == size);   /* a datagram is used whole */
    const char *lo = buf + m->start, *hi = lo + m->len;
    CHECK(m->len > 0);
    CHECK_IN(m->version, lo, hi);
    CHECK(m->version.ptr && m->version.len >= 7);
    if (m->is_request) {
        CHECK(m->method_name.ptr == lo && m->method_name.len > 0);
        CHECK((unsigned)m->method < SIPPARSE_METHOD__COUNT);
        if (m->method != SIPPARSE_METHOD_OTHER) {
            const char *name = sipparse_method_str(m->method);
            CHECK(strlen(name) == m->method_name.len &&
                  memcmp(name, m->method_name.ptr, m->method_name.len) == 0);
        }
        CHECK_IN(m->ruri, lo, hi);
        CHECK(m->ruri.ptr > m->method_name.ptr && m->ruri.ptr < m->version.ptr);
        CHECK(m->uri.raw.ptr == m->ruri.ptr && m->uri.raw.len == m->ruri.len);
        fz_check_uri(&m->uri, m->ruri.ptr, m->ruri.ptr + m->ruri.len);
        fz_uri_roundtrip(&m->uri, SIPPARSE_URI_REQUEST);
        CHECK(!m->uri.headers.ptr);
    } else {
        CHECK(m->version.ptr == lo);
        CHECK(m->status <= 999);
        CHECK_IN(m->reason, lo, hi);
    }
    CHECK((m->warnings & ~(unsigned)SIPPARSE_F_LENIENT) == 0);
    CHECK((m->warnings & ~m->flags) == 0);
    if (m->start > 0)
        CHECK((m->flags & (SIPPARSE_F_STREAM | SIPPARSE_F_ALLOW_LEADING_CRLF)) != 0);
    CHECK(m->body.ptr != NULL);
    CHECK_IN(m->body, lo, hi);
    CHECK(m->body.ptr + m->body.len == hi);
    if (m->has_content_length)
        CHECK(m->body.len == m->content_length);
    else
        CHECK(!(m->flags & SIPPARSE_F_STREAM));
    check_headers(m, lo, m->body.ptr);
    check_rules(m, buf, size);
    check_sanity(m, buf, size);
}

/* The message is self-contained: its own bytes, copied exactly, parse to the same
 * index; and a datagram that carries a Content-Length frames the same way on a
 * stream. */
static void check_reparse(const sipparse_msg *m)
{
    const char *msg = m->buf + m->start;
    char *copy = fz_copy((const uint8_t *)msg, m->len);
    sipparse_hdr hdrs[CAP];
    sipparse_msg again;
    sipparse_msg_init(&again, hdrs, CAP, m->flags);
    again.max_line = m->max_line;
    again.max_size = m->max_size;
    CHECK(sipparse_msg_parse(&again, copy, m->len) == SIPPARSE_OK);
    CHECK(again.start == 0 && again.len == m->len && again.trailing == 0);
    CHECK(again.nhdrs == m->nhdrs && again.is_request == m->is_request);
    CHECK(again.body.len == m->body.len && again.body.ptr - copy == m->body.ptr - msg);
    for (unsigned i = 0; i < m->nhdrs; i++) {
        CHECK(again.hdrs[i].id == m->hdrs[i].id);
        CHECK(again.hdrs[i].value.len == m->hdrs[i].value.len);
        CHECK(again.hdrs[i].value.ptr - copy == m->hdrs[i].value.ptr - msg);
    }
    free(copy);

    if (!(m->flags & SIPPARSE_F_STREAM) && m->has_content_length &&
        !(m->warnings & SIPPARSE_F_ALLOW_MISSING_EOH)) {
        sipparse_msg st;
        sipparse_msg_init(&st, hdrs, CAP, m->flags | SIPPARSE_F_STREAM);
        st.max_line = m->max_line;
        st.max_size = m->max_size;
        CHECK(sipparse_msg_parse(&st, m->buf, m->start + m->len + m->trailing) == SIPPARSE_OK);
        CHECK(st.start == m->start && st.len == m->len && st.nhdrs == m->nhdrs);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    uint8_t sel = data[0];
    unsigned flags = (sel & SIPPARSE_F_LENIENT) | ((sel & 0x20) ? SIPPARSE_F_STREAM : 0);
    size--;
    char *buf = fz_copy(data + 1, size);

    sipparse_hdr hdrs[CAP];
    sipparse_msg m;
    sipparse_msg_init(&m, hdrs, CAP, flags);
    if (sel & 0x40)
        m.max_line = 64;
    if (sel & 0x80)
        m.max_size = 512;
    sipparse_err rc = sipparse_msg_parse(&m, buf, size);
    CHECK((unsigned)rc < SIPPARSE_ERR__COUNT && rc != SIPPARSE_END);
    CHECK(m.error.code == rc);
    if (rc == SIPPARSE_OK) {
        check_message(&m, buf, size);
        check_reparse(&m);
        if (!(flags & SIPPARSE_F_STREAM))
            CHECK(size <= m.max_size);
    } else {
        check_msg_error(&m, rc, buf, size);
        sipparse_finding f;
        sipparse_sanity_parse_error(&m, size, rc, &f);   /* the one finding it stands for */
        CHECK(f.rule != NULL && f.rule->severity == SIPPARSE_SEV_ERROR && f.reply >= 0);
    }
    free(buf);
    return 0;
}
