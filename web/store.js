// Local persistence in localStorage (synchronous, so a change is on disk before
// the event handler returns: nothing is lost on a crash or a reload).
//
//   kkpham:v1:index        [{key, pack:{id,version,sha256}, region, data_year,
//                            assessment_year, updated_at, total}]
//   kkpham:v1:a:<key>      the answers file (exactly docs/answers-format.md)
//   kkpham:v1:pack:<sha>   the text of a pack that some saved assessment uses
//   kkpham:v1:prefs        {lang, current, right, large}
//
// Nothing here ever leaves the browser.

const P = 'kkpham:v1:';

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

// Writes the answers first, then the index (an index entry never points to nothing).
// Throws on quota errors so the caller can say so.
export function saveAssessment(key, answers, total) {
  put(`a:${key}`, answers);
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

export function loadAssessment(key) {
  return get(`a:${key}`);
}

export function deleteAssessment(key) {
  const list = listAssessments().filter((m) => m.key !== key);
  put('index', list);
  localStorage.removeItem(`${P}a:${key}`);
  prunePacks(list);
}

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
  return { lang: 'id', current: null, right: null, large: false, ...(get('prefs') || {}) };
}

export function setPrefs(patch) {
  put('prefs', { ...getPrefs(), ...patch });
}
