// The submission package screen (issue 16): what the package will hold (the engine's layout of
// the last folder check), the completeness gate with its reasons, and the build: one ZIP written
// as a stream (state/package.js), with a progress bar and a cancel button. An incomplete package
// is built only after an explicit choice, as `kkpham package` writes it anyway but fails its
// exit code; a file changed since the folder check stops the build.

import { h, clear, newId } from '../ui/dom.js';
import { t, tx, num } from '../ui/i18n.js';
import { ctx, flush } from '../state/assessment.js';
import { errorBox, announce } from '../ui/widgets.js';
import { go, openIndicator } from '../state/navigation.js';
import { planPackage, openSink, buildPackage, canPickSaveFile } from '../state/package.js';
import { checkFolder, lastCheck } from '../state/evidence-files.js';

let running = null; // {controller} while a folder check or a build runs
let outcome = null; // the last build's result and its assessment: {key, result}
let acceptIncomplete = null; // the assessment (ctx.key) whose incomplete package the user accepted

const STATUSES = ['found', 'renamed', 'changed', 'missing', 'not_attached', 'unreferenced'];

// Two decimals below 1 MB, so that a folder of small files is not "0,0 MB".
export function mb(bytes) {
  return num(bytes / 1e6, bytes >= 1e7 ? 0 : bytes >= 1e6 ? 1 : 2);
}

export function renderPackage(root) {
  flush();
  clear(root);
  root.append(h('h1', { class: 'view-title' }, t('pkg.title')), h('p', { class: 'lead' }, t('pkg.lead')));
  if (ctx.whatIf) root.append(h('p', { class: 'warn-text' }, t('pkg.scenario')));
  const plan = planPackage();
  if (!plan?.ok) {
    root.append(errorBox(t('pkg.failed'), plan?.errors ?? []));
    return;
  }
  root.append(folderSection(plan), gateSection(plan), contentSection(plan), buildSection(plan));
}

function progressBlock(label) {
  const bar = h('progress', { max: '1', value: '0', 'aria-label': label });
  const text = h('p', { class: 'pkg-progress-text', 'aria-live': 'polite' }, '');
  const cancel = h('button', { type: 'button', class: 'pkg-cancel', onclick: () => running?.controller.abort() }, t('pkg.cancel'));
  const el = h('div', { class: 'pkg-progress', role: 'group', 'aria-label': label }, bar, text, cancel);
  const update = ({ doneBytes, totalBytes, doneFiles, totalFiles }) => {
    bar.value = totalBytes > 0 ? doneBytes / totalBytes : (totalFiles ? doneFiles / totalFiles : 0);
    text.textContent = t('pkg.progress', { files: doneFiles, total: totalFiles, mb: mb(doneBytes), totalMb: mb(totalBytes) });
  };
  return { el, update };
}

// ---- the folder -----------------------------------------------------------------------------
function folderSection(plan) {
  const sec = h('section', { class: 'pkg-folder', 'aria-labelledby': 'pkg-folder-h' }, h('h2', { id: 'pkg-folder-h' }, t('pkg.folderTitle')));
  const check = lastCheck();
  if (plan.folderChecked && check) {
    const bytes = check.files.reduce((n, f) => n + f.size, 0);
    sec.append(h('p', null, t('pkg.folderChecked', { n: check.files.length, mb: mb(bytes) })));
  } else {
    sec.append(h('p', { class: 'warn-text' }, t('pkg.folderNone')));
  }
  const id = newId('pkg-dir');
  // The browser's own file input shows its words in the browser's language ("Choose Files"):
  // hidden behind a button in the app's language, as on the folder check.
  const input = h('input', { type: 'file', id, webkitdirectory: '', multiple: '', class: 'pkg-folder-input visually-hidden-file' });
  input.addEventListener('change', () => runCheck(input, sec));
  sec.append(h('p', { class: 'choice file' },
    h('label', { class: plan.folderChecked ? 'button' : 'button primary', for: id }, plan.folderChecked ? t('pkg.folderAgain') : t('pkg.folderChoose'), input)),
  h('p', { class: 'hint' }, t('pkg.folderHint')),
  h('p', null, h('button', { type: 'button', class: 'linklike', onclick: () => go('evidence') }, t('pkg.toEvidence'))));
  return sec;
}

async function runCheck(input, sec) {
  if (!input.files?.length || running) return;
  const controller = new AbortController();
  running = { controller };
  const progress = progressBlock(t('pkg.hashing'));
  sec.append(progress.el);
  try {
    await checkFolder(input.files, { onProgress: progress.update, signal: controller.signal });
    announce(t('pkg.folderDone'));
  } catch (e) {
    if (e?.name === 'AbortError') announce(t('pkg.cancelled'));
    else announce(t('pkg.folderFailed'), 'error'); // a toast: no room for the browser's own words
  } finally {
    running = null;
    outcome = null;
    rerenderHere();
  }
}

function rerenderHere() {
  const root = document.getElementById('view-package');
  if (root && ctx.view === 'package') renderPackage(root);
}

// ---- the gate and the evidence ----------------------------------------------------------------
const SHOWN = 10; // reasons (and problem rows) shown before the rest fold away

function gateSection(plan) {
  const gate = plan.gate;
  const sec = h('section', { class: 'pkg-gate', 'aria-labelledby': 'pkg-gate-h' }, h('h2', { id: 'pkg-gate-h' }, t('pkg.gateTitle')));
  sec.append(h('p', { class: gate.complete ? 'ok-text pkg-verdict' : 'warn-text pkg-verdict', 'data-complete': String(gate.complete) },
    gate.complete ? t('pkg.complete') : t('pkg.incomplete', { n: gate.reasons.length })));
  if (gate.rules?.declared) {
    sec.append(h('p', { class: 'muted' }, gate.rules.basis === 'assumed' ? t('pkg.rulesAssumed') : t('pkg.rulesConfirmed')));
  }
  if (gate.reasons.length) {
    // The first reasons, each with a way to its indicator (or right); the rest fold away, so
    // the build stays within reach on an office screen.
    const reason = (r) => h('li', { 'data-indicator': r.indicator || null }, tx(r.message),
      r.indicator ? [' ', h('button', { type: 'button', class: 'link', onclick: () => openIndicator(r.indicator) }, t('gate.open', { id: r.indicator }))]
        : r.right ? [' ', h('button', { type: 'button', class: 'link', onclick: () => go('fill', { right: r.right }) }, t('gate.openRight'))] : null);
    sec.append(h('ul', { class: 'pkg-reasons' }, ...gate.reasons.slice(0, SHOWN).map(reason)));
    if (gate.reasons.length > SHOWN) {
      sec.append(h('details', { class: 'pkg-more-reasons' }, h('summary', null, t('gate.more', { n: gate.reasons.length - SHOWN })),
        h('ul', { class: 'pkg-reasons' }, ...gate.reasons.slice(SHOWN, 200).map(reason)),
        gate.reasons.length > 200 ? h('p', { class: 'muted' }, t('pkg.more', { n: gate.reasons.length - 200 })) : null));
    }
  }
  const c = plan.evidence.counts;
  sec.append(h('p', { class: 'pkg-counts' }, STATUSES.map((s) => t(`pkg.count.${s}`, { n: c[s] ?? 0 })).join(' · ')));
  const problems = plan.evidence.items.filter((i) => i.status === 'missing' || i.status === 'changed' || i.status === 'renamed'
    || (i.status === 'not_attached' && i.required));
  if (problems.length) {
    // Folded when long: the reasons above already say what is missing.
    const wrap = problems.length > SHOWN ? h('details', { class: 'pkg-items-more' }, h('summary', null, t('pkg.itemsCaption'))) : sec;
    if (wrap !== sec) sec.append(wrap);
    wrap.append(h('div', { class: 'table-wrap' }, h('table', { class: 'pkg-items' },
      h('caption', null, t('pkg.itemsCaption')),
      h('thead', null, h('tr', null, h('th', { scope: 'col' }, t('pkg.col.indicator')), h('th', { scope: 'col' }, t('pkg.col.evidence')),
        h('th', { scope: 'col' }, t('pkg.col.status')), h('th', { scope: 'col' }, t('pkg.col.note')))),
      h('tbody', null, ...problems.slice(0, 300).map((i) => h('tr', { 'data-status': i.status },
        h('td', null, h('code', null, i.indicator)), h('td', null, i.evidence),
        h('td', null, t(`pkg.status.${i.status}`)), h('td', null, tx(i.message))))))));
  }
  return sec;
}

function contentSection(plan) {
  const files = plan.entries.filter((e) => typeof e.file === 'string');
  const bytes = plan.entries.reduce((n, e) => n + e.size, 0);
  return h('section', { class: 'pkg-content', 'aria-labelledby': 'pkg-content-h' },
    h('h2', { id: 'pkg-content-h' }, t('pkg.contentTitle')),
    h('p', null, t('pkg.contentSummary', { name: plan.fileName, entries: plan.entries.length, files: files.length, mb: mb(bytes) })),
    h('details', null, h('summary', null, t('pkg.contentList')),
      h('ul', { class: 'pkg-entries' }, ...plan.entries.slice(0, 500).map((e) => h('li', null, h('code', null, `${plan.root}/${e.path}`))))));
}

// ---- the build ----------------------------------------------------------------------------
function buildSection(plan) {
  const sec = h('section', { class: 'pkg-build', 'aria-labelledby': 'pkg-build-h' }, h('h2', { id: 'pkg-build-h' }, t('pkg.buildTitle')));
  const complete = plan.gate.complete;
  const button = h('button', { type: 'button', class: 'primary', id: 'pkg-build' }, t('pkg.build'));
  const syncButton = () => {
    button.disabled = Boolean(running) || (!complete && acceptIncomplete !== ctx.key);
  };
  if (!complete) {
    const id = newId('pkg-ok');
    const box = h('input', { type: 'checkbox', id, checked: acceptIncomplete === ctx.key });
    box.addEventListener('change', () => {
      acceptIncomplete = box.checked ? ctx.key : null;
      syncButton();
    });
    sec.append(h('p', { class: 'warn-text' }, t('pkg.incompleteWarn')),
      h('div', { class: 'choice' }, box, h('label', { for: id }, t('pkg.acceptIncomplete'))));
  }
  sec.append(h('p', { class: 'hint' }, canPickSaveFile() ? t('pkg.savePicker') : t('pkg.saveDownload')));
  syncButton();
  const out = h('div', { class: 'pkg-outcome' });
  button.addEventListener('click', () => startBuild(plan, sec, out, syncButton));
  sec.append(h('p', null, button), out);
  if (outcome?.key === ctx.key) out.append(outcomeBox(outcome.result));
  return sec;
}

async function startBuild(plan, sec, out, syncButton) {
  if (running) return;
  const controller = new AbortController();
  running = { controller };
  syncButton();
  clear(out);
  let sink = null;
  try {
    sink = await openSink(plan.fileName); // first: the picker needs the click's user activation
    if (!sink) return; // the user closed the picker
    const progress = progressBlock(t('pkg.building'));
    out.append(progress.el);
    const result = await buildPackage(plan, sink, { onProgress: progress.update, signal: controller.signal });
    outcome = { key: ctx.key, result };
    announce(result.ok ? t('pkg.built', { name: result.name }) : t('pkg.buildFailed'), result.ok ? 'info' : 'error');
  } catch (e) {
    outcome = { key: ctx.key, result: e?.name === 'AbortError' ? { ok: false, code: 'cancelled' } : { ok: false, code: 'zip.write_failed', detail: String(e?.message ?? e) } };
    if (sink && e?.name !== 'AbortError') await sink.writable.abort?.().catch(() => {});
  } finally {
    running = null;
    clear(out);
    if (outcome) out.append(outcomeBox(outcome.result));
    syncButton();
    // The build button was disabled while it ran, which took the keyboard focus away: it goes
    // to what came of it.
    const box = out.firstElementChild;
    if (box && (!document.activeElement || document.activeElement === document.body)) {
      box.tabIndex = -1;
      box.focus({ preventScroll: false });
    }
  }
}

function outcomeBox(r) {
  if (r.ok) {
    return h('div', { class: 'okbox', role: 'status', 'data-outcome': 'built' },
      h('p', null, t(r.kind === 'picker' ? 'pkg.builtPicker' : 'pkg.builtDownload', { name: r.name, entries: r.entries, mb: mb(r.payloadBytes) })),
      h('p', null, t('pkg.builtNext')));
  }
  if (r.code === 'cancelled') return h('p', { class: 'muted', role: 'status', 'data-outcome': 'cancelled' }, t('pkg.cancelled'));
  const key = ['zip.file_changed', 'zip.file_missing'].includes(r.code) ? `pkg.err.${r.code.slice(4)}` : 'pkg.err.write_failed';
  return h('div', { class: 'errorbox', role: 'alert', 'data-outcome': r.code },
    h('p', { class: 'errorbox-title' }, t('pkg.buildFailed')),
    h('p', null, t(key, { name: r.name ?? '' })),
    h('details', { class: 'tech' }, h('summary', null, t('diag.tech')), h('code', null, [r.code, r.detail].filter(Boolean).join(': '))));
}
