// A report fit to sign and submit: after the summary, an appendix with every indicator (the
// answer as the user reads it, points, evidence items with their references, note, office) and
// a signature block ("Mengetahui, Sekretaris Daerah" / "Disusun oleh": name, NIP, place, date),
// edited on screen and saved with the assessment (the answers file's "signatures"); every
// printed page carries its number, the pack id and hash and the data year.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import {
  ROOT, missingPrerequisite, startApp, stopApp, openPage, gotoApp, importAnswers, randomAnswers, bundledPack,
  nodeEngine, assertAxeClean, shotScreen, settle,
} from './harness.mjs';

const skip = missingPrerequisite() || false;
let app;
let tab;
let answers;
let pack;

// Pages of a PDF: pdfinfo when installed, else the page objects in the file.
function pdfPages(file) {
  try {
    const out = execFileSync('pdfinfo', [file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const m = /^Pages:\s+(\d+)/m.exec(out);
    if (m) return Number(m[1]);
  } catch {
    /* not installed */
  }
  const raw = fs.readFileSync(file).toString('latin1');
  return (raw.match(/\/Type\s*\/Page(?![s\w])/g) || []).length;
}

const UNKNOWN_OPD = 'Bagian Hukum Setda (uji)';
// The offices of an indicator in the pack (its own, else its right's), and an office not among them.
const packOfficesOf = (ind) => ind.offices ?? pack.rights.find((r) => r.id === ind.right).offices ?? [];
const otherOffice = (ind) => pack.offices.find((o) => !packOfficesOf(ind).includes(o.id));
const shortNames = (ind) => packOfficesOf(ind).map((id) => pack.offices.find((o) => o.id === id).short_name).join(', ');

// A count indicator that takes 1234 (shown back as "1.234 <unit>").
const bigCount = () => pack.indicators.find((i) => i.answer.kind === 'count' && !(i.answer.range?.max < 1234));

before(async () => {
  if (skip) return;
  app = await startApp();
  tab = await openPage(app, { viewport: { width: 1366, height: 768 } });
  await gotoApp(tab.page, app.url);
  pack = bundledPack();
  answers = await randomAnswers(11, { name: 'Kabupaten Tanda Tangan' });
  // Known answers of each kind, a reference, a note and an office of the user's own.
  const byKind = (k) => pack.indicators.find((i) => i.answer.kind === k);
  const lvl = byKind('level');
  answers.answers[lvl.id] = { ...answers.answers[lvl.id], value: lvl.answer.levels[1].id, na: false };
  const yn = byKind('yes_no');
  answers.answers[yn.id] = { ...answers.answers[yn.id], value: true, na: false };
  const cnt = bigCount();
  if (cnt) answers.answers[cnt.id] = { ...answers.answers[cnt.id], value: 1234, na: false };
  const evInd = pack.indicators.find((i) => i.evidence?.length && i.id !== lvl.id);
  answers.answers[evInd.id] = {
    ...answers.answers[evInd.id],
    evidence: [{ id: evInd.evidence[0].id, status: 'ready', reference: 'Perda-7-2023-bantuan-hukum.pdf', date: '2025-03-01' }],
    note: 'Dibahas bersama DPRD pada Maret 2025.',
    // A real office other than the pack's, named by its full name in other case and spacing: the
    // engine reads it as that office, and the report shows its short name.
    opd: `  ${otherOffice(evInd).name.id.toUpperCase().replace(/ /g, '  ')} `,
  };
  // A name the pack does not know: the engine warns and keeps the pack's office.
  const unk = pack.indicators.find((i) => i.id !== evInd.id && i.id !== lvl.id && i.id !== yn.id && i.id !== cnt?.id);
  answers.answers[unk.id] = { ...answers.answers[unk.id], opd: UNKNOWN_OPD };
  const v = (await nodeEngine()).validateAnswers(answers);
  assert.ok(v.ok, JSON.stringify(v.errors));
  const warned = (v.warnings || []).filter((w) => w.code === 'answers.opd.unknown').map((w) => w.path);
  assert.equal(warned.length, 1, `only the unknown office name is warned about: ${warned}`);
  assert.ok(warned[0].includes(unk.id) && warned[0].endsWith('opd'), warned[0]);
  await importAnswers(tab.page, answers);
});

after(async () => {
  await stopApp(app);
});

test('the appendix lists every indicator with its answer in words, points, evidence references, note and office', { skip }, async () => {
  const { page } = tab;
  await page.click('[data-view="report"]');
  await page.waitForSelector('.rep-appendix');
  const rows = await page.$$eval('.rep-answers tbody tr', (trs) => trs.map((tr) => ({
    id: tr.dataset.indicator, cells: [...tr.children].map((c) => c.textContent.trim()),
  })));
  assert.equal(rows.length, pack.indicators.length, 'one row per indicator');
  assert.deepEqual(rows.map((r) => r.id).sort(), pack.indicators.map((i) => i.id).sort());
  const row = (id) => rows.find((r) => r.id === id).cells;
  const result = await page.evaluate(() => window.kkpham.ctx.result);
  const lvl = pack.indicators.find((i) => i.answer.kind === 'level');
  assert.equal(row(lvl.id)[2], lvl.answer.levels[1].label.id, 'a level answer reads as its label');
  const yn = pack.indicators.find((i) => i.answer.kind === 'yes_no');
  assert.equal(row(yn.id)[2], 'Ya');
  const cnt = bigCount();
  if (cnt) assert.equal(row(cnt.id)[2], `1.234 ${cnt.answer.unit ?? ''}`.trim(), 'a number with its unit, Indonesian digits');
  // Points as the engine computed them, indicator by indicator.
  for (const ri of result.indicators) {
    const want = ri.points.toLocaleString('id-ID', { minimumFractionDigits: 2, maximumFractionDigits: 4 });
    assert.ok(row(ri.id)[3].startsWith(want), `${ri.id}: ${row(ri.id)[3]} vs ${want}`);
  }
  const evInd = pack.indicators.find((i) => answers.answers[i.id]?.note === 'Dibahas bersama DPRD pada Maret 2025.');
  const cells = row(evInd.id);
  assert.match(cells[4], /Perda-7-2023-bantuan-hukum\.pdf/);
  assert.match(cells[4], /\[ada\]/);
  assert.equal(cells[5], 'Dibahas bersama DPRD pada Maret 2025.');
  const other = otherOffice(evInd);
  assert.equal(cells[6], other.short_name, 'the answer\'s office by its short name');
  assert.equal(await page.getAttribute(`.rep-answers tr[data-indicator="${evInd.id}"] td:last-child span[title]`, 'title'), other.name.id,
    'the full name as a tooltip');
  // The unknown name is shown as typed with a warning, beside the pack's office that stands.
  const unk = pack.indicators.find((i) => answers.answers[i.id]?.opd === UNKNOWN_OPD);
  assert.ok(row(unk.id)[6].startsWith(`⚠ ${UNKNOWN_OPD}`), row(unk.id)[6]);
  assert.ok(row(unk.id)[6].endsWith(shortNames(unk)), row(unk.id)[6]);
  // Every indicator names its offices by short name as the engine read them (the answer's, else
  // the pack's: its own, else its right's).
  const engineOpd = new Map(result.indicators.map((i) => [i.id, i.opd]));
  assert.equal(engineOpd.get(evInd.id), other.short_name);
  assert.equal(engineOpd.get(unk.id), shortNames(unk), 'the engine keeps the pack\'s office for an unknown name');
  for (const r of rows) {
    assert.ok(r.cells[6] && r.cells[6] !== '–', `${r.id}: an office`);
    if (r.id !== unk.id) assert.equal(r.cells[6], engineOpd.get(r.id), `${r.id}: the engine's offices`);
  }
  await assertAxeClean(page, 'report with appendix and signature block');
});

test('the signature block is edited on screen, saved with the assessment, exported, and survives a reload', { skip }, async () => {
  const { page } = tab;
  await page.fill('#sign-approved-name', 'Dr. H. Contoh Sekda, M.Si.');
  await page.fill('#sign-approved-nip', '19700101 199003 1 001');
  await page.fill('#sign-prepared-name', 'Budi Penyusun, S.H.');
  await page.fill('#sign-prepared-nip', '19850505 201001 1 002');
  await page.fill('#sign-prepared-place', 'Kota Contoh');
  await page.fill('#sign-prepared-date', '2026-02-03');
  await settle(page);
  const block = await page.innerText('.rep-sign');
  assert.match(block, /Mengetahui,/);
  assert.match(block, /Sekretaris Daerah/);
  assert.match(block, /Disusun oleh,/);
  assert.match(block, /Dr\. H\. Contoh Sekda, M\.Si\./);
  assert.match(block, /NIP\. 19700101 199003 1 001/);
  assert.match(block, /Kota Contoh, 3 Februari 2026/);
  const saved = await page.evaluate(() => window.kkpham.ctx.answers.signatures);
  assert.deepEqual(saved, {
    approved: { name: 'Dr. H. Contoh Sekda, M.Si.', nip: '19700101 199003 1 001' },
    prepared: { name: 'Budi Penyusun, S.H.', nip: '19850505 201001 1 002', place: 'Kota Contoh', date: '2026-02-03' },
  });
  // The engine accepts the file with its signature block, without a warning, same total.
  const engine = await nodeEngine();
  const withSig = await page.evaluate(() => JSON.parse(JSON.stringify(window.kkpham.ctx.answers)));
  const v = engine.validateAnswers(withSig);
  assert.ok(v.ok, JSON.stringify(v.errors));
  assert.deepEqual((v.warnings || []).filter((w) => /signatures/.test(w.path)), [], 'no warning about the signature block');
  assert.equal(engine.score(withSig).total, engine.score(answers).total);
  // Exported with the answers.
  await page.click('[data-view="fill"]');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#view-fill button:has-text(".kkpham.json")')]);
  const exported = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
  assert.deepEqual(exported.signatures, saved);
  // Kept across a reload.
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
  await page.click('[data-view="report"]');
  await page.waitForSelector('#sign-prepared-name');
  assert.equal(await page.inputValue('#sign-prepared-name'), 'Budi Penyusun, S.H.');
  assert.equal(await page.inputValue('#sign-prepared-date'), '2026-02-03');
  await shotScreen(page, 'report-signature', { fullPage: false });
});

test('printed: summary, signature block and appendix in an A4 PDF; every page has its number, the pack and the data year', { skip }, async () => {
  const { page } = tab;
  await page.click('[data-view="report"]');
  await page.waitForSelector('.rep-appendix');
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.isVisible('.sign-edit'), false, 'the edit form is not printed');
  assert.equal(await page.isVisible('.rep-sign'), true);
  assert.equal(await page.isVisible('.rep-appendix'), true);
  assert.equal(await page.isVisible('.rep-notice'), true, 'the reference notice in full on the report');
  // The page footer: page n of m, region, data year, pack id and hash (CSS margin boxes).
  const footer = await page.evaluate(() => [...document.adoptedStyleSheets].flatMap((s) => [...s.cssRules]).map((r) => r.cssText).join('\n'));
  const sha = await page.evaluate(() => window.kkpham.ctx.summary.sha256);
  assert.match(footer, /@bottom-right[^}]*counter\(page\)[^}]*counter\(pages\)/);
  assert.ok(footer.includes(sha), 'the pack hash in the footer');
  assert.ok(footer.includes(pack.id) && /\b2025\b/.test(footer) && footer.includes('Kabupaten Tanda Tangan'), footer);
  const out = path.join(ROOT, 'build', 'screenshots', 'report-signed.pdf');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  await page.pdf({ path: out, format: 'A4', printBackground: true, preferCSSPageSize: true });
  await page.emulateMedia({ media: 'screen' });
  const pages = pdfPages(out);
  // Summary (1–2 pages) + the appendix of 120 indicators on pages of its own.
  assert.ok(pages >= 4 && pages <= 40, `pages: ${pages}`);
  const raw = fs.readFileSync(out).toString('latin1');
  assert.ok(raw.length > 20000);
  // Without the appendix the report is shorter: the appendix is really printed.
  await page.evaluate(() => document.querySelector('.rep-appendix').remove());
  const short = path.join(ROOT, 'build', 'screenshots', 'report-no-appendix.pdf');
  await page.pdf({ path: short, format: 'A4', printBackground: true, preferCSSPageSize: true });
  assert.ok(pdfPages(short) <= pages - 2, `appendix pages: ${pages} vs ${pdfPages(short)}`);
});
