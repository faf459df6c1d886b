#!/usr/bin/env node
// What realistic use stores in the browser (issue 12, item 4). Prints figures; it is not a test.
//
//   node bench/storage-size.mjs [--json]
//
// Answers files are made by the real engine (build/wasm/dist, or KKPHAM_DIST: engine.makeTemplate
// with fill "random", seeded) and then filled the way an office fills them: every evidence item
// of the pack's indicators with a file reference, its local SHA-256, a date and a short note,
// every indicator with a note of about 160 characters, and the office (OPD). The records are
// laid out exactly as web/state/store.js keeps them (one answers text per assessment, the
// saved-list entry, a what-if scenario, the efforts of the gap view, and the pack text the
// assessments use, stored once).
//
// Each case prints the characters (JavaScript string length, what localStorage counts: keys and
// values) and the UTF-8 bytes (about what IndexedDB holds). The browsers' localStorage allows
// 5 Mi characters per origin in Firefox and Safari, and 10 MiB in Chromium (1 byte per character
// for a text that is all Latin-1, 2 bytes as soon as one character is not; the notes below carry
// typographic quotes, so 2): about 5.2 million characters either way.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = path.resolve(process.env.KKPHAM_DIST || path.join(ROOT, 'build', 'wasm', 'dist'));
const PACK_FILE = path.join(DIST, 'criteria', 'kkpham-22-2021.json');
const LOCAL_STORAGE_CHARS = 5 * 1024 * 1024;

if (!fs.existsSync(path.join(DIST, 'engine', 'kkpham-api.js'))) {
  console.error(`${DIST}: no built app (cmake --workflow --preset app, or KKPHAM_DIST)`);
  process.exit(1);
}
const { loadEngine } = await import(path.join(DIST, 'engine', 'kkpham-api.js'));
const engine = await loadEngine({ wasmBinary: fs.readFileSync(path.join(DIST, 'kkpham-core.wasm')) });
const packText = fs.readFileSync(PACK_FILE, 'utf8');
const loaded = engine.loadPack(packText);
if (!loaded.ok) throw new Error(`the bundled pack does not load: ${JSON.stringify(loaded.errors)}`);
const pack = JSON.parse(packText);
const sha = engine.packSummary().sha256;

// Seeded generator (mulberry32), so the figures are the same on every run.
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = ('data dukung telah diverifikasi oleh bagian hukum setda sesuai peraturan bupati tentang '
  + 'pelaksanaan layanan bantuan hukum bagi masyarakat miskin laporan triwulan disampaikan kepada '
  + 'sekretaris daerah dan tim penilai kanwil anggaran dpa tahun berjalan rapat koordinasi opd '
  + 'pengaduan masyarakat ditindaklanjuti dalam hari kerja').split(' ');
function sentence(random, chars) {
  let s = '';
  while (s.length < chars) s += `${s ? ' ' : ''}${WORDS[Math.floor(random() * WORDS.length)]}`;
  return `${s[0].toUpperCase()}${s.slice(1)} — “${Math.floor(random() * 900 + 100)}/${2020 + Math.floor(random() * 6)}”.`;
}
const hex = (random) => Array.from({ length: 64 }, () => '0123456789abcdef'[Math.floor(random() * 16)]).join('');

// One assessment as an office fills it; `only` limits it to some indicators (an office return).
function assessment(seed, { name, dataYear = 2025, only = null } = {}) {
  const r = engine.makeTemplate({
    fill: 'random', seed, data_year: dataYear, assessment_year: dataYear + 1,
    region: { name, kind: 'kabupaten', province: 'Jawa Tengah', code: '33.06' }, updated_at: '2026-11-23T08:00:00Z',
  });
  if (!r.ok) throw new Error(`makeTemplate: ${JSON.stringify(r.errors)}`);
  const a = r.answers;
  const random = rng(seed * 7919);
  for (const ind of pack.indicators) {
    if (only && !only.has(ind.id)) {
      delete a.answers[ind.id];
      continue;
    }
    const e = a.answers[ind.id] ?? (a.answers[ind.id] = {});
    e.note = sentence(random, 160);
    e.opd = ind.opd ?? e.opd;
    e.evidence = (ind.evidence || []).map((ev) => ({
      id: ev.id,
      status: random() < 0.8 ? 'ready' : 'missing',
      reference: `${ind.id}-${ev.id}-${dataYear}-nomor-${Math.floor(random() * 900 + 100)}-tahun-${dataYear}.pdf`,
      sha256: hex(random),
      date: `${dataYear}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`,
      note: sentence(random, 40),
    }));
  }
  const v = engine.validateAnswers(a);
  if (!v.ok) throw new Error(`the filled answers do not validate: ${JSON.stringify(v.errors.slice(0, 3))}`);
  return a;
}

// A what-if scenario: the answers with ten indicators raised to full points.
function scenarioOf(a) {
  const full = engine.makeTemplate({ fill: 'max', data_year: a.data_year, assessment_year: a.assessment_year }).answers.answers;
  const s = structuredClone(a);
  for (const id of Object.keys(full).slice(0, 10)) s.answers[id] = { ...s.answers[id], value: full[id].value, na: false };
  return s;
}

function effortOf(seed) {
  const random = rng(seed);
  return Object.fromEntries(pack.indicators.slice(0, 20).map((i) => [i.id, 1 + Math.floor(random() * 5)]));
}

// The records store.js keeps for a set of assessments (key → text).
function records(list) {
  const out = new Map();
  const index = [];
  list.forEach(({ answers, scenario, effort }, i) => {
    const key = `mq2x0k${String(i).padStart(3, '0')}-1a2b3c4d5e6f`;
    out.set(`kkpham:v1:a:${key}`, JSON.stringify(answers));
    if (scenario) out.set(`kkpham:v1:s:${key}`, JSON.stringify(scenario));
    if (effort) out.set(`kkpham:v1:effort:${key}`, JSON.stringify(effort));
    const total = engine.score(answers).total ?? null;
    index.push({ key, pack: answers.pack, region: answers.region, data_year: answers.data_year, assessment_year: answers.assessment_year, updated_at: answers.updated_at, total });
  });
  out.set('kkpham:v1:index', JSON.stringify(index));
  out.set(`kkpham:v1:pack:${sha}`, packText); // every saved assessment keeps its pack's text
  return out;
}

function measure(name, recs) {
  let chars = 0;
  let bytes = 0;
  let answersBytes = 0;
  for (const [k, v] of recs) {
    chars += k.length + v.length;
    bytes += Buffer.byteLength(k) + Buffer.byteLength(v);
    if (k.startsWith('kkpham:v1:a:')) answersBytes += Buffer.byteLength(v);
  }
  return { name, records: recs.size, chars, utf8Bytes: bytes, answersBytes, localStorageShare: chars / LOCAL_STORAGE_CHARS };
}

const regencies = Array.from({ length: 30 }, (_, i) => `Kabupaten Lokakarya ${i + 1}`);
const officesOf = () => {
  // 15 offices (OPD), each returning the indicators of its share of the pack.
  const ids = pack.indicators.map((i) => i.id);
  return Array.from({ length: 15 }, (_, k) => new Set(ids.filter((_, j) => j % 15 === k)));
};

const one = assessment(1, { name: 'Kabupaten Contoh' });
const prev = assessment(2, { name: 'Kabupaten Contoh', dataYear: 2024 });
const cases = [
  measure('one assessment (answers + what-if scenario + efforts + the previous year for comparison)', records([
    { answers: one, scenario: scenarioOf(one), effort: effortOf(1) },
    { answers: prev },
  ])),
  measure('workshop of 30 regencies (one assessment each)', records(regencies.map((name, i) => ({ answers: assessment(100 + i, { name }) })))),
  measure('workshop of 30 regencies, each with a what-if scenario and efforts', records(regencies.map((name, i) => {
    const a = assessment(100 + i, { name });
    return { answers: a, scenario: scenarioOf(a), effort: effortOf(100 + i) };
  }))),
  measure('a Kanwil: two data years of 30 regencies, each with a what-if scenario and efforts', records([2024, 2025].flatMap((y) => regencies.map((name, i) => {
    const a = assessment(y * 100 + i, { name, dataYear: y });
    return { answers: a, scenario: scenarioOf(a), effort: effortOf(y * 100 + i) };
  })))),
  measure('three years of one regency (each with a scenario and efforts)', records([2023, 2024, 2025].map((y) => {
    const a = assessment(y, { name: 'Kabupaten Contoh', dataYear: y });
    return { answers: a, scenario: scenarioOf(a), effort: effortOf(y) };
  }))),
  measure('15 office returns (partial answers files) + the assessment they make up', records([
    { answers: one },
    ...officesOf().map((only, k) => ({ answers: assessment(500 + k, { name: 'Kabupaten Contoh', only }) })),
  ])),
  measure('a pemda: three years, each with 15 office returns, a scenario and efforts', records([2023, 2024, 2025].flatMap((y) => {
    const a = assessment(y, { name: 'Kabupaten Contoh', dataYear: y });
    return [
      { answers: a, scenario: scenarioOf(a), effort: effortOf(y) },
      ...officesOf().map((only, k) => ({ answers: assessment(y * 100 + k, { name: 'Kabupaten Contoh', dataYear: y, only }) })),
    ];
  }))),
];

const sizes = {
  packBytes: Buffer.byteLength(packText),
  assessmentBytes: Buffer.byteLength(JSON.stringify(one)),
  officeReturnBytes: Buffer.byteLength(JSON.stringify(assessment(500, { name: 'Kabupaten Contoh', only: officesOf()[0] }))),
};

if (process.argv.includes('--json')) {
  console.log(JSON.stringify({ sizes, cases, localStorageChars: LOCAL_STORAGE_CHARS }, null, 2));
} else {
  const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
  const mb = (n) => `${(n / 1024 / 1024).toFixed(2)} MiB`;
  console.log('kkpham: what realistic use stores (records as web/state/store.js keeps them)');
  console.log(`  the bundled pack (stored once)        : ${kb(sizes.packBytes)}`);
  console.log(`  one filled assessment (answers file)  : ${kb(sizes.assessmentBytes)}`);
  console.log(`  one office return (partial file)      : ${kb(sizes.officeReturnBytes)}`);
  for (const c of cases) {
    console.log(`  ${c.name}`);
    console.log(`      ${String(c.records).padStart(3)} records  ${mb(c.utf8Bytes).padStart(10)} UTF-8  ${(c.chars / 1e6).toFixed(2).padStart(5)} M characters`
      + `  = ${(c.localStorageShare * 100).toFixed(0).padStart(3)} % of localStorage (5 Mi characters)${c.localStorageShare > 1 ? '  DOES NOT FIT' : ''}`);
  }
}
