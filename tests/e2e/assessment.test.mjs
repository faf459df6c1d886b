// A whole assessment through the UI: every indicator of the bundled pack is answered with the
// inputs a person would use; the live total must equal the native CLI's total (and the wasm
// engine's) for the same answers; a reload must bring back every answer; export → import must
// be lossless; a malformed import must be refused with a message and change nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import {
  ROOT, DIST, PACK_FILE, missingPrerequisite, startApp, stopApp, openPage, gotoApp, shot, nodeEngine,
  bundledPack, createAssessment, goToRight, enterAnswer, enterEvidence, pageAnswers, storedAssessments, liveTotal,
} from './harness.mjs';

const skip = missingPrerequisite() || false;
let app;
let tab;
let expected; // the answers file the UI is filled from
let pack;

function nativeCli() {
  const candidates = [
    process.env.KKPHAM_NATIVE_CLI,
    path.join(ROOT, 'build', 'native', 'tools', 'kkpham', 'kkpham'),
    path.join(ROOT, 'build', 'native', 'kkpham'),
  ].filter(Boolean);
  return candidates.find((c) => fs.existsSync(c)) ?? null;
}

function cliScore(answers) {
  const cli = nativeCli();
  if (!cli) return null;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kkpham-e2e-'));
  const file = path.join(dir, 'answers.kkpham.json');
  fs.writeFileSync(file, JSON.stringify(answers));
  try {
    const out = execFileSync(cli, ['score', '--format', 'json', '--pack', path.join(DIST, PACK_FILE), file], { encoding: 'utf8' });
    return JSON.parse(out);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function withoutStamp(a) {
  const { updated_at: _u, ...rest } = a;
  return rest;
}

before(async () => {
  if (skip) return;
  app = await startApp();
  tab = await openPage(app);
  pack = bundledPack();
  const engine = await nodeEngine();
  const tpl = engine.makeTemplate({
    fill: 'random', seed: 20261123, data_year: 2025, assessment_year: 2026,
    region: { name: 'Kabupaten Contoh', kind: 'kabupaten', province: 'Jawa Tengah', code: '33.06' },
  });
  assert.ok(tpl.ok);
  expected = tpl.answers;
  await gotoApp(tab.page, app.url);
});

after(async () => {
  await stopApp(app);
});

test('fill a whole assessment through the UI: the live total equals the native CLI and the wasm engine', { skip }, async (t) => {
  const { page } = tab;
  await shot(page, '01-start', { fullPage: true });
  await createAssessment(page);
  let n = 0;
  for (const right of pack.rights) {
    await goToRight(page, right.id);
    for (const ind of pack.indicators.filter((i) => i.right === right.id)) {
      const a = expected.answers[ind.id];
      // Every third number is typed with an Indonesian decimal comma.
      await enterAnswer(page, ind, a, { comma: n % 3 === 0 });
      await enterEvidence(page, ind, a, { references: right.id === pack.rights[0].id });
      n += 1;
    }
    if (right.id === pack.rights[0].id) {
      await page.evaluate(() => window.scrollTo(0, 0));
      await shot(page, '02-fill');
    }
  }
  assert.equal(n, pack.indicators.length);

  const ui = await pageAnswers(page);
  const engine = await nodeEngine();
  const want = engine.score(expected);
  assert.ok(want.ok, 'the generated answers score');
  const got = engine.score(ui);
  assert.ok(got.ok, `the answers the UI built validate: ${JSON.stringify(got.errors)}`);
  // Same values entered → same result, indicator by indicator.
  for (const [i, r] of want.indicators.entries()) {
    const g = got.indicators[i];
    assert.deepEqual([g.id, g.status, g.points, g.evidenced], [r.id, r.status, r.points, r.evidenced], `indicator ${r.id}`);
  }
  const shown = await liveTotal(page);
  assert.equal(shown, want.total, 'live total on screen = wasm total of the generated answers');
  assert.equal(await page.evaluate(() => window.kkpham.ctx.result.total), want.total);

  const cli = cliScore(ui);
  if (cli) {
    assert.ok(cli.ok, 'the CLI scores the UI answers');
    assert.equal(shown, cli.total, 'live total on screen = native CLI total');
    assert.equal(await page.textContent('.pred'), await page.evaluate((name) => `Predikat: ${name}`, cli.predicate.name.id));
  } else {
    t.diagnostic('native CLI not found (KKPHAM_NATIVE_CLI): compared with the wasm engine only');
  }
  assert.deepEqual(tab.log.errors, []);
});

test('a reload restores every answer exactly, in storage and on screen', { skip }, async () => {
  const { page } = tab;
  const before = await pageAnswers(page);
  const stored = await storedAssessments(page);
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
  await page.waitForSelector('.fill-layout');
  assert.deepEqual(await pageAnswers(page), before, 'answers after reload');
  assert.deepEqual(await storedAssessments(page), stored, 'storage untouched by a reload (texts and versions)');
  for (const right of pack.rights) {
    await goToRight(page, right.id);
    const onScreen = await page.evaluate((ids) => ids.map((id) => {
      const val = document.getElementById(`val-${id}`);
      const na = document.getElementById(`na-${id}`);
      const radios = [...document.querySelectorAll(`input[name="v-${id}"]`)];
      const ev = [...document.querySelectorAll(`#ind-${id} input[id$="-ready"]`)].map((x) => x.checked);
      return { id, val: val ? val.value : null, na: na ? na.checked : false, radio: radios.findIndex((r) => r.checked), ev };
    }), pack.indicators.filter((i) => i.right === right.id).map((i) => i.id));
    for (const s of onScreen) {
      const ind = pack.indicators.find((i) => i.id === s.id);
      const a = before.answers[s.id];
      assert.equal(s.na, Boolean(a.na), `${s.id} N/A`);
      if (!a.na && a.value !== null && a.value !== undefined) {
        if (ind.answer.kind === 'yes_no') assert.equal(s.radio, a.value ? 0 : 1, `${s.id} yes/no`);
        else if (ind.answer.kind === 'level') assert.equal(s.radio, ind.answer.levels.findIndex((l) => l.id === a.value), `${s.id} level`);
        else assert.equal(Number(s.val.replace(',', '.')), a.value, `${s.id} number`);
      } else if (ind.answer.kind === 'yes_no' || ind.answer.kind === 'level') {
        assert.equal(s.radio, -1, `${s.id} stays unanswered`);
      }
      const wantEv = (ind.evidence || []).map((p) => (a.evidence || []).some((e) => e.id === p.id && e.status === 'ready'));
      assert.deepEqual(s.ev, wantEv, `${s.id} evidence checklist`);
    }
  }
});

test('export → import is lossless', { skip }, async () => {
  const { page } = tab;
  const current = await pageAnswers(page);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('.toolbar button >> nth=0')]);
  assert.match(download.suggestedFilename(), /^kabupaten-contoh-2025\.kkpham\.json$/);
  const text = fs.readFileSync(await download.path(), 'utf8');
  const exported = JSON.parse(text);
  assert.deepEqual(exported, current, 'the exported file is the assessment');
  const keyBefore = await page.evaluate(() => window.kkpham.ctx.key);
  await page.setInputFiles('#fill-import', { name: 'round-trip.kkpham.json', mimeType: 'application/json', buffer: Buffer.from(text) });
  // The file is the open assessment itself: the import asks (never a silent duplicate); keep both.
  await page.waitForSelector('#dialog[open] [data-choice="both"]');
  await page.click('#dialog [data-choice="both"]');
  await page.waitForFunction((k) => window.kkpham.ctx.key !== k, keyBefore);
  assert.deepEqual(await pageAnswers(page), exported, 'the imported assessment equals the file');
  const [again] = await Promise.all([page.waitForEvent('download'), page.click('.toolbar button >> nth=0')]);
  assert.equal(fs.readFileSync(await again.path(), 'utf8'), text, 're-export is byte-identical');
  const list = (await storedAssessments(page)).index.length;
  assert.equal(list, 2, 'the import is saved as a second assessment');
  assert.equal(await liveTotal(page), cliScore(exported)?.total ?? (await nodeEngine()).score(exported).total);
});

test('a malformed import is refused with a message naming the JSON path, and nothing changes', { skip }, async () => {
  const { page } = tab;
  const answers = await pageAnswers(page);
  const stored = await storedAssessments(page);
  const key = await page.evaluate(() => window.kkpham.ctx.key);

  // 1. Not JSON at all.
  await page.setInputFiles('#fill-import', { name: 'broken.kkpham.json', mimeType: 'application/json', buffer: Buffer.from('{"format": "kkpham-answers",\n  "pack": ') });
  await page.waitForSelector('.io-result .errorbox');
  let box = await page.textContent('.io-result .errorbox');
  assert.match(box, /broken\.kkpham\.json/);
  assert.match(box, /JSON/);

  // 2. Valid JSON, one value out of its plausible range: the indicator is named, in Indonesian;
  // the path is kept under "detail teknis", the English text is one click away.
  const bad = structuredClone(answers);
  const pct = pack.indicators.find((i) => i.answer.kind === 'percent' && !bad.answers[i.id].na);
  bad.answers[pct.id].value = 250;
  await page.setInputFiles('#fill-import', { name: 'bad-value.kkpham.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bad)) });
  await page.waitForFunction(() => document.querySelector('.io-result .errorbox')?.textContent.includes('bad-value'));
  box = await page.textContent('.io-result .errorbox');
  assert.ok(box.includes(`$.answers['${pct.id}'].value`) || box.includes(`$.answers.${pct.id}.value`), `path kept: ${box}`);
  assert.match(box, /di luar rentang wajar/, 'Indonesian message');
  assert.doesNotMatch(await page.innerText('.io-result .errorbox'), /outside the plausible range|\$\.answers/, 'one language, no path on screen');
  await page.click('.io-result .errorbox .lang-toggle');
  await page.waitForSelector('.io-result .errorbox .msg[lang="en"]');
  assert.match(await page.innerText('.io-result .errorbox'), /outside the plausible range/, 'English message on request');
  await shot(page, '06-import-refused');

  // 3. Made for another edition of the pack.
  const other = structuredClone(answers);
  other.pack.sha256 = '0'.repeat(64);
  await page.setInputFiles('#fill-import', { name: 'other-pack.kkpham.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(other)) });
  await page.waitForFunction(() => document.querySelector('.io-result .errorbox')?.textContent.includes('other-pack'));
  assert.match(await page.textContent('.io-result .errorbox'), /pack\.sha256/);

  assert.equal(await page.evaluate(() => window.kkpham.ctx.key), key, 'the open assessment is still open');
  assert.deepEqual(await pageAnswers(page), answers, 'its answers are untouched');
  assert.deepEqual(await storedAssessments(page), stored, 'storage is untouched');
});

test('a value out of range is shown at its field and left out of the live score', { skip }, async () => {
  const { page } = tab;
  const ind = pack.indicators.find((i) => i.answer.kind === 'percent' && i.right === pack.rights[0].id);
  await goToRight(page, ind.right);
  const na = await page.$(`#na-${ind.id}`);
  if (na && (await na.isChecked())) await na.uncheck();
  await page.fill(`#val-${ind.id}`, '150');
  await page.waitForSelector(`#err-${ind.id}:not([hidden])`);
  assert.match(await page.textContent(`#err-${ind.id}`), /150/);
  assert.equal(await page.getAttribute(`#val-${ind.id}`, 'aria-invalid'), 'true');
  const res = await page.evaluate((id) => window.kkpham.ctx.result.indicators.find((i) => i.id === id), ind.id);
  assert.equal(res.status, 'unanswered', 'the invalid value is not scored');
  // Export is refused while an entry is invalid, and says which.
  await page.click('.toolbar button >> nth=0');
  await page.waitForSelector('.io-result .errorbox');
  assert.match(await page.textContent('.io-result .errorbox'), new RegExp(ind.id));
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot(page, '05-fill-error');
  await page.fill(`#val-${ind.id}`, '75');
  await page.waitForSelector(`#err-${ind.id}[hidden]`, { state: 'attached' });
  const fixed = await page.evaluate((id) => window.kkpham.ctx.result.indicators.find((i) => i.id === id), ind.id);
  assert.equal(fixed.status, 'answered');
});

test('the explain dialog shows how the core computed a score', { skip }, async () => {
  const { page } = tab;
  const first = pack.indicators.find((i) => i.right === pack.rights[0].id);
  await goToRight(page, first.right);
  await page.click(`#ind-${first.id} .pts`);
  await page.waitForSelector('#dialog[open]');
  const engine = await nodeEngine();
  const want = engine.explain(await pageAnswers(page), first.id);
  const body = await page.textContent('#dialog-body');
  assert.ok(body.includes(want.indicator.explanation.id), 'the engine explanation is shown');
  await shot(page, '03-explain');
  await page.keyboard.press('Escape');
  await page.click('.total');
  await page.waitForSelector('#dialog[open]');
  assert.match(await page.textContent('#dialog-title'), /total/i);
  await page.keyboard.press('Escape');
});

test('report: A4 print layout with region, pack hash, chart and evidence status', { skip }, async () => {
  const { page } = tab;
  await page.click('[data-view="report"]');
  await page.waitForSelector('.report');
  const text = await page.textContent('.report');
  const sha = await page.evaluate(() => window.kkpham.ctx.summary.sha256);
  assert.ok(text.includes(sha), 'pack hash on the report');
  assert.ok(text.includes('Kabupaten Contoh'));
  assert.equal(await page.locator('.report svg.chart rect.bar-claimed').count(), pack.rights.length);
  await shot(page, '04-report', { fullPage: true });
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.isVisible('.top'), false, 'app chrome hidden in print');
  await shot(page, '07-report-print', { fullPage: true });
  await page.pdf({ path: path.join(ROOT, 'build', 'screenshots', 'report.pdf'), format: 'A4', printBackground: true });
  await page.emulateMedia({ media: 'screen' });
  const csv = await Promise.all([page.waitForEvent('download'), page.click('.report-tools button >> nth=1')]);
  const rows = fs.readFileSync(await csv[0].path(), 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
  const counted = await page.evaluate(() => window.kkpham.ctx.result.rights.reduce((s, r) => s + r.types.filter((t) => t.counted).length, 0));
  assert.equal(rows.length, 1 + 1 + pack.groups.length + pack.rights.length + counted + pack.indicators.length);
  assert.match(rows[1], /^total;Kabupaten Contoh;/);
});
