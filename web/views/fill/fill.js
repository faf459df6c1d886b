// Fill view: one right at a time, indicators grouped by struktur/proses/hasil,
// the input for each answer kind, evidence checklist, note and OPD.
// Inputs are built once per right; on each change only numbers and messages
// are refreshed, so focus and typing are never disturbed.

import { h, clear, setText, setWidth, setAttr } from '../../ui/dom.js';
import { t, tx, num, formatDate } from '../../ui/i18n.js';
import * as store from '../../state/store.js';
import {
  ctx, TYPES, peek, setNotApplicable, changed, diagsFor, resultMaps, setAnswer, setFraction, dropFraction,
} from '../../state/assessment.js';
import { announce, errorBox, diagMessage, diagList, diagItem } from '../../ui/widgets.js';
import { exportAnswers, exportCsv, exportWorkbook, importAnswersFile, askDuplicate, dropReplaced } from '../../state/io.js';
import { go } from '../../state/navigation.js';
import { parseNumber, formatNumber } from '../../ui/format.js';
import { renderScorePanel, refreshScorePanel, explainIndicator, explainRight } from './score-panel.js';
import { details, evEntry } from './details.js';
import { packOffices } from '../../state/offices.js';
import { numberField } from './number-field.js';
import { renderWorksheet, refreshWorksheet, focusIndicator, showRight, goNextUnanswered, mounted as worksheetMounted, sizeScroller } from './worksheet.js';
import { allIndicators, matchesQuery, searchWords, nextUnanswered, NEXT_KEY } from './finder.js';
import { adoptFillStyles } from './sheet-style.js';
import { officeInfo, setFilledBy, sendBack } from '../../state/office-mode.js';

adoptFillStyles(); // the screen's own styles, loaded with it (not with the first screen)

let refs = null;
const fractionOn = new Set(); // percent indicators shown as numerator/denominator

// The Fill screen shows the cards of one right, or the worksheet of every indicator (the
// choice is kept in the prefs).
function sheetView() {
  return store.getPrefs().fillView === 'sheet';
}

export function renderFill(root) {
  refs = { nav: new Map(), cards: new Map(), types: new Map(), right: null, top: null, io: null };
  if (sheetView()) {
    clear(root).append(
      h('div', { class: 'fill-layout sheet' },
        h('div', { class: 'fill-main' }, toolbar(), ctx.office ? officeBanner() : regionDetails(), (refs.top = h('div', { class: 'top-diags' })),
          renderWorksheet({ explain: explainIndicator })),
        renderScorePanel({ goTo })));
    refreshNow();
    requestAnimationFrame(sizeScroller);
    return;
  }
  const right = ctx.idx.rights.get(ctx.rightId) ?? ctx.pack.rights[0];
  ctx.rightId = right.id;
  clear(root).append(
    h('div', { class: 'fill-layout' },
      rightsNav(),
      h('div', { class: 'fill-main' }, toolbar(), ctx.office ? officeBanner() : regionDetails(), (refs.top = h('div', { class: 'top-diags' })), rightSection(right)),
      renderScorePanel({ goTo })));
  refreshNow();
}

// Other screens arrive here through web/state/navigation.js (openIndicator, openRight).
export function enter({ right, indicator } = {}) {
  goTo(right ?? ctx.rightId, indicator);
}

// Moves to another right (and optionally an indicator), keeping focus sensible.
function goTo(rightId, indicatorId) {
  ctx.rightId = rightId;
  store.setPrefs({ right: rightId });
  if (sheetView()) {
    if (ctx.view !== 'fill') go('fill');
    else if (!worksheetMounted()) renderFill(document.getElementById('view-fill'));
    requestAnimationFrame(() => (indicatorId ? focusIndicator(indicatorId) : showRight(rightId)));
    return;
  }
  if (ctx.view !== 'fill') go('fill');
  else renderFill(document.getElementById('view-fill'));
  requestAnimationFrame(() => {
    const target = indicatorId
      ? document.getElementById(`ind-${indicatorId}`)
      : document.getElementById('right-h');
    if (!target) return;
    target.scrollIntoView({ block: 'start' });
    const focusable = indicatorId ? target.querySelector('input:not([disabled]), select, button') : target;
    (focusable || target).focus();
  });
}

// ------------------------------------------------------------------- rights nav
function rightsNav() {
  const ol = h('ol');
  for (const r of ctx.pack.rights) {
    const score = h('span', { class: 'nav-score' });
    const fill = h('span', { class: 'bar-fill' });
    const count = h('span', { class: 'nav-count' });
    const btn = h('button', { type: 'button', class: 'nav-right', 'aria-current': r.id === ctx.rightId ? 'true' : null, onclick: () => goTo(r.id) },
      h('span', { class: 'nav-name' }, tx(r.name)),
      h('span', { class: 'nav-meta' }, score, count),
      h('span', { class: 'bar', 'aria-hidden': 'true' }, fill, h('span', { class: 'bar-mark' })));
    refs.nav.set(r.id, { score, fill, count, btn });
    ol.append(h('li', null, btn));
  }
  return h('nav', { class: 'rights', 'aria-labelledby': 'rights-h' }, h('h2', { id: 'rights-h' }, t('fill.rights')), ol);
}

// ---------------------------------------------------------------------- toolbar
function toolbar() {
  const a = ctx.answers;
  const io = h('div', { class: 'io-result' });
  refs.io = io;
  const importId = 'fill-import';
  const kind = a.region?.kind ? t(`region.kind.${a.region.kind}`) : '';
  return h('div', { class: 'toolbar' },
    h('p', { class: 'who' },
      h('strong', null, a.region?.name || t('app.untitled')),
      kind ? ` · ${kind}` : '',
      ` · ${t('fill.dataYear', { year: a.data_year ?? '–' })}`,
      h('span', { class: 'saved-at', id: 'saved-at' })),
    h('div', { class: 'buttons' },
      h('button', { type: 'button', onclick: onExport }, t('io.export')),
      h('label', { class: 'button', for: importId }, t('io.importShort'),
        h('input', { type: 'file', id: importId, class: 'visually-hidden-file', accept: '.json,application/json,.xlsx', onchange: (ev) => onImport(ev.target) })),
      h('button', { type: 'button', onclick: onCsv }, t('io.exportCsv')),
      h('button', { type: 'button', onclick: onWorkbook }, t('io.exportWorkbook')),
      h('button', { type: 'button', onclick: () => go('report') }, t('nav.report'))),
    viewSwitch(),
    sheetView() ? null : cardsFinder(),
    io);
}

// Cards or worksheet (remembered in the prefs).
function viewSwitch() {
  const sheet = sheetView();
  const pick = (v) => {
    store.setPrefs({ fillView: v });
    renderFill(document.getElementById('view-fill'));
    document.getElementById(`fill-view-${v}`)?.focus();
    announce(t(`fill.view.${v}.on`));
  };
  return h('div', { class: 'view-switch', role: 'group', 'aria-label': t('fill.view') },
    h('button', { type: 'button', id: 'fill-view-cards', 'aria-pressed': String(!sheet), onclick: () => pick('cards') }, t('fill.view.cards')),
    h('button', { type: 'button', id: 'fill-view-sheet', 'aria-pressed': String(sheet), onclick: () => pick('sheet') }, t('fill.view.sheet')));
}

// In the cards view: a search that opens the first indicator matching (code or words), and
// "next unanswered" (the worksheet has the full finder, web/views/fill/finder.js).
function cardsFinder() {
  const q = h('input', { type: 'search', id: 'fill-q', autocomplete: 'off', 'aria-describedby': 'fill-q-hint' });
  q.addEventListener('keydown', (ev) => {
    if (ev.key !== 'Enter') return;
    ev.preventDefault();
    const ws = searchWords(q.value);
    const hit = ws.length ? allIndicators().find((ind) => matchesQuery(ind, ws)) : null;
    if (hit) goTo(hit.right, hit.id);
    else announce(t('find.none'), 'error');
  });
  return h('div', { class: 'cards-find', role: 'search', 'aria-label': t('find.label') },
    h('label', { for: 'fill-q' }, t('find.search')), q,
    h('span', { class: 'hint', id: 'fill-q-hint' }, t('find.enterHint')),
    h('button', { type: 'button', class: 'sh-next', 'aria-keyshortcuts': NEXT_KEY, onclick: cardsNextUnanswered }, t('find.next'), ' ', h('kbd', null, NEXT_KEY)));
}

// The next unanswered indicator after the card in focus (or from the start of this right).
function cardsNextUnanswered() {
  const ids = allIndicators().map((i) => i.id);
  const first = ctx.idx.listByRight.get(ctx.rightId)?.[0]?.id;
  const focused = document.activeElement?.closest?.('article.ind')?.dataset.id;
  const from = focused ?? ids[(ids.indexOf(first) - 1 + ids.length) % ids.length];
  const next = nextUnanswered(ids, from);
  if (next) goTo(ctx.idx.indicators.get(next).right, next);
  else announce(t('find.allAnswered'));
}

// Alt+N anywhere on the Fill screen: the next unanswered indicator (no browser binds Alt+N).
document.addEventListener('keydown', (ev) => {
  if (ctx.view !== 'fill' || !ctx.answers || !ev.altKey || ev.ctrlKey || ev.metaKey || ev.shiftKey || ev.code !== 'KeyN') return;
  if (document.getElementById('dialog')?.open) return;
  ev.preventDefault();
  if (worksheetMounted()) goNextUnanswered();
  else if (refs?.cards.size) cardsNextUnanswered();
});

function onExport() {
  const r = exportAnswers();
  clear(refs.io);
  if (!r.ok) {
    refs.io.append(errorBox(t('io.exportBlocked'), r.errors));
    announce(t('io.exportBlocked'), 'error');
  } else {
    announce(t('io.exported'));
  }
}

async function onWorkbook() {
  announce(t('io.workbookMaking'));
  const r = await exportWorkbook();
  clear(refs.io);
  if (!r.ok) {
    refs.io.append(errorBox(t('io.workbookFailed'), r.errors));
    announce(t('io.workbookFailed'), 'error');
  } else {
    announce(t('io.workbookExported'));
  }
}

function onCsv() {
  const r = exportCsv();
  announce(r.ok ? t('io.csvExported') : t('io.csvFailed'), r.ok ? 'info' : 'error');
}

async function onImport(input) {
  const file = input.files?.[0];
  if (!file) return;
  const dup = await askDuplicate(file);
  if (!dup.go) {
    input.value = '';
    announce(t('io.dup.cancelled'));
    return;
  }
  const r = await importAnswersFile(file);
  input.value = '';
  if (r.ok) await dropReplaced(dup.replace, r.key);
  if (!r.ok) {
    clear(refs.io).append(errorBox(t('io.importFailed', { file: file.name }), r.errors, t('io.importUnchanged')));
    announce(t('io.importFailed', { file: file.name }), 'error');
    refs.io.querySelector('.errorbox')?.focus?.();
    return;
  }
  announce(t(ctx.office ? 'io.importedOffice' : (dup.replace.length ? 'io.replaced' : 'io.imported'), { file: file.name }));
  go('fill');
}

// -------------------------------------------------------------- region details
function regionDetails() {
  const a = ctx.answers;
  const reg = a.region || (a.region = {});
  const mk = (key, label, value, onval, attrs = {}) => {
    const id = `reg-${key}`;
    const input = h('input', { type: 'text', id, value: value ?? '', autocomplete: 'off', ...attrs });
    input.addEventListener('input', () => {
      onval(input.value);
      changed();
    });
    return h('div', { class: 'field' }, h('label', { for: id }, label), input, h('p', { class: 'field-error', id: `${id}-err`, hidden: true }));
  };
  const kind = h('select', { id: 'reg-kind' },
    h('option', { value: 'kabupaten', selected: reg.kind === 'kabupaten' }, t('region.kind.kabupaten')),
    h('option', { value: 'kota', selected: reg.kind === 'kota' }, t('region.kind.kota')));
  kind.addEventListener('change', () => {
    reg.kind = kind.value;
    changed();
  });
  const yearSetter = (k) => (v) => {
    a[k] = /^\s*-?\d+\s*$/.test(v) ? Number(v) : v;
  };
  return h('details', { class: 'region-edit' },
    h('summary', null, t('fill.regionEdit')),
    h('div', { class: 'grid2' },
      mk('name', t('region.name'), reg.name, (v) => { reg.name = v; }),
      h('div', { class: 'field' }, h('label', { for: 'reg-kind' }, t('region.kind')), kind),
      mk('province', t('region.province'), reg.province, (v) => { reg.province = v; }),
      mk('code', t('region.code'), reg.code, (v) => { reg.code = v; }, { inputmode: 'decimal' }),
      mk('data_year', t('region.dataYear'), a.data_year, yearSetter('data_year'), { inputmode: 'numeric' }),
      mk('assessment_year', t('region.assessmentYear'), a.assessment_year, yearSetter('assessment_year'), { inputmode: 'numeric' })),
    h('h3', null, t('region.adjust')),
    h('div', { class: 'grid2' },
      mk('aksi_ham_bonus', t('region.aksiHamBonus'), formatNumber(a.adjustments?.aksi_ham_bonus ?? 0), adjSetter('aksi_ham_bonus'), { inputmode: 'decimal' }),
      mk('deduction', t('region.deduction'), formatNumber(a.adjustments?.deduction ?? 0), adjSetter('deduction'), { inputmode: 'decimal' })));
}

// Office mode: whose package this is, who fills it, and the one way back ("Kirim kembali").
function officeBanner() {
  const o = officeInfo();
  const full = tx(o.office.name) || o.office.short_name || o.office.id;
  const result = h('div', { class: 'io-result', id: 'office-send-result' });
  const field = (key, label) => {
    const id = `office-fb-${key}`;
    const input = h('input', { type: 'text', id, value: o.filledBy[key] ?? '', autocomplete: 'off' });
    input.addEventListener('change', () => setFilledBy(Object.fromEntries(['name', 'nip', 'position', 'contact']
      .map((k) => [k, document.getElementById(`office-fb-${k}`)?.value ?? '']))));
    return h('div', { class: 'field' }, h('label', { for: id }, label), input);
  };
  const send = async () => {
    const r = await sendBack();
    clear(result);
    if (!r.ok) result.append(errorBox(t('office.sendFailed'), r.errors));
    else {
      result.append(h('p', { class: 'ok-text', role: 'status' }, t('office.sent', { file: r.name })));
      announce(t('office.sent', { file: r.name }));
    }
  };
  return h('section', { class: 'office-banner', 'aria-labelledby': 'office-h' },
    h('h2', { id: 'office-h' }, t('office.title', { office: o.office.short_name && o.office.short_name !== full ? `${full} (${o.office.short_name})` : full })),
    h('p', null, [o.region.name || t('app.untitled'), t('fill.dataYear', { year: o.dataYear ?? '–' }), t('office.count', { n: o.count }),
      o.deadline ? t('office.deadline', { date: o.deadline }) : null].filter(Boolean).join(' · ')),
    h('p', { class: 'hint' }, t('office.lead')),
    h('div', { class: 'grid2' }, field('name', t('office.fb.name')), field('nip', t('office.fb.nip')),
      field('position', t('office.fb.position')), field('contact', t('office.fb.contact'))),
    h('p', { class: 'office-send' },
      h('button', { type: 'button', class: 'primary', id: 'office-send', onclick: send }, t('office.send')),
      o.returnedAt ? h('span', { class: 'muted' }, ` ${t('office.lastSent', { when: formatDate(o.returnedAt) })}`) : null),
    result);
}

function adjSetter(key) {
  return (v) => {
    const adj = ctx.answers.adjustments || (ctx.answers.adjustments = {});
    const n = parseNumber(v);
    adj[key] = n === null ? 0 : n;
  };
}

// ---------------------------------------------------------------- one right
// " · OPD penanggung jawab: Dinkes, Dinsos" (each short name with its full name as a tooltip).
function rightOffices(right) {
  const po = packOffices();
  const list = (po.ofRight.get(right.id) ?? []).map((id) => po.byId.get(id)).filter(Boolean);
  if (!list.length) return '';
  const names = list.flatMap((o, k) => [k ? ', ' : '', h('abbr', { title: tx(o.name) }, o.short_name)]);
  return h('span', null, ` · ${t('fill.opd')}: `, ...names);
}

function rightSection(right) {
  const groups = ctx.idx.byRight.get(right.id);
  const scoreBtn = h('button', { type: 'button', class: 'score-chip', onclick: () => explainRight(right.id), 'aria-describedby': 'right-h' });
  refs.right = scoreBtn;
  const sec = h('section', { class: 'right', 'aria-labelledby': 'right-h' },
    h('div', { class: 'right-head' },
      h('h1', { id: 'right-h', tabindex: '-1' }, tx(right.name)),
      scoreBtn),
    h('p', { class: 'muted' },
      tx(ctx.idx.groups.get(right.group)?.name) || right.group,
      rightOffices(right)));
  for (const type of TYPES) {
    const list = groups?.[type] ?? [];
    if (!list.length) continue;
    const typeScore = h('span', { class: 'type-score' });
    refs.types.set(type, typeScore);
    const tsec = h('section', { class: `type type-${type}`, 'aria-labelledby': `type-${type}-h` },
      h('h2', { id: `type-${type}-h` }, t(`type.${type}`), ' ', typeScore),
      h('p', { class: 'hint' }, t(`type.${type}.hint`)));
    for (const ind of list) tsec.append(card(ind));
    sec.append(tsec);
  }
  const i = ctx.pack.rights.findIndex((r) => r.id === right.id);
  const prev = ctx.pack.rights[i - 1];
  const next = ctx.pack.rights[i + 1];
  sec.append(h('div', { class: 'pager' },
    prev ? h('button', { type: 'button', onclick: () => goTo(prev.id) }, `← ${tx(prev.name)}`) : h('span'),
    next ? h('button', { type: 'button', class: 'primary', onclick: () => goTo(next.id) }, `${tx(next.name)} →`) : h('button', { type: 'button', class: 'primary', onclick: () => go('report') }, `${t('nav.report')} →`)));
  return sec;
}

// -------------------------------------------------------------------- a card
function card(ind) {
  const id = ind.id;
  const ptsText = h('span');
  const pts = h('button', { type: 'button', class: 'pts', onclick: () => explainIndicator(id) },
    ptsText, h('span', { class: 'sr-only' }, ` ${t('fill.pointsExplain', { id })}`));
  const status = h('span', { class: 'badge' });
  const evBadge = h('span', { class: 'badge warn', hidden: true });
  const err = h('div', { class: 'field-error', id: `err-${id}`, hidden: true });
  const textId = `txt-${id}`;
  const art = h('article', { class: 'ind', id: `ind-${id}`, 'aria-labelledby': textId, 'data-id': id },
    h('div', { class: 'ind-head' },
      h('span', { class: 'ind-id' }, id),
      h('h3', { id: textId, class: 'ind-text' }, tx(ind.text)),
      h('div', { class: 'ind-score' }, pts, status, evBadge)),
    ind.help ? h('p', { class: 'help' }, tx(ind.help)) : null,
    answerInput(ind, err.id),
    err,
    details(ind));
  refs.cards.set(id, { art, pts: ptsText, status, evBadge, err });
  return art;
}

function answerInput(ind, errId) {
  const id = ind.id;
  const ans = ind.answer || {};
  const e = peek(id) || {};
  const fs = h('fieldset', { class: `answer kind-${ans.kind}`, 'aria-describedby': errId },
    h('legend', { class: 'sr-only' }, t('fill.answerFor', { id })));
  const na = Boolean(e.na);
  const name = `v-${id}`;
  if (ans.kind === 'yes_no' || ans.kind === 'level') {
    const opts = ans.kind === 'yes_no'
      ? [[true, t('answer.yes')], [false, t('answer.no')]]
      : (ans.levels || []).map((l) => [l.id, tx(l.label)]);
    const row = h('div', { class: ans.kind === 'level' ? 'options levels' : 'options' });
    opts.forEach(([val, label], k) => {
      const rid = `${name}-${k}`;
      row.append(h('div', { class: 'choice' },
        h('input', { type: 'radio', id: rid, name, value: String(val), checked: e.value === val && !na, disabled: na,
          onchange: () => setAnswer(id, val) }),
        h('label', { for: rid }, label)));
    });
    fs.append(row);
  } else {
    fs.append(numberInputs(ind, e, na));
  }
  const tools = h('div', { class: 'answer-tools' });
  if (ans.na_allowed) {
    const nid = `na-${id}`;
    tools.append(h('div', { class: 'choice' },
      h('input', { type: 'checkbox', id: nid, checked: na,
        onchange: (ev) => {
          setNotApplicable(id, ev.target.checked);
          changed();
          rebuildAnswer(ind, nid);
        } }),
      h('label', { for: nid }, t('answer.na'))));
  }
  tools.append(h('button', { type: 'button', class: 'link', onclick: () => clearAnswer(ind) }, t('answer.clear')));
  fs.append(tools);
  return fs;
}

function numberInputs(ind, e, na) {
  const id = ind.id;
  const ans = ind.answer;
  const vid = `val-${id}`;
  const unitId = `unit-${id}`;
  const range = ans.range ?? (ans.kind === 'percent' ? { min: 0, max: 100 } : null);
  const rangeText = range ? t('answer.range', { min: range.min ?? '…', max: range.max ?? '…' }) : '';
  const useFraction = ans.kind === 'percent' && (fractionOn.has(id) || e.numerator !== undefined || e.denominator !== undefined);
  // Read as Indonesians type numbers, the value as read shown beside it (number-field.js).
  const field = numberField({
    id: vid, value: e.value, whole: ans.kind === 'count', percent: ans.kind === 'percent', disabled: na, readOnly: useFraction,
    describedBy: `${unitId} err-${id}`,
    onValue: (v) => setAnswer(id, v),
  });
  const input = field.input;
  const wrap = h('div', { class: 'num-row' },
    h('label', { for: vid }, t(`answer.kind.${ans.kind}`)),
    field.el,
    h('span', { class: 'unit', id: unitId }, ans.unit ?? '', rangeText ? h('span', { class: 'muted' }, ` (${rangeText})`) : ''));
  if (ans.kind !== 'percent') return wrap;
  const fid = `frac-${id}`;
  const toggle = h('div', { class: 'choice' },
    h('input', { type: 'checkbox', id: fid, checked: useFraction, disabled: na,
      onchange: (ev) => {
        if (ev.target.checked) fractionOn.add(id);
        else {
          fractionOn.delete(id);
          dropFraction(id);
        }
        rebuildAnswer(ind, fid);
      } }),
    h('label', { for: fid }, t('answer.fraction')));
  const box = h('div', { class: 'percent' }, wrap, toggle);
  if (useFraction) {
    let n = e.numerator ?? null;
    let d = e.denominator ?? null;
    const numF = numberField({ id: `num-${id}`, value: e.numerator, whole: true, disabled: na, onValue: (v) => { n = v; update(); } });
    const denF = numberField({ id: `den-${id}`, value: e.denominator, whole: true, disabled: na, onValue: (v) => { d = v; update(); } });
    const numIn = numF.input;
    const denIn = denF.input;
    const update = () => {
      if (typeof n !== 'number' || typeof d !== 'number' || d <= 0) input.value = '';
      setFraction(id, { numerator: n, denominator: d });
    };
    box.append(h('div', { class: 'fraction' },
      h('div', { class: 'field' }, h('label', { for: numIn.id }, t('answer.numerator')), numF.el),
      h('span', { class: 'frac-op', 'aria-hidden': 'true' }, '÷'),
      h('div', { class: 'field' }, h('label', { for: denIn.id }, t('answer.denominator')), denF.el)));
  }
  return box;
}

// Rebuilds an indicator's answer inputs (after N/A, clear or the fraction switch).
function rebuildAnswer(ind, focusId) {
  const ref = refs.cards.get(ind.id);
  if (!ref) return;
  const old = ref.art.querySelector('fieldset.answer');
  const fresh = answerInput(ind, `err-${ind.id}`);
  old.replaceWith(fresh);
  ref.errKey = undefined; // the new inputs need their error marks again
  refreshCard(ind.id);
  const target = (focusId && document.getElementById(focusId)) || fresh.querySelector('input:not([disabled])');
  target?.focus();
}

function clearAnswer(ind) {
  const en = peek(ind.id);
  if (en) {
    en.value = null;
    en.na = false;
    delete en.numerator;
    delete en.denominator;
    fractionOn.delete(ind.id);
    changed();
  }
  rebuildAnswer(ind);
  announce(t('answer.cleared', { id: ind.id }));
}

// ------------------------------------------------------------ live refresh
export function refreshNow() {
  const { rights } = resultMaps();
  for (const [rid, ref] of refs.nav) {
    const rr = rights.get(rid);
    setText(ref.score, rr ? num(rr.score) : '–');
    setWidth(ref.fill, clamp(rr?.score ?? 0));
    const list = ctx.idx.listByRight.get(rid) ?? [];
    // The engine's count: an answer given as numerator/denominator counts, an invalid one does not.
    const done = rr ? (rr.answered ?? 0) + (rr.not_applicable ?? 0) : 0;
    setText(ref.count, t('fill.answeredOf', { n: done, total: list.length }));
  }
  const rr = rights.get(ctx.rightId);
  if (refs.right) setText(refs.right, t('fill.rightScore', { score: rr ? num(rr.score) : '–' }));
  for (const [type, el] of refs.types) {
    const ty = (rr?.types || []).find((x) => x.type === type);
    setText(el, ty && ty.counted ? t('fill.typeScore', { share: num(ty.share), points: num(ty.points), max: num(ty.max_points) }) : '');
  }
  for (const id of refs.cards.keys()) refreshCard(id);
  const topKey = JSON.stringify(ctx.topDiags);
  if (refs.topKey !== topKey) {
    refs.topKey = topKey;
    const top = clear(refs.top);
    if (ctx.topDiags.length) top.append(errorBox(t('fill.topErrors'), ctx.topDiags));
    markRegionErrors();
  }
  const savedAt = document.getElementById('saved-at');
  if (savedAt) {
    const bad = ctx.saveError || ctx.conflict;
    let text = t('fill.saved');
    if (ctx.saveError) text = t('fill.saveFailed');
    else if (ctx.conflict) text = t('fill.saveConflict');
    else if (ctx.whatIf) text = t('fill.savedScenario');
    setText(savedAt, ` · ${text}`);
    savedAt.classList.toggle('bad', Boolean(bad));
  }
  refreshWorksheet();
  refreshScorePanel();
}

function clamp(v) {
  return Math.max(0, Math.min(100, Number(v) || 0));
}

export function isAnswered(id) {
  const e = peek(id);
  if (!e) return false;
  return e.na === true || (e.value !== null && e.value !== undefined && e.value !== '');
}

function refreshCard(id) {
  const ref = refs.cards.get(id);
  if (!ref) return;
  const { indicators } = resultMaps();
  const ri = indicators.get(id);
  const ind = ctx.idx.indicators.get(id);
  const max = ri?.max_points ?? ind?.scoring?.max_points;
  setText(ref.pts, ri && ri.status !== 'not_applicable' ? t('fill.points', { points: num(ri.points), max: num(max) }) : t('fill.pointsNa'));
  const diags = diagsFor(id);
  const statusKey = diags.length ? 'invalid' : ri?.status ?? (isAnswered(id) ? 'answered' : 'unanswered');
  setText(ref.status, t(`status.${statusKey}`));
  setAttr(ref.status, 'data-status', statusKey);
  const missing = ri?.evidence_missing ?? [];
  const claimed = Boolean(ri && ri.points > 0 && ri.evidenced === false);
  if (ref.evBadge.hidden === claimed) ref.evBadge.hidden = !claimed;
  if (claimed) setText(ref.evBadge, t('fill.evidenceMissing', { n: missing.length }));
  // A percent computed from numerator/denominator shows the engine's exact value.
  const valIn = ref.art.querySelector(`#${CSS.escape(`val-${id}`)}`);
  if (valIn && valIn.readOnly && ri) {
    const shown = formatNumber(ri.value);
    if (valIn.value !== shown) valIn.value = shown;
  }
  if (!ref.evCount) ref.evCount = ref.art.querySelector('.ev-count');
  const items = ind.evidence || [];
  if (ref.evCount && items.length) {
    const ready = items.filter((ev) => evEntry(id, ev.id, false)?.status === 'ready').length;
    setText(ref.evCount, t('ev.count', { ready, total: items.length }));
  }
  // Errors: listed under the answer, and the inputs they name marked invalid.
  const errKey = diags.map((d) => `${d.path}|${d.code}`).join('\n');
  if (errKey === ref.errKey) return;
  ref.errKey = errKey;
  ref.art.classList.toggle('has-error', diags.length > 0);
  for (const el of ref.art.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
  clear(ref.err);
  ref.err.hidden = diags.length === 0;
  if (diags.length) {
    ref.err.append(h('ul', null, diags.map((d) => diagItem(d, { where: false }))));
    for (const d of diags) {
      for (const el of inputsFor(id, d.loc)) el.setAttribute('aria-invalid', 'true');
    }
  }
}

// Inputs of indicator `id` that a located diagnostic refers to.
function inputsFor(id, loc) {
  const ids = [];
  if (['value', ''].includes(loc.field)) ids.push(`val-${id}`);
  if (loc.field === 'na') ids.push(`na-${id}`);
  if (['numerator', ''].includes(loc.field)) ids.push(`num-${id}`);
  if (['denominator', ''].includes(loc.field)) ids.push(`den-${id}`);
  if (loc.field === 'note') ids.push(`note-${id}`);
  if (loc.field === 'opd') ids.push(`opd-${id}`);
  const out = ids.map((x) => document.getElementById(x)).filter(Boolean);
  if (['value', ''].includes(loc.field)) {
    out.push(...document.querySelectorAll(`input[name="${CSS.escape(`v-${id}`)}"]`));
  }
  if (loc.field === 'evidence' && loc.evidence !== null) {
    const item = peek(id)?.evidence?.[loc.evidence];
    const ind = ctx.idx.indicators.get(id);
    const k = (ind?.evidence || []).findIndex((p) => p.id === item?.id);
    if (k >= 0) {
      const map = { sha256: 'ref', reference: 'ref', date: 'date', status: 'ready' };
      const el = document.getElementById(`ev-${id}-${k}-${map[loc.evField] ?? 'ready'}`);
      if (el) out.push(el);
      const det = document.getElementById(`ind-${id}`)?.querySelector('details.more');
      if (det && !det.open) det.open = true;
    }
  }
  return out;
}

function markRegionErrors() {
  const keys = ['name', 'kind', 'province', 'code', 'data_year', 'assessment_year', 'aksi_ham_bonus', 'deduction'];
  const found = new Map();
  for (const d of ctx.topDiags) {
    const p = String(d.path || '');
    const key = keys.find((k) => new RegExp(`(^|[./\\]'"])${k}($|[./\\['"])`).test(p));
    if (key) found.set(key, [...(found.get(key) || []), d]);
  }
  for (const k of keys) {
    const input = document.getElementById(`reg-${k}`);
    const err = document.getElementById(`reg-${k}-err`);
    if (!input || !err) continue;
    const ds = found.get(k);
    err.hidden = !ds;
    clear(err);
    if (ds) {
      err.append(ds.map(diagMessage).join(' '));
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-describedby', err.id);
      input.closest('details').open = true;
    } else {
      input.removeAttribute('aria-invalid');
    }
  }
}

export { diagList };
