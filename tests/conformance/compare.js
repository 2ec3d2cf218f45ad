#!/usr/bin/env node
// compare.js: runs oracle.js (JsSIP) and the C driver (libsipparse) on every case and
// compares their normalised results field by field.
//
//   node compare.js --driver PATH [--root DIR] [-v] [--only REGEX] [--dump FILE]
//
// Cases: every cases/*.jsonl line, plus every message file under corpus/ (rule
// "message"). Each case ends up in exactly one bucket:
//   agreement    same verdict and, when both accept, the same fields;
//   divergence   differs only where an entry of DIVERGENCES.md says JsSIP and RFC part;
//   known bug    differs only where an entry of KNOWN-BUGS.md says libsipparse is wrong;
//   unsupported  the driver has no parser for the rule yet (never an agreement);
//   unexplained  any other difference.
// Exit status: 0 when nothing is unexplained and no known bug is open, 1 otherwise,
// 2 when the harness itself failed.
'use strict';

const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

const HERE = __dirname;

function usage(msg) {
  process.stderr.write(`compare.js: ${msg}\n` +
    'usage: node compare.js --driver PATH [--root DIR] [-v] [--only REGEX] [--dump FILE]\n');
  process.exit(2);
}

const args = { root: path.resolve(HERE, '..', '..'), verbose: false, only: null, dump: null };
for (let i = 2; i < process.argv.length; i++) {
  const a = process.argv[i];
  if (a === '--driver') args.driver = process.argv[++i];
  else if (a === '--root') args.root = path.resolve(process.argv[++i]);
  else if (a === '-v' || a === '--verbose') args.verbose = true;
  else if (a === '--only') args.only = new RegExp(process.argv[++i]);
  else if (a === '--dump') args.dump = process.argv[++i];
  else usage(`unknown argument ${a}`);
}
if (!args.driver) usage('--driver is required');

// ---------------------------------------------------------------------------------------
// Cases

function loadCases() {
  const cases = [];
  const seen = new Set();
  const dir = path.join(HERE, 'cases');
  for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.jsonl')).sort()) {
    const lines = fs.readFileSync(path.join(dir, f), 'utf8').split('\n');
    lines.forEach((line, i) => {
      if (!line.trim() || line.startsWith('//')) return;
      let c;
      try {
        c = JSON.parse(line);
      } catch (e) {
        usage(`cases/${f}:${i + 1}: ${e.message}`);
      }
      if (typeof c.id !== 'string' || typeof c.rule !== 'string' ||
          (typeof c.input !== 'string' && typeof c.file !== 'string')) {
        usage(`cases/${f}:${i + 1}: a case needs id, rule and input (or file)`);
      }
      if (seen.has(c.id)) usage(`cases/${f}:${i + 1}: duplicate id ${c.id}`);
      seen.add(c.id);
      cases.push(c);
    });
  }
  // Every SIP message file of the corpus (pcaps are out of scope here).
  const corpus = path.join(args.root, 'corpus');
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(sip|dat)$/.test(e.name)) {
        const rel = path.relative(args.root, p);
        cases.push({ id: rel, rule: 'message', file: rel });
      }
    }
  };
  walk(corpus);
  return cases.filter((c) => !args.only || args.only.test(c.id));
}

function caseText(c) {
  if (c.input !== undefined) return c.input;
  return fs.readFileSync(path.join(args.root, c.file)).toString('latin1');
}

// ---------------------------------------------------------------------------------------
// Explanations: DIVERGENCES.md and KNOWN-BUGS.md. Each entry is a "### <id>" heading
// followed, somewhere in its section, by a line "match: {json}" with:
//   rules   rule names the entry covers ("*" for all);
//   ids     exact case ids (optional);
//   input   a regular expression (flags "si") the case's input must match (optional);
//   paths   the field paths it explains, "*" as a wildcard ("ok" is the verdict);
//   jssip_ok / lib_ok   the verdict each side must give (optional);
//   jssip_error / lib_error   a regular expression the side's error must match (optional).
// A case is explained when, for every differing path, some matching entry lists it.

function loadEntries(file) {
  const p = path.join(HERE, file);
  if (!fs.existsSync(p)) return [];
  const entries = [];
  let cur = null;
  fs.readFileSync(p, 'utf8').split('\n').forEach((line, i) => {
    const h = /^###\s+(\S+)/.exec(line);
    if (h) {
      cur = { id: h[1], file, match: null, used: 0 };
      entries.push(cur);
      return;
    }
    const m = /^\s*(?:[-*]\s*)?match:\s*`?(\{.*\})`?\s*$/.exec(line);
    if (m) {
      if (!cur) usage(`${file}:${i + 1}: match line outside an entry`);
      let j;
      try {
        j = JSON.parse(m[1]);
      } catch (e) {
        usage(`${file}:${i + 1}: ${e.message}`);
      }
      cur.match = {
        rules: j.rules || ['*'],
        ids: j.ids || null,
        input: j.input ? new RegExp(j.input, 'si') : null,
        paths: (j.paths || []).map(globToRegex),
        jssip_ok: j.jssip_ok,
        lib_ok: j.lib_ok,
        jssip_error: j.jssip_error ? new RegExp(j.jssip_error) : null,
        lib_error: j.lib_error ? new RegExp(j.lib_error) : null,
      };
    }
  });
  for (const e of entries) if (!e.match) usage(`${file}: entry ${e.id} has no match line`);
  return entries;
}

function globToRegex(g) {
  return new RegExp('^' + g.split('*').map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$');
}

function entryApplies(e, c, o, d) {
  const m = e.match;
  if (!m.rules.includes('*') && !m.rules.includes(c.rule)) return false;
  if (m.ids && !m.ids.includes(c.id)) return false;
  if (m.input && !m.input.test(caseText(c))) return false;
  if (m.jssip_ok !== undefined && m.jssip_ok !== o.ok) return false;
  if (m.lib_ok !== undefined && m.lib_ok !== d.ok) return false;
  if (m.jssip_error && !(o.ok === false && m.jssip_error.test(o.error))) return false;
  if (m.lib_error && !(d.ok === false && m.lib_error.test(d.error))) return false;
  return true;
}

// ---------------------------------------------------------------------------------------
// Field comparison

function diffPaths(a, b, prefix, out) {
  const isObj = (x) => x !== null && typeof x === 'object';
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) out.push(`${prefix}.length`);
    for (let i = 0; i < Math.min(a.length, b.length); i++) diffPaths(a[i], b[i], `${prefix}[${i}]`, out);
    return out;
  }
  if (isObj(a) && isObj(b) && !Array.isArray(a) && !Array.isArray(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of [...keys].sort()) {
      if (!(k in a) || !(k in b)) out.push(prefix ? `${prefix}.${k}` : k);
      else diffPaths(a[k], b[k], prefix ? `${prefix}.${k}` : k, out);
    }
    return out;
  }
  if (a !== b) out.push(prefix || '(fields)');
  return out;
}

function valueAt(obj, p) {
  if (!obj) return undefined;
  const parts = p.replace(/\[(\d+)\]/g, '.$1').split('.').filter((s) => s !== '');
  let v = obj;
  for (const k of parts) {
    if (v === null || typeof v !== 'object') return undefined;
    v = k === 'length' && Array.isArray(v) ? v.length : v[k];
  }
  return v;
}

// ---------------------------------------------------------------------------------------
// Run both sides

function runSide(cmd, argv, input) {
  const r = spawnSync(cmd, argv, { input, maxBuffer: 1 << 28, encoding: 'utf8' });
  if (r.error) usage(`${cmd}: ${r.error.message}`);
  if (r.status !== 0) {
    process.stderr.write(r.stderr || '');
    usage(`${cmd} ${argv.join(' ')} exited with ${r.status}`);
  }
  const res = new Map();
  for (const line of r.stdout.split('\n')) {
    if (!line.trim()) continue;
    const j = JSON.parse(line);
    res.set(j.id, j);
  }
  return res;
}

const cases = loadCases();
const stdin = cases.map((c) => JSON.stringify(c)).join('\n') + '\n';
const t0 = Date.now();
const oracle = runSide(process.execPath, [path.join(HERE, 'oracle.js')], stdin);
const driver = runSide(path.resolve(args.driver), [args.root], stdin);
const elapsed = Date.now() - t0;

const divergences = loadEntries('DIVERGENCES.md');
const bugs = loadEntries('KNOWN-BUGS.md');

const totals = { cases: cases.length, agreements: 0, divergences: 0, known_bugs: 0,
  unsupported: 0, unexplained: 0 };
const unsupportedByRule = {};
const report = { divergence: [], known_bug: [], unexplained: [] };
const dump = [];

function explain(entries, c, o, d, paths) {
  const applicable = entries.filter((e) => entryApplies(e, c, o, d));
  const used = new Set();
  for (const p of paths) {
    const e = applicable.find((x) => x.match.paths.some((r) => r.test(p)));
    if (!e) return null;
    used.add(e);
  }
  return [...used];
}

for (const c of cases) {
  const o = oracle.get(c.id);
  const d = driver.get(c.id);
  if (!o || !d) usage(`no result for case ${c.id} from ${o ? 'the driver' : 'oracle.js'}`);
  if (d.unsupported) {
    totals.unsupported++;
    const u = unsupportedByRule[c.rule] || (unsupportedByRule[c.rule] = { cases: 0, jssip_accepts: 0 });
    u.cases++;
    if (o.ok) u.jssip_accepts++;
    dump.push({ id: c.id, rule: c.rule, bucket: 'unsupported', jssip: o });
    continue;
  }
  const paths = o.ok !== d.ok ? ['ok'] : (o.ok ? diffPaths(o.fields, d.fields, '', []) : []);
  if (paths.length === 0) {
    totals.agreements++;
    dump.push({ id: c.id, rule: c.rule, bucket: 'agreement' });
    continue;
  }
  let bucket = 'unexplained';
  let by = explain(divergences, c, o, d, paths);
  if (by) bucket = 'divergence';
  else if ((by = explain(bugs, c, o, d, paths))) bucket = 'known_bug';
  if (by) by.forEach((e) => e.used++);
  totals[bucket === 'divergence' ? 'divergences' : bucket === 'known_bug' ? 'known_bugs' : 'unexplained']++;
  const item = { c, o, d, paths, by: by ? by.map((e) => e.id) : [] };
  report[bucket].push(item);
  dump.push({ id: c.id, rule: c.rule, bucket, paths, by: item.by, jssip: o, lib: d });
}

// ---------------------------------------------------------------------------------------
// Output

const show = (v) => (v === undefined ? 'absent' : JSON.stringify(v));
function describe(item, full) {
  const { c, o, d, paths } = item;
  const lines = [`  ${c.id} [${c.rule}]${item.by.length ? ' (' + item.by.join(', ') + ')' : ''}`];
  if (full) {
    if (c.input !== undefined) lines.push(`    input:    ${JSON.stringify(c.input)}`);
    if (paths[0] === 'ok') {
      lines.push(`    JsSIP:    ${o.ok ? 'accepts' : 'rejects (' + o.error + ')'}`);
      lines.push(`    sipparse: ${d.ok ? 'accepts' : 'rejects (' + d.error + ')'}`);
    } else {
      for (const p of paths) {
        lines.push(`    ${p}: JsSIP ${show(valueAt(o.fields, p))}  sipparse ${show(valueAt(d.fields, p))}`);
      }
    }
  }
  return lines.join('\n');
}

if (report.unexplained.length) {
  console.log(`UNEXPLAINED DIFFERENCES (${report.unexplained.length}):`);
  report.unexplained.forEach((it) => console.log(describe(it, true)));
}
if (report.known_bug.length) {
  console.log(`KNOWN LIBSIPPARSE BUGS, still failing (${report.known_bug.length}) - see KNOWN-BUGS.md:`);
  report.known_bug.forEach((it) => console.log(describe(it, args.verbose)));
}
if (args.verbose && report.divergence.length) {
  console.log(`LISTED DIVERGENCES (${report.divergence.length}):`);
  report.divergence.forEach((it) => console.log(describe(it, true)));
}
const unused = [...divergences, ...bugs].filter((e) => e.used === 0);
if (unused.length) {
  console.log(`note: entries that explained no case this run: ${unused.map((e) => `${e.file}#${e.id}`).join(', ')}`);
}
const urules = Object.keys(unsupportedByRule).sort();
if (urules.length) {
  console.log('unsupported rules (cases / JsSIP accepts): ' +
    urules.map((r) => `${r} ${unsupportedByRule[r].cases}/${unsupportedByRule[r].jssip_accepts}`).join(', '));
}
if (args.dump) fs.writeFileSync(args.dump, dump.map((x) => JSON.stringify(x)).join('\n') + '\n');

console.log(`conformance: ${totals.cases} cases, ${totals.agreements} agreements, ` +
  `${totals.divergences} listed divergences, ${totals.known_bugs} known bugs, ` +
  `${totals.unsupported} unsupported, ${totals.unexplained} unexplained ` +
  `(${(elapsed / 1000).toFixed(1)} s)`);
process.exit(totals.unexplained || totals.known_bugs ? 1 : 0);
