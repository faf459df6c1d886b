// The first screen stays small (the brief: at most 60 kB gzipped; issue 15: unchanged within 5 %
// while workbooks, ZIP packages and evidence hashing are added). "The first screen" is what the
// Start screen needs, fixed by the code rather than by timing: index.html, style.css, the Start
// part of the UI catalog, criteria/index.json, and every module app.js reaches through static
// imports (tests/web/import-graph.mjs), each body gzipped at level 9 from the served dist folder.
// The engine, the packs, the other screens and the heavy libraries (ExcelJS, zip.js, hash-wasm)
// load with import() when used or in the background. In the browser, loading Start and leaving it
// idle must not fetch a heavy library at all.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { DIST, ROOT, missingPrerequisite, startApp, stopApp, openPage } from './harness.mjs';
import { buildGraph } from '../web/import-graph.mjs';

const skip = missingPrerequisite() || false;

// kB = 1000 bytes, as bench/report prints.
export const BUDGET_BYTES = 60_000;
// The first screen measured on 2026-12-07 before the workbook, office and package screens were
// added (35,337 bytes, c4b2ed2); issue 15 allows 5 % more.
export const BASELINE_BYTES = 35_337;
export const GROWTH_ALLOWED = 0.05;

let app;
before(async () => {
  if (!skip) app = await startApp();
});
after(async () => {
  await stopApp(app);
});

const HEAVY = /(^|\/)vendor\/(exceljs|@zip\.js|hash-wasm)\//;
const gz = (rel) => zlib.gzipSync(fs.readFileSync(path.join(DIST, rel)), { level: 9 }).length;

/** Files of the first screen, relative to the dist folder. */
export function firstScreenFiles() {
  const { modules } = buildGraph(path.join(ROOT, 'web'));
  const seen = new Set();
  const todo = ['app.js'];
  while (todo.length) {
    const m = todo.pop();
    if (seen.has(m)) continue;
    seen.add(m);
    for (const e of modules.get(m)?.edges ?? []) if (e.kind === 'static') todo.push(e.to);
  }
  return ['index.html', 'style.css', 'i18n/id.start.json', 'criteria/index.json', ...[...seen].sort()];
}

test('the first screen fits the budget and holds no heavy library', { skip }, (t) => {
  const rows = firstScreenFiles().map((rel) => ({ rel, gz: gz(rel) }));
  const total = rows.reduce((s, r) => s + r.gz, 0);
  t.diagnostic(`first screen: ${total} bytes gzipped in ${rows.length} files`);
  for (const r of rows) t.diagnostic(`  ${r.rel}: ${r.gz}`);
  assert.ok(rows.length >= 8 && rows.some((r) => r.rel === 'views/start.js'), 'the first screen was not found');
  assert.deepEqual(rows.filter((r) => HEAVY.test(r.rel) || /kkpham-core/.test(r.rel)).map((r) => r.rel), [],
    'a heavy library or the engine is statically imported by the first screen');
  assert.ok(total <= BUDGET_BYTES, `first screen ${total} bytes gzipped, over the ${BUDGET_BYTES}-byte budget`);
  const limit = Math.floor(BASELINE_BYTES * (1 + GROWTH_ALLOWED));
  assert.ok(total <= limit,
    `first screen ${total} bytes gzipped: more than 5 % over the ${BASELINE_BYTES}-byte baseline (limit ${limit})`);
});

test('loading Start and leaving it idle fetches no heavy library', { skip }, async () => {
  const { context, page, log } = await openPage(app);
  try {
    await page.goto(app.url);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 20000 });
    await page.waitForFunction(() => document.body.dataset.engine === 'ready', null, { timeout: 30000 });
    await page.waitForTimeout(1500);
    const heavy = log.requests.filter((u) => HEAVY.test(new URL(u).pathname));
    assert.deepEqual(heavy, [], 'a heavy library was fetched before its feature was used');
    assert.ok(log.requests.some((u) => u.endsWith('/views/start.js')), 'Start was not loaded');
  } finally {
    await context.close();
  }
});
