// Workshop mode: a facilitator switches between the assessments of several pemda; each answer
// goes to the assessment it was given in, and switching never copies one's answers into another.
// The scoreboard and the "gap to 75" gauge follow the engine's score.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  missingPrerequisite, startApp, stopApp, openPage, gotoApp, shotScreen, nodeEngine, importAnswers, randomAnswers,
  storedAnswers, assertAxeClean, parseIdNumber, bundledPack, settle, ROOT,
} from './harness.mjs';

const skip = missingPrerequisite() || false;
let app;
let tab;
const A = {};
const B = {};

function withoutStamp(a) {
  const { updated_at: _u, ...rest } = a;
  return rest;
}

before(async () => {
  if (skip) return;
  app = await startApp();
  tab = await openPage(app);
  await gotoApp(tab.page, app.url);
  A.answers = await randomAnswers(11, { name: 'Kabupaten Alfa' });
  B.answers = await randomAnswers(12, { name: 'Kota Beta', kind: 'kota' });
  A.key = await importAnswers(tab.page, A.answers, 'alfa.kkpham.json');
  B.key = await importAnswers(tab.page, B.answers, 'beta.kkpham.json');
});

after(async () => {
  await stopApp(app);
});

async function switchTo(page, key) {
  await page.click(`.ws-pemda[data-key="${key}"]`);
  await page.waitForFunction((k) => window.kkpham.ctx.key === k
    && document.querySelector(`.ws-pemda[data-key="${k}"]`)?.getAttribute('aria-pressed') === 'true', key);
}

async function boardTotal(page) {
  await settle(page);
  return parseIdNumber(await page.textContent('#ws-total'));
}

test('switching between two pemda keeps each one\'s answers apart', { skip }, async () => {
  const { page } = tab;
  const engine = await nodeEngine();
  const pack = bundledPack();
  await page.click('[data-view="workshop"]');
  await page.waitForSelector('.ws-switch');
  assert.equal(await page.locator('.ws-pemda').count(), 2, 'both saved assessments can be chosen');
  await switchTo(page, A.key);
  // The first indicator of the first right is on the stage.
  const ind = pack.indicators.find((i) => i.right === pack.rights[0].id);
  await page.waitForSelector(`.ws-card[data-id="${ind.id}"]`);
  assert.equal(await boardTotal(page), engine.score(A.answers).total, 'scoreboard = engine total of A');

  // Choose different options in A and in B for the same indicator.
  const n = ind.answer.kind === 'level' ? ind.answer.levels.length : 2;
  const valueOf = (k) => (ind.answer.kind === 'level' ? ind.answer.levels[k].id : k === 0);
  const kA = [...Array(n).keys()].find((k) => valueOf(k) !== A.answers.answers[ind.id].value);
  const kB = [...Array(n).keys()].find((k) => k !== kA && valueOf(k) !== B.answers.answers[ind.id].value);
  await page.check(`#ws-v-${ind.id}-${kA}`);
  const wantA = structuredClone(A.answers);
  wantA.answers[ind.id].value = valueOf(kA);
  wantA.answers[ind.id].na = false;
  await page.waitForFunction((t) => window.kkpham.ctx.result.total === t, engine.score(wantA).total);
  assert.equal(await boardTotal(page), engine.score(wantA).total, 'the scoreboard moves with the answer');

  await switchTo(page, B.key);
  await page.waitForSelector(`.ws-card[data-id="${ind.id}"]`);
  assert.equal(await page.isChecked(`#ws-v-${ind.id}-${kA}`), valueOf(kA) === B.answers.answers[ind.id].value, 'B shows its own answer, not A\'s');
  assert.equal(await boardTotal(page), engine.score(B.answers).total, 'scoreboard = engine total of B');
  await page.check(`#ws-v-${ind.id}-${kB}`);
  const wantB = structuredClone(B.answers);
  wantB.answers[ind.id].value = valueOf(kB);
  wantB.answers[ind.id].na = false;
  await page.waitForFunction((t) => window.kkpham.ctx.result.total === t, engine.score(wantB).total);

  await switchTo(page, A.key);
  assert.equal(await page.isChecked(`#ws-v-${ind.id}-${kA}`), true, 'back in A: A\'s answer');
  assert.deepEqual(withoutStamp(await storedAnswers(page, A.key)), withoutStamp(wantA), 'A holds exactly its own answers');
  assert.deepEqual(withoutStamp(await storedAnswers(page, B.key)), withoutStamp(wantB), 'B holds exactly its own answers');
  assert.deepEqual(withoutStamp(await page.evaluate(() => window.kkpham.ctx.answers)), withoutStamp(wantA));
  // The session scoreboard shows each pemda's total.
  const totals = await page.$$eval('.ws-pemda-total', (els) => Object.fromEntries(els.map((e) => [e.dataset.key, e.textContent])));
  assert.equal(parseIdNumber(totals[A.key]), engine.score(wantA).total);
  assert.equal(parseIdNumber(totals[B.key]), engine.score(wantB).total);
});

test('the gauge shows the gap to 75; the stage shows the indicator\'s explanation and accepted evidence', { skip }, async () => {
  const { page } = tab;
  const pack = bundledPack();
  const total = await boardTotal(page);
  const gap = Math.round((75 - total) * 100) / 100;
  const text = await page.textContent('#ws-gap');
  assert.ok(text.includes(gap.toFixed(2).replace('.', ',')) && text.includes('75'), `gap text: ${text}`);
  assert.match(await page.getAttribute('#ws-gauge', 'aria-label'), /dari 100/);
  const ind = pack.indicators.find((i) => i.right === pack.rights[0].id);
  const card = await page.textContent('.ws-card');
  assert.ok(card.includes(ind.help.id), 'the indicator\'s explanation (help) is shown');
  for (const ev of ind.evidence) assert.ok(card.includes(ev.document.id), `evidence "${ev.document.id}" is listed`);
  // Large type for a projector.
  const size = await page.$eval('.ws-ind-text', (e) => parseFloat(getComputedStyle(e).fontSize));
  assert.ok(size >= 32, `indicator text is large (${size}px)`);
  await assertAxeClean(page, 'workshop (one indicator)');
  await shotScreen(page, 'workshop');
  // Next indicator with the keyboard (Page Down) and the button; one right at a time.
  await page.focus('#ws-next');
  await page.keyboard.press('PageDown');
  const second = pack.indicators.filter((i) => i.right === pack.rights[0].id)[1];
  await page.waitForSelector(`.ws-card[data-id="${second.id}"]`);
  await page.click('#ws-mode-right');
  await page.waitForSelector('.ws-rightlist');
  assert.equal(await page.locator('.ws-rightlist li').count(), pack.indicators.filter((i) => i.right === pack.rights[0].id).length);
  await assertAxeClean(page, 'workshop (one right)');
  await shotScreen(page, 'workshop-right');
  await page.click('#ws-next-right');
  await page.waitForFunction((name) => document.getElementById('ws-right-h')?.textContent.startsWith(name), pack.rights[1].name.id);
  await page.click('#ws-mode-indicator');
  assert.deepEqual(tab.log.errors, []);
});

test('when no right can be scored (every indicator not applicable) the board says "not assessable", never 0,00', { skip }, async () => {
  // A pack whose indicators all allow "not applicable" (the reference pack has 12 of 120), loaded
  // as a Kanwil would, and the shared vector's answers: all of them not applicable.
  const { page, log, context } = await openPage(app);
  await gotoApp(page, app.url);
  await page.click('details.kanwil > summary');
  await page.setInputFiles('details.kanwil .pack-choice input[type="file"][accept^=".json"]', {
    name: 'points-100-over-k.json', mimeType: 'application/json',
    buffer: fs.readFileSync(path.join(ROOT, 'tests', 'vectors', 'packs', 'points-100-over-k.json')),
  });
  await page.waitForFunction(() => window.kkpham.ctx.summary?.id === 'points-100-over-k');
  const vector = JSON.parse(fs.readFileSync(path.join(ROOT, 'tests', 'vectors', 'not-assessable.json'), 'utf8'));
  const answers = structuredClone(vector.answers);
  answers.pack.sha256 = await page.evaluate(() => window.kkpham.ctx.summary.sha256);
  const key = await importAnswers(page, answers, 'semua-tidak-berlaku.kkpham.json');
  // The engine says so (total null), the board must follow it.
  assert.equal(await page.evaluate(() => window.kkpham.ctx.result.total), null);
  await page.click('[data-view="workshop"]');
  await page.waitForSelector('#ws-total');
  await settle(page);
  assert.equal((await page.textContent('#ws-total')).trim(), '–', 'the total is a dash, not a number');
  const board = await page.textContent('.ws-board');
  assert.doesNotMatch(board, /\b0,00\b/, `no 0,00 on the board: ${board}`);
  assert.doesNotMatch(board, /Kurang Peduli HAM/, 'not the lowest predicate');
  assert.ok(board.includes('Tidak dapat dinilai'), `the not-assessable predicate is named: ${board}`);
  const gap = await page.textContent('#ws-gap');
  assert.match(gap, /Tidak dapat dinilai: semua indikator tidak berlaku/);
  assert.doesNotMatch(gap, /Kurang [\d,]+ poin/, 'no distance to 75 from a total that does not exist');
  assert.match(await page.getAttribute('#ws-gauge', 'aria-label'), /^Tidak dapat dinilai/);
  assert.equal(await page.$eval('#ws-gauge', (g) => g.classList.contains('reached')), false);
  assert.equal((await page.textContent(`.ws-pemda-total[data-key="${key}"]`)).trim(), '–', 'the switcher shows a dash too');
  await assertAxeClean(page, 'workshop (not assessable)');
  assert.deepEqual(log.errors, []);
  await context.close();
});
