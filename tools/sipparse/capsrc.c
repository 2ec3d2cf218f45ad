/* tools/sipparse/capsrc.c: the byte stream a capture reader reads, counted.
 *
 * Two jobs. libpcap wants a FILE positioned at the start of the capture, but the tool
 * has already read the first bytes to recognise the format, and stdin cannot seek back:
 * the stream here hands out those bytes again (the prefix) before the rest of the file.
 * And libpcap's errors say what went wrong but not where: the stream counts the bytes
 * it hands out, and answers ftell (seeking only to where it is), so that stdio can say
 * where the reader is once its read-ahead is taken off. (Unbuffered, glibc would call
 * the read function once per byte: ten times slower.) */
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

/* Only "where am I" (what ftell asks): the stream cannot go back or forward. */
static int src_seek(void *cookie, off64_t *offset, int whence)
{
    cap_source *s = cookie;
    if ((whence == SEEK_CUR && *offset == 0) ||
        (whence == SEEK_SET && (unsigned long long)*offset == s->off)) {
        *offset = (off64_t)s->off;
        return 0;
    }
    errno = ESPIPE;
    return -1;
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
    cookie_io_functions_t io = { .read = src_read, .write = NULL, .seek = src_seek,
                                 .close = src_close };
    s->f = fopencookie(s, "rb", io);
    return s->f ? 0 : -1;
}

unsigned long long capsrc_tell(const cap_source *s, FILE *f)
{
    off_t pos = ftello(f);
    return pos >= 0 ? (unsigned long long)pos : s->off;
}

void capsrc_close(cap_source *s)
{
    if (s->f) fclose(s->f);
    s->f = NULL;
    free(s->prefix);
    s->prefix = NULL;
}
