// Offline: after one visit the service worker has cached the app shell, the wasm and the bundled
// pack; with the network off (and the server gone) a reload still opens the saved assessment and
// scores live.
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

test('after the first visit the app reloads and scores with the network off', { skip }, async () => {
  const { context, page, log } = await openPage(app);
  await gotoApp(page, app.url);
  // Wait until the worker controls the page and has cached what the app needs.
  // Every module of the app, in every folder (so a module added to web/ but missing from sw.js
  // fails here).
  const modules = fs.readdirSync(DIST, { recursive: true }).map((f) => String(f).split(path.sep).join('/'))
    .filter((f) => /\.(m?js|css|html)$/.test(f) && f !== 'sw.js' && !f.startsWith('kkpham.'));
  const need = [...modules, 'kkpham-core.wasm', 'criteria/kkpham-22-2021.json', 'i18n/id.start.json', 'i18n/id.rest.json', 'i18n/en.start.json', 'i18n/en.rest.json', 'manifest.webmanifest'];
  await page.waitForFunction(async (list) => {
    if (!navigator.serviceWorker.controller) return false;
    const hits = await Promise.all(list.map((p) => caches.match(new URL(p, location.href).href)));
    return hits.every(Boolean);
  }, need, { timeout: 20000, polling: 250 });
  await createAssessment(page, { name: 'Kabupaten Luring' });
  const pack = bundledPack();
  const yn = pack.indicators.find((i) => i.right === pack.rights[0].id && i.answer.kind === 'yes_no');
  await page.check(`#v-${yn.id}-0`);
  const total = await liveTotal(page);
  assert.ok(total > 0);

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
