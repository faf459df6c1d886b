// Year over year: last year's assessment (saved, or a file) beside this year's, the change per
// right and per indicator as engine.yearOverYear computes it; answers carried from an older pack
// edition through a mapping file, with the report of what could not be carried, into a new
// assessment (the old one is never overwritten).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  missingPrerequisite, startApp, stopApp, openPage, gotoApp, shotScreen, nodeEngine, importAnswers, randomAnswers,
  storedAssessments, assertAxeClean, parseIdNumber, pageAnswers,
} from './harness.mjs';

const skip = missingPrerequisite() || false;
let app;
let tab;
let prev;
let curr;
let prevKey;
let currKey;

function payload(name, content) {
  return { name, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(content, null, 2)) };
}

function withoutStamp(a) {
  const { updated_at: _u, ...rest } = a;
  return rest;
}

before(async () => {
  if (skip) return;
  app = await startApp();
  tab = await openPage(app);
  await gotoApp(tab.page, app.url);
  prev = await randomAnswers(9, { name: 'Kabupaten Contoh', dataYear: 2024, assessmentYear: 2025 });
  curr = await randomAnswers(5, { name: 'Kabupaten Contoh', dataYear: 2025, assessmentYear: 2026 });
  prevKey = await importAnswers(tab.page, prev, 'contoh-2024.kkpham.json');
  currKey = await importAnswers(tab.page, curr, 'contoh-2025.kkpham.json');
});

after(async () => {
  await stopApp(app);
});

async function checkResult(page, want) {
  await page.waitForSelector('#yoy-change');
  assert.equal(parseIdNumber(await page.textContent('#yoy-change')), want.total_change, 'change of the total');
  const rights = await page.$$eval('.yoy-rights tbody tr', (rs) => rs.map((r) => [r.dataset.right, r.lastElementChild.textContent]));
  assert.equal(rights.length, want.rights.length);
  for (const [id, text] of rights) {
    const w = want.rights.find((x) => x.id === id);
    assert.equal(parseIdNumber(text.replace(/[▲▼]\s*/, '')), w.change, `change of ${id}`);
  }
  const changed = want.indicators.filter((x) => x.change !== 0 || x.status !== 'both');
  const shown = await page.$$eval('.yoy-indicators tbody tr', (rs) => rs.map((r) => [r.dataset.indicator, r.lastElementChild.textContent]));
  assert.deepEqual(shown.map(([id]) => id), changed.map((x) => x.id), 'the indicators that changed');
  shown.forEach(([id, text], i) => assert.equal(parseIdNumber(text.replace(/[▲▼]\s*/, '')), changed[i].change, `change of ${id}`));
}

test('last year\'s saved assessment beside this year\'s: change per right and indicator', { skip }, async () => {
  const { page } = tab;
  const engine = await nodeEngine();
  const want = engine.yearOverYear(engine.score(prev), engine.score(curr));
  assert.ok(want.ok);
  assert.equal(await page.evaluate(() => window.kkpham.ctx.key), currKey);
  await page.click('[data-view="yoy"]');
  await page.selectOption('#yoy-prev', prevKey);
  await page.click('#yoy-run');
  await checkResult(page, want);
  await page.check('#yoy-all');
  await page.waitForFunction((n) => document.querySelectorAll('.yoy-indicators tbody tr').length === n, want.indicators.length);
  await page.uncheck('#yoy-all');
  await assertAxeClean(page, 'year over year');
  await shotScreen(page, 'yoy', { fullPage: false });
  await page.locator('.yoy-rights').scrollIntoViewIfNeeded();
  await page.evaluate(() => { document.getElementById('status').textContent = ''; });
  await page.locator('.yoy-result').screenshot({ path: `${(await import('./harness.mjs')).SHOTS}/yoy-result.png` });
});

test('the same from last year\'s file', { skip }, async () => {
  const { page } = tab;
  const engine = await nodeEngine();
  const want = engine.yearOverYear(engine.score(prev), engine.score(curr));
  await page.click('[data-view="fill"]');
  await page.click('[data-view="yoy"]');
  await page.setInputFiles('#yoy-file', payload('contoh-2024.kkpham.json', prev));
  await page.waitForFunction(() => document.querySelector('.yoy-result h3')?.textContent.includes('contoh-2024.kkpham.json'));
  await checkResult(page, want);
});

test('answers of an older pack edition are carried over through a mapping into a new assessment', { skip }, async () => {
  const { page } = tab;
  const engine = await nodeEngine();
  // Last year's file, made with an older edition in which two ids were different and one
  // indicator existed that the new edition dropped.
  const old = structuredClone(prev);
  old.pack = { id: 'kkpham-22-2021', version: '2025.1.0', sha256: 'ab'.repeat(32) };
  old.answers['OLD-BANKUM-S1'] = old.answers['BANKUM-S1'];
  delete old.answers['BANKUM-S1'];
  old.answers['OLD-INFO-S1'] = old.answers['INFO-S1'];
  delete old.answers['INFO-S1'];
  old.answers['DIHAPUS-1'] = { value: true };
  const mapping = { 'OLD-BANKUM-S1': 'BANKUM-S1', 'DIHAPUS-1': null };
  const want = engine.migrate(old, mapping);
  assert.ok(want.ok);
  assert.ok(want.report.not_carried.some((x) => x.from === 'OLD-INFO-S1'));
  assert.deepEqual(want.report.new, ['INFO-S1']);

  const before = await storedAssessments(page);
  await page.click('[data-view="yoy"]');
  await page.setInputFiles('#mig-file', payload('contoh-2024-edisi-lama.kkpham.json', old));
  await page.setInputFiles('#mig-map', payload('pemetaan.json', mapping));
  await page.waitForFunction(() => document.querySelector('#mig-map + .hint, #mig-map ~ .hint')?.textContent.includes('pemetaan.json'));
  await page.click('#mig-run');
  await page.waitForSelector('#mig-report-h');
  assert.match(await page.textContent('#mig-carried'), new RegExp(`^${want.report.carried.length} `));
  assert.match(await page.textContent('#mig-not'), new RegExp(`^${want.report.not_carried.length} `));
  const notCarried = await page.$$eval('.mig-not tbody tr', (rs) => rs.map((r) => [r.dataset.from, r.lastElementChild.textContent]));
  assert.deepEqual(notCarried.map(([f]) => f), want.report.not_carried.map((x) => x.from), 'the report lists what could not be carried');
  notCarried.forEach(([, reason], i) => assert.equal(reason, want.report.not_carried[i].reason.id));
  assert.deepEqual(await page.$$eval('.mig-new-list code', (c) => c.map((x) => x.textContent)), want.report.new);
  await assertAxeClean(page, 'migration report');
  await page.evaluate(() => { document.getElementById('status').textContent = ''; });
  await page.locator('section[aria-labelledby="mig-h"]').screenshot({ path: `${(await import('./harness.mjs')).SHOTS}/migrate.png` });

  await page.fill('#mig-data-year', '2025');
  await page.fill('#mig-assessment-year', '2026');
  await page.click('#mig-create');
  await page.waitForFunction((keys) => !keys.includes(window.kkpham.ctx.key) && window.kkpham.ctx.view === 'fill', [prevKey, currKey]);
  const created = await pageAnswers(page);
  const expected = { ...want.answers, data_year: 2025, assessment_year: 2026 };
  assert.deepEqual(withoutStamp(created), withoutStamp(expected), 'the new assessment holds the carried answers');
  assert.deepEqual(created.answers['BANKUM-S1'], old.answers['OLD-BANKUM-S1'], 'the mapped answer was carried');
  const after = await storedAssessments(page);
  for (const k of [prevKey, currKey]) {
    assert.equal(after[`a:${k}`], before[`a:${k}`], `assessment ${k} untouched`);
    assert.equal(after[`a:${k}#version`], before[`a:${k}#version`], `assessment ${k} not rewritten`);
  }
  assert.equal(after.index.length, 3, 'one more saved assessment');
});

test('carrying a saved assessment never overwrites it', { skip }, async () => {
  const { page } = tab;
  const before = await storedAssessments(page);
  await page.click('[data-view="yoy"]');
  await page.selectOption('#mig-src', prevKey);
  await page.click('#mig-run');
  await page.waitForSelector('#mig-report-h');
  assert.match(await page.textContent('#mig-not'), /^0 /, 'same edition: everything is carried');
  const keyBefore = await page.evaluate(() => window.kkpham.ctx.key);
  await page.click('#mig-create');
  await page.waitForFunction((k) => window.kkpham.ctx.key !== k && window.kkpham.ctx.view === 'fill', keyBefore);
  const newKey = await page.evaluate(() => window.kkpham.ctx.key);
  assert.notEqual(newKey, prevKey);
  const after = await storedAssessments(page);
  assert.equal(after[`a:${prevKey}`], before[`a:${prevKey}`], 'the source assessment is unchanged');
  assert.equal(after[`a:${prevKey}#version`], before[`a:${prevKey}#version`], 'the source assessment is not rewritten');
  assert.deepEqual(withoutStamp(JSON.parse(after[`a:${newKey}`]).answers), withoutStamp(prev.answers));
  assert.deepEqual(tab.log.errors, []);
});
