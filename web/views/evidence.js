// The folder check (issue 16): the user points kkpham at the folder(s) holding the data dukung
// (a directory picker or several files); every file is hashed on this computer in a worker, with
// a progress bar and a cancel button, and every evidence item of the assessment is shown as
// found, missing, changed since it was referenced, or found under another name; the files no item
// references are listed apart; the completeness gate is shown on the checked files. Each row
// leads to its indicator. Nothing is uploaded or stored: the files stay in this tab's memory.

import { h, clear, setText, append } from '../ui/dom.js';
import { t, tx, num, formatDate } from '../ui/i18n.js';
import { ctx, flush } from '../state/assessment.js';
import { openIndicator, go } from '../state/navigation.js';
import { announce, errorBox } from '../ui/widgets.js';
import { gateBlock } from '../ui/gate.js';
import { checkFolder, recheck, lastCheck, sizeParts, forgetCheckedFiles, adoptFoundFile } from '../state/evidence-files.js';

// Problems first: what stops the package, then what the verifier would query, then what is fine.
const ORDER = ['missing', 'changed', 'renamed', 'not_attached', 'found'];

let root = null;
let running = null; // {controller} while hashing
let shown = null; // the check result on screen (recomputed from the kept files on each render)
let failure = null; // a check that could not run: {tech} (what the browser said) or {diags}

export function renderEvidence(el) {
  root = el;
  draw();
}

function sizeText(bytes) {
  const p = sizeParts(bytes);
  return p.unit === 'B' ? t('ev.sizeBytes', { n: num(p.value, 0) }) : `${num(p.value, 2)} ${p.unit}`;
}

function draw() {
  flush();
  if (!running) shown = recheck(); // the answers may have changed since the folder was hashed
  append(clear(root), [
    h('h1', { class: 'view-title', id: 'evc-h' }, t('evc.title')),
    h('p', { class: 'lead' }, t('evc.lead')),
    ctx.whatIf ? h('p', { class: 'warn-text' }, t('evc.scenario')) : null,
    chooser(),
    h('div', { id: 'evc-progress-slot' }),
    failure ? failureBox(failure) : null,
    shown ? results(shown) : h('p', { class: 'muted', id: 'evc-none' }, t('evc.notYet'))]);
}

// What the browser said stays under "detail teknis"; the message says what to do.
function failureBox(f) {
  const box = errorBox(t('evc.failed'), f.diags || [], f.tech ? t('evc.failedRead') : null);
  if (f.tech) box.append(h('details', { class: 'tech' }, h('summary', null, t('diag.tech')), h('code', null, f.tech)));
  return box;
}

function chooser() {
  const folder = h('input', { type: 'file', id: 'evc-folder', class: 'visually-hidden-file', multiple: true, webkitdirectory: true,
    onchange: (e) => start(e.target) });
  const files = h('input', { type: 'file', id: 'evc-files', class: 'visually-hidden-file', multiple: true,
    onchange: (e) => start(e.target) });
  const last = lastCheck();
  const more = last ? h('input', { type: 'file', id: 'evc-add-folder', class: 'visually-hidden-file', multiple: true, webkitdirectory: true,
    onchange: (e) => start(e.target, { add: true }) }) : null;
  return h('div', { class: 'evc-choose' },
    h('div', { class: 'buttons' },
      h('label', { class: 'button primary', for: 'evc-folder' }, t('evc.chooseFolder'), folder),
      h('label', { class: 'button', for: 'evc-files' }, t('evc.chooseFiles'), files),
      more ? h('label', { class: 'button', for: 'evc-add-folder' }, t('evc.addFolder'), more) : null,
      last ? h('button', { type: 'button', id: 'evc-forget', onclick: () => { forgetCheckedFiles(); shown = null; draw(); announce(t('evc.forgotten')); } }, t('evc.forget')) : null),
    h('p', { class: 'hint' }, t('evc.privacy')),
    last ? h('p', { class: 'muted', id: 'evc-last' }, t('evc.last', { n: last.files.length, at: formatDate(last.at) })) : null);
}

async function start(input, { add = false } = {}) {
  const list = Array.from(input.files ?? []);
  input.value = ''; // nothing of the files is kept by the input
  if (!list.length) return;
  if (running) running.controller.abort();
  const controller = new AbortController();
  running = { controller };
  failure = null;
  const total = list.reduce((n, f) => n + f.size, 0);
  const bar = h('progress', { id: 'evc-bar', max: String(Math.max(1, total)), value: '0' });
  const text = h('p', { id: 'evc-progress-text', 'aria-live': 'polite' }, t('evc.hashing', { done: 0, total: list.length, bytes: sizeText(0), all: sizeText(total) }));
  const cancel = h('button', { type: 'button', id: 'evc-cancel', onclick: () => controller.abort() }, t('ev.cancel'));
  const slot = root.querySelector('#evc-progress-slot');
  clear(slot).append(h('div', { class: 'evc-progress', role: 'group', 'aria-label': t('evc.progressLabel') },
    h('label', { for: 'evc-bar' }, t('evc.progressLabel')), bar, text, cancel));
  let lastSaid = 0;
  try {
    const result = await checkFolder(list, {
      add,
      signal: controller.signal,
      onProgress: ({ doneBytes, totalBytes, doneFiles, totalFiles }) => {
        bar.value = doneBytes;
        // The text (read by screen readers) changes at most twice a second.
        const now = Date.now();
        if (now - lastSaid > 500 || doneFiles === totalFiles) {
          lastSaid = now;
          setText(text, t('evc.hashing', { done: doneFiles, total: totalFiles, bytes: sizeText(doneBytes), all: sizeText(totalBytes) }));
        }
      },
    });
    if (!result.ok) {
      failure = { diags: result.errors || [] };
    } else {
      announce(t('evc.done', { n: list.length }));
    }
  } catch (e) {
    if (e?.name === 'AbortError') {
      announce(t('evc.cancelled'));
      clear(slot).append(h('p', { class: 'warn-text', id: 'evc-cancelled' }, t('evc.cancelled')));
      running = null;
      return;
    }
    failure = { tech: `${e?.name ?? 'Error'}: ${e?.message ?? e}` };
  } finally {
    if (running?.controller === controller) running = null;
  }
  if (root && ctx.view === 'evidence') {
    draw();
    // The chooser was drawn again: the focus goes to the verdict (or what went wrong).
    const target = root.querySelector('.errorbox') ?? root.querySelector('#evc-gate-h') ?? root.querySelector('#evc-h');
    if (target) {
      target.tabIndex = -1;
      target.focus({ preventScroll: false });
    }
  }
}

function results(check) {
  if (!check.ok) return errorBox(t('evc.failed'), check.errors || []);
  const ev = check.evidence;
  const last = lastCheck();
  const out = h('div', { class: 'evc-results' });
  out.append(gateBlock(check.gate, { onOpen: openIndicator, onOpenRight: (right) => go('fill', { right }), files: last?.files.length ?? 0, id: 'evc-gate', level: 2 }));
  out.append(h('h2', { id: 'evc-sum-h' }, t('evc.summary')),
    h('ul', { class: 'evc-counts', 'aria-labelledby': 'evc-sum-h' },
      [...ORDER, 'unreferenced'].map((k) => h('li', { 'data-count': k },
        h('span', { class: `evc-status evc-${k}` }, t(`evc.status.${k}`)), ': ', h('strong', null, String(ev.counts?.[k] ?? 0))))));
  for (const status of ORDER) {
    const items = ev.items.filter((i) => i.status === status);
    if (!items.length) continue;
    out.append(itemTable(status, items));
  }
  out.append(unreferenced(ev.unreferenced));
  if (check.unreadable?.length) {
    out.append(h('section', { class: 'evc-group', 'data-status': 'unreadable' },
      h('h2', null, t('evc.unreadableTitle', { n: check.unreadable.length })),
      h('ul', null, check.unreadable.map((f) => h('li', null, h('code', null, f.path), ' ', h('details', { class: 'tech' }, h('summary', null, t('diag.tech')), f.error))))));
  }
  out.append(h('p', null, h('button', { type: 'button', class: 'link', onclick: () => go('fill') }, t('evc.backToFill'))));
  return out;
}

function itemTable(status, items) {
  const hid = `evc-${status}-h`;
  const rows = items.map((it) => {
    const ind = ctx.idx?.indicators.get(it.indicator);
    return h('tr', { 'data-status': it.status, 'data-indicator': it.indicator, 'data-evidence': it.evidence },
      h('th', { scope: 'row' },
        h('button', { type: 'button', class: 'link', onclick: () => openIndicator(it.indicator), 'aria-label': t('evc.openFor', { id: it.indicator }) }, h('code', null, it.indicator)),
        ' ', h('span', { class: 'muted' }, shorten(tx(ind?.text)))),
      h('td', null, tx(it.document) || it.evidence, it.required ? null : h('span', { class: 'muted' }, ` (${t('ev.optional')})`)),
      h('td', null, it.reference ? h('span', { class: 'evc-ref' }, it.reference) : '–',
        it.sha256 ? h('span', { class: 'muted evc-sha', title: it.sha256 }, ` · ${it.sha256.slice(0, 12)}…`) : null),
      h('td', null, it.file ? [h('code', { class: 'evc-path' }, it.file.path), ` · ${sizeText(it.file.size)}`] : '–'),
      h('td', null, tx(it.message), adoptButton(it)));
  });
  return h('section', { class: 'evc-group', 'data-status': status, 'aria-labelledby': hid },
    h('h2', { id: hid }, h('span', { class: `evc-status evc-${status}` }, t(`evc.status.${status}`)), ` (${items.length})`),
    h('p', { class: 'hint' }, t(`evc.explain.${status}`)),
    h('div', { class: 'table-wrap' }, h('table', { class: 'evc-table' },
      h('caption', { class: 'sr-only' }, t(`evc.status.${status}`)),
      h('thead', null, h('tr', null,
        h('th', { scope: 'col' }, t('evc.col.indicator')),
        h('th', { scope: 'col' }, t('evc.col.evidence')),
        h('th', { scope: 'col' }, t('evc.col.reference')),
        h('th', { scope: 'col' }, t('evc.col.file')),
        h('th', { scope: 'col' }, t('evc.col.message')))),
      h('tbody', null, rows))));
}

// For a file found under another name or changed since it was referenced: record it as the
// item's reference (after the user has looked at it: the folder is the truth they hand in).
function adoptButton(it) {
  if (!it.file || (it.status !== 'renamed' && it.status !== 'changed')) return null;
  return h('p', null, h('button', { type: 'button', class: 'evc-adopt', 'data-adopt': it.status,
    onclick: () => {
      adoptFoundFile(it.indicator, it.evidence, it.file);
      announce(t('evc.adopted', { file: it.file.name, id: it.indicator }));
      draw();
    } }, t(`evc.adopt.${it.status}`, { file: it.file.name })));
}

function unreferenced(files) {
  const sec = h('section', { class: 'evc-group', 'data-status': 'unreferenced', 'aria-labelledby': 'evc-unref-h' },
    h('h2', { id: 'evc-unref-h' }, h('span', { class: 'evc-status evc-unreferenced' }, t('evc.status.unreferenced')), ` (${files.length})`),
    h('p', { class: 'hint' }, t('evc.explain.unreferenced')));
  if (files.length) {
    sec.append(h('ul', { class: 'evc-unref' }, files.map((f) => h('li', { 'data-path': f.path },
      h('code', null, f.path), ` · ${sizeText(f.size)} · `, h('span', { class: 'muted', title: f.sha256 }, `${f.sha256.slice(0, 12)}…`)))));
  }
  return sec;
}

function shorten(s, n = 80) {
  return s && s.length > n ? `${s.slice(0, n - 1)}…` : s || '';
}
