/* tools/sipparse/main.c: options, the loop over inputs, the exit status.
 * One table describes the options: getopt_long's tables and the --help text are both
 * made from it. */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "capture.h"

enum { OPT_CHECK = 256, OPT_STRICT, OPT_LIST_RULES, OPT_STREAM, OPT_LENIENT, OPT_VERSION,
       OPT_STATS, OPT_METHOD, OPT_CALL_ID, OPT_DECODE };

typedef struct tool_option {
    const char *long_name;
    int has_arg;           /* no_argument, required_argument, optional_argument */
    char short_name;       /* 0: long form only */
    int id;                /* what getopt_long returns */
    const char *arg;       /* argument name shown in the help, or NULL */
    const char *help;
} tool_option;

static const tool_option options[] = {
    { "format", required_argument, 'T', 'T', "text|json",
      "output format: text (the default) or json" },
    { "check", no_argument, 0, OPT_CHECK, NULL,
      "validate: every header's grammar and the rules, list every finding" },
    { "strict", no_argument, 0, OPT_STRICT, NULL,
      "with --check, warnings fail too (exit 1)" },
    { "list-rules", no_argument, 0, OPT_LIST_RULES, NULL,
      "print the validation rules and exit" },
    { "supported", required_argument, 0, OPT_SUPPORTED, "TAG,...",
      "--check: option tags this element supports (others in Require: 420)" },
    { "types", required_argument, 0, OPT_TYPES, "TYPE/SUB,...",
      "--check: body types it understands and sends (415, 406)" },
    { "schemes", required_argument, 0, OPT_SCHEMES, "sip,sips,tel",
      "--check: Request-URI schemes it serves (default sip,sips; others: 416)" },
    { "role", required_argument, 0, OPT_ROLE, "any|ua|proxy",
      "--check: judge as a bystander (default), the UA or a proxy" },
    { "local-id", required_argument, 0, OPT_LOCAL_ID, "PREFIX",
      "--check: its own Call-ID prefix (a request back without To tag: 482)" },
    { "stream", no_argument, 0, OPT_STREAM, NULL,
      "read inputs as TCP-style streams of messages" },
    { "stats", no_argument, 0, OPT_STATS, NULL,
      "count messages by method, status, transport; undecoded packets by reason" },
    { "quiet", no_argument, 'q', 'q', NULL,
      "no line per message (with --stats: the counts only; the exit status still tells)" },
    { "lenient", optional_argument, 0, OPT_LENIENT, "NAME,...",
      "accept these deviations (default: all)" },
    { "method", required_argument, 0, OPT_METHOD, "METHOD,...",
      "only requests of these methods and responses to them (CSeq)" },
    { "call-id", required_argument, 0, OPT_CALL_ID, "ID",
      "only messages of this Call-ID" },
    { "decode", required_argument, 0, OPT_DECODE, "ws:PORT",
      "TCP to/from PORT is WebSocket frames (capture began after the upgrade)" },
    { "write", required_argument, 'w', 'w', "OUT.pcap",
      "write the packets of the selected messages to a pcap file" },
    { "help", no_argument, 'h', 'h', NULL, "show this help and exit" },
    { "version", no_argument, 0, OPT_VERSION, NULL, "show the version and exit" },
};
#define NOPTIONS (sizeof options / sizeof options[0])

/* "-T, --format=text|json", "    --lenient[=NAME,...]" */
static int option_label(const tool_option *o, char *out, size_t cap)
{
    char shortpart[8] = "    ";
    if (o->short_name) snprintf(shortpart, sizeof shortpart, "-%c, ", o->short_name);
    const char *arg = o->arg ? o->arg : "";
    const char *pre = !o->arg ? "" : o->has_arg == optional_argument ? "[=" : "=";
    const char *post = o->arg && o->has_arg == optional_argument ? "]" : "";
    return snprintf(out, cap, "%s--%s%s%s%s", shortpart, o->long_name, pre, arg, post);
}

static void usage(FILE *f)
{
    fprintf(f, "Usage: " TOOL_NAME " [options] FILE... [[--] EXPRESSION]\n"
               "Parse SIP messages (RFC 3261) and print what they hold.\n"
               "FILE is a pcap or pcapng capture or a raw SIP message (told apart by content);\n"
               "- reads standard input.\n"
               "EXPRESSION is a BPF filter (pcap-filter(7)) for the packets of captures, as\n"
               "tcpdump takes it. It starts at the first argument that is neither -, nor an\n"
               "existing file, nor a name with a '/' or '.' and no blank; after -- always.\n"
               "\nOptions:\n");
    for (size_t i = 0; i < NOPTIONS; i++) {
        char label[64];
        option_label(&options[i], label, sizeof label);
        fprintf(f, "  %-26s %s\n", label, options[i].help);
    }
    fprintf(f, "\nLenient NAMEs (all: every one):\n");
    for (size_t i = 0; i < lenient_count; i++)
        fprintf(f, "  %-26s %s\n", lenient_names[i].name, lenient_names[i].help);
    fprintf(f, "\nExit status: 0 clean, 1 findings (a parse error; with --check an error\n"
               "finding; with --strict any finding), 2 usage error or unreadable input.\n");
}

/* id, severity, reply, section, summary: one rule per line */
static void list_rules(FILE *f)
{
    size_t n;
    const sipparse_rule *r = sipparse_sanity_rules(&n);
    for (size_t i = 0; i < n; i++) {
        char reply[16];
        if (r[i].reply > 0) snprintf(reply, sizeof reply, "%d", r[i].reply);
        else snprintf(reply, sizeof reply, "%s", r[i].reply == SIPPARSE_REPLY_DROP ? "drop" : "-");
        fprintf(f, "%-26s %-7s %-5s %-5s %s: %s\n", r[i].id,
                r[i].severity == SIPPARSE_SEV_ERROR ? "error" : "warning", reply,
                r[i].jssip ? "jssip" : "-", r[i].section, r[i].summary);
    }
}

static int usage_error(const char *fmt, const char *what)
{
    fprintf(stderr, TOOL_NAME ": ");
    fprintf(stderr, fmt, what);
    fprintf(stderr, "\nTry '" TOOL_NAME " --help' for more information.\n");
    return EXIT_TROUBLE;
}

/* The option getopt_long just refused, as the user wrote it: "--name" (without any
 * "=value") or "-c". */
static const char *bad_option(char *buf, size_t cap, char **argv)
{
    const char *arg = optind > 0 ? argv[optind - 1] : "";
    if (arg && strncmp(arg, "--", 2) == 0)
        snprintf(buf, cap, "%.*s", (int)strcspn(arg, "="), arg);
    else
        snprintf(buf, cap, "-%c", optopt);
    return buf;
}

/* Builds getopt_long's tables from options[]. */
static void build_getopt(struct option *longopts, char *shortopts)
{
    size_t s = 0;
    /* '-': arguments that are not options come back in order (as option 1), so that
     * the files can be told from the filter expression that follows them;
     * ':': report a missing argument as ':'. */
    shortopts[s++] = '-';
    shortopts[s++] = ':';
    for (size_t i = 0; i < NOPTIONS; i++) {
        longopts[i].name = options[i].long_name;
        longopts[i].has_arg = options[i].has_arg;
        longopts[i].flag = NULL;
        longopts[i].val = options[i].id;
        if (options[i].short_name) {
            shortopts[s++] = options[i].short_name;
            if (options[i].has_arg == required_argument) shortopts[s++] = ':';
            if (options[i].has_arg == optional_argument) {
                shortopts[s++] = ':';
                shortopts[s++] = ':';
            }
        }
    }
    shortopts[s] = '\0';
    longopts[NOPTIONS] = (struct option){ 0 };
}

/* One input: a capture when its first four bytes say so (read as it goes, memory
 * bounded), else a SIP message or stream read whole. */
static int run_file(const tool_config *cfg, const char *path, sipparse_hdr *hdrs,
                    tool_stats *stats)
{
    int is_stdin = strcmp(path, "-") == 0;
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    if (!f) {
        fprintf(stderr, TOOL_NAME ": %s: %s\n", path, strerror(errno));
        return EXIT_TROUBLE;
    }
    unsigned char head[4];
    size_t n = fread(head, 1, sizeof head, f);
    int status;
    if (ferror(f)) {
        fprintf(stderr, TOOL_NAME ": %s: %s\n", path, strerror(errno ? errno : EIO));
        status = EXIT_TROUBLE;
    } else if (input_capture_kind((const char *)head, n) != CAPTURE_NONE) {
        status = capture_run(cfg, f, path, head, hdrs, TOOL_MAX_HEADERS, stats);
    } else if (input_named_capture(path)) {
        /* Content decides the format, but a file named as a capture that is not one is
         * far likelier a damaged capture than a SIP message. */
        fprintf(stderr, TOOL_NAME ": %s: %s\n", path,
                n == 0 ? "empty file, not a pcap or pcapng capture"
                       : "not a pcap or pcapng file (unknown magic number)");
        status = EXIT_TROUBLE;
    } else {
        tool_input in;
        if (input_read_rest(f, path, (const char *)head, n, &in) != 0) {
            fprintf(stderr, TOOL_NAME ": %s: %s\n", path, strerror(errno));
            status = EXIT_TROUBLE;
        } else {
            if (har_detect(path, in.data ? in.data : "", in.len))
                status = har_run(cfg, &in, hdrs, TOOL_MAX_HEADERS, stats, stderr);
            else
                status = process_input(cfg, &in, hdrs, TOOL_MAX_HEADERS, stats);
            input_free(&in);
        }
    }
    if (!is_stdin) fclose(f);
    return status;
}

/* What the command line asks besides tool_config. */
typedef struct tool_args {
    const char *method, *call_id, *write;
    char **pos;        /* the arguments that are not options, in order ... */
    int npos;
    int nfiles;        /* ... the first nfiles of them are inputs, the rest the expression */
    int exit;          /* when parse_options returns -1: the exit status */
} tool_args;

/* An input rather than the first word of the filter expression: '-', an existing
 * file, or a name that looks like one ('/' or '.', no blank). An expression starts
 * with a primitive or a qualifier (udp, host, not, '(') that has neither, and a
 * missing file is better reported as missing than as a filter syntax error. */
static int looks_like_input(const char *arg)
{
    struct stat st;
    if (strcmp(arg, "-") == 0 || stat(arg, &st) == 0) return 1;
    return strpbrk(arg, "/.") != NULL && strpbrk(arg, " \t") == NULL;
}

/* parse_options' way out: the run ends with this status. */
static int end_run(tool_args *a, int status)
{
    a->exit = status;
    return -1;
}

/* Fills cfg and a from the command line. 0, or -1 when the run ends here (a usage
 * error, --help, --version, --list-rules) with a->exit. */
static int parse_options(int argc, char **argv, tool_config *cfg, tool_args *a)
{
    struct option longopts[NOPTIONS + 1];
    char shortopts[3 * NOPTIONS + 3];
    build_getopt(longopts, shortopts);
    opterr = 0;
    for (;;) {
        int c = getopt_long(argc, argv, shortopts, longopts, NULL);
        if (c == -1) break;
        switch (c) {
        case 'T':
            if (strcmp(optarg, "text") == 0) cfg->format = OUT_TEXT;
            else if (strcmp(optarg, "json") == 0) cfg->format = OUT_JSON;
            else return end_run(a, usage_error("unknown output format '%s' (text or json)",
                                               optarg));
            break;
        case OPT_CHECK: cfg->check = 1; break;
        case OPT_STRICT: cfg->check = cfg->strict = 1; break;
        case OPT_LIST_RULES:
            list_rules(stdout);
            return end_run(a, fflush(stdout) == 0 ? EXIT_CLEAN : EXIT_TROUBLE);
        case OPT_STREAM: cfg->stream = 1; break;
        case OPT_STATS: cfg->stats = 1; break;
        case 'q': cfg->quiet = 1; break;
        case OPT_METHOD: a->method = optarg; break;
        case OPT_CALL_ID: a->call_id = optarg; break;
        case OPT_DECODE: {
            /* ws:PORT, repeatable; the one protocol a port can be forced to so far */
            char *end = NULL;
            unsigned long port = 0;
            if (strncmp(optarg, "ws:", 3) == 0 && optarg[3] >= '0' && optarg[3] <= '9')
                port = strtoul(optarg + 3, &end, 10);
            if (!end || *end != '\0' || port == 0 || port > 65535)
                return end_run(a, usage_error("invalid --decode '%s' (ws:PORT, PORT 1-65535)",
                                              optarg));
            if (cfg->nws_ports >= TOOL_MAX_WS_PORTS)
                return end_run(a, usage_error("%s", "too many --decode ports (at most 16)"));
            cfg->ws_ports[cfg->nws_ports++] = (unsigned)port;
            break;
        }
        case 'w':
            if (strcmp(optarg, "-") == 0)
                return end_run(a, usage_error("%s", "-w - would mix packets with the output"));
            a->write = optarg;
            break;
        case 1: a->pos[a->npos++] = optarg; break; /* a file or an expression word */
        case OPT_SUPPORTED:
        case OPT_TYPES:
        case OPT_SCHEMES:
        case OPT_ROLE:
        case OPT_LOCAL_ID: {
            const char *bad = NULL;
            if (element_option(cfg, c, optarg, &bad) != 0)
                return end_run(a, usage_error("invalid value '%s'", bad));
            break;
        }
        case OPT_LENIENT:
            if (!optarg) {
                cfg->lenient = SIPPARSE_F_LENIENT;
            } else {
                const char *bad = NULL;
                size_t badlen = 0;
                if (lenient_parse(optarg, &cfg->lenient, &bad, &badlen) != 0) {
                    char name[64];
                    snprintf(name, sizeof name, "%.*s", (int)(badlen < 60 ? badlen : 60), bad);
                    return end_run(a, usage_error("unknown lenient name '%s'", name));
                }
            }
            break;
        case 'h':
            usage(stdout);
            return end_run(a, fflush(stdout) == 0 ? EXIT_CLEAN : EXIT_TROUBLE);
        case OPT_VERSION:
            printf(TOOL_NAME " %s (libsipparse %s)\n", SIPPARSE_VERSION, sipparse_version());
            return end_run(a, fflush(stdout) == 0 ? EXIT_CLEAN : EXIT_TROUBLE);
        case ':': {
            char name[64];
            return end_run(a, usage_error("option '%s' needs an argument",
                                          bad_option(name, sizeof name, argv)));
        }
        default: {
            char name[64];
            /* getopt_long sets optopt to 0 for an unknown long option and to the
             * option's value for a long option given an argument it does not take. */
            int longopt = optind > 0 && strncmp(argv[optind - 1], "--", 2) == 0;
            const char *fmt = longopt && optopt != 0 ? "option '%s' takes no argument"
                                                     : "unknown option '%s'";
            return end_run(a, usage_error(fmt, bad_option(name, sizeof name, argv)));
        }
        }
    }
    /* "--" ended the options: what follows it is the expression, whatever it looks like. */
    a->nfiles = 0;
    while (a->nfiles < a->npos && looks_like_input(a->pos[a->nfiles])) a->nfiles++;
    for (int i = optind; i < argc; i++) a->pos[a->npos++] = argv[i];
    if (a->nfiles == 0)
        return end_run(a, usage_error("%s", "no input FILE given (- reads standard input)"));
    return 0;
}

/* The filter of cfg from the options; EXIT_CLEAN, or the exit status of a failure. */
static int setup_filter(tool_config *cfg, tool_args *a, tool_stats *stats)
{
    cfg->filter = filter_new(stats);
    if (!cfg->filter) {
        fprintf(stderr, TOOL_NAME ": out of memory\n");
        return EXIT_TROUBLE;
    }
    if (a->npos > a->nfiles &&
        filter_set_bpf(cfg->filter, a->pos + a->nfiles, a->npos - a->nfiles) != 0) {
        fprintf(stderr, TOOL_NAME ": out of memory\n");
        return EXIT_TROUBLE;
    }
    const char *bad = NULL;
    if (a->method && filter_set_methods(cfg->filter, a->method, &bad) != 0)
        return usage_error("invalid --method list '%s'", bad ? bad : a->method);
    if (a->call_id) filter_set_call_id(cfg->filter, a->call_id);
    if (a->write) {
        tool_writer *w = writer_open(a->write);
        if (!w) return EXIT_TROUBLE;
        filter_set_writer(cfg->filter, w);
    }
    return EXIT_CLEAN;
}

int main(int argc, char **argv)
{
    tool_config cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.format = OUT_TEXT;
    tool_args args;
    memset(&args, 0, sizeof args);
    args.pos = calloc((size_t)argc + 1, sizeof *args.pos);
    tool_stats *stats = calloc(1, sizeof *stats);
    sipparse_hdr *hdrs = calloc(TOOL_MAX_HEADERS, sizeof *hdrs);
    tool_writer *writer = NULL;
    int status = EXIT_CLEAN;
    if (!args.pos || !stats || !hdrs) {
        fprintf(stderr, TOOL_NAME ": out of memory\n");
        status = EXIT_TROUBLE;
        goto out;
    }
    if (parse_options(argc, argv, &cfg, &args) != 0) {
        status = args.exit;
        goto out;
    }
    if ((status = setup_filter(&cfg, &args, stats)) != EXIT_CLEAN) goto out;
    writer = filter_writer(cfg.filter);

    for (int i = 0; i < args.nfiles; i++) {
        int s = run_file(&cfg, args.pos[i], hdrs, stats);
        if (s > status) status = s;
    }
    if (cfg.stats && stats_print(stdout, stats, cfg.format) != 0) {
        fprintf(stderr, TOOL_NAME ": out of memory while writing the statistics\n");
        status = EXIT_TROUBLE;
    }
    /* Nothing is dropped silently: without --stats, say at least how much was not SIP
     * (packets the filter expression left out were not meant to be). */
    unsigned long looked_at = stats->packets - stats->filtered;
    if (!cfg.stats && looked_at > stats->sip_packets)
        fprintf(stderr, TOOL_NAME ": %lu of %lu packets not decoded as SIP (--stats gives the "
                "reasons)\n", looked_at - stats->sip_packets, looked_at);
    if (writer_close(writer) != 0) status = EXIT_TROUBLE;
    writer = NULL;
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, TOOL_NAME ": error writing standard output\n");
        status = EXIT_TROUBLE;
    }
out:
    if (writer) writer_close(writer);
    filter_free(cfg.filter);
    free(stats);
    free(hdrs);
    free(args.pos);
    return status;
}
