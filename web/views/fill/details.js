// An indicator's details, shared by the cards and the worksheet of the Fill screen: its evidence
// items (ready, reference, date, a file attached by drop or choice: its local SHA-256), the note, the office (OPD) and the legal basis.

import { h, clear } from '../../ui/dom.js';
import { t, tx, num, formatDate } from '../../ui/i18n.js';
import { ctx, entry, peek, changed } from '../../state/assessment.js';
import { announce } from '../../ui/widgets.js';
import { officesFor } from '../../state/offices.js';
import { go } from '../../state/navigation.js';

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
  const attach = attachZone({ id, evId: ev.id, base, title: tx(ev.document), ready, ref });
  return h('fieldset', { class: 'ev' },
    h('legend', null, tx(ev.document)),
    h('p', { class: 'muted' }, ev.signer ? `${t('ev.signer')}: ${tx(ev.signer)} · ` : '', required ? t('ev.required') : t('ev.optional')),
    h('div', { class: 'choice' }, ready, h('label', { for: ready.id }, t('ev.ready'))),
    h('div', { class: 'grid2' },
      h('div', { class: 'field' }, h('label', { for: ref.id }, t('ev.reference')), ref, h('p', { class: 'hint', id: `${base}-refhint` }, t('ev.referenceHint'))),
      h('div', { class: 'field' }, h('label', { for: date.id }, t('ev.date')), date)),
    attach);
}

// --- attaching a file to an evidence item ------------------------------------------------------
// A file dropped on the item or chosen with "Pilih berkas" is hashed on this computer (in a
// worker: web/state/evidence-files.js) and its reference recorded in the answers' evidence entry:
// reference (its name), size, sha256, modified (the file's own time); the item is marked ready.
// The file itself is neither kept nor sent anywhere.

const evidenceFiles = () => import('../../state/evidence-files.js');

// Where a drop lands outside an evidence item, the browser would open the file in place of the
// app: refuse such drops once for the page.
let pageDropGuard = false;
function guardPageDrops() {
  if (pageDropGuard) return;
  pageDropGuard = true;
  const hasFiles = (e) => Array.from(e.dataTransfer?.types ?? []).includes('Files');
  window.addEventListener('dragover', (e) => {
    if (!e.defaultPrevented && hasFiles(e)) {
      e.preventDefault();
      e.dataTransfer.dropEffect = 'none';
    }
  });
  window.addEventListener('drop', (e) => {
    if (!e.defaultPrevented && hasFiles(e)) e.preventDefault();
  });
}

function sizeText(parts) {
  return parts.unit === 'B' ? t('ev.sizeBytes', { n: num(parts.value, 0) }) : `${num(parts.value, 2)} ${parts.unit}`;
}

// What a drop carries: {kind: 'file', file} | {kind: 'folder', name} | {kind: 'many', n} | {kind: 'none'}.
function dropped(dt) {
  const items = Array.from(dt?.items ?? []).filter((i) => i.kind === 'file');
  const folder = items.map((i) => i.webkitGetAsEntry?.()).find((en) => en?.isDirectory);
  if (folder) return { kind: 'folder', name: folder.name };
  const files = Array.from(dt?.files ?? []);
  if (files.length > 1) return { kind: 'many', n: files.length };
  if (files.length === 1) return { kind: 'file', file: files[0] };
  return { kind: 'none' };
}

function attachZone({ id, evId, base, title, ready, ref }) {
  guardPageDrops();
  const fileId = `${base}-file`;
  const input = h('input', { type: 'file', id: fileId, class: 'visually-hidden-file', 'aria-describedby': `${base}-filehint` });
  const out = h('div', { class: 'hash-out' }); // the recorded reference
  const msg = h('div', { class: 'ev-attach-status', 'aria-live': 'polite' }); // progress and what happened to a drop
  let busy = null; // the AbortController of a hashing under way

  const say = (kind, ...children) => clear(msg).append(h('p', { class: kind === 'error' ? 'ev-attach-msg warn-text' : 'ev-attach-msg' }, ...children));
  const showRecorded = () => {
    const it = evEntry(id, evId, false);
    clear(out);
    if (!it?.sha256) return;
    const facts = [h('strong', { class: 'ev-file-name' }, it.reference || '–')];
    if (Number.isInteger(it.size) && sizeParts) facts.push(' · ', sizeText(sizeParts(it.size)));
    if (it.modified) facts.push(' · ', t('ev.modified', { date: formatDate(it.modified) }));
    out.append(
      h('p', { class: 'ev-recorded' }, t('ev.attached'), ' ', ...facts),
      h('p', { class: 'ev-recorded-hash' }, t('ev.sha'), ' ', h('code', { class: 'hash' }, it.sha256)),
      h('p', { class: 'ev-recorded-actions' },
        h('button', { type: 'button', class: 'link ev-detach', onclick: detach }, Number.isInteger(it.size) ? t('ev.detach') : t('ev.hashRemove'))));
  };
  let sizeParts = null;
  const detach = () => {
    const it = evEntry(id, evId, true);
    const name = it.reference;
    delete it.sha256;
    delete it.size;
    delete it.modified;
    changed();
    showRecorded();
    announce(t('ev.detached', { file: name || title }));
  };
  const record = async (file) => {
    if (busy) busy.abort();
    const controller = new AbortController();
    busy = controller;
    const cancel = h('button', { type: 'button', class: 'link', onclick: () => controller.abort() }, t('ev.cancel'));
    const progress = h('span', { class: 'ev-progress' });
    say('info', t('ev.hashing', { file: file.name }), ' ', progress, ' ', cancel);
    try {
      const mod = await evidenceFiles();
      sizeParts = mod.sizeParts;
      if (file.size === 0) {
        say('error', t('ev.emptyFile', { file: file.name }));
        return;
      }
      const refOf = await mod.attachFile(file, { signal: controller.signal,
        onProgress: ({ doneBytes, totalBytes }) => {
          if (totalBytes > 0) progress.textContent = `${Math.floor((doneBytes * 100) / totalBytes)}%`;
        } });
      const it = evEntry(id, evId, true);
      it.reference = refOf.reference;
      it.sha256 = refOf.sha256;
      it.size = refOf.size;
      if (refOf.modified) it.modified = refOf.modified; else delete it.modified;
      it.status = 'ready';
      ref.value = refOf.reference;
      ready.checked = true;
      changed();
      clear(msg);
      showRecorded();
      announce(t('ev.hashed', { file: file.name }));
    } catch (e) {
      if (e?.name === 'AbortError') say('info', t('ev.hashCancelled', { file: file.name }));
      else say('error', t('ev.unreadable', { file: file.name }), ' ', h('details', { class: 'tech' }, h('summary', null, t('diag.tech')), h('code', null, String(e?.message ?? e))));
    } finally {
      if (busy === controller) busy = null;
    }
  };

  input.addEventListener('change', () => {
    const files = Array.from(input.files ?? []);
    input.value = ''; // the file itself is neither kept nor sent anywhere
    if (files.length) record(files[0]);
  });

  const zone = h('div', { class: 'ev-drop', 'data-evidence': evId },
    h('p', { class: 'ev-drop-text' }, t('ev.dropHere'), ' ',
      h('label', { class: 'button', for: fileId }, t('ev.choose'), input)),
    h('p', { class: 'hint', id: `${base}-filehint` }, t('ev.fileHint')),
    msg,
    out);
  let depth = 0;
  zone.addEventListener('dragenter', (e) => {
    e.preventDefault();
    depth += 1;
    zone.classList.add('drag-over');
  });
  zone.addEventListener('dragover', (e) => {
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
  });
  zone.addEventListener('dragleave', () => {
    depth = Math.max(0, depth - 1);
    if (!depth) zone.classList.remove('drag-over');
  });
  zone.addEventListener('drop', (e) => {
    e.preventDefault();
    depth = 0;
    zone.classList.remove('drag-over');
    const what = dropped(e.dataTransfer);
    if (what.kind === 'file') record(what.file);
    else if (what.kind === 'folder') {
      say('error', t('ev.dropFolder', { name: what.name, item: title }), ' ',
        h('button', { type: 'button', class: 'link', onclick: () => go('evidence') }, t('ev.openCheck')));
    } else if (what.kind === 'many') say('error', t('ev.dropMany', { n: what.n, item: title }));
    else say('error', t('ev.dropNone', { item: title }));
  });
  // The recorded reference (a size needs the state module's rounding: loaded on first need).
  const it = evEntry(id, evId, false);
  if (it?.sha256) {
    if (Number.isInteger(it.size)) evidenceFiles().then((mod) => { sizeParts = mod.sizeParts; showRecorded(); });
    else showRecorded();
  }
  return zone;
}
