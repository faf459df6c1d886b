// Local persistence in localStorage (synchronous, so a change is on disk before
// the event handler returns: nothing is lost on a crash or a reload).
//
//   kkpham:v1:index        [{key, pack:{id,version,sha256}, region, data_year,
//                            assessment_year, updated_at, total}]
//   kkpham:v1:a:<key>      the answers file (exactly docs/answers-format.md)
//   kkpham:v1:s:<key>      a what-if scenario of that assessment (an answers file; never exported
//                          unless adopted)
//   kkpham:v1:effort:<key> {"<indicator id>": effort} set in the gap view (not in the answers file)
//   kkpham:v1:pack:<sha>   the text of a pack that some saved assessment uses
//   kkpham:v1:prefs        {lang, current, right, large, whatif, workshop}
//
// Two tabs on one assessment: this module remembers the exact text it last read or wrote for
// each assessment; a save finds another text in storage only when another tab (or window)
// saved in between, and then throws a ConflictError instead of overwriting it. The caller asks
// the user what to do (assessment.js, guard.js, views/alerts.js).
//
// Nothing here ever leaves the browser.

const P = 'kkpham:v1:';

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

function get(name) {
  try {
    const raw = localStorage.getItem(P + name);
    return raw === null ? null : JSON.parse(raw);
  } catch {
    return null;
  }
}

function put(name, value) {
  localStorage.setItem(P + name, JSON.stringify(value));
}

export function listAssessments() {
  const list = get('index');
  return Array.isArray(list) ? list : [];
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

export function newKey() {
  const rnd = crypto.getRandomValues(new Uint32Array(2));
  return `${Date.now().toString(36)}-${rnd[0].toString(36)}${rnd[1].toString(36)}`;
}

// key → the text of the answers this tab last read from or wrote to storage.
const known = new Map();

/** The text of an assessment as stored now (null when there is none). */
export function storedText(key) {
  return localStorage.getItem(`${P}a:${key}`);
}

/** True when storage holds another text than the one this tab last read or wrote. */
export function changedElsewhere(key) {
  return known.has(key) && storedText(key) !== known.get(key);
}

// Writes the answers first, then the index (an index entry never points to nothing).
// Throws on quota errors so the caller can say so, and a ConflictError when another tab
// saved this assessment in between (unless {force: true}: the user chose to overwrite).
export function saveAssessment(key, answers, total, { force = false } = {}) {
  const text = JSON.stringify(answers);
  const stored = storedText(key);
  if (!force && known.has(key) && stored !== known.get(key)) throw new ConflictError(key, stored === null);
  if (stored !== text) localStorage.setItem(`${P}a:${key}`, text);
  known.set(key, text);
  const list = listAssessments();
  const meta = metaOf(key, answers, total);
  const i = list.findIndex((m) => m.key === key);
  if (i >= 0) {
    // Keep the index cheap to rewrite: only when something listed changed.
    const old = list[i];
    if (JSON.stringify(old) === JSON.stringify(meta)) return;
    list[i] = meta;
  } else {
    list.push(meta);
  }
  put('index', list);
}

// Records a new total in the saved list without rewriting the answers.
export function saveTotal(key, total) {
  const list = listAssessments();
  const m = list.find((x) => x.key === key);
  const v = typeof total === 'number' ? total : null;
  if (!m || m.total === v) return;
  m.total = v;
  put('index', list);
}

export function loadAssessment(key) {
  const raw = storedText(key);
  if (raw === null) return null;
  try {
    const answers = JSON.parse(raw);
    known.set(key, raw);
    return answers;
  } catch {
    return null;
  }
}

/** Reads an assessment without taking it as this tab's version (for comparisons). */
export function peekAssessment(key) {
  return get(`a:${key}`);
}

/** Forgets what this tab knew about an assessment (it is no longer open here). */
export function forget(key) {
  known.delete(key);
}

export function deleteAssessment(key) {
  const list = listAssessments().filter((m) => m.key !== key);
  put('index', list);
  localStorage.removeItem(`${P}a:${key}`);
  localStorage.removeItem(`${P}s:${key}`);
  localStorage.removeItem(`${P}effort:${key}`);
  known.delete(key);
  prunePacks(list);
}

// ------------------------------------------------------------- what-if scenarios
export function saveScenario(key, answers) {
  put(`s:${key}`, answers);
}

export function loadScenario(key) {
  return get(`s:${key}`);
}

export function deleteScenario(key) {
  localStorage.removeItem(`${P}s:${key}`);
}

// ------------------------------------------------- efforts set in the gap view
export function loadEffort(key) {
  const e = get(`effort:${key}`);
  return e && typeof e === 'object' && !Array.isArray(e) ? e : {};
}

export function saveEffort(key, effort) {
  if (Object.keys(effort).length) put(`effort:${key}`, effort);
  else localStorage.removeItem(`${P}effort:${key}`);
}

// ----------------------------------------------------------------------- packs
export function savePackText(sha, text) {
  if (localStorage.getItem(`${P}pack:${sha}`) === null) {
    localStorage.setItem(`${P}pack:${sha}`, text);
  }
}

export function loadPackText(sha) {
  return localStorage.getItem(`${P}pack:${sha}`);
}

export function storedPackShas() {
  const out = [];
  for (let i = 0; i < localStorage.length; i += 1) {
    const k = localStorage.key(i);
    if (k && k.startsWith(`${P}pack:`)) out.push(k.slice(P.length + 5));
  }
  return out;
}

// Drops stored pack texts that no saved assessment refers to.
function prunePacks(list) {
  const used = new Set(list.map((m) => m.pack?.sha256));
  for (const sha of storedPackShas()) {
    if (!used.has(sha)) localStorage.removeItem(`${P}pack:${sha}`);
  }
}

export function getPrefs() {
  return { lang: 'id', current: null, right: null, large: false, whatif: null, ...(get('prefs') || {}) };
}

// Preferences are a convenience: a full storage must not stop the app over them.
export function setPrefs(patch) {
  try {
    put('prefs', { ...getPrefs(), ...patch });
  } catch {
    /* storage full: the preference is kept for this page only */
  }
}

export const KEY_PREFIX = P;
