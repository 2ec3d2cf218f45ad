/* tools/sipparse/input.c: reading an input whole, and telling capture files apart. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tool.h"

/* Reads f to its end into a buffer that already holds the n bytes of head. */
static int read_stream_after(FILE *f, const char *head, size_t n, tool_input *in)
{
    size_t cap = 0, len = 0;
    char *buf = NULL;
    if (n > 0) {
        cap = 65536;
        buf = malloc(cap);
        if (!buf) { errno = ENOMEM; return -1; }
        memcpy(buf, head, n);
        len = n;
    }
    for (;;) {
        if (cap - len < 4096) {
            size_t ncap = cap ? cap * 2 : 65536;
            if (ncap < cap) { free(buf); errno = ENOMEM; return -1; }
            char *nb = realloc(buf, ncap);
            if (!nb) { free(buf); errno = ENOMEM; return -1; }
            buf = nb;
            cap = ncap;
        }
        size_t got = fread(buf + len, 1, cap - len, f);
        len += got;
        if (got == 0) {
            if (ferror(f)) {
                int e = errno ? errno : EIO;
                free(buf);
                errno = e;
                return -1;
            }
            break;
        }
    }
    in->data = buf;
    in->len = len;
    return 0;
}

int input_read(const char *path, tool_input *in)
{
    in->name = path;
    in->data = NULL;
    in->len = 0;
    if (strcmp(path, "-") == 0) {
        errno = 0;
        return read_stream_after(stdin, NULL, 0, in);
    }
    FILE *f = fopen(path, "rb");
    if (!f) return -1;
    errno = 0;
    int rc = read_stream_after(f, NULL, 0, in);
    int e = errno;
    fclose(f);
    errno = e;
    return rc;
}

int input_read_rest(FILE *f, const char *name, const char *head, size_t n, tool_input *in)
{
    in->name = name;
    in->data = NULL;
    in->len = 0;
    errno = 0;
    return read_stream_after(f, head, n, in);
}

int input_named_capture(const char *name)
{
    static const char *const ext[] = { ".pcap", ".pcapng", ".cap" };
    size_t n = strlen(name);
    for (size_t i = 0; i < sizeof ext / sizeof ext[0]; i++) {
        size_t e = strlen(ext[i]);
        if (n > e && strcmp(name + n - e, ext[i]) == 0) return 1;
    }
    return 0;
}

void input_free(tool_input *in)
{
    free(in->data);
    in->data = NULL;
    in->len = 0;
}

/* The magic numbers, as the first four bytes appear in the file:
 *   pcap:   A1B2C3D4 (microseconds) or A1B23C4D (nanoseconds), in either byte order,
 *           and A1B2CD34 (the "modified" pcap some old tools write);
 *   pcapng: 0A0D0D0A, the Section Header Block type, the same in both byte orders. */
capture_kind input_capture_kind(const char *data, size_t len)
{
    static const unsigned char pcap_magic[][4] = {
        { 0xa1, 0xb2, 0xc3, 0xd4 }, { 0xd4, 0xc3, 0xb2, 0xa1 },
        { 0xa1, 0xb2, 0x3c, 0x4d }, { 0x4d, 0x3c, 0xb2, 0xa1 },
        { 0xa1, 0xb2, 0xcd, 0x34 }, { 0x34, 0xcd, 0xb2, 0xa1 },
    };
    static const unsigned char pcapng_magic[4] = { 0x0a, 0x0d, 0x0d, 0x0a };
    if (len < 4) return CAPTURE_NONE;
    if (memcmp(data, pcapng_magic, 4) == 0) return CAPTURE_PCAPNG;
    for (size_t i = 0; i < sizeof pcap_magic / sizeof pcap_magic[0]; i++)
        if (memcmp(data, pcap_magic[i], 4) == 0) return CAPTURE_PCAP;
    return CAPTURE_NONE;
}

const char *input_capture_name(capture_kind k)
{
    switch (k) {
    case CAPTURE_PCAP: return "pcap";
    case CAPTURE_PCAPNG: return "pcapng";
    default: return "none";
    }
}
