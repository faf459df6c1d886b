// The submission package written as a ZIP stream from the engine's package document
// (engine.package: root, entries in order, each with `file` (an evidence file to copy) or
// `content` (a text made by the engine)), as `kkpham package` writes it (tools/kkpham/
// zip_package.cpp): every entry under root/, in the engine's order; evidence files stored (PDFs
// are compressed already), texts deflated. Each evidence file is read as a stream, one at a time,
// and hashed on the way: a file whose bytes no longer match the size and SHA-256 the engine
// listed (changed since the folder check) stops the package (code "zip.file_changed") — the
// browser's equivalent of the CLI's read-back check. Memory stays at a few chunks whatever the
// package's size; where the bytes go is the caller's WritableStream (see openPackageSink).
import { ZipWriter, TextReader, configure } from '../vendor/@zip.js/zip.js/zip-core-external.min.js';
import { createSha256 } from './sha256.js';

configure({ useWebWorkers: false, useCompressionStream: true });

class Refusal extends Error {
  constructor(code, fields = {}) {
    super(code);
    this.refusal = { ok: false, code, ...fields };
  }
}

/**
 * A stream of the file's bytes that hashes them as they pass and, at its end, errors with
 * zip.file_changed when the size or SHA-256 differ from the expected ones.
 */
async function checkedStream(blob, expected, path, onBytes) {
  const hasher = await createSha256();
  let size = 0;
  const check = new TransformStream({
    transform(chunk, controller) {
      size += chunk.length;
      if (size > expected.size) throw new Refusal('zip.file_changed', { name: path });
      hasher.update(chunk);
      onBytes(chunk.length);
      controller.enqueue(chunk);
    },
    flush() {
      if (size !== expected.size || hasher.digestHex() !== expected.sha256) throw new Refusal('zip.file_changed', { name: path });
    },
  });
  // A read that fails (a browser refuses to read a chosen file that changed on disk since it
  // was chosen: "NotReadableError", or a bare "network error") is that file's change too.
  const reader = blob.stream().getReader();
  const source = new ReadableStream({
    async pull(controller) {
      let r;
      try {
        r = await reader.read();
      } catch (e) {
        throw new Refusal('zip.file_changed', { name: path, detail: String(e?.message ?? e) });
      }
      if (r.done) controller.close();
      else controller.enqueue(r.value);
    },
    cancel: (reason) => reader.cancel(reason),
  });
  return source.pipeThrough(check);
}

/**
 * Writes the package into `writable` (a WritableStream of bytes; closed at the end, aborted on
 * failure). options: {fileFor(path) -> the File/Blob of an evidence path (engine entry's `file`)
 * or null, onProgress({doneBytes, totalBytes, doneFiles, totalFiles}), signal, now (Date of the
 * text entries; default: now)}. -> {ok: true, bytes: {entries, payload}} | {ok: false, code,
 * name?}. A cancel rejects with an AbortError (the writable is aborted: nothing half-written kept).
 */
export async function writePackageZip(pkg, writable, { fileFor, onProgress, signal, now = new Date() } = {}) {
  if (!pkg || typeof pkg.root !== 'string' || !Array.isArray(pkg.entries)) throw new TypeError('writePackageZip: an engine package document is needed');
  if (typeof fileFor !== 'function') throw new TypeError('writePackageZip: fileFor(path) is needed');
  const totalBytes = pkg.entries.reduce((n, e) => n + e.size, 0);
  const totalFiles = pkg.entries.length;
  let doneBytes = 0;
  const progress = (doneFiles) => onProgress?.({ doneBytes, totalBytes, doneFiles, totalFiles });
  // zip.js writes into a proxy, so that a failure here can still abort the caller's stream
  // (a file picker's stream discards its temporary file then) whatever state zip.js left.
  const out = writable.getWriter();
  let closed = false;
  const proxy = new WritableStream({
    write: (chunk) => out.write(chunk),
    close: () => {
      closed = true;
      return out.close();
    },
  });
  const writer = new ZipWriter(proxy, { useWebWorkers: false, keepOrder: true, signal });
  try {
    for (const [i, e] of pkg.entries.entries()) {
      if (signal?.aborted) throw signal.reason ?? new DOMException('cancelled', 'AbortError');
      const path = `${pkg.root}/${e.path}`;
      if (typeof e.file === 'string') {
        const blob = fileFor(e.file);
        if (!blob) throw new Refusal('zip.file_missing', { name: e.file });
        if (blob.size !== e.size) throw new Refusal('zip.file_changed', { name: e.file });
        const stream = await checkedStream(blob, e, e.file, (n) => {
          doneBytes += n;
          progress(i);
        });
        await writer.add(path, stream, {
          level: 0, uncompressedSize: e.size, zip64: e.size > 0xfff00000,
          lastModDate: blob.lastModified ? new Date(blob.lastModified) : now, signal,
        });
      } else {
        await writer.add(path, new TextReader(e.content), { level: 6, lastModDate: now, signal });
        doneBytes += e.size;
      }
      progress(i + 1);
    }
    await writer.close(undefined, { zip64: totalBytes > 0xf0000000 });
    return { ok: true, entries: totalFiles, payloadBytes: totalBytes };
  } catch (err) {
    if (!closed) await out.abort(err).catch(() => {});
    const refusal = err?.refusal ?? err?.cause?.refusal;
    if (refusal) return refusal;
    if (err?.name === 'AbortError' || signal?.aborted) throw err;
    return { ok: false, code: 'zip.write_failed', detail: String(err?.message ?? err) };
  }
}

/** The package as a Blob, in memory: for tests and small packages only. */
export async function packageZipBlob(pkg, options) {
  const ts = new TransformStream();
  const blob = new Response(ts.readable).blob();
  blob.catch(() => {}); // rejected when the writing fails: the result says why
  const result = await writePackageZip(pkg, ts.writable, options);
  if (!result.ok) return result;
  return { ...result, blob: await blob };
}
