/* tools/sipparse/tool.h: what the parts of the sipparse command share.
 *   main.c     options, the loop over inputs, exit status
 *   input.c    reading a file or stdin, recognising capture files
 *   process.c  one input as a datagram or as a stream of messages
 *   report.c   helpers both writers use (lenient names, UTF-8, header lookup)
 *   out_text.c / out_json.c  the two output formats */
#ifndef SIPPARSE_TOOL_H
#define SIPPARSE_TOOL_H
#include <stdio.h>
#include <stddef.h>
#include "sipparse/sipparse.h"

#define TOOL_NAME "sipparse"

/* Exit statuses, ordered: the worst one seen is the one returned. */
enum { EXIT_CLEAN = 0, EXIT_FINDINGS = 1, EXIT_TROUBLE = 2 };

enum out_format { OUT_TEXT = 0, OUT_JSON };

/* Header array size, allocated once and reused for every message. */
#define TOOL_MAX_HEADERS 1024u
/* Check errors and findings kept per message; the totals are still counted and printed. */
#define TOOL_MAX_CHECK_ERRORS 64u
#define TOOL_MAX_FINDINGS 64u

typedef struct tool_config {
    enum out_format format;
    int check;            /* --check */
    int strict;           /* --strict: warnings fail --check too */
    sipparse_sanity_ctx element;   /* what --role, --supported, --types, ... say */
    int stream;           /* --stream */
    unsigned lenient;     /* SIPPARSE_F_ALLOW_* bits from --lenient, 0: strict */
} tool_config;

/* The element --check judges for: --role, --supported, --types, --schemes and
 * --local-id fill cfg->element. Lists are split in place (arg is changed). Returns 0, or
 * -1 with *bad naming the item it could not take. */
#define TOOL_MAX_LIST 32u
int element_option(tool_config *cfg, int opt, char *arg, const char **bad);
enum { OPT_SUPPORTED = 512, OPT_TYPES, OPT_SCHEMES, OPT_ROLE, OPT_LOCAL_ID };

/* ---- input.c ------------------------------------------------------------------- */
typedef struct tool_input {
    const char *name;     /* as given on the command line; "-" is stdin */
    char *data;           /* whole contents, malloc'd (NULL when empty) */
    size_t len;
} tool_input;

/* Reads the whole file (or stdin for "-"). 0 on success; -1 with errno set. */
int input_read(const char *path, tool_input *in);
void input_free(tool_input *in);

typedef enum capture_kind { CAPTURE_NONE = 0, CAPTURE_PCAP, CAPTURE_PCAPNG } capture_kind;
/* Recognises a capture file by its magic number (the first four bytes). */
capture_kind input_capture_kind(const char *data, size_t len);
const char *input_capture_name(capture_kind k);

/* ---- process.c ------------------------------------------------------------------ */
/* Everything known about one message, handed to a writer. */
typedef struct msg_report {
    const char *file;            /* input name */
    unsigned frame;              /* 1-based number of the message in its input */
    int stream;                  /* 1: cut from a stream by sipparse_frame */
    size_t offset;               /* where the message's start line is in the input */
    const sipparse_msg *m;       /* parse results (partial when parse_rc != OK) */
    sipparse_err parse_rc;       /* SIPPARSE_OK or the parse/framing error */
    const sipparse_error *perr;  /* that error, located, when parse_rc != OK */
    int list_errors;             /* --check: every error on a line of its own */
    int checked;                 /* sipparse_msg_check ran */
    const sipparse_error *cerrs; /* check errors kept ... */
    size_t ncerrs_kept;          /* ... this many ... */
    size_t ncerrs;               /* ... of this many found */
    const sipparse_finding *findings; /* --check: validation findings kept ... */
    size_t nfindings_kept;       /* ... this many ... */
    size_t nfindings;            /* ... of this many */
} msg_report;

/* What a --stream input held besides messages. */
typedef struct stream_report {
    const char *file;
    unsigned messages;
    unsigned pings;              /* CRLFCRLF keep-alives (RFC 5626 §3.5.1) */
    unsigned pongs;              /* lone CRLF keep-alives */
    size_t unframed;             /* bytes left that could not be framed */
} stream_report;

/* Runs one input that is not a capture; returns its exit status. */
int process_input(const tool_config *cfg, const tool_input *in, sipparse_hdr *hdrs,
                  unsigned hdr_cap);

/* ---- report.c ------------------------------------------------------------------- */
typedef struct lenient_name {
    unsigned flag;
    const char *name;
    const char *help;
} lenient_name;
extern const lenient_name lenient_names[];
extern const size_t lenient_count;

/* Parses "lf,extra-sp" into flag bits; -1 on an unknown name (*bad points at it). */
int lenient_parse(const char *list, unsigned *flags, const char **bad, size_t *badlen);

/* Length of the well-formed UTF-8 sequence at p (1..4), or 0 when the byte at p does
 * not start one (RFC 3629: no overlongs, no surrogates, nothing above U+10FFFF). */
size_t utf8_seq_len(const unsigned char *p, size_t n);

/* First header with id, or NULL; safe on a message whose parse failed part way. */
const sipparse_hdr *report_hdr(const sipparse_msg *m, sipparse_hdr_id id);
/* Name to show for the header an error concerns: the long name for a known header,
 * the name as written for another one, NULL when the error is not in a header. */
sipparse_slice report_error_header(const sipparse_msg *m, const sipparse_error *e);
/* 1 when the start line was understood as a request, 2 as a response, 0 neither. */
int report_kind(const sipparse_msg *m);
/* Total error count of the report (parse error plus check errors). */
size_t report_error_count(const msg_report *r);
/* The n-th error of the report: the parse error first, then the kept check errors. */
const sipparse_error *report_error_at(const msg_report *r, size_t i);
size_t report_errors_kept(const msg_report *r);

/* ---- out_text.c / out_json.c ---------------------------------------------------- */
/* Each returns 0, or -1 when the output could not be made (memory). */
int out_text_msg(FILE *f, const msg_report *r);
int out_text_stream(FILE *f, const stream_report *s);
int out_json_msg(FILE *f, const msg_report *r);
int out_json_stream(FILE *f, const stream_report *s);

#endif
