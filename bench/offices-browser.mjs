#!/usr/bin/env node
// Benchmark (not a test): the offices' work on the reference pack in the real app, headless
// Chromium. Per run: a fresh page imports a random master, the offices screen makes every
// office's package (engine.split, the files laid out as the CLI writes them, the list drawn), and
// 15 returned packages (each with its blanks filled) are merged through the file input (engine.merge,
// the undo copy saved, the master saved and rescored, the report and conflict list drawn).
//
//   node bench/offices-browser.mjs [RUNS]          default 5 runs
//   KKPHAM_DIST=<dist dir> KKPHAM_CHROMIUM=/usr/bin/chromium (as for tests/e2e)
//
// Figures: in-page (performance.now() from the click or the chosen files to the drawn result, as
// the app records it in data-ms) and wall (as seen from the driver). Target (issue 15): < 1 s each.
import { performance } from 'node:perf_hooks';
import {
  missingPrerequisite, startApp, stopApp, openPage, gotoApp, importAnswers, randomAnswers, nodeEngine,
} from '../tests/e2e/harness.mjs';

const RUNS = Number(process.argv[2] || 5);
const RETURNS = 15;
const TARGET_MS = 1000;

const missing = missingPrerequisite();
if (missing) {
  console.error(`offices-browser: ${missing}`);
  process.exit(2);
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const engine = await nodeEngine();
const full = engine.makeTemplate({ fill: 'max', data_year: 2025, assessment_year: 2026 }).answers.answers;
const app = await startApp();
const rows = [];
try {
  for (let run = 0; run < RUNS; run += 1) {
    const tab = await openPage(app);
    const { page } = tab;
    await gotoApp(page, app.url);
    const master = await randomAnswers(100 + run, { name: `Kabupaten Bench ${run}` });
    await importAnswers(page, master);
    await page.click('[data-view="offices"]');
    await page.waitForSelector('#offices-make');

    let t0 = performance.now();
    await page.click('#offices-make');
    await page.waitForSelector('#offices-made[data-ms]');
    const splitWall = performance.now() - t0;
    const splitPage = Number(await page.getAttribute('#offices-made', 'data-ms'));
    const n = await page.locator('.offices-packages tbody tr').count();

    // The packages as the page made them, each office's blanks filled, 15 of them returned.
    const made = await page.evaluate(() => import('./state/offices-work.js').then((m) => m.madePackages().packages.map((p) => ({ file: p.file_name, text: p.text }))));
    const back = made.slice(0, RETURNS).map((p, k) => {
      const pkg = JSON.parse(p.text);
      for (const id of pkg.scope.indicators) if (!pkg.answers[id]?.value && full[id]) pkg.answers[id] = { value: full[id].value };
      pkg.scope.returned_at = `2026-03-${String(10 + (k % 15)).padStart(2, '0')}T08:00:00Z`;
      return { name: p.file, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(pkg, null, 2)) };
    });
    t0 = performance.now();
    await page.setInputFiles('#offices-returns', back);
    await page.waitForSelector('#offices-report[data-ms]');
    const mergeWall = performance.now() - t0;
    const mergePage = Number(await page.getAttribute('#offices-report', 'data-ms'));
    const summary = await page.textContent('.offices-summary');
    rows.push({ splitPage, splitWall, mergePage, mergeWall });
    console.log(`run ${run + 1}: ${n} packages made in ${splitPage.toFixed(0)} ms (wall ${splitWall.toFixed(0)} ms); `
      + `${back.length} returns merged in ${mergePage.toFixed(0)} ms (wall ${mergeWall.toFixed(0)} ms) — ${summary}`);
    await tab.context.close();
  }
} finally {
  await stopApp(app);
}
const m = (k) => median(rows.map((r) => r[k]));
console.log(`median of ${RUNS}: make all packages ${m('splitPage').toFixed(0)} ms in page (${m('splitWall').toFixed(0)} ms wall); `
  + `merge ${RETURNS} returns ${m('mergePage').toFixed(0)} ms in page (${m('mergeWall').toFixed(0)} ms wall); target < ${TARGET_MS} ms each`);
