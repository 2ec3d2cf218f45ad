/* tools/sipparse/out_text.c: one line per message, errors indented below it.
 *
 * Bytes from the message are printed as they are when they are printable ASCII or
 * well-formed UTF-8 (other than C1 controls); every other byte is written \xHH, and a
 * backslash is written \\, so a line never breaks and can be read back unambiguously. */
#include <string.h>
#include "tool.h"

static void put_bytes(FILE *f, const char *ptr, size_t len)
{
    const unsigned char *p = (const unsigned char *)ptr;
    size_t i = 0;
    while (i < len) {
        unsigned char c = p[i];
        if (c == '\\') {
            fputs("\\\\", f);
            i++;
        } else if (c >= 0x20 && c < 0x7f) {
            fputc(c, f);
            i++;
        } else if (c >= 0x80) {
            size_t n = utf8_seq_len(p + i, len - i);
            /* U+0080..U+009F (C2 80..C2 9F) are control characters: escaped. */
            if (n > 0 && !(n == 2 && c == 0xc2 && p[i + 1] < 0xa0)) {
                fwrite(p + i, 1, n, f);
                i += n;
            } else {
                fprintf(f, "\\x%02X", c);
                i++;
            }
        } else {
            fprintf(f, "\\x%02X", c);
            i++;
        }
    }
}

static void put_slice(FILE *f, sipparse_slice s)
{
    put_bytes(f, s.ptr, s.len);
}

/* "line 4 col 7 header CSeq rule CSeq: number out of range" */
static void put_error_detail(FILE *f, const sipparse_msg *m, const sipparse_error *e)
{
    fprintf(f, "line %u col %u", e->line, e->col);
    sipparse_slice h = report_error_header(m, e);
    if (h.ptr) {
        fputs(" header ", f);
        put_slice(f, h);
    }
    if (e->rule) fprintf(f, " rule %s", e->rule);
    fprintf(f, ": %s", sipparse_strerror(e->code));
}

/* "[E_URI line 1 col 9 Request-Line: malformed URI]" */
static void put_error_brief(FILE *f, const sipparse_error *e)
{
    fprintf(f, "[%s line %u col %u", sipparse_errname(e->code), e->line, e->col);
    if (e->rule) fprintf(f, " %s", e->rule);
    fprintf(f, ": %s]", sipparse_strerror(e->code));
}

/* "  finding: rfc3261_8_2_2_1 error reply 416 line 1 col 9: <summary> (Request-URI scheme)
 *   [RFC 3261 §8.2.2.1]" on one line */
static void put_finding(FILE *f, const sipparse_msg *m, const sipparse_finding *x)
{
    fprintf(f, "  finding: %s %s ", x->rule->id,
            x->rule->severity == SIPPARSE_SEV_ERROR ? "error" : "warning");
    if (x->reply > 0) fprintf(f, "reply %d", x->reply);
    else fputs(x->reply == SIPPARSE_REPLY_DROP ? "drop" : "no-reply", f);
    fprintf(f, " line %u col %u", x->line, x->col);
    if (x->hdr != SIPPARSE_HDR_OTHER) fprintf(f, " header %s", sipparse_hdr_name(x->hdr));
    else if (x->hdr_index >= 0 && (unsigned)x->hdr_index < m->nhdrs) {
        fputs(" header ", f);
        put_slice(f, m->hdrs[x->hdr_index].name);
    }
    fprintf(f, ": %s", x->rule->summary);
    if (x->detail) fprintf(f, " (%s)", x->detail);
    fprintf(f, " [%s]\n", x->rule->section);
}

static void put_cseq(FILE *f, const sipparse_msg *m)
{
    const sipparse_hdr *h = report_hdr(m, SIPPARSE_HDR_CSEQ);
    fputs(" cseq=", f);
    if (!h) {
        fputc('-', f);
        return;
    }
    sipparse_cseq cs;
    sipparse_error err;
    memset(&cs, 0, sizeof cs);
    memset(&err, 0, sizeof err);
    if (sipparse_cseq_parse(h->value, &cs, &err) == SIPPARSE_OK) {
        fprintf(f, "%lu ", (unsigned long)cs.seq);
        put_slice(f, cs.method);
    } else {
        put_slice(f, h->value); /* as written: --check says what is wrong with it */
    }
}

int out_text_msg(FILE *f, const msg_report *r)
{
    const sipparse_msg *m = r->m;
    put_bytes(f, r->file, strlen(r->file));
    fprintf(f, " #%u", r->frame);
    if (r->pkt) {
        char ts[REPORT_TS_MAX];
        report_ts(ts, sizeof ts, r->pkt);
        char a[PKT_ADDR_MAX], b[PKT_ADDR_MAX];
        fprintf(f, " %s %s -> %s %s", ts, pkt_endpoint(r->pkt, 0, a), pkt_endpoint(r->pkt, 1, b),
                r->pkt->transport);
        if (r->pkt->url) {
            fputc(' ', f);
            put_bytes(f, r->pkt->url, strlen(r->pkt->url));
        }
    }

    switch (report_kind(m)) {
    case 1:
        fputs(" request ", f);
        put_slice(f, m->method_name);
        if (m->ruri.ptr) {
            fputc(' ', f);
            put_slice(f, m->ruri);
        }
        break;
    case 2:
        fprintf(f, " response %u", m->status);
        if (m->reason.ptr && m->reason.len > 0) {
            fputc(' ', f);
            put_slice(f, m->reason);
        }
        break;
    default:
        fputs(" unknown", f);
        break;
    }

    const sipparse_hdr *cid = report_hdr(m, SIPPARSE_HDR_CALL_ID);
    fputs(" call-id=", f);
    if (cid) put_slice(f, cid->value);
    else fputc('-', f);
    put_cseq(f, m);

    if (r->parse_rc == SIPPARSE_OK && m->trailing > 0)
        fprintf(f, " trailing=%lu", (unsigned long)m->trailing);

    int first = 1;
    for (size_t i = 0; i < lenient_count; i++) {
        if (!(m->warnings & lenient_names[i].flag)) continue;
        fprintf(f, "%s%s", first ? " lenient=" : ",", lenient_names[i].name);
        first = 0;
    }

    size_t nerr = report_error_count(r);
    if (nerr > 0) {
        fprintf(f, " errors=%lu ", (unsigned long)nerr);
        put_error_brief(f, report_error_at(r, 0));
    }
    fputc('\n', f);

    if (r->list_errors) {
        size_t kept = report_errors_kept(r);
        for (size_t i = 0; i < kept; i++) {
            fputs("  error: ", f);
            put_error_detail(f, m, report_error_at(r, i));
            fprintf(f, " [%s]\n", sipparse_errname(report_error_at(r, i)->code));
        }
        if (nerr > kept)
            fprintf(f, "  error: %lu more not shown\n", (unsigned long)(nerr - kept));
    }
    for (size_t i = 0; i < r->nfindings_kept; i++)
        put_finding(f, m, &r->findings[i]);
    if (r->nfindings > r->nfindings_kept)
        fprintf(f, "  finding: %lu more not shown\n",
                (unsigned long)(r->nfindings - r->nfindings_kept));
    return 0;
}

int out_text_stream(FILE *f, const stream_report *s)
{
    put_bytes(f, s->file, strlen(s->file));
    fprintf(f, " stream messages=%u pings=%u pongs=%u", s->messages, s->pings, s->pongs);
    if (s->unframed > 0) fprintf(f, " unframed=%lu", (unsigned long)s->unframed);
    fputc('\n', f);
    return 0;
}
