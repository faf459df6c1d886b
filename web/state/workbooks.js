// Excel workbooks of an assessment or an office package, both ways, and the official form from a
// spreadsheet. What a workbook holds and what a filled one means are the engine's
// (engine.workbookLayout, engine.readWorkbook); web/formats/workbook.js writes and reads the
// .xlsx with ExcelJS. Both the adapter and the library are loaded here on first use only
// (import() and a script of the app's origin), so the first screen never carries them.

import { ctx, ensureEngine, packTextFor, withPack, nowIso } from './assessment.js';

let adapter = null;
async function excel() {
  adapter ??= import('../formats/workbook.js');
  const mod = await adapter;
  try {
    return { mod, ExcelJS: await mod.loadExcelJS() };
  } catch (err) {
    // Offline before the service worker cached it, or the single-file kkpham.html (which does
    // not carry the Excel library).
    throw Object.assign(new Error(err.message), { diagnostics: [{ code: 'workbook.library', path: '', message: both(
      'Pustaka Excel belum tersedia di perangkat ini. Buka aplikasi sekali saat tersambung ke internet (bukan dari berkas tunggal kkpham.html), lalu coba lagi.',
      'The Excel library is not available on this device yet. Open the app once while online (not from the single kkpham.html file), then try again.') }] });
  }
}

function both(id, en) {
  return { id, en };
}

// A core diagnostic for people: its cell ("Isian!F23") when it names one.
function withCell(d) {
  const cell = /^[^!]{1,31}![A-Z]{1,3}[0-9]{1,7}$/.test(d.path ?? '') ? d.path : undefined;
  return { code: d.code, message: d.message, path: d.path, ...(cell ? { cell } : {}) };
}

// `detail` (the library's own words) goes where technical detail goes: the path.
function refusal(code, message, detail = '') {
  return { ok: false, diagnostics: [{ code, message, path: detail }] };
}

// An .xlsx that cannot be opened, in plain words; too big to open is said so.
function unreadable(err) {
  const big = /unpacks to more than/.test(err.message);
  return refusal('workbook.unreadable', big
    ? both('Buku kerja Excel ini terlalu besar untuk dibuka di sini (lebih dari 100 MB setelah dibuka). Simpan hanya lembar yang diperlukan.',
      'This Excel workbook is too big to open here (more than 100 MB unpacked). Save only the sheets needed.')
    : both('Buku kerja Excel ini tidak dapat dibaca. Buka di Excel lalu simpan ulang sebagai "Buku Kerja Excel (.xlsx)".',
      'This Excel workbook cannot be read. Open it in Excel and save it again as "Excel Workbook (.xlsx)".'), err.message);
}

/**
 * The .xlsx of `answers` as a Blob (file name in blob.name). `answers` may be an office package
 * (its scope says so); with {office: "<office id>"} the package of that office is made from
 * the master first (engine.split; a caller that records packages in the master splits itself
 * and passes the package).
 */
export async function makeWorkbook(answers, { office } = {}) {
  await ensureEngine();
  let doc = answers;
  if (office) {
    const split = ctx.engine.split(answers, { made_at: nowIso(), office });
    if (!split.ok) throw Object.assign(new Error('split failed'), { diagnostics: split.errors.map(withCell) });
    doc = split.packages[0].package;
  }
  const packText = await packTextFor(doc.pack?.sha256);
  if (packText === null) throw Object.assign(new Error('pack missing'), { diagnostics: [] });
  const layout = withPack(packText, () => ctx.engine.workbookLayout(doc));
  if (!layout.ok) throw Object.assign(new Error('layout failed'), { diagnostics: layout.errors.map(withCell) });
  const { mod, ExcelJS } = await excel();
  const bytes = await mod.writeWorkbook(ExcelJS, layout);
  const blob = new Blob([bytes], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
  return Object.assign(blob, { fileName: layout.file_name });
}

/**
 * A filled kkpham workbook read back: {ok:true, answers, kind:"assessment"|"office-package",
 * meta:{changed:[ids], modified?}} or {ok:false, diagnostics:[{code, message:{id,en}, cell?, path}]}.
 * Nothing is saved here: the caller imports the answers like any answers file.
 */
export async function readWorkbook(arrayBuffer) {
  await ensureEngine();
  let mod;
  let ExcelJS;
  try {
    ({ mod, ExcelJS } = await excel());
  } catch (err) {
    return { ok: false, diagnostics: err.diagnostics ?? [] };
  }
  let dump;
  try {
    // The sheets the engine reads (a foreign workbook's other sheets are never walked).
    dump = await mod.dumpWorkbook(ExcelJS, arrayBuffer, { only: ['Sampul', 'Isian', 'kkpham'] });
  } catch (err) {
    return unreadable(err);
  }
  const sha = dump.sheets.kkpham?.B5?.v;
  let packText = ctx.packText;
  if (typeof sha === 'string' && sha !== ctx.summary?.sha256) packText = (await packTextFor(sha)) ?? ctx.packText;
  if (packText === null) {
    return refusal('workbook.no_pack', both(
      'Paket kriteria buku kerja ini tidak tersedia di aplikasi ini. Muat paketnya di layar Mulai, lalu impor lagi.',
      "This workbook's criteria pack is not available in this app. Load it on the Start screen, then import again."));
  }
  const now = nowIso();
  const r = withPack(packText, () => ctx.engine.readWorkbook(dump, { updated_at: now, returned_at: dump.modified ?? now }));
  if (!r.ok) return { ok: false, diagnostics: (r.errors ?? []).map(withCell) };
  return { ok: true, answers: r.answers, kind: r.kind, meta: { changed: r.changed, ...(dump.modified ? { modified: dump.modified } : {}) } };
}

/**
 * The official form in an .xlsx (its first visible sheet, or `sheet`) as the CSV text that
 * engine.importCsv reads. Throws {diagnostics} when the workbook or sheet cannot be read.
 */
export async function readOfficialFormWorkbook(arrayBuffer, { sheet } = {}) {
  return (await officialForm(arrayBuffer, { sheet })).csv;
}

async function officialForm(arrayBuffer, { sheet } = {}) {
  const { mod, ExcelJS } = await excel();
  let form;
  try {
    form = await mod.officialFormCsv(ExcelJS, arrayBuffer, sheet);
  } catch (err) {
    throw Object.assign(new Error('unreadable workbook'), { diagnostics: unreadable(err).diagnostics });
  }
  if (!form.ok) {
    throw Object.assign(new Error('no sheet'), { diagnostics: refusal('workbook.no_sheet', both(
      `Lembar "${sheet}" tidak ada dalam buku kerja ini (ada: ${form.sheets.join(', ')}).`,
      `There is no sheet "${sheet}" in this workbook (it has: ${form.sheets.join(', ')}).`)).diagnostics });
  }
  return form;
}

/**
 * The official form in an .xlsx imported as a pack (engine.importCsv): the import's result,
 * each diagnostic naming its sheet and cell ("Formulir!F12") instead of the CSV line.
 */
export async function importOfficialFormWorkbook(arrayBuffer, options = {}, { sheet } = {}) {
  await ensureEngine();
  let mod;
  let form;
  try {
    ({ mod } = await excel());
    form = await officialForm(arrayBuffer, { sheet });
  } catch (err) {
    if (err.diagnostics) return { ok: false, errors: err.diagnostics };
    throw err;
  }
  const r = ctx.engine.importCsv(form.csv, options);
  if (r.ok) return r;
  const place = (d) => {
    const cell = mod.formCell(form, d.path);
    if (!cell) return d;
    const swap = (text, word) => (typeof text === 'string' ? text.replace(/^(Baris|Line) \d+(, (kolom|column) "[^"]*")?/, `${word} ${cell}`) : text);
    return { ...d, path: cell, cell, message: { id: swap(d.message?.id, 'Sel'), en: swap(d.message?.en, 'Cell') } };
  };
  return { ...r, errors: (r.errors ?? []).map(place), warnings: (r.warnings ?? []).map(place) };
}
