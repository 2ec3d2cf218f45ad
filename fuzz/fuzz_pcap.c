/* fuzz/fuzz_pcap.c: the capture tool's whole capture path (tools/sipparse/capture.c):
 * a pcap or pcapng file read through libpcap or the tool's own pcapng reader, then link
 * layers, IP with fragment reassembly, UDP, TCP reassembly, SCTP, WebSocket, HEP, the
 * parser, the checks and the writers, as `sipparse FILE` runs it.
 *
 * Input: a file as is (seeds: the corpus captures and messages). Like run_file in
 * main.c, the harness reads the 4 magic bytes from a FILE, and calls capture_run with
 * the FILE after them when they name pcap or pcapng; any other input is read whole and
 * goes to process.c as raw SIP, as a message file does (a HAR file is fuzz_har's).
 * Bits 2-7 of the input's size pick the options (bits 0-1 are 0 in every intact pcapng
 * file, whose blocks are multiples of 4 bytes long):
 *   bit 2  --decode ws:5060 (a capture), --stream (raw SIP)
 *   bit 3  --check, --lenient, JSON output (text otherwise); the --stats lines follow
 *          in the same format
 *   bit 4  -w to /dev/null (the packets of every message written back)
 *   bit 5  the FILE is a memfd rather than fmemopen's: a regular file, which pcapng's
 *          survey reads to its end, so a pcapng file with uniform interfaces goes to
 *          libpcap (fmemopen has no descriptor: every pcapng goes to pcapng.c)
 *   bit 6  --method=INVITE,ACK,BYE (messages of other methods are counted, not printed)
 *   bit 7  the BPF expression "ip or ip6" (packets it rejects are counted as filtered;
 *          a link type it does not compile for stops the input, as in the tool)
 * Reports go to /dev/null, and so do the tool's error lines, which would otherwise
 * bury libFuzzer's.
 *
 * Checked afterwards: the exit status is one of the three and agrees with the parse
 * errors; every packet read is counted once, as carrying SIP, under one drop reason or
 * as filtered out;
 * every message came by a capture transport; a SIP packet means a message; messages
 * cannot outnumber the bytes they could come from. Leaks (the reassembly tables,
 * libpcap's handle, the readers' buffers) are ASan's to find. */
#define _GNU_SOURCE /* memfd_create */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include "fuzz_common.h"
#include "capture.h"
#include "fuzz_tool.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
const char *__asan_default_options(void);

/* The reassemblers copy packet context around; a pointer into a reader's stack frame
 * that outlives it (F16) reads stale bytes that ASan only sees with this on. Options
 * given in ASAN_OPTIONS still win. */
const char *__asan_default_options(void) { return "detect_stack_use_after_return=1"; }

/* The input as a readable FILE: over buf itself, or (regular) copied into a memfd. */
static FILE *open_input(char *buf, size_t size, int regular)
{
    if (!regular) return fmemopen(buf, size, "rb");
    int fd = memfd_create("fuzz_pcap", 0);
    CHECK(fd >= 0);
    for (size_t at = 0; at < size;) {
        ssize_t w = write(fd, buf + at, size - at);
        CHECK(w > 0);
        at += (size_t)w;
    }
    CHECK(lseek(fd, 0, SEEK_SET) == 0);
    FILE *f = fdopen(fd, "rb");
    CHECK(f != NULL);
    return f;
}

/* The counts after a capture: every packet read is SIP, one drop or filtered out; every
 * message came by a capture transport; a SIP packet means a message; and messages
 * cannot outnumber the bytes they could come from. */
static void capture_counts(const tool_stats *st, unsigned opts, size_t size)
{
    unsigned long dropped = 0;
    for (unsigned i = 0; i < DROP_COUNT; i++) dropped += st->drops[i];
    if (!(opts & 32)) CHECK(st->filtered == 0);   /* no expression */
    CHECK(st->sip_packets + dropped + st->filtered == st->packets);
    /* udp is what stats_message counts a message under when no other transport
     * matches: the sum only says something because har and file must stay 0. */
    CHECK(st->har == 0 && st->file == 0);
    CHECK(st->udp + st->tcp + st->sctp + st->ws + st->hep == st->messages);
    /* A packet counts as SIP when a message it carried is reported, and the packet
     * that carried a message's last byte always does. No ratio holds: one segment can
     * carry many messages, one message many segments. */
    CHECK((st->sip_packets > 0) == (st->messages > 0));
    /* A byte of the file goes into one message at most, and the smallest a message can
     * come from is a WebSocket frame of 2 header bytes and a 3-byte deflate block that
     * copies from the previous message (any other message has a start line, 12 bytes,
     * or a HEP or SCTP chunk header besides). */
    CHECK(st->messages * 5 <= size);
}

/* A file that is no capture goes where main.c sends it: a HAR file to har.c (fuzz_har's
 * to fuzz: *skip set), anything else to process.c as SIP, one message or (--stream) a
 * stream of them. */
static int run_raw(const tool_config *cfg, FILE *f, const unsigned char *head, size_t n,
                   tool_stats *st, int *skip)
{
    tool_input in;
    CHECK(input_read_rest(f, "fuzz.sip", (const char *)head, n, &in) == 0);
    int rc = EXIT_CLEAN;
    if (har_detect("fuzz.sip", in.data ? in.data : "", in.len)) *skip = 1;
    else rc = process_input(cfg, &in, hdrs, TOOL_MAX_HEADERS, st);
    input_free(&in);
    return rc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 4) return 0;
    unsigned opts = (unsigned)(size >> 2);
    char *buf = fz_copy(data, size);
    FILE *f = open_input(buf, size, (opts & 8) != 0);
    CHECK(f != NULL);
    unsigned char head[4];
    size_t n = fread(head, 1, sizeof head, f);
    int raw = input_capture_kind((const char *)head, n) == CAPTURE_NONE, skip = 0;

    tool_config cfg;
    memset(&cfg, 0, sizeof cfg);
    tool_stats *st = calloc(1, sizeof *st);
    CHECK(st != NULL);
    if ((opts & 1) && raw) {
        cfg.stream = 1;
    } else if (opts & 1) {
        cfg.ws_ports[0] = 5060;
        cfg.nws_ports = 1;
    }
    if (opts & 2) {
        cfg.format = OUT_JSON;
        cfg.check = 1;
        cfg.lenient = SIPPARSE_F_LENIENT;
    }
    tool_writer *w = NULL;
    if (opts & (4 | 16 | 32)) {
        cfg.filter = filter_new(st);
        CHECK(cfg.filter != NULL);
    }
    if (opts & 4) {
        w = writer_open("/dev/null");
        CHECK(w != NULL);
        filter_set_writer(cfg.filter, w);
    }
    const char *bad = NULL;
    if (opts & 16) CHECK(filter_set_methods(cfg.filter, "INVITE,ACK,BYE", &bad) == 0);
    char bpf_ip[] = "ip", bpf_or[] = "or", bpf_ip6[] = "ip6";
    char *bpf[] = { bpf_ip, bpf_or, bpf_ip6 };
    if (opts & 32) CHECK(filter_set_bpf(cfg.filter, bpf, 3) == 0);

    /* glibc's stderr is a plain variable: pointed at /dev/null for the run only, so a
     * CHECK below still prints, and the sanitizers write to descriptor 2 anyway. */
    FILE *err = stderr;
    stderr = sink;
    int rc = raw ? run_raw(&cfg, f, head, n, st, &skip)
                 : capture_run(&cfg, f, "fuzz.pcap", head, hdrs, TOOL_MAX_HEADERS, st);
    if (w) (void)writer_close(w); /* -1 for packets of a second link type: not a fault */
    stderr = err;
    fclose(f);

    CHECK(rc == EXIT_CLEAN || rc == EXIT_FINDINGS || rc == EXIT_TROUBLE);
    /* A message's exit status is 1 for a parse error, and without --check only for one;
     * 2 (a damaged file) outranks both. */
    if (st->parse_errors > 0 && !(opts & 16)) CHECK(rc != EXIT_CLEAN); /* unselected: not reported */
    if (!cfg.check && rc == EXIT_FINDINGS) CHECK(st->parse_errors > 0);
    CHECK(st->parse_errors <= st->messages);
    if (!(opts & 16)) CHECK(st->unselected == 0); /* no selection */
    CHECK(st->unselected <= st->messages);
    if (raw) {
        /* SIP read from a file: no packet, every message under "file"; one message a
         * datagram file, and a stream's messages take a byte each at least. */
        CHECK(rc != EXIT_TROUBLE && st->packets == 0 && st->filtered == 0);
        CHECK(st->file == st->messages && st->udp + st->tcp + st->sctp + st->ws + st->hep == 0);
        CHECK(cfg.stream ? st->messages <= size : st->messages == (unsigned long)!skip);
    } else {
        capture_counts(st, opts, size);
    }
    CHECK(stats_print(sink, st, cfg.format) == 0); /* --stats, as text or JSON */

    filter_free(cfg.filter);
    free(st);
    free(buf);
    return 0;
}
