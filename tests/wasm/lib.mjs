// Shared helpers of the tests/wasm/*.test.mjs suites (not a test file itself).
//
// Environment (set by tests/CMakeLists.txt and the `wasm` test preset):
//   KKPHAM_SOURCE_DIR   repository root            (default: two levels above this file)
//   KKPHAM_DIST         the built app folder       (default: <root>/build/wasm/dist)
//   KKPHAM_NATIVE_CLI   the native kkpham binary   (the parity test skips only when unset)
import fs from 'node:fs';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const SOURCE_DIR = process.env.KKPHAM_SOURCE_DIR
  ? path.resolve(process.env.KKPHAM_SOURCE_DIR)
  : path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DIST_DIR = process.env.KKPHAM_DIST
  ? path.resolve(process.env.KKPHAM_DIST)
  : path.join(SOURCE_DIR, 'build', 'wasm', 'dist');
export const NATIVE_CLI = process.env.KKPHAM_NATIVE_CLI || null;
export const VECTORS_DIR = path.join(SOURCE_DIR, 'tests', 'vectors');

/** Resolves a path written in a vector (relative to the repository root). */
export function repoPath(p) {
  return path.isAbsolute(p) ? p : path.join(SOURCE_DIR, p);
}

export function readText(p) {
  return fs.readFileSync(repoPath(p), 'utf8');
}

let facadePromise = null;
/** The facade module (build/wasm/dist/kkpham-api.js): the same file the browser loads. */
export function importFacade() {
  facadePromise ??= import(pathToFileURL(path.join(DIST_DIR, 'kkpham-api.js')).href);
  return facadePromise;
}

let wasmBinary = null;
/** A new engine from the dist build (node passes the .wasm bytes; the browser fetches them). */
export async function newEngine() {
  const { loadEngine } = await importFacade();
  wasmBinary ??= fs.readFileSync(path.join(DIST_DIR, 'kkpham-core.wasm'));
  return loadEngine({ wasmBinary });
}

/**
 * Every tests/vectors/*.json, sorted by name, as
 * {name, file, pack (path), packText, answersText, expected, raw (the vector object)}.
 * A vector holds "answers" (an object, serialised here with JSON.stringify) or
 * "answers_file" (a path whose bytes are used as they are).
 */
export function readVectors() {
  if (!fs.existsSync(VECTORS_DIR)) return [];
  return fs
    .readdirSync(VECTORS_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const file = path.join(VECTORS_DIR, f);
      const raw = JSON.parse(fs.readFileSync(file, 'utf8'));
      let answersText = null;
      let answersPath = null;
      if (typeof raw.answers_file === 'string') {
        answersPath = repoPath(raw.answers_file);
        answersText = fs.readFileSync(answersPath, 'utf8');
      } else if (raw.answers !== undefined) {
        answersText = JSON.stringify(raw.answers);
      }
      return {
        name: f.replace(/\.json$/, ''),
        file,
        pack: typeof raw.pack === 'string' ? repoPath(raw.pack) : null,
        packText: typeof raw.pack === 'string' ? readText(raw.pack) : null,
        answersText,
        answersPath,
        expected: raw.expected,
        raw,
      };
    });
}

/**
 * Recursive "expected is a subset of actual": objects need every expected key (extra actual
 * keys are fine); arrays need the same length and element-wise subsets; everything else is
 * compared with Object.is (so 75 === 75.0, and -0 is not 0). Returns null or the first
 * mismatch as a string with its JSON path.
 */
export function subsetMismatch(expected, actual, where = '$') {
  if (expected !== null && typeof expected === 'object') {
    if (Array.isArray(expected)) {
      if (!Array.isArray(actual)) return `${where}: expected an array, got ${JSON.stringify(actual)}`;
      if (actual.length !== expected.length) {
        return `${where}: expected ${expected.length} items, got ${actual.length}`;
      }
      for (let i = 0; i < expected.length; i++) {
        const m = subsetMismatch(expected[i], actual[i], `${where}[${i}]`);
        if (m) return m;
      }
      return null;
    }
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) {
      return `${where}: expected an object, got ${JSON.stringify(actual)}`;
    }
    for (const [k, v] of Object.entries(expected)) {
      if (!(k in actual)) return `${where}.${k}: missing`;
      const m = subsetMismatch(v, actual[k], `${where}.${k}`);
      if (m) return m;
    }
    return null;
  }
  return Object.is(expected, actual)
    ? null
    : `${where}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`;
}

/** Runs a program; resolves {code, stdout, stderr} (never rejects on a non-zero exit). */
export function run(file, args, options = {}) {
  return new Promise((resolve, reject) => {
    execFile(file, args, { maxBuffer: 1 << 30, encoding: 'utf8', ...options }, (err, stdout, stderr) => {
      if (err && typeof err.code !== 'number') return reject(err);
      resolve({ code: err ? err.code : 0, stdout, stderr });
    });
  });
}

/** Runs async jobs with at most `limit` at a time; results in input order. */
export async function mapLimit(items, limit, fn) {
  const results = new Array(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i], i);
    }
  });
  await Promise.all(workers);
  return results;
}

/**
 * Splits the text of a top-level JSON array into the exact source text of each element
 * (no re-serialisation, so byte comparisons stay meaningful). Returns null if `text` is not a
 * well-formed array at the top level.
 */
export function splitJsonArray(text) {
  let i = 0;
  const n = text.length;
  const ws = () => { while (i < n && ' \t\r\n'.includes(text[i])) i++; };
  ws();
  if (text[i] !== '[') return null;
  i++;
  const out = [];
  ws();
  if (text[i] === ']') { i++; ws(); return i === n ? out : null; }
  for (;;) {
    ws();
    const start = i;
    let depth = 0;
    let inString = false;
    for (; i < n; i++) {
      const c = text[i];
      if (inString) {
        if (c === '\\') i++;
        else if (c === '"') inString = false;
      } else if (c === '"') inString = true;
      else if (c === '[' || c === '{') depth++;
      else if (c === ']' || c === '}') {
        if (depth === 0) break;
        depth--;
      } else if (c === ',' && depth === 0) break;
    }
    if (i >= n) return null;
    out.push(text.slice(start, i).replace(/[ \t\r\n]+$/, ''));
    if (text[i] === ',') { i++; continue; }
    i++; // the closing ']'
    ws();
    return i === n ? out : null;
  }
}
