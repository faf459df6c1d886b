// Gap view and what-if mode: the cheapest plan the page shows is the native CLI's (`kkpham gap
// --format json`) for the same answers; applying it in a scenario reaches the plan's total
// (≥ 75); the saved answers do not change until the scenario is adopted on purpose; efforts set
// by the user are kept with the assessment (not in the answers file) and change the plan.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  DIST, PACK_FILE, missingPrerequisite, startApp, stopApp, openPage, gotoApp, shotScreen, nodeEngine, importAnswers,
  randomAnswers, storedAnswers, storedAssessments, cliJson, tempFiles, assertAxeClean, parseIdNumber, pageAnswers, settle,
} from './harness.mjs';
import path from 'node:path';

const skip = missingPrerequisite() || false;
let app;
let tab;
let answers;
let key;

function withoutStamp(a) {
  const { updated_at: _u, ...rest } = a;
  return rest;
}

// The plan the native CLI computes for these answers (or the wasm engine when no CLI is built).
async function referenceGap(a, { effort = null } = {}, t) {
  const files = { 'answers.kkpham.json': a };
  if (effort) files['effort.json'] = effort;
  const tmp = tempFiles(files);
  try {
    const args = ['gap', '--format', 'json', '--pack', path.join(DIST, PACK_FILE)];
    if (effort) args.push('--effort', tmp.paths['effort.json']);
    args.push(tmp.paths['answers.kkpham.json']);
    const cli = await cliJson(args);
    if (cli) return cli;
  } finally {
    tmp.remove();
  }
  t?.diagnostic('native CLI not built (KKPHAM_NATIVE_CLI): compared with the wasm engine only');
  return (await nodeEngine()).gap(a, effort ? { effort } : {});
}

async function shownSteps(page, id = 'gap-plan') {
  return page.$$eval(`#${id} tr[data-step-id]`, (rows) => rows.map((r) => r.dataset.stepId));
}

before(async () => {
  if (skip) return;
  app = await startApp();
  tab = await openPage(app);
  await gotoApp(tab.page, app.url);
  answers = await randomAnswers(5, { name: 'Kabupaten Contoh' });
  key = await importAnswers(tab.page, answers, 'kabupaten-contoh-2025.kkpham.json');
});

after(async () => {
  await stopApp(app);
});

test('the gap view lists the CLI\'s cheapest plan to 75, and every indicator not at full points', { skip }, async (t) => {
  const { page } = tab;
  const engine = await nodeEngine();
  const want = await referenceGap(answers, {}, t);
  assert.ok(want.ok && want.reachable && !want.already_reached, 'the sample is below 75 and can reach it');
  assert.ok(engine.score(answers).total < 75);
  await page.click('[data-view="gap"]');
  await page.waitForSelector('#gap-plan tr[data-step-id]');
  assert.deepEqual(await shownSteps(page), want.steps.map((s) => s.id), 'the plan on screen = kkpham gap --format json');
  assert.match(await page.textContent('#gap-plan'), new RegExp(`${want.steps.length} perbaikan, total usaha ${want.effort}, nilai menjadi ${String(want.total).replace('.', ',')}`));
  if (want.next_band) {
    assert.deepEqual(await shownSteps(page, 'gap-next'), want.next_band.steps.map((s) => s.id), 'the next band\'s plan = the CLI\'s');
  }
  // Every indicator not at full points, with its gain on the total.
  const rows = await page.$$eval('tr[data-opp-id]', (rs) => rs.map((r) => r.dataset.oppId));
  assert.deepEqual(rows, want.opportunities.map((o) => o.id));
  const res = engine.score(answers);
  const notFull = res.indicators.filter((i) => i.status !== 'not_applicable' && i.gain > 0).map((i) => i.id).sort();
  assert.deepEqual([...rows].sort(), notFull, 'exactly the indicators that can still gain');
  assert.equal(await page.textContent('#gap-total'), '49,49');
  await assertAxeClean(page, 'gap view');
  await shotScreen(page, 'gap');
  assert.deepEqual(tab.log.errors, []);
});

test('applying the plan in a scenario reaches its total; the saved answers stay untouched until adopted', { skip }, async (t) => {
  const { page } = tab;
  const want = await referenceGap(answers, {}, t);
  const saved = await storedAnswers(page, key);
  assert.deepEqual(saved, answers, 'the imported file is what is saved');
  await page.click('#gap-plan-apply');
  await page.waitForFunction(() => window.kkpham.ctx.whatIf !== null);
  await page.waitForFunction((total) => window.kkpham.ctx.result?.total === total, want.total);
  const shown = parseIdNumber(await page.textContent('#gap-total'));
  assert.equal(shown, want.total, 'the scenario total on screen = the plan\'s total');
  assert.ok(shown >= 75, 'the applied plan reaches 75');
  assert.deepEqual(await storedAnswers(page, key), saved, 'what-if did not touch the saved answers');
  // The scenario changed exactly the indicators of the plan.
  const changed = await page.$$eval('[data-changed-id]', (li) => li.map((x) => x.dataset.changedId).sort());
  assert.deepEqual(changed, want.steps.map((s) => s.id).sort());
  const scenario = JSON.parse((await storedAssessments(page))[`s:${key}`]);
  assert.equal((await nodeEngine()).score(scenario).total, want.total, 'the stored scenario scores the plan\'s total');
  assert.equal(await page.isVisible('#whatif-bar'), true, 'the what-if bar is shown');
  await assertAxeClean(page, 'gap view in what-if mode');
  await shotScreen(page, 'gap-whatif');

  // Edit the scenario in the Fill view: still nothing saved to the assessment.
  await page.click('[data-view="fill"]');
  await page.waitForSelector('.fill-layout');
  const ind = (await page.evaluate(() => window.kkpham.ctx.pack.indicators.find((i) => i.right === window.kkpham.ctx.rightId && i.answer.kind === 'yes_no')));
  const before = await pageAnswers(page);
  const choice = before.answers[ind.id].value === true ? 1 : 0;
  await page.check(`#v-${ind.id}-${choice}`);
  await settle(page);
  assert.match(await page.textContent('#saved-at'), /skenario/);
  assert.deepEqual(await storedAnswers(page, key), saved, 'editing in Fill during what-if saves the scenario only');

  // A reload keeps the scenario (and the real answers).
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
  await page.waitForFunction(() => window.kkpham.ctx.whatIf !== null);
  const scen = await pageAnswers(page);
  assert.equal(scen.answers[ind.id].value, choice === 0);
  assert.deepEqual(await storedAnswers(page, key), saved);

  // Adopt: cancelling changes nothing; confirming makes the scenario the saved answers.
  await page.click('[data-view="gap"]');
  await page.click('#whatif-adopt');
  await page.waitForSelector('#dialog[open] [data-choice="cancel"]');
  await assertAxeClean(page, 'adopt confirmation');
  await page.click('#dialog [data-choice="cancel"]');
  await page.waitForSelector('#dialog:not([open])', { state: 'attached' });
  assert.deepEqual(await storedAnswers(page, key), saved, 'cancelled: still untouched');
  await page.click('#whatif-adopt');
  await page.click('#dialog [data-choice="ok"]');
  await page.waitForFunction(() => window.kkpham.ctx.whatIf === null);
  const adopted = await storedAnswers(page, key);
  assert.deepEqual(withoutStamp(adopted), withoutStamp(scen), 'adopted: the saved answers are the scenario');
  assert.equal((await storedAssessments(page))[`s:${key}`], undefined, 'the scenario copy is gone');
  assert.equal(await page.isVisible('#whatif-bar'), false);
  assert.deepEqual(tab.log.errors, []);
});

test('discarding a scenario brings back the real answers', { skip }, async () => {
  const { page } = tab;
  const saved = await storedAnswers(page, key);
  await page.click('[data-view="gap"]');
  await page.waitForSelector('tr[data-opp-id]');
  const first = await page.$eval('tr[data-opp-id]', (r) => r.dataset.oppId);
  await page.click(`tr[data-opp-id="${first}"] button.small-btn`);
  await page.waitForFunction(() => window.kkpham.ctx.whatIf !== null);
  await page.waitForSelector(`[data-changed-id="${first}"]`);
  assert.deepEqual(await storedAnswers(page, key), saved);
  await page.click('#whatif-discard');
  await page.click('#dialog [data-choice="ok"]');
  await page.waitForFunction(() => window.kkpham.ctx.whatIf === null);
  assert.deepEqual(await pageAnswers(page), saved, 'the real answers are shown again');
  assert.deepEqual(await storedAnswers(page, key), saved);
});

test('efforts set per indicator are kept with the assessment (not in the answers file) and change the plan like the CLI', { skip }, async (t) => {
  const { page } = tab;
  // A fresh assessment below 75.
  const other = await randomAnswers(7, { name: 'Kota Contoh', kind: 'kota' });
  const key2 = await importAnswers(page, other, 'kota-contoh-2025.kkpham.json');
  const current = await storedAnswers(page, key2);
  assert.deepEqual(current, other);
  // Make the cheapest plan's first step very expensive (the plan avoids it if it can).
  const base = await referenceGap(current, {}, t);
  const target = base.steps.length ? base.steps[0].id : base.opportunities[0].id;
  await page.click('[data-view="gap"]');
  await page.waitForSelector(`#effort-${target}`);
  await page.fill(`#effort-${target}`, '1000');
  await page.press(`#effort-${target}`, 'Enter');
  await page.waitForFunction((id) => document.getElementById(`effort-${id}`)?.dataset.custom === 'true', target);
  const stored = (await storedAssessments(page))[`effort:${key2}`];
  assert.deepEqual(stored, { [target]: 1000 });
  assert.equal((await storedAssessments(page))[`effort:${key}`], undefined, 'efforts are per assessment');
  assert.deepEqual(await storedAnswers(page, key2), current, 'the answers file is unchanged by an effort');
  const want = await referenceGap(current, { effort: { [target]: 1000 } }, t);
  assert.ok(want.reachable && !want.already_reached);
  assert.deepEqual(await shownSteps(page), want.steps.map((s) => s.id), 'plan with the effort = kkpham gap --effort');
  assert.ok(!want.steps.some((s) => s.id === target), 'the expensive indicator left the plan');
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
  await page.waitForSelector(`#effort-${target}`);
  assert.equal(await page.inputValue(`#effort-${target}`), '1000', 'the effort survives a reload');
  assert.deepEqual(tab.log.errors, []);
});

test('on the evidenced basis the plan is the CLI\'s (--basis evidenced) and, applied, the evidenced score reaches it', { skip }, async (t) => {
  const { page } = tab;
  const a = await randomAnswers(13, { name: 'Kabupaten Bukti' });
  const k = await importAnswers(page, a, 'bukti.kkpham.json');
  const tmp = tempFiles({ 'a.kkpham.json': a });
  let want = await cliJson(['gap', '--format', 'json', '--basis', 'evidenced', '--pack', path.join(DIST, PACK_FILE), tmp.paths['a.kkpham.json']]);
  tmp.remove();
  if (!want) {
    t.diagnostic('native CLI not built: compared with the wasm engine only');
    want = (await nodeEngine()).gap(a, { basis: 'evidenced' });
  }
  assert.ok(want.reachable && !want.already_reached);
  await page.click('[data-view="gap"]');
  await page.check('#gap-basis-evidenced');
  await page.waitForFunction((n) => document.querySelectorAll('#gap-plan tr[data-step-id]').length === n, want.steps.length);
  assert.deepEqual(await shownSteps(page), want.steps.map((s) => s.id));
  await page.click('#gap-plan-apply');
  await page.waitForFunction((total) => window.kkpham.ctx.whatIf !== null && window.kkpham.ctx.result?.evidenced_total === total, want.total);
  assert.deepEqual(await storedAnswers(page, k), a, 'the saved answers are untouched');
  await page.click('#whatif-discard');
  await page.click('#dialog [data-choice="ok"]');
  await page.waitForFunction(() => window.kkpham.ctx.whatIf === null);
});
