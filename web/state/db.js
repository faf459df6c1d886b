// The IndexedDB transactions behind state/store.js, through the idb wrapper (npm "idb", copied to
// vendor/idb/ by the build). store.js opens the database, keeps the caches and the write-ahead
// copies and queues the writes; this module runs them: one readwrite transaction per write,
// with the two-tab check inside it, and the replay of what dead pages left behind.

import { wrap } from '../vendor/idb/index.js';

const wrapped = new WeakMap();
function idb(raw) {
  if (!wrapped.has(raw)) wrapped.set(raw, wrap(raw));
  return wrapped.get(raw);
}

function conflict(key, deleted) {
  const err = new Error(`assessment ${key} was ${deleted ? 'deleted' : 'changed'} in another tab`);
  err.name = 'ConflictError';
  err.deleted = deleted;
  return err;
}

export async function get(raw, store, key) {
  return idb(raw).get(store, key);
}

// True when this record already holds the job's write or a later one of the same page (a
// write-ahead copy replayed by another page).
const applied = (rec, job) => rec && rec.writer === job.page && rec.seq >= job.seq;

/**
 * Runs one queued write (store.js enqueue). `expected`: the version of the answers this page
 * last read or wrote (undefined: none, no check). Resolves {version, changed} once committed.
 */
export async function apply(raw, job, expected) {
  const db = idb(raw);
  switch (job.store) {
    case 'answers': {
      const tx = db.transaction(['answers', 'meta'], 'readwrite');
      const answers = tx.objectStore('answers');
      const rec = await answers.get(job.key);
      let version = rec?.version ?? 0;
      let changed = false;
      if (!applied(rec, job)) {
        // Another page wrote since this one read: refuse unless the user chose to overwrite.
        if (expected !== undefined && !job.force && (rec?.version ?? null) !== expected && rec?.writer !== job.page) {
          tx.abort();
          await tx.done.catch(() => {});
          throw conflict(job.key, !rec);
        }
        if (!rec || rec.text !== job.text) {
          version += 1;
          changed = true;
          answers.put({ key: job.key, text: job.text, version, writer: job.page, seq: job.seq });
        }
        const metaStore = tx.objectStore('meta');
        const old = await metaStore.get(job.key);
        if (JSON.stringify(old ?? null) !== JSON.stringify(job.meta)) {
          metaStore.put(job.meta);
          changed = true;
        }
      }
      tx.commit?.();
      await tx.done;
      return { version, changed };
    }
    case 'meta': {
      const tx = db.transaction(['answers', 'meta'], 'readwrite');
      const exists = (await tx.objectStore('answers').getKey(job.key)) !== undefined;
      const old = exists ? await tx.objectStore('meta').get(job.key) : null;
      const changed = exists && JSON.stringify(old ?? null) !== JSON.stringify(job.meta);
      if (changed) tx.objectStore('meta').put(job.meta);
      tx.commit?.();
      await tx.done;
      return { changed };
    }
    case 'scenarios':
    case 'efforts': {
      const tx = db.transaction(job.store, 'readwrite');
      const rec = await tx.store.get(job.key);
      if (!applied(rec, job)) {
        if (job.store === 'scenarios') tx.store.put({ key: job.key, text: job.text, writer: job.page, seq: job.seq });
        else if (Object.keys(job.effort).length) tx.store.put({ key: job.key, effort: job.effort, writer: job.page, seq: job.seq });
        else tx.store.delete(job.key);
      }
      tx.commit?.();
      await tx.done;
      return { changed: true };
    }
    case 'packs': {
      const tx = db.transaction('packs', 'readwrite');
      if ((await tx.store.getKey(job.key)) === undefined) tx.store.put({ key: job.key, text: job.text });
      tx.commit?.();
      await tx.done;
      return { changed: true };
    }
    default:
      throw new Error(`unknown store ${job.store}`);
  }
}

/** Deletes an assessment with its scenario and efforts, and the packs no saved one uses. */
export async function remove(raw, key) {
  const tx = idb(raw).transaction(['answers', 'meta', 'scenarios', 'efforts', 'packs'], 'readwrite');
  for (const s of ['answers', 'meta', 'scenarios', 'efforts']) tx.objectStore(s).delete(key);
  const used = new Set((await tx.objectStore('meta').getAll()).map((m) => m.pack?.sha256));
  const packs = [];
  for (const sha of await tx.objectStore('packs').getAllKeys()) {
    if (used.has(sha)) packs.push(sha);
    else tx.objectStore('packs').delete(sha);
  }
  await tx.done;
  return { packs };
}

export async function removeOne(raw, store, key) {
  await idb(raw).delete(store, key);
}

// ------------------------------------------------------------------ replay
// Write-ahead copies (localStorage "kkpham:wal:<page>:<store>:<key>", a JSON header line and
// the record's text) of pages that are gone: written to the database before anything is read.
function parseCopy(raw) {
  const nl = raw.indexOf('\n');
  if (nl < 0) return null;
  try {
    const head = JSON.parse(raw.slice(0, nl));
    return { ...head, text: raw.slice(nl + 1) };
  } catch {
    return null;
  }
}

// The pages among `pages` that are alive: they hold their Web Lock. A page that has just been
// reloaded may still hold it for a moment; its copies are waited for (up to 1.5 s) until they
// are gone (committed) or the lock is free.
async function livePages(pages, copiesOf) {
  const locks = globalThis.navigator?.locks;
  const alive = new Set();
  if (!locks?.query) {
    // Without Web Locks: a copy younger than 3 s may belong to a page that is still writing it.
    const young = () => pages.some((p) => copiesOf(p).some((c) => Date.now() - c.at < 3000));
    const until = Date.now() + 3000;
    while (young() && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    return alive;
  }
  const deadline = Date.now() + 1500;
  for (;;) {
    const held = new Set(((await locks.query()).held || []).map((l) => l.name));
    alive.clear();
    for (const p of pages) if (held.has(`kkpham-page:${p}`) && copiesOf(p).length) alive.add(p);
    if (!alive.size || Date.now() > deadline) return alive;
    await new Promise((r) => setTimeout(r, 50));
  }
}

function localCopies(prefix) {
  const out = [];
  for (let i = 0; i < localStorage.length; i += 1) {
    const k = localStorage.key(i);
    if (k && k.startsWith(prefix)) out.push(k);
  }
  return out;
}

const ORDER = { packs: 0, answers: 1, meta: 2, scenarios: 3, efforts: 4 };

export async function replayOrphans(raw, page) {
  const all = () => localCopies('kkpham:wal:').filter((k) => !k.startsWith(`kkpham:wal:${page}:`));
  const pageOf = (k) => k.split(':')[2];
  const copiesOf = (p) => all().filter((k) => pageOf(k) === p).map((k) => parseCopy(localStorage.getItem(k) ?? '')).filter(Boolean);
  const alive = await livePages([...new Set(all().map(pageOf))], copiesOf);
  const todo = all().filter((k) => !alive.has(pageOf(k)))
    .map((name) => ({ name, copy: parseCopy(localStorage.getItem(name) ?? '') }))
    .sort((a, b) => (ORDER[a.copy?.store] ?? 9) - (ORDER[b.copy?.store] ?? 9));
  for (const { name, copy } of todo) {
    if (!copy || !(copy.store in ORDER)) {
      localStorage.removeItem(name);
      continue;
    }
    try {
      await replayOne(raw, copy);
      localStorage.removeItem(name);
    } catch (err) {
      console.warn(`kkpham: an unsaved ${copy.store} record could not be written yet`, err); // kept for the next start
    }
  }
}

// Replays one copy. An answers copy whose assessment another page changed since the dead page
// read it is kept as a new assessment: both versions stay.
async function replayOne(raw, copy) {
  if (copy.store !== 'answers') {
    await apply(raw, copy, undefined);
    return;
  }
  const db = idb(raw);
  const tx = db.transaction(['answers', 'meta'], 'readwrite');
  const rec = await tx.objectStore('answers').get(copy.key);
  if (applied(rec, copy)) {
    await tx.done;
    return;
  }
  const ours = !rec || copy.base === undefined || copy.force || rec.version === copy.base || rec.writer === copy.page;
  let key = copy.key;
  if (!ours) {
    if (rec.text === copy.text) {
      await tx.done;
      return;
    }
    key = `${copy.key}-${Date.now().toString(36)}`;
  }
  const version = ours ? (rec?.version ?? 0) + 1 : 1;
  tx.objectStore('answers').put({ key, text: copy.text, version, writer: copy.page, seq: copy.seq });
  if (copy.meta) tx.objectStore('meta').put({ ...copy.meta, key });
  await tx.done;
}
