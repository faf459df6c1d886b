// Merging the offices' returns (part of the offices screen): files dropped or chosen, any number,
// in any order, as often as they come; engine.merge decides. Shown: what changed (with the answer
// it replaced), returns refused and why, returns set aside, answers from an office not responsible,
// and the open conflicts side by side (the master's answer and each office's version), where the
// coordinator chooses. The last merge can be undone in one step.

import { h } from '../../ui/dom.js';
import { t, tx, formatDate } from '../../ui/i18n.js';
import { announce, diagList, errorBox, confirmAction } from '../../ui/widgets.js';
import { answerText } from '../../ui/format.js';
import { ctx } from '../../state/assessment.js';
import * as work from '../../state/offices-work.js';

let last = null; // the last merge's result (report), shown until the next one
let lastError = null;
const chosen = new Map(); // indicator -> 'master' | package id | office id
let refreshFn = () => {};
let undoInfo = null;
let undoKeyFor = null;

export function mergeSection({ refresh }) {
  refreshFn = refresh;
  const input = h('input', {
    type: 'file', id: 'offices-returns', multiple: true, class: 'visually-hidden-file',
    accept: '.json,.xlsx,application/json,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', onchange: (ev) => onFiles(ev.target.files, ev.target),
  });
  const drop = h('div', { class: 'offices-drop', id: 'offices-drop' },
    h('p', null, t('offices.merge.drop')),
    h('label', { class: 'button primary', for: 'offices-returns' }, t('offices.merge.choose'), input));
  drop.addEventListener('dragover', (ev) => {
    ev.preventDefault();
    drop.classList.add('over');
  });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (ev) => {
    ev.preventDefault();
    drop.classList.remove('over');
    onFiles(ev.dataTransfer?.files || []);
  });
  const sec = h('section', { class: 'card', 'aria-labelledby': 'offices-merge-h' },
    h('h2', { id: 'offices-merge-h' }, t('offices.merge.title')),
    h('p', null, t('offices.merge.lead')),
    drop,
    undoBlock(),
    lastError ? errorBox(t('offices.merge.failed'), lastError) : null,
    last ? reportBlock(last) : null,
    conflictsBlock());
  return sec;
}

async function onFiles(files, input) {
  if (!files.length) return;
  const t0 = performance.now();
  const { returns, refused } = await work.readReturns(files);
  if (input) input.value = '';
  const r = await work.mergeReturns(returns, { refused });
  settle(r);
  // The time from the chosen files to the report on the page (bench/offices-browser.mjs reads it).
  document.getElementById('offices-report')?.setAttribute('data-ms', (performance.now() - t0).toFixed(1));
  if (r.ok) announce(summaryText(r));
}

function settle(r) {
  if (r.ok) {
    last = r;
    lastError = null;
    chosen.clear();
  } else {
    lastError = r.errors || [];
  }
  undoKeyFor = null; // read the undo record again
  refreshFn();
  // The screen was drawn again: the focus goes to what the merge did (or why it could not).
  focusOn(document.querySelector('#view-offices .offices-summary') ?? document.querySelector('#view-offices .errorbox'));
}

function focusOn(el) {
  if (!el) return;
  el.tabIndex = -1;
  el.focus({ preventScroll: false });
}

function summaryText(r) {
  const c = r.report.counts;
  return t('offices.merge.summary', {
    files: c.returns, merged: c.merged, set: c.already_merged + c.duplicate, refused: c.refused,
    applied: c.applied, resolved: c.resolved, open: r.open_conflicts,
  });
}

// ------------------------------------------------------------------ undo
function undoBlock() {
  const el = h('div', { class: 'offices-undo', id: 'offices-undo' });
  const draw = (u) => {
    el.replaceChildren();
    if (!u) return;
    el.append(h('p', null, t('offices.undo.text', { when: formatDate(u.merged_at), files: u.files.join(', ') || '–' }), ' ',
      h('button', { type: 'button', id: 'offices-undo-btn', onclick: onUndo }, t('offices.undo.button'))));
  };
  if (undoKeyFor === ctx.key) draw(undoInfo);
  else {
    work.undoable().then((u) => {
      undoInfo = u;
      undoKeyFor = ctx.key;
      draw(u);
    });
  }
  return el;
}

async function onUndo() {
  if (!await confirmAction(t('offices.undo.title'), t('offices.undo.confirm'), t('offices.undo.button'))) return;
  const ok = await work.undoMerge();
  last = null;
  chosen.clear();
  undoKeyFor = null;
  refreshFn();
  focusOn(document.getElementById('offices-merge-h'));
  announce(ok ? t('offices.undo.done') : t('offices.undo.gone'), ok ? 'info' : 'error');
}

// ------------------------------------------------------------------ the report
const nameOf = (officeId) => {
  const o = ctx.pack.offices?.find((x) => x.id === officeId);
  return o?.short_name || officeId || '–';
};

function who(src) {
  const fb = src?.filled_by;
  return typeof fb === 'string' ? fb : fb?.name || '';
}

function indLabel(id) {
  const ind = ctx.idx.indicators.get(id);
  return [h('code', null, id), ' ', ind ? tx(ind.text) : ''];
}

function reportBlock(r) {
  const rep = r.report;
  const out = h('div', { class: 'offices-report', id: 'offices-report' },
    h('p', { class: 'offices-summary', role: 'status' }, summaryText(r)));
  if (rep.refused.length) {
    out.append(h('h3', null, t('offices.merge.refused')), h('ul', { class: 'offices-refused' }, rep.refused.map((x) => h('li', { 'data-file': x.file },
      h('p', null, h('strong', null, x.file), x.office ? ` (${nameOf(x.office)})` : '', ` — ${t('offices.merge.refusedLead')}`),
      diagList(x.errors || [])))));
  }
  const set = rep.returns.filter((x) => x.status !== 'merged');
  if (set.length) {
    out.append(h('h3', null, t('offices.merge.setAside')), h('ul', null, set.map((x) => h('li', { 'data-file': x.file },
      h('strong', null, x.file), ` (${nameOf(x.office)}): ${t(`offices.merge.status.${x.status}`)}`))));
  }
  if (rep.applied.length) {
    const tb = h('tbody');
    for (const x of rep.applied) {
      const ind = ctx.idx.indicators.get(x.indicator);
      tb.append(h('tr', { 'data-indicator': x.indicator },
        h('th', { scope: 'row' }, indLabel(x.indicator)),
        h('td', null, answerText(ind, x.previous)),
        h('td', null, h('strong', null, answerText(ind, x.answer))),
        h('td', null, [nameOf(x.office), ...(x.also || []).map(nameOf)].join(', ')),
        h('td', null, x.file, who(x) ? h('span', { class: 'muted' }, ` · ${who(x)}`) : null)));
    }
    out.append(h('h3', null, t('offices.merge.applied', { n: rep.applied.length })), h('div', { class: 'table-wrap' }, h('table', { class: 'offices-applied' },
      h('caption', { class: 'sr-only' }, t('offices.merge.applied', { n: rep.applied.length })),
      h('thead', null, h('tr', null,
        h('th', { scope: 'col' }, t('offices.col.indicator')),
        h('th', { scope: 'col' }, t('offices.col.before')),
        h('th', { scope: 'col' }, t('offices.col.after')),
        h('th', { scope: 'col' }, t('offices.col.office')),
        h('th', { scope: 'col' }, t('offices.col.file')))),
      tb)));
  }
  if (rep.resolved.length) {
    out.append(h('h3', null, t('offices.merge.resolved', { n: rep.resolved.length })), h('ul', { class: 'offices-resolved' }, rep.resolved.map((x) => h('li', { 'data-indicator': x.indicator },
      indLabel(x.indicator), ': ', answerText(ctx.idx.indicators.get(x.indicator), x.answer),
      ` (${x.choice === 'master' ? t('offices.conflict.master') : nameOf(x.office)})`))));
  }
  for (const w of r.warnings || []) out.append(h('p', { class: 'warn-text' }, tx(w.message)));
  out.append(h('p', null, h('button', { type: 'button', id: 'offices-download-master', onclick: () => work.downloadMaster() }, t('offices.merge.downloadMaster'))));
  return out;
}

// ------------------------------------------------------------------ conflicts
const KIND_KEYS = ['returns_disagree', 'master_differs', 'not_responsible'];

function conflictsBlock() {
  const conflicts = work.openConflicts();
  const sec = h('div', { class: 'offices-conflicts', id: 'offices-conflicts' },
    h('h3', null, t('offices.conflict.title', { n: conflicts.length })));
  if (!conflicts.length) {
    sec.append(h('p', { class: 'ok-text' }, t('offices.conflict.none')));
    return sec;
  }
  sec.append(h('p', null, t('offices.conflict.lead')));
  for (const k of conflicts) sec.append(conflictCard(k));
  sec.append(h('p', null, h('button', { type: 'button', class: 'primary', id: 'offices-resolve', onclick: onResolve }, t('offices.conflict.apply'))));
  return sec;
}

function conflictCard(k) {
  const ind = ctx.idx.indicators.get(k.indicator);
  const group = `conflict-${k.indicator}`;
  const radio = (value, label) => h('input', {
    type: 'radio', name: group, value, 'aria-label': label, checked: chosen.get(k.indicator) === value ? true : null,
    onchange: () => chosen.set(k.indicator, value),
  });
  const prov = k.master.provenance;
  const rows = [h('tr', { class: 'conflict-master', 'data-choice': 'master' },
    h('td', null, radio('master', t('offices.conflict.keepMaster', { id: k.indicator }))),
    h('th', { scope: 'row' }, t('offices.conflict.master'), prov?.source === 'office' ? h('span', { class: 'muted' }, ` (${nameOf(prov.office)})`) : null),
    h('td', { class: 'conflict-answer' }, answerText(ind, k.master.answer)),
    h('td', null, prov?.file || '–'),
    h('td', null, prov?.returned_at ? formatDate(prov.returned_at) : '–'),
    h('td', null, who(prov) || '–'))];
  for (const v of k.versions) {
    const value = v.package || v.office;
    rows.push(h('tr', { 'data-choice': value, 'data-office': v.office, class: v.responsible ? null : 'not-responsible' },
      h('td', null, radio(value, t('offices.conflict.take', { id: k.indicator, office: nameOf(v.office) }))),
      h('th', { scope: 'row' }, nameOf(v.office), v.responsible ? null : h('span', { class: 'warn-text' }, ` — ${t('offices.conflict.notResponsible')}`)),
      h('td', { class: 'conflict-answer' }, answerText(ind, v.answer)),
      h('td', null, v.file || '–'),
      h('td', null, v.returned_at ? formatDate(v.returned_at) : '–'),
      h('td', null, who(v) || '–')));
  }
  return h('article', { class: 'conflict', 'data-indicator': k.indicator },
    h('h4', null, indLabel(k.indicator)),
    h('p', null, k.kinds.filter((x) => KIND_KEYS.includes(x)).map((x) => t(`offices.conflict.kind.${x}`)).join(' · '),
      k.responsible.length ? h('span', { class: 'muted' }, ` · ${t('offices.conflict.responsible', { offices: k.responsible.map(nameOf).join(', ') })}`) : null),
    h('div', { class: 'table-wrap' }, h('table', { class: 'conflict-versions' },
      h('caption', { class: 'sr-only' }, t('offices.conflict.caption', { id: k.indicator })),
      h('thead', null, h('tr', null,
        h('th', { scope: 'col' }, t('offices.conflict.choose')),
        h('th', { scope: 'col' }, t('offices.conflict.source')),
        h('th', { scope: 'col' }, t('offices.conflict.answer')),
        h('th', { scope: 'col' }, t('offices.col.file')),
        h('th', { scope: 'col' }, t('offices.conflict.time')),
        h('th', { scope: 'col' }, t('offices.conflict.who')))),
      h('tbody', null, rows))));
}

async function onResolve() {
  if (!chosen.size) {
    announce(t('offices.conflict.noneChosen'), 'error');
    return;
  }
  const r = await work.mergeReturns([], { resolutions: Object.fromEntries(chosen) });
  settle(r);
  if (r.ok) announce(summaryText(r));
}
