/* fuzz/fuzz_tool.h: what the harnesses that run the capture tool's inputs whole
 * (fuzz_har, fuzz_pcap) set up once: a header array as the tool's main.c makes one, a
 * sink for what they print themselves, and stdout (where process.c writes the
 * reports) sent to /dev/null. Include after tool.h. */
#ifndef FUZZ_TOOL_H
#define FUZZ_TOOL_H
#include <stdio.h>
#include <stdlib.h>

static sipparse_hdr *hdrs;
static FILE *sink;

int LLVMFuzzerInitialize(int *argc, char ***argv);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    hdrs = calloc(TOOL_MAX_HEADERS, sizeof *hdrs);
    sink = fopen("/dev/null", "w");
    if (!hdrs || !sink || !freopen("/dev/null", "w", stdout)) abort();
    return 0;
}
#endif
