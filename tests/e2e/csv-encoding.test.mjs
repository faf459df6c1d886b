// The CSV form as Excel saves it, through Start's "Untuk Kanwil" part: a Windows-1252 file (Excel's
// "CSV (Comma delimited)" on Indonesian Windows) and a UTF-16 one load with their letters intact
// (the file's bytes go to the engine, which decides the encoding; file.text() would have turned
// „ “ ’ € é into U+FFFD) and the screen says what the file was read as; a file that mixes
// encodings is refused, in Indonesian, with how to save it as "CSV UTF-8".
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, missingPrerequisite, startApp, stopApp, openPage, gotoApp, assertAxeClean } from './harness.mjs';

const skip = missingPrerequisite() || false;
const INPUTS = path.join(ROOT, 'tests', 'hostile', 'inputs');
const CSV_INPUT = 'details.kanwil .pack-choice input[type="file"][accept^=".csv"]';
let app;

before(async () => {
  if (!skip) app = await startApp();
});
after(async () => {
  await stopApp(app);
});

async function loadCsv(page, file, name = file) {
  await page.setInputFiles(CSV_INPUT, { name, mimeType: 'text/csv', buffer: fs.readFileSync(path.join(INPUTS, file)) });
}

test('a Windows-1252 CSV form loads in the Kanwil part with „ “ ’ € é intact, and says it was read as Windows-1252', { skip }, async () => {
  const { page, log, context } = await openPage(app);
  await gotoApp(page, app.url);
  await page.click('details.kanwil > summary');
  await page.waitForSelector(CSV_INPUT, { state: 'attached' });
  const bytes = fs.readFileSync(path.join(INPUTS, 'csv-windows-1252-punctuation.csv'));
  assert.ok(bytes.includes(0x84) && bytes.includes(0x80), 'the test file really is Windows-1252');
  await loadCsv(page, 'csv-windows-1252-punctuation.csv', 'formulir-excel.csv');
  await page.waitForFunction(() => window.kkpham.ctx.summary?.id === 'formulir-excel-csv');
  const text = await page.evaluate(() => window.kkpham.ctx.pack.indicators.find((i) => i.id === 'R1-S1').text.id);
  assert.equal(text, 'Ada Perda „bantuan hukum“ ’24 (biaya € 5, café)');
  const note = page.locator('details.kanwil .csv-encoding');
  await note.waitFor();
  assert.match(await note.innerText(), /dibaca sebagai Windows-1252/);
  assert.equal(await page.locator('details.kanwil .errorbox').count(), 0);
  await assertAxeClean(page, 'Start, Kanwil, CSV read as Windows-1252');

  // UTF-16 BE with a byte-order mark: its letters too, and the note names UTF-16.
  await loadCsv(page, 'csv-utf16be.csv', 'formulir-unicode.csv');
  await page.waitForFunction(() => window.kkpham.ctx.summary?.id === 'formulir-unicode-csv');
  const h1 = await page.evaluate(() => window.kkpham.ctx.pack.indicators.find((i) => i.id === 'R2-H1').text.id);
  assert.equal(h1, 'Angka kematian ibu (‰)');
  await page.waitForFunction(() => /UTF-16 BE/.test(document.querySelector('details.kanwil .csv-encoding')?.textContent ?? ''));

  // A UTF-8 form: no note.
  await loadCsv(page, 'csv-semicolon.csv', 'formulir-utf8.csv');
  await page.waitForFunction(() => window.kkpham.ctx.summary?.id === 'formulir-utf8-csv');
  assert.equal(await page.locator('details.kanwil .csv-encoding').count(), 0);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('a CSV form that mixes UTF-8 and Windows-1252 is refused naming the encoding problem and "CSV UTF-8"', { skip }, async () => {
  const { page, log, context } = await openPage(app);
  await gotoApp(page, app.url);
  await page.click('details.kanwil > summary');
  await page.waitForSelector(CSV_INPUT, { state: 'attached' });
  await loadCsv(page, 'csv-mixed-encodings.csv', 'campuran.csv');
  const box = page.locator('details.kanwil .errorbox');
  await box.waitFor();
  const shown = await box.innerText();
  assert.match(shown, /campuran\.csv/);
  assert.match(shown, /mencampur teks UTF-8/);
  assert.match(shown, /"CSV UTF-8"/);
  assert.doesNotMatch(shown, /mixes UTF-8/, 'Indonesian first');
  assert.notEqual(await page.evaluate(() => window.kkpham.ctx.summary?.id), 'campuran-csv', 'nothing of the refused file is in use');
  assert.deepEqual(log.errors, []);
  await context.close();
});
