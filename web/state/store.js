// Saved work: IndexedDB (database "kkpham"), with the preferences in localStorage. The only
// module that touches either (with state/db.js and state/migrate-v1.js, which it loads).
//
//   IndexedDB object stores (keyPath "key"):
//     answers    {key, text, version, writer, seq}  the answers file as text (docs/answers-format.md)
//     meta       {key, pack, region, data_year, assessment_year, updated_at, total}  the saved list
//     scenarios  {key, text, writer, seq}            a what-if scenario of that assessment
//     efforts    {key, effort, writer, seq}          {"<indicator id>": effort} set in the gap view
//     packs      {key: <sha256>, text}               the text of a pack that a saved assessment uses
//     log        {key: 'migration', ...}             when the localStorage data was moved over
//   localStorage:
//     kkpham:v1:prefs                  {lang, current, right, large, whatif, view}: small, read
//                                      synchronously before the first paint
//     kkpham:wal:<page>:<store>:<key>  write-ahead copy of a record whose IndexedDB write has not
//                                      committed yet (see below)
//     kkpham:v1:*                      the storage of earlier versions, moved over once on start
//                                      (state/migrate-v1.js) and then removed
//
// Nothing typed is lost. IndexedDB writes are asynchronous; each save first puts the record in
// the write-ahead copy (localStorage, synchronous), then starts its IndexedDB transaction at
// once (one at a time per record; a save made while one is running replaces the queued one) and
// removes the copy when the transaction has committed. A page that dies before that (a crash, a
// closed tab) leaves the copy behind, and the next start writes it to IndexedDB
// (state/db.js replay) before anything is read. Each page holds a Web Lock for its lifetime, so
// a start can tell a dead page's copies from a live page's.
//
// Two tabs never overwrite each other silently. Every answers record carries a version (raised
// by each write) and the page that wrote it; this module remembers the version it last read or
// wrote per assessment, and the write transaction checks it: when another page has written in
// between, the save rejects with a ConflictError instead of overwriting, and the caller asks the
// user (assessment.js, guard.js, views/alerts.js). Committed writes are announced to the other
// tabs on a BroadcastChannel (onExternalChange), which keeps the saved list current and lets the
// guard warn before the next edit.
//
// A full storage makes the write reject with the browser's QuotaExceededError (isQuotaError);
// the caller keeps the answers in the page and offers an export. Nothing here leaves the browser.

const P = 'kkpham:v1:';
// The records earlier versions kept in localStorage (moved over by state/migrate-v1.js).
export const V1_DATA = /^kkpham:v1:(index$|a:|s:|effort:|pack:)/;
const WAL = 'kkpham:wal:';
const DB_NAME = 'kkpham';
const DB_VERSION = 1;
export const STORES = ['answers', 'meta', 'scenarios', 'efforts', 'packs', 'log'];

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

// This page (a reload is a new page): the writer of its records and the owner of its copies.
export const PAGE = newKey();

// ------------------------------------------------------------------------ caches
const metaCache = new Map(); // key → saved-list entry
const effortCache = new Map(); // key → efforts
const packShas = new Set();
const known = new Map(); // key → the version this page last read or wrote
const latest = new Map(); // key → the newest version heard of (null: deleted elsewhere)
const listeners = new Set();
let db = null; // the raw IDBDatabase
let opened = null;
let channel = null;

// The IndexedDB side (idb, transactions, replay), loaded on the first read or write: Start only
// needs the caches filled by open().
let dbModule = null;
const loadDb = () => (dbModule ??= import('./db.js'));

function openRaw() {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, DB_VERSION);
    req.onupgradeneeded = () => {
      for (const name of STORES) if (!req.result.objectStoreNames.contains(name)) req.result.createObjectStore(name, { keyPath: 'key' });
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
    req.onblocked = () => reject(new DOMException('kkpham database upgrade blocked by another tab', 'AbortError'));
  });
}

function readCaches() {
  return new Promise((resolve, reject) => {
    const tx = db.transaction(['meta', 'efforts', 'packs'], 'readonly');
    const meta = tx.objectStore('meta').getAll();
    const efforts = tx.objectStore('efforts').getAll();
    const packs = tx.objectStore('packs').getAllKeys();
    tx.oncomplete = () => {
      metaCache.clear();
      for (const { key, ...m } of meta.result) metaCache.set(key, { key, ...m });
      effortCache.clear();
      for (const r of efforts.result) effortCache.set(r.key, r.effort);
      packShas.clear();
      for (const k of packs.result) packShas.add(k);
      resolve();
    };
    tx.onerror = () => reject(tx.error);
  });
}

function localKeys(prefix) {
  const out = [];
  for (let i = 0; i < localStorage.length; i += 1) {
    const k = localStorage.key(i);
    if (k && k.startsWith(prefix)) out.push(k);
  }
  return out;
}

/**
 * Opens the database before the first screen: moves localStorage data of earlier versions over
 * (once), writes what dead pages left in their write-ahead copies, and fills the caches the
 * saved list reads. Without IndexedDB the app still runs; every save then fails visibly.
 */
export function open() {
  opened ??= (async () => {
    if (globalThis.navigator?.locks) navigator.locks.request(`kkpham-page:${PAGE}`, () => new Promise(() => {})).catch(() => {});
    try {
      db = await openRaw();
    } catch (err) {
      console.warn('IndexedDB unavailable: nothing can be saved', err);
      return;
    }
    db.onversionchange = () => db.close(); // a newer version in another tab upgrades the database
    if (localKeys(P).some((k) => V1_DATA.test(k))) {
      const { migrateV1 } = await import('./migrate-v1.js');
      await migrateV1(db, V1_DATA);
    }
    if (localKeys(WAL).some((k) => !k.startsWith(`${WAL}${PAGE}:`))) {
      const m = await loadDb();
      await m.replayOrphans(db, PAGE);
    }
    await Promise.all([readCaches(), refreshRoom().catch(() => {})]);
    try {
      channel = new BroadcastChannel('kkpham-store');
      channel.onmessage = (ev) => heard(ev.data);
    } catch {
      channel = null; // no other tab to tell (a file:// page in some browsers)
    }
  })();
  return opened;
}

// Another tab's committed write.
function heard(msg) {
  if (!msg || typeof msg.key !== 'string') return;
  if (msg.kind === 'answers' || msg.kind === 'meta') {
    if (msg.meta) metaCache.set(msg.key, msg.meta);
    if (msg.kind === 'answers' && msg.writer !== PAGE) latest.set(msg.key, msg.version);
  } else if (msg.kind === 'deleted') {
    metaCache.delete(msg.key);
    effortCache.delete(msg.key);
    latest.set(msg.key, null);
  } else if (msg.kind === 'effort') {
    if (msg.effort && Object.keys(msg.effort).length) effortCache.set(msg.key, msg.effort);
    else effortCache.delete(msg.key);
  } else if (msg.kind === 'pack') {
    packShas.add(msg.key);
  } else if (msg.kind === 'packs') {
    packShas.clear();
    for (const k of msg.shas) packShas.add(k);
  }
  for (const fn of listeners) fn(msg);
}

function tell(msg) {
  try {
    channel?.postMessage(msg);
  } catch {
    /* the channel is closed (page unloading) */
  }
}

/** Calls fn({kind, key}) when another tab has committed a write. */
export function onExternalChange(fn) {
  listeners.add(fn);
}

// ---------------------------------------------------------- the write pipeline
// One queue per record: a job runs when the previous one has committed; a save made meanwhile
// replaces the queued job (its caller is answered when the replacing job commits).
const queues = new Map(); // "<store>:<key>" → {running, next, waiters}
let seq = 0;

function walName(store, key) {
  return `${WAL}${PAGE}:${store}:${key}`;
}

// The write-ahead copy: a header line, then the record's text as is.
function writeAhead(job) {
  const { text, ...head } = job;
  try {
    localStorage.setItem(walName(job.store, job.key), `${JSON.stringify(head)}\n${text ?? ''}`);
  } catch {
    /* localStorage full: the IndexedDB write still goes ahead */
  }
}

function enqueue(job) {
  if (!db && opened) return opened.then(() => (db ? enqueue(job) : Promise.reject(new DOMException('IndexedDB is not available', 'UnknownError'))));
  job.seq = ++seq;
  job.page = PAGE;
  job.at = Date.now();
  writeAhead(job);
  const name = `${job.store}:${job.key}`;
  let q = queues.get(name);
  if (!q) queues.set(name, q = { running: null, next: null, waiters: [] });
  if (q.next?.force) job.force = true;
  q.next = job;
  const done = new Promise((resolve, reject) => q.waiters.push({ resolve, reject }));
  if (!q.running) q.running = drain(name, q);
  return done;
}

async function drain(name, q) {
  while (q.next) {
    const job = q.next;
    const waiters = q.waiters;
    q.next = null;
    q.waiters = [];
    try {
      const m = await loadDb();
      const out = await m.apply(db, job, known.get(job.key));
      committed(job, out);
      for (const w of waiters) w.resolve(out);
    } catch (err) {
      if (err?.name === 'ConflictError') for (const w of waiters) w.reject(new ConflictError(job.key, err.deleted));
      else for (const w of waiters) w.reject(err);
    }
  }
  q.running = null;
  queues.delete(name);
}

// After a commit: the version this page now holds, the copy dropped, the other tabs told.
function committed(job, out) {
  const wal = walName(job.store, job.key);
  const raw = localStorage.getItem(wal);
  if (raw !== null && JSON.parse(raw.slice(0, raw.indexOf('\n'))).seq === job.seq) localStorage.removeItem(wal);
  if (job.store === 'answers') {
    known.set(job.key, out.version);
    latest.set(job.key, out.version);
    if (out.changed) tell({ kind: 'answers', key: job.key, version: out.version, writer: PAGE, meta: job.meta });
  } else if (job.store === 'meta') {
    if (out.changed) tell({ kind: 'meta', key: job.key, meta: job.meta });
  } else if (job.store === 'efforts') {
    tell({ kind: 'effort', key: job.key, effort: job.effort });
  } else if (job.store === 'packs') {
    tell({ kind: 'pack', key: job.key });
  }
}

/** Resolves when every write started so far has settled (committed or failed). */
export async function whenSaved() {
  while (queues.size) await Promise.allSettled([...queues.values()].map((q) => q.running));
}

async function idle(store, key) {
  const q = queues.get(`${store}:${key}`);
  if (q?.running) await q.running;
}

// ------------------------------------------------------------------ assessments
export function listAssessments() {
  return [...metaCache.values()];
}

function metaOf(key, answers, total) {
  return {
    key,
    pack: answers.pack,
    region: answers.region,
    data_year: answers.data_year,
    assessment_year: answers.assessment_year,
    updated_at: answers.updated_at,
    total: typeof total === 'number' ? total : null,
  };
}

/** True when another tab has saved (or deleted) this assessment since this tab read or wrote it. */
export function changedElsewhere(key) {
  return known.has(key) && latest.has(key) && latest.get(key) !== known.get(key);
}

// Saves the answers (and their saved-list entry, in the same transaction). Rejects with a
// QuotaExceededError when the storage is full, and with a ConflictError when another tab saved
// this assessment in between (unless {force: true}: the user chose to overwrite).
export function saveAssessment(key, answers, total, { force = false } = {}) {
  const meta = metaOf(key, answers, total);
  metaCache.set(key, meta);
  // base: the version this page holds now; a replayed copy (db.js) checks it as the job does.
  return enqueue({ store: 'answers', key, text: JSON.stringify(answers), meta, force, base: known.get(key) });
}

// Records a new total in the saved list without rewriting the answers.
export function saveTotal(key, total) {
  const m = metaCache.get(key);
  const v = typeof total === 'number' ? total : null;
  if (!m || m.total === v) return Promise.resolve();
  const meta = { ...m, total: v };
  metaCache.set(key, meta);
  // A queued answers write carries the newest entry of the saved list along.
  const q = queues.get(`answers:${key}`);
  if (q?.next) {
    q.next.meta = meta;
    return Promise.resolve();
  }
  return enqueue({ store: 'meta', key, meta });
}

/** The answers of an assessment (null when there are none); taken as this tab's version. */
export async function loadAssessment(key) {
  await idle('answers', key);
  const rec = db ? await (await loadDb()).get(db, 'answers', key) : null;
  if (!rec) return null;
  try {
    const answers = JSON.parse(rec.text);
    known.set(key, rec.version);
    latest.set(key, rec.version);
    return answers;
  } catch {
    return null;
  }
}

/** Reads an assessment without taking it as this tab's version (for comparisons). */
export async function peekAssessment(key) {
  await idle('answers', key);
  const rec = db ? await (await loadDb()).get(db, 'answers', key) : null;
  try {
    return rec ? JSON.parse(rec.text) : null;
  } catch {
    return null;
  }
}

/** Forgets what this tab knew about an assessment (it is no longer open here). */
export function forget(key) {
  known.delete(key);
  latest.delete(key);
}

export async function deleteAssessment(key) {
  for (const store of ['answers', 'scenarios', 'efforts']) {
    localStorage.removeItem(walName(store, key)); // an unsaved edit must not bring it back
    await idle(store, key);
  }
  const out = await (await loadDb()).remove(db, key);
  metaCache.delete(key);
  effortCache.delete(key);
  known.delete(key);
  packShas.clear();
  for (const sha of out.packs) packShas.add(sha);
  tell({ kind: 'deleted', key });
  tell({ kind: 'packs', key, shas: out.packs });
}

// ------------------------------------------------------------- what-if scenarios
export function saveScenario(key, answers) {
  return enqueue({ store: 'scenarios', key, text: JSON.stringify(answers) });
}

export async function loadScenario(key) {
  await idle('scenarios', key);
  const rec = db ? await (await loadDb()).get(db, 'scenarios', key) : null;
  try {
    return rec ? JSON.parse(rec.text) : null;
  } catch {
    return null;
  }
}

export async function deleteScenario(key) {
  localStorage.removeItem(walName('scenarios', key));
  await idle('scenarios', key);
  if (db) await (await loadDb()).removeOne(db, 'scenarios', key);
}

// ------------------------------------------------- efforts set in the gap view
/** A copy of the efforts set for an assessment ({} when none). */
export function loadEffort(key) {
  const e = effortCache.get(key);
  return e && typeof e === 'object' && !Array.isArray(e) ? { ...e } : {};
}

export function saveEffort(key, effort) {
  const e = { ...effort };
  if (Object.keys(e).length) effortCache.set(key, e);
  else effortCache.delete(key);
  return enqueue({ store: 'efforts', key, effort: e });
}

// ----------------------------------------------------------------------- packs
export function savePackText(sha, text) {
  if (packShas.has(sha)) return Promise.resolve();
  packShas.add(sha);
  return enqueue({ store: 'packs', key: sha, text }).catch((err) => {
    packShas.delete(sha);
    throw err;
  });
}

export async function loadPackText(sha) {
  await idle('packs', sha);
  const rec = db ? await (await loadDb()).get(db, 'packs', sha) : null;
  return rec ? rec.text : null;
}

export function storedPackShas() {
  return [...packShas];
}

// ------------------------------------------------------------------ the browser's room
/** {usage, quota} in bytes for this origin, or null where the browser does not tell. */
export async function storageEstimate() {
  try {
    const e = await navigator.storage?.estimate?.();
    return e && Number.isFinite(e.usage) && Number.isFinite(e.quota) ? { usage: e.usage, quota: e.quota } : null;
  } catch {
    return null;
  }
}

// The last answer of the browser: {usage, quota, persisted} (read by open(), before Start).
let room = null;
export function lastRoom() {
  return room;
}

/** Reads the room again ({ask: true}: asks for persistent storage); resolves lastRoom(). */
export async function refreshRoom({ ask = false } = {}) {
  const [est, persisted] = await Promise.all([storageEstimate(), persistence({ ask })]);
  room = { usage: est?.usage ?? null, quota: est?.quota ?? null, persisted };
  return room;
}

let persistAsked = null;
/**
 * Whether the browser keeps this origin's data when the disk runs low: 'granted', 'denied' or
 * 'unsupported'. With {ask: true} it is asked for (once per page) when not yet granted.
 */
export async function persistence({ ask = false } = {}) {
  const s = navigator.storage;
  if (!s?.persisted) return 'unsupported';
  try {
    if (await s.persisted()) return 'granted';
    if (!ask || !s.persist) return 'denied';
    persistAsked ??= s.persist();
    return (await persistAsked) ? 'granted' : 'denied';
  } catch {
    return 'unsupported';
  }
}

// ------------------------------------------------------------------- preferences
// localStorage: a few bytes read synchronously before the first paint (language, large text).
function getJson(name) {
  try {
    const raw = localStorage.getItem(P + name);
    return raw === null ? null : JSON.parse(raw);
  } catch {
    return null;
  }
}

export function getPrefs() {
  return { lang: 'id', current: null, right: null, large: false, whatif: null, ...(getJson('prefs') || {}) };
}

// Preferences are a convenience: a full storage must not stop the app over them.
export function setPrefs(patch) {
  try {
    localStorage.setItem(`${P}prefs`, JSON.stringify({ ...getPrefs(), ...patch }));
  } catch {
    /* storage full: the preference is kept for this page only */
  }
}
