// Streaming SHA-256 of evidence files (hash-wasm's incremental SHA-256, vendored from npm):
// a file is read in slices of CHUNK bytes, one slice read ahead while the previous one is
// hashed, so memory stays at two slices whatever the file's size. A file of at most WHOLE_MAX
// bytes (most scanned PDFs) is read at once and hashed by the browser's own SHA-256
// (crypto.subtle, native code: several times faster); where crypto.subtle is missing (a page
// served over plain http from another machine) hash-wasm does those too. Runs in the hash worker
// (formats/hash-worker.js), on the main thread when no worker can be started, and under node
// (tests/web/sha256.test.mjs).
import { createSHA256 } from '../vendor/hash-wasm/index.esm.min.js';

export const CHUNK = 4 * 1024 * 1024;
export const WHOLE_MAX = 16 * 1024 * 1024;

function abortError(signal) {
  if (signal?.reason instanceof Error) return signal.reason;
  const e = new Error('hashing was cancelled');
  e.name = 'AbortError';
  return e;
}

/** An incremental hasher: {update(Uint8Array), digestHex()}; digestHex() ends it. */
export async function createSha256() {
  const hasher = await createSHA256();
  let done = false;
  return {
    update(bytes) {
      if (done) throw new Error('createSha256: update() after digestHex()');
      if (!(bytes instanceof Uint8Array)) throw new TypeError('createSha256: update() takes a Uint8Array');
      hasher.update(bytes);
    },
    digestHex() {
      if (done) throw new Error('createSha256: digestHex() called twice');
      done = true;
      return hasher.digest('hex');
    },
  };
}

/**
 * The SHA-256 (64 lower-case hex digits) of a Blob or File, read slice by slice.
 * onBytes(doneBytes) after each slice; signal: an AbortSignal, checked between slices
 * (rejects with an AbortError). wholeMax: the largest size read at once for crypto.subtle
 * (0: always stream).
 */
export async function sha256OfBlob(blob, { onBytes, signal, chunk = CHUNK, wholeMax = WHOLE_MAX } = {}) {
  if (!blob || typeof blob.slice !== 'function' || typeof blob.size !== 'number') {
    throw new TypeError('sha256OfBlob: a Blob or File is needed');
  }
  if (signal?.aborted) throw abortError(signal);
  const subtle = globalThis.crypto?.subtle;
  if (blob.size <= wholeMax && subtle) {
    const buf = await blob.arrayBuffer();
    if (signal?.aborted) throw abortError(signal);
    if (buf.byteLength !== blob.size) throw new Error('sha256OfBlob: the file changed size while it was read');
    const digest = new Uint8Array(await subtle.digest('SHA-256', buf));
    onBytes?.(buf.byteLength);
    return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
  }
  const hasher = await createSha256();
  const size = blob.size;
  const read = (at) => (at < size ? blob.slice(at, Math.min(size, at + chunk)).arrayBuffer() : null);
  let at = 0;
  let next = read(0);
  while (next) {
    const buf = await next;
    if (signal?.aborted) throw abortError(signal);
    if (buf.byteLength === 0) throw new Error('sha256OfBlob: the file got shorter while it was read');
    at += buf.byteLength;
    next = read(at); // read ahead while this slice is hashed
    hasher.update(new Uint8Array(buf));
    onBytes?.(at);
  }
  return hasher.digestHex();
}
