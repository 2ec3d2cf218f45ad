/* fuzz/fuzz_har.c: the CLI's HAR input (tools/sipparse/har.c) end to end.
 *
 * Input: a HAR file, as is (seeds: corpus/har/). It goes through har_detect and
 * har_run, as text with the defaults or as JSON with --check and every leniency, so the JSON parse, the walk over entries and messages, base64, the times, the
 * addresses, and then the message parser, the checks and both writers all see it.
 * Reports go to /dev/null. Besides the sanitizers, the invariants: the exit status is
 * one of the three; every WebSocket message counted is either a SIP packet or a drop
 * (the sum --stats prints); every SIP packet became exactly one message. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "fuzz_common.h"
#include "tool.h"
#include "fuzz_tool.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void run(const tool_config *cfg, const tool_input *in)
{
    tool_stats *st = calloc(1, sizeof *st);
    CHECK(st != NULL);
    int status = har_run(cfg, in, hdrs, TOOL_MAX_HEADERS, st, sink);
    CHECK(status == EXIT_CLEAN || status == EXIT_FINDINGS || status == EXIT_TROUBLE);
    unsigned long dropped = 0;
    for (unsigned i = 0; i < DROP_COUNT; i++) dropped += st->drops[i];
    CHECK(st->sip_packets + dropped == st->packets);
    CHECK(st->messages == st->sip_packets);
    CHECK(st->har == st->messages);
    free(st);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    tool_input in;
    in.name = "fuzz.har";
    in.data = fz_copy(data, size);
    in.len = size;
    (void)har_detect("fuzz", in.data, in.len);

    /* One pass per input (a HAR of 20 messages costs milliseconds): the size's parity
     * picks text with the defaults or JSON with --check and every leniency. */
    tool_config cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.format = OUT_TEXT;
    if (size & 1) {
        cfg.format = OUT_JSON;
        cfg.check = 1;
        cfg.lenient = SIPPARSE_F_LENIENT;
        cfg.stats = 1;
    }
    run(&cfg, &in);

    free(in.data);
    return 0;
}
