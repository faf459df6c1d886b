// The Excel workbook in the browser, under the app's real CSP: the first screen does not fetch
// ExcelJS; "Unduh buku kerja Excel" on Fill fetches it then (a script of the app's origin, no CSP
// violation) and downloads a workbook that reads back to the same answers; a filled workbook
// imported through Fill (after the "already saved" question) gives the typed answers and the score
// the engine computes for them; a workbook with a changed locked cell is refused naming the cell,
// and nothing saved changes; the official form as an .xlsx under "Untuk Kanwil". That ExcelJS is in the
// service worker's cache after the first visit is checked by offline.test.mjs (every module of dist/).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { parseCsv } from '../lib/csv.mjs';
import { missingPrerequisite, startApp, stopApp, openPage, gotoApp, importAnswers, randomAnswers, nodeEngine, storedAssessments } from './harness.mjs';

const skip = missingPrerequisite() || false;
let app;
before(async () => {
  if (!skip) app = await startApp();
});
after(async () => {
  await stopApp(app);
});

const EXCELJS = /\/vendor\/exceljs\/exceljs\.min\.js$/;

// Requests the page made itself (the service worker's precache at install is not the page's).
function pageRequests(page) {
  const urls = [];
  page.on('request', (r) => {
    if (!r.serviceWorker()) urls.push(r.url());
  });
  return urls;
}

async function downloadWorkbook(page) {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Unduh buku kerja Excel (.xlsx)' }).click(),
  ]);
  assert.match(download.suggestedFilename(), /\.xlsx$/);
  const chunks = [];
  for await (const c of await download.createReadStream()) chunks.push(c);
  return Buffer.concat(chunks);
}

async function edit(bytes, fn) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes);
  fn(wb.getWorksheet('Isian'));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const rowOf = (ws, id) => {
  let row = 0;
  ws.getColumn(1).eachCell((c, n) => { if (c.value === id) row = n; });
  return row;
};

test('download the workbook, fill it, import it back: same answers and score, under the CSP, library on use only', { skip }, async () => {
  const { page, log } = await openPage(app);
  const own = pageRequests(page);
  await gotoApp(page, app.url);
  await page.waitForTimeout(500);
  assert.deepEqual(own.filter((u) => EXCELJS.test(u)), [], 'ExcelJS is not fetched by the first screen');

  const answers = await randomAnswers(21);
  await importAnswers(page, answers, 'uji.kkpham.json');
  const bytes = await downloadWorkbook(page);
  assert.equal(own.filter((u) => EXCELJS.test(u)).length, 1, 'ExcelJS is fetched once, on use');

  // The downloaded workbook, untouched, holds the saved answers exactly.
  const engine = await nodeEngine();
  const { dumpWorkbook } = await import('../../web/formats/workbook.js');
  const untouched = engine.readWorkbook(await dumpWorkbook(ExcelJS, bytes));
  assert.ok(untouched.ok, JSON.stringify(untouched.errors));
  const saved = await page.evaluate(() => window.kkpham.ctx.answers);
  assert.deepEqual(untouched.answers, saved);

  // Filled in "Excel": a percent as "87,5" text, a yes/no as a boolean.
  const pack = await page.evaluate(() => window.kkpham.ctx.pack);
  const percent = pack.indicators.find((i) => i.answer.kind === 'percent').id;
  const yesNo = pack.indicators.find((i) => i.answer.kind === 'yes_no').id;
  const filled = await edit(bytes, (ws) => {
    ws.getCell(`G${rowOf(ws, percent)}`).value = '87,5';
    ws.getCell(`G${rowOf(ws, yesNo)}`).value = !saved.answers[yesNo]?.value;
  });
  const keyBefore = await page.evaluate(() => window.kkpham.ctx.key);
  await page.locator('#fill-import').setInputFiles({ name: 'uji-diisi.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: filled });
  await page.getByRole('button', { name: 'Ganti yang tersimpan' }).click();
  await page.waitForFunction((k) => window.kkpham.ctx.key && window.kkpham.ctx.key !== k, keyBefore);
  const now = await page.evaluate(() => ({ answers: window.kkpham.ctx.answers, keys: Object.keys(window.kkpham.ctx) }));
  assert.equal(now.answers.answers[percent].value, 87.5);
  assert.equal(now.answers.answers[yesNo].value, !saved.answers[yesNo]?.value);
  const expected = structuredClone(saved);
  expected.answers[percent].value = 87.5;
  delete expected.answers[percent].numerator;
  delete expected.answers[percent].denominator;
  expected.answers[yesNo].value = !saved.answers[yesNo]?.value;
  expected.updated_at = now.answers.updated_at;
  assert.deepEqual(now.answers, JSON.parse(JSON.stringify(expected)));
  const total = await page.evaluate(() => window.kkpham.ctx.result?.total);
  assert.equal(total, engine.score(expected).total);
  // The old copy was replaced, not kept beside it.
  const stored = Object.keys(await storedAssessments(page)).filter((k) => /^a:[^#]*$/.test(k));
  assert.equal(stored.length, 1);

  assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
  assert.deepEqual(log.errors.filter((e) => !/service worker/i.test(e)), []);
  await page.context().close();
});

test('a workbook with a changed locked cell is refused naming the cell; nothing saved changes', { skip }, async () => {
  const { page } = await openPage(app);
  await gotoApp(page, app.url);
  const answers = await randomAnswers(22);
  await importAnswers(page, answers, 'uji.kkpham.json');
  const bytes = await downloadWorkbook(page);
  const before = await storedAssessments(page);
  const broken = await edit(bytes, (ws) => { ws.getCell('E2').value = 'Teks indikator diubah'; });
  // A file the import will refuse is not asked about (no "already saved" question).
  await page.locator('#fill-import').setInputFiles({ name: 'rusak.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: broken });
  const box = page.locator('.io-result .errorbox');
  await box.waitFor();
  assert.match(await box.textContent(), /Isian!E2/);
  assert.deepEqual(await storedAssessments(page), before);
  assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
  await page.context().close();
});


async function formXlsx(rows) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Formulir');
  rows.forEach((r, i) => r.forEach((v, j) => { ws.getCell(i + 1, j + 1).value = /^[1-9][0-9]{0,8}$/.test(v) ? Number(v) : v; }));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

test('the official form as an .xlsx under "Untuk Kanwil" loads as the pack of its CSV twin; an error names sheet and cell', { skip }, async () => {
  const { default: fs } = await import('node:fs');
  const { default: path } = await import('node:path');
  const { ROOT } = await import('./harness.mjs');
  const csv = fs.readFileSync(path.join(ROOT, 'criteria', 'kkpham-22-2021.csv'));
  const input = 'details.kanwil .pack-choice input[type="file"][accept^=".csv"]';
  const { page } = await openPage(app);
  await gotoApp(page, app.url);
  await page.click('details.kanwil > summary');
  await page.waitForSelector(input, { state: 'attached' });
  // The CSV twin's pack, as the app makes it (the bundled pack as the base, the file stem as id).
  const twin = (await nodeEngine()).importCsv(csv.toString('utf8'), { id: 'formulir-csv', status: 'reference' });
  assert.ok(twin.ok);
  const rows = parseCsv(csv.toString('utf8').replace(/^\uFEFF/, ''), ';');
  await page.setInputFiles(input, { name: 'formulir.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await formXlsx(rows) });
  await page.waitForFunction((sha) => window.kkpham.ctx.summary?.sha256 === sha, twin.sha256);
  assert.equal(await page.evaluate(() => window.kkpham.ctx.summary.id), 'formulir-csv');
  // A wrong answer kind on row 6: the message names Formulir!<column>6.
  rows[5][rows[0].indexOf('answer_kind')] = 'angka-aneh';
  await page.setInputFiles(input, { name: 'rusak.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await formXlsx(rows) });
  await page.waitForFunction(() => document.querySelector('details.kanwil .errorbox')?.textContent.includes('rusak.xlsx'));
  assert.match(await page.textContent('details.kanwil .errorbox'), /Formulir![A-Z]+6/);
  assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
  await page.context().close();
});
