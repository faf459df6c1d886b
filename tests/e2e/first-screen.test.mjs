// The first screen loads only what Start shows (issue 12): the Start part of the catalog, no
// screens.css or print.css; what it leaves out arrives before anything else renders. No raw
// catalog key (`start.kanwil`) is ever shown: on Start, in English, in Start's on-demand parts
// (Kanwil, a wrong file imported), on every other screen, even when reached at once.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { missingPrerequisite, startApp, stopApp, openPage, gotoApp, createAssessment, ROOT } from './harness.mjs';

const skip = missingPrerequisite() || false;
let app;
before(async () => {
  if (!skip) app = await startApp();
});
after(async () => {
  await stopApp(app);
});

const KEYS = Object.keys(JSON.parse(fs.readFileSync(path.join(ROOT, 'web', 'i18n', 'id.json'), 'utf8')));
const SCREENS = ['fill', 'report', 'gap', 'plan', 'yoy', 'workshop', 'compare', 'evidence', 'offices', 'package', 'verify'];

// Every visible text and labelling attribute that is a catalog key (a string never looked up).
async function rawKeys(page) {
  return page.evaluate((keys) => {
    const set = new Set(keys);
    const out = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const s = n.textContent.trim();
      if (set.has(s) && n.parentElement?.getClientRects().length) out.push(s);
    }
    for (const el of document.querySelectorAll('[aria-label], [title], [placeholder], [alt]')) {
      for (const a of ['aria-label', 'title', 'placeholder', 'alt']) if (set.has(el.getAttribute(a))) out.push(`${a}=${el.getAttribute(a)}`);
    }
    if (set.has(document.title)) out.push(`title ${document.title}`);
    return out;
  }, KEYS);
}

// The page plus a record of i18n's "missing key" warnings.
async function open() {
  const opened = await openPage(app);
  opened.missing = [];
  opened.page.on('console', (m) => {
    if (/i18n: missing key/.test(m.text())) opened.missing.push(m.text());
  });
  return opened;
}

// What had been requested when the Start form became usable (as bench/web-load.mjs measures it).
function usableProbe() {
  const mark = () => {
    if (window.__usable === undefined && document.querySelector('body[data-ready="true"] #new-name')
      && document.querySelector('.pack-summary .hash')) {
      window.__usable = performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname);
    }
  };
  new MutationObserver(mark).observe(document, { subtree: true, childList: true, attributes: true });
}

test('the first screen fetches the Start strings only, no other screen\'s styles, and shows no raw key', { skip }, async () => {
  const { page, log, missing } = await open();
  await page.addInitScript(usableProbe);
  await page.goto(app.url);
  await page.waitForFunction(() => window.__usable !== undefined);
  const early = await page.evaluate(() => window.__usable);
  assert.ok(early.some((p) => p.endsWith('/i18n/id.start.json')), early.join(' '));
  for (const p of ['/i18n/id.rest.json', '/i18n/id.json', '/screens.css', '/print.css']) {
    assert.ok(!early.includes(p), `${p} was fetched before Start was usable`);
  }
  assert.deepEqual(await rawKeys(page), []);
  // Nothing in screens.css applies to what Start shows: linking it later cannot move Start.
  const matched = await page.evaluate(async () => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(await (await fetch('screens.css')).text());
    const out = [];
    const walk = (rules) => {
      for (const r of rules) {
        if (!r.selectorText) {
          if (r.cssRules) walk(r.cssRules);
          continue;
        }
        // Without pseudo-classes/elements (:hover, ::backdrop), which querySelectorAll cannot test.
        const sel = r.selectorText.replace(/::?[a-z-]+(\([^)]*\))?/g, (m) => (/^:(not|is|where|has)\(/.test(m) ? m : ''));
        const hit = [...document.querySelectorAll(sel || '*')].find((e) => e.getClientRects().length);
        if (hit) out.push(`${r.selectorText} → <${hit.localName} class="${hit.className}">`);
      }
    };
    walk(sheet.cssRules);
    return out;
  });
  assert.deepEqual(matched, []);
  // In English too (its Start part only, until another screen is wanted).
  await page.click('#lang-switch');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  assert.deepEqual(await rawKeys(page), []);
  assert.deepEqual(missing, []);
  assert.deepEqual(log.errors, []);
  await page.context().close();
});

test('Start\'s on-demand parts (Kanwil, an import) bring their strings before they render', { skip }, async () => {
  const { page, log, missing } = await open();
  await gotoApp(page, app.url);
  // At once, before the warm-up loaded the rest.
  await page.click('details.kanwil > summary');
  await page.waitForSelector('details.kanwil input[type="file"]');
  assert.deepEqual(await rawKeys(page), []);
  const input = page.locator('section[aria-labelledby="imp-h"] input[type="file"]');
  await input.setInputFiles({ name: 'bukan-jawaban.json', mimeType: 'application/json', buffer: Buffer.from('{"bukan": "jawaban"') });
  await page.waitForSelector('section[aria-labelledby="imp-h"] .errorbox, [role="alert"]');
  assert.deepEqual(await rawKeys(page), []);
  assert.deepEqual(missing, []);
  assert.deepEqual(log.errors, []);
  await page.context().close();
});

test('every other screen renders with its strings and styles, even when reached at once', { skip }, async () => {
  const { page, log, missing } = await open();
  await gotoApp(page, app.url);
  // Straight away: the workshop needs no assessment, and the warm-up has not run yet.
  await page.click('[data-view="workshop"]');
  await page.waitForFunction(() => !document.querySelector('#view-workshop .view-loading') && document.querySelector('#view-workshop').childElementCount);
  assert.deepEqual(await rawKeys(page), []);
  await createAssessment(page, { name: 'Kabupaten Layar Pertama' });
  for (const name of SCREENS) {
    if (await page.$(`[data-view="${name}"]`)) await page.click(`[data-view="${name}"]`);
    else { // a screen without a nav button: reached from Plan
      await page.click('[data-view="plan"]');
      await page.click(`#view-plan [data-go="${name}"]`);
    }
    await page.waitForFunction((n) => window.kkpham.ctx.view === n && !document.querySelector(`#view-${n} .view-loading`)
      && document.querySelector(`#view-${n}`).childElementCount, name);
    assert.deepEqual(await rawKeys(page), [], name);
    if (await page.isVisible('#dialog[open]')) { // e.g. a screen's first-visit help: its strings too
      await page.click('#dialog .dialog-close');
    }
  }
  // Both sheets linked once, in the cascade order style.css < screens.css < print.css.
  const sheets = await page.evaluate(() => [...document.querySelectorAll('link[rel="stylesheet"]')].map((l) => `${new URL(l.href).pathname} ${l.media}`.trim()));
  assert.deepEqual(sheets.map((s) => s.replace(/^.*\//, '')), ['style.css', 'screens.css', 'print.css print']);
  assert.deepEqual(missing, []);
  assert.deepEqual(log.errors, []);
  await page.context().close();
});
