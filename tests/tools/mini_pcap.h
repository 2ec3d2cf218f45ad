/* tests/tools/mini_pcap.h: just enough of a pcap reader to get the TCP and UDP
 * payloads out of the loopback captures in corpus/ (classic pcap, Ethernet, IPv4, no
 * fragments). It is a test fixture, not the tool's capture path. */
#ifndef MINI_PCAP_H
#define MINI_PCAP_H
#include <stddef.h>
#include <stdint.h>

typedef struct mp_seg {
    unsigned long frame;          /* 1-based record number */
    unsigned proto;               /* 6 TCP, 17 UDP */
    uint32_t src, dst;            /* IPv4 addresses, host order */
    unsigned sport, dport;
    uint32_t seq;                 /* TCP */
    unsigned flags;               /* TCP flags byte */
    const unsigned char *payload;
    size_t len;
} mp_seg;

typedef void (*mp_fn)(void *user, const mp_seg *s);

/* Calls fn for every TCP or UDP packet of the file, in order. Returns the number of
 * records read, or -1 when the file cannot be read or is not a classic Ethernet pcap. */
long mp_each(const char *path, mp_fn fn, void *user);

#endif
