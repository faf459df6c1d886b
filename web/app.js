// kkpham browser app: entry point. Loads the catalogs and the engine, then shows
// the Start, Fill or Report view. See web/README.md for how the pieces meet.

import { loadEngine } from './kkpham-api.js';
import { h, clear } from './dom.js';
import { setLang, getLang, t, tx, applyStatic } from './i18n.js';
import * as store from './store.js';
import { ctx, openAssessment, closeAssessment } from './state.js';
import { closeDialog, announce } from './ui.js';
import { renderStart } from './start.js';
import { renderFill, refreshFill } from './fill.js';
import { renderReport } from './report.js';

const VIEWS = ['start', 'fill', 'report'];

function viewEl(name) {
  return document.getElementById(`view-${name}`);
}

export function show(name) {
  if (!ctx.answers && name !== 'start') name = 'start';
  ctx.view = name;
  for (const v of VIEWS) viewEl(v).hidden = v !== name;
  for (const b of document.querySelectorAll('[data-view]')) {
    const on = b.dataset.view === name;
    if (on) b.setAttribute('aria-current', 'page');
    else b.removeAttribute('aria-current');
    b.disabled = b.dataset.view !== 'start' && !ctx.answers;
  }
  document.body.dataset.view = name;
  renderCurrent();
  updateNotice();
}

function renderCurrent() {
  const root = viewEl(ctx.view);
  if (ctx.view === 'start') renderStart(root, { show, rerender: renderCurrent });
  else if (ctx.view === 'fill') renderFill(root, { show });
  else renderReport(root, { show });
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
  ctx.listeners.add(() => {
    if (ctx.view === 'fill') refreshFill();
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
  ctx.engine = await loadEngine({});
  window.kkpham = { ctx }; // for debugging and the browser tests
  let view = 'start';
  if (prefs.current) {
    const err = await openAssessment(prefs.current);
    if (!err) view = 'fill';
    else store.setPrefs({ current: null });
  }
  document.body.classList.remove('loading');
  show(view);
  document.body.dataset.ready = 'true';
  registerServiceWorker();
}

boot().catch(fatal);
