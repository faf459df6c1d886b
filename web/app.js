// kkpham browser app: entry point. Loads the catalogs and the engine, then shows
// the Start, Fill or Report view. See web/README.md for how the pieces meet.

import { loadEngine } from './kkpham-api.js';
import { h, clear } from './dom.js';
import { setLang, getLang, t, tx, applyStatic } from './i18n.js';
import * as store from './store.js';
import { ctx, openAssessment, closeAssessment, flush } from './state.js';
import { closeDialog, announce } from './ui.js';
import { renderStart } from './start.js';
import { renderFill, refreshNow, initFill } from './fill.js';
import { renderReport } from './report.js';
import { renderGap, renderWhatIfBar, refreshGap } from './gap.js';
import { renderPlan } from './plan.js';
import { renderWorkshop, refreshWorkshop, leaveWorkshop } from './workshop.js';
import { renderCompare } from './compare.js';
import { renderYoy } from './yoy.js';
import { initGuard } from './guard.js';

const VIEWS = ['start', 'fill', 'report', 'gap', 'plan', 'yoy', 'workshop', 'compare'];
// Views that show one open assessment; the others work without one.
const NEEDS_ASSESSMENT = new Set(['fill', 'report', 'gap', 'plan']);

function viewEl(name) {
  return document.getElementById(`view-${name}`);
}

export function show(name) {
  flush();
  if (!VIEWS.includes(name) || (!ctx.answers && NEEDS_ASSESSMENT.has(name))) name = 'start';
  if (ctx.view === 'workshop' && name !== 'workshop') leaveWorkshop();
  ctx.view = name;
  store.setPrefs({ view: name }); // a reload comes back to the same screen
  for (const v of VIEWS) viewEl(v).hidden = v !== name;
  updateNav();
  document.body.dataset.view = name;
  renderCurrent();
  updateNotice();
  renderWhatIfBar(navApi);
}

function updateNav() {
  for (const b of document.querySelectorAll('[data-view]')) {
    const on = b.dataset.view === ctx.view;
    if (on) b.setAttribute('aria-current', 'page');
    else b.removeAttribute('aria-current');
    b.disabled = NEEDS_ASSESSMENT.has(b.dataset.view) && !ctx.answers;
  }
}

const navApi = { show, rerender: () => renderCurrent() };

function renderCurrent() {
  const root = viewEl(ctx.view);
  if (ctx.view === 'start') renderStart(root, { show, rerender: renderCurrent });
  else if (ctx.view === 'fill') renderFill(root, { show });
  else if (ctx.view === 'gap') renderGap(root, navApi);
  else if (ctx.view === 'plan') renderPlan(root, navApi);
  else if (ctx.view === 'yoy') renderYoy(root, navApi);
  else if (ctx.view === 'workshop') renderWorkshop(root, navApi);
  else if (ctx.view === 'compare') renderCompare(root, navApi);
  else renderReport(root, { show });
  updateNav();
  document.title = ctx.answers
    ? `${ctx.answers.region?.name || t('app.untitled')} · ${t('app.name')}`
    : t('app.name');
}

// The reference-pack notice stays visible on every screen while the active pack is not official.
export function updateNotice() {
  const el = document.getElementById('notice');
  const sum = ctx.summary;
  const notice = sum?.notice ?? ctx.pack?.notice;
  const show = Boolean(sum) && sum.status !== 'official';
  el.hidden = !show;
  if (!show) return;
  clear(el).append(
    h('strong', null, t('notice.label', { status: t(`pack.status.${sum.status}`) })),
    ' ',
    h('span', null, tx(notice) || t('notice.default')),
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
      document.getElementById('main').focus();
    });
  }
  const dlg = document.getElementById('dialog');
  dlg.querySelector('.dialog-close').addEventListener('click', closeDialog);
  dlg.addEventListener('click', (ev) => {
    if (ev.target === dlg) closeDialog(); // click on the backdrop
  });
  document.addEventListener('kkpham:pack', updateNotice);
  // Full storage, and the same assessment saved by another tab: guard.js warns and asks.
  initGuard(navApi);
  initFill(navApi);
  document.addEventListener('kkpham:whatif', () => renderWhatIfBar(navApi));
  ctx.listeners.add(() => {
    // Already inside an animation frame.
    if (ctx.view === 'fill') refreshNow();
    else if (ctx.view === 'gap') refreshGap();
    else if (ctx.view === 'workshop') refreshWorkshop();
    renderWhatIfBar(navApi);
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
  await setLang(prefs.lang);
  applyChrome();
  setupHeader();
  // A single-file build may hand over its own module factory (see web/README.md).
  ctx.engine = await loadEngine(globalThis.KKPHAM_EMBED?.engineArgs ?? {});
  window.kkpham = { ctx }; // for debugging and the browser tests
  let view = 'start';
  if (prefs.current) {
    const err = await openAssessment(prefs.current);
    if (!err) view = prefs.view && VIEWS.includes(prefs.view) ? prefs.view : 'fill';
    else store.setPrefs({ current: null });
  }
  document.body.classList.remove('loading');
  show(view);
  document.body.dataset.ready = 'true';
  registerServiceWorker();
}

boot().catch(fatal);
