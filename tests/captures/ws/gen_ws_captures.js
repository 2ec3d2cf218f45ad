#!/usr/bin/env node
// tests/captures/ws/gen_ws_captures.js: makes the SIP-over-WebSocket captures of
// corpus/pcap-generated/ws_*_gen.pcap, with what each one holds in EXPECTED.tsv (beside
// this file) and a provenance row per capture in corpus/pcap-generated/GENERATED.tsv.
//
//   cd tests/captures/ws && npm install && node gen_ws_captures.js
//
// A real `ws` client talks to a real `ws` server on 127.0.0.1 through a TCP relay of our
// own. The relay records each piece it forwards and writes the pcap itself (Ethernet,
// IPv4, TCP with real sequence numbers and checksums), so no capture privilege or
// tcpdump is needed, and it can cut the bytes into TCP segments as a scenario asks
// (frames split across segments, several frames in one). Addresses, ports and time
// stamps in the pcap are fixed; the masking keys are random, so two runs differ in
// bytes but not in what the test checks. Not run by `make check`.
'use strict';
const fs = require('fs');
const net = require('net');
const path = require('path');
const crypto = require('crypto');
const { WebSocket, WebSocketServer } = require('ws');

const ROOT = path.resolve(__dirname, '..', '..', '..');
const OUT_DIR = path.join(ROOT, 'corpus', 'pcap-generated');
const EXPECTED = path.join(__dirname, 'EXPECTED.tsv');
const GENERATED = path.join(OUT_DIR, 'GENERATED.tsv');
const SERVER_PORT = 8088;

// ---- SIP messages (RFC 7118 §8 style: Via SIP/2.0/WS, .invalid hosts) -----------------
let cseq = 1;
function request(method, body) {
  body = body || '';
  const n = cseq++;
  return `${method} sip:bob@example.com SIP/2.0\r\n` +
    `Via: SIP/2.0/WS df7jal23ls0d.invalid;branch=z9hG4bK${crypto.randomBytes(4).toString('hex')}\r\n` +
    'Max-Forwards: 70\r\nTo: <sip:bob@example.com>\r\n' +
    'From: Alice <sip:alice@example.com>;tag=1928301774\r\n' +
    `Call-ID: ws-gen-${n}@df7jal23ls0d.invalid\r\nCSeq: ${n} ${method}\r\n` +
    'Contact: <sip:alice@df7jal23ls0d.invalid;transport=ws>\r\n' +
    (body ? 'Content-Type: text/plain\r\n' : '') +
    `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
}
function response(req) {
  const lines = req.split('\r\n');
  const keep = lines.filter(l => /^(Via|To|From|Call-ID|CSeq):/.test(l));
  return 'SIP/2.0 200 OK\r\n' + keep.join('\r\n') + '\r\nContent-Length: 0\r\n\r\n';
}
const firstLine = m => m.split('\r\n')[0];

// ---- pcap writing ----------------------------------------------------------------------
function checksum(buf) {
  let s = 0;
  for (let i = 0; i + 1 < buf.length; i += 2) s += buf.readUInt16BE(i);
  if (buf.length & 1) s += buf[buf.length - 1] << 8;
  while (s >> 16) s = (s & 0xffff) + (s >> 16);
  return (~s) & 0xffff;
}
function tcpPacket(src, dst, sport, dport, seq, ack, flags, payload) {
  const tcp = Buffer.alloc(20);
  tcp.writeUInt16BE(sport, 0); tcp.writeUInt16BE(dport, 2);
  tcp.writeUInt32BE(seq >>> 0, 4); tcp.writeUInt32BE(ack >>> 0, 8);
  tcp[12] = 5 << 4; tcp[13] = flags; tcp.writeUInt16BE(65535, 14);
  const pseudo = Buffer.alloc(12);
  pseudo.writeUInt32BE(src, 0); pseudo.writeUInt32BE(dst, 4); pseudo[9] = 6;
  pseudo.writeUInt16BE(20 + payload.length, 10);
  tcp.writeUInt16BE(checksum(Buffer.concat([pseudo, tcp, payload])), 16);
  const ip = Buffer.alloc(20);
  ip[0] = 0x45; ip.writeUInt16BE(20 + 20 + payload.length, 2); ip[6] = 0x40; ip[8] = 64; ip[9] = 6;
  ip.writeUInt32BE(src, 12); ip.writeUInt32BE(dst, 16);
  ip.writeUInt16BE(checksum(ip), 10);
  const eth = Buffer.alloc(14);
  eth.writeUInt16BE(0x0800, 12);
  return Buffer.concat([eth, ip, tcp, payload]);
}

// One TCP connection's packets: a 3-way handshake, the recorded pieces cut as asked,
// an ACK for each, and the FIN exchange.
class PcapConn {
  constructor(cport) {
    this.ip = 0x7f000001; this.cport = cport; this.sport = SERVER_PORT;
    this.seq = [1000, 500000]; this.pkts = [];
  }
  add(dir, flags, payload) {
    const [s, d] = dir === 0 ? [this.cport, this.sport] : [this.sport, this.cport];
    this.pkts.push(tcpPacket(this.ip, this.ip, s, d, this.seq[dir], this.seq[1 - dir], flags, payload));
    this.seq[dir] += payload.length + ((flags & 0x03) ? 1 : 0);
  }
  open() { this.add(0, 0x02, Buffer.alloc(0)); this.add(1, 0x12, Buffer.alloc(0)); this.add(0, 0x10, Buffer.alloc(0)); }
  data(dir, buf) { this.add(dir, 0x18, buf); this.add(1 - dir, 0x10, Buffer.alloc(0)); }
  close() { this.add(0, 0x11, Buffer.alloc(0)); this.add(1, 0x11, Buffer.alloc(0)); this.add(0, 0x10, Buffer.alloc(0)); }
}

function writePcap(file, pkts) {
  const head = Buffer.alloc(24);
  head.writeUInt32LE(0xa1b2c3d4, 0); head.writeUInt16LE(2, 4); head.writeUInt16LE(4, 6);
  head.writeUInt32LE(262144, 16); head.writeUInt32LE(1, 20);
  const parts = [head];
  const base = Date.UTC(2026, 10, 25, 12, 0, 0) / 1000;
  pkts.forEach((p, i) => {
    const rec = Buffer.alloc(16);
    rec.writeUInt32LE(base + Math.floor(i / 1000), 0); rec.writeUInt32LE((i % 1000) * 1000, 4);
    rec.writeUInt32LE(p.length, 8); rec.writeUInt32LE(p.length, 12);
    parts.push(rec, p);
  });
  const all = Buffer.concat(parts);
  fs.writeFileSync(file, all);
  return all;
}

// ---- a relay that records what flows through it ---------------------------------------
function relay(target) {
  const log = [];
  const server = net.createServer(c => {
    const s = net.connect(target, '127.0.0.1');
    c.on('data', d => { log.push([0, Buffer.from(d)]); s.write(d); });
    s.on('data', d => { log.push([1, Buffer.from(d)]); c.write(d); });
    c.on('end', () => s.end());
    s.on('end', () => c.end());
    c.on('error', () => s.destroy());
    s.on('error', () => c.destroy());
  });
  return new Promise(res => server.listen(0, '127.0.0.1', () => res({ server, log, port: server.address().port })));
}

// ---- scenarios ------------------------------------------------------------------------
// Each runs a client against a server and returns what the test should find.
function scenario(name, opts) { return Object.assign({ name }, opts); }

const SCENARIOS = [
  scenario('ws_deflate_takeover_gen.pcap', {
    note: 'permessage-deflate with context takeover (threshold 0: every message compressed); the same REGISTER twice, so the second points back into the first',
    deflate: { threshold: 0 },
    client: ws => [request('OPTIONS'), request('REGISTER'), request('REGISTER'), request('MESSAGE', 'hello over a compressed WebSocket')],
  }),
  scenario('ws_deflate_no_takeover_gen.pcap', {
    note: 'permessage-deflate with server_no_context_takeover, client_no_context_takeover, server_max_window_bits=10, client_max_window_bits=11',
    deflate: { threshold: 0, serverNoContextTakeover: true, clientNoContextTakeover: true,
               serverMaxWindowBits: 10, clientMaxWindowBits: 11 },
    client: ws => [request('REGISTER'), request('REGISTER'), request('MESSAGE', 'x'.repeat(3000))],
  }),
  scenario('ws_len64_gen.pcap', {
    note: 'a MESSAGE with a 70000-byte body: 64-bit payload length (client) and a 200 OK; no deflate',
    client: ws => [request('MESSAGE', 'y'.repeat(70000)), request('OPTIONS')],
  }),
  scenario('ws_fragments_ping_gen.pcap', {
    note: 'an INVITE sent as 12 frames (text + 11 continuations) with a ping after each of the first 11 (the server pongs each); then a BYE in one frame',
    fragments: 12,
    client: ws => [request('INVITE', 'v=0\r\no=alice 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\nm=audio 49170 RTP/AVP 0\r\n'), request('BYE')],
  }),
  scenario('ws_split_segments_gen.pcap', {
    note: 'every direction cut into TCP segments of 1, 2, 3, 7, 13, 50 and 400 bytes in turn, frames split anywhere and several frames per segment; deflate on',
    deflate: { threshold: 0 },
    cut: [1, 2, 3, 7, 13, 50, 400],
    client: ws => [request('OPTIONS'), request('REGISTER'), request('SUBSCRIBE'), request('MESSAGE', 'z'.repeat(500))],
  }),
  scenario('ws_close_mid_message_gen.pcap', {
    note: 'an OPTIONS, then the first frame of a fragmented INVITE (FIN=0) and a close 1001 before the rest: close while a message is incomplete',
    closeMid: true,
    client: ws => [request('OPTIONS')],
  }),
  scenario('ws_after_handshake_gen.pcap', {
    note: 'capture starting after the handshake (the SYN and HTTP upgrade packets left out): decode with --decode ws:8088; permessage-deflate on, guessed from RSV1',
    deflate: { threshold: 0 },
    skipHandshake: true,
    client: ws => [request('OPTIONS'), request('REGISTER'), request('INVITE')],
  }),
];

function runScenario(sc, index) {
  return new Promise(async (resolve, reject) => {
    const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate: sc.deflate || false,
                                      handleProtocols: p => (p.has('sip') ? 'sip' : false) });
    await new Promise(r => wss.on('listening', r));
    const rl = await relay(wss.address().port);
    const exp = { c2s: [], s2c: [], pings: 0, pongs: 0, closes: 0, closePartial: 0, maxFrames: 1 };
    wss.on('connection', sock => {
      sock.on('message', data => {
        const req = data.toString();
        exp.s2c.push(firstLine(response(req)));
        sock.send(response(req));
      });
    });
    const ws = new WebSocket(`ws://127.0.0.1:${rl.port}/`, 'sip', { perMessageDeflate: sc.deflate || false });
    ws.on('error', reject);
    ws.on('open', async () => {
      const msgs = sc.client(ws);
      const replies = [];
      ws.on('message', d => replies.push(d.toString()));
      const waitReplies = n => new Promise(r => { const t = setInterval(() => { if (replies.length >= n) { clearInterval(t); r(); } }, 5); });
      let sent = 0;
      for (const m of msgs) {
        exp.c2s.push(firstLine(m));
        if (sc.fragments && m.startsWith('INVITE')) {
          const b = Buffer.from(m), step = Math.ceil(b.length / sc.fragments);
          for (let i = 0; i < sc.fragments; i++) {
            const last = i === sc.fragments - 1;
            ws.send(b.subarray(i * step, last ? b.length : (i + 1) * step), { fin: last, binary: false });
            if (!last) { ws.ping('p' + i); exp.pings++; exp.pongs++; }
          }
          exp.maxFrames = sc.fragments;
        } else {
          ws.send(m);
        }
        sent++;
        if (!sc.cut) await waitReplies(sent);      // one exchange at a time
      }
      await waitReplies(sent);
      if (sc.closeMid) {
        ws.send(Buffer.from('INVITE sip:bob@example.com SIP/2.0\r\n'), { fin: false, binary: false });
        exp.closePartial = 1;
        await new Promise(r => setTimeout(r, 30));
        ws.close(1001, 'going away');
      } else {
        ws.close(1000, 'done');
      }
      exp.closes = 2;
    });
    ws.on('close', () => {
      setTimeout(() => { rl.server.close(); wss.close(); resolve({ exp, log: rl.log }); }, 50);
    });
  }).then(({ exp, log }) => {
    // merge what went one way in a row, then cut it as the scenario says
    const merged = [];
    for (const [d, b] of log) {
      if (merged.length && merged[merged.length - 1][0] === d) merged[merged.length - 1][1] = Buffer.concat([merged[merged.length - 1][1], b]);
      else merged.push([d, b]);
    }
    const conn = new PcapConn(50000 + index);
    if (!sc.skipHandshake) conn.open();
    let k = 0;
    merged.forEach(([d, b], i) => {
      if (sc.skipHandshake && i < 2) { conn.seq[d] += b.length; return; }   // the HTTP heads
      if (!sc.cut) { for (let o = 0; o < b.length; o += 16384) conn.data(d, b.subarray(o, o + 16384)); return; }
      for (let o = 0; o < b.length;) { const n = sc.cut[k++ % sc.cut.length]; conn.data(d, b.subarray(o, o + n)); o += n; }
    });
    conn.close();
    return { exp, pkts: conn.pkts };
  });
}

function countSip(lines) {
  let req = 0, resp = 0; const methods = new Map();
  for (const l of lines) {
    if (l.startsWith('SIP/2.0 ')) { resp++; continue; }
    req++;
    const m = l.split(' ')[0];
    methods.set(m, (methods.get(m) || 0) + 1);
  }
  return { req, resp, methods: [...methods].map(([m, n]) => `${m}:${n}`).join(',') };
}

(async () => {
  const expRows = ['file\tdecode\tmessages\tcompressed\tmax_frames\tpings\tpongs\tcloses\tclose_partial\tc2s_first_lines\ts2c_first_lines'];
  const genRows = [];
  for (let i = 0; i < SCENARIOS.length; i++) {
    const sc = SCENARIOS[i];
    cseq = 1;
    const { exp, pkts } = await runScenario(sc, i);
    const file = path.join(OUT_DIR, sc.name);
    const bytes = writePcap(file, pkts);
    const n = exp.c2s.length + exp.s2c.length;
    expRows.push([sc.name, sc.skipHandshake ? `ws:${SERVER_PORT}` : 'auto', n, sc.deflate ? n : 0, exp.maxFrames,
                  exp.pings, exp.pongs, exp.closes, exp.closePartial,
                  exp.c2s.join('|') || '-', exp.s2c.join('|') || '-'].join('\t'));
    const k = countSip(exp.c2s.concat(exp.s2c));
    genRows.push([sc.name, 'generated here (tests/captures/ws/gen_ws_captures.js)', 'CC0 / ours',
                  `gen_ws_captures.js: ws ${require('ws/package.json').version} client <-> server on 127.0.0.1 through a recording relay: ${sc.note}`,
                  'pcap', 'ether', pkts.length, n, k.req, k.resp, `tcp+ws:${n}`, '-', '-', 0, 0, 0, 0, 'websocket:' + n,
                  k.methods, '-', '-', bytes.length, crypto.createHash('sha256').update(bytes).digest('hex')].join('\t'));
    console.log(`${sc.name}: ${pkts.length} packets, ${n} messages`);
  }
  fs.writeFileSync(EXPECTED, expRows.join('\n') + '\n');
  // GENERATED.tsv: replace this script's rows, keep every other one
  const old = fs.readFileSync(GENERATED, 'utf8').split('\n').filter(l => l && !/^ws_[a-z0-9_]*_gen\.pcap\t/.test(l));
  fs.writeFileSync(GENERATED, old.concat(genRows).join('\n') + '\n');
})().catch(e => { console.error(e); process.exit(1); });
