// The evidence plan screen with the reference pack's list of offices (issue 14, part 5): at most 20
// office pages, each one real office of the pack, headed by its full and short name; an indicator
// several offices share is on its lead office's page with the others named.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  DIST, PACK_FILE, missingPrerequisite, startApp, stopApp, openPage, gotoApp, importAnswers, randomAnswers, assertAxeClean,
} from './harness.mjs';

const skip = missingPrerequisite() || false;
let app;
let tab;

before(async () => {
  if (skip) return;
  app = await startApp();
  tab = await openPage(app);
  await gotoApp(tab.page, app.url);
  const answers = await randomAnswers(7, { name: 'Kabupaten OPD' });
  for (const a of Object.values(answers.answers)) a.evidence = [];  // nothing ready: every office has a page
  await importAnswers(tab.page, answers);
});

after(async () => {
  await stopApp(app);
});

test('one page per real office of the pack, at most 20, headed "full name (short name)"', { skip }, async () => {
  const { page } = tab;
  const pack = JSON.parse(fs.readFileSync(path.join(DIST, PACK_FILE), 'utf8'));
  const offices = new Map(pack.offices.map((o) => [o.id, o]));
  await page.click('[data-view="plan"]');
  await page.waitForSelector('.plan-office');
  const shown = await page.$$eval('.plan-office', (els) => els.map((e) => ({
    office: e.dataset.office,
    head: e.querySelector('h3').textContent,
    rows: [...e.querySelectorAll('tbody tr')].map((r) => ({ id: r.dataset.indicator, text: r.children[3].textContent })),
  })));
  assert.ok(shown.length >= 10 && shown.length <= 20, `${shown.length} office pages`);
  assert.equal(new Set(shown.map((s) => s.office)).size, shown.length, 'no office twice');
  for (const s of shown) {
    const o = offices.get(s.office);
    assert.ok(o, `${s.office} is an office of the pack`);
    assert.equal(s.head, o.short_name === o.name.id ? o.name.id : `${o.name.id} (${o.short_name})`);
  }
  const dlh = shown.find((s) => s.office === 'dlh');
  assert.equal(dlh.head, 'Dinas Lingkungan Hidup (DLH)');
  const bkpsdm = shown.find((s) => s.office === 'bkpsdm');
  const shared = bkpsdm.rows.find((r) => r.id === 'KERJA-S2');
  assert.match(shared.text, /OPD: BKPSDM, Disnaker/);
  await assertAxeClean(page, 'evidence plan with office pages');
});
