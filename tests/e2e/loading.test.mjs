// Progressive loading: the Start screen needs neither the engine (wasm) nor a pack; it is shown
// from criteria/index.json while they load, and an assessment created before they arrive waits
// for them instead of failing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  DIST, missingPrerequisite, startApp, stopApp, openPage, gotoApp, liveTotal,
} from './harness.mjs';

const skip = missingPrerequisite() || false;
let app;

before(async () => {
  if (!skip) app = await startApp();
});
after(async () => {
  await stopApp(app);
});

test('Start is usable while the engine and the pack are held back; creating waits for them', { skip }, async () => {
  const { context, page, log } = await openPage(app);
  // Hold the wasm and the pack until released (a slow link, exaggerated).
  const held = [];
  let release;
  const released = new Promise((r) => { release = r; });
  await context.route(/kkpham-core\.wasm$|criteria\/kkpham-22-2021\.json$/, async (route) => {
    held.push(route.request().url());
    await released;
    await route.continue();
  });
  await gotoApp(page, app.url);
  const index = JSON.parse(fs.readFileSync(path.join(DIST, 'criteria', 'index.json'), 'utf8'));
  const sha = index.packs[0].summary.sha256;
  assert.equal((await page.textContent('.pack-summary .hash')).trim(), sha, 'the pack summary comes from the index');
  assert.match(await page.textContent('#notice'), /RUJUKAN|REFERENCE/, 'the reference notice is shown from the index too');
  assert.notEqual(await page.evaluate(() => document.body.dataset.engine), 'ready', 'the engine is not loaded yet');

  await page.fill('#new-name', 'Kabupaten Sabar');
  await page.fill('#new-data_year', '2025');
  await page.fill('#new-assessment_year', '2026');
  await page.click('.region-form button[type="submit"]');
  await page.waitForTimeout(600);
  assert.equal(await page.$('.fill-layout'), null, 'Fill is not shown before the engine and the pack are in');
  assert.ok(held.some((u) => u.endsWith('kkpham-core.wasm')), 'the engine was requested (warm-up after Start)');

  release();
  await page.waitForSelector('.fill-layout', { timeout: 20000 });
  assert.equal(await liveTotal(page), 0);
  assert.equal(await page.evaluate(() => window.kkpham.ctx.summary.sha256), sha);
  assert.equal(await page.evaluate(() => window.kkpham.ctx.answers.region.name), 'Kabupaten Sabar');
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('a screen opened before its module is loaded shows a loading note, then the screen', { skip }, async () => {
  const { context, page, log } = await openPage(app);
  let release;
  const released = new Promise((r) => { release = r; });
  await context.route(/\/compare\.js$/, async (route) => {
    await released;
    await route.continue();
  });
  await gotoApp(page, app.url);
  await page.click('[data-view="compare"]');
  await page.waitForSelector('#view-compare .view-loading[role="status"]');
  release();
  await page.waitForSelector('#view-compare h1', { timeout: 20000 });
  assert.equal(await page.$('#view-compare .view-loading'), null);
  assert.deepEqual(log.errors, []);
  await context.close();
});

// Lighthouse counts a box that moves after it was painted (Cumulative Layout Shift). The reference
// notice is one line with "selengkapnya" since the Start screen was made for first-time users, but
// it is still a box that appears above the screen once the pack index is in; nothing painted
// before it may be pushed down.
test('the first screen and the notice appear without moving what was already painted (phone width)', { skip }, async () => {
  const { context, page, log } = await openPage(app, { viewport: { width: 412, height: 823 } });
  await context.addInitScript(() => {
    window.__shifts = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        window.__shifts.push({ value: e.value, nodes: e.sources.map((s) => s.node?.id || s.node?.nodeName || '?') });
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
  // Hold the pack index so that the loading state is painted first, as on a slow link.
  let release;
  const released = new Promise((r) => { release = r; });
  await context.route(/criteria\/index\.json$/, async (route) => {
    await released;
    await route.continue();
  });
  await page.goto(app.url);
  await page.waitForSelector('.boot', { state: 'visible' });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  release();
  await page.waitForSelector('body[data-ready="true"]', { timeout: 20000 });
  assert.equal(await page.isVisible('#notice'), true, 'the reference notice is shown');
  assert.ok((await page.$eval('#notice', (n) => n.getBoundingClientRect().height)) >= 16, 'the notice is a box of its own above the screen');
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await page.waitForTimeout(300);
  const shifts = await page.evaluate(() => window.__shifts);
  const total = shifts.reduce((s, e) => s + e.value, 0);
  assert.ok(total < 0.01, `layout shift ${total.toFixed(4)}: ${JSON.stringify(shifts)}`);
  assert.deepEqual(log.errors, []);
  await context.close();
});
