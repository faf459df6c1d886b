// Shared set-up for the browser tests: the built app served on 127.0.0.1, headless Debian
// chromium through playwright-core, a node-side engine (the same wasm) to compute expected
// answers, and helpers that drive the UI the way a person would.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DIST = process.env.KKPHAM_DIST || path.join(ROOT, 'build', 'wasm', 'dist');
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
  for (const f of ['index.html', 'app.js', 'kkpham-api.js', 'kkpham-core.mjs', 'kkpham-core.wasm', PACK_FILE]) {
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
      const { loadEngine } = await import(path.join(DIST, 'kkpham-api.js'));
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
  return page.evaluate(() => JSON.parse(JSON.stringify(window.kkpham.ctx.answers)));
}

export async function storedAssessments(page) {
  return page.evaluate(() => {
    const out = {};
    for (let i = 0; i < localStorage.length; i += 1) {
      const k = localStorage.key(i);
      if (k.startsWith('kkpham:v1:')) out[k] = localStorage.getItem(k);
    }
    return out;
  });
}

export async function liveTotal(page) {
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
