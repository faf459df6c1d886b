// Start view: saved assessments, a new assessment (pack + region + years), import.

import { h, clear, newId } from '../ui/dom.js';
import { t, tx, num, formatDate, loadRest } from '../ui/i18n.js';
import * as store from '../state/store.js';
import {
  ctx, BUNDLED_PACKS, fetchBundled, activatePack, rememberBundledSha, bundledFileOf, createAssessment,
  openAssessment, nowIso, ensureEngine,
} from '../state/assessment.js';
import { announce, errorBox, diagMessage } from '../ui/widgets.js';
import { go, rerender } from '../state/navigation.js';

// Messages name indicators and fields in plain words (state/plain-path.js): loaded once an
// assessment is open, or with the first file checked (state/file-kind.js), not for the first paint.
document.addEventListener('kkpham:open', () => import('../state/plain-path.js'), { once: true });

// What the user picked as the pack for a new assessment (kept across re-renders). While a
// bundled pack is being loaded into the engine, its summary from criteria/index.json is shown.
// A failed attempt to load another pack (a file or a CSV form) is kept apart in `failure`: the
// pack in use before stays in use, and the screen says so.
const choice = { source: 'bundled', file: null, name: '', diags: null, message: null, pending: null, failure: null };
let confirmDelete = null; // key whose delete is awaiting confirmation

export function renderStart(root) {
  if (choice.file === null && BUNDLED_PACKS.length) choice.file = BUNDLED_PACKS[0].file;
  clear(root).append(
    h('h1', { class: 'view-title' }, t('start.title')),
    h('p', { class: 'lead' }, t('start.lead')),
    h('p', { class: 'privacy' }, t('start.privacy')),
    // A first-time user sees the region, its kind and the years first; with saved assessments,
    // the list of them comes first.
    ...(hasSaved() ? [savedSection(), newSection()] : [newSection(), savedSection()]),
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
function hasSaved() {
  return store.listAssessments().length > 0;
}

function savedSection() {
  // Office packages being filled here (office mode) come after the assessments, named as such.
  const list = store.listAssessments().slice().sort((a, b) => Boolean(a.office) - Boolean(b.office)
    || String(b.updated_at).localeCompare(String(a.updated_at)));
  const sec = h('section', { class: 'card', 'aria-labelledby': 'saved-h' }, h('h2', { id: 'saved-h' }, t('start.saved')));
  if (!list.length) {
    sec.append(h('p', { class: 'muted' }, t('start.savedNone')), storageRoom(false));
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
      h('th', { scope: 'row' }, regionName, kind ? h('span', { class: 'muted' }, ` (${kind}${m.region?.province ? `, ${m.region.province}` : ''})`) : null,
        m.office ? h('strong', { class: 'office-package' }, ` · ${t('start.officePackage', { office: m.office.short_name || m.office.id })}`) : null),
      h('td', null, t('start.years', { data: m.data_year ?? '–', assessment: m.assessment_year ?? '–' })),
      h('td', null, h('span', null, m.pack?.id ?? '?'), ' ', h('span', { class: 'muted' }, m.pack?.version ?? '')),
      h('td', null, formatDate(m.updated_at)),
      h('td', { class: 'num' }, typeof m.total === 'number' ? num(m.total) : '–'),
      actions,
    ));
  }
  table.append(tbody);
  sec.append(h('div', { class: 'table-wrap' }, table), storageRoom(true));
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
  document.getElementById('main').focus({ preventScroll: true });
}

async function doDelete(key) {
  try {
    await store.deleteAssessment(key);
  } catch (err) {
    announce(String(err?.message ?? err), 'error');
    return;
  }
  confirmDelete = null;
  rerender();
  announce(t('start.deleted'));
  focusLater('#saved-h');
}

// How much this browser holds and allows (navigator.storage.estimate(), read when the storage
// opened), and whether it keeps the data when the disk runs low: asked for (persist()) once
// there is saved work. The line is updated in place when the browser answers.
function storageRoom(hasWork) {
  const used = h('span', { id: 'storage-used' }, roomText(store.lastRoom()));
  // Whether the browser keeps the data matters once there is some.
  const kept = h('span', { id: 'storage-persist' }, hasWork ? persistText(store.lastRoom()?.persisted) : '');
  store.refreshRoom({ ask: hasWork }).then((room) => {
    used.textContent = roomText(room);
    if (hasWork) kept.textContent = persistText(room?.persisted);
  }, () => {});
  return h('p', { class: 'hint storage-room' }, used, ' ', kept);
}

function megabytes(bytes) {
  const mb = Math.max(bytes / 1e6, bytes > 0 ? 0.1 : 0);
  return t('start.room.mb', { n: num(mb, mb < 10 ? 1 : 0) });
}

function roomText(room) {
  return room?.quota ? t('start.room', { used: megabytes(room.usage), quota: megabytes(room.quota) }) : t('start.room.unknown');
}

function persistText(state) {
  return state === 'granted' || state === 'denied' ? t(`start.persist.${state}`) : '';
}

// -------------------------------------------------------------- new assessment
// The region form first; the pack in use on one line under it; another pack (a file, a CSV
// form, another bundled pack) folded under "Untuk Kanwil: paket kriteria lain".
function newSection() {
  const sec = h('section', { class: 'card', 'aria-labelledby': 'new-h' }, h('h2', { id: 'new-h' }, t('start.new')));
  sec.append(regionForm(), kanwilDetails());
  return sec;
}

// Another pack, for the Kanwil (views/start/kanwil.js): loaded and drawn when opened.
let kanwilOpen = false; // stays open across re-renders once the user opened it
function kanwilDetails() {
  const open = kanwilOpen || choice.source !== 'bundled' || Boolean(choice.failure) || Boolean(choice.diags);
  const body = h('div', { class: 'kanwil-body' });
  const det = h('details', { class: 'kanwil', open },
    h('summary', null, t('start.kanwil')),
    h('p', { class: 'hint' }, t('start.kanwilHint')),
    body);
  const fill = () => Promise.all([import('./start/kanwil.js'), loadRest()]).then(([m]) => {
    if (!body.childElementCount) body.append(...m.kanwilContent({ choice, selectBundled, chosenSummary, focusLater }));
  });
  if (open) fill();
  det.addEventListener('toggle', () => {
    kanwilOpen = det.open;
    if (det.open) fill();
  });
  return det;
}

// The pack a new assessment will use, on one line: title, id and version, hash.
function packLine() {
  const preview = chosenSummary();
  const s = ctx.summary && (!preview || preview.sha256 === ctx.summary.sha256) ? ctx.summary : preview;
  const out = h('div', { class: 'pack-summary pack-line', 'aria-live': 'polite' });
  if (choice.diags) {
    out.append(errorBox(choice.message || t('start.pack.invalid'), choice.diags));
    return out;
  }
  if (!s) return out;
  const p = ctx.summary?.sha256 === s.sha256 ? ctx.pack : null;
  out.append(h('p', null,
    h('span', { class: 'pack-line-label' }, `${t('start.pack.using')} `),
    h('strong', null, tx(s.title ?? p?.title)), ` (${`${s.id} ${s.version ?? ''}`.trim()}) · `,
    h('span', { class: 'muted' }, `${t('pack.sha')} `), h('code', { class: 'hash' }, s.sha256)));
  return out;
}

// The summary of the bundled pack chosen on Start, from criteria/index.json, while the engine
// has no pack yet (the reference notice is shown from it).
export function chosenSummary() {
  return choice.source === 'bundled' ? BUNDLED_PACKS.find((b) => b.file === (choice.file ?? BUNDLED_PACKS[0]?.file))?.summary ?? null : null;
}

// Makes a bundled pack the active one. The screen is drawn again only when what it shows
// changes (not when the pack turns out to be the one already shown from the index), so a user
// typing in the region form while the engine loads keeps the focus.
function selectBundled(file) {
  const wasShown = choice.source === 'bundled' && choice.file === file && !choice.diags;
  choice.source = 'bundled';
  choice.file = file;
  choice.diags = null;
  choice.failure = null;
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
      field('data_year', t('region.dataYear'), h('input', { type: 'text', inputmode: 'numeric', value: draft.data_year }), 'region.dataYearHint'),
      field('assessment_year', t('region.assessmentYear'), h('input', { type: 'text', inputmode: 'numeric', value: draft.assessment_year })),
      field('province', t('region.province'), h('input', { type: 'text', value: draft.province, autocomplete: 'off' })),
      field('code', t('region.code'), h('input', { type: 'text', value: draft.code, autocomplete: 'off', inputmode: 'decimal' }), 'region.codeHint')),
    packLine(),
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
  document.getElementById('main').focus({ preventScroll: true });
}

function mapFormDiags(diags) {
  const rest = [];
  for (const d of diags) {
    const p = String(d.path || '');
    const m = /(data_year|assessment_year|name|kind|province|code)\b/.exec(p);
    if (m) formErrors[m[1]] = diagMessage(d);
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
      h('input', { type: 'file', id, accept: '.json,application/json,.xlsx', 'aria-describedby': `${id}-hint`, onchange: (ev) => startImport(ev.target) })));
  if (importResult) sec.append(importResult);
  return sec;
}

function startImport(input) {
  Promise.all([import('./start/import.js'), loadRest()]).then(([m]) => m.doImport(input, {
    setResult: (box) => {
      importResult = box;
      rerender();
    },
    focusLater,
  }));
}
