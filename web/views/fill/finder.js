// Find and filter for the Fill screen: a search box (code or words of the text, case and
// accents ignored), filters with counts (status, right, type, office) and "next unanswered"
// (Alt+N). What an indicator is (answered, evidence missing, invalid) comes from the engine's
// last result, never from a count of our own.

import { h, setText } from '../../ui/dom.js';
import { t, tx } from '../../ui/i18n.js';
import { ctx, TYPES, resultMaps, diagsFor } from '../../state/assessment.js';
import { officeIdsOf } from './offices.js';
import { packOffices } from '../../state/offices.js';

export const NEXT_KEY = 'Alt+N';

// The filter in use (kept while the page lives, across rights and views).
export const filter = { q: '', status: 'all', right: 'all', type: 'all', office: 'all' };

// "Hak Atas Pendidikan" and "hak atas pendidikan", "Perda" and "perdá" match alike.
export function fold(s) {
  return String(s ?? '').normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

// Every indicator of the pack, in the pack's order (rights in order, struktur → proses → hasil).
const ordered = new WeakMap(); // pack index → list
export function allIndicators() {
  let list = ordered.get(ctx.idx);
  if (!list) {
    list = ctx.pack.rights.flatMap((r) => ctx.idx.listByRight.get(r.id) ?? []);
    ordered.set(ctx.idx, list);
  }
  return list;
}

// What the filters look at for one indicator, from the last score and the diagnostics.
export function facts(ind) {
  const ri = resultMaps().indicators.get(ind.id);
  const invalid = diagsFor(ind.id).length > 0;
  return {
    answered: !invalid && (ri?.status === 'answered' || ri?.status === 'not_applicable'),
    evidenceMissing: Boolean(ri && ri.points > 0 && ri.evidenced === false),
    invalid,
    offices: officeIdsOf(ind),
  };
}

export function searchWords(q) {
  return fold(q).split(/\s+/).filter(Boolean);
}

export function matchesQuery(ind, ws) {
  if (!ws.length) return true;
  const hay = fold(`${ind.id} ${tx(ind.text)}`);
  return ws.every((w) => hay.includes(w));
}

const STATUS = ['all', 'unanswered', 'evidence', 'invalid'];
function statusOk(f, st) {
  if (st === 'unanswered') return !f.answered;
  if (st === 'evidence') return f.evidenceMissing;
  if (st === 'invalid') return f.invalid;
  return true;
}

// Does `ind` (with its facts) pass every filter but `skip`?
function passes(ind, f, ws, skip) {
  return (skip === 'q' || matchesQuery(ind, ws))
    && (skip === 'status' || statusOk(f, filter.status))
    && (skip === 'right' || filter.right === 'all' || ind.right === filter.right)
    && (skip === 'type' || filter.type === 'all' || ind.type === filter.type)
    && (skip === 'office' || filter.office === 'all' || f.offices.includes(filter.office));
}

// The ids passing the whole filter, and per filter the count of each option given the others.
export function evaluate() {
  const ws = searchWords(filter.q);
  const list = allIndicators();
  const shown = new Set();
  const counts = { status: new Map(), right: new Map(), type: new Map(), office: new Map() };
  const bump = (m, k) => m.set(k, (m.get(k) ?? 0) + 1);
  for (const ind of list) {
    const f = facts(ind);
    if (passes(ind, f, ws, null)) shown.add(ind.id);
    if (passes(ind, f, ws, 'status')) {
      bump(counts.status, 'all');
      for (const st of STATUS.slice(1)) if (statusOk(f, st)) bump(counts.status, st);
    }
    if (passes(ind, f, ws, 'right')) { bump(counts.right, 'all'); bump(counts.right, ind.right); }
    if (passes(ind, f, ws, 'type')) { bump(counts.type, 'all'); bump(counts.type, ind.type); }
    if (passes(ind, f, ws, 'office')) {
      bump(counts.office, 'all');
      for (const o of f.offices) bump(counts.office, o);
    }
  }
  return { shown, counts, total: list.length };
}

// Every office answering for an indicator (one per office id, sorted by short name), for the
// office filter: [id, short name, full name].
function officeOptions() {
  const ids = new Set();
  for (const ind of allIndicators()) for (const id of officeIdsOf(ind)) ids.add(id);
  const po = packOffices();
  return [...ids].map((id) => {
    const o = po.byId.get(id);
    return o ? [id, o.short_name, tx(o.name)] : [id, id.replace(/^~/, ''), ''];
  }).sort((a, b) => a[1].localeCompare(b[1], 'id'));
}

// The next indicator after `fromId` (wrapping round) that is not answered, among `ids` (in order).
export function nextUnanswered(ids, fromId) {
  const start = Math.max(-1, ids.indexOf(fromId));
  for (let k = 1; k <= ids.length; k += 1) {
    const id = ids[(start + k) % ids.length];
    if (!facts(ctx.idx.indicators.get(id)).answered) return id;
  }
  return null;
}

// The search and filter bar. onChange() after the filter changed; onJump() on Enter or ArrowDown
// in the search box (go to the first indicator shown); onNext() for "next unanswered".
export function renderFinder({ onChange, onJump, onNext }) {
  const sel = (key, label, options) => {
    const id = `sh-f-${key}`;
    const s = h('select', { id, 'data-filter': key },
      options.map(([value, text, title]) => h('option', { value, selected: filter[key] === value, 'data-label': text, title: title || null }, text)));
    s.addEventListener('change', () => {
      filter[key] = s.value;
      onChange();
    });
    // Every option's count is written when the list is about to be seen (see refreshFinder).
    const fresh = () => writeCounts(s, evaluate().counts);
    s.addEventListener('focus', fresh);
    s.addEventListener('mousedown', fresh);
    return h('div', { class: 'sh-filter' }, h('label', { for: id }, label), s);
  };
  const q = h('input', { type: 'search', id: 'sh-q', value: filter.q, autocomplete: 'off', 'aria-describedby': 'sh-shown' });
  q.addEventListener('input', () => {
    filter.q = q.value;
    onChange();
  });
  q.addEventListener('keydown', (ev) => {
    if ((ev.key === 'Enter' || ev.key === 'ArrowDown') && !ev.altKey && !ev.ctrlKey) {
      ev.preventDefault();
      onJump();
    }
  });
  const offices = officeOptions();
  if (!offices.some(([id]) => id === filter.office)) filter.office = 'all'; // e.g. another pack's office
  const bar = h('div', { class: 'sh-find', role: 'search', 'aria-label': t('find.label') },
    h('div', { class: 'sh-filter sh-q' }, h('label', { for: 'sh-q' }, t('find.search')), q),
    sel('status', t('find.status'), STATUS.map((s) => [s, t(`find.status.${s}`)])),
    sel('right', t('find.right'), [['all', t('find.all')], ...ctx.pack.rights.map((r) => [r.id, tx(r.name)])]),
    sel('type', t('find.type'), [['all', t('find.all')], ...TYPES.map((ty) => [ty, t(`type.${ty}`)])]),
    sel('office', t('find.office'), [['all', t('find.all')], ...offices]),
    h('button', { type: 'button', id: 'sh-next', class: 'sh-next', 'aria-keyshortcuts': NEXT_KEY, onclick: onNext },
      t('find.next'), ' ', h('kbd', null, NEXT_KEY)));
  // "n of N shown": placed by the caller (under the bar, beside the keys).
  bar.shownEl = h('p', { class: 'sh-shown', id: 'sh-shown', role: 'status' });
  return bar;
}

// Writes the counts into the options ("Belum dijawab (87)") and the "n of N shown" line
// (`visible`: the rows on screen, which stay until the filter changes). A closed list shows its
// chosen option only: the others are written when it gets focus or the pointer (rewriting the
// options of four lists after every answer costs more than the answer's whole refresh).
export function refreshFinder(bar, { counts, total }, visible) {
  for (const s of bar.querySelectorAll('select[data-filter]')) {
    if (s === document.activeElement) writeCounts(s, counts);
    else if (s.selectedIndex >= 0) writeCount(s.options[s.selectedIndex], counts[s.dataset.filter]);
  }
  setText(bar.shownEl, t('find.shown', { n: visible, total }));
}

function writeCount(o, m) {
  setText(o, `${o.dataset.label} (${m.get(o.value) ?? 0})`);
}

function writeCounts(s, counts) {
  for (const o of s.options) writeCount(o, counts[s.dataset.filter]);
}

// Makes `id` pass the filter (clears what hides it); true when something was cleared.
export function reveal(id) {
  const ind = ctx.idx.indicators.get(id);
  if (!ind) return false;
  const f = facts(ind);
  if (passes(ind, f, searchWords(filter.q), null)) return false;
  Object.assign(filter, { q: '', status: 'all', right: 'all', type: 'all', office: 'all' });
  return true;
}
