// Two users' walks through the new screens, end to end, on the screen sizes they have:
// 1. The Bagian Hukum coordinator (1366×768 office PC): the master is brought in (last year's
//    answers with their data dukung, the environment office's part still open); the offices
//    screen splits it; the DLH package opens in office mode, where the office answers and attaches
//    its files (chosen, hashed here); the return is merged; the folder of data dukung is checked
//    (file times in whole seconds, the CLI's format); the gate is complete; the gap view leads
//    to "Susun paket"; the package is built and downloaded.
// 2. The Kanwil verifier (projector, a fresh browser): the package is opened from Start, found
//    intact and complete with the node engine's score, and the sheet prints on one A4 page.
// Along the way: no raw catalog key, no English in the Indonesian UI (and the reverse), no
// console error, nothing sent to another origin, the office cell's full name on hover.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  missingPrerequisite, startApp, stopApp, openPage, gotoApp, importAnswers, bundledPack, nodeEngine,
  enterAnswer, goToRight, settle, shot, randomAnswers,
} from './harness.mjs';

const skip = missingPrerequisite() || false;
let app;
let tmp;
let pack;
const OFFICE = 'dlh';
let zipPath = null; // the package the coordinator built, for the Kanwil
let expectedTotal = null;

before(async () => {
  if (skip) return;
  app = await startApp();
  pack = bundledPack();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kkpham-journeys-'));
});
after(async () => {
  await stopApp(app);
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

const sha = (data) => crypto.createHash('sha256').update(data).digest('hex');
const officesOf = (ind) => ind.offices || pack.rights.find((r) => r.id === ind.right).offices || [];
const origin = (u) => {
  try {
    return new URL(u).origin;
  } catch {
    return null;
  }
};

// A file time with milliseconds, so that a recorded time in another format shows.
const FILE_TIME = Date.UTC(2025, 10, 3, 9, 15, 42, 678);
const FILE_TIME_TEXT = '2025-11-03T09:15:42Z';

function writeEvidence(dir, name, content) {
  const p = path.join(dir, name);
  fs.writeFileSync(p, content);
  fs.utimesSync(p, FILE_TIME / 1000, FILE_TIME / 1000);
  return p;
}

/**
 * The words on screen that must not appear: a raw catalog key (a dotted key the catalog has,
 * shown as is), a JSON path outside "detail teknis", English words in the Indonesian UI.
 */
async function wordingProblems(page, lang) {
  const catalog = JSON.parse(fs.readFileSync(path.join(path.dirname(new URL(import.meta.url).pathname), '..', '..', 'web', 'i18n', `${lang}.json`), 'utf8'));
  return page.evaluate(({ keys, lang }) => {
    const main = document.querySelector('main') ?? document.body;
    // Text outside "detail teknis" (details.tech) and code samples.
    const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
    const texts = [];
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || el.closest('details.tech, code, pre, .sr-only, [hidden], script, style, ul.legal') || !el.checkVisibility()) continue;
      if (el.closest('details:not([open])') && !el.closest('summary')) continue;
      const s = n.textContent.trim();
      if (s) texts.push(s);
    }
    const all = texts.join('\n');
    const problems = [];
    for (const k of keys) if (all.includes(k)) problems.push(`raw key ${k}`);
    for (const m of all.match(/\$?\.?answers\.[A-Z0-9-]+\.(value|evidence)\b|\b[a-z]+\.[a-z_]+\.[a-z_]+\b(?=\s|$)/g) ?? []) problems.push(`path or code ${m}`);
    if (lang === 'id') {
      for (const w of ['Evidence', 'Package', 'Office', 'Folder check', 'Merge', 'Download', 'Choose', 'Verify', ' the ', 'Loading']) {
        const at = all.indexOf(w);
        if (at >= 0) problems.push(`English "${w.trim()}" in the Indonesian UI: …${all.slice(Math.max(0, at - 40), at + 40)}…`);
      }
    } else {
      for (const w of ['Unduh', 'Pilih ', 'Paket ', 'Kirim kembali', 'Periksa ', ' yang ', ' dan ']) {
        const at = all.indexOf(w);
        if (at >= 0) problems.push(`Indonesian "${w.trim()}" in the English UI: …${all.slice(Math.max(0, at - 40), at + 40)}…`);
      }
    }
    return problems;
  }, { keys: Object.keys(catalog).filter((k) => /^[a-z]+\.[A-Za-z]+(\.[A-Za-z]+)?$/.test(k) && k.split('.')[1].length > 3), lang });
}

/** Text that does not fit its box at this viewport (cut or spilling out), as "tag.class: text". */
async function overflowing(page, scope = 'main') {
  return page.evaluate((scope) => {
    const out = [];
    for (const el of document.querySelectorAll(`${scope} button, ${scope} label.button, ${scope} th, ${scope} h1, ${scope} h2, ${scope} .gate-verdict`)) {
      if (!el.offsetParent) continue;
      const r = el.getBoundingClientRect();
      if (r.right > document.documentElement.clientWidth + 1) out.push(`${el.tagName.toLowerCase()}.${el.className}: ${el.textContent.trim().slice(0, 40)} (right edge ${Math.round(r.right)})`);
      else if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflow !== 'visible') out.push(`${el.tagName.toLowerCase()}.${el.className}: ${el.textContent.trim().slice(0, 40)} (cut)`);
    }
    return out;
  }, scope);
}

/** File inputs showing the browser's own button and words ("Choose Files"), not the app's. */
async function nativeFileInputs(page) {
  return page.$$eval('main input[type="file"]', (inputs) => inputs
    .filter((i) => i.checkVisibility() && i.getBoundingClientRect().width > 2 && getComputedStyle(i).opacity !== '0')
    .map((i) => i.id || i.className));
}

/** Where the keyboard focus is: "tag#id.class" ("body" when it was lost). */
async function focused(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return 'body';
    return `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className ? `.${String(el.className).split(' ').join('.')}` : ''}`;
  });
}

async function downloadOf(page, click) {
  for (let attempt = 0; ; attempt += 1) {
    try {
      const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 15000 }), click()]);
      const file = await dl.path();
      return { name: dl.suggestedFilename(), path: file, bytes: fs.readFileSync(file) };
    } catch (err) {
      if (attempt > 0) throw err;
    }
  }
}

/**
 * The master: the engine's "max" answers, every evidence item ready and referencing a file in
 * `dir`, except the environment office's indicators, which are left open for it.
 */
async function masterAssessment(dir) {
  const engine = await nodeEngine();
  const r = engine.makeTemplate({ fill: 'max', data_year: 2025, assessment_year: 2026,
    region: { name: 'Kabupaten Perjalanan', kind: 'kabupaten', province: 'Jawa Tengah', code: '33.06' } });
  assert.equal(r.ok, true, JSON.stringify(r.errors));
  const answers = r.answers;
  const full = structuredClone(answers.answers);
  const mine = pack.indicators.filter((ind) => officesOf(ind).includes(OFFICE));
  for (const ind of pack.indicators) {
    if (!answers.answers[ind.id]) continue;
    if (mine.includes(ind)) {
      delete answers.answers[ind.id];
      continue;
    }
    if (!ind.evidence?.length) continue;
    answers.answers[ind.id].evidence = ind.evidence.map((ev) => {
      const name = `${ind.id}-${ev.id}.pdf`;
      const content = `%PDF-1.7 ${ind.id} ${ev.id}`;
      writeEvidence(dir, name, content);
      return { id: ev.id, status: 'ready', reference: name, sha256: sha(content) };
    });
  }
  return { answers, full, mine };
}

test('coordinator: split per office, office mode with files, merge, folder check, gate, gap → package', { skip, timeout: 300000 }, async () => {
  const evidenceDir = path.join(tmp, 'data-dukung');
  fs.mkdirSync(evidenceDir, { recursive: true });
  const { answers, full, mine } = await masterAssessment(evidenceDir);
  const { context, page, log } = await openPage(app, { viewport: { width: 1366, height: 768 } });
  // The office PC's browser lets no page choose where a file is saved: the ZIP is downloaded.
  await context.addInitScript(() => {
    window.showSaveFilePicker = undefined;
  });
  await gotoApp(page, app.url);
  const masterKey = await importAnswers(page, answers, 'kabupaten-perjalanan-2025.kkpham.json');

  // The worksheet's office cell: short names, the full name on hover and for a screen reader.
  await page.click('#fill-view-sheet');
  const lingRow = `#sh-r-${mine[0].id} td.sh-office`;
  await page.waitForSelector(lingRow);
  assert.equal(await page.getAttribute(lingRow, 'title'), 'Dinas Lingkungan Hidup', 'the full office name on hover');
  assert.match(await page.textContent(lingRow), /^DLH \(Dinas Lingkungan Hidup\)$/, 'the full name for a screen reader');
  await page.click('#fill-view-cards');

  // Split: one package per office; the DLH one downloaded.
  await page.click('[data-view="offices"]');
  await page.waitForSelector('#offices-make');
  await shot(page, 'qa-offices-id');
  assert.deepEqual(await wordingProblems(page, 'id'), [], 'offices screen wording');
  assert.deepEqual(await overflowing(page), [], 'offices screen fits 1366×768');
  await page.click('#offices-make');
  await page.waitForSelector('#offices-made');
  assert.equal(await focused(page), 'p#offices-made', 'the focus goes to what was made');
  const pkgFile = await downloadOf(page, () => page.click(`.offices-packages tr[data-office="${OFFICE}"] .offices-download`));
  assert.deepEqual(await wordingProblems(page, 'id'), [], 'offices screen wording after the split');
  assert.deepEqual(await overflowing(page), [], 'packages table fits 1366×768');
  await shot(page, 'qa-offices-made-id');

  // Office mode: the office answers and attaches a file to each evidence item.
  await importAnswers(page, JSON.parse(pkgFile.bytes.toString('utf8')), pkgFile.name);
  await page.waitForSelector('#office-h');
  assert.match(await page.textContent('#office-h'), /DLH/);
  const officeFiles = [];
  for (const ind of mine) {
    await goToRight(page, ind.right);
    await enterAnswer(page, ind, { value: full[ind.id].value }, { comma: true });
    await page.click(`#ind-${ind.id} details.more > summary`);
    for (const [k, ev] of ind.evidence.entries()) {
      const name = `${ind.id}-${ev.id}-dlh.pdf`;
      const content = `%PDF-1.7 DLH ${ind.id} ${ev.id}`;
      const p = writeEvidence(evidenceDir, name, content);
      await page.focus(`#ev-${ind.id}-${k}-file`); // as after a click on "Pilih berkas…"
      await page.setInputFiles(`#ev-${ind.id}-${k}-file`, p);
      await page.waitForFunction(({ id, evId, want }) => window.kkpham.ctx.answers.answers[id]?.evidence?.find((e) => e.id === evId)?.sha256 === want,
        { id: ind.id, evId: ev.id, want: sha(content) });
      officeFiles.push(name);
      assert.match(await focused(page), new RegExp(`^input#ev-${ind.id}-${k}-file`), 'the focus stays on the chooser after a file is attached');
    }
  }
  const attached = await page.evaluate((id) => window.kkpham.ctx.answers.answers[id].evidence[0], mine[0].id);
  assert.equal(attached.modified, FILE_TIME_TEXT, 'an attached file\'s time in whole seconds, as the CLI writes it');
  await page.fill('#office-fb-name', 'Operator DLH');
  await page.locator('#office-fb-name').blur();
  await settle(page);
  assert.match(await page.textContent('#office-progress'), new RegExp(`${mine.length}/${mine.length}`));
  assert.deepEqual(await wordingProblems(page, 'id'), [], 'office mode wording');
  await shot(page, 'qa-office-mode-id');
  const back = await downloadOf(page, () => page.click('#office-send'));

  // Back to the master; the return merged.
  await page.click('[data-view="start"]');
  await page.click(`.saved tr[data-key="${masterKey}"] button.primary`);
  await page.waitForSelector('.fill-layout');
  await page.click('[data-view="offices"]');
  await page.waitForSelector('#offices-returns', { state: 'attached' });
  await page.setInputFiles('#offices-returns', { name: back.name, mimeType: 'application/json', buffer: back.bytes });
  await page.waitForSelector('#offices-report');
  assert.equal(await focused(page), 'p.offices-summary', 'the focus goes to what the merge did');
  assert.deepEqual(await wordingProblems(page, 'id'), [], 'merge report wording');
  assert.deepEqual(await overflowing(page), [], 'merge report fits 1366×768');
  await shot(page, 'qa-merged-id', { fullPage: true });
  const merged = await page.evaluate(() => JSON.parse(JSON.stringify(window.kkpham.ctx.answers)));
  for (const ind of mine) {
    assert.deepEqual(merged.answers[ind.id].value, full[ind.id].value, `${ind.id} merged`);
    assert.equal(merged.answers[ind.id].evidence.every((e) => e.status === 'ready' && e.sha256), true, `${ind.id}: its files came with it`);
  }

  // The folder check, reached from the gate beside the score: every item found, the times as
  // the CLI lists them.
  await page.click('[data-view="fill"]');
  await page.click('#score-gate [data-go="evidence"]');
  await page.waitForSelector('#evc-folder', { state: 'attached' });
  await page.setInputFiles('#evc-folder', evidenceDir);
  await page.waitForSelector('#view-evidence .evc-results', { timeout: 60000 });
  assert.equal(await focused(page), 'h2#evc-gate-h.gate-title', 'the focus goes to the verdict of the check');
  assert.equal(await page.getAttribute('#view-evidence .evc-results > .gate', 'data-complete'), 'true', await page.textContent('#view-evidence .evc-results > .gate'));
  const times = await page.evaluate(async () => (await import('./state/evidence-files.js')).checkedFiles().map((f) => f.mtime));
  assert.ok(times.length > officeFiles.length);
  assert.deepEqual([...new Set(times)], [FILE_TIME_TEXT], 'every checked file\'s time in whole seconds');
  assert.deepEqual(await wordingProblems(page, 'id'), [], 'folder check wording');
  assert.deepEqual(await overflowing(page), [], 'folder check fits 1366×768');
  await shot(page, 'qa-evidence-id');

  // The gap view: the package is complete, so its next step is offered.
  await page.click('[data-view="gap"]');
  await page.waitForSelector('#view-gap .gap-package .gate[data-complete="true"]');
  assert.deepEqual(await wordingProblems(page, 'id'), [], 'gap view wording');
  await page.click('#gap-to-package');
  await page.waitForSelector('.pkg-build');
  assert.equal(await focused(page), 'main#main', 'the new screen starts at its top, the focus with it');
  assert.match(await page.textContent('.pkg-folder'), /Folder sudah diperiksa: \d+ berkas, 0,\d\d MB/, 'the folder checked before is used, its size not written as 0,0 MB');
  assert.deepEqual(await nativeFileInputs(page), [], 'the folder is chosen with a button in the app\'s language');
  const counts = await page.textContent('.pkg-counts');
  for (const word of ['Ditemukan', 'Tidak ditemukan', 'Berubah sejak dirujuk', 'Belum dirujuk']) {
    assert.ok(counts.toLowerCase().includes(word.toLowerCase()), `the package screen counts with the folder check's words: "${word}" in "${counts}"`);
  }
  assert.deepEqual(await wordingProblems(page, 'id'), [], 'package screen wording');
  assert.deepEqual(await overflowing(page), [], 'package screen fits 1366×768');
  await shot(page, 'qa-package-id');
  const zip = await downloadOf(page, () => page.click('#pkg-build'));
  await page.waitForSelector('[data-outcome="built"]');
  assert.match(await focused(page), /^div\.okbox/, 'the focus goes to the outcome of the build');
  assert.match(zip.name, /\.zip$/);
  zipPath = path.join(tmp, zip.name);
  fs.writeFileSync(zipPath, zip.bytes);
  const engine = await nodeEngine();
  const s = engine.score(merged);
  assert.equal(s.ok, true);
  expectedTotal = Math.round(s.total * 100) / 100;

  // The same screens in English: no Indonesian left, no raw key.
  await page.click('#lang-switch');
  await page.waitForSelector('html[lang="en"]');
  assert.deepEqual(await wordingProblems(page, 'en'), [], 'package screen wording (English)');
  for (const view of ['offices', 'gap', 'fill']) {
    await page.click(`[data-view="${view}"]`);
    await settle(page);
    assert.deepEqual(await wordingProblems(page, 'en'), [], `${view} wording (English)`);
    assert.deepEqual(await overflowing(page), [], `${view} fits 1366×768 (English)`);
  }
  await page.click('[data-view="gap"]');
  assert.match(await page.textContent('#view-gap .gap-package .gate-pack-rule'), /structure, process, outcome/, 'the pack\'s rule names the types in English');
  await shot(page, 'qa-gap-en');
  await page.click('#lang-switch');
  await page.waitForSelector('html[lang="id"]');

  assert.deepEqual(log.errors, [], 'no console error');
  const foreign = log.requests.filter((u) => !u.startsWith('blob:') && !u.startsWith('data:') && origin(u) !== origin(app.url));
  assert.deepEqual(foreign, [], 'nothing leaves the page origin');
});

test('coordinator, too early: the package screen lists the first reasons, each leading to its indicator, and folds the rest', { skip, timeout: 120000 }, async () => {
  const { page, log } = await openPage(app, { viewport: { width: 1366, height: 768 } });
  await gotoApp(page, app.url);
  await importAnswers(page, await randomAnswers(11), 'kabupaten-acak-2025.kkpham.json');
  await page.click('[data-view="report"]');
  await page.click('#report-package');
  await page.waitForSelector('.pkg-build');
  assert.equal(await page.getAttribute('.pkg-verdict', 'data-complete'), 'false');
  const shown = await page.$$eval('.pkg-gate > ul.pkg-reasons > li', (lis) => lis.length);
  assert.ok(shown > 0 && shown <= 10, `at most 10 reasons before the fold (${shown})`);
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  assert.ok(height < 768 * 6, `the package screen stays short enough to reach the build (${height} px)`);
  const reasonFor = await page.getAttribute('.pkg-gate > ul.pkg-reasons > li[data-indicator] ', 'data-indicator');
  await page.click(`.pkg-gate > ul.pkg-reasons > li[data-indicator="${reasonFor}"] button`);
  await page.waitForFunction((id) => window.kkpham.ctx.view === 'fill' && document.activeElement?.closest(`#ind-${id}`), reasonFor);

  const reasons = await page.evaluate(() => window.kkpham.ctx.engine.gate(window.kkpham.ctx.answers).gate.reasons.length);
  assert.ok(reasons > 10, `this assessment has more reasons than are shown (${reasons})`);
  assert.deepEqual(log.errors, [], 'no console error');
});

test('Kanwil: a fresh browser opens the package from Start, intact and complete, and prints one sheet', { skip, timeout: 180000 }, async (t) => {
  if (!zipPath) return t.skip('the coordinator\'s journey did not build a package');
  const { page, log } = await openPage(app, { viewport: { width: 1280, height: 720 } });
  await gotoApp(page, app.url);
  await page.click('details.kanwil > summary');
  await page.click('#start-verify');
  await page.waitForSelector('.verify-input', { state: 'attached' });
  assert.deepEqual(await wordingProblems(page, 'id'), [], 'verify screen wording');
  assert.deepEqual(await nativeFileInputs(page), [], 'the package is chosen with a button in the app\'s language');
  await page.setInputFiles('.verify-input', zipPath);
  await page.waitForSelector('.verify-sheet', { timeout: 60000 });
  assert.notEqual(await focused(page), 'body', 'the focus goes to the verification result');
  assert.equal(await page.getAttribute('.verify-sheet', 'data-intact'), 'true', await page.textContent('.verify-result'));
  assert.equal(await page.getAttribute('.verify-sheet', 'data-complete'), 'true', await page.textContent('.verify-result'));
  assert.equal(Number(await page.getAttribute('[data-total]', 'data-total')), expectedTotal);
  assert.match(await page.textContent('.verify-sheet'), /Kabupaten Perjalanan/);
  assert.match(await page.textContent('.verify-sheet'), /\d+ berkas, 0,\d\d MB dicocokkan/, 'the size in the Indonesian way, two decimals below 1 MB');
  assert.deepEqual(await wordingProblems(page, 'id'), [], 'verification sheet wording');
  assert.deepEqual(await overflowing(page), [], 'verification sheet fits the projector');
  await shot(page, 'qa-verify-id', { fullPage: true });
  const pdf = (await page.pdf({ format: 'A4', preferCSSPageSize: true })).toString('latin1');
  assert.equal((pdf.match(/\/Type\s*\/Page(?!s)/g) ?? []).length, 1, 'the verification sheet prints on one A4 page');
  await page.click('#lang-switch');
  await page.waitForFunction(() => document.querySelector('.verify-sheet')?.textContent.includes('YES, intact'));
  const englishPredicate = bundledPack().aggregation.predicates.find((p) => p.name.id === 'Peduli HAM').name.en;
  assert.match(await page.textContent('.verify-sheet'), new RegExp(`100\\.00 — ${englishPredicate}`), 'the predicate in English on the English sheet');
  assert.deepEqual(await wordingProblems(page, 'en'), [], 'verification sheet wording (English)');
  await shot(page, 'qa-verify-en', { fullPage: true });
  assert.deepEqual(log.errors, [], 'no console error');
});
