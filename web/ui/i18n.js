// UI strings: every visible string lives in i18n/<lang>.json.
// Bahasa Indonesia ("id") is the default; English ("en") is a switch.
// A single-file build may provide the catalogs as globalThis.KKPHAM_EMBED.i18n.

export const LANGS = ['id', 'en'];

const catalogs = {};
let lang = 'id';

export async function loadCatalog(code) {
  if (catalogs[code]) return catalogs[code];
  const embedded = globalThis.KKPHAM_EMBED?.i18n?.[code];
  if (embedded) {
    catalogs[code] = embedded;
    return embedded;
  }
  const res = await fetch(new URL(`../i18n/${code}.json`, import.meta.url));
  if (!res.ok) throw new Error(`i18n/${code}.json: HTTP ${res.status}`);
  catalogs[code] = await res.json();
  return catalogs[code];
}

export async function setLang(code) {
  if (!LANGS.includes(code)) code = 'id';
  await loadCatalog(code);
  if (code !== 'id') await loadCatalog('id'); // fallback for a missing key
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
