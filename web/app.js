// kkpham browser app: the shell. Shows the Start screen as soon as the catalog and the pack
// index are in; the engine (wasm) and the other screens' modules load on demand, and are warmed
// up in idle time once Start is usable. It registers the screens with the navigation API
// (web/state/navigation.js), through which views move on. See web/README.md for the layout.

import { h, clear } from './ui/dom.js';
import { setLang, getLang, t, tx, applyStatic, loadRest } from './ui/i18n.js';
import { closeDialog, announce } from './ui/widgets.js';
import * as store from './state/store.js';
import { ctx, openAssessment, closeAssessment, flush, ensureEngine, loadPackIndex } from './state/assessment.js';
import { registerScreen, setShell, loadScreen, screen } from './state/navigation.js';
import { renderStart, chosenSummary } from './views/start.js';

const VIEWS = ['start', 'fill', 'report', 'gap', 'plan', 'yoy', 'workshop', 'compare', 'evidence', 'offices', 'package', 'verify'];
// Views that show one open assessment; the others work without one.
const NEEDS_ASSESSMENT = new Set(['fill', 'report', 'gap', 'plan', 'evidence', 'offices', 'package']);

function viewEl(name) {
  return document.getElementById(`view-${name}`);
}

// The screens other than Start, each loaded on its first visit, so that the first visit
// transfers only what Start shows. No view imports another: they move on through
// state/navigation.js. The single-file build makes these import()s static (file:// cannot
// fetch modules; scripts/build-single-file.mjs). Each resolves with the strings and styles
// beyond Start's (loadRest, ui/screen-sheets.js): no screen renders a raw key or unstyled.
const withStrings = (module) => Promise.all([module, loadRest(),
  import('./ui/screen-sheets.js').then((m) => m.screenSheets())]).then(([m]) => m);
registerScreen('fill', () => withStrings(import('./views/fill/fill.js')));
registerScreen('report', () => withStrings(import('./views/report.js')));
registerScreen('gap', () => withStrings(import('./views/gap.js')));
registerScreen('plan', () => withStrings(import('./views/plan.js')));
registerScreen('yoy', () => withStrings(import('./views/yoy.js')));
registerScreen('workshop', () => withStrings(import('./views/workshop.js')));
registerScreen('compare', () => withStrings(import('./views/compare.js')));
registerScreen('package', () => withStrings(import('./views/package.js')));
registerScreen('verify', () => withStrings(import('./views/verify.js')));
registerScreen('offices', () => withStrings(import('./views/offices/offices.js')));
registerScreen('evidence', () => withStrings(import('./views/evidence.js')));

// The no-lost-work alerts (a full storage, another tab's save) matter only while an assessment
// is open: Start does without them; they load when one opens (a resumed one waits for them).
let alerts = null;
function ensureAlerts() {
  alerts ??= withStrings(import('./views/alerts.js')).then((m) => m.initAlerts(), (err) => {
    alerts = null; // offline and not cached yet: the next open tries again
    throw err;
  });
  return alerts;
}

// A screen's module. Fill first: the other screens lead into it (openIndicator, go('fill')).
async function loadView(name) {
  if (name !== 'fill') await loadScreen('fill');
  return loadScreen(name);
}

// The what-if bar belongs to the gap screen's module; it is loaded when a scenario is open.
function whatIfBar() {
  if (screen('gap')) screen('gap').renderWhatIfBar();
  else if (ctx.whatIf) loadView('gap').then((m) => m.renderWhatIfBar(), () => {});
}

export function show(name) {
  flush();
  if (!VIEWS.includes(name) || (!ctx.answers && NEEDS_ASSESSMENT.has(name))) name = 'start';
  if (ctx.view === 'workshop' && name !== 'workshop') screen('workshop')?.leaveWorkshop();
  // Another screen starts at its top (not where the last one was scrolled to, e.g. Start's
  // "Mulai penilaian" button); openIndicator scrolls to its indicator afterwards.
  if (ctx.view !== name) window.scrollTo(0, 0);
  ctx.view = name;
  store.setPrefs({ view: name }); // a reload comes back to the same screen
  for (const v of VIEWS) viewEl(v).hidden = v !== name;
  updateNav();
  document.body.dataset.view = name;
  renderCurrent();
  updateNotice();
  whatIfBar();
}

function updateNav() {
  for (const b of document.querySelectorAll('[data-view]')) {
    const on = b.dataset.view === ctx.view;
    if (on) b.setAttribute('aria-current', 'page');
    else b.removeAttribute('aria-current');
    b.disabled = NEEDS_ASSESSMENT.has(b.dataset.view) && !ctx.answers;
  }
}

setShell({ show, rerender: () => renderCurrent() });

const RENDER = {
  fill: (m, root) => m.renderFill(root),
  report: (m, root) => m.renderReport(root),
  gap: (m, root) => m.renderGap(root),
  plan: (m, root) => m.renderPlan(root),
  yoy: (m, root) => m.renderYoy(root),
  workshop: (m, root) => m.renderWorkshop(root),
  compare: (m, root) => m.renderCompare(root),
  package: (m, root) => m.renderPackage(root),
  verify: (m, root) => m.renderVerify(root),
  offices: (m, root) => m.renderOffices(root),
  evidence: (m, root) => m.renderEvidence(root),
};

function renderCurrent() {
  const name = ctx.view;
  const root = viewEl(name);
  if (name === 'start') {
    renderStart(root);
  } else if (screen(name) && ctx.engine) {
    RENDER[name](screen(name), root);
  } else {
    // First visit of this screen: its module (and the engine) are still on their way.
    clear(root).append(h('p', { class: 'view-loading', role: 'status' }, t('app.loadingView')));
    Promise.all([loadView(name), ensureEngine()]).then(() => {
      if (ctx.view === name) renderCurrent();
    }, (err) => {
      if (ctx.view !== name) return;
      clear(root).append(h('div', { class: 'errorbox', role: 'alert' }, h('p', null, t('app.engineFailed', { reason: String(err?.message ?? err) }))));
    });
  }
  updateNav();
  document.title = ctx.answers
    ? `${ctx.answers.region?.name || t('app.untitled')} · ${t('app.name')}`
    : t('app.name');
}

// The reference-pack notice stays visible on every screen while the active pack is not official.
export function updateNotice() {
  const el = document.getElementById('notice');
  const sum = ctx.summary ?? (ctx.view === 'start' ? chosenSummary() : null);
  const notice = sum?.notice ?? ctx.pack?.notice;
  const show = Boolean(sum) && sum.status !== 'official';
  el.hidden = !show;
  if (!show) return;
  // One line on screen, the full text a click away ("selengkapnya") and in full on a printout.
  const label = t('notice.label', { status: t(`pack.status.${sum.status}`) });
  const full = tx(notice) || t('notice.default');
  clear(el).append(
    h('details', { class: 'notice-more' },
      h('summary', null, h('strong', null, label), ' ', h('span', { class: 'notice-short' }, full), ' ',
        h('span', { class: 'notice-toggle' }, t('notice.more'))),
      h('p', { class: 'notice-full' }, full)),
    h('p', { class: 'notice-print' }, h('strong', null, label), ' ', full),
  );
}

function setupHeader() {
  document.getElementById('lang-switch').addEventListener('click', async () => {
    const next = getLang() === 'id' ? 'en' : 'id';
    await setLang(next);
    store.setPrefs({ lang: next });
    applyChrome();
    renderCurrent();
    updateNotice();
    announce(t('lang.changed'));
  });
  document.getElementById('large-switch').addEventListener('click', (ev) => {
    const on = !document.documentElement.classList.contains('large');
    document.documentElement.classList.toggle('large', on);
    ev.currentTarget.setAttribute('aria-pressed', String(on));
    store.setPrefs({ large: on });
  });
  for (const b of document.querySelectorAll('[data-view]')) {
    b.addEventListener('click', () => {
      if (b.dataset.view === 'start' && ctx.answers && ctx.view !== 'start') {
        closeAssessment();
      }
      show(b.dataset.view);
      document.getElementById('main').focus({ preventScroll: true }); // the screen starts at its top
    });
  }
  const dlg = document.getElementById('dialog');
  dlg.querySelector('.dialog-close').addEventListener('click', closeDialog);
  dlg.addEventListener('click', (ev) => {
    if (ev.target === dlg) closeDialog(); // click on the backdrop
  });
  document.addEventListener('kkpham:pack', updateNotice);
  // Full storage, and the same assessment saved by another tab: the alerts warn and ask.
  document.addEventListener('kkpham:open', () => {
    updateNav(); // Fill, Report, Gap and Plan need an open assessment (e.g. one chosen in the workshop)
    if (ctx.key) ensureAlerts().catch(() => {});
  });
  document.addEventListener('kkpham:whatif', whatIfBar);
  ctx.listeners.add(() => {
    // Right after a change (a microtask, see state.changed()).
    if (ctx.view === 'fill') screen('fill')?.refreshNow();
    else if (ctx.view === 'gap') screen('gap')?.refreshGap();
    else if (ctx.view === 'workshop') screen('workshop')?.refreshWorkshop();
    whatIfBar();
  });
}

// Strings of the page chrome (header, skip link, dialog).
function applyChrome() {
  applyStatic(document);
  const lang = getLang();
  const sw = document.getElementById('lang-switch');
  sw.textContent = lang === 'id' ? 'English' : 'Bahasa Indonesia';
  sw.setAttribute('lang', lang === 'id' ? 'en' : 'id');
  sw.setAttribute('aria-label', t('lang.switch'));
}

function fatal(err) {
  console.error(err);
  const main = document.getElementById('main');
  clear(main).append(
    h('div', { class: 'errorbox', role: 'alert' },
      h('p', { class: 'errorbox-title' }, safeT('err.fatal', 'Aplikasi tidak dapat dimuat. / The app could not be loaded.')),
      h('p', null, String(err?.message ?? err))),
  );
}

function safeT(key, fallback) {
  try {
    const s = t(key);
    return s === key ? fallback : s;
  } catch {
    return fallback;
  }
}

// After Start is usable: fetch and compile what the next screens need while the user reads and
// types, so that "Buat penilaian" opens Fill without waiting. One step per idle period (engine,
// then the Fill screen, then the service worker's offline copy), so that no step holds the main
// thread long when the user starts typing, and the offline copy does not compete with the engine
// for a slow link.
function warmUp() {
  const idle = (fn) => new Promise((resolve) => {
    const run = () => Promise.resolve().then(fn).catch(() => {}).then(resolve);
    if (globalThis.requestIdleCallback) globalThis.requestIdleCallback(run, { timeout: 2000 });
    else setTimeout(run, 200);
  });
  // The strings beyond Start's load with the engine: the next screen needs both.
  idle(() => Promise.all([ensureEngine(), loadRest()]))
    .then(() => idle(() => loadView('fill')))
    .then(() => idle(registerServiceWorker));
}

function registerServiceWorker() {
  if (!('serviceWorker' in navigator) || !location.protocol.startsWith('http')) return;
  navigator.serviceWorker.register(new URL('./sw.js', import.meta.url), { scope: './' }).catch((err) => {
    console.warn('service worker not registered:', err);
  });
}

async function boot() {
  const prefs = store.getPrefs();
  document.documentElement.classList.toggle('large', Boolean(prefs.large));
  document.getElementById('large-switch').setAttribute('aria-pressed', String(Boolean(prefs.large)));
  const packIndex = loadPackIndex(); // fetched while the catalog loads
  packIndex.catch(() => {}); // awaited below; no unhandled rejection meanwhile
  const saved = store.open(); // the saved work (IndexedDB), opened meanwhile too
  await setLang(prefs.lang);
  applyChrome();
  setupHeader();
  window.kkpham = { ctx, store }; // for debugging and the browser tests
  await Promise.all([packIndex, saved]);
  let view = 'start';
  if (prefs.current) {
    // Resuming: the engine and the screen's module are needed before anything is shown.
    const want = prefs.view && VIEWS.includes(prefs.view) ? prefs.view : 'fill';
    const [err] = await Promise.all([openAssessment(prefs.current), want === 'start' ? null : loadView(want),
      ensureAlerts().catch(() => {})]);
    if (!err) view = want;
    else store.setPrefs({ current: null });
  }
  document.body.classList.remove('loading');
  show(view);
  document.body.dataset.ready = 'true';
  // Paper styles (for printing Start).
  import('./ui/screen-sheets.js').then((m) => m.printSheet(), () => {});
  warmUp();
}

boot().catch(fatal);
