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
