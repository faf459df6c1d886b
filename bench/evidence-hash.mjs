#!/usr/bin/env node
// Evidence hashing benchmark (issue 16): how fast the browser hashes a folder of data dukung, and
// how much memory it takes. Prints figures; it is not a test.
//
//   node bench/evidence-hash.mjs [--mb 400] [--files 40] [--runs 2] [--json]
//
// Writes --files files of pseudo-random bytes (--mb in all, sizes varying around the mean, like
// a folder of scanned PDFs) to a temporary folder, serves the built app (build/wasm/dist or
// KKPHAM_DIST) and drives Debian's chromium through playwright-core: an assessment is created,
// the folder check screen opened and the folder chosen in its directory picker; the time from
// the choice to the results on screen (hashing in the module worker, web/formats/hash-worker.js,
// then engine.evidenceCheck) gives MB/s. Each run is a fresh choice of the same folder (the
// files are in the OS page cache after the first, as they are once a user has opened them).
// Memory: the resident set (VmRSS) of chromium's processes (every descendant of this node
// process) is sampled every 50 ms; the peak of their sum and of the largest single process
// (the renderer, where the worker runs) is printed beside the same before the choice. The CPU
// time chromium used during the run (user + system, /proc/<pid>/stat) gives MiB per CPU second:
// what one free core does, a figure that holds on a loaded machine where wall time does not.
// For comparison: node:crypto and the same web/formats/sha256.js (hash-wasm) under node.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import { pathToFileURL } from 'node:url';
import {
  DIST, startApp, stopApp, openPage, gotoApp, createAssessment, missingPrerequisite,
} from '../tests/e2e/harness.mjs';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const MB = opt('mb', 400);
const FILES = opt('files', 40);
const RUNS = opt('runs', 2);
const JSON_OUT = args.includes('--json');
const MiB = 1024 * 1024;

function writeFolder() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kkpham-bench-evidence-'));
  const folder = path.join(dir, 'data-dukung');
  fs.mkdirSync(folder);
  const total = MB * MiB;
  const mean = total / FILES;
  let left = total;
  const block = Buffer.alloc(4 * MiB);
  for (let i = 0; i < FILES; i += 1) {
    // Sizes from 0.5x to 1.5x the mean; the last file takes what is left.
    const size = i === FILES - 1 ? left : Math.min(left, Math.round(mean * (0.5 + ((i * 7919) % 101) / 100)));
    left -= size;
    const fd = fs.openSync(path.join(folder, `dokumen-${String(i + 1).padStart(3, '0')}.pdf`), 'w');
    for (let at = 0; at < size; at += block.length) {
      crypto.randomFillSync(block);
      fs.writeSync(fd, block, 0, Math.min(block.length, size - at));
    }
    fs.closeSync(fd);
  }
  return { dir, folder };
}

// The pids of every descendant process of this one (chromium and its children).
function descendants() {
  const parent = new Map();
  for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parent.set(Number(pid), ppid);
    } catch { /* gone */ }
  }
  const mine = new Set([process.pid]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, ppid] of parent) {
      if (!mine.has(pid) && mine.has(ppid)) {
        mine.add(pid);
        grew = true;
      }
    }
  }
  mine.delete(process.pid);
  return [...mine];
}

// CPU seconds (user + system) used so far by chromium's processes.
const TICKS = 100; // USER_HZ on Linux
function descendantsCpu() {
  let ticks = 0;
  for (const pid of descendants()) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(f[11]) + Number(f[12]);
    } catch { /* gone */ }
  }
  return ticks / TICKS;
}

// VmRSS (bytes) of chromium's processes: their sum and the largest.
function descendantsRss() {
  const out = [];
  for (const pid of descendants()) {
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (m) out.push(Number(m[1]) * 1024);
    } catch { /* gone */ }
  }
  return { sum: out.reduce((a, b) => a + b, 0), max: Math.max(0, ...out) };
}

function sampler() {
  let peak = { sum: 0, max: 0 };
  const timer = setInterval(() => {
    const r = descendantsRss();
    peak = { sum: Math.max(peak.sum, r.sum), max: Math.max(peak.max, r.max) };
  }, 50);
  return { stop: () => { clearInterval(timer); return peak; } };
}

async function nodeFigures(folder) {
  const files = fs.readdirSync(folder).map((f) => path.join(folder, f));
  const bytes = files.reduce((n, f) => n + fs.statSync(f).size, 0);
  let t0 = performance.now();
  for (const f of files) {
    const h = crypto.createHash('sha256');
    for await (const chunk of fs.createReadStream(f, { highWaterMark: 4 * MiB })) h.update(chunk);
    h.digest('hex');
  }
  const nodeCrypto = bytes / MiB / ((performance.now() - t0) / 1000);
  const { sha256OfBlob } = await import(pathToFileURL(path.join(DIST, 'formats', 'sha256.js')).href);
  t0 = performance.now();
  for (const f of files) await sha256OfBlob(await fs.openAsBlob(f));
  const nodeWasm = bytes / MiB / ((performance.now() - t0) / 1000);
  return { nodeCrypto, nodeWasm };
}

async function main() {
  const why = missingPrerequisite();
  if (why) throw new Error(why);
  const { dir, folder } = writeFolder();
  const bytes = fs.readdirSync(folder).reduce((n, f) => n + fs.statSync(path.join(folder, f)).size, 0);
  const app = await startApp();
  const runs = [];
  try {
    const { context, page } = await openPage(app);
    await gotoApp(page, app.url);
    await createAssessment(page, { name: 'Kabupaten Bench' });
    await page.click('[data-view="plan"]');
    await page.click('#plan-evidence');
    await page.waitForSelector('#evc-folder', { state: 'attached' });
    for (let r = 0; r < RUNS; r += 1) {
      await page.waitForTimeout(500);
      const before = descendantsRss();
      const s = sampler();
      const cpu0 = descendantsCpu();
      const t0 = performance.now();
      await page.setInputFiles('#evc-folder', folder);
      await page.waitForFunction((n) => document.querySelector('#evc-last')?.textContent.includes(String(n)) && document.querySelector('#view-evidence .evc-results'), FILES, { timeout: 600000, polling: 20 });
      const ms = performance.now() - t0;
      const cpuS = descendantsCpu() - cpu0;
      const peak = s.stop();
      const shown = await page.textContent('#evc-last');
      runs.push({ ms, mbPerS: bytes / MiB / (ms / 1000), cpuS, mbPerCpuS: bytes / MiB / cpuS, before, peak, shown });
      await page.click('#evc-forget');
    }
    await context.close();
  } finally {
    await stopApp(app);
  }
  const node = await nodeFigures(folder);
  fs.rmSync(dir, { recursive: true, force: true });
  const result = { files: FILES, mib: bytes / MiB, cores: os.cpus().length, runs, node };
  if (JSON_OUT) {
    console.log(JSON.stringify(result, null, 2));
    return;
  }
  const f = (n) => n.toFixed(0);
  console.log(`evidence hashing: ${FILES} files, ${f(bytes / MiB)} MiB, ${os.cpus().length} cores (load ${os.loadavg()[0].toFixed(1)})`);
  for (const [i, r] of runs.entries()) {
    console.log(`  browser run ${i + 1}: ${f(r.ms)} ms = ${f(r.mbPerS)} MiB/s (choice -> results on screen); chromium used ${r.cpuS.toFixed(1)} CPU s = ${f(r.mbPerCpuS)} MiB per CPU second`);
    console.log(`    chromium RSS: sum ${f(r.before.sum / MiB)} -> peak ${f(r.peak.sum / MiB)} MiB; largest process ${f(r.before.max / MiB)} -> peak ${f(r.peak.max / MiB)} MiB`);
  }
  console.log(`  node:crypto ${f(node.nodeCrypto)} MiB/s; formats/sha256.js (hash-wasm) under node ${f(node.nodeWasm)} MiB/s`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
