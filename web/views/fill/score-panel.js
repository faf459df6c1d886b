// The live score panel and the "how was this computed" dialogs (part of the Fill screen).

import { h, clear, setText, setWidth } from '../../ui/dom.js';
import { t, tx, num } from '../../ui/i18n.js';
import { ctx, resultMaps, diagsFor, flush, threshold } from '../../state/assessment.js';
import { openDialog, dl, diagList } from '../../ui/widgets.js';
import { distanceText, twin } from '../../ui/format.js';
import { officeProgress } from '../../state/office-mode.js';
import { gateOrProblem } from '../../ui/gate.js';
import { currentGate, checkedFiles } from '../../state/evidence-files.js';
import { go } from '../../state/navigation.js';

let refs = null;
let goToFn = null;

export function renderScorePanel({ goTo }) {
  goToFn = goTo;
  if (ctx.office) return officePanel();
  refs = {};
  const r = refs;
  r.total = h('span', { class: 'total-num' });
  r.totalBtn = h('button', { type: 'button', class: 'total', onclick: explainTotal }, r.total, h('span', { class: 'of' }, t('score.of100')),
    h('span', { class: 'sr-only' }, ` ${t('score.explainHint')}`));
  r.pred = h('p', { class: 'pred' });
  r.dist = h('p', { class: 'dist' });
  r.gate = h('div', { class: 'gate-slot', id: 'score-gate' });
  r.totalFill = h('span', { class: 'bar-fill' });
  r.complete = h('span');
  r.completeFill = h('span', { class: 'bar-fill alt' });
  r.evidenced = h('dd');
  r.risk = h('dd');
  r.adjust = h('div', { class: 'adjust' });
  r.groups = h('ul', { class: 'groups' });
  r.gaps = h('ol', { class: 'gaps' });
  r.missing = h('div', { class: 'missing' });
  r.bars = h('ul', { class: 'rightbars' });
  return h('aside', { class: 'scorepanel', 'aria-labelledby': 'score-h' },
    h('h2', { id: 'score-h' }, t('score.title')),
    h('div', { class: 'live', 'aria-live': 'off' },
      r.totalBtn,
      h('span', { class: 'bar big', 'aria-hidden': 'true' }, r.totalFill, markAt(threshold())),
      r.pred,
      r.dist,
      r.gate,
      h('p', { class: 'complete' }, r.complete),
      h('span', { class: 'bar', 'aria-hidden': 'true' }, r.completeFill),
      h('dl', { class: 'kv' },
        h('dt', null, t('score.evidenced')), r.evidenced,
        h('dt', null, t('score.atRisk')), r.risk),
      r.adjust,
      r.groups),
    h('h3', null, t('score.byRight')),
    r.bars,
    h('h3', null, t('score.gaps')),
    h('p', { class: 'hint' }, t('score.gapsHint')),
    r.gaps,
    h('h3', null, t('score.missingTitle')),
    r.missing);
}

function markAt(v) {
  const m = h('span', { class: 'bar-mark' });
  m.style.left = `${v}%`;
  return m;
}

export function refreshScorePanel() {
  if (ctx.office) return refreshOfficePanel();
  if (!refs || !document.body.contains(refs.total)) return;
  const res = ctx.result;
  const r = refs;
  if (!res) {
    r.total.textContent = '–';
    return;
  }
  setText(r.total, num(res.total));
  setWidth(r.totalFill, clamp(res.total));
  const predName = tx(res.predicate?.name) || res.predicate?.id || '–';
  setText(r.pred, t('score.predicate', { name: predName }));
  if (r.pred.dataset.pred !== (res.predicate?.id ?? '')) r.pred.dataset.pred = res.predicate?.id ?? '';
  setText(r.dist, distanceText(res, ctx.pack?.aggregation?.predicates));
  scheduleGate(r);
  setText(r.complete, t('score.completeness', { n: num(Math.floor(res.completeness), 0), answered: res.answered + res.not_applicable, total: res.indicator_count }));
  setWidth(r.completeFill, clamp(res.completeness));
  setText(r.evidenced, num(res.evidenced_total));
  setText(r.risk, num(res.points_at_risk));
  const adj = res.adjustments;
  const adjKey = adj ? `${adj.aksi_ham_bonus}|${adj.deduction}|${adj.adjusted_total}` : '';
  if (adjKey !== r.adjKey) {
    r.adjKey = adjKey;
    clear(r.adjust);
  }
  if (r.adjust.firstChild === null && adj && (adj.aksi_ham_bonus || adj.deduction)) {
    // Nilai murni and nilai akhir side by side; the nilai akhir's formula is an assumption.
    r.adjust.append(h('p', { class: 'hint' }, t('score.adjustments')), dl([
      [t('score.murni'), num(res.total)],
      [t('adj.aksi_ham_bonus'), num(adj.aksi_ham_bonus)],
      [t('adj.deduction'), num(adj.deduction)],
      [t('adj.adjusted_total'), `${num(adj.adjusted_total)} (${tx(adj.adjusted_predicate?.name)})`],
    ]), h('p', { class: 'hint' }, t('score.akhirBasis')));
  }
  const groupKey = (res.groups || []).map((g) => g.score).join('|');
  if (groupKey !== r.groupKey) {
    r.groupKey = groupKey;
    clear(r.groups);
    for (const g of res.groups || []) {
      r.groups.append(h('li', null, `${tx(ctx.idx.groups.get(g.id)?.name) || g.id}: `, h('strong', null, num(g.score))));
    }
  }
  const { rights } = resultMaps();
  if (!r.barRefs) buildBars(r);
  for (const right of ctx.pack.rights) {
    const rr = rights.get(right.id);
    const b = r.barRefs.get(right.id);
    setWidth(b.fill, clamp(rr?.score));
    setWidth(b.efill, clamp(rr?.evidenced_score));
    setText(b.score, num(rr?.score));
    setText(b.sr, ` ${t('score.rightHint', { ev: num(rr?.evidenced_score) })}`);
  }
  // The lists are rebuilt only when what they show changed (keeps each update cheap).
  const top = gaps(res).slice(0, 5);
  const gapKey = top.map((g) => `${g.id}:${g.gain}`).join('|');
  if (gapKey !== r.gapKey) {
    r.gapKey = gapKey;
    clear(r.gaps);
    for (const g of top) {
      const ind = ctx.idx.indicators.get(g.id);
      r.gaps.append(h('li', null,
        h('button', { type: 'button', class: 'link', onclick: () => goToFn(ind.right, g.id) }, `${g.id}: ${shorten(tx(ind.text))}`),
        ' ', h('span', { class: 'muted' }, t('score.gain', { n: num(g.shown) }))));
    }
    if (!r.gaps.firstChild) r.gaps.append(h('li', null, t('score.noGaps')));
  }
  const miss = (res.indicators || []).filter((i) => i.points > 0 && i.evidenced === false);
  const missKey = miss.map((i) => i.id).join('|');
  if (missKey !== r.missKey) {
    r.missKey = missKey;
    clear(r.missing);
    if (!miss.length) {
      r.missing.append(h('p', { class: 'muted' }, t('score.missingNone')));
    } else {
      r.missing.append(h('p', null, t('score.missingCount', { n: miss.length })));
      const ul = h('ul', { class: 'gaps' });
      for (const i of miss.slice(0, 5)) {
        const ind = ctx.idx.indicators.get(i.id);
        ul.append(h('li', null, h('button', { type: 'button', class: 'link', onclick: () => goToFn(ind.right, i.id) }, `${i.id}: ${shorten(tx(ind.text))}`)));
      }
      r.missing.append(ul);
    }
  }
}

// The completeness gate beside the score (engine.gate: on the checked folder's files, else on the
// "ready" marks), recomputed a moment after the last change and redrawn only when it changed.
function scheduleGate(r) {
  clearTimeout(r.gateTimer);
  r.gateTimer = setTimeout(() => {
    if (refs !== r || !document.body.contains(r.gate)) return;
    const g = currentGate();
    const key = g ? JSON.stringify(g.ok ? g.gate : false) + checkedFiles().length : '';
    if (key === r.gateKey) return;
    r.gateKey = key;
    clear(r.gate);
    if (!g) return;
    r.gate.append(gateOrProblem(g, { onOpen: (id) => goToFn(ctx.idx.indicators.get(id)?.right, id), onOpenRight: (right) => goToFn(right), files: checkedFiles().length, max: 5, id: 'score-gate' }),
      h('button', { type: 'button', class: 'link', 'data-go': 'evidence', onclick: () => go('evidence') }, t('gate.checkFolder')));
  }, r.gateKey === undefined ? 0 : 150);
}

function buildBars(r) {
  r.barRefs = new Map();
  clear(r.bars);
  for (const right of ctx.pack.rights) {
    const fill = h('span', { class: 'bar-fill' });
    const efill = h('span', { class: 'bar-fill ev' });
    const score = h('span', { class: 'rb-score' });
    const sr = h('span', { class: 'sr-only' });
    const btn = h('button', { type: 'button', class: 'rightbar', onclick: () => explainRight(right.id) },
      h('span', { class: 'rb-name' }, tx(right.name)),
      score, sr,
      h('span', { class: 'bar', 'aria-hidden': 'true' }, fill, markAt(threshold())),
      h('span', { class: 'bar thin', 'aria-hidden': 'true' }, efill));
    r.barRefs.set(right.id, { fill, efill, score, sr });
    r.bars.append(h('li', null, btn));
  }
}

function clamp(v) {
  return Math.max(0, Math.min(100, Number(v) || 0));
}

function shorten(s, n = 70) {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

// Indicators that could still add to the total, largest possible gain first
// (the engine reports each indicator's contribution and gain on the 0–100 scale).
export function gaps(res) {
  return (res.indicators || [])
    .filter((i) => i.status !== 'not_applicable' && i.gain > 0)
    .map((i) => ({ id: i.id, gain: i.gain, shown: twin(i, 'gain') }))
    .sort((x, y) => y.gain - x.gain || x.id.localeCompare(y.id));
}

// ---------------------------------------------------------------- explanations
function valueText(v, ind) {
  if (v === null || v === undefined) return t('status.unanswered');
  if (typeof v === 'boolean') return v ? t('answer.yes') : t('answer.no');
  if (typeof v === 'number') {
    const decimals = Number.isInteger(v) ? 0 : Math.min(6, String(v).split('.')[1]?.length ?? 2);
    return `${num(v, decimals)} ${ind.answer?.unit ?? ''}`.trim();
  }
  const level = ind.answer?.levels?.find((l) => l.id === v);
  return level ? `${tx(level.label)} (${v})` : String(v);
}

export function explainIndicator(id) {
  flush();
  const ind = ctx.idx.indicators.get(id);
  // Explained from the answers the live score used (entries that do not validate left out).
  const r = ctx.engine.explain(ctx.scored ?? ctx.answers, id);
  const body = [h('p', { class: 'ind-text' }, tx(ind.text))];
  if (!r.ok) {
    // The answers do not validate yet: explain from the last score instead.
    body.push(h('p', null, t('explain.failed')), diagList(r.errors || []));
    openDialog(t('explain.indicatorTitle', { id }), body);
    return;
  }
  const x = r.indicator;
  body.push(dl([
    [t('explain.rule'), t(`rule.${x.rule}`)],
    [t('explain.answer'), x.status === 'not_applicable' ? t('status.not_applicable') : valueText(x.value, ind)],
    [t('explain.points'), `${num(x.points)} / ${num(x.max_points)}`],
    [t('explain.contributionLabel'), t('explain.contribution', { n: num(twin(x, 'contribution'), 2), max: num(twin(x, 'max_contribution'), 2) })],
    [t('explain.rightScore'), num(x.right_score)],
  ]));
  const text = tx(x.explanation);
  if (text) body.push(h('p', { class: 'explain' }, text));
  if (Array.isArray(x.evidence) && x.evidence.length) {
    body.push(h('h3', null, t('ev.title')), h('ul', { class: 'ev-list' }, x.evidence.map((e) => h('li', { 'data-status': e.status },
      h('strong', null, t(`ev.status.${e.status}`)), ' — ', tx(e.document),
      e.required ? '' : ` (${t('ev.optional')})`,
      e.reference ? h('span', { class: 'muted' }, ` · ${e.reference}`) : null))));
  }
  if (x.evidence_missing?.length && x.points > 0) body.push(h('p', { class: 'warn-text' }, t('explain.evidenceMissing', { n: x.evidence_missing.length })));
  const own = diagsFor(id);
  if (own.length) body.push(h('p', { class: 'warn-text' }, t('explain.invalid')), diagList(own));
  openDialog(t('explain.indicatorTitle', { id }), body);
}

export function explainRight(rightId) {
  flush();
  const right = ctx.idx.rights.get(rightId);
  const { rights } = resultMaps();
  const rr = rights.get(rightId);
  const table = h('table', { class: 'explain-table' },
    h('thead', null, h('tr', null,
      h('th', { scope: 'col' }, t('explain.type')),
      h('th', { scope: 'col', class: 'num' }, t('explain.pointsCol')),
      h('th', { scope: 'col', class: 'num' }, t('explain.share')),
      h('th', { scope: 'col', class: 'num' }, t('explain.weight')))));
  const tb = h('tbody');
  for (const ty of rr?.types || []) {
    tb.append(h('tr', { class: ty.counted ? null : 'muted' },
      h('th', { scope: 'row' }, t(`type.${ty.type}`)),
      h('td', { class: 'num' }, ty.counted ? `${num(ty.points)} / ${num(ty.max_points)}` : t('explain.notCounted')),
      h('td', { class: 'num' }, ty.counted ? `${num(ty.share)}%` : '–'),
      h('td', { class: 'num' }, num(ty.weight, 0))));
  }
  table.append(tb);
  openDialog(t('explain.rightTitle', { name: tx(right.name) }), [
    dl([[t('explain.rightScore'), num(rr?.score)], [t('score.evidenced'), num(rr?.evidenced_score)]]),
    table,
    h('p', { class: 'hint' }, t('explain.rightFormula')),
    h('button', { type: 'button', onclick: () => { document.getElementById('dialog').close(); goToFn(rightId); } }, t('explain.openRight')),
  ]);
}

export function explainTotal() {
  flush();
  const res = ctx.result;
  if (!res) return;
  const agg = ctx.pack.aggregation || {};
  const { rights } = resultMaps();
  const rwv = agg.right_weights?.value;
  const table = h('table', { class: 'explain-table' },
    h('thead', null, h('tr', null,
      h('th', { scope: 'col' }, t('explain.right')),
      h('th', { scope: 'col', class: 'num' }, t('explain.rightScore')),
      h('th', { scope: 'col', class: 'num' }, t('explain.weight')))),
    h('tbody', null, ctx.pack.rights.map((r) => h('tr', null,
      h('th', { scope: 'row' }, tx(r.name)),
      h('td', { class: 'num' }, num(rights.get(r.id)?.score)),
      h('td', { class: 'num' }, rwv && typeof rwv === 'object' ? num(rwv[r.id] ?? 0, 0) : '1')))));
  const params = ['type_weights', 'right_weights', 'total', 'rounding', 'missing_answer'].map((k) => {
    const p = agg[k];
    if (!p) return null;
    const v = typeof p.value === 'object' ? JSON.stringify(p.value) : String(p.value);
    return h('li', null, h('code', null, k), `: ${v} — `, t(`basis.${p.basis}`), p.source ? ` (${p.source})` : '');
  });
  openDialog(t('explain.totalTitle'), [
    dl([
      [t('score.total'), num(res.total)],
      [t('score.predicateLabel'), tx(res.predicate?.name)],
      [t('score.evidenced'), num(res.evidenced_total)],
      [t('score.atRisk'), num(res.points_at_risk)],
    ]),
    h('p', { class: 'hint' }, t(agg.total?.value === 'points_ratio' ? 'explain.totalPoints' : 'explain.totalMean')),
    table,
    h('h3', null, t('explain.params')),
    h('ul', { class: 'params' }, params),
  ]);
}

// Office mode (state/office-mode.js): no regional score, only the office's own progress.
function officePanel() {
  refs = { office: h('dl', { class: 'kv', id: 'office-progress' }) };
  return h('aside', { class: 'scorepanel office-panel', 'aria-labelledby': 'score-h' },
    h('h2', { id: 'score-h' }, t('office.progress')), refs.office, h('p', { class: 'hint' }, t('office.noScore')));
}

function refreshOfficePanel() {
  if (!refs?.office || !document.body.contains(refs.office)) return;
  const p = officeProgress();
  clear(refs.office).append(...dl([[t('office.answered'), `${p.answered}/${p.total}`], [t('office.evidence'), `${p.evidenceReady}/${p.evidenceRequired}`]]).childNodes);
}
