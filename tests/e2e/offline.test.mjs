// Offline: after one visit the service worker has cached the app shell, the wasm and the bundled
// pack, but not the heavy libraries of single features (ExcelJS, zip.js, hash-wasm), which are
// fetched and cached on first use; with the network off (and the server gone) a reload still
// opens the saved assessment, scores live, and makes a workbook with the ExcelJS cached on use.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  DIST, missingPrerequisite, startApp, stopApp, openPage, gotoApp, shot, bundledPack, createAssessment, liveTotal,
} from './harness.mjs';

const skip = missingPrerequisite() || false;
let app;

before(async () => {
  if (!skip) app = await startApp();
});
after(async () => {
  await stopApp(app);
});

// The ON_USE list of web/sw.js: libraries cached when their feature is first used.
function onUseLibraries() {
  const src = fs.readFileSync(path.join(DIST, 'sw.js'), 'utf8');
  const list = /const ON_USE = \[([\s\S]*?)\];/.exec(src);
  assert.ok(list, 'sw.js has an ON_USE list');
  return [...list[1].matchAll(/'([^']*)'/g)].map((m) => m[1]);
}

// Which of `paths` are in the page's caches.
async function cachedOf(page, paths) {
  return page.evaluate(async (list) => {
    const hits = await Promise.all(list.map((p) => caches.match(new URL(p, location.href).href)));
    return list.filter((_, i) => hits[i]);
  }, paths);
}

// The paths still not cached after waiting up to `ms` for the worker (polled from node: a
// waitForFunction predicate returning a promise would count as truthy at once).
async function uncached(page, paths, ms) {
  const until = Date.now() + ms;
  for (;;) {
    const controlled = await page.evaluate(() => Boolean(navigator.serviceWorker.controller));
    const have = controlled ? new Set(await cachedOf(page, paths)) : new Set();
    const missing = paths.filter((p) => !have.has(p));
    if (missing.length === 0 || Date.now() > until) return missing;
    await page.waitForTimeout(250);
  }
}

async function downloadWorkbook(page) {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: /^(Unduh buku kerja Excel|Download Excel workbook)/ }).click(),
  ]);
  assert.match(download.suggestedFilename(), /\.xlsx$/);
  const chunks = [];
  for await (const c of await download.createReadStream()) chunks.push(c);
  return Buffer.concat(chunks);
}

test('after the first visit the app reloads and scores with the network off', { skip }, async () => {
  const { context, page, log } = await openPage(app);
  await gotoApp(page, app.url);
  // Wait until the worker controls the page and has cached what the app needs: every file of
  // the app, in every folder (so a module added to web/ but missing from sw.js fails here),
  // except the heavy libraries of single features (sw.js ON_USE), which wait for their use.
  const onUse = onUseLibraries();
  assert.ok(onUse.includes('vendor/exceljs/exceljs.min.js'), 'sw.js ON_USE lists ExcelJS');
  const files = fs.readdirSync(DIST, { recursive: true }).map((f) => String(f).split(path.sep).join('/'))
    .filter((f) => fs.statSync(path.join(DIST, f)).isFile());
  const modules = files.filter((f) => /\.(m?js|css|html)$/.test(f) && f !== 'sw.js' && !f.startsWith('kkpham.'));
  const need = [...modules, 'kkpham-core.wasm', 'criteria/kkpham-22-2021.json', 'i18n/id.start.json', 'i18n/id.rest.json', 'i18n/en.start.json', 'i18n/en.rest.json', 'manifest.webmanifest']
    .filter((f) => !onUse.includes(f));
  assert.deepEqual(await uncached(page, need, 20000), [], 'app files the service worker did not cache');
  assert.deepEqual(await cachedOf(page, onUse), [], 'a heavy library was cached (so fetched) before its feature was used');
  await createAssessment(page, { name: 'Kabupaten Luring' });
  const pack = bundledPack();
  const yn = pack.indicators.find((i) => i.right === pack.rights[0].id && i.answer.kind === 'yes_no');
  await page.check(`#v-${yn.id}-0`);
  const total = await liveTotal(page);
  assert.ok(total > 0);
  // Making a workbook fetches ExcelJS (its first use); the worker keeps it for offline use.
  await downloadWorkbook(page);
  assert.deepEqual(await uncached(page, ['vendor/exceljs/exceljs.min.js'], 10000), [], 'ExcelJS cached after its first use');

  // Network off, and the server stopped: nothing can come from anywhere but the cache.
  await context.setOffline(true);
  await app.server.close();
  app.server = null;
  log.requests.length = 0;
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]', { timeout: 20000 });
  await page.waitForSelector('.fill-layout');
  assert.equal(await page.textContent('.toolbar .who strong'), 'Kabupaten Luring', 'the saved assessment is restored offline');
  assert.equal(await liveTotal(page), total, 'same live score offline');
  assert.equal(await page.isChecked(`#v-${yn.id}-0`), true);
  // Still scores live.
  const lvl = pack.indicators.find((i) => i.right === pack.rights[0].id && i.answer.kind === 'level');
  await page.check(`#v-${lvl.id}-${lvl.answer.levels.length - 1}`);
  await page.waitForFunction((t) => window.kkpham.ctx.result.total > t, total);
  assert.ok((await liveTotal(page)) > total, 'the score updates offline');
  // A workbook is made offline: ExcelJS comes from the cache filled at its first use.
  const xlsx = await downloadWorkbook(page);
  assert.equal(xlsx.subarray(0, 2).toString('latin1'), 'PK', 'the offline workbook is an .xlsx (a ZIP)');
  // The report and the English catalog work offline too.
  await page.click('[data-view="report"]');
  await page.waitForSelector('.report svg');
  await page.click('#lang-switch');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot(page, '12-offline-report-en');
  assert.deepEqual(log.errors.filter((e) => !/service worker/i.test(e)), []);
  await context.close();
});
