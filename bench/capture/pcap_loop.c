/* bench/capture/pcap_loop.c: the floor of the capture benchmark, a bare libpcap read loop.
 *
 *   pcap_loop FILE
 *
 * Reads every packet with pcap_next_ex and touches its bytes (a sum, so the read is not
 * optimised away), printing the packet count. Whatever sipparse does per packet comes
 * on top of this. */
#include <pcap/pcap.h>
#include <stdio.h>

int main(int argc, char **argv)
{
    char err[PCAP_ERRBUF_SIZE];
    if (argc != 2) {
        fprintf(stderr, "usage: pcap_loop FILE\n");
        return 2;
    }
    pcap_t *p = pcap_open_offline_with_tstamp_precision(argv[1], PCAP_TSTAMP_PRECISION_NANO, err);
    if (!p) {
        fprintf(stderr, "pcap_loop: %s\n", err);
        return 2;
    }
    struct pcap_pkthdr *h;
    const unsigned char *d;
    unsigned long packets = 0, sum = 0;
    int rc;
    while ((rc = pcap_next_ex(p, &h, &d)) == 1) {
        packets++;
        for (unsigned i = 0; i < h->caplen; i += 64)
            sum += d[i];
    }
    pcap_close(p);
    printf("packets=%lu sum=%lu\n", packets, sum);
    return rc == PCAP_ERROR_BREAK ? 0 : 2;
}
