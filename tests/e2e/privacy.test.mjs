// Private and safe: no request leaves the page's origin, nothing violates the Content Security
// Policy, and text from packs and answer files is shown as text (never parsed as HTML).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  ROOT, DIST, missingPrerequisite, startApp, stopApp, openPage, gotoApp, shot, bundledPack, createAssessment,
  pageAnswers,
} from './harness.mjs';

const skip = missingPrerequisite() || false;
const HOSTILE = '<img src=x onerror=alert(1)>';
const HOSTILE2 = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>';
let app;

before(async () => {
  if (!skip) app = await startApp();
});
after(async () => {
  await stopApp(app);
});

// Another pack (file, CSV form) is chosen under "Untuk Kanwil: paket kriteria lain", folded on Start
// and drawn when opened.
async function openKanwil(page) {
  if (!(await page.$eval('details.kanwil', (d) => d.open))) await page.click('details.kanwil > summary');
  await page.waitForSelector('details.kanwil .pack-choice input[type="file"]');
}

function origin(u) {
  try {
    return new URL(u).origin;
  } catch {
    return null;
  }
}

test('a full session makes no request outside the page origin and no CSP violation', { skip }, async () => {
  const { context, page, log } = await openPage(app);
  await gotoApp(page, app.url);
  const res = await page.request.get(app.url);
  assert.match(res.headers()['content-security-policy'] ?? '', /default-src 'self'/, 'the server sends the CSP');
  assert.ok(await page.$('meta[http-equiv="Content-Security-Policy"]'), 'the page carries the CSP for file:// too');
  await createAssessment(page, { name: 'Kota Uji', kind: 'kota' });
  const pack = bundledPack();
  const ind = pack.indicators.find((i) => i.answer.kind === 'yes_no');
  await page.click(`.rights li:nth-child(${pack.rights.findIndex((r) => r.id === ind.right) + 1}) button`);
  await page.check(`#v-${ind.id}-0`);
  // Evidence fingerprint: the file is read locally, never sent.
  await page.click(`#ind-${ind.id} details.more > summary`);
  const secret = `rahasia-${Date.now()}`;
  await page.setInputFiles(`#ev-${ind.id}-0-file`, { name: 'perda.pdf', mimeType: 'application/pdf', buffer: Buffer.from(secret) });
  await page.waitForFunction((id) => window.kkpham.ctx.answers.answers[id].evidence[0].sha256, ind.id);
  const a = await pageAnswers(page);
  const { createHash } = await import('node:crypto');
  assert.equal(a.answers[ind.id].evidence[0].sha256, createHash('sha256').update(secret).digest('hex'), 'SHA-256 computed in the browser');
  assert.equal(a.answers[ind.id].evidence[0].reference, 'perda.pdf');
  assert.ok(!JSON.stringify(a).includes(secret), 'the file content is not stored');
  await page.click('.toolbar button >> nth=0'); // export
  await page.click('.toolbar button >> nth=2'); // CSV
  await page.click('[data-view="report"]');
  await page.click('#lang-switch');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  await page.click('[data-view="start"]');
  // Import the CSV form through the engine.
  await openKanwil(page);
  await page.setInputFiles('.pack-choice input[accept^=".csv"]', path.join(ROOT, 'criteria', 'kkpham-22-2021.csv'));
  await page.waitForFunction(() => window.kkpham.ctx.summary?.id === 'kkpham-22-2021-csv');
  assert.equal(await page.evaluate(() => window.kkpham.ctx.pack.indicators.length), bundledPack().indicators.length, 'the CSV form became a pack');
  await page.waitForTimeout(200);
  const requests = log.requests;
  assert.ok(requests.length > 5, 'requests were recorded');
  const foreign = requests.filter((u) => !u.startsWith('data:') && origin(u) !== origin(app.url));
  assert.deepEqual(foreign, [], 'every request stays on the page origin');
  assert.deepEqual(await page.evaluate(() => window.__cspViolations), [], 'no CSP violation');
  assert.deepEqual(log.errors, []);
  assert.deepEqual(log.dialogs, []);
  await context.close();
});

test('hostile text in a pack and in an answers file is shown as text', { skip }, async () => {
  const { context, page, log } = await openPage(app);
  await gotoApp(page, app.url);
  const pack = bundledPack();
  const first = pack.indicators[0];
  first.text = { id: HOSTILE, en: HOSTILE };
  first.help = { id: HOSTILE2 };
  pack.title = { id: HOSTILE2 };
  pack.notice = { id: HOSTILE2, en: HOSTILE2 };
  pack.rights[0].name = { id: HOSTILE2 };
  pack.id = 'kkpham-hostile';
  if (first.answer.levels) first.answer.levels[0].label = { id: HOSTILE2 };
  if (first.evidence?.[0]) first.evidence[0].document = { id: HOSTILE2 };
  await openKanwil(page);
  await page.setInputFiles('.pack-choice input[accept^=".json"]', { name: 'hostile.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(pack)) });
  await page.waitForFunction(() => window.kkpham.ctx.summary?.id === 'kkpham-hostile');
  assert.equal(await page.textContent('.pack-title'), HOSTILE2);
  await createAssessment(page, { name: HOSTILE2 });
  assert.equal(await page.textContent(`#txt-${first.id}`), HOSTILE, 'indicator text shown exactly');
  assert.equal(await page.textContent('#right-h'), HOSTILE2);
  assert.match(await page.textContent('#notice'), /<img src=x onerror="window.__xss=1"><script>/);
  await page.click(`#ind-${first.id} details.more > summary`);
  await page.click('[data-view="report"]');
  assert.equal(await page.textContent('#rep-h'), HOSTILE2, 'region name shown exactly on the report');
  assert.equal(await page.locator('img').count(), 0);
  // An answers file carrying markup in its free-text fields.
  const file = await pageAnswers(page);
  file.region.name = HOSTILE;
  file.answers[first.id].note = HOSTILE2;
  file.answers[first.id].opd = HOSTILE;
  await page.click('[data-view="fill"]');
  await page.setInputFiles('#fill-import', { name: 'hostile.kkpham.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
  await page.waitForFunction((h) => window.kkpham.ctx.answers.region.name === h, HOSTILE);
  await page.goto(`${app.url}#`); // a fresh page load renders everything from storage
  await page.waitForSelector('body[data-ready="true"]');
  await page.waitForSelector('.fill-layout');
  assert.equal(await page.textContent('.toolbar .who strong'), HOSTILE);
  await page.click(`#ind-${first.id} details.more > summary`);
  assert.equal(await page.inputValue(`#note-${first.id}`), HOSTILE2);
  assert.equal(await page.inputValue(`#opd-${first.id}`), HOSTILE);
  await page.click('[data-view="report"]');
  assert.equal(await page.textContent('#rep-h'), HOSTILE);
  await page.click('[data-view="start"]');
  assert.ok((await page.textContent('table.saved')).includes(HOSTILE), 'saved list shows the name as text');
  await shot(page, '09-hostile-text');
  assert.equal(await page.locator('img').count(), 0, 'no <img> element was created');
  assert.equal(await page.locator('main script').count(), 0, 'no <script> element was created');
  assert.equal(await page.evaluate(() => window.__xss ?? null), null);
  assert.deepEqual(log.dialogs, [], 'no alert()');
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('a pack that is not valid is refused with its JSON path, and the previous pack stays', { skip }, async () => {
  const { context, page } = await openPage(app);
  await gotoApp(page, app.url);
  await page.waitForSelector('.pack-summary .hash');
  const sha = (await page.textContent('.pack-summary .hash')).trim();
  // On a first visit the bundled pack is shown from criteria/index.json and not yet in the engine.
  const engineBefore = await page.evaluate(() => window.kkpham.ctx.summary?.sha256 ?? null);
  const pack = bundledPack();
  pack.indicators[2].scoring.max_points = -5;
  await openKanwil(page);
  await page.setInputFiles('.pack-choice input[accept^=".json"]', { name: 'broken-pack.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(pack)) });
  // The refusal is shown where the file was chosen; the JSON path sits under "detail teknis".
  await page.waitForSelector('details.kanwil .errorbox');
  const box = await page.textContent('details.kanwil .errorbox');
  assert.match(box, /broken-pack\.json/);
  assert.match(box, /\$\.indicators\[2\]\.scoring/);
  assert.equal(await page.evaluate(() => window.kkpham.ctx.summary?.sha256 ?? null), engineBefore, 'the engine keeps the pack it had');
  // Back to the bundled pack: it is shown again and an assessment made now uses it.
  await page.click('.pack-choice input[type="radio"]');
  await page.waitForSelector('.pack-summary .hash');
  assert.equal((await page.textContent('.pack-summary .hash')).trim(), sha);
  await createAssessment(page, { name: 'Kabupaten Setelah Paket Rusak' });
  assert.equal(await page.evaluate(() => window.kkpham.ctx.summary.sha256), sha, 'the assessment uses the bundled pack');
  assert.ok(fs.existsSync(DIST));
  await context.close();
});
