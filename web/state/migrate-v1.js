// Moves the saved work of earlier versions (localStorage, "kkpham:v1:*", as the localStorage
// store.js wrote it) into IndexedDB, once, without loss. Loaded by store.js open() only while
// such keys exist.
//
//   kkpham:v1:index        [{key, pack, region, data_year, assessment_year, updated_at, total}]
//   kkpham:v1:a:<key>      the answers file          → answers {key, text, version 1} + meta
//   kkpham:v1:s:<key>      a what-if scenario        → scenarios {key, text}
//   kkpham:v1:effort:<key> {"<indicator id>": effort} → efforts {key, effort}
//   kkpham:v1:pack:<sha>   a pack text               → packs {key: sha, text}
//   kkpham:v1:prefs        stays (the preferences live in localStorage)
//
// 1. every record is copied in ONE readwrite transaction (all or nothing), the texts as they
//    are; a record already in the database with the same text is left as it is; an assessment
//    already there with ANOTHER text (an old tab went on saving after a first migration) is
//    added as a new assessment, so both versions stay;
// 2. a second transaction reads every copied record back and compares it with localStorage;
// 3. the migration is recorded (log 'migration'), and only then are the verified localStorage
//    keys removed (which frees localStorage for the preferences and the write-ahead copies).
// A tab that dies at any point leaves the localStorage keys that were not removed; the next
// start runs this again, finds the records already there, and goes on: nothing is lost.

import { wrap } from '../vendor/idb/index.js';

const P = 'kkpham:v1:';

function v1Keys(V1_DATA) {
  const out = [];
  for (let i = 0; i < localStorage.length; i += 1) {
    const k = localStorage.key(i);
    if (k && V1_DATA.test(k)) out.push(k);
  }
  return out;
}

function parse(text) {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function metaFrom(key, entry, answers) {
  const a = answers && typeof answers === 'object' ? answers : {};
  const e = entry && typeof entry === 'object' ? entry : {};
  return {
    key,
    pack: e.pack ?? a.pack ?? null,
    region: e.region ?? a.region ?? null,
    data_year: e.data_year ?? a.data_year ?? null,
    assessment_year: e.assessment_year ?? a.assessment_year ?? null,
    updated_at: a.updated_at ?? e.updated_at ?? null,
    total: typeof e.total === 'number' ? e.total : null,
  };
}

/**
 * Moves every kkpham:v1:* record (the keys `pattern` matches: store.js V1_DATA) into the
 * database; returns {moved, copies, kept}.
 */
export async function migrateV1(raw, pattern) {
  const db = wrap(raw);
  const keys = v1Keys(pattern);
  const texts = new Map(keys.map((k) => [k, localStorage.getItem(k)]));
  const index = parse(texts.get(`${P}index`));
  const entries = new Map((Array.isArray(index) ? index : []).filter((m) => m && typeof m.key === 'string').map((m) => [m.key, m]));

  // 1. Copy. `checks`: localStorage key → [store, record key, the value it must read back as].
  const checks = new Map();
  let copies = 0;
  const tx = db.transaction(['answers', 'meta', 'scenarios', 'efforts', 'packs', 'log'], 'readwrite');
  for (const [name, text] of texts) {
    if (text === null) continue;
    const rest = name.slice(P.length);
    const colon = rest.indexOf(':');
    const kind = colon < 0 ? rest : rest.slice(0, colon);
    const key = colon < 0 ? '' : rest.slice(colon + 1);
    if (kind === 'a' && key) {
      const store = tx.objectStore('answers');
      const rec = await store.get(key);
      let target = key;
      if (rec && rec.text !== text) {
        target = `${key}-v1`;
        for (let i = 2; ; i += 1) {
          const other = await store.get(target);
          if (!other || other.text === text) break;
          target = `${key}-v1-${i}`;
        }
        copies += 1;
      }
      if (!rec || target !== key) {
        if ((await store.getKey(target)) === undefined) store.put({ key: target, text, version: 1, writer: 'v1', seq: 0 });
        tx.objectStore('meta').put(metaFrom(target, target === key ? entries.get(key) : null, parse(text)));
      } else if ((await tx.objectStore('meta').getKey(key)) === undefined) {
        tx.objectStore('meta').put(metaFrom(key, entries.get(key), parse(text)));
      }
      checks.set(name, ['answers', target, text]);
    } else if (kind === 's' && key) {
      const rec = await tx.objectStore('scenarios').get(key);
      if (!rec) tx.objectStore('scenarios').put({ key, text, writer: 'v1', seq: 0 });
      checks.set(name, ['scenarios', key, rec ? rec.text : text]);
    } else if (kind === 'effort' && key) {
      const effort = parse(text);
      if (!effort || typeof effort !== 'object' || Array.isArray(effort)) {
        checks.set(name, null); // not an effort set: nothing to keep
        continue;
      }
      const rec = await tx.objectStore('efforts').get(key);
      if (!rec) tx.objectStore('efforts').put({ key, effort, writer: 'v1', seq: 0 });
      checks.set(name, ['efforts', key, JSON.stringify(rec ? rec.effort : effort)]);
    } else if (kind === 'pack' && key) {
      const rec = await tx.objectStore('packs').get(key);
      if (!rec) tx.objectStore('packs').put({ key, text });
      checks.set(name, ['packs', key, rec ? rec.text : text]);
    }
  }
  const log = { key: 'migration', at: new Date().toISOString(), from: 'localStorage kkpham:v1', records: checks.size, copies };
  const prev = await tx.objectStore('log').get('migration');
  tx.objectStore('log').put(prev ? { ...log, runs: (prev.runs ?? 1) + 1, first: prev.first ?? prev.at } : log);
  await tx.done;

  // 2. Verify: every record reads back as it was copied.
  const verified = [];
  const rtx = db.transaction(['answers', 'meta', 'scenarios', 'efforts', 'packs'], 'readonly');
  let answersOk = true;
  for (const [name, check] of checks) {
    if (check === null) {
      verified.push(name);
      continue;
    }
    const [store, key, want] = check;
    const rec = await rtx.objectStore(store).get(key);
    const got = !rec ? null : store === 'efforts' ? JSON.stringify(rec.effort) : rec.text;
    const listed = store !== 'answers' || (await rtx.objectStore('meta').getKey(key)) !== undefined;
    if (got === want && listed) verified.push(name);
    else if (store === 'answers') answersOk = false;
  }
  await rtx.done;

  // 3. Remove what was verified; the saved list last, once every assessment is in.
  for (const name of verified) localStorage.removeItem(name);
  if (answersOk) localStorage.removeItem(`${P}index`);
  return { moved: verified.length, copies, kept: checks.size - verified.length };
}
