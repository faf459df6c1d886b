// The user guide's screenshots (docs/panduan.md → docs/img/*.png), taken from the running app
// as a user sees it at 1100×700. They land in build/screenshots/docs/; with
// KKPHAM_UPDATE_DOCS=1 they are also written to docs/img/ (commit them), so a fresh checkout
// has every picture the guide shows:
//   KKPHAM_UPDATE_DOCS=1 node --test tests/e2e/docshots.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  ROOT, SHOTS, missingPrerequisite, startApp, stopApp, openPage, gotoApp, importAnswers, randomAnswers, bundledPack,
  settle, goToRight,
} from './harness.mjs';

const skip = missingPrerequisite() || false;
const UPDATE = process.env.KKPHAM_UPDATE_DOCS === '1';
const OUT = path.join(SHOTS, 'docs');
const IMG = path.join(ROOT, 'docs', 'img');
let app;

before(async () => {
  if (!skip) app = await startApp();
});
after(async () => {
  await stopApp(app);
});

async function picture(page, name) {
  await page.evaluate(() => {
    const st = document.getElementById('status');
    if (st) st.textContent = '';
  });
  await settle(page);
  fs.mkdirSync(OUT, { recursive: true });
  const file = path.join(OUT, `${name}.png`);
  await page.screenshot({ path: file });
  assert.ok(fs.statSync(file).size > 10000, `${name}: a real picture`);
  if (UPDATE) fs.copyFileSync(file, path.join(IMG, `${name}.png`));
}

test('the guide\'s pictures of Start, Fill, a wrong value, the explanation, a refused import, the report', { skip }, async () => {
  const { page, log } = await openPage(app, { viewport: { width: 1100, height: 700 } });
  await gotoApp(page, app.url);
  await page.waitForSelector('.pack-line .hash');
  await picture(page, 'mulai');
  // A refused file: an Excel workbook chosen instead of the answers file.
  const xlsx = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04, 20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 15, 0, 0, 0]), Buffer.from('xl/workbook.xml')]);
  await page.setInputFiles('section[aria-labelledby="imp-h"] input[type="file"]', { name: 'LKE KKP HAM 2025.xlsx', mimeType: 'application/octet-stream', buffer: xlsx });
  await page.waitForSelector('section[aria-labelledby="imp-h"] .errorbox');
  await page.locator('section[aria-labelledby="imp-h"]').scrollIntoViewIfNeeded();
  await picture(page, 'berkas-salah');
  // An answers file with one value out of range: refused, the indicator named.
  const pack = bundledPack();
  const answers = await randomAnswers(7, { name: 'Kabupaten Contoh', province: 'Jawa Tengah' });
  const bad = structuredClone(answers);
  const pct = pack.indicators.find((i) => i.answer.kind === 'percent' && !bad.answers[i.id].na);
  bad.answers[pct.id] = { ...bad.answers[pct.id], value: 250 };
  delete bad.answers[pct.id].numerator;
  delete bad.answers[pct.id].denominator;
  await page.setInputFiles('section[aria-labelledby="imp-h"] input[type="file"]', { name: 'kabupaten-contoh-2025.kkpham.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bad)) });
  await page.waitForFunction(() => document.querySelector('section[aria-labelledby="imp-h"] .errorbox')?.textContent.includes('kabupaten-contoh'));
  await page.locator('section[aria-labelledby="imp-h"]').scrollIntoViewIfNeeded();
  await picture(page, 'impor-ditolak');
  // Fill.
  await importAnswers(page, answers);
  await page.evaluate(() => window.scrollTo(0, 0));
  await picture(page, 'isian');
  // A wrong value at its field.
  const ind = pack.indicators.find((i) => i.answer.kind === 'percent' && i.right === pack.rights[0].id);
  await goToRight(page, ind.right);
  const na = await page.$(`#na-${ind.id}`);
  if (na && (await na.isChecked())) await na.uncheck();
  await page.fill(`#val-${ind.id}`, '150');
  await page.waitForSelector(`#err-${ind.id}:not([hidden])`);
  await page.locator(`#ind-${ind.id}`).scrollIntoViewIfNeeded();
  await picture(page, 'isian-salah');
  await page.fill(`#val-${ind.id}`, '75');
  // How a score was computed.
  const first = pack.indicators.find((i) => i.right === pack.rights[0].id);
  await page.click(`#ind-${first.id} .pts`);
  await page.waitForSelector('#dialog[open]');
  await picture(page, 'cara-menghitung');
  await page.keyboard.press('Escape');
  // The report and its signature block.
  await page.click('[data-view="report"]');
  await page.waitForSelector('.report');
  await page.fill('#sign-approved-name', 'Dr. Contoh Sekda, M.Si.');
  await page.fill('#sign-approved-nip', '19700101 199003 1 001');
  await page.fill('#sign-prepared-name', 'Budi Santoso, S.H.');
  await page.fill('#sign-prepared-nip', '19850505 201001 1 002');
  await page.fill('#sign-prepared-place', 'Kota Contoh');
  await page.fill('#sign-prepared-date', '2026-02-03');
  await page.evaluate(() => window.scrollTo(0, 0));
  await picture(page, 'laporan');
  await page.locator('.rep-sign').scrollIntoViewIfNeeded();
  await page.evaluate(() => window.scrollBy(0, 200));
  await picture(page, 'laporan-tanda-tangan');
  // Large text for a projector.
  await page.click('[data-view="fill"]');
  await page.waitForSelector('.fill-layout');
  await page.click('#large-switch');
  await page.evaluate(() => window.scrollTo(0, 0));
  await picture(page, 'layar-besar');
  await page.click('#large-switch');
  assert.deepEqual(log.errors, []);
  await page.context().close();
});
