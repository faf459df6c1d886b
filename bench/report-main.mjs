// The body of bench/report (issue 5, item 6): one run, every figure with its target.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { runWebLoad, printWebLoad } from './web-load.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = process.env.KKPHAM_DIST || path.join(ROOT, 'build', 'wasm', 'dist');
const CHROMIUM = process.env.KKPHAM_CHROMIUM || '/usr/bin/chromium';
const verdict = (ok) => (ok ? 'PASS' : 'MISS');
const kb = (b) => `${(b / 1000).toFixed(1)} kB`;
const gz = (buf) => zlib.gzipSync(buf, { level: 9 }).length;

// SurveyJS's library alone: the minified builds the packages ship, gzip -9 (as scripts/compress-dist.mjs).
function surveyJsBytes() {
  const files = [];
  const pick = (pkg, candidates) => {
    // Straight from node_modules: the packages' "exports" maps do not expose package.json.
    const dir = path.join(ROOT, 'node_modules', pkg);
    if (!fs.existsSync(path.join(dir, 'package.json'))) return false;
    for (const c of candidates) {
      const p = path.join(dir, c);
      if (fs.existsSync(p)) {
        files.push({ name: `${pkg}/${c}`, raw: fs.statSync(p).size, gzip: gz(fs.readFileSync(p)) });
        return true;
      }
    }
    throw new Error(`${pkg}: none of ${candidates.join(', ')} found`);
  };
  const ok = pick('survey-core', ['survey.core.min.js', 'fesm/survey-core.min.js'])
    && pick('survey-js-ui', ['survey-js-ui.min.js', 'fesm/survey-js-ui.min.js'])
    && pick('survey-core', ['survey-core.min.css', 'defaultV2.min.css', 'survey-core.css']);
  return ok ? files : null;
}

async function lighthouseScores(url) {
  let lighthouse;
  let launcher;
  try {
    lighthouse = (await import('lighthouse')).default;
    launcher = await import('chrome-launcher');
  } catch (err) {
    return { error: `lighthouse is not installed (npm ci): ${err.message}` };
  }
  const chrome = await launcher.launch({
    chromePath: CHROMIUM,
    chromeFlags: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const r = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance', 'accessibility', 'best-practices'] });
    const c = r.lhr.categories;
    const failing = Object.values(r.lhr.audits).filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode === 'binary').map((a) => a.id);
    // A category Lighthouse could not score (an audit of it errored) is null, not 0.
    const score = (cat) => (cat.score === null ? null : Math.round(cat.score * 100));
    return {
      performance: score(c.performance),
      accessibility: score(c.accessibility),
      bestPractices: score(c['best-practices']),
      lcp: r.lhr.audits['largest-contentful-paint']?.displayValue,
      tbt: r.lhr.audits['total-blocking-time']?.displayValue,
      failing,
      runtimeError: r.lhr.runtimeError?.message,
      auditErrors: Object.values(r.lhr.audits).filter((a) => a.errorMessage).map((a) => `${a.id}: ${a.errorMessage}`),
    };
  } finally {
    await chrome.kill();
  }
}

const web = await runWebLoad({ changes: 200 });
console.log('kkpham benchmark report');
console.log('');
console.log('1. Scoring throughput (complete random assessments of the reference pack, parse + validate + score + serialise)');
if (web.ratio.nativeUs) {
  console.log(`  native (g++ Release, kkpham_bench) : ${(1e6 / web.ratio.nativeUs).toFixed(0)} assessments/s (${web.ratio.nativeUs.toFixed(1)} us each)`);
}
if (web.ratio.browserUs) console.log(`  wasm (Debian chromium, kkpham-core.wasm, where the app runs): ${(1e6 / web.ratio.browserUs).toFixed(0)} assessments/s (${web.ratio.browserUs.toFixed(1)} us each)`);
console.log(`  wasm (node ${process.versions.node}, kkpham-core.wasm)    : ${(1e6 / web.ratio.nodeUs).toFixed(0)} assessments/s (${web.ratio.nodeUs.toFixed(1)} us each)`);
console.log('    same protocol on both sides: 1,000 distinct files scored once as a warm-up, then rounds of 2,000 scorings of');
console.log('    text in memory; the best round counts (native: the best of 3 runs)');
if (web.ratio.ratio) {
  console.log(`  wasm/native time ratio (${web.ratio.runtime})    : ${web.ratio.ratio.toFixed(2)}   target <= 2  ${verdict(web.ratio.ratio <= 2)}   (node: ${web.ratio.nodeRatio.toFixed(2)})`);
}
console.log('');

console.log('2. First load (gzip) beside SurveyJS alone');
const bodyGz = (r) => {
  const p = new URL(r.url).pathname.replace(/\/$/, '/index.html');
  const file = path.join(DIST, ...p.split('/').filter(Boolean));
  return fs.existsSync(`${file}.gz`) ? fs.statSync(`${file}.gz`).size : gz(fs.readFileSync(file));
};
const fetched = web.load.cold.responses.filter((r) => r.bytes > 0);
const appBodies = fetched.filter((r) => r.firstScreen).map(bodyGz);
const appGz = appBodies.reduce((a, b) => a + b, 0);
const laterGz = fetched.filter((r) => !r.firstScreen).map(bodyGz).reduce((a, b) => a + b, 0);
console.log(`  app first screen, bodies gzip -9 : ${kb(appGz)} (${appBodies.length} files; on the wire with headers: ${kb(web.load.transfer)})`);
console.log(`  then in the background           : ${kb(laterGz)} (engine, pack, Fill screen, offline cache; whole app ${kb(appGz + laterGz)})`);
const sj = surveyJsBytes();
if (sj) {
  const sjGz = sj.reduce((a, f) => a + f.gzip, 0);
  for (const f of sj) console.log(`    ${f.name}: ${kb(f.raw)} raw, ${kb(f.gzip)} gzip`);
  console.log(`  SurveyJS library alone, gzip -9  : ${kb(sjGz)}`);
  console.log(`  app / SurveyJS                   : ${(appGz / sjGz).toFixed(2)}   target <= 0.33  ${verdict(appGz <= sjGz / 3)}`);
} else {
  console.log('  SurveyJS: survey-core / survey-js-ui not installed (npm ci)   MISS');
}
console.log('');

console.log('3. Web load and latency (bench/web-load.mjs)');
printWebLoad(web, (l) => console.log(`  ${l}`));
console.log('');

// Lighthouse's own advice on variance: run several times and read the median run.
const LH_RUNS = Math.max(1, Number(process.env.KKPHAM_LH_RUNS) || 5);
console.log(`4. Lighthouse (npm lighthouse, Debian chromium, default mobile emulation) on the served app, median of ${LH_RUNS} runs`);
const { startServer } = await import(path.join(ROOT, 'scripts', 'serve.mjs'));
const srv = await startServer(DIST, 0);
try {
  const runs = [];
  for (let i = 0; i < LH_RUNS; i += 1) {
    const r = await lighthouseScores(srv.url);
    if (r.error) { runs.length = 0; runs.push(r); break; }
    runs.push(r);
  }
  // The median of the runs that were scored; a run that was not is shown as "–", with its error.
  const scored = runs.filter((r) => !r.error && r.performance !== null);
  const lh = scored.length ? [...scored].sort((a, b) => a.performance - b.performance)[Math.floor((scored.length - 1) / 2)] : runs[0];
  if (lh.error) console.log(`  could not run: ${lh.error}   MISS`);
  else {
    runs.forEach((r, i) => {
      for (const e of [r.runtimeError, ...(r.auditErrors ?? [])].filter(Boolean)) console.log(`  run ${i + 1}: ${e.slice(0, 160)}`);
    });
    const all = (k) => runs.map((r) => r[k] ?? '–').join(' / ');
    console.log(`  performance    : ${lh.performance}   target >= 95  ${verdict(lh.performance >= 95)}   (median run: LCP ${lh.lcp}, TBT ${lh.tbt}; runs: ${all('performance')})`);
    console.log(`  accessibility  : ${lh.accessibility}   target 100  ${verdict(lh.accessibility === 100)}   (runs: ${all('accessibility')})`);
    console.log(`  best practices : ${lh.bestPractices}   target 100  ${verdict(lh.bestPractices === 100)}   (runs: ${all('bestPractices')})`);
    if (lh.failing.length) console.log(`  failing audits : ${lh.failing.join(', ')}`);
  }
} catch (err) {
  console.log(`  Lighthouse failed: ${err.message}   MISS`);
} finally {
  await srv.close();
}
