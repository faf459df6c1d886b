// Building the submission package in the browser (issue 16), as `kkpham package ANSWERS
// --evidence DIR -o PAKET.zip` does: the engine lays it out (engine.package: folders, index,
// BagIt tag files), formats/zip-write.js streams it into a ZIP, evidence files stored and hashed
// on the way. The files are those of the last folder check (state/evidence-files.js); the
// answers are the saved ones (never a what-if scenario).
//
// Where the ZIP goes, without holding the archive in memory:
//   1. showSaveFilePicker (Chromium, Edge): the user picks the place; the browser's stream
//      writes to a temporary file that becomes the chosen file only when complete (a cancel or a
//      failure leaves nothing).
//   2. else the origin private file system (OPFS, on disk): the ZIP is written there, then
//      handed to the browser's download as a disk-backed File; the previous one is removed at
//      the next build.
//   3. else (no OPFS: old browsers) an in-memory Blob, downloaded: the only case that holds
//      the whole archive in memory.
import { ctx, ensureEngine } from './assessment.js';
import { answersText, answersFileName, realAnswers } from './io.js';
import { checkedFiles, folderChecked, engineFiles } from './evidence-files.js';

const OPFS_DIR = 'kkpham-paket';

/** Today as the CLI writes Bagging-Date (UTC, YYYY-MM-DD). */
export function baggingDate(now = new Date()) {
  return now.toISOString().slice(0, 10);
}

/** The engine's package request for these checked files (the CLI's, field for field). */
export function packageRequest(files, answersName, date = baggingDate()) {
  // The files' times are already in the CLI's format (evidence-files.js fileTime).
  return { files: engineFiles(files).files, answers_name: answersName, bagging_date: date };
}

/**
 * The package as it would be built now, without writing it: the engine's document
 * ({ok, root, entries, evidence, gate, complete, payload_oxum}) with `folderChecked` and the
 * ZIP's file name (the package folder's name + ".zip").
 */
export function planPackage() {
  if (!ctx.engine || !ctx.answers) return null;
  const files = checkedFiles();
  const doc = ctx.engine.package(answersText(realAnswers()), packageRequest(files, answersFileName()));
  if (!doc.ok) return doc;
  return { ...doc, folderChecked: folderChecked(), fileName: `${doc.root}.zip`, files };
}

// ---- where the ZIP goes --------------------------------------------------------------------

/** True when the browser lets the user choose where the ZIP is saved. */
export function canPickSaveFile() {
  return typeof globalThis.showSaveFilePicker === 'function';
}

function abortError() {
  return new DOMException('cancelled', 'AbortError');
}

/**
 * Asks where to save (must run inside the click's user activation) -> a sink {kind, writable,
 * finish() -> {kind, name}} or null when the user closed the picker.
 */
export async function openSink(fileName) {
  if (canPickSaveFile()) {
    let handle;
    try {
      handle = await globalThis.showSaveFilePicker({
        suggestedName: fileName,
        types: [{ description: 'ZIP', accept: { 'application/zip': ['.zip'] } }],
      });
    } catch (e) {
      if (e?.name === 'AbortError') return null; // the user closed the picker
      handle = null; // a picker that cannot be used here (e.g. a sandboxed frame): fall back
    }
    if (handle) {
      const writable = await handle.createWritable();
      return { kind: 'picker', writable, finish: async () => ({ kind: 'picker', name: handle.name }) };
    }
  }
  const opfs = await opfsSink(fileName).catch(() => null);
  if (opfs) return opfs;
  const ts = new TransformStream();
  const blob = new Response(ts.readable).blob();
  blob.catch(() => {});
  return {
    kind: 'memory',
    writable: ts.writable,
    finish: async () => {
      offerDownload(await blob, fileName);
      return { kind: 'download', name: fileName };
    },
  };
}

async function opfsSink(fileName) {
  const root = await navigator.storage?.getDirectory?.();
  if (!root) return null;
  await root.removeEntry(OPFS_DIR, { recursive: true }).catch(() => {}); // the last build's copy
  const dir = await root.getDirectoryHandle(OPFS_DIR, { create: true });
  const handle = await dir.getFileHandle(fileName, { create: true });
  if (typeof handle.createWritable !== 'function') return null;
  const writable = await handle.createWritable();
  return {
    kind: 'opfs',
    writable,
    finish: async () => {
      offerDownload(await handle.getFile(), fileName);
      return { kind: 'download', name: fileName };
    },
  };
}

let lastUrl = null;
function offerDownload(blob, name) {
  if (lastUrl) URL.revokeObjectURL(lastUrl);
  lastUrl = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = lastUrl;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
}

// ---- building ----------------------------------------------------------------------------

/**
 * Builds the package planned by planPackage() into a sink from openSink(). options:
 * {onProgress({doneBytes, totalBytes, doneFiles, totalFiles}), signal}. -> {ok: true, name,
 * kind ('picker' | 'download'), entries, payloadBytes} | {ok: false, code, name?, detail?}
 * (zip.file_changed, zip.file_missing, zip.write_failed). A cancel rejects with an AbortError;
 * the sink is aborted (the picker's file is not created, the OPFS copy is dropped).
 */
export async function buildPackage(plan, sink, { onProgress, signal } = {}) {
  await ensureEngine();
  const { writePackageZip } = await import('../formats/zip-write.js');
  const byPath = new Map(plan.files.map((f) => [f.path, f.file]));
  if (signal?.aborted) {
    await sink.writable.abort?.().catch(() => {});
    throw abortError();
  }
  const result = await writePackageZip(plan, sink.writable, { fileFor: (p) => byPath.get(p) ?? null, onProgress, signal });
  if (!result.ok) return result;
  const where = await sink.finish();
  return { ...result, ...where };
}
