// A criteria pack written before packs listed their offices (no `offices` list), loaded as a
// Kanwil would: the offices screen and Fill still work. Without any office at all (the 2013
// fixture) the offices screen says plainly that the pack names no OPD and offers nothing that
// cannot work; with the older free-text `opd` fields each distinct name is an office, split
// works and the worksheet shows them. No console error, no raw catalog key, in both languages.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  missingPrerequisite, startApp, stopApp, openPage, gotoApp, createAssessment, shot, settle, ROOT,
} from './harness.mjs';

const skip = missingPrerequisite() || false;
let app;

before(async () => {
  if (!skip) app = await startApp();
});
after(async () => {
  await stopApp(app);
});

const FIXTURE = JSON.parse(fs.readFileSync(path.join(ROOT, 'tests', 'fixtures', 'permenkumham-25-2013.json'), 'utf8'));

async function loadPack(page, pack, name) {
  await page.click('details.kanwil > summary');
  await page.setInputFiles('details.kanwil .pack-choice input[type="file"][accept^=".json"]', {
    name, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(pack)),
  });
  await page.waitForFunction((id) => window.kkpham.ctx.summary?.id === id, pack.id);
}

async function noRawKeys(page) {
  const text = await page.innerText('main');
  assert.doesNotMatch(text, /\b(offices|sheet|fill|gate|pkg|evc)\.[a-zA-Z]+/, 'no raw catalog key on screen');
}

test('a pack without offices or opd: the offices screen says the pack names no OPD; Fill works', { skip, timeout: 120000 }, async () => {
  assert.equal('offices' in FIXTURE, false, 'the fixture is an older pack');
  assert.equal(FIXTURE.indicators.some((i) => i.opd) || FIXTURE.rights.some((r) => r.opd), false);
  const { page, log } = await openPage(app, { viewport: { width: 1366, height: 768 } });
  await gotoApp(page, app.url);
  await loadPack(page, FIXTURE, 'permenkumham-25-2013.json');
  await createAssessment(page, { name: 'Kota Lama', dataYear: '2015', assessmentYear: '2016' }); // the pack's years
  assert.equal(await page.evaluate(() => window.kkpham.ctx.pack.id), FIXTURE.id);

  // Fill: the worksheet's office column says there is none, and answering still scores.
  await page.click('#fill-view-sheet');
  const first = FIXTURE.indicators[0];
  await page.waitForSelector(`#sh-r-${first.id} td.sh-office`);
  assert.equal((await page.textContent(`#sh-r-${first.id} td.sh-office`)).trim(), '–');
  assert.equal(await page.getAttribute(`#sh-r-${first.id} td.sh-office`, 'title'), null);
  await page.click('#fill-view-cards');
  await settle(page);
  await noRawKeys(page);

  // The offices screen: plainly no OPD; no package to make.
  await page.click('[data-view="offices"]');
  await page.waitForSelector('#offices-status-h');
  const status = await page.innerText('#view-offices');
  assert.match(status, /Paket kriteria ini tidak menyebut OPD/);
  assert.equal(await page.locator('#offices-make').count(), 0, 'no "make the packages" button when there is no office');
  await noRawKeys(page);
  await shot(page, 'qa-older-pack-offices-id', { fullPage: true });
  await page.click('#lang-switch');
  await page.waitForSelector('html[lang="en"]');
  assert.match(await page.innerText('#view-offices'), /names no office/i);
  await noRawKeys(page);
  await page.click('#lang-switch');
  await page.waitForSelector('html[lang="id"]');
  assert.deepEqual(log.errors, [], 'no console error');
});

test('an older pack with free-text opd: each name is an office, split works, the worksheet names them', { skip, timeout: 120000 }, async () => {
  const pack = structuredClone(FIXTURE);
  pack.id = 'permenkumham-25-2013-opd';
  pack.rights[0].opd = 'Bagian Hukum Setda';
  for (const r of pack.rights.slice(1)) r.opd = 'Dinas Sosial; Bappeda';
  const { page, log } = await openPage(app, { viewport: { width: 1366, height: 768 } });
  await gotoApp(page, app.url);
  await loadPack(page, pack, 'permenkumham-25-2013-opd.json');
  await createAssessment(page, { name: 'Kota Lama Berdinas', dataYear: '2015', assessmentYear: '2016' });

  await page.click('#fill-view-sheet');
  const inFirst = pack.indicators.find((i) => i.right === pack.rights[0].id);
  const inOther = pack.indicators.find((i) => i.right !== pack.rights[0].id);
  await page.waitForSelector(`#sh-r-${inFirst.id} td.sh-office`);
  assert.equal((await page.textContent(`#sh-r-${inFirst.id} td.sh-office`)).trim(), 'Bagian Hukum Setda', 'a name as written, no full name to add');
  assert.equal((await page.textContent(`#sh-r-${inOther.id} td.sh-office`)).trim(), 'Dinas Sosial, Bappeda');
  await page.click('#fill-view-cards');

  await page.click('[data-view="offices"]');
  await page.waitForSelector('#offices-make');
  const rows = await page.$$eval('.offices-status tbody tr', (trs) => trs.map((tr) => tr.dataset.office));
  assert.deepEqual(new Set(rows), new Set(['bagian-hukum-setda', 'dinas-sosial', 'bappeda']));
  await page.click('#offices-make');
  await page.waitForSelector('#offices-made');
  const made = await page.$$eval('.offices-packages tbody tr', (trs) => trs.map((tr) => tr.dataset.office));
  assert.deepEqual(new Set(made), new Set(rows), 'one package per office named in the pack');
  await noRawKeys(page);
  assert.deepEqual(log.errors, [], 'no console error');
});
