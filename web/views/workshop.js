// Workshop mode (Kanwil bimtek on a projector): large type, high contrast, one indicator (or
// one right) at a time with its explanation and the evidence that is accepted, a live
// scoreboard and a "gap to 75" gauge. The facilitator switches between the saved assessments
// of several pemda: each switch opens that assessment from storage (openAssessment), so the
// answers of one are never copied into another; every answer is saved to the assessment it
// was given in, at once.

import { h, clear, setText, setWidth } from '../ui/dom.js';
import { t, tx, num } from '../ui/i18n.js';
import * as store from '../state/store.js';
import {
  ctx, entry, peek, setNotApplicable, changed, flush, openAssessment, resultMaps, TYPES, threshold, setAnswer,
} from '../state/assessment.js';
import { announce } from '../ui/widgets.js';
import { answerText, parseNumber, formatNumber, twin } from '../ui/format.js';

let root = null;
const pos = { mode: 'indicator', rightId: null, index: 0 };
let refs = null;

export function renderWorkshop(el) {
  root = el;
  draw();
}

document.addEventListener('keydown', onKey);

export function leaveWorkshop() {
  refs = null;
}

function draw(focusSel) {
  flush();
  refs = { board: null };
  clear(root);
  root.append(h('div', { class: 'ws' },
    h('h1', { class: 'sr-only' }, t('ws.title')),
    switcher(),
    ctx.answers ? stage() : h('p', { class: 'ws-empty' }, store.listAssessments().length ? t('ws.choose') : t('ws.none')),
  ));
  refreshWorkshop();
  if (focusSel) root.querySelector(focusSel)?.focus();
}

// ------------------------------------------------------------ assessment switcher
function switcher() {
  const list = store.listAssessments();
  const nav2 = h('nav', { class: 'ws-switch', 'aria-labelledby': 'ws-switch-h' },
    h('h2', { id: 'ws-switch-h' }, t('ws.switchTitle')));
  const ul = h('ul');
  for (const m of list) {
    const on = m.key === ctx.key;
    const total = on ? ctx.result?.total : m.total;
    ul.append(h('li', null, h('button', {
      type: 'button', class: 'ws-pemda', 'aria-pressed': String(on), 'data-key': m.key,
      onclick: () => switchTo(m.key),
    }, h('span', { class: 'ws-pemda-name' }, m.region?.name || t('app.untitled')),
    h('span', { class: 'ws-pemda-meta' }, `${m.data_year ?? ''} · `, h('span', { class: 'ws-pemda-total', 'data-key': m.key }, num(total))))));
  }
  nav2.append(ul);
  return nav2;
}

async function switchTo(key) {
  if (key === ctx.key) return;
  flush(); // the answers of the one shown now are already saved; this scores what is pending
  const err = await openAssessment(key, { whatIf: false }); // the facilitator works on the real answers
  if (err) {
    announce(t(err), 'error');
    return;
  }
  if (!ctx.idx.rights.has(pos.rightId)) {
    pos.rightId = ctx.pack.rights[0]?.id ?? null;
    pos.index = 0;
  }
  draw(`.ws-pemda[data-key="${CSS.escape(key)}"]`);
  announce(t('ws.switched', { name: ctx.answers.region?.name || t('app.untitled') }));
}

// --------------------------------------------------------------------- the stage
function list() {
  return ctx.idx.listByRight.get(pos.rightId) ?? [];
}

function stage() {
  if (!ctx.idx.rights.has(pos.rightId)) pos.rightId = ctx.rightId ?? ctx.pack.rights[0].id;
  const inds = list();
  pos.index = Math.max(0, Math.min(pos.index, inds.length - 1));
  const rights = ctx.pack.rights;
  const ri = rights.findIndex((r) => r.id === pos.rightId);
  const right = rights[ri];
  const board = scoreboard();
  const main = h('div', { class: 'ws-stage' },
    h('div', { class: 'ws-head' },
      h('p', { class: 'ws-region' }, ctx.answers.region?.name || t('app.untitled'), ' · ', t('fill.dataYear', { year: ctx.answers.data_year ?? '–' })),
      h('div', { class: 'ws-rightnav' },
        h('button', { type: 'button', id: 'ws-prev-right', disabled: ri <= 0, onclick: () => moveRight(-1), 'aria-label': t('ws.prevRight') }, '←'),
        h('h2', { id: 'ws-right-h', tabindex: '-1' }, tx(right.name), h('span', { class: 'ws-count' }, ` ${t('ws.rightOf', { n: ri + 1, total: rights.length })}`)),
        h('button', { type: 'button', id: 'ws-next-right', disabled: ri >= rights.length - 1, onclick: () => moveRight(1), 'aria-label': t('ws.nextRight') }, '→')),
      h('div', { class: 'ws-mode', role: 'group', 'aria-label': t('ws.mode') },
        h('button', { type: 'button', id: 'ws-mode-indicator', 'aria-pressed': String(pos.mode === 'indicator'), onclick: () => setMode('indicator') }, t('ws.mode.indicator')),
        h('button', { type: 'button', id: 'ws-mode-right', 'aria-pressed': String(pos.mode === 'right'), onclick: () => setMode('right') }, t('ws.mode.right')))),
    pos.mode === 'indicator' ? indicatorCard(inds[pos.index], inds) : rightList(inds));
  return h('div', { class: 'ws-main' }, main, board);
}

// A presenter's clicker sends PageDown / PageUp: they page wherever the focus is on this screen
// (a button, a radio, the page itself), except in a text field or a list, where they move the
// caret or the choice. An open dialog keeps its keys.
function onKey(ev) {
  if (ctx.view !== 'workshop' || !ctx.answers || !refs || (ev.key !== 'PageDown' && ev.key !== 'PageUp')) return;
  if (ev.altKey || ev.ctrlKey || ev.metaKey || document.getElementById('dialog')?.open) return;
  const el = ev.target instanceof Element ? ev.target : null;
  if (el?.closest('textarea, select, [contenteditable="true"]')) return;
  if (el?.matches('input') && !['radio', 'checkbox', 'button', 'submit'].includes(el.type)) return;
  if (ev.key === 'PageDown') {
    ev.preventDefault();
    step(1);
  } else if (ev.key === 'PageUp') {
    ev.preventDefault();
    step(-1);
  }
}

function setMode(mode) {
  pos.mode = mode;
  draw(`#ws-mode-${mode}`);
}

function moveRight(d) {
  const rights = ctx.pack.rights;
  const i = rights.findIndex((r) => r.id === pos.rightId);
  const next = rights[i + d];
  if (!next) return;
  pos.rightId = next.id;
  pos.index = 0;
  draw(d < 0 ? '#ws-prev-right:not([disabled]), #ws-right-h' : '#ws-next-right:not([disabled]), #ws-right-h');
}

// Next/previous indicator, moving on to the next right at the end of one.
function step(d) {
  const inds = list();
  const i = pos.index + d;
  if (i >= 0 && i < inds.length) {
    pos.index = i;
    draw(d < 0 ? '#ws-prev' : '#ws-next');
    return;
  }
  const rights = ctx.pack.rights;
  const ri = rights.findIndex((r) => r.id === pos.rightId) + d;
  if (ri < 0 || ri >= rights.length) return;
  pos.rightId = rights[ri].id;
  pos.index = d < 0 ? (ctx.idx.listByRight.get(pos.rightId)?.length ?? 1) - 1 : 0;
  draw(d < 0 ? '#ws-prev' : '#ws-next');
}

function indicatorCard(ind, inds) {
  if (!ind) return h('p', null, t('ws.noIndicators'));
  const id = ind.id;
  const pts = h('p', { class: 'ws-points', id: 'ws-points' });
  const evidence = ind.evidence || [];
  const card = h('article', { class: 'ws-card', 'aria-labelledby': 'ws-ind-h', 'data-id': id },
    h('p', { class: 'ws-kicker' }, h('code', null, id), ' · ', t(`type.${ind.type}`), ' · ', t('ws.indicatorOf', { n: pos.index + 1, total: inds.length })),
    h('h3', { id: 'ws-ind-h', class: 'ws-ind-text' }, tx(ind.text)),
    pts,
    answerBox(ind),
    ind.help ? h('section', { class: 'ws-help', 'aria-labelledby': 'ws-help-h' },
      h('h4', { id: 'ws-help-h' }, t('ws.explanation')),
      h('p', null, tx(ind.help))) : null,
    h('section', { class: 'ws-evidence', 'aria-labelledby': 'ws-ev-h' },
      h('h4', { id: 'ws-ev-h' }, t('ws.evidence')),
      evidence.length ? h('ul', null, evidence.map((ev, k) => evidenceItem(ind, ev, k))) : h('p', null, t('ev.none'))),
    h('div', { class: 'ws-pager' },
      h('button', { type: 'button', id: 'ws-prev', onclick: () => step(-1) }, `← ${t('ws.prev')}`),
      h('button', { type: 'button', id: 'ws-next', class: 'primary', onclick: () => step(1) }, `${t('ws.next')} →`)),
    h('p', { class: 'hint' }, t('ws.keys')));
  refs.card = { id, pts };
  return card;
}

function evidenceItem(ind, ev, k) {
  const id = `ws-ev-${ind.id}-${k}`;
  const cur = (peek(ind.id)?.evidence || []).find((x) => x && x.id === ev.id);
  return h('li', null,
    h('div', { class: 'choice' },
      h('input', { type: 'checkbox', id, checked: cur?.status === 'ready',
        onchange: (e) => {
          const en = entry(ind.id);
          if (!Array.isArray(en.evidence)) en.evidence = [];
          let item = en.evidence.find((x) => x && x.id === ev.id);
          if (!item) {
            item = { id: ev.id, status: 'missing' };
            en.evidence.push(item);
          }
          item.status = e.target.checked ? 'ready' : 'missing';
          changed();
        } }),
      h('label', { for: id }, tx(ev.document))),
    h('p', { class: 'ws-ev-meta' }, ev.signer ? `${t('ev.signer')}: ${tx(ev.signer)} · ` : '', ev.required === false ? t('ev.optional') : t('ev.required')));
}

// The answer, in large controls; saved to the open assessment at once.
function answerBox(ind) {
  const id = ind.id;
  const ans = ind.answer || {};
  const e = peek(id) || {};
  const na = Boolean(e.na);
  const fs = h('fieldset', { class: 'ws-answer' }, h('legend', null, t('ws.answer')));
  if (ans.kind === 'yes_no' || ans.kind === 'level') {
    const opts = ans.kind === 'yes_no'
      ? [[true, t('answer.yes')], [false, t('answer.no')]]
      : (ans.levels || []).map((l) => [l.id, tx(l.label)]);
    const row = h('div', { class: 'ws-options' });
    opts.forEach(([val, label], k) => {
      const rid = `ws-v-${id}-${k}`;
      row.append(h('div', { class: 'choice' },
        h('input', { type: 'radio', id: rid, name: `ws-v-${id}`, checked: e.value === val && !na, disabled: na,
          onchange: () => setAnswer(id, val) }),
        h('label', { for: rid }, label)));
    });
    fs.append(row);
  } else {
    const fraction = e.numerator !== undefined || e.denominator !== undefined;
    const vid = `ws-val-${id}`;
    const range = ans.range ?? (ans.kind === 'percent' ? { min: 0, max: 100 } : null);
    const input = h('input', { type: 'text', id: vid, class: 'ws-num', inputmode: 'decimal', autocomplete: 'off',
      value: formatNumber(fraction ? null : e.value), disabled: na, readonly: fraction, 'aria-describedby': `${vid}-unit` });
    input.addEventListener('input', () => setAnswer(id, parseNumber(input.value)));
    fs.append(h('div', { class: 'num-row' },
      h('label', { for: vid }, t(`answer.kind.${ans.kind}`)), input,
      h('span', { id: `${vid}-unit` }, ans.unit ?? '', range ? ` (${t('answer.range', { min: range.min ?? '…', max: range.max ?? '…' })})` : '')),
    fraction ? h('p', { class: 'hint' }, t('ws.fraction')) : null);
  }
  if (ans.na_allowed) {
    const nid = `ws-na-${id}`;
    fs.append(h('div', { class: 'choice' },
      h('input', { type: 'checkbox', id: nid, checked: na,
        onchange: (ev) => {
          setNotApplicable(id, ev.target.checked);
          changed();
          draw(`#${CSS.escape(nid)}`);
        } }),
      h('label', { for: nid }, t('answer.na'))));
  }
  return fs;
}

// One right: every indicator with its answer and points; a click opens it on its own.
function rightList(inds) {
  const { indicators } = resultMaps();
  const out = h('div', { class: 'ws-rightlist' });
  for (const type of TYPES) {
    const group = inds.filter((i) => i.type === type);
    if (!group.length) continue;
    const ol = h('ol');
    for (const ind of group) {
      const ri = indicators.get(ind.id);
      const k = inds.indexOf(ind);
      ol.append(h('li', { 'data-id': ind.id },
        h('div', null,
          h('button', { type: 'button', class: 'ws-open', onclick: () => { pos.mode = 'indicator'; pos.index = k; draw('#ws-ind-h'); } },
            h('code', null, ind.id), ' ', tx(ind.text)),
          h('p', { class: 'ws-li-answer' }, `${t('ws.answer')}: `, h('strong', null, answerText(ind, peek(ind.id))))),
        h('span', { class: 'ws-li-points', 'data-id': ind.id },
          ri && ri.status !== 'not_applicable' ? t('fill.points', { points: num(ri.points), max: num(ri.max_points) }) : t('fill.pointsNa'))));
    }
    out.append(h('h3', null, t(`type.${type}`)), ol);
  }
  return out;
}

// --------------------------------------------------------------------- scoreboard
function scoreboard() {
  const r = {};
  r.total = h('span', { class: 'ws-total-num', id: 'ws-total' });
  r.pred = h('p', { class: 'ws-pred' });
  r.fill = h('span', { class: 'ws-gauge-fill' });
  r.gap = h('p', { class: 'ws-gap', id: 'ws-gap' });
  r.gauge = h('div', { class: 'ws-gauge', role: 'img', id: 'ws-gauge' },
    r.fill, mark(threshold()),
    h('span', { class: 'ws-gauge-label', 'aria-hidden': 'true' }, String(threshold())));
  r.rights = new Map();
  const ul = h('ul', { class: 'ws-rights' });
  for (const right of ctx.pack.rights) {
    const score = h('span', { class: 'ws-r-score' });
    const fill = h('span', { class: 'bar-fill' });
    ul.append(h('li', { class: right.id === pos.rightId ? 'current' : null },
      h('span', { class: 'ws-r-name' }, tx(right.name)), score,
      h('span', { class: 'bar', 'aria-hidden': 'true' }, fill, mark(threshold()))));
    r.rights.set(right.id, { score, fill });
  }
  refs.board = r;
  return h('aside', { class: 'ws-board', 'aria-labelledby': 'ws-board-h' },
    h('h2', { id: 'ws-board-h' }, t('ws.board')),
    h('p', { class: 'ws-total' }, r.total, h('span', { class: 'of' }, t('score.of100'))),
    r.pred,
    h('h3', null, t('ws.gauge', { min: num(threshold(), 0) })),
    r.gauge,
    r.gap,
    h('h3', null, t('score.byRight')),
    ul);
}

function mark(v) {
  const m = h('span', { class: 'ws-gauge-mark bar-mark' });
  m.style.left = `${v}%`;
  return m;
}

// Numbers only; inputs are left alone so typing is never disturbed.
export function refreshWorkshop() {
  if (!root || ctx.view !== 'workshop' || !refs?.board || !ctx.result) return;
  const res = ctx.result;
  const b = refs.board;
  const thr = threshold();
  // The engine decides: a total of null is "not assessable" (no right can be scored), and the
  // distance to the top predicate is its exact published difference, never computed here.
  const assessable = res.total !== null && res.total !== undefined;
  setText(b.total, assessable ? num(res.total) : '–');
  setText(b.pred, t('score.predicate', { name: tx(res.predicate?.name) || '–' }));
  setWidth(b.fill, assessable ? Math.max(0, Math.min(100, res.total)) : 0);
  const reached = assessable && res.distance_to_top === 0;
  let gapText;
  if (!assessable) gapText = t('score.notAssessable');
  else if (reached) gapText = t('ws.reached', { min: num(thr, 0) });
  else gapText = t('ws.gapTo', { n: num(res.distance_to_top), min: num(thr, 0) });
  setText(b.gap, gapText);
  b.gauge.setAttribute('aria-label', `${assessable ? t('ws.gaugeLabel', { total: num(res.total) }) : t('score.notAssessableShort')} ${gapText}`);
  b.gauge.classList.toggle('reached', reached);
  const { rights, indicators } = resultMaps();
  for (const [id, x] of b.rights) {
    const rr = rights.get(id);
    setText(x.score, num(rr?.score));
    setWidth(x.fill, Math.max(0, Math.min(100, rr?.score ?? 0)));
  }
  if (refs.card) {
    const ri = indicators.get(refs.card.id);
    setText(refs.card.pts, ri && ri.status !== 'not_applicable'
      ? t('ws.points', { points: num(ri.points), max: num(ri.max_points), gain: num(twin(ri, 'gain'), 2) })
      : t('fill.pointsNa'));
  }
  for (const el of root.querySelectorAll('.ws-li-points')) {
    const ri = indicators.get(el.dataset.id);
    setText(el, ri && ri.status !== 'not_applicable' ? t('fill.points', { points: num(ri.points), max: num(ri.max_points) }) : t('fill.pointsNa'));
  }
  const cur = root.querySelector(`.ws-pemda-total[data-key="${CSS.escape(ctx.key)}"]`);
  if (cur) setText(cur, res.total === null ? '–' : num(res.total));
}

