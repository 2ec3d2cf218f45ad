/* fuzz/seedgen.c: turns the message corpus into seed inputs for every harness.
 *
 *   seedgen OUTDIR FILE...
 *
 * writes OUTDIR/<target>/<hash> files, each in the input format of its harness:
 *   fuzz_msg, fuzz_roundtrip   flags byte + message (lenient datagram, lenient stream)
 *   fuzz_frame                 flags byte + split byte + message, keep-alive, message
 *   fuzz_header                header id byte + the value of each header in the corpus
 *   fuzz_uri                   context byte + each Request-URI and name-addr URI
 *   fuzz_nameaddr              each From, To, Contact and route value
 * Names are a hash of the content, so a value seen in many messages is written once.
 * Built against the plain library (no sanitizers); it only reads the corpus. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sipparse/sipparse.h>

static const char *outdir;

static void write_seed(const char *target, const void *head, size_t hlen, const void *body,
                       size_t blen)
{
    uint64_t h = 1469598103934665603ull;   /* FNV-1a 64 */
    const unsigned char *p = head;
    for (size_t i = 0; i < hlen; i++)
        h = (h ^ p[i]) * 1099511628211ull;
    p = body;
    for (size_t i = 0; i < blen; i++)
        h = (h ^ p[i]) * 1099511628211ull;
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", outdir, target);
    mkdir(path, 0777);
    snprintf(path, sizeof path, "%s/%s/%016llx", outdir, target, (unsigned long long)h);
    FILE *f = fopen(path, "wb");
    if (!f) {
        perror(path);
        exit(1);
    }
    if ((hlen && fwrite(head, 1, hlen, f) != hlen) || (blen && fwrite(body, 1, blen, f) != blen)) {
        perror(path);
        exit(1);
    }
    fclose(f);
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, n = 0, r;
    char *buf = malloc(cap);
    while (buf && (r = fread(buf + n, 1, cap - n, f)) > 0) {
        n += r;
        if (n == cap)
            buf = realloc(buf, cap *= 2);
    }
    fclose(f);
    *len = n;
    return buf;
}

static void uri_seed(const sipparse_uri *u, unsigned char ctx)
{
    write_seed("fuzz_uri", &ctx, 1, u->raw.ptr, u->raw.len);
}

static void nameaddr_seeds(const sipparse_msg *m, sipparse_hdr_id id)
{
    for (const sipparse_hdr *h = sipparse_msg_hdr(m, id); h; h = sipparse_msg_hdr_next(m, h)) {
        write_seed("fuzz_nameaddr", NULL, 0, h->value.ptr, h->value.len);
        size_t pos = 0;
        sipparse_nameaddr na;
        while (sipparse_contact_next(h->value, &pos, &na, NULL) == SIPPARSE_OK)
            if (!na.star)
                uri_seed(&na.uri, na.bracketed ? SIPPARSE_URI_FULL : SIPPARSE_URI_ADDR_SPEC);
    }
}

static void one_file(const char *path)
{
    size_t len = 0;
    char *msg = slurp(path, &len);
    if (!msg) {
        perror(path);
        exit(1);
    }
    const unsigned char lenient = SIPPARSE_F_LENIENT, lenient_stream = SIPPARSE_F_LENIENT | 0x20;
    write_seed("fuzz_msg", &lenient, 1, msg, len);
    write_seed("fuzz_msg", &lenient_stream, 1, msg, len);
    write_seed("fuzz_roundtrip", &lenient, 1, msg, len);

    /* a stream: the message, a keep-alive, the message again */
    size_t slen = 2 * len + 4;
    char *stream = malloc(slen);
    memcpy(stream, msg, len);
    memcpy(stream + len, "\r\n\r\n", 4);
    memcpy(stream + len + 4, msg, len);
    const unsigned char fhead[2] = { SIPPARSE_F_LENIENT, 0x80 };
    write_seed("fuzz_frame", fhead, 2, stream, slen);
    free(stream);

    static sipparse_hdr hdrs[1024];
    sipparse_msg m;
    sipparse_msg_init(&m, hdrs, 1024, SIPPARSE_F_LENIENT);
    if (sipparse_msg_parse(&m, msg, len) == SIPPARSE_OK) {
        for (unsigned i = 0; i < m.nhdrs; i++) {
            unsigned char id = (unsigned char)m.hdrs[i].id;
            write_seed("fuzz_header", &id, 1, m.hdrs[i].value.ptr, m.hdrs[i].value.len);
        }
        if (m.is_request)
            uri_seed(&m.uri, SIPPARSE_URI_REQUEST);
        nameaddr_seeds(&m, SIPPARSE_HDR_FROM);
        nameaddr_seeds(&m, SIPPARSE_HDR_TO);
        nameaddr_seeds(&m, SIPPARSE_HDR_CONTACT);
        nameaddr_seeds(&m, SIPPARSE_HDR_ROUTE);
        nameaddr_seeds(&m, SIPPARSE_HDR_RECORD_ROUTE);
    }
    free(msg);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: seedgen OUTDIR FILE...\n");
        return 2;
    }
    outdir = argv[1];
    mkdir(outdir, 0777);
    for (int i = 2; i < argc; i++)
        one_file(argv[i]);
    return 0;
}
