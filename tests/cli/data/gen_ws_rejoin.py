#!/usr/bin/env python3
# tests/cli/data/gen_ws_rejoin.py: writes ws-rejoin.pcap, WebSocket connections whose
# client direction starts again as a new TCP flow while the server's flow keeps the
# connection (the golden test cap-ws-rejoin-stats counts what each packet became):
#   :50001  upgrade, 101, a SIP frame; the client's flow idles past the 300 s timeout
#           while the server sends one; then a second SIP frame from the client
#   :50002  upgrade, 101; the client resets, then sends a SIP frame on the same ports
# Each SIP frame is one message and its packet one SIP packet. Before fuzz_pcap's F17,
# the new flow took the connection's offsets for its own, and the packets of the
# frames after the restart were counted as not SIP (the Upgrade is longer than those
# frames, so the offsets cannot overlap by chance).
# Regenerate: python3 tests/cli/data/gen_ws_rejoin.py tests/cli/data/ws-rejoin.pcap
import os, struct, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pcapgen import T0, SYN, RST, ACK, PSH, tcp4, write_pcap  # noqa: E402

pkts = []

def tcp(t, src, dst, sp, dp, seq, flags, data=b''):
    pkts.append((T0 + t, 0, tcp4(src, dst, sp, dp, seq, flags, data)))
C, S = [10, 0, 0, 1], [10, 0, 0, 2]

UPGRADE = (b'GET / HTTP/1.1\r\nHost: example.com\r\nUpgrade: websocket\r\n'
           b'Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n'
           b'Origin: https://www.example.com\r\n'
           b'User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko)\r\n'
           b'Sec-WebSocket-Extensions: client_max_window_bits\r\n'
           b'Sec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: sip\r\n\r\n')
ACCEPT = (b'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n'
          b'Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\nSec-WebSocket-Protocol: sip\r\n\r\n')

def sip(method, n):
    return (f'{method} sip:bob@example.com SIP/2.0\r\n'
            f'Via: SIP/2.0/WS df7jal23ls0d.invalid;branch=z9hG4bKrejoin{n}\r\n'
            'Max-Forwards: 70\r\nFrom: <sip:alice@example.com>;tag=a1\r\n'
            'To: <sip:bob@example.com>\r\n'
            f'Call-ID: rejoin-{n}@example.com\r\nCSeq: {n} {method}\r\n\r\n').encode()

def frame(data, masked=True):
    n = len(data)
    h = bytes([0x81]) + (bytes([(0x80 if masked else 0) | n]) if n < 126 else
                         bytes([(0x80 if masked else 0) | 126]) + struct.pack('!H', n))
    if not masked: return h + data
    key = b'\x11\x22\x33\x44'
    return h + key + bytes(c ^ key[i % 4] for i, c in enumerate(data))

class Conn:
    def __init__(self, t, port):
        self.port, self.cs, self.ss = port, 1000, 5000
        tcp(t, C, S, port, 443, self.cs, SYN)
        tcp(t, S, C, 443, port, self.ss, SYN | ACK)
        self.cs += 1; self.ss += 1
    def c2s(self, t, data, flags=PSH | ACK):
        tcp(t, C, S, self.port, 443, self.cs, flags, data)
        self.cs += len(data)
    def s2c(self, t, data):
        tcp(t, S, C, 443, self.port, self.ss, PSH | ACK, data)
        self.ss += len(data)

a = Conn(0, 50001)
a.c2s(0, UPGRADE); a.s2c(0, ACCEPT)
a.c2s(1, frame(sip('REGISTER', 1)))
a.s2c(200, frame(sip('OPTIONS', 2), masked=False))
a.s2c(400, frame(sip('OPTIONS', 3), masked=False))
a.c2s(420, frame(sip('MESSAGE', 4)))

b = Conn(500, 50002)
b.c2s(500, UPGRADE); b.s2c(500, ACCEPT)
b.c2s(501, b'', RST | ACK)
b.c2s(502, frame(sip('MESSAGE', 5)))

write_pcap(sys.argv[1], pkts)
