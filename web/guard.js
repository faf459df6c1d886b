// No lost work: what the user sees when a save could not happen.
//
//  * Storage full (a QuotaExceededError from localStorage): a warning that stays on screen
//    until a save succeeds again, with a button that downloads the answers being edited.
//  * The same assessment saved by another tab or window: the save is refused (store.js,
//    ConflictError) and the user chooses: load the other version, keep both (this tab's
//    answers become a new assessment), or overwrite. Nothing is overwritten silently.
//  * The other tab saves while this one only shows the assessment (the 'storage' event):
//    a notice offers to load the newer version.

import { h, clear } from './dom.js';
import { t } from './i18n.js';
import * as store from './store.js';
import { ctx, openAssessment, persist, saveAsNew } from './state.js';
import { announce, choose } from './ui.js';
import { exportUnsaved } from './io.js';

let nav = null;
let asking = false; // the conflict question is on screen
let stale = false; // another tab saved the open assessment; this tab has not reloaded it

export function initGuard(navApi) {
  nav = navApi;
  document.addEventListener('kkpham:save', onSave);
  document.addEventListener('kkpham:open', () => {
    stale = false;
    render();
  });
  window.addEventListener('storage', onStorage);
}

function onSave() {
  render();
  if (ctx.conflict && !asking) askConflict();
}

function onStorage(ev) {
  if (!ctx.key || ev.storageArea !== localStorage) return;
  if (ev.key !== `${store.KEY_PREFIX}a:${ctx.key}` && ev.key !== null) return;
  const was = stale;
  stale = store.changedElsewhere(ctx.key);
  if (stale && !was) announce(t('guard.staleAnnounce'), 'error');
  render();
}

function alerts() {
  return document.getElementById('alerts');
}

// The warnings under the header, on every screen.
function render() {
  const box = alerts();
  if (!box) return;
  clear(box);
  if (!ctx.key) return;
  if (ctx.saveError) {
    box.append(h('div', { class: 'alert bad', role: 'alert', id: 'save-warning' },
      h('p', { class: 'alert-title' }, t('guard.fullTitle')),
      h('p', null, t('guard.fullText')),
      h('div', { class: 'alert-actions' },
        h('button', { type: 'button', class: 'primary', id: 'save-warning-export', onclick: onExportUnsaved }, t('guard.fullExport')),
        h('button', { type: 'button', onclick: retrySave }, t('guard.retry')))));
  }
  if (ctx.conflict) {
    box.append(h('div', { class: 'alert bad', role: 'alert', id: 'conflict-warning' },
      h('p', { class: 'alert-title' }, t(ctx.conflict.deleted ? 'guard.deletedTitle' : 'guard.conflictTitle')),
      h('p', null, t('guard.conflictUnsaved')),
      h('div', { class: 'alert-actions' },
        h('button', { type: 'button', class: 'primary', onclick: askConflict }, t('guard.conflictChoose')))));
  } else if (stale) {
    box.append(h('div', { class: 'alert warn', role: 'status', id: 'stale-warning' },
      h('p', { class: 'alert-title' }, t('guard.staleTitle')),
      h('p', null, t('guard.staleText')),
      h('div', { class: 'alert-actions' },
        h('button', { type: 'button', class: 'primary', id: 'stale-reload', onclick: loadTheirs }, t('guard.loadTheirs')))));
  }
}

function onExportUnsaved() {
  exportUnsaved();
  announce(t('guard.exported'));
}

function retrySave() {
  persist();
  if (!ctx.saveError) announce(t('guard.savedAgain'));
}

async function loadTheirs() {
  const key = ctx.key;
  const view = ctx.view;
  const err = await openAssessment(key);
  stale = false;
  if (err) {
    // Deleted in the other tab: there is nothing to load.
    announce(t(err), 'error');
    render();
    return;
  }
  nav.show(view);
  announce(t('guard.loaded'));
}

async function askConflict() {
  if (!ctx.conflict || asking) return;
  asking = true;
  const deleted = ctx.conflict.deleted;
  const actions = deleted
    ? [
      { id: 'mine', label: t('guard.saveAgain'), kind: 'primary' },
      { id: 'copy', label: t('guard.keepBoth') },
    ]
    : [
      { id: 'theirs', label: t('guard.loadTheirs'), kind: 'primary' },
      { id: 'copy', label: t('guard.keepBoth'), focus: true },
      { id: 'mine', label: t('guard.overwrite'), kind: 'danger' },
    ];
  const choice = await choose(t(deleted ? 'guard.deletedTitle' : 'guard.conflictTitle'),
    [h('p', null, t(deleted ? 'guard.deletedText' : 'guard.conflictText'))], actions);
  asking = false;
  if (!ctx.conflict) return;
  if (choice === 'theirs') {
    await loadTheirs();
  } else if (choice === 'copy') {
    const view = ctx.view;
    const mine = structuredClone(ctx.answers);
    const err = await saveAsNew(mine);
    if (err) announce(t(err), 'error');
    else {
      nav.show(view);
      announce(t('guard.copied'));
    }
  } else if (choice === 'mine') {
    persist({ force: true });
    stale = false;
    render();
    announce(t('guard.overwritten'));
  } else {
    render(); // asked again at the next change, and the warning stays
  }
}
