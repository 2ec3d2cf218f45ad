#!/usr/bin/env node
// tests/tshark/compare.js TOOL [--list]: for every capture in corpus/pcap-public and
// corpus/pcap-generated, compares what sipparse and tshark find in each frame: the
// Call-IDs, the CSeqs and, per message, the method (requests) or status (responses).
//
// A frame may hold several messages (TCP), and tshark gives each field as a list of
// its own, not aligned between requests and responses: a frame is therefore compared
// as three sorted lists (Call-IDs, CSeqs, methods-or-statuses). Frames in which the
// two tools disagree must be listed, with the reason, in DIVERGENCES.md, and every
// frame listed there must still disagree in the way it says (stale entries fail).
// tshark's options per capture (decode-as for non-standard ports) are in captures.tsv.
// --list prints the disagreements as table rows, to start an entry from; ONLY=NAME in
// the environment compares that one capture (stale entries of others then show).
'use strict';
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');

const here = __dirname;
const root = path.resolve(here, '..', '..');
const args = process.argv.slice(2);
const listMode = args.includes('--list');
const tool = path.resolve(args.find(a => a !== '--list') || 'build/sipparse');
const DIRS = ['corpus/pcap-public', 'corpus/pcap-generated'];
const KINDS = ['tshark-only', 'sipparse-only', 'differs'];

// captures.tsv: capture <TAB> tshark options (space-separated) <TAB> why
function readOptions() {
  const opts = new Map();
  for (const line of fs.readFileSync(path.join(here, 'captures.tsv'), 'utf8').split('\n')) {
    if (!line.trim() || line.startsWith('#')) continue;
    const [file, options] = line.split('\t');
    opts.set(file, options ? options.split(' ').filter(Boolean) : []);
  }
  return opts;
}

// "3,7-9" -> [3,7,8,9]
function frameList(text, where) {
  const out = [];
  for (const part of text.split(',').map(s => s.trim()).filter(Boolean)) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part);
    if (!m) throw new Error(`${where}: bad frame list '${text}'`);
    const a = Number(m[1]), b = m[2] ? Number(m[2]) : a;
    if (b < a || b - a > 100000) throw new Error(`${where}: bad range '${part}'`);
    for (let i = a; i <= b; i++) out.push(i);
  }
  return out;
}

// DIVERGENCES.md rows: | capture | frames | kind | why |
function readDivergences() {
  const listed = new Map(); // "capture frame" -> {kind, row}
  const lines = fs.readFileSync(path.join(here, 'DIVERGENCES.md'), 'utf8').split('\n');
  lines.forEach((line, i) => {
    const cells = line.split('|').map(s => s.trim());
    if (cells.length < 6 || !/\.pcap(ng)?$/.test(cells[1])) return;
    const where = `DIVERGENCES.md:${i + 1}`;
    const [, capture, frames, kind, why] = cells;
    if (!KINDS.includes(kind)) throw new Error(`${where}: kind '${kind}' is not one of ${KINDS}`);
    if (!why) throw new Error(`${where}: no explanation`);
    for (const f of frameList(frames, where)) {
      const key = `${capture} ${f}`;
      if (listed.has(key)) throw new Error(`${where}: ${key} listed twice`);
      listed.set(key, { kind, where });
    }
  });
  return listed;
}

// tshark reads the user's preferences (heuristics, ports): an empty configuration
// directory makes it run with its defaults plus captures.tsv, wherever it runs.
const os = require('os');
const tsharkHome = fs.mkdtempSync(path.join(os.tmpdir(), 'sipparse-tshark-'));
process.on('exit', () => fs.rmSync(tsharkHome, { recursive: true, force: true }));
const env = { ...process.env, WIRESHARK_CONFIG_DIR: tsharkHome, LC_ALL: 'C', TZ: 'UTC' };

function run(cmd, argv) {
  // Both tools report damage or undecoded packets on stderr and may exit non-zero on
  // findings: what is compared is standard output.
  try {
    return execFileSync(cmd, argv, { cwd: root, env, encoding: 'utf8', maxBuffer: 1 << 28,
                                     stdio: ['ignore', 'pipe', 'ignore'] });
  } catch (e) {
    if (typeof e.stdout === 'string') return e.stdout;
    throw e;
  }
}

function frameEntry(map, frame) {
  if (!map.has(frame)) map.set(frame, { callids: [], cseqs: [], whats: [] });
  return map.get(frame);
}

function sipparseFrames(file) {
  const frames = new Map();
  for (const line of run(tool, ['-T', 'json', file]).split('\n')) {
    if (!line.startsWith('{"frame"')) continue;
    const o = JSON.parse(line);
    const e = frameEntry(frames, o.frame);
    if (o.call_id !== null) e.callids.push(o.call_id);
    if (o.cseq) e.cseqs.push(`${o.cseq.seq} ${o.cseq.method}`);
    e.whats.push(o.type === 'response' ? String(o.status) : o.method === null ? '?' : o.method);
  }
  return frames;
}

function tsharkFrames(file, options) {
  const frames = new Map();
  const out = run('tshark', ['-n', '-r', file, ...options, '-Y', 'sip', '-T', 'fields',
    '-E', 'separator=\t', '-E', 'aggregator=\u0001', '-e', 'frame.number', '-e', 'sip.Call-ID',
    '-e', 'sip.CSeq.seq', '-e', 'sip.CSeq.method', '-e', 'sip.Method', '-e', 'sip.Status-Code']);
  const list = s => (s ? s.split('\u0001') : []);
  for (const line of out.split('\n')) {
    if (!line) continue;
    const [frame, callid, seq, cmeth, method, status] = line.split('\t');
    const e = frameEntry(frames, Number(frame));
    e.callids.push(...list(callid));
    const seqs = list(seq), cmeths = list(cmeth);
    for (let i = 0; i < Math.max(seqs.length, cmeths.length); i++)
      e.cseqs.push(`${seqs[i] ?? '?'} ${cmeths[i] ?? '?'}`);
    e.whats.push(...list(method), ...list(status));
  }
  // "-Y sip" also matches frames tshark marks as a SIP "Continuation" (bytes on a SIP
  // port that start no message, e.g. HTTP on 5060): they hold no message to compare.
  for (const [f, e] of frames)
    if (!e.callids.length && !e.cseqs.length && !e.whats.length) frames.delete(f);
  return frames;
}

function show(e) {
  if (!e) return '-';
  const s = a => [...a].sort().join(',');
  return `call-id=[${s(e.callids)}] cseq=[${s(e.cseqs)}] what=[${s(e.whats)}]`;
}

function ranges(nums) {
  const out = [];
  for (let i = 0; i < nums.length;) {
    let j = i;
    while (j + 1 < nums.length && nums[j + 1] === nums[j] + 1) j++;
    out.push(i === j ? `${nums[i]}` : `${nums[i]}-${nums[j]}`);
    i = j + 1;
  }
  return out.join(',');
}

function main() {
  const options = readOptions();
  const listed = readDivergences();
  const seen = new Set();
  const unexplained = [], wrongKind = [], rows = [];
  let frames = 0, agree = 0;
  for (const dir of DIRS) {
    const names = fs.readdirSync(path.join(root, dir)).filter(n => /\.pcap(ng)?$/.test(n)).sort();
    for (const name of names.filter(n => !process.env.ONLY || n === process.env.ONLY)) {
      const file = `${dir}/${name}`;
      const ours = sipparseFrames(file), theirs = tsharkFrames(file, options.get(name) || []);
      const all = [...new Set([...ours.keys(), ...theirs.keys()])].sort((a, b) => a - b);
      const byKind = { 'tshark-only': [], 'sipparse-only': [], differs: [] };
      for (const f of all) {
        frames++;
        const a = ours.get(f), b = theirs.get(f);
        if (a && b && show(a) === show(b)) { agree++; continue; }
        const kind = !a ? 'tshark-only' : !b ? 'sipparse-only' : 'differs';
        byKind[kind].push(f);
        const key = `${name} ${f}`;
        const entry = listed.get(key);
        if (entry) seen.add(key);
        if (!entry) unexplained.push(`${file} frame ${f} (${kind}):\n    sipparse ${show(a)}\n    tshark   ${show(b)}`);
        else if (entry.kind !== kind) wrongKind.push(`${entry.where}: ${key} is listed as ${entry.kind}, is ${kind}`);
      }
      for (const k of KINDS) if (byKind[k].length) rows.push(`| ${name} | ${ranges(byKind[k])} | ${k} | |`);
    }
  }
  if (listMode) {
    rows.forEach(r => console.log(r));
    return 0;
  }
  const only = process.env.ONLY;
  const stale = [...listed.keys()].filter(k => !seen.has(k) && (!only || k.startsWith(`${only} `)));
  for (const u of unexplained) console.log(`UNEXPLAINED ${u}`);
  for (const w of wrongKind) console.log(`WRONG KIND ${w}`);
  for (const k of stale) console.log(`STALE ${listed.get(k).where}: ${k} no longer diverges`);
  console.log(`${frames} frames with SIP, ${agree} agree, ${seen.size} listed divergences, ` +
              `${unexplained.length} unexplained, ${wrongKind.length} of the wrong kind, ${stale.length} stale`);
  return unexplained.length + wrongKind.length + stale.length ? 1 : 0;
}

try {
  process.exitCode = main();
} catch (e) {
  console.error(`tests/tshark/compare.js: ${e.message}`);
  process.exitCode = 2;
}
