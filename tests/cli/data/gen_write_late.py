#!/usr/bin/env python3
# tests/cli/data/gen_write_late.py: writes write-late.pcap, messages that reassembly
# completes in a packet other than the one carrying their end, for -w (the golden test
# cap-write-late reads back what was written):
#   TCP :40000 OPTIONS 1 in one segment                  -> written (frame 1)
#   TCP :40000 OPTIONS 2 after a 10-byte hole            -> reported at the end of the
#                                                           capture: written from the copy
#                                                           the flow kept of its segment
#   TCP :40001 INVITE 3, second half sent first          -> both halves written
#   TCP :40002 WebSocket MESSAGE 4 sent before the 101   -> let go by the server's 101,
#                                                           which did not carry it: none
# Before fuzz_pcap's F16 the end-of-capture report handed -w a packet that was gone
# (the exit status was 2 and a bogus link type was named), and the others the packet
# in hand whatever it was.
# Regenerate: python3 tests/cli/data/gen_write_late.py tests/cli/data/write-late.pcap
import os, struct, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pcapgen import T0, SYN, ACK, PSH, tcp4, write_pcap  # noqa: E402

pkts = []

def tcp(src, dst, sp, dp, seq, flags, data=b''):
    pkts.append((T0 + len(pkts), 0, tcp4(src, dst, sp, dp, seq, flags, data)))

def sip(method, n):
    return (f'{method} sip:bob@example.com SIP/2.0\r\n'
            f'Via: SIP/2.0/TCP 192.0.2.1:{40000 + n};branch=z9hG4bKlate{n}\r\n'
            'Max-Forwards: 70\r\nFrom: <sip:alice@example.com>;tag=a1\r\n'
            'To: <sip:bob@example.com>\r\n'
            f'Call-ID: late-{n}@example.com\r\nCSeq: 1 {method}\r\nContent-Length: 0\r\n\r\n'
            ).encode()

A, B, C = [10, 0, 0, 1], [10, 0, 0, 2], [10, 0, 0, 3]
m1, m2 = sip('OPTIONS', 1), sip('OPTIONS', 2)
tcp(A, B, 40000, 5060, 1000, PSH | ACK, m1)
tcp(A, B, 40000, 5060, 1000 + len(m1) + 10, PSH | ACK, m2)

m3 = sip('INVITE', 3)
half = len(m3) // 2
tcp(C, B, 40001, 5060, 1999, SYN)
tcp(C, B, 40001, 5060, 2000 + half, PSH | ACK, m3[half:])
tcp(C, B, 40001, 5060, 2000, PSH | ACK, m3[:half])

upgrade = (b'GET / HTTP/1.1\r\nHost: example.com\r\nUpgrade: websocket\r\n'
           b'Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n'
           b'Sec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: sip\r\n\r\n')
accept = (b'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n'
          b'Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\nSec-WebSocket-Protocol: sip\r\n\r\n')
m4 = sip('MESSAGE', 4)
key = b'\x11\x22\x33\x44'
frame = bytes([0x81, 0x80 | 126]) + struct.pack('!H', len(m4)) + key + \
        bytes(c ^ key[i % 4] for i, c in enumerate(m4))
tcp(C, B, 40002, 80, 3000, SYN)
tcp(B, C, 80, 40002, 7000, SYN | ACK)
tcp(C, B, 40002, 80, 3001, PSH | ACK, upgrade)
tcp(C, B, 40002, 80, 3001 + len(upgrade), PSH | ACK, frame)
tcp(B, C, 80, 40002, 7001, PSH | ACK, accept)

write_pcap(sys.argv[1], pkts)
