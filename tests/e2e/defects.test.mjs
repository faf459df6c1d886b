// Defects found when a new user tried the app (issue 14, part 9), one test each: Fill opens at
// its top; the per-right "answered" counter is the engine's (a numerator/denominator answer
// counts, an invalid entry does not); the workshop enables the screens of the pemda chosen and
// pages with PageDown wherever the focus is; Year over year names another region or the same
// year; the compare heat map keeps its total column in view at 1366 px; the floating status
// message never covers a table; the evidence plan prints one unit of points; the user guide's
// screenshots are in the repository; configuring without the browser tests warns no newcomer.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import {
  ROOT, missingPrerequisite, startApp, stopApp, openPage, gotoApp, randomAnswers, bundledPack, importAnswers,
  createAssessment, assertAxeClean, parseIdNumber, settle, nodeEngine,
} from './harness.mjs';

const skip = missingPrerequisite() || false;
let app;
const VIEWPORT = { width: 1366, height: 768 };

before(async () => {
  if (!skip) app = await startApp();
});
after(async () => {
  await stopApp(app);
});

test('Fill opens at its top, the first question on screen (also after scrolling Start down)', { skip }, async () => {
  const { page, log } = await openPage(app, { viewport: VIEWPORT });
  await gotoApp(page, app.url);
  await page.waitForSelector('#new-name');
  await page.fill('#new-name', 'Kabupaten Gulir');
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await page.evaluate(() => document.querySelector('.region-form button[type="submit"]').click());
  await page.waitForSelector('.fill-layout');
  await settle(page);
  await page.waitForFunction(() => document.querySelector('[id^="ind-"]'));
  const { y, top } = await page.evaluate(() => ({ y: window.scrollY, top: document.querySelector('[id^="ind-"]').getBoundingClientRect().top }));
  assert.ok(y < 100, `scrolled ${y} px`);
  assert.ok(top > 0 && top < VIEWPORT.height - 100, `first question at ${top}`);
  // From another screen too.
  await page.click('[data-view="report"]');
  await page.waitForSelector('.report');
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await page.click('[data-view="fill"]');
  await page.waitForSelector('.fill-layout');
  assert.ok(await page.evaluate(() => window.scrollY) < 100);
  assert.deepEqual(log.errors, []);
  await page.context().close();
});

test('the per-right counter counts a numerator/denominator answer and not an invalid entry', { skip }, async () => {
  const { page, log } = await openPage(app, { viewport: VIEWPORT });
  await gotoApp(page, app.url);
  const pack = bundledPack();
  const engine = await nodeEngine();
  const t = engine.makeTemplate({ fill: 'blank', data_year: 2025, assessment_year: 2026, region: { name: 'Kabupaten Hitung', kind: 'kabupaten', province: '', code: '' } });
  const a = t.answers;
  const right = pack.rights.find((r) => pack.indicators.filter((i) => i.right === r.id && i.answer.kind === 'percent').length >= 2);
  const [p1, p2] = pack.indicators.filter((i) => i.right === right.id && i.answer.kind === 'percent');
  a.answers[p1.id] = { ...a.answers[p1.id], value: null, numerator: 12, denominator: 40 };
  assert.ok(engine.validateAnswers(a).ok);
  await importAnswers(page, a);
  const k = pack.rights.findIndex((r) => r.id === right.id);
  const countText = () => page.locator('.rights li').nth(k).locator('.nav-count').innerText();
  const total = pack.indicators.filter((i) => i.right === right.id).length;
  await page.waitForFunction(({ n, txt }) => document.querySelectorAll('.rights li .nav-count')[n]?.textContent.startsWith(txt), { n: k, txt: `1/${total}` });
  assert.match(await countText(), new RegExp(`^1/${total}`));
  // An invalid entry (a percentage of 150) is not counted.
  await page.click(`.rights li:nth-child(${k + 1}) button`);
  await page.waitForSelector(`#val-${p2.id}`);
  await page.fill(`#val-${p2.id}`, '150');
  await page.waitForSelector(`#err-${p2.id}:not([hidden])`);
  assert.match(await countText(), new RegExp(`^1/${total}`));
  await page.fill(`#val-${p2.id}`, '75');
  await page.waitForSelector(`#err-${p2.id}[hidden]`, { state: 'attached' });
  await page.waitForFunction(({ n, txt }) => document.querySelectorAll('.rights li .nav-count')[n]?.textContent.startsWith(txt), { n: k, txt: `2/${total}` });
  assert.deepEqual(log.errors, []);
  await page.context().close();
});

test('workshop: choosing a pemda enables Isian, Laporan, Celah and Data dukung; PageDown pages from a button or a radio', { skip }, async () => {
  const { page, log } = await openPage(app, { viewport: VIEWPORT });
  await gotoApp(page, app.url);
  const k1 = await importAnswers(page, await randomAnswers(31, { name: 'Kabupaten Satu' }));
  await importAnswers(page, await randomAnswers(32, { name: 'Kota Dua', kind: 'kota' }));
  await page.click('[data-view="start"]'); // closes the open assessment
  for (const v of ['fill', 'report', 'gap', 'plan']) assert.equal(await page.isDisabled(`[data-view="${v}"]`), true);
  await page.click('[data-view="workshop"]');
  await page.waitForSelector('.ws-pemda');
  await page.click(`.ws-pemda[data-key="${k1}"]`);
  await page.waitForSelector('.ws-card');
  for (const v of ['fill', 'report', 'gap', 'plan']) assert.equal(await page.isDisabled(`[data-view="${v}"]`), false, `${v} enabled`);
  const shownId = () => page.getAttribute('.ws-card', 'data-id');
  const first = await shownId();
  // Focus on a pemda button (outside the stage): PageDown goes to the next indicator.
  await page.focus(`.ws-pemda[data-key="${k1}"]`);
  await page.keyboard.press('PageDown');
  await page.waitForFunction((id) => document.querySelector('.ws-card')?.dataset.id !== id, first);
  const second = await shownId();
  // Focus on a radio of the answer.
  const radio = page.locator('.ws-card input[type="radio"]').first();
  if (await radio.count()) {
    await radio.focus();
    await page.keyboard.press('PageDown');
    await page.waitForFunction((id) => document.querySelector('.ws-card')?.dataset.id !== id, second);
    await page.keyboard.press('PageUp');
    await page.waitForFunction((id) => document.querySelector('.ws-card')?.dataset.id === id, second);
  }
  // Not while typing a number.
  const num = page.locator('.ws-card input[type="text"]').first();
  if (await num.count()) {
    const here = await shownId();
    await num.focus();
    await page.keyboard.press('PageDown');
    await settle(page);
    assert.equal(await shownId(), here);
  }
  // The Fill screen of the pemda chosen opens.
  await page.click('[data-view="fill"]');
  await page.waitForSelector('.fill-layout');
  assert.equal(await page.evaluate(() => window.kkpham.ctx.answers.region.name), 'Kabupaten Satu');
  assert.deepEqual(log.errors, []);
  await page.context().close();
});

test('Year over year names another region or the same year instead of comparing silently', { skip }, async () => {
  const { page, log } = await openPage(app, { viewport: VIEWPORT });
  await gotoApp(page, app.url);
  await importAnswers(page, await randomAnswers(41, { name: 'Kabupaten Tahun', dataYear: 2025, assessmentYear: 2026 }));
  await page.click('[data-view="yoy"]');
  await page.waitForSelector('#yoy-file');
  const pick = async (answers, name) => page.setInputFiles('#yoy-file', { name, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(answers)) });
  // Another region's file.
  await pick(await randomAnswers(42, { name: 'Kota Tetangga', kind: 'kota', dataYear: 2024, assessmentYear: 2025 }), 'tetangga.kkpham.json');
  await page.waitForSelector('#dialog[open] [data-choice]');
  let text = await page.innerText('#dialog');
  assert.match(text, /Kota Tetangga, bukan Kabupaten Tahun/);
  await assertAxeClean(page, 'year over year question');
  await page.click('#dialog [data-choice="cancel"]');
  await page.waitForSelector('#dialog:not([open])', { state: 'attached' });
  assert.equal(await page.locator('.yoy-result').count(), 0, 'not compared');
  // The same data year.
  await pick(await randomAnswers(43, { name: 'Kabupaten Tahun', dataYear: 2025, assessmentYear: 2026 }), 'sama.kkpham.json');
  await page.waitForSelector('#dialog[open] [data-choice]');
  text = await page.innerText('#dialog');
  assert.match(text, /sama dengan yang sedang dibuka \(2025\)/);
  // Compared anyway on request: the result carries the warning.
  await page.click('#dialog [data-choice="go"]');
  await page.waitForSelector('.yoy-result');
  assert.match(await page.innerText('.yoy-warn'), /2025/);
  // Last year's file of the same region: no question.
  await pick(await randomAnswers(44, { name: 'kabupaten  tahun', dataYear: 2024, assessmentYear: 2025 }), 'lalu.kkpham.json');
  await page.waitForSelector('.yoy-result');
  await page.waitForFunction(() => document.querySelector('#yoy-result-h')?.textContent.includes('lalu.kkpham.json'));
  assert.equal(await page.evaluate(() => document.getElementById('dialog').open), false);
  assert.equal(await page.locator('.yoy-warn').count(), 0);
  assert.deepEqual(log.errors, []);
  await page.context().close();
});

test('the compare heat map keeps its total column in view at 1366 px; the status message covers no table', { skip }, async () => {
  const { page, log } = await openPage(app, { viewport: VIEWPORT });
  await gotoApp(page, app.url);
  const files = [];
  for (let s = 0; s < 12; s += 1) {
    const a = await randomAnswers(100 + s, { name: `Kabupaten Dengan Nama Yang Cukup Panjang ${s}` });
    files.push({ name: `k${s}.kkpham.json`, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(a)) });
  }
  await page.click('[data-view="compare"]');
  await page.setInputFiles('#cmp-files', files);
  await page.waitForSelector('.cmp-heat');
  await page.locator('.cmp-heat').scrollIntoViewIfNeeded();
  await settle(page);
  const box = await page.evaluate(() => {
    const wrap = document.querySelector('.cmp-heat').closest('.cmp-scroll');
    const last = document.querySelector('.cmp-heat thead th:last-child');
    const w = wrap.getBoundingClientRect();
    const c = last.getBoundingClientRect();
    return { wrapRight: w.right, cellLeft: c.left, cellRight: c.right, vw: window.innerWidth, text: last.textContent };
  });
  assert.ok(box.cellRight <= box.wrapRight + 0.5 && box.cellLeft >= 0 && box.cellRight <= box.vw, JSON.stringify(box));
  // Each total cell is the topmost element at its own place (not cut, not covered).
  const hidden = await page.evaluate(() => [...document.querySelectorAll('.cmp-heat td.total')].filter((td) => {
    td.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    const r = td.getBoundingClientRect();
    const at = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return !(at === td || td.contains(at));
  }).length);
  assert.equal(hidden, 0, 'every total visible');
  // A status message: clicks pass through it, and it goes when the user scrolls on.
  await page.evaluate(() => window.scrollTo(0, 0));
  const status = page.locator('#status');
  await page.click('#lang-switch'); // announces the change of language
  await page.waitForFunction(() => document.getElementById('status').textContent.length > 0);
  assert.equal(await status.evaluate((el) => getComputedStyle(el).pointerEvents), 'none');
  await page.waitForTimeout(900);
  await page.mouse.wheel(0, 300);
  await page.waitForFunction(() => document.getElementById('status').textContent === '');
  await page.click('#lang-switch');
  assert.deepEqual(log.errors, []);
  await page.context().close();
});

test('the evidence plan shows one unit of points: no item above its office total', { skip }, async () => {
  const { page, log } = await openPage(app, { viewport: VIEWPORT });
  await gotoApp(page, app.url);
  await importAnswers(page, await randomAnswers(51, { name: 'Kabupaten Satuan' }));
  await page.click('[data-view="plan"]');
  await page.waitForSelector('.plan-office');
  const offices = await page.$$eval('.plan-office', (els) => els.map((e) => ({
    head: e.querySelector('.plan-office-head').textContent,
    items: [...e.querySelectorAll('tbody tr td:last-child')].map((td) => td.textContent.trim()),
  })));
  const result = await page.evaluate(() => window.kkpham.ctx.result);
  assert.ok(offices.length > 0);
  for (const o of offices) {
    const total = parseIdNumber(/([\d.]+,\d\d)\.?\s*$/.exec(o.head)?.[1] ?? 'NaN');
    const nums = o.items.filter((x) => /\d/.test(x)).map(parseIdNumber);
    assert.ok(Number.isFinite(total), o.head);
    for (const n of nums) assert.ok(n <= total + 0.005, `${n} > office total ${total}: ${o.head}`);
    const sum = nums.reduce((s, n) => s + n, 0);
    assert.ok(Math.abs(sum - total) <= 0.01 * nums.length + 0.005, `items ${sum} vs office ${total}`);
  }
  assert.ok(result.total <= 100);
  assert.deepEqual(log.errors, []);
  await page.context().close();
});

test('the user guide links only screenshots that are in the repository', () => {
  const guide = fs.readFileSync(path.join(ROOT, 'docs', 'panduan.md'), 'utf8');
  const links = [...guide.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map((m) => m[1]);
  assert.ok(links.length >= 10);
  for (const l of links) {
    assert.doesNotMatch(l, /(^|\/)build\//, `${l}: build/ is not in a fresh checkout`);
    assert.ok(fs.existsSync(path.join(ROOT, 'docs', l)), `${l} exists`);
  }
});

test('configuring without the browser tests prints no CMake warning', { skip: !(fs.existsSync('/usr/bin/cmake') && fs.existsSync('/usr/bin/em++')) && 'cmake or emscripten not installed' }, () => {
  // What `npm start` runs on a machine without chromium (the app is built and served; the
  // browser tests are only noted as not registered).
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kkpham-cfg-'));
  try {
    // `npm start` configures the wasm tree (scripts/dev.sh serve → the app workflow).
    const out = execFileSync('bash', ['-c', 'cd "$1" && cmake --preset wasm -B "$2" -DKKPHAM_CHROMIUM=/nonexistent/chromium 2>&1', 'cfg', ROOT, dir],
      { encoding: 'utf8' });
    assert.match(out, /browser tests \(web\.e2e\) not registered/);
    assert.doesNotMatch(out, /CMake Warning/, out);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
