// Start view: saved assessments, a new assessment (pack + region + years), import.

import { h, clear, newId } from '../ui/dom.js';
import { t, tx, num, getLang, formatDate } from '../ui/i18n.js';
import * as store from '../state/store.js';
import {
  ctx, BUNDLED_PACKS, fetchBundled, activatePack, rememberBundledSha, bundledFileOf, createAssessment,
  openAssessment, nowIso, ensureEngine,
} from '../state/assessment.js';
import { announce, errorBox, dl } from '../ui/widgets.js';
import { importAnswersFile } from '../state/io.js';
import { go, rerender } from '../state/navigation.js';

// What the user picked as the pack for a new assessment (kept across re-renders). While a
// bundled pack is being loaded into the engine, its summary from criteria/index.json is shown.
const choice = { source: 'bundled', file: null, name: '', diags: null, message: null, pending: null };
let confirmDelete = null; // key whose delete is awaiting confirmation

export function renderStart(root) {
  if (choice.file === null && BUNDLED_PACKS.length) choice.file = BUNDLED_PACKS[0].file;
  clear(root).append(
    h('h1', { class: 'view-title' }, t('start.title')),
    h('p', { class: 'lead' }, t('start.lead')),
    h('p', { class: 'privacy' }, t('start.privacy')),
    savedSection(),
    newSection(),
    importSection(),
  );
  // Back on Start with another pack active (e.g. after resuming an assessment made with a
  // loaded pack file): the pack choice shown must be the one that is active. With no pack in
  // the engine yet (first visit), the chosen bundled pack is shown from criteria/index.json and
  // loaded into the engine only when it is used (creating an assessment): parsing and checking a
  // pack is the heaviest thing the engine does, and it must not block the page while it loads.
  // A single-file build has no index (its packs are inline, as is the engine): the chosen pack
  // is loaded at once to show its summary.
  if (choice.source === 'bundled' && choice.file && !choice.diags && !choice.pending
      && (ctx.summary ? bundledFileOf(ctx.summary.sha256) !== choice.file : !chosenSummary())) selectBundled(choice.file);
}

// ----------------------------------------------------------------- saved list
function savedSection() {
  const list = store.listAssessments().slice().sort((a, b) => String(b.updated_at).localeCompare(String(a.updated_at)));
  const sec = h('section', { class: 'card', 'aria-labelledby': 'saved-h' }, h('h2', { id: 'saved-h' }, t('start.saved')));
  if (!list.length) {
    sec.append(h('p', { class: 'muted' }, t('start.savedNone')));
    return sec;
  }
  const table = h('table', { class: 'saved' },
    h('caption', { class: 'sr-only' }, t('start.saved')),
    h('thead', null, h('tr', null,
      h('th', { scope: 'col' }, t('start.col.region')),
      h('th', { scope: 'col' }, t('start.col.years')),
      h('th', { scope: 'col' }, t('start.col.pack')),
      h('th', { scope: 'col' }, t('start.col.updated')),
      h('th', { scope: 'col', class: 'num' }, t('start.col.total')),
      h('th', { scope: 'col' }, h('span', { class: 'sr-only' }, t('start.col.actions'))))));
  const tbody = h('tbody');
  for (const m of list) {
    const regionName = m.region?.name || t('app.untitled');
    const kind = m.region?.kind ? t(`region.kind.${m.region.kind}`) : '';
    const actions = h('td', { class: 'actions' });
    if (confirmDelete === m.key) {
      actions.append(
        h('button', { type: 'button', class: 'danger', onclick: () => doDelete(m.key), 'aria-label': t('start.deleteConfirmFor', { name: regionName }) }, t('start.deleteConfirm')),
        h('button', { type: 'button', onclick: () => { confirmDelete = null; rerender(); } }, t('common.cancel')),
      );
    } else {
      actions.append(
        h('button', { type: 'button', class: 'primary', onclick: () => resume(m.key), 'aria-label': t('start.resumeFor', { name: regionName, year: m.data_year }) }, t('start.resume')),
        h('button', { type: 'button', onclick: () => { confirmDelete = m.key; rerender(); focusLater('.saved .danger'); }, 'aria-label': t('start.deleteFor', { name: regionName, year: m.data_year }) }, t('start.delete')),
      );
    }
    tbody.append(h('tr', { 'data-key': m.key },
      h('th', { scope: 'row' }, regionName, kind ? h('span', { class: 'muted' }, ` (${kind}${m.region?.province ? `, ${m.region.province}` : ''})`) : null),
      h('td', null, t('start.years', { data: m.data_year ?? '–', assessment: m.assessment_year ?? '–' })),
      h('td', null, h('span', null, m.pack?.id ?? '?'), ' ', h('span', { class: 'muted' }, m.pack?.version ?? '')),
      h('td', null, formatDate(m.updated_at)),
      h('td', { class: 'num' }, typeof m.total === 'number' ? num(m.total) : '–'),
      actions,
    ));
  }
  table.append(tbody);
  sec.append(h('div', { class: 'table-wrap' }, table));
  return sec;
}

function focusLater(sel) {
  requestAnimationFrame(() => document.querySelector(sel)?.focus());
}

async function resume(key) {
  const err = await openAssessment(key);
  if (err) {
    announce(t(err), 'error');
    return;
  }
  go('fill');
  document.getElementById('main').focus();
}

function doDelete(key) {
  store.deleteAssessment(key);
  confirmDelete = null;
  rerender();
  announce(t('start.deleted'));
  focusLater('#saved-h');
}

// -------------------------------------------------------------- new assessment
function newSection() {
  const sec = h('section', { class: 'card', 'aria-labelledby': 'new-h' }, h('h2', { id: 'new-h' }, t('start.new')));
  sec.append(packChooser(), regionForm());
  return sec;
}

function radio(name, value, label, checked, onchange) {
  const id = newId('r');
  return h('div', { class: 'choice' },
    h('input', { type: 'radio', id, name, value, checked, onchange }),
    h('label', { for: id }, label));
}

function packChooser() {
  const fs = h('fieldset', { class: 'pack-choice' }, h('legend', null, t('start.pack')));
  for (const b of BUNDLED_PACKS) {
    fs.append(radio('pack-src', `bundled:${b.file}`, t('start.pack.bundled', { file: b.file.replace(/^criteria\//, '') }),
      choice.source === 'bundled' && choice.file === b.file, () => selectBundled(b.file)));
  }
  const fileId = newId('f');
  const csvId = newId('f');
  fs.append(
    h('div', { class: 'choice file' },
      h('label', { for: fileId }, t('start.pack.file')),
      h('input', { type: 'file', id: fileId, accept: '.json,application/json', onchange: (ev) => loadPackFile(ev.target) })),
    h('div', { class: 'choice file' },
      h('label', { for: csvId }, t('start.pack.csv')),
      h('input', { type: 'file', id: csvId, accept: '.csv,text/csv', 'aria-describedby': `${csvId}-hint`, onchange: (ev) => loadCsvFile(ev.target) }),
      h('p', { class: 'hint', id: `${csvId}-hint` }, t('start.pack.csvHint'))),
  );
  const out = h('div', { class: 'pack-summary', 'aria-live': 'polite' });
  const preview = chosenSummary();
  if (choice.diags) out.append(errorBox(choice.message || t('start.pack.invalid'), choice.diags));
  else if (ctx.summary && (!preview || preview.sha256 === ctx.summary.sha256)) out.append(packSummary(ctx.summary));
  else if (preview) out.append(packSummary(preview));
  fs.append(out);
  return fs;
}

// The summary of the bundled pack chosen on Start, from criteria/index.json, while the engine
// has no pack yet (the reference notice is shown from it).
export function chosenSummary() {
  return choice.source === 'bundled' ? BUNDLED_PACKS.find((b) => b.file === (choice.file ?? BUNDLED_PACKS[0]?.file))?.summary ?? null : null;
}

// The summary of a pack (the engine's packSummary, or its copy in criteria/index.json).
export function packSummary(s) {
  const p = ctx.summary?.sha256 === s.sha256 ? ctx.pack : null;
  const dy = s.data_years ?? p?.data_years;
  const years = dy ? `${dy.from ?? '…'}–${dy.to ?? t('pack.yearsOpen')}` : '';
  return h('div', null,
    h('p', { class: 'pack-title' }, tx(s.title ?? p?.title)),
    dl([
      [t('pack.id'), `${s.id} ${s.version ?? ''}`.trim()],
      [t('pack.regulation'), s.regulation ?? p?.regulation],
      [t('pack.status'), t(`pack.status.${s.status}`)],
      [t('pack.size'), t('pack.sizeValue', { rights: s.right_count ?? p?.rights?.length ?? '?', indicators: s.indicator_count ?? p?.indicators?.length ?? '?' })],
      [t('pack.dataYears'), years],
      [t('pack.sha'), h('code', { class: 'hash' }, s.sha256)],
    ]));
}

// Makes a bundled pack the active one. The screen is drawn again only when what it shows
// changes (not when the pack turns out to be the one already shown from the index), so a user
// typing in the region form while the engine loads keeps the focus.
function selectBundled(file) {
  const wasShown = choice.source === 'bundled' && choice.file === file && !choice.diags;
  choice.source = 'bundled';
  choice.file = file;
  choice.diags = null;
  const shown = chosenSummary()?.sha256 ?? null;
  const pending = (async () => {
    try {
      const text = await fetchBundled(file);
      await ensureEngine();
      if (choice.file !== file || choice.source !== 'bundled') return; // the user chose another pack meanwhile
      const r = activatePack(text);
      if (!r.ok) {
        choice.diags = r.errors;
        choice.message = t('start.pack.invalid');
      } else {
        rememberBundledSha(ctx.summary.sha256, file);
      }
    } catch (err) {
      choice.diags = [];
      choice.message = t('start.pack.fetchFailed', { file, reason: String(err.message ?? err) });
    }
    if (choice.pending === pending) choice.pending = null;
    if (ctx.view === 'start' && (choice.diags || ctx.summary?.sha256 !== shown)) rerender();
  })();
  choice.pending = pending;
  if (!wasShown && ctx.view === 'start') rerender(); // its summary from the index, at once
  return pending;
}

async function loadPackFile(input) {
  const file = input.files?.[0];
  if (!file) return;
  const text = await file.text();
  choice.source = 'file';
  choice.name = file.name;
  await ensureEngine();
  const r = activatePack(text);
  choice.diags = r.ok ? null : r.errors || [];
  choice.message = r.ok ? null : t('start.pack.invalidFile', { file: file.name });
  rerender();
  announce(r.ok ? t('start.pack.loaded', { file: file.name }) : choice.message, r.ok ? 'info' : 'error');
}

async function loadCsvFile(input) {
  const file = input.files?.[0];
  if (!file) return;
  const csv = await file.text();
  choice.source = 'csv';
  choice.name = file.name;
  await ensureEngine();
  // The CSV form takes its pack-level settings from a base pack: the bundled one.
  if (!ctx.summary) {
    try {
      const base = await fetchBundled(BUNDLED_PACKS[0]?.file);
      activatePack(base);
    } catch {
      /* importCsv works without a base pack too */
    }
  }
  const stem = file.name.replace(/\.[^.]*$/, '').toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[^a-z0-9]+/, '') || 'csv-pack';
  const r = ctx.engine.importCsv(csv, { id: `${stem.slice(0, 59)}-csv`, status: 'reference' });
  if (!r.ok) {
    choice.diags = r.errors || [];
    choice.message = t('start.pack.invalidCsv', { file: file.name });
  } else {
    const text = typeof r.pack === 'string' ? r.pack : JSON.stringify(r.pack);
    const lr = activatePack(text);
    choice.diags = lr.ok ? null : lr.errors || [];
    choice.message = lr.ok ? null : t('start.pack.invalidCsv', { file: file.name });
  }
  rerender();
  announce(choice.diags ? choice.message : t('start.pack.loaded', { file: file.name }), choice.diags ? 'error' : 'info');
}

// Field values survive a re-render (e.g. after choosing another pack).
const draft = {
  name: '', kind: 'kabupaten', province: '', code: '',
  data_year: String(new Date().getFullYear() - 1),
  assessment_year: String(new Date().getFullYear()),
};
let formErrors = {};
let formDiags = null;

function field(key, label, input, hintKey) {
  const id = `new-${key}`;
  input.id = id;
  input.name = key;
  const errId = `${id}-err`;
  const describedBy = [hintKey ? `${id}-hint` : null, formErrors[key] ? errId : null].filter(Boolean).join(' ');
  if (describedBy) input.setAttribute('aria-describedby', describedBy);
  if (formErrors[key]) input.setAttribute('aria-invalid', 'true');
  input.addEventListener('input', () => {
    draft[key] = input.value;
  });
  return h('div', { class: 'field' },
    h('label', { for: id }, label),
    input,
    hintKey ? h('p', { class: 'hint', id: `${id}-hint` }, t(hintKey)) : null,
    formErrors[key] ? h('p', { class: 'field-error', id: errId }, formErrors[key]) : null);
}

function regionForm() {
  const kind = h('select', null,
    h('option', { value: 'kabupaten', selected: draft.kind === 'kabupaten' }, t('region.kind.kabupaten')),
    h('option', { value: 'kota', selected: draft.kind === 'kota' }, t('region.kind.kota')));
  kind.addEventListener('change', () => { draft.kind = kind.value; });
  const form = h('form', { class: 'region-form', novalidate: true, 'aria-labelledby': 'region-h' },
    h('h3', { id: 'region-h' }, t('start.region')),
    h('div', { class: 'grid2' },
      field('name', t('region.name'), h('input', { type: 'text', value: draft.name, autocomplete: 'off', required: true }), 'region.nameHint'),
      field('kind', t('region.kind'), kind),
      field('province', t('region.province'), h('input', { type: 'text', value: draft.province, autocomplete: 'off' })),
      field('code', t('region.code'), h('input', { type: 'text', value: draft.code, autocomplete: 'off', inputmode: 'decimal' }), 'region.codeHint'),
      field('data_year', t('region.dataYear'), h('input', { type: 'text', inputmode: 'numeric', value: draft.data_year }), 'region.dataYearHint'),
      field('assessment_year', t('region.assessmentYear'), h('input', { type: 'text', inputmode: 'numeric', value: draft.assessment_year }))),
    formDiags ? errorBox(t('start.createFailed'), formDiags) : null,
    h('button', { type: 'submit', class: 'primary', disabled: Boolean(choice.diags) || (!ctx.summary && !choice.file) }, t('start.create')));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    create();
  });
  return form;
}

function yearOf(s) {
  return /^\s*\d{4}\s*$/.test(s) ? Number(s) : NaN;
}

async function create() {
  formErrors = {};
  formDiags = null;
  if (!draft.name.trim()) formErrors.name = t('region.err.name');
  const dy = yearOf(draft.data_year);
  const ay = yearOf(draft.assessment_year);
  if (Number.isNaN(dy)) formErrors.data_year = t('region.err.year');
  if (Number.isNaN(ay)) formErrors.assessment_year = t('region.err.year');
  // The bundled pack may not be in the engine yet (first visit): load it now.
  if (!choice.pending && choice.source === 'bundled' && choice.file && !choice.diags
      && (!ctx.summary || bundledFileOf(ctx.summary.sha256) !== choice.file)) selectBundled(choice.file);
  if (choice.pending) {
    announce(t('app.loadingEngine'));
    await choice.pending;
  }
  if (!ctx.summary) formDiags = [];
  if (Object.keys(formErrors).length || formDiags) {
    rerender();
    focusLater('[aria-invalid="true"]');
    return;
  }
  const region = { name: draft.name.trim(), kind: draft.kind, province: draft.province.trim(), code: draft.code.trim() };
  const tr = ctx.engine.makeTemplate({ fill: 'blank', region, data_year: dy, assessment_year: ay, updated_at: nowIso() });
  if (!tr.ok) {
    mapFormDiags(tr.errors || []);
    return;
  }
  const answers = tr.answers;
  const v = ctx.engine.validateAnswers(answers);
  if (!v.ok) {
    mapFormDiags(v.errors || []);
    return;
  }
  const err = await createAssessment(answers);
  if (err) {
    announce(t(err), 'error');
    return;
  }
  draft.name = '';
  announce(t('start.created', { name: region.name }));
  go('fill');
  document.getElementById('main').focus();
}

function mapFormDiags(diags) {
  const rest = [];
  for (const d of diags) {
    const p = String(d.path || '');
    const m = /(data_year|assessment_year|name|kind|province|code)\b/.exec(p);
    if (m) formErrors[m[1]] = d.message ? (getLang() === 'en' ? d.message.en ?? d.message.id : d.message.id) : p;
    else rest.push(d);
  }
  formDiags = rest.length ? rest : null;
  rerender();
  focusLater('[aria-invalid="true"], .errorbox');
}

// ---------------------------------------------------------------------- import
let importResult = null;

function importSection() {
  const id = newId('f');
  const sec = h('section', { class: 'card', 'aria-labelledby': 'imp-h' },
    h('h2', { id: 'imp-h' }, t('io.import')),
    h('p', { class: 'hint', id: `${id}-hint` }, t('io.importHint')),
    h('div', { class: 'field' },
      h('label', { for: id }, t('io.importFile')),
      h('input', { type: 'file', id, accept: '.json,application/json', 'aria-describedby': `${id}-hint`, onchange: (ev) => doImport(ev.target) })));
  if (importResult) sec.append(importResult);
  return sec;
}

async function doImport(input) {
  const file = input.files?.[0];
  if (!file) return;
  const r = await importAnswersFile(file);
  input.value = '';
  if (!r.ok) {
    importResult = errorBox(t('io.importFailed', { file: file.name }), r.errors, r.reason);
    rerender();
    focusLater('.errorbox');
    announce(t('io.importFailed', { file: file.name }), 'error');
    return;
  }
  importResult = null;
  announce(t('io.imported', { file: file.name }));
  go('fill');
  document.getElementById('main').focus();
}
