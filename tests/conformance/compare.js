#!/usr/bin/env node
// compare.js: runs oracle.js (JsSIP) and the C driver (libsipparse) on every case and
// compares their normalised results field by field. Every `message` case is compared a
// second time, in its own dimension: JsSIP's sanityCheck against sipparse_sanity_check
// (which of JsSIP's seven rules fails first, and the reply), with its own totals line.
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
// The sanity dimension has the same buckets, except unsupported, plus "not comparable":
// JsSIP's parseMessage refused the message (JsSIP never runs sanityCheck then), or
// libsipparse refused it for a reason that is none of JsSIP's rules.
// Exit status: 0 when nothing is unexplained and no known bug is open in either
// dimension, 1 otherwise, 2 when the harness itself failed.
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
// followed, somewhere in its section, by one or more lines "match: {json}" with:
//   dimension  "grammar" (the default) or "sanity": which comparison it explains;
//   rules   rule names the entry covers ("*" for all);
//   ids     exact case ids (optional);
//   input   a regular expression (flags "si") the case's input must match (optional);
//   paths   the field paths it explains, "*" as a wildcard ("ok" is the verdict; in the
//           sanity dimension "sanity.ok", "sanity.rule", "sanity.reply");
//   jssip_ok / lib_ok   the grammar verdict each side must give (optional);
//   jssip_error / lib_error   a regular expression the side's error must match (optional);
//   jssip_rule / lib_rule   sanity only: a regular expression the side's failing sanity
//           rule must match, null for "passed every rule", or a list of those (optional);
//   jssip_reply / lib_reply   sanity only: the side's reply code, or a list of codes
//           (0 = silent drop, null = passed) (optional).
// A case is explained when, for every differing path, some matching line lists it.

function loadEntries(file) {
  const p = path.join(HERE, file);
  if (!fs.existsSync(p)) return [];
  const entries = [];
  let cur = null;
  fs.readFileSync(p, 'utf8').split('\n').forEach((line, i) => {
    const h = /^###\s+(\S+)/.exec(line);
    if (h) {
      cur = { id: h[1], file, matches: [], used: 0 };
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
      const dim = j.dimension || 'grammar';
      if (dim !== 'grammar' && dim !== 'sanity') usage(`${file}:${i + 1}: unknown dimension ${dim}`);
      if (dim === 'grammar' && ['jssip_rule', 'lib_rule', 'jssip_reply', 'lib_reply'].some((k) => k in j)) {
        usage(`${file}:${i + 1}: sanity keys in a grammar match line`);
      }
      const rx = (v) => (Array.isArray(v) ? v.map(rx) : v === null ? null : new RegExp(v));
      const codes = (v) => (Array.isArray(v) ? v : [v]);
      cur.matches.push({
        dimension: dim,
        rules: j.rules || ['*'],
        ids: j.ids || null,
        input: j.input ? new RegExp(j.input, 'si') : null,
        paths: (j.paths || []).map(globToRegex),
        jssip_ok: j.jssip_ok,
        lib_ok: j.lib_ok,
        jssip_error: j.jssip_error ? new RegExp(j.jssip_error) : null,
        lib_error: j.lib_error ? new RegExp(j.lib_error) : null,
        jssip_rule: 'jssip_rule' in j ? rx(j.jssip_rule) : undefined,
        lib_rule: 'lib_rule' in j ? rx(j.lib_rule) : undefined,
        jssip_reply: 'jssip_reply' in j ? codes(j.jssip_reply) : undefined,
        lib_reply: 'lib_reply' in j ? codes(j.lib_reply) : undefined,
      });
    }
  });
  for (const e of entries) if (!e.matches.length) usage(`${file}: entry ${e.id} has no match line`);
  return entries;
}

function globToRegex(g) {
  return new RegExp('^' + g.split('*').map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$');
}

// A sanity rule condition: null asks for "passed", a regular expression for a rule name,
// a list for any of its members.
function ruleIs(want, s) {
  if (want === undefined) return true;
  if (Array.isArray(want)) return want.some((w) => ruleIs(w, s));
  if (want === null) return s.rule === null;
  return s.rule !== null && want.test(s.rule);
}

function matchApplies(m, dim, c, o, d) {
  if (m.dimension !== dim) return false;
  if (!m.rules.includes('*') && !m.rules.includes(c.rule)) return false;
  if (m.ids && !m.ids.includes(c.id)) return false;
  if (m.input && !m.input.test(caseText(c))) return false;
  if (m.jssip_ok !== undefined && m.jssip_ok !== o.ok) return false;
  if (m.lib_ok !== undefined && m.lib_ok !== d.ok) return false;
  if (m.jssip_error && !(o.ok === false && m.jssip_error.test(o.error))) return false;
  if (m.lib_error && !(d.ok === false && m.lib_error.test(d.error))) return false;
  if (dim === 'sanity') {
    if (!ruleIs(m.jssip_rule, o.sanity) || !ruleIs(m.lib_rule, d.sanity)) return false;
    if (m.jssip_reply && !m.jssip_reply.includes(o.sanity.reply)) return false;
    if (m.lib_reply && !m.lib_reply.includes(d.sanity.reply)) return false;
  }
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
const oracle = runSide(process.execPath, [path.join(HERE, 'oracle.js'), args.root], stdin);
const driver = runSide(path.resolve(args.driver), [args.root], stdin);
const elapsed = Date.now() - t0;

const divergences = loadEntries('DIVERGENCES.md');
const bugs = loadEntries('KNOWN-BUGS.md');

const totals = { cases: cases.length, agreements: 0, divergences: 0, known_bugs: 0,
  unsupported: 0, unexplained: 0 };
const unsupportedByRule = {};
const report = { divergence: [], known_bug: [], unexplained: [] };
const stotals = { cases: 0, agreements: 0, divergences: 0, known_bugs: 0, not_comparable: 0,
  unexplained: 0 };
const sreport = { divergence: [], known_bug: [], unexplained: [] };
const notComparable = {};
const dump = [];

// The entries whose match lines (of dimension dim) apply to the case and together cover
// every differing path; null when some path is left unexplained.
function explain(entries, dim, c, o, d, paths) {
  const applicable = [];
  for (const e of entries) {
    for (const m of e.matches) if (matchApplies(m, dim, c, o, d)) applicable.push({ e, m });
  }
  const used = new Set();
  for (const p of paths) {
    const x = applicable.find((a) => a.m.paths.some((r) => r.test(p)));
    if (!x) return null;
    used.add(x.e);
  }
  return [...used];
}

// JsSIP's seven sanityCheck rules: the only rule names either side may report.
const SANITY_RULES = ['minimumHeaders', 'rfc3261_8_2_2_1', 'rfc3261_16_3_4',
  'rfc3261_18_3_request', 'rfc3261_8_2_2_2', 'rfc3261_8_1_3_3', 'rfc3261_18_3_response'];

function checkSanityShape(c, side, r) {
  if (!('sanity' in r)) usage(`case ${c.id}: no sanity result from ${side}`);
  const s = r.sanity;
  if (s === null) {
    if (typeof r.sanity_nc !== 'string') usage(`case ${c.id}: ${side} gives no reason for a missing sanity result`);
    return;
  }
  const good = typeof s === 'object' && typeof s.ok === 'boolean' &&
    Object.keys(s).sort().join(',') === 'ok,reply,rule' &&
    (s.ok ? s.rule === null && s.reply === null
      : SANITY_RULES.includes(s.rule) && Number.isInteger(s.reply) && s.reply >= 0);
  if (!good) usage(`case ${c.id}: bad sanity result from ${side}: ${JSON.stringify(s)}`);
}

// The sanity dimension of one message case.
function compareSanity(c, o, d) {
  checkSanityShape(c, 'oracle.js', o);
  checkSanityShape(c, 'the driver', d);
  stotals.cases++;
  if (o.sanity === null || d.sanity === null) {
    const why = o.sanity === null ? o.sanity_nc : d.sanity_nc;
    stotals.not_comparable++;
    notComparable[why] = (notComparable[why] || 0) + 1;
    dump.push({ id: c.id, rule: c.rule, dimension: 'sanity', bucket: 'not_comparable', why,
      jssip: o.sanity, lib: d.sanity });
    return;
  }
  const paths = diffPaths(o.sanity, d.sanity, 'sanity', []);
  if (paths.length === 0) {
    stotals.agreements++;
    dump.push({ id: c.id, rule: c.rule, dimension: 'sanity', bucket: 'agreement', jssip: o.sanity });
    return;
  }
  let bucket = 'unexplained';
  let by = explain(divergences, 'sanity', c, o, d, paths);
  if (by) bucket = 'divergence';
  else if ((by = explain(bugs, 'sanity', c, o, d, paths))) bucket = 'known_bug';
  if (by) by.forEach((e) => e.used++);
  stotals[bucket === 'divergence' ? 'divergences' : bucket === 'known_bug' ? 'known_bugs' : 'unexplained']++;
  const item = { c, o, d, paths, by: by ? by.map((e) => e.id) : [], sanity: true };
  sreport[bucket].push(item);
  dump.push({ id: c.id, rule: c.rule, dimension: 'sanity', bucket, paths, by: item.by,
    jssip: o.sanity, lib: d.sanity });
}

for (const c of cases) {
  const o = oracle.get(c.id);
  const d = driver.get(c.id);
  if (!o || !d) usage(`no result for case ${c.id} from ${o ? 'the driver' : 'oracle.js'}`);
  if (c.rule === 'message' && !d.unsupported) compareSanity(c, o, d);
  if (d.unsupported) {
    totals.unsupported++;
    const u = unsupportedByRule[c.rule] || (unsupportedByRule[c.rule] = { cases: 0, jssip_accepts: 0 });
    u.cases++;
    if (o.ok) u.jssip_accepts++;
    dump.push({ id: c.id, rule: c.rule, dimension: 'grammar', bucket: 'unsupported', jssip: o });
    continue;
  }
  const paths = o.ok !== d.ok ? ['ok'] : (o.ok ? diffPaths(o.fields, d.fields, '', []) : []);
  if (paths.length === 0) {
    totals.agreements++;
    dump.push({ id: c.id, rule: c.rule, dimension: 'grammar', bucket: 'agreement' });
    continue;
  }
  let bucket = 'unexplained';
  let by = explain(divergences, 'grammar', c, o, d, paths);
  if (by) bucket = 'divergence';
  else if ((by = explain(bugs, 'grammar', c, o, d, paths))) bucket = 'known_bug';
  if (by) by.forEach((e) => e.used++);
  totals[bucket === 'divergence' ? 'divergences' : bucket === 'known_bug' ? 'known_bugs' : 'unexplained']++;
  const item = { c, o, d, paths, by: by ? by.map((e) => e.id) : [] };
  report[bucket].push(item);
  dump.push({ id: c.id, rule: c.rule, dimension: 'grammar', bucket, paths, by: item.by, jssip: o, lib: d });
}

// ---------------------------------------------------------------------------------------
// Output

const show = (v) => (v === undefined ? 'absent' : JSON.stringify(v));
function describe(item, full) {
  const { c, o, d, paths } = item;
  const lines = [`  ${c.id} [${item.sanity ? 'sanity' : c.rule}]${item.by.length ? ' (' + item.by.join(', ') + ')' : ''}`];
  if (full) {
    if (c.input !== undefined) lines.push(`    input:    ${JSON.stringify(c.input)}`);
    if (item.sanity) {
      const side = (s) => (s.ok ? 'passes' : `${s.rule}, ${s.reply ? 'reply ' + s.reply : 'silent drop'}`);
      lines.push(`    JsSIP:    ${side(o.sanity)}   (parseMessage ${o.ok ? 'accepts' : 'rejects'})`);
      lines.push(`    sipparse: ${side(d.sanity)}   (grammar ${d.ok ? 'accepts' : 'rejects: ' + d.error})`);
    } else if (paths[0] === 'ok') {
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

for (const [r, what] of [[report, ''], [sreport, 'SANITY: ']]) {
  if (r.unexplained.length) {
    console.log(`${what}UNEXPLAINED DIFFERENCES (${r.unexplained.length}):`);
    r.unexplained.forEach((it) => console.log(describe(it, true)));
  }
  if (r.known_bug.length) {
    console.log(`${what}KNOWN LIBSIPPARSE BUGS, still failing (${r.known_bug.length}) - see KNOWN-BUGS.md:`);
    r.known_bug.forEach((it) => console.log(describe(it, args.verbose)));
  }
  if (args.verbose && r.divergence.length) {
    console.log(`${what}LISTED DIVERGENCES (${r.divergence.length}):`);
    r.divergence.forEach((it) => console.log(describe(it, true)));
  }
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
const ncs = Object.keys(notComparable).sort();
if (ncs.length) {
  console.log('sanity not comparable (reason: cases): ' + ncs.map((k) => `${k}: ${notComparable[k]}`).join(', '));
}
if (args.dump) fs.writeFileSync(args.dump, dump.map((x) => JSON.stringify(x)).join('\n') + '\n');

console.log(`conformance: ${totals.cases} cases, ${totals.agreements} agreements, ` +
  `${totals.divergences} listed divergences, ${totals.known_bugs} known bugs, ` +
  `${totals.unsupported} unsupported, ${totals.unexplained} unexplained ` +
  `(${(elapsed / 1000).toFixed(1)} s)`);
console.log(`sanity: ${stotals.cases} cases, ${stotals.agreements} agreements, ` +
  `${stotals.divergences} listed divergences, ${stotals.known_bugs} known bugs, ` +
  `${stotals.not_comparable} not comparable, ${stotals.unexplained} unexplained`);
const failing = totals.unexplained || totals.known_bugs || stotals.unexplained || stotals.known_bugs;
process.exit(failing ? 1 : 0);
