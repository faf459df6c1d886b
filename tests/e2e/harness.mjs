// Shared set-up for the browser tests: the built app served on 127.0.0.1, headless Debian
// chromium through playwright-core, a node-side engine (the same wasm) to compute expected
// answers, and helpers that drive the UI the way a person would.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DIST = path.resolve(process.env.KKPHAM_DIST || path.join(ROOT, 'build', 'wasm', 'dist'));
export const SHOTS = path.join(ROOT, 'build', 'screenshots');
export const CHROMIUM = process.env.KKPHAM_CHROMIUM || '/usr/bin/chromium';
export const PACK_FILE = 'criteria/kkpham-22-2021.json';

export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

let playwright = null;
try {
  playwright = await import('playwright-core');
} catch {
  playwright = null;
}

// Why the suite cannot run here, or null. A missing build is a failure, not a skip.
export function missingPrerequisite() {
  if (!playwright) return 'playwright-core is not installed (npm ci)';
  if (!fs.existsSync(CHROMIUM)) return `${CHROMIUM} not found (apt-get install chromium)`;
  return null;
}

export function assertBuilt() {
  for (const f of ['index.html', 'app.js', 'engine/kkpham-api.js', 'kkpham-core.mjs', 'kkpham-core.wasm', PACK_FILE]) {
    if (!fs.existsSync(path.join(DIST, f))) {
      throw new Error(`${path.join(DIST, f)} is missing: build the app first (cmake --workflow --preset app)`);
    }
  }
}

export async function startApp() {
  assertBuilt();
  const { startServer } = await import(path.join(ROOT, 'scripts', 'serve.mjs'));
  const server = await startServer(DIST, 0);
  const browser = await playwright.chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  return { server, browser, url: server.url.endsWith('/') ? server.url : `${server.url}/` };
}

export async function stopApp(app) {
  await app?.browser?.close();
  await app?.server?.close();
}

// A page with a recorder for console errors, page errors, CSP violations and every request.
export async function openPage(app, { context: ctxOpts = {}, viewport = { width: 1366, height: 900 } } = {}) {
  const context = await app.browser.newContext({ viewport, acceptDownloads: true, ...ctxOpts });
  const page = await context.newPage();
  const log = { errors: [], requests: [], dialogs: [] };
  page.on('console', (m) => {
    if (m.type() === 'error') log.errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => log.errors.push(`pageerror: ${e.message}`));
  page.on('dialog', async (d) => {
    log.dialogs.push(d.message());
    await d.dismiss();
  });
  context.on('request', (r) => log.requests.push(r.url()));
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  return { context, page, log };
}

export async function gotoApp(page, url) {
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 20000 });
}

export async function shot(page, name, opts = {}) {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), ...opts });
}

// --------------------------------------------------------------- node-side engine
let enginePromise = null;
export function nodeEngine() {
  if (!enginePromise) {
    enginePromise = (async () => {
      const { loadEngine } = await import(path.join(DIST, 'engine', 'kkpham-api.js'));
      const e = await loadEngine({ wasmBinary: fs.readFileSync(path.join(DIST, 'kkpham-core.wasm')) });
      const r = e.loadPack(fs.readFileSync(path.join(DIST, PACK_FILE), 'utf8'));
      if (!r.ok) throw new Error(`bundled pack does not load: ${JSON.stringify(r.errors)}`);
      return e;
    })();
  }
  return enginePromise;
}

export function bundledPack() {
  return JSON.parse(fs.readFileSync(path.join(DIST, PACK_FILE), 'utf8'));
}

// ------------------------------------------------------------------ UI helpers
export async function createAssessment(page, { name = 'Kabupaten Contoh', kind = 'kabupaten', province = 'Jawa Tengah', code = '33.06', dataYear = '2025', assessmentYear = '2026' } = {}) {
  await page.click('[data-view="start"]');
  await page.waitForSelector('#new-name');
  await page.waitForSelector('.pack-summary .hash');
  await page.fill('#new-name', name);
  await page.selectOption('#new-kind', kind);
  await page.fill('#new-province', province);
  await page.fill('#new-code', code);
  await page.fill('#new-data_year', dataYear);
  await page.fill('#new-assessment_year', assessmentYear);
  await page.click('.region-form button[type="submit"]');
  await page.waitForSelector('.fill-layout');
}

export async function goToRight(page, rightId) {
  const names = await page.evaluate(() => window.kkpham.ctx.pack.rights.map((r) => r.id));
  const i = names.indexOf(rightId);
  await page.click(`.rights li:nth-child(${i + 1}) button`);
  await page.waitForFunction((id) => window.kkpham.ctx.rightId === id, rightId);
}

// Enters one indicator's answer (from an answers-file entry) through its inputs.
export async function enterAnswer(page, ind, a, { comma = false } = {}) {
  const id = ind.id;
  if (a.na) {
    await page.check(`#na-${id}`);
    return;
  }
  if (a.value === null || a.value === undefined) return;
  const kind = ind.answer.kind;
  if (kind === 'yes_no') {
    await page.check(`#v-${id}-${a.value ? 0 : 1}`);
  } else if (kind === 'level') {
    const k = ind.answer.levels.findIndex((l) => l.id === a.value);
    await page.check(`#v-${id}-${k}`);
  } else {
    const text = comma ? String(a.value).replace('.', ',') : String(a.value);
    await page.fill(`#val-${id}`, text);
  }
}

export async function enterEvidence(page, ind, a, { references = false } = {}) {
  const ready = (a.evidence || []).filter((e) => e.status === 'ready');
  if (!ready.length) return;
  const det = page.locator(`#ind-${ind.id} details.more`);
  if (!(await det.evaluate((d) => d.open))) await page.click(`#ind-${ind.id} details.more > summary`);
  for (const e of ready) {
    const k = ind.evidence.findIndex((p) => p.id === e.id);
    await page.check(`#ev-${ind.id}-${k}-ready`);
    if (references && e.reference) await page.fill(`#ev-${ind.id}-${k}-ref`, e.reference);
  }
}

export async function pageAnswers(page) {
  await settle(page);
  return page.evaluate(() => JSON.parse(JSON.stringify(window.kkpham.ctx.answers)));
}

// Every saved record, read straight from the app's IndexedDB database ("kkpham") once the writes
// this page has started have committed (web/state/store.js): {'a:<key>': answers text,
// 'a:<key>#version': its version, 's:<key>': scenario text, 'effort:<key>': efforts,
// 'pack:<sha>': pack text, index: [saved-list entries, by key]}.
export async function storedAssessments(page) {
  return page.evaluate(async () => {
    await window.kkpham.store.whenSaved();
    const db = await new Promise((resolve, reject) => {
      const req = indexedDB.open('kkpham');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const all = (name) => new Promise((resolve, reject) => {
      const req = db.transaction(name, 'readonly').objectStore(name).getAll();
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const out = {};
    try {
      for (const r of await all('answers')) {
        out[`a:${r.key}`] = r.text;
        out[`a:${r.key}#version`] = r.version;
      }
      for (const r of await all('scenarios')) out[`s:${r.key}`] = r.text;
      for (const r of await all('efforts')) out[`effort:${r.key}`] = r.effort;
      for (const r of await all('packs')) out[`pack:${r.key}`] = r.text;
      out.index = await all('meta');
    } finally {
      db.close();
    }
    return out;
  });
}

// Lets the app finish the animation frame in which it scores and draws pending changes.
export async function settle(page) {
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))));
}

export async function liveTotal(page) {
  await settle(page);
  // The number on screen, in Indonesian format (75,50) → 75.5
  await page.waitForFunction(() => !document.querySelector('.total-num')?.textContent.includes('–'));
  const text = await page.textContent('.total-num');
  return Number(text.replace(/\./g, '').replace(',', '.'));
}

// Runs axe-core in the page. The page's CSP forbids inline scripts, so the source is
// evaluated through the DevTools protocol (page.evaluate), which CSP does not block.
let axeSource = null;
export async function axe(page, { exclude = [] } = {}) {
  if (!axeSource) {
    const { createRequire } = await import('node:module');
    const require = createRequire(import.meta.url);
    axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  }
  await page.evaluate(axeSource);
  return page.evaluate(async (ex) => {
    const r = await window.axe.run({ include: [document], exclude: ex.map((s) => [s]) }, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
      resultTypes: ['violations'],
    });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
  }, exclude);
}

// Imports an answers file through the Start screen (as a user would) and waits until it is open.
export async function importAnswers(page, answers, name = 'jawaban.kkpham.json') {
  const before = await page.evaluate(() => window.kkpham.ctx.key);
  await page.click('[data-view="start"]');
  const input = page.locator('section[aria-labelledby="imp-h"] input[type="file"]');
  await input.waitFor({ state: 'attached' });
  await input.setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(answers, null, 2)) });
  await page.waitForFunction((k) => window.kkpham.ctx.key && window.kkpham.ctx.key !== k && window.kkpham.ctx.view === 'fill', before);
  return page.evaluate(() => window.kkpham.ctx.key);
}

// A random answers file of the bundled pack (the engine's template), for a named region.
export async function randomAnswers(seed, { name = `Kabupaten Uji ${seed}`, kind = 'kabupaten', province = 'Jawa Tengah', dataYear = 2025, assessmentYear = 2026 } = {}) {
  const engine = await nodeEngine();
  const r = engine.makeTemplate({ fill: 'random', seed, data_year: dataYear, assessment_year: assessmentYear, region: { name, kind, province, code: '' } });
  if (!r.ok) throw new Error(`makeTemplate: ${JSON.stringify(r.errors)}`);
  return r.answers;
}

// The answers stored for an assessment key (parsed; null when there are none), from IndexedDB.
export async function storedAnswers(page, key) {
  const text = (await storedAssessments(page))[`a:${key}`];
  return text === undefined ? null : JSON.parse(text);
}

// The native CLI, when built (KKPHAM_NATIVE_CLI or the default build folder).
export function nativeCli() {
  const candidates = [
    process.env.KKPHAM_NATIVE_CLI,
    path.join(ROOT, 'build', 'native', 'tools', 'kkpham', 'kkpham'),
  ].filter(Boolean);
  return candidates.find((c) => fs.existsSync(c)) ?? null;
}

// Screenshot of a new screen for the docs: build/screenshots/<name>.png.
export async function shotScreen(page, name, opts = {}) {
  // Without the transient status message (it would cover part of the screen).
  await page.evaluate(() => {
    window.scrollTo(0, 0);
    const st = document.getElementById('status');
    if (st) st.textContent = '';
  });
  await shot(page, name, opts);
}

// Asserts that axe-core finds no violation on the page as it is now.
export async function assertAxeClean(page, screen, opts) {
  const v = await axe(page, opts);
  const text = v.map((x) => `${x.id} (${x.impact}): ${x.help} → ${x.nodes.join(', ')}`).join('\n');
  if (v.length) throw new Error(`axe: ${v.length} violation(s) on ${screen}:\n${text}`);
}

// Number shown in the UI's Indonesian format ("1.234,56", "+25,78") → 1234.56.
export function parseIdNumber(text) {
  return Number(String(text).trim().replace(/^\+/, '').replace(/\./g, '').replace(',', '.').replace('−', '-'));
}

// Runs the native CLI with arguments; returns parsed JSON (or null when the CLI is not built).
export async function cliJson(args) {
  const cli = nativeCli();
  if (!cli) return null;
  const { execFileSync } = await import('node:child_process');
  let out;
  try {
    out = execFileSync(cli, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  } catch (err) {
    out = err.stdout; // exit status 1 still prints the JSON
  }
  return JSON.parse(out);
}

// Writes JSON files into a fresh temporary folder; returns the folder and the paths.
export function tempFiles(files) {
  const os = fs.mkdtempSync(path.join(process.env.TMPDIR || '/tmp', 'kkpham-e2e-'));
  const paths = {};
  for (const [name, content] of Object.entries(files)) {
    const p = path.join(os, name);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
    paths[name] = p;
  }
  return { dir: os, paths, remove: () => fs.rmSync(os, { recursive: true, force: true }) };
}

// A ZIP archive (stored entries) with these names, as Word and Excel write them.
export function zip(names) {
  const parts = [];
  for (const name of names) {
    const data = Buffer.from(`<x>${name}</x>`);
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0);
    head.writeUInt16LE(20, 4);
    head.writeUInt32LE(zlib.crc32 ? zlib.crc32(data) : 0, 14);
    head.writeUInt32LE(data.length, 18);
    head.writeUInt32LE(data.length, 22);
    head.writeUInt16LE(Buffer.byteLength(name), 26);
    parts.push(head, Buffer.from(name), data);
  }
  return Buffer.concat(parts);
}
