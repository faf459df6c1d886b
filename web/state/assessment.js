// The open assessment: shared application state and the operations every view uses.
// Views read `ctx` and call the functions exported here; they never talk to the storage
// (store.js) or the engine (web/engine/) directly: this module is their one way in.

import * as store from './store.js';
import { locate } from './paths.js';

// The JS facade over the engine (and, through it, the wasm), loaded on first need: Start does
// not need it to be shown. The single-file build (scripts/build-single-file.mjs) turns this
// import() into a static import (a file:// page cannot fetch modules).
const engineModule = () => import('../engine/kkpham-api.js');

export const TYPES = ['struktur', 'proses', 'hasil'];

// Bundled packs, fetched from the same origin (criteria/ is copied next to the app).
// Filled by loadPackIndex() from criteria/index.json, which the build writes with each pack's
// summary (the engine's packSummary), so Start can show the packs before the engine is loaded.
// Entries: { file, summary | null }.
export const BUNDLED_PACKS = [];

export const ctx = {
  engine: null,
  view: 'start',
  // active pack
  pack: null, // parsed pack JSON
  packText: null,
  summary: null, // engine.packSummary()
  idx: null, // indexes over the pack, see indexPack()
  // active assessment
  key: null,
  answers: null,
  result: null, // last successful score result
  diags: [], // diagnostics of the current answers (validation errors)
  scored: null, // the answers the last result was computed from (invalid parts left out)
  topDiags: [], // diagnostics that could not be tied to one answer
  rightId: null,
  saveError: null, // the last save failed (storage full): the guard warns and offers an export
  conflict: null, // a store.ConflictError: another tab saved this assessment (the guard asks)
  // What-if mode: ctx.answers is a scenario copy; the real answers wait here untouched.
  whatIf: null, // {real, realResult} while a scenario is being edited
  // Office mode (state/offices-scope.js): an office package is open; ctx.pack holds its indicators only.
  office: null, // {scope, leave()}
  listeners: new Set(), // called (after scoring) on every change
};

const bundledTexts = new Map(); // file → text
const bundledShas = new Map(); // sha → file

// Reads the list of bundled packs: criteria/index.json (served app), or the packs inlined in a
// single-file build (summaries then come from the engine, which is inlined too).
export async function loadPackIndex() {
  if (BUNDLED_PACKS.length) return BUNDLED_PACKS;
  const embedded = globalThis.KKPHAM_EMBED?.packs;
  let entries;
  if (embedded) {
    entries = Object.keys(embedded).sort().map((file) => ({ file, summary: null }));
  } else {
    const res = await fetch(new URL('../criteria/index.json', import.meta.url));
    if (!res.ok) throw new Error(`criteria/index.json: HTTP ${res.status}`);
    const index = await res.json();
    if (index?.format !== 'kkpham-pack-index' || !Array.isArray(index.packs)) throw new Error('criteria/index.json: not a kkpham pack index');
    entries = index.packs
      .filter((p) => typeof p?.file === 'string' && p.summary && typeof p.summary.sha256 === 'string')
      .map((p) => ({ file: p.file, summary: p.summary }));
  }
  BUNDLED_PACKS.push(...entries);
  for (const b of BUNDLED_PACKS) if (b.summary) bundledShas.set(b.summary.sha256, b.file);
  return BUNDLED_PACKS;
}

// The engine is loaded once, on first need (Start does not need it to be shown).
let enginePromise = null;
export function ensureEngine() {
  if (ctx.engine) return Promise.resolve(ctx.engine);
  if (!enginePromise) {
    // A single-file build hands over its own module factory (see web/README.md).
    enginePromise = engineModule().then(({ loadEngine }) => loadEngine(globalThis.KKPHAM_EMBED?.engineArgs ?? {})).then((engine) => {
      ctx.engine = engine;
      document.body.dataset.engine = 'ready';
      return engine;
    }, (err) => {
      enginePromise = null; // offline and not cached yet: a later attempt may succeed
      throw err;
    });
  }
  return enginePromise;
}

// A module worker running the same engine (web/engine/compare-worker.js), for the Compare
// screen's pool. Throws where module workers cannot start.
export function startCompareWorker() {
  return new Worker(new URL('../engine/compare-worker.js', import.meta.url), { type: 'module' });
}

const THRESHOLD_FALLBACK = 75;

// The minimum of the active pack's highest predicate ("Peduli HAM", 75 in the bundled pack).
export function threshold() {
  const top = ctx.pack?.aggregation?.predicates?.[0];
  return typeof top?.min === 'number' ? top.min : THRESHOLD_FALLBACK;
}

export async function fetchBundled(file) {
  if (bundledTexts.has(file)) return bundledTexts.get(file);
  const embedded = globalThis.KKPHAM_EMBED?.packs?.[file];
  let text;
  if (typeof embedded === 'string') {
    text = embedded;
  } else {
    const res = await fetch(new URL(`../${file}`, import.meta.url));
    if (!res.ok) throw new Error(`${file}: HTTP ${res.status}`);
    text = await res.text();
  }
  bundledTexts.set(file, text);
  return text;
}

export function rememberBundledSha(sha, file) {
  bundledShas.set(sha, file);
}

export function bundledFileOf(sha) {
  return bundledShas.get(sha) ?? null;
}

// Text of the pack with this hash: from the saved packs, or a bundled pack.
export async function packTextFor(sha) {
  const stored = await store.loadPackText(sha);
  if (stored !== null) return stored;
  if (bundledShas.has(sha)) return fetchBundled(bundledShas.get(sha));
  // Not seen yet this session (a single-file build has no index): load each bundled pack to
  // learn its hash.
  await loadPackIndex();
  for (const { file } of BUNDLED_PACKS) {
    if ([...bundledShas.values()].includes(file)) continue;
    try {
      const text = await fetchBundled(file);
      await ensureEngine();
      const sum = summaryOf(text);
      if (sum) rememberBundledSha(sum.sha256, file);
      if (sum && sum.sha256 === sha) return text;
    } catch {
      /* offline and not cached: try the next one */
    }
  }
  return null;
}

// The summary of a pack text without keeping it loaded (restores the active pack).
export function summaryOf(text) {
  const e = ctx.engine;
  const r = e.loadPack(text);
  const sum = r.ok ? r.pack ?? e.packSummary() : null;
  if (ctx.packText !== null && ctx.packText !== text) e.loadPack(ctx.packText);
  return sum;
}

export function indexPack(pack) {
  const rights = new Map();
  const indicators = new Map();
  const byRight = new Map();
  for (const r of pack.rights || []) {
    rights.set(r.id, r);
    byRight.set(r.id, { struktur: [], proses: [], hasil: [] });
  }
  for (const ind of pack.indicators || []) {
    indicators.set(ind.id, ind);
    const g = byRight.get(ind.right);
    if (g && g[ind.type]) g[ind.type].push(ind);
  }
  const groups = new Map((pack.groups || []).map((g) => [g.id, g]));
  const listByRight = new Map([...byRight].map(([id, g]) => [id, [...g.struktur, ...g.proses, ...g.hasil]]));
  return { rights, indicators, byRight, listByRight, groups, ids: new Set(indicators.keys()) };
}

// Makes `text` the engine's pack. Returns the engine's answer ({ok, errors, warnings}).
export function activatePack(text) {
  const r = ctx.engine.loadPack(text);
  if (!r.ok) {
    if (ctx.packText !== null) ctx.engine.loadPack(ctx.packText);
    return r;
  }
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, errors: [] };
  }
  ctx.pack = parsed;
  ctx.packText = text;
  ctx.summary = r.pack ?? ctx.engine.packSummary();
  ctx.idx = indexPack(parsed);
  document.dispatchEvent(new CustomEvent('kkpham:pack'));
  return r;
}

export function nowIso() {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

// Opens a saved assessment. Returns null on success, or a reason key for t().
// A scenario left open for this assessment (what-if mode) is resumed unless {whatIf: false}.
export async function openAssessment(key, { whatIf = true } = {}) {
  const answers = await store.loadAssessment(key);
  if (!answers || !answers.pack) return 'err.notFound';
  await ensureEngine();
  flush();
  ctx.office?.leave();
  if (!ctx.summary || ctx.summary.sha256 !== answers.pack.sha256) {
    const text = await packTextFor(answers.pack.sha256);
    if (text === null) return 'err.packMissing';
    const r = activatePack(text);
    if (!r.ok) return 'err.packMissing';
  }
  if (ctx.key && ctx.key !== key) store.forget(ctx.key);
  ctx.key = key;
  ctx.answers = answers;
  ctx.result = null;
  ctx.whatIf = null;
  ctx.conflict = null;
  if (answers.scope?.kind === 'office-package') (await import('./offices-scope.js')).enterOfficeMode(ctx, indexPack);
  const prefs = store.getPrefs();
  const firstRight = ctx.pack.rights?.[0]?.id ?? null;
  ctx.rightId = prefs.current === key && ctx.idx.rights.has(prefs.right) ? prefs.right : firstRight;
  const resumeWhatIf = whatIf && prefs.whatif === key ? await store.loadScenario(key) : null;
  store.setPrefs({ current: key, right: ctx.rightId, whatif: resumeWhatIf ? key : null });
  rescore();
  persist(); // records the total in the saved list (the answers themselves are unchanged)
  if (resumeWhatIf) enterWhatIf(resumeWhatIf);
  document.dispatchEvent(new CustomEvent('kkpham:open'));
  return null;
}

export function closeAssessment() {
  flush();
  ctx.office?.leave();
  if (ctx.key) store.forget(ctx.key);
  ctx.key = null;
  ctx.answers = null;
  ctx.result = null;
  ctx.whatIf = null;
  ctx.conflict = null;
  ctx.diags = [];
  ctx.topDiags = [];
  // prefs.whatif stays: opening this assessment again resumes its scenario.
  store.setPrefs({ current: null });
  document.dispatchEvent(new CustomEvent('kkpham:open'));
}

// Saves `answers` under a new key (the open one is left as it is in storage) and opens it.
export async function saveAsNew(answers) {
  const key = store.newKey();
  await store.savePackText(ctx.summary.sha256, ctx.packText);
  await store.saveAssessment(key, answers, null);
  return openAssessment(key);
}

// Stores a brand-new assessment (answers already valid for the active pack) and opens it.
export async function createAssessment(answers) {
  const key = store.newKey();
  await store.savePackText(ctx.summary.sha256, ctx.packText);
  await store.saveAssessment(key, answers, null);
  store.setPrefs({ current: key, right: null, whatif: null });
  return openAssessment(key);
}

// The answer entry of an indicator, created on first write.
export function entry(id) {
  const a = ctx.answers.answers || (ctx.answers.answers = {});
  if (!a[id] || typeof a[id] !== 'object') a[id] = {};
  return a[id];
}

// Marks one indicator "not applicable" (or not): an answer it had is dropped with it.
export function setNotApplicable(id, na) {
  const en = entry(id);
  en.na = na;
  if (na) {
    en.value = null;
    delete en.numerator;
    delete en.denominator;
  }
}

// The edits the screens make to one answer, each then scored and saved (changed()). A value
// given drops the "not applicable" mark.
export function setAnswer(id, value) {
  const en = entry(id);
  en.value = value;
  en.na = false;
  changed();
}

// A percent answer given as a fraction: sets its numerator and/or denominator (null removes one;
// undefined leaves it). The engine computes the value, 100 × numerator / denominator, exactly.
export function setFraction(id, { numerator, denominator }) {
  const en = entry(id);
  for (const [field, v] of [['numerator', numerator], ['denominator', denominator]]) {
    if (v === null) delete en[field];
    else if (v !== undefined) en[field] = v;
  }
  en.value = null;
  en.na = false;
  changed();
}

// Back from a fraction to a plain percentage: the one the engine computed from the fraction
// stays as the value.
export function dropFraction(id) {
  const en = entry(id);
  const computed = resultMaps().indicators.get(id);
  if (computed?.status === 'answered' && typeof computed.value === 'number') en.value = computed.value;
  delete en.numerator;
  delete en.denominator;
  changed();
}

export function peek(id) {
  const e = ctx.answers?.answers?.[id];
  return e && typeof e === 'object' ? e : null;
}

// Call after every edit of ctx.answers: stamps, scores, saves, notifies.
// The answers are saved at once (nothing typed is ever lost). Scoring and drawing follow right
// after the event that made the change (a microtask: the new score is in the DOM before the next
// paint); several changes made by one event (applying a plan, clearing an answer) are scored once.
let framePending = false;
export function changed() {
  ctx.answers.updated_at = nowIso();
  persist();
  if (framePending) return;
  framePending = true;
  queueMicrotask(flush);
}

// Scores pending changes now (also called before anything that reads the result).
export function flush() {
  if (!framePending) return;
  framePending = false;
  if (!ctx.answers) return;
  rescore();
  if (!ctx.whatIf && !ctx.saveError && !ctx.conflict) {
    const key = ctx.key;
    store.saveTotal(key, ctx.result?.total).catch((err) => { // the answers were saved when they changed
      if (ctx.key === key) ctx.saveError = err;
    });
  }
  for (const fn of ctx.listeners) fn();
}

// Saves the answers being edited: the assessment, or in what-if mode the scenario only.
// The write starts at once (store.js keeps a write-ahead copy until it has committed). A full
// storage (ctx.saveError) and a save by another tab (ctx.conflict) are recorded when the write
// settles and announced with a 'kkpham:save' event; guard.js shows them. {force} overwrites
// another tab's save (only after the user chose so). Resolves when the write has settled.
export function persist({ force = false } = {}) {
  if (!ctx.key || !ctx.answers) return Promise.resolve();
  const key = ctx.key;
  const saving = ctx.whatIf ? store.saveScenario(key, ctx.answers)
    : store.saveAssessment(key, ctx.answers, ctx.result?.total ?? null, { force });
  const state = () => `${Boolean(ctx.saveError)}:${Boolean(ctx.conflict)}`;
  return saving.then(() => null, (err) => err).then((err) => {
    if (ctx.key !== key) return;
    const was = state();
    if (!err) {
      ctx.saveError = null;
      ctx.conflict = null;
    } else if (err instanceof store.ConflictError) ctx.conflict = err;
    else ctx.saveError = err;
    if (state() !== was) for (const fn of ctx.listeners) fn(); // the screens show "not saved" (or saved again)
    document.dispatchEvent(new CustomEvent('kkpham:save'));
  });
}

// ------------------------------------------------------------------ what-if mode
// The scenario is a copy of the answers. Edits go to the copy (saved as store 's:<key>'),
// the real answers stay exactly as they were until the user adopts the scenario.
function enterWhatIf(scenario) {
  flush();
  ctx.whatIf = { real: ctx.answers, realResult: ctx.result };
  ctx.answers = scenario;
  store.setPrefs({ whatif: ctx.key });
  rescore();
  persist();
  document.dispatchEvent(new CustomEvent('kkpham:whatif'));
}

export function startWhatIf() {
  if (!ctx.answers || ctx.whatIf) return;
  enterWhatIf(structuredClone(ctx.answers));
}

// Leaves what-if mode and forgets the scenario; the real answers are shown again.
export function discardWhatIf() {
  if (!ctx.whatIf) return;
  flush();
  ctx.answers = ctx.whatIf.real;
  ctx.whatIf = null;
  store.deleteScenario(ctx.key).catch(() => {}); // a scenario left behind is not resumed (prefs.whatif)
  store.setPrefs({ whatif: null });
  rescore();
  document.dispatchEvent(new CustomEvent('kkpham:whatif'));
  for (const fn of ctx.listeners) fn();
}

// Makes the scenario the real answers. Returns null, or 'conflict' / 'storage' when it could
// not be saved (the scenario is then kept as it is).
export async function adoptWhatIf() {
  if (!ctx.whatIf) return null;
  flush();
  const scenario = ctx.answers;
  scenario.updated_at = nowIso();
  try {
    await store.saveAssessment(ctx.key, scenario, ctx.result?.total ?? null);
  } catch (err) {
    return err instanceof store.ConflictError ? 'conflict' : 'storage';
  }
  if (ctx.answers !== scenario) return null; // left meanwhile
  ctx.whatIf = null;
  store.deleteScenario(ctx.key).catch(() => {});
  store.setPrefs({ whatif: null });
  rescore();
  document.dispatchEvent(new CustomEvent('kkpham:whatif'));
  for (const fn of ctx.listeners) fn();
  return null;
}

// The answers entries (indicator id → entry) that differ between the scenario and the real answers.
export function scenarioChanges() {
  if (!ctx.whatIf) return [];
  const real = ctx.whatIf.real.answers || {};
  const scen = ctx.answers.answers || {};
  const out = [];
  for (const id of new Set([...Object.keys(real), ...Object.keys(scen)])) {
    if (JSON.stringify(real[id] ?? null) !== JSON.stringify(scen[id] ?? null)) out.push(id);
  }
  return out;
}

// ------------------------------------------------------------------ packs, briefly
// Runs fn with `text` as the engine's pack and restores the active pack afterwards.
export function withPack(text, fn) {
  if (text === ctx.packText) return fn();
  const r = ctx.engine.loadPack(text);
  if (!r.ok) return { ok: false, errors: r.errors || [] };
  try {
    return fn();
  } finally {
    if (ctx.packText !== null) ctx.engine.loadPack(ctx.packText);
  }
}

// The answers entries that give full points (engine.makeTemplate fill "max"), per pack.
const maxCache = new Map();
export function fullAnswers() {
  const sha = ctx.summary?.sha256;
  if (!sha) return {};
  if (!maxCache.has(sha)) {
    const y = Number.isInteger(ctx.answers?.data_year) ? ctx.answers.data_year : new Date().getFullYear() - 1;
    let r = ctx.engine.makeTemplate({ fill: 'max', data_year: y, assessment_year: y + 1 });
    if (!r.ok) r = ctx.engine.makeTemplate({ fill: 'max' });
    maxCache.set(sha, r.ok ? r.answers.answers || {} : {});
  }
  return maxCache.get(sha);
}

// Sets indicator `id` of the answers being edited to its full-points answer. With
// withEvidence, every required evidence item is marked ready too (the "evidenced" basis).
export function raiseToFull(id, { withEvidence = false } = {}) {
  const full = fullAnswers()[id];
  const ind = ctx.idx.indicators.get(id);
  if (!full || !ind) return false;
  const e = entry(id);
  e.value = full.value;
  e.na = false;
  delete e.numerator;
  delete e.denominator;
  if (withEvidence) {
    if (!Array.isArray(e.evidence)) e.evidence = [];
    for (const ev of ind.evidence || []) {
      if (ev.required === false) continue;
      let item = e.evidence.find((x) => x && x.id === ev.id);
      if (!item) {
        item = { id: ev.id, status: 'missing' };
        e.evidence.push(item);
      }
      item.status = 'ready';
    }
  }
  return true;
}

// Removes the parts of the answers that the diagnostics name, so the rest still scores.
function sanitize(answers, diags) {
  const copy = structuredClone(answers);
  const ids = ctx.idx?.ids;
  let touched = false;
  for (const d of diags) {
    const loc = locate(d.path, ids);
    if (!loc || loc.scope !== 'answer') continue;
    const a = copy.answers?.[loc.indicator];
    if (a === undefined) continue;
    touched = true;
    const fractionProblem = loc.field === '' && String(d.code || '').startsWith('answers.fraction');
    if (!ids?.has(loc.indicator) || (loc.field === '' && !fractionProblem) || typeof a !== 'object' || a === null) {
      delete copy.answers[loc.indicator];
    } else if (loc.field === 'evidence') {
      if (loc.evidence !== null && Array.isArray(a.evidence)) a.evidence[loc.evidence] = null;
      else delete a.evidence;
    } else if (fractionProblem || ['value', 'na', 'numerator', 'denominator'].includes(loc.field)) {
      a.value = null;
      a.na = false;
      delete a.numerator;
      delete a.denominator;
    } else {
      delete a[loc.field];
    }
  }
  for (const a of Object.values(copy.answers || {})) {
    if (a && Array.isArray(a.evidence)) a.evidence = a.evidence.filter((x) => x !== null);
  }
  return touched ? copy : null;
}

// Scores the current answers; on validation errors scores what is valid and
// keeps the errors for display.
export function rescore() {
  const e = ctx.engine;
  let r = e.score(ctx.answers);
  if (r.ok) {
    ctx.result = r.result ?? r; // the core returns the result document itself, with "ok"
    ctx.scored = ctx.answers;
    ctx.diags = [];
    ctx.topDiags = [];
    return;
  }
  const v = e.validateAnswers(ctx.answers);
  const diags = v.errors && v.errors.length ? v.errors : r.errors || [];
  ctx.diags = diags;
  let cur = ctx.answers;
  for (let i = 0; i < 4 && !r.ok; i += 1) {
    const clean = sanitize(cur, i === 0 ? diags : r.errors || []);
    if (!clean) break;
    cur = clean;
    r = e.score(cur);
  }
  const ids = ctx.idx?.ids;
  ctx.topDiags = diags.filter((d) => locate(d.path, ids)?.scope !== 'answer');
  if (r.ok) {
    ctx.result = r.result ?? r;
    ctx.scored = cur;
  } else if (!ctx.topDiags.length) ctx.topDiags = r.errors || [];
}

// Diagnostics for one indicator, grouped by field key ('value', 'evidence.0', 'note', …).
export function diagsFor(id) {
  const out = [];
  const ids = ctx.idx?.ids;
  for (const d of ctx.diags) {
    const loc = locate(d.path, ids);
    if (loc?.scope === 'answer' && loc.indicator === id) out.push({ ...d, loc });
  }
  return out;
}

export function resultIndicator(id) {
  return ctx.resultIndex?.get(id) ?? null;
}

// Fast lookups into the last result (rebuilt lazily when the result object changes).
let indexedResult = null;
export function resultMaps() {
  if (indexedResult !== ctx.result) {
    indexedResult = ctx.result;
    ctx.resultIndex = new Map((ctx.result?.indicators || []).map((i) => [i.id, i]));
    ctx.rightIndex = new Map((ctx.result?.rights || []).map((r) => [r.id, r]));
  }
  return { indicators: ctx.resultIndex, rights: ctx.rightIndex };
}
