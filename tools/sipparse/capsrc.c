/* tools/sipparse/capsrc.c: the byte stream a capture reader reads, counted.
 *
 * Two jobs. libpcap wants a FILE positioned at the start of the capture, but the tool
 * has already read the first bytes to recognise the format, and stdin cannot seek back:
 * the stream here hands out those bytes again (the prefix) before the rest of the file.
 * And libpcap's errors say what went wrong but not where: the stream counts every byte
 * the reader took, and being unbuffered, that count is exactly where the reader stopped. */
#define _GNU_SOURCE /* fopencookie */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "capture.h"

static ssize_t src_read(void *cookie, char *buf, size_t size)
{
    cap_source *s = cookie;
    size_t done = 0;
    if (s->ppos < s->plen) {
        size_t k = s->plen - s->ppos < size ? s->plen - s->ppos : size;
        memcpy(buf, s->prefix + s->ppos, k);
        s->ppos += k;
        done = k;
    }
    if (done < size) {
        size_t got = fread(buf + done, 1, size - done, s->under);
        if (got == 0 && done == 0 && ferror(s->under)) {
            errno = errno ? errno : EIO;
            return -1;
        }
        done += got;
    }
    s->off += done;
    return (ssize_t)done;
}

static int src_close(void *cookie)
{
    (void)cookie; /* the underlying FILE belongs to the caller */
    return 0;
}

int capsrc_open(cap_source *s, FILE *under, unsigned char *prefix, size_t n)
{
    memset(s, 0, sizeof *s);
    s->under = under;
    s->prefix = prefix;
    s->plen = n;
    cookie_io_functions_t io = { .read = src_read, .write = NULL, .seek = NULL,
                                 .close = src_close };
    s->f = fopencookie(s, "rb", io);
    if (!s->f) return -1;
    /* Unbuffered: a read-ahead would make the count run past where the reader is. */
    if (setvbuf(s->f, NULL, _IONBF, 0) != 0) {
        fclose(s->f);
        s->f = NULL;
        return -1;
    }
    return 0;
}

void capsrc_close(cap_source *s)
{
    if (s->f) fclose(s->f);
    s->f = NULL;
    free(s->prefix);
    s->prefix = NULL;
}
