// Year over year: last year's assessment (a saved one or a file) beside this year's, with the
// change per right and per indicator (engine.yearOverYear on both score results); and carrying
// answers over to another edition of the criteria pack (engine.migrate, with an optional
// mapping file), with the report of what could not be carried. The result becomes a new
// assessment; the old one is never overwritten.

import { h, clear, newId } from '../ui/dom.js';
import { t, tx, num } from '../ui/i18n.js';
import * as store from '../state/store.js';
import {
  ctx, flush, packTextFor, withPack, summaryOf, BUNDLED_PACKS, fetchBundled, rememberBundledSha, activatePack,
  createAssessment, nowIso,
} from '../state/assessment.js';
import { announce, errorBox, choose } from '../ui/widgets.js';
import { signed, pts } from '../ui/format.js';
import { go } from '../state/navigation.js';

let root = null;
// Kept across re-renders (the comparison and the migration report).
const yoy = { prevKey: '', result: null, errors: null, prevLabel: '', showAll: false };
const mig = { srcKey: '', srcFile: null, srcAnswers: null, mapping: null, mapName: '', packSha: '', out: null, errors: null, dataYear: '', assessmentYear: '' };
let packChoices = null; // [{sha, label, text}]

export function renderYoy(el) {
  root = el;
  draw();
  if (!packChoices) {
    loadPackChoices().then(() => {
      if (ctx.view === 'yoy') draw();
    });
  }
}

function draw(focusSel) {
  flush();
  clear(root).append(
    h('h1', { class: 'view-title' }, t('yoy.title')),
    h('p', { class: 'lead' }, t('yoy.lead')),
    compareSection(),
    migrateSection());
  if (focusSel) root.querySelector(focusSel)?.focus();
}

function label(m) {
  return `${m.region?.name || t('app.untitled')} — ${t('start.years', { data: m.data_year ?? '–', assessment: m.assessment_year ?? '–' })}${typeof m.total === 'number' ? ` · ${num(m.total)}` : ''}`;
}

// ------------------------------------------------------------------ comparison
function compareSection() {
  const sec = h('section', { class: 'card', 'aria-labelledby': 'yoy-h' }, h('h2', { id: 'yoy-h' }, t('yoy.compare')));
  if (!ctx.answers) {
    sec.append(h('p', { class: 'muted' }, t('yoy.needCurrent')));
    return sec;
  }
  const a = ctx.answers;
  sec.append(h('p', null, t('yoy.current', { name: a.region?.name || t('app.untitled'), year: a.data_year ?? '–', total: num(ctx.result?.total) })));
  const others = store.listAssessments().filter((m) => m.key !== ctx.key)
    .sort((x, y) => (Number(y.data_year) || 0) - (Number(x.data_year) || 0));
  const sel = h('select', { id: 'yoy-prev' },
    h('option', { value: '' }, t('yoy.choose')),
    others.map((m) => h('option', { value: m.key, selected: m.key === yoy.prevKey }, label(m))));
  sel.addEventListener('change', () => { yoy.prevKey = sel.value; });
  sec.append(h('div', { class: 'grid2' },
    h('div', { class: 'field' },
      h('label', { for: 'yoy-prev' }, t('yoy.prevSaved')),
      sel,
      h('button', { type: 'button', class: 'primary', id: 'yoy-run', onclick: () => runSaved(sel.value) }, t('yoy.run'))),
    h('div', { class: 'field' },
      h('label', { for: 'yoy-file' }, t('yoy.prevFile')),
      h('input', { type: 'file', id: 'yoy-file', accept: '.json,application/json', onchange: (ev) => runFile(ev.target) }))));
  if (yoy.errors) sec.append(errorBox(t('yoy.failed'), yoy.errors));
  if (yoy.result && yoy.warnings) sec.append(h('div', { class: 'warn-text yoy-warn', role: 'note' }, yoy.warnings.map((w) => h('p', null, w))));
  if (yoy.result) sec.append(yoyResult(yoy.result));
  return sec;
}

async function runSaved(key) {
  if (!key) {
    announce(t('yoy.choose'), 'error');
    return;
  }
  yoy.prevKey = key;
  const prev = await store.peekAssessment(key);
  const m = store.listAssessments().find((x) => x.key === key);
  await run(prev, m ? label(m) : key);
}

async function runFile(input) {
  const file = input.files?.[0];
  if (!file) return;
  input.value = '';
  const wrong = await (await import('../state/file-kind.js')).checkFile(file, 'answers');
  if (wrong) {
    yoy.result = null;
    yoy.errors = [wrong];
    draw('#yoy-h');
    return;
  }
  let prev = null;
  try {
    prev = JSON.parse((await file.text()).replace(/^\uFEFF/, ''));
  } catch (err) {
    yoy.result = null;
    yoy.errors = [{ path: '', message: { id: `${file.name}: bukan JSON yang sah (${err.message})`, en: `${file.name}: not valid JSON (${err.message})` } }];
    draw('#yoy-h');
    return;
  }
  await run(prev, file.name);
}

// "Last year" must be this region's assessment of an earlier data year: another region or the
// same (or a later) year is named and asked about, never taken silently.
async function confirmPrevious(prev) {
  const a = ctx.answers;
  const norm = (x) => String(x ?? '').trim().toLowerCase().replace(/\s+/g, ' ');
  const problems = [];
  if (norm(prev?.region?.name) !== norm(a.region?.name) || (prev?.region?.kind ?? '') !== (a.region?.kind ?? '')) {
    problems.push(t('yoy.otherRegion', { prev: prev?.region?.name || t('app.untitled'), curr: a.region?.name || t('app.untitled') }));
  }
  const py = Number(prev?.data_year);
  const cy = Number(a.data_year);
  if (Number.isFinite(py) && Number.isFinite(cy) && py >= cy) {
    problems.push(t(py === cy ? 'yoy.sameYear' : 'yoy.laterYear', { prev: py, curr: cy }));
  }
  if (!problems.length) return true;
  const r = await choose(t('yoy.checkTitle'), [...problems.map((p) => h('p', { class: 'yoy-problem' }, p)), h('p', null, t('yoy.checkQuestion'))], [
    { id: 'go', label: t('yoy.compareAnyway') },
    { id: 'cancel', label: t('common.cancel'), kind: 'primary', focus: true },
  ]);
  if (r !== 'go') {
    announce(t('yoy.notCompared'));
    return false;
  }
  yoy.warnings = problems;
  return true;
}

async function run(prev, prevLabel) {
  yoy.result = null;
  yoy.errors = null;
  yoy.warnings = null;
  if (!(await confirmPrevious(prev))) {
    draw('#yoy-h');
    return;
  }
  const sha = prev?.pack?.sha256;
  const text = typeof sha === 'string' ? await packTextFor(sha) : null;
  if (text === null) {
    yoy.errors = [{ path: 'pack.sha256', message: { id: t('err.packMissing'), en: 'The criteria pack of that assessment is not available in this browser.' } }];
    draw('#yoy-h');
    return;
  }
  const prevResult = withPack(text, () => ctx.engine.score(prev));
  if (!prevResult.ok) {
    yoy.errors = prevResult.errors || [];
    draw('#yoy-h');
    return;
  }
  const r = ctx.engine.yearOverYear(prevResult, ctx.result);
  if (!r.ok) yoy.errors = r.errors || [];
  else {
    yoy.result = r;
    yoy.prevLabel = prevLabel;
  }
  draw('#yoy-result-h');
  announce(r.ok ? t('yoy.done', { change: signed(r.total_change) }) : t('yoy.failed'), r.ok ? 'info' : 'error');
}

// Indicator points keep up to 4 decimals (the engine's point precision); scores have 2.
function changeCell(v, precise = false) {
  const cls = typeof v !== 'number' || v === 0 ? 'chg same' : v > 0 ? 'chg up' : 'chg down';
  const arrow = typeof v !== 'number' || v === 0 ? '' : v > 0 ? '▲ ' : '▼ ';
  const text = precise && typeof v === 'number' ? `${v > 0 ? '+' : ''}${pts(v)}` : signed(v);
  return h('td', { class: `num ${cls}` }, h('span', { 'aria-hidden': 'true' }, arrow), text);
}

function yoyResult(r) {
  const out = h('div', { class: 'yoy-result' },
    h('h3', { id: 'yoy-result-h', tabindex: '-1' }, t('yoy.resultTitle', { prev: yoy.prevLabel })),
    h('p', { class: 'yoy-total' }, t('yoy.totals', {
      prevYear: r.previous.data_year, prev: num(r.previous.total), currYear: r.current.data_year, curr: num(r.current.total),
    }), ' ', h('strong', { id: 'yoy-change', class: r.total_change > 0 ? 'up' : r.total_change < 0 ? 'down' : null }, signed(r.total_change))),
    h('p', { class: 'muted' }, t('yoy.evidencedChange', { n: signed(r.evidenced_change) })),
    r.same_pack ? null : h('p', { class: 'warn-text' }, t('yoy.otherPack', { prev: r.previous.pack, curr: r.current.pack })));
  // Rights, in the order of the pack.
  const order = new Map((ctx.pack.rights || []).map((x, i) => [x.id, i]));
  const rights = [...r.rights].sort((x, y) => (order.get(x.id) ?? 99) - (order.get(y.id) ?? 99));
  out.append(h('div', { class: 'table-wrap' }, h('table', { class: 'yoy-rights' },
    h('caption', null, t('yoy.rights')),
    h('thead', null, h('tr', null,
      h('th', { scope: 'col' }, t('explain.right')),
      h('th', { scope: 'col', class: 'num' }, String(r.previous.data_year)),
      h('th', { scope: 'col', class: 'num' }, String(r.current.data_year)),
      h('th', { scope: 'col', class: 'num' }, t('yoy.change')))),
    h('tbody', null, rights.map((x) => h('tr', { 'data-right': x.id },
      h('th', { scope: 'row' }, tx(ctx.idx.rights.get(x.id)?.name) || x.id, x.status !== 'both' ? h('span', { class: 'muted' }, ` (${t(`yoy.status.${x.status}`)})`) : null),
      h('td', { class: 'num' }, num(x.previous)),
      h('td', { class: 'num' }, num(x.current)),
      changeCell(x.change)))))));
  const changed = r.indicators.filter((x) => x.change !== 0 || x.status !== 'both');
  const shown = yoy.showAll ? r.indicators : changed;
  const cb = h('input', { type: 'checkbox', id: 'yoy-all', checked: yoy.showAll, onchange: (ev) => { yoy.showAll = ev.target.checked; draw('#yoy-all'); } });
  out.append(
    h('h4', null, t('yoy.indicators', { n: changed.length, total: r.indicators.length })),
    h('div', { class: 'choice' }, cb, h('label', { for: 'yoy-all' }, t('yoy.showAll'))),
    h('div', { class: 'table-wrap' }, h('table', { class: 'yoy-indicators' },
      h('caption', { class: 'sr-only' }, t('yoy.indicators', { n: changed.length, total: r.indicators.length })),
      h('thead', null, h('tr', null,
        h('th', { scope: 'col' }, t('gap.col.indicator')),
        h('th', { scope: 'col', class: 'num' }, t('yoy.prevPoints')),
        h('th', { scope: 'col', class: 'num' }, t('yoy.currPoints')),
        h('th', { scope: 'col', class: 'num' }, t('yoy.change')))),
      h('tbody', null, shown.map((x) => h('tr', { 'data-indicator': x.id },
        h('th', { scope: 'row' }, h('code', null, x.id), ' ', tx(ctx.idx.indicators.get(x.id)?.text) || '',
          x.status !== 'both' ? h('span', { class: 'muted' }, ` (${t(`yoy.status.${x.status}`)})`) : null),
        h('td', { class: 'num' }, pts(x.previous)),
        h('td', { class: 'num' }, pts(x.current)),
        changeCell(x.change, true)))))));
  return out;
}

// ------------------------------------------------------------------- migration
async function loadPackChoices() {
  const out = new Map();
  for (const { file } of BUNDLED_PACKS) {
    try {
      const text = await fetchBundled(file);
      const s = summaryOf(text);
      if (s) {
        rememberBundledSha(s.sha256, file);
        out.set(s.sha256, { sha: s.sha256, label: `${s.id} ${s.version ?? ''} (${t('yoy.bundled')})`, text });
      }
    } catch {
      /* not available offline */
    }
  }
  for (const sha of store.storedPackShas()) {
    if (out.has(sha)) continue;
    const text = await store.loadPackText(sha);
    const s = text ? summaryOf(text) : null;
    if (s) out.set(sha, { sha, label: `${s.id} ${s.version ?? ''} (${sha.slice(0, 8)}…)`, text });
  }
  packChoices = [...out.values()];
  if (!mig.packSha && packChoices.length) mig.packSha = packChoices[0].sha;
}

function migrateSection() {
  const sec = h('section', { class: 'card', 'aria-labelledby': 'mig-h' },
    h('h2', { id: 'mig-h', tabindex: '-1' }, t('mig.title')),
    h('p', null, t('mig.lead')));
  const list = store.listAssessments();
  const src = h('select', { id: 'mig-src' },
    h('option', { value: '' }, t('mig.chooseSrc')),
    list.map((m) => h('option', { value: m.key, selected: m.key === mig.srcKey }, `${label(m)} · ${m.pack?.id ?? '?'} ${m.pack?.version ?? ''}`)));
  src.addEventListener('change', async () => {
    mig.srcKey = src.value;
    mig.srcFile = null;
    mig.srcAnswers = null;
    const picked = src.value ? await store.peekAssessment(src.value) : null;
    if (mig.srcKey !== src.value) return; // another one was chosen meanwhile
    mig.srcAnswers = picked;
    mig.out = null;
    mig.errors = null;
    setYears(mig.srcAnswers);
  });
  const pack = h('select', { id: 'mig-pack' },
    (packChoices || []).map((p) => h('option', { value: p.sha, selected: p.sha === mig.packSha }, p.label)));
  pack.addEventListener('change', () => {
    mig.packSha = pack.value;
    mig.out = null;
  });
  const mapHint = newId('h');
  sec.append(h('div', { class: 'grid2' },
    h('div', { class: 'field' }, h('label', { for: 'mig-src' }, t('mig.srcSaved')), src),
    h('div', { class: 'field' }, h('label', { for: 'mig-file' }, t('mig.srcFile')),
      h('input', { type: 'file', id: 'mig-file', accept: '.json,application/json', onchange: (ev) => pickSource(ev.target) }),
      mig.srcFile ? h('p', { class: 'hint' }, t('mig.fileChosen', { file: mig.srcFile })) : null),
    h('div', { class: 'field' }, h('label', { for: 'mig-map' }, t('mig.mapping')),
      h('input', { type: 'file', id: 'mig-map', accept: '.json,application/json', 'aria-describedby': mapHint, onchange: (ev) => pickMapping(ev.target) }),
      h('p', { class: 'hint', id: mapHint }, mig.mapName ? t('mig.mappingChosen', { file: mig.mapName, n: Object.keys(mig.mapping || {}).length }) : t('mig.mappingHint'))),
    h('div', { class: 'field' }, h('label', { for: 'mig-pack' }, t('mig.target')), pack)),
  h('button', { type: 'button', class: 'primary', id: 'mig-run', onclick: runMigrate }, t('mig.run')));
  if (mig.errors) sec.append(errorBox(t('mig.failed'), mig.errors));
  if (mig.out) sec.append(migrateReport(mig.out));
  return sec;
}

function setYears(a) {
  mig.dataYear = a && a.data_year !== undefined ? String(a.data_year) : '';
  mig.assessmentYear = a && a.assessment_year !== undefined ? String(a.assessment_year) : '';
}

async function pickSource(input) {
  const file = input.files?.[0];
  if (!file) return;
  input.value = '';
  mig.out = null;
  mig.errors = null;
  const wrong = await (await import('../state/file-kind.js')).checkFile(file, 'answers');
  if (wrong) {
    mig.srcAnswers = null;
    mig.errors = [wrong];
    draw('#mig-h');
    return;
  }
  try {
    mig.srcAnswers = JSON.parse((await file.text()).replace(/^\uFEFF/, ''));
    mig.srcFile = file.name;
    mig.srcKey = '';
    setYears(mig.srcAnswers);
  } catch (err) {
    mig.srcAnswers = null;
    mig.errors = [{ path: '', message: { id: `${file.name}: bukan JSON yang sah (${err.message})`, en: `${file.name}: not valid JSON (${err.message})` } }];
  }
  draw('#mig-h');
}

async function pickMapping(input) {
  const file = input.files?.[0];
  if (!file) return;
  input.value = '';
  mig.out = null;
  mig.errors = null;
  const wrong = await (await import('../state/file-kind.js')).checkFile(file, 'mapping');
  if (wrong) {
    mig.errors = [wrong];
    draw('#mig-h');
    return;
  }
  try {
    const obj = JSON.parse((await file.text()).replace(/^\uFEFF/, ''));
    // Either {"old": "new"|null} or {"mapping": {...}} (a file that also carries notes).
    mig.mapping = obj && typeof obj === 'object' && !Array.isArray(obj) && obj.mapping && typeof obj.mapping === 'object' ? obj.mapping : obj;
    mig.mapName = file.name;
  } catch (err) {
    mig.mapping = null;
    mig.mapName = '';
    mig.errors = [{ path: '', message: { id: `${file.name}: bukan JSON yang sah (${err.message})`, en: `${file.name}: not valid JSON (${err.message})` } }];
  }
  draw('#mig-h');
}

function targetText() {
  return packChoices?.find((p) => p.sha === mig.packSha)?.text ?? null;
}

async function runMigrate() {
  mig.out = null;
  mig.errors = null;
  if (!mig.srcAnswers && mig.srcKey) mig.srcAnswers = await store.peekAssessment(mig.srcKey);
  const text = targetText();
  if (!mig.srcAnswers) mig.errors = [{ path: '', message: { id: t('mig.chooseSrc'), en: t('mig.chooseSrc') } }];
  else if (!text) mig.errors = [{ path: '', message: { id: t('err.packMissing'), en: t('err.packMissing') } }];
  else {
    const r = withPack(text, () => ctx.engine.migrate(mig.srcAnswers, mig.mapping ?? {}));
    if (!r.ok) mig.errors = r.errors || [];
    else mig.out = r;
  }
  draw(mig.out ? '#mig-report-h' : '#mig-h');
  announce(mig.out ? t('mig.checked', { carried: mig.out.report.carried.length, not: mig.out.report.not_carried.length }) : t('mig.failed'), mig.out ? 'info' : 'error');
}

function migrateReport(r) {
  const rep = r.report;
  const out = h('div', { class: 'mig-report' },
    h('h3', { id: 'mig-report-h', tabindex: '-1' }, t('mig.report')),
    h('ul', { class: 'mig-counts' },
      h('li', { id: 'mig-carried' }, t('mig.carried', { n: rep.carried.length })),
      h('li', { id: 'mig-not' }, t('mig.notCarried', { n: rep.not_carried.length })),
      h('li', { id: 'mig-new' }, t('mig.new', { n: rep.new.length }))));
  if (rep.not_carried.length) {
    out.append(h('div', { class: 'table-wrap' }, h('table', { class: 'mig-not' },
      h('caption', null, t('mig.notCarriedTitle')),
      h('thead', null, h('tr', null,
        h('th', { scope: 'col' }, t('mig.col.from')),
        h('th', { scope: 'col' }, t('mig.col.to')),
        h('th', { scope: 'col' }, t('mig.col.reason')))),
      h('tbody', null, rep.not_carried.map((x) => h('tr', { 'data-from': x.from },
        h('th', { scope: 'row' }, h('code', null, x.from)),
        h('td', null, x.to ? h('code', null, x.to) : '–'),
        h('td', null, tx(x.reason))))))));
  }
  if (rep.new.length) {
    const pack = JSON.parse(targetText() || '{}');
    const texts = new Map((pack.indicators || []).map((i) => [i.id, tx(i.text)]));
    out.append(h('h4', null, t('mig.newTitle')),
      h('ul', { class: 'mig-new-list' }, rep.new.map((id) => h('li', null, h('code', null, id), ' ', texts.get(id) ?? ''))));
  }
  const dy = h('input', { type: 'text', id: 'mig-data-year', inputmode: 'numeric', value: mig.dataYear });
  dy.addEventListener('input', () => { mig.dataYear = dy.value; });
  const ay = h('input', { type: 'text', id: 'mig-assessment-year', inputmode: 'numeric', value: mig.assessmentYear });
  ay.addEventListener('input', () => { mig.assessmentYear = ay.value; });
  out.append(
    h('div', { class: 'grid2' },
      h('div', { class: 'field' }, h('label', { for: 'mig-data-year' }, t('region.dataYear')), dy),
      h('div', { class: 'field' }, h('label', { for: 'mig-assessment-year' }, t('region.assessmentYear')), ay)),
    h('p', { class: 'hint' }, t('mig.createHint')),
    h('button', { type: 'button', class: 'primary', id: 'mig-create', onclick: createFromMigration }, t('mig.create')));
  return out;
}

async function createFromMigration() {
  if (!mig.out) return;
  const text = targetText();
  const answers = structuredClone(mig.out.answers);
  const year = (s) => (/^\s*\d{4}\s*$/.test(s) ? Number(s) : s);
  if (mig.dataYear !== '') answers.data_year = year(mig.dataYear);
  if (mig.assessmentYear !== '') answers.assessment_year = year(mig.assessmentYear);
  answers.updated_at = nowIso();
  const v = withPack(text, () => ctx.engine.validateAnswers(answers));
  if (!v.ok) {
    mig.errors = v.errors || [];
    draw('#mig-h');
    return;
  }
  const previous = ctx.packText;
  const r = activatePack(text);
  if (!r.ok) {
    mig.errors = r.errors || [];
    draw('#mig-h');
    return;
  }
  const err = await createAssessment(answers);
  if (err) {
    if (previous !== null) activatePack(previous);
    announce(t(err), 'error');
    return;
  }
  mig.out = null;
  yoy.result = null;
  announce(t('mig.created', { name: answers.region?.name || t('app.untitled') }));
  go('fill');
  document.getElementById('main').focus();
}
