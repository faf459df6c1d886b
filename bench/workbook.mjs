#!/usr/bin/env node
// Excel workbooks in the browser (issue 15): figures for the note, not a test.
//
//   KKPHAM_DIST=build/<tree>/dist node bench/workbook.mjs [--seed 1] [--runs 3] [--json]
//
// In headless Debian chromium (playwright-core, the served KKPHAM_DIST): imports a random
// assessment of the bundled pack, splits it into every office's package (engine.split) and
// makes one workbook per office through the app's own web/state/workbooks.js (ExcelJS loaded
// once beforehand, so the figure is the making, not the first fetch); then makes the whole
// assessment's workbook and reads it back (readWorkbook: ExcelJS load + engine). Prints the
// median of --runs runs of each.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const harness = await import(path.join(ROOT, 'tests', 'e2e', 'harness.mjs'));

const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const SEED = arg('--seed', 1);
const RUNS = arg('--runs', 3);
const JSON_OUT = process.argv.includes('--json');

const app = await harness.startApp();
try {
  const { page } = await harness.openPage(app);
  await harness.gotoApp(page, app.url);
  await harness.importAnswers(page, await harness.randomAnswers(SEED), 'bench.kkpham.json');
  const figures = await page.evaluate(async (runs) => {
    const wb = await import(new URL('state/workbooks.js', location.href).href);
    const { ctx, nowIso } = await import(new URL('state/assessment.js', location.href).href);
    const t0 = performance.now();
    await wb.makeWorkbook(ctx.answers); // loads the adapter and ExcelJS
    const firstMs = performance.now() - t0;
    const split = ctx.engine.split(ctx.answers, { made_at: nowIso() });
    const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const offices = [];
    const whole = [];
    const read = [];
    let bytes = 0;
    for (let r = 0; r < runs; r += 1) {
      let t = performance.now();
      let size = 0;
      for (const p of split.packages) size += (await wb.makeWorkbook(p.package)).size;
      offices.push(performance.now() - t);
      bytes = size;
      t = performance.now();
      const blob = await wb.makeWorkbook(ctx.answers);
      whole.push(performance.now() - t);
      const buf = await blob.arrayBuffer();
      t = performance.now();
      const back = await wb.readWorkbook(buf);
      read.push(performance.now() - t);
      if (!back.ok) throw new Error(JSON.stringify(back.diagnostics));
    }
    return {
      packages: split.packages.length,
      first_use_ms: Math.round(firstMs),
      all_office_workbooks_ms: Math.round(median(offices)),
      all_office_workbooks_bytes: bytes,
      assessment_workbook_ms: Math.round(median(whole)),
      read_back_ms: Math.round(median(read)),
    };
  }, RUNS);
  if (JSON_OUT) console.log(JSON.stringify(figures));
  else {
    console.log(`first use (adapter + ExcelJS fetched, one workbook): ${figures.first_use_ms} ms`);
    console.log(`all ${figures.packages} office workbooks: ${figures.all_office_workbooks_ms} ms (${(figures.all_office_workbooks_bytes / 1024).toFixed(0)} KiB in all)`);
    console.log(`the assessment's workbook: ${figures.assessment_workbook_ms} ms; read back: ${figures.read_back_ms} ms (median of ${RUNS})`);
  }
} finally {
  await harness.stopApp(app);
}
