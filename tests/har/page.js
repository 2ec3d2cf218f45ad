// tests/har/page.js: what the recorded page does, in the browser. Loaded by page.html
// after JsSIP (served from node_modules by record.mjs). One JsSIP UA registers (401 then
// 200), sends a MESSAGE with a UTF-8 body, calls (INVITE/100/180/200/ACK, BYE), answers
// the server's binary OPTIONS, unregisters; then a plain WebSocket, a second connection,
// sends one OPTIONS and closes. document.title says "done" (or "failed: ...") at the end.
/* global JsSIP */
'use strict';

function wait(ms) { return new Promise((resolve) => setTimeout(resolve, ms)); }

function once(emitter, ok, bad) {
  return new Promise((resolve, reject) => {
    emitter.once(ok, resolve);
    if (bad) emitter.once(bad, (e) => reject(new Error(bad + ': ' + (e && e.cause))));
  });
}

async function jssipSession(wsUrl) {
  const socket = new JsSIP.WebSocketInterface(wsUrl);
  const ua = new JsSIP.UA({
    sockets: [socket],
    uri: 'sip:alice@har.test',
    password: 'secret',
    display_name: 'Alice',
    register: false,
    session_timers: false,
    user_agent: 'JsSIP 3.9.0 (sipparse HAR recorder)',
  });
  ua.start();
  await once(ua, 'connected');
  const registered = once(ua, 'registered', 'registrationFailed');
  ua.register();
  await registered;

  await new Promise((resolve, reject) => {
    ua.sendMessage('sip:bob@har.test', 'Grüße aus dem Browser: 你好, ☎ ✓', {
      eventHandlers: { succeeded: resolve, failed: (e) => reject(new Error('MESSAGE ' + e.cause)) },
    });
  });

  // No microphone: an offer that only receives audio, so no media device is needed.
  const session = ua.call('sip:bob@har.test', {
    mediaConstraints: { audio: false, video: false },
    rtcOfferConstraints: { offerToReceiveAudio: true },
  });
  await once(session, 'confirmed', 'failed');
  await wait(300);
  const ended = once(session, 'ended');
  session.terminate();
  await ended;

  await wait(300); // the server's binary OPTIONS arrives and is answered meanwhile
  const unregistered = once(ua, 'unregistered');
  ua.unregister();
  await unregistered;
  ua.stop();
  await wait(300);
}

function plainSocket(wsUrl) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(wsUrl, 'sip');
    ws.onerror = () => reject(new Error('second WebSocket failed'));
    ws.onopen = () => {
      ws.send([
        'OPTIONS sip:har.test SIP/2.0',
        'Via: SIP/2.0/WSS plain.invalid;branch=z9hG4bK-har-plain-1',
        'Max-Forwards: 70',
        'To: <sip:har.test>',
        'From: <sip:probe@har.test>;tag=plain1',
        'Call-ID: har-plain-options-1',
        'CSeq: 1 OPTIONS',
        'Accept: application/sdp',
        'Content-Length: 0',
        '', ''].join('\r\n'));
    };
    ws.onmessage = () => { ws.close(1000, 'bye'); };
    ws.onclose = () => resolve();
  });
}

(async () => {
  try {
    const base = 'ws://' + location.host;
    await jssipSession(base + '/sip');
    await plainSocket(base + '/probe');
    document.title = 'done';
  } catch (e) {
    document.title = 'failed: ' + e.message;
  }
})();
