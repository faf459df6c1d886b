// Saved work: IndexedDB (database "kkpham"), the preferences in localStorage. The facade every
// module uses; with state/db.js (the writes and reads, loaded on first need) and
// state/migrate-v1.js (the localStorage data of earlier versions, moved once), the only code
// that touches storage. Layout, write-ahead copies and the two-tab check: web/state/README.md.
//
// Start needs only what open() reads into memory (the saved list, the efforts, the pack
// hashes, the room): db.js and the idb wrapper load when an assessment is read or written.

const P = 'kkpham:v1:';
// The records earlier versions kept in localStorage (moved over by migrate-v1.js).
export const V1_DATA = /^kkpham:v1:(index$|a:|s:|effort:|pack:)/;
const WAL = 'kkpham:wal:';

/** Another tab saved this assessment since this tab last read or wrote it. */
export class ConflictError extends Error {
  constructor(key, deleted) {
    super(deleted ? `assessment ${key} was deleted in another tab` : `assessment ${key} was changed in another tab`);
    this.name = 'ConflictError';
    this.key = key;
    this.deleted = deleted;
  }
}

/** True for the errors a full storage raises (names differ between browsers). */
export function isQuotaError(err) {
  return err instanceof DOMException && (err.name === 'QuotaExceededError' || err.name === 'NS_ERROR_DOM_QUOTA_REACHED' || err.code === 22);
}

export function newKey() {
  const rnd = crypto.getRandomValues(new Uint32Array(2));
  return `${Date.now().toString(36)}-${rnd[0].toString(36)}${rnd[1].toString(36)}`;
}

// This page (a reload is a new page): the writer of its records, the owner of its copies.
const PAGE = newKey();

// What Start reads, kept current by this page's writes and the other tabs' messages.
const cache = { meta: new Map(), effort: new Map(), packs: new Set() };
const listeners = new Set();
let raw = null; // the IDBDatabase
let opened = null;
let dbm = null; // db.js, once loaded
let dbLoading = null;

function loadDb() {
  dbLoading ??= import('./db.js').then((m) => {
    m.init({ raw, page: PAGE, cache, ConflictError, tell, P, WAL });
    dbm = m;
    return m;
  });
  return dbLoading;
}
const withDb = (fn) => (dbm ? fn(dbm) : loadDb().then(fn));

const request = (req) => new Promise((resolve, reject) => {
  req.onsuccess = () => resolve(req.result);
  req.onerror = () => reject(req.error);
});

function openRaw() {
  const req = indexedDB.open('kkpham', 1);
  req.onupgradeneeded = () => {
    for (const name of ['answers', 'meta', 'scenarios', 'efforts', 'packs', 'log']) req.result.createObjectStore(name, { keyPath: 'key' });
  };
  req.onblocked = () => req.onerror?.();
  return request(req);
}

async function readCaches() {
  const tx = raw.transaction(['meta', 'efforts', 'packs'], 'readonly');
  const [meta, efforts, packs] = await Promise.all([tx.objectStore('meta').getAll(), tx.objectStore('efforts').getAll(),
    tx.objectStore('packs').getAllKeys()].map(request));
  cache.meta = new Map(meta.map((m) => [m.key, m]));
  cache.effort = new Map(efforts.map((r) => [r.key, r.effort]));
  cache.packs = new Set(packs);
}

const localKeys = (test) => Object.keys(localStorage).filter(test);

/**
 * Opens the database before the first screen: moves the localStorage data of earlier versions
 * over (once), writes what dead pages left in their write-ahead copies, and reads the saved list.
 * Without IndexedDB the app still runs; every save then fails visibly (the storage warning).
 */
export function open() {
  opened ??= (async () => {
    // Held for the page's lifetime: a start tells a dead page's copies from a live one's.
    navigator.locks?.request(`kkpham-page:${PAGE}`, () => new Promise(() => {})).catch(() => {});
    try {
      raw = await openRaw();
    } catch (err) {
      console.warn('IndexedDB unavailable: nothing can be saved', err);
      return;
    }
    raw.onversionchange = () => raw.close(); // a newer version in another tab upgrades it
    if (localKeys((k) => V1_DATA.test(k)).length) await (await import('./migrate-v1.js')).migrateV1(raw, V1_DATA);
    if (localKeys((k) => k.startsWith(WAL) && !k.startsWith(`${WAL}${PAGE}:`)).length) await (await loadDb()).replayOrphans();
    await Promise.all([readCaches(), refreshRoom().catch(() => {})]);
    try {
      channel = new BroadcastChannel('kkpham-store');
      channel.onmessage = (ev) => heard(ev.data);
    } catch {
      channel = null; // no other tab to tell
    }
  })();
  return opened;
}

// ------------------------------------------------------------- the other tabs
let channel = null;

function tell(msg) {
  try {
    channel?.postMessage(msg);
  } catch {
    /* closed: the page is going away */
  }
}

// Another tab's committed write: {kind, key, ...}.
function heard(msg) {
  if (!msg || typeof msg.key !== 'string') return;
  if (msg.meta) cache.meta.set(msg.key, msg.meta);
  if (msg.kind === 'deleted') {
    cache.meta.delete(msg.key);
    cache.effort.delete(msg.key);
  } else if (msg.kind === 'efforts') {
    if (Object.keys(msg.effort || {}).length) cache.effort.set(msg.key, msg.effort);
    else cache.effort.delete(msg.key);
  } else if (msg.kind === 'packs') {
    if (Array.isArray(msg.shas)) cache.packs = new Set(msg.shas);
    else cache.packs.add(msg.key);
  }
  dbm?.heard(msg);
  for (const fn of listeners) fn(msg);
}

/** Calls fn({kind, key}) when another tab has committed a write ('answers', 'deleted', …). */
export function onExternalChange(fn) {
  listeners.add(fn);
}

// ------------------------------------------------------------------ assessments
// Saves resolve when the write has committed (a write-ahead copy is kept until then) and reject
// with a QuotaExceededError when the storage is full, or a ConflictError when another tab saved
// the assessment since this one read it (unless {force: true}: the user chose to overwrite).
export function listAssessments() {
  return [...cache.meta.values()];
}
export const saveAssessment = (key, answers, total, opts) => withDb((m) => m.saveAssessment(key, answers, total, opts));
export const saveTotal = (key, total) => withDb((m) => m.saveTotal(key, total));
/** The answers (null when there are none), taken as this tab's version. */
export const loadAssessment = (key) => withDb((m) => m.loadAssessment(key));
/** The answers without taking them as this tab's version (for comparisons). */
export const peekAssessment = (key) => withDb((m) => m.load('answers', key));
// With it goes the copy kept to undo its last merge of office returns (state/offices-work.js).
export const deleteAssessment = (key) => withDb((m) => m.deleteAssessment(key).then(() => m.deleteScenario(`undo:${key}`)));
/** True when another tab has saved (or deleted) this assessment since this tab read or wrote it. */
export const changedElsewhere = (key) => Boolean(dbm?.changedElsewhere(key));
/** Forgets what this tab knew about an assessment (it is no longer open here). */
export const forget = (key) => dbm?.forget(key);
/** Resolves when every write started so far has settled. */
export const whenSaved = () => (dbLoading ? dbLoading.then((m) => m.whenSaved()) : Promise.resolve());

export const saveScenario = (key, answers) => withDb((m) => m.saveScenario(key, answers));
export const loadScenario = (key) => withDb((m) => m.load('scenarios', key));
export const deleteScenario = (key) => withDb((m) => m.deleteScenario(key));

/** A copy of the efforts set in the gap view ({} when none). */
export function loadEffort(key) {
  return { ...cache.effort.get(key) };
}
export const saveEffort = (key, effort) => withDb((m) => m.saveEffort(key, effort));

export const savePackText = (sha, text) => (cache.packs.has(sha) ? Promise.resolve() : withDb((m) => m.savePackText(sha, text)));
export const loadPackText = (sha) => withDb((m) => m.loadPackText(sha));
export function storedPackShas() {
  return [...cache.packs];
}

// ------------------------------------------------------------------ the browser's room
let room = null;
let persistAsked = null;

/** The last answer of the browser: {usage, quota, persisted}, or null. */
export function lastRoom() {
  return room;
}

/**
 * Reads how much this origin uses and may use (navigator.storage.estimate()) and whether the
 * browser keeps its data when the disk runs low ('granted', 'denied', 'unsupported'); with
 * {ask: true} persistent storage is asked for (once per page) when not granted yet.
 */
export async function refreshRoom({ ask = false } = {}) {
  const s = navigator.storage;
  const est = await s?.estimate?.().catch(() => null);
  let persisted = 'unsupported';
  if (s?.persisted) {
    persisted = (await s.persisted()) ? 'granted' : 'denied';
    if (persisted === 'denied' && ask && s.persist) {
      persistAsked ??= s.persist().catch(() => false);
      if (await persistAsked) persisted = 'granted';
    }
  }
  room = { usage: est?.usage ?? null, quota: est?.quota ?? null, persisted };
  return room;
}

// ------------------------------------------------------------------- preferences
// {lang, current, right, large, whatif, view}: a few bytes in localStorage, read synchronously
// before the first paint.
export function getPrefs() {
  let saved = null;
  try {
    saved = JSON.parse(localStorage.getItem(`${P}prefs`));
  } catch {
    /* unreadable: the defaults */
  }
  return { lang: 'id', current: null, right: null, large: false, whatif: null, ...(saved || {}) };
}

// Preferences are a convenience: a full storage must not stop the app over them.
export function setPrefs(patch) {
  try {
    localStorage.setItem(`${P}prefs`, JSON.stringify({ ...getPrefs(), ...patch }));
  } catch {
    /* storage full: the preference is kept for this page only */
  }
}
