// Evidence plan: the missing data dukung grouped by office as the engine (and the CLI's
// `kkpham plan`) computes it, printed one A4 page per office; and the pre-submission check.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import {
  DIST, PACK_FILE, SHOTS, missingPrerequisite, startApp, stopApp, openPage, gotoApp, shotScreen, nodeEngine,
  importAnswers, randomAnswers, cliJson, tempFiles, assertAxeClean, parseIdNumber,
} from './harness.mjs';

const skip = missingPrerequisite() || false;
let app;
let tab;
let answers;

// Pages of a PDF: pdfinfo when installed, else the page objects in the file.
function pdfPages(file) {
  try {
    const out = execFileSync('pdfinfo', [file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const m = /^Pages:\s+(\d+)/m.exec(out);
    if (m) return Number(m[1]);
  } catch {
    /* not installed */
  }
  const raw = fs.readFileSync(file).toString('latin1');
  return (raw.match(/\/Type\s*\/Page(?![s\w])/g) || []).length;
}

before(async () => {
  if (skip) return;
  app = await startApp();
  tab = await openPage(app);
  await gotoApp(tab.page, app.url);
  answers = await randomAnswers(5, { name: 'Kabupaten Contoh' });
  await importAnswers(tab.page, answers);
});

after(async () => {
  await stopApp(app);
});

test('the evidence plan lists, per office, what to bring and who signs it (= kkpham plan)', { skip }, async (t) => {
  const { page } = tab;
  const want = (await nodeEngine()).evidencePlan(answers);
  assert.ok(want.ok && want.offices.length > 1);
  const tmp = tempFiles({ 'a.kkpham.json': answers });
  const cli = await cliJson(['plan', '--format', 'json', '--pack', path.join(DIST, PACK_FILE), tmp.paths['a.kkpham.json']]);
  tmp.remove();
  if (cli) assert.deepEqual(cli.offices, want.offices, 'the wasm engine and the CLI agree');
  else t.diagnostic('native CLI not built: compared with the wasm engine only');
  await page.click('[data-view="plan"]');
  await page.waitForSelector('.plan-office');
  const shown = await page.$$eval('.plan-office', (els) => els.map((e) => ({
    opd: e.dataset.opd,
    items: [...e.querySelectorAll('tbody tr')].map((r) => r.dataset.indicator),
    signers: [...e.querySelectorAll('tbody tr')].map((r) => r.children[4].textContent),
    docs: [...e.querySelectorAll('tbody tr')].map((r) => r.children[2].textContent),
  })));
  assert.deepEqual(shown.map((o) => o.opd), want.offices.map((o) => o.opd), 'one checklist per office, in the engine\'s order');
  want.offices.forEach((o, k) => {
    assert.deepEqual(shown[k].items, o.items.map((i) => i.indicator), `${o.opd}: items`);
    assert.deepEqual(shown[k].signers, o.items.map((i) => i.signer.id), `${o.opd}: signed by`);
    assert.deepEqual(shown[k].docs, o.items.map((i) => i.document.id), `${o.opd}: documents`);
  });
  await assertAxeClean(page, 'evidence plan');
  await shotScreen(page, 'plan');
});

test('the pre-submission check lists each finding with the points it puts at risk', { skip }, async () => {
  const { page } = tab;
  const want = (await nodeEngine()).evidencePlan(answers).check;
  assert.ok(want.findings.length > 0);
  await page.click('a[href="#check-h"]');
  const rows = await page.$$eval('.check-table tbody tr', (rs) => rs.map((r) => ({
    kind: r.dataset.kind, indicator: r.dataset.indicator, points: r.lastElementChild.textContent,
  })));
  assert.deepEqual(rows.map((r) => [r.kind, r.indicator]), want.findings.map((f) => [f.kind, f.indicator]));
  rows.forEach((r, i) => assert.equal(parseIdNumber(r.points), Math.round(want.findings[i].points_at_risk * 100) / 100));
  const total = await page.textContent('.check-total');
  assert.ok(total.includes(String(want.points_at_risk.toFixed(2)).replace('.', ',')), `total points at risk shown: ${total}`);
  // A finding links to its indicator in the Fill view.
  const first = want.findings[0].indicator;
  await page.locator('.check-table tbody tr').first().locator('button').click();
  await page.waitForSelector(`#ind-${first}`);
  assert.equal(await page.evaluate(() => window.kkpham.ctx.view), 'fill');
  await page.click('[data-view="plan"]');
  await page.waitForSelector('.check-table');
  await page.locator('#check-h').scrollIntoViewIfNeeded();
  await shot(page);
});

async function shot(page) {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.locator('.plan-check').screenshot({ path: path.join(SHOTS, 'plan-check.png') });
}

test('printed, the plan is one A4 page per office', { skip }, async () => {
  const { page } = tab;
  const want = (await nodeEngine()).evidencePlan(answers);
  await page.click('[data-view="plan"]');
  await page.waitForSelector('.plan-office');
  await page.emulateMedia({ media: 'print' });
  const layout = await page.$$eval('.plan-office', (els) => els.map((e) => getComputedStyle(e).breakBefore));
  assert.equal(layout.length, want.offices.length);
  assert.deepEqual(layout.slice(1), Array(want.offices.length - 1).fill('page'), 'every office after the first starts a new page');
  assert.equal(await page.isVisible('.plan-check'), false, 'the check is not printed');
  assert.equal(await page.isVisible('.top'), false);
  fs.mkdirSync(SHOTS, { recursive: true });
  const pdf = path.join(SHOTS, 'evidence-plan.pdf');
  await page.pdf({ path: pdf, format: 'A4' });
  assert.equal(pdfPages(pdf), want.offices.length, 'the PDF has exactly one page per office');
  // One printed page (A4 width at 96 dpi, less the margins): the first office's checklist.
  await page.setViewportSize({ width: 690, height: 1000 });
  await page.locator('.plan-office').first().screenshot({ path: path.join(SHOTS, 'plan-print.png') });
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.emulateMedia({ media: 'screen' });
  assert.deepEqual(tab.log.errors, []);
});
