#!/usr/bin/env node
// oracle.js: the JsSIP side of the differential test.
//
// Reads cases as JSON lines on stdin, {"id", "rule", "input"} or {"id", "rule", "file"}
// (a file path relative to the repository root, read as bytes and decoded as UTF-8 the
// way JsSIP's transport decodes a binary frame), runs JsSIP 3.9.0's own grammar on each,
// and writes one JSON line per case: {"id", "ok", "fields"} on success,
// {"id", "ok": false, "error"} on failure, {"id", "unsupported": true} for a rule this
// harness does not know. The field shapes are the ones driver.c writes (README.md,
// "Normalised fields"). A `message` case also carries "sanity": the outcome of JsSIP's
// own sanityCheck on the parsed message, {"ok", "rule", "reply"}, or null with a reason
// in "sanity_nc" when parseMessage gave no message. Usage: node oracle.js [ROOT].
'use strict';

const fs = require('fs');
const path = require('path');
const readline = require('readline');

const JsSIP = require('jssip');
const Parser = require('jssip/lib-es5/Parser');

const Grammar = JsSIP.Grammar;
// Case files are relative to the repository root: argv[2] (compare.js passes its --root),
// else the repository this file is in.
const ROOT = path.resolve(process.argv[2] || path.join(__dirname, '..', '..'));

if (JsSIP.version !== '3.9.0') {
  process.stderr.write(`oracle.js: expected jssip 3.9.0, found ${JsSIP.version}\n`);
  process.exit(2);
}

// JsSIP's Parser logs through the `debug` package; keep stdout for results only.
JsSIP.debug.disable();

// ---------------------------------------------------------------------------------------
// JsSIP's sanityCheck (lib-es5/sanityCheck.js), the function UA.receiveRequest's transport
// path calls after Parser.parseMessage. Its seven rule functions and the three lists
// it walks (`all`, `requests`, `responses`) are module-private, so the module is compiled
// here from JsSIP's own file with one line appended that exports those lists; the rule
// functions and the loop that stops at the first `false` run unmodified. Each list entry
// is then wrapped to record its name when it fails. Its other requires ('./SIPMessage',
// ...) resolve to the modules Parser.js already loaded, so `instanceof IncomingRequest`
// holds for the messages parseMessage makes.

// The reply each rule may give: a status code, or 0 for a silent drop (8_2_2_2 drops a
// retransmission and answers 482 to a merged request).
const SANITY_REPLIES = {
  minimumHeaders: [0],
  rfc3261_8_2_2_1: [416],
  rfc3261_16_3_4: [482],
  rfc3261_18_3_request: [400],
  rfc3261_8_2_2_2: [0, 482],
  rfc3261_8_1_3_3: [0],
  rfc3261_18_3_response: [0],
};

function loadSanityCheck() {
  const Module = require('module');
  const file = require.resolve('jssip/lib-es5/sanityCheck');
  const src = fs.readFileSync(file, 'utf8') +
    '\nmodule.exports.__lists = { all: all, requests: requests, responses: responses };\n';
  const m = new Module(file, module);
  m.filename = file;
  m.paths = Module._nodeModulePaths(path.dirname(file));
  m._compile(src, file);
  const check = m.exports;
  const state = { failed: null };
  const names = [];
  for (const list of Object.values(check.__lists)) {
    list.forEach((fn, i) => {
      names.push(fn.name);
      list[i] = function wrapped() {
        const r = fn();
        if (r === false && state.failed === null) state.failed = fn.name;
        return r;
      };
    });
  }
  const want = Object.keys(SANITY_REPLIES);
  if (names.length !== want.length || !want.every((n) => names.includes(n))) {
    process.stderr.write(`oracle.js: sanityCheck rules are ${names.join(', ')}\n`);
    process.exit(2);
  }
  return { check, state };
}

const sanity = loadSanityCheck();

// JsSIP's configuration as sanityCheck sees it: a fixed jssip_id (the Call-ID prefix
// of the loop rule) and no live transactions, which is all an offline run can have.
const FAKE_UA = { configuration: { jssip_id: 'abcde' }, _transactions: { ist: {}, nist: {} } };

// {ok, rule, reply}: rule is the first that failed (null when all passed), reply the
// status code of the stateless reply JsSIP sent, 0 for a silent drop, null when ok.
class HarnessError extends Error {}

function runSanity(m) {
  const sent = [];
  const transport = { send: (msg) => { sent.push(msg); return true; } };
  sanity.state.failed = null;
  const ok = sanity.check(m, FAKE_UA, transport);
  const rule = sanity.state.failed;
  if (ok !== (rule === null) || sent.length > 1) {
    throw new HarnessError(`sanityCheck returned ${ok}, rule ${rule}, ${sent.length} replies`);
  }
  let reply = null;
  if (!ok) {
    reply = 0;
    if (sent.length) {
      const st = /^SIP\/2\.0 (\d{3}) /.exec(sent[0]);
      if (!st) throw new HarnessError(`sanityCheck sent ${JSON.stringify(sent[0].slice(0, 40))}`);
      reply = Number(st[1]);
    }
    if (!SANITY_REPLIES[rule].includes(reply)) {
      throw new HarnessError(`sanityCheck rule ${rule} gave reply ${reply}`);
    }
  }
  return { ok, rule, reply };
}

// ---------------------------------------------------------------------------------------
// Normalisers. Everything written here must be producible from libsipparse's slices.

// A number as JSON can carry it: NaN (JsSIP's "sip:h:" port) becomes the string "NaN".
function num(n) {
  if (n === undefined || n === null) return null;
  if (typeof n === 'number' && Number.isNaN(n)) return 'NaN';
  return n;
}

function str(s) {
  return s === undefined || s === null ? null : String(s);
}

// Param maps: lower-cased names (JsSIP already lower-cases them), values as strings or
// null for a valueless param.
function params(obj) {
  const out = {};
  if (!obj) return out;
  for (const k of Object.keys(obj)) {
    const v = obj[k];
    out[k.toLowerCase()] = v === undefined || v === null ? null : String(v);
  }
  return out;
}

// URI headers: names lower-cased (JsSIP headerizes them), each an array of raw values.
function uriHeaders(obj) {
  const out = {};
  if (!obj) return out;
  for (const k of Object.keys(obj)) out[k.toLowerCase()] = obj[k].map(String);
  return out;
}

function uri(u) {
  if (!u) return null;
  return {
    scheme: str(u.scheme),
    user: str(u.user),
    host: str(u.host),
    port: num(u.port),
    params: params(u._parameters),
    headers: uriHeaders(u._headers),
  };
}

function nameAddr(na) {
  if (!na) return null;
  return {
    display_name: str(na.display_name),
    uri: uri(na.uri),
    params: params(na._parameters),
  };
}

const VIA_KNOWN = ['protocol', 'transport', 'host', 'host_type', 'port', 'branch', 'received',
  'rport', 'ttl', 'maddr'];

function via(v) {
  const out = {};
  for (const k of VIA_KNOWN) out[k] = k === 'port' || k === 'rport' || k === 'ttl' ? num(v[k]) : str(v[k]);
  out.params = params(v.params);
  return out;
}

// ---------------------------------------------------------------------------------------
// Rules. Each entry takes the input string and returns {ok, fields} or {ok:false}.

function grammar(input, rule) {
  const r = Grammar.parse(input, rule);
  return r === -1 ? undefined : r;
}

function fail(error) {
  return { ok: false, error };
}

function onURI(rule) {
  return (input) => {
    const r = grammar(input, rule);
    if (r === undefined) return fail('syntax');
    const u = rule === 'SIP_URI' ? r : r.uri;
    if (!u) return fail('no uri'); // Request_URI on a non-SIP URI: see absoluteURI
    return { ok: true, fields: uri(u) };
  };
}

function onNameAddr(rule) {
  return (input) => {
    const r = grammar(input, rule);
    if (r === undefined) return fail('syntax');
    return { ok: true, fields: nameAddr(r) };
  };
}

function onNameAddrList(rule) {
  return (input) => {
    const r = grammar(input, rule);
    if (r === undefined) return fail('syntax');
    return { ok: true, fields: { values: r.map((e) => nameAddr(e.parsed)) } };
  };
}

function onInt(rule) {
  return (input) => {
    const r = grammar(input, rule);
    if (r === undefined) return fail('syntax');
    return { ok: true, fields: { value: num(r) } };
  };
}

function onVerdict(rule) {
  return (input) => (grammar(input, rule) === undefined ? fail('syntax') : { ok: true, fields: {} });
}

function onString(rule) {
  return (input) => {
    const r = grammar(input, rule);
    if (r === undefined) return fail('syntax');
    return { ok: true, fields: { uuid: str(r) } };
  };
}

function onChallenge(rule) {
  return (input) => {
    const r = grammar(input, rule);
    if (r === undefined) return fail('syntax');
    return { ok: true, fields: { realm: str(r.realm), nonce: str(r.nonce), opaque: str(r.opaque),
      stale: r.stale === undefined ? null : r.stale, algorithm: str(r.algorithm),
      qop: r.qop ? r.qop.map(String) : null } };
  };
}

function startLine(r) {
  if (r.status_code !== undefined) {
    return { type: 'response', sip_version: r.sip_version, status_code: r.status_code,
      reason_phrase: r.reason_phrase };
  }
  // A non-SIP Request-URI gives no URI object, only its scheme.
  return { type: 'request', method: r.method, sip_version: r.sip_version,
    ruri: uri(r.uri), ruri_scheme: r.uri ? r.uri.scheme : str(r.scheme) };
}

const RULES = {
  SIP_URI: onURI('SIP_URI'),
  SIP_URI_noparams: onURI('SIP_URI_noparams'),
  Request_URI: (input) => {
    const r = grammar(input, 'Request_URI');
    if (r === undefined) return fail('syntax');
    return { ok: true, fields: { scheme: r.uri ? r.uri.scheme : str(r.scheme), uri: uri(r.uri) } };
  },
  absoluteURI: (input) => {
    const r = grammar(input, 'absoluteURI');
    if (r === undefined) return fail('syntax');
    return { ok: true, fields: { scheme: str(r.scheme) } };
  },
  host: (input) => {
    const r = grammar(input, 'host');
    if (r === undefined) return fail('syntax');
    return { ok: true, fields: { host: str(r.host), host_type: str(r.host_type) } };
  },

  Name_Addr_Header: onNameAddr('Name_Addr_Header'),
  From: onNameAddr('From'),
  To: onNameAddr('To'),
  Contact: onNameAddrList('Contact'),
  Record_Route: onNameAddrList('Record_Route'),
  // JsSIP's Route is not split: the result describes the last value, its params merged
  // with the earlier ones. The driver reports the last value.
  Route: (input) => {
    const r = grammar(input, 'Route');
    if (r === undefined) return fail('syntax');
    return { ok: true, fields: { last: { display_name: str(r.display_name), uri: uri(r.uri),
      params: params(r.params) } } };
  },

  // JsSIP merges comma-joined Via values into one object; the driver reports the last.
  Via: (input) => {
    const r = grammar(input, 'Via');
    if (r === undefined) return fail('syntax');
    return { ok: true, fields: { last: via(r) } };
  },
  CSeq: (input) => {
    const r = grammar(input, 'CSeq');
    if (r === undefined) return fail('syntax');
    return { ok: true, fields: { value: num(r.value), method: str(r.method) } };
  },
  Call_ID: (input) => {
    const r = grammar(input, 'Call_ID');
    if (r === undefined) return fail('syntax');
    return { ok: true, fields: { value: str(r) } };
  },
  Max_Forwards: onInt('Max_Forwards'),
  Content_Length: onInt('Content_Length'),
  Expires: onInt('Expires'),
  Min_Expires: onInt('Min_Expires'),
  // JsSIP returns the whole input; the driver returns the media-type span it parsed.
  Content_Type: (input) => {
    const r = grammar(input, 'Content_Type');
    if (r === undefined) return fail('syntax');
    return { ok: true, fields: { value: str(r) } };
  },

  Request_Response: (input) => {
    const r = grammar(input, 'Request_Response');
    if (r === undefined) return fail('syntax');
    return { ok: true, fields: startLine(r) };
  },
  Request_Line: (input) => {
    const r = grammar(input, 'Request_Line');
    if (r === undefined) return fail('syntax');
    return { ok: true, fields: startLine(r) };
  },
  Status_Line: (input) => {
    const r = grammar(input, 'Status_Line');
    if (r === undefined) return fail('syntax');
    return { ok: true, fields: startLine(r) };
  },
  Method: (input) => {
    const r = grammar(input, 'Method');
    if (r === undefined) return fail('syntax');
    return { ok: true, fields: { method: str(r.method) } };
  },
  Status_Code: (input) => {
    const r = grammar(input, 'Status_Code');
    if (r === undefined) return fail('syntax');
    return { ok: true, fields: { status_code: num(r.status_code) } };
  },
  Reason_Phrase: (input) => {
    const r = grammar(input, 'Reason_Phrase');
    if (r === undefined) return fail('syntax');
    return { ok: true, fields: { reason_phrase: str(r.reason_phrase) } };
  },

  SIP_Version: (input) => {
    const r = grammar(input, 'SIP_Version');
    if (r === undefined) return fail('syntax');
    return { ok: true, fields: { sip_version: str(r.sip_version) } };
  },

  // Authentication challenges: JsSIP records only the Digest directives (never the
  // scheme), unquoted and unescaped; algorithm upper-cased, qop values lower-cased.
  WWW_Authenticate: onChallenge('WWW_Authenticate'),
  Proxy_Authenticate: onChallenge('Proxy_Authenticate'),
  challenge: onChallenge('challenge'),

  // Event: the event-type lower-cased, and its params.
  Event: (input) => {
    const r = grammar(input, 'Event');
    if (r === undefined) return fail('syntax');
    return { ok: true, fields: { event: str(r.event), params: params(r.params) } };
  },
  Subscription_State: (input) => {
    const r = grammar(input, 'Subscription_State');
    if (r === undefined) return fail('syntax');
    return { ok: true, fields: { state: str(r.state), reason: str(r.reason),
      expires: num(r.expires), retry_after: num(r.retry_after), params: params(r.params) } };
  },
  // RFC 3326 allows a comma list; JsSIP parses one reason-value, reported as a list of one.
  Reason: (input) => {
    const r = grammar(input, 'Reason');
    if (r === undefined) return fail('syntax');
    return { ok: true, fields: { values: [{ protocol: str(r.protocol), cause: num(r.cause),
      text: str(r.text), params: params(r.params) }] } };
  },
  Session_Expires: (input) => {
    const r = grammar(input, 'Session_Expires');
    if (r === undefined) return fail('syntax');
    return { ok: true, fields: { expires: num(r.expires), refresher: str(r.refresher),
      params: params(r.params) } };
  },
  Replaces: (input) => {
    const r = grammar(input, 'Replaces');
    if (r === undefined) return fail('syntax');
    return { ok: true, fields: { call_id: str(r.call_id), to_tag: str(r.to_tag),
      from_tag: str(r.from_tag), early_only: r.early_only === true, params: params(r.params) } };
  },
  Refer_To: onNameAddr('Refer_To'),
  // JsSIP stores neither the disposition type nor handling: only the other params.
  Content_Disposition: (input) => {
    const r = grammar(input, 'Content_Disposition');
    if (r === undefined) return fail('syntax');
    return { ok: true, fields: { params: params(r.params) } };
  },
  // RFC 4122 UUIDs (+sip.instance): the uuid text, case kept.
  uuid: onString('uuid'),
  uuid_URI: onString('uuid_URI'),
  // Rules whose result JsSIP does not keep (Grammar.parse returns an empty `data`):
  // only the verdict is compared.
  Allow_Events: onVerdict('Allow_Events'),
  Supported: onVerdict('Supported'),
  Require: onVerdict('Require'),
  Proxy_Require: onVerdict('Proxy_Require'),
  Content_Encoding: onVerdict('Content_Encoding'),
  Subject: onVerdict('Subject'),
  quoted_string: onVerdict('quoted_string'),

  message: (input) => {
    const m = Parser.parseMessage(input, FAKE_UA);
    if (!m) return { ...fail('parseMessage'), sanity: null, sanity_nc: 'JsSIP: parseMessage failed' };
    const f = { type: m.status_code !== undefined ? 'response' : 'request' };
    if (f.type === 'request') {
      f.method = m.method;
      f.ruri = uri(m.ruri);
    } else {
      f.status_code = m.status_code;
      f.reason_phrase = m.reason_phrase;
    }
    f.call_id = str(m.call_id);
    f.cseq = m.cseq === undefined ? null : num(m.cseq);
    f.from = nameAddr(m.from);
    f.to = nameAddr(m.to);
    f.via = m.via ? via(m.via) : null;
    f.contact = (m.headers.Contact || []).map((h) => nameAddr(h.parsed));
    f.body_bytes = Buffer.byteLength(m.body || '', 'utf8');
    // The sanity dimension: sanityCheck runs only on what parseMessage accepted; a
    // throw from it is recorded, not turned into a verdict.
    let s;
    try {
      s = { sanity: runSanity(m) };
    } catch (e) {
      if (e instanceof HarnessError) throw e;
      s = { sanity: null, sanity_nc: `JsSIP: sanityCheck threw ${e.name}` };
    }
    return { ok: true, fields: f, ...s };
  },
};

function run(c, input) {
  const fn = RULES[c.rule];
  if (fn) return fn(input);
  // A JsSIP rule this harness has no normaliser for: accept/reject only, so the case
  // table still records JsSIP's verdict.
  const r = grammar(input, c.rule);
  return r === undefined ? fail('syntax') : { ok: true, fields: {} };
}

const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
const out = [];
rl.on('line', (line) => {
  if (!line.trim()) return;
  const c = JSON.parse(line);
  let input = c.input;
  if (c.file !== undefined) {
    // Outside the try below: an unreadable file is a harness error, not JsSIP's verdict.
    try {
      input = fs.readFileSync(path.join(ROOT, c.file)).toString('utf8');
    } catch (e) {
      process.stderr.write(`oracle.js: ${c.id}: ${e.message}\n`);
      process.exit(2);
    }
  }
  let res;
  try {
    res = run(c, input);
  } catch (e) {
    if (e instanceof HarnessError) {
      process.stderr.write(`oracle.js: ${c.id}: ${e.message}\n`);
      process.exit(2);
    }
    // URIError / TypeError escaping JsSIP (reference §1.7): JsSIP did not yield a result.
    res = { ok: false, error: `exception: ${e.name}: ${e.message}` };
    if (c.rule === 'message') {
      res.sanity = null;
      res.sanity_nc = 'JsSIP: parseMessage threw';
    }
  }
  out.push(JSON.stringify({ id: c.id, ...res }));
});
rl.on('close', () => {
  process.stdout.write(out.length ? out.join('\n') + '\n' : '');
});
