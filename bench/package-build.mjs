#!/usr/bin/env node
// Submission package build in the browser (issue 16): figures for the note, not a test.
//
//   node bench/package-build.mjs [--mb 500] [--files 50] [--json]
//
// Writes --files evidence files of random bytes (--mb in all) to a temp folder, imports an
// assessment of the bundled pack whose first --files evidence items reference them, and in
// headless Debian chromium (playwright-core, the served KKPHAM_DIST) with a profile on disk (a
// browser context without one, as the browser tests use, keeps OPFS in memory: the ZIP's bytes
// would then show up as the browser's own memory): chooses the folder on the
// package screen (hashed in the worker), then builds the ZIP through the download fallback (no
// save picker: OPFS, then a disk-backed download). Prints the folder check time, the build time
// (click -> "built"), MB/s, and peak memory while building: the renderer's JS heap (DevTools
// Performance.getMetrics, sampled every 100 ms) and the resident memory of all chromium
// processes (/proc, sampled likewise), each as the peak minus the value just before the build.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const harness = await import(path.join(ROOT, 'tests', 'e2e', 'harness.mjs'));

const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const TOTAL_MB = arg('--mb', 500);
const FILES = arg('--files', 50);
const JSON_OUT = process.argv.includes('--json');
// --picker: the save-picker path (showSaveFilePicker stubbed with an OPFS file handle, as a
// headless browser shows no dialog); default: the fallback (OPFS, then a download).
const PICKER = process.argv.includes('--picker');

function chromiumRssBytes() {
  try {
    const out = execFileSync('ps', ['-C', 'chromium,chrome,headless_shell', '-o', 'rss='], { encoding: 'utf8' });
    return out.split('\n').filter(Boolean).reduce((n, kb) => n + Number(kb) * 1024, 0);
  } catch {
    return 0;
  }
}

const why = harness.missingPrerequisite();
if (why) {
  console.error(`bench/package-build: ${why}`);
  process.exit(2);
}
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kkpham-bench-package-'));
const { startServer } = await import(path.join(ROOT, 'scripts', 'serve.mjs'));
const { chromium } = await import(path.join(ROOT, 'node_modules', 'playwright-core', 'index.mjs'));
const server = await startServer(harness.DIST, 0);
const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'kkpham-bench-profile-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: harness.CHROMIUM, args: harness.CHROMIUM_ARGS, acceptDownloads: true, viewport: { width: 1366, height: 900 } });
try {
  // The evidence folder and the answers that reference it.
  const engine = await harness.nodeEngine();
  const pack = harness.bundledPack();
  const r = engine.makeTemplate({ fill: 'max', data_year: 2025, assessment_year: 2026,
    region: { name: 'Kabupaten Bench', kind: 'kabupaten', province: 'Jawa Tengah', code: '' } });
  const answers = r.answers;
  const dir = path.join(tmp, 'bukti');
  fs.mkdirSync(dir);
  const size = Math.floor((TOTAL_MB * 1e6) / FILES);
  let n = 0;
  for (const ind of pack.indicators) {
    if (!ind.evidence?.length || !answers.answers[ind.id]) continue;
    answers.answers[ind.id].evidence = ind.evidence.map((ev) => {
      if (n >= FILES) return { id: ev.id, status: 'ready' };
      n += 1;
      const name = `${ind.id}-${ev.id}.pdf`;
      const bytes = crypto.randomBytes(size);
      fs.writeFileSync(path.join(dir, name), bytes);
      return { id: ev.id, status: 'ready', reference: name, sha256: crypto.createHash('sha256').update(bytes).digest('hex') };
    });
  }
  const page = await context.newPage();
  await context.addInitScript((picker) => {
    window.showSaveFilePicker = picker ? async ({ suggestedName }) => {
      const root = await navigator.storage.getDirectory();
      return root.getFileHandle(`picked-${suggestedName}`, { create: true });
    } : undefined;
  }, PICKER);
  await harness.gotoApp(page, server.url);
  await harness.importAnswers(page, answers, 'kabupaten-bench-2025.kkpham.json');
  await page.click('[data-view="report"]');
  await page.click('#report-package');
  await page.waitForSelector('.pkg-build');

  let t0 = performance.now();
  await page.setInputFiles('.pkg-folder-input', dir);
  await page.waitForFunction((k) => document.querySelector('.pkg-folder p')?.textContent.includes(`${k} `), n, { timeout: 600000 });
  const checkMs = performance.now() - t0;
  if (await page.isDisabled('#pkg-build')) await page.check('.pkg-build input[type="checkbox"]');

  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const heap = async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    return metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
  };
  await cdp.send('HeapProfiler.collectGarbage').catch(() => {});
  const heap0 = await heap();
  const rss0 = chromiumRssBytes();
  let heapPeak = heap0;
  let rssPeak = rss0;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      heapPeak = Math.max(heapPeak, await heap().catch(() => 0));
      rssPeak = Math.max(rssPeak, chromiumRssBytes());
      await new Promise((res) => setTimeout(res, 100));
    }
  })();
  t0 = performance.now();
  const download = PICKER ? null : page.waitForEvent('download', { timeout: 600000 });
  await page.click('#pkg-build');
  await page.waitForSelector('[data-outcome="built"]', { timeout: 600000 });
  const buildMs = performance.now() - t0;
  sampling = false;
  await sampler;
  const zipPath = PICKER ? null : await (await download).path();
  const zipBytes = PICKER
    ? await page.evaluate(async () => (await (await (await navigator.storage.getDirectory()).getFileHandle(
      [...document.querySelectorAll('[data-outcome="built"] p')][0].textContent.match(/(KKPHAM\S+\.zip)/)[1].replace(/^/, 'picked-'))).getFile()).size)
    : fs.statSync(zipPath).size;
  // The Kanwil's side on the downloaded ZIP: every entry read and hashed, the engine's verdict.
  let verifyMs = null;
  let verifyRssExtra = null;
  if (zipPath) {
    await page.click('[data-view="verify"]');
    await page.waitForSelector('.verify-input', { state: 'attached' });
    const rssBefore = chromiumRssBytes();
    let rssTop = rssBefore;
    let watching = true;
    const watch = (async () => {
      while (watching) {
        rssTop = Math.max(rssTop, chromiumRssBytes());
        await new Promise((res) => setTimeout(res, 100));
      }
    })();
    const v0 = performance.now();
    await page.setInputFiles('.verify-input', zipPath);
    await page.waitForSelector('.verify-sheet[data-intact="true"]', { timeout: 600000 });
    verifyMs = performance.now() - v0;
    watching = false;
    await watch;
    verifyRssExtra = rssTop - rssBefore;
  }
  const figures = {
    evidenceFiles: n,
    evidenceMB: Number(((n * size) / 1e6).toFixed(1)),
    zipMB: Number((zipBytes / 1e6).toFixed(1)),
    folderCheckS: Number((checkMs / 1000).toFixed(2)),
    buildS: Number((buildMs / 1000).toFixed(2)),
    buildMBps: Number(((n * size) / 1e6 / (buildMs / 1000)).toFixed(0)),
    jsHeapPeakExtraMB: Number(((heapPeak - heap0) / 1e6).toFixed(1)),
    chromiumRssPeakExtraMB: Number(((rssPeak - rss0) / 1e6).toFixed(1)),
    verifyS: verifyMs === null ? null : Number((verifyMs / 1000).toFixed(2)),
    verifyRssPeakExtraMB: verifyRssExtra === null ? null : Number((verifyRssExtra / 1e6).toFixed(1)),
  };
  if (JSON_OUT) console.log(JSON.stringify(figures));
  else {
    console.log(`${PICKER ? 'save picker (OPFS file)' : 'fallback (OPFS, then download)'}:`);
    console.log(`package build, ${figures.evidenceFiles} files, ${figures.evidenceMB} MB of evidence -> ${figures.zipMB} MB ZIP`);
    console.log(`  folder check (hash in worker): ${figures.folderCheckS} s`);
    console.log(`  build (click -> saved): ${figures.buildS} s (${figures.buildMBps} MB/s)`);
    console.log(`  peak extra JS heap while building: ${figures.jsHeapPeakExtraMB} MB`);
    console.log(`  peak extra RSS of chromium while building: ${figures.chromiumRssPeakExtraMB} MB`);
    if (figures.verifyS !== null) {
      console.log(`  verify screen on the ZIP (read, hash, engine): ${figures.verifyS} s, peak extra RSS ${figures.verifyRssPeakExtraMB} MB`);
    }
  }
} finally {
  await context.close();
  await server.close();
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.rmSync(profile, { recursive: true, force: true });
}
