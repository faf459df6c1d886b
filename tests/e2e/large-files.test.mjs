// A file too large for the input it is chosen in (the CLI's limits: answers 8 MB, pack 16 MB, a
// migration's mapping 1 MB) is refused before it is read: named with its size and the limit, in
// plain words, with nothing saved or changed. "Before it is read" is checked: the page counts
// every whole read (text(), arrayBuffer(), stream()) of a Blob larger than 1 MB, and there must be
// none; only the first bytes (a slice) may be looked at to name the file's kind.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  missingPrerequisite, startApp, stopApp, openPage, gotoApp, importAnswers, randomAnswers, bundledPack, zip,
} from './harness.mjs';

const skip = missingPrerequisite() || false;
let app;

before(async () => {
  if (!skip) app = await startApp();
});
after(async () => {
  await stopApp(app);
});

const MB = 1024 * 1024;

// A file that starts like the expected JSON, padded to `bytes` with spaces: only its size is wrong.
function big(name, bytes, head = '{"format": "kkpham-answers", "format_version": 1, ') {
  const buffer = Buffer.alloc(bytes, 0x20);
  buffer.write(head, 0);
  buffer.write('}', bytes - 1);
  return { name, mimeType: 'application/json', buffer };
}

// The same for an Excel workbook: the first entries of an .xlsx, then padding.
function bigWorkbook(name, bytes) {
  const buffer = Buffer.alloc(bytes);
  zip(['[Content_Types].xml', '_rels/.rels', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml']).copy(buffer);
  return { name, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer };
}

function countLargeReads() {
  window.__largeReads = [];
  for (const method of ['text', 'arrayBuffer', 'stream']) {
    const original = Blob.prototype[method];
    Blob.prototype[method] = function countingRead(...args) {
      if (this.size > 1024 * 1024) window.__largeReads.push(`${method} ${this.name ?? ''} ${this.size}`);
      return original.apply(this, args);
    };
  }
}

const largeReads = (page) => page.evaluate(() => window.__largeReads);
const visible = (page, sel) => page.locator(sel).innerText();

test('a file too large for its input is refused unread, with its size and the limit, at every file input', { skip }, async () => {
  const { page, log } = await openPage(app, { viewport: { width: 1366, height: 768 } });
  await page.addInitScript(countLargeReads);
  await gotoApp(page, app.url);

  // Start: import of an answers file (9 MB; at most 8).
  const IMPORT = 'section[aria-labelledby="imp-h"]';
  await page.setInputFiles(`${IMPORT} input[type="file"]`, big('besar.kkpham.json', 9 * MB));
  await page.waitForSelector(`${IMPORT} .errorbox`);
  let box = await visible(page, `${IMPORT} .errorbox`);
  assert.match(box, /Berkas “besar\.kkpham\.json” terlalu besar \(9 MB; paling besar 8 MB untuk berkas ini\) dan tidak dibaca/, box);
  assert.doesNotMatch(box, /too large|file\.too_large/, 'Indonesian only, the code under "detail teknis"');
  // The same input takes a filled workbook: up to 32 MB.
  await page.setInputFiles(`${IMPORT} input[type="file"]`, bigWorkbook('isian.xlsx', 33 * MB));
  await page.waitForFunction((sel) => document.querySelector(sel)?.textContent.includes('isian.xlsx'), `${IMPORT} .errorbox`);
  box = await visible(page, `${IMPORT} .errorbox`);
  assert.match(box, /“isian\.xlsx” terlalu besar \(33 MB; paling besar 32 MB untuk berkas ini\)/, box);
  assert.equal(await page.locator('table.saved tbody tr').count(), 0, 'nothing was saved');

  // Start, for Kanwil: a pack (17 MB; at most 16). The pack in use stays.
  const pack = bundledPack();
  await page.click('details.kanwil > summary');
  await page.setInputFiles('details.kanwil .pack-choice input[type="file"][accept^=".json"]',
    big('paket-besar.json', 17 * MB, '{"format": "kkpham-pack", "format_version": 1, '));
  await page.waitForSelector('details.kanwil .errorbox');
  box = await visible(page, 'details.kanwil .errorbox');
  assert.match(box, /terlalu besar \(17 MB; paling besar 16 MB untuk berkas ini\)/, box);
  assert.ok(box.includes(pack.id), `the pack kept is named: ${box}`);
  // The official form as a workbook (33 MB; at most 32).
  await page.setInputFiles('details.kanwil .pack-choice input[type="file"][accept^=".csv"]', bigWorkbook('formulir.xlsx', 33 * MB));
  await page.waitForFunction(() => document.querySelector('details.kanwil .errorbox')?.textContent.includes('formulir.xlsx'));
  assert.match(await visible(page, 'details.kanwil .errorbox'), /“formulir\.xlsx” terlalu besar \(33 MB; paling besar 32 MB/);

  // Fill: its own import (it first looks for a saved copy of the same assessment: not in a file this large).
  const answers = await randomAnswers(7, { name: 'Kabupaten Besar' });
  const key = await importAnswers(page, answers);
  const saved = await page.evaluate(() => JSON.stringify(window.kkpham.ctx.answers));
  await page.setInputFiles('#fill-import', big('isian-besar.kkpham.json', 12 * MB));
  await page.waitForFunction(() => document.querySelector('#view-fill .errorbox')?.textContent.includes('terlalu besar'));
  box = await visible(page, '#view-fill .errorbox');
  assert.match(box, /“isian-besar\.kkpham\.json” terlalu besar \(12 MB; paling besar 8 MB untuk berkas ini\)/, box);
  assert.equal(await page.evaluate(() => window.kkpham.ctx.key), key, 'the open assessment stays open');
  assert.equal(await page.evaluate(() => JSON.stringify(window.kkpham.ctx.answers)), saved, 'and unchanged');

  // Year over year: last year's file, and the migration's source file and mapping (2 MB; at most 1).
  await page.click('[data-view="yoy"]');
  await page.setInputFiles('#yoy-file', big('tahun-lalu.kkpham.json', 9 * MB));
  await page.waitForFunction(() => document.querySelector('section[aria-labelledby="yoy-h"] .errorbox'));
  assert.match(await visible(page, 'section[aria-labelledby="yoy-h"] .errorbox'), /“tahun-lalu\.kkpham\.json” terlalu besar \(9 MB; paling besar 8 MB/);
  await page.setInputFiles('#mig-file', big('edisi-lama.kkpham.json', 9 * MB));
  await page.waitForFunction(() => document.querySelector('section[aria-labelledby="mig-h"] .errorbox')?.textContent.includes('edisi-lama'));
  assert.match(await visible(page, 'section[aria-labelledby="mig-h"] .errorbox'), /“edisi-lama\.kkpham\.json” terlalu besar \(9 MB; paling besar 8 MB/);
  await page.setInputFiles('#mig-map', big('pemetaan.json', 2 * MB, '{"OLD-1": "NEW-1", '));
  await page.waitForFunction(() => document.querySelector('section[aria-labelledby="mig-h"] .errorbox')?.textContent.includes('pemetaan.json'));
  assert.match(await visible(page, 'section[aria-labelledby="mig-h"] .errorbox'), /“pemetaan\.json” terlalu besar \(2 MB; paling besar 1 MB/);
  // The mapping input names a file of another kind too (it used to read any file), and says what to choose.
  await page.setInputFiles('#mig-map', { name: 'jawaban.kkpham.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(answers)) });
  await page.waitForFunction(() => document.querySelector('section[aria-labelledby="mig-h"] .errorbox')?.textContent.includes('jawaban.kkpham.json'));
  const mapBox = await visible(page, 'section[aria-labelledby="mig-h"] .errorbox');
  assert.match(mapBox, /berkas jawaban kkpham/);
  assert.match(mapBox, /Pilih berkas pemetaan \(\.json\) berisi \{"kode lama": "kode baru"\}/);
  assert.doesNotMatch(mapBox, /file\.instead|file\.hint|Impor berkas jawaban/, mapBox);

  // Compare: two regencies and a 9 MB file among them: the two are compared, the large one listed.
  const files = [];
  for (const i of [1, 2]) {
    const a = await randomAnswers(40 + i, { name: `Kabupaten Banding ${i}` });
    files.push({ name: `banding-${i}.kkpham.json`, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(a)) });
  }
  files.splice(1, 0, big('terlalu-besar.kkpham.json', 9 * MB));
  await page.click('[data-view="compare"]');
  await page.waitForSelector('#cmp-files');
  await page.setInputFiles('#cmp-files', files);
  await page.waitForSelector('.cmp-rank tbody tr');
  assert.equal(await page.locator('.cmp-rank tbody tr').count(), 2, 'the two regencies are compared');
  const bad = await page.locator('#view-compare').innerText();
  assert.match(bad, /terlalu-besar\.kkpham\.json/);
  assert.match(bad, /terlalu besar \(9 MB; paling besar 8 MB/);

  assert.deepEqual(await largeReads(page), [], 'no large file was read whole');
  assert.deepEqual(log.errors ?? [], []);
});
