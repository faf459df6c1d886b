// No lost work, on screen: the warnings under the header and the two-tab question (the state
// behind them: state/guard.js).

import { h, clear } from '../ui/dom.js';
import { t } from '../ui/i18n.js';
import { announce, choose } from '../ui/widgets.js';
import { ctx } from '../state/assessment.js';
import { exportUnsaved } from '../state/io.js';
import { watchGuard, isStale, retrySave, loadTheirs, keepBoth, overwrite } from '../state/guard.js';
import { go } from '../state/navigation.js';

let asking = false; // the conflict question is on screen

// Loaded once an assessment is open (app.js): shows at once what happened before.
export function initAlerts() {
  watchGuard(({ event, staleNow }) => {
    if (staleNow) announce(t('guard.staleAnnounce'), 'error');
    render();
    if (event === 'save' && ctx.conflict && !asking) askConflict();
  });
  render();
  if (ctx.conflict) askConflict();
}

function render() {
  const box = document.getElementById('alerts');
  if (!box) return;
  clear(box);
  if (!ctx.key) return;
  if (ctx.saveError) {
    box.append(h('div', { class: 'alert bad', role: 'alert', id: 'save-warning' },
      h('p', { class: 'alert-title' }, t('guard.fullTitle')),
      h('p', null, t('guard.fullText')),
      h('div', { class: 'alert-actions' },
        h('button', { type: 'button', class: 'primary', id: 'save-warning-export', onclick: onExportUnsaved }, t('guard.fullExport')),
        h('button', { type: 'button', onclick: onRetry }, t('guard.retry')))));
  }
  if (ctx.conflict) {
    box.append(h('div', { class: 'alert bad', role: 'alert', id: 'conflict-warning' },
      h('p', { class: 'alert-title' }, t(ctx.conflict.deleted ? 'guard.deletedTitle' : 'guard.conflictTitle')),
      h('p', null, t('guard.conflictUnsaved')),
      h('div', { class: 'alert-actions' },
        h('button', { type: 'button', class: 'primary', onclick: askConflict }, t('guard.conflictChoose')))));
  } else if (isStale()) {
    box.append(h('div', { class: 'alert warn', role: 'status', id: 'stale-warning' },
      h('p', { class: 'alert-title' }, t('guard.staleTitle')),
      h('p', null, t('guard.staleText')),
      h('div', { class: 'alert-actions' },
        h('button', { type: 'button', class: 'primary', id: 'stale-reload', onclick: onLoadTheirs }, t('guard.loadTheirs')))));
  }
}

function onExportUnsaved() {
  exportUnsaved();
  announce(t('guard.exported'));
}

async function onRetry() {
  if (await retrySave()) announce(t('guard.savedAgain'));
}

async function onLoadTheirs() {
  const view = ctx.view;
  const err = await loadTheirs();
  if (err) {
    // Deleted in the other tab: there is nothing to load.
    announce(t(err), 'error');
    render();
    return;
  }
  go(view);
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
    await onLoadTheirs();
  } else if (choice === 'copy') {
    const view = ctx.view;
    const err = await keepBoth();
    if (err) announce(t(err), 'error');
    else {
      go(view);
      announce(t('guard.copied'));
    }
  } else if (choice === 'mine') {
    await overwrite();
    render();
    announce(t('guard.overwritten'));
  } else {
    render(); // asked again at the next change, and the warning stays
  }
}
