// Start, "Untuk Kanwil: paket kriteria lain": another bundled pack, a pack file or a CSV form,
// the chosen pack in full, and the message of a failed load (the pack in use stays in use and
// is named). Loaded when the section is first opened: a first-time user never needs it.

import { h, newId } from '../../ui/dom.js';
import { t, tx } from '../../ui/i18n.js';
import { ctx, BUNDLED_PACKS, fetchBundled, activatePack, ensureEngine } from '../../state/assessment.js';
import { announce, errorBox, dl } from '../../ui/widgets.js';
import { rerender, go } from '../../state/navigation.js';
import { checkFile, kindOfFile, tooLarge } from '../../state/file-kind.js';

// The engine's name of a CSV form's encoding other than UTF-8, as shown ("dibaca sebagai Windows-1252").
const ENCODING_NAMES = { 'windows-1252': 'Windows-1252', 'utf-16le': 'UTF-16 LE', 'utf-16be': 'UTF-16 BE' };

// The Start screen's pack choice and its helpers (views/start.js hands them over).
let choice;
let selectBundled;
let chosenSummary;
let focusLater;

export function kanwilContent(api) {
  ({ choice, selectBundled, chosenSummary, focusLater } = api);
  const fs = h('fieldset', { class: 'pack-choice' }, h('legend', null, t('start.pack')));
  for (const b of BUNDLED_PACKS) {
    fs.append(radio('pack-src', `bundled:${b.file}`, t('start.pack.bundled', { file: b.file.replace(/^criteria\//, '') }),
      choice.source === 'bundled' && choice.file === b.file, () => selectBundled(b.file)));
  }
  const fileId = newId('f');
  const csvId = newId('f');
  fs.append(
    h('div', { class: 'choice file' },
      h('label', { for: fileId }, t('start.pack.file')),
      h('input', { type: 'file', id: fileId, accept: '.json,application/json', onchange: (ev) => loadPackFile(ev.target) })),
    h('div', { class: 'choice file' },
      h('label', { for: csvId }, t('start.pack.csv')),
      h('input', { type: 'file', id: csvId, accept: '.csv,text/csv,.xlsx', 'aria-describedby': `${csvId}-hint`, onchange: (ev) => loadCsvFile(ev.target) }),
      h('p', { class: 'hint', id: `${csvId}-hint` }, t('start.pack.csvHint'))),
  );
  const read = ENCODING_NAMES[choice.source === 'csv' ? choice.encoding : ''];
  if (read) fs.append(h('p', { class: 'hint csv-encoding' }, t('start.pack.csvEncoding', { encoding: read })));
  const out = h('div', { class: 'pack-detail' });
  const preview = chosenSummary();
  if (ctx.summary && (!preview || preview.sha256 === ctx.summary.sha256)) out.append(packSummary(ctx.summary));
  else if (preview) out.append(packSummary(preview));
  fs.append(out);
  // A received submission package: the Kanwil's check (views/verify.js), loaded on use.
  const verify = h('p', { class: 'kanwil-verify' },
    h('button', { type: 'button', id: 'start-verify', onclick: () => go('verify') }, t('start.kanwil.verify')));
  return [failureBox(), verify, fs].filter(Boolean);
}


function radio(name, value, label, checked, onchange) {
  const id = newId('r');
  return h('div', { class: 'choice' },
    h('input', { type: 'radio', id, name, value, checked, onchange }),
    h('label', { for: id }, label));
}

// The summary of a pack (the engine's packSummary, or its copy in criteria/index.json).
function packSummary(s) {
  const p = ctx.summary?.sha256 === s.sha256 ? ctx.pack : null;
  const dy = s.data_years ?? p?.data_years;
  const years = dy ? `${dy.from ?? '…'}–${dy.to ?? t('pack.yearsOpen')}` : '';
  return h('div', null,
    h('p', { class: 'pack-title' }, tx(s.title ?? p?.title)),
    dl([
      [t('pack.id'), `${s.id} ${s.version ?? ''}`.trim()],
      [t('pack.regulation'), s.regulation ?? p?.regulation],
      [t('pack.status'), t(`pack.status.${s.status}`)],
      [t('pack.size'), t('pack.sizeValue', { rights: s.right_count ?? p?.rights?.length ?? '?', indicators: s.indicator_count ?? p?.indicators?.length ?? '?' })],
      [t('pack.dataYears'), years],
      [t('pack.sha'), h('code', { class: 'hash' }, s.sha256)],
    ]));
}

// The message of a failed pack load, with the pack that stays in use named.
function failureBox() {
  const f = choice.failure;
  if (!f) return null;
  const s = ctx.summary ?? chosenSummary();
  const kept = s ? t('start.pack.kept', { pack: `${tx(s.title ?? ctx.pack?.title)} (${`${s.id} ${s.version ?? ''}`.trim()})` }) : t('start.pack.noneKept');
  return errorBox(f.title, f.diags, kept);
}

// Loading another pack fails as a whole: the pack in use stays in use (and is named).
function packFailed(title, diags) {
  choice.failure = { title, diags };
  rerender();
  focusLater('.kanwil .errorbox');
  announce(title, 'error');
}

function packLoaded(source, name, encoding = null) {
  choice.source = source;
  choice.name = name;
  choice.encoding = encoding;
  choice.diags = null;
  choice.failure = null;
  rerender();
  announce(t('start.pack.loaded', { file: name }));
}

async function loadPackFile(input) {
  const file = input.files?.[0];
  if (!file) return;
  input.value = '';
  const title = t('start.pack.invalidFile', { file: file.name });
  const wrong = await checkFile(file, 'pack');
  if (wrong) {
    packFailed(title, [wrong]);
    return;
  }
  const text = await file.text();
  await ensureEngine();
  const r = activatePack(text);
  if (!r.ok) {
    packFailed(title, r.errors || []);
    return;
  }
  packLoaded('file', file.name);
}

async function loadCsvFile(input) {
  const file = input.files?.[0];
  if (!file) return;
  input.value = '';
  const title = t('start.pack.invalidCsv', { file: file.name });
  // The official form saved as an Excel workbook: its first sheet is read as the CSV form
  // (state/workbooks.js, loaded on use), its errors naming sheet and cell.
  const workbook = (await kindOfFile(file).catch(() => null)) === 'xlsx';
  const wrong = workbook ? tooLarge(file, 'workbook') : await checkFile(file, 'csv-form');
  if (wrong) {
    packFailed(title, [wrong]);
    return;
  }
  // The bytes as saved, not file.text() (which turns Windows-1252 letters into U+FFFD): the
  // engine decides the encoding (UTF-8, UTF-16 or Windows-1252) and says which one it read.
  const csv = new Uint8Array(await file.arrayBuffer());
  await ensureEngine();
  // The CSV form takes its pack-level settings from a base pack: the bundled one.
  if (!ctx.summary) {
    try {
      const base = await fetchBundled(BUNDLED_PACKS[0]?.file);
      activatePack(base);
    } catch {
      /* importCsv works without a base pack too */
    }
  }
  const stem = file.name.replace(/\.[^.]*$/, '').toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[^a-z0-9]+/, '') || 'csv-pack';
  const options = { id: `${stem.slice(0, 59)}-csv`, status: 'reference' };
  const r = workbook ? await (await import('../../state/workbooks.js')).importOfficialFormWorkbook(csv.buffer, options)
    : ctx.engine.importCsvBytes(csv, options);
  if (workbook && r.errors?.[0]?.code === 'workbook.unreadable') {
    // Not a workbook ExcelJS can open: named for what it is, with how to save the form as CSV.
    packFailed(title, [await checkFile(file, 'csv-form')]);
    return;
  }
  if (!r.ok) {
    packFailed(title, r.errors || []);
    return;
  }
  const lr = activatePack(typeof r.pack === 'string' ? r.pack : JSON.stringify(r.pack));
  if (!lr.ok) {
    packFailed(title, lr.errors || []);
    return;
  }
  packLoaded('csv', file.name, r.encoding);
}
