// Messages for people: one language at a time (the other a click away), the indicator and the
// field named in plain words, the JSON path only under "detail teknis"; a file of the wrong kind
// named for what it is, with the file to choose instead, at every file input; a failed pack
// load keeps the pack in use, and says so truthfully.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  missingPrerequisite, startApp, stopApp, openPage, gotoApp, randomAnswers, bundledPack, nodeEngine,
  assertAxeClean, shotScreen, importAnswers, zip,
} from './harness.mjs';

const skip = missingPrerequisite() || false;
let app;

before(async () => {
  if (!skip) app = await startApp();
});
after(async () => {
  await stopApp(app);
});

const IMPORT = 'section[aria-labelledby="imp-h"]';
const PATH_RX = /\$\.|\$\[|answers\[|\.value\b|pack\.sha256/;

// The files a tired user may pick instead of an answers file, and what the message must call them.
function wrongFiles(pack) {
  return [
    ['laporan-2025.pdf', Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n', 'latin1'), /dokumen PDF/],
    ['LKE KKP HAM.xlsx', zip(['[Content_Types].xml', '_rels/.rels', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml']), /lembar kerja Excel/],
    ['surat pengantar.docx', zip(['[Content_Types].xml', '_rels/.rels', 'word/document.xml']), /dokumen Word/],
    ['arsip.zip', zip(['a.kkpham.json', 'b.kkpham.json']), /arsip ZIP/],
    ['lama.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]), /Word\/Excel versi lama/],
    ['foto.jpg', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46]), /gambar\/foto JPEG/],
    ['bagan.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), /gambar PNG/],
    ['animasi.gif', Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00', 'latin1'), /gambar GIF/],
    ['kosong.kkpham.json', Buffer.alloc(0), /berkas kosong/],
    ['unicode.kkpham.json', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"format":"kkpham-answers"}', 'utf16le')]), /UTF-16/],
    ['data.csv', Buffer.from('nama;nilai\nA;1\n'), /tabel CSV/],
    ['kabupaten-contoh-2025-nilai.csv', Buffer.from('\uFEFFtingkat;kode;nama;hak;jenis;status;nilai\r\ntotal;Kabupaten Contoh;;;;;50,00\r\n'), /tabel nilai CSV yang diekspor kkpham/],
    ['kkpham-22-2021.json', Buffer.from(JSON.stringify(pack)), /paket kriteria kkpham/],
  ];
}

// The visible text of an error box (a closed <details> hides its content from innerText).
const visible = (page, sel) => page.locator(sel).innerText();

test('every wrong kind of file is named, in Indonesian only, with the file to choose instead', { skip }, async () => {
  const { page, log } = await openPage(app, { viewport: { width: 1366, height: 768 } });
  await gotoApp(page, app.url);
  const pack = bundledPack();
  for (const [name, buffer, what] of wrongFiles(pack)) {
    await page.setInputFiles(`${IMPORT} input[type="file"]`, { name, mimeType: 'application/octet-stream', buffer });
    await page.waitForFunction((n) => document.querySelector('section[aria-labelledby="imp-h"] .errorbox')?.textContent.includes(n), name);
    const text = await visible(page, `${IMPORT} .errorbox`);
    assert.match(text, what, `${name}: ${text}`);
    assert.match(text, /\.kkpham\.json/, `${name}: names the file to choose`);
    assert.doesNotMatch(text, /Unexpected token|not valid JSON|SyntaxError|Choose a|is a /, `${name}: no raw error, no English: ${text}`);
    assert.doesNotMatch(text, PATH_RX, `${name}: no JSON path on screen`);
  }
  // A pack where answers are expected also says where a pack goes.
  assert.match(await visible(page, `${IMPORT} .errorbox`), /Untuk Kanwil: paket kriteria lain/);
  assert.equal(await page.locator('table.saved tbody tr').count(), 0, 'nothing was saved');
  // The other language is one click away, and only then shown.
  await page.click(`${IMPORT} .errorbox .lang-toggle`);
  await page.waitForSelector(`${IMPORT} .errorbox .msg[lang="en"]`);
  const en = await visible(page, `${IMPORT} .errorbox .diag`);
  assert.match(en, /a kkpham criteria pack/);
  assert.doesNotMatch(en, /paket kriteria kkpham/);
  assert.equal(await page.getAttribute(`${IMPORT} .errorbox .msg`, 'lang'), 'en');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Bahasa Indonesia', 'focus stays on the toggle');
  await assertAxeClean(page, 'Start with a wrong-file message');
  await shotScreen(page, 'msg-wrong-file');
  assert.deepEqual(log.errors, []);
  await page.context().close();
});

test('an invalid answer names the indicator and the field in plain words; the path is under "detail teknis"', { skip }, async () => {
  const { page, log } = await openPage(app, { viewport: { width: 1366, height: 768 } });
  await gotoApp(page, app.url);
  const pack = bundledPack();
  const answers = await randomAnswers(3, { name: 'Kabupaten Pesan' });
  const pct = pack.indicators.find((i) => i.answer.kind === 'percent' && !answers.answers[i.id].na);
  answers.answers[pct.id] = { ...answers.answers[pct.id], value: 250, numerator: undefined, denominator: undefined };
  delete answers.answers[pct.id].numerator;
  delete answers.answers[pct.id].denominator;
  const ev = pack.indicators.find((i) => i.evidence?.length);
  answers.answers[ev.id] = { ...(answers.answers[ev.id] || {}), evidence: [{ id: ev.evidence[0].id, status: 'ready', date: '1 Maret 2025' }] };
  await page.setInputFiles(`${IMPORT} input[type="file"]`, { name: 'salah.kkpham.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(answers)) });
  await page.waitForSelector(`${IMPORT} .errorbox .diag`);
  const items = page.locator(`${IMPORT} .errorbox .diag`);
  const texts = await items.allInnerTexts();
  const valueMsg = texts.find((x) => x.includes(pct.id));
  assert.ok(valueMsg, `the indicator ${pct.id} is named: ${texts.join(' | ')}`);
  assert.ok(valueMsg.includes(pct.text.id.slice(0, 30)), `its short text is shown: ${valueMsg}`);
  assert.match(valueMsg, /250/);
  assert.match(valueMsg, /rentang wajar/);
  const dateMsg = texts.find((x) => x.includes(ev.id) && /tanggal data dukung ke-1/i.test(x));
  assert.ok(dateMsg, `the evidence date is named in words: ${texts.join(' | ')}`);
  for (const x of texts) {
    assert.doesNotMatch(x.replace(/English|detail teknis/g, ''), PATH_RX, `no JSON path on screen: ${x}`);
    assert.doesNotMatch(x, /outside the plausible range|must be/, `Indonesian only: ${x}`);
  }
  // The path and the code are kept for the helpdesk under "detail teknis".
  const first = items.filter({ hasText: pct.id }).first();
  await first.locator('details.tech > summary').click();
  const tech = await first.locator('details.tech').innerText();
  assert.ok(tech.includes(`$.answers['${pct.id}'].value`) || tech.includes(`$.answers.${pct.id}.value`), tech);
  // English on request, for this message only.
  await first.locator('.lang-toggle').click();
  await first.locator('.msg[lang="en"]').waitFor();
  const en = await first.innerText();
  assert.match(en, /outside the plausible range/);
  assert.ok(en.includes(pct.text.en.slice(0, 30)), 'the English short text');
  await assertAxeClean(page, 'Start with an invalid answers file');
  await shotScreen(page, 'msg-invalid-answer');
  assert.deepEqual(log.errors, []);
  await page.context().close();
});

test('a failed pack load keeps the pack in use, says which, and an assessment can still be made with it', { skip }, async () => {
  const { page, log } = await openPage(app, { viewport: { width: 1366, height: 768 } });
  await gotoApp(page, app.url);
  const pack = bundledPack();
  const sha = (await nodeEngine()).packSummary().sha256;
  await page.click('details.kanwil > summary');
  const packInput = 'details.kanwil .pack-choice input[type="file"][accept^=".json"]';
  const csvInput = 'details.kanwil .pack-choice input[type="file"][accept^=".csv"]';
  // 1. A PDF chosen as a pack, before the engine has any pack (first visit).
  await page.setInputFiles(packInput, { name: 'paket.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\n') });
  await page.waitForSelector('details.kanwil .errorbox');
  let box = await visible(page, 'details.kanwil .errorbox');
  assert.match(box, /dokumen PDF/);
  assert.match(box, /paket sebelumnya tetap dipakai|yang sebelumnya dipakai tetap dipakai/i);
  assert.ok(box.includes(pack.id), `the pack kept is named: ${box}`);
  // 2. An answers file chosen as a pack.
  const answers = await randomAnswers(4, { name: 'Kota Paket' });
  await page.setInputFiles(packInput, { name: 'kota.kkpham.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(answers)) });
  await page.waitForFunction(() => document.querySelector('details.kanwil .errorbox')?.textContent.includes('kota.kkpham.json'));
  box = await visible(page, 'details.kanwil .errorbox');
  assert.match(box, /berkas jawaban kkpham/);
  assert.match(box, /Impor berkas jawaban/);
  // 3. A pack that the engine refuses (a JSON pack with an error).
  const broken = structuredClone(pack);
  broken.indicators[0].right = 'NO_SUCH_RIGHT';
  await page.setInputFiles(packInput, { name: 'rusak.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(broken)) });
  await page.waitForFunction(() => document.querySelector('details.kanwil .errorbox')?.textContent.includes('rusak.json'));
  box = await visible(page, 'details.kanwil .errorbox');
  assert.ok(box.includes(pack.id), box);
  assert.doesNotMatch(box, PATH_RX, `no JSON path on screen: ${box}`);
  // 4. An Excel file as the CSV form.
  await page.setInputFiles(csvInput, { name: 'form.xlsx', mimeType: 'application/vnd.ms-excel', buffer: zip(['[Content_Types].xml', 'xl/workbook.xml']) });
  await page.waitForFunction(() => document.querySelector('details.kanwil .errorbox')?.textContent.includes('form.xlsx'));
  box = await visible(page, 'details.kanwil .errorbox');
  assert.match(box, /lembar kerja Excel/);
  assert.match(box, /right_id/);
  // The pack line still shows the bundled pack; the form works with it.
  assert.ok((await page.textContent('.pack-line')).includes(sha));
  assert.equal(await page.isDisabled('.region-form button[type="submit"]'), false);
  await assertAxeClean(page, 'Start after a failed pack load');
  await page.fill('#new-name', 'Kabupaten Tetap');
  await page.click('.region-form button[type="submit"]');
  await page.waitForFunction(() => window.kkpham.ctx.view === 'fill' && window.kkpham.ctx.answers);
  assert.equal(await page.evaluate(() => window.kkpham.ctx.answers.pack.sha256), sha);
  // 5. After a pack loaded from a file, a failed load keeps that one.
  await page.click('[data-view="start"]');
  await page.click('details.kanwil > summary');
  const other = structuredClone(pack);
  other.version = '2099.1.1';
  await page.setInputFiles(packInput, { name: 'lain.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(other)) });
  await page.waitForFunction(() => window.kkpham.ctx.summary?.version === '2099.1.1');
  const otherSha = await page.evaluate(() => window.kkpham.ctx.summary.sha256);
  await page.setInputFiles(packInput, { name: 'foto.png', mimeType: 'image/png', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) });
  await page.waitForSelector('details.kanwil .errorbox');
  box = await visible(page, 'details.kanwil .errorbox');
  assert.match(box, /gambar PNG/);
  assert.match(box, /2099\.1\.1/);
  assert.equal(await page.evaluate(() => window.kkpham.ctx.summary.sha256), otherSha);
  assert.ok((await page.textContent('.pack-line')).includes(otherSha));
  assert.deepEqual(log.errors, []);
  await page.context().close();
});

test('Compare and Year over year name a wrong file too', { skip }, async () => {
  const { page, log } = await openPage(app, { viewport: { width: 1366, height: 768 } });
  await gotoApp(page, app.url);
  const a = await randomAnswers(6, { name: 'Kabupaten Banding' });
  await page.click('[data-view="compare"]');
  await page.waitForSelector('#cmp-files');
  await page.setInputFiles('#cmp-files', [
    { name: 'a.kkpham.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(a)) },
    { name: 'rekap.xlsx', mimeType: 'application/octet-stream', buffer: zip(['[Content_Types].xml', 'xl/workbook.xml']) },
    { name: 'scan.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.5\n') },
  ]);
  await page.waitForFunction(() => document.body.textContent.includes('scan.pdf'));
  const body = await page.innerText('#view-compare');
  assert.match(body, /rekap\.xlsx[\s\S]*lembar kerja Excel/);
  assert.match(body, /scan\.pdf[\s\S]*dokumen PDF/);
  // Fill's own import button.
  await importAnswers(page, a);
  await page.setInputFiles('#fill-import', { name: 'scan.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.5\n') });
  await page.waitForFunction(() => document.querySelector('.io-result .errorbox')?.textContent.includes('scan.pdf'));
  assert.match(await page.innerText('.io-result .errorbox'), /dokumen PDF/);
  // Year over year: a pack chosen as last year's file.
  await page.click('[data-view="yoy"]');
  await page.waitForSelector('#yoy-file');
  await page.setInputFiles('#yoy-file', { name: 'kkpham-22-2021.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bundledPack())) });
  await page.waitForSelector('#view-yoy .errorbox');
  const msg = await visible(page, '#view-yoy .errorbox');
  assert.match(msg, /paket kriteria kkpham/);
  assert.match(msg, /\.kkpham\.json/);
  assert.deepEqual(log.errors, []);
  await page.context().close();
});
