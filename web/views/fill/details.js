// An indicator's details, shared by the cards and the worksheet of the Fill screen: its evidence
// items (ready, reference, date, a local SHA-256), the note, the office (OPD) and the legal basis.

import { h, clear } from '../../ui/dom.js';
import { t, tx } from '../../ui/i18n.js';
import { ctx, entry, peek, changed } from '../../state/assessment.js';
import { announce } from '../../ui/widgets.js';
import { officesFor } from '../../state/offices.js';

const openDetails = new Set(); // indicator ids whose evidence panel is open

// The <details> panel of indicator `ind` (open as the user left it); its headings are of
// `level` (h4 under a card's h3; h3 under the worksheet's h2 of a row).
export function details(ind, { level = 4 } = {}) {
  const hx = `h${level}`;
  const id = ind.id;
  const evCount = h('span', { class: 'ev-count' });
  const d = h('details', { class: 'more', open: openDetails.has(id) },
    h('summary', null, t('fill.details'), ' ', evCount));
  d.addEventListener('toggle', () => {
    if (d.open) openDetails.add(id);
    else openDetails.delete(id);
  });
  const body = h('div', { class: 'more-body' });
  const items = ind.evidence || [];
  if (items.length) {
    body.append(h(hx, null, t('ev.title')));
    items.forEach((ev, k) => body.append(evidenceItem(ind, ev, k)));
  } else {
    body.append(h('p', { class: 'muted' }, t('ev.none')));
  }
  const e = peek(id) || {};
  const extra = (e.evidence || []).filter((x) => x && !items.some((p) => p.id === x.id));
  if (extra.length) {
    body.append(h(hx, null, t('ev.extra')),
      h('ul', null, extra.map((x) => h('li', null, `${x.reference || x.id} (${t(`ev.status.${x.status}`)})`))));
  }
  const noteId = `note-${id}`;
  const note = h('textarea', { id: noteId, rows: '2' });
  note.value = e.note ?? '';
  note.addEventListener('input', () => {
    entry(id).note = note.value;
    changed();
  });
  const opdId = `opd-${id}`;
  const packOffices = officesFor(ind, null).offices;
  const packOpd = packOffices.map((o) => o.short_name).join(', ');
  const opd = h('input', { type: 'text', id: opdId, value: e.opd ?? packOpd, autocomplete: 'off', 'aria-describedby': `${opdId}-hint` });
  const opdHint = h('p', { class: 'hint', id: `${opdId}-hint` });
  // The pack's offices in full, and what the typed name is read as (the engine's reading).
  const writeOpdHint = () => {
    const full = (list) => list.map((o) => (tx(o.name) && tx(o.name) !== o.short_name ? `${o.short_name} (${tx(o.name)})` : o.short_name)).join(', ');
    const now = officesFor(ind);
    const lines = [t('fill.opdHint', { opd: full(packOffices) || '–' })];
    let warn = null;
    if (now.unknown.length) {
      warn = h('span', { class: 'warn-text' }, '⚠ ', t('fill.opdUnknown', { names: now.unknown.join(', '), opd: full(now.offices) || '–' }));
    } else if (now.typed && full(now.offices) !== full(packOffices)) {
      lines.push(t('fill.opdUsed', { opd: full(now.offices) }));
    }
    clear(opdHint).append(lines.join(' · '), warn ? h('br') : '', warn ?? '');
  };
  writeOpdHint();
  opd.addEventListener('input', () => {
    entry(id).opd = opd.value;
    changed();
    writeOpdHint();
  });
  body.append(
    h('div', { class: 'grid2' },
      h('div', { class: 'field' }, h('label', { for: noteId }, t('fill.note')), note),
      h('div', { class: 'field' }, h('label', { for: opdId }, t('fill.opd')), opd, opdHint)));
  if (ind.legal_basis?.length) {
    body.append(h(hx, null, t('fill.legal')),
      h('ul', { class: 'legal' }, ind.legal_basis.map((l) => h('li', null, l.citation,
        l.verified === false ? h('span', { class: 'muted' }, ` (${t('fill.unverified')})`) : null,
        l.note ? h('span', { class: 'muted' }, ` — ${l.note}`) : null))));
  }
  d.append(body);
  return d;
}

// The answers' evidence entry for pack evidence item `evId` (created on first write).
export function evEntry(id, evId, create) {
  const en = create ? entry(id) : peek(id);
  if (!en) return null;
  if (!Array.isArray(en.evidence)) {
    if (!create) return null;
    en.evidence = [];
  }
  let item = en.evidence.find((x) => x && x.id === evId);
  if (!item && create) {
    item = { id: evId, status: 'missing' };
    en.evidence.push(item);
  }
  return item ?? null;
}

function evidenceItem(ind, ev, k) {
  const id = ind.id;
  const base = `ev-${id}-${k}`;
  const cur = evEntry(id, ev.id, false) || {};
  const required = ev.required !== false;
  const ready = h('input', { type: 'checkbox', id: `${base}-ready`, checked: cur.status === 'ready',
    onchange: (e) => {
      evEntry(id, ev.id, true).status = e.target.checked ? 'ready' : 'missing';
      changed();
    } });
  const ref = h('input', { type: 'text', id: `${base}-ref`, value: cur.reference ?? '', autocomplete: 'off', 'aria-describedby': `${base}-refhint` });
  ref.addEventListener('input', () => {
    evEntry(id, ev.id, true).reference = ref.value;
    changed();
  });
  const date = h('input', { type: 'date', id: `${base}-date`, value: cur.date ?? '' });
  date.addEventListener('input', () => {
    const it = evEntry(id, ev.id, true);
    if (date.value === '') delete it.date; else it.date = date.value;
    changed();
  });
  const hashOut = h('p', { class: 'hash-out', 'aria-live': 'polite' });
  const showHash = () => {
    const it = evEntry(id, ev.id, false);
    clear(hashOut);
    if (it?.sha256) {
      hashOut.append(t('ev.sha'), ' ', h('code', { class: 'hash' }, it.sha256), ' ',
        h('button', { type: 'button', class: 'link', onclick: () => {
          delete evEntry(id, ev.id, true).sha256;
          changed();
          showHash();
          announce(t('ev.hashRemoved'));
        } }, t('ev.hashRemove')));
    }
  };
  showHash();
  const file = h('input', { type: 'file', id: `${base}-file`, 'aria-describedby': `${base}-filehint` });
  file.addEventListener('change', async () => {
    const f = file.files?.[0];
    if (!f) return;
    hashOut.textContent = t('ev.hashing', { file: f.name });
    const digest = await sha256Hex(f);
    const it = evEntry(id, ev.id, true);
    it.sha256 = digest;
    if (!it.reference) {
      it.reference = f.name;
      ref.value = f.name;
    }
    file.value = ''; // the file itself is neither kept nor sent anywhere
    changed();
    showHash();
    announce(t('ev.hashed', { file: f.name }));
  });
  return h('fieldset', { class: 'ev' },
    h('legend', null, tx(ev.document)),
    h('p', { class: 'muted' }, ev.signer ? `${t('ev.signer')}: ${tx(ev.signer)} · ` : '', required ? t('ev.required') : t('ev.optional')),
    h('div', { class: 'choice' }, ready, h('label', { for: ready.id }, t('ev.ready'))),
    h('div', { class: 'grid2' },
      h('div', { class: 'field' }, h('label', { for: ref.id }, t('ev.reference')), ref, h('p', { class: 'hint', id: `${base}-refhint` }, t('ev.referenceHint'))),
      h('div', { class: 'field' }, h('label', { for: date.id }, t('ev.date')), date)),
    h('div', { class: 'field' }, h('label', { for: file.id }, t('ev.file')), file, h('p', { class: 'hint', id: `${base}-filehint` }, t('ev.fileHint'))),
    hashOut);
}

export async function sha256Hex(file) {
  const buf = await file.arrayBuffer();
  const d = await crypto.subtle.digest('SHA-256', buf);
  return Array.from(new Uint8Array(d), (b) => b.toString(16).padStart(2, '0')).join('');
}
