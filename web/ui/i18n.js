// UI strings: every visible string lives in i18n/<lang>.json; "id" is the default, "en" a switch.
// The build splits each (scripts/split-i18n.mjs) into <lang>.start.json, loaded at boot, and
// <lang>.rest.json, which loadRest() loads before anything beyond Start renders.
// The single-file build gives whole catalogs as globalThis.KKPHAM_EMBED.i18n.

export const LANGS = ['id', 'en'];

const catalogs = {}; // code → strings loaded so far
const parts = new Map(); // `${code}.${part}` → promise
let lang = 'id';
let restWanted = false; // then setLang loads the rest too

function loadPart(code, part) {
  const id = `${code}.${part}`;
  if (!parts.has(id)) {
    const embedded = globalThis.KKPHAM_EMBED?.i18n?.[code];
    const p = embedded
      ? Promise.resolve(embedded)
      : fetch(new URL(`../i18n/${code}.${part}.json`, import.meta.url)).then((res) => {
        if (!res.ok) throw new Error(`i18n/${code}.${part}.json: HTTP ${res.status}`);
        return res.json();
      });
    parts.set(id, p.then((strings) => {
      catalogs[code] = { ...catalogs[code], ...strings };
      return catalogs[code];
    }, (err) => {
      parts.delete(id); // offline: the next call tries again
      throw err;
    }));
  }
  return parts.get(id);
}

// A whole catalog, e.g. for a message in the other language.
export async function loadCatalog(code) {
  await Promise.all([loadPart(code, 'start'), loadPart(code, 'rest')]);
  return catalogs[code];
}

// The strings beyond Start's, in the current language and id (the fallback).
export function loadRest() {
  restWanted = true;
  const codes = lang === 'id' ? ['id'] : [lang, 'id'];
  return Promise.all(codes.map((c) => loadPart(c, 'rest'))).then(() => undefined);
}

export async function setLang(code) {
  if (!LANGS.includes(code)) code = 'id';
  const want = code === 'id' ? ['id'] : [code, 'id'];
  await Promise.all(want.flatMap((c) => [loadPart(c, 'start'), restWanted ? loadPart(c, 'rest') : null]));
  lang = code;
  document.documentElement.lang = code;
}

export function getLang() {
  return lang;
}

// t('score.distance', {n: '3,50'}) → catalog string with {n} replaced.
export function t(key, vars) {
  return tIn(lang, key, vars);
}

// The same in a given language (its catalog must be loaded: loadCatalog(code)), e.g. for a
// message shown in the other language at the user's click.
export function tIn(code, key, vars) {
  let str = catalogs[code]?.[key] ?? catalogs.id?.[key];
  if (str === undefined) {
    console.warn(`i18n: missing key ${key}`);
    str = key;
  }
  if (vars) {
    str = str.replace(/\{(\w+)\}/g, (m, name) => (name in vars ? String(vars[name]) : m));
  }
  return str;
}

// A pack *text* {"id": "…", "en": "…"} in the current language (falls back to id).
export function tx(text) {
  if (text === null || text === undefined) return '';
  if (typeof text === 'string') return text;
  return (lang === 'en' ? text.en : undefined) ?? text.id ?? text.en ?? '';
}

// Number with a fixed number of decimals, in the UI language's style (75,50 / 75.50).
// Formatters are cached: building an Intl.NumberFormat costs far more than using one.
const formatters = new Map();
export function num(value, decimals = 2) {
  if (typeof value !== 'number' || !Number.isFinite(value)) return '–';
  const key = `${lang}:${decimals}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(lang === 'en' ? 'en-US' : 'id-ID', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
    formatters.set(key, f);
  }
  return f.format(value);
}

// A date and time (ISO text) in the UI language's style; '–' when absent.
export function formatDate(iso) {
  if (!iso) return '–';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  return d.toLocaleString(lang === 'en' ? 'en-GB' : 'id-ID', { dateStyle: 'medium', timeStyle: 'short' });
}

// Fills every [data-i18n] element under root with its catalog string, and
// [data-i18n-attr="attr:key;attr2:key2"] attributes.
export function applyStatic(root = document) {
  for (const el of root.querySelectorAll('[data-i18n]')) {
    el.textContent = t(el.dataset.i18n);
  }
  for (const el of root.querySelectorAll('[data-i18n-attr]')) {
    for (const pair of el.dataset.i18nAttr.split(';')) {
      const [attr, key] = pair.split(':');
      if (attr && key) el.setAttribute(attr.trim(), t(key.trim()));
    }
  }
}
