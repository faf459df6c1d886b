// Maps a diagnostic's JSON path to the answers field it names, and names it in plain words.

import { tIn } from '../ui/i18n.js';

// Accepts JSON Pointer ("/answers/BANKUM-S1/value"), and JSONPath-like forms
// ("$.answers.BANKUM-S1.value", "answers['A.1'].evidence[0].sha256").

export function splitPath(path) {
  if (typeof path !== 'string' || path === '' || path === '$' || path === '/') return [];
  if (path.startsWith('/')) {
    return path
      .slice(1)
      .split('/')
      .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  }
  const out = [];
  let i = path.startsWith('$') ? 1 : 0;
  while (i < path.length) {
    const c = path[i];
    if (c === '.') {
      i += 1;
    } else if (c === '[') {
      const q = path[i + 1];
      if (q === '"' || q === "'") {
        let j = i + 2;
        let name = '';
        while (j < path.length && path[j] !== q) {
          if (path[j] === '\\' && j + 1 < path.length) j += 1;
          name += path[j];
          j += 1;
        }
        out.push(name);
        i = path.indexOf(']', j) + 1 || path.length;
      } else {
        const j = path.indexOf(']', i);
        out.push(path.slice(i + 1, j < 0 ? path.length : j));
        i = j < 0 ? path.length : j + 1;
      }
    } else {
      let j = i;
      while (j < path.length && path[j] !== '.' && path[j] !== '[') j += 1;
      out.push(path.slice(i, j));
      i = j;
    }
  }
  return out;
}

// → {scope: 'answer', indicator, field, evidence, evField} | {scope: 'top', field, sub} | null.
// knownIds (a Set of indicator ids) resolves dotted paths whose id contains dots.
export function locate(path, knownIds) {
  let seg = splitPath(path);
  if (seg.length === 0) return { scope: 'top', field: '', sub: '' };
  if (seg[0] !== 'answers') return { scope: 'top', field: seg[0], sub: seg[1] ?? '' };
  seg = seg.slice(1);
  if (seg.length === 0) return { scope: 'top', field: 'answers', sub: '' };
  let id = seg[0];
  let rest = seg.slice(1);
  if (knownIds && !knownIds.has(id)) {
    // "answers.A.1.value" split at every dot: join back the longest known id.
    for (let n = seg.length; n > 1; n -= 1) {
      const cand = seg.slice(0, n).join('.');
      if (knownIds.has(cand)) {
        id = cand;
        rest = seg.slice(n);
        break;
      }
    }
  }
  const field = rest[0] ?? '';
  if (field === 'evidence') {
    const idx = rest[1] !== undefined ? Number(rest[1]) : null;
    return { scope: 'answer', indicator: id, field, evidence: Number.isInteger(idx) ? idx : null, evField: rest[2] ?? '' };
  }
  return { scope: 'answer', indicator: id, field, evidence: null, evField: '' };
}

// ------------------------------------------------------------------ plain words
// A path in words a person understands, in the language `code` (its catalog loaded):
// {where: 'BANKUM-P4 · Persentase …' (the indicator, '' for a top-level field), field: 'jawaban'}.
// `indicators` is the active pack's Map of indicator id → indicator (or null).
const SHORT = 70;
const TOP_FIELDS = new Set(['data_year', 'assessment_year', 'pack', 'region', 'format', 'format_version', 'updated_at', 'adjustments', 'answers', 'signatures']);
const ENTRY_FIELDS = new Set(['value', 'na', 'numerator', 'denominator', 'note', 'opd', 'evidence']);
const EVIDENCE_FIELDS = new Set(['id', 'status', 'reference', 'sha256', 'date', 'note']);

function textIn(text, code) {
  if (text === null || text === undefined) return '';
  if (typeof text === 'string') return text;
  return (code === 'en' ? text.en : undefined) ?? text.id ?? text.en ?? '';
}

function shorten(s) {
  const one = String(s).replace(/\s+/g, ' ').trim();
  return one.length > SHORT ? `${one.slice(0, SHORT - 1).trimEnd()}…` : one;
}

export function describe(path, indicators, code) {
  const ids = indicators ? new Set(indicators.keys()) : null;
  const loc = locate(path, ids);
  if (!loc) return null;
  if (loc.scope === 'top') {
    const seg = splitPath(path);
    const key = seg[0] === 'region' && ['name', 'kind', 'province', 'code'].includes(seg[1]) ? `field.region.${seg[1]}`
      : seg[0] === 'pack' && seg[1] === 'sha256' ? 'field.pack.sha256'
        : TOP_FIELDS.has(loc.field) ? `field.${loc.field}`
          : loc.field === '' ? 'field.file' : null;
    return { where: '', field: key ? tIn(code, key) : tIn(code, 'field.other', { name: seg[seg.length - 1] }) };
  }
  const ind = indicators?.get(loc.indicator);
  const where = ind ? `${loc.indicator} · ${shorten(textIn(ind.text, code))}` : loc.indicator;
  const n = loc.evidence === null ? null : loc.evidence + 1;
  let field;
  if (loc.field === 'evidence') {
    if (n === null) field = tIn(code, 'field.evidence.all');
    else if (EVIDENCE_FIELDS.has(loc.evField)) field = tIn(code, `field.evidence.${loc.evField}`, { n });
    else field = tIn(code, 'field.evidence.item', { n });
  } else if (ENTRY_FIELDS.has(loc.field)) {
    field = tIn(code, `field.answer.${loc.field}`);
  } else if (loc.field === '') {
    field = tIn(code, 'field.answer.entry');
  } else {
    field = tIn(code, 'field.other', { name: loc.field });
  }
  return { where, field };
}
