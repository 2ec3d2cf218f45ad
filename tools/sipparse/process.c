/* tools/sipparse/process.c: one input, as one datagram or as a stream of messages. */
#include <string.h>
#include "tool.h"

static int emit(const tool_config *cfg, const msg_report *r)
{
    if (cfg->quiet)
        return 0;
    return cfg->format == OUT_JSON ? out_json_msg(stdout, r) : out_text_msg(stdout, r);
}

/* The validation findings: the rules on a parsed message, or the one finding its parse
 * error stands for (never a cascade of rules on a message that did not parse). */
static void validate(const tool_config *cfg, msg_report *r, const sipparse_msg *m, size_t len,
                     sipparse_finding *out)
{
    if (r->parse_rc == SIPPARSE_OK) {
        r->nfindings = sipparse_sanity_check(m, &cfg->element, out, TOOL_MAX_FINDINGS);
    } else {
        sipparse_sanity_parse_error(m, len, r->parse_rc, out);
        r->nfindings = 1;
    }
    r->findings = out;
    r->nfindings_kept = r->nfindings < TOOL_MAX_FINDINGS ? r->nfindings : TOOL_MAX_FINDINGS;
}

/* Exit status of one message: a parse error fails; with --check, so does an error
 * finding, and with --strict any finding. */
static int message_status(const tool_config *cfg, const msg_report *r)
{
    if (r->parse_rc != SIPPARSE_OK)
        return EXIT_FINDINGS;
    for (size_t i = 0; i < r->nfindings_kept; i++)
        if (cfg->strict || r->findings[i].rule->severity == SIPPARSE_SEV_ERROR)
            return EXIT_FINDINGS;
    return cfg->strict && r->nfindings > 0 ? EXIT_FINDINGS : EXIT_CLEAN;
}

/* Runs the checks when asked, writes the report, returns the message's exit status.
 * len: the bytes the message was parsed from. */
static int finish(const tool_config *cfg, msg_report *r, const sipparse_msg *m, size_t len)
{
    sipparse_error cerrs[TOOL_MAX_CHECK_ERRORS];
    sipparse_finding findings[TOOL_MAX_FINDINGS];
    if (!filter_report(cfg, r)) return EXIT_CLEAN; /* --method, --call-id: counted there */
    r->list_errors = cfg->check;
    r->findings = NULL;
    r->nfindings = r->nfindings_kept = 0;
    r->checked = 0;
    r->cerrs = NULL;
    r->ncerrs = r->ncerrs_kept = 0;
    /* The grammar checks need a message the parser accepted. */
    if (cfg->check && r->parse_rc == SIPPARSE_OK) {
        size_t n = 0;
        memset(cerrs, 0, sizeof cerrs);
        (void)sipparse_msg_check(m, cerrs, TOOL_MAX_CHECK_ERRORS, &n);
        r->checked = 1;
        r->cerrs = cerrs;
        r->ncerrs = n;
        r->ncerrs_kept = n < TOOL_MAX_CHECK_ERRORS ? n : TOOL_MAX_CHECK_ERRORS;
    }
    if (cfg->check)
        validate(cfg, r, m, len, findings);
    int status = message_status(cfg, r);
    if (emit(cfg, r) != 0) {
        fprintf(stderr, TOOL_NAME ": %s: out of memory while writing message %u\n",
                r->file, r->frame);
        status = EXIT_TROUBLE;
    }
    r->cerrs = NULL; /* cerrs and findings die here */
    r->findings = NULL;
    return status;
}

static int worse(int a, int b) { return a > b ? a : b; }

/* Gives the parse error of m a position when the parser left none: an incomplete
 * message (E_AGAIN) is placed at the end of the bytes it was given. */
static void locate_parse_error(sipparse_msg *m, sipparse_err rc, const char *buf, size_t len)
{
    m->error.code = rc;
    if (m->error.line != 0) return;
    if (!m->error.at && rc == SIPPARSE_E_AGAIN) m->error.at = buf + len;
    if (m->error.at) sipparse_error_locate(&m->error, buf, len);
}

static int run_datagram(const tool_config *cfg, const tool_input *in, sipparse_hdr *hdrs,
                        unsigned hdr_cap, tool_stats *stats)
{
    static const char empty[1] = "";
    const char *buf = in->data ? in->data : empty;
    sipparse_msg m;
    memset(&m, 0, sizeof m);
    sipparse_msg_init(&m, hdrs, hdr_cap, cfg->lenient);
    sipparse_err rc = sipparse_msg_parse(&m, buf, in->len);

    msg_report r;
    memset(&r, 0, sizeof r);
    r.file = in->name;
    r.frame = 1;
    r.stream = 0;
    r.offset = m.start <= in->len ? m.start : 0;
    r.m = &m;
    r.parse_rc = rc;
    r.perr = &m.error;
    if (rc != SIPPARSE_OK) locate_parse_error(&m, rc, buf, in->len);
    stats_message(stats, &m, "file", rc == SIPPARSE_OK);
    return finish(cfg, &r, &m, in->len);
}

static int run_stream(const tool_config *cfg, const tool_input *in, sipparse_hdr *hdrs,
                      unsigned hdr_cap, tool_stats *stats)
{
    static const char empty[1] = "";
    const char *buf = in->data ? in->data : empty;
    const unsigned flags = cfg->lenient | SIPPARSE_F_STREAM;
    stream_report s;
    memset(&s, 0, sizeof s);
    s.file = in->name;
    int status = EXIT_CLEAN;
    size_t pos = 0;

    while (pos < in->len) {
        const char *at = buf + pos;
        size_t left = in->len - pos;
        sipparse_frame_info fi;
        sipparse_error ferr;
        memset(&fi, 0, sizeof fi);
        memset(&ferr, 0, sizeof ferr);
        sipparse_err frc = sipparse_frame(at, left, flags, SIPPARSE_DEFAULT_MAX_SIZE, &fi, &ferr);
        int framed = frc == SIPPARSE_OK && fi.len > 0 && fi.len <= left;
        if (framed && fi.kind == SIPPARSE_FRAME_PING) {
            s.pings++;
            pos += fi.len;
            continue;
        }
        if (framed && fi.kind == SIPPARSE_FRAME_PONG) {
            s.pongs++;
            pos += fi.len;
            continue;
        }
        /* A CRLF at the very end could be half a ping; the stream is over, so it was a
         * pong (RFC 5626 §3.5.1; sipparse_frame says E_AGAIN until it sees more). */
        if (frc == SIPPARSE_E_AGAIN && left == 2 && at[0] == '\r' && at[1] == '\n') {
            s.pongs++;
            break;
        }

        sipparse_msg m;
        memset(&m, 0, sizeof m);
        sipparse_msg_init(&m, hdrs, hdr_cap, flags);
        msg_report r;
        memset(&r, 0, sizeof r);
        r.file = in->name;
        r.frame = ++s.messages;
        r.stream = 1;
        r.m = &m;

        if (framed && fi.kind == SIPPARSE_FRAME_MESSAGE) {
            sipparse_err rc = sipparse_msg_parse(&m, at, fi.len);
            r.offset = pos + (m.start <= fi.len ? m.start : 0);
            r.parse_rc = rc;
            r.perr = &m.error;
            if (rc != SIPPARSE_OK) locate_parse_error(&m, rc, at, fi.len);
            stats_message(stats, &m, "file", rc == SIPPARSE_OK);
            status = worse(status, finish(cfg, &r, &m, fi.len));
            pos += fi.len;
            continue;
        }

        /* Framing failed (no or bad Content-Length, a message cut short at the end of
         * the input, a limit): nothing after this point can be cut into messages. The
         * parser still reads what it can of the message for the report. */
        if (frc == SIPPARSE_OK) frc = SIPPARSE_E_AGAIN; /* no usable frame came back */
        sipparse_err rc = sipparse_msg_parse(&m, at, left);
        r.offset = pos + (m.start <= left ? m.start : 0);
        if (rc != SIPPARSE_OK) {
            locate_parse_error(&m, rc, at, left);
            r.parse_rc = rc;
            r.perr = &m.error;
        } else {
            ferr.code = frc;
            if (ferr.at == NULL) ferr.at = at + left;
            sipparse_error_locate(&ferr, at, left);
            r.parse_rc = frc;
            r.perr = &ferr;
        }
        stats_message(stats, &m, "file", 0);
        status = worse(status, finish(cfg, &r, &m, left));
        s.unframed = left;
        break;
    }

    int w = cfg->quiet ? 0
          : cfg->format == OUT_JSON ? out_json_stream(stdout, &s) : out_text_stream(stdout, &s);
    if (w != 0) {
        fprintf(stderr, TOOL_NAME ": %s: out of memory while writing the stream summary\n",
                in->name);
        status = EXIT_TROUBLE;
    }
    return status;
}

static void count_message(decode_ctx *c, const sipparse_msg *m, sipparse_err rc)
{
    stats_message(c->stats, m, c->pkt.transport, rc == SIPPARSE_OK);
}

int process_datagram(decode_ctx *c, const char *buf, size_t len)
{
    sipparse_msg m;
    memset(&m, 0, sizeof m);
    sipparse_msg_init(&m, c->hdrs, c->hdr_cap, c->cfg->lenient);
    sipparse_err rc = sipparse_msg_parse(&m, buf, len);
    msg_report r;
    memset(&r, 0, sizeof r);
    r.file = c->file;
    r.frame = (unsigned)c->pkt.frame;
    r.pkt = &c->pkt;
    r.offset = m.start <= len ? m.start : 0;
    r.m = &m;
    r.parse_rc = rc;
    r.perr = &m.error;
    if (rc != SIPPARSE_OK) locate_parse_error(&m, rc, buf, len);
    count_message(c, &m, rc);
    return finish(c->cfg, &r, &m, len);
}

/* A stream message's report, before the outcome of its parse is set. */
static msg_report stream_msg_report(const decode_ctx *c, const pkt_info *pkt, const sipparse_msg *m,
                                size_t len, size_t stream_off)
{
    msg_report r;
    memset(&r, 0, sizeof r);
    r.file = c->file;
    r.frame = (unsigned)pkt->frame;
    r.pkt = pkt;
    r.stream = 1;
    r.offset = stream_off + (m->start <= len ? m->start : 0);
    r.m = m;
    return r;
}

int process_stream_parsed(decode_ctx *c, const pkt_info *pkt, const sipparse_msg *m,
                          size_t stream_off)
{
    size_t len = m->start + m->len;
    msg_report r = stream_msg_report(c, pkt, m, len, stream_off);
    r.parse_rc = SIPPARSE_OK;
    r.perr = &m->error;
    stats_message(c->stats, m, pkt->transport, 1);
    return finish(c->cfg, &r, m, len);
}

int process_stream_message(decode_ctx *c, const pkt_info *pkt, const char *buf, size_t len,
                           size_t stream_off, sipparse_err frc, const sipparse_error *ferr)
{
    const unsigned flags = c->cfg->lenient | SIPPARSE_F_STREAM;
    sipparse_msg m;
    memset(&m, 0, sizeof m);
    sipparse_msg_init(&m, c->hdrs, c->hdr_cap, flags);
    sipparse_err rc = sipparse_msg_parse(&m, buf, len);
    msg_report r = stream_msg_report(c, pkt, &m, len, stream_off);
    sipparse_error fe;
    /* "Incomplete" from the parser says nothing when the framer already knew why the
     * message cannot be cut (a Content-Length beyond the size limit, say). */
    if (rc != SIPPARSE_OK && !(rc == SIPPARSE_E_AGAIN && frc != SIPPARSE_OK)) {
        locate_parse_error(&m, rc, buf, len);
        r.parse_rc = rc;
        r.perr = &m.error;
    } else if (frc != SIPPARSE_OK) {
        /* The parser took what there was, but the stream could not be cut there (no or
         * a bad Content-Length, a size limit): the framing error is the message's. */
        fe = *ferr;
        fe.code = frc;
        if (fe.at == NULL) fe.at = buf + len;
        sipparse_error_locate(&fe, buf, len);
        r.parse_rc = frc;
        r.perr = &fe;
    } else {
        r.parse_rc = SIPPARSE_OK;
        r.perr = &m.error;
    }
    stats_message(c->stats, &m, pkt->transport, r.parse_rc == SIPPARSE_OK);
    return finish(c->cfg, &r, &m, len);
}

int process_input(const tool_config *cfg, const tool_input *in, sipparse_hdr *hdrs,
                  unsigned hdr_cap, tool_stats *stats)
{
    return cfg->stream ? run_stream(cfg, in, hdrs, hdr_cap, stats)
                       : run_datagram(cfg, in, hdrs, hdr_cap, stats);
}
