// tests/har/record.mjs: records corpus/har/chromium_jssip_ws.har, a real browser session.
//
//   cd tests/har && npm ci && node record.mjs ../../corpus/har/chromium_jssip_ws.har
//
// Needs Debian's chromium. Not part of `make check`: it is how the data was made.
//
// 1. An HTTP server on 127.0.0.1 serves page.html/page.js and JsSIP's CommonJS files
//    (the npm package ships no browser bundle: the page loads them with a small
//    synchronous require), and answers WebSocket connections (subprotocol "sip",
//    RFC 7118) with a scripted SIP responder: registrar with a Digest challenge, MESSAGE,
//    INVITE answered 100/180/200, BYE; it also sends a JSON keep-alive, a ping and an
//    OPTIONS request as a binary message.
// 2. Headless Chromium runs the page; this script listens on the DevTools protocol
//    (Network.webSocket* events) and writes what it saw as a HAR log the way DevTools'
//    "Save all as HAR" lays it out (devtools-frontend models/har/Log.ts): one entry per
//    WebSocket with _resourceType "websocket", the 101 handshake, and
//    _webSocketMessages [{type, time (wall clock seconds), opcode, data}], binary data
//    in base64 as the protocol delivers it. Frame times are converted from the
//    protocol's monotonic clock with the handshake's wallTime, as DevTools does.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket, { WebSocketServer } from 'ws';

const here = dirname(fileURLToPath(import.meta.url));
const out = process.argv[2];
if (!out) { console.error('usage: node record.mjs OUT.har'); process.exit(2); }
const requireHere = createRequire(join(here, 'record.mjs'));

// ---- the page and its modules --------------------------------------------------------
const pageHtml = `<!doctype html><meta charset="utf-8"><title>sipparse HAR recorder</title>
<script>
// CommonJS in the browser: each require is a synchronous request for the resolved file.
(function () {
  const cache = {};
  function load(from, name) {
    const x = new XMLHttpRequest();
    x.open('GET', '/resolve?from=' + encodeURIComponent(from) + '&req=' + encodeURIComponent(name), false);
    x.send();
    if (x.status !== 200) throw new Error('cannot load ' + name + ' from ' + from);
    const r = JSON.parse(x.responseText);
    if (cache[r.file]) return cache[r.file].exports;
    const module = { exports: {} };
    cache[r.file] = module;
    new Function('module', 'exports', 'require', r.source)(module, module.exports,
      (n) => load(r.file, n));
    return module.exports;
  }
  window.JsSIP = load('${join(here, 'page.html')}', 'jssip');
})();
</script>
<script src="/page.js"></script>`;

function resolveModule(from, name) {
  // "events/" and not "events": the npm package, not Node's built-in module.
  const bare = !name.startsWith('.') && !name.startsWith('/') && !name.includes('/');
  let file = createRequire(from).resolve(bare ? name + '/' : name);
  // debug picks its browser build through package.json's "browser" field.
  if (file.endsWith('/debug/src/index.js')) file = file.replace(/index\.js$/, 'browser.js');
  const text = readFileSync(file, 'utf8');
  return { file, source: file.endsWith('.json') ? 'module.exports = ' + text : text };
}

// ---- the SIP-over-WebSocket responder ------------------------------------------------
function parseSip(text) {
  const [head, body = ''] = text.split('\r\n\r\n');
  const lines = head.split('\r\n');
  const headers = {};
  for (const l of lines.slice(1)) {
    const i = l.indexOf(':');
    const k = l.slice(0, i).trim().toLowerCase();
    (headers[k] = headers[k] || []).push(l.slice(i + 1).trim());
  }
  return { start: lines[0], headers, body, get: (k) => (headers[k] || [])[0] };
}

function reply(req, code, reason, extra = [], body = '') {
  const h = [`SIP/2.0 ${code} ${reason}`];
  for (const v of req.headers.via || []) h.push(`Via: ${v}`);
  h.push(`From: ${req.get('from')}`);
  let to = req.get('to');
  if (code > 100 && !/;\s*tag=/i.test(to)) to += ';tag=srv' + createHash('md5').update(req.get('call-id')).digest('hex').slice(0, 8);
  h.push(`To: ${to}`, `Call-ID: ${req.get('call-id')}`, `CSeq: ${req.get('cseq')}`);
  h.push(...extra, 'Server: sipparse-har-responder', `Content-Length: ${Buffer.byteLength(body)}`);
  return h.join('\r\n') + '\r\n\r\n' + body;
}

// An answer Chromium accepts for its own offer: the offer with the DTLS role taken
// and the direction mirrored (the page only receives).
function answerFor(offer) {
  return offer.replace(/a=setup:actpass/g, 'a=setup:active').replace(/a=recvonly/g, 'a=sendonly').replace(/^a=candidate:.*\r\n/gm, '');
}

function serveSip(ws) {
  let options = 0;
  ws.on('message', (data, isBinary) => {
    const text = isBinary ? data.toString('latin1') : data.toString('utf8');
    const m = parseSip(text);
    const method = m.start.split(' ')[0];
    if (method === 'SIP/2.0') return; // the answer to our OPTIONS
    if (method === 'REGISTER') {
      if (!m.get('authorization')) {
        ws.send(reply(m, 401, 'Unauthorized', [
          'WWW-Authenticate: Digest realm="har.test", nonce="a1b2c3d4e5f60718", algorithm=MD5, qop="auth"']));
        return;
      }
      const expires = /expires=0/.test(m.get('contact')) || m.get('expires') === '0' ? 0 : 600;
      ws.send(reply(m, 200, 'OK', [`Contact: ${m.get('contact')}`, `Expires: ${expires}`]));
      if (expires > 0) {
        ws.send(JSON.stringify({ type: 'keepalive', interval: 30 })); // not SIP
        ws.ping('hb');
      }
    } else if (method === 'MESSAGE') {
      ws.send(reply(m, 200, 'OK'));
    } else if (method === 'INVITE') {
      ws.send(reply(m, 100, 'Trying'));
      ws.send(reply(m, 180, 'Ringing'));
      const sdp = answerFor(m.body);
      ws.send(reply(m, 200, 'OK', ['Contact: <sip:bob@127.0.0.1;transport=ws>',
        'Content-Type: application/sdp'], sdp));
    } else if (method === 'ACK') {
      if (options++ === 0) {
        // An OPTIONS as a binary message: RFC 7118 §5 allows either opcode.
        const callId = 'har-binary-options-1';
        const o = ['OPTIONS sip:alice@har.test SIP/2.0',
          'Via: SIP/2.0/WS 127.0.0.1;branch=z9hG4bK-har-bin-1', 'Max-Forwards: 70',
          'To: <sip:alice@har.test>', 'From: <sip:bob@har.test>;tag=binopt1',
          `Call-ID: ${callId}`, 'CSeq: 1 OPTIONS', 'Content-Length: 0', '', ''].join('\r\n');
        ws.send(Buffer.from(o, 'utf8'), { binary: true });
      }
    } else if (method === 'BYE' || method === 'OPTIONS') {
      ws.send(reply(m, 200, 'OK'));
    }
  });
}

const http = createServer((req, res) => {
  const u = new URL(req.url, 'http://x');
  if (u.pathname === '/') { res.setHeader('Content-Type', 'text/html; charset=utf-8'); res.end(pageHtml); return; }
  if (u.pathname === '/page.js') { res.setHeader('Content-Type', 'text/javascript'); res.end(readFileSync(join(here, 'page.js'))); return; }
  if (u.pathname === '/resolve') {
    try {
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify(resolveModule(u.searchParams.get('from'), u.searchParams.get('req'))));
    } catch (e) { res.statusCode = 404; res.end(String(e)); }
    return;
  }
  res.statusCode = 404;
  res.end();
});
const wss = new WebSocketServer({ server: http, handleProtocols: (p) => (p.has('sip') ? 'sip' : false) });
wss.on('connection', serveSip);
await new Promise((r) => http.listen(0, '127.0.0.1', r));
const origin = `http://127.0.0.1:${http.address().port}`;

// ---- Chromium and the DevTools protocol ----------------------------------------------
const profile = mkdtempSync(join(tmpdir(), 'har-rec-'));
const chrome = spawn('chromium', ['--headless=new', '--no-sandbox', '--disable-gpu',
  '--remote-debugging-port=0', `--user-data-dir=${profile}`, 'about:blank'],
{ stdio: ['ignore', 'ignore', 'pipe'] });
const browserUrl = await new Promise((resolve, reject) => {
  let err = '';
  chrome.stderr.on('data', (d) => {
    err += d;
    const m = /DevTools listening on (ws:\/\/\S+)/.exec(err);
    if (m) resolve(m[1]);
  });
  chrome.on('exit', () => reject(new Error('chromium exited: ' + err)));
});
const cdp = new WebSocket(browserUrl, { perMessageDeflate: false });
await new Promise((r) => cdp.on('open', r));
let nextId = 1;
const pending = new Map();
const listeners = [];
cdp.on('message', (raw) => {
  const m = JSON.parse(raw);
  if (m.id && pending.has(m.id)) { pending.get(m.id)(m); pending.delete(m.id); return; }
  for (const l of listeners) l(m);
});
function send(method, params = {}, sessionId) {
  const id = nextId++;
  cdp.send(JSON.stringify({ id, method, params, sessionId }));
  return new Promise((resolve, reject) => pending.set(id, (m) => (m.error ? reject(new Error(method + ': ' + m.error.message)) : resolve(m.result))));
}

const sockets = new Map(); // requestId -> what DevTools would keep for the request
let pageEntry = null;
listeners.push((m) => {
  const p = m.params;
  if (m.method === 'Runtime.exceptionThrown') console.error('page exception:', p.exceptionDetails.exception && p.exceptionDetails.exception.description);
  const s = p && sockets.get(p.requestId);
  switch (m.method) {
  case 'Network.requestWillBeSent':
    if (p.type === 'Document') pageEntry = { id: p.requestId, url: p.request.url, wallTime: p.wallTime, timestamp: p.timestamp, request: p.request };
    break;
  case 'Network.responseReceived':
    if (pageEntry && p.requestId === pageEntry.id) pageEntry.response = p.response;
    break;
  case 'Network.webSocketCreated':
    sockets.set(p.requestId, { url: p.url, frames: [] });
    break;
  case 'Network.webSocketWillSendHandshakeRequest':
    Object.assign(s, { wallTime: p.wallTime, timestamp: p.timestamp, request: p.request });
    break;
  case 'Network.webSocketHandshakeResponseReceived':
    s.response = p.response;
    break;
  case 'Network.webSocketFrameSent':
  case 'Network.webSocketFrameReceived':
    s.frames.push({ type: m.method.endsWith('Sent') ? 'send' : 'receive', timestamp: p.timestamp,
      opcode: p.response.opcode, data: p.response.payloadData });
    break;
  case 'Network.webSocketFrameError':
    s.frames.push({ type: 'error', timestamp: p.timestamp, opcode: -1, data: p.errorMessage });
    break;
  case 'Network.webSocketClosed':
    s.closed = p.timestamp;
    break;
  default:
    break;
  }
});

const { targetId } = await send('Target.createTarget', { url: 'about:blank' });
const { sessionId } = await send('Target.attachToTarget', { targetId, flatten: true });
await send('Network.enable', {}, sessionId);
await send('Page.enable', {}, sessionId);
await send('Runtime.enable', {}, sessionId);
await send('Page.navigate', { url: origin + '/' }, sessionId);
let title = '';
for (let i = 0; i < 300 && !/^(done|failed)/.test(title); i++) {
  await new Promise((r) => setTimeout(r, 100));
  const r = await send('Runtime.evaluate', { expression: 'document.title', returnByValue: true }, sessionId);
  title = r.result.value;
}
await new Promise((r) => setTimeout(r, 300));
const { userAgent } = await send('Browser.getVersion');
await new Promise((r) => { chrome.on("exit", r); chrome.kill(); });
http.close();
wss.close();
rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
if (title !== 'done') { console.error('page: ' + title); process.exit(1); }

// ---- the HAR, laid out as DevTools writes it ----------------------------------------
const pairs = (h) => Object.entries(h || {}).flatMap(([name, v]) => String(v).split('\n').map((value) => ({ name, value })));
// DevTools names itself WebInspector with the engine's AppleWebKit version.
const version = /AppleWebKit\/([^ ]+)/.exec(userAgent) || [];
const wall = (s, t) => s.wallTime + (t - s.timestamp);
const entries = [];
if (pageEntry && pageEntry.response) {
  entries.push({
    _initiator: { type: 'other' }, _priority: 'VeryHigh', _resourceType: 'document', cache: {},
    connection: String(pageEntry.response.connectionId),
    request: { method: 'GET', url: pageEntry.url, httpVersion: 'HTTP/1.1', headers: pairs(pageEntry.request.headers), queryString: [], cookies: [], headersSize: -1, bodySize: 0 },
    response: { status: pageEntry.response.status, statusText: pageEntry.response.statusText, httpVersion: 'HTTP/1.1', headers: pairs(pageEntry.response.headers), cookies: [], content: { size: pageHtml.length, mimeType: pageEntry.response.mimeType }, redirectURL: '', headersSize: -1, bodySize: -1, _transferSize: -1, _error: null },
    serverIPAddress: pageEntry.response.remoteIPAddress || '', startedDateTime: new Date(pageEntry.wallTime * 1000).toJSON(), time: 0,
    timings: { blocked: -1, dns: -1, ssl: -1, connect: -1, send: 0, wait: 0, receive: 0, _blocked_queueing: -1 },
  });
}
for (const s of sockets.values()) {
  entries.push({
    _initiator: { type: 'script' }, _priority: 'Low', _resourceType: 'websocket',
    _webSocketMessages: s.frames.map((f) => ({ type: f.type, time: wall(s, f.timestamp), opcode: f.opcode, data: f.data })),
    cache: {},
    request: { method: 'GET', url: s.url, httpVersion: 'HTTP/1.1', headers: pairs(s.request && s.request.headers), queryString: [], cookies: [], headersSize: -1, bodySize: 0 },
    response: { status: s.response ? s.response.status : 0, statusText: s.response ? s.response.statusText : '', httpVersion: 'HTTP/1.1', headers: pairs(s.response && s.response.headers), cookies: [], content: { size: 0, mimeType: 'x-unknown' }, redirectURL: '', headersSize: -1, bodySize: 0, _transferSize: 0, _error: null },
    serverIPAddress: '', startedDateTime: new Date(s.wallTime * 1000).toJSON(), time: 0,
    timings: { blocked: -1, dns: -1, ssl: -1, connect: -1, send: 0, wait: 0, receive: 0, _blocked_queueing: -1 },
  });
}
const har = { log: { version: '1.2', creator: { name: 'WebInspector', version: version[1] || 'n/a' }, pages: [], entries } };
writeFileSync(out, JSON.stringify(har, null, 2) + '\n');
console.log(`${out}: ${entries.length} entries, ${[...sockets.values()].reduce((n, s) => n + s.frames.length, 0)} WebSocket messages`);
process.exit(0);
