#!/usr/bin/env python3
# tests/cli/data/gen_ws_hep_edges.py: writes ws_hep_edges.pcap, the cases the recorded
# captures do not hold, one connection or datagram per case (the golden test
# cap-ws-hep-edges-stats counts what each became):
#   UDP  HEP3 RTCP report (type 5)            -> "HEP, payload not SIP"
#   UDP  HEP3 with a chunk past the packet    -> "HEP, malformed packet"
#   UDP  HEP3, zlib-compressed SIP, IPv6      -> a message, agent's [2001:db8::] endpoints
#   UDP  HEP2 with SIP                        -> a message, "hep2" in the path
#   UDP  HEP3 SIP without family chunk        -> a message with the hop's addresses
#   TCP  :5061 TLS ClientHello / ServerHello  -> "TLS, not decodable"
#   TCP  :8080 upgrade answered 403           -> "WebSocket upgrade refused"
#   TCP  :8081 upgrade, SIP frame, JSON frame, reserved opcode -> message, not SIP, error
#   TCP  :8082 upgrade, SIP frame, then a hole the server ACKs past -> rest counted
# Regenerate: python3 tests/cli/data/gen_ws_hep_edges.py tests/cli/data/ws_hep_edges.pcap
import os, struct, sys, zlib
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pcapgen import T0, ether, ip4, write_pcap  # noqa: E402

pkts = []

def add(l3):
    n = len(pkts)
    pkts.append((T0 + n // 10, (n % 10) * 1000, ether(l3)))

A, B = [10, 0, 0, 1], [10, 0, 0, 2]

def udp(sp, dp, data, src=A, dst=B):
    add(ip4(src, dst, 17, struct.pack('!HHHH', sp, dp, 8 + len(data), 0) + data))

def tcp(src, dst, sp, dp, seq, ack, flags, data=b''):
    h = struct.pack('!HHIIBBHHH', sp, dp, seq & 0xffffffff, ack & 0xffffffff, 5 << 4, flags,
                    65535, 0, 0)
    add(ip4(src, dst, 6, h + data))

from pcapgen import SYN, ACK, PSH, FIN  # noqa: E402

def chunk(t, data):
    return struct.pack('!HHH', 0, t, 6 + len(data)) + data

def hep3(chunks):
    body = b''.join(chunks)
    return b'HEP3' + struct.pack('!H', 6 + len(body)) + body

def sip(method, n):
    return (f'{method} sip:bob@example.com SIP/2.0\r\n'
            f'Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bKedge{n}\r\n'
            'Max-Forwards: 70\r\nFrom: <sip:alice@example.com>;tag=a1\r\n'
            'To: <sip:bob@example.com>\r\n'
            f'Call-ID: edge-{n}@example.com\r\nCSeq: 1 {method}\r\nContent-Length: 0\r\n\r\n'
            ).encode()

def v4chunks(proto_type, payload, ptype=15):
    return [chunk(1, b'\x02'), chunk(2, b'\x11'), chunk(3, bytes([192, 0, 2, 1])),
            chunk(4, bytes([192, 0, 2, 2])), chunk(7, struct.pack('!H', 5060)),
            chunk(8, struct.pack('!H', 5060)), chunk(9, struct.pack('!I', T0 - 3600)),
            chunk(10, struct.pack('!I', 250000)), chunk(11, bytes([proto_type])),
            chunk(ptype, payload)]

# HEP over UDP
udp(40000, 9060, hep3(v4chunks(5, b'\x80\xc8\x00\x06' + b'\0' * 24)))
bad = bytearray(hep3(v4chunks(1, sip('OPTIONS', 1))))
struct.pack_into('!H', bad, len(bad) - len(sip('OPTIONS', 1)) - 2, 9999)
udp(40000, 9060, bytes(bad))
v6 = [chunk(1, b'\x0a'), chunk(2, b'\x11'), chunk(5, bytes.fromhex('20010db8' + '0' * 23 + '1')),
      chunk(6, bytes.fromhex('20010db8' + '0' * 23 + '2')), chunk(7, struct.pack('!H', 5062)),
      chunk(8, struct.pack('!H', 5060)), chunk(9, struct.pack('!I', T0 - 7200)),
      chunk(10, struct.pack('!I', 5)), chunk(11, b'\x01'),
      chunk(16, zlib.compress(sip('MESSAGE', 3)))]
udp(40000, 9060, hep3(v6))
# v1/v2 header: ports and addresses in network order, v2's time in the agent's (x86) order
hep2 = (struct.pack('!BBBBHH4s4s', 2, 16, 2, 17, 5070, 5060, bytes([198, 51, 100, 1]),
                    bytes([198, 51, 100, 2])) + struct.pack('<IIHH', T0 - 60, 7, 42, 0))
udp(40001, 9060, hep2 + sip('INFO', 4))
udp(40002, 9061, hep3([chunk(11, b'\x01'), chunk(15, sip('NOTIFY', 5))]))

# TLS on 5061 (sips): a handshake record each way
C, S = [10, 0, 0, 3], [10, 0, 0, 4]
tcp(C, S, 50000, 5061, 100, 0, SYN)
tcp(S, C, 5061, 50000, 900, 101, SYN | ACK)
tcp(C, S, 50000, 5061, 101, 901, PSH | ACK, b'\x16\x03\x01\x00\x05\x01\x00\x00\x01\x00')
tcp(S, C, 5061, 50000, 901, 111, PSH | ACK, b'\x16\x03\x03\x00\x05\x02\x00\x00\x01\x00')

def upgrade(path='/'):
    return (f'GET {path} HTTP/1.1\r\nHost: example.com\r\nUpgrade: websocket\r\n'
            'Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n'
            'Sec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: sip\r\n\r\n').encode()

ACCEPT = (b'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n'
          b'Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\nSec-WebSocket-Protocol: sip\r\n\r\n')

def wsframe(op, data, masked=True, fin=True):
    b0 = (0x80 if fin else 0) | op
    n = len(data)
    h = bytes([b0]) + (bytes([(0x80 if masked else 0) | n]) if n < 126 else
                       bytes([(0x80 if masked else 0) | 126]) + struct.pack('!H', n))
    if not masked: return h + data
    key = b'\x11\x22\x33\x44'
    return h + key + bytes(c ^ key[i % 4] for i, c in enumerate(data))

class Conn:
    def __init__(self, c, s, cp, sp):
        self.c, self.s, self.cp, self.sp = c, s, cp, sp
        self.cs, self.ss = 1000, 5000
        tcp(c, s, cp, sp, self.cs, 0, SYN)
        tcp(s, c, sp, cp, self.ss, self.cs + 1, SYN | ACK)
        self.cs += 1; self.ss += 1
    def c2s(self, data, skip=False):
        if not skip: tcp(self.c, self.s, self.cp, self.sp, self.cs, self.ss, PSH | ACK, data)
        self.cs += len(data)
    def s2c(self, data):
        tcp(self.s, self.c, self.sp, self.cp, self.ss, self.cs, PSH | ACK, data)
        self.ss += len(data)

D = [10, 0, 0, 5]
k = Conn(C, D, 50001, 8080)          # refused
k.c2s(upgrade()); k.s2c(b'HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n')

k = Conn(C, D, 50002, 8081)          # a message, JSON, then a reserved opcode
k.c2s(upgrade()); k.s2c(ACCEPT)
k.c2s(wsframe(1, sip('OPTIONS', 6)))
k.s2c(wsframe(1, b'{"type":"keepalive"}', masked=False))
k.c2s(wsframe(3, b'x'))
k.c2s(wsframe(1, sip('OPTIONS', 7)))  # after the error: skipped

k = Conn(C, D, 50003, 8082)          # a hole the server acknowledges past
k.c2s(upgrade()); k.s2c(ACCEPT)
k.c2s(wsframe(1, sip('REGISTER', 8)))
k.c2s(wsframe(1, sip('REGISTER', 9)), skip=True)
k.c2s(wsframe(1, sip('REGISTER', 10)))
k.s2c(wsframe(1, b'SIP/2.0 200 OK\r\nContent-Length: 0\r\n\r\n', masked=False))

write_pcap(sys.argv[1], pkts)
