// Gap and what-if view: every indicator that can still add to the total, the cheapest set of
// improvements that reaches the Peduli threshold (and the next predicate band), computed by the
// engine (engine.gap: an exact minimum-effort knapsack), with an effort per indicator the user
// may set; and the what-if mode, in which answers change in a scenario copy only.

import { h, clear } from '../ui/dom.js';
import { t, tx, num } from '../ui/i18n.js';
import * as store from '../state/store.js';
import {
  ctx, changed, flush, startWhatIf, discardWhatIf, adoptWhatIf, scenarioChanges, raiseToFull, peek,
} from '../state/assessment.js';
import { announce, errorBox, confirmAction } from '../ui/widgets.js';
import { go, openIndicator } from '../state/navigation.js';
import { pts, signed, answerText } from '../ui/format.js';
import { gateOrProblem } from '../ui/gate.js';
import { currentGate, checkedFiles } from '../state/evidence-files.js';

let root = null;
let basis = 'claimed'; // 'claimed' | 'evidenced'

export function renderGap(el) {
  root = el;
  draw();
}

// Called after every change (inside an animation frame).
export function refreshGap() {
  if (root && ctx.view === 'gap') draw();
}

function computeGap() {
  const effort = store.loadEffort(ctx.key);
  // Only efforts of indicators of this pack, each a whole number 1–1000 (the engine checks).
  const clean = {};
  for (const [id, v] of Object.entries(effort)) {
    if (ctx.idx.ids.has(id) && Number.isInteger(v) && v >= 1 && v <= 1000) clean[id] = v;
  }
  return ctx.engine.gap(ctx.scored ?? ctx.answers, { basis, effort: clean });
}

function draw() {
  flush();
  // Keep the focus on the same control across a redraw.
  const focusId = document.activeElement?.id;
  const gap = computeGap();
  const res = ctx.result;
  clear(root).append(
    h('h1', { class: 'view-title', id: 'gap-h' }, t('gap.title')),
    h('p', { class: 'lead' }, t('gap.lead')),
    scoreLine(res),
    basisChooser(),
  );
  if (!gap.ok) {
    root.append(errorBox(t('gap.failed'), gap.errors || []));
  } else {
    root.append(planCard(gap, gap, 'gap-plan', t('gap.planTitle', { min: num(gap.target, 0) })));
    if (gap.next_band) root.append(planCard(gap, gap.next_band, 'gap-next', t('gap.nextTitle', { name: tx(gap.next_band.predicate?.name), min: num(gap.next_band.target, 0) })));
  }
  const pkg = packagePlan();
  if (pkg) root.append(pkg);
  root.append(whatIfSection());
  if (gap.ok) root.append(opportunities(gap));
  if (focusId) {
    const el = document.getElementById(focusId);
    if (el && el !== document.activeElement) el.focus({ preventScroll: true });
  }
}

// Beside "to reach 75": "to complete the package", the completeness gate's reasons as a to-do
// list, each leading to its indicator.
function packagePlan() {
  const g = currentGate();
  if (!g) return null;
  return h('section', { class: 'gap-package', 'aria-labelledby': 'gap-package-h' },
    h('h2', { id: 'gap-package-h' }, t('gap.packageTitle')),
    h('p', { class: 'hint' }, t('gap.packageLead')),
    gateOrProblem(g, { onOpen: openIndicator, onOpenRight: (right) => go('fill', { right }), files: checkedFiles().length, max: 20, level: 3, id: 'gap-gate' }),
    h('p', null, h('button', { type: 'button', class: 'link', 'data-go': 'evidence', onclick: () => go('evidence') }, t('gate.checkFolder')),
      // A complete package is the next step: put it together.
      g.ok && g.gate?.complete
        ? [' ', h('button', { type: 'button', id: 'gap-to-package', 'data-go': 'package', onclick: () => go('package') }, t('gap.toPackage'))]
        : null));
}

function scoreLine(res) {
  const real = ctx.whatIf?.realResult;
  const items = [
    h('p', { class: 'gap-total' },
      h('span', { class: 'gap-total-label' }, ctx.whatIf ? t('gap.scenarioTotal') : t('gap.currentTotal')), ' ',
      h('strong', { class: 'gap-total-num', id: 'gap-total' }, num(res?.total)),
      ' ', h('span', { class: 'muted' }, t('score.predicate', { name: tx(res?.predicate?.name) || '–' }))),
  ];
  if (ctx.whatIf && real) {
    const diff = (res?.total ?? 0) - (real.total ?? 0);
    items.push(h('p', { class: 'muted' }, t('gap.realTotal', { real: num(real.total), diff: signed(diff) })));
  }
  return h('div', { class: 'gap-score' }, items);
}

function basisChooser() {
  const fs = h('fieldset', { class: 'basis' }, h('legend', null, t('gap.basis')));
  for (const b of ['claimed', 'evidenced']) {
    const id = `gap-basis-${b}`;
    fs.append(h('div', { class: 'choice' },
      h('input', { type: 'radio', id, name: 'gap-basis', value: b, checked: basis === b,
        onchange: () => {
          basis = b;
          draw();
        } }),
      h('label', { for: id }, t(`gap.basis.${b}`))));
  }
  return fs;
}

function rightName(id) {
  return tx(ctx.idx.rights.get(id)?.name) || id;
}

function indText(id) {
  return tx(ctx.idx.indicators.get(id)?.text) || id;
}

function shorten(s, n = 110) {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

// One plan (to the target or to the next band) with its steps and the "apply" button.
function planCard(gap, plan, id, title) {
  const sec = h('section', { class: 'card gap-card', id, 'aria-labelledby': `${id}-h` }, h('h2', { id: `${id}-h` }, title));
  if (plan.already_reached) {
    sec.append(h('p', { class: 'ok-text' }, t(ctx.whatIf ? 'gap.alreadyScenario' : 'gap.already', { total: num(gap.current) })));
    return sec;
  }
  if (!plan.reachable) {
    sec.append(h('p', { class: 'warn-text' }, t('gap.unreachable', { max: num(gap.max_total) })));
    return sec;
  }
  sec.append(h('p', null, t('gap.planSummary', { n: plan.steps.length, effort: plan.effort, total: num(plan.total) })));
  const table = h('table', { class: 'gap-steps' },
    h('caption', { class: 'sr-only' }, title),
    h('thead', null, h('tr', null,
      h('th', { scope: 'col' }, t('gap.col.indicator')),
      h('th', { scope: 'col' }, t('gap.col.right')),
      h('th', { scope: 'col', class: 'num' }, t('gap.col.points')),
      h('th', { scope: 'col', class: 'num' }, t('gap.col.gain')),
      h('th', { scope: 'col', class: 'num' }, t('gap.col.effort')),
      h('th', { scope: 'col' }, t('gap.col.evidence')),
      h('th', { scope: 'col' }, t('gap.col.opd')))));
  const tb = h('tbody');
  for (const s of plan.steps) {
    tb.append(h('tr', { 'data-step-id': s.id },
      h('th', { scope: 'row' }, h('code', null, s.id), ' ', h('span', null, shorten(indText(s.id)))),
      h('td', null, rightName(s.right)),
      h('td', { class: 'num' }, `${num(s.points)} / ${num(s.max_points)}`),
      h('td', { class: 'num' }, `+${pts(s.gain)}`),
      h('td', { class: 'num' }, String(s.effort)),
      h('td', null, s.evidence_missing.length ? t('gap.evidenceMissing', { n: s.evidence_missing.length }) : t('gap.evidenceReady')),
      h('td', null, s.opd || '–')));
  }
  table.append(tb);
  sec.append(h('div', { class: 'table-wrap' }, table),
    h('p', { class: 'hint' }, t('gap.applyHint')),
    h('button', { type: 'button', class: 'primary', id: `${id}-apply`, onclick: () => applyPlan(plan) },
      ctx.whatIf ? t('gap.applyMore') : t('gap.apply')));
  return sec;
}

function applyPlan(plan) {
  if (!ctx.answers || !plan?.steps?.length) return;
  if (!ctx.whatIf) startWhatIf();
  let n = 0;
  for (const s of plan.steps) if (raiseToFull(s.id, { withEvidence: basis === 'evidenced' })) n += 1;
  changed();
  flush();
  draw();
  announce(t('gap.applied', { n, total: num(ctx.result?.total) }));
  document.getElementById('whatif-h')?.focus();
}

// ------------------------------------------------------------------ what-if section
function whatIfSection() {
  const sec = h('section', { class: 'card whatif', 'aria-labelledby': 'whatif-h' },
    h('h2', { id: 'whatif-h', tabindex: '-1' }, t('whatif.title')));
  if (!ctx.whatIf) {
    sec.append(h('p', null, t('whatif.intro')),
      h('button', { type: 'button', id: 'whatif-start', onclick: () => {
        startWhatIf();
        draw();
        announce(t('whatif.started'));
      } }, t('whatif.start')));
    return sec;
  }
  const changes = scenarioChanges();
  sec.append(h('p', { class: 'whatif-state' }, t('whatif.active', { n: changes.length })));
  if (changes.length) {
    const ul = h('ul', { class: 'whatif-changes' });
    for (const id of changes) {
      const ind = ctx.idx.indicators.get(id);
      ul.append(h('li', { 'data-changed-id': id },
        h('code', null, id), ' ', shorten(indText(id), 80), ': ',
        h('span', { class: 'muted' }, answerText(ind, ctx.whatIf.real.answers?.[id])), ' → ',
        h('strong', null, answerText(ind, peek(id))), ' ',
        h('button', { type: 'button', class: 'link', onclick: () => revert(id), 'aria-label': t('whatif.revertFor', { id }) }, t('whatif.revert'))));
    }
    sec.append(ul);
  }
  sec.append(h('div', { class: 'buttons' },
    h('button', { type: 'button', onclick: () => go('fill') }, t('whatif.edit')),
    h('button', { type: 'button', class: 'primary', id: 'whatif-adopt', onclick: () => adopt() }, t('whatif.adopt')),
    h('button', { type: 'button', class: 'danger', id: 'whatif-discard', onclick: () => discard() }, t('whatif.discard'))));
  return sec;
}

function revert(id) {
  const real = ctx.whatIf?.real?.answers?.[id];
  const a = ctx.answers.answers || (ctx.answers.answers = {});
  if (real === undefined) delete a[id];
  else a[id] = structuredClone(real);
  changed();
  flush();
  draw();
}

export async function adopt() {
  if (!ctx.whatIf) return;
  const n = scenarioChanges().length;
  const ok = await confirmAction(t('whatif.adoptTitle'), t('whatif.adoptText', { n, total: num(ctx.result?.total), real: num(ctx.whatIf.realResult?.total) }), t('whatif.adoptConfirm'));
  if (!ok) return;
  const err = await adoptWhatIf();
  if (err) {
    announce(t(err === 'conflict' ? 'whatif.adoptConflict' : 'whatif.adoptStorage'), 'error');
    return;
  }
  announce(t('whatif.adopted'));
  go(ctx.view);
}

export async function discard() {
  if (!ctx.whatIf) return;
  const ok = await confirmAction(t('whatif.discardTitle'), t('whatif.discardText'), t('whatif.discardConfirm'), { danger: true });
  if (!ok) return;
  discardWhatIf();
  announce(t('whatif.discarded'));
  go(ctx.view);
}

// ------------------------------------------------------------- every opportunity
function opportunities(gap) {
  const inPlan = new Set(gap.steps.map((s) => s.id));
  const inNext = new Set((gap.next_band?.steps || []).map((s) => s.id));
  const userEffort = store.loadEffort(ctx.key);
  const sec = h('section', { class: 'card', 'aria-labelledby': 'opp-h' },
    h('h2', { id: 'opp-h' }, t('gap.allTitle', { n: gap.opportunities.length })),
    h('p', { class: 'hint' }, t('gap.allHint', { max: num(gap.max_total) })),
    h('p', { class: 'hint' }, t('gap.effortHint')));
  if (!gap.opportunities.length) {
    sec.append(h('p', null, t('score.noGaps')));
    return sec;
  }
  const table = h('table', { class: 'gap-all' },
    h('caption', { class: 'sr-only' }, t('gap.allTitle', { n: gap.opportunities.length })),
    h('thead', null, h('tr', null,
      h('th', { scope: 'col' }, t('gap.col.indicator')),
      h('th', { scope: 'col' }, t('gap.col.right')),
      h('th', { scope: 'col', class: 'num' }, t('gap.col.points')),
      h('th', { scope: 'col', class: 'num' }, t('gap.col.gain')),
      h('th', { scope: 'col' }, t('gap.col.evidence')),
      h('th', { scope: 'col' }, t('gap.col.effort')),
      h('th', { scope: 'col' }, t('gap.col.inPlan')),
      h('th', { scope: 'col' }, h('span', { class: 'sr-only' }, t('gap.col.actions'))))));
  const tb = h('tbody');
  for (const o of gap.opportunities) {
    const effId = `effort-${o.id}`;
    const custom = Object.hasOwn(userEffort, o.id);
    const input = h('input', {
      type: 'number', id: effId, class: 'effort-input', min: '1', max: '1000', step: '1', inputmode: 'numeric',
      value: String(o.effort), 'aria-label': t('gap.effortFor', { id: o.id }), 'data-custom': custom ? 'true' : null,
    });
    input.addEventListener('change', () => setEffort(o.id, input.value));
    const marks = [inPlan.has(o.id) ? t('gap.mark.plan', { min: num(gap.target, 0) }) : null,
      inNext.has(o.id) ? t('gap.mark.next', { min: num(gap.next_band.target, 0) }) : null].filter(Boolean);
    tb.append(h('tr', { 'data-opp-id': o.id, class: inPlan.has(o.id) ? 'in-plan' : null },
      h('th', { scope: 'row' },
        h('button', { type: 'button', class: 'link', onclick: () => openIndicator(o.id) }, h('code', null, o.id)), ' ',
        h('span', null, shorten(indText(o.id)))),
      h('td', null, rightName(o.right)),
      h('td', { class: 'num' }, `${num(o.points)} / ${num(o.max_points)}`),
      h('td', { class: 'num' }, `+${pts(o.gain)}`),
      h('td', null, o.evidence_missing.length ? t('gap.evidenceMissing', { n: o.evidence_missing.length }) : t('gap.evidenceReady')),
      h('td', null, input, custom ? h('span', { class: 'muted small' }, ` ${t('gap.effortSet')}`) : null),
      h('td', null, marks.join(', ') || '–'),
      h('td', null, h('button', { type: 'button', class: 'small-btn', onclick: () => raiseOne(o.id), 'aria-label': t('gap.raiseFor', { id: o.id }) }, t('gap.raise')))));
  }
  table.append(tb);
  sec.append(h('div', { class: 'table-wrap' }, table),
    h('button', { type: 'button', onclick: resetEffort, disabled: !Object.keys(userEffort).length }, t('gap.effortReset')));
  return sec;
}

function setEffort(id, raw) {
  const effort = store.loadEffort(ctx.key);
  const v = Number(String(raw).trim());
  if (String(raw).trim() === '') delete effort[id];
  else if (Number.isInteger(v) && v >= 1 && v <= 1000) effort[id] = v;
  else {
    announce(t('gap.effortInvalid'), 'error');
    draw();
    return;
  }
  store.saveEffort(ctx.key, effort).catch(() => announce(t('guard.fullTitle'), 'error'));
  draw();
  announce(t('gap.effortSaved', { id }));
}

function resetEffort() {
  store.saveEffort(ctx.key, {}).catch(() => announce(t('guard.fullTitle'), 'error'));
  draw();
  announce(t('gap.effortCleared'));
}

// "Fill it in the scenario": one indicator to full points, in the scenario copy.
function raiseOne(id) {
  if (!ctx.whatIf) startWhatIf();
  raiseToFull(id, { withEvidence: basis === 'evidenced' });
  changed();
  flush();
  draw();
  announce(t('gap.raised', { id, total: num(ctx.result?.total) }));
}

// ------------------------------------------------------------- the what-if bar
// Shown under the header on every screen while a scenario is being edited.
export function renderWhatIfBar() {
  const bar = document.getElementById('whatif-bar');
  if (!bar) return;
  const on = Boolean(ctx.whatIf && ctx.answers);
  bar.hidden = !on;
  if (!on) {
    clear(bar);
    return;
  }
  const real = ctx.whatIf.realResult?.total;
  const key = `${num(real)}|${num(ctx.result?.total)}|${ctx.view}`;
  if (bar.dataset.key === key && bar.firstChild) return;
  bar.dataset.key = key;
  clear(bar).append(
    h('p', null, h('strong', null, t('whatif.barTitle')), ' ',
      t('whatif.barText', { real: num(real), total: num(ctx.result?.total) })),
    h('div', { class: 'buttons' },
      ctx.view !== 'gap' ? h('button', { type: 'button', onclick: () => go('gap') }, t('whatif.barOpen')) : null,
      h('button', { type: 'button', onclick: () => adopt() }, t('whatif.adopt')),
      h('button', { type: 'button', onclick: () => discard() }, t('whatif.discard'))));
}

