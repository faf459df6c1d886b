// Display formatting shared by several screens: points, signed changes, an answer entry in
// words, the distance to the next predicate, and numbers typed with a decimal comma (dates and
// plain numbers: i18n.js). Pure functions of their arguments and the current language.

import { t, tx, num, getLang } from './i18n.js';

// Points on the 0–100 scale with 2 to 4 decimals (a gain of 0.125 stays 0,125).
export function pts(v) {
  if (typeof v !== 'number' || !Number.isFinite(v)) return '–';
  const d = Math.abs(v * 100 - Math.round(v * 100)) < 1e-9 ? 2 : Math.abs(v * 1000 - Math.round(v * 1000)) < 1e-9 ? 3 : 4;
  return num(v, d);
}

// A 4-decimal result figure (contribution, max_contribution, gain, total_gain) for a 2-decimal
// print: its exact twin `<key>_2dp` from the engine, rounded half-up once (re-rounding the
// 4-decimal 1.1250 of an exact 1.12497 would show 1,13).
export function twin(obj, key) {
  const exact = obj?.[`${key}_2dp`];
  return typeof exact === 'number' ? exact : obj?.[key];
}

export function signed(v) {
  if (typeof v !== 'number' || !Number.isFinite(v)) return '–';
  const r = Math.round(v * 100) / 100;
  return r > 0 ? `+${num(r)}` : num(r);
}

// A short text for an answer entry (for the list of scenario changes).
export function answerText(ind, e) {
  if (!e) return t('status.unanswered');
  if (e.na) return t('status.not_applicable');
  const v = e.value;
  if (v === null || v === undefined || v === '') {
    if (typeof e.numerator === 'number' && typeof e.denominator === 'number') return `${num(e.numerator, 0)} / ${num(e.denominator, 0)}`;
    return t('status.unanswered');
  }
  if (typeof v === 'boolean') return v ? t('answer.yes') : t('answer.no');
  if (typeof v === 'number') {
    const decimals = Number.isInteger(v) ? 0 : Math.min(4, String(v).split('.')[1]?.length ?? 2);
    return `${num(v, decimals)} ${ind?.answer?.unit ?? ''}`.trim();
  }
  const level = ind?.answer?.levels?.find((l) => l.id === v);
  return level ? tx(level.label) : String(v);
}

// "n points to <next predicate>" (and to the top one) from a score result; `predicates` are the
// pack's aggregation predicates, highest first.
export function distanceText(res, predicates) {
  if (res.total === null) return t('score.notAssessable');
  const next = res.next_predicate;
  if (!next) return t('score.top');
  const top = (predicates || [])[0];
  const parts = [t('score.distance', { n: num(next.distance), name: tx(next.name), min: num(next.min, 0) })];
  if (top && top.id !== next.id && typeof res.distance_to_top === 'number') {
    parts.push(t('score.distanceTop', { n: num(res.distance_to_top), name: tx(top.name), min: num(top.min, 0) }));
  }
  return parts.join(' ');
}

// --------------------------------------------------------------- number parsing
// Accepts "12.5", "12,5" (Indonesian decimal comma) and "1.234,5".
export function parseNumber(raw) {
  const s = String(raw).trim().replace(/\s+/g, '');
  if (s === '') return null;
  let norm = s;
  if (s.includes(',') && s.includes('.')) norm = s.replace(/\./g, '').replace(',', '.');
  else if (s.includes(',')) norm = s.replace(',', '.');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(norm)) return s; // kept as typed: the engine names the error
  return Number(norm);
}

export function formatNumber(v) {
  if (typeof v !== 'number') return v === null || v === undefined ? '' : String(v);
  const s = String(v);
  return getLang() === 'id' ? s.replace('.', ',') : s;
}

// A number as Indonesian officials type it, read for a field that takes a whole number
// (`whole`: counts) or a decimal one (percentages, indices); `percent` also allows a
// trailing "%". Returns one of
//   { state: 'empty' }
//   { state: 'ok', value }                 one reading only
//   { state: 'ambiguous', readings: [a, b] } two readings, never guessed: the UI asks
//   { state: 'invalid', text }             not a number (kept as typed)
// The two readings of a question come thousands first ([1234, 1.234]).
// Rules: a comma is the decimal sign ("87,5"); a dot before exactly three digits is a
// thousands separator where the answer is whole ("1.234" → 1234), and a question in a field
// that takes decimals (1234 or 1,234?); "87.5" (not three digits) is a decimal point;
// with both signs the last one is the decimal sign ("1.234,5", "1,234.5"), and the groups
// before it must be of three digits; "1,234" in a whole field is a question (an English
// thousands comma, or 1,234?).
export function readNumber(raw, { whole = false, percent = false } = {}) {
  let s = String(raw ?? '').replace(/[\s\u00a0\u2009\u202f]+/g, '');
  if (s === '') return { state: 'empty' };
  const text = s;
  if (percent) s = s.replace(/%$/, '');
  let sign = 1;
  if (/^[-+\u2212]/.test(s)) {
    if (s[0] !== '+') sign = -1;
    s = s.slice(1);
  }
  if (!/^[\d.,]*\d[\d.,]*$/.test(s) && !/^[.,]\d+$/.test(s)) return { state: 'invalid', text };
  const out = (v) => ({ state: 'ok', value: sign * v });
  const grouped = (int, sep) => {
    const parts = int.split(sep);
    return parts.length > 1 && /^[1-9]\d{0,2}$/.test(parts[0]) && parts.slice(1).every((p) => /^\d{3}$/.test(p));
  };
  const dec = (int, frac) => Number(`${int || '0'}.${frac || '0'}`);
  const dots = (s.match(/\./g) || []).length;
  const commas = (s.match(/,/g) || []).length;
  if (!dots && !commas) return out(Number(s));
  if (dots && commas) {
    const d = s.lastIndexOf('.') > s.lastIndexOf(',') ? '.' : ',';
    const g = d === '.' ? ',' : '.';
    const at = s.lastIndexOf(d);
    const int = s.slice(0, at);
    const frac = s.slice(at + 1);
    if (s.split(d).length > 2 || !/^\d*$/.test(frac) || !grouped(int, g)) return { state: 'invalid', text };
    return out(dec(int.split(g).join(''), frac));
  }
  const sep = dots ? '.' : ',';
  const parts = s.split(sep);
  if (parts.length > 2) {
    // Only a thousands separator can appear twice: "1.234.567".
    return grouped(s, sep) ? out(Number(parts.join(''))) : { state: 'invalid', text };
  }
  const [int, frac] = parts;
  const thousands = grouped(s, sep) ? Number(int + frac) : null;
  if (thousands === null) {
    if (!/^\d*$/.test(int) || !/^\d*$/.test(frac)) return { state: 'invalid', text };
    return out(dec(int, frac));
  }
  // "1.234" or "1,234": three digits after one separator.
  const decimal = dec(int, frac);
  if (sep === '.' && whole) return out(thousands);
  if (sep === ',' && !whole) return out(decimal);
  return { state: 'ambiguous', readings: [thousands * sign, decimal * sign] };
}

// A number as read, for showing back beside the input ("1.234 orang", "87,5 persen"): all of
// its decimals (up to 6), digits grouped, in the UI language.
export function formatReading(value, unit = '') {
  if (typeof value !== 'number' || !Number.isFinite(value)) return '';
  const frac = String(value).split(/[.e]/)[1] ?? '';
  const decimals = Number.isInteger(value) ? 0 : Math.min(6, frac.length || 2);
  return `${num(value, decimals)}${unit ? ` ${unit}` : ''}`;
}
