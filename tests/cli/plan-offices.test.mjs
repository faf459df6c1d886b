// kkpham plan: one page per real office of the reference pack (offices as data), the office's full
// and short name on each page, and evidence dates judged by the kind of document.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { referencePack, run, template, workDir, writeIn } from './lib.mjs';

const dir = workDir('plan-offices');

function plan(answers, extra = []) {
  const file = writeIn(dir, `plan-${Math.random().toString(36).slice(2)}.json`, answers);
  const text = run(['plan', '--pack', referencePack, ...extra, file]);
  assert.equal(text.status, 0, text.stderr);
  const json = run(['plan', '--pack', referencePack, '--format', 'json', file]);
  assert.equal(json.status, 0, json.stderr);
  return { text: text.stdout, json: JSON.parse(json.stdout) };
}

function ready(answers, indicator, value, evidence, date) {
  answers.answers[indicator].value = value;
  const item = answers.answers[indicator].evidence.find((e) => e.id === evidence);
  Object.assign(item, { status: 'ready', reference: `${indicator}-${evidence}.pdf`, date });
}

test('blank answers: at most 20 pages, one per real office, none a list of names', () => {
  const { text, json } = plan(template('blank', ['--data-year', '2025']));
  const pages = text.split('\f');
  assert.equal(pages.length, json.offices.length + 1);  // + the pre-submission check
  assert.ok(json.offices.length <= 20, `${json.offices.length} offices`);
  const ids = json.offices.map((o) => o.office);
  assert.equal(new Set(ids).size, ids.length);
  for (const o of json.offices) {
    assert.match(o.office, /^[a-z0-9]+$/);
    assert.doesNotMatch(o.opd, /,/);
  }
  // The page of DLH carries its full and short name, and both old spellings are on it.
  const dlh = json.offices.findIndex((o) => o.office === 'dlh');
  assert.ok(dlh >= 0);
  assert.match(pages[dlh], /^OPD: Dinas Lingkungan Hidup \(DLH\)$/m);
  assert.deepEqual([...new Set(json.offices[dlh].items.map((i) => i.indicator))].sort(), ['LING-H2', 'LING-P1', 'LING-P3', 'LING-S2']);
  // An indicator of several offices is on its lead office's page, the others named under it.
  const bkpsdm = json.offices.findIndex((o) => o.office === 'bkpsdm');
  assert.match(pages[bkpsdm], /KERJA-S2[\s\S]*OPD terkait: BKPSDM, Disnaker/);
  // Every item says what kind of document it is.
  assert.match(pages[0], /\(peraturan\/keputusan yang berlaku\)|\(data\/laporan tahun data\)/);
});

test('an answer given to another office of the pack moves to that page; an unknown office is named and left out', () => {
  const answers = template('blank', ['--data-year', '2025']);
  answers.answers['KERJA-P1'].opd = 'DLH';
  const { json } = plan(answers);
  const pageOf = (id) => json.offices.find((o) => o.items.some((i) => i.indicator === id))?.office;
  assert.equal(pageOf('KERJA-P1'), 'dlh');
  assert.equal(pageOf('KERJA-P2'), 'disnaker');

  answers.answers['KERJA-P1'].opd = 'Dinas Pariwisata';
  const file = writeIn(dir, 'unknown-office.json', answers);
  const v = run(['plan', '--pack', referencePack, file]);
  assert.equal(v.status, 0, v.stderr);
  assert.match(v.stderr, /peringatan: OPD "Dinas Pariwisata" pada indikator KERJA-P1 tidak ada dalam daftar OPD paket kriteria; dipakai: Disnaker\./);
  assert.doesNotMatch(v.stdout, /Pariwisata/);
  assert.equal(plan(answers).json.offices.find((o) => o.items.some((i) => i.indicator === 'KERJA-P1')).office, 'disnaker');
});

test('a Perda of 2023 is valid for data year 2025; a data report of 2023 and a Perbup of 2026 are flagged', () => {
  const answers = template('blank', ['--data-year', '2025']);
  ready(answers, 'BANKUM-S1', '3', 'perda', '2023-03-01');
  ready(answers, 'BANKUM-S2', '2', 'perkada', '2026-01-15');
  ready(answers, 'BANKUM-P1', '2', 'dpa', '2023-01-05');
  const { text, json } = plan(answers);
  const outside = json.check.findings.filter((f) => f.kind === 'evidence_outside_year').map((f) => `${f.indicator}:${f.evidence}`);
  assert.deepEqual(outside, ['BANKUM-S2:perkada', 'BANKUM-P1:dpa']);
  assert.doesNotMatch(text, /"perda" bertanggal 2023-03-01/);
  assert.match(text, /"dpa" bertanggal 2023-01-05, di luar tahun data 2025/);
  assert.match(text, /"perkada" bertanggal 2026-01-15, setelah tahun data 2025/);
});
