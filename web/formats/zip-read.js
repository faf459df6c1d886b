// A received submission package (a ZIP) read into the listing engine.verifyPackage checks:
// {files: [{path, size, sha256}], texts: {path: text}}, paths relative to the package's one root
// folder. Hostile archives are refused before any entry is read, with the CLI's rules and limits
// (tools/kkpham/zip_package.cpp, read_package_zip): too many entries, absolute paths, drive
// letters, backslashes, control characters, "..", "." or empty path components, symbolic links,
// duplicate names (also differing only in case), everything not under one root folder, declared
// sizes over the limits or an over-high compression ratio, and data longer or shorter than
// declared. The file is read by slices (zip.js's BlobReader): its end record first, checked
// here before zip.js reads the central directory, then each entry streamed through SHA-256; only
// the tag files and data/00-formulir/* are kept, as text, with a size bound. Nothing is written.
//
// Errors are values: {ok: false, code, name?, detail?}; the caller words them (web/state/verify.js).
import { ZipReader, BlobReader, configure } from '../vendor/@zip.js/zip.js/zip-core-external.min.js';
import { createSha256 } from './sha256.js';

// The CLI's limits (tools/kkpham/zip_package.hpp); kept equal by tests/web/zip.test.mjs.
export const LIMITS = Object.freeze({
  maxEntries: 5000,
  maxEntrySize: 2 * 1024 ** 3,     // 2 GiB uncompressed, one file
  maxTotalSize: 8 * 1024 ** 3,     // 8 GiB uncompressed, all files
  maxRatio: 200,                   // uncompressed / compressed, above 1 MiB
  maxText: 8 * 1024 ** 2,          // a tag file or a form file read as text
  maxCentralDirectory: 64 * 1024 ** 2, // the central directory zip.js reads in one slice
});

// No web workers (the CSP allows no blob: worker) and the browser's own (de)compression
// streams: zip.js loads neither its worker script nor its wasm module.
configure({ useWebWorkers: false, useCompressionStream: true });

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;

class Refusal extends Error {
  constructor(code, fields = {}) {
    super(code);
    this.refusal = { ok: false, code, ...fields };
  }
}

async function bytesAt(blob, from, length) {
  const start = Math.max(0, from);
  return new Uint8Array(await blob.slice(start, Math.min(blob.size, start + length)).arrayBuffer());
}

/**
 * The entry count and central directory size the end record declares, read from the last
 * 64 KiB (+22 bytes) of the file, and from the zip64 end record when the short one is full.
 */
async function endRecord(blob) {
  const tail = await bytesAt(blob, blob.size - (65535 + 22), 65535 + 22);
  const view = new DataView(tail.buffer, tail.byteOffset, tail.byteLength);
  let at = -1;
  for (let i = tail.length - 22; i >= 0; i -= 1) {
    if (view.getUint32(i, true) === EOCD) {
      at = i;
      break;
    }
  }
  if (at < 0) throw new Refusal('zip.not_zip');
  let entries = view.getUint16(at + 10, true);
  let cdSize = view.getUint32(at + 12, true);
  if (entries === 0xffff || cdSize === 0xffffffff || view.getUint32(at + 16, true) === 0xffffffff) {
    const eocdOffset = blob.size - tail.length + at;
    const loc = await bytesAt(blob, eocdOffset - 20, 20);
    const lv = new DataView(loc.buffer, loc.byteOffset, loc.byteLength);
    if (loc.length === 20 && lv.getUint32(0, true) === ZIP64_LOCATOR) {
      const offset = Number(lv.getBigUint64(8, true));
      const rec = await bytesAt(blob, offset, 56);
      const rv = new DataView(rec.buffer, rec.byteOffset, rec.byteLength);
      if (rec.length < 56 || rv.getUint32(0, true) !== ZIP64_EOCD) throw new Refusal('zip.damaged');
      entries = Number(rv.getBigUint64(32, true));
      cdSize = Number(rv.getBigUint64(40, true));
    }
  }
  return { entries, cdSize };
}

/** The reason a name cannot be unpacked safely, as the CLI's unsafe_name(), or null. */
export function unsafeName(name) {
  if (name === '') return 'zip.empty_name';
  if (name[0] === '/' || name[0] === '\\') return 'zip.absolute_path';
  if (name.length >= 2 && name[1] === ':') return 'zip.drive_letter';
  if (name.includes('\\')) return 'zip.backslash';
  if (/[\u0000-\u001f]/.test(name)) return 'zip.control_character';
  const parts = name.split('/');
  if (name.endsWith('/')) parts.pop(); // a folder entry
  for (const part of parts) {
    if (part === '..') return 'zip.path_traversal';
    if (part === '' || part === '.') return 'zip.empty_component';
  }
  return null;
}

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;
const isSymlink = (entry) => entry.symlink === true
  || (entry.versionMadeBy >> 8 === 3 && ((entry.externalFileAttributes >>> 16) & S_IFMT) === S_IFLNK);

/** The checks of the CLI's first pass (names, kinds, declared sizes) over zip.js's entries. */
function checkEntries(entries) {
  if (entries.length > LIMITS.maxEntries) throw new Refusal('zip.too_many_entries', { detail: String(entries.length) });
  const seen = new Set();
  let total = 0;
  let root = '';
  for (const entry of entries) {
    const name = entry.filename;
    const unsafe = unsafeName(name);
    if (unsafe) throw new Refusal(unsafe, { name });
    if (isSymlink(entry)) throw new Refusal('zip.symlink', { name });
    const key = name.toLowerCase();
    if (seen.has(key)) throw new Refusal('zip.duplicate_name', { name });
    seen.add(key);
    const slash = name.indexOf('/');
    const top = slash < 0 ? name : name.slice(0, slash);
    if (slash < 0 || (root !== '' && top !== root)) throw new Refusal('zip.not_one_folder', { name });
    root = top;
    const size = entry.uncompressedSize;
    const packed = entry.compressedSize;
    total += size;
    if (entry.encrypted) throw new Refusal('zip.encrypted', { name });
    if (size > LIMITS.maxEntrySize || total > LIMITS.maxTotalSize
      || (size > 1024 * 1024 && Math.floor(size / Math.max(packed, 1)) > LIMITS.maxRatio)) {
      throw new Refusal('zip.bomb', { name });
    }
  }
  return root;
}

const isText = (rel) => !rel.includes('/') || rel.startsWith('data/00-formulir/');

/**
 * Reads a package ZIP (a File or Blob). options: {onProgress({doneBytes, totalBytes, doneFiles,
 * totalFiles}), signal}. -> {ok: true, root, listing: {files, texts}} | {ok: false, code, name?,
 * detail?}. A cancel rejects with the signal's AbortError; other failures are values.
 */
export async function readPackageZip(blob, { onProgress, signal } = {}) {
  if (!blob || typeof blob.slice !== 'function') throw new TypeError('readPackageZip: a Blob or File is needed');
  let reader = null;
  try {
    if (blob.size < 22) throw new Refusal('zip.not_zip');
    const end = await endRecord(blob);
    if (end.entries > LIMITS.maxEntries) throw new Refusal('zip.too_many_entries', { detail: String(end.entries) });
    if (end.cdSize > LIMITS.maxCentralDirectory || end.cdSize > blob.size) throw new Refusal('zip.damaged');
    reader = new ZipReader(new BlobReader(blob), { filenameValidation: 'tolerant', strictness: 'balanced', useWebWorkers: false });
    let entries;
    try {
      entries = await reader.getEntries({ signal });
    } catch (err) {
      if (err?.name === 'AbortError') throw err;
      throw new Refusal(String(err?.message ?? '').includes('duplicate') ? 'zip.duplicate_name' : 'zip.not_zip',
        { detail: String(err?.message ?? err) });
    }
    const root = checkEntries(entries);
    const files = [];
    const texts = {};
    const fileEntries = entries.filter((e) => !e.directory && !e.filename.endsWith('/'));
    const totalBytes = fileEntries.reduce((n, e) => n + e.uncompressedSize, 0);
    let doneBytes = 0;
    let keptText = 0;
    for (const [i, entry] of fileEntries.entries()) {
      const name = entry.filename;
      const rel = name.slice(root.length + 1);
      const text = isText(rel);
      const hasher = await createSha256();
      const parts = [];
      let size = 0;
      const sink = new WritableStream({
        write(chunk) {
          size += chunk.length;
          if (size > entry.uncompressedSize) throw new Refusal('zip.damaged', { name });
          hasher.update(chunk);
          if (text) {
            if (size > LIMITS.maxText || keptText + size > 4 * LIMITS.maxText) throw new Refusal('zip.text_too_large', { name });
            parts.push(chunk.slice());
          }
          doneBytes += chunk.length;
          onProgress?.({ doneBytes, totalBytes, doneFiles: i, totalFiles: fileEntries.length });
        },
      });
      try {
        await entry.getData(sink, { signal, checkSignature: true, useWebWorkers: false });
      } catch (err) {
        if (err?.name === 'AbortError' || signal?.aborted) throw err;
        if (err instanceof Refusal) throw err;
        if (err?.refusal) throw err;
        throw new Refusal('zip.damaged', { name, detail: String(err?.message ?? err) });
      }
      if (size !== entry.uncompressedSize) throw new Refusal('zip.damaged', { name });
      if (text) {
        keptText += size;
        const bytes = new Uint8Array(size);
        let at = 0;
        for (const p of parts) {
          bytes.set(p, at);
          at += p.length;
        }
        texts[rel] = new TextDecoder('utf-8').decode(bytes);
      }
      files.push({ path: rel, size, sha256: hasher.digestHex() });
      onProgress?.({ doneBytes, totalBytes, doneFiles: i + 1, totalFiles: fileEntries.length });
    }
    return { ok: true, root, listing: { files, texts } };
  } catch (err) {
    // A Refusal thrown inside a stream's write() may come back wrapped by the stream machinery.
    const refusal = err?.refusal ?? err?.cause?.refusal;
    if (refusal) return refusal;
    if (err?.name === 'AbortError' || signal?.aborted) throw err;
    return { ok: false, code: 'zip.damaged', detail: String(err?.message ?? err) };
  } finally {
    await reader?.close().catch(() => {});
  }
}

/**
 * The answers file of a read package: the one bag-info.txt names (KKPHAM-Answers-File), else
 * the one JSON form file that is not the score file — as `kkpham verify` chooses it. -> path | null.
 */
export function answersPathOf(texts) {
  const info = texts['bag-info.txt'];
  if (typeof info === 'string') {
    const m = /KKPHAM-Answers-File: *([^\r\n]*)/.exec(info);
    if (m && Object.hasOwn(texts, m[1])) return m[1];
  }
  let found = null;
  for (const key of Object.keys(texts).sort()) {
    if (key.startsWith('data/00-formulir/') && key.length > 5 && key.endsWith('.json') && key !== 'data/00-formulir/hasil-penilaian.json') {
      found = key;
    }
  }
  return found;
}
