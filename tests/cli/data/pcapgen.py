# tests/cli/data/pcapgen.py: what the capture generators of this directory share: IPv4
# over Ethernet, a TCP segment, and the pcap file (microseconds, Ethernet). Checksums:
# the IPv4 header's is right (the tool checks it); TCP and UDP carry 0.
import struct

T0 = 1767225600  # 2026-01-01T00:00:00Z
SYN, RST, ACK, PSH, FIN = 0x02, 0x04, 0x10, 0x08, 0x01

def csum(b):
    if len(b) % 2: b += b'\0'
    s = sum(struct.unpack('!%dH' % (len(b) // 2), b))
    while s >> 16: s = (s & 0xffff) + (s >> 16)
    return ~s & 0xffff

def ip4(src, dst, proto, payload):
    h = struct.pack('!BBHHHBBH4s4s', 0x45, 0, 20 + len(payload), 1, 0, 64, proto, 0,
                    bytes(src), bytes(dst))
    return h[:10] + struct.pack('!H', csum(h)) + h[12:] + payload

def ether(l3):
    return b'\x02\0\0\0\0\x02' + b'\x02\0\0\0\0\x01' + b'\x08\x00' + l3

def tcp4(src, dst, sp, dp, seq, flags, data=b''):
    seg = struct.pack('!HHIIBBHHH', sp, dp, seq & 0xffffffff, 0, 5 << 4, flags, 65535, 0, 0)
    return ether(ip4(src, dst, 6, seg + data))

def write_pcap(path, pkts):
    """pkts: (seconds, microseconds, frame bytes) in order."""
    with open(path, 'wb') as f:
        f.write(struct.pack('<IHHiIII', 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
        for sec, usec, d in pkts:
            f.write(struct.pack('<IIII', sec, usec, len(d), len(d)) + d)
