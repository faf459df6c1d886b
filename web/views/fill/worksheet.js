// The worksheet view of the Fill screen: every indicator as one row of a real <table> (code,
// text, the answer inline, points, evidence, office), filtered by finder.js, with the keyboard
// habits of a spreadsheet: ArrowUp/ArrowDown and Enter move between rows (same column),
// typing edits the answer, Escape restores the row as it was when the row was entered, Tab moves
// across a row's inputs. A row's help, legal basis, evidence and note open in a row below it.
// The rows are built once; after a change only the rows whose shown state differs are touched.

import { h, clear, setText, setAttr } from '../../ui/dom.js';
import { t, tx, num } from '../../ui/i18n.js';
import {
  ctx, entry, peek, changed, diagsFor, resultMaps, setAnswer, setFraction, dropFraction,
} from '../../state/assessment.js';
import { announce, diagItem } from '../../ui/widgets.js';
import { numberField } from './number-field.js';
import { details, evEntry } from './details.js';
import { officesFor } from '../../state/offices.js';
import { filter, renderFinder, refreshFinder, evaluate, nextUnanswered, reveal, allIndicators } from './finder.js';

let w = null; // the mounted worksheet: { root, scroller, tbody, bar, rows: Map, order, editId, snapshot }
const fractionOn = new Set(); // percent indicators entered as numerator/denominator here

export function renderWorksheet({ explain }) {
  const tbody = h('tbody');
  const bar = renderFinder({ onChange: applyFilter, onJump: jumpToFirst, onNext: goNextUnanswered });
  const table = h('table', { class: 'sh-table', 'aria-labelledby': 'sh-h', 'aria-describedby': 'sh-keys' },
    h('thead', null, h('tr', null,
      h('th', { scope: 'col', class: 'sh-code' }, t('sheet.code')),
      h('th', { scope: 'col', class: 'sh-text' }, t('sheet.text')),
      h('th', { scope: 'col', class: 'sh-ans' }, t('sheet.answer')),
      h('th', { scope: 'col', class: 'sh-pts num' }, t('sheet.points')),
      h('th', { scope: 'col', class: 'sh-ev' }, t('sheet.evidence')),
      h('th', { scope: 'col', class: 'sh-office' }, t('sheet.office')))),
    tbody);
  const scroller = h('div', { class: 'sh-scroll' }, table);
  const root = h('section', { class: 'worksheet', 'aria-labelledby': 'sh-h' },
    h('h1', { id: 'sh-h', class: 'sr-only', tabindex: '-1' }, t('sheet.title')),
    bar,
    h('div', { class: 'sh-meta' }, h('p', { class: 'hint sh-keys', id: 'sh-keys' }, t('sheet.keys')), bar.shownEl),
    scroller);
  w = { root, scroller, tbody, bar, rows: new Map(), order: [], editId: null, snapshot: null, explain, dirty: new Set(), countsKey: null };
  for (const ind of allIndicators()) {
    const row = buildRow(ind);
    w.rows.set(ind.id, row);
    w.order.push(ind.id);
    tbody.append(row.tr);
  }
  w.empty = h('tr', { class: 'sh-empty', hidden: true }, h('td', { colspan: '6' }, t('find.none')));
  tbody.append(w.empty);
  tbody.addEventListener('keydown', onKey);
  tbody.addEventListener('focusin', onFocusIn);
  // A change made in the table (a row's inputs or its details) marks that row: the next refresh
  // looks at it alone. A change from elsewhere (region, import, what-if) looks at every row.
  for (const type of ['input', 'change', 'click']) tbody.addEventListener(type, markRow, true);
  applyFilter({ quiet: true });
  requestAnimationFrame(sizeScroller);
  return root;
}

// The table scrolls inside the window below the search bar, so that the bar, the header row
// and the live score stay in view (the height is set through the CSSOM: CSP allows it).
export function sizeScroller() {
  if (!w?.scroller.isConnected) return;
  const top = w.scroller.getBoundingClientRect().top + window.scrollY;
  w.scroller.style.setProperty('--sh-top', `${Math.max(0, Math.round(top))}px`);
}
window.addEventListener('resize', () => sizeScroller());

export function mounted() {
  return Boolean(w?.root.isConnected);
}

// ------------------------------------------------------------------------ a row
function buildRow(ind) {
  const id = ind.id;
  const pts = h('td', { class: 'sh-pts num' });
  const ev = h('td', { class: 'sh-ev' });
  const office = h('td', { class: 'sh-office' });
  const ans = h('td', { class: 'sh-ans' });
  const err = h('div', { class: 'field-error', id: `sh-e-${id}`, hidden: true });
  const moreBtn = h('button', { type: 'button', class: 'sh-more-btn', 'aria-expanded': 'false', 'data-cell': 'more', onclick: () => toggleMore(id) },
    h('span', { id: `sh-k-${id}` }, id), h('span', { class: 'sr-only' }, ` ${t('sheet.details')}`));
  const tr = h('tr', { class: 'sh-row', 'data-id': id, id: `sh-r-${id}` },
    h('th', { scope: 'row', class: 'sh-code' }, moreBtn),
    h('td', { class: 'sh-text' }, h('span', { id: `sh-t-${id}`, class: 'sh-text-in' }, tx(ind.text))),
    ans, pts, ev, office);
  const row = { ind, tr, ans, pts, ev, office, err, moreBtn, more: null, key: null, fields: {} };
  fillAnswerCell(row);
  return row;
}

const labelledBy = (id) => `sh-k-${id} sh-t-${id}`;

// The answer controls of a row (built again after N/A, the fraction switch or a cancelled edit).
function fillAnswerCell(row) {
  const { ind } = row;
  const id = ind.id;
  const kind = ind.answer?.kind;
  const e = peek(id) || {};
  row.fields = {};
  row.key = null; // shown state to be written again
  const cell = clear(row.ans);
  if (kind === 'yes_no' || kind === 'level') {
    cell.append(choiceSelect(ind, e));
  } else {
    const box = h('div', { class: 'sh-num' });
    const fraction = kind === 'percent' && (fractionOn.has(id) || e.numerator !== undefined || e.denominator !== undefined);
    const na = e.na === true;
    if (fraction) {
      const part = (key, label) => numberField({
        id: `sh-${key}-${id}`, value: e[key === 'n' ? 'numerator' : 'denominator'], whole: true, label: `${id} ${label}`,
        describedBy: `sh-e-${id}`, disabled: na,
        onValue: (v) => setFraction(id, { [key === 'n' ? 'numerator' : 'denominator']: v }),
      });
      const n = part('n', t('answer.numerator'));
      const d = part('d', t('answer.denominator'));
      n.input.dataset.cell = 'num';
      d.input.dataset.cell = 'den';
      row.fields.result = h('span', { class: 'sh-frac-out' });
      box.append(n.el, h('span', { class: 'frac-op', 'aria-hidden': 'true' }, '÷'), d.el, row.fields.result);
    } else {
      const f = numberField({
        id: `sh-v-${id}`, value: na ? null : e.value, whole: kind === 'count', percent: kind === 'percent', unit: ind.answer.unit ?? '',
        labelledBy: labelledBy(id), describedBy: `sh-e-${id}`, disabled: na,
        onValue: (v) => setAnswer(id, v),
      });
      f.input.dataset.cell = 'value';
      row.fields.value = f;
      box.append(f.el);
    }
    if (kind === 'percent') {
      box.append(h('button', { type: 'button', class: 'sh-frac-btn', 'data-cell': 'frac', 'aria-pressed': String(fraction), disabled: na,
        title: t('answer.fraction'), onclick: () => toggleFraction(row, !fraction) }, 'a/b', h('span', { class: 'sr-only' }, ` ${t('answer.fraction')} (${id})`)));
    }
    if (ind.answer.na_allowed) {
      const nid = `sh-na-${id}`;
      box.append(h('span', { class: 'sh-na' },
        h('input', { type: 'checkbox', id: nid, 'data-cell': 'na', checked: na, onchange: (ev) => setNa(row, ev.target.checked) }),
        h('label', { for: nid }, h('span', { class: 'sr-only' }, `${id}: `), t('sheet.na'))));
    }
    cell.append(box);
  }
  cell.append(row.err);
}

function choiceSelect(ind, e) {
  const id = ind.id;
  const yn = ind.answer.kind === 'yes_no';
  const opts = [['', t('sheet.empty')]];
  if (yn) opts.push(['y', t('answer.yes')], ['n', t('answer.no')]);
  else for (const l of ind.answer.levels || []) opts.push([`v:${l.id}`, `${l.id} · ${tx(l.label)}`]);
  if (ind.answer.na_allowed) opts.push(['na', t('status.not_applicable')]);
  let cur = '';
  if (e.na === true) cur = 'na';
  else if (yn && typeof e.value === 'boolean') cur = e.value ? 'y' : 'n';
  else if (!yn && e.value !== null && e.value !== undefined) cur = `v:${e.value}`;
  const s = h('select', { id: `sh-v-${id}`, class: 'sh-choice', 'data-cell': 'value', 'aria-labelledby': labelledBy(id), 'aria-describedby': `sh-e-${id}` },
    opts.map(([v, label]) => h('option', { value: v, selected: v === cur }, label)));
  const apply = () => {
    const v = s.value;
    const en = entry(id);
    if (v === 'na') {
      en.na = true;
      en.value = null;
    } else {
      en.na = false;
      en.value = v === '' ? null : yn ? v === 'y' : v.slice(2);
    }
    changed();
  };
  s.addEventListener('change', apply);
  return s;
}

function setNa(row, on) {
  const en = entry(row.ind.id);
  en.na = on;
  if (on) {
    en.value = null;
    delete en.numerator;
    delete en.denominator;
  }
  changed();
  fillAnswerCell(row);
  document.getElementById(`sh-na-${row.ind.id}`)?.focus();
}

function toggleFraction(row, on) {
  const id = row.ind.id;
  if (on) fractionOn.add(id);
  else {
    fractionOn.delete(id);
    dropFraction(id);
  }
  fillAnswerCell(row);
  row.ans.querySelector('[data-cell="frac"]')?.focus();
}

// ------------------------------------------------------------ details below a row
function toggleMore(id) {
  const row = w.rows.get(id);
  if (!row.more) {
    const panel = details(row.ind, { level: 3 });
    panel.open = true;
    row.more = h('tr', { class: 'sh-more', id: `sh-m-${id}`, 'data-id': id },
      h('td', { colspan: '6' },
        h('div', { class: 'sh-more-head' },
          h('h2', { class: 'sh-more-title' }, `${id} · ${tx(row.ind.text)}`),
          h('button', { type: 'button', class: 'link', onclick: () => w.explain(id) }, t('sheet.explain'))),
        row.ind.help ? h('p', { class: 'help' }, tx(row.ind.help)) : null,
        panel));
    row.more.hidden = true;
    row.tr.after(row.more);
    row.moreBtn.setAttribute('aria-controls', row.more.id);
  }
  const open = row.more.hidden;
  row.more.hidden = !open;
  row.moreBtn.setAttribute('aria-expanded', String(open));
  row.tr.classList.toggle('open', open);
}

// -------------------------------------------------------------------- keyboard
function cellsOf(row) {
  return [...row.tr.querySelectorAll('[data-cell]')].filter((el) => !el.disabled);
}

function focusCell(row, name) {
  const cells = cellsOf(row);
  const el = cells.find((c) => c.dataset.cell === name)
    ?? cells.find((c) => ['value', 'num'].includes(c.dataset.cell)) ?? cells[0];
  if (!el) return;
  el.focus();
  if (el.tagName === 'INPUT' && el.type === 'text') el.select(); // typing replaces, as in a spreadsheet
  row.tr.scrollIntoView({ block: 'nearest' });
}

function visibleIds() {
  return w.order.filter((id) => !w.rows.get(id).tr.hidden);
}

function move(fromId, cellName, dir) {
  const ids = visibleIds();
  const i = ids.indexOf(fromId);
  const to = ids[i + dir];
  if (to) focusCell(w.rows.get(to), cellName);
}

function onKey(ev) {
  const el = ev.target;
  const tr = el.closest?.('tr.sh-row');
  if (!tr || ev.altKey || ev.ctrlKey || ev.metaKey || el.classList.contains('num-choice')) return;
  const id = tr.dataset.id;
  const cell = el.dataset.cell;
  if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') {
    ev.preventDefault(); // also on a <select>: arrows move between rows, typing chooses
    move(id, cell, ev.key === 'ArrowDown' ? 1 : -1);
  } else if (ev.key === 'Enter' && el.tagName !== 'BUTTON') {
    ev.preventDefault();
    move(id, cell, ev.shiftKey ? -1 : 1);
  } else if (ev.key === 'Escape') {
    ev.preventDefault();
    cancelEdit(id, cell);
  }
}

function markRow(ev) {
  const id = ev.target.closest?.('tr[data-id]')?.dataset.id;
  if (id) w.dirty.add(id);
}

// The row's answer as it was when the focus came into the row: what Escape restores.
function onFocusIn(ev) {
  const tr = ev.target.closest?.('tr.sh-row');
  if (!tr || tr.dataset.id === w.editId) return;
  w.editId = tr.dataset.id;
  w.snapshot = JSON.stringify(peek(w.editId) ?? null);
}

function cancelEdit(id, cell) {
  if (w.editId !== id) return;
  const now = JSON.stringify(peek(id) ?? null);
  if (now === w.snapshot) return;
  const was = JSON.parse(w.snapshot);
  const answers = ctx.answers.answers || (ctx.answers.answers = {});
  if (was === null) delete answers[id];
  else answers[id] = was;
  if (was?.numerator === undefined && was?.denominator === undefined) fractionOn.delete(id);
  changed();
  w.dirty.add(id);
  const row = w.rows.get(id);
  fillAnswerCell(row);
  focusCell(row, cell);
  announce(t('sheet.cancelled', { id }));
}

// ------------------------------------------------------------- find and filter
function applyFilter({ quiet = false } = {}) {
  const res = evaluate();
  let n = 0;
  for (const [id, row] of w.rows) {
    const hide = !res.shown.has(id);
    if (row.tr.hidden !== hide) row.tr.hidden = hide;
    if (row.more) row.more.hidden = hide || row.moreBtn.getAttribute('aria-expanded') !== 'true';
    if (!hide) n += 1;
  }
  w.empty.hidden = n > 0;
  w.visible = n;
  w.countsKey = null;
  refreshFinder(w.bar, res, n);
  if (!quiet) w.scroller.scrollTop = 0;
}

function jumpToFirst() {
  const first = visibleIds()[0];
  if (first) focusCell(w.rows.get(first), 'value');
  else announce(t('find.none'));
}

// Moves to the next unanswered indicator among those shown, after the current row.
export function goNextUnanswered() {
  const ids = visibleIds();
  const from = w.editId && ids.includes(w.editId) ? w.editId : ids[ids.length - 1];
  const next = ids.length ? nextUnanswered(ids, from) : null;
  if (next) {
    focusCell(w.rows.get(next), 'value');
    return;
  }
  const hidden = nextUnanswered(w.order, w.order[0]);
  announce(hidden ? t('find.noneShownUnanswered') : t('find.allAnswered'));
}

// Shows and focuses one indicator (from another screen, or the score panel's lists).
export function focusIndicator(id) {
  if (!w?.rows.has(id)) return;
  if (reveal(id)) {
    syncFinderInputs();
    applyFilter();
  }
  focusCell(w.rows.get(id), 'value');
}

// Shows one right (the rights' bars in the score panel, "open this right").
export function showRight(rightId) {
  Object.assign(filter, { right: rightId });
  syncFinderInputs();
  applyFilter();
  document.getElementById('sh-h')?.focus();
}

function syncFinderInputs() {
  const q = w.bar.querySelector('#sh-q');
  if (q.value !== filter.q) q.value = filter.q;
  for (const s of w.bar.querySelectorAll('select[data-filter]')) s.value = filter[s.dataset.filter];
}

// ------------------------------------------------------------- after a change
// Rows whose shown state (points, status, evidence, office, errors) changed are written again;
// the others are left alone. The filters' counts follow; the rows shown stay until the filter
// changes (a row just answered does not vanish under the cursor).
export function refreshWorksheet() {
  if (!mounted()) return;
  const { indicators } = resultMaps();
  const rows = w.dirty.size ? [...w.dirty].map((id) => w.rows.get(id)).filter(Boolean) : w.rows.values();
  w.dirty.clear();
  for (const row of rows) {
    const id = row.ind.id;
    const ri = indicators.get(id);
    const items = row.ind.evidence || [];
    const ready = items.filter((x) => evEntry(id, x.id, false)?.status === 'ready').length;
    const diags = diagsFor(id);
    const office = officeCell(row.ind);
    const key = `${ri?.status}|${ri?.points}|${ri?.evidenced}|${ri?.evidence_missing?.length}|${ri?.value}|${ready}|${office.short}|${office.full}|${diags.map((d) => `${d.path}|${d.code}`).join(';')}`;
    if (key !== row.key) {
      row.key = key;
      writeRow(row, ri, ready, items.length, diags, office);
    }
  }
  scheduleCounts();
}

// The filters' counts follow when the page is idle (within 300 ms), after the score and the row
// are drawn: counting and rewriting <option> texts is the slowest part of a refresh, nothing
// waits for it, and a burst of keystrokes is counted once.
const whenIdle = globalThis.requestIdleCallback
  ? (fn) => globalThis.requestIdleCallback(fn, { timeout: 300 })
  : (fn) => setTimeout(fn, 50);
function scheduleCounts() {
  if (w.countsPending) return;
  w.countsPending = true;
  whenIdle(() => {
    w.countsPending = false;
    if (!mounted()) return;
    const res = evaluate();
    const countsKey = `${w.visible}|${JSON.stringify(Object.values(res.counts).map((m) => [...m]))}`;
    if (countsKey === w.countsKey) return;
    w.countsKey = countsKey;
    refreshFinder(w.bar, res, w.visible);
  });
}

// The office cell: the short names (the column is narrow), the full names on hover (title)
// and, for a screen reader, after the short ones ("Dinkes (Dinas Kesehatan)").
function officeCell(ind) {
  const offices = officesFor(ind).offices;
  return {
    short: offices.map((o) => o.short_name).join(', '),
    full: offices.map((o) => tx(o.name) || o.short_name).join(', '),
  };
}

function writeOffice(td, { short, full }) {
  setAttr(td, 'title', short && full !== short ? full : null);
  if (!short) {
    setText(td, '–');
    return;
  }
  clear(td).append(short);
  if (full !== short) td.append(h('span', { class: 'sr-only' }, ` (${full})`));
}

function writeRow(row, ri, ready, total, diags, office) {
  const id = row.ind.id;
  const max = ri?.max_points ?? row.ind.scoring?.max_points;
  let pts = '–';
  if (ri?.status === 'not_applicable') pts = t('fill.pointsNa');
  else if (ri?.status === 'answered') pts = `${num(ri.points)} / ${num(max, 0)}`;
  setText(row.pts, pts);
  const lacking = Boolean(ri && ri.points > 0 && ri.evidenced === false);
  setText(row.ev, total ? (lacking ? t('sheet.evLacking', { n: ri.evidence_missing?.length ?? 0, ready, total }) : t('sheet.evReady', { ready, total })) : '–');
  row.ev.classList.toggle('bad', lacking);
  writeOffice(row.office, office);
  const status = diags.length ? 'invalid' : ri?.status === 'answered' || ri?.status === 'not_applicable' ? 'done' : 'todo';
  setAttr(row.tr, 'data-status', status);
  // A percentage computed from numerator/denominator: the engine's exact value beside them.
  if (row.fields.result) setText(row.fields.result, ri?.status === 'answered' && typeof ri.value === 'number' ? `= ${num(ri.value, 2)} %` : '');
  for (const el of row.ans.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
  clear(row.err);
  row.err.hidden = diags.length === 0;
  if (diags.length) {
    row.err.append(h('ul', null, diags.map((d) => diagItem(d, { where: false }))));
    for (const el of row.ans.querySelectorAll('input[type="text"], select')) el.setAttribute('aria-invalid', 'true');
  }
}
