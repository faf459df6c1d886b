// Shared application state and the operations every view uses.
// Views read `ctx` and call the functions exported here; they never talk to
// localStorage or the engine directly except through this module.

import * as store from './store.js';
import { locate } from './paths.js';

export const TYPES = ['struktur', 'proses', 'hasil'];

// Bundled packs, fetched from the same origin (criteria/ is copied next to the app).
export const BUNDLED_PACKS = [{ file: 'criteria/kkpham-22-2021.json' }];

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
  saveError: null,
  listeners: new Set(), // called (after scoring) on every change
};

const bundledTexts = new Map(); // file → text
const bundledShas = new Map(); // sha → file

export async function fetchBundled(file) {
  if (bundledTexts.has(file)) return bundledTexts.get(file);
  const embedded = globalThis.KKPHAM_EMBED?.packs?.[file];
  let text;
  if (typeof embedded === 'string') {
    text = embedded;
  } else {
    const res = await fetch(new URL(`./${file}`, import.meta.url));
    if (!res.ok) throw new Error(`${file}: HTTP ${res.status}`);
    text = await res.text();
  }
  bundledTexts.set(file, text);
  return text;
}

export function rememberBundledSha(sha, file) {
  bundledShas.set(sha, file);
}

// Text of the pack with this hash: from localStorage, or a bundled pack.
export async function packTextFor(sha) {
  const stored = store.loadPackText(sha);
  if (stored !== null) return stored;
  if (bundledShas.has(sha)) return fetchBundled(bundledShas.get(sha));
  // Not seen yet this session: load each bundled pack to learn its hash.
  for (const { file } of BUNDLED_PACKS) {
    if ([...bundledShas.values()].includes(file)) continue;
    try {
      const text = await fetchBundled(file);
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
export async function openAssessment(key) {
  const answers = store.loadAssessment(key);
  if (!answers || !answers.pack) return 'err.notFound';
  if (!ctx.summary || ctx.summary.sha256 !== answers.pack.sha256) {
    const text = await packTextFor(answers.pack.sha256);
    if (text === null) return 'err.packMissing';
    const r = activatePack(text);
    if (!r.ok) return 'err.packMissing';
  }
  ctx.key = key;
  ctx.answers = answers;
  ctx.result = null;
  const prefs = store.getPrefs();
  const firstRight = ctx.pack.rights?.[0]?.id ?? null;
  ctx.rightId = prefs.current === key && ctx.idx.rights.has(prefs.right) ? prefs.right : firstRight;
  store.setPrefs({ current: key, right: ctx.rightId });
  rescore();
  return null;
}

export function closeAssessment() {
  ctx.key = null;
  ctx.answers = null;
  ctx.result = null;
  ctx.diags = [];
  ctx.topDiags = [];
  store.setPrefs({ current: null });
}

// Stores a brand-new assessment (answers already valid for the active pack) and opens it.
export async function createAssessment(answers) {
  const key = store.newKey();
  store.savePackText(ctx.summary.sha256, ctx.packText);
  store.saveAssessment(key, answers, null);
  store.setPrefs({ current: key, right: null });
  return openAssessment(key);
}

// The answer entry of an indicator, created on first write.
export function entry(id) {
  const a = ctx.answers.answers || (ctx.answers.answers = {});
  if (!a[id] || typeof a[id] !== 'object') a[id] = {};
  return a[id];
}

export function peek(id) {
  const e = ctx.answers?.answers?.[id];
  return e && typeof e === 'object' ? e : null;
}

// Call after every edit of ctx.answers: stamps, scores, saves, notifies.
export function changed() {
  ctx.answers.updated_at = nowIso();
  rescore();
  persist();
  for (const fn of ctx.listeners) fn();
}

export function persist() {
  try {
    store.saveAssessment(ctx.key, ctx.answers, ctx.result?.total ?? null);
    ctx.saveError = null;
  } catch (err) {
    ctx.saveError = err;
  }
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
