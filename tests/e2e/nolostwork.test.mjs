// No lost work (issue 5, item 4):
//  * 200 random edits through the UI, with random reloads and abrupt page closes in between
//    (the page is closed without beforeunload and a new one opened in the same browser
//    profile): after each, the restored assessment equals the one after the last edit;
//  * storage full (IndexedDB and localStorage refuse with QuotaExceededError): a visible warning
//    and an export of the answers that are only in the page;
//  * the same assessment in two tabs: a tab never overwrites the other's save silently; it
//    notices (the other tab's BroadcastChannel message) and asks (load theirs / keep both /
//    overwrite).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import {
  missingPrerequisite, startApp, stopApp, openPage, gotoApp, shotScreen, bundledPack, createAssessment, goToRight,
  pageAnswers, storedAnswers, assertAxeClean, settle,
} from './harness.mjs';

const skip = missingPrerequisite() || false;
let app;

before(async () => {
  if (!skip) app = await startApp();
});
after(async () => {
  await stopApp(app);
});

// Small seeded generator (mulberry32): a failure can be replayed with KKPHAM_SEED.
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

function watch(page, errors) {
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
}

async function ready(page) {
  await page.waitForSelector('body[data-ready="true"]', { timeout: 20000 });
  await page.waitForSelector('.fill-layout');
}

test('200 random edits with random reloads and abrupt closes: nothing typed is ever lost', { skip }, async (t) => {
  const seed = Number(process.env.KKPHAM_SEED || 20261123);
  t.diagnostic(`seed ${seed} (KKPHAM_SEED to replay)`);
  const random = rng(seed);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const pack = bundledPack();
  const { context, page: first, log } = await openPage(app);
  let page = first;
  await gotoApp(page, app.url);
  await createAssessment(page, { name: 'Kabupaten Tak Hilang' });
  const key = await page.evaluate(() => window.kkpham.ctx.key);
  const errors = log.errors;
  let reloads = 0;
  let closes = 0;
  let last = await pageAnswers(page);
  for (let n = 0; n < 200; n += 1) {
    // Sometimes move to another right first.
    if (random() < 0.2) await goToRight(page, pick(pack.rights).id);
    const rightId = await page.evaluate(() => window.kkpham.ctx.rightId);
    const ind = pick(pack.indicators.filter((i) => i.right === rightId));
    const id = ind.id;
    const cur = last.answers[id] || {};
    const kind = ind.answer.kind;
    let check;
    const r = random();
    if (cur.na) {
      await page.uncheck(`#na-${id}`);
      check = (a) => assert.equal(a.answers[id].na, false);
    } else if (r < 0.08 && ind.answer.na_allowed) {
      await page.check(`#na-${id}`);
      check = (a) => assert.equal(a.answers[id].na, true);
    } else if (r < 0.18) {
      // A note, with text from the whole of Unicode's everyday range.
      if (!(await page.locator(`#ind-${id} details.more`).evaluate((d) => d.open))) await page.click(`#ind-${id} details.more > summary`);
      const note = `catatan ${n} — “${Math.floor(random() * 1e6)}” ✓`;
      await page.fill(`#note-${id}`, note);
      check = (a) => assert.equal(a.answers[id].note, note);
    } else if (r < 0.26 && (ind.evidence || []).length) {
      if (!(await page.locator(`#ind-${id} details.more`).evaluate((d) => d.open))) await page.click(`#ind-${id} details.more > summary`);
      const k = Math.floor(random() * ind.evidence.length);
      const box = `#ev-${id}-${k}-ready`;
      const was = await page.isChecked(box);
      await page.setChecked(box, !was);
      check = (a) => assert.equal(a.answers[id].evidence.find((e) => e.id === ind.evidence[k].id).status, was ? 'missing' : 'ready');
    } else if (kind === 'yes_no' || kind === 'level') {
      const count = kind === 'yes_no' ? 2 : ind.answer.levels.length;
      const k = Math.floor(random() * count);
      await page.check(`#v-${id}-${k}`);
      const v = kind === 'yes_no' ? k === 0 : ind.answer.levels[k].id;
      check = (a) => assert.equal(a.answers[id].value, v);
    } else {
      const { min = 0, max = 100 } = ind.answer.range ?? {};
      const hi = Number.isFinite(max) ? max : min + 1000;
      const v = kind === 'count' ? Math.floor(min + random() * (hi - min)) : Math.round((min + random() * (hi - min)) * 100) / 100;
      const text = random() < 0.5 ? String(v).replace('.', ',') : String(v);
      const frac = page.locator(`#frac-${id}`);
      if ((await frac.count()) && (await frac.isChecked())) await frac.uncheck();
      await page.fill(`#val-${id}`, text);
      check = (a) => assert.equal(a.answers[id].value, v);
    }
    last = await pageAnswers(page);
    check(last);
    const what = random();
    if (what < 0.08) {
      reloads += 1;
      await page.reload();
      await ready(page);
    } else if (what < 0.14) {
      // Abrupt close: no beforeunload, no chance to save anything more.
      closes += 1;
      await page.close({ runBeforeUnload: false });
      page = await context.newPage();
      watch(page, errors);
      await page.goto(app.url);
      await ready(page);
    } else {
      continue;
    }
    const restored = await pageAnswers(page);
    assert.equal(await page.evaluate(() => window.kkpham.ctx.key), key, `edit ${n}: the same assessment is reopened`);
    assert.deepEqual(restored, last, `edit ${n} (${id}): the restored assessment equals the last edit`);
  }
  // And once more at the end, from storage itself.
  assert.deepEqual(await storedAnswers(page, key), last);
  await page.reload();
  await ready(page);
  assert.deepEqual(await pageAnswers(page), last);
  t.diagnostic(`${reloads} reloads, ${closes} abrupt closes`);
  assert.ok(reloads + closes >= 10, 'enough interruptions were exercised');
  assert.deepEqual(errors, []);
  await context.close();
});

test('storage full: a visible warning and an export of the answers that are only in the page', { skip }, async () => {
  const { context, page, log } = await openPage(app);
  // The browser's quota is simulated: while window.__kkFull is true, every IndexedDB write
  // (put) and every localStorage write (the write-ahead copy) throws QuotaExceededError.
  await context.addInitScript(() => {
    const full = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function guarded(k, v) {
      if (window.__kkFull) throw full();
      return setItem.call(this, k, v);
    };
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function guarded(...args) {
      if (window.__kkFull) throw full();
      return put.apply(this, args);
    };
  });
  await gotoApp(page, app.url);
  await createAssessment(page, { name: 'Kota Penuh', kind: 'kota' });
  const key = await page.evaluate(() => window.kkpham.ctx.key);
  const pack = bundledPack();
  const right = pack.rights[0].id;
  const [i1, i2] = pack.indicators.filter((i) => i.right === right && i.answer.kind === 'yes_no');
  const saved = await storedAnswers(page, key);
  await page.evaluate(() => { window.__kkFull = true; });
  await page.check(`#v-${i1.id}-0`);
  await page.waitForSelector('#save-warning', { state: 'visible' });
  assert.match(await page.textContent('#save-warning'), /penuh/);
  assert.equal(await page.getAttribute('#save-warning', 'role'), 'alert');
  await settle(page);
  assert.match(await page.textContent('#saved-at'), /GAGAL/);
  assert.deepEqual(await storedAnswers(page, key), saved, 'nothing could be written');
  await page.check(`#v-${i2.id}-1`);
  const inPage = await pageAnswers(page);
  assert.equal(inPage.answers[i1.id].value, true);
  assert.equal(inPage.answers[i2.id].value, false);
  // The warning survives moving between screens.
  await page.click('[data-view="report"]');
  assert.equal(await page.isVisible('#save-warning'), true);
  await assertAxeClean(page, 'storage-full warning');
  await shotScreen(page, 'storage-full');
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#save-warning-export')]);
  const exported = JSON.parse(fs.readFileSync(await dl.path(), 'utf8'));
  assert.deepEqual(exported, inPage, 'the export holds every edit, including the unsaved ones');
  // Space again: the next save succeeds and the warning goes.
  await page.evaluate(() => { window.__kkFull = false; });
  await page.click('#save-warning button >> nth=1');
  await page.waitForSelector('#save-warning', { state: 'detached' });
  assert.deepEqual(await storedAnswers(page, key), inPage);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('two tabs on one assessment never overwrite each other silently', { skip }, async () => {
  const { context, page: a, log } = await openPage(app);
  await gotoApp(a, app.url);
  await createAssessment(a, { name: 'Kabupaten Dua Tab' });
  const key = await a.evaluate(() => window.kkpham.ctx.key);
  const b = await context.newPage();
  const errors = log.errors;
  watch(b, errors);
  await gotoApp(b, app.url);
  await b.waitForSelector('.fill-layout');
  assert.equal(await b.evaluate(() => window.kkpham.ctx.key), key, 'the second tab opens the same assessment');
  const pack = bundledPack();
  // Indicators answered with a choice (yes/no or a level) in the first right.
  const inds = pack.indicators.filter((i) => i.right === pack.rights[0].id && ['yes_no', 'level'].includes(i.answer.kind));
  assert.ok(inds.length >= 4);
  const yn = inds.map((i) => i.id);
  const val = (k, option) => (inds[k].answer.kind === 'yes_no' ? option === 0 : inds[k].answer.levels[option].id);

  // 1. A saves; B is told; B edits anyway → asked, nothing overwritten; B keeps both.
  await a.check(`#v-${yn[0]}-0`);
  await b.waitForSelector('#stale-warning', { state: 'visible' });
  await b.check(`#v-${yn[1]}-0`);
  await b.waitForSelector('#dialog[open] [data-choice="copy"]');
  assert.match(await b.textContent('#dialog-title'), /diubah di tab atau jendela lain/);
  let stored = await storedAnswers(a, key);
  assert.equal(stored.answers[yn[0]].value, val(0, 0), 'A\'s edit is saved');
  assert.equal(stored.answers[yn[1]].value ?? null, null, 'B did not overwrite it');
  await assertAxeClean(b, 'conflict question');
  await shotScreen(b, 'two-tabs-conflict');
  await b.click('#dialog [data-choice="copy"]');
  await b.waitForFunction((k) => window.kkpham.ctx.key !== k, key);
  const copyKey = await b.evaluate(() => window.kkpham.ctx.key);
  const copy = await storedAnswers(b, copyKey);
  assert.equal(copy.answers[yn[1]].value, val(1, 0), 'B\'s edit is kept in a new assessment');
  assert.equal(copy.answers[yn[0]].value ?? null, null, 'the copy is B\'s version, not a merge');
  stored = await storedAnswers(a, key);
  assert.equal(stored.answers[yn[0]].value, val(0, 0));
  assert.equal(stored.answers[yn[1]].value ?? null, null);

  // 2. B reopens the original; A saves; B loads the latest version before editing.
  await b.click('[data-view="start"]');
  await b.click(`table.saved tr[data-key="${key}"] button.primary`);
  await b.waitForFunction((k) => window.kkpham.ctx.key === k, key);
  await b.waitForSelector('.fill-layout');
  await a.check(`#v-${yn[2]}-0`);
  await b.waitForSelector('#stale-warning', { state: 'visible' });
  await b.click('#stale-reload');
  await b.waitForSelector('#stale-warning', { state: 'detached' });
  assert.deepEqual(await pageAnswers(b), await pageAnswers(a), 'B shows A\'s latest answers');
  await b.check(`#v-${yn[3]}-0`); // saved: B had the latest version
  assert.equal((await storedAnswers(b, key)).answers[yn[3]].value, val(3, 0));
  assert.equal(await b.evaluate(() => document.getElementById('dialog').open), false, 'no question when nothing would be lost');

  // 3. A, now behind, edits: asked; chooses to overwrite with its own version, on purpose.
  await a.waitForSelector('#stale-warning', { state: 'visible' });
  await a.check(`#v-${yn[0]}-1`);
  await a.waitForSelector('#dialog[open] [data-choice="mine"]');
  assert.equal((await storedAnswers(a, key)).answers[yn[0]].value, val(0, 0), 'not overwritten before the answer');
  await a.click('#dialog [data-choice="mine"]');
  await a.waitForFunction(() => !document.getElementById('dialog').open);
  const mine = await pageAnswers(a);
  assert.deepEqual(await storedAnswers(a, key), mine, 'overwritten only after the user chose so');
  assert.equal(mine.answers[yn[0]].value, val(0, 1));
  assert.deepEqual(errors, []);
  await context.close();
});
