/* fuzz/afl_driver.c: runs a libFuzzer-style harness (LLVMFuzzerTestOneInput) under
 * AFL++ or by hand.
 *
 * Built with afl-clang-fast, it uses AFL++'s persistent mode with the test case in
 * shared memory. Built with any other compiler, it runs the harness once on each
 * file named on the command line, or on standard input when there is none, which
 * is how a saved crash is replayed without libFuzzer. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
/* Optional, as in libFuzzer: the harnesses that set up state (fuzz_har, fuzz_pcap) have it. */
__attribute__((weak)) int LLVMFuzzerInitialize(int *argc, char ***argv);

#define MAX_INPUT (1u << 20)

static size_t read_all(FILE *f, uint8_t *buf, size_t cap)
{
    size_t n = 0, r;
    while (n < cap && (r = fread(buf + n, 1, cap - n, f)) > 0)
        n += r;
    return n;
}

/* The harness copies its input, so one buffer serves every run. */
static int run_file(const char *path, uint8_t *buf)
{
    FILE *f = path ? fopen(path, "rb") : stdin;
    if (!f) {
        perror(path);
        return 1;
    }
    size_t n = read_all(f, buf, MAX_INPUT);
    if (path)
        fclose(f);
    LLVMFuzzerTestOneInput(buf, n);
    return 0;
}

#ifdef __AFL_FUZZ_TESTCASE_LEN
__AFL_FUZZ_INIT();
#endif

int main(int argc, char **argv)
{
    if (LLVMFuzzerInitialize)
        LLVMFuzzerInitialize(&argc, &argv);
#ifdef __AFL_FUZZ_TESTCASE_LEN
    if (getenv("__AFL_SHM_ID")) {   /* started by afl-fuzz */
        __AFL_INIT();
        const unsigned char *tc = __AFL_FUZZ_TESTCASE_BUF;
        while (__AFL_LOOP(10000)) {
            size_t n = (size_t)__AFL_FUZZ_TESTCASE_LEN;
            LLVMFuzzerTestOneInput(tc, n);
        }
        return 0;
    }
#endif
    uint8_t *buf = malloc(MAX_INPUT);
    if (!buf)
        return 1;
    int rc = 0;
    if (argc < 2)
        rc = run_file(NULL, buf);
    for (int i = 1; i < argc; i++)
        rc |= run_file(argv[i], buf);
    free(buf);
    return rc;
}
