// The files of the folder check (issue 16): the data dukung a user points kkpham at, hashed
// locally in a worker (web/formats/hash-worker.js), never uploaded and never stored. Files
// cannot be kept across a reload, so they live in memory for this tab, tied to the assessment
// they were checked against. The check itself (found, missing, changed, renamed, files no item
// uses, the completeness gate) is the engine's evidenceCheck, the same as the CLI's `check`.
import { ctx, ensureEngine, entry, changed } from './assessment.js';

let last = null; // {key, files, unreadable, at}
const listeners = new Set();

function notify() {
  for (const fn of listeners) {
    try {
      fn(checkedFiles());
    } catch (e) {
      console.error(e);
    }
  }
}

/** The files of the last folder check of the open assessment in this tab: [{path, name, size, sha256, mtime, file}]. */
export function checkedFiles() {
  return last && last.key === ctx.key ? last.files : [];
}

/** True when a folder was checked for the open assessment in this tab. */
export function folderChecked() {
  return Boolean(last && last.key === ctx.key);
}

/** The last check of the open assessment: {files, unreadable: [{path, name, size, error}], at} or null. */
export function lastCheck() {
  return last && last.key === ctx.key ? last : null;
}

/** fn(files) after each folder check or forget(); returns the unsubscribe function. */
export function onCheckedFilesChange(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** Forgets the checked files (the gate goes back to the answers' own "ready" marks). */
export function forgetCheckedFiles() {
  if (!last) return;
  last = null;
  notify();
}

// A file's path relative to the chosen folder ('/'-separated, as the CLI's `--evidence DIR`
// gives it), or its name when files were chosen. keepFolder: the chosen folder's name stays in
// front (a folder added to a check, whose files may share names with the first folder's).
function pathOf(file, keepFolder = false) {
  const rel = typeof file.webkitRelativePath === 'string' ? file.webkitRelativePath : '';
  if (!rel) return file.name;
  const slash = rel.indexOf('/');
  return keepFolder || slash < 0 ? rel : rel.slice(slash + 1);
}

const byPath = (a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

/**
 * A file time as kkpham records it everywhere (an attached file's `modified`, a checked file's
 * `mtime`, the package's listing): ISO 8601 UTC in whole seconds, "YYYY-MM-DDTHH:MM:SSZ", the
 * format the CLI writes (tools/kkpham/evidence_files.cpp iso_time); '' when unknown.
 */
export function fileTime(ms) {
  if (!Number.isFinite(ms) || ms <= 0) return '';
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

// The file's modification time ('' when the browser does not give one).
export function mtimeOf(file) {
  return fileTime(file.lastModified);
}

function abortError() {
  const e = new Error('hashing was cancelled');
  e.name = 'AbortError';
  return e;
}

// Module workers need the served app: the single-file build (file://, worker-src 'none') has none.
function startWorker() {
  if (typeof Worker !== 'function' || globalThis.KKPHAM_EMBED || !globalThis.location?.protocol.startsWith('http')) return null;
  try {
    return new Worker(new URL('../formats/hash-worker.js', import.meta.url), { type: 'module' });
  } catch {
    return null; // no module workers here (e.g. the single-file build's CSP): hash on this thread
  }
}

// Hashes on this thread (slices, awaited one by one: the page stays responsive between them).
async function hashHere(list, report, signal) {
  const { sha256OfBlob } = await import('../formats/sha256.js');
  const out = [];
  for (let index = 0; index < list.length; index += 1) {
    if (signal?.aborted) throw abortError();
    try {
      const sha256 = await sha256OfBlob(list[index], { signal, onBytes: (n) => report.bytes(index, n) });
      out.push({ index, sha256 });
    } catch (e) {
      if (signal?.aborted) throw abortError();
      out.push({ index, error: { name: e?.name ?? 'Error', message: String(e?.message ?? e) } });
    }
    report.fileDone(index);
  }
  return out;
}

// Hashes in the worker; resolves null when the worker could not start at all (caller falls back).
function hashInWorker(list, onProgress, signal) {
  const worker = startWorker();
  if (!worker) return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    const out = [];
    let heard = false;
    const finish = (fn, v) => {
      worker.terminate();
      signal?.removeEventListener('abort', onAbort);
      fn(v);
    };
    const onAbort = () => finish(reject, abortError()); // terminate stops the hashing at once
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.addEventListener('error', (e) => {
      e.preventDefault?.();
      if (!heard) finish(resolve, null);
      else finish(reject, new Error(`the hashing worker failed: ${e.message || 'unknown error'}`));
    });
    worker.addEventListener('message', (event) => {
      heard = true;
      const m = event.data;
      if (m.type === 'progress') onProgress?.({ doneBytes: m.doneBytes, totalBytes: m.totalBytes, doneFiles: m.doneFiles, totalFiles: m.totalFiles });
      else if (m.type === 'file') out.push(m);
      else if (m.type === 'done') finish(resolve, out);
      else if (m.type === 'cancelled') finish(reject, abortError());
      else if (m.type === 'failed') finish(reject, new Error(m.error?.message || 'hashing failed'));
    });
    worker.postMessage({ type: 'hash', files: list });
  });
}

/**
 * Hashes the chosen files (a FileList or an array of File), off the main thread when it can.
 * -> [{path, name, size, sha256, mtime, file}] in the order given; files that could not be read
 * are left out and listed in the array's `unreadable` property ([{path, name, size, error}]).
 * onProgress({doneBytes, totalBytes, doneFiles, totalFiles}); signal: an AbortSignal (cancel
 * rejects with an AbortError); keepFolder: paths keep the chosen folder's name in front.
 */
export async function hashFiles(fileList, { onProgress, signal, keepFolder = false } = {}) {
  const list = Array.from(fileList ?? []);
  if (signal?.aborted) throw abortError();
  let results = await hashInWorker(list, onProgress, signal);
  if (!results) {
    const totalBytes = list.reduce((n, f) => n + f.size, 0);
    let base = 0;
    let doneFiles = 0;
    const report = {
      bytes: (index, n) => onProgress?.({ doneBytes: base + n, totalBytes, doneFiles, totalFiles: list.length }),
      fileDone: (index) => {
        base += list[index].size;
        doneFiles += 1;
        onProgress?.({ doneBytes: base, totalBytes, doneFiles, totalFiles: list.length });
      },
    };
    results = await hashHere(list, report, signal);
  }
  const byIndex = new Map(results.map((r) => [r.index, r]));
  const files = [];
  const unreadable = [];
  list.forEach((file, index) => {
    const r = byIndex.get(index);
    const base = { path: pathOf(file, keepFolder), name: file.name, size: file.size };
    if (r?.sha256) files.push({ ...base, sha256: r.sha256, mtime: mtimeOf(file), file });
    else unreadable.push({ ...base, error: r?.error?.message ?? 'not read' });
  });
  files.unreadable = unreadable;
  return files;
}

// The engine's file list: the File objects stay here.
export function engineFiles(files) {
  return { files: files.map(({ path, name, size, sha256, mtime }) => ({ path, name, size, sha256, mtime })) };
}

/**
 * Hashes the chosen files, runs the folder check of the open assessment and keeps the files
 * for this tab -> engine.evidenceCheck's result ({ok, evidence: {items, unreferenced, counts},
 * gate}), with `unreadable` added. opts.add: the files join those of the last check (another
 * folder of data dukung, its paths led by its folder's name; a file at the same path replaces
 * the one checked before).
 */
export async function checkFolder(fileList, opts = {}) {
  const key = ctx.key;
  const hashed = await hashFiles(fileList, { ...opts, keepFolder: Boolean(opts.add && lastCheck()) });
  const engine = await ensureEngine();
  if (!ctx.answers || ctx.key !== key) throw new Error('checkFolder: the assessment was closed meanwhile');
  let files = hashed;
  let unreadable = hashed.unreadable;
  const before = lastCheck();
  if (opts.add && before) {
    const paths = new Set(hashed.map((f) => f.path).concat(unreadable.map((f) => f.path)));
    files = before.files.filter((f) => !paths.has(f.path)).concat(hashed);
    unreadable = before.unreadable.filter((f) => !paths.has(f.path)).concat(unreadable);
  }
  files.sort(byPath); // the CLI's order (it walks the folder sorted by path)
  const result = engine.evidenceCheck(ctx.answers, engineFiles(files));
  // A list the engine refuses (e.g. more files than it takes) is not kept: the last check stands.
  if (!result.ok && (result.errors || []).some((d) => String(d.code).startsWith('files.'))) return { ...result, unreadable };
  last = { key, files, unreadable, at: new Date().toISOString() };
  notify();
  return { ...result, unreadable };
}

/**
 * Records a file found by the folder check as the reference of an evidence item (the folder
 * check's "use this file": a file found under another name, or changed since it was
 * referenced): its name, size, SHA-256 and time; the item is marked ready.
 */
export function adoptFoundFile(indicatorId, evidenceId, found) {
  const en = entry(indicatorId);
  if (!Array.isArray(en.evidence)) en.evidence = [];
  let it = en.evidence.find((x) => x && x.id === evidenceId);
  if (!it) {
    it = { id: evidenceId, status: 'missing' };
    en.evidence.push(it);
  }
  it.reference = found.name;
  it.sha256 = found.sha256;
  it.size = found.size;
  if (found.mtime) it.modified = found.mtime;
  else delete it.modified;
  it.status = 'ready';
  changed();
}

/** The folder check again with the same files, for the current answers (null when none was checked). */
export function recheck() {
  if (!folderChecked() || !ctx.engine || !ctx.answers) return null;
  return { ...ctx.engine.evidenceCheck(ctx.answers, engineFiles(last.files)), unreadable: last.unreadable };
}

/** The completeness gate of the current answers: against the checked files when a folder was checked, else on the "ready" marks. */
export function currentGate() {
  if (!ctx.engine || !ctx.answers) return null;
  return ctx.engine.gate(ctx.answers, folderChecked() ? engineFiles(last.files) : undefined);
}

/**
 * Hashes one file chosen or dropped on an evidence item -> the reference to record:
 * {reference: its name, size, sha256, modified: its time (ISO 8601 UTC, '' if unknown)}.
 * The file is read here and forgotten: never uploaded, never stored.
 */
export async function attachFile(file, { onProgress, signal } = {}) {
  const files = await hashFiles([file], { onProgress, signal });
  if (!files.length) {
    const e = new Error(files.unreadable[0]?.error || 'the file could not be read');
    e.name = 'NotReadableError';
    throw e;
  }
  const [f] = files;
  return { reference: f.name, size: f.size, sha256: f.sha256, modified: f.mtime };
}

/**
 * A size for people: {value, unit} with value rounded half-up on the exact byte count to 2
 * decimals (units of 1000: B, KB, MB, GB), e.g. 1 234 567 -> {value: 1.23, unit: 'MB'}.
 */
export function sizeParts(bytes) {
  const n = Math.max(0, Math.trunc(Number(bytes) || 0));
  if (n < 1000) return { value: n, unit: 'B' };
  const units = [['KB', 1e3], ['MB', 1e6], ['GB', 1e9]];
  let [unit, div] = units[0];
  for (const [u, d] of units) if (n >= d) [unit, div] = [u, d];
  let hundredths = Math.floor((n * 100 + div / 2) / div); // exact while n * 100 < 2^53 (90 TB)
  if (hundredths >= 100000 && unit !== 'GB') {
    const next = units[units.findIndex(([u]) => u === unit) + 1];
    [unit, div] = next;
    hundredths = Math.floor((n * 100 + div / 2) / div);
  }
  return { value: hundredths / 100, unit };
}
