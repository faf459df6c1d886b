// A diagnostic's JSON path in plain words ("$.answers['BANKUM-P4'].value" → the indicator's code
// and short text, and "jawaban"), for ui/widgets.js's messages, which cannot see the pack: this
// module hands it the active pack's indicators when it is loaded (once an assessment is open, or
// with the first file checked). Before that, a message keeps its path.

import { tIn } from '../ui/i18n.js';
import { setPathDescriber } from '../ui/widgets.js';
import { ctx } from './assessment.js';
import { locate, splitPath } from './paths.js';

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

setPathDescriber((path, code) => describe(path, ctx.idx?.indicators ?? null, code));
