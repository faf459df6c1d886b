// The pack's offices (OPD) and the offices of each indicator, as the engine reads them
// (engine.offices: core/src/offices/reading.cpp, with model/pack_offices.cpp), in one place for
// every view. Nothing is decided here: a pack with an `offices` list names offices by id on rights
// and indicators (the first leads); an older pack without a list writes free-text `opd`, and the
// engine makes one office per distinct name. An answer's `opd` may name an office by id, short
// name, full name or alias (the whole text first, else its parts split at , ; |); an unknown name
// is listed, or, for a pack without a list, is the answer's own office as typed (id "~…").
//
// One engine call reads the pack's part and every answer's `opd`; a reading depends only on the
// indicator and its text, so it is kept per pack under that key and the engine is asked again only
// when a text it has not read appears (an `opd` typed or imported), once for all of them: the
// worksheet's 120 rows cost no call per row.

import { ctx, peek } from './assessment.js';

const NONE = Object.freeze({ offices: Object.freeze([]), typed: '', unknown: Object.freeze([]) });
const MAX_READINGS = 5000; // texts kept per pack (every keystroke in an `opd` field is one)

let memo = null; // {pack, sha, declared, list, byId, ofRight, ofIndicator, packReading, readings}

// The `opd` texts of the current answers (with `id`'s replaced by `text`) as an answers file:
// the engine reads nothing else for this, so nothing else is sent.
function opdAnswers(id, text) {
  const answers = {};
  for (const [k, e] of Object.entries(ctx.answers?.answers || {})) {
    if (e && typeof e === 'object' && typeof e.opd === 'string' && e.opd !== '') answers[k] = { opd: e.opd };
  }
  if (id !== undefined) answers[id] = { opd: text };
  return { answers };
}

const frozen = (list) => Object.freeze(list);

function reading(m, r) {
  const own = r.own ? Object.freeze(r.own) : null;
  const offices = (r.offices || []).map((id) => (own && id === own.id ? own : m.byId.get(id))).filter(Boolean);
  return Object.freeze({ offices: frozen(offices), typed: r.typed || '', unknown: frozen(r.unknown || []) });
}

// Stores the readings of the answers' texts from one engine document.
function keep(m, doc, sent) {
  if (m.readings.size > MAX_READINGS) m.readings.clear();
  for (const [id, e] of Object.entries(sent.answers)) {
    const r = doc.indicators?.[id];
    if (r) m.readings.set(`${id}\n${e.opd}`, reading(m, r));
  }
}

function current() {
  const pack = ctx.pack;
  const sha = ctx.summary?.sha256;
  if (!pack || !ctx.engine) return null;
  if (memo && memo.pack === pack && memo.sha === sha) return memo;
  const sent = opdAnswers();
  const doc = ctx.engine.offices(sent);
  const list = doc.ok ? doc.offices.map((o) => Object.freeze(o)) : [];
  const byId = new Map(list.map((o) => [o.id, o]));
  const m = {
    pack,
    sha,
    declared: !!doc.declared,
    list,
    byId,
    ofRight: new Map(Object.entries(doc.rights || {})),
    ofIndicator: new Map(Object.entries(doc.indicators || {}).map(([id, r]) => [id, r.pack])),
    packReading: new Map(),
    readings: new Map(),
  };
  for (const [id, r] of Object.entries(doc.indicators || {})) {
    m.packReading.set(id, reading(m, { offices: r.pack }));
  }
  keep(m, doc, sent);
  memo = m;
  return m;
}

// The pack's offices: {declared, list: [{id, short_name, name: {id, en}, aliases}], byId: id ->
// office, ofRight: right id -> office ids, ofIndicator: indicator id -> its pack office ids}.
export function packOffices() {
  const m = current();
  if (!m) return { declared: false, list: [], byId: new Map(), ofRight: new Map(), ofIndicator: new Map() };
  return m;
}

// The offices answering for an indicator, after the answer's `opd`: `e` is the answer entry (by
// default the current answer of `ind`; null: the pack's offices) -> {offices: [{id, short_name,
// name}], typed, unknown}. `typed` is the answer's own text when it names offices; `unknown` lists
// the names the pack does not know. As the engine reads it: with a list, an unknown name leaves
// the known ones, else the pack's offices; without a list, a name not among the pack's is the
// answer's own office, as typed.
export function officesFor(ind, e = peek(ind.id)) {
  const m = current();
  if (!m) return NONE;
  const text = e && typeof e === 'object' && typeof e.opd === 'string' ? e.opd : '';
  if (text === '') return m.packReading.get(ind.id) ?? NONE;
  const key = `${ind.id}\n${text}`;
  let r = m.readings.get(key);
  if (!r) {
    const sent = opdAnswers(ind.id, text);
    const doc = ctx.engine.offices(sent);
    if (!doc.ok) return m.packReading.get(ind.id) ?? NONE;
    keep(m, doc, sent);
    r = m.readings.get(key) ?? m.packReading.get(ind.id) ?? NONE;
  }
  return r;
}
