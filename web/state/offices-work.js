// The coordinator's side of the offices' work on the open (master) assessment: one package per
// office (engine.split), the returns merged (engine.merge: every decision is the engine's), the
// conflicts chosen, the dashboard (engine.officeStatus), and the undo of a merge as one step.
// Files are downloaded with the bytes the native CLI writes (state/offices-json.js).

import { saveFile } from './offices-files.js';
import { tIn } from '../ui/i18n.js';
import { ctx, flush, nowIso, persist, rescore } from './assessment.js';
import * as store from './store.js';
import { cliParse, cliTextAt } from './offices-json.js';
import { answersFileName } from './io.js';
import { MAX_BYTES } from './file-kind.js';

// The last split of this page: {made_at, packages: [{office, package_id, file_name, indicators, text}]}.
let lastSplit = null;
// The merged master's file text as the CLI writes it, while ctx.answers is still that master.
let merged = null; // {answers, text}

const undoKey = (key) => `undo:${key}`;

/** Why the offices' work cannot start on the open assessment, or null: 'none' | 'office' | 'whatif'. */
export function blocked() {
  if (!ctx.answers) return 'none';
  if (ctx.office) return 'office';
  if (ctx.whatIf) return 'whatif';
  return null;
}

// The master replaced by the engine's new one, as it came (no new time stamp: the bytes are the
// engine's), scored, saved and shown.
function adopt(answers) {
  ctx.answers = answers;
  rescore();
  const saving = persist();
  for (const fn of ctx.listeners) fn();
  return saving;
}

/**
 * One package per office of the pack (or one office: {office: id}). The master records the
 * packages made. → {ok: true, packages, status} | {ok: false, errors}
 */
export async function makePackages({ office = null } = {}) {
  flush();
  const options = { made_at: nowIso() };
  if (office) options.office = office;
  const raw = ctx.engine.splitRaw(ctx.answers, options);
  const doc = JSON.parse(raw);
  if (!doc.ok) return { ok: false, errors: doc.errors || [] };
  const parsed = cliParse(raw);
  const packages = doc.packages.map((p, i) => ({
    office: p.office, package_id: p.package_id, file_name: p.file_name, indicators: p.indicators,
    text: cliTextAt(parsed, ['packages', i, 'package']),
  }));
  lastSplit = { made_at: options.made_at, packages };
  await adopt(doc.master);
  return { ok: true, packages, status: doc.status };
}

/** The pack's offices that answer for at least one indicator of the master (as a split reads them). */
export function officesWithIndicators() {
  return officeStatus().filter((s) => s.indicators > 0).map((s) => s.office);
}

/** The packages of this page's last split (null before one). */
export function madePackages() {
  return lastSplit;
}

export function downloadPackage(p) {
  saveFile(p.file_name, p.text);
}

/**
 * Every package of this page's last split in one ZIP (the app's ZIP adapter, loaded on use), in a
 * folder named after the assessment: {name, blob}.
 */
export async function packagesZip(packages = lastSplit?.packages ?? []) {
  const { packageZipBlob } = await import('../formats/zip-write.js');
  const enc = new TextEncoder();
  const root = `paket-opd-${answersFileName(ctx.answers).replace(/\.kkpham\.json$/, '')}`;
  const entries = packages.map((p) => ({ path: p.file_name, content: p.text, size: enc.encode(p.text).length }));
  const r = await packageZipBlob({ root, entries }, { fileFor: () => null });
  if (!r.ok) throw Object.assign(new Error(r.code), { diagnostics: [] });
  return { name: `${root}.zip`, blob: r.blob };
}

export async function downloadPackagesZip() {
  const { name, blob } = await packagesZip();
  saveFile(name, blob);
}

/** The workbook (.xlsx) of a package made in this page, to fill in Excel: {name, blob}. */
export async function packageWorkbook(p) {
  const { makeWorkbook } = await import('./workbooks.js');
  const blob = await makeWorkbook(JSON.parse(p.text));
  return { name: blob.fileName || p.file_name.replace(/\.kkpham\.json$/, '.xlsx'), blob };
}

export async function downloadPackageWorkbook(p) {
  const { name, blob } = await packageWorkbook(p);
  saveFile(name, blob);
}

const MB = 1024 * 1024;

/**
 * Reads chosen files as merge returns: {returns: [{file: name, text}], refused: [{file, office,
 * errors}]}. A workbook (.xlsx) is read back by state/workbooks.js (its answers go to the merge;
 * one it cannot read is refused here, naming sheet and cell); a file of another kind (state/file-kind.js)
 * is refused naming what it is; any other goes to the engine as text, which refuses what is not a
 * return of this assessment.
 */
export async function readReturns(files) {
  const returns = [];
  const refused = [];
  for (const f of [...files]) {
    // Never read more than a return can be (the CLI's limits): a wrong huge file is refused unread.
    const limit = MAX_BYTES[/\.xlsx$/i.test(f.name) ? 'workbook' : 'answers'];
    if (f.size > limit) {
      const mb = (n) => String(Math.ceil(n / MB));
      refused.push({ file: f.name, office: null, errors: [{ code: 'file.too_large', path: '',
        message: (lang) => tIn(lang, 'offices.merge.tooLarge', { file: f.name, size: mb(f.size), limit: mb(limit) }) }] });
      continue;
    }
    let bytes = new Uint8Array(0);
    try {
      bytes = new Uint8Array(await f.arrayBuffer());
    } catch {
      bytes = new Uint8Array(0); // unreadable: the engine refuses the empty text
    }
    // A file of another kind (a PDF, a picture, a pack…) is named for what it is, not parsed.
    const { kindOfBytes, wrongKind, wrongFileDiag } = await import('./file-kind.js');
    const kind = kindOfBytes(bytes);
    if (!['xlsx', 'office', 'zip'].includes(kind)) {
      if (wrongKind(kind, 'answers')) refused.push({ file: f.name, office: null, errors: [wrongFileDiag(kind, 'answers', f.name)] });
      else returns.push({ file: f.name, text: new TextDecoder().decode(bytes) });
      continue;
    }
    const { readWorkbook } = await import('./workbooks.js');
    const r = await readWorkbook(bytes.buffer);
    if (r.ok) returns.push({ file: f.name, text: JSON.stringify(r.answers) });
    else refused.push({ file: f.name, office: null, errors: r.diagnostics });
  }
  return { returns, refused };
}

/**
 * Merges returned packages (and/or resolutions of open conflicts) into the master. A merge that
 * changes the master keeps the master before it as the one step to undo (also across a reload).
 * → the engine's merge result ({ok, changed, open_conflicts, refused, report, status, warnings})
 * | {ok: false, errors}
 */
export async function mergeReturns(returns, { resolutions = null, refused = [] } = {}) {
  flush();
  const before = ctx.answers;
  const options = { merged_at: nowIso() };
  if (resolutions && Object.keys(resolutions).length) options.resolutions = resolutions;
  const raw = ctx.engine.mergeRaw(before, returns, options);
  const doc = JSON.parse(raw);
  if (!doc.ok) return doc;
  if (doc.changed) {
    const answers = doc.answers;
    merged = { answers, text: cliTextAt(cliParse(raw), ['answers']) };
    const files = returns.map((r) => r.file);
    await store.saveScenario(undoKey(ctx.key), { master: before, after: JSON.stringify(answers), merged_at: options.merged_at, files });
    await adopt(answers);
  }
  delete doc.answers;
  // Workbooks refused before the merge are listed with the engine's refusals.
  if (refused.length) {
    doc.report.refused = [...refused, ...doc.report.refused];
    doc.report.counts.refused += refused.length;
    doc.report.counts.returns += refused.length;
    doc.refused += refused.length;
  }
  return doc;
}

/** The open conflicts of the master as the engine lists them (a merge of nothing, not kept). */
export function openConflicts() {
  flush();
  const doc = ctx.engine.merge(ctx.answers, [], { merged_at: nowIso() });
  return doc.ok ? doc.report.conflicts || [] : [];
}

/** Per office: package made, returned, answered n/m, evidence ready n/m, open conflicts. */
export function officeStatus() {
  flush();
  const doc = ctx.engine.officeStatus(ctx.answers);
  return doc.ok ? doc.status || [] : [];
}

/** The merge that can be undone: {merged_at, files} while the master is still what it wrote, else null. */
export async function undoable() {
  if (!ctx.key) return null;
  const u = await store.loadScenario(undoKey(ctx.key)).catch(() => null);
  if (!u?.master || u.after !== JSON.stringify(ctx.answers)) return null;
  return { merged_at: u.merged_at, files: u.files || [] };
}

/** Puts the master back as it was before the last merge. → true when it was undone. */
export async function undoMerge() {
  const key = ctx.key;
  const u = await store.loadScenario(undoKey(key)).catch(() => null);
  if (!u?.master || u.after !== JSON.stringify(ctx.answers) || ctx.key !== key) return false;
  merged = null;
  await adopt(u.master);
  await store.deleteScenario(undoKey(key)).catch(() => {});
  return true;
}

/**
 * The master as a file: after a merge, the bytes `kkpham merge` writes for the same master,
 * returns and time; otherwise the answers as the app exports them.
 */
export function masterFile() {
  const name = answersFileName(ctx.answers);
  if (merged && merged.answers === ctx.answers) return { name, text: merged.text };
  return { name, text: `${JSON.stringify(ctx.answers, null, 2)}\n` };
}

export function downloadMaster() {
  const f = masterFile();
  saveFile(f.name, f.text);
}
