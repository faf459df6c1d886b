// The pack's offices (OPD) and the offices of each indicator, read the way the engine reads them
// (core/src/model/pack_offices.cpp, answers_offices.cpp), in one place for every view.
// A pack with an `offices` list names offices by id on rights and indicators (the first leads);
// an older pack without a list writes free-text `opd`, and each distinct name (case and repeated
// spaces ignored, split at , ; |) is one office with an id made from the name. An answer's `opd`
// may name an office by id, short name, full name or alias; an unknown name is kept as typed.

import { ctx, peek } from './assessment.js';

// "  Dinas  KESEHATAN " -> "dinas kesehatan" (only ASCII letters are folded, as in the engine).
export function officeKey(name) {
  return String(name).replace(/[ \t\r\n]+/g, ' ').trim().replace(/[A-Z]/g, (c) => c.toLowerCase());
}

export function splitOfficeNames(text) {
  return String(text).split(/[,;|]/).map((s) => s.replace(/^[ \t]+|[ \t]+$/g, '')).filter(Boolean);
}

const cache = new WeakMap(); // pack JSON -> its offices

// "Dinas Lingkungan Hidup" -> "dinas-lingkungan-hidup", unique among `list`.
function derivedId(list, name) {
  let id = '';
  for (const c of officeKey(name)) {
    if (/[a-z0-9]/.test(c)) id += c;
    else if (id && !id.endsWith('-')) id += '-';
    if (id.length >= 56) break;
  }
  id = id.replace(/-+$/, '') || 'opd';
  let unique = id;
  for (let n = 2; list.some((o) => o.id === unique); n += 1) unique = `${id}-${n}`;
  return unique;
}

function build(pack) {
  const list = [];
  const keys = new Map(); // officeKey(id or any name) -> index in list
  const byId = new Map();
  const declared = Array.isArray(pack.offices);
  const claim = (name, i) => {
    const k = typeof name === 'string' ? officeKey(name) : '';
    if (k && !keys.has(k)) keys.set(k, i);
  };
  if (declared) {
    for (const o of pack.offices) {
      if (!o || typeof o.id !== 'string') continue;
      const i = list.length;
      const name = typeof o.name === 'string' ? { id: o.name } : o.name || { id: o.short_name || o.id };
      list.push({ id: o.id, name, short_name: o.short_name || o.id, aliases: o.aliases || [] });
      for (const n of [o.id, o.short_name, name.id, name.en, ...(o.aliases || [])]) claim(n, i);
    }
  }
  // The office ids of a right or an indicator (null when it names none).
  const own = (item) => {
    if (declared) {
      if (!Array.isArray(item.offices)) return null;
      const ids = item.offices.filter((id) => keys.has(officeKey(id)) && list[keys.get(officeKey(id))].id === id);
      return ids.length ? ids : null;
    }
    if (typeof item.opd !== 'string') return null;
    const ids = [];
    for (const name of splitOfficeNames(item.opd)) {
      let i = keys.get(officeKey(name));
      if (i === undefined) {
        i = list.length;
        const shown = name.replace(/[\t\r\n]/g, '').replace(/ {2,}/g, ' ');
        const id = derivedId(list, name);
        list.push({ id, name: { id: shown }, short_name: shown, aliases: [] });
        keys.set(officeKey(name), i);
        keys.set(id, i);
      }
      if (!ids.includes(list[i].id)) ids.push(list[i].id);
    }
    return ids.length ? ids : null;
  };
  const ofRight = new Map();
  for (const r of pack.rights || []) ofRight.set(r.id, own(r));
  const ofIndicator = new Map();
  for (const ind of pack.indicators || []) ofIndicator.set(ind.id, own(ind) ?? ofRight.get(ind.right) ?? []);
  for (const o of list) byId.set(o.id, o);
  return { declared, list, keys, byId, ofRight, ofIndicator };
}

// The pack's offices: {declared, list: [{id, name: {id, en?}, short_name, aliases}], byId, ...}.
export function packOffices(pack = ctx.pack) {
  if (!pack) return { declared: false, list: [], keys: new Map(), byId: new Map(), ofRight: new Map(), ofIndicator: new Map() };
  let o = cache.get(pack);
  if (!o) {
    o = build(pack);
    cache.set(pack, o);
  }
  return o;
}

// The office an id names, or undefined.
export function officeById(id, pack = ctx.pack) {
  return packOffices(pack).byId.get(id);
}

// What an answer's `opd` text names, as the engine reads it: the whole text first, else each part
// (split at , ; |). → {ids: office ids found, unknown: names not in the pack}.
export function resolveOfficeText(text, pack = ctx.pack) {
  const po = packOffices(pack);
  const whole = po.keys.get(officeKey(text));
  if (whole !== undefined) return { ids: [po.list[whole].id], unknown: [] };
  const ids = [];
  const unknown = [];
  for (const name of splitOfficeNames(text)) {
    const i = po.keys.get(officeKey(name));
    if (i === undefined) unknown.push(name);
    else if (!ids.includes(po.list[i].id)) ids.push(po.list[i].id);
  }
  return { ids, unknown };
}

// The pack's own office ids of an indicator (its own `offices`/`opd`, else its right's).
export function packOfficeIds(ind, pack = ctx.pack) {
  return packOffices(pack).ofIndicator.get(ind.id) ?? [];
}

// The offices answering for an indicator, after the answer's `opd` (entry `e`, by default the
// current answer of `ind`): {offices: [{id, short_name, name}], typed, unknown}.
// `typed` is the answer's own text when it names offices; `unknown` lists the names the pack does
// not know. As in the engine: with a list, an unknown name leaves the known ones, else the pack's
// offices; without a list, a name not among the pack's is the answer's own office, as typed.
export function officesFor(ind, e = peek(ind.id), pack = ctx.pack) {
  const po = packOffices(pack);
  const fromPack = () => packOfficeIds(ind, pack).map((id) => po.byId.get(id)).filter(Boolean);
  const typed = typeof e?.opd === 'string' && e.opd.trim() ? e.opd : '';
  if (!typed) return { offices: fromPack(), typed: '', unknown: [] };
  const { ids, unknown } = resolveOfficeText(typed, pack);
  if (!unknown.length && ids.length) return { offices: ids.map((id) => po.byId.get(id)), typed, unknown: [] };
  if (!po.declared) {
    const shown = typed.trim();
    return { offices: [{ id: `~${officeKey(shown)}`, short_name: shown, name: { id: shown } }], typed, unknown: [] };
  }
  return { offices: ids.length ? ids.map((id) => po.byId.get(id)) : fromPack(), typed, unknown };
}
