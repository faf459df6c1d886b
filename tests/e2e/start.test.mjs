// Start for a first-time user: the region's name, kind and years come first; another criteria
// pack (a file, a CSV form) is folded under "Untuk Kanwil: paket kriteria lain" while the pack in
// use shows on one line with its hash; the reference notice is one line with "selengkapnya" on
// screen and in full on every printout; importing an assessment already saved asks first.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  missingPrerequisite, startApp, stopApp, openPage, gotoApp, randomAnswers, bundledPack, assertAxeClean, shotScreen,
  importAnswers,
} from './harness.mjs';

const skip = missingPrerequisite() || false;
let app;

before(async () => {
  if (!skip) app = await startApp();
});
after(async () => {
  await stopApp(app);
});

const savedRows = (page) => page.locator('table.saved tbody tr').count();

test('a first-time user sees the region, its kind and the years first; another pack is folded for the Kanwil', { skip }, async () => {
  const { page, log } = await openPage(app, { viewport: { width: 1366, height: 768 } });
  await gotoApp(page, app.url);
  const order = await page.evaluate(() => {
    const all = [...document.querySelectorAll('#view-start input, #view-start select, #view-start summary, #view-start h2')];
    return all.map((e) => e.id || e.textContent.trim());
  });
  const at = (x) => order.indexOf(x);
  for (const id of ['new-name', 'new-kind', 'new-data_year', 'new-assessment_year']) assert.ok(at(id) >= 0, `${id} shown`);
  assert.ok(at('new-name') < at('new-kind') && at('new-kind') < at('new-data_year') && at('new-data_year') < at('new-province'), order.join(', '));
  assert.ok(at('new-assessment_year') < at('Untuk Kanwil: paket kriteria lain'));
  assert.ok(at('saved-h') > 0 && at('new-name') < at('saved-h'), 'nothing saved yet: the form comes before the (empty) saved list');
  // The pack in use: one line with its hash, visible; the choice of another is closed.
  const sha = bundledPack() && await page.evaluate(() => document.querySelector('.pack-line .hash')?.textContent);
  assert.match(sha, /^[0-9a-f]{64}$/);
  assert.equal(await page.isVisible('.pack-line .hash'), true);
  assert.equal(await page.evaluate(() => document.querySelector('details.kanwil').open), false);
  assert.equal(await page.isVisible('details.kanwil input[type="file"]'), false);
  // Everything a first-time user needs fits above the fold at 1366×768.
  const btn = await page.locator('.region-form button[type="submit"]').boundingBox();
  assert.ok(btn.y + btn.height <= 768, `"Mulai penilaian" at ${btn.y}`);
  await page.click('details.kanwil > summary');
  await page.waitForSelector('details.kanwil input[type="file"]'); // its module loads on first opening
  assert.match(await page.innerText('details.kanwil'), /kkpham-22-2021/);
  await assertAxeClean(page, 'Start (first visit, Kanwil choices open)');
  await page.click('details.kanwil > summary');
  await shotScreen(page, 'start-first-time');
  assert.deepEqual(log.errors, []);
  await page.context().close();
});

test('the reference notice is one line on screen, full text a click away, and printed in full', { skip }, async () => {
  const { page, log } = await openPage(app, { viewport: { width: 1366, height: 768 } });
  await gotoApp(page, app.url);
  const pack = bundledPack();
  const full = pack.notice.id;
  await page.waitForSelector('#notice:not([hidden]) summary');
  const oneLine = await page.locator('#notice').boundingBox();
  assert.ok(oneLine.height <= 48, `notice height ${oneLine.height}`);
  assert.equal(await page.isVisible('#notice .notice-full'), false);
  assert.match(await page.innerText('#notice summary'), /selengkapnya/);
  await page.click('#notice summary');
  assert.equal(await page.isVisible('#notice .notice-full'), true);
  assert.equal((await page.innerText('#notice .notice-full')).trim(), full);
  await assertAxeClean(page, 'Start with the notice open');
  await page.click('#notice summary');
  // Printed: in full, on Start and on any other printout (the report has its own copy).
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.isVisible('#notice .notice-print'), true, 'Start: notice printed');
  assert.ok((await page.innerText('#notice .notice-print')).includes(full), 'Start: in full');
  await page.emulateMedia({ media: 'screen' });
  const a = await randomAnswers(2, { name: 'Kabupaten Cetak' });
  await importAnswers(page, a);
  await page.click('[data-view="report"]');
  await page.waitForSelector('.report');
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.isVisible('#notice'), false, 'the report prints its own copy once');
  assert.ok((await page.innerText('.rep-notice')).includes(full));
  await page.emulateMedia({ media: 'screen' });
  await page.click('[data-view="plan"]');
  await page.waitForSelector('#view-plan h1');
  await page.emulateMedia({ media: 'print' });
  assert.ok((await page.innerText('#notice .notice-print')).includes(full), 'the evidence plan printout carries it');
  await page.emulateMedia({ media: 'screen' });
  assert.deepEqual(log.errors, []);
  await page.context().close();
});

test('importing an assessment already saved asks: replace, keep both, or cancel', { skip }, async () => {
  const { page, log } = await openPage(app, { viewport: { width: 1366, height: 768 } });
  await gotoApp(page, app.url);
  const a = await randomAnswers(21, { name: 'Kabupaten Kembar' });
  await importAnswers(page, a, 'kembar.kkpham.json');
  await page.click('[data-view="start"]');
  assert.equal(await savedRows(page), 1);
  const input = 'section[aria-labelledby="imp-h"] input[type="file"]';
  const choose = async (answers, name) => {
    await page.setInputFiles(input, { name, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(answers)) });
    await page.waitForSelector('#dialog[open] [data-choice]');
    const text = await page.innerText('#dialog');
    assert.match(text, /sudah tersimpan/);
    assert.match(text, /Kabupaten Kembar/);
    assert.deepEqual(await page.$$eval('#dialog [data-choice]', (bs) => bs.map((b) => b.dataset.choice)), ['replace', 'both', 'cancel']);
  };
  // Cancel: nothing changes. Escape is a cancel too.
  await choose(a, 'lagi.kkpham.json');
  await assertAxeClean(page, 'duplicate import question');
  await shotScreen(page, 'start-duplicate-import');
  await page.click('#dialog [data-choice="cancel"]');
  await page.waitForSelector('#dialog:not([open])', { state: 'attached' });
  assert.equal(await page.evaluate(() => window.kkpham.ctx.view), 'start');
  assert.equal(await savedRows(page), 1);
  await choose(a, 'lagi.kkpham.json');
  await page.keyboard.press('Escape');
  await page.waitForSelector('#dialog:not([open])', { state: 'attached' });
  assert.equal(await savedRows(page), 1);
  // Keep both: a second one.
  await choose(a, 'lagi.kkpham.json');
  await page.click('#dialog [data-choice="both"]');
  await page.waitForFunction(() => window.kkpham.ctx.view === 'fill');
  await page.click('[data-view="start"]');
  assert.equal(await savedRows(page), 2);
  // Replace: the saved one's answers become the file's; still two.
  const changed = structuredClone(a);
  const first = Object.keys(changed.answers)[0];
  changed.answers[first] = { ...changed.answers[first], note: 'versi pengganti' };
  changed.updated_at = '2030-01-01T00:00:00Z';
  await choose(changed, 'pengganti.kkpham.json');
  await page.click('#dialog [data-choice="replace"]');
  await page.waitForFunction(() => window.kkpham.ctx.view === 'fill');
  assert.equal(await page.evaluate((id) => window.kkpham.ctx.answers.answers[id].note, first), 'versi pengganti');
  await page.click('[data-view="start"]');
  assert.equal(await savedRows(page), 2);
  // Another data year of the same region is not a duplicate: no question.
  const next = await randomAnswers(22, { name: 'Kabupaten Kembar', dataYear: 2024, assessmentYear: 2025 });
  await page.setInputFiles(input, { name: 'tahun-lalu.kkpham.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(next)) });
  await page.waitForFunction(() => window.kkpham.ctx.view === 'fill');
  // Fill's own import button asks the same question: cancel keeps the open assessment, replace
  // leaves no duplicate behind.
  const openKey = await page.evaluate(() => window.kkpham.ctx.key);
  await page.setInputFiles('#fill-import', { name: 'dari-isian.kkpham.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(next)) });
  await page.waitForSelector('#dialog[open] [data-choice]');
  assert.match(await page.innerText('#dialog'), /sudah tersimpan/);
  await page.click('#dialog [data-choice="cancel"]');
  await page.waitForSelector('#dialog:not([open])', { state: 'attached' });
  assert.equal(await page.evaluate(() => window.kkpham.ctx.key), openKey);
  await page.setInputFiles('#fill-import', { name: 'dari-isian.kkpham.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(next)) });
  await page.waitForSelector('#dialog[open] [data-choice]');
  await page.click('#dialog [data-choice="replace"]');
  await page.waitForFunction((k) => window.kkpham.ctx.view === 'fill' && window.kkpham.ctx.key !== k, openKey);
  await page.click('[data-view="start"]');
  assert.equal(await savedRows(page), 3);
  assert.deepEqual(log.errors, []);
  await page.context().close();
});
