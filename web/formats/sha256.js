// Streaming SHA-256 of evidence files. Memory stays bounded whatever the file's size, and the
// reads make (almost) no garbage, so a folder of 1 GB does not pile up slices for the collector:
// * a file of at most WHOLE_MAX bytes (most scanned PDFs) is read into a reused buffer and
//   hashed by the browser's own SHA-256 (crypto.subtle, native code: several times faster);
// * a larger one is read in CHUNK-sized pieces into one reused buffer and fed to hash-wasm's
//   incremental SHA-256 (vendored from npm);
// * reads go through the Blob's byte stream with a BYOB reader (the buffer is handed over and
//   back, never copied into new ones); where that is missing, slices of CHUNK bytes are read
//   (one ahead), and where crypto.subtle is missing (a page served over plain http from another
//   machine) hash-wasm hashes every file.
// Runs in the hash worker (formats/hash-worker.js), on the main thread when no worker can be
// started, and under node (tests/web/sha256.test.mjs).
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

function canReadByob(blob) {
  try {
    blob.slice(0, 0).stream().getReader({ mode: 'byob' }).releaseLock();
    return true;
  } catch {
    return false;
  }
}

// Fills up to `size` bytes of `buf` from a BYOB reader. The buffer is transferred on each read:
// the one to use afterwards is the returned `buf`.
async function byobFill(reader, buf, size, signal) {
  let filled = 0;
  while (filled < size) {
    if (signal?.aborted) throw abortError(signal);
    const { value, done } = await reader.read(new Uint8Array(buf, filled, size - filled));
    if (value) {
      buf = value.buffer;
      filled += value.byteLength;
    }
    if (done) return { buf, filled, done: true };
  }
  return { buf, filled, done: false };
}

// The pieces of a blob without BYOB reads: slices of `size` bytes, one read ahead.
async function* slices(blob, size, signal) {
  const total = blob.size;
  const read = (at) => (at < total ? blob.slice(at, Math.min(total, at + size)).arrayBuffer() : null);
  let at = 0;
  let next = read(0);
  while (next) {
    const buf = await next;
    if (signal?.aborted) throw abortError(signal);
    if (buf.byteLength === 0) throw new Error('sha256OfBlob: the file got shorter while it was read');
    at += buf.byteLength;
    next = read(at);
    yield new Uint8Array(buf);
  }
}

// The pieces of a blob through one reused buffer (each view valid until the next is asked for).
async function* reusedPieces(blob, size, signal) {
  const reader = blob.stream().getReader({ mode: 'byob' });
  let buf = new ArrayBuffer(size);
  try {
    for (;;) {
      const r = await byobFill(reader, buf, size, signal);
      buf = r.buf;
      if (r.filled) yield new Uint8Array(buf, 0, r.filled);
      if (r.done) return;
    }
  } finally {
    reader.cancel().catch(() => {});
  }
}

let spare = null; // the whole-file buffer, lent to one call at a time

const toHex = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

// A file of at most wholeMax bytes, read at once (into the spare buffer with BYOB reads) and
// hashed by crypto.subtle.
async function wholeDigest(blob, subtle, wholeMax, useByob, signal) {
  const size = blob.size;
  let bytes;
  if (size === 0) {
    bytes = new Uint8Array(0);
  } else if (useByob) {
    let buf = spare && spare.byteLength >= size ? spare : new ArrayBuffer(Math.max(size, wholeMax));
    spare = null;
    const reader = blob.stream().getReader({ mode: 'byob' });
    try {
      const r = await byobFill(reader, buf, size, signal);
      buf = r.buf;
      if (r.filled !== size) throw new Error('sha256OfBlob: the file changed size while it was read');
      bytes = new Uint8Array(buf, 0, size);
    } finally {
      reader.cancel().catch(() => {});
    }
    try {
      return new Uint8Array(await subtle.digest('SHA-256', bytes)); // digest() copies its input
    } finally {
      spare = buf;
    }
  } else {
    const buf = await blob.arrayBuffer();
    if (buf.byteLength !== size) throw new Error('sha256OfBlob: the file changed size while it was read');
    bytes = new Uint8Array(buf);
  }
  return new Uint8Array(await subtle.digest('SHA-256', bytes));
}

/**
 * The SHA-256 (64 lower-case hex digits) of a Blob or File, read piece by piece.
 * onBytes(doneBytes) after each piece; signal: an AbortSignal, checked between pieces
 * (rejects with an AbortError). wholeMax: the largest size hashed at once by crypto.subtle
 * (0: always hash-wasm); chunk: the piece size for hash-wasm; byob: false to read slices.
 */
export async function sha256OfBlob(blob, { onBytes, signal, chunk = CHUNK, wholeMax = WHOLE_MAX, byob = true } = {}) {
  if (!blob || typeof blob.slice !== 'function' || typeof blob.size !== 'number') {
    throw new TypeError('sha256OfBlob: a Blob or File is needed');
  }
  if (signal?.aborted) throw abortError(signal);
  const useByob = byob && canReadByob(blob);
  const subtle = globalThis.crypto?.subtle;
  if (blob.size <= wholeMax && subtle) {
    const digest = await wholeDigest(blob, subtle, wholeMax, useByob, signal);
    if (signal?.aborted) throw abortError(signal);
    onBytes?.(blob.size);
    return toHex(digest);
  }
  const hasher = await createSha256();
  let done = 0;
  for await (const p of useByob ? reusedPieces(blob, chunk, signal) : slices(blob, chunk, signal)) {
    hasher.update(p);
    done += p.byteLength;
    onBytes?.(done);
  }
  if (done !== blob.size) throw new Error('sha256OfBlob: the file changed size while it was read');
  return hasher.digestHex();
}
