// The IndexedDB side of state/store.js (which loads it on the first read or write and hands it
// the open database and the caches): the write-ahead copies, one queue per record, one readwrite
// transaction per write with the two-tab check inside it, the reads, and the replay of what dead
// pages left behind. Through the idb wrapper (npm "idb", copied to vendor/idb/ by the build).
//
//   answers    {key, text, version, writer, seq}   meta      {key, pack, region, data_year,
//   scenarios  {key, text, writer, seq}                        assessment_year, updated_at, total}
//   efforts    {key, effort, writer, seq}           packs     {key: sha256, text}
//   localStorage kkpham:wal:<page>:<store>:<key> = a JSON header line, then the record's text
//
// writer/seq: the page that wrote the record and its write counter. A record already holding a
// page's write (or a later one of the same page) is not written again: a copy replayed by another
// page and the page's own queued write cannot undo each other.

import { wrap } from '../vendor/idb/index.js';

let s = null; // from store.js: {raw, page, cache, ConflictError, tell, P, WAL}
let db = null;

export function init(shared) {
  s = shared;
  db = shared.raw ? wrap(shared.raw) : null;
}

const known = new Map(); // key → the version of the answers this page last read or wrote
const latest = new Map(); // key → the newest version heard of (null: deleted elsewhere)

export function changedElsewhere(key) {
  return known.has(key) && latest.has(key) && latest.get(key) !== known.get(key);
}

export function forget(key) {
  known.delete(key);
  latest.delete(key);
}

// Another tab's message (store.js has updated its caches).
export function heard(msg) {
  if (msg.kind === 'answers' && msg.writer !== s.page) latest.set(msg.key, msg.version);
  else if (msg.kind === 'deleted') latest.set(msg.key, null);
}

// ---------------------------------------------------------- the write pipeline
// One queue per record: a job runs when the previous one has committed; a save made meanwhile
// replaces the queued job (its caller is answered when the replacing job commits). Every job is
// first written to its write-ahead copy (localStorage, synchronous), removed once it committed.
const queues = new Map(); // "<store>:<key>" → {running, next, waiters}
let seq = 0;

const walName = (store, key) => `${s.WAL}${s.page}:${store}:${key}`;

function writeAhead(job) {
  const { text, ...head } = job;
  try {
    localStorage.setItem(walName(job.store, job.key), `${JSON.stringify(head)}\n${text ?? ''}`);
  } catch {
    /* localStorage full: the IndexedDB write still goes ahead */
  }
}

function enqueue(job) {
  Object.assign(job, { seq: ++seq, page: s.page, at: Date.now() });
  writeAhead(job);
  const name = `${job.store}:${job.key}`;
  let q = queues.get(name);
  if (!q) queues.set(name, q = { running: null, next: null, waiters: [] });
  if (q.next?.force) job.force = true;
  q.next = job;
  const done = new Promise((resolve, reject) => q.waiters.push({ resolve, reject }));
  q.running ??= drain(name, q);
  return done;
}

async function drain(name, q) {
  while (q.next) {
    const job = q.next;
    const waiters = q.waiters;
    q.next = null;
    q.waiters = [];
    try {
      if (!db) throw new DOMException('IndexedDB is not available in this browser', 'UnknownError');
      const out = await apply(job, known.get(job.key));
      committed(job, out);
      for (const w of waiters) w.resolve();
    } catch (err) {
      for (const w of waiters) w.reject(err);
    }
  }
  q.running = null;
  queues.delete(name);
}

// After a commit: the version this page now holds, the copy dropped, the other tabs told.
function committed(job, out) {
  const name = walName(job.store, job.key);
  const copy = parseCopy(localStorage.getItem(name));
  if (copy?.seq === job.seq) localStorage.removeItem(name);
  if (job.store === 'answers') {
    known.set(job.key, out.version);
    latest.set(job.key, out.version);
  }
  if (out.changed) s.tell({ kind: job.store, key: job.key, version: out.version, writer: s.page, meta: job.meta, effort: job.effort });
}

export async function whenSaved() {
  while (queues.size) await Promise.allSettled([...queues.values()].map((q) => q.running));
}

async function idle(store, key) {
  await queues.get(`${store}:${key}`)?.running;
}

// A record already holds this job's write or a later one of the same page.
const applied = (rec, job) => rec && rec.writer === job.page && rec.seq >= job.seq;

const same = (a, b) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

// Runs one job in one readwrite transaction. `expected`: the answers version this page holds
// (undefined: none, no check). Resolves {version, changed} once committed.
async function apply(job, expected) {
  if (job.store === 'answers' || job.store === 'meta') {
    const tx = db.transaction(['answers', 'meta'], 'readwrite');
    const answers = tx.objectStore('answers');
    const meta = tx.objectStore('meta');
    const rec = await answers.get(job.key);
    let version = rec?.version ?? 0;
    let changed = false;
    if (job.store === 'answers' && !applied(rec, job)) {
      // Another page wrote since this one read: refuse unless the user chose to overwrite.
      if (expected !== undefined && !job.force && (rec?.version ?? null) !== expected && rec?.writer !== job.page) {
        tx.abort();
        await tx.done.catch(() => {});
        throw new s.ConflictError(job.key, !rec);
      }
      if (rec?.text !== job.text) {
        version += 1;
        changed = true;
        answers.put({ key: job.key, text: job.text, version, writer: job.page, seq: job.seq });
      }
    }
    // The saved-list entry, only beside answers that exist.
    if ((rec || changed) && !same(await meta.get(job.key), job.meta)) {
      meta.put(job.meta);
      changed = true;
    }
    tx.commit?.();
    await tx.done;
    return { version, changed };
  }
  const tx = db.transaction(job.store, 'readwrite');
  const rec = await tx.store.get(job.key);
  let changed = false;
  if (job.store === 'packs') {
    if (!rec) tx.store.put({ key: job.key, text: job.text });
    changed = !rec;
  } else if (!applied(rec, job)) {
    changed = true;
    if (job.store === 'scenarios') tx.store.put({ key: job.key, text: job.text, writer: job.page, seq: job.seq });
    else if (Object.keys(job.effort).length) tx.store.put({ key: job.key, effort: job.effort, writer: job.page, seq: job.seq });
    else tx.store.delete(job.key);
  }
  tx.commit?.();
  await tx.done;
  return { changed };
}

// ------------------------------------------------------------------ the saves
function metaOf(key, answers, total) {
  const { pack, region, data_year, assessment_year, updated_at } = answers;
  // An office package (state/office-mode.js) is listed apart from the master assessments.
  const office = answers.scope?.kind === 'office-package' ? { office: { id: answers.scope.office?.id ?? '', short_name: answers.scope.office?.short_name ?? '' } } : {};
  return { key, pack, region, data_year, assessment_year, updated_at, total: typeof total === 'number' ? total : null, ...office };
}

export function saveAssessment(key, answers, total, { force = false } = {}) {
  const meta = metaOf(key, answers, total);
  s.cache.meta.set(key, meta);
  // base: the version this page holds now; a replayed copy checks it as the job does.
  return enqueue({ store: 'answers', key, text: JSON.stringify(answers), meta, force, base: known.get(key) });
}

// Records a new total in the saved list without rewriting the answers.
export function saveTotal(key, total) {
  const m = s.cache.meta.get(key);
  const v = typeof total === 'number' ? total : null;
  if (!m || m.total === v) return Promise.resolve();
  const meta = { ...m, total: v };
  s.cache.meta.set(key, meta);
  const queued = queues.get(`answers:${key}`)?.next;
  if (queued) {
    queued.meta = meta; // the queued answers write carries the newest entry along
    return Promise.resolve();
  }
  return enqueue({ store: 'meta', key, meta });
}

export function saveScenario(key, answers) {
  return enqueue({ store: 'scenarios', key, text: JSON.stringify(answers) });
}

export function saveEffort(key, effort) {
  const e = { ...effort };
  if (Object.keys(e).length) s.cache.effort.set(key, e);
  else s.cache.effort.delete(key);
  return enqueue({ store: 'efforts', key, effort: e });
}

export function savePackText(sha, text) {
  s.cache.packs.add(sha);
  return enqueue({ store: 'packs', key: sha, text }).catch((err) => {
    s.cache.packs.delete(sha);
    throw err;
  });
}

// ------------------------------------------------------------------ the reads
async function record(store, key) {
  await idle(store, key);
  if (!db) return null;
  return (await db.get(store, key)) ?? null;
}

const parse = (text) => {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
};

/** An answers file or scenario (parsed), or null. */
export async function load(store, key) {
  const rec = await record(store, key);
  return rec ? parse(rec.text) : null;
}

export async function loadAssessment(key) {
  const rec = await record('answers', key);
  const answers = rec ? parse(rec.text) : null;
  if (answers) {
    known.set(key, rec.version);
    latest.set(key, rec.version);
  }
  return answers;
}

export async function loadPackText(sha) {
  return (await record('packs', sha))?.text ?? null;
}

// ------------------------------------------------------------------ removals
export async function deleteScenario(key) {
  localStorage.removeItem(walName('scenarios', key));
  await idle('scenarios', key);
  if (db) await db.delete('scenarios', key);
}

/** Deletes an assessment with its scenario and efforts, and the packs no saved one uses. */
export async function deleteAssessment(key) {
  for (const store of ['answers', 'meta', 'scenarios', 'efforts']) {
    localStorage.removeItem(walName(store, key)); // an unsaved edit must not bring it back
    await idle(store, key);
  }
  const tx = db.transaction(['answers', 'meta', 'scenarios', 'efforts', 'packs'], 'readwrite');
  for (const name of ['answers', 'meta', 'scenarios', 'efforts']) tx.objectStore(name).delete(key);
  const used = new Set((await tx.objectStore('meta').getAll()).map((m) => m.pack?.sha256));
  const packs = [];
  for (const sha of await tx.objectStore('packs').getAllKeys()) {
    if (used.has(sha)) packs.push(sha);
    else tx.objectStore('packs').delete(sha);
  }
  await tx.done;
  s.cache.meta.delete(key);
  s.cache.effort.delete(key);
  s.cache.packs = new Set(packs);
  known.delete(key);
  s.tell({ kind: 'deleted', key });
  s.tell({ kind: 'packs', key, shas: packs });
}

// ------------------------------------------------------------------ replay
function parseCopy(raw) {
  const nl = raw?.indexOf('\n') ?? -1;
  if (nl < 0) return null;
  const head = parse(raw.slice(0, nl));
  return head && { ...head, text: raw.slice(nl + 1) };
}

const copies = () => Object.keys(localStorage).filter((k) => k.startsWith(s.WAL) && !k.startsWith(`${s.WAL}${s.page}:`));
const pageOf = (name) => name.split(':')[2];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Pages that are alive: they hold their Web Lock (store.js open()) and still have copies. A page
// that has just been reloaded may hold it for a moment: its copies are waited for (1.5 s at
// most) until they are gone (committed) or the lock is free. Without Web Locks, a copy younger
// than 3 s may belong to a page still writing it, and is waited for until it is 3 s old.
async function livePages() {
  const locks = navigator.locks;
  const until = Date.now() + (locks?.query ? 1500 : 3000);
  for (;;) {
    const pages = new Set(copies().map(pageOf));
    let alive;
    if (locks?.query) {
      const held = new Set(((await locks.query()).held || []).map((l) => l.name));
      alive = [...pages].filter((p) => held.has(`kkpham-page:${p}`));
    } else {
      alive = [...pages].filter((p) => copies().some((n) => pageOf(n) === p && Date.now() - (parseCopy(localStorage.getItem(n))?.at ?? 0) < 3000));
    }
    if (!alive.length || Date.now() > until) return new Set(locks?.query ? alive : []);
    await sleep(50);
  }
}

const ORDER = ['packs', 'answers', 'meta', 'scenarios', 'efforts'];

/** Writes the copies that dead pages left behind (store.js open(), before anything is read). */
export async function replayOrphans() {
  const alive = await livePages();
  const todo = copies().filter((n) => !alive.has(pageOf(n)))
    .map((name) => ({ name, copy: parseCopy(localStorage.getItem(name)) }))
    .sort((a, b) => ORDER.indexOf(a.copy?.store) - ORDER.indexOf(b.copy?.store));
  for (const { name, copy } of todo) {
    try {
      if (copy && ORDER.includes(copy.store)) await replayOne(copy);
      localStorage.removeItem(name);
    } catch (err) {
      console.warn(`kkpham: an unsaved ${copy.store} record could not be written yet`, err); // kept for the next start
    }
  }
}

// An answers copy whose assessment another page changed since the dead page read it is kept as
// a new assessment: both versions stay.
async function replayOne(copy) {
  if (copy.store !== 'answers') {
    await apply(copy, undefined);
    return;
  }
  const tx = db.transaction(['answers', 'meta'], 'readwrite');
  const rec = await tx.objectStore('answers').get(copy.key);
  const ours = !rec || copy.base === undefined || copy.force || rec.version === copy.base || rec.writer === copy.page;
  if (applied(rec, copy) || (!ours && rec.text === copy.text)) {
    await tx.done;
    return;
  }
  const key = ours ? copy.key : `${copy.key}-${Date.now().toString(36)}`;
  tx.objectStore('answers').put({ key, text: copy.text, version: ours ? (rec?.version ?? 0) + 1 : 1, writer: copy.page, seq: copy.seq });
  if (copy.meta) tx.objectStore('meta').put({ ...copy.meta, key });
  await tx.done;
}
