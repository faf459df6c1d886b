// Accessibility: axe-core finds no violation on any screen (Indonesian and English, normal and
// large text), and one right can be filled with the keyboard alone, with a visible focus.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  missingPrerequisite, startApp, stopApp, openPage, gotoApp, shot, shotScreen, bundledPack, createAssessment, axe, settle,
  importAnswers, randomAnswers,
} from './harness.mjs';

const skip = missingPrerequisite() || false;
let app;

before(async () => {
  if (!skip) app = await startApp();
});
after(async () => {
  await stopApp(app);
});

function report(violations) {
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help} → ${v.nodes.join(', ')}`).join('\n');
}

async function noViolations(page, screen) {
  const v = await axe(page);
  assert.equal(v.length, 0, `${screen}:\n${report(v)}`);
}

test('axe-core reports no violations on each screen', { skip }, async () => {
  const { context, page, log } = await openPage(app);
  await gotoApp(page, app.url);
  await page.waitForSelector('.pack-summary .hash');
  await noViolations(page, 'start (empty)');
  await createAssessment(page);
  const pack = bundledPack();
  // Open an evidence panel, enter an invalid number so the error state is checked too.
  const pct = pack.indicators.find((i) => i.right === pack.rights[0].id && i.answer.kind === 'percent');
  await page.fill(`#val-${pct.id}`, '250');
  await page.click(`#ind-${pct.id} details.more > summary`);
  await page.waitForSelector(`#err-${pct.id}:not([hidden])`);
  await page.click('.region-edit > summary');
  await noViolations(page, 'fill (with an error, open panels)');
  await page.fill(`#val-${pct.id}`, '25');
  await page.click(`#ind-${pct.id} .pts`);
  await page.waitForSelector('#dialog[open]');
  await noViolations(page, 'explain dialog');
  await page.keyboard.press('Escape');
  await page.click('.total');
  await noViolations(page, 'total dialog');
  await page.keyboard.press('Escape');
  await page.click('[data-view="report"]');
  await page.waitForSelector('.report');
  await noViolations(page, 'report');
  await page.click('[data-view="start"]');
  await page.waitForSelector('table.saved');
  await noViolations(page, 'start (saved list)');
  await page.click('#lang-switch');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  await page.click('table.saved button.primary');
  await page.waitForSelector('.fill-layout');
  await noViolations(page, 'fill (English)');
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot(page, '08-fill-english');
  await page.click('#large-switch');
  await noViolations(page, 'fill (large text)');
  await page.click('#fill-view-sheet');
  await page.waitForSelector('table.sh-table tbody tr.sh-row');
  await noViolations(page, 'fill worksheet (English, large text)');
  await page.click('#fill-view-cards');
  await page.waitForSelector('article.ind');
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot(page, '10-projector-large');
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('keyboard only: reach a right, answer all its indicators, open an explanation, move on', { skip }, async () => {
  const { context, page, log } = await openPage(app);
  await gotoApp(page, app.url);
  await createAssessment(page);
  const pack = bundledPack();
  const target = pack.rights[1];
  const inds = pack.indicators.filter((i) => i.right === target.id);
  // From the top of the document: Tab to the second right in the navigation.
  // A fresh load (the assessment is restored), so Tab starts at the top of the document.
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
  await page.waitForSelector('.fill-layout');
  await page.keyboard.press('Tab'); // skip link
  assert.equal(await page.evaluate(() => document.activeElement.className), 'skip');
  let found = false;
  for (let i = 0; i < 40 && !found; i += 1) {
    await page.keyboard.press('Tab');
    found = await page.evaluate((name) => document.activeElement.classList.contains('nav-right')
      && document.activeElement.querySelector('.nav-name').textContent === name, target.name.id);
  }
  assert.ok(found, 'the navigation of rights is reachable with Tab');
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, 'none', 'focus is visible');
  await page.keyboard.press('Enter');
  await page.waitForFunction((id) => window.kkpham.ctx.rightId === id, target.id);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'right-h', 'focus moves to the right heading');

  // Tab through the right; answer every indicator with the keyboard.
  const plan = Object.fromEntries(inds.map((i) => [i.id, i]));
  let steps = 0;
  for (; steps < 600; steps += 1) {
    await page.keyboard.press('Tab');
    const el = await page.evaluate(() => {
      const a = document.activeElement;
      return { tag: a.tagName, type: a.type, id: a.id, name: a.name, text: a.textContent, checked: a.checked, pager: Boolean(a.closest('.pager')) };
    });
    if (el.pager && el.text.includes('→')) break;
    if (el.tag === 'INPUT' && el.type === 'radio' && el.name.startsWith('v-')) {
      const id = el.name.slice(2);
      // Arrow keys choose within the group; Space selects the focused option.
      if (plan[id]?.answer.kind === 'level') await page.keyboard.press('ArrowDown');
      else await page.keyboard.press('Space');
    } else if (el.tag === 'INPUT' && el.type === 'text' && el.id.startsWith('val-')) {
      const ind = plan[el.id.slice(4)];
      const { min = 0, max = 100 } = ind.answer.range ?? {};
      const v = ind.answer.kind === 'count' ? Math.floor((min + max) / 2) : (min + max) / 2;
      await page.keyboard.type(String(v).replace('.', ','));
    }
  }
  assert.ok(steps < 600, 'the pager is reached');
  await settle(page);
  const res = await page.evaluate((id) => window.kkpham.ctx.result.rights.find((r) => r.id === id), target.id);
  assert.equal(res.answered, inds.length, 'every indicator of the right was answered by keyboard');
  assert.ok(res.score > 0);
  await shot(page, '11-keyboard');

  // Back up to the first indicator's score button, open the explanation, close with Escape.
  await page.focus(`#ind-${inds[0].id} .pts`);
  await page.keyboard.press('Enter');
  await page.waitForSelector('#dialog[open]');
  assert.equal(await page.evaluate(() => document.activeElement.className), 'dialog-close', 'focus goes into the dialog');
  await page.keyboard.press('Escape');
  await page.waitForSelector('#dialog:not([open])', { state: 'attached' });
  assert.equal(await page.evaluate(() => document.activeElement.classList.contains('pts')), true, 'focus returns to the score');

  // The pager's "next" button moves on to the next right.
  await page.focus('.pager button.primary');
  await page.keyboard.press('Enter');
  await page.waitForFunction((id) => window.kkpham.ctx.rightId === id, pack.rights[2].id);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('axe-core reports no violations on the new screens, in English and with large text', { skip }, async () => {
  const { context, page, log } = await openPage(app);
  await gotoApp(page, app.url);
  const last = await randomAnswers(31, { name: 'Kabupaten Aksesibel', dataYear: 2024, assessmentYear: 2025 });
  const now = await randomAnswers(32, { name: 'Kabupaten Aksesibel' });
  const lastKey = await importAnswers(page, last, 'last.kkpham.json');
  await importAnswers(page, now, 'now.kkpham.json');
  await page.click('#lang-switch');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  await page.click('[data-view="gap"]');
  await page.waitForSelector('#gap-plan');
  await noViolations(page, 'gap (English)');
  await page.click('#gap-plan-apply');
  await page.waitForFunction(() => window.kkpham.ctx.whatIf !== null);
  await noViolations(page, 'gap with a scenario (English)');
  await page.click('[data-view="fill"]');
  await page.waitForSelector('.fill-layout');
  await noViolations(page, 'fill in what-if mode (English)');
  await page.click('[data-view="plan"]');
  await page.waitForSelector('.plan-office');
  await noViolations(page, 'evidence plan (English)');
  await page.click('[data-view="yoy"]');
  await page.selectOption('#yoy-prev', lastKey);
  await page.click('#yoy-run');
  await page.waitForSelector('#yoy-change');
  await noViolations(page, 'year over year (English)');
  await page.click('[data-view="compare"]');
  await page.setInputFiles('#cmp-files', [last, now].map((a, i) => ({ name: `f${i}.kkpham.json`, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(a)) })));
  await page.waitForSelector('.cmp-heat tbody tr');
  await noViolations(page, 'compare (English)');
  await page.click('[data-view="workshop"]');
  await page.waitForSelector('.ws-card');
  await noViolations(page, 'workshop (English)');
  await shotScreen(page, 'workshop-english');
  await page.click('#large-switch');
  await noViolations(page, 'workshop (English, large text)');
  await page.click('#large-switch');
  assert.deepEqual(log.errors, []);
  await context.close();
});
